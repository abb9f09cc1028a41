//! The decoded text as lines, and byte offsets turned into line and column.
//!
//! Offsets are UTF-8 bytes of the decoded text (a leading byte order mark
//! already removed); columns count characters (Unicode scalar values), not
//! bytes and not display width. Line breaks are `\n`, `\r\n` or a lone `\r`.
//!
//! ```text
//! 标题\r\n一是
//! ^ 1:1 offset 0
//!          ^ 2:1 offset 8 (标题 is 6 bytes, \r\n 2 more)
//! ```

use crate::syntax::LineInfo;
use memchr::{memchr, memchr2};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One line of the text: where its content starts and ends, and where the
/// next line starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// Offset of the line's first byte.
    pub start: usize,
    /// Offset just after the line's last byte, before its line break.
    pub end: usize,
    /// Which line break ended the line.
    pub ending: LineEnding,
}

/// The line break at the end of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineEnding {
    /// `\n`
    Lf,
    /// `\r\n`
    CrLf,
    /// A lone `\r`
    Cr,
    /// The text ends here.
    None,
}

/// The lines of a text, split at `\n`, `\r\n` and lone `\r`, one after the
/// other: always at least one; a text ending in a line break has an empty
/// last line, as a text editor shows it.
pub(crate) struct Lines<'a> {
    bytes: &'a [u8],
    /// Where the next line starts; `None` once the last line was given.
    start: Option<usize>,
    /// Whether a `\r` may end a line: false only when the caller counted
    /// none where the lines are read ([`Lines::starting_at_counted`]).
    returns: bool,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Lines::starting_at(text, 0)
    }

    /// The lines from offset `start` on, which must be where a line
    /// starts (0, or just after a line break that is not the `\r` of a
    /// `\r\n`); offsets stay those of the whole text.
    pub(crate) fn starting_at(text: &'a str, start: usize) -> Self {
        Lines::starting_at_counted(text, start, true)
    }

    /// [`Lines::starting_at`], for a caller that counted the `\r` bytes of
    /// the text from `start` up to the end of the last line it reads:
    /// `returns` false when there are none (most texts), and the line
    /// breaks are then found by a search for `\n` alone, which takes
    /// fewer instructions than a search for either of two bytes (about
    /// 10 a line on Chinese text) and finds the same break where no `\r`
    /// comes first.
    pub(crate) fn starting_at_counted(text: &'a str, start: usize, returns: bool) -> Self {
        Lines {
            bytes: text.as_bytes(),
            start: Some(start),
            returns,
        }
    }
}

impl Iterator for Lines<'_> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        let start = self.start?;
        let bytes = self.bytes;
        // An empty line, a third of an article's lines, is told by its
        // first byte, a line break, without a search.
        let found = match bytes.get(start) {
            Some(b'\n' | b'\r') => Some(0),
            _ if self.returns => bytes
                .get(start..)
                .and_then(|rest| memchr2(b'\n', b'\r', rest)),
            _ => bytes.get(start..).and_then(|rest| memchr(b'\n', rest)),
        };
        let Some(found) = found else {
            self.start = None;
            return Some(Line {
                start,
                end: bytes.len(),
                ending: LineEnding::None,
            });
        };
        let end = start + found;
        let (ending, width) = match (bytes.get(end), bytes.get(end + 1)) {
            (Some(b'\r'), Some(b'\n')) => (LineEnding::CrLf, 2),
            (Some(b'\r'), _) => (LineEnding::Cr, 1),
            _ => (LineEnding::Lf, 1),
        };
        self.start = Some(end + width);
        Some(Line { start, end, ending })
    }
}

/// Split a text into lines at `\n`, `\r\n` and lone `\r` ([`Lines`]).
pub(crate) fn split_lines(text: &str) -> Vec<Line> {
    Lines::new(text).collect()
}

/// Which line breaks a text uses, gathered line by line; its name is
/// reported in `source.line_ending`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct LineEndings {
    lf: bool,
    crlf: bool,
    cr: bool,
}

impl LineEndings {
    /// Count the break that ends one line.
    pub(crate) fn add(&mut self, ending: LineEnding) {
        match ending {
            LineEnding::Lf => self.lf = true,
            LineEnding::CrLf => self.crlf = true,
            LineEnding::Cr => self.cr = true,
            LineEnding::None => {}
        }
    }

