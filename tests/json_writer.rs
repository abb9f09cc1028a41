//! `Document::write_json`, `outline::write_json` (which writes while it
//! builds) and `outline::write_json_pipelined` (which builds on a second
//! thread), write the same bytes as `serde_json::to_vec` on every fixture
//! and every document of ../shared/corpus (when present);
//! `tests/properties.rs` compares them on generated articles too.

use std::path::{Path, PathBuf};

fn text_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            text_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "txt") {
            found.push(path);
        }
    }
}

fn assert_same_bytes(files: &[PathBuf]) -> usize {
    let mut compared = 0;
    for path in files {
        let bytes = std::fs::read(path).expect("fixture reads");
        let options = outline::Options {
            name: path.display().to_string(),
            ..outline::Options::default()
        };
        let Ok(doc) = outline::parse_bytes(&bytes, &options) else {
            continue;
        };
        let mut fast = Vec::new();
        doc.write_json(&mut fast).expect("writes to a Vec");
        let serde = serde_json::to_vec(&doc).expect("serializes");
        assert!(
            fast == serde,
            "{}: write_json differs from serde_json",
            path.display()
        );
        let decoded = outline::decode(&bytes, options.encoding).expect("decodes");
        let mut streamed = Vec::new();
        outline::write_json(&decoded, bytes.len(), &options, &mut streamed).expect("writes");
        assert!(
            streamed == serde,
            "{}: the streamed outline differs from serde_json's",
            path.display()
        );
        let mut pipelined = Vec::new();
        outline::write_json_pipelined(&decoded, bytes.len(), &options, &mut pipelined)
            .expect("writes");
        assert!(
            pipelined == serde,
            "{}: the pipelined outline differs from serde_json's",
            path.display()
        );
        compared += 1;
    }
    compared
}

#[test]
fn write_json_equals_serde_json_on_every_fixture() {
    let mut files = Vec::new();
    text_files(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")),
        &mut files,
    );
    assert!(files.len() > 50, "fixtures found: {}", files.len());
    let compared = assert_same_bytes(&files);
    assert!(compared > 50, "compared {compared}");
}

#[test]
fn write_json_equals_serde_json_on_the_corpus() {
    let corpus = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    let mut files = Vec::new();
    text_files(corpus, &mut files);
    if files.is_empty() {
        eprintln!("skipped: no ../shared/corpus");
        return;
    }
    assert_eq!(assert_same_bytes(&files), files.len());
}

#[test]
fn write_json_reports_the_sinks_error() {
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let doc = outline::parse("标题\n\n正文。\n");
    let err = doc.write_json(Full).expect_err("the sink fails");
    assert_eq!(err.to_string(), "disk full");
    // Long enough for several batches: the builder's thread must give up
    // when the writer fails, and the error come back.
    let text = "标题\n\n".to_owned() + &"　　正文。\n\n--\n\n".repeat(5000);
    let decoded = outline::decode(text.as_bytes(), outline::EncodingChoice::Auto).expect("decodes");
    let options = outline::Options::default();
    let err = outline::write_json(&decoded, text.len(), &options, Full).expect_err("fails");
    assert_eq!(err.to_string(), "disk full");
    let err =
        outline::write_json_pipelined(&decoded, text.len(), &options, Full).expect_err("fails");
    assert_eq!(err.to_string(), "disk full");
}

#[test]
fn streaming_writes_each_top_level_block_once_whatever_stands_at_the_top() {
    // Points at the top level hold what follows until the end; sections,
    // separators and paragraphs go out as they come.
    let texts = [
        "",
        "标题",
        "标题\n\n一是加快。\n\n正文。\n\n二是扩大。\n\n--\n\n三是推进。\n",
        "一、总则\n\n正文。\n\n二、分则\n\n（一）细则\n\n正文。\n\n--\n\n三、附则\n",
        "——第一项。\n——第二项。\n正文。\n\n一、标题\n\n1.小节\n\n正文。\n",
    ];
    for text in texts {
        let decoded =
            outline::decode(text.as_bytes(), outline::EncodingChoice::Auto).expect("decodes");
        let options = outline::Options::default();
        let mut streamed = Vec::new();
        outline::write_json(&decoded, text.len(), &options, &mut streamed).expect("writes");
        let whole = serde_json::to_vec(&outline::parse_decoded(&decoded, text.len(), &options))
            .expect("serializes");
        assert_eq!(
            String::from_utf8_lossy(&streamed),
            String::from_utf8_lossy(&whole),
            "{text:?}"
        );
        let mut pipelined = Vec::new();
        outline::write_json_pipelined(&decoded, text.len(), &options, &mut pipelined)
            .expect("writes");
        assert_eq!(
            String::from_utf8_lossy(&pipelined),
            String::from_utf8_lossy(&whole),
            "{text:?}"
        );
    }
}
