//! Validators for the identifiers on a dossier QR: unit code (QCVN 102:2016),
//! dossier code, procedure code, applicant identifier.
//!
//! Each validator is usable on its own (a portal checks form input with it).
//! Dossier codes, procedure codes and applicants are owned values (a record
//! is not a hot path); a unit code is a view of the text it was read from.

use std::fmt;

use chrono::NaiveDate;

use super::Error;
use crate::cccd;

/// Longest identifier accepted, in bytes (real ones are under 40).
const MAX_CODE_LEN: usize = 64;

/// Whether a unit code is the full 4-level form of QCVN 102:2016.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "snake_case"))]
pub enum UnitForm {
    /// `V1V2V3.Z1Z2.Y1Y2.MX1X2`, e.g. `000.00.53.H48`.
    Full,
    /// A shorter form seen in real systems: the trailing levels
    /// (`38.98.H29`, `98.H29`, `H29`) or the level-1 group first (`H55.242`).
    Short,
}

/// A unit / agency code (mã định danh điện tử của cơ quan, QCVN 102:2016).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UnitCode<'a> {
    text: &'a str,
    form: UnitForm,
    level1: usize,
}

/// `[A-Z][0-9]{2}`: the level-1 group (G = ministries, H = provincial People's
/// Committees, K = provincial People's Councils, …).
fn is_level1(g: &[u8]) -> bool {
    matches!(g, [l, a, b] if l.is_ascii_uppercase() && a.is_ascii_digit() && b.is_ascii_digit())
}

pub(crate) fn is_digits(g: &[u8], min: usize, max: usize) -> bool {
    (min..=max).contains(&g.len()) && g.iter().all(u8::is_ascii_digit)
}

/// Validates a unit / agency code: the full form `V1V2V3.Z1Z2.Y1Y2.MX1X2`
/// (e.g. `000.00.53.H48`), or a short form (`38.98.H29`, `98.H29`, `H29`,
/// `H55.242`), which [`UnitCode::form`] reports as [`UnitForm::Short`].
/// Letters must be capitals; nothing is trimmed or upper-cased.
pub fn validate_unit_code(s: &str) -> Result<UnitCode<'_>, Error> {
    UnitCode::parse(s)
}

impl<'a> UnitCode<'a> {
    pub(crate) fn parse(text: &'a str) -> Result<Self, Error> {
        let (form, level1) = unit_shape(text.as_bytes())?;
        Ok(UnitCode { text, form, level1 })
    }

    /// The code as written.
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// Full 4-level form or a short one.
    pub fn form(&self) -> UnitForm {
        self.form
    }

    /// The level-1 group, e.g. `H48` (Quảng Ngãi provincial People's Committee).
    pub fn level1(&self) -> &'a str {
        self.text.get(self.level1..self.level1 + 3).unwrap_or("")
    }
}

impl fmt::Debug for UnitCode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UnitCode({:?}, {:?})", self.as_str(), self.form)
    }
}

impl fmt::Display for UnitCode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The form of a unit code and the byte offset of its level-1 group.
fn unit_shape(s: &[u8]) -> Result<(UnitForm, usize), Error> {
    if s.is_empty() || s.len() > MAX_CODE_LEN {
        return Err(Error::UnitCodeFormat);
    }
    let mut groups = [&[][..]; 4];
    let mut n = 0;
    for g in s.split(|&b| b == b'.') {
        let slot = groups.get_mut(n).ok_or(Error::UnitCodeFormat)?;
        *slot = g;
        n += 1;
    }
    let groups = groups.get(..n).unwrap_or_default();
    let Some(l1) = groups.iter().position(|g| is_level1(g)) else {
        return Err(Error::UnitCodeLevel1);
    };
    let offset = groups.iter().take(l1).map(|g| g.len() + 1).sum();
    match groups {
        [a, b, c, _] if l1 == 3 && is_digits(a, 3, 3) && is_digits(b, 2, 2) && is_digits(c, 2, 2) => {
            Ok((UnitForm::Full, offset))
        }
        // The trailing levels of the full form.
        [b, c, _] if l1 == 2 && is_digits(b, 2, 2) && is_digits(c, 2, 2) => Ok((UnitForm::Short, offset)),
        [c, _] if l1 == 1 && is_digits(c, 2, 2) => Ok((UnitForm::Short, offset)),
        [_] => Ok((UnitForm::Short, 0)),
        // Level-1 group first, then lower levels (`H55.242`).
        [_, rest @ ..] if l1 == 0 && rest.iter().all(|g| is_digits(g, 1, 3)) => Ok((UnitForm::Short, 0)),
        _ => Err(Error::UnitCodeFormat),
    }
}

