//! An article's dates: `date`, `updated` and `publish_at` parsed in the site's time zone, each
//! error at the line of its key, and an update before publication refused. The dates of
//! corrections and updates are checked with them in [`super::notes`].

use super::article::KeyLocation;
use super::front_matter::FrontMatter;
use crate::date::PublishDate;
use crate::error::Error;

/// The dates of one article, those that parsed.
pub(super) struct Dates {
    /// `date:`.
    pub date: Option<PublishDate>,
    /// `updated:`.
    pub updated: Option<PublishDate>,
    /// `publish_at:` (issue #18).
    pub publish_at: Option<PublishDate>,
    /// `expires:` (issue #18).
    pub expires: Option<PublishDate>,
}

impl Dates {
    /// Parses the three keys, adding every problem to `errors`.
    pub fn checked(
        front: &FrontMatter,
        zone: &jiff::tz::TimeZone,
        at_key: &KeyLocation<'_>,
        errors: &mut Vec<Error>,
    ) -> Dates {
        let (date, updated) = checked_dates(front, zone, at_key, errors);
        let optional = |key: &str, value: Option<&str>, errors: &mut Vec<Error>| {
            PublishDate::parse(value?, zone)
                .map_err(|m| errors.push(Error::content(at_key(key), format!("`{key}`: {m}"))))
                .ok()
        };
        let publish_at = optional("publish_at", front.publish_at.as_deref(), errors);
        let expires = optional("expires", front.expires.as_deref(), errors);
        if let (Some(expires), Some(start)) = (&expires, publish_at.as_ref().or(date.as_ref())) {
            if let Some(message) = never_shown(start, expires) {
                errors.push(Error::content(at_key("expires"), message));
            }
        }
        Dates {
            date,
            updated,
            publish_at,
            expires,
        }
    }
}

/// Why an article that goes live at `start` and expires at `expires` would never be shown, if
/// it would not.
pub(super) fn never_shown(start: &PublishDate, expires: &PublishDate) -> Option<String> {
    (start.instant >= expires.instant).then(|| {
        format!(
            "`expires: {}` is not after the article goes live ({}): it would never be shown; set `expires` later or remove it",
            expires.datetime, start.datetime
        )
    })
}

/// The error of an article left out of a build (scheduled, or expired and removed) whose
/// `expires` is not after it goes live. The trial of #18: its body is not read, so without
/// this the mistake waited for the moment it went live, then failed every timed rebuild.
pub(super) fn never_shown_error(
    front: &FrontMatter,
    source: &std::path::Path,
    yaml: &str,
    zone: &jiff::tz::TimeZone,
) -> Option<Error> {
    let expires = PublishDate::parse(front.expires.as_deref()?, zone).ok()?;
    let start =
        PublishDate::parse(front.publish_at.as_deref().unwrap_or(&front.date), zone).ok()?;
    let message = never_shown(&start, &expires)?;
    Some(Error::content(
        super::front_matter::key_location(source, yaml, "expires"),
        message,
    ))
}

/// `date:` and `updated:` parsed, and an update before publication refused.
fn checked_dates(
    front: &FrontMatter,
    zone: &jiff::tz::TimeZone,
    at_key: &KeyLocation<'_>,
    errors: &mut Vec<Error>,
) -> (Option<PublishDate>, Option<PublishDate>) {
    let date = PublishDate::parse(&front.date, zone)
        .map_err(|m| errors.push(Error::content(at_key("date"), format!("`date`: {m}"))))
        .ok();
    let updated = front.updated.as_deref().and_then(|text| {
        PublishDate::parse(text, zone)
            .map_err(|m| errors.push(Error::content(at_key("updated"), format!("`updated`: {m}"))))
            .ok()
    });
    if let (Some(date), Some(updated)) = (&date, &updated) {
        // Issue #16: an update before publication reads as a typo in the byline, and search
        // engines get a `dateModified` before `datePublished`.
        if updated.is_before(date) {
            errors.push(Error::content(
                at_key("updated"),
                format!(
                    "`updated: {}` is before `date: {}`: set `updated` to when the article was last changed, or remove it",
                    updated.datetime, date.datetime
                ),
            ));
        }
    }
    (date, updated)
}
