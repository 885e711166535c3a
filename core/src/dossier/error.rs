//! The one error type of the dossier module, and the field names it cites.

/// A field of a dossier QR record (Thông tư 01/2023/TT-VPCP, Điều 26 khoản 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Field {
    /// a) Mã số hồ sơ — the dossier code.
    DossierCode,
    /// b) Mã thủ tục hành chính — the procedure code.
    ProcedureCode,
    /// c) Mã định danh — the applicant's identifier.
    Applicant,
    /// d) Tên giấy tờ — the issued paper (a standard kind or a free-text name).
    Paper,
    /// đ) Tên hệ thống thông tin — the issuing information system's name.
    System,
    /// e) Thời điểm xuất bản — time of issue.
    IssuedAt,
    /// g) Ngày hẹn trả kết quả — appointment for returning the result (receipts).
    Appointment,
    /// g) Thời hạn hiệu lực — validity term (results).
    Validity,
    /// g) Phạm vi hiệu lực — validity scope (results).
    Scope,
}

impl Field {
    /// Every field, in payload order.
    pub const ALL: [Field; 9] = [
        Field::DossierCode,
        Field::ProcedureCode,
        Field::Applicant,
        Field::Paper,
        Field::System,
        Field::IssuedAt,
        Field::Appointment,
        Field::Validity,
        Field::Scope,
    ];

    /// Where payload v1 (`docs/dossier-qr.md`) carries the field: the URL
    /// parameter `hs` for the dossier code, a tag inside the `qr` parameter
    /// for the others. (Free-text variants of `GT` and `HL` are `GTT`, `HLT`.)
    pub const fn key(self) -> &'static str {
        match self {
            Field::DossierCode => "hs",
            Field::ProcedureCode => "TT",
            Field::Applicant => "DD",
            Field::Paper => "GT",
            Field::System => "HT",
            Field::IssuedAt => "TG",
            Field::Appointment => "HN",
            Field::Validity => "HL",
            Field::Scope => "PV",
        }
    }

    /// The snake_case name used in JSON and error messages.
    pub const fn name(self) -> &'static str {
        match self {
            Field::DossierCode => "dossier_code",
            Field::ProcedureCode => "procedure_code",
            Field::Applicant => "applicant",
            Field::Paper => "paper",
            Field::System => "system",
            Field::IssuedAt => "issued_at",
            Field::Appointment => "appointment",
            Field::Validity => "validity",
            Field::Scope => "scope",
        }
    }

    /// The Vietnamese name, as on the forms.
    pub const fn name_vi(self) -> &'static str {
        match self {
            Field::DossierCode => "mã số hồ sơ",
            Field::ProcedureCode => "mã thủ tục hành chính",
            Field::Applicant => "mã định danh của tổ chức, cá nhân",
            Field::Paper => "tên giấy tờ",
            Field::System => "tên hệ thống thông tin",
            Field::IssuedAt => "thời điểm xuất bản",
            Field::Appointment => "ngày hẹn trả kết quả",
            Field::Validity => "thời hạn hiệu lực",
            Field::Scope => "phạm vi hiệu lực",
        }
    }

    pub(crate) fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a code, record or payload was rejected.
