//! `motcua decode PHOTO`: the QR codes in a photo or screenshot (PNG, JPEG),
//! printed as text, as JSON, or parsed as a CCCD or dossier QR in one go.

use std::io::{self, Write};
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;
use motcua::image::{self, Found};
use serde::Serialize;

use crate::{dossier, files, CccdArgs, Format};

#[derive(clap::Args)]
pub(crate) struct DecodeArgs {
    /// The photo: PNG, JPEG or WebP (a phone photo, a webcam frame, a scan,
    /// a picture sent by Zalo). Several photos, or folders (read for
    /// .png/.jpg/.jpeg/.webp files, subfolders too): a batch, one JSON line
    /// per file (or, with --cccd --format csv|xlsx, the register), with a
    /// progress bar on a terminal.
    #[arg(value_name = "PHOTO", required = true)]
    pub(crate) photos: Vec<PathBuf>,
    /// Parse each code as a CCCD QR (same output as `motcua cccd`).
    #[arg(long, conflicts_with = "dossier")]
    pub(crate) cccd: bool,
    /// Parse each code as a dossier QR (same output as `motcua dossier decode`).
    #[arg(long)]
    pub(crate) dossier: bool,
    /// With --cccd: reference date for expiry checks, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", requires = "cccd")]
    pub(crate) as_of: Option<NaiveDate>,
    /// With --cccd or --dossier: mask ID numbers (and, for cards, name and address).
    #[arg(long)]
    pub(crate) mask: bool,
    /// With --dossier: accept only codes that link to this lookup page
    /// (repeatable; a URL ending in `/` accepts its whole site).
    #[arg(long, value_name = "URL", requires = "dossier")]
    pub(crate) allow_base: Vec<String>,
    /// What to print for each code: text or json (one photo, without
    /// --cccd/--dossier); a batch is JSON lines, or with --cccd the
    /// register as csv or xlsx.
    #[arg(long, value_enum, default_value_t = Output::Text)]
    pub(crate) format: Output,
    /// Photos read at once in a batch (default: the machine's cores).
    #[arg(long, value_name = "N")]
    pub(crate) jobs: Option<std::num::NonZeroUsize>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Output {
    /// The payload text, one code per line.
    Text,
    /// One JSON object per code: text, bytes (hex), charset, version, ecc, corners.
    Json,
    /// With --cccd: the register (sổ theo dõi) as CSV, a row per code.
    Csv,
    /// With --cccd: the register as an Excel workbook (to a file or a pipe).
    Xlsx,
}

/// The core's shape of a code ([`Found`]'s `Serialize`), with `ok` and
/// the payload bytes in hex.
#[derive(Serialize)]
pub(crate) struct CodeOut<'a> {
    ok: bool,
    #[serde(flatten)]
    found: &'a Found,
    bytes_hex: String,
}

#[derive(Serialize)]
struct ErrOut<'a> {
    ok: bool,
    error: ErrBody<'a>,
}

#[derive(Serialize)]
pub(crate) struct ErrBody<'a> {
    pub(crate) code: &'a str,
    pub(crate) message: String,
    pub(crate) message_vi: String,
}

/// Reads the codes of one photo file.
pub(crate) fn read_codes(path: &std::path::Path) -> Result<Vec<Found>, ErrBody<'static>> {
    read_photo(path).and_then(|img| {
        let found = match &img {
            Pixels::Gray(g) => image::decode_gray(g.as_raw(), g.width(), g.height(), g.width() as usize),
            Pixels::Rgba(c) => image::decode_rgba(c.as_raw(), c.width(), c.height(), 4 * c.width() as usize),
        };
        found.map_err(|e| ErrBody {
            code: e.code(),
            message: e.message(),
            message_vi: e.message_vi(),
        })
    })
}

pub(crate) fn run(args: &DecodeArgs) -> io::Result<bool> {
    let batch = args.photos.len() > 1 || args.photos.iter().any(|p| p.is_dir());
    if batch || matches!(args.format, Output::Csv | Output::Xlsx) {
        return crate::batch::run(args);
    }
    let Some(photo) = args.photos.first() else {
        return Ok(false);
    };
    let found = match read_codes(photo) {
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
        return dossier::decode_payloads(&texts(), args.mask, &args.allow_base);
    }
    let mut out = io::stdout().lock();
    let mut all_text = true;
    for f in &found {
        match args.format {
            Output::Text => match f.text() {
                // A code may hold ESC/OSC sequences that would retitle or
                // rewrite the terminal: control characters are escaped.
                Some(t) => writeln!(out, "{}", motcua::text::escape_controls(t))?,
                None => {
                    all_text = false;
                    eprintln!(
                        "motcua: a code holds {} bytes that are not UTF-8 text; use --format json for its bytes / mã QR chứa dữ liệu không phải văn bản UTF-8",
                        f.bytes().len()
                    );
                }
            },
            // (A batch's formats: run() sent them to batch::run.)
            Output::Json | Output::Csv | Output::Xlsx => {
                // DEL, C1 controls and invisible characters \u-escaped
                // too: the line is safe to print.
                let json = serde_json::to_string(&code_out(f))?;
                writeln!(out, "{}", motcua::text::escape_json_controls(&json))?;
            }
        }
    }
    Ok(all_text)
}

