//! `outline check` and `outline schema`, run as a separate process.
//!
//! These tests hold the binary to docs/rules.md: exit status 0/1/2, the four
//! output formats, configuration discovery, `--explain`, standard input, a
//! closed standard output; and they keep docs/rules.md and the committed
//! JSON Schemas in docs/schema/ in step with the code. Regenerate the
//! schemas with `UPDATE_SCHEMAS=1 cargo test --test cli_check`, the rules'
//! part of docs/rules.md with `UPDATE_DOCS=1 cargo test --test cli_check`.
//!
//! Other rules are still being written; tests that depend on which findings
//! a file has run with a configuration that turns every rule off but the
//! ones they are about ([`only`]), so that a new rule does not change them.

mod support;

use serde_json::Value;
use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use support::cli::{files_under, run_in, Run, Scratch};

/// Two points, `一是` then `三是` on an indented line: one numbering-gap
/// error.
const GAP: &str = "fixtures/check/cli/gap.txt";
/// A placeholder line `[ ]`: one placeholder warning.
const PLACEHOLDER: &str = "fixtures/check/cli/placeholder.txt";
/// Two points in order, nothing to report.
const CLEAN: &str = "fixtures/check/cli/clean.txt";

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

/// A configuration file in the scratch folder that turns every rule off
/// but `rules`.
fn only_file(scratch: &Scratch, rules: &[&str]) -> PathBuf {
    scratch.file(&format!("only-{}.toml", rules.join("-")), only(rules))
}

/// `outline.toml` text turning every rule off but `rules`.
fn only(rules: &[&str]) -> String {
    let mut text = String::from("[rules]\n");
    for info in outline::check::rules() {
        if !rules.contains(&info.id) {
            text.push_str(&format!("{} = \"off\"\n", info.id));
        }
    }
    text
}

/// Run `outline` in the crate root.
fn outline<I, S>(args: I, stdin: Option<&[u8]>) -> Run
where
    I: IntoIterator<Item = S>,
    S: Into<OsString>,
{
    run_in(None, args, stdin)
}

/// Parse JSON or fail with the text.
fn json(text: &str, what: &str) -> Value {
    serde_json::from_str(text)
        .unwrap_or_else(|err| panic!("{what}: should be JSON ({err}): {text}"))
}

/// A JSON value by pointer, or a failure naming the missing field.
fn at<'a>(value: &'a Value, pointer: &str, what: &str) -> &'a Value {
    value
        .pointer(pointer)
        .unwrap_or_else(|| panic!("{what}: the JSON should have {pointer}: {value}"))
}

