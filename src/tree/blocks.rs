//! Text blocks: the lines of one block, their normalized text, and pieces of
//! them (a run-in heading's first sentence, an inline point's text).

use super::paragraphs::RawBlock;
use super::{Block, InlinePoint, Paragraph, Point};
use crate::source::Position;
use crate::syntax::inline_point::{
    boundary_width, inline_marker, inline_marker_after, is_boundary, may_start_marker,
    may_start_marker_ideograph, SecondMarkerCandidates,
};
use crate::syntax::point_marker::PointMarker;
use crate::syntax::LineInfo;
use crate::text::{
    find_by_bytes, give_back_room, is_cjk, is_closing_punctuation, is_space, normalize,
    normalize_into, sentence_end_width, space_width, trim_spaces, TextSink, MAY_START_BOUNDARY,
};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::iter::Peekable;

/// What reading blocks needs to know about the document.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub infos: &'a [LineInfo],
    pub segmented: bool,
    /// Whether most paragraphs start with an indented line.
    pub indented_paragraphs: bool,
    /// Whether paragraphs are made with an empty `text`, for the writer to
    /// make as it writes them ([`TextFiller`]), and the inline points of
    /// some may be left to it too ([`Deferred`]): what `outline parse`
    /// does, so that joining and normalizing the bulk of the text happens
    /// on the writer's thread rather than the builder's (50 MB benchmark
    /// input: 0.33 s → 0.26 s when texts were first deferred).
    pub defer_texts: bool,
    /// Where the characters that a marker numbered 2 holds are, found for
    /// the paragraphs asked for their inline points
    /// ([`SecondMarkerCandidates`]).
    pub second_markers: RefCell<SecondMarkerCandidates>,
}

/// A block of text lines.
#[derive(Clone, Copy)]
pub(crate) struct TextBlock<'a> {
    pub lines: &'a [LineInfo],
    /// From the first character of the block to the end of its last.
    pub start: usize,
    pub end: usize,
}

