//! The one error type of the print module.

use crate::{dossier, qr};

/// A CSV column of the procedure list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Column {
    /// The procedure code (`1.001193`), header `code` or `mã`.
    Code,
    /// The procedure's (or field's) name, header `name` or `tên`.
    Name,
    /// The portal page the QR opens, header `url` or `link`.
    Url,
    /// Optional field or group ("Hộ tịch", "Chứng thực"), header `group` or `lĩnh vực`.
    Group,
}

impl Column {
    /// The English header name (what error JSON cites as `field`).
    pub const fn name(self) -> &'static str {
        match self {
            Column::Code => "code",
            Column::Name => "name",
            Column::Url => "url",
            Column::Group => "group",
        }
    }

    /// The Vietnamese name.
    pub const fn name_vi(self) -> &'static str {
        match self {
            Column::Code => "mã thủ tục",
            Column::Name => "tên thủ tục",
            Column::Url => "đường dẫn (URL)",
            Column::Group => "lĩnh vực",
        }
    }
}

/// Why a sheet or poster could not be made. Messages name the CSV row (its
/// line number, the header being line 1) and the column, never the content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The CSV is not UTF-8 (Excel: save as "CSV UTF-8").
    #[error("line {row} of the CSV is not UTF-8 text (in Excel, save as \"CSV UTF-8\")")]
    NotUtf8 {
        /// Line number in the file.
        row: u64,
    },
    /// The CSV could not be read (a quote left open, …).
    #[error("line {row} of the CSV is malformed (check its quotes)")]
    Malformed {
        /// Line number in the file.
        row: u64,
    },
    /// The header row lacks a required column.
    #[error("the CSV header has no {} column", .0.name())]
    MissingColumn(Column),
    /// A required cell is empty (or the row is short).
    #[error("line {row} of the CSV: the {} is missing", .column.name())]
    MissingField {
        /// Line number in the file.
        row: u64,
        /// Which cell.
        column: Column,
    },
    /// The procedure code is not `D.NNNNNN` (optionally with a unit code).
    #[error("line {row} of the CSV: the procedure code must be one digit, a dot and six digits (e.g. 1.001193)")]
    ProcedureCode {
        /// Line number in the file.
        row: u64,
    },
    /// The same procedure code appears twice.
    #[error("line {row} of the CSV repeats the procedure code of line {first}")]
    DuplicateCode {
        /// Line number in the file.
        row: u64,
        /// The line where the code first appears.
        first: u64,
    },
    /// The URL is not an absolute `http(s)://` URL of printable ASCII.
    #[error("line {row} of the CSV: the URL must be an absolute http:// or https:// address of printable ASCII characters (percent-encode others)")]
    UrlInvalid {
        /// Line number in the file.
        row: u64,
    },
    /// The URL is too long for a code that scans from arm's length.
    #[error("line {row} of the CSV: the URL is longer than {max} characters (the code would be too dense to scan from 50 cm; use the portal's short link)")]
    UrlTooLong {
        /// Line number in the file.
        row: u64,
        /// The limit, [`super::poster::MAX_URL_LEN`].
        max: usize,
    },
    /// A name or group does not fit its caption lines, or has control characters.
    #[error("line {row} of the CSV: the {} does not fit the caption ({max_lines} lines) or contains control or invisible characters", .column.name())]
    TextTooLong {
        /// Line number in the file.
        row: u64,
        /// Which cell.
        column: Column,
        /// Caption lines available.
        max_lines: usize,
    },
    /// The list has no procedures.
    #[error("the procedure list is empty")]
    Empty,
    /// The list has more procedures than a poster run prints.
    #[error("the procedure list has more than {max} rows")]
    TooMany {
        /// [`super::poster::MAX_PROCEDURES`].
        max: usize,
    },
    /// The poster title (office name) is empty, too long, or has control characters.
    #[error("the poster title must be 1–2 lines of text without control or invisible characters")]
    Title,
    /// Columns × rows that leave codes too small to scan from 50 cm.
    #[error("a {columns}×{rows} grid leaves each code under {min_mm} mm: too small to scan from 50 cm")]
    Layout {
        /// Columns asked for.
        columns: u8,
        /// Rows asked for.
        rows: u8,
        /// The smallest code size allowed, [`super::poster::MIN_QR_MM`].
        min_mm: u32,
    },
    /// The sheet's office name is empty, too long, or has control characters.
    #[error("the office name must be 1–200 characters without control or invisible characters")]
    Office,
    /// The dossier QR payload given for the sheet is invalid.
    #[error("the dossier QR payload is invalid: {0}")]
    Dossier(dossier::Error),
    /// The dossier QR payload is valid but does not fit a QR code at the
    /// sheet's level (about 2,300 bytes of the 4,096 a payload may have).
    #[error("the dossier QR payload does not fit a QR code: {0}")]
    DossierQr(qr::Error),
    /// The dossier's applicant is not the card's holder.
    #[error("the dossier's applicant is not the holder of the scanned card")]
    DossierApplicant,
    /// A masked copy was asked for with a dossier QR carrying the full ID.
    #[error(
        "a masked sheet cannot carry a dossier QR with the full ID number; encode the payload with masked privacy"
    )]
    DossierNotMasked,
}

