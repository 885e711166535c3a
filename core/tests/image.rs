//! The image reader: round trips through rendered codes, character sets
//! (ECI), and garbage that must give an error, never a panic.

use motcua::image::{self, Charset, Error};
use motcua::{cccd, dossier, qr};
use proptest::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc, QrSegment};

/// Renders a module predicate at `scale` px/module with a 4-module quiet
/// zone, dark on light (or light on dark).
fn render(size: usize, module: impl Fn(usize, usize) -> bool, scale: usize, invert: bool) -> (Vec<u8>, usize) {
    let side = (size + 8) * scale;
    let mut px = vec![if invert { 0 } else { 255 }; side * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = ((x / scale).wrapping_sub(4), (y / scale).wrapping_sub(4));
            if mx < size && my < size && module(mx, my) {
                px[y * side + x] = if invert { 255 } else { 0 };
            }
        }
    }
    (px, side)
}

fn render_text(text: &str, scale: usize) -> (Vec<u8>, usize) {
    let code = qr::encode(text, &qr::QrOptions::default()).unwrap();
    render(code.size(), |x, y| code.module(x, y), scale, false)
}

fn render_segments(segs: &[QrSegment]) -> (Vec<u8>, usize) {
    let code = QrCode::encode_segments(segs, QrCodeEcc::Medium).unwrap();
    render(
        code.size() as usize,
        |x, y| code.get_module(x as i32, y as i32),
        4,
        false,
    )
}

fn payloads() -> Vec<String> {
    let mut out: Vec<String> = cccd::samples()
        .into_iter()
        .map(|(_, p)| cccd::repair(&p).unwrap().text().to_string())
        .collect();
    out.extend(
        dossier::samples()
            .into_iter()
            .map(|(_, r)| dossier::encode(&r, &dossier::EncodeOptions::default()).unwrap()),
    );
    out
}

#[test]
fn every_sample_payload_round_trips_at_several_scales() {
    // From 2 px/module up (at 1 px/module quirc sees the code but cannot
    // sample it; no camera delivers that anyway).
    for p in payloads() {
        let want = qr::encode(&p, &qr::QrOptions::default()).unwrap();
        for scale in [2, 3, 6] {
            let (px, side) = render_text(&p, scale);
            let found = image::decode_gray(&px, side as u32, side as u32, side)
                .unwrap_or_else(|e| panic!("{scale} px/module: {e}"));
            assert_eq!(found.len(), 1);
            let f = &found[0];
            assert_eq!(f.text(), Some(p.as_str()), "{scale} px/module");
            assert_eq!(f.bytes(), p.as_bytes());
            assert_eq!(f.charset(), Charset::Utf8);
            assert_eq!((f.version(), f.ecc()), (want.version(), want.ecc()));
            // The corners frame the code (quiet zone = 4 modules).
            let (lo, hi) = ((4 * scale) as i32, ((want.size() + 4) * scale) as i32);
            for (c, (x, y)) in f.corners().iter().zip([(lo, lo), (hi, lo), (hi, hi), (lo, hi)]) {
                assert!(
                    (c.x - x).abs() <= scale as i32 + 1 && (c.y - y).abs() <= scale as i32 + 1,
                    "{c:?} vs ({x},{y})"
                );
            }
        }
    }
}

#[test]
fn strided_grey_and_rgba_read_the_same() {
    let text = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021";
    let (px, side) = render_text(text, 3);
    // Grey rows padded to a stride of side + 13, padding black (must be ignored).
    let stride = side + 13;
    let mut padded = vec![0u8; stride * side];
    let mut rgba = Vec::with_capacity(4 * side * side);
    for y in 0..side {
        padded[y * stride..y * stride + side].copy_from_slice(&px[y * side..(y + 1) * side]);
        for &p in &px[y * side..(y + 1) * side] {
            rgba.extend_from_slice(&[p, p, p, 255]);
        }
    }
    // The buffer may end right after the last row's pixels.
    padded.truncate(stride * (side - 1) + side);
    let a = image::decode_gray(&padded, side as u32, side as u32, stride).unwrap();
    let b = image::decode_rgba(&rgba, side as u32, side as u32, 4 * side).unwrap();
    assert_eq!(a, b);
    assert_eq!(a[0].text(), Some(text));
    // Debug never shows the payload.
    let dbg = format!("{a:?}");
    assert!(!dbg.contains("090123") && !dbg.contains("Nguy"), "{dbg}");
    assert!(dbg.contains(&format!("<{} bytes>", text.len())));
}

