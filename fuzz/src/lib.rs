//! Shared code of the fuzz targets: the pipeline that `outline parse` and
//! `outline check` run, and a compact checker of the contract's invariants
//! (docs/json.md, section 7) on the JSON they produce.
//!
//! The checker follows `shared/tools/outline_check.py invariants` (and its
//! Rust port in tests/support/mod.rs) but simply panics, listing what is
//! wrong, on the first outline that breaks an invariant: libFuzzer then saves
//! the input as a crash artifact.

pub mod article;

use outline::check::{check, Config};
use outline::{decode, parse_decoded, EncodingChoice, Options};
use serde_json::Value;

/// The node types that are containers; every other type is a leaf.
const CONTAINERS: [&str; 4] = ["document", "section", "list", "point"];

/// Decode, parse, check and serialize `bytes` as `outline parse` and
/// `outline check` do, then assert the invariants of the outline and of the
/// diagnostics against the decoded text.
pub fn pipeline(bytes: &[u8]) {
    let decoded = decode(bytes, EncodingChoice::Auto).expect("automatic decoding never fails");
    let doc = parse_decoded(&decoded, bytes.len(), &Options::default());
    let diagnostics = check(&doc, &decoded.text, &Config::default());
    let outline_json = serde_json::to_string(&doc).expect("the outline serializes");
    // The fast writers write serde_json's bytes: the document's own, and
    // the ones `outline parse` uses, which write while they build (on one
    // thread, or with the builder on a second).
    let mut fast = Vec::new();
    doc.write_json(&mut fast).expect("writing to a Vec never fails");
    assert!(fast == outline_json.as_bytes(), "Document::write_json differs from serde_json");
    let mut streamed = Vec::new();
    outline::write_json(&decoded, bytes.len(), &Options::default(), &mut streamed)
        .expect("writing to a Vec never fails");
    assert!(streamed == outline_json.as_bytes(), "outline::write_json differs from serde_json");
    let mut pipelined = Vec::new();
    outline::write_json_pipelined(&decoded, bytes.len(), &Options::default(), &mut pipelined)
        .expect("writing to a Vec never fails");
    assert!(
        pipelined == outline_json.as_bytes(),
        "outline::write_json_pipelined differs from serde_json"
    );
    let diagnostics_json = serde_json::to_string(&diagnostics).expect("diagnostics serialize");

    let outline: Value = serde_json::from_str(&outline_json).expect("the outline JSON reads back");
    let diagnostics: Value =
        serde_json::from_str(&diagnostics_json).expect("the diagnostics JSON reads back");
    let text: &str = &decoded.text;
    let mut checker = Checker::new(text);
    checker.outline(&outline);
    checker.diagnostics(&diagnostics);
    if !checker.problems.is_empty() {
        panic!(
            "{} invariant violations:\n{}\n--- text ({} bytes): {:?}",
            checker.problems.len(),
            checker.problems.join("\n"),
            text.len(),
            truncate(text, 2000)
        );
    }
}

/// Decode, parse and check, and write the outline as `outline parse` does
/// (what `linear_time` measures).
pub fn parse_and_check(bytes: &[u8]) -> usize {
    let decoded = decode(bytes, EncodingChoice::Auto).expect("automatic decoding never fails");
    outline::write_json(&decoded, bytes.len(), &Options::default(), std::io::sink())
        .expect("writing to a sink never fails");
    let doc = parse_decoded(&decoded, bytes.len(), &Options::default());
    let diagnostics = check(&doc, &decoded.text, &Config::default());
    doc.children.len() + diagnostics.len()
}

fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Python's `str.isspace()`.
pub fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Checks positions against one text and collects problems.
pub struct Checker<'t> {
    text: &'t str,
    /// Byte offsets where lines start: 0 and after `\n`, `\r\n`, lone `\r`.
    starts: Vec<usize>,
    /// `chars_before[i]`: how many characters start before byte `i`.
    chars_before: Vec<usize>,
    /// Byte ranges of the leaves.
    leaves: Vec<(usize, usize)>,
    /// What is wrong, one line each.
    pub problems: Vec<String>,
}

