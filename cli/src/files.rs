//! Reading inputs with a size cap, writing outputs safely, and the CLI's own
//! errors. Messages name the argument (`PHOTO`, `--out`), never its value:
//! a file name is often a citizen's name or ID number.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

use serde::Serialize;

/// The largest photo `motcua decode` reads (a 40-megapixel PNG is ~60 MB).
pub(crate) const MAX_PHOTO_BYTES: u64 = 100 << 20;
/// The largest procedure list `motcua poster` reads (thousands of rows are
/// well under 1 MB).
pub(crate) const MAX_CSV_BYTES: u64 = 16 << 20;
/// The largest JSON record `motcua dossier encode` reads on stdin.
pub(crate) const MAX_JSON_BYTES: u64 = 1 << 20;

/// An error of the CLI itself (not of the library), in the library's JSON
/// shape `{code, message, message_vi}`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CliError {
    pub code: &'static str,
    pub message: String,
    pub message_vi: String,
}

impl CliError {
    /// Prints `motcua: <code>: English / Vietnamese` on stderr; `Ok(false)`.
    pub(crate) fn report(&self) -> io::Result<bool> {
        eprintln!("motcua: {}: {} / {}", self.code, self.message, self.message_vi);
        Ok(false)
    }
}

/// Where an input comes from.
#[derive(Clone, Copy)]
pub(crate) enum Input<'p> {
    Stdin,
    File(&'p Path),
}

impl<'p> Input<'p> {
    /// `-` is stdin.
    pub(crate) fn of(path: &'p Path) -> Self {
        if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::File(path)
        }
    }
}

/// Reads at most `max` bytes of `input`; more is `input_too_large`, and
/// nothing beyond `max + 1` bytes is ever read or held (a device such as
/// /dev/zero included). `arg` names the argument in messages.
pub(crate) fn read_capped(input: Input<'_>, max: u64, arg: &str) -> Result<Vec<u8>, CliError> {
    let mut buf = Vec::new();
    let read = match input {
        Input::Stdin => io::stdin().lock().take(max + 1).read_to_end(&mut buf),
        Input::File(path) => fs::File::open(path).and_then(|f| f.take(max + 1).read_to_end(&mut buf)),
    };
    if let Err(e) = read {
        return Err(file_read(arg, &e));
    }
    if buf.len() as u64 > max {
        return Err(too_large(arg, max));
    }
    Ok(buf)
}

/// `input_too_large`: more than `max` bytes.
pub(crate) fn too_large(arg: &str, max: u64) -> CliError {
    let mib = max >> 20;
    let (en, vi) = if mib > 0 {
        (format!("{mib} MiB"), format!("{mib} MiB"))
    } else {
        (format!("{} KiB", max >> 10), format!("{} KiB", max >> 10))
    };
    CliError {
        code: "input_too_large",
        message: format!("the input {arg} is larger than {en}, the most read"),
        message_vi: format!("Dữ liệu vào {arg} lớn hơn {vi}, mức tối đa được đọc"),
    }
}

/// `file_read`: the input could not be read; the message gives the kind of
/// failure (not found, permission denied…), not the path.
pub(crate) fn file_read(arg: &str, e: &io::Error) -> CliError {
    let kind = e.kind();
    let vi = match kind {
        io::ErrorKind::NotFound => "không tìm thấy tệp",
        io::ErrorKind::PermissionDenied => "không có quyền đọc",
        io::ErrorKind::IsADirectory => "đây là thư mục",
        _ => "lỗi đọc",
    };
    CliError {
        code: "file_read",
        message: format!("cannot read {arg}: {kind}"),
        message_vi: format!("Không đọc được {arg}: {vi}"),
    }
}

/// Writes `bytes` to `path` through a temporary file created exclusively
/// (a fresh random name, never following a symlink) in the same folder,
/// then renamed over `path` — which replaces a symlink at `path` rather
/// than writing through it. On any failure the temporary file is removed,
/// so no copy of the content is left behind.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".motcua-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Prints a library error as `motcua: <code>: English / Vietnamese`; `Ok(false)`.
pub(crate) fn report(code: &str, message: &str, message_vi: &str) -> io::Result<bool> {
    eprintln!("motcua: {code}: {message} / {message_vi}");
    Ok(false)
}

/// [`report`] for a print-module error.
pub(crate) fn report_print(e: &motcua::print::Error) -> io::Result<bool> {
    report(e.code(), &e.message(), &e.message_vi())
}
