//! Numerals found in the numbering of Chinese articles.
//!
//! Headings in a Chinese article are numbered with Chinese numerals
//! (`第一百零一条`, `十一、`), with Arabic digits, ASCII or full-width
//! (`１２．`, `2008年`), or with a single enclosed code point (`①`, `⑴`,
//! `⒈`, `㈠`, `❶`). This module recognizes each of them as a [nom] parser
//! returning the number's value and the rest of the input, and spells a
//! value back as a canonical Chinese numeral.
//!
//! # Grammar of Chinese numerals (0 to 9999)
//!
//! ```text
//! <numeral>     ::= <zero> | <thousands> | <hundreds> | <tens> | <digit>
//! <zero>        ::= "零" | "〇"
//! <digit>       ::= "一" | "二" | "三" | "四" | "五" | "六" | "七" | "八" | "九"
//! <multiplier>  ::= <digit> | "两"
//! <tens>        ::= [ <digit> ] "十" [ <digit> ]
//! <inner-tens>  ::= <digit> "十" [ <digit> ]
//! <hundreds>    ::= <multiplier> "百" [ <inner-tens> | <zero> <digit> ]
//! <thousands>   ::= <multiplier> "千"
//!                   [ <hundreds> | <zero> <inner-tens> | <zero> <digit> ]
//! ```
//!
//! The parser reads the longest prefix of its input that this grammar
//! derives, so a malformed or non-standard continuation is left unread:
//!
//! ```text
//! 一千二百六十条   → 1260, rest "条"
//! 一千零一十、     → 1010, rest "、"
//! 一百零           → 100,  rest "零"     (a trailing 零 is not part of it)
//! 十十             → 10,   rest "十"
//! 一二季度         → 1,    rest "二季度"
//! 一千二           → 1000, rest "二"     (colloquial 一千二 is not read as 1200)
//! 一百十           → 100,  rest "十"     (inside a number, 十 needs its digit: 一百一十)
//! 百, 千, 两, 第一 → not a numeral
//! ```
//!
//! # Arabic numerals
//!
//! ```text
//! <arabic> ::= <arabic-digit> { <arabic-digit> }
//! <arabic-digit> ::= "0" | … | "9" | "０" | … | "９"
//! ```
//!
//! The value must fit in a `u32`, or the parser fails.
//!
//! # Enclosed numbers
//!
//! One code point among the circled (`①`–`⑳`, `㉑`–`㉟`, `㊱`–`㊿`,
//! `⓵`–`⓾`, `➀`–`➉`), parenthesized (`⑴`–`⒇`), full-stop (`⒈`–`⒛`),
//! parenthesized ideograph (`㈠`–`㈩`) and negative circled (`❶`–`❿`,
//! `➊`–`➓`, `⓫`–`⓴`) numbers; see [`EnclosedKind`].

use nom::{
    branch::alt,
    character::complete::{anychar, char},
    combinator::{map_opt, opt, value},
    error::{Error, ErrorKind},
    sequence::preceded,
    IResult, Parser,
};

