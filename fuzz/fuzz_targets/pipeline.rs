//! Arbitrary bytes through read (as JSON lines and as a text document), every stage, the
//! output rows and the explanations; the check is fuzz/check.rs, shared with the stable
//! driver (tests/fuzz_stable.rs).
#![no_main]

#[path = "../check.rs"]
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    check::check(data);
});
