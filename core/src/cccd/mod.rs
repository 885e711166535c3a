//! The QR code on a chip citizen ID card (thẻ Căn cước công dân, 2021; thẻ
//! Căn cước, 2024+).
//!
//! Payload: `|`-separated fields — ID number, old CMND (or empty), full name,
//! date of birth (`ddMMyyyy`), sex (`Nam`/`Nữ`), permanent address, issue date
//! (`ddMMyyyy`); 2024+ cards append 4 more fields (usually empty).
//!
//! Two entry points:
//! * [`parse`] / [`parse_as_of`] — strict, for text known to be clean: the
//!   [`Card`] borrows every text field from the input and nothing is
//!   allocated. Text that needs a scanner repair is an
//!   [`Error::NeedsRepair`], never silently accepted.
//! * [`repair`] (or [`repair_bytes`]) then [`Repaired::parse`] — for what a
//!   scanner delivers: strips BOM and CR/LF/TAB suffix, undoes Windows-1252
//!   mojibake, normalises to NFC, and reports each [`Repair`]. The text is
//!   copied only when a repair rewrote it.
//!
//! Personal data (Nghị định 13/2023): errors never carry input text, and
//! `Debug` of a [`Card`] masks the ID numbers and redacts name, address and
//! date of birth.

use std::fmt;

use chrono::{Datelike, NaiveDate, TimeDelta, Utc};

mod error;
pub(crate) mod id;
mod province;
mod repair;
mod scan;

pub use error::{Error, TextField};
pub use id::{validate_cmnd, validate_id, Cmnd, IdInfo, IdNumber, Masked};
pub use province::{province, Province, PROVINCES};
#[cfg(feature = "samples")]
pub use repair::garble_as_windows1252;
pub use repair::{repair, repair_bytes, Repair, Repaired, Repairs};

/// The longest payload accepted, in bytes (before repairs). Real payloads are
/// 100–300 bytes; mojibake roughly doubles Vietnamese text.
pub const MAX_PAYLOAD_LEN: usize = 2048;

/// The milestone ages at which a card must be renewed (Luật Căn cước 2023, Điều 21).
pub const RENEWAL_AGES: [u32; 4] = [14, 25, 40, 60];

/// Which card the payload came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// 7 fields: the 2021 chip CCCD (QR on the front).
    V2021,
    /// 11 fields: the 2024+ Căn cước card (QR on the back).
    V2024,
}

impl Layout {
    /// `"2021"` or `"2024"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Layout::V2021 => "2021",
            Layout::V2024 => "2024",
        }
    }
}

/// Sex as printed on the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// `Nam`
    Male,
    /// `Nữ`
    Female,
}

impl Sex {
    /// `"male"` / `"female"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    /// The word on the card: `"Nam"` / `"Nữ"`.
    pub const fn as_vi(self) -> &'static str {
        match self {
            Sex::Male => "Nam",
            Sex::Female => "Nữ",
        }
    }
}

/// Something true of a valid card that whoever reads it should be told
/// ([`Card::warnings`]). Not an error: the card parsed and validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Warning {
    /// The expiry date has passed on the reference date ([`Card::is_expired`]).
    CardExpired,
    /// Issued in 2016–2020, before chip cards ([`Card::issued_before_chip_era`]).
    IssuedBeforeChipEra,
}

impl Warning {
    /// Every warning, in the order [`Card::warnings`] lists them.
    pub const ALL: [Warning; 2] = [Warning::CardExpired, Warning::IssuedBeforeChipEra];

    /// Stable code: `card_expired`, `issued_before_chip_era`.
    pub const fn code(self) -> &'static str {
        match self {
            Warning::CardExpired => "card_expired",
            Warning::IssuedBeforeChipEra => "issued_before_chip_era",
        }
    }

    /// English message.
    pub const fn message(self) -> &'static str {
        match self {
            Warning::CardExpired => "the card has expired",
            Warning::IssuedBeforeChipEra => "issued before chip cards",
        }
    }

    /// Vietnamese message.
    pub const fn message_vi(self) -> &'static str {
        match self {
            Warning::CardExpired => "thẻ đã hết hạn sử dụng",
            Warning::IssuedBeforeChipEra => "cấp trước năm 2021, thẻ không gắn chip",
        }
    }
}

