//! Whole event files through the streaming readers (GDELT, ICEWS) and the fast aggregation path:
//! rows in = rows accepted + rows rejected, never a panic. The first byte picks the reader.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("entente-fuzz-events-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    match which % 3 {
        0 => {
            let path = dir.join("f.export.CSV");
            if std::fs::write(&path, body).is_ok() {
                let mut into = entente_events::Loaded::default();
                if entente_events::gdelt::read(&path, &mut into).is_ok() {
                    assert_eq!(into.read, into.rows.len() as u64 + into.rejects.len() as u64);
                }
            }
        }
        1 => {
            let path = dir.join("f.tab");
            if std::fs::write(&path, body).is_ok() {
                let mut into = entente_events::Loaded::default();
                let countries = entente_events::icews::Countries::new([]);
                let mut unmapped = entente_events::icews::Unmapped::default();
                if entente_events::icews::read(&path, &countries, &mut into, &mut unmapped).is_ok() {
                    assert_eq!(into.read, into.rows.len() as u64 + into.rejects.len() as u64);
                }
            }
        }
        _ => {
            let agg = entente_events::fast::aggregate_stream(
                body,
                entente_events::aggregate::Period::Month,
                64,
                2,
                &|_| {},
            )
            .unwrap();
            let grouped: u64 = agg.groups.values().map(|g| g.events).sum();
            assert_eq!(agg.rows, grouped + agg.without_dyad + agg.rejected);
        }
    }
});
