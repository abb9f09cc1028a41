//! Second pass: recognized lines → the typed outline tree.
//!
//! 1. Lines are grouped into blocks by the document's paragraph layout
//!    ([`super::paragraphs`]).
//! 2. Each block gets its role, in this order: the title (the first block,
//!    when short and unpunctuated), a repetition of the title, a table of
//!    contents, furniture (page numbers, bylines, subtitles, the addressee,
//!    attachments, the closing signature and date), a numbered heading, a
//!    point, an unnumbered heading, a paragraph.
//! 3. Headings open sections on a stack: a heading closes the open sections
//!    of its own family and of the families ranked at or below it, and nests
//!    under the rest ([`HeadingFamily::rank`]); so levels follow the order in
//!    which families appear, never a fixed depth.
//! 4. When a section closes, its points are gathered into lists: a point
//!    holds the blocks up to the next point of its list; the blocks after a
//!    list's last point belong to the section.
//!
//! Numbered markers of the 公文 ladder (`（一）`, `1.` …) are points, not
//! headings, inside a law article and in a run of items that a paragraph
//! ending in a colon introduces — unless the paragraph has a run-in heading
//! (a short first sentence followed by more text).

use super::blocks::{Context, Deferred, DeferredMarker, DeferredPoints, TextBlock};
use super::paragraphs::{blocks, blocks_in_parallel, detect_layout, RawBlock};
use super::{
    Block, Furniture, Heading, List, Numbering, Paragraph, Placeholder, Point, RepeatedTitle,
    Section, Separator, TableOfContents, Title,
};
use crate::source::Position;
use crate::syntax::furniture;
use crate::syntax::heading::{
    ends_as_body_text, is_heading_shaped, HEADING_CHARS_MAX, NUMBERED_HEADING_CHARS_MAX,
    RUN_IN_HEADING_CHARS_MAX, SIGNATURE_CHARS_MAX, TITLE_CHARS_MAX, TITLE_LINE_CHARS_MAX,
};
use crate::syntax::heading_marker::{
    heading_marker, markdown_prefix, FirstMarker, HeadingFamily, HeadingMarker,
};
use crate::syntax::inline_point::{SecondMarkerCandidates, SEARCH_AHEAD};
use crate::syntax::point_marker::{point_marker, PointScheme};
use crate::syntax::{LineInfo, LineKind};
use crate::text::{is_sentence_end, is_space, SegmentationEvidence};
use std::cell::RefCell;
use std::collections::VecDeque;

/// Whether the input is word-segmented.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Segmentation {
    /// Decide from the text (spaces next to CJK characters).
    #[default]
    Auto,
    /// The words are separated by spaces.
    Yes,
    /// The text is written as usual, without spaces between words.
    No,
}

/// What the second pass makes of the lines.
pub(crate) struct Built {
    pub title: Option<Title>,
    pub children: Vec<Block>,
    pub segmented: bool,
}

/// Where top-level blocks go as soon as they are final, with the title and
/// whether the text is segmented (both known before the first block).
/// The blocks come in a vector the callee empties (and the builder fills
/// again), so that handing them over allocates nothing. Their paragraphs'
/// texts are deferred ([`Context::defer_texts`]), and so are the inline
/// points of the plain paragraphs [`DeferPoints`] says to leave: the callee
/// makes them with a [`super::blocks::TextFiller`], which needs what the
/// builder left to it, handed over with them (and also emptied by the
/// callee).
pub(crate) type TopLevel<'s> = dyn FnMut(Option<&Title>, bool, &mut Vec<Block>, &mut Deferred) + 's;

/// Asked, when texts are deferred, for each plain paragraph that may hold
/// inline points (one with a candidate 2, which the builder looks for
/// first): whether to leave looking for them to the writer. A writer on
/// another thread that is about to run out of work says yes, so that the
/// two threads stay about equally busy.
pub(crate) type DeferPoints<'s> = dyn Fn() -> bool + 's;

/// Build the outline of `text`, whose lines have been recognized as `infos`.
pub(crate) fn build(text: &str, infos: &[LineInfo], segmentation: Segmentation) -> Built {
    build_streaming(text, infos, segmentation, false, None, None)
}

/// [`build`], handing top-level blocks to `top` as soon as nothing that
/// follows can change them (then `Built::children` is empty: every block
/// went to `top`, the last ones when the text ends). Blocks come in text
/// order. A top-level block is final once another follows it, unless a
/// point stands at the top level: the blocks after it may still join its
/// list, so from there everything waits for the end. With `parallel`, a
/// long document's lines are grouped into blocks on two threads
/// ([`blocks_in_parallel`]) before building starts.
pub(crate) fn build_streaming(
    text: &str,
    infos: &[LineInfo],
    segmentation: Segmentation,
    parallel: bool,
    mut top: Option<&mut TopLevel<'_>>,
    defer_points: Option<&DeferPoints<'_>>,
) -> Built {
    let segmented = match segmentation {
        Segmentation::Yes => true,
        Segmentation::No => false,
        Segmentation::Auto => {
            let mut evidence = SegmentationEvidence::default();
            for info in infos.iter().filter(|i| i.kind == LineKind::Text) {
                if evidence.is_enough() {
                    break;
                }
                evidence.add(
                    text.get(info.content_start..info.content_end)
                        .unwrap_or_default(),
                );
            }
            evidence.is_segmented()
        }
    };
    let layout = detect_layout(infos);
    let mut raw = if parallel {
        blocks_in_parallel(text, infos, layout)
    } else {
        blocks(text, infos, layout)
    };
    split_closing_lines(text, infos, &mut raw);
    let context = Context {
        text,
        infos,
        segmented,
        indented_paragraphs: indented_paragraphs(infos, &raw),
        defer_texts: top.is_some(),
        second_markers: RefCell::new(SecondMarkerCandidates::new(SEARCH_AHEAD)),
    };
    let mut builder = Builder {
        context: &context,
        raw: &raw,
        tree: TreeBuilder::default(),
        title: None,
        title_first: None,
        front_matter: true,
        addressee_seen: false,
        in_attachment: false,
        closing: closing_blocks(&context, &raw),
        deferred: Deferred::default(),
        defer_points,
    };
    let mut index = 0;
    let mut ready = Vec::new();
    let mut left = Deferred::default();
    while index < raw.len() {
        index = builder.block(index);
        if let Some(top) = top.as_mut() {
            builder.tree.take_final(&mut ready);
            if let Some(last) = ready.last() {
                // What was left in the blocks handed over: that of the
                // paragraphs that start before the last block ends.
                let end = last.position().end.offset;
                builder.deferred.move_before(end, &mut left);
                top(builder.title.as_ref(), segmented, &mut ready, &mut left);
                ready.clear();
                left.clear();
            }
        }
    }
    let mut children = builder.tree.finish();
    if let Some(top) = top {
        top(
            builder.title.as_ref(),
            segmented,
            &mut children,
            &mut builder.deferred,
        );
        children.clear();
    }
    Built {
        title: builder.title,
        children,
        segmented,
    }
}

/// Whether most paragraphs of the document start with an indented line.
fn indented_paragraphs(infos: &[LineInfo], raw: &[RawBlock]) -> bool {
    let (mut indented, mut all) = (0usize, 0usize);
    for block in raw.iter().filter(|b| b.kind == LineKind::Text) {
        all += 1;
        if infos
            .get(block.first)
            .is_some_and(|i| i.indent.is_indented())
        {
            indented += 1;
        }
    }
    indented * 2 > all
}

