//! The templates: the built-in theme compiled into the binary, a site's overrides from
//! `templates/`, our filters, and rendering. The only module that knows Tera's API, so a Tera
//! upgrade touches this file alone.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use walkdir::WalkDir;

use crate::error::{Error, Result};

use crate::layout::TEMPLATES_DIR;

mod filters;
use filters::register_filters;
pub use filters::DateStyle;

/// One listing card, rendered once per article and reused by every listing that shows it.
pub const CARD_TEMPLATE: &str = "card.html";
/// The theme stylesheet's name in `templates/`; published with a content hash in its name.
pub const STYLESHEET: &str = "stakes.css";

/// The built-in theme: (file name, contents). A site's `templates/<name>` replaces one entry.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "partials.html",
        include_str!("../../templates/partials.html"),
    ),
    ("card.html", include_str!("../../templates/card.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("section.html", include_str!("../../templates/section.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("author.html", include_str!("../../templates/author.html")),
    ("authors.html", include_str!("../../templates/authors.html")),
    ("404.html", include_str!("../../templates/404.html")),
    (
        "feed_entry.html",
        include_str!("../../templates/feed_entry.html"),
    ),
    ("atom.xml", include_str!("../../templates/atom.xml")),
    ("sitemap.xml", include_str!("../../templates/sitemap.xml")),
    (
        "sitemap_index.xml",
        include_str!("../../templates/sitemap_index.xml"),
    ),
    (
        "news_sitemap.xml",
        include_str!("../../templates/news_sitemap.xml"),
    ),
    ("robots.txt", include_str!("../../templates/robots.txt")),
    ("search.html", include_str!("../../templates/search.html")),
];

/// The built-in stylesheet.
pub const BUILT_IN_STYLESHEET: &str = include_str!("../../templates/stakes.css");

/// The search page's client (issue #20): a dependency-free ES module that reads the index
/// `stakes-search` writes (its FORMAT.md). Not overridable: it must match the index format.
pub const SEARCH_SCRIPT: &str = include_str!("../../templates/search.js");

/// The search client's published path, with a content hash in its name.
pub fn search_script_path() -> String {
    format!(
        "{}/search.{:08x}.js",
        crate::search::SEARCH_DIR,
        fnv1a(SEARCH_SCRIPT.as_bytes()) as u32
    )
}

/// A value prepared once for many renders (an article summary shown on several listing pages):
/// cloning it is cheap.
#[derive(Clone, Debug)]
pub struct Prepared(tera::Value);

impl Prepared {
    /// Converts any serialisable value.
    pub fn new<T: Serialize + ?Sized>(value: &T) -> Prepared {
        Prepared(tera::Value::from_serializable(value))
    }

    /// HTML we rendered, marked safe (see [`serialize_html`]).
    pub fn html(html: &str) -> Prepared {
        Prepared(tera::Value::safe_string(html))
    }

    /// This map with one more field, which is not converted again.
    pub fn with_field(self, key: &'static str, field: Prepared) -> Prepared {
        self.with_fields([(key, field)])
    }

    /// This map with more fields, which are not converted again.
    pub fn with_fields(
        self,
        fields: impl IntoIterator<Item = (&'static str, Prepared)>,
    ) -> Prepared {
        let mut map = self.0.into_map().unwrap_or_default();
        for (key, field) in fields {
            map.insert(key.into(), field.0);
        }
        Prepared(tera::Value::from(map))
    }

    /// A list of prepared values.
    pub fn list(items: impl IntoIterator<Item = Prepared>) -> Prepared {
        Prepared(tera::Value::from(
            items.into_iter().map(|p| p.0).collect::<Vec<_>>(),
        ))
    }
}

/// The variables of one render.
#[derive(Default)]
pub struct PageContext(tera::Context);

impl PageContext {
    /// An empty context.
    pub fn new() -> Self {
        PageContext(tera::Context::new())
    }

    /// Adds a serialisable value.
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.0.insert(key, value);
    }

    /// Adds a prepared value without converting it again.
    pub fn insert_prepared(&mut self, key: &'static str, value: &Prepared) {
        self.0.insert_value(key, value.0.clone());
    }
}

/// The compiled theme.
pub struct Theme {
    tera: tera::Tera,
    overridden: Vec<String>,
    /// Whether a listing template uses `card_html`: only then are cards rendered ahead.
    renders_cards: bool,
    /// Whether `article.html` shows related explainers (issue #19): only then are they gathered.
    shows_related: bool,
    /// The stylesheet's contents.
    pub stylesheet: String,
    /// Its published file name, with a content hash (`stakes.1a2b3c4d.css`).
    pub stylesheet_name: String,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("overridden", &self.overridden)
            .finish()
    }
}

