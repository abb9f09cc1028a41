//! The quadratic-time detector (after comrak's `quadratic` target): a short
//! unit from the fuzzer's input is repeated n and 2n times (the 2n input
//! about 128 KB); decode + parse + check of each is timed (best of 3). When
//! doubling the input more than triples the time and the larger run takes
//! over 50 ms, the measurement is repeated (best of 5) and, if it still
//! holds, the target panics: libFuzzer saves the unit as a crash artifact.
//! A run takes a second or more on a busy machine: scripts/fuzz.sh gives
//! this target a longer -timeout and -report_slow_units than the others.
//!
//! Shapes: the unit alone repeated (`unit × n`), and a sandwich
//! (`prefix × n + middle + suffix × n`) for nesting such as brackets.
//!
//! With `OUTLINE_FUZZ_DUMP=FILE` in the environment, the 2n input is
//! written to FILE.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use std::time::{Duration, Instant};

/// Size of the larger (2n) input, in bytes, roughly.
const TARGET_BYTES: usize = 128 * 1024;
/// Time ratio t(2n)/t(n) above which growth counts as superlinear.
const MAX_RATIO: f64 = 3.0;
/// Below this, t(2n) is noise.
const MIN_SLOW: Duration = Duration::from_millis(50);

#[derive(Arbitrary, Debug)]
enum Shape {
    /// `unit × n`
    Repeat(Vec<u8>),
    /// `prefix × n + middle + suffix × n`
    Sandwich {
        prefix: Vec<u8>,
        middle: Vec<u8>,
        suffix: Vec<u8>,
    },
}

impl Shape {
    /// Bytes added per repetition; `None` when the shape is not worth a run.
    fn step(&self) -> Option<usize> {
        let (step, total) = match self {
            Shape::Repeat(unit) => (unit.len(), unit.len()),
            Shape::Sandwich {
                prefix,
                middle,
                suffix,
            } => (
                prefix.len() + suffix.len(),
                prefix.len() + middle.len() + suffix.len(),
            ),
        };
        (step > 0 && total <= 64).then_some(step)
    }

    /// The shape with its parts as (lossy) strings, for messages.
    fn describe(&self) -> String {
        let s = |bytes: &[u8]| format!("{:?}", String::from_utf8_lossy(bytes));
        match self {
            Shape::Repeat(unit) => format!("Repeat {{ unit: {} }}", s(unit)),
            Shape::Sandwich {
                prefix,
                middle,
                suffix,
            } => format!(
                "Sandwich {{ prefix: {}, middle: {}, suffix: {} }}",
                s(prefix),
                s(middle),
                s(suffix)
            ),
        }
    }

    fn render(&self, n: usize) -> Vec<u8> {
        match self {
            Shape::Repeat(unit) => unit.repeat(n),
            Shape::Sandwich {
                prefix,
                middle,
                suffix,
            } => {
                let mut out = prefix.repeat(n);
                out.extend_from_slice(middle);
                out.extend(suffix.repeat(n));
                out
            }
        }
    }
}

/// One run of decode + parse + check.
fn run(input: &[u8]) -> Duration {
    let start = Instant::now();
    std::hint::black_box(outline_fuzz::parse_and_check(std::hint::black_box(input)));
    start.elapsed()
}

/// Best of `tries` runs.
fn best_of(input: &[u8], tries: usize) -> Duration {
    (0..tries).map(|_| run(input)).min().unwrap_or_default()
}

/// Whether these timings of the n and 2n inputs count as superlinear.
fn superlinear(t1: Duration, t2: Duration) -> bool {
    t2 > MIN_SLOW && t2.as_secs_f64() > MAX_RATIO * t1.as_secs_f64()
}

fuzz_target!(|shape: Shape| {
    let Some(step) = shape.step() else {
        return;
    };
    let n = TARGET_BYTES.div_ceil(2 * step);
    let small = shape.render(n);
    let large = shape.render(2 * n);
    if let Some(path) = std::env::var_os("OUTLINE_FUZZ_DUMP") {
        std::fs::write(path, &large).expect("write OUTLINE_FUZZ_DUMP");
    }
    // Best of 3 for n; for 2n, stop at the first run that is fast enough:
    // the best of 3 could only be faster. Most inputs cost 3 + 1 runs.
    let t1 = best_of(&small, 3);
    let mut t2 = Duration::MAX;
    for _ in 0..3 {
        t2 = t2.min(run(&large));
        if !superlinear(t1, t2) {
            return;
        }
    }
    // Confirm with the best of 5 each, the runs alternating so that load
    // that comes and goes on a busy machine falls on both sizes alike (one
    // false alarm, fixtures/regression/0001_guess_sample_under_load.txt,
    // came from best-of-5 runs taken one size after the other).
    let (mut t1, mut t2) = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        t1 = t1.min(run(&small));
        t2 = t2.min(run(&large));
    }
    let ratio = t2.as_secs_f64() / t1.as_secs_f64().max(1e-9);
    if superlinear(t1, t2) {
        panic!(
            "superlinear time: {} bytes took {t1:?}, {} bytes took {t2:?} (ratio {ratio:.2}); \
             shape {}; n = {n}",
            small.len(),
            large.len(),
            shape.describe(),
        );
    }
});