/// Result of checking that a card links an old CMND number (the land-record
/// change from a 9-digit CMND to the 12-digit CCCD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmndLink {
    /// The card's old-ID field holds exactly this CMND number.
    Linked,
    /// The card holds a different old number.
    Mismatch,
    /// The card holds no old number: the link must be proven another way.
    NoOldId,
}

impl CmndLink {
    /// `"linked"`, `"mismatch"` or `"no_old_id"`.
    pub const fn code(self) -> &'static str {
        match self {
            CmndLink::Linked => "linked",
            CmndLink::Mismatch => "mismatch",
            CmndLink::NoOldId => "no_old_id",
        }
    }
}

/// A parsed, validated card. Text fields borrow from the parsed text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Card<'a> {
    layout: Layout,
    id: IdNumber<'a>,
    old_id: Option<Cmnd<'a>>,
    name: &'a str,
    birth_date: NaiveDate,
    sex: Sex,
    address: &'a str,
    issue_date: NaiveDate,
    expiry_date: Option<NaiveDate>,
    extra: [&'a str; 4],
    as_of: NaiveDate,
}

/// Strict parse of a clean payload, with "today" in Vietnam (UTC+07:00) as
/// the reference date. See [`parse_as_of`].
pub fn parse(input: &str) -> Result<Card<'_>, Error> {
    parse_as_of(input, today_vn())
}

/// Strict parse of a clean payload against a reference date `as_of`
/// ("today"): birth and issue dates must not be after it, and
/// [`Card::is_expired`] is judged on it. Allocation-free.
///
/// A BOM, CR/LF/TAB suffix, mojibake or non-NFC text is an
/// [`Error::NeedsRepair`]: use [`repair`] for scanner input.
pub fn parse_as_of(input: &str, as_of: NaiveDate) -> Result<Card<'_>, Error> {
    check_len(input.len())?;
    let sc = scan::scan(input);
    repair::check_clean(input, &sc)?;
    parse_scanned(input, &sc, as_of)
}

/// The one place the input limit is enforced: [`Error::TooLong`] beyond
/// [`MAX_PAYLOAD_LEN`] bytes.
pub(crate) fn check_len(len: usize) -> Result<(), Error> {
    if len > MAX_PAYLOAD_LEN {
        return Err(Error::TooLong { max: MAX_PAYLOAD_LEN });
    }
    Ok(())
}

/// [`Card::cmnd_link`] for a card's old-ID field held elsewhere (a C
/// caller's struct): `old_id` is the field as parsed, `None` when the card
/// has none; `cmnd` must be 9 digits ([`Error::OldIdInvalid`]).
pub fn link_cmnd(old_id: Option<&str>, cmnd: &str) -> Result<CmndLink, Error> {
    let cmnd = validate_cmnd(cmnd)?;
    Ok(match old_id {
        None => CmndLink::NoOldId,
        Some(old) if old == cmnd.as_str() => CmndLink::Linked,
        Some(_) => CmndLink::Mismatch,
    })
}

/// `*********456` / `******789`: a 12-digit ID number or a 9-digit CMND
/// masked for logs and copies (docs/cccd.md). Anything else is the ID's
/// validation error: nothing that is not an identifier is echoed back.
pub fn mask_id(s: &str) -> Result<String, Error> {
    match validate_cmnd(s) {
        Ok(cmnd) => Ok(cmnd.masked().to_string()),
        Err(_) => validate_id(s).map(|id| id.masked().to_string()),
    }
}

/// Today's date in Vietnam (UTC+07:00), whatever the machine's time zone.
pub fn today_vn() -> NaiveDate {
    (Utc::now() + TimeDelta::hours(7)).date_naive()
}

