//! Publication dates as writers type them: a calendar day (`2026-05-01`) or a moment with its
//! UTC offset (`2026-05-01T09:30:00+02:00`). We keep which of the two the writer meant — a day
//! is shown as a day, a moment with its time in its own offset — and an instant for ordering
//! and feeds. A time without an offset is refused for now: site time zones (a later issue)
//! will read it in the site's zone and give a [`When::At`] like any other.
//!
//! Dates only: this module must not know about articles, files or templates.

use std::borrow::Cow;

use jiff::civil::Date;
use jiff::fmt::temporal::Pieces;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

/// What a `date:` or `updated:` says: a day, or a moment in a time zone (for now always the
/// fixed offset written with it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// A calendar day, with no time of day.
    Day(Date),
    /// A moment, shown in its own zone.
    At(ZonedDateTime),
}

/// A parsed `date:` or `updated:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishDate {
    /// What the writer meant.
    pub when: When,
    /// The instant, for ordering; a day counts as its midnight UTC.
    pub instant: Timestamp,
    /// The value for `<time datetime>` and JSON-LD: `2026-05-01`, or RFC 3339 with the
    /// writer's offset (`2026-05-01T09:30:00+02:00`).
    pub datetime: String,
}

impl PublishDate {
    /// Parses `2026-05-01` or `2026-05-01T09:30:00+02:00` (seconds optional, `Z` for UTC).
    pub fn parse(text: &str) -> Result<PublishDate, String> {
        let text = text.trim();
        let invalid = || {
            format!("`{text}` is not a valid date: use YYYY-MM-DD (2026-05-01) or a date and time with its UTC offset (2026-05-01T09:30:00+02:00)")
        };
        if text.len() == 10 {
            let date: Date = text.parse().map_err(|_| invalid())?;
            let instant = date
                .to_zoned_datetime(TimeZone::UTC)
                .map_err(|e| format!("`{text}` is out of range: {e}"))?
                .timestamp();
            return Ok(PublishDate {
                when: When::Day(date),
                instant,
                datetime: text.to_string(),
            });
        }
        let pieces = Pieces::parse(text).map_err(|_| invalid())?;
        let Some(time) = pieces.time() else {
            return Err(invalid());
        };
        let Some(offset) = pieces.to_numeric_offset() else {
            let example = format!("{}T{}+01:00", pieces.date(), time.strftime("%H:%M:%S"));
            return Err(format!(
                "`{text}` has a time but no UTC offset, so the moment it names is unknown: add the offset, e.g. `{example}` (`Z` for UTC), or write the date alone (`{}`)",
                pieces.date()
            ));
        };
        let instant = offset
            .to_timestamp(pieces.date().to_datetime(time))
            .map_err(|e| format!("`{text}` is out of range: {e}"))?;
        let zoned = instant.to_zoned_datetime(TimeZone::fixed(offset));
        let datetime = rfc3339_local(&zoned);
        Ok(PublishDate {
            when: When::At(zoned),
            instant,
            datetime,
        })
    }

    /// The calendar day, in the writer's own offset for a moment.
    pub fn day(&self) -> Date {
        match &self.when {
            When::Day(date) => *date,
            When::At(zoned) => zoned.date(),
        }
    }

    /// Whether this is earlier than `other`: by day when either is a day alone (an update
    /// dated `2026-05-01` of an article published at 09:30 that day is not before it), by
    /// instant when both have a time.
    pub fn is_before(&self, other: &PublishDate) -> bool {
        match (&self.when, &other.when) {
            (When::At(_), When::At(_)) => self.instant < other.instant,
            _ => self.day() < other.day(),
        }
    }

    /// RFC 3339 in UTC, as Atom and sitemaps want.
    pub fn rfc3339(&self) -> String {
        // Every sitemap entry and feed entry needs one: written directly, since strftime
        // parses its pattern on each call (~30 ms on one thread for 10,000 articles).
        let t = TimeZone::UTC.to_datetime(self.instant);
        if !(0..=9999).contains(&t.year()) {
            return self.instant.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
        }
        let mut text = date_and_time(&t);
        text.push('Z');
        text
    }

    /// This date in a strftime format: a moment with its time in its own offset; a day with
    /// the format's time parts left out (see [`date_only`]), since it has no time to show.
    pub fn display(&self, format: &str) -> Result<String, String> {
        let formatted = match &self.when {
            When::Day(date) => jiff::fmt::strtime::format(date_only(format).as_ref(), *date),
            When::At(zoned) => jiff::fmt::strtime::format(format, zoned),
        };
        formatted.map_err(|e| e.to_string())
    }
}

