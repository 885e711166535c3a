//! Behaviour of the CCCD parser on synthetic, real-shaped payloads.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use motcua::cccd::{self, CmndLink, Error, Layout, Repair, Sex};
use unicode_normalization::UnicodeNormalization;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 23);
fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

const A: &str = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021";
const B: &str = "079303000001||Trần Thị B|05052003|Nữ|Ấp 1, Xã X, Huyện Y, Thành phố Hồ Chí Minh|20062021";

/// Payload from fields, the way the card's QR lays them out.
fn payload(id: &str, old: &str, name: &str, dob: &str, sex: &str, addr: &str, issued: &str) -> String {
    format!("{id}|{old}|{name}|{dob}|{sex}|{addr}|{issued}")
}

fn code(p: &str) -> &'static str {
    match cccd::repair(p).and_then(|r| r.parse_as_of(today()).map(|_| ())) {
        Ok(()) => "ok",
        Err(e) => e.code(),
    }
}

#[test]
fn parses_a_2021_card_into_typed_fields() {
    let c = cccd::parse_as_of(A, today()).unwrap();
    assert_eq!(c.layout(), Layout::V2021);
    assert_eq!(c.id().as_str(), "001090123456");
    assert_eq!(c.id().province_code(), "001");
    assert_eq!(c.id().province().unwrap().name, "Hà Nội");
    assert!(!c.id().born_abroad());
    assert_eq!(
        (c.id().century(), c.id().birth_year(), c.id().sex()),
        (1900, 1990, Sex::Male)
    );
    assert_eq!(c.old_id().unwrap().as_str(), "123456789");
    assert_eq!(c.name(), "Nguyễn Văn A");
    assert_eq!(c.birth_date(), d(1990, 1, 1));
    assert_eq!(c.sex(), Sex::Male);
    assert_eq!(c.address(), "Số 1 Phố X, Phường Y, Quận Z, Hà Nội");
    assert_eq!(c.issue_date(), d(2021, 4, 15));
    assert_eq!(c.expiry_date(), Some(d(2030, 1, 1)));
    assert_eq!(c.extra(), None);
    assert!(!c.is_expired());
    // Views point into the input: no copy.
    let range = A.as_bytes().as_ptr_range();
    for f in [c.id().as_str(), c.name(), c.address(), c.old_id().unwrap().as_str()] {
        assert!(range.contains(&f.as_ptr()));
    }
}

#[test]
fn parses_a_2024_card_and_exposes_the_extra_fields() {
    let b2024 = format!("{B}||||");
    let c = cccd::parse_as_of(&b2024, today()).unwrap();
    assert_eq!(c.layout(), Layout::V2024);
    assert_eq!(c.extra(), Some(["", "", "", ""]));
    assert_eq!(c.old_id(), None);
    assert_eq!(
        (c.id().century(), c.id().birth_year(), c.sex()),
        (2000, 2003, Sex::Female)
    );
    assert_eq!(c.id().province().unwrap().name, "Hồ Chí Minh");
    // A child's card: extra fields carry text, kept raw.
    let child =
        "001215000077||Nguyễn Minh Khôi|12062015|Nam|Số 1 Phố X, Phường Y, Hà Nội|03092024|Nguyễn Văn A|Lê Thị C||";
    let c = cccd::parse_as_of(child, today()).unwrap();
    assert_eq!(c.extra(), Some(["Nguyễn Văn A", "Lê Thị C", "", ""]));
    assert_eq!(c.to_payload(), child);
    // Born 2015, issued at 9: expires at 14.
    assert_eq!(c.expiry_date(), Some(d(2029, 6, 12)));
}

#[test]
fn country_code_means_born_abroad() {
    let p = payload(
        "201090123456",
        "",
        "Nguyễn Văn A",
        "01011990",
        "Nam",
        "Số 1 Phố X, Hà Nội",
        "15042021",
    );
    let c = cccd::parse_as_of(&p, today()).unwrap();
    assert!(c.id().born_abroad());
    assert_eq!(c.id().province(), None);
    assert_eq!(c.id().province_code(), "201");
}

