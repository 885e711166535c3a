//! Binarisation: grey pixels to dark/light.
//!
//! [`local`] is the reader's main one: the threshold of each 8×8 block is
//! the mean of the block averages around it (5×5 blocks, 40×40 pixels), so
//! uneven light, shadows and glare move the threshold with them; a block
//! with almost no contrast (inside a module, or blank paper) borrows its
//! neighbours' level instead of thresholding its noise. [`global`] is
//! Otsu's single threshold, for evenly lit images where a local one breaks
//! large modules apart.

use super::prepare::Gray;

/// A dark/light image: `1` = dark.
pub(super) struct Bits {
    pub(super) w: usize,
    pub(super) h: usize,
    px: Vec<u8>,
}

impl Bits {
    /// Whether (x, y) is dark; outside the image counts as light.
    #[inline]
    pub(super) fn get(&self, x: i32, y: i32) -> bool {
        if x < 0 || y < 0 {
            return false;
        }
        let (x, y) = (x as usize, y as usize);
        x < self.w && self.px.get(y * self.w + x).is_some_and(|&b| b != 0)
    }

    /// Row `y` (empty outside the image).
    pub(super) fn row(&self, y: usize) -> &[u8] {
        self.px.get(y * self.w..(y + 1) * self.w).unwrap_or(&[])
    }

    /// The share of pixels unlike both their left and right neighbours:
    /// sensor noise (or JPEG speckle) breaks runs into single pixels, which
    /// a code's modules of 2 pixels and more never are.
    pub(super) fn speckle(&self) -> f32 {
        let mut n = 0usize;
        for y in (0..self.h).step_by(2) {
            let row = self.row(y);
            let (Some(a), Some(b), Some(c)) = (row.get(..row.len().saturating_sub(2)), row.get(1..), row.get(2..))
            else {
                continue;
            };
            // Pixels are 0 or 1: unlike both neighbours is (a ^ b) & (b ^ c)
            // (a form that vectorises; the count fits a u32 per row).
            n += a
                .iter()
                .zip(b)
                .zip(c)
                .map(|((a, b), c)| u32::from((a ^ b) & (b ^ c)))
                .sum::<u32>() as usize;
        }
        n as f32 / (self.w * self.h.div_ceil(2)).max(1) as f32
    }

    /// The bounding box of the dark pixels, `(left, top, right, bottom)`
    /// inclusive, if there are any: one pass that ORs the rows together
    /// (it vectorises; most of a photo's rows start and end in paper).
    pub(super) fn dark_box(&self) -> Option<(usize, usize, usize, usize)> {
        if cfg!(target_arch = "wasm32") {
            self.dark_box_row_by_row()
        } else {
            self.dark_box_or_rows()
        }
    }

    /// [`Bits::dark_box`] for the .wasm (built without SIMD: row by row is
    /// as fast there, and smaller).
    fn dark_box_row_by_row(&self) -> Option<(usize, usize, usize, usize)> {
        let mut b: Option<(usize, usize, usize, usize)> = None;
        for y in 0..self.h {
            let row = self.row(y);
            if let Some(first) = row.iter().position(|&v| v != 0) {
                let last = row.iter().rposition(|&v| v != 0).unwrap_or(first);
                let (l, t, r, _) = b.unwrap_or((first, y, last, y));
                b = Some((l.min(first), t, r.max(last), y));
            }
        }
        b
    }

    /// [`Bits::dark_box`] by ORing the rows together (vectorised).
    fn dark_box_or_rows(&self) -> Option<(usize, usize, usize, usize)> {
        let mut columns = vec![0u8; self.w];
        let (mut top, mut bottom) = (None, 0);
        for y in 0..self.h {
            let mut any = 0u8;
            for (c, &v) in columns.iter_mut().zip(self.row(y)) {
                *c |= v;
                any |= v;
            }
            if any != 0 {
                top = top.or(Some(y));
                bottom = y;
            }
        }
        let left = columns.iter().position(|&c| c != 0)?;
        let right = columns.iter().rposition(|&c| c != 0).unwrap_or(left);
        Some((left, top?, right, bottom))
    }

    /// Dark and light swapped: light codes on dark ground.
    pub(super) fn inverted(&self) -> Bits {
        Bits {
            w: self.w,
            h: self.h,
            px: self.px.iter().map(|&b| b ^ 1).collect(),
        }
    }
}

const BLOCK: usize = 8;

