//! `outline report`: one self-contained HTML file with, for each article,
//! its outline as a collapsible tree beside its numbered source lines, the
//! findings of `outline check` marked where they are, a summary of the
//! findings per rule, and the list of all findings; before them, when there
//! are several articles, an index that links each one.
//!
//! The page loads nothing: its CSS (`report.css`) and script (`report.js`)
//! are inlined, there are no images and no web fonts (Chinese text uses the
//! system's CJK fonts: Noto Sans CJK, Source Han Sans, PingFang, Microsoft
//! YaHei). Without the script everything is shown and the links still jump
//! to the lines; with it, clicking a node of the tree (or a finding)
//! highlights its lines (class `hl`) and scrolls the source to them, and
//! the `▾` buttons fold the tree.
//!
//! Anchors: `f1` is the first file's section, `f1-L17` its line 17. Every
//! node and finding link carries `data-start` and `data-end`, its first and
//! last line. Output is deterministic: the same input gives the same bytes.

use super::super::format::Counts;
use super::{last_line, shorten};
use outline::check::{Diagnostic, Severity};
use outline::{Block, Document, Furniture, Paragraph, Point, Position, Section};
use std::collections::BTreeMap;
use std::fmt::Write as _;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

/// How many columns of a paragraph a tree node shows.
const LABEL_WIDTH: usize = 60;

/// One article of a report: its name, decoded text, outline and findings.
pub(crate) struct ReportFile {
    /// The file as given on the command line, or `-` for standard input.
    pub name: String,
    /// The decoded text (byte order mark removed), which positions refer to.
    pub text: String,
    /// The outline of `text`.
    pub document: Document,
    /// The findings of `outline check`, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// The whole report, as one HTML document.
pub(crate) fn report(files: &[ReportFile]) -> String {
    let mut out = String::with_capacity(
        CSS.len() + JS.len() + files.iter().map(|f| f.text.len() * 4).sum::<usize>(),
    );
    let mut totals = Counts::default();
    for file in files {
        totals.add(&file.diagnostics);
    }
    let title = match files {
        [one] => format!("outline report: {}", one.name),
        _ => format!("outline report: {} files", files.len()),
    };
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"outline report\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&title));
    let _ = write!(out, "<style>\n{CSS}</style>\n</head>\n<body>\n");
    let _ = write!(
        out,
        "<header class=\"top\">\n<h1>{}</h1>\n<p class=\"totals\">{} file{} · {}</p>\n</header>\n",
        escape(&title),
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        totals
    );
    if files.len() > 1 {
        index(&mut out, files);
    }
    out.push_str("<main>\n");
    for (number, file) in files.iter().enumerate() {
        FileView::new(file, number + 1).render(&mut out);
    }
    out.push_str("</main>\n");
    let _ = write!(out, "<script>\n{JS}</script>\n</body>\n</html>\n");
    out
}

/// The index of several files: a table linking each file's section.
fn index(out: &mut String, files: &[ReportFile]) {
    out.push_str("<nav class=\"index\" id=\"index\" aria-label=\"files\">\n<h2>Files</h2>\n");
    out.push_str("<table>\n<thead><tr><th>file</th><th>lines</th><th>errors</th><th>warnings</th><th>infos</th></tr></thead>\n<tbody>\n");
    for (number, file) in files.iter().enumerate() {
        let mut counts = Counts::default();
        counts.add(&file.diagnostics);
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#f{n}\">{name}</a></td><td>{lines}</td><td class=\"num{e}\">{errors}</td><td class=\"num{w}\">{warnings}</td><td class=\"num{i}\">{infos}</td></tr>",
            n = number + 1,
            name = escape(&file.name),
            lines = file.document.source.lines,
            errors = counts.errors,
            warnings = counts.warnings,
            infos = counts.infos,
            e = if counts.errors > 0 { " sev-error" } else { "" },
            w = if counts.warnings > 0 { " sev-warning" } else { "" },
            i = if counts.infos > 0 { " sev-info" } else { "" },
        );
    }
    out.push_str("</tbody>\n</table>\n</nav>\n");
}

