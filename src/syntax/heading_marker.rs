//! Heading marker: the numbering that opens a numbered heading.
//!
//! ```bnf
//! heading_marker ::= law | chinese | chinese_parenthesized | arabic
//!                  | arabic_parenthesized | circled | markdown
//! law            ::= "第" *space numeral *space ("编" | "章" | "节" | "条")
//!                    [*space "之" *space chinese_numeral]          ; 第三条之一
//! chinese        ::= chinese_numeral *space ("、" | "." | "．" | "，" | "," | "：")
//!                    ; not before another numeral and 、 (一、二季度)
//! chinese_parenthesized ::= open *space chinese_numeral *space close [*space "、"] | ㈠…㈩
//! arabic         ::= arabic_numeral *space ("." | "．" | "、") ; not before a digit (1.5亿元)
//!                  | ⒈…⒛
//! arabic_parenthesized ::= open *space arabic_numeral *space close | arabic_numeral close | ⑴…⒇
//! circled        ::= ①… | ❶… | ➀… | ⓵…
//! markdown       ::= 1*6"#" 1*space                             ; ## 第一章 总则 → chapter
//! open           ::= "（" | "("
//! close          ::= "）" | ")"
//! ```
//!
//! GB/T 9704-2012 §7.3.3 orders the levels 一、 > （一） > 1. > （1）; laws
//! use 编 > 章 > 节 > 条. Wrong forms (`一.`, `一，`, `（一）、`, `1、`) are
//! recognized as the family they imitate, with the marker kept as written
//! (less its inner spaces), so that `outline check` can flag them.
//!
//! ```text
//! > | （ 一 ） 着力 扩大 国内 需求 。
//!     ^^^^^^^ chinese_parenthesized 1, marker `（一）`
//! > | 一、二季度经济运行平稳
//!     not a marker: 一、二 is an abbreviated pair of numerals
//! > | 1.5亿元
//!     not a marker: a decimal number
//! ```

#[cfg(test)]
use super::numeral::enclosed_numeral;
use super::numeral::{
    arabic_numeral, chinese_numeral, enclosed_number, is_arabic_digit, key3, lead3,
    may_start_chinese_numeral, may_start_chinese_numeral_at, EnclosedKind,
};
#[cfg(test)]
use super::spaces;
use crate::text::{contains_space, is_space, trim_start_spaces as skip_spaces};
use nom::{
    bytes::complete::{take_while1, take_while_m_n},
    character::complete::anychar,
    combinator::peek,
    IResult, Parser,
};
use std::borrow::Cow;

/// The family of a heading marker. Its `scheme` name is stable JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum HeadingFamily {
    /// `第一编`
    Part,
    /// `第一章`
    Chapter,
    /// `第一节`
    Section,
    /// `第一条`, `第三条之一`
    Article,
    /// `一、`
    Chinese,
    /// `（一）`, `(一)`, `㈠`
    ChineseParenthesized,
    /// `1.`, `１．`, `1、`, `⒈`
    Arabic,
    /// `（1）`, `(1)`, `1）`, `⑴`
    ArabicParenthesized,
    /// `①`, `❶`
    Circled,
    /// A Markdown `#` heading of the given depth (1 to 6) with no other marker.
    Markdown(u8),
}

impl HeadingFamily {
    /// The stable snake_case name used in the JSON `scheme` field.
    pub(crate) fn scheme(self) -> &'static str {
        match self {
            HeadingFamily::Part => "part",
            HeadingFamily::Chapter => "chapter",
            HeadingFamily::Section => "section",
            HeadingFamily::Article => "article",
            HeadingFamily::Chinese => "chinese",
            HeadingFamily::ChineseParenthesized => "chinese_parenthesized",
            HeadingFamily::Arabic => "arabic",
            HeadingFamily::ArabicParenthesized => "arabic_parenthesized",
            HeadingFamily::Circled => "circled",
            HeadingFamily::Markdown(_) => "markdown",
        }
    }

    /// The family's place in the conventional order: a smaller rank is a
    /// higher level. Laws (编 > 章 > 节 > 条) come before the 公文 ladder
    /// (一、 > （一） > 1. > （1） > ①); Markdown depths interleave.
    pub(crate) fn rank(self) -> u32 {
        match self {
            HeadingFamily::Part => 20,
            HeadingFamily::Chapter => 40,
            HeadingFamily::Section => 60,
            HeadingFamily::Article => 80,
            HeadingFamily::Chinese => 100,
            HeadingFamily::ChineseParenthesized => 200,
            HeadingFamily::Arabic => 300,
            HeadingFamily::ArabicParenthesized => 400,
            HeadingFamily::Circled => 500,
            HeadingFamily::Markdown(depth) => u32::from(depth) * 10,
        }
    }

    /// Whether the family belongs to the law hierarchy.
    pub(crate) fn is_law(self) -> bool {
        matches!(
            self,
            HeadingFamily::Part
                | HeadingFamily::Chapter
                | HeadingFamily::Section
                | HeadingFamily::Article
        )
    }
}

