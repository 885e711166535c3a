//! QR codes: make one from any text, then read its module matrix (to draw
//! it in a report engine) or render it as SVG or PNG.

use std::ffi::c_char;

use motcua_core::qr::{self, Ecc, Qr, QrOptions, SvgOptions};

use crate::{boundary, boundary_or, motcua_bytes, motcua_result, motcua_str, motcua_text, required_str, write_out, R};

/// Error-correction level of a QR code.
#[repr(u32)]
#[derive(Debug, Clone, Copy)]
pub enum motcua_ecc {
    /// About 7% of codewords recoverable.
    Low = 0,
    /// About 15% (the default for office papers).
    Medium = 1,
    /// About 25%.
    Quartile = 2,
    /// About 30%.
    High = 3,
}

/// Options of `motcua_qr_encode`; NULL means the defaults: level M, raised
/// when free, versions 1–40.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct motcua_qr_options {
    /// The minimum level, a `MOTCUA_ECC_*` value.
    pub ecc: u32,
    /// Non-zero: raise the level when the data still fits the same version.
    pub boost_ecc: u8,
    /// Smallest version, 1–40.
    pub min_version: u8,
    /// Largest version, 1–40; text that does not fit is `QR_TOO_LONG`.
    pub max_version: u8,
}

/// Options of `motcua_qr_svg`; NULL means the defaults (4-module quiet zone,
/// no caption, no fixed width).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct motcua_svg_options {
    /// Light modules around the code (the standard asks for 4).
    pub quiet_zone: u32,
    /// A line of text under the code, e.g. the dossier code; `{NULL, 0}` = none.
    pub caption: motcua_str,
    /// Printed width, e.g. `"25mm"`; `{NULL, 0}` = sized by the page.
    pub width: motcua_str,
}

/// A QR code made by `motcua_qr_encode`. Opaque; free with `motcua_qr_free`.
pub struct motcua_qr {
    qr: Qr,
}

fn ecc(level: u32) -> Result<Ecc, motcua_result> {
    Ok(match level {
        0 => Ecc::Low,
        1 => Ecc::Medium,
        2 => Ecc::Quartile,
        3 => Ecc::High,
        _ => return Err(R::InvalidArgument),
    })
}

/// Makes a QR code of `len` bytes of UTF-8 `text` (byte, alphanumeric and
/// numeric segments mixed for the smallest version) and stores a new handle
/// in `*out`. Errors: `NULL_PARAMETER`, `NOT_UTF8`, `INVALID_ARGUMENT`
/// (unknown level), `QR_VERSION_RANGE`, `QR_TOO_LONG` (also beyond 7089
/// bytes, checked before reading). `*out` is written only on success.
///
/// # Safety
/// `text` readable for `len` bytes; `opts` NULL or readable; `out` writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_encode(
    text: *const c_char,
    len: usize,
    opts: *const motcua_qr_options,
    out: *mut *mut motcua_qr,
) -> motcua_result {
    boundary(|| {
        // SAFETY: readable by contract.
        let text = unsafe { required_str(text, len, qr::MAX_TEXT_LEN, R::QrTooLong)? };
        if out.is_null() {
            return Err(R::NullParameter);
        }
        let mut options = QrOptions::default();
        if !opts.is_null() {
            // SAFETY: readable by contract.
            let o = unsafe { *opts };
            options = QrOptions {
                ecc: ecc(o.ecc)?,
                boost_ecc: o.boost_ecc != 0,
                min_version: o.min_version,
                max_version: o.max_version,
            };
        }
        let qr = qr::encode(text, &options)?;
        let handle = Box::into_raw(Box::new(motcua_qr { qr }));
        // SAFETY: writable by contract.
        unsafe { write_out(out, handle) }
    })
}

/// Frees a QR code (NULL is fine).
///
/// # Safety
/// `qr` NULL or from `motcua_qr_encode`, not freed yet.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_free(qr: *mut motcua_qr) {
    boundary_or((), || {
        if !qr.is_null() {
            // SAFETY: from `Box::into_raw` in `motcua_qr_encode`, by contract.
            drop(unsafe { Box::from_raw(qr) });
        }
    })
}

/// Runs `f` on a handle, or answers `fallback` for NULL.
///
/// # Safety
/// `qr` NULL or a live handle.
unsafe fn with<T>(qr: *const motcua_qr, fallback: T, f: impl FnOnce(&Qr) -> T) -> T {
    // SAFETY: a live handle by contract.
    match unsafe { qr.as_ref() } {
        Some(h) => f(&h.qr),
        None => fallback,
    }
}

/// Modules per side (21 for version 1 … 177 for version 40); 0 for NULL.
///
/// # Safety
/// `qr` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_size(qr: *const motcua_qr) -> usize {
    // SAFETY: by contract.
    boundary_or(0, || unsafe { with(qr, 0, Qr::size) })
}

/// The version, 1–40; 0 for NULL.
///
/// # Safety
/// `qr` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_version(qr: *const motcua_qr) -> u8 {
    // SAFETY: by contract.
    boundary_or(0, || unsafe { with(qr, 0, Qr::version) })
}

