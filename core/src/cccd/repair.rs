//! The scanner path: undo what keyboard-wedge scanners and wrong code pages
//! do to a payload, report every repair, never guess.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;

use super::scan::{scan, Scan};
use super::{check_len, parse_scanned, today_vn, Card, Error};

/// One repair the scanner path applied (or the strict parser asks for).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Repair {
    /// A leading byte-order mark (U+FEFF) was removed.
    StripBom,
    /// A trailing scanner suffix (CR, LF, CRLF, TAB, any mix) was removed.
    StripSuffix,
    /// UTF-8 that had been read as Windows-1252 or ISO-8859-1 (Latin-1) was decoded back.
    Mojibake,
    /// Decomposed (NFD) or otherwise unnormalised text was composed to NFC.
    Nfc,
}

impl Repair {
    /// Every repair, in the order they are listed in reports.
    pub const ALL: [Repair; 4] = [Repair::StripBom, Repair::StripSuffix, Repair::Mojibake, Repair::Nfc];

    /// Stable machine-readable code.
    pub const fn code(self) -> &'static str {
        match self {
            Repair::StripBom => "strip_bom",
            Repair::StripSuffix => "strip_suffix",
            Repair::Mojibake => "mojibake",
            Repair::Nfc => "nfc",
        }
    }

    /// English description.
    pub const fn message(self) -> &'static str {
        match self {
            Repair::StripBom => "removed a leading byte-order mark",
            Repair::StripSuffix => "removed the scanner's trailing CR/LF/TAB",
            Repair::Mojibake => "decoded UTF-8 text that the scanner had typed as Windows-1252 / Latin-1",
            Repair::Nfc => "normalised decomposed (NFD) Vietnamese text to NFC",
        }
    }

    /// Vietnamese description.
    pub const fn message_vi(self) -> &'static str {
        match self {
            Repair::StripBom => "đã bỏ ký tự BOM ở đầu",
            Repair::StripSuffix => "đã bỏ ký tự CR/LF/TAB máy quét thêm ở cuối",
            Repair::Mojibake => "đã sửa lỗi phông chữ (UTF-8 bị máy quét gõ thành Windows-1252 / Latin-1)",
            Repair::Nfc => "đã chuẩn hóa chữ Việt dạng tổ hợp (NFD) về dạng dựng sẵn (NFC)",
        }
    }

    const fn bit(self) -> u8 {
        match self {
            Repair::StripBom => 1,
            Repair::StripSuffix => 2,
            Repair::Mojibake => 4,
            Repair::Nfc => 8,
        }
    }
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// The set of repairs applied to one payload; iterates in the fixed order of
/// [`Repair::ALL`].
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Repairs(u8);

impl Repairs {
    /// No repair was needed.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether `r` was applied.
    pub const fn contains(self, r: Repair) -> bool {
        self.0 & r.bit() != 0
    }

    /// How many repairs were applied.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    fn insert(&mut self, r: Repair) {
        self.0 |= r.bit();
    }

    /// The applied repairs, in the order of [`Repair::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Repair> {
        Repair::ALL.into_iter().filter(move |r| self.contains(*r))
    }
}

impl fmt::Debug for Repairs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter().map(Repair::code)).finish()
    }
}

/// A scanned payload after the scanner repairs: borrowed when nothing had
/// to be rewritten (also when only a BOM or suffix was cut off), owned when
/// mojibake or NFC repair rewrote the text.
#[derive(Clone, PartialEq, Eq)]
pub struct Repaired<'a> {
    text: Cow<'a, str>,
    repairs: Repairs,
    /// The scan of `text`, reused by `parse`.
    scan: Scan,
}

impl<'a> Repaired<'a> {
    /// The repaired payload text. Personal data: do not log it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The repaired text, borrowed from the input unless a repair rewrote it.
    pub fn into_text(self) -> Cow<'a, str> {
        self.text
    }

    /// What was repaired.
    pub fn repairs(&self) -> Repairs {
        self.repairs
    }

    /// Parses the repaired text with "today" in Vietnam (UTC+07:00) as the
    /// reference date. The card borrows from `self`.
    pub fn parse(&self) -> Result<Card<'_>, Error> {
        parse_scanned(&self.text, &self.scan, today_vn())
    }

    /// Parses the repaired text against a given reference date.
    pub fn parse_as_of(&self, as_of: NaiveDate) -> Result<Card<'_>, Error> {
        parse_scanned(&self.text, &self.scan, as_of)
    }
}

