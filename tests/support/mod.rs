//! A Rust port of `shared/tools/outline_check.py`, for integration tests.
//!
//! Include it with `mod support;`. It works on a `serde_json::Value` holding an
//! outline (see `shared/spec/outline-json.md`) and gives, byte for byte, what
//! the Python tool prints:
//!
//! - [`skeleton`]: `outline_check.py skeleton OUTLINE.json` (lines joined with
//!   `"\n"`, without the trailing newline that `print` adds);
//! - [`texts`]: `outline_check.py texts OUTLINE.json` (likewise);
//! - [`invariants`]: the problems that `outline_check.py invariants SOURCE
//!   OUTLINE.json` prints, one string a problem, without the closing
//!   `N invariant violations` line;
//! - [`assert_invariants`]: panics listing every problem, if there is one.
//!
//! Python's own formatting is mirrored: `None`, `True`, `False`, integers as
//! integers, floats as `repr()` gives them, strings raw in f-strings and quoted
//! (`repr`) inside lists, dicts and `{ch!r}`.
//!
//! Where the Python tool would stop with an exception on a malformed outline
//! (say a `children` that is a string, or a `position.start` that is `null`),
//! printing nothing but a traceback, these functions do not panic: they keep
//! what they had and add one line saying so, which starts with
//! [`PYTHON_WOULD_FAIL`].
//!
//! Known differences, all outside what a serializer produces: integers beyond
//! the 64-bit range, and `-0`, are floats in a `serde_json::Value` (Python
//! reads them as exact integers); dicts inside text fields print with their
//! keys sorted (Python keeps the file's order); Python's recursion limit
//! (about 1000 levels) is not mirrored.
#![allow(dead_code)]

pub mod cli;
mod py_unprintable;

use serde_json::{Map, Value};
use std::cmp::Ordering;
use std::fmt::Write as _;

/// Starts the line (skeleton, texts) or problem (invariants) added where
/// `outline_check.py` would raise an exception instead of answering.
pub const PYTHON_WOULD_FAIL: &str = "malformed outline: outline_check.py would stop here with";

const LEAVES: [&str; 6] = [
    "title",
    "heading",
    "paragraph",
    "separator",
    "placeholder",
    "repeated_title",
];
const CONTAINERS: [&str; 4] = ["document", "section", "list", "point"];

/// Python's `None`, for a missing key as for a JSON `null`.
static NONE: Value = Value::Null;

/// `Err` carries the exception that Python would raise.
type Py<T> = Result<T, String>;

/// `outline_check.py skeleton`: the tree as an indented skeleton, one node a line.
pub fn skeleton(outline: &Value) -> String {
    let mut out = Vec::new();
    if let Err(err) = skeleton_into(outline, 0, &mut out) {
        out.push(format!("{PYTHON_WOULD_FAIL} {err}"));
    }
    out.join("\n")
}

/// `outline_check.py texts`: every text-bearing node as `type@line<TAB>text`.
pub fn texts(outline: &Value) -> String {
    let mut out = Vec::new();
    if let Err(err) = texts_into(outline, &mut out) {
        out.push(format!("{PYTHON_WOULD_FAIL} {err}"));
    }
    out.join("\n")
}

/// `outline_check.py invariants`: the problems found, in the tool's order and
/// words. `source` is the decoded text; a leading U+FEFF is dropped as the tool
/// does. Empty when the outline keeps every invariant.
pub fn invariants(source: &str, outline: &Value) -> Vec<String> {
    let text = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut checker = Checker::new(text);
    if let Err(err) = checker.check(outline) {
        checker.problems.push(format!("{PYTHON_WOULD_FAIL} {err}"));
    }
    checker.problems
}

