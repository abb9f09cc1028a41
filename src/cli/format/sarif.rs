//! `--format sarif`: one SARIF 2.1.0 log for all the files of a run, in
//! the shape GitHub code scanning accepts (`github/codeql-action/upload-sarif`).
//!
//! - `runs[0].tool.driver.rules` lists every rule, in `--explain` order;
//!   `results[].ruleIndex` points into it.
//! - Levels: error → `error`, warning → `warning`, info → `note`.
//! - `artifactLocation.uri` is the path as given on the command line (a
//!   relative URI reference, `/`-separated and percent-encoded; an absolute
//!   path becomes a `file://` URI; standard input is `-`).
//! - Regions use the outline's lines and columns; columns count Unicode
//!   scalar values, which `columnKind: "unicodeCodePoints"` declares, and
//!   the end column is exclusive, as SARIF wants.
//! - Files that could not be read appear as `toolExecutionNotifications`
//!   and make `executionSuccessful` false.

use super::FileReport;
use crate::cli::Failure;
use outline::check::{rules, Diagnostic, RuleInfo, Severity};
use outline::Position;
use serde::Serialize;
use std::fmt::Write;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The project's address: the manifest's `repository`, else its `homepage`.
const INFORMATION_URI: &str =
    first_non_empty(env!("CARGO_PKG_REPOSITORY"), env!("CARGO_PKG_HOMEPAGE"));

const fn first_non_empty<'a>(first: &'a str, second: &'a str) -> &'a str {
    if first.is_empty() {
        second
    } else {
        first
    }
}

/// The results gathered so far.
pub(crate) struct Sarif {
    results: Vec<SarifResult>,
    notifications: Vec<Notification>,
}

impl Sarif {
    pub(crate) fn new() -> Self {
        Sarif {
            results: Vec::new(),
            notifications: Vec::new(),
        }
    }

    /// Add one file's findings.
    pub(crate) fn file(&mut self, report: &FileReport) {
        let uri = uri(&report.name);
        for diagnostic in &report.diagnostics {
            self.results.push(result(diagnostic, &uri));
        }
    }

    /// Record a file that could not be checked.
    pub(crate) fn failure(&mut self, message: &str) {
        self.notifications.push(Notification {
            level: "error",
            message: Message {
                text: message.to_owned(),
            },
        });
    }

    /// The whole log, pretty-printed, with a final line break.
    pub(crate) fn finish(self) -> Result<String, Failure> {
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: vec![Run {
                tool: Tool {
                    driver: Driver {
                        name: "outline",
                        information_uri: (!INFORMATION_URI.is_empty()).then_some(INFORMATION_URI),
                        version: env!("CARGO_PKG_VERSION"),
                        rules: rules().map(rule).collect(),
                    },
                },
                invocations: vec![Invocation {
                    execution_successful: self.notifications.is_empty(),
                    tool_execution_notifications: self.notifications,
                }],
                column_kind: "unicodeCodePoints",
                results: self.results,
            }],
        };
        let mut text = serde_json::to_string_pretty(&log)
            .map_err(|err| Failure(format!("cannot serialize the SARIF log: {err}")))?;
        text.push('\n');
        Ok(text)
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(info: &RuleInfo) -> ReportingDescriptor {
    ReportingDescriptor {
        id: info.id,
        short_description: Message {
            text: info.summary.to_owned(),
        },
        full_description: Message {
            text: info.why.to_owned(),
        },
        help: Help {
            text: format!("{}\n\nBad:\n{}\n\nGood:\n{}", info.why, info.bad, info.good),
            markdown: format!(
                "{}\n\nBad:\n\n```text\n{}\n```\n\nGood:\n\n```text\n{}\n```",
                info.why, info.bad, info.good
            ),
        },
        default_configuration: Configuration {
            level: level(info.default_severity),
        },
    }
}

fn result(diagnostic: &Diagnostic, uri: &str) -> SarifResult {
    SarifResult {
        rule_id: diagnostic.rule.clone(),
        rule_index: rules().position(|rule| rule.id == diagnostic.rule),
        level: level(diagnostic.severity),
        message: Message {
            text: diagnostic.message.clone(),
        },
        locations: vec![Location {
            id: None,
            physical_location: physical(uri, &diagnostic.position),
            message: None,
        }],
        related_locations: diagnostic
            .related
            .iter()
            .enumerate()
            .map(|(index, related)| Location {
                id: Some(index),
                physical_location: physical(uri, &related.position),
                message: Some(Message {
                    text: related.message.clone(),
                }),
            })
            .collect(),
    }
}

fn physical(uri: &str, position: &Position) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: uri.to_owned(),
        },
        region: Region {
            start_line: position.start.line,
            start_column: position.start.column,
            end_line: position.end.line,
            end_column: position.end.column,
        },
    }
}

/// A path as given, as a URI reference: bytes outside the unreserved
/// characters, `/` and a few sub-delimiters are percent-encoded (UTF-8), so
/// `:` too (`a:b.txt` is not a URI with scheme `a`). An absolute path
/// becomes a `file://` URI; on Windows `\\` becomes `/` and `C:` is kept.
fn uri(name: &str) -> String {
    let path = if cfg!(windows) {
        name.replace('\\', "/")
    } else {
        name.to_owned()
    };
    let mut out = String::with_capacity(path.len() + 8);
    let mut rest = path.as_str();
    if rest.starts_with('/') {
        out.push_str("file://");
    } else if cfg!(windows) {
        let bytes = rest.as_bytes();
        if let (Some(drive), Some(b':')) = (bytes.first(), bytes.get(1)) {
            if drive.is_ascii_alphabetic() {
                out.push_str("file:///");
                out.push(char::from(*drive));
                out.push(':');
                rest = rest.get(2..).unwrap_or_default();
            }
        }
    }
    for byte in rest.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: Vec<Invocation>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    version: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    short_description: Message,
    full_description: Message,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("fixtures/a.txt"), "fixtures/a.txt");
        assert_eq!(uri("docs/报告 1.txt"), "docs/%E6%8A%A5%E5%91%8A%201.txt");
        assert_eq!(uri("a#b?c%d.txt"), "a%23b%3Fc%25d.txt");
        assert_eq!(uri("/tmp/a.txt"), "file:///tmp/a.txt");
        assert_eq!(uri("-"), "-");
        assert_eq!(uri("a:b.txt"), "a%3Ab.txt");
    }
}
