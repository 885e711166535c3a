//! QR encoding of arbitrary text with arbitrary options: the smallest
//! version in range, at least the asked level, and an SVG of that size.
#![no_main]
use libfuzzer_sys::fuzz_target;
use motcua::qr::{self, Ecc, QrOptions, SvgOptions};

fuzz_target!(|input: (&str, u8, bool, u8, u8, u8)| {
    let (text, ecc, boost_ecc, min_version, max_version, quiet) = input;
    let ecc = [Ecc::Low, Ecc::Medium, Ecc::Quartile, Ecc::High][usize::from(ecc % 4)];
    let opts = QrOptions {
        ecc,
        boost_ecc,
        min_version: min_version % 42,
        max_version: max_version % 42,
    };
    match qr::encode(text, &opts) {
        Ok(code) => {
            let v = code.version();
            assert!(opts.min_version <= v && v <= opts.max_version);
            assert!(code.ecc() >= ecc);
            assert_eq!(code.size(), 17 + 4 * usize::from(v));
            assert_eq!(code.matrix().len(), code.size() * code.size());
            let svg = code.to_svg(&SvgOptions {
                quiet_zone: u32::from(quiet % 8),
                caption: Some(text),
                width: None,
            });
            let side = code.size() + 2 * usize::from(quiet % 8);
            assert!(svg.contains(&format!("viewBox=\"0 0 {side} ")));
        }
        Err(e) => assert!(qr::Error::ALL_CODES.contains(&e.code())),
    }
});
