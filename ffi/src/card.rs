//! CCCD: parse a scanned payload into a caller-owned `motcua_card`,
//! validate standalone ID/CMND numbers, mask an ID for logs.

use std::borrow::Cow;
use std::ffi::c_char;

use motcua_core::cccd::{self, Card, CmndLink, Layout, Repair, Sex};

use crate::{
    boundary, boundary_or, copy_out, motcua_buffer, motcua_date, motcua_result, motcua_str, required, required_str,
    write_out, R,
};

/// Which card a payload came from (`motcua_card.layout`).
#[repr(u32)]
#[derive(Debug, Clone, Copy)]
pub enum motcua_layout {
    /// 7 fields: the 2021 chip CCCD.
    V2021 = 2021,
    /// 11 fields: the 2024+ Căn cước card.
    V2024 = 2024,
}

/// Sex as printed on the card (`motcua_card.sex`, `motcua_id_info.sex`).
#[repr(u32)]
#[derive(Debug, Clone, Copy)]
pub enum motcua_sex {
    /// `Nam`.
    Male = 1,
    /// `Nữ`.
    Female = 2,
}

/// Whether a card links an old 9-digit CMND number (`motcua_cccd_cmnd_link`).
#[repr(u32)]
#[derive(Debug, Clone, Copy)]
pub enum motcua_cmnd_link {
    /// The card's old-ID field holds exactly this CMND number.
    Linked = 1,
    /// The card holds a different old number.
    Mismatch = 2,
    /// The card holds no old number: the link must be proven another way.
    NoOldId = 3,
}

/// Bit of `motcua_card.repairs`: a leading byte-order mark was removed.
pub const MOTCUA_REPAIR_STRIP_BOM: u32 = 1;
/// Bit of `motcua_card.repairs`: a trailing CR/LF/TAB (the scanner's suffix) was removed.
pub const MOTCUA_REPAIR_STRIP_SUFFIX: u32 = 2;
/// Bit of `motcua_card.repairs`: UTF-8 typed as Windows-1252 ("mojibake") was decoded.
pub const MOTCUA_REPAIR_MOJIBAKE: u32 = 4;
/// Bit of `motcua_card.repairs`: decomposed (NFD) text was composed to NFC.
pub const MOTCUA_REPAIR_NFC: u32 = 8;

fn repair_bit(r: Repair) -> u32 {
    match r {
        Repair::StripBom => MOTCUA_REPAIR_STRIP_BOM,
        Repair::StripSuffix => MOTCUA_REPAIR_STRIP_SUFFIX,
        Repair::Mojibake => MOTCUA_REPAIR_MOJIBAKE,
        Repair::Nfc => MOTCUA_REPAIR_NFC,
        _ => 0,
    }
}

/// A parsed, validated card, in memory the caller owns.
///
/// Text fields are views: into the caller's input when `owns_text` is
/// false (keep the input alive and unchanged while you use them), into a
/// buffer the card owns when a scanner repair rewrote the text. Either way,
/// call `motcua_card_free` when done (it is a no-op for a card that owns
/// nothing, and for a zeroed card). Initialise with `motcua_card card = {0};`
/// and free before reusing a card.
///
/// Personal data (Nghị định 13/2023): do not log `id`, `old_id`, `name`,
/// `address`; log `motcua_cccd_mask_id` output instead.
#[repr(C)]
#[derive(Debug)]
pub struct motcua_card {
    /// `MOTCUA_LAYOUT_V2021` (7 fields) or `MOTCUA_LAYOUT_V2024` (11 fields).
    pub layout: u32,
    /// `MOTCUA_SEX_MALE` or `MOTCUA_SEX_FEMALE`.
    pub sex: u32,
    /// The 12-digit ID number (số định danh cá nhân).
    pub id: motcua_str,
    /// The old 9-digit CMND number; empty when the card has none.
    pub old_id: motcua_str,
    /// Full name, as on the card (NFC UTF-8).
    pub name: motcua_str,
    /// Permanent address (nơi thường trú), as on the card.
    pub address: motcua_str,
    /// The 4 raw extra fields of a 2024 card; empty on a 2021 card.
    pub extra: [motcua_str; 4],
    /// Date of birth.
    pub birth_date: motcua_date,
    /// Issue date.
    pub issue_date: motcua_date,
    /// Computed expiry date (the QR holds none); zero when the card does not
    /// expire (`has_expiry` false).
    pub expiry_date: motcua_date,
    /// The reference date ("today") the card was validated against.
    pub as_of: motcua_date,
    /// Digits 1–3 of the ID as a number: a province code (1–96) or, born
    /// abroad, a country code (100–299).
    pub province_code: u16,
    /// The province's name (static text); empty when born abroad.
    pub province: motcua_str,
    /// Digits 1–3 are a country code.
    pub born_abroad: bool,
    /// The card has an expiry date.
    pub has_expiry: bool,
    /// The expiry date has passed on `as_of`.
    pub expired: bool,
    /// Issued in 2016–2020, before chip cards.
    pub issued_before_chip_era: bool,
    /// The scanner repairs applied: `MOTCUA_REPAIR_*` bits (0 = none).
    /// Show them to the clerk: a repair is never silent.
    pub repairs: u32,
    /// The views point into the card's own buffer, not into the input.
    pub owns_text: bool,
    /// Private: the owned buffer, or NULL. Freed by `motcua_card_free`.
    pub buffer: *mut motcua_buffer,
}