impl<'a> Context<'a> {
    /// The text lines of a raw block.
    pub(crate) fn block(&self, raw: &RawBlock) -> TextBlock<'a> {
        let lines = self.infos.get(raw.first..=raw.last).unwrap_or_default();
        TextBlock {
            lines,
            start: lines.first().map_or(0, |l| l.content_start),
            end: lines.last().map_or(0, |l| l.content_end),
        }
    }

    /// The content of one line, without indentation and trailing space.
    pub(crate) fn content(&self, info: &LineInfo) -> &'a str {
        self.text
            .get(info.content_start..info.content_end)
            .unwrap_or_default()
    }

    /// The block's lines cut to the byte range `from..to`, each piece
    /// without surrounding white space. A line's content has none at
    /// either end: only a line that is cut is trimmed.
    pub(crate) fn pieces(&self, block: TextBlock<'a>, from: usize, to: usize) -> Pieces<'a> {
        Pieces {
            text: self.text,
            lines: lines_from(block, from).iter(),
            from,
            to,
        }
    }

    /// [`Context::pieces`] of a block from its start to its end, whose
    /// lines are those that reach into that range (a [`LineCursor`] span):
    /// no line is looked for (the first is the one that holds the start),
    /// and only a line that sticks out of the range is cut and trimmed.
    /// Made of adapters, unlike [`Pieces`]: for the writer's loop over a
    /// paragraph's lines they make the shorter code (10 MB benchmark
    /// input: `TextFiller::text` 81.7M instructions with [`Pieces`], 80.7M
    /// so).
    fn span_pieces(&self, block: TextBlock<'a>) -> impl Iterator<Item = &'a str> + 'a {
        let text = self.text;
        let (from, to) = (block.start, block.end);
        block
            .lines
            .iter()
            .filter_map(move |line| piece_of(text, line, from, to))
    }

    /// Normalized text of the block between two offsets.
    pub(crate) fn text_between(&self, block: TextBlock<'a>, from: usize, to: usize) -> String {
        self.normalized(block, from, to, self.segmented)
    }

    /// Normalized text of the block between two offsets, with the
    /// segmentation rule applied whatever the document: headings are often
    /// letter-spaced (`总　　则`).
    pub(crate) fn heading_text(&self, block: TextBlock<'a>, from: usize, to: usize) -> String {
        self.normalized(block, from, to, true)
    }

    fn normalized(&self, block: TextBlock<'a>, from: usize, to: usize, segmented: bool) -> String {
        // The pieces lie within `from..to`: that is room enough.
        let capacity = to.saturating_sub(from);
        normalize(self.pieces(block, from, to), capacity, segmented)
    }

    /// `prefix`, then what `joint` says to put after it, then the
    /// normalized text of the block between two offsets, in one string
    /// ([`Context::joined_into`]): the text is normalized in place after
    /// the prefix, where made on its own it was a string made, copied and
    /// freed.
    pub(crate) fn joined(
        &self,
        block: TextBlock<'a>,
        prefix: &str,
        from: usize,
        to: usize,
        segmented: bool,
        joint: impl FnOnce(Option<char>) -> &'static str,
    ) -> String {
        // A joint is one space at most.
        let capacity = prefix.len() + 1 + to.saturating_sub(from);
        let mut text = String::with_capacity(capacity);
        self.joined_into(&mut text, block, prefix, from, to, segmented, joint);
        give_back_room(&mut text);
        text
    }

    /// [`Context::joined`], appended to `out`. `joint` is given the text's
    /// first character (that of its first piece: normalizing keeps it),
    /// `None` when the text is empty, so that the joint is known before the
    /// text is made.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn joined_into(
        &self,
        out: &mut impl TextSink,
        block: TextBlock<'a>,
        prefix: &str,
        from: usize,
        to: usize,
        segmented: bool,
        joint: impl FnOnce(Option<char>) -> &'static str,
    ) {
        let mut pieces = self.pieces(block, from, to).peekable();
        let joint = joint(pieces.peek().and_then(|piece| piece.chars().next()));
        out.push_piece(prefix);
        if !joint.is_empty() {
            out.push_piece(joint);
        }
        normalize_into(out, pieces, segmented);
    }

    /// A numbered heading's text: its marker joined ([`marker_joint`]) to
    /// the heading text ([`Context::heading_text`]) from where the marker
    /// ends to `to`.
    pub(crate) fn marked_heading_text(
        &self,
        block: TextBlock<'a>,
        marker: &str,
        marker_end: usize,
        to: usize,
    ) -> String {
        let spaced = self.skip_space(block, marker_end) > marker_end;
        self.joined(block, marker, marker_end, to, true, |first| {
            marker_joint(marker, first, spaced)
        })
    }

    /// The whole block, normalized.
    pub(crate) fn text(&self, block: TextBlock<'a>) -> String {
        self.text_between(block, block.start, block.end)
    }

    /// The first line of the block, as written.
    pub(crate) fn first_line(&self, block: TextBlock<'a>) -> &'a str {
        block
            .lines
            .first()
            .map(|l| self.content(l))
            .unwrap_or_default()
    }

    /// The first non-space offset at or after `from` within the block, or
    /// the block's end. The white space is read from its bytes
    /// ([`Context::first_non_space`]) without a character decoded: most calls
    /// (after a marker, before a run-in paragraph) find none or a space or
    /// two.
    pub(crate) fn skip_space(&self, block: TextBlock<'a>, from: usize) -> usize {
        // Most often `from` is in the first line (where a marker ends) and
        // the line goes on after it: it is read from `from` on, with no
        // search for the line. (A line all white space from `from` on is
        // read again below.)
        if let Some(line) = block.lines.first() {
            if line.content_start <= from && from < line.content_end {
                if let Some(found) = self.first_non_space(from, line.content_end) {
                    return found;
                }
            }
        }
        for line in lines_from(block, from) {
            if line.content_end <= from {
                continue;
            }
            let start = line.content_start.max(from);
            if let Some(found) = self.first_non_space(start, line.content_end) {
                return found;
            }
        }
        block.end
    }

    /// The offset of the first character from `start` to `end` that is
    /// not white space ([`space_width`], read from the bytes); `None` when
    /// there is none, or when either is no character boundary. Always
    /// inlined: called as a function it cost 0.9M instructions more on the
    /// 10 MB benchmark input.
    #[inline(always)]
    fn first_non_space(&self, start: usize, end: usize) -> Option<usize> {
        let bytes = self.text.get(start..end)?.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            match space_width(bytes, at) {
                0 => return Some(start + at),
                width => at += width,
            }
        }
        None
    }

    /// [`Context::skip_space`] as it was, each character decoded and tested
    /// with [`is_space`]: the oracle the byte reading is checked against.
    #[cfg(test)]
    fn skip_space_decoded(&self, block: TextBlock<'a>, from: usize) -> usize {
        for line in lines_from(block, from) {
            if line.content_end <= from {
                continue;
            }
            let start = line.content_start.max(from);
            let found = self
                .text
                .get(start..line.content_end)
                .and_then(|rest| rest.char_indices().find(|(_, c)| !is_space(*c)))
                .map(|(i, _)| start + i);
            if let Some(found) = found {
                return found;
            }
        }
        block.end
    }

    /// The last offset after a non-space character at or before `to`.
    pub(crate) fn trim_end(&self, block: TextBlock<'a>, to: usize) -> usize {
        let before = block.lines.partition_point(|line| line.content_start < to);
        for line in block.lines.get(..before).unwrap_or_default().iter().rev() {
            if line.content_start >= to {
                continue;
            }
            let end = line.content_end.min(to);
            if let Some(piece) = self.text.get(line.content_start..end) {
                let trimmed = piece.trim_end_matches(is_space);
                if !trimmed.is_empty() {
                    return line.content_start + trimmed.len();
                }
            }
        }
        block.start
    }

    /// The offset just after the first character at or after `from` that
    /// `stop_width` reads (gives its length in bytes, 0 for any other
    /// character), counting at most `max_chars` characters that are not
    /// white space; `None` when there is none so near. Read from the bytes
    /// as [`Context::skip_space`] reads them, no character decoded: white
    /// space by [`space_width`], other characters stepped over by their
    /// first byte ([`char_width`]).
    pub(crate) fn find_within(
        &self,
        block: TextBlock<'a>,
        from: usize,
        max_chars: usize,
        stop_width: impl Fn(&[u8], usize) -> usize,
    ) -> Option<usize> {
        let mut count = 0;
        for line in lines_from(block, from) {
            let start = line.content_start.max(from);
            let bytes = self.text.get(start..line.content_end)?.as_bytes();
            let mut i = 0;
            while let Some(&byte) = bytes.get(i) {
                let space = space_width(bytes, i);
                if space > 0 {
                    i += space;
                    continue;
                }
                count += 1;
                if count > max_chars {
                    return None;
                }
                let stop = stop_width(bytes, i);
                if stop > 0 {
                    return Some(start + i + stop);
                }
                i += char_width(byte);
            }
        }
        None
    }

    /// [`Context::find_within`] as it was, each character decoded and
    /// tested: the oracle the byte reading is checked against.
    #[cfg(test)]
    pub(crate) fn find_within_decoded(
        &self,
        block: TextBlock<'a>,
        from: usize,
        max_chars: usize,
        stop: impl Fn(char) -> bool,
    ) -> Option<usize> {
        let mut count = 0;
        for line in lines_from(block, from) {
            let start = line.content_start.max(from);
            for (i, c) in self.text.get(start..line.content_end)?.char_indices() {
                if is_space(c) {
                    continue;
                }
                count += 1;
                if count > max_chars {
                    return None;
                }
                if stop(c) {
                    return Some(start + i + c.len_utf8());
                }
            }
        }
        None
    }

    /// The text of a paragraph from `from` to the end of the block:
    /// normalized now, or empty when texts are deferred (the writer makes
    /// the same text from the paragraph's offsets).
    pub(crate) fn paragraph_text(&self, block: TextBlock<'a>, from: usize) -> String {
        if self.defer_texts {
            String::new()
        } else {
            self.text_between(block, from, block.end)
        }
    }

    /// The offset just after the first sentence end
    /// ([`is_sentence_end`](crate::text::is_sentence_end))
    /// at or after `from` within the block, read from the bytes as the
    /// inline-point scan reads clause boundaries (every sentence end is
    /// one).
    pub(crate) fn find_sentence_end(&self, block: TextBlock<'a>, from: usize) -> Option<usize> {
        for line in lines_from(block, from) {
            let start = line.content_start.max(from);
            let Some(content) = self.text.get(start..line.content_end) else {
                continue;
            };
            let found = find_by_bytes(
                content.as_bytes(),
                0,
                MAY_START_BOUNDARY,
                sentence_end_width,
            );
            if let Some((at, width)) = found {
                return Some(start + at + width);
            }
        }
        None
    }

    /// The text of a point's paragraph, the whole block with its marker
    /// ([`Context::with_marker`]): made now, or empty when texts are
    /// deferred (the writer makes it, given where the marker ends).
    pub(crate) fn marked_paragraph_text(
        &self,
        block: TextBlock<'a>,
        marker: &str,
        marker_end: usize,
    ) -> String {
        if self.defer_texts {
            String::new()
        } else {
            self.with_marker(block, marker, marker_end)
        }
    }

    /// A paragraph of the block from `from` to its end, with its text
    /// already normalized by the caller (who may have needed it before), or
    /// empty when deferred.
    pub(crate) fn paragraph(
        &self,
        block: TextBlock<'a>,
        from: usize,
        text: String,
        truncated_start: bool,
        before_cut: bool,
    ) -> Paragraph {
        let mut paragraph =
            self.paragraph_without_points(block, from, text, truncated_start, before_cut);
        paragraph.inline_points = self.inline_points(block, from);
        paragraph
    }

    /// [`Context::paragraph`] of the whole block, which opens with a point
    /// marker: `marker`, which [`point_marker`](crate::syntax::point_marker)
    /// read from the first line, ending at `marker_end`. The scan for
    /// inline points takes it for what it would read there, instead of
    /// reading it again.
    pub(crate) fn paragraph_after_point_marker(
        &self,
        block: TextBlock<'a>,
        text: String,
        truncated_start: bool,
        before_cut: bool,
        marker: &PointMarker,
        marker_end: usize,
    ) -> Paragraph {
        let from = block.start;
        let mut paragraph =
            self.paragraph_without_points(block, from, text, truncated_start, before_cut);
        paragraph.inline_points = self.inline_points_after(block, from, Some((marker, marker_end)));
        paragraph
    }

    /// [`Context::paragraph`], its inline points not looked for.
    pub(crate) fn paragraph_without_points(
        &self,
        block: TextBlock<'a>,
        from: usize,
        text: String,
        truncated_start: bool,
        before_cut: bool,
    ) -> Paragraph {
        Paragraph {
            truncated_start,
            truncated_end: before_cut
                && !self
                    .last_char(&text, block.end)
                    .is_some_and(is_closing_punctuation),
            inline_points: Vec::new(),
            text,
            position: Position::from_offsets(from, block.end),
        }
    }

    /// The last character of a paragraph's text that ends at `end`: that
    /// of `text`, or, when the text is deferred (empty), the one before
    /// `end` in the source, which is the same: normalizing keeps the last
    /// character, and a block ends after a character that is not white
    /// space.
    pub(crate) fn last_char(&self, text: &str, end: usize) -> Option<char> {
        match text.chars().next_back() {
            Some(c) => Some(c),
            None => self.text.get(..end)?.chars().next_back(),
        }
    }

    /// Where the lead of a point lies in the source: the first sentence
    /// after its marker (which ends at `marker_end`), without its closing
    /// punctuation, what [`lead_of`](super::build) finds in the joined
    /// text, read from the source instead, for a point whose text is
    /// deferred. From the first character after the marker to the first
    /// sentence end, which it stops before; `None` when there is no such
    /// end or nothing before it. (Normalizing the range keeps its first
    /// character, which is not white space, takes out nothing but white
    /// space and leaves none at either end: the lead is empty only when
    /// the range is.)
    pub(crate) fn lead_range(
        &self,
        block: TextBlock<'a>,
        marker_end: usize,
    ) -> Option<(usize, usize)> {
        let start = self.skip_space(block, marker_end);
        let end = self.find_sentence_end(block, start)?;
        // `end` is just after the sentence end; the lead stops before it.
        let before = self
            .text
            .get(..end)?
            .char_indices()
            .next_back()
            .map(|(i, _)| i)?;
        (start < before).then_some((start, before))
    }

    /// The normalized marker and the normalized text after it, to the end
    /// of the block: joined with nothing, or with one space where the source
    /// has white space between them and neither side is CJK
    /// (`1. Introduction`).
    pub(crate) fn with_marker(
        &self,
        block: TextBlock<'a>,
        marker: &str,
        marker_end: usize,
    ) -> String {
        let spaced = self.skip_space(block, marker_end) > marker_end;
        self.joined(
            block,
            marker,
            marker_end,
            block.end,
            self.segmented,
            |first| marker_joint(marker, first, spaced),
        )
    }

    /// The enumerations inside a paragraph: markers after a clause boundary,
    /// in sequences that start at 1 and count up by one, of two or more.
    pub(crate) fn inline_points(&self, block: TextBlock<'a>, from: usize) -> Vec<InlinePoint> {
        self.inline_points_after(block, from, None)
    }

    /// [`Context::inline_points`], given the point marker that opens the
    /// text at `from` and where it ends, when it was read already.
    fn inline_points_after(
        &self,
        block: TextBlock<'a>,
        from: usize,
        first: Option<(&PointMarker, usize)>,
    ) -> Vec<InlinePoint> {
        let Some(last_two) = self.last_second_marker(block, from) else {
            return Vec::new();
        };
        self.scan_inline_points_to(block, from, last_two, first)
    }

    /// Where the last character that an inline marker numbered 2 may hold
    /// lies in the block from `from` on
    /// ([`last_second_marker_candidate`]): `None` when there is none, so
    /// that the paragraph there has no inline points.
    pub(crate) fn last_second_marker(&self, block: TextBlock<'a>, from: usize) -> Option<usize> {
        // The source from `from` to the block's end holds every piece
        // scanned (and only white space besides).
        match self.second_markers.try_borrow_mut() {
            Ok(mut candidates) => candidates.last_in(self.text, from, block.end),
            // Not reached: nothing else holds them while this asks.
            Err(_) => SecondMarkerCandidates::new(0).last_in(self.text, from, block.end),
        }
    }

    /// [`Context::inline_points`] of the block from `from` on, given what
    /// [`Context::last_second_marker`] answered there.
    pub(crate) fn inline_points_before_last_two(
        &self,
        block: TextBlock<'a>,
        from: usize,
        last_two: usize,
    ) -> Vec<InlinePoint> {
        self.scan_inline_points_to(block, from, last_two, None)
    }

    /// [`Context::inline_points`] without the filter: every clause of the
    /// block from `from` on is read.
    #[cfg(test)]
    fn scan_inline_points(&self, block: TextBlock<'a>, from: usize) -> Vec<InlinePoint> {
        self.scan_inline_points_to(block, from, usize::MAX, None)
    }

    /// The scan of [`Context::inline_points`], which ends early past
    /// `last_two`, the offset of the last character that a marker numbered
    /// 2 may hold ([`last_second_marker_candidate`]): once the clauses left
    /// start after it and no sequence of two or more is open, none of the
    /// markers left can be kept (a 1 would start a sequence without a 2,
    /// and the open one, a lone 1 if any, waits for a 2). `first` is the
    /// point marker at `from` and its end, when it was read already.
    fn scan_inline_points_to(
        &self,
        block: TextBlock<'a>,
        from: usize,
        last_two: usize,
        first: Option<(&PointMarker, usize)>,
    ) -> Vec<InlinePoint> {
        // (start, end of marker, scheme, number, marker)
        let mut found: Vec<(usize, usize, &'static str, u32, String)> = Vec::new();
        let mut sequence_start = 0;
        let mut keep = Vec::new();
        // Whether the last character seen (white space aside) ends a
        // clause, or none was seen yet: only then may a marker start.
        let mut at_boundary = true;
        'lines: for line in block.lines {
            let start = line.content_start.max(from);
            if line.content_end <= start {
                continue;
            }
            let Some(content) = self.text.get(start..line.content_end) else {
                continue;
            };
            let bytes = content.as_bytes();
            let mut i = 0;
            loop {
                if !at_boundary {
                    // Only a boundary matters here, read from its bytes:
                    // other text is passed over undecoded.
                    let Some((at, width)) =
                        find_by_bytes(bytes, i, MAY_START_BOUNDARY, boundary_width)
                    else {
                        break;
                    };
                    at_boundary = true;
                    i = at + width;
                    // The next marker starts at `i` or later.
                    if start + i > last_two && found.len() - sequence_start < 2 {
                        break 'lines;
                    }
                    continue;
                }
                let here = i;
                let candidate = match bytes.get(i..) {
                    // An ideograph from U+4000 to U+9FFF, three bytes, the
                    // usual first character of a clause: neither white
                    // space nor a boundary, told from its bytes.
                    Some(at @ [0xE4..=0xE9, ..]) => {
                        i += 3;
                        at_boundary = false;
                        may_start_marker_ideograph(at)
                    }
                    Some([_, ..]) => {
                        let Some(rest) = content.get(i..) else {
                            i += 1;
                            continue;
                        };
                        let Some(c) = rest.chars().next() else {
                            break;
                        };
                        i += c.len_utf8();
                        if is_space(c) {
                            continue;
                        }
                        at_boundary = is_boundary(c);
                        may_start_marker(c)
                    }
                    _ => break,
                };
                if !candidate {
                    continue;
                }
                let Some(rest) = content.get(here..) else {
                    continue;
                };
                let read = match first {
                    Some((point, end)) if start + here == from => {
                        let after = end.checked_sub(from).and_then(|length| rest.get(length..));
                        match after {
                            Some(after) => inline_marker_after(rest, Some((after, point.clone()))),
                            None => inline_marker(rest),
                        }
                    }
                    _ => inline_marker(rest),
                };
                let Ok((after, marker)) = read else {
                    continue;
                };
                let continues = found.last().is_some_and(|(_, _, scheme, number, _)| {
                    *scheme == marker.scheme && number.checked_add(1) == Some(marker.number)
                });
                if !continues {
                    if marker.number != 1 {
                        continue;
                    }
                    if found.len() - sequence_start >= 2 {
                        keep.extend(sequence_start..found.len());
                    }
                    sequence_start = found.len();
                }
                let marker_start = start + here;
                let marker_end = start + here + (rest.len() - after.len());
                found.push((
                    marker_start,
                    marker_end,
                    marker.scheme,
                    marker.number,
                    marker.marker,
                ));
            }
        }
        if found.len() - sequence_start >= 2 {
            keep.extend(sequence_start..found.len());
        }
        let mut points: Vec<InlinePoint> = Vec::with_capacity(keep.len());
        for (k, &index) in keep.iter().enumerate() {
            let Some((marker_start, marker_end, _, number, marker)) = found.get(index) else {
                continue;
            };
            let limit = keep
                .get(k + 1)
                .and_then(|next| found.get(*next))
                .map_or(block.end, |next| next.0);
            let end = self.trim_end(block, limit);
            points.push(InlinePoint {
                number: *number,
                marker: marker.clone(),
                text: self.text_between(block, *marker_end, end),
                position: Position::from_offsets(*marker_start, end.max(*marker_end)),
            });
        }
        points
    }
}

