//! Python bindings of [`motcua`] (PyO3, stable ABI): the extension module
//! `motcua._motcua`, which `py/python/motcua/__init__.py` re-exports.
//!
//! Thin, like the npm package: each function turns Python arguments into
//! the core's types, calls the core and turns the answer into plain dicts
//! and lists whose keys are the CLI's JSON contract (`serde` on the core
//! types, through `pythonize`). Errors are raised as `MotcuaError` with the
//! core's stable `code`, `message`, `message_vi` (and `field`, `row` where
//! the error names one); like the core's messages they never contain the
//! input's text.
#![deny(missing_docs)]

use chrono::{DateTime, FixedOffset, NaiveDate};
use motcua::cccd::{self, Repair};
use motcua::{dossier, image, print, qr};
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use serde::Serialize;

pyo3::create_exception!(
    _motcua,
    MotcuaError,
    PyException,
    "An error of the motcua library: `code` (stable), `message` (English), `message_vi` (Vietnamese), and `field` / `row` when it names one."
);

/// A `MotcuaError` with its attributes.
fn error(py: Python<'_>, code: &str, message: &str, message_vi: &str, field: Option<&str>, row: Option<u64>) -> PyErr {
    let err = MotcuaError::new_err(message.to_owned());
    let value = err.value(py);
    // Setting attributes on a fresh exception instance does not fail.
    let _ = value.setattr("code", code);
    let _ = value.setattr("message", message);
    let _ = value.setattr("message_vi", message_vi);
    let _ = value.setattr("field", field);
    let _ = value.setattr("row", row);
    err
}

fn cccd_error(py: Python<'_>, e: cccd::Error) -> PyErr {
    error(py, e.code(), &e.to_string(), &e.message_vi(), None, None)
}

fn dossier_error(py: Python<'_>, e: dossier::Error) -> PyErr {
    error(
        py,
        e.code(),
        &e.message(),
        &e.message_vi(),
        e.field().map(dossier::Field::name),
        None,
    )
}

fn qr_error(py: Python<'_>, e: qr::Error) -> PyErr {
    error(py, e.code(), &e.message(), &e.message_vi(), None, None)
}

fn image_error(py: Python<'_>, e: image::Error) -> PyErr {
    error(py, e.code(), &e.message(), &e.message_vi(), None, None)
}

/// A print error: a dossier payload's own error when the sheet's dossier
/// QR is invalid; otherwise with `field` (the CSV column) and `row`.
fn print_error(py: Python<'_>, e: print::Error) -> PyErr {
    if let print::Error::Dossier(d) = e {
        return dossier_error(py, d);
    }
    let field = e.field().map(print::Column::name);
    error(py, e.code(), &e.message(), &e.message_vi(), field, e.row())
}

/// The binding's own error: an argument of the wrong value or shape. The
/// message names the argument, not its value (which may be personal data).
fn invalid_argument(py: Python<'_>, name: &str) -> PyErr {
    error(
        py,
        "invalid_argument",
        &format!("`{name}` is not of the expected type or shape (see the type stubs)"),
        &format!("Tham số `{name}` không đúng kiểu hoặc cấu trúc (xem type stubs)"),
        None,
        None,
    )
}

/// The binding's own codes and their messages (for `error_message`).
const BINDING_CODES: [(&str, &str, &str); 1] = [(
    "invalid_argument",
    "an argument is not of the expected type or shape (see the type stubs)",
    "Tham số không đúng kiểu hoặc cấu trúc (xem type stubs)",
)];

/// A core value as plain Python objects (dicts, lists, str, int, bool, None).
fn to_py<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value).map_err(|_| invalid_argument(py, "result"))
}

/// Text or UTF-8 bytes (what a serial port or a file gives). Bytes that are
/// not UTF-8 reach the core, which reports them.
#[derive(FromPyObject)]
enum TextOrBytes {
    Text(String),
    Bytes(Vec<u8>),
}

impl TextOrBytes {
    fn as_bytes(&self) -> &[u8] {
        match self {
            TextOrBytes::Text(s) => s.as_bytes(),
            TextOrBytes::Bytes(b) => b,
        }
    }
}

/// The library's version.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

// ------------------------------------------------------------------ cards