    /// The breaks of both parts of a text.
    pub(crate) fn merge(&mut self, other: LineEndings) {
        self.lf |= other.lf;
        self.crlf |= other.crlf;
        self.cr |= other.cr;
    }

    /// `lf`, `crlf`, `cr` or `mixed` (`lf` for a text without breaks).
    pub(crate) fn name(&self) -> &'static str {
        match (self.lf, self.crlf, self.cr) {
            (_, false, false) => "lf",
            (false, true, false) => "crlf",
            (false, false, true) => "cr",
            _ => "mixed",
        }
    }
}

/// How the lines of a text end, as reported in `source.line_ending`.
#[cfg(test)]
pub(crate) fn line_ending_name(lines: &[Line]) -> &'static str {
    let mut endings = LineEndings::default();
    for line in lines {
        endings.add(line.ending);
    }
    endings.name()
}

/// A place in the text: 1-based line, 1-based column in characters, and
/// 0-based offset in UTF-8 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters (Unicode scalar values).
    pub column: usize,
    /// 0-based offset in UTF-8 bytes of the decoded text.
    pub offset: usize,
}

/// Where a node lies: from `start` to just after its last character.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Position {
    /// The node's first character.
    pub start: Location,
    /// Just after the node's last character (exclusive).
    pub end: Location,
}

impl Position {
    /// A position known so far only by its byte offsets; line and column are
    /// filled in by [`resolve_positions`](crate::tree::resolve_positions).
    pub(crate) fn from_offsets(start: usize, end: usize) -> Self {
        Position {
            start: Location {
                offset: start,
                ..Location::default()
            },
            end: Location {
                offset: end,
                ..Location::default()
            },
        }
    }

    /// The byte range `start..end`.
    pub(crate) fn range(&self) -> std::ops::Range<usize> {
        self.start.offset..self.end.offset
    }
}

/// Turns byte offsets into lines and columns.
///
/// Offsets are resolved in sweeps: each call takes its locations in order
/// of offset (sorting them if they do not come so) and goes on from where
/// the previous call stopped, finding the line breaks in
/// between with `memchr` and counting the characters since the last break.
/// So a document with many nodes on one very long line still costs time
/// linear in the text, and an outline written out a part at a time (whose
/// parts come in text order) is resolved part by part in one pass over the
/// text. A call whose first offset lies before where the last one stopped
/// starts again from the top: slower, never wrong.
///
/// Given the recognized lines ([`LineIndex::with_lines`]), the places most
/// nodes start and end at, where a line's content starts or ends, are
/// looked up instead: the sweep walks the table of lines along, and such a
/// place's column is the indentation's and the content's characters,
/// counted when the line was recognized. Any other place is swept to.
#[derive(Clone)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// Where the last sweep stopped: its line, offset and column.
    line: usize,
    at: usize,
    column: usize,
    /// The recognized lines, one for each line of the text (or none), and
    /// the first one whose content may end at or after `at`.
    lines: &'a [LineInfo],
    next_line: usize,
}

impl<'a> LineIndex<'a> {
    /// A line index that counts every place.
    pub(crate) fn new(text: &'a str) -> Self {
        Self::with_lines(text, &[])
    }

    /// A line index that looks up the places where the content of one of
    /// `lines` (the recognized lines of `text`, every one, in order) starts
    /// or ends.
    pub(crate) fn with_lines(text: &'a str, lines: &'a [LineInfo]) -> Self {
        LineIndex {
            text,
            line: 1,
            at: 0,
            column: 1,
            lines,
            next_line: 0,
        }
    }

    /// Line and column of `offset` (a character boundary after `at`), when
    /// a line's content starts or ends there.
    fn look_up(&mut self, offset: usize) -> Option<(usize, usize)> {
        // The lines before it end their content before it: over a whole
        // document, one step a line.
        while self
            .lines
            .get(self.next_line)
            .is_some_and(|line| line.content_end < offset)
        {
            self.next_line += 1;
        }
        let line = self.lines.get(self.next_line)?;
        let at_start = offset == line.content_start;
        if !at_start && offset != line.content_end {
            return None;
        }
        let counted = line.indent.ascii < u16::MAX
            && line.indent.wide < u16::MAX
            && line.content_chars < u32::MAX;
        if !counted {
            return None;
        }
        let indent = usize::from(line.indent.ascii) + usize::from(line.indent.wide);
        let column = if at_start {
            1 + indent
        } else {
            1 + indent + line.content_chars as usize
        };
        Some((self.next_line + 1, column))
    }

