//! JSON shape of a record (feature `serde`). What `Serialize` writes,
//! [`RecordInput`] reads back, so `motcua dossier decode | motcua dossier
//! encode` round-trips.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate, Timelike};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use super::{Applicant, Appointment, Error, Field, Paper, ProcedureCode, Record, RecordFields, Validity, Warning};

impl Serialize for Paper {
    /// A standard kind as its name (`"receipt"`), free text as `{"other": "…"}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Paper::Other(name) => {
                let mut st = s.serialize_struct("Paper", 1)?;
                st.serialize_field("other", name)?;
                st.end()
            }
            kind => s.serialize_str(kind.kind()),
        }
    }
}

impl Serialize for Validity {
    /// `{"until": "YYYY-MM-DD"}`, `"indefinite"` or `{"text": "…"}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Validity::Until(d) => s.serialize_newtype_variant("Validity", 0, "until", d),
            Validity::Indefinite => s.serialize_unit_variant("Validity", 1, "indefinite"),
            Validity::Text(t) => s.serialize_newtype_variant("Validity", 2, "text", t),
        }
    }
}

impl Serialize for Appointment {
    /// `"YYYY-MM-DD"` or `"YYYY-MM-DDThh:mm"`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // NaiveDate's Display is YYYY-MM-DD (for years 0–9999).
        match self.time {
            None => s.collect_str(&self.date),
            Some(t) => s.collect_str(&format_args!("{}T{:02}:{:02}", self.date, t.hour(), t.minute())),
        }
    }
}

impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl Serialize for Record {
    /// Flat object: `dossier_code, procedure_code, applicant, applicant_kind,
    /// paper, paper_name, system, issued_at, appointment, validity, scope,
    /// base, host, missing, warnings`; absent fields are `null`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Record", 15)?;
        st.serialize_field("dossier_code", self.dossier_code.as_str())?;
        st.serialize_field(
            "procedure_code",
            &self.procedure_code.as_ref().map(ProcedureCode::as_str),
        )?;
        st.serialize_field("applicant", &self.applicant.as_ref().map(Applicant::as_str))?;
        st.serialize_field("applicant_kind", &self.applicant.as_ref().map(Applicant::kind))?;
        st.serialize_field("paper", &self.paper)?;
        st.serialize_field("paper_name", &self.paper.as_ref().map(Paper::name))?;
        st.serialize_field("system", &self.system)?;
        st.serialize_field("issued_at", &self.issued_at.map(|t| t.to_rfc3339()))?;
        st.serialize_field("appointment", &self.appointment)?;
        st.serialize_field("validity", &self.validity)?;
        st.serialize_field("scope", &self.scope)?;
        st.serialize_field("base", &self.base)?;
        st.serialize_field("host", &self.host())?;
        st.serialize_field("missing", &self.missing())?;
        st.serialize_field("warnings", &self.warnings())?;
        st.end()
    }
}

/// A record as JSON input, before validation: what a portal or the CLI
/// hands in. Fields as [`Record`]'s JSON; unknown fields (such as
/// `applicant_kind`, `base`, `host` or `missing` from decoder output) are
/// ignored: the encoder's base comes from its options. It is validated by
/// [`RecordFields::build`], as every other input is: a masked applicant
/// (what `decode` prints for a masked paper) is refused.
#[derive(Debug, Deserialize)]
pub struct RecordInput<'a> {
    #[serde(borrow)]
    dossier_code: Cow<'a, str>,
    #[serde(borrow, default)]
    procedure_code: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    applicant: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    paper: Option<PaperInput<'a>>,
    #[serde(borrow, default)]
    system: Option<Cow<'a, str>>,
    #[serde(default)]
    issued_at: Option<DateTime<FixedOffset>>,
    #[serde(borrow, default)]
    appointment: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    validity: Option<ValidityInput<'a>>,
    #[serde(borrow, default)]
    scope: Option<Cow<'a, str>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum PaperInput<'a> {
    Kind(#[serde(borrow)] Cow<'a, str>),
    Other {
        #[serde(borrow)]
        other: Cow<'a, str>,
    },
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ValidityInput<'a> {
    Until(NaiveDate),
    Indefinite,
    Text(#[serde(borrow)] Cow<'a, str>),
}

impl RecordInput<'_> {
    /// The record, through [`RecordFields::build`].
    pub fn into_record(self) -> Result<Record, Error> {
        let paper = match self.paper {
            None => None,
            Some(PaperInput::Other { other }) => Some(Paper::Other(other.into_owned())),
            Some(PaperInput::Kind(k)) => Some(Paper::from_kind(&k).ok_or(Error::TextInvalid(Field::Paper))?),
        };
        let appointment = self.appointment.as_deref().map(Appointment::parse).transpose()?;
        RecordFields {
            dossier_code: Some(&self.dossier_code),
            procedure_code: self.procedure_code.as_deref(),
            applicant: self.applicant.as_deref(),
            paper,
            system: self.system.as_deref(),
            issued_at: self.issued_at,
            appointment,
            validity: self.validity.map(|v| match v {
                ValidityInput::Until(d) => Validity::Until(d),
                ValidityInput::Indefinite => Validity::Indefinite,
                ValidityInput::Text(t) => Validity::Text(t.into_owned()),
            }),
            scope: self.scope.as_deref(),
        }
        .build()
    }
}

impl<'de> Deserialize<'de> for Record {
    /// Reads [`RecordInput`] and validates it; an invalid field fails with
    /// the error's code and message (never the input text).
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        RecordInput::deserialize(d)?
            .into_record()
            .map_err(|e| serde::de::Error::custom(format_args!("{}: {e}", e.code())))
    }
}