#[test]
fn light_code_on_dark_ground() {
    let code = qr::encode("https://dichvucong.gov.vn/", &qr::QrOptions::default()).unwrap();
    let (px, side) = render(code.size(), |x, y| code.module(x, y), 4, true);
    let found = image::decode_gray(&px, side as u32, side as u32, side).unwrap();
    assert_eq!(found[0].text(), Some("https://dichvucong.gov.vn/"));
}

#[test]
fn several_codes_in_one_image_are_all_read() {
    let texts = [
        "https://a.example/1.001193",
        "https://a.example/2.000986",
        "https://a.example/1.003583",
    ];
    let tiles: Vec<(Vec<u8>, usize)> = texts.iter().map(|t| render_text(t, 3)).collect();
    let side = tiles.iter().map(|t| t.1).max().unwrap();
    let (w, h) = (side * 3, side);
    let mut px = vec![255u8; w * h];
    for (i, (tile, s)) in tiles.iter().enumerate() {
        for y in 0..*s {
            px[y * w + i * side..y * w + i * side + s].copy_from_slice(&tile[y * s..(y + 1) * s]);
        }
    }
    let found = image::decode_gray(&px, w as u32, h as u32, w).unwrap();
    let mut got: Vec<&str> = found.iter().map(|f| f.text().unwrap()).collect();
    got.sort_unstable();
    let mut want = texts.to_vec();
    want.sort_unstable();
    assert_eq!(got, want);
}

#[test]
fn two_copies_of_one_code_are_two_codes() {
    let (tile, s) = render_text("https://a.example/1.001193", 3);
    let (w, h) = (2 * s, s);
    let mut px = vec![255u8; w * h];
    for y in 0..s {
        for i in 0..2 {
            px[y * w + i * s..y * w + (i + 1) * s].copy_from_slice(&tile[y * s..(y + 1) * s]);
        }
    }
    let found = image::decode_gray(&px, w as u32, h as u32, w).unwrap();
    assert_eq!(found.len(), 2);
    assert_ne!(found[0].corners(), found[1].corners());
}

#[test]
fn eci_utf8_is_honoured() {
    let text = "Nguyễn Văn A";
    let (px, side) = render_segments(&[QrSegment::make_eci(26), QrSegment::make_bytes(text.as_bytes())]);
    let f = image::decode_gray(&px, side as u32, side as u32, side)
        .unwrap()
        .remove(0);
    assert_eq!((f.text(), f.charset()), (Some(text), Charset::Utf8));
}

#[test]
fn eci_latin1_is_decoded_as_latin1() {
    // ECI 000001 is ISO-8859-1 in the original ECI table (quirc's numbering).
    let (px, side) = render_segments(&[QrSegment::make_eci(1), QrSegment::make_bytes(b"Caf\xe9")]);
    let f = image::decode_gray(&px, side as u32, side as u32, side)
        .unwrap()
        .remove(0);
    assert_eq!((f.text(), f.charset()), (Some("Café"), Charset::Latin1));
    assert_eq!(f.bytes(), b"Caf\xe9");
}

#[test]
fn other_character_sets_are_not_guessed() {
    // Shift_JIS declared by ECI 20: bytes kept, no text.
    let sjis = b"\x82\xa0\x82\xa2";
    let (px, side) = render_segments(&[QrSegment::make_eci(20), QrSegment::make_bytes(sjis)]);
    let f = image::decode_gray(&px, side as u32, side as u32, side)
        .unwrap()
        .remove(0);
    assert_eq!(
        (f.text(), f.charset(), f.bytes()),
        (None, Charset::Unknown { eci: Some(20) }, &sjis[..])
    );
    // The same bytes with no ECI: not UTF-8, and Shift_JIS is never guessed.
    let (px, side) = render_segments(&[QrSegment::make_bytes(sjis)]);
    let f = image::decode_gray(&px, side as u32, side as u32, side)
        .unwrap()
        .remove(0);
    assert_eq!((f.text(), f.charset()), (None, Charset::Unknown { eci: None }));
    // Windows-1258 Vietnamese (no ECI exists for it): no text either.
    let (px, side) = render_segments(&[QrSegment::make_bytes(b"Nguy\xd2n")]);
    let f = image::decode_gray(&px, side as u32, side as u32, side)
        .unwrap()
        .remove(0);
    assert_eq!(f.text(), None);
}