/// A date on the last line of the last text block stands on its own, and so
/// does the short line before it (the signature), even where the layout
/// joined them to the lines above.
fn split_closing_lines(text: &str, infos: &[LineInfo], raw: &mut Vec<RawBlock>) {
    let Some(index) = raw.iter().rposition(|b| b.kind == LineKind::Text) else {
        return;
    };
    let Some(last) = raw.get(index).copied() else {
        return;
    };
    let line = |i: usize| {
        infos
            .get(i)
            .and_then(|info| text.get(info.content_start..info.content_end))
            .unwrap_or_default()
    };
    if last.first == last.last || furniture::date(line(last.last)).is_err() {
        return;
    }
    let signature_line = last.last - 1;
    let signature_alone =
        signature_line > last.first && is_heading_shaped(line(signature_line), SIGNATURE_CHARS_MAX);
    let mut replacement = Vec::with_capacity(3);
    if signature_alone {
        replacement.push(RawBlock {
            last: signature_line - 1,
            ..last
        });
        replacement.push(RawBlock {
            first: signature_line,
            last: signature_line,
            marker: FirstMarker::Unread,
            ..last
        });
    } else {
        replacement.push(RawBlock {
            last: signature_line,
            ..last
        });
    }
    replacement.push(RawBlock {
        first: last.last,
        marker: FirstMarker::Unread,
        ..last
    });
    raw.splice(index..=index, replacement);
}

/// The closing signature and date: the last text block when it is a date
/// alone, and the short line just before it.
fn closing_blocks(context: &Context<'_>, raw: &[RawBlock]) -> (Option<usize>, Option<usize>) {
    let mut texts = raw
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, b)| b.kind == LineKind::Text);
    let Some((date_index, date_block)) = texts.next() else {
        return (None, None);
    };
    let date_line = context.first_line(context.block(date_block));
    if date_block.first != date_block.last || furniture::date(date_line).is_err() {
        return (None, None);
    }
    let signature = texts.next().filter(|(_, b)| {
        let block = context.block(b);
        let first_line = context.first_line(block);
        is_one_heading_shaped_line(context, block, first_line, SIGNATURE_CHARS_MAX)
            && heading_marker(first_line).is_err()
    });
    (signature.map(|(i, _)| i), Some(date_index))
}

/// The state of the second pass.
struct Builder<'c, 'a> {
    context: &'c Context<'a>,
    raw: &'c [RawBlock],
    tree: TreeBuilder,
    title: Option<Title>,
    /// The first character of the title's text, kept when the title is
    /// found: a block that does not start with it cannot repeat the title.
    title_first: Option<char>,
    /// Nothing but the title and furniture seen yet.
    front_matter: bool,
    addressee_seen: bool,
    /// Inside a list of attachments (`附件：1.……` then `2.……`).
    in_attachment: bool,
    /// The signature's and the date's block indices.
    closing: (Option<usize>, Option<usize>),
    /// What was left to the writer (where the markers of points with
    /// deferred texts end, the paragraphs whose inline points are to be
    /// looked for), in text order, until their blocks are handed over.
    deferred: Deferred,
    /// Whether to leave the next plain paragraph's inline points to the
    /// writer, when texts are deferred.
    defer_points: Option<&'c DeferPoints<'c>>,
}

impl Builder<'_, '_> {
    /// Give the block at `index` its role; returns the index of the next
    /// block to read.
    fn block(&mut self, index: usize) -> usize {
        let Some(raw) = self.raw.get(index).copied() else {
            return index + 1;
        };
        if raw.kind == LineKind::Text {
            return self.text_block(index, raw);
        }
        let position = Position::from_offsets(
            self.context
                .infos
                .get(raw.first)
                .map_or(0, |l| l.content_start),
            self.context
                .infos
                .get(raw.last)
                .map_or(0, |l| l.content_end),
        );
        match raw.kind {
            LineKind::Separator => {
                self.in_attachment = false;
                self.tree
                    .push(Item::Block(Block::Separator(Separator { position })));
            }
            LineKind::Placeholder => {
                let raw_text = self.context.text.get(position.range()).unwrap_or_default();
                self.tree.push(Item::Block(Block::Placeholder(Placeholder {
                    raw: raw_text.to_owned(),
                    position,
                })));
            }
            LineKind::Blank => {}
            LineKind::Text => return self.text_block(index, raw),
        }
        index + 1
    }

    fn text_block(&mut self, index: usize, raw: RawBlock) -> usize {
        let context = self.context;
        let block = context.block(&raw);
        let first_line = context.first_line(block);
        let single = raw.first == raw.last;

        if index == 0 {
            if let Some(title) = self.title_of(block) {
                self.title_first = title.text.chars().next();
                self.title = Some(title);
                return index + 1;
            }
        }
        // The whole block's text, where a one-line block's shape is tested:
        // made when first asked for (a numbered block never asks).
        let mut single_text = SingleText {
            context,
            block,
            first_line,
            text: None,
        };
        // Normalizing keeps the first character: a block that does not start
        // as the title does cannot repeat it.
        let may_repeat_title =
            self.title_first.is_some() && first_line.chars().next() == self.title_first;
        if may_repeat_title && self.title.as_ref().map(|t| t.text.as_str()) == single_text.get() {
            self.push_block(Block::RepeatedTitle(RepeatedTitle {
                position: position_of(block),
            }));
            return index + 1;
        }
        if single && furniture::table_of_contents(first_line).is_ok() {
            return self.table_of_contents(index, block);
        }
        if let Some(kind) = self.furniture_kind(index, first_line, &mut single_text) {
            self.push_block(kind(Furniture {
                text: single_text.take(),
                position: position_of(block),
            }));
            return index + 1;
        }
        self.in_attachment = false;
        self.front_matter = false;
        let previous = index.checked_sub(1).and_then(|i| self.raw.get(i));
        let truncated_start = previous.is_some_and(|p| p.kind == LineKind::Separator)
            && !block.lines.first().is_some_and(|l| l.indent.is_indented())
            && context.indented_paragraphs;
        let before_cut = self
            .raw
            .get(index + 1)
            .is_none_or(|n| n.kind == LineKind::Separator);
        if let Some((after, marker)) = raw.marker.read(first_line) {
            let marker_end = block.start + (first_line.len() - after.len());
            let numbered = self.numbered_block(
                block,
                first_line,
                marker,
                marker_end,
                truncated_start,
                before_cut,
            );
            if numbered {
                return index + 1;
            }
        }
        if let Ok((after, marker)) = point_marker(first_line) {
            let marker_end = block.start + (first_line.len() - after.len());
            let text = context.marked_paragraph_text(block, &marker.marker, marker_end);
            let mut paragraph = context.paragraph_after_point_marker(
                block,
                text,
                truncated_start,
                before_cut,
                &marker,
                marker_end,
            );
            if paragraph.inline_points.len() < 2
                || paragraph
                    .inline_points
                    .first()
                    .map(|p| p.position.start.offset)
                    != Some(block.start)
            {
                let marker = self.point_marker_of(
                    block,
                    &paragraph,
                    marker.scheme.name(),
                    marker.number,
                    marker.marker,
                    marker_end,
                );
                self.tree.push(Item::Point(Box::new((marker, paragraph))));
            } else {
                // Not a point but a paragraph that opens an enumeration:
                // its text joins the marker as a point's would, which the
                // writer would not know to do.
                if paragraph.text.is_empty() {
                    paragraph.text = context.with_marker(block, &marker.marker, marker_end);
                }
                self.tree.push(Item::Block(Block::Paragraph(paragraph)));
            }
            return index + 1;
        }
        if !ends_as_body_text(first_line) && single_text.is_heading_shaped(HEADING_CHARS_MAX) {
            let heading = Heading {
                text: single_text.take_for_heading(),
                numbering: None,
                run_in: false,
                position: position_of(block),
            };
            self.tree
                .open_section(HeadingKey::Unnumbered, opened(heading));
            return index + 1;
        }
        let text = single_text.take_for_paragraph();
        let mut paragraph =
            context.paragraph_without_points(block, block.start, text, truncated_start, before_cut);
        // The candidates for a 2 are asked first: a paragraph without one
        // has no inline points, and is not left to the writer.
        if let Some(last_two) = context.last_second_marker(block, block.start) {
            if context.defer_texts && self.defer_points.is_some_and(|ask| ask()) {
                self.deferred.inline_points.push(DeferredPoints {
                    paragraph_start: block.start,
                    last_two,
                });
            } else {
                paragraph.inline_points =
                    context.inline_points_before_last_two(block, block.start, last_two);
            }
        }
        self.tree.push(Item::Block(Block::Paragraph(paragraph)));
        index + 1
    }

