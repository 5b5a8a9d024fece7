//! The theme's own filters and functions: `format_date` and `time_tag` (dates in the site's
//! formats, zone and language), `number_word`, `safe`, and `t` (the language tables' texts,
//! issue #21). It owns their memo of formatted dates and the escaping of translated texts
//! that carry markup; the tables themselves are `crate::i18n`'s.

use std::collections::HashMap;
use std::sync::Arc;

use crate::date::PublishDate;
use crate::html::{escape_text, escape_text_into};
use crate::i18n::Translations;

/// Dates already formatted, by format and then by date: a large site shows the same few
/// thousand dates on tens of thousands of cards, and parsing and formatting one costs more
/// than the rest of a card's lookups.
#[derive(Default)]
struct FormattedDates(std::sync::Mutex<HashMap<String, HashMap<String, String>>>);

impl FormattedDates {
    /// Past this many dates the memo starts again (a preview session editing formats could
    /// otherwise grow it without end).
    const LIMIT: usize = 16 * 1024;

    fn get(&self, format: &str, value: &str) -> Option<String> {
        let memo = self.0.lock().unwrap_or_else(|e| e.into_inner());
        memo.get(format)?.get(value).cloned()
    }

    fn keep(&self, format: &str, value: &str, formatted: &str) {
        let mut memo = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if memo.values().map(HashMap::len).sum::<usize>() >= Self::LIMIT {
            memo.clear();
        }
        memo.entry(format.to_string())
            .or_default()
            .insert(value.to_string(), formatted.to_string());
    }
}

/// How pages show dates and words: the site's two date formats, its time zone and its
/// language's tables (issue #21).
#[derive(Debug, Clone)]
pub struct DateStyle {
    /// For dates without a time (`date_format`).
    pub date_format: String,
    /// For dates with a time (`datetime_format`).
    pub datetime_format: String,
    /// The site's time zone.
    pub zone: jiff::tz::TimeZone,
    /// The site's language: `t()`, month names, number words.
    pub translations: Arc<Translations>,
}

impl DateStyle {
    /// The style a site's settings ask for.
    pub fn of(config: &crate::config::SiteConfig) -> DateStyle {
        DateStyle {
            date_format: config.date_format.clone(),
            datetime_format: config.datetime_format.clone(),
            zone: config.timezone.clone(),
            translations: Arc::clone(&config.translations),
        }
    }

    /// One format for both kinds of date, in UTC (tests).
    #[cfg(test)]
    pub fn single(format: &str) -> DateStyle {
        DateStyle {
            date_format: format.to_string(),
            datetime_format: format.to_string(),
            zone: jiff::tz::TimeZone::UTC,
            translations: Arc::new(Translations::english()),
        }
    }
}

/// The memo key of `format_date` without `format=`: not a strftime pattern anyone writes.
const SITE_FORMATS: &str = "\0site";

pub(super) fn register_filters(tera: &mut tera::Tera, dates: DateStyle) {
    let formatted = Arc::new(FormattedDates::default());
    let format_date = {
        let formatted = Arc::clone(&formatted);
        let dates = dates.clone();
        move |value: &str, format: Option<&str>| -> tera::TeraResult<String> {
            formatted_date(&formatted, &dates, value, format)
        }
    };
    let time_tag = format_date.clone();
    tera.register_filter(
        "time_tag",
        move |value: &str, _: tera::Kwargs, _: &tera::State| -> tera::TeraResult<tera::Value> {
            let shown = time_tag(value, None)?;
            let mut html = String::from("<time datetime=\"");
            escape_text_into(&mut html, value);
            html.push_str("\">");
            escape_text_into(&mut html, &shown);
            html.push_str("</time>");
            Ok(tera::Value::safe_string(&html))
        },
    );
    tera.register_filter(
        "format_date",
        move |value: &str, kwargs: tera::Kwargs, _: &tera::State| -> tera::TeraResult<String> {
            format_date(value, kwargs.get::<&str>("format")?)
        },
    );
    let words = Arc::clone(&dates.translations);
    tera.register_filter(
        "number_word",
        move |n: u64, _: tera::Kwargs, _: &tera::State| words.number_word(n),
    );
    let words = Arc::clone(&dates.translations);
    let ready = ReadyTexts::of(&words);
    tera.register_function("t", move |kwargs: tera::Kwargs, _: &tera::State| {
        if let Some(text) = ready.get(&kwargs) {
            return Ok(text);
        }
        translate(&words, &kwargs)
    });
    tera.register_filter("safe", mark_safe);
}

