//! `motcua sheet` and `motcua poster`: what the office prints.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use motcua::cccd;
use motcua::dossier::{self, EncodeOptions, Privacy};
use motcua::print::{poster, sheet};

use crate::files::{self, CliError, Input};
use crate::lines;

/// Office name used by `--sample` runs.
const SAMPLE_OFFICE: &str = "Bộ phận Một cửa UBND xã Minh Khai (mẫu)";

#[derive(clap::Args)]
pub(crate) struct SheetArgs {
    /// The card's QR payload as scanned; default: the first non-blank line
    /// of stdin (scanner repairs apply and are reported on the sheet).
    #[arg(long, value_name = "TEXT")]
    scan: Option<String>,
    /// Use the built-in synthetic card and, unless --dossier is given, the
    /// sample receipt's dossier QR.
    #[arg(long, conflicts_with = "scan")]
    sample: bool,
    /// The receiving office, printed with the scan time.
    #[arg(long, value_name = "TEXT")]
    office: Option<String>,
    /// The dossier QR payload (from `motcua dossier encode --format payload`):
    /// printed top-left with the dossier's fields.
    #[arg(long, value_name = "PAYLOAD")]
    dossier: Option<String>,
    /// Accept only a dossier QR that links to this lookup page (repeatable;
    /// a URL ending in `/` accepts its whole site). The sheet prints the
    /// code's host under it either way.
    #[arg(long, value_name = "URL")]
    allow_base: Vec<String>,
    /// When the card was scanned, RFC 3339. Default: now, in +07:00.
    #[arg(long, value_name = "TIME")]
    scanned_at: Option<DateTime<FixedOffset>>,
    /// Reference date for the card's checks and expiry, YYYY-MM-DD.
    /// Default: the scan date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<NaiveDate>,
    /// A copy that leaves the office: ID numbers, name, birth date, address masked.
    #[arg(long)]
    mask: bool,
    /// Only the `<article>` element (for embedding; CSS not included).
    #[arg(long)]
    fragment: bool,
    /// Write the HTML here instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(clap::Args)]
pub(crate) struct PosterArgs {
    /// The procedure list: CSV with columns code, name, url and optional
    /// group (header row first); `-` for stdin.
    #[arg(value_name = "CSV", required_unless_present = "sample", conflicts_with = "sample")]
    csv: Option<PathBuf>,
    /// Use the built-in sample list (core/data/procedures.csv).
    #[arg(long)]
    sample: bool,
    /// Poster title, usually the office. Required unless --sample.
    #[arg(long, value_name = "TEXT", required_unless_present = "sample")]
    title: Option<String>,
    /// The line under the title (default: an invitation to scan).
    #[arg(long, value_name = "TEXT")]
    subtitle: Option<String>,
    /// Codes per row.
    #[arg(long, default_value_t = 3)]
    columns: u8,
    /// Rows per page.
    #[arg(long, default_value_t = 3)]
    rows: u8,
    /// Output directory: poster-1.svg … poster-N.svg and poster.html,
    /// plus .motcua-poster, the list of what was written (so that a later
    /// run removes only its own stale pages).
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
    /// Overwrite poster-N.svg or poster.html files in DIR that an earlier
    /// run did not write (without it, they are refused).
    #[arg(long)]
    force: bool,
}

pub(crate) fn run_sheet(args: &SheetArgs) -> io::Result<bool> {
    let (scan, sample_dossier) = if args.sample {
        let card = cccd::samples().into_iter().next().map(|(_, p)| p).unwrap_or_default();
        let privacy = if args.mask { Privacy::Masked } else { Privacy::Full };
        let payload = dossier::encode(
            &dossier::sample_receipt(),
            &EncodeOptions {
                privacy,
                ..EncodeOptions::default()
            },
        );
        (card.into_bytes(), payload.ok())
    } else if let Some(s) = &args.scan {
        (s.clone().into_bytes(), None)
    } else {
        (lines::read_scan_from_stdin()?, None)
    };
    let office = args
        .office
        .as_deref()
        .or(args.sample.then_some(SAMPLE_OFFICE))
        .unwrap_or("Bộ phận Một cửa");
    let allowed: Vec<&str> = args.allow_base.iter().map(String::as_str).collect();
    let opts = sheet::ScanSheetOptions {
        office,
        scanned_at: args.scanned_at,
        as_of: args.as_of,
        dossier: args.dossier.as_deref().or(sample_dossier.as_deref()),
        allowed_bases: &allowed,
        masked: args.mask,
    };
    let sheet = match sheet::render_scan(&scan, &opts) {
        Ok(s) => s,
        Err(e) => return crate::files::report(e.code(), &e.message(), &e.message_vi()),
    };
    let html = if args.fragment {
        sheet.fragment().to_owned()
    } else {
        sheet.to_html()
    };
    match &args.out {
        Some(path) => files::write_file(path, html.as_bytes())?,
        None => io::stdout().lock().write_all(html.as_bytes())?,
    }
    Ok(true)
}

/// The list of files a `motcua poster` run wrote, kept in the output
/// folder: the next run removes only stale pages named in it.
const MANIFEST: &str = ".motcua-poster";

pub(crate) fn run_poster(args: &PosterArgs) -> io::Result<bool> {
    let bytes = match &args.csv {
        None => poster::SAMPLE_CSV.as_bytes().to_vec(),
        Some(p) => match files::read_capped(Input::of(p), files::MAX_CSV_BYTES, "CSV") {
            Ok(b) => b,
            Err(e) => return e.report(),
        },
    };
    let title = args.title.as_deref().unwrap_or(SAMPLE_OFFICE);
    let rendered = poster::read_csv(&bytes).and_then(|list| {
        let opts = poster::PosterOptions {
            title,
            subtitle: args.subtitle.as_deref(),
            columns: args.columns,
            rows: args.rows,
        };
        poster::render(&list, &opts).map(|p| (list.len(), p))
    });
    drop(bytes);
    let (count, poster) = match rendered {
        Ok(r) => r,
        Err(e) => return crate::files::report_print(&e),
    };
    // Everything rendered: now check the folder, then write, each file
    // through a temporary one.
    fs::create_dir_all(&args.out)?;
    let pages = poster.pages();
    let names: Vec<String> = (1..=pages.len())
        .map(|n| format!("poster-{n}.svg"))
        .chain(["poster.html".to_owned()])
        .collect();
    let ours = earlier_run(&args.out);
    let foreign: Vec<&str> = names
        .iter()
        .filter(|n| !ours.contains(n.as_str()) && fs::symlink_metadata(args.out.join(n)).is_ok())
        .map(String::as_str)
        .collect();
    if !foreign.is_empty() && !args.force {
        return CliError {
            code: "output_exists",
            message: format!(
                "the output folder already holds {} that motcua did not write; use --force to overwrite, or another folder",
                foreign.join(", ")
            ),
            message_vi: format!(
                "Thư mục kết quả đã có {} không do motcua tạo; dùng --force để ghi đè, hoặc chọn thư mục khác",
                foreign.join(", ")
            ),
        }
        .report();
    }
    for (name, svg) in names.iter().zip(pages) {
        files::write_file(&args.out.join(name), svg.as_bytes())?;
    }
    files::write_file(&args.out.join("poster.html"), poster.to_html().as_bytes())?;
    let mut manifest = names.join("\n");
    manifest.push('\n');
    files::write_file(&args.out.join(MANIFEST), manifest.as_bytes())?;
    // Pages an earlier, longer run wrote would look like ours: remove those
    // (regular files only, never what a symlink points to), and say so.
    for stale in ours.iter().filter(|n| !names.contains(n)) {
        let path = args.out.join(stale);
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file()) {
            fs::remove_file(&path)?;
            eprintln!("motcua: đã xóa trang cũ {stale} / removed {stale}, a page of an earlier run");
        }
    }
    eprintln!(
        "motcua: {count} mã QR, {} trang, mỗi mã {:.0} mm / {count} codes, {} pages, {:.0} mm each → {}",
        pages.len(),
        poster.qr_mm(),
        pages.len(),
        poster.qr_mm(),
        args.out.join("poster.html").display()
    );
    Ok(true)
}

/// The files an earlier run wrote into `dir`, from its manifest: only
/// names of our own shape (`poster-N.svg`, `poster.html`), and only from a
/// manifest that is a regular file.
fn earlier_run(dir: &Path) -> BTreeSet<String> {
    let path = dir.join(MANIFEST);
    if !fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file()) {
        return BTreeSet::new();
    }
    let text = files::read_capped(Input::File(&path), 64 << 10, MANIFEST).unwrap_or_default();
    String::from_utf8_lossy(&text)
        .lines()
        .filter(|n| {
            *n == "poster.html"
                || n.strip_prefix("poster-")
                    .and_then(|r| r.strip_suffix(".svg"))
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(str::to_owned)
        .collect()
}