/// The value of a Chinese digit from 一 (1) to 九 (9); `None` for any
/// other character, 零 and 〇 included.
const fn digit_value(c: char) -> Option<u32> {
    match c {
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// The Chinese digit spelling `d` for 1 ≤ `d` ≤ 9; `None` otherwise.
const fn digit_char(d: u32) -> Option<char> {
    match d {
        1 => Some('一'),
        2 => Some('二'),
        3 => Some('三'),
        4 => Some('四'),
        5 => Some('五'),
        6 => Some('六'),
        7 => Some('七'),
        8 => Some('八'),
        9 => Some('九'),
        _ => None,
    }
}

/// `<digit>`: one of 一 … 九, valued 1 to 9.
fn digit(input: &str) -> IResult<&str, u32> {
    map_opt(anychar, digit_value).parse(input)
}

/// `<zero>`: 零 or 〇.
fn zero(input: &str) -> IResult<&str, char> {
    alt((char('零'), char('〇'))).parse(input)
}

/// `<multiplier>`: a digit, or 两 (2), which may only stand before 百 or 千.
fn multiplier(input: &str) -> IResult<&str, u32> {
    alt((digit, value(2, char('两')))).parse(input)
}

/// `multiplier × unit + rest`, checked; the grammar bounds it by 9999.
fn compose(multiplier: u32, unit: u32, rest: Option<u32>) -> Option<u32> {
    multiplier.checked_mul(unit)?.checked_add(rest.unwrap_or(0))
}

/// `<tens>`: a numeral from 10 to 99 standing alone, whose tens digit may
/// be left out when it is one (十, 十一, 一十, 二十三). At most 99.
fn tens(input: &str) -> IResult<&str, u32> {
    map_opt((opt(digit), char('十'), opt(digit)), |(t, _, u)| {
        compose(t.unwrap_or(1), 10, u)
    })
    .parse(input)
}

/// `<inner-tens>`: the tens of a larger numeral, whose tens digit is always
/// written (一十, 二十三). At most 99.
fn inner_tens(input: &str) -> IResult<&str, u32> {
    map_opt((digit, char('十'), opt(digit)), |(t, _, u)| {
        compose(t, 10, u)
    })
    .parse(input)
}

/// `<hundreds>`: 一百 … 九百九十九, with 零 standing for missing tens
/// (一百零一). At most 999.
fn hundreds(input: &str) -> IResult<&str, u32> {
    map_opt(
        (
            multiplier,
            char('百'),
            opt(alt((inner_tens, preceded(zero, digit)))),
        ),
        |(h, _, rest)| compose(h, 100, rest),
    )
    .parse(input)
}

/// `<thousands>`: 一千 … 九千九百九十九, with 零 standing for missing
/// hundreds (一千零一十, 一千零一). At most 9999.
fn thousands(input: &str) -> IResult<&str, u32> {
    map_opt(
        (
            multiplier,
            char('千'),
            opt(alt((
                hundreds,
                preceded(zero, inner_tens),
                preceded(zero, digit),
            ))),
        ),
        |(t, _, rest)| compose(t, 1000, rest),
    )
    .parse(input)
}

/// `<numeral>`, trying the longest forms first so that the first
/// alternative that succeeds is the longest reading.
fn numeral(input: &str) -> IResult<&str, u32> {
    alt((value(0, zero), thousands, hundreds, tens, digit)).parse(input)
}

/// Reads the longest prefix of `input` that is a well-formed Chinese
/// numeral from 0 to 9999 and returns its value with the rest of the input.
///
/// Accepted forms are the standard readings (一, 十, 十一, 二十一, 一百零一,
/// 一百一十, 一千零一十, 一千二百零五, 九千九百九十九), 一十 for 十,
/// 〇 or 零 alone for 0, 〇 in place of 零 inside a numeral (一百〇一), and
/// 两 as the multiplier of 百 or 千 (两百, 两千两百). Anything that would make
/// the numeral malformed is left in the rest: `一百零` reads 100 and leaves
/// `零`, `十十` reads 10 and leaves `十`.
///
/// The grammar is in the module documentation. Values are bounded by
/// construction (every digit is at most 9) and computed with checked
/// arithmetic; the parser looks at most a few characters past the numeral,
/// so it runs in constant time whatever the length of `input`.
///
/// # Errors
///
/// `Err::Error` with [`ErrorKind::Digit`] at `input` when `input` does not
/// start with a numeral: an empty string, `是`, `第一`, and also a bare `百`,
/// `千` or `两`.
pub(crate) fn chinese_numeral(input: &str) -> IResult<&str, u32> {
    // The usual cases, a digit standing alone (`一、`, `二是`) or tens
    // (`十二条`, `二十一、`), read here from the bytes (十 after the first
    // digit makes tens); only 百 or 千 after it make a longer numeral, left
    // to the grammar.
    let bytes = input.as_bytes();
    if let Some(value) = digit_of(bytes) {
        let rest = input.get(DIGIT_LEN..).unwrap_or_default();
        match lead3(rest.as_bytes()) {
            // `<digit> 十`: not before 百 or 千, so `<tens>`, which
            // reads a units digit if there is one.
            TEN => {
                return Ok(with_units(
                    rest.get(DIGIT_LEN..).unwrap_or_default(),
                    value * 10,
                ))
            }
            HUNDRED | THOUSAND => {}
            _ => return Ok((rest, value)),
        }
    } else if lead3(bytes) == TEN {
        // No multiplier: `<tens>` without its tens digit.
        return Ok(with_units(input.get(DIGIT_LEN..).unwrap_or_default(), 10));
    } else if !matches!(lead3(bytes), ZERO | CIRCLE_ZERO | LIANG) {
        // The usual case after a marker, text (`一、人工智能`, `二是加快`):
        // a numeral starts with none of its characters (a digit, 十, 零,
        // 〇, 两: see [`may_start_chinese_numeral`]), which the parsers
        // would each try in turn.
        return Err(nom::Err::Error(Error::new(input, ErrorKind::Digit)));
    }
    numeral_by_grammar(input)
}

/// Whether `bytes` start with a character that can begin a Chinese
/// numeral ([`may_start_chinese_numeral`]), told from its UTF-8 bytes.
pub(crate) fn may_start_chinese_numeral_at(bytes: &[u8]) -> bool {
    digit_of(bytes).is_some() || matches!(lead3(bytes), TEN | ZERO | CIRCLE_ZERO | LIANG)
}

/// The first three bytes of `bytes` as one number (0 when there are
/// fewer): a character of three UTF-8 bytes, compared at once with
/// [`key3`] of the characters looked for.
pub(crate) fn lead3(bytes: &[u8]) -> u32 {
    match bytes {
        [a, b, c, ..] => u32::from_be_bytes([0, *a, *b, *c]),
        _ => 0,
    }
}

/// The [`lead3`] of a character from U+0800 to U+FFFF, whose UTF-8 form
/// has three bytes: `1110xxxx 10xxxxxx 10xxxxxx`.
pub(crate) const fn key3(c: char) -> u32 {
    let code = c as u32;
    ((0xE0 | (code >> 12)) << 16) | ((0x80 | ((code >> 6) & 0x3F)) << 8) | (0x80 | (code & 0x3F))
}

/// The UTF-8 length of every Chinese digit 一 … 九, and of 十.
const DIGIT_LEN: usize = 3;
/// [`key3`] of `十`.
pub(crate) const TEN: u32 = key3('十');
const HUNDRED: u32 = key3('百');
const THOUSAND: u32 = key3('千');
const ZERO: u32 = key3('零');
const CIRCLE_ZERO: u32 = key3('〇');
/// [`key3`] of `两`.
pub(crate) const LIANG: u32 = key3('两');

/// [`digit_value`] of the character that `bytes` start with, told from its
/// UTF-8 bytes without decoding it (each digit is [`DIGIT_LEN`] bytes).
pub(crate) fn digit_of(bytes: &[u8]) -> Option<u32> {
    const ONE: u32 = key3('一');
    const TWO: u32 = key3('二');
    const THREE: u32 = key3('三');
    const FOUR: u32 = key3('四');
    const FIVE: u32 = key3('五');
    const SIX: u32 = key3('六');
    const SEVEN: u32 = key3('七');
    const EIGHT: u32 = key3('八');
    const NINE: u32 = key3('九');
    match lead3(bytes) {
        ONE => Some(1),
        TWO => Some(2),
        THREE => Some(3),
        FOUR => Some(4),
        FIVE => Some(5),
        SIX => Some(6),
        SEVEN => Some(7),
        EIGHT => Some(8),
        NINE => Some(9),
        _ => None,
    }
}

/// The tens read, `tens`, and the units digit that `rest` may start with:
/// the value of `<tens>` and the rest after it.
fn with_units(rest: &str, tens: u32) -> (&str, u32) {
    match digit_of(rest.as_bytes()) {
        Some(units) => (rest.get(DIGIT_LEN..).unwrap_or_default(), tens + units),
        None => (rest, tens),
    }
}

/// [`chinese_numeral`] by the parsers of the grammar, kept out of line:
/// its forms, hundreds and thousands, are rare, and its frame would slow
/// down the usual cases.
#[inline(never)]
fn numeral_by_grammar(input: &str) -> IResult<&str, u32> {
    numeral(input).map_err(|e| e.map(|_| Error::new(input, ErrorKind::Digit)))
}

/// Whether `c` can begin a Chinese numeral: a digit 一…九, 十, 零, 〇 or
/// 两. A cheap test that lets callers skip [`chinese_numeral`] on most
/// text.
pub(crate) fn may_start_chinese_numeral(c: char) -> bool {
    digit_value(c).is_some() || matches!(c, '十' | '零' | '〇' | '两')
}

/// Whether `c` is an ASCII or full-width digit, the first character of an
/// [`arabic_numeral`].
pub(crate) fn is_arabic_digit(c: char) -> bool {
    arabic_digit_value(c).is_some()
}

/// The value of an ASCII digit `0`–`9` or a full-width digit `０`–`９`
/// (U+FF10–U+FF19); `None` for any other character.
fn arabic_digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => u32::from(c).checked_sub(u32::from('０')),
        _ => None,
    }
}

