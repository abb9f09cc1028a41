//! Criterion benchmarks (issue 6): `outline::parse`, parse + JSON
//! serialization, and `outline::check::check`.
//!
//! Inputs:
//! - `seed`: `fixtures/ai-industry-upgrade.txt` (about 7.7 kB);
//! - `large`: about 5 MB, the seed and every fixture under
//!   `fixtures/layouts` and `fixtures/markers` (sorted by name), each
//!   followed by a blank line, concatenated and repeated. `scripts/bench.sh`
//!   builds its 50 MB input the same way.
//!
//! Run: `cargo bench --bench parse` (all), or e.g.
//! `cargo bench --bench parse -- parse/seed`. Throughput is in bytes of
//! input, so criterion prints MB/s (actually MiB/s).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode, Throughput,
};

const SEED: &str = include_str!("../fixtures/ai-industry-upgrade.txt");

/// Size the large input reaches at least.
const LARGE_BYTES: usize = 5 * 1024 * 1024;

/// The seed and the layout and marker fixtures, each followed by a blank
/// line: one "unit" that the large input repeats.
fn fixture_unit() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut unit = String::new();
    push_article(&mut unit, SEED);
    for dir in ["layouts", "markers"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|err| panic!("reading fixtures/{dir}: {err}"))
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file)
                .unwrap_or_else(|err| panic!("reading {}: {err}", file.display()));
            push_article(&mut unit, &text);
        }
    }
    unit
}

fn push_article(out: &mut String, text: &str) {
    out.push_str(text);
    if !text.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
}

fn large_input() -> String {
    let unit = fixture_unit();
    let mut large = String::with_capacity(LARGE_BYTES + unit.len());
    while large.len() < LARGE_BYTES {
        large.push_str(&unit);
    }
    large
}

/// The inputs every group runs on.
fn inputs() -> [(&'static str, String); 2] {
    [("seed", SEED.to_owned()), ("large", large_input())]
}

/// Per-input settings: the large input takes up to a second per iteration
/// while the parser is slow, so it gets the fewest samples criterion allows,
/// one iteration each.
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, name: &str, bytes: usize) {
    group.throughput(Throughput::Bytes(bytes as u64));
    if name == "large" {
        group.sample_size(10).sampling_mode(SamplingMode::Flat);
    } else {
        group.sample_size(15).sampling_mode(SamplingMode::Auto);
    }
}

fn bench_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for (name, text) in inputs() {
        configure(&mut group, name, text.len());
        group.bench_function(name, |b| b.iter(|| outline::parse(black_box(&text))));
    }
    group.finish();
}

fn bench_parse_json(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_json");
    for (name, text) in inputs() {
        configure(&mut group, name, text.len());
        group.bench_function(name, |b| {
            b.iter(|| {
                let document = outline::parse(black_box(&text));
                serde_json::to_vec(&document).expect("a document serializes")
            })
        });
    }
    group.finish();
}

fn bench_check(c: &mut Criterion) {
    let config = outline::check::Config::default();
    let document = outline::parse(SEED);
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Bytes(SEED.len() as u64));
    group.bench_function("seed", |b| {
        b.iter(|| outline::check::check(black_box(&document), black_box(SEED), &config))
    });
    group.finish();
}

/// Modest settings: the machine has two cores and the large input takes
/// tens of milliseconds per iteration.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(15)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_parse, bench_parse_json, bench_check
}
criterion_main!(benches);