/// The value of ASCII digits (the caller checked they are digits; at most 9).
pub(crate) fn number(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0u32, |n, d| n * 10 + u32::from(d.wrapping_sub(b'0')))
}

/// `YYMMDD` (6 ASCII digits), years 2000–2099.
pub(crate) fn yymmdd(s: &[u8]) -> Option<NaiveDate> {
    if !is_digits(s, 6, 6) {
        return None;
    }
    let (y, md) = s.split_at(2);
    let (m, d) = md.split_at(2);
    NaiveDate::from_ymd_opt(2000 + number(y) as i32, number(m), number(d))
}

/// A dossier code (mã số hồ sơ, Thông tư 01/2018/TT-VPCP Điều 19):
/// `<unit code>-YYMMDD-NNNN`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DossierCode {
    text: String,
    unit: (UnitForm, usize),
    unit_len: usize,
    date: NaiveDate,
    sequence: u16,
}

/// Validates a dossier code such as `000.00.53.H48-220921-0099`: the receiving
/// unit's code, the receipt date (`YYMMDD`, 2000–2099) and the sequence number
/// of the day (`0001`–`9999`). Short unit codes (`38.98.H29-210519-0003`) are
/// accepted; [`DossierCode::unit`] reports their form.
pub fn validate_dossier_code(s: &str) -> Result<DossierCode, Error> {
    DossierCode::parse(s)
}

impl DossierCode {
    pub(crate) fn parse(text: &str) -> Result<Self, Error> {
        let s = text.as_bytes();
        if s.len() > MAX_CODE_LEN {
            return Err(Error::DossierCodeFormat);
        }
        let mut parts = s.rsplitn(3, |&b| b == b'-');
        let (Some(seq), Some(date), Some(unit)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(Error::DossierCodeFormat);
        };
        if !is_digits(seq, 4, 4) || !is_digits(date, 6, 6) {
            return Err(Error::DossierCodeFormat);
        }
        let unit_shape = unit_shape(unit)?;
        let date = yymmdd(date).ok_or(Error::DossierDateInvalid)?;
        let sequence = seq.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
        if sequence == 0 {
            return Err(Error::DossierSequenceInvalid);
        }
        let unit_len = unit.len();
        Ok(DossierCode {
            text: text.to_owned(),
            unit: unit_shape,
            unit_len,
            date,
            sequence,
        })
    }

    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The receiving unit's code.
    pub fn unit(&self) -> UnitCode<'_> {
        UnitCode {
            text: self.text.get(..self.unit_len).unwrap_or(""),
            form: self.unit.0,
            level1: self.unit.1,
        }
    }

    /// The date the dossier was received.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The sequence number of the day (1–9999).
    pub fn sequence(&self) -> u16 {
        self.sequence
    }
}

impl fmt::Debug for DossierCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DossierCode({:?})", self.as_str())
    }
}

impl fmt::Display for DossierCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a form may show of a dossier code ([`DossierCode::info`]); with the
/// `serde` feature, the bindings' `validateDossierCode` result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DossierCodeInfo {
    /// The receiving unit's code.
    pub unit: String,
    /// Its form.
    pub unit_form: UnitForm,
    /// Its level-1 group, e.g. `H48`.
    pub level1: String,
    /// The receipt date, `YYYY-MM-DD`.
    pub date: String,
    /// The day's sequence number.
    pub sequence: u16,
}

impl DossierCode {
    /// [`DossierCodeInfo`]: the unit, the date and the sequence number.
    pub fn info(&self) -> DossierCodeInfo {
        let unit = self.unit();
        DossierCodeInfo {
            unit: unit.as_str().to_owned(),
            unit_form: unit.form(),
            level1: unit.level1().to_owned(),
            date: self.date().to_string(),
            sequence: self.sequence(),
        }
    }
}

/// What a form may show of a procedure code ([`ProcedureCode::info`]);
/// with the `serde` feature, the bindings' `validateProcedureCode` result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ProcedureCodeInfo {
    /// `D.NNNNNN`.
    pub national: String,
    /// A provincial variant's unit code.
    pub unit: Option<String>,
    /// The further `.NN`.
    pub extra: Option<String>,
}

/// A procedure code from the national TTHC database: `D.NNNNNN`
/// (e.g. `1.001612`), optionally followed by a province's unit code
/// (`1.001612.000.00.00.H48`) and a further `.NN`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ProcedureCode {
    text: String,
    /// Byte length of the unit code after `D.NNNNNN.` (0 = national form).
    unit_len: usize,
    unit: Option<(UnitForm, usize)>,
}

