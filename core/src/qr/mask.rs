//! The mask choice of ISO/IEC 18004 §7.8.3, made on bit rows.
//!
//! `qrcodegen` picks the mask by applying each of the 8 in turn to its
//! module array and scoring it one module at a time; for a version-10 code
//! that is ~85% of the time `encode` takes. Here the code is built once with
//! mask 0, the other seven are derived from it by XOR on 64-bit words (the
//! mask patterns differ only on data modules, and in the format bits), and
//! each is scored with the same rules and the same arithmetic as
//! `qrcodegen::QrCode::get_penalty_score` (N1 runs, N2 blocks, N3 finder-like
//! patterns with a light border, N4 balance). The chosen mask is then handed
//! to `qrcodegen`, so the symbol is exactly the one it would have chosen
//! itself; tests check both the derived matrices and the choice against it.

use qrcodegen::{Mask, QrCode, QrCodeEcc, QrSegment, Version};

/// Words per bit row: 177 modules (version 40) fit in 3.
const W: usize = 3;
type Line = [u64; W];

const N1: i32 = 3;
const N2: i32 = 3;
const N3: i32 = 40;
const N4: i32 = 10;

/// `QrCode::encode_segments_advanced` with an automatic mask (`None`), the
/// mask chosen here: the same symbol, about twice as fast at version 10.
pub(crate) fn encode(
    segs: &[QrSegment],
    ecl: QrCodeEcc,
    min: Version,
    max: Version,
    boost_ecl: bool,
) -> Result<QrCode, qrcodegen::DataTooLong> {
    let code0 = QrCode::encode_segments_advanced(segs, ecl, min, max, Some(Mask::new(0)), boost_ecl)?;
    let best = best_mask(&code0);
    if best == 0 {
        return Ok(code0);
    }
    // Same data, version and level: only the mask differs.
    let v = code0.version();
    QrCode::encode_segments_advanced(segs, code0.error_correction_level(), v, v, Some(Mask::new(best)), false)
}

/// The mask `qrcodegen` would choose for the symbol `code0` (built with mask 0).
fn best_mask(code0: &QrCode) -> u8 {
    let m = Matrices::new(code0);
    let mut best = (i32::MAX, 0);
    for k in 0..8 {
        let (rows, cols) = m.with_mask(k);
        let p = penalty(&rows, &cols, m.size);
        if p < best.0 {
            best = (p, k);
        }
    }
    best.1
}

/// A symbol built with mask 0, as bit rows and bit columns, with what the
/// other masks change.
struct Matrices {
    size: usize,
    ecl: u32,
    rows: Vec<Line>,
    cols: Vec<Line>,
    /// Data modules (not function patterns), by row and by column.
    data_rows: Vec<Line>,
    data_cols: Vec<Line>,
}

