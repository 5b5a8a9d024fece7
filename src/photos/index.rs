//! What earlier builds learnt about photos that have not changed since
//! (`<cache>/images/index.json`): the content hash of each photo we resize (its cache key), and
//! whether each photo we link as it is was found whole. An entry holds while the file's size and
//! modification time are unchanged, so a warm build asks the system for those two numbers
//! instead of reading every photo. It must not decide what a verdict means for a page, nor
//! touch the cache's photo entries (`cache`).

use std::path::Path;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use super::integrity::{self, Sniffed};
use super::Photos;

/// Bumped when what the index records, or how a verdict is reached, changes: an index of
/// another version reads as empty (the only cost is reading the photos once more). 2: the
/// completeness check of issue #16.
const INDEX_VERSION: u32 = 2;

/// The index's file, in the cache folder.
const INDEX_FILE: &str = "images/index.json";

/// A file's size and modification time. (Never `#[serde(flatten)]`ed: serde's flattening
/// cannot read a `u128` back.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stamp {
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

/// A photo's content hash.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Fingerprint {
    stamp: Stamp,
    hash: u64,
}

/// A linked photo found whole, and what its contents are. Photos found broken are never
/// recorded, so they are checked (and reported) again on every build.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Verdict {
    stamp: Stamp,
    kind: Option<Sniffed>,
}

/// The index as stored.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    #[serde(default)]
    version: u32,
    #[serde(default)]
    hashes: HashMap<String, Fingerprint>,
    #[serde(default)]
    linked: HashMap<String, Verdict>,
}

/// One table of the index, keyed by the photo's path from the site root: what the last build
/// knew, and what this build used or learnt. A table this build used is saved as this build
/// left it, so photos removed from the site do not pile up; one it did not use at all (hashes
/// in a `--no-image-processing` build) is kept as it was.
#[derive(Debug)]
pub(super) struct Table<V> {
    earlier: HashMap<String, V>,
    now: HashMap<String, V>,
    learnt: bool,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table::new(HashMap::default())
    }
}

impl<V> Table<V> {
    fn new(earlier: HashMap<String, V>) -> Table<V> {
        Table {
            earlier,
            now: HashMap::default(),
            learnt: false,
        }
    }
}

impl<V: Clone> Table<V> {
    /// The entry for `key` if it still holds for a file stamped `stamp`.
    fn recall(&mut self, key: &str, stamp: Stamp, stamp_of: impl Fn(&V) -> Stamp) -> Option<V> {
        let known = self
            .now
            .get(key)
            .or_else(|| self.earlier.get(key))
            .filter(|v| stamp_of(v) == stamp)?
            .clone();
        self.now.insert(key.to_string(), known.clone());
        Some(known)
    }

    fn learn(&mut self, key: &str, value: V) {
        self.now.insert(key.to_string(), value);
        self.learnt = true;
    }

    /// What to save: this build's table if it used the table, else the last build's.
    fn to_save(&self) -> &HashMap<String, V> {
        if self.now.is_empty() {
            &self.earlier
        } else {
            &self.now
        }
    }

    fn changed(&self) -> bool {
        self.learnt || (!self.now.is_empty() && self.now.len() != self.earlier.len())
    }
}

/// What earlier builds learnt, and what this one adds.
#[derive(Debug, Default)]
pub(super) struct Index {
    hashes: Table<Fingerprint>,
    linked: Table<Verdict>,
}

