//! Payload codec v1: a record as an `https://` URL on the portal's lookup page.
//! The format is specified in `docs/dossier-qr.md`; keep the two in step.

use std::borrow::Cow;
use std::fmt::Write as _;

use base32ct::{Base32UpperUnpadded, Encoding as _};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Timelike};

use super::codes::{is_digits, number, yymmdd};
use super::{
    Applicant, Appointment, DossierCode, Error, Field, Paper, ProcedureCode, Record, Validity, MAX_TEXT_CHARS, VIETNAM,
};

/// The payload format version this library writes (`v=1`).
pub const FORMAT_VERSION: u8 = 1;

/// Longest payload [`decode`] accepts, in bytes (a QR holds at most 2,953).
pub const MAX_PAYLOAD_LEN: usize = 4096;

/// The national portal's status-lookup page, the default base URL.
pub const DEFAULT_BASE: &str = "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html";

/// What to do with the applicant's identifier (personal data when it is a
/// person's ID number, Nghị định 13/2023).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Privacy {
    /// Carry the full identifier (papers kept inside the office, or where the
    /// applicant's consent covers it).
    #[default]
    Full,
    /// Carry [`Applicant::masked`] (`*********456`): enough for a clerk to
    /// match a paper to a person, not enough to identify them.
    Masked,
    /// Leave the identifier out; the decoded record reports it missing.
    Omitted,
}

/// How [`encode`] writes a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncodeOptions<'o> {
    /// The portal's status-lookup page: `https://`, ASCII, no `#`. It may
    /// carry its own query parameters, except `hs` and `qr`.
    pub base: &'o str,
    /// The applicant's identifier in full, masked or omitted.
    pub privacy: Privacy,
}

impl Default for EncodeOptions<'_> {
    fn default() -> Self {
        EncodeOptions {
            base: DEFAULT_BASE,
            privacy: Privacy::Full,
        }
    }
}

/// Writes `record` as a payload v1 URL (see `docs/dossier-qr.md`):
///
/// `<base>?hs=<dossier code>&qr=1/TT:<procedure>/DD:<applicant>/GT:<kind>/HT:<system>/TG:<time>/HN:<appointment>…`
///
/// Requires every field Điều 26 requires ([`Record::missing`] empty, the
/// applicant excepted under [`Privacy::Omitted`]); checks free text (not
/// blank, at most [`MAX_TEXT_CHARS`] characters, no control characters) and
/// dates (years 2000–2099; validity dates from 2000).
pub fn encode(record: &Record, opts: &EncodeOptions<'_>) -> Result<String, Error> {
    check_base(opts.base)?;
    if let Some(&f) = record
        .missing()
        .iter()
        .find(|&&f| !(f == Field::Applicant && opts.privacy == Privacy::Omitted))
    {
        return Err(Error::FieldMissing(f));
    }
    let mut out = String::with_capacity(opts.base.len() + 256);
    out.push_str(opts.base);
    // A separator only where the base's own query needs one: a `?` that
    // ends a base already holding a query is part of it (`…?a=1&b?`), so
    // `hs` must follow a `&` there, or it would be read as `b?hs`.
    match opts.base.split_once('?') {
        None => out.push('?'),
        Some((_, query)) if query.is_empty() || query.ends_with('&') => {}
        Some(_) => out.push('&'),
    }
    out.push_str("hs=");
    out.push_str(record.dossier_code.as_str());
    let _ = write!(out, "&qr={FORMAT_VERSION}");
    let mut tag = |tag: &str, value: &str| {
        out.push('/');
        out.push_str(tag);
        out.push(':');
        out.push_str(value);
    };
    if let Some(p) = &record.procedure_code {
        tag("TT", p.as_str());
    }
    match (&record.applicant, opts.privacy) {
        (Some(a), Privacy::Full) => tag("DD", a.as_str()),
        (Some(a), Privacy::Masked) => tag("DD", a.masked().as_str()),
        (_, Privacy::Omitted) | (None, _) => {}
    }
    match &record.paper {
        None => {}
        Some(Paper::Other(name)) => tag("GTT", &text(Field::Paper, name)?),
        Some(kind) => tag("GT", kind.code().unwrap_or_default()),
    }
    if let Some(system) = &record.system {
        tag("HT", &text(Field::System, system)?);
    }
    if let Some(at) = record.issued_at {
        tag("TG", &timestamp(at)?);
    }
    if let Some(a) = record.appointment {
        tag("HN", &appointment(a)?);
    }
    match &record.validity {
        None => {}
        Some(Validity::Until(d)) => {
            if !(2000..=9999).contains(&d.year()) {
                return Err(Error::DateInvalid(Field::Validity));
            }
            tag("HL", &format!("{:04}{:02}{:02}", d.year(), d.month(), d.day()))
        }
        Some(Validity::Indefinite) => tag("HL", "0"),
        Some(Validity::Text(t)) => tag("HLT", &text(Field::Validity, t)?),
    }
    if let Some(scope) = &record.scope {
        tag("PV", &text(Field::Scope, scope)?);
    }
    Ok(out)
}

