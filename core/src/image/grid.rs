//! From three finder patterns to a sampled module grid.
//!
//! 1. [`sets`]: every triple of finder patterns of similar size that forms
//!    a near-isosceles right angle is a candidate code, best first; its
//!    corner pattern is the top-left one, and the cross product orders the
//!    other two (top-right, bottom-left).
//! 2. [`Grid::new`]: the module size measured along the lines between the
//!    finders gives the side in modules (≡ 1 mod 4); from version 7 the
//!    version information next to the top-right and bottom-left finders
//!    gives it exactly (BCH-corrected, either copy).
//! 3. The bottom-right alignment pattern is searched for around where the
//!    three finders put it, and a projective map from the four points
//!    places the grid. For versions with more alignment patterns, each is
//!    searched for where its neighbours put it, and every cell between
//!    four of them gets its own map, so that a large, curved or uneven
//!    code is sampled where its modules really are.
//! 4. [`Grid::sample`]: each module is read at its centre (with its four
//!    near neighbours when modules are large enough), for
//!    [`super::decode`].

use super::bits::Bits;
use super::finder::Finder;
use super::geometry::{Persp, P};
use super::prepare::Gray;

/// Alignment pattern centres (module index) per version, 1–40 (ISO/IEC
/// 18004 Annex E).
const ALIGNMENT: [&[u8]; 40] = [
    &[],
    &[6, 18],
    &[6, 22],
    &[6, 26],
    &[6, 30],
    &[6, 34],
    &[6, 22, 38],
    &[6, 24, 42],
    &[6, 26, 46],
    &[6, 28, 50],
    &[6, 30, 54],
    &[6, 32, 58],
    &[6, 34, 62],
    &[6, 26, 46, 66],
    &[6, 26, 48, 70],
    &[6, 26, 50, 74],
    &[6, 30, 54, 78],
    &[6, 30, 56, 82],
    &[6, 30, 58, 86],
    &[6, 34, 62, 90],
    &[6, 28, 50, 72, 94],
    &[6, 26, 50, 74, 98],
    &[6, 30, 54, 78, 102],
    &[6, 28, 54, 80, 106],
    &[6, 32, 58, 84, 110],
    &[6, 30, 58, 86, 114],
    &[6, 34, 62, 90, 118],
    &[6, 26, 50, 74, 98, 122],
    &[6, 30, 54, 78, 102, 126],
    &[6, 26, 52, 78, 104, 130],
    &[6, 30, 56, 82, 108, 134],
    &[6, 34, 60, 86, 112, 138],
    &[6, 30, 58, 86, 114, 142],
    &[6, 34, 62, 90, 118, 146],
    &[6, 30, 54, 78, 102, 126, 150],
    &[6, 24, 50, 76, 102, 128, 154],
    &[6, 28, 54, 80, 106, 132, 158],
    &[6, 32, 58, 84, 110, 136, 162],
    &[6, 26, 54, 82, 110, 138, 166],
    &[6, 30, 58, 86, 114, 142, 170],
];

/// The alignment pattern centres (module index) of `version` (1–40).
pub(super) fn alignment_centres(version: usize) -> &'static [u8] {
    ALIGNMENT.get(version.wrapping_sub(1)).copied().unwrap_or(&[])
}

/// A candidate code: its finders as top-left, top-right, bottom-left.
#[derive(Debug, Clone, Copy)]
pub(super) struct Set {
    pub(super) tl: Finder,
    pub(super) tr: Finder,
    pub(super) bl: Finder,
    /// Indices into the finder list, to mark them used.
    pub(super) ids: [usize; 3],
}

impl Set {
    /// How many of its finders are weak (see [`Finder::is_weak`]).
    pub(super) fn weak(&self) -> usize {
        [self.tl, self.tr, self.bl].iter().filter(|f| f.is_weak()).count()
    }
}

/// The most candidate sets kept (the best by shape).
const MAX_SETS: usize = 400;