const CCCD_START: NaiveDate = match NaiveDate::from_ymd_opt(2016, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
const CHIP_START: NaiveDate = match NaiveDate::from_ymd_opt(2021, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Field checks and cross-checks on text already known to be clean (at
/// most `MAX_PAYLOAD_LEN` bytes), with its scan.
pub(crate) fn parse_scanned<'a>(text: &'a str, sc: &scan::Scan, as_of: NaiveDate) -> Result<Card<'a>, Error> {
    if text.is_empty() {
        return Err(Error::Empty);
    }
    let (layout, f) = if let Some(f) = sc.fields::<7>(text) {
        let [a, b, c, d, e, g, h] = f;
        (Layout::V2021, [a, b, c, d, e, g, h, "", "", "", ""])
    } else if let Some(f) = sc.fields::<11>(text) {
        (Layout::V2024, f)
    } else {
        return Err(Error::FieldCount { found: sc.n_seps + 1 });
    };
    let [id, old_id, name, birth, sex, address, issue, e0, e1, e2, e3] = f;
    // Control characters are rare: look for them per field only when the
    // scan saw one. U+FFFD (a decoder before us lost bytes: "Nguy�n") is
    // outside the scan's fast ranges, so it sets `nfc_unsure`.
    let has_bad_char = |s: &str| {
        (sc.control && s.chars().any(char::is_control)) || (sc.nfc_unsure && s.contains(char::REPLACEMENT_CHARACTER))
    };

    let id = validate_id(id)?;
    let old_id = match old_id {
        "" => None,
        s => Some(validate_cmnd(s)?),
    };
    // Invisible and text-direction characters: all but the soft hyphen
    // are outside the scan's fast ranges, so `nfc_unsure` is set.
    let invisible = |field: TextField, s: &str| {
        let found = if sc.nfc_unsure {
            s.chars().find(|&c| crate::unicode::is_invisible(c))
        } else {
            s.contains('\u{AD}').then_some('\u{AD}')
        };
        found.map_or(Ok(()), |c| {
            Err(Error::InvisibleChar {
                field,
                codepoint: u32::from(c),
            })
        })
    };
    if !name.chars().any(char::is_alphabetic) || name.bytes().any(|b| b.is_ascii_digit()) || has_bad_char(name) {
        return Err(Error::NameInvalid);
    }
    invisible(TextField::Name, name)?;
    let birth_date = parse_date(birth).ok_or(Error::BirthDateInvalid)?;
    if birth_date > as_of {
        return Err(Error::BirthDateInFuture);
    }
    let sex = match sex {
        "Nam" => Sex::Male,
        "Nữ" => Sex::Female,
        _ => return Err(Error::SexInvalid),
    };
    if address.trim().is_empty() || has_bad_char(address) {
        return Err(Error::AddressInvalid);
    }
    invisible(TextField::Address, address)?;
    let issue_date = parse_date(issue).ok_or(Error::IssueDateInvalid)?;
    let extra = [e0, e1, e2, e3];
    if extra.iter().any(|e| has_bad_char(e)) {
        return Err(Error::ExtraFieldInvalid);
    }
    for e in extra {
        invisible(TextField::Extra, e)?;
    }

    if id.sex() != sex {
        return Err(Error::IdSexMismatch);
    }
    if i32::from(id.birth_year()) != birth_date.year() {
        return Err(Error::IdBirthYearMismatch);
    }
    if issue_date < birth_date {
        return Err(Error::IssueDateBeforeBirth);
    }
    if issue_date > as_of {
        return Err(Error::IssueDateInFuture);
    }
    if issue_date < CCCD_START {
        return Err(Error::IssueDateBeforeCccd);
    }
    Ok(Card {
        layout,
        id,
        old_id,
        name,
        birth_date,
        sex,
        address,
        issue_date,
        expiry_date: expiry_date(birth_date, issue_date),
        extra,
        as_of,
    })
}

/// `ddMMyyyy`, 8 ASCII digits, a real calendar date.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let b: &[u8; 8] = s.as_bytes().try_into().ok()?;
    if !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = |i: usize, j: usize| -> u32 {
        b.get(i..j)
            .unwrap_or_default()
            .iter()
            .fold(0, |acc, d| acc * 10 + u32::from(d - b'0'))
    };
    NaiveDate::from_ymd_opt(i32::try_from(n(4, 8)).ok()?, n(2, 4), n(0, 2))
}