#[cfg(test)]
fn get(l: &Line, i: usize) -> bool {
    l.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

fn set(l: &mut Line, i: usize) {
    if let Some(w) = l.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

fn flip(l: &mut Line, i: usize) {
    if let Some(w) = l.get_mut(i / 64) {
        *w ^= 1 << (i % 64);
    }
}

/// Whether mask `k` inverts the module at column `x`, row `y` (§7.8.2);
/// the image reader's decoder unmasks with it too.
pub(crate) fn pattern(k: u8, x: usize, y: usize) -> bool {
    match k {
        0 => (x + y).is_multiple_of(2),
        1 => y.is_multiple_of(2),
        2 => x.is_multiple_of(3),
        3 => (x + y).is_multiple_of(3),
        4 => (x / 3 + y / 2).is_multiple_of(2),
        5 => x * y % 2 + x * y % 3 == 0,
        6 => (x * y % 2 + x * y % 3).is_multiple_of(2),
        _ => ((x + y) % 2 + x * y % 3).is_multiple_of(2),
    }
}

/// The 15 format bits for level bits `ecl` and mask `k` (BCH(15,5), XOR 0x5412).
fn format_bits(ecl: u32, k: u8) -> u32 {
    let data = ecl << 3 | u32::from(k);
    let mut rem = data;
    for _ in 0..10 {
        rem = (rem << 1) ^ ((rem >> 9) * 0x537);
    }
    (data << 10 | rem) ^ 0x5412
}

/// Where format bit `i` is drawn: two `(x, y)` places.
fn format_places(size: usize, i: usize) -> [(usize, usize); 2] {
    let first = match i {
        0..=5 => (8, i),
        6 => (8, 7),
        7 => (8, 8),
        8 => (7, 8),
        _ => (14 - i, 8),
    };
    let second = if i < 8 { (size - 1 - i, 8) } else { (8, size - 15 + i) };
    [first, second]
}

/// Function modules (finders and separators, timing, alignment, format and
/// version areas), drawn as `qrcodegen` draws them.
fn function_modules(version: u8, size: usize) -> Vec<bool> {
    let mut f = vec![false; size * size];
    let mut mark = |x: usize, y: usize| {
        if let Some(m) = f.get_mut(y * size + x) {
            *m = true;
        }
    };
    for i in 0..size {
        mark(6, i);
        mark(i, 6);
    }
    for (cx, cy) in [(3, 3), (size - 4, 3), (3, size - 4)] {
        for y in cy.saturating_sub(4)..=(cy + 4).min(size - 1) {
            for x in cx.saturating_sub(4)..=(cx + 4).min(size - 1) {
                mark(x, y);
            }
        }
    }
    let align: Vec<usize> = if version == 1 {
        Vec::new()
    } else {
        let v = usize::from(version);
        let n = v / 7 + 2;
        let step = if v == 32 {
            26
        } else {
            (v * 4 + n * 2 + 1) / (n * 2 - 2) * 2
        };
        let mut p: Vec<usize> = (0..n - 1).map(|i| size - 7 - i * step).collect();
        p.push(6);
        p.reverse();
        p
    };
    let last = align.len().saturating_sub(1);
    for (i, &ax) in align.iter().enumerate() {
        for (j, &ay) in align.iter().enumerate() {
            if (i, j) == (0, 0) || (i, j) == (0, last) || (i, j) == (last, 0) {
                continue;
            }
            for y in ay - 2..=ay + 2 {
                for x in ax - 2..=ax + 2 {
                    mark(x, y);
                }
            }
        }
    }
    for i in 0..15 {
        for (x, y) in format_places(size, i) {
            mark(x, y);
        }
    }
    mark(8, size - 8);
    if version >= 7 {
        for i in 0..18 {
            let (a, b) = (size - 11 + i % 3, i / 3);
            mark(a, b);
            mark(b, a);
        }
    }
    f
}

impl Matrices {
    fn new(code0: &QrCode) -> Self {
        let size = usize::try_from(code0.size()).unwrap_or(0);
        let ecl = match code0.error_correction_level() {
            QrCodeEcc::Low => 1,
            QrCodeEcc::Medium => 0,
            QrCodeEcc::Quartile => 3,
            QrCodeEcc::High => 2,
        };
        let func = function_modules(code0.version().value(), size);
        let mut m = Matrices {
            size,
            ecl,
            rows: vec![[0; W]; size],
            cols: vec![[0; W]; size],
            data_rows: vec![[0; W]; size],
            data_cols: vec![[0; W]; size],
        };
        for y in 0..size {
            for x in 0..size {
                // Both fit in i32: size ≤ 177.
                if code0.get_module(x as i32, y as i32) {
                    if let Some(r) = m.rows.get_mut(y) {
                        set(r, x)
                    }
                    if let Some(c) = m.cols.get_mut(x) {
                        set(c, y)
                    }
                }
                if !func.get(y * size + x).copied().unwrap_or(true) {
                    if let Some(r) = m.data_rows.get_mut(y) {
                        set(r, x)
                    }
                    if let Some(c) = m.data_cols.get_mut(x) {
                        set(c, y)
                    }
                }
            }
        }
        m
    }

    /// Rows and columns of the symbol with mask `k` instead of mask 0.
    fn with_mask(&self, k: u8) -> (Vec<Line>, Vec<Line>) {
        let size = self.size;
        // Mask patterns repeat every 12 rows and every 12 columns.
        let template = |swap: bool| -> Vec<Line> {
            (0..12)
                .map(|j| {
                    let mut l = [0; W];
                    for i in 0..size {
                        let (x, y) = if swap { (j, i) } else { (i, j) };
                        if pattern(0, x, y) != pattern(k, x, y) {
                            set(&mut l, i);
                        }
                    }
                    l
                })
                .collect()
        };
        let apply = |lines: &[Line], data: &[Line], t: &[Line]| -> Vec<Line> {
            lines
                .iter()
                .zip(data)
                .enumerate()
                .map(|(j, (l, d))| {
                    let p = t.get(j % 12).copied().unwrap_or_default();
                    let mut out = *l;
                    for ((o, p), d) in out.iter_mut().zip(p).zip(d) {
                        *o ^= p & d;
                    }
                    out
                })
                .collect()
        };
        let mut rows = apply(&self.rows, &self.data_rows, &template(false));
        let mut cols = apply(&self.cols, &self.data_cols, &template(true));
        let delta = format_bits(self.ecl, 0) ^ format_bits(self.ecl, k);
        for i in (0..15).filter(|i| delta >> i & 1 == 1) {
            for (x, y) in format_places(size, i) {
                if let Some(r) = rows.get_mut(y) {
                    flip(r, x)
                }
                if let Some(c) = cols.get_mut(x) {
                    flip(c, y)
                }
            }
        }
        (rows, cols)
    }
}

/// The first index ≥ `from` (below `size`) whose bit is `color`, else `size`.
fn next(l: &Line, from: usize, color: bool, size: usize) -> usize {
    let mut w = from / 64;
    let flipper = if color { 0 } else { u64::MAX };
    let mut bits = l.get(w).map_or(0, |x| (x ^ flipper) & (u64::MAX << (from % 64)));
    loop {
        if bits != 0 {
            return (w * 64 + bits.trailing_zeros() as usize).min(size);
        }
        w += 1;
        match l.get(w) {
            Some(x) if w * 64 < size => bits = x ^ flipper,
            _ => return size,
        }
    }
}

/// N1 and N3 for one row or column, as `get_penalty_score` counts them.
fn line_penalty(l: &Line, size: usize) -> i32 {
    let mut score = 0;
    // The last 7 run lengths, newest first; the light border counts as `size`.
    let mut hist = [0usize; 7];
    let push = |hist: &mut [usize; 7], mut len: usize| {
        if hist[0] == 0 {
            len += size;
        }
        // A new array rather than `copy_within`: it stays in registers.
        let [a, b, c, d, e, f, _] = *hist;
        *hist = [len, a, b, c, d, e, f];
    };
    let patterns = |h: &[usize; 7]| -> i32 {
        let n = h[1];
        let core = n > 0 && h[2] == n && h[3] == n * 3 && h[4] == n && h[5] == n;
        i32::from(core && h[0] >= n * 4 && h[6] >= n) + i32::from(core && h[6] >= n * 4 && h[0] >= n)
    };
    let (mut x, mut color) = (0, false);
    loop {
        let end = next(l, x, !color, size);
        let len = end - x;
        if len >= 5 {
            score += N1 + (len as i32 - 5);
        }
        if end == size {
            // The last run, then the light border.
            if color {
                push(&mut hist, len);
                push(&mut hist, size);
            } else {
                push(&mut hist, len + size);
            }
            return score + patterns(&hist) * N3;
        }
        push(&mut hist, len);
        if !color {
            score += patterns(&hist) * N3;
        }
        x = end;
        color = !color;
    }
}

/// `qrcodegen`'s penalty score of the symbol given by its rows and columns.
fn penalty(rows: &[Line], cols: &[Line], size: usize) -> i32 {
    let mut score: i32 = rows.iter().chain(cols).map(|l| line_penalty(l, size)).sum();
    // N2: 2×2 blocks of one colour, at top-left corners x, y < size - 1.
    let mut inside: Line = [0; W];
    for i in 0..size - 1 {
        set(&mut inside, i);
    }
    let shr1 = |l: &Line| -> Line {
        let mut out = *l;
        for (w, o) in out.iter_mut().enumerate() {
            *o = *o >> 1 | l.get(w + 1).map_or(0, |n| n << 63);
        }
        out
    };
    for (a, b) in rows.iter().zip(rows.iter().skip(1)) {
        let (a1, b1) = (shr1(a), shr1(b));
        let words = a.iter().zip(b).zip(a1.iter().zip(&b1)).zip(&inside);
        for (((a, b), (a1, b1)), inside) in words {
            let same = !(a ^ b) & !(a ^ a1) & !(b ^ b1) & inside;
            score += N2 * same.count_ones() as i32;
        }
    }
    // N4: dark modules within (45 − 5k)% … (55 + 5k)%.
    let dark: i32 = rows.iter().flatten().map(|w| w.count_ones() as i32).sum();
    let total = (size * size) as i32;
    let k = ((dark * 20 - total * 10).abs() + total - 1) / total - 1;
    score + k * N4
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(code: &QrCode) -> Vec<Line> {
        let size = code.size();
        (0..size)
            .map(|y| {
                let mut l = [0; W];
                for x in (0..size).filter(|&x| code.get_module(x, y)) {
                    set(&mut l, x as usize);
                }
                l
            })
            .collect()
    }

    /// Text of `len` bytes mixing modes, varied by `seed`.
    fn text(len: usize, seed: u64) -> String {
        let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..len)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 7;
                s ^= s << 17;
                char::from(b"0123456789ABCDEFXYZ/:.-%abcxyz?&="[(s % 33) as usize])
            })
            .collect()
    }

    /// For every version and level, the seven matrices derived from the mask-0
    /// symbol are exactly the symbols `qrcodegen` builds with those masks: the
    /// function-module map and the format bits are right.
    #[test]
    fn derived_masks_equal_qrcodegen_symbols() {
        for v in 1..=40u8 {
            for (li, ecl) in [QrCodeEcc::Low, QrCodeEcc::Medium, QrCodeEcc::Quartile, QrCodeEcc::High]
                .into_iter()
                .enumerate()
            {
                if (usize::from(v) + li) % 3 != 0 && v > 3 {
                    continue; // a third of the pairs keeps the test quick; every version is covered
                }
                let segs = QrSegment::make_segments(&text(usize::from(v) * 5, u64::from(v)));
                let ver = Version::new(v);
                let build = |k| QrCode::encode_segments_advanced(&segs, ecl, ver, ver, Some(Mask::new(k)), false);
                let Ok(code0) = build(0) else {
                    panic!("version {v} too small")
                };
                let m = Matrices::new(&code0);
                for k in 0..8 {
                    let (rows, cols) = m.with_mask(k);
                    let want = lines(&build(k).unwrap_or_else(|_| unreachable!()));
                    assert!(rows == want, "version {v}, {ecl:?}, mask {k}: rows");
                    assert_eq!(cols.len(), m.size);
                    for (x, col) in cols.iter().enumerate() {
                        for (y, row) in want.iter().enumerate() {
                            assert_eq!(get(col, y), get(row, x), "version {v}, mask {k}: column {x}");
                        }
                    }
                }
            }
        }
    }

    /// `get_penalty_score` of qrcodegen 1.8.0, transcribed module by module
    /// (it is private there): the oracle for the word-wise version.
    fn reference_penalty(code: &QrCode) -> i32 {
        let size = code.size();
        let mut result = 0;
        let finder = |rh: &[i32; 7]| {
            let n = rh[1];
            let core = n > 0 && rh[2] == n && rh[3] == n * 3 && rh[4] == n && rh[5] == n;
            i32::from(core && rh[0] >= n * 4 && rh[6] >= n) + i32::from(core && rh[6] >= n * 4 && rh[0] >= n)
        };
        let add = |rh: &mut [i32; 7], mut len: i32| {
            if rh[0] == 0 {
                len += size;
            }
            rh.copy_within(0..6, 1);
            rh[0] = len;
        };
        for transpose in [false, true] {
            for a in 0..size {
                let (mut color, mut run, mut rh) = (false, 0, [0i32; 7]);
                for b in 0..size {
                    let m = if transpose {
                        code.get_module(a, b)
                    } else {
                        code.get_module(b, a)
                    };
                    if m == color {
                        run += 1;
                        if run == 5 {
                            result += N1;
                        } else if run > 5 {
                            result += 1;
                        }
                    } else {
                        add(&mut rh, run);
                        if !color {
                            result += finder(&rh) * N3;
                        }
                        color = m;
                        run = 1;
                    }
                }
                if color {
                    add(&mut rh, run);
                    run = 0;
                }
                add(&mut rh, run + size);
                result += finder(&rh) * N3;
            }
        }
        for y in 0..size - 1 {
            for x in 0..size - 1 {
                let c = code.get_module(x, y);
                if c == code.get_module(x + 1, y)
                    && c == code.get_module(x, y + 1)
                    && c == code.get_module(x + 1, y + 1)
                {
                    result += N2;
                }
            }
        }
        let dark: i32 = (0..size * size)
            .map(|i| i32::from(code.get_module(i % size, i / size)))
            .sum();
        let total = size * size;
        result + (((dark * 20 - total * 10).abs() + total - 1) / total - 1) * N4
    }

    /// The word-wise score equals the module-by-module one, for every mask
    /// of symbols across the versions.
    #[test]
    fn penalty_equals_the_reference() {
        for v in (1..=40u8).step_by(3).chain([40]) {
            let segs = QrSegment::make_segments(&text(usize::from(v) * 7, u64::from(v) + 99));
            let ver = Version::new(v);
            for k in 0..8 {
                let Ok(code) =
                    QrCode::encode_segments_advanced(&segs, QrCodeEcc::Low, ver, ver, Some(Mask::new(k)), false)
                else {
                    panic!("version {v} too small")
                };
                let size = usize::try_from(code.size()).unwrap_or(0);
                let rows = lines(&code);
                let cols: Vec<Line> = (0..size)
                    .map(|x| {
                        let mut l = [0; W];
                        for y in (0..size).filter(|&y| get(&rows[y], x)) {
                            set(&mut l, y);
                        }
                        l
                    })
                    .collect();
                assert_eq!(
                    penalty(&rows, &cols, size),
                    reference_penalty(&code),
                    "version {v}, mask {k}"
                );
            }
        }
    }

    /// The mask chosen here is the one `qrcodegen` chooses, over texts that
    /// reach every version group.
    #[test]
    fn same_mask_as_qrcodegen() {
        let mut seen = [0usize; 8];
        for (i, len) in (1..=60).map(|i| (i, i * i / 2 + i)).chain([(61, 1500), (62, 2900)]) {
            let t = text(len, i as u64);
            let segs = QrSegment::make_segments(&t);
            for ecl in [QrCodeEcc::Low, QrCodeEcc::High] {
                let (lo, hi) = (Version::MIN, Version::MAX);
                let Ok(theirs) = QrCode::encode_segments_advanced(&segs, ecl, lo, hi, None, true) else {
                    continue;
                };
                let ours = encode(&segs, ecl, lo, hi, true).unwrap_or_else(|_| unreachable!());
                assert_eq!(ours.mask().value(), theirs.mask().value(), "{len} bytes, {ecl:?}");
                assert!(lines(&ours) == lines(&theirs), "{len} bytes, {ecl:?}");
                seen[usize::from(theirs.mask().value())] += 1;
            }
        }
        // The texts exercise most masks, not one favourite.
        assert!(seen.iter().filter(|&&n| n > 0).count() >= 6, "{seen:?}");
    }
}
