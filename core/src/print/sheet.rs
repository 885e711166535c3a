//! The clerk's information sheet (phiếu thông tin công dân): what the
//! one-stop office prints from a CCCD scan, signs and staples to the dossier
//! (`../shared/specs/print.md`, Long Xuyên plan 2022).
//!
//! ```
//! use chrono::{NaiveDate, TimeZone};
//! use motcua::{cccd, dossier::VIETNAM, print::sheet};
//!
//! let scan = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021\r\n";
//! let repaired = cccd::repair(scan)?;
//! let card = repaired.parse_as_of(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())?;
//! let opts = sheet::SheetOptions {
//!     office: "Bộ phận Một cửa UBND xã Minh Khai",
//!     scanned_at: VIETNAM.with_ymd_and_hms(2026, 11, 20, 9, 15, 0).unwrap(),
//!     dossier: None,
//!     allowed_bases: &[],
//!     masked: false,
//! };
//! let html = sheet::render(&card, repaired.repairs(), &opts).unwrap().to_html();
//! assert!(html.contains("Nguyễn Văn A") && html.contains("123456789"));
//! assert!(html.contains("Ký, ghi rõ họ tên"));
//! # Ok::<(), motcua::cccd::Error>(())
//! ```

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};

use super::{printable, Error};
use crate::cccd::{Card, Repairs};
use crate::dossier::{self, ApplicantKind, Record};
use crate::qr::{self, xml_escape as escape, SvgOptions};

/// What the sheet needs besides the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetOptions<'a> {
    /// The receiving office, printed with the scan time.
    pub office: &'a str,
    /// When the card was scanned (the clerk's local time).
    pub scanned_at: DateTime<FixedOffset>,
    /// The dossier QR payload (what [`dossier::encode`] made) when the sheet
    /// belongs to a dossier: the code goes top-left and its fields are listed.
    pub dossier: Option<&'a str>,
    /// The lookup pages the dossier QR may link to (see
    /// [`dossier::DecodeOptions::allowed_bases`]); empty: any plain
    /// `https://` page. The sheet prints the host under the code either way.
    pub allowed_bases: &'a [&'a str],
    /// A copy that leaves the office: ID numbers, name, dates of birth and
    /// expiry and address masked as [`Card::masked`] does (docs/cccd.md).
    pub masked: bool,
}

/// A rendered sheet. Its `Debug` shows only the length: the text is
/// personal data.
#[derive(Clone, PartialEq, Eq)]
pub struct Sheet {
    fragment: String,
}

impl std::fmt::Debug for Sheet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sheet").field("len", &self.fragment.len()).finish()
    }
}

