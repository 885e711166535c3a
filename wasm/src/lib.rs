//! JavaScript/TypeScript bindings of [`motcua`], built with wasm-bindgen
//! into the npm package `motcua` (see `wasm/README.md`).
//!
//! Thin: each function turns JS values into the core's types, calls the
//! core, and turns the answer into plain JS objects whose field names are
//! the CLI's JSON contract. The TypeScript types are in `types.d.ts`
//! (emitted into the package's `.d.ts`).
//!
//! Errors are thrown as JS `Error` objects named `MotcuaError`, with the
//! core's stable `code`, the English `message` and the Vietnamese
//! `messageVi` (and `field` for dossier errors). Like the core's messages,
//! they never contain the input's text.
#![deny(missing_docs)]

use chrono::NaiveDate;
use motcua::cccd::{self, Card, CmndLink, Repair, Repairs};
use motcua::{dossier, qr};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

// The types, and the signatures of the functions with an optional options
// argument (`skip_typescript` below: wasm-bindgen would make it required).
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// The package's version (the workspace version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

// ---------------------------------------------------------------- errors

/// A thrown `MotcuaError`.
fn js_error(code: &str, message: &str, message_vi: &str, field: Option<&str>) -> JsValue {
    let e = js_sys::Error::new(message);
    e.set_name("MotcuaError");
    let set = |key: &str, value: &str| {
        // Reflect.set on a fresh, extensible Error cannot fail.
        let _ = js_sys::Reflect::set(&e, &JsValue::from_str(key), &JsValue::from_str(value));
    };
    set("code", code);
    set("messageVi", message_vi);
    if let Some(f) = field {
        set("field", f);
    }
    e.into()
}

fn cccd_error(e: cccd::Error) -> JsValue {
    js_error(e.code(), &e.to_string(), &e.message_vi(), None)
}

fn dossier_error(e: dossier::Error) -> JsValue {
    js_error(
        e.code(),
        &e.message(),
        &e.message_vi(),
        e.field().map(dossier::Field::name),
    )
}

fn qr_error(e: qr::Error) -> JsValue {
    js_error(e.code(), &e.message(), &e.message_vi(), None)
}

/// The binding's own error: an argument of the wrong shape. The message
/// names the argument, not its value (which may be personal data).
fn invalid_argument(name: &str) -> JsValue {
    js_error(
        "invalid_argument",
        &format!("`{name}` is not of the expected type or shape (see the TypeScript types)"),
        &format!("Tham số `{name}` không đúng kiểu hoặc cấu trúc (xem kiểu TypeScript)"),
        None,
    )
}

/// A string argument: anything else (a number, `undefined`, `null`, an
/// object) is `invalid_argument` naming the parameter. wasm-bindgen's own
/// `&str` glue would read a number as a pointer (`RuntimeError: memory
/// access out of bounds`), so no export takes `&str`.
fn string_arg(value: &JsValue, name: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| invalid_argument(name))
}

/// The binding's own codes and their messages, for [`error_message`]:
/// `invalid_argument` (thrown here) and `scan_incomplete` (reported by the
/// scanner helper `wedge.js` for a burst that lost characters).
const BINDING_CODES: [(&str, &str, &str); 2] = [
    (
        "invalid_argument",
        "an argument is not of the expected type or shape (see the TypeScript types)",
        "Tham số không đúng kiểu hoặc cấu trúc (xem kiểu TypeScript)",
    ),
    (
        "scan_incomplete",
        "the scan lost characters on the way (a key the browser could not read); scan the card again",
        "Máy quét gửi thiếu ký tự (trình duyệt không đọc được một phím); hãy quét lại thẻ",
    ),
];

/// True when `e` is an error thrown by this package.
#[wasm_bindgen(js_name = isMotcuaError, unchecked_return_type = "e is MotcuaError")]
pub fn is_motcua_error(#[wasm_bindgen(unchecked_param_type = "unknown")] e: JsValue) -> bool {
    e.dyn_ref::<js_sys::Error>()
        .is_some_and(|err| err.name() == "MotcuaError")
}

