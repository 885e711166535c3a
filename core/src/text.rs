//! Showing untrusted text safely: what a QR code holds is anyone's text.
//!
//! * [`is_invisible`] — characters that display as nothing or change how
//!   the text around them displays (bidi controls, zero-width characters,
//!   line separators…). Card fields and dossier free text refuse them.
//! * [`escape_controls`] — text for a terminal or a log line: control
//!   characters (ESC of an escape sequence, BEL, C1 controls such as CSI
//!   U+009B, CR, LF), invisible characters and the backslash written as
//!   escapes, so that printing a code cannot retitle, clear or rewrite the
//!   terminal, split a log line, or show text reversed.

use std::borrow::Cow;
use std::fmt::Write as _;

pub use crate::unicode::is_invisible;

/// `s` with every control character, invisible character (see
/// [`is_invisible`]) and backslash escaped: `\x1b`-style for code points
/// below U+0100 (`\t`, `\n`, `\r` by name), `\u{202e}`-style above, `\\`
/// for a backslash. Borrowed when nothing needed escaping.
///
/// ```
/// use motcua::text::escape_controls;
/// assert_eq!(escape_controls("https://dichvucong.gov.vn/"), "https://dichvucong.gov.vn/");
/// assert_eq!(escape_controls("a\u{1b}]0;pwned\u{7}b"), "a\\x1b]0;pwned\\x07b");
/// assert_eq!(escape_controls("x\u{202e}y\\z\n"), "x\\u{202e}y\\\\z\\n");
/// ```
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    let needs = |c: char| c.is_control() || c == '\\' || is_invisible(c);
    if !s.chars().any(needs) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if needs(c) && u32::from(c) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c if needs(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// JSON text (as serde_json writes it) with DEL, the C1 controls and the
/// invisible characters inside its strings escaped as `\uXXXX` too (JSON
/// requires only C0 to be): the same value for any JSON reader, and
/// nothing a terminal acts on when the line is printed. Only string
/// contents can hold such characters, so escaping them everywhere is valid.
pub fn escape_json_controls(json: &str) -> Cow<'_, str> {
    let needs = |c: char| c.is_control() || is_invisible(c);
    if !json.chars().any(needs) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{:04x}", u);
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip_through_json() {
        for s in [
            "plain",
            "tab\tand\u{7f}del",
            "csi\u{9b}2J",
            "tag\u{E0041}",
            "rlo\u{202e}x",
            "nl\nx",
        ] {
            let json = serde_json::to_string(s).unwrap();
            let safe = escape_json_controls(&json);
            assert!(!safe.chars().any(|c| c.is_control() || is_invisible(c)), "{safe}");
            assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), s);
        }
    }

    #[test]
    fn terminal_text_has_no_control_left() {
        let s = "\u{1b}[2J\u{1b}]0;x\u{7}\u{9b}1m\u{200b}\u{2028}\r\n\\";
        let e = escape_controls(s);
        assert!(!e.chars().any(|c| c.is_control() || is_invisible(c)), "{e}");
        assert_eq!(e, "\\x1b[2J\\x1b]0;x\\x07\\x9b1m\\u{200b}\\u{2028}\\r\\n\\\\");
        assert!(matches!(escape_controls("Nguyễn Văn A"), Cow::Borrowed(_)));
    }
}
