//! Reading HTML the way a browser does: pages we rendered (for `check`: their ids and links) and
//! raw HTML a writer typed (for the script URLs in it). html5ever's tokenizer (the one ammonia
//! parses with) splits the markup, so attribute values are decoded by the HTML rules (`&amp;lt;`
//! is `&lt;`, not `<`), unquoted values count, and comments, scripts, styles and other raw text
//! are text, not markup. Only the tokenizer runs, not the tree builder: the tokenizer is told
//! which elements hold raw text, as the tree builder would tell it. It must not judge what it
//! finds beyond that (callers decide what is an error).

use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{local_name, LocalName};

/// What a page offers and points to.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Scanned {
    /// Fragment targets: every `id`, and the `name` of `<a>` elements (browsers scroll to both).
    pub ids: Vec<String>,
    /// Every `href` and `src` value, decoded.
    pub links: Vec<String>,
}

/// The ids and links of a page.
pub(crate) fn scan(html: &str) -> Scanned {
    let sink = Links::default();
    let sink = tokenize(html, sink);
    sink.found.into_inner()
}

/// A script URL found in raw HTML.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ScriptUrl {
    /// The line of its tag, counted from 1 at the start of the HTML read.
    pub line: u64,
    /// The attribute that holds it (`href`).
    pub attribute: String,
    /// The URL, decoded.
    pub url: String,
}

/// The script URLs in a piece of raw HTML a writer typed (`<a href="javascript:…">`).
/// Attributes that take a URL are read as the browser would (quoted or not, references
/// decoded); text, comments and the content of `<script>` and `<style>` are not markup.
pub(crate) fn script_urls(html: &str) -> Vec<ScriptUrl> {
    tokenize(html, ScriptUrls::default()).found.into_inner()
}

/// The text of an HTML fragment (a caption), tags dropped and references decoded.
pub(crate) fn text(html: &str) -> String {
    tokenize(html, Text::default()).text.into_inner()
}

fn tokenize<S: TokenSink>(html: &str, sink: S) -> S {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    // Our sinks never ask the tokenizer to stop for a script, so one feed reads everything.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink
}

/// Tells the tokenizer how the content of an element is read, as the tree builder would:
/// `<script>`, `<style>` and their kind hold raw text, where `<a href>` is only text. Inside
/// `<svg>` and `<math>` they are ordinary elements.
fn raw_kind(tag: &Tag, foreign: usize) -> Option<RawKind> {
    if tag.kind != TagKind::StartTag || tag.self_closing || foreign > 0 {
        return None;
    }
    match tag.name {
        local_name!("title") | local_name!("textarea") => Some(RawKind::Rcdata),
        local_name!("style")
        | local_name!("xmp")
        | local_name!("iframe")
        | local_name!("noembed")
        | local_name!("noframes")
        | local_name!("noscript") => Some(RawKind::Rawtext),
        local_name!("script") => Some(RawKind::ScriptData),
        _ => None,
    }
}

/// Counts how deep we are in `<svg>` or `<math>` content.
fn track_foreign(tag: &Tag, foreign: &Cell<usize>) {
    if !matches!(tag.name, local_name!("svg") | local_name!("math")) {
        return;
    }
    match tag.kind {
        TagKind::StartTag if !tag.self_closing => foreign.set(foreign.get() + 1),
        TagKind::EndTag => foreign.set(foreign.get().saturating_sub(1)),
        TagKind::StartTag => {}
    }
}

/// How the tokenizer goes on after `tag`: as usual, in raw text, or (after `<plaintext>`)
/// reading everything that follows as text.
fn result_for(tag: &Tag, foreign: &Cell<usize>) -> TokenSinkResult<()> {
    track_foreign(tag, foreign);
    if tag.kind == TagKind::StartTag && foreign.get() == 0 && tag.name == local_name!("plaintext") {
        return TokenSinkResult::Plaintext;
    }
    match raw_kind(tag, foreign.get()) {
        Some(kind) => TokenSinkResult::RawData(kind),
        None => TokenSinkResult::Continue,
    }
}

#[derive(Default)]
struct Links {
    found: RefCell<Scanned>,
    foreign: Cell<usize>,
}

