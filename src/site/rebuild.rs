//! `rebuild`: the build that `tsunagi serve` runs on every save, in memory. Every change reads
//! and analyses the whole project again (quick, and it finds every mistake); what is rendered
//! again is what the change affects ([`Scope`]): a change inside one municipality's folder
//! renders that municipality; a change to shared pages that no other page sees (their body, not
//! their title, front matter, first paragraph, headings or shortcodes) renders those pages in
//! every town; any other change renders everything. The rest is taken from what is served.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::analyze::{AnalyzedSite, SeenFromOtherPages};
use crate::cache;
use crate::error::{Diagnostic, Result};
use crate::files::{CONTENT_DIR, MUNICIPALITIES_DIR, municipality_of};
use crate::furigana::AnalysisCache;
use crate::render;

use super::Settings;

/// Files changed since the last build.
#[derive(Debug, Clone)]
pub struct Change {
    /// The project folder, as the watcher names it.
    pub root: PathBuf,
    /// The changed files (absolute).
    pub paths: Vec<PathBuf>,
}

impl Change {
    /// The municipality whose folder holds every changed path, when there is one.
    pub fn one_town(&self) -> Option<String> {
        let mut slugs = self
            .paths
            .iter()
            .map(|p| municipality_of(p.strip_prefix(&self.root).ok()?));
        let first = slugs.next()??;
        slugs
            .all(|s| s.as_deref() == Some(first.as_str()))
            .then_some(first)
    }

    /// Whether every changed file is a shared Markdown page (under `content/`, outside the
    /// municipalities' folders): then nothing but shared pages can differ.
    pub fn shared_pages_only(&self) -> bool {
        let content = self.root.join(CONTENT_DIR);
        let towns_dir = content.join(MUNICIPALITIES_DIR);
        self.paths.iter().all(|p| {
            p.starts_with(&content)
                && !p.starts_with(&towns_dir)
                && p.extension().is_some_and(|e| e == "md")
        })
    }
}

/// Whether a changed path is part of the project's sources (not an editor's backup or lock
/// file, not version control, not a build output).
pub fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let name = rel
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let first = rel.components().next().map_or(String::new(), |c| {
        c.as_os_str().to_string_lossy().into_owned()
    });
    !(name.ends_with('~')
        || name.starts_with(".#")
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || first.starts_with('.')
        || matches!(first.as_str(), "site" | "target" | "node_modules"))
}

/// What a rebuild makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every town asked for (all when none was).
    All,
    /// One municipality, after a change inside its folder.
    Town(String),
    /// These shared pages in every town, after changes no other page sees.
    Pages(BTreeSet<String>),
}

/// What is served: every file of the last good build, and what each was made from (for the
/// next build to take over what it can).
#[derive(Debug, Default, Clone)]
pub struct Served {
    /// Path → bytes.
    pub files: Arc<BTreeMap<String, Vec<u8>>>,
    /// Path → what it was made from.
    pub entries: BTreeMap<String, cache::Entry>,
}

impl Served {
    /// What a rebuild can take over from.
    pub fn previous(&self) -> cache::Previous {
        cache::Previous::in_memory(self.entries.clone(), Arc::clone(&self.files))
    }

    /// Puts what a rebuild of `scope` made in place: everything; one town's files (the other
    /// towns, and the list of towns, stay); or the pages rendered again.
    pub fn apply(&mut self, scope: &Scope, output: render::Output) {
        match scope {
            Scope::All => {
                self.files = Arc::new(output.files);
                self.entries = output.entries;
            }
            Scope::Town(slug) => {
                let prefix = format!("{slug}/");
                let files = Arc::make_mut(&mut self.files);
                files.retain(|k, _| !k.starts_with(&prefix));
                files.extend(output.files.into_iter().filter(|(k, _)| k.contains('/')));
                self.entries.retain(|k, _| !k.starts_with(&prefix));
                self.entries
                    .extend(output.entries.into_iter().filter(|(k, _)| k.contains('/')));
            }
            Scope::Pages(_) => {
                Arc::make_mut(&mut self.files).extend(output.files);
                self.entries.extend(output.entries);
            }
        }
    }
}

