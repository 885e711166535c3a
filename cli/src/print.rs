//! `motcua sheet` and `motcua poster`: what the office prints.

use std::fs;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use motcua::cccd;
use motcua::dossier::{self, EncodeOptions, Privacy, VIETNAM};
use motcua::print::{poster, sheet, Error};

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
    /// Output directory: poster-1.svg … poster-N.svg and poster.html.
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
}

/// Prints a library error as `motcua: <code>: English / Vietnamese`.
fn report(code: &str, message: &str, message_vi: &str) -> io::Result<bool> {
    eprintln!("motcua: {code}: {message} / {message_vi}");
    Ok(false)
}

fn print_error(e: &Error) -> io::Result<bool> {
    report(e.code(), &e.message(), &e.message_vi())
}

pub(crate) fn run_sheet(args: &SheetArgs) -> io::Result<bool> {
    let scanned_at = args.scanned_at.unwrap_or_else(|| Utc::now().with_timezone(&VIETNAM));
    let as_of = args.as_of.unwrap_or_else(|| scanned_at.date_naive());
    let mut stdin_text = String::new();
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
        (card, payload.ok())
    } else if let Some(s) = &args.scan {
        (s.clone(), None)
    } else {
        if io::stdin().is_terminal() {
            eprintln!("motcua: quét mã QR trên thẻ / scan the card's QR (one line)");
        }
        io::stdin().lock().take(64 * 1024).read_to_string(&mut stdin_text)?;
        let line = stdin_text
            .split_inclusive('\n')
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default();
        (line.to_owned(), None)
    };
    let repaired = match cccd::repair(&scan) {
        Ok(r) => r,
        Err(e) => return report(e.code(), &e.to_string(), &e.message_vi()),
    };
    let card = match repaired.parse_as_of(as_of) {
        Ok(c) => c,
        Err(e) => return report(e.code(), &e.to_string(), &e.message_vi()),
    };
    let office = args
        .office
        .as_deref()
        .or(args.sample.then_some(SAMPLE_OFFICE))
        .unwrap_or("Bộ phận Một cửa");
    let opts = sheet::SheetOptions {
        office,
        scanned_at,
        dossier: args.dossier.as_deref().or(sample_dossier.as_deref()),
        masked: args.mask,
    };
    let sheet = match sheet::render(&card, repaired.repairs(), &opts) {
        Ok(s) => s,
        Err(e) => return print_error(&e),
    };
    let html = if args.fragment {
        sheet.fragment().to_owned()
    } else {
        sheet.to_html()
    };
    match &args.out {
        Some(path) => write_atomic(path, html.as_bytes())?,
        None => io::stdout().lock().write_all(html.as_bytes())?,
    }
    Ok(true)
}

pub(crate) fn run_poster(args: &PosterArgs) -> io::Result<bool> {
    let bytes = match &args.csv {
        None => poster::SAMPLE_CSV.as_bytes().to_vec(),
        Some(p) if p.as_os_str() == "-" => {
            let mut b = Vec::new();
            io::stdin().lock().take(16 << 20).read_to_end(&mut b)?;
            b
        }
        Some(p) => fs::read(p)?,
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
    let (count, poster) = match rendered {
        Ok(r) => r,
        Err(e) => return print_error(&e),
    };
    // Everything rendered: now write, each file through a temporary name.
    fs::create_dir_all(&args.out)?;
    let pages = poster.pages();
    for (i, svg) in pages.iter().enumerate() {
        write_atomic(&args.out.join(format!("poster-{}.svg", i + 1)), svg.as_bytes())?;
    }
    // Pages left over from an earlier, longer run would look like ours.
    for n in pages.len() + 1.. {
        let stale = args.out.join(format!("poster-{n}.svg"));
        if !stale.exists() {
            break;
        }
        fs::remove_file(stale)?;
    }
    write_atomic(&args.out.join("poster.html"), poster.to_html().as_bytes())?;
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

/// Writes `path` through `path.tmp` and a rename, so a failure leaves no
/// half-written file under the final name.
fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, path)
}