/// What the builder left to the writer in the blocks it hands over (see
/// [`Context::defer_texts`]), in text order: the markers of the points
/// whose texts it deferred, and the paragraphs whose inline points it did
/// not look for.
#[derive(Debug, Default)]
pub(crate) struct Deferred {
    pub markers: Vec<DeferredMarker>,
    pub inline_points: Vec<DeferredPoints>,
}

/// A paragraph whose inline points the builder left to the writer: where
/// it starts, and what [`Context::last_second_marker`] answered for it
/// (which the builder asks first: a paragraph without an answer has no
/// inline points, and is not left). The candidates are found by a search
/// well ahead of the paragraphs, which the writer would otherwise repeat
/// for each paragraph alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DeferredPoints {
    pub paragraph_start: usize,
    pub last_two: usize,
}

impl Deferred {
    /// Move to `out` what belongs to paragraphs that start before `end`.
    pub(crate) fn move_before(&mut self, end: usize, out: &mut Deferred) {
        let count = self.markers.partition_point(|m| m.paragraph_start < end);
        out.markers.extend(self.markers.drain(..count));
        let count = self
            .inline_points
            .partition_point(|left| left.paragraph_start < end);
        out.inline_points.extend(self.inline_points.drain(..count));
    }

    /// Move everything to the end of `out`.
    pub(crate) fn move_all(&mut self, out: &mut Deferred) {
        out.markers.append(&mut self.markers);
        out.inline_points.append(&mut self.inline_points);
    }

