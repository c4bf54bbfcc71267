//! A process's retention rule: how long its raw notes and feedback answers are kept after its
//! summary was first published. The summary, the themes and the practices are kept; they are
//! what the process produced, and none of them holds a note's words except the quotes the
//! summary chose (which are the summary's own text).

use time::{Date, Month, OffsetDateTime};

/// The period when nobody chose another.
pub const DEFAULT_MONTHS: u32 = 12;
/// The shortest period: a month leaves time for the comments on the summary to be read.
pub const MIN_MONTHS: u32 = 1;
/// The longest: five years, past which raw notes serve no follow-up a process plans.
pub const MAX_MONTHS: u32 = 60;

/// The months of a rule as typed on a form; `None` outside [`MIN_MONTHS`]..=[`MAX_MONTHS`].
pub fn months(input: &str) -> Option<u32> {
    input
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (MIN_MONTHS..=MAX_MONTHS).contains(m))
}

/// When raw data published at `published` with a rule of `months` is due for deletion: the same
/// day and time `months` calendar months later, or the month's last day where it is shorter
/// (31 January + 1 month is 28 or 29 February).
pub fn due_at(published: OffsetDateTime, months: u32) -> OffsetDateTime {
    let d = published.date();
    let total = d.year() * 12 + i32::from(u8::from(d.month())) - 1 + months as i32;
    let (year, month0) = (total.div_euclid(12), total.rem_euclid(12));
    let month = Month::try_from(month0 as u8 + 1).unwrap_or(Month::December);
    let last = month.length(year);
    let day = d.day().min(last);
    match Date::from_calendar_date(year, month, day) {
        Ok(date) => published.replace_date(date),
        // Beyond the calendar's range: never due.
        Err(_) => OffsetDateTime::new_utc(Date::MAX, time::Time::MIDNIGHT),
    }
}

/// Whether raw data published at `published` is due at `now` under a rule of `months`.
pub fn is_due(published: OffsetDateTime, months: u32, now: OffsetDateTime) -> bool {
    due_at(published, months) <= now
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn due_is_the_same_day_months_later_or_the_months_last_day() {
        assert_eq!(
            due_at(datetime!(2026-12-03 10:00 UTC), 12),
            datetime!(2027-12-03 10:00 UTC)
        );
        assert_eq!(
            due_at(datetime!(2027-01-31 08:00 UTC), 1),
            datetime!(2027-02-28 08:00 UTC)
        );
        assert_eq!(
            due_at(datetime!(2027-11-15 08:00 UTC), 3),
            datetime!(2028-02-15 08:00 UTC)
        );
        assert!(!is_due(
            datetime!(2026-12-03 10:00 UTC),
            12,
            datetime!(2027-12-03 09:59 UTC)
        ));
        assert!(is_due(
            datetime!(2026-12-03 10:00 UTC),
            12,
            datetime!(2027-12-03 10:00 UTC)
        ));
    }

    #[test]
    fn months_are_read_within_the_bounds() {
        assert_eq!(months(" 24 "), Some(24));
        assert_eq!(months("0"), None);
        assert_eq!(months("61"), None);
        assert_eq!(months("kaksi"), None);
    }
}