///
/// Every variant has a stable snake_case [`code`](Error::code), an English
/// message ([`Display`](std::fmt::Display)) and a Vietnamese one
/// ([`message_vi`](Error::message_vi)). No variant carries input text, so
/// errors are safe to log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A required field is absent (encoding), or the dossier code is (decoding).
    #[error("the field {0} is required")]
    FieldMissing(Field),
    /// Free text is empty, only spaces, too long, or contains control
    /// characters or invisible / text-direction characters (U+202E, U+200B…).
    #[error("the field {0} is empty, longer than 200 characters, or contains control or invisible characters")]
    TextInvalid(Field),
    /// A date or time is not a real one in the payload's form, or outside 2000–2099.
    #[error("the field {0} is not a valid date/time in the form the payload uses (years 2000–2099)")]
    DateInvalid(Field),
    /// A text value is not base32 (RFC 4648) of UTF-8, or a code has a bad `%` escape.
    #[error("the field {0} is not correctly encoded (base32 of UTF-8 text, or a bad %-escape)")]
    Encoding(Field),
    /// A field occurs twice in one payload.
    #[error("the field {0} occurs more than once in the payload")]
    DuplicateField(Field),
    /// The payload is longer than [`MAX_PAYLOAD_LEN`](super::MAX_PAYLOAD_LEN) bytes.
    #[error("the dossier QR payload is longer than {max} bytes")]
    TooLong {
        /// The limit, in bytes.
        max: usize,
    },
    /// The payload's bytes are not UTF-8 (only from byte input: a file, stdin).
    #[error("the dossier QR payload is not valid UTF-8 text")]
    NotUtf8,
    /// A URL that is not a dossier QR of this format (no `hs` or `qr` parameter).
    #[error("this is a URL, but not a dossier QR payload (no 'hs' or 'qr' parameter)")]
    NotDossierQr,
    /// A dossier QR of a format version this library does not know.
    #[error("the dossier QR payload has a version this library does not support")]
    VersionUnsupported,
    /// The portal's base URL (given to the encoder, or found in a payload)
    /// is not `https://` + a plain host (letters, digits, dots, hyphens, an
    /// optional port; no user info such as `user@`), or has spaces, `#`,
    /// `\` or non-ASCII characters.
    #[error("the base URL must start with https://, name a plain host (no user info such as 'name@'), contain no spaces, '#', '\\' or non-ASCII characters, and not use the parameters hs or qr")]
    BaseUrlInvalid,
    /// The payload links to a lookup page the portal does not accept
    /// ([`DecodeOptions::allowed_bases`](super::DecodeOptions::allowed_bases)).
    #[error("the dossier QR links to a lookup page that is not one of the allowed ones")]
    BaseNotAllowed,
    /// A unit/agency code group has the wrong characters or length (QCVN 102:2016).
    #[error("the unit code does not follow QCVN 102:2016 (groups of digits separated by '.', e.g. 000.00.53.H48)")]
    UnitCodeFormat,
    /// A unit code without its level-1 group (a capital letter and 2 digits, e.g. H48).
    #[error("the unit code has no level-1 group (a capital letter and 2 digits, e.g. H48)")]
    UnitCodeLevel1,
    /// The dossier code is not `<unit code>-YYMMDD-NNNN`.
    #[error("the dossier code must be <unit code>-YYMMDD-NNNN, e.g. 000.00.53.H48-220921-0099")]
    DossierCodeFormat,
    /// The receipt date in the dossier code is not a real date.
    #[error("the receipt date (YYMMDD) in the dossier code is not a real date")]
    DossierDateInvalid,
    /// The sequence number of the day is 0000.
    #[error("the sequence number in the dossier code must be 0001 to 9999")]
    DossierSequenceInvalid,
    /// The procedure code is not `D.NNNNNN` (+ an optional provincial suffix).
    #[error("the procedure code must be one digit, a dot and six digits (e.g. 1.001612), optionally followed by '.' and a unit code")]
    ProcedureCodeFormat,
    /// The procedure code's first digit is not 1, 2 or 3.
    #[error("the procedure code must start with 1, 2 or 3")]
    ProcedureCodeGroup,
    /// The provincial suffix of a procedure code is not a unit code (+ optional `.NN`).
    #[error("the part after the procedure code must be a unit code, optionally followed by '.' and 1–3 digits")]
    ProcedureSuffixInvalid,
    /// Not a 12-digit ID, a 10 or 10-3 digit tax code, or a unit code.
    #[error("the applicant identifier must be a 12-digit ID number, a tax code (10 digits, or 10-3 for a branch) or a unit code; the old 9-digit CMND is not accepted")]
    ApplicantFormat,
    /// A 12-digit ID whose first 3 digits are no province or country code.
    #[error("the applicant's ID number does not start with a known province code or a country code")]
    ApplicantIdProvince,
    /// A tax code whose 10th digit is not its check digit (or with a zero sequence).
    #[error("the tax code's check digit is wrong, or its sequence or branch number is zero")]
    TaxCodeCheckDigit,
    /// A masked identifier was given where the full one is needed.
    #[error("the applicant identifier is masked; the full identifier is needed here")]
    ApplicantMasked,
}

