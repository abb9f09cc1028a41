//! The seed article: its whole outline pinned in a snapshot, and its
//! skeleton and texts equal to the expected outline in ../shared/spec.

mod support;

use std::path::Path;

const SEED: &str = include_str!("../fixtures/ai-industry-upgrade.txt");

fn seed_outline() -> serde_json::Value {
    let options = outline::Options {
        name: "ai-industry-upgrade.txt".to_owned(),
        ..outline::Options::default()
    };
    let document = outline::parse_bytes(SEED.as_bytes(), &options).expect("auto never fails");
    serde_json::to_value(&document).expect("serializes")
}

#[test]
fn seed_outline_is_pinned() {
    insta::assert_json_snapshot!("seed", seed_outline());
}

#[test]
fn seed_keeps_the_contract_invariants() {
    support::assert_invariants(SEED, &seed_outline());
}

/// The expected outline of the seed, as `outline_check.py` prints it, lives
/// beside the checkout (CI has ../shared); the test reads it when present.
#[test]
fn seed_matches_the_expected_skeleton_and_texts() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec");
    let (Ok(skeleton), Ok(texts)) = (
        std::fs::read_to_string(spec.join("ai-industry-upgrade.skeleton")),
        std::fs::read_to_string(spec.join("ai-industry-upgrade.texts")),
    ) else {
        eprintln!("../shared/spec is not beside the checkout; skipped");
        return;
    };
    let outline = seed_outline();
    assert_eq!(support::skeleton(&outline), skeleton.trim_end_matches('\n'));
    assert_eq!(support::texts(&outline), texts.trim_end_matches('\n'));
}

#[test]
fn seed_source_is_described() {
    let outline = seed_outline();
    let source = &outline["source"];
    assert_eq!(source["encoding"], "utf-8");
    assert_eq!(source["bom"], false);
    assert_eq!(source["line_ending"], "lf");
    assert_eq!(source["segmented"], true, "the seed is word-segmented");
    assert_eq!(source["bytes"], 7733);
    assert_eq!(
        source["lines"], 100,
        "the break after the last line opens no line"
    );
}

/// `outline check` on the seed finds exactly what its layout has: the empty
/// section at line 17, the placeholder at line 99, and infos for the two
/// repeated titles and the seven paragraphs an excerpt cut (the `~start` and
/// `~end` flags of the expected skeleton).
#[test]
fn seed_check_finds_exactly_its_layout_problems() {
    let document = outline::parse(SEED);
    let findings = outline::check::check(&document, SEED, &outline::check::Config::default());
    let found: Vec<(&str, usize, &str)> = findings
        .iter()
        .map(|d| {
            let severity = match d.severity {
                outline::check::Severity::Info => "info",
                outline::check::Severity::Warning => "warning",
                outline::check::Severity::Error => "error",
            };
            (d.rule.as_str(), d.position.start.line, severity)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("repeated-title", 6, "info"),
            ("truncated-paragraph", 14, "info"),
            ("empty-section", 17, "warning"),
            ("truncated-paragraph", 22, "info"),
            ("truncated-paragraph", 26, "info"),
            ("truncated-paragraph", 28, "info"),
            ("truncated-paragraph", 48, "info"),
            ("truncated-paragraph", 55, "info"),
            ("truncated-paragraph", 81, "info"),
            ("placeholder", 99, "warning"),
            ("repeated-title", 100, "info"),
        ]
    );
}
