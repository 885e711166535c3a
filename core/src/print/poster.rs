//! Procedure QR posters: a list of procedures (code, name, portal URL,
//! optional field) → A4 pages of QR codes, each captioned with the
//! procedure's name and code, sized to scan from about 50 cm.
//!
//! ```
//! use motcua::print::poster::{read_csv, render, PosterOptions};
//!
//! let csv = "code,name,url,group\n\
//!            1.001193,Đăng ký khai sinh,https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193,Hộ tịch\n";
//! let list = read_csv(csv.as_bytes())?;
//! let poster = render(&list, &PosterOptions::new("UBND xã Minh Khai"))?;
//! assert_eq!(poster.pages().len(), 1);
//! assert!(poster.pages()[0].contains("Đăng ký khai sinh"));
//! assert!(poster.qr_mm() >= 40.0);
//! # Ok::<(), motcua::print::Error>(())
//! ```

use std::fmt::Write as _;

use super::{printable, wrap, Column, Error};
use crate::dossier::validate_procedure_code;
use crate::qr::xml_escape as escape;
use crate::qr::{self, Ecc, QrOptions};

/// The longest URL a poster code carries: at level M it fits version 8
/// (49 modules), about 1 mm per module at the default size.
pub const MAX_URL_LEN: usize = 150;
/// The most procedures one poster run prints (a commune has ~100–150).
pub const MAX_PROCEDURES: usize = 500;
/// The smallest code side, quiet zone included, for a phone camera at ~50 cm.
pub const MIN_QR_MM: u32 = 40;
/// Lines available for a procedure's name under its code.
pub const NAME_LINES: usize = 5;

/// One procedure (or field) on a poster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Procedure {
    /// Procedure code, `D.NNNNNN` (optionally with a province's unit code).
    pub code: String,
    /// Its name as the portal lists it.
    pub name: String,
    /// The page the QR opens (procedure details, or online submission).
    pub url: String,
    /// Field or group ("Hộ tịch"), printed above the name.
    pub group: Option<String>,
    /// The CSV line it came from (header = line 1), or its 1-based position
    /// in a list built in code: what errors cite.
    pub row: u64,
}

fn url_ok(url: &str) -> bool {
    let lower = url.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    let rest = if lower.starts_with("https://") {
        url.get(8..)
    } else if lower.starts_with("http://") {
        url.get(7..)
    } else {
        None
    };
    let Some(rest) = rest else { return false };
    let host_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    host_len > 0 && url.bytes().all(|b| b.is_ascii_graphic())
}

impl Procedure {
    /// Checks everything but caption fit (which depends on the layout).
    fn check(&self) -> Result<(), Error> {
        let row = self.row;
        let missing = |column| Error::MissingField { row, column };
        if self.code.is_empty() {
            return Err(missing(Column::Code));
        }
        if validate_procedure_code(&self.code).is_err() {
            return Err(Error::ProcedureCode { row });
        }
        if self.name.is_empty() {
            return Err(missing(Column::Name));
        }
        if self.url.is_empty() {
            return Err(missing(Column::Url));
        }
        if self.url.len() > MAX_URL_LEN {
            return Err(Error::UrlTooLong { row, max: MAX_URL_LEN });
        }
        if !url_ok(&self.url) {
            return Err(Error::UrlInvalid { row });
        }
        Ok(())
    }
}

/// What a header cell names: English or Vietnamese, any case.
fn column_of(header: &str) -> Option<Column> {
    // ASCII case only, and the Vietnamese names as a spreadsheet user
    // writes them (sentence case or lower case): no Unicode case tables in
    // the browser package for four words.
    let h = header.trim().trim_start_matches('\u{feff}').to_ascii_lowercase();
    Some(match h.as_str() {
        "code" | "procedure_code" | "ma_thu_tuc" | "mã" | "mã thủ tục" | "mã tthc" => Column::Code,
        "name" | "procedure_name" | "ten_thu_tuc" | "tên" | "tên thủ tục" | "tên tthc" => Column::Name,
        "url" | "link" | "đường dẫn" | "Đường dẫn" | "liên kết" => Column::Url,
        "group" | "field" | "linh_vuc" | "lĩnh vực" | "nhóm" => Column::Group,
        _ => return None,
    })
}

/// A reader error. Byte records from a slice carry no UTF-8 check (that is
/// ours, per cell), so only I/O-like failures could come here.
fn csv_error(e: &csv::Error, default_row: u64) -> Error {
    Error::Malformed {
        row: e.position().map_or(default_row, csv::Position::line),
    }
}