/// Panics, listing every problem, unless `outline` keeps the invariants over `source`.
#[track_caller]
pub fn assert_invariants(source: &str, outline: &Value) {
    let problems = invariants(source, outline);
    assert!(
        problems.is_empty(),
        "{} invariant violations:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Python's `str.isspace()`.
pub fn py_isspace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

// ---------------------------------------------------------------------------
// skeleton and texts

fn skeleton_into(node: &Value, depth: usize, out: &mut Vec<String>) -> Py<()> {
    out.push(format!("{}{}", "  ".repeat(depth), describe(node)?));
    // kids = node.get("children") or [] if node.get("type") == "section" else children(node)
    let kids = if *get(node, "type")? == "section" {
        iterate(get(node, "children")?)?
    } else {
        children(node)?
    };
    for kid in &kids.items {
        skeleton_into(kid, depth + 1, out)?;
    }
    kids.rest()
}

/// One skeleton line for a node, without indentation.
fn describe(node: &Value) -> Py<String> {
    let kind = dict(node)?.get("type"); // node.get("type", "?")
    let (start, end) = lines_of(node)?;
    Ok(match kind.and_then(Value::as_str) {
        Some("document") => "document".to_owned(),
        Some("title") => format!("title@{start} {}", py_str(get(node, "text")?)),
        Some("section") => {
            let head = get(node, "heading")?; // node.get("heading") or {}
            let num = get_falsy_as_empty(head, "numbering")?;
            let mark = if truthy(num) {
                format!(
                    " [{}={}]",
                    py_str(get(num, "marker")?),
                    py_str(get(num, "number")?)
                )
            } else {
                String::new()
            };
            let run_in = if truthy(get_falsy_as_empty(head, "run_in")?) {
                " run_in"
            } else {
                ""
            };
            format!(
                "section L{}@{start}{mark}{run_in} {}",
                py_str(get(node, "level")?),
                py_str(get_falsy_as_empty(head, "text")?)
            )
        }
        Some("list") => "list".to_owned(),
        Some("point") => format!(
            "point {} {}@{start} «{}»",
            py_str(get(node, "number")?),
            py_str(get(node, "marker")?),
            py_str(get(node, "lead")?)
        ),
        Some("paragraph") => {
            let mut flags = String::new();
            if truthy(get(node, "truncated_start")?) {
                flags.push_str("~start ");
            }
            if truthy(get(node, "truncated_end")?) {
                flags.push_str("~end");
            }
            format!("paragraph@{start}-{end} {flags}")
                .trim_end_matches(py_isspace)
                .to_owned()
        }
        Some("placeholder") => format!("placeholder@{start} {}", py_str(get(node, "raw")?)),
        _ => format!("{}@{start}", kind.map_or_else(|| "?".to_owned(), py_str)),
    })
}

fn texts_into(node: &Value, out: &mut Vec<String>) -> Py<()> {
    // "text" in node
    let map = match node {
        Value::Null | Value::Bool(_) | Value::Number(_) => {
            return Err(format!(
                "TypeError: argument of type '{}' is not iterable",
                type_name(node)
            ));
        }
        _ => dict(node)?,
    };
    if map.contains_key("text") && *get(node, "type")? != "document" {
        let (start, _) = lines_of(node)?;
        let kind = map.get("type").ok_or("KeyError: 'type'")?;
        out.push(format!(
            "{}@{start}\t{}",
            py_str(kind),
            py_str(&map["text"])
        ));
    }
    if *get(node, "type")? == "point" && !get(node, "lead")?.is_null() {
        let (start, _) = lines_of(node)?;
        out.push(format!("lead@{start}\t{}", py_str(get(node, "lead")?)));
    }
    let kids = children(node)?;
    for child in &kids.items {
        texts_into(child, out)?;
    }
    kids.rest()
}

/// Start and end lines of a node as printed, `?` where missing.
fn lines_of(node: &Value) -> Py<(String, String)> {
    // pos = node.get("position") or {}
    // start = pos.get("start", {}).get("line", "?")   (likewise end)
    let pos = get(node, "position")?;
    let line = |key: &str| -> Py<String> {
        let point = if truthy(pos) {
            dict(pos)?.get(key)
        } else {
            None
        };
        Ok(match point {
            None => "?".to_owned(),
            Some(point) => dict(point)?
                .get("line")
                .map_or_else(|| "?".to_owned(), py_str),
        })
    };
    Ok((line("start")?, line("end")?))
}

/// Children in document order; a document's title and a section's heading come first.
fn children(node: &Value) -> Py<Kids<'_>> {
    let mut out = iterate(get(node, "children")?)?;
    let kind = get(node, "type")?;
    if *kind == "section" && truthy(get(node, "heading")?) {
        out.items.insert(0, get(node, "heading")?);
    }
    if *kind == "document" && truthy(get(node, "title")?) {
        out.items.insert(0, get(node, "title")?);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// invariants

struct Checker<'t> {
    text: &'t str,
    /// Byte offsets where lines start: after `\n`, `\r\n` and a lone `\r`.
    starts: Vec<usize>,
    /// `chars_before[i]`: how many characters start before byte `i`.
    chars_before: Vec<usize>,
    problems: Vec<String>,
    /// Byte ranges of the leaves.
    leaves: Vec<(usize, usize)>,
}

/// A checked `offset`, with the JSON value it came from for messages (Python
/// prints `True` for an offset given as `true`).
#[derive(Clone, Copy)]
struct Offset<'o> {
    at: usize,
    value: &'o Value,
}

impl<'t> Checker<'t> {
    fn new(text: &'t str) -> Self {
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
            problems: Vec::new(),
            leaves: Vec::new(),
        }
    }

    fn check(&mut self, outline: &Value) -> Py<()> {
        self.walk(outline, None)?;
        self.coverage()
    }

    fn walk<'o>(&mut self, node: &'o Value, parent: Option<(Offset<'o>, Offset<'o>)>) -> Py<()> {
        let pos = get(node, "position")?;
        if !truthy(pos) {
            let problem = format!("{}: no position", where_(node)?);
            self.problems.push(problem);
            return Ok(());
        }
        let s = self.check_point(node, "start", get(pos, "start")?)?;
        let e = self.check_point(node, "end", get(pos, "end")?)?;
        let (Some(s), Some(e)) = (s, e) else {
            return Ok(());
        };
        if s.at > e.at {
            let problem = format!("{}: start after end", where_(node)?);
            self.problems.push(problem);
        }
        if let Some((ps, pe)) = parent.filter(|(ps, pe)| !(ps.at <= s.at && e.at <= pe.at)) {
            let problem = format!(
                "{}: {}..{} not within parent {}..{}",
                where_(node)?,
                py_str(s.value),
                py_str(e.value),
                py_str(ps.value),
                py_str(pe.value)
            );
            self.problems.push(problem);
        }
        // node.get("type") in LEAVES or node.get("type") not in CONTAINERS
        let kind = get(node, "type")?;
        if matches!(kind, Value::Array(_) | Value::Object(_)) {
            return Err(format!("TypeError: unhashable type: '{}'", type_name(kind)));
        }
        let is_leaf = kind
            .as_str()
            .is_none_or(|k| LEAVES.contains(&k) || !CONTAINERS.contains(&k));
        if is_leaf {
            where_(node)?;
            self.leaves.push((s.at, e.at));
        }
        let mut last_end: Option<&Value> = None;
        let kids = children(node)?;
        for &child in &kids.items {
            self.walk(child, Some((s, e)))?;
            // cpos = child.get("position") or {}
            // cs = (cpos.get("start") or {}).get("offset"), likewise ce
            let cpos = get(child, "position")?;
            let cs = get_falsy_as_empty(get_falsy_as_empty(cpos, "start")?, "offset")?;
            let ce = get_falsy_as_empty(get_falsy_as_empty(cpos, "end")?, "offset")?;
            if cs.is_null() || ce.is_null() {
                continue;
            }
            let precedes = match last_end {
                Some(last_end) => py_lt(cs, last_end)?,
                None => false,
            };
            if precedes {
                let problem = format!(
                    "{}: overlaps or precedes its previous sibling",
                    where_(child)?
                );
                self.problems.push(problem);
            }
            last_end = Some(ce);
        }
        kids.rest()
    }

    /// `check_point` of the Python: the offset when it can be used, after
    /// recording what is wrong with the position.
    fn check_point<'o>(
        &mut self,
        node: &'o Value,
        name: &str,
        point: &'o Value,
    ) -> Py<Option<Offset<'o>>> {
        let fields = match point {
            Value::Object(map) => match (map.get("line"), map.get("column"), map.get("offset")) {
                (Some(line), Some(column), Some(offset)) => Some((line, column, offset)),
                _ => None,
            },
            _ => None,
        };
        let Some((line_v, col_v, off_v)) = fields else {
            let problem = format!("{}: {name} lacks line/column/offset", where_(node)?);
            self.problems.push(problem);
            return Ok(None);
        };
        let len = self.text.len();
        let nstarts = self.starts.len();

        // if not (0 <= off <= len(raw))
        let off = number(off_v).ok_or_else(|| unorderable("<=", &Value::from(0), off_v))?;
        if !(off.cmp_int(0).is_ge() && off.cmp_int(len as i128).is_le()) {
            let problem = format!(
                "{}: {name}.offset {} outside 0..{len}",
                where_(node)?,
                py_str(off_v)
            );
            self.problems.push(problem);
            return Ok(None);
        }
        // if not (1 <= line <= len(starts))
        let line = number(line_v).ok_or_else(|| unorderable("<=", &Value::from(1), line_v))?;
        if !(line.cmp_int(1).is_ge() && line.cmp_int(nstarts as i128).is_le()) {
            let problem = format!(
                "{}: {name}.line {} outside 1..{nstarts}",
                where_(node)?,
                py_str(line_v)
            );
            self.problems.push(problem);
            return Ok(None);
        }
        // line_start = starts[line - 1]; chars = raw[line_start:off].decode("utf-8")
        let Num::Int(line) = line else {
            return Err("TypeError: list indices must be integers or slices, not float".into());
        };
        let line = usize::try_from(line).expect("line was checked to lie in 1..=len(starts)");
        let Num::Int(off) = off else {
            return Err(
                "TypeError: slice indices must be integers or None or have an __index__ method"
                    .into(),
            );
        };
        let off = usize::try_from(off).expect("offset was checked to lie in 0..=len(raw)");
        let line_start = self.starts[line - 1];
        let chars = if off <= line_start {
            0
        } else if self.text.is_char_boundary(off) {
            self.chars_before[off] - self.chars_before[line_start]
        } else {
            let problem = format!(
                "{}: {name}.offset {} is not on a character boundary",
                where_(node)?,
                py_str(off_v)
            );
            self.problems.push(problem);
            return Ok(None);
        };
        if off < line_start || (line < nstarts && off >= self.starts[line] && name == "start") {
            let problem = format!(
                "{}: {name}.offset {} is not on line {}",
                where_(node)?,
                py_str(off_v),
                py_str(line_v)
            );
            self.problems.push(problem);
        } else if !py_eq(&Value::from(chars + 1), col_v) {
            let problem = format!(
                "{}: {name} says {}:{}, offset {} is {}:{}",
                where_(node)?,
                py_str(line_v),
                py_str(col_v),
                py_str(off_v),
                py_str(line_v),
                chars + 1
            );
            self.problems.push(problem);
        }
        Ok(Some(Offset {
            at: off,
            value: off_v,
        }))
    }

    /// Every non-whitespace character must lie in exactly one leaf; at most 20
    /// reports, as in the Python.
    fn coverage(&mut self) -> Py<()> {
        let len = self.text.len();
        // Python adds 1 per leaf and byte; a difference array gives the same
        // counts without the quadratic cost of many overlapping leaves.
        let mut delta = vec![0i64; len + 1];
        for &(s, e) in &self.leaves {
            if s < e {
                delta[s] += 1;
                delta[e] -= 1;
            }
        }
        let mut covered = Vec::with_capacity(len);
        let mut count = 0i64;
        for d in &delta[..len] {
            count += d;
            if count > 255 {
                // covered is a bytearray in the Python
                return Err("ValueError: byte must be in range(0, 256)".into());
            }
            covered.push(count);
        }
        let mut reported = 0;
        for (i, ch) in self.text.char_indices() {
            if py_isspace(ch) {
                continue;
            }
            let count = covered[i];
            if count != 1 && reported < 20 {
                let line = self.starts.partition_point(|&start| start <= i);
                self.problems.push(format!(
                    "character {} at line {line} lies in {count} leaves (expected 1)",
                    py_repr_str(ch.encode_utf8(&mut [0; 4]))
                ));
                reported += 1;
            }
        }
        Ok(())
    }
}