/// One file's section of the report.
struct FileView<'a> {
    file: &'a ReportFile,
    /// `f1`, `f2` …: the section's id and the prefix of its line anchors.
    id: String,
    /// The source lines, without their line breaks.
    lines: Vec<&'a str>,
}

impl<'a> FileView<'a> {
    fn new(file: &'a ReportFile, number: usize) -> Self {
        FileView {
            file,
            id: format!("f{number}"),
            lines: split_lines(&file.text),
        }
    }

    fn render(&self, out: &mut String) {
        let file = self.file;
        let source = &file.document.source;
        let mut counts = Counts::default();
        counts.add(&file.diagnostics);
        let mut facts = vec![
            format!(
                "{} line{}",
                source.lines,
                if source.lines == 1 { "" } else { "s" }
            ),
            source.encoding.clone(),
            source.line_ending.clone(),
        ];
        if source.bom {
            facts.push("bom".to_owned());
        }
        if source.segmented {
            facts.push("segmented".to_owned());
        }
        facts.push(counts.to_string());
        let _ = write!(
            out,
            "<section class=\"file\" id=\"{id}\">\n<h2 class=\"file-name\"><a href=\"#{id}\">{name}</a></h2>\n<p class=\"facts\">{facts}</p>\n",
            id = self.id,
            name = escape(&file.name),
            facts = escape(&facts.join(" · ")),
        );
        out.push_str("<div class=\"panes\">\n");
        self.outline(out);
        self.source(out);
        out.push_str("</div>\n");
        self.findings(out);
        out.push_str("</section>\n");
    }

    // -- the tree -----------------------------------------------------------

    fn outline(&self, out: &mut String) {
        out.push_str("<nav class=\"outline\" aria-label=\"outline\">\n<div class=\"pane-head\"><span>Outline</span><span class=\"buttons\"><button type=\"button\" class=\"expand-all\">expand all</button><button type=\"button\" class=\"collapse-all\">collapse all</button></span></div>\n<ul class=\"tree\">\n");
        let doc = &self.file.document;
        if let Some(title) = &doc.title {
            let label = Label::new("title", "■", &title.position).text(&title.text);
            self.leaf(out, &label);
        }
        for block in &doc.children {
            self.block(out, block);
        }
        if doc.title.is_none() && doc.children.is_empty() {
            out.push_str("<li class=\"empty\">(no content)</li>\n");
        }
        out.push_str("</ul>\n</nav>\n");
    }

    fn block(&self, out: &mut String, block: &Block) {
        match block {
            Block::Section(section) => self.section(out, section),
            Block::List(list) => {
                for point in &list.children {
                    self.point(out, point);
                }
            }
            Block::Paragraph(paragraph) => self.paragraph(out, paragraph),
            Block::Separator(separator) => {
                let label = Label::new("separator", "──", &separator.position).dim("separator");
                self.leaf(out, &label);
            }
            Block::Placeholder(placeholder) => {
                let label = Label::new("placeholder", "□", &placeholder.position)
                    .text(&placeholder.raw)
                    .flag("placeholder");
                self.leaf(out, &label);
            }
            Block::RepeatedTitle(repeated) => {
                let text = self
                    .file
                    .document
                    .title
                    .as_ref()
                    .map_or("", |title| title.text.as_str());
                let label = Label::new("repeated-title", "↻", &repeated.position)
                    .text(text)
                    .flag("repeated title");
                self.leaf(out, &label);
            }
            Block::TableOfContents(toc) => {
                let label = Label::new("toc", "☰", &toc.position)
                    .text(&toc.text)
                    .flag(&format!("{} entries", toc.entries.len()));
                self.open(out, &label);
                for entry in &toc.entries {
                    let label = Label::new("toc-entry", "·", &toc.position).text(entry);
                    self.leaf(out, &label);
                }
                self.close(out);
            }
            Block::Subtitle(f) => self.furniture(out, f, "subtitle"),
            Block::Addressee(f) => self.furniture(out, f, "addressee"),
            Block::Byline(f) => self.furniture(out, f, "byline"),
            Block::PageNumber(f) => self.furniture(out, f, "page number"),
            Block::Attachment(f) => self.furniture(out, f, "attachment"),
            Block::Signature(f) => self.furniture(out, f, "signature"),
            Block::Date(f) => self.furniture(out, f, "date"),
        }
    }

