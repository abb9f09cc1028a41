//! `outline parse --format tree`: the outline as an indented tree, one node
//! a line, for a terminal.
//!
//! ```text
//! fixtures/ai-industry-upgrade.txt  (100 lines, utf-8, segmented)
//!   L2    ■ 人工智能引领科技创新助推产业结构升级
//!   L4    ──
//!   L32   § 人工智能赋能产业升级
//!   L36     ¶ 我国经济发展正处于转型升级的关键期，供给…
//!   L42     • 一是 大力发展人工智能新兴产业
//!   L47       ¶ 人工智能的发展也催生了一批新兴产业，如无…  (~end)
//! ```
//!
//! Each line: the node's first line number, two spaces of indentation a
//! level, a glyph, the text cut to [`TEXT_WIDTH`] columns (CJK characters
//! count two), then the flags in parentheses:
//!
//! | glyph | node | flags |
//! |---|---|---|
//! | `■` | title | |
//! | `§` | section (its heading; level = indentation) | `run-in` |
//! | `•` | point: marker, then its lead (or the start of its paragraph) | those of its paragraph |
//! | `¶` | paragraph | `~start`, `~end` (truncated before, after) |
//! | `◦` | an inline point of a paragraph: marker, text | |
//! | `──` | separator | |
//! | `□` | placeholder, as written | `placeholder` |
//! | `↻` | repeated title | `repeated title` |
//! | `☰` | table of contents, its entries below it | `N entries` |
//! | `›` | furniture | its kind: `subtitle`, `byline`, `date` … |
//!
//! Lists are not lines of their own: their points stand one level below
//! the section (or point) that holds them. A point's own paragraph (the
//! one that opens with the marker) is folded into the point's line.

use super::{last_line, shorten};
use outline::{Block, Document, Furniture, Paragraph, Point, Position, Section};
use std::fmt::Write as _;

/// How many columns a node's text may take before it is cut with `…`.
pub(crate) const TEXT_WIDTH: usize = 40;

/// The tree of a document. With `color`, ANSI escapes mark the line
/// numbers, headings, markers and flags; without, the text is plain.
pub(crate) fn render(doc: &Document, color: bool) -> String {
    let digits = doc
        .source
        .lines
        .max(last_line(&doc.position))
        .max(1)
        .to_string()
        .len();
    let mut tree = Tree {
        out: String::new(),
        paint: Paint { color },
        number_width: digits + 1,
    };
    let source = &doc.source;
    let mut facts = vec![
        format!(
            "{} line{}",
            source.lines,
            if source.lines == 1 { "" } else { "s" }
        ),
        source.encoding.clone(),
    ];
    if source.bom {
        facts.push("bom".to_owned());
    }
    if source.line_ending != "lf" {
        facts.push(source.line_ending.clone());
    }
    if source.segmented {
        facts.push("segmented".to_owned());
    }
    let name = tree.paint.paint(BOLD, &clean(&source.name));
    let facts = tree.paint.paint(DIM, &format!("({})", facts.join(", ")));
    let _ = writeln!(tree.out, "{name}  {facts}");
    if let Some(title) = &doc.title {
        let text = tree
            .paint
            .paint(BOLD, &shorten(&clean(&title.text), TEXT_WIDTH));
        tree.line(Some(&title.position), 0, &format!("■ {text}"), &[]);
    }
    for block in &doc.children {
        tree.block(block, 0, doc);
    }
    tree.out
}

const BOLD: &str = "1";
const DIM: &str = "2";
const RED: &str = "31";
const YELLOW: &str = "33";
const BLUE: &str = "34";
const MAGENTA: &str = "35";
const CYAN: &str = "36";

/// ANSI colour, or nothing.
struct Paint {
    color: bool,
}

impl Paint {
    /// `text` in the SGR style `code` (`"1;34"`), or as is without colour.
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

struct Tree {
    out: String,
    paint: Paint,
    /// Columns of the line-number field (`L` and the digits).
    number_width: usize,
}

impl Tree {
    /// One node: `  L17   ` + indentation + body + `  (flags)`.
    fn line(&mut self, position: Option<&Position>, depth: usize, body: &str, flags: &[&str]) {
        let number = position.map_or(String::new(), |p| format!("L{}", p.start.line));
        let padded = format!("{number:<width$}", width = self.number_width);
        let number = self.paint.paint(DIM, &padded);
        let indent = "  ".repeat(depth);
        let _ = write!(self.out, "  {number}  {indent}{body}");
        if !flags.is_empty() {
            let flags = self
                .paint
                .paint(MAGENTA, &format!("({})", flags.join(", ")));
            let _ = write!(self.out, "  {flags}");
        }
        self.out.push('\n');
    }

