//! `motcua cccd --format csv|xlsx`: the register of a batch, one row per
//! line, refused lines with their error and line number.

mod common;
use common::{motcua, register_rows};

#[test]
fn a_batch_becomes_a_register_row_per_line() {
    let batch = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021\r\n\
                 not a card\n\
                 079303000001||Trần Thị B|05052003|Nữ|Ấp 1, Xã X, Huyện Y, Thành phố Hồ Chí Minh|20062021\n";
    let run = motcua(&["cccd", "--format", "csv", "--as-of", "2026-12-01"], batch.as_bytes());
    // A refused line makes the exit status 1, as with JSON.
    assert_eq!(run.status.code(), Some(1));
    let rows = register_rows(&run.stdout);
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][1], "1");
    assert_eq!(&rows[0][5], "001090123456");
    assert_eq!(&rows[1][1], "2");
    assert!(rows[1][13].starts_with("field_count: "));
    assert_eq!(&rows[2][4], "Trần Thị B");
    // Masked on request.
    let run = motcua(
        &["cccd", "--format", "csv", "--mask", "--as-of", "2026-12-01"],
        batch.as_bytes(),
    );
    let csv = String::from_utf8(run.stdout).unwrap();
    assert!(!csv.contains("001090123456") && !csv.contains("Nguyễn Văn A"));
    assert!(csv.contains("*********456"));
}

#[test]
fn the_workbook_goes_to_a_pipe() {
    let run = motcua(&["cccd", "--sample", "--format", "xlsx", "--as-of", "2026-12-01"], b"");
    assert!(run.status.success());
    // A zip (xlsx) with the sheet.
    assert!(run.stdout.starts_with(b"PK\x03\x04"));
    let zip = zip::ZipArchive::new(std::io::Cursor::new(run.stdout)).unwrap();
    assert!(zip.index_for_name("xl/worksheets/sheet1.xml").is_some());
}