    pub(crate) fn clear(&mut self) {
        self.markers.clear();
        self.inline_points.clear();
    }
}

/// A point whose paragraph's text the builder deferred: where its marker
/// ends, which the writer needs to join the marker and the text after it
/// as the builder would have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DeferredMarker {
    /// Where the point's paragraph starts (at its marker).
    pub paragraph_start: usize,
    /// Where the marker, as its recognizer read it, ends.
    pub marker_end: usize,
    /// Where the point's lead lies ([`Context::lead_range`]), when it has
    /// one: the builder leaves it empty for the writer to make
    /// ([`TextFiller::lead`]).
    pub lead: Option<(usize, usize)>,
}

/// Makes, on the writer's side, the paragraph texts the builder left
/// empty ([`Context::defer_texts`]). A paragraph's text is a function of
/// its offsets and of the document's segmentation (and, for a point's
/// paragraph, of its marker and where the marker ends), so it is made here
/// exactly as the builder would have made it, straight into the writer's
/// output (`tree::json`), escaped as it goes: no text is allocated, freed,
/// or copied on its own.
pub(crate) struct TextFiller<'a> {
    context: Context<'a>,
    /// The deferred points' markers not yet met, in text order.
    markers: VecDeque<DeferredMarker>,
    /// The lines of the paragraphs whose texts are made, and of those
    /// whose inline points are looked for (each kind comes in text order).
    texts: LineCursor,
    points: LineCursor,
}