/// Candidate codes among `f`, best (closest to an isosceles right angle)
/// first.
pub(super) fn sets(bits: &Bits, f: &[Finder]) -> Vec<Set> {
    // Every strong pattern, and the best weak ones (a dense code or noise
    // shows hundreds of look-alikes).
    let strength = |x: &Finder| x.hits as f32 / x.module.max(0.5);
    let mut weak: Vec<usize> = (0..f.len())
        .filter(|&i| f.get(i).is_some_and(Finder::is_weak))
        .collect();
    weak.sort_by(|&a, &b| {
        let (sa, sb) = (f.get(a).map_or(0.0, strength), f.get(b).map_or(0.0, strength));
        sb.total_cmp(&sa)
    });
    weak.truncate(MAX_WEAK_FINDERS);
    let mut pool: Vec<usize> = (0..f.len())
        .filter(|&i| f.get(i).is_some_and(|x| !x.is_weak()))
        .chain(weak)
        .collect();
    // By size, so that a size ratio beyond 2.5 ends a loop early.
    pool.sort_by(|&a, &b| {
        let (ma, mb) = (f.get(a).map_or(0.0, |x| x.module), f.get(b).map_or(0.0, |x| x.module));
        ma.total_cmp(&mb)
    });
    let n_all = f.len();
    // Partners of each pattern: all of the pool when it is small; with many
    // patterns (a sheet of codes) the nearest ones only — a code's own
    // three patterns are among each other's nearest, and n³ triples of a
    // sheet would cost more than reading it.
    // (And the strongest patterns of all: a big code's own finders are far
    // apart, with look-alikes of its data nearer each.)
    let mut strongest: Vec<usize> = pool.clone();
    strongest.sort_by(|&a, &b| {
        let (sa, sb) = (f.get(a).map_or(0.0, strength), f.get(b).map_or(0.0, strength));
        sb.total_cmp(&sa)
    });
    strongest.truncate(NEIGHBOURS);
    let full = pool.len() <= FULL_SEARCH;
    // (Not needed when every triple is considered.)
    let near: Vec<Vec<usize>> = pool
        .iter()
        .map(|&i| {
            let Some(a) = f.get(i).filter(|_| !full) else {
                return Vec::new();
            };
            let mut others: Vec<usize> = pool.iter().copied().filter(|&j| j != i).collect();
            others.sort_by(|&x, &y| {
                let (dx, dy) = (
                    f.get(x).map_or(f32::MAX, |b| b.c.dist(a.c)),
                    f.get(y).map_or(f32::MAX, |b| b.c.dist(a.c)),
                );
                dx.total_cmp(&dy)
            });
            others.truncate(NEIGHBOURS);
            for &s in &strongest {
                if s != i && !others.contains(&s) {
                    others.push(s);
                }
            }
            others
        })
        .collect();
    // With many patterns, a pair of finders of one code has no other
    // pattern of its size on the segment between them, while finders of
    // neighbouring codes (which also make perfect right angles) have one
    // in between.
    let between = |i: usize, j: usize, candidates: &[usize]| -> bool {
        let (Some(a), Some(b)) = (f.get(i), f.get(j)) else {
            return false;
        };
        let ab = b.c - a.c;
        let len2 = ab.dot(ab);
        let m = (a.module + b.module) / 2.0;
        // A blocker has as much evidence as the pair's own patterns (a
        // dense code's look-alikes, seen by fewer rows, do not block).
        let min_strength = 0.8 * strength(a).min(strength(b));
        candidates.iter().any(|&k| {
            let Some(c) = f.get(k).filter(|c| k != i && k != j && strength(c) >= min_strength) else {
                return false;
            };
            let t = (c.c - a.c).dot(ab) / len2;
            let off = (c.c - a.c).cross(ab).abs() / len2.sqrt();
            // And it is as far from both as a code's own finders are from
            // each other (14 modules at least): a look-alike in the data
            // between a small code's own finders is nearer one of them.
            let apart = c.c.dist(a.c).min(c.c.dist(b.c)) >= 13.0 * m;
            (0.15..=0.85).contains(&t) && off < 2.0 * m && (c.module - m).abs() < 0.5 * m && apart
        })
    };
    // Weak patterns (seen by fewer rows than their size implies) are
    // mostly look-alikes in noise or in the data of dense codes: sets of
    // strong ones come first, then those whose timing patterns read best
    // at a first look (neighbouring codes' patterns make right angles as
    // perfect as a code's own), then by shape.
    // (Both orders are plain function pointers, so that the selections
    // below share one instance of the generic selection code: the .wasm
    // pays for each instance.)
    type Cmp = fn(&(f32, f32, Set), &(f32, f32, Set)) -> std::cmp::Ordering;
    let better: Cmp = |x, y| {
        let (kx, ky) = ((x.2.weak(), x.1, x.0), (y.2.weak(), y.1, y.0));
        kx.0.cmp(&ky.0).then(ky.1.total_cmp(&kx.1)).then(kx.2.total_cmp(&ky.2))
    };
    let by_shape: Cmp = |x, y| x.0.total_cmp(&y.0);
    let mut out: Vec<(f32, f32, Set)> = Vec::new();
    // Whether anchor `m` (a pattern index) comes before pool position `pi`
    // and has both `others` among its partners: a triple an earlier
    // anchor already made.
    let mut pos_of = vec![usize::MAX; n_all];
    for (p, &i) in pool.iter().enumerate() {
        if let Some(slot) = pos_of.get_mut(i) {
            *slot = p;
        }
    }
    let earlier = |m: usize, others: [usize; 2], pi: usize| {
        let pm = pos_of.get(m).copied().unwrap_or(usize::MAX);
        pm < pi && near.get(pm).is_some_and(|v| others.iter().all(|o| v.contains(o)))
    };
    let many = pool.len() > 12;
    // Per ordered pair, computed once: blocked, and the timing phase on
    // either side.
    let mut blocked: Cache<(usize, usize), bool> = Cache::default();
    let mut phases: Cache<(usize, usize, bool), f32> = Cache::default();
    // Whether a set is blocked (a pattern between its corner and another).
    let mut is_blocked = |set: &Set, around: &[usize]| -> bool {
        let [t, r, l] = set.ids;
        let mut pair = |p: usize, q: usize| {
            *blocked
                .entry((p.min(q), p.max(q)))
                .or_insert_with(|| between(p, q, if full { &pool } else { around }))
        };
        many && (pair(t, r) || pair(t, l))
    };
    // A set's place in the order.
    let mut evaluate = |score: f32, set: Set| -> (f32, f32, Set) {
        let [t, r, l] = set.ids;
        // Row 6 lies towards the bottom-left pattern, column 6
        // towards the top-right one.
        let side = |from: P, to: P, other: P| (to - from).cross(other - from) > 0.0;
        let mut phase = |p: usize, q: usize, positive: bool, fp: &Finder, fq: &Finder| {
            *phases
                .entry((p, q, positive))
                .or_insert_with(|| line_phase(bits, fp, fq, if positive { 1.0 } else { -1.0 }))
        };
        let row = phase(t, r, side(set.tl.c, set.tr.c, set.bl.c), &set.tl, &set.tr);
        let col = phase(t, l, side(set.tl.c, set.bl.c, set.tr.c), &set.tl, &set.bl);
        // Phases under 0.55 are chance: coarser steps.
        let q = ((((row + col) / 2.0) * 20.0).round() / 20.0).max(0.5);
        (score, q, set)
    };
    // Sets of two or three weak patterns: only the best few are tried
    // (`MAX_WEAK_SETS`), so only the best by shape are looked at further —
    // a dense code shows hundreds of look-alikes, and thousands of their
    // triples.
    // (Shape, pool position as f32, set: the element type of `out`.)
    let mut mostly_weak: Vec<(f32, f32, Set)> = Vec::new();
    // Likewise sets of one weak pattern, which a dense code's look-alikes
    // make by the hundred around its few strong ones.
    let mut one_weak: Vec<(f32, f32, Set)> = Vec::new();
    let mut strong: Vec<(f32, f32, Set)> = Vec::new();
    for (pi, &i) in pool.iter().enumerate() {
        let Some(a) = f.get(i).copied() else { continue };
        let partners: &[usize] = if full {
            pool.get(pi + 1..).unwrap_or(&[])
        } else {
            near.get(pi).map_or(&[][..], |v| v.as_slice())
        };
        for (x, &j) in partners.iter().enumerate() {
            let Some(b) = f.get(j).copied() else { continue };
            if full && b.module > a.module * 2.5 {
                break;
            }
            // A pair too close or too far (in modules) for a code's.
            let d = a.c.dist(b.c) / ((a.module + b.module) / 2.0);
            if !(10.0..=260.0).contains(&d) && full {
                // (Any pair of a triple is a side or the diagonal; both
                // lie in this range for a code.)
                continue;
            }
            for &k in partners.iter().skip(x + 1) {
                let Some(c) = f.get(k).copied() else { continue };
                if full && c.module > a.module * 2.5 {
                    break;
                }
                // Each triple once, from the first anchor that has the
                // other two among its partners.
                if !full && (earlier(j, [i, k], pi) || earlier(k, [i, j], pi)) {
                    continue;
                }
                let sizes = [a.module, b.module, c.module];
                let (lo, hi) = sizes.iter().fold((f32::MAX, 0f32), |(l, h), &m| (l.min(m), h.max(m)));
                if hi > lo * 2.5 {
                    continue;
                }
                let Some((score, set)) = triple([(a, i), (b, j), (c, k)]) else {
                    continue;
                };
                match set.weak() {
                    0 => strong.push((score, pi as f32, set)),
                    1 => one_weak.push((score, pi as f32, set)),
                    _ => mostly_weak.push((score, pi as f32, set)),
                }
            }
        }
    }
    // Enough for every pattern to be a corner a few times over.
    let cap = MAX_SETS.max(3 * pool.len());
    let around = |pi: f32| near.get(pi as usize).map_or(&[][..], |v| v.as_slice());
    // Strong sets: the blocked ones out first (cheap, per pair), then the
    // best by shape, a few times what is kept, get the timing look — a
    // sheet of 60 codes makes ~20,000 unblocked strong sets, of which
    // `cap` are kept (neighbouring codes' patterns make right angles as
    // perfect as a code's own, but not tens of times as many).
    strong.retain(|(_, pi, set)| !is_blocked(set, around(*pi)));
    for (mut group, keep, blocking) in [
        (strong, STRONG_SHAPES_PER_KEPT * cap, false),
        (one_weak, ONE_WEAK_SHAPES, true),
        (mostly_weak, WEAK_SHAPES * super::MAX_WEAK_SETS, true),
    ] {
        if group.len() > keep {
            group.select_nth_unstable_by(keep, by_shape);
            group.truncate(keep);
        }
        for (score, pi, set) in group {
            if !(blocking && is_blocked(&set, around(pi))) {
                out.push(evaluate(score, set));
            }
        }
    }
    if out.len() > cap {
        out.select_nth_unstable_by(cap, better);
        out.truncate(cap);
    }
    out.sort_by(better);
    out.into_iter().map(|(_, _, s)| s).collect()
}

/// The finders' rings already fitted in one binarisation (see
/// [`super::finder::ring_quad`]), with the frame each was fitted in: a
/// finder is a corner of many candidate sets, and a ring fitted in a frame
/// turned from the asked one by a multiple of 90° (within 10°, same
/// handedness) is the same ring with its corners renamed. Two thirds of
/// the fits over the photos of #20 are such repeats.
#[derive(Default)]
pub(super) struct Rings(Vec<(usize, P, P, Option<[P; 4]>)>);

