//! QR code rendering (ISO/IEC 18004 = TCVN 7322:2009) with `qrcodegen`:
//! optimal mode segmentation, the smallest version that fits, and output as
//! SVG, PNG, terminal text or the raw module matrix.
//!
//! ```
//! use motcua::qr::{self, QrOptions, SvgOptions};
//!
//! let code = qr::encode("https://dichvucong.gov.vn/", &QrOptions::default()).unwrap();
//! let svg = code.to_svg(&SvgOptions::default());
//! assert!(svg.starts_with("<svg") && svg.contains("shape-rendering=\"crispEdges\""));
//! let png = code.to_png(4).unwrap();
//! assert_eq!(&png[1..4], b"PNG");
//! ```

use std::fmt::Write as _;

use qrcodegen::{QrCode, QrCodeEcc, Version};

mod segment;

/// Error-correction level. Higher levels survive more damage and make larger codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Ecc {
    /// About 7% of codewords recoverable.
    Low,
    /// About 15% (the default: a printed office paper).
    #[default]
    Medium,
    /// About 25%.
    Quartile,
    /// About 30%.
    High,
}

impl Ecc {
    fn to_qrcodegen(self) -> QrCodeEcc {
        match self {
            Ecc::Low => QrCodeEcc::Low,
            Ecc::Medium => QrCodeEcc::Medium,
            Ecc::Quartile => QrCodeEcc::Quartile,
            Ecc::High => QrCodeEcc::High,
        }
    }

    fn from_qrcodegen(e: QrCodeEcc) -> Self {
        match e {
            QrCodeEcc::Low => Ecc::Low,
            QrCodeEcc::Medium => Ecc::Medium,
            QrCodeEcc::Quartile => Ecc::Quartile,
            QrCodeEcc::High => Ecc::High,
        }
    }

    /// The level's letter: `L`, `M`, `Q` or `H`.
    pub fn letter(self) -> char {
        match self {
            Ecc::Low => 'L',
            Ecc::Medium => 'M',
            Ecc::Quartile => 'Q',
            Ecc::High => 'H',
        }
    }
}

/// How [`encode`] builds a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QrOptions {
    /// The minimum error-correction level.
    pub ecc: Ecc,
    /// Raise the level when the data still fits the same version (free
    /// robustness; `qrcodegen`'s `boostecl`).
    pub boost_ecc: bool,
    /// Smallest version to use (1–40).
    pub min_version: u8,
    /// Largest version to use (1–40); a payload that does not fit is an error.
    pub max_version: u8,
}

impl Default for QrOptions {
    /// Level M, boosted when free, versions 1–40.
    fn default() -> Self {
        QrOptions {
            ecc: Ecc::Medium,
            boost_ecc: true,
            min_version: 1,
            max_version: 40,
        }
    }
}

crate::catalogue::catalogue! {
    /// Why a QR code could not be made.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[non_exhaustive]
    pub enum Error {
        /// The text does not fit the largest allowed version at the level.
        TooLong {
            /// The largest version tried.
            max_version: u8,
            /// The level asked for.
            ecc: char,
        } = "qr_too_long", 300,
            en: "the text is too long for a QR code of version {max_version} at level {ecc}";
            vi: "Dữ liệu quá dài cho mã QR phiên bản {max_version} ở mức sửa lỗi {ecc}";
            short: "the text is too long for a QR code of the allowed versions at the level asked for",
                "Dữ liệu quá dài cho mã QR ở các phiên bản và mức sửa lỗi được phép";
        /// `min_version`/`max_version` outside 1–40 or in the wrong order.
        VersionRange = "qr_version_range", 301,
            en: "the QR version range must be within 1–40, smallest first";
            vi: "Phiên bản mã QR phải trong khoảng 1–40, số nhỏ trước";
            short: "the QR version range must be within 1–40, smallest first",
                "Phiên bản mã QR phải trong khoảng 1–40, số nhỏ trước";
        /// The PNG encoder failed (it writes to memory, so this is not expected).
        Png = "png_write", 302,
            en: "the PNG image could not be written";
            vi: "Không ghi được ảnh PNG";
            short: "the PNG image could not be written", "Không ghi được ảnh PNG";
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        crate::serialize_error(s, self.code(), self.message(), self.message_vi(), None)
    }
}

/// An encoded QR code.
#[derive(Clone, PartialEq, Eq)]
pub struct Qr {
    code: QrCode,
    data_bits: usize,
}