/// Line numbers of byte offsets, counted forward (offsets only grow).
struct Lines<'b> {
    bytes: &'b [u8],
    at: usize,
    line: u64,
}

impl Lines<'_> {
    /// The line of the first non-blank byte at or after `offset`: the csv
    /// crate reports a record's position before the blank lines it skips.
    fn line_at(&mut self, offset: u64) -> u64 {
        let mut end = usize::try_from(offset).unwrap_or(usize::MAX).min(self.bytes.len());
        while self.bytes.get(end).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            end += 1;
        }
        let start = self.at.min(end);
        for (i, &b) in self.bytes.get(start..end).unwrap_or_default().iter().enumerate() {
            // LF, CR LF (counted at the LF) and a lone CR end a line.
            if b == b'\n' || (b == b'\r' && self.bytes.get(start + i + 1) != Some(&b'\n')) {
                self.line += 1;
            }
        }
        self.at = end;
        self.line
    }
}

/// Reads a procedure list: a header row naming the columns `code`, `name`,
/// `url` and optionally `group` (or `mã`, `tên`, `đường dẫn`, `lĩnh vực`; any
/// order, other columns ignored), then one procedure per row. Cells are
/// trimmed. Errors name the first bad row; nothing is returned partially.
pub fn read_csv(bytes: &[u8]) -> Result<Vec<Procedure>, Error> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let headers = rdr.byte_headers().map_err(|e| csv_error(&e, 1))?.clone();
    // Column → cell index, the first header naming it.
    let mut index: [(Column, Option<usize>); 4] =
        [Column::Code, Column::Name, Column::Url, Column::Group].map(|c| (c, None));
    for (i, cell) in headers.iter().enumerate() {
        let cell = std::str::from_utf8(cell).map_err(|_| Error::NotUtf8 { row: 1 })?;
        if let Some(c) = column_of(cell) {
            if let Some(slot) = index.iter_mut().find(|(k, at)| *k == c && at.is_none()) {
                slot.1 = Some(i);
            }
        }
    }
    if let Some((c, _)) = index.iter().take(3).find(|(_, at)| at.is_none()) {
        return Err(Error::MissingColumn(*c));
    }
    let mut out = Vec::new();
    // (code, line) of the rows read; a linear search is fine for
    // MAX_PROCEDURES rows and keeps hashing out of the browser package.
    let mut seen: Vec<(String, u64)> = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut lines = Lines { bytes, at: 0, line: 1 };
    loop {
        let more = rdr
            .read_byte_record(&mut record)
            .map_err(|e| csv_error(&e, out.last().map_or(2, |p: &Procedure| p.row + 1)))?;
        if !more {
            break;
        }
        let row = lines.line_at(record.position().map_or(0, csv::Position::byte));
        if record.iter().all(<[u8]>::is_empty) {
            continue; // a row of empty cells (",,,"), as spreadsheets export
        }
        if out.len() == MAX_PROCEDURES {
            return Err(Error::TooMany { max: MAX_PROCEDURES });
        }
        let cell = |c: Column| -> Result<String, Error> {
            let bytes = index
                .iter()
                .find(|(k, _)| *k == c)
                .and_then(|(_, at)| at.and_then(|i| record.get(i)))
                .unwrap_or_default();
            std::str::from_utf8(bytes)
                .map(str::to_owned)
                .map_err(|_| Error::NotUtf8 { row })
        };
        let group = cell(Column::Group)?;
        let p = Procedure {
            code: cell(Column::Code)?,
            name: cell(Column::Name)?,
            url: cell(Column::Url)?,
            group: (!group.is_empty()).then_some(group),
            row,
        };
        p.check()?;
        if let Some((_, first)) = seen.iter().find(|(code, _)| *code == p.code) {
            return Err(Error::DuplicateCode { row, first: *first });
        }
        seen.push((p.code.clone(), row));
        out.push(p);
    }
    if out.is_empty() {
        return Err(Error::Empty);
    }
    Ok(out)
}

/// Poster settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PosterOptions<'a> {
    /// The title, usually the office ("UBND xã Minh Khai — Bộ phận Một cửa").
    pub title: &'a str,
    /// The line (at most 2 printed lines) under the title; `None` for the
    /// default invitation to scan.
    pub subtitle: Option<&'a str>,
    /// Codes per row (1–4).
    pub columns: u8,
    /// Rows per page (1–4).
    pub rows: u8,
}