impl Rings {
    /// Finder `id`'s ring in frame (`u`, `v`).
    fn get(&mut self, b: &Bits, (id, f): (usize, &Finder), u: P, v: P) -> Option<[P; 4]> {
        // cos 10°.
        const CLOSE: f32 = 0.985;
        let right = u.cross(v) > 0.0;
        for &(i, cu, cv, ring) in &self.0 {
            if i != id || (cu.cross(cv) > 0.0) != right {
                continue;
            }
            // A quarter turn of the frame: u to v, v to −u (mirrored
            // alike for a left-handed frame).
            let turn = |p: P| if right { P::new(-p.y, p.x) } else { P::new(p.y, -p.x) };
            let (mut ru, mut rv) = (cu, cv);
            for k in 0..4 {
                if ru.dot(u) > CLOSE && rv.dot(v) > CLOSE {
                    return ring.map(|q| std::array::from_fn(|j| q.get((j + k) % 4).copied().unwrap_or(f.c)));
                }
                (ru, rv) = (turn(ru), turn(rv));
            }
        }
        let ring = super::finder::ring_quad(b, f.c, u, v, f.module);
        self.0.push((id, u, v, ring));
        ring
    }
}

/// A map keyed by small integers (pattern indices): `sets` makes hundreds
/// of thousands of lookups on a sheet of codes, where std's DoS-resistant
/// SipHash cost a third of the reading (#20). The keys come from the
/// image, never from a party who could pick them for collisions.
type Cache<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<IndexHasher>>;

/// Multiply-rotate hashing of integers, as rustc's FxHasher.
#[derive(Default)]
struct IndexHasher(u64);

impl std::hash::Hasher for IndexHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Sets of two or three weak patterns looked at, per one tried: the best
/// by shape.
const WEAK_SHAPES: usize = 4;

/// Unblocked sets of strong patterns that get the timing look, per set
/// kept: the best by shape.
const STRONG_SHAPES_PER_KEPT: usize = 4;

/// Sets of one weak pattern that get the timing look: the best by shape.
const ONE_WEAK_SHAPES: usize = 256;

/// Up to this many patterns, every triple is considered.
const FULL_SEARCH: usize = 80;
/// Beyond, the partners of each pattern: its nearest ones.
const NEIGHBOURS: usize = 24;

/// A cheap first look at one timing pattern, to try the likely codes
/// first: the best phase along the line 3 modules in from the centres of
/// finders `a` and `b`, towards side `side` (±1, of the direction a→b),
/// at the side in modules their distance gives and the sizes either side.
fn line_phase(bits: &Bits, a: &Finder, b: &Finder, side: f32) -> f32 {
    let m = (a.module + b.module) / 2.0;
    let d = b.c - a.c;
    let len = d.len();
    if len < 1.0 {
        return 0.0;
    }
    let normal = P::new(-d.y, d.x) * (side / len);
    let modules = len / m + 7.0;
    let v = ((modules - 17.0) / 4.0).round().clamp(1.0, 40.0) as usize;
    // Module sizes are measured ±20%: the line 3 modules in may lie a
    // little off, so three offsets across the timing row are tried, under
    // the version the distance gives and its neighbours.
    // The likeliest first (the distance's version, the middle offset), so
    // that the others can stop once they cannot beat it: the best share
    // is the same whatever the order.
    let mut best = 0.0f32;
    let (lo, hi) = (v.saturating_sub(1).max(1), (v + 1).min(40));
    for (k, w) in [v, lo, hi].into_iter().enumerate() {
        // (lo or hi is the distance's version itself at 1 and 40.)
        if k > 0 && w == v {
            continue;
        }
        let s = 17 + 4 * w;
        let span = (s - 7) as f32;
        let total = s - 16;
        // Module i of the row sits at start + step · (i − 8).
        let step = d * (1.0 / span);
        for off in [3.0f32, 2.6, 3.4] {
            let start = a.c + d * ((8.5 - 3.5) / span) + normal * (off * m);
            let mut ok = 0usize;
            // Eight modules at a time, stopping once the rest cannot beat
            // the best share so far.
            for k0 in (0..total).step_by(8) {
                if (ok + total - k0) as f32 / total as f32 <= best {
                    break;
                }
                for k in k0..(k0 + 8).min(total) {
                    let p = start + step * k as f32;
                    ok += usize::from(bits.get(p.x as i32, p.y as i32) == (k % 2 == 0));
                }
            }
            best = best.max(ok as f32 / total as f32);
        }
    }
    best
}

/// The most weak finder patterns (the strongest of them) grouped into sets.
const MAX_WEAK_FINDERS: usize = 40;

/// Whether three finders can be one code; its shape score (0 = a perfect
/// isosceles right angle) and orientation.
fn triple(mut t: [(Finder, usize); 3]) -> Option<(f32, Set)> {
    // Distances in modules (each pair's own mean module size): under a
    // slanted camera a pattern's size shrinks with its distance, and so do
    // the modules between two patterns.
    let d2 = |a: &Finder, b: &Finder| {
        let m = (a.module + b.module) / 2.0;
        let d = a.c - b.c;
        d.dot(d) / (m * m)
    };
    // The corner (top-left) is opposite the longest side.
    let sides = [d2(&t[1].0, &t[2].0), d2(&t[0].0, &t[2].0), d2(&t[0].0, &t[1].0)];
    let longest = if sides[0] >= sides[1] && sides[0] >= sides[2] {
        0
    } else if sides[1] >= sides[2] {
        1
    } else {
        2
    };
    t.swap(0, longest);
    let [(a, ia), (b, ib), (c, ic)] = t;
    let (ab, ac, bc) = (d2(&a, &b), d2(&a, &c), d2(&b, &c));
    let (lab, lac) = (ab.sqrt(), ac.sqrt());
    if lab > 2.0 * lac || lac > 2.0 * lab {
        return None;
    }
    let modules = (lab + lac) / 2.0 + 7.0;
    if !(21.0 * 0.8..=177.0 * 1.5).contains(&modules) {
        return None;
    }
    // The angle at the corner within 45° of a right angle.
    let cos = (ab + ac - bc) / (2.0 * lab * lac);
    if !cos.is_finite() || cos.abs() > std::f32::consts::FRAC_1_SQRT_2 {
        return None;
    }
    let score = ((bc - 2.0 * ab).abs() + (bc - 2.0 * ac).abs()) / bc;
    // Image y points down: top-right is clockwise from bottom-left.
    let (tr, bl, itr, ibl) = if (b.c - a.c).cross(c.c - a.c) > 0.0 {
        (b, c, ib, ic)
    } else {
        (c, b, ic, ib)
    };
    Some((
        score,
        Set {
            tl: a,
            tr,
            bl,
            ids: [ia, itr, ibl],
        },
    ))
}

/// The modules along a line through a finder's centre towards another
/// point: the width of the 1:1:3:1:1 cut, in modules of 1, measured.
fn module_along(b: &Bits, from: P, to: P) -> Option<f32> {
    let d = to - from;
    let len = d.len();
    if len < 1.0 {
        return None;
    }
    let step = d * (1.0 / len);
    // From the centre outwards both ways: dark, light, dark edges.
    let edge_dist = |dir: f32| -> Option<f32> {
        let mut state = 0;
        let mut t = 0.0f32;
        while t < len {
            t += 0.5;
            let p = from + step * (t * dir);
            let dark = b.get(p.x as i32, p.y as i32);
            state = match (state, dark) {
                (0, false) => 1,
                (1, true) => 2,
                (2, false) => return Some(t),
                (s, _) => s,
            };
        }
        None
    };
    let total = edge_dist(1.0)? + edge_dist(-1.0)?;
    Some(total / 7.0)
}

