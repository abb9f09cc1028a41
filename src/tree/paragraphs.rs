//! Paragraph boundaries: which text lines start a paragraph.
//!
//! Plain-text articles come in three layouts, and one document keeps to one
//! of them, so the layout is decided once per document from the evidence of
//! all its lines, never by a flag:
//!
//! 1. **Indented, hard-wrapped** (the seed): a paragraph's first line is
//!    indented, its continuation lines are flush left. An indented line, a
//!    blank line or a separator starts a paragraph.
//! 2. **Blank-line separated, hard-wrapped**: paragraphs are runs of
//!    consecutive lines between blank lines (or separators).
//! 3. **One paragraph per line**: every line is a paragraph; lines are as long
//!    as their paragraphs and end with the paragraph's closing punctuation.
//!
//! The evidence that lines are hard-wrapped: a line that runs straight into
//! the next text line while ending mid-sentence (with no closing
//! punctuation) and being about as long as the document's typical line. If
//! at least half of the lines followed by a text line look like that, the
//! document is wrapped; otherwise it has one paragraph per line. A wrapped
//! document that indents some of its lines and leaves some flush-left lines
//! right after text lines (continuations) is indented; otherwise its
//! paragraphs are separated by blank lines.

use crate::syntax::heading::{is_heading_shaped, NUMBERED_HEADING_CHARS_MAX};
use crate::syntax::heading_marker::FirstMarker;
use crate::syntax::{LineInfo, LineKind};

/// How a document marks its paragraphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Indented first lines, flush-left continuation lines.
    Indented,
    /// Paragraphs separated by blank lines.
    BlankLines,
    /// One paragraph per line.
    LinePerParagraph,
}

/// A run of lines that makes one block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RawBlock {
    /// What the lines are.
    pub kind: LineKind,
    /// Index of the first line.
    pub first: usize,
    /// Index of the last line (inclusive).
    pub last: usize,
    /// The heading marker that opens the first line, if grouping looked
    /// for one there (only on short lines, and not in every layout: a
    /// block's first line is otherwise [`FirstMarker::Unread`]; looking
    /// for markers on the others too cost the grouping threads more than it
    /// spared the builder).
    pub marker: FirstMarker,
}

/// The layout, and the typical length of a text line in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LayoutInfo {
    pub layout: Layout,
    pub typical: usize,
}

/// Decide the layout from all the lines of a document, in one pass over
/// them that reads no text (on two threads, half each, for a long
/// document).
pub(crate) fn detect_layout(infos: &[LineInfo]) -> LayoutInfo {
    layout_of(LayoutStats::in_parallel(infos))
}

/// The layout the counts of a document's lines say.
fn layout_of(mut stats: LayoutStats) -> LayoutInfo {
    let text_lines = stats.lengths.total;
    let typical = stats.lengths.median();
    let wrapped = stats
        .maybe_wrapped
        .count(|length| length * 5 >= typical * 4);
    let followed = stats.followed;
    let layout = if followed == 0 || wrapped * 2 < followed {
        Layout::LinePerParagraph
    } else if stats.indented > 0 && (stats.continuations > 0 || stats.indented < text_lines) {
        Layout::Indented
    } else {
        Layout::BlankLines
    };
    LayoutInfo { layout, typical }
}

/// What the layout is judged by, counted over lines.
#[derive(Debug, PartialEq, Eq)]
struct LayoutStats {
    /// The visible length of the text lines, counted as they were
    /// recognized; and that of the lines that may be wrapped (followed by
    /// a text line, ending mid-sentence), which are wrapped when long next
    /// to the typical line, known only at the end.
    lengths: LengthCounts,
    maybe_wrapped: LengthCounts,
    /// Text lines followed by a text line; indented text lines; flush-left
    /// text lines after a text line.
    followed: usize,
    indented: usize,
    continuations: usize,
}

impl LayoutStats {
    /// The counts over `lines`, the line before them being text or not,
    /// and `next` the line after them.
    fn of(lines: &[LineInfo], mut previous_is_text: bool, next: Option<&LineInfo>) -> Self {
        let mut stats = LayoutStats {
            lengths: LengthCounts::new(),
            maybe_wrapped: LengthCounts::new(),
            followed: 0,
            indented: 0,
            continuations: 0,
        };
        let mut lines = lines.iter().peekable();
        while let Some(info) = lines.next() {
            let is_text = info.kind == LineKind::Text;
            if is_text {
                stats.lengths.add(info.chars);
                if info.indent.is_indented() {
                    stats.indented += 1;
                } else if previous_is_text {
                    stats.continuations += 1;
                }
                let following = lines.peek().copied().or(next);
                if following.is_some_and(|n| n.kind == LineKind::Text) {
                    stats.followed += 1;
                    if info.ends_mid_sentence {
                        stats.maybe_wrapped.add(info.chars);
                    }
                }
            }
            previous_is_text = is_text;
        }
        stats
    }

