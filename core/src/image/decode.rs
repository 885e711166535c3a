//! From a sampled module grid to the payload (ISO/IEC 18004 §7): format
//! information (BCH-corrected, either copy), unmasking, the codewords in
//! placement order, de-interleaving into blocks, Reed–Solomon correction
//! over GF(256), and the segments — numeric, alphanumeric, byte, Kanji,
//! Hanzi (GB/T 18284), ECI, FNC1 (GS1 and AIM) and structured append.

/// A decoded payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Decoded {
    pub(super) version: u8,
    /// 0 = L, 1 = M, 2 = Q, 3 = H.
    pub(super) ecc: u8,
    /// All segments' bytes, in order (Kanji as Shift_JIS, Hanzi as GB2312,
    /// FNC1's `%` in GS1 alphanumeric as GS, 0x1D).
    pub(super) bytes: Vec<u8>,
    /// The first ECI assignment, if any.
    pub(super) eci: Option<u32>,
    /// A Kanji or Hanzi segment: the bytes are Shift_JIS or GB2312 there.
    pub(super) double_byte: bool,
}

/// Why a grid did not decode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fail {
    Size,
    Format,
    Ecc,
    Segments,
}

/// Error-correction codewords per block, per level (L, M, Q, H) and
/// version 1–40 (ISO/IEC 18004 Table 9).
const ECC_PER_BLOCK: [[u8; 40]; 4] = [
    [
        7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30,
        30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28,
        28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ],
    [
        13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30,
        30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30,
        30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
];

/// Error-correction blocks, per level and version (Table 9).
const BLOCKS: [[u8; 40]; 4] = [
    [
        1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18,
        19, 19, 20, 21, 22, 24, 25,
    ],
    [
        1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31,
        33, 35, 37, 38, 40, 43, 45, 47, 49,
    ],
    [
        1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40,
        43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
    ],
    [
        1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48,
        51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
    ],
];

/// The format information's 2-bit level code for L, M, Q, H.
const LEVEL_BITS: [u32; 4] = [1, 0, 3, 2];

/// A module grid, `size × size`, row by row: `true` = dark.
pub(super) struct Modules<'a> {
    pub(super) size: usize,
    pub(super) dark: &'a [bool],
}

impl Modules<'_> {
    fn at(&self, x: usize, y: usize) -> bool {
        self.dark.get(y * self.size + x).copied().unwrap_or(false)
    }
}

/// Decodes a grid.
pub(super) fn decode(m: &Modules<'_>) -> Result<Decoded, Fail> {
    let size = m.size;
    if !(21..=177).contains(&size) || !(size - 17).is_multiple_of(4) || m.dark.len() < size * size {
        return Err(Fail::Size);
    }
    let version = (size - 17) / 4;
    let (level, mask) = format(m)?;
    let function = function_modules(version);
    // The codewords, in placement order, unmasked.
    let raw = raw_modules(version) / 8;
    let mut words = vec![0u8; raw];
    let mut bit = 0usize;
    let mut right = size - 1;
    loop {
        if right == 6 {
            right = 5;
        }
        for vert in 0..size {
            for j in 0..2 {
                let x = right - j;
                let upward = (right + 1) & 2 == 0;
                let y = if upward { size - 1 - vert } else { vert };
                if function.get(y * size + x).copied().unwrap_or(true) {
                    continue;
                }
                if bit < raw * 8 && (m.at(x, y) ^ mask_pattern(mask, x, y)) {
                    if let Some(w) = words.get_mut(bit >> 3) {
                        *w |= 0x80 >> (bit & 7);
                    }
                }
                bit += 1;
            }
        }
        if right < 2 {
            break;
        }
        right -= 2;
    }
    // De-interleave, correct, and keep each block's data codewords.
    let lv = usize::from(level);
    let ecc = usize::from(
        ECC_PER_BLOCK
            .get(lv)
            .and_then(|r| r.get(version - 1))
            .copied()
            .unwrap_or(0),
    );
    let blocks = usize::from(BLOCKS.get(lv).and_then(|r| r.get(version - 1)).copied().unwrap_or(1)).max(1);
    let short_len = raw / blocks;
    let shorts = blocks - raw % blocks;
    let short_data = short_len.checked_sub(ecc).ok_or(Fail::Size)?;
    let mut data = Vec::with_capacity(raw);
    let mut block = Vec::with_capacity(short_len + 1);
    for b in 0..blocks {
        block.clear();
        let len_data = short_data + usize::from(b >= shorts);
        for i in 0..len_data {
            // Data codewords go round the blocks; short blocks lack the last.
            let at = if i < short_data {
                i * blocks + b
            } else {
                short_data * blocks + (b - shorts)
            };
            block.push(words.get(at).copied().unwrap_or(0));
        }
        let ecc_start = short_data * blocks + (blocks - shorts);
        for i in 0..ecc {
            block.push(words.get(ecc_start + i * blocks + b).copied().unwrap_or(0));
        }
        if rs_correct(&mut block, ecc).is_none() {
            return Err(Fail::Ecc);
        }
        data.extend_from_slice(block.get(..len_data).unwrap_or(&[]));
    }
    let mut d = segments(&data, version)?;
    d.version = version as u8;
    d.ecc = level;
    Ok(d)
}

