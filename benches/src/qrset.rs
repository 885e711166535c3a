//! The distorted QR test set of issue #8: our own payloads (the CCCD
//! samples and the dossier samples), rendered and then distorted the way
//! webcams and phone photos distort them. Reproducible: every image follows
//! from (class, payload, variant) through a fixed pseudo-random generator.
//!
//! Images are 8-bit grey. `scripts/bench-image` writes them as PNG for
//! zxing-cpp; the Rust benches and tests make them in memory.

use motcua::{cccd, dossier, qr};

/// A kind of distortion (one row of the detection table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Axis-aligned, 4 px/module, clean.
    Clean,
    /// Any angle.
    Rotation,
    /// Held at a slant: corners moved by up to 22% of the side.
    Perspective,
    /// 2.0–2.4 px/module, slightly rotated.
    Small,
    /// Out of focus: Gaussian blur σ 1.2–1.8 px at 4 px/module.
    Blur,
    /// Sensor noise: Gaussian σ 30–45 grey levels.
    Noise,
    /// Faded print / dim room: ink and paper 35–45 levels apart.
    LowContrast,
    /// Light from one side plus a shadow band across the code.
    UnevenLight,
    /// JPEG at quality 12–25.
    Jpeg,
    /// Light modules on a dark ground.
    Inverted,
    /// Dark text-like clutter up to 1 module from two edges of the code.
    QuietZone,
}

impl Class {
    /// Every class, in table order.
    pub const ALL: [Class; 11] = [
        Class::Clean,
        Class::Rotation,
        Class::Perspective,
        Class::Small,
        Class::Blur,
        Class::Noise,
        Class::LowContrast,
        Class::UnevenLight,
        Class::Jpeg,
        Class::Inverted,
        Class::QuietZone,
    ];

    /// Snake-case name (file names, tables).
    pub fn name(self) -> &'static str {
        match self {
            Class::Clean => "clean",
            Class::Rotation => "rotation",
            Class::Perspective => "perspective",
            Class::Small => "small_2px",
            Class::Blur => "blur",
            Class::Noise => "noise",
            Class::LowContrast => "low_contrast",
            Class::UnevenLight => "uneven_light",
            Class::Jpeg => "jpeg",
            Class::Inverted => "inverted",
            Class::QuietZone => "quiet_zone",
        }
    }
}

/// One test image.
pub struct Sample {
    pub class: Class,
    /// Index into [`payloads`].
    pub payload: usize,
    pub variant: u32,
    pub width: usize,
    pub height: usize,
    /// Grey pixels, row by row, no padding.
    pub pixels: Vec<u8>,
}

impl Sample {
    /// A sample that is not from the set (a real photo), for the engines.
    pub fn gray(width: usize, height: usize, pixels: Vec<u8>) -> Sample {
        Sample {
            class: Class::Clean,
            payload: 0,
            variant: 0,
            width,
            height,
            pixels,
        }
    }

    /// `<class>-<payload>-<variant>`.
    pub fn name(&self) -> String {
        format!("{}-{}-{}", self.class.name(), self.payload, self.variant)
    }
}