/// The width of block column `bx` of an image `w` pixels wide.
fn block_width(bx: usize, w: usize) -> usize {
    ((bx + 1) * BLOCK).min(w) - bx * BLOCK
}

/// Stores block (bx, by)'s level from its pixels' min, max, sum and count:
/// the mean, or for a flat block (spread ≤ `MIN_RANGE`) its neighbours'
/// level when they are lighter than it (light paper unless they say
/// otherwise). Blocks are set in raster order: the neighbours above and
/// to the left are known.
fn set_level(level: &mut [u8], bw: usize, (bx, by): (usize, usize), (lo, hi, sum, n): (u8, u8, u32, u32)) {
    let flat = hi - lo <= MIN_RANGE;
    let mut avg = if flat { lo / 2 } else { (sum / n.max(1)) as u8 };
    if flat && bx > 0 && by > 0 {
        let at = |x: usize, y: usize| u32::from(level.get(y * bw + x).copied().unwrap_or(0));
        let neighbours = (at(bx, by - 1) + 2 * at(bx - 1, by) + at(bx - 1, by - 1)) / 4;
        if u32::from(lo) < neighbours {
            avg = neighbours as u8;
        }
    }
    if let Some(v) = level.get_mut(by * bw + bx) {
        *v = avg;
    }
}

/// The thresholds of block row `by`: each block's the mean level of the
/// 5×5 blocks around it (moved inside at the image's edges). Five rows'
/// sums per column, then five columns per block: 10 adds a block, not 25
/// (this was half of the binarisation's time, #20).
fn thresholds(level: &[u8], (bw, bh): (usize, usize), by: usize, out: &mut Vec<u8>) {
    let cy = by.clamp(2, bh - 3);
    let mut cols = vec![0u32; bw];
    for yy in cy - 2..=cy + 2 {
        for (c, v) in cols.iter_mut().zip(level.get(yy * bw..(yy + 1) * bw).unwrap_or(&[])) {
            *c += u32::from(*v);
        }
    }
    out.clear();
    out.extend((0..bw).map(|bx| {
        let cx = bx.clamp(2, bw - 3);
        let sum: u32 = cols.get(cx - 2..cx + 3).unwrap_or(&[]).iter().sum();
        (sum / 25) as u8
    }));
}

/// Blocks whose min–max spread is below this are "flat".
const MIN_RANGE: u8 = 24;

/// Local-threshold binarisation (see the module docs). Images smaller than
/// 5 blocks a side fall back to [`global`].
pub(super) fn local(g: &Gray) -> Bits {
    let (w, h) = (g.w, g.h);
    let (bw, bh) = (w.div_ceil(BLOCK), h.div_ceil(BLOCK));
    if bw < 5 || bh < 5 {
        return global(g);
    }
    if cfg!(target_arch = "wasm32") {
        by_blocks(g, bw, bh)
    } else {
        by_rows(g, bw, bh)
    }
}

/// [`local`] row by row: min, max and sum down whole rows, then across each
/// block; each row thresholded against a per-column copy of its blocks'
/// thresholds. Those loops vectorise (SSE2, NEON).
fn by_rows(g: &Gray, bw: usize, bh: usize) -> Bits {
    let (w, h) = (g.w, g.h);
    // Each block's level: its mean, or for a flat block an estimate from
    // its neighbours (light paper unless they say otherwise). Per row of
    // blocks: the min, max and sum down each pixel column (whole rows at a
    // time, which vectorise), then across each block's 8 columns.
    let mut level = vec![0u8; bw * bh];
    let (mut lo, mut hi, mut sum) = (vec![255u8; w], vec![0u8; w], vec![0u16; w]);
    for by in 0..bh {
        let (y0, y1) = (by * BLOCK, ((by + 1) * BLOCK).min(h));
        lo.fill(255);
        hi.fill(0);
        sum.fill(0);
        for y in y0..y1 {
            let row = g.px.get(y * w..(y + 1) * w).unwrap_or(&[]);
            for (((&p, l), hh), s) in row.iter().zip(&mut lo).zip(&mut hi).zip(&mut sum) {
                *l = (*l).min(p);
                *hh = (*hh).max(p);
                // At most 8 rows of 255: fits.
                *s += u16::from(p);
            }
        }
        let blocks = lo.chunks(BLOCK).zip(hi.chunks(BLOCK)).zip(sum.chunks(BLOCK));
        for (bx, ((l, hh), s)) in blocks.enumerate() {
            let l = l.iter().fold(255u8, |a, &p| a.min(p));
            let hh = hh.iter().fold(0u8, |a, &p| a.max(p));
            let s: u32 = s.iter().map(|&v| u32::from(v)).sum();
            let n = (block_width(bx, w) * (y1 - y0)) as u32;
            set_level(&mut level, bw, (bx, by), (l, hh, s, n));
        }
    }
    // The threshold of a block: the mean level of the 5×5 blocks around it,
    // spread over its pixel columns so that each row is one comparison.
    let mut px = vec![0u8; w * h];
    let mut t = vec![0u8; w];
    let mut row_t = Vec::with_capacity(bw);
    for by in 0..bh {
        thresholds(&level, (bw, bh), by, &mut row_t);
        for (t, &v) in t.chunks_mut(BLOCK).zip(&row_t) {
            t.fill(v);
        }
        for y in by * BLOCK..((by + 1) * BLOCK).min(h) {
            let src = g.px.get(y * w..(y + 1) * w).unwrap_or(&[]);
            let dst = px.get_mut(y * w..(y + 1) * w).unwrap_or(&mut []);
            for ((d, &s), &t) in dst.iter_mut().zip(src).zip(&t) {
                *d = u8::from(s <= t);
            }
        }
    }
    Bits { w, h, px }
}