impl std::fmt::Debug for Qr {
    /// Version, level and size only: the content may be personal data.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Qr")
            .field("version", &self.version())
            .field("ecc", &self.ecc())
            .field("size", &self.size())
            .finish()
    }
}

/// The most characters any QR code holds (version 40-L, all digits); longer
/// text is [`Error::TooLong`] without further work.
pub const MAX_TEXT_LEN: usize = 7089;

/// Encodes `text` with the cheapest mix of numeric, alphanumeric and byte
/// segments, in the smallest version in range that fits at `opts.ecc`.
/// Text is written as UTF-8 without an ECI header (what phone cameras expect
/// for URLs; payload v1 URLs are pure ASCII anyway).
pub fn encode(text: &str, opts: &QrOptions) -> Result<Qr, Error> {
    let (lo, hi) = (opts.min_version, opts.max_version);
    if !(1..=40).contains(&lo) || !(1..=40).contains(&hi) || lo > hi {
        return Err(Error::VersionRange);
    }
    let too_long = Error::TooLong {
        max_version: hi,
        ecc: opts.ecc.letter(),
    };
    if text.len() > MAX_TEXT_LEN {
        // Cannot fit any version: fail before segmenting a huge input.
        return Err(too_long);
    }
    let ecl = opts.ecc.to_qrcodegen();
    // Segment costs change with the character-count widths: versions 1–9,
    // 10–26 and 27–40. Optimise for each group in turn, smallest first.
    for (glo, ghi) in [(1u8, 9u8), (10, 26), (27, 40)] {
        let (vlo, vhi) = (glo.max(lo), ghi.min(hi));
        if vlo > vhi {
            continue;
        }
        let segs = segment::optimal(text, vlo);
        // qrcodegen picks the mask itself (§7.8.3's penalty rules). #7 had
        // a word-wise copy of that choice, twice as fast (0.4 against 0.9 ms
        // a dossier QR); #21 measured no job a user waits on that needs it.
        if let Ok(code) =
            QrCode::encode_segments_advanced(&segs, ecl, Version::new(vlo), Version::new(vhi), None, opts.boost_ecc)
        {
            let data_bits = segs.iter().map(|s| s.data().len()).sum();
            return Ok(Qr { code, data_bits });
        }
    }
    Err(too_long)
}

/// The widest quiet zone [`Qr::to_svg`] draws, in modules (the C API and
/// the npm package refuse more).
pub const MAX_QUIET_ZONE: u32 = 100;

/// SVG output options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SvgOptions<'a> {
    /// Light modules around the code (the standard asks for 4), at most
    /// [`MAX_QUIET_ZONE`]: a larger value is drawn as that many (bindings
    /// refuse it as an invalid argument).
    pub quiet_zone: u32,
    /// A line of text under the code (XML-escaped), e.g. the dossier code.
    pub caption: Option<&'a str>,
    /// Printed width, e.g. `"25mm"`; `None` leaves sizing to the page.
    pub width: Option<&'a str>,
}

impl Default for SvgOptions<'_> {
    fn default() -> Self {
        SvgOptions {
            quiet_zone: 4,
            caption: None,
            width: None,
        }
    }
}

impl Qr {
    /// The version, 1–40.
    pub fn version(&self) -> u8 {
        self.code.version().value()
    }

    /// The error-correction level actually used (≥ the one asked for).
    pub fn ecc(&self) -> Ecc {
        Ecc::from_qrcodegen(self.code.error_correction_level())
    }

    /// Modules per side (17 + 4 × version), without the quiet zone.
    pub fn size(&self) -> usize {
        usize::try_from(self.code.size()).unwrap_or(0)
    }

    /// Bits of segment data (without headers), for size reports.
    pub fn data_bits(&self) -> usize {
        self.data_bits
    }

    /// Whether the module at column `x`, row `y` is dark; outside the code
    /// (the quiet zone) is light.
    pub fn module(&self, x: usize, y: usize) -> bool {
        match (i32::try_from(x), i32::try_from(y)) {
            (Ok(x), Ok(y)) => self.code.get_module(x, y),
            _ => false,
        }
    }

    /// The module matrix, row by row, `true` = dark, `size × size` entries,
    /// no quiet zone: for drawing the code in another report engine.
    pub fn matrix(&self) -> Vec<bool> {
        let n = self.size();
        (0..n * n).map(|i| self.module(i % n, i / n)).collect()
    }

