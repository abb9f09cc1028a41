//! The output formats of `outline check`.
//!
//! | format | what | where |
//! |---|---|---|
//! | `human` | rustc-style blocks with the source line and carets, then a summary line | stdout |
//! | `json` | one `{"file": …, "diagnostics": […]}` object per file, one per line (JSON Lines) | stdout |
//! | `sarif` | one SARIF 2.1.0 log for all files (GitHub code scanning) | stdout |
//! | `github` | one GitHub Actions workflow command per finding | stdout |
//!
//! Failures of the tool go to stderr in every format, one
//! `outline: FILE: message` line each.

mod github;
mod human;
mod json;
mod sarif;

use super::io::Stdout;
use super::Failure;
use clap::ValueEnum;
use outline::check::{Diagnostic, Related, Severity};
use std::fmt;

/// The `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// rustc-style blocks for people, then a summary line.
    Human,
    /// One JSON object per file, one per line.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other tools.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
}

/// The findings of one file, and the text their positions refer to.
pub(crate) struct FileReport {
    /// The file as given on the command line, or `-` for standard input.
    pub name: String,
    /// The decoded text (byte order mark removed).
    pub text: String,
    /// The findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// About the bytes it holds, for a batch run's window: its text, and
    /// its findings' records with their strings (a text can have thousands
    /// of findings, each with several strings).
    pub(crate) fn held(&self) -> u64 {
        let findings = self.diagnostics.iter().fold(0usize, |sum, finding| {
            let related = finding.related.iter().fold(0usize, |sum, place| {
                sum.saturating_add(std::mem::size_of::<Related>())
                    .saturating_add(place.message.len())
            });
            sum.saturating_add(std::mem::size_of::<Diagnostic>())
                .saturating_add(finding.rule.len())
                .saturating_add(finding.message.len())
                .saturating_add(finding.expected.as_ref().map_or(0, String::len))
                .saturating_add(finding.actual.as_ref().map_or(0, String::len))
                .saturating_add(related)
        });
        u64::try_from(self.text.len().saturating_add(findings)).unwrap_or(u64::MAX)
    }
}

/// How many findings of each severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub(crate) fn add(&mut self, diagnostics: &[Diagnostic]) {
        for diagnostic in diagnostics {
            match diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

impl fmt::Display for Counts {
    /// `1 error, 2 warnings, 0 infos`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "{} error{}, {} warning{}, {} info{}",
            self.errors,
            plural(self.errors),
            self.warnings,
            plural(self.warnings),
            self.infos,
            plural(self.infos)
        )
    }
}

/// Writes the findings in one format as the files come in.
pub(crate) enum Writer {
    Human(human::Human),
    Json,
    Sarif(sarif::Sarif),
    Github,
}

impl Writer {
    /// A writer for `format`; `colour` only matters for `human`.
    pub(crate) fn new(format: Format, colour: bool) -> Self {
        match format {
            Format::Human => Writer::Human(human::Human::new(colour)),
            Format::Json => Writer::Json,
            Format::Sarif => Writer::Sarif(sarif::Sarif::new()),
            Format::Github => Writer::Github,
        }
    }

    /// The findings of one file.
    pub(crate) fn file(&mut self, report: &FileReport, out: &mut Stdout) -> Result<(), Failure> {
        match self {
            Writer::Human(human) => out.write_str(&human.file(report)),
            Writer::Json => out.write_str(&json::file(report)?),
            Writer::Sarif(sarif) => {
                sarif.file(report);
                Ok(())
            }
            Writer::Github => out.write_str(&github::file(report)),
        }
    }

    /// A file that could not be checked (already reported on stderr).
    pub(crate) fn failure(&mut self, message: &str) {
        if let Writer::Sarif(sarif) = self {
            sarif.failure(message);
        }
    }

    /// After the last file: the summary, or the whole SARIF log.
    pub(crate) fn finish(self, counts: Counts, out: &mut Stdout) -> Result<(), Failure> {
        match self {
            Writer::Human(human) => out.write_str(&human.summary(counts)),
            Writer::Sarif(sarif) => out.write_str(&sarif.finish()?),
            Writer::Json | Writer::Github => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use outline::Position;

    /// The text, each finding's record and each of its strings count.
    #[test]
    fn a_report_holds_its_text_and_its_findings() {
        let finding = Diagnostic {
            rule: "numbering-gap".to_owned(),
            severity: Severity::Warning,
            message: "expected `二是`, found `三是`".to_owned(),
            position: Position::default(),
            related: vec![Related {
                message: "previous point `一是`".to_owned(),
                position: Position::default(),
            }],
            expected: Some("二是".to_owned()),
            actual: Some("三是".to_owned()),
        };
        let strings =
            finding.rule.len() + finding.message.len() + "previous point `一是`".len() + 12;
        let report = |diagnostics: Vec<Diagnostic>| FileReport {
            name: "a.txt".to_owned(),
            text: "标题\n".to_owned(),
            diagnostics,
        };
        assert_eq!(report(Vec::new()).held(), 7);
        let one = 7 + size_of::<Diagnostic>() + size_of::<Related>() + strings;
        assert_eq!(report(vec![finding.clone()]).held(), one as u64);
        assert_eq!(
            report(vec![finding.clone(), finding]).held(),
            (2 * one - 7) as u64
        );
    }
}