/// Parses a card and serialises the report (`cccd::Report`'s shape).
#[allow(clippy::too_many_arguments)]
fn card_report(
    py: Python<'_>,
    input: &[u8],
    strict: bool,
    as_of: Option<NaiveDate>,
    cmnd: Option<&str>,
    masked: bool,
) -> PyResult<Py<PyAny>> {
    let as_of = as_of.unwrap_or_else(cccd::today_vn);
    let repaired;
    let (card, repairs) = if strict {
        let text = std::str::from_utf8(input).map_err(|_| cccd_error(py, cccd::Error::NotUtf8))?;
        (cccd::parse_as_of(text, as_of), cccd::Repairs::default())
    } else {
        repaired = cccd::repair_bytes(input).map_err(|e| cccd_error(py, e))?;
        (repaired.parse_as_of(as_of), repaired.repairs())
    };
    let card = card.map_err(|e| cccd_error(py, e))?;
    let cmnd_link = cmnd
        .map(|c| card.cmnd_link(c))
        .transpose()
        .map_err(|e| cccd_error(py, e))?;
    let report = cccd::Report {
        card: &card,
        repairs,
        cmnd_link,
        masked,
    };
    Ok(to_py(py, &report)?.unbind())
}

/// Strict parse of a clean payload: a payload that needs a scanner repair
/// is refused (`needs_repair`). `as_of` defaults to today in Vietnam;
/// `cmnd` adds `cmnd_link`.
#[pyfunction]
#[pyo3(signature = (payload, *, as_of = None, cmnd = None))]
fn parse_card(
    py: Python<'_>,
    payload: TextOrBytes,
    as_of: Option<NaiveDate>,
    cmnd: Option<&str>,
) -> PyResult<Py<PyAny>> {
    card_report(py, payload.as_bytes(), true, as_of, cmnd, false)
}

/// The scanner path: repairs what keyboard-wedge scanners break (BOM,
/// trailing CR/LF/TAB, UTF-8 typed as Windows-1252, NFD), lists each
/// repair in `repairs`, then parses and validates. `masked=True` gives the
/// copy that leaves the office.
#[pyfunction]
#[pyo3(signature = (scan, *, as_of = None, cmnd = None, masked = false))]
fn scan_card(
    py: Python<'_>,
    scan: TextOrBytes,
    as_of: Option<NaiveDate>,
    cmnd: Option<&str>,
    masked: bool,
) -> PyResult<Py<PyAny>> {
    card_report(py, scan.as_bytes(), false, as_of, cmnd, masked)
}

/// One row of `scan_cards`: the report with `ok: True`, or `ok: False` and
/// the error.
#[derive(Serialize)]
#[serde(untagged)]
enum Row<'c, 'a> {
    Ok {
        ok: bool,
        #[serde(flatten)]
        report: cccd::Report<'c, 'a>,
    },
    Err {
        ok: bool,
        error: cccd::Error,
    },
}

/// The scanner path over each item of `scans` (str or bytes; `None` is an
/// empty scan): `row` gets the card or its error, and the repairs.
fn each_scan(
    scans: &Bound<'_, PyAny>,
    as_of: NaiveDate,
    mut row: impl FnMut(Result<&cccd::Card<'_>, cccd::Error>, cccd::Repairs) -> PyResult<()>,
) -> PyResult<()> {
    for item in scans.try_iter()? {
        let item = item?;
        let input: Option<TextOrBytes> = if item.is_none() { None } else { Some(item.extract()?) };
        let repaired = cccd::repair_bytes(input.as_ref().map_or(&[][..], TextOrBytes::as_bytes));
        let parsed = repaired.as_ref().map_err(|e| *e).and_then(|r| r.parse_as_of(as_of));
        let repairs = repaired.as_ref().map(|r| r.repairs()).unwrap_or_default();
        row(parsed.as_ref().map_err(|e| *e), repairs)?;
    }
    Ok(())
}

/// `scan_card` over many scans (a column of an archive): one dict per
/// scan, `ok` first, an invalid scan is `{"ok": False, "error": {...}}`
/// instead of an exception; `None` items are errors too (`empty`). A dict
/// per scan costs ~15 µs here (the parse ~1); for a DataFrame use
/// `scan_table`, ~3 µs a scan.
#[pyfunction]
#[pyo3(signature = (scans, *, as_of = None, masked = false))]
fn scan_cards<'py>(
    py: Python<'py>,
    scans: &Bound<'py, PyAny>,
    as_of: Option<NaiveDate>,
    masked: bool,
) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    each_scan(scans, as_of.unwrap_or_else(cccd::today_vn), |parsed, repairs| {
        let row = match parsed {
            Ok(card) => Row::Ok {
                ok: true,
                report: cccd::Report {
                    card,
                    repairs,
                    cmnd_link: None,
                    masked,
                },
            },
            Err(error) => Row::Err { ok: false, error },
        };
        out.append(to_py(py, &row)?)
    })?;
    Ok(out)
}

