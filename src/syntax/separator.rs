//! Separator: a `--` line, where an excerpt ends and text was left out.
//!
//! GNU grep prints exactly this line between groups of context lines.
//! Segmented input may surround it with spaces.
//!
//! ```bnf
//! separator ::= *space "--" *space EOL
//! ```
//!
//! ```text
//! > | --
//!     ^^ separator
//! > | -- 以上 为 摘录
//!       not a separator: text follows
//! ```

use crate::text::is_space;
use nom::{
    bytes::complete::{tag, take_while},
    combinator::eof,
    sequence::delimited,
    IResult, Parser,
};

/// Recognizes a separator line; returns the `--` itself.
pub(crate) fn separator(input: &str) -> IResult<&str, &str> {
    delimited(
        take_while(is_space), // segmentation or indentation spaces
        tag("--"),            // the two hyphens
        (take_while(is_space), eof),
    )
    .parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separator_is_two_hyphens_alone() {
        let yes = [
            ("--", "plain"),
            (" -- ", "segmented"),
            ("\u{3000}--\t", "indented"),
        ];
        for (line, why) in yes {
            assert_eq!(
                separator(line),
                Ok(("", "--")),
                "should accept a {why} separator"
            );
        }
        let no = [
            ("-", "one hyphen"),
            ("---", "three hyphens"),
            ("-- 摘录", "text after it"),
            ("a--", "text before it"),
            ("——", "an em dash pair"),
        ];
        for (line, why) in no {
            assert!(separator(line).is_err(), "should reject {why}: {line:?}");
        }
    }
}