#[test]
fn every_error_code_is_reachable_and_asserted() {
    let long = format!("{A}{}", " ".repeat(cccd::MAX_PAYLOAD_LEN));
    let garbled = cccd::garble_as_windows1252(A);
    let lost = garbled.replace('\u{9d}', "").replace("»…", "»"); // a Latin-1 typer dropped bytes
    let cases: Vec<(&str, String)> = vec![
        ("empty", "".into()),
        ("empty", "\r\n".into()),
        ("too_long", long),
        ("mojibake_unrecoverable", lost),
        ("field_count", "001090123456|123456789|Nguyễn Văn A|01011990|Nam".into()),
        ("field_count", format!("{A}|")),
        ("field_count", format!("{A}|||||")),
        ("id_length", A.replacen("001090123456", "00109012345", 1)),
        ("id_not_digits", A.replacen("001090123456", "0010901234S6", 1)),
        ("id_not_digits", A.replacen("001090123456", "00109O123456", 1)),
        ("id_province_unknown", A.replacen("001090123456", "003090123456", 1)),
        ("id_province_unknown", A.replacen("001090123456", "301090123456", 1)),
        ("id_sex_mismatch", A.replacen("001090123456", "001190123456", 1)),
        ("id_birth_year_mismatch", A.replacen("001090123456", "001091123456", 1)),
        ("id_birth_year_mismatch", A.replacen("001090123456", "001290123456", 1)),
        ("old_id_invalid", A.replacen("123456789", "12345678", 1)),
        ("old_id_invalid", A.replacen("123456789", "123456789012", 1)),
        ("name_invalid", A.replacen("Nguyễn Văn A", "", 1)),
        ("name_invalid", A.replacen("Nguyễn Văn A", "Nguyễn Văn 4", 1)),
        ("name_invalid", A.replacen("Nguyễn Văn A", "Nguyễn\u{7}Văn A", 1)),
        ("birth_date_invalid", A.replacen("01011990", "31021990", 1)),
        ("birth_date_invalid", A.replacen("01011990", "1-1-1990", 1)),
        (
            "birth_date_in_future",
            payload(
                "001226123456",
                "",
                "Nguyễn Văn A",
                "01012026",
                "Nam",
                "Hà Nội",
                "15042021",
            )
            .replacen("01012026", "01122026", 1),
        ),
        ("sex_invalid", A.replacen("|Nam|", "|Khác|", 1)),
        ("sex_invalid", A.replacen("|Nam|", "|nam|", 1)),
        (
            "address_invalid",
            A.replacen("Số 1 Phố X, Phường Y, Quận Z, Hà Nội", " ", 1),
        ),
        ("issue_date_invalid", A.replacen("15042021", "32132021", 1)),
        ("issue_date_before_birth", A.replacen("15042021", "31121989", 1)),
        ("issue_date_in_future", A.replacen("15042021", "24112026", 1)),
        ("issue_date_before_cccd", A.replacen("15042021", "31122015", 1)),
        ("extra_field_invalid", format!("{A}||\u{1b}||")),
        // Invisible and text-direction characters (issue #19): Chromium
        // showed an address holding U+202E reversed.
        ("invisible_char", A.replacen("Phố X", "Phố \u{202E}X", 1)),
        ("invisible_char", A.replacen("Văn", "V\u{200B}ăn", 1)),
        ("invisible_char", A.replacen("Phường Y", "Phường\u{2028}Y", 1)),
        ("invisible_char", A.replacen("Nguyễn", "Ngu\u{FEFF}yễn", 1)),
        ("invisible_char", A.replacen("Nguyễn", "Ngu\u{AD}yễn", 1)),
        ("invisible_char", A.replacen("Hà Nội", "Hà Nội\u{2066}", 1)),
        ("invisible_char", format!("{A}||\u{200D}||")),
    ];
    let mut seen = BTreeSet::new();
    for (want, p) in &cases {
        assert_eq!(code(p), *want, "{p:?}");
        seen.insert(*want);
    }
    // Codes only the strict and byte entry points produce.
    let strict = cccd::parse_as_of(&format!("{A}\n"), today()).unwrap_err();
    assert_eq!(strict, Error::NeedsRepair(Repair::StripSuffix));
    seen.insert(strict.code());
    let bytes = cccd::repair_bytes(b"001090123456|\xff\xfe|x").unwrap_err();
    assert_eq!(bytes, Error::NotUtf8);
    seen.insert(bytes.code());
    let all: BTreeSet<_> = Error::ALL_CODES.iter().copied().collect();
    assert_eq!(seen, all, "every code has a test, and no test uses an unknown code");
}

#[test]
fn every_error_has_distinct_code_and_messages_in_both_languages() {
    let errors = [
        Error::Empty,
        Error::TooLong { max: 2048 },
        Error::NotUtf8,
        Error::NeedsRepair(Repair::Mojibake),
        Error::MojibakeUnrecoverable,
        Error::FieldCount { found: 5 },
        Error::IdLength { found: 11 },
        Error::IdNotDigits { position: 8 },
        Error::IdProvinceUnknown,
        Error::IdSexMismatch,
        Error::IdBirthYearMismatch,
        Error::OldIdInvalid,
        Error::NameInvalid,
        Error::BirthDateInvalid,
        Error::BirthDateInFuture,
        Error::SexInvalid,
        Error::AddressInvalid,
        Error::IssueDateInvalid,
        Error::IssueDateBeforeBirth,
        Error::IssueDateInFuture,
        Error::IssueDateBeforeCccd,
        Error::ExtraFieldInvalid,
        Error::InvisibleChar {
            field: cccd::TextField::Address,
            codepoint: 0x202E,
        },
    ];
    let codes: Vec<_> = errors.iter().map(|e| e.code()).collect();
    assert_eq!(codes, Error::ALL_CODES);
    for e in errors {
        let (en, vi) = (e.message(), e.message_vi());
        assert!(!en.is_empty() && !vi.is_empty() && en != vi, "{}", e.code());
        assert!(e
            .code()
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()));
        assert_eq!(vi, vi.nfc().collect::<String>(), "Vietnamese message is NFC");
    }
    assert_eq!(
        Error::IdNotDigits { position: 8 }.message_vi(),
        "Số định danh có ký tự không phải chữ số (ký tự thứ 8); hãy tắt bộ gõ tiếng Việt (Unikey) rồi quét lại"
    );
}

