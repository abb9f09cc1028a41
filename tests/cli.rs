//! The `outline` command line, run as a separate process.
//!
//! These tests hold the binary to its documented behaviour: `outline parse`
//! prints the outline JSON (contract version 1, `spec/outline-json.md`) on
//! standard output and exits 0; when the tool fails it prints one line,
//! `outline: <message>`, on standard error, prints nothing on standard output
//! and exits 2. Messages name the file and say what is wrong.
//!
//! Inputs other than the seed fixture are written to a scratch folder under
//! the system's temporary directory, one folder per test, removed at the end.

mod support;

use serde_json::{json, Value};
use std::ffi::OsString;
use std::fs;
use std::path::Path;
use support::cli::{files_under, run_in, Run, Scratch};

/// The seed article, as a path relative to the crate root (the working
/// directory of every run), so that `source.name` is exactly this string.
const SEED: &str = "fixtures/ai-industry-upgrade.txt";

/// The seed's title, with the segmenter's spaces removed.
const SEED_TITLE: &str = "人工智能引领科技创新助推产业结构升级";

/// A short unsegmented article: a title, a blank line, a list of two points.
const SHORT_ARTICLE: &str =
    "数字经济发展\n\n　　一是加快建设新型基础设施。二是推动产业深度融合。\n";

/// The title of [`SHORT_ARTICLE`].
const SHORT_TITLE: &str = "数字经济发展";

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

/// Run `outline` with `args` in the crate root.
fn outline<I, S>(args: I, stdin: Option<&[u8]>) -> Run
where
    I: IntoIterator<Item = S>,
    S: Into<OsString>,
{
    run_in(None, args, stdin)
}

/// The JSON of a successful run: exit 0, nothing on stderr, stdout ending
/// in a newline and parsing as one JSON value.
fn success_json(run: &Run, what: &str) -> Value {
    assert_eq!(
        run.code,
        Some(0),
        "{what}: should exit 0; stderr: {}",
        run.stderr
    );
    assert_eq!(run.stderr, "", "{what}: should print nothing on stderr");
    let text = run.stdout_text();
    assert!(
        text.ends_with('\n'),
        "{what}: the JSON on stdout should end in a newline"
    );
    serde_json::from_str(&text)
        .unwrap_or_else(|err| panic!("{what}: stdout should be valid JSON ({err}): {text}"))
}

/// A failed run: exit 2, nothing on stdout, and one line
/// `outline: <message>` on stderr containing every fragment.
fn assert_failure(run: &Run, what: &str, fragments: &[&str]) {
    assert_eq!(
        run.code,
        Some(2),
        "{what}: should exit 2; stderr: {}",
        run.stderr
    );
    assert!(
        run.stdout.is_empty(),
        "{what}: should print nothing on stdout, printed {:?}",
        run.stdout
    );
    assert!(
        run.stderr.starts_with("outline: "),
        "{what}: stderr should start with `outline: `, got {:?}",
        run.stderr
    );
    assert_eq!(
        run.stderr.lines().count(),
        1,
        "{what}: the message should be one line, got {:?}",
        run.stderr
    );
    for fragment in fragments {
        assert!(
            run.stderr.contains(fragment),
            "{what}: stderr should contain {fragment:?}, got {:?}",
            run.stderr
        );
    }
}

/// A JSON value by pointer, or a failure naming the missing field.
fn at<'a>(value: &'a Value, pointer: &str, what: &str) -> &'a Value {
    value
        .pointer(pointer)
        .unwrap_or_else(|| panic!("{what}: the JSON should have {pointer}: {value}"))
}

/// The seed file's bytes.
fn seed_bytes() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    fs::read(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

/// `text` as UTF-16 code units in little- or big-endian order, with a BOM.
fn utf16_with_bom(text: &str, little_endian: bool) -> Vec<u8> {
    std::iter::once(0xFEFF_u16)
        .chain(text.encode_utf16())
        .flat_map(|unit| {
            if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            }
        })
        .collect()
}

/// `text` encoded in GB18030.
fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, had_errors) = encoding_rs::GB18030.encode(text);
    assert!(!had_errors, "{text:?} should be encodable in GB18030");
    bytes.into_owned()
}

// ---------------------------------------------------------------------------
// Success
// ---------------------------------------------------------------------------

