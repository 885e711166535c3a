//! Conformance fixtures: synthetic scans, valid ones with expected fields,
//! invalid ones with the rule they break. "Today" is 2026-01-01 for all.
//!
//! * `tests/data/cccd-conformance.jsonl` — the project's own set (107
//!   scans), written by `scripts/gen-conformance.py` with expectations
//!   computed in Python from the rules in docs/cccd.md, not by motcua.
//! * `../shared/fixtures/cccd-conformance.jsonl` — 60 more from outside the
//!   project, checked only when `../shared` is beside the clone.

use chrono::NaiveDate;
use motcua::cccd::{self, Repair};
use serde_json::Value;

fn read(path: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn own() -> Vec<Value> {
    read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/cccd-conformance.jsonl"
    ))
}

/// The shared set, when `../shared` is beside the clone.
fn shared() -> Option<Vec<Value>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/fixtures/cccd-conformance.jsonl"
    );
    std::path::Path::new(path).exists().then(|| read(path))
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
}

/// The repairs a valid fixture needs: its `expect.repairs` (our set), or
/// what its kind implies (the shared set).
fn expected_repairs(fx: &Value) -> Vec<Repair> {
    if let Some(list) = fx["expect"]["repairs"].as_array() {
        return list
            .iter()
            .map(|c| *Repair::ALL.iter().find(|r| r.code() == c).unwrap())
            .collect();
    }
    match fx["kind"].as_str().unwrap() {
        "clean" => vec![],
        "crlf" | "lf" | "tab" => vec![Repair::StripSuffix],
        "nfd" => vec![Repair::Nfc],
        "bom" => vec![Repair::StripBom],
        "mojibake" => vec![Repair::Mojibake],
        "mojibake_crlf" => vec![Repair::StripSuffix, Repair::Mojibake],
        other => panic!("unknown fixture kind {other}"),
    }
}

/// The error code for an invalid fixture: its `expect.error` (our set), or
/// ours for the rule its kind names (the shared set).
fn expected_code(fx: &Value) -> &str {
    if let Some(code) = fx["expect"]["error"].as_str() {
        return code;
    }
    match fx["kind"].as_str().unwrap().strip_prefix("invalid:").unwrap() {
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

/// Checks every fixture of a set; returns (valid, invalid) counts.
fn check(all: &[Value]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    for fx in all {
        let kind = fx["kind"].as_str().unwrap();
        let payload = fx["payload"].as_str().unwrap();
        let expect = &fx["expect"];
        let result = cccd::repair(payload).and_then(|r| {
            let card = r.parse_as_of(as_of())?;
            Ok((r.repairs(), card.to_payload(), card_json(&card)))
        });
        if kind.starts_with("invalid:") {
            invalid += 1;
            assert_eq!(expect["ok"], false);
            let err = result.expect_err(kind);
            assert_eq!(err.code(), expected_code(fx), "{kind}");
            continue;
        }
        valid += 1;
        let (repairs, clean, got) = result.unwrap_or_else(|e| panic!("{kind}: {}", e.code()));
        assert_eq!(repairs.iter().collect::<Vec<_>>(), expected_repairs(fx), "{kind}");
        for (k, v) in expect.as_object().unwrap() {
            if k != "ok" && k != "repairs" {
                assert_eq!(&got[k.as_str()], v, "{kind}: field {k}");
            }
        }
        // The repaired text is clean: the strict parser accepts it as is.
        let strict = cccd::parse_as_of(&clean, as_of()).unwrap();
        assert_eq!(card_json(&strict), got);
    }
    (valid, invalid)
}

#[test]
fn every_own_fixture_gives_the_expected_result() {
    let all = own();
    assert_eq!(check(&all), (82, 25));
    // Every kind of scanner damage and every broken rule is there.
    for kind in [
        "clean",
        "lf",
        "crlf",
        "tab",
        "cr",
        "nfd",
        "bom",
        "mojibake",
        "mojibake_crlf",
        "born_abroad",
        "expired",
    ] {
        assert!(all.iter().any(|f| f["kind"] == kind), "{kind}");
    }
}

#[test]
fn every_shared_fixture_gives_the_expected_result() {
    let Some(all) = shared() else {
        eprintln!("../shared/fixtures is not beside the clone: skipped");
        return;
    };
    assert_eq!(check(&all), (40, 20));
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
        "expired": c.is_expired(),
        "province_code": c.id().province_code(),
        "province": c.id().province().map(|p| p.name),
        "born_abroad": c.id().born_abroad(),
    })
}

#[test]
fn strict_parser_refuses_every_fixture_that_needs_a_repair() {
    for fx in own().into_iter().chain(shared().unwrap_or_default()) {
        let kind = fx["kind"].as_str().unwrap();
        if kind.starts_with("invalid:") {
            continue;
        }
        let needs = expected_repairs(&fx);
        if needs.is_empty() {
            continue;
        }
        let err = cccd::parse_as_of(fx["payload"].as_str().unwrap(), as_of()).unwrap_err();
        assert_eq!(err.code(), "needs_repair", "{kind}");
        let cccd::Error::NeedsRepair(r) = err else {
            unreachable!()
        };
        assert_eq!(Some(&r), needs.first(), "{kind}");
    }
}
