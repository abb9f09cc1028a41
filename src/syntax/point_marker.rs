//! Point marker: the ordinal that opens a numbered point.
//!
//! ```bnf
//! point_marker ::= numeral *space ("是" | "要")           ; 一是 二 是 十一要
//!                | "其" numeral *space ("，" | "," | "：" | "是")   ; 其一，
//!                | "第" numeral *space ("，" | "," | "：")         ; 第一，
//!                | ("首先" | "其次" | "再次" | "最后") *space ("，" | "," | "：")
//!                | "——" not-dash                                  ; ——经济总体回升向好。
//! ```
//!
//! Word segmentation puts spaces inside a marker, so `二 是` and `第一 ，`
//! are accepted and normalized to `二是` and `第一，`.
//!
//! ```text
//! > | 　　二 是 加快 推进 传统 产业 转型 升级 。
//!         ^^^^ point 2, marker `二是`
//! > | 　　一是一，二是二
//!         not a point: the idiom, 是 is followed by the same kind of numeral and a comma
//! > | 　　最后一公里
//!         not a point: 最后 is not followed by a comma
//! ```
//!
//! Markers are only recognized where a paragraph starts; the caller decides
//! that.

use super::numeral::{
    chinese_numeral, key3, lead3, may_start_chinese_numeral, may_start_chinese_numeral_at,
};
use super::spaces;
use crate::text::{contains_space, is_space, trim_start_spaces};
use nom::{
    branch::alt,
    bytes::complete::tag,
    character::complete::{char, one_of, satisfy},
    combinator::{consumed, peek},
    IResult, Parser,
};

/// The family of a point marker. The JSON names are stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum PointScheme {
    /// `一是`, `二是`, …
    NumeralShi,
    /// `一要`, `二要`, …
    NumeralYao,
    /// `其一，`, `其二，`, …
    QiNumeral,
    /// `第一，`, `第二，`, …
    DiNumeral,
    /// `首先，`, `其次，`, `再次，`, `最后，`
    Discourse,
    /// `——` items, numbered by their place in the list.
    EmDash,
}

impl PointScheme {
    /// The stable snake_case name used in the JSON `scheme` field.
    pub(crate) fn name(self) -> &'static str {
        match self {
            PointScheme::NumeralShi => "numeral_shi",
            PointScheme::NumeralYao => "numeral_yao",
            PointScheme::QiNumeral => "qi_numeral",
            PointScheme::DiNumeral => "di_numeral",
            PointScheme::Discourse => "discourse",
            PointScheme::EmDash => "em_dash",
        }
    }
}

/// A recognized point marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PointMarker {
    /// Its family.
    pub scheme: PointScheme,
    /// Its value; `None` where the number is the point's place in its list
    /// (`——`, and `最后` after `首先…其次`).
    pub number: Option<u32>,
    /// The marker without the spaces segmentation put inside it.
    pub marker: String,
}

/// The largest number of a point marker: nobody enumerates a hundred points
/// with `一百是`, while `两千是` and `〇是` are not points at all.
const POINT_NUMBER_MAX: u32 = 99;

/// Characters that make a word with 要 (要素, 要求, 要点, 要件, 要闻, 要务,
/// 要害, 要领, 要事, 要员, 要地, 要塞, 要职, 要旨, 要义): after a numeral,
/// `三要素` is not the third point.
const YAO_WORDS: &str = "素求点件闻务害领事员地塞职旨义";

/// The marker without white space.
fn squeeze(written: &str) -> String {
    if !contains_space(written) {
        // Most markers: copied at once rather than a character at a time.
        return written.to_owned();
    }
    // Room for all of it at once: most markers are a few characters, and
    // collecting them one by one would grow the string more than once.
    let mut squeezed = String::with_capacity(written.len());
    squeezed.extend(written.chars().filter(|c| !is_space(*c)));
    squeezed
}