/// Reads one or more digits, ASCII `0`–`9` or full-width `０`–`９`, possibly
/// mixed, and returns their decimal value with the rest of the input
/// (`１２．` reads 12 and leaves `．`; `2008年` reads 2008 and leaves `年`).
/// Leading zeros are allowed (`007` is 7). The digits are read one by one
/// as the grammar says (see `arabic_numeral_by_nom` in the tests).
///
/// # Errors
///
/// `Err::Error` at `input` with [`ErrorKind::Digit`] when `input` does not
/// start with a digit, or with [`ErrorKind::TooLarge`] when the digits
/// denote a value above `u32::MAX`.
pub(crate) fn arabic_numeral(input: &str) -> IResult<&str, u32> {
    let mut value = Some(0u32);
    let mut digits = 0usize;
    let mut chars = input.chars();
    let rest = loop {
        let rest = chars.as_str();
        let Some(digit) = chars.next().and_then(arabic_digit_value) else {
            break rest;
        };
        digits += 1;
        value = value.and_then(|v| v.checked_mul(10)?.checked_add(digit));
    };
    match value {
        _ if digits == 0 => Err(nom::Err::Error(Error::new(input, ErrorKind::Digit))),
        Some(value) => Ok((rest, value)),
        None => Err(nom::Err::Error(Error::new(input, ErrorKind::TooLarge))),
    }
}

