//! `outline check --explain [RULE]`: what a rule checks, or the list of
//! rules.

use super::io::Stdout;
use super::Failure;
use outline::check::{rule_info, rules, RuleInfo};
use std::fmt::Write;

/// Explain one rule, or list them all when `rule` is empty.
pub(crate) fn run(rule: &str) -> Result<(), Failure> {
    let text = if rule.is_empty() {
        list()
    } else {
        let info = rule_info(rule).ok_or_else(|| {
            let known: Vec<&str> = rules().map(|info| info.id).collect();
            Failure(format!(
                "unknown rule `{rule}`; the rules are: {}",
                known.join(", ")
            ))
        })?;
        explain(info)
    };
    let mut stdout = Stdout::new();
    stdout.write_str(&text)?;
    stdout.flush()
}

/// One line per rule: id, default severity, summary.
fn list() -> String {
    let width = rules().map(|info| info.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for info in rules() {
        let severity = info.default_severity.to_string();
        let _ = writeln!(out, "{:width$}  {severity:7}  {}", info.id, info.summary);
    }
    out
}

/// A rule in full.
fn explain(info: &RuleInfo) -> String {
    format!(
        "{id}\n\
         default severity: {severity}\n\
         \n\
         {summary}\n\
         \n\
         Why: {why}\n\
         \n\
         Bad:\n\
         {bad}\n\
         \n\
         Good:\n\
         {good}\n",
        id = info.id,
        severity = info.default_severity,
        summary = info.summary,
        why = info.why,
        bad = indent(info.bad),
        good = indent(info.good),
    )
}

/// Every line indented by four spaces.
fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}
