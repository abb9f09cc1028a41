//! `outline parse --format markdown`: the outline as Markdown (CommonMark,
//! GitHub's flavour included) that renders as the article's outline.
//!
//! | node | Markdown |
//! |---|---|
//! | title | `# 标题` |
//! | section of level n | n + 1 `#`s (n without a title): `## 一、总体要求`; deeper than `######`, a bold line |
//! | point | a list item that keeps its marker, then the rest of its paragraph: `- **一是**大力发展……`; its further blocks indented under it |
//! | paragraph | a paragraph (inline points stay in its text) |
//! | separator | `---` |
//! | placeholder | the line as written: `[ ]` |
//! | repeated title, furniture | an emphasized line: `*新华社北京3月5日电*` |
//! | table of contents | `*目录*`, then its entries as a list |
//!
//! Blocks are separated by blank lines. Characters that Markdown would read
//! as markup are escaped with a backslash (`\*`, `\[`, `\#`, and `-`, `+`,
//! `>`, `=`, `1.` at the start of a line), so every text renders as
//! written. A marker that ends in punctuation (`（一）`, `首先，`) is followed
//! by a space after its closing `**`: without it CommonMark would not close
//! the emphasis before a CJK character.

use outline::{Block, Document, Furniture, Paragraph, Point, Section};

/// The Markdown outline of one of several documents written one after the
/// other (a batch on standard output): an HTML comment naming its source,
/// `<!-- outline source: "NAME" -->`, a blank line, its outline, and a
/// blank line to part it from the next. The name is a JSON string, with
/// `<` and `>` escaped (`\u003c`, `\u003e`) so that no name can end the
/// comment: a reader splits the stream at these lines and reads each name
/// with a JSON parser. A comment renders as nothing.
pub(crate) fn render_one_of_many(doc: &Document) -> String {
    let name = serde_json::to_string(&doc.source.name)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e");
    format!("<!-- outline source: {name} -->\n\n{}\n", render(doc))
}

/// The Markdown outline of a document.
pub(crate) fn render(doc: &Document) -> String {
    let mut markdown = Markdown {
        out: String::new(),
        offset: u32::from(doc.title.is_some()),
        title: doc.title.as_ref().map(|title| title.text.clone()),
    };
    if let Some(title) = &doc.title {
        markdown.push_block("", &format!("# {}", escape_inline(&clean(&title.text))));
    }
    for block in &doc.children {
        markdown.block(block, "");
    }
    if markdown.out.is_empty() {
        return markdown.out;
    }
    markdown.out.push('\n');
    markdown.out
}

struct Markdown {
    out: String,
    /// Added to a section's level to give its number of `#`s: 1 when the
    /// title is the `#` heading.
    offset: u32,
    /// The title's text, for repeated titles.
    title: Option<String>,
}

impl Markdown {
    /// A block of one line, after a blank line, indented by `indent` (the
    /// content indentation of the list items it is in).
    fn push_block(&mut self, indent: &str, line: &str) {
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str(indent);
        self.out.push_str(line);
    }

    fn block(&mut self, block: &Block, indent: &str) {
        match block {
            Block::Section(section) => self.section(section, indent),
            Block::List(list) => {
                for point in &list.children {
                    self.point(point, indent);
                }
            }
            Block::Paragraph(paragraph) => self.push_block(indent, &paragraph_text(paragraph)),
            Block::Separator(_) => self.push_block(indent, "---"),
            Block::Placeholder(placeholder) => {
                self.push_block(indent, &escape_line(&clean(&placeholder.raw)));
            }
            Block::RepeatedTitle(_) => {
                let title = self.title.clone().unwrap_or_default();
                self.push_block(indent, &emphasized(&title));
            }
            Block::TableOfContents(toc) => {
                self.push_block(indent, &emphasized(&toc.text));
                for entry in &toc.entries {
                    self.push_block(indent, &format!("- {}", escape_inline(&clean(entry))));
                }
            }
            Block::Subtitle(f)
            | Block::Addressee(f)
            | Block::Byline(f)
            | Block::PageNumber(f)
            | Block::Attachment(f)
            | Block::Signature(f)
            | Block::Date(f) => self.furniture(f, indent),
        }
    }

    fn section(&mut self, section: &Section, indent: &str) {
        let text = escape_inline(&clean(&section.heading.text));
        let hashes = section.level.saturating_add(self.offset).max(1);
        let line = if hashes <= 6 {
            format!("{} {text}", "#".repeat(hashes as usize))
        } else {
            // Markdown has six levels; deeper headings are bold lines.
            format!("**{text}**")
        };
        self.push_block(indent, &line);
        for child in &section.children {
            self.block(child, indent);
        }
    }

