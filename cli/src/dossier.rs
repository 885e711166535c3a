//! `motcua dossier encode|decode`: the dossier QR from a terminal.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use clap::{Subcommand, ValueEnum};
use motcua::dossier::{
    self, Appointment, EncodeOptions, Error, Paper, Privacy, Record, RecordFields, RecordInput, Validity,
    MAX_PAYLOAD_LEN, VIETNAM,
};
use motcua::qr::{self, Ecc, QrOptions, SvgOptions};
use serde::Serialize;

use crate::{files, lines};

#[derive(Subcommand)]
pub(crate) enum DossierCommand {
    /// Make the QR for a paper: fields from flags, or a JSON record on stdin
    /// (the shape `decode` prints). Prints the QR to the terminal (default),
    /// writes --svg/--png files.
    Encode(Box<EncodeArgs>),
    /// Read dossier QR payloads (one per line on stdin, or --payload) and
    /// print one JSON object per line. Exit status 1 if any is invalid.
    Decode(DecodeArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum PrivacyArg {
    /// The full identifier.
    Full,
    /// The last 3 digits (*********456): papers that leave the office.
    Masked,
    /// No identifier at all.
    Omitted,
}

#[derive(Clone, Copy, ValueEnum)]
enum EccArg {
    L,
    M,
    Q,
    H,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EncodeFormat {
    /// The QR in Unicode half blocks, then the payload and its size.
    Terminal,
    /// Only the payload URL.
    Payload,
    /// {"ok", "payload", "version", "size", "ecc"}.
    Json,
}

#[derive(clap::Args)]
pub(crate) struct EncodeArgs {
    /// Encode the built-in synthetic receipt.
    #[arg(long)]
    sample: bool,
    /// Dossier code, e.g. 000.00.53.H48-220921-0099.
    #[arg(long, value_name = "CODE")]
    dossier_code: Option<String>,
    /// Procedure code, e.g. 1.001612.
    #[arg(long, value_name = "CODE")]
    procedure_code: Option<String>,
    /// Applicant: 12-digit ID, tax code or unit code.
    #[arg(long, value_name = "ID")]
    applicant: Option<String>,
    /// The paper, a standard kind: receipt, request_to_complete, refusal,
    /// delay_notice, control_sheet, result.
    #[arg(long, value_name = "KIND", value_parser = paper_kind, conflicts_with = "paper_name")]
    paper: Option<Paper>,
    /// The paper by name, when it is not a standard kind.
    #[arg(long, value_name = "TEXT")]
    paper_name: Option<String>,
    /// The issuing information system's name.
    #[arg(long, value_name = "TEXT")]
    system: Option<String>,
    /// Time of issue, RFC 3339 (e.g. 2026-11-20T09:15:00+07:00). Default: now.
    #[arg(long, value_name = "TIME")]
    issued_at: Option<DateTime<FixedOffset>>,
    /// Appointment for the result: YYYY-MM-DD or YYYY-MM-DDThh:mm (receipts).
    #[arg(long, value_name = "DATE")]
    appointment: Option<String>,
    /// Result valid through this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", conflicts_with_all = ["indefinite", "validity_text"])]
    valid_until: Option<NaiveDate>,
    /// Result valid indefinitely.
    #[arg(long, conflicts_with = "validity_text")]
    indefinite: bool,
    /// Validity term in words.
    #[arg(long, value_name = "TEXT")]
    validity_text: Option<String>,
    /// Validity scope, e.g. "Toàn quốc".
    #[arg(long, value_name = "TEXT")]
    scope: Option<String>,
    /// The portal's status-lookup page.
    #[arg(long, value_name = "URL", default_value = dossier::DEFAULT_BASE)]
    base: String,
    /// The applicant's identifier in full, masked or omitted.
    #[arg(long, value_enum, default_value_t = PrivacyArg::Full)]
    privacy: PrivacyArg,
    /// Minimum error-correction level (raised when free).
    #[arg(long, value_enum, default_value_t = EccArg::M)]
    ecc: EccArg,
    /// Write an SVG file.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Caption under the SVG code (e.g. the dossier code).
    #[arg(long, value_name = "TEXT")]
    caption: Option<String>,
    /// Write a PNG file.
    #[arg(long, value_name = "FILE")]
    png: Option<PathBuf>,
    /// PNG pixels per module.
    #[arg(long, value_name = "PX", default_value_t = 8)]
    scale: u32,
    /// What to print.
    #[arg(long, value_enum, default_value_t = EncodeFormat::Terminal)]
    format: EncodeFormat,
    /// Terminal output for dark-on-light terminals.
    #[arg(long)]
    invert: bool,
}

#[derive(clap::Args)]
pub(crate) struct DecodeArgs {
    /// A payload to decode instead of reading stdin (repeatable).
    #[arg(long, value_name = "TEXT")]
    payload: Vec<String>,
    /// Decode the built-in sample receipt's payload.
    #[arg(long, conflicts_with = "payload")]
    sample: bool,
    /// Mask the applicant's identifier in the output.
    #[arg(long)]
    mask: bool,
    /// Accept only payloads that link to this lookup page (repeatable; a
    /// URL ending in `/` accepts its whole site). Others fail with
    /// `base_not_allowed`.
    #[arg(long, value_name = "URL")]
    allow_base: Vec<String>,
}

/// Any error the encoder reports, in the JSON shape of `motcua cccd`.
#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum AnyError {
    Dossier(Error),
    Qr(qr::Error),
    Input {
        code: &'static str,
        message: String,
        message_vi: String,
    },
    Cli(files::CliError),
}

/// A payload refused, as `motcua dossier decode` prints it (and
/// `motcua decode --dossier` in its `dossiers`).
#[derive(Serialize)]
pub(crate) struct Failure<'a> {
    pub(crate) ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) line: Option<u64>,
    pub(crate) error: &'a AnyError,
}

