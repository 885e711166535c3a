//! Dossier QR payloads from anywhere (a camera, a URL): decoding never
//! panics; what decodes and re-encodes decodes back to the same record.
#![no_main]
use libfuzzer_sys::fuzz_target;
use motcua::dossier::{self, EncodeOptions, Error};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    match dossier::decode(s) {
        Ok(record) => {
            // Re-encoded under the base it came with, it reads back the same.
            let base = record.base.as_deref().unwrap_or(dossier::DEFAULT_BASE);
            let opts = EncodeOptions {
                base,
                ..EncodeOptions::default()
            };
            if let Ok(payload) = dossier::encode(&record, &opts) {
                let back = dossier::decode(&payload).expect("our own payload decodes");
                assert_eq!(
                    back.base.as_deref().map(|b| b.trim_end_matches(['?', '&'])),
                    Some(base.trim_end_matches(['?', '&']))
                );
                let mut want = record.clone();
                want.base = back.base.clone();
                assert_eq!(back, want, "decode → encode → decode changed the record");
            }
        }
        Err(e) => {
            assert!(Error::ALL_CODES.contains(&e.code()));
            assert!(!e.message().is_empty() && !e.message_vi().is_empty());
        }
    }
});
