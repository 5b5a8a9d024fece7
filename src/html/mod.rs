//! What may stand in the HTML we publish: which URLs could run script, the script URLs in a
//! piece of raw HTML (read by [`scan`], the way a browser reads it), and the mark that says
//! "this string is HTML we rendered, write it as is". Everything below the templates may use it
//! (Markdown, photos, rendering, check); it must not render templates or know the theme. The one
//! file besides `templates/` that names Tera: `tera::Value::safe_string` is the mark Tera
//! reads.

pub(crate) mod scan;

/// Plain text escaped for HTML (`&<>"'`; `'` as `&#39;`), by the escaper pulldown-cmark uses:
/// for text that reaches a page outside the Markdown path (a caption embedded in a photo, a
/// translation table's words around a `<time>`).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_text_into(&mut out, text);
    out
}

/// [`escape_text`], appended to `out`.
pub fn escape_text_into(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(&mut *out, text).expect("writing to a String cannot fail");
}

use serde::Serialize;

/// Whether a URL could run script when followed or shown: `javascript:` and `vbscript:` in any
/// case, also with tabs, newlines or control characters inside or before the scheme (browsers
/// ignore them; entities such as `&#106;` arrive here decoded), and `data:` URLs other than
/// images (`data:text/html,<script>…`). Every link and image written in Markdown or front
/// matter is checked.
pub fn is_script_url(url: &str) -> bool {
    // Every link and image is checked: compare byte by byte, no string built.
    let mut compact = url
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && !b.is_ascii_control())
        .map(|b| b.to_ascii_lowercase());
    let mut start = [0u8; 14];
    for slot in &mut start {
        match compact.next() {
            Some(byte) => *slot = byte,
            None => break,
        }
    }
    start.starts_with(b"javascript:")
        || start.starts_with(b"vbscript:")
        || (start.starts_with(b"data:") && !start.starts_with(b"data:image/"))
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_html_quotes_included() {
        assert_eq!(
            escape_text(r#"Tom & Jerry's <"cat">"#),
            "Tom &amp; Jerry&#39;s &lt;&quot;cat&quot;&gt;"
        );
    }

    #[test]
    fn script_urls_are_recognised_however_they_are_spelled() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "jav\nascript:x",
            "VBSCRIPT:x",
            "data:text/html,<script>",
            "\u{1}javascript:x",
            "data:application/xhtml+xml,x",
            "DATA:text/html,x",
        ] {
            assert!(is_script_url(url), "{url:?}");
        }
        for url in [
            "https://x.example/",
            "javascript",
            "data:image/png;base64,",
            "",
            "/javascript:",
        ] {
            assert!(!is_script_url(url), "{url:?}");
        }
    }
}
