//! `motcua fill`: a Word form (.docx) filled from one CCCD scan (#23).

use std::io::{self, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use motcua::cccd;
use motcua::print::form::{self, Sample};

use crate::files::{self, Input};
use crate::lines;

/// The largest template read (a form with a logo is well under 1 MB).
const MAX_TEMPLATE_BYTES: u64 = 32 << 20;

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum SampleTemplate {
    /// A generic tờ khai: the card's fields in a table, office in the header.
    ToKhai,
    /// A giấy ủy quyền (authorisation letter).
    GiayUyQuyen,
}

#[derive(clap::Args)]
pub(crate) struct FillArgs {
    /// The template: a .docx with placeholders such as {{ho_ten}} (see --list).
    #[arg(
        value_name = "TEMPLATE",
        required_unless_present_any = ["list", "sample_template"],
        conflicts_with_all = ["list", "sample_template"]
    )]
    template: Option<PathBuf>,
    /// The card's QR payload as scanned; default: the first non-blank line
    /// of stdin (scanner repairs apply and are reported on stderr).
    #[arg(long, value_name = "TEXT")]
    scan: Option<String>,
    /// Use the built-in synthetic card.
    #[arg(long, conflicts_with = "scan")]
    sample: bool,
    /// The dossier QR payload: fills {{ma_ho_so}}, {{ma_thu_tuc}}, {{ngay_hen_tra}}…
    #[arg(long, value_name = "PAYLOAD")]
    dossier: Option<String>,
    /// A value of the office's own, NAME=VALUE (repeatable): {{co_quan}},
    /// {{dia_danh}}, or any placeholder the template adds.
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// Reference date for the card's checks, and {{ngay_lap}}, YYYY-MM-DD.
    /// Default: today in Vietnam (UTC+07:00).
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<NaiveDate>,
    /// Fill with the masked card (a copy that leaves the office).
    #[arg(long)]
    mask: bool,
    /// Print the placeholders this command fills, and exit.
    #[arg(long)]
    list: bool,
    /// Write a built-in sample template (to -o) instead of filling one.
    #[arg(long, value_enum, value_name = "NAME")]
    sample_template: Option<SampleTemplate>,
    /// The filled document (or the sample template).
    #[arg(long, short, value_name = "FILE", required_unless_present = "list")]
    out: Option<PathBuf>,
}

pub(crate) fn run(args: &FillArgs) -> io::Result<bool> {
    if args.list {
        let mut out = io::stdout().lock();
        for (group, rows) in [
            ("thẻ CCCD", &form::CARD_PLACEHOLDERS[..]),
            ("hồ sơ (--dossier)", &form::DOSSIER_PLACEHOLDERS[..]),
            ("cơ quan (--set)", &form::OFFICE_PLACEHOLDERS[..]),
        ] {
            writeln!(out, "# {group}")?;
            for (name, what) in rows {
                writeln!(out, "{{{{{name}}}}}\t{what}")?;
            }
        }
        return Ok(true);
    }
    let Some(out) = &args.out else { return Ok(false) };
    if let Some(which) = args.sample_template {
        let sample = match which {
            SampleTemplate::ToKhai => Sample::ToKhai,
            SampleTemplate::GiayUyQuyen => Sample::GiayUyQuyen,
        };
        files::write_file(out, &form::sample_template(sample))?;
        return Ok(true);
    }
    let Some(template_path) = &args.template else {
        return Ok(false);
    };
    let template = match files::read_capped(Input::of(template_path), MAX_TEMPLATE_BYTES, "TEMPLATE") {
        Ok(b) => b,
        Err(e) => return e.report(),
    };
    let scan = if args.sample {
        cccd::samples()
            .into_iter()
            .next()
            .map(|(_, p)| p.into_bytes())
            .unwrap_or_default()
    } else if let Some(s) = &args.scan {
        s.clone().into_bytes()
    } else {
        lines::read_scan_from_stdin()?
    };
    let mut set = Vec::with_capacity(args.set.len());
    for kv in &args.set {
        let Some((name, value)) = kv.split_once('=') else {
            eprintln!("motcua: --set takes NAME=VALUE / --set cần dạng TÊN=GIÁ_TRỊ");
            return Ok(false);
        };
        set.push((name.trim(), value));
    }
    let opts = form::FillScanOptions {
        as_of: args.as_of,
        masked: args.mask,
        dossier: args.dossier.as_deref(),
        values: &set,
    };
    let (filled, repairs) = match form::fill_scan(&template, &scan, &opts) {
        Ok(f) => f,
        Err(e) => return crate::files::report(e.code(), &e.message(), &e.message_vi()),
    };
    // Every repair is reported (the document itself holds only the fields).
    for r in repairs.iter() {
        eprintln!("motcua: repaired {}: {} / {}", r.code(), r.message(), r.message_vi());
    }
    if !filled.empty.is_empty() {
        eprintln!(
            "motcua: left empty / để trống: {}",
            filled
                .empty
                .iter()
                .map(|n| format!("{{{{{n}}}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    files::write_file(out, &filled.bytes)?;
    Ok(true)
}