/// The error-correction level actually used (a `MOTCUA_ECC_*` value; may be
/// above the one asked for when boosted); `MOTCUA_ECC_LOW` for NULL.
///
/// # Safety
/// `qr` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_ecc(qr: *const motcua_qr) -> u32 {
    // SAFETY: by contract.
    boundary_or(0, || unsafe { with(qr, 0, |q| ecc_value(q.ecc())) })
}

/// A level as its `MOTCUA_ECC_*` value.
pub(crate) fn ecc_value(level: Ecc) -> u32 {
    (match level {
        Ecc::Low => motcua_ecc::Low,
        Ecc::Medium => motcua_ecc::Medium,
        Ecc::Quartile => motcua_ecc::Quartile,
        Ecc::High => motcua_ecc::High,
    }) as u32
}

/// Whether the module at column `x`, row `y` (0-based, from the top left,
/// without quiet zone) is dark; false outside the code or for NULL.
///
/// # Safety
/// `qr` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_module(qr: *const motcua_qr, x: usize, y: usize) -> bool {
    // SAFETY: by contract.
    boundary_or(false, || unsafe { with(qr, false, |q| q.module(x, y)) })
}

/// Copies the module matrix into `buf`, row by row from the top, one byte
/// per module (1 = dark, 0 = light), without quiet zone: `size * size`
/// bytes, stored in `*out_n`. Errors: `NULL_PARAMETER`, `INSUFFICIENT_SIZE`
/// (`len < size * size`; nothing written).
///
/// # Safety
/// `qr` a live handle; `buf` writable for `len` bytes; `out_n` writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_matrix(
    qr: *const motcua_qr,
    buf: *mut u8,
    len: usize,
    out_n: *mut usize,
) -> motcua_result {
    boundary(|| {
        if qr.is_null() || buf.is_null() || out_n.is_null() {
            return Err(R::NullParameter);
        }
        // SAFETY: a live handle by contract.
        let matrix = unsafe { &(*qr).qr }.matrix();
        if matrix.len() > len {
            return Err(R::InsufficientSize);
        }
        // SAFETY: `buf` writable for `len >= matrix.len()` bytes.
        let dst = unsafe { std::slice::from_raw_parts_mut(buf, matrix.len()) };
        for (d, dark) in dst.iter_mut().zip(&matrix) {
            *d = u8::from(*dark);
        }
        // SAFETY: writable by contract.
        unsafe { write_out(out_n, matrix.len()) }
    })
}

/// Renders the code as a standalone SVG document (one merged path,
/// crisp edges, optional caption) into `*out`; free with
/// `motcua_text_free`. Errors: `NULL_PARAMETER`, `NOT_UTF8` (caption or
/// width), `INVALID_ARGUMENT` (quiet zone over 100 modules, caption or
/// width over 4096 bytes).
///
/// # Safety
/// `qr` a live handle; `opts` NULL or readable, its views readable; `out`
/// writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_svg(
    qr: *const motcua_qr,
    opts: *const motcua_svg_options,
    out: *mut motcua_text,
) -> motcua_result {
    boundary(|| {
        if qr.is_null() || out.is_null() {
            return Err(R::NullParameter);
        }
        let mut options = SvgOptions::default();
        if !opts.is_null() {
            // SAFETY: readable by contract.
            let o = unsafe { *opts };
            if o.quiet_zone > qr::MAX_QUIET_ZONE {
                return Err(R::InvalidArgument);
            }
            options.quiet_zone = o.quiet_zone;
            // SAFETY: the views are readable by contract.
            options.caption = unsafe { o.caption.read(4096, R::InvalidArgument)? };
            // SAFETY: as above.
            options.width = unsafe { o.width.read(4096, R::InvalidArgument)? };
        }
        // SAFETY: a live handle by contract.
        let svg = unsafe { &(*qr).qr }.to_svg(&options);
        // SAFETY: writable by contract.
        unsafe { write_out(out, motcua_text::new(svg)) }
    })
}

/// Renders the code as a 1-bit grayscale PNG, `scale` pixels per module
/// (1–64), with a 4-module quiet zone, into `*out`; free with
/// `motcua_bytes_free`. Errors: `NULL_PARAMETER`, `INVALID_ARGUMENT`
/// (`scale` out of range), `QR_PNG_WRITE`.
///
/// # Safety
/// `qr` a live handle; `out` writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_png(qr: *const motcua_qr, scale: u32, out: *mut motcua_bytes) -> motcua_result {
    boundary(|| {
        if qr.is_null() || out.is_null() {
            return Err(R::NullParameter);
        }
        if !(1..=64).contains(&scale) {
            return Err(R::InvalidArgument);
        }
        // SAFETY: a live handle by contract.
        let png = unsafe { &(*qr).qr }.to_png(scale)?;
        // SAFETY: writable by contract.
        unsafe { write_out(out, motcua_bytes::new(png)) }
    })
}
