//! Running a command over many inputs on all cores, with the output in
//! input order.
//!
//! [`run`] is a pipeline:
//!
//! 1. the calling thread takes the inputs a chunk at a time (a slice of
//!    files, or the lines a reader thread has ready) and hands each chunk
//!    to the rayon pool of `--jobs` threads as a task of its own, as long
//!    as fewer than [`CHUNKS_IN_FLIGHT`] are in flight (handed over and not
//!    yet written out);
//! 2. the pool does the work of the chunks in parallel (read, parse,
//!    serialize, and for `--out-dir` write): a thread done with its part of
//!    one chunk goes on with the next, so a large input holds up the
//!    writing of what comes after it, and the workers only once
//!    [`CHUNKS_IN_FLIGHT`] chunks are waiting on it;
//! 3. a writer thread hands the results, in input order, to a [`Sink`]
//!    (standard output, the findings' formats, the failure count).
//!
//! Memory is bounded by a few chunks, whatever the number and size of
//! the inputs: a chunk has at most [`BatchArgs::chunk_len`] inputs, and
//! ends with the input that brings it to [`BatchArgs::chunk_bytes`]
//! bytes ([`BatchArgs::chunks`] makes the first ones short). When the
//! writer stops (standard output closed, a write failed), the inputs not
//! yet begun are passed over. A panic in the work of an input ends the run
//! with that panic, as a panic anywhere else would.

use super::io::report;
use super::Failure;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::any::Any;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
#[cfg(test)]
use std::sync::{Mutex, PoisonError};
use std::thread;

/// The most worker threads a run starts: the work gains nothing beyond a
/// few per core, while starting ten thousand took 39 s, and a hundred
/// thousand 295 s and 820 MB before a worker thread failed.
pub(crate) const JOBS_MAX: usize = 256;

/// How many chunks may be in flight at once: handed to the pool, and not
/// yet written out. Two would keep the workers busy while the writer
/// writes; more let them go on past a chunk whose large input the writer
/// waits for.
pub(crate) const CHUNKS_IN_FLIGHT: usize = 4;

/// The least [`BatchArgs::chunk_bytes`]: 8 MiB.
pub(crate) const CHUNK_BYTES_MIN: u64 = 8 << 20;

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

    /// How many bytes of input end a chunk (the input that reaches them is
    /// its last): four MiB a thread, and at least [`CHUNK_BYTES_MIN`]. A
    /// chunk's results are all held until the whole chunk is done, and
    /// they are large (an outline's JSON is three to four times its input;
    /// `check` keeps each file's text for its snippets): with
    /// [`CHUNKS_IN_FLIGHT`] chunks, a directory of large files would
    /// otherwise be held hundreds of files at once. JSON Lines input is
    /// cut the same way: more threads keep more bytes in flight (with 16,
    /// chunks of up to 64 MiB where a fixed 8 MiB bound held them to 8).
    pub(crate) fn chunk_bytes(&self) -> u64 {
        u64::try_from(self.jobs())
            .unwrap_or(u64::MAX)
            .saturating_mul(4 << 20)
            .max(CHUNK_BYTES_MIN)
    }

    /// `inputs` in chunks for [`run`]: the first of one input a thread,
    /// each next one twice as long, up to [`BatchArgs::chunk_len`]; and a
    /// chunk ends once its inputs have [`BatchArgs::chunk_bytes`] bytes in
    /// all (`size` tells an input's, 0 when unknown). A chunk's results
    /// are written once all of it is done: short chunks first let the
    /// first outlines (and the progress bar) come soon, and waste little
    /// work when standard output closes early (`outline parse DIR | head`).
    pub(crate) fn chunks<'a, T>(
        &self,
        inputs: &'a [T],
        size: impl Fn(&T) -> u64,
    ) -> impl Iterator<Item = Vec<&'a T>> {
        let max = self.chunk_len();
        let max_bytes = self.chunk_bytes();
        let mut len = self.jobs().min(max);
        let mut rest = inputs.iter();
        std::iter::from_fn(move || {
            let mut chunk = Vec::new();
            let mut bytes = 0u64;
            while chunk.len() < len && bytes < max_bytes {
                let Some(input) = rest.next() else {
                    break;
                };
                bytes = bytes.saturating_add(size(input));
                chunk.push(input);
            }
            len = len.saturating_mul(2).min(max);
            (!chunk.is_empty()).then_some(chunk)
        })
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
    let work = &work;
    // Set when the writer has ended: the work not yet begun is skipped.
    let stopped = &AtomicBool::new(false);
    thread::scope(|scope| {
        // A permit per chunk in flight: the calling thread sends one before
        // it hands a chunk over (and waits when all are out); the writer
        // takes one back for each chunk written.
        let (permits, returned) = mpsc::sync_channel::<()>(CHUNKS_IN_FLIGHT);
        let (sender, receiver) = mpsc::channel::<(usize, ChunkResults<T>)>();
        let writer = scope.spawn(move || {
            let _stop = SetOnDrop(stopped);
            write(receiver, &returned, sink)
        });
        pool.in_place_scope(|tasks| {
            for (index, chunk) in chunks.enumerate() {
                if permits.send(()).is_err() {
                    // The writer has stopped: its result says why.
                    break;
                }
                let sender = sender.clone();
                tasks.spawn(move |_| {
                    // A panic is sent on like the results, so that the
                    // writer never waits for a chunk that will not come.
                    let results = panic::catch_unwind(AssertUnwindSafe(|| {
                        chunk
                            .into_par_iter()
                            .map(|input| (!stopped.load(Ordering::Relaxed)).then(|| work(input)))
                            .collect()
                    }));
                    // The writer may have stopped: the results are not
                    // wanted.
                    let _ = sender.send((index, results));
                });
            }
        });
        drop(sender);
        match writer.join() {
            Ok(result) => result,
            Err(panic) => panic::resume_unwind(panic),
        }
    })
}

