//! Findings: what a rule reports, where, and how serious it is.

use crate::source::Position;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a check.
    Info,
    /// Probably wrong; fails a check only with `--deny warnings`.
    Warning,
    /// Wrong; fails a check.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Another place a finding refers to: ``previous point `一是` at 5:3``.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Related {
    /// What the place is, lower case: ``previous point `一是` ``.
    pub message: String,
    /// Where it is.
    pub position: Position,
}

/// One finding of `outline check`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// The rule's stable kebab-case id: `numbering-gap`.
    pub rule: String,
    /// How serious it is.
    pub severity: Severity,
    /// Lower case, no final period; says what was expected and what was
    /// found where that fits: ``expected `二是`, found `三是` ``.
    pub message: String,
    /// Where it is, in the contract's format.
    pub position: Position,
    /// Other places it refers to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// What the rule expected, where that is one thing (`二是`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What was found instead (`三是`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
}

impl Diagnostic {
    /// A finding at byte offsets `start..end` (lines and columns are filled
    /// in by the checker).
    pub(crate) fn new(
        rule: &RuleInfo,
        severity: Severity,
        message: impl Into<String>,
        start: usize,
        end: usize,
    ) -> Self {
        Diagnostic {
            rule: rule.id.to_owned(),
            severity,
            message: message.into(),
            position: Position::from_offsets(start, end),
            related: Vec::new(),
            expected: None,
            actual: None,
        }
    }

    /// Add the expected and the found value.
    pub(crate) fn expected_actual(
        mut self,
        expected: impl Into<String>,
        actual: impl Into<String>,
    ) -> Self {
        self.expected = Some(expected.into());
        self.actual = Some(actual.into());
        self
    }

    /// Add a related place, by its byte offsets.
    pub(crate) fn related(mut self, message: impl Into<String>, start: usize, end: usize) -> Self {
        self.related.push(Related {
            message: message.into(),
            position: Position::from_offsets(start, end),
        });
        self
    }
}

/// What a rule is, for `--explain`, docs/rules.md and SARIF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// Its severity unless configured otherwise.
    pub default_severity: Severity,
    /// One line: what it checks.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A text it flags.
    pub bad: &'static str,
    /// The same text, right.
    pub good: &'static str,
}
