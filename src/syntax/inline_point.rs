//! Inline point: an enumeration inside a paragraph.
//!
//! ```bnf
//! inline_point  ::= boundary *space inline_marker
//! boundary      ::= paragraph-start | "：" | ":" | "；" | ";" | "。" | "，" | ","
//!                 | "！" | "？" | "!" | "?"
//! inline_marker ::= point_marker-without-dashes      ; 一是 二要 其一， 第一，
//!                 | arabic_parenthesized | circled   ; （1） ⑴ ①
//! ```
//!
//! A marker must follow a clause boundary: `统一是`, `唯一是` and `一是一，二是二`
//! are not points. The tree builder keeps only sequences that start at 1 and
//! count up by one, with at least two members: a paragraph without a marker
//! numbered 2 has none, which [`last_second_marker_candidate`] tells from
//! its bytes before any marker is looked for; it tells, too, where the
//! last marker numbered 2 may be, past which a scan may end.
//!
//! ```text
//! > | 必须把握好以下原则：一是扩内需、保增长。……二是调结构、上水平。
//!                         ^^^^ 1                  ^^^^ 2
//! ```

use super::heading_marker::inline_heading_marker;
#[cfg(test)]
use super::heading_marker::{heading_marker, HeadingFamily};
use super::numeral::{digit_of, key3, lead3, LIANG, TEN};
use super::point_marker::{point_marker, PointMarker, PointScheme};
use memchr::memmem;
use nom::IResult;
use std::sync::LazyLock;

/// A marker found inside a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct InlineMarker {
    /// The marker family's stable name.
    pub scheme: &'static str,
    /// Its value.
    pub number: u32,
    /// The marker, normalized.
    pub marker: String,
}

/// Whether a character ends a clause, so that a marker may follow it.
pub(crate) fn is_boundary(c: char) -> bool {
    matches!(
        c,
        '：' | ':' | '；' | ';' | '。' | '，' | ',' | '！' | '？' | '!' | '?'
    )
}

/// The length in bytes of the boundary character ([`is_boundary`]) that
/// starts at byte `i`, or 0 when none does. Reads the UTF-8 bytes directly
/// (the ASCII ones; `。` is `E3 80 82`; the full-width `！，：；？` are
/// `EF BC 81`, `8C`, `9A`, `9B`, `9F`), so that a scan passes over other
/// text undecoded.
pub(crate) fn boundary_width(bytes: &[u8], i: usize) -> usize {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match at(0) {
        b':' | b';' | b',' | b'!' | b'?' => 1,
        0xE3 if at(1) == 0x80 && at(2) == 0x82 => 3,
        0xEF if at(1) == 0xBC && matches!(at(2), 0x81 | 0x8C | 0x9A | 0x9B | 0x9F) => 3,
        _ => 0,
    }
}

/// Whether a character can start an inline marker (a cheap pre-test).
pub(crate) fn may_start_marker(c: char) -> bool {
    matches!(
        c,
        '十' | '其' | '第' | '（' | '('
            | '0'..='9' | '０'..='９' // 1） （the closing bracket alone）
            | '\u{2460}'..='\u{24FF}' // ① ⑴ ⒈ ⓫
            | '\u{2776}'..='\u{2793}' // ❶ ➀ ➊
            | '\u{3251}'..='\u{325F}' // ㉑ … ㉟
            | '\u{32B1}'..='\u{32BF}' // ㊱ … ㊿
            | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '两'
    )
}

/// [`may_start_marker`] of the first character of `bytes`, when it is an
/// ideograph from U+4000 to U+9FFF (lead byte `E4` to `E9`), the usual
/// first character of a clause: told by its three bytes compared at once
/// with those of the ideographs that may start a marker (`十其第`, `一` to
/// `九` and `两`, all in that range). None of that range is white space or
/// a boundary.
pub(crate) fn may_start_marker_ideograph(bytes: &[u8]) -> bool {
    const QI: u32 = key3('其');
    const DI: u32 = key3('第');
    digit_of(bytes).is_some() || matches!(lead3(bytes), TEN | LIANG | QI | DI)
}

/// The characters other than the ASCII `2` that an inline marker numbered
/// 2 is written with: the Chinese and full-width digits and the enclosed
/// numbers valued 2 that inline markers take (`②`, `⑵`, `⓶`, `➁`, `❷`,
/// `➋`; not `⒉` or `㈡`).
const TWOS: [&str; 8] = [
    "二", "２", "\u{2461}", "\u{2475}", "\u{24F6}", "\u{2781}", "\u{2777}", "\u{278B}",
];

