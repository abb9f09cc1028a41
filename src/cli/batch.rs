//! Running a command over many inputs on all cores, with the output in
//! input order.
//!
//! [`run`] is a three-stage pipeline:
//!
//! 1. the calling thread takes the inputs a chunk at a time (a slice of
//!    files, or the lines a reader thread has ready);
//! 2. the rayon pool of `--jobs` threads does the work of a chunk in
//!    parallel (read, parse, serialize, and for `--out-dir` write);
//! 3. a writer thread hands the results, in input order, to a [`Sink`]
//!    (standard output, the findings' formats, the failure count), while
//!    the pool works on the next chunk.
//!
//! Memory is bounded by a few chunks, whatever the number of inputs.

use super::io::report;
use super::Failure;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::num::NonZeroUsize;
use std::sync::mpsc;
use std::thread;

/// The most worker threads a run starts: the work gains nothing beyond a
/// few per core, while starting ten thousand took 39 s, and a hundred
/// thousand 295 s and 820 MB before a worker thread failed.
pub(crate) const JOBS_MAX: usize = 256;

/// Options shared by the commands that run over many files.
#[derive(clap::Args)]
pub(crate) struct BatchArgs {
    /// Which files to take inside directory arguments: a glob matched
    /// against the file name (`*.txt`), or, with a `/`, against the path
    /// inside the directory (`2024/**/*.txt`); `!PATTERN` excludes.
    /// Repeatable. Default: `*.txt` and `*.md` (any case). Files named as
    /// arguments are always read.
    #[arg(long = "glob", value_name = "PATTERN")]
    pub globs: Vec<String>,
    /// How many threads work on the files (read, parse, check, write);
    /// default: one per core; at most 256.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
}

impl BatchArgs {
    /// The number of worker threads: `--jobs`, at most [`JOBS_MAX`].
    pub(crate) fn jobs(&self) -> usize {
        self.jobs
            .or_else(|| thread::available_parallelism().ok())
            .map_or(1, NonZeroUsize::get)
            .min(JOBS_MAX)
    }

    /// A rayon pool of [`Self::jobs`] threads.
    pub(crate) fn pool(&self) -> Result<rayon::ThreadPool, Failure> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(self.jobs())
            .thread_name(|index| format!("outline-worker-{index}"))
            .build()
            .map_err(|err| Failure(format!("cannot start the worker threads: {err}")))
    }

    /// How many inputs to hand to the pool at a time: enough for every
    /// thread to stay busy, few enough to bound memory.
    pub(crate) fn chunk_len(&self) -> usize {
        self.jobs().saturating_mul(64).clamp(64, 4096)
    }
}

/// Where the results of [`run`] go, one at a time, in input order. It runs
/// on the writer thread.
pub(crate) trait Sink<T>: Send {
    /// One result.
    fn item(&mut self, item: T) -> Result<(), Failure>;
    /// The writer has caught up with the workers: flush what is buffered,
    /// so that a reader downstream sees every result finished so far.
    fn idle(&mut self) -> Result<(), Failure>;
    /// Whether nobody wants more (standard output was closed): the run
    /// stops taking inputs.
    fn stopped(&self) -> bool {
        false
    }
}

/// Do `work` on every input of `chunks` on `pool`, and give the results to
/// `sink` in input order. Returns the sink, for its totals, or the first
/// failure of the sink (which stops the run).
pub(crate) fn run<I, T, S>(
    pool: &rayon::ThreadPool,
    chunks: impl Iterator<Item = Vec<I>>,
    work: impl Fn(I) -> T + Sync + Send,
    sink: S,
) -> Result<S, Failure>
where
    I: Send,
    T: Send,
    S: Sink<T>,
{
    thread::scope(|scope| {
        // One chunk waits while the writer writes another and the pool
        // works on a third.
        let (sender, receiver) = mpsc::sync_channel::<Vec<T>>(1);
        let writer = scope.spawn(move || write(receiver, sink));
        for chunk in chunks {
            let results: Vec<T> = pool.install(|| chunk.into_par_iter().map(&work).collect());
            if sender.send(results).is_err() {
                // The writer has stopped: its result says why.
                break;
            }
        }
        drop(sender);
        match writer.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// The writer thread: results in order to the sink, flushing whenever it
/// has caught up.
fn write<T, S: Sink<T>>(receiver: mpsc::Receiver<Vec<T>>, mut sink: S) -> Result<S, Failure> {
    loop {
        let results = match receiver.try_recv() {
            Ok(results) => results,
            Err(mpsc::TryRecvError::Empty) => {
                sink.idle()?;
                match receiver.recv() {
                    Ok(results) => results,
                    Err(mpsc::RecvError) => break,
                }
            }
            Err(mpsc::TryRecvError::Disconnected) => break,
        };
        for result in results {
            sink.item(result)?;
        }
        if sink.stopped() {
            // Dropping the receiver stops the loop over the chunks.
            break;
        }
    }
    sink.idle()?;
    Ok(sink)
}

/// After a batch, `outline: N of M files failed` on standard error when
/// any did (each was reported as it failed).
pub(crate) fn report_failed(failed: usize, total: usize) {
    if failed > 0 {
        report(&format!("{failed} of {total} files failed"));
    }
}

/// A progress bar on standard error, shown only when standard error is a
/// terminal, there are more than [`Progress::THRESHOLD`] inputs, and the
/// run has taken [`Progress::DELAY`] already: a quick run shows none.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    /// When the run started; `None` once the bar is shown.
    hidden_since: std::cell::Cell<Option<std::time::Instant>>,
    /// Whether standard output is a terminal too: output is then written
    /// with the bar taken down, so that the two do not mix.
    shared_terminal: bool,
}

impl Progress {
    /// More inputs than this show a bar.
    pub(crate) const THRESHOLD: usize = 50;
    /// How long a run goes before its bar is shown.
    pub(crate) const DELAY: std::time::Duration = std::time::Duration::from_secs(1);

    pub(crate) fn new(total: usize) -> Self {
        let shown = total > Self::THRESHOLD && std::io::stderr().is_terminal();
        let bar = shown.then(|| {
            let bar = ProgressBar::with_draw_target(
                Some(u64::try_from(total).unwrap_or(u64::MAX)),
                ProgressDrawTarget::hidden(),
            );
            if let Ok(style) = ProgressStyle::with_template(
                "{elapsed_precise} [{wide_bar}] {pos}/{len} files, {eta} left",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        Progress {
            bar,
            hidden_since: std::cell::Cell::new(Some(std::time::Instant::now())),
            shared_terminal: std::io::stdout().is_terminal(),
        }
    }

    /// One more input done.
    pub(crate) fn inc(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            if self
                .hidden_since
                .get()
                .is_some_and(|since| since.elapsed() >= Self::DELAY)
            {
                self.hidden_since.set(None);
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
    }

    /// Print `outline: <message>` on standard error, above the bar.
    pub(crate) fn report(&self, message: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| report(message)),
            None => report(message),
        }
    }

    /// Run `write`, which writes to standard output, with the bar taken
    /// down when both are on the terminal.
    pub(crate) fn output<R>(&self, write: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) if self.shared_terminal => bar.suspend(write),
            _ => write(),
        }
    }

    /// Remove the bar.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