/// The date a person born on `birth` turns `age` (29 February → 28 February
/// in common years).
fn birthday(birth: NaiveDate, age: u32) -> Option<NaiveDate> {
    let year = birth.year().checked_add(i32::try_from(age).ok()?)?;
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day()).or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
}

/// Expiry by the 14/25/40/60 rule (Luật Căn cước 2023, Điều 21): a card
/// expires on the first renewal birthday that is more than 2 years after its
/// issue; one issued within the 2 years before a milestone (the day exactly
/// 2 years before included) runs to the next milestone; a card issued within
/// 2 years before 60, or at 60 or later, never expires (`None`).
pub fn expiry_date(birth: NaiveDate, issue: NaiveDate) -> Option<NaiveDate> {
    // issue < birthday(m - 2)  ⟺  completed years at issue < m - 2
    let age = completed_years(birth, issue);
    let milestone = RENEWAL_AGES.into_iter().find(|&m| age < i64::from(m) - 2)?;
    birthday(birth, milestone)
}

/// Completed years of age on `on`, counting a 29 February birthday on
/// 28 February in common years (as [`birthday`] does).
fn completed_years(birth: NaiveDate, on: NaiveDate) -> i64 {
    let (mut bm, mut bd) = (birth.month(), birth.day());
    if (bm, bd) == (2, 29) && NaiveDate::from_ymd_opt(on.year(), 2, 29).is_none() {
        (bm, bd) = (2, 28);
    }
    i64::from(on.year()) - i64::from(birth.year()) - i64::from((on.month(), on.day()) < (bm, bd))
}