fn fill(card: &Card<'_>, repairs: u32) -> motcua_card {
    let id = card.id();
    let extra = card.extra();
    let extra_field = |i: usize| {
        extra
            .and_then(|e| e.get(i).copied())
            .map_or_else(motcua_str::empty, motcua_str::of)
    };
    motcua_card {
        layout: match card.layout() {
            Layout::V2021 => motcua_layout::V2021 as u32,
            Layout::V2024 => motcua_layout::V2024 as u32,
        },
        sex: sex(card.sex()),
        id: motcua_str::of(id.as_str()),
        old_id: card
            .old_id()
            .map_or_else(motcua_str::empty, |c| motcua_str::of(c.as_str())),
        name: motcua_str::of(card.name()),
        address: motcua_str::of(card.address()),
        extra: [extra_field(0), extra_field(1), extra_field(2), extra_field(3)],
        birth_date: motcua_date::of(card.birth_date()),
        issue_date: motcua_date::of(card.issue_date()),
        expiry_date: motcua_date::of_opt(card.expiry_date()),
        as_of: motcua_date::of(card.as_of()),
        province_code: id.province_code().parse().unwrap_or(0),
        province: id.province().map_or_else(motcua_str::empty, |p| motcua_str::of(p.name)),
        born_abroad: id.born_abroad(),
        has_expiry: card.expiry_date().is_some(),
        expired: card.is_expired(),
        issued_before_chip_era: card.issued_before_chip_era(),
        repairs,
        owns_text: false,
        buffer: std::ptr::null_mut(),
    }
}

fn sex(s: Sex) -> u32 {
    match s {
        Sex::Male => motcua_sex::Male as u32,
        Sex::Female => motcua_sex::Female as u32,
    }
}

/// The reference date: `*as_of`, or today in Vietnam when `as_of` is NULL.
///
/// # Safety
/// `as_of` is NULL or valid for a read.
pub(crate) unsafe fn reference_date(as_of: *const motcua_date) -> Result<chrono::NaiveDate, motcua_result> {
    if as_of.is_null() {
        return Ok(cccd::today_vn());
    }
    // SAFETY: non-NULL and readable by contract; plain integers, any bits valid.
    unsafe { *as_of }.to_naive(R::InvalidArgument)
}

/// Strict, zero-copy parse of a clean payload (`len` bytes of UTF-8, no
/// NUL needed) against the reference date `*as_of` (NULL = today in
/// Vietnam, UTC+07:00). Never allocates: the card's views point into
/// `input`.
///
/// A BOM, a CR/LF/TAB suffix, mojibake or NFD text is
/// `MOTCUA_RESULT_CCCD_NEEDS_REPAIR`: use `motcua_cccd_parse_scanned` for
/// what a scanner typed. Errors: `NULL_PARAMETER` (`input`, `out`),
/// `CCCD_TOO_LONG` (over 2048 bytes, checked before reading),
/// `NOT_UTF8`, `INVALID_ARGUMENT` (`*as_of` not a real date), and every
/// `MOTCUA_RESULT_CCCD_*` validation error. `*out` is written only on
/// success.
///
/// # Safety
/// `input` must point to `len` readable bytes; `as_of` NULL or readable;
/// `out` valid for a write of `motcua_card`.
#[no_mangle]
pub unsafe extern "C" fn motcua_cccd_parse(
    input: *const c_char,
    len: usize,
    as_of: *const motcua_date,
    out: *mut motcua_card,
) -> motcua_result {
    // SAFETY: forwarded to the caller.
    unsafe {
        parse_with(input, len, as_of, out, |bytes, as_of| {
            let text = std::str::from_utf8(bytes).map_err(|_| R::NotUtf8)?;
            Ok(fill(&cccd::parse_as_of(text, as_of)?, 0))
        })
    }
}

