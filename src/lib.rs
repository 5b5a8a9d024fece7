//! stakes: a static site generator for numbered news explainers ("Five things at stake in …").
//!
//! The library holds everything; `main.rs` only parses the command line and prints. Tests and
//! benchmarks call the same functions the CLI does.

#![forbid(unsafe_code)]

pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod date;
pub mod error;
mod folder;
pub mod html;
pub mod ignore;
mod json_ld;
pub mod layout;
pub mod markdown;
pub mod output;
pub mod photos;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod slug;
pub mod templates;
pub mod yaml;

pub use error::{Error, Location, Result, Warning};
