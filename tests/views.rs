//! The views, run as a separate process: `outline parse --format tree`,
//! `outline parse --format markdown` and `outline report`.
//!
//! The tree is held to a snapshot of the seed (`tests/snapshots/`; review a
//! change with `cargo insta review`, or accept it with
//! `INSTA_UPDATE=always cargo test --test views`); the Markdown is read
//! back with a small line parser of its own (headings, list items, thematic
//! breaks, paragraphs); the report is checked for being self-contained and
//! for holding every node and every finding. The browser test of the report
//! is `scripts/browser-test.sh`.

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;
use support::cli::{run_in, Run, Scratch};

/// The seed article, relative to the crate root (the working directory of
/// every run), so that the name in the outputs is exactly this string.
const SEED: &str = "fixtures/ai-industry-upgrade.txt";

/// Paragraphs that begin with Markdown markup (`-`, `#`, `>`, `2024.`, `+`)
/// and points with `_`, `[ ]` and `<>` in their text.
const ESCAPES: &str = "fixtures/views/markdown-escapes.txt";

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

/// Run the binary with `args` in the crate root; standard output is a pipe
/// (so no colour).
fn outline(args: &[&str]) -> Run {
    run_in(None, args, None)
}

/// Run the binary, insist on exit status 0, return standard output.
fn stdout_of(args: &[&str]) -> String {
    let run = outline(args);
    run.assert_code(0, &format!("outline {args:?}"));
    run.stdout_text()
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

// ---------------------------------------------------------------------------
// --format tree
// ---------------------------------------------------------------------------

#[test]
fn tree_of_the_seed_shows_lines_markers_leads_and_flags() {
    let tree = stdout_of(&["parse", "--format", "tree", SEED]);
    assert!(!tree.contains('\x1b'), "colour on a pipe:\n{tree}");
    let lines: Vec<&str> = tree.lines().collect();
    assert_eq!(
        lines[0],
        "fixtures/ai-industry-upgrade.txt  (100 lines, utf-8, segmented)"
    );
    for expected in [
        "  L2    ■ 人工智能引领科技创新助推产业结构升级",
        "  L4    ──",
        "  L6    ↻ 人工智能引领科技创新助推产业结构升级  (repeated title)",
        "  L17   § 人工智能引领科技革命",
        "  L19   § 加速深化人工智能产业链",
        "  L32   § 人工智能赋能产业升级",
        "  L42     • 一是 大力发展人工智能新兴产业",
        "  L51     • 二是 加快推进传统产业转型升级  (~end)",
        "  L67   § 科学制定人工智能产业政策",
        "  L99     □ [ ]  (placeholder)",
    ] {
        assert!(lines.contains(&expected), "missing {expected:?} in\n{tree}");
    }
    // A paragraph cut after a separator, and one cut before.
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("  L28     ¶ 快速扩大产业规模") && l.ends_with("  (~start)")),
        "{tree}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("  L47       ¶ 人工智能的发展也催生了")
                && l.ends_with("  (~end)")),
        "{tree}"
    );
    // Eight points, four sections, eleven separators.
    assert_eq!(lines.iter().filter(|l| l.contains(" • ")).count(), 8);
    assert_eq!(lines.iter().filter(|l| l.contains(" § ")).count(), 4);
    assert_eq!(lines.iter().filter(|l| l.ends_with(" ──")).count(), 11);
}

#[test]
fn tree_of_the_seed_snapshot() {
    let tree = stdout_of(&["parse", "--format", "tree", SEED]);
    insta::assert_snapshot!("tree_seed", tree);
}

#[test]
fn tree_texts_are_cut_to_forty_columns() {
    let tree = stdout_of(&["parse", "--format", "tree", SEED]);
    for line in tree.lines().skip(1) {
        // After the glyph: the text, then the flags.
        let Some((_, body)) = line.split_once(['¶', '•', '§', '■', '↻']) else {
            continue;
        };
        let text = body.trim_start().split("  (").next().unwrap_or_default();
        let width: usize = text
            .chars()
            .map(|c| if (c as u32) >= 0x2e80 { 2 } else { 1 })
            .sum();
        // A point line holds its marker (2 chars, 4 columns) and a space too.
        assert!(width <= 45, "{width} columns: {line}");
        if text.ends_with('…') {
            assert!(width >= 35, "cut too short: {line}");
        }
    }
}