#[test]
fn errors_and_debug_never_show_personal_data() {
    let secrets = ["090123", "123456789", "Nguyễn", "Phố X", "01011990"];
    let c = cccd::parse_as_of(A, today()).unwrap();
    let dbg = format!("{c:?} {:?} {:?}", c.id(), c.old_id());
    for s in secrets {
        assert!(!dbg.contains(s), "Debug shows {s}: {dbg}");
    }
    assert!(dbg.contains("*********456") && dbg.contains("******789"), "{dbg}");
    let repaired = cccd::repair(A).unwrap();
    assert!(!format!("{repaired:?}").contains("Nguyễn"));
    // Every failing variant of A: messages and Debug carry none of its data.
    for (i, broken) in [
        A.replacen("Nam", "Nữ", 1),
        A.replacen("|15042021", "|15042031", 1),
        format!("{A}||"),
    ]
    .iter()
    .enumerate()
    {
        let e = cccd::parse_as_of(broken, today()).unwrap_err();
        let all = format!("{e} {e:?} {}", e.message_vi());
        for s in secrets {
            assert!(!all.contains(s), "case {i}: {all}");
        }
    }
}

#[test]
fn mojibake_made_like_a_scanner_is_repaired_exactly() {
    // ọ ỏ ờ Á Đ contain the bytes 0x8D 0x8F 0x9D 0x81 0x90 that Windows-1252
    // leaves undefined (WHATWG maps them to C1 controls).
    let original = payload(
        "083188000321",
        "",
        "Đỗ Thị Ánh Hường",
        "02091988",
        "Nữ",
        "Ấp Phú Thọ, Xã Mỏ Cày, Huyện Mỏ Cày Nam, Bến Tre",
        "11112022",
    );
    for b in ["\u{8d}", "\u{8f}", "\u{9d}", "\u{81}", "\u{90}"] {
        assert!(cccd::garble_as_windows1252(&original).contains(b));
    }
    for suffix in ["", "\r\n", "\t"] {
        let scanned = cccd::garble_as_windows1252(&original) + suffix;
        assert_ne!(scanned.trim_end(), original);
        let r = cccd::repair(&scanned).unwrap();
        assert_eq!(r.text(), original);
        let want: Vec<_> = if suffix.is_empty() {
            vec![Repair::Mojibake]
        } else {
            vec![Repair::StripSuffix, Repair::Mojibake]
        };
        assert_eq!(r.repairs().iter().collect::<Vec<_>>(), want);
        assert_eq!(r.parse_as_of(today()).unwrap().name(), "Đỗ Thị Ánh Hường");
    }
    // The strict parser names the needed repair instead of accepting garbage.
    assert_eq!(
        cccd::parse_as_of(&cccd::garble_as_windows1252(&original), today()),
        Err(Error::NeedsRepair(Repair::Mojibake))
    );
}

/// A host set to ISO-8859-1 instead of Windows-1252 turns 0x80–0x9F into C1
/// controls (e.g. `…` of `ễ` arrives as U+0085): repaired the same way.
#[test]
fn latin1_mojibake_is_repaired_too() {
    let latin1: String = A.bytes().map(char::from).collect();
    assert_ne!(latin1, cccd::garble_as_windows1252(A));
    assert!(latin1.contains('\u{85}'));
    let scanned = format!("{latin1}\r\n");
    let r = cccd::repair(&scanned).unwrap();
    assert_eq!(r.text(), A);
    assert_eq!(
        r.repairs().iter().collect::<Vec<_>>(),
        vec![Repair::StripSuffix, Repair::Mojibake]
    );
    assert_eq!(
        cccd::parse_as_of(&latin1, today()),
        Err(Error::NeedsRepair(Repair::Mojibake))
    );
}

#[test]
fn mojibake_with_lost_bytes_asks_for_a_rescan() {
    let garbled = cccd::garble_as_windows1252(A);
    for lossy in [
        garbled.replacen('…', "", 1),  // a byte dropped
        garbled.replacen('…', "?", 1), // replaced by '?'
        garbled.replacen('»', "\u{FFFD}", 1),
        garbled.replacen(' ', "", 1).replacen("»", "» ", 1),
        // Garbled text mixed with a genuine letter outside Windows-1252 (typed
        // by hand into the scanned line): decoding would guess at the rest.
        garbled.replacen("Phá»‘ X", "Phá»‘ Ữ", 1),
    ] {
        assert_eq!(
            cccd::repair(&lossy).unwrap_err(),
            Error::MojibakeUnrecoverable,
            "{lossy:?}"
        );
        assert_eq!(
            cccd::parse_as_of(&lossy, today()).unwrap_err().code(),
            "mojibake_unrecoverable"
        );
    }
}

