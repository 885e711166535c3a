//! `motcua` — the quickest way to try the library from a terminal.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use motcua::cccd::{self, Card, CmndLink, Error, Repairs};
use serde::Serialize;

mod batch;
mod decode;
mod dossier;
mod files;
mod fill;
mod lines;
mod print;
mod text;

/// Vietnamese one-stop office toolkit: read citizen ID (CCCD) QR scans; make
/// and read TTHC dossier QR codes; print info sheets and QR posters; read QR
/// codes from photos.
#[derive(Parser)]
#[command(name = "motcua", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse CCCD QR payloads (one per line on stdin, or --payload / --sample),
    /// repair what scanners break, validate, print one JSON object per line.
    ///
    /// Exit status: 0 all valid; 1 some payload invalid (or, with --cmnd, not
    /// linked); 2 bad arguments.
    Cccd(CccdArgs),
    /// TTHC dossier QR codes (Thông tư 01/2023): make one for a paper, or
    /// read one back.
    #[command(subcommand)]
    Dossier(dossier::DossierCommand),
    /// The clerk's information sheet from one CCCD scan: A4 HTML with print
    /// CSS (print it, or save it as PDF, from any browser).
    Sheet(print::SheetArgs),
    /// Procedure QR posters from a CSV list: one A4 SVG per page and one
    /// HTML of all pages.
    Poster(print::PosterArgs),
    /// Read the QR codes in a photo (PNG, JPEG): print their text, or parse
    /// them as CCCD (--cccd) or dossier (--dossier) codes in one go.
    ///
    /// Exit status: 0 read (and valid); 1 no code read, or invalid.
    Decode(decode::DecodeArgs),
    /// Fill a Word form (.docx) from one CCCD scan: placeholders such as
    /// {{ho_ten}} and {{so_dinh_danh}} in the body, tables, headers and
    /// footers (`--list` shows them all).
    ///
    /// Exit status: 0 written; 1 invalid scan or template (nothing written).
    Fill(fill::FillArgs),
}

#[derive(clap::Args)]
pub(crate) struct CccdArgs {
    /// A payload to parse instead of reading stdin (repeatable).
    #[arg(long, value_name = "TEXT")]
    payload: Vec<String>,
    /// Run on built-in synthetic payloads (clean, CR LF, 2024 card, mojibake, NFD).
    #[arg(long, conflicts_with = "payload")]
    sample: bool,
    /// Reference date ("today") for future-date checks and expiry, YYYY-MM-DD.
    /// Default: today in Vietnam (UTC+07:00).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Mask ID numbers, name, address and date of birth (copies that leave the office).
    #[arg(long)]
    mask: bool,
    /// Print only the payloads that fail (invalid, or with --cmnd not
    /// linked): for checking a batch file. The exit status is the same.
    #[arg(long)]
    errors_only: bool,
    /// Old 9-digit CMND number to check against each card (land-record CMND→CCCD change).
    #[arg(long, value_name = "9 DIGITS", value_parser = cmnd_arg)]
    cmnd: Option<String>,
}

fn cmnd_arg(s: &str) -> Result<String, String> {
    cccd::validate_cmnd(s)
        .map(|c| c.as_str().to_string())
        .map_err(|e| format!("{e} / {}", e.message_vi()))
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// One JSON object per line.
    Json,
    /// Human-readable, Vietnamese labels with English.
    Text,
    /// The register (sổ theo dõi): one CSV row per payload, refused ones
    /// with their error; UTF-8 with a byte-order mark, for Excel.
    Csv,
    /// The register as an Excel workbook (to a file or a pipe, not a terminal).
    Xlsx,
}