/// Scanner path: applies the scanner repairs (BOM, CR/LF/TAB suffix,
/// Windows-1252 mojibake, NFC), reports each in `out->repairs`, then parses
/// as `motcua_cccd_parse`. When no repair rewrote the text (none, or only a
/// BOM/suffix cut off) the views point into `input` and `owns_text` is
/// false; otherwise the card owns the repaired text.
///
/// Errors: as `motcua_cccd_parse` (never `CCCD_NEEDS_REPAIR`), plus
/// `CCCD_MOJIBAKE_UNRECOVERABLE`. `*out` is written only on success; call
/// `motcua_card_free(out)` after a success.
///
/// # Safety
/// As `motcua_cccd_parse`.
#[no_mangle]
pub unsafe extern "C" fn motcua_cccd_parse_scanned(
    input: *const c_char,
    len: usize,
    as_of: *const motcua_date,
    out: *mut motcua_card,
) -> motcua_result {
    // SAFETY: forwarded to the caller.
    unsafe {
        parse_with(input, len, as_of, out, |bytes, as_of| {
            let repaired = cccd::repair_bytes(bytes)?;
            let repairs = repaired.repairs().iter().map(repair_bit).fold(0, |a, b| a | b);
            let mut card = fill(&repaired.parse_as_of(as_of)?, repairs);
            // The views point into the repaired text. Moving its String into
            // the buffer moves no bytes, so they stay valid.
            if let Cow::Owned(text) = repaired.into_text() {
                card.owns_text = true;
                card.buffer = motcua_buffer::new(text);
            }
            Ok(card)
        })
    }
}

/// The shell of both parse functions: checks the pointers and the length,
/// reads the reference date, runs `parse` and writes its card to `*out`.
///
/// # Safety
/// As `motcua_cccd_parse`.
unsafe fn parse_with(
    input: *const c_char,
    len: usize,
    as_of: *const motcua_date,
    out: *mut motcua_card,
    parse: impl FnOnce(&[u8], chrono::NaiveDate) -> Result<motcua_card, motcua_result>,
) -> motcua_result {
    boundary(|| {
        // SAFETY: `input` readable for `len` bytes by contract.
        let bytes = unsafe { required(input, len, cccd::MAX_PAYLOAD_LEN, R::CccdTooLong)? };
        // SAFETY: by contract.
        let as_of = unsafe { reference_date(as_of)? };
        if out.is_null() {
            return Err(R::NullParameter);
        }
        let card = parse(bytes, as_of)?;
        // SAFETY: `out` non-NULL and writable by contract.
        unsafe { write_out(out, card) }
    })
}

/// Frees what a card owns and zeroes it. Accepts NULL, a zeroed card, and a
/// card already freed (it is zeroed then).
///
/// # Safety
/// `card` must be NULL or point to a `motcua_card` that is zeroed or was
/// filled by this library (its `buffer` unchanged).
#[no_mangle]
pub unsafe extern "C" fn motcua_card_free(card: *mut motcua_card) {
    boundary_or((), || {
        if card.is_null() {
            return;
        }
        // SAFETY: valid for reads and writes by contract; only the pointer
        // field is read.
        unsafe {
            motcua_buffer::free((*card).buffer);
            card.write(std::mem::zeroed());
        }
    })
}

/// What a standalone 12-digit ID number says (`motcua_cccd_validate_id`).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct motcua_id_info {
    /// Digits 1–3 as a number: a province (1–96) or country (100–299) code.
    pub province_code: u16,
    /// The province's name (static text); empty when born abroad.
    pub province: motcua_str,
    /// Digits 1–3 are a country code.
    pub born_abroad: bool,
    /// `MOTCUA_SEX_MALE` or `MOTCUA_SEX_FEMALE` (from digit 4).
    pub sex: u32,
    /// The birth year digits 4–6 give, e.g. 1990.
    pub birth_year: u16,
}

/// Validates a standalone 12-digit ID number (typed into a form): 12 ASCII
/// digits and a known province or country code. Errors: `NULL_PARAMETER`,
/// `CCCD_ID_LENGTH`, `CCCD_ID_NOT_DIGITS`, `CCCD_ID_PROVINCE_UNKNOWN`,
/// `NOT_UTF8`. `out` may be NULL when only the verdict is wanted; it is
/// written only on success.
///
/// # Safety
/// `id` readable for `len` bytes; `out` NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_cccd_validate_id(
    id: *const c_char,
    len: usize,
    out: *mut motcua_id_info,
) -> motcua_result {
    boundary(|| {
        // SAFETY: by contract. (No ID is longer than 2048 bytes.)
        let text = unsafe { required_str(id, len, cccd::MAX_PAYLOAD_LEN, R::CccdIdLength)? };
        let id = cccd::validate_id(text)?;
        if out.is_null() {
            return Ok(());
        }
        let info = motcua_id_info {
            province_code: id.province_code().parse().unwrap_or(0),
            province: id.province().map_or_else(motcua_str::empty, |p| motcua_str::of(p.name)),
            born_abroad: id.born_abroad(),
            sex: sex(id.sex()),
            birth_year: id.birth_year(),
        };
        // SAFETY: non-NULL and writable by contract.
        unsafe { write_out(out, info) }
    })
}

