//! What may stand in the HTML we publish: the mark that says "this string is HTML we rendered,
//! write it as is". Everything below the templates may use it (Markdown, photos, rendering);
//! it must not render templates or know the theme. The one file besides `templates.rs` that
//! names Tera: `tera::Value::safe_string` is the mark Tera reads.

use serde::Serialize;

/// Serialises HTML we rendered on purpose (Markdown, captions, JSON-LD, cards) as a string
/// templates write as is, without `| safe`: a filter call per block was ~2 % of a large
/// build. Tera passes a value it finds inside a serialised struct through unchanged, so the
/// mark survives; any other serialiser sees the plain string.
pub fn serialize_html<S: serde::Serializer>(
    html: &str,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    tera::Value::safe_string(html).serialize(serializer)
}

/// [`serialize_html`] for HTML that may be missing.
pub fn serialize_optional_html<S: serde::Serializer>(
    html: &Option<impl AsRef<str>>,
    serializer: S,
) -> std::result::Result<S::Ok, S::Error> {
    match html {
        Some(html) => serialize_html(html.as_ref(), serializer),
        None => serializer.serialize_none(),
    }
}
