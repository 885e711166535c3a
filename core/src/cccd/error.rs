//! The one error type of the CCCD parser.

use super::Repair;

use crate::catalogue::catalogue;

catalogue! {
    /// Why a payload (or a standalone ID / CMND number) was rejected.
    ///
    /// Every variant has a stable snake_case [`code`](Error::code), an English
    /// message ([`Display`](std::fmt::Display)) and a Vietnamese one
    /// ([`message_vi`](Error::message_vi)). No variant carries any text of the
    /// input: errors are safe to log (Nghị định 13/2023 on personal data).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[non_exhaustive]
    pub enum Error {
        /// Nothing left after removing the scanner's BOM and suffix.
        Empty = "empty", 100,
            en: "the payload is empty";
            vi: "Dữ liệu QR trống";
            short: "the payload is empty", "Dữ liệu QR trống";
        /// Longer than [`MAX_PAYLOAD_LEN`](super::MAX_PAYLOAD_LEN) bytes.
        TooLong {
            /// The limit, in bytes.
            max: usize,
        } = "too_long", 101,
            en: "the payload is longer than {max} bytes";
            vi: "Dữ liệu QR dài quá {max} byte";
            short: format!("the payload is longer than {} bytes", super::MAX_PAYLOAD_LEN),
                format!("Dữ liệu QR dài quá {} byte", super::MAX_PAYLOAD_LEN);
        /// The bytes are not UTF-8 (only from the byte entry points). (C: the
        /// generic `MOTCUA_RESULT_NOT_UTF8`, for any text.)
        NotUtf8 = "not_utf8", 5,
            en: "the payload is not valid UTF-8 text";
            vi: "Dữ liệu QR không phải văn bản UTF-8 hợp lệ";
            short: "the payload is not valid UTF-8 text", "Dữ liệu QR không phải văn bản UTF-8 hợp lệ";
        /// The strict parser met something only the scanner path repairs.
        NeedsRepair(repair: Repair) = "needs_repair", 102,
            en: "the payload needs a scanner repair first ({repair}); use the scanner entry point `repair`";
            vi: "Dữ liệu QR cần được sửa lỗi do máy quét trước ({}); hãy dùng hàm đọc dữ liệu máy quét `repair`", repair.message_vi();
            short: "the payload needs a scanner repair first (BOM, CR/LF/TAB suffix, mojibake or NFD text); use the scanner entry point",
                "Dữ liệu QR cần được sửa lỗi do máy quét trước (BOM, ký tự CR/LF/TAB ở cuối, lỗi phông chữ hoặc văn bản NFD); hãy dùng hàm đọc dữ liệu máy quét";
        /// UTF-8 read as Windows-1252 with bytes lost on the way: cannot be undone.
        MojibakeUnrecoverable = "mojibake_unrecoverable", 103,
            en: "the text was garbled by the scanner (UTF-8 read as Windows-1252) and bytes were lost; rescan the card";
            vi: "Dữ liệu bị lỗi phông chữ do máy quét (UTF-8 bị đọc thành Windows-1252) và đã mất ký tự; hãy quét lại thẻ";
            short: "the text was garbled by the scanner (UTF-8 read as Windows-1252) and bytes were lost; rescan the card",
                "Dữ liệu bị lỗi phông chữ do máy quét (UTF-8 bị đọc thành Windows-1252) và đã mất ký tự; hãy quét lại thẻ";
        /// Not 7 (2021 card) or 11 (2024+ card) `|`-separated fields.
        FieldCount {
            /// How many fields the payload has.
            found: usize,
        } = "field_count", 104,
            en: "expected 7 (2021 card) or 11 (2024 card) fields separated by '|', found {found}; check that no Vietnamese input method (Unikey) is on, then rescan";
            vi: "Cần 7 trường (thẻ 2021) hoặc 11 trường (thẻ 2024) ngăn cách bởi dấu '|', nhưng có {found}; hãy tắt bộ gõ tiếng Việt (Unikey) rồi quét lại";
            short: "expected 7 (2021 card) or 11 (2024 card) fields separated by '|'; check that no Vietnamese input method (Unikey) is on, then rescan",
                "Cần 7 trường (thẻ 2021) hoặc 11 trường (thẻ 2024) ngăn cách bởi dấu '|'; hãy tắt bộ gõ tiếng Việt (Unikey) rồi quét lại";
        /// The ID number is all digits but not 12 of them.
        IdLength {
            /// Number of characters found.
            found: usize,
        } = "id_length", 105,
            en: "the ID number must have 12 digits, found {found}";
            vi: "Số định danh phải gồm 12 chữ số, nhưng có {found}";
            short: "the ID number must have 12 digits", "Số định danh phải gồm 12 chữ số";
        /// The ID number contains something other than ASCII digits.
        IdNotDigits {
            /// 1-based position of the first offending character.
            position: usize,
        } = "id_not_digits", 106,
            en: "the ID number contains a character that is not a digit (character {position}); check that no Vietnamese input method (Unikey) is on, then rescan";
            vi: "Số định danh có ký tự không phải chữ số (ký tự thứ {position}); hãy tắt bộ gõ tiếng Việt (Unikey) rồi quét lại";
            short: "the ID number contains a character that is not a digit; check that no Vietnamese input method (Unikey) is on, then rescan",
                "Số định danh có ký tự không phải chữ số; hãy tắt bộ gõ tiếng Việt (Unikey) rồi quét lại";
        /// Digits 1–3 are neither one of the 63 province codes nor a country code (1xx–2xx).
        IdProvinceUnknown = "id_province_unknown", 107,
            en: "the ID number does not start with a known province code or a country code";
            vi: "Ba chữ số đầu của số định danh không phải mã tỉnh hay mã quốc gia hợp lệ";
            short: "the ID number does not start with a known province code or a country code",
                "Ba chữ số đầu của số định danh không phải mã tỉnh hay mã quốc gia hợp lệ";
        /// Digit 4 (century + sex) says the other sex than field 5.
        IdSexMismatch = "id_sex_mismatch", 108,
            en: "the ID number's century/sex digit does not match the sex field";
            vi: "Chữ số thế kỷ/giới tính trong số định danh không khớp với giới tính trên thẻ";
            short: "the ID number's century/sex digit does not match the sex field",
                "Chữ số thế kỷ/giới tính trong số định danh không khớp với giới tính trên thẻ";
        /// Digits 4–6 give another birth year than field 4.
        IdBirthYearMismatch = "id_birth_year_mismatch", 109,
            en: "the ID number's century and birth-year digits do not match the date of birth";
            vi: "Chữ số thế kỷ và năm sinh trong số định danh không khớp với ngày sinh";
            short: "the ID number's century and birth-year digits do not match the date of birth",
                "Chữ số thế kỷ và năm sinh trong số định danh không khớp với ngày sinh";
        /// The old ID (CMND) is not 9 ASCII digits.
        OldIdInvalid = "old_id_invalid", 110,
            en: "the old ID number (CMND) must be exactly 9 digits";
            vi: "Số CMND cũ phải gồm đúng 9 chữ số";
            short: "the old ID number (CMND) must be exactly 9 digits", "Số CMND cũ phải gồm đúng 9 chữ số";
        /// The name is empty, has no letter, or contains digits, control
        /// characters or U+FFFD (bytes a decoder before us lost).
        NameInvalid = "name_invalid", 111,
            en: "the name is empty or contains digits, control characters or replacement characters (U+FFFD)";
            vi: "Họ và tên trống hoặc chứa chữ số, ký tự điều khiển hay ký tự lỗi (U+FFFD)";
            short: "the name is empty or contains digits, control characters or replacement characters (U+FFFD)",
                "Họ và tên trống hoặc chứa chữ số, ký tự điều khiển hay ký tự lỗi (U+FFFD)";
        /// The date of birth is not a real `ddMMyyyy` date.
        BirthDateInvalid = "birth_date_invalid", 112,
            en: "the date of birth is not a real date in ddMMyyyy form";
            vi: "Ngày sinh không phải ngày hợp lệ dạng ddMMyyyy";
            short: "the date of birth is not a real date in ddMMyyyy form", "Ngày sinh không phải ngày hợp lệ dạng ddMMyyyy";
        /// The date of birth is after the reference date ("today").
        BirthDateInFuture = "birth_date_in_future", 113,
            en: "the date of birth is in the future";
            vi: "Ngày sinh ở tương lai";
            short: "the date of birth is in the future", "Ngày sinh ở tương lai";
        /// Field 5 is neither `Nam` nor `Nữ`.
        SexInvalid = "sex_invalid", 114,
            en: "the sex field must be 'Nam' or 'Nữ'";
            vi: "Giới tính phải là 'Nam' hoặc 'Nữ'";
            short: "the sex field must be 'Nam' or 'Nữ'", "Giới tính phải là 'Nam' hoặc 'Nữ'";
        /// The address is empty or contains control characters or U+FFFD.
        AddressInvalid = "address_invalid", 115,
            en: "the permanent address is empty or contains control characters or replacement characters (U+FFFD)";
            vi: "Nơi thường trú trống hoặc chứa ký tự điều khiển hay ký tự lỗi (U+FFFD)";
            short: "the permanent address is empty or contains control characters or replacement characters (U+FFFD)",
                "Nơi thường trú trống hoặc chứa ký tự điều khiển hay ký tự lỗi (U+FFFD)";
        /// The issue date is not a real `ddMMyyyy` date.
        IssueDateInvalid = "issue_date_invalid", 116,
            en: "the issue date is not a real date in ddMMyyyy form";
            vi: "Ngày cấp không phải ngày hợp lệ dạng ddMMyyyy";
            short: "the issue date is not a real date in ddMMyyyy form", "Ngày cấp không phải ngày hợp lệ dạng ddMMyyyy";
        /// The card was issued before its holder was born.
        IssueDateBeforeBirth = "issue_date_before_birth", 117,
            en: "the issue date is before the date of birth";
            vi: "Ngày cấp trước ngày sinh";
            short: "the issue date is before the date of birth", "Ngày cấp trước ngày sinh";
        /// The issue date is after the reference date ("today").
        IssueDateInFuture = "issue_date_in_future", 118,
            en: "the issue date is in the future";
            vi: "Ngày cấp ở tương lai";
            short: "the issue date is in the future", "Ngày cấp ở tương lai";
        /// Issued before 2016, when 12-digit citizen ID cards began.
        IssueDateBeforeCccd = "issue_date_before_cccd", 119,
            en: "the issue date is before 2016, when 12-digit citizen ID cards began";
            vi: "Ngày cấp trước năm 2016, khi bắt đầu cấp thẻ căn cước công dân 12 số";
            short: "the issue date is before 2016, when 12-digit citizen ID cards began",
                "Ngày cấp trước năm 2016, khi bắt đầu cấp thẻ căn cước công dân 12 số";
        /// One of the 4 extra fields of a 2024 card contains control characters or U+FFFD.
        ExtraFieldInvalid = "extra_field_invalid", 120,
            en: "an extra field of the 2024 card contains control characters or replacement characters (U+FFFD)";
            vi: "Trường bổ sung của thẻ 2024 chứa ký tự điều khiển hay ký tự lỗi (U+FFFD)";
            short: "an extra field of the 2024 card contains control characters or replacement characters (U+FFFD)",
                "Trường bổ sung của thẻ 2024 chứa ký tự điều khiển hay ký tự lỗi (U+FFFD)";
        /// The name, address or an extra field holds an invisible or
        /// text-direction character (a bidi control such as U+202E, a
        /// zero-width character such as U+200B, U+2028/U+2029, a BOM inside the
        /// text, a soft hyphen): the text would display differently from what
        /// it holds. No scanner types them; they are refused, never stripped.
        InvisibleChar {
            /// Which field.
            field: TextField,
            /// The first such character's code point (not personal data).
            codepoint: u32,
        } = "invisible_char", 121,
            en: "the {} contains an invisible or text-direction character (U+{codepoint:04X}), which would make it display differently from what it holds; rescan the card", field.name();
            vi: "{} chứa ký tự ẩn hoặc ký tự đổi chiều văn bản (U+{codepoint:04X}), làm văn bản hiển thị khác nội dung thật; hãy quét lại thẻ", field.name_vi();
            short: "a text field contains an invisible or text-direction character, which would make it display differently from what it holds; rescan the card",
                "Một trường văn bản chứa ký tự ẩn hoặc ký tự đổi chiều văn bản, làm văn bản hiển thị khác nội dung thật; hãy quét lại thẻ";
    }
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

#[cfg(feature = "serde")]
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::serialize_error(s, self.code(), self.message(), self.message_vi(), None)
    }
}
