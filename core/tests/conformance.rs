//! The shared conformance fixtures (../shared/fixtures/cccd-conformance.jsonl):
//! 60 synthetic scans, valid ones with expected fields, invalid ones with the
//! rule they break. "Today" is 2026-01-01 for all of them.

use chrono::NaiveDate;
use motcua::cccd::{self, Repair};
use serde_json::Value;

fn fixtures() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/fixtures/cccd-conformance.jsonl"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e} (is ../shared beside the repo?)"));
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

fn expected_repairs(kind: &str) -> Vec<Repair> {
    match kind {
        "clean" => vec![],
        "crlf" | "lf" | "tab" => vec![Repair::StripSuffix],
        "nfd" => vec![Repair::Nfc],
        "bom" => vec![Repair::StripBom],
        "mojibake" => vec![Repair::Mojibake],
        "mojibake_crlf" => vec![Repair::StripSuffix, Repair::Mojibake],
        other => panic!("unknown fixture kind {other}"),
    }
}

/// Our error code for each rule the fixtures break.
fn expected_code(rule: &str) -> &'static str {
    match rule {
        "bad_province" => "id_province_unknown",
        "letter_in_id" => "id_not_digits",
        "field_count" | "pipe_lost" => "field_count",
        "old_id_8" => "old_id_invalid",
        "issued_before_birth" => "issue_date_before_birth",
        "short_id" => "id_length",
        "bad_issue_date" => "issue_date_invalid",
        "bad_sex_word" => "sex_invalid",
        "bad_date" => "birth_date_invalid",
        other => panic!("unknown invalid rule {other}"),
    }
}

#[test]
fn every_fixture_gives_the_expected_result() {
    let all = fixtures();
    assert_eq!(all.len(), 60);
    let (mut valid, mut invalid) = (0, 0);
    for fx in &all {
        let kind = fx["kind"].as_str().unwrap();
        let payload = fx["payload"].as_str().unwrap();
        let expect = &fx["expect"];
        let result = cccd::repair(payload).and_then(|r| {
            let card = r.parse_as_of(as_of())?;
            Ok((r.repairs(), card.to_payload(), card_json(&card)))
        });
        if let Some(rule) = kind.strip_prefix("invalid:") {
            invalid += 1;
            assert_eq!(expect["ok"], false);
            let err = result.expect_err(kind);
            assert_eq!(err.code(), expected_code(rule), "{kind}");
            continue;
        }
        valid += 1;
        let (repairs, clean, got) = result.unwrap_or_else(|e| panic!("{kind}: {}", e.code()));
        assert_eq!(repairs.iter().collect::<Vec<_>>(), expected_repairs(kind), "{kind}");
        for (k, v) in expect.as_object().unwrap() {
            if k != "ok" {
                assert_eq!(&got[k.as_str()], v, "{kind}: field {k}");
            }
        }
        // The repaired text is clean: the strict parser accepts it as is.
        let strict = cccd::parse_as_of(&clean, as_of()).unwrap();
        assert_eq!(card_json(&strict), got);
    }
    assert_eq!((valid, invalid), (40, 20));
}

/// The fields of the CLI contract, built from the accessors (no serde feature needed).
fn card_json(c: &cccd::Card<'_>) -> Value {
    serde_json::json!({
        "layout": c.layout().as_str(),
        "id": c.id().as_str(),
        "old_id": c.old_id().map(|o| o.as_str()),
        "name": c.name(),
        "birth_date": c.birth_date().to_string(),
        "sex": c.sex().as_str(),
        "address": c.address(),
        "issue_date": c.issue_date().to_string(),
        "expiry_date": c.expiry_date().map(|d| d.to_string()),
        "province_code": c.id().province_code(),
    })
}

#[test]
fn strict_parser_refuses_every_fixture_that_needs_a_repair() {
    for fx in fixtures() {
        let kind = fx["kind"].as_str().unwrap();
        if kind.starts_with("invalid:") || kind == "clean" {
            continue;
        }
        let err = cccd::parse_as_of(fx["payload"].as_str().unwrap(), as_of()).unwrap_err();
        assert_eq!(err.code(), "needs_repair", "{kind}");
        let cccd::Error::NeedsRepair(r) = err else {
            unreachable!()
        };
        assert_eq!(Some(&r), expected_repairs(kind).first(), "{kind}");
    }
}
