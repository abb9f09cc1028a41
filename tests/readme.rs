//! The README's example is the tool's real output: its skeleton block is
//! what `fixtures/readme_example.txt` parses to.

mod support;

#[test]
fn readme_example_skeleton_is_true() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README exists");
    let input =
        std::fs::read_to_string(root.join("fixtures/readme_example.txt")).expect("fixture exists");
    let shown = readme
        .split("```text\n")
        .find(|block| block.starts_with("document\n"))
        .and_then(|block| block.split("```").next())
        .expect("the README shows a skeleton");
    let outline = serde_json::to_value(outline::parse(&input)).expect("serializes");
    assert_eq!(support::skeleton(&outline), shown.trim_end());
    assert!(
        readme.contains(&input),
        "the README shows the fixture's text as it is"
    );
}
