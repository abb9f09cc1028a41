//! Reading inputs and writing outputs: files, standard input, standard
//! output. Messages name the file and say what went wrong; a closed
//! standard output (`outline check … | head`) is not a failure.

use super::Failure;
use outline::InputBytes;
use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

/// The name standard input is reported under.
pub(crate) const STDIN_NAME: &str = "-";

/// Read a file, or standard input for `-` or no file. Returns the name to
/// report (the path as given, or `-`) and the bytes (a long file is read
/// on two threads, [`InputBytes::read_file`]).
pub(crate) fn read_input(file: Option<&Path>) -> Result<(String, InputBytes), Failure> {
    match file {
        Some(path) if path.as_os_str() != STDIN_NAME => {
            let name = path.display().to_string();
            if path.is_dir() {
                return Err(Failure(format!("{name}: is a directory, not a file")));
            }
            let bytes = InputBytes::read_file(path)
                .map_err(|err| Failure(format!("{name}: cannot read: {}", io_message(&err))))?;
            Ok((name, bytes))
        }
        _ => {
            let mut bytes = Vec::new();
            io::stdin().lock().read_to_end(&mut bytes).map_err(|err| {
                Failure(format!("standard input: cannot read: {}", io_message(&err)))
            })?;
            Ok((STDIN_NAME.to_owned(), InputBytes::from_bytes(bytes)))
        }
    }
}

/// Write to a file, or to standard output; a closed pipe is not a failure.
/// See [`write_with`] for how a file is written.
pub(crate) fn write_output(output: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    write_with(output, |out| out.write_all(bytes))
}

/// The buffer in front of standard output: writes at least this long (the
/// JSON writer's) go straight through.
const STDOUT_BUFFER: usize = 64 * 1024;

/// Standard output as a plain file (a duplicate of its descriptor), after
/// what is already buffered in `stdout` is flushed; `None` where that is
/// not possible. Rust's standard output is line-buffered: every write is
/// searched backwards for its last line break, which for compact JSON (it
/// has none) meant reading every byte written once more.
#[cfg(unix)]
fn unbuffered_stdout(stdout: &mut io::StdoutLock<'_>) -> Option<fs::File> {
    use std::os::fd::AsFd;
    stdout.flush().ok()?;
    let fd = stdout.as_fd().try_clone_to_owned().ok()?;
    Some(fs::File::from(fd))
}

#[cfg(not(unix))]
fn unbuffered_stdout(_: &mut io::StdoutLock<'_>) -> Option<fs::File> {
    None
}

/// Run `write` on a file, or on standard output (for output written while
/// it is made); a closed pipe is not a failure. A failure names the file,
/// or standard output.
///
/// A file that does not exist yet is made as [`write_atomically`] makes
/// it (through a temporary file beside it, renamed when complete), so that
/// a failed or interrupted run leaves none; where no temporary file can be
/// made beside it (a folder that cannot be written, a path too long for
/// the temporary name), it is written directly. A file that exists is
/// truncated and written in place, as before: renaming over it would lose
/// its mode, owner and other hard links, and fails on a bind-mounted file
/// or in a sticky folder (`/tmp`) for a file of another user.
pub(crate) fn write_with(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    let written = match output {
        Some(path) => {
            // A file made new: through a temporary file, when one can be
            // made beside it.
            let new =
                fs::symlink_metadata(path).is_err_and(|err| err.kind() == io::ErrorKind::NotFound);
            if let Some((mut file, temporary)) =
                new.then(|| create_temporary_beside(path).ok()).flatten()
            {
                let written = write(&mut file);
                return rename_when_written(file, written, &temporary, path);
            }
            fs::File::create(path)
                .and_then(|mut file| write(&mut file))
                .map_err(|err| (path.display().to_string(), err))
        }
        None => {
            let mut stdout = io::stdout().lock();
            let written = match unbuffered_stdout(&mut stdout) {
                Some(file) => {
                    let mut out = io::BufWriter::with_capacity(STDOUT_BUFFER, file);
                    write(&mut out).and_then(|()| out.flush())
                }
                None => write(&mut stdout).and_then(|()| stdout.flush()),
            };
            written.map_err(|err| ("standard output".to_owned(), err))
        }
    };
    match written {
        Ok(()) => Ok(()),
        Err((_, err)) if output.is_none() && err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err((name, err)) => Err(Failure(format!(
            "{name}: cannot write: {}",
            io_message(&err)
        ))),
    }
}

/// The longest file name that keeps its name in the temporary one: file
/// names have at most 255 bytes on the usual file systems, and
/// `.NAME.PID.N.tmp` adds up to 30.
const TEMPORARY_NAME_MAX: usize = 200;

/// Numbers the temporary files of a process.
static TEMPORARY_NUMBER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many temporary names are tried before giving up: each is taken
/// only if no file has it yet.
const TEMPORARY_ATTEMPTS: usize = 16;

/// Write `bytes` to `path` so that the file is either absent (or as it
/// was) or complete: the bytes go to a new temporary file in the same
/// folder, `.NAME.PID.N.tmp` (`.outline.PID.N.tmp` when NAME is too long
/// for that to be a file name; N numbers the process's temporary files),
/// which is then renamed to `path`. A name some file has already (another
/// process's, of the same number in another container sharing the folder)
/// is never written over: the next number is tried. A failed write removes
/// the temporary file; so does an interrupted process (SIGINT, SIGTERM,
/// SIGHUP: see `interrupt`); a killed one leaves it. (Nothing is synced to
/// disk: this guards against a crash or a kill of the process, not against
/// a power loss.)
///
/// The message of a failure names `path`.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let (mut file, temporary) = create_temporary_beside(path)?;
    let written = file.write_all(bytes);
    rename_when_written(file, written, &temporary, path)
}

