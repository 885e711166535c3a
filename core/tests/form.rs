//! Word forms filled from a scan (#23, `print::form`): the sample
//! templates, placeholders split across runs, XML escaping, headers,
//! footers and tables, and every way a template can be wrong.

use std::io::{Cursor, Read as _, Write as _};

use chrono::NaiveDate;
use motcua::cccd;
use motcua::print::form::{self, Sample, Values};
use motcua::print::Error;
use proptest::prelude::*;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

/// The values of the first sample card, with the office's fields.
fn values() -> Values {
    let scan = &cccd::samples()[0].1;
    let card = cccd::parse_as_of(scan, as_of()).unwrap();
    let mut v = Values::from_card(&card, false);
    v.set("co_quan", "UBND phường Hoàn Kiếm");
    v.set("dia_danh", "Hà Nội");
    v.set("ma_ho_so", "");
    v
}

/// A package's parts, by name.
fn parts(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().unwrap().into_owned(), b)
        })
        .collect()
}

/// A package of the given parts (stored, as some tools write them).
fn package(files: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in files {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn body(paragraphs: &str) -> Vec<u8> {
    let doc = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{paragraphs}</w:body></w:document>"
    );
    package(&[("[Content_Types].xml", "<Types/>"), ("word/document.xml", &doc)])
}

#[test]
fn every_sample_template_fills_with_the_cards_fields_in_body_table_header_and_footer() {
    let v = values();
    for sample in Sample::ALL {
        let template = form::sample_template(sample);
        let before = form::docx_text(&template).unwrap();
        assert!(before.contains("{{"), "{sample:?} has placeholders");
        let filled = form::fill_docx(&template, &v).unwrap();
        let text = form::docx_text(&filled.bytes).unwrap();
        assert!(!text.contains("{{") && !text.contains("}}"), "{sample:?}: {text}");
        for field in ["Nguyễn Văn A", "001090123456", "01/01/1990", "15/04/2021"] {
            assert!(text.contains(field), "{sample:?} lacks {field}");
        }
        assert!(text.contains("Số 1 Phố X, Phường Y, Quận Z, Hà Nội"));
        // The footer's date line, from the office values.
        assert!(text.contains("Hà Nội, ngày 01/12/2026"), "{sample:?}: {text}");
        // Every placeholder of the template was counted.
        let in_template = before.matches("{{").count();
        let counted: usize = filled.replaced.iter().map(|(_, n)| n).sum();
        assert_eq!(counted, in_template, "{sample:?}");
        // The empty dossier code is reported, not silently dropped.
        assert!(filled.empty.contains(&"ma_ho_so".to_owned()));
        // Parts without text are copied unchanged.
        let (a, b) = (parts(&template), parts(&filled.bytes));
        assert_eq!(a.len(), b.len());
        for ((na, ba), (nb, bb)) in a.iter().zip(&b) {
            assert_eq!(na, nb);
            if !na.starts_with("word/") || na.contains("_rels") {
                assert_eq!(ba, bb, "{na} changed");
            }
        }
    }
}

#[test]
fn a_placeholder_split_across_runs_keeps_the_first_runs_formatting() {
    let doc = body(
        "<w:p><w:r><w:t>Họ tên: {{</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ho_</w:t></w:r><w:r><w:t>ten}} (ký)</w:t></w:r></w:p>",
    );
    let filled = form::fill_docx(&doc, &values()).unwrap();
    assert_eq!(form::docx_text(&filled.bytes).unwrap(), "Họ tên: Nguyễn Văn A (ký)\n");
    let xml = String::from_utf8(parts(&filled.bytes)[1].1.clone()).unwrap();
    // The value went into the first run; the bold run is left empty.
    assert!(
        xml.contains("<w:t xml:space=\"preserve\">Họ tên: Nguyễn Văn A</w:t>"),
        "{xml}"
    );
    assert!(
        xml.contains("<w:b/></w:rPr><w:t xml:space=\"preserve\"></w:t>"),
        "{xml}"
    );
    assert_eq!(filled.replaced, vec![("ho_ten".to_owned(), 1)]);
}

#[test]
fn values_are_xml_escaped_and_entities_in_the_template_read() {
    let doc = body("<w:p><w:r><w:t>A &amp; B: {{co_quan}} &#x2013; {{ ngay_lap }}</w:t></w:r></w:p>");
    let mut v = values();
    v.set("co_quan", "<Sở Tư pháp> & \"Phòng 1\"");
    let filled = form::fill_docx(&doc, &v).unwrap();
    let xml = String::from_utf8(parts(&filled.bytes)[1].1.clone()).unwrap();
    assert!(xml.contains("&lt;Sở Tư pháp&gt; &amp;"), "{xml}");
    assert_eq!(
        form::docx_text(&filled.bytes).unwrap(),
        "A & B: <Sở Tư pháp> & \"Phòng 1\" – 01/12/2026\n"
    );
}

#[test]
fn placeholders_in_table_cells_and_text_boxes_fill() {
    let doc = body(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{so_dinh_</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>danh}}</w:t></w:r></w:p></w:tc></w:tr>\
         <w:tr><w:tc><w:p><w:r><w:t>{{so_dinh_danh}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
         <w:p><w:r><w:t>Ngoài {{ho_</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>{{gioi_tinh}}</w:t></w:r></w:p></w:txbxContent></w:pict></w:r><w:r><w:t>ten}}</w:t></w:r></w:p>",
    );
    // Two cells are two paragraphs: `{{so_dinh_` does not close in its own.
    assert_eq!(
        form::fill_docx(&doc, &values()).unwrap_err(),
        Error::FormPlaceholderOpen {
            part: "word/document.xml".into()
        }
    );
    let doc = body(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{so_dinh_danh}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
         <w:p><w:r><w:t>Ngoài {{ho_</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>{{gioi_tinh}}</w:t></w:r></w:p></w:txbxContent></w:pict></w:r><w:r><w:t>ten}}</w:t></w:r></w:p>",
    );
    let filled = form::fill_docx(&doc, &values()).unwrap();
    let text = form::docx_text(&filled.bytes).unwrap();
    // The text box's paragraph is its own; the outer one spans around it.
    assert!(text.contains("001090123456"), "{text}");
    assert!(text.contains("Nam"), "{text}");
    assert!(text.contains("Ngoài Nguyễn Văn A"), "{text}");
}

#[test]
fn an_unknown_placeholder_is_named_and_no_document_is_made() {
    let doc = body("<w:p><w:r><w:t>{{ho_ten}} {{so_ho_chieu}}</w:t></w:r></w:p>");
    let err = form::fill_docx(&doc, &values()).unwrap_err();
    assert_eq!(
        err,
        Error::FormPlaceholderUnknown {
            name: "so_ho_chieu".into()
        }
    );
    assert_eq!(err.code(), "form_placeholder_unknown");
    assert!(err.to_string().contains("{{so_ho_chieu}}"), "{err}");
    assert!(err.message_vi().contains("{{so_ho_chieu}}"));
}

#[test]
fn broken_templates_get_their_own_errors() {
    let v = values();
    // Not a zip; a zip that is not a Word document.
    assert_eq!(form::fill_docx(b"PK\x03\x04 no", &v).unwrap_err(), Error::FormNotDocx);
    assert_eq!(form::fill_docx(b"", &v).unwrap_err(), Error::FormNotDocx);
    let xlsx = package(&[("xl/workbook.xml", "<workbook/>")]);
    assert_eq!(form::fill_docx(&xlsx, &v).unwrap_err(), Error::FormNotDocx);
    // Malformed XML in a header.
    let bad = package(&[
        ("word/document.xml", "<w:document xmlns:w=\"x\"><w:body/></w:document>"),
        ("word/header2.xml", "<w:hdr><w:p></w:hdr>"),
    ]);
    assert_eq!(
        form::fill_docx(&bad, &v).unwrap_err(),
        Error::FormXml {
            part: "word/header2.xml".into()
        }
    );
    // A brace pair around something that is not a name.
    let doc = body("<w:p><w:r><w:t>{{ 1 + 1 }}</w:t></w:r></w:p>");
    assert!(matches!(
        form::fill_docx(&doc, &v).unwrap_err(),
        Error::FormPlaceholderOpen { .. }
    ));
    // A value with a control character XML cannot hold.
    let doc = body("<w:p><w:r><w:t>{{co_quan}}</w:t></w:r></w:p>");
    let mut with_bell = v.clone();
    with_bell.set("co_quan", "UBND\u{7}");
    assert_eq!(
        form::fill_docx(&doc, &with_bell).unwrap_err(),
        Error::FormValue { name: "co_quan".into() }
    );
}

#[test]
fn a_masked_fill_shows_no_more_than_the_masked_card() {
    let scan = &cccd::samples()[0].1;
    let card = cccd::parse_as_of(scan, as_of()).unwrap();
    let mut v = Values::from_card(&card, true);
    v.set("co_quan", "UBND");
    v.set("dia_danh", "Hà Nội");
    v.set("ma_ho_so", "");
    let filled = form::fill_docx(&form::sample_template(Sample::ToKhai), &v).unwrap();
    let text = form::docx_text(&filled.bytes).unwrap();
    assert!(
        !text.contains("001090123456") && !text.contains("Nguyễn Văn A"),
        "{text}"
    );
    assert!(text.contains("*********456"), "{text}");
    assert!(!format!("{v:?}{filled:?}").contains("Nguyễn"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any value (without XML's forbidden characters) comes back as text.
    #[test]
    fn any_value_round_trips(value in "[^\\p{Cc}]{0,60}", split in 1usize..8) {
        let name = "co_quan";
        let placeholder = format!("{{{{{name}}}}}");
        let (a, b) = placeholder.split_at(split.min(placeholder.len() - 1));
        let doc = body(&format!(
            "<w:p><w:r><w:t>[</w:t></w:r><w:r><w:t>{a}</w:t></w:r><w:r><w:t>{b}]</w:t></w:r></w:p>"
        ));
        let mut v = values();
        v.set(name, &value);
        let filled = form::fill_docx(&doc, &v).unwrap();
        prop_assert_eq!(form::docx_text(&filled.bytes).unwrap(), format!("[{value}]\n"));
    }

    /// Garbage, or a template cut short, is an error, never a panic.
    #[test]
    fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600), cut in 0usize..4000) {
        let _ = form::fill_docx(&bytes, &values());
        let t = form::sample_template(Sample::GiayUyQuyen);
        let _ = form::fill_docx(t.get(..cut.min(t.len())).unwrap_or(&[]), &values());
    }
}

#[test]
fn fill_scan_repairs_the_scan_and_fills_card_dossier_and_given_values_or_names_what_failed() {
    use motcua::dossier::{self, EncodeOptions};
    use motcua::print::form::{FillScanError, FillScanOptions};
    let template = form::sample_template(Sample::ToKhai);
    // As a scanner types it: CR LF at the end.
    let scan = format!("{}\r\n", cccd::samples()[0].1);
    let receipt = dossier::encode(&dossier::sample_receipt(), &EncodeOptions::default()).unwrap();
    let given = [("co_quan", "UBND phường Hoàn Kiếm"), ("dia_danh", "Hà Nội")];
    let opts = FillScanOptions {
        as_of: Some(as_of()),
        masked: false,
        dossier: Some(&receipt),
        values: &given,
    };
    let (filled, repairs) = form::fill_scan(&template, scan.as_bytes(), &opts).unwrap();
    assert_eq!(repairs.iter().map(|r| r.code()).collect::<Vec<_>>(), ["strip_suffix"]);
    let text = form::docx_text(&filled.bytes).unwrap();
    for want in [
        "Nguyễn Văn A",
        "001090123456",
        "000.00.53.H48-261120-0042",
        "UBND phường Hoàn Kiếm",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    // The same as the steps by hand.
    let repaired = cccd::repair(&scan).unwrap();
    let card = repaired.parse_as_of(as_of()).unwrap();
    let mut v = Values::from_card(&card, false).with_dossier(&dossier::decode(&receipt).unwrap());
    for (name, value) in given {
        v.set(name, value);
    }
    assert_eq!(
        form::docx_text(&form::fill_docx(&template, &v).unwrap().bytes).unwrap(),
        text
    );
    // Masked: no ID.
    let masked = form::fill_scan(&template, scan.as_bytes(), &FillScanOptions { masked: true, ..opts }).unwrap();
    assert!(!form::docx_text(&masked.0.bytes).unwrap().contains("001090123456"));
    // Each failure is its own kind, with the inner error's code.
    let bad_card = form::fill_scan(&template, b"001090123456|x", &opts).unwrap_err();
    assert!(matches!(bad_card, FillScanError::Card(_)), "{bad_card:?}");
    let bad_dossier = FillScanOptions {
        dossier: Some("not a dossier"),
        ..opts
    };
    let e = form::fill_scan(&template, scan.as_bytes(), &bad_dossier).unwrap_err();
    assert!(matches!(e, FillScanError::Dossier(_)), "{e:?}");
    assert_eq!(e.code(), dossier::decode("not a dossier").unwrap_err().code());
    let e = form::fill_scan(b"PK not a docx", scan.as_bytes(), &opts).unwrap_err();
    assert_eq!(e, FillScanError::Form(Error::FormNotDocx));
    assert_eq!(
        (e.code(), e.c_value()),
        (Error::FormNotDocx.code(), Error::FormNotDocx.c_value())
    );
    assert!(!e.message().is_empty() && !e.message_vi().is_empty());
}
