//! C API of motcua (`libmotcua`, header `include/motcua.h`).
//!
//! A thin shell over the core crate in the style of rustls-ffi:
//!
//! * one prefix, `motcua_`; every fallible function returns a
//!   [`motcua_result`] (0 = success) and writes its outputs through
//!   out-parameters only on success;
//! * text goes in as `(const char *data, size_t len)` (UTF-8, not
//!   NUL-terminated) and comes out as [`motcua_str`] views: into the
//!   caller's own buffer when nothing had to be rewritten (zero-copy), into
//!   a buffer the result owns otherwise;
//! * everything the library allocates has a `*_free` function that accepts
//!   NULL and zeroed structs;
//! * every entry point catches panics (`MOTCUA_RESULT_PANIC`) and checks
//!   its pointers (`MOTCUA_RESULT_NULL_PARAMETER`) and lengths before it
//!   reads anything; there is no global mutable state.
//!
//! Enumerations are passed as `uint32_t` in both directions (a C caller can
//! hand in any number; the library answers `MOTCUA_RESULT_INVALID_ARGUMENT`).
#![allow(non_camel_case_types)]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(missing_docs)]
#![warn(clippy::undocumented_unsafe_blocks)]

use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{Datelike, NaiveDate};
use motcua_core::{cccd, dossier, image, print, qr};

mod card;
mod dossier_api;
mod form_api;
mod image_api;
mod qr_api;

pub use card::*;
pub use dossier_api::*;
pub use image_api::*;
pub use qr_api::*;

