//! `motcua sheet` and `motcua poster` end to end: outputs, errors that name
//! the CSV line, nothing written on failure.

use std::path::Path;

mod common;
use common::{motcua, scratch};

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn sheet_from_a_scanner_line_on_stdin() {
    let scan = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021\r\n";
    let out = motcua(
        &[
            "sheet",
            "--office",
            "UBND xã Minh Khai",
            "--scanned-at",
            "2026-11-20T09:15:00+07:00",
        ],
        scan.as_bytes(),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<td>Nguyễn Văn A</td>") && html.contains("☑ Số CMND cũ"));
    assert!(html.contains("Quét mã QR lúc 09:15 ngày 20/11/2026 tại UBND xã Minh Khai."));
    // --mask and --fragment.
    let out = motcua(&["sheet", "--scan", scan, "--mask", "--fragment"], b"");
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<article class=\"motcua-sheet\">"));
    assert!(!html.contains("001090123456") && html.contains("*********456"));
}

#[test]
fn sheet_sample_carries_the_receipt_qr_and_bad_scans_fail() {
    let dir_guard = scratch("print-sheet");
    let dir = dir_guard.path().to_path_buf();
    let file = dir.join("sheet.html");
    let out = motcua(&["sheet", "--sample", "-o", file.to_str().unwrap()], b"");
    assert!(out.status.success());
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("<div class=\"ms-qr\"><svg") && html.contains("000.00.53.H48-261120-0042"));
    // A sex digit that contradicts the card: the card's error, no output.
    let bad = "001190123456|123456789|Nguyễn Văn A|01011990|Nam|Hà Nội|15042021";
    let out = motcua(&["sheet", "--scan", bad], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("id_sex_mismatch") && !err.contains("0011901"), "{err}");
    // A dossier of another person.
    let other = "079303000001||Trần Thị B|05052003|Nữ|Ấp 1, Xã X, Huyện Y, Thành phố Hồ Chí Minh|20062021";
    let receipt = motcua(&["dossier", "encode", "--sample", "--format", "payload"], b"");
    let payload = String::from_utf8(receipt.stdout).unwrap();
    let out = motcua(&["sheet", "--scan", other, "--dossier", payload.trim()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("sheet_dossier_applicant"));
}

#[test]
fn poster_sample_writes_pages_and_html() {
    let dir_guard = scratch("print-poster");
    let dir = dir_guard.path().to_path_buf();
    let out = motcua(&["poster", "--sample", "-o", dir.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        files(&dir),
        [
            ".motcua-poster",
            "poster-1.svg",
            "poster-2.svg",
            "poster-3.svg",
            "poster.html"
        ]
    );
    let html = std::fs::read_to_string(dir.join("poster.html")).unwrap();
    assert_eq!(html.matches("<section class=\"page\">").count(), 3);
    assert!(String::from_utf8_lossy(&out.stderr).contains("25 codes, 3 pages"));
    // A shorter list from stdin: stale pages of the longer run are removed.
    let csv = "code,name,url\n1.001193,Đăng ký khai sinh,https://dichvucong.gov.vn/x?ma_thu_tuc=1.001193\n";
    let out = motcua(
        &["poster", "-", "--title", "UBND xã A", "-o", dir.to_str().unwrap()],
        csv.as_bytes(),
    );
    assert!(out.status.success());
    assert_eq!(files(&dir), [".motcua-poster", "poster-1.svg", "poster.html"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("removed poster-2.svg") && err.contains("removed poster-3.svg"),
        "{err}"
    );
}

#[test]
fn bad_csv_names_the_line_and_writes_nothing() {
    let dir_guard = scratch("print-bad");
    let dir = dir_guard.path().to_path_buf();
    let out_dir = dir.join("out");
    let csv = dir.join("list.csv");
    let cases: [(&[u8], &str, &str); 4] = [
        (
            b"code,name,url\n1.001193,Khai sinh,https://a.vn/1\n1.000894,,https://a.vn/2\n",
            "csv_missing_field",
            "line 3 of the CSV: the name is missing",
        ),
        (
            b"code,name,url\n1.001193,Khai sinh,https://a.vn/1\n1.000894,K\xe9t h\xf4n,https://a.vn/2\n",
            "csv_not_utf8",
            "line 3 of the CSV is not UTF-8",
        ),
        (b"code,name\n", "csv_missing_column", "no url column"),
        (
            b"code,name,url\n1.001193,Khai sinh,https://a.vn/1111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111\n",
            "csv_url_too_long",
            "line 2 of the CSV: the URL is longer than 150",
        ),
    ];
    for (bytes, code, message) in cases {
        std::fs::write(&csv, bytes).unwrap();
        let out = motcua(
            &[
                "poster",
                csv.to_str().unwrap(),
                "--title",
                "UBND",
                "-o",
                out_dir.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(code) && err.contains(message), "{err}");
        assert!(
            err.contains("Dòng") || err.contains("Dòng tiêu đề"),
            "Vietnamese too: {err}"
        );
        assert!(!out_dir.exists(), "nothing written");
    }
    // A grid too fine for 50 cm.
    let out = motcua(
        &[
            "poster",
            "--sample",
            "--columns",
            "4",
            "--rows",
            "4",
            "-o",
            out_dir.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("poster_layout"));
    assert!(!out_dir.exists());
}
