//! Running the `outline` binary from integration tests: a scratch folder
//! per test, and what one run did. Shared by `tests/cli.rs`,
//! `tests/cli_check.rs`, `tests/cli_batch.rs` and `tests/views.rs`.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;

/// A per-test folder under the temporary directory, removed when dropped.
pub struct Scratch {
    pub dir: PathBuf,
}

impl Scratch {
    /// A fresh, empty folder named after the test binary, the process and
    /// the test.
    pub fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "outline-{}-{}-{test}",
            env!("CARGO_CRATE_NAME"),
            std::process::id()
        ));
        // Left over from an earlier run with the same pid: start clean.
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)
            .unwrap_or_else(|err| panic!("cannot create {}: {err}", dir.display()));
        Scratch { dir }
    }

    /// A path inside the folder (nothing is created).
    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }

    /// Write `bytes` to `relative` (folders created) and return the path.
    pub fn file(&self, relative: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .unwrap_or_else(|err| panic!("cannot create {}: {err}", parent.display()));
        }
        fs::write(&path, bytes)
            .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
        path
    }

    /// Run `outline` in this folder.
    pub fn run<I, S>(&self, args: I, stdin: Option<&[u8]>) -> Run
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        run_in(Some(&self.dir), args, stdin)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// What one run of the binary did.
pub struct Run {
    /// The exit code, or `None` when the process was killed by a signal.
    pub code: Option<i32>,
    /// Standard output as it came.
    pub stdout_bytes: Vec<u8>,
    /// Standard output read as UTF-8, malformed bytes replaced.
    pub stdout: String,
    /// Standard error read as UTF-8, malformed bytes replaced.
    pub stderr: String,
}

impl Run {
    /// Standard output as text; panics when it is not UTF-8.
    pub fn stdout_text(&self) -> String {
        String::from_utf8(self.stdout_bytes.clone())
            .unwrap_or_else(|err| panic!("stdout should be UTF-8: {err}"))
    }

    /// Assert the exit code, showing both outputs when it differs.
    #[track_caller]
    pub fn assert_code(&self, code: i32, what: &str) {
        assert_eq!(
            self.code,
            Some(code),
            "{what}: exit code\n--- stdout:\n{}\n--- stderr:\n{}",
            self.stdout,
            self.stderr
        );
    }
}

/// Run `outline` with `args` in `dir` (the crate root when `None`), with
/// `stdin` piped in, or an empty standard input when `None` so that a run
/// never waits for a terminal; `NO_COLOR` is removed from its environment,
/// so that the developer's setting changes nothing.
pub fn run_in<I, S>(dir: Option<&Path>, args: I, stdin: Option<&[u8]>) -> Run
where
    I: IntoIterator<Item = S>,
    S: Into<OsString>,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_outline"))
        .args(&args)
        .current_dir(dir.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR"))))
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start outline {args:?}: {err}"));
    // Feed standard input from a thread, so that a child that writes before
    // it has read everything cannot deadlock the test.
    let feeder = match (stdin, child.stdin.take()) {
        (Some(bytes), Some(mut pipe)) => {
            let bytes = bytes.to_vec();
            Some(thread::spawn(move || {
                // A child that exits early closes the pipe; that is its
                // business, the exit code will tell.
                let _ = pipe.write_all(&bytes);
            }))
        }
        _ => None,
    };
    let output = child
        .wait_with_output()
        .unwrap_or_else(|err| panic!("cannot wait for outline {args:?}: {err}"));
    if let Some(feeder) = feeder {
        feeder.join().expect("the stdin feeder should not panic");
    }
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stdout_bytes: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Every file under `dir`, as paths relative to it with `/`.
pub fn files_under(dir: &Path) -> BTreeSet<String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeSet<String>) {
        let entries =
            fs::read_dir(dir).unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).expect("under the root");
                out.insert(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, dir, &mut out);
    out
}
