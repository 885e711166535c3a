//! The image reader binding: `decodeImageData` (feature `image`, on by
//! default).

use motcua::image;
use wasm_bindgen::prelude::*;

use crate::{invalid_argument, js_error, to_js};

/// Reads every QR code in a canvas `ImageData` (or any `{data, width,
/// height}` with RGBA bytes, rows packed): a camera frame, a photo drawn
/// on a canvas. Throws `MotcuaError` (`image_no_qr` when there is none).
#[wasm_bindgen(js_name = decodeImageData, skip_typescript)]
pub fn decode_image_data(image_data: JsValue) -> Result<JsValue, JsValue> {
    let get = |key: &str| js_sys::Reflect::get(&image_data, &JsValue::from_str(key)).ok();
    let dimension = |key: &str| {
        get(key)
            .and_then(|v| v.as_f64())
            .filter(|v| v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(v))
            .map(|v| v as u32)
            .ok_or_else(|| invalid_argument("imageData"))
    };
    let (width, height) = (dimension("width")?, dimension("height")?);
    let data = get("data").unwrap_or_default();
    let bytes = if let Some(a) = data.dyn_ref::<js_sys::Uint8ClampedArray>() {
        a.to_vec()
    } else if let Some(a) = data.dyn_ref::<js_sys::Uint8Array>() {
        a.to_vec()
    } else {
        return Err(invalid_argument("imageData"));
    };
    let found = image::decode_rgba(&bytes, width, height, 4 * width as usize)
        .map_err(|e| js_error(e.code(), &e.message(), &e.message_vi(), None))?;
    let out = js_sys::Array::new();
    for f in &found {
        // The core's shape (text, charset, version, ecc, corners), plus the bytes.
        let o = to_js(f)?;
        js_sys::Reflect::set(&o, &JsValue::from_str("bytes"), &js_sys::Uint8Array::from(f.bytes()))?;
        out.push(&o);
    }
    Ok(out.into())
}
