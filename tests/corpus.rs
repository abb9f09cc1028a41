//! Facts about the real documents in `../shared/corpus`, read from their text
//! (not from this tool's output), and checked against the outline JSON.
//!
//! Each test collects every fact that does not hold and reports them all at
//! once, each with the place in the document where the fact was read (line
//! numbers are those of the decoded text, 1-based, as `position.start.line`
//! counts them). When `../shared/corpus` is absent the tests skip.
//!
//! Only marker strings and the few heading and sentence openings that the
//! facts name are copied here; the documents themselves stay in the corpus.

mod support;

use serde_json::Value;
use std::fmt::{Debug, Display};
use std::path::Path;

const REPORT_2024: &str = "gov_reports/2024_gov_work_report.utf8.txt";
const REPORT_2007: &str = "gov_reports/2007_gov_work_report.gbk.txt";
const LABOR_LAW: &str = "legal/labor_contract_law_2012.utf8.md";
const REGULATION: &str = "legal/party_gov_document_handling_regulation_2012.utf8.txt";

/// The outline of a corpus file as JSON, or `None` (after saying so) when the
/// corpus folder is absent.
fn outline_of(relative: &str) -> Option<Value> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!(
            "skipping {relative}: the corpus folder {} is absent",
            corpus.display()
        );
        return None;
    }
    let path = corpus.join(relative);
    let bytes =
        std::fs::read(&path).unwrap_or_else(|err| panic!("reading {}: {err}", path.display()));
    let decoded = outline::decode(&bytes, outline::EncodingChoice::Auto)
        .unwrap_or_else(|err| panic!("{relative}: detected encoding failed: {err:?}"));
    assert!(
        !decoded.lossy,
        "{relative}: decodes without replacement characters"
    );
    let document = outline::parse_decoded(&decoded, bytes.len(), &outline::Options::default());
    let value = serde_json::to_value(document).expect("the outline serializes");
    // Every file of the corpus keeps the contract's invariants.
    support::assert_invariants(&decoded.text, &value);
    Some(value)
}

/// The facts of one document that do not hold, reported together at the end.
struct Facts {
    document: &'static str,
    failures: Vec<String>,
}

impl Facts {
    fn new(document: &'static str) -> Self {
        Facts {
            document,
            failures: Vec::new(),
        }
    }

    fn check(&mut self, holds: bool, fact: impl Display) {
        if !holds {
            self.failures.push(fact.to_string());
        }
    }

    fn eq<T: PartialEq + Debug>(&mut self, fact: impl Display, actual: T, expected: T) {
        if actual != expected {
            self.failures.push(format!(
                "{fact}\n      expected {expected:?}\n      found    {actual:?}"
            ));
        }
    }

    fn finish(self) {
        assert!(
            self.failures.is_empty(),
            "{} fact(s) about {} do not hold:\n  - {}",
            self.failures.len(),
            self.document,
            self.failures.join("\n  - ")
        );
    }
}

// ---------------------------------------------------------------------------
// Walking the JSON.

/// Every node under `value`, itself included, in document order: the
/// document's title, a section's heading, then children.
fn nodes(value: &Value) -> Vec<&Value> {
    fn walk<'a>(value: &'a Value, out: &mut Vec<&'a Value>) {
        if value.get("type").is_some() {
            out.push(value);
        }
        for key in ["title", "heading"] {
            if let Some(inner) = value.get(key).filter(|v| v.is_object()) {
                walk(inner, out);
            }
        }
        for child in children(value) {
            walk(child, out);
        }
    }
    let mut out = Vec::new();
    walk(value, &mut out);
    out
}

/// The nodes under `value`, itself excluded.
fn descendants(value: &Value) -> Vec<&Value> {
    nodes(value)
        .into_iter()
        .filter(|node| !std::ptr::eq(*node, value))
        .collect()
}

fn children(value: &Value) -> &[Value] {
    value
        .get("children")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn kind(node: &Value) -> &str {
    node.get("type").and_then(Value::as_str).unwrap_or("")
}

fn text(node: &Value) -> &str {
    node.get("text").and_then(Value::as_str).unwrap_or("")
}

fn start_line(node: &Value) -> u64 {
    node.pointer("/position/start/line")
        .and_then(Value::as_u64)
        .unwrap_or(0)
}

/// Nodes of one type under `value`.
fn of_type<'a>(value: &'a Value, wanted: &str) -> Vec<&'a Value> {
    descendants(value)
        .into_iter()
        .filter(|node| kind(node) == wanted)
        .collect()
}

/// Nodes without children (title, heading, paragraph, the furniture leaves…).
fn leaves_on_line(document: &Value, line: u64) -> Vec<&Value> {
    nodes(document)
        .into_iter()
        .filter(|node| node.get("children").is_none() && start_line(node) == line)
        .collect()
}

/// The kinds of a node's children, in order.
fn child_kinds(node: &Value) -> Vec<&str> {
    children(node).iter().map(kind).collect()
}

// Sections and headings.

fn scheme(section: &Value) -> &str {
    section
        .pointer("/heading/numbering/scheme")
        .and_then(Value::as_str)
        .unwrap_or("")
}

fn heading_text(section: &Value) -> &str {
    section
        .pointer("/heading/text")
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// A heading's text without Markdown `#` markup (the facts name the words,
/// not the markup).
fn heading_words(section: &Value) -> &str {
    heading_text(section).trim_start_matches('#').trim_start()
}

fn marker(section: &Value) -> &str {
    section
        .pointer("/heading/numbering/marker")
        .and_then(Value::as_str)
        .unwrap_or("")
}

fn number(section: &Value) -> u64 {
    section
        .pointer("/heading/numbering/number")
        .and_then(Value::as_u64)
        .unwrap_or(0)
}

fn level(section: &Value) -> u64 {
    section.get("level").and_then(Value::as_u64).unwrap_or(0)
}

fn run_in(section: &Value) -> Option<bool> {
    section.pointer("/heading/run_in").and_then(Value::as_bool)
}

/// Sections of a numbering scheme anywhere under `value`.
fn sections<'a>(value: &'a Value, wanted: &str) -> Vec<&'a Value> {
    of_type(value, "section")
        .into_iter()
        .filter(|section| scheme(section) == wanted)
        .collect()
}

