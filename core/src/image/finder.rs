//! Finder patterns (the three 7×7 squares) by run lengths: every row (or
//! every `step`-th) is cut into dark and light runs, and five runs in the ratio 1:1:3:1:1 make a
//! candidate, confirmed along the column and both diagonals through its
//! centre and re-centred on the crossing. Each confirmed pattern gets its
//! centre, its module size and how many rows saw it.

use super::bits::Bits;
use super::geometry::P;

/// A confirmed finder pattern.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Finder {
    /// Centre, in pixels.
    pub(super) c: P,
    /// Module size, in pixels (the pattern is 7 modules across).
    pub(super) module: f32,
    /// Rows that saw it, each scanned row counting for the `step` rows it
    /// stands for (see [`find`]).
    pub(super) hits: u32,
}

impl Finder {
    /// Seen by fewer rows than its size implies. A finder's centre square
    /// is 3 modules tall, and every row through it that passes the checks
    /// counts: real patterns in photos and the distorted set show 1.5 to
    /// 3 rows per module of size (99% of them); look-alikes in noise and in
    /// dense codes' data mostly fewer (83%).
    pub(super) fn is_weak(&self) -> bool {
        (self.hits as f32) < 1.5 * self.module - 0.5
    }
}

/// Whether five runs (dark, light, dark, light, dark) are a 1:1:3:1:1
/// finder cut; the module size when they are. The outer runs may be longer
/// than a module (a code without its quiet zone on dark ground), so the
/// size comes from the inner three.
pub(super) fn finder_ratio(r: [u32; 5]) -> Option<f32> {
    let [r0, r1, r2, r3, r4] = r.map(|v| v as f32);
    let u = (r1 + r2 + r3) / 5.0;
    if u < 0.6 {
        return None;
    }
    let near = |v: f32, want: f32, tol: f32| (v - want).abs() <= want * tol + 0.5;
    (near(r1, u, 0.6)
        && near(r3, u, 0.6)
        && near(r2, 3.0 * u, 0.4)
        && r2 >= 1.3 * r1.max(r3)
        && r0 >= 0.4 * u
        && r4 >= 0.4 * u
        && r0 <= 3.0 * u + 1.0
        && r4 <= 3.0 * u + 1.0)
        .then_some(u)
}

/// The five runs through (x, y) along `(dx, dy)`, the centre run holding
/// (x, y): how far each extends, at most `max` pixels per side. `None`
/// when (x, y) is light or a run does not end in time.
fn runs_through(b: &Bits, x: i32, y: i32, dx: i32, dy: i32, max: i32) -> Option<([u32; 5], f32)> {
    if !b.get(x, y) {
        return None;
    }
    // Walk one way: the rest of the centre run, then light, then dark,
    // until the outer dark run ends (or the image does, inside it).
    let walk = |sx: i32, sy: i32| -> Option<(u32, u32, u32)> {
        let mut c = [0u32; 3];
        let mut state = 0usize;
        let (mut px, mut py) = (x, y);
        for _ in 0..max {
            px += sx;
            py += sy;
            let inside = px >= 0 && py >= 0 && (px as usize) < b.w && (py as usize) < b.h;
            if !inside {
                return (state == 2).then_some((c[0], c[1], c[2]));
            }
            let dark = b.get(px, py);
            state = match (state, dark) {
                (0, true) => 0,
                (0, false) | (1, false) => 1,
                (1, true) | (2, true) => 2,
                _ => return Some((c[0], c[1], c[2])),
            };
            if let Some(n) = c.get_mut(state) {
                *n += 1;
            }
        }
        None
    };
    let (a0, a1, a2) = walk(-dx, -dy)?;
    let (b0, b1, b2) = walk(dx, dy)?;
    let runs = [a2, a1, a0 + b0 + 1, b1, b2];
    // Offset of the centre run's middle from (x, y), in steps.
    let off = (b0 as f32 - a0 as f32) / 2.0;
    Some((runs, off))
}

/// Confirms a candidate at (x, y) along one direction: the runs are a
/// finder cut of about `total` pixels. Returns the centre's offset from
/// (x, y) along the direction, and the cut's module size.
fn confirm(b: &Bits, x: i32, y: i32, dx: i32, dy: i32, total: f32) -> Option<(f32, f32)> {
    let max = (total * 2.0) as i32 + 4;
    let (runs, off) = runs_through(b, x, y, dx, dy, max)?;
    let u = finder_ratio(runs)?;
    // Diagonal steps are √2 pixels long.
    let step = if dx != 0 && dy != 0 {
        std::f32::consts::SQRT_2
    } else {
        1.0
    };
    let cut = 7.0 * u * step;
    (cut >= total * 0.4 && cut <= total * 2.5).then_some((off, u * step))
}