#[test]
fn genuine_latin1_vietnamese_is_not_mistaken_for_mojibake() {
    // Every non-ASCII letter here is in Latin-1; none follows another.
    let p = payload(
        "001090123456",
        "",
        "Lê Hà Tâm",
        "01011990",
        "Nam",
        "Xóm Ao Sen, Hà Tây",
        "15042021",
    );
    let r = cccd::repair(&p).unwrap();
    assert!(r.repairs().is_empty());
    assert_eq!(r.parse_as_of(today()).unwrap().name(), "Lê Hà Tâm");
}

#[test]
fn garbled_bom_and_double_garbling_are_undone() {
    let twice = cccd::garble_as_windows1252(&cccd::garble_as_windows1252(A));
    let r = cccd::repair(&twice).unwrap();
    assert_eq!(
        (r.text(), r.repairs().iter().collect::<Vec<_>>()),
        (A, vec![Repair::Mojibake])
    );
    let bom = cccd::garble_as_windows1252(&format!("\u{feff}{A}"));
    assert!(bom.starts_with("ï»¿"));
    let r = cccd::repair(&bom).unwrap();
    assert_eq!(r.text(), A);
    assert_eq!(
        r.repairs().iter().collect::<Vec<_>>(),
        vec![Repair::StripBom, Repair::Mojibake]
    );
}

#[test]
fn nfd_text_is_composed_and_reported() {
    let nfd: String = A.nfd().collect();
    assert_ne!(nfd, A);
    let r = cccd::repair(&nfd).unwrap();
    assert_eq!(r.text(), A);
    assert_eq!(r.repairs().iter().map(Repair::code).collect::<Vec<_>>(), ["nfc"]);
    assert_eq!(cccd::parse_as_of(&nfd, today()), Err(Error::NeedsRepair(Repair::Nfc)));
    // NFD "Nữ" is the sex word once composed.
    let b: String = B.nfd().collect();
    assert_eq!(
        cccd::repair(&b).unwrap().parse_as_of(today()).unwrap().sex(),
        Sex::Female
    );
}

#[test]
fn scanner_suffixes_and_bom_are_stripped_and_reported() {
    for suffix in ["\r", "\n", "\r\n", "\t", "\t\r\n", "\r\n\r\n"] {
        for bom in ["", "\u{feff}"] {
            let scanned = format!("{bom}{A}{suffix}");
            let r = cccd::repair(&scanned).unwrap();
            assert_eq!(r.text(), A);
            assert!(r.repairs().contains(Repair::StripSuffix));
            assert_eq!(r.repairs().contains(Repair::StripBom), !bom.is_empty());
            assert!(matches!(r.clone().into_text(), std::borrow::Cow::Borrowed(_)));
        }
    }
    // A 2024 card with empty extra fields keeps them: the suffix is only CR/LF/TAB.
    let r = cccd::repair("079303000001||Trần Thị B|05052003|Nữ|Ấp 1, Hà Nội|20062021||||\r\n").unwrap();
    assert_eq!(r.parse_as_of(today()).unwrap().layout(), Layout::V2024);
    // A trailing space is not a scanner suffix: not silently dropped.
    assert_eq!(code(&format!("{A} ")), "issue_date_invalid");
}

#[test]
fn repair_is_idempotent_on_what_scanners_produce() {
    let inputs = [
        A.to_string(),
        format!("{A}\r\n"),
        A.nfd().collect(),
        cccd::garble_as_windows1252(A),
        cccd::garble_as_windows1252(&format!("\u{feff}{A}\r\n")),
    ];
    for i in inputs {
        let once = cccd::repair(&i).unwrap();
        let twice = cccd::repair(once.text()).unwrap();
        assert_eq!(twice.text(), once.text());
        assert!(twice.repairs().is_empty());
    }
}