/// Spells `n` as the canonical Chinese numeral, or `None` when `n` is above
/// 9999.
///
/// 0 is `〇`; 10 to 19 drop the leading 一 (`十`, `十一`); a single 零 marks
/// each run of missing units inside the number (`一百零一`, `一千零一十`,
/// `一千零一`), none at the end (`一千二百六十`); 2 is always `二`, never `两`.
/// [`chinese_numeral`] reads every result back to `n`.
pub(crate) fn chinese_numeral_text(n: u32) -> Option<String> {
    if n > 9999 {
        return None;
    }
    if n == 0 {
        return Some("〇".to_owned());
    }
    let (thousands, hundreds, tens, units) = (n / 1000, n / 100 % 10, n / 10 % 10, n % 10);
    let mut text = String::new();
    if thousands > 0 {
        text.push(digit_char(thousands)?);
        text.push('千');
    }
    if hundreds > 0 {
        text.push(digit_char(hundreds)?);
        text.push('百');
    } else if thousands > 0 && (tens > 0 || units > 0) {
        text.push('零');
    }
    if tens > 0 {
        if n >= 20 || tens != 1 {
            text.push(digit_char(tens)?);
        }
        text.push('十');
    } else if hundreds > 0 && units > 0 {
        text.push('零');
    }
    if units > 0 {
        text.push(digit_char(units)?);
    }
    Some(text)
}

/// The family of a single-code-point enclosed number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EnclosedKind {
    /// Circled: `①`–`⑳` (1–20), `㉑`–`㉟` (21–35), `㊱`–`㊿` (36–50),
    /// double circled `⓵`–`⓾` (1–10), dingbat `➀`–`➉` (1–10).
    Circled,
    /// Parenthesized: `⑴`–`⒇` (1–20).
    Parenthesized,
    /// Number with a full stop: `⒈`–`⒛` (1–20).
    FullStop,
    /// Parenthesized ideograph: `㈠`–`㈩` (1–10).
    ParenthesizedIdeograph,
    /// Negative circled: `❶`–`❿` (1–10), `➊`–`➓` (1–10), `⓫`–`⓴` (11–20).
    NegativeCircled,
}