/// The version information codeword of version `v` (7–40): 6 data bits and
/// the BCH(18, 6) remainder (generator 0x1F25).
fn version_code(v: u32) -> u32 {
    let mut r = v << 12;
    for i in (12..18).rev() {
        if r & (1 << i) != 0 {
            r ^= 0x1F25 << (i - 12);
        }
    }
    (v << 12) | r
}

/// The version whose codeword is within 3 bits of `bits`.
fn decode_version(bits: u32) -> Option<u32> {
    (7..=40).find(|&v| (version_code(v) ^ bits).count_ones() <= 3)
}

/// A placed grid: the side in modules and the maps from module to pixel
/// coordinates, one per region (one for the whole code below version 7).
/// A part of a grid with its own map: (first module column, last, first
/// row, last, map).
type Region = (usize, usize, usize, usize, Persp);

pub(super) struct Grid {
    pub(super) size: usize,
    regions: Vec<Region>,
    /// A one-region grid's other map, tried when the first does not decode.
    flat: Option<Persp>,
}

impl Grid {
    /// Places a grid on `set`, or `None` when it does not fit (a version
    /// that cannot be, a degenerate map). `size_hint` overrides the side
    /// measured (to try a neighbour of a wrong estimate).
    pub(super) fn new(b: &Bits, set: &Set, size_hint: Option<usize>, fitted_rings: &mut Rings) -> Option<Grid> {
        let (tl, tr, bl) = (set.tl.c, set.tr.c, set.bl.c);
        let m_top = module_along(b, tl, tr).unwrap_or(set.tl.module) + module_along(b, tr, tl).unwrap_or(set.tr.module);
        let m_left =
            module_along(b, tl, bl).unwrap_or(set.tl.module) + module_along(b, bl, tl).unwrap_or(set.bl.module);
        let est = |d: f32, m: f32| d / (m / 2.0) + 7.0;
        let modules = (est(tl.dist(tr), m_top) + est(tl.dist(bl), m_left)) / 2.0;
        let module = (m_top + m_left) / 4.0;
        // Three points give an affine map; the version and alignment
        // search refine it.
        // The fourth corner from the three finders' sizes: in homogeneous
        // coordinates (x·w, y·w, w) is affine in the module coordinates,
        // and a pattern's size is about proportional to 1/w, so w at the
        // bottom right is w_tr + w_bl − w_tl. A flat, square-on code gives
        // the parallelogram.
        let br = {
            let (wtl, wtr, wbl) = (1.0 / set.tl.module, 1.0 / set.tr.module, 1.0 / set.bl.module);
            let wbr = wtr + wbl - wtl;
            let p = (tr * wtr + bl * wbl - tl * wtl) * (1.0 / wbr);
            let flat = tr + bl - tl;
            // Keep it within reach of the parallelogram: sizes are measured.
            if wbr > 0.0 && p.is_finite() && p.dist(flat) < 0.6 * tl.dist(flat) {
                p
            } else {
                flat
            }
        };
        // Better: the three finders' rings as quadrilaterals, 12 corners
        // and 3 centres for a least-squares projective map — perspective
        // without estimating a fourth point.
        let unit = |d: P| d * (1.0 / d.len().max(1e-3));
        let (u, v) = (unit(tr - tl), unit(bl - tl));
        let [it, ir, il] = set.ids;
        let rings = [
            fitted_rings.get(b, (it, &set.tl), u, v),
            fitted_rings.get(b, (ir, &set.tr), u, v),
            fitted_rings.get(b, (il, &set.bl), u, v),
        ];
        // Module → pixel pairs from the rings (empty if one is missing).
        let fitted_points = |size: usize| -> Vec<(P, P)> {
            let s = size as f32;
            let corner = [P::new(0.5, 0.5), P::new(6.5, 0.5), P::new(6.5, 6.5), P::new(0.5, 6.5)];
            let mut pts = Vec::with_capacity(15);
            let offsets = [
                (P::new(0.0, 0.0), tl),
                (P::new(s - 7.0, 0.0), tr),
                (P::new(0.0, s - 7.0), bl),
            ];
            for (ring, (off, centre)) in rings.iter().zip(offsets) {
                let Some(ring) = *ring else { return Vec::new() };
                for (k, q) in corner.iter().zip(ring) {
                    pts.push((*k + off, q));
                }
                pts.push((P::new(3.5, 3.5) + off, centre));
            }
            pts
        };
        let fitted_with = |size: usize, extra: &[(P, P)]| -> Option<Persp> {
            let pts = fitted_points(size);
            if pts.is_empty() {
                return None;
            }
            let (mut src, mut dst): (Vec<P>, Vec<P>) = pts.into_iter().unzip();
            for &(m, p) in extra {
                src.push(m);
                dst.push(p);
            }
            Persp::fit(&src, &dst)
        };
        let fitted = |size: usize| fitted_with(size, &[]);
        let affine = |size: usize| {
            if let Some(m) = fitted(size) {
                return Some(m);
            }
            let s = size as f32;
            Persp::quad_to_quad(
                [
                    P::new(3.5, 3.5),
                    P::new(s - 3.5, 3.5),
                    P::new(s - 3.5, s - 3.5),
                    P::new(3.5, s - 3.5),
                ],
                [tl, tr, br, bl],
            )
        };
        // The side: of the sizes near the measured one, the one under which
        // the timing patterns (row and column 6) alternate best. A set
        // whose timing patterns do not alternate is no code.
        let measured = ((modules - 17.0) / 4.0).round().clamp(1.0, 40.0) as usize * 4 + 17;
        // Module sizes below 2 pixels are measured ±20%: search wide;
        // larger ones within ±8 modules.
        let (lo, hi) = if module < 2.0 {
            (modules * 0.75 - 6.0, modules * 1.3 + 6.0)
        } else {
            (modules - 9.0, modules + 9.0)
        };
        let mut candidates: Vec<usize> = match size_hint {
            Some(s) => vec![s],
            None => (1..=40usize)
                .map(|v| 17 + 4 * v)
                .filter(|&s| (s as f32) >= lo && (s as f32) <= hi)
                .collect(),
        };
        // The timing patterns counted: every module between the finders'
        // separators is a run of its own, however foreshortened, so the
        // count gives the side where the spacing (and so the phase) under
        // perspective does not.
        let counted = affine(measured).and_then(|m| {
            let s = measured as f32;
            let row = timing_runs(b, m.map(P::new(7.5, 6.5)), m.map(P::new(s - 7.5, 6.5)), module);
            let col = timing_runs(b, m.map(P::new(6.5, 7.5)), m.map(P::new(6.5, s - 7.5)), module);
            let snap = |runs: usize| {
                let s = runs + 14;
                let v = ((s as f32 - 17.0) / 4.0).round().clamp(1.0, 40.0) as usize;
                (17 + 4 * v, s.abs_diff(17 + 4 * v))
            };
            let ((sr, er), (sc, ec)) = (snap(row?), snap(col?));
            (sr == sc && er <= 1 && ec <= 1).then_some(sr)
        });
        if let Some(c) = counted.filter(|_| size_hint.is_none()) {
            if !candidates.contains(&c) {
                candidates.push(c);
            }
        }
        // Each size's evidence: the timing phase, the run count, the
        // version information. Measured over real photos and the
        // distorted set: codes that decode show phase ≥ 0.7, or a count
        // that agrees with phase ≥ 0.58, or version information that agrees
        // with phase ≥ 0.6 or with the count; random finder look-alikes
        // mostly fall below (they pass the version check 1 time in 15,
        // since a random read is within 3 bits of some codeword).
        // The version information sits next to the top-right and
        // bottom-left finders, where any nearby size's map is right: read it
        // once, under the measured size.
        let named = if size_hint.is_none() && measured >= 41 {
            affine(measured.max(45))
                .and_then(|m| read_version(b, measured.max(45), &m))
                .map(|v| 17 + 4 * v as usize)
        } else {
            None
        };
        if let Some(n) = named.filter(|n| n.abs_diff(measured) <= 24) {
            if !candidates.contains(&n) {
                candidates.push(n);
            }
        }
        let mut best: Option<(f32, Evidence, usize, Persp)> = None;
        for s in candidates {
            let Some(m) = affine(s) else { continue };
            let e = Evidence {
                phase: timing_score(b, s, &m),
                counted: Some(s) == counted,
                version: Some(s) == named,
            };
            let rank = e.phase + if e.counted { 0.25 } else { 0.0 } + if e.version { 0.5 } else { 0.0 };
            if best.as_ref().is_none_or(|(r, ..)| rank > *r + 1e-3) {
                best = Some((rank, e, s, m));
            }
        }
        let (_, evidence, size, mut map) = best?;
        // Version information with a poor phase: the phase again once the
        // alignment pattern has placed the grid (perspective spoils it).
        if !evidence.enough() && (!evidence.version || evidence.phase < 0.4) {
            return None;
        }
        let centres = alignment_centres((size - 17) / 4);
        let s = size as f32;
        // The bottom-right alignment pattern (all versions but 1).
        let ring_fit = fitted(size).is_some();
        let mut aligned = false;
        if let Some(&last) = centres.last() {
            let c = f32::from(last) + 0.5;
            let guess = map.map(P::new(c, c));
            // A map fitted to the rings predicts it closely.
            let reach = if ring_fit { 2.5 } else { 4.0 };
            if let Some(found) = find_alignment(b, guess, module, reach) {
                let src = [
                    P::new(3.5, 3.5),
                    P::new(s - 3.5, 3.5),
                    P::new(c, c),
                    P::new(3.5, s - 3.5),
                ];
                let refined = if ring_fit {
                    fitted_with(size, &[(P::new(c, c), found)])
                } else {
                    Persp::quad_to_quad(src, [tl, tr, found, bl])
                };
                if let Some(m) = refined {
                    map = m;
                    aligned = true;
                }
            }
        }
        // Without an alignment pattern (version 1, or none found) the
        // rings' perspective is extrapolated to the far corner, where a
        // small error in it misplaces modules on a flat code: the
        // parallelogram on the three centres is the second guess.
        let flat = (!aligned && ring_fit)
            .then(|| {
                Persp::quad_to_quad(
                    [
                        P::new(3.5, 3.5),
                        P::new(s - 3.5, 3.5),
                        P::new(s - 3.5, s - 3.5),
                        P::new(3.5, s - 3.5),
                    ],
                    [tl, tr, tr + bl - tl, bl],
                )
            })
            .flatten();
        if !evidence.enough() && timing_score(b, size, &map) < 0.6 {
            return None;
        }
        let mut regions = vec![(0, size - 1, 0, size - 1, map)];
        if centres.len() >= 3 {
            // The alignment grid's corners at the finders are the rings'
            // inner corners: (6.5, 6.5), (s − 6.5, 6.5), (6.5, s − 6.5).
            let anchors = match rings {
                [Some(a), Some(t), Some(l)] if ring_fit => Some([a[2], t[3], l[1]]),
                _ => None,
            };
            let base = fitted_points(size);
            if let Some(r) = local_regions(b, size, centres, &map, module, anchors, &base) {
                regions = r;
            }
        }
        let flat = flat.filter(|_| regions.len() == 1);
        Some(Grid { size, regions, flat })
    }