/// Every finder pattern in `b`, scanning every `step`-th row.
pub(super) fn find(b: &Bits, step: usize) -> Vec<Finder> {
    let mut found: Vec<Finder> = Vec::new();
    let mut runs: Vec<(u32, u32)> = Vec::with_capacity(256); // (start, len), alternating colours
    for y in (step / 2..b.h).step_by(step.max(1)) {
        let row = b.row(y);
        runs.clear();
        let Some(&first_px) = row.first() else { continue };
        let first_dark = first_px != 0;
        // Where the colour changes: 8 pixels at a time through a run
        // (paper and large modules are long runs), then pixel by pixel.
        let (mut start, mut colour, mut x) = (0usize, first_px, 1usize);
        loop {
            while let Some(eight) = row.get(x..x + 8) {
                if eight.iter().fold(0u8, |a, &v| a | (v ^ colour)) != 0 {
                    break;
                }
                x += 8;
            }
            match row.get(x) {
                Some(&v) if v != colour => {
                    runs.push((start as u32, (x - start) as u32));
                    (start, colour) = (x, v);
                }
                Some(_) => {}
                None => break,
            }
            x += 1;
        }
        runs.push((start as u32, (row.len() - start) as u32));
        // Runs alternate colour; the first dark run is index 0 or 1.
        let first = usize::from(!first_dark);
        let mut i = first;
        while i + 5 <= runs.len() {
            let Some(&[r0, r1, r2, r3, r4]) = runs.get(i..i + 5) else {
                break;
            };
            // A cheap test first, implied by the ratios (the centre run at
            // least 0.65 of its neighbours' sum, at most 5.25 times it + 6.25).
            let inner = r1.1 + r3.1;
            if 2 * r2.1 + 2 < inner || r2.1 > 6 * inner + 7 {
                i += 2;
                continue;
            }
            if let Some(u) = finder_ratio([r0.1, r1.1, r2.1, r3.1, r4.1]) {
                let (s2, l2) = r2;
                let cx = s2 as f32 + l2 as f32 / 2.0;
                let total = (u * 7.0).max(7.0);
                if let Some(mut f) = check(b, cx, y as f32 + 0.5, total) {
                    f.hits = step as u32;
                    merge(&mut found, f);
                }
            }
            i += 2;
        }
    }
    found
}

/// Confirms a row candidate centred at (cx, cy) of about `total` pixels.
fn check(b: &Bits, cx: f32, cy: f32, total: f32) -> Option<Finder> {
    let (x, y) = (cx as i32, cy as i32);
    let (voff, vu) = confirm(b, x, y, 0, 1, total)?;
    let cy = y as f32 + 0.5 + voff;
    // Re-centre horizontally on the new row.
    let y2 = cy as i32;
    let (hoff, hu) = confirm(b, x, y2, 1, 0, total)?;
    let cx = x as f32 + 0.5 + hoff;
    let (x2, y2) = (cx as i32, cy as i32);
    // The diagonals reject text and stripes that pass the cross. A square
    // under strong perspective is a thin quadrilateral whose one diagonal
    // cut may run out along its long axis: one diagonal is enough then.
    let d1 = confirm(b, x2, y2, 1, 1, total).map(|d| d.1);
    let d2 = confirm(b, x2, y2, 1, -1, total).map(|d| d.1);
    let mut cuts = vec![hu, vu];
    cuts.extend(d1);
    cuts.extend(d2);
    if cuts.len() < 3 {
        return None;
    }
    // A square seen at any angle gives cuts within √2 of each other (more
    // under perspective); chance patterns in noise rarely agree.
    let (lo, hi) = cuts.iter().fold((f32::MAX, 0f32), |(l, h), &c| (l.min(c), h.max(c)));
    if hi > 2.5 * lo + 0.5 {
        return None;
    }
    let module = cuts.iter().sum::<f32>() / cuts.len() as f32;
    Some(Finder {
        c: P::new(cx, cy),
        module,
        hits: 1,
    })
}

/// Adds `f` to `found`, or folds it into the pattern it is another cut of.
fn merge(found: &mut Vec<Finder>, f: Finder) {
    for g in found.iter_mut() {
        let size_ok = f.module < g.module * 1.6 && g.module < f.module * 1.6;
        if size_ok && g.c.dist(f.c) < 1.5 * g.module.max(f.module) {
            // (A mean over the cuts, each scanned row weighing the same.)
            let n = g.hits as f32 / f.hits.max(1) as f32;
            g.c = (g.c * n + f.c) * (1.0 / (n + 1.0));
            g.module = (g.module * n + f.module) / (n + 1.0);
            g.hits += f.hits;
            return;
        }
    }
    found.push(f);
}