/// The columns of `scan_table`, in order.
const TABLE_COLUMNS: [&str; 17] = [
    "ok",
    "error",
    "layout",
    "id",
    "old_id",
    "name",
    "birth_date",
    "sex",
    "address",
    "issue_date",
    "expiry_date",
    "expired",
    "province_code",
    "province",
    "born_abroad",
    "repairs",
    "warnings",
];

/// `scan_card` over a column, as columns: a dict of 17 equally long lists
/// (`ok`, `error` (the code, or None), then the card's fields as the JSON
/// names them, with `repairs` and `warnings` as comma-separated codes).
/// An invalid scan's row holds None but for `ok` and `error`. Made for
/// `pandas.DataFrame(...)` / `polars.DataFrame(...)`: no dict per row.
/// `masked=True` masks as `Card.masked` does (province columns are None).
#[pyfunction]
#[pyo3(signature = (scans, *, as_of = None, masked = false))]
fn scan_table<'py>(
    py: Python<'py>,
    scans: &Bound<'py, PyAny>,
    as_of: Option<NaiveDate>,
    masked: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let none = || py.None();
    let mut cols: Vec<Vec<Py<PyAny>>> = (0..TABLE_COLUMNS.len()).map(|_| Vec::new()).collect();
    let text = |s: &str| -> Py<PyAny> { pyo3::types::PyString::new(py, s).into_any().unbind() };
    let flag = |b: bool| -> Py<PyAny> { pyo3::types::PyBool::new(py, b).to_owned().into_any().unbind() };
    // A few values recur on every row: made once.
    let (male, female) = (text("male"), text("female"));
    let (v2021, v2024) = (text("2021"), text("2024"));
    each_scan(scans, as_of.unwrap_or_else(cccd::today_vn), |parsed, repairs| {
        let row: [Py<PyAny>; 17] = match parsed {
            Err(e) => {
                let mut row: [Py<PyAny>; 17] = std::array::from_fn(|_| none());
                row[0] = flag(false);
                row[1] = text(e.code());
                row
            }
            Ok(c) => {
                let date = |d: NaiveDate| text(&d.to_string());
                let sex = match c.sex() {
                    cccd::Sex::Male => male.clone_ref(py),
                    _ => female.clone_ref(py),
                };
                let layout = match c.layout() {
                    cccd::Layout::V2021 => v2021.clone_ref(py),
                    _ => v2024.clone_ref(py),
                };
                let repairs: Vec<&str> = repairs.iter().map(Repair::code).collect();
                let warnings: Vec<&str> = c.warnings().map(cccd::Warning::code).collect();
                let (id, old_id, name, birth, address, expiry, province_code, province, abroad) = if masked {
                    let m = c.masked();
                    (
                        text(&m.id().to_string()),
                        m.old_id().map_or_else(none, |o| text(&o.to_string())),
                        text(&m.name()),
                        text(&m.birth_date().to_string()),
                        text(&m.address()),
                        m.expiry_date().map_or_else(none, |d| text(&d.to_string())),
                        none(),
                        none(),
                        none(),
                    )
                } else {
                    let id = c.id();
                    (
                        text(id.as_str()),
                        c.old_id().map_or_else(none, |o| text(o.as_str())),
                        text(c.name()),
                        date(c.birth_date()),
                        text(c.address()),
                        c.expiry_date().map_or_else(none, date),
                        text(id.province_code()),
                        id.province().map_or_else(none, |p| text(p.name)),
                        flag(id.born_abroad()),
                    )
                };
                [
                    flag(true),
                    none(),
                    layout,
                    id,
                    old_id,
                    name,
                    birth,
                    sex,
                    address,
                    date(c.issue_date()),
                    expiry,
                    flag(c.is_expired()),
                    province_code,
                    province,
                    abroad,
                    text(&repairs.join(",")),
                    text(&warnings.join(",")),
                ]
            }
        };
        for (col, v) in cols.iter_mut().zip(row) {
            col.push(v);
        }
        Ok(())
    })?;
    let out = PyDict::new(py);
    for (name, col) in TABLE_COLUMNS.iter().zip(cols) {
        out.set_item(name, PyList::new(py, col)?)?;
    }
    Ok(out)
}