/// Whether `text` may hold an inline marker numbered 2, without which no
/// sequence of inline points can be kept (they start at 1 and count up):
/// whether it holds a `2` or one of [`TWOS`]. `false` means there is no
/// inline point in `text`; `true` only that one must be looked for, as in
/// `二十大`. The scan asks [`last_second_marker_candidate`], which tells
/// this too; the tests ask this.
#[cfg(test)]
pub(crate) fn may_hold_second_marker(text: &str) -> bool {
    last_second_marker_candidate(text).is_some()
}

/// The offset in `text` of the last `2` or [`TWOS`] character, which every
/// inline marker numbered 2 holds (see [`TWOS`]); `None`
/// when there is none, so that `text` holds no inline point. A marker
/// that starts after this offset is numbered other than 2, so a scan past
/// it, with no sequence of two or more open, can end: every sequence it
/// could still start or continue lacks its 2. Each kind is searched for
/// from the end, as [`push_twos`] searches from the start: `2` and the
/// enclosed numbers' lead byte by `memrchr`, `二` and `２` by `memmem`.
///
/// ```text
/// > | 一是扩内需；二是调结构，推动二十大精神落实。其一，……
///                                 ^ last
/// ```
pub(crate) fn last_second_marker_candidate(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let [two, wide] = &*TWO_FINDERS_FROM_THE_END;
    let enclosed = memchr::memrchr_iter(0xE2, bytes).find(|&at| is_enclosed_two(bytes, at));
    [
        memchr::memrchr(b'2', bytes),
        two.rfind(bytes),
        wide.rfind(bytes),
        enclosed,
    ]
    .into_iter()
    .flatten()
    .max()
}

/// How far past a paragraph [`SecondMarkerCandidates`] searches, so that
/// the paragraphs after it are answered from one search.
pub(crate) const SEARCH_AHEAD: usize = 64 * 1024;

/// [`last_second_marker_candidate`] for the paragraphs of one document
/// asked in text order, answered from one search over many of them.
///
/// A search of one paragraph costs, besides its bytes, a setup of each of
/// its searches, and most paragraphs are short: a search from where a
/// paragraph starts to [`SEARCH_AHEAD`] bytes past it finds the
/// candidates of the paragraphs after it too, which are then answered
/// from the offsets kept. A paragraph that starts before the stretch
/// searched is searched alone (the offsets kept stay); one that ends past
/// it starts a new search.
///
/// ```text
/// > | 一是扩内需；二是调结构。⏎推动二十大精神落实。⏎其二，……
///     ^ search from here on, keep 二 ·二 ·二
/// ```
///
/// The answers are those of [`last_second_marker_candidate`] on the
/// paragraph: the offsets kept are those of every `2` and [`TWOS`]
/// character wholly inside the stretch searched, which holds the
/// paragraph; the last of them wholly inside the paragraph is its answer.
/// (Such a character is found in the stretch as in the paragraph: the
/// searches start at a character boundary, and in UTF-8 the bytes of a
/// [`TWOS`] character, whose first byte is a lead byte, are only ever that
/// character.)
#[derive(Debug, Default)]
pub(crate) struct SecondMarkerCandidates {
    /// How far past a paragraph a search goes: 0 searches each paragraph
    /// alone and keeps nothing.
    ahead: usize,
    /// The stretch of the document searched last, `start..end`.
    start: usize,
    end: usize,
    /// The offsets in the document of the `2`s in the stretch, ascending.
    digits: Vec<usize>,
    /// The offsets of the [`TWOS`] characters wholly inside it, ascending.
    others: Vec<usize>,
    /// Where the last paragraph answered from the offsets kept starts, and
    /// the first of `digits` and of `others` at or after it: paragraphs
    /// asked in text order move these on, each offset passed over once.
    last_from: usize,
    next_digit: usize,
    next_other: usize,
}

impl SecondMarkerCandidates {
    /// Candidates that search `ahead` bytes past each paragraph that
    /// starts a search.
    pub(crate) fn new(ahead: usize) -> Self {
        SecondMarkerCandidates {
            ahead,
            ..SecondMarkerCandidates::default()
        }
    }

