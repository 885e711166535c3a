//! Reading QR codes from photos and camera frames: every code in an 8-bit
//! grey or RGBA pixel buffer, with its payload (bytes, and text when the
//! character set is known) and its corners.
//!
//! A reader designed for photos (docs/image.md): finder patterns by run
//! lengths on a local binarisation, every finder triple a candidate code
//! (so each of dozens of codes in one photo is read), the grid placed from
//! the finders' rings, the timing patterns, the version information and the
//! alignment patterns (a map per alignment cell from version 7), and our own
//! decoder (format, unmasking, Reed–Solomon, every segment mode, ECI). The
//! passes, each only while nothing is read: a code that is the whole image
//! (first when its modules are under 2 pixels), a 3×3-smoothed copy (noisy
//! images only), the local binarisation, its negative and a half-size copy
//! (both only while no code has been placed), a global threshold, the
//! whole-image code again (larger modules, or a box whose corner did not
//! show a finder); with the `quircs-fallback` feature (default) the reader
//! of #8 (quircs, over four renderings) is the last resort when no code was
//! even seen. The measurements that chose this are in `BENCHMARKS.md` and the
//! notes of issue #20.
//!
//! Text: byte-mode payloads are UTF-8 in practice (every Vietnamese portal,
//! and this crate's encoder, writes UTF-8 without an ECI header). An ECI
//! header for UTF-8 or ISO-8859-1 is honoured; any other character set, or
//! bytes that are not UTF-8 without an ECI, give `text() == None` with the
//! bytes kept — Shift_JIS is never guessed.
//!
//! ```
//! use motcua::{image, qr};
//!
//! let code = qr::encode("https://dichvucong.gov.vn/", &qr::QrOptions::default()).unwrap();
//! // Render it at 4 pixels per module with a 4-module quiet zone.
//! let (scale, quiet) = (4, 4);
//! let side = (code.size() + 2 * quiet) * scale;
//! let mut pixels = vec![255u8; side * side];
//! for y in 0..side {
//!     for x in 0..side {
//!         let (mx, my) = ((x / scale).wrapping_sub(quiet), (y / scale).wrapping_sub(quiet));
//!         if mx < code.size() && my < code.size() && code.module(mx, my) {
//!             pixels[y * side + x] = 0;
//!         }
//!     }
//! }
//! let found = image::decode_gray(&pixels, side as u32, side as u32, side).unwrap();
//! assert_eq!(found[0].text(), Some("https://dichvucong.gov.vn/"));
//! assert_eq!(found[0].version(), code.version());
//! ```

use std::fmt;

use crate::qr::Ecc;

mod bits;
mod decode;
mod error;
#[cfg(feature = "quircs-fallback")]
mod fallback;
mod finder;
mod geometry;
mod grid;
mod prepare;

pub use error::Error;
use geometry::P;
use prepare::Gray;

/// The smallest width and height read (a version-1 code at 1 pixel per module).
pub const MIN_SIDE: u32 = 21;
/// The largest width or height read (4× a 4K frame's long side).
pub const MAX_SIDE: u32 = 16_384;
/// The most pixels read (a 40-megapixel photo); bigger photos should be
/// scaled down by the caller, which also makes them faster to read.
pub const MAX_PIXELS: u64 = 40_000_000;

/// A point in the image, in pixels from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Point {
    /// Pixels right of the left edge (may be negative when the code's
    /// corner lies outside the frame).
    pub x: i32,
    /// Pixels below the top edge.
    pub y: i32,
}

/// How the payload's bytes were turned into [`Found::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Charset {
    /// UTF-8: declared by ECI 26, or no ECI and the bytes are valid UTF-8.
    Utf8,
    /// ISO-8859-1, declared by its ECI.
    Latin1,
    /// No text: an ECI names another character set (its number, when the
    /// decoder knows it), or there is no ECI and the bytes are not UTF-8.
    Unknown {
        /// The ECI assignment number, if one was given.
        eci: Option<u32>,
    },
}

impl Charset {
    /// `utf-8`, `iso-8859-1` or `unknown`.
    pub const fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Latin1 => "iso-8859-1",
            Charset::Unknown { .. } => "unknown",
        }
    }
}