#[test]
fn seed_prints_one_line_of_json_with_the_envelope() {
    let run = outline(["parse", SEED], None);
    let doc = success_json(&run, "parse of the seed");
    let text = run.stdout_text();
    assert_eq!(
        text.matches('\n').count(),
        1,
        "compact output should be exactly one line, the newline at its end"
    );
    let cases: [(&str, Value, &str); 9] = [
        ("/type", json!("document"), "the root should be a document"),
        ("/version", json!(1), "the contract version should be 1"),
        (
            "/source/name",
            json!(SEED),
            "source.name should be the path as given on the command line",
        ),
        (
            "/source/encoding",
            json!("utf-8"),
            "the seed should be detected as utf-8",
        ),
        (
            "/source/bom",
            json!(false),
            "the seed has no byte order mark",
        ),
        (
            "/source/segmented",
            json!(true),
            "the seed should be detected as word-segmented",
        ),
        ("/source/lines", json!(100), "the seed has 100 lines"),
        (
            "/source/bytes",
            json!(7733),
            "source.bytes should be the file size",
        ),
        (
            "/title/text",
            json!(SEED_TITLE),
            "the title should be the first line with the segmenter's spaces removed",
        ),
    ];
    for (pointer, expected, spec) in cases {
        assert_eq!(at(&doc, pointer, spec), &expected, "{spec} ({pointer})");
    }
    assert_eq!(
        at(&doc, "/title/type", "title"),
        "title",
        "the title node should have type `title`"
    );
    assert!(
        at(&doc, "/children", "children")
            .as_array()
            .is_some_and(|children| !children.is_empty()),
        "the seed's body should produce children"
    );
}

#[test]
fn pretty_prints_the_same_value_on_several_lines() {
    let compact = outline(["parse", SEED], None);
    let pretty = outline(["parse", SEED, "--pretty"], None);
    let compact_doc = success_json(&compact, "compact parse");
    let pretty_doc = success_json(&pretty, "--pretty parse");
    let pretty_text = pretty.stdout_text();
    assert!(
        pretty_text.lines().count() > 100,
        "--pretty should spread the JSON over many lines, got {}",
        pretty_text.lines().count()
    );
    assert!(
        pretty_text.starts_with("{\n  \"type\": \"document\""),
        "--pretty should indent the members of the root object"
    );
    assert_eq!(
        pretty_doc, compact_doc,
        "--pretty should change the layout, not the value"
    );
}

#[test]
fn output_writes_the_json_to_the_file_and_nothing_to_stdout() {
    let scratch = Scratch::new("output");
    let cases: [(&str, &[&str]); 3] = [
        ("--output", &["--output"]),
        ("-o", &["-o"]),
        ("--pretty --output", &["--pretty", "--output"]),
    ];
    for (i, (what, flags)) in cases.into_iter().enumerate() {
        let target = scratch.path(&format!("out-{i}.json"));
        let mut args: Vec<OsString> = vec!["parse".into(), SEED.into()];
        args.extend(flags.iter().map(OsString::from));
        args.push(target.clone().into());
        let run = outline(args, None);
        assert_eq!(
            run.code,
            Some(0),
            "{what}: should exit 0; stderr: {}",
            run.stderr
        );
        assert!(
            run.stdout.is_empty(),
            "{what}: should print nothing on stdout"
        );
        assert_eq!(run.stderr, "", "{what}: should print nothing on stderr");

        let mut stdout_args = vec!["parse", SEED];
        if flags.contains(&"--pretty") {
            stdout_args.push("--pretty");
        }
        let expected = outline(stdout_args, None);
        success_json(&expected, "the same parse on stdout");
        let written = fs::read(&target)
            .unwrap_or_else(|err| panic!("{what}: should create {}: {err}", target.display()));
        assert!(
            written == expected.stdout_bytes,
            "{what}: the file should hold exactly the bytes that stdout would have"
        );
    }
}

/// `outline parse SEED -o PATH`.
fn parse_seed_to(path: &Path) -> Run {
    let args: Vec<OsString> = vec!["parse".into(), SEED.into(), "-o".into(), path.into()];
    outline(args, None)
}

