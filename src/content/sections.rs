//! Sections: one per folder under `content/` that holds articles (and each parent), with the
//! title, description and introduction of its optional `_index.md`. It must not load articles
//! or resolve links itself (the introduction goes through [`super::links`]).

use std::collections::BTreeMap;
use std::path::Path;

use super::front_matter::{self, split_error, split_front_matter, SectionFrontMatter};
use super::io::read_text;
use super::links::{ArticleResolver, LinkIndex};
use super::{parent_of, traps, Section, SourceFile};
use crate::config::SiteConfig;
use crate::error::{Error, Location, Result, Warning};
use crate::slug::slug_in;

/// The Markdown introduction of a section, waiting to be rendered.
#[derive(Debug, Clone)]
pub(super) struct SectionIntro {
    file: SourceFile,
    markdown: String,
    /// Line of the file where the Markdown starts.
    first_line: usize,
}

impl Section {
    /// Renders the `_index.md` introduction through the one checked Markdown path (links
    /// resolved, script URLs refused, sanitised when the site asks), as an article body is.
    pub(super) fn render_intro(
        &mut self,
        root: &Path,
        config: &SiteConfig,
        index: &LinkIndex<'_>,
        errors: &mut Vec<Error>,
    ) {
        let Some(intro) = self.intro.take() else {
            return;
        };
        let resolver = ArticleResolver {
            root,
            config,
            article_dir: parent_of(&intro.file.content_path),
            index,
        };
        let renderer = crate::markdown::Renderer::new(&resolver, !config.unsafe_html)
            .crediting_with(config.translations.credit_label());
        let (html, problems) = renderer.document(&intro.markdown, intro.first_line);
        errors.extend(
            problems
                .into_iter()
                .map(|p| Error::content(Location::line(&intro.file.shown, p.line), p.message)),
        );
        self.intro_html = Some(html);
    }
}

/// Sections for every folder that holds articles (and their parents) or has an `_index.md`.
pub(super) fn load_sections<'k>(
    indexes: &[SourceFile],
    article_sections: impl Iterator<Item = &'k str>,
    style: crate::slug::SlugStyle,
    errors: &mut Vec<Error>,
    warnings: &mut Vec<Warning>,
) -> Vec<Section> {
    fn add(sections: &mut BTreeMap<String, Section>, key: &str) {
        let mut prefix = String::new();
        for part in key.split('/') {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            sections.entry(prefix.clone()).or_insert_with(|| Section {
                key: prefix.clone(),
                title: title_from_slug(part),
                description: None,
                intro_html: None,
                extra: crate::yaml::Value::default(),
                intro: None,
            });
        }
    }
    let mut sections: BTreeMap<String, Section> = BTreeMap::new();
    for key in article_sections {
        add(&mut sections, key);
    }
    for index in indexes {
        let dir = parent_of(&index.content_path);
        if dir.is_empty() {
            errors.push(Error::content(Location::file(&index.shown), "`_index.md` belongs in a section folder (content/<section>/_index.md); the home page takes its title from site.yaml"));
            continue;
        }
        let key = (dir.split('/'))
            .map(|part| slug_in(part, style))
            .collect::<Vec<_>>()
            .join("/");
        add(&mut sections, &key);
        match read_section_index(index, warnings) {
            Ok((front, intro)) => {
                let section = sections.get_mut(&key).expect("added above");
                if let Some(title) = front.title {
                    section.title = title;
                }
                section.description = front.description;
                section.intro = intro;
                section.extra = front.extra;
            }
            Err(error) => errors.extend(error.into_list()),
        }
    }
    sections.into_values().collect()
}

fn read_section_index(
    file: &SourceFile,
    warnings: &mut Vec<Warning>,
) -> Result<(SectionFrontMatter, Option<SectionIntro>)> {
    let text = read_text(file)?;
    let (front, body, first_line) = match split_front_matter(&text) {
        Ok(split) => {
            let front = crate::yaml::parse(split.yaml, &file.shown, front_matter::YAML_FIRST_LINE)?;
            warnings.extend(traps::warnings(split.yaml, &file.shown));
            (front, split.body, split.body_first_line)
        }
        Err(_) if !text.starts_with("---") => (SectionFrontMatter::default(), text.as_str(), 1),
        Err(message) => return Err(split_error(&file.shown, message)),
    };
    let intro = (!body.trim().is_empty()).then(|| SectionIntro {
        file: file.clone(),
        markdown: body.to_string(),
        first_line,
    });
    Ok((front, intro))
}

fn title_from_slug(slug: &str) -> String {
    crate::i18n::english::capitalise(&slug.replace('-', " "))
}