/// clap's own messages repeat the offending value (`invalid value
/// '24681357' for '--cmnd'`, `unexpected argument '001090123456'`), which
/// may be an ID number: this writes the same error naming the argument
/// only. Help and version pass through.
fn parse_args() -> Result<Cli, ExitCode> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let e = match Cli::try_parse() {
        Ok(cli) => return Ok(cli),
        Err(e) => e,
    };
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let text = |k| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        _ => None,
    };
    // A flag's name is ours to repeat; a bare word may be the user's data.
    let arg = text(ContextKind::InvalidArg)
        .filter(|a| a.starts_with('-') || a.starts_with('<'))
        .map_or_else(
            || "an argument".to_owned(),
            |a| format!("'{}'", a.split_once('=').map_or(&*a, |(f, _)| f)),
        );
    let what = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let why = std::error::Error::source(&e)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            let valid = text(ContextKind::ValidValue)
                .map(|v| format!(" (one of: {v})"))
                .unwrap_or_default();
            format!("invalid value for {arg}{why}{valid}")
        }
        ErrorKind::UnknownArgument => format!("unexpected argument: {arg}"),
        ErrorKind::MissingRequiredArgument => format!(
            "a required argument is missing: {}",
            text(ContextKind::InvalidArg).unwrap_or_default()
        ),
        ErrorKind::ArgumentConflict => format!("{arg} cannot be used with one of the other arguments"),
        ErrorKind::InvalidSubcommand => "unrecognized subcommand".to_owned(),
        ErrorKind::InvalidUtf8 => format!("{arg} is not valid UTF-8"),
        kind => format!("{kind} ({arg})"),
    };
    eprintln!("error: {what} (the value given is not repeated: it may be personal data)\n\nFor more information, try '--help'.");
    Err(ExitCode::from(2))
}

fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let result = match cli.command {
        Command::Cccd(args) => run_cccd(&args),
        Command::Dossier(cmd) => dossier::run(&cmd),
        Command::Sheet(args) => print::run_sheet(&args),
        Command::Poster(args) => print::run_poster(&args),
        Command::Decode(args) => decode::run(&args),
        Command::Fill(args) => fill::run(&args),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            // The kind only: an io::Error may carry a path (a file named
            // after a citizen).
            eprintln!("motcua: I/O error: {} / lỗi đọc ghi tệp", e.kind());
            ExitCode::from(1)
        }
    }
}

/// Where a payload came from, echoed in the output.
#[derive(Clone, Copy)]
enum Source<'s> {
    Line(u64),
    Sample(&'s str),
    Arg,
}

struct Ctx<'a> {
    args: &'a CccdArgs,
    /// The register, for --format csv (streamed) or xlsx (in memory).
    csv: Option<motcua::print::register::CsvRegister<Vec<u8>>>,
    xlsx: Option<motcua::print::register::XlsxRegister>,
    as_of: NaiveDate,
    out: io::BufWriter<io::StdoutLock<'static>>,
    /// JSON lines are built here and handed to `out` 64 KiB at a time.
    buf: Vec<u8>,
    flush_each: bool,
}

pub(crate) fn run_cccd(args: &CccdArgs) -> io::Result<bool> {
    let stdin = io::stdin();
    let interactive = stdin.is_terminal();
    if args.format == Format::Xlsx && io::stdout().is_terminal() {
        eprintln!(
            "motcua: --format xlsx writes a workbook: redirect it to a file (> so.xlsx) / chuyển kết quả vào một tệp"
        );
        return Ok(false);
    }
    let xlsx = match args.format {
        Format::Xlsx => match motcua::print::register::XlsxRegister::new(args.mask) {
            Ok(x) => Some(x),
            Err(e) => return files::report_print(&e),
        },
        _ => None,
    };
    let csv = match args.format {
        Format::Csv => Some(motcua::print::register::CsvRegister::new(
            Vec::with_capacity(1 << 17),
            args.mask,
        )?),
        _ => None,
    };
    let mut ctx = Ctx {
        args,
        csv,
        xlsx,
        as_of: args.as_of.unwrap_or_else(cccd::today_vn),
        out: io::BufWriter::with_capacity(1 << 16, io::stdout().lock()),
        buf: Vec::with_capacity(1 << 17),
        flush_each: interactive || io::stdout().is_terminal(),
    };
    let mut all_ok = true;
    if args.sample {
        for (what, payload) in cccd::samples() {
            all_ok &= ctx.one(cccd::repair(&payload), Source::Sample(what))?;
        }
    } else if !args.payload.is_empty() {
        for p in &args.payload {
            all_ok &= ctx.one(cccd::repair(p), Source::Arg)?;
        }
    } else {
        if interactive {
            eprintln!("motcua: quét mã QR trên thẻ (mỗi thẻ một dòng), Ctrl-D để kết thúc / scan cards, one per line, Ctrl-D to end");
        }
        all_ok &= ctx.stdin_lines(&mut stdin.lock())?;
    }
    if let Some(x) = ctx.xlsx.take() {
        match x.finish() {
            Ok(bytes) => ctx.buf.extend_from_slice(&bytes),
            Err(e) => return files::report_print(&e),
        }
    }
    if let Some(c) = ctx.csv.take() {
        let rest = c.finish()?;
        ctx.out.write_all(&rest)?;
    }
    ctx.flush()?;
    Ok(all_ok)
}