/// A recognized heading marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HeadingMarker<'a> {
    /// Its family.
    pub family: HeadingFamily,
    /// Its value: `十一、` → 11.
    pub number: u32,
    /// The marker as written, without inner white space: `（一）`, `第三条之一`.
    /// Borrowed from the input unless it had white space to take out: most
    /// lines are tested for a marker more than once, and most markers are
    /// written without.
    pub marker: Cow<'a, str>,
}

/// The marker without white space.
fn squeeze(written: &str) -> Cow<'_, str> {
    if contains_space(written) {
        let mut squeezed = String::with_capacity(written.len());
        squeezed.extend(written.chars().filter(|c| !is_space(*c)));
        Cow::Owned(squeezed)
    } else {
        Cow::Borrowed(written)
    }
}

/// A marker being read by hand, part after part, as the grammar (in the
/// module documentation; in nom's combinators in the tests' `grammar`)
/// says: the line, what is left of it, and whether white space was passed
/// over (the marker as written then has some to take out). Reading by hand
/// spares the combinators' work on every line that starts as a marker may
/// (`第`, `一`, `（`, a digit), most of which are read more than once.
#[derive(Clone, Copy)]
struct Reader<'a> {
    input: &'a str,
    rest: &'a str,
    spaced: bool,
}

impl<'a> Reader<'a> {
    #[inline]
    fn new(input: &'a str) -> Self {
        Reader {
            input,
            rest: input,
            spaced: false,
        }
    }

    /// `*space`. Most parts of a marker are followed by no white space,
    /// which the first bytes tell without a call
    /// ([`starts_with_space_maybe`]).
    #[inline]
    fn spaces(&mut self) {
        if !starts_with_space_maybe(self.rest.as_bytes()) {
            return;
        }
        let after = skip_spaces(self.rest);
        self.spaced |= after.len() != self.rest.len();
        self.rest = after;
    }

    /// One of `chars`, each compared by its bytes (no character decoded).
    #[inline]
    fn one_of(&mut self, chars: &[char]) -> Option<char> {
        for &c in chars {
            if let Some(rest) = self.rest.strip_prefix(c) {
                self.rest = rest;
                return Some(c);
            }
        }
        None
    }

    /// `chinese_numeral`.
    #[inline]
    fn chinese_numeral(&mut self) -> Option<u32> {
        let (rest, number) = chinese_numeral(self.rest).ok()?;
        self.rest = rest;
        Some(number)
    }

    /// `arabic_numeral`.
    #[inline]
    fn arabic_numeral(&mut self) -> Option<u32> {
        let (rest, number) = arabic_numeral(self.rest).ok()?;
        self.rest = rest;
        Some(number)
    }

    /// An enclosed number of `kind`.
    #[inline]
    fn enclosed(&mut self, kind: EnclosedKind) -> Option<u32> {
        let mut rest = self.rest.chars();
        let (found, number) = rest.next().and_then(enclosed_number)?;
        self.rest = rest.as_str();
        (found == kind).then_some(number)
    }

    /// The marker of `family` read so far, and the rest of the line.
    #[inline]
    fn marker(self, family: HeadingFamily, number: u32) -> Option<Found<'a>> {
        let written = self.input.get(..self.input.len() - self.rest.len())?;
        Some(Found {
            family,
            number,
            written,
            rest: self.rest,
            spaced: self.spaced,
        })
    }
}

/// Whether `bytes` may start with white space ([`is_space`]): with ASCII
/// white space, or with the first bytes of U+0085 or U+00A0 (`C2 85`,
/// `C2 A0`), U+1680 (`E1`), U+2000–U+205F (`E2 80`, `E2 81`) or U+3000
/// (`E3 80 80`). Text that starts otherwise starts with no white space, so
/// [`skip_spaces`] would leave it as it is; `、` and `。` (`E3 80 81`,
/// `E3 80 82`), which follow many numerals, are told apart from U+3000 by
/// their third byte.
#[inline]
fn starts_with_space_maybe(bytes: &[u8]) -> bool {
    match bytes {
        [b'\t'..=b'\r' | b' ', ..] => true,
        [0xC2, second, ..] => matches!(second, 0x85 | 0xA0),
        [0xE1, ..] => true,
        [0xE2, second, ..] => matches!(second, 0x80 | 0x81),
        [0xE3, second, third, ..] => *second == 0x80 && *third == 0x80,
        _ => false,
    }
}

/// A marker as a reader found it: small and copied, with the marker as
/// written still borrowed and its white space not yet taken out. The
/// readers pass this up instead of a [`HeadingMarker`] (whose `Cow` must
/// be built, matched and moved at every layer); it becomes one only where
/// a caller asks for the marker ([`heading_marker`]), and a kept span
/// ([`MarkerSpan`]) is made from it directly.
#[derive(Clone, Copy, Debug)]
struct Found<'a> {
    family: HeadingFamily,
    number: u32,
    /// The marker as written, inner white space included; what comes
    /// after it in the line is `rest`, except for a Markdown prefix,
    /// whose trailing white space lies between the two.
    written: &'a str,
    /// The rest of the line.
    rest: &'a str,
    /// Whether white space was passed over inside `written`.
    spaced: bool,
}