impl<'a> TextFiller<'a> {
    pub(crate) fn new(text: &'a str, infos: &'a [LineInfo]) -> Self {
        TextFiller {
            context: Context {
                text,
                infos,
                segmented: false,
                indented_paragraphs: false,
                defer_texts: false,
                // Not asked on the writer's side: the builder hands over
                // where each paragraph's last candidate lies.
                second_markers: RefCell::new(SecondMarkerCandidates::new(0)),
            },
            markers: VecDeque::new(),
            texts: LineCursor::default(),
            points: LineCursor::default(),
        }
    }

    /// Take what comes with the next blocks, `blocks`: whether the
    /// document is segmented, and what the builder left to be made
    /// (emptied): the markers of the deferred points among them, kept for
    /// their texts, and the paragraphs whose inline points it did not look
    /// for, whose points are found here.
    pub(crate) fn hand_over(&mut self, segmented: bool, blocks: &mut [Block], left: &mut Deferred) {
        self.context.segmented = segmented;
        self.markers.extend(left.markers.drain(..));
        if !left.inline_points.is_empty() {
            let mut paragraphs = left.inline_points.drain(..).peekable();
            self.find_inline_points(blocks, &mut paragraphs);
        }
    }

    /// Look for the inline points of `paragraphs` (in text order) among
    /// `blocks`. Blocks that end before the next such paragraph starts
    /// hold none of them and are passed over: a binary search over their
    /// ends (blocks come in text order, and each spans its children) finds
    /// the one that may hold it, so that a batch of many blocks with a few
    /// such paragraphs is not walked whole (a list's points are passed over
    /// by a look at each one's end). Nesting is walked recursively:
    /// its depth is bounded by the heading ranks and point schemes (see
    /// `tree::build`), not by the input.
    fn find_inline_points(
        &mut self,
        blocks: &mut [Block],
        paragraphs: &mut Peekable<impl Iterator<Item = DeferredPoints>>,
    ) {
        let mut rest = blocks;
        loop {
            let Some(next) = paragraphs.peek().map(|left| left.paragraph_start) else {
                return;
            };
            let before = rest.partition_point(|block| block.position().end.offset <= next);
            let Some((block, after)) = rest.get_mut(before..).and_then(<[Block]>::split_first_mut)
            else {
                return;
            };
            match block {
                Block::Section(section) => {
                    self.find_inline_points(&mut section.children, paragraphs)
                }
                Block::List(list) => {
                    for point in &mut list.children {
                        // A point that ends before the next paragraph
                        // starts holds none of them.
                        let Some(next) = paragraphs.peek().map(|left| left.paragraph_start) else {
                            return;
                        };
                        if point.position.end.offset > next {
                            self.find_inline_points(&mut point.children, paragraphs);
                        }
                    }
                }
                Block::Paragraph(paragraph) => {
                    let (start, end) = (
                        paragraph.position.start.offset,
                        paragraph.position.end.offset,
                    );
                    while paragraphs
                        .next_if(|left| left.paragraph_start < start)
                        .is_some()
                    {}
                    if let Some(left) = paragraphs.next_if(|left| left.paragraph_start == start) {
                        let span = self.points.span_apart(self.context.infos, start, end);
                        paragraph.inline_points =
                            self.context
                                .inline_points_before_last_two(span, start, left.last_two);
                    }
                }
                _ => {}
            }
            rest = after;
        }
    }

    /// Append to `out` the text of `paragraph`, whose text the builder
    /// left empty: for the paragraph that opens a point (`marker` is the
    /// point's), the marker joined to the text after it
    /// ([`Context::with_marker`]); otherwise the text alone. Paragraphs
    /// must be asked for in text order.
    pub(crate) fn text(
        &mut self,
        paragraph: &Paragraph,
        marker: Option<&str>,
        out: &mut impl TextSink,
    ) {
        let (start, end) = (
            paragraph.position.start.offset,
            paragraph.position.end.offset,
        );
        let span = self.texts.span(self.context.infos, start, end);
        let segmented = self.context.segmented;
        let marker_end = match marker {
            Some(marker) => self.marker_end(start).map(|at| (marker, at)),
            None => None,
        };
        match marker_end {
            Some((marker, marker_end)) => {
                let spaced = self.context.skip_space(span, marker_end) > marker_end;
                self.context.joined_into(
                    out,
                    span,
                    marker,
                    marker_end,
                    span.end,
                    segmented,
                    |first| marker_joint(marker, first, spaced),
                );
            }
            // No marker handed over: the text the builder makes for a
            // paragraph, from the offsets alone.
            None => normalize_into(out, self.context.span_pieces(span), segmented),
        }
    }

