//! Pixel work before the finder runs: copying out of a strided buffer,
//! grey from RGBA, box means, local-mean binarisation, 2× resampling.
//! Everything works on tightly packed 8-bit grey (`width × height` bytes).

/// A tightly packed 8-bit grey image.
pub(super) struct Gray {
    pub(super) px: Vec<u8>,
    pub(super) w: usize,
    pub(super) h: usize,
}

impl Gray {
    /// Copies the rows of a strided grey buffer (checked by the caller).
    pub(super) fn from_gray(data: &[u8], w: usize, h: usize, stride: usize) -> Gray {
        let mut px = Vec::with_capacity(w * h);
        for y in 0..h {
            if let Some(row) = data.get(y * stride..y * stride + w) {
                px.extend_from_slice(row);
            }
        }
        px.resize(w * h, 255);
        Gray { px, w, h }
    }

    /// Luma (BT.601, integer weights) of RGBA rows, composited over white
    /// so a transparent background reads as paper.
    pub(super) fn from_rgba(data: &[u8], w: usize, h: usize, stride: usize) -> Gray {
        let mut px = Vec::with_capacity(w * h);
        for y in 0..h {
            if let Some(row) = data.get(y * stride..y * stride + 4 * w) {
                px.extend(row.chunks_exact(4).map(|p| match *p {
                    [r, g, b, a] => {
                        let luma = (77 * u32::from(r) + 150 * u32::from(g) + 29 * u32::from(b)) >> 8;
                        let a = u32::from(a);
                        ((luma * a + 255 * (255 - a)) / 255) as u8
                    }
                    _ => 255,
                }));
            }
        }
        px.resize(w * h, 255);
        Gray { px, w, h }
    }

    /// The mean of the `(2r+1)²` box around each pixel (clamped at the
    /// edges), in one pass with a running column sum: O(w·h), O(w) memory.
    pub(super) fn box_mean(&self, r: usize) -> Vec<u8> {
        let (w, h) = (self.w, self.h);
        let mut out = vec![0u8; w * h];
        let mut col = vec![0u32; w];
        let row = |y: usize| self.px.get(y * w..(y + 1) * w).unwrap_or(&[]);
        // Rows 0..=r start the window of row 0.
        for y in 0..=r.min(h - 1) {
            for (c, &p) in col.iter_mut().zip(row(y)) {
                *c += u32::from(p);
            }
        }
        for y in 0..h {
            let top = y.saturating_sub(r);
            let bottom = (y + r).min(h - 1);
            let rows = (bottom - top + 1) as u32;
            // Horizontal running sum over the column sums.
            let mut sum: u32 = col.iter().take(r.min(w - 1) + 1).sum();
            let out_row = out.get_mut(y * w..(y + 1) * w).unwrap_or(&mut []);
            for (x, o) in out_row.iter_mut().enumerate() {
                let left = x.saturating_sub(r);
                let right = (x + r).min(w - 1);
                let n = (right - left + 1) as u32 * rows;
                *o = (sum / n) as u8;
                if x + r + 1 < w {
                    sum += col.get(x + r + 1).copied().unwrap_or(0);
                }
                if x >= r {
                    sum -= col.get(x - r).copied().unwrap_or(0);
                }
            }
            // Slide the window down one row.
            if y + r + 1 < h {
                for (c, &p) in col.iter_mut().zip(row(y + r + 1)) {
                    *c += u32::from(p);
                }
            }
            if y >= r {
                for (c, &p) in col.iter_mut().zip(row(y - r)) {
                    *c -= u32::from(p);
                }
            }
        }
        out
    }

    /// Black (0) where a pixel is darker than its neighbourhood's mean by
    /// more than `bias`, else white (255); `invert` swaps them, for light
    /// codes on a dark ground.
    #[cfg(feature = "quircs-fallback")]
    pub(super) fn binarize(&self, mean: &[u8], bias: u8, invert: bool) -> Gray {
        let px = self
            .px
            .iter()
            .zip(mean)
            .map(|(&p, &m)| {
                let dark = if invert {
                    p > m.saturating_add(bias)
                } else {
                    u16::from(p) + u16::from(bias) < u16::from(m)
                };
                if dark {
                    0
                } else {
                    255
                }
            })
            .collect();
        Gray {
            px,
            w: self.w,
            h: self.h,
        }
    }

    /// The negative.
    #[cfg(feature = "quircs-fallback")]
    pub(super) fn inverted(&self) -> Gray {
        Gray {
            px: self.px.iter().map(|&p| 255 - p).collect(),
            w: self.w,
            h: self.h,
        }
    }

    /// Half size, each pixel the mean of a 2×2 block.
    pub(super) fn half(&self) -> Gray {
        let (w, h) = (self.w / 2, self.h / 2);
        let mut px = Vec::with_capacity(w * h);
        let at = |x: usize, y: usize| u16::from(self.px.get(y * self.w + x).copied().unwrap_or(255));
        for y in 0..h {
            for x in 0..w {
                let s = at(2 * x, 2 * y) + at(2 * x + 1, 2 * y) + at(2 * x, 2 * y + 1) + at(2 * x + 1, 2 * y + 1);
                px.push((s / 4) as u8);
            }
        }
        Gray { px, w, h }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_mean(g: &Gray, r: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for y in 0..g.h {
            for x in 0..g.w {
                let (mut s, mut n) = (0u32, 0u32);
                for yy in y.saturating_sub(r)..=(y + r).min(g.h - 1) {
                    for xx in x.saturating_sub(r)..=(x + r).min(g.w - 1) {
                        s += u32::from(g.px[yy * g.w + xx]);
                        n += 1;
                    }
                }
                out.push((s / n) as u8);
            }
        }
        out
    }

    #[test]
    fn box_mean_equals_the_naive_sum() {
        let mut seed = 7u32;
        for (w, h, r) in [(1, 1, 0), (1, 1, 3), (5, 3, 1), (13, 9, 2), (9, 17, 8), (30, 20, 40)] {
            let px = (0..w * h)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (seed >> 16) as u8
                })
                .collect();
            let g = Gray { px, w, h };
            assert_eq!(g.box_mean(r), naive_mean(&g, r), "{w}×{h} r={r}");
        }
    }

    #[test]
    fn resampling_keeps_flat_images_flat_and_sizes_right() {
        let g = Gray {
            px: vec![90; 7 * 5],
            w: 7,
            h: 5,
        };
        let half = g.half();
        assert_eq!((half.w, half.h), (3, 2));
        assert!(half.px.iter().all(|&p| p == 90));
    }

    #[test]
    fn rgba_over_white() {
        let g = Gray::from_rgba(&[0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 128], 4, 1, 16);
        assert_eq!(g.px, [0, 255, 255, 127]);
    }
}
