//! The standalone validators (form fields): accepted text is returned
//! unchanged, masks keep the length, errors have known codes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use motcua::{cccd, dossier};

fuzz_target!(|input: (&str, &str)| {
    let (a, b) = input;
    match cccd::validate_id(a) {
        Ok(id) => {
            assert_eq!(id.as_str(), a);
            assert_eq!(id.masked().to_string().len(), 12);
            assert!(id.province().is_some() || id.born_abroad());
        }
        Err(e) => assert!(cccd::Error::ALL_CODES.contains(&e.code())),
    }
    match cccd::validate_cmnd(a) {
        Ok(c) => assert!(c.as_str() == a && a.len() == 9),
        Err(e) => assert_eq!(e.code(), "old_id_invalid"),
    }
    let _ = cccd::link_cmnd(Some(a).filter(|s| !s.is_empty()), b);
    let dossier_ok = |r: Result<String, dossier::Error>| match r {
        Ok(s) => assert_eq!(s, a),
        Err(e) => assert!(dossier::Error::ALL_CODES.contains(&e.code())),
    };
    dossier_ok(dossier::validate_unit_code(a).map(|u| u.as_str().to_owned()));
    dossier_ok(dossier::validate_dossier_code(a).map(|c| c.as_str().to_owned()));
    dossier_ok(dossier::validate_procedure_code(a).map(|p| p.as_str().to_owned()));
    match dossier::validate_applicant(a) {
        Ok(app) => {
            assert_eq!(app.as_str(), a);
            assert_eq!(app.masked().as_str().len(), a.len());
        }
        Err(e) => assert!(dossier::Error::ALL_CODES.contains(&e.code())),
    }
});
