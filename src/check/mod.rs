//! Third pass: layout rules over a finished outline.
//!
//! Parsing accepts any text; everything an editor would call wrong is
//! reported here, as data, so that one run shows every problem. Each rule
//! lives in its own file under `rules/`, declares its [`RuleInfo`] and
//! pushes [`Diagnostic`]s; [`check`] runs the rules the configuration leaves
//! on, applies the configured levels, resolves lines and columns, and sorts
//! the findings by position.

mod config;
mod diagnostic;
mod rules;
mod sequences;

pub use config::{Config, ConfigError, Level, RuleSetting, RuleTable, CONFIG_FILE};
pub use diagnostic::{Diagnostic, Related, RuleInfo, Severity};

use crate::source::{split_lines, Line, LineIndex, Location};
use crate::syntax::{classify_line, LineInfo};
use crate::tree::{Block, Document, List, Paragraph, Point, Section};

/// Every rule, in the order `--explain` lists them.
pub fn rules() -> impl Iterator<Item = &'static RuleInfo> {
    rules::ALL.iter().map(|(info, _)| info)
}

/// The rule with this id.
pub fn rule_info(id: &str) -> Option<&'static RuleInfo> {
    rules().find(|rule| rule.id == id)
}

/// Check the layout of a parsed document. `text` is the text it was parsed
/// from (decoded, byte order mark removed), which the positions refer to.
pub fn check(document: &Document, text: &str, config: &Config) -> Vec<Diagnostic> {
    let lines = split_lines(text);
    let infos: Vec<LineInfo> = lines.iter().map(|line| classify_line(text, line)).collect();
    let input = Input::new(document, text, &lines, &infos, config);
    let mut all = Vec::new();
    for (info, run) in rules::ALL {
        let level = config.level(info.id, info.default_severity);
        let Some(configured) = severity_of(level) else {
            continue;
        };
        let mut found = Vec::new();
        run(&input, &mut found);
        for mut diagnostic in found {
            // A rule may lower a finding below its default (a gap across a
            // separator is only info); the configured level replaces the
            // default and caps the lowered ones.
            diagnostic.severity = if diagnostic.severity == info.default_severity {
                configured
            } else {
                diagnostic.severity.min(configured)
            };
            all.push(diagnostic);
        }
    }
    resolve(&mut all, text);
    all.sort_by(|a, b| {
        (a.position.start.offset, a.position.end.offset, &a.rule).cmp(&(
            b.position.start.offset,
            b.position.end.offset,
            &b.rule,
        ))
    });
    all
}

fn severity_of(level: Level) -> Option<Severity> {
    match level {
        Level::Off => None,
        Level::Info => Some(Severity::Info),
        Level::Warning => Some(Severity::Warning),
        Level::Error => Some(Severity::Error),
    }
}

/// Fill in lines and columns of every finding, in one sweep.
fn resolve(diagnostics: &mut [Diagnostic], text: &str) {
    let mut locations: Vec<&mut Location> = Vec::new();
    for diagnostic in diagnostics.iter_mut() {
        locations.push(&mut diagnostic.position.start);
        locations.push(&mut diagnostic.position.end);
        for related in diagnostic.related.iter_mut() {
            locations.push(&mut related.position.start);
            locations.push(&mut related.position.end);
        }
    }
    LineIndex::new(text).resolve(&mut locations);
}

/// What the rules read: the outline, the text and its lines.
pub(crate) struct Input<'a> {
    /// The outline.
    pub document: &'a Document,
    /// The text the positions refer to.
    pub text: &'a str,
    /// The lines of the text.
    pub lines: &'a [Line],
    /// What each line is (indentation, content span).
    pub infos: &'a [LineInfo],
    /// The configuration (rule parameters).
    pub config: &'a Config,
    /// Start offsets of the separators, in order.
    separators: Vec<usize>,
}

impl<'a> Input<'a> {
    fn new(
        document: &'a Document,
        text: &'a str,
        lines: &'a [Line],
        infos: &'a [LineInfo],
        config: &'a Config,
    ) -> Self {
        let mut separators = Vec::new();
        walk(document, |node, _| {
            if let Node::Block(Block::Separator(separator)) = node {
                separators.push(separator.position.start.offset);
            }
        });
        separators.sort_unstable();
        Input {
            document,
            text,
            lines,
            infos,
            config,
            separators,
        }
    }