    /// The second guess of a grid placed without an alignment pattern
    /// (see [`Grid::new`]).
    pub(super) fn flat(&self) -> Option<Grid> {
        let map = self.flat?;
        Some(Grid {
            size: self.size,
            regions: vec![(0, self.size - 1, 0, self.size - 1, map)],
            flat: None,
        })
    }

    /// Reads every module from the grey image (bilinear, at its centre) and
    /// thresholds it against the mean of the 7×7 modules around it: a
    /// threshold in the code's own space, which the dark ground around a
    /// code or a shadow across it does not pull. `invert` for light codes
    /// on dark ground.
    pub(super) fn sample_gray(&self, g: &Gray, invert: bool, mirror: bool) -> Option<Vec<bool>> {
        let n = self.size;
        let mut v = vec![0f32; n * n];
        let mut outside = 0usize;
        let px = |x: i64, y: i64| -> f32 {
            let (x, y) = (x.clamp(0, g.w as i64 - 1) as usize, y.clamp(0, g.h as i64 - 1) as usize);
            f32::from(g.px.get(y * g.w + x).copied().unwrap_or(255))
        };
        let mut last: Option<&Region> = None;
        for y in 0..n {
            for x in 0..n {
                let map = self.region_after(&mut last, x, y)?;
                let p = map.map(P::new(x as f32 + 0.5, y as f32 + 0.5));
                if !p.is_finite() || p.x < 0.0 || p.y < 0.0 || p.x >= g.w as f32 || p.y >= g.h as f32 {
                    outside += 1;
                }
                let (fx, fy) = (p.x - 0.5, p.y - 0.5);
                let (x0, y0) = (fx.floor(), fy.floor());
                let (ax, ay) = (fx - x0, fy - y0);
                let (ix, iy) = (x0 as i64, y0 as i64);
                let val = if p.is_finite() {
                    (px(ix, iy) * (1.0 - ax) + px(ix + 1, iy) * ax) * (1.0 - ay)
                        + (px(ix, iy + 1) * (1.0 - ax) + px(ix + 1, iy + 1) * ax) * ay
                } else {
                    255.0
                };
                if let Some(c) = v.get_mut(y * n + x) {
                    *c = if invert { 255.0 - val } else { val };
                }
            }
        }
        if outside * 10 >= n * n {
            return None;
        }
        // Module-space box means (radius 3), clamped at the edges, from a
        // summed-area table: four lookups a module instead of 49 adds.
        // (f64: the table's sums reach 255 × 177², beyond f32's exact
        // integers once the samples' fractions are in.)
        let w = n + 1;
        let mut sat = vec![0f64; w * w];
        for y in 0..n {
            let mut row = 0f64;
            for x in 0..n {
                row += f64::from(v.get(y * n + x).copied().unwrap_or(0.0));
                let above = sat.get(y * w + x + 1).copied().unwrap_or(0.0);
                if let Some(cell) = sat.get_mut((y + 1) * w + x + 1) {
                    *cell = above + row;
                }
            }
        }
        let at = |x: usize, y: usize| sat.get(y * w + x).copied().unwrap_or(0.0);
        let mut dark = vec![false; n * n];
        for y in 0..n {
            for x in 0..n {
                let (y0, y1) = (y.saturating_sub(3), (y + 3).min(n - 1));
                let (x0, x1) = (x.saturating_sub(3), (x + 3).min(n - 1));
                let sum = at(x1 + 1, y1 + 1) - at(x0, y1 + 1) - at(x1 + 1, y0) + at(x0, y0);
                let mean = (sum / ((y1 - y0 + 1) * (x1 - x0 + 1)) as f64) as f32;
                let d = v.get(y * n + x).copied().unwrap_or(255.0) < mean;
                let (cx, cy) = if mirror { (y, x) } else { (x, y) };
                if let Some(cell) = dark.get_mut(cy * n + cx) {
                    *cell = d;
                }
            }
        }
        Some(dark)
    }