impl<'a> Card<'a> {
    /// 2021 (7 fields) or 2024 (11 fields).
    pub fn layout(&self) -> Layout {
        self.layout
    }
    /// The 12-digit ID number.
    pub fn id(&self) -> IdNumber<'a> {
        self.id
    }
    /// The old 9-digit CMND number, if the card carries one.
    pub fn old_id(&self) -> Option<Cmnd<'a>> {
        self.old_id
    }
    /// Full name, as on the card.
    pub fn name(&self) -> &'a str {
        self.name
    }
    /// Date of birth.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }
    /// Sex.
    pub fn sex(&self) -> Sex {
        self.sex
    }
    /// Permanent address (nơi thường trú), as on the card.
    pub fn address(&self) -> &'a str {
        self.address
    }
    /// Issue date.
    pub fn issue_date(&self) -> NaiveDate {
        self.issue_date
    }
    /// Computed expiry date (the QR holds none); `None` = does not expire.
    pub fn expiry_date(&self) -> Option<NaiveDate> {
        self.expiry_date
    }
    /// The 4 extra raw fields of a 2024+ card (`None` for a 2021 card).
    /// Believed to hold parents' names or a cancelled number for children;
    /// not interpreted.
    pub fn extra(&self) -> Option<[&'a str; 4]> {
        match self.layout {
            Layout::V2021 => None,
            Layout::V2024 => Some(self.extra),
        }
    }
    /// The reference date the card was validated against.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }
    /// The card's expiry date has passed on the reference date (it is valid
    /// through its expiry date).
    pub fn is_expired(&self) -> bool {
        self.expiry_date.is_some_and(|e| self.as_of > e)
    }
    /// Issued in 2016–2020: a legacy 12-digit card before chip cards (2021).
    pub fn issued_before_chip_era(&self) -> bool {
        self.issue_date < CHIP_START
    }

    /// What a reader of this valid card should be told, in
    /// [`Warning::ALL`]'s order: the JSON's `warnings`, the npm package's
    /// `CardWarning`s.
    pub fn warnings(&self) -> impl Iterator<Item = Warning> + '_ {
        Warning::ALL.into_iter().filter(|w| match w {
            Warning::CardExpired => self.is_expired(),
            Warning::IssuedBeforeChipEra => self.issued_before_chip_era(),
        })
    }

    /// Checks that this card links the old CMND number `cmnd` (typed by the
    /// clerk from a land-use certificate, say). `cmnd` must be 9 digits.
    pub fn cmnd_link(&self, cmnd: &str) -> Result<CmndLink, Error> {
        link_cmnd(self.old_id.map(|o| o.as_str()), cmnd)
    }

    /// Writes the card back as a clean payload (the inverse of [`parse`]).
    pub fn write_payload(&self, out: &mut impl fmt::Write) -> fmt::Result {
        let d = |d: NaiveDate| DdMmYyyy(d);
        write!(
            out,
            "{}|{}|{}|{}|{}|{}|{}",
            self.id.as_str(),
            self.old_id.map_or("", |c| c.as_str()),
            self.name,
            d(self.birth_date),
            self.sex.as_vi(),
            self.address,
            d(self.issue_date)
        )?;
        if let Some(extra) = self.extra() {
            for e in extra {
                write!(out, "|{e}")?;
            }
        }
        Ok(())
    }

    /// The card as a clean payload string.
    pub fn to_payload(&self) -> String {
        let mut s = String::with_capacity(160);
        // Writing to a String cannot fail.
        let _ = self.write_payload(&mut s);
        s
    }

    /// A view for copies that leave the office, by the one masking policy
    /// of docs/cccd.md: ID numbers keep their last 3 digits, the name its
    /// initials, the address its last part (province), the dates of birth
    /// and expiry their year; the province of birth registration (digits
    /// 1–3 of the ID) is hidden.
    pub fn masked(&self) -> MaskedCard<'_, 'a> {
        MaskedCard(self)
    }

    /// The card's fields as a person reads them (on the sheet, in the CLI's
    /// text output): dates `dd/mm/yyyy`, masked by the same policy as
    /// [`Card::masked`] when `masked`.
    pub fn shown(&self, masked: bool) -> Shown {
        let vn = |d: NaiveDate| format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year());
        if masked {
            let m = self.masked();
            return Shown {
                id: m.id().to_string(),
                old_id: m.old_id().map(|o| o.to_string()),
                name: m.name(),
                birth_date: m.birth_date().vn(),
                address: m.address(),
                expiry_date: m.expiry_date().map(MaskedDate::vn),
                birth_place: None,
            };
        }
        Shown {
            id: self.id.as_str().to_owned(),
            old_id: self.old_id.map(|o| o.as_str().to_owned()),
            name: self.name.to_owned(),
            birth_date: vn(self.birth_date),
            address: self.address.to_owned(),
            expiry_date: self.expiry_date.map(vn),
            birth_place: Some(match self.id.province() {
                Some(p) => format!("{} {}", p.code, p.name),
                None => format!("{} — sinh ở nước ngoài", self.id.province_code()),
            }),
        }
    }
}

/// A card's personal fields as text for people, full or masked: see
/// [`Card::shown`].
#[derive(Clone, PartialEq, Eq)]
pub struct Shown {
    /// The ID number.
    pub id: String,
    /// The old CMND number, if any.
    pub old_id: Option<String>,
    /// The name.
    pub name: String,
    /// `dd/mm/yyyy`, or `**/**/yyyy` masked.
    pub birth_date: String,
    /// The permanent address.
    pub address: String,
    /// `dd/mm/yyyy`, `**/**/yyyy` masked; `None`: the card does not expire.
    pub expiry_date: Option<String>,
    /// Where the birth was registered (`001 Hà Nội`, or a country code
    /// with "sinh ở nước ngoài"); `None` when masked.
    pub birth_place: Option<String>,
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Shown(<personal data>)")
    }
}

struct DdMmYyyy(NaiveDate);

impl fmt::Display for DdMmYyyy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}{:02}{:04}", self.0.day(), self.0.month(), self.0.year())
    }
}

