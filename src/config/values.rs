//! Each setting of `site.yaml` whose value is checked on its own: the base URL split into
//! its parts, date patterns, the favicon and logo paths, the publisher's address, the count
//! label, the photo settings and the language tag's message. Each answers with the value or
//! the message to show at the setting's line; it must not know where the line is (that is
//! `config`'s).

use std::path::Path;

use super::{ImageConfig, RawImages};
use crate::layout::{DEFAULT_CACHE_DIR, STATIC_DIR};

/// Why `language:` is not a BCP 47 tag, and the tag meant.
pub(super) fn language_message(written: &str) -> String {
    let hint = match crate::i18n::tag_for_name(written) {
        Some(tag) => format!("write `language: {tag}`"),
        None if written.contains('_') => {
            format!(
                "write `language: {}` (with a hyphen)",
                written.replace('_', "-")
            )
        }
        None => "write a BCP 47 tag such as `en`, `fr`, `fr-BE` or `pt-BR`".to_string(),
    };
    format!("`language: {written}` is not a language tag: {hint}")
}

/// What numbered sections are called when a title does not say: words, "things at stake" by
/// default.
pub(super) fn checked_count_label(
    label: Option<String>,
) -> std::result::Result<Option<String>, String> {
    match label.as_deref().map(str::trim) {
        None => Ok(None),
        Some("") => Err(
            "`count_label` is empty: write what the numbered sections are, e.g. \"things at stake\""
                .to_string(),
        ),
        Some(label) => Ok(Some(label.to_string())),
    }
}

/// `publisher.url`, absolute (default: the site's base URL).
pub(super) fn checked_publisher_url(
    url: Option<String>,
    base_url: &str,
) -> std::result::Result<String, String> {
    match url {
        None => Ok(base_url.to_string()),
        Some(url) if url.starts_with("https://") || url.starts_with("http://") => Ok(url),
        Some(url) => Err(format!(
            "`publisher.url: {url}` must be an absolute address, like https://news.example/"
        )),
    }
}

/// The logo's copy, planned from the file in `static/` (a path checked like `favicon`).
pub(super) fn publisher_logo(
    root: &Path,
    written: &str,
) -> std::result::Result<crate::photos::logo::PublisherLogo, String> {
    checked_favicon(written).map_err(|_| {
        format!("`publisher.logo: {written}` must be a path inside static/, like logo.png")
    })?;
    let file = root.join(STATIC_DIR).join(written);
    if !file.is_file() {
        return Err(format!(
            "`publisher.logo: {written}` is not a file in static/: add static/{written} or remove the setting"
        ));
    }
    crate::photos::logo::plan(&file, written)
}

/// A favicon path must stay inside `static/`: relative, forward slashes, no `..`.
pub(super) fn checked_favicon(path: &str) -> std::result::Result<(), String> {
    let safe = !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    if safe {
        Ok(())
    } else {
        Err(format!(
            "`favicon: {path}` must be a path inside static/, like favicon.svg"
        ))
    }
}

/// Whether a strftime pattern shows a time of day: a site whose `date_format` does (written
/// before `datetime_format` existed, issue #16) keeps it for timed dates too.
pub(super) fn shows_time(format: &str) -> bool {
    crate::date::date_only(format) != format
}

/// A strftime pattern that formats a sample day and a sample moment, so a typo fails the build
/// instead of every date silently falling back to `YYYY-MM-DD`. Time parts (`%H:%M`) are
/// valid: they show an article's time, and are left out for articles dated by day alone.
pub(super) fn checked_date_format(
    format: Option<String>,
    key: &str,
    default: &str,
) -> std::result::Result<String, String> {
    let format = format.unwrap_or_else(|| default.to_string());
    crate::date::check_format(&format)
        .map(|()| format.clone())
        .map_err(|e| {
            format!("`{key}: {format}` is not a valid strftime pattern ({e}), e.g. \"{default}\"")
        })
}

pub(super) fn resolve_images(raw: RawImages) -> std::result::Result<ImageConfig, String> {
    let mut widths = raw.widths.unwrap_or_else(|| vec![480, 960, 1600]);
    widths.sort_unstable();
    widths.dedup();
    if widths.is_empty() || widths.iter().any(|w| !(16..=8000).contains(w)) {
        return Err(
            "`images.widths` must list widths between 16 and 8000 pixels, e.g. [480, 960, 1600]"
                .into(),
        );
    }
    let quality = |value: Option<u8>, default: u8, key: &str| match value {
        Some(q) if !(1..=100).contains(&q) => {
            Err(format!("`images.{key}` must be between 1 and 100"))
        }
        Some(q) => Ok(q),
        None => Ok(default),
    };
    let cache_dir = raw.cache.unwrap_or_else(|| DEFAULT_CACHE_DIR.to_string());
    if cache_dir.is_empty()
        || std::path::Path::new(&cache_dir).is_absolute()
        || cache_dir.contains("..")
    {
        return Err("`images.cache` must be a folder inside the site, e.g. .stakes-cache".into());
    }
    Ok(ImageConfig {
        widths,
        jpeg_quality: quality(raw.jpeg_quality, 80, "jpeg_quality")?,
        webp_quality: quality(raw.webp_quality, 75, "webp_quality")?,
        process: raw.process.unwrap_or(true),
        cache_dir,
    })
}

/// Splits `https://host/sub` into (`https://host/sub/`, `/sub/`).
/// `what` names the setting in messages.
pub(super) fn split_base_url(
    url: &str,
    what: &str,
) -> std::result::Result<(String, String), String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            format!("{what} must start with https:// or http:// (got `{url}`), e.g. https://news.example/explainers/")
        })?;
    if rest.contains(['?', '#', ' ']) {
        return Err(format!(
            "{what} must not contain a query, fragment or spaces (got `{url}`)"
        ));
    }
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() {
        return Err(format!("{what} has no host (got `{url}`)"));
    }
    let path = format!("/{}/", path.trim_matches('/')).replace("//", "/");
    let scheme = &url[..url.len() - rest.len()];
    Ok((format!("{scheme}{host}{path}"), path))
}
