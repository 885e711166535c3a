//! Strict CCCD parse: views lie inside the input; a parsed card writes back
//! exactly the input; errors have a known code and carry no personal data.
#![no_main]
use libfuzzer_sys::fuzz_target;
use motcua::cccd;
use motcua_fuzz::{as_of, check_cccd_error, inside};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    match cccd::parse_as_of(s, as_of()) {
        Ok(card) => {
            let mut views = vec![card.id().as_str(), card.name(), card.address()];
            views.extend(card.old_id().map(|c| c.as_str()));
            views.extend(card.extra().into_iter().flatten());
            for v in views {
                assert!(inside(v, s), "a view outside the input");
            }
            assert_eq!(card.to_payload(), s, "parse → write is not the identity");
            assert!(card.expiry_date().is_none_or(|e| e > card.issue_date()));
        }
        Err(e) => check_cccd_error(&e, s),
    }
});
