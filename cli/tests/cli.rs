//! The `motcua` binary end to end: stdin streaming, JSON contract, exit codes.

use std::process::Output;

mod common;
use common::{motcua, scratch};

use serde_json::Value;

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

/// Streams a conformance set through stdin as a scanner types it and checks
/// each output line against the fixture's expected fields and error code.
/// (Repairs are not compared: the CLI splits lines at CR and LF, so a
/// suffix never reaches the parser here.)
fn stream_fixtures(path: &str) {
    let fixtures: Vec<Value> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|f| !f["payload"].as_str().unwrap().trim().is_empty())
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
            match k.as_str() {
                "repairs" => {}
                "error" => assert_eq!(&got["error"]["code"], v, "{kind}"),
                _ => assert_eq!(&got[k.as_str()], v, "{kind}: {k}"),
            }
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
            assert!(got["born_abroad"] == true || got["province"].is_string());
        }
    }
}

#[test]
fn streams_the_own_fixtures_through_stdin() {
    stream_fixtures(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../core/tests/data/cccd-conformance.jsonl"
    ));
}

#[test]
fn streams_the_shared_fixtures_through_stdin_when_present() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/fixtures/cccd-conformance.jsonl"
    );
    if !std::path::Path::new(path).exists() {
        eprintln!("../shared/fixtures is not beside the clone: skipped");
        return;
    }
    stream_fixtures(path);
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

/// A batch of 30,000 lines (past many 64 KiB output blocks) with a bad line
/// every 1,000: the full output keeps every line in order; `--errors-only`
/// prints just the bad ones, with their line numbers, and the same exit status.
#[test]
fn batch_output_in_order_and_errors_only() {
    let good = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Hà Nội|15042021";
    let bad = "001090123456|123456789|Nguyễn Văn A|01011991|Nam|Số 1 Phố X, Hà Nội|15042021";
    let stdin: String = (1..=30_000)
        .map(|n| {
            if n % 1000 == 0 {
                format!("{bad}\n")
            } else {
                format!("{good}\n")
            }
        })
        .collect();
    let all = motcua(&["cccd", "--as-of", "2026-01-01"], stdin.as_bytes());
    assert_eq!(all.status.code(), Some(1));
    let lines = json_lines(&all);
    assert_eq!(lines.len(), 30_000);
    for (i, v) in lines.iter().enumerate() {
        assert_eq!(v["line"], i as u64 + 1);
        assert_eq!(v["ok"], (i + 1) % 1000 != 0);
    }
    let errors = motcua(&["cccd", "--as-of", "2026-01-01", "--errors-only"], stdin.as_bytes());
    assert_eq!(errors.status.code(), Some(1));
    let lines = json_lines(&errors);
    let numbers: Vec<_> = lines.iter().map(|v| v["line"].as_u64().unwrap()).collect();
    assert_eq!(numbers, (1..=30).map(|k| k * 1000).collect::<Vec<_>>());
    assert!(lines.iter().all(|v| v["error"]["code"] == "id_birth_year_mismatch"));
    let clean = motcua(
        &["cccd", "--as-of", "2026-01-01", "--errors-only"],
        format!("{good}\n{good}\n").as_bytes(),
    );
    assert_eq!(clean.status.code(), Some(0));
    assert!(clean.stdout.is_empty());
    let text = motcua(
        &["cccd", "--as-of", "2026-01-01", "--errors-only", "--format", "text"],
        stdin.as_bytes(),
    );
    assert_eq!(
        String::from_utf8_lossy(&text.stdout)
            .matches("id_birth_year_mismatch")
            .count(),
        30
    );
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
    assert!(s.contains("*********456") && s.contains("N. V. A."), "{s}");
    assert!(!s.contains("Nguyễn Văn A") && !s.contains("001090123456"));
    assert!(s.contains("không thời hạn"));
}

#[test]
fn dossier_sample_encodes_to_a_receipt_that_decodes_back() {
    let out = motcua(&["dossier", "encode", "--sample"], b"");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains('▀') || text.contains('▄'));
    let payload = text.lines().find(|l| l.starts_with("https://")).unwrap();
    assert!(text.contains("QR version 10 (57×57 modules), level M"), "{text}");

    let out = motcua(&["dossier", "decode"], format!("{payload}\r\n\nhello\r\n").as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["paper"], "receipt");
    assert_eq!(lines[0]["appointment"], "2026-11-27T14:00");
    assert_eq!(lines[0]["system"], "Hệ thống thông tin giải quyết TTHC tỉnh Quảng Ngãi");
    // Same error shape as `motcua cccd`, plus the field.
    assert_eq!(lines[1]["ok"], false);
    assert_eq!(lines[1]["line"], 3);
    assert_eq!(lines[1]["error"]["code"], "dossier_code_format");
    assert!(lines[1]["error"]["message_vi"]
        .as_str()
        .unwrap()
        .contains("Mã số hồ sơ"));
    assert_eq!(lines[1]["error"]["field"], "dossier_code");
}