impl fmt::Debug for Card<'_> {
    /// The masked view (docs/cccd.md, "Masking"): no output of the library
    /// shows more of a card than a masked copy does.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.masked();
        f.debug_struct("Card")
            .field("layout", &self.layout)
            .field("id", &m.id())
            .field("old_id", &m.old_id())
            .field("name", &format_args!("<redacted>"))
            .field("birth_date", &m.birth_date())
            .field("sex", &self.sex)
            .field("address", &format_args!("<redacted>"))
            .field("issue_date", &self.issue_date)
            .field("expiry_date", &m.expiry_date())
            .field("extra_non_empty", &self.extra.iter().filter(|e| !e.is_empty()).count())
            .finish()
    }
}

/// One scan's answer as the CLI's JSON and the npm package give it: the
/// card (in full, or masked as [`Card::masked`]), the scanner repairs it
/// needed and, when a CMND was given, how the card links to it. With the
/// `serde` feature it serialises as the card's fields, then `repairs`,
/// then `cmnd_link` (left out when `None`); the bindings only add their own
/// keys around it.
#[derive(Debug, Clone, Copy)]
pub struct Report<'c, 'a> {
    /// The parsed card.
    pub card: &'c Card<'a>,
    /// What the scanner path repaired ([`Repairs::default`] on the strict path).
    pub repairs: Repairs,
    /// [`Card::cmnd_link`]'s answer, when a CMND was checked.
    pub cmnd_link: Option<CmndLink>,
    /// Serialise the card masked ([`Card::masked`]).
    pub masked: bool,
}

/// See [`Card::masked`].
#[derive(Clone, Copy)]
pub struct MaskedCard<'c, 'a>(&'c Card<'a>);

impl<'a> MaskedCard<'_, 'a> {
    /// `*********456`.
    pub fn id(&self) -> Masked<'a> {
        self.0.id.masked()
    }

    /// `******789`.
    pub fn old_id(&self) -> Option<Masked<'a>> {
        self.0.old_id.map(|o| o.masked())
    }

    /// `Nguyễn Văn A` → `N. V. A.`: the initials, so that not even the
    /// length of each word shows.
    pub fn name(&self) -> String {
        let mut out = String::with_capacity(16);
        for w in self.0.name.split_whitespace() {
            if let Some(c) = w.chars().next() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push(c);
                out.push('.');
            }
        }
        out
    }

    /// `Số 1 Phố X, Phường Y, Hà Nội` → `***, Hà Nội`.
    pub fn address(&self) -> String {
        match self.0.address.rsplit_once(',') {
            Some((_, last)) => format!("***,{last}"),
            None => "***".into(),
        }
    }

    /// The year of birth only.
    pub fn birth_date(&self) -> MaskedDate {
        MaskedDate(self.0.birth_date.year())
    }

    /// The year of expiry only (the full date is a birthday); `None`: the
    /// card does not expire.
    pub fn expiry_date(&self) -> Option<MaskedDate> {
        self.0.expiry_date.map(|d| MaskedDate(d.year()))
    }
}

/// A masked date: only its year. `Display` writes `1990-**-**` (the JSON
/// outputs' form); [`MaskedDate::vn`] gives `**/**/1990` (paper's).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct MaskedDate(i32);

impl MaskedDate {
    /// The year.
    pub fn year(self) -> i32 {
        self.0
    }

    /// `**/**/1990`, the order of Vietnamese dates.
    pub fn vn(self) -> String {
        format!("**/**/{:04}", self.0)
    }
}

impl fmt::Display for MaskedDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-**-**", self.0)
    }
}