/// Reads an optional options object (`undefined`/`null` = defaults). A key
/// not in `known` (a typo such as `asof`) is an error, not silently ignored.
fn options<T: for<'de> Deserialize<'de> + Default>(value: JsValue, name: &str, known: &[&str]) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let object = value
        .dyn_ref::<js_sys::Object>()
        .ok_or_else(|| invalid_argument(name))?;
    let keys = js_sys::Object::keys(object);
    if keys
        .iter()
        .any(|k| k.as_string().is_none_or(|k| !known.contains(&k.as_str())))
    {
        return Err(invalid_argument(name));
    }
    serde_wasm_bindgen::from_value(value).map_err(|_| invalid_argument(name))
}

/// Plain JS objects, as `JSON.parse` gives them: serialised to one JSON
/// text in Rust and parsed once in JS. (Building the object property by
/// property through serde-wasm-bindgen crosses the boundary, and decodes
/// a UTF-8 key, for every field: 30 µs a card in node against 20 µs.)
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value).map_err(|_| invalid_argument("result"))?;
    js_sys::JSON::parse(&json)
}

// ------------------------------------------------------------------ CCCD

/// `options.asOf`, `YYYY-MM-DD`, when given.
fn as_of_arg(value: Option<&str>) -> Result<Option<NaiveDate>, JsValue> {
    value
        .map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| invalid_argument("options.asOf")))
        .transpose()
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct CardOptions {
    as_of: Option<String>,
    cmnd: Option<String>,
}

#[derive(Clone, Copy)]
enum Path {
    Strict,
    Scanner,
}

