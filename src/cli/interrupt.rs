//! Temporary files are removed when the process is interrupted.
//!
//! `--out-dir`, and `-o FILE` for a FILE not there yet, write each output
//! to a temporary file beside it and rename it when complete
//! (`io::write_atomically`, `io::write_with`). The first time that happens, a thread starts that waits for SIGINT, SIGTERM or SIGHUP (Unix
//! only; not for a signal the process was started with ignored). When one
//! comes, it removes the temporary files being written, says so on
//! standard error, and ends the process as the signal would have (the
//! shell sees it killed by that signal). SIGKILL cannot be caught: a
//! killed process still leaves its temporary files (`.NAME.PID.N.tmp`).
//!
//! A file is created and listed while a read lock is held, which the
//! handler takes for writing and never gives back: no file can be created
//! after the handler has looked at the list, nor between its creation and
//! its listing.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once, PoisonError, RwLock};

/// The temporary files of the process.
static TEMPORARIES: Temporaries = Temporaries::new();

static INSTALL: Once = Once::new();

/// Create `path` as a new file (`create_new`: an existing file is an
/// error) and list it for removal on interruption, until [`forget`].
pub(crate) fn create_temporary(path: &Path) -> io::Result<fs::File> {
    INSTALL.call_once(install);
    TEMPORARIES.create(path)
}

/// `path` has been renamed or removed: no longer one to remove.
pub(crate) fn forget(path: &Path) {
    TEMPORARIES.forget(path);
}

/// Temporary files being written.
struct Temporaries {
    /// Held for reading while a file is created and listed; taken for
    /// writing, for good, by [`Temporaries::remove_all`].
    gate: RwLock<()>,
    /// The files created and not yet renamed or removed.
    pending: Mutex<Vec<PathBuf>>,
}

impl Temporaries {
    const fn new() -> Self {
        Temporaries {
            gate: RwLock::new(()),
            pending: Mutex::new(Vec::new()),
        }
    }

    fn create(&self, path: &Path) -> io::Result<fs::File> {
        let _open = self.gate.read().unwrap_or_else(PoisonError::into_inner);
        let file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)?;
        self.pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(path.to_owned());
        Ok(file)
    }

    fn forget(&self, path: &Path) {
        let mut pending = self.pending.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(at) = pending.iter().rposition(|listed| listed == path) {
            pending.swap_remove(at);
        }
    }

    /// Remove the files listed, and let no other be created: the gate
    /// stays shut. Returns how many were removed.
    fn remove_all(&self) -> usize {
        let gate = self.gate.write().unwrap_or_else(PoisonError::into_inner);
        std::mem::forget(gate);
        let pending =
            std::mem::take(&mut *self.pending.lock().unwrap_or_else(PoisonError::into_inner));
        pending
            .iter()
            .filter(|path| fs::remove_file(path).is_ok())
            .count()
    }
}

/// Start the thread that waits for the signals. Without it (no signal
/// support, or the thread cannot start) the process dies as before.
///
/// A signal the process was started with ignored stays ignored (`nohup`
/// ignores SIGHUP; a shell ignores SIGINT in its background jobs): where
/// that cannot be told (no `/proc/self/status`), only SIGTERM is handled.
#[cfg(unix)]
fn install() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let ignored = ignored_signals();
    let wanted: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
        .into_iter()
        .filter(|&signal| match ignored {
            Some(mask) => !is_in(mask, signal),
            None => signal == SIGTERM,
        })
        .collect();
    if wanted.is_empty() {
        return;
    }
    let Ok(mut signals) = signal_hook::iterator::Signals::new(wanted) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("outline-signals".to_owned())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let removed = TEMPORARIES.remove_all();
                if removed > 0 {
                    super::io::report(&format!(
                        "interrupted: {removed} temporary file{} removed",
                        if removed == 1 { "" } else { "s" }
                    ));
                }
                // Die of the signal, as without a handler.
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
}

#[cfg(not(unix))]
fn install() {}

/// The signals this process ignores, as the `SigIgn` mask of
/// `/proc/self/status` (bit N - 1 for signal N); `None` where that cannot
/// be read.
#[cfg(unix)]
fn ignored_signals() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let mask = status
        .lines()
        .find_map(|line| line.strip_prefix("SigIgn:"))?;
    u64::from_str_radix(mask.trim(), 16).ok()
}

/// Whether `signal` is in a mask of `/proc/self/status`.
#[cfg(unix)]
fn is_in(mask: u64, signal: i32) -> bool {
    u32::try_from(signal)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|bit| 1u64.checked_shl(bit))
        .is_some_and(|bit| mask & bit != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn signals_are_read_from_the_mask() {
        // SIGHUP (1) and SIGINT (2) ignored, as under `nohup` in a
        // background job.
        let mask = 0b11;
        assert!(is_in(mask, 1) && is_in(mask, 2));
        assert!(!is_in(mask, 15));
        assert!(!is_in(mask, 0) && !is_in(mask, -1) && !is_in(mask, 65));
        assert!(ignored_signals().is_some() || !Path::new("/proc/self/status").exists());
    }

    #[test]
    fn listed_files_are_removed_and_no_more_are_created() {
        let dir = super::super::io::scratch_dir("interrupt");
        let temporaries = Temporaries::new();
        let (done, open) = (dir.join(".done.tmp"), dir.join(".open.tmp"));
        temporaries
            .create(&done)
            .unwrap_or_else(|err| panic!("{err}"));
        temporaries
            .create(&open)
            .unwrap_or_else(|err| panic!("{err}"));
        // A second file of a name taken is refused, not listed.
        assert!(temporaries.create(&open).is_err());
        fs::rename(&done, dir.join("done")).unwrap_or_else(|err| panic!("{err}"));
        temporaries.forget(&done);
        assert_eq!(temporaries.remove_all(), 1);
        assert!(!open.exists());
        assert!(dir.join("done").exists());
        // The gate stays shut: a file would wait for it for good.
        assert!(temporaries.gate.try_read().is_err());
        let _ = fs::remove_dir_all(&dir);
    }
}