/// Born 10 May 2000: milestone 25 is 10 May 2025, its 2-year window opens 10 May 2023.
#[test]
fn expiry_on_each_milestone_edge() {
    let dob = d(2000, 5, 10);
    let e = |issued| cccd::expiry_date(dob, issued);
    assert_eq!(
        e(d(2023, 5, 9)),
        Some(d(2025, 5, 10)),
        "one day before the window: expires at 25"
    );
    assert_eq!(
        e(d(2023, 5, 10)),
        Some(d(2040, 5, 10)),
        "exactly 2 years before 25: runs to 40"
    );
    assert_eq!(
        e(d(2023, 5, 11)),
        Some(d(2040, 5, 10)),
        "1 day inside 2 years: runs to 40"
    );
    assert_eq!(e(d(2025, 5, 10)), Some(d(2040, 5, 10)), "issued on the 25th birthday");
    assert_eq!(e(d(2011, 5, 9)), Some(d(2014, 5, 10)), "child: expires at 14");
    assert_eq!(e(d(2012, 5, 10)), Some(d(2025, 5, 10)), "2 years before 14: runs to 25");
    let old = d(1960, 3, 15);
    assert_eq!(
        cccd::expiry_date(old, d(2018, 3, 14)),
        Some(d(2020, 3, 15)),
        "a day before 58: expires at 60"
    );
    assert_eq!(
        cccd::expiry_date(old, d(2018, 3, 15)),
        None,
        "exactly 2 years before 60: never"
    );
    assert_eq!(cccd::expiry_date(old, d(2021, 6, 1)), None, "after 60: never");
    assert_eq!(
        cccd::expiry_date(d(1980, 3, 15), d(2018, 3, 14)),
        Some(d(2020, 3, 15)),
        "just before the 40 window"
    );
    assert_eq!(
        cccd::expiry_date(d(1980, 3, 15), d(2018, 3, 15)),
        Some(d(2040, 3, 15)),
        "at 38: runs to 60"
    );
    // 29 February: birthdays fall on 28 February in common years.
    assert_eq!(cccd::expiry_date(d(2004, 2, 29), d(2021, 7, 1)), Some(d(2029, 2, 28)));
    assert_eq!(cccd::expiry_date(d(2004, 2, 29), d(2027, 2, 28)), Some(d(2044, 2, 29)));
}

#[test]
fn expired_cards_parse_and_are_flagged() {
    // Fixture-style card: expires at 60 on 2025-12-14.
    let p = payload(
        "068165927143",
        "247767551",
        "Huỳnh Ngọc Lan",
        "14121965",
        "Nữ",
        "Tổ 5, Thanh Hóa",
        "05012023",
    );
    let on = |as_of| cccd::parse_as_of(&p, as_of).unwrap().is_expired();
    assert!(!on(d(2025, 12, 14)), "valid through its expiry date");
    assert!(on(d(2025, 12, 15)));
    // Legacy 12-digit card issued 2018 (before chip cards) is accepted and flagged.
    let legacy = A.replacen("15042021", "15042018", 1);
    assert!(cccd::parse_as_of(&legacy, today()).unwrap().issued_before_chip_era());
    assert!(!cccd::parse_as_of(A, today()).unwrap().issued_before_chip_era());
}

#[test]
fn cmnd_link_for_the_land_record_change() {
    let c = cccd::parse_as_of(A, today()).unwrap();
    assert_eq!(c.cmnd_link("123456789"), Ok(CmndLink::Linked));
    assert_eq!(c.cmnd_link("123456788"), Ok(CmndLink::Mismatch));
    assert_eq!(c.cmnd_link("12345678"), Err(Error::OldIdInvalid));
    assert_eq!(c.cmnd_link(" 123456789"), Err(Error::OldIdInvalid));
    let b = cccd::parse_as_of(B, today()).unwrap();
    assert_eq!(b.cmnd_link("123456789"), Ok(CmndLink::NoOldId));
    // The same check on an old-ID field held outside a Card (the C API).
    assert_eq!(cccd::link_cmnd(Some("123456789"), "123456789"), Ok(CmndLink::Linked));
    assert_eq!(cccd::link_cmnd(Some("123456789"), "987654321"), Ok(CmndLink::Mismatch));
    assert_eq!(cccd::link_cmnd(None, "123456789"), Ok(CmndLink::NoOldId));
    assert_eq!(cccd::link_cmnd(None, "12345678a"), Err(Error::OldIdInvalid));
}

#[test]
fn every_code_has_a_message_of_its_own_without_details() {
    let mut seen = BTreeSet::new();
    for code in Error::ALL_CODES {
        let (en, vi) = Error::code_message(code).unwrap_or_else(|| panic!("{code} has no message"));
        assert!(!en.is_empty() && !vi.is_empty() && en != vi, "{code}");
        assert!(seen.insert(en.clone()), "{code} shares its message");
        assert!(!en.contains('{') && !vi.contains('{'), "{code}");
    }
    // A code with details gets the general form; one without, its own message.
    let (en, _) = Error::code_message("field_count").unwrap();
    assert!(en.starts_with("expected 7 (2021 card) or 11 (2024 card) fields") && !en.contains("found"));
    let (en, vi) = Error::code_message("id_sex_mismatch").unwrap();
    assert_eq!(
        (en, vi),
        (Error::IdSexMismatch.message(), Error::IdSexMismatch.message_vi())
    );
    assert_eq!(
        Error::code_message("too_long").unwrap().0,
        "the payload is longer than 2048 bytes"
    );
    assert_eq!(Error::code_message("no_such_code"), None);
}

