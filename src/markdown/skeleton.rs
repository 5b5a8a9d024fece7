//! The paragraphs `stakes new` writes into a skeleton, and noticing one left whole in a body.
//! The converter compares each one-text paragraph with them (its length first, so nearly
//! free) as it walks the blocks; `scaffold` writes the skeletons from the same texts and turns
//! what was noticed into warnings. It must not know files or templates.

/// The intro paragraph of a skeleton.
pub const INTRO_PLACEHOLDER: &str =
    "The intro: what is happening and why it matters, in a paragraph or two.";
/// The paragraph under each numbered heading.
pub const SECTION_PLACEHOLDER: &str = "What it is, who decides, and what changes for readers.";
/// The paragraph of the closing "What happens next" section.
pub const NEXT_PLACEHOLDER: &str = "The dates to watch.";

/// The skeleton paragraph `text` is, if it is one.
pub(super) fn placeholder_paragraph(text: &str) -> Option<&'static str> {
    [INTRO_PLACEHOLDER, SECTION_PLACEHOLDER, NEXT_PLACEHOLDER]
        .into_iter()
        .find(|placeholder| placeholder.len() == text.len() && *placeholder == text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_whole_placeholder_paragraph_is_one() {
        assert_eq!(
            placeholder_paragraph("The dates to watch."),
            Some(NEXT_PLACEHOLDER)
        );
        assert_eq!(placeholder_paragraph("The dates to watch"), None);
        assert_eq!(placeholder_paragraph("The dates to watch. Soon."), None);
    }
}