/// `f"{node.get('type')}@{start}"`
fn where_(node: &Value) -> Py<String> {
    let (start, _) = lines_of(node)?;
    Ok(format!("{}@{start}", py_str(get(node, "type")?)))
}

// ---------------------------------------------------------------------------
// Python semantics over JSON values

/// `value.get(key)`, `None` (null) when the key is missing.
fn get<'a>(value: &'a Value, key: &str) -> Py<&'a Value> {
    Ok(dict(value)?.get(key).unwrap_or(&NONE))
}

/// `(value or {}).get(key)`
fn get_falsy_as_empty<'a>(value: &'a Value, key: &str) -> Py<&'a Value> {
    if truthy(value) {
        get(value, key)
    } else {
        Ok(&NONE)
    }
}

fn dict(value: &Value) -> Py<&Map<String, Value>> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(format!(
            "AttributeError: '{}' object has no attribute 'get'",
            type_name(other)
        )),
    }
}

/// Nodes to visit in turn, then perhaps the exception that Python raises on
/// the next one.
struct Kids<'a> {
    items: Vec<&'a Value>,
    then: Option<String>,
}

impl Kids<'_> {
    /// What happens after the last of `items`.
    fn rest(&self) -> Py<()> {
        self.then.clone().map_or(Ok(()), Err)
    }
}