pub(crate) fn run(cmd: &DossierCommand) -> io::Result<bool> {
    match cmd {
        DossierCommand::Encode(args) => encode(args),
        DossierCommand::Decode(args) => decode(args),
    }
}

fn fail(out: &mut impl Write, line: Option<u64>, error: AnyError) -> io::Result<bool> {
    serde_json::to_writer(
        &mut *out,
        &Failure {
            ok: false,
            line,
            error: &error,
        },
    )?;
    out.write_all(b"\n")?;
    Ok(false)
}

fn encode(args: &EncodeArgs) -> io::Result<bool> {
    let mut out = io::stdout().lock();
    let json: Vec<u8>;
    let record = if args.sample {
        Ok(dossier::sample_receipt())
    } else if args.dossier_code.is_none() {
        if io::stdin().is_terminal() {
            eprintln!("motcua: JSON record on stdin, Ctrl-D to end (or use --dossier-code …, --sample)");
        }
        match files::read_capped(files::Input::Stdin, files::MAX_JSON_BYTES, "stdin") {
            Ok(bytes) => json = bytes,
            Err(e) => return fail(&mut out, None, AnyError::Cli(e)),
        }
        match serde_json::from_slice::<RecordInput<'_>>(&json) {
            Ok(input) => input.into_record().map_err(AnyError::Dossier),
            // serde_json's own messages may quote values (personal data):
            // report only the kind of error and where.
            Err(e) => Err(AnyError::Input {
                code: "json_invalid",
                message: format!(
                    "the JSON record is invalid ({:?} error at line {}, column {})",
                    e.classify(),
                    e.line(),
                    e.column()
                ),
                message_vi: format!(
                    "Bản ghi JSON không hợp lệ (lỗi ở dòng {}, cột {})",
                    e.line(),
                    e.column()
                ),
            }),
        }
    } else {
        from_flags(args).map_err(AnyError::Dossier)
    };
    let record = match record {
        Ok(r) => r,
        Err(e) => return fail(&mut out, None, e),
    };
    let opts = EncodeOptions {
        base: &args.base,
        privacy: match args.privacy {
            PrivacyArg::Full => Privacy::Full,
            PrivacyArg::Masked => Privacy::Masked,
            PrivacyArg::Omitted => Privacy::Omitted,
        },
    };
    let payload = match dossier::encode(&record, &opts) {
        Ok(p) => p,
        Err(e) => return fail(&mut out, None, AnyError::Dossier(e)),
    };
    let qr_opts = QrOptions {
        ecc: match args.ecc {
            EccArg::L => Ecc::Low,
            EccArg::M => Ecc::Medium,
            EccArg::Q => Ecc::Quartile,
            EccArg::H => Ecc::High,
        },
        ..QrOptions::default()
    };
    let code = match qr::encode(&payload, &qr_opts) {
        Ok(c) => c,
        Err(e) => return fail(&mut out, None, AnyError::Qr(e)),
    };
    if let Some(path) = &args.svg {
        let svg = code.to_svg(&SvgOptions {
            caption: args.caption.as_deref(),
            ..SvgOptions::default()
        });
        files::write_file(path, svg.as_bytes())?;
    }
    if let Some(path) = &args.png {
        match code.to_png(args.scale) {
            Ok(png) => files::write_file(path, &png)?,
            Err(e) => return fail(&mut out, None, AnyError::Qr(e)),
        }
    }
    let size = code.size();
    match args.format {
        EncodeFormat::Terminal => {
            out.write_all(code.to_terminal(args.invert).as_bytes())?;
            writeln!(out, "{payload}")?;
            writeln!(
                out,
                "QR version {} ({size}×{size} modules), level {}, {} bytes",
                code.version(),
                code.ecc().letter(),
                payload.len()
            )?;
        }
        EncodeFormat::Payload => writeln!(out, "{payload}")?,
        EncodeFormat::Json => {
            #[derive(Serialize)]
            struct Encoded<'a> {
                ok: bool,
                payload: &'a str,
                version: u8,
                size: usize,
                ecc: String,
            }
            let v = Encoded {
                ok: true,
                payload: &payload,
                version: code.version(),
                size,
                ecc: code.ecc().letter().to_string(),
            };
            serde_json::to_writer(&mut out, &v)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(true)
}

