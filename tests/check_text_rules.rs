//! The text rules of `outline check`: heading punctuation and length,
//! paragraph indentation, brackets, half-width punctuation, truncated
//! paragraphs, repeated titles and a missing title.
//!
//! Each rule has a fixture `fixtures/check/err/<rule-id>.txt` whose findings
//! of that rule are listed here exactly, as (rule, line, column, severity),
//! columns counted in characters. The texts `fixtures/check/ok/text_*.txt`
//! give no warning or error from these rules, and the seed gives only
//! infos.

use outline::check::{check, rules, Config, Diagnostic, Severity};
use std::fs;
use std::path::Path;

/// The rules this file is about.
const RULES: [&str; 8] = [
    "heading-punctuation",
    "heading-too-long",
    "inconsistent-indent",
    "unbalanced-brackets",
    "half-width-punctuation",
    "truncated-paragraph",
    "repeated-title",
    "no-title",
];

const SEED: &str = "fixtures/ai-industry-upgrade.txt";

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    fs::read_to_string(&full).unwrap_or_else(|err| panic!("cannot read {}: {err}", full.display()))
}

/// The findings of the rules in `only` on a text.
fn findings_of(text: &str, config: &Config, only: &[&str]) -> Vec<Diagnostic> {
    let document = outline::parse(text);
    check(&document, text, config)
        .into_iter()
        .filter(|d| only.contains(&d.rule.as_str()))
        .collect()
}

/// (rule, line, column, severity) of each finding.
fn places(found: &[Diagnostic]) -> Vec<(String, usize, usize, Severity)> {
    found
        .iter()
        .map(|d| {
            (
                d.rule.clone(),
                d.position.start.line,
                d.position.start.column,
                d.severity,
            )
        })
        .collect()
}

fn messages(found: &[Diagnostic]) -> Vec<&str> {
    found.iter().map(|d| d.message.as_str()).collect()
}

/// The expected places, all of one rule.
fn expected(rule: &str, at: &[(usize, usize, Severity)]) -> Vec<(String, usize, usize, Severity)> {
    at.iter()
        .map(|&(line, column, severity)| (rule.to_owned(), line, column, severity))
        .collect()
}

/// The findings of one rule on its err fixture, with the default
/// configuration.
fn on_fixture(rule: &str) -> Vec<Diagnostic> {
    let text = read(&format!("fixtures/check/err/{rule}.txt"));
    findings_of(&text, &Config::default(), &[rule])
}

const W: Severity = Severity::Warning;
const E: Severity = Severity::Error;
const I: Severity = Severity::Info;

#[test]
fn heading_punctuation_fixture() {
    let rule = "heading-punctuation";
    let found = on_fixture(rule);
    // 一、总体要求。 / 二、主要任务： / 三、为什么要发展人工智能？ (only info);
    // the run-in （一）强化组织领导。 is not reported.
    assert_eq!(
        places(&found),
        expected(rule, &[(3, 7, W), (7, 7, W), (13, 13, I)])
    );
    assert_eq!(
        messages(&found),
        [
            "heading ends with `。`",
            "heading ends with `：`",
            "heading ends with `？`"
        ]
    );
    assert_eq!(found[0].expected.as_deref(), Some("一、总体要求"));
    assert_eq!(found[0].actual.as_deref(), Some("一、总体要求。"));
}

#[test]
fn heading_too_long_fixture() {
    let rule = "heading-too-long";
    let found = on_fixture(rule);
    // A standalone heading of 33 characters and a run-in one of 42.
    assert_eq!(places(&found), expected(rule, &[(3, 1, W), (7, 1, W)]));
    assert_eq!(
        messages(&found),
        [
            "heading has 33 characters, more than 30",
            "heading has 42 characters, more than 30"
        ]
    );
    // The whole heading is covered: the standalone one ends at its line's end.
    assert_eq!(
        (found[0].position.end.line, found[0].position.end.column),
        (3, 34)
    );
}