    /// The marker of a point whose paragraph (from the block's start) has
    /// just been made, with its lead; records where the marker ends when
    /// the paragraph's text is deferred.
    fn point_marker_of(
        &mut self,
        block: TextBlock<'_>,
        paragraph: &Paragraph,
        scheme: &'static str,
        number: Option<u32>,
        marker: String,
        marker_end: usize,
    ) -> Marker {
        let lead = if paragraph.text.is_empty() && self.context.defer_texts {
            // The lead is left for the writer to make, as the text is: an
            // empty string (which no lead is) says there is one.
            let lead = self.context.lead_range(block, marker_end);
            self.deferred.markers.push(DeferredMarker {
                paragraph_start: block.start,
                marker_end,
                lead,
            });
            lead.map(|_| String::new())
        } else {
            lead_of(&paragraph.text, &marker)
        };
        Marker {
            scheme,
            number,
            marker,
            lead,
        }
    }

    /// Push furniture or another block that does not end the front matter.
    fn push_block(&mut self, block: Block) {
        self.tree.push(Item::Block(block));
    }

    /// The title: the first block, of one to four short lines without
    /// closing punctuation, unindented, without a marker (a Markdown `#`
    /// prefix aside) and not furniture.
    fn title_of(&self, block: TextBlock<'_>) -> Option<Title> {
        let context = self.context;
        let lines = block.lines;
        if lines.is_empty() || lines.len() > 4 || lines.first()?.indent.is_indented() {
            return None;
        }
        let first_line = context.first_line(block);
        let start = match markdown_prefix(first_line) {
            Ok((rest, 1)) => block.start + (first_line.len() - rest.len()),
            Ok(_) => return None,
            Err(_) => block.start,
        };
        let rest_of_first = context.text.get(start..block.start + first_line.len())?;
        if heading_marker(rest_of_first).is_ok()
            || point_marker(rest_of_first).is_ok()
            || furniture::byline(rest_of_first).is_ok()
            || furniture::table_of_contents(rest_of_first).is_ok()
        {
            return None;
        }
        let per_line = if lines.len() == 1 {
            TITLE_CHARS_MAX
        } else {
            TITLE_LINE_CHARS_MAX
        };
        for line in lines {
            let from = line.content_start.max(start);
            let piece = context.text_between(block, from, line.content_end);
            if !is_heading_shaped(&piece, per_line) {
                return None;
            }
        }
        Some(Title {
            text: context.text_between(block, start, block.end),
            position: position_of(block),
        })
    }

    /// The first line of the block at `index`, when it is a text block.
    fn text_line_at(&self, index: Option<usize>) -> Option<&str> {
        let context = self.context;
        index
            .and_then(|i| self.raw.get(i))
            .filter(|b| b.kind == LineKind::Text)
            .map(|b| context.first_line(context.block(b)))
    }

    /// What kind of furniture the block at `index` is, if any; `line` is
    /// its first line ([`Context::first_line`]), cut once by the caller.
    fn furniture_kind(
        &mut self,
        index: usize,
        line: &str,
        single_text: &mut SingleText<'_, '_>,
    ) -> Option<fn(Furniture) -> Block> {
        if self.closing.1 == Some(index) {
            return Some(Block::Date);
        }
        if self.closing.0 == Some(index) {
            return Some(Block::Signature);
        }
        if furniture::attachment(line).is_ok() {
            self.in_attachment = true;
            return Some(Block::Attachment);
        }
        if !single_text.is_single() {
            return None;
        }
        if self.in_attachment && heading_marker(line).is_ok() {
            return Some(Block::Attachment);
        }
        if furniture::page_number(line).is_ok() {
            return Some(Block::PageNumber);
        }
        if furniture::byline(line).is_ok() {
            return Some(Block::Byline);
        }
        if !self.addressee_seen
            && !self.tree.has_structure()
            && single_text.get().is_some_and(is_addressee)
            && heading_marker(line).is_err()
        {
            self.addressee_seen = true;
            return Some(Block::Addressee);
        }
        if !self.front_matter {
            return None;
        }
        // A `——` line between other `——` lines is an item of a list. The
        // lines around are read only here, in the front matter.
        let (previous_line, next_line) = (
            self.text_line_at(index.checked_sub(1)),
            self.text_line_at(Some(index + 1)),
        );
        let dashed = |l: Option<&str>| l.is_some_and(|l| furniture::subtitle(l).is_ok());
        if furniture::subtitle(line).is_ok() && !dashed(previous_line) && !dashed(next_line) {
            return Some(Block::Subtitle);
        }
        if furniture::speaker(line).is_ok() {
            return Some(Block::Byline);
        }
        if dashed(next_line)
            && single_text
                .get()
                .is_some_and(|text| is_heading_shaped(text, TITLE_CHARS_MAX))
            && heading_marker(line).is_err()
        {
            return Some(Block::Subtitle);
        }
        None
    }

    /// A table of contents: the `目录` line and the entries that follow it,
    /// up to the first entry's second appearance (where the body begins).
    fn table_of_contents(&mut self, index: usize, block: TextBlock<'_>) -> usize {
        let context = self.context;
        let mut entries: Vec<String> = Vec::new();
        let mut end = block.end;
        let mut next = index + 1;
        while let Some(raw) = self.raw.get(next) {
            if raw.kind != LineKind::Text {
                break;
            }
            let candidate = context.block(raw);
            let lines: Vec<String> = candidate
                .lines
                .iter()
                .map(|l| entry_text(context, candidate, l))
                .collect();
            let fits = lines.iter().all(|line| {
                is_heading_shaped(line, NUMBERED_HEADING_CHARS_MAX)
                    && entries.first().is_none_or(|first| first != line)
            });
            if !fits {
                break;
            }
            entries.extend(lines);
            end = candidate.end;
            next += 1;
        }
        let first_line = context.first_line(block);
        let title_start = match markdown_prefix(first_line) {
            Ok((rest, _)) => block.start + (first_line.len() - rest.len()),
            Err(_) => block.start,
        };
        self.push_block(Block::TableOfContents(TableOfContents {
            text: context.heading_text(block, title_start, block.end),
            entries,
            position: Position::from_offsets(block.start, end),
        }));
        next
    }

