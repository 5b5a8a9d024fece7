//! Turns a schema.org value into JSON that is safe inside `<script type="application/ld+json">`:
//! `writer` writes it, and one escaping step over the finished text rewrites `<`, `>` and `&`
//! as `\u003c`, `\u003e` and `\u0026`, so no text (`</script>`, `<!--`) can end the script or
//! start markup. The three characters only occur inside JSON strings, where the escapes read
//! back unchanged. Nothing else in the crate escapes JSON-LD.

use serde::Serialize;

use super::writer::write_json;

/// The value as script-safe JSON. `expected_len` sizes the buffer (a block is written once,
/// without growing, when the guess is right).
pub fn to_script_json<T: Serialize>(value: &T, expected_len: usize) -> String {
    let mut json = String::with_capacity(expected_len);
    write_json(&mut json, value).expect("the schema types only hold what the writer writes");
    escape_for_script(json)
}

/// `<`, `>` and `&` as JSON `\u` escapes; the text itself when it has none (nearly always).
fn escape_for_script(json: String) -> String {
    let bytes = json.as_bytes();
    let Some(first) = memchr::memchr3(b'<', b'>', b'&', bytes) else {
        return json;
    };
    let mut escaped = String::with_capacity(json.len() + 32);
    escaped.push_str(&json[..first]);
    let mut rest = &json[first..];
    while let Some(at) = memchr::memchr3(b'<', b'>', b'&', rest.as_bytes()) {
        escaped.push_str(&rest[..at]);
        escaped.push_str(match rest.as_bytes()[at] {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            _ => "\\u0026",
        });
        rest = &rest[at + 1..];
    }
    escaped.push_str(rest);
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn text_cannot_close_the_script() {
        let json = to_script_json(&["</script><!-- a & b -->"], 0);
        assert_eq!(
            json,
            r#"["\u003c/script\u003e\u003c!-- a \u0026 b --\u003e"]"#
        );
    }

    #[test]
    fn other_escapes_are_serde_json_s() {
        let json = to_script_json(&"\"quoted\"\n\\ é \u{1}", 0);
        assert_eq!(json, r#""\"quoted\"\n\\ é \u0001""#);
    }

    proptest! {
        /// Whatever the writer typed reads back unchanged, with nothing that could end the
        /// script, escaped exactly as serde_json escapes plus the three script escapes.
        #[test]
        fn any_text_round_trips(text in "\\PC{0,40}|[\\x00-\\x7f]{0,40}") {
            let json = to_script_json(&text, 4);
            prop_assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
            let read: String = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&read, &text);
            let by_serde = serde_json::to_string(&text)
                .unwrap()
                .replace('<', "\\u003c")
                .replace('>', "\\u003e")
                .replace('&', "\\u0026");
            prop_assert_eq!(json, by_serde);
        }
    }
}