/// `value or []` as Python iterates it, each item to be used as a node: a
/// non-empty string (its characters) or dict (its keys) yields strings, on
/// which the first `.get` fails; a number is not iterable at all.
fn iterate(value: &Value) -> Py<Kids<'_>> {
    let (items, then) = match value {
        _ if !truthy(value) => (Vec::new(), None),
        Value::Array(items) => (items.iter().collect(), None),
        Value::String(_) | Value::Object(_) => (
            Vec::new(),
            Some("AttributeError: 'str' object has no attribute 'get'".to_owned()),
        ),
        other => {
            return Err(format!(
                "TypeError: '{}' object is not iterable",
                type_name(other)
            ));
        }
    };
    Ok(Kids { items, then })
}

fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// A JSON number or bool as Python sees it (`bool` is an `int`).
#[derive(Clone, Copy)]
enum Num {
    Int(i128),
    Float(f64),
}

fn number(value: &Value) -> Option<Num> {
    match value {
        Value::Bool(b) => Some(Num::Int(i128::from(*b))),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(Num::Int(i128::from(i)))
            } else if let Some(u) = n.as_u64() {
                Some(Num::Int(i128::from(u)))
            } else {
                n.as_f64().map(Num::Float)
            }
        }
        _ => None,
    }
}

impl Num {
    /// Exact comparison with an integer, as Python compares int and float.
    fn cmp_int(self, other: i128) -> Ordering {
        match self {
            Num::Int(i) => i.cmp(&other),
            Num::Float(f) => cmp_int_float(other, f).reverse(),
        }
    }