    /// Whether a separator starts between two offsets.
    pub(crate) fn separator_between(&self, from: usize, to: usize) -> bool {
        let index = self.separators.partition_point(|&offset| offset < from);
        self.separators
            .get(index)
            .is_some_and(|&offset| offset < to)
    }

    /// The text between two offsets (empty if they do not fit).
    pub(crate) fn slice(&self, from: usize, to: usize) -> &'a str {
        self.text.get(from..to).unwrap_or_default()
    }

    /// The line info of the line containing an offset.
    pub(crate) fn line_at(&self, offset: usize) -> Option<&'a LineInfo> {
        let index = self
            .lines
            .partition_point(|line| line.start <= offset)
            .checked_sub(1)?;
        self.infos.get(index)
    }
}

/// A node of the outline, as the walker hands it out.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Node<'a> {
    /// A section (its heading is part of it).
    Section(&'a Section),
    /// A list of points.
    List(&'a List),
    /// One point.
    Point(&'a Point),
    /// Any other block (paragraph, separator, furniture …).
    Block(&'a Block),
}

impl<'a> Node<'a> {
    /// The paragraph, when the node is one.
    pub(crate) fn paragraph(self) -> Option<&'a Paragraph> {
        match self {
            Node::Block(Block::Paragraph(paragraph)) => Some(paragraph),
            _ => None,
        }
    }
}

/// Visit every node in document order with its ancestors (outermost
/// first). Iterative: the depth of the outline does not grow the stack.
pub(crate) fn walk<'a>(document: &'a Document, mut visit: impl FnMut(Node<'a>, &[Node<'a>])) {
    let mut ancestors: Vec<Node<'a>> = Vec::new();
    let mut pending: Vec<(Node<'a>, usize)> = document
        .children
        .iter()
        .rev()
        .map(|block| (block_node(block), 0))
        .collect();
    while let Some((node, depth)) = pending.pop() {
        ancestors.truncate(depth);
        visit(node, &ancestors);
        let before = pending.len();
        match node {
            Node::Section(section) => {
                pending.extend(section.children.iter().map(|b| (block_node(b), depth + 1)));
            }
            Node::List(list) => {
                pending.extend(list.children.iter().map(|p| (Node::Point(p), depth + 1)));
            }
            Node::Point(point) => {
                pending.extend(point.children.iter().map(|b| (block_node(b), depth + 1)));
            }
            Node::Block(_) => {}
        }
        if let Some(added) = pending.get_mut(before..) {
            added.reverse();
        }
        ancestors.push(node);
    }
}

fn block_node(block: &Block) -> Node<'_> {
    match block {
        Block::Section(section) => Node::Section(section),
        Block::List(list) => Node::List(list),
        other => Node::Block(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_visits_in_document_order_with_ancestors() {
        let document = crate::parse("标题\n\n一、总体要求\n　　一是加快。\n　　二是扩大。\n--\n");
        let mut seen = Vec::new();
        walk(&document, |node, ancestors| {
            let name = match node {
                Node::Section(_) => "section",
                Node::List(_) => "list",
                Node::Point(_) => "point",
                Node::Block(Block::Paragraph(_)) => "paragraph",
                Node::Block(Block::Separator(_)) => "separator",
                Node::Block(_) => "other",
            };
            seen.push((name, ancestors.len()));
        });
        assert_eq!(
            seen,
            [
                ("section", 0),
                ("list", 1),
                ("point", 2),
                ("paragraph", 3),
                ("point", 2),
                ("paragraph", 3),
                ("separator", 1),
            ]
        );
    }

    #[test]
    fn every_rule_is_listed_once_with_a_kebab_case_id() {
        let ids: Vec<_> = rules().map(|r| r.id).collect();
        assert_eq!(ids.len(), 17);
        for id in &ids {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
            assert_eq!(ids.iter().filter(|other| *other == id).count(), 1, "{id}");
        }
    }
}