    /// Fill in line and column of every location, given their offsets.
    ///
    /// Each offset must lie on a character boundary within the text; one that
    /// does not is moved back to the previous boundary. Line breaks are `\n`,
    /// `\r\n` and a lone `\r`, as [`split_lines`] splits; an offset between
    /// the `\r` and the `\n` of a pair is still on the line the pair ends.
    pub(crate) fn resolve(&mut self, locations: &mut [&mut Location]) {
        // Gathered in text order, they are sorted already (checked in one
        // pass); otherwise a stable sort, which finds the runs that are.
        if !locations.is_sorted_by_key(|location| location.offset) {
            locations.sort_by_key(|location| location.offset);
        }
        for location in locations.iter_mut() {
            self.resolve_next(location);
        }
    }

    /// Fill in line and column of one location, given its offset, going
    /// on from where the last one stopped: as [`LineIndex::resolve`] does
    /// for each of its locations once they are in order. A location behind
    /// the last one starts the sweep again from the top, so a caller that
    /// hands over locations one at a time keeps them in order of offset
    /// (or checks that they are, see `tree::resolve_blocks`), or the time
    /// is no longer linear in the text.
    #[inline(always)]
    pub(crate) fn resolve_next(&mut self, location: &mut Location) {
        let offset = floor_char_boundary(self.text, location.offset);
        if offset < self.at {
            // Behind the last sweep: start again from the top.
            (self.line, self.at, self.column) = (1, 0, 1);
            self.next_line = 0;
        }
        self.resolve_ahead(location, offset);
    }

    /// Fill in line and column of one location as [`LineIndex::resolve_next`]
    /// does, if it lies at or after the last place; one behind it is left
    /// as it is, and `false` returned (instead of a sweep from the top).
    #[inline(always)]
    pub(crate) fn resolve_forward(&mut self, location: &mut Location) -> bool {
        let offset = floor_char_boundary(self.text, location.offset);
        if offset < self.at {
            return false;
        }
        self.resolve_ahead(location, offset);
        true
    }

    /// Fill in line and column of `location` at `offset`, a character
    /// boundary at or after the last place.
    #[inline(always)]
    fn resolve_ahead(&mut self, location: &mut Location, offset: usize) {
        location.offset = offset;
        if offset == self.at {
            // Where the last one was, as nested nodes often start and
            // end together: nothing to count.
            location.line = self.line;
            location.column = self.column;
            return;
        }
        if let Some((line, column)) = self.look_up(offset) {
            (self.line, self.at, self.column) = (line, offset, column);
            location.line = line;
            location.column = column;
            return;
        }
        self.sweep_to(offset);
        location.line = self.line;
        location.column = self.column;
    }

    /// Go on from where the last place was to `offset` (a character
    /// boundary at or after it), counting the line breaks and the
    /// characters since the last one. Not inlined: few places need it.
    #[inline(never)]
    fn sweep_to(&mut self, offset: usize) {
        let bytes = self.text.as_bytes();
        // The line breaks between the last place and this one.
        while let Some(found) = bytes
            .get(self.at..offset)
            .and_then(|s| memchr2(b'\n', b'\r', s))
        {
            let brk = self.at + found;
            let width = match (bytes.get(brk), bytes.get(brk + 1)) {
                (Some(b'\r'), Some(b'\n')) => 2,
                _ => 1,
            };
            if brk + width > offset {
                break;
            }
            self.line += 1;
            self.at = brk + width;
            self.column = 1;
        }
        self.column += self
            .text
            .get(self.at..offset)
            .map_or(0, |s| s.chars().count());
        self.at = offset;
    }
}

