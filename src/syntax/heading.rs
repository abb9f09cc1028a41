//! Heading and title candidates: short lines without sentence punctuation.
//!
//! An unnumbered heading has no marker to recognize; what sets it apart is
//! its shape. It stands alone (a block of one line), it is short, and it does
//! not end with the punctuation of a sentence or a fragment of one.
//!
//! ```text
//! > | 　　 人工智能 引领 科技 革命
//!          ^^^^^^^^^^^^^^^^^^^^ heading: 9 characters once normalized, no punctuation
//! > | 　　 近年 来 ， 人工智能 迅速 发展 ， 作为 引 领 新 一 代 科技 …
//!          not a heading: a sentence
//! ```

use super::numeral::{key3, lead3};
use crate::text::is_body_punctuation;

/// Most characters a normalized line may have and still be a heading.
///
/// `加速深化人工智能产业链` (11 characters) is a heading; the seed's wrapped
/// body lines hold about 45 characters, its points' first sentences up to 22.
pub(crate) const HEADING_CHARS_MAX: usize = 30;

/// Most characters a title line may have.
///
/// Titles of government reports carry their occasion and speaker on one line
/// (`政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上国务院总理 李强`,
/// 46 characters).
pub(crate) const TITLE_CHARS_MAX: usize = 60;

/// Most characters a numbered heading standing on its own line may have
/// (`二、2024年经济社会发展总体要求和政策取向`, 21 characters).
pub(crate) const NUMBERED_HEADING_CHARS_MAX: usize = 40;

/// Most characters of the first sentence of a run-in heading
/// (`（一）大力推进现代化产业体系建设，加快发展新质生产力。`, 27 characters).
pub(crate) const RUN_IN_HEADING_CHARS_MAX: usize = 60;

/// Most characters of each line of a title of several lines.
pub(crate) const TITLE_LINE_CHARS_MAX: usize = 40;

/// Most characters of the signature line before the closing date.
pub(crate) const SIGNATURE_CHARS_MAX: usize = 30;

/// Whether normalized text is shaped like a heading or a title of at most
/// `max_chars` characters: not empty, no longer than that, and not ending
/// with sentence or clause punctuation.
///
/// Text that ends with a CJK ideograph from U+4E00 to U+9FFF, as most
/// headings do, is told so from its last three bytes (a lead byte `E5` to
/// `E9`, or `E4` before `B8` to `BF`): such a character is no bracket, no
/// punctuation and alphanumeric, which decoding it would find.
pub(crate) fn is_heading_shaped(text: &str, max_chars: usize) -> bool {
    // No more bytes than `max_chars` are no more characters; otherwise they
    // are counted from the bytes, without decoding them.
    if text.len() > max_chars && bytecount::num_chars(text.as_bytes()) > max_chars {
        return false;
    }
    if let [.., lead, second, _] = text.as_bytes() {
        if matches!(lead, 0xE5..=0xE9) || (*lead == 0xE4 && *second >= 0xB8) {
            return true;
        }
    }
    shaped_by_its_end(text)
}

/// [`is_heading_shaped`] of a text short enough, from its last characters
/// decoded.
fn shaped_by_its_end(text: &str) -> bool {
    // `（草案）` may close a heading; `……发展。”` closes a sentence.
    let mut last = text.chars().rev().skip_while(|c| is_closing_bracket(*c));
    let closed = text.chars().next_back().is_some_and(is_closing_bracket);
    match last.next() {
        Some(c) => !is_body_punctuation(c) && (is_alphanumeric(c) || closed),
        None => false,
    }
}

