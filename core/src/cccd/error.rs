//! The one error type of the CCCD parser.

use super::Repair;

/// Why a payload (or a standalone ID / CMND number) was rejected.
///
/// Every variant has a stable snake_case [`code`](Error::code), an English
/// message ([`Display`](std::fmt::Display)) and a Vietnamese one
/// ([`message_vi`](Error::message_vi)). No variant carries any text of the
/// input: errors are safe to log (Nghị định 13/2023 on personal data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Nothing left after removing the scanner's BOM and suffix.
    #[error("the payload is empty")]
    Empty,
    /// Longer than [`MAX_PAYLOAD_LEN`](super::MAX_PAYLOAD_LEN) bytes.
    #[error("the payload is longer than {max} bytes")]
    TooLong {
        /// The limit, in bytes.
        max: usize,
    },
    /// The bytes are not UTF-8 (only from the byte entry points).
    #[error("the payload is not valid UTF-8 text")]
    NotUtf8,
    /// The strict parser met something only the scanner path repairs.
    #[error("the payload needs a scanner repair first ({0}); use the scanner entry point `repair`")]
    NeedsRepair(Repair),
    /// UTF-8 read as Windows-1252 with bytes lost on the way: cannot be undone.
    #[error("the text was garbled by the scanner (UTF-8 read as Windows-1252) and bytes were lost; rescan the card")]
    MojibakeUnrecoverable,
    /// Not 7 (2021 card) or 11 (2024+ card) `|`-separated fields.
    #[error("expected 7 (2021 card) or 11 (2024 card) fields separated by '|', found {found}; check that no Vietnamese input method (Unikey) is on, then rescan")]
    FieldCount {
        /// How many fields the payload has.
        found: usize,
    },
    /// The ID number is all digits but not 12 of them.
    #[error("the ID number must have 12 digits, found {found}")]
    IdLength {
        /// Number of characters found.
        found: usize,
    },
    /// The ID number contains something other than ASCII digits.
    #[error("the ID number contains a character that is not a digit (character {position}); check that no Vietnamese input method (Unikey) is on, then rescan")]
    IdNotDigits {
        /// 1-based position of the first offending character.
        position: usize,
    },
    /// Digits 1–3 are neither one of the 63 province codes nor a country code (1xx–2xx).
    #[error("the ID number does not start with a known province code or a country code")]
    IdProvinceUnknown,
    /// Digit 4 (century + sex) says the other sex than field 5.
    #[error("the ID number's century/sex digit does not match the sex field")]
    IdSexMismatch,
    /// Digits 4–6 give another birth year than field 4.
    #[error("the ID number's century and birth-year digits do not match the date of birth")]
    IdBirthYearMismatch,
    /// The old ID (CMND) is not 9 ASCII digits.
    #[error("the old ID number (CMND) must be exactly 9 digits")]
    OldIdInvalid,
    /// The name is empty, has no letter, or contains digits, control
    /// characters or U+FFFD (bytes a decoder before us lost).
    #[error("the name is empty or contains digits, control characters or replacement characters (U+FFFD)")]
    NameInvalid,
    /// The date of birth is not a real `ddMMyyyy` date.
    #[error("the date of birth is not a real date in ddMMyyyy form")]
    BirthDateInvalid,
    /// The date of birth is after the reference date ("today").
    #[error("the date of birth is in the future")]
    BirthDateInFuture,
    /// Field 5 is neither `Nam` nor `Nữ`.
    #[error("the sex field must be 'Nam' or 'Nữ'")]
    SexInvalid,
    /// The address is empty or contains control characters or U+FFFD.
    #[error("the permanent address is empty or contains control characters or replacement characters (U+FFFD)")]
    AddressInvalid,
    /// The issue date is not a real `ddMMyyyy` date.
    #[error("the issue date is not a real date in ddMMyyyy form")]
    IssueDateInvalid,
    /// The card was issued before its holder was born.
    #[error("the issue date is before the date of birth")]
    IssueDateBeforeBirth,
    /// The issue date is after the reference date ("today").
    #[error("the issue date is in the future")]
    IssueDateInFuture,
    /// Issued before 2016, when 12-digit citizen ID cards began.
    #[error("the issue date is before 2016, when 12-digit citizen ID cards began")]
    IssueDateBeforeCccd,
    /// One of the 4 extra fields of a 2024 card contains control characters or U+FFFD.
    #[error("an extra field of the 2024 card contains control characters or replacement characters (U+FFFD)")]
    ExtraFieldInvalid,
    /// The name, address or an extra field holds an invisible or
    /// text-direction character (a bidi control such as U+202E, a
    /// zero-width character such as U+200B, U+2028/U+2029, a BOM inside the
    /// text, a soft hyphen): the text would display differently from what
    /// it holds. No scanner types them; they are refused, never stripped.
    #[error("the {} contains an invisible or text-direction character (U+{codepoint:04X}), which would make it display differently from what it holds; rescan the card", field.name())]
    InvisibleChar {
        /// Which field.
        field: TextField,
        /// The first such character's code point (not personal data).
        codepoint: u32,
    },
}

