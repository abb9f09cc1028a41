//! The same article in the three paragraph layouts — indented and wrapped,
//! separated by blank lines, one paragraph per line — gives the same outline.

mod support;

use std::path::Path;

fn outline_of(name: &str) -> (String, serde_json::Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/layouts")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    let value = serde_json::to_value(outline::parse(&text)).expect("serializes");
    (text, value)
}

/// The texts without their line numbers.
fn texts_only(outline: &serde_json::Value) -> Vec<String> {
    support::texts(outline)
        .lines()
        .map(|line| {
            line.split_once('\t')
                .map_or(line, |(_, text)| text)
                .to_owned()
        })
        .collect()
}

#[test]
fn the_three_layouts_give_the_same_outline() {
    let (_, indented) = outline_of("indented.txt");
    let expected = texts_only(&indented);
    assert_eq!(
        expected.len(),
        11,
        "title, 2 paragraphs, a heading, 1 paragraph, 3 points with a lead and a paragraph each"
    );
    for name in ["indented.txt", "blank_lines.txt", "line_per_paragraph.txt"] {
        let (text, outline) = outline_of(name);
        support::assert_invariants(&text, &outline);
        assert_eq!(texts_only(&outline), expected, "{name}");
        let kinds: Vec<_> = support::skeleton(&outline)
            .lines()
            .map(|l| {
                l.trim_start()
                    .split(['@', ' '])
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "document",
                "title",
                "paragraph",
                "paragraph",
                "section",
                "paragraph",
                "list",
                "point",
                "paragraph",
                "point",
                "paragraph",
                "point",
                "paragraph"
            ],
            "{name}: the tree's shape"
        );
    }
}

#[test]
fn wrapped_lines_are_joined_without_spaces() {
    let (_, outline) = outline_of("blank_lines.txt");
    let texts = texts_only(&outline);
    assert!(
        texts.contains(
            &"近年来，数字经济规模持续扩大，已经成为推动经济增长的重要力量。各地加快建设数字基础设施，推进产业数字化和数字产业化，取得了明显成效。"
                .to_owned()
        ),
        "{texts:#?}"
    );
}
