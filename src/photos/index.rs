//! What earlier builds learnt about photos that have not changed since
//! (`<cache>/images/index.tsv`): the content hash of each photo we resize (its cache key), and
//! whether each photo we link as it is was found whole. An entry holds while the file's size and
//! modification time are unchanged, so a warm build asks the system for those two numbers
//! instead of reading every photo. It must not decide what a verdict means for a page, nor
//! touch the cache's photo entries (`cache`).
//!
//! The file is one line per photo, tab-separated (`hash`/`whole`, size, modification time in
//! nanoseconds, the hash or the format, the path from the site root), under a first line naming
//! the layout's version: read once per build with 30,000 photos and more, it costs a few
//! milliseconds where JSON cost tens.

use std::fmt::Write as _;
use std::path::Path;

use rustc_hash::FxHashMap as HashMap;

use super::integrity::{self, Sniffed};
use super::Photos;

/// The first line of the file. Bumped (with the version in it) when what the index records, or
/// how a verdict is reached, changes: a file with another first line reads as empty, and the
/// only cost is reading the photos once more.
const HEADER: &str = "stakes photo index 3";

/// The index's file, in the cache folder.
const INDEX_FILE: &str = "images/index.tsv";

/// A file's size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    size: u64,
    modified: u128,
}

impl Stamp {
    /// The stamp of a file on disk; `None` where the system keeps no modification time (then
    /// nothing about the file can be trusted from one build to the next).
    fn of(metadata: &std::fs::Metadata) -> Option<Stamp> {
        let modified = metadata
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        (modified != 0).then_some(Stamp {
            size: metadata.len(),
            modified,
        })
    }
}

/// What is known of one photo, and whether this build asked.
#[derive(Debug, Clone, Copy)]
struct Entry<V> {
    stamp: Stamp,
    value: V,
    used: bool,
}

impl<V> Entry<V> {
    /// An entry read from the last build's index, not yet asked for.
    fn earlier(stamp: Stamp, value: V) -> Entry<V> {
        Entry {
            stamp,
            value,
            used: false,
        }
    }
}

/// One table of the index, keyed by the photo's path from the site root. A table this build
/// used is saved with only the entries it used, so photos removed from the site do not pile up;
/// one it did not use at all (hashes in a `--no-image-processing` build) is kept as it was.
#[derive(Debug)]
struct Table<V> {
    entries: HashMap<String, Entry<V>>,
    used: usize,
    learnt: bool,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            entries: HashMap::default(),
            used: 0,
            learnt: false,
        }
    }
}

impl<V: Copy> Table<V> {
    /// The value for `key` if it still holds for a file stamped `stamp`.
    fn recall(&mut self, key: &str, stamp: Stamp) -> Option<V> {
        let entry = self.entries.get_mut(key).filter(|e| e.stamp == stamp)?;
        if !entry.used {
            entry.used = true;
            self.used += 1;
        }
        Some(entry.value)
    }

    fn learn(&mut self, key: &str, stamp: Stamp, value: V) {
        let entry = Entry {
            stamp,
            value,
            used: true,
        };
        if !self
            .entries
            .insert(key.to_string(), entry)
            .is_some_and(|e| e.used)
        {
            self.used += 1;
        }
        self.learnt = true;
    }

    /// The entries to save: the used ones if this build used the table, else all.
    fn to_save(&self) -> impl Iterator<Item = (&str, &Entry<V>)> {
        let all = self.used == 0;
        self.entries
            .iter()
            .filter(move |(_, e)| all || e.used)
            .map(|(k, e)| (k.as_str(), e))
    }

    fn changed(&self) -> bool {
        self.learnt || (self.used != 0 && self.used != self.entries.len())
    }

    /// Starts the next build's bookkeeping from what was saved.
    fn saved(&mut self) {
        if self.used != 0 {
            self.entries.retain(|_, e| e.used);
        }
        self.entries.values_mut().for_each(|e| e.used = false);
        self.used = 0;
        self.learnt = false;
    }
}

/// What earlier builds learnt, and what this one adds.
#[derive(Debug, Default)]
pub(super) struct Index {
    hashes: Table<u64>,
    linked: Table<Option<Sniffed>>,
}

