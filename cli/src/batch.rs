//! `motcua decode` over a batch (#23): several photos or folders (a batch
//! of citizens' uploads), read on several threads, one JSON line per file
//! in the order given (folders sorted by name), or with `--cccd --format
//! csv|xlsx` the register, a row per code; a progress bar on a terminal.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use motcua::cccd;
use motcua::dossier;
use motcua::image::Found;
use motcua::print::register::{CsvRegister, Entry, Outcome, XlsxRegister};
use serde::Serialize;

use crate::decode::{code_out, read_codes, CodeOut, DecodeArgs, ErrBody, Output};
use crate::dossier::{AnyError, Decoded, Failure};

/// The extensions a folder is read for.
const PHOTO_EXTENSIONS: [&str; 4] = ["png", "jpg", "jpeg", "webp"];

/// Every photo under `path` (sorted; symlinks not followed: a batch folder
/// of uploads should not lead elsewhere).
fn walk(path: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(path)?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let Ok(kind) = e.file_type() else { continue };
        let p = e.path();
        if kind.is_dir() {
            walk(&p, out)?;
        } else if kind.is_file()
            && p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| PHOTO_EXTENSIONS.iter().any(|e| x.eq_ignore_ascii_case(e)))
        {
            out.push(p);
        }
    }
    Ok(())
}

/// A card in `cards`: the line `motcua cccd` prints for it.
#[derive(Serialize)]
#[serde(untagged)]
enum CardOut<'a> {
    Read(crate::OkLine<'a, 'a>),
    Refused(crate::ErrLine<'a>),
}

/// A dossier in `dossiers`: the line `motcua dossier decode` prints for it.
#[derive(Serialize)]
#[serde(untagged)]
enum DossierOut<'a> {
    Read(Decoded<'a>),
    Refused(Failure<'a>),
}

#[derive(Serialize)]
struct FileCodes<'a> {
    file: &'a str,
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    codes: Option<Vec<CodeOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cards: Option<Vec<CardOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dossiers: Option<Vec<DossierOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a ErrBody<'static>>,
}

impl<'a> FileCodes<'a> {
    fn new(file: &'a str, ok: bool) -> Self {
        FileCodes {
            file,
            ok,
            codes: None,
            cards: None,
            dossiers: None,
            error: None,
        }
    }

    /// Writes the line (controls escaped: safe to print).
    fn write(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(
            out,
            "{}",
            motcua::text::escape_json_controls(&serde_json::to_string(self)?)
        )
    }
}

/// What the batch writes to.
enum Sink {
    Json,
    Csv(CsvRegister<Vec<u8>>),
    Xlsx(Box<XlsxRegister>),
}

