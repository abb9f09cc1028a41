//! Indentation: the white space that opens a line.
//!
//! A paragraph's first line is indented two characters (GB/T 9704 §7.3.3),
//! written with U+3000 ideographic spaces, U+2003 em spaces, a tab or ASCII
//! spaces. Word segmentation adds single ASCII spaces around every token, so
//! one ASCII space alone is not an indent.
//!
//! ```bnf
//! indentation ::= *space
//! indented    ::= wide-space | tab | 2*" "      ; somewhere in the run
//! ```
//!
//! ```text
//! > | 　　 党 的 二十 大 报告
//!     ^^^ indented: two em spaces, then a segmentation space
//! > |  长引擎 ， 加快
//!     ^ not indented: one segmentation space
//! ```

use crate::text::space_width;
use nom::IResult;

/// The white space at the start of a line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Indent {
    /// ASCII spaces in the run.
    pub ascii: u16,
    /// Every other white-space character: ideographic and em spaces, tabs.
    pub wide: u16,
}

impl Indent {
    /// Whether the line is indented, as a paragraph's first line is.
    pub(crate) fn is_indented(&self) -> bool {
        self.wide > 0 || self.ascii >= 2
    }
}

/// Consumes a line's leading white space and measures it, reading each
/// character once.
pub(crate) fn indentation(input: &str) -> IResult<&str, Indent> {
    let mut indent = Indent::default();
    let mut rest = input;
    loop {
        match rest.as_bytes().first() {
            Some(b' ') => {
                // Read from its byte: the usual indentation, ASCII spaces.
                indent.ascii = indent.ascii.saturating_add(1);
                rest = rest.get(1..).unwrap_or_default();
            }
            // A character from U+4000 to U+9FFF (lead byte `E4` to `E9`),
            // the usual end of the run: no white space.
            Some(0xE4..=0xE9) | None => return Ok((rest, indent)),
            // Any other white space (U+3000, U+2003, a tab) read from its
            // bytes too, without decoding a character: `space_width` reads
            // the white space `is_space` tells, and is 0 on anything else.
            Some(_) => {
                let width = space_width(rest.as_bytes(), 0);
                if width == 0 {
                    return Ok((rest, indent));
                }
                indent.wide = indent.wide.saturating_add(1);
                rest = rest.get(width..).unwrap_or_default();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::is_space;

    /// The run as the character loop it replaced read it.
    fn indentation_by_characters(input: &str) -> (&str, Indent) {
        let mut indent = Indent::default();
        let mut chars = input.chars();
        loop {
            let rest = chars.as_str();
            match chars.next() {
                Some(' ') => indent.ascii = indent.ascii.saturating_add(1),
                Some(c) if is_space(c) => indent.wide = indent.wide.saturating_add(1),
                _ => return (rest, indent),
            }
        }
    }

    /// Reading the white space and the usual first character of text from
    /// their bytes changes nothing: on every character of the Basic
    /// Multilingual Plane, alone, after spaces and before text, the run
    /// is what the character loop reads.
    #[test]
    fn indentation_read_from_bytes_is_read_by_characters() {
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            for input in [
                format!("{c}"),
                format!("{c}甲"),
                format!("   {c}甲"),
                format!("\u{3000}\u{3000}{c} 甲"),
                format!(" {c}\t甲"),
                format!("\u{2003}{c}甲"),
                format!("\t\u{3000} {c}"),
            ] {
                let (rest, indent) = indentation(&input).unwrap_or(("?", Indent::default()));
                assert_eq!(
                    (rest, indent),
                    indentation_by_characters(&input),
                    "{input:?}"
                );
            }
        }
    }

    #[test]
    fn indentation_measures_the_leading_run() {
        let cases = [
            (
                "\u{3000}\u{3000}一是",
                0,
                2,
                "一是",
                true,
                "two ideographic spaces",
            ),
            (
                "\u{2003}\u{2003} 党",
                1,
                2,
                "党",
                true,
                "em spaces and a segmentation space",
            ),
            ("    第一条", 4, 0, "第一条", true, "four ASCII spaces"),
            ("  二是", 2, 0, "二是", true, "two ASCII spaces"),
            (" 长引擎", 1, 0, "长引擎", false, "one segmentation space"),
            ("\t甲", 0, 1, "甲", true, "a tab"),
            ("甲", 0, 0, "甲", false, "no space"),
        ];
        for (line, ascii, wide, rest, indented, why) in cases {
            let (left, indent) = indentation(line).expect("never fails");
            assert_eq!((left, indent), (rest, Indent { ascii, wide }), "{why}");
            assert_eq!(indent.is_indented(), indented, "{why}");
        }
    }
}
