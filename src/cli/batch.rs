//! Running a command over many inputs on all cores, with the output in
//! input order.
//!
//! [`run`] has `--jobs` workers, one loop each on the rayon pool, and a
//! writer on the calling thread:
//!
//! 1. a worker takes the next input (in input order, one at a time), does
//!    its work (read, parse, serialize, and for `--out-dir` write) and
//!    leaves the result in the run's slots, under the input's number;
//! 2. the writer takes the results from the slots in input order, as far
//!    as they are done, and hands them to a [`Sink`] (standard output,
//!    the findings' formats, the failure count).
//!
//! Nothing is measured before the work: a run never looks at a file before
//! a worker reads it (a `stat` of every file on the calling thread cost
//! the small-file directory of the bench a tenth of its two-worker
//! throughput, and more than that of the gain over one worker). Memory is
//! bounded instead by what waits to be written: a worker takes no new
//! input while [`Window::items`] inputs or more are taken and not yet
//! written, or the results done and not yet written hold
//! [`Window::bytes`] or more; so at most that, and one result a worker
//! beyond it. Results the writer has taken and is giving to the sink
//! count as not yet written until it has. Inputs are taken in order and the input the
//! writer waits for is always being worked on, so a full window always
//! empties: a large input holds up the writing of what comes after it,
//! and the workers only once the window is full.
//!
//! The writer is woken when the input it waits for is done, and while
//! results keep coming it looks every [`TICK`] instead: one wake-up a
//! result would cost small files more than their work. When it has caught
//! up and nothing came for a tick, it flushes the sink ([`Sink::idle`]),
//! so that a reader downstream sees every result finished so far.
//!
//! When the writer stops (standard output closed, a write failed), the
//! inputs not yet taken are passed over. A panic in the work of an input
//! ends the run with that panic, when the writer reaches it, as a panic
//! anywhere else would.

use super::io::report;
use super::Failure;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::any::Any;
use std::collections::VecDeque;
use std::io::IsTerminal;
use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::Duration;

/// The most worker threads a run starts: the work gains nothing beyond a
/// few per core, while starting ten thousand took 39 s, and a hundred
/// thousand 295 s and 820 MB before a worker thread failed.
pub(crate) const JOBS_MAX: usize = 256;

/// How often the writer looks for results while they keep coming.
pub(crate) const TICK: Duration = Duration::from_millis(2);

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

    /// What a run may hold unwritten: 256 results a thread (at least
    /// 256, at most 16,384), and 16 MiB of them a thread (at least
    /// 32 MiB). Results are large: an outline's JSON is three to four
    /// times its input, and `check` keeps each file's text for its
    /// snippets. The items bound the results that weigh little (files
    /// written under `--out-dir`), and how far the workers may run ahead
    /// of one large input.
    pub(crate) fn window(&self) -> Window {
        let jobs = self.jobs();
        Window {
            items: jobs.saturating_mul(256).clamp(256, 16_384),
            bytes: u64::try_from(jobs)
                .unwrap_or(u64::MAX)
                .saturating_mul(16 << 20)
                .max(32 << 20),
        }
    }
}

/// What a run may hold taken and not yet written ([`run`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Window {
    /// How many inputs, in work or done.
    pub items: usize,
    /// How many bytes of results done, as the run's `weight` tells them.
    pub bytes: u64,
}