/// Result of every fallible function. `MOTCUA_RESULT_OK` (0) is success;
/// every other value is an error whose English or Vietnamese text
/// `motcua_error_message` gives and whose stable snake_case name
/// `motcua_error_code_str` gives (the same codes as the CLI's JSON).
///
/// Values: 1–99 the C API itself, 100–199 CCCD payloads and ID numbers,
/// 200–299 dossier QR payloads and records, 300–399 QR codes, 400–499
/// reading QR codes from images. Values are
/// never reused; new errors get new values.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum motcua_result {
    /// Success.
    Ok = 0,
    /// A required pointer argument is NULL (or a text has NULL data and a
    /// non-zero length).
    NullParameter = 1,
    /// The library panicked (a bug); the call had no effect.
    Panic = 2,
    /// The caller's output buffer is too small; nothing was written.
    InsufficientSize = 3,
    /// An enumeration value, option or date argument is out of range.
    InvalidArgument = 4,
    /// Text is not valid UTF-8 (never guessed at).
    NotUtf8 = 5,

    /// CCCD: nothing left after removing the scanner's BOM and suffix (`empty`).
    CccdEmpty = 100,
    /// CCCD: the payload is longer than 2048 bytes (`too_long`).
    CccdTooLong = 101,
    /// CCCD: the strict parser met something only the scanner path repairs (`needs_repair`).
    CccdNeedsRepair = 102,
    /// CCCD: UTF-8 read as Windows-1252 with bytes lost; rescan (`mojibake_unrecoverable`).
    CccdMojibakeUnrecoverable = 103,
    /// CCCD: not 7 or 11 `|`-separated fields (`field_count`).
    CccdFieldCount = 104,
    /// CCCD: the ID number is not 12 digits long (`id_length`).
    CccdIdLength = 105,
    /// CCCD: the ID number has a non-digit (`id_not_digits`).
    CccdIdNotDigits = 106,
    /// CCCD: the ID number's first 3 digits are no province or country code (`id_province_unknown`).
    CccdIdProvinceUnknown = 107,
    /// CCCD: the ID's century/sex digit contradicts the sex field (`id_sex_mismatch`).
    CccdIdSexMismatch = 108,
    /// CCCD: the ID's century and year digits contradict the birth date (`id_birth_year_mismatch`).
    CccdIdBirthYearMismatch = 109,
    /// CCCD: the old ID (CMND) is not 9 digits (`old_id_invalid`).
    CccdOldIdInvalid = 110,
    /// CCCD: the name is empty or has digits, control characters or U+FFFD (`name_invalid`).
    CccdNameInvalid = 111,
    /// CCCD: the birth date is not a real ddMMyyyy date (`birth_date_invalid`).
    CccdBirthDateInvalid = 112,
    /// CCCD: the birth date is after the reference date (`birth_date_in_future`).
    CccdBirthDateInFuture = 113,
    /// CCCD: the sex is neither `Nam` nor `Nữ` (`sex_invalid`).
    CccdSexInvalid = 114,
    /// CCCD: the address is empty or has control characters or U+FFFD (`address_invalid`).
    CccdAddressInvalid = 115,
    /// CCCD: the issue date is not a real ddMMyyyy date (`issue_date_invalid`).
    CccdIssueDateInvalid = 116,
    /// CCCD: issued before the holder was born (`issue_date_before_birth`).
    CccdIssueDateBeforeBirth = 117,
    /// CCCD: the issue date is after the reference date (`issue_date_in_future`).
    CccdIssueDateInFuture = 118,
    /// CCCD: issued before 2016, when 12-digit cards began (`issue_date_before_cccd`).
    CccdIssueDateBeforeCccd = 119,
    /// CCCD: an extra field of a 2024 card has control characters or U+FFFD (`extra_field_invalid`).
    CccdExtraFieldInvalid = 120,
    /// CCCD: the name, address or an extra field holds an invisible or text-direction character (`invisible_char`).
    CccdInvisibleChar = 121,

    /// Dossier: a required field is absent (`field_missing`).
    DossierFieldMissing = 200,
    /// Dossier: free text empty, over 200 characters or with control characters (`text_invalid`).
    DossierTextInvalid = 201,
    /// Dossier: a date or time is not valid (years 2000–2099) (`date_invalid`).
    DossierDateInvalid = 202,
    /// Dossier: a field is not base32 of UTF-8, or has a bad %-escape (`encoding`).
    DossierEncoding = 203,
    /// Dossier: a field occurs twice in one payload (`duplicate_field`).
    DossierDuplicateField = 204,
    /// Dossier: the payload (or a field) is longer than 4096 bytes (`dossier_too_long`).
    DossierTooLong = 205,
    /// Dossier: a URL, but not a dossier QR payload (`not_dossier_qr`).
    DossierNotDossierQr = 206,
    /// Dossier: a payload format version this library does not know (`version_unsupported`).
    DossierVersionUnsupported = 207,
    /// Dossier: the base URL is not `https://…` without spaces, `#` or non-ASCII (`base_url_invalid`).
    DossierBaseUrlInvalid = 208,
    /// Dossier: a unit code group is malformed (QCVN 102:2016) (`unit_code_format`).
    DossierUnitCodeFormat = 209,
    /// Dossier: a unit code without its level-1 group (`unit_code_level1`).
    DossierUnitCodeLevel1 = 210,
    /// Dossier: the dossier code is not `<unit>-YYMMDD-NNNN` (`dossier_code_format`).
    DossierCodeFormat = 211,
    /// Dossier: the receipt date in the dossier code is not a real date (`dossier_date_invalid`).
    DossierCodeDateInvalid = 212,
    /// Dossier: the dossier code's sequence number is 0000 (`dossier_sequence_invalid`).
    DossierSequenceInvalid = 213,
    /// Dossier: the procedure code is not `D.NNNNNN` (`procedure_code_format`).
    DossierProcedureCodeFormat = 214,
    /// Dossier: the procedure code does not start with 1, 2 or 3 (`procedure_code_group`).
    DossierProcedureCodeGroup = 215,
    /// Dossier: the procedure code's provincial suffix is malformed (`procedure_suffix_invalid`).
    DossierProcedureSuffixInvalid = 216,
    /// Dossier: the applicant is no ID number, tax code or unit code (`applicant_format`).
    DossierApplicantFormat = 217,
    /// Dossier: the applicant's ID number has an unknown province code (`applicant_id_province`).
    DossierApplicantIdProvince = 218,
    /// Dossier: the applicant's tax code has a wrong check digit (`tax_code_check_digit`).
    DossierTaxCodeCheckDigit = 219,
    /// Dossier: a masked identifier where the full one is needed (`applicant_masked`).
    DossierApplicantMasked = 220,
    /// Dossier: the payload links to a lookup page not among the allowed ones (`base_not_allowed`).
    DossierBaseNotAllowed = 221,
    /// Dossier: the payload's bytes are not UTF-8 (`dossier_not_utf8`; the
    /// functions here answer `NOT_UTF8` for any text that is not).
    DossierNotUtf8 = 222,

    /// QR: the text does not fit the allowed versions at the level (`qr_too_long`).
    QrTooLong = 300,
    /// QR: the version range is outside 1–40 or reversed (`qr_version_range`).
    QrVersionRange = 301,
    /// QR: the PNG image could not be written (`png_write`).
    QrPngWrite = 302,

    /// Image: width or height below 21 pixels (`image_too_small`).
    ImageTooSmall = 400,
    /// Image: over 16384 pixels a side or 40 megapixels (`image_too_large`).
    ImageTooLarge = 401,
    /// Image: the row stride is shorter than a row (`image_stride`).
    ImageStride = 402,
    /// Image: the buffer is shorter than the size and stride say (`image_buffer_short`).
    ImageBufferShort = 403,
    /// Image: no QR code was found (`image_no_qr`).
    ImageNoQr = 404,
    /// Image: QR codes were seen but none could be read (`image_qr_unreadable`).
    ImageQrUnreadable = 405,

    /// Print and forms: `csv_not_utf8` (see `motcua_error_message`).
    CsvNotUtf8 = 500,
    /// Print and forms: `csv_malformed` (see `motcua_error_message`).
    CsvMalformed = 501,
    /// Print and forms: `csv_missing_column` (see `motcua_error_message`).
    CsvMissingColumn = 502,
    /// Print and forms: `csv_missing_field` (see `motcua_error_message`).
    CsvMissingField = 503,
    /// Print and forms: `csv_procedure_code` (see `motcua_error_message`).
    CsvProcedureCode = 504,
    /// Print and forms: `csv_duplicate_code` (see `motcua_error_message`).
    CsvDuplicateCode = 505,
    /// Print and forms: `csv_url_invalid` (see `motcua_error_message`).
    CsvUrlInvalid = 506,
    /// Print and forms: `csv_url_too_long` (see `motcua_error_message`).
    CsvUrlTooLong = 507,
    /// Print and forms: `csv_text_too_long` (see `motcua_error_message`).
    CsvTextTooLong = 508,
    /// Print and forms: `poster_empty` (see `motcua_error_message`).
    PosterEmpty = 509,
    /// Print and forms: `poster_too_many` (see `motcua_error_message`).
    PosterTooMany = 510,
    /// Print and forms: `poster_title` (see `motcua_error_message`).
    PosterTitle = 511,
    /// Print and forms: `poster_layout` (see `motcua_error_message`).
    PosterLayout = 512,
    /// Print and forms: `sheet_office` (see `motcua_error_message`).
    SheetOffice = 513,
    /// Print and forms: `sheet_dossier` (see `motcua_error_message`).
    SheetDossier = 514,
    /// Print and forms: `sheet_dossier_applicant` (see `motcua_error_message`).
    SheetDossierApplicant = 515,
    /// Print and forms: `sheet_dossier_not_masked` (see `motcua_error_message`).
    SheetDossierNotMasked = 516,
    /// Print and forms: `sheet_dossier_qr` (see `motcua_error_message`).
    SheetDossierQr = 517,
    /// Print and forms: `form_not_docx` (see `motcua_error_message`).
    FormNotDocx = 518,
    /// Print and forms: `form_too_large` (see `motcua_error_message`).
    FormTooLarge = 519,
    /// Print and forms: `form_xml` (see `motcua_error_message`).
    FormXml = 520,
    /// Print and forms: `form_placeholder_unknown` (see `motcua_error_message`).
    FormPlaceholderUnknown = 521,
    /// Print and forms: `form_placeholder_open` (see `motcua_error_message`).
    FormPlaceholderOpen = 522,
    /// Print and forms: `form_value` (see `motcua_error_message`).
    FormValue = 523,
    /// Print and forms: `register_xlsx` (see `motcua_error_message`).
    RegisterXlsx = 524,
    /// Print and forms: `register_too_many` (see `motcua_error_message`).
    RegisterTooMany = 525,
}

