//! The inputs of a run: the FILE arguments of `parse` and `check`, with
//! directories expanded.
//!
//! - A file argument is one input, read whatever its name (`--glob` does not
//!   apply to it); `-` is standard input.
//! - A directory argument is walked recursively (symbolic links followed,
//!   entries in byte order of their names, so runs are repeatable) and gives
//!   the files that `--glob` selects, by default `*.txt` and `*.md` in any
//!   case. A directory that gives no file is a failure of the run (exit 2):
//!   most likely the wrong directory or pattern.
//! - The inputs keep the order of the arguments.
//!
//! The name of an input, reported in messages and in `source.name`, is the
//! path as given, or the directory as given joined with the path inside it
//! (`corpus/2024/a.txt` for `corpus`).

use super::io::io_message;
use super::Failure;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// What `--glob` selects when no pattern (or only exclusions) is given.
pub(crate) const DEFAULT_GLOBS: [&str; 2] = ["*.txt", "*.md"];

/// One input of a run.
pub(crate) struct Input {
    /// The name to report and to put in `source.name`.
    pub name: String,
    /// The file to read; `None` for standard input.
    pub path: Option<PathBuf>,
    /// Where its output goes under `--out-dir`, without the `.json`: the
    /// path inside the directory argument, or the file name of a file
    /// argument.
    pub relative: PathBuf,
    /// A failure found while listing the directory (an unreadable folder):
    /// the input is reported and counted as failed.
    pub failure: Option<String>,
    /// Whether it was found by walking a directory argument (not named).
    pub walked: bool,
}

impl Input {
    /// Standard input.
    pub(crate) fn stdin() -> Self {
        Input {
            name: super::io::STDIN_NAME.to_owned(),
            path: None,
            relative: PathBuf::from(super::io::STDIN_NAME),
            failure: None,
            walked: false,
        }
    }
}

/// The files `--glob` selects inside a directory.
///
/// A pattern without `/` is matched against the file name (`*.txt` selects
/// text files at any depth); a pattern with `/` against the path inside the
/// directory argument, where `*` stays within one folder and `**` crosses
/// folders (`2024/**/*.txt`). A pattern starting with `!` excludes what it
/// matches. With no selecting pattern, the defaults select.
pub(crate) struct Selection {
    /// The patterns given, or none for the defaults.
    patterns: Vec<String>,
    names: GlobSet,
    paths: GlobSet,
    excluded_names: GlobSet,
    excluded_paths: GlobSet,
}

impl Selection {
    /// The selection of `patterns`; a failure names the invalid pattern.
    pub(crate) fn new(patterns: &[String]) -> Result<Self, Failure> {
        let mut names = GlobSetBuilder::new();
        let mut paths = GlobSetBuilder::new();
        let mut excluded_names = GlobSetBuilder::new();
        let mut excluded_paths = GlobSetBuilder::new();
        let mut selecting = 0;
        for pattern in patterns {
            let (excluded, glob) = match pattern.strip_prefix('!') {
                Some(rest) => (true, rest),
                None => (false, pattern.as_str()),
            };
            let by_path = glob.contains('/');
            let compiled = GlobBuilder::new(glob)
                .literal_separator(true)
                .build()
                .map_err(|err| Failure(format!("--glob {pattern}: {}", err.kind())))?;
            let set = match (excluded, by_path) {
                (false, false) => &mut names,
                (false, true) => &mut paths,
                (true, false) => &mut excluded_names,
                (true, true) => &mut excluded_paths,
            };
            set.add(compiled);
            selecting += usize::from(!excluded);
        }
        if selecting == 0 {
            for glob in DEFAULT_GLOBS {
                let compiled = GlobBuilder::new(glob)
                    .case_insensitive(true)
                    .build()
                    .map_err(|err| Failure(format!("--glob {glob}: {}", err.kind())))?;
                names.add(compiled);
            }
        }
        let build = |set: GlobSetBuilder| {
            set.build()
                .map_err(|err| Failure(format!("--glob: {}", err.kind())))
        };
        Ok(Selection {
            patterns: patterns.to_vec(),
            names: build(names)?,
            paths: build(paths)?,
            excluded_names: build(excluded_names)?,
            excluded_paths: build(excluded_paths)?,
        })
    }