/// A reader of the set: a name and what it reads from a sample (every
/// payload it decodes; nothing when it fails).
pub type Engine = (&'static str, fn(&Sample) -> Vec<Vec<u8>>);

/// The Rust readers `qr-read` compares: motcua's, and rqrr and quircs as
/// shipped (their own thresholding, one pass).
pub const ENGINES: [Engine; 4] = [
    ("motcua", read_motcua),
    ("motcua-own", read_motcua_own),
    ("rqrr", read_rqrr),
    ("quircs", read_quircs),
];

/// motcua's reader (`motcua::image::decode_gray`).
pub fn read_motcua(s: &Sample) -> Vec<Vec<u8>> {
    motcua::image::decode_gray(&s.pixels, s.width as u32, s.height as u32, s.width)
        .map(|found| found.into_iter().map(|f| f.into_bytes()).collect())
        .unwrap_or_default()
}

/// motcua's own reader without the quircs passes it falls back to.
pub fn read_motcua_own(s: &Sample) -> Vec<Vec<u8>> {
    motcua::image::decode_gray_without_fallback(&s.pixels, s.width as u32, s.height as u32, s.width)
        .map(|found| found.into_iter().map(|f| f.into_bytes()).collect())
        .unwrap_or_default()
}

/// rqrr 0.11 as shipped.
pub fn read_rqrr(s: &Sample) -> Vec<Vec<u8>> {
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(s.width, s.height, |x, y| s.pixels[y * s.width + x]);
    img.detect_grids()
        .iter()
        .filter_map(|g| {
            let mut out = Vec::new();
            g.decode_to(&mut out).ok().map(|_| out)
        })
        .collect()
}

/// quircs 0.10 as shipped (one global Otsu threshold).
pub fn read_quircs(s: &Sample) -> Vec<Vec<u8>> {
    let mut q = quircs::Quirc::default();
    q.identify(s.width, s.height, &s.pixels)
        .filter_map(|c| c.ok()?.decode().ok().map(|d| d.payload))
        .collect()
}

/// The payloads: the 5 CCCD samples (repaired text, as the card's QR holds
/// it) and the 3 dossier samples (payload URLs).
pub fn payloads() -> Vec<String> {
    let mut out: Vec<String> = cccd::samples()
        .into_iter()
        .filter_map(|(_, p)| cccd::repair(&p).ok().map(|r| r.text().to_string()))
        .collect();
    out.extend(
        dossier::samples()
            .into_iter()
            .filter_map(|(_, r)| dossier::encode(&r, &dossier::EncodeOptions::default()).ok()),
    );
    out
}

/// The whole set: every class × payload × `variants`.
pub fn set(variants: u32) -> Vec<Sample> {
    let payloads = payloads();
    let mut out = Vec::new();
    for class in Class::ALL {
        for (i, p) in payloads.iter().enumerate() {
            for v in 0..variants {
                if let Some(s) = generate(class, i, p, v) {
                    out.push(s);
                }
            }
        }
    }
    out
}

/// xorshift64*: small, fixed, good enough for test images.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [lo, hi).
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64)
    }
    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = self.range(1e-12, 1.0);
        let v = self.range(0.0, 1.0);
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

/// A 3×3 projective map.
#[derive(Clone, Copy)]
pub struct Homography([f64; 9]);

impl Homography {
    /// Maps the unit square's corners (0,0),(1,0),(1,1),(0,1) to `q` (Heckbert).
    pub fn square_to_quad(q: [(f64, f64); 4]) -> Homography {
        let [(x0, y0), (x1, y1), (x2, y2), (x3, y3)] = q;
        let (sx, sy) = (x0 - x1 + x2 - x3, y0 - y1 + y2 - y3);
        let (dx1, dy1, dx2, dy2) = (x1 - x2, y1 - y2, x3 - x2, y3 - y2);
        let den = dx1 * dy2 - dx2 * dy1;
        let g = (sx * dy2 - dx2 * sy) / den;
        let h = (dx1 * sy - sx * dy1) / den;
        Homography([
            x1 - x0 + g * x1,
            x3 - x0 + h * x3,
            x0,
            y1 - y0 + g * y1,
            y3 - y0 + h * y3,
            y0,
            g,
            h,
            1.0,
        ])
    }
    pub fn inverse(self) -> Homography {
        let [a, b, c, d, e, f, g, h, i] = self.0;
        let det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        Homography(
            [
                e * i - f * h,
                c * h - b * i,
                b * f - c * e,
                f * g - d * i,
                a * i - c * g,
                c * d - a * f,
                d * h - e * g,
                b * g - a * h,
                a * e - b * d,
            ]
            .map(|v| v / det),
        )
    }
    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f, g, h, i] = self.0;
        let w = g * x + h * y + i;
        ((a * x + b * y + c) / w, (d * x + e * y + f) / w)
    }
}

