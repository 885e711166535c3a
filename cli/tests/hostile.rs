//! Regression tests for the defects a hostile-input review found (issue
//! #19): each failed before its fix.

use std::path::Path;
use std::process::{Command, Output, Stdio};

mod common;
use common::{motcua, scratch};

const CARD_B: &str = "079303000654||Trần Thị Bích|05052003|Nữ|Ấp 1, Xã X, Huyện Y, Thành phố Hồ Chí Minh|20062021";

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `motcua args…` with its address space capped (`ulimit -v`, KiB): a read
/// or decode that grows without bound fails instead of eating the machine.
#[cfg(unix)]
fn motcua_capped(kib: u64, args: &[&str]) -> Output {
    let mut cmd = format!("ulimit -v {kib}; exec \"$0\"");
    for i in 0..args.len() {
        cmd.push_str(&format!(" \"${}\"", i + 1));
    }
    Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .arg(env!("CARGO_BIN_EXE_motcua"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(text(&out.stdout).trim()).unwrap_or_else(|e| panic!("{e}: {out:?}"))
}

// 1. Masking ------------------------------------------------------------

#[test]
fn masked_outputs_never_show_the_birthday_nor_the_id_prefix() {
    let as_of = ["--as-of", "2026-11-23"];
    let runs = [
        motcua(&[&["cccd", "--mask", "--payload", CARD_B][..], &as_of].concat(), b""),
        motcua(
            &[&["cccd", "--mask", "--format", "text", "--payload", CARD_B][..], &as_of].concat(),
            b"",
        ),
        motcua(
            &[
                "sheet",
                "--mask",
                "--scan",
                CARD_B,
                "--scanned-at",
                "2026-11-23T09:00:00+07:00",
            ],
            b"",
        ),
    ];
    for out in &runs {
        assert!(out.status.success(), "{out:?}");
        let s = text(&out.stdout);
        // The card expires on the 25th birthday, 2028-05-05.
        for leak in [
            "2028-05-05",
            "05/05/2028",
            "05/05",
            "05-05",
            "079303",
            "079*",
            "Bích",
            "Hồ Chí Minh 079",
        ] {
            assert!(!s.contains(leak), "{leak} in {s}");
        }
        assert!(s.contains("*********654"), "{s}");
        assert!(s.contains("2028"), "the expiry year stays: {s}");
    }
    let v = json(&runs[0]);
    assert_eq!(v["expiry_date"], "2028-**-**");
    assert_eq!(v["province_code"], serde_json::Value::Null);
}

// 2. Unbounded reads ----------------------------------------------------

#[cfg(unix)]
#[test]
fn decode_of_an_endless_file_stops_at_the_cap() {
    let out = motcua_capped(1 << 20, &["decode", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let v = json(&out);
    assert_eq!(v["error"]["code"], "input_too_large");
    assert!(v["error"]["message"].as_str().unwrap().contains("100 MiB"));
    assert!(!v["error"]["message_vi"].as_str().unwrap().is_empty());
}

#[test]
fn poster_refuses_a_csv_over_the_cap_from_a_file_and_from_stdin() {
    let dir_guard = scratch("hostile-bigcsv");
    let dir = dir_guard.path().to_path_buf();
    let mut csv = b"code,name,url\n".to_vec();
    let row = b"1.001193,Dang ky khai sinh,https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1\n";
    while csv.len() <= 17 << 20 {
        csv.extend_from_slice(row);
    }
    let path = dir.join("big.csv");
    std::fs::write(&path, &csv).unwrap();
    let out_dir = dir.join("out");
    let o = out_dir.to_str().unwrap();
    for out in [
        motcua(&["poster", path.to_str().unwrap(), "--title", "UBND", "-o", o], b""),
        // Stdin was cut at 16 MiB without a word before.
        motcua(&["poster", "-", "--title", "UBND", "-o", o], &csv),
    ] {
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
        assert!(err.contains("input_too_large") && err.contains("16 MiB"), "{err}");
        assert!(!out_dir.exists());
    }
}

// 3. Decompression bombs --------------------------------------------------

fn crc32(bytes: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
    }
    !c
}

/// A small valid PNG whose header claims `w × h` grey pixels: a few rows of
/// zlib-compressed zeros, as a bomb would carry.
fn lying_png(w: u32, h: u32) -> Vec<u8> {
    let chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    };
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    // zlib stream of stored blocks is enough for a header check; the
    // decoder must never get as far as allocating w × h.
    chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01],
    );
    chunk(&mut png, b"IEND", &[]);
    png
}

