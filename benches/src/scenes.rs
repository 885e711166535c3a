//! Generated photo-like scenes for what the distorted set and the real
//! photos in `../shared/qr-photos` lack (issue #20): several codes on one
//! page, a sheet of 60 small codes, high versions at 3 px/module, a code on
//! a screen (moiré), a code curved round a cylinder, a bright spot and a
//! hard shadow. Reproducible: every image follows from (kind, variant).
//!
//! A scene is a page (paper, codes with their quiet zones) seen through a
//! camera: a projective map, optionally a cylinder, then light, sensor and
//! screen effects, supersampled 3×3.

use motcua::qr;

use crate::qrset::Rng;

/// A kind of generated scene (one row of the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A photographed A4 poster page: 9 codes (3 × 3) with captions, at a slant.
    Poster9,
    /// A sheet of 60 small codes (6 × 10), about 3 px/module.
    Sheet60,
    /// One code of version 20–40 at about 3 px/module.
    HighVersion,
    /// A code shown on a screen: the pixel grid beats with the camera's (moiré).
    Screen,
    /// A code printed on a can or a rolled-up paper: curved round a cylinder.
    Cylinder,
    /// A glossy print under a lamp: a bright spot over part of the code.
    BrightSpot,
    /// A hard shadow across the code (a hand, a phone).
    StrongShadow,
}

impl Kind {
    /// Every kind, in table order.
    pub const ALL: [Kind; 7] = [
        Kind::Poster9,
        Kind::Sheet60,
        Kind::HighVersion,
        Kind::Screen,
        Kind::Cylinder,
        Kind::BrightSpot,
        Kind::StrongShadow,
    ];

    /// Snake-case name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Poster9 => "poster_9",
            Kind::Sheet60 => "sheet_60",
            Kind::HighVersion => "high_version",
            Kind::Screen => "screen",
            Kind::Cylinder => "cylinder",
            Kind::BrightSpot => "bright_spot",
            Kind::StrongShadow => "strong_shadow",
        }
    }
}

/// One generated image and the payloads of the codes in it.
pub struct Scene {
    pub kind: Kind,
    pub variant: u32,
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
    pub expected: Vec<String>,
}

impl Scene {
    /// `<kind>-<variant>`.
    pub fn name(&self) -> String {
        format!("{}-{}", self.kind.name(), self.variant)
    }
}

/// A code placed on the page: its modules and where its top-left module
/// corner is, in page units (1 unit = 1 module of this code × `scale`).
struct Placed {
    size: usize,
    modules: Vec<bool>,
    x: f64,
    y: f64,
    /// Page units per module.
    scale: f64,
}

/// A procedure URL of the kind posters carry, distinct per `i`.
fn poster_url(i: usize, v: u32) -> String {
    format!(
        "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.{:06}&v={v}",
        1000 + i * 37
    )
}

fn place(text: &str, opts: &qr::QrOptions, x: f64, y: f64, scale: f64) -> Option<Placed> {
    let code = qr::encode(text, opts).ok()?;
    let n = code.size();
    let mut modules = Vec::with_capacity(n * n);
    for yy in 0..n {
        for xx in 0..n {
            modules.push(code.module(xx, yy));
        }
    }
    Some(Placed {
        size: n,
        modules,
        x,
        y,
        scale,
    })
}

