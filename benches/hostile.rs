//! Hostile sizes (issue #6): every public entry point refuses input over its
//! documented maximum before looking at it, and inputs up to the maximum
//! cost time linear in their length — the worst shapes we know at half and
//! full size (a ratio near 2 is linear; near 4 would be quadratic).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use motcua::{cccd, dossier, qr};

/// A CCCD-shaped payload of exactly `n` bytes whose name is one letter and
/// then combining marks in descending class order (dot below 220, acute
/// 230, alternating): the NFC path's worst case (every run needs sorting).
fn marks(n: usize) -> String {
    let head = "001090123456||a";
    let tail = "|01011990|Nam|Hà Nội|15042021";
    let mut s = String::from(head);
    let mut i = 0;
    while s.len() + tail.len() + 2 <= n {
        s.push(if i % 2 == 0 { '\u{301}' } else { '\u{323}' });
        i += 1;
    }
    s + tail
}

/// `n` bytes of mojibake: a Vietnamese name garbled as Windows-1252.
fn mojibake(n: usize) -> String {
    let mut name = String::new();
    while cccd::garble_as_windows1252(&name).len() + 60 < n {
        name.push_str("Nguyễn ");
    }
    cccd::garble_as_windows1252(&format!("001090123456||{name}A|01011990|Nam|Hà Nội|15042021"))
}

/// A dossier payload of about `n` bytes: a URL with many unknown tags.
fn dossier_url(n: usize) -> String {
    let mut s = String::from("https://p.example.vn/?hs=000.00.53.H48-261120-0042&qr=1/TT:1.001612");
    while s.len() + 8 <= n {
        s.push_str("/ZZ:ABCD");
    }
    s
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("hostile");
    g.warm_up_time(Duration::from_millis(300));
    g.measurement_time(Duration::from_secs(1));
    let mib = vec![b'1'; 1 << 20];
    let mib_str = std::str::from_utf8(&mib).unwrap_or_default();
    g.bench_function("cccd_scan_1MiB", |b| {
        b.iter(|| cccd::repair_bytes(black_box(&mib)).is_ok())
    });
    g.bench_function("cccd_parse_1MiB", |b| {
        b.iter(|| cccd::parse(black_box(mib_str)).is_ok())
    });
    g.bench_function("dossier_decode_1MiB", |b| {
        b.iter(|| dossier::decode(black_box(mib_str)).is_ok())
    });
    g.bench_function("qr_encode_1MiB", |b| {
        b.iter(|| qr::encode(black_box(mib_str), &qr::QrOptions::default()).is_ok())
    });
    for (name, half, full) in [
        ("cccd_scan_marks", marks(1024), marks(cccd::MAX_PAYLOAD_LEN)),
        ("cccd_scan_mojibake", mojibake(1024), mojibake(cccd::MAX_PAYLOAD_LEN)),
    ] {
        g.bench_function(format!("{name}_half"), |b| {
            b.iter(|| cccd::repair(black_box(&half)).map(|r| r.text().len()))
        });
        g.bench_function(format!("{name}_full"), |b| {
            b.iter(|| cccd::repair(black_box(&full)).map(|r| r.text().len()))
        });
    }
    let (half, full) = (
        dossier_url(dossier::MAX_PAYLOAD_LEN / 2),
        dossier_url(dossier::MAX_PAYLOAD_LEN),
    );
    g.bench_function("dossier_decode_tags_half", |b| {
        b.iter(|| dossier::decode(black_box(&half)).is_ok())
    });
    g.bench_function("dossier_decode_tags_full", |b| {
        b.iter(|| dossier::decode(black_box(&full)).is_ok())
    });
    // 7089 digits fill version 40 at level L exactly.
    let low = qr::QrOptions {
        ecc: qr::Ecc::Low,
        boost_ecc: false,
        ..qr::QrOptions::default()
    };
    let (half, full) = ("7".repeat(qr::MAX_TEXT_LEN / 2), "7".repeat(qr::MAX_TEXT_LEN));
    g.bench_function("qr_encode_digits_half", |b| {
        b.iter(|| qr::encode(black_box(&half), &low).map(|q| q.version()))
    });
    g.bench_function("qr_encode_digits_full", |b| {
        b.iter(|| qr::encode(black_box(&full), &low).map(|q| q.version()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
