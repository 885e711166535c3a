//! Word forms (tờ khai, giấy ủy quyền) filled from a scan (#23): a `.docx`
//! template with placeholders such as `{{ho_ten}}` and `{{so_dinh_danh}}`
//! in its body, tables, headers, footers, footnotes and endnotes; each is
//! replaced by the card's (or the dossier's) field, XML-escaped.
//!
//! Word splits text into runs wherever formatting, spell-checking or an
//! edit history changed, so `{{ho_ten}}` may be stored as `{{`, `ho_`,
//! `ten}}` in three runs: placeholders are found in each paragraph's text
//! as a whole, the value goes into the run where the placeholder starts
//! (keeping that run's formatting), and the rest of the placeholder is
//! taken out of the runs after it.
//!
//! The template is never half-filled: an unknown placeholder, one left
//! open, a part that is not well-formed XML or a file that is not a
//! `.docx` is an error naming what is wrong (never the card's data), and no
//! document is made. Every other part of the package is copied unchanged.
//!
//! ```
//! use motcua::{cccd, print::form};
//!
//! let card = cccd::parse_as_of(
//!     "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021",
//!     chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
//! )
//! .unwrap();
//! let mut values = form::Values::from_card(&card, false);
//! // The office's own fields (left empty, and reported, when not set).
//! values.set("co_quan", "UBND xã Minh Khai");
//! values.set("dia_danh", "Hà Nội");
//! let template = form::sample_template(form::Sample::ToKhai);
//! let filled = form::fill_docx(&template, &values).unwrap();
//! assert!(filled.replaced.iter().any(|(name, _)| name == "ho_ten"));
//! assert_eq!(filled.empty, ["ma_ho_so"]); // no dossier given
//! assert!(form::docx_text(&filled.bytes).unwrap().contains("Nguyễn Văn A"));
//! ```

use std::collections::BTreeMap;
use std::io::{Cursor, Read as _, Write as _};

use chrono::{Datelike as _, NaiveDate};
use quick_xml::events::{BytesStart, BytesText, Event};

use super::Error;
use crate::cccd::{Card, Sex};
use crate::dossier::Record;

/// The placeholders filled from a card, with what each holds (the docs and
/// `motcua fill --list` show this table).
pub const CARD_PLACEHOLDERS: [(&str, &str); 10] = [
    ("ho_ten", "Họ, chữ đệm và tên"),
    ("so_dinh_danh", "Số định danh cá nhân (số CCCD)"),
    ("so_cmnd", "Số CMND cũ (9 số), nếu có"),
    ("ngay_sinh", "Ngày sinh, dd/mm/yyyy"),
    ("gioi_tinh", "Giới tính"),
    ("noi_thuong_tru", "Nơi thường trú"),
    ("ngay_cap", "Ngày cấp thẻ, dd/mm/yyyy"),
    ("ngay_het_han", "Có giá trị đến, dd/mm/yyyy (hoặc \"Không thời hạn\")"),
    ("nam_sinh", "Năm sinh"),
    (
        "noi_dang_ky_khai_sinh",
        "Tỉnh/thành nơi đăng ký khai sinh (theo mã trên số định danh)",
    ),
];

/// The placeholders filled from a dossier QR (`--dossier`).
pub const DOSSIER_PLACEHOLDERS: [(&str, &str); 5] = [
    ("ma_ho_so", "Mã số hồ sơ"),
    ("ma_thu_tuc", "Mã thủ tục hành chính"),
    ("he_thong", "Tên hệ thống thông tin cấp giấy tờ"),
    ("ngay_tiep_nhan", "Ngày cấp giấy tờ (tiếp nhận), dd/mm/yyyy"),
    ("ngay_hen_tra", "Ngày hẹn trả kết quả, dd/mm/yyyy"),
];

/// The placeholders the office fills (`--set ten=giá trị` in the CLI).
pub const OFFICE_PLACEHOLDERS: [(&str, &str); 3] = [
    ("co_quan", "Tên cơ quan tiếp nhận"),
    ("ngay_lap", "Ngày lập giấy, dd/mm/yyyy (mặc định: hôm nay)"),
    ("dia_danh", "Địa danh ghi ở dòng ngày tháng (\"Hà Nội\")"),
];

