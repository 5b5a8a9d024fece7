//! Scheduled publishing (issue #18): when an article goes live (`publish_at`, else `date`),
//! the line a build prints for one it leaves out, and the files of its folder kept back with
//! it. The load decides with these from front matter alone, so a scheduled article's body is
//! never read and its photos never processed.

use super::front_matter::FrontMatter;
use super::links::{Gone, GoneKind};
use super::{LoadOptions, Scheduled, SourceFile, Timing};
use crate::date;

/// When an article goes live: `publish_at`, else `date`; `None` when that does not parse (its
/// build then says why).
pub(super) fn release(front: &FrontMatter, zone: &jiff::tz::TimeZone) -> Option<jiff::Timestamp> {
    date::instant(front.publish_at.as_deref().unwrap_or(&front.date), zone)
}

/// When an article expires (`expires:`), if it says and that parses.
pub(super) fn expiry(front: &FrontMatter, zone: &jiff::tz::TimeZone) -> Option<jiff::Timestamp> {
    date::instant(front.expires.as_deref()?, zone)
}

/// Where an article stands at `now`: `None` when a build leaves it out (scheduled without
/// `--future`, or expired with `expired: remove`), with the moment that decided it.
pub(super) fn timing(
    release: Option<jiff::Timestamp>,
    expires: Option<jiff::Timestamp>,
    now: jiff::Timestamp,
    options: &LoadOptions,
    remove_expired: bool,
) -> Result<Timing, Left> {
    if let Some(at) = release.filter(|at| *at > now) {
        return if options.include_future {
            Ok(Timing::Scheduled)
        } else {
            Err(Left::Scheduled(at))
        };
    }
    match expires.filter(|at| *at <= now) {
        Some(at) if remove_expired => Err(Left::Removed(at)),
        Some(_) => Ok(Timing::Archived),
        None => Ok(Timing::Live),
    }
}

/// Why a build leaves an article out, and the moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Left {
    /// It publishes then.
    Scheduled(jiff::Timestamp),
    /// It expired then, and expired articles are removed.
    Removed(jiff::Timestamp),
}

/// The line a scheduled article gets in the build summary.
pub(super) fn entry(
    file: &SourceFile,
    at: jiff::Timestamp,
    zone: &jiff::tz::TimeZone,
) -> Scheduled {
    Scheduled {
        source: file.shown.clone(),
        at,
        shown: date::moment_in(at, zone),
    }
}

/// What links must know of the articles left out of a build, and of those that will be
/// removed at their expiry (`Expiring`, for the warning ahead of it): content path → why
/// and when (the trial of #18).
pub(super) fn gone_articles<'d>(
    scheduled: &[Scheduled],
    removed: &[Scheduled],
    expiring: impl Iterator<Item = (&'d str, jiff::Timestamp)>,
    zone: &jiff::tz::TimeZone,
) -> rustc_hash::FxHashMap<String, Gone> {
    let left_out = |list: &[Scheduled], kind: GoneKind| {
        list.iter()
            .map(move |s| {
                (
                    content_path_of(s),
                    Gone {
                        kind,
                        at: s.shown.clone(),
                    },
                )
            })
            .collect::<Vec<_>>()
    };
    let mut gone: rustc_hash::FxHashMap<String, Gone> = expiring
        .map(|(path, at)| {
            let at = date::moment_in(at, zone);
            let kind = GoneKind::Expiring;
            (path.to_string(), Gone { kind, at })
        })
        .collect();
    gone.extend(left_out(scheduled, GoneKind::Scheduled));
    gone.extend(left_out(removed, GoneKind::Removed));
    gone
}

/// The content path (`world/summit.md`) of an article left out.
fn content_path_of(entry: &Scheduled) -> String {
    let path = super::slash_path(&entry.source);
    match path.strip_prefix("content/") {
        Some(inside) => inside.to_string(),
        None => path,
    }
}