/// The sheet's CSS, every rule scoped to `.motcua-sheet` (for pages that
/// embed [`Sheet::fragment`]; [`Sheet::to_html`] includes it).
pub const CSS: &str = "\
.motcua-sheet { font-family: 'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif; font-size: 13pt; color: #000; line-height: 1.35; }
.motcua-sheet .ms-head { display: flex; gap: 6mm; align-items: flex-start; }
.motcua-sheet .ms-qr { width: 34mm; flex: none; text-align: center; font-size: 7pt; white-space: nowrap; }
.motcua-sheet .ms-qr svg { width: 30mm; height: 30mm; display: block; }
.motcua-sheet .ms-office { flex: 1; text-align: center; font-size: 12pt; }
.motcua-sheet .ms-nation { flex: 1.3; text-align: center; font-size: 12pt; }
.motcua-sheet .ms-nation span { border-bottom: 1px solid #000; }
.motcua-sheet h1 { text-align: center; font-size: 15pt; margin: 6mm 0 1mm; }
.motcua-sheet .ms-sub { text-align: center; font-style: italic; margin: 0 0 4mm; }
.motcua-sheet .ms-copy { text-align: center; font-weight: bold; border: 1px solid #000; padding: 1mm; margin: 0 0 4mm; }
.motcua-sheet table { width: 100%; border-collapse: collapse; }
.motcua-sheet th { text-align: left; font-weight: normal; width: 58mm; padding: 1mm 0; vertical-align: top; }
.motcua-sheet td { font-weight: bold; padding: 1mm 0; vertical-align: top; }
.motcua-sheet td.ms-s1 { font-size: 11pt; line-height: 1.25; }
.motcua-sheet td.ms-s2 { font-size: 9pt; line-height: 1.2; }
.motcua-sheet td.ms-s3 { font-size: 7pt; line-height: 1.15; }
.motcua-sheet .ms-link, .motcua-sheet .ms-note { margin: 2.5mm 0 0; text-align: justify; }
.motcua-sheet .ms-foot { display: flex; gap: 6mm; align-items: flex-start; margin: 4mm 0 0; }
.motcua-sheet .ms-scan { flex: 1; margin: 0; font-size: 11pt; }
.motcua-sheet .ms-sign { width: 80mm; text-align: center; min-height: 30mm; }
.motcua-sheet .ms-sign p { margin: 0 0 1mm; }
.motcua-sheet.ms-compact { font-size: 11.5pt; line-height: 1.25; }
.motcua-sheet.ms-compact h1 { margin-top: 4mm; }
.motcua-sheet.ms-compact th, .motcua-sheet.ms-compact td { padding: 0.6mm 0; }
.motcua-sheet.ms-compact .ms-sign { min-height: 26mm; }
";

/// `dd/mm/yyyy`.
fn vn_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

fn row(s: &mut String, label: &str, value: &str) {
    row_in(s, label, value, None);
}

/// A row whose value cell has a class (`ms-s1`…: smaller type).
fn row_in(s: &mut String, label: &str, value: &str, class: Option<&str>) {
    s.push_str("<tr><th>");
    escape(s, label);
    match class {
        Some(c) => {
            s.push_str("</th><td class=\"");
            s.push_str(c);
            s.push_str("\">");
        }
        None => s.push_str("</th><td>"),
    }
    escape(s, value);
    s.push_str("</td></tr>\n");
}

/// Smaller type for a long address, so that the sheet stays on one A4 page
/// whatever the card holds (a payload may carry ~1,900 bytes of address;
/// real ones are under 150 characters). Checked in Chromium by
/// `scripts/test-print` with the longest address the parser accepts.
fn address_class(address: &str) -> Option<&'static str> {
    match address.chars().count() {
        0..=160 => None,
        161..=400 => Some("ms-s1"),
        401..=800 => Some("ms-s2"),
        _ => Some("ms-s3"),
    }
}

/// The dossier part: the decoded record and its QR.
struct DossierPart {
    record: Record,
    svg: String,
}

fn dossier_part(payload: &str, card: &Card<'_>, opts: &SheetOptions<'_>) -> Result<DossierPart, Error> {
    let masked = opts.masked;
    let record = dossier::decode_with(
        payload,
        &dossier::DecodeOptions {
            allowed_bases: opts.allowed_bases,
        },
    )?;
    if let Some(a) = &record.applicant {
        match a.kind() {
            ApplicantKind::Person if a.as_str() != card.id().as_str() => return Err(Error::DossierApplicant),
            ApplicantKind::Person if masked => return Err(Error::DossierNotMasked),
            ApplicantKind::Masked if a.as_str() != card.id().masked().to_string() => {
                return Err(Error::DossierApplicant)
            }
            _ => {}
        }
    }
    let code = qr::encode(payload, &qr::QrOptions::default()).map_err(Error::DossierQr)?;
    let svg = code.to_svg(&SvgOptions {
        width: Some("30mm"),
        ..SvgOptions::default()
    });
    Ok(DossierPart { record, svg })
}

/// What [`render_scan`] needs: [`SheetOptions`], with the scan time and the
/// checking date left to their defaults when `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanSheetOptions<'a> {
    /// The receiving office, printed with the scan time.
    pub office: &'a str,
    /// When the card was scanned; `None`: now, in Vietnam's time (+07:00).
    pub scanned_at: Option<DateTime<FixedOffset>>,
    /// The date the card's checks and expiry are judged on; `None`: the
    /// scan date.
    pub as_of: Option<NaiveDate>,
    /// As [`SheetOptions::dossier`].
    pub dossier: Option<&'a str>,
    /// As [`SheetOptions::allowed_bases`].
    pub allowed_bases: &'a [&'a str],
    /// As [`SheetOptions::masked`].
    pub masked: bool,
}

/// Why [`render_scan`] made no sheet: the scan is not a valid card, or the
/// sheet cannot be made ([`render`]'s errors). Its code, C value and
/// messages are the inner error's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanSheetError {
    /// The scan, repaired, is not a valid card.
    Card(crate::cccd::Error),
    /// The card is valid; the sheet is not ([`render`]).
    Sheet(Error),
}

impl ScanSheetError {
    /// The inner error's stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ScanSheetError::Card(e) => e.code(),
            ScanSheetError::Sheet(e) => e.code(),
        }
    }

    /// The inner error's English message.
    pub fn message(&self) -> String {
        self.to_string()
    }

    /// The inner error's Vietnamese message.
    pub fn message_vi(&self) -> String {
        match self {
            ScanSheetError::Card(e) => e.message_vi(),
            ScanSheetError::Sheet(e) => e.message_vi(),
        }
    }
}

