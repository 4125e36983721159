//! The fuzz targets' bodies, shared with the normal test run.
//!
//! Each function is one fuzz case: it feeds bytes to the real code and checks what must hold
//! for any input. The `fuzz_targets/` binaries call them under libFuzzer; the core's
//! integration tests include this file (`tests/it/fuzz_corpus.rs`) and replay the committed
//! corpora through the same functions, so a crash the fuzzer found stays fixed without a
//! fuzzer in sight.

pub mod cases;
