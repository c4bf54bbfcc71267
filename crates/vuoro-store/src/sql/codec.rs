//! Conversions between the domain types and what the SQLite schema stores, and the mapping of
//! sqlx errors onto [`StoreError`]. Everything read back is checked here, so damaged rows surface
//! as [`StoreError::Corrupt`] instead of a panic or a silently wrong value.

use crate::StoreError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::str::FromStr;
use time::format_description::BorrowedFormatItem;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, UtcOffset};
use vuoro_core::live::JoinCode;
use vuoro_core::{Role, RoleSet};

type Result<T> = std::result::Result<T, StoreError>;

/// RFC 3339 in UTC with a fixed nine-digit fraction: fixed width keeps text order equal to time
/// order, and nanoseconds keep every `OffsetDateTime` exactly as it was given.
const TIMESTAMP: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:9]Z");

const DATE: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// Maps a sqlx error for an operation where no unique constraint is expected to fail.
pub fn db(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        // A reference to a row that does not exist, such as a process of an unknown
        // organisation, is the caller naming something that is not there.
        sqlx::Error::Database(d) if d.is_foreign_key_violation() => StoreError::NotFound,
        sqlx::Error::ColumnDecode { .. }
        | sqlx::Error::Decode(_)
        | sqlx::Error::ColumnNotFound(_)
        | sqlx::Error::TypeNotFound { .. }
        | sqlx::Error::ColumnIndexOutOfBounds { .. } => StoreError::Corrupt(e.to_string()),
        // sqlx's messages name tables, columns and constraints but never bound values, so they
        // carry no user data.
        other => StoreError::Backend(other.to_string()),
    }
}

/// Like [`db`], but a unique-constraint violation means `what` is already taken.
pub fn db_unique(what: &'static str) -> impl Fn(sqlx::Error) -> StoreError {
    move |e| match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Duplicate(what),
        other => db(other),
    }
}

pub fn parse_id<T: FromStr>(s: &str, what: &str) -> Result<T> {
    s.parse()
        .map_err(|_| StoreError::Corrupt(format!("invalid identifier in {what}")))
}

pub fn parse_opt_id<T: FromStr>(s: Option<&str>, what: &str) -> Result<Option<T>> {
    s.map(|s| parse_id(s, what)).transpose()
}

pub fn timestamp(t: OffsetDateTime) -> Result<String> {
    let utc = t
        .checked_to_offset(UtcOffset::UTC)
        .filter(|u| (0..=9999).contains(&u.year()))
        .ok_or_else(|| StoreError::Backend("time out of the storable range".into()))?;
    utc.format(TIMESTAMP)
        .map_err(|e| StoreError::Backend(format!("cannot format time: {e}")))
}

/// Parses any RFC 3339 time, not only the form this module writes, so rows written by hand or
/// by another tool still read.
pub fn parse_timestamp(s: &str, what: &str) -> Result<OffsetDateTime> {
    OffsetDateTime::parse(s, &Rfc3339)
        .map_err(|_| StoreError::Corrupt(format!("invalid time in {what}")))
}

pub fn parse_opt_timestamp(s: Option<&str>, what: &str) -> Result<Option<OffsetDateTime>> {
    s.map(|s| parse_timestamp(s, what)).transpose()
}

pub fn date(d: Date) -> Result<String> {
    if !(0..=9999).contains(&d.year()) {
        return Err(StoreError::Backend("date out of the storable range".into()));
    }
    d.format(DATE)
        .map_err(|e| StoreError::Backend(format!("cannot format date: {e}")))
}

pub fn parse_opt_date(s: Option<&str>, what: &str) -> Result<Option<Date>> {
    s.map(|s| {
        Date::parse(s, DATE).map_err(|_| StoreError::Corrupt(format!("invalid date in {what}")))
    })
    .transpose()
}

pub fn to_json<T: Serialize>(v: &T, what: &str) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Backend(format!("cannot encode {what}: {e}")))
}

pub fn from_json<T: DeserializeOwned>(s: &str, what: &str) -> Result<T> {
    // serde_json's message may quote a fragment of the stored text, which can be user data, so
    // only its position is kept.
    serde_json::from_str(s).map_err(|e| {
        StoreError::Corrupt(format!(
            "invalid {what} at line {} column {}",
            e.line(),
            e.column()
        ))
    })
}

pub fn parse_role(s: &str) -> Result<Role> {
    Role::parse(s).ok_or_else(|| StoreError::Corrupt("unknown role code".into()))
}

/// Collects role codes into a set, refusing unknown ones.
pub fn role_set<'a>(codes: impl IntoIterator<Item = &'a str>) -> Result<RoleSet> {
    codes.into_iter().map(parse_role).collect()
}

/// E-mail addresses are compared case-insensitively; storing them lower-cased makes the unique
/// index and every look-up agree on that.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn version(v: i64, what: &str) -> Result<u32> {
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("invalid version in {what}")))
}

/// A whole number read back that must fit a `u32`, such as a phase or a plan session number.
pub fn number(v: i64, what: &str) -> Result<u32> {
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("invalid number in {what}")))
}

/// A position (stage or question index) read back.
pub fn index(v: i64, what: &str) -> Result<usize> {
    usize::try_from(v).map_err(|_| StoreError::Corrupt(format!("invalid position in {what}")))
}

/// A position (stage or question index) to store.
pub fn index_value(v: usize) -> Result<i64> {
    i64::try_from(v).map_err(|_| StoreError::Backend("position out of the storable range".into()))
}

/// A `count(*)` read back.
pub fn count(n: i64, what: &str) -> Result<u64> {
    u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("negative {what} count")))
}

/// A join code read back exactly as it was stored. Codes are not re-parsed, so a session opened
/// under an older code alphabet still reads.
pub fn join_code(s: String) -> Result<JoinCode> {
    serde_json::from_value(serde_json::Value::String(s))
        .map_err(|_| StoreError::Corrupt("invalid join code in live_sessions".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn timestamps_round_trip_and_sort_as_text() {
        let a = datetime!(2027-02-03 09:00:00 UTC);
        let b = datetime!(2027-02-03 09:00:00.5 UTC);
        let c = datetime!(2027-02-03 11:00:01.25 +02:00);
        let (ta, tb, tc) = (
            timestamp(a).expect("formats"),
            timestamp(b).expect("formats"),
            timestamp(c).expect("formats"),
        );
        assert_eq!(ta, "2027-02-03T09:00:00.000000000Z");
        assert!(ta < tb && tb < tc, "{ta} {tb} {tc}");
        for (t, s) in [(a, &ta), (b, &tb), (c, &tc)] {
            assert_eq!(parse_timestamp(s, "test").expect("parses"), t);
        }
    }

    #[test]
    fn emails_are_lower_cased() {
        assert_eq!(normalise_email(" Äiti@Example.FI "), "äiti@example.fi");
    }

    /// An order stored before the order form asked whether the community needs an outsider
    /// reads as not needing one.
    #[test]
    fn orders_from_before_the_outsider_question_read() {
        let stored = r#"{"community":"Koulu","unit":null,"reason":"r","outcome":"o","timing":"t","participant_count":5,"participant_kinds":["staff"],"languages":["fi"],"format":"face_to_face","method":{"kind":"advise_me"}}"#;
        let order: vuoro_core::order::Order =
            from_json(stored, "order").expect("an old order reads");
        assert!(!order.needs_outsider);
        assert_eq!(order.community, "Koulu");
    }
}
