//! Stage 2, analyze: parses every source file once. In: a [`Project`]. Out: an
//! [`AnalyzedSite`] with front matter and Markdown documents (HTML with holes), keyed by content
//! path. Shared pages are analysed once whatever the number of municipalities; what differs per
//! town (links, shortcodes) is left as holes for the render stage. Never reads or writes files.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, FrontMatter};
use crate::error::{Error, Location, Result};
use crate::load::{Asset, Project, SourceFile};
use crate::markdown::{self, Document};
use crate::municipality::Municipality;
use crate::theme::Theme;

/// One analysed Markdown file.
#[derive(Debug, Clone)]
pub struct Page {
    /// Content key.
    pub key: String,
    /// Path relative to the project root, for messages.
    pub path: PathBuf,
    /// Front matter.
    pub front: FrontMatter,
    /// The body.
    pub doc: Document,
    /// The first line of the body in the file.
    pub body_first_line: usize,
}

impl Page {
    /// Whether this is a section (`_index.md`).
    pub fn is_section(&self) -> bool {
        content::is_section(&self.key)
    }
}

/// A municipality with its local pages.
#[derive(Debug, Clone)]
pub struct Town {
    /// Identity and data.
    pub municipality: Municipality,
    /// Local pages by key; they replace shared pages with the same key.
    pub local: BTreeMap<String, Page>,
    /// Local assets.
    pub assets: Vec<Asset>,
    /// Reading lexicon of this town (project lexicon, its own names, its lexicon file).
    pub lexicon: crate::furigana::Lexicon,
}

impl Town {
    /// The pages this town publishes: shared pages, replaced or extended by local ones.
    pub fn pages<'a>(&'a self, shared: &'a BTreeMap<String, Page>) -> BTreeMap<&'a str, &'a Page> {
        let mut map: BTreeMap<&str, &Page> = shared.iter().map(|(k, p)| (k.as_str(), p)).collect();
        for (k, p) in &self.local {
            map.insert(k.as_str(), p);
        }
        map
    }
}

/// The whole project, analysed.
#[derive(Debug)]
pub struct AnalyzedSite {
    /// Configuration.
    pub config: Config,
    /// Shared pages by key (drafts left out).
    pub shared: BTreeMap<String, Page>,
    /// Shared assets.
    pub assets: Vec<Asset>,
    /// Municipalities, sorted by slug.
    pub towns: Vec<Town>,
    /// The theme.
    pub theme: Theme,
}

impl AnalyzedSite {
    /// Number of distinct source pages analysed (shared + local).
    pub fn source_page_count(&self) -> usize {
        self.shared.len() + self.towns.iter().map(|t| t.local.len()).sum::<usize>()
    }
}

/// Parses every page of `project`, in parallel. The first error in key order is reported, so
/// messages do not depend on thread timing.
pub fn analyze(project: Project) -> Result<AnalyzedSite> {
    let topics: Vec<&str> = project.config.topics.keys().map(String::as_str).collect();
    let shared = analyze_files(&project.shared, &topics)?;
    let mut towns = Vec::with_capacity(project.municipalities.len());
    for m in project.municipalities {
        let local = analyze_files(&m.pages, &topics)?;
        let mut lexicon = project.lexicon.clone();
        lexicon.extend(&m.lexicon);
        towns.push(Town {
            municipality: m.municipality,
            local,
            assets: m.assets,
            lexicon,
        });
    }
    if !shared.contains_key(content::SECTION_FILE)
        && !towns
            .iter()
            .all(|t| t.local.contains_key(content::SECTION_FILE))
    {
        return Err(Error::input(
            Location::file("content/_index.md"),
            "the site has no home page",
        )
        .with_hint("create content/_index.md with a title"));
    }
    Ok(AnalyzedSite {
        config: project.config,
        shared,
        assets: project.assets,
        towns,
        theme: project.theme,
    })
}

fn analyze_files(files: &[SourceFile], topics: &[&str]) -> Result<BTreeMap<String, Page>> {
    let results: Vec<Result<Option<Page>>> =
        files.par_iter().map(|f| analyze_file(f, topics)).collect();
    let mut pages = BTreeMap::new();
    for r in results {
        if let Some(page) = r? {
            pages.insert(page.key.clone(), page);
        }
    }
    Ok(pages)
}

/// Parses one file; drafts come back as `None`.
fn analyze_file(file: &SourceFile, topics: &[&str]) -> Result<Option<Page>> {
    let parsed = content::parse(&file.text, &file.path, topics)?;
    if parsed.front.draft {
        return Ok(None);
    }
    if parsed.front.slug.is_some() && content::is_section(&file.key) {
        return Err(Error::input(
            Location::file(&file.path),
            "a section (_index.md) cannot have a slug",
        )
        .with_hint("rename the folder instead"));
    }
    let doc = markdown::analyze(parsed.body)
        .map_err(|e| markdown::locate(e, &file.path, parsed.body_first_line))?;
    Ok(Some(Page {
        key: file.key.clone(),
        path: file.path.clone(),
        front: parsed.front,
        doc,
        body_first_line: parsed.body_first_line,
    }))
}
