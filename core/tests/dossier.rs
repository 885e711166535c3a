//! Dossier QR: validators, payload codec v1, rendering read back by an
//! independent decoder (rqrr).

use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeZone};
use motcua::dossier::{
    self, decode, encode, validate_applicant, validate_dossier_code, validate_procedure_code, validate_unit_code,
    ApplicantKind, EncodeOptions, Error, Field, Paper, Privacy, Record, UnitForm, Validity, VIETNAM,
};
use motcua::qr::{self, Ecc, QrOptions, SvgOptions};

fn code<T>(r: Result<T, Error>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(e) => e.code(),
    }
}

#[test]
fn unit_codes() {
    let full = validate_unit_code("000.00.53.H48").unwrap();
    assert_eq!((full.form(), full.level1()), (UnitForm::Full, "H48"));
    for (s, level1) in [
        ("38.98.H29", "H29"),
        ("98.H29", "H29"),
        ("H49", "H49"),
        ("H55.242", "H55"),
    ] {
        let u = validate_unit_code(s).unwrap();
        assert_eq!((u.form(), u.level1()), (UnitForm::Short, level1), "{s}");
    }
    for (s, want) in [
        ("", "unit_code_format"),
        ("000.00.53.h48", "unit_code_level1"),
        ("000.00.53", "unit_code_level1"),
        ("00.00.53.H48", "unit_code_format"),
        ("000.00.53.H48.1", "unit_code_format"),
        ("000..53.H48", "unit_code_format"),
        ("000.00.53.H48 ", "unit_code_level1"),
        ("H55.2422", "unit_code_format"),
        ("1.2.3.4.H48", "unit_code_format"),
    ] {
        assert_eq!(code(validate_unit_code(s)), want, "{s:?}");
    }
}

#[test]
fn dossier_codes() {
    let c = validate_dossier_code("000.00.53.H48-220921-0099").unwrap();
    assert_eq!(c.unit().as_str(), "000.00.53.H48");
    assert_eq!(c.unit().form(), UnitForm::Full);
    assert_eq!(c.date(), NaiveDate::from_ymd_opt(2022, 9, 21).unwrap());
    assert_eq!(c.sequence(), 99);
    let short = validate_dossier_code("38.98.H29-210519-0003").unwrap();
    assert_eq!(
        (short.unit().as_str(), short.unit().form()),
        ("38.98.H29", UnitForm::Short)
    );
    assert_eq!(short.sequence(), 3);
    let r = decode("38.98.H29-210519-0003").unwrap();
    assert_eq!(
        r.warnings().iter().map(|w| w.code()).collect::<Vec<_>>(),
        ["unit_code_short"]
    );
    for (s, want) in [
        ("", "dossier_code_format"),
        ("000.00.53.H48-220921", "dossier_code_format"),
        ("000.00.53.H48-220921-099", "dossier_code_format"),
        ("000.00.53.H48-22092-0099", "dossier_code_format"),
        ("000.00.53.H48-220231-0099", "dossier_date_invalid"),
        ("000.00.53.H48-221321-0099", "dossier_date_invalid"),
        ("000.00.53.H48-220921-0000", "dossier_sequence_invalid"),
        ("000.00.53.X-220921-0001", "unit_code_level1"),
        ("0.00.53.H48-220921-0001", "unit_code_format"),
        ("000.00.53.H48-220921-0099\r\n", "dossier_code_format"),
    ] {
        assert_eq!(code(validate_dossier_code(s)), want, "{s:?}");
    }
}

#[test]
fn procedure_codes() {
    let national = validate_procedure_code("1.001612").unwrap();
    assert_eq!(
        (national.national(), national.unit(), national.extra()),
        ("1.001612", None, None)
    );
    let provincial = validate_procedure_code("1.001612.000.00.00.H48").unwrap();
    assert_eq!(provincial.national(), "1.001612");
    assert_eq!(provincial.unit().unwrap().as_str(), "000.00.00.H48");
    assert_eq!(provincial.extra(), None);
    let extra = validate_procedure_code("2.000884.000.00.00.H48.01").unwrap();
    assert_eq!(extra.unit().unwrap().as_str(), "000.00.00.H48");
    assert_eq!(extra.extra(), Some("01"));
    assert_eq!(
        validate_procedure_code("3.000181.H55.242")
            .unwrap()
            .unit()
            .unwrap()
            .as_str(),
        "H55.242"
    );
    for (s, want) in [
        ("", "procedure_code_format"),
        ("1.00161", "procedure_code_format"),
        ("1-001612", "procedure_code_format"),
        ("1.0016123", "procedure_code_format"),
        ("A.001612", "procedure_code_format"),
        ("4.001612", "procedure_code_group"),
        ("0.001612", "procedure_code_group"),
        ("1.001612.", "procedure_suffix_invalid"),
        ("1.001612.000.00.00.H48.0001", "procedure_suffix_invalid"),
        ("1.001612.xyz", "procedure_suffix_invalid"),
    ] {
        assert_eq!(code(validate_procedure_code(s)), want, "{s:?}");
    }
}

