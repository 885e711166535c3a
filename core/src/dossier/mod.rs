//! Dossier QR codes (mã QR hồ sơ thủ tục hành chính), Thông tư 01/2023/TT-VPCP
//! Điều 26: the QR printed top-left on every paper a one-stop office issues.
//!
//! * [`Record`] — the fields of Điều 26 khoản 2, typed;
//! * validators for each identifier, usable on their own:
//!   [`validate_dossier_code`], [`validate_unit_code`],
//!   [`validate_procedure_code`], [`validate_applicant`];
//! * payload codec v1 ([`encode`], [`decode`]): an `https://` URL on the
//!   portal's status-lookup page that carries every field, so a phone camera
//!   opens the status page and software decodes it offline. The format is
//!   specified in `docs/dossier-qr.md`.
//!
//! Render the payload with [`crate::qr`].
//!
//! ```
//! use motcua::{dossier, qr};
//!
//! let record = dossier::sample_receipt();
//! let payload = dossier::encode(&record, &dossier::EncodeOptions::default())?;
//! assert!(payload.starts_with("https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?hs=000.00.53.H48-261120-0042&qr=1/TT:1.001612/"));
//! let back = dossier::decode(&payload)?;
//! assert_eq!(back.host(), Some("dichvucong.gov.vn")); // where a phone goes
//! assert_eq!(dossier::Record { base: None, ..back }, record);
//!
//! let code = qr::encode(&payload, &qr::QrOptions::default()).unwrap();
//! assert!(code.version() <= 10);
//! # Ok::<(), dossier::Error>(())
//! ```

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

mod codec;
mod codes;
mod error;
#[cfg(feature = "serde")]
mod serde_impl;

pub use codec::{
    decode, decode_with, encode, DecodeOptions, EncodeOptions, Privacy, DEFAULT_BASE, FORMAT_VERSION, MAX_PAYLOAD_LEN,
};
pub use codes::{
    validate_applicant, validate_dossier_code, validate_procedure_code, validate_unit_code, Applicant, ApplicantInfo,
    ApplicantKind, DossierCode, DossierCodeInfo, ProcedureCode, ProcedureCodeInfo, UnitCode, UnitForm,
};
pub use error::{Error, Field};
#[cfg(feature = "serde")]
pub use serde_impl::RecordInput;

/// Longest free text accepted in a field, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// The paper the QR is printed on (tên giấy tờ được xuất bản): one of the
/// standard forms of Thông tư 01/2018/TT-VPCP, or free text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Paper {
    /// Giấy tiếp nhận hồ sơ và hẹn trả kết quả — needs an [`Appointment`].
    Receipt,
    /// Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.
    RequestToComplete,
    /// Phiếu từ chối tiếp nhận, giải quyết hồ sơ.
    Refusal,
    /// Phiếu xin lỗi và hẹn lại ngày trả kết quả (may carry the new appointment).
    DelayNotice,
    /// Phiếu kiểm soát quá trình giải quyết hồ sơ.
    ControlSheet,
    /// The result document itself (may carry a validity term and scope).
    Result,
    /// Any other paper, by name (e.g. "Giấy phép xây dựng").
    Other(String),
}

impl Paper {
    /// The standard kinds, for listings and tests.
    pub const KINDS: [Paper; 6] = [
        Paper::Receipt,
        Paper::RequestToComplete,
        Paper::Refusal,
        Paper::DelayNotice,
        Paper::ControlSheet,
        Paper::Result,
    ];

    /// The 2-letter code in payload v1 (`TN`, `BS`, `TC`, `XL`, `KS`, `KQ`);
    /// `None` for free text.
    pub fn code(&self) -> Option<&'static str> {
        Some(match self {
            Paper::Receipt => "TN",
            Paper::RequestToComplete => "BS",
            Paper::Refusal => "TC",
            Paper::DelayNotice => "XL",
            Paper::ControlSheet => "KS",
            Paper::Result => "KQ",
            Paper::Other(_) => return None,
        })
    }

    /// The kind's snake_case name in JSON (`receipt`, …, `other`).
    pub fn kind(&self) -> &'static str {
        match self {
            Paper::Receipt => "receipt",
            Paper::RequestToComplete => "request_to_complete",
            Paper::Refusal => "refusal",
            Paper::DelayNotice => "delay_notice",
            Paper::ControlSheet => "control_sheet",
            Paper::Result => "result",
            Paper::Other(_) => "other",
        }
    }

    /// The paper's name as printed on it (Vietnamese).
    pub fn name(&self) -> &str {
        match self {
            Paper::Receipt => "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
            Paper::RequestToComplete => "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
            Paper::Refusal => "Phiếu từ chối tiếp nhận, giải quyết hồ sơ",
            Paper::DelayNotice => "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
            Paper::ControlSheet => "Phiếu kiểm soát quá trình giải quyết hồ sơ",
            Paper::Result => "Kết quả giải quyết thủ tục hành chính",
            Paper::Other(name) => name,
        }
    }

    /// The standard kind with this 2-letter code.
    pub fn from_code(code: &str) -> Option<Paper> {
        Paper::KINDS.into_iter().find(|k| k.code() == Some(code))
    }

    /// The standard kind with this snake_case name (not `other`).
    pub fn from_kind(kind: &str) -> Option<Paper> {
        Paper::KINDS.into_iter().find(|k| k.kind() == kind)
    }
}

