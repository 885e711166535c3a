//! `--format text`: a human-readable block per payload, Vietnamese labels
//! with English in brackets.

use std::io::{self, Write};

use chrono::NaiveDate;
use motcua::cccd::{Card, CmndLink, Error, Repairs, Warning};

use crate::Source;

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

pub(crate) fn write(
    out: &mut dyn Write,
    parsed: &Result<Card<'_>, Error>,
    repairs: Repairs,
    link: Option<CmndLink>,
    src: Source<'_>,
    mask: bool,
) -> io::Result<()> {
    let head = match src {
        Source::Line(n) => format!("Dòng {n} (line {n})"),
        Source::Sample(s) => format!("Mẫu (sample): {s}"),
        Source::Arg => "Dữ liệu (payload)".to_string(),
    };
    let card = match parsed {
        Err(e) => {
            writeln!(out, "✗ {head}: LỖI / ERROR [{}]", e.code())?;
            writeln!(out, "    {}", e.message_vi())?;
            return writeln!(out, "    {e}\n");
        }
        Ok(c) => c,
    };
    writeln!(
        out,
        "✓ {head}: thẻ {} (card layout {})",
        card.layout().as_str(),
        card.layout().as_str()
    )?;
    let row = |out: &mut dyn Write, label: &str, value: &str| writeln!(out, "    {label:<34} {value}");
    let f = card.shown(mask);
    row(out, "Số định danh (ID number)", &f.id)?;
    let place = match &f.birth_place {
        Some(p) if card.id().born_abroad() => format!("{p} (born abroad)"),
        Some(p) => p.clone(),
        None => "***".into(),
    };
    row(out, "Nơi đăng ký khai sinh (registered)", &place)?;
    row(out, "Số CMND cũ (old ID)", f.old_id.as_deref().unwrap_or("—"))?;
    row(out, "Họ và tên (name)", &f.name)?;
    row(out, "Ngày sinh (date of birth)", &f.birth_date)?;
    row(out, "Giới tính (sex)", card.sex().as_vi())?;
    row(out, "Nơi thường trú (address)", &f.address)?;
    row(out, "Ngày cấp (issue date)", &dmy(card.issue_date()))?;
    let expiry = match &f.expiry_date {
        Some(d) if card.is_expired() => format!("{d} — ĐÃ HẾT HẠN (expired)"),
        Some(d) => d.clone(),
        None => "không thời hạn (no expiry)".into(),
    };
    row(out, "Có giá trị đến (valid until)", &expiry)?;
    // Expiry is on its row above; other warnings are notes.
    for w in card.warnings().filter(|&w| w != Warning::CardExpired) {
        row(out, "Lưu ý (note)", &format!("{} ({})", w.message_vi(), w.message()))?;
    }
    if let Some(extra) = card.extra().filter(|e| e.iter().any(|x| !x.is_empty())) {
        let shown = if mask { "***".to_string() } else { extra.join(" | ") };
        row(out, "Trường bổ sung (extra fields)", &shown)?;
    }
    if let Some(link) = link {
        let s = match link {
            CmndLink::Linked => "KHỚP: thẻ ghi nhận số CMND cũ này (linked)",
            CmndLink::Mismatch => "KHÔNG KHỚP: thẻ ghi số CMND cũ khác (mismatch)",
            CmndLink::NoOldId => "thẻ không ghi số CMND cũ (card holds no old ID)",
        };
        row(out, "Liên kết CMND (CMND link)", s)?;
    }
    for (i, r) in repairs.iter().enumerate() {
        let label = if i == 0 { "Sửa lỗi máy quét (repairs)" } else { "" };
        row(out, label, &format!("{} ({})", r.message_vi(), r.code()))?;
    }
    writeln!(out)
}