impl<'a> Found<'a> {
    /// The marker, with its white space taken out, and the rest.
    #[inline]
    fn into_marker(self) -> (&'a str, HeadingMarker<'a>) {
        let marker = if self.spaced {
            squeeze(self.written)
        } else {
            // No white space passed over: none in the marker, whose other
            // parts are no white space.
            Cow::Borrowed(self.written)
        };
        (
            self.rest,
            HeadingMarker {
                family: self.family,
                number: self.number,
                marker,
            },
        )
    }
}

const OPEN: &[char] = &['（', '('];
const CLOSE: &[char] = &['）', ')'];

/// `law`: `第一编`, `第二章`, `第三节`, `第十二条`, `第三条之一`.
fn law(input: &str) -> Option<Found<'_>> {
    let mut r = Reader::new(input);
    r.one_of(&['第'])?;
    r.spaces();
    let number = match r.chinese_numeral() {
        Some(number) => number,
        None => r.arabic_numeral()?,
    };
    r.spaces();
    let family = match r.one_of(&['编', '章', '节', '条'])? {
        '编' => HeadingFamily::Part,
        '章' => HeadingFamily::Chapter,
        '节' => HeadingFamily::Section,
        _ => HeadingFamily::Article,
    };
    // `[*space "之" *space chinese_numeral]`, read when it is all there.
    // The white space read before `之` is what tells whether the marker
    // stands apart from its text, unless the suffix is there.
    let mut suffix = r;
    suffix.spaces();
    let mut spaced_after = suffix.rest.len() < r.rest.len();
    if suffix.one_of(&['之']).is_some() {
        suffix.spaces();
        if suffix.chinese_numeral().is_some() {
            r = suffix;
            let mut after = r;
            after.spaces();
            spaced_after = after.rest.len() < r.rest.len();
        }
    }
    // 第三条路, 第一条之外: an article marker stands apart from its text.
    if family == HeadingFamily::Article && !(r.rest.is_empty() || spaced_after) {
        return None;
    }
    r.marker(family, number)
}

/// `chinese`: `一、`, `十一 、`, and the wrong forms `一.`, `一，`, `一：` —
/// but not `一、二季度` or `一、二、三产业`, nor a marker with nothing after
/// it.
fn chinese(input: &str) -> Option<Found<'_>> {
    let mut r = Reader::new(input);
    let number = r.chinese_numeral().filter(|n| *n > 0)?;
    r.spaces();
    r.one_of(&['、', '.', '．', '，', ',', '：'])?;
    let mut next = r;
    next.spaces();
    if next.rest.is_empty() {
        return None;
    }
    if next.chinese_numeral().is_some() {
        next.spaces();
        if next.one_of(&['、', '，', ',', '季']).is_some() {
            return None;
        }
    }
    r.marker(HeadingFamily::Chinese, number)
}

/// `chinese_parenthesized`: `（一）`, `( 二 )`, `（一)`, the wrong `（一）、`,
/// and `㈠`.
fn chinese_parenthesized(input: &str) -> Option<Found<'_>> {
    let family = HeadingFamily::ChineseParenthesized;
    let mut r = Reader::new(input);
    if r.one_of(OPEN).is_none() {
        let number = r.enclosed(EnclosedKind::ParenthesizedIdeograph)?;
        return r.marker(family, number);
    }
    r.spaces();
    let number = r.chinese_numeral()?;
    r.spaces();
    r.one_of(CLOSE)?;
    let mut comma = r;
    comma.spaces();
    if comma.one_of(&['、']).is_some() {
        r = comma;
    }
    r.marker(family, number)
}

/// `arabic`: `1.`, `１２．`, `1 .`, the wrong `1、`, and `⒈` — but not
/// `1.5亿元`.
fn arabic(input: &str) -> Option<Found<'_>> {
    let mut r = Reader::new(input);
    let number = match r.arabic_numeral() {
        Some(number) => {
            r.spaces();
            r.one_of(&['.', '．', '、'])?;
            number
        }
        None => r.enclosed(EnclosedKind::FullStop)?,
    };
    if r.rest.chars().next().is_some_and(is_arabic_digit) {
        return None;
    }
    r.marker(HeadingFamily::Arabic, number)
}

/// `arabic_parenthesized`: `（1）`, `(1)`, `1）`, `⑴`.
fn arabic_parenthesized(input: &str) -> Option<Found<'_>> {
    let mut r = Reader::new(input);
    let opened = r.one_of(OPEN).is_some();
    if opened {
        r.spaces();
    }
    let number = match r.arabic_numeral() {
        Some(number) => {
            r.spaces();
            r.one_of(CLOSE)?;
            number
        }
        None if !opened => r.enclosed(EnclosedKind::Parenthesized)?,
        None => return None,
    };
    r.marker(HeadingFamily::ArabicParenthesized, number)
}

/// `circled`: `①`, `❶`, `➀`, `⓵`.
fn circled(input: &str) -> Option<Found<'_>> {
    let mut r = Reader::new(input);
    let (kind, number) = r.rest.chars().next().and_then(enclosed_number)?;
    if !matches!(kind, EnclosedKind::Circled | EnclosedKind::NegativeCircled) {
        return None;
    }
    r.enclosed(kind)?;
    r.marker(HeadingFamily::Circled, number)
}