    /// [`last_second_marker_candidate`] of `text[from..to]`, as an offset
    /// in `text`: `None` when there is no such range or no candidate in it.
    #[inline]
    pub(crate) fn last_in(&mut self, text: &str, from: usize, to: usize) -> Option<usize> {
        // In a range of `text`, a character that starts before `to` ends by
        // it.
        let paragraph = text.get(from..to)?;
        if self.ahead == 0 || from < self.start {
            return alone(paragraph, from);
        }
        if to > self.end {
            self.search(text, from, to);
        }
        if from < self.last_from {
            self.next_digit = self.digits.partition_point(|&at| at < from);
            self.next_other = self.others.partition_point(|&at| at < from);
        }
        self.last_from = from;
        let digit = last_between(&self.digits, &mut self.next_digit, from, to);
        let other = last_between(&self.others, &mut self.next_other, from, to);
        digit.max(other)
    }

    /// Search the stretch from `from` to `ahead` bytes past it, or to `to`
    /// if that is further (the end of `text` at most), and keep the
    /// offsets found ([`push_twos`] finds those of [`TWOS`]).
    #[inline(never)]
    fn search(&mut self, text: &str, from: usize, to: usize) {
        let end = to.max(from.saturating_add(self.ahead)).min(text.len());
        let stretch = text.as_bytes().get(from..end).unwrap_or_default();
        self.digits.clear();
        self.digits
            .extend(memchr::memchr_iter(b'2', stretch).map(|at| from + at));
        self.others.clear();
        push_twos(stretch, from, &mut self.others);
        (self.start, self.end) = (from, end);
        (self.last_from, self.next_digit, self.next_other) = (from, 0, 0);
    }
}

/// The finders of the [`TWOS`] characters other than the enclosed
/// numbers: `二` (`E4 BA 8C`) and `２` (`EF BC 92`).
static TWO_FINDERS: LazyLock<[memmem::Finder<'static>; 2]> = LazyLock::new(|| {
    let [two, wide, ..] = TWOS;
    [memmem::Finder::new(two), memmem::Finder::new(wide)]
});

/// [`TWO_FINDERS`], searching from the end.
static TWO_FINDERS_FROM_THE_END: LazyLock<[memmem::FinderRev<'static>; 2]> = LazyLock::new(|| {
    let [two, wide, ..] = TWOS;
    [memmem::FinderRev::new(two), memmem::FinderRev::new(wide)]
});

/// Whether the `E2` at `at` in `bytes` starts one of the enclosed numbers
/// of [`TWOS`]: `E2 91 A1`, `E2 91 B5`, `E2 93 B6`, `E2 9E 81`, `E2 9D B7`,
/// `E2 9E 8B`.
fn is_enclosed_two(bytes: &[u8], at: usize) -> bool {
    matches!(
        (bytes.get(at + 1), bytes.get(at + 2)),
        (Some(0x91), Some(0xA1 | 0xB5))
            | (Some(0x93), Some(0xB6))
            | (Some(0x9E), Some(0x81 | 0x8B))
            | (Some(0x9D), Some(0xB7))
    )
}

/// Push `from` plus the offset of every [`TWOS`] character in `bytes`, in
/// ascending order, onto `out`: `二` and `２` each found by a search of its
/// own, the enclosed numbers (`E2 91 A1`, `E2 91 B5`, `E2 93 B6`,
/// `E2 9E 81`, `E2 9D B7`, `E2 9E 8B`) by their lead byte `E2`, which
/// Chinese text seldom holds, and the two bytes after it. Three searches
/// of a single pattern each cost less than one of all eight. The offsets
/// are those of a search for all of [`TWOS`] at once: each of them starts
/// with a lead byte, so that no two of their occurrences overlap, and in
/// UTF-8 their bytes are only ever that character.
fn push_twos(bytes: &[u8], from: usize, out: &mut Vec<usize>) {
    let start = out.len();
    let mut sources = 0;
    for finder in TWO_FINDERS.iter() {
        let before = out.len();
        out.extend(finder.find_iter(bytes).map(|at| from + at));
        sources += usize::from(out.len() > before);
    }
    let before = out.len();
    out.extend(
        memchr::memchr_iter(0xE2, bytes)
            .filter(|&at| is_enclosed_two(bytes, at))
            .map(|at| from + at),
    );
    sources += usize::from(out.len() > before);
    if sources > 1 {
        if let Some(found) = out.get_mut(start..) {
            found.sort_unstable();
        }
    }
}