/// The base is `https://host…`: printable ASCII without `#`, `\\` or
/// spaces; the host is letters, digits, dots and hyphens, with an optional
/// `:port`, and nothing else — no user info (`https://dichvucong.gov.vn@evil.example/`
/// sends a phone to `evil.example`); and the query, if any, does not
/// already use the parameters `hs` or `qr`.
pub(crate) fn check_base(base: &str) -> Result<(), Error> {
    let rest = strip_https(base).ok_or(Error::BaseUrlInvalid)?;
    let authority = rest.split(['/', '?', '#', '\\']).next().unwrap_or_default();
    let (host, port) = authority.split_once(':').unwrap_or((authority, ""));
    let host_ok = !host.is_empty()
        && host
            .split('.')
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') && !l.starts_with('-'));
    let port_ok = !authority.contains(':')
        || (port.bytes().all(|b| b.is_ascii_digit()) && port.parse::<u16>().is_ok_and(|p| p > 0));
    let chars_ok = base.bytes().all(|b| b.is_ascii_graphic() && b != b'#' && b != b'\\');
    let query = base.split_once('?').map_or("", |(_, q)| q);
    let keys_ok = query.split('&').all(|kv| {
        let key = kv.split_once('=').map_or(kv, |(k, _)| k);
        key != "hs" && key != "qr"
    });
    if host_ok && port_ok && chars_ok && keys_ok && base.len() <= 512 {
        Ok(())
    } else {
        Err(Error::BaseUrlInvalid)
    }
}

/// What follows `https://` (any case).
fn strip_https(url: &str) -> Option<&str> {
    let head = url.get(..8)?;
    head.eq_ignore_ascii_case("https://").then(|| url.get(8..)).flatten()
}

/// The host (and port) of a base that passed [`check_base`].
pub(crate) fn host_of(base: &str) -> &str {
    let rest = strip_https(base).unwrap_or(base);
    rest.split(['/', '?', '#']).next().unwrap_or_default()
}

/// A base for comparison: scheme and host in lower case, no trailing `?`
/// or `&`.
fn normal_base(base: &str) -> String {
    let base = base.trim_end_matches(['?', '&']);
    let host = host_of(base);
    let rest = strip_https(base).and_then(|r| r.get(host.len()..)).unwrap_or_default();
    format!("https://{}{rest}", host.to_ascii_lowercase())
}

/// How [`decode_with`] reads a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DecodeOptions<'o> {
    /// The lookup pages a portal accepts. Empty: any `https://` base that
    /// passes the checks. Otherwise the payload's base must equal one of
    /// them (scheme and host compared without case; a trailing `?` or `&`
    /// ignored), or start with one that ends in `/` and has no query (a
    /// whole site: `https://dichvucong.hanoi.gov.vn/`); else
    /// [`Error::BaseNotAllowed`]. A bare dossier code, which links nowhere,
    /// is accepted either way.
    pub allowed_bases: &'o [&'o str],
}

/// Whether `base` (checked) is one of `allowed` (see [`DecodeOptions`]).
fn base_allowed(base: &str, allowed: &[&str]) -> bool {
    let base = normal_base(base);
    allowed.iter().any(|a| {
        let a = normal_base(a);
        base == a || (a.ends_with('/') && !a.contains('?') && base.starts_with(&a))
    })
}

pub(crate) fn check_text(field: Field, s: &str) -> Result<(), Error> {
    let ok = !s.trim().is_empty()
        && !s.chars().any(|c| c.is_control() || crate::unicode::is_invisible(c))
        && s.chars().nth(MAX_TEXT_CHARS).is_none();
    if ok {
        Ok(())
    } else {
        Err(Error::TextInvalid(field))
    }
}