#[test]
fn tree_is_plain_with_no_color_and_written_to_a_file() {
    let scratch = Scratch::new("tree-file");
    let out = scratch.path("tree.txt");
    let output = Command::new(env!("CARGO_BIN_EXE_outline"))
        .args(["parse", "--format", "tree", SEED, "-o", path_str(&out)])
        .env("NO_COLOR", "1")
        .output()
        .expect("run outline");
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    let tree = fs::read_to_string(&out).expect("the tree file");
    assert!(!tree.contains('\x1b'));
    assert_eq!(tree, stdout_of(&["parse", "--format", "tree", SEED]));
}

#[test]
fn json_stays_the_default_format() {
    let json = stdout_of(&["parse", SEED]);
    let explicit = stdout_of(&["parse", "--format", "json", SEED]);
    assert_eq!(json, explicit);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["type"], "document");
}

// ---------------------------------------------------------------------------
// --format markdown
// ---------------------------------------------------------------------------

/// What a Markdown line is, as CommonMark would read it (for the simple
/// Markdown the view writes: one line a block, blocks between blank lines).
#[derive(Debug, PartialEq, Eq)]
enum Md {
    /// `#`…`######` and a space: the level and the text.
    Heading(usize, String),
    /// `- ` (after any indentation): the indentation and the item's text.
    Item(usize, String),
    /// `---` (after any indentation).
    Break,
    /// Any other non-blank line.
    Paragraph(String),
}

fn read_markdown(markdown: &str) -> Vec<Md> {
    let mut blocks = Vec::new();
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.is_empty() {
            continue;
        }
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') && indent < 4 {
            blocks.push(Md::Heading(hashes, trimmed[hashes + 1..].to_owned()));
        } else if trimmed == "---" {
            blocks.push(Md::Break);
        } else if let Some(text) = trimmed.strip_prefix("- ") {
            blocks.push(Md::Item(indent, text.to_owned()));
        } else {
            blocks.push(Md::Paragraph(trimmed.to_owned()));
        }
    }
    blocks
}

/// Whether a paragraph line starts with something CommonMark would read
/// as a block marker: a list item, a quote, a heading, an ordered item.
fn starts_like_markup(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    text.starts_with(['-', '+', '*', '>', '#', '='])
        || (digits > 0 && text[digits..].starts_with(['.', ')']))
}