/// Whether a line as written (trimmed) ends as no heading-shaped text does:
/// with sentence or clause punctuation followed by nothing but closing
/// brackets. Normalizing a line only takes out or narrows its white space,
/// so its normalized text then ends the same way and [`is_heading_shaped`]
/// rejects it: a test that spares normalizing most lines of body text.
///
/// ```text
/// > | 加快 发展 新质 生产力 。
///                         ^ ends a sentence: not a heading
/// ```
///
/// Read from the bytes at the end, no character decoded: every closing
/// bracket and every body punctuation mark is ASCII or three bytes long, so
/// the last character is told by its last byte (ASCII) or by its last three
/// when they start with a three-byte lead (`E0`–`EF`); any other last
/// character (two or four bytes) is neither. The lists are those of
/// `is_closing_bracket` and [`is_body_punctuation`], which a test holds
/// them to on every character.
pub(crate) fn ends_as_body_text(line: &str) -> bool {
    const CLOSING: [u32; 8] = [
        key3('）'),
        key3('”'),
        key3('》'),
        key3('」'),
        key3('』'),
        key3('】'),
        key3('’'),
        key3('〕'),
    ];
    const BODY: [u32; 10] = [
        key3('。'),
        key3('，'),
        key3('、'),
        key3('；'),
        key3('：'),
        key3('！'),
        key3('？'),
        key3('…'),
        key3('⋯'),
        key3('—'),
    ];
    let mut bytes = line.as_bytes();
    loop {
        match bytes {
            [rest @ .., last] if last.is_ascii() => {
                if *last == b')' {
                    bytes = rest;
                    continue;
                }
                return matches!(last, b',' | b';' | b':' | b'!' | b'?' | b'.');
            }
            // An ideograph from U+4000 to U+9FFF, the end of most lines:
            // no bracket or mark starts with `E4` to `E9`.
            [.., 0xE4..=0xE9, _, _] => return false,
            [rest @ .., a @ 0xE0..=0xEF, b, c] => {
                let key = lead3(&[*a, *b, *c]);
                if CLOSING.contains(&key) {
                    bytes = rest;
                    continue;
                }
                return BODY.contains(&key);
            }
            _ => return false,
        }
    }
}

/// [`ends_as_body_text`] as it was, the characters decoded from the end:
/// the oracle the byte reading is checked against.
#[cfg(test)]
fn ends_as_body_text_decoded(line: &str) -> bool {
    line.chars()
        .rev()
        .find(|c| !is_closing_bracket(*c))
        .is_some_and(is_body_punctuation)
}

/// Closing brackets and quotation marks.
/// [`char::is_alphanumeric`], answered at once for the CJK Unified
/// Ideographs (U+4E00–U+9FFF, every one a letter), which end most headings:
/// the standard library looks other characters up in its tables.
fn is_alphanumeric(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_alphanumeric()
}