    /// What selects, for messages: `--glob PATTERN …`, or the defaults.
    pub(crate) fn described(&self) -> String {
        let globs: Vec<String> = self
            .patterns
            .iter()
            .map(|pattern| format!("--glob {pattern}"))
            .collect();
        let defaults = DEFAULT_GLOBS.join(", ");
        if self.patterns.is_empty() {
            format!("the default globs select ({defaults})")
        } else if self.patterns.iter().all(|pattern| pattern.starts_with('!')) {
            format!(
                "the default globs select ({defaults}), less what {} excludes",
                globs.join(" ")
            )
        } else {
            format!("{} selects", globs.join(" "))
        }
    }

    /// Whether the file at `relative` (inside a directory argument) is
    /// selected.
    pub(crate) fn selects(&self, relative: &Path) -> bool {
        let name = relative.file_name().map(Path::new).unwrap_or(relative);
        let selected = self.names.is_match(name) || self.paths.is_match(relative);
        selected && !self.excluded_names.is_match(name) && !self.excluded_paths.is_match(relative)
    }
}

/// The inputs named by `files` (standard input when there is none).
///
/// `skip` is a folder not to walk into (the `--out-dir` of the run, when it
/// lies inside a directory argument), as a canonical path.
pub(crate) fn expand(
    files: &[PathBuf],
    selection: &Selection,
    skip: Option<&Path>,
) -> Result<Vec<Input>, Failure> {
    if files.is_empty() {
        return Ok(vec![Input::stdin()]);
    }
    let mut inputs = Vec::new();
    for file in files {
        if file.as_os_str() == super::io::STDIN_NAME {
            inputs.push(Input::stdin());
        } else if file.is_dir() {
            let before = inputs.len();
            walk(file, selection, skip, &mut inputs);
            if inputs.len() == before {
                return Err(Failure(format!(
                    "{}: is a directory with no file that {}",
                    file.display(),
                    selection.described()
                )));
            }
        } else {
            // Missing and unreadable files fail when they are read, with
            // the message of the single-file run.
            let relative = file.file_name().map_or_else(|| file.clone(), PathBuf::from);
            inputs.push(Input {
                name: file.display().to_string(),
                path: Some(file.clone()),
                relative,
                failure: None,
                walked: false,
            });
        }
    }
    Ok(inputs)
}

/// Standard input (`-`) may be named once: a second reading would find it
/// empty.
pub(crate) fn read_standard_input_once(inputs: &[Input]) -> Result<(), Failure> {
    if inputs.iter().filter(|input| input.path.is_none()).count() > 1 {
        return Err(Failure(
            "standard input (`-`) can be read only once".to_owned(),
        ));
    }
    Ok(())
}

/// Whether the arguments make a batch: several inputs, or a directory.
pub(crate) fn is_batch(files: &[PathBuf]) -> bool {
    files.len() > 1 || files.iter().any(|file| file.is_dir())
}

/// Add the files of `dir` that `selection` selects to `inputs`.
fn walk(dir: &Path, selection: &Selection, skip: Option<&Path>, inputs: &mut Vec<Input>) {
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !entry.file_type().is_dir()
                || skip.is_none_or(|skip| {
                    entry
                        .path()
                        .canonicalize()
                        .map_or(true, |path| path != skip)
                })
        });
    for entry in entries {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_file() {
                    continue;
                }
                let path = entry.into_path();
                let relative = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
                if selection.selects(&relative) {
                    inputs.push(Input {
                        name: path.display().to_string(),
                        path: Some(path),
                        relative,
                        failure: None,
                        walked: true,
                    });
                }
            }
            Err(err) => {
                // An unreadable folder, or a loop of symbolic links: one
                // failed input, named by the path that failed.
                let path = err.path().unwrap_or(dir).to_path_buf();
                let message = match (err.loop_ancestor(), err.io_error()) {
                    (Some(ancestor), _) => format!(
                        "{}: symbolic link loop back to {}",
                        path.display(),
                        ancestor.display()
                    ),
                    (None, Some(io)) => {
                        format!("{}: cannot read: {}", path.display(), io_message(io))
                    }
                    (None, None) => format!("{}: {err}", path.display()),
                };
                let relative = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
                inputs.push(Input {
                    name: path.display().to_string(),
                    path: Some(path),
                    relative,
                    failure: Some(message),
                    walked: true,
                });
            }
        }
    }
}