/// A new temporary file beside `path` for [`write_atomically`], and its
/// path.
fn create_temporary_beside(path: &Path) -> Result<(fs::File, std::path::PathBuf), Failure> {
    let Some(file_name) = path.file_name() else {
        return Err(Failure(format!("{}: not a file name", path.display())));
    };
    for _ in 0..TEMPORARY_ATTEMPTS {
        let number = TEMPORARY_NUMBER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut name = std::ffi::OsString::from(".");
        if file_name.len() <= TEMPORARY_NAME_MAX {
            name.push(file_name);
        } else {
            name.push("outline");
        }
        name.push(format!(".{}.{number}.tmp", std::process::id()));
        let temporary = path.with_file_name(name);
        match super::interrupt::create_temporary(&temporary) {
            Ok(file) => return Ok((file, temporary)),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {}
            Err(err) => return Err(cannot_write(path, &err)),
        }
    }
    Err(Failure(format!(
        "{}: cannot write: {TEMPORARY_ATTEMPTS} temporary names beside it are taken",
        path.display()
    )))
}

/// Rename `temporary`, into which `file` was written, to `path` if the
/// writing went well; otherwise remove it. Either way it is no longer one
/// for an interruption to remove.
fn rename_when_written(
    file: fs::File,
    written: io::Result<()>,
    temporary: &Path,
    path: &Path,
) -> Result<(), Failure> {
    drop(file);
    let result = written
        .and_then(|()| fs::rename(temporary, path))
        .map_err(|err| {
            let _ = fs::remove_file(temporary);
            cannot_write(path, &err)
        });
    super::interrupt::forget(temporary);
    result
}

fn cannot_write(path: &Path, err: &io::Error) -> Failure {
    Failure(format!(
        "{}: cannot write: {}",
        path.display(),
        io_message(err)
    ))
}

/// Buffered standard output that turns a closed pipe into silence: once the
/// reader has gone, further output is dropped and the command goes on to
/// its exit status.
///
/// It holds the `Stdout` handle, not its lock, so that it can move to the
/// thread that writes the results of a batch run (`batch::run`).
pub(crate) struct Stdout {
    out: BufWriter<io::Stdout>,
    closed: bool,
}

impl Stdout {
    pub(crate) fn new() -> Self {
        Stdout {
            out: BufWriter::with_capacity(64 * 1024, io::stdout()),
            closed: false,
        }
    }

    /// Whether the reader has gone (a closed pipe): nothing more is written.
    pub(crate) fn closed(&self) -> bool {
        self.closed
    }

    /// Write bytes (nothing once the pipe is closed).
    pub(crate) fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        if self.closed {
            return Ok(());
        }
        let result = self.out.write_all(bytes);
        self.settle(result)
    }

    /// Write text.
    pub(crate) fn write_str(&mut self, text: &str) -> Result<(), Failure> {
        self.write(text.as_bytes())
    }

    /// Flush what is buffered.
    pub(crate) fn flush(&mut self) -> Result<(), Failure> {
        if self.closed {
            return Ok(());
        }
        let result = self.out.flush();
        self.settle(result)
    }

    fn settle(&mut self, result: io::Result<()>) -> Result<(), Failure> {
        match result {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(err) => Err(Failure(format!(
                "standard output: cannot write: {}",
                io_message(&err)
            ))),
        }
    }
}

/// Print a failure on standard error: `outline: <message>`.
pub(crate) fn report(message: &str) {
    // Nothing sensible is left to do when standard error is gone.
    let _ = writeln!(io::stderr().lock(), "outline: {message}");
}

/// An I/O error as a lower-case phrase: "no such file or directory".
pub(crate) fn io_message(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}

/// An empty folder of the system's temporary directory for a unit test,
/// named after it and the process.
#[cfg(test)]
pub(crate) fn scratch_dir(test: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("outline-{test}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    dir
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A temporary name some file has already is passed over, the file
    /// left as it was: another process's temporary file is never written
    /// over.
    #[test]
    fn temporary_files_of_others_are_left_alone() {
        let dir = scratch_dir("io");
        let next = TEMPORARY_NUMBER.load(std::sync::atomic::Ordering::Relaxed);
        let theirs: Vec<std::path::PathBuf> = (next..next + 4)
            .map(|n| dir.join(format!(".out.json.{}.{n}.tmp", std::process::id())))
            .collect();
        for path in &theirs {
            fs::write(path, b"theirs").unwrap_or_default();
        }
        let out = dir.join("out.json");
        assert!(write_atomically(&out, b"ours").is_ok());
        assert_eq!(fs::read(&out).unwrap_or_default(), b"ours");
        for path in &theirs {
            assert_eq!(
                fs::read(path).unwrap_or_default(),
                b"theirs",
                "{}",
                path.display()
            );
        }
        // Nothing of ours is left beside them.
        let left = fs::read_dir(&dir).map_or(0, |entries| entries.count());
        assert_eq!(left, theirs.len() + 1);
        let _ = fs::remove_dir_all(&dir);
    }
}