/// Whether mask `k` inverts the module at column `x`, row `y` (§7.8.2).
fn mask_pattern(k: u8, x: usize, y: usize) -> bool {
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

/// Level (0 = L … 3 = H) and mask from either copy of the format
/// information: the valid codeword nearest to what was read, at most 3
/// bits away.
fn format(m: &Modules<'_>) -> Result<(u8, u8), Fail> {
    let (a, b) = format_bits(m);
    let mut best = (u32::MAX, 0u8, 0u8);
    for level in 0..4u8 {
        for mask in 0..8u8 {
            let want = format_word(level, mask);
            let d = (want ^ a).count_ones().min((want ^ b).count_ones());
            if d < best.0 {
                best = (d, level, mask);
            }
        }
    }
    if best.0 <= 3 {
        Ok((best.1, best.2))
    } else {
        Err(Fail::Format)
    }
}

/// Both copies of the format information within a bit of one codeword:
/// a real code (random modules come this close about once in 60,000).
pub(super) fn format_agrees(m: &Modules<'_>) -> bool {
    let (a, b) = format_bits(m);
    (0..4u8).any(|level| {
        (0..8u8).any(|mask| {
            let want = format_word(level, mask);
            (want ^ a).count_ones() <= 1 && (want ^ b).count_ones() <= 1
        })
    })
}

fn format_word(level: u8, mask: u8) -> u32 {
    let bits = LEVEL_BITS.get(usize::from(level)).copied().unwrap_or(0);
    format_code(bits << 3 | u32::from(mask))
}

/// The two copies of the format information, as read (bit i = module i).
fn format_bits(m: &Modules<'_>) -> (u32, u32) {
    let s = m.size;
    let (mut a, mut b) = (0u32, 0u32);
    for i in 0..15usize {
        let (x1, y1) = match i {
            0..=5 => (8, i),
            6 => (8, 7),
            7 => (8, 8),
            8 => (7, 8),
            _ => (14 - i, 8),
        };
        let (x2, y2) = if i < 8 { (s - 1 - i, 8) } else { (8, s - 15 + i) };
        a |= u32::from(m.at(x1, y1)) << i;
        b |= u32::from(m.at(x2, y2)) << i;
    }
    (a, b)
}

/// The 15-bit format codeword of 5 data bits (BCH(15, 5), generator 0x537,
/// masked with 0x5412).
fn format_code(data: u32) -> u32 {
    let mut r = data << 10;
    for i in (10..15).rev() {
        if r & (1 << i) != 0 {
            r ^= 0x537 << (i - 10);
        }
    }
    ((data << 10) | r) ^ 0x5412
}

/// Modules that carry data or error correction in a version (8 per codeword,
/// plus 0–7 remainder bits).
fn raw_modules(version: usize) -> usize {
    let v = version;
    let mut n = (16 * v + 128) * v + 64;
    if v >= 2 {
        let align = v / 7 + 2;
        n -= (25 * align - 10) * align - 55;
        if v >= 7 {
            n -= 36;
        }
    }
    n
}

/// The function modules of a version: finders, separators, format and
/// version information, timing patterns, alignment patterns.
fn function_modules(version: usize) -> Vec<bool> {
    let s = 17 + 4 * version;
    let mut f = vec![false; s * s];
    let mut set = |x: usize, y: usize| {
        if let Some(c) = f.get_mut(y * s + x) {
            *c = true;
        }
    };
    for y in 0..s {
        for x in 0..s {
            let corner = (y < 9 && (x < 9 || x >= s - 8)) || (x < 9 && y >= s - 8);
            let version_info =
                version >= 7 && ((x >= s - 11 && x < s - 8 && y < 6) || (y >= s - 11 && y < s - 8 && x < 6));
            if corner || x == 6 || y == 6 || version_info {
                set(x, y);
            }
        }
    }
    let centres = super::grid::alignment_centres(version);
    let (first, last) = (centres.first().copied(), centres.last().copied());
    for &cy in centres {
        for &cx in centres {
            let on_finder = (Some(cx) == first && Some(cy) == first)
                || (Some(cx) == last && Some(cy) == first)
                || (Some(cx) == first && Some(cy) == last);
            if on_finder {
                continue;
            }
            let (cx, cy) = (usize::from(cx), usize::from(cy));
            for y in cy - 2..=cy + 2 {
                for x in cx - 2..=cx + 2 {
                    set(x, y);
                }
            }
        }
    }
    f
}

// ------------------------------------------------------------ GF(256)

/// exp and log tables of GF(256) with the QR polynomial x⁸+x⁴+x³+x²+1.
struct Gf {
    exp: [u8; 512],
    log: [u8; 256],
}

// Indices stay below 512 and 256 by the loop bounds (a const fn has no
// iterators or `get_mut`).
#[allow(clippy::indexing_slicing)]
const fn gf() -> Gf {
    let mut exp = [0u8; 512];
    let mut log = [0u8; 256];
    let mut x: u16 = 1;
    let mut i = 0;
    while i < 255 {
        exp[i] = x as u8;
        log[x as usize] = i as u8;
        x <<= 1;
        if x & 0x100 != 0 {
            x ^= 0x11D;
        }
        i += 1;
    }
    while i < 512 {
        exp[i] = exp[i - 255];
        i += 1;
    }
    Gf { exp, log }
}

static GF: Gf = gf();

fn log(a: u8) -> usize {
    usize::from(GF.log.get(usize::from(a)).copied().unwrap_or(0))
}

fn pow_alpha(e: usize) -> u8 {
    GF.exp.get(e % 255).copied().unwrap_or(0)
}

/// α^e for e < 510 (the table holds two periods: no reduction mod 255).
fn exp(e: usize) -> u8 {
    GF.exp.get(e).copied().unwrap_or(0)
}

fn mul(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        return 0;
    }
    exp(log(a) + log(b))
}