/// The error of every reader that finds no marker.
fn no_marker(input: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Alt))
}

/// The numbered markers, without Markdown. The first character says which
/// families can follow, and only their parsers run (in the order of
/// `any_numbered`); most lines of an article start with none of them.
fn numbered(input: &str) -> Option<Found<'_>> {
    match input.chars().next() {
        Some('第') => law(input),
        Some('（' | '(') => chinese_parenthesized(input).or_else(|| arabic_parenthesized(input)),
        Some(c) if is_arabic_digit(c) => arabic_parenthesized(input).or_else(|| arabic(input)),
        Some(c) if may_start_chinese_numeral(c) => chinese(input),
        Some(c) => match enclosed_number(c) {
            Some((EnclosedKind::ParenthesizedIdeograph, _)) => chinese_parenthesized(input),
            Some((EnclosedKind::Parenthesized, _)) => arabic_parenthesized(input),
            Some((EnclosedKind::FullStop, _)) => arabic(input),
            Some((EnclosedKind::Circled | EnclosedKind::NegativeCircled, _)) => circled(input),
            None => None,
        },
        None => None,
    }
}

/// The heading markers that may stand inside a paragraph, `（1）` and `①`
/// (the families [`HeadingFamily::ArabicParenthesized`] and
/// [`HeadingFamily::Circled`]): what [`heading_marker`] finds of those two,
/// without reading the other families (`（一）` is tried first there, and
/// is the usual marker after a clause boundary in a law's text).
pub(crate) fn inline_heading_marker(input: &str) -> IResult<&str, HeadingMarker<'_>> {
    let found = match input.chars().next() {
        Some('（' | '(') => arabic_parenthesized(input),
        Some(c) if is_arabic_digit(c) => arabic_parenthesized(input),
        Some(c) => match enclosed_number(c) {
            Some((EnclosedKind::Parenthesized, _)) => arabic_parenthesized(input),
            Some((EnclosedKind::Circled | EnclosedKind::NegativeCircled, _)) => circled(input),
            _ => None,
        },
        None => None,
    };
    found
        .map(Found::into_marker)
        .ok_or_else(|| no_marker(input))
}

/// The grammar of the numbered markers written with nom's combinators, as
/// it was parsed before the readers above were written out by hand: the
/// oracle the readers are tested against (they must find the same marker
/// and leave the same rest on every input). It reads numerals and white
/// space with the same functions as the readers (`chinese_numeral`,
/// `arabic_numeral`, `trim_start_spaces`), so what it checks is how the
/// readers put the parts together; those functions are tested on their
/// own, against slower definitions (in `numeral` and `text`).
#[cfg(test)]
mod grammar {
    use super::*;
    use nom::{
        branch::alt,
        bytes::complete::take_while1,
        character::complete::{char, one_of, satisfy},
        combinator::{consumed, eof, not, opt, verify},
    };

