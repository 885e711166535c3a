//! The fallback after the reader's own passes miss: quircs (a port of
//! quirc, the reader of #8) over four renderings of the image. Measured in
//! #20 to still add reads on real photos (4 of zxing-cpp's 137 samples);
//! behind the `quircs-fallback` feature (on by default, off in the npm
//! package for its size).

use super::prepare::Gray;
use super::{push_new, Charset, Ecc, Error, Found, Point, Scale, SAME};

struct Reader {
    quirc: quircs::Quirc,
    found: Vec<Found>,
    /// The most codes any pass has seen.
    seen: usize,
    /// Passes that saw a code and read none.
    unread_passes: usize,
    /// A code over version 10 was placed and not read.
    large_unread: bool,
}

impl Reader {
    /// One run of the finder over `g`; returns whether it is time to stop.
    fn pass(&mut self, g: &Gray, scale: Scale) -> bool {
        let mut seen = 0;
        let mut read = 0;
        for code in self.quirc.identify(g.w, g.h, &g.px) {
            seen += 1;
            let Ok(code) = code else { continue };
            let Ok(data) = code.decode() else {
                self.large_unread |= code.size > LARGE;
                continue;
            };
            read += 1;
            let corners = code.corners.map(|p| Point {
                x: p.x.saturating_mul(scale.num) / scale.den,
                y: p.y.saturating_mul(scale.num) / scale.den,
            });
            // (The same code again, from an earlier pass, is kept once.)
            push_new(&mut self.found, found(data, corners));
        }
        self.seen = self.seen.max(seen);
        self.unread_passes += usize::from(seen > 0 && read == 0);
        // Stop when this pass read every code it saw (and saw one), and
        // nothing seen by an earlier pass is still missing.
        read > 0 && read == seen && self.found.len() >= self.seen
    }
}

fn found(data: quircs::Data, corners: [Point; 4]) -> Found {
    use quircs::Eci;
    let ecc = match data.ecc_level {
        quircs::EccLevel::L => Ecc::Low,
        quircs::EccLevel::M => Ecc::Medium,
        quircs::EccLevel::Q => Ecc::Quartile,
        quircs::EccLevel::H => Ecc::High,
    };
    let bytes = data.payload;
    let (text, charset) = match data.eci {
        None | Some(Eci::Utf8) => match String::from_utf8(bytes.clone()) {
            Ok(s) => (Some(s), Charset::Utf8),
            Err(_) => (
                None,
                Charset::Unknown {
                    eci: data.eci.map(|e| e as u32),
                },
            ),
        },
        Some(Eci::Iso8859_1) => (Some(bytes.iter().map(|&b| char::from(b)).collect()), Charset::Latin1),
        Some(other) => (
            None,
            Charset::Unknown {
                eci: Some(other as u32),
            },
        ),
    };
    Found {
        bytes,
        text,
        charset,
        corners,
        // quircs checks 1 ≤ version ≤ 40 before decoding.
        version: u8::try_from(data.version).unwrap_or(0),
        ecc,
    }
}

/// One rendering of the image for the finder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    /// As is: quirc's own global (Otsu) threshold.
    Otsu,
    /// 3×3 smoothing first: sensor noise and JPEG blocks.
    Smooth,
    /// Narrow window: shadow edges, heavy blur.
    Narrow,
    /// The negative, global threshold: an evenly lit negative.
    Inverted,
}

/// The quircs passes that still add reads after the reader's own, in
/// order (measured in #20 on the photos, the scenes and the distorted set:
/// the wide mean inverted, sharpened, half and double size added none and
/// were dropped; the wide mean itself added one read, a code the reader's
/// own passes see, and went when the fallback stopped running for those).
/// Otsu first: the cheapest, and it reads the most.
const PASSES: [Pass; 4] = [Pass::Otsu, Pass::Smooth, Pass::Narrow, Pass::Inverted];

/// Renderings that may see a code and read none before the fallback stops.
const MAX_UNREAD_PASSES: usize = 2;

/// quirc places a grid by one alignment pattern and a perspective search
/// (#20): too little for a code over version 10 (this side, in modules).
/// Once it has placed one and not read it, another rendering does not
/// change that; the search costs ~60M instructions per rendering on a
/// version 34 (over the photos, scenes and distorted set of #20 the
/// fallback read sides 25 to 41 only).
const LARGE: i32 = 57;

/// The quircs passes: the earlier reader, kept as the fallback.
pub(super) fn read_quircs(g: Gray) -> Result<Vec<Found>, Error> {
    let mut r = Reader {
        quirc: quircs::Quirc::default(),
        found: Vec::new(),
        seen: 0,
        unread_passes: 0,
        large_unread: false,
    };
    let side = g.w.min(g.h);
    for pass in PASSES {
        let (img, scale) = match pass {
            Pass::Otsu => (None, SAME),
            Pass::Smooth => {
                let smooth = Gray {
                    px: g.box_mean(1),
                    w: g.w,
                    h: g.h,
                };
                // Against the local mean over a window ~1/8 of the image.
                (Some(smooth.binarize(&g.box_mean((side / 16).max(4)), 1, false)), SAME)
            }
            Pass::Narrow => (Some(g.binarize(&g.box_mean((side / 64).max(3)), 1, false)), SAME),
            Pass::Inverted => (Some(g.inverted()), SAME),
        };
        if r.pass(img.as_ref().unwrap_or(&g), scale) {
            break;
        }
        // quircs places the same code in every rendering, and each placing
        // costs its perspective search (2–10 ms): after two renderings that
        // placed one and read none, the others never read it on the photos,
        // scenes or distorted set of #20.
        if r.found.is_empty() && (r.unread_passes >= MAX_UNREAD_PASSES || r.large_unread) {
            break;
        }
    }
    if !r.found.is_empty() {
        Ok(r.found)
    } else if r.seen > 0 {
        Err(Error::Unreadable { found: r.seen })
    } else {
        Err(Error::NotFound)
    }
}