/// A chunk's results (`None` for the inputs skipped once the writer had
/// stopped), or the panic of its work.
type ChunkResults<T> = Result<Vec<Option<T>>, Box<dyn Any + Send>>;

/// Sets its flag when dropped: when the writer ends, by returning, failing
/// or panicking.
struct SetOnDrop<'a>(&'a AtomicBool);

impl Drop for SetOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// The writer thread: the chunks' results in input order to the sink (a
/// chunk done early waits in a map), giving back a permit for each chunk
/// written, and flushing whenever it has caught up with the workers.
/// Returning drops `returned`, which stops the calling thread's loop.
/// A chunk whose work panicked panics the writer with the same payload
/// (which `run` passes on), when its turn comes.
fn write<T, S: Sink<T>>(
    receiver: mpsc::Receiver<(usize, ChunkResults<T>)>,
    returned: &mpsc::Receiver<()>,
    mut sink: S,
) -> Result<S, Failure> {
    let mut early: BTreeMap<usize, ChunkResults<T>> = BTreeMap::new();
    let mut next = 0;
    'chunks: loop {
        let (index, results) = match receiver.try_recv() {
            Ok(done) => done,
            Err(mpsc::TryRecvError::Empty) => {
                sink.idle()?;
                match receiver.recv() {
                    Ok(done) => done,
                    Err(mpsc::RecvError) => break 'chunks,
                }
            }
            Err(mpsc::TryRecvError::Disconnected) => break 'chunks,
        };
        early.insert(index, results);
        while let Some(results) = early.remove(&next) {
            next += 1;
            let results = results.unwrap_or_else(|panic| panic::resume_unwind(panic));
            for result in results.into_iter().flatten() {
                sink.item(result)?;
            }
            let _ = returned.try_recv();
            if sink.stopped() {
                break 'chunks;
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::RecvTimeoutError;
    use std::time::Duration;

    /// Collects what it is given, in order.
    struct Collect(Vec<usize>);

    impl Sink<usize> for Collect {
        fn item(&mut self, item: usize) -> Result<(), Failure> {
            self.0.push(item);
            Ok(())
        }

        fn idle(&mut self) -> Result<(), Failure> {
            Ok(())
        }
    }

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap_or_else(|err| panic!("a pool: {err}"))
    }

    /// The first input of the first chunk finishes only once an input of
    /// the third chunk has been worked on: the pool goes on past a chunk
    /// that waits for one slow input. (A pool that took a chunk at a time
    /// would wait here until the timeout, and the first result would be
    /// `usize::MAX`.) The results still come in input order.
    #[test]
    fn a_slow_input_does_not_hold_up_the_workers() {
        let (signal, wait) = mpsc::channel::<()>();
        let wait = Mutex::new(wait);
        let chunks = (0..5).map(|chunk| (chunk * 10..chunk * 10 + 10).collect::<Vec<usize>>());
        let work = |input: usize| match input {
            0 => {
                let wait = wait.lock().unwrap_or_else(PoisonError::into_inner);
                match wait.recv_timeout(Duration::from_secs(10)) {
                    Ok(()) => 0,
                    Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => usize::MAX,
                }
            }
            25 => {
                let _ = signal.send(());
                25
            }
            other => other,
        };
        let sink = run(&pool(2), chunks, work, Collect(Vec::new()))
            .unwrap_or_else(|Failure(message)| panic!("{message}"));
        assert_eq!(sink.0, (0..50).collect::<Vec<_>>());
    }

    /// A panic in the work of an input ends the run with that panic, even
    /// with more chunks than may be in flight (the writer would otherwise
    /// wait for the panicked chunk, and the calling thread for a permit).
    #[test]
    fn a_panic_in_the_work_is_passed_on() {
        let (done, outcome) = mpsc::channel();
        std::thread::spawn(move || {
            let chunks = (0..CHUNKS_IN_FLIGHT + 3).map(|chunk| vec![chunk]);
            let work = |input: usize| {
                if input == 1 {
                    panic!("the work of input 1");
                }
                input
            };
            let result = panic::catch_unwind(AssertUnwindSafe(|| {
                run(&pool(2), chunks, work, Collect(Vec::new()))
            }));
            let message = result
                .err()
                .and_then(|payload| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()));
            let _ = done.send(message);
        });
        let message = outcome
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("the run did not end within 60 s"));
        assert_eq!(message.as_deref(), Some("the work of input 1"));
    }

    /// Chunks start at one input a thread and double up to the chunk
    /// length, covering every input once, in order.
    #[test]
    fn chunks_grow_from_one_input_a_thread() {
        let args = BatchArgs {
            globs: Vec::new(),
            jobs: NonZeroUsize::new(2),
        };
        let inputs: Vec<usize> = (0..1000).collect();
        let small = |_: &usize| 1000;
        let lens: Vec<usize> = args.chunks(&inputs, small).map(|c| c.len()).collect();
        assert_eq!(
            lens,
            [2, 4, 8, 16, 32, 64, 128, 128, 128, 128, 128, 128, 106]
        );
        let all: Vec<usize> = args.chunks(&inputs, small).flatten().copied().collect();
        assert_eq!(all, inputs);
        assert_eq!(args.chunks(&inputs[..0], small).count(), 0);
    }

    /// A chunk ends with the input that brings it to the chunk's bytes,
    /// so that large inputs come a few at a time; an input larger than
    /// that is a chunk of its own.
    #[test]
    fn chunks_end_at_their_bytes() {
        let args = BatchArgs {
            globs: Vec::new(),
            jobs: NonZeroUsize::new(2),
        };
        let max = args.chunk_bytes();
        assert_eq!(max, CHUNK_BYTES_MIN);
        // Sizes in quarters of the chunk's bytes.
        let sizes = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 0, 0, 2, 2, 2];
        let lens: Vec<usize> = args
            .chunks(&sizes, |&quarters| quarters * max / 4)
            .map(|c| c.len())
            .collect();
        // 2 (the first chunk's length), 4 quarters, 4, 1 (9 quarters),
        // then 0 + 0 + 2 + 2, and the last.
        assert_eq!(lens, [2, 4, 4, 1, 4, 1]);
        let sixteen = BatchArgs {
            globs: Vec::new(),
            jobs: NonZeroUsize::new(16),
        };
        assert_eq!(sixteen.chunk_bytes(), 64 << 20);
    }

    /// At most [`CHUNKS_IN_FLIGHT`] chunks are handed to the pool before
    /// the first is written: the input after them is not taken while the
    /// first chunk waits.
    #[test]
    fn chunks_in_flight_are_bounded() {
        let taken = std::sync::atomic::AtomicUsize::new(0);
        let (release, wait) = mpsc::channel::<()>();
        let wait = Mutex::new(wait);
        let chunks = (0..CHUNKS_IN_FLIGHT + 3).map(|chunk| {
            taken.fetch_max(chunk + 1, std::sync::atomic::Ordering::SeqCst);
            vec![chunk]
        });
        let seen = Mutex::new(0);
        let work = |input: usize| {
            if input == 0 {
                // Let the calling thread run ahead as far as it may.
                let wait = wait.lock().unwrap_or_else(PoisonError::into_inner);
                let _ = wait.recv_timeout(Duration::from_millis(300));
                let mut seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
                *seen = taken.load(std::sync::atomic::Ordering::SeqCst);
            }
            input
        };
        let sink = run(&pool(2), chunks, work, Collect(Vec::new()))
            .unwrap_or_else(|Failure(message)| panic!("{message}"));
        drop(release);
        assert_eq!(sink.0, (0..CHUNKS_IN_FLIGHT + 3).collect::<Vec<_>>());
        let seen = *seen.lock().unwrap_or_else(PoisonError::into_inner);
        // The chunks in flight, and the one the calling thread holds while
        // it waits for a permit.
        assert!(seen <= CHUNKS_IN_FLIGHT + 1, "{seen} chunks taken");
    }
}