use motcua_result as R;

/// Which module a core error code belongs to: whose messages explain it.
/// (Codes are unique across modules since #21; the tests check it.)
#[derive(Clone, Copy, PartialEq, Eq)]
enum Domain {
    Ffi,
    Cccd,
    Dossier,
    Qr,
    Image,
    Print,
}

/// Every result: its module and its stable code. The one table the C enum
/// is checked against (see the tests).
const RESULTS: &[(motcua_result, Domain, &str)] = &[
    (R::Ok, Domain::Ffi, "ok"),
    (R::NullParameter, Domain::Ffi, "null_parameter"),
    (R::Panic, Domain::Ffi, "panic"),
    (R::InsufficientSize, Domain::Ffi, "insufficient_size"),
    (R::InvalidArgument, Domain::Ffi, "invalid_argument"),
    // Any text, not only a CCCD payload; the message is the CCCD parser's.
    (R::NotUtf8, Domain::Cccd, "not_utf8"),
    (R::CccdEmpty, Domain::Cccd, "empty"),
    (R::CccdTooLong, Domain::Cccd, "too_long"),
    (R::CccdNeedsRepair, Domain::Cccd, "needs_repair"),
    (R::CccdMojibakeUnrecoverable, Domain::Cccd, "mojibake_unrecoverable"),
    (R::CccdFieldCount, Domain::Cccd, "field_count"),
    (R::CccdIdLength, Domain::Cccd, "id_length"),
    (R::CccdIdNotDigits, Domain::Cccd, "id_not_digits"),
    (R::CccdIdProvinceUnknown, Domain::Cccd, "id_province_unknown"),
    (R::CccdIdSexMismatch, Domain::Cccd, "id_sex_mismatch"),
    (R::CccdIdBirthYearMismatch, Domain::Cccd, "id_birth_year_mismatch"),
    (R::CccdOldIdInvalid, Domain::Cccd, "old_id_invalid"),
    (R::CccdNameInvalid, Domain::Cccd, "name_invalid"),
    (R::CccdBirthDateInvalid, Domain::Cccd, "birth_date_invalid"),
    (R::CccdBirthDateInFuture, Domain::Cccd, "birth_date_in_future"),
    (R::CccdSexInvalid, Domain::Cccd, "sex_invalid"),
    (R::CccdAddressInvalid, Domain::Cccd, "address_invalid"),
    (R::CccdIssueDateInvalid, Domain::Cccd, "issue_date_invalid"),
    (R::CccdIssueDateBeforeBirth, Domain::Cccd, "issue_date_before_birth"),
    (R::CccdIssueDateInFuture, Domain::Cccd, "issue_date_in_future"),
    (R::CccdIssueDateBeforeCccd, Domain::Cccd, "issue_date_before_cccd"),
    (R::CccdExtraFieldInvalid, Domain::Cccd, "extra_field_invalid"),
    (R::CccdInvisibleChar, Domain::Cccd, "invisible_char"),
    (R::DossierFieldMissing, Domain::Dossier, "field_missing"),
    (R::DossierTextInvalid, Domain::Dossier, "text_invalid"),
    (R::DossierDateInvalid, Domain::Dossier, "date_invalid"),
    (R::DossierEncoding, Domain::Dossier, "encoding"),
    (R::DossierDuplicateField, Domain::Dossier, "duplicate_field"),
    (R::DossierTooLong, Domain::Dossier, "dossier_too_long"),
    (R::DossierNotDossierQr, Domain::Dossier, "not_dossier_qr"),
    (R::DossierVersionUnsupported, Domain::Dossier, "version_unsupported"),
    (R::DossierBaseUrlInvalid, Domain::Dossier, "base_url_invalid"),
    (R::DossierUnitCodeFormat, Domain::Dossier, "unit_code_format"),
    (R::DossierUnitCodeLevel1, Domain::Dossier, "unit_code_level1"),
    (R::DossierCodeFormat, Domain::Dossier, "dossier_code_format"),
    (R::DossierCodeDateInvalid, Domain::Dossier, "dossier_date_invalid"),
    (R::DossierSequenceInvalid, Domain::Dossier, "dossier_sequence_invalid"),
    (R::DossierProcedureCodeFormat, Domain::Dossier, "procedure_code_format"),
    (R::DossierProcedureCodeGroup, Domain::Dossier, "procedure_code_group"),
    (
        R::DossierProcedureSuffixInvalid,
        Domain::Dossier,
        "procedure_suffix_invalid",
    ),
    (R::DossierApplicantFormat, Domain::Dossier, "applicant_format"),
    (R::DossierApplicantIdProvince, Domain::Dossier, "applicant_id_province"),
    (R::DossierTaxCodeCheckDigit, Domain::Dossier, "tax_code_check_digit"),
    (R::DossierApplicantMasked, Domain::Dossier, "applicant_masked"),
    (R::DossierBaseNotAllowed, Domain::Dossier, "base_not_allowed"),
    (R::DossierNotUtf8, Domain::Dossier, "dossier_not_utf8"),
    (R::QrTooLong, Domain::Qr, "qr_too_long"),
    (R::QrVersionRange, Domain::Qr, "qr_version_range"),
    (R::QrPngWrite, Domain::Qr, "png_write"),
    (R::ImageTooSmall, Domain::Image, "image_too_small"),
    (R::ImageTooLarge, Domain::Image, "image_too_large"),
    (R::ImageStride, Domain::Image, "image_stride"),
    (R::ImageBufferShort, Domain::Image, "image_buffer_short"),
    (R::ImageNoQr, Domain::Image, "image_no_qr"),
    (R::ImageQrUnreadable, Domain::Image, "image_qr_unreadable"),
    (R::CsvNotUtf8, Domain::Print, "csv_not_utf8"),
    (R::CsvMalformed, Domain::Print, "csv_malformed"),
    (R::CsvMissingColumn, Domain::Print, "csv_missing_column"),
    (R::CsvMissingField, Domain::Print, "csv_missing_field"),
    (R::CsvProcedureCode, Domain::Print, "csv_procedure_code"),
    (R::CsvDuplicateCode, Domain::Print, "csv_duplicate_code"),
    (R::CsvUrlInvalid, Domain::Print, "csv_url_invalid"),
    (R::CsvUrlTooLong, Domain::Print, "csv_url_too_long"),
    (R::CsvTextTooLong, Domain::Print, "csv_text_too_long"),
    (R::PosterEmpty, Domain::Print, "poster_empty"),
    (R::PosterTooMany, Domain::Print, "poster_too_many"),
    (R::PosterTitle, Domain::Print, "poster_title"),
    (R::PosterLayout, Domain::Print, "poster_layout"),
    (R::SheetOffice, Domain::Print, "sheet_office"),
    (R::SheetDossier, Domain::Print, "sheet_dossier"),
    (R::SheetDossierApplicant, Domain::Print, "sheet_dossier_applicant"),
    (R::SheetDossierNotMasked, Domain::Print, "sheet_dossier_not_masked"),
    (R::SheetDossierQr, Domain::Print, "sheet_dossier_qr"),
    (R::FormNotDocx, Domain::Print, "form_not_docx"),
    (R::FormTooLarge, Domain::Print, "form_too_large"),
    (R::FormXml, Domain::Print, "form_xml"),
    (R::FormPlaceholderUnknown, Domain::Print, "form_placeholder_unknown"),
    (R::FormPlaceholderOpen, Domain::Print, "form_placeholder_open"),
    (R::FormValue, Domain::Print, "form_value"),
    (R::RegisterXlsx, Domain::Print, "register_xlsx"),
    (R::RegisterTooMany, Domain::Print, "register_too_many"),
];