/// The most a template may hold unpacked: an XML part, or all of them (a
/// form is kilobytes; a zip bomb is not read).
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// The longest placeholder name read (`{{` … `}}` longer than this is text).
const MAX_NAME: usize = 40;

/// The values a form is filled with, by placeholder name.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Values(BTreeMap<String, String>);

impl std::fmt::Debug for Values {
    /// The names only: the values are a citizen's data.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}

fn vn(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

impl Values {
    /// The card's fields ([`CARD_PLACEHOLDERS`]), masked as
    /// [`Card::masked`] when `masked`; `ngay_lap` = the card's checking
    /// date; the dossier's and the office's other placeholders empty until
    /// [`Values::with_dossier`] or [`Values::set`] fills them (a form filled
    /// with an empty value lists it in [`Filled::empty`]).
    pub fn from_card(card: &Card<'_>, masked: bool) -> Values {
        let shown = card.shown(masked);
        let mut v = Values::default();
        for (name, _) in DOSSIER_PLACEHOLDERS.iter().chain(&OFFICE_PLACEHOLDERS) {
            v.set(name, "");
        }
        v.set("ho_ten", &shown.name);
        v.set("so_dinh_danh", &shown.id);
        v.set("so_cmnd", shown.old_id.as_deref().unwrap_or(""));
        v.set("ngay_sinh", &shown.birth_date);
        v.set(
            "gioi_tinh",
            match card.sex() {
                Sex::Male => "Nam",
                Sex::Female => "Nữ",
            },
        );
        v.set("noi_thuong_tru", &shown.address);
        v.set("ngay_cap", &vn(card.issue_date()));
        v.set("ngay_het_han", shown.expiry_date.as_deref().unwrap_or("Không thời hạn"));
        v.set("nam_sinh", &card.birth_date().year().to_string());
        let place = match (masked, card.id().province()) {
            (false, Some(p)) => p.name.to_string(),
            _ => String::new(),
        };
        v.set("noi_dang_ky_khai_sinh", &place);
        v.set("ngay_lap", &vn(card.as_of()));
        v
    }

    /// Adds the dossier's fields ([`DOSSIER_PLACEHOLDERS`]); those the
    /// record lacks are left empty.
    pub fn with_dossier(mut self, record: &Record) -> Values {
        self.set("ma_ho_so", record.dossier_code.as_str());
        self.set("ma_thu_tuc", record.procedure_code.as_ref().map_or("", |p| p.as_str()));
        self.set("he_thong", record.system.as_deref().unwrap_or(""));
        self.set(
            "ngay_tiep_nhan",
            &record.issued_at.map(|t| vn(t.date_naive())).unwrap_or_default(),
        );
        self.set(
            "ngay_hen_tra",
            &record.appointment.map(|a| vn(a.date)).unwrap_or_default(),
        );
        self
    }

    /// Sets (or replaces) one value. A name is what goes between the
    /// braces: letters, digits and `_`.
    pub fn set(&mut self, name: &str, value: &str) {
        self.0.insert(name.to_owned(), value.to_owned());
    }

    /// The value of `name`, if set.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// Every name set.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

/// A filled document.
#[derive(Clone, PartialEq, Eq)]
pub struct Filled {
    /// The `.docx` file.
    pub bytes: Vec<u8>,
    /// Each placeholder filled and how many times it occurred, by name.
    pub replaced: Vec<(String, usize)>,
    /// Placeholders filled with an empty value (the card has no CMND, the
    /// dossier no appointment…), by name: the clerk may want to write them in.
    pub empty: Vec<String>,
}

impl std::fmt::Debug for Filled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Filled")
            .field("bytes", &format_args!("<{} bytes>", self.bytes.len()))
            .field("replaced", &self.replaced)
            .field("empty", &self.empty)
            .finish()
    }
}

/// Whether a package part holds text that is filled: the body, headers,
/// footers, footnotes and endnotes.
fn is_text_part(name: &str) -> bool {
    let Some(file) = name.strip_prefix("word/") else {
        return false;
    };
    if file.contains('/') || !file.ends_with(".xml") {
        return false;
    }
    file == "document.xml"
        || file == "footnotes.xml"
        || file == "endnotes.xml"
        || file.starts_with("header")
        || file.starts_with("footer")
}

/// What [`fill_scan`] fills a template with besides the card's fields.
#[derive(Debug, Clone, Copy, Default)]
pub struct FillScanOptions<'a> {
    /// The date the card's checks and expiry are judged on; `None`: today
    /// in Vietnam.
    pub as_of: Option<NaiveDate>,
    /// The card's fields as [`Card::shown`] masks them (a copy that leaves
    /// the counter).
    pub masked: bool,
    /// The receipt's dossier QR payload, for the dossier's placeholders
    /// ([`Values::with_dossier`]).
    pub dossier: Option<&'a str>,
    /// Placeholders' values by name (the office's, or any the template
    /// adds), set last: they override the card's and the dossier's.
    pub values: &'a [(&'a str, &'a str)],
}