#[test]
fn heading_too_long_takes_its_limit_from_the_configuration() {
    let rule = "heading-too-long";
    let text = read(&format!("fixtures/check/err/{rule}.txt"));
    let ten = Config::from_toml("[rules]\nheading-too-long = { max = 10 }\n").expect("valid");
    let found = findings_of(&text, &ten, &[rule]);
    // 二、主要任务 (6 characters) stays within 10.
    assert_eq!(places(&found), expected(rule, &[(3, 1, W), (7, 1, W)]));
    assert_eq!(found[0].message, "heading has 33 characters, more than 10");

    let forty = Config::from_toml("[rules]\nheading-too-long = { max = 40 }\n").expect("valid");
    assert_eq!(
        places(&findings_of(&text, &forty, &[rule])),
        expected(rule, &[(7, 1, W)])
    );

    let error = Config::from_toml("[rules]\nheading-too-long = { level = \"error\", max = 40 }\n")
        .expect("valid");
    assert_eq!(
        places(&findings_of(&text, &error, &[rule])),
        expected(rule, &[(7, 1, E)])
    );

    let off = Config::from_toml("[rules]\nheading-too-long = \"off\"\n").expect("valid");
    assert_eq!(places(&findings_of(&text, &off, &[rule])), []);
}

#[test]
fn inconsistent_indent_fixture() {
    let rule = "inconsistent-indent";
    let found = on_fixture(rule);
    // One ideographic space on line 5, four ASCII spaces on line 9; the
    // unindented line 13 starts mid-sentence after a separator and is
    // skipped.
    assert_eq!(places(&found), expected(rule, &[(5, 1, W), (9, 1, W)]));
    assert_eq!(
        messages(&found),
        [
            "expected an indent of 2 ideographic spaces, found 1",
            "expected an indent of 2 ideographic spaces, found 4 spaces"
        ]
    );
    // The finding covers the indentation.
    assert_eq!(
        (found[1].position.end.line, found[1].position.end.column),
        (9, 5)
    );
    assert_eq!(found[0].related.len(), 1);
    assert_eq!(found[0].related[0].position.start.line, 3);
}

#[test]
fn unbalanced_brackets_fixture() {
    let rule = "unbalanced-brackets";
    let found = on_fixture(rule);
    assert_eq!(
        places(&found),
        expected(
            rule,
            &[
                (1, 5, E),
                (5, 10, E),
                (7, 21, E),
                (9, 17, E),
                (11, 31, E),
                (13, 9, E),
                (15, 12, E)
            ]
        )
    );
    assert_eq!(
        messages(&found),
        [
            "unclosed `《`",
            "unclosed `《`",
            "expected `）`, found `》`",
            "unmatched `）`",
            "unmatched `）`",
            "unmatched `】`",
            "unclosed `《`",
        ]
    );
    let mismatch = &found[2];
    assert_eq!(mismatch.expected.as_deref(), Some("）"));
    assert_eq!(mismatch.actual.as_deref(), Some("》"));
    assert_eq!(mismatch.related.len(), 1);
    assert_eq!(mismatch.related[0].message, "opening `（`");
    let opening = &mismatch.related[0].position.start;
    assert_eq!((opening.line, opening.column), (7, 17));
}

#[test]
fn half_width_punctuation_fixture() {
    let rule = "half-width-punctuation";
    let found = on_fixture(rule);
    // Not reported: the decimals 5.2 and 6.1, and `machine learning, deep`.
    assert_eq!(
        places(&found),
        expected(
            rule,
            &[
                (3, 18, W),
                (3, 28, W),
                (3, 38, W),
                (7, 7, W),
                (7, 15, W),
                (7, 22, W),
                (7, 33, W),
                (8, 3, W),
                (8, 16, W),
            ]
        )
    );
    assert_eq!(
        messages(&found),
        [
            "expected `，`, found `,`",
            "expected `；`, found `;`",
            "expected `。`, found `.`",
            "expected `：`, found `:`",
            "expected `，`, found `,`",
            "expected `，`, found `,`",
            "expected `，`, found `,`",
            "expected `！`, found `!`",
            "expected `？`, found `?`",
        ]
    );
}

#[test]
fn truncated_paragraph_fixture() {
    let rule = "truncated-paragraph";
    let found = on_fixture(rule);
    assert_eq!(
        places(&found),
        expected(rule, &[(3, 38, I), (5, 1, I), (9, 39, I)])
    );
    assert_eq!(
        messages(&found),
        [
            "paragraph ends without closing punctuation before a separator",
            "paragraph starts mid-sentence after a separator",
            "paragraph ends without closing punctuation at the end of the text",
        ]
    );
}