impl Theme {
    /// Compiles the built-in theme with the site's overrides from `root/templates/`.
    pub fn load(root: &Path, dates: DateStyle) -> Result<Theme> {
        let mut files: Vec<(String, String)> = BUILT_IN
            .iter()
            .map(|(n, c)| (n.to_string(), c.to_string()))
            .collect();
        let mut overridden = Vec::new();
        let mut stylesheet = BUILT_IN_STYLESHEET.to_string();
        let dir = root.join(TEMPLATES_DIR);
        if dir.is_dir() {
            for entry in WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.map_err(|e| Error::Template {
                    template: TEMPLATES_DIR.to_string(),
                    message: e.to_string(),
                    page: None,
                    pages: 1,
                })?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let name = crate::content::slash_path(
                    entry.path().strip_prefix(&dir).expect("walked below dir"),
                );
                if name.starts_with('.') {
                    continue;
                }
                let text = std::fs::read_to_string(entry.path())
                    .map_err(|e| Error::io(entry.path(), e))?;
                if name == STYLESHEET {
                    stylesheet = text;
                    continue;
                }
                if !(name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".txt")) {
                    continue;
                }
                match files.iter_mut().find(|(n, _)| *n == name) {
                    Some(existing) => existing.1 = text,
                    None => files.push((name.clone(), text)),
                }
                overridden.push(name);
            }
        }
        // A theme whose listings draw their cards themselves never pays for card.html.
        let renders_cards = files.iter().any(|(name, text)| {
            name != CARD_TEMPLATE && name != "article.html" && text.contains("card_html")
        });
        let shows_related = files
            .iter()
            .any(|(name, text)| name == "article.html" && text.contains("related"));
        let mut tera = tera::Tera::new();
        // Every text without placeholders as `words.<key>`, escaped once here and marked safe:
        // a variable costs a fraction of a `t()` call, and a page shows a dozen (issue #21).
        let words: tera::Map = dates
            .translations
            .plain_texts()
            .into_iter()
            .map(|(key, text)| {
                (
                    key.to_string().into(),
                    tera::Value::safe_string(&crate::html::escape_text(text)),
                )
            })
            .collect();
        tera.global_context()
            .insert_value("words", tera::Value::from(words));
        register_filters(&mut tera, dates);
        tera.add_raw_templates(files.iter().map(|(n, c)| (n.as_str(), c.as_str())))
            .map_err(|err| template_error(&overridden, &err, None))?;
        let stylesheet_name = format!("stakes.{:08x}.css", fnv1a(stylesheet.as_bytes()) as u32);
        Ok(Theme {
            tera,
            overridden,
            renders_cards,
            shows_related,
            stylesheet,
            stylesheet_name,
        })
    }

    /// Whether listing cards are rendered ahead, once per article (see `card.html`).
    pub fn renders_cards(&self) -> bool {
        self.renders_cards
    }

    /// Whether `article.html` shows related explainers, whose cards are then rendered.
    pub fn shows_related(&self) -> bool {
        self.shows_related
    }

    /// Whether `name` is the built-in template (the site does not override it).
    pub fn is_builtin(&self, name: &str) -> bool {
        !self.overridden.iter().any(|o| o == name)
    }

    /// Whether a template of that name exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    /// Renders `name`; `page` names what was being rendered (`content/world/summit.md`) for
    /// error messages, and is only formatted for one (a path is not turned into text on every
    /// page of a large build).
    pub fn render(
        &self,
        name: &str,
        context: &PageContext,
        page: &dyn std::fmt::Display,
    ) -> Result<Vec<u8>> {
        self.render_sized(name, context, page, 16 * 1024)
    }

    /// [`Theme::render`] into a buffer of `capacity` bytes: a page that outgrows its buffer is
    /// copied into a larger one, which on a large site's article pages was ~2 % of the build.
    pub fn render_sized(
        &self,
        name: &str,
        context: &PageContext,
        page: &dyn std::fmt::Display,
        capacity: usize,
    ) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(capacity);
        self.tera
            .render_to(name, &context.0, &mut out)
            .map_err(|err| template_error(&self.overridden, &err, Some(page)))?;
        Ok(out)
    }
}

