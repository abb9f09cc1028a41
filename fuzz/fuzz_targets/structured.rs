//! Structured articles (markers, separators, indents, wraps, false friends,
//! line endings; see src/article.rs) → the same pipeline and invariants as
//! `parse_check`.
//!
//! With `OUTLINE_FUZZ_DUMP=FILE` in the environment, the rendered article
//! is written to FILE before it is parsed: run the target on a crash
//! artifact that way to get the text of a failing case.
#![no_main]

use libfuzzer_sys::fuzz_target;
use outline_fuzz::article::Article;

fuzz_target!(|article: Article| {
    let text = article.render();
    if let Some(path) = std::env::var_os("OUTLINE_FUZZ_DUMP") {
        std::fs::write(path, &text).expect("write OUTLINE_FUZZ_DUMP");
    }
    outline_fuzz::pipeline(text.as_bytes());
});