/// The result of the C number a core error carries (its catalogue's
/// `c_value`); every one is in [`RESULTS`] (the tests check it).
fn result_of(c_value: u32) -> motcua_result {
    RESULTS
        .iter()
        .find(|(r, _, _)| *r as u32 == c_value)
        .map_or(R::Panic, |(r, _, _)| *r)
}

impl From<cccd::Error> for motcua_result {
    fn from(e: cccd::Error) -> Self {
        result_of(e.c_value())
    }
}

impl From<dossier::Error> for motcua_result {
    fn from(e: dossier::Error) -> Self {
        result_of(e.c_value())
    }
}

impl From<qr::Error> for motcua_result {
    fn from(e: qr::Error) -> Self {
        result_of(e.c_value())
    }
}

impl From<print::Error> for motcua_result {
    fn from(e: print::Error) -> Self {
        result_of(e.c_value())
    }
}

impl From<print::form::FillScanError> for motcua_result {
    fn from(e: print::form::FillScanError) -> Self {
        result_of(e.c_value())
    }
}

impl From<image::Error> for motcua_result {
    fn from(e: image::Error) -> Self {
        result_of(e.c_value())
    }
}

/// Runs an entry point's body, turning a panic into `MOTCUA_RESULT_PANIC`.
fn boundary(body: impl FnOnce() -> Result<(), motcua_result>) -> motcua_result {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => R::Ok,
        Ok(Err(e)) => e,
        Err(_) => R::Panic,
    }
}

