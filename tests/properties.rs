//! Properties of `outline::parse` over generated article-like text.
//!
//! Cases: 256 by default; `PROPTEST_CASES=5000 cargo test --test properties`
//! runs more. Other `PROPTEST_*` variables (such as `PROPTEST_RNG_SEED`) work
//! as proptest documents them.

mod support;

use proptest::prelude::*;
use proptest::sample::select;

/// `ProptestConfig::default()` is proptest's built-in default (256 cases)
/// overlaid with the `PROPTEST_*` environment variables, `PROPTEST_CASES`
/// among them. Setting `cases` explicitly, with `ProptestConfig::with_cases(n)`
/// or `ProptestConfig { cases: n, ..ProptestConfig::default() }`, would
/// override `PROPTEST_CASES`; so the 256 is set only when that variable is
/// absent.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 256;
    }
    config
}

const LINE_BREAKS: &[&str] = &["\n", "\r\n", "\r", "\r\r\n"];
const BLANK_LINES: &[&str] = &[
    "\n\n",
    "\r\n\r\n",
    "\n\u{3000}\u{3000}\n",
    "\n \t\n",
    "\r\r",
];
const SEPARATORS: &[&str] = &["\n--\n", "\n -- \n", "--", " -- ", "\r\n--\r\n"];
const INDENTS: &[&str] = &[
    "\u{3000}\u{3000}",
    "\u{2003}\u{2003}",
    "  ",
    "    ",
    "\u{3000} \u{3000} ",
    "\t",
];
const POINT_MARKERS: &[&str] = &[
    "一是",
    "二 是",
    "三是",
    "十一是",
    "一要",
    "其一，",
    "第一，",
    "首先，",
    "最后，",
    "——",
];
const HEADING_MARKERS: &[&str] = &[
    "一、",
    "二 、",
    "（一）",
    "（ 二 ）",
    "(三)",
    "1.",
    "1 .",
    "１．",
    "（1）",
    "⑴",
    "①",
    "㈠",
    "第一章",
    "第十二条",
    "第三条之一",
    "# ",
    "## ",
    "第一节",
];
const FALSE_FRIENDS: &[&str] = &[
    "一、二季度",
    "1.5亿元",
    "统一要求",
    "一是一，二是二",
    "最后一公里",
    "第一批",
];
const CJK_WORDS: &[&str] = &["人工智能", "产业", "发展", "政策", "总　　则", "目录"];
const PUNCTUATION: &[&str] = &[
    "。", "，", "；", "：", "、", "“", "”", "（", "）", "《", "》", "[ ]", "……", "—",
];
const LATIN_WORDS: &[&str] = &["GDP", "machine learning", "3.5%"];
const SPACES: &[&str] = &[" ", "   "];
const TITLE_LINES: &[&str] = &[
    "关于加快人工智能产业发展的意见\n",
    "\u{feff}人工智能产业发展规划\n\n",
    "人工智能产业发展规划\r\n",
];

fn one_of(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    select(items).prop_map(str::to_owned)
}

/// One piece of an article.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => one_of(LINE_BREAKS),
        1 => one_of(BLANK_LINES),
        1 => one_of(SEPARATORS),
        3 => one_of(INDENTS),
        3 => one_of(POINT_MARKERS),
        3 => one_of(HEADING_MARKERS),
        2 => one_of(FALSE_FRIENDS),
        5 => one_of(CJK_WORDS),
        4 => one_of(PUNCTUATION),
        1 => one_of(LATIN_WORDS),
        1 => one_of(SPACES),
        1 => one_of(TITLE_LINES),
        // any char: control characters, combining marks, emoji, U+FEFF, ...
        2 => any::<char>().prop_map(String::from),
    ]
}

/// Article-like text: up to 59 pieces joined.
fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parse_output_keeps_the_invariants(text in article()) {
        let doc = outline::parse(&text);
        let value = serde_json::to_value(&doc).expect("serializes");
        let problems = support::invariants(&text, &value);
        prop_assert!(problems.is_empty(), "{problems:#?}\n--- input ---\n{text:?}");
    }

    #[test]
    fn parse_output_is_a_version_1_document(text in article()) {
        let doc = outline::parse(&text);
        let json = serde_json::to_string(&doc).expect("serializes");
        let value: serde_json::Value = serde_json::from_str(&json).expect("deserializes");
        prop_assert_eq!(&value["version"], &serde_json::json!(1), "{}", json);
        prop_assert_eq!(&value["type"], &serde_json::json!("document"), "{}", json);
    }

    #[test]
    fn fast_json_writer_writes_what_serde_json_writes(text in article()) {
        let doc = outline::parse(&text);
        let mut fast = Vec::new();
        doc.write_json(&mut fast).expect("writes to a Vec");
        let serde = serde_json::to_vec(&doc).expect("serializes");
        prop_assert_eq!(String::from_utf8_lossy(&fast), String::from_utf8_lossy(&serde));
    }

    #[test]
    fn streamed_json_is_the_whole_documents_json(text in article()) {
        let bytes = text.as_bytes();
        let decoded = outline::decode(bytes, outline::EncodingChoice::Auto).expect("auto decodes");
        let options = outline::Options::default();
        let whole = serde_json::to_vec(&outline::parse_decoded(&decoded, bytes.len(), &options))
            .expect("serializes");
        let mut streamed = Vec::new();
        outline::write_json(&decoded, bytes.len(), &options, &mut streamed).expect("writes to a Vec");
        prop_assert_eq!(String::from_utf8_lossy(&streamed), String::from_utf8_lossy(&whole));
        let mut pipelined = Vec::new();
        outline::write_json_pipelined(&decoded, bytes.len(), &options, &mut pipelined)
            .expect("writes to a Vec");
        prop_assert_eq!(String::from_utf8_lossy(&pipelined), String::from_utf8_lossy(&whole));
    }
}