/// The free-text fields of a card, named in [`Error::InvisibleChar`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    /// The full name.
    Name,
    /// The permanent address.
    Address,
    /// One of the 4 extra fields of a 2024 card.
    Extra,
}

impl TextField {
    /// `"name"`, `"address"` or `"extra"`.
    pub const fn name(self) -> &'static str {
        match self {
            TextField::Name => "name",
            TextField::Address => "address",
            TextField::Extra => "extra field",
        }
    }

    /// The field's Vietnamese name.
    pub const fn name_vi(self) -> &'static str {
        match self {
            TextField::Name => "Họ và tên",
            TextField::Address => "Nơi thường trú",
            TextField::Extra => "Trường bổ sung",
        }
    }
}

impl Error {
    /// Stable machine-readable code, e.g. `"id_sex_mismatch"`. Never changes
    /// once released; new cases get new codes.
    pub const fn code(&self) -> &'static str {
        match self {
            Error::Empty => "empty",
            Error::TooLong { .. } => "too_long",
            Error::NotUtf8 => "not_utf8",
            Error::NeedsRepair(_) => "needs_repair",
            Error::MojibakeUnrecoverable => "mojibake_unrecoverable",
            Error::FieldCount { .. } => "field_count",
            Error::IdLength { .. } => "id_length",
            Error::IdNotDigits { .. } => "id_not_digits",
            Error::IdProvinceUnknown => "id_province_unknown",
            Error::IdSexMismatch => "id_sex_mismatch",
            Error::IdBirthYearMismatch => "id_birth_year_mismatch",
            Error::OldIdInvalid => "old_id_invalid",
            Error::NameInvalid => "name_invalid",
            Error::BirthDateInvalid => "birth_date_invalid",
            Error::BirthDateInFuture => "birth_date_in_future",
            Error::SexInvalid => "sex_invalid",
            Error::AddressInvalid => "address_invalid",
            Error::IssueDateInvalid => "issue_date_invalid",
            Error::IssueDateBeforeBirth => "issue_date_before_birth",
            Error::IssueDateInFuture => "issue_date_in_future",
            Error::IssueDateBeforeCccd => "issue_date_before_cccd",
            Error::ExtraFieldInvalid => "extra_field_invalid",
            Error::InvisibleChar { .. } => "invisible_char",
        }
    }

    /// Every code, for documentation and exhaustive tests.
    pub const ALL_CODES: &'static [&'static str] = &[
        "empty",
        "too_long",
        "not_utf8",
        "needs_repair",
        "mojibake_unrecoverable",
        "field_count",
        "id_length",
        "id_not_digits",
        "id_province_unknown",
        "id_sex_mismatch",
        "id_birth_year_mismatch",
        "old_id_invalid",
        "name_invalid",
        "birth_date_invalid",
        "birth_date_in_future",
        "sex_invalid",
        "address_invalid",
        "issue_date_invalid",
        "issue_date_before_birth",
        "issue_date_in_future",
        "issue_date_before_cccd",
        "extra_field_invalid",
        "invisible_char",
    ];

    /// The English and Vietnamese messages for a code alone, without the
    /// details of one occurrence (a count, a position, which repair): what
    /// a binding that passes only the code (the C API) shows. `None` for an
    /// unknown code.
    pub fn code_message(code: &str) -> Option<(String, String)> {
        let generic = |en: &str, vi: &str| Some((en.to_owned(), vi.to_owned()));
        let e = match code {
            "too_long" => Error::TooLong { max: super::MAX_PAYLOAD_LEN },
            "needs_repair" => {
                return generic(
                    "the payload needs a scanner repair first (BOM, CR/LF/TAB suffix, mojibake or NFD text); use the scanner entry point",
                    "Dữ liệu QR cần được sửa lỗi do máy quét trước (BOM, ký tự CR/LF/TAB ở cuối, lỗi phông chữ hoặc văn bản NFD); hãy dùng hàm đọc dữ liệu máy quét",
                )
            }
            "field_count" => {
                return generic(
                    "expected 7 (2021 card) or 11 (2024 card) fields separated by '|'; check that no Vietnamese input method (Unikey) is on, then rescan",
                    "Cần 7 trường (thẻ 2021) hoặc 11 trường (thẻ 2024) ngăn cách bởi dấu '|'; hãy tắt bộ gõ tiếng Việt (Unikey) rồi quét lại",
                )
            }
            "id_length" => return generic("the ID number must have 12 digits", "Số định danh phải gồm 12 chữ số"),
            "id_not_digits" => {
                return generic(
                    "the ID number contains a character that is not a digit; check that no Vietnamese input method (Unikey) is on, then rescan",
                    "Số định danh có ký tự không phải chữ số; hãy tắt bộ gõ tiếng Việt (Unikey) rồi quét lại",
                )
            }
            "invisible_char" => {
                return generic(
                    "a text field contains an invisible or text-direction character, which would make it display differently from what it holds; rescan the card",
                    "Một trường văn bản chứa ký tự ẩn hoặc ký tự đổi chiều văn bản, làm văn bản hiển thị khác nội dung thật; hãy quét lại thẻ",
                )
            }
            _ => *SIMPLE.iter().find(|e| e.code() == code)?,
        };
        Some((e.message(), e.message_vi()))
    }

    /// The English message (same as `to_string()`).
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// The Vietnamese message, for clerks and citizens.
    pub fn message_vi(&self) -> String {
        match self {
            Error::Empty => "Dữ liệu QR trống".into(),
            Error::TooLong { max } => format!("Dữ liệu QR dài quá {max} byte"),
            Error::NotUtf8 => "Dữ liệu QR không phải văn bản UTF-8 hợp lệ".into(),
            Error::NeedsRepair(r) => format!(
                "Dữ liệu QR cần được sửa lỗi do máy quét trước ({}); hãy dùng hàm đọc dữ liệu máy quét `repair`",
                r.message_vi()
            ),
            Error::MojibakeUnrecoverable => {
                "Dữ liệu bị lỗi phông chữ do máy quét (UTF-8 bị đọc thành Windows-1252) và đã mất ký tự; hãy quét lại thẻ".into()
            }
            Error::FieldCount { found } => format!(
                "Cần 7 trường (thẻ 2021) hoặc 11 trường (thẻ 2024) ngăn cách bởi dấu '|', nhưng có {found}; hãy tắt bộ gõ tiếng Việt (Unikey) rồi quét lại"
            ),
            Error::IdLength { found } => {
                format!("Số định danh phải gồm 12 chữ số, nhưng có {found}")
            }
            Error::IdNotDigits { position } => {
                format!("Số định danh có ký tự không phải chữ số (ký tự thứ {position}); hãy tắt bộ gõ tiếng Việt (Unikey) rồi quét lại")
            }
            Error::IdProvinceUnknown => {
                "Ba chữ số đầu của số định danh không phải mã tỉnh hay mã quốc gia hợp lệ".into()
            }
            Error::IdSexMismatch => {
                "Chữ số thế kỷ/giới tính trong số định danh không khớp với giới tính trên thẻ".into()
            }
            Error::IdBirthYearMismatch => {
                "Chữ số thế kỷ và năm sinh trong số định danh không khớp với ngày sinh".into()
            }
            Error::OldIdInvalid => "Số CMND cũ phải gồm đúng 9 chữ số".into(),
            Error::NameInvalid => "Họ và tên trống hoặc chứa chữ số, ký tự điều khiển hay ký tự lỗi (U+FFFD)".into(),
            Error::BirthDateInvalid => "Ngày sinh không phải ngày hợp lệ dạng ddMMyyyy".into(),
            Error::BirthDateInFuture => "Ngày sinh ở tương lai".into(),
            Error::SexInvalid => "Giới tính phải là 'Nam' hoặc 'Nữ'".into(),
            Error::AddressInvalid => "Nơi thường trú trống hoặc chứa ký tự điều khiển hay ký tự lỗi (U+FFFD)".into(),
            Error::IssueDateInvalid => "Ngày cấp không phải ngày hợp lệ dạng ddMMyyyy".into(),
            Error::IssueDateBeforeBirth => "Ngày cấp trước ngày sinh".into(),
            Error::IssueDateInFuture => "Ngày cấp ở tương lai".into(),
            Error::IssueDateBeforeCccd => {
                "Ngày cấp trước năm 2016, khi bắt đầu cấp thẻ căn cước công dân 12 số".into()
            }
            Error::ExtraFieldInvalid => "Trường bổ sung của thẻ 2024 chứa ký tự điều khiển hay ký tự lỗi (U+FFFD)".into(),
            Error::InvisibleChar { field, codepoint } => format!(
                "{} chứa ký tự ẩn hoặc ký tự đổi chiều văn bản (U+{codepoint:04X}), làm văn bản hiển thị khác nội dung thật; hãy quét lại thẻ",
                field.name_vi()
            ),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::serialize_error(s, self.code(), self.message(), self.message_vi(), None)
    }
}

/// The variants without details, for [`Error::code_message`].
const SIMPLE: [Error; 17] = [
    Error::Empty,
    Error::NotUtf8,
    Error::MojibakeUnrecoverable,
    Error::IdProvinceUnknown,
    Error::IdSexMismatch,
    Error::IdBirthYearMismatch,
    Error::OldIdInvalid,
    Error::NameInvalid,
    Error::BirthDateInvalid,
    Error::BirthDateInFuture,
    Error::SexInvalid,
    Error::AddressInvalid,
    Error::IssueDateInvalid,
    Error::IssueDateBeforeBirth,
    Error::IssueDateInFuture,
    Error::IssueDateBeforeCccd,
    Error::ExtraFieldInvalid,
];
