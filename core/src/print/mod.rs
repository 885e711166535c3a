//! What a one-stop office prints (`../shared/specs/print.md`):
//!
//! * [`sheet`] — the clerk's information sheet from a CCCD scan: an A4 HTML
//!   document with print CSS, the dossier QR top-left when the sheet belongs
//!   to a dossier, the CMND→CCCD link statement, and the signature block.
//! * [`form`] (feature `docx`) — Word forms (`.docx`) filled from a scan:
//!   placeholders such as `{{ho_ten}}` replaced by the card's fields.
//! * [`register`] — the day's register of scans as CSV, or (feature
//!   `xlsx`) an Excel workbook.
//! * [`poster`] — procedure QR posters from a CSV list: one A4 SVG per page
//!   and one HTML document of all pages, codes sized to scan from 50 cm.
//!
//! Both return text; nothing here touches files, so the CLI writes its
//! outputs only once everything has rendered, and the browser binding uses
//! the same code.
//!
//! PDF: print the HTML (any browser, or headless Chromium's
//! `--print-to-pdf`). A PDF writer in Rust would have to embed a font with
//! Vietnamese glyphs — the PDF standard fonts have no "ệ" — which is a
//! larger, less reliable thing than the browser's print path.

mod error;
#[cfg(feature = "docx")]
pub mod form;
pub mod poster;
pub mod register;
pub mod sheet;

pub use error::{Column, Error};

/// Estimated advance of `c` in a sans-serif font, in ems: enough for line
/// breaking captions with a safety margin, not typesetting.
fn char_em(c: char) -> f64 {
    // Measured against DejaVu Sans Bold (the widest common fallback), so
    // Noto Sans, Liberation Sans and Arial captions fit too.
    match c {
        'i' | 'l' | 'j' | 'í' | 'ì' | 'ỉ' | 'ĩ' | 'ị' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.36,
        'f' | 't' | 'r' | ' ' | '(' | ')' | '-' | '/' => 0.46,
        'm' | 'w' | 'M' | 'W' => 1.0,
        c if c.is_uppercase() => 0.8,
        _ => 0.7,
    }
}

/// Estimated width of `s` in ems.
pub(crate) fn text_em(s: &str) -> f64 {
    s.chars().map(char_em).sum()
}

/// Breaks `text` into lines of at most `max_em` ems at spaces (a word wider
/// than a line is split by characters). `None` when more than `max_lines`.
pub(crate) fn wrap(text: &str, max_em: f64, max_lines: usize) -> Option<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut width = 0.0;
    for word in text.split_whitespace() {
        let w = text_em(word);
        let space = if line.is_empty() { 0.0 } else { char_em(' ') };
        if width + space + w <= max_em {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            width += space + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            width = 0.0;
        }
        for c in word.chars() {
            let cw = char_em(c);
            if width + cw > max_em && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                width = 0.0;
            }
            line.push(c);
            width += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    (lines.len() <= max_lines).then_some(lines)
}

/// Whether `s` is usable as printed text: no control characters, no
/// invisible or text-direction characters (`unicode::is_invisible`).
pub(crate) fn printable(s: &str) -> bool {
    !s.chars().any(|c| c.is_control() || crate::unicode::is_invisible(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_splits_long_words() {
        let lines = wrap("Đăng ký khai sinh có yếu tố nước ngoài", 10.0, 5).unwrap();
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.join(" "), "Đăng ký khai sinh có yếu tố nước ngoài");
        for l in &lines {
            assert!(text_em(l) <= 10.0, "{l}");
        }
        let long = "x".repeat(50);
        let lines = wrap(&long, 10.0, 10).unwrap();
        assert_eq!(lines.concat(), long);
        assert!(lines.iter().all(|l| text_em(l) <= 10.0));
        assert_eq!(wrap(&long, 10.0, 2), None);
        assert_eq!(wrap("  ", 10.0, 1), Some(vec![]));
    }
}