#[test]
fn markdown_of_the_seed_has_its_headings_and_eight_items() {
    let markdown = stdout_of(&["parse", "--format", "markdown", SEED]);
    let blocks = read_markdown(&markdown);
    let headings: Vec<(usize, &str)> = blocks
        .iter()
        .filter_map(|b| match b {
            Md::Heading(level, text) => Some((*level, text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings,
        [
            (1, "人工智能引领科技创新助推产业结构升级"),
            (2, "人工智能引领科技革命"),
            (2, "加速深化人工智能产业链"),
            (2, "人工智能赋能产业升级"),
            (2, "科学制定人工智能产业政策"),
        ]
    );
    let items: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            Md::Item(0, text) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(items.len(), 8, "{markdown}");
    assert_eq!(
        blocks.iter().filter(|b| matches!(b, Md::Item(..))).count(),
        8
    );
    for (item, marker) in items.iter().zip(["一是", "二是", "三是", "四是"].repeat(2)) {
        assert!(
            item.starts_with(&format!("**{marker}**")),
            "item {item:?} should keep its marker {marker}"
        );
    }
    assert!(items[0].starts_with("**一是**大力发展人工智能新兴产业。"));
    assert_eq!(blocks.iter().filter(|b| **b == Md::Break).count(), 11);
    // The repeated titles are emphasized lines, the placeholder as written.
    let title = "*人工智能引领科技创新助推产业结构升级*";
    assert_eq!(
        blocks
            .iter()
            .filter(|b| matches!(b, Md::Paragraph(t) if t == title))
            .count(),
        2
    );
    assert!(blocks.contains(&Md::Paragraph("\\[ \\]".to_owned())));
    // The paragraph after point 一是's own one stays inside its item.
    assert!(markdown.contains("\n\n  人工智能的发展也催生了一批新兴产业"));
}

#[test]
fn markdown_escapes_what_would_be_markup() {
    let markdown = stdout_of(&["parse", "--format", "markdown", ESCAPES]);
    let blocks = read_markdown(&markdown);
    let headings = blocks
        .iter()
        .filter(|b| matches!(b, Md::Heading(..)))
        .count();
    let items = blocks.iter().filter(|b| matches!(b, Md::Item(..))).count();
    // The title and two sections; the two points.
    assert_eq!(headings, 3, "{markdown}");
    assert_eq!(items, 2, "{markdown}");
    for block in &blocks {
        if let Md::Paragraph(text) = block {
            assert!(!starts_like_markup(text), "unescaped: {text:?}");
        }
    }
    for expected in [
        "# 关于\\*重点\\*任务的说明",
        "\\- 这一段以连字符开头，不是列表。",
        "\\# 这一段以井号开头，不是标题。",
        "\\> 这一段以大于号开头，不是引用。",
        "2024\\.5亿元的投入",
        "\\+ 加号开头的一段文字",
        "- **一是**强化\\_基础\\_支撑，完善\\[数据\\]要素。",
        "- **二是**拓展\\<应用\\>场景，推动融合发展。",
    ] {
        assert!(
            markdown.contains(expected),
            "missing {expected:?} in\n{markdown}"
        );
    }
}

// ---------------------------------------------------------------------------
// outline report
// ---------------------------------------------------------------------------

/// The seed's report, written with `-o`.
fn seed_report(scratch: &Scratch) -> String {
    let out = scratch.path("report.html");
    let run = outline(&["report", SEED, "-o", path_str(&out)]);
    run.assert_code(0, "report -o");
    assert!(run.stdout.is_empty());
    fs::read_to_string(&out).expect("the report")
}

/// `& < > " '` escaped, as the report writes text.
fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The findings of the seed with the default configuration.
fn seed_findings() -> Vec<outline::check::Diagnostic> {
    let text = fs::read_to_string(SEED).expect("the seed");
    let document = outline::parse(&text);
    outline::check::check(&document, &text, &outline::check::Config::default())
}

#[test]
fn report_is_self_contained() {
    let scratch = Scratch::new("self-contained");
    let html = seed_report(&scratch);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    let lower = html.to_ascii_lowercase();
    for banned in [
        "http://",
        "https://",
        "src=",
        "<link",
        "@import",
        "url(",
        "@font-face",
    ] {
        assert!(!lower.contains(banned), "the report holds {banned:?}");
    }
    assert_eq!(lower.matches("<style>").count(), 1);
    assert_eq!(lower.matches("<script>").count(), 1);
    assert!(html.contains("\"Noto Sans CJK SC\""));
    assert!(html.ends_with("</html>\n"));
}

#[test]
fn report_holds_every_finding_and_a_summary_per_rule() {
    let scratch = Scratch::new("findings");
    let html = seed_report(&scratch);
    let findings = seed_findings();
    assert_eq!(findings.len(), 11);
    for finding in &findings {
        let message = html_escape(&finding.message);
        // Once in the source pane, once in the list of all findings.
        assert!(
            html.matches(&message).count() >= 2,
            "missing {message:?} ({})",
            finding.rule
        );
        assert!(html.contains(&format!(
            "<div class=\"note sev-{}\" data-rule=\"{}\" data-start=\"{}\"",
            finding.severity, finding.rule, finding.position.start.line
        )));
    }
    assert_eq!(html.matches("<div class=\"note ").count(), 11);
    assert!(html.contains("class=\"line diag diag-warning\" id=\"f1-L17\""));
    assert!(html.contains("class=\"line diag diag-warning\" id=\"f1-L99\""));
    assert!(html.contains("<mark class=\"sev-warning\">[ ]</mark>"));
    for (rule, count) in [
        ("empty-section", 1),
        ("placeholder", 1),
        ("repeated-title", 2),
        ("truncated-paragraph", 7),
    ] {
        let row = format!("data-rule=\"{rule}\"><td><code>{rule}</code></td>");
        let at = html
            .find(&row)
            .unwrap_or_else(|| panic!("no summary row for {rule}"));
        let rest = &html[at..];
        assert!(
            rest.contains(&format!("<td class=\"num\">{count}</td>")),
            "{rule}"
        );
    }
    assert!(html.contains("0 errors, 2 warnings, 9 infos"));
}

#[test]
fn report_tree_nodes_carry_their_lines() {
    let scratch = Scratch::new("nodes");
    let html = seed_report(&scratch);
    for (start, end, text) in [
        (2, 2, "人工智能引领科技创新助推产业结构升级"),
        (17, 17, "人工智能引领科技革命"),
        (19, 30, "加速深化人工智能产业链"),
        (32, 65, "人工智能赋能产业升级"),
        (67, 100, "科学制定人工智能产业政策"),
    ] {
        let label = format!(
            "<a class=\"label\" href=\"#f1-L{start}\" data-start=\"{start}\" data-end=\"{end}\">"
        );
        let at = html
            .find(&label)
            .unwrap_or_else(|| panic!("no node for lines {start}-{end}"));
        assert!(html[at..].contains(text));
    }
    assert!(html.contains(
        "data-start=\"42\" data-end=\"49\"><span class=\"ln\">42</span><span class=\"glyph\">•</span><b class=\"marker\">一是</b><span class=\"text\">大力发展人工智能新兴产业</span>"
    ));
    assert_eq!(html.matches("<li class=\"node point\">").count(), 8);
    // Every source line, numbered.
    for line in 1..=100 {
        assert!(html.contains(&format!("id=\"f1-L{line}\" data-line=\"{line}\"")));
    }
    assert!(!html.contains("id=\"f1-L101\""));
}

#[test]
fn report_is_deterministic_and_goes_to_stdout_without_o() {
    let scratch = Scratch::new("deterministic");
    let first = seed_report(&scratch);
    let second = stdout_of(&["report", SEED]);
    assert_eq!(first, second);
}

#[test]
fn report_of_several_files_has_an_index() {
    let scratch = Scratch::new("index");
    let other = scratch.file(
        "other.txt",
        "数字经济发展\n\n　　一是加快建设。\n　　三是推动融合。\n",
    );
    let html = stdout_of(&["report", SEED, path_str(&other)]);
    assert!(html.contains("<nav class=\"index\" id=\"index\""));
    assert!(html.contains("<a href=\"#f1\">fixtures/ai-industry-upgrade.txt</a>"));
    assert!(html.contains(&format!(
        "<a href=\"#f2\">{}</a>",
        html_escape(path_str(&other))
    )));
    assert!(html.contains("<section class=\"file\" id=\"f2\">"));
    assert!(html.contains("id=\"f2-L4\""));
    assert!(html.contains("data-rule=\"numbering-gap\""));
    assert!(html.contains("<title>outline report: 2 files</title>"));
}

#[test]
fn report_escapes_the_text() {
    let scratch = Scratch::new("escape");
    let file = scratch.file(
        "a&b.txt",
        "标题<script>alert(1)</script>\n\n　　正文里有 <b>标签</b> 和 \"引号\" & 'x'。\n",
    );
    let html = stdout_of(&["report", path_str(&file)]);
    assert_eq!(html.to_ascii_lowercase().matches("<script>").count(), 1);
    assert!(!html.contains("<b>标签</b>"));
    assert!(html.contains("&lt;b&gt;标签&lt;/b&gt;"));
    assert!(html.contains("&quot;引号&quot; &amp; &#39;x&#39;"));
    assert!(html.contains("a&amp;b.txt"));
}

#[test]
fn report_uses_the_configuration() {
    let scratch = Scratch::new("config");
    let config = scratch.file("outline.toml", "[rules]\nplaceholder = \"off\"\n");
    let html = stdout_of(&["report", SEED, "--config", path_str(&config)]);
    assert!(!html.contains("data-rule=\"placeholder\""));
    assert!(html.contains("data-rule=\"empty-section\""));
}

#[test]
fn report_of_a_missing_file_fails_but_reports_the_others() {
    let scratch = Scratch::new("missing");
    let out = scratch.path("report.html");
    let missing = scratch.path("missing.txt");
    let run = outline(&["report", SEED, path_str(&missing), "-o", path_str(&out)]);
    // A failed item among others: 1, as for `parse` and `check`.
    assert_eq!(run.code, Some(1));
    let stderr = &run.stderr;
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert!(stderr.contains("outline: 1 of 2 files failed"), "{stderr}");
    let html = fs::read_to_string(&out).expect("the report of the seed");
    assert!(html.contains("<section class=\"file\" id=\"f1\">"));
    assert!(!html.contains("id=\"f2\""));
}

#[test]
fn report_of_files_that_all_fail_writes_nothing_and_exits_2() {
    let scratch = Scratch::new("all-missing");
    let out = scratch.path("report.html");
    let missing = scratch.path("missing.txt");
    let run = outline(&["report", path_str(&missing), "-o", path_str(&out)]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("missing.txt"), "{}", run.stderr);
    assert!(!run.stderr.contains("files failed"), "{}", run.stderr);
    assert!(!out.exists());
    let other = scratch.path("other.txt");
    let run = outline(&[
        "report",
        path_str(&missing),
        path_str(&other),
        "-o",
        path_str(&out),
    ]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains("outline: 2 of 2 files failed"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}