/// The kind and value of an enclosed number code point, or `None` for any
/// other character. The ranges are listed on [`EnclosedKind`]; circled
/// zeros (`⓪`, `⓿`) are not included.
pub(crate) fn enclosed_number(c: char) -> Option<(EnclosedKind, u32)> {
    // `u32::from(c) - offset` is the value: `offset` is the code point that
    // would be valued 0 in the run, always below the matched range.
    let (kind, offset) = match c {
        '\u{2460}'..='\u{2473}' => (EnclosedKind::Circled, 0x245F), // ①–⑳
        '\u{3251}'..='\u{325F}' => (EnclosedKind::Circled, 0x323C), // ㉑–㉟
        '\u{32B1}'..='\u{32BF}' => (EnclosedKind::Circled, 0x328D), // ㊱–㊿
        '\u{24F5}'..='\u{24FE}' => (EnclosedKind::Circled, 0x24F4), // ⓵–⓾
        '\u{2780}'..='\u{2789}' => (EnclosedKind::Circled, 0x277F), // ➀–➉
        '\u{2474}'..='\u{2487}' => (EnclosedKind::Parenthesized, 0x2473), // ⑴–⒇
        '\u{2488}'..='\u{249B}' => (EnclosedKind::FullStop, 0x2487), // ⒈–⒛
        '\u{3220}'..='\u{3229}' => (EnclosedKind::ParenthesizedIdeograph, 0x321F), // ㈠–㈩
        '\u{2776}'..='\u{277F}' => (EnclosedKind::NegativeCircled, 0x2775), // ❶–❿
        '\u{278A}'..='\u{2793}' => (EnclosedKind::NegativeCircled, 0x2789), // ➊–➓
        '\u{24EB}'..='\u{24F4}' => (EnclosedKind::NegativeCircled, 0x24E0), // ⓫–⓴
        _ => return None,
    };
    Some((kind, u32::from(c).checked_sub(offset)?))
}