    fn point(&mut self, point: &Point, indent: &str) {
        let marker = clean(&point.marker);
        // The paragraph that opens with the marker gives the item's text.
        let (own, rest) = match point.children.split_first() {
            Some((Block::Paragraph(paragraph), rest))
                if paragraph.position.start.offset == point.position.start.offset =>
            {
                (Some(paragraph), rest)
            }
            _ => (None, point.children.as_slice()),
        };
        let after = own.map_or(String::new(), |paragraph| {
            let text = clean(&paragraph.text);
            text.strip_prefix(marker.as_str())
                .unwrap_or(&text)
                .trim_start()
                .to_owned()
        });
        let mut line = format!("- **{}**", escape_inline(&marker));
        if !after.is_empty() {
            if !marker.chars().last().is_some_and(char::is_alphanumeric) {
                line.push(' ');
            }
            line.push_str(&escape_inline(&after));
        }
        self.push_block(indent, &line);
        let inner = format!("{indent}  ");
        for child in rest {
            self.block(child, &inner);
        }
    }

    fn furniture(&mut self, furniture: &Furniture, indent: &str) {
        self.push_block(indent, &emphasized(&furniture.text));
    }
}

/// A paragraph's text, escaped, with nothing at its start that Markdown
/// would read as a block marker.
fn paragraph_text(paragraph: &Paragraph) -> String {
    escape_line(&clean(&paragraph.text))
}

/// `*text*`, the text escaped.
fn emphasized(text: &str) -> String {
    let text = escape_inline(&clean(text));
    if text.is_empty() {
        String::new()
    } else {
        format!("*{text}*")
    }
}

/// Escape what Markdown reads as inline markup: `\` `` ` `` `*` `_` `[`
/// `]` `<` `>` `#` `~` `&` `|`.
pub(crate) fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '~' | '&' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escape a whole line: inline markup, and a start that would make a list
/// item, a quote, a heading underline or a code block (`-`, `+`, `=`,
/// `1.`, `1)`, leading spaces).
pub(crate) fn escape_line(text: &str) -> String {
    let escaped = escape_inline(text.trim_start());
    if escaped.starts_with(['-', '+', '=']) {
        return format!("\\{escaped}");
    }
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let (number, rest) = escaped.split_at(digits);
        if rest.starts_with(['.', ')']) {
            return format!("{number}\\{rest}");
        }
    }
    escaped
}

/// Text on one line: control characters (line breaks, tabs) become spaces.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_points_separators_and_furniture() {
        let doc = outline::parse(
            "人工智能产业发展\n\n一、总体要求\n\n（一）培育龙头企业\n\n　　一是扩大场景应用。推动融合。\n　　二是完善数据要素。\n--\n[ ]\n",
        );
        assert_eq!(
            render(&doc),
            "# 人工智能产业发展\n\n## 一、总体要求\n\n### （一）培育龙头企业\n\n- **一是**扩大场景应用。推动融合。\n\n- **二是**完善数据要素。\n\n---\n\n\\[ \\]\n"
        );
    }

    #[test]
    fn without_a_title_sections_start_at_one_hash() {
        let doc = outline::parse("　　正文第一段。\n\n一、总体要求\n\n　　正文。\n");
        let markdown = render(&doc);
        assert!(markdown.contains("\n# 一、总体要求\n"), "{markdown}");
    }

    #[test]
    fn markers_ending_in_punctuation_get_a_space() {
        let doc = outline::parse(
            "标题\n\n　　主要任务如下：\n　　1.加强领导，统筹推进；\n　　2.压实责任，狠抓落实。\n",
        );
        let markdown = render(&doc);
        assert!(
            markdown.contains("- **1.** 加强领导，统筹推进；"),
            "{markdown}"
        );
    }

    #[test]
    fn line_starts_are_escaped() {
        assert_eq!(escape_line("- 不是列表"), "\\- 不是列表");
        assert_eq!(escape_line("+1"), "\\+1");
        assert_eq!(escape_line("> 引用"), "\\> 引用");
        assert_eq!(escape_line("# 话题"), "\\# 话题");
        assert_eq!(escape_line("12. 条"), "12\\. 条");
        assert_eq!(escape_line("3) 条"), "3\\) 条");
        assert_eq!(escape_line("2024年"), "2024年");
        assert_eq!(escape_line("a*b_c[d]"), "a\\*b\\_c\\[d\\]");
    }
}