/// Sections of a numbering scheme that are direct children of `value`.
fn child_sections<'a>(value: &'a Value, wanted: &str) -> Vec<&'a Value> {
    children(value)
        .iter()
        .filter(|child| kind(child) == "section" && scheme(child) == wanted)
        .collect()
}

/// The section whose heading has this marker, among `candidates`.
fn by_marker<'a>(candidates: &[&'a Value], wanted: &str) -> Option<&'a Value> {
    candidates
        .iter()
        .copied()
        .find(|section| marker(section) == wanted)
}

// Lists, points, inline points.

fn lists<'a>(value: &'a Value, wanted: &str) -> Vec<&'a Value> {
    of_type(value, "list")
        .into_iter()
        .filter(|list| list.get("scheme").and_then(Value::as_str) == Some(wanted))
        .collect()
}

fn point_markers(list: &Value) -> Vec<&str> {
    children(list)
        .iter()
        .map(|point| point.get("marker").and_then(Value::as_str).unwrap_or(""))
        .collect()
}

fn point_numbers(list: &Value) -> Vec<u64> {
    children(list)
        .iter()
        .map(|point| point.get("number").and_then(Value::as_u64).unwrap_or(0))
        .collect()
}

fn point_leads(list: &Value) -> Vec<&str> {
    children(list)
        .iter()
        .map(|point| point.get("lead").and_then(Value::as_str).unwrap_or(""))
        .collect()
}

fn point_lines(list: &Value) -> Vec<u64> {
    children(list).iter().map(start_line).collect()
}

fn inline_points(paragraph: &Value) -> &[Value] {
    paragraph
        .get("inline_points")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The paragraphs under `value` whose text starts with `opening`.
fn paragraphs_starting<'a>(value: &'a Value, opening: &str) -> Vec<&'a Value> {
    of_type(value, "paragraph")
        .into_iter()
        .filter(|paragraph| text(paragraph).starts_with(opening))
        .collect()
}

fn one_to(n: u64) -> Vec<u64> {
    (1..=n).collect()
}

/// Chinese numerals up to 99 (enough for these documents' markers).
fn chinese(n: u64) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, units) = ((n / 10) as usize, (n % 10) as usize);
    match tens {
        0 => DIGITS[units].to_owned(),
        1 => format!("十{}", DIGITS[units]),
        _ => format!("{}十{}", DIGITS[tens], DIGITS[units]),
    }
}

/// `（一）`, `（二）`, … for 1..=n.
fn parenthesized(n: u64) -> Vec<String> {
    (1..=n).map(|k| format!("（{}）", chinese(k))).collect()
}

/// `一是`/`一要`, … for 1..=n.
fn numeral_with(suffix: &str, n: u64) -> Vec<String> {
    (1..=n).map(|k| format!("{}{suffix}", chinese(k))).collect()
}

// ---------------------------------------------------------------------------
// Shared checks.

/// One leaf on `line`, of type `wanted`, and (when given) with this text.
fn leaf_on_line(f: &mut Facts, document: &Value, line: u64, wanted: &str, expected: Option<&str>) {
    let leaves = leaves_on_line(document, line);
    let kinds: Vec<&str> = leaves.iter().map(|leaf| kind(leaf)).collect();
    f.eq(
        format!("line {line}: the node types of the leaves that start there"),
        kinds,
        vec![wanted],
    );
    if let (Some(expected), Some(leaf)) = (expected, leaves.first()) {
        f.eq(
            format!("line {line}: the text of the {wanted}"),
            text(leaf),
            expected,
        );
    }
}

/// The `一、` sections: top-level, level 1, numbered 1..n, standing on their
/// own lines, with these markers, texts and lines.
fn check_parts<'a>(
    f: &mut Facts,
    document: &'a Value,
    expected: &[(&str, u64)],
    where_: &str,
) -> Vec<&'a Value> {
    let parts = sections(document, "chinese");
    let n = expected.len() as u64;
    f.eq(
        format!("the number of 一、 sections ({where_})"),
        parts.len() as u64,
        n,
    );
    f.eq(
        format!("the 一、 sections are the document's top-level sections ({where_})"),
        child_sections(document, "chinese").len() as u64,
        n,
    );
    f.eq(
        format!("the numbers of the 一、 sections ({where_})"),
        parts.iter().map(|s| number(s)).collect::<Vec<_>>(),
        one_to(n),
    );
    f.eq(
        format!("the markers of the 一、 sections ({where_})"),
        parts
            .iter()
            .map(|s| marker(s).to_owned())
            .collect::<Vec<_>>(),
        (1..=n)
            .map(|k| format!("{}、", chinese(k)))
            .collect::<Vec<_>>(),
    );
    f.eq(
        format!("the heading texts of the 一、 sections ({where_})"),
        parts.iter().map(|s| heading_text(s)).collect::<Vec<_>>(),
        expected.iter().map(|(text, _)| *text).collect::<Vec<_>>(),
    );
    f.eq(
        format!("the lines of the 一、 headings ({where_})"),
        parts.iter().map(|s| start_line(s)).collect::<Vec<_>>(),
        expected.iter().map(|(_, line)| *line).collect::<Vec<_>>(),
    );
    f.eq(
        format!("the levels of the 一、 sections ({where_})"),
        parts.iter().map(|s| level(s)).collect::<Vec<_>>(),
        vec![1; expected.len()],
    );
    f.eq(
        format!("the 一、 headings stand on their own lines: run_in ({where_})"),
        parts.iter().map(|s| run_in(s)).collect::<Vec<_>>(),
        vec![Some(false); expected.len()],
    );
    parts
}