    fn marker(family: HeadingFamily, number: u32, written: &str) -> HeadingMarker<'_> {
        HeadingMarker {
            family,
            number,
            marker: squeeze(written),
        }
    }

    fn open(input: &str) -> IResult<&str, char> {
        one_of("（(").parse(input)
    }

    fn close(input: &str) -> IResult<&str, char> {
        one_of("）)").parse(input)
    }

    /// A Chinese or an Arabic numeral.
    fn any_numeral(input: &str) -> IResult<&str, u32> {
        alt((chinese_numeral, arabic_numeral)).parse(input)
    }

    /// `第一编`, `第二章`, `第三节`, `第十二条`, `第三条之一`.
    fn law(input: &str) -> IResult<&str, HeadingMarker<'_>> {
        let (rest, (written, (_, _, number, _, unit, _))) = consumed((
            char('第'),
            spaces,
            any_numeral,
            spaces,
            one_of("编章节条"),
            opt((spaces, char('之'), spaces, chinese_numeral)),
        ))
        .parse(input)?;
        let family = match unit {
            '编' => HeadingFamily::Part,
            '章' => HeadingFamily::Chapter,
            '节' => HeadingFamily::Section,
            _ => HeadingFamily::Article,
        };
        // 第三条路, 第一条之外: an article marker stands apart from its text.
        if family == HeadingFamily::Article {
            alt((eof, take_while1(is_space))).parse(rest)?;
        }
        Ok((rest, marker(family, number, written)))
    }

    /// `一、`, `十一 、`, and the wrong forms `一.`, `一，`, `一：` — but not
    /// `一、二季度` or `一、二、三产业`.
    fn chinese(input: &str) -> IResult<&str, HeadingMarker<'_>> {
        let (rest, (written, (number, _, _))) = consumed((
            verify(chinese_numeral, |n| *n > 0),
            spaces,
            one_of("、.．，,："),
        ))
        .parse(input)?;
        not((spaces, chinese_numeral, spaces, one_of("、，,季"))).parse(rest)?;
        not((spaces, eof)).parse(rest)?;
        Ok((rest, marker(HeadingFamily::Chinese, number, written)))
    }

    /// `（一）`, `( 二 )`, `（一)`, the wrong `（一）、`, and `㈠`.
    fn chinese_parenthesized(input: &str) -> IResult<&str, HeadingMarker<'_>> {
        let bracketed = (
            open,
            spaces,
            chinese_numeral,
            spaces,
            close,
            opt((spaces, char('、'))),
        )
            .map(|(_, _, number, _, _, _)| number);
        let single = verify(enclosed_numeral, |(kind, _)| {
            *kind == EnclosedKind::ParenthesizedIdeograph
        })
        .map(|(_, number)| number);
        let (rest, (written, number)) = consumed(alt((bracketed, single))).parse(input)?;
        Ok((
            rest,
            marker(HeadingFamily::ChineseParenthesized, number, written),
        ))
    }

    /// `1.`, `１２．`, `1 .`, the wrong `1、`, and `⒈` — but not `1.5亿元`.
    fn arabic(input: &str) -> IResult<&str, HeadingMarker<'_>> {
        let dotted = (arabic_numeral, spaces, one_of(".．、")).map(|(number, _, _)| number);
        let single = verify(enclosed_numeral, |(kind, _)| {
            *kind == EnclosedKind::FullStop
        })
        .map(|(_, n)| n);
        let (rest, (written, number)) = consumed(alt((dotted, single))).parse(input)?;
        not(satisfy(|c| {
            c.is_ascii_digit() || ('０'..='９').contains(&c)
        }))
        .parse(rest)?;
        Ok((rest, marker(HeadingFamily::Arabic, number, written)))
    }

    /// `（1）`, `(1)`, `1）`, `⑴`.
    pub(super) fn arabic_parenthesized(input: &str) -> IResult<&str, HeadingMarker<'_>> {
        let bracketed =
            (open, spaces, arabic_numeral, spaces, close).map(|(_, _, number, _, _)| number);
        let closed = (arabic_numeral, spaces, close).map(|(number, _, _)| number);
        let single = verify(enclosed_numeral, |(kind, _)| {
            *kind == EnclosedKind::Parenthesized
        })
        .map(|(_, number)| number);
        let (rest, (written, number)) = consumed(alt((bracketed, closed, single))).parse(input)?;
        Ok((
            rest,
            marker(HeadingFamily::ArabicParenthesized, number, written),
        ))
    }

    /// `①`, `❶`, `➀`, `⓵`.
    pub(super) fn circled(input: &str) -> IResult<&str, HeadingMarker<'_>> {
        let (rest, (written, (_, number))) = consumed(verify(enclosed_numeral, |(kind, _)| {
            matches!(kind, EnclosedKind::Circled | EnclosedKind::NegativeCircled)
        }))
        .parse(input)?;
        Ok((rest, marker(HeadingFamily::Circled, number, written)))
    }

    /// The numbered markers, tried one after the other.
    pub(super) fn any_numbered(input: &str) -> IResult<&str, HeadingMarker<'_>> {
        alt((
            law,
            chinese_parenthesized,
            arabic_parenthesized,
            arabic,
            chinese,
            circled,
        ))
        .parse(input)
    }
}

/// `## ` — a Markdown heading prefix, and its depth.
pub(crate) fn markdown_prefix(input: &str) -> IResult<&str, u8> {
    let (rest, (hashes, _)) = (
        take_while_m_n(1, 6, |c| c == '#'),
        take_while1(|c: char| c == ' ' || c == '\t' || c == '\u{3000}'),
    )
        .parse(input)?;
    peek(anychar).parse(rest)?;
    let depth = u8::try_from(hashes.len()).unwrap_or(6);
    Ok((rest, depth))
}

/// Recognizes the marker that opens a heading. A Markdown prefix is part of
/// the marker only when no numbered marker follows it (`## 第一章 总则` is a
/// chapter, `## 背景` is a Markdown heading of depth 2); the rest starts after
/// the marker.
///
/// Inlined where it is called, so that the test of the first character,
/// which tells most lines, costs no call.
#[inline]
pub(crate) fn heading_marker(input: &str) -> IResult<&str, HeadingMarker<'_>> {
    match find(input) {
        Some(found) => Ok(found.into_marker()),
        // Most lines: the error `numbered` gives them.
        None => Err(no_marker(input)),
    }
}

/// What [`heading_marker`] finds, as the readers found it: the test of the
/// first character, which tells most lines, inlined, and the readers out
/// of line.
#[inline]
fn find(input: &str) -> Option<Found<'_>> {
    if !may_start_at(input) {
        return None;
    }
    any_heading_marker(input)
}

/// [`heading_marker`] without the test of the first character: every
/// parser is tried (what the test is checked against).
#[inline(never)]
fn any_heading_marker(input: &str) -> Option<Found<'_>> {
    if !input.starts_with('#') {
        return numbered(input);
    }
    if let Ok((after_prefix, depth)) = markdown_prefix(input) {
        return match numbered(after_prefix) {
            Some(found) => Some(found),
            None => Some(Found {
                family: HeadingFamily::Markdown(depth),
                number: u32::from(depth),
                written: input.get(..usize::from(depth)).unwrap_or_default(),
                rest: after_prefix,
                spaced: false,
            }),
        };
    }
    numbered(input)
}