impl fmt::Debug for MaskedDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::*;
    use serde::ser::{Serialize, SerializeStruct, Serializer};

    /// `YYYY-MM-DD` (what chrono's `Display` writes for years 0–9999),
    /// formatted on the stack: `collect_str` through `fmt` cost more than
    /// the parse itself in the CLI's JSON output.
    struct Date(NaiveDate);
    impl Serialize for Date {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match iso_date(self.0) {
                Some(buf) => s.serialize_str(std::str::from_utf8(&buf).unwrap_or_default()),
                None => s.collect_str(&self.0),
            }
        }
    }

    /// The 10 bytes of `YYYY-MM-DD`, for years 0–9999.
    fn iso_date(d: NaiveDate) -> Option<[u8; 10]> {
        let y = u32::try_from(d.year()).ok().filter(|&y| y <= 9999)?;
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let (m, day) = (d.month(), d.day());
        Some([
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(day / 10),
            digit(day),
        ])
    }

    #[cfg(test)]
    #[test]
    fn iso_date_is_chronos_display() {
        let mut d = NaiveDate::from_ymd_opt(0, 1, 1);
        let mut n = 0;
        while let Some(day) = d.filter(|d| d.year() <= 9999) {
            let buf = iso_date(day).map(|b| String::from_utf8_lossy(&b).into_owned());
            assert_eq!(buf, Some(day.to_string()));
            d = day.checked_add_days(chrono::Days::new(13));
            n += 1;
        }
        assert!(n > 280_000);
        assert_eq!(iso_date(NaiveDate::from_ymd_opt(-1, 1, 1).unwrap_or_default()), None);
        assert_eq!(iso_date(NaiveDate::from_ymd_opt(10000, 1, 1).unwrap_or_default()), None);
    }

    impl Serialize for Repair {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.code())
        }
    }
    impl Serialize for Repairs {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.iter())
        }
    }
    impl Serialize for CmndLink {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_str(self.code())
        }
    }

    /// The personal values of one output, already masked or not.
    struct Personal<'p, I, O, N, B, A, E, X> {
        id: I,
        old_id: O,
        name: N,
        birth_date: B,
        address: A,
        expiry_date: E,
        extra: X,
        /// Province of birth: code, name, born abroad (`None`: masked).
        birth_place: Option<(&'p str, Option<&'static str>, bool)>,
    }

    /// Writes the card's fields in the CLI contract's order.
    fn fields<S: SerializeStruct, I, O, N, B, A, E, X>(
        st: &mut S,
        c: &Card<'_>,
        p: Personal<'_, I, O, N, B, A, E, X>,
    ) -> Result<(), S::Error>
    where
        I: Serialize,
        O: Serialize,
        N: Serialize,
        B: Serialize,
        A: Serialize,
        E: Serialize,
        X: Serialize,
    {
        let Personal {
            id,
            old_id,
            name,
            birth_date,
            address,
            expiry_date,
            extra,
            birth_place,
        } = p;
        st.serialize_field("layout", c.layout.as_str())?;
        st.serialize_field("id", &id)?;
        st.serialize_field("old_id", &old_id)?;
        st.serialize_field("name", &name)?;
        st.serialize_field("birth_date", &birth_date)?;
        st.serialize_field("sex", c.sex.as_str())?;
        st.serialize_field("address", &address)?;
        st.serialize_field("issue_date", &Date(c.issue_date))?;
        st.serialize_field("expiry_date", &expiry_date)?;
        st.serialize_field("expired", &c.is_expired())?;
        st.serialize_field("province_code", &birth_place.map(|b| b.0))?;
        st.serialize_field("province", &birth_place.and_then(|b| b.1))?;
        st.serialize_field("born_abroad", &birth_place.map(|b| b.2))?;
        st.serialize_field("extra", &extra)?;
        st.serialize_field("warnings", &Warnings(c))
    }

    /// `Card::warnings`' codes, as a sequence.
    struct Warnings<'c, 'a>(&'c Card<'a>);
    impl Serialize for Warnings<'_, '_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.warnings().map(Warning::code))
        }
    }

    /// The CLI JSON contract's card fields: `layout`, `id`, `old_id`, `name`,
    /// `birth_date`, `sex`, `address`, `issue_date`, `expiry_date`, `expired`,
    /// `province_code`, `province`, `born_abroad`, `extra`, `warnings`.
    impl Serialize for Card<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("Card", 15)?;
            let extra = self.extra();
            let id = self.id;
            fields(
                &mut st,
                self,
                Personal {
                    id: id.as_str(),
                    old_id: self.old_id.map(|c| c.as_str()),
                    name: self.name,
                    birth_date: Date(self.birth_date),
                    address: self.address,
                    expiry_date: self.expiry_date.map(Date),
                    extra: extra.as_ref().map_or(&[][..], |e| &e[..]),
                    birth_place: Some((id.province_code(), id.province().map(|p| p.name), id.born_abroad())),
                },
            )?;
            st.end()
        }
    }

    /// Same fields as [`Card`] plus `"masked": true`, by the policy of
    /// [`Card::masked`]: personal values masked, dates to the year,
    /// `province_code`, `province` and `born_abroad` null, `extra` the count
    /// of non-empty extra fields.
    impl Serialize for Report<'_, '_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            #[derive(serde::Serialize)]
            #[serde(untagged)]
            enum Shown<'c, 'a> {
                Full(&'c Card<'a>),
                Masked(MaskedCard<'c, 'a>),
            }
            #[derive(serde::Serialize)]
            struct Shape<'c, 'a> {
                #[serde(flatten)]
                card: Shown<'c, 'a>,
                repairs: Repairs,
                #[serde(skip_serializing_if = "Option::is_none")]
                cmnd_link: Option<CmndLink>,
            }
            Shape {
                card: if self.masked {
                    Shown::Masked(self.card.masked())
                } else {
                    Shown::Full(self.card)
                },
                repairs: self.repairs,
                cmnd_link: self.cmnd_link,
            }
            .serialize(s)
        }
    }

    impl Serialize for MaskedCard<'_, '_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let c = self.0;
            let mut st = s.serialize_struct("Card", 16)?;
            fields(
                &mut st,
                c,
                Personal {
                    id: self.id().to_string(),
                    old_id: self.old_id().map(|o| o.to_string()),
                    name: self.name(),
                    birth_date: self.birth_date().to_string(),
                    address: self.address(),
                    expiry_date: self.expiry_date().map(|d| d.to_string()),
                    extra: c.extra().map_or(0, |e| e.iter().filter(|x| !x.is_empty()).count()),
                    birth_place: None,
                },
            )?;
            st.serialize_field("masked", &true)?;
            st.end()
        }
    }
}