fn template_error(
    overridden: &[String],
    err: &tera::Error,
    page: Option<&dyn std::fmt::Display>,
) -> Error {
    let name = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            report.filename().to_string()
        }
        tera::ErrorKind::TemplateNotFound(name) => name.clone(),
        _ => String::new(),
    };
    let template = if name.is_empty() {
        TEMPLATES_DIR.to_string()
    } else if overridden.contains(&name) {
        format!("{TEMPLATES_DIR}/{name}")
    } else {
        format!("{name} (built-in theme)")
    };
    let mut message = err.to_string().trim_end().to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    Error::Template {
        template,
        message,
        page: page.map(ToString::to_string),
        pages: 1,
    }
}

/// `errors` with each distinct template error once, at the first page (by name) it broke and
/// counting the pages: a broken `article.html` breaks every article the same way, and a
/// large archive would print it thousands of times. Other errors are kept as they are.
pub fn once_each(errors: Vec<Error>) -> Vec<Error> {
    let mut kept: Vec<Error> = Vec::with_capacity(errors.len());
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut errors = errors;
    errors.sort_by_cached_key(|e| match e {
        Error::Template { page, .. } => page.clone().unwrap_or_default(),
        _ => String::new(),
    });
    for error in errors {
        let Error::Template {
            template, message, ..
        } = &error
        else {
            kept.push(error);
            continue;
        };
        match seen.get(&(template.clone(), message.clone())) {
            Some(&at) => {
                if let Error::Template { pages, .. } = &mut kept[at] {
                    *pages += 1;
                }
            }
            None => {
                seen.insert((template.clone(), message.clone()), kept.len());
                kept.push(error);
            }
        }
    }
    kept
}

