//! Integration tests: each builds a tiny fixture site in a temp folder with the real `stakes`
//! binary and checks the parsed HTML/XML it writes or the exact errors it prints.

mod support;

mod authors;
mod body;
mod check;
mod corrections;
mod demo;
mod discovery;
mod errors;
mod front_matter;
mod hardening;
mod languages;
mod lead_crops;
mod listings;
mod multilingual;
mod news_sitemap;
mod newsroom_time;
mod one_run;
mod output_dir;
mod photo_alt;
mod photo_rights;
mod photos;
mod portability;
mod progress;
mod publishing;
mod quickstart;
mod related;
mod scaffold;
mod scheduling;
mod search;
mod serve;
mod site_root;
mod structured_data;
mod themes;
mod translations_new;
mod version;
