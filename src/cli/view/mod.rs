//! Views of an outline for people: an indented tree for the terminal
//! (`tree`), a Markdown outline (`markdown`) and a self-contained HTML
//! report with the source text and the findings of `outline check`
//! (`html`).
//!
//! | module | output | used by |
//! |---|---|---|
//! | `tree` | one line a node: line number, glyph, marker, text, flags; ANSI colour on request | `outline parse --format tree` |
//! | `markdown` | `#` headings, points as list items that keep their markers, `---` separators | `outline parse --format markdown` |
//! | `html` | one HTML file: collapsible tree beside the numbered source, findings marked and listed, a summary per rule, an index for several files | `outline report` |
//!
//! Every view is a pure function of its input: the same document gives the
//! same bytes (no time stamps, no paths but the names given).

pub(crate) mod html;
pub(crate) mod markdown;
pub(crate) mod tree;

use std::io::IsTerminal;
use std::path::Path;

/// The `--format` values of `outline parse`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// The outline JSON (contract version 1).
    Json,
    /// An indented tree with line numbers, for people.
    Tree,
    /// A Markdown outline: headings, lists that keep their markers.
    Markdown,
}

/// Whether to colour output written to `output` (standard output when
/// `None`): only on a terminal, and only when `NO_COLOR` is unset or empty.
pub(crate) fn colour_for(output: Option<&Path>) -> bool {
    output.is_none()
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

/// The columns a character takes in a terminal: 2 for East Asian wide and
/// full-width characters (CJK ideographs and punctuation, kana, hangul,
/// full-width forms, most emoji), 0 for control and combining characters,
/// 1 for the rest.
pub(crate) fn char_width(c: char) -> usize {
    let code = u32::from(c);
    if code < 0x20 || (0x7f..0xa0).contains(&code) {
        return 0;
    }
    let zero = [
        (0x0300, 0x036f), // combining diacritics
        (0x200b, 0x200f), // zero-width space, joiners, marks
        (0xfe00, 0xfe0f), // variation selectors
    ];
    if zero.iter().any(|&(lo, hi)| (lo..=hi).contains(&code)) {
        return 0;
    }
    let wide = [
        (0x1100, 0x115f),   // hangul jamo
        (0x2e80, 0x303e),   // CJK radicals, ideographic punctuation
        (0x3041, 0x33ff),   // kana, bopomofo, CJK compatibility
        (0x3400, 0x4dbf),   // CJK extension A
        (0x4e00, 0x9fff),   // CJK unified ideographs
        (0xa000, 0xa4cf),   // Yi
        (0xac00, 0xd7a3),   // hangul syllables
        (0xf900, 0xfaff),   // CJK compatibility ideographs
        (0xfe10, 0xfe19),   // vertical forms
        (0xfe30, 0xfe6f),   // CJK compatibility forms, small forms
        (0xff00, 0xff60),   // full-width forms
        (0xffe0, 0xffe6),   // full-width signs
        (0x1f300, 0x1f64f), // pictographs, emoticons
        (0x1f900, 0x1f9ff), // supplemental pictographs
        (0x20000, 0x3fffd), // CJK extensions B and later
    ];
    if wide.iter().any(|&(lo, hi)| (lo..=hi).contains(&code)) {
        2
    } else {
        1
    }
}

/// The columns a string takes in a terminal.
pub(crate) fn text_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// `text` cut to at most `max` columns, with `…` (one column) at the end
/// when something was cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text_width(text) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = char_width(c);
        if width + w + 1 > max {
            break;
        }
        out.push(c);
        width += w;
    }
    out.push('…');
    out
}

/// The last line a position covers: an end at column 1 of a later line
/// (just after a line break) belongs to the line before.
pub(crate) fn last_line(position: &outline::Position) -> usize {
    let (start, end) = (&position.start, &position.end);
    if end.line > start.line && end.column == 1 {
        end.line - 1
    } else {
        end.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cjk_as_two() {
        assert_eq!(text_width("abc"), 3);
        assert_eq!(text_width("人工智能"), 8);
        assert_eq!(text_width("一、总体要求。"), 14);
        assert_eq!(text_width("（一）"), 6);
        assert_eq!(text_width("e\u{301}"), 1);
    }

    #[test]
    fn shorten_cuts_at_the_width_with_an_ellipsis() {
        assert_eq!(shorten("人工智能", 8), "人工智能");
        assert_eq!(shorten("人工智能", 7), "人工智…");
        assert_eq!(shorten("人工智能", 6), "人工…");
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(text_width(&shorten(&"人".repeat(50), 40)), 39);
    }
}