impl Index {
    /// The index saved by the last build in `cache_dir`, or an empty one. Lines it cannot read
    /// are left out (those photos are read again).
    pub(super) fn load(cache_dir: &Path) -> Index {
        let mut index = Index::default();
        let Ok(text) = std::fs::read_to_string(cache_dir.join(INDEX_FILE)) else {
            return index;
        };
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return index;
        }
        for line in lines {
            index.read_line(line);
        }
        index
    }

    fn read_line(&mut self, line: &str) -> Option<()> {
        let mut fields = line.splitn(5, '\t');
        let (table, size, modified, value, key) = (
            fields.next()?,
            fields.next()?,
            fields.next()?,
            fields.next()?,
            fields.next()?,
        );
        let stamp = Stamp {
            size: size.parse().ok()?,
            modified: modified.parse().ok()?,
        };
        match table {
            "hash" => {
                let hash = u64::from_str_radix(value, 16).ok()?;
                self.hashes
                    .entries
                    .insert(key.to_string(), Entry::earlier(stamp, hash));
            }
            "whole" => {
                let kind = Sniffed::from_name(value)?;
                self.linked
                    .entries
                    .insert(key.to_string(), Entry::earlier(stamp, kind));
            }
            _ => return None,
        }
        Some(())
    }

    /// Writes the index into `cache_dir` when it changed (atomically: a build killed while
    /// writing leaves the last one).
    fn save(&mut self, cache_dir: &Path) -> std::io::Result<()> {
        if !self.hashes.changed() && !self.linked.changed() {
            return Ok(());
        }
        let mut text = String::with_capacity(64 * (self.hashes.used + self.linked.used + 1));
        text.push_str(HEADER);
        text.push('\n');
        // A path with a tab or a line feed cannot be written on a line: it is read every build.
        let writable = |key: &str| !key.contains(['\t', '\n', '\r']);
        for (key, e) in self.hashes.to_save().filter(|(key, _)| writable(key)) {
            let (size, modified) = (e.stamp.size, e.stamp.modified);
            let _ = writeln!(text, "hash\t{size}\t{modified}\t{:016x}\t{key}", e.value);
        }
        for (key, e) in self.linked.to_save().filter(|(key, _)| writable(key)) {
            let (size, modified) = (e.stamp.size, e.stamp.modified);
            let kind = Sniffed::name_of(e.value);
            let _ = writeln!(text, "whole\t{size}\t{modified}\t{kind}\t{key}");
        }
        let file = cache_dir.join(INDEX_FILE);
        std::fs::create_dir_all(file.parent().expect("the index is in a folder"))?;
        let temporary = file.with_extension("tsv.new");
        std::fs::write(&temporary, text)?;
        std::fs::rename(temporary, &file)?;
        self.hashes.saved();
        self.linked.saved();
        Ok(())
    }
}

/// A file's stamp, or why it cannot be read.
fn stamp_of(file: &Path) -> Result<Option<Stamp>, String> {
    let metadata = std::fs::metadata(file).map_err(|e| format!("cannot be read: {e}"))?;
    Ok(Stamp::of(&metadata))
}

impl Photos {
    /// Saves the index so the next build can skip reading unchanged photos; writes nothing when
    /// this build learnt nothing new and used all it found.
    pub fn save_index(&self) -> std::io::Result<()> {
        let mut index = self.index.lock().expect("index lock");
        index.save(&self.settings.cache_dir)
    }