/// Free text as base32 (RFC 4648, no padding) of its UTF-8 bytes: only
/// `A–Z 2–7`, which QR alphanumeric mode stores in 5.5 bits a character —
/// about 8.8 bits per UTF-8 byte, where percent-encoding Vietnamese costs
/// 16–24 (see docs/dossier-qr.md for the measurements).
fn text(field: Field, s: &str) -> Result<String, Error> {
    check_text(field, s)?;
    Ok(Base32UpperUnpadded::encode_string(s.as_bytes()))
}

fn year_ok(year: i32) -> bool {
    (2000..=2099).contains(&year)
}

/// `YYMMDDhhmm`, plus `ss` when the seconds are not zero, in +07:00.
fn timestamp(at: DateTime<FixedOffset>) -> Result<String, Error> {
    let at = at.with_timezone(&VIETNAM);
    if !year_ok(at.year()) {
        return Err(Error::DateInvalid(Field::IssuedAt));
    }
    // Plain formatting of three fixed layouts rather than chrono's strftime
    // formatter (chrono's parser is linked anyway, by `Appointment::parse`
    // and the bindings' date options).
    let mut s = write_yymmdd(at.date_naive());
    let _ = write!(s, "{:02}{:02}", at.hour(), at.minute());
    if at.second() != 0 {
        let _ = write!(s, "{:02}", at.second());
    }
    Ok(s)
}

/// `YYMMDD` of a date in 2000–2099.
fn write_yymmdd(d: NaiveDate) -> String {
    format!("{:02}{:02}{:02}", d.year() % 100, d.month(), d.day())
}

/// `YYMMDD`, plus `hhmm` when there is a time.
fn appointment(a: Appointment) -> Result<String, Error> {
    if !year_ok(a.date.year()) {
        return Err(Error::DateInvalid(Field::Appointment));
    }
    let mut s = write_yymmdd(a.date);
    if let Some(t) = a.time {
        let _ = write!(s, "{:02}{:02}", t.hour(), t.minute());
    }
    Ok(s)
}

/// Reads a payload: a v1 URL under any base (other URL parameters and
/// unknown tags are ignored), a URL with only `hs`, or a bare dossier code —
/// the last two give a record with only [`Record::dossier_code`].
/// The record is owned (free text is decoded from base32 anyway).
///
/// Nothing is trimmed: a scanner's trailing CR/LF must be removed by the
/// caller (the CLI's line reader does).
///
/// The base must be an `https://` URL that passes the encoder's checks (no
/// user info, a plain host): `http://` and `https://host@elsewhere/` are
/// [`Error::BaseUrlInvalid`]. [`Record::base`] and [`Record::host`] say
/// where the code sends a phone. To accept only your portal's pages, use
/// [`decode_with`].
pub fn decode(payload: &str) -> Result<Record, Error> {
    decode_with(payload, &DecodeOptions::default())
}