#[test]
fn applicants() {
    let person = validate_applicant("001090123456").unwrap();
    assert_eq!(person.kind(), ApplicantKind::Person);
    assert_eq!(person.id_number().unwrap().province().unwrap().name, "Hà Nội");
    assert_eq!(person.masked().as_str(), "*********456");
    assert_eq!(person.masked().kind(), ApplicantKind::Masked);
    // Check digits from python-stdnum's vn.mst examples.
    assert_eq!(validate_applicant("0100233488").unwrap().kind(), ApplicantKind::TaxCode);
    let branch = validate_applicant("0314409058-002").unwrap();
    assert_eq!(branch.kind(), ApplicantKind::TaxCode);
    assert_eq!(branch.masked().as_str(), "*******058-002");
    let unit = validate_applicant("000.00.00.H49").unwrap();
    assert_eq!(unit.kind(), ApplicantKind::Unit);
    assert_eq!(unit.masked().as_str(), "000.00.00.H49");
    for (s, want) in [
        ("", "applicant_format"),
        ("123456789", "applicant_format"),
        ("00109012345", "applicant_format"),
        ("0010901234567", "applicant_format"),
        ("999090123456", "applicant_id_province"),
        ("0100233480", "tax_code_check_digit"),
        ("0100000000", "tax_code_check_digit"),
        ("0314409058-000", "tax_code_check_digit"),
        ("0314409058_002", "applicant_format"),
        ("*********456", "applicant_masked"),
        ("H4", "applicant_format"),
    ] {
        assert_eq!(code(validate_applicant(s)), want, "{s:?}");
    }
    // Debug never shows the digits in the middle.
    assert!(!format!("{person:?}").contains("090123"));
    assert!(!format!("{:?}", dossier::sample_receipt()).contains("090123"));
}

fn opts(base: &str) -> EncodeOptions<'_> {
    EncodeOptions {
        base,
        ..Default::default()
    }
}

#[test]
fn every_sample_round_trips_and_says_what_it_is() {
    let samples = dossier::samples();
    assert_eq!(samples.len(), 3);
    for (name, record) in samples {
        assert!(record.missing().is_empty(), "{name}");
        let payload = encode(&record, &EncodeOptions::default()).unwrap();
        assert!(payload.is_ascii(), "{name}: {payload}");
        let back = decode(&payload).unwrap();
        assert_eq!(back.base.as_deref(), Some(dossier::DEFAULT_BASE));
        assert_eq!(back.host(), Some("dichvucong.gov.vn"));
        assert_eq!(unbased(back.clone()), record, "{name}");
        assert_eq!(back.paper.as_ref().map(Paper::kind), Some(name));
    }
}

