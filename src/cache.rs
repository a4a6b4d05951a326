//! Incremental builds: what a build may take over from the one before.
//!
//! 1. [`Keys::of`] gives every file a build renders a *key*: a hash of everything its bytes
//!    depend on. A content page's key covers the tool, the build date, the configuration, the
//!    theme, the shared files, its municipality's data, lexicon and files, what the page itself
//!    is, and what it sees of every other page of its town (`SeenFromOtherPages`: titles,
//!    summaries, heading ids… for links, listings and navigation). A generated file (listings,
//!    404, events, sitemap, exports) has its town's key, which is all of that but the pages'
//!    bodies. The search index, which shows every page's body, has a key over all its town's
//!    pages.
//! 2. The render stage asks [`Previous`] for each file: when the previous build wrote that path
//!    with the same key, and its bytes there are still the bytes it wrote (checked against their
//!    hash), they are taken over instead of rendered.
//! 3. The dictionary's analyses of texts (furigana) are kept too ([`AnalysisCache`]): a page that
//!    changed needs the dictionary only for the paragraphs that changed, and a change of template
//!    needs it not at all.
//!
//! Both live beside the output folder (`.site.tsunagi-cache/`, never uploaded) and are written
//! only after the new site is in place. A cache from another tsunagi (version or executable)
//! is ignored. Nothing here is needed for correct output: `--no-cache` builds without it, and
//! the tests check that both give the same bytes.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::hash::Hasher as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};

use crate::analyze::{AnalyzedSite, Page, SeenFromOtherPages, Town};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::furigana::{AnalysisCache, Word};

/// A hash of everything a file's bytes depend on, or of the bytes themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(u128);

impl Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{:032x}", self.0))
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Key, D::Error> {
        let text = String::deserialize(d)?;
        u128::from_str_radix(&text, 16)
            .map(Key)
            .map_err(serde::de::Error::custom)
    }
}

/// Builds a [`Key`]: every part is written with its length, so that parts cannot run into each
/// other. SipHash-1-3 with 128 bits: stable from one run (and version of the crate) to the next,
/// which `std`'s hasher does not promise.
struct Fingerprint(SipHasher13);

impl Fingerprint {
    fn new() -> Self {
        Fingerprint(SipHasher13::new())
    }

    fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.write_usize(bytes.len());
        self.0.write(bytes);
        self
    }

    fn str(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    fn key(&mut self, key: Key) -> &mut Self {
        self.0.write_u128(key.0);
        self
    }

    /// Everything `value` shows with `{:?}`: every field, whatever reads it. The text goes
    /// straight into the hash, never into a string.
    fn debug(&mut self, value: &impl std::fmt::Debug) -> &mut Self {
        let _ = write!(self, "{value:?}");
        self.0.write_u8(0xff);
        self
    }

    fn finish(&self) -> Key {
        Key(self.0.finish128().as_u128())
    }
}

impl std::fmt::Write for Fingerprint {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

impl Key {
    /// The hash of `bytes`.
    pub fn of_bytes(bytes: &[u8]) -> Key {
        Fingerprint::new().bytes(bytes).finish()
    }
}

/// This tsunagi: its version and its executable (size and time), so that a cache is never
/// used by another build of the tool, whose output may differ.
pub fn tool() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok());
    let stamp = exe.map(|m| {
        let time = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        format!("{} {time}", m.len())
    });
    format!(
        "tsunagi {} {}",
        env!("CARGO_PKG_VERSION"),
        stamp.unwrap_or_default()
    )
}

/// The keys of a build's files.
#[derive(Debug)]
pub struct Keys {
    /// Municipality slug → the key of its generated files.
    towns: HashMap<String, Key>,
    /// Shared page key → what the page itself is.
    shared: HashMap<String, Key>,
    /// The key of the list of municipalities.
    portal: Key,
}

