//! The day's register (sổ theo dõi hồ sơ, #23): one row per scan — when,
//! the dossier code if any, the card's fields (masked on request), the
//! scanner repairs it needed, or why it was refused — written as CSV
//! (UTF-8 with a byte-order mark, which Excel needs to read Vietnamese)
//! or, with the `xlsx` feature, as an Excel workbook.
//!
//! Rows are written as they come ([`CsvRegister`] streams to any
//! [`std::io::Write`]): a batch of a million scans takes no more memory
//! than one. A workbook is built in memory and holds at most
//! [`MAX_XLSX_ROWS`] rows (Excel's limit).
//!
//! A cell that would start with `=`, `+`, `-`, `@`, tab or carriage return
//! gets a leading `'`, so that a spreadsheet shows it as text and never
//! runs it as a formula (OWASP's "CSV injection"); a card's fields never
//! start so, a dossier code never does.
//!
//! ```
//! use motcua::{cccd, print::register::{CsvRegister, Entry}};
//!
//! let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
//! let mut reg = CsvRegister::new(Vec::new(), true).unwrap();
//! let scan = cccd::repair("001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021\r\n").unwrap();
//! let card = scan.parse_as_of(as_of).unwrap();
//! reg.push(&Entry::card(&card, scan.repairs())).unwrap();
//! reg.push(&Entry::refused(&cccd::Error::NotUtf8)).unwrap();
//! let csv = String::from_utf8(reg.finish().unwrap()).unwrap();
//! assert!(csv.contains("*********456"));
//! assert!(!csv.contains("Nguyễn Văn A"));
//! assert!(csv.contains("not_utf8"));
//! ```

use std::io::Write;

use chrono::{DateTime, FixedOffset};

use crate::cccd::{self, Card, Repairs, Sex};

/// The columns, in Vietnamese as the office's register heads them.
pub const COLUMNS: [&str; 14] = [
    "STT",
    "Nguồn",
    "Thời gian quét",
    "Mã hồ sơ",
    "Họ và tên",
    "Số định danh",
    "Số CMND",
    "Ngày sinh",
    "Giới tính",
    "Nơi thường trú",
    "Ngày cấp",
    "Có giá trị đến",
    "Sửa lỗi máy quét",
    "Lỗi",
];

/// The most rows a workbook holds (Excel's 1,048,576 rows, less the header).
pub const MAX_XLSX_ROWS: u64 = 1_048_575;

/// What one scan gave.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'e, 'a> {
    /// A valid card, and the repairs its scan needed.
    Card(&'e Card<'a>, Repairs),
    /// The scan was refused.
    Refused(&'e cccd::Error),
    /// No card to read: a photo without a readable code, with the error's
    /// code and Vietnamese message (an [`image::Error`](crate::image::Error)'s, or the caller's).
    NoCode {
        /// The error's code.
        code: &'e str,
        /// Its Vietnamese message.
        message_vi: &'e str,
    },
}

/// One row of the register. `Debug` leaves out the file name (an upload
/// is often named after the citizen).
#[derive(Clone, Copy)]
pub struct Entry<'e, 'a> {
    /// The input line it came from (a batch file), if any: the "Nguồn"
    /// (source) column, unless `file` is given.
    pub line: Option<u64>,
    /// The file it was read from (a batch of photos), if any.
    pub file: Option<&'e str>,
    /// When it was scanned (the counter), if known.
    pub scanned_at: Option<DateTime<FixedOffset>>,
    /// The dossier it belongs to.
    pub dossier: Option<&'e str>,
    /// The card, or why there is none.
    pub outcome: Outcome<'e, 'a>,
}

impl std::fmt::Debug for Entry<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("line", &self.line)
            .field("file", &self.file.map(|_| "<file name>"))
            .field("scanned_at", &self.scanned_at)
            .field("dossier", &self.dossier)
            .field("outcome", &self.outcome)
            .finish()
    }
}

impl<'e, 'a> Entry<'e, 'a> {
    /// A valid card, without line, time or dossier.
    pub fn card(card: &'e Card<'a>, repairs: Repairs) -> Self {
        Entry {
            line: None,
            file: None,
            scanned_at: None,
            dossier: None,
            outcome: Outcome::Card(card, repairs),
        }
    }

    /// A refused scan, without line, time or dossier.
    pub fn refused(error: &'e cccd::Error) -> Self {
        Entry {
            line: None,
            file: None,
            scanned_at: None,
            dossier: None,
            outcome: Outcome::Refused(error),
        }
    }

