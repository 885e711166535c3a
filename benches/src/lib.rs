//! Named baselines for the benchmarks.
//!
//! [`naive`] is the parser motcua replaces: what a portal developer writes
//! by hand (and what open-source CCCD readers do) — `split('|')` into a
//! `Vec<String>`, a `String` per field, `parse_from_str` for dates, `format!`
//! for errors — with the same checks as motcua so the comparison is like for
//! like. [`naive::parse`] does no repair (the baseline for clean payloads);
//! [`naive::parse_repairing`] first repairs the usual way, unconditionally
//! and by allocating (the baseline for mojibake and NFD payloads).

pub mod qrset;
pub mod scenes;

/// The hand-written owned parser.
pub mod naive {
    use chrono::{Datelike, Months, NaiveDate};
    use encoding_rs::WINDOWS_1252;
    use unicode_normalization::UnicodeNormalization;

    /// A card with owned fields.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct NaiveCard {
        pub id: String,
        pub old_id: Option<String>,
        pub name: String,
        pub birth_date: NaiveDate,
        pub sex: String,
        pub address: String,
        pub issue_date: NaiveDate,
        pub expiry_date: Option<NaiveDate>,
        pub extra: Vec<String>,
        pub province_code: String,
    }

    const PROVINCES: [&str; 63] = [
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024", "025",
        "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045", "046", "048",
        "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
        "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
    ];

    fn fix_mojibake(s: &str) -> String {
        let (bytes, _, unmappable) = WINDOWS_1252.encode(s);
        if !unmappable {
            if let Ok(fixed) = String::from_utf8(bytes.into_owned()) {
                return fixed;
            }
        }
        s.to_string()
    }

    /// Repairs the usual way (trim, try Windows-1252 → UTF-8, NFC), always
    /// allocating, then [`parse`]s.
    pub fn parse_repairing(input: &str, as_of: NaiveDate) -> Result<NaiveCard, String> {
        let s = input
            .trim_start_matches('\u{feff}')
            .trim_end_matches(['\r', '\n', '\t']);
        let s = fix_mojibake(s);
        let s: String = s.nfc().collect();
        parse(&s, as_of)
    }

    /// Parses with the usual owned approach, no repairs; errors are `String`s.
    pub fn parse(s: &str, as_of: NaiveDate) -> Result<NaiveCard, String> {
        let parts: Vec<String> = s.split('|').map(|p| p.to_string()).collect();
        if parts.len() != 7 && parts.len() != 11 {
            return Err(format!("expected 7 or 11 fields, got {}", parts.len()));
        }
        let id = parts[0].clone();
        if id.len() != 12 || !id.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("bad id {id}"));
        }
        let prov = id[..3].to_string();
        if !PROVINCES.contains(&prov.as_str()) && !prov.starts_with('1') && !prov.starts_with('2') {
            return Err(format!("bad province {prov}"));
        }
        let old_id = if parts[1].is_empty() {
            None
        } else {
            Some(parts[1].clone())
        };
        if let Some(o) = &old_id {
            if o.len() != 9 || !o.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!("bad old id {o}"));
            }
        }
        let name = parts[2].clone();
        if !name.chars().any(char::is_alphabetic) || name.chars().any(|c| c.is_control() || c.is_numeric()) {
            return Err(format!("bad name {name}"));
        }
        let birth_date = NaiveDate::parse_from_str(&parts[3], "%d%m%Y").map_err(|e| format!("bad dob: {e}"))?;
        if birth_date > as_of {
            return Err("dob in future".to_string());
        }
        let sex = parts[4].clone();
        if sex != "Nam" && sex != "Nữ" {
            return Err(format!("bad sex {sex}"));
        }
        let address = parts[5].clone();
        if address.trim().is_empty() || address.chars().any(char::is_control) {
            return Err("bad address".to_string());
        }
        let issue_date = NaiveDate::parse_from_str(&parts[6], "%d%m%Y").map_err(|e| format!("bad issue date: {e}"))?;
        let extra: Vec<String> = parts[7..].to_vec();
        if extra.iter().any(|e| e.chars().any(char::is_control)) {
            return Err("bad extra".to_string());
        }
        let digit: i32 = id[3..4].parse().map_err(|_| "digit".to_string())?;
        let yy: i32 = id[4..6].parse().map_err(|_| "yy".to_string())?;
        if (digit % 2 == 0) != (sex == "Nam") {
            return Err("sex mismatch".to_string());
        }
        if 1900 + digit / 2 * 100 + yy != birth_date.year() {
            return Err("year mismatch".to_string());
        }
        if issue_date < birth_date || issue_date > as_of || issue_date.year() < 2016 {
            return Err("bad issue date".to_string());
        }
        let bday = |age: u32| birth_date.checked_add_months(Months::new(age * 12));
        let expiry_date = [14, 25, 40, 60].into_iter().find_map(|age| {
            let start = bday(age - 2)?;
            if issue_date < start {
                bday(age)
            } else {
                None
            }
        });
        Ok(NaiveCard {
            id,
            old_id,
            name,
            birth_date,
            sex,
            address,
            issue_date,
            expiry_date,
            extra,
            province_code: prov,
        })
    }
}

/// Inputs shared by the benchmarks: the library's synthetic samples in the
/// three states a scanner delivers them.
pub mod inputs {
    use motcua::cccd;
    use unicode_normalization::UnicodeNormalization;

    /// Clean NFC payloads (the samples, repaired).
    pub fn clean() -> Vec<String> {
        cccd::samples()
            .into_iter()
            .map(|(_, p)| cccd::repair(&p).map(|r| r.text().to_string()).unwrap_or_default())
            .collect()
    }
    /// The same payloads typed by a scanner with the wrong code page.
    pub fn mojibake() -> Vec<String> {
        clean().iter().map(|p| cccd::garble_as_windows1252(p)).collect()
    }
    /// The same payloads decomposed (NFD).
    pub fn nfd() -> Vec<String> {
        clean().iter().map(|p| p.nfd().collect()).collect()
    }
}

