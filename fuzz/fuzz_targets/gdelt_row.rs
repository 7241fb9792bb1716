//! One GDELT row: parsed or rejected with a reason, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = entente_events::gdelt::parse(data);
});