    /// [`Grid::region`] for a walk over the modules: regions are
    /// rectangles that do not overlap, so `last` (the region of the module
    /// before) serves until a module falls outside it.
    fn region_after<'g>(&'g self, last: &mut Option<&'g Region>, x: usize, y: usize) -> Option<&'g Persp> {
        match *last {
            Some(r) if (r.0..=r.1).contains(&x) && (r.2..=r.3).contains(&y) => Some(&r.4),
            _ => {
                let r = self.region_of(x, y)?;
                *last = Some(r);
                Some(&r.4)
            }
        }
    }

    /// The map for module (x, y).
    fn region(&self, x: usize, y: usize) -> Option<&Persp> {
        self.region_of(x, y).map(|r| &r.4)
    }

    /// The region holding module (x, y), or the first one.
    fn region_of(&self, x: usize, y: usize) -> Option<&Region> {
        self.regions
            .iter()
            .find(|(x0, x1, y0, y1, _)| (*x0..=*x1).contains(&x) && (*y0..=*y1).contains(&y))
            .or_else(|| self.regions.first())
    }

    /// The pixel position of module coordinates `p` (module (x, y) spans
    /// x..x+1, y..y+1).
    pub(super) fn to_pixel(&self, p: P) -> Option<P> {
        let (x, y) = (p.x.max(0.0) as usize, p.y.max(0.0) as usize);
        let q = self.region(x.min(self.size - 1), y.min(self.size - 1))?.map(p);
        q.is_finite().then_some(q)
    }

    /// Reads every module (`true` = dark, row by row). `None` when too
    /// many modules fall outside the image.
    pub(super) fn sample(&self, b: &Bits, module_px: f32) -> Option<Vec<bool>> {
        let n = self.size;
        let mut dark = vec![false; n * n];
        // Large modules: vote with four points a quarter module from the centre.
        let vote = module_px >= 4.0;
        let mut outside = 0usize;
        let mut last: Option<&Region> = None;
        for y in 0..n {
            for x in 0..n {
                let map = self.region_after(&mut last, x, y)?;
                let read = |dx: f32, dy: f32| {
                    let p = map.map(P::new(x as f32 + 0.5 + dx, y as f32 + 0.5 + dy));
                    (p.is_finite() && p.x >= 0.0 && p.y >= 0.0 && (p.x as usize) < b.w && (p.y as usize) < b.h)
                        .then(|| b.get(p.x as i32, p.y as i32))
                };
                let Some(centre) = read(0.0, 0.0) else {
                    outside += 1;
                    continue;
                };
                let d = if vote {
                    // Dark with 3 of 6 votes, the centre's counting twice:
                    // the corners are read only until the outcome is known.
                    let q = 0.25;
                    let mut need = if centre { 1 } else { 3 };
                    let mut left = 4;
                    for (dx, dy) in [(-q, -q), (q, -q), (-q, q), (q, q)] {
                        if need == 0 || need > left {
                            break;
                        }
                        left -= 1;
                        need -= usize::from(read(dx, dy) == Some(true));
                    }
                    need == 0
                } else {
                    centre
                };
                if let Some(cell) = dark.get_mut(y * n + x) {
                    *cell = d;
                }
            }
        }
        (outside * 10 < n * n).then_some(dark)
    }
}

impl Grid {
    /// A "pure" code: the image is one upright code on light ground (a
    /// screenshot, a generated PNG, a scan cropped to the code), however
    /// small its modules: the dark pixels' bounding box is the code, and
    /// of the sizes whose modules fit it, the one whose timing patterns
    /// (and version information) read best.
    /// Also gives the module size in pixels.
    pub(super) fn pure(b: &Bits, corner: bool) -> Option<(Grid, f32)> {
        let (left, top, right, bottom) = b.dark_box()?;
        let (w, h) = ((right - left + 1) as f32, (bottom - top + 1) as f32);
        if w < 21.0 || (w - h).abs() > w * 0.05 + 1.0 {
            return None;
        }
        // With `corner`: the top-left corner opens a finder, along the
        // diagonal into it dark, light, dark, light, dark at 1:1:3:1:1,
        // then light (cheap, and the box of most photos fails it before the
        // sizes are tried; a low-contrast code's binarised corner may fail
        // it too, so the reader asks without it as a last resort).
        if corner && !opens_finder(b, (left, top, right, bottom)) {
            return None;
        }
        // The top-left corner must open a finder: dark for about a seventh
        // of the way along the diagonal into it is too loose; the row
        // through its middle must be a 1:1:3:1:1 cut.
        let mut best: Option<(f32, usize, Persp)> = None;
        for v in 1..=40usize {
            let size = 17 + 4 * v;
            let module = w / size as f32;
            if module < 0.8 {
                break;
            }
            let (x0, y0) = (left as f32, top as f32);
            let s = size as f32;
            let Some(map) = Persp::quad_to_quad(
                [P::new(0.0, 0.0), P::new(s, 0.0), P::new(s, s), P::new(0.0, s)],
                [
                    P::new(x0, y0),
                    P::new(x0 + w, y0),
                    P::new(x0 + w, y0 + h),
                    P::new(x0, y0 + h),
                ],
            ) else {
                continue;
            };
            // A size qualifies with score 0.8 (the timing share, plus 0.5
            // when the version information names it): the timing look
            // stops once it cannot (most boxes, a photo's, are no code).
            let named = size >= 45 && read_version(b, size, &map).is_some_and(|v| 17 + 4 * v as usize == size);
            let bonus = if named { 0.5 } else { 0.0 };
            let Some(timing) = timing_score_reaching(b, size, &map, 0.8 - bonus) else {
                continue;
            };
            let score = timing + bonus;
            if best.as_ref().is_none_or(|(bs, _, _)| score > *bs) {
                best = Some((score, size, map));
            }
        }
        let (score, size, map) = best?;
        (score >= 0.8).then(|| {
            let grid = Grid {
                size,
                regions: vec![(0, size - 1, 0, size - 1, map)],
                flat: None,
            };
            (grid, w / size as f32)
        })
    }
}

/// Whether the diagonal into the top-left corner of the box `(left, top,
/// right, bottom)` crosses a finder: dark, light, dark, light, dark runs at
/// 1:1:3:1:1, then light.
fn opens_finder(b: &Bits, (left, top, right, bottom): (usize, usize, usize, usize)) -> bool {
    let mut runs = [0u32; 5];
    let (mut k, mut colour) = (0usize, true);
    let reach = (right - left).min(bottom - top) as i32;
    for i in 0..=reach {
        let dark = b.get(left as i32 + i, top as i32 + i);
        if dark != colour {
            k += 1;
            colour = dark;
            if k == 5 {
                break;
            }
        }
        if let Some(r) = runs.get_mut(k) {
            *r += 1;
        }
    }
    k == 5 && super::finder::finder_ratio(runs).is_some()
}

/// What says a finder triple is a code of a given size.
#[derive(Debug, Clone, Copy)]
struct Evidence {
    /// Share of timing modules that read right under the first map.
    phase: f32,
    /// The timing patterns' run counts give this size.
    counted: bool,
    /// The version information names this size.
    version: bool,
}

impl Evidence {
    fn enough(&self) -> bool {
        self.phase >= 0.7
            || (self.counted && self.phase >= 0.58)
            || (self.version && (self.counted || self.phase >= 0.6))
    }
}

/// The share of the timing pattern modules (row and column 6, between the
/// finders; dark at even positions) that read as they should under `map`.
fn timing_score(b: &Bits, size: usize, map: &Persp) -> f32 {
    timing_score_reaching(b, size, map, 0.0).unwrap_or(0.0)
}

