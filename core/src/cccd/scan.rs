//! One pass over the payload's bytes that finds the `|` separators and
//! flags what needs a closer (slower) look, so a clean payload is checked
//! once and never decoded into `char`s: ASCII runs 8 bytes at a time (SWAR,
//! exact per-byte masks in a `u64`), other characters by their lead byte.

/// Most separators a valid payload has (11 fields).
const MAX_SEPS: usize = 10;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scan {
    /// Byte offsets of the first `MAX_SEPS` separators.
    seps: [usize; MAX_SEPS],
    /// Total number of separators (may exceed `MAX_SEPS`).
    pub(crate) n_seps: usize,
    /// A control character (C0, DEL or C1) occurs somewhere.
    pub(crate) control: bool,
    /// A character outside the ranges known to be NFC-stable with
    /// combining class 0 (ASCII, U+0080–U+02FF, U+1E00–U+1EFF) occurs: run
    /// the full NFC check. Vietnamese text in NFC never sets it.
    pub(crate) nfc_unsure: bool,
    /// A Latin-1 character that Windows-1252 maps to a UTF-8 lead byte
    /// (U+00C2–U+00F4) is followed by a non-ASCII character: run the full
    /// mojibake check. Genuine Vietnamese text almost never sets it.
    pub(crate) mojibake_unsure: bool,
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// 0x80 in exactly the bytes of `x` that are zero.
const fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// 0x80 in exactly the ASCII bytes of `x` below 0x20 (garbage in non-ASCII bytes).
const fn below_space(x: u64) -> u64 {
    !((x & LOW7) + 0x60 * LO) & HI
}

pub(crate) fn scan(s: &str) -> Scan {
    let b = s.as_bytes();
    let mut out = Scan {
        seps: [0; MAX_SEPS],
        n_seps: 0,
        control: false,
        nfc_unsure: false,
        mojibake_unsure: false,
    };
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    loop {
        // ASCII runs, 8 bytes at a time (SWAR): separators, C0 controls, DEL.
        while let Some(chunk) = b.get(i..i + 8) {
            let mut w = [0; 8];
            w.copy_from_slice(chunk);
            let v = u64::from_le_bytes(w);
            let high = v & HI;
            let ascii = if high == 0 {
                8
            } else {
                (high.trailing_zeros() / 8) as usize
            };
            let keep = if ascii == 8 {
                u64::MAX
            } else {
                (1u64 << (ascii * 8)) - 1
            };
            out.control |= (below_space(v) | zero_bytes(v ^ (0x7F * LO))) & keep != 0;
            let mut pipes = zero_bytes(v ^ (u64::from(b'|') * LO)) & keep;
            while pipes != 0 {
                out.sep(i + (pipes.trailing_zeros() / 8) as usize);
                pipes &= pipes - 1;
            }
            i += ascii;
            if ascii < 8 {
                break;
            }
        }
        let Some(&x) = b.get(i) else { return out };
        if x < 0x80 {
            // The tail shorter than 8 bytes.
            if x == b'|' {
                out.sep(i);
            } else if x < 0x20 || x == 0x7F {
                out.control = true;
            }
            i += 1;
            continue;
        }
        let y = at(i + 1);
        match x {
            // U+0080–U+00BF; U+0080–U+009F are C1 controls.
            0xC2 => {
                out.control |= y < 0xA0;
                i += 2;
            }
            // U+00C0–U+00FF.
            0xC3 => {
                out.mojibake_unsure |= (0x82..=0xB4).contains(&y) && at(i + 2) >= 0x80;
                i += 2;
            }
            // U+0100–U+02FF.
            0xC4..=0xCB => i += 2,
            // U+1E00–U+1EFF: Latin Extended Additional (ạ ả ấ … ỹ).
            0xE1 if (0xB8..=0xBB).contains(&y) => i += 3,
            // Anything else: let the full checks decide. Stepping one byte
            // is safe: continuation bytes are never `|` or ASCII.
            _ => {
                out.nfc_unsure = true;
                i += 1;
            }
        }
    }
}

impl Scan {
    fn sep(&mut self, at: usize) {
        if let Some(slot) = self.seps.get_mut(self.n_seps) {
            *slot = at;
        }
        self.n_seps += 1;
    }

    /// The `|`-separated fields, when there are exactly `N`.
    pub(crate) fn fields<'s, const N: usize>(&self, s: &'s str) -> Option<[&'s str; N]> {
        if self.n_seps + 1 != N || N > MAX_SEPS + 1 {
            return None;
        }
        let mut out = [""; N];
        let mut start = 0;
        for (k, slot) in out.iter_mut().enumerate() {
            let end = self.seps.get(k).copied().filter(|_| k + 1 < N).unwrap_or(s.len());
            *slot = s.get(start..end)?;
            start = end + 1;
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{is_nfc_quick, IsNormalized};

    /// The fast path's claim, checked against unicode-normalization for every
    /// code point it skips.
    #[test]
    fn fast_path_ranges_are_nfc_stable_starters() {
        let ranges = [0x0000..=0x02FF_u32, 0x1E00..=0x1EFF];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            assert!(!scan(s).nfc_unsure, "{c:?}");
        }
        for s in ["e\u{301}", "\u{300}", "ờ\u{323}", "\u{2000}", "😀", "\u{feff}"] {
            assert!(scan(s).nfc_unsure, "{s:?}");
        }
    }

    #[test]
    fn control_flag_is_char_is_control() {
        for c in (0..0x300).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            assert_eq!(scan(c.encode_utf8(&mut buf)).control, c.is_control(), "{c:?}");
        }
    }

    /// The same flags, computed the obvious way.
    fn reference(s: &str) -> (Vec<usize>, bool, bool, bool) {
        let seps = s.match_indices('|').map(|(i, _)| i).collect();
        let control = s.chars().any(char::is_control);
        let nfc_unsure = s
            .chars()
            .any(|c| !(c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)));
        let cs: Vec<char> = s.chars().collect();
        let mojibake = cs
            .windows(2)
            .any(|w| ('\u{C2}'..='\u{F4}').contains(&w[0]) && !w[1].is_ascii());
        (seps, control, nfc_unsure, mojibake)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn scan_agrees_with_the_reference(s in "[|a-z0-9 \u{0}-\u{1f}\u{7f}-\u{a0}À-ÿĀ-ʯ\u{300}-\u{36f}Ḁ-ỿ\u{2000}-\u{2030}😀]{0,40}") {
            let sc = scan(&s);
            let (seps, control, nfc_unsure, mojibake) = reference(&s);
            proptest::prop_assert_eq!(sc.n_seps, seps.len());
            proptest::prop_assert_eq!(&sc.seps[..seps.len().min(MAX_SEPS)], &seps[..seps.len().min(MAX_SEPS)]);
            proptest::prop_assert_eq!(sc.control, control);
            proptest::prop_assert_eq!(sc.nfc_unsure, nfc_unsure);
            proptest::prop_assert_eq!(sc.mojibake_unsure, mojibake);
        }
    }

    #[test]
    fn fields_split_like_str_split() {
        for s in [
            "",
            "|",
            "a|b",
            "||||||",
            "a|bc|ễ|d||e|f",
            "0|1|2|3|4|5|6|7|8|9|10",
            "0|1|2|3|4|5|6|7|8|9|10|11",
        ] {
            let sc = scan(s);
            assert_eq!(sc.n_seps + 1, s.split('|').count());
            let want: Vec<&str> = s.split('|').collect();
            match want.len() {
                7 => assert_eq!(sc.fields::<7>(s).unwrap().to_vec(), want),
                11 => assert_eq!(sc.fields::<11>(s).unwrap().to_vec(), want),
                _ => assert!(sc.fields::<7>(s).is_none() && sc.fields::<11>(s).is_none()),
            }
        }
    }
}
