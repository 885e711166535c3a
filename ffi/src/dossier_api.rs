//! Dossier QR (Thông tư 01/2023/TT-VPCP Điều 26): fields → payload URL,
//! payload → fields.

use std::ffi::c_char;

use chrono::{NaiveTime, TimeZone, Timelike};
use motcua_core::dossier::{
    self, ApplicantKind, Appointment, EncodeOptions, Field, Paper, Privacy, Record, RecordFields, Validity, Warning,
    VIETNAM,
};

use crate::{boundary, boundary_or, motcua_buffer, motcua_date, motcua_result, motcua_str, motcua_text, write_out, R};

/// The paper a dossier QR is printed on (`motcua_dossier_fields.paper`).
#[repr(u32)]
#[derive(Debug, Clone, Copy)]
pub enum motcua_paper {
    /// Absent.
    None = 0,
    /// Giấy tiếp nhận hồ sơ và hẹn trả kết quả (needs an appointment).
    Receipt = 1,
    /// Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.
    RequestToComplete = 2,
    /// Phiếu từ chối tiếp nhận, giải quyết hồ sơ.
    Refusal = 3,
    /// Phiếu xin lỗi và hẹn lại ngày trả kết quả.
    DelayNotice = 4,
    /// Phiếu kiểm soát quá trình giải quyết hồ sơ.
    ControlSheet = 5,
    /// The result document itself.
    Result = 6,
    /// Another paper, named by `paper_name`.
    Other = 7,
}

/// The validity term of a result (`motcua_dossier_fields.validity`).
#[repr(u32)]
#[derive(Debug, Clone, Copy)]
pub enum motcua_validity {
    /// Absent.
    None = 0,
    /// Valid through `validity_until`.
    Until = 1,
    /// No expiry (không thời hạn).
    Indefinite = 2,
    /// A term in words, `validity_text`.
    Text = 3,
}

/// What kind of identifier the applicant field holds (decoded records).
#[repr(u32)]
#[derive(Debug, Clone, Copy)]
pub enum motcua_applicant_kind {
    /// Absent.
    None = 0,
    /// A person's 12-digit ID number.
    Person = 1,
    /// A tax code (10 digits, or 10-3 for a branch).
    TaxCode = 2,
    /// A state agency's unit code.
    Unit = 3,
    /// A masked identifier (`*********456`); the full one is not recoverable.
    Masked = 4,
}

/// A field of a dossier record; `motcua_dossier.missing` has bit
/// `1u << MOTCUA_FIELD_x` set for each required field a record lacks.
#[repr(u32)]
#[derive(Debug, Clone, Copy)]
pub enum motcua_field {
    /// a) Mã số hồ sơ.
    DossierCode = 0,
    /// b) Mã thủ tục hành chính.
    ProcedureCode = 1,
    /// c) Mã định danh of the applicant.
    Applicant = 2,
    /// d) Tên giấy tờ.
    Paper = 3,
    /// đ) Tên hệ thống thông tin.
    System = 4,
    /// e) Thời điểm xuất bản.
    IssuedAt = 5,
    /// g) Ngày hẹn trả kết quả.
    Appointment = 6,
    /// g) Thời hạn hiệu lực.
    Validity = 7,
    /// g) Phạm vi hiệu lực.
    Scope = 8,
}

/// What to do with the applicant's identifier when encoding.
#[repr(u32)]
#[derive(Debug, Clone, Copy)]
pub enum motcua_privacy {
    /// Carry it in full.
    Full = 0,
    /// Carry `*********456` (the last 3 digits).
    Masked = 1,
    /// Leave it out.
    Omitted = 2,
}

/// Bit of `motcua_dossier.warnings`: the dossier code's unit code is a short
/// form, not the full 4 levels of QCVN 102:2016.
pub const MOTCUA_WARNING_UNIT_CODE_SHORT: u32 = 1;

/// A date and time in Vietnam (UTC+07:00); all zero means "none".
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct motcua_datetime {
    /// The date; year 0 = none.
    pub date: motcua_date,
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
    /// 0–59.
    pub second: u8,
}

/// When to come back for the result: a date and, if given, a time (hh:mm).
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct motcua_appointment {
    /// The date; year 0 = no appointment.
    pub date: motcua_date,
    /// Non-zero: `hour` and `minute` are set. (A byte, not `bool`, so that
    /// any value a C caller stores is valid.)
    pub has_time: u8,
    /// 0–23.
    pub hour: u8,
    /// 0–59.
    pub minute: u8,
}