/// A small stable hash (FNV-1a) for cache-busting file names; not for security.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_compiles() {
        let dir = tempfile::tempdir().unwrap();
        let theme = Theme::load(dir.path(), DateStyle::single("%-d %B %Y")).unwrap();
        assert!(theme.has("article.html"));
        assert!(
            theme.stylesheet_name.starts_with("stakes.") && theme.stylesheet_name.ends_with(".css")
        );
    }

    #[test]
    fn cards_are_rendered_ahead_only_for_a_theme_that_uses_them() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Theme::load(dir.path(), DateStyle::single("%Y"))
            .unwrap()
            .renders_cards());
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        std::fs::write(
            dir.path().join("templates/partials.html"),
            "{% component figure(fig: map) %}{% endcomponent figure %}\
             {% component block(b: map) %}{% endcomponent block %}\
             {% component explainer_body(article: map, toc: bool = true) %}{% endcomponent explainer_body %}\
             {% component article_list(articles: array) %}{% for a in articles %}<li>{{ a.title }}</li>{% endfor %}{% endcomponent article_list %}\
             {% component pagination(p: map) %}{% endcomponent pagination %}",
        )
        .unwrap();
        assert!(!Theme::load(dir.path(), DateStyle::single("%Y"))
            .unwrap()
            .renders_cards());
    }

    /// A theme with one extra template, `probe.html`, in a folder that lives as long as the
    /// returned handle.
    fn probe_theme(text: &str, date_format: &str) -> (tempfile::TempDir, Theme) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/probe.html"), text).unwrap();
        let theme = Theme::load(dir.path(), DateStyle::single(date_format)).unwrap();
        (dir, theme)
    }

    #[test]
    fn filters_format_dates_and_number_words() {
        let (_dir, theme) = probe_theme(
            "{{ d | format_date }}|{{ d | format_date(format=\"%Y\") }}|{{ n | number_word }}|\
             {{ d | format_date }}|{{ d | format_date(format=\"%Y\") }}|{{ e | format_date }}",
            "%-d %B %Y",
        );
        let mut context = PageContext::new();
        context.insert("d", "2026-05-01T10:00:00Z");
        context.insert("e", "2026-05-02");
        context.insert("n", &7);
        // The second use of each date and format comes from the memo.
        let out = theme.render("probe.html", &context, &"test").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "1 May 2026|2026|seven|1 May 2026|2026|2 May 2026"
        );
    }

    #[test]
    fn html_we_render_is_written_as_is_and_the_rest_escaped() {
        #[derive(Serialize)]
        struct View<'a> {
            #[serde(serialize_with = "crate::html::serialize_html")]
            html: &'a str,
            #[serde(serialize_with = "crate::html::serialize_optional_html")]
            caption: Option<&'a str>,
            #[serde(serialize_with = "crate::html::serialize_optional_html")]
            none: Option<&'a str>,
            title: &'a str,
        }
        let view = View {
            html: "<p>A &amp; B</p>",
            caption: Some("<em>C</em>"),
            none: None,
            title: "<script>x</script>",
        };
        let (_dir, theme) = probe_theme(
            "{{ v.html }}|{{ v.html | safe }}|{{ v.caption }}|{{ v.none }}|{{ v.title }}",
            "%Y",
        );
        let mut context = PageContext::new();
        context.insert("v", &view);
        let out = theme.render("probe.html", &context, &"test").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<p>A &amp; B</p>|<p>A &amp; B</p>|<em>C</em>||&lt;script&gt;x&lt;/script&gt;"
        );
        // Outside templates the mark is invisible: plain strings.
        assert_eq!(
            serde_json::to_string(&view).unwrap(),
            r#"{"html":"<p>A &amp; B</p>","caption":"<em>C</em>","none":null,"title":"<script>x</script>"}"#
        );
    }

    #[test]
    fn safe_marks_strings_and_writes_out_other_values() {
        let (_dir, theme) = probe_theme(
            "{{ h | safe }}|{{ h }}|{{ long | safe | length }}|{{ n | safe }}|{{ b | safe }}|{{ l | safe }}",
            "%Y",
        );
        let mut context = PageContext::new();
        context.insert("h", "<b>A & B</b>");
        context.insert("long", &"<p>x</p>".repeat(100));
        context.insert("n", &7);
        context.insert("b", &true);
        context.insert("l", &["<i>", "j"]);
        let out = theme.render("probe.html", &context, &"test").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<b>A & B</b>|&lt;b&gt;A &amp; B&lt;/b&gt;|800|7|true|[\"<i>\", \"j\"]"
        );
    }

    #[test]
    fn one_template_error_on_many_pages_is_reported_once_with_the_count() {
        let broke = |page: &str, message: &str| Error::Template {
            template: "templates/article.html".into(),
            message: message.into(),
            page: Some(page.into()),
            pages: 1,
        };
        let errors = once_each(vec![
            broke("content/c.md", "error: x"),
            Error::content(crate::error::Location::file("content/z.md"), "other"),
            broke("content/a.md", "error: x"),
            broke("content/b.md", "error: y"),
        ]);
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "content/z.md: other",
                "templates/article.html: while rendering content/a.md (and 1 other page): error: x",
                "templates/article.html: while rendering content/b.md: error: y",
            ]
        );
    }

    #[test]
    fn a_syntax_error_in_an_override_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        std::fs::write(
            dir.path().join("templates/page.html"),
            "line one\n{% if %}\n",
        )
        .unwrap();
        let err = Theme::load(dir.path(), DateStyle::single("%Y"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("templates/page.html: "), "{err}");
        assert!(err.contains(":2:"), "{err}");
    }
}