/// Checks a standalone 12-digit ID number (typed into a form): digits,
/// province or country code.
#[pyfunction]
fn validate_id(py: Python<'_>, id: &str) -> PyResult<Py<PyAny>> {
    let id = cccd::validate_id(id).map_err(|e| cccd_error(py, e))?;
    Ok(to_py(py, &id.info())?.unbind())
}

/// Checks an old 9-digit CMND number (`old_id_invalid` otherwise).
#[pyfunction]
fn validate_cmnd(py: Python<'_>, cmnd: &str) -> PyResult<()> {
    cccd::validate_cmnd(cmnd).map(|_| ()).map_err(|e| cccd_error(py, e))
}

/// `*********456`: an ID number (12 digits) or CMND (9 digits) for logs
/// and copies.
#[pyfunction]
fn mask_id(py: Python<'_>, id: &str) -> PyResult<String> {
    cccd::mask_id(id).map_err(|e| cccd_error(py, e))
}

#[derive(Serialize)]
struct Sample {
    description: &'static str,
    payload: String,
}

/// Synthetic sample payloads (made-up people) as scanners deliver them.
#[pyfunction]
fn card_samples(py: Python<'_>) -> PyResult<Py<PyAny>> {
    let all: Vec<Sample> = cccd::samples()
        .into_iter()
        .map(|(description, payload)| Sample { description, payload })
        .collect();
    Ok(to_py(py, &all)?.unbind())
}

/// What a scanner set to the wrong code page types for `text` (tests and
/// demos of the repair).
#[pyfunction]
fn garble_as_windows1252(text: &str) -> String {
    cccd::garble_as_windows1252(text)
}

// ----------------------------------------------------------------- codes

/// `{"message", "message_vi"}` for any error code (library, CLI or this
/// binding's), `None` for an unknown code.
#[pyfunction]
fn error_message(py: Python<'_>, code: &str) -> PyResult<Option<Py<PyAny>>> {
    let found = motcua::code_message(code).or_else(|| {
        BINDING_CODES
            .iter()
            .find(|(c, ..)| *c == code)
            .map(|(_, en, vi)| ((*en).to_owned(), (*vi).to_owned()))
    });
    found
        .map(|(message, message_vi)| {
            let d = PyDict::new(py);
            d.set_item("message", message)?;
            d.set_item("message_vi", message_vi)?;
            Ok(d.into_any().unbind())
        })
        .transpose()
}

/// `{"message", "message_vi"}` for a repair code, `None` for an unknown one.
#[pyfunction]
fn repair_message(py: Python<'_>, code: &str) -> PyResult<Option<Py<PyAny>>> {
    Repair::ALL
        .into_iter()
        .find(|r| r.code() == code)
        .map(|r| {
            let d = PyDict::new(py);
            d.set_item("message", r.message())?;
            d.set_item("message_vi", r.message_vi())?;
            Ok(d.into_any().unbind())
        })
        .transpose()
}

/// Every error code, per module (`cccd`, `dossier`, `qr`, `print`,
/// `image`, `binding`, `cli`).
#[pyfunction]
fn error_codes(py: Python<'_>) -> PyResult<Py<PyAny>> {
    let d = PyDict::new(py);
    for (module, codes) in motcua::ERROR_CODES {
        d.set_item(module, codes.to_vec())?;
    }
    d.set_item("binding", BINDING_CODES.map(|(c, ..)| c).to_vec())?;
    d.set_item("cli", motcua::CLI_CODES.map(|(c, ..)| c).to_vec())?;
    Ok(d.into_any().unbind())
}

// --------------------------------------------------------------- dossier