/// When to come back for the result (ngày hẹn trả kết quả): a date, and the
/// time of day when the receipt gives one (to the minute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Appointment {
    /// The date.
    pub date: NaiveDate,
    /// The time of day, if given. Seconds are not carried in the payload.
    pub time: Option<NaiveTime>,
}

impl Appointment {
    /// Reads `YYYY-MM-DD` or `YYYY-MM-DDThh:mm` (the JSON and CLI form).
    pub fn parse(s: &str) -> Result<Appointment, Error> {
        let bad = Error::DateInvalid(Field::Appointment);
        let (date, time) = match s.split_once('T') {
            Some((d, t)) => (d, Some(NaiveTime::parse_from_str(t, "%H:%M").map_err(|_| bad)?)),
            None => (s, None),
        };
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| bad)?;
        Ok(Appointment { date, time })
    }
}

/// The validity term of a result (thời hạn hiệu lực).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Validity {
    /// Valid through this date.
    Until(NaiveDate),
    /// No expiry (không thời hạn).
    Indefinite,
    /// A term in words, e.g. "05 năm kể từ ngày cấp".
    Text(String),
}

/// A warning about an accepted record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Warning {
    /// The dossier code's unit code is a short form, not the full 4 levels.
    UnitCodeShort,
}

impl Warning {
    /// Stable snake_case code.
    pub const fn code(self) -> &'static str {
        match self {
            Warning::UnitCodeShort => "unit_code_short",
        }
    }
}

/// The fields a dossier QR carries (Thông tư 01/2023/TT-VPCP Điều 26 khoản 2).
///
/// Every field but the dossier code is optional in the type, because a
/// decoded payload may be partial (a bare dossier code, or an applicant
/// omitted for privacy); [`encode`] requires what Điều 26 requires and
/// [`Record::missing`] lists what a decoded record lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// a) Mã số hồ sơ.
    pub dossier_code: DossierCode,
    /// b) Mã thủ tục hành chính.
    pub procedure_code: Option<ProcedureCode>,
    /// c) Mã định danh of the applicant.
    pub applicant: Option<Applicant>,
    /// d) The issued paper.
    pub paper: Option<Paper>,
    /// đ) The issuing information system's name.
    pub system: Option<String>,
    /// e) Time of issue. The payload carries it to the second, in +07:00.
    pub issued_at: Option<DateTime<FixedOffset>>,
    /// g) Appointment for the result (required on a receipt).
    pub appointment: Option<Appointment>,
    /// g) Validity term (results).
    pub validity: Option<Validity>,
    /// g) Validity scope (results), e.g. "Toàn quốc".
    pub scope: Option<String>,
    /// The status-lookup page the payload links to (its base URL, without
    /// the `hs` and `qr` parameters), when it was decoded from a URL; see
    /// [`Record::host`]. [`encode`] ignores it and writes
    /// [`EncodeOptions::base`].
    pub base: Option<String>,
}

impl Record {
    /// A record with only the dossier code (what a bare code decodes to).
    pub fn new(dossier_code: DossierCode) -> Self {
        Record {
            dossier_code,
            procedure_code: None,
            applicant: None,
            paper: None,
            system: None,
            issued_at: None,
            appointment: None,
            validity: None,
            scope: None,
            base: None,
        }
    }

    /// The host of [`Record::base`] (`dichvucong.gov.vn`, with a port if
    /// the URL has one): where a phone that scans the code is sent.
    pub fn host(&self) -> Option<&str> {
        self.base.as_deref().map(codec::host_of)
    }

    /// The fields Điều 26 requires that this record lacks: procedure code,
    /// applicant, paper, system, time of issue, and the appointment on a
    /// receipt.
    pub fn missing(&self) -> Vec<Field> {
        let mut out = Vec::new();
        let mut need = |present: bool, f: Field| {
            if !present {
                out.push(f);
            }
        };
        need(self.procedure_code.is_some(), Field::ProcedureCode);
        need(self.applicant.is_some(), Field::Applicant);
        need(self.paper.is_some(), Field::Paper);
        need(self.system.is_some(), Field::System);
        need(self.issued_at.is_some(), Field::IssuedAt);
        need(
            self.paper != Some(Paper::Receipt) || self.appointment.is_some(),
            Field::Appointment,
        );
        out
    }

    /// Warnings about accepted but unusual values.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        if self.dossier_code.unit().form() == UnitForm::Short {
            out.push(Warning::UnitCodeShort);
        }
        out
    }
}