    fn block(&mut self, block: &Block, depth: usize, doc: &Document) {
        match block {
            Block::Section(section) => self.section(section, depth, doc),
            Block::List(list) => {
                for point in &list.children {
                    self.point(point, depth, doc);
                }
            }
            Block::Paragraph(paragraph) => self.paragraph(paragraph, depth),
            Block::Separator(separator) => {
                let body = self.paint.paint(DIM, "──");
                self.line(Some(&separator.position), depth, &body, &[]);
            }
            Block::Placeholder(placeholder) => {
                let body = self.paint.paint(
                    RED,
                    &format!("□ {}", shorten(&clean(&placeholder.raw), TEXT_WIDTH)),
                );
                self.line(Some(&placeholder.position), depth, &body, &["placeholder"]);
            }
            Block::RepeatedTitle(repeated) => {
                let text = doc.title.as_ref().map_or("", |title| title.text.as_str());
                let body = self
                    .paint
                    .paint(DIM, &format!("↻ {}", shorten(&clean(text), TEXT_WIDTH)));
                self.line(Some(&repeated.position), depth, &body, &["repeated title"]);
            }
            Block::TableOfContents(toc) => {
                let body = format!("☰ {}", shorten(&clean(&toc.text), TEXT_WIDTH));
                let count = format!(
                    "{} entr{}",
                    toc.entries.len(),
                    if toc.entries.len() == 1 { "y" } else { "ies" }
                );
                self.line(Some(&toc.position), depth, &body, &[&count]);
                for entry in &toc.entries {
                    let body = self
                        .paint
                        .paint(DIM, &format!("· {}", shorten(&clean(entry), TEXT_WIDTH)));
                    self.line(None, depth + 1, &body, &[]);
                }
            }
            Block::Subtitle(f) => self.furniture(f, "subtitle", depth),
            Block::Addressee(f) => self.furniture(f, "addressee", depth),
            Block::Byline(f) => self.furniture(f, "byline", depth),
            Block::PageNumber(f) => self.furniture(f, "page number", depth),
            Block::Attachment(f) => self.furniture(f, "attachment", depth),
            Block::Signature(f) => self.furniture(f, "signature", depth),
            Block::Date(f) => self.furniture(f, "date", depth),
        }
    }

    fn section(&mut self, section: &Section, depth: usize, doc: &Document) {
        let heading = &section.heading;
        let text = shorten(&clean(&heading.text), TEXT_WIDTH);
        let marker = heading
            .numbering
            .as_ref()
            .map_or("", |numbering| numbering.marker.as_str());
        let body = match text.strip_prefix(marker).filter(|_| !marker.is_empty()) {
            Some(rest) => format!(
                "{} {}{}",
                self.paint.paint(BLUE, "§"),
                self.paint.paint("1;33", marker),
                self.paint.paint(BOLD, rest)
            ),
            None => format!(
                "{} {}",
                self.paint.paint(BLUE, "§"),
                self.paint.paint(BOLD, &text)
            ),
        };
        let flags: &[&str] = if heading.run_in { &["run-in"] } else { &[] };
        self.line(Some(&heading.position), depth, &body, flags);
        for child in &section.children {
            self.block(child, depth + 1, doc);
        }
    }

    fn point(&mut self, point: &Point, depth: usize, doc: &Document) {
        // The paragraph that opens with the marker is folded into this line.
        let (own, rest) = match point.children.split_first() {
            Some((Block::Paragraph(paragraph), rest))
                if paragraph.position.start.offset == point.position.start.offset =>
            {
                (Some(paragraph), rest)
            }
            _ => (None, point.children.as_slice()),
        };
        let text = match (&point.lead, own) {
            (Some(lead), _) => clean(lead),
            (None, Some(paragraph)) => {
                let text = clean(&paragraph.text);
                let after = text
                    .strip_prefix(point.marker.as_str())
                    .unwrap_or(&text)
                    .trim_start();
                after.to_owned()
            }
            (None, None) => String::new(),
        };
        let mut body = format!(
            "{} {}",
            self.paint.paint(CYAN, "•"),
            self.paint.paint(YELLOW, &clean(&point.marker))
        );
        if !text.is_empty() {
            body.push(' ');
            body.push_str(&shorten(&text, TEXT_WIDTH));
        }
        let flags = own.map(paragraph_flags).unwrap_or_default();
        self.line(Some(&point.position), depth, &body, &flags);
        if let Some(paragraph) = own {
            self.inline_points(paragraph, depth + 1);
        }
        for child in rest {
            self.block(child, depth + 1, doc);
        }
    }