#[test]
fn payload_v1_shape() {
    let r = dossier::sample_receipt();
    let p = encode(&r, &opts("https://dichvucong.quangngai.gov.vn/tra-cuu")).unwrap();
    let (base, query) = p.split_once('?').unwrap();
    assert_eq!(base, "https://dichvucong.quangngai.gov.vn/tra-cuu");
    let (hs, qr) = query.split_once('&').unwrap();
    assert_eq!(hs, "hs=000.00.53.H48-261120-0042");
    let elements: Vec<&str> = qr.strip_prefix("qr=").unwrap().split('/').collect();
    assert_eq!(elements[0], "1");
    let tags: Vec<&str> = elements[1..].iter().map(|e| e.split_once(':').unwrap().0).collect();
    assert_eq!(tags, ["TT", "DD", "GT", "HT", "TG", "HN"]);
    assert!(elements.contains(&"TG:2611200915"));
    assert!(elements.contains(&"HN:2611271400"));
    // Everything after the base is QR alphanumeric except the "hs=&qr=" glue.
    assert!(qr[3..]
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || "*-./:".contains(c)));
    // A base with its own query gets '&'.
    let p = encode(&r, &opts("https://portal.example.vn/x?lang=vi")).unwrap();
    assert!(p.starts_with("https://portal.example.vn/x?lang=vi&hs="));
    let back = decode(&p).unwrap();
    assert_eq!(back.base.as_deref(), Some("https://portal.example.vn/x?lang=vi"));
    assert_eq!(unbased(back), r);
    // A base whose query ends in a literal '?' (kept from a decoded URL,
    // found by the dossier_decode fuzz target): `hs` follows a '&', or it
    // would be read as part of the key `b?hs` and the payload lose its code.
    for base in ["https://portal.example.vn/x?a=1&b?", "https://portal.example.vn/x?b?"] {
        let p = encode(&r, &opts(base)).unwrap();
        assert!(p.starts_with(&format!("{base}&hs=")), "{p}");
        let back = decode(&p).unwrap();
        assert_eq!(back.base.as_deref(), Some(base));
        assert_eq!(unbased(back), r);
    }
    // A bare '?' or a trailing '&' is the separator already.
    for base in ["https://portal.example.vn/x?", "https://portal.example.vn/x?lang=vi&"] {
        let p = encode(&r, &opts(base)).unwrap();
        assert!(p.starts_with(&format!("{base}hs=")), "{p}");
        assert_eq!(unbased(decode(&p).unwrap()), r);
    }
}

#[test]
fn decoding_is_tolerant_where_the_spec_says() {
    let r = dossier::sample_receipt();
    let p = encode(&r, &EncodeOptions::default()).unwrap();
    let query = p.split_once('?').unwrap().1;
    // Another base, other parameters before and after, a fragment, an unknown tag.
    for (url, base) in [
        (
            format!("https://dvc.other.gov.vn/lookup?{query}"),
            "https://dvc.other.gov.vn/lookup",
        ),
        (
            format!("https://dvc.other.gov.vn/?utm_source=zalo&{query}&x=1#top"),
            "https://dvc.other.gov.vn/?utm_source=zalo&x=1",
        ),
        (
            format!(
                "HTTPS://DVC.OTHER.GOV.VN/?{}",
                query.replace("/TG:", "/ZZ:future-tag/TG:")
            ),
            "HTTPS://DVC.OTHER.GOV.VN/",
        ),
        // Something on the way percent-encoded '/' and ':'.
        (
            format!("https://x.vn:8443/?{}", query.replace('/', "%2F").replace(':', "%3A")),
            "https://x.vn:8443/",
        ),
    ] {
        let back = decode(&url).unwrap();
        assert_eq!(back.base.as_deref(), Some(base), "{url}");
        assert_eq!(unbased(back), r, "{url}");
    }
    // A bare dossier code, and a URL with only hs: partial records.
    for partial in [
        "000.00.53.H48-261120-0042",
        "https://x.vn/tra-cuu?hs=000.00.53.H48-261120-0042",
    ] {
        let d = decode(partial).unwrap();
        assert_eq!(d.dossier_code.as_str(), "000.00.53.H48-261120-0042");
        assert!(d.procedure_code.is_none());
        assert_eq!(
            d.missing(),
            [
                Field::ProcedureCode,
                Field::Applicant,
                Field::Paper,
                Field::System,
                Field::IssuedAt
            ]
        );
    }
}

