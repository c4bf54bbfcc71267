//! iCalendar (RFC 5545) files for plan sessions. Times are local to Finland and carry the
//! Europe/Helsinki time zone with its rules, so calendars show them right in summer and winter.

use time::{Date, OffsetDateTime, Time};

#[derive(Debug, Clone)]
pub struct Event {
    /// Stable across plan versions, so importing a moved session updates the old entry.
    pub uid: String,
    /// Grows with every plan version; calendars keep the entry with the highest.
    pub sequence: u32,
    pub stamp: OffsetDateTime,
    pub date: Date,
    pub start: Time,
    pub end: Time,
    pub summary: String,
    pub location: Option<String>,
    pub url: Option<String>,
    pub description: String,
}

const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Helsinki\r\n\
BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\nTZNAME:EEST\r\n\
DTSTART:19700329T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
BEGIN:STANDARD\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\nTZNAME:EET\r\n\
DTSTART:19701025T040000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// Escapes a TEXT value.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut len = 0;
    for ch in line.chars() {
        let w = ch.len_utf8();
        if len + w > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(ch);
        len += w;
    }
    out.push_str("\r\n");
    out
}

fn local(d: Date, t: Time) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        d.year(),
        u8::from(d.month()),
        d.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

fn utc(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!("{}Z", local(t.date(), t.time()))
}

/// A complete calendar file with one event.
pub fn event(e: &Event) -> String {
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//vuoro//vuoro//FI\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n",
    );
    out.push_str(VTIMEZONE);
    out.push_str("BEGIN:VEVENT\r\n");
    out.push_str(&fold(&format!("UID:{}", escape(&e.uid))));
    out.push_str(&format!("SEQUENCE:{}\r\n", e.sequence));
    out.push_str(&format!("DTSTAMP:{}\r\n", utc(e.stamp)));
    out.push_str(&format!(
        "DTSTART;TZID=Europe/Helsinki:{}\r\n",
        local(e.date, e.start)
    ));
    out.push_str(&format!(
        "DTEND;TZID=Europe/Helsinki:{}\r\n",
        local(e.date, e.end)
    ));
    out.push_str(&fold(&format!("SUMMARY:{}", escape(&e.summary))));
    if let Some(l) = &e.location {
        out.push_str(&fold(&format!("LOCATION:{}", escape(l))));
    }
    if let Some(u) = &e.url {
        out.push_str(&fold(&format!("URL:{u}")));
    }
    if !e.description.is_empty() {
        out.push_str(&fold(&format!("DESCRIPTION:{}", escape(&e.description))));
    }
    out.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime, time};

    fn sample() -> Event {
        Event {
            uid: "p1-2@vuoro".into(),
            sequence: 3,
            stamp: datetime!(2027-01-05 10:00 UTC),
            date: date!(2027 - 02 - 03),
            start: time!(9:00),
            end: time!(11:30),
            summary: "Kotihoito; osa 1, aamu".into(),
            location: Some("Sali 2\nKaupungintalo".into()),
            url: None,
            description: "ä".repeat(60),
        }
    }

    #[test]
    fn event_has_local_times_and_escaped_text() {
        let s = event(&sample());
        assert!(s.contains("DTSTART;TZID=Europe/Helsinki:20270203T090000\r\n"));
        assert!(s.contains("DTEND;TZID=Europe/Helsinki:20270203T113000\r\n"));
        assert!(s.contains("SUMMARY:Kotihoito\\; osa 1\\, aamu\r\n"));
        assert!(s.contains("LOCATION:Sali 2\\nKaupungintalo\r\n"));
        assert!(s.contains("DTSTAMP:20270105T100000Z\r\n"));
        assert!(s.contains("SEQUENCE:3\r\n"));
        assert!(s.starts_with("BEGIN:VCALENDAR\r\n") && s.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn long_lines_fold_on_character_boundaries() {
        let s = event(&sample());
        for line in s.split("\r\n") {
            assert!(line.len() <= 75, "line too long: {line}");
        }
        let unfolded = s.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("DESCRIPTION:{}", "ä".repeat(60))));
    }
}