    fn paragraph(&mut self, paragraph: &Paragraph, depth: usize) {
        let body = format!(
            "{} {}",
            self.paint.paint(DIM, "¶"),
            shorten(&clean(&paragraph.text), TEXT_WIDTH)
        );
        self.line(
            Some(&paragraph.position),
            depth,
            &body,
            &paragraph_flags(paragraph),
        );
        self.inline_points(paragraph, depth + 1);
    }

    fn inline_points(&mut self, paragraph: &Paragraph, depth: usize) {
        for inline in &paragraph.inline_points {
            let body = format!(
                "{} {} {}",
                self.paint.paint(DIM, "◦"),
                self.paint.paint(YELLOW, &clean(&inline.marker)),
                shorten(&clean(&inline.text), TEXT_WIDTH)
            );
            self.line(Some(&inline.position), depth, &body, &[]);
        }
    }

    fn furniture(&mut self, furniture: &Furniture, kind: &str, depth: usize) {
        let body = self.paint.paint(
            DIM,
            &format!("› {}", shorten(&clean(&furniture.text), TEXT_WIDTH)),
        );
        self.line(Some(&furniture.position), depth, &body, &[kind]);
    }
}

/// The truncation flags of a paragraph.
fn paragraph_flags(paragraph: &Paragraph) -> Vec<&'static str> {
    let mut flags = Vec::new();
    if paragraph.truncated_start {
        flags.push("~start");
    }
    if paragraph.truncated_end {
        flags.push("~end");
    }
    flags
}

/// Text on one line: line breaks, tabs and other control characters become
/// spaces (an escape in the text must not reach the terminal).
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "人工智能产业发展\n\n一、总体要求\n\n（一）培育龙头企业。支持企业开展攻关。\n\n　　一是扩大场景应用。推动融合。\n　　二是完善数据要素，一要开放共享，二要保护隐私\n--\n[ ]\n";

    #[test]
    fn plain_tree_has_line_numbers_glyphs_and_flags() {
        let doc = outline::parse(ARTICLE);
        let tree = render(&doc, false);
        let lines: Vec<&str> = tree.lines().collect();
        assert_eq!(lines[0], "-  (10 lines, utf-8)");
        assert_eq!(lines[1], "  L1   ■ 人工智能产业发展");
        assert_eq!(lines[2], "  L3   § 一、总体要求");
        assert_eq!(lines[3], "  L5     § （一）培育龙头企业。  (run-in)");
        assert_eq!(lines[4], "  L5       ¶ 支持企业开展攻关。");
        assert_eq!(lines[5], "  L7       • 一是 扩大场景应用");
        assert_eq!(
            lines[6],
            "  L8       • 二是 完善数据要素，一要开放共享，二要保护隐私  (~end)"
        );
        assert_eq!(lines[7], "  L8         ◦ 一要 开放共享，");
        assert_eq!(lines[8], "  L8         ◦ 二要 保护隐私");
        assert_eq!(lines[9], "  L9       ──");
        assert_eq!(lines[10], "  L10      □ [ ]  (placeholder)");
        assert!(!tree.contains('\x1b'));
    }

    #[test]
    fn colour_only_when_asked() {
        let doc = outline::parse(ARTICLE);
        let tree = render(&doc, true);
        assert!(tree.contains("\x1b[1;33m一、\x1b[0m"));
        assert!(tree.contains("\x1b[35m(run-in)\x1b[0m"));
        let stripped = strip_ansi(&tree);
        assert_eq!(stripped, render(&doc, false));
    }

    #[test]
    fn long_text_is_cut_to_forty_columns() {
        let doc = outline::parse(&format!("标题\n\n　　{}。\n", "很长的段落".repeat(20)));
        let tree = render(&doc, false);
        let paragraph = tree.lines().nth(2).unwrap();
        let text = paragraph.split("¶ ").nth(1).unwrap();
        assert!(text.ends_with('…'), "{text}");
        assert!(super::super::text_width(text) <= TEXT_WIDTH);
    }

    #[test]
    fn control_characters_do_not_reach_the_terminal() {
        let doc = outline::parse("标题\n\n　　含有\x1b[31m转义的段落。\n");
        assert!(!render(&doc, false).contains('\x1b'));
    }

    fn strip_ansi(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }
}