/// `2026-12-03T09:30:00`: the date and time of day of RFC 3339, for years 0 to 9999, written
/// without strftime; the callers add the offset.
fn date_and_time(t: &jiff::civil::DateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// A moment as RFC 3339 in its own offset (`2026-12-03T09:30:00+01:00`, `Z` for UTC), written
/// directly for the same reason as [`PublishDate::rfc3339`].
fn rfc3339_local(zoned: &ZonedDateTime) -> String {
    let t = zoned.datetime();
    if !(0..=9999).contains(&t.year()) {
        return zoned.strftime("%Y-%m-%dT%H:%M:%S%.f%:z").to_string();
    }
    let mut text = date_and_time(&t);
    if t.subsec_nanosecond() != 0 {
        let fraction = format!("{:09}", t.subsec_nanosecond());
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    let seconds = zoned.offset().seconds();
    if seconds == 0 {
        text.push('Z');
        return text;
    }
    let (sign, seconds) = if seconds < 0 {
        ('-', -seconds)
    } else {
        ('+', seconds)
    };
    text.push_str(&format!(
        "{sign}{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60
    ));
    if seconds % 60 != 0 {
        text.push_str(&format!(":{:02}", seconds % 60));
    }
    text
}

/// Checks a strftime format (`date_format`, `format_date(format=…)`) against both kinds of
/// date, so a bad pattern is reported once, where it is written, not on some page.
pub fn check_format(format: &str) -> Result<(), String> {
    let sample = PublishDate::parse("2026-05-01T09:30:00+02:00").expect("a valid sample");
    sample.display(format)?;
    PublishDate::parse("2026-05-01")
        .expect("a valid sample")
        .display(format)?;
    Ok(())
}

/// What kind of thing one piece of a strftime format prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Text, `%%`, `%n`, `%t`.
    Literal,
    /// Part of the date (`%d`, `%B`, `%Y` …).
    Date,
    /// Part of the time or its zone (`%H`, `%M`, `%p`, `%z`, `%.f` …).
    Time,
}

/// Conversions that need a time of day: hours, minutes, seconds, fractions, AM/PM, the zone,
/// a Unix timestamp, and the composites made of them (`%T`, `%R`, `%r`, `%X`, `%c`).
const TIME_CONVERSIONS: &str = "HIklMSfNpPTRrXcszZQ";

/// Splits a strftime format into its pieces: (byte range, kind).
fn parts(format: &str) -> Vec<(std::ops::Range<usize>, Part)> {
    let bytes = format.as_bytes();
    let mut parts: Vec<(std::ops::Range<usize>, Part)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let kind = if bytes[i] == b'%' {
            i += 1;
            while i < bytes.len()
                && matches!(
                    bytes[i],
                    b'-' | b'_' | b'0'..=b'9' | b'^' | b'#' | b'.' | b':'
                )
            {
                i += 1;
            }
            let conversion = format[i..].chars().next();
            i += conversion.map_or(0, char::len_utf8);
            match conversion {
                Some('%' | 'n' | 't') | None => Part::Literal,
                Some(c) if TIME_CONVERSIONS.contains(c) => Part::Time,
                Some(_) => Part::Date,
            }
        } else {
            i += format[i..].find('%').unwrap_or(format.len() - i);
            Part::Literal
        };
        parts.push((start..i, kind));
    }
    parts
}