    /// A block that opens with a heading marker: a heading (standalone or
    /// run-in), a point, or — returning `false` — an ordinary block.
    fn numbered_block(
        &mut self,
        block: TextBlock<'_>,
        first_line: &str,
        marker: HeadingMarker,
        marker_end: usize,
        truncated_start: bool,
        before_cut: bool,
    ) -> bool {
        let context = self.context;
        let family = marker.family;
        // Made for a heading only, after its text (which reads the marker):
        // a marker that had white space taken out is moved in, not copied.
        let numbering = |marker: HeadingMarker<'_>| Numbering {
            scheme: family.scheme().to_owned(),
            marker: marker.marker.into_owned(),
            number: marker.number,
        };
        let key = HeadingKey::Numbered(family);
        if family == HeadingFamily::Article {
            let heading = Heading {
                text: marker.marker.to_string(),
                numbering: Some(numbering(marker)),
                run_in: true,
                position: Position::from_offsets(block.start, marker_end),
            };
            self.tree.open_section(key, opened(heading));
            let rest = context.skip_space(block, marker_end);
            if rest < block.end {
                let text = context.paragraph_text(block, rest);
                let paragraph = context.paragraph(block, rest, text, false, before_cut);
                self.tree.push(Item::Block(Block::Paragraph(paragraph)));
            } else if let Some(open) = self.tree.stack.last_mut() {
                open.section.heading.run_in = false;
            }
            return true;
        }
        if family.is_law() || matches!(family, HeadingFamily::Markdown(_)) {
            // 第一节课上，老师……: a sentence, not a heading.
            if !is_one_heading_shaped_line(context, block, first_line, NUMBERED_HEADING_CHARS_MAX) {
                return false;
            }
            let text = if family.is_law() {
                law_heading_text(context, block, &marker.marker, marker_end, block.end)
            } else {
                // A Markdown heading's text starts after its prefix (the
                // marker) and the white space after it.
                let text_start = context.skip_space(block, marker_end);
                context.heading_text(block, text_start, block.end)
            };
            let heading = Heading {
                text,
                numbering: Some(numbering(marker)),
                run_in: false,
                position: position_of(block),
            };
            self.tree.open_section(key, opened(heading));
            return true;
        }
        // The 公文 ladder: 一、 （一） 1. （1） ①.
        let split = context.find_within(
            block,
            marker_end,
            RUN_IN_HEADING_CHARS_MAX,
            run_in_heading_end_width,
        );
        let rest = split.map(|s| context.skip_space(block, s));
        let has_run_in = rest.is_some_and(|r| r < block.end);
        let in_article =
            self.tree.innermost() == Some(HeadingKey::Numbered(HeadingFamily::Article));
        let in_items =
            self.tree.last_is_point_of(family.scheme()) || self.tree.last_ends_with_colon(context);
        let standalone =
            is_one_heading_shaped_line(context, block, first_line, NUMBERED_HEADING_CHARS_MAX);
        if in_article || (in_items && !has_run_in && !standalone) {
            let text = context.marked_paragraph_text(block, &marker.marker, marker_end);
            let paragraph =
                context.paragraph(block, block.start, text, truncated_start, before_cut);
            let marker = self.point_marker_of(
                block,
                &paragraph,
                family.scheme(),
                Some(marker.number),
                marker.marker.into_owned(),
                marker_end,
            );
            self.tree.push(Item::Point(Box::new((marker, paragraph))));
            return true;
        }
        if standalone {
            let heading = Heading {
                text: context.marked_heading_text(block, &marker.marker, marker_end, block.end),
                numbering: Some(numbering(marker)),
                run_in: false,
                position: position_of(block),
            };
            self.tree.open_section(key, opened(heading));
            return true;
        }
        let (Some(split), Some(rest)) = (split, rest) else {
            return false;
        };
        let heading = Heading {
            text: context.marked_heading_text(block, &marker.marker, marker_end, split),
            numbering: Some(numbering(marker)),
            run_in: has_run_in,
            position: Position::from_offsets(block.start, split),
        };
        self.tree.open_section(key, opened(heading));
        if has_run_in {
            let text = context.paragraph_text(block, rest);
            let paragraph = context.paragraph(block, rest, text, false, before_cut);
            self.tree.push(Item::Block(Block::Paragraph(paragraph)));
        }
        true
    }
}

/// Punctuation that ends a run-in heading (`一是加强领导。……`).
#[cfg(test)]
fn is_run_in_heading_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '：' | '!' | '?')
}

/// The length in bytes of the punctuation that ends a run-in heading
/// (`。！？：!?`) starting at byte `i`, or 0 when none does, read from the
/// UTF-8 bytes: `。` is `E3 80 82`; `！？：` are `EF BC 81`, `9F`, `9A`.
fn run_in_heading_end_width(bytes: &[u8], i: usize) -> usize {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match at(0) {
        b'!' | b'?' => 1,
        0xE3 if at(1) == 0x80 && at(2) == 0x82 => 3,
        0xEF if at(1) == 0xBC && matches!(at(2), 0x81 | 0x9A | 0x9F) => 3,
        _ => 0,
    }
}

/// A table of contents entry, written as the heading it lists would be
/// (`第一章　总　　则` → `第一章 总则`).
fn entry_text(context: &Context<'_>, block: TextBlock<'_>, line: &LineInfo) -> String {
    let content = context.content(line);
    match heading_marker(content) {
        Ok((after, marker)) if marker.family.is_law() => {
            let marker_end = line.content_start + (content.len() - after.len());
            law_heading_text(context, block, &marker.marker, marker_end, line.content_end)
        }
        _ => context.heading_text(block, line.content_start, line.content_end),
    }
}

/// The text of a 编, 章 or 节 heading: the marker, one space where the
/// source separates it from the title, and the title without its
/// letter-spacing: `第一章　总　　则` → `第一章 总则`.
fn law_heading_text(
    context: &Context<'_>,
    block: TextBlock<'_>,
    marker: &str,
    marker_end: usize,
    end: usize,
) -> String {
    let title_start = context.skip_space(block, marker_end).min(end);
    let spaced = title_start > marker_end;
    context.joined(block, marker, title_start, end, true, |first| {
        if first.is_some() && spaced {
            " "
        } else {
            ""
        }
    })
}

/// Words that name who a document is addressed to.
const ADDRESSEE_WORDS: &[&str] = &[
    "人民政府",
    "委员会",
    "部门",
    "单位",
    "机构",
    "代表",
    "委员",
    "同志",
    "党委",
    "办公厅",
    "办公室",
    "厅",
    "局",
];

/// The addressee line: short, ending with a colon, no sentence inside, and
/// naming its addressees (`各位代表：`, `同志们：`, `各省、自治区、直辖市人民政府：`),
/// so that `主要任务如下：` is not one.
fn is_addressee(text: &str) -> bool {
    let count = text.chars().count();
    (2..=60).contains(&count)
        && text.ends_with(['：', ':'])
        && !text.contains(['。', '；', '！', '？', ';', '!', '?'])
        && (text.starts_with('各')
            || text.ends_with("们：")
            || ADDRESSEE_WORDS.iter().any(|word| text.contains(word)))
}

/// Whether the block is one line whose normalized text is shaped like a
/// heading of at most `max_chars` characters. A line that ends as body text
/// is not normalized to find out ([`ends_as_body_text`]). `first_line` is
/// the block's first line ([`Context::first_line`]), which the caller has
/// cut already.
fn is_one_heading_shaped_line(
    context: &Context<'_>,
    block: TextBlock<'_>,
    first_line: &str,
    max_chars: usize,
) -> bool {
    block.lines.len() == 1
        && !ends_as_body_text(first_line)
        && line_is_heading_shaped(block, first_line, max_chars)
            .unwrap_or_else(|| is_heading_shaped(&context.text(block), max_chars))
}

/// [`is_heading_shaped`] for the normalized text of a block that is one
/// whole line, answered from the line as written where it can be, without
/// normalizing: normalizing only takes out or narrows white space inside
/// the line, so its text ends with the same character and has at most as
/// many characters as the line's content. `None` when that content has
/// more than `max_chars` characters, or the block is not one whole line.
/// `first_line` is the block's first line ([`Context::first_line`]): that
/// line's content, which the caller has cut already.
fn line_is_heading_shaped(
    block: TextBlock<'_>,
    first_line: &str,
    max_chars: usize,
) -> Option<bool> {
    let [line] = block.lines else {
        return None;
    };
    let whole = block.start == line.content_start && block.end == line.content_end;
    (whole && line.content_chars as usize <= max_chars)
        .then(|| is_heading_shaped(first_line, max_chars))
}

/// A section that opens with `heading`, boxed as it will stay
/// ([`OpenSection`]), with no children yet; its level is set when it
/// opens. Inlined where the heading is made, so that the heading is built
/// in the section that is moved into the box, not moved into it first.
#[inline]
fn opened(heading: Heading) -> Box<Section> {
    let position = heading.position;
    Box::new(Section {
        level: 0,
        heading,
        children: Vec::new(),
        position,
    })
}

fn position_of(block: TextBlock<'_>) -> Position {
    Position::from_offsets(block.start, block.end)
}

/// What decides the nesting of a heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeadingKey {
    /// A short line without a marker.
    Unnumbered,
    /// A heading with a marker of this family.
    Numbered(HeadingFamily),
}

/// The normalized text of a block, made the first time it is asked for;
/// [`SingleText::get`] gives it only for a one-line block.
struct SingleText<'c, 'a> {
    context: &'c Context<'a>,
    block: TextBlock<'a>,
    /// The block's first line ([`Context::first_line`]).
    first_line: &'a str,
    text: Option<String>,
}

impl SingleText<'_, '_> {
    /// Whether the block is one line long.
    fn is_single(&self) -> bool {
        self.block.lines.len() == 1
    }