/// `--output` makes a new file (through a temporary file beside it, none
/// left), writes an existing file in place (its mode and other hard links
/// kept), writes into a device in place (`/dev/null` stays a device), and
/// follows a symbolic link to its file (the link stays).
#[test]
fn output_makes_new_files_and_writes_existing_ones_in_place() {
    let scratch = Scratch::new("output-kinds");
    let expected = outline(["parse", SEED], None);
    success_json(&expected, "the parse on stdout");
    let target = scratch.path("out.json");
    let run = parse_seed_to(&target);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(fs::read(&target).ok(), Some(expected.stdout_bytes.clone()));
    let left: Vec<String> = files_under(&scratch.dir).into_iter().collect();
    assert_eq!(left, ["out.json"], "no temporary file is left");

    #[cfg(unix)]
    {
        use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
        fs::write(&target, "old").expect("the file");
        fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).expect("its mode");
        let other = scratch.path("other-link.json");
        fs::hard_link(&target, &other).expect("a hard link");
        let run = parse_seed_to(&target);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let metadata = fs::metadata(&target).expect("the file");
        assert_eq!(metadata.mode() & 0o777, 0o600, "its mode is kept");
        assert_eq!(metadata.nlink(), 2, "its hard link is kept");
        assert_eq!(fs::read(&other).ok(), Some(expected.stdout_bytes.clone()));
        fs::remove_file(&other).expect("the link goes");

        let run = parse_seed_to(Path::new("/dev/null"));
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let null = fs::symlink_metadata("/dev/null").expect("/dev/null");
        assert!(
            null.file_type().is_char_device(),
            "/dev/null is still a device"
        );

        let link = scratch.path("link.json");
        std::os::unix::fs::symlink(&target, &link).expect("a symbolic link");
        fs::write(&target, "old").expect("the target");
        let run = parse_seed_to(&link);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let kind = fs::symlink_metadata(&link).expect("the link").file_type();
        assert!(kind.is_symlink(), "the link is still a link");
        assert_eq!(fs::read(&target).ok(), Some(expected.stdout_bytes));
    }
}

#[test]
fn standard_input_is_read_without_a_file_or_with_a_dash() {
    let from_file = success_json(&outline(["parse", SEED], None), "parse of the file");
    let seed = seed_bytes();
    let cases: [(&str, &[&str]); 2] = [("no file", &["parse"]), ("`-`", &["parse", "-"])];
    for (what, args) in cases {
        let from_stdin = success_json(&outline(args, Some(&seed)), what);
        assert_eq!(
            at(&from_stdin, "/source/name", what),
            "-",
            "{what}: source.name should be `-` for standard input"
        );
        let mut renamed = from_stdin.clone();
        renamed["source"]["name"] = json!(SEED);
        assert_eq!(
            renamed, from_file,
            "{what}: piping the seed should give the same outline as naming it"
        );
    }
}

#[test]
fn segmented_flag_overrides_detection() {
    let scratch = Scratch::new("segmented");
    let unsegmented = scratch.file("unsegmented.txt", SHORT_ARTICLE.as_bytes());
    let unsegmented = unsegmented.to_str().expect("a UTF-8 temp path");
    let spaced_title = "人工智能 引领 科技 创新 助 推 产业 结构 升级";
    let cases = [
        ("the seed, auto", SEED, "auto", true, SEED_TITLE),
        // Not segmented: the spaces are text, not segmentation, and stay.
        ("the seed, --segmented no", SEED, "no", false, spaced_title),
        (
            "an unsegmented text, auto",
            unsegmented,
            "auto",
            false,
            SHORT_TITLE,
        ),
        (
            "an unsegmented text, --segmented yes",
            unsegmented,
            "yes",
            true,
            SHORT_TITLE,
        ),
    ];
    for (what, file, flag, segmented, title) in cases {
        let doc = success_json(&outline(["parse", file, "--segmented", flag], None), what);
        assert_eq!(
            at(&doc, "/source/segmented", what),
            &json!(segmented),
            "{what}: source.segmented should be {segmented}"
        );
        assert_eq!(
            at(&doc, "/title/text", what),
            title,
            "{what}: the title text"
        );
    }
}