/// The fields of a dossier QR (Điều 26 khoản 2). The input of
/// `motcua_dossier_encode`, and `motcua_dossier.fields` after decoding.
///
/// Texts are UTF-8 views; an absent text is `{NULL, 0}` (input) or empty
/// (output). Dates are in Vietnam's time (+07:00). Every field takes any
/// bit pattern (enumerations and flags are integers), so no input can make
/// the library misread the struct.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct motcua_dossier_fields {
    /// a) Dossier code `<unit code>-YYMMDD-NNNN` (required).
    pub dossier_code: motcua_str,
    /// b) Procedure code, e.g. `1.001612`.
    pub procedure_code: motcua_str,
    /// c) Applicant's identifier: a 12-digit ID, a tax code or a unit code.
    pub applicant: motcua_str,
    /// d) A `MOTCUA_PAPER_*` value.
    pub paper: u32,
    /// d) The paper's name: required for `MOTCUA_PAPER_OTHER` (input); the
    /// printed name of any paper (output).
    pub paper_name: motcua_str,
    /// đ) The issuing information system's name.
    pub system: motcua_str,
    /// e) Time of issue.
    pub issued_at: motcua_datetime,
    /// g) Appointment for the result (required on a receipt).
    pub appointment: motcua_appointment,
    /// g) A `MOTCUA_VALIDITY_*` value.
    pub validity: u32,
    /// g) With `MOTCUA_VALIDITY_UNTIL`: the last valid day.
    pub validity_until: motcua_date,
    /// g) With `MOTCUA_VALIDITY_TEXT`: the term in words.
    pub validity_text: motcua_str,
    /// g) Validity scope, e.g. "Toàn quốc".
    pub scope: motcua_str,
}

/// Options of `motcua_dossier_encode`; NULL means the defaults.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct motcua_encode_options {
    /// The portal's status-lookup page (`https://…`); `{NULL, 0}` = the
    /// national portal's page.
    pub base: motcua_str,
    /// A `MOTCUA_PRIVACY_*` value.
    pub privacy: u32,
}

/// Reads one input text of a record.
///
/// # Safety
/// The view must be readable as `motcua_str::read` requires.
unsafe fn text<'a>(s: motcua_str) -> Result<Option<&'a str>, motcua_result> {
    // SAFETY: forwarded.
    unsafe { s.read(dossier::MAX_PAYLOAD_LEN, R::DossierTooLong) }
}

/// Builds a core record from C fields with the core's one builder,
/// [`RecordFields::build`]; here only the C encodings (numbered papers and
/// validity kinds, struct dates) are read.
///
/// # Safety
/// Every view of `f` readable.
unsafe fn record(f: &motcua_dossier_fields) -> Result<Record, motcua_result> {
    let date_invalid = |field| motcua_result::from(dossier::Error::DateInvalid(field));
    // SAFETY: every view is readable by the caller's contract.
    let [code, procedure, applicant, name, system, validity_text, scope] = unsafe {
        [
            text(f.dossier_code)?,
            text(f.procedure_code)?,
            text(f.applicant)?,
            text(f.paper_name)?,
            text(f.system)?,
            text(f.validity_text)?,
            text(f.scope)?,
        ]
    };
    let paper = match f.paper {
        0 => None,
        1 => Some(Paper::Receipt),
        2 => Some(Paper::RequestToComplete),
        3 => Some(Paper::Refusal),
        4 => Some(Paper::DelayNotice),
        5 => Some(Paper::ControlSheet),
        6 => Some(Paper::Result),
        7 => Some(Paper::Other(
            name.ok_or(dossier::Error::TextInvalid(Field::Paper))?.to_owned(),
        )),
        _ => return Err(R::InvalidArgument),
    };
    let issued_at = if f.issued_at.date.is_none() {
        None
    } else {
        let t = f.issued_at;
        let bad = date_invalid(Field::IssuedAt);
        let local = t
            .date
            .to_naive(bad)?
            .and_hms_opt(t.hour.into(), t.minute.into(), t.second.into())
            .ok_or(bad)?;
        Some(VIETNAM.from_local_datetime(&local).single().ok_or(bad)?)
    };
    let appointment = if f.appointment.date.is_none() {
        None
    } else {
        let a = f.appointment;
        let bad = date_invalid(Field::Appointment);
        let time = match a.has_time {
            0 => None,
            _ => Some(NaiveTime::from_hms_opt(a.hour.into(), a.minute.into(), 0).ok_or(bad)?),
        };
        Some(Appointment {
            date: a.date.to_naive(bad)?,
            time,
        })
    };
    let validity = match f.validity {
        0 => None,
        1 => Some(Validity::Until(
            f.validity_until.to_naive(date_invalid(Field::Validity))?,
        )),
        2 => Some(Validity::Indefinite),
        3 => Some(Validity::Text(
            validity_text
                .ok_or(dossier::Error::TextInvalid(Field::Validity))?
                .to_owned(),
        )),
        _ => return Err(R::InvalidArgument),
    };
    let fields = RecordFields {
        dossier_code: code,
        procedure_code: procedure,
        applicant,
        paper,
        system,
        issued_at,
        appointment,
        validity,
        scope,
    };
    Ok(fields.build()?)
}