pub(crate) fn code_out(f: &Found) -> CodeOut<'_> {
    CodeOut {
        ok: true,
        found: f,
        bytes_hex: f.bytes().iter().map(|b| format!("{b:02x}")).collect(),
    }
}

/// A decoded photo: grey, or RGBA when it has transparency.
enum Pixels {
    Gray(::image::GrayImage),
    Rgba(::image::RgbaImage),
}

/// A JPEG needs some bytes per pixel even for a blank page (≥ 1 byte per
/// 8×8 block in practice); one much smaller than its header's size is
/// truncated or forged, and decoding it would only fill memory.
const MIN_JPEG_BYTES_PER_MPX: u64 = 256;

/// Reads a PNG, JPEG or WebP (by content, not name), at most
/// [`files::MAX_PHOTO_BYTES`]; the size in the header is checked against
/// the reader's limits before anything is decoded (a small file claiming a
/// huge image costs nothing).
fn read_photo(path: &std::path::Path) -> Result<Pixels, ErrBody<'static>> {
    let bytes = files::read_capped(files::Input::File(path), files::MAX_PHOTO_BYTES, "PHOTO").map_err(|e| ErrBody {
        code: e.code,
        message: e.message,
        message_vi: e.message_vi,
    })?;
    let len = bytes.len() as u64;
    let reader = ::image::ImageReader::new(io::Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|_| format_error())?;
    let format = reader.format().ok_or_else(format_error)?;
    let (w, h) = reader.into_dimensions().map_err(|_| format_error())?;
    let too_large = |w: u32, h: u32| {
        let e = image::Error::TooLarge {
            width: w,
            height: h,
            max_side: image::MAX_SIDE,
            max_pixels: image::MAX_PIXELS,
        };
        ErrBody {
            code: e.code(),
            message: e.message(),
            message_vi: e.message_vi(),
        }
    };
    let pixels = u64::from(w) * u64::from(h);
    if w > image::MAX_SIDE || h > image::MAX_SIDE || pixels > image::MAX_PIXELS {
        return Err(too_large(w, h));
    }
    if format == ::image::ImageFormat::Jpeg && pixels >= 1 << 22 && len * (1 << 20) < pixels * MIN_JPEG_BYTES_PER_MPX {
        return Err(truncated_error());
    }
    let mut reader = ::image::ImageReader::with_format(io::Cursor::new(&bytes), format);
    let mut limits = ::image::Limits::default();
    limits.max_image_width = Some(image::MAX_SIDE);
    limits.max_image_height = Some(image::MAX_SIDE);
    limits.max_alloc = Some(4 * image::MAX_PIXELS + (64 << 20));
    reader.limits(limits);
    let img = reader.decode().map_err(|e| match e {
        ::image::ImageError::Limits(_) => too_large(w, h),
        _ => format_error(),
    })?;
    drop(bytes);
    // Grey unless there is an alpha channel (transparent = white paper):
    // a 36-megapixel colour JPEG then costs its RGB buffer and a grey copy,
    // not an RGBA one as well.
    Ok(if img.color().has_alpha() {
        Pixels::Rgba(img.into_rgba8())
    } else {
        Pixels::Gray(img.into_luma8())
    })
}

fn format_error() -> ErrBody<'static> {
    ErrBody {
        code: "image_format",
        message: "the file is not a readable PNG, JPEG or WebP image".into(),
        message_vi: "Tệp không phải ảnh PNG, JPEG hoặc WebP đọc được".into(),
    }
}

fn truncated_error() -> ErrBody<'static> {
    ErrBody {
        code: "image_format",
        message: "the file is not a readable PNG, JPEG or WebP image: it is far smaller than an image of the size its header gives (truncated or forged)".into(),
        message_vi: "Tệp không phải ảnh PNG, JPEG hoặc WebP đọc được: tệp nhỏ hơn nhiều so với kích thước ảnh ghi trong tệp (bị cắt cụt hoặc giả mạo)".into(),
    }
}
