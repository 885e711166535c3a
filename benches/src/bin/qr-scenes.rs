//! Reads the generated scenes (`motcua_benches::scenes`) with motcua,
//! quircs and rqrr: codes read out of codes in each kind, ms per image.
//! With `--png DIR` also writes the images and a manifest for
//! `scripts/bench-image`'s zxing-cpp run.
//!
//! `qr-scenes [--variants N] [--reps N] [--png DIR] [--out FILE] [--misses]`

use std::io::Write as _;
use std::time::Instant;

use motcua_benches::qrset::{Sample, ENGINES};
use motcua_benches::scenes::{self, Kind};

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let variants: u32 = opt("--variants").and_then(|v| v.parse().ok()).unwrap_or(4);
    let reps: u32 = opt("--reps").and_then(|v| v.parse().ok()).unwrap_or(1);
    let only = opt("--engine");
    let misses = args.iter().any(|a| a == "--misses");
    let mut rows = Vec::new();
    let mut manifest = Vec::new();
    for kind in Kind::ALL {
        for v in 0..variants {
            let Some(sc) = scenes::scene(kind, v) else { continue };
            if let Some(dir) = opt("--png") {
                let img = format!("{dir}/img");
                std::fs::create_dir_all(&img).expect("create the image directory");
                let file = format!("img/{}.png", sc.name());
                image::save_buffer(
                    format!("{dir}/{file}"),
                    &sc.pixels,
                    sc.width as u32,
                    sc.height as u32,
                    image::ExtendedColorType::L8,
                )
                .expect("write a PNG");
                manifest.push(serde_json::json!({"file": file, "kind": kind.name(), "expected": sc.expected}));
            }
            let s = Sample::gray(sc.width, sc.height, sc.pixels.clone());
            for (name, engine) in ENGINES {
                if only.as_deref().is_some_and(|o| o != name) {
                    continue;
                }
                let t = Instant::now();
                let got = std::panic::catch_unwind(|| engine(&s)).unwrap_or_default();
                let mut ns = t.elapsed().as_nanos() as f64;
                if reps > 1 {
                    let t = Instant::now();
                    for _ in 0..reps {
                        let _ = std::panic::catch_unwind(|| std::hint::black_box(engine(std::hint::black_box(&s))));
                    }
                    ns = t.elapsed().as_nanos() as f64 / f64::from(reps);
                }
                let read = sc
                    .expected
                    .iter()
                    .filter(|e| got.iter().any(|g| g == e.as_bytes()))
                    .count();
                if read < sc.expected.len() && misses {
                    eprintln!("miss: {name} {} ({read}/{})", sc.name(), sc.expected.len());
                }
                rows.push(serde_json::json!({
                    "engine": name, "kind": kind.name(), "image": sc.name(), "read": read,
                    "codes": sc.expected.len(), "ns": ns, "pixels": sc.width * sc.height,
                }));
            }
        }
    }
    if let Some(dir) = opt("--png") {
        std::fs::write(
            format!("{dir}/manifest.json"),
            serde_json::to_string(&manifest).expect("JSON"),
        )
        .expect("write the manifest");
    }
    let engines: Vec<&str> = ENGINES
        .iter()
        .map(|e| e.0)
        .filter(|e| only.as_deref().is_none_or(|o| o == *e))
        .collect();
    eprintln!(
        "{:<14}{}",
        "kind",
        engines.iter().map(|e| format!("{e:>20}")).collect::<String>()
    );
    for kind in Kind::ALL {
        let mut line = format!("{:<14}", kind.name());
        for e in &engines {
            let r: Vec<_> = rows
                .iter()
                .filter(|r| r["engine"] == *e && r["kind"] == kind.name())
                .collect();
            let read: u64 = r.iter().map(|r| r["read"].as_u64().unwrap_or(0)).sum();
            let codes: u64 = r.iter().map(|r| r["codes"].as_u64().unwrap_or(0)).sum();
            let ms = r.iter().map(|r| r["ns"].as_f64().unwrap_or(0.0)).sum::<f64>() / r.len().max(1) as f64 / 1e6;
            line += &format!("{:>11} {:>6.1}ms", format!("{read}/{codes}"), ms);
        }
        eprintln!("{line}");
    }
    let out = opt("--out").unwrap_or_else(|| "target/qr-scenes/rust.json".into());
    if let Some(parent) = std::path::Path::new(&out).parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let mut f = std::fs::File::create(&out).expect("create the results file");
    writeln!(f, "{}", serde_json::Value::Array(rows)).expect("write the results");
}