impl std::fmt::Display for ScanSheetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScanSheetError::Card(e) => std::fmt::Display::fmt(e, f),
            ScanSheetError::Sheet(e) => std::fmt::Display::fmt(e, f),
        }
    }
}

impl std::error::Error for ScanSheetError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ScanSheetError::Card(e) => Some(e),
            ScanSheetError::Sheet(e) => Some(e),
        }
    }
}

/// The counter's whole flow, as the CLI's `motcua sheet` and the npm
/// package's `renderSheet` run it: the scan as the scanner typed it
/// (repaired with [`cccd::repair_bytes`](crate::cccd::repair_bytes), each
/// repair listed on the sheet), parsed as of `opts.as_of`, rendered.
pub fn render_scan(scan: &[u8], opts: &ScanSheetOptions<'_>) -> Result<Sheet, ScanSheetError> {
    let scanned_at = opts
        .scanned_at
        .unwrap_or_else(|| chrono::Utc::now().with_timezone(&dossier::VIETNAM));
    let as_of = opts.as_of.unwrap_or_else(|| scanned_at.date_naive());
    let repaired = crate::cccd::repair_bytes(scan).map_err(ScanSheetError::Card)?;
    let card = repaired.parse_as_of(as_of).map_err(ScanSheetError::Card)?;
    let sheet_opts = SheetOptions {
        office: opts.office,
        scanned_at,
        dossier: opts.dossier,
        allowed_bases: opts.allowed_bases,
        masked: opts.masked,
    };
    render(&card, repaired.repairs(), &sheet_opts).map_err(ScanSheetError::Sheet)
}

