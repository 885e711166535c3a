//! Dossier QR payloads from anywhere (a camera, a URL): decoding never
//! panics; what decodes and re-encodes decodes back to the same record.
#![no_main]
use libfuzzer_sys::fuzz_target;
use motcua::dossier::{self, EncodeOptions, Error};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    match dossier::decode(s) {
        Ok(record) => {
            if let Ok(payload) = dossier::encode(&record, &EncodeOptions::default()) {
                let back = dossier::decode(&payload).expect("our own payload decodes");
                assert_eq!(back, record, "decode → encode → decode changed the record");
            }
        }
        Err(e) => {
            assert!(Error::ALL_CODES.contains(&e.code()));
            assert!(!e.message().is_empty() && !e.message_vi().is_empty());
        }
    }
});
