//! Structured records (`arbitrary`): identifiers built to be well-formed,
//! free text and dates arbitrary. Whatever encodes decodes to the same
//! record (masked or omitted applicant as the privacy mode says).
#![no_main]
use arbitrary::Arbitrary;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use libfuzzer_sys::fuzz_target;
use motcua::dossier::{self, Appointment, EncodeOptions, Paper, Privacy, Record, Validity};

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    unit: (u16, u8, u8, u8),
    day: u16,
    seq: u16,
    procedure: (u8, u32),
    applicant: Option<(u8, u64)>,
    paper: Option<(u8, &'a str)>,
    system: Option<&'a str>,
    issued: Option<(i64, i32)>,
    appointment: Option<(u16, Option<(u32, u32)>)>,
    validity: Option<(u8, u16, &'a str)>,
    scope: Option<&'a str>,
    privacy: u8,
}

fn date(days: u16) -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default() + chrono::Days::new(u64::from(days % 36500))
}

fuzz_target!(|i: Input<'_>| {
    let (v, z, y, m) = i.unit;
    let d = date(i.day);
    let code = format!(
        "{:03}.{:02}.{:02}.H{:02}-{}-{:04}",
        v % 1000,
        z % 100,
        y % 100,
        m % 100,
        d.format("%y%m%d"),
        i.seq % 10000
    );
    let Ok(code) = dossier::validate_dossier_code(&code) else {
        return;
    };
    let procedure = format!("{}.{:06}", 1 + i.procedure.0 % 3, i.procedure.1 % 1_000_000);
    let mut r = Record::new(code);
    r.procedure_code = dossier::validate_procedure_code(&procedure).ok();
    let applicant = i.applicant.map(|(p, n)| match p % 3 {
        0 => format!(
            "{:03}{}{:02}{:06}",
            [1, 79, 48, 31][usize::from(p / 3 % 4)],
            p / 12 % 4,
            n % 100,
            n % 1_000_000
        ),
        1 => format!("{:010}", n % 10_000_000_000),
        _ => format!("000.00.{:02}.H{:02}", n % 100, p % 64),
    });
    r.applicant = applicant.as_deref().and_then(|a| dossier::validate_applicant(a).ok());
    r.paper = i.paper.map(|(k, name)| match Paper::KINDS.get(usize::from(k % 7)) {
        Some(p) => p.clone(),
        None => Paper::Other(name.to_owned()),
    });
    r.system = i.system.map(str::to_owned);
    r.issued_at = i.issued.and_then(|(secs, off)| {
        let tz = FixedOffset::east_opt(off % 86_400)?;
        Some(DateTime::from_timestamp(secs % 8_000_000_000, 0)?.with_timezone(&tz))
    });
    r.appointment = i.appointment.map(|(days, t)| Appointment {
        date: date(days),
        time: t.and_then(|(h, mi)| NaiveTime::from_hms_opt(h % 24, mi % 60, 0)),
    });
    r.validity = i.validity.map(|(k, days, text)| match k % 3 {
        0 => Validity::Until(date(days)),
        1 => Validity::Indefinite,
        _ => Validity::Text(text.to_owned()),
    });
    r.scope = i.scope.map(str::to_owned);
    let privacy = [Privacy::Full, Privacy::Masked, Privacy::Omitted][usize::from(i.privacy % 3)];
    let opts = EncodeOptions {
        privacy,
        ..EncodeOptions::default()
    };
    match dossier::encode(&r, &opts) {
        Ok(payload) => {
            assert!(payload.len() <= dossier::MAX_PAYLOAD_LEN);
            let back = dossier::decode(&payload).expect("our own payload decodes");
            let mut want = r.clone();
            want.base = Some(dossier::DEFAULT_BASE.into());
            // The payload carries the time of issue to the second, in +07:00.
            want.issued_at = r.issued_at.map(|t| t.with_timezone(&dossier::VIETNAM));
            want.applicant = match privacy {
                Privacy::Full => r.applicant.clone(),
                Privacy::Masked => r.applicant.as_ref().map(|a| a.masked()),
                Privacy::Omitted => None,
            };
            assert_eq!(back, want);
        }
        Err(e) => assert!(dossier::Error::ALL_CODES.contains(&e.code())),
    }
});
