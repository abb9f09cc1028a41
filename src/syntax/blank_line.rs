//! Blank line: nothing but white space.
//!
//! ```bnf
//! blank_line ::= *space EOL
//! ```
//!
//! ```text
//! > | 　　 ␊
//!     ^^^ blank: ideographic and ASCII spaces only
//! ```

use crate::text::is_space;
use nom::{bytes::complete::take_while, combinator::eof, IResult, Parser};

/// Succeeds on a line that holds only white space, consuming all of it.
pub(crate) fn blank_line(input: &str) -> IResult<&str, &str> {
    // What is left of a line after its indentation, the usual input, is
    // empty or starts with text: told without running the parsers.
    if input.is_empty() {
        return Ok((input, input));
    }
    if !input.starts_with(is_space) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Eof,
        )));
    }
    (take_while(is_space), eof)
        .map(|(spaces, _)| spaces)
        .parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_line_is_only_white_space() {
        assert_eq!(blank_line(""), Ok(("", "")), "should accept an empty line");
        assert_eq!(
            blank_line(" \u{3000}\u{2003}\t"),
            Ok(("", " \u{3000}\u{2003}\t")),
            "should accept every kind of space"
        );
        assert!(blank_line("　　一是").is_err(), "should not accept text");
        assert!(blank_line(" --").is_err(), "should not accept a separator");
    }
}