/// Writes the dossier QR payload of `fields` (payload v1: an `https://`
/// status-lookup URL; see docs/dossier-qr.md) to `*out`, a NUL-terminated
/// text to free with `motcua_text_free`. Make the QR with
/// `motcua_qr_encode(out->data, out->len, …)`.
///
/// Every field Điều 26 requires must be present: dossier code, procedure
/// code, applicant (unless `MOTCUA_PRIVACY_OMITTED`), paper, system, time
/// of issue, and the appointment on a receipt. Errors: `NULL_PARAMETER`,
/// `INVALID_ARGUMENT` (unknown paper, validity or privacy value),
/// `NOT_UTF8`, `DOSSIER_TOO_LONG`, and the `MOTCUA_RESULT_DOSSIER_*`
/// validation errors. `*out` is written only on success.
///
/// # Safety
/// `fields` readable, with readable views; `opts` NULL or readable;
/// `out` writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_dossier_encode(
    fields: *const motcua_dossier_fields,
    opts: *const motcua_encode_options,
    out: *mut motcua_text,
) -> motcua_result {
    boundary(|| {
        if fields.is_null() || out.is_null() {
            return Err(R::NullParameter);
        }
        // SAFETY: readable by contract.
        let record = unsafe { record(&*fields)? };
        let mut options = EncodeOptions::default();
        if !opts.is_null() {
            // SAFETY: readable by contract.
            let o = unsafe { *opts };
            // SAFETY: the base view readable by contract.
            if let Some(base) = unsafe { text(o.base)? } {
                options.base = base;
            }
            options.privacy = match o.privacy {
                0 => Privacy::Full,
                1 => Privacy::Masked,
                2 => Privacy::Omitted,
                _ => return Err(R::InvalidArgument),
            };
        }
        let payload = dossier::encode(&record, &options)?;
        // SAFETY: writable by contract.
        unsafe { write_out(out, motcua_text::new(payload)) }
    })
}

/// A decoded dossier QR, in memory the caller owns. `fields` views point
/// into the record's own buffer (not into the payload), valid until
/// `motcua_dossier_free`. Call it when done; initialise with `= {0}`.
#[repr(C)]
#[derive(Debug)]
pub struct motcua_dossier {
    /// The fields.
    pub fields: motcua_dossier_fields,
    /// A `MOTCUA_APPLICANT_KIND_*` value.
    pub applicant_kind: u32,
    /// Bit `1u << MOTCUA_FIELD_x` for each field Điều 26 requires that the
    /// payload lacks (a bare dossier code lacks all but the code).
    pub missing: u32,
    /// `MOTCUA_WARNING_*` bits.
    pub warnings: u32,
    /// The lookup page the payload links to (its URL without `hs` and
    /// `qr`); empty for a bare dossier code.
    pub base: motcua_str,
    /// The host of `base` (e.g. `dichvucong.gov.vn`): where a phone that
    /// scans the code goes. Show it next to the code. Empty for a bare code.
    pub host: motcua_str,
    /// Private: the owned record, or NULL. Freed by `motcua_dossier_free`.
    pub buffer: *mut motcua_buffer,
}