/// A comma, or a colon, after an ordinal word.
fn ordinal_punctuation(input: &str) -> IResult<&str, char> {
    one_of("，,：").parse(input)
}

/// `numeral *space ("是" | "要")`: `一是`, `二 是`, `十一要`, but not the
/// idiom `一是一，二是二` nor a word with 要 (`三要素`). Read by hand, part
/// after part, as the grammar says (in nom's combinators in the tests'
/// `grammar`, which it must agree with): a line that opens with a numeral
/// is read here, and the combinators cost several times more.
fn numeral_shi_or_yao(input: &str) -> Option<(&str, PointMarker)> {
    let (after, number) = chinese_numeral(input).ok()?;
    if !(1..=POINT_NUMBER_MAX).contains(&number) {
        return None; // 一 … 九十九
    }
    let after_spaces = trim_start_spaces(after); // segmentation space
    let spaced = after_spaces.len() != after.len();
    let mut chars = after_spaces.chars();
    let verb = chars.next().filter(|c| matches!(c, '是' | '要'))?;
    let rest = chars.as_str();
    // 一是一，二是二: 是 followed by a numeral and a comma is the idiom.
    if let Ok((after, _)) = chinese_numeral(rest) {
        if trim_start_spaces(after).starts_with(['，', ',', '：']) {
            return None;
        }
    }
    // 三要素, 二要件: 要 starting a word of its own.
    if verb == '要' && rest.starts_with(|c| YAO_WORDS.contains(c)) {
        return None;
    }
    let scheme = if verb == '是' {
        PointScheme::NumeralShi
    } else {
        PointScheme::NumeralYao
    };
    let written = input.get(..input.len() - rest.len())?;
    // The numeral and the verb are no white space: the marker has some
    // to take out only when segmentation put it between them.
    let marker = if spaced {
        squeeze(written)
    } else {
        written.to_owned()
    };
    Some((
        rest,
        PointMarker {
            scheme,
            number: Some(number),
            marker,
        },
    ))
}

/// `其一，`, `其二是`.
fn qi_numeral(input: &str) -> IResult<&str, PointMarker> {
    let (rest, (written, (_, number, _, _))) = consumed((
        char('其'),
        chinese_numeral,
        spaces,
        alt((ordinal_punctuation, char('是'))),
    ))
    .parse(input)?;
    Ok((
        rest,
        PointMarker {
            scheme: PointScheme::QiNumeral,
            number: Some(number),
            marker: squeeze(written),
        },
    ))
}

/// `第一，` — but not `第一章`, `第一批`, `第一时间`.
fn di_numeral(input: &str) -> IResult<&str, PointMarker> {
    let (rest, (written, (_, number, _, _))) =
        consumed((char('第'), chinese_numeral, spaces, ordinal_punctuation)).parse(input)?;
    Ok((
        rest,
        PointMarker {
            scheme: PointScheme::DiNumeral,
            number: Some(number),
            marker: squeeze(written),
        },
    ))
}

/// `首先，`, `其次，`, `再次，`, `最后，` — but not `再次强调`, `最后一公里`.
fn discourse(input: &str) -> IResult<&str, PointMarker> {
    let (rest, (written, (word, _, _))) = consumed((
        alt((tag("首先"), tag("其次"), tag("再次"), tag("最后"))),
        spaces,
        ordinal_punctuation,
    ))
    .parse(input)?;
    let number = match word {
        "首先" => Some(1),
        "其次" => Some(2),
        "再次" => Some(3),
        _ => None,
    };
    Ok((
        rest,
        PointMarker {
            scheme: PointScheme::Discourse,
            number,
            marker: squeeze(written),
        },
    ))
}

/// `——经济总体回升向好。`: two em dashes (or two-em dash) and then text.
fn em_dash(input: &str) -> IResult<&str, PointMarker> {
    let (rest, (dash, _, _)) = (
        alt((tag("——"), tag("⸺"))),
        spaces,
        // Text after the dashes: its first character tells.
        peek(satisfy(|c: char| c != '—' && !is_space(c))),
    )
        .parse(input)?;
    Ok((
        rest,
        PointMarker {
            scheme: PointScheme::EmDash,
            number: None,
            marker: dash.to_owned(),
        },
    ))
}

