//! # motcua
//!
//! The library a Vietnamese one-stop office ("Bộ phận Một cửa") or public
//! service portal links in to read what clerks scan.
//!
//! * [`cccd`] — the QR code on a chip citizen ID card (Căn cước công dân /
//!   Căn cước): zero-copy parsing of the `|`-separated payload of 2021 and
//!   2024 cards, validation of the 12-digit ID number against the other
//!   fields, the card's expiry date, and the repairs USB keyboard-wedge
//!   scanners make necessary (mojibake, NFD text, CR/LF/TAB suffixes, BOM).
//! * [`dossier`] — the QR printed on every paper of a TTHC dossier (Thông tư
//!   01/2023/TT-VPCP Điều 26): typed record, identifier validators, and an
//!   open payload format (an `https://` status-lookup URL carrying every field).
//! * [`qr`] — QR rendering (SVG, PNG, terminal, module matrix) with optimal
//!   segmentation and the smallest version that fits.
//! * [`print`](mod@print) — what the office prints: the clerk's information sheet from
//!   a scan (HTML, A4 print CSS) and procedure QR posters from a CSV list
//!   (SVG pages, HTML).
//! * [`text`] — showing untrusted text (what a QR code holds) in a terminal
//!   or a log line without its control or invisible characters acting.
//!
//! ```
//! use chrono::NaiveDate;
//! use motcua::cccd;
//!
//! let scan = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021\r\n";
//! let repaired = cccd::repair(scan)?;              // strips the scanner's CR LF, reports it
//! let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
//! let card = repaired.parse_as_of(today)?;         // fields borrow the scanned text
//! assert_eq!(card.name(), "Nguyễn Văn A");
//! assert_eq!(card.id().province().map(|p| p.name), Some("Hà Nội"));
//! assert_eq!(card.expiry_date(), NaiveDate::from_ymd_opt(2030, 1, 1));
//! assert_eq!(repaired.repairs().iter().map(|r| r.code()).collect::<Vec<_>>(), ["strip_suffix"]);
//! // Debug output never shows the ID number, name or address.
//! assert!(!format!("{card:?}").contains("090123"));
//! # Ok::<(), motcua::cccd::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)
)]

mod catalogue;
pub mod cccd;
pub mod dossier;
pub mod image;
pub mod print;
pub mod qr;
pub mod text;
mod unicode;

/// Every error code the library can give, per module. Codes are unique
/// across modules (and across the CLI's [`CLI_CODES`] and the bindings'
/// own): a code means one thing wherever it appears (#21).
pub const ERROR_CODES: [(&str, &[&str]); 5] = [
    ("cccd", cccd::Error::ALL_CODES),
    ("dossier", dossier::Error::ALL_CODES),
    ("qr", qr::Error::ALL_CODES),
    ("print", print::Error::ALL_CODES),
    ("image", image::Error::ALL_CODES),
];

/// The codes the `motcua` command gives for its own input and output, with
/// their English and Vietnamese messages (the command's own messages add
/// which input, and how it failed): listed here so that every binding can
/// explain a code found in the command's JSON, and the tests keep all codes
/// unique.
pub const CLI_CODES: [(&str, &str, &str); 5] = [
    (
        "file_read",
        "an input file could not be read",
        "Không đọc được tệp dữ liệu vào",
    ),
    (
        "input_too_large",
        "an input is larger than the command reads",
        "Dữ liệu vào lớn hơn mức tối đa được đọc",
    ),
    (
        "output_exists",
        "the output folder holds files the command did not write (use --force)",
        "Thư mục kết quả có tệp không do motcua tạo (dùng --force)",
    ),
    (
        "json_invalid",
        "the JSON record is invalid",
        "Bản ghi JSON không hợp lệ",
    ),
    (
        "image_format",
        "the file is not a readable PNG, JPEG or WebP image",
        "Tệp không phải ảnh PNG, JPEG hoặc WebP đọc được",
    ),
];

/// The English and Vietnamese short messages of any code in
/// [`ERROR_CODES`] or [`CLI_CODES`], e.g. to explain a code stored earlier;
/// `None` for an unknown code. Bindings add their own codes.
pub fn code_message(code: &str) -> Option<(String, String)> {
    cccd::Error::code_message(code)
        .or_else(|| dossier::Error::code_message(code))
        .or_else(|| qr::Error::code_message(code))
        .or_else(|| print::Error::code_message(code))
        .or_else(|| image::Error::code_message(code))
        .or_else(|| {
            CLI_CODES
                .iter()
                .find(|(c, ..)| *c == code)
                .map(|(_, en, vi)| ((*en).to_owned(), (*vi).to_owned()))
        })
}

/// The JSON shape every error of the library shares (CLI, bindings):
/// `{code, message, message_vi}`, plus `field` when the error names one.
#[cfg(feature = "serde")]
pub(crate) fn serialize_error<S: serde::Serializer>(
    s: S,
    code: &str,
    message: String,
    message_vi: String,
    field: Option<&str>,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut st = s.serialize_struct("Error", 4)?;
    st.serialize_field("code", code)?;
    st.serialize_field("message", &message)?;
    st.serialize_field("message_vi", &message_vi)?;
    match field {
        Some(f) => st.serialize_field("field", f)?,
        None => st.skip_field("field")?,
    }
    st.end()
}

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