fn field_bit(f: Field) -> u32 {
    let n = match f {
        Field::DossierCode => motcua_field::DossierCode,
        Field::ProcedureCode => motcua_field::ProcedureCode,
        Field::Applicant => motcua_field::Applicant,
        Field::Paper => motcua_field::Paper,
        Field::System => motcua_field::System,
        Field::IssuedAt => motcua_field::IssuedAt,
        Field::Appointment => motcua_field::Appointment,
        Field::Validity => motcua_field::Validity,
        Field::Scope => motcua_field::Scope,
        _ => return 0,
    };
    1 << n as u32
}

fn view(s: Option<&str>) -> motcua_str {
    s.map_or_else(motcua_str::empty, motcua_str::of)
}

/// The C view of a record; its texts point into the record.
fn fill(r: &Record) -> motcua_dossier {
    let paper = match &r.paper {
        None => motcua_paper::None,
        Some(Paper::Receipt) => motcua_paper::Receipt,
        Some(Paper::RequestToComplete) => motcua_paper::RequestToComplete,
        Some(Paper::Refusal) => motcua_paper::Refusal,
        Some(Paper::DelayNotice) => motcua_paper::DelayNotice,
        Some(Paper::ControlSheet) => motcua_paper::ControlSheet,
        Some(Paper::Result) => motcua_paper::Result,
        Some(_) => motcua_paper::Other,
    };
    let (validity, validity_until, validity_text) = match &r.validity {
        None => (motcua_validity::None, None, None),
        Some(Validity::Until(d)) => (motcua_validity::Until, Some(*d), None),
        Some(Validity::Indefinite) => (motcua_validity::Indefinite, None, None),
        Some(Validity::Text(t)) => (motcua_validity::Text, None, Some(t.as_str())),
        Some(_) => (motcua_validity::None, None, None),
    };
    let issued_at = r
        .issued_at
        .map(|t| t.with_timezone(&VIETNAM))
        .map_or_else(Default::default, |t| motcua_datetime {
            date: motcua_date::of(t.date_naive()),
            hour: t.hour() as u8,
            minute: t.minute() as u8,
            second: t.second() as u8,
        });
    let appointment = r.appointment.map_or_else(Default::default, |a| motcua_appointment {
        date: motcua_date::of(a.date),
        has_time: u8::from(a.time.is_some()),
        hour: a.time.map_or(0, |t| t.hour() as u8),
        minute: a.time.map_or(0, |t| t.minute() as u8),
    });
    let applicant_kind = match r.applicant.as_ref().map(|a| a.kind()) {
        None => motcua_applicant_kind::None,
        Some(ApplicantKind::Person) => motcua_applicant_kind::Person,
        Some(ApplicantKind::TaxCode) => motcua_applicant_kind::TaxCode,
        Some(ApplicantKind::Unit) => motcua_applicant_kind::Unit,
        Some(_) => motcua_applicant_kind::Masked,
    };
    motcua_dossier {
        fields: motcua_dossier_fields {
            dossier_code: motcua_str::of(r.dossier_code.as_str()),
            procedure_code: view(r.procedure_code.as_ref().map(|c| c.as_str())),
            applicant: view(r.applicant.as_ref().map(|a| a.as_str())),
            paper: paper as u32,
            paper_name: view(r.paper.as_ref().map(|p| p.name())),
            system: view(r.system.as_deref()),
            issued_at,
            appointment,
            validity: validity as u32,
            validity_until: motcua_date::of_opt(validity_until),
            validity_text: view(validity_text),
            scope: view(r.scope.as_deref()),
        },
        applicant_kind: applicant_kind as u32,
        missing: r.missing().into_iter().map(field_bit).fold(0, |a, b| a | b),
        warnings: r
            .warnings()
            .into_iter()
            .map(|w| match w {
                Warning::UnitCodeShort => MOTCUA_WARNING_UNIT_CODE_SHORT,
                _ => 0,
            })
            .fold(0, |a, b| a | b),
        base: view(r.base.as_deref()),
        host: view(r.host()),
        buffer: std::ptr::null_mut(),
    }
}