    /// The text of a one-line block; `None` for a longer one.
    fn get(&mut self) -> Option<&str> {
        if !self.is_single() {
            return None;
        }
        let (context, block) = (self.context, self.block);
        Some(self.text.get_or_insert_with(|| context.text(block)))
    }

    /// Whether the block is one line whose text is shaped like a heading
    /// of at most `max_chars` characters ([`is_heading_shaped`]); the text
    /// is made only when the line as written cannot tell.
    fn is_heading_shaped(&mut self, max_chars: usize) -> bool {
        if !self.is_single() {
            return false;
        }
        match line_is_heading_shaped(self.block, self.first_line, max_chars) {
            Some(shaped) => shaped,
            None => self
                .get()
                .is_some_and(|text| is_heading_shaped(text, max_chars)),
        }
    }

    /// The text, whatever the block's length.
    fn take(self) -> String {
        let (context, block) = (self.context, self.block);
        self.text.unwrap_or_else(|| context.text(block))
    }

    /// The heading text of the whole block ([`Context::heading_text`]): the
    /// text made already when the document is segmented (a heading's text
    /// is normalized as segmented text whatever the document, so it is the
    /// same), made now otherwise. A line too long to be told heading-shaped
    /// as written had its text made to find out.
    fn take_for_heading(self) -> String {
        let (context, block) = (self.context, self.block);
        match self.text {
            Some(text) if context.segmented => text,
            _ => context.heading_text(block, block.start, block.end),
        }
    }

    /// The text for a paragraph of the whole block: as [`SingleText::take`]
    /// when made already, otherwise as [`Context::paragraph_text`] (empty
    /// when deferred).
    fn take_for_paragraph(self) -> String {
        let (context, block) = (self.context, self.block);
        self.text
            .unwrap_or_else(|| context.paragraph_text(block, block.start))
    }
}

/// The marker of a point, whatever family it comes from.
pub(crate) struct Marker {
    scheme: &'static str,
    number: Option<u32>,
    marker: String,
    /// The point's lead, found when its paragraph was made (whose text may
    /// be deferred).
    lead: Option<String>,
}

/// A block, or a paragraph that opens a point, before points are grouped.
/// A point is boxed: items are moved several times on their way into the
/// tree, and one the size of a block is moved in place, where the larger
/// pair of a marker and a paragraph took a call to `memcpy` each time.
enum Item {
    Block(Block),
    Point(Box<(Marker, Paragraph)>),
}

/// A section whose end has not been seen yet.
///
/// The section is boxed, its heading in place, when it opens: closing it
/// then fills in its end and hands the box on, where a heading held here
/// was moved (a call to `memcpy` each time) from the stack of open
/// sections into a new section and then into its box.
///
/// Until its first point, the section's blocks go straight into its
/// children, which are then final when it closes: grouping points leaves
/// blocks without a point before them as they are, in their order. Most
/// sections hold no point, and their blocks are then neither moved from
/// a list of items into a list of blocks nor given a second vector.
struct OpenSection {
    key: HeadingKey,
    rank: u32,
    /// Its level and heading, and its blocks while it holds no point; its
    /// end is set when it closes.
    section: Box<Section>,
    /// Empty while the section holds no point; from its first point on,
    /// every item of the section (the blocks before that point moved in
    /// first), whose points are grouped into lists when it closes.
    items: Vec<Item>,
}

impl OpenSection {
    /// Add an item at the end of the section.
    fn push(&mut self, item: Item, spare_items: &mut Vec<Vec<Item>>) {
        match item {
            Item::Block(block) if self.items.is_empty() => self.section.children.push(block),
            item => {
                if self.items.is_empty() {
                    // The first point: the blocks before it become items.
                    let mut items = spare_items.pop().unwrap_or_default();
                    let blocks = std::mem::take(&mut self.section.children);
                    items.extend(blocks.into_iter().map(Item::Block));
                    self.items = items;
                }
                self.items.push(item);
            }
        }
    }

    /// The section's last item so far.
    fn last(&self) -> Option<LastItem<'_>> {
        match self.items.last() {
            Some(item) => Some(LastItem::of(item)),
            None => self.section.children.last().map(LastItem::Block),
        }
    }
}

/// The last item of the innermost open section or of the top level,
/// wherever it is kept ([`OpenSection::items`]).
enum LastItem<'t> {
    Block(&'t Block),
    Point(&'t (Marker, Paragraph)),
}

impl<'t> LastItem<'t> {
    fn of(item: &'t Item) -> Self {
        match item {
            Item::Block(block) => LastItem::Block(block),
            Item::Point(point) => LastItem::Point(point),
        }
    }
}

/// Builds sections from headings with a stack of open sections.
#[derive(Default)]
struct TreeBuilder {
    root: Vec<Item>,
    /// Whether a point was put at the top level (see [`TreeBuilder::take_final`]).
    point_at_root: bool,
    stack: Vec<OpenSection>,
    /// The rank unnumbered headings took where they first appeared.
    unnumbered_rank: Option<u32>,
    /// Whether a heading or a point has been seen.
    structure_seen: bool,
    /// Emptied item lists of closed sections, kept for the next sections
    /// to hold points: most sections are short-lived, and a list that has
    /// grown once need not grow again.
    spare_items: Vec<Vec<Item>>,
    /// Emptied, where the blocks of a closing section with points are
    /// grouped ([`TreeBuilder::group_section_items`]).
    spare_blocks: Vec<Block>,
}

/// Item lists kept for reuse, at most.
const SPARE_ITEM_LISTS: usize = 16;

/// The longest item list kept for reuse: room for more is given back.
const SPARE_ITEMS_MAX: usize = 256;

impl TreeBuilder {
    /// The last item of the innermost open section, or of the top level.
    fn last(&self) -> Option<LastItem<'_>> {
        match self.stack.last() {
            Some(open) => open.last(),
            None => self.root.last().map(LastItem::of),
        }
    }

    fn push(&mut self, item: Item) {
        self.structure_seen |= matches!(item, Item::Point(..));
        match self.stack.last_mut() {
            Some(open) => open.push(item, &mut self.spare_items),
            None => {
                self.point_at_root |= matches!(item, Item::Point(..));
                self.root.push(item);
            }
        }
    }

    /// The top-level blocks nothing can change any more: all but the last
    /// (which the next block's role may depend on), as long as no point
    /// stands at the top level. Grouping points into lists leaves blocks
    /// before the first point as they are, so these are final. Asked after
    /// every block, where most often none is final (the top level holds
    /// one block while a section is open): then nothing is drained.
    fn take_final(&mut self, ready: &mut Vec<Block>) {
        if self.point_at_root {
            return;
        }
        let count = self
            .root
            .iter()
            .take(self.root.len().saturating_sub(1))
            .take_while(|item| matches!(item, Item::Block(_)))
            .count();
        if count == 0 {
            return;
        }
        ready.extend(self.root.drain(..count).filter_map(|item| match item {
            Item::Block(block) => Some(block),
            Item::Point(..) => None,
        }));
    }

    /// Whether a heading or a point has been seen.
    fn has_structure(&self) -> bool {
        self.structure_seen
    }

    /// The family of the innermost open section.
    fn innermost(&self) -> Option<HeadingKey> {
        self.stack.last().map(|open| open.key)
    }

    /// Whether the last item is a point of this scheme.
    fn last_is_point_of(&self, scheme: &str) -> bool {
        matches!(self.last(), Some(LastItem::Point(point)) if point.0.scheme == scheme)
    }

    /// Whether the last item is a paragraph (or a point's) ending in a colon.
    fn last_ends_with_colon(&self, context: &Context<'_>) -> bool {
        let paragraph = match self.last() {
            Some(LastItem::Point(point)) => &point.1,
            Some(LastItem::Block(Block::Paragraph(paragraph))) => paragraph,
            _ => return false,
        };
        context
            .last_char(&paragraph.text, paragraph.position.end.offset)
            .is_some_and(|c| matches!(c, '：' | ':'))
    }

    /// Open a section: close the open section of the same family and
    /// everything under it, or else every open section of a family ranked at
    /// or below this one; then nest under what remains.
    fn open_section(&mut self, key: HeadingKey, mut section: Box<Section>) {
        self.structure_seen = true;
        let rank = match key {
            HeadingKey::Numbered(family) => family.rank(),
            HeadingKey::Unnumbered => *self.unnumbered_rank.get_or_insert_with(|| {
                self.stack
                    .last()
                    .map_or(5, |open| open.rank.saturating_add(5))
            }),
        };
        if let Some(depth) = self.stack.iter().rposition(|open| open.key == key) {
            while self.stack.len() > depth {
                self.close_innermost();
            }
        } else {
            while self.stack.last().is_some_and(|open| open.rank >= rank) {
                self.close_innermost();
            }
        }
        // Its place on the stack does not change while it is open.
        section.level = u32::try_from(self.stack.len() + 1).unwrap_or(u32::MAX);
        self.stack.push(OpenSection {
            key,
            rank,
            section,
            items: Vec::new(),
        });
    }

    /// Close the innermost open section and add it to its parent.
    fn close_innermost(&mut self) {
        let Some(OpenSection {
            mut section, items, ..
        }) = self.stack.pop()
        else {
            return;
        };
        // Without items, the section holds no point, and its children are
        // its blocks as they came.
        if !items.is_empty() {
            let (children, emptied) = self.group_section_items(items);
            if self.spare_items.len() < SPARE_ITEM_LISTS && emptied.capacity() <= SPARE_ITEMS_MAX {
                self.spare_items.push(emptied);
            }
            section.children = children;
        }
        // The section spans its heading (where it was opened) to its last
        // child.
        if let Some(last) = section.children.last() {
            section.position.end = last.position().end;
        }
        self.push(Item::Block(Block::Section(section)));
    }

    /// The blocks of a closing section's items, which hold a point
    /// ([`OpenSection::items`]), in a vector of their number, and the
    /// items emptied. Items that hold points make fewer blocks: those are
    /// grouped in a scratch vector kept for the next time and copied into
    /// one of the right size, where a vector with room for every item was
    /// shrunk, which costs the allocator a move as well as the copy.
    fn group_section_items(&mut self, items: Vec<Item>) -> (Vec<Block>, Vec<Item>) {
        let mut grouped = std::mem::take(&mut self.spare_blocks);
        grouped.clear();
        let emptied = group_points_into(items, &mut grouped);
        let mut children = Vec::with_capacity(grouped.len());
        children.append(&mut grouped);
        if grouped.capacity() <= SPARE_ITEMS_MAX {
            self.spare_blocks = grouped;
        }
        (children, emptied)
    }

    fn finish(mut self) -> Vec<Block> {
        while !self.stack.is_empty() {
            self.close_innermost();
        }
        group_points(self.root)
    }
}

