//! CCCD parsing: motcua vs the naive owned baseline, on the same payloads.
//! Run with `scripts/bench` (writes BENCHMARKS.md) or `cargo bench -p motcua-benches`.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use motcua::cccd;
use motcua_benches::{inputs, naive};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let as_of = as_of();
    let sets = [
        ("clean", inputs::clean()),
        ("mojibake", inputs::mojibake()),
        ("nfd", inputs::nfd()),
    ];
    // Input sizes, for scripts/bench's report.
    let sizes: Vec<String> = sets
        .iter()
        .map(|(state, p)| format!("\"{state}\": {:?}", p.iter().map(String::len).collect::<Vec<_>>()))
        .collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/criterion");
    if std::fs::create_dir_all(dir).is_ok() {
        let _ = std::fs::write(format!("{dir}/motcua-inputs.json"), format!("{{{}}}", sizes.join(", ")));
    }
    for (state, payloads) in &sets {
        let mut g = c.benchmark_group(format!("cccd_{state}"));
        g.throughput(Throughput::Elements(payloads.len() as u64));
        g.warm_up_time(Duration::from_millis(500));
        g.measurement_time(Duration::from_secs(2));
        if *state == "clean" {
            g.bench_function("motcua_parse", |b| {
                b.iter(|| {
                    for p in payloads {
                        let _ = black_box(cccd::parse_as_of(black_box(p), as_of).map(|c| c.expiry_date()));
                    }
                })
            });
        }
        g.bench_function("motcua_repair_parse", |b| {
            b.iter(|| {
                for p in payloads {
                    let r = cccd::repair(black_box(p));
                    let _ = black_box(r.map(|r| r.parse_as_of(as_of).map(|c| c.expiry_date()).is_ok()));
                }
            })
        });
        if *state == "clean" {
            g.bench_function("naive_owned", |b| {
                b.iter(|| {
                    for p in payloads {
                        let _ = black_box(naive::parse(black_box(p), as_of).map(|c| c.expiry_date));
                    }
                })
            });
        }
        g.bench_function("naive_owned_repairing", |b| {
            b.iter(|| {
                for p in payloads {
                    let _ = black_box(naive::parse_repairing(black_box(p), as_of).map(|c| c.expiry_date));
                }
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
