//! `--format json`: `{"file": "…", "diagnostics": […]}` on one line per
//! file, so that one file is one JSON document and several are JSON Lines.

use super::FileReport;
use crate::cli::Failure;
use outline::check::Diagnostic;
use serde::Serialize;

#[derive(Serialize)]
struct FileJson<'a> {
    file: &'a str,
    diagnostics: &'a [Diagnostic],
}

/// One line of JSON, with its line break.
pub(super) fn file(report: &FileReport) -> Result<String, Failure> {
    let mut line = serde_json::to_string(&FileJson {
        file: &report.name,
        diagnostics: &report.diagnostics,
    })
    .map_err(|err| {
        Failure(format!(
            "{}: cannot serialize the findings: {err}",
            report.name
        ))
    })?;
    line.push('\n');
    Ok(line)
}