/// [`last_second_marker_candidate`] of `paragraph`, which starts at
/// `from` in the document, searched alone, as an offset in the document.
#[inline(never)]
fn alone(paragraph: &str, from: usize) -> Option<usize> {
    last_second_marker_candidate(paragraph).map(|at| from + at)
}

/// The last of the ascending `offsets` from `from` to before `to`, looked
/// for from `offsets[*next]` on, where `*next` is moved to the first offset
/// at or after `from`.
fn last_between(offsets: &[usize], next: &mut usize, from: usize, to: usize) -> Option<usize> {
    while offsets.get(*next).is_some_and(|&at| at < from) {
        *next += 1;
    }
    let mut last = None;
    for &at in offsets.get(*next..).unwrap_or_default() {
        if at >= to {
            break;
        }
        last = Some(at);
    }
    last
}

/// Recognizes an inline marker at the start of `input`.
pub(crate) fn inline_marker(input: &str) -> IResult<&str, InlineMarker> {
    inline_marker_after(input, point_marker(input).ok())
}

/// [`inline_marker`], given what [`point_marker`] reads at the start of
/// `input` (the rest and the marker; `None` when it reads nothing): a
/// paragraph that opens with a point marker has had it read already.
///
/// ```text
/// > | 一是扩内需；二是调结构。
///     ^^^^ read by the tree builder, taken for the scan's first marker
/// ```
pub(crate) fn inline_marker_after<'a>(
    input: &'a str,
    point: Option<(&'a str, PointMarker)>,
) -> IResult<&'a str, InlineMarker> {
    if let Some((rest, found)) = point {
        if found.scheme != PointScheme::EmDash && found.scheme != PointScheme::Discourse {
            if let Some(number) = found.number {
                return Ok((
                    rest,
                    InlineMarker {
                        scheme: found.scheme.name(),
                        number,
                        marker: found.marker,
                    },
                ));
            }
        }
    }
    // Of the heading markers only `（1）` and `①` may stand inside a
    // paragraph.
    let (rest, found) = inline_heading_marker(input)?;
    Ok((
        rest,
        InlineMarker {
            scheme: found.family.scheme(),
            number: found.number,
            marker: found.marker.into_owned(),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every inline marker numbered 2 that a BMP character makes in any of
    /// the shapes markers take holds a `2` or one of [`TWOS`]; and
    /// [`TWOS`] are the characters other than `2` that do.
    #[test]
    fn every_marker_numbered_two_is_seen_by_the_filter() {
        let shapes = [
            "{}是",
            "{} 是",
            "{}要",
            "其{}，",
            "第{}，",
            "其 {} ，",
            "（{}）",
            "({})",
            "{}）",
            "{})",
            "（0{}）",
            "{}",
            "{}、",
            "{}.",
        ];
        let mut twos = std::collections::BTreeSet::new();
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            for shape in shapes {
                let input = shape.replace("{}", c.encode_utf8(&mut [0; 4]));
                let Ok((rest, marker)) = inline_marker(&input) else {
                    continue;
                };
                if marker.number != 2 {
                    continue;
                }
                let read = &input[..input.len() - rest.len()];
                assert!(may_hold_second_marker(read), "{read:?}");
                if c != '2' {
                    twos.insert(c);
                }
            }
        }
        let listed: std::collections::BTreeSet<char> =
            TWOS.iter().filter_map(|two| two.chars().next()).collect();
        assert_eq!(twos, listed);
    }

    #[test]
    fn texts_without_a_two_are_passed_over() {
        let cases = [
            ("一是扩内需，二是调结构", true),
            ("（1）完善；（2）提高", true),
            ("①提高；②完善", true),
            ("其一，……其２，", true),
            ("党的二十大报告指出", true),
            ("2023年", true),
            ("一是扩内需，三是调结构", false),
            ("推动战略性新兴产业融合集群发展", false),
            ("（1）完善；（3）提高", false),
            ("", false),
        ];
        for (text, expected) in cases {
            assert_eq!(may_hold_second_marker(text), expected, "{text}");
        }
    }

    /// The last candidate is where the last `2` or character of [`TWOS`]
    /// starts, on texts of those, their neighbours and other text.
    #[test]
    fn the_last_candidate_is_the_last_two() {
        let parts = [
            "二", "2", "２", "②", "⑵", "➋", "一", "3", "三", "的", "，", " ", "①",
        ];
        let mut texts = crate::syntax::concatenations(&parts, 4);
        // Long enough for the searches' vector code, with a match at each
        // end.
        texts.push(format!("二{}", "发展".repeat(40)));
        texts.push(format!("{}二", "发展".repeat(40)));
        texts.push(format!("2{}２{}", "发展".repeat(20), "的".repeat(20)));
        for text in &texts {
            let expected = text
                .char_indices()
                .filter(|&(_, c)| c == '2' || TWOS.iter().any(|two| two.starts_with(c)))
                .map(|(at, _)| at)
                .next_back();
            assert_eq!(last_second_marker_candidate(text), expected, "{text}");
        }
    }

    /// The kept candidates answer as a search of the paragraph alone, on
    /// every range of byte offsets of texts of `2`s, [`TWOS`] and their
    /// neighbours (ranges off a character boundary and backwards too),
    /// asked in order of start and then of end, the other way round, and
    /// by start from the last: so in text order, again, shorter, earlier, across the end
    /// of the stretch searched and before its start; with stretches of several lengths, of a few bytes (a new
    /// search for most paragraphs) to [`SEARCH_AHEAD`].
    #[test]
    fn kept_candidates_answer_as_a_search_of_the_paragraph() {
        let parts = ["二", "2", "２", "②", "➋", "一", "的", "，", " "];
        let mut texts = crate::syntax::concatenations(&parts, 3);
        // Long enough for the searches' vector code, with candidates at
        // both ends and in the middle.
        texts.push(format!("二{}2{}②", "发展".repeat(20), "的".repeat(20)));
        texts.push(format!("2{}２{}二", "发展".repeat(20), "的".repeat(20)));
        for ahead in [0, 1, 3, 4, 7, 40, SEARCH_AHEAD] {
            for text in &texts {
                let offsets = 0..=text.len() + 1;
                let by_start = offsets
                    .clone()
                    .flat_map(|from| offsets.clone().map(move |to| (from, to)));
                let by_end = offsets
                    .clone()
                    .flat_map(|to| offsets.clone().map(move |from| (from, to)));
                let by_start: Vec<_> = by_start.collect();
                let backwards = offsets
                    .clone()
                    .rev()
                    .flat_map(|from| offsets.clone().map(move |to| (from, to)))
                    .collect();
                for ranges in [by_start, by_end.collect(), backwards] {
                    let mut candidates = SecondMarkerCandidates::new(ahead);
                    for (from, to) in ranges {
                        let alone = text
                            .get(from..to)
                            .and_then(last_second_marker_candidate)
                            .map(|at| from + at);
                        assert_eq!(
                            candidates.last_in(text, from, to),
                            alone,
                            "{text:?} {from}..{to}, {ahead} ahead"
                        );
                    }
                }
            }
        }
    }

    /// The scan of a paragraph's clauses tells a clause that starts with a
    /// lead byte `E4` to `E9` by [`may_start_marker_ideograph`] alone: on
    /// every character of Unicode so written, alone, before `是` and
    /// before U+3000, it is three bytes long, neither white space nor a
    /// boundary, and starts a marker as [`may_start_marker`] says; 13 do.
    #[test]
    fn ideographs_start_markers_as_decoded() {
        let mut starting = 0;
        for c in
            ('\0'..=char::MAX).filter(|c| matches!(c.to_string().as_bytes(), [0xE4..=0xE9, ..]))
        {
            assert_eq!(c.len_utf8(), 3, "{c:?}");
            assert!(!crate::text::is_space(c) && !is_boundary(c), "{c:?}");
            for text in [c.to_string(), format!("{c}是"), format!("{c}\u{3000}")] {
                assert_eq!(
                    may_start_marker_ideograph(text.as_bytes()),
                    may_start_marker(c),
                    "{c:?}"
                );
            }
            starting += usize::from(may_start_marker(c));
        }
        assert_eq!(starting, 13);
    }

    /// The offsets of [`TWOS`] in `bytes` read three bytes at a time, the
    /// oracle of [`push_twos`].
    fn twos_by_windows(bytes: &[u8], from: usize) -> Vec<usize> {
        (0..bytes.len())
            .filter(|&i| {
                TWOS.iter()
                    .any(|two| bytes.get(i..i + 3) == Some(two.as_bytes()))
            })
            .map(|i| from + i)
            .collect()
    }

    /// [`push_twos`] finds what reading every three bytes finds, keeping
    /// what `out` held: on every character of Unicode, each before a
    /// character of [`TWOS`] in turn, a `2`, U+3000, U+2003, a tab or CRLF
    /// (every lead byte `E2` of Unicode, every `EF BC` before `92` or not);
    /// and on every byte range, ends cut inside characters too, of short
    /// texts mixing [`TWOS`] and their neighbours in bytes (`②`, `⓷`,
    /// `➂`, `３`, `亍`).
    #[test]
    fn twos_are_found_as_by_reading_every_three_bytes() {
        let seps = ["", "2", "\u{3000}", "\u{2003}", "\t", "\r\n", "的"];
        let mut all = String::new();
        for (k, c) in ('\0'..=char::MAX).enumerate() {
            all.push(c);
            all.push_str(TWOS[k % TWOS.len()]);
            all.push_str(seps[k % seps.len()]);
        }
        let mut out = vec![1, 2];
        push_twos(all.as_bytes(), 5, &mut out);
        let mut expected = vec![1, 2];
        expected.extend(twos_by_windows(all.as_bytes(), 5));
        assert!(expected.len() > 1_100_000);
        assert_eq!(out, expected);

        let parts = [
            "二", "２", "②", "⑵", "⓶", "➁", "❷", "➋", "②", "⓷", "➂", "３", "亍", "2", "\r\n",
            "发展",
        ];
        let mut texts = crate::syntax::concatenations(&parts, 2);
        texts.push(parts.concat().repeat(2));
        texts.push(format!("{}{}", "发展".repeat(12), parts.concat()));
        for text in &texts {
            let bytes = text.as_bytes();
            for from in 0..=bytes.len() {
                for to in from..=bytes.len() {
                    let part = bytes.get(from..to).unwrap_or_default();
                    let mut out = Vec::new();
                    push_twos(part, from, &mut out);
                    assert_eq!(out, twos_by_windows(part, from), "{text:?} {from}..{to}");
                }
            }
        }
    }

    #[test]
    fn boundary_width_reads_every_boundary_and_nothing_else() {
        crate::text::assert_byte_reader_agrees(is_boundary, boundary_width, 11);
    }

    /// The pre-test rejects only characters no inline marker starts with.
    #[test]
    fn characters_rejected_up_front_start_no_inline_marker() {
        let rests = [
            "是", "要", "，", "是一", "二，", "1）", "2）", "）", "一）", "",
        ];
        crate::syntax::assert_rejected_characters_start_nothing(
            may_start_marker,
            |input| inline_marker(input).is_ok(),
            &rests,
        );
    }

    type Found = (HeadingFamily, u32, String);

    fn chosen(input: &str) -> IResult<&str, Found> {
        inline_heading_marker(input)
            .map(|(rest, m)| (rest, (m.family, m.number, m.marker.into_owned())))
    }

    fn allowed(input: &str) -> IResult<&str, Found> {
        match heading_marker(input) {
            Ok((rest, m))
                if matches!(
                    m.family,
                    HeadingFamily::ArabicParenthesized | HeadingFamily::Circled
                ) =>
            {
                Ok((rest, (m.family, m.number, m.marker.into_owned())))
            }
            _ => Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Verify,
            ))),
        }
    }

    /// The heading markers read inside a paragraph are those of the two
    /// families allowed there among what `heading_marker` reads, on every
    /// character of the Basic Multilingual Plane followed by each rest.
    #[test]
    fn inline_heading_markers_are_the_allowed_heading_markers() {
        crate::syntax::assert_choice_by_first_character_agrees(
            chosen,
            allowed,
            &["1）", "）", "一）", "12 ）加强", "、", "是", ""],
            50,
        );
    }

    #[test]
    fn inline_markers() {
        let cases = [
            ("一是扩内需", "numeral_shi", 1, "一是", "扩内需"),
            ("二 要 压实", "numeral_yao", 2, "二要", " 压实"),
            ("其二，", "qi_numeral", 2, "其二，", ""),
            ("第三，", "di_numeral", 3, "第三，", ""),
            ("（2）完善", "arabic_parenthesized", 2, "（2）", "完善"),
            ("②提高", "circled", 2, "②", "提高"),
        ];
        for (input, scheme, number, marker, rest) in cases {
            let expected = InlineMarker {
                scheme,
                number,
                marker: marker.to_owned(),
            };
            assert_eq!(inline_marker(input), Ok((rest, expected)), "{input}");
        }
        for input in [
            "一是一，二是二",
            "（一）加强",
            "一、总体",
            "——经济",
            "首先，",
        ] {
            assert!(inline_marker(input).is_err(), "should reject {input}");
        }
    }
}