    fn section(&self, out: &mut String, section: &Section) {
        let heading = &section.heading;
        let mut label = Label::new(
            &format!("section level-{}", section.level),
            "§",
            &section.position,
        )
        .own(&heading.position);
        label = match &heading.numbering {
            Some(numbering) if heading.text.starts_with(numbering.marker.as_str()) => label
                .marker(&numbering.marker)
                .text(&heading.text[numbering.marker.len()..]),
            _ => label.text(&heading.text),
        };
        if heading.run_in {
            label = label.flag("run-in");
        }
        if section.children.is_empty() {
            self.leaf(out, &label);
            return;
        }
        self.open(out, &label);
        for child in &section.children {
            self.block(out, child);
        }
        self.close(out);
    }

    fn point(&self, out: &mut String, point: &Point) {
        let (own, rest) = match point.children.split_first() {
            Some((Block::Paragraph(paragraph), rest))
                if paragraph.position.start.offset == point.position.start.offset =>
            {
                (Some(paragraph), rest)
            }
            _ => (None, point.children.as_slice()),
        };
        let mut label = Label::new("point", "•", &point.position).marker(&point.marker);
        if let Some(paragraph) = own {
            label = label.own(&paragraph.position);
        }
        label = match (&point.lead, own) {
            (Some(lead), _) => label.text(lead),
            (None, Some(paragraph)) => {
                let text = paragraph
                    .text
                    .strip_prefix(point.marker.as_str())
                    .unwrap_or(&paragraph.text);
                label.text(text.trim_start())
            }
            (None, None) => label,
        };
        if let Some(paragraph) = own {
            for flag in paragraph_flags(paragraph) {
                label = label.flag(flag);
            }
        }
        let inline = own.map_or(&[][..], |paragraph| paragraph.inline_points.as_slice());
        if rest.is_empty() && inline.is_empty() {
            self.leaf(out, &label);
            return;
        }
        self.open(out, &label);
        if let Some(paragraph) = own {
            self.inline_points(out, paragraph);
        }
        for child in rest {
            self.block(out, child);
        }
        self.close(out);
    }

    fn paragraph(&self, out: &mut String, paragraph: &Paragraph) {
        let mut label = Label::new("paragraph", "¶", &paragraph.position).text(&paragraph.text);
        for flag in paragraph_flags(paragraph) {
            label = label.flag(flag);
        }
        if paragraph.inline_points.is_empty() {
            self.leaf(out, &label);
            return;
        }
        self.open(out, &label);
        self.inline_points(out, paragraph);
        self.close(out);
    }

    fn inline_points(&self, out: &mut String, paragraph: &Paragraph) {
        for inline in &paragraph.inline_points {
            let label = Label::new("inline-point", "◦", &inline.position)
                .marker(&inline.marker)
                .text(&inline.text);
            self.leaf(out, &label);
        }
    }

    fn furniture(&self, out: &mut String, furniture: &Furniture, kind: &str) {
        let label = Label::new("furniture", "›", &furniture.position)
            .text(&furniture.text)
            .flag(kind);
        self.leaf(out, &label);
    }

    /// A node without children.
    fn leaf(&self, out: &mut String, label: &Label) {
        let _ = write!(out, "<li class=\"node {}\">", label.class);
        out.push_str("<span class=\"row\"><span class=\"toggle leaf\"></span>");
        self.label(out, label);
        out.push_str("</span></li>\n");
    }