#[test]
fn encodings_are_detected_or_forced() {
    let scratch = Scratch::new("encodings");
    let gb = scratch.file("gb18030.txt", gb18030(SHORT_ARTICLE));
    let utf16le = scratch.file("utf16le.txt", utf16_with_bom(SHORT_ARTICLE, true));
    let utf16be = scratch.file("utf16be.txt", utf16_with_bom(SHORT_ARTICLE, false));
    let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
    utf8_bom.extend_from_slice(SHORT_ARTICLE.as_bytes());
    let utf8_bom = scratch.file("utf8bom.txt", &utf8_bom);
    let cases: [(&str, &Path, &str, &[&str], bool); 6] = [
        (
            "GB18030 bytes, forced gb18030",
            &gb,
            "gb18030",
            &["gb18030"],
            false,
        ),
        // chardetng reports GBK; encoding_rs decodes it with GB18030.
        (
            "GB18030 bytes, auto",
            &gb,
            "auto",
            &["gbk", "gb18030"],
            false,
        ),
        (
            "UTF-16LE with a BOM, auto",
            &utf16le,
            "auto",
            &["utf-16le"],
            true,
        ),
        (
            "UTF-16LE with a BOM, forced",
            &utf16le,
            "utf-16le",
            &["utf-16le"],
            true,
        ),
        (
            "UTF-16BE with a BOM, auto",
            &utf16be,
            "auto",
            &["utf-16be"],
            true,
        ),
        (
            "UTF-8 with a BOM, auto",
            &utf8_bom,
            "auto",
            &["utf-8"],
            true,
        ),
    ];
    for (what, file, label, encodings, bom) in cases {
        let size = fs::metadata(file).expect("the input exists").len();
        let args: [OsString; 4] = [
            "parse".into(),
            file.into(),
            "--encoding".into(),
            label.into(),
        ];
        let doc = success_json(&outline(args, None), what);
        let encoding = at(&doc, "/source/encoding", what);
        assert!(
            encodings.iter().any(|e| encoding == e),
            "{what}: source.encoding should be one of {encodings:?}, got {encoding}"
        );
        let facts = [
            ("/source/bom", json!(bom), "source.bom"),
            (
                "/source/bytes",
                json!(size),
                "source.bytes should count the bytes read, before decoding",
            ),
            (
                "/title/text",
                json!(SHORT_TITLE),
                "the title should be decoded correctly",
            ),
            (
                "/title/position/start/offset",
                json!(0),
                "offsets should count from after a byte order mark",
            ),
            (
                "/title/position/end/offset",
                json!(SHORT_TITLE.len()),
                "offsets should count UTF-8 bytes of the decoded text",
            ),
        ];
        for (pointer, expected, spec) in facts {
            assert_eq!(at(&doc, pointer, what), &expected, "{what}: {spec}");
        }
    }
}

// ---------------------------------------------------------------------------
// Failure
// ---------------------------------------------------------------------------

#[test]
fn failures_exit_2_with_a_message_that_names_the_file() {
    let scratch = Scratch::new("failures");
    let missing = scratch.path("missing.txt");
    let folder = scratch.path("folder");
    fs::create_dir(&folder).expect("create a folder");
    let bad_utf8 = ["标题\n".as_bytes(), b"\xFF", "正文\n".as_bytes()].concat();
    let bad_utf8 = scratch.file("bad-utf8.txt", &bad_utf8);
    let unwritable = scratch.path("no-such-folder").join("out.json");
    let show = |path: &Path| path.display().to_string();
    let cases: Vec<(&str, Vec<OsString>, Vec<String>)> = vec![
        (
            "a missing file",
            vec!["parse".into(), missing.clone().into()],
            vec![show(&missing), "no such file or directory".into()],
        ),
        (
            "a directory given as the file",
            vec!["parse".into(), folder.clone().into()],
            vec![show(&folder), "is a directory".into()],
        ),
        (
            "an invalid byte in forced utf-8 (`标题\\n` is 7 bytes)",
            vec![
                "parse".into(),
                bad_utf8.clone().into(),
                "--encoding".into(),
                "utf-8".into(),
            ],
            vec![
                show(&bad_utf8),
                "invalid utf-8 byte sequence at byte offset 7".into(),
            ],
        ),
        (
            "an unknown encoding label",
            vec![
                "parse".into(),
                SEED.into(),
                "--encoding".into(),
                "klingon".into(),
            ],
            vec!["klingon".into(), "unknown encoding".into()],
        ),
        (
            "--output into a folder that does not exist",
            vec![
                "parse".into(),
                SEED.into(),
                "--output".into(),
                unwritable.clone().into(),
            ],
            vec![show(&unwritable), "no such file or directory".into()],
        ),
    ];
    for (what, args, fragments) in cases {
        let run = outline(args, None);
        let fragments: Vec<&str> = fragments.iter().map(String::as_str).collect();
        assert_failure(&run, what, &fragments);
    }
    assert!(
        !unwritable.exists() && !unwritable.parent().is_some_and(Path::exists),
        "a failed --output should create neither the file nor its folder"
    );
}

#[test]
fn bad_arguments_exit_2() {
    let cases: [(&str, &[&str], &str); 3] = [
        ("no subcommand", &[], "Usage"),
        (
            "an unknown --segmented value",
            &["parse", SEED, "--segmented", "maybe"],
            "maybe",
        ),
        ("an unknown flag", &["parse", "--bogus"], "--bogus"),
    ];
    for (what, args, fragment) in cases {
        let run = outline(args.iter().copied(), None);
        assert_eq!(
            run.code,
            Some(2),
            "{what}: bad arguments should exit 2; stderr: {}",
            run.stderr
        );
        assert!(
            run.stdout.is_empty(),
            "{what}: should print nothing on stdout"
        );
        assert!(
            run.stderr.contains(fragment),
            "{what}: stderr should mention {fragment:?}, got {:?}",
            run.stderr
        );
    }
}