/// [`local`] block by block: the same bits as [`by_rows`] in less code, for
/// the .wasm, which is built without SIMD and pays for code size.
fn by_blocks(g: &Gray, bw: usize, bh: usize) -> Bits {
    let (w, h) = (g.w, g.h);
    // Each block's level: its mean, or for a flat block an estimate from
    // its neighbours (light paper unless they say otherwise).
    let mut level = vec![0u8; bw * bh];
    for by in 0..bh {
        for bx in 0..bw {
            let (x0, y0) = (bx * BLOCK, by * BLOCK);
            let (x1, y1) = ((x0 + BLOCK).min(w), (y0 + BLOCK).min(h));
            let (mut lo, mut hi, mut sum) = (255u8, 0u8, 0u32);
            for y in y0..y1 {
                for &p in g.px.get(y * w + x0..y * w + x1).unwrap_or(&[]) {
                    lo = lo.min(p);
                    hi = hi.max(p);
                    sum += u32::from(p);
                }
            }
            let n = ((x1 - x0) * (y1 - y0)) as u32;
            set_level(&mut level, bw, (bx, by), (lo, hi, sum, n));
        }
    }
    // The threshold of a block: the mean level of the 5×5 blocks around it.
    let mut px = vec![0u8; w * h];
    let mut row_t = Vec::with_capacity(bw);
    for by in 0..bh {
        thresholds(&level, (bw, bh), by, &mut row_t);
        for bx in 0..bw {
            let t = row_t.get(bx).copied().unwrap_or(0);
            let (x0, y0) = (bx * BLOCK, by * BLOCK);
            let (x1, y1) = ((x0 + BLOCK).min(w), (y0 + BLOCK).min(h));
            for y in y0..y1 {
                let src = g.px.get(y * w + x0..y * w + x1).unwrap_or(&[]);
                let dst = px.get_mut(y * w + x0..y * w + x1).unwrap_or(&mut []);
                for (d, &s) in dst.iter_mut().zip(src) {
                    *d = u8::from(s <= t);
                }
            }
        }
    }
    Bits { w, h, px }
}