/// Writes a dossier record (a dict in the shape `decode_dossier` gives) as
/// a payload v1 URL. `privacy`: `"full"`, `"masked"` or `"omitted"`.
#[pyfunction]
#[pyo3(signature = (record, *, base = None, privacy = "full"))]
fn encode_dossier(py: Python<'_>, record: &Bound<'_, PyAny>, base: Option<&str>, privacy: &str) -> PyResult<String> {
    let input: dossier::RecordInput<'_> = pythonize::depythonize(record).map_err(|_| invalid_argument(py, "record"))?;
    let record = input.into_record().map_err(|e| dossier_error(py, e))?;
    let mut opts = dossier::EncodeOptions::default();
    if let Some(base) = base {
        opts.base = base;
    }
    opts.privacy = match privacy {
        "full" => dossier::Privacy::Full,
        "masked" => dossier::Privacy::Masked,
        "omitted" => dossier::Privacy::Omitted,
        _ => return Err(invalid_argument(py, "privacy")),
    };
    dossier::encode(&record, &opts).map_err(|e| dossier_error(py, e))
}

/// Reads a dossier QR payload (a payload v1 URL, or a bare dossier code as
/// a partial record). `allowed_bases` pins the lookup pages it may link to.
#[pyfunction]
#[pyo3(signature = (payload, *, allowed_bases = Vec::new()))]
fn decode_dossier(py: Python<'_>, payload: &str, allowed_bases: Vec<String>) -> PyResult<Py<PyAny>> {
    let allowed: Vec<&str> = allowed_bases.iter().map(String::as_str).collect();
    let record = dossier::decode_with(
        payload,
        &dossier::DecodeOptions {
            allowed_bases: &allowed,
        },
    )
    .map_err(|e| dossier_error(py, e))?;
    Ok(to_py(py, &record)?.unbind())
}

/// Checks a dossier code typed into a form (`000.00.53.H48-261120-0042`).
#[pyfunction]
fn validate_dossier_code(py: Python<'_>, code: &str) -> PyResult<Py<PyAny>> {
    let c = dossier::validate_dossier_code(code).map_err(|e| dossier_error(py, e))?;
    Ok(to_py(py, &c.info())?.unbind())
}

/// Checks a procedure code (`1.001612`, `1.001612.000.00.00.H48`).
#[pyfunction]
fn validate_procedure_code(py: Python<'_>, code: &str) -> PyResult<Py<PyAny>> {
    let p = dossier::validate_procedure_code(code).map_err(|e| dossier_error(py, e))?;
    Ok(to_py(py, &p.info())?.unbind())
}

/// Checks an applicant identifier (a 12-digit ID, a tax code or a unit
/// code; a masked one is refused).
#[pyfunction]
fn validate_applicant(py: Python<'_>, applicant: &str) -> PyResult<Py<PyAny>> {
    let a = dossier::validate_applicant(applicant).map_err(|e| dossier_error(py, e))?;
    Ok(to_py(py, &a.info())?.unbind())
}

/// A synthetic receipt record for demos and tests.
#[pyfunction]
fn sample_receipt(py: Python<'_>) -> PyResult<Py<PyAny>> {
    Ok(to_py(py, &dossier::sample_receipt())?.unbind())
}

// -------------------------------------------------------------------- QR

fn qr_code(
    py: Python<'_>,
    text: &str,
    ecc: &str,
    min_version: u8,
    max_version: u8,
    boost_ecc: bool,
) -> PyResult<qr::Qr> {
    let ecc = match ecc {
        "L" => qr::Ecc::Low,
        "M" => qr::Ecc::Medium,
        "Q" => qr::Ecc::Quartile,
        "H" => qr::Ecc::High,
        _ => return Err(invalid_argument(py, "ecc")),
    };
    let opts = qr::QrOptions {
        ecc,
        boost_ecc,
        min_version,
        max_version,
    };
    qr::encode(text, &opts).map_err(|e| qr_error(py, e))
}

