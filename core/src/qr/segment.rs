//! Optimal segmentation of text into numeric, alphanumeric and byte segments.
//!
//! The `qrcodegen` crate's `make_segments` picks one mode for the whole text;
//! its Java sibling (`QrSegmentAdvanced.makeSegmentsOptimally`) finds the
//! cheapest mix. This is that dynamic programme, without Kanji: a URL with
//! upper-case codes and `%XX` escapes costs 5.5 bits per character in
//! alphanumeric mode instead of 8 in byte mode.

use qrcodegen::QrSegment;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    Byte = 0,
    Alnum = 1,
    Numeric = 2,
}

const MODES: [Mode; 3] = [Mode::Byte, Mode::Alnum, Mode::Numeric];

/// Bits of the character-count field, by version group (1–9, 10–26, 27–40).
fn count_bits(mode: Mode, version: u8) -> u32 {
    let group = usize::from((version + 7) / 17).min(2);
    let bits = match mode {
        Mode::Numeric => [10, 12, 14],
        Mode::Alnum => [9, 11, 13],
        Mode::Byte => [8, 16, 16],
    };
    bits.get(group).copied().unwrap_or(16)
}

pub(crate) fn is_alnum(c: char) -> bool {
    c.is_ascii_digit() || c.is_ascii_uppercase() || " $%*+-./:".contains(c)
}

/// The cheapest segments for `text` at `version` (costs depend on the
/// version's group only).
pub(crate) fn optimal(text: &str, version: u8) -> Vec<QrSegment> {
    let modes = char_modes(text, version);
    let mut segs = Vec::new();
    let mut start = 0;
    let mut run: Option<Mode> = None;
    for ((i, _), &m) in text.char_indices().zip(&modes) {
        if run != Some(m) {
            if let Some(r) = run {
                segs.push(make(r, text.get(start..i).unwrap_or("")));
            }
            run = Some(m);
            start = i;
        }
    }
    if let Some(r) = run {
        segs.push(make(r, text.get(start..).unwrap_or("")));
    }
    segs
}

fn make(mode: Mode, s: &str) -> QrSegment {
    match mode {
        Mode::Numeric => QrSegment::make_numeric(s),
        Mode::Alnum => QrSegment::make_alphanumeric(s),
        Mode::Byte => QrSegment::make_bytes(s.as_bytes()),
    }
}

/// The mode of each character. Costs are in sixths of a bit so that
/// alphanumeric (5.5 bits) and numeric (3⅓ bits) are integers.
fn char_modes(text: &str, version: u8) -> Vec<Mode> {
    const INF: u32 = u32::MAX / 2;
    let head: [u32; 3] = MODES.map(|m| (4 + count_bits(m, version)) * 6);
    // from[i][to] = the mode char i is in, for the best path ending in `to`.
    let mut from: Vec<[Option<Mode>; 3]> = Vec::with_capacity(text.len());
    let mut prev = head;
    for c in text.chars() {
        let mut cur = [INF; 3];
        let mut modes = [None; 3];
        cur[0] = prev[0] + c.len_utf8() as u32 * 8 * 6;
        modes[0] = Some(Mode::Byte);
        if is_alnum(c) {
            cur[1] = prev[1] + 33;
            modes[1] = Some(Mode::Alnum);
        }
        if c.is_ascii_digit() {
            cur[2] = prev[2] + 20;
            modes[2] = Some(Mode::Numeric);
        }
        // Switching after this character: finish the segment (round up to a
        // whole bit) and pay the next segment's header.
        let (ended, in_mode) = (cur, modes);
        for (to, &h) in head.iter().enumerate() {
            for (fr, &cost) in ended.iter().enumerate() {
                let Some(m) = in_mode.get(fr).copied().flatten() else {
                    continue;
                };
                let cost = cost.div_ceil(6) * 6 + h;
                if let (Some(c), Some(slot)) = (cur.get_mut(to), modes.get_mut(to)) {
                    if cost < *c {
                        *c = cost;
                        *slot = Some(m);
                    }
                }
            }
        }
        from.push(modes);
        prev = cur;
    }
    let mut end = (0..3).min_by_key(|&m| prev.get(m).copied().unwrap_or(INF)).unwrap_or(0);
    let mut out = vec![Mode::Byte; from.len()];
    for (slot, modes) in out.iter_mut().zip(&from).rev() {
        let m = modes.get(end).copied().flatten().unwrap_or(Mode::Byte);
        *slot = m;
        end = m as usize;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(segs: &[QrSegment], version: u8) -> usize {
        segs.iter()
            .map(|s| 4 + count_bits(mode_of(s), version) as usize + s.data().len())
            .sum()
    }

    fn mode_of(s: &QrSegment) -> Mode {
        match s.mode() {
            qrcodegen::QrSegmentMode::Numeric => Mode::Numeric,
            qrcodegen::QrSegmentMode::Alphanumeric => Mode::Alnum,
            _ => Mode::Byte,
        }
    }

    #[test]
    fn never_worse_than_one_mode() {
        for text in [
            "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?v=1&hs=000.00.53.H48-261120-0042",
            "HELLO WORLD 123",
            "0123456789012345678901234567890",
            "a%E1%BB%87b",
            "Hệ thống",
            "",
        ] {
            for v in [1, 10, 27] {
                let best = bits(&optimal(text, v), v);
                let one = bits(&QrSegment::make_segments(text), v);
                assert!(best <= one, "{text} v{v}: {best} > {one}");
            }
        }
    }

    #[test]
    fn uses_alphanumeric_for_long_upper_runs() {
        let text = "https://x.vn/?hs=000.00.53.H48-261120-0042%E1%BB%87%E1%BB%87";
        let segs = optimal(text, 5);
        assert!(segs.iter().any(|s| s.mode() == qrcodegen::QrSegmentMode::Alphanumeric));
        assert!(bits(&segs, 5) < bits(&QrSegment::make_segments(text), 5));
    }
}