/// Where the results of [`run`] go, one at a time, in input order. It runs
/// on the writer's thread.
pub(crate) trait Sink<T> {
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

/// A result done, or the panic of its work, with its weight.
type Done<T> = (Result<T, Box<dyn Any + Send>>, u64);

/// What the workers and the writer share, under one lock.
struct State<T> {
    /// The results from input `written` on, in input order: `None` until
    /// done.
    slots: VecDeque<Option<Done<T>>>,
    /// How many results the writer has taken from `slots`.
    written: usize,
    /// How many of those the writer holds and has not yet given to the
    /// sink: they still count in the window, as does their weight in
    /// `held`.
    in_hand: usize,
    /// How many inputs the workers have taken.
    taken: usize,
    /// The weight of the results in `slots` and in the writer's hands.
    held: u64,
    /// How many workers have not ended.
    workers: usize,
    /// How many workers wait for room in the window.
    waiting: usize,
    /// Whether the writer waits until the result it needs comes (it then
    /// has to be woken); otherwise it looks every [`TICK`].
    writer_asleep: bool,
    /// Set when the writer has ended: no more inputs are taken.
    stopped: bool,
}

/// The state, its two wake-ups and the inputs.
struct Shared<T, It> {
    state: Mutex<State<T>>,
    /// Signalled when room comes in the window, or the run stops.
    room: Condvar,
    /// Signalled when the result the writer needs is done, or the last
    /// worker has ended.
    ready: Condvar,
    /// The inputs not yet taken. A worker may wait here for a slow
    /// producer, so this is not under the state's lock.
    inputs: Mutex<It>,
    window: Window,
}

/// A lock, even when a thread panicked while holding it: what it guards
/// stays consistent between statements.
fn lock<S>(mutex: &Mutex<S>) -> MutexGuard<'_, S> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Do `work` on every input of `inputs` on `pool`, and give the results
/// to `sink` in input order; `weight` tells the bytes a result holds, for
/// the window. Returns the sink, for its totals, or the first failure of
/// the sink (which stops the run).
pub(crate) fn run<I, T, S>(
    pool: &rayon::ThreadPool,
    inputs: impl Iterator<Item = I> + Send,
    window: Window,
    work: impl Fn(I) -> T + Sync,
    weight: impl Fn(&T) -> u64 + Sync,
    sink: S,
) -> Result<S, Failure>
where
    T: Send,
    S: Sink<T>,
{
    let workers = pool.current_num_threads().max(1);
    let shared = Shared {
        state: Mutex::new(State {
            slots: VecDeque::new(),
            written: 0,
            in_hand: 0,
            taken: 0,
            held: 0,
            workers,
            waiting: 0,
            writer_asleep: false,
            stopped: false,
        }),
        room: Condvar::new(),
        ready: Condvar::new(),
        // Fused: every worker asks once more after the end.
        inputs: Mutex::new(inputs.fuse()),
        window,
    };
    let shared = &shared;
    let (work, weight) = (&work, &weight);
    pool.in_place_scope(|scope| {
        for _ in 0..workers {
            scope.spawn(move |_| {
                let _end = WorkerEnd(shared);
                work_on(shared, work, weight);
            });
        }
        let _stop = StopOnDrop(shared);
        write(shared, sink)
    })
}

/// A worker: inputs in order, while there is room and the run goes on.
fn work_on<I, T, It: Iterator<Item = I>>(
    shared: &Shared<T, It>,
    work: impl Fn(I) -> T,
    weight: impl Fn(&T) -> u64,
) {
    loop {
        {
            let mut state = lock(&shared.state);
            while !state.stopped && !state.has_room(shared.window) {
                // The writer may be between two looks: what is done can
                // be written now.
                shared.ready.notify_one();
                state.waiting += 1;
                state = shared
                    .room
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
                state.waiting -= 1;
            }
            if state.stopped {
                return;
            }
        }
        let (number, input) = {
            let mut inputs = lock(&shared.inputs);
            let Some(input) = inputs.next() else {
                return;
            };
            let mut state = lock(&shared.state);
            let number = state.taken;
            state.taken += 1;
            (number, input)
        };
        let result = panic::catch_unwind(AssertUnwindSafe(|| work(input)));
        let weight = result.as_ref().map_or(0, &weight);
        let mut state = lock(&shared.state);
        // Not yet written (the writer takes only results done), so at or
        // after `written`.
        let slot = number.saturating_sub(state.written);
        if state.slots.len() <= slot {
            state.slots.resize_with(slot + 1, || None);
        }
        if let Some(place) = state.slots.get_mut(slot) {
            *place = Some((result, weight));
        }
        state.held = state.held.saturating_add(weight);
        if slot == 0 && state.writer_asleep {
            state.writer_asleep = false;
            shared.ready.notify_one();
        }
    }
}

impl<T> State<T> {
    /// Whether a worker may take another input.
    fn has_room(&self, window: Window) -> bool {
        self.taken - self.written + self.in_hand < window.items && self.held < window.bytes
    }

    /// The results done from `written` on, in order, into `out`; they
    /// stay in the window until [`Self::release`].
    fn take_done(&mut self, out: &mut Vec<Done<T>>) {
        while let Some(Some(_)) = self.slots.front() {
            if let Some(Some(done)) = self.slots.pop_front() {
                self.written += 1;
                self.in_hand += 1;
                out.push(done);
            }
        }
    }

