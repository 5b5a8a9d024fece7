//! The URLs a body writes, checked: links resolved (or dropped as text when their article
//! was removed, issue #18), images inside text recorded, script URLs refused in raw HTML, and
//! destinations a space keeps from being read. Split from [`super`] to keep each file short.

use pulldown_cmark::Event;

use super::{Converter, Spanned};
use crate::markdown::model::InlineImage;
use crate::markdown::sanitise::is_script_url;
use crate::markdown::{LinkNotice, Problem};

impl<'a> Converter<'a, '_> {
    /// [`Self::refuse_script_urls`] for an HTML block starting with the line `first`, followed
    /// by its other lines in `rest`. A block's lines arrive one event each: the run is read
    /// once, from its first line, so a tag written over several lines is read whole.
    pub(super) fn refuse_script_urls_in_block(
        &mut self,
        first: &str,
        rest: &[Spanned<'a>],
        offset: usize,
    ) {
        let lines = rest.iter().map_while(|(event, _)| match event {
            Event::Html(line) => Some(line.as_ref()),
            _ => None,
        });
        let mut block: Option<String> = None;
        for line in lines {
            block
                .get_or_insert_with(|| first.to_string())
                .push_str(line);
        }
        self.refuse_script_urls(block.as_deref().unwrap_or(first), offset);
    }

    /// Raw HTML may hold script where the site allows raw HTML (an embed's `<script>`), but
    /// never a script URL: `<a href="javascript:…">` pasted from elsewhere is refused as the
    /// same link written in Markdown is, each at its line (issue #16's new-producer trial).
    pub(super) fn refuse_script_urls(&mut self, html: &str, offset: usize) {
        if !html.contains('=') {
            return; // no attribute, no URL
        }
        let first_line = self.line_of(offset);
        for found in crate::html::scan::script_urls(html) {
            self.problems.push(Problem {
                line: first_line + found.line as usize - 1,
                message: format!(
                    "raw HTML `{}=\"{}\"` is a script URL, which is not allowed: link to a web page (https://…) or an article (@/…) instead",
                    found.attribute, found.url
                ),
            });
        }
    }

    /// `![Alt](dock workers.jpg)` or `[report](https://example.org/a b)`: Markdown reads no image
    /// or link when the address has a space, and the page would show the brackets as typed
    /// (issue #16's new-user trial). Called at a text ending in `]` (event `i`) that runs on into
    /// a text starting with `(`.
    pub(super) fn unread_destination(&mut self, events: &[Spanned<'a>], i: usize) {
        let Some((Event::Text(next), next_range)) = events.get(i + 1) else {
            return;
        };
        if events[i].1.end != next_range.start || !next.starts_with('(') {
            return;
        }
        let Some(close) = next.find(')') else {
            return;
        };
        let destination = next[1..close].trim();
        if !destination.contains(char::is_whitespace) {
            return;
        }
        let before = self.src.get(..events[i].1.end).unwrap_or_default();
        let opening = before.rfind('[');
        let is_image = opening.is_some_and(|at| before[..at].ends_with('!'));
        let offset = opening.map_or(events[i].1.start, |at| at - usize::from(is_image));
        let message = if is_image {
            format!(
                "image `{destination}` is not read as an image because its path has a space (the page would show the Markdown as typed): rename the file without spaces, or write the path as `<{destination}>`"
            )
        } else {
            format!(
                "link to `{destination}` is not read as a link because its address has a space (the page would show the Markdown as typed): write the space as `%20`, or the address as `<{destination}>`"
            )
        };
        self.problem(offset, message);
    }

    /// The published URL of a link written as `dest_url` (empty for a script URL), with a
    /// problem at `offset` when it is refused or cannot be resolved.
    pub(super) fn link_url(&mut self, dest_url: &str, offset: usize) -> String {
        if is_script_url(dest_url) {
            self.problem(
                offset,
                format!("link to `{dest_url}` is a script URL, which is not allowed: link to a web page (https://…) or an article (@/…) instead"),
            );
            String::new()
        } else {
            match self.renderer.resolver.notice(dest_url) {
                Some(LinkNotice::Dropped(message)) => {
                    self.warning(offset, message);
                    self.dropping_link = true;
                    return String::new();
                }
                Some(LinkNotice::Expiring(message)) => self.warning(offset, message),
                None => {}
            }
            match self.renderer.resolver.link(dest_url) {
                Ok(url) => url,
                Err(message) => {
                    self.problem(offset, message);
                    dest_url.to_string()
                }
            }
        }
    }

    /// The published URL of an image inside text, recorded with its file and line for the
    /// article to check like any other (issue #16).
    pub(super) fn inline_image_url(&mut self, dest_url: &str, alt: &str, offset: usize) -> String {
        let (url, file) = self.image_url(dest_url, Some(alt), offset);
        let line = self.line_of(offset);
        self.body.inline_images.push(InlineImage {
            written_src: dest_url.to_string(),
            file,
            line,
        });
        url
    }
}