/// Decodes a dossier QR payload (what a camera or scanner read: the URL,
/// or a bare dossier code) into `*out`. Unknown URL parameters and tags are
/// ignored; fields the payload lacks are empty and flagged in `missing`.
/// The base must be `https://` with a plain host (no `user@`):
/// `DOSSIER_BASE_URL_INVALID` otherwise; `out->host` says where the code
/// sends a phone. Same as `motcua_dossier_decode_with` allowing any base.
///
/// Errors: `NULL_PARAMETER`, `DOSSIER_TOO_LONG` (over 4096 bytes, checked
/// before reading), `NOT_UTF8`, and the `MOTCUA_RESULT_DOSSIER_*` errors.
/// `*out` is written only on success; free it with `motcua_dossier_free`.
///
/// # Safety
/// `payload` readable for `len` bytes; `out` writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_dossier_decode(
    payload: *const c_char,
    len: usize,
    out: *mut motcua_dossier,
) -> motcua_result {
    // SAFETY: forwarded; no allowed bases.
    unsafe { motcua_dossier_decode_with(payload, len, std::ptr::null(), 0, out) }
}

/// The most allowed bases `motcua_dossier_decode_with` takes.
pub const MOTCUA_MAX_ALLOWED_BASES: usize = 64;

/// `motcua_dossier_decode`, accepting only payloads that link to one of
/// the `allowed_len` lookup pages in `allowed` (UTF-8 views): a page
/// matches exactly (scheme and host without case, a trailing `?`/`&`
/// ignored), and one ending in `/` without a query accepts its whole site
/// (`https://dichvucong.hanoi.gov.vn/`). Others fail with
/// `DOSSIER_BASE_NOT_ALLOWED`; a bare dossier code is accepted.
/// `allowed` may be NULL when `allowed_len` is 0 (any base).
///
/// Errors: as `motcua_dossier_decode`, plus `INVALID_ARGUMENT` for more
/// than `MOTCUA_MAX_ALLOWED_BASES` entries or one over 512 bytes, and
/// `NOT_UTF8` for an entry that is not UTF-8.
///
/// # Safety
/// `payload` readable for `len` bytes; `allowed` readable for
/// `allowed_len` entries, each readable for its `len` bytes; `out` writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_dossier_decode_with(
    payload: *const c_char,
    len: usize,
    allowed: *const motcua_str,
    allowed_len: usize,
    out: *mut motcua_dossier,
) -> motcua_result {
    boundary(|| {
        // SAFETY: readable for `len` bytes by contract.
        let input = unsafe { crate::required_str(payload, len, dossier::MAX_PAYLOAD_LEN, R::DossierTooLong)? };
        if out.is_null() {
            return Err(R::NullParameter);
        }
        if allowed_len > MOTCUA_MAX_ALLOWED_BASES {
            return Err(R::InvalidArgument);
        }
        let entries: &[motcua_str] = if allowed_len == 0 {
            &[]
        } else if allowed.is_null() {
            return Err(R::NullParameter);
        } else {
            // SAFETY: non-NULL, readable for `allowed_len` entries by contract.
            unsafe { std::slice::from_raw_parts(allowed, allowed_len) }
        };
        let mut bases = Vec::with_capacity(entries.len());
        for e in entries {
            // SAFETY: each entry readable for its `len` bytes by contract.
            bases.push(unsafe { crate::required_str(e.data, e.len, 512, R::InvalidArgument)? });
        }
        let record = dossier::decode_with(input, &dossier::DecodeOptions { allowed_bases: &bases })?;
        // The record lives in the buffer; the views point into its heap
        // text, which the move into the box does not relocate.
        let owned = Box::new(record);
        let mut result = fill(&owned);
        result.buffer = motcua_buffer::new(owned);
        // SAFETY: writable by contract.
        unsafe { write_out(out, result) }
    })
}

/// Frees what a decoded dossier owns and zeroes it. Accepts NULL, a zeroed
/// dossier and one already freed.
///
/// # Safety
/// `dossier` NULL or pointing to a zeroed or library-filled `motcua_dossier`
/// (its `buffer` unchanged).
#[no_mangle]
pub unsafe extern "C" fn motcua_dossier_free(dossier: *mut motcua_dossier) {
    boundary_or((), || {
        if dossier.is_null() {
            return;
        }
        // SAFETY: valid by contract; only the pointer field is read.
        unsafe {
            motcua_buffer::free((*dossier).buffer);
            dossier.write(std::mem::zeroed());
        }
    })
}