/// [`timing_score`] when it is at least `floor`; `None`, sooner, when it
/// cannot be.
fn timing_score_reaching(b: &Bits, size: usize, map: &Persp, floor: f32) -> Option<f32> {
    let total = 2 * size.saturating_sub(16) as u32;
    // Misses allowed: the share stays ≥ floor while misses ≤ (1 − floor)·total.
    let allowed = ((1.0 - floor).max(0.0) * total as f32).floor() as u32;
    let mut misses = 0u32;
    for i in 8..size.saturating_sub(8) {
        let want = i % 2 == 0;
        let c = i as f32 + 0.5;
        for p in [map.map(P::new(c, 6.5)), map.map(P::new(6.5, c))] {
            misses += u32::from(!(p.is_finite() && b.get(p.x as i32, p.y as i32) == want));
        }
        if misses > allowed {
            return None;
        }
    }
    let share = if total == 0 {
        0.0
    } else {
        (total - misses) as f32 / total as f32
    };
    (share >= floor).then_some(share)
}

/// The runs of alternating colour along `from`–`to` (a timing pattern,
/// separators included), sampled every half pixel; runs shorter than 0.4
/// of a module (`module` pixels) are noise and merged into their
/// neighbours. `None` for a line too short to hold a module per run.
fn timing_runs(b: &Bits, from: P, to: P, module: f32) -> Option<usize> {
    if !from.is_finite() || !to.is_finite() {
        return None;
    }
    let len = from.dist(to);
    let steps = (len * 2.0).ceil() as usize;
    if !(4..=20_000).contains(&steps) {
        return None;
    }
    let min = (module * 0.8).max(1.0) as usize; // 0.4 module, in half pixels
    let mut runs: Vec<usize> = Vec::new();
    let mut last = None;
    for i in 0..=steps {
        let p = from + (to - from) * (i as f32 / steps as f32);
        let dark = b.get(p.x as i32, p.y as i32);
        if Some(dark) == last {
            if let Some(r) = runs.last_mut() {
                *r += 1;
            }
        } else {
            runs.push(1);
            last = Some(dark);
        }
    }
    // Merge each short run with its neighbours (which share a colour).
    let mut merged: Vec<usize> = Vec::with_capacity(runs.len());
    let mut i = 0;
    while i < runs.len() {
        let r = runs.get(i).copied().unwrap_or(0);
        if r < min && !merged.is_empty() && i + 1 < runs.len() {
            let next = runs.get(i + 1).copied().unwrap_or(0);
            if let Some(m) = merged.last_mut() {
                *m += r + next;
            }
            i += 2;
        } else {
            merged.push(r);
            i += 1;
        }
    }
    Some(merged.len())
}

/// Reads the version information (either copy) with the grid `map` of
/// side `size`.
fn read_version(b: &Bits, size: usize, map: &Persp) -> Option<u32> {
    let s = size as f32;
    let bit = |x: f32, y: f32| {
        let p = map.map(P::new(x + 0.5, y + 0.5));
        u32::from(b.get(p.x as i32, p.y as i32))
    };
    let (mut top_right, mut bottom_left) = (0u32, 0u32);
    for i in (0..18).rev() {
        let (a, c) = ((i / 3) as f32, (i % 3) as f32);
        top_right = (top_right << 1) | bit(s - 11.0 + c, a);
        bottom_left = (bottom_left << 1) | bit(a, s - 11.0 + c);
    }
    decode_version(top_right).or_else(|| decode_version(bottom_left))
}

/// The centre of an alignment pattern (a dark module in a light ring in a
/// dark ring) near `guess`, modules of about `module` pixels: of the
/// candidates within `reach` modules whose row and column cuts both read dark,
/// light, dark, light, dark with the inner three about a module each, the
/// one nearest the guess.
fn find_alignment(b: &Bits, guess: P, module: f32, reach: f32) -> Option<P> {
    if !guess.is_finite() {
        return None;
    }
    let r = (module * reach).max(3.0) as i32;
    let (gx, gy) = (guess.x as i32, guess.y as i32);
    let mut best: Option<(f32, P)> = None;
    let one = |v: u32| (v as f32) >= module * 0.4 && (v as f32) <= module * 1.9 + 1.0;
    let outer = |v: u32| (v as f32) >= module * 0.4;
    // A cut through (x, y) along (dx, dy): the centre run's start offset
    // and length, if it has the alignment shape.
    let cut = |x: i32, y: i32, dx: i32, dy: i32| -> Option<(i32, u32)> {
        let back = run(b, x, y, -dx, -dy, true);
        let fwd = run(b, x, y, dx, dy, true);
        if back == 0 {
            return None;
        }
        let len = back + fwd - 1;
        let start = -(back as i32) + 1;
        let (sx, sy) = (x + start * dx, y + start * dy);
        let (ex, ey) = (sx + len as i32 * dx, sy + len as i32 * dy);
        let l1 = run(b, sx - dx, sy - dy, -dx, -dy, false);
        let r1 = run(b, ex, ey, dx, dy, false);
        let l2 = run(b, sx - dx * (l1 as i32 + 1), sy - dy * (l1 as i32 + 1), -dx, -dy, true);
        let r2 = run(b, ex + dx * r1 as i32, ey + dy * r1 as i32, dx, dy, true);
        (one(len) && one(l1) && one(r1) && outer(l2) && outer(r2)).then_some((start, len))
    };
    // Rows nearest the guess first.
    for dy in 0..=2 * r {
        let y = gy + if dy % 2 == 0 { dy / 2 } else { -(dy / 2) - 1 };
        let mut x = gx - r;
        while x <= gx + r {
            if !b.get(x, y) {
                x += 1;
                continue;
            }
            let len = run(b, x, y, 1, 0, true).max(1);
            if let Some((_, hlen)) = cut(x, y, 1, 0) {
                let cx = x as f32 + hlen as f32 / 2.0;
                if let Some((vstart, vlen)) = cut(cx as i32, y, 0, 1) {
                    let p = P::new(cx, (y + vstart) as f32 + vlen as f32 / 2.0);
                    let d = p.dist(guess);
                    if best.is_none_or(|(bd, _)| d < bd) {
                        best = Some((d, p));
                    }
                }
            }
            x += len as i32;
        }
        if let Some((d, p)) = best {
            // Rows further out cannot beat a candidate this close.
            if d <= (dy / 2) as f32 {
                return Some(p);
            }
        }
    }
    best.map(|(_, p)| p)
}

/// The length of the run of colour `dark` from (x, y) along (dx, dy), at
/// most 64 pixels.
fn run(b: &Bits, x: i32, y: i32, dx: i32, dy: i32, dark: bool) -> u32 {
    let mut n = 0;
    let (mut px, mut py) = (x, y);
    while n < 64 && b.get(px, py) == dark && px >= 0 && py >= 0 && (px as usize) < b.w && (py as usize) < b.h {
        n += 1;
        px += dx;
        py += dy;
    }
    n
}

