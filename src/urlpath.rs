//! URL paths: the one home of percent-encoding and decoding (the `percent-encoding` crate).
//! A site path is kept as its files are named (`world/القمة/`); it is encoded where it becomes
//! a URL, and a URL's path decoded where it names a file. A leaf: it knows nothing of sites.

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS, NON_ALPHANUMERIC};

/// A site path as it stands in a URL: letters outside ASCII (a site with `slugs: unicode`,
/// issue #21) percent-encoded as UTF-8, everything else as it is, so an already encoded path
/// is not encoded twice. ASCII paths, nearly all of them, are borrowed.
pub fn for_url(path: &str) -> Cow<'_, str> {
    if path.is_ascii() {
        Cow::Borrowed(path)
    } else {
        Cow::Owned(utf8_percent_encode(path, CONTROLS).to_string())
    }
}

/// Decodes `%20`-style escapes in a URL path written in Markdown. Escapes that are not two hex
/// digits (`%aé`, `100%`) stay as they are, and so does a path whose escapes do not decode to
/// UTF-8 (no file of the site can have that name).
pub fn percent_decode(text: &str) -> Cow<'_, str> {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .unwrap_or(Cow::Borrowed(text))
}

/// Percent-encodes what may not stand in a URL path (spaces, non-ASCII …), keeping `/`.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_ENCODED).to_string()
}

/// What [`encode_path`] escapes: every byte but letters, digits and the characters RFC 3986
/// allows in a path segment, and `/`.
const PATH_ENCODED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_letters_outside_ascii_are_encoded_for_a_url() {
        assert_eq!(for_url("world/summit/"), "world/summit/");
        assert_eq!(for_url("a%20b/"), "a%20b/");
        assert_eq!(
            for_url("iqtisad/القمة/"),
            "iqtisad/%D8%A7%D9%84%D9%82%D9%85%D8%A9/"
        );
        assert_eq!(percent_decode(&for_url("économie/été/")), "économie/été/");
    }
}
