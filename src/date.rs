//! Publication dates as writers type them, read in the site's time zone (`timezone:` in
//! site.yaml, issue #18): a calendar day (`2026-05-01`), a local time (`2026-05-01 09:30`,
//! `2026-05-01T09:30[:00]`) read in that zone, or a moment with its UTC offset
//! (`2026-05-01T09:30:00+02:00`), kept as written. We keep which of these the writer meant — a
//! day is shown as a day, a moment with its time and zone — and an instant for ordering,
//! scheduling and feeds. A local time that the zone skips or repeats at a daylight-saving
//! change is refused with the two readings spelt out: guessing would publish an hour early or
//! late.
//!
//! Dates and zones only: this module must not know about articles, files or templates.

use std::borrow::Cow;

use jiff::civil::{Date, DateTime};
use jiff::fmt::temporal::Pieces;
use jiff::tz::{AmbiguousOffset, Offset, TimeZone};
use jiff::{Timestamp, ZonedDateTime};

/// The name of the default site time zone.
pub const DEFAULT_TIMEZONE: &str = "UTC";

/// The largest UTC offset of any real time zone (+14:00, Kiribati); RFC 3339 allows ±23:59.
const MAX_OFFSET_SECONDS: i32 = 14 * 3600;

/// What a `date:` or `updated:` says: a day, or a moment in a time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// A calendar day, with no time of day.
    Day(Date),
    /// A moment, shown in the site's zone (or the fixed offset written with it when that
    /// differs from the site's at that moment).
    At(ZonedDateTime),
}

/// A parsed `date:`, `updated:` or `publish_at:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishDate {
    /// What the writer meant.
    pub when: When,
    /// The instant, for ordering and scheduling; a day counts from its first moment in the
    /// site's zone.
    pub instant: Timestamp,
    /// The UTC offset the instant is written with in feeds and sitemaps: the moment's own, or
    /// the site zone's at the start of a day.
    offset: Offset,
    /// The value for `<time datetime>` and JSON-LD: `2026-05-01` (a day stays a day), or RFC
    /// 3339 with its offset (`2026-05-01T09:30:00+02:00`).
    pub datetime: String,
}

impl PublishDate {
    /// Parses a date in one of the forms the module names, reading a time without an offset in
    /// `zone` (seconds optional, `Z` for UTC).
    pub fn parse(text: &str, zone: &TimeZone) -> Result<PublishDate, String> {
        let text = text.trim();
        match read(text, zone)? {
            Reading::Day(date, start) => Ok(PublishDate {
                when: When::Day(date),
                instant: start,
                offset: zone.to_offset(start),
                datetime: text.to_string(),
            }),
            Reading::At(instant, offset) => {
                // Shown in the site's zone (with its abbreviation, `CET`) whenever that names
                // the same wall-clock time as written; a moment written in another offset
                // keeps it.
                let zoned = if zone.to_offset(instant) == offset {
                    instant.to_zoned_datetime(zone.clone())
                } else {
                    instant.to_zoned_datetime(TimeZone::fixed(offset))
                };
                let datetime = rfc3339_at(&zoned.datetime(), offset, || {
                    zoned.strftime("%Y-%m-%dT%H:%M:%S%.f%:z").to_string()
                });
                Ok(PublishDate {
                    when: When::At(zoned),
                    instant,
                    offset,
                    datetime,
                })
            }
        }
    }

    /// The calendar day, in the moment's own zone.
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

    /// RFC 3339 with the offset (`2026-05-01T09:30:00+02:00`), as Atom and sitemaps want: a
    /// day is its first moment in the site's zone.
    pub fn rfc3339(&self) -> String {
        // Every sitemap entry and feed entry needs one: written directly, since strftime
        // parses its pattern on each call (~30 ms on one thread for 10,000 articles).
        let local = self.offset.to_datetime(self.instant);
        rfc3339_at(&local, self.offset, || {
            self.instant
                .to_zoned_datetime(TimeZone::fixed(self.offset))
                .strftime("%Y-%m-%dT%H:%M:%S%.f%:z")
                .to_string()
        })
    }

