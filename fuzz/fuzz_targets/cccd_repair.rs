//! The scanner path on arbitrary bytes: the repaired text is a fixed point
//! (repairing it again changes nothing), the strict parser agrees with the
//! scanner path on it, and errors carry no personal data.
#![no_main]
use libfuzzer_sys::fuzz_target;
use motcua::cccd;
use motcua_fuzz::{as_of, check_cccd_error};

fuzz_target!(|data: &[u8]| {
    match cccd::repair_bytes(data) {
        Ok(repaired) => {
            let text = repaired.text();
            let again = cccd::repair(text).expect("repaired text repairs again");
            assert_eq!(again.text(), text, "repair is not idempotent");
            assert!(again.repairs().is_empty(), "repaired text still needs repairs");
            let scanned = repaired.parse_as_of(as_of()).map(|c| c.to_payload());
            let strict = cccd::parse_as_of(text, as_of()).map(|c| c.to_payload());
            assert_eq!(scanned, strict, "scanner path and strict parser disagree");
        }
        Err(e) => check_cccd_error(&e, &String::from_utf8_lossy(data)),
    }
});