/// Runs an infallible accessor's body, answering `fallback` on a panic.
fn boundary_or<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// Language of a message: `MOTCUA_LANG_EN` or `MOTCUA_LANG_VI`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum motcua_lang {
    /// English.
    En = 0,
    /// Vietnamese (tiếng Việt), for clerks and citizens.
    Vi = 1,
}

/// The English or Vietnamese one of two texts, by a `motcua_lang` value
/// (anything else is `INVALID_ARGUMENT`).
fn in_lang<T>(lang: u32, en: T, vi: T) -> Result<T, motcua_result> {
    match lang {
        0 => Ok(en),
        1 => Ok(vi),
        _ => Err(R::InvalidArgument),
    }
}

/// A borrowed UTF-8 text: `len` bytes at `data`, **not** NUL-terminated
/// (print it with `printf("%.*s", (int)s.len, s.data)`). As an output,
/// `data` is never NULL (an absent text is an empty one); as an input,
/// `{NULL, 0}` means "absent".
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct motcua_str {
    /// First byte.
    pub data: *const c_char,
    /// Length in bytes.
    pub len: usize,
}

const EMPTY: &str = "";

impl motcua_str {
    /// A view of `s`, which must outlive every use the caller makes of it.
    fn of(s: &str) -> Self {
        motcua_str {
            data: s.as_ptr().cast(),
            len: s.len(),
        }
    }

    /// The view of an absent text: empty, with non-NULL data.
    fn empty() -> Self {
        Self::of(EMPTY)
    }

    /// Reads an input text: `Ok(None)` for `{NULL, 0}` or any empty text,
    /// the text otherwise (UTF-8, at most `max` bytes, else `too_long`).
    ///
    /// # Safety
    /// `data` must point to `len` readable bytes that stay unchanged while
    /// the returned `&str` is used.
    unsafe fn read<'a>(self, max: usize, too_long: motcua_result) -> Result<Option<&'a str>, motcua_result> {
        // SAFETY: forwarded to the caller.
        let bytes = unsafe { bytes(self.data.cast(), self.len, max, too_long)? };
        if bytes.is_empty() {
            return Ok(None);
        }
        std::str::from_utf8(bytes).map(Some).map_err(|_| R::NotUtf8)
    }
}

/// Checks and borrows a caller's `(data, len)`: NULL data is an error unless
/// `len` is 0; more than `max` bytes is `too_long` (checked before any
/// byte is read, so a huge `len` is harmless).
///
/// # Safety
/// `data` must point to `len` readable bytes (when non-NULL and `len <= max`)
/// that stay unchanged while the slice is used.
unsafe fn bytes<'a>(
    data: *const u8,
    len: usize,
    max: usize,
    too_long: motcua_result,
) -> Result<&'a [u8], motcua_result> {
    if len > max {
        return Err(too_long);
    }
    if data.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(R::NullParameter) };
    }
    // SAFETY: non-NULL, `len` readable bytes by the caller's contract, and
    // `len <= max`, far below `isize::MAX`.
    Ok(unsafe { std::slice::from_raw_parts(data, len) })
}

