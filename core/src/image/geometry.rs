//! Points and the projective map between a code's module grid and the
//! image (Heckbert's square–quadrilateral construction).

use std::ops::{Add, Mul, Sub};

/// A point in pixels (or modules), `f32`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) struct P {
    pub(super) x: f32,
    pub(super) y: f32,
}

impl P {
    pub(super) const fn new(x: f32, y: f32) -> P {
        P { x, y }
    }

    pub(super) fn dist(self, o: P) -> f32 {
        (self - o).len()
    }

    pub(super) fn len(self) -> f32 {
        // Not `hypot`: no overflow to guard against at pixel scale, and
        // this is in the finder grouping's inner loops.
        (self.x * self.x + self.y * self.y).sqrt()
    }

    pub(super) fn dot(self, o: P) -> f32 {
        self.x * o.x + self.y * o.y
    }

    pub(super) fn cross(self, o: P) -> f32 {
        self.x * o.y - self.y * o.x
    }

    pub(super) fn is_finite(self) -> bool {
        self.x.is_finite() && self.y.is_finite()
    }
}

impl Add for P {
    type Output = P;
    fn add(self, o: P) -> P {
        P::new(self.x + o.x, self.y + o.y)
    }
}

impl Sub for P {
    type Output = P;
    fn sub(self, o: P) -> P {
        P::new(self.x - o.x, self.y - o.y)
    }
}

impl Mul<f32> for P {
    type Output = P;
    fn mul(self, k: f32) -> P {
        P::new(self.x * k, self.y * k)
    }
}

/// A projective map, row-vector convention: `[x' y' w'] = [u v 1] · M`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Persp {
    m: [[f64; 3]; 3],
}

impl Persp {
    /// The map taking the unit square's corners (0,0), (1,0), (1,1), (0,1)
    /// to `q[0..4]`.
    fn square_to_quad(q: [P; 4]) -> Option<Persp> {
        let [p0, p1, p2, p3] = q.map(|p| (f64::from(p.x), f64::from(p.y)));
        let (dx3, dy3) = (p0.0 - p1.0 + p2.0 - p3.0, p0.1 - p1.1 + p2.1 - p3.1);
        let m = if dx3.abs() < 1e-9 && dy3.abs() < 1e-9 {
            [
                [p1.0 - p0.0, p1.1 - p0.1, 0.0],
                [p3.0 - p0.0, p3.1 - p0.1, 0.0],
                [p0.0, p0.1, 1.0],
            ]
        } else {
            let (dx1, dx2, dy1, dy2) = (p1.0 - p2.0, p3.0 - p2.0, p1.1 - p2.1, p3.1 - p2.1);
            let den = dx1 * dy2 - dx2 * dy1;
            if den.abs() < 1e-12 {
                return None;
            }
            let a13 = (dx3 * dy2 - dx2 * dy3) / den;
            let a23 = (dx1 * dy3 - dx3 * dy1) / den;
            [
                [p1.0 - p0.0 + a13 * p1.0, p1.1 - p0.1 + a13 * p1.1, a13],
                [p3.0 - p0.0 + a23 * p3.0, p3.1 - p0.1 + a23 * p3.1, a23],
                [p0.0, p0.1, 1.0],
            ]
        };
        Some(Persp { m })
    }

    /// The adjugate: the inverse up to a scale, which a projective map ignores.
    fn adjugate(&self) -> Persp {
        let [[a11, a12, a13], [a21, a22, a23], [a31, a32, a33]] = self.m;
        Persp {
            m: [
                [a22 * a33 - a23 * a32, a13 * a32 - a12 * a33, a12 * a23 - a13 * a22],
                [a23 * a31 - a21 * a33, a11 * a33 - a13 * a31, a13 * a21 - a11 * a23],
                [a21 * a32 - a22 * a31, a12 * a31 - a11 * a32, a11 * a22 - a12 * a21],
            ],
        }
    }

    /// `self` then `o`.
    fn then(&self, o: &Persp) -> Persp {
        let mut m = [[0.0; 3]; 3];
        for (i, row) in m.iter_mut().enumerate() {
            for (j, cell) in row.iter_mut().enumerate() {
                *cell = (0..3)
                    .map(|k| {
                        let a = self.m.get(i).and_then(|r| r.get(k)).copied().unwrap_or(0.0);
                        let b = o.m.get(k).and_then(|r| r.get(j)).copied().unwrap_or(0.0);
                        a * b
                    })
                    .sum();
            }
        }
        Persp { m }
    }

