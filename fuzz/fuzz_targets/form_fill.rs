//! Word forms (#23) from hostile templates: any bytes as the `.docx`, or a
//! valid package whose `word/document.xml` (first byte odd) or header (even)
//! is the fuzzer's text. An answer or an error, never a panic or a hang;
//! and a filled document is never a broken one: it reads back.
#![no_main]

use std::io::Write as _;

use libfuzzer_sys::fuzz_target;
use motcua::{cccd, print::form};

fuzz_target!(|data: &[u8]| {
    let card = cccd::parse_as_of(
        "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021",
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
    );
    let Ok(card) = card else { return };
    let mut values = form::Values::from_card(&card, false);
    values.set("co_quan", "UBND <xã> & \"Minh Khai\"");
    let template = match data.split_first() {
        Some((&mode, rest)) if mode >= 0x80 => {
            // Inside a package: the XML parser and the run rewriting get the bytes.
            let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            let opts = zip::write::SimpleFileOptions::default();
            let (main, other) = if mode & 1 == 1 {
                (rest, &b"<w:hdr/>"[..])
            } else {
                (
                    &b"<w:document><w:body><w:p><w:r><w:t>{{ho_ten}}</w:t></w:r></w:p></w:body></w:document>"[..],
                    rest,
                )
            };
            let ok = w.start_file("word/document.xml", opts).is_ok()
                && w.write_all(main).is_ok()
                && w.start_file("word/header1.xml", opts).is_ok()
                && w.write_all(other).is_ok();
            let Ok(c) = w.finish() else { return };
            if !ok {
                return;
            }
            c.into_inner()
        }
        _ => data.to_vec(),
    };
    if let Ok(filled) = form::fill_docx(&template, &values) {
        let text = form::docx_text(&filled.bytes);
        assert!(text.is_ok(), "a filled document does not read back");
        // Filling again finds no placeholder left that the first pass filled.
        assert!(form::fill_docx(&filled.bytes, &values).is_ok());
    }
});
