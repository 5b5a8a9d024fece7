//! The fast front-matter reader (`yaml/subset/`) against serde_yaml: whenever the fast path
//! answers, its value must be the one serde_yaml gives, and serde_yaml must not refuse the
//! text (a refusal is an error the user would see only once something sends the file to
//! serde_yaml). Checked for every type front matter is read into, and for a type with the
//! scalar kinds serde_yaml resolves by type.
#![no_main]

use std::collections::BTreeMap;

use libfuzzer_sys::fuzz_target;
use serde::Deserialize;
use stakes::testing::{fast_path_disagreement, FrontMatter, SectionFrontMatter, Value};

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Typed {
    flag: Option<bool>,
    number: Option<u32>,
    small: Option<u8>,
    text: Option<String>,
    list: Option<Vec<String>>,
    nested: Option<BTreeMap<String, String>>,
    deep: Option<Value>,
}

fn agree<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) {
    if let Some(problem) = fast_path_disagreement::<T>(text) {
        panic!("{text:?}: {problem}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    agree::<FrontMatter>(text);
    agree::<SectionFrontMatter>(text);
    agree::<Value>(text);
    agree::<Typed>(text);
});