impl fmt::Debug for Repaired<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Repaired")
            .field("text", &format_args!("<{} bytes redacted>", self.text.len()))
            .field("owned", &matches!(self.text, Cow::Owned(_)))
            .field("repairs", &self.repairs)
            .finish()
    }
}

const BOM: char = '\u{FEFF}';
const SUFFIX: [char; 3] = ['\r', '\n', '\t'];

/// Applies the scanner repairs and reports each: BOM removal, CR/LF/TAB
/// suffix removal, NFC normalisation and Windows-1252/Latin-1 mojibake decoding,
/// repeated until the text no longer changes (a garbled BOM only shows after
/// decoding; text garbled twice is decoded twice). The result is a fixed
/// point: repairing it again changes nothing.
///
/// Mojibake is repaired only when the whole text re-encodes to single bytes
/// (Windows-1252 with the WHATWG mapping, or ISO-8859-1)
/// and those decode as strict UTF-8. When it looks like mojibake but bytes
/// were lost, the result is [`Error::MojibakeUnrecoverable`]: a rescan,
/// never a guess.
pub fn repair(input: &str) -> Result<Repaired<'_>, Error> {
    check_len(input.len())?;
    let mut repairs = Repairs::default();
    let mut text = Cow::Borrowed(input);
    for _ in 0..MAX_PASSES {
        let len = text.len();
        text = strip(text, &mut repairs);
        let mut changed = text.len() != len;
        let mut sc = scan(&text);
        if let Some(composed) = sc.nfc_unsure.then(|| crate::unicode::to_nfc(&text)).flatten() {
            text = Cow::Owned(composed);
            repairs.insert(Repair::Nfc);
            changed = true;
            sc = scan(&text);
        }
        if sc.mojibake_unsure {
            match mojibake(&text) {
                Mojibake::None => {}
                Mojibake::Repairable(fixed) => {
                    text = Cow::Owned(fixed);
                    repairs.insert(Repair::Mojibake);
                    changed = true;
                }
                Mojibake::Broken => return Err(Error::MojibakeUnrecoverable),
            }
        }
        if !changed {
            return Ok(Repaired {
                text,
                repairs,
                scan: sc,
            });
        }
    }
    // Still changing after MAX_PASSES: garbled more often than any scanner does.
    Err(Error::MojibakeUnrecoverable)
}

/// Every pass either finishes or shortens the text; 4 passes cover a
/// double-garbled payload with a garbled BOM.
const MAX_PASSES: usize = 4;

fn strip<'a>(text: Cow<'a, str>, repairs: &mut Repairs) -> Cow<'a, str> {
    fn strip_str<'s>(s: &'s str, repairs: &mut Repairs) -> &'s str {
        let t = s.trim_start_matches(BOM);
        if t.len() != s.len() {
            repairs.insert(Repair::StripBom);
        }
        let u = t.trim_end_matches(SUFFIX);
        if u.len() != t.len() {
            repairs.insert(Repair::StripSuffix);
        }
        u
    }
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(strip_str(s, repairs)),
        Cow::Owned(s) => {
            let t = strip_str(&s, repairs);
            if t.len() == s.len() {
                Cow::Owned(s)
            } else {
                Cow::Owned(t.to_owned())
            }
        }
    }
}

/// [`repair`] for raw bytes (a serial port, a C caller): not UTF-8 is
/// [`Error::NotUtf8`] — bytes in another encoding are never guessed at.
pub fn repair_bytes(input: &[u8]) -> Result<Repaired<'_>, Error> {
    check_len(input.len())?;
    repair(simdutf8::basic::from_utf8(input).map_err(|_| Error::NotUtf8)?)
}

/// The strict parser's gate: anything [`repair`] would change is an error
/// naming the repair. Allocation-free for text that needs no repair.
pub(super) fn check_clean(s: &str, sc: &Scan) -> Result<(), Error> {
    if s.starts_with(BOM) {
        return Err(Error::NeedsRepair(Repair::StripBom));
    }
    if s.ends_with(SUFFIX) {
        return Err(Error::NeedsRepair(Repair::StripSuffix));
    }
    if sc.mojibake_unsure {
        match mojibake(s) {
            Mojibake::None => {}
            Mojibake::Repairable(_) => return Err(Error::NeedsRepair(Repair::Mojibake)),
            Mojibake::Broken => return Err(Error::MojibakeUnrecoverable),
        }
    }
    if sc.nfc_unsure && !crate::unicode::is_nfc(s) {
        return Err(Error::NeedsRepair(Repair::Nfc));
    }
    Ok(())
}

