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

crate::catalogue::catalogue! {
    /// Why a code, record or payload was rejected.
    ///
    /// Every variant has a stable snake_case [`code`](Error::code), an English
    /// message ([`Display`](std::fmt::Display)) and a Vietnamese one
    /// ([`message_vi`](Error::message_vi)). No variant carries input text, so
    /// errors are safe to log.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[non_exhaustive]
    pub enum Error {
        /// A required field is absent (encoding), or the dossier code is (decoding).
        FieldMissing(field: Field) = "field_missing", 200,
            en: "the field {field} is required";
            vi: "Thiếu trường bắt buộc: {}", field.name_vi();
            short: "a required field is missing", "Thiếu trường bắt buộc";
        /// Free text is empty, only spaces, too long, or contains control
        /// characters or invisible / text-direction characters (U+202E, U+200B…).
        TextInvalid(field: Field) = "text_invalid", 201,
            en: "the field {field} is empty, longer than 200 characters, or contains control or invisible characters";
            vi: "Trường {} trống, dài quá 200 ký tự hoặc chứa ký tự điều khiển hay ký tự ẩn", field.name_vi();
            short: "a text field is empty, longer than 200 characters, or contains control characters",
                "Một trường văn bản trống, dài quá 200 ký tự hoặc chứa ký tự điều khiển";
        /// A date or time is not a real one in the payload's form, or outside 2000–2099.
        DateInvalid(field: Field) = "date_invalid", 202,
            en: "the field {field} is not a valid date/time in the form the payload uses (years 2000–2099)";
            vi: "Trường {} không phải ngày/giờ hợp lệ theo định dạng của mã QR (năm 2000–2099)", field.name_vi();
            short: "a date or time is not valid in the form the payload uses (years 2000–2099)",
                "Một ngày/giờ không hợp lệ theo định dạng của mã QR (năm 2000–2099)";
        /// A text value is not base32 (RFC 4648) of UTF-8, or a code has a bad `%` escape.
        Encoding(field: Field) = "encoding", 203,
            en: "the field {field} is not correctly encoded (base32 of UTF-8 text, or a bad %-escape)";
            vi: "Trường {} mã hóa sai (văn bản phải là base32 của UTF-8, hoặc mã %-escape sai)", field.name_vi();
            short: "a field is not correctly encoded (base32 of UTF-8 text, or a bad %-escape)",
                "Một trường mã hóa sai (văn bản phải là base32 của UTF-8, hoặc mã %-escape sai)";
        /// A field occurs twice in one payload.
        DuplicateField(field: Field) = "duplicate_field", 204,
            en: "the field {field} occurs more than once in the payload";
            vi: "Trường {} xuất hiện nhiều lần trong dữ liệu QR", field.name_vi();
            short: "a field occurs more than once in the payload", "Một trường xuất hiện nhiều lần trong dữ liệu QR";
        /// The payload is longer than [`MAX_PAYLOAD_LEN`](super::MAX_PAYLOAD_LEN) bytes.
        TooLong {
            /// The limit, in bytes.
            max: usize,
        } = "dossier_too_long", 205,
            en: "the dossier QR payload is longer than {max} bytes";
            vi: "Dữ liệu QR hồ sơ dài quá {max} byte";
            short: format!("the dossier QR payload is longer than {} bytes", super::MAX_PAYLOAD_LEN),
                format!("Dữ liệu QR hồ sơ dài quá {} byte", super::MAX_PAYLOAD_LEN);
        /// The payload's bytes are not UTF-8 (only from byte input: a file,
        /// stdin). (The C functions answer `MOTCUA_RESULT_NOT_UTF8` for any
        /// text that is not.)
        NotUtf8 = "dossier_not_utf8", 222,
            en: "the dossier QR payload is not valid UTF-8 text";
            vi: "Dữ liệu QR hồ sơ không phải văn bản UTF-8 hợp lệ";
            short: "the dossier QR payload is not valid UTF-8 text", "Dữ liệu QR hồ sơ không phải văn bản UTF-8 hợp lệ";
        /// A URL that is not a dossier QR of this format (no `hs` or `qr` parameter).
        NotDossierQr = "not_dossier_qr", 206,
            en: "this is a URL, but not a dossier QR payload (no 'hs' or 'qr' parameter)";
            vi: "Đây là một URL nhưng không phải mã QR hồ sơ theo định dạng này (thiếu tham số 'hs' hoặc 'qr')";
            short: "this is a URL, but not a dossier QR payload (no 'hs' or 'qr' parameter)",
                "Đây là một URL nhưng không phải mã QR hồ sơ theo định dạng này (thiếu tham số 'hs' hoặc 'qr')";
        /// A dossier QR of a format version this library does not know.
        VersionUnsupported = "version_unsupported", 207,
            en: "the dossier QR payload has a version this library does not support";
            vi: "Mã QR hồ sơ có phiên bản định dạng mà thư viện chưa hỗ trợ";
            short: "the dossier QR payload has a version this library does not support",
                "Mã QR hồ sơ có phiên bản định dạng mà thư viện chưa hỗ trợ";
        /// The portal's base URL (given to the encoder, or found in a payload)
        /// is not `https://` + a plain host (letters, digits, dots, hyphens, an
        /// optional port; no user info such as `user@`), or has spaces, `#`,
        /// `\` or non-ASCII characters.
        BaseUrlInvalid = "base_url_invalid", 208,
            en: "the base URL must start with https://, name a plain host (no user info such as 'name@'), contain no spaces, '#', '\\' or non-ASCII characters, and not use the parameters hs or qr";
            vi: "URL gốc phải bắt đầu bằng https://, ghi tên miền thuần (không có phần tên người dùng như 'ten@'), không chứa dấu cách, '#', '\\' hay ký tự ngoài ASCII, và không dùng tham số hs hay qr";
            short: "the base URL must start with https://, name a plain host (no user info such as 'name@'), contain no spaces, '#', '\\' or non-ASCII characters, and not use the parameters hs or qr",
                "URL gốc phải bắt đầu bằng https://, ghi tên miền thuần (không có phần tên người dùng như 'ten@'), không chứa dấu cách, '#', '\\' hay ký tự ngoài ASCII, và không dùng tham số hs hay qr";
        /// The payload links to a lookup page the portal does not accept
        /// ([`DecodeOptions::allowed_bases`](super::DecodeOptions::allowed_bases)).
        BaseNotAllowed = "base_not_allowed", 221,
            en: "the dossier QR links to a lookup page that is not one of the allowed ones";
            vi: "Mã QR hồ sơ dẫn tới trang tra cứu không nằm trong danh sách được chấp nhận";
            short: "the dossier QR links to a lookup page that is not one of the allowed ones",
                "Mã QR hồ sơ dẫn tới trang tra cứu không nằm trong danh sách được chấp nhận";
        /// A unit/agency code group has the wrong characters or length (QCVN 102:2016).
        UnitCodeFormat = "unit_code_format", 209,
            en: "the unit code does not follow QCVN 102:2016 (groups of digits separated by '.', e.g. 000.00.53.H48)";
            vi: "Mã định danh cơ quan không đúng QCVN 102:2016 (các nhóm chữ số ngăn cách bởi dấu '.', ví dụ 000.00.53.H48)";
            short: "the unit code does not follow QCVN 102:2016 (groups of digits separated by '.', e.g. 000.00.53.H48)",
                "Mã định danh cơ quan không đúng QCVN 102:2016 (các nhóm chữ số ngăn cách bởi dấu '.', ví dụ 000.00.53.H48)";
        /// A unit code without its level-1 group (a capital letter and 2 digits, e.g. H48).
        UnitCodeLevel1 = "unit_code_level1", 210,
            en: "the unit code has no level-1 group (a capital letter and 2 digits, e.g. H48)";
            vi: "Mã định danh cơ quan thiếu nhóm cấp 1 (một chữ in hoa và 2 chữ số, ví dụ H48)";
            short: "the unit code has no level-1 group (a capital letter and 2 digits, e.g. H48)",
                "Mã định danh cơ quan thiếu nhóm cấp 1 (một chữ in hoa và 2 chữ số, ví dụ H48)";
        /// The dossier code is not `<unit code>-YYMMDD-NNNN`.
        DossierCodeFormat = "dossier_code_format", 211,
            en: "the dossier code must be <unit code>-YYMMDD-NNNN, e.g. 000.00.53.H48-220921-0099";
            vi: "Mã số hồ sơ phải có dạng <mã cơ quan>-YYMMDD-NNNN, ví dụ 000.00.53.H48-220921-0099";
            short: "the dossier code must be <unit code>-YYMMDD-NNNN, e.g. 000.00.53.H48-220921-0099",
                "Mã số hồ sơ phải có dạng <mã cơ quan>-YYMMDD-NNNN, ví dụ 000.00.53.H48-220921-0099";
        /// The receipt date in the dossier code is not a real date.
        DossierDateInvalid = "dossier_date_invalid", 212,
            en: "the receipt date (YYMMDD) in the dossier code is not a real date";
            vi: "Ngày tiếp nhận (YYMMDD) trong mã số hồ sơ không phải ngày hợp lệ";
            short: "the receipt date (YYMMDD) in the dossier code is not a real date",
                "Ngày tiếp nhận (YYMMDD) trong mã số hồ sơ không phải ngày hợp lệ";
        /// The sequence number of the day is 0000.
        DossierSequenceInvalid = "dossier_sequence_invalid", 213,
            en: "the sequence number in the dossier code must be 0001 to 9999";
            vi: "Số thứ tự trong mã số hồ sơ phải từ 0001 đến 9999";
            short: "the sequence number in the dossier code must be 0001 to 9999", "Số thứ tự trong mã số hồ sơ phải từ 0001 đến 9999";
        /// The procedure code is not `D.NNNNNN` (+ an optional provincial suffix).
        ProcedureCodeFormat = "procedure_code_format", 214,
            en: "the procedure code must be one digit, a dot and six digits (e.g. 1.001612), optionally followed by '.' and a unit code";
            vi: "Mã thủ tục hành chính phải gồm một chữ số, dấu chấm và sáu chữ số (ví dụ 1.001612), có thể kèm '.' và mã cơ quan";
            short: "the procedure code must be one digit, a dot and six digits (e.g. 1.001612), optionally followed by '.' and a unit code",
                "Mã thủ tục hành chính phải gồm một chữ số, dấu chấm và sáu chữ số (ví dụ 1.001612), có thể kèm '.' và mã cơ quan";
        /// The procedure code's first digit is not 1, 2 or 3.
        ProcedureCodeGroup = "procedure_code_group", 215,
            en: "the procedure code must start with 1, 2 or 3";
            vi: "Mã thủ tục hành chính phải bắt đầu bằng 1, 2 hoặc 3";
            short: "the procedure code must start with 1, 2 or 3", "Mã thủ tục hành chính phải bắt đầu bằng 1, 2 hoặc 3";
        /// The provincial suffix of a procedure code is not a unit code (+ optional `.NN`).
        ProcedureSuffixInvalid = "procedure_suffix_invalid", 216,
            en: "the part after the procedure code must be a unit code, optionally followed by '.' and 1–3 digits";
            vi: "Phần sau mã thủ tục phải là mã cơ quan, có thể kèm '.' và 1–3 chữ số";
            short: "the part after the procedure code must be a unit code, optionally followed by '.' and 1–3 digits",
                "Phần sau mã thủ tục phải là mã cơ quan, có thể kèm '.' và 1–3 chữ số";
        /// Not a 12-digit ID, a 10 or 10-3 digit tax code, or a unit code.
        ApplicantFormat = "applicant_format", 217,
            en: "the applicant identifier must be a 12-digit ID number, a tax code (10 digits, or 10-3 for a branch) or a unit code; the old 9-digit CMND is not accepted";
            vi: "Mã định danh phải là số định danh cá nhân 12 chữ số, mã số thuế (10 chữ số, hoặc 10-3 với chi nhánh) hoặc mã cơ quan; không dùng số CMND 9 chữ số cũ";
            short: "the applicant identifier must be a 12-digit ID number, a tax code (10 digits, or 10-3 for a branch) or a unit code; the old 9-digit CMND is not accepted",
                "Mã định danh phải là số định danh cá nhân 12 chữ số, mã số thuế (10 chữ số, hoặc 10-3 với chi nhánh) hoặc mã cơ quan; không dùng số CMND 9 chữ số cũ";
        /// A 12-digit ID whose first 3 digits are no province or country code.
        ApplicantIdProvince = "applicant_id_province", 218,
            en: "the applicant's ID number does not start with a known province code or a country code";
            vi: "Ba chữ số đầu của số định danh không phải mã tỉnh hay mã quốc gia hợp lệ";
            short: "the applicant's ID number does not start with a known province code or a country code",
                "Ba chữ số đầu của số định danh không phải mã tỉnh hay mã quốc gia hợp lệ";
        /// A tax code whose 10th digit is not its check digit (or with a zero sequence).
        TaxCodeCheckDigit = "tax_code_check_digit", 219,
            en: "the tax code's check digit is wrong, or its sequence or branch number is zero";
            vi: "Mã số thuế sai chữ số kiểm tra, hoặc số thứ tự/số chi nhánh bằng 0";
            short: "the tax code's check digit is wrong, or its sequence or branch number is zero",
                "Mã số thuế sai chữ số kiểm tra, hoặc số thứ tự/số chi nhánh bằng 0";
        /// A masked identifier was given where the full one is needed.
        ApplicantMasked = "applicant_masked", 220,
            en: "the applicant identifier is masked; the full identifier is needed here";
            vi: "Mã định danh đã bị che; cần mã định danh đầy đủ";
            short: "the applicant identifier is masked; the full identifier is needed here", "Mã định danh đã bị che; cần mã định danh đầy đủ";
    }
}

impl Error {
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
}

#[cfg(feature = "serde")]
impl serde::Serialize for Error {
    /// Same shape as `cccd::Error`, plus the field when there is one.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let field = self.field().map(Field::name);
        crate::serialize_error(s, self.code(), self.message(), self.message_vi(), field)
    }
}