/// Reads a required input text (NULL data is `NULL_PARAMETER` even when
/// `len` is 0; an empty text is allowed and left to the core to judge).
///
/// # Safety
/// As [`bytes`].
unsafe fn required<'a>(
    data: *const c_char,
    len: usize,
    max: usize,
    too_long: motcua_result,
) -> Result<&'a [u8], motcua_result> {
    if data.is_null() {
        return Err(R::NullParameter);
    }
    // SAFETY: forwarded to the caller.
    unsafe { bytes(data.cast(), len, max, too_long) }
}

/// [`required`], as UTF-8 text (else `NOT_UTF8`).
///
/// # Safety
/// As [`bytes`].
unsafe fn required_str<'a>(
    data: *const c_char,
    len: usize,
    max: usize,
    too_long: motcua_result,
) -> Result<&'a str, motcua_result> {
    // SAFETY: forwarded to the caller.
    let bytes = unsafe { required(data, len, max, too_long)? };
    std::str::from_utf8(bytes).map_err(|_| R::NotUtf8)
}

/// Writes `value` through an out-pointer checked to be non-NULL.
///
/// # Safety
/// `out` must be NULL or valid for a write of `T`.
unsafe fn write_out<T>(out: *mut T, value: T) -> Result<(), motcua_result> {
    if out.is_null() {
        return Err(R::NullParameter);
    }
    // SAFETY: non-NULL and valid for writes by the caller's contract;
    // `write` does not read or drop the old (possibly uninitialised) value.
    unsafe { out.write(value) };
    Ok(())
}

/// A calendar date; year 0 means "none" (outputs zero all three). As an
/// input with a non-zero year it must be a real date (else
/// `MOTCUA_RESULT_INVALID_ARGUMENT` or the field's date error).
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct motcua_date {
    /// Year, e.g. 2026; 0 = no date.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl motcua_date {
    fn of(d: NaiveDate) -> Self {
        motcua_date {
            year: u16::try_from(d.year()).unwrap_or(0),
            month: u8::try_from(d.month()).unwrap_or(0),
            day: u8::try_from(d.day()).unwrap_or(0),
        }
    }

    fn of_opt(d: Option<NaiveDate>) -> Self {
        d.map_or_else(Self::default, Self::of)
    }

    fn is_none(&self) -> bool {
        self.year == 0
    }

    /// The date, or `invalid` when it is not a real one.
    fn to_naive(self, invalid: motcua_result) -> Result<NaiveDate, motcua_result> {
        NaiveDate::from_ymd_opt(self.year.into(), self.month.into(), self.day.into()).ok_or(invalid)
    }
}

/// The library's version, e.g. `"0.1.0"`: a static NUL-terminated string
/// (never free it).
#[no_mangle]
pub extern "C" fn motcua_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The longest message `motcua_error_message` writes, in bytes, including
/// the terminating NUL: a buffer of this size always suffices.
pub const MOTCUA_MESSAGE_MAX: usize = 512;

/// Copies the message for `result` in `lang` (`MOTCUA_LANG_EN` or
/// `MOTCUA_LANG_VI`) into `buf` as NUL-terminated UTF-8 and stores its
/// length (without the NUL) in `*out_n`.
///
/// The message describes the code alone (not which field or how many), and
/// never contains input text. Errors: `NULL_PARAMETER` (`buf` or `out_n`),
/// `INVALID_ARGUMENT` (unknown `result` or `lang`), `INSUFFICIENT_SIZE`
/// (`len` is less than the message plus its NUL; `MOTCUA_MESSAGE_MAX`
/// always suffices). On error nothing is written.
///
/// # Safety
/// `buf` must be valid for `len` bytes of writes; `out_n` for one `size_t`.
#[no_mangle]
pub unsafe extern "C" fn motcua_error_message(
    result: u32,
    lang: u32,
    buf: *mut c_char,
    len: usize,
    out_n: *mut usize,
) -> motcua_result {
    boundary(|| {
        if buf.is_null() || out_n.is_null() {
            return Err(R::NullParameter);
        }
        let (en, vi) = message(result).ok_or(R::InvalidArgument)?;
        let text = in_lang(lang, en, vi)?;
        // SAFETY: `buf` valid for `len` bytes, `out_n` for one write, by contract.
        unsafe { copy_out(&text, buf, len, out_n) }
    })
}

/// Copies `text` and a NUL into `buf` if it fits, storing the length in `*out_n`.
///
/// # Safety
/// `buf` valid for `len` bytes of writes, `out_n` for one `size_t`; both non-NULL.
unsafe fn copy_out(text: &str, buf: *mut c_char, len: usize, out_n: *mut usize) -> Result<(), motcua_result> {
    if text.len() >= len {
        return Err(R::InsufficientSize);
    }
    // SAFETY: `text.len() + 1 <= len` bytes of `buf` are writable; a Rust
    // string never overlaps the caller's buffer.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), text.len());
        buf.add(text.len()).write(0);
        out_n.write(text.len());
    }
    Ok(())
}

