//! `motcua decode PHOTO` end to end, on the committed example photos (made
//! by the distorted-set generator from the synthetic samples) and on
//! photos the test writes itself.

mod common;
use common::{motcua, scratch};

const A: &str = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021";

fn photo(name: &str) -> String {
    format!("{}/../examples/photos/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn the_payload_of_a_card_photo() {
    let out = motcua(&["decode", &photo("card.png")], b"");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(stdout(&out), format!("{A}\n"));
    // JSON: metadata, corners, and the bytes in hex.
    let out = motcua(&["decode", &photo("card.png"), "--format", "json"], b"");
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["text"], A);
    assert_eq!(v["charset"], "utf-8");
    assert_eq!(v["ecc"], "M");
    assert_eq!(v["corners"].as_array().unwrap().len(), 4);
    let hex: String = A.bytes().map(|b| format!("{b:02x}")).collect();
    assert_eq!(v["bytes_hex"], hex);
}

#[test]
fn cccd_and_dossier_in_one_go() {
    let out = motcua(
        &[
            "decode",
            &photo("card.png"),
            "--cccd",
            "--as-of",
            "2026-11-23",
            "--mask",
        ],
        b"",
    );
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["id"], "*********456");
    // Masked: the province of birth is digits 1–3 of the ID (docs/cccd.md).
    assert_eq!(v["province"], serde_json::Value::Null);
    assert_eq!(v["province_code"], serde_json::Value::Null);
    assert!(!stdout(&out).contains("Nguyễn"));
    // A JPEG photo of a receipt held at a slant.
    let out = motcua(&["decode", &photo("receipt.jpg"), "--dossier", "--mask"], b"");
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["dossier_code"], "000.00.53.H48-261120-0042");
    assert_eq!(v["paper"], "receipt");
    assert_eq!(v["applicant"], "*********456");
    // The card is not a dossier QR: exit 1 with the dossier error.
    let out = motcua(&["decode", &photo("card.png"), "--dossier"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("\"ok\":false"));
}

#[test]
fn a_png_the_cli_made_itself_reads_back() {
    let scratch_dir = scratch("decode");
    let dir = scratch_dir.path().to_path_buf();
    let png = dir.join("receipt.png");
    let out = motcua(
        &[
            "dossier",
            "encode",
            "--sample",
            "--png",
            png.to_str().unwrap(),
            "--format",
            "payload",
        ],
        b"",
    );
    assert!(out.status.success());
    let payload = stdout(&out);
    let read = motcua(&["decode", png.to_str().unwrap()], b"");
    assert_eq!(stdout(&read), payload);
}

#[test]
fn errors_are_json_with_both_languages() {
    let scratch_dir = scratch("decode-err");
    let dir = scratch_dir.path().to_path_buf();
    let not_image = dir.join("notes.png");
    std::fs::write(&not_image, "not a picture").unwrap();
    for (path, code) in [
        (not_image.to_str().unwrap().to_owned(), "image_format"),
        (dir.join("missing.jpg").to_str().unwrap().to_owned(), "file_read"),
    ] {
        let out = motcua(&["decode", &path], b"");
        assert_eq!(out.status.code(), Some(1), "{path}");
        let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
        assert_eq!(v["error"]["code"], code);
        assert!(v["error"]["message_vi"].as_str().unwrap().len() > 5);
    }
    // A photo without a code.
    let blank = dir.join("blank.png");
    let out = motcua(
        &["dossier", "encode", "--sample", "--png", blank.to_str().unwrap()],
        b"",
    );
    assert!(out.status.success());
    let img = ::image::open(&blank).unwrap().to_luma8();
    let white = ::image::GrayImage::from_pixel(img.width(), img.height(), ::image::Luma([255]));
    white.save(&blank).unwrap();
    let out = motcua(&["decode", blank.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("\"code\":\"image_no_qr\""));
    assert!(stdout(&out).contains("Không tìm thấy mã QR trong ảnh"));
}