    /// The map taking `src[i]` to `dst[i]` for the four corners (in order
    /// around the quadrilateral); `None` when either is degenerate.
    pub(super) fn quad_to_quad(src: [P; 4], dst: [P; 4]) -> Option<Persp> {
        let to_square = Persp::square_to_quad(src)?.adjugate();
        let from_square = Persp::square_to_quad(dst)?;
        let m = to_square.then(&from_square);
        m.m.iter().flatten().all(|v| v.is_finite()).then_some(m)
    }

    /// Where `p` goes (non-finite when it maps to infinity).
    pub(super) fn map(&self, p: P) -> P {
        let (u, v) = (f64::from(p.x), f64::from(p.y));
        let [[a11, a12, a13], [a21, a22, a23], [a31, a32, a33]] = self.m;
        let w = 1.0 / (a13 * u + a23 * v + a33);
        P::new(
            ((a11 * u + a21 * v + a31) * w) as f32,
            ((a12 * u + a22 * v + a32) * w) as f32,
        )
    }
}

impl Persp {
    /// The least-squares projective map taking each `src[i]` to `dst[i]`
    /// (at least 4 pairs; coordinates normalised first, for a well
    /// conditioned solve).
    pub(super) fn fit(src: &[P], dst: &[P]) -> Option<Persp> {
        let n = src.len().min(dst.len());
        if n < 4 {
            return None;
        }
        let norm = |pts: &[P]| -> (f64, f64, f64) {
            let (mut mx, mut my) = (0.0, 0.0);
            for p in pts.iter().take(n) {
                mx += f64::from(p.x);
                my += f64::from(p.y);
            }
            let (mx, my) = (mx / n as f64, my / n as f64);
            let mut d = 0.0;
            for p in pts.iter().take(n) {
                d += (f64::from(p.x) - mx).hypot(f64::from(p.y) - my);
            }
            let scale = if d > 0.0 {
                std::f64::consts::SQRT_2 * n as f64 / d
            } else {
                1.0
            };
            (mx, my, scale)
        };
        let (sx, sy, ss) = norm(src);
        let (dx, dy, ds) = norm(dst);
        // Normal equations of the 2n linear equations in h11…h32 (h33 = 1).
        let mut a = [[0f64; 9]; 8];
        for (s, d) in src.iter().zip(dst).take(n) {
            let (u, v) = ((f64::from(s.x) - sx) * ss, (f64::from(s.y) - sy) * ss);
            let (x, y) = ((f64::from(d.x) - dx) * ds, (f64::from(d.y) - dy) * ds);
            let rows = [
                [u, v, 1.0, 0.0, 0.0, 0.0, -u * x, -v * x, x],
                [0.0, 0.0, 0.0, u, v, 1.0, -u * y, -v * y, y],
            ];
            for r in rows {
                for (i, row) in a.iter_mut().enumerate() {
                    let ri = r.get(i).copied().unwrap_or(0.0);
                    for (j, cell) in row.iter_mut().enumerate() {
                        *cell += ri * r.get(j).copied().unwrap_or(0.0);
                    }
                }
            }
        }
        // Gaussian elimination with partial pivoting.
        for col in 0..8 {
            let pivot = (col..8).max_by(|&i, &j| {
                let (vi, vj) = (
                    a.get(i).and_then(|r| r.get(col)).map_or(0.0, |v| v.abs()),
                    a.get(j).and_then(|r| r.get(col)).map_or(0.0, |v| v.abs()),
                );
                vi.total_cmp(&vj)
            })?;
            a.swap(col, pivot);
            let p = *a.get(col).and_then(|r| r.get(col))?;
            if p.abs() < 1e-12 {
                return None;
            }
            let prow = *a.get(col)?;
            for (i, row) in a.iter_mut().enumerate() {
                if i == col {
                    continue;
                }
                let f = row.get(col).copied().unwrap_or(0.0) / p;
                if f != 0.0 {
                    for (c, pc) in row.iter_mut().zip(prow.iter()) {
                        *c -= f * pc;
                    }
                }
            }
        }
        let h: Vec<f64> = a
            .iter()
            .enumerate()
            .map(|(i, r)| r.get(8).copied().unwrap_or(0.0) / r.get(i).copied().unwrap_or(1.0))
            .collect();
        let hn = |i: usize| h.get(i).copied().unwrap_or(0.0);
        // Normalised map, row-vector form, then undo the normalisations:
        // pixel = T_dst⁻¹(Hn(T_src(module))).
        let hm = Persp {
            m: [[hn(0), hn(3), hn(6)], [hn(1), hn(4), hn(7)], [hn(2), hn(5), 1.0]],
        };
        let t_src = Persp {
            m: [[ss, 0.0, 0.0], [0.0, ss, 0.0], [-sx * ss, -sy * ss, 1.0]],
        };
        let t_dst_inv = Persp {
            m: [[1.0 / ds, 0.0, 0.0], [0.0, 1.0 / ds, 0.0], [dx, dy, 1.0]],
        };
        let m = t_src.then(&hm).then(&t_dst_inv);
        m.m.iter().flatten().all(|v| v.is_finite()).then_some(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code's finder and alignment centres, and where a slanted camera
    /// puts them.
    const SRC: [P; 4] = [
        P { x: 3.5, y: 3.5 },
        P { x: 21.5, y: 3.5 },
        P { x: 18.5, y: 18.5 },
        P { x: 3.5, y: 21.5 },
    ];
    const DST: [P; 4] = [
        P { x: 100.0, y: 80.0 },
        P { x: 400.0, y: 120.0 },
        P { x: 350.0, y: 390.0 },
        P { x: 60.0, y: 420.0 },
    ];

    #[test]
    fn quad_to_quad_maps_the_corners_and_keeps_lines_straight() {
        let (src, dst) = (SRC, DST);
        let t = Persp::quad_to_quad(src, dst).unwrap();
        for (s, d) in src.iter().zip(dst) {
            assert!(t.map(*s).dist(d) < 1e-3, "{:?} → {:?}, want {d:?}", s, t.map(*s));
        }
        // Collinear points stay collinear.
        let (a, b, c) = (
            t.map(P::new(0.0, 0.0)),
            t.map(P::new(10.0, 10.0)),
            t.map(P::new(20.0, 20.0)),
        );
        assert!((b - a).cross(c - a).abs() < 1e-1);
        // Affine input (a parallelogram) works too.
        let par = [
            P::new(0.0, 0.0),
            P::new(10.0, 0.0),
            P::new(12.0, 10.0),
            P::new(2.0, 10.0),
        ];
        let unit = [P::new(0.0, 0.0), P::new(1.0, 0.0), P::new(1.0, 1.0), P::new(0.0, 1.0)];
        let t = Persp::quad_to_quad(unit, par).unwrap();
        assert!(t.map(P::new(0.5, 0.5)).dist(P::new(6.0, 5.0)) < 1e-4);
        // Degenerate corners (all on a line): refused or mapped, never a panic.
        let line = [P::new(0.0, 0.0), P::new(1.0, 1.0), P::new(2.0, 2.0), P::new(3.0, 3.0)];
        let _ = Persp::quad_to_quad(unit, line).map(|t| t.map(P::new(0.3, 0.7)));
    }

    #[test]
    fn fit_recovers_a_projective_map_from_many_points() {
        let (src, dst) = (SRC, DST);
        let t = Persp::quad_to_quad(src, dst).unwrap();
        let pts: Vec<P> = (0..20)
            .map(|i| P::new((i * 7 % 25) as f32, (i * 11 % 25) as f32))
            .collect();
        let img: Vec<P> = pts.iter().map(|&p| t.map(p)).collect();
        let f = Persp::fit(&pts, &img).unwrap();
        for p in [P::new(0.0, 0.0), P::new(25.0, 25.0), P::new(12.5, 3.0)] {
            assert!(f.map(p).dist(t.map(p)) < 1e-2, "{:?} vs {:?}", f.map(p), t.map(p));
        }
        assert!(Persp::fit(&pts[..3], &img[..3]).is_none());
    }
}