/// English and Vietnamese message of a result value.
fn message(result: u32) -> Option<(String, String)> {
    let (_, domain, code) = RESULTS.iter().find(|(r, _, _)| *r as u32 == result)?;
    let ffi = |en: &str, vi: &str| Some((en.to_owned(), vi.to_owned()));
    match domain {
        Domain::Ffi => match *code {
            "ok" => ffi("success", "thành công"),
            "null_parameter" => ffi(
                "a required pointer argument is NULL",
                "Một đối số con trỏ bắt buộc là NULL",
            ),
            "panic" => ffi(
                "internal error in the library (a bug; please report it); the call had no effect",
                "Lỗi nội bộ của thư viện (xin báo lỗi); lệnh gọi không có tác dụng",
            ),
            "insufficient_size" => ffi(
                "the output buffer is too small; nothing was written",
                "Bộ đệm kết quả quá nhỏ; chưa ghi gì",
            ),
            _ => ffi(
                "an enumeration value, option or date argument is out of range",
                "Một giá trị liệt kê, tùy chọn hoặc ngày truyền vào nằm ngoài phạm vi cho phép",
            ),
        },
        Domain::Cccd => cccd::Error::code_message(code),
        Domain::Dossier => dossier::Error::code_message(code),
        Domain::Qr => qr::Error::code_message(code),
        Domain::Image => image::Error::code_message(code),
        Domain::Print => print::Error::code_message(code),
    }
}

/// The stable snake_case code of `result`, e.g. `"id_sex_mismatch"` (the
/// `code` of the CLI's JSON errors), as a view of static text; empty for an
/// unknown value.
#[no_mangle]
pub extern "C" fn motcua_error_code_str(result: u32) -> motcua_str {
    boundary_or(motcua_str::empty(), || {
        RESULTS
            .iter()
            .find(|(r, _, _)| *r as u32 == result)
            .map_or_else(motcua_str::empty, |(_, _, c)| motcua_str::of(c))
    })
}

/// A text the library allocated: `len` bytes at `data` followed by a NUL
/// (so `data` is also a C string). Free it with `motcua_text_free`.
#[repr(C)]
#[derive(Debug)]
pub struct motcua_text {
    /// The text, NUL-terminated; NULL after `motcua_text_free`.
    pub data: *mut c_char,
    /// Length in bytes, without the NUL.
    pub len: usize,
}

impl motcua_text {
    fn new(s: String) -> Self {
        let mut bytes = s.into_bytes();
        bytes.push(0);
        let boxed = bytes.into_boxed_slice();
        let len = boxed.len() - 1;
        motcua_text {
            data: Box::into_raw(boxed).cast(),
            len,
        }
    }
}

/// Frees a text from this library and sets it to `{NULL, 0}`. Accepts NULL
/// and an already freed or zeroed text.
///
/// # Safety
/// `text` must be NULL or point to a `motcua_text` that is zeroed or was
/// filled by this library and not modified since.
#[no_mangle]
pub unsafe extern "C" fn motcua_text_free(text: *mut motcua_text) {
    // SAFETY: valid, library-filled or zeroed, by contract; `data` and
    // `len + 1` are those of the boxed slice made in `motcua_text::new`.
    boundary_or((), || unsafe {
        if let Some(t) = text.as_mut() {
            free_slice(&mut t.data, t.len + 1);
            t.len = 0;
        }
    })
}

/// Frees a boxed byte slice given as a pointer and its length, and sets the
/// pointer to NULL (nothing for NULL).
///
/// # Safety
/// `*data` NULL or from `Box::<[u8]>::into_raw` of a slice of `len` bytes.
unsafe fn free_slice<T>(data: &mut *mut T, len: usize) {
    if !data.is_null() {
        let slice = std::ptr::slice_from_raw_parts_mut(data.cast::<u8>(), len);
        // SAFETY: by contract, the slice `Box::into_raw` gave.
        drop(unsafe { Box::from_raw(slice) });
    }
    *data = std::ptr::null_mut();
}

/// Bytes the library allocated (a PNG image). Free with `motcua_bytes_free`.
#[repr(C)]
#[derive(Debug)]
pub struct motcua_bytes {
    /// The bytes; NULL after `motcua_bytes_free`.
    pub data: *mut u8,
    /// Length in bytes.
    pub len: usize,
}

impl motcua_bytes {
    fn new(v: Vec<u8>) -> Self {
        let boxed = v.into_boxed_slice();
        let len = boxed.len();
        motcua_bytes {
            data: Box::into_raw(boxed).cast(),
            len,
        }
    }
}

/// Frees bytes from this library and sets them to `{NULL, 0}`. Accepts NULL
/// and already freed or zeroed bytes.
///
/// # Safety
/// `bytes` must be NULL or point to a `motcua_bytes` that is zeroed or was
/// filled by this library and not modified since.
#[no_mangle]
pub unsafe extern "C" fn motcua_bytes_free(bytes: *mut motcua_bytes) {
    // SAFETY: valid, library-filled or zeroed, by contract; `data` and
    // `len` are those of the boxed slice made in `motcua_bytes::new`.
    boundary_or((), || unsafe {
        if let Some(b) = bytes.as_mut() {
            free_slice(&mut b.data, b.len);
            b.len = 0;
        }
    })
}

