//! The structure rules of `outline check`: numbering duplicates and order,
//! level skips, marker style and punctuation, single-point lists and empty
//! sections. Each rule's findings on its fixture in `fixtures/check/err`
//! are pinned as (rule, line, column, severity), read off the fixture; the
//! clean fixtures `fixtures/check/ok/structure_*.txt` and the seed article
//! give no warning or error from these rules.

use outline::check::{check, rule_info, Config, Diagnostic, Severity};
use std::path::Path;

const RULES: [&str; 7] = [
    "numbering-duplicate",
    "numbering-order",
    "level-skip",
    "mixed-marker-style",
    "marker-punctuation",
    "single-point-list",
    "empty-section",
];

const SEED: &str = include_str!("../fixtures/ai-industry-upgrade.txt");

fn fixture(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/check")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("reading {}: {err}", path.display()))
}

fn findings(text: &str, config: &Config) -> Vec<Diagnostic> {
    check(&outline::parse(text), text, config)
}

/// The findings of one rule as (rule, line, column, severity).
fn of_rule(text: &str, rule: &str, config: &Config) -> Vec<(String, usize, usize, Severity)> {
    findings(text, config)
        .into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| {
            (
                d.rule,
                d.position.start.line,
                d.position.start.column,
                d.severity,
            )
        })
        .collect()
}

fn expect(rule: &str, expected: &[(usize, usize, Severity)]) {
    let text = fixture(&format!("err/{rule}.txt"));
    let expected: Vec<_> = expected
        .iter()
        .map(|&(line, column, severity)| (rule.to_owned(), line, column, severity))
        .collect();
    assert_eq!(of_rule(&text, rule, &Config::default()), expected, "{rule}");
}

use Severity::{Error, Info, Warning};

#[test]
fn numbering_gap_fixture() {
    // 三是 after 一是 (6:3, after two ideographic spaces), 三、 after 一、
    // (8:1); 五、 after 三、 across a `--` cut is only info (12:1).
    expect(
        "numbering-gap",
        &[(6, 3, Error), (8, 1, Error), (12, 1, Info)],
    );
}

#[test]
fn placeholder_fixture() {
    // `[ ]` alone on line 5, `【　】` indented on line 8.
    expect("placeholder", &[(5, 1, Warning), (8, 3, Warning)]);
}

#[test]
fn numbering_duplicate_fixture() {
    // 二是 after 二是 in one list; 二、保障措施 after 二、主要任务; 一是 … 一是
    // as two single-point lists.
    expect(
        "numbering-duplicate",
        &[(9, 3, Error), (15, 1, Error), (19, 3, Error)],
    );
}

#[test]
fn numbering_order_fixture() {
    // A list that starts at 三是; （二） after （三）.
    expect("numbering-order", &[(5, 3, Error), (19, 1, Error)]);
}

#[test]
fn level_skip_fixture() {
    // （1） under 一、; 1. under 二、 (accepted practice); ① under 1..
    expect(
        "level-skip",
        &[(5, 1, Warning), (15, 1, Info), (19, 1, Warning)],
    );
}

#[test]
fn mixed_marker_style_fixture() {
    // (二) beside （一）; ２． beside 1..
    expect("mixed-marker-style", &[(7, 1, Warning), (17, 1, Warning)]);
}

#[test]
fn marker_punctuation_fixture() {
    // 一. ; （一）、 ; 1、 ; 一是，
    expect(
        "marker-punctuation",
        &[
            (3, 1, Warning),
            (9, 1, Warning),
            (11, 1, Warning),
            (17, 3, Warning),
        ],
    );
}

#[test]
fn single_point_list_fixture() {
    // 一是 alone; 第一， alone; a lone 最后， is not reported.
    expect("single-point-list", &[(5, 3, Info), (11, 3, Info)]);
}

#[test]
fn empty_section_fixture() {
    // 一、 before 二、; （一） before （二）; 三、 at the end of the text.
    expect(
        "empty-section",
        &[(3, 1, Warning), (7, 1, Warning), (13, 1, Warning)],
    );
}