/// The `safe` filter without a copy: Tera's own copies the string it marks, and every article
/// page passes its whole body through `safe` block by block (an allocation and a copy of each
/// block's HTML, ~1 % of a large build). A string is marked as it is (its text is shared);
/// anything else is written out and marked, as Tera's does.
fn mark_safe(value: tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    if value.as_str().is_some() {
        value.mark_safe()
    } else {
        tera::Value::safe_string(&value.to_string())
    }
}

/// A date in the site's formats (or `format`), zone and language, from the memo when it was
/// shown before.
fn formatted_date(
    formatted: &FormattedDates,
    dates: &DateStyle,
    value: &str,
    format: Option<&str>,
) -> tera::TeraResult<String> {
    let key = format.unwrap_or(SITE_FORMATS);
    if let Some(known) = formatted.get(key, value) {
        return Ok(known);
    }
    let date = PublishDate::parse(value, &dates.zone)
        .map_err(|_| tera::Error::message(format!("format_date: `{value}` is not a date")))?;
    let names = dates.translations.date_localiser();
    let text = match format {
        Some(format) => date.display_in(format, format, names),
        None => date.display_in(&dates.date_format, &dates.datetime_format, names),
    }
    .map_err(|e| tera::Error::message(format!("format_date: {e}")))?;
    formatted.keep(key, value, &text);
    Ok(text)
}

/// The texts `t()` returns most, made once: every text without placeholders, and each plural
/// text whose only placeholder is the count for the counts up to [`ReadyTexts::COUNTS`]. Every
/// page asks for a dozen of them ("By", "Skip to content", "3 min read"), and making each
/// afresh was ~5 % of a large build.
struct ReadyTexts {
    words: Arc<Translations>,
    plain: rustc_hash::FxHashMap<String, tera::Value>,
    /// Made on first use: a page asks for a handful of counts.
    counted: rustc_hash::FxHashMap<String, Vec<std::sync::OnceLock<tera::Value>>>,
}

impl ReadyTexts {
    const COUNTS: u64 = 64;

    fn of(words: &Arc<Translations>) -> ReadyTexts {
        let mut ready = ReadyTexts {
            words: Arc::clone(words),
            plain: Default::default(),
            counted: Default::default(),
        };
        for key in words.keys() {
            let Some(text) = words.text(key) else {
                continue;
            };
            let placeholders = text.placeholders();
            match text {
                crate::i18n::Text::Plain(_) if placeholders.is_empty() => {
                    let shown = words.format(key, None, |_| None).unwrap_or_default();
                    ready
                        .plain
                        .insert(key.to_string(), tera::Value::from(shown));
                }
                crate::i18n::Text::Plural(_)
                    if placeholders
                        .iter()
                        .all(|p| ["count", "number", "Number"].contains(p)) =>
                {
                    let forms = (0..Self::COUNTS)
                        .map(|_| std::sync::OnceLock::new())
                        .collect();
                    ready.counted.insert(key.to_string(), forms);
                }
                _ => {}
            }
        }
        ready
    }

    /// The ready text for a call with `key` (and `count`) alone; `None` for any other call.
    fn get(&self, kwargs: &tera::Kwargs) -> Option<tera::Value> {
        let mut key = None;
        let mut count = None;
        for (name, value) in kwargs.iter() {
            match name.as_str()? {
                "key" => key = Some(value.as_str()?),
                "count" => count = Some(value.as_u64()?),
                _ => return None,
            }
        }
        match count {
            None => self.plain.get(key?).cloned(),
            Some(n) => {
                let key = key?;
                let form = self.counted.get(key)?.get(usize::try_from(n).ok()?)?;
                Some(
                    form.get_or_init(|| {
                        tera::Value::from(
                            self.words
                                .format(key, Some(n), |_| None)
                                .unwrap_or_default(),
                        )
                    })
                    .clone(),
                )
            }
        }
    }
}