    /// The counts over all `infos`; for a long document, half on each of
    /// two threads (one pass if no second thread can be had).
    fn in_parallel(infos: &[LineInfo]) -> Self {
        let middle = infos.len() / 2;
        let (Some((first, second)), true) = (
            infos.split_at_checked(middle),
            infos.len() >= PARALLEL_MIN_LINES,
        ) else {
            return LayoutStats::of(infos, false, None);
        };
        let previous_is_text = first.last().is_some_and(|l| l.kind == LineKind::Text);
        let (mine, theirs) = crate::on_two_threads(
            "outline-layout",
            || LayoutStats::of(first, false, second.first()),
            || LayoutStats::of(second, previous_is_text, None),
        );
        mine.merge(theirs)
    }

    /// The counts over the lines of both.
    fn merge(mut self, other: LayoutStats) -> Self {
        self.lengths.merge(other.lengths);
        self.maybe_wrapped.merge(other.maybe_wrapped);
        self.followed += other.followed;
        self.indented += other.indented;
        self.continuations += other.continuations;
        self
    }
}

/// The content of a line, without indentation and trailing space.
fn content<'a>(text: &'a str, info: &LineInfo) -> &'a str {
    text.get(info.content_start..info.content_end)
        .unwrap_or_default()
}

/// Lengths below this are counted in a table; longer ones, rare, are kept
/// as they are.
const LENGTHS_COUNTED: usize = 1024;

/// Line lengths, counted in a table rather than kept for sorting (a
/// document has as many as it has lines).
#[derive(Debug, PartialEq, Eq)]
struct LengthCounts {
    counts: Vec<usize>,
    long: Vec<u32>,
    total: usize,
}

impl LengthCounts {
    fn new() -> Self {
        LengthCounts {
            counts: vec![0; LENGTHS_COUNTED],
            long: Vec::new(),
            total: 0,
        }
    }

    /// Count the lengths of `other` too (long ones after these).
    fn merge(&mut self, other: LengthCounts) {
        for (count, more) in self.counts.iter_mut().zip(other.counts) {
            *count += more;
        }
        self.long.extend(other.long);
        self.total += other.total;
    }

    fn add(&mut self, length: u32) {
        self.total += 1;
        match self.counts.get_mut(length as usize) {
            Some(count) => *count += 1,
            None => self.long.push(length),
        }
    }

    /// The median (0 for none): the length at index `total / 2` were they
    /// sorted.
    fn median(&mut self) -> usize {
        let middle = self.total / 2;
        let mut below = 0;
        for (length, &count) in self.counts.iter().enumerate() {
            below += count;
            if below > middle {
                return length;
            }
        }
        // Among the long ones: `middle - below` of them precede it.
        let index = middle - below;
        if index >= self.long.len() {
            return 0; // no lengths at all
        }
        let (_, median, _) = self.long.select_nth_unstable(index);
        *median as usize
    }

    /// How many lengths satisfy `keep`.
    fn count(&self, keep: impl Fn(usize) -> bool) -> usize {
        let counted: usize = (self.counts.iter().enumerate())
            .filter(|&(length, _)| keep(length))
            .map(|(_, count)| count)
            .sum();
        counted + self.long.iter().filter(|&&l| keep(l as usize)).count()
    }
}

/// Whether a line of a wrapped document is a numbered heading standing
/// alone: it opens with a heading marker, has no closing punctuation, and is
/// at most 60% of the typical line's length.
/// `marker` is set to what opens the line when it was looked for. The
/// line's content is taken from `text` only once its lengths, which tell
/// most lines, have passed.
fn is_standalone_heading(
    text: &str,
    info: &LineInfo,
    typical: usize,
    marker: &mut FirstMarker,
) -> bool {
    // No character takes more than 4 bytes: a longer line is no heading.
    let length = info.content_end.saturating_sub(info.content_start);
    if length > NUMBERED_HEADING_CHARS_MAX * 4 || (info.chars as usize) * 10 > typical * 6 {
        return false;
    }
    let line = content(text, info);
    *marker = FirstMarker::of(line);
    marker.is_found() && is_heading_shaped(line, NUMBERED_HEADING_CHARS_MAX)
}

