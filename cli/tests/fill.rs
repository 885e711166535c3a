//! `motcua fill` end to end: a template filled from a scanner line, the
//! repairs reported, the placeholder list, and nothing written when the
//! template or the scan is bad.

mod common;
use common::{motcua, scratch};
use motcua::print::form;

#[test]
fn fills_the_sample_template_from_a_scanner_line_and_reports_its_repairs() {
    let dir = scratch("fill");
    let template = dir.path().join("t.docx");
    let out = dir.path().join("out.docx");
    let t = template.to_str().unwrap();
    assert!(motcua(&["fill", "--sample-template", "to-khai", "-o", t], b"")
        .status
        .success());
    // A 2021 card with the scanner's CR LF, as a USB scanner types it.
    let scan = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021\r\n";
    let run = motcua(
        &[
            "fill",
            t,
            "--as-of",
            "2026-12-01",
            "--set",
            "co_quan=UBND xã Minh Khai",
            "--set",
            "dia_danh=Hà Nội",
            "-o",
            out.to_str().unwrap(),
        ],
        scan.as_bytes(),
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let text = form::docx_text(&std::fs::read(&out).unwrap()).unwrap();
    for field in [
        "Nguyễn Văn A",
        "001090123456",
        "123456789",
        "UBND xã Minh Khai",
        "Hà Nội, ngày 01/12/2026",
    ] {
        assert!(text.contains(field), "{field}: {text}");
    }
    // The dossier code was not given: said, not hidden. No personal data on stderr.
    assert!(stderr.contains("{{ma_ho_so}}"), "{stderr}");
    assert!(
        !stderr.contains("001090123456") && !stderr.contains("Nguyễn"),
        "{stderr}"
    );
}

#[test]
fn the_list_names_every_placeholder_filled() {
    let run = motcua(&["fill", "--list"], b"");
    assert!(run.status.success());
    let list = String::from_utf8(run.stdout).unwrap();
    for (name, _) in form::CARD_PLACEHOLDERS
        .iter()
        .chain(&form::DOSSIER_PLACEHOLDERS)
        .chain(&form::OFFICE_PLACEHOLDERS)
    {
        assert!(list.contains(&format!("{{{{{name}}}}}\t")), "{name}");
    }
}

#[test]
fn a_bad_template_or_scan_writes_nothing() {
    let dir = scratch("fill-bad");
    let template = dir.path().join("t.docx");
    let out = dir.path().join("out.docx");
    let t = template.to_str().unwrap();
    let o = out.to_str().unwrap();
    assert!(motcua(&["fill", "--sample-template", "giay-uy-quyen", "-o", t], b"")
        .status
        .success());
    // --sample and --scan together are refused (exit 2).
    let run = motcua(&["fill", t, "--sample", "--scan", "x", "-o", o], b"");
    assert_eq!(run.status.code(), Some(2));
    // An invalid scan.
    let run = motcua(&["fill", t, "--scan", "001090123456|bad", "-o", o], b"");
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("field_count"));
    assert!(!out.exists());
    // Not a .docx.
    std::fs::write(&template, b"not a zip").unwrap();
    let run = motcua(&["fill", t, "--sample", "-o", o], b"");
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("form_not_docx"));
    assert!(!out.exists());
}
