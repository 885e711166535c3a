//! Error codes are unique across the whole project (#21): a code found in
//! a log, the CLI's JSON or a binding's exception means one thing.

use std::collections::BTreeMap;

use motcua::{cccd, dossier, image, print, qr, CLI_CODES, ERROR_CODES};

#[test]
fn every_code_is_unique_across_modules_and_the_cli() {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    let all = ERROR_CODES
        .iter()
        .flat_map(|(module, codes)| codes.iter().map(move |c| (*module, *c)))
        .chain(CLI_CODES.iter().map(|(c, ..)| ("cli", *c)));
    for (module, code) in all {
        if let Some(first) = seen.insert(code, module) {
            panic!("{code} is a code of both {first} and {module}");
        }
        assert!(
            !code.is_empty()
                && code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{code}"
        );
    }
    assert!(seen.len() > CLI_CODES.len() + 50, "the lists are filled in");
}

#[test]
fn every_c_number_is_unique_and_the_catalogues_list_every_code() {
    let values = [
        cccd::Error::C_VALUES,
        dossier::Error::C_VALUES,
        qr::Error::C_VALUES,
        print::Error::C_VALUES,
        image::Error::C_VALUES,
    ];
    let mut seen = BTreeMap::new();
    for (&(_, codes), values) in ERROR_CODES.iter().zip(values) {
        // ALL_CODES and C_VALUES come from the same catalogue rows.
        assert_eq!(codes, values.iter().map(|(c, _)| *c).collect::<Vec<_>>().as_slice());
        for &(code, c) in values {
            if let Some(first) = seen.insert(c, code) {
                panic!("C number {c} is both {first} and {code}");
            }
        }
    }
}

#[test]
fn every_code_has_messages_in_both_languages() {
    type Lookup = fn(&str) -> Option<(String, String)>;
    let lookups: [(&str, Lookup); 5] = [
        ("cccd", cccd::Error::code_message),
        ("dossier", dossier::Error::code_message),
        ("qr", qr::Error::code_message),
        ("print", print::Error::code_message),
        ("image", image::Error::code_message),
    ];
    for ((module, codes), (name, lookup)) in ERROR_CODES.iter().zip(lookups) {
        assert_eq!(*module, name);
        for code in *codes {
            let (en, vi) = lookup(code).unwrap_or_else(|| panic!("{module}: {code} has no message"));
            assert!(!en.is_empty() && !vi.is_empty() && en != vi, "{code}");
            // A module explains only its own codes.
            for (other, other_lookup) in lookups.iter().filter(|(m, _)| m != module) {
                assert!(other_lookup(code).is_none(), "{other} explains {module}'s {code}");
            }
        }
    }
    for (code, en, vi) in CLI_CODES {
        assert!(!en.is_empty() && !vi.is_empty() && en != vi, "{code}");
    }
}

#[test]
fn the_dossier_and_sheet_codes_say_which_limit() {
    // Before #21 a dossier payload over 4096 bytes was `too_long`, the code
    // (and message) of a CCCD payload over 2048.
    let long = "A".repeat(dossier::MAX_PAYLOAD_LEN + 1);
    let e = dossier::decode(&long).unwrap_err();
    assert_eq!(e.code(), "dossier_too_long");
    assert!(e.message().contains("4096") && e.message().contains("dossier"), "{e}");
    assert_eq!(cccd::Error::code_message("dossier_too_long"), None);
    assert_eq!(dossier::Error::code_message("too_long"), None);
}

/// `motcua::code_message` explains every code of every module and the
/// CLI's, with the module's own short messages, and nothing else.
#[test]
fn code_message_explains_every_code_once() {
    for (module, codes) in ERROR_CODES {
        for code in codes {
            let own = match module {
                "cccd" => cccd::Error::code_message(code),
                "dossier" => dossier::Error::code_message(code),
                "qr" => qr::Error::code_message(code),
                "print" => print::Error::code_message(code),
                _ => image::Error::code_message(code),
            };
            assert!(own.is_some(), "{module}: {code}");
            assert_eq!(motcua::code_message(code), own, "{code}");
        }
    }
    for (code, en, vi) in CLI_CODES {
        assert_eq!(motcua::code_message(code), Some((en.to_owned(), vi.to_owned())));
    }
    assert_eq!(motcua::code_message("no_such_code"), None);
    assert_eq!(motcua::code_message(""), None);
}
