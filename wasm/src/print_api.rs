//! The print bindings: `renderSheet`, `renderPoster`, `sampleProcedures`
//! (feature `print`, on by default).

use motcua::print;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::{as_of_arg, cccd_error, dossier_error, invalid_argument, js_error, options, string_arg, to_js};

/// A print error: a dossier payload's own error when the sheet's dossier
/// QR is invalid; otherwise the print error with `field` (the CSV column)
/// and `row` (the CSV line).
pub(crate) fn print_error(e: print::Error) -> JsValue {
    if let print::Error::Dossier(d) = e {
        return dossier_error(d);
    }
    let err = js_error(
        e.code(),
        &e.message(),
        &e.message_vi(),
        e.field().map(print::Column::name),
    );
    if let Some(row) = e.row() {
        // Reflect.set on a fresh, extensible Error cannot fail.
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str("row"), &JsValue::from_f64(row as f64));
    }
    err
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct SheetOptionsIn {
    office: Option<String>,
    scanned_at: Option<String>,
    as_of: Option<String>,
    dossier: Option<String>,
    #[serde(default)]
    allowed_bases: Vec<String>,
    masked: Option<bool>,
}

#[derive(Serialize)]
struct SheetOut {
    html: String,
    fragment: String,
    css: &'static str,
}

/// The clerk's information sheet from one scan (scanner repairs apply and
/// are listed on the sheet). Throws `MotcuaError`.
#[wasm_bindgen(js_name = renderSheet, skip_typescript)]
pub fn render_sheet(scan: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let scan = string_arg(&scan, "scan")?;
    let o: SheetOptionsIn = self::options(
        options,
        "options",
        &["office", "scannedAt", "asOf", "dossier", "allowedBases", "masked"],
    )?;
    let scanned_at = o
        .scanned_at
        .as_deref()
        .map(|s| chrono::DateTime::parse_from_rfc3339(s).map_err(|_| invalid_argument("options.scannedAt")))
        .transpose()?;
    let allowed: Vec<&str> = o.allowed_bases.iter().map(String::as_str).collect();
    let opts = print::sheet::ScanSheetOptions {
        office: o.office.as_deref().unwrap_or(""),
        scanned_at,
        as_of: as_of_arg(o.as_of.as_deref())?,
        dossier: o.dossier.as_deref(),
        allowed_bases: &allowed,
        masked: o.masked.unwrap_or(false),
    };
    let sheet = print::sheet::render_scan(scan.as_bytes(), &opts).map_err(|e| match e {
        print::sheet::ScanSheetError::Card(e) => cccd_error(e),
        print::sheet::ScanSheetError::Sheet(e) => print_error(e),
    })?;
    to_js(&SheetOut {
        html: sheet.to_html(),
        fragment: sheet.fragment().to_owned(),
        css: print::sheet::CSS,
    })
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct PosterOptionsIn {
    title: Option<String>,
    subtitle: Option<String>,
    columns: Option<u8>,
    rows: Option<u8>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PosterOut {
    pages: Vec<String>,
    html: String,
    count: usize,
    qr_mm: f64,
}

/// Procedure QR posters from a CSV list (text, or the bytes of a file so
/// that a non-UTF-8 file is reported with its line). Throws `MotcuaError`.
#[wasm_bindgen(js_name = renderPoster, skip_typescript)]
pub fn render_poster(csv: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let bytes = match csv.as_string() {
        Some(s) => s.into_bytes(),
        None => csv
            .dyn_ref::<js_sys::Uint8Array>()
            .ok_or_else(|| invalid_argument("csv"))?
            .to_vec(),
    };
    let o: PosterOptionsIn = self::options(options, "options", &["title", "subtitle", "columns", "rows"])?;
    let defaults = print::poster::PosterOptions::new("");
    let opts = print::poster::PosterOptions {
        title: o.title.as_deref().unwrap_or(""),
        subtitle: o.subtitle.as_deref(),
        columns: o.columns.unwrap_or(defaults.columns),
        rows: o.rows.unwrap_or(defaults.rows),
    };
    let list = print::poster::read_csv(&bytes).map_err(print_error)?;
    let poster = print::poster::render(&list, &opts).map_err(print_error)?;
    to_js(&PosterOut {
        html: poster.to_html(),
        count: list.len(),
        qr_mm: poster.qr_mm(),
        pages: poster.pages().to_vec(),
    })
}

/// The sample procedure list shipped with the library (CSV text).
#[wasm_bindgen(js_name = sampleProcedures)]
pub fn sample_procedures() -> String {
    print::poster::SAMPLE_CSV.to_owned()
}