impl Keys {
    /// The keys of everything `site` renders on `today`.
    pub fn of(site: &AnalyzedSite, today: Date) -> Keys {
        let shared: HashMap<String, Key> = site
            .shared
            .par_iter()
            .map(|(key, page)| (key.clone(), page_itself(page)))
            .collect();
        let mut f = Fingerprint::new();
        f.str(&tool())
            .debug(&today)
            .debug(&site.config)
            .debug(&site.questionnaires)
            .debug(&site.help_lines)
            .debug(&site.words);
        for (name, template) in &site.theme.templates {
            f.str(name).debug(template);
        }
        for (path, bytes) in &site.theme.static_files {
            f.str(path).bytes(bytes);
        }
        for (code, labels) in &site.theme.labels {
            f.str(code).debug(labels.entries());
        }
        for asset in &site.assets {
            f.str(&asset.key).debug(&asset.path).bytes(&asset.bytes);
        }
        for page in site.shared.values() {
            seen(&mut f, page);
        }
        let global = f.finish();
        let towns: HashMap<String, Key> = site
            .towns
            .par_iter()
            .map(|town| (town.municipality.slug.clone(), town_key(global, town)))
            .collect();
        let mut f = Fingerprint::new();
        f.key(global);
        for town in &site.towns {
            f.key(towns[&town.municipality.slug]);
        }
        let portal = f.finish();
        Keys {
            towns,
            shared,
            portal,
        }
    }

    /// The key of the list of municipalities (it shows something of each).
    pub fn portal(&self) -> Key {
        self.portal
    }

    /// The key of the files `town` generates (listings, 404, events, sitemap, exports).
    pub fn town(&self, town: &Town) -> Key {
        self.towns
            .get(&town.municipality.slug)
            .copied()
            .unwrap_or(Key(0))
    }

    /// The key of `page` in `town`.
    pub fn page(&self, town: &Town, page: &Page) -> Key {
        let own = match self.shared.get(&page.key) {
            Some(key) if !town.local.contains_key(&page.key) => *key,
            _ => page_itself(page),
        };
        Fingerprint::new().key(self.town(town)).key(own).finish()
    }

    /// The key of `town`'s search index, which shows the body of every one of its `pages`.
    pub fn search(&self, town: &Town, pages: &BTreeMap<&str, &Page>) -> Key {
        let mut f = Fingerprint::new();
        f.key(self.town(town));
        for (key, page) in pages {
            f.str(key).key(self.page(town, page));
        }
        f.finish()
    }
}

/// What another page sees of `page`, with where it is.
fn seen(f: &mut Fingerprint, page: &Page) {
    f.str(&page.key)
        .debug(&page.path)
        .debug(&SeenFromOtherPages::of(page));
}

/// Everything about `page` (front matter and the analysed body, which the tool made from its
/// text).
fn page_itself(page: &Page) -> Key {
    Fingerprint::new()
        .str(&page.key)
        .debug(&page.path)
        .debug(&page.front)
        .debug(&page.doc)
        .debug(&page.body_first_line)
        .finish()
}

fn town_key(global: Key, town: &Town) -> Key {
    let mut f = Fingerprint::new();
    f.key(global)
        .debug(&town.municipality)
        .debug(&town.lexicon)
        .debug(&town.withdrawn);
    for asset in &town.assets {
        f.str(&asset.key).debug(&asset.path).bytes(&asset.bytes);
    }
    for page in town.local.values() {
        seen(&mut f, page);
    }
    f.finish()
}

/// A file a build wrote: its key and the hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// What the bytes were made from.
    pub key: Key,
    /// The bytes.
    pub hash: Key,
}

impl Entry {
    /// The entry of `bytes`, made from `key`.
    pub fn new(key: Key, bytes: &[u8]) -> Entry {
        Entry {
            key,
            hash: Key::of_bytes(bytes),
        }
    }
}

/// Where the previous build's files are.
#[derive(Debug)]
enum Files {
    /// Nothing to take over.
    None,
    /// The output folder.
    Folder(PathBuf),
    /// Kept in memory (`serve`).
    Memory(Arc<BTreeMap<String, Vec<u8>>>),
}

/// The files of the previous build, by output path.
#[derive(Debug)]
pub struct Previous {
    entries: BTreeMap<String, Entry>,
    files: Files,
}

impl Previous {
    /// Nothing to take over.
    pub fn none() -> Previous {
        Previous {
            entries: BTreeMap::new(),
            files: Files::None,
        }
    }

    /// The files in memory that a build wrote with `entries`.
    pub fn in_memory(
        entries: BTreeMap<String, Entry>,
        files: Arc<BTreeMap<String, Vec<u8>>>,
    ) -> Previous {
        Previous {
            entries,
            files: Files::Memory(files),
        }
    }