/// [`may_start_heading_marker`] of the first character of `input`, told
/// from its bytes when it is an ideograph from U+4000 to U+9FFF (lead byte
/// `E4` to `E9`), the first character of most lines, which starts a marker
/// only as `第` or a numeral's first character does.
fn may_start_at(input: &str) -> bool {
    let bytes = input.as_bytes();
    match bytes.first() {
        Some(0xE4..=0xE9) => lead3(bytes) == key3('第') || may_start_chinese_numeral_at(bytes),
        _ => input.chars().next().is_some_and(may_start_heading_marker),
    }
}

/// Whether `c` can start a heading marker: `#`, or a character [`numbered`]
/// chooses parsers for (`第`, an opening parenthesis, an Arabic digit, a
/// character that may start a Chinese numeral, an enclosed number). An
/// ideograph from U+4000 to U+9FFF, the usual first character of a line,
/// is told by one range test and a few characters.
fn may_start_heading_marker(c: char) -> bool {
    if ('\u{4000}'..='\u{9FFF}').contains(&c) {
        return c == '第' || may_start_chinese_numeral(c);
    }
    matches!(c, '#' | '（' | '(')
        || is_arabic_digit(c)
        || may_start_chinese_numeral(c)
        || enclosed_number(c).is_some()
}

/// A heading marker found at the start of a line, kept as offsets into
/// that line: what [`heading_marker`] found, to be read back
/// ([`MarkerSpan::read`]) without parsing the line again. Grouping lines
/// into blocks (on two threads for a long text) looks for a marker on the
/// short lines of a wrapped document; the tree builder, which looks for one
/// on the first line of every block, reads what was found there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MarkerSpan {
    family: HeadingFamily,
    number: u32,
    /// The marker as written: bytes `from..to` of the line.
    from: u16,
    to: u16,
    /// Where the rest of the line starts.
    rest: u16,
    // No flag for white space inside the marker: it would make the span
    // 16 bytes where it is 12, and every block record of the grouping
    // (`tree::paragraphs::RawBlock`) 40 where it is 32 (5 MB more at peak
    // on the 50 MB benchmark input); `squeeze` looks at the few bytes.
}

impl MarkerSpan {
    /// The span of `found`, which [`find`] found at the start of `line`;
    /// `None` when an offset does not fit in 16 bits (a marker with
    /// thousands of spaces inside). The marker as written ends where the
    /// rest starts, but for a Markdown prefix alone, which is the line's
    /// first `depth` bytes (its white space comes between).
    fn of(line: &str, found: &Found<'_>) -> Option<MarkerSpan> {
        let rest_at = line.len().checked_sub(found.rest.len())?;
        let (from, to) = match found.family {
            HeadingFamily::Markdown(depth) => (0, usize::from(depth)),
            _ => (rest_at.checked_sub(found.written.len())?, rest_at),
        };
        Some(MarkerSpan {
            family: found.family,
            number: found.number,
            from: u16::try_from(from).ok()?,
            to: u16::try_from(to).ok()?,
            rest: u16::try_from(rest_at).ok()?,
        })
    }

    /// The marker, read back from `line`, the line it was found in, with
    /// the rest of the line: what [`heading_marker`] gives.
    pub(crate) fn read<'a>(&self, line: &'a str) -> Option<(&'a str, HeadingMarker<'a>)> {
        let written = line.get(usize::from(self.from)..usize::from(self.to))?;
        let rest = line.get(usize::from(self.rest)..)?;
        Some((
            rest,
            HeadingMarker {
                family: self.family,
                number: self.number,
                marker: squeeze(written),
            },
        ))
    }
}

/// What opens the first line of a block, as far as heading markers go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FirstMarker {
    /// Not looked for: [`heading_marker`] must read the line.
    Unread,
    /// No heading marker.
    Absent,
    /// This one.
    Found(MarkerSpan),
}

impl FirstMarker {
    /// Look for a heading marker at the start of `line`.
    pub(crate) fn of(line: &str) -> FirstMarker {
        match find(line) {
            Some(found) => {
                MarkerSpan::of(line, &found).map_or(FirstMarker::Unread, FirstMarker::Found)
            }
            None => FirstMarker::Absent,
        }
    }