#[test]
fn privacy_masks_or_omits_the_applicant() {
    let r = dossier::sample_receipt();
    let masked = encode(
        &r,
        &EncodeOptions {
            privacy: Privacy::Masked,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!masked.contains("001090123456") && masked.contains("/DD:*********456/"));
    let back = decode(&masked).unwrap();
    assert_eq!(back.applicant.as_ref().unwrap().kind(), ApplicantKind::Masked);
    assert!(back.missing().is_empty());

    let omitted = encode(
        &r,
        &EncodeOptions {
            privacy: Privacy::Omitted,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!omitted.contains("DD:"));
    let back = decode(&omitted).unwrap();
    assert_eq!(back.applicant, None);
    assert_eq!(back.missing(), [Field::Applicant]);
    // A record without an applicant can only be encoded with Omitted.
    assert_eq!(
        encode(&back, &EncodeOptions::default()),
        Err(Error::FieldMissing(Field::Applicant))
    );
}

fn with(f: impl FnOnce(&mut Record)) -> Record {
    let mut r = dossier::sample_receipt();
    f(&mut r);
    r
}

#[test]
fn encode_errors() {
    let d = EncodeOptions::default();
    let cases: Vec<(Record, EncodeOptions<'_>, &str)> = vec![
        (with(|r| r.procedure_code = None), d, "field_missing"),
        (with(|r| r.appointment = None), d, "field_missing"),
        (with(|r| r.system = Some("  ".into())), d, "text_invalid"),
        (with(|r| r.system = Some("a\nb".into())), d, "text_invalid"),
        (with(|r| r.system = Some("ấ".repeat(201))), d, "text_invalid"),
        (with(|r| r.paper = Some(Paper::Other("".into()))), d, "text_invalid"),
        (
            with(|r| r.issued_at = VIETNAM.with_ymd_and_hms(2100, 1, 1, 0, 0, 0).single()),
            d,
            "date_invalid",
        ),
        (
            with(|r| r.validity = Some(Validity::Until(NaiveDate::from_ymd_opt(1999, 1, 1).unwrap()))),
            d,
            "date_invalid",
        ),
        (with(|_| ()), opts("http://insecure.vn/"), "base_url_invalid"),
        (with(|_| ()), opts("https://"), "base_url_invalid"),
        (with(|_| ()), opts("https://x.vn/a b"), "base_url_invalid"),
        (with(|_| ()), opts("https://x.vn/#frag"), "base_url_invalid"),
        (with(|_| ()), opts("https://x.vn/?hs=1"), "base_url_invalid"),
        (with(|_| ()), opts("https://dịchvụ.vn/"), "base_url_invalid"),
    ];
    for (record, o, want) in cases {
        assert_eq!(code(encode(&record, &o)), want, "{record:?} {o:?}");
    }
}

#[test]
fn decode_errors() {
    let good = encode(&dossier::sample_receipt(), &EncodeOptions::default()).unwrap();
    let swap = |from: &str, to: &str| good.replacen(from, to, 1);
    let cases = [
        ("https://x.vn/?a=1".to_string(), "not_dossier_qr"),
        ("https://x.vn/".to_string(), "not_dossier_qr"),
        ("https://x.vn/?qr=1/TT:1.001612".to_string(), "field_missing"),
        (swap("qr=1/", "qr=2/"), "version_unsupported"),
        (format!("{good}&qr=1"), "version_unsupported"),
        (format!("{good}&hs=000.00.53.H48-261120-0043"), "duplicate_field"),
        (format!("{good}/TT:1.001612"), "duplicate_field"),
        (format!("{good}/GTT:KRX4HIDOEBYXLYN3SFRQ"), "duplicate_field"),
        (swap("TG:2611200915", "TG:2613200915"), "date_invalid"),
        (swap("TG:2611200915", "TG:26112009"), "date_invalid"),
        (swap("HN:2611271400", "HN:2611272460"), "date_invalid"),
        (format!("{good}/HL:20310231"), "date_invalid"),
        (swap("/HT:J", "/HT:1"), "encoding"),
        (swap("GT:TN", "GT:ZZ"), "encoding"),
        (format!("{good}/PV:74"), "encoding"),
        (swap("hs=000", "hs=%G0"), "encoding"),
        (swap("TT:1.001612", "TT:1.00161"), "procedure_code_format"),
        (swap("DD:001090123456", "DD:001090123"), "applicant_format"),
        (
            swap("hs=000.00.53.H48-261120", "hs=000.00.53.H48-261131"),
            "dossier_date_invalid",
        ),
        (format!("{good}/PV:{}", "A".repeat(4096)), "dossier_too_long"),
        ("00.00.53.H48-261120-0042".to_string(), "unit_code_format"),
        ("hello".to_string(), "dossier_code_format"),
    ];
    for (payload, want) in cases {
        assert_eq!(code(decode(&payload)), want, "{payload}");
    }
}

#[test]
fn free_text_kinds_and_validity_forms_round_trip() {
    for (paper, validity) in [
        (
            Paper::Other("Giấy phép xây dựng".into()),
            Some(Validity::Text("05 năm kể từ ngày cấp".into())),
        ),
        (Paper::Other("TN".into()), Some(Validity::Indefinite)),
        (Paper::Result, Some(Validity::Text("20311126".into()))),
        (Paper::DelayNotice, None),
    ] {
        let r = with(|r| {
            r.paper = Some(paper.clone());
            r.validity = validity.clone();
            r.scope = Some("Toàn quốc / cả nước: 100%".into());
        });
        let payload = encode(&r, &EncodeOptions::default()).unwrap();
        assert_eq!(unbased(decode(&payload).unwrap()), r);
    }
}

/// A decoded record without the base it was read from, to compare with
/// the record that was encoded.
fn unbased(mut r: Record) -> Record {
    r.base = None;
    r
}

/// Issue #19: `https://dichvucong.gov.vn@evil.example/…` decoded, and the
/// sheet printed it as the official QR. Bases are `https://` + a plain
/// host, and a portal can pin the ones it accepts.
#[test]
fn base_urls_are_plain_https_hosts_and_can_be_pinned() {
    let r = dossier::sample_receipt();
    let p = encode(&r, &EncodeOptions::default()).unwrap();
    let query = p.split_once('?').unwrap().1;
    for bad in [
        "https://dichvucong.gov.vn@evil.example/p/home/dvc-tra-cuu-ho-so.html",
        "https://user:pw@dichvucong.gov.vn/",
        "https://evil.example\\@dichvucong.gov.vn/",
        "https://evil.example\\dichvucong.gov.vn/",
        "http://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html",
        "https://:443/",
        "https://dich vu.vn/",
        "https://dichvucong..gov.vn/",
        "https://dichvucong.gov.vn:99999/",
        "https://-evil.vn/",
        "javascript:alert(1)//https://dichvucong.gov.vn/",
    ] {
        let url = format!("{bad}?{query}");
        if bad.starts_with("javascript") {
            // Not a URL to us at all: read as a (malformed) bare code.
            assert!(decode(&url).is_err());
            continue;
        }
        assert_eq!(decode(&url).map(|_| ()), Err(Error::BaseUrlInvalid), "{url}");
        assert_eq!(encode(&r, &opts(bad)), Err(Error::BaseUrlInvalid), "{bad}");
    }
    // The host is part of the record, for the reader to show.
    let back = decode(&p).unwrap();
    assert_eq!(back.host(), Some("dichvucong.gov.vn"));
    // Pinned bases: exact pages, or a whole site given with a trailing '/'.
    let pinned = |url: &str, allowed: &[&str]| {
        dossier::decode_with(url, &dossier::DecodeOptions { allowed_bases: allowed })
            .map(|r| r.dossier_code.as_str().to_owned())
    };
    let official = [dossier::DEFAULT_BASE];
    assert!(pinned(&p, &official).is_ok());
    assert!(pinned(
        &p.replacen("https://dichvucong.gov.vn", "HTTPS://DichVuCong.gov.vn", 1),
        &official
    )
    .is_ok());
    let other = format!("https://dichvucong.gov.vn.evil.example/p/home/dvc-tra-cuu-ho-so.html?{query}");
    assert_eq!(pinned(&other, &official), Err(Error::BaseNotAllowed));
    let site = ["https://dichvucong.quangngai.gov.vn/"];
    let qn = format!("https://dichvucong.quangngai.gov.vn/tra-cuu?{query}");
    assert!(pinned(&qn, &site).is_ok());
    assert_eq!(pinned(&p, &site), Err(Error::BaseNotAllowed));
    let lookalike = format!("https://dichvucong.quangngai.gov.vn.evil.vn/tra-cuu?{query}");
    assert_eq!(pinned(&lookalike, &site), Err(Error::BaseNotAllowed));
    // A bare dossier code links nowhere: accepted whatever is pinned.
    assert!(pinned("000.00.53.H48-261120-0042", &official).is_ok());
    assert_eq!(Error::BaseNotAllowed.code(), "base_not_allowed");
    assert!(!Error::BaseNotAllowed.message_vi().is_empty());
}

#[test]
fn every_error_code_is_documented_and_bilingual() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/dossier-qr.md")).unwrap();
    let codes: BTreeSet<_> = Error::ALL_CODES.iter().collect();
    assert_eq!(codes.len(), Error::ALL_CODES.len());
    for c in Error::ALL_CODES.iter().chain(qr::Error::ALL_CODES) {
        assert!(
            doc.contains(&format!("`{c}`")),
            "docs/dossier-qr.md does not list `{c}`"
        );
    }
    for tag in ["TT", "DD", "GT", "GTT", "HT", "TG", "HN", "HL", "HLT", "PV"] {
        assert!(
            doc.contains(&format!("`{tag}`")),
            "docs/dossier-qr.md does not describe tag {tag}"
        );
    }
    let e = Error::FieldMissing(Field::Appointment);
    assert!(e.to_string().contains("appointment"));
    assert!(e.message_vi().contains("ngày hẹn trả kết quả"));
}

#[test]
fn every_code_has_a_message_of_its_own_without_details() {
    let mut seen = BTreeSet::new();
    let messages = Error::ALL_CODES
        .iter()
        .map(|c| (c, Error::code_message(c)))
        .chain(qr::Error::ALL_CODES.iter().map(|c| (c, qr::Error::code_message(c))));
    for (code, m) in messages {
        let (en, vi) = m.unwrap_or_else(|| panic!("{code} has no message"));
        assert!(!en.is_empty() && !vi.is_empty() && en != vi, "{code}");
        assert!(seen.insert(en.clone()), "{code} shares its message");
    }
    let (en, vi) = Error::code_message("field_missing").unwrap();
    assert_eq!(
        (en.as_str(), vi.as_str()),
        ("a required field is missing", "Thiếu trường bắt buộc")
    );
    let (en, _) = Error::code_message("tax_code_check_digit").unwrap();
    assert_eq!(en, Error::TaxCodeCheckDigit.message());
    assert_eq!(Error::code_message("id_sex_mismatch"), None);
    assert_eq!(qr::Error::code_message("too_long"), None);
}

/// Decodes a PNG with the `png` crate and the QR with `rqrr`, which shares
/// no code with `qrcodegen`.
fn read_png(png_bytes: &[u8]) -> (rqrr::MetaData, String) {
    let mut dec = png::Decoder::new(std::io::Cursor::new(png_bytes));
    dec.set_transformations(png::Transformations::EXPAND);
    let mut reader = dec.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Grayscale);
    let (w, h) = (info.width as usize, info.height as usize);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[y * info.line_size + x]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1);
    grids[0].decode().unwrap()
}