/// One map per cell between four neighbouring alignment patterns (version
/// 7 and up). Each pattern is searched for within 2 modules of where the
/// map fitted so far puts it; the map is refitted to the patterns found,
/// and a pattern more than a module off the refit is dropped as a
/// look-alike; patterns not found are where the refit puts them. `base`:
/// the correspondences the global map was fitted to (the finders' rings).
fn local_regions(
    b: &Bits,
    size: usize,
    centres: &[u8],
    global: &Persp,
    module: f32,
    anchors: Option<[P; 3]>,
    base: &[(P, P)],
) -> Option<Vec<Region>> {
    let n = centres.len();
    let c = |i: usize| f32::from(centres.get(i).copied().unwrap_or(0)) + 0.5;
    let idx = |x: usize, y: usize| y * n + x;
    let corner = |x: usize, y: usize| (y == 0 && (x == 0 || x == n - 1)) || (x == 0 && y == n - 1);
    let mut hits: Vec<(usize, P, P)> = Vec::new(); // (index, module, pixel)
    for y in 0..n {
        for x in 0..n {
            if corner(x, y) {
                continue;
            }
            let m = P::new(c(x), c(y));
            if let Some(p) = find_alignment(b, global.map(m), module, 2.0) {
                hits.push((idx(x, y), m, p));
            }
        }
    }
    // Refit to the finders and the patterns found; drop the outliers once.
    let refit = |hits: &[(usize, P, P)]| -> Option<Persp> {
        if base.len() + hits.len() < 4 {
            return None;
        }
        let (mut src, mut dst): (Vec<P>, Vec<P>) = base.iter().copied().unzip();
        for &(_, m, p) in hits {
            src.push(m);
            dst.push(p);
        }
        Persp::fit(&src, &dst)
    };
    let mut fit = refit(&hits).unwrap_or(*global);
    let before = hits.len();
    hits.retain(|&(_, m, p)| fit.map(m).dist(p) <= module);
    if hits.len() < before {
        fit = refit(&hits).unwrap_or(fit);
    }
    if hits.len() * 2 < n * n - 3 {
        return None;
    }
    let mut at: Vec<Option<P>> = (0..n * n).map(|i| Some(fit.map(P::new(c(i % n), c(i / n))))).collect();
    for (i, _, p) in &hits {
        if let Some(slot) = at.get_mut(*i) {
            *slot = Some(*p);
        }
    }
    // The three finder corners: the rings' inner corners when known.
    if let Some(a) = anchors {
        for (k, (x, y)) in [(0, 0), (n - 1, 0), (0, n - 1)].into_iter().enumerate() {
            if let (Some(slot), Some(&p)) = (at.get_mut(idx(x, y)), a.get(k)) {
                *slot = Some(p);
            }
        }
    }
    let mut regions = Vec::with_capacity((n - 1) * (n - 1));
    for y in 0..n - 1 {
        for x in 0..n - 1 {
            let quad = [
                at.get(idx(x, y)).copied().flatten()?,
                at.get(idx(x + 1, y)).copied().flatten()?,
                at.get(idx(x + 1, y + 1)).copied().flatten()?,
                at.get(idx(x, y + 1)).copied().flatten()?,
            ];
            let src = [
                P::new(c(x), c(y)),
                P::new(c(x + 1), c(y)),
                P::new(c(x + 1), c(y + 1)),
                P::new(c(x), c(y + 1)),
            ];
            let map = Persp::quad_to_quad(src, quad)?;
            let cx = |i: usize| usize::from(centres.get(i).copied().unwrap_or(0));
            let x0 = if x == 0 { 0 } else { cx(x) };
            let x1 = if x == n - 2 { size - 1 } else { cx(x + 1) - 1 };
            let y0 = if y == 0 { 0 } else { cx(y) };
            let y1 = if y == n - 2 { size - 1 } else { cx(y + 1) - 1 };
            regions.push((x0, x1, y0, y1, map));
        }
    }
    Some(regions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ring_fitted_in_a_turned_frame_is_the_same_ring_renamed() {
        // A finder-like pattern of 5-pixel modules (dark centre, light
        // ring, dark ring), turned 20° from the image's axes.
        let (w, h, m) = (80usize, 80usize, 5.0f32);
        let (c, a) = (P::new(40.3, 39.6), 20f32.to_radians());
        let (u, v) = (P::new(a.cos(), a.sin()), P::new(-a.sin(), a.cos()));
        let px = (0..w * h)
            .map(|i| {
                let d = P::new((i % w) as f32 + 0.5, (i / w) as f32 + 0.5) - c;
                let r = (d.dot(u).abs().max(d.dot(v).abs()) / m).floor();
                if r == 1.0 || r == 3.0 {
                    255
                } else {
                    0
                }
            })
            .collect();
        let b = super::super::bits::global(&Gray { px, w, h });
        let f = Finder { c, module: m, hits: 10 };
        let mut rings = Rings::default();
        let first = rings.get(&b, (0, &f), u, v).expect("a ring");
        // A quarter turn (and a little more), right-handed as before: from
        // the cache, the corners renamed; the same as a fresh fit.
        let t = 5f32.to_radians();
        let turn = |p: P| P::new(p.x * t.cos() - p.y * t.sin(), p.x * t.sin() + p.y * t.cos());
        let (u2, v2) = (turn(v), turn(P::new(0.0, 0.0) - u));
        let cached = rings.get(&b, (0, &f), u2, v2).expect("a ring");
        assert_eq!(rings.0.len(), 1, "reused");
        let fresh = super::super::finder::ring_quad(&b, c, u2, v2, m).expect("a ring");
        for (p, q) in cached.iter().zip(&fresh) {
            assert!(p.dist(*q) < 0.5 * m, "{p:?} vs {q:?}");
        }
        assert!(cached[0].dist(first[1]) < 1e-3);
        // Mirrored (left-handed) or turned 45°: fitted anew.
        rings.get(&b, (0, &f), u, P::new(0.0, 0.0) - v);
        let eighth = |p: P| P::new(p.x - p.y, p.x + p.y) * std::f32::consts::FRAC_1_SQRT_2;
        rings.get(&b, (0, &f), eighth(u), eighth(v));
        assert_eq!(rings.0.len(), 3);
    }

    #[test]
    fn the_early_stopping_timing_look_agrees_with_the_full_one() {
        // Random images (and a checkerboard, whose timing reads well), maps
        // onto quads of several sizes: the share is given exactly when it
        // reaches the floor, and only then.
        let mut seed = 0x2545_f491_u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for image in 0..4 {
            let (w, h) = (240usize, 240usize);
            let px: Vec<u8> = (0..w * h)
                .map(|i| match image {
                    0 => (((i % w) / 3 + (i / w) / 3) % 2 * 255) as u8,
                    _ => (next() % 256) as u8,
                })
                .collect();
            let b = super::super::bits::global(&Gray { px, w, h });
            for size in (21..=177).step_by(12) {
                let s = size as f32;
                let side = 60.0 + (next() % 170) as f32;
                let Some(map) = Persp::quad_to_quad(
                    [P::new(0.0, 0.0), P::new(s, 0.0), P::new(s, s), P::new(0.0, s)],
                    [
                        P::new(2.0, 3.0),
                        P::new(side, 1.0),
                        P::new(side + 4.0, side),
                        P::new(0.0, side - 2.0),
                    ],
                ) else {
                    continue;
                };
                let full = timing_score(&b, size, &map);
                for floor in [0.0, 0.3, 0.5, 0.8, 1.0] {
                    let early = timing_score_reaching(&b, size, &map, floor);
                    assert_eq!(
                        early,
                        (full >= floor).then_some(full),
                        "image {image} size {size} floor {floor}"
                    );
                }
            }
        }
    }

    #[test]
    fn version_codes_match_the_standard() {
        // ISO/IEC 18004 Table D.1.
        assert_eq!(version_code(7), 0x07C94);
        assert_eq!(version_code(8), 0x085BC);
        assert_eq!(version_code(40), 0x28C69);
        assert_eq!(decode_version(0x07C94 ^ 0b101), Some(7));
        assert_eq!(decode_version(0x28C69 ^ 0b1_0000_0001_0001), Some(40));
        assert_eq!(decode_version(0), None);
        for v in 7..=40 {
            assert_eq!(
                ALIGNMENT[v as usize - 1].last().copied().map(usize::from),
                Some(17 + 4 * v as usize - 7)
            );
        }
    }
}