    /// The marker at the start of `line`, the line this was found for (or
    /// any line, when it is [`FirstMarker::Unread`]): what
    /// [`heading_marker`] gives, without its error.
    pub(crate) fn read<'a>(&self, line: &'a str) -> Option<(&'a str, HeadingMarker<'a>)> {
        match self {
            FirstMarker::Unread => find(line).map(Found::into_marker),
            FirstMarker::Absent => None,
            FirstMarker::Found(span) => span.read(line),
        }
    }

    /// Whether a marker was found.
    pub(crate) fn is_found(&self) -> bool {
        matches!(self, FirstMarker::Found(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use HeadingFamily::*;

    /// [`super::numbered`] as the grammar's parsers answer: the marker and
    /// the rest, or nom's error.
    fn numbered(input: &str) -> IResult<&str, HeadingMarker<'_>> {
        super::numbered(input)
            .map(Found::into_marker)
            .ok_or_else(|| no_marker(input))
    }

    /// The fast path of `Reader::spaces` and of `law` skips only texts
    /// that [`skip_spaces`] leaves as they are: every character (all of
    /// Unicode) that [`starts_with_space_maybe`] rejects, alone or before
    /// more text, is no white space; and it accepts every white space.
    #[test]
    fn texts_said_to_start_without_space_start_without_space() {
        let mut spaces = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for text in [c.to_string(), format!("{c} 一"), format!("{c}\u{3000}")] {
                if starts_with_space_maybe(text.as_bytes()) {
                    continue;
                }
                assert!(!is_space(c), "{c:?}");
                assert_eq!(skip_spaces(&text), text.as_str(), "{c:?}");
            }
            spaces += usize::from(is_space(c));
        }
        assert_eq!(spaces, 25);
        // `、` and `。` are told from U+3000 by the third byte.
        assert!(!starts_with_space_maybe("、".as_bytes()));
        assert!(!starts_with_space_maybe("。".as_bytes()));
        assert!(starts_with_space_maybe("\u{3000}".as_bytes()));
        assert!(!starts_with_space_maybe(b""));
    }

    fn found(input: &str) -> Option<(HeadingFamily, u32, String, &str)> {
        heading_marker(input)
            .ok()
            .map(|(rest, m)| (m.family, m.number, m.marker.into_owned(), rest))
    }

    #[test]
    fn heading_markers_in_every_form() {
        let cases = [
            ("一、总体要求", Chinese, 1, "一、", "总体要求"),
            ("十一 、 附则", Chinese, 11, "十一、", " 附则"),
            ("二十、其他", Chinese, 20, "二十、", "其他"),
            ("一. 总体", Chinese, 1, "一.", " 总体"),
            ("三，加强", Chinese, 3, "三，", "加强"),
            ("一、一般规定", Chinese, 1, "一、", "一般规定"),
            (
                "（一）加强领导。",
                ChineseParenthesized,
                1,
                "（一）",
                "加强领导。",
            ),
            ("（ 二 ） 加强", ChineseParenthesized, 2, "（二）", " 加强"),
            ("(三)完善", ChineseParenthesized, 3, "(三)", "完善"),
            ("（四)完善", ChineseParenthesized, 4, "（四)", "完善"),
            ("（一）、加强", ChineseParenthesized, 1, "（一）、", "加强"),
            ("㈤完善", ChineseParenthesized, 5, "㈤", "完善"),
            (
                "（一百零一）条目",
                ChineseParenthesized,
                101,
                "（一百零一）",
                "条目",
            ),
            ("1.完善制度", Arabic, 1, "1.", "完善制度"),
            ("1 . 完善", Arabic, 1, "1.", " 完善"),
            ("１２．完善", Arabic, 12, "１２．", "完善"),
            ("1、完善", Arabic, 1, "1、", "完善"),
            ("⒊完善", Arabic, 3, "⒊", "完善"),
            ("（1）完善", ArabicParenthesized, 1, "（1）", "完善"),
            ("(12) 完善", ArabicParenthesized, 12, "(12)", " 完善"),
            ("3）完善", ArabicParenthesized, 3, "3）", "完善"),
            ("⑷完善", ArabicParenthesized, 4, "⑷", "完善"),
            ("①提高", Circled, 1, "①", "提高"),
            ("❷提高", Circled, 2, "❷", "提高"),
            ("第一章　总　　则", Chapter, 1, "第一章", "　总　　则"),
            ("第 二 编", Part, 2, "第二编", ""),
            ("第三节 劳务派遣", Section, 3, "第三节", " 劳务派遣"),
            (
                "第一千二百六十条　本法",
                Article,
                1260,
                "第一千二百六十条",
                "　本法",
            ),
            ("第三条之一 为了", Article, 3, "第三条之一", " 为了"),
            ("第12条 为了", Article, 12, "第12条", " 为了"),
            ("## 第一章 总则", Chapter, 1, "第一章", " 总则"),
            ("## 背景", Markdown(2), 2, "##", "背景"),
            (
                "# 中华人民共和国劳动合同法",
                Markdown(1),
                1,
                "#",
                "中华人民共和国劳动合同法",
            ),
        ];
        for (input, family, number, marker, rest) in cases {
            assert_eq!(
                found(input),
                Some((family, number, marker.to_owned(), rest)),
                "should recognize {input}"
            );
        }
    }

    /// A marker kept as a span reads back as the marker found: on every
    /// line of every fixture and on lines made for the corners (a Markdown
    /// prefix with and without a numbered marker, spaces inside markers, a
    /// marker too long to keep, no marker).
    #[test]
    fn markers_kept_as_spans_read_back_as_found() {
        let long_marker = format!("第{}一章 总则", " ".repeat(70_000));
        let mut lines: Vec<String> = [
            "## 第一章 总则",
            "#\t（ 一 ） 加强",
            "### 背景",
            "####### 七",
            "#一、标题",
            "（ 二 ） 加强",
            "十一 、 附则",
            "第 三 条 之 一　内容",
            "第一条",
            "⑷完善",
            "1.5亿元",
            "人工智能",
            "",
            long_marker.as_str(),
        ]
        .map(str::to_owned)
        .to_vec();
        for text in crate::source::fixture_texts() {
            lines.extend(text.lines().map(|l| l.trim().to_owned()));
        }
        let mut found = 0;
        for line in &lines {
            let kept = FirstMarker::of(line);
            assert_eq!(kept.read(line), heading_marker(line).ok(), "{line:?}");
            // Read back as found whether kept or left unread.
            assert_eq!(FirstMarker::Unread.read(line), heading_marker(line).ok());
            found += usize::from(kept.is_found());
        }
        assert!(found > 200, "{found}");
        assert_eq!(FirstMarker::of(&long_marker), FirstMarker::Unread);
        assert_eq!(FirstMarker::of("人工智能"), FirstMarker::Absent);
    }

    /// Choosing the parsers by the first character changes nothing: on
    /// every character of the Basic Multilingual Plane (where all markers
    /// live), followed by the rest of each kind of marker, [`numbered`]
    /// finds what trying every family in turn finds.
    #[test]
    fn parsers_chosen_by_the_first_character_find_what_all_find() {
        let rests = [
            "",
            "、正文",
            "一、正文",
            "十二章 正文",
            "十二条 正文",
            "1.正文",
            "1）正文",
            "）正文",
            "一）正文",
            ".正文",
            " 正文",
            "是",
        ];
        // The markers compared owned: the helper's result cannot borrow its input.
        fn owned<'a>(
            found: IResult<&'a str, HeadingMarker<'a>>,
        ) -> IResult<&'a str, (HeadingFamily, u32, String)> {
            found.map(|(rest, m)| (rest, (m.family, m.number, m.marker.into_owned())))
        }
        crate::syntax::assert_choice_by_first_character_agrees(
            |input| owned(numbered(input)),
            |input| owned(grammar::any_numbered(input)),
            &rests,
            100,
        );
        // The pre-test of `heading_marker` rejects no marker that the
        // parsers, tried without it, find.
        crate::syntax::assert_rejected_characters_start_nothing(
            may_start_heading_marker,
            |input| any_heading_marker(input).is_some(),
            &rests,
        );
        // The pre-test told from the bytes is the pre-test.
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            let input = format!("{c}一");
            assert_eq!(may_start_at(&input), may_start_heading_marker(c), "{c:?}");
        }
        assert!(!may_start_at(""));
        // And each family's first characters do start markers.
        for input in [
            "# 背景",
            "第一章",
            "（一）",
            "(1)",
            "一、正文",
            "十、正文",
            "1.",
            "１．",
            "①",
            "㈠",
        ] {
            assert!(heading_marker(input).is_ok(), "{input:?}");
        }
    }

    /// The readers written by hand find what the grammar's combinators
    /// find, marker and rest, on every text of up to four parts taken from
    /// the pieces of every family (numerals, units, punctuation,
    /// parentheses, spaces, enclosed numbers) and some text; and so does
    /// the reader of the markers that stand inside a paragraph.
    #[test]
    fn markers_read_by_hand_are_those_the_grammar_finds() {
        use nom::branch::alt;
        fn owned<'a>(
            found: IResult<&'a str, HeadingMarker<'a>>,
        ) -> Option<(&'a str, HeadingFamily, u32, String)> {
            found
                .ok()
                .map(|(rest, m)| (rest, m.family, m.number, m.marker.into_owned()))
        }
        let parts = [
            "第", "一", "十", "二", "百", "两", "零", "1", "２", "12", "章", "条", "编", "之",
            "、", ".", "．", "，", "：", "（", "）", "(", ")", " ", "　", "季", "甲", "⑴", "①",
            "㈠", "⒈",
        ];
        let inputs = crate::syntax::concatenations(&parts, 4);
        let mut found = 0;
        let mut inline = 0;
        for input in &inputs {
            let by_hand = owned(numbered(input));
            assert_eq!(by_hand, owned(grammar::any_numbered(input)), "{input:?}");
            found += usize::from(by_hand.is_some());
            let inside = owned(inline_heading_marker(input));
            let by_grammar =
                owned(alt((grammar::arabic_parenthesized, grammar::circled)).parse(input.as_str()));
            assert_eq!(inside, by_grammar, "{input:?}");
            inline += usize::from(inside.is_some());
        }
        assert!(found > 50_000, "{found}");
        assert!(inline > 10_000, "{inline}");
    }

    #[test]
    fn false_friends_are_not_heading_markers() {
        let cases = [
            ("一、二季度经济运行平稳", "an abbreviated pair of numerals"),
            ("一、二、三产业协调发展", "a list of numerals"),
            ("1.5亿元", "a decimal"),
            ("2024.1.5", "a date"),
            ("第一批试点", "第一批"),
            ("第一时间", "第一时间"),
            ("统一要求", "统一"),
            ("一是加快", "a point marker"),
            ("一、", "a marker with nothing after it"),
            ("#话题", "a hash without a space"),
            ("２００８年", "a year"),
            ("第三条路是走不通的。", "第三条 without a space after it"),
            ("第一条之外，", "之 without a numeral"),
            ("〇、", "zero"),
        ];
        for (input, why) in cases {
            assert_eq!(found(input), None, "should reject {why}: {input}");
        }
    }
}
