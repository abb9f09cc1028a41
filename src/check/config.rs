//! `outline.toml`: which rules run, how serious they are, their parameters.
//!
//! ```toml
//! [rules]
//! numbering-gap = "warning"          # off | info | warning | error
//! half-width-punctuation = "off"
//! heading-too-long = { level = "warning", max = 40 }
//! ```

use super::diagnostic::Severity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The configuration file's name, looked for in the current directory and
/// its parents.
pub const CONFIG_FILE: &str = "outline.toml";

/// A rule's level: off, or the severity of its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Findings are infos.
    Info,
    /// Findings are warnings.
    Warning,
    /// Findings are errors.
    Error,
}

/// One rule's setting: a level alone, or a table with a level and
/// parameters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RuleSetting {
    /// `numbering-gap = "warning"`
    Level(Level),
    /// `heading-too-long = { level = "warning", max = 40 }`
    Table(RuleTable),
}

/// A rule's level and parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleTable {
    /// The level; the rule's default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// A limit in characters, for the rules that have one
    /// (`heading-too-long`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<usize>,
}

/// The whole configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Settings by rule id.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
}

/// A configuration that could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The file, when read from one.
    pub path: Option<PathBuf>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{}: {}", path.display(), self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Read a configuration from TOML text; unknown rules, levels and keys
    /// are errors.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|err| ConfigError {
            path: None,
            message: err.message().to_owned(),
        })?;
        for (rule, setting) in &config.rules {
            if super::rule_info(rule).is_none() {
                return Err(ConfigError {
                    path: None,
                    message: format!(
                        "unknown rule `{rule}` (see `outline check --explain` for the list)"
                    ),
                });
            }
            if let RuleSetting::Table(RuleTable { max: Some(_), .. }) = setting {
                if rule != "heading-too-long" {
                    return Err(ConfigError {
                        path: None,
                        message: format!("rule `{rule}` takes no `max`"),
                    });
                }
            }
        }
        Ok(config)
    }

    /// Read a configuration file.
    pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|err| ConfigError {
            path: Some(path.to_owned()),
            message: format!("cannot read: {err}"),
        })?;
        Config::from_toml(&text).map_err(|err| ConfigError {
            path: Some(path.to_owned()),
            message: err.message,
        })
    }

    /// The nearest `outline.toml` in `dir` or one of its parents.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join(CONFIG_FILE))
            .find(|candidate| candidate.is_file())
    }

    /// The level of a rule: configured, or its default severity.
    pub(crate) fn level(&self, rule: &str, default: Severity) -> Level {
        let configured = match self.rules.get(rule) {
            Some(RuleSetting::Level(level)) => Some(*level),
            Some(RuleSetting::Table(table)) => table.level,
            None => None,
        };
        configured.unwrap_or(match default {
            Severity::Info => Level::Info,
            Severity::Warning => Level::Warning,
            Severity::Error => Level::Error,
        })
    }

    /// A rule's `max` parameter, or the default given.
    pub(crate) fn max(&self, rule: &str, default: usize) -> usize {
        match self.rules.get(rule) {
            Some(RuleSetting::Table(RuleTable { max: Some(max), .. })) => *max,
            _ => default,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_levels_and_tables() {
        let config = Config::from_toml(
            "[rules]\nnumbering-gap = \"warning\"\nheading-too-long = { level = \"error\", max = 40 }\n",
        )
        .expect("valid");
        assert_eq!(
            config.level("numbering-gap", Severity::Error),
            Level::Warning
        );
        assert_eq!(
            config.level("heading-too-long", Severity::Warning),
            Level::Error
        );
        assert_eq!(config.max("heading-too-long", 30), 40);
        assert_eq!(
            config.level("placeholder", Severity::Warning),
            Level::Warning
        );
    }

    #[test]
    fn rejects_what_it_does_not_know() {
        let cases = [
            (
                "[rules]\nno-such-rule = \"off\"\n",
                "unknown rule `no-such-rule`",
            ),
            ("[rules]\nnumbering-gap = \"loud\"\n", ""),
            ("[other]\n", "unknown field"),
            ("[rules]\nplaceholder = { max = 3 }\n", "takes no `max`"),
            ("rules = [", ""),
        ];
        for (text, message) in cases {
            let err = Config::from_toml(text).expect_err(text);
            assert!(err.message.contains(message), "{text}: {}", err.message);
        }
    }
}