/// The format a day alone is shown with: the time parts dropped with the text that joins
/// them to the date (`%-d %B %Y, %H:%M` → `%-d %B %Y`; `%H:%M, %-d %B` → `%-d %B`;
/// `%Y-%m-%dT%H:%M%:z` → `%Y-%m-%d`). A format of time parts alone gives nothing.
pub fn date_only(format: &str) -> Cow<'_, str> {
    let parts = parts(format);
    if !parts.iter().any(|(_, kind)| *kind == Part::Time) {
        return Cow::Borrowed(format);
    }
    let mut keep = vec![true; parts.len()];
    let mut i = 0;
    while i < parts.len() {
        if parts[i].1 != Part::Time {
            i += 1;
            continue;
        }
        // A run of time parts and the text between them, up to the next date part.
        let mut last = i;
        let mut next_date = i + 1;
        while next_date < parts.len() && parts[next_date].1 != Part::Date {
            if parts[next_date].1 == Part::Time {
                last = next_date;
            }
            next_date += 1;
        }
        keep[i..=last].fill(false);
        let date_before = parts[..i].iter().any(|(_, kind)| *kind == Part::Date);
        if date_before {
            // The text joining the run to the date before it (", ", " at ", "T").
            let mut k = i;
            while k > 0 && parts[k - 1].1 == Part::Literal {
                k -= 1;
                keep[k] = false;
            }
        }
        if !date_before || next_date == parts.len() {
            // The text after the run, up to the date after it or the end (" UTC", "h").
            keep[last + 1..next_date].fill(false);
        }
        i = next_date;
    }
    Cow::Owned(
        parts
            .iter()
            .zip(keep)
            .filter(|(_, keep)| *keep)
            .map(|((range, _), _)| &format[range.clone()])
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_matches_strftime() {
        for text in [
            "2026-05-01",
            "0001-01-01",
            "9999-12-30",
            "2026-05-01T09:30:07+02:00",
            "2026-01-01T00:30:00+05:00",
            "1999-12-31T23:59:59.999-01:00",
        ] {
            let date = PublishDate::parse(text).unwrap();
            let expected = date.instant.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
            assert_eq!(date.rfc3339(), expected, "{text}");
        }
    }

    #[test]
    fn plain_dates_and_timestamps_parse() {
        let plain = PublishDate::parse("2026-05-01").unwrap();
        assert_eq!(plain.rfc3339(), "2026-05-01T00:00:00Z");
        assert_eq!(plain.display("%-d %B %Y").unwrap(), "1 May 2026");
        assert_eq!(plain.datetime, "2026-05-01");
        let stamped = PublishDate::parse("2026-05-01T01:30:00+02:00").unwrap();
        assert_eq!(stamped.day().to_string(), "2026-05-01");
        assert_eq!(stamped.rfc3339(), "2026-04-30T23:30:00Z");
        assert!(stamped.instant < plain.instant);
    }

    #[test]
    fn a_moment_keeps_its_offset_for_datetime_and_display() {
        for (text, datetime) in [
            ("2026-12-03T09:30:00+01:00", "2026-12-03T09:30:00+01:00"),
            ("2026-12-03T09:30+01:00", "2026-12-03T09:30:00+01:00"),
            ("2026-12-03 09:30:00-05:30", "2026-12-03T09:30:00-05:30"),
            ("2026-12-03T09:30:00.250Z", "2026-12-03T09:30:00.25Z"),
            ("2026-12-03T09:30:00+00:00", "2026-12-03T09:30:00Z"),
        ] {
            let date = PublishDate::parse(text).unwrap();
            assert_eq!(date.datetime, datetime, "{text}");
            assert_eq!(PublishDate::parse(&date.datetime).unwrap(), date, "{text}");
        }
        let date = PublishDate::parse("2026-12-03T09:30:00+01:00").unwrap();
        assert_eq!(
            date.display("%-d %B %Y, %H:%M").unwrap(),
            "3 December 2026, 09:30"
        );
        assert_eq!(date.display("%-I.%M %P %:z").unwrap(), "9.30 am +01:00");
    }

    #[test]
    fn a_day_alone_drops_the_time_parts_of_a_format() {
        for (format, day_only) in [
            ("%-d %B %Y, %H:%M", "%-d %B %Y"),
            ("%-d %B %Y at %-I.%M %P", "%-d %B %Y"),
            ("%H:%M, %-d %B %Y", "%-d %B %Y"),
            ("%Y-%m-%dT%H:%M:%S%.f%:z", "%Y-%m-%d"),
            ("%d %H:%M %B", "%d %B"),
            ("%A %e %B %Y %T UTC", "%A %e %B %Y"),
            ("%-d %B %Y", "%-d %B %Y"),
            ("100%% on %F", "100%% on %F"),
            ("%H:%M", ""),
        ] {
            assert_eq!(date_only(format), day_only, "{format}");
        }
        let day = PublishDate::parse("2026-12-03").unwrap();
        assert_eq!(day.display("%-d %B %Y, %H:%M").unwrap(), "3 December 2026");
    }

    #[test]
    fn updates_are_compared_by_day_unless_both_have_times() {
        let at = |t: &str| PublishDate::parse(t).unwrap();
        assert!(at("2026-05-01").is_before(&at("2026-05-02T08:00:00Z")));
        assert!(!at("2026-05-01").is_before(&at("2026-05-01T09:30:00+02:00")));
        assert!(at("2026-05-01T09:00:00+02:00").is_before(&at("2026-05-01T09:30:00+02:00")));
        // The same moment written in two offsets.
        assert!(!at("2026-05-01T09:30:00+02:00").is_before(&at("2026-05-01T07:30:00Z")));
    }

    #[test]
    fn bad_dates_explain_the_formats() {
        for bad in [
            "yesterday",
            "2026-13-01",
            "2026-02-30",
            "2026-05-01T25:00:00Z",
        ] {
            let err = PublishDate::parse(bad).unwrap_err();
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
        }
        assert!(check_format("%Y %").is_err());
        assert!(check_format("%-d %B %Y, %H:%M").is_ok());
    }

    #[test]
    fn a_time_without_an_offset_says_so() {
        for (bad, example) in [
            ("2026-12-03 09:30", "2026-12-03T09:30:00+01:00"),
            ("2026-12-03T09:30", "2026-12-03T09:30:00+01:00"),
            ("2026-12-03T09:30:15", "2026-12-03T09:30:15+01:00"),
        ] {
            let err = PublishDate::parse(bad).unwrap_err();
            assert_eq!(
                err,
                format!("`{bad}` has a time but no UTC offset, so the moment it names is unknown: add the offset, e.g. `{example}` (`Z` for UTC), or write the date alone (`2026-12-03`)")
            );
        }
    }
}