    fn cmp(self, other: Num) -> Ordering {
        match (self, other) {
            (_, Num::Int(i)) => self.cmp_int(i),
            (Num::Int(i), Num::Float(f)) => cmp_int_float(i, f),
            (Num::Float(a), Num::Float(b)) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
        }
    }
}

/// `i` against `f`, exactly (JSON has no NaN).
fn cmp_int_float(i: i128, f: f64) -> Ordering {
    if f >= 1e30 {
        return Ordering::Less;
    }
    if f <= -1e30 {
        return Ordering::Greater;
    }
    let floor = f.floor();
    // |floor| < 1e30 < 2^127, so the cast is exact.
    match i.cmp(&(floor as i128)) {
        Ordering::Equal if f > floor => Ordering::Less,
        other => other,
    }
}

/// Python's `a == b` for JSON values.
fn py_eq(a: &Value, b: &Value) -> bool {
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        return x.cmp(y).is_eq();
    }
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| py_eq(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w)))
        }
        _ => false,
    }
}

/// Python's `a < b` for JSON values; `Err` where Python raises `TypeError`.
fn py_lt(a: &Value, b: &Value) -> Py<bool> {
    if let (Some(x), Some(y)) = (number(a), number(b)) {
        return Ok(x.cmp(y).is_lt());
    }
    match (a, b) {
        // str compares by code point, which is the UTF-8 byte order
        (Value::String(x), Value::String(y)) => Ok(x < y),
        (Value::Array(x), Value::Array(y)) => {
            for (x, y) in x.iter().zip(y) {
                if !py_eq(x, y) {
                    return py_lt(x, y);
                }
            }
            Ok(x.len() < y.len())
        }
        _ => Err(unorderable("<", a, b)),
    }
}

