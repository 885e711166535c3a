//! Property tests: nothing panics on any input; generated valid cards
//! render to a payload and parse back identically, also after the ways a
//! scanner garbles them.

use chrono::{Datelike, NaiveDate};
use motcua::cccd::{self, Layout, Repair, Sex};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_on_any_string(s in any::<String>()) {
        let _ = cccd::parse_as_of(&s, as_of());
        if let Ok(r) = cccd::repair(&s) {
            let _ = r.parse_as_of(as_of());
            // Repair reaches a fixed point.
            let again = cccd::repair(r.text()).unwrap();
            prop_assert_eq!(again.text(), r.text());
            prop_assert!(again.repairs().is_empty());
        }
        let _ = cccd::validate_id(&s);
        let _ = cccd::validate_cmnd(&s);
    }

    #[test]
    fn never_panics_on_any_bytes(b in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(r) = cccd::repair_bytes(&b) {
            let _ = r.parse_as_of(as_of());
        }
    }

    /// Payload-shaped noise: right field count, digits, dates, Vietnamese
    /// and mojibake characters in random places.
    #[test]
    fn never_panics_on_payload_shaped_input(
        fields in proptest::collection::vec("[0-9|ễẫƯưĐđÃÆ»…\u{9d}\u{301} a-z\r\n\t\u{feff}]{0,14}", 5..13),
        as_of_days in 0i64..200_000,
    ) {
        let s = fields.join("|");
        let as_of = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::TimeDelta::days(as_of_days);
        let _ = cccd::parse_as_of(&s, as_of);
        if let Ok(r) = cccd::repair(&s) {
            if let Ok(c) = r.parse_as_of(as_of) {
                // Anything accepted is consistent and writes back to the repaired text.
                prop_assert_eq!(c.to_payload(), r.text());
                prop_assert_eq!(i32::from(c.id().birth_year()), c.birth_date().year());
                prop_assert_eq!(c.id().sex(), c.sex());
                let _ = format!("{c:?}");
            }
        }
    }

    #[test]
    fn generated_cards_round_trip(card in valid_card()) {
        let p = card.payload();
        prop_assert!(unicode_normalization::is_nfc(&p));
        let c = cccd::parse_as_of(&p, as_of()).map_err(|e| TestCaseError::fail(e.code()))?;
        prop_assert_eq!(c.id().as_str(), card.id.as_str());
        prop_assert_eq!(c.old_id().map(|o| o.as_str().to_string()), card.old_id.clone());
        prop_assert_eq!(c.name(), card.name.as_str());
        prop_assert_eq!(c.birth_date(), card.birth);
        prop_assert_eq!(c.sex(), card.sex);
        prop_assert_eq!(c.address(), card.address.as_str());
        prop_assert_eq!(c.issue_date(), card.issued);
        prop_assert_eq!(c.layout(), if card.extra.is_some() { Layout::V2024 } else { Layout::V2021 });
        prop_assert_eq!(c.extra().map(|e| e.map(str::to_string)), card.extra.clone());
        prop_assert_eq!(c.expiry_date(), cccd::expiry_date(card.birth, card.issued));
        prop_assert_eq!(c.to_payload(), p.clone());

        // What scanners do to it, undone exactly and reported.
        let garbled = cccd::garble_as_windows1252(&p) + "\r\n";
        let r = cccd::repair(&garbled).map_err(|e| TestCaseError::fail(e.code()))?;
        prop_assert_eq!(r.text(), p.as_str());
        prop_assert_eq!(r.repairs().contains(Repair::Mojibake), !p.is_ascii());
        prop_assert!(r.repairs().contains(Repair::StripSuffix));
        let latin1: String = p.bytes().map(char::from).collect();
        let r = cccd::repair(&latin1).map_err(|e| TestCaseError::fail(e.code()))?;
        prop_assert_eq!(r.text(), p.as_str());
        let nfd: String = p.nfd().collect();
        let r = cccd::repair(&nfd).map_err(|e| TestCaseError::fail(e.code()))?;
        prop_assert_eq!(r.text(), p.as_str());
        prop_assert_eq!(r.repairs().contains(Repair::Nfc), nfd != p);
        prop_assert!(!r.repairs().contains(Repair::Mojibake));
    }
}