    /// This date in a strftime format: a moment with its time in its zone; a day with the
    /// format's time parts left out (see [`date_only`]), since it has no time to show.
    pub fn display(&self, format: &str) -> Result<String, String> {
        self.display_as(format, format)
    }

    /// This date in `date_format` when it is a day and in `datetime_format` when it has a time
    /// (`date_format` and `datetime_format` of site.yaml).
    pub fn display_as(&self, date_format: &str, datetime_format: &str) -> Result<String, String> {
        self.display_in(date_format, datetime_format, None)
    }

    /// [`PublishDate::display_as`] with the month and weekday names of the site's language
    /// (`None`: English, the date crate's own).
    pub fn display_in(
        &self,
        date_format: &str,
        datetime_format: &str,
        names: Option<&dyn Names>,
    ) -> Result<String, String> {
        if let Some(names) = names {
            let (month, weekday, day) = match &self.when {
                When::Day(date) => (date.month(), date.weekday(), date.day()),
                When::At(zoned) => (zoned.month(), zoned.weekday(), zoned.day()),
            };
            let parts = (month, weekday.to_monday_one_offset(), day);
            let date_format = names.localise(date_format, parts);
            let datetime_format = names.localise(datetime_format, parts);
            return self.display_in(&date_format, &datetime_format, None);
        }
        let formatted = match &self.when {
            When::Day(date) => jiff::fmt::strtime::format(date_only(date_format).as_ref(), *date),
            When::At(zoned) => jiff::fmt::strtime::format(datetime_format, zoned),
        };
        formatted.map_err(|e| e.to_string())
    }
}

/// Month and weekday names other than the English ones the date crate writes (the site's
/// language: `crate::i18n`): a strftime pattern with its name conversions written out, for a
/// date's (month, weekday from Monday = 1, day).
pub trait Names {
    /// `format` with the names of that date written in.
    fn localise(&self, format: &str, parts: (i8, i8, i8)) -> String;
}

/// What a date says, before anything is allocated for showing it.
enum Reading {
    /// A day and its first moment in the zone.
    Day(Date, Timestamp),
    /// A moment and the offset it is written (or read) with.
    At(Timestamp, Offset),
}

/// Reads a trimmed date in one of the module's forms; allocates only for an error.
fn read(text: &str, zone: &TimeZone) -> Result<Reading, String> {
    let invalid = || {
        format!("`{text}` is not a valid date: use YYYY-MM-DD (2026-05-01), a date and time read in the site's time zone (2026-05-01 09:30) or one with its UTC offset (2026-05-01T09:30:00+02:00)")
    };
    if text.len() == 10 {
        let date: Date = text.parse().map_err(|_| invalid())?;
        let start = zone
            .to_ambiguous_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
            .compatible()
            .map_err(|e| format!("`{text}` is out of range: {e}"))?;
        return Ok(Reading::Day(date, start));
    }
    let pieces = Pieces::parse(text).map_err(|_| invalid())?;
    let Some(time) = pieces.time() else {
        return Err(invalid());
    };
    let civil = pieces.date().to_datetime(time);
    let (instant, offset) = match pieces.to_numeric_offset() {
        Some(offset) => {
            if offset.seconds().abs() > MAX_OFFSET_SECONDS {
                // The trial of #18: `+25:00` was accepted and written into the feed.
                let hours = offset.seconds() / 3600;
                let minutes = (offset.seconds() / 60 % 60).abs();
                return Err(format!(
                    "`{text}` has the UTC offset {hours:+03}:{minutes:02}, which is not a real time zone offset: offsets run from -12:00 to +14:00; check the offset, or write the time without one to read it in the site's time zone"
                ));
            }
            let instant = offset
                .to_timestamp(civil)
                .map_err(|e| format!("`{text}` is out of range: {e}"))?;
            (instant, offset)
        }
        None => local_time(text, civil, zone)?,
    };
    Ok(Reading::At(instant, offset))
}