/// Otsu's threshold over the whole image.
pub(super) fn global(g: &Gray) -> Bits {
    let mut hist = [0u64; 256];
    for &p in &g.px {
        if let Some(c) = hist.get_mut(usize::from(p)) {
            *c += 1;
        }
    }
    let total: u64 = hist.iter().sum();
    let sum_all: f64 = hist.iter().enumerate().map(|(i, &c)| i as f64 * c as f64).sum();
    let (mut best, mut best_t) = (-1.0f64, 127u8);
    let (mut w0, mut sum0) = (0u64, 0f64);
    for (t, &c) in hist.iter().enumerate() {
        w0 += c;
        sum0 += t as f64 * c as f64;
        let w1 = total - w0;
        if w0 == 0 || w1 == 0 {
            continue;
        }
        let (m0, m1) = (sum0 / w0 as f64, (sum_all - sum0) / w1 as f64);
        let between = w0 as f64 * w1 as f64 * (m0 - m1) * (m0 - m1);
        if between > best {
            best = between;
            best_t = t as u8;
        }
    }
    Bits {
        w: g.w,
        h: g.h,
        px: g.px.iter().map(|&p| u8::from(p <= best_t)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gray(w: usize, h: usize, mut f: impl FnMut(usize, usize) -> u8) -> Gray {
        let mut px = Vec::with_capacity(w * h);
        for y in 0..h {
            for x in 0..w {
                px.push(f(x, y));
            }
        }
        Gray { px, w, h }
    }

    #[test]
    fn local_threshold_follows_uneven_light() {
        // A checkerboard of 6-pixel squares under a left-to-right ramp of
        // light: dark squares on the bright side are lighter than light
        // squares on the dark side, so no single threshold works.
        let g = gray(240, 120, |x, y| {
            let dark = (x / 6 + y / 6) % 2 == 0;
            let light = 40 + (x * 200 / 240) as u32;
            (if dark { light * 2 / 5 } else { light }) as u8
        });
        let b = local(&g);
        let mut wrong = 0;
        for y in 0..120 {
            for x in 0..240 {
                let dark = (x / 6 + y / 6) % 2 == 0;
                wrong += usize::from(b.get(x, y) != dark);
            }
        }
        assert!(wrong < 240 * 120 / 100, "{wrong} pixels wrong");
        assert!(!b.get(-1, 0) && !b.get(0, 1000));
        let inv = b.inverted();
        assert_eq!(inv.get(0, 0), !b.get(0, 0));
    }

    #[test]
    fn global_threshold_splits_two_levels_and_tiny_images_use_it() {
        let g = gray(30, 30, |x, _| if x < 15 { 30 } else { 220 });
        for b in [global(&g), local(&g)] {
            assert!(b.get(0, 0) && b.get(14, 29) && !b.get(15, 0) && !b.get(29, 29));
        }
    }

    #[test]
    fn both_local_binarisations_give_the_same_bits() {
        for (w, h) in [(40usize, 40usize), (41, 67), (500, 333), (123, 45), (64, 64)] {
            for seed in 1..4u32 {
                let mut s = seed;
                let g = gray(w, h, |x, y| {
                    s ^= s << 13;
                    s ^= s >> 17;
                    s ^= s << 5;
                    match seed {
                        1 => (s >> 24) as u8,
                        // Flat blocks (paper) next to a soft pattern.
                        2 if (x / 7) % 3 == 0 => 200,
                        2 => 190 + (s >> 29) as u8,
                        _ => (40 + (x + y) % 180 + (x / 5 + y / 5) % 2 * 30) as u8,
                    }
                });
                let (bw, bh) = (w.div_ceil(BLOCK), h.div_ceil(BLOCK));
                assert_eq!(by_rows(&g, bw, bh).px, by_blocks(&g, bw, bh).px, "{w}x{h} {seed}");
            }
        }
    }

    #[test]
    fn dark_box_and_speckle_agree_with_a_pixel_by_pixel_scan() {
        // Widths around the vector steps, dark anywhere.
        for w in [21usize, 31, 32, 33, 47, 64, 100] {
            let g = gray(w, 2 * w, |x, y| {
                if (x * 7 + y * 13) % (y % 9 + 2) == 0 && x % (y + 1) == 0 && y > 2 {
                    0
                } else {
                    255
                }
            });
            let b = global(&g);
            let dark: Vec<(usize, usize)> = (0..b.h)
                .flat_map(|y| (0..b.w).map(move |x| (x, y)))
                .filter(|&(x, y)| b.get(x as i32, y as i32))
                .collect();
            let want = (!dark.is_empty()).then(|| {
                (
                    dark.iter().map(|p| p.0).min().unwrap_or(0),
                    dark.iter().map(|p| p.1).min().unwrap_or(0),
                    dark.iter().map(|p| p.0).max().unwrap_or(0),
                    dark.iter().map(|p| p.1).max().unwrap_or(0),
                )
            });
            assert_eq!(b.dark_box_or_rows(), want, "width {w}");
            assert_eq!(b.dark_box_row_by_row(), want, "width {w}");
            let mut n = 0usize;
            for y in (0..b.h).step_by(2) {
                n += b.row(y).windows(3).filter(|t| t[0] != t[1] && t[1] != t[2]).count();
            }
            assert_eq!(b.speckle(), n as f32 / (b.w * b.h.div_ceil(2)) as f32);
        }
        let blank = global(&gray(40, 40, |_, _| 255));
        assert_eq!((blank.dark_box_or_rows(), blank.dark_box_row_by_row()), (None, None));
    }
}