/// Renders the sheet for `card` (with the `repairs` its scan needed, which
/// the sheet reports). Errors: an empty office name, an invalid dossier
/// payload, a dossier whose applicant is someone else, or a masked copy
/// asked for with a dossier QR that carries the full ID.
pub fn render(card: &Card<'_>, repairs: Repairs, opts: &SheetOptions<'_>) -> Result<Sheet, Error> {
    let office = opts.office.trim();
    if office.is_empty() || office.chars().count() > 200 || !printable(office) {
        return Err(Error::Office);
    }
    let dossier = opts.dossier.map(|p| dossier_part(p.trim(), card, opts)).transpose()?;
    let shown = card.shown(opts.masked);
    let (id, old_id) = (&shown.id, &shown.old_id);

    let mut s = String::with_capacity(8 * 1024);
    // A long address takes the room of tighter spacing elsewhere.
    let compact = shown.address.chars().count() > 400;
    s.push_str(if compact {
        "<article class=\"motcua-sheet ms-compact\">\n<header class=\"ms-head\">\n"
    } else {
        "<article class=\"motcua-sheet\">\n<header class=\"ms-head\">\n"
    });
    if let Some(d) = &dossier {
        s.push_str("<div class=\"ms-qr\">");
        s.push_str(d.svg.trim_end());
        escape(&mut s, d.record.dossier_code.as_str());
        // Where a phone that scans it goes: the reader of the paper can
        // see a code that does not lead to the portal.
        if let Some(host) = d.record.host() {
            s.push_str("<br>");
            escape(&mut s, host);
        }
        s.push_str("</div>\n");
    }
    s.push_str("<div class=\"ms-office\">");
    escape(&mut s, office);
    s.push_str("</div>\n<div class=\"ms-nation\"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br><span>Độc lập - Tự do - Hạnh phúc</span></div>\n</header>\n");
    s.push_str(
        "<h1>PHIẾU THÔNG TIN CÔNG DÂN</h1>\n<p class=\"ms-sub\">(đọc từ mã QR trên thẻ Căn cước công dân)</p>\n",
    );
    if opts.masked {
        s.push_str("<p class=\"ms-copy\">BẢN SAO — thông tin cá nhân đã được che một phần</p>\n");
    }
    s.push_str("<table>\n");
    row(&mut s, "Số định danh cá nhân", id);
    row(&mut s, "Số CMND cũ", old_id.as_deref().unwrap_or("Không có"));
    row(&mut s, "Họ, chữ đệm và tên", &shown.name);
    row(&mut s, "Ngày, tháng, năm sinh", &shown.birth_date);
    row(&mut s, "Giới tính", card.sex().as_vi());
    row_in(&mut s, "Nơi thường trú", &shown.address, address_class(&shown.address));
    row(&mut s, "Ngày cấp thẻ", &vn_date(card.issue_date()));
    row(
        &mut s,
        "Có giá trị đến (tính theo tuổi)",
        shown.expiry_date.as_deref().unwrap_or("Không thời hạn"),
    );
    if let Some(d) = &dossier {
        let r = &d.record;
        row(&mut s, "Mã số hồ sơ", r.dossier_code.as_str());
        if let Some(p) = &r.procedure_code {
            row(&mut s, "Mã thủ tục hành chính", p.as_str());
        }
        if let Some(p) = &r.paper {
            row(&mut s, "Giấy tờ", p.name());
        }
        if let Some(a) = r.appointment {
            let when = match a.time {
                Some(t) => format!("{:02}:{:02} ngày {}", t.hour(), t.minute(), vn_date(a.date)),
                None => vn_date(a.date),
            };
            row(&mut s, "Ngày hẹn trả kết quả", &when);
        }
    }
    s.push_str("</table>\n<p class=\"ms-link\">");
    match old_id {
        Some(old) => {
            s.push_str("☑ Số CMND cũ <strong>");
            escape(&mut s, old);
            s.push_str("</strong> và số định danh cá nhân <strong>");
            escape(&mut s, id);
            s.push_str(
                "</strong> cùng được ghi trong mã QR trên thẻ của công dân nêu trên: là giấy tờ của cùng một người. \
                 Dùng để cập nhật số giấy tờ trong hồ sơ (đất đai, hộ tịch) thay cho giấy xác nhận số CMND.",
            );
        }
        None => s.push_str("☐ Mã QR trên thẻ không có số CMND cũ: phiếu này không xác nhận liên kết CMND – CCCD."),
    }
    s.push_str("</p>\n");
    if card.is_expired() {
        let _ = writeln!(
            s,
            "<p class=\"ms-note\"><strong>Lưu ý:</strong> thẻ đã hết hạn sử dụng (tính đến ngày {}).</p>",
            vn_date(card.as_of())
        );
    }
    if !repairs.is_empty() {
        s.push_str("<p class=\"ms-note\">Dữ liệu do máy quét gửi đã được phần mềm sửa: ");
        let list: Vec<&str> = repairs.iter().map(|r| r.message_vi()).collect();
        escape(&mut s, &list.join("; "));
        s.push_str(".</p>\n");
    }
    let at = opts.scanned_at;
    s.push_str("<div class=\"ms-foot\"><p class=\"ms-scan\">Quét mã QR lúc ");
    let _ = write!(
        s,
        "{:02}:{:02} ngày {}",
        at.hour(),
        at.minute(),
        vn_date(at.date_naive())
    );
    if at.offset().local_minus_utc() != 7 * 3600 {
        let _ = write!(s, " (UTC{})", at.offset());
    }
    s.push_str(" tại ");
    escape(&mut s, office);
    s.push_str(".</p>\n<div class=\"ms-sign\"><p><em>");
    let d = at.date_naive();
    let _ = write!(s, "Ngày {:02} tháng {:02} năm {:04}", d.day(), d.month(), d.year());
    s.push_str(
        "</em></p><p><strong>Công chức tiếp nhận</strong></p><p><em>(Ký, ghi rõ họ tên)</em></p></div></div>\n</article>\n",
    );
    Ok(Sheet { fragment: s })
}

impl Sheet {
    /// The `<article class="motcua-sheet">` element, for a page that has
    /// [`CSS`] (the browser intake form prints it in place).
    pub fn fragment(&self) -> &str {
        &self.fragment
    }

    /// A standalone A4 HTML document (print CSS included).
    pub fn to_html(&self) -> String {
        let mut s = String::with_capacity(self.fragment.len() + CSS.len() + 512);
        s.push_str(
            "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>Phiếu thông tin công dân</title>\n<style>\n\
             @page { size: A4; margin: 15mm 15mm 15mm 20mm; }\nbody { margin: 0; }\n\
             @media screen { body { background: #d9dde2; } .motcua-sheet { background: #fff; width: 175mm; min-height: 267mm; margin: 8mm auto; padding: 15mm 15mm 15mm 20mm; box-shadow: 0 1px 4px rgba(0,0,0,.35); } }\n",
        );
        s.push_str(CSS);
        s.push_str("</style>\n</head>\n<body>\n");
        s.push_str(&self.fragment);
        s.push_str("</body>\n</html>\n");
        s
    }
}