/// A QR code of `text` (optimal segments, the smallest version that fits)
/// as an SVG document.
#[pyfunction]
#[pyo3(signature = (text, *, ecc = "M", min_version = 1, max_version = 40, boost_ecc = true, quiet_zone = 4, caption = None, width = None))]
#[allow(clippy::too_many_arguments)]
fn qr_svg(
    py: Python<'_>,
    text: &str,
    ecc: &str,
    min_version: u8,
    max_version: u8,
    boost_ecc: bool,
    quiet_zone: u32,
    caption: Option<&str>,
    width: Option<&str>,
) -> PyResult<String> {
    if quiet_zone > qr::MAX_QUIET_ZONE {
        return Err(invalid_argument(py, "quiet_zone"));
    }
    let code = qr_code(py, text, ecc, min_version, max_version, boost_ecc)?;
    Ok(code.to_svg(&qr::SvgOptions {
        quiet_zone,
        caption,
        width,
    }))
}

/// A QR code of `text` as PNG bytes, `scale` pixels per module.
#[pyfunction]
#[pyo3(signature = (text, *, scale = 8, ecc = "M", min_version = 1, max_version = 40, boost_ecc = true))]
fn qr_png<'py>(
    py: Python<'py>,
    text: &str,
    scale: u32,
    ecc: &str,
    min_version: u8,
    max_version: u8,
    boost_ecc: bool,
) -> PyResult<Bound<'py, PyBytes>> {
    let code = qr_code(py, text, ecc, min_version, max_version, boost_ecc)?;
    let png = code.to_png(scale).map_err(|e| qr_error(py, e))?;
    Ok(PyBytes::new(py, &png))
}

/// A QR code's modules, for drawing it yourself: `{"size", "version",
/// "ecc", "modules"}`, `modules` as `size * size` bytes (1 = dark), row by
/// row.
#[pyfunction]
#[pyo3(signature = (text, *, ecc = "M", min_version = 1, max_version = 40, boost_ecc = true))]
fn qr_matrix(
    py: Python<'_>,
    text: &str,
    ecc: &str,
    min_version: u8,
    max_version: u8,
    boost_ecc: bool,
) -> PyResult<Py<PyAny>> {
    let code = qr_code(py, text, ecc, min_version, max_version, boost_ecc)?;
    let d = PyDict::new(py);
    d.set_item("size", code.size())?;
    d.set_item("version", code.version())?;
    d.set_item("ecc", code.ecc().letter().to_string())?;
    let modules: Vec<u8> = code.matrix().into_iter().map(u8::from).collect();
    d.set_item("modules", PyBytes::new(py, &modules))?;
    Ok(d.into_any().unbind())
}

// ----------------------------------------------------------------- print

/// The clerk's information sheet from one scan (scanner repairs apply and
/// are listed on it): `{"html", "fragment", "css"}`. `scanned_at` defaults
/// to now in +07:00 (a timezone-aware `datetime`), `as_of` to the scan date.
#[pyfunction]
#[pyo3(signature = (scan, *, office, scanned_at = None, as_of = None, dossier = None, allowed_bases = Vec::new(), masked = false))]
#[allow(clippy::too_many_arguments)]
fn render_sheet(
    py: Python<'_>,
    scan: TextOrBytes,
    office: &str,
    scanned_at: Option<DateTime<FixedOffset>>,
    as_of: Option<NaiveDate>,
    dossier: Option<&str>,
    allowed_bases: Vec<String>,
    masked: bool,
) -> PyResult<Py<PyAny>> {
    let allowed: Vec<&str> = allowed_bases.iter().map(String::as_str).collect();
    let opts = print::sheet::ScanSheetOptions {
        office,
        scanned_at,
        as_of,
        dossier,
        allowed_bases: &allowed,
        masked,
    };
    let sheet = print::sheet::render_scan(scan.as_bytes(), &opts).map_err(|e| match e {
        print::sheet::ScanSheetError::Card(e) => cccd_error(py, e),
        print::sheet::ScanSheetError::Sheet(e) => print_error(py, e),
    })?;
    let d = PyDict::new(py);
    d.set_item("html", sheet.to_html())?;
    d.set_item("fragment", sheet.fragment())?;
    d.set_item("css", print::sheet::CSS)?;
    Ok(d.into_any().unbind())
}