/// Generates scene `kind`, variant `v`.
pub fn scene(kind: Kind, v: u32) -> Option<Scene> {
    let mut rng = Rng::new(0x5CE0_0000 ^ ((kind as u64) << 20) ^ u64::from(v));
    let opts = qr::QrOptions::default();
    let mut codes = Vec::new();
    let mut expected = Vec::new();
    // The page, in page units.
    let (page_w, page_h);
    let mut captions: Vec<(f64, f64, f64, f64)> = Vec::new();
    match kind {
        Kind::Poster9 => {
            (page_w, page_h) = (210.0, 297.0);
            for i in 0..9 {
                let (cx, cy) = (18.0 + (i % 3) as f64 * 62.0, 40.0 + (i / 3) as f64 * 80.0);
                let text = poster_url(i, v);
                let p = place(&text, &opts, cx, cy, 1.1)?;
                let side = p.size as f64 * p.scale;
                captions.push((cx, cy + side + 4.0, side, 3.0));
                codes.push(p);
                expected.push(text);
            }
            captions.push((20.0, 12.0, 170.0, 8.0)); // the title
        }
        Kind::Sheet60 => {
            (page_w, page_h) = (200.0, 330.0);
            for i in 0..60 {
                let (cx, cy) = (6.0 + (i % 6) as f64 * 32.5, 6.0 + (i / 6) as f64 * 32.5);
                let text = format!("MOTCUA-{v}-{i:02}-{}", 100 + i * 7);
                let p = place(&text, &opts, cx, cy, 1.0)?;
                codes.push(p);
                expected.push(text);
            }
        }
        Kind::HighVersion => {
            let version = 20 + (v * 7) % 21; // 20..40
            let o = qr::QrOptions {
                min_version: version as u8,
                max_version: version as u8,
                ..qr::QrOptions::default()
            };
            let len = 200 + (version as usize - 20) * 60;
            let text: String = (0..len)
                .map(|_| char::from(b'a' + (rng.next_u64() % 26) as u8))
                .collect();
            let p = place(&text, &o, 8.0, 8.0, 1.0)?;
            (page_w, page_h) = (p.size as f64 + 16.0, p.size as f64 + 16.0);
            codes.push(p);
            expected.push(text);
        }
        _ => {
            let text = poster_url(v as usize, v);
            let p = place(&text, &opts, 8.0, 8.0, 1.0)?;
            (page_w, page_h) = (p.size as f64 + 16.0, p.size as f64 + 16.0);
            codes.push(p);
            expected.push(text);
        }
    }
    // Pixels per page unit: about 3 px/module for the small-code scenes,
    // 4 for the others.
    let ppu = match kind {
        Kind::Sheet60 => rng.range(2.7, 3.2),
        Kind::HighVersion => rng.range(2.9, 3.3),
        Kind::Poster9 => rng.range(3.2, 3.8),
        _ => rng.range(3.5, 4.5),
    };
    let margin = 30.0;
    let (w, h) = (
        (page_w * ppu + 2.0 * margin) as usize,
        (page_h * ppu + 2.0 * margin) as usize,
    );
    // The camera: the page's corners in the image.
    let slant = match kind {
        Kind::Poster9 => 0.07,
        Kind::Sheet60 | Kind::HighVersion => 0.02,
        _ => 0.04,
    };
    let angle = rng.range(-4.0, 4.0).to_radians();
    let (sin, cos) = angle.sin_cos();
    let (cx, cy) = (w as f64 / 2.0, h as f64 / 2.0);
    let corner = |px: f64, py: f64, rng: &mut Rng| {
        let (dx, dy) = ((px - 0.5) * page_w * ppu, (py - 0.5) * page_h * ppu);
        let (x, y) = (cx + dx * cos - dy * sin, cy + dx * sin + dy * cos);
        let j = slant * page_w.max(page_h) * ppu;
        (x + rng.range(-j, j), y + rng.range(-j, j))
    };
    let quad = [
        corner(0.0, 0.0, &mut rng),
        corner(1.0, 0.0, &mut rng),
        corner(1.0, 1.0, &mut rng),
        corner(0.0, 1.0, &mut rng),
    ];
    let to_page = crate::qrset::Homography::square_to_quad(quad).inverse();
    let curve = rng.range(0.4, 0.6); // cylinder: the fraction of a half turn the page spans
    let ink = |u: f64, vv: f64| -> f64 {
        // u, v in page units.
        if u < 0.0 || vv < 0.0 || u >= page_w || vv >= page_h {
            return 0.55; // the desk
        }
        for c in &codes {
            let (mx, my) = ((u - c.x) / c.scale, (vv - c.y) / c.scale);
            if mx >= 0.0 && my >= 0.0 && (mx as usize) < c.size && (my as usize) < c.size {
                return if c
                    .modules
                    .get(my as usize * c.size + mx as usize)
                    .copied()
                    .unwrap_or(false)
                {
                    0.08
                } else {
                    0.92
                };
            }
        }
        if captions
            .iter()
            .any(|&(x, y, cw, ch)| u >= x && u < x + cw && vv >= y && vv < y + ch && ((u - x) * 1.7).fract() < 0.6)
        {
            return 0.15; // caption "text"
        }
        0.92
    };
    let mut img = vec![0f64; w * h];
    for (i, px) in img.iter_mut().enumerate() {
        let (x, y) = ((i % w) as f64, (i / w) as f64);
        let mut s = 0.0;
        for sy in 0..3 {
            for sx in 0..3 {
                let (mut xx, yy) = (x + (f64::from(sx) + 0.5) / 3.0, y + (f64::from(sy) + 0.5) / 3.0);
                if kind == Kind::Cylinder {
                    // The page wraps round a vertical cylinder facing the
                    // camera: an arc of length a from the middle is seen
                    // R·sin(a/R) from it, so the sides are squeezed.
                    let r = page_w * ppu / 2.0 / (curve * std::f64::consts::FRAC_PI_2);
                    let t = (xx - cx) / r;
                    if t.abs() >= 1.0 {
                        s += 0.55;
                        continue;
                    }
                    xx = cx + r * t.asin();
                }
                let (u, vv) = to_page.apply(xx, yy);
                s += ink(u * page_w, vv * page_h);
            }
        }
        *px = s / 9.0;
    }
    match kind {
        Kind::Screen => {
            // The screen's pixel grid (period ~1.3 camera pixels, turned a
            // little) beats with the sensor's, and the screen is dim.
            let (p, a) = (rng.range(1.2, 1.45), rng.range(0.05, 0.2));
            for (i, px) in img.iter_mut().enumerate() {
                let (x, y) = ((i % w) as f64, (i / w) as f64);
                let (xr, yr) = (x * a.cos() + y * a.sin(), -x * a.sin() + y * a.cos());
                let grid =
                    ((xr / p * std::f64::consts::TAU).cos() * (yr / p * std::f64::consts::TAU).cos()) * 0.5 + 0.5;
                *px = 0.1 + (*px * 0.75) * (0.7 + 0.3 * grid);
            }
            crate::qrset::gaussian_blur(&mut img, w, h, 0.7);
        }
        Kind::BrightSpot => {
            // A specular spot: light added up to white, radius 25–40% of
            // the code, somewhere over it.
            let (sx, sy) = (
                cx + rng.range(-0.2, 0.2) * w as f64,
                cy + rng.range(-0.2, 0.2) * h as f64,
            );
            let r = rng.range(0.25, 0.4) * w.min(h) as f64;
            for (i, px) in img.iter_mut().enumerate() {
                let (x, y) = ((i % w) as f64, (i / w) as f64);
                let d = ((x - sx).powi(2) + (y - sy).powi(2)).sqrt() / r;
                *px = (*px + 0.85 * (-d * d * 2.0).exp()).min(1.0);
            }
        }
        Kind::StrongShadow => {
            // A hard-edged shadow over part of the code, light cut to a
            // quarter, with a soft rim.
            let dir = rng.range(0.0, std::f64::consts::TAU);
            let (dy, dx) = dir.sin_cos();
            let off = rng.range(-0.15, 0.15) * w as f64;
            for (i, px) in img.iter_mut().enumerate() {
                let (x, y) = ((i % w) as f64, (i / w) as f64);
                let d = (x - cx) * dx + (y - cy) * dy - off;
                let t = (d / 3.0).clamp(-1.0, 1.0) * 0.5 + 0.5;
                *px *= 0.25 + 0.75 * t;
            }
        }
        _ => {}
    }
    // Sensor noise, mild.
    for p in &mut img {
        *p += 3.0 / 255.0 * rng.normal();
    }
    let pixels = img
        .iter()
        .map(|&p| (p * 255.0).round().clamp(0.0, 255.0) as u8)
        .collect();
    Some(Scene {
        kind,
        variant: v,
        width: w,
        height: h,
        pixels,
        expected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue #20: every generated kind round-trips through motcua's reader:
    /// every code of the scene read, with its exact payload (two variants
    /// each; `scripts/bench-image` measures four and more).
    #[test]
    fn every_kind_round_trips() {
        for kind in Kind::ALL {
            for v in 0..2 {
                let sc = scene(kind, v).expect("the scene renders");
                let found = motcua::image::decode_gray(&sc.pixels, sc.width as u32, sc.height as u32, sc.width)
                    .unwrap_or_else(|e| panic!("{}: {e:?}", sc.name()));
                let got: Vec<&[u8]> = found.iter().map(|f| f.bytes()).collect();
                let missing: Vec<&String> = sc.expected.iter().filter(|e| !got.contains(&e.as_bytes())).collect();
                assert!(
                    missing.is_empty(),
                    "{}: {} of {} unread",
                    sc.name(),
                    missing.len(),
                    sc.expected.len()
                );
                assert_eq!(found.len(), sc.expected.len(), "{}: no extra codes", sc.name());
            }
        }
    }
}