#[test]
fn garbage_gives_an_error() {
    let noise: Vec<u8> = (0..300u32 * 200)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_eq!(image::decode_gray(&noise, 300, 200, 300), Err(Error::NotFound));
    // Pure noise is "no code", not "a code seen but unreadable" (#20: the
    // photo reader's grids on noise pass the format check half the time).
    for side in (75..=195).step_by(12) {
        let stride = side + 5;
        let mut seed: u32 = 12345;
        let px: Vec<u8> = (0..stride * side)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (seed >> 16) as u8
            })
            .collect();
        assert_eq!(
            image::decode_gray(&px, side as u32, side as u32, stride),
            Err(Error::NotFound),
            "{side}"
        );
    }
    for fill in [0u8, 255, 128] {
        assert_eq!(
            image::decode_gray(&vec![fill; 100 * 100], 100, 100, 100),
            Err(Error::NotFound)
        );
        assert_eq!(
            image::decode_rgba(&vec![fill; 4 * 64 * 64], 64, 64, 256),
            Err(Error::NotFound)
        );
    }
    assert_eq!(image::decode_gray(&[0], 1, 1, 1).unwrap_err().code(), "image_too_small");
    assert_eq!(image::decode_gray(&[], 0, 0, 0).unwrap_err().code(), "image_too_small");
    // Huge dimensions are refused before anything is read or allocated.
    for (w, h) in [(u32::MAX, u32::MAX), (image::MAX_SIDE + 1, 30), (10_000, 10_000)] {
        assert_eq!(
            image::decode_gray(&[0; 16], w, h, w as usize).unwrap_err().code(),
            "image_too_large"
        );
        assert_eq!(
            image::decode_rgba(&[0; 16], w, h, usize::MAX).unwrap_err().code(),
            "image_too_large"
        );
    }
    // Stride shorter than a row, and buffers shorter than stride × height.
    assert_eq!(
        image::decode_gray(&[0; 4000], 40, 40, 39),
        Err(Error::Stride { stride: 39, row: 40 })
    );
    assert_eq!(
        image::decode_rgba(&[0; 40000], 40, 40, 159).unwrap_err().code(),
        "image_stride"
    );
    assert_eq!(
        image::decode_gray(&[0; 1599], 40, 40, 40),
        Err(Error::BufferTooShort {
            len: 1599,
            needed: 1600
        })
    );
    assert_eq!(
        image::decode_gray(&[0; 100], 40, 40, usize::MAX).unwrap_err().code(),
        "image_buffer_short"
    );
    assert_eq!(
        image::decode_rgba(&[0; 6399], 40, 40, 160).unwrap_err().code(),
        "image_buffer_short"
    );
}

#[test]
fn a_damaged_code_is_reported_as_seen_but_unreadable() {
    let text = "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html";
    let (mut px, side) = render_text(text, 4);
    // Scratch out the middle third: finders intact, data beyond repair.
    for y in side / 3..2 * side / 3 {
        for x in side / 3..2 * side / 3 {
            px[y * side + x] = if (x / 3 + y / 5) % 2 == 0 { 0 } else { 255 };
        }
    }
    let err = image::decode_gray(&px, side as u32, side as u32, side).unwrap_err();
    assert!(matches!(err, Error::Unreadable { found } if found >= 1), "{err:?}");
    assert_eq!(err.code(), "image_qr_unreadable");
}

#[test]
fn every_error_has_both_messages() {
    for code in Error::ALL_CODES {
        let (en, vi) = Error::code_message(code).unwrap();
        assert!(!en.is_empty() && !vi.is_empty() && en != vi, "{code}");
    }
    assert_eq!(Error::code_message("nope"), None);
    let e = Error::TooSmall {
        width: 1,
        height: 1,
        min: 21,
    };
    assert!(e.message_vi().contains("21×21") && e.message().contains("21×21"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any size, stride, length and content: an answer, never a panic or
    /// an out-of-bounds read.
    #[test]
    fn never_panics(
        w in 0u32..80, h in 0u32..80, extra in 0usize..9, short in 0usize..3,
        seed in any::<u64>(), rgba in any::<bool>(),
    ) {
        let bpp = if rgba { 4 } else { 1 };
        let stride = (w as usize * bpp + extra).saturating_sub(short);
        let len = (stride * h as usize).saturating_sub(short * 7);
        let mut s = seed | 1;
        let data: Vec<u8> = (0..len).map(|_| { s ^= s << 13; s ^= s >> 7; s ^= s << 17; s as u8 }).collect();
        let r = if rgba { image::decode_rgba(&data, w, h, stride) } else { image::decode_gray(&data, w, h, stride) };
        if let Ok(found) = r {
            prop_assert!(!found.is_empty());
        }
    }
}
