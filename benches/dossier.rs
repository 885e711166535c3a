//! Dossier QR: record → SVG with motcua (qrcodegen + optimal segments) vs the
//! `fast_qr` crate making an SVG of the same payload; codec timings; and the
//! QR version/size of each sample paper (written for scripts/bench).
//!
//! Run with `scripts/bench` (writes BENCHMARKS.md) or `cargo bench -p motcua-benches --bench dossier`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use motcua::dossier::{self, EncodeOptions, Privacy};
use motcua::qr::{self, QrOptions, SvgOptions};
use motcua_benches::qr_baselines;

fn sizes() {
    let mut rows = Vec::new();
    for (name, record) in dossier::samples() {
        for privacy in [Privacy::Full, Privacy::Masked, Privacy::Omitted] {
            let Ok(payload) = dossier::encode(
                &record,
                &EncodeOptions {
                    privacy,
                    ..Default::default()
                },
            ) else {
                continue;
            };
            let exact = QrOptions {
                boost_ecc: false,
                ..QrOptions::default()
            };
            let Ok(code) = qr::encode(&payload, &exact) else {
                continue;
            };
            let one_mode = qrcodegen::QrCode::encode_text(&payload, qrcodegen::QrCodeEcc::Medium)
                .map(|c| c.version().value())
                .unwrap_or(0);
            let fast_version = qr_baselines::fast_qr_symbol(&payload).map_or(0, |s| s.version);
            let qrcode_version = qr_baselines::qrcode_symbol(&payload).map_or(0, |s| s.version);
            rows.push(format!(
                "{{\"paper\": \"{name}\", \"privacy\": \"{privacy:?}\", \"bytes\": {}, \"version\": {}, \"size\": {}, \"one_mode_version\": {one_mode}, \"fast_qr_version\": {fast_version}, \"qrcode_version\": {qrcode_version}}}",
                payload.len(),
                code.version(),
                code.size()
            ));
        }
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/criterion");
    if std::fs::create_dir_all(dir).is_ok() {
        let _ = std::fs::write(
            format!("{dir}/motcua-dossier-sizes.json"),
            format!("[{}]", rows.join(",\n")),
        );
    }
}

fn bench(c: &mut Criterion) {
    sizes();
    let record = dossier::sample_receipt();
    let opts = EncodeOptions::default();
    let Ok(payload) = dossier::encode(&record, &opts) else {
        return;
    };
    let mut g = c.benchmark_group("dossier_svg");
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("motcua_record_to_svg", |b| {
        b.iter(|| {
            let p = dossier::encode(black_box(&record), &opts).unwrap_or_default();
            qr::encode(&p, &QrOptions::default())
                .map(|q| q.to_svg(&SvgOptions::default()))
                .unwrap_or_default()
        })
    });
    g.bench_function("motcua_payload_to_svg", |b| {
        b.iter(|| {
            qr::encode(black_box(&payload), &QrOptions::default())
                .map(|q| q.to_svg(&SvgOptions::default()))
                .unwrap_or_default()
        })
    });
    g.bench_function("fast_qr_payload_to_svg", |b| {
        b.iter(|| qr_baselines::fast_qr_svg(black_box(&payload)))
    });
    g.bench_function("qrcode_payload_to_svg", |b| {
        b.iter(|| qr_baselines::qrcode_svg(black_box(&payload)))
    });
    g.finish();

    let mut g = c.benchmark_group("dossier_codec");
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(2));
    g.bench_function("encode", |b| b.iter(|| dossier::encode(black_box(&record), &opts)));
    g.bench_function("decode", |b| b.iter(|| dossier::decode(black_box(&payload)).is_ok()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
