//! stakes: a static site generator for numbered news explainers ("Five things at stake in …").
//!
//! The library holds everything; `main.rs` only parses the command line and prints. Only
//! [`cli`], the error types and [`testing`] are public: every other module is internal, so
//! the compiler tells when something is no longer used. The module map is in
//! `docs/architecture.md`.

#![forbid(unsafe_code)]

pub(crate) mod authors;
pub(crate) mod check;
pub mod cli;
pub(crate) mod config;
pub(crate) mod content;
pub(crate) mod date;
pub mod error;
mod folder;
pub(crate) mod html;
pub(crate) mod i18n;
pub(crate) mod ignore;
mod json_ld;
pub(crate) mod layout;
mod locale;
pub(crate) mod markdown;
pub(crate) mod output;
pub(crate) mod photos;
pub(crate) mod progress;
pub(crate) mod render;
pub(crate) mod scaffold;
pub(crate) mod search;
pub(crate) mod serve;
pub(crate) mod site;
pub(crate) mod slug;
pub(crate) mod templates;
pub(crate) mod urlpath;
pub(crate) mod yaml;

pub use error::{Error, Location, Result, Warning};

/// What the integration tests, examples and fuzz targets outside this crate reach into; nothing
/// else of the library is public. The tests drive the `stakes` binary itself — these are only
/// fixture makers and the pieces fuzzed on their own.
#[doc(hidden)]
pub mod testing {
    pub use crate::content::count::promised_count;
    pub use crate::content::front_matter::{
        normalise_text, parse_front_matter, split_front_matter, FrontMatter, SectionFrontMatter,
    };
    pub use crate::markdown::{LocalImage, Renderer, Resolve};
    pub use crate::photos::metadata::{
        embed_for_tests, embed_xmp_first_for_tests, read as read_photo_metadata,
        xmp_packet_for_tests,
    };
    pub use crate::serve::watch::DEBOUNCE;
    pub use crate::yaml::{fast_path_disagreement, Value};
}
