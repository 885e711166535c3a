//! `motcua decode PHOTO`: the QR codes in a photo or screenshot (PNG, JPEG),
//! printed as text, as JSON, or parsed as a CCCD or dossier QR in one go.

use std::io::{self, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;
use motcua::image::{self, Found};
use serde::Serialize;

use crate::{dossier, CccdArgs, Format};

#[derive(clap::Args)]
pub(crate) struct DecodeArgs {
    /// The photo: PNG or JPEG (a phone photo, a webcam frame, a scan).
    #[arg(value_name = "PHOTO")]
    photo: PathBuf,
    /// Parse each code as a CCCD QR (same output as `motcua cccd`).
    #[arg(long, conflicts_with = "dossier")]
    cccd: bool,
    /// Parse each code as a dossier QR (same output as `motcua dossier decode`).
    #[arg(long)]
    dossier: bool,
    /// With --cccd: reference date for expiry checks, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "cccd")]
    as_of: Option<NaiveDate>,
    /// With --cccd or --dossier: mask ID numbers (and, for cards, name and address).
    #[arg(long)]
    mask: bool,
    /// Without --cccd/--dossier: what to print for each code.
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Output {
    /// The payload text, one code per line.
    Text,
    /// One JSON object per code: text, bytes (hex), charset, version, ecc, corners.
    Json,
}

#[derive(Serialize)]
struct CodeOut<'a> {
    ok: bool,
    text: Option<&'a str>,
    bytes_hex: String,
    charset: &'static str,
    version: u8,
    ecc: char,
    corners: [image::Point; 4],
}

#[derive(Serialize)]
struct ErrOut<'a> {
    ok: bool,
    error: ErrBody<'a>,
}

#[derive(Serialize)]
struct ErrBody<'a> {
    code: &'a str,
    message: String,
    message_vi: String,
}

pub(crate) fn run(args: &DecodeArgs) -> io::Result<bool> {
    let found = match read_photo(&args.photo).and_then(|img| {
        let (w, h) = (img.width(), img.height());
        image::decode_rgba(img.as_raw(), w, h, 4 * w as usize).map_err(|e| ErrBody {
            code: e.code(),
            message: e.message(),
            message_vi: e.message_vi(),
        })
    }) {
        Ok(found) => found,
        Err(error) => {
            let mut out = io::stdout().lock();
            serde_json::to_writer(&mut out, &ErrOut { ok: false, error })?;
            out.write_all(b"\n")?;
            return Ok(false);
        }
    };
    let texts = || {
        found
            .iter()
            .filter_map(|f| f.text().map(str::to_owned))
            .collect::<Vec<_>>()
    };
    if args.cccd {
        return crate::run_cccd(&CccdArgs {
            payload: texts(),
            sample: false,
            as_of: args.as_of,
            format: Format::Json,
            mask: args.mask,
            errors_only: false,
            cmnd: None,
        });
    }
    if args.dossier {
        return dossier::decode_payloads(&texts(), args.mask);
    }
    let mut out = io::stdout().lock();
    let mut all_text = true;
    for f in &found {
        match args.format {
            Output::Text => match f.text() {
                Some(t) => writeln!(out, "{t}")?,
                None => {
                    all_text = false;
                    eprintln!(
                        "motcua: a code holds {} bytes that are not UTF-8 text; use --format json for its bytes / mã QR chứa dữ liệu không phải văn bản UTF-8",
                        f.bytes().len()
                    );
                }
            },
            Output::Json => {
                serde_json::to_writer(&mut out, &code_out(f))?;
                out.write_all(b"\n")?;
            }
        }
    }
    Ok(all_text)
}

fn code_out(f: &Found) -> CodeOut<'_> {
    CodeOut {
        ok: true,
        text: f.text(),
        bytes_hex: f.bytes().iter().map(|b| format!("{b:02x}")).collect(),
        charset: f.charset().name(),
        version: f.version(),
        ecc: f.ecc().letter(),
        corners: f.corners(),
    }
}

/// Reads a PNG or JPEG (by content, not name) as RGBA.
fn read_photo(path: &std::path::Path) -> Result<::image::RgbaImage, ErrBody<'static>> {
    let bytes = std::fs::read(path).map_err(|e| ErrBody {
        code: "file_read",
        message: format!("cannot read {}: {e}", path.display()),
        message_vi: format!("Không đọc được tệp {}", path.display()),
    })?;
    let mut reader = ::image::ImageReader::new(io::Cursor::new(bytes));
    reader = reader.with_guessed_format().map_err(|_| format_error())?;
    let mut limits = ::image::Limits::default();
    limits.max_image_width = Some(image::MAX_SIDE);
    limits.max_image_height = Some(image::MAX_SIDE);
    limits.max_alloc = Some(4 * image::MAX_PIXELS + (64 << 20));
    reader.limits(limits);
    let img = reader.decode().map_err(|e| match e {
        ::image::ImageError::Limits(_) => {
            let (en, vi) = image::Error::code_message("image_too_large").unwrap_or_default();
            ErrBody {
                code: "image_too_large",
                message: en,
                message_vi: vi,
            }
        }
        _ => format_error(),
    })?;
    Ok(img.into_rgba8())
}

fn format_error() -> ErrBody<'static> {
    ErrBody {
        code: "image_format",
        message: "the file is not a readable PNG or JPEG image".into(),
        message_vi: "Tệp không phải ảnh PNG hoặc JPEG đọc được".into(),
    }
}