/// The crate root joined with a relative path.
fn root(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

// ---------------------------------------------------------------------------
// Exit status
// ---------------------------------------------------------------------------

#[test]
fn exit_status_is_1_for_errors_0_for_warnings_unless_denied() {
    let scratch = Scratch::new("exit");
    let config = only_file(&scratch, &["numbering-gap", "placeholder"]);
    let config = config.to_str().expect("a UTF-8 temp path");

    let run = outline(["check", "--config", config, CLEAN], None);
    run.assert_code(0, "a clean file");
    assert_eq!(run.stderr, "", "a clean file: nothing on stderr");
    assert_eq!(run.stdout, "0 errors, 0 warnings, 0 infos\n");

    let run = outline(["check", "--config", config, GAP], None);
    run.assert_code(1, "a numbering gap is an error");
    assert!(
        run.stdout.contains("error[numbering-gap]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("1 error, 0 warnings, 0 infos\n"),
        "{}",
        run.stdout
    );

    let run = outline(["check", "--config", config, PLACEHOLDER], None);
    run.assert_code(0, "a placeholder is only a warning");
    assert!(
        run.stdout.contains("warning[placeholder]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("0 errors, 1 warning, 0 infos\n"),
        "{}",
        run.stdout
    );

    let run = outline(
        [
            "check",
            "--config",
            config,
            "--deny",
            "warnings",
            PLACEHOLDER,
        ],
        None,
    );
    run.assert_code(1, "--deny warnings makes a warning fail");

    let run = outline(
        ["check", "--config", config, "--deny", "warnings", CLEAN],
        None,
    );
    run.assert_code(0, "--deny warnings on a clean file");

    // The configured level replaces the default: an error turned warning
    // passes, a warning turned error fails.
    let lowered = scratch.file(
        "lowered.toml",
        only(&["numbering-gap"]).replace("[rules]\n", "[rules]\nnumbering-gap = \"warning\"\n"),
    );
    let run = outline(
        [
            "check".as_ref(),
            "--config".as_ref(),
            lowered.as_os_str(),
            GAP.as_ref(),
        ],
        None,
    );
    run.assert_code(0, "numbering-gap configured as a warning");
    assert!(
        run.stdout.contains("warning[numbering-gap]"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_failing_file_among_others_is_counted_and_the_others_are_still_checked() {
    let scratch = Scratch::new("failing");
    let config = only_file(&scratch, &["numbering-gap"]);
    let run = outline(
        [
            "check".as_ref(),
            "--config".as_ref(),
            config.as_os_str(),
            GAP.as_ref(),
            "fixtures/check/cli/missing.txt".as_ref(),
            PLACEHOLDER.as_ref(),
        ],
        None,
    );
    run.assert_code(1, "a missing file among others");
    assert_eq!(
        run.stderr,
        "outline: fixtures/check/cli/missing.txt: cannot read: no such file or directory\n\
         outline: 1 of 3 files failed\n"
    );
    assert!(
        run.stdout.contains("error[numbering-gap]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.ends_with("1 error, 0 warnings, 0 infos\n"),
        "{}",
        run.stdout
    );

    // A directory is walked: its files are checked (gap.txt has an error).
    let run = outline(["check", "fixtures/check/cli"], None);
    run.assert_code(1, "a directory of articles");
    assert!(
        run.stdout.contains("fixtures/check/cli/gap.txt:4:3"),
        "{}",
        run.stdout
    );

    // Bytes invalid in a forced encoding: the file and the offset.
    let bad = scratch.file("bad.txt", b"\xe6\xa0\x87\xff\n");
    let run = outline(
        [
            "check".as_ref(),
            "--encoding".as_ref(),
            "utf-8".as_ref(),
            bad.as_os_str(),
        ],
        None,
    );
    run.assert_code(2, "invalid UTF-8 with --encoding utf-8");
    assert!(
        run.stderr
            .contains("bad.txt: invalid utf-8 byte sequence at byte offset 3"),
        "{}",
        run.stderr
    );

    for args in [
        &["check", "--format", "xml", GAP][..],
        &["check", "--deny", "errors", GAP],
        &["check", "--encoding", "no-such-encoding", GAP],
        &["check", "--segmented", "maybe", GAP],
    ] {
        let run = outline(args.iter().copied(), None);
        run.assert_code(2, &format!("bad arguments {args:?}"));
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
}

#[test]
fn encodings_and_segmentation_are_read_as_by_parse() {
    let scratch = Scratch::new("encodings");
    let config = only_file(&scratch, &["numbering-gap"]);
    let text = read(&root(GAP));
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let gbk = scratch.file("gap-gbk.txt", &gbk);
    for encoding in ["auto", "gbk"] {
        let run = outline(
            [
                "check".as_ref(),
                "--config".as_ref(),
                config.as_os_str(),
                "--encoding".as_ref(),
                encoding.as_ref(),
                "--segmented".as_ref(),
                "no".as_ref(),
                "--format".as_ref(),
                "json".as_ref(),
                gbk.as_os_str(),
            ],
            None,
        );
        run.assert_code(1, &format!("GBK read with --encoding {encoding}"));
        let value = json(&run.stdout, "json of a GBK file");
        assert_eq!(
            at(&value, "/diagnostics/0/actual", "GBK"),
            "三是",
            "the finding of a GBK file"
        );
    }
}

#[test]
fn standard_input_is_read_without_a_file_or_with_a_dash() {
    let scratch = Scratch::new("stdin");
    let config = only_file(&scratch, &["numbering-gap"]);
    let text = read(&root(GAP));
    for extra in [None, Some("-")] {
        let mut args = vec![
            OsString::from("check"),
            "--config".into(),
            config.clone().into(),
            "--format".into(),
            "json".into(),
        ];
        args.extend(extra.map(OsString::from));
        let run = outline(args, Some(text.as_bytes()));
        run.assert_code(1, "a gap on standard input");
        let value = json(&run.stdout, "json of standard input");
        assert_eq!(at(&value, "/file", "stdin"), "-");
        assert_eq!(at(&value, "/diagnostics/0/rule", "stdin"), "numbering-gap");
    }
}

#[test]
fn a_closed_standard_output_is_not_a_failure() {
    let scratch = Scratch::new("pipe");
    let config = only_file(&scratch, &["numbering-gap"]);
    // Enough output to overflow any pipe buffer.
    let mut args = vec![OsString::from("check"), "--config".into(), config.into()];
    args.extend(std::iter::repeat_n(OsString::from(GAP), 3000));
    let mut child = Command::new(env!("CARGO_BIN_EXE_outline"))
        .args(&args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("outline starts");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("outline ends");
    assert_eq!(
        output.status.code(),
        Some(1),
        "the findings decide the status; stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

// ---------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------

#[test]
fn human_format_draws_carets_under_the_chinese_characters() {
    let scratch = Scratch::new("human");
    let config = only_file(&scratch, &["numbering-gap", "placeholder"]);
    let run = outline(
        [
            "check".as_ref(),
            "--config".as_ref(),
            config.as_os_str(),
            GAP.as_ref(),
            PLACEHOLDER.as_ref(),
        ],
        None,
    );
    run.assert_code(1, "human format");
    assert!(
        !run.stdout.contains('\u{1b}'),
        "no colour when not a terminal"
    );
    insta::assert_snapshot!("human_gap_and_placeholder", run.stdout);
}

#[test]
fn json_format_is_one_object_per_file_one_per_line() {
    let scratch = Scratch::new("json");
    let config = only_file(&scratch, &["numbering-gap", "placeholder"]);
    let run = outline(
        [
            "check".as_ref(),
            "--config".as_ref(),
            config.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
            GAP.as_ref(),
        ],
        None,
    );
    run.assert_code(1, "json, one file");
    assert_eq!(run.stdout.lines().count(), 1);
    let value = json(&run.stdout, "json, one file");
    assert_eq!(at(&value, "/file", "json"), GAP);
    let finding = at(&value, "/diagnostics/0", "json");
    assert_eq!(finding["rule"], "numbering-gap");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["expected"], "二是");
    assert_eq!(finding["actual"], "三是");
    assert_eq!(finding["position"]["start"]["line"], 4);
    assert_eq!(finding["position"]["start"]["column"], 3);
    assert_eq!(finding["related"][0]["position"]["start"]["line"], 3);
    assert!(finding["message"].is_string());

    let run = outline(
        [
            "check".as_ref(),
            "--config".as_ref(),
            config.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
            GAP.as_ref(),
            PLACEHOLDER.as_ref(),
            CLEAN.as_ref(),
        ],
        None,
    );
    run.assert_code(1, "json, three files");
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|line| json(line, "a JSON line"))
        .collect();
    let files: Vec<&Value> = lines.iter().map(|line| &line["file"]).collect();
    assert_eq!(files, [GAP, PLACEHOLDER, CLEAN]);
    assert_eq!(lines[1]["diagnostics"][0]["severity"], "warning");
    assert_eq!(lines[2]["diagnostics"], Value::Array(Vec::new()));
}

#[test]
fn sarif_format_is_one_log_github_accepts() {
    let scratch = Scratch::new("sarif");
    let config = only_file(&scratch, &["numbering-gap", "placeholder"]);
    let run = outline(
        [
            "check".as_ref(),
            "--config".as_ref(),
            config.as_os_str(),
            "--format".as_ref(),
            "sarif".as_ref(),
            GAP.as_ref(),
            PLACEHOLDER.as_ref(),
        ],
        None,
    );
    run.assert_code(1, "sarif");
    let log = json(&run.stdout, "sarif");
    assert_eq!(log["version"], "2.1.0");
    assert!(at(&log, "/$schema", "sarif")
        .as_str()
        .is_some_and(|s| s.contains("sarif")));
    let runs = at(&log, "/runs", "sarif")
        .as_array()
        .expect("runs is an array");
    assert_eq!(runs.len(), 1, "all files in one run");
    let run0 = &runs[0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let driver = &run0["tool"]["driver"];
    assert_eq!(driver["name"], "outline");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().expect("rules is an array");
    let ids: Vec<&str> = outline::check::rules().map(|info| info.id).collect();
    assert_eq!(
        rules
            .iter()
            .map(|rule| rule["id"].as_str().unwrap_or(""))
            .collect::<Vec<_>>(),
        ids
    );
    for (rule, info) in rules.iter().zip(outline::check::rules()) {
        assert_eq!(rule["shortDescription"]["text"], info.summary);
        assert!(rule["fullDescription"]["text"].is_string());
        assert!(rule["help"]["text"]
            .as_str()
            .is_some_and(|text| text.contains(info.bad)));
        let level = match info.default_severity {
            outline::check::Severity::Error => "error",
            outline::check::Severity::Warning => "warning",
            outline::check::Severity::Info => "note",
        };
        assert_eq!(rule["defaultConfiguration"]["level"], level, "{}", info.id);
    }

    let results = run0["results"].as_array().expect("results is an array");
    assert_eq!(results.len(), 2);
    let gap = &results[0];
    assert_eq!(gap["ruleId"], "numbering-gap");
    let index = gap["ruleIndex"].as_u64().expect("ruleIndex") as usize;
    assert_eq!(rules[index]["id"], "numbering-gap");
    assert_eq!(gap["level"], "error");
    assert_eq!(gap["message"]["text"], "expected `二是`, found `三是`");
    let location = &gap["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], GAP);
    assert_eq!(location["region"]["startLine"], 4);
    assert_eq!(location["region"]["startColumn"], 3);
    assert_eq!(location["region"]["endLine"], 4);
    assert_eq!(location["region"]["endColumn"], 5);
    let related = &gap["relatedLocations"][0];
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 3);
    assert_eq!(related["message"]["text"], "previous `一是`");
    assert_eq!(results[1]["level"], "warning");
    assert_eq!(
        results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        PLACEHOLDER
    );
    assert_eq!(run0["invocations"][0]["executionSuccessful"], true);

    // A file that cannot be read is a notification; the log stays valid.
    let run = outline(
        [
            "check",
            "--format",
            "sarif",
            "fixtures/check/cli/missing.txt",
        ],
        None,
    );
    run.assert_code(2, "sarif with a missing file");
    let log = json(&run.stdout, "sarif with a missing file");
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert!(
        invocation["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .is_some_and(|text| text.contains("missing.txt"))
    );
}

#[test]
fn github_format_is_one_workflow_command_per_finding() {
    let scratch = Scratch::new("github");
    let config = only_file(&scratch, &["numbering-gap", "placeholder"]);
    let run = outline(
        [
            "check".as_ref(),
            "--config".as_ref(),
            config.as_os_str(),
            "--format".as_ref(),
            "github".as_ref(),
            GAP.as_ref(),
            PLACEHOLDER.as_ref(),
        ],
        None,
    );
    run.assert_code(1, "github");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=fixtures/check/cli/gap.txt,line=4,col=3,endLine=4,endColumn=5,\
             title=numbering-gap::expected `二是`, found `三是`",
            "::warning file=fixtures/check/cli/placeholder.txt,line=6,col=1,endLine=6,\
             endColumn=4,title=placeholder::placeholder `[ ]` left in the text",
        ]
    );
    for line in &lines {
        assert!(
            ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|command| line.starts_with(command)),
            "{line}"
        );
    }
}

#[test]
fn no_format_panics_on_arbitrary_bytes() {
    let scratch = Scratch::new("arbitrary");
    // A small xorshift generator: the same cases on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let pieces: [&[u8]; 12] = [
        "一是".as_bytes(),
        "三是".as_bytes(),
        "　　".as_bytes(),
        b"\r\n",
        b"\r",
        b"\n",
        b"[ ]",
        b"--\n",
        "一、".as_bytes(),
        b"\t\x00\xff",
        "（三）".as_bytes(),
        "。".as_bytes(),
    ];
    for case in 0..40 {
        let mut bytes = Vec::new();
        for _ in 0..(next() % 40) {
            bytes.extend_from_slice(pieces[(next() % pieces.len() as u64) as usize]);
        }
        let file = scratch.file(&format!("case{case}.txt"), &bytes);
        for format in ["human", "json", "sarif", "github"] {
            let run = outline(
                [
                    "check".as_ref(),
                    "--format".as_ref(),
                    format.as_ref(),
                    file.as_os_str(),
                ],
                None,
            );
            assert!(
                matches!(run.code, Some(0 | 1)),
                "{format} on {bytes:?}: exit {:?}, stderr {}",
                run.code,
                run.stderr
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

#[test]
fn outline_toml_is_found_in_a_parent_directory() {
    let scratch = Scratch::new("discover");
    let text = read(&root(GAP));
    scratch.file("project/outline.toml", "[rules]\nnumbering-gap = \"off\"\n");
    scratch.file("project/articles/gap.txt", &text);
    let articles = scratch.dir.join("project/articles");
    let run = run_in(
        Some(&articles),
        ["check", "--format", "json", "gap.txt"],
        None,
    );
    run.assert_code(0, "numbering-gap turned off by ../outline.toml");
    let value = json(&run.stdout, "json");
    assert!(
        value["diagnostics"]
            .as_array()
            .is_some_and(|all| all.iter().all(|d| d["rule"] != "numbering-gap")),
        "{value}"
    );

    // `--config` wins over the discovered file.
    let config = only_file(&scratch, &["numbering-gap"]);
    let run = run_in(
        Some(&articles),
        [
            "check".as_ref(),
            "--config".as_ref(),
            config.as_os_str(),
            "gap.txt".as_ref(),
        ],
        None,
    );
    run.assert_code(1, "--config over the discovered file");

    // A bad discovered file is a failure that names it.
    scratch.file(
        "project/outline.toml",
        "[rules]\nnumbering-gap = \"loud\"\n",
    );
    let run = run_in(Some(&articles), ["check", "gap.txt"], None);
    run.assert_code(2, "a bad discovered outline.toml");
    assert!(run.stderr.contains("outline.toml: "), "{}", run.stderr);
}

#[test]
fn a_bad_configuration_exits_2_naming_the_file() {
    let scratch = Scratch::new("badconfig");
    let cases = [
        ("syntax.toml", "[rules\n", "line 1"),
        (
            "level.toml",
            "[rules]\nnumbering-gap = \"loud\"\n",
            "line 2",
        ),
        (
            "rule.toml",
            "[rules]\nno-such-rule = \"off\"\n",
            "unknown rule `no-such-rule`",
        ),
        ("key.toml", "[other]\n", "unknown field"),
    ];
    for (name, text, fragment) in cases {
        let path = scratch.file(name, text);
        let run = outline(
            [
                "check".as_ref(),
                "--config".as_ref(),
                path.as_os_str(),
                GAP.as_ref(),
            ],
            None,
        );
        run.assert_code(2, name);
        assert!(run.stdout.is_empty(), "{name}: {}", run.stdout);
        let expected = format!("outline: {}: ", path.display());
        assert!(run.stderr.starts_with(&expected), "{name}: {}", run.stderr);
        assert!(run.stderr.contains(fragment), "{name}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{name}: {}", run.stderr);
    }
    let run = outline(["check", "--config", "no-such.toml", GAP], None);
    run.assert_code(2, "a missing configuration");
    assert_eq!(
        run.stderr,
        "outline: no-such.toml: cannot read: no such file or directory\n"
    );
}

// ---------------------------------------------------------------------------
// --explain and docs/rules.md
// ---------------------------------------------------------------------------

#[test]
fn explain_prints_each_rule_and_lists_them_all() {
    for info in outline::check::rules() {
        let run = outline(["check", "--explain", info.id], None);
        run.assert_code(0, info.id);
        for part in [info.id, info.summary, info.why] {
            assert!(
                run.stdout.contains(part),
                "{}: {part:?} in {}",
                info.id,
                run.stdout
            );
        }
        assert!(
            run.stdout
                .contains(&format!("default severity: {}", info.default_severity)),
            "{}",
            run.stdout
        );
        for example in [info.bad, info.good] {
            for line in example.lines() {
                assert!(run.stdout.contains(line), "{}: {line:?}", info.id);
            }
        }
    }

    let run = outline(["check", "--explain"], None);
    run.assert_code(0, "--explain alone");
    assert_eq!(run.stdout.lines().count(), outline::check::rules().count());
    for (line, info) in run.stdout.lines().zip(outline::check::rules()) {
        assert!(line.starts_with(info.id), "{line}");
        assert!(line.contains(&info.default_severity.to_string()), "{line}");
        assert!(line.ends_with(info.summary), "{line}");
    }

    let run = outline(["check", "--explain", "no-such-rule"], None);
    run.assert_code(2, "an unknown rule");
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("unknown rule `no-such-rule`"),
        "{}",
        run.stderr
    );
    for info in outline::check::rules() {
        assert!(
            run.stderr.contains(info.id),
            "{} in {}",
            info.id,
            run.stderr
        );
    }
}

/// The part of docs/rules.md between these lines is generated from the
/// rules' [`RuleInfo`](outline::check::RuleInfo) by [`rules_markdown`].
const RULES_START: &str = "<!-- rules:start (generated from the rules' RuleInfo: UPDATE_DOCS=1 cargo test --test cli_check) -->";
const RULES_END: &str = "<!-- rules:end -->";

/// The generated part of docs/rules.md: a table of the rules, then one
/// section per rule.
fn rules_markdown() -> String {
    let mut out = String::from("| rule | default | what it checks |\n|---|---|---|\n");
    for info in outline::check::rules() {
        out.push_str(&format!(
            "| [`{id}`](#{id}) | {severity} | {summary} |\n",
            id = info.id,
            severity = info.default_severity,
            summary = info.summary.replace('|', "\\|"),
        ));
    }
    for info in outline::check::rules() {
        out.push_str(&format!(
            "\n### `{id}`\n\n\
             Default severity: {severity}\n\n\
             **Checks:** {summary}\n\n\
             **Why:** {why}\n\n\
             Bad:\n\n```text\n{bad}\n```\n\n\
             Good:\n\n```text\n{good}\n```\n",
            id = info.id,
            severity = info.default_severity,
            summary = info.summary,
            why = info.why,
            bad = info.bad,
            good = info.good,
        ));
    }
    out
}

#[test]
fn docs_rules_md_describes_every_rule() {
    let path = root("docs/rules.md");
    let docs = read(&path);
    let (Some(start), Some(end)) = (docs.find(RULES_START), docs.find(RULES_END)) else {
        panic!("docs/rules.md should have the lines {RULES_START} and {RULES_END}");
    };
    let generated = format!("{RULES_START}\n\n{}\n{RULES_END}", rules_markdown());
    let current = docs.get(start..end + RULES_END.len()).unwrap_or_default();
    if current != generated && std::env::var_os("UPDATE_DOCS").is_some_and(|value| value == "1") {
        let updated = docs.replacen(current, &generated, 1);
        fs::write(&path, updated).expect("docs/rules.md can be written");
        return;
    }
    // Every rule, with its summary and default severity, in its section.
    for info in outline::check::rules() {
        let heading = format!("\n### `{}`\n", info.id);
        let section = docs
            .split(&heading)
            .nth(1)
            .and_then(|rest| rest.split("\n#").next())
            .unwrap_or_else(|| panic!("docs/rules.md lacks the section {heading:?}"));
        assert!(
            section.contains(info.summary),
            "docs/rules.md: the section of `{}` should quote its summary {:?}; \
             regenerate with `UPDATE_DOCS=1 cargo test --test cli_check`",
            info.id,
            info.summary
        );
        assert!(
            section.contains(&format!("Default severity: {}", info.default_severity)),
            "docs/rules.md: the default severity of `{}` should be {}",
            info.id,
            info.default_severity
        );
    }
    assert!(
        current == generated,
        "docs/rules.md: the rules' texts changed (why, examples); \
         regenerate with `UPDATE_DOCS=1 cargo test --test cli_check`"
    );
}

// ---------------------------------------------------------------------------
// outline schema
// ---------------------------------------------------------------------------

/// The committed schema equals the generated one; with `UPDATE_SCHEMAS=1`
/// the committed file is rewritten.
fn assert_schema_committed(what: &str, file: &str) -> Value {
    let run = outline(["schema", what], None);
    run.assert_code(0, &format!("schema {what}"));
    let path = root(file);
    if std::env::var_os("UPDATE_SCHEMAS").is_some_and(|value| value == "1") {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("docs/schema can be created");
        }
        fs::write(&path, &run.stdout).expect("the schema can be written");
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == run.stdout,
        "{file} differs from `outline schema {what}`: the types changed; \
         regenerate it with `UPDATE_SCHEMAS=1 cargo test --test cli_check`"
    );
    json(&run.stdout, file)
}

#[test]
fn committed_schemas_are_the_generated_ones() {
    let outline_schema = assert_schema_committed("outline", "docs/schema/outline.schema.json");
    assert!(outline_schema["$schema"].is_string());
    let config = assert_schema_committed("config", "docs/schema/config.schema.json");
    let names = config
        .pointer("/properties/rules/propertyNames/enum")
        .and_then(Value::as_array)
        .expect("the config schema names the rules");
    let ids: Vec<&str> = outline::check::rules().map(|info| info.id).collect();
    assert_eq!(names, &ids);
}

/// Every object key and every `type` value in a JSON value.
fn keys_and_types(value: &Value, keys: &mut BTreeSet<String>, types: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                keys.insert(key.clone());
                if key == "type" {
                    if let Some(name) = child.as_str() {
                        types.insert(name.to_owned());
                    }
                }
                keys_and_types(child, keys, types);
            }
        }
        Value::Array(items) => {
            for item in items {
                keys_and_types(item, keys, types);
            }
        }
        _ => {}
    }
}

/// Every property name and every `const`/`enum` string in a schema.
fn schema_names(schema: &Value, properties: &mut BTreeSet<String>, values: &mut BTreeSet<String>) {
    match schema {
        Value::Object(map) => {
            for (key, child) in map {
                match key.as_str() {
                    "properties" => {
                        if let Some(props) = child.as_object() {
                            properties.extend(props.keys().cloned());
                        }
                    }
                    "const" => values.extend(child.as_str().map(str::to_owned)),
                    "enum" => values.extend(
                        child
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .map(str::to_owned),
                    ),
                    _ => {}
                }
                schema_names(child, properties, values);
            }
        }
        Value::Array(items) => {
            for item in items {
                schema_names(item, properties, values);
            }
        }
        _ => {}
    }
}

#[test]
fn the_outline_schema_covers_every_field_and_type_of_the_fixtures() {
    let run = outline(["schema", "outline"], None);
    run.assert_code(0, "schema outline");
    let schema = json(&run.stdout, "the outline schema");
    let (mut properties, mut values) = (BTreeSet::new(), BTreeSet::new());
    schema_names(&schema, &mut properties, &mut values);

    // Every fixture article, in every folder.
    let fixtures = root("fixtures");
    let files: Vec<PathBuf> = files_under(&fixtures)
        .into_iter()
        .filter(|name| name.ends_with(".txt"))
        .map(|name| fixtures.join(name))
        .collect();
    assert!(files.len() > 50, "{} fixture articles", files.len());
    let (mut keys, mut types) = (BTreeSet::new(), BTreeSet::new());
    for file in &files {
        let run = outline(["parse".as_ref(), file.as_os_str()], None);
        run.assert_code(0, &format!("parse {}", file.display()));
        keys_and_types(&json(&run.stdout, "outline"), &mut keys, &mut types);
    }
    let missing: Vec<_> = keys.difference(&properties).collect();
    assert!(
        missing.is_empty(),
        "fields missing from the schema: {missing:?}"
    );
    let missing: Vec<_> = types.difference(&values).collect();
    assert!(
        missing.is_empty(),
        "node types missing from the schema: {missing:?}"
    );
    assert!(
        types.contains("point") && types.contains("section"),
        "{types:?}"
    );
}