/// A QR code read from an image.
///
/// `Debug` shows the version, level, charset, corners and payload length,
/// never the payload: it may be a citizen's ID card.
#[derive(Clone, PartialEq, Eq)]
pub struct Found {
    bytes: Vec<u8>,
    text: Option<String>,
    charset: Charset,
    corners: [Point; 4],
    version: u8,
    ecc: Ecc,
}

/// With the `serde` feature: `text` (`null` when the charset is unknown),
/// `charset`, `version`, `ecc` and `corners` — the shape the CLI's JSON and
/// the npm package share. The payload bytes are left to each binding (hex
/// in the CLI's JSON, a `Uint8Array` in JS).
#[cfg(feature = "serde")]
impl serde::Serialize for Found {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut st = s.serialize_struct("Found", 5)?;
        st.serialize_field("text", &self.text)?;
        st.serialize_field("charset", self.charset.name())?;
        st.serialize_field("version", &self.version)?;
        st.serialize_field("ecc", &self.ecc.letter())?;
        st.serialize_field("corners", &self.corners)?;
        st.end()
    }
}

impl Found {
    /// The payload as stored in the code (all segments, in order).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The payload as text, when its character set is known (see [`Charset`]).
    pub fn text(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// How [`Found::text`] was decoded.
    pub fn charset(&self) -> Charset {
        self.charset
    }

    /// Corners in the image: top-left, top-right, bottom-right, bottom-left
    /// of the code as printed (so a code photographed upside down has its
    /// top-left corner at the bottom right of the image).
    pub fn corners(&self) -> [Point; 4] {
        self.corners
    }

    /// Version (1–40).
    pub fn version(&self) -> u8 {
        self.version
    }

    /// Error-correction level.
    pub fn ecc(&self) -> Ecc {
        self.ecc
    }

    /// Takes the payload bytes.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// The top edge's length, in pixels (Manhattan).
    fn side(&self) -> i64 {
        let [a, b, ..] = self.corners;
        (i64::from(a.x) - i64::from(b.x)).abs() + (i64::from(a.y) - i64::from(b.y)).abs()
    }

    fn centre(&self) -> (i64, i64) {
        let sx: i64 = self.corners.iter().map(|p| i64::from(p.x)).sum();
        let sy: i64 = self.corners.iter().map(|p| i64::from(p.y)).sum();
        (sx / 4, sy / 4)
    }
}

impl fmt::Debug for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Found")
            .field("version", &self.version)
            .field("ecc", &self.ecc)
            .field("charset", &self.charset)
            .field("corners", &self.corners)
            .field("bytes", &format_args!("<{} bytes>", self.bytes.len()))
            .finish()
    }
}

/// Reads every QR code in an 8-bit grey image: `data[y * stride + x]` is the
/// pixel at (x, y), 0 black, 255 white.
///
/// Returns the codes in the order found (at least one), or why there are
/// none. Never panics and never reads outside `data`, whatever the
/// arguments.
pub fn decode_gray(data: &[u8], width: u32, height: u32, stride: usize) -> Result<Vec<Found>, Error> {
    let (w, h) = check(data.len(), width, height, stride, 1)?;
    read(Gray::from_gray(data, w, h, stride), true)
}

/// [`decode_gray`] without the quircs passes that follow a miss (the
/// `quircs-fallback` feature): for the benchmarks, which measure what that
/// fallback adds.
#[doc(hidden)]
pub fn decode_gray_without_fallback(data: &[u8], width: u32, height: u32, stride: usize) -> Result<Vec<Found>, Error> {
    let (w, h) = check(data.len(), width, height, stride, 1)?;
    read(Gray::from_gray(data, w, h, stride), false)
}

/// Reads every QR code in an RGBA image (4 bytes per pixel, as in a canvas
/// `ImageData` or a decoded PNG), `stride` in bytes (`4 × width` when rows
/// are packed). Transparent pixels count as white paper.
pub fn decode_rgba(data: &[u8], width: u32, height: u32, stride: usize) -> Result<Vec<Found>, Error> {
    let (w, h) = check(data.len(), width, height, stride, 4)?;
    read(Gray::from_rgba(data, w, h, stride), true)
}

