//! Any bytes through the in-process PDF reader (see `scrutineer_fuzz::cases::pdf_case`).
//!
//! pdf-extract panics on many malformed files; the reader catches those per page by design, so
//! a caught panic inside a dependency is not a finding. A panic raised in Scrutineer's own code
//! is: the hook below aborts (a crash libFuzzer records) only for those.
#![no_main]

use std::sync::Once;

fn own_panics_abort() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let ours = info
                .location()
                .is_some_and(|l| l.file().contains("scrutineer-core") || l.file().contains("fuzz/src"));
            if ours {
                eprintln!("panic in Scrutineer's own code: {info}");
                std::process::abort();
            }
        }));
    });
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    own_panics_abort();
    scrutineer_fuzz::cases::pdf_case(data);
});