/// Recognizes the marker that opens a point, at the start of a paragraph's
/// text (indentation already consumed). The rest starts after the marker
/// and any segmentation space inside it.
///
/// Inlined where it is called, so that the test of the first character,
/// which tells most paragraphs, costs no call.
#[inline]
pub(crate) fn point_marker(input: &str) -> IResult<&str, PointMarker> {
    if !may_start_point_marker_at(input.as_bytes()) {
        return Err(no_marker(input));
    }
    chosen_point_marker(input)
}

/// [`may_start_point_marker`] of the first character of `bytes`, told from
/// its UTF-8 bytes without decoding it: every character that may start a
/// point marker (`其第首再最—⸺` and those that may start a Chinese numeral,
/// [`may_start_chinese_numeral_at`]) has three bytes, compared at once.
fn may_start_point_marker_at(bytes: &[u8]) -> bool {
    const QI: u32 = key3('其');
    const DI: u32 = key3('第');
    const SHOU: u32 = key3('首');
    const ZAI: u32 = key3('再');
    const ZUI: u32 = key3('最');
    const EM_DASH: u32 = key3('—');
    const TWO_EM_DASH: u32 = key3('⸺');
    matches!(
        lead3(bytes),
        QI | DI | SHOU | ZAI | ZUI | EM_DASH | TWO_EM_DASH
    ) || may_start_chinese_numeral_at(bytes)
}

/// Whether `c` can start a point marker: the first characters
/// [`chosen_point_marker`] chooses parsers for. The oracle of
/// [`may_start_point_marker_at`].
#[cfg(test)]
fn may_start_point_marker(c: char) -> bool {
    matches!(c, '其' | '第' | '首' | '再' | '最' | '—' | '⸺') || may_start_chinese_numeral(c)
}

/// The error of a text that starts with no point marker.
fn no_marker(input: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Alt))
}

/// [`point_marker`] after its test of the first character: the first
/// character says which forms can follow, and only their parsers run (in
/// the order of `any_point_marker`).
#[inline(never)]
fn chosen_point_marker(input: &str) -> IResult<&str, PointMarker> {
    match input.chars().next() {
        Some('其') => alt((qi_numeral, discourse)).parse(input),
        Some('第') => di_numeral(input),
        Some('首' | '再' | '最') => discourse(input),
        Some('—' | '⸺') => em_dash(input),
        Some(c) if may_start_chinese_numeral(c) => {
            numeral_shi_or_yao(input).ok_or_else(|| no_marker(input))
        }
        _ => Err(no_marker(input)),
    }
}

/// The point markers, tried one after the other: the grammar as written,
/// which [`point_marker`] must agree with.
#[cfg(test)]
fn any_point_marker(input: &str) -> IResult<&str, PointMarker> {
    alt((
        grammar::numeral_shi_or_yao,
        qi_numeral,
        di_numeral,
        discourse,
        em_dash,
    ))
    .parse(input)
}

/// The grammar of `numeral_shi_or_yao` in nom's combinators, as it was
/// parsed before the reader was written out by hand: the oracle the
/// reader is tested against.
#[cfg(test)]
mod grammar {
    use super::*;
    use nom::combinator::{not, verify};