fn unorderable(op: &str, a: &Value, b: &Value) -> String {
    format!(
        "TypeError: '{op}' not supported between instances of '{}' and '{}'",
        type_name(a),
        type_name(b)
    )
}

/// `str(value)`, as an f-string prints it.
fn py_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// `repr(value)`.
fn py_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Number(n) => match number(value) {
            Some(Num::Float(f)) => py_float_repr(f),
            _ => n.to_string(),
        },
        Value::String(s) => py_repr_str(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(py_repr).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", py_repr_str(k), py_repr(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

/// `repr(f)` for a float: the shortest digits that round-trip, in positional
/// notation for exponents from -4 to 15 and in scientific notation otherwise.
fn py_float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f.is_infinite() {
        return format!("{sign}inf");
    }
    if f == 0.0 {
        return format!("{sign}0.0");
    }
    // Rust's `{:e}` gives the same shortest round-trip digits, e.g. "1.25e-7".
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci
        .split_once('e')
        .expect("`{:e}` of a finite float has an exponent");
    let exp: i32 = exp.parse().expect("`{:e}` writes an integer exponent");
    let digits: String = mantissa.chars().filter(|&c| c != '.').collect();
    let body = if !(-4..16).contains(&exp) {
        let (first, rest) = digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        let exp_sign = if exp < 0 { '-' } else { '+' };
        format!("{first}{dot}{rest}e{exp_sign}{:02}", exp.unsigned_abs())
    } else if exp >= 0 {
        let point = exp as usize + 1;
        if digits.len() <= point {
            format!("{digits}{}.0", "0".repeat(point - digits.len()))
        } else {
            format!("{}.{}", &digits[..point], &digits[point..])
        }
    } else {
        format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
    };
    format!("{sign}{body}")
}

/// `repr(s)` for a string: quotes, escapes and Python's notion of printable.
fn py_repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        let code = u32::from(c);
        match c {
            _ if c == quote || c == '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ if code < 0x20 || code == 0x7f => {
                let _ = write!(out, "\\x{code:02x}");
            }
            _ if code < 0x7f || py_isprintable(c) => out.push(c),
            _ if code <= 0xff => {
                let _ = write!(out, "\\x{code:02x}");
            }
            _ if code <= 0xffff => {
                let _ = write!(out, "\\u{code:04x}");
            }
            _ => {
                let _ = write!(out, "\\U{code:08x}");
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable()` for one non-ASCII character.
fn py_isprintable(c: char) -> bool {
    let code = u32::from(c);
    let ranges = py_unprintable::UNPRINTABLE;
    let i = ranges.partition_point(|&(_, last)| last < code);
    ranges.get(i).is_none_or(|&(first, _)| code < first)
}
