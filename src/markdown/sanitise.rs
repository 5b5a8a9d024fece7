//! What keeps a writer's Markdown from running script on a reader's page: script URLs are
//! recognised, raw HTML is escaped or cleaned with ammonia, and checked events are the only
//! thing turned into HTML. It must not resolve URLs or report problems (that is `convert`'s),
//! and no other module calls pulldown-cmark's HTML writer (`clippy.toml` refuses it).

use pulldown_cmark::{CowStr, Event, Tag};

pub use crate::html::is_script_url;

/// Events that went through `Converter::transform` — links and images resolved, script URLs
/// refused, heading ids given — and only those (and line breaks): it is the only type
/// [`to_html`] takes, and only `transform` fills one, so no event reaches HTML unchecked.
#[derive(Default)]
pub(super) struct Checked<'a>(pub(super) Vec<Event<'a>>);

impl Checked<'_> {
    /// Turns raw HTML into text, for pieces (captions) where markup must show as typed.
    pub(super) fn escape_raw_html(&mut self) {
        for event in &mut self.0 {
            if let Event::Html(text) | Event::InlineHtml(text) = event {
                *event = Event::Text(std::mem::replace(text, CowStr::Borrowed("")));
            }
        }
    }

    pub(super) fn has_raw_html(&self) -> bool {
        self.0
            .iter()
            .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Cleans HTML with ammonia's safe defaults, keeping the ids and classes our own markup uses.
pub(super) fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class"])
        .clean(html)
        .to_string()
}

/// Renders events into a string sized from the events themselves (their text, plus room for
/// the tags around it), so it is allocated once instead of grown by doubling: every block of
/// every article goes through here. The events are drained.
#[allow(clippy::disallowed_methods)] // The one call: see `Renderer`.
pub(super) fn to_html(events: &mut Checked<'_>) -> String {
    let estimate: usize = events
        .0
        .iter()
        .map(|event| match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => t.len(),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                dest_url.len() + 24
            }
            _ => 12,
        })
        .sum();
    let mut html = String::with_capacity(estimate + estimate / 16);
    pulldown_cmark::html::push_html(&mut html, events.0.drain(..));
    html
}
