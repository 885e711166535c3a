//! Canonical normalization (NFC, NFD) from unicode-normalization's
//! per-character data: `decompose_canonical`, `compose` and
//! `canonical_combining_class`, put together as UAX #15 describes.
//!
//! Why not its `nfc()`/`nfd()` iterators: they decompose through one type
//! that picks canonical or compatibility decomposition at run time, so a
//! program that only ever composes still links the compatibility tables
//! (~60 KB raw, a sixth of the WebAssembly build). The algorithm here is
//! small; the data stays the crate's. The tests below check both functions
//! against the crate's iterators on random text (proptest) and on every
//! character of the Latin, combining, Vietnamese and Hangul ranges.

use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
use unicode_normalization::{is_nfc_quick, IsNormalized};

/// Characters that display as nothing or change how the text around them
/// displays: Unicode's format characters (general category Cf: bidi
/// embeddings, overrides, isolates and marks, zero-width space / joiners,
/// word joiner, invisible operators, BOM, soft hyphen, interlinear
/// annotation, tags), the line and paragraph separators (Zl, Zp), the
/// combining grapheme joiner, variation selectors and the Hangul fillers.
/// Names and addresses never need them; a payload carrying one is refused
/// (`invisible_char`). Listed here rather than through a general-category
/// crate: the list is short and stable, the tables are not.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{600}'..='\u{605}'
            | '\u{61C}'
            | '\u{6DD}'
            | '\u{70F}'
            | '\u{890}'..='\u{891}'
            | '\u{8E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// Canonical decomposition in canonical order (NFD) into `out`: each
/// character fully decomposed, then every run of non-starters stably
/// sorted by combining class (O(n log n) for a long run of marks).
fn decompose_into(s: &str, out: &mut Vec<(char, u8)>) {
    for c in s.chars() {
        decompose_canonical(c, |d| out.push((d, canonical_combining_class(d))));
    }
    for run in out.split_mut(|&(_, ccc)| ccc == 0) {
        if run.len() > 1 {
            run.sort_by_key(|&(_, ccc)| ccc); // stable: equal classes keep their order
        }
    }
}

/// `s` in Normalization Form D (for the samples and tests).
#[cfg(any(test, feature = "samples"))]
pub(crate) fn nfd(s: &str) -> String {
    let mut chars = Vec::with_capacity(s.len());
    decompose_into(s, &mut chars);
    chars.into_iter().map(|(c, _)| c).collect()
}

/// `s` in Normalization Form C: NFD, then canonical composition — each
/// character combines with the last starter unless blocked (a character in
/// between has class 0 or a class at least its own).
pub(crate) fn nfc(s: &str) -> String {
    let mut chars = Vec::with_capacity(s.len());
    decompose_into(s, &mut chars);
    let mut out = String::with_capacity(s.len());
    // The last starter (still composable), and what followed it.
    let mut starter: Option<char> = None;
    let mut pending: Vec<char> = Vec::new();
    let mut last_ccc: Option<u8> = None; // class of the last char in `pending`
    for (c, ccc) in chars {
        if let Some(st) = starter {
            let blocked = match last_ccc {
                None => false,
                Some(prev) => prev == 0 || prev >= ccc,
            };
            if !blocked {
                if let Some(composed) = compose(st, c) {
                    starter = Some(composed);
                    continue;
                }
            }
        }
        if ccc == 0 {
            // A new starter: the previous one and its followers are final.
            out.extend(starter.take());
            out.extend(pending.drain(..));
            starter = Some(c);
            last_ccc = None;
        } else if starter.is_some() {
            pending.push(c);
            last_ccc = Some(ccc);
        } else {
            out.push(c); // a non-starter with no starter before it
        }
    }
    out.extend(starter);
    out.extend(pending);
    out
}

/// Whether `s` is in NFC: the quick check, and on "maybe" a comparison
/// with its normalization.
pub(crate) fn is_nfc(s: &str) -> bool {
    to_nfc(s).is_none()
}

/// `s` in NFC when that differs from `s` (normalised once, even when the
/// quick check can only say "maybe").
pub(crate) fn to_nfc(s: &str) -> Option<String> {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => None,
        IsNormalized::No => Some(nfc(s)),
        IsNormalized::Maybe => Some(nfc(s)).filter(|n| n != s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn agrees_with_the_crate_on_every_char_of_the_relevant_ranges() {
        // Basic Latin to the combining marks (U+0000–036F), Greek, Hangul
        // jamo, Latin Extended Additional (Vietnamese) and Greek Extended,
        // letterlike symbols and number forms, the first Hangul syllables
        // (U+AC00–AC40) and the CJK compatibility ideographs.
        let ranges = [
            0x0000..=0x036F_u32,
            0x0370..=0x03FF,
            0x1100..=0x11FF,
            0x1E00..=0x1FFF,
            0x2100..=0x21FF,
            0xAC00..=0xAC40,
            0xF900..=0xFAFF,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(nfd(&s), s.nfd().collect::<String>(), "nfd {c:?}");
            assert_eq!(nfc(&s), s.nfc().collect::<String>(), "nfc {c:?}");
            let with_marks = format!("{c}\u{323}\u{302}x\u{301}\u{31B}");
            assert_eq!(
                nfc(&with_marks),
                with_marks.nfc().collect::<String>(),
                "nfc {with_marks:?}"
            );
            assert_eq!(is_nfc(&with_marks), unicode_normalization::is_nfc(&with_marks));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// Random text, dense in what composes: Vietnamese letters, combining
        /// marks of several classes, Hangul jamo and syllables, CJK
        /// compatibility ideographs, anything else.
        #[test]
        fn agrees_with_the_crate_on_random_text(
            s in "([a-zA-ZăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ\u{300}-\u{36F}\u{591}-\u{5C7}\u{1100}-\u{1112}\u{1161}-\u{1175}\u{11A8}-\u{11C2}\u{AC00}-\u{AC20}\u{F900}-\u{F910}\u{0B47}\u{0B3E}\u{0B57}\u{0CC6}\u{0CC2}\u{0CD5}]|.){0,24}"
        ) {
            proptest::prop_assert_eq!(nfd(&s), s.nfd().collect::<String>());
            proptest::prop_assert_eq!(nfc(&s), s.nfc().collect::<String>());
            proptest::prop_assert_eq!(is_nfc(&s), unicode_normalization::is_nfc(&s));
        }
    }

    #[test]
    fn vietnamese_tone_marks_in_any_order() {
        // ệ = e + circumflex (230) + dot below (220): both orders give ệ.
        assert_eq!(nfc("e\u{302}\u{323}"), "ệ");
        assert_eq!(nfc("e\u{323}\u{302}"), "ệ");
        assert_eq!(nfd("ệ"), "e\u{323}\u{302}");
        // Blocked: a starter between stops composition.
        assert_eq!(nfc("a\u{308}\u{300}"), "ä\u{300}");
        assert_eq!(nfc("\u{301}a"), "\u{301}a");
        assert_eq!(nfc(""), "");
    }
}
