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

crate::catalogue::catalogue! {
    /// Why a sheet or poster could not be made. Messages name the CSV row (its
    /// line number, the header being line 1) and the column, never the content.
    /// (The C API has no sheets or posters yet: their C numbers, 500 on, are
    /// reserved.)
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[non_exhaustive]
    pub enum Error {
        /// The CSV is not UTF-8 (Excel: save as "CSV UTF-8").
        NotUtf8 {
            /// Line number in the file.
            row: u64,
        } = "csv_not_utf8", 500,
            en: "line {row} of the CSV is not UTF-8 text (in Excel, save as \"CSV UTF-8\")";
            vi: "Dòng {row} của tệp CSV không phải văn bản UTF-8 (trong Excel, chọn lưu dạng \"CSV UTF-8\")";
            short: "the CSV is not UTF-8 text", "Tệp CSV không phải văn bản UTF-8";
        /// The CSV could not be read (a quote left open, …).
        Malformed {
            /// Line number in the file.
            row: u64,
        } = "csv_malformed", 501,
            en: "line {row} of the CSV is malformed (check its quotes)";
            vi: "Dòng {row} của tệp CSV sai định dạng (kiểm tra dấu ngoặc kép)";
            short: "the CSV is malformed", "Tệp CSV sai định dạng";
        /// The header row lacks a required column.
        MissingColumn(column: Column) = "csv_missing_column", 502,
            en: "the CSV header has no {} column", column.name();
            vi: "Dòng tiêu đề của tệp CSV thiếu cột {}", column.name_vi();
            short: "the CSV header lacks a required column", "Dòng tiêu đề của tệp CSV thiếu cột bắt buộc";
        /// A required cell is empty (or the row is short).
        MissingField {
            /// Line number in the file.
            row: u64,
            /// Which cell.
            column: Column,
        } = "csv_missing_field", 503,
            en: "line {row} of the CSV: the {} is missing", column.name();
            vi: "Dòng {row} của tệp CSV: thiếu {}", column.name_vi();
            short: "a required cell of the CSV is empty", "Tệp CSV thiếu ô bắt buộc";
        /// The procedure code is not `D.NNNNNN` (optionally with a unit code).
        ProcedureCode {
            /// Line number in the file.
            row: u64,
        } = "csv_procedure_code", 504,
            en: "line {row} of the CSV: the procedure code must be one digit, a dot and six digits (e.g. 1.001193)";
            vi: "Dòng {row} của tệp CSV: mã thủ tục phải gồm một chữ số, dấu chấm và sáu chữ số (ví dụ 1.001193)";
            short: "a procedure code in the CSV is invalid", "Mã thủ tục trong tệp CSV không hợp lệ";
        /// The same procedure code appears twice.
        DuplicateCode {
            /// Line number in the file.
            row: u64,
            /// The line where the code first appears.
            first: u64,
        } = "csv_duplicate_code", 505,
            en: "line {row} of the CSV repeats the procedure code of line {first}";
            vi: "Dòng {row} của tệp CSV trùng mã thủ tục với dòng {first}";
            short: "the CSV repeats a procedure code", "Tệp CSV có mã thủ tục trùng lặp";
        /// The URL is not an absolute `http(s)://` URL of printable ASCII.
        UrlInvalid {
            /// Line number in the file.
            row: u64,
        } = "csv_url_invalid", 506,
            en: "line {row} of the CSV: the URL must be an absolute http:// or https:// address of printable ASCII characters (percent-encode others)";
            vi: "Dòng {row} của tệp CSV: đường dẫn phải là địa chỉ http:// hoặc https:// đầy đủ, chỉ gồm ký tự ASCII in được";
            short: "a URL in the CSV is invalid", "Đường dẫn trong tệp CSV không hợp lệ";
        /// The URL is too long for a code that scans from arm's length.
        UrlTooLong {
            /// Line number in the file.
            row: u64,
            /// The limit, [`super::poster::MAX_URL_LEN`].
            max: usize,
        } = "csv_url_too_long", 507,
            en: "line {row} of the CSV: the URL is longer than {max} characters (the code would be too dense to scan from 50 cm; use the portal's short link)";
            vi: "Dòng {row} của tệp CSV: đường dẫn dài quá {max} ký tự (mã QR sẽ quá dày, không quét được từ 50 cm; hãy dùng đường dẫn rút gọn của cổng)";
            short: "a URL in the CSV is too long to scan from 50 cm", "Đường dẫn trong tệp CSV quá dài, không quét được từ 50 cm";
        /// A name or group does not fit its caption lines, or has control characters.
        TextTooLong {
            /// Line number in the file.
            row: u64,
            /// Which cell.
            column: Column,
            /// Caption lines available.
            max_lines: usize,
        } = "csv_text_too_long", 508,
            en: "line {row} of the CSV: the {} does not fit the caption ({max_lines} lines) or contains control or invisible characters", column.name();
            vi: "Dòng {row} của tệp CSV: {} không vừa {max_lines} dòng chú thích hoặc chứa ký tự điều khiển hay ký tự ẩn", column.name_vi();
            short: "a name in the CSV does not fit its caption", "Tên trong tệp CSV không vừa phần chú thích";
        /// The list has no procedures.
        Empty = "poster_empty", 509,
            en: "the procedure list is empty";
            vi: "Danh sách thủ tục trống";
            short: "the procedure list is empty", "Danh sách thủ tục trống";
        /// The list has more procedures than a poster run prints.
        TooMany {
            /// [`super::poster::MAX_PROCEDURES`].
            max: usize,
        } = "poster_too_many", 510,
            en: "the procedure list has more than {max} rows";
            vi: "Danh sách thủ tục có hơn {max} dòng";
            short: "the procedure list is too long", "Danh sách thủ tục quá dài";
        /// The poster title (office name) is empty, too long, or has control characters.
        Title = "poster_title", 511,
            en: "the poster title must be 1–2 lines of text without control or invisible characters";
            vi: "Tiêu đề áp phích phải có 1–2 dòng chữ, không chứa ký tự điều khiển hay ký tự ẩn";
            short: "the poster title is invalid", "Tiêu đề áp phích không hợp lệ";
        /// Columns × rows that leave codes too small to scan from 50 cm.
        Layout {
            /// Columns asked for.
            columns: u8,
            /// Rows asked for.
            rows: u8,
            /// The smallest code size allowed, [`super::poster::MIN_QR_MM`].
            min_mm: u32,
        } = "poster_layout", 512,
            en: "a {columns}×{rows} grid leaves each code under {min_mm} mm: too small to scan from 50 cm";
            vi: "Lưới {columns}×{rows} làm mỗi mã QR nhỏ hơn {min_mm} mm: quá nhỏ để quét từ khoảng cách 50 cm";
            short: "the grid leaves codes too small to scan", "Lưới làm mã QR quá nhỏ để quét";
        /// The sheet's office name is empty, too long, or has control characters.
        Office = "sheet_office", 513,
            en: "the office name must be 1–200 characters without control or invisible characters";
            vi: "Tên cơ quan phải có 1–200 ký tự, không chứa ký tự điều khiển hay ký tự ẩn";
            short: "the office name is invalid", "Tên cơ quan không hợp lệ";
        /// The dossier QR payload given for the sheet is invalid.
        Dossier(error: dossier::Error) = "sheet_dossier", 514,
            en: "the dossier QR payload is invalid: {error}";
            vi: "Dữ liệu mã QR hồ sơ không hợp lệ: {}", error.message_vi();
            short: "the dossier QR payload is invalid", "Dữ liệu mã QR hồ sơ không hợp lệ";
        /// The dossier QR payload is valid but does not fit a QR code at the
        /// sheet's level (about 2,300 bytes of the 4,096 a payload may have).
        DossierQr(error: qr::Error) = "sheet_dossier_qr", 517,
            en: "the dossier QR payload does not fit a QR code: {error}";
            vi: "Dữ liệu mã QR hồ sơ không vừa một mã QR: {}", error.message_vi();
            short: "the dossier QR payload does not fit a QR code", "Dữ liệu mã QR hồ sơ không vừa một mã QR";
        /// The dossier's applicant is not the card's holder.
        DossierApplicant = "sheet_dossier_applicant", 515,
            en: "the dossier's applicant is not the holder of the scanned card";
            vi: "Người nộp hồ sơ không phải là chủ thẻ vừa quét";
            short: "the dossier's applicant is not the card's holder", "Người nộp hồ sơ không phải là chủ thẻ";
        /// A masked copy was asked for with a dossier QR carrying the full ID.
        DossierNotMasked = "sheet_dossier_not_masked", 516,
            en: "a masked sheet cannot carry a dossier QR with the full ID number; encode the payload with masked privacy";
            vi: "Bản sao che thông tin không được in mã QR hồ sơ có số định danh đầy đủ; hãy tạo mã với chế độ che số";
            short: "a masked sheet cannot carry the full ID in its dossier QR",
                "Bản sao che thông tin không được in mã QR hồ sơ có số định danh đầy đủ";
        /// The form template is not a Word document (`.docx`: a zip
        /// package with `word/document.xml`). A `.doc` from Word 97–2003
        /// must be saved as `.docx` first.
        FormNotDocx = "form_not_docx", 518,
            en: "the template is not a Word .docx document (save a .doc as .docx first)";
            vi: "Tệp mẫu không phải văn bản Word .docx (tệp .doc cần lưu lại dạng .docx)";
            short: "the template is not a Word .docx document", "Tệp mẫu không phải văn bản Word .docx";
        /// The template unpacks to more than [`form::MAX_UNPACKED`](super::form::MAX_UNPACKED) bytes of text parts.
        FormTooLarge = "form_too_large", 519,
            en: "the template's text is larger than 64 MB unpacked";
            vi: "Nội dung tệp mẫu lớn hơn 64 MB khi giải nén";
            short: "the template is too large", "Tệp mẫu quá lớn";
        /// A text part of the template is not well-formed XML.
        FormXml {
            /// The part, e.g. `word/header1.xml`.
            part: String,
        } = "form_xml", 520,
            en: "the template's {part} is not well-formed XML";
            vi: "Phần {part} của tệp mẫu không đúng định dạng XML";
            short: "a part of the template is not well-formed XML", "Một phần của tệp mẫu không đúng định dạng XML";
        /// A placeholder whose name is not one the form is filled with.
        FormPlaceholderUnknown {
            /// The name between the braces.
            name: String,
        } = "form_placeholder_unknown", 521,
            en: "the template has a placeholder {{{{{name}}}}} that is not filled (see `motcua fill --list`)";
            vi: "Tệp mẫu có chỗ điền {{{{{name}}}}} không có trong danh sách (xem `motcua fill --list`)";
            short: "the template has an unknown placeholder", "Tệp mẫu có chỗ điền không có trong danh sách";
        /// `{{` without a closing `}}` in the same paragraph, or braces
        /// around something that is not a name (letters, digits, `_`).
        FormPlaceholderOpen {
            /// The part, e.g. `word/document.xml`.
            part: String,
        } = "form_placeholder_open", 522,
            en: "the template's {part} has a {{{{ that does not close with }}}} around a name in the same paragraph";
            vi: "Phần {part} của tệp mẫu có {{{{ không được đóng bằng }}}} quanh một tên trong cùng đoạn văn";
            short: "a placeholder of the template is not closed", "Một chỗ điền trong tệp mẫu không được đóng";
        /// A value holds a character a Word document cannot (a control
        /// character other than tab and line break).
        FormValue {
            /// The placeholder's name.
            name: String,
        } = "form_value", 523,
            en: "the value for {{{{{name}}}}} has a control character a Word document cannot hold";
            vi: "Giá trị điền vào {{{{{name}}}}} có ký tự điều khiển mà văn bản Word không chứa được";
            short: "a value has a character a Word document cannot hold", "Giá trị điền có ký tự văn bản Word không chứa được";
        /// The Excel workbook of the register could not be written.
        RegisterXlsx = "register_xlsx", 524,
            en: "the register's Excel workbook could not be written";
            vi: "Không ghi được sổ theo dõi ra tệp Excel";
            short: "the register's Excel workbook could not be written", "Không ghi được sổ theo dõi ra tệp Excel";
        /// More rows than an Excel sheet holds.
        RegisterTooMany {
            /// The most rows a workbook holds.
            max: u64,
        } = "register_too_many", 525,
            en: "an Excel sheet holds at most {max} rows: write the register as CSV";
            vi: "Một trang Excel chứa tối đa {max} dòng: hãy xuất sổ theo dõi dạng CSV";
            short: "the register has more rows than an Excel sheet holds", "Sổ theo dõi nhiều dòng hơn một trang Excel chứa được";
    }
}

impl Error {
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
