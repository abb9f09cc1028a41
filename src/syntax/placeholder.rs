//! Placeholder: a line that stands for missing content.
//!
//! ```bnf
//! placeholder ::= *space ( "[" *space "]" | "【" *space "】"
//!                        | "[…]" | "[...]" | "（略）" | "(略)"
//!                        | "……" | "…" | "..." ) *space EOL
//! ```
//!
//! ```text
//! > | [ ]
//!     ^^^ placeholder, raw `[ ]`
//! ```

use crate::text::is_space;
use nom::{
    branch::alt,
    bytes::complete::{tag, take_while},
    combinator::{eof, recognize},
    sequence::delimited,
    IResult, Parser,
};

/// Recognizes a placeholder line; returns it as written, without the white
/// space around it.
pub(crate) fn placeholder(input: &str) -> IResult<&str, &str> {
    // A line that starts with a character from U+4000 to U+9FFF (lead
    // byte `E4` to `E9`: most Chinese text) starts with neither white space
    // nor a placeholder.
    if input
        .as_bytes()
        .first()
        .is_some_and(|b| (0xE4..=0xE9).contains(b))
    {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        )));
    }
    // Every placeholder starts with one of these: most other lines stop
    // here.
    let first = input.trim_start_matches(is_space).chars().next();
    if !matches!(first, Some('[' | '【' | '（' | '(' | '…' | '.')) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Tag,
        )));
    }
    delimited(
        take_while(is_space),
        alt((
            recognize((tag("["), take_while(is_space), tag("]"))),
            recognize((tag("【"), take_while(is_space), tag("】"))),
            tag("[…]"),
            tag("[...]"),
            tag("（略）"),
            tag("(略)"),
            tag("……"),
            tag("..."),
            tag("…"),
        )),
        (take_while(is_space), eof),
    )
    .parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_lines() {
        let yes = [
            ("[ ]", "[ ]"),
            ("[]", "[]"),
            (" 【　】 ", "【　】"),
            ("[…]", "[…]"),
            ("（略）", "（略）"),
            ("　　……", "……"),
        ];
        for (line, raw) in yes {
            assert_eq!(placeholder(line), Ok(("", raw)), "should accept {line:?}");
        }
        for line in ["[1]", "[ ] 待补", "……等等", "（一）", "一是", "鿿"] {
            assert!(placeholder(line).is_err(), "should reject {line:?}");
        }
    }
}
