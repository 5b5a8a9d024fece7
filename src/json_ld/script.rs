//! Turns a schema.org value into JSON that is safe inside `<script type="application/ld+json">`:
//! serde_json writes it, and one escaping step rewrites `<`, `>` and `&` as `\u003c`, `\u003e`
//! and `\u0026` on the way into the buffer, so no text (`</script>`, `<!--`) can end the script
//! or start markup. The three characters only occur inside JSON strings, where the escapes
//! read back unchanged. Nothing else in the crate escapes JSON-LD.

use std::io;

use serde::Serialize;

/// The value as script-safe JSON. `expected_len` sizes the buffer (a block is written once,
/// without growing, when the guess is right).
pub fn to_script_json<T: Serialize>(value: &T, expected_len: usize) -> String {
    let mut writer = ScriptSafe(Vec::with_capacity(expected_len));
    serde_json::to_writer(&mut writer, value).expect("schema values always serialise");
    // serde_json writes UTF-8 and the escapes replace ASCII bytes only.
    String::from_utf8(writer.0).expect("serde_json writes UTF-8")
}

/// A writer that escapes `<`, `>` and `&` as JSON `\u` escapes and passes every other byte on.
struct ScriptSafe(Vec<u8>);

impl io::Write for ScriptSafe {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut rest = bytes;
        while let Some(at) = memchr::memchr3(b'<', b'>', b'&', rest) {
            self.0.extend_from_slice(&rest[..at]);
            self.0.extend_from_slice(match rest[at] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                _ => b"\\u0026",
            });
            rest = &rest[at + 1..];
        }
        self.0.extend_from_slice(rest);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
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