#[test]
fn messages_say_what_was_expected_and_found() {
    let text = fixture("err/numbering-duplicate.txt");
    let found = findings(&text, &Config::default());
    let first = found
        .iter()
        .find(|d| d.rule == "numbering-duplicate")
        .expect("a duplicate");
    assert_eq!(first.message, "expected `三是`, found `二是` again");
    assert_eq!(first.expected.as_deref(), Some("三是"));
    assert_eq!(first.actual.as_deref(), Some("二是"));
    assert_eq!(first.related.len(), 1);
    assert_eq!(first.related[0].message, "first `二是`");
    assert_eq!(
        (
            first.related[0].position.start.line,
            first.related[0].position.start.column
        ),
        (7, 3)
    );
    assert_eq!(
        (first.position.end.line, first.position.end.column),
        (9, 5),
        "the finding spans the marker"
    );

    let text = fixture("err/mixed-marker-style.txt");
    let found = findings(&text, &Config::default());
    let mixed = found
        .iter()
        .find(|d| d.rule == "mixed-marker-style")
        .expect("a mixed style");
    assert_eq!(mixed.message, "expected `（二）`, found `(二)`");
    assert_eq!(mixed.related[0].message, "first `（一）`");

    let text = fixture("err/empty-section.txt");
    let found = findings(&text, &Config::default());
    let messages: Vec<_> = found
        .iter()
        .filter(|d| d.rule == "empty-section")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "expected content under `一、总体要求`, found the heading `二、重点任务`",
            "expected content under `（一）保障热源供应`, found the heading `（二）做好设施检修`",
            "expected content under `三、工作要求`, found the end of the text",
        ]
    );
}

#[test]
fn clean_fixtures_give_no_warning_or_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/check/ok");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures/check/ok")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("structure_") && name.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 4, "{names:?}");
    for name in names {
        let text = fixture(&format!("ok/{name}"));
        let loud: Vec<_> = findings(&text, &Config::default())
            .into_iter()
            .filter(|d| RULES.contains(&d.rule.as_str()) && d.severity >= Warning)
            .map(|d| (d.rule, d.position.start.line, d.message))
            .collect();
        assert!(loud.is_empty(), "{name}: {loud:?}");
    }
}

#[test]
fn seed_has_one_empty_section_and_nothing_else() {
    let found = findings(SEED, &Config::default());
    let empty: Vec<_> = found
        .iter()
        .filter(|d| d.rule == "empty-section")
        .map(|d| (d.position.start.line, d.position.start.column, d.severity))
        .collect();
    // `\u{2003}\u{2003} 人工智能 引领 科技 革命`: the heading starts at 人.
    assert_eq!(empty, [(17, 4, Warning)]);
    let loud: Vec<_> = found
        .iter()
        .filter(|d| RULES.contains(&d.rule.as_str()) && d.rule != "empty-section")
        .filter(|d| d.severity >= Warning)
        .map(|d| (&d.rule, d.position.start.line))
        .collect();
    assert!(loud.is_empty(), "{loud:?}");
}

#[test]
fn a_rule_can_be_turned_off() {
    let text = fixture("err/numbering-duplicate.txt");
    let config = Config::from_toml("[rules]\nnumbering-duplicate = \"off\"").expect("valid");
    assert!(of_rule(&text, "numbering-duplicate", &config).is_empty());
    assert_eq!(
        of_rule(&text, "numbering-duplicate", &Config::default()).len(),
        3
    );
}

#[test]
fn a_level_override_changes_the_severity() {
    let text = fixture("err/empty-section.txt");
    let config = Config::from_toml("[rules]\nempty-section = \"error\"").expect("valid");
    let severities: Vec<_> = of_rule(&text, "empty-section", &config)
        .into_iter()
        .map(|(_, _, _, severity)| severity)
        .collect();
    assert_eq!(severities, [Error, Error, Error]);

    // A finding lowered below the default (1. under 一、 is info) stays
    // lowered; the others take the configured level.
    let text = fixture("err/level-skip.txt");
    let config = Config::from_toml("[rules]\nlevel-skip = { level = \"error\" }").expect("valid");
    let severities: Vec<_> = of_rule(&text, "level-skip", &config)
        .into_iter()
        .map(|(_, _, _, severity)| severity)
        .collect();
    assert_eq!(severities, [Error, Info, Error]);

    let config = Config::from_toml("[rules]\nlevel-skip = \"info\"").expect("valid");
    let severities: Vec<_> = of_rule(&text, "level-skip", &config)
        .into_iter()
        .map(|(_, _, _, severity)| severity)
        .collect();
    assert_eq!(severities, [Info, Info, Info]);
}

#[test]
fn explained_examples_are_right() {
    for rule in RULES {
        let info = rule_info(rule).unwrap_or_else(|| panic!("{rule} is listed"));
        // As given, and under a title as in an article.
        for prefix in ["", "标题\n\n"] {
            let bad = format!("{prefix}{}\n", info.bad);
            let good = format!("{prefix}{}\n", info.good);
            assert!(
                !of_rule(&bad, rule, &Config::default()).is_empty(),
                "{rule}: the bad example is not flagged: {bad:?}"
            );
            assert!(
                of_rule(&good, rule, &Config::default()).is_empty(),
                "{rule}: the good example is flagged: {good:?}"
            );
        }
    }
}