    /// Whether the previous build wrote `path` with `key` (its bytes unchecked).
    pub fn has(&self, path: &str, key: Key) -> bool {
        !matches!(self.files, Files::None) && self.entries.get(path).is_some_and(|e| e.key == key)
    }

    /// Whether the previous build wrote some file under `town/` with `key`.
    pub fn has_any(&self, town: &str, key: Key) -> bool {
        let prefix = format!("{town}/");
        !matches!(self.files, Files::None)
            && self
                .entries
                .range(prefix.clone()..)
                .take_while(|(p, _)| p.starts_with(&prefix))
                .any(|(_, e)| e.key == key)
    }

    /// The bytes the previous build wrote at `path` with `key`, if they are still there as
    /// written, with their entry (checked, so not to be hashed again).
    pub fn file(&self, path: &str, key: Key) -> Option<(Vec<u8>, Entry)> {
        let entry = self.entries.get(path).filter(|e| e.key == key)?;
        let bytes = match &self.files {
            Files::None => return None,
            Files::Folder(dir) => std::fs::read(dir.join(path)).ok()?,
            Files::Memory(files) => files.get(path)?.clone(),
        };
        (Key::of_bytes(&bytes) == entry.hash).then_some((bytes, *entry))
    }

    /// Every file the previous build wrote under `town/` with `key` (the town's generated
    /// files), when all of them are still there as written; paths from the output folder.
    pub fn all_with(&self, town: &str, key: Key) -> Option<Vec<(String, Vec<u8>, Entry)>> {
        let prefix = format!("{town}/");
        let paths: Vec<&String> = self
            .entries
            .range(prefix.clone()..)
            .take_while(|(p, _)| p.starts_with(&prefix))
            .filter(|(_, e)| e.key == key)
            .map(|(p, _)| p)
            .collect();
        if paths.is_empty() {
            return None;
        }
        paths
            .into_iter()
            .map(|p| {
                let (bytes, entry) = self.file(p, key)?;
                Some((p.clone(), bytes, entry))
            })
            .collect()
    }

    /// The entries of the files under the top-level folders `towns` (carried over by a build
    /// with `--only`).
    pub fn entries_of(&self, towns: &[String]) -> BTreeMap<String, Entry> {
        self.entries
            .iter()
            .filter(|(path, _)| {
                path.split_once('/')
                    .is_some_and(|(top, _)| towns.iter().any(|t| t == top))
            })
            .map(|(p, e)| (p.clone(), *e))
            .collect()
    }
}

/// What a build takes from the one before: keys, previous files and analyses.
pub struct Reuse {
    /// Keys of this build's files.
    pub keys: Keys,
    /// The files of the previous build.
    pub previous: Previous,
    /// Dictionary analyses, those of previous builds included.
    pub analyses: Arc<AnalysisCache>,
}

/// The folder of the cache of the output folder `out_dir`: beside it, never uploaded with it.
pub fn dir_of(out_dir: &Path) -> PathBuf {
    let (parent, name) = crate::write::parent_and_name(out_dir);
    parent.join(format!(".{name}.tsunagi-cache"))
}

const MANIFEST: &str = "manifest.json";
const ANALYSES: &str = "analyses.json";

#[derive(Serialize, Deserialize)]
struct ManifestFile {
    tool: String,
    files: BTreeMap<String, Entry>,
}

#[derive(Serialize, Deserialize)]
struct AnalysesFile {
    tool: String,
    texts: Vec<(String, Vec<Word>)>,
}

/// Reads a cache file made by this tool; `None` when it is missing, unreadable or from another.
fn read_cache<T: serde::de::DeserializeOwned>(path: &Path, tool_of: fn(&T) -> &str) -> Option<T> {
    let text = std::fs::read(path).ok()?;
    let value: T = serde_json::from_slice(&text).ok()?;
    (tool_of(&value) == tool()).then_some(value)
}

/// The dictionary's analyses that the last build into `out_dir` kept (none when there are
/// none, or they were made by another tsunagi).
pub fn read_analyses(out_dir: &Path) -> AnalysisCache {
    let path = dir_of(out_dir).join(ANALYSES);
    AnalysisCache::with_entries(
        read_cache::<AnalysesFile>(&path, |a| &a.tool).map_or_else(Vec::new, |a| a.texts),
    )
}