fn paper_kind(s: &str) -> Result<Paper, String> {
    Paper::from_kind(s).ok_or_else(|| {
        let kinds: Vec<&str> = Paper::KINDS.iter().map(Paper::kind).collect();
        format!("one of {}", kinds.join(", "))
    })
}

/// The record from flags, through the core's one builder; the time of
/// issue defaults to now, in +07:00.
fn from_flags(args: &EncodeArgs) -> Result<Record, Error> {
    RecordFields {
        dossier_code: args.dossier_code.as_deref(),
        procedure_code: args.procedure_code.as_deref(),
        applicant: args.applicant.as_deref(),
        paper: match (&args.paper, &args.paper_name) {
            (Some(k), _) => Some(k.clone()),
            (None, Some(name)) => Some(Paper::Other(name.clone())),
            (None, None) => None,
        },
        system: args.system.as_deref(),
        issued_at: Some(args.issued_at.unwrap_or_else(|| Utc::now().with_timezone(&VIETNAM))),
        appointment: args.appointment.as_deref().map(Appointment::parse).transpose()?,
        validity: match (args.valid_until, args.indefinite, &args.validity_text) {
            (Some(d), _, _) => Some(Validity::Until(d)),
            (None, true, _) => Some(Validity::Indefinite),
            (None, false, Some(t)) => Some(Validity::Text(t.clone())),
            (None, false, None) => None,
        },
        scope: args.scope.as_deref(),
    }
    .build()
}

/// A record decoded, as `motcua dossier decode` prints it (and `motcua
/// decode --dossier` in its `dossiers`).
#[derive(Serialize)]
pub(crate) struct Decoded<'r> {
    pub(crate) ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) line: Option<u64>,
    #[serde(flatten)]
    pub(crate) record: &'r Record,
}

fn decode(args: &DecodeArgs) -> io::Result<bool> {
    if args.sample {
        let payload = dossier::encode(&dossier::sample_receipt(), &EncodeOptions::default());
        return decode_payloads(&[payload.unwrap_or_default()], args.mask, &args.allow_base);
    } else if !args.payload.is_empty() {
        return decode_payloads(&args.payload, args.mask, &args.allow_base);
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut all_ok = true;
    let allowed: Vec<&str> = args.allow_base.iter().map(String::as_str).collect();
    let one = one_decoder(args.mask, &allowed);
    let stdin = io::stdin();
    if stdin.is_terminal() {
        eprintln!("motcua: quét mã QR hồ sơ (mỗi mã một dòng), Ctrl-D để kết thúc / scan dossier QR codes, one per line, Ctrl-D to end");
    }
    all_ok &= lines::each_payload(
        &mut stdin.lock(),
        MAX_PAYLOAD_LEN,
        // Length first: a line cut at the limit may end inside a character,
        // and it is too long whatever its bytes are.
        |n, bytes| match std::str::from_utf8(bytes) {
            _ if bytes.len() > MAX_PAYLOAD_LEN => fail(
                &mut out,
                Some(n),
                AnyError::Dossier(Error::TooLong { max: MAX_PAYLOAD_LEN }),
            ),
            Ok(text) => one(&mut out, text, Some(n)),
            Err(_) => fail(&mut out, Some(n), AnyError::Dossier(Error::NotUtf8)),
        },
    )?;
    out.flush()?;
    Ok(all_ok)
}

/// Decodes each payload, one JSON line each (`motcua dossier decode
/// --payload`, `motcua decode --dossier`); `Ok(false)` if any is invalid.
pub(crate) fn decode_payloads(payloads: &[String], mask: bool, allow_base: &[String]) -> io::Result<bool> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let allowed: Vec<&str> = allow_base.iter().map(String::as_str).collect();
    let one = one_decoder(mask, &allowed);
    let mut all_ok = true;
    for p in payloads {
        all_ok &= one(&mut out, p, None)?;
    }
    out.flush()?;
    Ok(all_ok)
}

type Out = io::BufWriter<io::StdoutLock<'static>>;

/// Decodes one payload and prints its JSON line.
fn one_decoder<'o>(
    mask: bool,
    allowed_bases: &'o [&'o str],
) -> impl Fn(&mut Out, &str, Option<u64>) -> io::Result<bool> + 'o {
    let opts = dossier::DecodeOptions { allowed_bases };
    move |out: &mut Out, text: &str, line: Option<u64>| match dossier::decode_with(text, &opts) {
        Ok(mut record) => {
            if mask {
                record.applicant = record.applicant.map(|a| a.masked());
            }
            serde_json::to_writer(
                &mut *out,
                &Decoded {
                    ok: true,
                    line,
                    record: &record,
                },
            )?;
            out.write_all(b"\n")?;
            io::Result::Ok(true)
        }
        Err(e) => fail(out, line, AnyError::Dossier(e)),
    }
}