/// Parses (strict or scanner path) and hands the card to `out`.
fn with_card(
    input: &str,
    options_value: JsValue,
    path: Path,
    out: impl FnOnce(&Card<'_>, Repairs, Option<CmndLink>) -> Result<JsValue, JsValue>,
) -> Result<JsValue, JsValue> {
    let opts: CardOptions = options(options_value, "options", &["asOf", "cmnd"])?;
    let as_of = as_of_arg(opts.as_of.as_deref())?.unwrap_or_else(cccd::today_vn);
    let repaired;
    let (card, repairs) = match path {
        Path::Strict => (cccd::parse_as_of(input, as_of), Repairs::default()),
        Path::Scanner => {
            repaired = cccd::repair(input).map_err(cccd_error)?;
            (repaired.parse_as_of(as_of), repaired.repairs())
        }
    };
    let card = card.map_err(cccd_error)?;
    let link = opts
        .cmnd
        .as_deref()
        .map(|c| card.cmnd_link(c))
        .transpose()
        .map_err(cccd_error)?;
    out(&card, repairs, link)
}

fn full(card: &Card<'_>, repairs: Repairs, cmnd_link: Option<CmndLink>) -> Result<JsValue, JsValue> {
    to_js(&cccd::Report {
        card,
        repairs,
        cmnd_link,
        masked: false,
    })
}

/// Strict parse of a clean payload (no repairs; a payload that needs one
/// is refused with `needs_repair`). Throws `MotcuaError`.
#[wasm_bindgen(js_name = parseCard, skip_typescript)]
pub fn parse_card(payload: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let payload = string_arg(&payload, "payload")?;
    with_card(&payload, options.unwrap_or_default(), Path::Strict, full)
}

/// The scanner path: repairs what keyboard-wedge scanners break (BOM,
/// trailing CR/LF/TAB, UTF-8 typed as Windows-1252, NFD), reports each
/// repair in `repairs`, then parses and validates. Throws `MotcuaError`.
#[wasm_bindgen(js_name = scanCard, skip_typescript)]
pub fn scan_card(input: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let input = string_arg(&input, "input")?;
    with_card(&input, options.unwrap_or_default(), Path::Scanner, full)
}

/// [`scan_card`], masked for copies that leave the office.
#[wasm_bindgen(js_name = scanCardMasked, skip_typescript)]
pub fn scan_card_masked(input: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let input = string_arg(&input, "input")?;
    with_card(
        &input,
        options.unwrap_or_default(),
        Path::Scanner,
        |card, repairs, cmnd_link| {
            to_js(&cccd::Report {
                card,
                repairs,
                cmnd_link,
                masked: true,
            })
        },
    )
}

/// Checks a standalone 12-digit ID number (typed into a form field):
/// digits, province or country code. Throws `MotcuaError`.
#[wasm_bindgen(js_name = validateId, unchecked_return_type = "IdInfo")]
pub fn validate_id(#[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> Result<JsValue, JsValue> {
    let id = string_arg(&id, "id")?;
    let id = cccd::validate_id(&id).map_err(cccd_error)?;
    to_js(&id.info())
}

/// Checks an old 9-digit CMND number. Throws `MotcuaError` (`old_id_invalid`).
#[wasm_bindgen(js_name = validateCmnd)]
pub fn validate_cmnd(#[wasm_bindgen(unchecked_param_type = "string")] cmnd: JsValue) -> Result<(), JsValue> {
    let cmnd = string_arg(&cmnd, "cmnd")?;
    cccd::validate_cmnd(&cmnd).map(|_| ()).map_err(cccd_error)
}

/// `*********456`: an ID number (12 digits) or CMND (9 digits) for logs and
/// copies. Throws `MotcuaError` when it is neither.
#[wasm_bindgen(js_name = maskId)]
pub fn mask_id(#[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> Result<String, JsValue> {
    let id = string_arg(&id, "id")?;
    cccd::mask_id(&id).map_err(cccd_error)
}

#[derive(Serialize)]
struct Message {
    message: String,
    #[serde(rename = "messageVi")]
    message_vi: String,
}

/// The English and Vietnamese messages for an error code alone (any
/// module's), e.g. to show a code stored earlier; `undefined` for an
/// unknown code.
#[wasm_bindgen(js_name = errorMessage, unchecked_return_type = "Message | undefined")]
pub fn error_message(#[wasm_bindgen(unchecked_param_type = "ErrorCode")] code: JsValue) -> Result<JsValue, JsValue> {
    let code = string_arg(&code, "code")?;
    let code = code.as_str();
    let found = motcua::code_message(code).or_else(|| {
        BINDING_CODES
            .iter()
            .find(|(c, ..)| *c == code)
            .map(|(_, en, vi)| ((*en).to_owned(), (*vi).to_owned()))
    });
    match found {
        Some((message, message_vi)) => to_js(&Message { message, message_vi }),
        None => Ok(JsValue::UNDEFINED),
    }
}

/// The English and Vietnamese description of a repair; `undefined` for an
/// unknown code.
#[wasm_bindgen(js_name = repairMessage, unchecked_return_type = "Message | undefined")]
pub fn repair_message(#[wasm_bindgen(unchecked_param_type = "RepairCode")] code: JsValue) -> Result<JsValue, JsValue> {
    let code = string_arg(&code, "code")?;
    match Repair::ALL.into_iter().find(|r| r.code() == code) {
        Some(r) => to_js(&Message {
            message: r.message().to_owned(),
            message_vi: r.message_vi().to_owned(),
        }),
        None => Ok(JsValue::UNDEFINED),
    }
}

#[derive(Serialize)]
struct ErrorCodes {
    cccd: &'static [&'static str],
    dossier: &'static [&'static str],
    qr: &'static [&'static str],
    print: &'static [&'static str],
    image: &'static [&'static str],
    binding: [&'static str; 2],
    cli: [&'static str; motcua::CLI_CODES.len()],
}

/// Every error code, per module (for UIs that translate or group them).
#[wasm_bindgen(js_name = errorCodes, unchecked_return_type = "ErrorCodes")]
pub fn error_codes() -> Result<JsValue, JsValue> {
    to_js(&ErrorCodes {
        cccd: cccd::Error::ALL_CODES,
        dossier: dossier::Error::ALL_CODES,
        qr: qr::Error::ALL_CODES,
        print: motcua::print::Error::ALL_CODES,
        image: motcua::image::Error::ALL_CODES,
        binding: BINDING_CODES.map(|(c, ..)| c),
        cli: motcua::CLI_CODES.map(|(c, ..)| c),
    })
}

#[derive(Serialize)]
struct Sample {
    description: &'static str,
    payload: String,
}

/// Synthetic sample payloads (made-up people) as scanners deliver them:
/// clean, CR LF suffix, a 2024 card, mojibake, NFD.
#[wasm_bindgen(js_name = cardSamples, unchecked_return_type = "CardSample[]")]
pub fn card_samples() -> Result<JsValue, JsValue> {
    let all: Vec<Sample> = cccd::samples()
        .into_iter()
        .map(|(description, payload)| Sample { description, payload })
        .collect();
    to_js(&all)
}

/// What a scanner set to the wrong code page types for `text`: its UTF-8
/// bytes read as Windows-1252 (for tests and demos of the repair).
#[wasm_bindgen(js_name = garbleAsWindows1252)]
pub fn garble_as_windows1252(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<String, JsValue> {
    Ok(cccd::garble_as_windows1252(&string_arg(&text, "text")?))
}

// --------------------------------------------------------------- dossier

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct DossierOptions {
    base: Option<String>,
    privacy: Option<PrivacyIn>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum PrivacyIn {
    Full,
    Masked,
    Omitted,
}

/// Writes a dossier record as a payload v1 URL (docs/dossier-qr.md): a
/// phone camera opens it as the status-lookup page; `decodeDossier` reads
/// it back. Throws `MotcuaError`.
#[wasm_bindgen(js_name = encodeDossier, skip_typescript)]
pub fn encode_dossier(record: JsValue, options: Option<JsValue>) -> Result<String, JsValue> {
    let opts: DossierOptions = self::options(options.unwrap_or_default(), "options", &["base", "privacy"])?;
    let input = dossier::RecordInput::deserialize(serde_wasm_bindgen::Deserializer::from(record))
        .map_err(|_| invalid_argument("record"))?;
    let record = input.into_record().map_err(dossier_error)?;
    let mut enc = dossier::EncodeOptions::default();
    if let Some(base) = opts.base.as_deref() {
        enc.base = base;
    }
    enc.privacy = match opts.privacy {
        None | Some(PrivacyIn::Full) => dossier::Privacy::Full,
        Some(PrivacyIn::Masked) => dossier::Privacy::Masked,
        Some(PrivacyIn::Omitted) => dossier::Privacy::Omitted,
    };
    dossier::encode(&record, &enc).map_err(dossier_error)
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct DecodeOptionsIn {
    #[serde(default)]
    allowed_bases: Vec<String>,
}

/// Reads a dossier QR payload (a payload v1 URL, or a bare dossier code as
/// a partial record); `options.allowedBases` pins the lookup pages it may
/// link to. Throws `MotcuaError`.
#[wasm_bindgen(js_name = decodeDossier, skip_typescript)]
pub fn decode_dossier(payload: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let payload = string_arg(&payload, "payload")?;
    let o: DecodeOptionsIn = self::options(options.unwrap_or_default(), "options", &["allowedBases"])?;
    let allowed: Vec<&str> = o.allowed_bases.iter().map(String::as_str).collect();
    let record = dossier::decode_with(
        &payload,
        &dossier::DecodeOptions {
            allowed_bases: &allowed,
        },
    );
    to_js(&record.map_err(dossier_error)?)
}

/// Checks a dossier code typed into a form (`000.00.53.H48-261120-0042`):
/// the receiving unit, the receipt date and the day's sequence number.
/// Throws `MotcuaError`.
#[wasm_bindgen(js_name = validateDossierCode, unchecked_return_type = "DossierCodeInfo")]
pub fn validate_dossier_code(
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
) -> Result<JsValue, JsValue> {
    let code = string_arg(&code, "code")?;
    let c = dossier::validate_dossier_code(&code).map_err(dossier_error)?;
    to_js(&c.info())
}

/// Checks a procedure code (`1.001612`, `1.001612.000.00.00.H48`).
/// Throws `MotcuaError`.
#[wasm_bindgen(js_name = validateProcedureCode, unchecked_return_type = "ProcedureCodeInfo")]
pub fn validate_procedure_code(
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
) -> Result<JsValue, JsValue> {
    let code = string_arg(&code, "code")?;
    let p = dossier::validate_procedure_code(&code).map_err(dossier_error)?;
    to_js(&p.info())
}

/// Checks an applicant identifier (a 12-digit ID number, a tax code or a
/// unit code; a masked one is refused). Throws `MotcuaError`.
#[wasm_bindgen(js_name = validateApplicant, unchecked_return_type = "ApplicantInfo")]
pub fn validate_applicant(
    #[wasm_bindgen(unchecked_param_type = "string")] applicant: JsValue,
) -> Result<JsValue, JsValue> {
    let applicant = string_arg(&applicant, "applicant")?;
    let a = dossier::validate_applicant(&applicant).map_err(dossier_error)?;
    to_js(&a.info())
}

/// A synthetic receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) for demos.
#[wasm_bindgen(js_name = sampleReceipt, unchecked_return_type = "DossierRecord")]
pub fn sample_receipt() -> Result<JsValue, JsValue> {
    to_js(&dossier::sample_receipt())
}

// -------------------------------------------------------------------- QR

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct QrOptionsIn {
    ecc: Option<EccIn>,
    boost_ecc: Option<bool>,
    min_version: Option<u8>,
    max_version: Option<u8>,
    quiet_zone: Option<u32>,
    caption: Option<String>,
    width: Option<String>,
}

#[derive(Deserialize)]
enum EccIn {
    L,
    M,
    Q,
    H,
}

fn qr_code(text: &JsValue, options: Option<JsValue>) -> Result<(qr::Qr, QrOptionsIn), JsValue> {
    let text = string_arg(text, "text")?;
    let o: QrOptionsIn = self::options(
        options.unwrap_or_default(),
        "options",
        &[
            "ecc",
            "boostEcc",
            "minVersion",
            "maxVersion",
            "quietZone",
            "caption",
            "width",
        ],
    )?;
    let mut q = qr::QrOptions::default();
    if let Some(ecc) = &o.ecc {
        q.ecc = match ecc {
            EccIn::L => qr::Ecc::Low,
            EccIn::M => qr::Ecc::Medium,
            EccIn::Q => qr::Ecc::Quartile,
            EccIn::H => qr::Ecc::High,
        };
    }
    q.boost_ecc = o.boost_ecc.unwrap_or(q.boost_ecc);
    q.min_version = o.min_version.unwrap_or(q.min_version);
    q.max_version = o.max_version.unwrap_or(q.max_version);
    if o.quiet_zone.is_some_and(|z| z > qr::MAX_QUIET_ZONE) {
        return Err(invalid_argument("options.quietZone"));
    }
    let code = qr::encode(&text, &q).map_err(qr_error)?;
    Ok((code, o))
}

/// A QR code (ISO/IEC 18004, byte/alphanumeric/numeric segments, the
/// smallest version that fits) as an SVG document. Throws `MotcuaError`.
#[wasm_bindgen(js_name = qrSvg, skip_typescript)]
pub fn qr_svg(text: JsValue, options: Option<JsValue>) -> Result<String, JsValue> {
    let (code, o) = qr_code(&text, options)?;
    let mut svg = qr::SvgOptions::default();
    svg.quiet_zone = o.quiet_zone.unwrap_or(svg.quiet_zone);
    svg.caption = o.caption.as_deref();
    svg.width = o.width.as_deref();
    Ok(code.to_svg(&svg))
}

#[derive(Serialize)]
struct QrMatrixOut {
    size: usize,
    version: u8,
    ecc: char,
}

/// A QR code's modules, for drawing it yourself (canvas, a report
/// engine). Throws `MotcuaError`.
#[wasm_bindgen(js_name = qrMatrix, skip_typescript)]
pub fn qr_matrix(text: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let (code, _) = qr_code(&text, options)?;
    let out = to_js(&QrMatrixOut {
        size: code.size(),
        version: code.version(),
        ecc: code.ecc().letter(),
    })?;
    let modules: Vec<u8> = code.matrix().into_iter().map(u8::from).collect();
    js_sys::Reflect::set(
        &out,
        &JsValue::from_str("modules"),
        &js_sys::Uint8Array::from(modules.as_slice()),
    )?;
    Ok(out)
}

// The print and image bindings are features (both on in the npm package),
// so that their share of the .wasm can be measured (BENCHMARKS.md).
#[cfg(feature = "forms")]
mod forms_api;
#[cfg(feature = "image")]
mod image_api;
#[cfg(feature = "print")]
mod print_api;