/// Validates a procedure code. The first digit must be 1–3 (its meaning is
/// not published, so it is not interpreted).
pub fn validate_procedure_code(s: &str) -> Result<ProcedureCode, Error> {
    ProcedureCode::parse(s)
}

const NATIONAL_LEN: usize = 8;

impl ProcedureCode {
    pub(crate) fn parse(text: &str) -> Result<Self, Error> {
        let s = text.as_bytes();
        if s.len() > MAX_CODE_LEN {
            return Err(Error::ProcedureCodeFormat);
        }
        let (national, rest) = s.split_at_checked(NATIONAL_LEN).ok_or(Error::ProcedureCodeFormat)?;
        let [group, b'.', digits @ ..] = national else {
            return Err(Error::ProcedureCodeFormat);
        };
        if !group.is_ascii_digit() || !is_digits(digits, 6, 6) || rest.first().is_some_and(|&b| b != b'.') {
            return Err(Error::ProcedureCodeFormat);
        }
        if !(b'1'..=b'3').contains(group) {
            return Err(Error::ProcedureCodeGroup);
        }
        let (unit_len, unit) = match rest.get(1..) {
            None => (0, None),
            Some(suffix) => match unit_shape(suffix) {
                Ok(shape) => (suffix.len(), Some(shape)),
                Err(_) => {
                    // `<unit code>.NN`
                    let dot = suffix
                        .iter()
                        .rposition(|&b| b == b'.')
                        .ok_or(Error::ProcedureSuffixInvalid)?;
                    let (unit, extra) = suffix.split_at(dot);
                    if !is_digits(extra.get(1..).unwrap_or_default(), 1, 3) {
                        return Err(Error::ProcedureSuffixInvalid);
                    }
                    let shape = unit_shape(unit).map_err(|_| Error::ProcedureSuffixInvalid)?;
                    (unit.len(), Some(shape))
                }
            },
        };
        Ok(ProcedureCode {
            text: text.to_owned(),
            unit_len,
            unit,
        })
    }

    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The national part, `D.NNNNNN`.
    pub fn national(&self) -> &str {
        self.text.get(..NATIONAL_LEN).unwrap_or("")
    }

    /// The province's unit code of a provincial variant.
    pub fn unit(&self) -> Option<UnitCode<'_>> {
        let (form, level1) = self.unit?;
        let start = NATIONAL_LEN + 1;
        Some(UnitCode {
            text: self.text.get(start..start + self.unit_len)?,
            form,
            level1,
        })
    }

    /// The further `.NN` after the unit code, without the dot.
    pub fn extra(&self) -> Option<&str> {
        self.unit?;
        self.text.get(NATIONAL_LEN + 2 + self.unit_len..)
    }
}

impl fmt::Debug for ProcedureCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ProcedureCode({:?})", self.as_str())
    }
}

impl fmt::Display for ProcedureCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ProcedureCode {
    /// [`ProcedureCodeInfo`]: the national part, and a variant's unit and suffix.
    pub fn info(&self) -> ProcedureCodeInfo {
        ProcedureCodeInfo {
            national: self.national().to_owned(),
            unit: self.unit().map(|u| u.as_str().to_owned()),
            extra: self.extra().map(str::to_owned),
        }
    }
}

/// What a form may show of an applicant identifier ([`Applicant::info`]);
/// with the `serde` feature, the bindings' `validateApplicant` result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ApplicantInfo {
    /// Person, tax code or unit.
    pub kind: ApplicantKind,
    /// The masked form (a unit code unchanged).
    pub masked: String,
}

/// What kind of identifier an [`Applicant`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "snake_case"))]
pub enum ApplicantKind {
    /// A person's 12-digit ID number (số định danh cá nhân).
    Person,
    /// An organisation's enterprise/tax code: 10 digits, or 10-3 for a branch.
    TaxCode,
    /// A state agency's unit code (QCVN 102:2016).
    Unit,
    /// A masked identifier, e.g. `*********456`, from a payload made for
    /// papers that leave the office. The full identifier is not recoverable.
    Masked,
}

/// The applicant's identifier (mã định danh của tổ chức, cá nhân).
///
/// `Debug` masks the digits of ID numbers and tax codes; there is no
/// `Display`: use [`as_str`](Applicant::as_str) where the full text is meant.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Applicant {
    text: String,
    kind: ApplicantKind,
}

/// Validates an applicant identifier: a person's 12-digit ID number (structure
/// as [`cccd::validate_id`]), a tax code (10 digits with a correct check digit,
/// or 10-3 for a branch), or a unit code. Masked identifiers are rejected
/// ([`Error::ApplicantMasked`]); only the payload decoder accepts them.
pub fn validate_applicant(s: &str) -> Result<Applicant, Error> {
    Applicant::parse(s, false)
}

