//! Property tests for the dossier codec and QR rendering: generated valid
//! records of every paper kind round-trip; no input makes anything panic.

use chrono::{NaiveDate, NaiveTime, TimeZone};
use motcua::dossier::{
    self, decode, encode, validate_applicant, validate_dossier_code, validate_procedure_code, validate_unit_code,
    Appointment, EncodeOptions, Paper, Privacy, Record, Validity, VIETNAM,
};
use motcua::qr::{self, QrOptions};
use proptest::prelude::*;
use proptest::string::string_regex;

fn re(r: &str) -> impl Strategy<Value = String> {
    string_regex(r).unwrap()
}

fn unit_code() -> impl Strategy<Value = String> {
    prop_oneof![
        re("[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[GHK][0-9]{2}"),
        re("[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}"),
        re("[A-Z][0-9]{2}(\\.[0-9]{1,3}){0,3}"),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2100, 1u32..13, 1u32..29).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

/// Vietnamese-looking free text: letters with diacritics, spaces,
/// punctuation our separators use ('/', ':', '&', '%', '*').
fn text() -> impl Strategy<Value = String> {
    re("[A-Za-z0-9ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ /:&%*,.()-]{0,60}")
        .prop_map(|s| format!("Hồ sơ {s}"))
}

fn paper() -> impl Strategy<Value = Paper> {
    prop_oneof![
        Just(Paper::Receipt),
        Just(Paper::RequestToComplete),
        Just(Paper::Refusal),
        Just(Paper::DelayNotice),
        Just(Paper::ControlSheet),
        Just(Paper::Result),
        text().prop_map(Paper::Other),
        Just(Paper::Other("TN".to_owned())),
    ]
}

fn applicant() -> impl Strategy<Value = String> {
    prop_oneof![
        re("0(0[1-9]|[1-9][0-9])[0-9]{9}").prop_filter("province", |s| validate_applicant(s).is_ok()),
        unit_code(),
        Just("0100233488".to_string()),
        Just("0314409058-002".to_string()),
    ]
}

fn validity() -> impl Strategy<Value = Option<Validity>> {
    prop_oneof![
        Just(None),
        Just(Some(Validity::Indefinite)),
        (2000i32..9999, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| Some(Validity::Until(NaiveDate::from_ymd_opt(y, m, d).unwrap()))),
        text().prop_map(|t| Some(Validity::Text(t))),
    ]
}

prop_compose! {
    fn record()(
        unit in unit_code(),
        day in date(),
        seq in 1u16..10000,
        procedure in re("[1-3]\\.[0-9]{6}(\\.000\\.00\\.00\\.H[0-9]{2}(\\.[0-9]{2})?)?"),
        applicant in applicant(),
        paper in paper(),
        system in text(),
        at in (date(), 0u32..24, 0u32..60, prop_oneof![Just(0u32), 0u32..60]),
        appointment in proptest::option::of((date(), proptest::option::of((0u32..24, 0u32..60)))),
        validity in validity(),
        scope in proptest::option::of(text()),
    ) -> Record {
        let code = format!("{unit}-{}-{seq:04}", day.format("%y%m%d"));
        let mut r = Record::new(validate_dossier_code(&code).unwrap());
        r.procedure_code = Some(validate_procedure_code(&procedure).unwrap());
        r.applicant = Some(validate_applicant(&applicant).unwrap());
        r.system = Some(system);
        let (d, h, m, s) = at;
        r.issued_at = VIETNAM.from_local_datetime(&d.and_hms_opt(h, m, s).unwrap()).single();
        r.appointment = appointment.map(|(date, t)| Appointment {
            date,
            time: t.map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap()),
        });
        if paper == Paper::Receipt && r.appointment.is_none() {
            r.appointment = Some(Appointment { date: d, time: None });
        }
        r.paper = Some(paper);
        r.validity = validity;
        r.scope = scope;
        r
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn encode_decode_is_identity(r in record(), base in prop_oneof![
        Just(dossier::DEFAULT_BASE),
        Just("https://dichvucong.quangngai.gov.vn/tra-cuu?lang=vi"),
        Just("https://x.vn/?"),
    ]) {
        let payload = encode(&r, &EncodeOptions { base, privacy: Privacy::Full }).unwrap();
        prop_assert!(payload.is_ascii());
        let back = decode(&payload).unwrap();
        // The base comes back (without a trailing '?'), and every field.
        prop_assert_eq!(back.base.as_deref(), Some(base.trim_end_matches('?')));
        prop_assert_eq!(&Record { base: None, ..back.clone() }, &r);
        prop_assert!(back.missing().is_empty());
        // Masked: everything but the applicant survives.
        let masked = encode(&r, &EncodeOptions { base, privacy: Privacy::Masked }).unwrap();
        let back = decode(&masked).unwrap();
        prop_assert_eq!(back.applicant.as_ref().map(|a| a.as_str().to_string()),
                        r.applicant.as_ref().map(|a| a.masked().as_str().to_string()));
        prop_assert_eq!(Record { applicant: r.applicant.clone(), base: None, ..back }, r.clone());
    }

    #[test]
    fn decoder_never_panics(s in any::<String>()) {
        let _ = decode(&s);
        let _ = validate_unit_code(&s);
        let _ = validate_dossier_code(&s);
        let _ = validate_procedure_code(&s);
        let _ = validate_applicant(&s);
    }

    /// URL-shaped noise around the real syntax.
    #[test]
    fn decoder_never_panics_on_url_shaped_input(
        hs in re("[0-9A-Z.\\-%]{0,30}"),
        elements in proptest::collection::vec(re("(TT|DD|GT|GTT|HT|TG|HN|HL|HLT|PV|ZZ)?:?[0-9A-Z.*%\\-]{0,20}"), 0..12),
    ) {
        let url = format!("https://x.vn/?hs={hs}&qr=1/{}", elements.join("/"));
        let _ = decode(&url);
    }

    #[test]
    fn qr_fits_or_says_too_long(s in any::<String>()) {
        match qr::encode(&s, &QrOptions::default()) {
            Ok(code) => prop_assert_eq!(code.matrix().len(), code.size() * code.size()),
            Err(e) => prop_assert_eq!(e.code(), "qr_too_long"),
        }
    }
}