#[test]
fn standalone_validators() {
    let id = cccd::validate_id("079303000001").unwrap();
    assert_eq!(
        (id.province().unwrap().code, id.sex(), id.birth_year()),
        ("079", Sex::Female, 2003)
    );
    assert_eq!(format!("{:?}", id.masked()), "*********001");
    assert_eq!(cccd::validate_id("07930300000"), Err(Error::IdLength { found: 11 }));
    assert_eq!(cccd::validate_id("0793030000011"), Err(Error::IdLength { found: 13 }));
    assert_eq!(
        cccd::validate_id("079-03000001"),
        Err(Error::IdNotDigits { position: 4 })
    );
    assert_eq!(
        cccd::validate_id("０79303000001"),
        Err(Error::IdNotDigits { position: 1 })
    );
    assert_eq!(cccd::validate_id("099303000001"), Err(Error::IdProvinceUnknown));
    assert_eq!(cccd::validate_id(""), Err(Error::IdLength { found: 0 }));
    assert_eq!(cccd::validate_cmnd("123456789").unwrap().as_str(), "123456789");
    for bad in ["12345678", "1234567890", "12345678a", "", "１23456789"] {
        assert_eq!(cccd::validate_cmnd(bad), Err(Error::OldIdInvalid), "{bad}");
    }
    // Century digits 2300s: digit 9 = female 2300s.
    assert_eq!(cccd::validate_id("001999000000").unwrap().birth_year(), 2399);
}

#[test]
fn province_table_matches_the_spec() {
    let spec = "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096";
    let codes: Vec<_> = cccd::PROVINCES.iter().map(|p| p.code).collect();
    assert_eq!(codes, spec.split(' ').collect::<Vec<_>>());
    for p in cccd::PROVINCES {
        assert_eq!(cccd::province(p.code), Some(&p));
        assert_eq!(p.name, p.name.nfc().collect::<String>());
    }
    assert_eq!(cccd::province("003"), None);
}

#[test]
fn samples_are_valid_and_show_each_repair() {
    let mut seen = BTreeSet::new();
    for (what, p) in cccd::samples() {
        let r = cccd::repair(&p).unwrap_or_else(|e| panic!("{what}: {}", e.code()));
        r.parse_as_of(today())
            .unwrap_or_else(|e| panic!("{what}: {}", e.code()));
        seen.extend(r.repairs().iter().map(Repair::code));
    }
    assert_eq!(seen, BTreeSet::from(["mojibake", "nfc", "strip_suffix"]));
}

#[cfg(feature = "serde")]
#[test]
fn serde_json_shape() {
    let c = cccd::parse_as_of(A, today()).unwrap();
    let v = serde_json::to_value(c).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "id": "001090123456", "old_id": "123456789", "name": "Nguyễn Văn A",
            "birth_date": "1990-01-01", "address": "Số 1 Phố X, Phường Y, Quận Z, Hà Nội",
            "layout": "2021", "sex": "male", "issue_date": "2021-04-15", "expiry_date": "2030-01-01",
            "expired": false, "province_code": "001", "province": "Hà Nội", "born_abroad": false,
            "warnings": [], "extra": []
        })
    );
    let m = serde_json::to_value(c.masked()).unwrap();
    assert_eq!(m["id"], "*********456");
    assert_eq!(m["name"], "N. V. A.");
    assert_eq!(m["address"], "***, Hà Nội");
    assert_eq!(m["birth_date"], "1990-**-**");
    assert_eq!(m["expiry_date"], "2030-**-**");
    assert_eq!(m["province_code"], serde_json::Value::Null);
    assert_eq!(m["masked"], true);
    let e = serde_json::to_value(Error::IdSexMismatch).unwrap();
    assert_eq!(e["code"], "id_sex_mismatch");
    assert!(e["message_vi"].as_str().unwrap().contains("giới tính"));
}

/// `Report`: the card's fields, then `repairs` and `cmnd_link` — the one
/// shape the CLI's JSON lines and the npm package's results share.
#[cfg(feature = "serde")]
#[test]
fn report_json_is_the_card_then_repairs_then_link() {
    let r = cccd::repair(
        "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021\r\n",
    )
    .unwrap();
    let c = r.parse_as_of(today()).unwrap();
    let report = |masked, cmnd_link| cccd::Report {
        card: &c,
        repairs: r.repairs(),
        cmnd_link,
        masked,
    };
    let full = serde_json::to_value(report(false, None)).unwrap();
    let mut want = serde_json::to_value(c).unwrap();
    want["repairs"] = serde_json::json!(["strip_suffix"]);
    assert_eq!(full, want, "no cmnd_link key without a CMND");
    let linked = serde_json::to_value(report(true, c.cmnd_link("123456789").ok())).unwrap();
    let mut want = serde_json::to_value(c.masked()).unwrap();
    want["repairs"] = serde_json::json!(["strip_suffix"]);
    want["cmnd_link"] = serde_json::json!("linked");
    assert_eq!(linked, want);
    let text = serde_json::to_string(&report(true, None)).unwrap();
    assert!(!text.contains("090123"), "masked: {text}");
    assert!(text.find("\"masked\"").unwrap() < text.find("\"repairs\"").unwrap());
}