/// Why [`fill_scan`] made no document: the scan is not a valid card, the
/// dossier payload is not one, or the template cannot be filled
/// ([`fill_docx`]'s errors). Its code, C value and messages are the inner
/// error's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FillScanError {
    /// The scan, repaired, is not a valid card.
    Card(crate::cccd::Error),
    /// The dossier payload does not decode.
    Dossier(crate::dossier::Error),
    /// The template cannot be filled.
    Form(Error),
}

impl FillScanError {
    /// The inner error's stable code.
    pub fn code(&self) -> &'static str {
        match self {
            FillScanError::Card(e) => e.code(),
            FillScanError::Dossier(e) => e.code(),
            FillScanError::Form(e) => e.code(),
        }
    }

    /// The inner error's C API number (`motcua_result`).
    pub fn c_value(&self) -> u32 {
        match self {
            FillScanError::Card(e) => e.c_value(),
            FillScanError::Dossier(e) => e.c_value(),
            FillScanError::Form(e) => e.c_value(),
        }
    }

    /// The inner error's English message.
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// The inner error's Vietnamese message.
    pub fn message_vi(&self) -> String {
        match self {
            FillScanError::Card(e) => e.message_vi().to_owned(),
            FillScanError::Dossier(e) => e.message_vi(),
            FillScanError::Form(e) => e.message_vi(),
        }
    }
}

impl std::fmt::Display for FillScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FillScanError::Card(e) => std::fmt::Display::fmt(e, f),
            FillScanError::Dossier(e) => std::fmt::Display::fmt(e, f),
            FillScanError::Form(e) => std::fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for FillScanError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FillScanError::Card(e) => Some(e),
            FillScanError::Dossier(e) => Some(e),
            FillScanError::Form(e) => Some(e),
        }
    }
}

/// The counter's form flow, as the CLI's `motcua fill`, C's
/// `motcua_form_fill` and the page's `fillDocx` run it: the scan as the
/// scanner typed it (repaired with
/// [`cccd::repair_bytes`](crate::cccd::repair_bytes); the repairs are
/// returned, for the caller to report), parsed as of `opts.as_of`, its
/// fields ([`Values::from_card`]), the dossier's, then `opts.values`, into
/// `template` ([`fill_docx`]).
pub fn fill_scan(
    template: &[u8],
    scan: &[u8],
    opts: &FillScanOptions<'_>,
) -> Result<(Filled, crate::cccd::Repairs), FillScanError> {
    let repaired = crate::cccd::repair_bytes(scan).map_err(FillScanError::Card)?;
    let as_of = opts.as_of.unwrap_or_else(crate::cccd::today_vn);
    let card = repaired.parse_as_of(as_of).map_err(FillScanError::Card)?;
    let mut values = Values::from_card(&card, opts.masked);
    if let Some(payload) = opts.dossier {
        values = values.with_dossier(&crate::dossier::decode(payload).map_err(FillScanError::Dossier)?);
    }
    for (name, value) in opts.values {
        values.set(name, value);
    }
    let filled = fill_docx(template, &values).map_err(FillScanError::Form)?;
    Ok((filled, repaired.repairs()))
}