/// Group lines into blocks by the layout; blank lines only separate.
pub(crate) fn blocks(text: &str, infos: &[LineInfo], info: LayoutInfo) -> Vec<RawBlock> {
    // At most one block a line: room for all at once, no growing (room never
    // used costs no memory).
    let mut out: Vec<RawBlock> = Vec::with_capacity(infos.len());
    group_lines(text, infos, 0, info, &mut out);
    out
}

/// Documents shorter than this many lines are grouped on one thread.
const PARALLEL_MIN_LINES: usize = 1 << 16;

/// [`blocks`], on two threads for a long document: each groups the lines
/// of one half. The second half starts just after a line that is not text
/// (a blank line, a separator, a placeholder), where no block goes on, so
/// each half is grouped as one pass would group it. Without such a line in
/// the second half, or without a second thread, one pass does it all.
pub(crate) fn blocks_in_parallel(
    text: &str,
    infos: &[LineInfo],
    info: LayoutInfo,
) -> Vec<RawBlock> {
    if infos.len() < PARALLEL_MIN_LINES {
        return blocks(text, infos, info);
    }
    let middle = infos.len() / 2;
    let split = infos
        .get(middle..)
        .and_then(|rest| rest.iter().position(|line| line.kind != LineKind::Text))
        .map(|found| middle + found + 1);
    let halves = split.and_then(|split| infos.split_at_checked(split));
    let (Some(split), Some((first, second))) = (split, halves) else {
        return blocks(text, infos, info);
    };
    let (mut out, second_blocks) = crate::on_two_threads(
        "outline-blocks",
        || {
            // Room for both halves' blocks: the second's are appended.
            let mut out = Vec::with_capacity(infos.len());
            group_lines(text, first, 0, info, &mut out);
            out
        },
        || {
            let mut out = Vec::with_capacity(second.len());
            group_lines(text, second, split, info, &mut out);
            out
        },
    );
    out.extend(second_blocks);
    out
}