// ---------------------------------------------------------------------------
// Robustness
// ---------------------------------------------------------------------------

/// A xorshift64 generator: deterministic, so a failure reproduces.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..bound`.
    fn below(&mut self, bound: usize) -> usize {
        usize::try_from(self.next() % bound as u64).expect("below a usize bound")
    }

    /// A byte string of up to `max_len` bytes, biased towards what trips up
    /// decoders and line splitters.
    fn bytes(&mut self, max_len: usize) -> Vec<u8> {
        const PIECES: [&[u8]; 10] = [
            "一是".as_bytes(),
            "。".as_bytes(),
            "，".as_bytes(),
            "\u{3000}".as_bytes(),
            b"--",
            b"\r\n",
            b"\xE6\xA0",         // a UTF-8 sequence cut short
            b"\x81\x30",         // the start of a GB18030 four-byte sequence
            b"\xEF\xBB\xBF",     // a BOM in the middle
            "（一）".as_bytes(), // a heading marker
        ];
        let len = self.below(max_len + 1);
        let mut out = Vec::with_capacity(len + 4);
        while out.len() < len {
            match self.below(10) {
                0 => out.push(0x00),
                1 => out.push(0xFF),
                2 => out.push(b'\n'),
                3 => out.push(b'\r'),
                4 | 5 => out.push(self.next().to_le_bytes()[0]),
                6 => out.push(b' ' + self.next().to_le_bytes()[0] % 95),
                _ => out.extend_from_slice(PIECES[self.below(PIECES.len())]),
            }
        }
        out
    }
}

#[test]
fn arbitrary_bytes_never_crash_the_tool() {
    let scratch = Scratch::new("arbitrary");
    let prefixes: [&[u8]; 5] = [b"", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF", b""];
    let encodings = ["auto", "auto", "auto", "utf-8", "gb18030", "utf-16le"];
    let segmented = ["auto", "yes", "no"];
    let mut inputs: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"\x00".to_vec(),
        b"\xFF".to_vec(),
        b"\xEF\xBB\xBF".to_vec(),
        b"\xFF\xFE\x41".to_vec(), // UTF-16LE BOM and an odd trailing byte
        b"\r".to_vec(),
        b"\n\n\n\n".to_vec(),
        b"--\n--\n--".to_vec(),
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for i in 0..48 {
        let mut input = prefixes[i % prefixes.len()].to_vec();
        input.extend(rng.bytes(300));
        inputs.push(input);
    }
    let (mut forced_ok, mut forced_failed) = (0, 0);
    for (i, input) in inputs.iter().enumerate() {
        let encoding = encodings[i % encodings.len()];
        let file = scratch.file(&format!("input-{i}.bin"), input);
        let args: [OsString; 6] = [
            "parse".into(),
            file.clone().into(),
            "--encoding".into(),
            encoding.into(),
            "--segmented".into(),
            segmented[i % segmented.len()].into(),
        ];
        let what = format!(
            "input {i} (--encoding {encoding}): b\"{}\"",
            input.escape_ascii()
        );
        let run = outline(args, None);
        assert!(
            run.code.is_some(),
            "{what}: the tool should exit, not die from a signal"
        );
        assert_ne!(
            run.code,
            Some(101),
            "{what}: the tool should never panic; stderr: {}",
            run.stderr
        );
        if encoding == "auto" {
            assert_eq!(
                run.code,
                Some(0),
                "{what}: automatic decoding never fails; stderr: {}",
                run.stderr
            );
        }
        match run.code {
            Some(0) => {
                forced_ok += usize::from(encoding != "auto");
                let doc = success_json(&run, &what);
                assert_eq!(at(&doc, "/type", &what), "document", "{what}: a document");
                assert_eq!(
                    at(&doc, "/source/bytes", &what),
                    &json!(input.len()),
                    "{what}: source.bytes should be the input's length"
                );
            }
            Some(2) => {
                forced_failed += 1;
                assert_failure(
                    &run,
                    &what,
                    &[
                        &file.display().to_string(),
                        &format!("invalid {encoding} byte sequence at byte offset "),
                    ],
                );
            }
            other => panic!(
                "{what}: the exit code should be 0 or 2, got {other:?}; stderr: {}",
                run.stderr
            ),
        }
    }
    assert!(
        forced_ok > 0 && forced_failed > 0,
        "the inputs should exercise both outcomes of a forced encoding \
         ({forced_ok} decoded, {forced_failed} rejected)"
    );
}