/// The finder's outer dark ring as a quadrilateral, from its centre `c`
/// and the code's axis directions `u` (left to right) and `v` (top to
/// bottom), unit vectors in pixels: rays cast towards each side find the
/// ring's inner and outer edges, a line is fitted through the ring's middle
/// on each side, and adjacent lines meet at the corners. Corners in the
/// order −u−v, +u−v, +u+v, −u+v: the centres of the ring's corner modules,
/// module coordinates (0.5, 0.5), (6.5, 0.5), (6.5, 6.5), (0.5, 6.5) of the
/// pattern. `None` when a side gives too few points (blur, a cut-off code).
pub(super) fn ring_quad(b: &Bits, c: P, u: P, v: P, module: f32) -> Option<[P; 4]> {
    let max = module * 6.0;
    // The middle of the dark ring along direction d, if the ray crosses
    // centre (dark), light ring, dark ring in order.
    let ring_mid = |d: P| -> Option<P> {
        let mut t = 0.0f32;
        let mut state = 0;
        let mut inner = 0.0;
        while t < max {
            t += 0.5;
            let p = c + d * t;
            let dark = b.get(floor_i32(p.x), floor_i32(p.y));
            state = match (state, dark) {
                (0, false) => 1,
                (1, true) => {
                    inner = t;
                    2
                }
                (2, false) => return Some(c + d * ((inner + t) / 2.0 - 0.25)),
                (s, _) => s,
            };
        }
        None
    };
    // Four sides: normal directions +v (bottom), −u… in frame terms.
    let frame = |a: f32, b: f32| {
        let d = u * a + v * b;
        let l = d.len();
        if l > 0.0 {
            d * (1.0 / l)
        } else {
            d
        }
    };
    // Sides in order: top (−v), right (+u), bottom (+v), left (−u).
    let normals = [(0.0, -1.0), (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0)];
    let mut lines: Vec<(P, P)> = Vec::with_capacity(4);
    for (nx, ny) in normals {
        let mut pts: Vec<P> = Vec::with_capacity(9);
        for k in -4..=4 {
            // Across the side, within ±36° of its normal (clear of corners).
            let t = k as f32 * 0.16;
            let (tx, ty) = (-ny, nx);
            if let Some(p) = ring_mid(frame(nx + tx * t, ny + ty * t)) {
                pts.push(p);
            }
        }
        if pts.len() < 4 {
            return None;
        }
        lines.push(fit_line(&pts)?);
    }
    // Corner between sides i and i+1: top∩left = −u−v, top∩right = +u−v…
    let meet = |i: usize, j: usize| -> Option<P> {
        let (p, d) = *lines.get(i)?;
        let (q, e) = *lines.get(j)?;
        let den = d.cross(e);
        if den.abs() < 1e-6 {
            return None;
        }
        let t = (q - p).cross(e) / den;
        let x = p + d * t;
        (x.is_finite() && x.dist(c) < max * 1.2).then_some(x)
    };
    Some([meet(0, 3)?, meet(0, 1)?, meet(2, 1)?, meet(2, 3)?])
}

/// `v.floor() as i32` without the libm call (this is the ring fit's inner
/// loop): truncation, one less for negative non-integers.
#[inline]
fn floor_i32(v: f32) -> i32 {
    let t = v as i32;
    if (t as f32) > v {
        t.saturating_sub(1)
    } else {
        t
    }
}

/// The total-least-squares line through `pts`: a point and a unit direction.
fn fit_line(pts: &[P]) -> Option<(P, P)> {
    let n = pts.len() as f32;
    let m = pts.iter().fold(P::default(), |a, &p| a + p) * (1.0 / n);
    let (mut sxx, mut sxy, mut syy) = (0.0f32, 0.0f32, 0.0f32);
    for p in pts {
        let d = *p - m;
        sxx += d.x * d.x;
        sxy += d.x * d.y;
        syy += d.y * d.y;
    }
    // The principal direction of the scatter matrix.
    let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    let d = P::new(angle.cos(), angle.sin());
    (d.is_finite() && m.is_finite()).then_some((m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_i32_is_floor() {
        for v in [
            0.0f32,
            0.5,
            -0.5,
            -1.0,
            1.0,
            2.999,
            -2.001,
            1e9,
            -1e9,
            3e9,
            -3e9,
            f32::NAN,
            f32::INFINITY,
            -f32::INFINITY,
        ] {
            assert_eq!(floor_i32(v), v.floor() as i32, "{v}");
        }
    }

    #[test]
    fn ratio_accepts_finder_cuts_only() {
        assert!(finder_ratio([3, 3, 9, 3, 3]).is_some_and(|u| (u - 3.0).abs() < 0.01));
        assert!(finder_ratio([2, 1, 4, 2, 1]).is_some());
        // No quiet zone: a long dark run outside.
        assert!(finder_ratio([8, 3, 9, 3, 3]).is_some());
        for bad in [
            [3, 3, 3, 3, 3],
            [3, 9, 3, 3, 3],
            [1, 1, 1, 1, 1],
            [30, 3, 9, 3, 3],
            [0, 3, 9, 3, 3],
        ] {
            assert!(finder_ratio(bad).is_none(), "{bad:?}");
        }
    }
}
