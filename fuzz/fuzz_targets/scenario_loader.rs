//! The scenario loader on arbitrary bytes: diagnostics, never a panic, whatever the file holds.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = entente_scenario::ScenarioFile {
        path: "fuzz.toml".into(),
        text: String::from_utf8_lossy(data).into_owned(),
    };
    let loaded = entente_scenario::load_files(&[file]);
    // Every diagnostic is printable at its place.
    for d in &loaded.diagnostics {
        let _ = d.to_string();
    }
});