fn is_closing_bracket(c: char) -> bool {
    matches!(c, '）' | ')' | '”' | '》' | '」' | '』' | '】' | '’' | '〕')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`is_heading_shaped`] as it was, every end decoded: the oracle of
    /// the test of the last three bytes.
    fn is_heading_shaped_decoded(text: &str, max_chars: usize) -> bool {
        if text.chars().count() > max_chars {
            return false;
        }
        shaped_by_its_end(text)
    }

    /// A text's shape told from its last three bytes where they are an
    /// ideograph is what decoding its end tells: on every character of
    /// Unicode as the last, after Chinese, Latin or no text and before no
    /// bracket, `）` or `。`, for lengths it fits and does not fit.
    #[test]
    fn shape_told_from_the_last_bytes_is_the_decoded_shape() {
        let mut shaped = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for before in ["", "加快发展", "ab"] {
                for after in ["", "）", "。"] {
                    let text = format!("{before}{c}{after}");
                    for max_chars in [1, 2, 5, HEADING_CHARS_MAX] {
                        let expected = is_heading_shaped_decoded(&text, max_chars);
                        assert_eq!(is_heading_shaped(&text, max_chars), expected, "{text:?}");
                        shaped += usize::from(expected);
                    }
                }
            }
        }
        assert!(shaped > 100_000, "{shaped}");
    }

    /// [`ends_as_body_text`] read from the bytes is the decoding oracle: on
    /// every character of Unicode as the last, after Chinese text, alone and
    /// before no, one or two closing brackets (ASCII and full-width, the
    /// one body punctuation mark reads as a closing bracket does not), and
    /// on lines of brackets alone and empty.
    #[test]
    fn ends_as_body_text_by_bytes_is_the_decoded_test() {
        let mut body = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for after in ["", "）", ")”", "》』", "」】’〕", "）\u{3000}"] {
                for before in ["", "加快发展", "a"] {
                    let line = format!("{before}{c}{after}");
                    let expected = ends_as_body_text_decoded(&line);
                    assert_eq!(ends_as_body_text(&line), expected, "{line:?}");
                    body += usize::from(expected);
                }
            }
        }
        for line in [
            "",
            "）",
            "))",
            "”》」』】’〕",
            "。）",
            "é",
            "𠀀）",
            "，\u{3000}",
        ] {
            assert_eq!(
                ends_as_body_text(line),
                ends_as_body_text_decoded(line),
                "{line:?}"
            );
        }
        // 16 marks, before five runs of brackets, after three texts.
        assert_eq!(body, 16 * 5 * 3);
    }

    /// Texts of one character more than the most are not heading-shaped,
    /// of the most are, whatever the width of their characters.
    #[test]
    fn heading_shaped_text_is_counted_in_characters() {
        for c in ['a', 'é', '党', '𠀀'] {
            for max_chars in [1, 2, 10, 40] {
                let most = c.to_string().repeat(max_chars);
                assert!(is_heading_shaped(&most, max_chars), "{most:?}");
                let more = c.to_string().repeat(max_chars + 1);
                assert!(!is_heading_shaped(&more, max_chars), "{more:?}");
            }
        }
        assert!(!is_heading_shaped("", 40));
    }

    #[test]
    fn every_unified_ideograph_is_alphanumeric() {
        for c in '\u{4E00}'..='\u{9FFF}' {
            assert!(c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn heading_shape() {
        let cases = [
            ("人工智能引领科技革命", true, "a short phrase"),
            ("科学制定人工智能产业政策", true, "another short phrase"),
            ("关于《决定》的说明（草案）", true, "ending in a bracket"),
            ("“加快发展。”", false, "a quoted sentence"),
            ("学习《决定》", true, "ending in a book-title mark"),
            ("放新活力。", false, "ending in a full stop"),
            ("各位代表：", false, "ending in a colon"),
            (
                "不断推动制造业、交通运输业、医疗健康业、金融业、",
                false,
                "ending in a 顿号",
            ),
            ("", false, "empty"),
            ("[ ]", false, "a placeholder"),
            (
                "人工智能迅速发展作为引领新一代科技革命和产业变革的战略性技术其具有跨界",
                false,
                "too long",
            ),
        ];
        for (text, expected, why) in cases {
            assert_eq!(
                is_heading_shaped(text, HEADING_CHARS_MAX),
                expected,
                "{why}: {text}"
            );
        }
    }

    #[test]
    fn lines_that_end_as_body_text() {
        let cases = [
            ("加快 发展 新质 生产力 。", true),
            ("“加快发展。”", true),
            ("（见附件。）", true),
            ("各位代表：", true),
            ("推动制造业、", true),
            ("人工智能引领科技革命", false),
            ("关于《决定》的说明（草案）", false),
            ("发展。 ”", false), // white space before the bracket: not decided here
            ("", false),
        ];
        for (line, expected) in cases {
            assert_eq!(ends_as_body_text(line), expected, "{line:?}");
        }
    }

    /// What the builder relies on: a line that ends as body text is never
    /// heading-shaped once normalized, segmented or not, whatever the
    /// limit; checked on every line of every fixture and of some made-up
    /// lines.
    #[test]
    fn lines_that_end_as_body_text_are_never_heading_shaped() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut lines: Vec<String> = [
            "一、 总体 要求 。",
            "（一）加快发展。）」",
            "短句！",
            "Intro .",
            "第 一 章 总 则 ；",
            "Intro. )",
        ]
        .iter()
        .map(|l| (*l).to_owned())
        .collect();
        for folder in ["", "layouts", "markers"] {
            for entry in std::fs::read_dir(root.join(folder))
                .into_iter()
                .flatten()
                .flatten()
            {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    lines.extend(text.lines().map(|l| crate::text::trim_spaces(l).to_owned()));
                }
            }
        }
        let mut checked = 0;
        for line in lines.iter().filter(|l| ends_as_body_text(l)) {
            for segmented in [true, false] {
                let text = crate::text::normalize([line.as_str()], line.len(), segmented);
                for max in [
                    HEADING_CHARS_MAX,
                    TITLE_CHARS_MAX,
                    NUMBERED_HEADING_CHARS_MAX,
                ] {
                    assert!(!is_heading_shaped(&text, max), "{line:?}");
                }
            }
            checked += 1;
        }
        assert!(checked > 50, "{checked}");
    }
}
