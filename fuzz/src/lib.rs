//! Checks shared by the fuzz targets.

use chrono::NaiveDate;
use motcua::cccd;

/// The fixed "today" of every target (results must not depend on the clock).
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

/// `view` lies inside `within` (or is empty).
pub fn inside(view: &str, within: &str) -> bool {
    let r = within.as_bytes().as_ptr_range();
    let (start, end) = (view.as_ptr() as usize, view.as_ptr() as usize + view.len());
    view.is_empty() || (start >= r.start as usize && end <= r.end as usize)
}

/// Personal data of `input` that must never appear in an error message:
/// runs of 5+ digits (ID and CMND numbers) — unless the text is also in the
/// code's generic message.
///
/// (Names and addresses need no such search: a [`cccd::Error`] is `Copy`
/// and `'static` — see [`check_cccd_error`] — so it holds no text, and its
/// messages are functions of its variant and numbers alone. A search for
/// the input's text fields in the messages found only the fuzzer's own
/// copies of message text typed into a field, e.g. an address reading
/// "Số định danh phải gồm 12 chữ số, nhưng có 22" with an ID of 22 digits.)
pub fn leaks(message: &str, input: &str, generic: &str) -> Option<String> {
    input
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| r.len() >= 5)
        .find(|s| message.contains(s) && !generic.contains(s))
        .map(str::to_owned)
}

/// Compiles only for a type that cannot hold borrowed or owned text.
const fn holds_no_text<T: Copy + 'static>() {}
const _: () = holds_no_text::<cccd::Error>();

/// A CCCD error has a known code, and neither of its messages carries
/// personal data of `input`.
pub fn check_cccd_error(e: &cccd::Error, input: &str) {
    assert!(cccd::Error::ALL_CODES.contains(&e.code()));
    let generic = cccd::Error::code_message(e.code())
        .map(|(en, vi)| en + &vi)
        .unwrap_or_default();
    for message in [e.to_string(), e.message_vi()] {
        assert_eq!(leaks(&message, input, &generic), None, "{}", e.code());
    }
}