    /// `一是`, `二 是`, `十一要`, but not the idiom `一是一，二是二`.
    pub(super) fn numeral_shi_or_yao(input: &str) -> IResult<&str, PointMarker> {
        let (rest, (written, ((_, number), _, verb))) = consumed((
            consumed(verify(chinese_numeral, |n| {
                (1..=POINT_NUMBER_MAX).contains(n)
            })), // 一 … 九十九
            spaces,         // segmentation space
            one_of("是要"), // 是 or 要
        ))
        .parse(input)?;
        // 一是一，二是二: 是 followed by a numeral and a comma is the idiom.
        not((chinese_numeral, spaces, ordinal_punctuation)).parse(rest)?;
        // 三要素, 二要件: 要 starting a word of its own.
        if verb == '要' {
            not(one_of(YAO_WORDS)).parse(rest)?;
        }
        let scheme = if verb == '是' {
            PointScheme::NumeralShi
        } else {
            PointScheme::NumeralYao
        };
        Ok((
            rest,
            PointMarker {
                scheme,
                number: Some(number),
                marker: squeeze(written),
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first character's test read from bytes is the test of the
    /// decoded character: on every character of Unicode, alone, before
    /// Chinese text, before a space and cut after each of its bytes, and on
    /// the empty text.
    #[test]
    fn may_start_point_marker_at_is_the_test_of_the_first_character() {
        let mut starts = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for text in [c.to_string(), format!("{c}是"), format!("{c}\u{3000}")] {
                let expected = text.chars().next().is_some_and(may_start_point_marker);
                assert_eq!(
                    may_start_point_marker_at(text.as_bytes()),
                    expected,
                    "{c:?}"
                );
            }
            let mut buf = [0u8; 4];
            let encoded = c.encode_utf8(&mut buf).as_bytes();
            for cut in 1..encoded.len() {
                let bytes = encoded.get(..cut).unwrap_or_default();
                assert!(!may_start_point_marker_at(bytes), "{c:?} cut after {cut}");
            }
            starts += usize::from(may_start_point_marker(c));
        }
        assert!(!may_start_point_marker_at(b""));
        // 其第首再最—⸺, 一…九, 十, 零, 〇, 两.
        assert_eq!(starts, 20);
    }

    fn marker(scheme: PointScheme, number: Option<u32>, marker: &str) -> PointMarker {
        PointMarker {
            scheme,
            number,
            marker: marker.to_owned(),
        }
    }

    /// Choosing the parsers by the first character changes nothing: on
    /// every character of the Basic Multilingual Plane, followed by the
    /// rest of each kind of marker, [`point_marker`] finds what trying every
    /// form in turn finds.
    #[test]
    fn parsers_chosen_by_the_first_character_find_what_all_find() {
        let rests = [
            "",
            "是加快",
            "一是加快",
            "一，加快",
            "先，",
            "次，",
            "后，",
            "—加快",
            " 是",
        ];
        crate::syntax::assert_choice_by_first_character_agrees(
            point_marker,
            any_point_marker,
            &rests,
            20,
        );
        for input in [
            "一是加快",
            "其一，",
            "第一，",
            "首先，",
            "其次，",
            "再次，",
            "最后，",
            "——加快",
            "⸺加快",
        ] {
            assert!(point_marker(input).is_ok(), "{input:?}");
        }
    }

    /// The reader of `一是` and `二要` written by hand accepts what its
    /// grammar accepts, with the same marker and rest: on every text of at
    /// most five pieces that make numerals (also past 九十九), 是 and 要,
    /// the idiom `一是一，二是二` with each of its punctuation marks, the
    /// words 要 starts (`三要素`, `二要求`), white space of three kinds and
    /// other text. A reader that missed the idiom's `：` fails here
    /// (`一是一：二是二`).
    #[test]
    fn numeral_shi_or_yao_read_by_hand_is_its_grammar() {
        let pieces = [
            "一",
            "九十九",
            "百",
            "是",
            "要",
            "素",
            "求",
            "，",
            ",",
            "：",
            " ",
            "　",
            "\t",
            "甲",
        ];
        let texts = crate::syntax::concatenations(&pieces, 5);
        let mut found = 0;
        for text in &texts {
            let by_hand = numeral_shi_or_yao(text);
            let by_grammar = grammar::numeral_shi_or_yao(text).ok();
            assert_eq!(by_hand, by_grammar, "{text:?}");
            found += usize::from(by_hand.is_some());
        }
        assert!(found > 1000, "{found} markers");
        for idiom in [
            "一是一，二是二",
            "一是一,二是二",
            "一是一：二是二",
            "一是一 ：二",
        ] {
            assert_eq!(numeral_shi_or_yao(idiom), None, "{idiom:?}");
        }
    }

    /// The em dash form tells the text after the dashes by its first
    /// character, as the scan of the whole run it replaced did: on every
    /// character of the Basic Multilingual Plane after each dash and after
    /// a dash and a space.
    #[test]
    fn em_dash_items_are_told_by_their_first_character_as_by_a_scan() {
        use nom::bytes::complete::take_while1;
        fn scanned(input: &str) -> IResult<&str, PointMarker> {
            let (rest, (dash, _, _)) = (
                alt((tag("——"), tag("⸺"))),
                spaces,
                peek(take_while1(|c: char| c != '—' && !is_space(c))),
            )
                .parse(input)?;
            Ok((
                rest,
                PointMarker {
                    scheme: PointScheme::EmDash,
                    number: None,
                    marker: dash.to_owned(),
                },
            ))
        }
        let mut found = 0;
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            for input in [
                format!("——{c}甲"),
                format!("⸺ {c}"),
                format!("—— {c}—"),
                format!("——{c}"),
            ] {
                let told = em_dash(&input).ok();
                assert_eq!(told, scanned(&input).ok(), "{input:?}");
                found += usize::from(told.is_some());
            }
        }
        assert!(found > 200_000, "{found}");
    }

    #[test]
    fn point_markers_in_every_form() {
        use PointScheme::*;
        let cases = [
            (
                "一是大力发展",
                marker(NumeralShi, Some(1), "一是"),
                "大力发展",
                "一是",
            ),
            (
                "二 是 加快",
                marker(NumeralShi, Some(2), "二是"),
                " 加快",
                "segmented 二 是",
            ),
            (
                "十一是推动",
                marker(NumeralShi, Some(11), "十一是"),
                "推动",
                "十一是",
            ),
            (
                "二要压实",
                marker(NumeralYao, Some(2), "二要"),
                "压实",
                "二要",
            ),
            ("其一，", marker(QiNumeral, Some(1), "其一，"), "", "其一，"),
            ("其二是", marker(QiNumeral, Some(2), "其二是"), "", "其二是"),
            (
                "第三 ，要",
                marker(DiNumeral, Some(3), "第三，"),
                "要",
                "segmented 第三 ，",
            ),
            ("首先，", marker(Discourse, Some(1), "首先，"), "", "首先，"),
            (
                "最后，要",
                marker(Discourse, None, "最后，"),
                "要",
                "最后， numbered by place",
            ),
            (
                "——经济总体回升向好。",
                marker(EmDash, None, "——"),
                "经济总体回升向好。",
                "an em-dash item",
            ),
        ];
        for (input, expected, rest, why) in cases {
            assert_eq!(
                point_marker(input),
                Ok((rest, expected)),
                "should accept {why}"
            );
        }
    }

    #[test]
    fn false_friends_are_not_points() {
        let cases = [
            ("一是一，二是二", "the idiom"),
            ("第一批试点", "第一批"),
            ("第一时间", "第一时间"),
            ("第一章　总则", "a chapter"),
            ("再次强调", "再次 meaning again"),
            ("最后一公里", "最后 as an adjective"),
            ("一、二季度", "a heading-like numeral pair"),
            ("其中，", "其中"),
            ("——", "a dash with nothing after it"),
            ("唯一是", "唯一是 does not start with a numeral"),
            ("三要素齐备", "要素 is a word"),
            ("二要求", "要求 is a word"),
            ("〇是", "zero is no point"),
            ("两千是", "numbers above 99 are no points"),
        ];
        for (input, why) in cases {
            assert!(point_marker(input).is_err(), "should reject {why}: {input}");
        }
    }
}
