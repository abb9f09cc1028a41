//! `outline parse` and `outline check` over many files, directories and
//! streams, run as a separate process.
//!
//! - Batch: several FILE arguments or directories (walked recursively,
//!   `--glob`), one JSON file per input under `--out-dir` (mirroring the
//!   paths inside the directory), or JSON Lines on standard output in input
//!   order; `--jobs`; a failing input is reported, counted and skipped
//!   (exit 1, for `parse` and `check` alike).
//! - Stream: `outline parse --jsonl`, one answer line per non-empty input
//!   line, in order, with the input's fields passed through.
//!
//! Every run happens in a scratch folder under the system's temporary
//! directory (removed at the end), with relative paths, so that
//! `source.name` is the path as given.

mod support;

use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use support::cli::{files_under, run_in, Run, Scratch};

/// A short unsegmented article with a title and two points.
const POINTS: &str = "数字经济发展\n\n　　一是加快建设新型基础设施。\n　　二是推动产业深度融合。\n";

/// A short article with a numbered heading and a gap in the points.
const GAP: &str = "标题\n\n　　一、总体要求\n\n　　一是加快发展。\n　　三是扩大应用。\n";

/// A segmented article (words separated by spaces).
const SEGMENTED: &str = "人工智能 引领 科技 创新\n\n   一 是 大力 发展 新兴 产业 。\n";

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

/// Standard output as JSON Lines.
fn json_lines(run: &Run, what: &str) -> Vec<Value> {
    let text = run.stdout_text();
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "{what}: the output should end with a line break"
    );
    text.lines().map(|line| json(line, what)).collect()
}

fn json(text: &str, what: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|err| panic!("{what}: not JSON ({err}): {text:.200}"))
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
    json(&text, &path.display().to_string())
}