/// Checks size, stride and length; returns the size as `usize`.
fn check(len: usize, width: u32, height: u32, stride: usize, bpp: usize) -> Result<(usize, usize), Error> {
    if width < MIN_SIDE || height < MIN_SIDE {
        return Err(Error::TooSmall {
            width,
            height,
            min: MIN_SIDE,
        });
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Error::TooLarge {
            width,
            height,
            max_side: MAX_SIDE,
            max_pixels: MAX_PIXELS,
        });
    }
    // Both fit: width ≤ 2^14 and bpp ≤ 4.
    let (w, h) = (width as usize, height as usize);
    let row = w * bpp;
    if stride < row {
        return Err(Error::Stride { stride, row });
    }
    let needed = stride
        .checked_mul(h - 1)
        .and_then(|n| n.checked_add(row))
        .ok_or(Error::BufferTooShort {
            len,
            needed: usize::MAX,
        })?;
    if len < needed {
        return Err(Error::BufferTooShort { len, needed });
    }
    Ok((w, h))
}

/// Maps a point of a resampled image back to the original: multiply by
/// `num`, divide by `den`.
#[derive(Clone, Copy)]
struct Scale {
    num: i32,
    den: i32,
}

const SAME: Scale = Scale { num: 1, den: 1 };

/// The reader: finder patterns by run lengths on a local binarisation (and
/// its negative, and a half-size copy), every finder triple a candidate
/// code, grids placed through the alignment patterns; the quircs passes
/// are the fallback.
fn read(g: Gray, fallback: bool) -> Result<Vec<Found>, Error> {
    let mut r = Runs::default();
    let bits = bits::local(&g);
    // A code that is the whole image (a screenshot, a generated PNG) is
    // cheap to rule out (by the box's top-left corner, first). Modules under
    // 2 pixels are read only this way, so first; larger ones last, as the
    // code may hold another (a "double QR").
    let pure = grid::Grid::pure(&bits, true);
    if let Some((grid, module)) = &pure {
        if *module < 2.0 {
            r.pure(&bits, grid);
            if !r.found.is_empty() {
                return Ok(r.found);
            }
        }
    }
    // Noise breaks runs into single pixels: a 3×3-smoothed copy first (a
    // code of 1-pixel modules also shows speckle, and is read next).
    if bits.speckle() > SPECKLE {
        let smooth = Gray {
            px: g.box_mean(1),
            w: g.w,
            h: g.h,
        };
        let sb = bits::local(&smooth);
        r.scan(&sb, &smooth, false, SAME);
    }
    if r.found.is_empty() {
        r.scan(&bits, &g, false, SAME);
    }
    // A code seen and not read so far is dark on light and placed at this
    // size: its negative is no code, and half the pixels blur it further;
    // only another threshold of the same polarity may read it (over the
    // photos, scenes and distorted set of #20, the global one read 2 such
    // photos, the negative and half size none).
    let placed = r.seen > 0;
    if r.found.is_empty() && !placed {
        r.scan(&bits.inverted(), &g, true, SAME);
    }
    if r.found.is_empty() && !placed && g.w.min(g.h) >= 4 * MIN_SIDE as usize {
        let half = g.half();
        let hb = bits::local(&half);
        // (Its negative too read none of the photos, scenes or distorted
        // set of #20 that the full-size negative had not: dropped.)
        r.scan(&hb, &half, false, Scale { num: 2, den: 1 });
    }
    if r.found.is_empty() {
        r.scan(&bits::global(&g), &g, false, SAME);
    }
    if r.found.is_empty() {
        match &pure {
            Some((grid, module)) if *module >= 2.0 => r.pure(&bits, grid),
            // (Tried first.)
            Some(_) => {}
            // Without the corner's look, which a low-contrast code's
            // binarisation may fail (1 of the distorted set's 24).
            None => {
                if let Some((grid, _)) = grid::Grid::pure(&bits, false) {
                    r.pure(&bits, &grid);
                }
            }
        }
    }
    if !r.found.is_empty() {
        return Ok(r.found);
    }
    let own = if r.seen > 0 {
        Error::Unreadable { found: r.seen }
    } else {
        Error::NotFound
    };
    // The fallback only when no code was seen: a code whose timing patterns
    // and format information read but whose data did not decode is placed
    // right and damaged, and quircs, which then spends 2–10 ms a pass in
    // its perspective search, read 1 of the 8 such photos of zxing-cpp's
    // samples (#20).
    // (With nothing seen here, what the fallback finds or says stands.)
    #[cfg(feature = "quircs-fallback")]
    if fallback && r.seen == 0 {
        return fallback::read_quircs(g);
    }
    let _ = (fallback, g);
    Err(own)
}