    /// How the index names a source: its path from the site root (`None` for a name that is
    /// not Unicode, which is then read on every build).
    fn index_key<'f>(&self, file: &'f Path) -> Option<&'f str> {
        file.strip_prefix(&self.settings.root)
            .unwrap_or(file)
            .to_str()
    }

    /// The source's content hash, from the index when the file is unchanged.
    pub(super) fn source_hash(&self, file: &Path) -> Result<u64, String> {
        self.remembered(
            file,
            |index| &mut index.hashes,
            || {
                let bytes = std::fs::read(file).map_err(|e| format!("cannot be read: {e}"))?;
                Ok(xxhash_rust::xxh3::xxh3_64(&bytes))
            },
        )
    }

    /// Whether a photo linked as it is is whole ([`integrity::check_file`]), and what its
    /// contents are, from the index when the file is unchanged.
    pub(super) fn linked_verdict(&self, file: &Path) -> Result<Option<Sniffed>, String> {
        self.remembered(
            file,
            |index| &mut index.linked,
            || integrity::check_file(file),
        )
    }

    /// What `table` of the index holds for `file` while it is unchanged, else `learn`'s
    /// answer, recorded for the next build (a failure is never recorded).
    fn remembered<V: Copy>(
        &self,
        file: &Path,
        table: impl Fn(&mut Index) -> &mut Table<V>,
        learn: impl FnOnce() -> Result<V, String>,
    ) -> Result<V, String> {
        let stamp = stamp_of(file)?;
        let key = self.index_key(file);
        if let (Some(stamp), Some(key)) = (stamp, key) {
            let mut index = self.index.lock().expect("index lock");
            if let Some(known) = table(&mut index).recall(key, stamp) {
                return Ok(known);
            }
        }
        let value = learn()?;
        if let (Some(stamp), Some(key)) = (stamp, key) {
            let mut index = self.index.lock().expect("index lock");
            table(&mut index).learn(key, stamp, value);
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STAMP: Stamp = Stamp {
        size: 1234,
        modified: 1_796_000_000_123_456_789,
    };

    fn index_with(hashes: &[&str], linked: &[&str]) -> Index {
        let mut index = Index::default();
        for key in hashes {
            index.hashes.learn(key, STAMP, 7);
        }
        for key in linked {
            index.linked.learn(key, STAMP, Some(Sniffed::Png));
        }
        index
    }

    #[test]
    fn the_index_reads_back_what_it_wrote() {
        let folder = tempfile::tempdir().unwrap();
        index_with(&["content/a.jpg"], &["content/b.jpg", "content/a b\tc.jpg"])
            .save(folder.path())
            .unwrap();
        let mut read = Index::load(folder.path());
        assert_eq!(read.hashes.recall("content/a.jpg", STAMP), Some(7));
        assert_eq!(
            read.linked.recall("content/b.jpg", STAMP),
            Some(Some(Sniffed::Png))
        );
        assert_eq!(read.linked.recall("content/a b\tc.jpg", STAMP), None);
        let moved = Stamp {
            modified: STAMP.modified + 1,
            ..STAMP
        };
        assert_eq!(read.linked.recall("content/b.jpg", moved), None);
    }

    #[test]
    fn a_used_table_keeps_only_what_this_build_used_and_an_unused_one_is_kept() {
        let folder = tempfile::tempdir().unwrap();
        index_with(
            &["content/kept.jpg"],
            &["content/old.jpg", "content/still.jpg"],
        )
        .save(folder.path())
        .unwrap();
        let mut index = Index::load(folder.path());
        assert!(index.linked.recall("content/still.jpg", STAMP).is_some());
        index.save(folder.path()).unwrap();
        let mut read = Index::load(folder.path());
        assert_eq!(read.linked.recall("content/old.jpg", STAMP), None);
        assert!(read.linked.recall("content/still.jpg", STAMP).is_some());
        assert_eq!(read.hashes.recall("content/kept.jpg", STAMP), Some(7));
    }

    #[test]
    fn an_index_of_another_version_or_a_damaged_line_reads_as_missing() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join(INDEX_FILE);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "stakes photo index 2\nhash\t1\t2\t3\ta.jpg\n").unwrap();
        assert_eq!(
            Index::load(folder.path()).hashes.recall(
                "a.jpg",
                Stamp {
                    size: 1,
                    modified: 2
                }
            ),
            None
        );
        let text = format!("{HEADER}\nhash\t1\t2\tzz\ta.jpg\nwhole\t1\t2\tjpeg\tb.jpg\nwhole\t1\n");
        std::fs::write(&file, text).unwrap();
        let mut read = Index::load(folder.path());
        let stamp = Stamp {
            size: 1,
            modified: 2,
        };
        assert_eq!(read.hashes.recall("a.jpg", stamp), None);
        assert_eq!(
            read.linked.recall("b.jpg", stamp),
            Some(Some(Sniffed::Jpeg))
        );
    }
}