impl<'t> Checker<'t> {
    /// A checker for positions in `text`.
    pub fn new(text: &'t str) -> Self {
        let raw = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < raw.len() {
            match raw[i] {
                b'\r' => {
                    if raw.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                b'\n' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        let mut chars_before = Vec::with_capacity(raw.len() + 1);
        let mut count = 0;
        for &byte in raw {
            chars_before.push(count);
            if byte & 0xC0 != 0x80 {
                count += 1;
            }
        }
        chars_before.push(count);
        Checker {
            text,
            starts,
            chars_before,
            leaves: Vec::new(),
            problems: Vec::new(),
        }
    }

    fn problem(&mut self, message: String) {
        if self.problems.len() < 40 {
            self.problems.push(message);
        }
    }

    /// Check an outline: positions, nesting, order and coverage.
    pub fn outline(&mut self, outline: &Value) {
        if outline.get("type").and_then(Value::as_str) != Some("document") {
            self.problem("the top-level node is not a document".into());
        }
        self.walk(outline, None, "document");
        self.coverage();
    }

    /// Check diagnostics (the JSON of `Vec<Diagnostic>`): every position,
    /// related ones included, lies in the text on character boundaries,
    /// starts before it ends and has line/column agreeing with its offset.
    pub fn diagnostics(&mut self, diagnostics: &Value) {
        let Some(items) = diagnostics.as_array() else {
            self.problem("diagnostics are not an array".into());
            return;
        };
        let mut last: Option<(u64, u64)> = None;
        for (i, diagnostic) in items.iter().enumerate() {
            let rule = diagnostic
                .get("rule")
                .and_then(Value::as_str)
                .unwrap_or("?");
            let here = format!("diagnostic #{i} ({rule})");
            let range = self.position(&here, diagnostic.get("position"));
            if let Some((s, e)) = range {
                let key = (s as u64, e as u64);
                if last.is_some_and(|last| key < last) {
                    self.problem(format!("{here}: not sorted by position"));
                }
                last = Some(key);
            }
            if let Some(related) = diagnostic.get("related") {
                for (j, rel) in related.as_array().into_iter().flatten().enumerate() {
                    self.position(&format!("{here} related #{j}"), rel.get("position"));
                }
            }
        }
    }

    /// Check one `{start, end}` position; its byte range when usable.
    fn position(&mut self, here: &str, pos: Option<&Value>) -> Option<(usize, usize)> {
        let Some(pos) = pos.filter(|p| p.is_object()) else {
            self.problem(format!("{here}: no position"));
            return None;
        };
        let s = self.location(here, "start", pos.get("start"));
        let e = self.location(here, "end", pos.get("end"));
        let (s, e) = (s?, e?);
        if s > e {
            self.problem(format!("{here}: start {s} after end {e}"));
        }
        Some((s, e))
    }

    /// Check one location: offset in the text on a character boundary, line
    /// in range, the offset on that line and the column counting characters.
    fn location(&mut self, here: &str, name: &str, loc: Option<&Value>) -> Option<usize> {
        let field = |key: &str| loc.and_then(|l| l.get(key)).and_then(Value::as_u64);
        let (Some(line), Some(column), Some(offset)) =
            (field("line"), field("column"), field("offset"))
        else {
            self.problem(format!("{here}: {name} lacks line/column/offset: {loc:?}"));
            return None;
        };
        let len = self.text.len();
        let Ok(off) = usize::try_from(offset) else {
            self.problem(format!("{here}: {name}.offset {offset} outside 0..{len}"));
            return None;
        };
        if off > len {
            self.problem(format!("{here}: {name}.offset {off} outside 0..{len}"));
            return None;
        }
        if !self.text.is_char_boundary(off) {
            self.problem(format!(
                "{here}: {name}.offset {off} is not on a character boundary"
            ));
            return None;
        }
        let nstarts = self.starts.len();
        let Some(line_idx) = usize::try_from(line)
            .ok()
            .filter(|&l| (1..=nstarts).contains(&l))
        else {
            self.problem(format!("{here}: {name}.line {line} outside 1..{nstarts}"));
            return None;
        };
        let line_start = self.starts[line_idx - 1];
        let next_start = self.starts.get(line_idx).copied();
        if off < line_start || (name == "start" && next_start.is_some_and(|n| off >= n)) {
            let actual = self.starts.partition_point(|&st| st <= off);
            self.problem(format!(
                "{here}: {name}.offset {off} is not on line {line} (it is on line {actual})"
            ));
            return Some(off);
        }
        let chars = self.chars_before[off] - self.chars_before[line_start];
        if column != chars as u64 + 1 {
            self.problem(format!(
                "{here}: {name} says {line}:{column}, offset {off} is {line}:{}",
                chars + 1
            ));
        }
        Some(off)
    }

    fn walk(&mut self, node: &Value, parent: Option<(usize, usize)>, path: &str) {
        let kind = node.get("type").and_then(Value::as_str).unwrap_or("?");
        let here = format!("{path}:{kind}");
        let Some((s, e)) = self.position(&here, node.get("position")) else {
            return;
        };
        if let Some((ps, pe)) = parent {
            if !(ps <= s && e <= pe) {
                self.problem(format!("{here}: {s}..{e} not within parent {ps}..{pe}"));
            }
        }
        if !CONTAINERS.contains(&kind) {
            self.leaves.push((s, e));
        }
        if let Some(points) = node.get("inline_points") {
            for (i, entry) in points.as_array().into_iter().flatten().enumerate() {
                let at = format!("{here}.inline_points[{i}]");
                if let Some((is, ie)) = self.position(&at, entry.get("position")) {
                    if !(s <= is && ie <= e) {
                        self.problem(format!("{at}: {is}..{ie} not within paragraph {s}..{e}"));
                    }
                }
            }
        }
        // Children in document order: the title and a section's heading first.
        let mut kids: Vec<&Value> = Vec::new();
        let first = match kind {
            "document" => node.get("title"),
            "section" => node.get("heading"),
            _ => None,
        };
        if let Some(first) = first.filter(|v| !v.is_null()) {
            kids.push(first);
        }
        match node.get("children") {
            Some(Value::Array(children)) => kids.extend(children),
            Some(Value::Null) | None => {
                if CONTAINERS.contains(&kind) {
                    self.problem(format!("{here}: a container without children"));
                }
            }
            Some(other) => self.problem(format!("{here}: children is not an array: {other}")),
        }
        let mut last_end: Option<usize> = None;
        for (i, child) in kids.into_iter().enumerate() {
            let child_path = format!("{here}[{i}]");
            self.walk(child, Some((s, e)), &child_path);
            let offset = |key: &str| {
                child
                    .get("position")
                    .and_then(|p| p.get(key))
                    .and_then(|l| l.get("offset"))
                    .and_then(Value::as_u64)
                    .map(|o| o as usize)
            };
            let (Some(cs), Some(ce)) = (offset("start"), offset("end")) else {
                continue;
            };
            if last_end.is_some_and(|le| cs < le) {
                self.problem(format!(
                    "{child_path}: starts at {cs}, before its previous sibling ends at {}",
                    last_end.unwrap_or(0)
                ));
            }
            last_end = Some(ce);
        }
    }

    /// Every non-white-space character lies in exactly one leaf.
    fn coverage(&mut self) {
        let len = self.text.len();
        let mut delta = vec![0i64; len + 1];
        for &(s, e) in &self.leaves {
            if s < e && e <= len {
                delta[s] += 1;
                delta[e] -= 1;
            }
        }
        let mut count = 0i64;
        let mut covered = Vec::with_capacity(len);
        for d in &delta[..len] {
            count += d;
            covered.push(count);
        }
        let mut reported = 0;
        for (i, ch) in self.text.char_indices() {
            if py_isspace(ch) || covered[i] == 1 {
                continue;
            }
            if reported < 20 {
                let line = self.starts.partition_point(|&start| start <= i);
                let message = format!(
                    "character {ch:?} at offset {i} (line {line}) lies in {} leaves (expected 1)",
                    covered[i]
                );
                self.problem(message);
            }
            reported += 1;
        }
    }
}
