//! The `outline` command line: reads files, prints outlines and findings,
//! sets the exit status. Everything else lives in the library; the commands
//! themselves are in `src/cli/`.
//!
//! Exit status: 0 on success (for `check`: no error-level finding); 1 when
//! `check` found an error (or, with `--deny warnings`, a warning), or when
//! some inputs of a batch (`parse` or `check` over several files or a
//! directory) failed and were skipped; 2 when the tool failed (a single file
//! that cannot be read, bytes invalid in a forced encoding, a bad
//! configuration, bad arguments, an output that cannot be written). With
//! `parse --jsonl`, malformed lines are answered in the stream and the
//! status stays 0.

#![forbid(unsafe_code)]

mod cli;

/// mimalloc: the outline is many small nodes, allocated and freed by the
/// builder's thread, which glibc's allocator handles slowly (README,
/// Performance).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
