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
/// runs of 5+ digits (ID and CMND numbers) and `|`-fields of 6+ characters
/// with a non-ASCII letter (names, addresses) — unless the text is also in
/// the code's generic message (a fuzzer can type "Nữ" or "Hà Nội" too).
pub fn leaks(message: &str, input: &str, generic: &str) -> Option<String> {
    let digit_runs = input.split(|c: char| !c.is_ascii_digit()).filter(|r| r.len() >= 5);
    let names = input
        .split('|')
        .filter(|f| f.chars().count() >= 6 && f.chars().any(|c| c.is_alphabetic() && !c.is_ascii()));
    digit_runs
        .chain(names)
        .find(|s| message.contains(s) && !generic.contains(s))
        .map(str::to_owned)
}

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