/// A real 64×64 JPEG whose frame header (SOF0) is patched to claim `w × h`.
fn lying_jpeg(w: u16, h: u16) -> Vec<u8> {
    let img = image::GrayImage::from_pixel(64, 64, image::Luma([200]));
    let mut jpg = Vec::new();
    image::DynamicImage::ImageLuma8(img)
        .write_to(&mut std::io::Cursor::new(&mut jpg), image::ImageFormat::Jpeg)
        .unwrap();
    let sof = jpg.windows(2).position(|m| m == [0xFF, 0xC0]).unwrap();
    jpg[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    jpg[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    jpg
}

#[cfg(unix)]
#[test]
fn image_sizes_are_checked_from_the_header_before_decoding() {
    let dir_guard = scratch("hostile-bombs");
    let dir = dir_guard.path().to_path_buf();
    let png = dir.join("bomb.png");
    std::fs::write(&png, lying_png(16384, 13000)).unwrap();
    let jpg = dir.join("bomb.jpg");
    let bytes = lying_jpeg(6000, 6000);
    assert!(bytes.len() < 1024, "{} bytes", bytes.len());
    std::fs::write(&jpg, &bytes).unwrap();
    // Both cost gigabytes or hundreds of megabytes before: now they are
    // refused within 300 MB of address space.
    let out = motcua_capped(300 << 10, &["decode", png.to_str().unwrap()]);
    assert_eq!(json(&out)["error"]["code"], "image_too_large", "{out:?}");
    let out = motcua_capped(300 << 10, &["decode", jpg.to_str().unwrap()]);
    let v = json(&out);
    assert_eq!(v["error"]["code"], "image_format", "{out:?}");
    assert!(v["error"]["message"].as_str().unwrap().contains("truncated or forged"));
    // An honest small JPEG still decodes (to "no QR code").
    std::fs::write(&jpg, lying_jpeg(64, 64)).unwrap();
    let out = motcua_capped(300 << 10, &["decode", jpg.to_str().unwrap()]);
    assert_eq!(json(&out)["error"]["code"], "image_no_qr", "{out:?}");
}

// 4. Output files and symlinks ------------------------------------------

#[cfg(unix)]
#[test]
fn outputs_never_write_through_a_planted_symlink_nor_leave_a_copy() {
    let dir_guard = scratch("hostile-symlink");
    let dir = dir_guard.path().to_path_buf();
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let out_dir = dir.join("shared");
    std::fs::create_dir_all(&out_dir).unwrap();
    // The old fixed temporary name, and the output name itself, planted.
    std::os::unix::fs::symlink(&victim, out_dir.join("sheet.html.tmp")).unwrap();
    std::os::unix::fs::symlink(&victim, out_dir.join("sheet.html")).unwrap();
    let sheet = out_dir.join("sheet.html");
    let out = motcua(&["sheet", "--sample", "-o", sheet.to_str().unwrap()], b"");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(std::fs::symlink_metadata(&sheet).unwrap().file_type().is_file());
    assert!(std::fs::read_to_string(&sheet).unwrap().contains("PHIẾU THÔNG TIN"));
    // A rename that fails (the output is a folder) leaves no temporary
    // file holding the sheet behind.
    let blocked = out_dir.join("blocked");
    std::fs::create_dir_all(blocked.join("inside")).unwrap();
    let before = files(&out_dir);
    let out = motcua(&["sheet", "--sample", "-o", blocked.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(files(&out_dir), before);
    assert!(!text(&out.stderr).contains("shared"), "no path in the message");
}

// 5. Poster pages that are not ours ----------------------------------------

#[cfg(unix)]
#[test]
fn poster_removes_only_its_own_stale_pages_and_refuses_foreign_ones() {
    let dir_guard = scratch("hostile-poster");
    let dir = dir_guard.path().to_path_buf();
    let o = dir.to_str().unwrap();
    assert!(motcua(&["poster", "--sample", "-o", o], b"").status.success());
    // Files the user keeps next to it, named like pages.
    std::fs::write(dir.join("poster-4.svg"), "mine").unwrap();
    let victim_guard = scratch("hostile-poster-victim");
    let victim = victim_guard.path().join("important.svg");
    std::fs::write(&victim, "precious").unwrap();
    std::os::unix::fs::symlink(&victim, dir.join("poster-5.svg")).unwrap();
    let csv = "code,name,url\n1.001193,Đăng ký khai sinh,https://dichvucong.gov.vn/x?ma_thu_tuc=1.001193\n";
    let out = motcua(&["poster", "-", "--title", "UBND xã A", "-o", o], csv.as_bytes());
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        files(&dir),
        [
            ".motcua-poster",
            "poster-1.svg",
            "poster-4.svg",
            "poster-5.svg",
            "poster.html"
        ]
    );
    assert_eq!(std::fs::read_to_string(dir.join("poster-4.svg")).unwrap(), "mine");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let err = text(&out.stderr);
    assert!(
        err.contains("removed poster-2.svg") && err.contains("removed poster-3.svg"),
        "{err}"
    );
    // A folder holding a page the tool did not write: refused, untouched.
    let other_guard = scratch("hostile-poster-foreign");
    let other = other_guard.path().to_path_buf();
    std::fs::write(other.join("poster-1.svg"), "someone else's").unwrap();
    let out = motcua(&["poster", "--sample", "-o", other.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("output_exists"));
    assert_eq!(files(&other), ["poster-1.svg"]);
    // --force overwrites it.
    let out = motcua(&["poster", "--sample", "--force", "-o", other.to_str().unwrap()], b"");
    assert!(out.status.success());
    assert!(std::fs::read_to_string(other.join("poster-1.svg"))
        .unwrap()
        .contains("<svg"));
}

// 6. Base URL tricks -------------------------------------------------------

#[test]
fn dossier_codes_that_send_phones_elsewhere_are_refused_or_pinned() {
    let sample = motcua(&["dossier", "encode", "--sample", "--format", "payload"], b"");
    let payload = text(&sample.stdout).trim().to_owned();
    let query = payload.split_once('?').unwrap().1.to_owned();
    let evil = format!("https://dichvucong.gov.vn@evil.example/p/home/dvc-tra-cuu-ho-so.html?{query}");
    let out = motcua(&["dossier", "decode", "--payload", &evil], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["error"]["code"], "base_url_invalid");
    // The sheet refused it too (it printed it as the official QR before).
    let out = motcua(&["sheet", "--sample", "--dossier", &evil], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("sheet_dossier") && text(&out.stderr).contains("plain host"),
        "{out:?}"
    );
    // Decode output names the host; a portal can pin its pages.
    let out = motcua(&["dossier", "decode", "--payload", &payload], b"");
    let v = json(&out);
    assert_eq!(v["host"], "dichvucong.gov.vn");
    assert_eq!(v["base"], "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html");
    let elsewhere = format!("https://tra-cuu.example.vn/?{query}");
    let pin = ["--allow-base", "https://dichvucong.gov.vn/"];
    let out = motcua(
        &[&["dossier", "decode", "--payload", &elsewhere][..], &pin].concat(),
        b"",
    );
    assert_eq!(json(&out)["error"]["code"], "base_not_allowed");
    let out = motcua(&[&["dossier", "decode", "--payload", &payload][..], &pin].concat(), b"");
    assert_eq!(json(&out)["ok"], true);
    let out = motcua(
        &[&["sheet", "--sample", "--dossier", &elsewhere][..], &pin].concat(),
        b"",
    );
    assert!(text(&out.stderr).contains("not one of the allowed"), "{out:?}");
    // The sheet shows where the code leads.
    let out = motcua(&["sheet", "--sample"], b"");
    assert!(text(&out.stdout).contains("<br>dichvucong.gov.vn</div>"));
}

// 7. Terminal escapes -----------------------------------------------------

#[test]
fn decoded_text_cannot_drive_the_terminal() {
    let dir_guard = scratch("hostile-escapes");
    let dir = dir_guard.path().to_path_buf();
    let evil = "\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m line\nnext \u{202e}reversed\\";
    let code = motcua::qr::encode(evil, &motcua::qr::QrOptions::default()).unwrap();
    let png = dir.join("evil.png");
    std::fs::write(&png, code.to_png(6).unwrap()).unwrap();
    let out = motcua(&["decode", png.to_str().unwrap()], b"");
    assert!(out.status.success(), "{out:?}");
    let s = text(&out.stdout);
    assert!(
        !s.trim_end()
            .chars()
            .any(|c| c.is_control() || motcua::text::is_invisible(c)),
        "{s:?}"
    );
    assert_eq!(
        s,
        "\\x1b]0;owned\\x07\\x1b[2J\\x9b31m line\\nnext \\u{202e}reversed\\\\\n"
    );
    let out = motcua(&["decode", png.to_str().unwrap(), "--format", "json"], b"");
    let s = text(&out.stdout);
    assert!(
        !s.trim_end()
            .chars()
            .any(|c| c.is_control() || motcua::text::is_invisible(c)),
        "{s:?}"
    );
    assert_eq!(json(&out)["text"], evil, "the JSON value is unchanged");
}

// 8. Personal data in errors ------------------------------------------------

#[test]
fn errors_name_the_argument_never_its_value() {
    let out = motcua(&["cccd", "--cmnd", "24681357"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("--cmnd") && err.contains("9 digits") && !err.contains("24681357"),
        "{err}"
    );
    let out = motcua(&["cccd", "001090123456"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(!text(&out.stderr).contains("001090123456"));
    let out = motcua(&["decode", "/nonexistent/Nguyen-Van-A-001090123456.png"], b"");
    assert_eq!(out.status.code(), Some(1));
    let s = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(!s.contains("Nguyen") && !s.contains("001090123456"), "{s}");
    let v = json(&out);
    assert_eq!(v["error"]["code"], "file_read");
    assert!(v["error"]["message"].as_str().unwrap().contains("PHOTO"));
}

// 11. The right error for over-long input ------------------------------------

#[test]
fn over_long_lines_are_too_long_whatever_their_bytes() {
    // Multibyte text cut at the limit ends inside a character.
    let long = "ễ".repeat(3000);
    let out = motcua(&["dossier", "decode"], format!("{long}\n").as_bytes());
    let v = json(&out);
    assert_eq!(v["error"]["code"], "dossier_too_long", "{v}");
    // More than 64 KiB into `sheet`.
    let huge = "ễ".repeat(30_000);
    let out = motcua(&["sheet"], huge.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("too_long") && !err.contains("UTF-8"), "{err}");
}

// 12. The sheet reports no repair for a plain line end -----------------------

#[test]
fn sheet_from_stdin_reports_no_repair_for_the_line_end() {
    for end in ["\n", "\r\n", "\r"] {
        let out = motcua(
            &["sheet", "--scanned-at", "2026-11-23T09:00:00+07:00"],
            format!("{CARD_B}{end}").as_bytes(),
        );
        assert!(out.status.success(), "{out:?}");
        let html = text(&out.stdout);
        assert!(html.contains("Trần Thị Bích"));
        assert!(
            !html.contains("CR/LF/TAB") && !html.contains("phần mềm sửa"),
            "{end:?}: a repair note for the line end"
        );
    }
    // A tab the scanner typed before Enter is still a repair, and says so.
    let out = motcua(&["sheet"], format!("{CARD_B}\t\n").as_bytes());
    assert!(text(&out.stdout).contains("đã bỏ ký tự CR/LF/TAB"));
}

// 14. Smaller -------------------------------------------------------------

#[test]
fn help_describes_today_s_commands() {
    let out = motcua(&["--help"], b"");
    let s = text(&out.stdout);
    assert!(
        !s.contains("later dossier") && s.contains("dossier") && s.contains("photos"),
        "{s}"
    );
}