#[cfg(feature = "samples")]
/// Synthetic sample payloads (made-up people) for demos, the CLI's
/// `--sample` and tests in other bindings: `(description, payload)` as a
/// scanner would deliver them, some needing repairs.
pub fn samples() -> Vec<(&'static str, String)> {
    vec![
        (
            "2021 card, clean",
            "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021".into(),
        ),
        (
            "2021 card, scanner suffix CR LF, no old ID",
            "079303000001||Trần Thị B|05052003|Nữ|Ấp 1, Xã X, Huyện Y, Thành phố Hồ Chí Minh|20062021\r\n".into(),
        ),
        (
            "2024 card (11 fields), scanner suffix TAB",
            "031185004321||Lê Thị Hồng Nhung|12031985|Nữ|Số 5 đường Lạch Tray, Phường Đằng Giang, Quận Ngô Quyền, Hải Phòng|10082024||||\t".into(),
        ),
        (
            "2021 card typed by a scanner set to the wrong code page (mojibake)",
            garble_as_windows1252(
                "048195001234|201234567|Phạm Thị Hường|23111995|Nữ|Tổ 3, Phường Hòa Khánh Bắc, Quận Liên Chiểu, Đà Nẵng|02032022",
            ),
        ),
        (
            "2024 card in decomposed Unicode (NFD), born 1958: no expiry",
            crate::unicode::nfd(
                "040058007788|187654321|Hoàng Đức Thắng|30041958|Nam|Xóm 2, Xã Nghi Phong, Huyện Nghi Lộc, Nghệ An|18092024||||",
            ),
        ),
    ]
}
