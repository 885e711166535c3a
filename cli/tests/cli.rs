//! The `motcua` binary end to end: stdin streaming, JSON contract, exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn motcua(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn sample_runs_clean_and_shows_repairs() {
    let out = motcua(&["cccd", "--sample", "--as-of", "2026-11-23"], b"");
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 5);
    assert!(lines.iter().all(|v| v["ok"] == true));
    let repairs: Vec<_> = lines.iter().map(|v| v["repairs"].to_string()).collect();
    assert_eq!(
        repairs,
        [
            r#"[]"#,
            r#"["strip_suffix"]"#,
            r#"["strip_suffix"]"#,
            r#"["mojibake"]"#,
            r#"["nfc"]"#
        ]
    );
    assert_eq!(lines[3]["name"], "Phạm Thị Hường");
    assert_eq!(lines[4]["expiry_date"], Value::Null);
    assert_eq!(lines[2]["layout"], "2024");
    assert_eq!(lines[2]["extra"], serde_json::json!(["", "", "", ""]));
}

#[test]
fn streams_the_shared_fixtures_through_stdin() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/fixtures/cccd-conformance.jsonl"
    );
    let fixtures: Vec<Value> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut stdin = Vec::new();
    for f in &fixtures {
        // As a scanner types it: the payload (with its own suffix, if any), then Enter.
        stdin.extend_from_slice(f["payload"].as_str().unwrap().as_bytes());
        stdin.push(b'\n');
    }
    let out = motcua(&["cccd", "--as-of", "2026-01-01"], &stdin);
    assert_eq!(out.status.code(), Some(1), "some fixtures are invalid");
    let lines = json_lines(&out);
    assert_eq!(
        lines.len(),
        fixtures.len(),
        "blank lines (from LF-suffixed payloads) are skipped"
    );
    for (f, got) in fixtures.iter().zip(&lines) {
        let kind = f["kind"].as_str().unwrap();
        for (k, v) in f["expect"].as_object().unwrap() {
            assert_eq!(&got[k.as_str()], v, "{kind}: {k}");
        }
        if got["ok"] == false {
            let e = &got["error"];
            assert!(e["code"]
                .as_str()
                .unwrap()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_'));
            assert!(!e["message"].as_str().unwrap().is_empty());
            assert!(!e["message_vi"].as_str().unwrap().is_empty());
        } else {
            assert!(got["line"].as_u64().unwrap() >= 1);
            assert!(got["province"].is_string());
        }
    }
}

#[test]
fn bad_lines_do_not_stop_the_stream() {
    let good = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Hà Nội|15042021";
    let mut stdin = Vec::new();
    stdin.extend_from_slice(b"001090123456|\xff\xfe|broken\n");
    stdin.extend(std::iter::repeat_n(b'7', 100_000));
    stdin.push(b'\n');
    stdin.extend_from_slice(good.as_bytes()); // last line without newline
    let out = motcua(&["cccd", "--as-of", "2026-01-01"], &stdin);
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    let codes: Vec<_> = lines
        .iter()
        .map(|v| v["error"]["code"].as_str().unwrap_or("ok"))
        .collect();
    assert_eq!(codes, ["not_utf8", "too_long", "ok"]);
    assert_eq!(lines[2]["line"], 3);
    // Errors never echo the input.
    assert!(!String::from_utf8_lossy(&out.stdout).contains("7777"));
}

#[test]
fn cr_only_and_crlf_line_ends_are_line_ends() {
    let a = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Hà Nội|15042021";
    let b = "079303000001||Trần Thị B|05052003|Nữ|Ấp 1, Xã X|20062021";
    // A scanner set to send CR only, then one set to CRLF, then a TAB suffix.
    let stdin = format!("{a}\r{b}\r{a}\r\n{b}\t\r\n");
    let out = motcua(&["cccd", "--as-of", "2026-01-01"], stdin.as_bytes());
    assert!(out.status.success());
    let lines = json_lines(&out);
    let ids: Vec<_> = lines.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["001090123456", "079303000001", "001090123456", "079303000001"]);
    let numbers: Vec<_> = lines.iter().map(|v| v["line"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    // Line ends are not payload: only the TAB suffix is reported as a repair.
    let repairs: Vec<_> = lines.iter().map(|v| v["repairs"].to_string()).collect();
    assert_eq!(repairs, ["[]", "[]", "[]", r#"["strip_suffix"]"#]);
}

#[test]
fn exit_codes_and_cmnd_link() {
    let good = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Hà Nội|15042021";
    let ok = motcua(&["cccd", "--payload", good, "--cmnd", "123456789"], b"");
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(json_lines(&ok)[0]["cmnd_link"], "linked");
    let mismatch = motcua(&["cccd", "--payload", good, "--cmnd", "987654321"], b"");
    assert_eq!(mismatch.status.code(), Some(1));
    assert_eq!(json_lines(&mismatch)[0]["cmnd_link"], "mismatch");
    let bad_arg = motcua(&["cccd", "--payload", good, "--cmnd", "12"], b"");
    assert_eq!(bad_arg.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_arg.stderr).contains("9 chữ số"));
    let bad_date = motcua(&["cccd", "--payload", good, "--as-of", "2026-13-01"], b"");
    assert_eq!(bad_date.status.code(), Some(2));
    // as_of decides "in the future".
    let early = motcua(&["cccd", "--payload", good, "--as-of", "2021-04-14"], b"");
    assert_eq!(json_lines(&early)[0]["error"]["code"], "issue_date_in_future");
}

#[test]
fn text_format_is_readable_and_masks_on_request() {
    let bad = "001190123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Hà Nội|15042021";
    let out = motcua(&["cccd", "--format", "text", "--payload", bad], b"");
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("[id_sex_mismatch]") && s.contains("không khớp với giới tính"),
        "{s}"
    );
    let out = motcua(
        &[
            "cccd",
            "--format",
            "text",
            "--sample",
            "--mask",
            "--as-of",
            "2026-11-23",
        ],
        b"",
    );
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("001******456") && s.contains("N***** V** A"), "{s}");
    assert!(!s.contains("Nguyễn Văn A") && !s.contains("001090123456"));
    assert!(s.contains("không thời hạn"));
}