/// Gather the points among `items` into lists.
///
/// A list is a run of points of one scheme; it ends where the scheme starts
/// again at 1, or with the items. A point holds its paragraph and the items
/// up to the next point of its list; the items after the last point go back
/// to the enclosing level, where they may form further lists. Points of
/// another scheme inside a point are grouped there, one level down, so the
/// nesting is at most as deep as there are point schemes.
fn group_points(items: Vec<Item>) -> Vec<Block> {
    group_points_keeping_room(items).0
}

/// [`group_points`], handing back `items` emptied, with their room.
fn group_points_keeping_room(items: Vec<Item>) -> (Vec<Block>, Vec<Item>) {
    // At most one block per item: no growth, and the spare room is given
    // back below (a long document's top level holds most of its blocks).
    let mut out = Vec::with_capacity(items.len());
    let emptied = group_points_into(items, &mut out);
    out.shrink_to_fit();
    (out, emptied)
}

/// The most points a list is given room for before it grows.
const POINTS_ROOM_MAX: usize = 15;

/// [`group_points`], the blocks appended to `out` (which should have room
/// for one block per item), handing back `items` emptied, with their room.
fn group_points_into(items: Vec<Item>, out: &mut Vec<Block>) -> Vec<Item> {
    let mut rest: VecDeque<Item> = items.into();
    while let Some(item) = rest.pop_front() {
        let (marker, paragraph) = match item {
            Item::Block(block) => {
                out.push(block);
                continue;
            }
            Item::Point(point) => *point,
        };
        let scheme = marker.scheme;
        // Room for every item left to be a point of this list, up to a
        // bound (the top level of a document may hold many items): a
        // vector of points that grows is copied each time, and most lists
        // are short.
        let mut points = Vec::with_capacity(rest.len().min(POINTS_ROOM_MAX) + 1);
        points.push((marker, paragraph, Vec::new()));
        while let Some(next) = rest.pop_front() {
            match next {
                Item::Point(point) if point.0.scheme == scheme => {
                    if point.0.number == Some(1) {
                        rest.push_front(Item::Point(point));
                        break;
                    }
                    let (marker, paragraph) = *point;
                    points.push((marker, paragraph, Vec::new()));
                }
                other if scheme_has_numbers(scheme) => {
                    if let Some((_, _, followers)) = points.last_mut() {
                        followers.push(other);
                    }
                }
                other => {
                    rest.push_front(other);
                    break;
                }
            }
        }
        if let Some((_, _, followers)) = points.last_mut() {
            for item in std::mem::take(followers).into_iter().rev() {
                rest.push_front(item);
            }
        }
        out.push(Block::List(make_list(scheme, points)));
    }
    // Empty: no item moves when its ring becomes a list again.
    rest.clear();
    rest.into()
}

/// Whether a scheme's markers carry their numbers. A list of `——` items
/// has none, so only items that follow each other directly make one list.
fn scheme_has_numbers(scheme: &str) -> bool {
    scheme != PointScheme::EmDash.name()
}

/// A list from its points, each with the items that follow it.
fn make_list(scheme: &'static str, points: Vec<(Marker, Paragraph, Vec<Item>)>) -> List {
    let mut children = Vec::with_capacity(points.len());
    let mut previous_number = 0u32;
    for (marker, paragraph, followers) in points {
        let number = marker
            .number
            .unwrap_or_else(|| previous_number.saturating_add(1));
        previous_number = number;
        let lead = marker.lead;
        // The paragraph, then at most one block per follower: the blocks
        // are grouped in place.
        let mut blocks = Vec::with_capacity(1 + followers.len());
        blocks.push(Block::Paragraph(paragraph));
        if !followers.is_empty() {
            group_points_into(followers, &mut blocks);
            blocks.shrink_to_fit();
        }
        let start = blocks
            .first()
            .map(|b| b.position().start)
            .unwrap_or_default();
        let end = blocks.last().map(|b| b.position().end).unwrap_or_default();
        children.push(Point {
            number,
            marker: marker.marker,
            lead,
            children: blocks,
            position: Position { start, end },
        });
    }
    let start = children
        .first()
        .map(|p| p.position.start)
        .unwrap_or_default();
    let end = children.last().map(|p| p.position.end).unwrap_or_default();
    List {
        scheme: scheme.to_owned(),
        children,
        position: Position { start, end },
    }
}