#[test]
fn an_independent_decoder_reads_our_png() {
    for (name, record) in dossier::samples() {
        for privacy in [Privacy::Full, Privacy::Masked] {
            let payload = encode(
                &record,
                &EncodeOptions {
                    privacy,
                    ..Default::default()
                },
            )
            .unwrap();
            let code = qr::encode(&payload, &QrOptions::default()).unwrap();
            let (meta, text) = read_png(&code.to_png(4).unwrap());
            assert_eq!(text, payload, "{name}");
            assert_eq!(meta.version.0, usize::from(code.version()));
            assert_eq!(decode(&text).unwrap().dossier_code, record.dossier_code);
        }
    }
    // Byte mode with non-ASCII text, and every error-correction level.
    for ecc in [Ecc::Low, Ecc::Medium, Ecc::Quartile, Ecc::High] {
        let text = "Nguyễn Văn A — 0123456789 ABC";
        let code = qr::encode(
            text,
            &QrOptions {
                ecc,
                boost_ecc: false,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(code.ecc(), ecc);
        assert_eq!(read_png(&code.to_png(3).unwrap()).1, text);
    }
}

#[test]
fn receipt_fits_version_10_at_level_m() {
    let payload = encode(&dossier::sample_receipt(), &EncodeOptions::default()).unwrap();
    let code = qr::encode(
        &payload,
        &QrOptions {
            boost_ecc: false,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(code.version() <= 10, "version {}", code.version());
    assert_eq!(code.ecc(), Ecc::Medium);
    // Optimal segmentation beats one mode for the whole URL.
    let one_mode = qrcodegen::QrCode::encode_text(&payload, qrcodegen::QrCodeEcc::Medium).unwrap();
    assert!(code.version() < one_mode.version().value());
}

#[test]
fn renderers_agree_with_the_matrix() {
    let code = qr::encode("https://dichvucong.gov.vn/?hs=H48-260101-0001", &QrOptions::default()).unwrap();
    let n = code.size();
    assert_eq!(n, 17 + 4 * usize::from(code.version()));
    let m = code.matrix();
    assert_eq!(m.len(), n * n);
    // Finder pattern corners are dark, the separator next to it light.
    assert!(m[0] && m[6] && !m[7] && m[n * 6]);
    let dark = m.iter().filter(|&&d| d).count();

    let svg = code.to_svg(&SvgOptions {
        caption: Some("Mã hồ sơ <H48> & \"1\""),
        width: Some("25mm"),
        ..Default::default()
    });
    assert!(svg.contains(&format!("viewBox=\"0 0 {} {}\"", n + 8, n + 8 + 4)));
    assert!(svg.contains("width=\"25mm\""));
    assert!(svg.contains("Mã hồ sơ &lt;H48&gt; &amp; &quot;1&quot;"));
    // Every dark module is covered exactly once by the merged runs.
    let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
    let covered: usize = d
        .split('M')
        .filter(|s| !s.is_empty())
        .map(|run| {
            run.split('h')
                .nth(1)
                .unwrap()
                .split('v')
                .next()
                .unwrap()
                .parse::<usize>()
                .unwrap()
        })
        .sum();
    assert_eq!(covered, dark);

    let term = code.to_terminal(false);
    let lines: Vec<&str> = term.lines().collect();
    assert_eq!(lines.len(), (n + 8).div_ceil(2));
    assert!(lines.iter().all(|l| l.chars().count() == n + 8));
    // Inverted output swaps blocks and spaces.
    let inv = code.to_terminal(true);
    assert_eq!(
        term.chars().filter(|&c| c == '█').count() > 0,
        inv.chars().any(|c| c == ' ')
    );
}

#[test]
fn qr_errors() {
    let too_long = "x".repeat(3000);
    assert_eq!(code_qr(qr::encode(&too_long, &QrOptions::default())), "qr_too_long");
    let small = QrOptions {
        max_version: 2,
        ..Default::default()
    };
    assert_eq!(code_qr(qr::encode(&"A".repeat(100), &small)), "qr_too_long");
    // The most digits a code holds fit; one more, or megabytes, are refused.
    let low = QrOptions {
        ecc: Ecc::Low,
        boost_ecc: false,
        ..Default::default()
    };
    assert_eq!(qr::encode(&"7".repeat(qr::MAX_TEXT_LEN), &low).unwrap().version(), 40);
    assert_eq!(
        code_qr(qr::encode(&"7".repeat(qr::MAX_TEXT_LEN + 1), &low)),
        "qr_too_long"
    );
    assert_eq!(code_qr(qr::encode(&"7".repeat(1 << 20), &low)), "qr_too_long");
    for (lo, hi) in [(0, 10), (1, 41), (10, 9)] {
        let o = QrOptions {
            min_version: lo,
            max_version: hi,
            ..Default::default()
        };
        assert_eq!(code_qr(qr::encode("A", &o)), "qr_version_range");
    }
    let forced = QrOptions {
        min_version: 5,
        ..Default::default()
    };
    assert_eq!(qr::encode("A", &forced).unwrap().version(), 5);
}

fn code_qr<T>(r: Result<T, qr::Error>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(e) => e.code(),
    }
}

#[cfg(feature = "serde")]
#[test]
fn json_round_trip() {
    for (_, record) in dossier::samples() {
        let json = serde_json::to_string(&record).unwrap();
        let back: Record = serde_json::from_str(&json).unwrap();
        assert_eq!(back, record);
    }
    let v = serde_json::to_value(dossier::sample_receipt()).unwrap();
    assert_eq!(v["paper"], "receipt");
    assert_eq!(v["paper_name"], "Giấy tiếp nhận hồ sơ và hẹn trả kết quả");
    assert_eq!(v["issued_at"], "2026-11-20T09:15:00+07:00");
    assert_eq!(v["appointment"], "2026-11-27T14:00");
    assert_eq!(v["applicant_kind"], "person");
    assert_eq!(v["missing"], serde_json::json!([]));
    let bad = r#"{"dossier_code":"000.00.53.H48-220921-0000"}"#;
    let err = serde_json::from_str::<Record>(bad).unwrap_err().to_string();
    assert!(err.starts_with("dossier_sequence_invalid"), "{err}");
    let e = serde_json::to_value(Error::TextInvalid(Field::Scope)).unwrap();
    assert_eq!(e["code"], "text_invalid");
    assert_eq!(e["field"], "scope");
}

#[test]
fn the_example_payload_in_the_docs_is_the_sample_receipt() {
    // docs/dossier-qr.md shows a payload v1 URL: it is a test vector, what
    // the encoder writes for the sample receipt and what reads back to it.
    let docs = include_str!("../../docs/dossier-qr.md");
    let example = docs
        .lines()
        .find(|l| l.starts_with("https://") && l.contains("?hs="))
        .expect("docs/dossier-qr.md has an example payload");
    let receipt = dossier::sample_receipt();
    assert_eq!(encode(&receipt, &EncodeOptions::default()).unwrap(), example);
    assert_eq!(unbased(decode(example).unwrap()), receipt);
}

/// `RecordFields::build` is the one way input becomes a record: each field
/// through its validator, free text through encode's checks, and the
/// first bad field (in the record's order) is the error.
#[test]
fn record_fields_build_validates_every_field() {
    use motcua::dossier::RecordFields;
    let good = RecordFields {
        dossier_code: Some("000.00.53.H48-261120-0042"),
        procedure_code: Some("1.001612"),
        applicant: Some("001090123456"),
        paper: Some(Paper::Receipt),
        system: Some("Hệ thống thông tin giải quyết TTHC tỉnh Quảng Ngãi"),
        issued_at: dossier::sample_receipt().issued_at,
        appointment: dossier::sample_receipt().appointment,
        validity: None,
        scope: None,
    };
    assert_eq!(good.build().unwrap(), dossier::sample_receipt());
    let code = |f: RecordFields<'_>| f.build().map(|_| "ok").unwrap_or_else(|e| e.code());
    assert_eq!(code(RecordFields::default()), "field_missing");
    for (f, want) in [
        (
            RecordFields {
                dossier_code: Some("000.00.53.H48-261120-0000"),
                ..good.clone()
            },
            "dossier_sequence_invalid",
        ),
        (
            RecordFields {
                procedure_code: Some("4.001612"),
                ..good.clone()
            },
            "procedure_code_group",
        ),
        (
            RecordFields {
                applicant: Some("*********456"),
                ..good.clone()
            },
            "applicant_masked",
        ),
        (
            RecordFields {
                paper: Some(Paper::Other(" ".into())),
                ..good.clone()
            },
            "text_invalid",
        ),
        (
            RecordFields {
                system: Some("a\u{7}b"),
                ..good.clone()
            },
            "text_invalid",
        ),
        (
            RecordFields {
                validity: Some(Validity::Text("x".repeat(201))),
                ..good.clone()
            },
            "text_invalid",
        ),
        (
            RecordFields {
                scope: Some("\u{200b}"),
                ..good.clone()
            },
            "text_invalid",
        ),
        // Two bad fields: the first in the record's order is reported.
        (
            RecordFields {
                procedure_code: Some("x"),
                applicant: Some("1"),
                ..good.clone()
            },
            "procedure_code_format",
        ),
    ] {
        assert_eq!(code(f), want);
    }
    // What is required is encode's check, not the builder's.
    let bare = RecordFields {
        dossier_code: good.dossier_code,
        ..RecordFields::default()
    }
    .build()
    .unwrap();
    assert_eq!(
        encode(&bare, &EncodeOptions::default()).unwrap_err().code(),
        "field_missing"
    );
}

/// The JSON input goes through the same builder: a masked applicant (what
/// decoding a masked paper gives) is refused as the flags and the C API
/// refuse it, and a decoded record's JSON reads back.
#[cfg(feature = "serde")]
#[test]
fn json_input_is_built_like_every_other_input() {
    let masked = encode(
        &dossier::sample_receipt(),
        &EncodeOptions {
            privacy: Privacy::Masked,
            ..EncodeOptions::default()
        },
    )
    .unwrap();
    let decoded = serde_json::to_string(&decode(&masked).unwrap()).unwrap();
    assert!(decoded.contains("*********456"));
    let err = serde_json::from_str::<Record>(&decoded).unwrap_err().to_string();
    assert!(err.starts_with("applicant_masked"), "{err}");
    let full = serde_json::to_string(
        &decode(&encode(&dossier::sample_receipt(), &EncodeOptions::default()).unwrap()).unwrap(),
    )
    .unwrap();
    let back: Record = serde_json::from_str(&full).unwrap();
    assert_eq!(
        back,
        dossier::sample_receipt(),
        "the decoder's extra keys are ignored, base included"
    );
}