impl<'a> PosterOptions<'a> {
    /// 3 × 3 codes per A4 page, default subtitle.
    pub fn new(title: &'a str) -> Self {
        PosterOptions {
            title,
            subtitle: None,
            columns: 3,
            rows: 3,
        }
    }
}

/// The default subtitle.
pub const DEFAULT_SUBTITLE: &str =
    "Quét mã QR bằng camera điện thoại hoặc Zalo để xem hướng dẫn, biểu mẫu và nộp hồ sơ trực tuyến";

// Page geometry, millimetres (A4 portrait).
const PAGE_W: f64 = 210.0;
const PAGE_H: f64 = 297.0;
const MARGIN: f64 = 12.0;
const GRID_TOP: f64 = 44.0;
const GRID_BOTTOM: f64 = 281.0;
const TITLE_PT: f64 = 6.5;
const SUB_PT: f64 = 3.4;
const GROUP_PT: f64 = 2.8;
const NAME_PT: f64 = 3.0;
const NAME_LH: f64 = 3.7;
const CODE_PT: f64 = 3.2;
const PAD: f64 = 2.0;
/// Group line + name lines + code line + padding under the code.
const CAPTION_H: f64 = 3.6 + NAME_LINES as f64 * NAME_LH + 4.4 + 1.0;
const FONTS: &str = "'Noto Sans','DejaVu Sans','Liberation Sans',Arial,sans-serif";

struct Grid {
    columns: usize,
    rows: usize,
    cell_w: f64,
    cell_h: f64,
    qr: f64,
}

impl Grid {
    fn new(columns: u8, rows: u8) -> Result<Grid, Error> {
        let err = Error::Layout {
            columns,
            rows,
            min_mm: MIN_QR_MM,
        };
        if !(1..=4).contains(&columns) || !(1..=4).contains(&rows) {
            return Err(err);
        }
        let cell_w = (PAGE_W - 2.0 * MARGIN) / f64::from(columns);
        let cell_h = (GRID_BOTTOM - GRID_TOP) / f64::from(rows);
        let qr = (cell_w - 2.0 * PAD).min(cell_h - PAD - CAPTION_H).min(90.0);
        if qr < f64::from(MIN_QR_MM) {
            return Err(err);
        }
        Ok(Grid {
            columns: usize::from(columns),
            rows: usize::from(rows),
            cell_w,
            cell_h,
            qr,
        })
    }

    fn per_page(&self) -> usize {
        self.columns * self.rows
    }

    /// Ems of caption text per line at `pt`.
    fn line_em(&self, pt: f64) -> f64 {
        (self.cell_w - 2.0 * PAD) / pt
    }
}

/// Rendered poster pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Poster {
    pages: Vec<String>,
    title: String,
    qr_mm: f64,
}

/// A procedure laid out: its code and caption lines.
struct Item<'p> {
    p: &'p Procedure,
    qr: qr::Qr,
    group: Option<String>,
    name: Vec<String>,
}

fn title_lines(title: &str) -> Result<Vec<String>, Error> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 200 || !printable(title) {
        return Err(Error::Title);
    }
    wrap(title, (PAGE_W - 2.0 * MARGIN) / TITLE_PT, 2).ok_or(Error::Title)
}