/// The largest character boundary at or before `offset`, within the text.
pub(crate) fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Every `.txt` file under `fixtures/`, as text (for the tests).
#[cfg(test)]
pub(crate) fn fixture_texts() -> Vec<String> {
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
    let mut texts = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                texts.extend(std::fs::read_to_string(path));
            }
        }
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines as a search for every line break finds them, without
    /// the look at a line's first byte: the oracle of [`Lines`].
    fn lines_by_search(text: &str) -> Vec<Line> {
        let bytes = text.as_bytes();
        let mut lines = Vec::new();
        let mut start = 0;
        loop {
            let Some(found) = bytes
                .get(start..)
                .and_then(|rest| memchr2(b'\n', b'\r', rest))
            else {
                lines.push(Line {
                    start,
                    end: bytes.len(),
                    ending: LineEnding::None,
                });
                return lines;
            };
            let end = start + found;
            let (ending, width) = match (bytes.get(end), bytes.get(end + 1)) {
                (Some(b'\r'), Some(b'\n')) => (LineEnding::CrLf, 2),
                (Some(b'\r'), _) => (LineEnding::Cr, 1),
                _ => (LineEnding::Lf, 1),
            };
            lines.push(Line { start, end, ending });
            start = end + width;
        }
    }

    /// Empty lines told by their first byte are the lines the search
    /// finds: every text of up to six of line breaks of each kind, text
    /// and spaces, and from every start of a line in them.
    #[test]
    fn lines_are_the_lines_a_search_finds() {
        let texts = crate::syntax::concatenations(&["\n", "\r", "\r\n", "甲", "a", " "], 6);
        let mut empty = 0;
        for text in &texts {
            let expected = lines_by_search(text);
            assert_eq!(split_lines(text), expected, "{text:?}");
            empty += expected.iter().filter(|l| l.start == l.end).count();
            for (i, line) in expected.iter().enumerate() {
                let from: Vec<_> = Lines::starting_at(text, line.start).collect();
                assert_eq!(from, expected.get(i..).unwrap_or_default(), "{text:?}");
            }
        }
        assert!(empty > texts.len(), "{empty}");
    }

    #[test]
    fn splits_at_every_kind_of_line_break() {
        let text = "标题\r\n一是\n二是\r三是";
        let lines = split_lines(text);
        let spans: Vec<_> = lines
            .iter()
            .map(|l| (&text[l.start..l.end], l.ending))
            .collect();
        assert_eq!(
            spans,
            [
                ("标题", LineEnding::CrLf),
                ("一是", LineEnding::Lf),
                ("二是", LineEnding::Cr),
                ("三是", LineEnding::None),
            ],
            "should split at \\r\\n, \\n and a lone \\r"
        );
        assert_eq!(line_ending_name(&lines), "mixed");
    }

    #[test]
    fn a_trailing_break_leaves_an_empty_last_line() {
        let lines = split_lines("甲\n");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].start, lines[1].end, "the last line is empty");
        assert_eq!(line_ending_name(&lines), "lf");
        assert_eq!(line_ending_name(&split_lines("甲\r\n乙\r\n")), "crlf");
        assert_eq!(line_ending_name(&split_lines("甲\r乙")), "cr");
        assert_eq!(line_ending_name(&split_lines("甲")), "lf");
    }

    #[test]
    fn columns_count_characters_on_chinese_text() {
        let text = "标题\r\n　　一是加快";
        let mut index = LineIndex::new(text);
        let mut a = Location {
            offset: 14, // after 标题\r\n　　 (6 + 2 + 6 bytes)
            ..Location::default()
        };
        let mut b = Location {
            offset: 3,
            ..Location::default()
        };
        let mut c = Location {
            offset: text.len(),
            ..Location::default()
        };
        index.resolve(&mut [&mut a, &mut b, &mut c]);
        assert_eq!(
            (a.line, a.column),
            (2, 3),
            "一 is the third character of line 2"
        );
        assert_eq!((b.line, b.column), (1, 2), "题 is the second character");
        assert_eq!(
            (c.line, c.column),
            (2, 7),
            "the end is after six characters"
        );
    }

    /// Every offset of a text with every kind of line break resolves to
    /// the line `split_lines` puts it on, and to the characters before it
    /// on that line; given in any order.
    /// A text with every kind of line break, blank lines among them.
    const MIXED_BREAKS: &str = "标题\r\n\r\n一是\r二是\n\n\r\r\n三是 end\r";

    /// Unresolved locations at these offsets.
    fn locations_at(offsets: &[usize]) -> Vec<Location> {
        offsets
            .iter()
            .map(|&offset| Location {
                offset,
                ..Location::default()
            })
            .collect()
    }

    #[test]
    fn every_offset_resolves_as_the_line_table_says() {
        let text = MIXED_BREAKS;
        let lines = split_lines(text);
        let offsets: Vec<usize> = (0..=text.len())
            .rev()
            .filter(|o| text.is_char_boundary(*o))
            .collect();
        let mut locations = locations_at(&offsets);
        LineIndex::new(text).resolve(&mut locations.iter_mut().collect::<Vec<_>>());
        for location in &locations {
            let line = lines
                .iter()
                .rposition(|l| l.start <= location.offset)
                .unwrap_or(0);
            let column = text[lines[line].start..location.offset].chars().count() + 1;
            assert_eq!(
                (location.line, location.column),
                (line + 1, column),
                "offset {}",
                location.offset
            );
        }
    }

    /// `(offset, line, column)` of locations at each part's offsets,
    /// resolved by `index` a part at a time, in order of offset.
    fn resolved_in_parts(
        index: &mut LineIndex<'_>,
        parts: &[&[usize]],
    ) -> Vec<(usize, usize, usize)> {
        let mut all = Vec::new();
        for part in parts {
            let mut locations = locations_at(part);
            index.resolve(&mut locations.iter_mut().collect::<Vec<_>>());
            all.extend(locations.iter().map(|l| (l.offset, l.line, l.column)));
        }
        all.sort_unstable();
        all
    }

    /// Resolving in parts, in text order or not, gives what one sweep
    /// gives.
    #[test]
    fn sweeps_in_parts_agree_with_one_sweep() {
        let text = MIXED_BREAKS;
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|o| text.is_char_boundary(*o))
            .collect();
        let resolve_in = |parts: &[&[usize]]| resolved_in_parts(&mut LineIndex::new(text), parts);
        let whole = resolve_in(&[&offsets]);
        let (a, b) = offsets.split_at(offsets.len() / 2);
        assert_eq!(resolve_in(&[a, b]), whole, "in order");
        assert_eq!(resolve_in(&[b, a]), whole, "out of order");
        let singles: Vec<&[usize]> = offsets.chunks(1).rev().collect();
        assert_eq!(resolve_in(&singles), whole, "one at a time, backwards");
    }

    /// With the recognized lines, every place resolves as the sweep alone
    /// resolves it, in one sweep or one place at a time backwards; and the
    /// places where a line's content starts or ends are looked up.
    #[test]
    fn places_looked_up_in_the_lines_are_the_places_swept_to() {
        let mut texts: Vec<String> = [
            MIXED_BREAKS,
            "",
            "\n",
            "  \n\t\u{3000}\n",
            "\u{3000}\u{3000}一是 加快 发展 \t\r\n\r\n  二是\r\r\u{2003}三是 \n",
            "甲\n\n\n乙 ",
        ]
        .map(str::to_owned)
        .into();
        let fixtures = super::fixture_texts();
        assert!(fixtures.len() > 50, "{}", fixtures.len());
        texts.extend(fixtures);
        let mut looked_up = 0;
        for text in &texts {
            let infos = crate::recognize(text).infos;
            let offsets: Vec<usize> = (0..=text.len())
                .filter(|o| text.is_char_boundary(*o))
                .collect();
            let swept = resolved_in_parts(&mut LineIndex::new(text), &[&offsets]);
            let backwards: Vec<&[usize]> = offsets.chunks(1).rev().collect();
            for parts in [vec![offsets.as_slice()], backwards] {
                let mut index = LineIndex::with_lines(text, &infos);
                assert_eq!(resolved_in_parts(&mut index, &parts), swept, "{text:?}");
            }
            let mut index = LineIndex::with_lines(text, &infos);
            for info in &infos {
                for offset in [info.content_start, info.content_end] {
                    assert!(index.look_up(offset).is_some(), "{offset} in {text:?}");
                    looked_up += 1;
                }
            }
        }
        assert!(looked_up > 3_000, "{looked_up}");
    }

    #[test]
    fn an_offset_inside_a_character_moves_back_to_its_start() {
        let text = "一二";
        let mut a = Location {
            offset: 4,
            ..Location::default()
        };
        LineIndex::new(text).resolve(&mut [&mut a]);
        assert_eq!((a.offset, a.column), (3, 2));
    }
}
