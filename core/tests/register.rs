//! The day's register (#23, `print::register`): CSV read back by the csv
//! crate, masking, refused scans, formula-looking cells, and the workbook.

use std::io::{Cursor, Read as _};

use chrono::{NaiveDate, TimeZone as _};
use motcua::cccd;
use motcua::print::register::{CsvRegister, Entry, Outcome, XlsxRegister, COLUMNS};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

/// Every sample scan, repaired and parsed, as register rows with a time
/// and a dossier code; plus one refused scan.
fn csv_of(masked: bool) -> String {
    let samples = cccd::samples();
    let repaired: Vec<_> = samples.iter().map(|(_, s)| cccd::repair(s).unwrap()).collect();
    let cards: Vec<_> = repaired.iter().map(|r| r.parse_as_of(as_of()).unwrap()).collect();
    let at = motcua::dossier::VIETNAM
        .with_ymd_and_hms(2026, 12, 1, 8, 30, 5)
        .unwrap();
    let mut reg = CsvRegister::new(Vec::new(), masked).unwrap();
    for (i, (card, r)) in cards.iter().zip(&repaired).enumerate() {
        reg.push(&Entry {
            line: Some(i as u64 + 1),
            file: None,
            scanned_at: Some(at),
            dossier: Some("G01.123.456-261201-0001"),
            outcome: Outcome::Card(card, r.repairs()),
        })
        .unwrap();
    }
    let err = cccd::parse("001090123456|x").unwrap_err();
    reg.push(&Entry::refused(&err)).unwrap();
    assert_eq!(reg.rows(), cards.len() as u64 + 1);
    String::from_utf8(reg.finish().unwrap()).unwrap()
}

fn rows(csv: &str) -> Vec<Vec<String>> {
    let body = csv.strip_prefix('\u{feff}').expect("a byte-order mark for Excel");
    csv::Reader::from_reader(body.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn the_csv_reads_back_to_each_cards_fields() {
    let csv = csv_of(false);
    let header: Vec<String> = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes())
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, COLUMNS);
    let rows = rows(&csv);
    let samples = cccd::samples();
    assert_eq!(rows.len(), samples.len() + 1);
    for (i, ((_, scan), row)) in samples.iter().zip(&rows).enumerate() {
        let r = cccd::repair(scan).unwrap();
        let card = r.parse_as_of(as_of()).unwrap();
        assert_eq!(row[0], (i + 1).to_string());
        assert_eq!(row[2], "01/12/2026 08:30:05");
        assert_eq!(row[3], "G01.123.456-261201-0001");
        assert_eq!(row[4], card.name());
        assert_eq!(row[5], card.id().as_str());
        assert_eq!(row[6], card.old_id().map(|o| o.as_str().to_owned()).unwrap_or_default());
        assert_eq!(row[9], card.address());
        // Every repair the scan needed is in the row.
        let codes: Vec<&str> = r.repairs().iter().map(|x| x.code()).collect();
        assert_eq!(row[12], codes.join(" "));
        assert_eq!(row[13], "");
    }
    let refused = rows.last().unwrap();
    assert!(refused[13].starts_with("field_count: "), "{refused:?}");
    assert!(refused[4..13].iter().all(String::is_empty));
    // CRLF rows, as Excel writes them.
    assert!(csv.contains("\r\n2,"));
}

#[test]
fn a_masked_register_shows_no_more_than_the_masked_card() {
    let csv = csv_of(true);
    for (_, scan) in cccd::samples() {
        let r = cccd::repair(&scan).unwrap();
        let card = r.parse_as_of(as_of()).unwrap();
        assert!(!csv.contains(card.id().as_str()));
        assert!(!csv.contains(card.name()));
        assert!(!csv.contains(card.address()));
        assert!(csv.contains(&card.masked().id().to_string()));
    }
}

#[test]
fn a_cell_that_looks_like_a_formula_stays_text() {
    let card_scan = &cccd::samples()[0].1;
    let card = cccd::parse_as_of(card_scan, as_of()).unwrap();
    let mut reg = CsvRegister::new(Vec::new(), false).unwrap();
    reg.push(&Entry {
        dossier: Some("=HYPERLINK(\"http://x\")"),
        ..Entry::card(&card, cccd::Repairs::default())
    })
    .unwrap();
    let csv = String::from_utf8(reg.finish().unwrap()).unwrap();
    assert_eq!(rows(&csv)[0][3], "'=HYPERLINK(\"http://x\")");
}

#[test]
fn debug_shows_no_personal_data() {
    let scan = &cccd::samples()[0].1;
    let card = cccd::parse_as_of(scan, as_of()).unwrap();
    let entry = Entry {
        file: Some("uploads/Nguyen Van A 001090123456.jpg"),
        ..Entry::card(&card, cccd::Repairs::default())
    };
    let debug = format!("{entry:?}");
    assert!(
        !debug.contains("001090123456") && !debug.contains("Nguyen") && !debug.contains("Nguyễn"),
        "{debug}"
    );
}

#[test]
fn the_workbook_holds_every_row_as_text() {
    let samples = cccd::samples();
    let mut book = XlsxRegister::new(false).unwrap();
    for (_, scan) in &samples {
        let r = cccd::repair(scan).unwrap();
        let card = r.parse_as_of(as_of()).unwrap();
        book.push(&Entry::card(&card, r.repairs())).unwrap();
    }
    assert_eq!(book.rows(), samples.len() as u64);
    let bytes = book.finish().unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut strings)
        .unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    for (_, scan) in &samples {
        let r = cccd::repair(scan).unwrap();
        let card = r.parse_as_of(as_of()).unwrap();
        // IDs as strings: the leading zero stays.
        assert!(
            strings.contains(&format!(">{}<", card.id().as_str())),
            "{}",
            card.id().as_str()
        );
        assert!(strings.contains(card.name()));
    }
    // Header and one row per card.
    assert_eq!(sheet.matches("<row ").count(), samples.len() + 1);
}