#[test]
fn repeated_title_fixture() {
    let rule = "repeated-title";
    let found = on_fixture(rule);
    assert_eq!(places(&found), expected(rule, &[(5, 1, I), (9, 1, I)]));
    for finding in &found {
        assert_eq!(finding.related.len(), 1);
        assert_eq!(
            finding.related[0].message,
            "title `关于加快发展智能产业的意见`"
        );
        assert_eq!(finding.related[0].position.start.line, 1);
    }
}

#[test]
fn no_title_fixture() {
    let rule = "no-title";
    let found = on_fixture(rule);
    // The first character that is not white space: line 2, after the indent.
    assert_eq!(places(&found), expected(rule, &[(2, 3, I)]));
    assert_eq!(messages(&found), ["document has no title"]);
}

#[test]
fn no_title_is_quiet_on_empty_text() {
    for text in ["", "\n\n", " \u{3000}\n"] {
        assert_eq!(
            places(&findings_of(text, &Config::default(), &["no-title"])),
            [],
            "{text:?}"
        );
    }
}

#[test]
fn clean_texts_give_no_warning_or_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/check/ok");
    let mut seen = 0;
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with("text_") && name.ends_with(".txt"))
        })
        .collect();
    entries.sort();
    for path in entries {
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
        let found: Vec<_> = findings_of(&text, &Config::default(), &RULES)
            .into_iter()
            .filter(|d| d.severity > Severity::Info)
            .collect();
        assert_eq!(
            places(&found),
            [],
            "{}: {:?}",
            path.display(),
            messages(&found)
        );
        seen += 1;
    }
    assert!(seen >= 3, "expected the text_*.txt fixtures, found {seen}");
}

#[test]
fn seed_gives_only_the_expected_infos() {
    let text = read(SEED);
    let found = findings_of(&text, &Config::default(), &RULES);
    // The seed's skeleton marks paragraphs 10-14, 21-22, 25-26, 47-48,
    // 51-55 and 80-81 `~end`, 28-30 `~start`; lines 6 and 100 repeat the
    // title.
    assert_eq!(
        places(&found),
        [
            ("repeated-title".to_owned(), 6, 1, I),
            ("truncated-paragraph".to_owned(), 14, 59, I),
            ("truncated-paragraph".to_owned(), 22, 63, I),
            ("truncated-paragraph".to_owned(), 26, 60, I),
            ("truncated-paragraph".to_owned(), 28, 1, I),
            ("truncated-paragraph".to_owned(), 48, 65, I),
            ("truncated-paragraph".to_owned(), 55, 63, I),
            ("truncated-paragraph".to_owned(), 81, 62, I),
            ("repeated-title".to_owned(), 100, 1, I),
        ]
    );
}

#[test]
fn the_rules_own_examples_hold() {
    for rule in RULES {
        let info = rules()
            .find(|info| info.id == rule)
            .unwrap_or_else(|| panic!("rule {rule} is listed"));
        let bad = findings_of(info.bad, &Config::default(), &[rule]);
        assert!(!bad.is_empty(), "{rule}: its bad example gives no finding");
        let good = findings_of(info.good, &Config::default(), &[rule]);
        assert_eq!(
            places(&good),
            [],
            "{rule}: its good example gives {:?}",
            messages(&good)
        );
    }
}

#[test]
fn a_long_paragraph_of_brackets_is_checked_in_linear_time() {
    // 10^6 brackets in one paragraph, nested and balanced.
    let text = format!("　　{}{}\n", "《（".repeat(250_000), "）》".repeat(250_000));
    let started = std::time::Instant::now();
    assert_eq!(
        places(&findings_of(
            &text,
            &Config::default(),
            &["unbalanced-brackets"]
        )),
        []
    );
    // 10^5 of them wrong: each 》 read as a mistyped `）`.
    let text = format!("　　{}{}\n", "（".repeat(50_000), "》".repeat(50_000));
    let found = findings_of(&text, &Config::default(), &["unbalanced-brackets"]);
    assert_eq!(found.len(), 50_000);
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
}