/// What a preview server's links know of an article left out of its build.
pub(super) fn gone_from(content: &super::Content, content_path: &str) -> Option<Gone> {
    let find = |list: &[Scheduled], kind: GoneKind| {
        list.iter()
            .find(|s| content_path_of(s) == content_path)
            .map(|s| Gone {
                kind,
                at: s.shown.clone(),
            })
    };
    find(&content.scheduled, GoneKind::Scheduled)
        .or_else(|| find(&content.removed, GoneKind::Removed))
}

/// Leaves out the files in the folder of a scheduled article written as a bundle
/// (`world/summit/index.md` and its photos): an embargoed photo must not be published at its
/// address before the article (issue #18). Files beside a flat `world/summit.md` are shared
/// by the folder's articles and stay published.
pub(super) fn withhold_bundle_files(assets: &mut Vec<SourceFile>, scheduled: &[Scheduled]) {
    let folders: Vec<String> = scheduled
        .iter()
        .filter_map(|s| {
            let path = super::slash_path(&s.source);
            bundle_folder(path.strip_prefix("content/").unwrap_or(&path))
        })
        .collect();
    withhold_folders(assets, &folders);
}

/// The folder of a page bundle (`world/summit/` for `world/summit/index.md`, or for a
/// translation found under that name), or `None` for an article that is a file of its own.
pub(super) fn bundle_folder(content_path: &str) -> Option<String> {
    let folder = content_path.strip_suffix("index.md")?;
    (!folder.is_empty() && folder.ends_with('/')).then(|| folder.to_string())
}

/// Leaves out of the files to publish every file under `folders` (each ending in `/`): the
/// bundles of articles not published, a draft's or a scheduled one's (issue #18), whose
/// photos must not go out before the article does.
pub(super) fn withhold_folders(assets: &mut Vec<SourceFile>, folders: &[String]) {
    if !folders.is_empty() {
        assets.retain(|a| {
            !folders
                .iter()
                .any(|f| a.content_path.starts_with(f.as_str()))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn timing_at_the_build_moment() {
        let at = |t: &str| t.parse::<jiff::Timestamp>().unwrap();
        let now = at("2026-12-08T05:00:00Z");
        let build = LoadOptions::default();
        let future = LoadOptions {
            include_future: true,
            ..LoadOptions::default()
        };
        let (later, earlier) = (
            Some(at("2026-12-08T06:00:00Z")),
            Some(at("2026-12-01T00:00:00Z")),
        );
        assert_eq!(timing(earlier, None, now, &build, false), Ok(Timing::Live));
        assert_eq!(
            timing(Some(now), None, now, &build, false),
            Ok(Timing::Live)
        );
        assert_eq!(
            timing(later, None, now, &build, false),
            Err(Left::Scheduled(later.unwrap()))
        );
        assert_eq!(
            timing(later, None, now, &future, false),
            Ok(Timing::Scheduled)
        );
        assert_eq!(
            timing(earlier, Some(now), now, &build, false),
            Ok(Timing::Archived)
        );
        assert_eq!(
            timing(earlier, Some(now), now, &build, true),
            Err(Left::Removed(now))
        );
        assert_eq!(timing(earlier, later, now, &build, true), Ok(Timing::Live));
    }

    #[test]
    fn a_scheduled_bundle_keeps_its_files_back_and_a_flat_article_does_not() {
        let scheduled = |source: &str| Scheduled {
            source: PathBuf::from(source),
            at: jiff::Timestamp::UNIX_EPOCH,
            shown: String::new(),
        };
        let mut assets = vec![
            SourceFile::at("world/summit/photo.jpg"),
            SourceFile::at("world/summit/data/x.csv"),
            SourceFile::at("world/summit-2/photo.jpg"),
            SourceFile::at("world/photo.jpg"),
        ];
        withhold_bundle_files(
            &mut assets,
            &[
                scheduled("content/world/summit/index.md"),
                scheduled("content/world/flat.md"),
            ],
        );
        let left: Vec<&str> = assets.iter().map(|a| a.content_path.as_str()).collect();
        assert_eq!(left, vec!["world/summit-2/photo.jpg", "world/photo.jpg"]);
    }
}
