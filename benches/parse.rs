//! Placeholder: the benchmarks are being written.
fn main() {}
