//! Adversarial inputs: `outline parse` and `outline check` never panic, and
//! what they print keeps the contract's invariants, whatever the text.
//!
//! Each fixture of `fixtures/adversarial/` goes through the library
//! (`outline::decode` + `outline::parse_decoded` + `outline::check::check`,
//! and `outline::parse` on the decoded text) and through the binary
//! (`outline parse FILE` and `outline check --format json FILE`):
//!
//! - with automatic decoding, `parse` exits 0 and `check` exits 0 or 1
//!   (never 2, never 101);
//! - the JSON parses, and the outline keeps the invariants of
//!   `tests/support` (every non-whitespace character in exactly one leaf,
//!   children inside their parents and in order, line and column agreeing
//!   with the offset);
//! - the binary prints the outline the library builds;
//! - bytes invalid in a forced encoding (`--encoding utf-16le` on an unpaired
//!   surrogate, `--encoding utf-8` on a stray byte) make both commands exit
//!   2 with one message on standard error naming the file and the byte
//!   offset.
//!
//! Floods (separators, brackets in one paragraph, inline points in one
//! paragraph, on one line or hard-wrapped, headings of alternating levels,
//! em-dash lines, a long line without a break) are generated here at a size
//! that keeps `cargo test` fast (see [`scale`] to run them bigger); `scripts/floods.sh` times them at tens of megabytes. There are no
//! timing assertions: speed is measured in benchmarks, never in timed unit
//! tests.

mod support;

use outline::check::{Config, Diagnostic};
use outline::{EncodingChoice, Options};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixtures' folder, relative to the crate root (the working directory
/// of every run), so that the binary reports exactly this name.
const DIR: &str = "fixtures/adversarial";

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

/// The bytes of a fixture.
fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR).join(name);
    fs::read(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

/// What the library makes of some bytes with automatic decoding.
struct Library {
    /// The decoded text (byte order mark removed).
    text: String,
    /// Whether decoding replaced malformed sequences.
    lossy: bool,
    /// The outline, serialized and read back.
    outline: Value,
    /// The findings of `check` with the default configuration.
    findings: Vec<Diagnostic>,
}

/// Decode (auto), parse, check and serialize; assert that the JSON parses
/// and keeps the invariants, and that `outline::parse` on the decoded text
/// builds the same tree.
#[track_caller]
fn library(bytes: &[u8], name: &str) -> Library {
    checked(bytes, name, true)
}

/// [`library`], with or without the second parse by `outline::parse`.
#[track_caller]
fn checked(bytes: &[u8], name: &str, parse_again: bool) -> Library {
    let decoded = outline::decode(bytes, EncodingChoice::Auto).expect("auto decoding never fails");
    let options = Options {
        name: name.to_owned(),
        ..Options::default()
    };
    let document = outline::parse_decoded(&decoded, bytes.len(), &options);
    let findings = outline::check::check(&document, &decoded.text, &Config::default());
    let json = serde_json::to_string(&document).expect("the outline serializes");
    let outline: Value = serde_json::from_str(&json).expect("the outline JSON parses");
    support::assert_invariants(&decoded.text, &outline);
    let findings_json = serde_json::to_string(&findings).expect("the findings serialize");
    let findings_value: Value =
        serde_json::from_str(&findings_json).expect("the findings JSON parses");
    assert_eq!(
        findings_value.as_array().map(Vec::len),
        Some(findings.len())
    );
    for finding in &findings {
        let (start, end) = (finding.position.start.offset, finding.position.end.offset);
        assert!(
            start <= end && end <= decoded.text.len(),
            "finding {} at {start}..{end} outside the text of {} bytes",
            finding.rule,
            decoded.text.len()
        );
    }

    // `parse` on the decoded text: the same tree (a text that still starts
    // with U+FEFF after decoding would lose it, and shift the offsets).
    if parse_again && !decoded.text.starts_with('\u{feff}') {
        let again = serde_json::to_value(outline::parse(&decoded.text)).expect("serializes");
        support::assert_invariants(&decoded.text, &again);
        assert_eq!(again["title"], outline["title"], "parse and parse_decoded");
        assert_eq!(
            again["children"], outline["children"],
            "parse and parse_decoded"
        );
    }
    Library {
        text: decoded.text.into_owned(),
        lossy: decoded.lossy,
        outline,
        findings,
    }
}

/// Run the binary in the crate root.
fn outline_bin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_outline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the outline binary runs")
}