    /// The results the writer held, of `weight` bytes, were given to the
    /// sink: room in the window. Whether workers wait for it.
    fn release(&mut self, weight: u64) -> bool {
        let released = self.in_hand > 0;
        self.in_hand = 0;
        self.held = self.held.saturating_sub(weight);
        released && self.waiting > 0
    }
}

/// The writer: results to the sink in input order, until every worker has
/// ended and every result is written, or the sink stops or fails.
fn write<T, It, S: Sink<T>>(shared: &Shared<T, It>, mut sink: S) -> Result<S, Failure> {
    let mut done = Vec::new();
    // Whether results came since the sink was last flushed.
    let mut busy = false;
    // The weight of the results last given to the sink, not yet released.
    let mut written = 0;
    loop {
        {
            let mut state = lock(&shared.state);
            if state.release(written) {
                shared.room.notify_all();
            }
            written = 0;
            loop {
                state.take_done(&mut done);
                if !done.is_empty() {
                    break;
                }
                if state.workers == 0 {
                    drop(state);
                    sink.idle()?;
                    return Ok(sink);
                }
                if busy {
                    let (next, timeout) = shared
                        .ready
                        .wait_timeout(state, TICK)
                        .unwrap_or_else(PoisonError::into_inner);
                    state = next;
                    if timeout.timed_out() && !matches!(state.slots.front(), Some(Some(_))) {
                        // Caught up, and nothing came for a tick.
                        break;
                    }
                } else {
                    state.writer_asleep = true;
                    state = shared
                        .ready
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                    state.writer_asleep = false;
                }
            }
        }
        if done.is_empty() {
            busy = false;
            sink.idle()?;
            continue;
        }
        busy = true;
        for (result, weight) in done.drain(..) {
            written = weight.saturating_add(written);
            match result {
                Ok(item) => sink.item(item)?,
                Err(panic) => panic::resume_unwind(panic),
            }
            if sink.stopped() {
                sink.idle()?;
                return Ok(sink);
            }
        }
    }
}

/// Counts a worker out when dropped, even when it panicked: the writer
/// ends once no worker is left.
struct WorkerEnd<'a, T, It>(&'a Shared<T, It>);

impl<T, It> Drop for WorkerEnd<'_, T, It> {
    fn drop(&mut self) {
        let mut state = lock(&self.0.state);
        state.workers -= 1;
        if state.workers == 0 {
            self.0.ready.notify_one();
        }
    }
}

/// Stops the run when dropped: when the writer ends, by returning, failing
/// or panicking, the workers take no more inputs.
struct StopOnDrop<'a, T, It>(&'a Shared<T, It>);

