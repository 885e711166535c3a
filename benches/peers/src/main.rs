//! rxing 0.9.3 on the image benchmark's sets, timed in process around its
//! call only (the image already decoded to grey), as `qr-photos` and
//! `qr-scenes` time the Rust engines of the main workspace.
//!
//! `rxing-read --photos DIR [--reps N] --out FILE`: every `X.png|jpg|webp`
//!   under DIR with `X.txt` (or `X.bin`) holding the expected payload.
//! `rxing-read --manifest DIR/manifest.json [--reps N] --out FILE`: the
//!   images `qr-read` and `qr-scenes` write (`file`, `expected` text or list,
//!   and `class` or `kind`).
//!
//! Rows: `{"engine":"rxing","group",...,"image","read","codes","ns"}`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rxing::common::HybridBinarizer;
use rxing::multi::{GenericMultipleBarcodeReader, MultipleBarcodeReader};
use rxing::{BarcodeFormat, BinaryBitmap, DecodeHints, Luma8LuminanceSource, MultiUseMultiFormatReader};

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let reps: u32 = opt("--reps").and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
    let out = opt("--out").unwrap_or_else(|| "target/qr-bench/rxing.json".into());
    // (group, image path, expected payloads)
    let mut jobs: Vec<(String, PathBuf, Vec<Vec<u8>>)> = Vec::new();
    if let Some(dir) = opt("--photos") {
        let mut photos = Vec::new();
        collect(Path::new(&dir), &mut photos);
        photos.sort();
        for p in photos {
            let Some(exp) = ["txt", "bin"]
                .iter()
                .find_map(|e| std::fs::read(p.with_extension(e)).ok())
            else {
                continue;
            };
            let group = p
                .parent()
                .and_then(|d| d.file_name())
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            jobs.push((group, p, vec![exp]));
        }
    } else if let Some(manifest) = opt("--manifest") {
        let base = Path::new(&manifest).parent().unwrap_or(Path::new("."));
        let text = std::fs::read_to_string(&manifest).expect("read the manifest");
        let rows: serde_json::Value = serde_json::from_str(&text).expect("manifest JSON");
        for r in rows.as_array().into_iter().flatten() {
            let group = r["class"].as_str().or(r["kind"].as_str()).unwrap_or("").to_owned();
            let file = base.join(r["file"].as_str().unwrap_or(""));
            let expected: Vec<Vec<u8>> = match &r["expected"] {
                serde_json::Value::String(s) => vec![s.as_bytes().to_vec()],
                serde_json::Value::Array(a) => a
                    .iter()
                    .filter_map(|s| s.as_str())
                    .map(|s| s.as_bytes().to_vec())
                    .collect(),
                _ => Vec::new(),
            };
            jobs.push((group, file, expected));
        }
    } else {
        eprintln!("usage: rxing-read (--photos DIR | --manifest FILE) [--reps N] [--out FILE]");
        std::process::exit(2);
    }
    let mut rows = Vec::new();
    for (group, path, expected) in jobs {
        let Ok(img) = image::open(&path) else {
            eprintln!("cannot decode {}", path.display());
            continue;
        };
        let g = img.into_luma8();
        let (w, h) = (g.width(), g.height());
        let luma = g.into_raw();
        let got = std::panic::catch_unwind(|| read(&luma, w, h)).unwrap_or_default();
        let t = Instant::now();
        for _ in 0..reps {
            let _ = std::panic::catch_unwind(|| std::hint::black_box(read(std::hint::black_box(&luma), w, h)));
        }
        let ns = t.elapsed().as_nanos() as f64 / f64::from(reps);
        let read = expected.iter().filter(|e| got.iter().any(|g| matches(g, e))).count();
        rows.push(serde_json::json!({
            "engine": "rxing", "group": group,
            "image": path.file_name().map(|f| f.to_string_lossy().into_owned()),
            "read": read, "codes": expected.len(), "ns": ns,
        }));
    }
    if let Some(parent) = Path::new(&out).parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    std::fs::write(&out, serde_json::Value::Array(rows).to_string()).expect("write the results");
}

/// Every QR code rxing finds (multi-code reader, QR only, try-harder as its
/// helpers set it): the payload texts.
fn read(luma: &[u8], w: u32, h: u32) -> Vec<String> {
    let hints = DecodeHints::default()
        .with(rxing::DecodeHintValue::TryHarder(true))
        .with(rxing::DecodeHintValue::PossibleFormats(HashSet::from([
            BarcodeFormat::QR_CODE,
        ])));
    let Ok(source) = Luma8LuminanceSource::new(luma.to_vec(), w, h) else {
        return Vec::new();
    };
    let mut bitmap = BinaryBitmap::new(HybridBinarizer::new(source));
    let mut reader = GenericMultipleBarcodeReader::new(MultiUseMultiFormatReader::default());
    reader
        .decode_multiple_with_hints(&mut bitmap, &hints)
        .map(|r| r.into_iter().map(|x| x.getText().to_owned()).collect())
        .unwrap_or_default()
}

/// rxing gives text (its charset guess, as zxing-cpp's expected files hold).
fn matches(got: &str, expected: &[u8]) -> bool {
    std::str::from_utf8(expected).is_ok_and(|e| e == got)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| ["png", "jpg", "jpeg", "webp"].contains(&x.to_string_lossy().as_ref()))
        {
            out.push(p);
        }
    }
}