/// The instant a local time names in `zone`, refusing one the zone skips or repeats at a
/// daylight-saving change, with the readings the writer can choose from.
fn local_time(text: &str, civil: DateTime, zone: &TimeZone) -> Result<(Timestamp, Offset), String> {
    let name = zone.iana_name().unwrap_or("the site's time zone");
    let with = |offset: Offset| rfc3339_at(&civil, offset, || format!("{civil}{offset}"));
    match zone.to_ambiguous_timestamp(civil).offset() {
        AmbiguousOffset::Unambiguous { offset } => offset
            .to_timestamp(civil)
            .map(|instant| (instant, offset))
            .map_err(|e| format!("`{text}` is out of range: {e}")),
        AmbiguousOffset::Gap { before, after } => {
            let later = zone
                .to_ambiguous_timestamp(civil)
                .compatible()
                .map(|t| zone.to_datetime(t).strftime("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            Err(format!(
                "`{text}` does not exist in {name}: the clocks skip that time when they change from {before} to {after}; write the time the clocks showed, e.g. `{later}`, or give the offset (`{}`)",
                with(before)
            ))
        }
        AmbiguousOffset::Fold { before, after } => Err(format!(
            "`{text}` happens twice in {name}: the clocks go back from {before} to {after}; say which with the offset, `{}` (the first, before the change) or `{}` (the second)",
            with(before),
            with(after)
        )),
    }
}

/// The instant a `date:` or `publish_at:` names, for deciding whether an article is published
/// yet; `None` when it does not parse (the article's build then says why).
pub fn instant(text: &str, zone: &TimeZone) -> Option<Timestamp> {
    // Asked of every article in the survey: no string or zone copy is made for it.
    match read(text.trim(), zone).ok()? {
        Reading::Day(_, at) | Reading::At(at, _) => Some(at),
    }
}

/// A moment as a desk reads it in messages: `2026-12-08 06:00 CET`, in the site's zone.
pub fn moment_in(at: Timestamp, zone: &TimeZone) -> String {
    zone.to_datetime(at).strftime("%Y-%m-%d %H:%M").to_string()
        + " "
        + zone.to_offset_info(at).abbreviation()
}

