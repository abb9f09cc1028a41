//! Reading inputs and writing outputs: files, standard input, standard
//! output. Messages name the file and say what went wrong; a closed
//! standard output (`outline check … | head`) is not a failure.

use super::Failure;
use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

/// The name standard input is reported under.
pub(crate) const STDIN_NAME: &str = "-";

/// Read a file, or standard input for `-` or no file. Returns the name to
/// report (the path as given, or `-`) and the bytes.
pub(crate) fn read_input(file: Option<&Path>) -> Result<(String, Vec<u8>), Failure> {
    match file {
        Some(path) if path.as_os_str() != STDIN_NAME => {
            let name = path.display().to_string();
            if path.is_dir() {
                return Err(Failure(format!("{name}: is a directory, not a file")));
            }
            let bytes = fs::read(path)
                .map_err(|err| Failure(format!("{name}: cannot read: {}", io_message(&err))))?;
            Ok((name, bytes))
        }
        _ => {
            let mut bytes = Vec::new();
            io::stdin().lock().read_to_end(&mut bytes).map_err(|err| {
                Failure(format!("standard input: cannot read: {}", io_message(&err)))
            })?;
            Ok((STDIN_NAME.to_owned(), bytes))
        }
    }
}

/// Write to a file, or to standard output; a closed pipe is not a failure.
pub(crate) fn write_output(output: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    match output {
        Some(path) => fs::write(path, bytes).map_err(|err| {
            Failure(format!(
                "{}: cannot write: {}",
                path.display(),
                io_message(&err)
            ))
        }),
        None => {
            let mut stdout = Stdout::new();
            stdout.write(bytes)?;
            stdout.flush()
        }
    }
}

/// Buffered standard output that turns a closed pipe into silence: once the
/// reader has gone, further output is dropped and the command goes on to
/// its exit status.
pub(crate) struct Stdout {
    out: BufWriter<io::StdoutLock<'static>>,
    closed: bool,
}

impl Stdout {
    pub(crate) fn new() -> Self {
        Stdout {
            out: BufWriter::new(io::stdout().lock()),
            closed: false,
        }
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