#[test]
fn readme_documents_every_error_and_repair_code() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    for code in Error::ALL_CODES.iter().chain(Repair::ALL.map(Repair::code).iter()) {
        assert!(
            readme.contains(&format!("`{code}`")),
            "README does not mention `{code}`"
        );
    }
}

/// The repair's Windows-1252 table is the WHATWG mapping: garbling agrees
/// with encoding_rs's decoder on text whose UTF-8 uses every byte UTF-8 can
/// contain, and the repair undoes it.
#[test]
#[cfg_attr(miri, ignore = "a data sweep, not memory safety; runs natively")]
fn windows_1252_table_matches_encoding_rs() {
    use encoding_rs::WINDOWS_1252;
    // U+0001–U+07FF: every 1- and 2-byte sequence (bytes 01–7F, C2–DF, 80–BF);
    // then leads E0–EF and F0–F4.
    let mut text: String = (1..0x800).filter_map(char::from_u32).collect();
    text.extend((0..16u32).filter_map(|k| char::from_u32((k << 12).max(0x800))));
    text.extend(
        [0x10000, 0x40000, 0x80000, 0xC0000, 0x100000]
            .into_iter()
            .filter_map(char::from_u32),
    );
    let all: Vec<u8> = text.bytes().collect();
    for b in (0x01..=0x7F).chain(0x80..=0xBF).chain(0xC2..=0xF4) {
        assert!(all.contains(&b), "{b:#04x} not covered");
    }
    let ours = motcua::cccd::garble_as_windows1252(&text);
    assert_eq!(ours, WINDOWS_1252.decode_without_bom_handling(text.as_bytes()).0);
    // The repair undoes it, in the name field of a card.
    for c in text.chars().filter(|c| c.is_alphabetic() && !c.is_ascii()) {
        let payload = format!("001090123456||Nguy{c}n Văn A|01011990|Nam|Hà Nội|15042021");
        let garbled = motcua::cccd::garble_as_windows1252(&payload);
        let fixed = motcua::cccd::repair(&garbled).expect("repairable");
        // NFC may compose c with what follows; compare normalised forms.
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(fixed.text(), payload.nfc().collect::<String>(), "{c:?}");
    }
}

/// U+FFFD means a decoder before us lost bytes ("Nguy�n"): the field is
/// invalid, on the strict and the scanner path, never accepted as a name.
#[test]
fn replacement_character_is_refused() {
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let a = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Hà Nội|15042021";
    for (from, to, want) in [
        ("Nguyễn", "Nguy\u{FFFD}n", "name_invalid"),
        ("Phố X", "Ph\u{FFFD} X", "address_invalid"),
        ("15042021", "15042021||\u{FFFD}||", "extra_field_invalid"),
    ] {
        let p = a.replace(from, to);
        assert_eq!(motcua::cccd::parse_as_of(&p, as_of).unwrap_err().code(), want, "{to:?}");
        let repaired = motcua::cccd::repair(&p).unwrap();
        assert_eq!(repaired.parse_as_of(as_of).unwrap_err().code(), want, "{to:?}");
    }
}

#[test]
fn invisible_characters_are_refused_with_the_field_and_code_point_never_stripped() {
    let cases = [
        (
            A.replacen("Phố X", "Phố \u{202E}X", 1),
            cccd::TextField::Address,
            0x202E,
        ),
        (A.replacen("Văn", "V\u{200B}ăn", 1), cccd::TextField::Name, 0x200B),
        (
            A.replacen("Phường Y", "Phường\u{2028}Y", 1),
            cccd::TextField::Address,
            0x2028,
        ),
        (A.replacen("Nguyễn", "Ngu\u{FEFF}yễn", 1), cccd::TextField::Name, 0xFEFF),
        (format!("{A}||\u{200D}||"), cccd::TextField::Extra, 0x200D),
    ];
    for (payload, field, codepoint) in cases {
        for err in [
            cccd::parse_as_of(&payload, today()).unwrap_err(),
            cccd::repair(&payload).unwrap().parse_as_of(today()).unwrap_err(),
        ] {
            assert_eq!(err, Error::InvisibleChar { field, codepoint }, "{payload:?}");
            let en = err.to_string();
            assert!(
                en.contains(field.name()) && en.contains(&format!("U+{codepoint:04X}")),
                "{en}"
            );
            assert!(err.message_vi().contains(field.name_vi()));
            assert!(!en.contains("Nguy") && !en.contains("Phố"));
        }
    }
    // Vietnamese letters, combining-free NFC text and ordinary punctuation pass.
    assert!(cccd::parse_as_of(A, today()).is_ok());
    // NFD text is still a repair (its marks are not "invisible").
    let nfd = A.replacen("Nguyễn", "Nguye\u{302}\u{303}n", 1);
    assert_eq!(
        cccd::repair(&nfd)
            .unwrap()
            .repairs()
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>(),
        ["nfc"]
    );
}