/// Lays out `procedures` on A4 pages. Every procedure is checked again
/// (code, URL, and that its name fits [`NAME_LINES`] caption lines), so a
/// list built in code gets the same errors as a CSV file.
pub fn render(procedures: &[Procedure], opts: &PosterOptions<'_>) -> Result<Poster, Error> {
    let grid = Grid::new(opts.columns, opts.rows)?;
    let title = title_lines(opts.title)?;
    let subtitle = opts.subtitle.unwrap_or(DEFAULT_SUBTITLE);
    if subtitle.chars().count() > 300 || !printable(subtitle) {
        return Err(Error::Title);
    }
    let subtitle = wrap(subtitle, (PAGE_W - 2.0 * MARGIN) / SUB_PT, 2).ok_or(Error::Title)?;
    if procedures.is_empty() {
        return Err(Error::Empty);
    }
    if procedures.len() > MAX_PROCEDURES {
        return Err(Error::TooMany { max: MAX_PROCEDURES });
    }
    let mut items = Vec::with_capacity(procedures.len());
    for p in procedures {
        p.check()?;
        let too_long = |column| Error::TextTooLong {
            row: p.row,
            column,
            max_lines: if column == Column::Name { NAME_LINES } else { 1 },
        };
        let name = printable(&p.name)
            .then(|| wrap(&p.name, grid.line_em(NAME_PT), NAME_LINES))
            .flatten()
            .ok_or(too_long(Column::Name))?;
        let group = match &p.group {
            Some(g) => Some(
                printable(g)
                    .then(|| wrap(g, grid.line_em(GROUP_PT), 1))
                    .flatten()
                    .and_then(|l| l.into_iter().next())
                    .ok_or(too_long(Column::Group))?,
            ),
            None => None,
        };
        let qr = qr::encode(
            &p.url,
            &QrOptions {
                ecc: Ecc::Medium,
                ..QrOptions::default()
            },
        )
        .map_err(|_| Error::UrlTooLong {
            row: p.row,
            max: MAX_URL_LEN,
        })?;
        items.push(Item { p, qr, group, name });
    }
    let chunks: Vec<&[Item<'_>]> = items.chunks(grid.per_page()).collect();
    let total = chunks.len();
    let pages = chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| page_svg(&grid, &title, &subtitle, opts.title.trim(), chunk, i + 1, total))
        .collect();
    Ok(Poster {
        pages,
        title: opts.title.trim().to_owned(),
        qr_mm: grid.qr,
    })
}

/// Millimetres with 2 decimals, written with integers: float formatting
/// would add ~10 kB to the browser package. Inputs are page coordinates.
fn mm(v: f64) -> String {
    #[allow(clippy::cast_possible_truncation)] // |v| < 1000 on an A4 page
    let hundredths = (v * 100.0).round() as i64;
    let (sign, h) = if hundredths < 0 {
        ("-", -hundredths)
    } else {
        ("", hundredths)
    };
    match h % 100 {
        0 => format!("{sign}{}", h / 100),
        f if f % 10 == 0 => format!("{sign}{}.{}", h / 100, f / 10),
        f => format!("{sign}{}.{f:02}", h / 100),
    }
}

/// A module's size in mm with 5 decimals (integers only, as [`mm`]).
fn scale(v: f64) -> String {
    #[allow(clippy::cast_possible_truncation)] // 0 < v < 10
    let n = (v * 100_000.0).round() as i64;
    format!("{}.{:05}", n / 100_000, n % 100_000)
}

fn text(out: &mut String, x: f64, y: f64, pt: f64, attrs: &str, content: &str) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{attrs}>",
        mm(x),
        mm(y),
        mm(pt)
    );
    escape(out, content);
    out.push_str("</text>");
}

fn page_svg(
    grid: &Grid,
    title: &[String],
    subtitle: &[String],
    title_text: &str,
    items: &[Item<'_>],
    page: usize,
    total: usize,
) -> String {
    let mut s = String::with_capacity(16 * 1024 + items.len() * 4096);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"297mm\" viewBox=\"0 0 210 297\" font-family=\"{FONTS}\" fill=\"#000\"><title>"
    );
    escape(&mut s, title_text);
    let _ = write!(
        s,
        " — trang {page}/{total}</title><rect width=\"210\" height=\"297\" fill=\"#fff\"/>"
    );
    // Header: 1–2 title lines, the subtitle, a rule.
    let center = PAGE_W / 2.0;
    let bold_mid = " font-weight=\"bold\" text-anchor=\"middle\"";
    let mid = " text-anchor=\"middle\"";
    // Title lines 7.5 mm apart, then subtitle lines 4.3 mm apart, the block
    // ending above the rule at 40 mm (at most 2 + 2 lines).
    let mut y = if title.len() == 1 { 22.0 } else { 19.0 };
    for line in title {
        text(&mut s, center, y, TITLE_PT, bold_mid, line);
        y += 7.5;
    }
    for line in subtitle {
        text(&mut s, center, y, SUB_PT, mid, line);
        y += 4.3;
    }
    let _ = write!(
        s,
        "<path d=\"M{m},40H{r}\" stroke=\"#000\" stroke-width=\"0.4\"/>",
        m = mm(MARGIN),
        r = mm(PAGE_W - MARGIN)
    );
    for (k, item) in items.iter().enumerate() {
        let x = MARGIN + (k % grid.columns) as f64 * grid.cell_w;
        let y = GRID_TOP + (k / grid.columns) as f64 * grid.cell_h;
        cell(&mut s, grid, x, y, item);
    }
    // Footer.
    text(&mut s, MARGIN, PAGE_H - 8.0, 3.0, "", &format!("Trang {page}/{total}"));
    text(
        &mut s,
        PAGE_W - MARGIN,
        PAGE_H - 8.0,
        3.0,
        " text-anchor=\"end\"",
        "Mỗi mã QR mở trang của thủ tục trên Cổng dịch vụ công",
    );
    s.push_str("</svg>\n");
    s
}