/// Procedure QR posters from a CSV list (text, or the file's bytes so that
/// a non-UTF-8 file is reported with its line): `{"pages", "html",
/// "count", "qr_mm"}`.
#[pyfunction]
#[pyo3(signature = (csv, *, title, subtitle = None, columns = 3, rows = 3))]
fn render_poster(
    py: Python<'_>,
    csv: TextOrBytes,
    title: &str,
    subtitle: Option<&str>,
    columns: u8,
    rows: u8,
) -> PyResult<Py<PyAny>> {
    let list = print::poster::read_csv(csv.as_bytes()).map_err(|e| print_error(py, e))?;
    let opts = print::poster::PosterOptions {
        title,
        subtitle,
        columns,
        rows,
    };
    let poster = print::poster::render(&list, &opts).map_err(|e| print_error(py, e))?;
    let d = PyDict::new(py);
    d.set_item("pages", poster.pages().to_vec())?;
    d.set_item("html", poster.to_html())?;
    d.set_item("count", list.len())?;
    d.set_item("qr_mm", poster.qr_mm())?;
    Ok(d.into_any().unbind())
}

/// The sample procedure list shipped with the library (CSV text).
#[pyfunction]
fn sample_procedures() -> &'static str {
    print::poster::SAMPLE_CSV
}

// ----------------------------------------------------------------- image

/// Every QR code in a grey (`channels=1`) or RGBA (`channels=4`) image,
/// rows `stride` bytes apart: `[{"text", "charset", "version", "ecc",
/// "corners", "bytes"}]`. `image_no_qr` when there is none.
#[pyfunction]
#[pyo3(signature = (pixels, width, height, *, channels = 1, stride = None))]
fn decode_pixels<'py>(
    py: Python<'py>,
    pixels: &[u8],
    width: u32,
    height: u32,
    channels: u8,
    stride: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let row = width as usize * usize::from(channels);
    let stride = stride.unwrap_or(row);
    let found = match channels {
        1 => py.detach(|| image::decode_gray(pixels, width, height, stride)),
        4 => py.detach(|| image::decode_rgba(pixels, width, height, stride)),
        _ => return Err(invalid_argument(py, "channels")),
    }
    .map_err(|e| image_error(py, e))?;
    let out = PyList::empty(py);
    for f in &found {
        let d = to_py(py, f)?;
        d.set_item("bytes", PyBytes::new(py, f.bytes()))?;
        out.append(d)?;
    }
    Ok(out)
}

/// The extension module.
#[pymodule]
fn _motcua(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("MotcuaError", m.py().get_type::<MotcuaError>())?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(parse_card, m)?)?;
    m.add_function(wrap_pyfunction!(scan_card, m)?)?;
    m.add_function(wrap_pyfunction!(scan_cards, m)?)?;
    m.add_function(wrap_pyfunction!(scan_table, m)?)?;
    m.add_function(wrap_pyfunction!(validate_id, m)?)?;
    m.add_function(wrap_pyfunction!(validate_cmnd, m)?)?;
    m.add_function(wrap_pyfunction!(mask_id, m)?)?;
    m.add_function(wrap_pyfunction!(card_samples, m)?)?;
    m.add_function(wrap_pyfunction!(garble_as_windows1252, m)?)?;
    m.add_function(wrap_pyfunction!(error_message, m)?)?;
    m.add_function(wrap_pyfunction!(repair_message, m)?)?;
    m.add_function(wrap_pyfunction!(error_codes, m)?)?;
    m.add_function(wrap_pyfunction!(encode_dossier, m)?)?;
    m.add_function(wrap_pyfunction!(decode_dossier, m)?)?;
    m.add_function(wrap_pyfunction!(validate_dossier_code, m)?)?;
    m.add_function(wrap_pyfunction!(validate_procedure_code, m)?)?;
    m.add_function(wrap_pyfunction!(validate_applicant, m)?)?;
    m.add_function(wrap_pyfunction!(sample_receipt, m)?)?;
    m.add_function(wrap_pyfunction!(qr_svg, m)?)?;
    m.add_function(wrap_pyfunction!(qr_png, m)?)?;
    m.add_function(wrap_pyfunction!(qr_matrix, m)?)?;
    m.add_function(wrap_pyfunction!(render_sheet, m)?)?;
    m.add_function(wrap_pyfunction!(render_poster, m)?)?;
    m.add_function(wrap_pyfunction!(sample_procedures, m)?)?;
    m.add_function(wrap_pyfunction!(decode_pixels, m)?)?;
    Ok(())
}