    /// A node whose children follow, up to [`Self::close`].
    fn open(&self, out: &mut String, label: &Label) {
        let _ = write!(out, "<li class=\"node {}\">", label.class);
        out.push_str("<span class=\"row\"><button type=\"button\" class=\"toggle\" aria-expanded=\"true\" aria-label=\"fold\">▾</button>");
        self.label(out, label);
        out.push_str("</span>\n<ul>\n");
    }

    fn close(&self, out: &mut String) {
        out.push_str("</ul></li>\n");
    }

    /// The clickable part of a node: line number, glyph, marker, text,
    /// flags, and a badge when a finding starts on the node's own lines.
    fn label(&self, out: &mut String, label: &Label) {
        let _ = write!(
            out,
            "<a class=\"label\" href=\"#{id}-L{start}\" data-start=\"{start}\" data-end=\"{end}\"",
            id = self.id,
            start = label.start,
            end = label.end
        );
        if !label.title.is_empty() {
            let _ = write!(out, " title=\"{}\"", escape(&label.title));
        }
        let _ = write!(
            out,
            "><span class=\"ln\">{}</span><span class=\"glyph\">{}</span>",
            label.start,
            escape(label.glyph)
        );
        if !label.marker.is_empty() {
            let _ = write!(out, "<b class=\"marker\">{}</b>", escape(&label.marker));
        }
        if !label.text.is_empty() {
            let _ = write!(out, "<span class=\"text\">{}</span>", escape(&label.text));
        }
        if !label.dim.is_empty() {
            let _ = write!(
                out,
                "<span class=\"text dim\">{}</span>",
                escape(&label.dim)
            );
        }
        for flag in &label.flags {
            let _ = write!(out, "<span class=\"flag\">{}</span>", escape(flag));
        }
        let (own_start, own_end) = label.own;
        let found: Vec<&Diagnostic> = self
            .file
            .diagnostics
            .iter()
            .filter(|d| (own_start..=own_end).contains(&d.position.start.line))
            .collect();
        if let Some(worst) = found.iter().map(|d| d.severity).max() {
            let rules: Vec<&str> = found.iter().map(|d| d.rule.as_str()).collect();
            let _ = write!(
                out,
                "<span class=\"badge sev-{worst}\" title=\"{}\">{}</span>",
                escape(&rules.join(", ")),
                found.len()
            );
        }
        out.push_str("</a>");
    }

    // -- the source ----------------------------------------------------------

    fn source(&self, out: &mut String) {
        out.push_str("<div class=\"source\" tabindex=\"0\" aria-label=\"source\">\n");
        // The findings by the line after which their note stands.
        let mut notes: BTreeMap<usize, Vec<&Diagnostic>> = BTreeMap::new();
        for diagnostic in &self.file.diagnostics {
            notes
                .entry(last_line(&diagnostic.position).max(1))
                .or_default()
                .push(diagnostic);
        }
        let count = self.lines.len();
        for (index, line) in self.lines.iter().enumerate() {
            let number = index + 1;
            let chars: Vec<char> = line.chars().collect();
            let spans = self.spans(number, chars.len());
            let mut class = String::from("line");
            if let Some(worst) = self.worst_on(number) {
                let _ = write!(class, " diag diag-{worst}");
            }
            let _ = write!(
                out,
                "<div class=\"{class}\" id=\"{id}-L{number}\" data-line=\"{number}\"><span class=\"ln\">{number}</span><span class=\"code\">",
                id = self.id
            );
            marked(out, &chars, &spans);
            out.push_str("</span></div>\n");
            if let Some(found) = notes.remove(&number) {
                for diagnostic in found {
                    self.note(out, diagnostic);
                }
            }
        }
        // Findings past the last line (at the very end of the text).
        for diagnostic in notes.into_values().flatten() {
            self.note(out, diagnostic);
        }
        if count == 0 {
            out.push_str("<div class=\"line empty\">(empty)</div>\n");
        }
        out.push_str("</div>\n");
    }