impl TokenSink for Links {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind == TagKind::StartTag {
            let mut found = self.found.borrow_mut();
            for attribute in &tag.attrs {
                let name: &LocalName = &attribute.name.local;
                let value = || attribute.value.to_string();
                match *name {
                    local_name!("id") => found.ids.push(value()),
                    local_name!("name") if tag.name == local_name!("a") => found.ids.push(value()),
                    local_name!("href") | local_name!("src") => found.links.push(value()),
                    _ => {}
                }
            }
        }
        result_for(&tag, &self.foreign)
    }
}

#[derive(Default)]
struct ScriptUrls {
    found: RefCell<Vec<ScriptUrl>>,
    foreign: Cell<usize>,
}

/// Attributes whose value a browser follows or loads as a URL.
fn takes_url(name: &str) -> bool {
    matches!(
        name,
        "href"
            | "src"
            | "action"
            | "formaction"
            | "xlink:href"
            | "data"
            | "poster"
            | "background"
            | "cite"
            | "ping"
    )
}

impl TokenSink for ScriptUrls {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind == TagKind::StartTag {
            let script = tag.attrs.iter().filter(|a| {
                takes_url(a.name.local.as_ref()) && crate::html::is_script_url(&a.value)
            });
            self.found.borrow_mut().extend(script.map(|a| ScriptUrl {
                line,
                attribute: a.name.local.to_string(),
                url: a.value.to_string(),
            }));
        }
        result_for(&tag, &self.foreign)
    }
}

#[derive(Default)]
struct Text {
    text: RefCell<String>,
    foreign: Cell<usize>,
}

impl TokenSink for Text {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::CharacterTokens(text) => self.text.borrow_mut().push_str(&text),
            Token::TagToken(tag) => return result_for(&tag, &self.foreign),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_are_found_in_any_quoting() {
        let found = scan(
            r#"<a href="/a/#x" id='top'><img src=/b.jpg><p data-href="no"
id=next>"#,
        );
        assert_eq!(found.links, vec!["/a/#x", "/b.jpg"]);
        assert_eq!(found.ids, vec!["top", "next"]);
    }

    #[test]
    fn references_are_decoded_once() {
        let found = scan(r#"<p id="a&amp;lt;b"><a href="?x=1&amp;y=&lt;2&gt;&#39;">"#);
        assert_eq!(found.ids, vec!["a&lt;b"]);
        assert_eq!(found.links, vec!["?x=1&y=<2>'"]);
    }

    #[test]
    fn comments_scripts_and_styles_are_not_markup() {
        let found = scan(
            "<!-- <a href=\"/old/\" id=\"ghost\"> --><script>let s = '<a href=\"/js/\">';\
             </script><style>/* <a href=\"/css/\"> */</style><textarea><a id=\"t\"></textarea>\
             <svg><style><a href=\"/in-svg/\"/></style></svg><a id=\"after\" href=\"/real/\">",
        );
        assert_eq!(found.links, vec!["/in-svg/", "/real/"]);
        assert_eq!(found.ids, vec!["after"]);
    }

    #[test]
    fn script_urls_are_found_in_url_attributes_only_and_with_their_lines() {
        let html = "<p>\n<a href=\"JaVaScRiPt&#58;alert(1)\">x</a>\n<img src=x onerror=1>\n\
                    <a title=\"javascript:no\" href=/fine/><form action=vbscript:y>\n\
                    <script>let a = '<a href=\"javascript:in-script\">';</script>\n\
                    <!-- <a href=\"javascript:in-comment\"> -->";
        let found: Vec<(u64, String, String)> = script_urls(html)
            .into_iter()
            .map(|s| (s.line, s.attribute, s.url))
            .collect();
        assert_eq!(
            found,
            vec![
                (2, "href".to_string(), "JaVaScRiPt:alert(1)".to_string()),
                (4, "action".to_string(), "vbscript:y".to_string())
            ]
        );
    }

    #[test]
    fn named_anchors_are_targets() {
        assert_eq!(scan("<a name=\"old\"><p name=\"no\">").ids, vec!["old"]);
    }

    #[test]
    fn text_drops_tags_and_decodes_references_once() {
        assert_eq!(
            text("The <em>ruins</em> &amp; roads, &amp;lt;b&amp;gt;"),
            "The ruins & roads, &lt;b&gt;"
        );
    }
}
