//! Reading QR codes from images: a camera frame or a photo as 8-bit grey
//! or RGBA pixels, with a row stride, into every code's payload and corners.

use motcua_core::image::{self, Charset, Found};

use crate::{boundary, boundary_or, bytes, motcua_result, motcua_str, write_out, R};

/// How a code's text was decoded from its bytes.
#[repr(u32)]
#[derive(Debug, Clone, Copy)]
pub enum motcua_charset {
    /// UTF-8: declared by ECI 26, or no ECI and valid UTF-8.
    Utf8 = 0,
    /// ISO-8859-1 declared by ECI (the text view is its UTF-8 conversion).
    Latin1 = 1,
    /// No text: another character set (Shift_JIS is never guessed), or no
    /// ECI and not UTF-8. `has_text` is 0; the bytes are still given.
    Unknown = 2,
}

/// A point in the image, in pixels from the top-left corner.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
pub struct motcua_point {
    /// Pixels right of the left edge (negative when outside the frame).
    pub x: i32,
    /// Pixels below the top edge.
    pub y: i32,
}

/// One code read from an image: views into the `motcua_qr_codes` it came
/// from, valid until that is freed.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct motcua_found_code {
    /// The payload as UTF-8 text (empty when `has_text` is 0).
    pub text: motcua_str,
    /// 1 when `text` holds the payload, 0 when its character set is unknown.
    pub has_text: u8,
    /// The payload as stored in the code.
    pub bytes: *const u8,
    /// Length of `bytes`.
    pub bytes_len: usize,
    /// A `MOTCUA_CHARSET_*` value.
    pub charset: u32,
    /// QR version, 1–40.
    pub version: u8,
    /// Error-correction level, a `MOTCUA_ECC_*` value.
    pub ecc: u32,
    /// Top-left, top-right, bottom-right, bottom-left of the code as printed.
    pub corners: [motcua_point; 4],
}

/// The codes `motcua_qr_decode_gray`/`_rgba` read. Opaque; free with
/// `motcua_qr_codes_free`.
pub struct motcua_qr_codes {
    found: Vec<Found>,
}

type Decoder = fn(&[u8], u32, u32, usize) -> Result<Vec<Found>, image::Error>;

/// # Safety
/// `pixels` readable for `len` bytes; `out` writable.
unsafe fn decode(
    decoder: Decoder,
    pixels: *const u8,
    len: usize,
    width: u32,
    height: u32,
    stride: usize,
    out: *mut *mut motcua_qr_codes,
) -> motcua_result {
    boundary(|| {
        if pixels.is_null() || out.is_null() {
            return Err(R::NullParameter);
        }
        // SAFETY: readable for `len` bytes by contract (any `len` the
        // caller vouches for; the core checks it against the size).
        let data = unsafe { bytes(pixels, len, isize::MAX as usize, R::ImageBufferShort)? };
        let found = decoder(data, width, height, stride)?;
        let handle = Box::into_raw(Box::new(motcua_qr_codes { found }));
        // SAFETY: writable by contract.
        unsafe { write_out(out, handle) }
    })
}

/// Reads every QR code in an 8-bit grey image: the pixel at (x, y) is
/// `pixels[y * stride + x]`, 0 black, 255 white; `len` is the buffer's
/// size in bytes. Stores a new handle with at least one code in `*out`.
///
/// Errors: `NULL_PARAMETER`, `IMAGE_TOO_SMALL`, `IMAGE_TOO_LARGE`,
/// `IMAGE_STRIDE` (`stride < width`), `IMAGE_BUFFER_SHORT`
/// (`len < stride * (height - 1) + width`), `IMAGE_NO_QR`,
/// `IMAGE_QR_UNREADABLE`. Nothing outside `len` bytes is ever read.
///
/// # Safety
/// `pixels` readable for `len` bytes; `out` writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_decode_gray(
    pixels: *const u8,
    len: usize,
    width: u32,
    height: u32,
    stride: usize,
    out: *mut *mut motcua_qr_codes,
) -> motcua_result {
    // SAFETY: forwarded to the caller.
    unsafe { decode(image::decode_gray, pixels, len, width, height, stride, out) }
}

/// As `motcua_qr_decode_gray` for RGBA pixels (4 bytes each, R G B A);
/// `stride` in bytes, at least `4 * width`. Transparent pixels count as
/// white paper.
///
/// # Safety
/// `pixels` readable for `len` bytes; `out` writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_decode_rgba(
    pixels: *const u8,
    len: usize,
    width: u32,
    height: u32,
    stride: usize,
    out: *mut *mut motcua_qr_codes,
) -> motcua_result {
    // SAFETY: forwarded to the caller.
    unsafe { decode(image::decode_rgba, pixels, len, width, height, stride, out) }
}

/// How many codes a handle holds (at least 1); 0 for NULL.
///
/// # Safety
/// `codes` NULL or a live handle.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_codes_count(codes: *const motcua_qr_codes) -> usize {
    // SAFETY: NULL or live by contract.
    boundary_or(0, || unsafe { codes.as_ref() }.map_or(0, |c| c.found.len()))
}

/// Fills `*out` with code number `index` (0-based): views into the handle.
/// Errors: `NULL_PARAMETER`, `INVALID_ARGUMENT` (`index` ≥ the count).
///
/// # Safety
/// `codes` a live handle; `out` writable.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_codes_get(
    codes: *const motcua_qr_codes,
    index: usize,
    out: *mut motcua_found_code,
) -> motcua_result {
    boundary(|| {
        // SAFETY: NULL or live by contract.
        let codes = unsafe { codes.as_ref() }.ok_or(R::NullParameter)?;
        if out.is_null() {
            return Err(R::NullParameter);
        }
        let f = codes.found.get(index).ok_or(R::InvalidArgument)?;
        let charset = match f.charset() {
            Charset::Utf8 => motcua_charset::Utf8,
            Charset::Latin1 => motcua_charset::Latin1,
            _ => motcua_charset::Unknown,
        };
        let corners = f.corners().map(|p| motcua_point { x: p.x, y: p.y });
        let code = motcua_found_code {
            text: f.text().map_or_else(motcua_str::empty, motcua_str::of),
            has_text: u8::from(f.text().is_some()),
            bytes: f.bytes().as_ptr(),
            bytes_len: f.bytes().len(),
            charset: charset as u32,
            version: f.version(),
            ecc: crate::qr_api::ecc_value(f.ecc()),
            corners,
        };
        // SAFETY: writable by contract.
        unsafe { write_out(out, code) }
    })
}

/// Frees a handle from `motcua_qr_decode_gray`/`_rgba` (NULL is fine); the
/// views `motcua_qr_codes_get` gave are invalid afterwards.
///
/// # Safety
/// `codes` NULL or a live handle, not freed yet.
#[no_mangle]
pub unsafe extern "C" fn motcua_qr_codes_free(codes: *mut motcua_qr_codes) {
    boundary_or((), || {
        if !codes.is_null() {
            // SAFETY: from `Box::into_raw` in `decode`, by contract.
            drop(unsafe { Box::from_raw(codes) });
        }
    })
}