    /// The row's cells after `STT` (the row number, which the writer adds),
    /// masked as [`Card::masked`] when `masked`.
    pub fn cells(&self, masked: bool) -> [String; 13] {
        let line = match (self.file, self.line) {
            (Some(f), _) => f.to_owned(),
            (None, Some(l)) => l.to_string(),
            (None, None) => String::new(),
        };
        let time = self
            .scanned_at
            .map(|t| t.format("%d/%m/%Y %H:%M:%S").to_string())
            .unwrap_or_default();
        let dossier = self.dossier.unwrap_or("").to_owned();
        match self.outcome {
            Outcome::Card(card, repairs) => {
                let s = card.shown(masked);
                let vn = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
                [
                    line,
                    time,
                    dossier,
                    s.name,
                    s.id,
                    s.old_id.unwrap_or_default(),
                    s.birth_date,
                    match card.sex() {
                        Sex::Male => "Nam".into(),
                        Sex::Female => "Nữ".into(),
                    },
                    s.address,
                    vn(card.issue_date()),
                    s.expiry_date.unwrap_or_else(|| "Không thời hạn".into()),
                    repairs.iter().map(|r| r.code()).collect::<Vec<_>>().join(" "),
                    String::new(),
                ]
            }
            Outcome::Refused(_) | Outcome::NoCode { .. } => {
                let error = match self.outcome {
                    Outcome::Refused(e) => format!("{}: {}", e.code(), e.message_vi()),
                    Outcome::NoCode { code, message_vi } => format!("{code}: {message_vi}"),
                    Outcome::Card(..) => String::new(),
                };
                let none = String::new;
                [
                    line,
                    time,
                    dossier,
                    none(),
                    none(),
                    none(),
                    none(),
                    none(),
                    none(),
                    none(),
                    none(),
                    none(),
                    error,
                ]
            }
        }
    }
}

/// A cell a spreadsheet would take for a formula, made text.
fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The register as CSV, row by row, to any writer.
pub struct CsvRegister<W: Write> {
    out: W,
    /// One row, quoted by the csv crate, before it goes to `out`.
    row: Vec<u8>,
    rows: u64,
    masked: bool,
}

impl<W: Write> CsvRegister<W> {
    /// Starts the file: the byte-order mark and the header row.
    pub fn new(mut out: W, masked: bool) -> std::io::Result<Self> {
        out.write_all("\u{feff}".as_bytes())?;
        let mut reg = CsvRegister {
            out,
            row: Vec::with_capacity(512),
            rows: 0,
            masked,
        };
        reg.record(COLUMNS.iter().copied())?;
        Ok(reg)
    }

    fn record<'c>(&mut self, cells: impl Iterator<Item = &'c str>) -> std::io::Result<()> {
        self.row.clear();
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .buffer_capacity(512)
            .from_writer(&mut self.row);
        w.write_record(cells).map_err(std::io::Error::other)?;
        w.flush()?;
        drop(w);
        self.out.write_all(&self.row)
    }

    /// Writes one row.
    pub fn push(&mut self, entry: &Entry<'_, '_>) -> std::io::Result<()> {
        self.rows += 1;
        let n = self.rows.to_string();
        let cells = entry.cells(self.masked);
        let cells: Vec<std::borrow::Cow<'_, str>> = cells.iter().map(|c| defused(c)).collect();
        self.record(std::iter::once(n.as_str()).chain(cells.iter().map(|c| &**c)))
    }

    /// The rows written.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The writer (to hand on what a `Vec` has gathered).
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Flushes and gives back the writer.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The register as an Excel workbook (`.xlsx`), built in memory.
#[cfg(feature = "xlsx")]
pub struct XlsxRegister {
    book: rust_xlsxwriter::Workbook,
    rows: u64,
    masked: bool,
}

#[cfg(feature = "xlsx")]
impl XlsxRegister {
    /// A workbook with one sheet, "Sổ theo dõi", its header row bold and frozen.
    pub fn new(masked: bool) -> Result<Self, super::Error> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let bad = |_| super::Error::RegisterXlsx;
        let sheet = book.add_worksheet();
        sheet.set_name("Sổ theo dõi").map_err(bad)?;
        let bold = rust_xlsxwriter::Format::new().set_bold();
        for (c, name) in (0u16..).zip(COLUMNS) {
            sheet.write_string_with_format(0, c, name, &bold).map_err(bad)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(bad)?;
        for (c, width) in (0u16..).zip([5, 6, 19, 18, 24, 14, 11, 11, 8, 40, 11, 14, 16, 30]) {
            sheet.set_column_width(c, width).map_err(bad)?;
        }
        Ok(XlsxRegister { book, rows: 0, masked })
    }

    /// Adds one row; more than [`MAX_XLSX_ROWS`] is [`Error::RegisterTooMany`](super::Error::RegisterTooMany).
    pub fn push(&mut self, entry: &Entry<'_, '_>) -> Result<(), super::Error> {
        if self.rows >= MAX_XLSX_ROWS {
            return Err(super::Error::RegisterTooMany { max: MAX_XLSX_ROWS });
        }
        self.rows += 1;
        let bad = |_| super::Error::RegisterXlsx;
        let row = u32::try_from(self.rows).map_err(|_| super::Error::RegisterTooMany { max: MAX_XLSX_ROWS })?;
        let sheet = self.book.worksheet_from_index(0).map_err(bad)?;
        sheet.write_number(row, 0, self.rows as f64).map_err(bad)?;
        for (c, cell) in (1u16..).zip(entry.cells(self.masked)) {
            if !cell.is_empty() {
                // Strings: an ID's leading zero stays (a number would drop it).
                sheet.write_string(row, c, &*defused(&cell)).map_err(bad)?;
            }
        }
        Ok(())
    }

    /// The rows added.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The `.xlsx` file.
    pub fn finish(mut self) -> Result<Vec<u8>, super::Error> {
        self.book.save_to_buffer().map_err(|_| super::Error::RegisterXlsx)
    }
}
