//! Word forms filled from a scan (#23): `motcua_form_fill`.

use std::ffi::c_char;

use motcua_core::cccd;
use motcua_core::print::form;

use crate::card::reference_date;
use crate::{boundary, bytes, motcua_bytes, motcua_date, motcua_result, motcua_str, required, write_out, R};

/// The largest template read (a form with a logo is well under 1 MB).
pub const MOTCUA_FORM_MAX_TEMPLATE: usize = 32 << 20;

/// One value of the office's own, by placeholder name (`co_quan`,
/// `dia_danh`, or any the template adds): `{{name}}` becomes `value`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct motcua_form_value {
    /// The name between the braces (UTF-8).
    pub name: motcua_str,
    /// Its value (UTF-8).
    pub value: motcua_str,
}

/// Options of `motcua_form_fill`; a zeroed struct is the defaults.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct motcua_form_options {
    /// Fill with the masked card (a copy that leaves the office).
    pub masked: bool,
    /// A dossier QR payload (UTF-8), or empty: fills `{{ma_ho_so}}`,
    /// `{{ma_thu_tuc}}`, `{{ngay_hen_tra}}`…
    pub dossier: motcua_str,
    /// The office's own values, `values_len` of them (NULL when 0).
    pub values: *const motcua_form_value,
    /// How many `values`.
    pub values_len: usize,
}

/// Fills the Word form `template` (`template_len` bytes of a `.docx`)
/// from one scan (`scan_len` bytes as the scanner typed them: the scanner
/// repairs apply), checked against `*as_of` (NULL = today in Vietnam), into
/// `*out` (free with `motcua_bytes_free`). `opts` may be NULL.
/// The dossier's and the office's placeholders that neither a dossier
/// payload nor `opts->values` fill are left empty; an unknown placeholder
/// is `FORM_PLACEHOLDER_UNKNOWN`; the card's own errors are the `CCCD_*`
/// results. Errors also: `NULL_PARAMETER`,
/// `INVALID_ARGUMENT` (a template over `MOTCUA_FORM_MAX_TEMPLATE` bytes,
/// `*as_of` not a date), `NOT_UTF8`, `FORM_*`, the dossier's `DOSSIER_*`.
/// `*out` is written only on success.
///
/// # Safety
/// `template` readable for `template_len` bytes, `scan` for `scan_len`;
/// `as_of` and `opts` NULL or readable, `opts->values` readable for
/// `values_len` entries; `out` writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_form_fill(
    template: *const u8,
    template_len: usize,
    scan: *const c_char,
    scan_len: usize,
    as_of: *const motcua_date,
    opts: *const motcua_form_options,
    out: *mut motcua_bytes,
) -> motcua_result {
    boundary(|| {
        if template.is_null() || out.is_null() {
            return Err(R::NullParameter);
        }
        // SAFETY: readable for `template_len` bytes by contract.
        let template = unsafe { bytes(template, template_len, MOTCUA_FORM_MAX_TEMPLATE, R::InvalidArgument)? };
        // SAFETY: readable for `scan_len` bytes by contract.
        let scan = unsafe { required(scan, scan_len, cccd::MAX_PAYLOAD_LEN, R::CccdTooLong)? };
        // SAFETY: NULL or readable by contract.
        let as_of = unsafe { reference_date(as_of)? };
        let o = if opts.is_null() {
            None
        } else {
            // SAFETY: non-NULL and readable by contract.
            Some(unsafe { *opts })
        };
        let dossier = match o {
            // SAFETY: a view the caller keeps readable.
            Some(o) => unsafe {
                o.dossier
                    .read(motcua_core::dossier::MAX_PAYLOAD_LEN, R::DossierTooLong)?
            },
            None => None,
        };
        let mut values = Vec::new();
        if let Some(o) = o.filter(|o| o.values_len > 0) {
            if o.values.is_null() {
                return Err(R::NullParameter);
            }
            if o.values_len > 4096 {
                return Err(R::InvalidArgument);
            }
            // SAFETY: readable for `values_len` entries by contract.
            let given = unsafe { std::slice::from_raw_parts(o.values, o.values_len) };
            for v in given {
                // SAFETY: views the caller keeps readable.
                let name = unsafe { v.name.read(256, R::InvalidArgument)? }.ok_or(R::InvalidArgument)?;
                // SAFETY: as above.
                let value = unsafe { v.value.read(1 << 16, R::InvalidArgument)? }.unwrap_or("");
                values.push((name, value));
            }
        }
        let fill = form::FillScanOptions {
            as_of: Some(as_of),
            masked: o.is_some_and(|o| o.masked),
            dossier,
            values: &values,
        };
        let (filled, _) = form::fill_scan(template, scan, &fill)?;
        // SAFETY: writable by contract.
        unsafe { write_out(out, motcua_bytes::new(filled.bytes)) }
    })
}
