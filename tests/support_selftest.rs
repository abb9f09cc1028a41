//! Tests of `tests/support`, the Rust port of `shared/tools/outline_check.py`.
//!
//! Every expected string below is what the Python tool prints for the same
//! source and outline (checked by hand when the port was written; these tests
//! do not need Python).

mod support;

use serde_json::{json, Value};

/// Lines: 1 `标题`, 2 blank, 3 `　　一是加快。`, 4 `--`, 5 empty.
const SOURCE: &str = "标题\n\n　　一是加快。\n--\n";

/// The non-whitespace characters of `SOURCE` and their lines.
const SOURCE_CHARS: [(char, usize); 9] = [
    ('标', 1),
    ('题', 1),
    ('一', 3),
    ('是', 3),
    ('加', 3),
    ('快', 3),
    ('。', 3),
    ('-', 4),
    ('-', 4),
];

fn at(line: u64, column: u64, offset: u64) -> Value {
    json!({ "line": line, "column": column, "offset": offset })
}

fn span(start: Value, end: Value) -> Value {
    json!({ "start": start, "end": end })
}

/// A document over `SOURCE` whose point holds `paragraphs`, and whose point
/// ends at `point_end` (byte 29 = line 3, column 8).
fn small_outline(paragraphs: Vec<Value>, point_end: Value) -> Value {
    json!({
        "type": "document",
        "version": 1,
        "title": { "type": "title", "text": "标题", "position": span(at(1, 1, 0), at(1, 3, 6)) },
        "children": [
            {
                "type": "list",
                "scheme": "yi_shi",
                "position": span(at(3, 3, 14), point_end.clone()),
                "children": [{
                    "type": "point",
                    "number": 1,
                    "marker": "一是",
                    "lead": "加快",
                    "position": span(at(3, 3, 14), point_end),
                    "children": paragraphs,
                }],
            },
            { "type": "separator", "position": span(at(4, 1, 30), at(4, 3, 32)) },
        ],
        "position": span(at(1, 1, 0), at(5, 1, 33)),
    })
}

fn paragraph(text: &str, start: Value, end: Value) -> Value {
    json!({
        "type": "paragraph",
        "text": text,
        "truncated_start": false,
        "truncated_end": false,
        "position": span(start, end),
    })
}

fn correct_outline() -> Value {
    small_outline(
        vec![paragraph("一是加快。", at(3, 3, 14), at(3, 8, 29))],
        at(3, 8, 29),
    )
}

#[test]
fn a_correct_outline_has_no_problem() {
    assert_eq!(
        support::invariants(SOURCE, &correct_outline()),
        Vec::<String>::new()
    );
    support::assert_invariants(SOURCE, &correct_outline());
}

#[test]
fn a_leading_byte_order_mark_is_not_counted() {
    let source = format!("\u{feff}{SOURCE}");
    support::assert_invariants(&source, &correct_outline());
}

#[test]
fn a_character_outside_every_leaf_is_reported() {
    // `一是` and `快。`: the `加` between them lies in no leaf.
    let outline = small_outline(
        vec![
            paragraph("一是", at(3, 3, 14), at(3, 5, 20)),
            paragraph("快。", at(3, 6, 23), at(3, 8, 29)),
        ],
        at(3, 8, 29),
    );
    assert_eq!(
        support::invariants(SOURCE, &outline),
        ["character '加' at line 3 lies in 0 leaves (expected 1)"]
    );
}

#[test]
fn overlapping_leaves_are_reported() {
    let outline = small_outline(
        vec![
            paragraph("一是加快。", at(3, 3, 14), at(3, 8, 29)),
            paragraph("加快。", at(3, 5, 20), at(3, 8, 29)),
        ],
        at(3, 8, 29),
    );
    assert_eq!(
        support::invariants(SOURCE, &outline),
        [
            "paragraph@3: overlaps or precedes its previous sibling",
            "character '加' at line 3 lies in 2 leaves (expected 1)",
            "character '快' at line 3 lies in 2 leaves (expected 1)",
            "character '。' at line 3 lies in 2 leaves (expected 1)",
        ]
    );
}

#[test]
fn a_wrong_column_is_reported() {
    let mut outline = correct_outline();
    outline["children"][1]["position"]["start"]["column"] = json!(2);
    assert_eq!(
        support::invariants(SOURCE, &outline),
        ["separator@4: start says 4:2, offset 30 is 4:1"]
    );
}

#[test]
fn a_child_outside_its_parent_is_reported() {
    // The point (and its list) end at byte 26, before the paragraph's `。`.
    let outline = small_outline(
        vec![paragraph("一是加快。", at(3, 3, 14), at(3, 8, 29))],
        at(3, 7, 26),
    );
    assert_eq!(
        support::invariants(SOURCE, &outline),
        ["paragraph@3: 14..29 not within parent 14..26"]
    );
}