const INK: f64 = 0.08;
const PAPER: f64 = 0.93;
const DESK: f64 = 0.6;
const QUIET: usize = 4;

/// Renders payload `index` for `class`, variant `v`. `None` only if the
/// payload does not fit a QR code (it always does).
pub fn generate(class: Class, index: usize, payload: &str, v: u32) -> Option<Sample> {
    let code = qr::encode(payload, &qr::QrOptions::default()).ok()?;
    let mut rng = Rng::new(((class as u64) << 32) ^ ((index as u64) << 16) ^ u64::from(v) ^ 0x51);
    let n = code.size();
    let total = (n + 2 * QUIET) as f64; // modules across, quiet zone included
    let ppm = match class {
        Class::Small => rng.range(2.0, 2.4),
        _ => rng.range(3.5, 4.5),
    };
    let side = total * ppm;
    let angle = match class {
        Class::Rotation => rng.range(0.0, 360.0),
        Class::Small => rng.range(-8.0, 8.0),
        _ => rng.range(-3.0, 3.0),
    }
    .to_radians();
    let margin = 24.0;
    let canvas = (side * 1.42 + 2.0 * margin).ceil() as usize;
    let c = canvas as f64 / 2.0 + rng.range(-6.0, 6.0);
    let (sin, cos) = angle.sin_cos();
    let mut quad = [(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)]
        .map(|(x, y): (f64, f64)| (c + side * (x * cos - y * sin), c + side * (x * sin + y * cos)));
    if class == Class::Perspective {
        for p in &mut quad {
            p.0 += rng.range(-0.22, 0.22) * side;
            p.1 += rng.range(-0.22, 0.22) * side;
        }
    }
    let to_module = Homography::square_to_quad(quad).inverse();
    // Clutter in the quiet zone: dark "words" on the top and left bands,
    // from 1 module off the code outwards.
    let clutter: Vec<(f64, f64, f64, f64)> = if class == Class::QuietZone {
        let mut rects = Vec::new();
        let mut x = -(QUIET as f64);
        while x < n as f64 {
            let len = rng.range(1.5, 5.0);
            rects.push((x, -(QUIET as f64) + 0.6, len, 2.3)); // top band, to 1 module off
            x += len + rng.range(0.6, 1.6);
        }
        let mut y = 0.0;
        while y < n as f64 {
            let len = rng.range(0.8, 1.6);
            rects.push((-(QUIET as f64) + 0.4, y, 2.6, len)); // left band
            y += len + rng.range(0.5, 1.2);
        }
        rects
    } else {
        Vec::new()
    };
    let shade = |mx: f64, my: f64| -> f64 {
        let (fx, fy) = (mx.floor(), my.floor());
        let inside = |v: f64| v >= 0.0 && v < n as f64;
        if inside(fx) && inside(fy) {
            return if code.module(fx as usize, fy as usize) {
                INK
            } else {
                PAPER
            };
        }
        let q = QUIET as f64;
        if mx < -q || my < -q || mx >= n as f64 + q || my >= n as f64 + q {
            return DESK;
        }
        if clutter
            .iter()
            .any(|&(x, y, w, h)| mx >= x && mx < x + w && my >= y && my < y + h)
        {
            return INK;
        }
        PAPER
    };
    // 3×3 supersampling per pixel.
    let mut img = vec![0f64; canvas * canvas];
    for (i, px) in img.iter_mut().enumerate() {
        let (x, y) = ((i % canvas) as f64, (i / canvas) as f64);
        let mut s = 0.0;
        for sy in 0..3 {
            for sx in 0..3 {
                let (u, v) = to_module.apply(x + (sx as f64 + 0.5) / 3.0, y + (sy as f64 + 0.5) / 3.0);
                s += shade(u * total - QUIET as f64, v * total - QUIET as f64);
            }
        }
        *px = s / 9.0;
    }
    match class {
        Class::Blur => gaussian_blur(&mut img, canvas, canvas, rng.range(1.2, 1.8)),
        Class::Noise => {
            let sigma = rng.range(30.0, 45.0) / 255.0;
            for p in &mut img {
                *p += sigma * rng.normal();
            }
        }
        Class::LowContrast => {
            let lo = rng.range(0.3, 0.45);
            let span = rng.range(35.0, 45.0) / 255.0;
            for p in &mut img {
                *p = lo + span * (*p - INK) / (PAPER - INK) + 1.5 / 255.0 * rng.normal();
            }
        }
        Class::UnevenLight => {
            let dir = rng.range(0.0, std::f64::consts::TAU);
            let (dy, dx) = dir.sin_cos();
            let band = rng.range(0.3, 0.7) * canvas as f64;
            for (i, p) in img.iter_mut().enumerate() {
                let (x, y) = ((i % canvas) as f64, (i / canvas) as f64);
                let t = ((x - c) * dx + (y - c) * dy) / canvas as f64 + 0.5; // 0..1 across
                let mut light = 0.25 + 0.75 * t.clamp(0.0, 1.0);
                let across = (x - c) * -dy + (y - c) * dx + canvas as f64 / 2.0;
                if (across - band).abs() < canvas as f64 * 0.08 {
                    light *= 0.55; // a shadow (an arm, a phone)
                }
                *p *= light;
            }
        }
        Class::Inverted => {
            for p in &mut img {
                *p = 1.0 - *p;
            }
        }
        _ => {}
    }
    let mut pixels: Vec<u8> = img
        .iter()
        .map(|&p| (p * 255.0).round().clamp(0.0, 255.0) as u8)
        .collect();
    if class == Class::Jpeg {
        pixels = jpeg_round_trip(&pixels, canvas, canvas, rng.range(12.0, 25.0) as u8)?;
    }
    Some(Sample {
        class,
        payload: index,
        variant: v,
        width: canvas,
        height: canvas,
        pixels,
    })
}