/// Fills every placeholder of `template` (a `.docx` file) from `values`.
/// Errors: not a `.docx` ([`Error::FormNotDocx`]), a part too large
/// ([`Error::FormTooLarge`]) or not well-formed ([`Error::FormXml`]), a
/// placeholder not in `values` ([`Error::FormPlaceholderUnknown`]) or not
/// closed in its paragraph ([`Error::FormPlaceholderOpen`]).
pub fn fill_docx(template: &[u8], values: &Values) -> Result<Filled, Error> {
    let mut zip = zip::ZipArchive::new(Cursor::new(template)).map_err(|_| Error::FormNotDocx)?;
    if zip.index_for_name("word/document.xml").is_none() {
        return Err(Error::FormNotDocx);
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    // Every text part filled first: nothing is written unless all fill.
    let mut filled_parts: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut unpacked = 0u64;
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).map_err(|_| Error::FormNotDocx)?;
        let name = file.name().map_err(|_| Error::FormNotDocx)?.into_owned();
        if !is_text_part(&name) {
            continue;
        }
        let mut xml = Vec::new();
        let limit = MAX_UNPACKED - unpacked;
        (&mut file)
            .take(limit + 1)
            .read_to_end(&mut xml)
            .map_err(|_| Error::FormNotDocx)?;
        unpacked += xml.len() as u64;
        if unpacked > MAX_UNPACKED {
            return Err(Error::FormTooLarge);
        }
        let out = fill_part(&xml, &name, values, &mut counts)?;
        filled_parts.insert(name, out);
    }
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(template.len() + 4096)));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let broken = |_| Error::FormNotDocx;
    for i in 0..zip.len() {
        let name = zip
            .by_index_raw(i)
            .map_err(|_| Error::FormNotDocx)?
            .name()
            .map_err(|_| Error::FormNotDocx)?
            .into_owned();
        if let Some(xml) = filled_parts.get(&name) {
            out.start_file(name.as_str(), options).map_err(broken)?;
            out.write_all(xml).map_err(|_| Error::FormNotDocx)?;
        } else {
            let file = zip.by_index_raw(i).map_err(|_| Error::FormNotDocx)?;
            out.raw_copy_file(file).map_err(broken)?;
        }
    }
    let bytes = out.finish().map_err(broken)?.into_inner();
    let empty = counts
        .keys()
        .filter(|n| values.get(n).is_some_and(str::is_empty))
        .cloned()
        .collect();
    Ok(Filled {
        bytes,
        replaced: counts.into_iter().collect(),
        empty,
    })
}

/// One `<w:t>` element's text, where it sits in the event list.
struct TextNode {
    /// Index of its start event.
    start: usize,
    /// Index of the (one) text event standing for its content.
    text: usize,
    /// The paragraph it belongs to.
    paragraph: usize,
    /// Its text, unescaped.
    content: String,
}