/// The outline `outline parse FILE` prints for one file, run in `dir`.
fn single(dir: &Path, file: &str, extra: &[&str]) -> Value {
    let mut args = vec!["parse", file];
    args.extend_from_slice(extra);
    let run = run_in(Some(dir), args, None);
    run.assert_code(0, file);
    json(run.stdout_text().trim_end(), file)
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

/// A source tree: nested folders, text and Markdown files, and files the
/// default `--glob` leaves out.
fn corpus(scratch: &Scratch) {
    scratch.file("corpus/a.txt", POINTS);
    scratch.file("corpus/notes.json", "{}");
    scratch.file("corpus/README", "不是文章");
    scratch.file("corpus/2024/b.txt", GAP);
    scratch.file("corpus/2024/deep/c.md", "# 标题\n\n## 一、要求\n\n正文。\n");
    scratch.file("corpus/2024/deep/D.TXT", SEGMENTED);
    scratch.file("corpus/empty/x.dat", "");
}

/// The files `corpus` makes that the default `--glob` selects, in the
/// order of a run (names in byte order, folder by folder).
const CORPUS_SELECTED: [&str; 4] = [
    "corpus/2024/b.txt",
    "corpus/2024/deep/D.TXT",
    "corpus/2024/deep/c.md",
    "corpus/a.txt",
];

// ---------------------------------------------------------------------------
// Batch: --out-dir
// ---------------------------------------------------------------------------

#[test]
fn out_dir_mirrors_a_directory_and_each_output_equals_a_single_run() {
    let scratch = Scratch::new("mirror");
    corpus(&scratch);
    scratch.file("loose/e.txt", POINTS);
    let run = scratch.run(["parse", "corpus", "loose/e.txt", "--out-dir", "out"], None);
    run.assert_code(0, "parse corpus --out-dir out");
    assert_eq!(run.stdout_text(), "", "nothing on stdout with --out-dir");
    assert_eq!(run.stderr, "", "nothing on stderr");

    assert_eq!(
        files_under(&scratch.path("out")),
        set(&[
            "2024/b.txt.json",
            "2024/deep/D.TXT.json",
            "2024/deep/c.md.json",
            "a.txt.json",
            "e.txt.json",
        ]),
        "the directory's paths are mirrored, a file argument goes by its name, \
         and no temporary file is left"
    );
    for input in CORPUS_SELECTED {
        let output = scratch.path(&format!("out/{}.json", input.trim_start_matches("corpus/")));
        let batch = read_json(&output);
        assert_eq!(
            batch["source"]["name"], input,
            "source.name: the joined path"
        );
        assert_eq!(batch, single(&scratch.dir, input, &[]), "{input}");
    }
    assert_eq!(
        read_json(&scratch.path("out/e.txt.json")),
        single(&scratch.dir, "loose/e.txt", &[])
    );

    // The outputs are compact JSON with a final line break, as `parse FILE`
    // prints; --pretty indents them.
    let text = fs::read_to_string(scratch.path("out/a.txt.json")).expect("read the output");
    assert_eq!(text.lines().count(), 1);
    assert!(text.ends_with("}\n"));
    let run = scratch.run(["parse", "corpus", "--out-dir", "pretty", "--pretty"], None);
    run.assert_code(0, "--pretty --out-dir");
    let text = fs::read_to_string(scratch.path("pretty/a.txt.json")).expect("read the output");
    assert!(text.lines().count() > 10, "indented: {text}");
    assert_eq!(
        json(&text, "pretty"),
        read_json(&scratch.path("out/a.txt.json"))
    );

    // Other formats are named for what they hold, and hold what a single
    // run prints.
    for (format, extension) in [("tree", "txt"), ("markdown", "md")] {
        let run = scratch.run(
            ["parse", "corpus", "--out-dir", format, "--format", format],
            None,
        );
        run.assert_code(0, format);
        let names = files_under(&scratch.path(format));
        assert!(
            names.contains(&format!("a.txt.{extension}")) && names.len() == CORPUS_SELECTED.len(),
            "{format}: {names:?}"
        );
        let single = scratch.run(["parse", "corpus/a.txt", "--format", format], None);
        let written = fs::read_to_string(scratch.path(&format!("{format}/a.txt.{extension}")))
            .expect("read the output");
        assert_eq!(written, single.stdout_text(), "{format}");
    }

    // A second run replaces the outputs.
    scratch.file("corpus/a.txt", GAP);
    let run = scratch.run(["parse", "corpus", "--out-dir", "out"], None);
    run.assert_code(0, "second run");
    assert_eq!(
        read_json(&scratch.path("out/a.txt.json")),
        single(&scratch.dir, "corpus/a.txt", &[])
    );

    // An --out-dir inside the directory is not read back.
    let run = scratch.run(
        ["parse", "corpus", "--out-dir", "corpus/out", "--glob", "*"],
        None,
    );
    run.assert_code(0, "--out-dir inside the input");
    let again = scratch.run(
        ["parse", "corpus", "--out-dir", "corpus/out", "--glob", "*"],
        None,
    );
    again.assert_code(0, "--out-dir inside the input, again");
    assert!(
        files_under(&scratch.path("corpus/out"))
            .iter()
            .all(|name| !name.starts_with("out/")),
        "{:?}",
        files_under(&scratch.path("corpus/out"))
    );
}

#[test]
fn options_apply_to_every_file_of_a_batch() {
    let scratch = Scratch::new("options");
    corpus(&scratch);
    let run = scratch.run(
        ["parse", "corpus", "--segmented", "no", "--out-dir", "out"],
        None,
    );
    run.assert_code(0, "--segmented no");
    for input in CORPUS_SELECTED {
        let output = scratch.path(&format!("out/{}.json", input.trim_start_matches("corpus/")));
        assert_eq!(
            read_json(&output),
            single(&scratch.dir, input, &["--segmented", "no"]),
            "{input}"
        );
    }
}

// ---------------------------------------------------------------------------
// Batch: JSON Lines on standard output
// ---------------------------------------------------------------------------

#[test]
fn several_inputs_give_json_lines_in_input_order() {
    let scratch = Scratch::new("lines");
    corpus(&scratch);
    scratch.file("z.txt", GAP);
    scratch.file("y.md", SEGMENTED);
    let run = scratch.run(["parse", "z.txt", "corpus", "y.md"], None);
    run.assert_code(0, "parse z.txt corpus y.md");
    assert_eq!(run.stderr, "");
    let lines = json_lines(&run, "JSON Lines");
    let mut expected = vec!["z.txt"];
    expected.extend(CORPUS_SELECTED);
    expected.push("y.md");
    let names: Vec<&str> = lines
        .iter()
        .map(|line| line["source"]["name"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(names, expected, "one outline a line, in input order");
    for (line, input) in lines.iter().zip(&expected) {
        assert_eq!(line, &single(&scratch.dir, input, &[]), "{input}");
    }

    // A single file keeps the single-file output, byte for byte; a
    // directory with one file gives the same line.
    scratch.file("one/only.txt", POINTS);
    let alone = scratch.run(["parse", "one/only.txt"], None);
    let directory = scratch.run(["parse", "one"], None);
    alone.assert_code(0, "one file");
    directory.assert_code(0, "a directory of one file");
    assert_eq!(alone.stdout, directory.stdout);
}

/// Markdown outlines of several files on standard output, each after a
/// comment naming its file as a JSON string (even a name holding `-->`),
/// then a blank line; each part is the file's own Markdown outline.
#[test]
fn markdown_outlines_on_standard_output_are_named_and_parted() {
    let scratch = Scratch::new("markdown");
    scratch.file("a.txt", POINTS);
    let odd = "b --> <!-- c.txt";
    scratch.file(odd, GAP);
    let run = scratch.run(["parse", "--format", "markdown", "a.txt", odd], None);
    run.assert_code(0, "parse --format markdown, two files");
    let text = run.stdout_text();
    let mut parts: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(name) = line
            .strip_prefix("<!-- outline source: ")
            .and_then(|rest| rest.strip_suffix(" -->\n"))
        {
            assert!(!name.contains("-->"), "{name}");
            let name: String = serde_json::from_str(name).expect("a JSON string");
            parts.push((name, String::new()));
        } else if let Some((_, body)) = parts.last_mut() {
            body.push_str(line);
        } else {
            panic!("output before the first comment: {line:?}");
        }
    }
    let names: Vec<&str> = parts.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["a.txt", odd]);
    for (name, body) in &parts {
        let alone = scratch.run(["parse", "--format", "markdown", name.as_str()], None);
        alone.assert_code(0, name);
        assert_eq!(body, &format!("\n{}\n", alone.stdout_text()), "{name}");
    }
}

#[test]
fn jobs_1_and_2_give_identical_outputs() {
    let scratch = Scratch::new("jobs");
    let articles = [POINTS, GAP, SEGMENTED];
    for index in 0..300 {
        let text = format!("{}\n　　第{index}篇。\n", articles[index % articles.len()]);
        scratch.file(&format!("many/{:02}/{index:04}.txt", index % 7), text);
    }
    let one = scratch.run(["parse", "many", "--jobs", "1"], None);
    let two = scratch.run(["parse", "many", "--jobs", "2"], None);
    let four = scratch.run(["parse", "many", "-j", "4"], None);
    for (run, what) in [(&one, "--jobs 1"), (&two, "--jobs 2"), (&four, "-j 4")] {
        run.assert_code(0, what);
        assert_eq!(
            run.stderr, "",
            "{what}: no progress bar when stderr is not a terminal"
        );
    }
    assert_eq!(json_lines(&one, "--jobs 1").len(), 300);
    assert!(one.stdout == two.stdout, "--jobs 1 and --jobs 2 differ");
    assert!(one.stdout == four.stdout, "--jobs 1 and -j 4 differ");

    let run = scratch.run(["parse", "many", "--jobs", "1", "--out-dir", "one"], None);
    run.assert_code(0, "--out-dir, --jobs 1");
    let run = scratch.run(["parse", "many", "--jobs", "2", "--out-dir", "two"], None);
    run.assert_code(0, "--out-dir, --jobs 2");
    let files = files_under(&scratch.path("one"));
    assert_eq!(files.len(), 300);
    assert_eq!(files, files_under(&scratch.path("two")));
    for file in &files {
        let one = fs::read(scratch.path(&format!("one/{file}"))).expect("read");
        let two = fs::read(scratch.path(&format!("two/{file}"))).expect("read");
        assert!(one == two, "{file} differs between --jobs 1 and 2");
    }

    let run = scratch.run(["parse", "many", "--jobs", "0"], None);
    run.assert_code(2, "--jobs 0");
    assert!(run.stdout.is_empty());
}

// ---------------------------------------------------------------------------
// Failures
// ---------------------------------------------------------------------------

#[test]
fn a_failing_file_is_reported_counted_and_skipped() {
    let scratch = Scratch::new("failing");
    corpus(&scratch);
    // Invalid in forced UTF-8: `标题\n` is 7 bytes.
    scratch.file(
        "corpus/2024/bad.txt",
        ["标题\n".as_bytes(), b"\xFF", "正文\n".as_bytes()].concat(),
    );
    let args = [
        "parse",
        "corpus",
        "missing.txt",
        "--encoding",
        "utf-8",
        "--out-dir",
        "out",
    ];
    let run = scratch.run(args, None);
    run.assert_code(1, "a failing file among good ones");
    assert_eq!(
        run.stderr,
        "outline: corpus/2024/bad.txt: invalid utf-8 byte sequence at byte offset 7\n\
         outline: missing.txt: cannot read: no such file or directory\n\
         outline: 2 of 6 files failed\n",
        "each failure named, in input order, then the count"
    );
    assert_eq!(
        files_under(&scratch.path("out")),
        set(&[
            "2024/b.txt.json",
            "2024/deep/D.TXT.json",
            "2024/deep/c.md.json",
            "a.txt.json",
        ]),
        "the good files are written; nothing for the failing ones, no temporary file"
    );

    // On standard output: the good ones as JSON Lines.
    let run = scratch.run(
        ["parse", "corpus", "missing.txt", "--encoding", "utf-8"],
        None,
    );
    run.assert_code(1, "JSON Lines with failures");
    assert_eq!(json_lines(&run, "JSON Lines with failures").len(), 4);
    assert!(run.stderr.ends_with("outline: 2 of 6 files failed\n"));

    // A single missing file keeps the single-file behaviour: exit 2.
    let run = scratch.run(["parse", "missing.txt"], None);
    run.assert_code(2, "one missing file");
    assert_eq!(
        run.stderr,
        "outline: missing.txt: cannot read: no such file or directory\n"
    );
}

#[test]
fn an_output_that_cannot_be_written_is_a_failing_file() {
    let scratch = Scratch::new("unwritable");
    corpus(&scratch);
    // A file where the output folder `2024` should be.
    scratch.file("out/2024", "in the way");
    let run = scratch.run(["parse", "corpus", "--out-dir", "out"], None);
    run.assert_code(1, "an output folder that cannot be created");
    assert!(
        run.stderr.contains("out/2024: cannot create the folder"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("outline: 3 of 4 files failed\n"),
        "{}",
        run.stderr
    );
    assert_eq!(
        files_under(&scratch.path("out")),
        set(&["2024", "a.txt.json"])
    );
}

/// A run with `--out-dir` the input folder itself writes its outputs
/// next to the inputs; the next run does not take them for inputs (with
/// `--format tree` they end in `.txt`, as the inputs do).
#[test]
fn outputs_of_an_earlier_run_are_not_inputs() {
    let scratch = Scratch::new("outputs-beside");
    corpus(&scratch);
    let args = ["parse", "corpus", "--out-dir", "corpus", "--format", "tree"];
    let first = scratch.run(args, None);
    first.assert_code(0, "first run");
    let after_first = files_under(&scratch.path("corpus"));
    assert!(after_first.contains("a.txt.txt"), "{after_first:?}");
    let second = scratch.run(args, None);
    second.assert_code(0, "second run");
    assert_eq!(second.stderr, "", "second run");
    assert_eq!(
        files_under(&scratch.path("corpus")),
        after_first,
        "the second run writes the same files again, and no `.txt.txt.txt`"
    );
    // A file named as an argument is read, whatever its name.
    let named = scratch.run(
        [
            "parse",
            "corpus/a.txt.txt",
            "--out-dir",
            "corpus",
            "--format",
            "tree",
        ],
        None,
    );
    named.assert_code(0, "a named file");
    assert!(scratch.path("corpus/a.txt.txt.txt").exists());
}

/// A file name of 250 bytes makes an output name of 255 (with `.json`):
/// the longest the usual file systems take, which the temporary name must
/// not exceed on the way.
#[test]
fn long_file_names_are_written() {
    let scratch = Scratch::new("long-names");
    let name = format!("{}.txt", "长".repeat(82)); // 246 + 4 bytes
    assert_eq!(name.len(), 250);
    scratch.file(&format!("in/{name}"), POINTS);
    let run = scratch.run(["parse", "in", "--out-dir", "out"], None);
    run.assert_code(0, "a long name");
    assert_eq!(
        files_under(&scratch.path("out")),
        set(&[&format!("{name}.json")])
    );
}

/// `--jobs` beyond what helps is taken as the most threads a run starts:
/// a run with a hundred thousand asked for finishes as any other.
#[test]
fn a_huge_jobs_count_is_capped() {
    let scratch = Scratch::new("many-jobs");
    corpus(&scratch);
    let capped = scratch.run(["parse", "corpus", "--jobs", "100000"], None);
    capped.assert_code(0, "--jobs 100000");
    let one = scratch.run(["parse", "corpus", "--jobs", "1"], None);
    assert_eq!(capped.stdout, one.stdout);
}

#[test]
fn runs_that_cannot_start_exit_2() {
    let scratch = Scratch::new("refused");
    corpus(&scratch);
    scratch.file("other/a.txt", GAP);
    scratch.file("blocker", "a file, not a folder");
    let cases: [(&str, &[&str], &str); 9] = [
        (
            "a directory with no selected file",
            &["parse", "corpus/empty"],
            "corpus/empty: is a directory with no file that the default globs select (*.txt, *.md)",
        ),
        (
            "--glob that selects nothing",
            &["parse", "corpus", "--glob", "*.docx"],
            "corpus: is a directory with no file that --glob *.docx selects",
        ),
        (
            "exclusions that leave nothing",
            &[
                "parse",
                "corpus/2024/deep",
                "--glob",
                "!*.md",
                "--glob",
                "!*.TXT",
            ],
            "corpus/2024/deep: is a directory with no file that the default globs select \
             (*.txt, *.md), less what --glob !*.md --glob !*.TXT excludes",
        ),
        (
            "an invalid --glob",
            &["parse", "corpus", "--glob", "a[b"],
            "--glob a[b",
        ),
        (
            "two inputs for one output",
            &["parse", "corpus", "other", "--out-dir", "out"],
            "would be written by both corpus/a.txt and other/a.txt",
        ),
        (
            "standard input under --out-dir",
            &["parse", "-", "corpus", "--out-dir", "out"],
            "standard input",
        ),
        (
            "--output with several inputs",
            &["parse", "corpus", "--output", "all.json"],
            "--output takes one input",
        ),
        (
            "--pretty on JSON Lines",
            &["parse", "corpus", "--pretty"],
            "--pretty",
        ),
        (
            "an --out-dir that cannot be created",
            &["parse", "corpus", "--out-dir", "blocker/out"],
            "blocker/out: cannot create the folder",
        ),
    ];
    for (what, args, fragment) in cases {
        let run = scratch.run(args.iter().copied(), None);
        run.assert_code(2, what);
        assert!(run.stdout.is_empty(), "{what}: nothing on stdout");
        assert!(
            run.stderr.starts_with("outline: ") && run.stderr.contains(fragment),
            "{what}: stderr should contain {fragment:?}: {}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1, "{what}: {}", run.stderr);
    }
    assert!(!scratch.path("out").exists() || files_under(&scratch.path("out")).is_empty());
}

/// Starts a long `--out-dir` run (about 100 MB on one thread, well over a
/// second) through `sh -c "PREFIX exec outline ..."`, and returns it once a
/// temporary file of it is seen, while it is being written.
#[cfg(unix)]
fn long_run_writing_a_temporary_file(scratch: &Scratch, prefix: &str) -> std::process::Child {
    let article = SEGMENTED.repeat(250_000 / SEGMENTED.len());
    for i in 0..400 {
        scratch.file(&format!("in/{i:03}.txt"), &article);
    }
    let out = scratch.path("out");
    let script = format!("{prefix} exec \"$0\" parse -j 1 in --out-dir out",);
    let child = Command::new("sh")
        .current_dir(&scratch.dir)
        .args(["-c", &script, env!("CARGO_BIN_EXE_outline")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("outline starts");
    wait_for_a_temporary_file(&out);
    child
}

/// Returns once a temporary file (`*.tmp`) is under `dir`, looking without
/// a pause so as to see one while it is written; fails after 60 s.
#[cfg(unix)]
fn wait_for_a_temporary_file(dir: &Path) {
    let started = std::time::Instant::now();
    while !(dir.is_dir() && files_under(dir).iter().any(|f| f.ends_with(".tmp"))) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "no temporary file seen after 60 s"
        );
    }
}

/// Sends `signal` to `child` and waits for it: it must die of that signal,
/// leaving no temporary file under `dir`.
#[cfg(unix)]
fn interrupt(child: std::process::Child, signal: nix::sys::signal::Signal, dir: &Path) {
    use std::os::unix::process::ExitStatusExt;
    send(&child, signal);
    let output = child.wait_with_output().expect("outline ends");
    assert_eq!(
        output.status.signal(),
        Some(signal as i32),
        "{:?}",
        output.status
    );
    let left = files_under(dir);
    let temporary: Vec<&String> = left.iter().filter(|f| f.ends_with(".tmp")).collect();
    assert!(temporary.is_empty(), "{temporary:?}");
}

#[cfg(unix)]
fn send(child: &std::process::Child, signal: nix::sys::signal::Signal) {
    let pid = nix::unistd::Pid::from_raw(i32::try_from(child.id()).expect("a pid"));
    nix::sys::signal::kill(pid, signal).expect("the signal is sent");
}

/// An interrupted `--out-dir` run dies of the signal, as without a
/// handler, and leaves no temporary file: those being written are removed
/// first. (The signal comes while a temporary file is being written:
/// without the handler, it would be left.) SIGTERM, as SIGINT may be
/// ignored where the tests run (a shell's background job), and then stays
/// ignored.
#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_temporary_file() {
    let scratch = Scratch::new("interrupted");
    let child = long_run_writing_a_temporary_file(&scratch, "");
    let out = scratch.path("out");
    interrupt(child, nix::sys::signal::Signal::SIGTERM, &out);
    assert!(files_under(&out).len() < 400, "the run was not interrupted");
}

/// `-o FILE`, FILE new, interrupted while it writes leaves no FILE and no
/// temporary file: the outline goes to a temporary file, removed on the
/// signal.
#[cfg(unix)]
#[test]
fn an_interrupted_output_leaves_no_file() {
    let scratch = Scratch::new("interrupted-output");
    scratch.file("big.txt", SEGMENTED.repeat(60_000_000 / SEGMENTED.len()));
    let child = Command::new(env!("CARGO_BIN_EXE_outline"))
        .current_dir(&scratch.dir)
        .args(["parse", "big.txt", "-o", "out.json"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("outline starts");
    wait_for_a_temporary_file(&scratch.dir);
    interrupt(child, nix::sys::signal::Signal::SIGTERM, &scratch.dir);
    assert!(!scratch.path("out.json").exists());
}

/// A signal the run was started with ignored stays ignored: under
/// `nohup`, SIGHUP does not stop it.
#[cfg(unix)]
#[test]
fn a_signal_ignored_at_the_start_stays_ignored() {
    let scratch = Scratch::new("nohup");
    let child = long_run_writing_a_temporary_file(&scratch, "trap '' HUP;");
    send(&child, nix::sys::signal::Signal::SIGHUP);
    let output = child.wait_with_output().expect("outline ends");
    assert_eq!(output.status.code(), Some(0), "{:?}", output.status);
    let outputs = files_under(&scratch.path("out"));
    assert_eq!(outputs.len(), 400, "every output, no temporary file");
    assert!(outputs.iter().all(|f| f.ends_with(".txt.json")));
}

#[test]
fn a_closed_standard_output_is_not_a_failure() {
    let scratch = Scratch::new("pipe");
    for index in 0..400 {
        scratch.file(&format!("many/{index:04}.txt"), GAP);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_outline"))
        .args(["parse", "many", "--jobs", "2"])
        .current_dir(&scratch.dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start outline");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("read the first line");
    // The reader goes away after one line, as `| head -1` does.
    let output = child.wait_with_output().expect("wait for outline");
    assert_eq!(
        json(&first, "first line")["source"]["name"],
        "many/0000.txt"
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

// ---------------------------------------------------------------------------
// --glob
// ---------------------------------------------------------------------------

#[test]
fn glob_selects_files_inside_directories() {
    let scratch = Scratch::new("glob");
    corpus(&scratch);
    scratch.file("loose.dat", POINTS);
    let names = |args: &[&str]| -> Vec<String> {
        let run = scratch.run(args.iter().copied(), None);
        run.assert_code(0, &format!("{args:?}"));
        json_lines(&run, "glob")
            .iter()
            .map(|line| {
                line["source"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    };
    assert_eq!(names(&["parse", "corpus"]), CORPUS_SELECTED, "the default");
    assert_eq!(
        names(&["parse", "corpus", "--glob", "*.md"]),
        ["corpus/2024/deep/c.md"],
        "a name pattern matches at any depth"
    );
    assert_eq!(
        names(&["parse", "corpus", "--glob", "*.txt", "--glob", "README"]),
        ["corpus/2024/b.txt", "corpus/README", "corpus/a.txt"],
        "patterns add up; case matters in given patterns"
    );
    assert_eq!(
        names(&["parse", "corpus", "--glob", "2024/*"]),
        ["corpus/2024/b.txt"],
        "a path pattern: `*` stays in one folder"
    );
    assert_eq!(
        names(&["parse", "corpus", "--glob", "2024/**"]),
        [
            "corpus/2024/b.txt",
            "corpus/2024/deep/D.TXT",
            "corpus/2024/deep/c.md",
        ],
        "`**` crosses folders"
    );
    assert_eq!(
        names(&["parse", "corpus", "--glob", "!deep/**"]),
        CORPUS_SELECTED,
        "a path pattern is anchored at the directory argument: no `deep/` there"
    );
    assert_eq!(
        names(&["parse", "corpus", "--glob", "!2024/deep/**"]),
        ["corpus/2024/b.txt", "corpus/a.txt"],
        "`!` excludes"
    );
    assert_eq!(
        names(&["parse", "corpus", "loose.dat", "--glob", "*.md"]),
        ["corpus/2024/deep/c.md", "loose.dat"],
        "a file argument is read whatever its name"
    );
}

// ---------------------------------------------------------------------------
// --jsonl
// ---------------------------------------------------------------------------

/// One input line of `--jsonl`.
fn jsonl_line(id: &Value, text: &str, extra: &str) -> String {
    let text = serde_json::to_string(text).expect("a string serializes");
    format!("{{\"id\":{id},{extra}\"text\":{text}}}\n")
}

#[test]
fn jsonl_keeps_ids_and_other_fields_and_adds_the_outline() {
    let scratch = Scratch::new("jsonl-fields");
    let input = [
        jsonl_line(
            &Value::from("a-1"),
            POINTS,
            r#""lang": "zh", "n": 1.50e3, "#,
        ),
        jsonl_line(&Value::from(42), GAP, r#""tags":[ "x", {"y": null} ],"#),
        format!(
            "{{\"text\":{},\"source\":\"web\"}}\n",
            serde_json::to_string(SEGMENTED).expect("a string")
        ),
    ]
    .concat();
    let run = scratch.run(["parse", "--jsonl"], Some(input.as_bytes()));
    run.assert_code(0, "--jsonl");
    assert_eq!(run.stderr, "");
    let text = run.stdout_text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(
        lines[0].starts_with(r#"{"id":"a-1","lang": "zh","n": 1.50e3,"outline":{"#)
            || lines[0].starts_with(r#"{"id":"a-1","lang":"zh","n":1.50e3,"outline":{"#),
        "the fields as written, in their order, then the outline: {:.120}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(r#"{"id":42,"tags":[ "x", {"y": null} ],"outline":{"#),
        "{:.120}",
        lines[1]
    );
    assert!(
        lines[2].starts_with(r#"{"source":"web","outline":{"#),
        "{:.120}",
        lines[2]
    );

    // The outline is the one `outline parse` gives for the same text, but
    // for source.name: the id, as a string.
    let articles = [POINTS, GAP, SEGMENTED];
    let names = ["a-1", "42", "-:3"];
    for ((line, article), name) in lines.iter().zip(articles).zip(names) {
        let value = json(line, "answer");
        assert!(value.get("text").is_none(), "text is not passed through");
        let mut expected = {
            let run = scratch.run(["parse"], Some(article.as_bytes()));
            run.assert_code(0, "parse standard input");
            json(run.stdout_text().trim_end(), "parse")
        };
        expected["source"]["name"] = Value::from(name);
        assert_eq!(value["outline"], expected, "{name}");
    }

    // From a file (with a byte order mark): the same answers; without an
    // id the name is FILE:LINE.
    scratch.file("articles.jsonl", format!("\u{feff}{input}"));
    let from_file = scratch.run(["parse", "--jsonl", "articles.jsonl"], None);
    from_file.assert_code(0, "--jsonl FILE");
    let values = json_lines(&from_file, "--jsonl FILE");
    assert_eq!(values[2]["outline"]["source"]["name"], "articles.jsonl:3");
    assert_eq!(values[0], json(lines[0], "stdin"));
}

#[test]
fn jsonl_keeps_the_order_of_many_lines() {
    let scratch = Scratch::new("jsonl-order");
    let articles = [POINTS, GAP, SEGMENTED];
    let mut input = String::new();
    for index in 0..2000usize {
        let text = format!("{}　　第{index}条。\n", articles[index % 3]);
        input.push_str(&jsonl_line(&Value::from(index), &text, ""));
    }
    for jobs in ["1", "2", "4"] {
        let run = scratch.run(["parse", "--jsonl", "--jobs", jobs], Some(input.as_bytes()));
        run.assert_code(0, "2,000 lines");
        let lines = json_lines(&run, "2,000 lines");
        assert_eq!(lines.len(), 2000, "one line out for one line in");
        for (index, line) in lines.iter().enumerate() {
            assert_eq!(line["id"], index, "--jobs {jobs}: line {index} in order");
            assert_eq!(line["outline"]["source"]["name"], index.to_string());
        }
    }
}

/// A line is answered while standard input is still open, so that a
/// producer that waits for each answer before it sends the next line (a
/// request and response loop) is served: the answer to the first line
/// must come before the second is written. (A writer that flushed only at
/// the end would leave the reader waiting until the timeout.)
#[test]
fn jsonl_answers_each_line_before_the_input_ends() {
    use std::io::Write;
    use std::sync::mpsc;
    use std::time::Duration;
    for jobs in ["1", "2"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_outline"))
            .args(["parse", "--jsonl", "--jobs", jobs])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("outline starts");
        let mut stdin = child.stdin.take().expect("standard input");
        let stdout = child.stdout.take().expect("standard output");
        let (answers, answered) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if answers.send(line).is_err() {
                    break;
                }
            }
        });
        for id in 0..3 {
            let line = jsonl_line(&Value::from(id), POINTS, "");
            stdin.write_all(line.as_bytes()).expect("a line written");
            stdin.flush().expect("flushed");
            let answer = answered
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("--jobs {jobs}: no answer to line {id} within 30 s"));
            assert_eq!(json(&answer, "an answer")["id"], id, "--jobs {jobs}");
        }
        drop(stdin);
        let status = child.wait().expect("outline ends");
        assert!(status.success(), "--jobs {jobs}: {status}");
    }
}

#[test]
fn jsonl_answers_malformed_lines_and_goes_on() {
    let scratch = Scratch::new("jsonl-malformed");
    let good = |id: u32| jsonl_line(&Value::from(id), POINTS, "");
    let input = [
        good(1),
        "\n".to_owned(),                                // line 2: empty, skipped
        "not json\n".to_owned(),                        // line 3
        "{\"id\": \"x\", \"text\": 5}\n".to_owned(),    // line 4
        "   \t \r\n".to_owned(),                        // line 5: blank, skipped
        "[1, 2]\n".to_owned(),                          // line 6
        "{\"id\": [7], \"body\": \"…\"}\n".to_owned(),  // line 7
        "{\"id\": 8, \"text\": \"a\"\n".to_owned(),     // line 8: cut short
        "{\"id\":9,\"text\":\"\\ud800\"}\n".to_owned(), // line 9: a lone surrogate, read as U+FFFD
        good(10),
        "\"just a string\"\r\n".to_owned(), // line 11
        String::from_utf8_lossy(b"{\"id\":12}").into_owned() + "\n",
        good(13),
    ]
    .concat();
    let mut bytes = input.into_bytes();
    // Line 14: not UTF-8. The last line has no line break.
    bytes.extend_from_slice(b"{\"id\":14,\"text\":\"\xFF\"}\n");
    bytes.extend_from_slice(good(15).trim_end().as_bytes());

    let run = scratch.run(["parse", "--jsonl"], Some(&bytes));
    run.assert_code(0, "malformed lines are answered, not fatal");
    let lines = json_lines(&run, "malformed");
    assert_eq!(lines.len(), 13, "one answer per non-empty line");
    let ids: Vec<Value> = lines
        .iter()
        .map(|line| {
            line.get("id")
                .or(line.get("line"))
                .cloned()
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        ids,
        [
            Value::from(1),
            Value::from(3),
            Value::from("x"),
            Value::from(6),
            serde_json::json!([7]),
            Value::from(8),
            Value::from(9),
            Value::from(10),
            Value::from(11),
            Value::from(12),
            Value::from(13),
            Value::from(14),
            Value::from(15),
        ],
        "answers in input order, by id, or by line number when there is no object"
    );
    for (index, line) in lines.iter().enumerate() {
        let failed = line.get("error").is_some();
        assert_eq!(
            failed,
            !matches!(index, 0 | 6 | 7 | 10 | 12),
            "line {index}: {line}"
        );
        if failed {
            assert_eq!(
                line.as_object().map(|object| object.len()),
                Some(2),
                "{line}"
            );
            assert!(line.get("outline").is_none());
        } else {
            assert!(line["outline"]["type"] == "document", "{line}");
        }
    }
    let message = |index: usize| {
        lines[index]["error"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    assert!(message(1).starts_with("not JSON"), "{}", message(1));
    assert_eq!(message(2), "`text` is not a string but a number");
    assert_eq!(message(3), "not a JSON object but an array");
    assert_eq!(message(4), "no `text` field");
    assert!(message(11).starts_with("not UTF-8"), "{}", message(11));
    assert_eq!(lines[6]["outline"]["source"]["name"], "9");
    assert!(
        lines[6]["outline"].to_string().contains('\u{fffd}'),
        "{}",
        lines[6]
    );
    assert_eq!(
        run.stderr, "outline: -: 8 of 13 lines failed\n",
        "a count of the failed lines on stderr"
    );
}

#[test]
fn jsonl_refuses_what_does_not_apply() {
    let scratch = Scratch::new("jsonl-refused");
    scratch.file("a.jsonl", "");
    scratch.file("b.jsonl", "");
    let cases: [(&[&str], &str); 6] = [
        (&["parse", "--jsonl", "a.jsonl", "b.jsonl"], "one stream"),
        (&["parse", "--jsonl", "--pretty"], "--pretty"),
        (&["parse", "--jsonl", "--out-dir", "out"], "--out-dir"),
        (&["parse", "--jsonl", "--encoding", "gbk"], "--encoding gbk"),
        (
            &["parse", "--jsonl", "missing.jsonl"],
            "missing.jsonl: cannot read",
        ),
        (&["parse", "--jsonl", "."], ".: is a directory"),
    ];
    for (args, fragment) in cases {
        let run = scratch.run(args.iter().copied(), Some(b"{\"text\":\"a\"}\n"));
        run.assert_code(2, &format!("{args:?}"));
        assert!(run.stdout.is_empty(), "{args:?}");
        assert!(run.stderr.contains(fragment), "{args:?}: {}", run.stderr);
    }
    // UTF-8, named, is what the stream is anyway.
    let run = scratch.run(
        ["parse", "--jsonl", "--encoding", "utf-8"],
        Some(b"{\"text\":\"a\"}\n"),
    );
    run.assert_code(0, "--jsonl --encoding utf-8");
    assert_eq!(json_lines(&run, "--encoding utf-8").len(), 1);
    // An empty stream is a stream: nothing out, exit 0.
    let run = scratch.run(["parse", "--jsonl", "a.jsonl"], None);
    run.assert_code(0, "an empty file");
    assert!(run.stdout.is_empty() && run.stderr.is_empty());
}

// ---------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------

#[test]
fn check_walks_directories() {
    let scratch = Scratch::new("check");
    corpus(&scratch);
    // Only numbering-gap, at error level: GAP has one, the others none.
    let mut config = String::from("[rules]\nnumbering-gap = \"error\"\n");
    for info in outline::check::rules() {
        if info.id != "numbering-gap" {
            config.push_str(&format!("{} = \"off\"\n", info.id));
        }
    }
    scratch.file("outline.toml", config);
    let run = scratch.run(["check", "--format", "json", "corpus"], None);
    run.assert_code(1, "check corpus: one error");
    let lines = json_lines(&run, "check --format json");
    let files: Vec<&str> = lines
        .iter()
        .map(|line| line["file"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(files, CORPUS_SELECTED, "one object per file, in order");
    assert_eq!(lines[0]["diagnostics"][0]["rule"], "numbering-gap");
    for line in &lines[1..] {
        assert_eq!(line["diagnostics"], serde_json::json!([]), "{line}");
    }

    // Same findings, whatever the number of jobs, and as for the files one
    // by one.
    let two = scratch.run(["check", "--format", "json", "corpus", "--jobs", "2"], None);
    let one = scratch.run(["check", "--format", "json", "corpus", "--jobs", "1"], None);
    assert_eq!(one.stdout, two.stdout);
    let mut each = String::new();
    for input in CORPUS_SELECTED {
        each.push_str(
            &scratch
                .run(["check", "--format", "json", input], None)
                .stdout,
        );
    }
    assert_eq!(one.stdout, each);

    // --glob, and a failing file: reported, the others checked, counted,
    // exit 1.
    let run = scratch.run(
        [
            "check",
            "--format",
            "json",
            "corpus",
            "missing.txt",
            "--glob",
            "b.txt",
        ],
        None,
    );
    run.assert_code(1, "check with a missing file");
    assert_eq!(
        run.stderr,
        "outline: missing.txt: cannot read: no such file or directory\n\
         outline: 1 of 2 files failed\n"
    );
    assert_eq!(json_lines(&run, "check --glob").len(), 1);

    // One file alone that cannot be read: the tool failed.
    let run = scratch.run(["check", "missing.txt"], None);
    run.assert_code(2, "check of one missing file");

    // Standard input named twice.
    let run = scratch.run(["check", "-", "-"], Some(POINTS.as_bytes()));
    run.assert_code(2, "check - -");
    assert_eq!(
        run.stderr,
        "outline: standard input (`-`) can be read only once\n"
    );
    assert_eq!(run.stdout, "");

    // The human format ends with its summary line.
    let run = scratch.run(["check", "corpus"], None);
    run.assert_code(1, "check human");
    assert!(
        run.stdout_text()
            .ends_with("1 error, 0 warnings, 0 infos\n"),
        "{}",
        run.stdout_text()
    );
}