/// Text a result owns when the library had to rewrite or decode it (a
/// scanner repair, base32 text of a dossier QR). Opaque; freed together
/// with the result that points to it.
pub struct motcua_buffer {
    /// Kept alive only for the views into it.
    _owned: Box<dyn std::any::Any>,
}

impl motcua_buffer {
    fn new(owned: impl std::any::Any) -> *mut motcua_buffer {
        Box::into_raw(Box::new(motcua_buffer {
            _owned: Box::new(owned),
        }))
    }

    /// Frees a buffer made by [`motcua_buffer::new`] (NULL is fine).
    ///
    /// # Safety
    /// `p` is NULL or from `new`, not freed yet.
    unsafe fn free(p: *mut motcua_buffer) {
        if !p.is_null() {
            // SAFETY: from `Box::into_raw` in `new`, by contract.
            drop(unsafe { Box::from_raw(p) });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_result_and_never_unwinds_into_c() {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {})); // keep the test output quiet
        #[allow(clippy::panic)]
        let r = boundary(|| panic!("a bug"));
        let v = boundary_or(7u8, || -> u8 { std::panic::panic_any(1) });
        std::panic::set_hook(hook);
        assert_eq!(r, R::Panic);
        assert_eq!(v, 7);
        assert_eq!(boundary(|| Err(R::NotUtf8)), R::NotUtf8);
        assert_eq!(boundary(|| Ok(())), R::Ok);
    }

    /// The core catalogues the C API covers: each (code, C number) with its module.
    const CATALOGUES: [(Domain, &[(&str, u32)]); 5] = [
        (Domain::Cccd, cccd::Error::C_VALUES),
        (Domain::Dossier, dossier::Error::C_VALUES),
        (Domain::Qr, qr::Error::C_VALUES),
        (Domain::Image, image::Error::C_VALUES),
        (Domain::Print, print::Error::C_VALUES),
    ];

    #[test]
    fn the_header_gives_every_catalogue_number_its_code() {
        // include/motcua.h (generated by cbindgen, committed): each core
        // error's C number is a MOTCUA_RESULT_* constant whose comment names
        // the error's code (the generic NOT_UTF8 answers for cccd's not_utf8).
        let header = include_str!("../../include/motcua.h");
        let lines: Vec<&str> = header.lines().collect();
        for &(code, c) in CATALOGUES.iter().flat_map(|(_, values)| *values) {
            let at = lines
                .iter()
                .position(|l| {
                    l.trim_start().starts_with("MOTCUA_RESULT_") && l.trim_end().ends_with(&format!(" = {c},"))
                })
                .unwrap_or_else(|| panic!("{code}: no MOTCUA_RESULT_* = {c} in the header"));
            let comment = lines[..at]
                .iter()
                .rev()
                .take_while(|l| !l.trim_end().ends_with(','))
                .copied();
            let comment: String = comment.collect::<Vec<_>>().join(" ");
            assert!(
                comment.contains(&format!("`{code}`")) || (code == "not_utf8" && c == R::NotUtf8 as u32),
                "{code}: the header's comment for {c} does not name it"
            );
        }
    }

    #[test]
    fn every_core_code_has_exactly_one_result() {
        // The catalogues' C numbers are the C enum's: each (code, number)
        // of a module is exactly one result, of that module.
        for (domain, values) in CATALOGUES {
            for &(code, c) in values {
                let n = RESULTS.iter().filter(|(_, d, k)| *d == domain && *k == code).count();
                assert_eq!(n, 1, "{code}: {n} motcua_result values");
                let r = result_of(c);
                assert_ne!(r, R::Panic, "{code}: {c} is no motcua_result");
                assert!(
                    RESULTS.contains(&(r, domain, code)),
                    "{code}: {c} is another code's value"
                );
            }
        }
        // Every result value has a message in both languages and a code.
        for &(r, _, code) in RESULTS {
            let (en, vi) = message(r as u32).unwrap_or_else(|| panic!("{code}"));
            assert!(!en.is_empty() && !vi.is_empty() && en != vi, "{code}");
            assert!(en.len() < MOTCUA_MESSAGE_MAX && vi.len() < MOTCUA_MESSAGE_MAX, "{code}");
        }
        let values: std::collections::BTreeSet<u32> = RESULTS.iter().map(|(r, _, _)| *r as u32).collect();
        assert_eq!(values.len(), RESULTS.len(), "no value is listed twice");
        // And no code twice, whatever its module: a code means one thing
        // everywhere (the binding's own codes included).
        let codes: std::collections::BTreeSet<&str> = RESULTS.iter().map(|(_, _, c)| *c).collect();
        assert_eq!(codes.len(), RESULTS.len(), "no code is listed twice");
        // Every result is a core code or one of the binding's own.
        for &(_, domain, code) in RESULTS {
            let core = motcua_core::ERROR_CODES.iter().any(|(_, codes)| codes.contains(&code));
            assert!(core || domain == Domain::Ffi, "{code}");
        }
    }
}