    /// The worst severity of the findings that cover a line.
    fn worst_on(&self, line: usize) -> Option<Severity> {
        self.file
            .diagnostics
            .iter()
            .filter(|d| covers(&d.position, line))
            .map(|d| d.severity)
            .max()
    }

    /// The character ranges (1-based columns, end exclusive) of a line that
    /// findings cover, each with its severity.
    fn spans(&self, line: usize, length: usize) -> Vec<(usize, usize, Severity)> {
        let mut spans = Vec::new();
        for diagnostic in &self.file.diagnostics {
            let position = &diagnostic.position;
            if !covers(position, line) {
                continue;
            }
            let start = if position.start.line == line {
                position.start.column
            } else {
                1
            };
            let end = if position.end.line == line {
                position.end.column
            } else {
                length + 1
            };
            let start = start.clamp(1, length + 1);
            // An empty range still marks the character it points at.
            let end = end
                .clamp(start, length + 1)
                .max((start + 1).min(length + 1));
            if start < end {
                spans.push((start, end, diagnostic.severity));
            }
        }
        spans
    }

    /// A finding's note under its last line.
    fn note(&self, out: &mut String, diagnostic: &Diagnostic) {
        let position = &diagnostic.position;
        let _ = write!(
            out,
            "<div class=\"note sev-{sev}\" data-rule=\"{rule}\" data-start=\"{start}\" data-end=\"{end}\"><span class=\"sev\">{sev}</span><code class=\"rule\">{rule}</code><span class=\"where\">{line}:{column}</span><span class=\"message\">{message}</span>",
            sev = diagnostic.severity,
            rule = escape(&diagnostic.rule),
            start = position.start.line,
            end = last_line(position).max(position.start.line),
            line = position.start.line,
            column = position.start.column,
            message = escape(&diagnostic.message),
        );
        for related in &diagnostic.related {
            let start = related.position.start.line;
            let _ = write!(
                out,
                "<a class=\"related jump\" href=\"#{id}-L{start}\" data-start=\"{start}\" data-end=\"{end}\">{message} at {start}:{column}</a>",
                id = self.id,
                end = last_line(&related.position).max(start),
                column = related.position.start.column,
                message = escape(&related.message),
            );
        }
        out.push_str("</div>\n");
    }

    // -- the findings --------------------------------------------------------