/// Issue #19: `--mask` printed `"birth_date":"2003-**-**"` next to
/// `"expiry_date":"2028-05-05"`, the 25th birthday, and `079******654`
/// next to the sex and birth year. Every masked output — JSON, the text
/// people read (sheet, CLI), `Debug` — shows only the year of either date,
/// the last 3 ID digits and no province of birth (docs/cccd.md).
#[cfg(feature = "serde")]
#[test]
fn masked_outputs_hide_the_birth_date_and_the_id_prefix() {
    let b = "079303000654||Trần Thị Bích|05052003|Nữ|Ấp 1, Xã X, Huyện Y, Thành phố Hồ Chí Minh|20062021";
    let c = cccd::parse_as_of(b, today()).unwrap();
    assert_eq!(
        c.expiry_date(),
        NaiveDate::from_ymd_opt(2028, 5, 5),
        "the 25th birthday"
    );
    let shown = c.shown(true);
    let outputs = [
        serde_json::to_string(&c.masked()).unwrap(),
        format!(
            "{} {:?} {} {} {} {:?} {:?}",
            shown.id, shown.old_id, shown.name, shown.birth_date, shown.address, shown.expiry_date, shown.birth_place
        ),
        format!("{c:?}"),
    ];
    for out in &outputs {
        for leak in [
            "05-05", "05/05", "0505", "079303", "079*", "Bích", "Trần", "Thị", "Ấp 1",
        ] {
            assert!(!out.contains(leak), "{leak} in {out}");
        }
        assert!(out.contains("*********654"), "{out}");
    }
    assert_eq!(shown.birth_date, "**/**/2003");
    assert_eq!(shown.expiry_date.as_deref(), Some("**/**/2028"));
    assert_eq!(shown.name, "T. T. B.");
    assert_eq!(shown.birth_place, None);
    let json: serde_json::Value = serde_json::from_str(&outputs[0]).unwrap();
    assert_eq!(
        (&json["expiry_date"], &json["birth_date"]),
        (&"2028-**-**".into(), &"2003-**-**".into())
    );
    assert_eq!(
        (&json["province"], &json["born_abroad"]),
        (&serde_json::Value::Null, &serde_json::Value::Null)
    );
    // What stays: sex, the year, the issue date, the province of residence.
    assert_eq!(
        (&json["sex"], &json["issue_date"]),
        (&"female".into(), &"2021-06-20".into())
    );
    assert_eq!(json["address"], "***, Thành phố Hồ Chí Minh");
    // Unmasked, the same view shows everything.
    let full = c.shown(false);
    assert_eq!(
        (full.birth_date.as_str(), full.expiry_date.as_deref()),
        ("05/05/2003", Some("05/05/2028"))
    );
    assert_eq!(full.birth_place.as_deref(), Some("079 Hồ Chí Minh"));
}

/// `Card::warnings` in `Warning::ALL`'s order, and the npm package's
/// `CardWarning` union holds exactly their codes.
#[test]
fn warnings_list_expiry_and_the_pre_chip_era() {
    use motcua::cccd::Warning;
    let legacy = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042018";
    let codes = |payload, as_of| {
        let c = cccd::parse_as_of(payload, as_of).unwrap();
        c.warnings().map(Warning::code).collect::<Vec<_>>()
    };
    assert_eq!(codes(A, today()), Vec::<&str>::new());
    assert_eq!(codes(legacy, today()), ["issued_before_chip_era"]);
    let late = NaiveDate::from_ymd_opt(2030, 1, 2).unwrap();
    assert_eq!(codes(A, late), ["card_expired"]);
    assert_eq!(codes(legacy, late), ["card_expired", "issued_before_chip_era"]);
    for w in Warning::ALL {
        assert!(!w.message().is_empty() && !w.message_vi().is_empty());
    }

    let dts = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../wasm/src/types.d.ts")).unwrap();
    let union = dts
        .lines()
        .find_map(|l| l.strip_prefix("export type CardWarning = "))
        .expect("CardWarning in types.d.ts");
    let mut in_dts: Vec<&str> = union
        .trim_end_matches(';')
        .split('|')
        .map(|s| s.trim().trim_matches('"'))
        .collect();
    let mut ours: Vec<&str> = Warning::ALL.iter().map(|w| w.code()).collect();
    in_dts.sort_unstable();
    ours.sort_unstable();
    assert_eq!(in_dts, ours);
}

#[test]
fn mask_id_masks_an_id_or_a_cmnd_and_nothing_else() {
    assert_eq!(cccd::mask_id("001090123456").unwrap(), "*********456");
    assert_eq!(cccd::mask_id("123456789").unwrap(), "******789");
    assert_eq!(cccd::mask_id("12345").unwrap_err().code(), "id_length");
    assert_eq!(cccd::mask_id("Nguyễn Văn A").unwrap_err().code(), "id_not_digits");
    assert_eq!(cccd::mask_id("003090123456").unwrap_err().code(), "id_province_unknown");
}