#[test]
fn dossier_decode_output_is_encode_input() {
    let decoded = motcua(&["dossier", "decode", "--sample"], b"");
    assert!(decoded.status.success());
    let out = motcua(&["dossier", "encode", "--format", "json"], &decoded.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let v = &json_lines(&out)[0];
    let again = motcua(&["dossier", "encode", "--sample", "--format", "payload"], b"");
    assert_eq!(
        v["payload"].as_str().unwrap(),
        String::from_utf8(again.stdout).unwrap().trim_end()
    );
    assert_eq!(v["version"], 10);
    assert_eq!(v["ecc"], "M");
}

#[test]
fn dossier_encode_from_flags_writes_svg_and_png() {
    let scratch_dir = scratch("cli");
    let dir = scratch_dir.path().to_path_buf();
    let (svg, png) = (dir.join("qr.svg"), dir.join("qr.png"));
    let out = motcua(
        &[
            "dossier",
            "encode",
            "--dossier-code",
            "000.00.53.H48-261120-0042",
            "--procedure-code",
            "1.001612.000.00.00.H48",
            "--applicant",
            "001090123456",
            "--paper-name",
            "Giấy phép xây dựng",
            "--system",
            "Cổng Dịch vụ công tỉnh Quảng Ngãi",
            "--issued-at",
            "2026-11-20T02:15:00Z",
            "--indefinite",
            "--scope",
            "Toàn quốc",
            "--privacy",
            "masked",
            "--format",
            "payload",
            "--svg",
            svg.to_str().unwrap(),
            "--caption",
            "Mã hồ sơ",
            "--png",
            png.to_str().unwrap(),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let payload = String::from_utf8(out.stdout).unwrap();
    assert!(payload.contains("/DD:*********456/") && payload.contains("/TG:2611200915/") && payload.contains("/HL:0/"));
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains(">Mã hồ sơ</text>"));
    assert_eq!(&std::fs::read(&png).unwrap()[..8], b"\x89PNG\r\n\x1a\n");
    let back = motcua(&["dossier", "decode", "--payload", payload.trim_end()], b"");
    let v = &json_lines(&back)[0];
    assert_eq!(v["paper"]["other"], "Giấy phép xây dựng");
    assert_eq!(v["validity"], "indefinite");
    assert_eq!(v["issued_at"], "2026-11-20T09:15:00+07:00");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn dossier_encode_errors_are_json_and_leak_nothing() {
    // A receipt without an appointment.
    let out = motcua(
        &[
            "dossier",
            "encode",
            "--dossier-code",
            "000.00.53.H48-261120-0042",
            "--procedure-code",
            "1.001612",
            "--applicant",
            "001090123456",
            "--paper",
            "receipt",
            "--system",
            "X",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let v = &json_lines(&out)[0];
    assert_eq!(
        (v["ok"].clone(), v["error"]["code"].clone()),
        (Value::Bool(false), "field_missing".into())
    );
    assert_eq!(v["error"]["field"], "appointment");
    // Broken JSON on stdin: the message must not quote the applicant's ID.
    let out = motcua(
        &["dossier", "encode"],
        br#"{"dossier_code": 1, "applicant": "001090123456"}"#,
    );
    let v = &json_lines(&out)[0];
    assert_eq!(v["error"]["code"], "json_invalid");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("001090123456"));
    // Bad flag values are usage errors (exit 2).
    assert_eq!(
        motcua(&["dossier", "encode", "--paper", "poster"], b"").status.code(),
        Some(2)
    );
}

/// Issue #20: phones and Zalo send WebP; `decode` reads it by content
/// (whatever the name), and a file that only claims to be WebP is an
/// `image_format` error.
#[test]
fn decode_reads_webp_photos() {
    let scratch_dir = scratch("cli-webp");
    let dir = scratch_dir.path().to_path_buf();
    let text = "https://dichvucong.gov.vn/tra-cuu?ma=H01.01-241201-0001";
    let code = motcua::qr::encode(text, &motcua::qr::QrOptions::default()).unwrap();
    let png = image::load_from_memory(&code.to_png(4).unwrap()).unwrap().into_luma8();
    let mut webp = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
        .encode(png.as_raw(), png.width(), png.height(), image::ExtendedColorType::L8)
        .unwrap();
    assert_eq!(&webp[8..12], b"WEBP");
    for name in ["receipt.webp", "receipt.jpg"] {
        let path = dir.join(name);
        std::fs::write(&path, &webp).unwrap();
        let out = motcua(&["decode", path.to_str().unwrap(), "--format", "json"], b"");
        assert!(out.status.success(), "{name}: {out:?}");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["text"], text, "{name}");
    }
    // The RIFF header of a WebP and nothing a decoder can use.
    let mut fake = b"RIFF\x20\x00\x00\x00WEBPVP8 ".to_vec();
    fake.extend_from_slice(&[0x55; 24]);
    let path = dir.join("fake.webp");
    std::fs::write(&path, &fake).unwrap();
    let out = motcua(&["decode", path.to_str().unwrap(), "--format", "json"], b"");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "image_format", "{v}");
    assert!(v["error"]["message"].as_str().unwrap().contains("WebP"), "{v}");
}