impl Error {
    /// Stable machine-readable code, e.g. `"dossier_code_format"`.
    pub const fn code(&self) -> &'static str {
        match self {
            Error::FieldMissing(_) => "field_missing",
            Error::TextInvalid(_) => "text_invalid",
            Error::DateInvalid(_) => "date_invalid",
            Error::Encoding(_) => "encoding",
            Error::DuplicateField(_) => "duplicate_field",
            Error::TooLong { .. } => "dossier_too_long",
            Error::NotUtf8 => "dossier_not_utf8",
            Error::NotDossierQr => "not_dossier_qr",
            Error::VersionUnsupported => "version_unsupported",
            Error::BaseUrlInvalid => "base_url_invalid",
            Error::BaseNotAllowed => "base_not_allowed",
            Error::UnitCodeFormat => "unit_code_format",
            Error::UnitCodeLevel1 => "unit_code_level1",
            Error::DossierCodeFormat => "dossier_code_format",
            Error::DossierDateInvalid => "dossier_date_invalid",
            Error::DossierSequenceInvalid => "dossier_sequence_invalid",
            Error::ProcedureCodeFormat => "procedure_code_format",
            Error::ProcedureCodeGroup => "procedure_code_group",
            Error::ProcedureSuffixInvalid => "procedure_suffix_invalid",
            Error::ApplicantFormat => "applicant_format",
            Error::ApplicantIdProvince => "applicant_id_province",
            Error::TaxCodeCheckDigit => "tax_code_check_digit",
            Error::ApplicantMasked => "applicant_masked",
        }
    }

    /// Every code, for documentation and exhaustive tests.
    pub const ALL_CODES: &'static [&'static str] = &[
        "field_missing",
        "text_invalid",
        "date_invalid",
        "encoding",
        "duplicate_field",
        "dossier_too_long",
        "dossier_not_utf8",
        "not_dossier_qr",
        "version_unsupported",
        "base_url_invalid",
        "base_not_allowed",
        "unit_code_format",
        "unit_code_level1",
        "dossier_code_format",
        "dossier_date_invalid",
        "dossier_sequence_invalid",
        "procedure_code_format",
        "procedure_code_group",
        "procedure_suffix_invalid",
        "applicant_format",
        "applicant_id_province",
        "tax_code_check_digit",
        "applicant_masked",
    ];

    /// The field the error is about, when there is one.
    pub const fn field(&self) -> Option<Field> {
        match self {
            Error::FieldMissing(f)
            | Error::TextInvalid(f)
            | Error::DateInvalid(f)
            | Error::Encoding(f)
            | Error::DuplicateField(f) => Some(*f),
            Error::UnitCodeFormat
            | Error::UnitCodeLevel1
            | Error::DossierCodeFormat
            | Error::DossierDateInvalid
            | Error::DossierSequenceInvalid => Some(Field::DossierCode),
            Error::ProcedureCodeFormat | Error::ProcedureCodeGroup | Error::ProcedureSuffixInvalid => {
                Some(Field::ProcedureCode)
            }
            Error::ApplicantFormat | Error::ApplicantIdProvince | Error::TaxCodeCheckDigit | Error::ApplicantMasked => {
                Some(Field::Applicant)
            }
            Error::TooLong { .. }
            | Error::NotUtf8
            | Error::NotDossierQr
            | Error::VersionUnsupported
            | Error::BaseUrlInvalid
            | Error::BaseNotAllowed => None,
        }
    }

    /// The English and Vietnamese messages for a code alone, without the
    /// field it names: what a binding that passes only the code (the C API)
    /// shows. `None` for an unknown code.
    pub fn code_message(code: &str) -> Option<(String, String)> {
        let generic = |en: &str, vi: &str| Some((en.to_owned(), vi.to_owned()));
        let e = match code {
            "field_missing" => return generic("a required field is missing", "Thiếu trường bắt buộc"),
            "text_invalid" => {
                return generic(
                    "a text field is empty, longer than 200 characters, or contains control characters",
                    "Một trường văn bản trống, dài quá 200 ký tự hoặc chứa ký tự điều khiển",
                )
            }
            "date_invalid" => {
                return generic(
                    "a date or time is not valid in the form the payload uses (years 2000–2099)",
                    "Một ngày/giờ không hợp lệ theo định dạng của mã QR (năm 2000–2099)",
                )
            }
            "encoding" => {
                return generic(
                    "a field is not correctly encoded (base32 of UTF-8 text, or a bad %-escape)",
                    "Một trường mã hóa sai (văn bản phải là base32 của UTF-8, hoặc mã %-escape sai)",
                )
            }
            "duplicate_field" => {
                return generic(
                    "a field occurs more than once in the payload",
                    "Một trường xuất hiện nhiều lần trong dữ liệu QR",
                )
            }
            "dossier_too_long" => Error::TooLong {
                max: super::MAX_PAYLOAD_LEN,
            },
            _ => *SIMPLE.iter().find(|e| e.code() == code)?,
        };
        Some((e.message(), e.message_vi()))
    }

    /// The English message (same as `to_string()`).
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// The Vietnamese message.
    pub fn message_vi(&self) -> String {
        match self {
            Error::FieldMissing(f) => format!("Thiếu trường bắt buộc: {}", f.name_vi()),
            Error::TextInvalid(f) => format!(
                "Trường {} trống, dài quá 200 ký tự hoặc chứa ký tự điều khiển hay ký tự ẩn",
                f.name_vi()
            ),
            Error::DateInvalid(f) => format!(
                "Trường {} không phải ngày/giờ hợp lệ theo định dạng của mã QR (năm 2000–2099)",
                f.name_vi()
            ),
            Error::Encoding(f) => format!(
                "Trường {} mã hóa sai (văn bản phải là base32 của UTF-8, hoặc mã %-escape sai)",
                f.name_vi()
            ),
            Error::DuplicateField(f) => format!("Trường {} xuất hiện nhiều lần trong dữ liệu QR", f.name_vi()),
            Error::TooLong { max } => format!("Dữ liệu QR hồ sơ dài quá {max} byte"),
            Error::NotUtf8 => "Dữ liệu QR hồ sơ không phải văn bản UTF-8 hợp lệ".into(),
            Error::NotDossierQr => "Đây là một URL nhưng không phải mã QR hồ sơ theo định dạng này (thiếu tham số 'hs' hoặc 'qr')".into(),
            Error::VersionUnsupported => "Mã QR hồ sơ có phiên bản định dạng mà thư viện chưa hỗ trợ".into(),
            Error::BaseUrlInvalid => {
                "URL gốc phải bắt đầu bằng https://, ghi tên miền thuần (không có phần tên người dùng như 'ten@'), không chứa dấu cách, '#', '\\' hay ký tự ngoài ASCII, và không dùng tham số hs hay qr".into()
            }
            Error::BaseNotAllowed => "Mã QR hồ sơ dẫn tới trang tra cứu không nằm trong danh sách được chấp nhận".into(),
            Error::UnitCodeFormat => {
                "Mã định danh cơ quan không đúng QCVN 102:2016 (các nhóm chữ số ngăn cách bởi dấu '.', ví dụ 000.00.53.H48)".into()
            }
            Error::UnitCodeLevel1 => {
                "Mã định danh cơ quan thiếu nhóm cấp 1 (một chữ in hoa và 2 chữ số, ví dụ H48)".into()
            }
            Error::DossierCodeFormat => {
                "Mã số hồ sơ phải có dạng <mã cơ quan>-YYMMDD-NNNN, ví dụ 000.00.53.H48-220921-0099".into()
            }
            Error::DossierDateInvalid => "Ngày tiếp nhận (YYMMDD) trong mã số hồ sơ không phải ngày hợp lệ".into(),
            Error::DossierSequenceInvalid => "Số thứ tự trong mã số hồ sơ phải từ 0001 đến 9999".into(),
            Error::ProcedureCodeFormat => {
                "Mã thủ tục hành chính phải gồm một chữ số, dấu chấm và sáu chữ số (ví dụ 1.001612), có thể kèm '.' và mã cơ quan".into()
            }
            Error::ProcedureCodeGroup => "Mã thủ tục hành chính phải bắt đầu bằng 1, 2 hoặc 3".into(),
            Error::ProcedureSuffixInvalid => {
                "Phần sau mã thủ tục phải là mã cơ quan, có thể kèm '.' và 1–3 chữ số".into()
            }
            Error::ApplicantFormat => {
                "Mã định danh phải là số định danh cá nhân 12 chữ số, mã số thuế (10 chữ số, hoặc 10-3 với chi nhánh) hoặc mã cơ quan; không dùng số CMND 9 chữ số cũ".into()
            }
            Error::ApplicantIdProvince => {
                "Ba chữ số đầu của số định danh không phải mã tỉnh hay mã quốc gia hợp lệ".into()
            }
            Error::TaxCodeCheckDigit => "Mã số thuế sai chữ số kiểm tra, hoặc số thứ tự/số chi nhánh bằng 0".into(),
            Error::ApplicantMasked => "Mã định danh đã bị che; cần mã định danh đầy đủ".into(),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Error {
    /// Same shape as `cccd::Error`, plus the field when there is one.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let field = self.field().map(Field::name);
        crate::serialize_error(s, self.code(), self.message(), self.message_vi(), field)
    }
}

/// The variants without details, for [`Error::code_message`].
const SIMPLE: [Error; 17] = [
    Error::NotUtf8,
    Error::NotDossierQr,
    Error::VersionUnsupported,
    Error::BaseUrlInvalid,
    Error::BaseNotAllowed,
    Error::UnitCodeFormat,
    Error::UnitCodeLevel1,
    Error::DossierCodeFormat,
    Error::DossierDateInvalid,
    Error::DossierSequenceInvalid,
    Error::ProcedureCodeFormat,
    Error::ProcedureCodeGroup,
    Error::ProcedureSuffixInvalid,
    Error::ApplicantFormat,
    Error::ApplicantIdProvince,
    Error::TaxCodeCheckDigit,
    Error::ApplicantMasked,
];
