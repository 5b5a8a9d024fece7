//! The site's layout: the names of the folders and files a site is made of (`site.yaml`,
//! `content/`, `templates/`, `static/`, `_index.md`) and the default names of the folders a
//! build makes (`public/`, `.stakes-cache/`). Names only, so every module can use them without
//! depending on the module that reads the folder: this file must not touch the disk or know
//! what is inside the files it names.

/// The settings file at the site root.
pub const CONFIG_FILE: &str = "site.yaml";
/// Folder of articles, relative to the site root.
pub const CONTENT_DIR: &str = "content";
/// Folder of a site's template overrides.
pub const TEMPLATES_DIR: &str = "templates";
/// Folder copied verbatim to the output root.
pub const STATIC_DIR: &str = "static";
/// The folders that hold the writer's sources: never written into, and watched by `serve`.
pub const SOURCE_DIRS: [&str; 3] = [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR];
/// A section's optional settings file, inside a folder of `content/`.
pub const SECTION_INDEX: &str = "_index.md";
/// Where a build writes the site when no `--output` is given, relative to the site root.
pub const DEFAULT_OUTPUT_DIR: &str = "public";
/// Where resized photos are kept between builds when `images.cache` is not set.
pub const DEFAULT_CACHE_DIR: &str = ".stakes-cache";
/// The authors' roles, bios and photos, at the site root (issue #19).
pub const AUTHORS_FILE: &str = "authors.yaml";