impl<T, It> Drop for StopOnDrop<'_, T, It> {
    fn drop(&mut self) {
        let mut state = lock(&self.0.state);
        state.stopped = true;
        self.0.room.notify_all();
    }
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
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc;

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

    /// A window wide enough not to matter.
    const WIDE: Window = Window {
        items: 1000,
        bytes: u64::MAX,
    };

    /// `f` on a thread of its own, which must end within 60 s: a run that
    /// hangs fails the test instead of holding it up.
    fn within_a_minute<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
        let (done, outcome) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = done.send(panic::catch_unwind(AssertUnwindSafe(f)));
        });
        match outcome.recv_timeout(Duration::from_secs(60)) {
            Ok(Ok(result)) => result,
            Ok(Err(panic)) => panic::resume_unwind(panic),
            Err(_) => panic!("the run did not end within 60 s"),
        }
    }

    /// Inputs that take different times come out in input order, with one
    /// worker or several.
    #[test]
    fn results_come_in_input_order() {
        for threads in [1, 2, 4] {
            let work = |input: usize| {
                // Some inputs take longer than others, so that the workers
                // finish out of order.
                if input % 7 == 3 {
                    thread::sleep(Duration::from_micros(200));
                }
                input
            };
            let sink = run(
                &pool(threads),
                0..2000,
                WIDE,
                work,
                |_| 1,
                Collect(Vec::new()),
            )
            .unwrap_or_else(|Failure(message)| panic!("{message}"));
            assert_eq!(sink.0, (0..2000).collect::<Vec<_>>(), "{threads} threads");
        }
    }

    /// Input 0 finishes only once input 25 has been worked on: the workers
    /// go on past an input that takes long. (A run that waited for it
    /// would wait here until the timeout, and the first result would be
    /// `usize::MAX`.) The results still come in input order.
    #[test]
    fn a_slow_input_does_not_hold_up_the_workers() {
        let (signal, wait) = mpsc::channel::<()>();
        let wait = Mutex::new(wait);
        let signal = Mutex::new(signal);
        let work = |input: usize| match input {
            0 => match lock(&wait).recv_timeout(Duration::from_secs(10)) {
                Ok(()) => 0,
                Err(_) => usize::MAX,
            },
            25 => {
                let _ = lock(&signal).send(());
                25
            }
            other => other,
        };
        let sink = run(&pool(2), 0..50, WIDE, work, |_| 1, Collect(Vec::new()))
            .unwrap_or_else(|Failure(message)| panic!("{message}"));
        assert_eq!(sink.0, (0..50).collect::<Vec<_>>());
    }

    /// While input 0 is worked on, the other worker takes inputs until the
    /// window is full: `items` results waiting, or `bytes` of them.
    /// `taken` is the most inputs taken while input 0 was in its work.
    fn taken_ahead_of_a_slow_input(window: Window, weight: u64) -> usize {
        let taken = AtomicUsize::new(0);
        let seen = AtomicUsize::new(0);
        let inputs = (0..10_000).inspect(|&input| {
            taken.fetch_max(input + 1, Ordering::SeqCst);
        });
        let work = |input: usize| {
            if input == 0 {
                // Let the other worker run ahead as far as it may.
                thread::sleep(Duration::from_millis(300));
                seen.store(taken.load(Ordering::SeqCst), Ordering::SeqCst);
            }
            input
        };
        let sink = run(
            &pool(2),
            inputs,
            window,
            work,
            |_| weight,
            Collect(Vec::new()),
        )
        .unwrap_or_else(|Failure(message)| panic!("{message}"));
        assert_eq!(sink.0, (0..10_000).collect::<Vec<_>>());
        seen.load(Ordering::SeqCst)
    }

    /// Input 0, then the window's 40 results (the last of them taken while
    /// 39 waited), and not one more.
    #[test]
    fn the_window_bounds_the_results_waiting() {
        let window = Window {
            items: 40,
            bytes: u64::MAX,
        };
        assert_eq!(taken_ahead_of_a_slow_input(window, 1), 40);
    }

    /// With results of 100 bytes and a window of 1,000, ten wait (the
    /// tenth taken while nine held 900), besides input 0.
    #[test]
    fn the_window_bounds_the_bytes_waiting() {
        let window = Window {
            items: 1000,
            bytes: 1000,
        };
        assert_eq!(taken_ahead_of_a_slow_input(window, 100), 11);
    }

    /// Counts its items, and waits a while at the first.
    struct SlowAtFirst<'a> {
        items: Vec<usize>,
        taken: &'a AtomicUsize,
        seen: usize,
    }

    impl Sink<usize> for SlowAtFirst<'_> {
        fn item(&mut self, item: usize) -> Result<(), Failure> {
            if self.items.is_empty() {
                // Let the workers run ahead as far as they may.
                thread::sleep(Duration::from_millis(300));
                self.seen = self.taken.load(Ordering::SeqCst);
            }
            self.items.push(item);
            Ok(())
        }

        fn idle(&mut self) -> Result<(), Failure> {
            Ok(())
        }
    }

    /// Results the writer has taken stay in the window until the sink has
    /// them: input 0 is slow, the other worker fills the window of 10
    /// meanwhile, the writer takes the ten together and is slow to write
    /// the first; no input is taken until it has (with the window freed
    /// when the writer took the results, 20 were).
    #[test]
    fn results_being_written_count_in_the_window() {
        let taken = AtomicUsize::new(0);
        let inputs = (0..1000).inspect(|&input| {
            taken.fetch_max(input + 1, Ordering::SeqCst);
        });
        let work = |input: usize| {
            if input == 0 {
                thread::sleep(Duration::from_millis(300));
            }
            input
        };
        let window = Window {
            items: 10,
            bytes: u64::MAX,
        };
        let sink = SlowAtFirst {
            items: Vec::new(),
            taken: &taken,
            seen: 0,
        };
        let sink = run(&pool(2), inputs, window, work, |_| 1, sink)
            .unwrap_or_else(|Failure(message)| panic!("{message}"));
        assert_eq!(sink.items, (0..1000).collect::<Vec<_>>());
        // 10 when the workers filled the window in time (they have 600 ms).
        assert!(sink.seen <= 10, "{} inputs taken", sink.seen);
    }

    /// A panic in the work of an input ends the run with that panic, even
    /// with more inputs than the window holds.
    #[test]
    fn a_panic_in_the_work_is_passed_on() {
        let message = within_a_minute(|| {
            let work = |input: usize| {
                if input == 1 {
                    panic!("the work of input 1");
                }
                input
            };
            let window = Window {
                items: 4,
                bytes: u64::MAX,
            };
            let result = panic::catch_unwind(AssertUnwindSafe(|| {
                run(&pool(2), 0..100, window, work, |_| 1, Collect(Vec::new()))
            }));
            result
                .err()
                .and_then(|payload| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        });
        assert_eq!(message.as_deref(), Some("the work of input 1"));
    }

    /// Stops after its fifth item, or fails there.
    struct StopAtFive {
        items: usize,
        fail: bool,
    }

    impl Sink<usize> for StopAtFive {
        fn item(&mut self, _: usize) -> Result<(), Failure> {
            self.items += 1;
            if self.fail && self.items == 5 {
                return Err(Failure("standard output broke".to_owned()));
            }
            Ok(())
        }

        fn idle(&mut self) -> Result<(), Failure> {
            Ok(())
        }

        fn stopped(&self) -> bool {
            self.items >= 5
        }
    }

    /// When the sink stops, the run ends without taking the inputs left
    /// (at most a window and a worker's more); a failure of the sink is
    /// the run's.
    #[test]
    fn a_sink_that_stops_ends_the_run() {
        let (items, taken, failure) = within_a_minute(|| {
            let taken = AtomicUsize::new(0);
            let inputs = (0..1_000_000).inspect(|_| {
                taken.fetch_add(1, Ordering::SeqCst);
            });
            let window = Window {
                items: 100,
                bytes: u64::MAX,
            };
            let sink = StopAtFive {
                items: 0,
                fail: false,
            };
            let items = run(&pool(2), inputs, window, |input| input, |_| 1, sink)
                .map(|sink| sink.items)
                .unwrap_or(0);
            let failing = StopAtFive {
                items: 0,
                fail: true,
            };
            let failure = run(&pool(2), 0..1000, window, |input| input, |_| 1, failing)
                .err()
                .map(|Failure(message)| message);
            (items, taken.load(Ordering::SeqCst), failure)
        });
        assert_eq!(items, 5);
        assert!(taken <= 5 + 100 + 2, "{taken} inputs taken");
        assert_eq!(failure.as_deref(), Some("standard output broke"));
    }

    /// Signals each time it is flushed.
    struct FlushSignal {
        items: Vec<usize>,
        flushed: mpsc::Sender<usize>,
    }

    impl Sink<usize> for FlushSignal {
        fn item(&mut self, item: usize) -> Result<(), Failure> {
            self.items.push(item);
            Ok(())
        }

        fn idle(&mut self) -> Result<(), Failure> {
            let _ = self.flushed.send(self.items.len());
            Ok(())
        }
    }

    /// The sink is flushed once the writer has caught up, while a later
    /// input is still worked on: input 1 waits until the sink has been
    /// flushed with input 0 written (a writer that flushed only at the
    /// end would leave it waiting until the timeout, and its result would
    /// be `usize::MAX`).
    #[test]
    fn the_sink_is_flushed_while_later_inputs_are_worked_on() {
        let (flushed, flushes) = mpsc::channel();
        let flushes = Mutex::new(flushes);
        let work = |input: usize| {
            if input == 1 {
                let flushes = lock(&flushes);
                loop {
                    match flushes.recv_timeout(Duration::from_secs(10)) {
                        Ok(written) if written >= 1 => return 1,
                        Ok(_) => {}
                        Err(_) => return usize::MAX,
                    }
                }
            }
            input
        };
        let sink = FlushSignal {
            items: Vec::new(),
            flushed,
        };
        let sink = run(&pool(1), 0..3, WIDE, work, |_| 1, sink)
            .unwrap_or_else(|Failure(message)| panic!("{message}"));
        assert_eq!(sink.items, [0, 1, 2]);
    }

    /// The window grows with the threads, within its bounds.
    #[test]
    fn the_window_grows_with_the_jobs() {
        let window = |jobs| {
            BatchArgs {
                globs: Vec::new(),
                jobs: NonZeroUsize::new(jobs),
            }
            .window()
        };
        assert_eq!(
            window(1),
            Window {
                items: 256,
                bytes: 32 << 20
            }
        );
        assert_eq!(
            window(16),
            Window {
                items: 4096,
                bytes: 256 << 20
            }
        );
        assert_eq!(window(256).items, 16_384);
    }
}
