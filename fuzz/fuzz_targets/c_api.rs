//! The C API with arbitrary bytes, lengths and integer fields, called as a
//! C caller would (in-process, the same functions libmotcua exports).
//! Pointers are always valid for their length, except lengths beyond the
//! documented maximum, which must be refused before a byte is read. Every
//! success is freed (libFuzzer's leak check) and its views checked.
#![no_main]
#![allow(unsafe_code)]
use std::ffi::c_char;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use motcua_c::*;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    bytes: &'a [u8],
    /// 0: the whole buffer; 1: a prefix; 2: a length far past the buffer.
    len_mode: u8,
    cut: u16,
    as_of: Option<(u16, u8, u8)>,
    ints: [u32; 4],
    small: [u8; 6],
    split: [u16; 6],
}

/// A (pointer, length) into `b`.
fn s(b: &[u8]) -> motcua_str {
    motcua_str {
        data: b.as_ptr().cast::<c_char>(),
        len: b.len(),
    }
}

/// The bytes a view covers.
///
/// # Safety
/// The view comes from a successful call whose result is still alive.
unsafe fn bytes<'x>(v: motcua_str) -> &'x [u8] {
    // SAFETY: the library promises non-NULL data valid for len bytes.
    unsafe { std::slice::from_raw_parts(v.data.cast::<u8>(), v.len) }
}

fuzz_target!(|i: Input<'_>| {
    let b = i.bytes;
    let len = match i.len_mode % 3 {
        0 => b.len(),
        1 => b.len().min(usize::from(i.cut)),
        // Refused before reading: over every entry point's maximum.
        _ => usize::MAX - usize::from(i.cut),
    };
    let input = b.as_ptr().cast::<c_char>();
    let as_of = i.as_of.map(|(year, month, day)| motcua_date { year, month, day });
    let as_of_ptr = as_of.as_ref().map_or(std::ptr::null(), |d| d as *const _);

    // SAFETY (whole block): every pointer is valid for its length or the
    // length exceeds the documented maximum; outputs are freed once.
    unsafe {
        for scanned in [false, true] {
            let mut card: motcua_card = std::mem::zeroed();
            let r = if scanned {
                motcua_cccd_parse_scanned(input, len, as_of_ptr, &mut card)
            } else {
                motcua_cccd_parse(input, len, as_of_ptr, &mut card)
            };
            if r == motcua_result::Ok {
                for v in [card.id, card.old_id, card.name, card.address, card.province] {
                    assert!(!v.data.is_null());
                    assert!(std::str::from_utf8(bytes(v)).is_ok());
                }
                assert_eq!(bytes(card.id).len(), 12);
                if !card.owns_text {
                    let within = b.as_ptr_range();
                    let id = card.id.data.cast::<u8>();
                    assert!(within.contains(&id), "a view outside the input");
                }
                motcua_card_free(&mut card);
                motcua_card_free(&mut card); // twice is allowed
            } else {
                assert!(card.buffer.is_null(), "out written on error");
            }
        }

        let mut d: motcua_dossier = std::mem::zeroed();
        if motcua_dossier_decode(input, len, &mut d) == motcua_result::Ok {
            assert!(std::str::from_utf8(bytes(d.fields.dossier_code)).is_ok());
            motcua_dossier_free(&mut d);
        }

        // Encode from fields cut out of the input, with arbitrary integers.
        let whole = &b[..len.min(b.len())];
        let mut parts = Vec::new();
        let mut rest = whole;
        for n in i.split {
            let (a, z) = rest.split_at(usize::from(n).min(rest.len()));
            parts.push(a);
            rest = z;
        }
        let [ecc, paper, validity, privacy] = i.ints;
        let [h, m, sec, has_time, boost, minv] = i.small;
        let fields = motcua_dossier_fields {
            dossier_code: s(parts[0]),
            procedure_code: s(parts[1]),
            applicant: s(parts[2]),
            paper,
            paper_name: s(parts[3]),
            system: s(parts[4]),
            issued_at: motcua_datetime {
                date: as_of.unwrap_or_default(),
                hour: h,
                minute: m,
                second: sec,
            },
            appointment: motcua_appointment {
                date: as_of.unwrap_or_default(),
                has_time,
                hour: h,
                minute: m,
            },
            validity,
            validity_until: as_of.unwrap_or_default(),
            validity_text: s(parts[5]),
            scope: s(rest),
        };
        let opts = motcua_encode_options {
            base: s(parts[3]),
            privacy,
        };
        let mut text: motcua_text = std::mem::zeroed();
        for o in [std::ptr::null(), &opts as *const _] {
            if motcua_dossier_encode(&fields, o, &mut text) == motcua_result::Ok {
                let payload = bytes(motcua_str {
                    data: text.data,
                    len: text.len,
                });
                assert!(std::str::from_utf8(payload).is_ok());
                let mut back: motcua_dossier = std::mem::zeroed();
                assert_eq!(motcua_dossier_decode(text.data, text.len, &mut back), motcua_result::Ok);
                motcua_dossier_free(&mut back);
                motcua_text_free(&mut text);
            }
        }

        // QR: encode, read, render, free.
        let qopts = motcua_qr_options {
            ecc,
            boost_ecc: boost,
            min_version: minv % 42,
            max_version: h % 42,
        };
        let mut qr: *mut motcua_qr = std::ptr::null_mut();
        if motcua_qr_encode(input, len, &qopts, &mut qr) == motcua_result::Ok {
            let size = motcua_qr_size(qr);
            assert_eq!(size, 17 + 4 * usize::from(motcua_qr_version(qr)));
            let mut buf = vec![0u8; usize::from(i.split[0]) % (size * size + 2)];
            let mut n = 0;
            let r = motcua_qr_matrix(qr, buf.as_mut_ptr(), buf.len(), &mut n);
            assert!(r == motcua_result::Ok || r == motcua_result::InsufficientSize);
            let svg_opts = motcua_svg_options {
                quiet_zone: u32::from(sec % 8),
                caption: s(parts[0]),
                width: s(parts[1]),
            };
            let mut svg: motcua_text = std::mem::zeroed();
            if motcua_qr_svg(qr, &svg_opts, &mut svg) == motcua_result::Ok {
                motcua_text_free(&mut svg);
            }
            motcua_qr_free(qr);
        }

        // Messages for any code, any language, into any buffer size.
        let mut msg = vec![0xABu8 as c_char; usize::from(i.cut % 600)];
        let mut n = 0;
        if motcua_error_message(ecc % 400, validity % 3, msg.as_mut_ptr(), msg.len(), &mut n) == motcua_result::Ok {
            assert!(n < msg.len());
            assert_eq!(msg[n], 0);
        }
        let _ = motcua_error_code_str(paper);
    }
});