/// What the run-length reader found.
#[derive(Default)]
struct Runs {
    found: Vec<Found>,
    /// Candidate codes whose format information read but which did not decode.
    seen: usize,
}

impl Runs {
    /// Finds, groups and reads the codes of one binarisation.
    fn scan(&mut self, b: &bits::Bits, g: &Gray, inverted: bool, scale: Scale) {
        // Every second row at full size (a finder's centre is 3 modules
        // tall: 2 rows or more from 1-pixel modules up; half the cost of
        // finding, and the same reads over the photos, scenes and distorted
        // set of #20), every row of the half-size copy, whose modules are
        // half as tall.
        let finders = finder::find(b, if scale.num == scale.den { 2 } else { 1 });
        let sets = grid::sets(b, &finders);
        let mut used = vec![false; finders.len()];
        let mut rings = grid::Rings::default();
        let mut unread = 0;
        let mut damaged = 0usize;
        // Sets of two or three weak patterns are mostly chance: only the
        // best few of them are tried.
        let mut weak_tried = 0;
        let found_before = self.found.len();
        let mut misses_in_a_row = 0;
        for set in &sets {
            if misses_in_a_row >= MAX_MISSES_IN_A_ROW {
                break;
            }
            if set.ids.iter().any(|&i| used.get(i).copied().unwrap_or(true)) {
                continue;
            }
            if set.weak() >= 2 {
                weak_tried += 1;
                if weak_tried > MAX_WEAK_SETS {
                    continue;
                }
            }
            // Once a code is read, another is looked for among strong
            // patterns whose timing patterns showed at a first look (weak
            // ones are mostly its own look-alikes).
            if self.found.len() > found_before && set.weak() > 0 {
                continue;
            }
            match read_set(b, Src { g, inverted }, set, &mut rings) {
                Ok((data, corners)) => {
                    misses_in_a_row = 0;
                    for &i in &set.ids {
                        if let Some(u) = used.get_mut(i) {
                            *u = true;
                        }
                    }
                    // Look-alike patterns in the data of the code just read
                    // (its own module size, inside it) are not finders of
                    // another; a smaller code printed inside it is kept.
                    let code_module = corners[0].dist(corners[1]) / (17.0 + 4.0 * f32::from(data.version));
                    for (f, u) in finders.iter().zip(used.iter_mut()) {
                        let own_size = f.module > 0.6 * code_module && f.module < 1.8 * code_module;
                        if inside(f.c, &corners) && (own_size || f.is_weak()) {
                            *u = true;
                        }
                    }
                    let corners = corners.map(|p| Point {
                        x: (p.x * scale.num as f32 / scale.den as f32).round() as i32,
                        y: (p.y * scale.num as f32 / scale.den as f32).round() as i32,
                    });
                    self.push(found_decoded(data, corners));
                }
                Err(Miss::Rejected) => misses_in_a_row += 1,
                Err(Miss::Failed { seen }) => {
                    misses_in_a_row += 1;
                    unread += 1;
                    damaged += usize::from(seen);
                    // Sets are tried best first: after this many grids that
                    // did not decode, the rest are look-alikes, and each
                    // costs a full sampling.
                    if unread >= MAX_FAILED_GRIDS && self.found.len() == found_before {
                        break;
                    }
                }
            }
        }
        self.seen = self.seen.max(damaged);
    }

