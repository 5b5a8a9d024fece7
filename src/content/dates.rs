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
            if !start.instant.lt(&expires.instant) {
                errors.push(Error::content(
                    at_key("expires"),
                    format!(
                        "`expires: {}` is not after the article goes live ({}): it would never be shown; set `expires` later or remove it",
                        expires.datetime, start.datetime
                    ),
                ));
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