impl Index {
    /// The index saved by the last build in `cache_dir`, or an empty one.
    pub(super) fn load(cache_dir: &Path) -> Index {
        let stored = std::fs::read(cache_dir.join(INDEX_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .filter(|stored| stored.version == INDEX_VERSION)
            .unwrap_or_default();
        Index {
            hashes: Table::new(stored.hashes),
            linked: Table::new(stored.linked),
        }
    }

    /// Writes the index into `cache_dir` when it changed (atomically: a build killed while
    /// writing leaves the last one).
    fn save(&mut self, cache_dir: &Path) -> std::io::Result<()> {
        if !self.hashes.changed() && !self.linked.changed() {
            return Ok(());
        }
        #[derive(Serialize)]
        struct Saved<'a> {
            version: u32,
            hashes: &'a HashMap<String, Fingerprint>,
            linked: &'a HashMap<String, Verdict>,
        }
        let json = serde_json::to_vec(&Saved {
            version: INDEX_VERSION,
            hashes: self.hashes.to_save(),
            linked: self.linked.to_save(),
        })
        .map_err(std::io::Error::other)?;
        let file = cache_dir.join(INDEX_FILE);
        std::fs::create_dir_all(file.parent().expect("the index is in a folder"))?;
        let temporary = file.with_extension("json.new");
        std::fs::write(&temporary, json)?;
        std::fs::rename(temporary, &file)?;
        *self = Index {
            hashes: Table::new(self.hashes.to_save().clone()),
            linked: Table::new(self.linked.to_save().clone()),
        };
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
    /// this build learnt nothing new and used what it found.
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
        let stamp = stamp_of(file)?;
        let key = self.index_key(file);
        if let (Some(stamp), Some(key)) = (stamp, key) {
            let mut index = self.index.lock().expect("index lock");
            if let Some(known) = index.hashes.recall(key, stamp, |f| f.stamp) {
                return Ok(known.hash);
            }
        }
        let bytes = std::fs::read(file).map_err(|e| format!("cannot be read: {e}"))?;
        let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
        if let (Some(stamp), Some(key)) = (stamp, key) {
            let fingerprint = Fingerprint { stamp, hash };
            self.index
                .lock()
                .expect("index lock")
                .hashes
                .learn(key, fingerprint);
        }
        Ok(hash)
    }

    /// Whether a photo linked as it is is whole ([`integrity::check_file`]), and what its
    /// contents are, from the index when the file is unchanged.
    pub(super) fn linked_verdict(&self, file: &Path) -> Result<Option<Sniffed>, String> {
        let stamp = stamp_of(file)?;
        let key = self.index_key(file);
        if let (Some(stamp), Some(key)) = (stamp, key) {
            let mut index = self.index.lock().expect("index lock");
            if let Some(known) = index.linked.recall(key, stamp, |v| v.stamp) {
                return Ok(known.kind);
            }
        }
        let kind = integrity::check_file(file)?;
        if let (Some(stamp), Some(key)) = (stamp, key) {
            let verdict = Verdict { stamp, kind };
            self.index
                .lock()
                .expect("index lock")
                .linked
                .learn(key, verdict);
        }
        Ok(kind)
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
            let fingerprint = Fingerprint {
                stamp: STAMP,
                hash: 7,
            };
            index.hashes.learn(key, fingerprint);
        }
        for key in linked {
            let verdict = Verdict {
                stamp: STAMP,
                kind: Some(Sniffed::Png),
            };
            index.linked.learn(key, verdict);
        }
        index
    }

    #[test]
    fn the_index_reads_back_what_it_wrote() {
        let folder = tempfile::tempdir().unwrap();
        index_with(&["content/a.jpg"], &["content/b.jpg"])
            .save(folder.path())
            .unwrap();
        let mut read = Index::load(folder.path());
        let hash = read.hashes.recall("content/a.jpg", STAMP, |f| f.stamp);
        assert_eq!(hash.map(|f| f.hash), Some(7));
        let verdict = read.linked.recall("content/b.jpg", STAMP, |v| v.stamp);
        assert_eq!(verdict.map(|v| v.kind), Some(Some(Sniffed::Png)));
        let moved = Stamp {
            modified: STAMP.modified + 1,
            ..STAMP
        };
        assert!(read
            .linked
            .recall("content/b.jpg", moved, |v| v.stamp)
            .is_none());
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
        assert!(index
            .linked
            .recall("content/still.jpg", STAMP, |v| v.stamp)
            .is_some());
        index.save(folder.path()).unwrap();
        let mut read = Index::load(folder.path());
        assert!(read
            .linked
            .recall("content/old.jpg", STAMP, |v| v.stamp)
            .is_none());
        assert!(read
            .linked
            .recall("content/still.jpg", STAMP, |v| v.stamp)
            .is_some());
        assert!(read
            .hashes
            .recall("content/kept.jpg", STAMP, |f| f.stamp)
            .is_some());
    }

    #[test]
    fn an_index_of_another_version_or_layout_reads_as_empty() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join(INDEX_FILE);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        // The layout before issue #16: a bare table of fingerprints.
        std::fs::write(
            &file,
            r#"{"content/a.jpg":{"size":1,"modified":2,"hash":3}}"#,
        )
        .unwrap();
        assert!(Index::load(folder.path()).hashes.earlier.is_empty());
        std::fs::write(&file, r#"{"version":1,"hashes":{"a":{"stamp":{"size":1,"modified":2},"hash":3}},"linked":{}}"#).unwrap();
        assert!(Index::load(folder.path()).hashes.earlier.is_empty());
    }
}