    /// Reads `b` as one upright code filling its dark pixels' bounding box.
    fn pure(&mut self, b: &bits::Bits, g: &grid::Grid) {
        let module = 1.0;
        if let Ok((data, corners)) = decode_grid(b, None, g, module) {
            self.push(found_decoded(
                data,
                corners.map(|p| Point {
                    x: p.x.round() as i32,
                    y: p.y.round() as i32,
                }),
            ));
        }
    }

    fn push(&mut self, f: Found) {
        push_new(&mut self.found, f);
    }
}

/// Adds `f` to `found` unless it is a code already there (same payload,
/// centre within half its side); two copies side by side stay two.
fn push_new(found: &mut Vec<Found>, f: Found) {
    let (cx, cy) = f.centre();
    let half_side = f.side() / 2;
    let duplicate = found.iter().any(|g| {
        let (gx, gy) = g.centre();
        g.bytes == f.bytes && (gx - cx).abs() + (gy - cy).abs() < half_side
    });
    if !duplicate {
        found.push(f);
    }
}

/// Places a grid on one finder triple and decodes it (mirrored too); the
/// payload and the code's corners as printed.
fn read_set(
    b: &bits::Bits,
    src: Src<'_>,
    set: &grid::Set,
    rings: &mut grid::Rings,
) -> Result<(decode::Decoded, [P; 4]), Miss> {
    let module = (set.tl.module + set.tr.module + set.bl.module) / 3.0;
    let g = grid::Grid::new(b, set, None, rings).ok_or(Miss::Rejected)?;
    decode_grid(b, Some(src), &g, module).map_err(|seen| Miss::Failed { seen })
}

/// Why a finder triple gave no code.
enum Miss {
    /// No grid fits it (cheap to find out).
    Rejected,
    /// A grid was placed and sampled, and did not decode; `seen` if its
    /// format information and timing patterns read (a code, damaged).
    Failed { seen: bool },
}

/// Grids that may fail to decode in one binarisation before it is given
/// up (when it has read nothing).
const MAX_FAILED_GRIDS: usize = 6;

/// Candidate codes that may give nothing in a row before a binarisation
/// is given up: sets are tried best first, and over the photos, scenes and
/// distorted set of #20 every code read came within 33 misses of the last
/// (1340 of 1466 at once). A dense code's look-alikes make hundreds of sets.
const MAX_MISSES_IN_A_ROW: usize = 64;

/// The share of speckle (see `Bits::speckle`) above which an image is read
/// smoothed first: the distorted set's noise class shows 15–17%, clean,
/// blurred, JPEG and 2 px/module images under 0.5%.
const SPECKLE: f32 = 0.05;

/// The most candidate codes of two or three weak finder patterns tried per
/// binarisation.
pub(super) const MAX_WEAK_SETS: usize = 24;

/// The share of the timing modules (row and column 6 between the
/// separators) of a sampled grid that alternate as they should.
fn timing_alternates(dark: &[bool], n: usize) -> f32 {
    let (mut ok, mut all) = (0u32, 0u32);
    for i in 8..n.saturating_sub(8) {
        let want = i % 2 == 0;
        for at in [6 * n + i, i * n + 6] {
            all += 1;
            ok += u32::from(dark.get(at).copied() == Some(want));
        }
    }
    if all == 0 {
        1.0
    } else {
        ok as f32 / all as f32
    }
}

/// Whether `p` lies inside the quadrilateral `q` (corners in order).
fn inside(p: P, q: &[P; 4]) -> bool {
    let mut sign = 0.0f32;
    for (i, &a) in q.iter().enumerate() {
        let b = q.get((i + 1) % 4).copied().unwrap_or(a);
        let c = (b - a).cross(p - a);
        if c * sign < 0.0 {
            return false;
        }
        if c != 0.0 {
            sign = c;
        }
    }
    true
}

/// The grey image a binarisation came from, and whether it was inverted.
#[derive(Clone, Copy)]
struct Src<'g> {
    g: &'g Gray,
    inverted: bool,
}