/// [`decode`], accepting only the bases `opts` allows.
pub fn decode_with(payload: &str, opts: &DecodeOptions<'_>) -> Result<Record, Error> {
    if payload.len() > MAX_PAYLOAD_LEN {
        return Err(Error::TooLong { max: MAX_PAYLOAD_LEN });
    }
    let is_url = ["https://", "http://"]
        .iter()
        .any(|p| payload.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p)));
    if !is_url {
        return DossierCode::parse(payload).map(Record::new);
    }
    let no_fragment = payload.split_once('#').map_or(payload, |(p, _)| p);
    let (path, query) = no_fragment.split_once('?').unwrap_or((no_fragment, ""));
    let (mut hs, mut qr) = (None, None);
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let slot = match key {
            "hs" => &mut hs,
            "qr" => &mut qr,
            _ => continue,
        };
        if slot.replace(value).is_some() {
            return Err(match key {
                "hs" => Error::DuplicateField(Field::DossierCode),
                _ => Error::VersionUnsupported,
            });
        }
    }
    let (hs, qr) = match (hs, qr) {
        (None, None) => return Err(Error::NotDossierQr),
        (None, Some(_)) => return Err(Error::FieldMissing(Field::DossierCode)),
        (Some(hs), qr) => (hs, qr),
    };
    // The base: the URL without our two parameters — its head when they
    // come last, as the encoder writes them.
    let is_ours = |kv: &str| matches!(kv.split_once('=').map_or(kv, |(k, _)| k), "hs" | "qr");
    let mut offset = path.len() + 1; // where the query starts in `payload`
    let mut ours_from = None; // offset of the first of our trailing params
    for kv in query.split('&') {
        match (is_ours(kv), ours_from) {
            (true, None) => ours_from = Some(offset),
            (false, Some(_)) if !kv.is_empty() => ours_from = None,
            _ => {}
        }
        offset += kv.len() + 1;
    }
    let base = match ours_from.and_then(|at| payload.get(..at.saturating_sub(1))) {
        Some(head) => head.to_owned(),
        None => {
            let kept: Vec<&str> = query.split('&').filter(|kv| !kv.is_empty() && !is_ours(kv)).collect();
            format!("{path}?{}", kept.join("&"))
        }
    };
    check_base(&base)?;
    if !opts.allowed_bases.is_empty() && !base_allowed(&base, opts.allowed_bases) {
        return Err(Error::BaseNotAllowed);
    }
    let mut r = Record::new(DossierCode::parse(&unescape(Field::DossierCode, hs)?)?);
    r.base = Some(base);
    let Some(qr) = qr else { return Ok(r) };
    // Our alphabet has no '%': one only appears if something on the way
    // re-encoded the URL (e.g. '/' as %2F). Undo it.
    read_data(
        &unescape(Field::DossierCode, qr).map_err(|_| Error::NotDossierQr)?,
        &mut r,
    )?;
    Ok(r)
}

/// `1/TAG:value/TAG:value…` into `r`.
fn read_data(data: &str, r: &mut Record) -> Result<(), Error> {
    let mut elements = data.split('/');
    if elements.next() != Some("1") {
        return Err(Error::VersionUnsupported);
    }
    let mut seen = [false; Field::ALL.len()];
    for element in elements {
        let Some((tag, v)) = element.split_once(':') else {
            continue;
        };
        let field = match tag {
            "GTT" => Field::Paper,
            "HLT" => Field::Validity,
            "hs" => continue,
            tag => match Field::from_key(tag) {
                Some(f) => f,
                None => continue, // a tag of a later minor version
            },
        };
        if let Some(s) = seen.get_mut(field as usize) {
            if std::mem::replace(s, true) {
                return Err(Error::DuplicateField(field));
            }
        }
        match tag {
            "TT" => r.procedure_code = Some(ProcedureCode::parse(v)?),
            "DD" => r.applicant = Some(Applicant::parse(v, true)?),
            "GT" => r.paper = Some(Paper::from_code(v).ok_or(Error::Encoding(Field::Paper))?),
            "GTT" => r.paper = Some(Paper::Other(free_text(Field::Paper, v)?)),
            "HT" => r.system = Some(free_text(Field::System, v)?),
            "TG" => r.issued_at = Some(parse_timestamp(v)?),
            "HN" => r.appointment = Some(parse_appointment(v)?),
            "HL" => r.validity = Some(parse_validity(v)?),
            "HLT" => r.validity = Some(Validity::Text(free_text(Field::Validity, v)?)),
            _ => r.scope = Some(free_text(Field::Scope, v)?),
        }
    }
    Ok(())
}

/// Undoes `%XX` escapes; borrows when there are none. Malformed escapes and
/// non-UTF-8 results are errors (never replaced by U+FFFD).
fn unescape(field: Field, raw: &str) -> Result<Cow<'_, str>, Error> {
    if !raw.contains('%') {
        return Ok(Cow::Borrowed(raw));
    }
    let b = raw.as_bytes();
    let well_formed = b
        .iter()
        .enumerate()
        .all(|(i, &c)| c != b'%' || b.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)));
    if !well_formed {
        return Err(Error::Encoding(field));
    }
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(raw).collect();
    String::from_utf8(bytes)
        .map(Cow::Owned)
        .map_err(|_| Error::Encoding(field))
}

/// Base32 (no padding) of UTF-8 text, then the text checks. Only the
/// canonical spelling is accepted (the bits the last character carries
/// past the data are zero, RFC 4648 §3.5), so one text has one encoding:
/// the decoded bytes must encode back to `raw`.
fn free_text(field: Field, raw: &str) -> Result<String, Error> {
    let bytes = Base32UpperUnpadded::decode_vec(raw)
        .ok()
        .filter(|b| Base32UpperUnpadded::encode_string(b) == raw)
        .ok_or(Error::Encoding(field))?;
    let s = String::from_utf8(bytes).map_err(|_| Error::Encoding(field))?;
    check_text(field, &s)?;
    Ok(s)
}