impl Ctx<'_> {
    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        self.out.flush()
    }

    /// Reads lines (LF, CR or CRLF) of at most `MAX_PAYLOAD_LEN` bytes in
    /// constant memory; longer lines are reported as `too_long` and skipped.
    /// Blank lines are skipped (but counted).
    fn stdin_lines(&mut self, input: &mut impl BufRead) -> io::Result<bool> {
        lines::each_payload(input, cccd::MAX_PAYLOAD_LEN, |line, bytes| {
            self.one(cccd::repair_bytes(bytes), Source::Line(line))
        })
    }

    /// Parses, prints one result; `Ok(false)` when invalid (or not linked).
    fn one(&mut self, repaired: Result<cccd::Repaired<'_>, Error>, src: Source<'_>) -> io::Result<bool> {
        let parsed = repaired
            .as_ref()
            .map_err(|e| *e)
            .and_then(|r| r.parse_as_of(self.as_of));
        let link = match (&parsed, &self.args.cmnd) {
            (Ok(card), Some(cmnd)) => card.cmnd_link(cmnd).ok(),
            _ => None,
        };
        let ok = parsed.is_ok() && link.is_none_or(|l| l == CmndLink::Linked);
        if ok && self.args.errors_only {
            return Ok(true);
        }
        let repairs = repaired.as_ref().map(|r| r.repairs()).unwrap_or_default();
        match self.args.format {
            Format::Json => self.json(&parsed, repairs, link, src)?,
            Format::Text => text::write(&mut self.out, &parsed, repairs, link, src, self.args.mask)?,
            Format::Csv | Format::Xlsx => {
                use motcua::print::register::{Entry, Outcome};
                let line = match src {
                    Source::Line(n) => Some(n),
                    _ => None,
                };
                let entry = Entry {
                    line,
                    file: None,
                    scanned_at: None,
                    dossier: None,
                    outcome: match &parsed {
                        Ok(card) => Outcome::Card(card, repairs),
                        Err(e) => Outcome::Refused(e),
                    },
                };
                if let Some(x) = self.xlsx.as_mut() {
                    if let Err(e) = x.push(&entry) {
                        eprintln!("motcua: {}: {} / {}", e.code(), e.message(), e.message_vi());
                        return Ok(false);
                    }
                }
                if let Some(c) = self.csv.as_mut() {
                    c.push(&entry)?;
                    // Handed on 64 KiB at a time, as the JSON lines are.
                    if c.get_mut().len() >= 1 << 16 {
                        let chunk = std::mem::take(c.get_mut());
                        self.out.write_all(&chunk)?;
                    }
                }
            }
        }
        if self.flush_each {
            self.flush()?;
        }
        Ok(ok)
    }

    fn json(
        &mut self,
        parsed: &Result<Card<'_>, Error>,
        repairs: Repairs,
        cmnd_link: Option<CmndLink>,
        src: Source<'_>,
    ) -> io::Result<()> {
        let (line, sample) = match src {
            Source::Line(n) => (Some(n), None),
            Source::Sample(s) => (None, Some(s)),
            Source::Arg => (None, None),
        };
        match parsed {
            Ok(card) => {
                let v = OkLine {
                    ok: true,
                    line,
                    sample,
                    report: cccd::Report {
                        card,
                        repairs,
                        cmnd_link,
                        masked: self.args.mask,
                    },
                };
                serde_json::to_writer(&mut self.buf, &v)?;
            }
            Err(error) => {
                let v = ErrLine {
                    ok: false,
                    line,
                    sample,
                    error,
                };
                serde_json::to_writer(&mut self.buf, &v)?;
            }
        }
        self.buf.push(b'\n');
        if self.buf.len() >= 1 << 16 {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }
}

/// A card read, as `motcua cccd` prints it (and `motcua decode --cccd` in
/// its `cards`).
#[derive(Serialize)]
pub(crate) struct OkLine<'c, 'a> {
    pub(crate) ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sample: Option<&'c str>,
    /// The core's shape: the card's fields, `repairs`, `cmnd_link`.
    #[serde(flatten)]
    pub(crate) report: cccd::Report<'c, 'a>,
}

/// A card refused, as `motcua cccd` prints it (and `motcua decode --cccd`
/// in its `cards`).
#[derive(Serialize)]
pub(crate) struct ErrLine<'c> {
    pub(crate) ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) sample: Option<&'c str>,
    pub(crate) error: &'c Error,
}
