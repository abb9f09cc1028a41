//! Numbering markers, table-driven: heading schemes and their numbers,
//! levels, run-in headings, law structure, points at a paragraph's start,
//! inline points, false friends and document furniture.
//!
//! Each case is `(input, what to find, message)`. Every input is parsed with
//! [`outline::parse`], checked against the contract's invariants
//! (`support::invariants`), then against each expectation; a table reports
//! every failing case at once, with the outline's skeleton.
//!
//! The texts are written for these tests; the longer ones live in
//! `fixtures/markers/`.

mod support;

use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A place in the text: (line, column), both 1-based, columns in characters.
type At = (u64, u64);

/// What a case expects to find in the outline.
///
/// Sections are named by their heading text, white space aside; only
/// [`Find::Numbered`] (and [`Find::Children`] for paragraphs) compares texts
/// exactly.
#[derive(Clone, Copy, Debug)]
enum Find {
    /// A section whose heading's numbering has this marker, with this
    /// scheme, and this number and heading text where given.
    Numbered {
        marker: &'static str,
        scheme: &'static str,
        number: Option<u64>,
        text: Option<&'static str>,
    },
    /// A section with this heading text and `numbering: null`.
    Unnumbered(&'static str),
    /// The one section with this heading text is at this level.
    Level(&'static str, u64),
    /// The section whose numbering marker is this one is at this level.
    MarkerLevel(&'static str, u64),
    /// The second section (by heading text) is a direct child of the first.
    Nested(&'static str, &'static str),
    /// The section with this heading text is a direct child of the document.
    TopLevel(&'static str),
    /// How many sections have this heading text.
    SectionCount(&'static str, usize),
    /// The direct children of the section with this heading text (`""`: of
    /// the document), each as [`describe`] gives it.
    Children(&'static str, &'static [&'static str]),
    /// A run-in heading: its section, the heading's span, and the section's
    /// first child, a paragraph with this text and span.
    RunIn {
        heading: &'static str,
        start: At,
        end: At,
        paragraph: &'static str,
        paragraph_start: At,
        paragraph_end: At,
    },
    /// The heading with this text stands alone: `run_in` is false.
    Standalone(&'static str),
    /// A list of this scheme whose points are exactly these
    /// `(number, marker, lead)`.
    List(&'static str, &'static [(u64, &'static str, &'static str)]),
    /// The first list of this scheme: each point's children, described.
    PointBlocks(&'static str, &'static [&'static [&'static str]]),
    /// A paragraph whose inline points are exactly these `(number, marker, text)`.
    Inline(&'static [(u64, &'static str, &'static str)]),
    /// The spans of the inline points of the paragraph containing this text.
    InlineSpans(&'static str, &'static [(At, At)]),
    /// The paragraph containing this text has no inline points.
    NoInlineIn(&'static str),
    /// Plain prose: a paragraph contains this text, and the outline has no
    /// section, no list, no point and no inline point.
    Plain(&'static str),
    /// A paragraph contains this text, and the outline has no section, no
    /// list and no point (inline points allowed).
    NoStructure(&'static str),
    /// No section's heading has this numbering marker or starts with it.
    NoHeadingMarker(&'static str),
    /// No node of this type.
    NoType(&'static str),
    /// A node of this type with exactly this text.
    Leaf(&'static str, &'static str),
    /// A node of this type whose text contains this.
    LeafContaining(&'static str, &'static str),
    /// The document's title.
    Title(&'static str),
    /// Exactly one `table_of_contents` leaf, with a text and this many entries.
    Toc(usize),
    /// `source.segmented`.
    Segmented(bool),
}

// ---------------------------------------------------------------------------
// helpers over the JSON outline

fn str_of<'v>(node: &'v Value, key: &str) -> &'v str {
    node.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn kind(node: &Value) -> &str {
    str_of(node, "type")
}

/// A node's `children`, or none.
fn kids(node: &Value) -> &[Value] {
    node.get("children")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Every node in document order: the node, then a document's title or a
/// section's heading, then the children.
fn nodes(root: &Value) -> Vec<&Value> {
    fn walk<'v>(node: &'v Value, out: &mut Vec<&'v Value>) {
        out.push(node);
        for key in ["title", "heading"] {
            if let Some(inner) = node.get(key).filter(|v| v.is_object()) {
                walk(inner, out);
            }
        }
        for child in kids(node) {
            walk(child, out);
        }
    }
    let mut out = Vec::new();
    walk(root, &mut out);
    out
}

fn of_type<'v>(root: &'v Value, ty: &str) -> Vec<&'v Value> {
    nodes(root).into_iter().filter(|n| kind(n) == ty).collect()
}

fn sections(root: &Value) -> Vec<&Value> {
    of_type(root, "section")
}

fn heading_text(section: &Value) -> &str {
    section.get("heading").map_or("", |h| str_of(h, "text"))
}

/// Text without white space: sections are looked up by their heading text
/// squeezed, so that a level or nesting check does not fail on the spacing
/// of a heading, which [`Find::Numbered`] checks exactly.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn headed(section: &Value, text: &str) -> bool {
    squeezed(heading_text(section)) == squeezed(text)
}

/// A section's numbering: (scheme, marker, number).
fn numbering(section: &Value) -> Option<(&str, &str, Option<u64>)> {
    let numbering = section.get("heading")?.get("numbering")?;
    if !numbering.is_object() {
        return None;
    }
    Some((
        str_of(numbering, "scheme"),
        str_of(numbering, "marker"),
        numbering.get("number").and_then(Value::as_u64),
    ))
}

/// Every heading, one a line, for messages.
fn headings_found(root: &Value) -> String {
    let found: Vec<String> = sections(root)
        .iter()
        .map(|s| {
            format!(
                "L{} {:?} {:?} run_in={}",
                s.get("level").unwrap_or(&Value::Null),
                heading_text(s),
                numbering(s),
                s.get("heading")
                    .and_then(|h| h.get("run_in"))
                    .unwrap_or(&Value::Null)
            )
        })
        .collect();
    if found.is_empty() {
        "no sections".to_owned()
    } else {
        format!("sections: [{}]", found.join("; "))
    }
}

/// The one section with this heading text (white space aside).
fn section_titled<'v>(root: &'v Value, text: &str) -> Result<&'v Value, String> {
    let found: Vec<_> = sections(root)
        .into_iter()
        .filter(|s| headed(s, text))
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "no section headed {text:?}; {}",
            headings_found(root)
        )),
        more => Err(format!("{} sections headed {text:?}", more.len())),
    }
}

/// The section with this heading text, or the document for `""`.
fn container<'v>(root: &'v Value, heading: &str) -> Result<&'v Value, String> {
    if heading.is_empty() {
        Ok(root)
    } else {
        section_titled(root, heading)
    }
}

/// (line, column) of a node's position `start` or `end`.
fn at(node: &Value, which: &str) -> Option<At> {
    let point = node.get("position")?.get(which)?;
    Some((point.get("line")?.as_u64()?, point.get("column")?.as_u64()?))
}

fn span(node: &Value) -> (Option<At>, Option<At>) {
    (at(node, "start"), at(node, "end"))
}

/// A child as [`Find::Children`] and [`Find::PointBlocks`] name it: a
/// paragraph by its text, a section as `§` and its heading text without
/// white space, a list as
/// `list SCHEME`, a point as `point MARKER`, anything else by its type.
fn describe(node: &Value) -> String {
    match kind(node) {
        "paragraph" => str_of(node, "text").to_owned(),
        "section" => format!("§{}", squeezed(heading_text(node))),
        "list" => format!("list {}", str_of(node, "scheme")),
        "point" => format!("point {}", str_of(node, "marker")),
        other => other.to_owned(),
    }
}

fn described(children: &[Value]) -> Vec<String> {
    children.iter().map(describe).collect()
}

fn paragraph_containing<'v>(root: &'v Value, text: &str) -> Result<&'v Value, String> {
    of_type(root, "paragraph")
        .into_iter()
        .find(|p| str_of(p, "text").contains(text))
        .ok_or_else(|| format!("no paragraph contains {text:?}"))
}

fn inline_points(paragraph: &Value) -> &[Value] {
    paragraph
        .get("inline_points")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// Every paragraph's inline points as (number, marker, text), for messages.
fn inline_found(root: &Value) -> Vec<Vec<(Option<u64>, String, String)>> {
    of_type(root, "paragraph")
        .into_iter()
        .map(inline_points)
        .filter(|points| !points.is_empty())
        .map(|points| {
            points
                .iter()
                .map(|p| {
                    (
                        p.get("number").and_then(Value::as_u64),
                        str_of(p, "marker").to_owned(),
                        str_of(p, "text").to_owned(),
                    )
                })
                .collect()
        })
        .collect()
}

/// Sections, lists and points, as (type, description), for messages.
fn structure(root: &Value) -> Vec<String> {
    nodes(root)
        .into_iter()
        .filter(|n| matches!(kind(n), "section" | "list" | "point"))
        .map(describe)
        .collect()
}

fn expect_eq<T: PartialEq + std::fmt::Debug>(
    what: &str,
    found: T,
    expected: T,
) -> Result<(), String> {
    if found == expected {
        Ok(())
    } else {
        Err(format!("{what}: found {found:?}, expected {expected:?}"))
    }
}

// ---------------------------------------------------------------------------
// checking one expectation

fn check(root: &Value, find: &Find) -> Result<(), String> {
    match *find {
        Find::Numbered {
            marker,
            scheme,
            number,
            text,
        } => {
            let candidates: Vec<_> = sections(root)
                .into_iter()
                .filter(|s| numbering(s).is_some_and(|(_, m, _)| m == marker))
                .collect();
            if candidates.is_empty() {
                return Err(format!(
                    "no heading numbered with marker {marker:?}; {}",
                    headings_found(root)
                ));
            }
            let fits = |s: &&Value| {
                numbering(s).is_some_and(|(sc, _, n)| {
                    sc == scheme && number.is_none_or(|number| n == Some(number))
                }) && text.is_none_or(|text| heading_text(s) == text)
            };
            if candidates.iter().any(fits) {
                Ok(())
            } else {
                Err(format!(
                    "marker {marker:?} found, but not with scheme {scheme:?}, number {number:?}, \
                     text {text:?}; {}",
                    headings_found(root)
                ))
            }
        }
        Find::Unnumbered(text) => {
            let section = section_titled(root, text)?;
            expect_eq("numbering", numbering(section), None)
        }
        Find::Level(text, level) => {
            let section = section_titled(root, text)?;
            expect_eq(
                &format!("level of {text:?}"),
                section.get("level").and_then(Value::as_u64),
                Some(level),
            )
        }
        Find::MarkerLevel(marker, level) => {
            let levels: Vec<_> = sections(root)
                .into_iter()
                .filter(|s| numbering(s).is_some_and(|(_, m, _)| m == marker))
                .map(|s| s.get("level").and_then(Value::as_u64))
                .collect();
            if !levels.is_empty() && levels.iter().all(|l| *l == Some(level)) {
                Ok(())
            } else {
                Err(format!(
                    "levels of the headings marked {marker:?}: found {levels:?}, expected all {level}; {}",
                    headings_found(root)
                ))
            }
        }
        Find::Nested(parent, child) => {
            let parent_section = section_titled(root, parent)?;
            section_titled(root, child)?;
            let direct = kids(parent_section)
                .iter()
                .any(|c| kind(c) == "section" && headed(c, child));
            if direct {
                Ok(())
            } else {
                Err(format!(
                    "{child:?} is not a direct child of {parent:?}, whose children are {:?}",
                    described(kids(parent_section))
                ))
            }
        }
        Find::TopLevel(text) => {
            section_titled(root, text)?;
            let top = kids(root)
                .iter()
                .any(|c| kind(c) == "section" && headed(c, text));
            if top {
                Ok(())
            } else {
                Err(format!(
                    "{text:?} is not a child of the document, whose children are {:?}",
                    described(kids(root))
                ))
            }
        }
        Find::SectionCount(text, count) => expect_eq(
            &format!("sections headed {text:?}"),
            sections(root)
                .into_iter()
                .filter(|s| headed(s, text))
                .count(),
            count,
        ),
        Find::Children(heading, expected) => {
            let node = container(root, heading)?;
            expect_eq(
                &format!("children of {heading:?}"),
                described(kids(node)),
                expected.iter().map(|s| (*s).to_owned()).collect(),
            )
        }
        Find::RunIn {
            heading,
            start,
            end,
            paragraph,
            paragraph_start,
            paragraph_end,
        } => {
            let section = section_titled(root, heading)?;
            let head = section.get("heading").unwrap_or(&Value::Null);
            expect_eq(
                "heading run_in",
                head.get("run_in").and_then(Value::as_bool),
                Some(true),
            )?;
            expect_eq("heading span", span(head), (Some(start), Some(end)))?;
            let first = kids(section)
                .first()
                .ok_or_else(|| format!("section {heading:?} has no children"))?;
            expect_eq("first child", describe(first), paragraph.to_owned())?;
            expect_eq("first child's type", kind(first), "paragraph")?;
            expect_eq(
                "first paragraph span",
                span(first),
                (Some(paragraph_start), Some(paragraph_end)),
            )
        }
        Find::Standalone(text) => {
            let section = section_titled(root, text)?;
            expect_eq(
                &format!("run_in of {text:?}"),
                section
                    .get("heading")
                    .and_then(|h| h.get("run_in"))
                    .and_then(Value::as_bool),
                Some(false),
            )
        }
        Find::List(scheme, points) => {
            let expected: Vec<_> = points
                .iter()
                .map(|&(n, m, l)| (Some(n), m.to_owned(), Some(l.to_owned())))
                .collect();
            let lists: Vec<Vec<_>> = of_type(root, "list")
                .into_iter()
                .filter(|l| str_of(l, "scheme") == scheme)
                .map(|l| {
                    kids(l)
                        .iter()
                        .map(|p| {
                            (
                                p.get("number").and_then(Value::as_u64),
                                str_of(p, "marker").to_owned(),
                                p.get("lead").and_then(Value::as_str).map(str::to_owned),
                            )
                        })
                        .collect()
                })
                .collect();
            if lists.contains(&expected) {
                Ok(())
            } else {
                Err(format!(
                    "no {scheme} list with points {expected:?}; {scheme} lists: {lists:?}; \
                     structure: {:?}",
                    structure(root)
                ))
            }
        }
        Find::PointBlocks(scheme, expected) => {
            let list = of_type(root, "list")
                .into_iter()
                .find(|l| str_of(l, "scheme") == scheme)
                .ok_or_else(|| format!("no {scheme} list; structure: {:?}", structure(root)))?;
            let found: Vec<Vec<String>> = kids(list).iter().map(|p| described(kids(p))).collect();
            let expected: Vec<Vec<String>> = expected
                .iter()
                .map(|blocks| blocks.iter().map(|s| (*s).to_owned()).collect())
                .collect();
            expect_eq("children of the points", found, expected)
        }
        Find::Inline(points) => {
            let expected: Vec<_> = points
                .iter()
                .map(|&(n, m, t)| (Some(n), m.to_owned(), t.to_owned()))
                .collect();
            let found = inline_found(root);
            if found.contains(&expected) {
                Ok(())
            } else {
                Err(format!(
                    "no paragraph with inline points {expected:?}; found {found:?}"
                ))
            }
        }
        Find::InlineSpans(text, spans) => {
            let paragraph = paragraph_containing(root, text)?;
            let found: Vec<_> = inline_points(paragraph).iter().map(span).collect();
            let expected: Vec<_> = spans.iter().map(|&(s, e)| (Some(s), Some(e))).collect();
            expect_eq("inline point spans", found, expected)
        }
        Find::NoInlineIn(text) => {
            let paragraph = paragraph_containing(root, text)?;
            expect_eq(
                &format!("inline points of the paragraph with {text:?}"),
                inline_points(paragraph).len(),
                0,
            )
        }
        Find::Plain(text) => {
            check(root, &Find::NoStructure(text))?;
            let found = inline_found(root);
            if found.is_empty() {
                Ok(())
            } else {
                Err(format!("inline points found: {found:?}"))
            }
        }
        Find::NoStructure(text) => {
            paragraph_containing(root, text)?;
            let found = structure(root);
            if found.is_empty() {
                Ok(())
            } else {
                Err(format!("sections, lists or points found: {found:?}"))
            }
        }
        Find::NoHeadingMarker(marker) => {
            let found: Vec<_> = sections(root)
                .into_iter()
                .filter(|s| {
                    numbering(s).is_some_and(|(_, m, _)| m == marker)
                        || heading_text(s).starts_with(marker)
                })
                .map(heading_text)
                .collect();
            expect_eq(
                &format!("headings marked {marker:?}"),
                found,
                Vec::<&str>::new(),
            )
        }
        Find::NoType(ty) => {
            let found: Vec<_> = of_type(root, ty).into_iter().map(describe).collect();
            expect_eq(&format!("{ty} nodes"), found, Vec::new())
        }
        Find::Leaf(ty, text) => {
            let found: Vec<_> = of_type(root, ty)
                .into_iter()
                .map(|n| str_of(n, "text"))
                .collect();
            if found.contains(&text) {
                Ok(())
            } else {
                Err(format!("no {ty} with text {text:?}; {ty} texts: {found:?}"))
            }
        }
        Find::LeafContaining(ty, text) => {
            let found: Vec<_> = of_type(root, ty)
                .into_iter()
                .map(|n| str_of(n, "text"))
                .collect();
            if found.iter().any(|t| t.contains(text)) {
                Ok(())
            } else {
                Err(format!(
                    "no {ty} whose text contains {text:?}; {ty} texts: {found:?}"
                ))
            }
        }
        Find::Title(text) => expect_eq(
            "title",
            root.get("title").map(|t| str_of(t, "text")),
            Some(text),
        ),
        Find::Toc(entries) => {
            let tocs = of_type(root, "table_of_contents");
            let [toc] = tocs.as_slice() else {
                return Err(format!(
                    "{} table_of_contents nodes; structure: {:?}",
                    tocs.len(),
                    structure(root)
                ));
            };
            if !toc.get("text").is_some_and(Value::is_string) {
                return Err("the table of contents has no text".to_owned());
            }
            expect_eq("children of the table of contents", kids(toc).len(), 0)?;
            expect_eq(
                "entries of the table of contents",
                toc.get("entries").and_then(Value::as_array).map(Vec::len),
                Some(entries),
            )
        }
        Find::Segmented(segmented) => expect_eq(
            "source.segmented",
            root.get("source")
                .and_then(|s| s.get("segmented"))
                .and_then(Value::as_bool),
            Some(segmented),
        ),
    }
}

// ---------------------------------------------------------------------------
// running a table

/// Parse every case, check the invariants and every expectation, and fail
/// listing all the cases that do not hold.
#[track_caller]
fn run<S: AsRef<str>>(table: &str, cases: &[(S, &[Find], &str)]) {
    let mut failures = Vec::new();
    for (index, (input, finds, message)) in cases.iter().enumerate() {
        let text = input.as_ref();
        let parsed = catch_unwind(AssertUnwindSafe(|| {
            serde_json::to_value(outline::parse(text)).expect("the outline serializes")
        }));
        let outline = match parsed {
            Ok(outline) => outline,
            Err(_) => {
                failures.push(format!("#{index} {message}: outline::parse panicked"));
                continue;
            }
        };
        let mut problems: Vec<String> = support::invariants(text, &outline)
            .into_iter()
            .map(|p| format!("invariant: {p}"))
            .collect();
        for find in finds.iter() {
            if let Err(problem) = check(&outline, find) {
                problems.push(format!("{find:?}\n      -> {problem}"));
            }
        }
        if !problems.is_empty() {
            let skeleton = support::skeleton(&outline).replace('\n', "\n      ");
            failures.push(format!(
                "#{index} {message}\n    - {}\n    skeleton:\n      {skeleton}",
                problems.join("\n    - ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{table}: {} of {} cases fail:\n\n{}\n",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// A short article with one heading line and a paragraph under it.
fn under_heading(line: &str) -> String {
    format!("测试文章标题\n\n{line}\n\n　　这是本节的正文，说明上面标题的内容。\n")
}

/// The same, word-segmented throughout.
fn segmented_under_heading(line: &str) -> String {
    format!("测试 文章 标题\n\n{line}\n\n　　这 是 本节 的 正文 ， 说明 上面 标题 的 内容 。\n")
}

fn numbered(marker: &'static str, scheme: &'static str, number: u64, text: &'static str) -> Find {
    Find::Numbered {
        marker,
        scheme,
        number: Some(number),
        text: Some(text),
    }
}

const LADDER: &str = include_str!("../fixtures/markers/ladder.txt");
const SKIPPED: &str = include_str!("../fixtures/markers/skipped.txt");
const LAW: &str = include_str!("../fixtures/markers/law.txt");
const CODE: &str = include_str!("../fixtures/markers/code.txt");
const WRAPPED_RUN_IN: &str = include_str!("../fixtures/markers/wrapped_run_in.txt");
const WRAPPED_FALSE_FRIENDS: &str = include_str!("../fixtures/markers/wrapped_false_friends.txt");
const NOTICE: &str = include_str!("../fixtures/markers/notice.txt");
const SPEECH: &str = include_str!("../fixtures/markers/speech.txt");
const NEWS: &str = include_str!("../fixtures/markers/news.txt");

// ---------------------------------------------------------------------------
// the tables

#[test]
fn heading_markers_give_scheme_marker_and_number() {
    use Find::Numbered;
    let rows: &[(&str, Find, &str)] = &[
        // chinese: 一、 and the wrong forms, kept as written
        (
            "一、总体要求",
            numbered("一、", "chinese", 1, "一、总体要求"),
            "一、",
        ),
        (
            "十、加强组织领导",
            numbered("十、", "chinese", 10, "十、加强组织领导"),
            "十、 is 10",
        ),
        (
            "十一、深化重点改革",
            numbered("十一、", "chinese", 11, "十一、深化重点改革"),
            "十一、 is 11",
        ),
        (
            "二十、强化督查问责",
            numbered("二十、", "chinese", 20, "二十、强化督查问责"),
            "二十、 is 20",
        ),
        (
            "一.总体要求",
            numbered("一.", "chinese", 1, "一.总体要求"),
            "wrong form 一. keeps its dot",
        ),
        (
            "一，总体要求",
            numbered("一，", "chinese", 1, "一，总体要求"),
            "wrong form 一， keeps its comma",
        ),
        (
            "一．总体要求",
            numbered("一．", "chinese", 1, "一．总体要求"),
            "wrong form 一． keeps its full-width dot",
        ),
        // chinese_parenthesized: each bracket width, the single code point, the wrong 、
        (
            "（一）扩大内需",
            numbered("（一）", "chinese_parenthesized", 1, "（一）扩大内需"),
            "full-width brackets",
        ),
        (
            "(一)扩大内需",
            numbered("(一)", "chinese_parenthesized", 1, "(一)扩大内需"),
            "half-width brackets",
        ),
        (
            "（一)扩大内需",
            numbered("（一)", "chinese_parenthesized", 1, "（一)扩大内需"),
            "mixed brackets",
        ),
        (
            "㈠扩大内需",
            numbered("㈠", "chinese_parenthesized", 1, "㈠扩大内需"),
            "U+3220 ㈠",
        ),
        (
            "㈩扩大内需",
            numbered("㈩", "chinese_parenthesized", 10, "㈩扩大内需"),
            "U+3229 ㈩ is 10",
        ),
        (
            "（一）、扩大内需",
            numbered("（一）、", "chinese_parenthesized", 1, "（一）、扩大内需"),
            "wrong form （一）、 keeps its 顿号",
        ),
        (
            "（十一）扩大内需",
            numbered("（十一）", "chinese_parenthesized", 11, "（十一）扩大内需"),
            "（十一） is 11",
        ),
        (
            "（二十）扩大内需",
            numbered("（二十）", "chinese_parenthesized", 20, "（二十）扩大内需"),
            "（二十） is 20",
        ),
        // arabic: each dot and digit width, the single code point
        (
            "1.加快发展",
            numbered("1.", "arabic", 1, "1.加快发展"),
            "1. with an ASCII dot",
        ),
        (
            "1．加快发展",
            numbered("1．", "arabic", 1, "1．加快发展"),
            "1． with a full-width dot",
        ),
        (
            "１．加快发展",
            numbered("１．", "arabic", 1, "１．加快发展"),
            "full-width digit and dot",
        ),
        (
            "1、加快发展",
            numbered("1、", "arabic", 1, "1、加快发展"),
            "1、 with a 顿号",
        ),
        (
            "⒈加快发展",
            numbered("⒈", "arabic", 1, "⒈加快发展"),
            "U+2488 ⒈",
        ),
        (
            "12.加快发展",
            numbered("12.", "arabic", 12, "12.加快发展"),
            "two digits",
        ),
        (
            "１２．加快发展",
            numbered("１２．", "arabic", 12, "１２．加快发展"),
            "full-width １２． is 12",
        ),
        (
            "⒓加快发展",
            numbered("⒓", "arabic", 12, "⒓加快发展"),
            "U+2493 ⒓ is 12",
        ),
        // arabic_parenthesized
        (
            "（1）明确标准",
            numbered("（1）", "arabic_parenthesized", 1, "（1）明确标准"),
            "full-width brackets",
        ),
        (
            "(1)明确标准",
            numbered("(1)", "arabic_parenthesized", 1, "(1)明确标准"),
            "half-width brackets",
        ),
        (
            "⑴明确标准",
            numbered("⑴", "arabic_parenthesized", 1, "⑴明确标准"),
            "U+2474 ⑴",
        ),
        (
            "1）明确标准",
            numbered("1）", "arabic_parenthesized", 1, "1）明确标准"),
            "closing bracket only",
        ),
        (
            "（12）明确标准",
            numbered("（12）", "arabic_parenthesized", 12, "（12）明确标准"),
            "（12） is 12",
        ),
        (
            "⑿明确标准",
            numbered("⑿", "arabic_parenthesized", 12, "⑿明确标准"),
            "U+247F ⑿ is 12",
        ),
        // circled
        ("①配齐设备", numbered("①", "circled", 1, "①配齐设备"), "①"),
        (
            "⑳配齐设备",
            numbered("⑳", "circled", 20, "⑳配齐设备"),
            "⑳ is 20",
        ),
        // law: 编 章 节 条, letter-spaced titles squeezed, articles run in
        (
            "第一编　总　　则",
            numbered("第一编", "part", 1, "第一编 总则"),
            "第一编, letter-spaced",
        ),
        (
            "第二编　分　　则",
            numbered("第二编", "part", 2, "第二编 分则"),
            "第二编",
        ),
        (
            "第一章　总　　则",
            numbered("第一章", "chapter", 1, "第一章 总则"),
            "第一章, letter-spaced: one space after the marker, none inside the title",
        ),
        (
            "第二十章　附　　则",
            numbered("第二十章", "chapter", 20, "第二十章 附则"),
            "第二十章 is 20",
        ),
        (
            "第十一节　一般规定",
            numbered("第十一节", "section", 11, "第十一节 一般规定"),
            "第十一节 is 11",
        ),
        (
            "第一条　为了规范社区服务，制定本条例。",
            numbered("第一条", "article", 1, "第一条"),
            "第一条, run in",
        ),
        (
            "第十条　社区服务应当便民利民。",
            numbered("第十条", "article", 10, "第十条"),
            "第十条 is 10",
        ),
        (
            "第一百零一条　社区服务应当便民利民。",
            numbered("第一百零一条", "article", 101, "第一百零一条"),
            "一百零一 is 101",
        ),
        (
            "第一百一十条　社区服务应当便民利民。",
            numbered("第一百一十条", "article", 110, "第一百一十条"),
            "一百一十 is 110",
        ),
        (
            "第一千二百六十条　本法自公布之日起施行。",
            numbered("第一千二百六十条", "article", 1260, "第一千二百六十条"),
            "一千二百六十 is 1260",
        ),
        (
            "第九千九百九十九条　本法自公布之日起施行。",
            numbered("第九千九百九十九条", "article", 9999, "第九千九百九十九条"),
            "九千九百九十九 is 9999",
        ),
        (
            "第十条之一　新建小区应当配建社区用房。",
            Numbered {
                marker: "第十条之一",
                scheme: "article",
                number: None,
                text: Some("第十条之一"),
            },
            "第十条之一",
        ),
        // markdown
        (
            "# 总体要求",
            Numbered {
                marker: "#",
                scheme: "markdown",
                number: Some(1),
                text: None,
            },
            "# is markdown 1",
        ),
        (
            "## 主要任务",
            Numbered {
                marker: "##",
                scheme: "markdown",
                number: Some(2),
                text: None,
            },
            "## is markdown 2",
        ),
        (
            "## 第一章 总则",
            Numbered {
                marker: "第一章",
                scheme: "chapter",
                number: Some(1),
                text: None,
            },
            "## 第一章 is a chapter",
        ),
    ];
    let cases: Vec<(String, &[Find], &str)> = rows
        .iter()
        .map(|(line, find, message)| (under_heading(line), std::slice::from_ref(find), *message))
        .collect();
    run("heading markers", &cases);
}

#[test]
fn segmented_heading_markers_are_normalized() {
    let rows: &[(&str, Find, &str)] = &[
        (
            "一 、 总体 要求",
            numbered("一、", "chinese", 1, "一、总体要求"),
            "一 、",
        ),
        (
            "十一 、 深化 改革",
            numbered("十一、", "chinese", 11, "十一、深化改革"),
            "十一 、",
        ),
        (
            "（ 一 ） 扩大 内需",
            numbered("（一）", "chinese_parenthesized", 1, "（一）扩大内需"),
            "（ 一 ）",
        ),
        (
            "( 一 ) 扩大 内需",
            numbered("(一)", "chinese_parenthesized", 1, "(一)扩大内需"),
            "( 一 )",
        ),
        (
            "1 . 加快 发展",
            numbered("1.", "arabic", 1, "1.加快发展"),
            "1 .",
        ),
        (
            "1 ． 加快 发展",
            numbered("1．", "arabic", 1, "1．加快发展"),
            "1 ．",
        ),
        (
            "（ 1 ） 明确 标准",
            numbered("（1）", "arabic_parenthesized", 1, "（1）明确标准"),
            "（ 1 ）",
        ),
        (
            "第一章   总则",
            numbered("第一章", "chapter", 1, "第一章 总则"),
            "第一章 with jieba's three spaces: one space",
        ),
    ];
    let cases: Vec<(String, [Find; 2], &str)> = rows
        .iter()
        .map(|&(line, find, message)| {
            (
                segmented_under_heading(line),
                [Find::Segmented(true), find],
                message,
            )
        })
        .collect();
    let cases: Vec<(&str, &[Find], &str)> = cases
        .iter()
        .map(|(text, finds, message)| (text.as_str(), finds.as_slice(), *message))
        .collect();
    run("segmented heading markers", &cases);
}

#[test]
fn levels_follow_the_order_in_which_families_appear() {
    use Find::{Level, MarkerLevel, Nested, TopLevel, Unnumbered};
    let cases: &[(&str, &[Find], &str)] = &[
        (
            LADDER,
            &[
                Level("一、工作目标", 1),
                Level("（一）完善设施网络", 2),
                Level("1.建设综合服务站", 3),
                Level("（1）明确建设标准", 4),
                Level("①配齐基本设备", 5),
                Level("2.培训服务人员", 3),
                Level("二、保障措施", 1),
                TopLevel("一、工作目标"),
                Nested("一、工作目标", "（一）完善设施网络"),
                Nested("（一）完善设施网络", "1.建设综合服务站"),
                Nested("1.建设综合服务站", "（1）明确建设标准"),
                Nested("（1）明确建设标准", "①配齐基本设备"),
                Nested("（一）完善设施网络", "2.培训服务人员"),
                TopLevel("二、保障措施"),
                Find::Children(
                    "①配齐基本设备",
                    &["按照统一清单配置办公和服务设备。"],
                ),
            ],
            "the full GB/T 9704 ladder 一、 > （一） > 1. > （1） > ①",
        ),
        (
            SKIPPED,
            &[
                Level("一、夯实基础设施", 1),
                Level("1.推进网络覆盖", 2),
                Level("（1）科学规划线路", 3),
                Level("2.完善物流体系", 2),
                Level("二、发展特色产业", 1),
                Level("1.培育电商主体", 2),
                Nested("一、夯实基础设施", "1.推进网络覆盖"),
                Nested("1.推进网络覆盖", "（1）科学规划线路"),
                Nested("一、夯实基础设施", "2.完善物流体系"),
                Nested("二、发展特色产业", "1.培育电商主体"),
                Find::Children(
                    "一、夯实基础设施",
                    &["§1.推进网络覆盖", "§2.完善物流体系"],
                ),
            ],
            "一、 then 1. with （一） skipped: 1. is level 2, not 3",
        ),
        (
            "测试文章标题\n\n（一）加强组织领导\n\n　　成立工作专班，统筹推进各项任务。\n\n1.明确职责分工\n\n　　各部门按照职责抓好落实。\n\n（二）强化资金保障\n\n　　加大财政投入力度。\n",
            &[
                Level("（一）加强组织领导", 1),
                Level("1.明确职责分工", 2),
                Level("（二）强化资金保障", 1),
                Nested("（一）加强组织领导", "1.明确职责分工"),
                TopLevel("（二）强化资金保障"),
            ],
            "a document starting at （一）: （一） is level 1, 1. level 2",
        ),
        (
            "测试文章标题\n\n一、总体要求\n\n（1）明确工作目标\n\n　　到年底完成全部改造任务。\n\n二、保障措施\n\n　　加强组织领导。\n",
            &[
                Level("一、总体要求", 1),
                Level("（1）明确工作目标", 2),
                Level("二、保障措施", 1),
                Nested("一、总体要求", "（1）明确工作目标"),
            ],
            "一、 then （1), two families skipped: （1） is level 2",
        ),
        (
            "测试文章标题\n\n1.加快发展\n\n①完善规划\n\n　　科学编制发展规划。\n\n2.扩大开放\n\n　　积极吸引外资。\n",
            &[
                Level("1.加快发展", 1),
                Level("①完善规划", 2),
                Level("2.扩大开放", 1),
                Nested("1.加快发展", "①完善规划"),
            ],
            "1. then ①: levels 1 and 2",
        ),
        (
            "测试文章标题\n\n推动数字经济健康发展\n\n　　数字经济规模持续扩大，已经成为经济增长的重要力量。\n\n加强数据要素市场建设\n\n　　健全数据产权和流通交易制度。\n",
            &[
                Unnumbered("推动数字经济健康发展"),
                Level("推动数字经济健康发展", 1),
                Unnumbered("加强数据要素市场建设"),
                Level("加强数据要素市场建设", 1),
            ],
            "unnumbered short headings",
        ),
        (
            "测试文章标题\n\n# 总体要求\n\n　　正文内容在这里。\n\n## 主要任务\n\n　　正文内容在这里。\n\n# 保障措施\n\n　　正文内容在这里。\n",
            &[MarkerLevel("#", 1), MarkerLevel("##", 2)],
            "markdown # is level 1, ## level 2",
        ),
        (
            CODE,
            &[
                Level("第一编总则", 1),
                Level("第一章基本规定", 2),
                Level("第一节一般规定", 3),
                Level("第一条", 4),
                Level("第二节适用范围", 3),
                Level("第二条", 4),
                Level("第二编分则", 1),
                Level("第二章具体规定", 2),
                Level("第三节主要内容", 3),
                Level("第三条", 4),
                TopLevel("第一编总则"),
                TopLevel("第二编分则"),
                Nested("第一编总则", "第一章基本规定"),
                Nested("第一章基本规定", "第一节一般规定"),
                Nested("第一节一般规定", "第一条"),
                Nested("第一章基本规定", "第二节适用范围"),
                Nested("第二节适用范围", "第二条"),
                Nested("第三节主要内容", "第三条"),
            ],
            "law: 编 > 章 > 节 > 条",
        ),
        (
            LAW,
            &[
                Level("第一章总则", 1),
                Level("第二章设施建设", 1),
                Level("第一节规划布局", 2),
                Level("第三章附则", 1),
                Nested("第一章总则", "第一条"),
                Nested("第一章总则", "第二条"),
                Nested("第二章设施建设", "第一节规划布局"),
                Nested("第一节规划布局", "第三条"),
                Nested("第一节规划布局", "第三条之一"),
                Nested("第二节建设标准", "第四条"),
                Nested("第三章附则", "第五条"),
            ],
            "law: 章 > 节 > 条, articles straight under a chapter too",
        ),
    ];
    run("levels", cases);
}

#[test]
fn run_in_headings_split_at_their_first_sentence() {
    use Find::{Level, RunIn, Standalone};
    let cases: &[(&str, &[Find], &str)] = &[
        (
            "测试标题\n\n一、总体要求\n\n　　（一）着力扩大国内需求。推动消费从疫后恢复转向持续扩大。\n",
            &[
                Standalone("一、总体要求"),
                RunIn {
                    heading: "（一）着力扩大国内需求。",
                    start: (5, 3),
                    end: (5, 15),
                    paragraph: "推动消费从疫后恢复转向持续扩大。",
                    paragraph_start: (5, 15),
                    paragraph_end: (5, 31),
                },
                numbered("（一）", "chinese_parenthesized", 1, "（一）着力扩大国内需求。"),
                Level("（一）着力扩大国内需求。", 2),
            ],
            "（一） run in: the heading ends after 。, the paragraph starts right there",
        ),
        (
            "测试标题\n\n一、总体要求\n\n　　（二）完善社区服务设施。 统筹利用闲置场地。\n",
            &[RunIn {
                heading: "（二）完善社区服务设施。",
                start: (5, 3),
                end: (5, 15),
                paragraph: "统筹利用闲置场地。",
                paragraph_start: (5, 16),
                paragraph_end: (5, 25),
            }],
            "run in with a space after 。: the paragraph starts at the next non-space character",
        ),
        (
            "社区 服务 的 几点 做法\n\n一 、 总体 要求\n\n　　（ 三 ） 深化 重点 领域 改革 。 加快 建设 统一 的 服务 平台 。\n",
            &[
                Find::Segmented(true),
                Standalone("一、总体要求"),
                RunIn {
                    heading: "（三）深化重点领域改革。",
                    start: (5, 3),
                    end: (5, 22),
                    paragraph: "加快建设统一的服务平台。",
                    paragraph_start: (5, 23),
                    paragraph_end: (5, 41),
                },
                numbered("（三）", "chinese_parenthesized", 3, "（三）深化重点领域改革。"),
            ],
            "segmented run in: positions count the segmentation spaces",
        ),
        (
            "测试标题\n\n一、总体要求\n\n　　1.加快发展数字经济。推动数字技术和实体经济深度融合。\n",
            &[
                RunIn {
                    heading: "1.加快发展数字经济。",
                    start: (5, 3),
                    end: (5, 14),
                    paragraph: "推动数字技术和实体经济深度融合。",
                    paragraph_start: (5, 14),
                    paragraph_end: (5, 30),
                },
                numbered("1.", "arabic", 1, "1.加快发展数字经济。"),
                Level("1.加快发展数字经济。", 2),
            ],
            "1. run in under 一、",
        ),
        (
            "社区服务条例\n\n第一条　为了规范社区服务，制定本条例。\n第二条　社区服务应当坚持便民利民的原则。\n",
            &[
                RunIn {
                    heading: "第一条",
                    start: (3, 1),
                    end: (3, 4),
                    paragraph: "为了规范社区服务，制定本条例。",
                    paragraph_start: (3, 5),
                    paragraph_end: (3, 20),
                },
                numbered("第二条", "article", 2, "第二条"),
            ],
            "第一条　…: the heading is 第一条, the text after U+3000 its paragraph",
        ),
        (
            WRAPPED_RUN_IN,
            &[
                Standalone("一、总体要求"),
                RunIn {
                    heading: "（一）着力扩大国内需求。",
                    start: (8, 3),
                    end: (8, 15),
                    paragraph: "推动消费从疫后恢复转向持续扩大，在社区周边合理布局便民商业网点，丰富居民日常消费的选择，方便群众就近购物。",
                    paragraph_start: (8, 15),
                    paragraph_end: (10, 4),
                },
                Level("（一）着力扩大国内需求。", 2),
                Level("（二）完善社区服务设施。", 2),
                Find::Children(
                    "一、总体要求",
                    &[
                        "今年的社区工作要坚持以居民需求为导向，补齐设施短板，提升服务质量，让群众在家门口就能办成更多事情，不断增强居民的获得感和满意度。",
                        "§（一）着力扩大国内需求。",
                        "§（二）完善社区服务设施。",
                    ],
                ),
            ],
            "run in over a hard-wrapped paragraph",
        ),
        (
            LAW,
            &[
                RunIn {
                    heading: "第二条",
                    start: (13, 1),
                    end: (13, 4),
                    paragraph: "本条例所称社区公共设施，包括下列设施：",
                    paragraph_start: (13, 5),
                    paragraph_end: (13, 24),
                },
                RunIn {
                    heading: "第三条之一",
                    start: (23, 1),
                    end: (23, 6),
                    paragraph: "新建住宅小区应当按照标准配建社区用房。",
                    paragraph_start: (23, 7),
                    paragraph_end: (23, 26),
                },
            ],
            "articles in a law run in",
        ),
    ];
    run("run-in headings", cases);
}

#[test]
fn law_structure() {
    use Find::{Children, List, NoHeadingMarker, PointBlocks, SectionCount, Toc};
    let cases: &[(&str, &[Find], &str)] = &[
        (
            LAW,
            &[
                Find::Title("社区公共设施管理条例"),
                Toc(5),
                SectionCount("第一章总则", 1),
                SectionCount("第二章设施建设", 1),
                SectionCount("第一节规划布局", 1),
                SectionCount("第二节建设标准", 1),
                SectionCount("第三章附则", 1),
                Children(
                    "",
                    &["table_of_contents", "§第一章总则", "§第二章设施建设", "§第三章附则"],
                ),
                numbered("第一章", "chapter", 1, "第一章 总则"),
                numbered("第一节", "section", 1, "第一节 规划布局"),
                numbered("第三条", "article", 3, "第三条"),
                Find::Numbered {
                    marker: "第三条之一",
                    scheme: "article",
                    number: None,
                    text: Some("第三条之一"),
                },
                List(
                    "chinese_parenthesized",
                    &[
                        (1, "（一）", "文化活动场所"),
                        (2, "（二）", "体育健身设施"),
                        (3, "（三）", "养老托育设施"),
                    ],
                ),
                PointBlocks(
                    "chinese_parenthesized",
                    &[&["（一）文化活动场所；"], &["（二）体育健身设施；"], &["（三）养老托育设施。"]],
                ),
                Children(
                    "第二条",
                    &["本条例所称社区公共设施，包括下列设施：", "list chinese_parenthesized"],
                ),
                Children(
                    "第四条",
                    &["社区公共设施的建设应当符合国家规定的标准。", "设区的市可以制定高于国家标准的地方标准。"],
                ),
                NoHeadingMarker("（一）"),
                NoHeadingMarker("目"),
            ],
            "a law: table of contents, chapters, sections, articles, items as points",
        ),
        (
            "社区服务条例\n\n## 第一章 总则\n\n第一条 为了规范社区服务，制定本条例。\n\n## 第二章 服务内容\n\n第二条 社区服务包括养老、托育和文化活动。\n",
            &[
                Find::Numbered { marker: "第一章", scheme: "chapter", number: Some(1), text: None },
                Find::Numbered { marker: "第二章", scheme: "chapter", number: Some(2), text: None },
                numbered("第一条", "article", 1, "第一条"),
                numbered("第二条", "article", 2, "第二条"),
                Find::MarkerLevel("第一章", 1),
                Find::MarkerLevel("第一条", 2),
                NoHeadingMarker("##"),
            ],
            "markdown ## 第一章 is a chapter heading",
        ),
    ];
    run("law structure", cases);
}

#[test]
fn points_at_paragraph_start() {
    use Find::{List, NoType, Segmented};
    let cases: &[(&str, &[Find], &str)] = &[
        (
            "测试标题\n\n　　一是加快发展数字经济。推动数字技术广泛应用。\n　　二是扩大有效投资。优化政府投资结构。\n",
            &[List("numeral_shi", &[(1, "一是", "加快发展数字经济"), (2, "二是", "扩大有效投资")]), NoType("section")],
            "一是 二是",
        ),
        (
            "测试 标题\n\n　　一 是 加快 发展 数字 经济 。 推动 数字 技术 广泛 应用 。\n　　二 是 扩大 有效 投资 。 优化 政府 投资 结构 。\n",
            &[Segmented(true), List("numeral_shi", &[(1, "一是", "加快发展数字经济"), (2, "二是", "扩大有效投资")])],
            "segmented 一 是 → 一是",
        ),
        (
            "测试标题\n\n　　十是加强人才培养。完善人才引进政策。\n　　十一是优化营商环境。深化放管服改革。\n",
            &[List("numeral_shi", &[(10, "十是", "加强人才培养"), (11, "十一是", "优化营商环境")])],
            "十是 十一是",
        ),
        (
            "测试标题\n\n　　一要提高政治站位。深刻认识这项工作的重要意义。\n　　二要压实工作责任。层层分解任务，确保落到实处。\n",
            &[List("numeral_yao", &[(1, "一要", "提高政治站位"), (2, "二要", "压实工作责任")])],
            "一要 二要",
        ),
        (
            "测试标题\n\n　　其一，改革要有系统思维。各项措施要相互配合。\n　　其二，改革要有底线思维。防范化解各类风险。\n",
            &[List("qi_numeral", &[(1, "其一，", "改革要有系统思维"), (2, "其二，", "改革要有底线思维")])],
            "其一， 其二，",
        ),
        (
            "测试标题\n\n　　第一，坚持问题导向。聚焦群众反映强烈的突出问题。\n　　第二，坚持系统观念。统筹推进各项改革任务。\n",
            &[List("di_numeral", &[(1, "第一，", "坚持问题导向"), (2, "第二，", "坚持系统观念")])],
            "第一， 第二，",
        ),
        (
            "测试标题\n\n　　首先，要统一思想认识。把思想统一到决策部署上来。\n　　其次，要完善工作机制。建立定期会商制度。\n　　再次，要强化督促检查。对进展缓慢的及时通报。\n　　最后，要营造良好氛围。加大宣传引导力度。\n",
            &[List(
                "discourse",
                &[
                    (1, "首先，", "要统一思想认识"),
                    (2, "其次，", "要完善工作机制"),
                    (3, "再次，", "要强化督促检查"),
                    (4, "最后，", "要营造良好氛围"),
                ],
            )],
            "首先， 其次， 再次， 最后，",
        ),
        (
            SPEECH,
            &[List(
                "em_dash",
                &[
                    (1, "——", "产业结构持续优化"),
                    (2, "——", "创新动能不断增强"),
                    (3, "——", "民生保障更加有力"),
                ],
            )],
            "—— points numbered by their place",
        ),
        (
            "测试标题\n\n一、主要任务\n\n　　一是加快发展数字经济。推动数字技术广泛应用。\n　　二是扩大有效投资。优化政府投资结构。\n",
            &[
                List("numeral_shi", &[(1, "一是", "加快发展数字经济"), (2, "二是", "扩大有效投资")]),
                Find::Children("一、主要任务", &["list numeral_shi"]),
            ],
            "points under a heading belong to its section",
        ),
    ];
    run("points at paragraph start", cases);
}

#[test]
fn point_children_and_blocks_after_the_last_point() {
    use Find::{Children, PointBlocks};
    let cases: &[(&str, &[Find], &str)] = &[
        (
            "测试标题\n\n　　一是加快发展数字经济。推动数字技术广泛应用。\n　　各地要结合实际制定具体方案。\n　　二是扩大有效投资。优化政府投资结构。\n　　三是稳定外贸外资。支持企业开拓多元市场。\n　　以上工作要统筹推进，确保取得实效。\n",
            &[
                PointBlocks(
                    "numeral_shi",
                    &[
                        &["一是加快发展数字经济。推动数字技术广泛应用。", "各地要结合实际制定具体方案。"],
                        &["二是扩大有效投资。优化政府投资结构。"],
                        &["三是稳定外贸外资。支持企业开拓多元市场。"],
                    ],
                ),
                Children("", &["list numeral_shi", "以上工作要统筹推进，确保取得实效。"]),
            ],
            "a paragraph between points belongs to the point before it; after the last point, to the section",
        ),
        (
            "测试标题\n\n　　一是加快发展数字经济。推动数字技术广泛应用。\n--\n　　各地要结合实际制定具体方案。\n　　二是扩大有效投资。优化政府投资结构。\n",
            &[PointBlocks(
                "numeral_shi",
                &[
                    &["一是加快发展数字经济。推动数字技术广泛应用。", "separator", "各地要结合实际制定具体方案。"],
                    &["二是扩大有效投资。优化政府投资结构。"],
                ],
            )],
            "a separator between points belongs to the point before it",
        ),
        (
            "测试标题\n\n　　首先，要统一思想认识。把思想统一到决策部署上来。\n　　其次，要完善工作机制。建立定期会商制度。\n　　再次强调，安全生产责任重于泰山，任何时候都不能放松。\n",
            &[
                Find::List("discourse", &[(1, "首先，", "要统一思想认识"), (2, "其次，", "要完善工作机制")]),
                Children("", &["list discourse", "再次强调，安全生产责任重于泰山，任何时候都不能放松。"]),
            ],
            "再次强调 after 首先/其次 is not point 3",
        ),
    ];
    run("point children", cases);
}

#[test]
fn inline_points_in_paragraphs() {
    use Find::{Inline, InlineSpans, NoInlineIn, NoType};
    let cases: &[(&str, &[Find], &str)] = &[
        (
            "测试标题\n\n　　做好今年工作，必须把握好以下原则：一是扩内需、保增长。要持续扩大有效需求。二是调结构、上水平。要加快产业转型升级。\n",
            &[
                Inline(&[
                    (1, "一是", "扩内需、保增长。要持续扩大有效需求。"),
                    (2, "二是", "调结构、上水平。要加快产业转型升级。"),
                ]),
                InlineSpans("必须把握好以下原则", &[((3, 20), (3, 40)), ((3, 40), (3, 60))]),
                NoType("list"),
                NoType("section"),
            ],
            "一是…二是… inside a paragraph: text to the next marker",
        ),
        (
            "测试标题\n\n　　今年主要做好以下工作：一是稳定就业；二是保障民生；三是防范风险。\n",
            &[Inline(&[(1, "一是", "稳定就业；"), (2, "二是", "保障民生；"), (3, "三是", "防范风险。")])],
            "一是…；二是…；三是…。",
        ),
        (
            "测试标题\n\n　　改革的主要内容包括：（1）完善考核制度；（2）加强过程监督；（3）强化结果运用。\n",
            &[
                Inline(&[(1, "（1）", "完善考核制度；"), (2, "（2）", "加强过程监督；"), (3, "（3）", "强化结果运用。")]),
                NoType("section"),
            ],
            "（1）…（2）… inline",
        ),
        (
            "测试标题\n\n　　改革的主要内容包括：1）完善考核制度；2）加强过程监督；３）强化结果运用。\n",
            &[
                Inline(&[(1, "1）", "完善考核制度；"), (2, "2）", "加强过程监督；"), (3, "３）", "强化结果运用。")]),
                NoType("section"),
            ],
            "1）…2）… inline: a digit and the closing bracket alone",
        ),
        (
            "测试标题\n\n　　主要措施有：①提高服务质量；②降低运行成本；③优化办事流程。\n",
            &[
                Inline(&[(1, "①", "提高服务质量；"), (2, "②", "降低运行成本；"), (3, "③", "优化办事流程。")]),
                NoType("section"),
            ],
            "①…②… inline",
        ),
        (
            "测试 标题\n\n　　必须 把握 以下 原则 ： 一 是 扩 内需 ； 二 是 调 结构 。\n",
            &[Find::Segmented(true), Inline(&[(1, "一是", "扩内需；"), (2, "二是", "调结构。")])],
            "segmented 一 是 inline → 一是",
        ),
        (
            WRAPPED_RUN_IN,
            &[
                Inline(&[
                    (1, "一是", "便民利民、就近服务，持续扩大服务覆盖面；"),
                    (2, "二是", "量力而行、逐步推进，防止一哄而上、盲目铺开。"),
                ]),
                InlineSpans("必须把握好以下原则", &[((14, 20), (15, 10)), ((15, 10), (16, 4))]),
            ],
            "inline points across hard-wrapped lines",
        ),
        (
            WRAPPED_FALSE_FRIENDS,
            &[
                Inline(&[(1, "一是", "资金从哪里来，"), (2, "二是", "项目建成以后由谁来管。与会同志踊跃发言，提出了不少有价值的意见和建议。")]),
                InlineSpans("展开了热烈讨论", &[((15, 22), (15, 31)), ((16, 1), (17, 9))]),
                NoType("list"),
            ],
            "二是 at a continuation line's start is an inline point, not a point",
        ),
        (
            "测试标题\n\n　　上次会议部署的任务中，二是加强督查，三是严格考核，目前都已落实到位。\n",
            &[NoInlineIn("上次会议部署的任务中")],
            "a sequence must start at 1: 二是…三是… is not one",
        ),
        (
            "测试标题\n\n　　改革的主要内容包括：（2）完善考核制度；（3）加强过程监督。\n",
            &[NoInlineIn("改革的主要内容包括")],
            "a sequence must start at 1: （2）…（3）… is not one",
        ),
        (
            "测试标题\n\n　　主要措施有：①提高服务质量；③优化办事流程。\n",
            &[NoInlineIn("主要措施有")],
            "a sequence must go up by 1: ①…③… is not one",
        ),
    ];
    run("inline points", cases);
}

#[test]
fn false_friends_are_neither_headings_nor_points() {
    use Find::{NoInlineIn, NoStructure, Plain};
    let cases: &[(&str, &[Find], &str)] = &[
        (
            "测试标题\n\n一、二季度全市经济运行总体平稳，主要指标好于预期。\n",
            &[Plain("一、二季度")],
            "一、二季度 at a line start",
        ),
        (
            "测试标题\n\n　　一、二季度全市经济运行总体平稳，主要指标好于预期。\n",
            &[Plain("一、二季度")],
            "一、二季度 at an indented paragraph start",
        ),
        (
            "测试标题\n\n1.5亿元专项资金已经全部拨付到位。\n",
            &[Plain("1.5亿元")],
            "1.5亿元 at a line start",
        ),
        (
            "测试标题\n\n　　1.5亿元专项资金已经全部拨付到位。\n",
            &[Plain("1.5亿元")],
            "1.5亿元 at a paragraph start",
        ),
        (
            "测试标题\n\n　　统一要求各地在月底前完成隐患排查。\n",
            &[Plain("统一要求")],
            "统一要求 at a paragraph start",
        ),
        (
            "测试标题\n\n　　会议强调，各地要统一要求，二要加强监督检查。\n",
            &[Plain("统一要求")],
            "统一要求 … 二要 inside a paragraph",
        ),
        (
            "测试标题\n\n　　他唯一是担心工期太紧，二是担心资金不足。\n",
            &[Plain("唯一是")],
            "唯一是 … 二是 inside a paragraph",
        ),
        (
            "测试标题\n\n　　一是一，二是二，这是做人做事的基本原则。\n",
            &[Plain("一是一，二是二")],
            "一是一，二是二 at a paragraph start",
        ),
        (
            "测试标题\n\n　　干部说话办事必须一是一，二是二，决不能含糊其辞。\n",
            &[Plain("一是一，二是二")],
            "一是一，二是二 inside a paragraph",
        ),
        (
            "测试标题\n\n　　再次强调，安全生产责任重于泰山。\n",
            &[Plain("再次强调")],
            "再次强调",
        ),
        (
            "测试标题\n\n　　最后一公里的问题必须下大力气解决好。\n",
            &[Plain("最后一公里")],
            "最后一公里",
        ),
        (
            "测试标题\n\n　　第一批试点城市名单已经正式公布。\n",
            &[Plain("第一批")],
            "第一批",
        ),
        (
            "测试标题\n\n　　第一时间回应群众关切，是做好舆论引导的关键。\n",
            &[Plain("第一时间")],
            "第一时间",
        ),
        (
            "测试标题\n\n　　２００８年以来，全市经济总量实现翻番。\n",
            &[Plain("２００８年以来")],
            "full-width ２００８年 at a paragraph start",
        ),
        (
            "测试标题\n\n２００８年以来，全市经济总量实现翻番。\n",
            &[Plain("２００８年以来")],
            "full-width ２００８年 at a line start",
        ),
        (
            "测试标题\n\n　　全市经济总量自２００８年以来实现翻番，１２个县区全部摘帽。\n",
            &[Plain("自２００８年以来")],
            "full-width ２００８年 and １２个 inside a sentence",
        ),
        (
            "测试标题\n\n　　文件于2024年1月5日印发，自印发之日起施行。\n",
            &[Plain("2024年1月5日")],
            "a date inside a sentence",
        ),
        (
            WRAPPED_FALSE_FRIENDS,
            &[
                NoStructure("第十二条第（一）项关于老旧小区改造的要求"),
                NoStructure("它的标题是一、推动城市更新提质增效，"),
                NoStructure("说话办事要做到一是一，二是二，"),
                NoInlineIn("说话办事要做到一是一，二是二，"),
                NoStructure("1.5个百分点"),
            ],
            "markers a hard wrap puts at the start of a continuation line: （一） 一、 二是 1.5",
        ),
    ];
    run("false friends", cases);
}

#[test]
fn furniture() {
    use Find::{Leaf, LeafContaining, NoHeadingMarker, Title};
    let cases: &[(&str, &[Find], &str)] = &[
        (
            NOTICE,
            &[
                Title("关于加快推进社区服务提质增效工作的通知"),
                Leaf("addressee", "各区人民政府，市政府各部门："),
                Leaf("page_number", "— 3 —"),
                LeafContaining("attachment", "附件：1.社区服务设施建设标准"),
                LeafContaining("attachment", "2.社区服务事项清单"),
                Leaf("signature", "某某市民政局"),
                Leaf("date", "2024年1月5日"),
                NoHeadingMarker("附件"),
                NoHeadingMarker("1."),
                NoHeadingMarker("2."),
                numbered("一、", "chinese", 1, "一、工作目标"),
                numbered("二、", "chinese", 2, "二、工作要求"),
            ],
            "a notice: three-line title, addressee, page number, attachments, signature, date",
        ),
        (
            SPEECH,
            &[
                Title("凝心聚力开拓进取"),
                LeafContaining("subtitle", "在全市经济工作会议上的讲话"),
                Leaf("addressee", "各位代表："),
                Leaf("page_number", "- 3 -"),
                Find::Children(
                    "一、今年经济工作回顾",
                    &[
                        "今年以来，全市上下迎难而上，主要经济指标稳中有进。",
                        "list em_dash",
                        "这些成绩来之不易，凝聚着全市干部群众的心血和汗水。",
                        "page_number",
                    ],
                ),
                Find::Children(
                    "",
                    &["subtitle", "addressee", "这次会议的主要任务是总结今年经济工作，分析当前形势，部署明年任务。", "§一、今年经济工作回顾", "§二、明年重点任务"],
                ),
            ],
            "a speech: subtitle after the title (not a —— point), addressee, page number",
        ),
        (
            NEWS,
            &[
                Title("数字经济为县域发展注入新动能"),
                Leaf("byline", "新华社北京3月5日电"),
                Leaf("byline", "来源：新华网"),
                Leaf("byline", "责任编辑：张三"),
                Find::NoType("section"),
            ],
            "news: bylines are not headings",
        ),
        (
            "某某市\n关于加快推进\n社区服务提质增效\n工作的通知\n\n　　为进一步提升社区服务水平，现将有关事项通知如下。\n",
            &[Title("某某市关于加快推进社区服务提质增效工作的通知"), Find::NoType("section")],
            "a title over four short lines is one title",
        ),
    ];
    run("furniture", cases);
}