/// Three box blurs ≈ a Gaussian of σ (Wells 1986), horizontal then vertical.
pub fn gaussian_blur(img: &mut [f64], w: usize, h: usize, sigma: f64) {
    // Box width for three passes: σ² = 3·(b² − 1)/12.
    let r = (((4.0 * sigma * sigma + 1.0).sqrt() - 1.0) / 2.0).round().max(1.0) as usize;
    for _ in 0..3 {
        box_1d(img, w, h, r, true);
        box_1d(img, w, h, r, false);
    }
}

fn box_1d(img: &mut [f64], w: usize, h: usize, r: usize, horizontal: bool) {
    let (lines, len) = if horizontal { (h, w) } else { (w, h) };
    let idx = |line: usize, i: usize| if horizontal { line * w + i } else { i * w + line };
    let mut buf = vec![0f64; len];
    for line in 0..lines {
        for (i, b) in buf.iter_mut().enumerate() {
            let (lo, hi) = (i.saturating_sub(r), (i + r).min(len - 1));
            *b = (lo..=hi).map(|j| img[idx(line, j)]).sum::<f64>() / (hi - lo + 1) as f64;
        }
        for (i, b) in buf.iter().enumerate() {
            img[idx(line, i)] = *b;
        }
    }
}

/// Encodes as baseline JPEG at `quality` and decodes again (the `image` crate).
pub fn jpeg_round_trip(px: &[u8], w: usize, h: usize, quality: u8) -> Option<Vec<u8>> {
    use image::codecs::jpeg::JpegEncoder;
    let mut buf = Vec::new();
    JpegEncoder::new_with_quality(&mut buf, quality)
        .encode(px, w as u32, h as u32, image::ExtendedColorType::L8)
        .ok()?;
    let img = image::load_from_memory_with_format(&buf, image::ImageFormat::Jpeg).ok()?;
    Some(img.to_luma8().into_raw())
}
