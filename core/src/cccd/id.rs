//! The 12-digit ID number (số định danh cá nhân) and the old 9-digit CMND.

use std::fmt;

use super::province::{province, Province};
use super::{Error, Sex};

/// A structurally valid 12-digit ID number, borrowed from the input.
///
/// Digits 1–3: province of birth registration (or a country code, born
/// abroad); digit 4: century and sex; digits 5–6: birth year; 7–12: random.
/// There is no check digit.
///
/// `Debug` is masked (`*********456`) and there is deliberately no
/// `Display`: use [`as_str`](IdNumber::as_str) where the full number is meant.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct IdNumber<'a>(&'a str);

/// Validates a standalone 12-digit ID number (e.g. typed into a form field).
///
/// Checks: 12 ASCII digits; digits 1–3 a province code or a country code
/// (1xx–2xx). Cross-checks with a date of birth and sex need a whole card.
pub fn validate_id(s: &str) -> Result<IdNumber<'_>, Error> {
    if s.len() != 12 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(match s.chars().position(|c| !c.is_ascii_digit()) {
            Some(position) => Error::IdNotDigits { position: position + 1 },
            None => Error::IdLength { found: s.len() },
        });
    }
    let id = IdNumber(s);
    if id.province().is_none() && !id.born_abroad() {
        return Err(Error::IdProvinceUnknown);
    }
    Ok(id)
}

impl<'a> IdNumber<'a> {
    /// The full 12 digits. Personal data: do not log it.
    pub fn as_str(&self) -> &'a str {
        self.0
    }

    fn digit(&self, i: usize) -> u8 {
        self.0.as_bytes().get(i).map_or(0, |b| b.wrapping_sub(b'0'))
    }

    /// Digits 1–3: province or country code.
    pub fn province_code(&self) -> &'a str {
        self.0.get(..3).unwrap_or("")
    }

    /// The province of birth registration, `None` when born abroad.
    pub fn province(&self) -> Option<&'static Province> {
        province(self.province_code())
    }

    /// Digits 1–3 are a country code (1xx–2xx), i.e. born abroad. The list of
    /// country codes is not published, so any 1xx–2xx code is accepted.
    pub fn born_abroad(&self) -> bool {
        matches!(self.digit(0), 1 | 2)
    }

    /// Digit 4, encoding century and sex (even = male).
    pub fn century_sex_digit(&self) -> u8 {
        self.digit(3)
    }

    /// First year of the century of birth: 1900, 2000, … 2300.
    pub fn century(&self) -> u16 {
        1900 + 100 * u16::from(self.digit(3) / 2)
    }

    /// The sex digit 4 encodes.
    pub fn sex(&self) -> Sex {
        if self.digit(3).is_multiple_of(2) {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// Birth year from digits 4–6.
    pub fn birth_year(&self) -> u16 {
        self.century() + u16::from(self.digit(4)) * 10 + u16::from(self.digit(5))
    }

    /// Masked form for copies and logs: `*********456`, the last 3 digits
    /// (docs/cccd.md, "Masking"). Digits 1–3 would name the province of
    /// birth, and 4–6 follow from the sex and birth year a copy shows.
    pub fn masked(&self) -> Masked<'a> {
        Masked::keeping_last(self.0, SHOWN_DIGITS)
    }
}

/// What a form may show of a standalone ID number ([`IdNumber::info`]): the
/// masked number and what its digits say. With the `serde` feature this is
/// the bindings' `validateId` / `validate_id` result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct IdInfo {
    /// `*********456`.
    pub masked: String,
    /// Digits 1–3: a province or, born abroad, a country code.
    pub province_code: String,
    /// The province's name; `None` when born abroad.
    pub province: Option<&'static str>,
    /// Digits 1–3 are a country code.
    pub born_abroad: bool,
    /// The first year of the birth century (1900, 2000, …).
    pub century: u16,
    /// `male` or `female`.
    pub sex: &'static str,
    /// The birth year (century plus digits 5–6).
    pub birth_year: u16,
}

impl IdNumber<'_> {
    /// [`IdInfo`]: the number masked, and what its digits say.
    pub fn info(&self) -> IdInfo {
        IdInfo {
            masked: self.masked().to_string(),
            province_code: self.province_code().to_owned(),
            province: self.province().map(|p| p.name),
            born_abroad: self.born_abroad(),
            century: self.century(),
            sex: self.sex().as_str(),
            birth_year: self.birth_year(),
        }
    }
}

impl fmt::Debug for IdNumber<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({})", self.masked())
    }
}

/// An old 9-digit ID number (chứng minh nhân dân, CMND), borrowed.
///
/// `Debug` is masked (`******789`); no `Display`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cmnd<'a>(&'a str);

/// Validates a standalone old 9-digit CMND number.
pub fn validate_cmnd(s: &str) -> Result<Cmnd<'_>, Error> {
    if s.len() == 9 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(Cmnd(s))
    } else {
        Err(Error::OldIdInvalid)
    }
}

impl<'a> Cmnd<'a> {
    /// The full 9 digits. Personal data: do not log it.
    pub fn as_str(&self) -> &'a str {
        self.0
    }

    /// Masked form: `******789`, the last 3 digits.
    pub fn masked(&self) -> Masked<'a> {
        Masked::keeping_last(self.0, SHOWN_DIGITS)
    }
}

impl fmt::Debug for Cmnd<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Cmnd({})", self.masked())
    }
}

/// A digit string shown with only its last `keep` characters, the others
/// `*`. Formats without allocating.
#[derive(Clone, Copy)]
pub struct Masked<'a> {
    s: &'a str,
    keep: usize,
}

/// How many trailing digits a masked ID or CMND number shows (docs/cccd.md).
pub(crate) const SHOWN_DIGITS: usize = 3;

impl<'a> Masked<'a> {
    /// `s` with every character but the last `keep` written as `*`: the one
    /// masking rule (docs/cccd.md) for every identifier the project masks.
    pub(crate) fn keeping_last(s: &'a str, keep: usize) -> Self {
        Masked { s, keep }
    }
}

impl fmt::Display for Masked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.s.chars().count();
        for (i, c) in self.s.chars().enumerate() {
            if i + self.keep >= n {
                fmt::Write::write_char(f, c)?;
            } else {
                f.write_str("*")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Masked<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