/// Fills one XML part.
fn fill_part(xml: &[u8], part: &str, values: &Values, counts: &mut BTreeMap<String, usize>) -> Result<Vec<u8>, Error> {
    let bad = || Error::FormXml { part: part.to_owned() };
    let text = std::str::from_utf8(xml).map_err(|_| bad())?;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut nodes: Vec<TextNode> = Vec::new();
    // Open paragraphs (innermost last: a text box holds paragraphs inside
    // a run of another), and how many there have been.
    let mut open: Vec<usize> = Vec::new();
    let mut paragraphs = 0usize;
    // Inside a <w:t>: its node, and its text so far.
    let mut in_text: Option<(usize, String)> = None;
    let mut depth = 0usize;
    loop {
        let ev = reader.read_event().map_err(|_| bad())?;
        if let Some((start, buf)) = in_text.as_mut() {
            match ev {
                Event::Text(t) => buf.push_str(&t.xml10_content()),
                Event::CData(c) => buf.push_str(&c.xml10_content()),
                Event::GeneralRef(r) => {
                    let entity = format!("&{};", &*r);
                    buf.push_str(&quick_xml::escape::unescape(&entity).map_err(|_| bad())?);
                }
                Event::End(e) if e.local_name().as_ref() == "t" => {
                    let start = *start;
                    let content = std::mem::take(buf);
                    in_text = None;
                    depth = depth.saturating_sub(1);
                    events.push(Event::Text(BytesText::new(&content).into_owned()));
                    nodes.push(TextNode {
                        start,
                        text: events.len() - 1,
                        paragraph: open.last().copied().unwrap_or(usize::MAX),
                        content,
                    });
                    events.push(Event::End(e));
                }
                _ => return Err(bad()),
            }
            continue;
        }
        match &ev {
            Event::Eof => break,
            Event::Start(e) => {
                depth += 1;
                match e.name().as_ref() {
                    "w:p" => {
                        open.push(paragraphs);
                        paragraphs += 1;
                    }
                    "w:t" => in_text = Some((events.len(), String::new())),
                    _ => {}
                }
            }
            Event::End(e) => {
                depth = depth.checked_sub(1).ok_or_else(bad)?;
                if e.name().as_ref() == "w:p" {
                    open.pop();
                }
            }
            _ => {}
        }
        events.push(ev);
    }
    if depth != 0 || in_text.is_some() {
        return Err(bad());
    }
    // Per paragraph, its text nodes in order.
    let mut by_paragraph: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, n) in nodes.iter().enumerate() {
        by_paragraph.entry(n.paragraph).or_default().push(i);
    }
    for ids in by_paragraph.values() {
        let texts: Vec<&str> = ids
            .iter()
            .map(|&i| nodes.get(i).map_or("", |n| n.content.as_str()))
            .collect();
        let whole: String = texts.concat();
        let found = placeholders(&whole, part)?;
        if found.is_empty() {
            continue;
        }
        let mut replaced = Vec::with_capacity(found.len());
        for (start, end, name) in found {
            let Some(value) = values.get(name) else {
                return Err(Error::FormPlaceholderUnknown { name: name.to_owned() });
            };
            // XML 1.0 holds no control characters but tab and line breaks.
            if value
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            {
                return Err(Error::FormValue { name: name.to_owned() });
            }
            *counts.entry(name.to_owned()).or_default() += 1;
            replaced.push((start, end, value));
        }
        // Each node's new text: its own characters outside placeholders,
        // and the value where a placeholder starts.
        let mut at = 0usize;
        for (k, &i) in ids.iter().enumerate() {
            let own = texts.get(k).copied().unwrap_or("");
            let (from, to) = (at, at + own.len());
            at = to;
            let mut new = String::with_capacity(own.len());
            let mut pos = from;
            while pos < to {
                if let Some(&(s, e, value)) = replaced.iter().find(|(s, e, _)| (*s..*e).contains(&pos)) {
                    if pos == s {
                        new.push_str(value);
                    }
                    pos = e.min(to);
                    continue;
                }
                let next = replaced
                    .iter()
                    .map(|(s, ..)| *s)
                    .filter(|&s| s > pos)
                    .min()
                    .unwrap_or(to)
                    .min(to);
                new.push_str(whole.get(pos..next).unwrap_or(""));
                pos = next;
            }
            if new == own {
                continue;
            }
            let Some(node) = nodes.get(i) else { continue };
            if let Some(ev) = events.get_mut(node.text) {
                *ev = Event::Text(BytesText::new(&new).into_owned());
            }
            // Spaces at either end of a value are kept.
            if let Some(Event::Start(st)) = events.get_mut(node.start) {
                let preserved = st.attributes().flatten().any(|a| a.key.as_ref() == "xml:space");
                if !preserved {
                    let mut with = BytesStart::new("w:t");
                    with.extend_attributes(st.attributes().flatten());
                    with.push_attribute(("xml:space", "preserve"));
                    *st = with;
                }
            }
        }
    }
    let mut w = quick_xml::Writer::new(Vec::with_capacity(xml.len() + 1024));
    for ev in events {
        w.write_event(ev).map_err(|_| bad())?;
    }
    Ok(w.into_inner())
}