/// Reads one enclosed number code point (see [`enclosed_number`]) and
/// returns its kind and value with the rest of the input.
///
/// # Errors
///
/// `Err::Error` with [`ErrorKind::Char`] at `input` when `input` is empty or
/// does not start with an enclosed number.
#[cfg(test)]
pub(crate) fn enclosed_numeral(input: &str) -> IResult<&str, (EnclosedKind, u32)> {
    let mut chars = input.chars();
    match chars.next().and_then(enclosed_number) {
        Some(number) => Ok((chars.as_str(), number)),
        None => Err(nom::Err::Error(Error::new(input, ErrorKind::Char))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`arabic_numeral`] in nom's combinators, as it was written: the
    /// oracle of the hand-written reader.
    fn arabic_numeral_by_nom(input: &str) -> IResult<&str, u32> {
        use nom::bytes::complete::take_while1;
        let (rest, digits) = take_while1(|c| arabic_digit_value(c).is_some())
            .parse(input)
            .map_err(|e: nom::Err<Error<&str>>| e.map(|_| Error::new(input, ErrorKind::Digit)))?;
        digits
            .chars()
            .try_fold(0u32, |acc, c| {
                acc.checked_mul(10)?.checked_add(arabic_digit_value(c)?)
            })
            .map(|n| (rest, n))
            .ok_or_else(|| nom::Err::Error(Error::new(input, ErrorKind::TooLarge)))
    }

    /// The hand-written reader of Arabic numerals reads what the
    /// combinators read, on every string of up to four characters from
    /// the digits (ASCII and full-width), a few others, and around the
    /// largest value.
    #[test]
    fn arabic_numerals_read_by_hand_as_by_the_combinators() {
        let alphabet: Vec<String> = "0195０９.、x"
            .chars()
            .map(String::from)
            .chain([
                "4294967295".to_owned(),
                "4294967296".to_owned(),
                "１".to_owned(),
            ])
            .collect();
        let inputs = crate::syntax::concatenations(&alphabet, 4);
        let mut read = 0;
        for input in &inputs {
            let by_hand = arabic_numeral(input);
            assert_eq!(by_hand, arabic_numeral_by_nom(input), "{input:?}");
            read += usize::from(by_hand.is_ok());
        }
        assert!(read > 5_000, "{read}");
        assert!(arabic_numeral("42949672950").is_err());
    }

    /// The error every parser of this module returns on a failure.
    fn error(input: &str, kind: ErrorKind) -> nom::Err<Error<&str>> {
        nom::Err::Error(Error::new(input, kind))
    }

    /// The shortcut for a character that starts no numeral reads what the
    /// grammar reads: on every character of the Basic Multilingual Plane,
    /// followed by the rest of a numeral or by text, `chinese_numeral`
    /// finds what the parsers find.
    #[test]
    fn characters_that_start_no_numeral_are_rejected_as_the_grammar_rejects_them() {
        let rests = ["", "十", "百", "千", "一", "、", "零一", "十一", "是"];
        crate::syntax::assert_choice_by_first_character_agrees(
            chinese_numeral,
            |input| numeral(input).map_err(|e| e.map(|_| Error::new(input, ErrorKind::Digit))),
            &rests,
            100,
        );
        crate::syntax::assert_rejected_characters_start_nothing(
            may_start_chinese_numeral,
            |input| numeral(input).is_ok(),
            &rests,
        );
    }

    /// The digits told from their bytes are the digits, on every
    /// character of the Basic Multilingual Plane.
    #[test]
    fn digits_told_from_their_bytes_are_the_digits() {
        let mut digits = 0;
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            let text = format!("{c}x");
            assert_eq!(digit_of(text.as_bytes()), digit_value(c), "{c:?}");
            assert_eq!(
                may_start_chinese_numeral_at(text.as_bytes()),
                may_start_chinese_numeral(c),
                "{c:?}"
            );
            if c.len_utf8() == 3 {
                assert_eq!(lead3(text.as_bytes()), key3(c), "{c:?}");
            }
            if digit_value(c).is_some() {
                digits += 1;
                assert_eq!(c.len_utf8(), DIGIT_LEN);
            }
        }
        assert_eq!(digits, 9);
        assert_eq!(lead3(b"ab"), 0);
    }

    /// The shortcuts for a digit standing alone and for tens read what
    /// the grammar reads, on every string of up to four characters from
    /// the numerals' alphabet and a few others.
    #[test]
    fn the_lone_digit_and_tens_shortcuts_agree_with_the_grammar() {
        let alphabet: Vec<String> = "一二三四五六七八九十百千零〇两是、"
            .chars()
            .map(String::from)
            .collect();
        let inputs = crate::syntax::concatenations(&alphabet, 4);
        assert_eq!(
            inputs.len(),
            1 + 17 + 17 * 17 + 17 * 17 * 17 + 17 * 17 * 17 * 17
        );
        for input in &inputs {
            let grammar =
                numeral(input).map_err(|e| e.map(|_| Error::new(input.as_str(), ErrorKind::Digit)));
            assert_eq!(chinese_numeral(input), grammar, "{input:?}");
        }
    }

    #[test]
    fn chinese_numeral_reads_standard_forms() {
        let cases = [
            ("一是", 1, "是"),
            ("九", 9, ""),
            ("十", 10, ""),
            ("十一、", 11, "、"),
            ("十九条", 19, "条"),
            ("一十", 10, ""),
            ("一十一", 11, ""),
            ("二十", 20, ""),
            ("二十一是", 21, "是"),
            ("九十九", 99, ""),
            ("一百", 100, ""),
            ("一百零一", 101, ""),
            ("一百一十", 110, ""),
            ("一百一十一", 111, ""),
            ("一百二十三", 123, ""),
            ("九百九十九", 999, ""),
            ("一千", 1000, ""),
            ("一千零一", 1001, ""),
            ("一千零一十", 1010, ""),
            ("一千零一十一", 1011, ""),
            ("一千零九十九", 1099, ""),
            ("一千一百", 1100, ""),
            ("一千二百零五", 1205, ""),
            ("一千二百六十条", 1260, "条"),
            ("九千九百九十九", 9999, ""),
        ];
        for (input, value, rest) in cases {
            assert_eq!(
                chinese_numeral(input),
                Ok((rest, value)),
                "should read {input}"
            );
        }
    }

    #[test]
    fn chinese_numeral_reads_zero_alone_and_inside() {
        let cases = [
            ("〇", 0, ""),
            ("零", 0, ""),
            ("〇、", 0, "、"),
            ("零一", 0, "一"),
            ("〇〇", 0, "〇"),
            ("一百〇一", 101, ""),
            ("一千〇一十", 1010, ""),
            ("一千二百〇五", 1205, ""),
        ];
        for (input, value, rest) in cases {
            assert_eq!(
                chinese_numeral(input),
                Ok((rest, value)),
                "should read 〇 or 零 in {input}"
            );
        }
    }

    #[test]
    fn chinese_numeral_reads_liang_only_before_bai_or_qian() {
        let cases = [
            ("两百", 200, ""),
            ("两百零两", 200, "零两"),
            ("两千", 2000, ""),
            ("两千两百", 2200, ""),
            ("两千零五十", 2050, ""),
            ("一百两", 100, "两"),
            ("二十两", 20, "两"),
        ];
        for (input, value, rest) in cases {
            assert_eq!(
                chinese_numeral(input),
                Ok((rest, value)),
                "should read 两 as 2 only before 百 or 千 in {input}"
            );
        }
    }

    #[test]
    fn chinese_numeral_stops_at_longest_valid_prefix() {
        let cases = [
            ("十十", 10, "十"),
            ("二二", 2, "二"),
            ("一二季度", 1, "二季度"),
            ("一百零", 100, "零"),
            ("一千零", 1000, "零"),
            ("一千零零一", 1000, "零零一"),
            ("一千二", 1000, "二"),
            ("一千一十", 1000, "一十"),
            ("一百十", 100, "十"),
            ("一百零十", 100, "零十"),
            ("一百零一十", 101, "十"),
            ("二十一百", 21, "百"),
            ("十百", 10, "百"),
            ("九千九百九十九九", 9999, "九"),
            ("一万", 1, "万"),
        ];
        for (input, value, rest) in cases {
            assert_eq!(
                chinese_numeral(input),
                Ok((rest, value)),
                "should read {value} from {input} and leave {rest}"
            );
        }
    }

    #[test]
    fn chinese_numeral_rejects_input_without_leading_numeral() {
        for input in ["", "是", "第一", "百", "千", "两", "两十", "1", "①"] {
            assert_eq!(
                chinese_numeral(input),
                Err(error(input, ErrorKind::Digit)),
                "should not read a numeral at the start of {input:?}"
            );
        }
    }

    #[test]
    fn chinese_numeral_reads_only_the_numeral_of_a_long_input() {
        let input = "九".repeat(1_000_000);
        let rest = "九".repeat(999_999);
        assert_eq!(
            chinese_numeral(&input),
            Ok((rest.as_str(), 9)),
            "should read one digit and leave the others"
        );
    }

    #[test]
    fn chinese_numeral_text_spells_canonical_forms() {
        let cases = [
            (0, "〇"),
            (1, "一"),
            (2, "二"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (111, "一百一十一"),
            (200, "二百"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (1011, "一千零一十一"),
            (1100, "一千一百"),
            (1205, "一千二百零五"),
            (1260, "一千二百六十"),
            (2000, "二千"),
            (9999, "九千九百九十九"),
        ];
        for (n, text) in cases {
            assert_eq!(
                chinese_numeral_text(n).as_deref(),
                Some(text),
                "should spell {n} as {text}"
            );
        }
    }

    #[test]
    fn chinese_numeral_text_has_no_spelling_above_9999() {
        for n in [10_000, 10_001, 99_999, u32::MAX] {
            assert_eq!(
                chinese_numeral_text(n),
                None,
                "should not spell {n}, which is above 9999"
            );
        }
    }

    #[test]
    fn chinese_numeral_reads_back_every_canonical_spelling() {
        for n in 0..=9999 {
            let text = chinese_numeral_text(n);
            assert!(text.is_some(), "should spell {n}");
            let text = text.unwrap_or_default();
            assert_eq!(
                chinese_numeral(&text),
                Ok(("", n)),
                "should read {text} back as {n}"
            );
        }
    }

    #[test]
    fn arabic_numeral_reads_ascii_and_full_width_digits() {
        let cases = [
            ("0", 0, ""),
            ("7、", 7, "、"),
            ("007", 7, ""),
            ("2008年", 2008, "年"),
            ("１２．", 12, "．"),
            ("０", 0, ""),
            ("９", 9, ""),
            ("１2３", 123, ""),
            ("12.3", 12, ".3"),
            ("4294967295", u32::MAX, ""),
            ("４２９４９６７２９５条", u32::MAX, "条"),
        ];
        for (input, value, rest) in cases {
            assert_eq!(
                arabic_numeral(input),
                Ok((rest, value)),
                "should read {input}"
            );
        }
    }

    #[test]
    fn arabic_numeral_rejects_input_without_leading_digit() {
        for input in ["", "年", "一", "a1", " 1", "-1", "①"] {
            assert_eq!(
                arabic_numeral(input),
                Err(error(input, ErrorKind::Digit)),
                "should not read a number at the start of {input:?}"
            );
        }
    }

    #[test]
    fn arabic_numeral_fails_above_u32_max() {
        let long = "9".repeat(100_000);
        let cases = ["4294967296", "99999999999", "１００００００００００", &long];
        for input in cases {
            assert_eq!(
                arabic_numeral(input),
                Err(error(input, ErrorKind::TooLarge)),
                "should refuse a value above u32::MAX in {}",
                input.chars().take(20).collect::<String>()
            );
        }
    }

    #[test]
    fn enclosed_number_reads_first_and_last_of_every_range() {
        use EnclosedKind::*;
        let cases = [
            ('①', Circled, 1),
            ('⑳', Circled, 20),
            ('㉑', Circled, 21),
            ('㉟', Circled, 35),
            ('㊱', Circled, 36),
            ('㊿', Circled, 50),
            ('⓵', Circled, 1),
            ('⓾', Circled, 10),
            ('➀', Circled, 1),
            ('➉', Circled, 10),
            ('⑴', Parenthesized, 1),
            ('⒇', Parenthesized, 20),
            ('⒈', FullStop, 1),
            ('⒛', FullStop, 20),
            ('㈠', ParenthesizedIdeograph, 1),
            ('㈩', ParenthesizedIdeograph, 10),
            ('❶', NegativeCircled, 1),
            ('❿', NegativeCircled, 10),
            ('➊', NegativeCircled, 1),
            ('➓', NegativeCircled, 10),
            ('⓫', NegativeCircled, 11),
            ('⓴', NegativeCircled, 20),
        ];
        for (c, kind, value) in cases {
            assert_eq!(
                enclosed_number(c),
                Some((kind, value)),
                "should read {c} (U+{:04X}) as {kind:?} {value}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn enclosed_number_rejects_neighbours_and_other_characters() {
        let cases = [
            '\u{245F}', // just before ①
            '⓪',        // U+24EA circled zero
            '⓿',        // U+24FF negative circled zero
            '\u{3250}', // ㉐, just before ㉑
            '\u{32B0}', // ㊰, just before ㊱
            '\u{32C0}', // just after ㊿
            '\u{321F}', // just before ㈠
            '\u{322A}', // ㈪, just after ㈩
            '\u{2775}', // just before ❶
            '\u{2794}', // just after ➓
            '1', '一', '(',
        ];
        for c in cases {
            assert_eq!(
                enclosed_number(c),
                None,
                "should not read U+{:04X} as an enclosed number",
                u32::from(c)
            );
        }
    }

    #[test]
    fn enclosed_numeral_reads_one_code_point() {
        let cases = [
            ("①是", (EnclosedKind::Circled, 1), "是"),
            ("⑵、", (EnclosedKind::Parenthesized, 2), "、"),
            ("⒊", (EnclosedKind::FullStop, 3), ""),
            ("㈣四", (EnclosedKind::ParenthesizedIdeograph, 4), "四"),
            ("❺❻", (EnclosedKind::NegativeCircled, 5), "❻"),
        ];
        for (input, number, rest) in cases {
            assert_eq!(
                enclosed_numeral(input),
                Ok((rest, number)),
                "should read the enclosed number at the start of {input}"
            );
        }
    }

    #[test]
    fn enclosed_numeral_rejects_input_without_enclosed_number() {
        for input in ["", "1", "(1)", "一", "是①"] {
            assert_eq!(
                enclosed_numeral(input),
                Err(error(input, ErrorKind::Char)),
                "should not read an enclosed number at the start of {input:?}"
            );
        }
    }
}