/// Validates a standalone old 9-digit CMND number. Errors:
/// `NULL_PARAMETER`, `CCCD_OLD_ID_INVALID`, `NOT_UTF8`.
///
/// # Safety
/// `cmnd` readable for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn motcua_cccd_validate_cmnd(cmnd: *const c_char, len: usize) -> motcua_result {
    boundary(|| {
        // SAFETY: by contract.
        let text = unsafe { required_str(cmnd, len, cccd::MAX_PAYLOAD_LEN, R::CccdOldIdInvalid)? };
        cccd::validate_cmnd(text)?;
        Ok(())
    })
}

/// The land-record change from a 9-digit CMND to the 12-digit ID: does
/// `card` carry the old number `cmnd` (typed by the clerk from the land-use
/// certificate)? Writes a `MOTCUA_CMND_LINK_*` value to `*out`. Errors:
/// `NULL_PARAMETER`, `CCCD_OLD_ID_INVALID` (`cmnd` is not 9 digits),
/// `NOT_UTF8`.
///
/// # Safety
/// `card` filled by a parse function and not freed; its text alive;
/// `cmnd` readable for `len` bytes; `out` writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_cccd_cmnd_link(
    card: *const motcua_card,
    cmnd: *const c_char,
    len: usize,
    out: *mut u32,
) -> motcua_result {
    boundary(|| {
        if card.is_null() || out.is_null() {
            return Err(R::NullParameter);
        }
        // SAFETY: by contract.
        let cmnd = unsafe { required_str(cmnd, len, cccd::MAX_PAYLOAD_LEN, R::CccdOldIdInvalid)? };
        // SAFETY: `card` valid and its `old_id` view alive by contract; the
        // field is read through the raw pointer, the rest of the struct is
        // not touched.
        let old = unsafe { (*card).old_id };
        // SAFETY: the view points to `len` readable bytes by contract.
        let old = unsafe { old.read(cccd::MAX_PAYLOAD_LEN, R::InvalidArgument)? };
        let link = match cccd::link_cmnd(old, cmnd)? {
            CmndLink::Linked => motcua_cmnd_link::Linked,
            CmndLink::Mismatch => motcua_cmnd_link::Mismatch,
            CmndLink::NoOldId => motcua_cmnd_link::NoOldId,
        };
        // SAFETY: non-NULL and writable by contract.
        unsafe { write_out(out, link as u32) }
    })
}

/// Writes the masked form of a valid 12-digit ID number (`*********456`:
/// the last 3 digits, docs/cccd.md) or 9-digit CMND (`******789`),
/// NUL-terminated, into `buf` (13 bytes suffice)
/// and its length to `*out_n`: what may go into a log. Errors: as
/// `motcua_cccd_validate_id`, plus `INSUFFICIENT_SIZE`.
///
/// # Safety
/// `id` readable for `len` bytes; `buf` writable for `buf_len` bytes;
/// `out_n` writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_cccd_mask_id(
    id: *const c_char,
    len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_n: *mut usize,
) -> motcua_result {
    boundary(|| {
        if buf.is_null() || out_n.is_null() {
            return Err(R::NullParameter);
        }
        // SAFETY: by contract.
        let text = unsafe { required_str(id, len, cccd::MAX_PAYLOAD_LEN, R::CccdIdLength)? };
        let masked = cccd::mask_id(text)?;
        // SAFETY: by contract.
        unsafe { copy_out(&masked, buf, buf_len, out_n) }
    })
}

/// The message for one `MOTCUA_REPAIR_*` bit, as a view of static text
/// (English or Vietnamese by `lang`). Errors: `NULL_PARAMETER` (`out`),
/// `INVALID_ARGUMENT` (not exactly one known bit, or unknown `lang`).
///
/// # Safety
/// `out` writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_repair_message(repair: u32, lang: u32, out: *mut motcua_str) -> motcua_result {
    boundary(|| {
        let r = Repair::ALL
            .into_iter()
            .find(|r| repair_bit(*r) == repair)
            .ok_or(R::InvalidArgument)?;
        let text = crate::in_lang(lang, r.message(), r.message_vi())?;
        // SAFETY: by contract.
        unsafe { write_out(out, motcua_str::of(text)) }
    })
}
