//! `outline schema outline|config`: the JSON Schema of the outline JSON
//! (`outline::Document`) or of `outline.toml` (`outline::check::Config`),
//! generated from the types by schemars. The committed copies in
//! `docs/schema/` are checked against this output by the tests.
//!
//! schemars 1 leaves out the `type` field that serde adds to the structs
//! tagged `#[serde(tag = "type")]` (`document`, `title`, `heading`,
//! `point`); [`with_struct_tags`] puts it back, as a required constant, so
//! that the schema describes the JSON `outline parse` prints (the tests
//! check every field and `type` of the fixtures' outlines against it).
//!
//! The configuration's schema also names the rules: `rules` only takes
//! their ids as keys (`propertyNames`), so that an editor can complete and
//! check them.

use super::io::Stdout;
use super::Failure;
use clap::ValueEnum;
use serde_json::{json, Value};

#[derive(clap::Args)]
pub(crate) struct SchemaArgs {
    /// Which schema.
    #[arg(value_enum)]
    what: Schema,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Schema {
    /// The outline JSON that `outline parse` prints.
    Outline,
    /// The configuration file, `outline.toml`.
    Config,
}

pub(crate) fn run(args: &SchemaArgs) -> Result<(), Failure> {
    let schema = match args.what {
        Schema::Outline => {
            serde_json::to_value(schemars::schema_for!(outline::Document)).map(with_struct_tags)
        }
        Schema::Config => {
            serde_json::to_value(schemars::schema_for!(outline::check::Config)).map(with_rule_names)
        }
    }
    .map_err(|err| Failure(format!("cannot build the schema: {err}")))?;
    let mut text = serde_json::to_string_pretty(&schema)
        .map_err(|err| Failure(format!("cannot serialize the schema: {err}")))?;
    text.push('\n');
    let mut stdout = Stdout::new();
    stdout.write_str(&text)?;
    stdout.flush()
}

/// The structs serde tags with `"type"`: where their schema is (a JSON
/// pointer into the schema; the root for the document) and the tag.
const STRUCT_TAGS: &[(&str, &str)] = &[
    ("", "document"),
    ("/$defs/title", "title"),
    ("/$defs/heading", "heading"),
    ("/$defs/point", "point"),
];

/// Add the `type` property of the tagged structs.
fn with_struct_tags(mut schema: Value) -> Value {
    for (pointer, tag) in STRUCT_TAGS {
        let Some(object) = schema.pointer_mut(pointer).and_then(Value::as_object_mut) else {
            continue;
        };
        if let Some(properties) = object.get_mut("properties").and_then(Value::as_object_mut) {
            properties.insert("type".to_owned(), json!({ "const": tag, "type": "string" }));
        }
        if let Some(required) = object.get_mut("required").and_then(Value::as_array_mut) {
            required.insert(0, json!("type"));
        }
    }
    schema
}

/// Restrict the keys of `rules` to the rule ids.
fn with_rule_names(mut schema: Value) -> Value {
    let ids: Vec<&str> = outline::check::rules().map(|info| info.id).collect();
    if let Some(rules) = schema
        .pointer_mut("/properties/rules")
        .and_then(Value::as_object_mut)
    {
        rules.insert("propertyNames".to_owned(), json!({ "enum": ids }));
    }
    schema
}