    /// Append to `out` the lead of `point`, which the builder left empty
    /// (see [`DeferredMarker::lead`]): the source range it found,
    /// normalized, as `lead_of` (in `tree::build`) finds it in the
    /// paragraph's text. Must be asked for before the text of the point's
    /// paragraph (which it is written before): making it straight into the
    /// output spares a string made, escaped as it is written, and freed.
    pub(crate) fn lead(&mut self, point: &Point, out: &mut impl TextSink) {
        let Some(Block::Paragraph(paragraph)) = point.children.first() else {
            return;
        };
        let (start, end) = (
            paragraph.position.start.offset,
            paragraph.position.end.offset,
        );
        let Some((from, before)) = self.peek_marker(start).and_then(|m| m.lead) else {
            return;
        };
        let span = self.texts.span(self.context.infos, start, end);
        normalize_into(
            out,
            self.context.pieces(span, from, before),
            self.context.segmented,
        );
    }

    /// The deferred point whose paragraph starts at `start`, if one was
    /// handed over; kept for the paragraph's text.
    fn peek_marker(&mut self, start: usize) -> Option<DeferredMarker> {
        // Each deferred point's paragraph is met here in text order, so a
        // marker before this one would be one never met: passed over.
        while self
            .markers
            .front()
            .is_some_and(|m| m.paragraph_start < start)
        {
            self.markers.pop_front();
        }
        self.markers
            .front()
            .filter(|m| m.paragraph_start == start)
            .copied()
    }

    /// Where the marker of the deferred point whose paragraph starts at
    /// `start` ends, if one was handed over; taken.
    fn marker_end(&mut self, start: usize) -> Option<usize> {
        let found = self.peek_marker(start)?;
        self.markers.pop_front();
        Some(found.marker_end)
    }
}

/// The iterator of [`Context::pieces`]: the lines from the one that holds
/// `from` on, up to the first that starts at or after `to`, cut to
/// `from..to`; each piece without surrounding white space, none empty.
pub(crate) struct Pieces<'a> {
    text: &'a str,
    lines: std::slice::Iter<'a, LineInfo>,
    from: usize,
    to: usize,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a str;

    /// Always inlined: the builder normalizes about 19,000 texts and the
    /// writer 45,000 paragraphs a line at a time, and a call for each line
    /// (the adapters it was made of were not inlined in
    /// `Context::normalized`) cost about 50 instructions.
    #[inline(always)]
    fn next(&mut self) -> Option<&'a str> {
        let (from, to) = (self.from, self.to);
        for line in self.lines.by_ref() {
            if line.content_start >= to {
                // Lines come in text order: none after this one is in.
                self.lines = [].iter();
                return None;
            }
            if let Some(piece) = piece_of(self.text, line, from, to) {
                return Some(piece);
            }
        }
        None
    }
}

/// The content of `line` cut to `from..to`, or `None` when nothing of it
/// is left. A line's content has no white space at either end: only a
/// line that is cut is trimmed.
#[inline(always)]
fn piece_of<'a>(text: &'a str, line: &LineInfo, from: usize, to: usize) -> Option<&'a str> {
    let piece = if from <= line.content_start && line.content_end <= to {
        text.get(line.content_start..line.content_end)
    } else {
        let start = line.content_start.max(from);
        let end = line.content_end.min(to);
        (start < end)
            .then(|| text.get(start..end))
            .flatten()
            .map(trim_spaces)
    };
    piece.filter(|piece| !piece.is_empty())
}

/// Finds the lines of paragraphs met in text order: from the last one's
/// first line on, which costs, over a whole document, one step a line; a
/// paragraph before the last one is found by binary search
/// ([`LineCursor::span_apart`] finds every one so).
#[derive(Default)]
struct LineCursor {
    /// Where the last paragraph started, and its first line.
    last_start: usize,
    line: usize,
}

impl LineCursor {
    /// The lines of `infos` from `start` to `end`, as a block.
    #[inline]
    fn span<'a>(&mut self, infos: &'a [LineInfo], start: usize, end: usize) -> TextBlock<'a> {
        let first = if start < self.last_start {
            infos.partition_point(|line| line.content_end <= start)
        } else {
            let rest = infos.get(self.line..).unwrap_or_default();
            self.line
                + rest
                    .iter()
                    .position(|line| line.content_end > start)
                    .unwrap_or(rest.len())
        };
        self.span_from(infos, first, start, end)
    }

    /// [`LineCursor::span`] for paragraphs asked for far apart (the few
    /// whose inline points the builder left, among all the paragraphs of
    /// a document): the first line found by binary search from the last
    /// one's on, where a walk over the lines between would cost the more.
    fn span_apart<'a>(&mut self, infos: &'a [LineInfo], start: usize, end: usize) -> TextBlock<'a> {
        let from = if start < self.last_start {
            0
        } else {
            self.line
        };
        let rest = infos.get(from..).unwrap_or_default();
        let first = from + rest.partition_point(|line| line.content_end <= start);
        self.span_from(infos, first, start, end)
    }

    /// The block from `start` to `end`, whose first line is `infos[first]`.
    #[inline(always)]
    fn span_from<'a>(
        &mut self,
        infos: &'a [LineInfo],
        first: usize,
        start: usize,
        end: usize,
    ) -> TextBlock<'a> {
        let from_first = infos.get(first..).unwrap_or_default();
        let count = from_first
            .iter()
            .position(|line| line.content_start >= end)
            .unwrap_or(from_first.len());
        (self.last_start, self.line) = (start, first);
        TextBlock {
            lines: from_first.get(..count).unwrap_or_default(),
            start,
            end,
        }
    }
}

/// What goes between a marker and the text after it, which starts with
/// `first`: one space where the source had white space between them
/// (`spaced`) and neither side is CJK, nothing otherwise.
fn marker_joint(marker: &str, first: Option<char>, spaced: bool) -> &'static str {
    let latin_both =
        marker.chars().next_back().is_some_and(|c| !is_cjk(c)) && first.is_some_and(|c| !is_cjk(c));
    if spaced && latin_both {
        " "
    } else {
        ""
    }
}