#[test]
fn broken_positions_are_reported() {
    let mut outline = correct_outline();
    let point = &mut outline["children"][0]["children"][0];
    // inside the three bytes of `一`
    point["children"][0]["position"]["start"] = at(3, 3, 15);
    // start after end
    point["position"] = span(at(3, 8, 29), at(3, 3, 14));
    // no column
    outline["title"]["position"]["end"] = json!({ "line": 1, "offset": 6 });
    // line beyond the text, no position at all
    outline["children"][1]["position"]["end"] = at(6, 1, 33);
    outline["position"] = json!(null);
    // Without the document's position nothing under it is walked.
    let problems = support::invariants(SOURCE, &outline);
    assert_eq!(problems[0], "document@?: no position");
    assert_eq!(
        problems[1..],
        SOURCE_CHARS.map(|(c, line)| format!(
            "character '{c}' at line {line} lies in 0 leaves (expected 1)"
        ))
    );
    outline["position"] = span(at(1, 1, 0), at(5, 1, 33));
    let problems = support::invariants(SOURCE, &outline);
    assert_eq!(
        problems[..4],
        [
            "title@1: end lacks line/column/offset",
            "point@3: start after end",
            "paragraph@3: start.offset 15 is not on a character boundary",
            "separator@4: end.line 6 outside 1..5",
        ]
    );
    // None of those leaves counts.
    assert_eq!(
        problems[4..],
        SOURCE_CHARS.map(|(c, line)| format!(
            "character '{c}' at line {line} lies in 0 leaves (expected 1)"
        ))
    );
}

#[test]
fn positions_on_the_wrong_line_and_line_breaks() {
    // \r\n, a lone \r and \n all end lines; U+001C..U+001F and U+3000 are
    // whitespace, `'` and an emoji are not.
    let source = "a\r\nb\rc\u{1c}\u{3000}'😀\n";
    let outline = json!({
        "type": "document",
        "children": [
            // an end may lie past its last character: its column counts the `\r`
            { "type": "paragraph", "position": span(at(1, 1, 0), at(1, 3, 2)) },
            // offset 3 is on line 2, not 1
            { "type": "paragraph", "position": span(at(1, 4, 3), at(2, 2, 4)) },
            { "type": "paragraph", "position": span(at(3, 1, 5), at(3, 2, 6)) },
        ],
        "position": span(at(1, 1, 0), at(4, 1, 16)),
    });
    assert_eq!(
        support::invariants(source, &outline),
        [
            "paragraph@1: start.offset 3 is not on line 1",
            "character \"'\" at line 3 lies in 0 leaves (expected 1)",
            "character '😀' at line 3 lies in 0 leaves (expected 1)",
        ]
    );
}

#[test]
fn characters_are_quoted_as_python_repr_quotes_them() {
    // Nothing covers these: a control character, a zero-width space, a
    // combining accent, a backslash, a private-use character.
    let source = "\u{1}\u{200b}\u{301}\\\u{e000}";
    let outline = json!({
        "type": "document",
        "children": [],
        "position": span(at(1, 1, 0), at(1, 6, 10)),
    });
    assert_eq!(
        support::invariants(source, &outline),
        [
            "character '\\x01' at line 1 lies in 0 leaves (expected 1)",
            "character '\\u200b' at line 1 lies in 0 leaves (expected 1)",
            "character '\u{301}' at line 1 lies in 0 leaves (expected 1)",
            "character '\\\\' at line 1 lies in 0 leaves (expected 1)",
            "character '\\ue000' at line 1 lies in 0 leaves (expected 1)",
        ]
    );
}

#[test]
fn a_malformed_outline_gives_a_problem_not_a_panic() {
    let outline = json!({
        "type": "document",
        "children": "not a list",
        "position": span(at(1, 1, 0), at(5, 1, 33)),
    });
    let problems = support::invariants(SOURCE, &outline);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(support::PYTHON_WOULD_FAIL),
        "{problems:?}"
    );
    assert!(support::skeleton(&outline).contains(support::PYTHON_WOULD_FAIL));
    assert!(support::texts(&outline).contains(support::PYTHON_WOULD_FAIL));

    for outline in [
        json!(null),
        json!([1]),
        json!("document"),
        json!({ "position": 7 }),
    ] {
        let problems = support::invariants(SOURCE, &outline);
        assert!(problems
            .last()
            .is_some_and(|p| p.starts_with(support::PYTHON_WOULD_FAIL)));
    }
}

#[test]
#[should_panic(expected = "1 invariant violations:\nseparator@4: start says 4:2, offset 30 is 4:1")]
fn assert_invariants_panics_with_the_problems() {
    let mut outline = correct_outline();
    outline["children"][1]["position"]["start"]["column"] = json!(2);
    support::assert_invariants(SOURCE, &outline);
}

/// Lines: 1 title, 2 blank, 3 run-in heading and its paragraph, 4 a point,
/// 5 `[ ]`, 6 `--`, 7 an excerpt, 8 `--`, 9 a last, unfinished paragraph.
const ARTICLE: &str = "人工智能发展意见\n\n一、总体要求。坚持创新。\n　　一是加快发展。\n[ ]\n--\n推进改革\n--\n完善政策";

