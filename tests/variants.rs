//! The seed in other encodings, line endings, indentations and without word
//! segmentation gives the same outline: same skeleton, same texts, and
//! positions valid for the bytes given.

mod support;

use outline::{EncodingChoice, Options};
use serde_json::Value;

const SEED: &str = include_str!("../fixtures/ai-industry-upgrade.txt");

/// One way of writing the seed: its bytes, the text they decode to (BOM
/// removed) and what `source` should report.
struct Variant {
    name: &'static str,
    bytes: Vec<u8>,
    text: String,
    encodings: &'static [&'static str],
    bom: bool,
    line_ending: &'static str,
    segmented: bool,
}

fn utf8(name: &'static str, text: String, line_ending: &'static str, segmented: bool) -> Variant {
    Variant {
        name,
        bytes: text.clone().into_bytes(),
        text,
        encodings: &["utf-8"],
        bom: false,
        line_ending,
        segmented,
    }
}

fn utf16(name: &'static str, text: &str, big_endian: bool) -> Variant {
    let mut bytes = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        let pair = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        bytes.extend(pair);
    }
    Variant {
        name,
        bytes,
        text: text.to_owned(),
        encodings: if big_endian {
            &["utf-16be"]
        } else {
            &["utf-16le"]
        },
        bom: true,
        line_ending: "lf",
        segmented: true,
    }
}

/// Replace the two em spaces that indent the seed's paragraphs.
fn reindent(text: &str, indent: &str) -> String {
    text.lines()
        .map(|line| match line.strip_prefix("\u{2003}\u{2003}") {
            Some(rest) => format!("{indent}{rest}"),
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn is_cjk(c: char) -> bool {
    c >= '\u{2E80}' || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—')
}

/// The seed as ordinary text: every space next to a CJK character removed,
/// indentation kept.
fn unsegment(text: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n') {
        let body = line.trim_start_matches(['\u{2003}', '\u{3000}']);
        out.push_str(&line[..line.len() - body.len()]);
        let chars: Vec<char> = body.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if *c == ' ' {
                let before = chars[..i].iter().rev().find(|c| **c != ' ');
                let after = chars[i + 1..].iter().find(|c| **c != ' ');
                if before.is_none_or(|c| is_cjk(*c)) || after.is_none_or(|c| is_cjk(*c)) {
                    continue;
                }
            }
            out.push(*c);
        }
        out.push('\n');
    }
    out.pop();
    out
}

fn variants() -> Vec<Variant> {
    let seed = SEED.to_owned();
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(SEED);
    assert!(!unmappable, "the seed is representable in GB18030");
    let plain = unsegment(SEED);
    let plain_crlf = plain.replace('\n', "\r\n");
    let (plain_gb, _, _) = encoding_rs::GB18030.encode(&plain_crlf);
    vec![
        utf8("crlf", seed.replace('\n', "\r\n"), "crlf", true),
        utf8("lone cr", seed.replace('\n', "\r"), "cr", true),
        Variant {
            name: "utf-8 bom",
            bytes: format!("\u{feff}{SEED}").into_bytes(),
            text: seed.clone(),
            encodings: &["utf-8"],
            bom: true,
            line_ending: "lf",
            segmented: true,
        },
        Variant {
            name: "gb18030",
            bytes: gb.into_owned(),
            text: seed.clone(),
            encodings: &["gbk", "gb18030"],
            bom: false,
            line_ending: "lf",
            segmented: true,
        },
        utf16("utf-16le bom", SEED, false),
        utf16("utf-16be bom", SEED, true),
        utf8(
            "ideographic indent",
            reindent(SEED, "\u{3000}\u{3000}"),
            "lf",
            true,
        ),
        utf8(
            "ideographic indent, segmented",
            reindent(SEED, "\u{3000} \u{3000}"),
            "lf",
            true,
        ),
        utf8("2 ascii spaces", reindent(SEED, "  "), "lf", true),
        utf8("3 ascii spaces", reindent(SEED, "   "), "lf", true),
        utf8("4 ascii spaces", reindent(SEED, "    "), "lf", true),
        utf8("not segmented", plain.clone(), "lf", false),
        utf8(
            "not segmented, 4 spaces",
            reindent(&plain, "    "),
            "lf",
            false,
        ),
        Variant {
            name: "not segmented, gb18030, crlf",
            bytes: plain_gb.into_owned(),
            text: plain_crlf.clone(),
            encodings: &["gbk", "gb18030"],
            bom: false,
            line_ending: "crlf",
            segmented: false,
        },
    ]
}

fn outline_of(bytes: &[u8]) -> Value {
    let document = outline::parse_bytes(bytes, &Options::default()).expect("auto never fails");
    serde_json::to_value(&document).expect("serializes")
}

#[test]
fn every_variant_gives_the_seed_outline() {
    let expected = outline_of(SEED.as_bytes());
    let (skeleton, texts) = (support::skeleton(&expected), support::texts(&expected));
    for variant in variants() {
        let outline = outline_of(&variant.bytes);
        let name = variant.name;
        assert_eq!(support::skeleton(&outline), skeleton, "{name}: skeleton");
        assert_eq!(support::texts(&outline), texts, "{name}: texts");
        let problems = support::invariants(&variant.text, &outline);
        assert!(problems.is_empty(), "{name}: {problems:#?}");
        let source = &outline["source"];
        let encoding = source["encoding"].as_str().unwrap_or_default();
        assert!(
            variant.encodings.contains(&encoding),
            "{name}: encoding {encoding}"
        );
        assert_eq!(source["bom"], variant.bom, "{name}: bom");
        assert_eq!(
            source["line_ending"], variant.line_ending,
            "{name}: line ending"
        );
        assert_eq!(source["segmented"], variant.segmented, "{name}: segmented");
        assert_eq!(source["bytes"], variant.bytes.len(), "{name}: bytes");
    }
}

#[test]
fn forced_encoding_and_segmentation_give_the_same_outline() {
    let expected = support::texts(&outline_of(SEED.as_bytes()));
    let (gb, _, _) = encoding_rs::GB18030.encode(SEED);
    let forced = Options {
        encoding: EncodingChoice::from_label("gb18030").expect("a known label"),
        segmentation: outline::Segmentation::Yes,
        ..Options::default()
    };
    let document = outline::parse_bytes(&gb, &forced).expect("valid GB18030");
    let outline = serde_json::to_value(&document).expect("serializes");
    assert_eq!(outline["source"]["encoding"], "gb18030");
    assert_eq!(support::texts(&outline), expected);
}

#[test]
fn unsegmented_variant_really_has_no_segmentation_spaces() {
    let plain = unsegment(SEED);
    assert!(plain.contains("“U”型关系"), "quotes lose their spaces");
    assert!(plain.contains("\u{2003}\u{2003}党的二十大报告指出，推动战略性"));
    assert!(!plain.contains("人工智能 引领"));
}