/// The block's lines from the one that holds `from` (or the first after
/// it): a binary search, so that many pieces of one long block cost
/// logarithmic time each, not a walk over all its lines.
fn lines_from(block: TextBlock<'_>, from: usize) -> &[LineInfo] {
    let first = block.lines.partition_point(|line| line.content_end <= from);
    block.lines.get(first..).unwrap_or_default()
}

/// The length of the UTF-8 character whose first byte is `lead` (a byte
/// of a `str` at a character boundary, never a continuation byte).
const fn char_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

#[cfg(test)]
use crate::syntax::inline_point::SEARCH_AHEAD;

/// What the tests of the second pass build blocks with.
#[cfg(test)]
impl<'a> Context<'a> {
    /// A context over `text`, whose lines `infos` are, texts made now.
    pub(crate) fn for_test(text: &'a str, infos: &'a [LineInfo], segmented: bool) -> Self {
        Context {
            text,
            infos,
            segmented,
            indented_paragraphs: false,
            defer_texts: false,
            second_markers: RefCell::new(SecondMarkerCandidates::new(SEARCH_AHEAD)),
        }
    }

    /// The block of lines `first..=last`, whose first line is not read for
    /// a marker.
    pub(crate) fn lines_block(&self, first: usize, last: usize) -> TextBlock<'a> {
        self.block(&RawBlock {
            kind: crate::syntax::LineKind::Text,
            first,
            last,
            marker: crate::syntax::heading_marker::FirstMarker::Unread,
        })
    }
}

/// Texts for the tests of what is read from bytes: Chinese text,
/// indentation and white space of every width inside and at the ends of
/// lines (U+3000, U+2003, tabs, U+00A0, U+0085, U+1680, U+205F), CRLF,
/// lone CR and blank lines, and the characters that end a run-in
/// heading, Latin and full-width, after two-byte characters (`·`, `é`);
/// and six fixtures.
#[cfg(test)]
pub(crate) fn byte_reading_texts() -> Vec<String> {
    let mut texts: Vec<String> = [
        "一是加强领导。各地区要\r\n\u{3000}\u{3000}落实责任！二是",
        "（一）总体要求：\u{3000}坚持 \u{2003}稳中求进？\n\t 继续",
        "1. Introduction! The  text\u{a0}\u{85}goes?on\r\r\n  next",
        "\u{3000}\u{3000}第一条\u{3000}\u{3000}\r\n\u{3000}为了规范，制定本法。",
        "① \u{1680}\u{205F}\u{2028}甲。乙\n\n  \u{3000}丙！丁",
        "二、\u{3000}\u{3000}\u{3000}\n\u{3000}\n 主要任务：推进改革\n。",
        "一是𠀀𠀁加强：\u{202F}乙？？丙!!丁\t\r\n\t戊",
        "abc：def。ghi\u{FF01}jkl\u{FF1F}mno\u{FF1A}pqr",
        "马克思·韦伯é说：ü·ß·©。ñ!",
        "\u{3001}\u{3002}\u{300C}\u{FF0C}\u{FF0E}\u{FF1B}\u{3000}x",
    ]
    .iter()
    .map(|t| t.to_string())
    .collect();
    texts.extend(crate::source::fixture_texts().into_iter().take(6));
    texts
}