/// A site time zone from its IANA name (`Europe/Brussels`), from the database built into
/// stakes, so a site reads its dates the same on every machine; an unknown name gets the
/// closest known one as a suggestion.
pub fn time_zone(name: &str) -> Result<TimeZone, String> {
    if let Ok(zone) = TimeZone::get(name) {
        return Ok(zone);
    }
    let best = jiff::tz::db()
        .available()
        .map(|known| {
            let known = known.as_str().to_string();
            let score = strsim::jaro_winkler(&known.to_lowercase(), &name.to_lowercase());
            (score, known)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let hint = match best {
        Some((score, known)) if score > 0.8 => format!(": did you mean `{known}`?"),
        _ => {
            ": use an IANA name such as `Europe/Brussels`, `America/New_York` or `UTC`".to_string()
        }
    };
    Err(format!("`timezone: {name}` is not a known time zone{hint}"))
}

/// RFC 3339 of a wall-clock time and its offset (`2026-12-03T09:30:00+01:00`, `Z` for UTC),
/// written without strftime for years 0 to 9999; `fallback` for the others.
fn rfc3339_at(t: &DateTime, offset: Offset, fallback: impl FnOnce() -> String) -> String {
    if !(0..=9999).contains(&t.year()) {
        return fallback();
    }
    let mut text = date_and_time(t);
    if t.subsec_nanosecond() != 0 {
        let fraction = format!("{:09}", t.subsec_nanosecond());
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    let seconds = offset.seconds();
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

/// Checks a strftime format (`date_format`, `format_date(format=…)`) against both kinds of
/// date, so a bad pattern is reported once, where it is written, not on some page.
pub fn check_format(format: &str) -> Result<(), String> {
    let sample =
        PublishDate::parse("2026-05-01T09:30:00+02:00", &TimeZone::UTC).expect("a valid sample");
    sample.display(format)?;
    PublishDate::parse("2026-05-01", &TimeZone::UTC)
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

    fn utc(text: &str) -> PublishDate {
        PublishDate::parse(text, &TimeZone::UTC).unwrap()
    }

    fn brussels() -> TimeZone {
        time_zone("Europe/Brussels").unwrap()
    }

    #[test]
    fn rfc3339_keeps_the_offset_and_names_the_same_instant() {
        for text in [
            "2026-05-01",
            "0001-01-01",
            "9999-12-30",
            "2026-05-01T09:30:07+02:00",
            "2026-01-01T00:30:00+05:00",
            "1999-12-31T23:59:59.999-01:00",
        ] {
            let date = utc(text);
            let back: Timestamp = date.rfc3339().parse().unwrap();
            assert_eq!(back, date.instant, "{text}");
        }
        assert_eq!(
            utc("2026-05-01T09:30:07+02:00").rfc3339(),
            "2026-05-01T09:30:07+02:00"
        );
        let day = PublishDate::parse("2026-05-01", &brussels()).unwrap();
        assert_eq!(day.rfc3339(), "2026-05-01T00:00:00+02:00");
        assert_eq!(day.datetime, "2026-05-01");
    }

    #[test]
    fn plain_dates_and_timestamps_parse() {
        let plain = utc("2026-05-01");
        assert_eq!(plain.rfc3339(), "2026-05-01T00:00:00Z");
        assert_eq!(plain.display("%-d %B %Y").unwrap(), "1 May 2026");
        assert_eq!(plain.datetime, "2026-05-01");
        let stamped = utc("2026-05-01T01:30:00+02:00");
        assert_eq!(stamped.day().to_string(), "2026-05-01");
        assert_eq!(stamped.rfc3339(), "2026-05-01T01:30:00+02:00");
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
            let date = utc(text);
            assert_eq!(date.datetime, datetime, "{text}");
            assert_eq!(utc(&date.datetime), date, "{text}");
        }
        let date = utc("2026-12-03T09:30:00+01:00");
        assert_eq!(
            date.display("%-d %B %Y, %H:%M").unwrap(),
            "3 December 2026, 09:30"
        );
        assert_eq!(date.display("%-I.%M %P %:z").unwrap(), "9.30 am +01:00");
    }

    #[test]
    fn local_times_are_read_in_the_site_zone_and_shown_with_its_abbreviation() {
        let zone = brussels();
        for text in [
            "2026-12-08 06:00",
            "2026-12-08T06:00",
            "2026-12-08T06:00:00",
        ] {
            let date = PublishDate::parse(text, &zone).unwrap();
            assert_eq!(date.datetime, "2026-12-08T06:00:00+01:00", "{text}");
            assert_eq!(
                date.display_as("%-d %B %Y", "%Y-%m-%d %H:%M %Z").unwrap(),
                "2026-12-08 06:00 CET"
            );
        }
        let summer = PublishDate::parse("2026-07-01 06:00", &zone).unwrap();
        assert_eq!(summer.datetime, "2026-07-01T06:00:00+02:00");
        assert_eq!(summer.display("%H:%M %Z").unwrap(), "06:00 CEST");
        // Written with the zone's own offset: shown in the zone; with another: kept.
        let same = PublishDate::parse("2026-12-08T06:00:00+01:00", &zone).unwrap();
        assert_eq!(same.display("%H:%M %Z").unwrap(), "06:00 CET");
        let other = PublishDate::parse("2026-12-08T06:00:00-05:00", &zone).unwrap();
        assert_eq!(other.datetime, "2026-12-08T06:00:00-05:00");
        assert_eq!(other.display("%H:%M %:z").unwrap(), "06:00 -05:00");
        // Read in UTC, the same text names another instant.
        let in_utc = utc("2026-12-08 06:00");
        assert_eq!(in_utc.datetime, "2026-12-08T06:00:00Z");
        assert_eq!(in_utc.display("%H:%M %Z").unwrap(), "06:00 UTC");
    }

    #[test]
    fn times_the_clocks_skip_or_repeat_are_refused_with_both_readings() {
        let zone = brussels();
        let gap = PublishDate::parse("2026-03-29 02:30", &zone).unwrap_err();
        assert_eq!(
            gap,
            "`2026-03-29 02:30` does not exist in Europe/Brussels: the clocks skip that time when they change from +01 to +02; write the time the clocks showed, e.g. `2026-03-29 03:30`, or give the offset (`2026-03-29T02:30:00+01:00`)"
        );
        let fold = PublishDate::parse("2026-10-25T02:30", &zone).unwrap_err();
        assert_eq!(
            fold,
            "`2026-10-25T02:30` happens twice in Europe/Brussels: the clocks go back from +02 to +01; say which with the offset, `2026-10-25T02:30:00+02:00` (the first, before the change) or `2026-10-25T02:30:00+01:00` (the second)"
        );
        // The offset settles it.
        let first = PublishDate::parse("2026-10-25T02:30:00+02:00", &zone).unwrap();
        let second = PublishDate::parse("2026-10-25T02:30:00+01:00", &zone).unwrap();
        assert!(first.instant < second.instant);
        assert_eq!(first.display("%H:%M %Z").unwrap(), "02:30 CEST");
        assert_eq!(second.display("%H:%M %Z").unwrap(), "02:30 CET");
    }

    #[test]
    fn moments_for_messages_are_in_the_site_zone() {
        let at: Timestamp = "2026-12-08T05:00:00Z".parse().unwrap();
        assert_eq!(moment_in(at, &brussels()), "2026-12-08 06:00 CET");
        assert_eq!(moment_in(at, &TimeZone::UTC), "2026-12-08 05:00 UTC");
        assert_eq!(
            instant("2026-12-08 06:00", &brussels()),
            Some(at),
            "read in the zone"
        );
        assert_eq!(instant("soon", &brussels()), None);
    }

    #[test]
    fn unknown_zones_get_a_suggestion() {
        assert_eq!(
            time_zone("Europe/Brussel").unwrap_err(),
            "`timezone: Europe/Brussel` is not a known time zone: did you mean `Europe/Brussels`?"
        );
        assert!(time_zone("CET nonsense words here")
            .unwrap_err()
            .contains("use an IANA name"));
        assert_eq!(time_zone("UTC").unwrap(), TimeZone::UTC);
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
            ("%-d %B %Y, %H:%M %Z", "%-d %B %Y"),
        ] {
            assert_eq!(date_only(format), day_only, "{format}");
        }
        let day = utc("2026-12-03");
        assert_eq!(day.display("%-d %B %Y, %H:%M").unwrap(), "3 December 2026");
    }

    #[test]
    fn updates_are_compared_by_day_unless_both_have_times() {
        let at = utc;
        assert!(at("2026-05-01").is_before(&at("2026-05-02T08:00:00Z")));
        assert!(!at("2026-05-01").is_before(&at("2026-05-01T09:30:00+02:00")));
        assert!(at("2026-05-01T09:00:00+02:00").is_before(&at("2026-05-01T09:30:00+02:00")));
        // The same moment written in two offsets.
        assert!(!at("2026-05-01T09:30:00+02:00").is_before(&at("2026-05-01T07:30:00Z")));
    }

    #[test]
    fn offsets_beyond_fourteen_hours_are_refused() {
        for text in [
            "2026-12-03T09:30:00+25:00",
            "2026-12-03T09:30:00+24:00",
            "2026-12-03T09:30:00-14:01",
        ] {
            let err = PublishDate::parse(text, &TimeZone::UTC).unwrap_err();
            assert!(
                err.contains("is not a real time zone offset"),
                "{text}: {err}"
            );
        }
        for text in ["2026-12-03T09:30:00+14:00", "2026-12-03T09:30:00-12:00"] {
            assert!(PublishDate::parse(text, &TimeZone::UTC).is_ok(), "{text}");
        }
    }

    #[test]
    fn bad_dates_explain_the_formats() {
        for bad in [
            "yesterday",
            "2026-13-01",
            "2026-02-30",
            "2026-05-01T25:00:00Z",
        ] {
            let err = PublishDate::parse(bad, &TimeZone::UTC).unwrap_err();
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
        }
        assert!(check_format("%Y %").is_err());
        assert!(check_format("%-d %B %Y, %H:%M %Z").is_ok());
    }
}