impl Error {
    /// Every error code, in declaration order.
    pub const ALL_CODES: &'static [&'static str] = &[
        "csv_not_utf8",
        "csv_malformed",
        "csv_missing_column",
        "csv_missing_field",
        "csv_procedure_code",
        "csv_duplicate_code",
        "csv_url_invalid",
        "csv_url_too_long",
        "csv_text_too_long",
        "poster_empty",
        "poster_too_many",
        "poster_title",
        "poster_layout",
        "sheet_office",
        "sheet_dossier",
        "sheet_dossier_qr",
        "sheet_dossier_applicant",
        "sheet_dossier_not_masked",
    ];

    /// Stable machine-readable code.
    pub const fn code(&self) -> &'static str {
        match self {
            Error::NotUtf8 { .. } => "csv_not_utf8",
            Error::Malformed { .. } => "csv_malformed",
            Error::MissingColumn(_) => "csv_missing_column",
            Error::MissingField { .. } => "csv_missing_field",
            Error::ProcedureCode { .. } => "csv_procedure_code",
            Error::DuplicateCode { .. } => "csv_duplicate_code",
            Error::UrlInvalid { .. } => "csv_url_invalid",
            Error::UrlTooLong { .. } => "csv_url_too_long",
            Error::TextTooLong { .. } => "csv_text_too_long",
            Error::Empty => "poster_empty",
            Error::TooMany { .. } => "poster_too_many",
            Error::Title => "poster_title",
            Error::Layout { .. } => "poster_layout",
            Error::Office => "sheet_office",
            Error::Dossier(_) => "sheet_dossier",
            Error::DossierQr(_) => "sheet_dossier_qr",
            Error::DossierApplicant => "sheet_dossier_applicant",
            Error::DossierNotMasked => "sheet_dossier_not_masked",
        }
    }

    /// The English and Vietnamese messages for a code alone (no row or
    /// column), e.g. for a code stored earlier; `None` if unknown.
    pub fn code_message(code: &str) -> Option<(String, String)> {
        let (en, vi) = match code {
            "csv_not_utf8" => ("the CSV is not UTF-8 text", "Tệp CSV không phải văn bản UTF-8"),
            "csv_malformed" => ("the CSV is malformed", "Tệp CSV sai định dạng"),
            "csv_missing_column" => (
                "the CSV header lacks a required column",
                "Dòng tiêu đề của tệp CSV thiếu cột bắt buộc",
            ),
            "csv_missing_field" => ("a required cell of the CSV is empty", "Tệp CSV thiếu ô bắt buộc"),
            "csv_procedure_code" => (
                "a procedure code in the CSV is invalid",
                "Mã thủ tục trong tệp CSV không hợp lệ",
            ),
            "csv_duplicate_code" => ("the CSV repeats a procedure code", "Tệp CSV có mã thủ tục trùng lặp"),
            "csv_url_invalid" => ("a URL in the CSV is invalid", "Đường dẫn trong tệp CSV không hợp lệ"),
            "csv_url_too_long" => (
                "a URL in the CSV is too long to scan from 50 cm",
                "Đường dẫn trong tệp CSV quá dài, không quét được từ 50 cm",
            ),
            "csv_text_too_long" => (
                "a name in the CSV does not fit its caption",
                "Tên trong tệp CSV không vừa phần chú thích",
            ),
            "poster_empty" => ("the procedure list is empty", "Danh sách thủ tục trống"),
            "poster_too_many" => ("the procedure list is too long", "Danh sách thủ tục quá dài"),
            "poster_title" => ("the poster title is invalid", "Tiêu đề áp phích không hợp lệ"),
            "poster_layout" => (
                "the grid leaves codes too small to scan",
                "Lưới làm mã QR quá nhỏ để quét",
            ),
            "sheet_office" => ("the office name is invalid", "Tên cơ quan không hợp lệ"),
            "sheet_dossier" => ("the dossier QR payload is invalid", "Dữ liệu mã QR hồ sơ không hợp lệ"),
            "sheet_dossier_qr" => (
                "the dossier QR payload does not fit a QR code",
                "Dữ liệu mã QR hồ sơ không vừa một mã QR",
            ),
            "sheet_dossier_applicant" => (
                "the dossier's applicant is not the card's holder",
                "Người nộp hồ sơ không phải là chủ thẻ",
            ),
            "sheet_dossier_not_masked" => (
                "a masked sheet cannot carry the full ID in its dossier QR",
                "Bản sao che thông tin không được in mã QR hồ sơ có số định danh đầy đủ",
            ),
            _ => return None,
        };
        Some((en.to_owned(), vi.to_owned()))
    }

    /// The CSV line the error is about, if any.
    pub const fn row(&self) -> Option<u64> {
        match self {
            Error::NotUtf8 { row }
            | Error::Malformed { row }
            | Error::MissingField { row, .. }
            | Error::ProcedureCode { row }
            | Error::DuplicateCode { row, .. }
            | Error::UrlInvalid { row }
            | Error::UrlTooLong { row, .. }
            | Error::TextTooLong { row, .. } => Some(*row),
            _ => None,
        }
    }

    /// The CSV column the error is about, if any (`code`, `name`, `url`, `group`).
    pub const fn field(&self) -> Option<Column> {
        match self {
            Error::MissingColumn(c) | Error::MissingField { column: c, .. } | Error::TextTooLong { column: c, .. } => {
                Some(*c)
            }
            Error::ProcedureCode { .. } | Error::DuplicateCode { .. } => Some(Column::Code),
            Error::UrlInvalid { .. } | Error::UrlTooLong { .. } => Some(Column::Url),
            _ => None,
        }
    }

    /// English message (the `Display` text).
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// Vietnamese message.
    pub fn message_vi(&self) -> String {
        match self {
            Error::NotUtf8 { row } => {
                format!("Dòng {row} của tệp CSV không phải văn bản UTF-8 (trong Excel, chọn lưu dạng \"CSV UTF-8\")")
            }
            Error::Malformed { row } => format!("Dòng {row} của tệp CSV sai định dạng (kiểm tra dấu ngoặc kép)"),
            Error::MissingColumn(c) => format!("Dòng tiêu đề của tệp CSV thiếu cột {}", c.name_vi()),
            Error::MissingField { row, column } => format!("Dòng {row} của tệp CSV: thiếu {}", column.name_vi()),
            Error::ProcedureCode { row } => format!(
                "Dòng {row} của tệp CSV: mã thủ tục phải gồm một chữ số, dấu chấm và sáu chữ số (ví dụ 1.001193)"
            ),
            Error::DuplicateCode { row, first } => {
                format!("Dòng {row} của tệp CSV trùng mã thủ tục với dòng {first}")
            }
            Error::UrlInvalid { row } => format!(
                "Dòng {row} của tệp CSV: đường dẫn phải là địa chỉ http:// hoặc https:// đầy đủ, chỉ gồm ký tự ASCII in được"
            ),
            Error::UrlTooLong { row, max } => format!(
                "Dòng {row} của tệp CSV: đường dẫn dài quá {max} ký tự (mã QR sẽ quá dày, không quét được từ 50 cm; hãy dùng đường dẫn rút gọn của cổng)"
            ),
            Error::TextTooLong { row, column, max_lines } => format!(
                "Dòng {row} của tệp CSV: {} không vừa {max_lines} dòng chú thích hoặc chứa ký tự điều khiển hay ký tự ẩn",
                column.name_vi()
            ),
            Error::Empty => "Danh sách thủ tục trống".into(),
            Error::TooMany { max } => format!("Danh sách thủ tục có hơn {max} dòng"),
            Error::Title => "Tiêu đề áp phích phải có 1–2 dòng chữ, không chứa ký tự điều khiển hay ký tự ẩn".into(),
            Error::Layout { columns, rows, min_mm } => format!(
                "Lưới {columns}×{rows} làm mỗi mã QR nhỏ hơn {min_mm} mm: quá nhỏ để quét từ khoảng cách 50 cm"
            ),
            Error::Office => "Tên cơ quan phải có 1–200 ký tự, không chứa ký tự điều khiển hay ký tự ẩn".into(),
            Error::Dossier(e) => format!("Dữ liệu mã QR hồ sơ không hợp lệ: {}", e.message_vi()),
            Error::DossierQr(e) => format!("Dữ liệu mã QR hồ sơ không vừa một mã QR: {}", e.message_vi()),
            Error::DossierApplicant => "Người nộp hồ sơ không phải là chủ thẻ vừa quét".into(),
            Error::DossierNotMasked => {
                "Bản sao che thông tin không được in mã QR hồ sơ có số định danh đầy đủ; hãy tạo mã với chế độ che số".into()
            }
        }
    }
}

impl From<dossier::Error> for Error {
    fn from(e: dossier::Error) -> Self {
        Error::Dossier(e)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The shared shape plus `row`, the CSV line.
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Error", 5)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.message())?;
        st.serialize_field("message_vi", &self.message_vi())?;
        match self.field() {
            Some(f) => st.serialize_field("field", f.name())?,
            None => st.skip_field("field")?,
        }
        match self.row() {
            Some(r) => st.serialize_field("row", &r)?,
            None => st.skip_field("row")?,
        }
        st.end()
    }
}