/// The first sentence after the marker, without its closing punctuation;
/// `None` when the sentence does not end in the paragraph.
fn lead_of(text: &str, marker: &str) -> Option<String> {
    let mut remaining = marker.chars().filter(|c| !is_space(*c)).count();
    let mut start = None;
    for (index, c) in text.char_indices() {
        if is_space(c) {
            continue;
        }
        if remaining == 0 {
            start = Some(index);
            break;
        }
        remaining -= 1;
    }
    let start = start?;
    let end = text
        .get(start..)?
        .char_indices()
        .find(|(_, c)| is_sentence_end(*c))
        .map(|(i, _)| start + i)?;
    let lead = text.get(start..end)?.trim_matches(is_space);
    (!lead.is_empty()).then(|| lead.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::classify_lines;

    /// A heading's text starts after its Markdown prefix only for a
    /// Markdown heading (`## 背景`), after the prefix and the white space
    /// that follows (spaces, tabs, U+3000); a numbered heading behind a
    /// prefix keeps its marker and is read as the numbered heading: each
    /// line, between two paragraphs, opens a section with this heading text
    /// and scheme.
    #[test]
    fn markdown_headings_start_after_their_prefix() {
        let cases = [
            ("## 背景", "背景", "markdown"),
            ("#\t\u{3000}背景情况", "背景情况", "markdown"),
            ("######　工作 目标", "工作目标", "markdown"),
            ("### Background work", "Background work", "markdown"),
            ("## 第一章 总则", "第一章 总则", "chapter"),
            ("# 第二节\u{3000}目标", "第二节 目标", "section"),
            ("## 一、总体要求", "一、总体要求", "chinese"),
            ("一、总体要求", "一、总体要求", "chinese"),
            (
                "# （一）工作目标",
                "（一）工作目标",
                "chinese_parenthesized",
            ),
            (
                "（二）\u{3000}主要任务",
                "（二）主要任务",
                "chinese_parenthesized",
            ),
        ];
        for (line, heading, scheme) in cases {
            for break_ in ["\n", "\r\n"] {
                let text = format!(
                    "这是第一段，一段很长的正文，不是标题。{break_}{break_}{line}{break_}{break_}正文在这里，也很长。"
                );
                let infos = classify_lines(&text);
                let built = build(&text, &infos, Segmentation::Auto);
                let found = built.children.iter().find_map(|block| match block {
                    Block::Section(section) => Some((
                        section.heading.text.as_str(),
                        section
                            .heading
                            .numbering
                            .as_ref()
                            .map(|n| n.scheme.as_str()),
                    )),
                    _ => None,
                });
                assert_eq!(found, Some((heading, Some(scheme))), "{text:?}");
            }
        }
    }

    /// The run-in heading's end read from bytes is `。！？：!?` and nothing
    /// else, on every character, a continuation byte and a cut sequence.
    #[test]
    fn run_in_heading_end_width_reads_the_run_in_ends() {
        crate::text::assert_byte_reader_agrees(is_run_in_heading_end, run_in_heading_end_width, 6);
    }

    /// Where a run-in heading ends, read from bytes ([`Context::find_within`]
    /// with [`run_in_heading_end_width`]), is where decoding each character
    /// finds it ([`Context::find_within_decoded`] with
    /// [`is_run_in_heading_end`]): from every byte offset, on and off
    /// character boundaries, of every run of up to three lines of texts with
    /// every kind of white space, CRLF, CR and the six ends among Chinese,
    /// Latin and four-byte text, counting up to 0 to 40 characters.
    #[test]
    fn run_in_heading_end_by_bytes_is_found_as_decoded() {
        let mut compared = 0;
        let mut found = 0;
        crate::tree::blocks::visit_short_blocks(|text, context, block, from| {
            for max in [0, 1, 2, 3, 5, 8, RUN_IN_HEADING_CHARS_MAX] {
                let expected = context.find_within_decoded(block, from, max, is_run_in_heading_end);
                let by_bytes = context.find_within(block, from, max, run_in_heading_end_width);
                assert_eq!(by_bytes, expected, "from {from}, {max} in {text:?}");
                compared += 1;
                found += usize::from(expected.is_some());
            }
        });
        assert!(compared > 20_000, "{compared}");
        assert!(found > 2_000, "{found}");
    }

    /// Where the line as written tells whether a one-line block is shaped
    /// like a heading, it tells what its normalized text tells, segmented
    /// or not: on every text line of every fixture, and on lines made for
    /// the corners (the limit of characters reached by spaces that
    /// normalizing takes out, a line that is only brackets).
    #[test]
    fn heading_shape_read_from_the_line_is_that_of_its_text() {
        let mut texts = crate::source::fixture_texts();
        texts.push(
            [
                "人工 智能 引领 科技 创新",
                "人 工 智 能",
                "（草案）",
                "）",
                "第一章　总　　则",
            ]
            .join("\n"),
        );
        let mut told = 0;
        for text in &texts {
            let infos = classify_lines(text);
            for segmented in [false, true] {
                let context = Context::for_test(text, &infos, segmented);
                for index in 0..infos.len() {
                    let Some(line) = infos.get(index..=index) else {
                        continue;
                    };
                    if line.first().is_none_or(|l| l.kind != LineKind::Text) {
                        continue;
                    }
                    let block = context.lines_block(index, index);
                    for max_chars in [4, 5, 8, SIGNATURE_CHARS_MAX, HEADING_CHARS_MAX] {
                        let first_line = context.first_line(block);
                        if let Some(shaped) = line_is_heading_shaped(block, first_line, max_chars) {
                            told += 1;
                            let normalized = context.text(block);
                            assert_eq!(
                                shaped,
                                is_heading_shaped(&normalized, max_chars),
                                "{:?} ({max_chars})",
                                context.first_line(block)
                            );
                        }
                    }
                }
            }
        }
        assert!(told > 1000, "{told}");
    }

    /// A one-line block told heading-shaped from its first line, cut once
    /// and handed down ([`is_one_heading_shaped_line`]), is what the block's
    /// normalized text says, the line not given but read again: on every
    /// run of up to three lines of every fixture and of texts with CRLF, CR,
    /// indentation and white space of every width, for five lengths, in
    /// both segmentations.
    #[test]
    fn a_first_line_cut_once_tells_the_shape_of_its_block() {
        let mut texts = crate::source::fixture_texts();
        texts.extend(crate::tree::blocks::byte_reading_texts());
        texts.push(
            "（草案）\r\n\u{3000}人 工 智 能\r第一章　总　　则\n\n一、总体要求。\n".to_owned(),
        );
        let (mut told, mut shaped) = (0, 0);
        for text in &texts {
            let infos = classify_lines(text);
            for segmented in [false, true] {
                let context = Context::for_test(text, &infos, segmented);
                for first in 0..infos.len() {
                    for last in first..(first + 3).min(infos.len()) {
                        let block = context.lines_block(first, last);
                        let first_line = context.first_line(block);
                        for max_chars in [
                            4,
                            8,
                            SIGNATURE_CHARS_MAX,
                            NUMBERED_HEADING_CHARS_MAX,
                            HEADING_CHARS_MAX,
                        ] {
                            let read_again = block.lines.len() == 1
                                && block
                                    .lines
                                    .first()
                                    .is_some_and(|line| !ends_as_body_text(context.content(line)))
                                && is_heading_shaped(&context.text(block), max_chars);
                            let given =
                                is_one_heading_shaped_line(&context, block, first_line, max_chars);
                            assert_eq!(given, read_again, "{first_line:?} ({max_chars})");
                            told += 1;
                            shaped += usize::from(given);
                        }
                    }
                }
            }
        }
        assert!(told > 10_000, "{told}");
        assert!(shaped > 500, "{shaped}");
    }

    /// A compact rendering of blocks: `P0-4` for a paragraph over bytes 0
    /// to 4, `S1(…)0-9` for a section of level 1, `L[…]` for a list,
    /// `p2(…)` for its point numbered 2, `-` for a separator.
    fn shape(blocks: &[Block]) -> String {
        let parts: Vec<String> = blocks
            .iter()
            .map(|block| {
                let (start, end) = (block.position().start.offset, block.position().end.offset);
                match block {
                    Block::Paragraph(_) => format!("P{start}-{end}"),
                    Block::Section(section) => format!(
                        "S{}({}){start}-{end}",
                        section.level,
                        shape(&section.children)
                    ),
                    Block::List(list) => {
                        let points: Vec<String> = list
                            .children
                            .iter()
                            .map(|p| format!("p{}({})", p.number, shape(&p.children)))
                            .collect();
                        format!("L[{}]", points.join(" "))
                    }
                    Block::Separator(_) => "-".to_owned(),
                    _ => "?".to_owned(),
                }
            })
            .collect();
        parts.join(" ")
    }

    /// Sections keep their blocks as they come until their first point,
    /// then every item: the blocks before the first point stay in front,
    /// in order, the points are grouped with the blocks that follow them
    /// (those after the last point go back to the section's level), and
    /// what the builder asks about the last item (a point of a scheme, a
    /// paragraph ending in a colon) is answered from where it is kept.
    #[test]
    fn sections_keep_their_blocks_until_a_point_then_their_items() {
        let text = "甲：乙。丙：丁。戊。己。庚。辛。壬。";
        let infos = classify_lines(text);
        let context = Context::for_test(text, &infos, false);
        // A paragraph over the character `k` (3 bytes each).
        let paragraph = |k: usize| {
            Block::Paragraph(Paragraph {
                text: text.get(3 * k..3 * k + 3).unwrap_or_default().to_owned(),
                truncated_start: false,
                truncated_end: false,
                inline_points: Vec::new(),
                position: Position::from_offsets(3 * k, 3 * k + 3),
            })
        };
        let point = |k: usize, number: u32| {
            let Block::Paragraph(paragraph) = paragraph(k) else {
                unreachable!("a paragraph")
            };
            let marker = Marker {
                scheme: "arabic",
                number: Some(number),
                marker: format!("{number}."),
                lead: None,
            };
            Item::Point(Box::new((marker, paragraph)))
        };
        let heading = |k: usize| {
            opened(Heading {
                text: String::new(),
                numbering: None,
                run_in: false,
                position: Position::from_offsets(3 * k, 3 * k + 3),
            })
        };
        let chinese = HeadingKey::Numbered(HeadingFamily::Chinese);
        let arabic = HeadingKey::Numbered(HeadingFamily::Arabic);

        let mut tree = TreeBuilder::default();
        tree.push(Item::Block(paragraph(0)));
        tree.open_section(chinese, heading(1));
        assert!(!tree.last_ends_with_colon(&context), "an empty section");
        tree.push(Item::Block(paragraph(1)));
        assert!(tree.last_ends_with_colon(&context), "its paragraph `：`");
        assert!(!tree.last_is_point_of("arabic"));
        tree.push(Item::Block(paragraph(2)));
        assert!(!tree.last_ends_with_colon(&context), "its paragraph `乙`");
        tree.push(Item::Block(paragraph(3)));
        tree.push(point(4, 1));
        assert!(tree.last_is_point_of("arabic"));
        assert!(!tree.last_is_point_of("circled"));
        tree.push(Item::Block(paragraph(5)));
        assert!(!tree.last_is_point_of("arabic"));
        tree.push(point(6, 2));
        tree.push(Item::Block(paragraph(7)));
        // A subsection without points, closed by the next heading of its
        // parent's family, then one holding only a point.
        tree.open_section(arabic, heading(8));
        tree.push(Item::Block(paragraph(9)));
        tree.push(Item::Block(Block::Separator(Separator {
            position: Position::from_offsets(30, 31),
        })));
        tree.push(Item::Block(paragraph(11)));
        tree.open_section(chinese, heading(12));
        tree.push(point(13, 1));
        tree.open_section(chinese, heading(14));
        let children = tree.finish();
        assert_eq!(
            shape(&children),
            "P0-3 \
             S1(P3-6 P6-9 P9-12 \
             L[p1(P12-15 P15-18) p2(P18-21)] P21-24 S2(P27-30 - P33-36)24-36)3-36 \
             S1(L[p1(P39-42)])36-42 \
             S1()42-45"
        );
    }

    /// The top-level blocks are final, and handed over once, when another
    /// follows them, up to the first point at the top level.
    #[test]
    fn top_level_blocks_are_final_once_another_follows() {
        let separator = |k: usize| {
            Item::Block(Block::Separator(Separator {
                position: Position::from_offsets(k, k + 1),
            }))
        };
        let taken = |tree: &mut TreeBuilder| {
            let mut ready = Vec::new();
            tree.take_final(&mut ready);
            let starts: Vec<usize> = ready.iter().map(|b| b.position().start.offset).collect();
            starts
        };
        let mut tree = TreeBuilder::default();
        assert_eq!(taken(&mut tree), [0usize; 0]);
        tree.push(separator(0));
        assert_eq!(taken(&mut tree), [0usize; 0], "the last block waits");
        tree.push(separator(1));
        tree.push(separator(2));
        assert_eq!(taken(&mut tree), [0, 1]);
        assert_eq!(taken(&mut tree), [0usize; 0], "handed over once");
        tree.push(separator(3));
        assert_eq!(taken(&mut tree), [2]);
        let marker = Marker {
            scheme: "arabic",
            number: Some(1),
            marker: "1.".to_owned(),
            lead: None,
        };
        let paragraph = Paragraph {
            text: String::new(),
            truncated_start: false,
            truncated_end: false,
            inline_points: Vec::new(),
            position: Position::from_offsets(4, 5),
        };
        tree.push(Item::Point(Box::new((marker, paragraph))));
        tree.push(separator(5));
        tree.push(separator(6));
        assert_eq!(taken(&mut tree), [0usize; 0], "a point at the top level");
        assert_eq!(shape(&tree.finish()), "- L[p1(P4-5)] - -");
    }

    /// The roles that depend on the title's first character (a repeated
    /// title) and on the lines around a block (a `——` subtitle, unless it
    /// stands among other `——` lines), read only where they are needed.
    #[test]
    fn repeated_titles_and_subtitles_in_the_front_matter() {
        let cases: [(&[&str], &[&str]); 4] = [
            (
                &[
                    "人工智能发展报告",
                    "人工智能发展报告",
                    "人工智能的发展很快，这是正文。",
                ],
                &["repeated_title", "paragraph"],
            ),
            (
                &[
                    "人工智能发展报告",
                    "——在全国会议上的讲话",
                    "各位代表：",
                    "正文在这里，句子结束。",
                ],
                &["subtitle", "addressee", "paragraph"],
            ),
            (
                &[
                    "人工智能发展报告",
                    "——甲项内容",
                    "——乙项内容",
                    "——丙项内容",
                    "正文在这里，句子结束。",
                ],
                &["subtitle", "subtitle", "list", "paragraph"],
            ),
            (
                &[
                    "人工智能发展报告",
                    "——甲项内容",
                    "正文在这里，句子结束。",
                    "——乙项内容",
                ],
                &["subtitle", "paragraph", "list"],
            ),
        ];
        for (blocks, roles) in cases {
            let text = blocks.join("\n\n");
            let infos = classify_lines(&text);
            let built = build(&text, &infos, Segmentation::No);
            let found: Vec<&str> = built
                .children
                .iter()
                .map(|block| match block {
                    Block::RepeatedTitle(_) => "repeated_title",
                    Block::Subtitle(_) => "subtitle",
                    Block::Addressee(_) => "addressee",
                    Block::Paragraph(_) => "paragraph",
                    Block::List(_) => "list",
                    _ => "other",
                })
                .collect();
            assert_eq!(
                built.title.map(|t| t.text).as_deref(),
                Some("人工智能发展报告"),
                "{text}"
            );
            assert_eq!(found, roles, "{text}");
        }
    }

    #[test]
    fn lead_is_the_first_sentence_after_the_marker() {
        let cases = [
            (
                "一是大力发展人工智能新兴产业。人工智能",
                "一是",
                Some("大力发展人工智能新兴产业"),
            ),
            (
                "四是尊重规律，精准有效施策。应有",
                "四是",
                Some("尊重规律，精准有效施策"),
            ),
            ("二是加快推进传统产业转型", "二是", None),
            ("第一， 要扩大内需；", "第一，", Some("要扩大内需")),
            ("一是。", "一是", None),
            ("（一）决议。适用于", "（一）", Some("决议")),
        ];
        for (text, marker, lead) in cases {
            assert_eq!(lead_of(text, marker).as_deref(), lead, "{text}");
        }
    }

    #[test]
    fn addressee_lines() {
        assert!(is_addressee("各位代表："));
        assert!(is_addressee(
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
        ));
        assert!(!is_addressee("一年来的主要工作是。如下："));
        assert!(!is_addressee("各位代表！"));
        assert!(!is_addressee("主要任务如下："), "no addressee named");
        assert!(is_addressee("同志们："));
    }
}