/// `YYYYMMDD` (from 2000) or `0` (indefinite).
fn parse_validity(v: &str) -> Result<Validity, Error> {
    if v == "0" {
        return Ok(Validity::Indefinite);
    }
    let b = v.as_bytes();
    if !is_digits(b, 8, 8) {
        return Err(Error::DateInvalid(Field::Validity));
    }
    let (y, md) = b.split_at(4);
    let (m, d) = md.split_at(2);
    NaiveDate::from_ymd_opt(number(y) as i32, number(m), number(d))
        .filter(|d| d.year() >= 2000)
        .map(Validity::Until)
        .ok_or(Error::DateInvalid(Field::Validity))
}

fn parse_timestamp(v: &str) -> Result<DateTime<FixedOffset>, Error> {
    let bad = Error::DateInvalid(Field::IssuedAt);
    let b = v.as_bytes();
    if !(is_digits(b, 10, 10) || is_digits(b, 12, 12)) {
        return Err(bad);
    }
    let (date, time) = b.split_at(6);
    let date = yymmdd(date).ok_or(bad)?;
    let part = |i: usize| time.get(i..i + 2).map_or(0, number);
    let time = NaiveTime::from_hms_opt(part(0), part(2), part(4)).ok_or(bad)?;
    VIETNAM.from_local_datetime(&date.and_time(time)).single().ok_or(bad)
}

fn parse_appointment(v: &str) -> Result<Appointment, Error> {
    let bad = Error::DateInvalid(Field::Appointment);
    let b = v.as_bytes();
    if !(is_digits(b, 6, 6) || is_digits(b, 10, 10)) {
        return Err(bad);
    }
    let (date, time) = b.split_at(6);
    let date = yymmdd(date).ok_or(bad)?;
    let time = match time {
        [] => None,
        t => Some(
            NaiveTime::from_hms_opt(
                number(t.get(..2).unwrap_or_default()),
                number(t.get(2..).unwrap_or_default()),
                0,
            )
            .ok_or(bad)?,
        ),
    };
    Ok(Appointment { date, time })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// Every two-character text: 10 bits, one byte and 2 spare bits. It
    /// decodes only when the spare bits are zero (the canonical spelling)
    /// and the byte is ASCII (UTF-8); `free_text` then keeps that byte.
    #[test]
    fn free_text_accepts_exactly_the_canonical_base32() {
        let mut accepted = 0;
        for (i, &a) in ALPHABET.iter().enumerate() {
            for (j, &b) in ALPHABET.iter().enumerate() {
                let raw = String::from_utf8(vec![a, b]).unwrap();
                let byte = (i << 3 | j >> 2) as u8;
                let canonical = j & 3 == 0;
                match free_text(Field::System, &raw) {
                    Ok(text) => {
                        assert!(canonical && byte.is_ascii(), "{raw}");
                        assert_eq!(text.as_bytes(), [byte], "{raw}");
                        accepted += 1;
                    }
                    Err(Error::Encoding(Field::System)) => {
                        assert!(!canonical || !byte.is_ascii(), "{raw}")
                    }
                    // A control character or a blank: decoded, then refused as text.
                    Err(Error::TextInvalid(Field::System)) => {
                        assert!(canonical && (byte.is_ascii_control() || byte == b' '), "{raw}")
                    }
                    Err(e) => panic!("{raw}: {e}"),
                }
            }
        }
        // The printable ASCII bytes other than space (a blank text is refused).
        assert_eq!(accepted, 0x7f - 0x21);
        // Lengths that no byte string encodes to, and lower case.
        for raw in ["A", "AAA", "AAAAAA", "aa", "A=", "AA======"] {
            assert!(
                matches!(free_text(Field::System, raw), Err(Error::Encoding(_))),
                "{raw}"
            );
        }
    }

    #[test]
    fn text_is_rfc4648_base32_without_padding() {
        // RFC 4648 §10's test vectors, less the padding.
        for (plain, coded) in [
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ] {
            assert_eq!(text(Field::System, plain).unwrap(), coded);
            assert_eq!(free_text(Field::System, coded).unwrap(), plain);
        }
    }
}