/// The walk of the tests of what is read from bytes: `visit` is called
/// with the text, its context, a block and each byte offset from the
/// block's start to one past its end, on and off character boundaries,
/// for every run of up to three lines of [`byte_reading_texts`].
#[cfg(test)]
pub(crate) fn visit_short_blocks(mut visit: impl FnMut(&str, &Context<'_>, TextBlock<'_>, usize)) {
    for text in &byte_reading_texts() {
        let infos = crate::syntax::classify_lines(text);
        let context = Context::for_test(text, &infos, true);
        for first in 0..infos.len() {
            for last in first..(first + 3).min(infos.len()) {
                let block = context.lines_block(first, last);
                for from in block.start..=block.end + 1 {
                    visit(text, &context, block, from);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{classify_lines, LineKind};

    proptest::proptest! {
        /// The filter of [`Context::inline_points`] leaves out only
        /// paragraphs where the scan finds nothing, and its scan, which
        /// ends past the last character a marker numbered 2 may hold,
        /// finds what a scan of every clause finds, also when given the
        /// point marker that opens the text: on texts made of
        /// markers, their parts, boundaries, white space and other text,
        /// over several lines, from every line start.
        #[test]
        fn the_inline_point_filter_loses_no_point(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "一是", "二是", "三是", "二 要", "一要", "其一，", "其二，", "其 二 ，",
                    "第一，", "第二，", "（1）", "（2）", "(2)", "2）", "（02）", "①", "②", "⑵",
                    "（3）", "③", "其三，", "四是",
                    "２", "2", "1", "二", "一", "十", "其", "第", "（", "）", "，", "。", "；",
                    "：", "！", "？", ",", "的", "发展", "二十大", "2023年", "…", " ", "　",
                    "\n", "\n　　", "\r\n",
                ]),
                0..40,
            ),
        ) {
            let text: String = parts.concat();
            let infos = classify_lines(&text);
            if infos.is_empty() {
                return Ok(());
            }
            for segmented in [false, true] {
                let context = Context::for_test(&text, &infos, segmented);
                let block = context.lines_block(0, infos.len() - 1);
                for line in block.lines {
                    let from = line.content_start;
                    let scanned = context.scan_inline_points(block, from);
                    proptest::prop_assert_eq!(
                        &context.inline_points(block, from),
                        &scanned,
                        "{:?} from {}", text, from
                    );
                    // And given the point marker there, read before.
                    let line_text = text.get(from..line.content_end).unwrap_or_default();
                    let read = crate::syntax::point_marker::point_marker(line_text);
                    if let Ok((after, marker)) = read {
                        let end = line.content_end - after.len();
                        proptest::prop_assert_eq!(
                            &context.inline_points_after(block, from, Some((&marker, end))),
                            &scanned,
                            "{:?} from {} after {:?}", text, from, marker
                        );
                    }
                }
            }
        }
    }

    /// The scan ends past the last character a marker numbered 2 may hold
    /// only when nothing more can be kept: on every text of up to six
    /// parts (markers numbered 1 to 3 of two families, boundaries, a year
    /// and other text), the filtered scan finds what the scan of every
    /// clause finds, and so it does given the point marker at the start.
    #[test]
    fn the_scan_ends_past_the_last_two_only_when_nothing_more_is_kept() {
        let parts = [
            "一是", "二是", "三是", "（1）", "（3）", "，", "2023年", "的",
        ];
        let texts = crate::syntax::concatenations(&parts, 6);
        let mut with_points = 0;
        for text in &texts {
            let infos = classify_lines(text);
            if infos.is_empty() {
                continue;
            }
            let context = Context::for_test(text, &infos, false);
            let block = context.lines_block(0, infos.len() - 1);
            let scanned = context.scan_inline_points(block, block.start);
            assert_eq!(context.inline_points(block, block.start), scanned, "{text}");
            let first_line = context.first_line(block);
            if let Ok((after, marker)) = crate::syntax::point_marker::point_marker(first_line) {
                let end = block.start + first_line.len() - after.len();
                let given = context.inline_points_after(block, block.start, Some((&marker, end)));
                assert_eq!(given, scanned, "{text}");
            }
            with_points += usize::from(!scanned.is_empty());
        }
        assert!(with_points > 2_000, "{with_points}");
    }

    /// The byte reading of [`Context::skip_space`] finds what decoding each
    /// character finds (its oracle [`Context::skip_space_decoded`]): from
    /// every byte offset (on and off character boundaries) of every run of
    /// up to three lines of texts with every kind of white space: the
    /// first line read from `from` on, and the search of the lines, too
    /// (it fails when the first line is read from off a boundary).
    #[test]
    fn skip_space_by_bytes_is_skip_space_decoded() {
        let mut compared = 0;
        let mut skipped = 0;
        visit_short_blocks(|text, context, block, from| {
            let expected = context.skip_space_decoded(block, from);
            assert_eq!(
                context.skip_space(block, from),
                expected,
                "from {from} in {text:?}"
            );
            compared += 1;
            skipped += usize::from(expected > from && expected < block.end);
        });
        assert!(compared > 5_000, "{compared}");
        assert!(skipped > 50, "{skipped}");
    }

    /// The pieces of a paragraph the writer makes, the lines of a
    /// [`LineCursor`] span taken as they are, are [`Context::pieces`] of
    /// the block from the paragraph's start to its end: on every run of up
    /// to three lines of every fixture and of texts made for the corners
    /// (indentation, CRLF and lone CR breaks, blank lines, spaces of every
    /// width, a line cut after white space), from each character boundary
    /// of the first line and from the start of the others.
    #[test]
    fn span_pieces_are_the_pieces_to_the_end() {
        let mut texts = crate::source::fixture_texts();
        texts.push("\u{3000}\u{3000}一 是 \u{3000}\r\n  甲 \u{2003}乙\t\r\n\r\n丙 d".to_owned());
        texts.push("ab  cd\r  ef\n\u{3000}1 2\n\t中 文\u{a0}\n x".to_owned());
        let mut compared = 0;
        for text in &texts {
            let infos = classify_lines(text);
            let context = Context::for_test(text, &infos, true);
            for first in 0..infos.len() {
                for last in first..(first + 3).min(infos.len()) {
                    let block = context.lines_block(first, last);
                    let first_line_end = block.lines.first().map_or(0, |l| l.content_end);
                    let starts = (block.start..=first_line_end)
                        .chain(block.lines.iter().map(|l| l.content_start))
                        .filter(|&at| text.is_char_boundary(at) && at < block.end);
                    for start in starts {
                        let span = LineCursor::default().span(&infos, start, block.end);
                        let pieces: Vec<&str> = context.span_pieces(span).collect();
                        let expected: Vec<&str> = context.pieces(block, start, block.end).collect();
                        assert_eq!(pieces, expected, "{start}.. of {text:?}");
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 10_000, "{compared}");
    }

    /// The pieces of a block are its lines cut to the range and trimmed,
    /// whether a line is taken whole (not trimmed again) or cut: on every
    /// run of up to three text lines of every fixture, and of lines made
    /// for the corners, at ranges that take lines whole, cut them inside
    /// and between characters, and leave nothing.
    #[test]
    fn pieces_are_the_lines_cut_and_trimmed() {
        let mut texts = crate::source::fixture_texts();
        texts.push("\u{3000}\u{3000}一 是 \u{3000}\n  甲 \u{2003}乙\t\n丙".to_owned());
        let mut compared = 0;
        for text in &texts {
            let infos = classify_lines(text);
            let context = Context::for_test(text, &infos, true);
            for first in 0..infos.len() {
                for last in first..(first + 3).min(infos.len()) {
                    let Some(lines) = infos.get(first..=last) else {
                        continue;
                    };
                    if lines.iter().any(|l| l.kind != LineKind::Text) {
                        break;
                    }
                    let block = context.lines_block(first, last);
                    let boundaries: Vec<usize> = (block.start..=block.end)
                        .filter(|&at| text.is_char_boundary(at))
                        .collect();
                    let near_ends = boundaries
                        .iter()
                        .take(3)
                        .chain(boundaries.iter().rev().take(3));
                    let ranges: Vec<(usize, usize)> = near_ends
                        .clone()
                        .flat_map(|&from| near_ends.clone().map(move |&to| (from, to)))
                        .collect();
                    for (from, to) in ranges {
                        let expected: Vec<&str> = lines
                            .iter()
                            .filter_map(|line| {
                                let start = line.content_start.max(from);
                                let end = line.content_end.min(to);
                                (start < end).then(|| text.get(start..end)).flatten()
                            })
                            .map(trim_spaces)
                            .filter(|piece| !piece.is_empty())
                            .collect();
                        let pieces: Vec<&str> = context.pieces(block, from, to).collect();
                        assert_eq!(
                            pieces,
                            expected,
                            "{from}..{to} of {:?}",
                            &text[block.start..block.end]
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 10_000, "{compared}");
    }
}