/// Samples and decodes a placed grid, mirrored too: from the binarisation,
/// then from the grey image thresholded in module space.
/// `Err(true)` for a code seen but not decoded: its timing patterns read
/// and both copies of its format information agree (random modules pass
/// the format check half the time); `Err(false)` otherwise.
fn decode_grid(
    b: &bits::Bits,
    src: Option<Src<'_>>,
    g: &grid::Grid,
    module: f32,
) -> Result<(decode::Decoded, [P; 4]), bool> {
    let corners = |mirror: bool| {
        let n = g.size as f32;
        let at = |x: f32, y: f32| g.to_pixel(P::new(x, y)).unwrap_or_default();
        if mirror {
            [at(0.0, 0.0), at(0.0, n), at(n, n), at(n, 0.0)]
        } else {
            [at(0.0, 0.0), at(n, 0.0), at(n, n), at(0.0, n)]
        }
    };
    let decode = |dark: &[bool]| decode::decode(&decode::Modules { size: g.size, dark });
    // From the binarisation; which reading showed format information.
    let mut formatted = Vec::new();
    let mut seen = false;
    // The mirrored reading is the same samples transposed.
    let straight = g.sample(b, module);
    for mirror in [false, true] {
        let Some(dark) = (match (&straight, mirror) {
            (Some(d), false) => Some(std::borrow::Cow::Borrowed(d.as_slice())),
            (Some(d), true) => Some(std::borrow::Cow::Owned(transposed(d, g.size))),
            (None, _) => None,
        }) else {
            continue;
        };
        match decode(&dark) {
            Ok(data) => return Ok((data, corners(mirror))),
            Err(decode::Fail::Format) => {}
            // Random modules pass the format check half the time: a real
            // code's timing patterns also read.
            Err(_) if timing_alternates(&dark, g.size) >= 0.75 => {
                formatted.push(mirror);
                seen |= decode::format_agrees(&decode::Modules {
                    size: g.size,
                    dark: &dark,
                });
            }
            Err(_) => {}
        }
    }
    // A real code badly binarised: the grey image, thresholded in module
    // space. (Only for readings whose format information decoded and
    // whose timing patterns read: this costs more.)
    if let Some(src) = src {
        for &mirror in &formatted {
            if let Some(dark) = g.sample_gray(src.g, src.inverted, mirror) {
                if let Ok(data) = decode(&dark) {
                    return Ok((data, corners(mirror)));
                }
            }
        }
    }
    // The grid's second guess, for a code whose format information read.
    if formatted.is_empty() {
        return Err(false);
    }
    match g.flat() {
        Some(flat) => decode_grid(b, src, &flat, module).map_err(|again| seen || again),
        None => Err(seen),
    }
}

/// The `n`×`n` modules `dark` mirrored about the main diagonal.
fn transposed(dark: &[bool], n: usize) -> Vec<bool> {
    (0..n * n)
        .map(|i| dark.get((i % n) * n + i / n).copied().unwrap_or(false))
        .collect()
}

/// A code read by our decoder, with the text rules of [`Charset`].
fn found_decoded(d: decode::Decoded, corners: [Point; 4]) -> Found {
    let ecc = match d.ecc {
        0 => Ecc::Low,
        1 => Ecc::Medium,
        2 => Ecc::Quartile,
        _ => Ecc::High,
    };
    let bytes = d.bytes;
    let (text, charset) = match d.eci {
        // Kanji and Hanzi segments hold Shift_JIS and GB2312: no text.
        _ if d.double_byte => (None, Charset::Unknown { eci: d.eci }),
        None | Some(26) => match String::from_utf8(bytes.clone()) {
            Ok(s) => (Some(s), Charset::Utf8),
            Err(_) => (None, Charset::Unknown { eci: d.eci }),
        },
        Some(1 | 3) => (Some(bytes.iter().map(|&b| char::from(b)).collect()), Charset::Latin1),
        Some(other) => (None, Charset::Unknown { eci: Some(other) }),
    };
    Found {
        bytes,
        text,
        charset,
        corners,
        version: d.version,
        ecc,
    }
}
