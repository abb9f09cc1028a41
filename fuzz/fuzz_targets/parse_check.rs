//! Arbitrary bytes → decode (auto) → parse → check → JSON, then the
//! contract's invariants on the outline and the diagnostics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    outline_fuzz::pipeline(data);
});