/// The `（一）` sections directly under one `一、` section.
struct SubParts<'e> {
    /// The `一、` marker of the parent, and the line where it stands.
    parent: &'e str,
    parent_line: u64,
    count: u64,
    /// First and last heading text with their lines; None when there are none.
    first: Option<(&'e str, u64)>,
    last: Option<(&'e str, u64)>,
    run_in: bool,
}

fn check_sub_parts(f: &mut Facts, parts: &[&Value], expected: &SubParts) {
    let Some(part) = by_marker(parts, expected.parent) else {
        f.check(
            false,
            format!(
                "line {}: the {} section exists",
                expected.parent_line, expected.parent
            ),
        );
        return;
    };
    let at = format!("under {} (line {})", expected.parent, expected.parent_line);
    let subs = child_sections(part, "chinese_parenthesized");
    f.eq(
        format!("the number of （一） sections directly {at}"),
        subs.len() as u64,
        expected.count,
    );
    f.eq(
        format!("every section directly {at} is a （一） section"),
        children(part)
            .iter()
            .filter(|child| kind(child) == "section")
            .count() as u64,
        expected.count,
    );
    f.eq(
        format!("the markers of the （一） sections {at}"),
        subs.iter()
            .map(|s| marker(s).to_owned())
            .collect::<Vec<_>>(),
        parenthesized(expected.count),
    );
    f.eq(
        format!("the numbers of the （一） sections {at}"),
        subs.iter().map(|s| number(s)).collect::<Vec<_>>(),
        one_to(expected.count),
    );
    f.eq(
        format!("the levels of the （一） sections {at}"),
        subs.iter().map(|s| level(s)).collect::<Vec<_>>(),
        vec![2; subs.len()],
    );
    f.eq(
        format!("run_in of the （一） headings {at}"),
        subs.iter().map(|s| run_in(s)).collect::<Vec<_>>(),
        vec![Some(expected.run_in); subs.len()],
    );
    let ends = [(subs.first(), expected.first), (subs.last(), expected.last)];
    for (which, (actual, wanted)) in ["first", "last"].into_iter().zip(ends) {
        if let (Some(section), Some((heading, line))) = (actual, wanted) {
            f.eq(
                format!("the {which} （一） heading {at}, read at line {line}"),
                (heading_text(section), start_line(section)),
                (heading, line),
            );
        }
    }
}

/// A paragraph, found by the start of its text, and its inline points.
fn check_inline(
    f: &mut Facts,
    document: &Value,
    line: u64,
    opening: &str,
    markers: &[String],
    first_text: &str,
) {
    let found = paragraphs_starting(document, opening);
    f.eq(
        format!("line {line}: one paragraph starts with 「{opening}」"),
        found.len(),
        1,
    );
    let Some(paragraph) = found.first() else {
        return;
    };
    f.eq(
        format!("line {line}: where the paragraph 「{opening}」 starts"),
        start_line(paragraph),
        line,
    );
    let points = inline_points(paragraph);
    let n = markers.len() as u64;
    f.eq(
        format!("line {line}: the inline point markers of 「{opening}…」"),
        points
            .iter()
            .map(|p| p.get("marker").and_then(Value::as_str).unwrap_or(""))
            .collect::<Vec<_>>(),
        markers.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    f.eq(
        format!("line {line}: the inline point numbers of 「{opening}…」"),
        points
            .iter()
            .map(|p| p.get("number").and_then(Value::as_u64).unwrap_or(0))
            .collect::<Vec<_>>(),
        one_to(n),
    );
    f.eq(
        format!("line {line}: the inline points of 「{opening}…」 lie on its line"),
        points.iter().map(start_line).collect::<Vec<_>>(),
        vec![line; points.len()],
    );
    if let Some(first) = points.first() {
        f.check(
            text(first).starts_with(first_text),
            format!(
                "line {line}: the first inline point of 「{opening}…」 has text starting 「{first_text}」, found 「{}」",
                text(first)
            ),
        );
    }
}

/// A paragraph, found by the start of its text, that has no inline points.
fn check_no_inline(f: &mut Facts, document: &Value, line: u64, opening: &str, why: &str) {
    let found = paragraphs_starting(document, opening);
    f.eq(
        format!("line {line}: one paragraph starts with 「{opening}」"),
        found.len(),
        1,
    );
    if let Some(paragraph) = found.first() {
        f.eq(
            format!("line {line}: 「{opening}…」 has no inline points ({why})"),
            inline_points(paragraph).len(),
            0,
        );
    }
}

/// A list of paragraph-start points: markers, numbers, leads and lines.
fn check_list(
    f: &mut Facts,
    list: &Value,
    what: &str,
    markers: &[String],
    first_line: u64,
    first_lead: &str,
    last_lead: &str,
) {
    let n = markers.len() as u64;
    f.eq(
        format!("{what}: point markers"),
        point_markers(list),
        markers.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    f.eq(
        format!("{what}: point numbers"),
        point_numbers(list),
        one_to(n),
    );
    f.eq(
        format!("{what}: one point a line, from line {first_line}"),
        point_lines(list),
        (first_line..first_line + n).collect::<Vec<_>>(),
    );
    let leads = point_leads(list);
    f.eq(
        format!(
            "{what}: first and last lead (lines {first_line} and {})",
            first_line + n - 1
        ),
        (leads.first().copied(), leads.last().copied()),
        (Some(first_lead), Some(last_lead)),
    );
}

/// The articles of a law: markers 第一条… in order, numbered 1..n, the
/// heading being just the marker, run in.
fn check_articles<'a>(
    f: &mut Facts,
    document: &'a Value,
    n: u64,
    first_line: u64,
    last_line: u64,
) -> Vec<&'a Value> {
    let articles = sections(document, "article");
    f.eq("the number of 第X条 sections", articles.len() as u64, n);
    f.eq(
        "the articles' numbers, in document order",
        articles.iter().map(|a| number(a)).collect::<Vec<_>>(),
        one_to(n),
    );
    f.eq(
        "the articles' markers, in document order",
        articles
            .iter()
            .map(|a| marker(a).to_owned())
            .collect::<Vec<_>>(),
        (1..=n)
            .map(|k| format!("第{}条", chinese(k)))
            .collect::<Vec<_>>(),
    );
    f.eq(
        "an article's heading text is just its marker",
        articles
            .iter()
            .filter(|a| heading_text(a) != marker(a))
            .map(|a| heading_text(a))
            .collect::<Vec<_>>(),
        vec![],
    );
    f.eq(
        "every article heading is run in (its text follows on the same line)",
        articles.iter().filter(|a| run_in(a) != Some(true)).count(),
        0,
    );
    if let (Some(first), Some(last)) = (articles.first(), articles.last()) {
        f.eq(
            format!("the first article: 第一条 at line {first_line}"),
            (marker(first), start_line(first)),
            ("第一条", first_line),
        );
        let last_marker = format!("第{}条", chinese(n));
        f.eq(
            format!("the last article: {last_marker} at line {last_line}"),
            (marker(last), start_line(last)),
            (last_marker.as_str(), last_line),
        );
    }
    articles
}

/// The point lists inside each article: for every article, the point counts
/// of its lists (articles not named have none), all `（一）` lists directly
/// in the article.
fn check_article_points(f: &mut Facts, articles: &[&Value], expected: &[(&str, &[u64])]) {
    for article in articles {
        let name = marker(article);
        let wanted: Vec<u64> = expected
            .iter()
            .find(|(m, _)| *m == name)
            .map_or(Vec::new(), |(_, counts)| counts.to_vec());
        let direct: Vec<u64> = children(article)
            .iter()
            .filter(|child| kind(child) == "list")
            .map(|list| children(list).len() as u64)
            .collect();
        f.eq(
            format!(
                "{name} (line {}): the point counts of the lists directly in it",
                start_line(article)
            ),
            direct,
            wanted.clone(),
        );
        for list in lists(article, "chinese_parenthesized") {
            let n = children(list).len() as u64;
            f.eq(
                format!("{name}: a （一） list's markers"),
                point_markers(list)
                    .into_iter()
                    .map(str::to_owned)
                    .collect::<Vec<_>>(),
                parenthesized(n),
            );
            f.eq(
                format!("{name}: a （一） list's numbers"),
                point_numbers(list),
                one_to(n),
            );
        }
    }
}

/// No `（一）` is a section anywhere in a law: they are points of articles.
fn check_no_parenthesized_sections(f: &mut Facts, document: &Value) {
    let wrong: Vec<String> = sections(document, "chinese_parenthesized")
        .iter()
        .map(|s| format!("line {}: {}", start_line(s), marker(s)))
        .collect();
    f.eq(
        "no （一） is a section (in a law they are points inside articles)",
        wrong,
        Vec::<String>::new(),
    );
}

// ---------------------------------------------------------------------------
// The documents.

/// 2024 government work report: UTF-8, one paragraph a line, 89 lines.
#[test]
fn gov_work_report_2024() {
    let Some(doc) = outline_of(REPORT_2024) else {
        return;
    };
    let mut f = Facts::new(REPORT_2024);

    f.eq(
        "source.encoding",
        doc.pointer("/source/encoding").and_then(Value::as_str),
        Some("utf-8"),
    );

    // Line 1 is 政府工作报告——2024年3月5日在…会议上国务院总理 李强: the
    // title, with its date/occasion and speaker on the same line.
    let title = doc.get("title").filter(|t| t.is_object());
    f.check(title.is_some(), "line 1: the document has a title");
    if let Some(title) = title {
        f.check(
            text(title).starts_with("政府工作报告"),
            format!(
                "line 1: the title starts with 政府工作报告, found 「{}」",
                text(title)
            ),
        );
        f.eq(
            "line 1: the title starts at line 1, column 1",
            (
                start_line(title),
                title
                    .pointer("/position/start/column")
                    .and_then(Value::as_u64),
            ),
            (1, Some(1)),
        );
    }
    let line1: Vec<&str> = leaves_on_line(&doc, 1).iter().map(|l| kind(l)).collect();
    f.check(
        line1
            .iter()
            .all(|k| ["title", "subtitle", "byline"].contains(k)),
        format!("line 1 holds only title/subtitle/byline leaves, found {line1:?}"),
    );
    leaf_on_line(&mut f, &doc, 2, "addressee", Some("各位代表："));

    // 一、 headings: lines 4, 25, 35.
    let parts = check_parts(
        &mut f,
        &doc,
        &[
            ("一、2023年工作回顾", 4),
            ("二、2024年经济社会发展总体要求和政策取向", 25),
            ("三、2024年政府工作任务", 35),
        ],
        "lines 4, 25, 35",
    );
    for (parent, parent_line) in [("一、", 4), ("二、", 25)] {
        check_sub_parts(
            &mut f,
            &parts,
            &SubParts {
                parent,
                parent_line,
                count: 0,
                first: None,
                last: None,
                run_in: true,
            },
        );
    }
    // 三、: （一） at line 37 … （十） at line 72, each the first sentence of
    // its paragraph.
    check_sub_parts(
        &mut f,
        &parts,
        &SubParts {
            parent: "三、",
            parent_line: 35,
            count: 10,
            first: Some(("（一）大力推进现代化产业体系建设，加快发展新质生产力。", 37)),
            last: Some(("（十）切实保障和改善民生，加强和创新社会治理。", 72)),
            run_in: true,
        },
    );
    if let Some(first) = by_marker(&parts, "三、")
        .map(|p| child_sections(p, "chinese_parenthesized"))
        .and_then(|subs| subs.first().copied())
    {
        let first_child = children(first).first();
        f.eq(
            "line 37: the run-in （一）'s first child is a paragraph with the rest of the line",
            first_child.map(|c| (kind(c), text(c).starts_with("充分发挥创新主导作用"))),
            Some(("paragraph", true)),
        );
    }

    // Points: ——经济总体回升向好。 … ——民生保障有力有效。 (lines 6-12) and
    // 一是 … 六是 (lines 15-20), both directly in 一、.
    let em = lists(&doc, "em_dash");
    f.eq("the number of em_dash lists (lines 6-12)", em.len(), 1);
    if let Some(list) = em.first() {
        check_list(
            &mut f,
            list,
            "the em_dash list of 一、 (lines 6-12)",
            &vec!["——".to_owned(); 7],
            6,
            "经济总体回升向好",
            "民生保障有力有效",
        );
    }
    let shi = lists(&doc, "numeral_shi");
    f.eq("the number of 一是 lists (lines 15-20)", shi.len(), 1);
    if let Some(list) = shi.first() {
        check_list(
            &mut f,
            list,
            "the 一是 list of 一、 (lines 15-20)",
            &numeral_with("是", 6),
            15,
            "加大宏观调控力度，推动经济运行持续好转",
            "全面加强政府建设，大力提升治理效能",
        );
    }
    if let Some(first_part) = by_marker(&parts, "一、") {
        let direct: Vec<(&str, usize)> = children(first_part)
            .iter()
            .filter(|c| kind(c) == "list")
            .map(|l| (l["scheme"].as_str().unwrap_or(""), children(l).len()))
            .collect();
        f.eq(
            "the lists directly in 一、 (line 4): em_dash at 6-12, then 一是 at 15-20",
            direct,
            vec![("em_dash", 7), ("numeral_shi", 6)],
        );
        f.check(
            children(first_part)
                .first()
                .is_some_and(|c| kind(c) == "paragraph" && text(c).starts_with("过去一年，")),
            "line 5: the first child of 一、 is the paragraph 「过去一年，…」",
        );
    }
    f.eq(
        "the lists in the whole report (only lines 6-12 and 15-20 open with markers)",
        of_type(&doc, "list").len(),
        2,
    );

    // No paragraph holds an enumeration: 一是…六是 open their own lines and no
    // marker occurs inside a line.
    f.eq(
        "paragraphs with inline points (none: no marker occurs inside a line)",
        of_type(&doc, "paragraph")
            .iter()
            .filter(|p| !inline_points(p).is_empty())
            .map(|p| start_line(p))
            .collect::<Vec<_>>(),
        vec![],
    );
    f.finish();
}

/// 2007 government work report: GBK, one paragraph a line, 103 lines, a news
/// page's head (title, dateline, the speech's title stack, a photo caption).
#[test]
fn gov_work_report_2007() {
    let Some(doc) = outline_of(REPORT_2007) else {
        return;
    };
    let mut f = Facts::new(REPORT_2007);

    let encoding = doc
        .pointer("/source/encoding")
        .and_then(Value::as_str)
        .unwrap_or("");
    f.check(
        encoding == "gbk" || encoding == "gb18030",
        format!("source.encoding is gbk or gb18030, found 「{encoding}」"),
    );

    // The head, lines 1-7:
    //   1 2007年国务院政府工作报告              the page's title
    //   2 新华社北京２００７年３月１７日电        the news dateline: byline
    //   3 政府工作报告                          the speech's own title, a title
    //                                           line right above the —— line: subtitle
    //   4 ——2007年3月5日在第十届…会议上         opens with ——: subtitle
    //   5 国务院总理　温家宝                    the speaker: byline
    //   6 3月5日，…开幕。…新华社记者 姚大伟摄   a photo caption (type not pinned)
    //   7 各位代表：                            addressee
    f.eq(
        "line 1: the title",
        doc.get("title").map(|t| (text(t), start_line(t))),
        Some(("2007年国务院政府工作报告", 1)),
    );
    leaf_on_line(
        &mut f,
        &doc,
        2,
        "byline",
        Some("新华社北京２００７年３月１７日电"),
    );
    leaf_on_line(&mut f, &doc, 3, "subtitle", Some("政府工作报告"));
    leaf_on_line(
        &mut f,
        &doc,
        4,
        "subtitle",
        Some("——2007年3月5日在第十届全国人民代表大会第五次会议上"),
    );
    leaf_on_line(&mut f, &doc, 5, "byline", Some("国务院总理　温家宝"));
    let line6: Vec<&str> = leaves_on_line(&doc, 6).iter().map(|l| kind(l)).collect();
    f.check(
        !line6
            .iter()
            .any(|k| ["title", "heading", "subtitle", "addressee"].contains(k)),
        format!(
            "line 6 (a photo caption) is no title, heading, subtitle or addressee, found {line6:?}"
        ),
    );
    leaf_on_line(&mut f, &doc, 7, "addressee", Some("各位代表："));
    f.eq(
        "the first section starts at line 9 (一、): nothing in the head (lines 1-8) is a heading",
        of_type(&doc, "section").first().map(|s| start_line(s)),
        Some(9),
    );

    // 一、 headings: lines 9, 43, 49, 71, 94.
    let parts = check_parts(
        &mut f,
        &doc,
        &[
            ("一、2006年工作回顾", 9),
            ("二、2007年工作总体部署", 43),
            ("三、促进经济又好又快发展", 49),
            ("四、推进社会主义和谐社会建设", 71),
            ("五、深化改革和扩大开放", 94),
        ],
        "lines 9, 43, 49, 71, 94",
    );
    let sub_parts = [
        // 一、: （一）…（七） run in, lines 18-33.
        SubParts {
            parent: "一、",
            parent_line: 9,
            count: 7,
            first: Some(("（一）加强和改善宏观调控。", 18)),
            last: Some(("（七）继续加强民主法制建设。", 33)),
            run_in: true,
        },
        SubParts {
            parent: "二、",
            parent_line: 43,
            count: 0,
            first: None,
            last: None,
            run_in: false,
        },
        // 三、 and 四、: （一）… on their own lines.
        SubParts {
            parent: "三、",
            parent_line: 49,
            count: 5,
            first: Some(("（一）坚持加强和改善宏观调控", 51)),
            last: Some(("（五）进一步推动区域协调发展", 68)),
            run_in: false,
        },
        SubParts {
            parent: "四、",
            parent_line: 71,
            count: 5,
            first: Some(("（一）加快教育、卫生、文化、体育等社会事业发展", 73)),
            last: Some(("（五）维护社会安定和谐", 92)),
            run_in: false,
        },
        SubParts {
            parent: "五、",
            parent_line: 94,
            count: 0,
            first: None,
            last: None,
            run_in: false,
        },
    ];
    for expected in &sub_parts {
        check_sub_parts(&mut f, &parts, expected);
    }
    if let Some(first) = by_marker(&parts, "一、")
        .map(|p| child_sections(p, "chinese_parenthesized"))
        .and_then(|subs| subs.first().copied())
    {
        f.eq(
            "line 18: the run-in （一）'s first child is a paragraph with the rest of the line",
            children(first)
                .first()
                .map(|c| (kind(c), text(c).starts_with("针对经济运行中"))),
            Some(("paragraph", true)),
        );
    }

    // Points: ——经济平稳快速增长。 … ——人民生活有较大改善。 (lines 11-15)
    // directly in 一、; 一是 … 四是 (lines 38-41) further down in 一、.
    let em = lists(&doc, "em_dash");
    f.eq("the number of em_dash lists (lines 11-15)", em.len(), 1);
    if let Some(list) = em.first() {
        check_list(
            &mut f,
            list,
            "the em_dash list of 一、 (lines 11-15)",
            &vec!["——".to_owned(); 5],
            11,
            "经济平稳快速增长",
            "人民生活有较大改善",
        );
    }
    let shi = lists(&doc, "numeral_shi");
    f.eq("the number of 一是 lists (lines 38-41)", shi.len(), 1);
    if let Some(list) = shi.first() {
        check_list(
            &mut f,
            list,
            "the 一是 list (lines 38-41)",
            &numeral_with("是", 4),
            38,
            "经济结构矛盾突出",
            "政府自身建设存在一些问题",
        );
    }
    if let Some(first_part) = by_marker(&parts, "一、") {
        f.eq(
            "the em_dash list (lines 11-15) is directly in 一、 (line 9)",
            children(first_part)
                .iter()
                .filter(|c| kind(c) == "list")
                .map(|l| l["scheme"].as_str().unwrap_or(""))
                .collect::<Vec<_>>(),
            vec!["em_dash"],
        );
        f.eq(
            "the 一是 list (lines 38-41) lies within 一、 (lines 9-42)",
            lists(first_part, "numeral_shi").len(),
            1,
        );
    }
    f.eq(
        "the lists in the whole report (only lines 11-15 and 38-41 open with point markers)",
        of_type(&doc, "list").len(),
        2,
    );

    // Inline points: enumerations inside one paragraph (one line each).
    let inline: [(u64, &str, &str, u64, &str); 11] = [
        (
            48,
            "实现今年经济社会发展的目标和任务",
            "是",
            5,
            "稳定、完善和落实政策",
        ),
        (52, "继续实行稳健的财政政策。", "是", 3, "适当减少财政赤字"),
        (56, "房地产业对发展经济", "是", 4, "从我国人多地少的国情"),
        (58, "农业、农村和农民问题", "是", 5, "稳定发展粮食生产"),
        (
            59,
            "发展现代农业，推进新农村建设",
            "要",
            4,
            "巩固、完善和加强支农惠农政策",
        ),
        (
            62,
            "今年要把节能降耗",
            "是",
            8,
            "完善并严格执行能耗和环保标准",
        ),
        (
            63,
            "节约集约用地，不仅关系",
            "要",
            5,
            "认真执行土地利用总体规划",
        ),
        (
            75,
            "为了促进教育发展和教育公平",
            "是",
            2,
            "从今年新学年开始",
        ),
        (
            77,
            "加快卫生事业改革发展。",
            "是",
            4,
            "积极推行新型农村合作医疗制度",
        ),
        (
            96,
            "深化国有企业改革。",
            "要",
            4,
            "按照有进有退、合理流动的原则",
        ),
        (100, "加快金融体制改革。", "要", 6, "深化国有银行改革"),
    ];
    for (line, opening, suffix, n, first_text) in inline {
        check_inline(
            &mut f,
            &doc,
            line,
            opening,
            &numeral_with(suffix, n),
            first_text,
        );
    }
    f.eq(
        "the paragraphs with inline points: lines 48 52 56 58 59 62 63 75 77 96 100",
        of_type(&doc, "paragraph")
            .iter()
            .filter(|p| !inline_points(p).is_empty())
            .map(|p| start_line(p))
            .collect::<Vec<_>>(),
        inline.iter().map(|(line, ..)| *line).collect::<Vec<_>>(),
    );
    // False friends.
    check_no_inline(
        &mut f,
        &doc,
        86,
        "坚决遏制重特大安全事故发生",
        "「安全第一，预防为主」 is a slogan, and no 第二， follows",
    );
    check_no_inline(
        &mut f,
        &doc,
        44,
        "今年是本届政府任期的最后一年",
        "「最后一年」 is no discourse marker",
    );
    check_no_inline(
        &mut f,
        &doc,
        38,
        "一是经济结构矛盾突出。",
        "「一二三产业」 is no marker; the paragraph is the point 一是",
    );
    f.finish();
}

/// 劳动合同法 (2012): Markdown, `#` title, `##` chapters, `###` 节 in 第五章,
/// 第X条 run in with a space, blank lines between paragraphs.
#[test]
fn labor_contract_law_2012() {
    let Some(doc) = outline_of(LABOR_LAW) else {
        return;
    };
    let mut f = Facts::new(LABOR_LAW);

    f.eq(
        "source.encoding",
        doc.pointer("/source/encoding").and_then(Value::as_str),
        Some("utf-8"),
    );
    // Line 1: # 中华人民共和国劳动合同法
    f.eq(
        "line 1: the Markdown # line is the title",
        doc.get("title")
            .filter(|t| t.is_object())
            .map(|t| (text(t).trim_start_matches('#').trim_start(), start_line(t))),
        Some(("中华人民共和国劳动合同法", 1)),
    );
    // Lines 3, 5, 7 (adoption and amendment notes, an HTML comment) come
    // before the first chapter and open nothing.
    f.eq(
        "the first section starts at line 9 (## 第一章 总则)",
        of_type(&doc, "section").first().map(|s| start_line(s)),
        Some(9),
    );

    // Chapters: ## lines 9, 33, 141, 163, 291, 389, 425, 483.
    let chapters = sections(&doc, "chapter");
    f.eq(
        "the chapters' lines",
        chapters.iter().map(|c| start_line(c)).collect::<Vec<_>>(),
        vec![9, 33, 141, 163, 291, 389, 425, 483],
    );
    f.eq(
        "the chapters' markers",
        chapters
            .iter()
            .map(|c| marker(c).to_owned())
            .collect::<Vec<_>>(),
        (1..=8)
            .map(|k| format!("第{}章", chinese(k)))
            .collect::<Vec<_>>(),
    );
    f.eq(
        "the chapters' numbers",
        chapters.iter().map(|c| number(c)).collect::<Vec<_>>(),
        one_to(8),
    );
    f.eq(
        "the chapters are the document's top-level sections, at level 1",
        (
            child_sections(&doc, "chapter").len(),
            children(&doc)
                .iter()
                .filter(|c| kind(c) == "section")
                .count(),
            chapters.iter().map(|c| level(c)).collect::<Vec<_>>(),
        ),
        (8, 8, vec![1; 8]),
    );
    f.eq(
        "the first (line 9) and last (line 483) chapter headings, without # markup",
        (
            chapters.first().map(|c| heading_words(c)),
            chapters.last().map(|c| heading_words(c)),
        ),
        (Some("第一章 总则"), Some("第八章 附则")),
    );

    // 节: ### lines 293, 311, 373, all in 第五章 (line 291).
    let fifth = by_marker(&chapters, "第五章");
    let parts = sections(&doc, "section");
    f.eq(
        "the 第X节 sections: lines 293, 311, 373",
        parts.iter().map(|s| start_line(s)).collect::<Vec<_>>(),
        vec![293, 311, 373],
    );
    if let Some(fifth) = fifth {
        let direct = child_sections(fifth, "section");
        f.eq(
            "第五章 (line 291) holds 第一节, 第二节, 第三节 and nothing else",
            (
                direct.iter().map(|s| marker(s)).collect::<Vec<_>>(),
                child_kinds(fifth),
            ),
            (
                vec!["第一节", "第二节", "第三节"],
                vec!["section", "section", "section"],
            ),
        );
        f.eq(
            "the 节 under 第五章: numbers, levels, first and last heading",
            (
                direct.iter().map(|s| number(s)).collect::<Vec<_>>(),
                direct.iter().map(|s| level(s)).collect::<Vec<_>>(),
                direct.first().map(|s| heading_words(s)),
                direct.last().map(|s| heading_words(s)),
            ),
            (
                one_to(3),
                vec![2; 3],
                Some("第一节 集体合同"),
                Some("第三节 非全日制用工"),
            ),
        );
    } else {
        f.check(false, "line 291: 第五章 exists");
    }

    // Articles: 第一条 (line 11) … 第九十八条 (line 493).
    let articles = check_articles(&mut f, &doc, 98, 11, 493);
    f.eq(
        "articles per chapter (第五章's are in its 节)",
        chapters
            .iter()
            .map(|c| sections(c, "article").len())
            .collect::<Vec<_>>(),
        vec![6, 22, 7, 15, 22, 7, 16, 3],
    );
    f.eq(
        "articles per 节 of 第五章 (lines 293, 311, 373)",
        parts
            .iter()
            .map(|s| child_sections(s, "article").len())
            .collect::<Vec<_>>(),
        vec![6, 11, 5],
    );
    f.eq(
        "article levels: 3 under a 节 (第五十一条…第七十二条), 2 directly under a chapter",
        articles.iter().map(|a| level(a)).collect::<Vec<_>>(),
        (1..=98u64)
            .map(|k| if (51..=72).contains(&k) { 3 } else { 2 })
            .collect::<Vec<_>>(),
    );
    f.eq(
        "every section is a chapter, 节 or article (8 + 3 + 98)",
        of_type(&doc, "section").len(),
        109,
    );

    // The paragraphs (款) of articles.
    let article = |name: &str| by_marker(&articles, name);
    if let Some(a) = article("第二条") {
        f.eq(
            "第二条 (lines 13, 15): two paragraphs, the first the rest of the marker's line",
            (
                child_kinds(a),
                children(a)
                    .first()
                    .is_some_and(|p| text(p).starts_with("中华人民共和国境内的企业")),
            ),
            (vec!["paragraph", "paragraph"], true),
        );
    }
    if let Some(a) = article("第四条") {
        f.eq(
            "第四条 (lines 21-27): four paragraphs",
            child_kinds(a),
            vec!["paragraph"; 4],
        );
    }
    if let Some(a) = article("第十四条") {
        f.eq(
            "第十四条 (lines 55-65): two paragraphs, （一）-（三）, a paragraph",
            child_kinds(a),
            vec!["paragraph", "paragraph", "list", "paragraph"],
        );
    }
    if let Some(a) = article("第四十一条") {
        f.eq(
            "第四十一条 (lines 207-225): paragraph, （一）-（四）, paragraph, （一）-（三）, paragraph",
            child_kinds(a),
            vec!["paragraph", "list", "paragraph", "list", "paragraph"],
        );
    }

    // （一） points inside articles.
    let expected: [(&str, &[u64]); 15] = [
        ("第十四条", &[3]),      // lines 59-63
        ("第十七条", &[9]),      // lines 77-93
        ("第二十六条", &[3]),    // lines 129-133
        ("第三十八条", &[6]),    // lines 171-181
        ("第三十九条", &[6]),    // lines 187-197
        ("第四十条", &[3]),      // lines 201-205
        ("第四十一条", &[4, 3]), // lines 211-217 and 221-225
        ("第四十二条", &[6]),    // lines 229-239
        ("第四十四条", &[6]),    // lines 245-255
        ("第四十六条", &[7]),    // lines 261-273
        ("第五十七条", &[4]),    // lines 315-321
        ("第六十二条", &[5]),    // lines 343-351
        ("第七十四条", &[7]),    // lines 399-411
        ("第八十五条", &[4]),    // lines 445-451
        ("第八十八条", &[4]),    // lines 459-465
    ];
    check_article_points(&mut f, &articles, &expected);
    let all = lists(&doc, "chinese_parenthesized");
    f.eq(
        "（一） lists and points in the whole law",
        (
            all.len(),
            all.iter().map(|l| children(l).len()).sum::<usize>(),
            of_type(&doc, "list").len(),
        ),
        (16, 80, 16),
    );
    if let Some(list) =
        article("第十七条").and_then(|a| lists(a, "chinese_parenthesized").first().copied())
    {
        f.eq(
            "第十七条: its points start at lines 77, 79, …, 93",
            point_lines(list),
            (0..9).map(|k| 77 + 2 * k).collect::<Vec<_>>(),
        );
    }
    check_no_parenthesized_sections(&mut f, &doc);
    f.eq(
        "no table of contents (the law has no 目录)",
        of_type(&doc, "table_of_contents").len(),
        0,
    );
    f.finish();
}

/// 党政机关公文处理工作条例 (2012): U+3000 indents, 第X章 flush left,
/// 第X条 run in after U+3000, one paragraph a line.
#[test]
fn party_gov_document_handling_regulation_2012() {
    let Some(doc) = outline_of(REGULATION) else {
        return;
    };
    let mut f = Facts::new(REGULATION);

    f.eq(
        "source.encoding",
        doc.pointer("/source/encoding").and_then(Value::as_str),
        Some("utf-8"),
    );
    f.eq(
        "line 1: the title",
        doc.get("title").map(|t| (text(t), start_line(t))),
        Some(("党政机关公文处理工作条例", 1)),
    );
    // The regulation has no 目录 (the word does not occur in it).
    f.eq(
        "no table of contents (目录 does not occur)",
        of_type(&doc, "table_of_contents").len(),
        0,
    );

    // Chapters: lines 3, 13, 32, 57, 78, 99, 118, 136.
    let chapters = sections(&doc, "chapter");
    f.eq(
        "the chapters' lines",
        chapters.iter().map(|c| start_line(c)).collect::<Vec<_>>(),
        vec![3, 13, 32, 57, 78, 99, 118, 136],
    );
    f.eq(
        "the chapters' markers",
        chapters
            .iter()
            .map(|c| marker(c).to_owned())
            .collect::<Vec<_>>(),
        (1..=8)
            .map(|k| format!("第{}章", chinese(k)))
            .collect::<Vec<_>>(),
    );
    f.eq(
        "the chapters' numbers",
        chapters.iter().map(|c| number(c)).collect::<Vec<_>>(),
        one_to(8),
    );
    f.eq(
        "the chapters are the document's top-level sections, at level 1",
        (
            child_sections(&doc, "chapter").len(),
            children(&doc)
                .iter()
                .filter(|c| kind(c) == "section")
                .count(),
            chapters.iter().map(|c| level(c)).collect::<Vec<_>>(),
        ),
        (8, 8, vec![1; 8]),
    );
    f.eq(
        "the first (line 3) and last (line 136) chapter headings: one space after the \
         marker, the letter-spacing of 总　　则 removed",
        (
            chapters.first().map(|c| heading_text(c)),
            chapters.last().map(|c| heading_text(c)),
        ),
        (Some("第一章 总则"), Some("第八章 附则")),
    );
    f.eq(
        "the regulation has no 节",
        sections(&doc, "section").len(),
        0,
    );

    // Articles: 第一条 (line 5) … 第四十二条 (line 142), all directly in
    // chapters.
    let articles = check_articles(&mut f, &doc, 42, 5, 142);
    f.eq(
        "articles per chapter",
        chapters
            .iter()
            .map(|c| child_sections(c, "article").len())
            .collect::<Vec<_>>(),
        vec![7, 1, 4, 5, 5, 5, 10, 5],
    );
    f.eq(
        "every article is at level 2",
        articles.iter().filter(|a| level(a) != 2).count(),
        0,
    );
    f.eq(
        "every section is a chapter or an article (8 + 42)",
        of_type(&doc, "section").len(),
        50,
    );

    let article = |name: &str| by_marker(&articles, name);
    if let Some(a) = article("第八条") {
        f.eq(
            "第八条 (line 15): its paragraph is the rest of the line, 「公文种类主要有：」",
            children(a).first().map(|p| (kind(p), text(p))),
            Some(("paragraph", "公文种类主要有：")),
        );
    }
    if let Some(a) = article("第十七条") {
        f.eq(
            "第十七条 (lines 74-76): three paragraphs",
            child_kinds(a),
            vec!["paragraph"; 3],
        );
    }
    if let Some(a) = article("第二十条") {
        f.eq(
            "第二十条 (lines 89-95): paragraph, （一）-（五）, paragraph",
            child_kinds(a),
            vec!["paragraph", "list", "paragraph"],
        );
    }

    // （一） points inside articles.
    let expected: [(&str, &[u64]); 8] = [
        ("第八条", &[15]),    // lines 16-30
        ("第九条", &[18]),    // lines 35-52
        ("第十五条", &[6]),   // lines 62-67
        ("第十六条", &[5]),   // lines 69-73
        ("第十九条", &[7]),   // lines 82-88
        ("第二十条", &[5]),   // lines 90-94
        ("第二十四条", &[7]), // lines 103-109
        ("第二十五条", &[4]), // lines 111-114
    ];
    check_article_points(&mut f, &articles, &expected);
    let all = lists(&doc, "chinese_parenthesized");
    f.eq(
        "（一） lists and points in the whole regulation",
        (
            all.len(),
            all.iter().map(|l| children(l).len()).sum::<usize>(),
            of_type(&doc, "list").len(),
        ),
        (8, 67, 8),
    );
    if let Some(list) =
        article("第九条").and_then(|a| lists(a, "chinese_parenthesized").first().copied())
    {
        f.eq(
            "第九条: its points are lines 35-52, the last （十八） numbered 18",
            (
                point_lines(list),
                point_markers(list).last().copied(),
                point_numbers(list).last().copied(),
            ),
            ((35..=52).collect::<Vec<_>>(), Some("（十八）"), Some(18)),
        );
    }
    check_no_parenthesized_sections(&mut f, &doc);
    f.finish();
}