fn article_outline() -> Value {
    json!({
        "type": "document",
        "version": 1,
        "source": { "name": "-", "encoding": "utf-8", "bom": false, "line_ending": "lf",
                    "segmented": false, "bytes": 126, "lines": 9 },
        "title": { "type": "title", "text": "人工智能发展意见", "position": span(at(1, 1, 0), at(1, 9, 24)) },
        "children": [{
            "type": "section",
            "level": 1,
            "heading": {
                "type": "heading",
                "text": "一、总体要求。",
                "numbering": { "scheme": "cjk_dun", "marker": "一、", "number": 1 },
                "run_in": true,
                "position": span(at(3, 1, 26), at(3, 8, 47)),
            },
            "children": [
                { "type": "paragraph", "text": "坚持创新。", "truncated_start": false, "truncated_end": false,
                  "position": span(at(3, 8, 47), at(3, 13, 62)) },
                {
                    "type": "list",
                    "scheme": "yi_shi",
                    "position": span(at(4, 3, 69), at(5, 4, 94)),
                    "children": [{
                        "type": "point",
                        "number": 1,
                        "marker": "一是",
                        "lead": "加快发展",
                        "position": span(at(4, 3, 69), at(5, 4, 94)),
                        "children": [
                            { "type": "paragraph", "text": "一是加快发展。", "truncated_start": false,
                              "truncated_end": false, "position": span(at(4, 3, 69), at(4, 10, 90)) },
                            { "type": "placeholder", "raw": "[ ]", "position": span(at(5, 1, 91), at(5, 4, 94)) },
                        ],
                    }],
                },
                { "type": "separator", "position": span(at(6, 1, 95), at(6, 3, 97)) },
                { "type": "paragraph", "text": "推进改革", "truncated_start": true, "truncated_end": true,
                  "position": span(at(7, 1, 98), at(7, 5, 110)) },
                { "type": "separator", "position": span(at(8, 1, 111), at(8, 3, 113)) },
                { "type": "paragraph", "text": "完善政策", "truncated_start": false, "truncated_end": true,
                  "position": span(at(9, 1, 114), at(9, 5, 126)) },
            ],
            "position": span(at(3, 1, 26), at(9, 5, 126)),
        }],
        "position": span(at(1, 1, 0), at(9, 5, 126)),
    })
}

#[test]
fn the_article_outline_keeps_the_invariants() {
    support::assert_invariants(ARTICLE, &article_outline());
}

#[test]
fn skeleton_of_an_article() {
    assert_eq!(
        support::skeleton(&article_outline()),
        "\
document
  title@1 人工智能发展意见
  section L1@3 [一、=1] run_in 一、总体要求。
    paragraph@3-3
    list
      point 1 一是@4 «加快发展»
        paragraph@4-4
        placeholder@5 [ ]
    separator@6
    paragraph@7-7 ~start ~end
    separator@8
    paragraph@9-9 ~end"
    );
}

#[test]
fn texts_of_an_article() {
    assert_eq!(
        support::texts(&article_outline()),
        "\
title@1\t人工智能发展意见
heading@3\t一、总体要求。
paragraph@3\t坚持创新。
lead@4\t加快发展
paragraph@4\t一是加快发展。
paragraph@7\t推进改革
paragraph@9\t完善政策"
    );
}

/// Odd values where the tool prints what it finds: floats, null, a list,
/// strings with spaces, missing keys.
fn odd_outline() -> Value {
    json!({
        "type": "document",
        "title": { "type": "title", "text": null },
        "children": [
            { "type": "section", "level": 1.5, "heading": { "type": "heading", "text": "总则", "numbering": null,
              "position": { "start": { "line": true } } } },
            { "type": "section", "level": 2, "heading": null, "children": [] },
            { "type": "point", "number": 1e16, "marker": "一是", "lead": null, "children": [
                { "type": "paragraph", "truncated_start": true, "truncated_end": 0,
                  "position": { "start": { "line": 4 }, "end": { "line": "5 " } } },
                { "type": "paragraph", "truncated_end": [0],
                  "position": { "start": { "line": 0.000_012_5 }, "end": { "line": 1e-4 } } },
                { "type": "placeholder", "raw": ["[ ]", "x", "it's"] },
            ] },
            { "type": "figure", "text": "图1", "position": { "start": { "line": 12, "column": 1 } } },
            { "text": "no type" },
            { "type": null, "position": {} },
        ],
    })
}

#[test]
fn skeleton_and_texts_print_odd_values_as_python_does() {
    let outline = odd_outline();
    assert_eq!(
        support::skeleton(&outline),
        "\
document
  title@? None
  section L1.5@? 总则
  section L2@? None
  point 1e+16 一是@? «None»
    paragraph@4-5  ~start
    paragraph@1.25e-05-0.0001 ~end
    placeholder@? ['[ ]', 'x', \"it's\"]
  figure@12
  ?@?
  None@?"
    );
    // `texts` stops where the Python would raise KeyError: 'type'.
    assert_eq!(
        support::texts(&outline),
        format!(
            "\
title@?\tNone
heading@True\t总则
figure@12\t图1
{} KeyError: 'type'",
            support::PYTHON_WOULD_FAIL
        )
    );
}
