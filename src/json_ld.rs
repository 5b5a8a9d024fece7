//! The JSON-LD block of an article page: schema.org `NewsArticle` (or `WebPage` for a plain
//! page), which search engines read for the headline, dates, authors and photo. It sits inside
//! a `<script>`, so it is escaped for one. Every page of a build has one, so it is written by
//! hand in a single pass (no serialiser, no second pass to escape it for the script).

use crate::content::TagRef;

/// What the block says about one page.
#[derive(Debug, Clone, Copy)]
pub struct JsonLd<'a> {
    /// A plain page (`WebPage`) rather than an explainer (`NewsArticle`).
    pub plain_page: bool,
    /// The headline.
    pub headline: &'a str,
    /// The description (dek or first sentence).
    pub description: &'a str,
    /// Publication date as written (RFC 3339 or a plain date).
    pub published: &'a str,
    /// Last modification, as written (the publication date when never updated).
    pub modified: &'a str,
    /// The writers, each a `Person`.
    pub authors: &'a [String],
    /// The publishing organisation.
    pub publisher: &'a str,
    /// The page's absolute URL.
    pub permalink: &'a str,
    /// Language of the page (`en`).
    pub language: &'a str,
    /// The absolute URL of the page's Open Graph photo, if any.
    pub image: Option<&'a str>,
    /// Title of the page's section, if any.
    pub section: Option<&'a str>,
    /// The page's tags, as keywords.
    pub keywords: &'a [TagRef],
    /// Its corrections, each a `CorrectionComment` (issue #18).
    pub corrections: &'a [crate::content::notes::Note],
}