enum Mojibake {
    None,
    Repairable(String),
    Broken,
}

/// The full mojibake check, run when the scan saw a Latin-1 character that
/// Windows-1252 maps to a UTF-8 lead byte (U+00C2–U+00F4) followed by a
/// non-ASCII character — a necessary condition for a valid multi-byte
/// sequence after re-encoding. Genuine Vietnamese text almost never has it (a
/// Latin-1 vowel is followed by an ASCII letter or space).
#[cold]
#[inline(never)]
fn mojibake(s: &str) -> Mojibake {
    let (bytes, unmappable) = to_single_bytes(s);
    let (multibyte, invalid) = utf8_stats(&bytes);
    if multibyte == 0 {
        Mojibake::None
    } else if invalid > 0 || unmappable {
        Mojibake::Broken
    } else {
        match String::from_utf8(bytes) {
            Ok(fixed) => Mojibake::Repairable(fixed),
            Err(_) => Mojibake::Broken,
        }
    }
}

/// Windows-1252 bytes 0x80–0x9F as characters (the WHATWG mapping, which
/// maps the 5 bytes the code page leaves undefined — 0x81 0x8D 0x8F 0x90
/// 0x9D — to the C1 control of the same value). Every other byte is the
/// character of the same value, as in ISO-8859-1.
///
/// A table rather than `encoding_rs`: its `Encoding` dispatches over all
/// 40 WHATWG encodings, which links every CJK table into a program that
/// needs these 32 characters (137 KB of the 325 KB gzipped `.wasm`). A test
/// (`tests/cccd.rs`) checks the table against `encoding_rs` on text using
/// every byte UTF-8 can contain.
const CP1252_80_9F: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', //
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The Windows-1252 character of `byte`.
fn cp1252_char(byte: u8) -> char {
    let high = usize::from(byte).checked_sub(0x80).and_then(|i| CP1252_80_9F.get(i));
    high.copied().unwrap_or(char::from(byte))
}

/// The Windows-1252 byte of `c`, if it has one.
fn cp1252_byte(c: char) -> Option<u8> {
    match u8::try_from(u32::from(c)) {
        // U+0080–U+009F: the C1 controls are ISO-8859-1's bytes of the same
        // value (and WHATWG's for the 5 undefined ones).
        Ok(b) => Some(b),
        Err(_) => (0x80..=0x9F_u8).find(|&b| cp1252_char(b) == c),
    }
}

/// The bytes a wrong-code-page host turned into `s`: U+0000–U+00FF are the
/// byte of the same value (ISO-8859-1, and the 5 bytes Windows-1252 leaves
/// undefined), the 27 other Windows-1252 characters their byte (`…` → 0x85,
/// `€` → 0x80, …). The two code pages never disagree about a byte, so one
/// pass undoes either. The flag says some character fitted neither (it
/// became `?`).
fn to_single_bytes(s: &str) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(s.len());
    let mut unmappable = false;
    for c in s.chars() {
        out.push(cp1252_byte(c).unwrap_or_else(|| {
            unmappable = true;
            b'?'
        }));
    }
    (out, unmappable)
}

/// Counts valid multi-byte UTF-8 sequences and invalid spots in `bytes`.
fn utf8_stats(mut bytes: &[u8]) -> (usize, usize) {
    let count = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    let (mut multibyte, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => return (multibyte + count(s), invalid),
            Err(e) => {
                let (ok, rest) = bytes.split_at(e.valid_up_to());
                multibyte += std::str::from_utf8(ok).map_or(0, count);
                invalid += 1;
                let skip = e.error_len().unwrap_or(rest.len());
                bytes = rest.get(skip..).unwrap_or_default();
            }
        }
    }
}

#[cfg(feature = "samples")]
/// How a keyboard-wedge scanner with the wrong code page garbles text: the
/// UTF-8 bytes, each typed as its Windows-1252 character (WHATWG mapping).
/// For tests, demos and fixtures; [`repair`] undoes it exactly.
pub fn garble_as_windows1252(s: &str) -> String {
    s.bytes().map(cp1252_char).collect()
}
