//! Any text through extraction (see `scrutineer_fuzz::cases::extract_case`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| scrutineer_fuzz::cases::extract_case(data));