/// Standard output and error as text, for messages.
fn describe(output: &Output) -> String {
    format!(
        "status {:?}\nstderr: {}\nstdout: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
            .chars()
            .take(2000)
            .collect::<String>()
    )
}

/// `outline parse PATH` and `outline check --format json --config CONFIG
/// PATH` with automatic decoding: exit 0 (0 or 1 for check), JSON that
/// parses, the outline and the findings the library builds. `config` is an
/// empty file, so that the defaults apply whatever `outline.toml` lies
/// around.
#[track_caller]
fn binary(path: &str, expected: &Library, config: &Path) {
    let parse = outline_bin(&["parse", path]);
    assert_eq!(
        parse.status.code(),
        Some(0),
        "parse {path}: {}",
        describe(&parse)
    );
    assert!(
        parse.stderr.is_empty(),
        "parse {path}: {}",
        describe(&parse)
    );
    let outline: Value = serde_json::from_slice(&parse.stdout)
        .unwrap_or_else(|err| panic!("parse {path}: the JSON does not parse: {err}"));
    support::assert_invariants(&expected.text, &outline);
    assert_eq!(
        outline, expected.outline,
        "parse {path}: binary and library"
    );

    let config = config.to_str().expect("a UTF-8 temporary path");
    let check = outline_bin(&["check", "--format", "json", "--config", config, path]);
    assert!(
        matches!(check.status.code(), Some(0 | 1)),
        "check {path}: {}",
        describe(&check)
    );
    assert!(
        check.stderr.is_empty(),
        "check {path}: {}",
        describe(&check)
    );
    let report: Value = serde_json::from_slice(&check.stdout)
        .unwrap_or_else(|err| panic!("check {path}: the JSON does not parse: {err}"));
    assert_eq!(report["file"], path, "check {path}");
    let diagnostics = report["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("check {path}: no diagnostics array"));
    assert_eq!(
        diagnostics.len(),
        expected.findings.len(),
        "check {path}: binary and library"
    );
    let errors = expected
        .findings
        .iter()
        .any(|d| matches!(d.severity, outline::check::Severity::Error));
    assert_eq!(
        check.status.code(),
        Some(i32::from(errors)),
        "check {path}: exit status and error-level findings"
    );
}

/// A committed fixture through the library and the binary; returns what
/// the library made of it.
#[track_caller]
fn case(name: &str) -> Library {
    let path = format!("{DIR}/{name}");
    let result = library(&fixture(name), &path);
    let scratch = Scratch::new(name);
    binary(&path, &result, &scratch.file("defaults.toml", b""));
    result
}

/// A generated input written to a scratch file, through the library and the
/// binary.
#[track_caller]
fn generated_case(scratch: &Scratch, name: &str, bytes: &[u8]) -> Library {
    let path = scratch.file(name, bytes);
    let path = path.to_str().expect("a UTF-8 temporary path");
    let result = library(bytes, path);
    binary(path, &result, &scratch.file("defaults.toml", b""));
    result
}

/// A forced encoding the bytes are invalid in: the library reports the
/// offset, and both commands exit 2 with one message naming the file and
/// the offset, printing no outline.
#[track_caller]
fn forced_failure(name: &str, label: &str, offset: usize) {
    let bytes = fixture(name);
    let EncodingChoice::Forced(encoding) = EncodingChoice::from_label(label).expect("a label")
    else {
        panic!("{label} is not a forced encoding");
    };
    let err = outline::decode(&bytes, EncodingChoice::Forced(encoding))
        .expect_err("invalid in the forced encoding");
    assert_eq!(err.offset, offset, "{name} in {label}");
    let options = Options {
        encoding: EncodingChoice::Forced(encoding),
        ..Options::default()
    };
    let err = outline::parse_bytes(&bytes, &options).expect_err("invalid in the forced encoding");
    assert_eq!(err.offset, offset, "{name} in {label}");

    let path = format!("{DIR}/{name}");
    for args in [
        vec!["parse", "--encoding", label, &path],
        vec!["check", "--format", "json", "--encoding", label, &path],
    ] {
        let output = outline_bin(&args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            describe(&output)
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: one message: {stderr}");
        assert!(
            stderr.starts_with(&format!("outline: {path}: ")),
            "{args:?}: the message names the file: {stderr}"
        );
        assert!(
            stderr.contains(&format!("byte offset {offset}")),
            "{args:?}: the message names the offset {offset}: {stderr}"
        );
        assert!(
            stderr.contains(label),
            "{args:?}: the message names the encoding: {stderr}"
        );
        if args[0] == "parse" {
            assert!(output.stdout.is_empty(), "{args:?}: {}", describe(&output));
        }
    }
}

/// A per-test folder under the temporary directory, removed when dropped.
struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(test: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("outline-adversarial-{}-{test}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)
            .unwrap_or_else(|err| panic!("cannot create {}: {err}", dir.display()));
        Scratch { dir }
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.join(name);
        fs::write(&path, bytes)
            .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Every node of an outline, depth first, with its depth (the document is 0).
fn nodes(outline: &Value) -> Vec<(&Value, usize)> {
    let mut out = Vec::new();
    let mut pending = vec![(outline, 0)];
    while let Some((node, depth)) = pending.pop() {
        out.push((node, depth));
        if let Some(children) = node["children"].as_array() {
            pending.extend(children.iter().rev().map(|c| (c, depth + 1)));
        }
    }
    out
}

/// How many nodes of this type the outline has.
fn count(outline: &Value, kind: &str) -> usize {
    nodes(outline)
        .iter()
        .filter(|(node, _)| node["type"] == kind)
        .count()
}

/// The deepest node's depth (the document is 0, its children 1).
fn depth(outline: &Value) -> usize {
    nodes(outline).iter().map(|(_, d)| *d).max().unwrap_or(0)
}

/// A Chinese numeral for 1..=9999, in its usual spelling (`十一`, `一百零五`).
fn chinese(n: usize) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const UNITS: [&str; 4] = ["", "十", "百", "千"];
    assert!((1..=9999).contains(&n), "{n}");
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (i, &d) in digits.iter().enumerate() {
        let unit = UNITS[3 - i];
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        if !(d == 1 && unit == "十" && out.is_empty()) {
            out.push(DIGITS[d]);
        }
        out.push_str(unit);
    }
    out
}

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

#[test]
fn chinese_numerals_for_generated_input() {
    let cases = [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (9999, "九千九百九十九"),
    ];
    for (n, text) in cases {
        assert_eq!(chinese(n), text, "{n}");
    }
}

#[test]
fn nul_and_control_characters() {
    let result = case("control_chars.txt");
    assert!(result.text.contains('\0'));
    assert!(count(&result.outline, "paragraph") > 0);
}

#[test]
fn bidi_controls() {
    case("bidi.txt");
}

#[test]
fn combining_marks_also_on_markers() {
    case("combining.txt");
}

#[test]
fn emoji_sequences() {
    case("emoji.txt");
}

#[test]
fn utf16le_lone_high_surrogate() {
    let result = case("utf16le_lone_high_surrogate.txt");
    assert!(result.lossy);
    assert!(result.text.contains('\u{fffd}'));
    assert_eq!(result.outline["source"]["encoding"], "utf-16le");
    assert_eq!(result.outline["source"]["bom"], true);
    // The BOM (2 bytes) and 13 code units before the surrogate.
    forced_failure("utf16le_lone_high_surrogate.txt", "utf-16le", 2 + 2 * 13);
}

#[test]
fn utf16le_lone_low_surrogate() {
    let result = case("utf16le_lone_low_surrogate.txt");
    assert!(result.lossy);
    assert!(result.text.contains('\u{fffd}'));
    forced_failure("utf16le_lone_low_surrogate.txt", "utf-16le", 2 + 2 * 6);
}

#[test]
fn utf16le_truncated_after_a_high_surrogate() {
    let result = case("utf16le_truncated_surrogate.txt");
    assert!(result.lossy);
    assert!(result.text.ends_with('\u{fffd}'));
    forced_failure("utf16le_truncated_surrogate.txt", "utf-16le", 2 + 2 * 18);
}

#[test]
fn invalid_utf8_in_the_middle_of_valid_text() {
    let bytes = fixture("utf8_invalid_middle.txt");
    let first_bad = std::str::from_utf8(&bytes)
        .expect_err("invalid UTF-8")
        .valid_up_to();
    let result = case("utf8_invalid_middle.txt");
    assert!(result.lossy);
    assert_eq!(result.outline["source"]["encoding"], "utf-8");
    assert!(result.text.contains('\u{fffd}'));
    assert!(result.text.contains("供给侧结构性改革任务艰巨"));
    forced_failure("utf8_invalid_middle.txt", "utf-8", first_bad);
}

#[test]
fn mixed_line_endings_with_cr_cr_lf() {
    let result = case("mixed_line_endings.txt");
    assert!(result.text.contains("\r\r\n"));
}

#[test]
fn only_whitespace() {
    let result = case("only_whitespace.txt");
    assert_eq!(result.outline["title"], Value::Null);
    assert_eq!(result.outline["children"], serde_json::json!([]));
}

#[test]
fn only_one_dash() {
    case("only_dash.txt");
}

#[test]
fn empty_file() {
    let result = case("empty.txt");
    assert_eq!(result.outline["source"]["lines"], 0);
}

#[test]
fn every_marker_with_nothing_after_it_each_on_its_own_line() {
    case("empty_markers.txt");
}

#[test]
fn every_marker_with_nothing_after_it_as_the_whole_file() {
    let scratch = Scratch::new("markers");
    let markers = String::from_utf8(fixture("empty_markers.txt")).expect("UTF-8");
    for (i, marker) in markers.lines().enumerate() {
        // The whole file, through the library and the binary.
        for (j, ending) in ["", "\n"].iter().enumerate() {
            let name = format!("marker-{i}-{j}.txt");
            generated_case(&scratch, &name, format!("{marker}{ending}").as_bytes());
        }
        // Other endings, after a title, indented, and twice: the library.
        for text in [
            format!("{marker}\r\n"),
            format!("{marker}\n\n"),
            format!("{marker}\r"),
            format!("标题\n\n{marker}\n"),
            format!("标题\n\n　　{marker}\n"),
            format!("{marker}\n{marker}\n"),
        ] {
            library(text.as_bytes(), "marker");
        }
    }
}

#[test]
fn numerals_too_large_for_u32() {
    case("large_numerals.txt");
}

#[test]
fn byte_order_marks_in_the_middle() {
    let result = case("bom_middle.txt");
    assert_eq!(result.outline["source"]["bom"], true);
    assert!(result.text.contains('\u{feff}'));
}

#[test]
fn ten_thousand_opening_brackets_on_one_line() {
    let result = case("brackets_line.txt");
    assert!(!result.findings.is_empty(), "unbalanced brackets are found");
}

#[test]
fn deeply_alternating_heading_levels() {
    let result = case("alternating_levels.txt");
    assert!(count(&result.outline, "section") > 150);
}

/// The same ladder without blank lines or indentation: the layout reads the
/// short lines as hard-wrapped text, so most headings end up inside
/// paragraphs; still no panic and no lost text.
#[test]
fn alternating_heading_levels_without_blank_lines() {
    case("alternating_levels_unseparated.txt");
}

/// Every fixture of the folder is covered by a test above, so that a new
/// one is not silently skipped.
#[test]
fn every_fixture_is_tested() {
    let tested = [
        "alternating_levels.txt",
        "alternating_levels_unseparated.txt",
        "bidi.txt",
        "bom_middle.txt",
        "brackets_line.txt",
        "combining.txt",
        "control_chars.txt",
        "deepest_nesting.txt",
        "emoji.txt",
        "empty.txt",
        "empty_markers.txt",
        "large_numerals.txt",
        "mixed_line_endings.txt",
        "only_dash.txt",
        "only_whitespace.txt",
        "utf16le_lone_high_surrogate.txt",
        "utf16le_lone_low_surrogate.txt",
        "utf16le_truncated_surrogate.txt",
        "utf8_invalid_middle.txt",
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR);
    let mut found: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    found.sort();
    assert_eq!(found, tested);
}

// ---------------------------------------------------------------------------
// Nesting
// ---------------------------------------------------------------------------

/// The deepest outline the parser builds: a heading of every rank that can
/// nest (Markdown depths between the law levels, 编 章 节 条, an unnumbered
/// heading, then 一、 to ① below it), and in it points of every scheme,
/// each list inside the first point of the one before (`A1 B1 … B2 A2`).
/// Sections nest at most as deep as there are ranks, lists at most as deep
/// as there are point schemes; repeating the ladder does not go deeper.
#[test]
fn deepest_nesting_is_bounded() {
    let result = case("deepest_nesting.txt");
    let deepest = depth(&result.outline);
    let sections = nodes(&result.outline)
        .iter()
        .filter(|(node, _)| node["type"] == "section")
        .map(|(node, _)| node["level"].as_u64().unwrap_or(0))
        .max()
        .unwrap_or(0);
    assert!(sections >= 10, "section levels: {sections}");
    assert!(deepest >= 25, "depth: {deepest}");

    // The same ladder ten times over nests no deeper.
    let once = String::from_utf8(fixture("deepest_nesting.txt")).expect("UTF-8");
    let (title, body) = once.split_once("\n\n").expect("a title");
    let repeated = format!("{title}\n\n{}", body.repeat(10));
    let scratch = Scratch::new("nesting");
    let again = generated_case(&scratch, "repeated.txt", repeated.as_bytes());
    assert_eq!(depth(&again.outline), deepest);

    // Parsing, checking and serializing the deepest outline fit in a small
    // stack (a quarter of a test thread's 2 MiB, in a debug build).
    let small = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            let document = outline::parse(&repeated);
            let findings = outline::check::check(&document, &repeated, &Config::default());
            let json = serde_json::to_string(&document).expect("serializes");
            (json.len(), findings.len())
        })
        .expect("a thread");
    let (json, _) = small.join().expect("no stack overflow in a 512 KiB stack");
    assert!(json > 0);
}

// ---------------------------------------------------------------------------
// Floods
// ---------------------------------------------------------------------------

/// A multiplier of every flood's size. The default (1: 10^4 separators,
/// 2·10^4 brackets, 10^4 inline points, 2·10^3 inline points in a wrapped
/// paragraph, 4·10^3 headings, 7·10^3 em-dash lines, a 250 kB line) keeps each flood around a second in a debug build;
/// `OUTLINE_FLOOD_SCALE=15 cargo test --release --test adversarial flood`
/// runs every flood at or above the sizes the issue names (10^5 separators,
/// 10^5 brackets, 10^4 inline points, 10^4 headings, 10^5 em-dash lines, a
/// 1 MB line).
fn scale() -> usize {
    std::env::var("OUTLINE_FLOOD_SCALE")
        .ok()
        .and_then(|value| value.trim().parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or(1)
}

/// A flood through the library: parse, check, serialize; the JSON parses
/// and keeps the invariants (the checker is linear). Returns the outline.
#[track_caller]
fn flood(text: &str) -> Value {
    checked(text.as_bytes(), "flood", false).outline
}

#[test]
fn flood_of_separators() {
    let n = 10_000 * scale();
    let outline = flood(&format!("标题\n\n{}", "--\n".repeat(n)));
    assert_eq!(count(&outline, "separator"), n);
}

#[test]
fn flood_of_brackets_in_one_paragraph() {
    let n = 20_000 * scale();
    // Only opening brackets: the bracket stack grows to n.
    let outline = flood(&format!("标题\n\n　　{}。\n", "（".repeat(n)));
    assert_eq!(count(&outline, "paragraph"), 1);
    // Nested and unbalanced, with text between.
    let outline = flood(&format!(
        "标题\n\n　　{}。\n",
        "（括号【文字）".repeat(n / 5)
    ));
    assert_eq!(count(&outline, "paragraph"), 1);
}

/// How many inline points the paragraphs of an outline hold.
fn inline_points(outline: &Value) -> usize {
    nodes(outline)
        .iter()
        .filter_map(|(node, _)| node["inline_points"].as_array())
        .map(Vec::len)
        .sum()
}

#[test]
fn flood_of_inline_points_in_one_paragraph() {
    let n = 10_000 * scale();
    // `一是…；二是…；` up to 九十九 (the highest such inline marker), again
    // and again: sequences of 99 points.
    let mut text = String::from("标题\n\n　　");
    for i in 0..n {
        text.push_str(&chinese(i % 99 + 1));
        text.push_str("是加快发展；");
    }
    text.push('\n');
    let outline = flood(&text);
    assert_eq!(count(&outline, "paragraph"), 1);
    assert!(
        inline_points(&outline) >= n - 1,
        "{}",
        inline_points(&outline)
    );
    // `（1）…；（2）…；` counting up: one sequence of n points.
    let mut text = String::from("标题\n\n　　主要任务是：");
    for i in 1..=n {
        text.push_str(&format!("（{i}）加快发展；"));
    }
    text.push('\n');
    let outline = flood(&text);
    assert_eq!(inline_points(&outline), n);
}

/// Inline points in a hard-wrapped paragraph: one point a line, the
/// paragraph n lines long. (At the time of writing, `outline parse` takes
/// time quadratic in n here: each inline point's text is cut from the
/// paragraph by walking all of its lines; see `scripts/floods.sh`,
/// kind `wrapped_inline_points`.)
#[test]
fn flood_of_inline_points_in_a_wrapped_paragraph() {
    let n = 2_000 * scale();
    let mut text = String::from("标题\n\n　　主要任务是：（1）加快发展\n");
    for i in 2..=n {
        text.push_str(&format!("各项工作；（{i}）加快发展\n"));
    }
    text.push_str("各项工作。\n");
    let outline = flood(&text);
    assert_eq!(count(&outline, "paragraph"), 1);
    assert_eq!(inline_points(&outline), n);
}

#[test]
fn flood_of_headings_of_alternating_levels() {
    let n = 1_000 * scale();
    let mut text = String::from("标题\n\n");
    for i in 0..n {
        let number = i % 9999 + 1;
        let numeral = chinese(number);
        text.push_str(&format!(
            "{numeral}、标题\n\n（{numeral}）标题\n\n{number}.标题\n\n（{number}）标题\n\n"
        ));
    }
    let outline = flood(&text);
    assert_eq!(count(&outline, "section"), 4 * n);
    assert_eq!(depth(&outline), 4);
}

#[test]
fn flood_of_em_dash_lines() {
    let n = 7_000 * scale();
    let outline = flood(&format!("标题\n\n{}", "——加快发展。\n".repeat(n)));
    assert_eq!(count(&outline, "point"), n);
}

#[test]
fn one_megabyte_line_without_a_break() {
    let bytes = 250_000 * scale();
    let unit = "人工智能 引领 科技，创新（助推）产业 结构 升级。";
    let line = unit.repeat(bytes / unit.len() + 1);
    assert!(line.len() > bytes);
    flood(&line);
    flood(&"人".repeat(bytes / 3 + 1));
}

// ---------------------------------------------------------------------------
// Regression: inputs the fuzzers found
// ---------------------------------------------------------------------------

/// Every input a fuzzer reported (`fixtures/regression/NNNN_name.txt`) goes
/// through the library and the binary like the fixtures above: it parses,
/// keeps the invariants and exits 0.
#[test]
fn regression_fixtures_parse_and_check() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/regression");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("fixtures/regression exists")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no regression fixture");
    for name in names {
        let bytes = fs::read(dir.join(&name)).expect("the fixture reads");
        let scratch = Scratch::new(&name);
        let result = generated_case(&scratch, &name, &bytes);
        assert!(
            !result.text.trim().is_empty(),
            "{name}: the text is not lost"
        );
    }
}