    fn findings(&self, out: &mut String) {
        let diagnostics = &self.file.diagnostics;
        out.push_str("<section class=\"findings\">\n<h3>Findings per rule</h3>\n");
        if diagnostics.is_empty() {
            out.push_str("<p class=\"clean\">No findings.</p>\n</section>\n");
            return;
        }
        // rule → (worst severity, count per severity)
        let mut rules: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
        for diagnostic in diagnostics {
            rules.entry(&diagnostic.rule).or_default()[severity_index(diagnostic.severity)] += 1;
        }
        let mut rows: Vec<(&str, [usize; 3])> = rules.into_iter().collect();
        // Worst first, then by rule id.
        rows.sort_by_key(|&(rule, counts)| (std::cmp::Reverse(worst_index(counts)), rule));
        out.push_str("<table class=\"summary\">\n<thead><tr><th>rule</th><th>severity</th><th>findings</th><th>what it checks</th></tr></thead>\n<tbody>\n");
        for (rule, counts) in rows {
            let worst = SEVERITIES[worst_index(counts)];
            let severities: Vec<String> = (0..3)
                .rev()
                .filter(|&i| counts[i] > 0)
                .map(|i| SEVERITIES[i].to_string())
                .collect();
            let summary = outline::check::rule_info(rule).map_or("", |info| info.summary);
            let _ = writeln!(
                out,
                "<tr class=\"sev-{worst}\" data-rule=\"{rule}\"><td><code>{rule}</code></td><td class=\"sev\">{severities}</td><td class=\"num\">{count}</td><td>{summary}</td></tr>",
                rule = escape(rule),
                severities = severities.join(", "),
                count = counts.iter().sum::<usize>(),
                summary = escape(summary),
            );
        }
        out.push_str("</tbody>\n</table>\n<h3>All findings</h3>\n<table class=\"diagnostics\">\n<thead><tr><th>where</th><th>severity</th><th>rule</th><th>message</th></tr></thead>\n<tbody>\n");
        for diagnostic in diagnostics {
            let position = &diagnostic.position;
            let _ = writeln!(
                out,
                "<tr class=\"sev-{sev}\"><td><a class=\"jump\" href=\"#{id}-L{start}\" data-start=\"{start}\" data-end=\"{end}\">{start}:{column}</a></td><td class=\"sev\">{sev}</td><td><code>{rule}</code></td><td>{message}</td></tr>",
                id = self.id,
                sev = diagnostic.severity,
                start = position.start.line,
                end = last_line(position).max(position.start.line),
                column = position.start.column,
                rule = escape(&diagnostic.rule),
                message = escape(&diagnostic.message),
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
}

const SEVERITIES: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

/// The index of the worst severity with a finding.
fn worst_index(counts: [usize; 3]) -> usize {
    (0..3).rev().find(|&i| counts[i] > 0).unwrap_or(0)
}

/// Whether a position covers (part of) a line.
fn covers(position: &Position, line: usize) -> bool {
    position.start.line <= line && line <= last_line(position).max(position.start.line)
}

/// What a node of the tree shows.
struct Label {
    class: String,
    glyph: &'static str,
    /// First and last line of the node.
    start: usize,
    end: usize,
    /// The lines that are the node's own (a section's heading, a point's
    /// paragraph): findings there get a badge.
    own: (usize, usize),
    marker: String,
    text: String,
    dim: String,
    title: String,
    flags: Vec<String>,
}

impl Label {
    fn new(class: &str, glyph: &'static str, position: &Position) -> Self {
        let start = position.start.line;
        let end = last_line(position).max(start);
        Label {
            class: class.to_owned(),
            glyph,
            start,
            end,
            own: (start, end),
            marker: String::new(),
            text: String::new(),
            dim: String::new(),
            title: String::new(),
            flags: Vec::new(),
        }
    }

    fn own(mut self, position: &Position) -> Self {
        self.own = (
            position.start.line,
            last_line(position).max(position.start.line),
        );
        self
    }

    fn marker(mut self, marker: &str) -> Self {
        self.marker = marker.to_owned();
        self
    }

    /// The node's text, cut to [`LABEL_WIDTH`] columns; when it is cut,
    /// the full text is the tooltip.
    fn text(mut self, text: &str) -> Self {
        if super::text_width(text) > LABEL_WIDTH {
            self.title = text.to_owned();
            self.text = shorten(text, LABEL_WIDTH);
        } else {
            self.text = text.to_owned();
        }
        self
    }

    fn dim(mut self, text: &str) -> Self {
        self.dim = text.to_owned();
        self
    }

    fn flag(mut self, flag: &str) -> Self {
        self.flags.push(flag.to_owned());
        self
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

/// Write a line's characters, the ranges that findings cover wrapped in
/// `<mark class="sev-…">` (overlapping ranges: the worst severity wins).
fn marked(out: &mut String, chars: &[char], spans: &[(usize, usize, Severity)]) {
    let length = chars.len();
    let mut bounds: Vec<usize> = vec![1, length + 1];
    for &(start, end, _) in spans {
        bounds.push(start);
        bounds.push(end);
    }
    bounds.sort_unstable();
    bounds.dedup();
    for pair in bounds.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        if from >= to || from > length {
            continue;
        }
        let text: String = chars[from - 1..to - 1].iter().collect();
        let worst = spans
            .iter()
            .filter(|&&(start, end, _)| start <= from && to <= end)
            .map(|&(_, _, severity)| severity)
            .max();
        match worst {
            Some(severity) => {
                let _ = write!(
                    out,
                    "<mark class=\"sev-{severity}\">{}</mark>",
                    escape(&text)
                );
            }
            None => out.push_str(&escape(&text)),
        }
    }
}

/// The lines of a text as the parser counts them: broken at `\n`, `\r\n`
/// or `\r`; a final line break ends the last line, it does not start one.
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'\n' => {
                lines.push(&text[start..index]);
                index += 1;
                start = index;
            }
            b'\r' => {
                lines.push(&text[start..index]);
                index += if bytes.get(index + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = index;
            }
            _ => index += 1,
        }
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// Text for HTML, in an element or an attribute: `& < > " '` escaped,
/// control characters (but tab) shown as their Control Pictures (`␛`).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' => out.push('\t'),
            '\u{0}'..='\u{1f}' => {
                out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'));
            }
            '\u{7f}' => out.push('\u{2421}'),
            '\u{80}'..='\u{9f}' => out.push('\u{fffd}'),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> ReportFile {
        let options = outline::Options {
            name: name.to_owned(),
            ..outline::Options::default()
        };
        let document = outline::parse_str(text, &options);
        let diagnostics =
            outline::check::check(&document, text, &outline::check::Config::default());
        ReportFile {
            name: name.to_owned(),
            text: text.to_owned(),
            document,
            diagnostics,
        }
    }

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{1b}b\u{0}"), "a␛b␀");
    }

    #[test]
    fn lines_split_like_the_parser() {
        assert_eq!(split_lines("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\n"), ["a"]);
        assert_eq!(split_lines("a\n\n"), ["a", ""]);
        assert!(split_lines("").is_empty());
    }

    #[test]
    fn report_marks_findings_and_nodes() {
        let html = report(&[file(
            "a<b>.txt",
            "标题\n\n　　一是加快发展。\n　　三是扩大应用。\n[ ]\n",
        )]);
        assert!(html.contains("<title>outline report: a&lt;b&gt;.txt</title>"));
        assert!(!html.contains("a<b>"));
        assert!(html.contains("id=\"f1-L4\""));
        assert!(html.contains("data-start=\"3\" data-end=\"3\""));
        assert!(html.contains("numbering-gap"));
        assert!(html.contains("class=\"line diag diag-warning\" id=\"f1-L5\""));
        assert!(html.contains("<mark class=\"sev-warning\">[ ]</mark>"));
        assert!(!html.contains("id=\"index\""));
        assert_eq!(
            html,
            report(&[file(
                "a<b>.txt",
                "标题\n\n　　一是加快发展。\n　　三是扩大应用。\n[ ]\n"
            )])
        );
    }

    #[test]
    fn several_files_get_an_index() {
        let html = report(&[
            file("one.txt", "标题\n\n　　正文。\n"),
            file("two.txt", "[ ]\n"),
        ]);
        assert!(html.contains("<nav class=\"index\" id=\"index\""));
        assert!(html.contains("<a href=\"#f1\">one.txt</a>"));
        assert!(html.contains("<a href=\"#f2\">two.txt</a>"));
        assert!(html.contains("<section class=\"file\" id=\"f2\">"));
    }

    #[test]
    fn overlapping_spans_take_the_worst_severity() {
        let mut out = String::new();
        let chars: Vec<char> = "abcdef".chars().collect();
        marked(
            &mut out,
            &chars,
            &[(2, 5, Severity::Info), (3, 4, Severity::Error)],
        );
        assert_eq!(
            out,
            "a<mark class=\"sev-info\">b</mark><mark class=\"sev-error\">c</mark><mark class=\"sev-info\">d</mark>ef"
        );
    }
}