/// A record's fields as input gives them — a form, the CLI's flags, a
/// JSON object, a C struct: codes and free text as text, the rest typed.
/// [`RecordFields::build`] is the one place a [`Record`] is made from
/// input: every code through its validator (a masked applicant is refused,
/// as [`validate_applicant`] does), every free text through the checks
/// [`encode`] applies. `Debug` is not implemented: the applicant may be a
/// citizen's ID number.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RecordFields<'a> {
    /// a) The dossier code (required).
    pub dossier_code: Option<&'a str>,
    /// b) The procedure code.
    pub procedure_code: Option<&'a str>,
    /// c) The applicant's identifier: a 12-digit ID, a tax code or a unit code.
    pub applicant: Option<&'a str>,
    /// d) The paper; the name of a [`Paper::Other`] is free text.
    pub paper: Option<Paper>,
    /// đ) The issuing information system's name.
    pub system: Option<&'a str>,
    /// e) Time of issue.
    pub issued_at: Option<DateTime<FixedOffset>>,
    /// g) Appointment for the result.
    pub appointment: Option<Appointment>,
    /// g) Validity term; the words of a [`Validity::Text`] are free text.
    pub validity: Option<Validity>,
    /// g) Validity scope.
    pub scope: Option<&'a str>,
}

impl RecordFields<'_> {
    /// Validates every field, in the record's order, and makes the record.
    /// Whether the fields Điều 26 requires are all there is [`encode`]'s
    /// check ([`Record::missing`]), not this one's.
    pub fn build(&self) -> Result<Record, Error> {
        let code = self.dossier_code.ok_or(Error::FieldMissing(Field::DossierCode))?;
        let mut r = Record::new(validate_dossier_code(code)?);
        r.procedure_code = self.procedure_code.map(validate_procedure_code).transpose()?;
        r.applicant = self.applicant.map(validate_applicant).transpose()?;
        if let Some(Paper::Other(name)) = &self.paper {
            codec::check_text(Field::Paper, name)?;
        }
        r.paper.clone_from(&self.paper);
        let text = |field, t: Option<&str>| {
            t.map(|t| codec::check_text(field, t).map(|()| t.to_owned()))
                .transpose()
        };
        r.system = text(Field::System, self.system)?;
        r.issued_at = self.issued_at;
        r.appointment = self.appointment;
        if let Some(Validity::Text(t)) = &self.validity {
            codec::check_text(Field::Validity, t)?;
        }
        r.validity.clone_from(&self.validity);
        r.scope = text(Field::Scope, self.scope)?;
        Ok(r)
    }
}

/// Vietnam's offset, +07:00 (no daylight saving time).
#[allow(clippy::panic)] // evaluated at compile time
pub const VIETNAM: FixedOffset = match FixedOffset::east_opt(7 * 3600) {
    Some(offset) => offset,
    None => panic!("+07:00 is a valid offset"),
};

#[cfg(feature = "samples")]
fn sample(paper: Paper, seq: &str) -> Option<Record> {
    use chrono::TimeZone as _;
    let at = |y, m, d, h, min| VIETNAM.with_ymd_and_hms(y, m, d, h, min, 0).single();
    let mut r = RecordFields {
        dossier_code: Some(seq),
        procedure_code: Some("1.001612"),
        applicant: Some("001090123456"),
        system: Some("Hệ thống thông tin giải quyết TTHC tỉnh Quảng Ngãi"),
        ..RecordFields::default()
    }
    .build()
    .ok()?;
    r.issued_at = at(2026, 11, 20, 9, 15);
    match paper {
        Paper::Receipt => {
            r.appointment = Some(Appointment {
                date: NaiveDate::from_ymd_opt(2026, 11, 27)?,
                time: NaiveTime::from_hms_opt(14, 0, 0),
            });
        }
        Paper::Result => {
            r.issued_at = at(2026, 11, 26, 16, 40);
            r.validity = Some(Validity::Until(NaiveDate::from_ymd_opt(2031, 11, 26)?));
            r.scope = Some("Toàn quốc".to_owned());
        }
        _ => {}
    }
    r.paper = Some(paper);
    Some(r)
}

#[cfg(feature = "samples")]
/// A synthetic receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) for demos
/// and tests: a 12-digit ID, the full system name, an appointment with a time.
pub fn sample_receipt() -> Record {
    let mut all = samples();
    all.swap_remove(0).1
}

#[cfg(feature = "samples")]
/// Synthetic records: a receipt, a request to complete, a result with a
/// validity term and scope.
#[allow(clippy::expect_used)] // constants; the tests run every sample
pub fn samples() -> Vec<(&'static str, Record)> {
    let code = "000.00.53.H48-261120-0042";
    [
        ("receipt", Paper::Receipt),
        ("request_to_complete", Paper::RequestToComplete),
        ("result", Paper::Result),
    ]
    .into_iter()
    .map(|(name, paper)| (name, sample(paper, code).expect("sample constants are valid")))
    .collect()
}
