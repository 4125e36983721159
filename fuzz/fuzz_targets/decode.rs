//! Any bytes as a text file and as a web page (see `scrutineer_fuzz::cases::decode_case`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| scrutineer_fuzz::cases::decode_case(data));
