//! `--format github`: GitHub Actions workflow commands, one line per
//! finding, which GitHub shows as annotations on the file:
//!
//! ```text
//! ::error file=a.txt,line=4,col=3,endLine=4,endColumn=5,title=numbering-gap::expected `二是`, found `三是`
//! ```
//!
//! Infos become `::notice`. Values are escaped as the runner expects:
//! `%`, CR and LF everywhere, and also `:` and `,` in the properties.

use super::FileReport;
use outline::check::Severity;
use std::fmt::Write;

/// The commands for one file's findings.
pub(super) fn file(report: &FileReport) -> String {
    let mut out = String::new();
    let file = escape_property(&report.name);
    for diagnostic in &report.diagnostics {
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let (start, end) = (&diagnostic.position.start, &diagnostic.position.end);
        let _ = writeln!(
            out,
            "::{command} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&diagnostic.rule),
            escape_data(&diagnostic.message),
        );
    }
    out
}

/// Escape a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`file=…`, `title=…`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(escape_data("50%\r\nok: a, b"), "50%25%0D%0Aok: a, b");
        assert_eq!(escape_property("C:\\a,b%.txt"), "C%3A\\a%2Cb%25.txt");
    }
}