#[derive(Debug, Clone)]
struct GenCard {
    id: String,
    old_id: Option<String>,
    name: String,
    birth: NaiveDate,
    sex: Sex,
    address: String,
    issued: NaiveDate,
    extra: Option<[String; 4]>,
}

impl GenCard {
    fn payload(&self) -> String {
        let dmy = |d: NaiveDate| d.format("%d%m%Y").to_string();
        let mut s = format!(
            "{}|{}|{}|{}|{}|{}|{}",
            self.id,
            self.old_id.as_deref().unwrap_or(""),
            self.name,
            dmy(self.birth),
            if self.sex == Sex::Male { "Nam" } else { "Nữ" },
            self.address,
            dmy(self.issued)
        );
        if let Some(extra) = &self.extra {
            for e in extra {
                s.push('|');
                s.push_str(e);
            }
        }
        s
    }
}

const WORD: &str = "[A-ZĐ][a-zàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]{0,6}";

fn words(n: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(WORD, n).prop_map(|w| w.join(" "))
}

fn valid_card() -> impl Strategy<Value = GenCard> {
    let place = prop_oneof![
        4 => proptest::sample::select(cccd::PROVINCES.iter().map(|p| p.code.to_string()).collect::<Vec<_>>()),
        1 => (100u16..300).prop_map(|c| c.to_string()),
    ];
    let birth_days = 0i64..(as_of() - NaiveDate::from_ymd_opt(1900, 1, 1).unwrap()).num_days();
    (
        place,
        birth_days,
        any::<bool>(),
        "[0-9]{6}",
        proptest::option::of("[0-9]{9}"),
        words(2..5),
        proptest::collection::vec(prop_oneof![words(1..4), "Số [0-9]{1,3}( hẻm [0-9]{1,3})?"], 1..5),
        any::<u32>(),
        proptest::option::of([
            words(0..3).boxed(),
            words(0..3).boxed(),
            "[0-9]{0,12}".boxed(),
            Just(String::new()).boxed(),
        ]),
    )
        .prop_map(|(place, days, female, tail, old_id, name, addr, issue_seed, extra)| {
            let birth = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::TimeDelta::days(days);
            let digit = (birth.year() - 1900) / 100 * 2 + i32::from(female);
            let id = format!("{place}{digit}{:02}{tail}", birth.year() % 100);
            let first = birth.max(NaiveDate::from_ymd_opt(2016, 1, 1).unwrap());
            let span = (as_of() - first).num_days() + 1;
            let issued = first + chrono::TimeDelta::days(i64::from(issue_seed) % span);
            GenCard {
                id,
                old_id,
                name,
                birth,
                sex: if female { Sex::Female } else { Sex::Male },
                address: addr.join(", "),
                issued,
                extra,
            }
        })
}

/// The rule as the law states it, computed the slow, obvious way.
fn expiry_reference(birth: NaiveDate, issue: NaiveDate) -> Option<NaiveDate> {
    let bday = |age: u32| birth.checked_add_months(chrono::Months::new(age * 12));
    [14u32, 25, 40, 60]
        .into_iter()
        .find_map(|m| if issue < bday(m - 2)? { bday(m) } else { None })
}

proptest! {
    #[test]
    fn expiry_matches_the_reference_rule(b in 0i64..60_000, age_days in -400i64..40_000) {
        let birth = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::TimeDelta::days(b);
        let issue = birth + chrono::TimeDelta::days(age_days);
        prop_assert_eq!(cccd::expiry_date(birth, issue), expiry_reference(birth, issue));
    }

    #[test]
    fn expiry_matches_on_leap_day_births(y in 0i32..49, d in -800i64..800, m in proptest::sample::select(vec![14u32, 25, 40, 60])) {
        let birth = NaiveDate::from_ymd_opt(1904 + 4 * y, 2, 29).unwrap();
        let around = birth.checked_add_months(chrono::Months::new((m - 2) * 12)).unwrap() + chrono::TimeDelta::days(d);
        prop_assert_eq!(cccd::expiry_date(birth, around), expiry_reference(birth, around));
    }
}