/// The placeholders of one paragraph's text: `(start, end, name)` byte
/// ranges of each `{{ name }}`. A `{{` that no `}}` closes within
/// [`MAX_NAME`] characters of name is an error; braces around anything
/// else than a name (`{{ 1 + 1 }}`) are too.
fn placeholders<'t>(text: &'t str, part: &str) -> Result<Vec<(usize, usize, &'t str)>, Error> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text.get(from..).and_then(|t| t.find("{{")).map(|i| i + from) {
        let inner_start = open + 2;
        let Some(close) = text
            .get(inner_start..)
            .and_then(|t| t.find("}}"))
            .map(|i| i + inner_start)
        else {
            return Err(Error::FormPlaceholderOpen { part: part.to_owned() });
        };
        let name = text.get(inner_start..close).unwrap_or("").trim();
        let valid =
            !name.is_empty() && name.len() <= MAX_NAME && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !valid {
            return Err(Error::FormPlaceholderOpen { part: part.to_owned() });
        }
        out.push((open, close + 2, name));
        from = close + 2;
    }
    Ok(out)
}

/// The text of a `.docx` body, headers and footers, paragraph by paragraph
/// (one line each, tabs between table cells' paragraphs are not kept):
/// what the tests and `motcua fill --check` compare.
pub fn docx_text(docx: &[u8]) -> Result<String, Error> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).map_err(|_| Error::FormNotDocx)?;
    let mut out = String::new();
    let mut names: Vec<String> = zip
        .file_names()
        .flatten()
        .filter(|n| is_text_part(n))
        .map(|n| n.into_owned())
        .collect();
    names.sort_by_key(|n| (n != "word/document.xml", n.clone()));
    for name in names {
        let mut file = zip.by_name(&name).map_err(|_| Error::FormNotDocx)?;
        let mut xml = String::new();
        (&mut file)
            .take(MAX_UNPACKED)
            .read_to_string(&mut xml)
            .map_err(|_| Error::FormXml { part: name.clone() })?;
        let mut reader = quick_xml::Reader::from_str(&xml);
        reader.config_mut().trim_text(false);
        let mut in_t = false;
        loop {
            match reader.read_event().map_err(|_| Error::FormXml { part: name.clone() })? {
                Event::Eof => break,
                Event::Start(e) if e.name().as_ref() == "w:t" => in_t = true,
                Event::End(e) if e.name().as_ref() == "w:t" => in_t = false,
                Event::End(e) if e.name().as_ref() == "w:p" => out.push('\n'),
                Event::Empty(e) if e.name().as_ref() == "w:tab" => out.push('\t'),
                Event::Text(t) if in_t => out.push_str(&t.xml10_content()),
                Event::GeneralRef(r) if in_t => {
                    let entity = format!("&{};", &*r);
                    if let Ok(s) = quick_xml::escape::unescape(&entity) {
                        out.push_str(&s);
                    }
                }
                _ => {}
            }
        }
    }
    Ok(out)
}

/// The synthetic sample templates shipped with the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Sample {
    /// A generic declaration (tờ khai) with the card's fields in a table,
    /// the office in the header and the dossier code in the footer.
    ToKhai,
    /// An authorisation letter (giấy ủy quyền): the card holder authorises
    /// a second person, whose fields the clerk writes in.
    GiayUyQuyen,
}

impl Sample {
    /// Every sample.
    pub const ALL: [Sample; 2] = [Sample::ToKhai, Sample::GiayUyQuyen];

    /// A file name for it.
    pub const fn file_name(self) -> &'static str {
        match self {
            Sample::ToKhai => "to-khai.docx",
            Sample::GiayUyQuyen => "giay-uy-quyen.docx",
        }
    }
}

