//! Reads a folder of real QR photos (each `X.png|jpg|webp` with its
//! expected payload in `X.txt`, as in `../shared/qr-photos`) with motcua,
//! quircs and rqrr, in process, and writes per-image results as JSON lines
//! and a per-folder table (codes read, ms per image).
//!
//! `qr-photos DIR [--reps N] [--engine NAME] [--out FILE] [--misses]`
//!
//! A photo counts as read when any code's payload equals the expected
//! text: as bytes, or decoded as UTF-8, ISO-8859-1 or Shift_JIS (the
//! expected files hold what zxing-cpp decoded, which guesses the charset;
//! GBK for Hanzi-mode codes).

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use motcua_benches::qrset::{Sample, ENGINES};

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let Some(dir) = args.first().filter(|a| !a.starts_with("--")).cloned() else {
        eprintln!("usage: qr-photos DIR [--reps N] [--engine NAME] [--out FILE] [--misses]");
        std::process::exit(2);
    };
    let reps: u32 = opt("--reps").and_then(|v| v.parse().ok()).unwrap_or(1);
    let only = opt("--engine");
    let misses = args.iter().any(|a| a == "--misses");
    let mut photos = Vec::new();
    collect(Path::new(&dir), &mut photos);
    photos.sort();
    let mut rows = Vec::new();
    for path in &photos {
        let Some(expected) = expected(path) else { continue };
        let Ok(img) = image::open(path) else {
            eprintln!("cannot decode {}", path.display());
            continue;
        };
        let g = img.into_luma8();
        let s = Sample::gray(g.width() as usize, g.height() as usize, g.into_raw());
        let folder = path
            .parent()
            .and_then(|p| p.file_name())
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (name, engine) in ENGINES {
            if only.as_deref().is_some_and(|o| o != name) {
                continue;
            }
            // rqrr panics on some real photos: a panic is a miss.
            let t = Instant::now();
            let got = std::panic::catch_unwind(|| engine(&s)).unwrap_or_else(|_| {
                eprintln!("panic: {name} {}", path.display());
                Vec::new()
            });
            let mut ns = t.elapsed().as_nanos() as f64;
            if reps > 1 {
                let t = Instant::now();
                for _ in 0..reps {
                    let _ = std::panic::catch_unwind(|| std::hint::black_box(engine(std::hint::black_box(&s))));
                }
                ns = t.elapsed().as_nanos() as f64 / f64::from(reps);
            }
            let ok = got.iter().any(|p| matches(p, &expected));
            if !ok && misses {
                eprintln!("miss: {name} {} ({} codes)", path.display(), got.len());
            }
            rows.push(serde_json::json!({
                "engine": name, "folder": folder, "image": path.file_name().map(|f| f.to_string_lossy().into_owned()),
                "ok": ok, "ns": ns, "pixels": s.width * s.height,
            }));
        }
    }
    // Per folder: read / photos and mean ms, for each engine.
    let mut table: BTreeMap<(String, String), (usize, usize, f64)> = BTreeMap::new();
    for r in &rows {
        let key = (
            r["folder"].as_str().unwrap_or("").to_owned(),
            r["engine"].as_str().unwrap_or("").to_owned(),
        );
        let e = table.entry(key).or_default();
        e.0 += usize::from(r["ok"] == true);
        e.1 += 1;
        e.2 += r["ns"].as_f64().unwrap_or(0.0) / 1e6;
        let total = table
            .entry(("total".into(), r["engine"].as_str().unwrap_or("").to_owned()))
            .or_default();
        total.0 += usize::from(r["ok"] == true);
        total.1 += 1;
        total.2 += r["ns"].as_f64().unwrap_or(0.0) / 1e6;
    }
    let engines: Vec<&str> = ENGINES
        .iter()
        .map(|e| e.0)
        .filter(|e| only.as_deref().is_none_or(|o| o == *e))
        .collect();
    eprintln!(
        "{:<12}{}",
        "folder",
        engines.iter().map(|e| format!("{e:>20}")).collect::<String>()
    );
    let folders: Vec<String> = {
        let mut f: Vec<String> = table.keys().map(|k| k.0.clone()).collect();
        f.dedup();
        f.retain(|x| x != "total");
        f.push("total".into());
        f
    };
    for folder in folders {
        let mut line = format!("{folder:<12}");
        for e in &engines {
            if let Some((ok, n, ms)) = table.get(&(folder.clone(), (*e).to_owned())) {
                line += &format!("{:>11} {:>6.1}ms", format!("{ok}/{n}"), ms / *n as f64);
            }
        }
        eprintln!("{line}");
    }
    let out = opt("--out").unwrap_or_else(|| "target/qr-photos/rust.json".into());
    if let Some(parent) = Path::new(&out).parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let mut f = std::fs::File::create(&out).expect("create the results file");
    writeln!(f, "{}", serde_json::Value::Array(rows)).expect("write the results");
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

/// The expected payload: `X.txt` (or `X.bin`) beside `X.png`.
fn expected(photo: &Path) -> Option<Vec<u8>> {
    ["txt", "bin"]
        .iter()
        .find_map(|ext| std::fs::read(photo.with_extension(ext)).ok())
}

/// Whether `got` is the expected payload, as bytes or as text in one of the
/// character sets a reader may have guessed.
fn matches(got: &[u8], expected: &[u8]) -> bool {
    if got == expected {
        return true;
    }
    let Ok(want) = std::str::from_utf8(expected) else {
        return false;
    };
    let latin1: String = got.iter().map(|&b| char::from(b)).collect();
    let (sjis, _, bad) = encoding_rs::SHIFT_JIS.decode(got);
    let (gbk, _, bad_gb) = encoding_rs::GBK.decode(got);
    latin1 == want || (!bad && sjis == want) || (!bad_gb && gbk == want)
}