/// Group `lines`, the lines from index `first_index` on, after a line that
/// is not text (or at the start): the blocks go to `out`.
fn group_lines(
    text: &str,
    lines: &[LineInfo],
    first_index: usize,
    info: LayoutInfo,
    out: &mut Vec<RawBlock>,
) {
    let layout = info.layout;
    let mut open = false; // whether the last block is text that may go on
    for (index, line) in (first_index..).zip(lines) {
        let mut marker = FirstMarker::Unread;
        let standalone = layout != Layout::LinePerParagraph
            && line.kind == LineKind::Text
            && is_standalone_heading(text, line, info.typical, &mut marker);
        let info = line;
        match info.kind {
            LineKind::Blank => open = false,
            LineKind::Separator | LineKind::Placeholder => {
                out.push(RawBlock {
                    kind: info.kind,
                    first: index,
                    last: index,
                    marker: FirstMarker::Absent,
                });
                open = false;
            }
            LineKind::Text => {
                let continues = open
                    && !standalone
                    && match layout {
                        Layout::LinePerParagraph => false,
                        Layout::BlankLines => true,
                        Layout::Indented => !info.indent.is_indented(),
                    };
                match out.last_mut() {
                    Some(block) if continues => block.last = index,
                    _ => {
                        out.push(RawBlock {
                            kind: LineKind::Text,
                            first: index,
                            last: index,
                            marker,
                        });
                    }
                }
                open = !standalone;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::classify_lines;

    /// A block record is 32 bytes on a 64-bit target: one is kept for
    /// every block of the text until the builder is done, so that a field
    /// more costs memory in proportion to the input (a flag in the marker
    /// span made it 40 bytes, and the peak on the 50 MB benchmark input
    /// 5 MB higher).
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_block_record_is_32_bytes() {
        assert_eq!(std::mem::size_of::<RawBlock>(), 32);
    }

    fn layout_of(text: &str) -> (Layout, Vec<(usize, usize)>) {
        let infos = classify_lines(text);
        let info = detect_layout(&infos);
        let spans = blocks(text, &infos, info)
            .iter()
            .map(|b| (b.first + 1, b.last + 1))
            .collect();
        (info.layout, spans)
    }

    /// Counting the halves of a long document on two threads gives the
    /// counts one pass gives, and grouping them gives the blocks one pass
    /// gives, in each layout, wherever the middle falls;
    /// and a document whose second half has no line but text is grouped in
    /// one pass.
    #[test]
    fn blocks_grouped_in_halves_are_the_blocks_grouped_in_one_pass() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/layouts");
        let mut layouts = Vec::new();
        for entry in std::fs::read_dir(root).into_iter().flatten().flatten() {
            let Ok(unit) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            // Long enough for two threads, cut so that the middle falls
            // at different places of the unit.
            for cut in [0, 7, 13] {
                let copies = PARALLEL_MIN_LINES / unit.lines().count().max(1) + 2;
                let mut text = unit.repeat(copies);
                text.push_str(&unit.chars().take(cut * 20).collect::<String>());
                let infos = classify_lines(&text);
                assert!(infos.len() >= PARALLEL_MIN_LINES);
                let info = detect_layout(&infos);
                assert_eq!(
                    LayoutStats::in_parallel(&infos),
                    LayoutStats::of(&infos, false, None),
                    "{}",
                    entry.path().display()
                );
                layouts.push(info.layout);
                assert_eq!(
                    blocks_in_parallel(&text, &infos, info),
                    blocks(&text, &infos, info),
                    "{}",
                    entry.path().display()
                );
            }
        }
        for layout in [
            Layout::Indented,
            Layout::BlankLines,
            Layout::LinePerParagraph,
        ] {
            assert!(layouts.contains(&layout), "no fixture of {layout:?}");
        }
        // Only text lines after the middle: one pass.
        let text = "甲\n\n".to_owned() + &"乙乙乙乙乙乙乙乙乙乙乙乙，\n".repeat(PARALLEL_MIN_LINES);
        let infos = classify_lines(&text);
        let info = detect_layout(&infos);
        assert_eq!(
            blocks_in_parallel(&text, &infos, info),
            blocks(&text, &infos, info)
        );
    }

    /// The median and counts from the table are those of the sorted
    /// lengths, short and long, odd and even in number, and none.
    #[test]
    fn length_counts_give_the_sorted_lengths_median() {
        let cases: [&[u32]; 7] = [
            &[],
            &[7],
            &[3, 1, 2],
            &[5, 5, 1, 9],
            &[2000, 1, 3000],
            &[2000, 4000, 3000, 1],
            &[1023, 1024, 1025, 0, 70_000, 12, 12],
        ];
        for lengths in cases {
            let mut counts = LengthCounts::new();
            for &length in lengths {
                counts.add(length);
            }
            let mut sorted = lengths.to_vec();
            sorted.sort_unstable();
            let expected = sorted.get(sorted.len() / 2).map_or(0, |&m| m as usize);
            assert_eq!(counts.median(), expected, "{lengths:?}");
            assert_eq!(counts.total, lengths.len());
            let over_ten = lengths.iter().filter(|&&l| l > 10).count();
            assert_eq!(counts.count(|l| l > 10), over_ten, "{lengths:?}");
        }
    }

    #[test]
    fn indented_wrapped_paragraphs() {
        let text = concat!(
            "　　近年来，人工智能迅速发展，作为引领新一代科技革命和产业\n",
            "变革的战略性技术，其具有跨界融合、人机协同、群智开放等新\n",
            "特征。\n",
            "　　从人工智能产业链本身来讲，主要包括基础支撑层、软件算\n",
            "法层和行业应用层。",
        );
        assert_eq!(
            layout_of(text),
            (Layout::Indented, vec![(1, 3), (4, 5)]),
            "an indented line starts a paragraph, flush lines continue it"
        );
    }

    #[test]
    fn blank_line_separated_paragraphs() {
        let text = "近年来，人工智能迅速发展，作为引领新一代科技革命和产业\n\
                    变革的战略性技术，其具有跨界融合、人机协同、群智开放等新\n\
                    特征。\n\
                    \n\
                    从人工智能产业链本身来讲，主要包括基础支撑层、软件算法\n\
                    层和行业应用层。";
        assert_eq!(
            layout_of(text),
            (Layout::BlankLines, vec![(1, 3), (5, 6)]),
            "blank lines separate paragraphs of consecutive lines"
        );
    }

    #[test]
    fn one_paragraph_per_line() {
        let text = "一、2023年工作回顾\n\
                    过去一年，是全面贯彻党的二十大精神的开局之年。\n\
                    一是着力扩大国内需求。推动消费从疫后恢复转向持续扩大。\n\
                    二是大力推进现代化产业体系建设。";
        assert_eq!(
            layout_of(text),
            (
                Layout::LinePerParagraph,
                vec![(1, 1), (2, 2), (3, 3), (4, 4)]
            ),
            "lines that end their sentences are paragraphs of their own"
        );
    }
}