impl Reuse {
    /// What a build of `site` on `today` into `out_dir` may take from the one before.
    pub fn open(out_dir: &Path, site: &AnalyzedSite, today: Date) -> Reuse {
        let dir = dir_of(out_dir);
        let previous = match read_cache::<ManifestFile>(&dir.join(MANIFEST), |m| &m.tool) {
            Some(m) if out_dir.is_dir() => Previous {
                entries: m.files,
                files: Files::Folder(out_dir.to_path_buf()),
            },
            _ => Previous::none(),
        };
        Reuse {
            keys: Keys::of(site, today),
            previous,
            analyses: Arc::new(read_analyses(out_dir)),
        }
    }

    /// Writes the cache of the site now in `out_dir`, whose files have `entries` (with those
    /// of the municipalities a build with `--only` carried over added by the caller).
    pub fn save(&self, out_dir: &Path, entries: BTreeMap<String, Entry>) -> Result<()> {
        let dir = dir_of(out_dir);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let manifest = ManifestFile {
            tool: tool(),
            files: entries,
        };
        write_atomically(&dir.join(MANIFEST), &manifest)?;
        let analyses_path = dir.join(ANALYSES);
        if self.analyses.added() > 0 || !analyses_path.exists() {
            let texts = self
                .analyses
                .entries()
                .into_iter()
                .map(|(text, words)| (text, words.to_vec()))
                .collect();
            let file = AnalysesFile {
                tool: tool(),
                texts,
            };
            write_atomically(&analyses_path, &file)?;
        }
        Ok(())
    }
}

/// Writes `value` as JSON to `path` through a temporary file, so that a reader never sees half
/// of it.
fn write_atomically(path: &Path, value: &impl Serialize) -> Result<()> {
    let temp = path.with_extension(format!("tmp-{}", std::process::id()));
    let bytes = serde_json::to_vec(value).map_err(|e| Error::io(path, std::io::Error::other(e)))?;
    std::fs::write(&temp, bytes).map_err(|e| Error::io(&temp, e))?;
    std::fs::rename(&temp, path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_and_tell_parts_apart() {
        let a = Fingerprint::new().str("ab").str("c").finish();
        let b = Fingerprint::new().str("a").str("bc").finish();
        assert_ne!(a, b);
        assert_eq!(a, Fingerprint::new().str("ab").str("c").finish());
        // The same on every machine and run: a cache written by one build is read by the next.
        assert_eq!(
            format!("{:032x}", Key::of_bytes(b"tsunagi").0),
            format!("{:032x}", Key::of_bytes(b"tsunagi").0)
        );
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Key>(&json).unwrap(), a);
    }

    #[test]
    fn the_cache_sits_beside_the_output_folder() {
        assert_eq!(
            dir_of(Path::new("/p/site")),
            Path::new("/p/.site.tsunagi-cache")
        );
        assert_eq!(dir_of(Path::new("out")), Path::new("./.out.tsunagi-cache"));
    }

    #[test]
    fn a_file_is_taken_over_only_with_its_key_and_its_bytes() {
        let key = Key(7);
        let files = Arc::new(BTreeMap::from([
            ("a/x.html".to_string(), b"x".to_vec()),
            ("a/y.html".to_string(), b"changed".to_vec()),
        ]));
        let entries = BTreeMap::from([
            ("a/x.html".to_string(), Entry::new(key, b"x")),
            ("a/y.html".to_string(), Entry::new(key, b"y")),
        ]);
        let previous = Previous::in_memory(entries, files);
        let bytes = |path: &str, key: Key| previous.file(path, key).map(|(b, _)| b);
        assert_eq!(bytes("a/x.html", key), Some(b"x".to_vec()));
        assert_eq!(
            previous.file("a/x.html", key).map(|(_, e)| e),
            Some(Entry::new(key, b"x"))
        );
        assert_eq!(bytes("a/x.html", Key(8)), None);
        // Bytes that are not those written (someone edited the output) are not taken over.
        assert_eq!(bytes("a/y.html", key), None);
        assert_eq!(previous.all_with("a", key), None);
        assert_eq!(bytes("b/x.html", key), None);
    }
}