/// What one rebuild made.
#[derive(Debug)]
pub struct Rebuilt {
    /// What was rendered again.
    pub scope: Scope,
    /// The files rendered (for [`Served::apply`]).
    pub output: render::Output,
    /// The build's warnings.
    pub warnings: Vec<Diagnostic>,
}

/// Builds the sites again and again; keeps the last good analysis to tell what a change
/// affects, and the dictionary's analyses from one build to the next.
pub struct Rebuilder {
    settings: Settings,
    last: Option<AnalyzedSite>,
    analyses: Arc<AnalysisCache>,
}

impl Rebuilder {
    /// A rebuilder of `settings`, starting from the dictionary's `analyses` (those of the last
    /// `tsunagi build`, when there are some).
    pub fn new(settings: Settings, analyses: AnalysisCache) -> Self {
        Rebuilder {
            settings,
            last: None,
            analyses: Arc::new(analyses),
        }
    }

    /// load → analyze → review → render, in memory: everything when `change` is `None` (the
    /// first build, and after a failed one: a change in one town may be the fix of a shared
    /// mistake), else what the change affects. Files whose inputs did not change are taken
    /// from `previous` (what is served: [`Served::previous`]).
    pub fn rebuild(
        &mut self,
        change: Option<&Change>,
        previous: cache::Previous,
    ) -> Result<Rebuilt> {
        let settings = &self.settings;
        let project = super::load(settings)?;
        let site = super::analyze(settings, project)?;
        let warnings = super::warnings(settings, &site)?;
        let only = &settings.only;
        let town = change
            .and_then(Change::one_town)
            .filter(|slug| only.is_empty() || only.contains(slug));
        let scope = match (town, &self.last) {
            (Some(slug), _) => Scope::Town(slug),
            (None, Some(last)) if change.is_some_and(Change::shared_pages_only) => {
                changed_pages(last, &site).map_or(Scope::All, Scope::Pages)
            }
            _ => Scope::All,
        };
        // Every file whose key is unchanged is taken from what is served (the same mechanism as
        // `tsunagi build`'s cache, in memory).
        let reuse = cache::Reuse {
            keys: cache::Keys::of(&site, settings.today),
            previous,
            analyses: Arc::clone(&self.analyses),
        };
        let output = render::render(
            &site,
            &render::Options {
                only: match &scope {
                    Scope::Town(slug) => std::slice::from_ref(slug),
                    _ => only,
                },
                on_page: &|| {},
                today: settings.today,
                pages: match &scope {
                    Scope::Pages(keys) => Some(keys),
                    _ => None,
                },
                sink: None,
                reuse: Some(&reuse),
            },
        )?;
        self.last = Some(site);
        Ok(Rebuilt {
            scope,
            output,
            warnings,
        })
    }
}