pub(crate) fn run(args: &DecodeArgs) -> io::Result<bool> {
    if matches!(args.format, Output::Csv | Output::Xlsx) && !args.cccd {
        eprintln!("motcua: --format csv|xlsx is the register of CCCD scans: add --cccd / cần thêm --cccd");
        return Ok(false);
    }
    if args.format == Output::Xlsx && io::stdout().is_terminal() {
        eprintln!(
            "motcua: --format xlsx writes a workbook: redirect it to a file (> so.xlsx) / chuyển kết quả vào một tệp"
        );
        return Ok(false);
    }
    let mut files = Vec::new();
    for p in &args.photos {
        if p.is_dir() {
            walk(p, &mut files)?;
        } else {
            files.push(p.clone());
        }
    }
    if files.is_empty() {
        eprintln!("motcua: no .png, .jpg, .jpeg or .webp file in the folders given / không có tệp ảnh trong thư mục");
        return Ok(false);
    }
    let mut sink = match args.format {
        Output::Csv => Sink::Csv(CsvRegister::new(Vec::with_capacity(1 << 16), args.mask)?),
        Output::Xlsx => match XlsxRegister::new(args.mask) {
            Ok(x) => Sink::Xlsx(Box::new(x)),
            Err(e) => return crate::files::report_print(&e),
        },
        _ => Sink::Json,
    };
    let jobs = args
        .jobs
        .map(std::num::NonZeroUsize::get)
        .or_else(|| {
            std::thread::available_parallelism()
                .ok()
                .map(std::num::NonZeroUsize::get)
        })
        .unwrap_or(1)
        .clamp(1, files.len());
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(files.len() as u64),
        if io::stderr().is_terminal() {
            indicatif::ProgressDrawTarget::stderr()
        } else {
            indicatif::ProgressDrawTarget::hidden()
        },
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} ảnh / photos · {msg} · {elapsed} (còn ~{eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut all_ok = true;
    let mut read = 0usize;
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, Result<Vec<Found>, ErrBody<'static>>)>(jobs * 2);
    let as_of = args.as_of.unwrap_or_else(cccd::today_vn);
    std::thread::scope(|s| -> io::Result<()> {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (files, next) = (&files, &next);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                if tx.send((i, read_codes(path))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        // Results in the order of the files: those that come early wait here.
        let mut pending = BTreeMap::new();
        let mut emitted = 0usize;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&emitted) {
                let name = files
                    .get(emitted)
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let ok = emit(&mut out, &mut sink, args, as_of, &name, &result)?;
                all_ok &= ok;
                read += usize::from(result.as_ref().is_ok_and(|f| !f.is_empty()));
                emitted += 1;
                bar.inc(1);
                bar.set_message(format!("{read} có mã / with a code"));
            }
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    match sink {
        Sink::Json => {}
        Sink::Csv(c) => out.write_all(&c.finish()?)?,
        Sink::Xlsx(x) => match x.finish() {
            Ok(bytes) => out.write_all(&bytes)?,
            Err(e) => return crate::files::report_print(&e),
        },
    }
    out.flush()?;
    eprintln!(
        "motcua: {} ảnh, {read} có mã QR đọc được / {} photos, {read} with a code read",
        files.len(),
        files.len()
    );
    Ok(all_ok)
}

/// Writes one file's result; whether it read (and, with --cccd or
/// --dossier, every code was valid).
fn emit(
    out: &mut impl Write,
    sink: &mut Sink,
    args: &DecodeArgs,
    as_of: chrono::NaiveDate,
    name: &str,
    result: &Result<Vec<Found>, ErrBody<'static>>,
) -> io::Result<bool> {
    let found = match result {
        Ok(f) => f,
        Err(error) => {
            match sink {
                Sink::Json => {
                    FileCodes {
                        error: Some(error),
                        ..FileCodes::new(name, false)
                    }
                    .write(out)?;
                }
                Sink::Csv(_) | Sink::Xlsx(_) => {
                    // A photo without a code is a row too, with its error.
                    register_row(out, sink, name, None, Some(error))?;
                }
            }
            return Ok(false);
        }
    };
    let texts = || found.iter().map(|f| f.text().unwrap_or_default());
    if args.cccd {
        let repaired: Vec<_> = texts().map(cccd::repair).collect();
        let parsed: Vec<_> = repaired
            .iter()
            .map(|r| {
                let card = r.as_ref().map_err(|e| *e).and_then(|r| r.parse_as_of(as_of));
                (card, r.as_ref().map(|r| r.repairs()).unwrap_or_default())
            })
            .collect();
        let ok = parsed.iter().all(|(card, _)| card.is_ok()) && !found.is_empty();
        match sink {
            Sink::Json => {
                let cards = parsed
                    .iter()
                    .map(|(card, repairs)| match card {
                        Ok(card) => CardOut::Read(crate::OkLine {
                            ok: true,
                            line: None,
                            sample: None,
                            report: cccd::Report {
                                card,
                                repairs: *repairs,
                                cmnd_link: None,
                                masked: args.mask,
                            },
                        }),
                        Err(error) => CardOut::Refused(crate::ErrLine {
                            ok: false,
                            line: None,
                            sample: None,
                            error,
                        }),
                    })
                    .collect();
                FileCodes {
                    cards: Some(cards),
                    ..FileCodes::new(name, ok)
                }
                .write(out)?;
            }
            Sink::Csv(_) | Sink::Xlsx(_) => {
                for (card, repairs) in &parsed {
                    let outcome = match card {
                        Ok(card) => Outcome::Card(card, *repairs),
                        Err(e) => Outcome::Refused(e),
                    };
                    register_row(out, sink, name, Some(outcome), None)?;
                }
            }
        }
        return Ok(ok);
    }
    if args.dossier {
        let allowed: Vec<&str> = args.allow_base.iter().map(String::as_str).collect();
        let opts = dossier::DecodeOptions {
            allowed_bases: &allowed,
        };
        let decoded: Vec<_> = texts()
            .map(|t| {
                dossier::decode_with(t, &opts)
                    .map(|mut record| {
                        if args.mask {
                            record.applicant = record.applicant.map(|a| a.masked());
                        }
                        record
                    })
                    .map_err(AnyError::Dossier)
            })
            .collect();
        let ok = decoded.iter().all(Result::is_ok);
        let dossiers = decoded
            .iter()
            .map(|d| match d {
                Ok(record) => DossierOut::Read(Decoded {
                    ok: true,
                    line: None,
                    record,
                }),
                Err(error) => DossierOut::Refused(Failure {
                    ok: false,
                    line: None,
                    error,
                }),
            })
            .collect();
        FileCodes {
            dossiers: Some(dossiers),
            ..FileCodes::new(name, ok)
        }
        .write(out)?;
        return Ok(ok);
    }
    FileCodes {
        codes: Some(found.iter().map(code_out).collect()),
        ..FileCodes::new(name, true)
    }
    .write(out)?;
    Ok(true)
}

/// One register row: a card, a refused code, or a photo without a code.
fn register_row(
    out: &mut impl Write,
    sink: &mut Sink,
    name: &str,
    outcome: Option<Outcome<'_, '_>>,
    photo_error: Option<&ErrBody<'static>>,
) -> io::Result<()> {
    let entry = Entry {
        line: None,
        file: Some(name),
        scanned_at: None,
        dossier: None,
        outcome: match (outcome, photo_error) {
            (Some(o), _) => o,
            (None, Some(e)) => Outcome::NoCode {
                code: e.code,
                message_vi: &e.message_vi,
            },
            (None, None) => return Ok(()),
        },
    };
    match sink {
        Sink::Csv(c) => c.push(&entry)?,
        Sink::Xlsx(x) => x.push(&entry).map_err(io::Error::other)?,
        Sink::Json => {}
    }
    flush_csv(out, sink)
}

/// Hands on what the CSV register has gathered, 64 KiB at a time.
fn flush_csv(out: &mut impl Write, sink: &mut Sink) -> io::Result<()> {
    if let Sink::Csv(c) = sink {
        if c.get_mut().len() >= 1 << 16 {
            let chunk = std::mem::take(c.get_mut());
            out.write_all(&chunk)?;
        }
    }
    Ok(())
}