impl JsonLd<'_> {
    /// The block as JSON that is safe inside `<script>`: no `<`, `>` or `&` appears in it
    /// (they are written as `\u` escapes, which JSON parsers read back unchanged).
    pub fn to_script_json(self) -> String {
        let mut json = String::with_capacity(512 + self.description.len());
        json.push_str(r#"{"@context":"https://schema.org","@type":"#);
        push_string(
            &mut json,
            if self.plain_page {
                "WebPage"
            } else {
                "NewsArticle"
            },
        );
        push_field(&mut json, "headline", self.headline);
        push_field(&mut json, "description", self.description);
        push_field(&mut json, "datePublished", self.published);
        push_field(&mut json, "dateModified", self.modified);
        json.push_str(r#","author":["#);
        for (i, name) in self.authors.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str(r#"{"@type":"Person","name":"#);
            push_string(&mut json, name);
            json.push('}');
        }
        json.push_str(r#"],"publisher":{"@type":"Organization","name":"#);
        push_string(&mut json, self.publisher);
        json.push_str(r#"},"mainEntityOfPage":{"@type":"WebPage","@id":"#);
        push_string(&mut json, self.permalink);
        json.push('}');
        push_field(&mut json, "url", self.permalink);
        push_field(&mut json, "inLanguage", self.language);
        if let Some(image) = self.image {
            json.push_str(r#","image":["#);
            push_string(&mut json, image);
            json.push(']');
        }
        if let Some(section) = self.section {
            push_field(&mut json, "articleSection", section);
        }
        if !self.keywords.is_empty() {
            json.push_str(r#","keywords":["#);
            for (i, tag) in self.keywords.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                push_string(&mut json, &tag.name);
            }
            json.push(']');
        }
        if !self.corrections.is_empty() {
            json.push_str(r#","correction":["#);
            for (i, note) in self.corrections.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                json.push_str(r#"{"@type":"CorrectionComment","text":"#);
                push_string(&mut json, &note.text);
                push_field(&mut json, "datePublished", &note.date.datetime);
                json.push('}');
            }
            json.push(']');
        }
        json.push('}');
        json
    }
}

/// `,"key":"value"` (keys are our own and need no escaping).
fn push_field(json: &mut String, key: &str, value: &str) {
    json.push_str(",\"");
    json.push_str(key);
    json.push_str("\":");
    push_string(json, value);
}

/// A JSON string: quotes, backslashes and control characters escaped as JSON requires, and
/// `<`, `>`, `&` as `\u` escapes so the text cannot close the script or start markup. Runs
/// of plain bytes are copied whole.
fn push_string(json: &mut String, text: &str) {
    json.push('"');
    let bytes = text.as_bytes();
    // Most values (URLs, dates, names) need no escape: asked over all bytes without stopping
    // early, which the compiler turns into vector compares, and then copied whole.
    let needs_escape = bytes.iter().fold(false, |any, &byte| {
        any | (byte < 0x20) | matches!(byte, b'"' | b'\\' | b'<' | b'>' | b'&')
    });
    if !needs_escape {
        json.push_str(text);
        json.push('"');
        return;
    }
    let mut run_start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            0x00..=0x1f => "",
            _ => continue,
        };
        // Escapes and plain runs both end and start at ASCII bytes: slicing is safe.
        json.push_str(&text[run_start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            json.push_str("\\u00");
            json.push(char::from(HEX[usize::from(byte >> 4)]));
            json.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            json.push_str(escape);
        }
        run_start = i + 1;
    }
    json.push_str(&text[run_start..]);
    json.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn tags(names: &[&str]) -> Vec<TagRef> {
        names
            .iter()
            .map(|n| TagRef {
                name: n.to_string(),
                slug: crate::slug::slugify(n),
            })
            .collect()
    }

    fn sample<'a>(text: &'a str, authors: &'a [String], keywords: &'a [TagRef]) -> JsonLd<'a> {
        JsonLd {
            plain_page: false,
            headline: text,
            description: text,
            published: "2026-03-01",
            modified: "2026-03-02T10:00:00+01:00",
            authors,
            publisher: text,
            permalink: "https://example.org/a/",
            language: "en",
            image: Some("https://example.org/a/og.jpg"),
            section: Some(text),
            keywords,
            corrections: &[],
        }
    }

    #[test]
    fn a_full_block_is_the_schema_org_shape() {
        let authors = vec!["Ana Ruiz".to_string(), "Li Wei".to_string()];
        let keywords = tags(&["Climate", "Budget"]);
        let json = sample("Five things", &authors, &keywords).to_script_json();
        assert_eq!(
            json,
            concat!(
                r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"Five things","#,
                r#""description":"Five things","datePublished":"2026-03-01","#,
                r#""dateModified":"2026-03-02T10:00:00+01:00","#,
                r#""author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Li Wei"}],"#,
                r#""publisher":{"@type":"Organization","name":"Five things"},"#,
                r#""mainEntityOfPage":{"@type":"WebPage","@id":"https://example.org/a/"},"#,
                r#""url":"https://example.org/a/","inLanguage":"en","#,
                r#""image":["https://example.org/a/og.jpg"],"articleSection":"Five things","#,
                r#""keywords":["Climate","Budget"]}"#
            )
        );
    }

    #[test]
    fn optional_parts_are_left_out_and_plain_pages_are_web_pages() {
        let block = JsonLd {
            plain_page: true,
            image: None,
            section: None,
            ..sample("About", &[], &[])
        };
        let value: serde_json::Value = serde_json::from_str(&block.to_script_json()).unwrap();
        assert_eq!(value["@type"], "WebPage");
        assert_eq!(value["author"], serde_json::json!([]));
        for absent in ["image", "articleSection", "keywords", "correction"] {
            assert!(value.get(absent).is_none(), "{absent}");
        }
    }

    #[test]
    fn text_cannot_close_the_script() {
        let json = sample("</script><b>&", &[], &[]).to_script_json();
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
        assert!(json.contains(r#""headline":"\u003c/script\u003e\u003cb\u003e\u0026""#));
    }

    proptest! {
        /// Whatever the writer typed reads back unchanged, with nothing that could end the
        /// script, and escaped exactly as serde_json escapes (plus the three script escapes).
        #[test]
        fn any_text_round_trips(text in "\\PC{0,40}|[\\x00-\\x7f]{0,40}", name in "\\PC{0,12}") {
            let authors = vec![name.clone()];
            let keywords = tags(&[name.as_str()]);
            let json = sample(&text, &authors, &keywords).to_script_json();
            prop_assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(value["headline"].as_str(), Some(text.as_str()));
            prop_assert_eq!(value["author"][0]["name"].as_str(), Some(name.as_str()));
            prop_assert_eq!(value["keywords"][0].as_str(), Some(name.as_str()));
            let mut expected = String::new();
            push_string(&mut expected, &text);
            let by_serde = serde_json::to_string(&text)
                .unwrap()
                .replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026");
            prop_assert_eq!(expected, by_serde);
        }
    }
}