/// `t(key="…", count=…, name=…)`: the text of `key` in the site's language, in the plural form
/// for `count`, its `{placeholders}` filled from the other arguments. A text with a value
/// marked safe among them (a `time_tag`) is escaped here and returned safe, the value kept as
/// markup; any other is returned as text, for the template's escaping.
fn translate(words: &Translations, kwargs: &tera::Kwargs) -> tera::TeraResult<tera::Value> {
    // A key that is not text (`t(key=42)`) or missing gets a message in the theme's terms,
    // not Tera's about types.
    let key = match kwargs.get::<tera::Value>("key")? {
        Some(value) => match value.as_str() {
            Some(key) => key.to_string(),
            None => {
                return Err(tera::Error::message(format!(
                    "t: `key` must be the name of a text in quotes, e.g. t(key=\"read_more\"), not `{value}`"
                )))
            }
        },
        None => {
            return Err(tera::Error::message(
                "t: name the text with `key`, e.g. t(key=\"read_more\")",
            ))
        }
    };
    let key = key.as_str();
    if words.text(key).is_none() {
        let keys = words.keys();
        let hint = crate::yaml::closest(key, &keys)
            .map(|near| format!(": did you mean `{near}`?"))
            .unwrap_or_default();
        return Err(tera::Error::message(format!(
            "t: there is no text `{key}` in the translation tables{hint}"
        )));
    }
    let count = match kwargs.get::<tera::Value>("count")? {
        None => None,
        Some(value) => Some(value.as_u64().ok_or_else(|| {
            tera::Error::message(format!("t: `count` must be a whole number, not `{value}`"))
        })?),
    };
    let values: Vec<(&str, &tera::Value)> = kwargs
        .iter()
        .filter_map(|(name, value)| Some((name.as_str()?, value)))
        .filter(|(name, _)| *name != "key" && *name != "count")
        .collect();
    missing_arguments(words, key, count, &values)?;
    let markup = values.iter().any(|(_, value)| value.is_safe());
    let shown = |value: &tera::Value| match value.as_str() {
        Some(text) if markup && !value.is_safe() => escape_text(text),
        Some(text) => text.to_string(),
        None => value.to_string(),
    };
    let fill = |name: &str| {
        values
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, value)| shown(value))
    };
    if !markup {
        let text = words.format(key, count, fill).unwrap_or_default();
        return Ok(tera::Value::from(text));
    }
    // The table's own words are text: escaped before the markup goes in.
    let text = words
        .format(key, count, |name| Some(format!("\u{0}{name}\u{0}")))
        .unwrap_or_default();
    let mut html = String::with_capacity(text.len() + 64);
    for (i, piece) in text.split('\u{0}').enumerate() {
        if i % 2 == 0 {
            escape_text_into(&mut html, piece);
        } else {
            match fill(piece) {
                Some(value) => html.push_str(&value),
                None => escape_text_into(&mut html, &format!("{{{piece}}}")),
            }
        }
    }
    Ok(tera::Value::safe_string(&html))
}

/// A call that leaves a placeholder of `key`'s text unfilled (`{pages}` shown on the page) is
/// a template error naming the argument to add; so is a plural text without `count=`.
fn missing_arguments(
    words: &Translations,
    key: &str,
    count: Option<u64>,
    values: &[(&str, &tera::Value)],
) -> tera::TeraResult<()> {
    let Some(text) = words.text(key) else {
        return Ok(());
    };
    if count.is_none() && matches!(text, crate::i18n::Text::Plural(_)) {
        return Err(tera::Error::message(format!(
            "t: `{key}` has a form for each count: give it `count=` (e.g. `t(key=\"{key}\", count=3)`)"
        )));
    }
    let counted = ["count", "number", "Number"];
    let placeholders = text.placeholders();
    let missing: Vec<String> = placeholders
        .iter()
        .copied()
        .filter(|name| !(count.is_some() && counted.contains(name)))
        .filter(|name| !values.iter().any(|(given, _)| given == name))
        .map(|name| format!("`{name}=`"))
        .collect();
    if missing.is_empty() {
        let unused: Vec<String> = values
            .iter()
            .filter(|(name, _)| !placeholders.contains(name))
            .map(|(name, _)| format!("`{name}=`"))
            .collect();
        if unused.is_empty() {
            return Ok(());
        }
        let takes = if placeholders.is_empty() {
            "no arguments but `key`".to_string()
        } else {
            placeholders
                .iter()
                .map(|name| format!("`{name}=`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(tera::Error::message(format!(
            "t: `{key}` does not use {}: its text takes {takes}",
            unused.join(" or ")
        )));
    }
    let unused: Vec<String> = values
        .iter()
        .filter(|(name, _)| !placeholders.contains(name))
        .map(|(name, _)| format!("`{name}=`"))
        .collect();
    let unused = if unused.is_empty() {
        String::new()
    } else {
        format!(
            " (it was given {}, which its text does not use)",
            unused.join(", ")
        )
    };
    Err(tera::Error::message(format!(
        "t: `{key}` needs {}{unused}",
        missing.join(" and ")
    )))
}