/// A paragraph of the samples: runs of (bold, text).
type Para<'a> = &'a [(bool, &'a str)];

/// Builds a sample template: a minimal, valid WordprocessingML package
/// (what Word and LibreOffice open), with some placeholders split across
/// runs as Word stores them.
pub fn sample_template(sample: Sample) -> Vec<u8> {
    let (title, body, header, footer): (&str, Vec<Vec<Para<'_>>>, &str, &str) = match sample {
        Sample::ToKhai => (
            "TỜ KHAI",
            vec![
                vec![&[(false, "Kính gửi: {{co_quan}}")]],
                vec![
                    &[(true, "Họ, chữ đệm và tên:")],
                    // Split as Word does after an edit: `{{`, `ho_`, `ten}}`.
                    &[(false, "{{"), (true, "ho_"), (true, "ten}}")],
                ],
                vec![&[(true, "Số định danh cá nhân:")], &[(false, "{{so_dinh_danh}}")]],
                vec![&[(true, "Số CMND cũ:")], &[(false, "{{ so_cmnd }}")]],
                vec![&[(true, "Ngày sinh:")], &[(false, "{{ngay_"), (false, "sinh}}")]],
                vec![&[(true, "Giới tính:")], &[(false, "{{gioi_tinh}}")]],
                vec![&[(true, "Nơi thường trú:")], &[(false, "{{noi_thuong_tru}}")]],
                vec![
                    &[(true, "Ngày cấp thẻ:")],
                    &[(false, "{{ngay_cap}}, có giá trị đến {{ngay_het_han}}")],
                ],
            ],
            "{{co_quan}}",
            "Mã hồ sơ: {{ma_ho_so}} — {{dia_danh}}, ngày {{ngay_lap}}",
        ),
        Sample::GiayUyQuyen => (
            "GIẤY ỦY QUYỀN",
            vec![
                vec![&[(false, "Hôm nay, ngày {{ngay_lap}}, tại {{co_quan}}, chúng tôi gồm:")]],
                vec![
                    &[(true, "BÊN ỦY QUYỀN:")],
                    &[(false, "Ông/Bà {{ho_ten}}, sinh ngày {{ngay_sinh}}")],
                ],
                vec![
                    &[(true, "Số định danh:")],
                    &[(false, "{{so_"), (false, "dinh_danh}} cấp ngày {{ngay_cap}}")],
                ],
                vec![&[(true, "Thường trú:")], &[(false, "{{noi_thuong_tru}}")]],
                vec![&[(true, "BÊN ĐƯỢC ỦY QUYỀN:")], &[(false, "Ông/Bà ……………………………………")]],
                vec![
                    &[(true, "Nội dung ủy quyền:")],
                    &[(false, "Nộp và nhận kết quả hồ sơ {{ma_ho_so}}")],
                ],
            ],
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc",
            "{{dia_danh}}, ngày {{ngay_lap}}",
        ),
    };
    let run = |bold: bool, text: &str| {
        let esc = quick_xml::escape::escape(text);
        let b = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
        format!("<w:r>{b}<w:t xml:space=\"preserve\">{esc}</w:t></w:r>")
    };
    let para = |runs: Para<'_>| -> String {
        let inner: String = runs.iter().map(|(b, t)| run(*b, t)).collect();
        format!("<w:p>{inner}</w:p>")
    };
    let mut doc = String::new();
    doc.push_str(&format!(
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
        run(true, title)
    ));
    doc.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"6000\"/></w:tblGrid>");
    for row in &body {
        doc.push_str("<w:tr>");
        let cells = if row.len() == 1 { 2 } else { row.len() };
        for c in 0..cells {
            let p = row.get(c).map_or_else(|| "<w:p/>".to_owned(), |r| para(r));
            let span = if row.len() == 1 && c == 0 {
                "<w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>"
            } else {
                ""
            };
            if row.len() == 1 && c == 1 {
                continue;
            }
            doc.push_str(&format!("<w:tc>{span}{p}</w:tc>"));
        }
        doc.push_str("</w:tr>");
    }
    doc.push_str("</w:tbl>");
    doc.push_str(&para(&[(false, "Người khai (ký, ghi rõ họ tên): {{ho_ten}}")]));
    const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>{doc}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    let header = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {NS}>{}</w:hdr>",
        para(&[(false, header)])
    );
    let footer = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {NS}>{}</w:ftr>",
        para(&[(false, footer)])
    );
    let files: [(&str, String); 6] = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/><Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/></Types>".to_owned(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_owned(),
        ),
        (
            "word/_rels/document.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/><Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/></Relationships>".to_owned(),
        ),
        ("word/document.xml", document),
        ("word/header1.xml", header),
        ("word/footer1.xml", footer),
    ];
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files {
        // Writing to memory does not fail.
        let _ = out.start_file(name, options);
        let _ = out.write_all(content.as_bytes());
    }
    out.finish().map(Cursor::into_inner).unwrap_or_default()
}