impl Applicant {
    pub(crate) fn parse(text: &str, allow_masked: bool) -> Result<Self, Error> {
        let s = text.as_bytes();
        let kind = if s.contains(&b'*') {
            if !allow_masked {
                return Err(Error::ApplicantMasked);
            }
            let digit_or_star = |b: &u8| b.is_ascii_digit() || *b == b'*';
            let ok = match s.len() {
                10 | 12 => s.iter().all(digit_or_star),
                14 => s
                    .iter()
                    .enumerate()
                    .all(|(i, b)| if i == 10 { *b == b'-' } else { digit_or_star(b) }),
                _ => false,
            };
            if !ok {
                return Err(Error::ApplicantFormat);
            }
            ApplicantKind::Masked
        } else if s.iter().any(u8::is_ascii_uppercase) {
            unit_shape(s).map_err(|_| Error::ApplicantFormat)?;
            ApplicantKind::Unit
        } else if s.len() == 12 && s.iter().all(u8::is_ascii_digit) {
            cccd::validate_id(text).map_err(|_| Error::ApplicantIdProvince)?;
            ApplicantKind::Person
        } else {
            check_tax_code(s)?;
            ApplicantKind::TaxCode
        };
        Ok(Applicant {
            text: text.to_owned(),
            kind,
        })
    }

    /// The identifier as written. Personal data when it is a person's ID.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// What kind of identifier this is.
    pub fn kind(&self) -> ApplicantKind {
        self.kind
    }

    /// The person's ID number as a [`cccd::IdNumber`] (province, century, sex…).
    pub fn id_number(&self) -> Option<cccd::IdNumber<'_>> {
        match self.kind {
            ApplicantKind::Person => cccd::validate_id(&self.text).ok(),
            _ => None,
        }
    }

    /// [`ApplicantInfo`]: the kind, and the masked form.
    pub fn info(&self) -> ApplicantInfo {
        ApplicantInfo {
            kind: self.kind,
            masked: self.masked().text,
        }
    }

    /// The masked form put on papers that leave the office, by the policy
    /// of docs/cccd.md: an ID number keeps its last 3 digits
    /// (`*********456`, as [`cccd::IdNumber::masked`]), a tax code the last
    /// 3 of its 10 digits and its branch suffix (`*******488-001`); unit
    /// codes (public) are unchanged.
    pub fn masked(&self) -> Applicant {
        let s = self.as_str();
        let text = match self.kind {
            // Parsing checked it is an ID number: its own masking.
            ApplicantKind::Person => cccd::Masked::keeping_last(s, cccd::id::SHOWN_DIGITS).to_string(),
            // The first 7 digits hidden, the branch suffix kept.
            ApplicantKind::TaxCode => cccd::Masked::keeping_last(s, s.len().saturating_sub(7)).to_string(),
            ApplicantKind::Unit | ApplicantKind::Masked => s.to_owned(),
        };
        let kind = if self.kind == ApplicantKind::Unit {
            ApplicantKind::Unit
        } else {
            ApplicantKind::Masked
        };
        Applicant { text, kind }
    }
}

impl fmt::Debug for Applicant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let masked = self.masked();
        write!(f, "Applicant({:?}, {:?})", self.kind, masked.as_str())
    }
}

/// Enterprise/tax code (mã số thuế): 10 digits, the 10th a check digit over
/// the first 9 (weights 31 29 23 19 17 13 7 5 3; check = 10 − sum mod 11),
/// digits 3–9 not all zero; a branch adds `-` and 3 digits other than `000`.
fn check_tax_code(s: &[u8]) -> Result<(), Error> {
    let (main, branch) = match s.len() {
        10 => (s, None),
        14 if s.get(10) == Some(&b'-') => {
            let (main, branch) = s.split_at(10);
            (main, branch.get(1..))
        }
        _ => return Err(Error::ApplicantFormat),
    };
    if !main.iter().all(u8::is_ascii_digit) || !branch.is_none_or(|b| b.iter().all(u8::is_ascii_digit)) {
        return Err(Error::ApplicantFormat);
    }
    const WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];
    let sum: u32 = main.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    let check = 10 - sum % 11;
    let ok = main.get(9).map(|d| u32::from(d - b'0')) == Some(check)
        && main.get(2..9).is_some_and(|seq| seq.iter().any(|&d| d != b'0'))
        && branch != Some(b"000");
    if ok {
        Ok(())
    } else {
        Err(Error::TaxCodeCheckDigit)
    }
}