    /// An SVG document: one `<path>` of dark modules (runs merged), on a white
    /// background, `shape-rendering="crispEdges"`, one SVG unit per module.
    pub fn to_svg(&self, opts: &SvgOptions<'_>) -> String {
        let n = self.size();
        let q = opts.quiet_zone.min(MAX_QUIET_ZONE) as usize;
        let side = n + 2 * q;
        // Caption: a band of 4 modules under the code, text 2.5 modules high.
        let band = if opts.caption.is_some() { 4 } else { 0 };
        let mut s = String::with_capacity(64 + n * n * 3);
        let _ = write!(
            s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 {side} {h}\"",
            h = side + band
        );
        if let Some(w) = opts.width {
            s.push_str(" width=\"");
            xml_escape(&mut s, w);
            s.push('"');
        }
        let _ = write!(
            s,
            " shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\""
        );
        self.write_svg_path(&mut s, q);
        s.push_str("\"/>");
        if let Some(caption) = opts.caption {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"2.5\" text-anchor=\"middle\" fill=\"#000\">",
                side as f64 / 2.0,
                side + 2
            );
            xml_escape(&mut s, caption);
            s.push_str("</text>");
        }
        s.push_str("</svg>\n");
        s
    }

    /// Appends the SVG path data (`d`) of the dark modules to `out`, one unit
    /// per module, shifted by `offset` modules (the quiet zone): runs of a
    /// row merged into one rectangle each.
    pub fn write_svg_path(&self, out: &mut String, offset: usize) {
        let n = self.size();
        // Numbers through itoa: `write!` per run took most of the time here.
        let mut num = itoa::Buffer::new();
        for y in 0..n {
            let mut x = 0;
            while x < n {
                if !self.module(x, y) {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < n && self.module(x, y) {
                    x += 1;
                }
                out.push('M');
                out.push_str(num.format(start + offset));
                out.push(',');
                out.push_str(num.format(y + offset));
                out.push('h');
                out.push_str(num.format(x - start));
                out.push_str("v1h-");
                out.push_str(num.format(x - start));
                out.push('z');
            }
        }
    }

    /// A 1-bit greyscale PNG, `scale` pixels per module (clamped to 1–64),
    /// with a 4-module quiet zone.
    pub fn to_png(&self, scale: u32) -> Result<Vec<u8>, Error> {
        let scale = scale.clamp(1, 64) as usize;
        let q = 4;
        let side = (self.size() + 2 * q) * scale;
        let width = u32::try_from(side).map_err(|_| Error::Png)?;
        let row_bytes = side.div_ceil(8);
        let mut pixels = vec![0u8; row_bytes * side];
        for (py, row) in pixels.chunks_exact_mut(row_bytes).enumerate() {
            let my = (py / scale).checked_sub(q);
            for px in 0..side {
                let mx = (px / scale).checked_sub(q);
                let dark = matches!((mx, my), (Some(x), Some(y)) if self.module(x, y));
                if !dark {
                    if let Some(byte) = row.get_mut(px / 8) {
                        *byte |= 0x80 >> (px % 8);
                    }
                }
            }
        }
        let mut out = Vec::with_capacity(pixels.len() / 4 + 64);
        let mut enc = png::Encoder::new(&mut out, width, width);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::One);
        let mut writer = enc.write_header().map_err(|_| Error::Png)?;
        writer.write_image_data(&pixels).map_err(|_| Error::Png)?;
        writer.finish().map_err(|_| Error::Png)?;
        Ok(out)
    }

    /// The code as text for a terminal: Unicode half blocks, two module rows
    /// per line, with a 4-module quiet zone. Light modules are drawn as
    /// blocks, which reads correctly on the usual light-on-dark terminal;
    /// pass `invert = true` for a dark-on-light one.
    pub fn to_terminal(&self, invert: bool) -> String {
        let n = self.size() as isize;
        let q = 4;
        let lit = |x: isize, y: isize| {
            let dark = x >= 0 && y >= 0 && x < n && y < n && self.module(x as usize, y as usize);
            dark == invert
        };
        let mut s = String::new();
        let mut y = -q;
        while y < n + q {
            for x in -q..n + q {
                s.push(match (lit(x, y), lit(x, y + 1) && y + 1 < n + q) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                });
            }
            s.push('\n');
            y += 2;
        }
        s
    }
}

/// Escapes text for XML and HTML (content and attribute values) and drops
/// control characters.
pub(crate) fn xml_escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}