fn div(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        return 0;
    }
    exp(255 + log(a) - log(b))
}

/// Evaluates `p` (highest degree first) at α^`e` (e < 255): each step
/// multiplies by α^e, an addition of logarithms.
fn eval_at_power(p: &[u8], e: usize) -> u8 {
    p.iter()
        .fold(0, |acc, &c| if acc == 0 { c } else { exp(log(acc) + e) ^ c })
}

/// Corrects a Reed–Solomon block in place (data then `ecc` check
/// codewords, generator roots α⁰…α^(ecc−1)): Berlekamp–Massey, Chien
/// search, Forney. `None` when it has more errors than it can correct.
fn rs_correct(block: &mut [u8], ecc: usize) -> Option<()> {
    let n = block.len();
    if ecc == 0 || n > 255 {
        return (ecc == 0).then_some(());
    }
    let synd: Vec<u8> = (0..ecc).map(|i| eval_at_power(block, i)).collect();
    if synd.iter().all(|&s| s == 0) {
        return Some(());
    }
    // Berlekamp–Massey: the error locator Λ (lowest degree first).
    let mut lambda = vec![1u8];
    let mut prev = vec![1u8];
    let mut l = 0usize;
    let mut m = 1usize;
    let mut b = 1u8;
    for k in 0..ecc {
        let mut delta = synd.get(k).copied().unwrap_or(0);
        for i in 1..=l {
            delta ^= mul(
                lambda.get(i).copied().unwrap_or(0),
                synd.get(k - i).copied().unwrap_or(0),
            );
        }
        if delta == 0 {
            m += 1;
            continue;
        }
        let coef = div(delta, b);
        let mut next = lambda.clone();
        if next.len() < prev.len() + m {
            next.resize(prev.len() + m, 0);
        }
        for (i, &p) in prev.iter().enumerate() {
            if let Some(c) = next.get_mut(i + m) {
                *c ^= mul(coef, p);
            }
        }
        if 2 * l <= k {
            l = k + 1 - l;
            prev = lambda;
            b = delta;
            m = 1;
        } else {
            m += 1;
        }
        lambda = next;
    }
    while lambda.last() == Some(&0) {
        lambda.pop();
    }
    let errors = lambda.len() - 1;
    if errors == 0 || 2 * errors > ecc {
        return None;
    }
    // Chien search: Λ(X⁻¹) = 0 for the locator X = α^(n−1−j) of position j.
    let eval_low = |p: &[u8], x: u8| p.iter().rev().fold(0, |acc, &c| mul(acc, x) ^ c);
    let mut positions = Vec::with_capacity(errors);
    for j in 0..n {
        let x_inv = pow_alpha(255 - (n - 1 - j) % 255);
        if eval_low(&lambda, x_inv) == 0 {
            positions.push(j);
        }
    }
    if positions.len() != errors {
        return None;
    }
    // Forney: Ω = S·Λ mod x^ecc; magnitude = X·Ω(X⁻¹) / Λ'(X⁻¹) (roots from α⁰).
    let mut omega = vec![0u8; ecc];
    for (i, &s) in synd.iter().enumerate() {
        for (j, &c) in lambda.iter().enumerate() {
            if let Some(o) = omega.get_mut(i + j) {
                *o ^= mul(s, c);
            }
        }
    }
    let derivative: Vec<u8> = lambda
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, &c)| if i % 2 == 1 { c } else { 0 })
        .collect();
    for &j in &positions {
        let e = (n - 1 - j) % 255;
        let x = pow_alpha(e);
        let x_inv = pow_alpha(255 - e);
        let num = mul(x, eval_low(&omega, x_inv));
        let den = eval_low(&derivative, x_inv);
        if den == 0 {
            return None;
        }
        if let Some(c) = block.get_mut(j) {
            *c ^= div(num, den);
        }
    }
    // The corrected block must check.
    (0..ecc).all(|i| eval_at_power(block, i) == 0).then_some(())
}