fn cell(s: &mut String, grid: &Grid, x: f64, y: f64, item: &Item<'_>) {
    // A dashed cut line around the cell.
    let _ = write!(
        s,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"none\" stroke=\"#8a9199\" stroke-width=\"0.25\" stroke-dasharray=\"1.5 1\"/>",
        mm(x + 0.5),
        mm(y + 0.5),
        mm(grid.cell_w - 1.0),
        mm(grid.cell_h - 1.0)
    );
    // The code: quiet zone included in `grid.qr`, centred.
    let modules = item.qr.size() + 8;
    let unit = grid.qr / modules as f64;
    let qx = x + (grid.cell_w - grid.qr) / 2.0;
    let qy = y + PAD;
    let _ = write!(
        s,
        "<path transform=\"translate({} {}) scale({})\" d=\"",
        mm(qx),
        mm(qy),
        scale(unit)
    );
    item.qr.write_svg_path(s, 4);
    s.push_str("\"/>");
    // Caption: group, name lines, code.
    let cx = x + grid.cell_w / 2.0;
    let mut ty = qy + grid.qr + 3.2;
    if let Some(g) = &item.group {
        text(s, cx, ty, GROUP_PT, " text-anchor=\"middle\" fill=\"#44505c\"", g);
    }
    ty += 3.6 + 0.8;
    for line in &item.name {
        text(s, cx, ty, NAME_PT, " font-weight=\"bold\" text-anchor=\"middle\"", line);
        ty += NAME_LH;
    }
    text(
        s,
        cx,
        ty + 0.4,
        CODE_PT,
        " text-anchor=\"middle\"",
        &format!("Mã TTHC: {}", item.p.code),
    );
}

impl Poster {
    /// One standalone SVG document per A4 page (210 × 297 mm).
    pub fn pages(&self) -> &[String] {
        &self.pages
    }

    /// The side of each code, quiet zone included, in millimetres.
    pub fn qr_mm(&self) -> f64 {
        self.qr_mm
    }

    /// One HTML document with every page, one per printed sheet
    /// (`@page { size: A4; margin: 0 }`); on screen, pages on a grey desk.
    pub fn to_html(&self) -> String {
        let mut s = String::with_capacity(self.pages.iter().map(String::len).sum::<usize>() + 1024);
        s.push_str("<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
        escape(&mut s, &self.title);
        s.push_str(
            "</title>\n<style>\n@page { size: A4; margin: 0; }\nhtml, body { margin: 0; padding: 0; }\n\
             .page { width: 210mm; height: 297mm; overflow: hidden; break-after: page; }\n\
             .page:last-child { break-after: auto; }\n.page svg { display: block; width: 210mm; height: 297mm; }\n\
             @media screen { body { background: #d9dde2; } .page { margin: 8mm auto; box-shadow: 0 1px 4px rgba(0,0,0,.35); } }\n\
             </style>\n</head>\n<body>\n",
        );
        for page in &self.pages {
            s.push_str("<section class=\"page\">");
            s.push_str(page.trim_end());
            s.push_str("</section>\n");
        }
        s.push_str("</body>\n</html>\n");
        s
    }
}

/// The procedure list a code-built caller passes: `(code, name, url, group)`
/// tuples numbered from 1.
pub fn procedures<'a, I>(rows: I) -> Vec<Procedure>
where
    I: IntoIterator<Item = (&'a str, &'a str, &'a str, Option<&'a str>)>,
{
    rows.into_iter()
        .zip(1..)
        .map(|((code, name, url, group), row)| Procedure {
            code: code.to_owned(),
            name: name.to_owned(),
            url: url.to_owned(),
            group: group.map(str::to_owned),
            row,
        })
        .collect()
}

#[cfg(feature = "samples")]
/// The sample list shipped with the project (`core/data/procedures.csv`):
/// common commune-level procedures linking to the national portal.
pub const SAMPLE_CSV: &str = include_str!("../../data/procedures.csv");
