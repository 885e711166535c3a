//! The counter's bindings (#23, feature `forms`, off in the npm package's
//! default build for its size; on in the offline counter page):
//! `fillDocx` (a Word form filled from a scan) and `registerCsv` /
//! `registerXlsx` (the day's register of scans).

use motcua::cccd;
use motcua::print::{form, register};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::print_api::print_error;
use crate::{as_of_arg, cccd_error, dossier_error, invalid_argument, options, string_arg};

#[wasm_bindgen(typescript_custom_section)]
const FORMS_TYPES: &str = include_str!("forms.d.ts");

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct FillOptionsIn {
    as_of: Option<String>,
    masked: Option<bool>,
    dossier: Option<String>,
    #[serde(default)]
    values: std::collections::BTreeMap<String, String>,
}

fn bytes_arg(value: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    value
        .dyn_ref::<js_sys::Uint8Array>()
        .map(js_sys::Uint8Array::to_vec)
        .ok_or_else(|| invalid_argument(name))
}

fn set(o: &js_sys::Object, key: &str, value: &JsValue) {
    // Reflect.set on a fresh, extensible object cannot fail.
    let _ = js_sys::Reflect::set(o, &JsValue::from_str(key), value);
}

/// A Word form (`.docx` bytes) filled from one scan (scanner repairs apply
/// and are returned). Throws `MotcuaError`.
#[wasm_bindgen(js_name = fillDocx, skip_typescript)]
pub fn fill_docx(template: JsValue, scan: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let template = bytes_arg(&template, "template")?;
    let scan = string_arg(&scan, "scan")?;
    let o: FillOptionsIn = self::options(options, "options", &["asOf", "masked", "dossier", "values"])?;
    let values: Vec<(&str, &str)> = o.values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let fill = form::FillScanOptions {
        as_of: as_of_arg(o.as_of.as_deref())?,
        masked: o.masked.unwrap_or(false),
        dossier: o.dossier.as_deref(),
        values: &values,
    };
    let (filled, repairs) = form::fill_scan(&template, scan.as_bytes(), &fill).map_err(|e| match e {
        form::FillScanError::Card(e) => cccd_error(e),
        form::FillScanError::Dossier(e) => dossier_error(e),
        form::FillScanError::Form(e) => print_error(e),
    })?;
    let out = js_sys::Object::new();
    set(&out, "bytes", &js_sys::Uint8Array::from(filled.bytes.as_slice()).into());
    let replaced = js_sys::Array::new();
    for (name, n) in &filled.replaced {
        replaced.push(&js_sys::Array::of2(
            &JsValue::from_str(name),
            &JsValue::from_f64(*n as f64),
        ));
    }
    set(&out, "replaced", &replaced);
    let empty: js_sys::Array = filled.empty.iter().map(|n| JsValue::from_str(n)).collect();
    set(&out, "empty", &empty);
    let repairs: js_sys::Array = repairs.iter().map(|r| JsValue::from_str(r.code())).collect();
    set(&out, "repairs", &repairs);
    Ok(out.into())
}

/// A built-in sample template (`"to-khai"` or `"giay-uy-quyen"`), `.docx` bytes.
#[wasm_bindgen(js_name = sampleTemplate, skip_typescript)]
pub fn sample_template(name: JsValue) -> Result<js_sys::Uint8Array, JsValue> {
    let name = string_arg(&name, "name")?;
    let sample = form::Sample::ALL
        .into_iter()
        .find(|s| s.file_name().strip_suffix(".docx") == Some(name.as_str()))
        .ok_or_else(|| invalid_argument("name"))?;
    Ok(js_sys::Uint8Array::from(form::sample_template(sample).as_slice()))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RowIn {
    scan: String,
    scanned_at: Option<String>,
    dossier: Option<String>,
}

#[derive(Deserialize, Default)]
struct RegisterOptionsIn {
    masked: Option<bool>,
}

/// The rows, each scan repaired and parsed as of its scan date, pushed to
/// `push` in order.
fn each_row(
    rows: JsValue,
    mut push: impl FnMut(&register::Entry<'_, '_>) -> Result<(), JsValue>,
) -> Result<(), JsValue> {
    let rows: Vec<RowIn> = serde_wasm_bindgen::from_value(rows).map_err(|_| invalid_argument("rows"))?;
    for row in &rows {
        let scanned_at = row
            .scanned_at
            .as_deref()
            .map(|s| chrono::DateTime::parse_from_rfc3339(s).map_err(|_| invalid_argument("rows[].scannedAt")))
            .transpose()?;
        let as_of = scanned_at.map_or_else(cccd::today_vn, |t| t.date_naive());
        let repaired = cccd::repair(&row.scan);
        let parsed = repaired.as_ref().map_err(|e| *e).and_then(|r| r.parse_as_of(as_of));
        let repairs = repaired.as_ref().map(|r| r.repairs()).unwrap_or_default();
        let entry = register::Entry {
            line: None,
            file: None,
            scanned_at,
            dossier: row.dossier.as_deref().filter(|d| !d.is_empty()),
            outcome: match &parsed {
                Ok(card) => register::Outcome::Card(card, repairs),
                Err(e) => register::Outcome::Refused(e),
            },
        };
        push(&entry)?;
    }
    Ok(())
}

/// The register as CSV text (with the byte-order mark Excel needs).
#[wasm_bindgen(js_name = registerCsv, skip_typescript)]
pub fn register_csv(rows: JsValue, options: JsValue) -> Result<String, JsValue> {
    let o: RegisterOptionsIn = self::options(options, "options", &["masked"])?;
    let io = |_| invalid_argument("rows");
    let mut reg = register::CsvRegister::new(Vec::new(), o.masked.unwrap_or(false)).map_err(io)?;
    each_row(rows, |e| reg.push(e).map_err(io))?;
    String::from_utf8(reg.finish().map_err(io)?).map_err(|_| invalid_argument("rows"))
}

/// The register as an Excel workbook (`.xlsx` bytes).
#[wasm_bindgen(js_name = registerXlsx, skip_typescript)]
pub fn register_xlsx(rows: JsValue, options: JsValue) -> Result<js_sys::Uint8Array, JsValue> {
    let o: RegisterOptionsIn = self::options(options, "options", &["masked"])?;
    let mut book = register::XlsxRegister::new(o.masked.unwrap_or(false)).map_err(print_error)?;
    each_row(rows, |e| book.push(e).map_err(print_error))?;
    Ok(js_sys::Uint8Array::from(book.finish().map_err(print_error)?.as_slice()))
}