// ------------------------------------------------------------ segments

struct BitReader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl BitReader<'_> {
    fn remaining(&self) -> usize {
        (self.data.len() * 8).saturating_sub(self.pos)
    }

    fn read(&mut self, n: usize) -> Option<u32> {
        if n > self.remaining() || n > 32 {
            return None;
        }
        let mut v = 0u32;
        for _ in 0..n {
            let byte = self.data.get(self.pos >> 3).copied()?;
            v = (v << 1) | u32::from((byte >> (7 - (self.pos & 7))) & 1);
            self.pos += 1;
        }
        Some(v)
    }
}

const ALNUM: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// The segments of the data codewords.
fn segments(data: &[u8], version: usize) -> Result<Decoded, Fail> {
    let mut r = BitReader { data, pos: 0 };
    let tier = match version {
        1..=9 => 0,
        10..=26 => 1,
        _ => 2,
    };
    let count_bits = |widths: [usize; 3]| widths.get(tier).copied().unwrap_or(16);
    let mut out = Decoded {
        version: 0,
        ecc: 0,
        bytes: Vec::new(),
        eci: None,
        double_byte: false,
    };
    let mut gs1 = false;
    let bad = Fail::Segments;
    while r.remaining() >= 4 {
        let mode = r.read(4).ok_or(bad)?;
        match mode {
            0 => break,
            1 => {
                let mut n = r.read(count_bits([10, 12, 14])).ok_or(bad)? as usize;
                while n > 0 {
                    let (bits, digits, max) = match n {
                        1 => (4, 1, 10),
                        2 => (7, 2, 100),
                        _ => (10, 3, 1000),
                    };
                    let v = r.read(bits).ok_or(bad)?;
                    if v >= max {
                        return Err(bad);
                    }
                    let s = format!("{v:0digits$}");
                    out.bytes.extend_from_slice(s.as_bytes());
                    n -= digits;
                }
            }
            2 => {
                let mut n = r.read(count_bits([9, 11, 13])).ok_or(bad)? as usize;
                let mut chars = Vec::with_capacity(n);
                while n > 0 {
                    let (bits, k) = if n >= 2 { (11, 2) } else { (6, 1) };
                    let v = r.read(bits).ok_or(bad)? as usize;
                    if k == 2 {
                        if v >= 45 * 45 {
                            return Err(bad);
                        }
                        chars.push(ALNUM.get(v / 45).copied().ok_or(bad)?);
                        chars.push(ALNUM.get(v % 45).copied().ok_or(bad)?);
                    } else {
                        chars.push(ALNUM.get(v).copied().ok_or(bad)?);
                    }
                    n -= k;
                }
                if gs1 {
                    // FNC1: "%" is the GS separator, "%%" a percent sign.
                    let mut i = 0;
                    while let Some(&c) = chars.get(i) {
                        if c == b'%' {
                            if chars.get(i + 1) == Some(&b'%') {
                                out.bytes.push(b'%');
                                i += 1;
                            } else {
                                out.bytes.push(0x1D);
                            }
                        } else {
                            out.bytes.push(c);
                        }
                        i += 1;
                    }
                } else {
                    out.bytes.extend_from_slice(&chars);
                }
            }
            4 => {
                let n = r.read(count_bits([8, 16, 16])).ok_or(bad)?;
                for _ in 0..n {
                    out.bytes.push(r.read(8).ok_or(bad)? as u8);
                }
            }
            8 | 13 => {
                // Kanji (Shift_JIS) or, with a 4-bit subset, Hanzi (GB2312).
                if mode == 13 && r.read(4).ok_or(bad)? != 1 {
                    return Err(bad);
                }
                let n = r.read(count_bits([8, 10, 12])).ok_or(bad)?;
                for _ in 0..n {
                    let v = r.read(13).ok_or(bad)?;
                    let code = if mode == 8 {
                        let c = ((v / 0xC0) << 8) | (v % 0xC0);
                        c + if c < 0x1F00 { 0x8140 } else { 0xC140 }
                    } else {
                        let c = ((v / 0x60) << 8) | (v % 0x60);
                        c + if c < 0x0A00 { 0xA1A1 } else { 0xA6A1 }
                    };
                    out.bytes.push((code >> 8) as u8);
                    out.bytes.push(code as u8);
                }
                out.double_byte = true;
            }
            7 => {
                let first = r.read(8).ok_or(bad)?;
                let value = if first & 0x80 == 0 {
                    first
                } else if first & 0xC0 == 0x80 {
                    ((first & 0x3F) << 8) | r.read(8).ok_or(bad)?
                } else if first & 0xE0 == 0xC0 {
                    ((first & 0x1F) << 16) | r.read(16).ok_or(bad)?
                } else {
                    return Err(bad);
                };
                out.eci.get_or_insert(value);
            }
            3 => {
                // Structured append: index, count, parity.
                r.read(16).ok_or(bad)?;
            }
            5 => gs1 = true,
            9 => {
                // FNC1 second position: the application indicator.
                r.read(8).ok_or(bad)?;
            }
            _ => return Err(bad),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A grid from the crate's own encoder.
    fn grid(text: &str, ecc: crate::qr::Ecc) -> (usize, Vec<bool>) {
        let code = crate::qr::encode(
            text,
            &crate::qr::QrOptions {
                ecc,
                boost_ecc: false,
                ..crate::qr::QrOptions::default()
            },
        )
        .unwrap();
        let n = code.size();
        let mut dark = Vec::with_capacity(n * n);
        for y in 0..n {
            for x in 0..n {
                dark.push(code.module(x, y));
            }
        }
        (n, dark)
    }

    #[test]
    fn decodes_what_the_encoder_makes_at_every_level_and_many_versions() {
        use crate::qr::Ecc::*;
        for (i, ecc) in [Low, Medium, Quartile, High].into_iter().enumerate() {
            for len in [1usize, 17, 60, 150, 400, 900] {
                let text: String = (0..len).map(|k| char::from(b'a' + (k * 7 % 26) as u8)).collect();
                let text = format!("Nguyễn {text} 0123456789 ABC");
                let Ok(_) = crate::qr::encode(
                    &text,
                    &crate::qr::QrOptions {
                        ecc,
                        ..Default::default()
                    },
                ) else {
                    continue;
                };
                let (n, dark) = grid(&text, ecc);
                let d = decode(&Modules { size: n, dark: &dark }).unwrap();
                assert_eq!(d.bytes, text.as_bytes(), "level {i} len {len}");
                assert_eq!(usize::from(d.version), (n - 17) / 4);
                assert_eq!(usize::from(d.ecc), i);
            }
        }
    }

    #[test]
    fn corrects_errors_up_to_the_level_and_refuses_beyond() {
        let text = "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?hs=000.00.53.H48-261120-0042";
        let (n, mut dark) = grid(text, crate::qr::Ecc::High);
        // Flip a block of data modules far from the function patterns.
        let mut flipped = 0;
        for y in n / 2..n / 2 + 4 {
            for x in n / 2 + 2..n / 2 + 6 {
                if let Some(d) = dark.get_mut(y * n + x) {
                    *d = !*d;
                    flipped += 1;
                }
            }
        }
        assert_eq!(flipped, 16);
        let d = decode(&Modules { size: n, dark: &dark }).unwrap();
        assert_eq!(d.bytes, text.as_bytes());
        // Half the code flipped: nothing, rather than a wrong payload.
        for v in dark.iter_mut().skip(n * 9).take(n * (n - 18)) {
            *v = !*v;
        }
        assert!(decode(&Modules { size: n, dark: &dark }).is_err());
    }

    #[test]
    fn segment_modes() {
        // numeric "01234567", then FNC1 + alphanumeric "A%B%%", then
        // Kanji 0x935F, then ECI 26, by hand (version 1).
        let mut bits = String::new();
        let mut put = |v: u32, n: usize| bits.push_str(&format!("{v:0n$b}"));
        put(1, 4);
        put(8, 10);
        put(12, 10);
        put(345, 10);
        put(67, 7);
        put(5, 4);
        put(2, 4);
        put(5, 9);
        let idx = |c: u8| ALNUM.iter().position(|&a| a == c).unwrap() as u32;
        put(idx(b'A') * 45 + idx(b'%'), 11);
        put(idx(b'B') * 45 + idx(b'%'), 11);
        put(idx(b'%'), 6);
        put(8, 4);
        put(1, 8);
        let k = 0x935F - 0x8140;
        put((k >> 8) * 0xC0 + (k & 0xFF), 13);
        put(7, 4);
        put(26, 8);
        put(0, 4);
        while !bits.len().is_multiple_of(8) {
            bits.push('0');
        }
        let bytes: Vec<u8> = bits
            .as_bytes()
            .chunks(8)
            .map(|c| u8::from_str_radix(std::str::from_utf8(c).unwrap(), 2).unwrap())
            .collect();
        let d = segments(&bytes, 1).unwrap();
        assert_eq!(d.bytes, b"01234567A\x1dB%\x93\x5f");
        assert!(d.double_byte);
        assert_eq!(d.eci, Some(26));
    }

    #[test]
    fn format_codes_match_the_standard() {
        // ISO/IEC 18004 Table C.1: level M, mask 0 → 101010000010010.
        assert_eq!(format_code(0), 0b101010000010010);
        assert_eq!(format_code(0b01_000), 0b111011111000100);
        assert_eq!(raw_modules(1), 208);
        assert_eq!(raw_modules(40), 29648);
    }
}
