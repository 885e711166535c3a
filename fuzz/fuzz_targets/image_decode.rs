//! The image reader on arbitrary pixels, sizes and strides: an answer or an
//! error, never a panic, an out-of-bounds read or a hang. The first bytes
//! choose the layout (up to 96×96, stride padding, grey or RGBA), the rest
//! are the pixels; a buffer shorter than the layout needs is part of the test.
#![no_main]

use libfuzzer_sys::fuzz_target;
use motcua::image;

fuzz_target!(|data: &[u8]| {
    let [w, h, pad, flags, pixels @ ..] = data else { return };
    let (w, h) = (u32::from(*w % 97), u32::from(*h % 97));
    let rgba = flags & 1 == 1;
    let bpp = if rgba { 4 } else { 1 };
    let stride = w as usize * bpp + usize::from(*pad % 8);
    // Upscale the fuzzer's bytes 1×, 2× or 3× (modules of 2–3 pixels look
    // more like codes to the finder than 1-pixel noise).
    let k = usize::from((flags >> 1) % 3) + 1;
    let mut buf = Vec::with_capacity(stride * h as usize);
    for y in 0..h as usize {
        for x in 0..stride {
            buf.push(pixels.get((y / k) * stride + x / k).copied().unwrap_or(255));
        }
    }
    if flags & 8 != 0 {
        buf.truncate(buf.len().saturating_sub(1 + usize::from(*pad)));
    }
    let r = if rgba {
        image::decode_rgba(&buf, w, h, stride)
    } else {
        image::decode_gray(&buf, w, h, stride)
    };
    if let Ok(found) = r {
        assert!(!found.is_empty());
        for f in found {
            assert!(f.version() >= 1 && f.version() <= 40);
        }
    }
});
