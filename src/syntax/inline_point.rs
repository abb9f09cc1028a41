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
//! count up by one, with at least two members.
//!
//! ```text
//! > | 必须把握好以下原则：一是扩内需、保增长。……二是调结构、上水平。
//!                         ^^^^ 1                  ^^^^ 2
//! ```

use super::heading_marker::inline_heading_marker;
#[cfg(test)]
use super::heading_marker::{heading_marker, HeadingFamily};
use super::point_marker::{point_marker, PointScheme};
use nom::IResult;

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

/// Recognizes an inline marker at the start of `input`.
pub(crate) fn inline_marker(input: &str) -> IResult<&str, InlineMarker> {
    if let Ok((rest, found)) = point_marker(input) {
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