/// The QR generators a portal developer would otherwise use, making an SVG
/// of the same payload at level M, each in its own default way: `fast_qr`
/// (byte mode only) and `qrcode` (which, like motcua, mixes modes).
pub mod qr_baselines {
    use fast_qr::convert::svg::SvgBuilder;
    use qrcode::render::svg;

    /// A generated symbol: its SVG, version and module matrix (row by row).
    pub struct Symbol {
        pub svg: String,
        pub version: usize,
        pub size: usize,
        pub dark: Vec<bool>,
    }

    /// `fast_qr` 0.14: `QRBuilder` at level M, `SvgBuilder` defaults.
    pub fn fast_qr_svg(payload: &str) -> Option<String> {
        let code = fast_qr::QRBuilder::new(payload).ecl(fast_qr::ECL::M).build().ok()?;
        Some(SvgBuilder::default().to_str(&code))
    }

    /// `qrcode` 0.14: `with_error_correction_level(M)`, the SVG renderer.
    pub fn qrcode_svg(payload: &str) -> Option<String> {
        let code = qrcode::QrCode::with_error_correction_level(payload, qrcode::EcLevel::M).ok()?;
        Some(code.render::<svg::Color<'_>>().build())
    }

    /// [`fast_qr_svg`] with the symbol it drew.
    pub fn fast_qr_symbol(payload: &str) -> Option<Symbol> {
        let code = fast_qr::QRBuilder::new(payload).ecl(fast_qr::ECL::M).build().ok()?;
        let size = code.size;
        Some(Symbol {
            svg: SvgBuilder::default().to_str(&code),
            version: (size - 17) / 4,
            size,
            dark: code.data.get(..size * size)?.iter().map(|m| m.value()).collect(),
        })
    }

    /// [`qrcode_svg`] with the symbol it drew.
    pub fn qrcode_symbol(payload: &str) -> Option<Symbol> {
        let code = qrcode::QrCode::with_error_correction_level(payload, qrcode::EcLevel::M).ok()?;
        let qrcode::Version::Normal(v) = code.version() else {
            return None;
        };
        Some(Symbol {
            svg: code.render::<svg::Color<'_>>().build(),
            version: usize::try_from(v).ok()?,
            size: code.width(),
            dark: code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use motcua::cccd;

    /// The baseline is only fair if it does the same job: same answers.
    #[test]
    fn baseline_agrees_with_motcua() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let clean = inputs::clean();
        let sets = [clean.clone(), inputs::mojibake(), inputs::nfd()];
        let runs = clean.iter().map(|p| (p, naive::parse(p, as_of).unwrap())).chain(
            sets.iter()
                .flatten()
                .map(|p| (p, naive::parse_repairing(p, as_of).unwrap())),
        );
        for (p, theirs) in runs {
            let ours = cccd::repair(p).unwrap();
            let ours = ours.parse_as_of(as_of).unwrap();
            assert_eq!(ours.id().as_str(), theirs.id);
            assert_eq!(ours.name(), theirs.name);
            assert_eq!(ours.address(), theirs.address);
            assert_eq!(ours.old_id().map(|o| o.as_str().to_string()), theirs.old_id);
            assert_eq!(ours.birth_date(), theirs.birth_date);
            assert_eq!(ours.issue_date(), theirs.issue_date);
            assert_eq!(ours.expiry_date(), theirs.expiry_date);
            assert_eq!(ours.sex().as_vi(), theirs.sex);
        }
        // And both reject the same broken card.
        let bad = inputs::clean()[0].replacen("|Nam|", "|Nữ|", 1);
        assert!(naive::parse(&bad, as_of).is_err());
        assert!(naive::parse_repairing(&bad, as_of).is_err());
        // Without repairs the naive parser misreads a garbled card.
        let garbled = &inputs::mojibake()[0];
        assert_ne!(
            naive::parse(garbled, as_of).map(|c| c.name),
            naive::parse(&clean[0], as_of).map(|c| c.name)
        );
        assert!(cccd::parse_as_of(&bad, as_of).is_err());
    }

    /// Rasterises a module matrix (3 px per module, 4-module quiet zone) and
    /// reads it back with rqrr, a decoder none of the three generators share.
    fn decode(size: usize, dark: &[bool]) -> String {
        let (scale, q) = (3, 4);
        let side = (size + 2 * q) * scale;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = ((x / scale).wrapping_sub(q), (y / scale).wrapping_sub(q));
            if mx < size && my < size && dark[my * size + mx] {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().unwrap().1
    }

    /// The QR comparison is like for like: all three symbols of the receipt
    /// payload read back as that payload.
    #[test]
    fn qr_baselines_encode_the_same_payload() {
        let record = motcua::dossier::sample_receipt();
        let payload = motcua::dossier::encode(&record, &Default::default()).unwrap();
        let ours = motcua::qr::encode(&payload, &Default::default()).unwrap();
        let n = ours.size();
        assert_eq!(decode(n, &ours.matrix()), payload);
        for sym in [
            qr_baselines::fast_qr_symbol(&payload).unwrap(),
            qr_baselines::qrcode_symbol(&payload).unwrap(),
        ] {
            assert_eq!(sym.size, 17 + 4 * sym.version);
            assert_eq!(decode(sym.size, &sym.dark), payload);
            assert!(
                sym.svg.starts_with("<?xml") || sym.svg.starts_with("<svg"),
                "{}",
                &sym.svg[..40]
            );
        }
    }
}
