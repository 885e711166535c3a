//! Reads the distorted QR set (`motcua_benches::qrset`) with motcua's
//! reader and with rqrr and quircs as shipped, and writes the per-image
//! results as JSON. With `--png DIR` it also writes the images (PNG) and a
//! manifest for `scripts/bench-image`'s zxing-cpp and node runs (and the
//! raw grey pixels, `.gray`, for node).
//!
//! `qr-read [--variants N] [--reps N] [--png DIR] [--out FILE]`

use std::io::Write as _;
use std::time::Instant;

use motcua_benches::qrset::{self, Class, ENGINES};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let variants: u32 = opt("--variants").and_then(|v| v.parse().ok()).unwrap_or(3);
    let reps: u32 = opt("--reps").and_then(|v| v.parse().ok()).unwrap_or(3);
    let only: Option<String> = opt("--engine");
    let payloads = qrset::payloads();
    let set = qrset::set(variants);
    if let Some(dir) = opt("--png") {
        let img = format!("{dir}/img");
        std::fs::create_dir_all(&img).expect("create the image directory");
        let mut manifest = Vec::new();
        for s in &set {
            let path = format!("{img}/{}.png", s.name());
            image::save_buffer(
                &path,
                &s.pixels,
                s.width as u32,
                s.height as u32,
                image::ExtendedColorType::L8,
            )
            .expect("write a PNG");
            std::fs::write(format!("{img}/{}.gray", s.name()), &s.pixels).expect("write the raw pixels");
            manifest.push(serde_json::json!({
                "file": format!("img/{}.png", s.name()),
                "gray": format!("img/{}.gray", s.name()),
                "width": s.width,
                "height": s.height,
                "class": s.class.name(),
                "expected": payloads[s.payload],
            }));
        }
        std::fs::write(
            format!("{dir}/manifest.json"),
            serde_json::to_string(&manifest).unwrap(),
        )
        .unwrap();
        eprintln!("wrote {} images to {img}", set.len());
    }
    let mut rows = Vec::new();
    for (name, engine) in ENGINES {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        for s in &set {
            let expected = payloads[s.payload].as_bytes();
            let got = engine(s); // warm-up, and the answer
            let ok = got.iter().any(|p| p == expected);
            if !ok && args.iter().any(|a| a == "--misses") {
                eprintln!("miss: {name} {}", s.name());
            }
            let t = Instant::now();
            for _ in 0..reps {
                std::hint::black_box(engine(std::hint::black_box(s)));
            }
            let ns = t.elapsed().as_nanos() as f64 / f64::from(reps);
            rows.push(serde_json::json!({
                "engine": name, "class": s.class.name(), "image": s.name(), "ok": ok, "ns": ns,
                "pixels": s.width * s.height,
            }));
        }
    }
    // A quick table on stderr: rate and mean ms per class.
    eprintln!("{:<14} {}", "class", ENGINES.map(|e| format!("{:>18}", e.0)).join(""));
    for class in Class::ALL {
        let mut line = format!("{:<14}", class.name());
        for (name, _) in ENGINES {
            let r: Vec<_> = rows
                .iter()
                .filter(|r| r["engine"] == name && r["class"] == class.name())
                .collect();
            if r.is_empty() {
                line += &format!("{:>18}", "-");
                continue;
            }
            let ok = r.iter().filter(|r| r["ok"] == true).count();
            let ms = r.iter().map(|r| r["ns"].as_f64().unwrap()).sum::<f64>() / r.len() as f64 / 1e6;
            line += &format!("{:>10} {:>6.2}ms", format!("{ok}/{}", r.len()), ms);
        }
        eprintln!("{line}");
    }
    let out = opt("--out").unwrap_or_else(|| "target/qrset/rust.json".into());
    if let Some(parent) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    let mut f = std::fs::File::create(&out).expect("create the results file");
    writeln!(f, "{}", serde_json::Value::Array(rows)).unwrap();
}