/// The shared pages that differ between two analyses of a project, when the differences show
/// on those pages alone: the same pages, and no change that another page sees. `None` when
/// another page may show the change.
pub fn changed_pages(before: &AnalyzedSite, after: &AnalyzedSite) -> Option<BTreeSet<String>> {
    if !before.shared.keys().eq(after.shared.keys()) {
        return None;
    }
    let mut changed = BTreeSet::new();
    for (key, new) in &after.shared {
        let old = &before.shared[key];
        if SeenFromOtherPages::of(old) != SeenFromOtherPages::of(new) {
            return None;
        }
        if old != new {
            changed.insert(key.clone());
        }
    }
    Some(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::project;
    use crate::data::holidays::Date;

    /// The sites of a small project whose page `content/topic/page.md` is `page`, analysed.
    fn analysed(dir: &Path) -> AnalyzedSite {
        let settings = Settings::new(dir, Date::new(2026, 12, 7).unwrap());
        super::super::analyze(&settings, super::super::load(&settings).unwrap()).unwrap()
    }

    fn with_page(dir: &Path, text: &str) -> AnalyzedSite {
        std::fs::write(dir.join("content/topic/page.md"), text).unwrap();
        analysed(dir)
    }

    const PAGE: &str =
        "+++\ntitle = \"ページ\"\ndescription = \"d\"\n+++\n本文です。\n\n## 見出し\n\n続き。\n";

    #[test]
    fn a_change_to_a_body_alone_is_that_page() {
        let dir = project(&[("content/topic/page.md", PAGE)]);
        let before = analysed(dir.path());
        let same = analysed(dir.path());
        assert_eq!(changed_pages(&before, &same), Some(BTreeSet::new()));
        let after = with_page(dir.path(), &PAGE.replace("続き。", "続きの文。"));
        assert_eq!(
            changed_pages(&before, &after),
            Some(BTreeSet::from(["topic/page.md".to_string()]))
        );
    }

    #[test]
    fn a_change_other_pages_see_is_everything() {
        let dir = project(&[("content/topic/page.md", PAGE)]);
        let before = analysed(dir.path());
        // The title (listings), a heading (links to it), the first paragraph (the summary
        // that stands for a missing description), a new page: other pages show them.
        for changed in [
            PAGE.replace("title = \"ページ\"", "title = \"新しい題\""),
            PAGE.replace("## 見出し", "## 別の見出し"),
            PAGE.replace("description = \"d\"\n", "")
                .replace("本文です。", "別の本文。"),
        ] {
            let after = with_page(dir.path(), &changed);
            assert_eq!(changed_pages(&before, &after), None, "{changed}");
        }
        with_page(dir.path(), PAGE);
        std::fs::write(dir.path().join("content/topic/more.md"), PAGE).unwrap();
        assert_eq!(changed_pages(&before, &analysed(dir.path())), None);
    }

    #[test]
    fn a_change_is_placed_by_its_files() {
        let root = PathBuf::from("/p");
        let change = |paths: &[&str]| Change {
            root: root.clone(),
            paths: paths.iter().map(|p| root.join(p)).collect(),
        };
        let town = change(&[
            "content/municipalities/hanno/about.md",
            "content/municipalities/hanno/municipality.toml",
        ]);
        assert_eq!(town.one_town().as_deref(), Some("hanno"));
        assert!(!town.shared_pages_only());
        let two = change(&[
            "content/municipalities/hanno/about.md",
            "content/municipalities/chichibu/about.md",
        ]);
        assert_eq!(two.one_town(), None);
        let shared = change(&["content/stress/sleep.md", "content/stress/_index.md"]);
        assert_eq!(shared.one_town(), None);
        assert!(shared.shared_pages_only());
        assert!(!change(&["content/stress/sleep.md", "tsunagi.toml"]).shared_pages_only());
        assert!(!change(&["content/stress/figure.png"]).shared_pages_only());
    }

    #[test]
    fn backups_outputs_and_hidden_folders_are_not_sources() {
        let root = Path::new("/p");
        let source = |p: &str| is_source(root, &root.join(p));
        assert!(source("content/stress/sleep.md"));
        assert!(source("tsunagi.toml"));
        for not in [
            "content/stress/sleep.md~",
            "content/stress/.#sleep.md",
            "content/stress/.sleep.md.swp",
            "site/index.html",
            ".git/index",
            "target/release/tsunagi",
        ] {
            assert!(!source(not), "{not}");
        }
        assert!(!is_source(root, Path::new("/elsewhere/a.md")));
    }

    fn output(files: &[(&str, &str)]) -> render::Output {
        render::Output {
            files: files
                .iter()
                .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_town_rebuilt_replaces_that_town_alone() {
        let mut served = Served::default();
        served.apply(
            &Scope::All,
            output(&[
                ("index.html", "towns"),
                ("a/index.html", "a"),
                ("a/old/index.html", "gone"),
                ("b/index.html", "b"),
            ]),
        );
        served.apply(
            &Scope::Town("a".into()),
            output(&[("index.html", "towns again"), ("a/index.html", "a2")]),
        );
        let files: Vec<(&str, &[u8])> = served
            .files
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_slice()))
            .collect();
        assert_eq!(
            files,
            [
                ("a/index.html", &b"a2"[..]),
                ("b/index.html", b"b"),
                ("index.html", b"towns"),
            ]
        );
        served.apply(
            &Scope::Pages(BTreeSet::from(["x".to_string()])),
            output(&[("b/index.html", "b2")]),
        );
        assert_eq!(served.files["b/index.html"], b"b2");
        assert_eq!(served.files.len(), 3);
    }
}
