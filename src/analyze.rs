//! Stage 2, analyze: parses every source file once. In: a [`Project`]. Out: an
//! [`AnalyzedSite`] with front matter and Markdown documents (HTML with holes), keyed by content
//! path. Shared pages are analysed once whatever the number of municipalities; what differs per
//! town (links, shortcodes) is left as holes for the render stage. Never reads or writes files.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{self, FrontMatter};
use crate::data::holidays::Date;
use crate::error::{Diagnostic, Diagnostics, Error, Location, Result, collect_all};
use crate::load::{Asset, Project, SourceFile};
use crate::markdown::{self, Document};
use crate::msg;
use crate::municipality::Municipality;
use crate::theme::Theme;

/// One analysed Markdown file.
#[derive(Debug, Clone, PartialEq)]
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
    /// The code of its language (`ja`; `en` for `signs.en.md`, whose key is `en/signs.md`).
    pub language: String,
    /// The file's text as read (the review's rules read the body again, and place their
    /// findings in the file).
    pub source: String,
}

impl Page {
    /// Whether this is a section (`_index.md`).
    pub fn is_section(&self) -> bool {
        content::is_section(&self.key)
    }
}

/// What other pages show or use of a page: its front matter (title, description, weight, slug,
/// topics, furigana…, in listings, breadcrumbs, navigation, sorting and the paths of every
/// page), the summary that stands for a missing description, the ids that links may point at,
/// and the shortcodes it calls (the help box links to the help page's list of windows). A change
/// that leaves this equal changes that page's own output only, in every town.
#[derive(Debug, PartialEq)]
pub(crate) struct SeenFromOtherPages<'a> {
    front: &'a FrontMatter,
    summary: &'a str,
    ids: Vec<&'a str>,
    shortcodes: Vec<&'a str>,
}

impl<'a> SeenFromOtherPages<'a> {
    /// What other pages see of `page`.
    pub(crate) fn of(page: &'a Page) -> Self {
        Self {
            // Every field, whatever uses it.
            front: &page.front,
            summary: &page.doc.summary,
            ids: page.doc.headings.iter().map(|h| h.id.as_str()).collect(),
            shortcodes: page
                .doc
                .shortcodes
                .iter()
                .map(|s| s.name.as_str())
                .collect(),
        }
    }
}

/// A municipality with its local pages.
#[derive(Debug, Clone)]
pub struct Town {
    /// Identity and data.
    pub municipality: Municipality,
    /// Local pages by key; they replace shared pages with the same key.
    pub local: BTreeMap<String, Page>,
    /// Keys of shared pages this town does not publish: a local file with the same key and
    /// `draft = true` withdraws the shared page here (key → the local file, for messages).
    pub withdrawn: BTreeMap<String, PathBuf>,
    /// Local assets.
    pub assets: Vec<Asset>,
    /// Reading lexicon of this town (project lexicon, its own names, its lexicon file).
    pub lexicon: crate::furigana::Lexicon,
}

impl Town {
    /// The pages this town publishes: shared pages, replaced or extended by local ones, less
    /// those a local draft withdraws.
    pub fn pages<'a>(&'a self, shared: &'a BTreeMap<String, Page>) -> BTreeMap<&'a str, &'a Page> {
        let mut map: BTreeMap<&str, &Page> = shared
            .iter()
            .filter(|(k, _)| !self.withdrawn.contains_key(k.as_str()))
            .map(|(k, p)| (k.as_str(), p))
            .collect();
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
    /// Warnings the load stage found (files left out).
    pub load_warnings: Vec<Diagnostic>,
    /// The word lists of `tsunagi check`.
    pub words: crate::words::Words,
    /// Self-check questionnaires, by id.
    pub questionnaires: Vec<crate::questionnaire::Questionnaire>,
    /// The national help lines.
    pub help_lines: crate::data::help_lines::HelpLines,
}

/// Characters that mark a placeholder name in Japanese forms (〇〇市, ○○保健所).
const PLACEHOLDER_MARKS: &[&str] = &["〇〇", "○○", "◯◯", "●●", "××", "ＸＸ"];

impl AnalyzedSite {
    /// Problems that do not stop a build but that a publisher must hear about, sorted by file
    /// and line: placeholder data still in place, no contact for the accessibility policy,
    /// windows whose `verified` date is missing or old on `today`, national help lines whose
    /// `checked` date is old.
    pub fn warnings(&self, today: Date) -> Vec<Diagnostic> {
        let mut diags = Diagnostics::new();
        for w in &self.load_warnings {
            diags.push(w.clone());
        }
        if self.config.unsafe_html {
            diags.push(Diagnostic::warning(
                Location::file(crate::config::CONFIG_FILE),
                "unsafe-html",
                msg!("warning.unsafe-html"),
            ));
        }
        let pages = self
            .shared
            .values()
            .chain(self.towns.iter().flat_map(|t| t.local.values()));
        for page in pages {
            page_warnings(page, &mut diags);
        }
        for town in &self.towns {
            self.town_warnings(&town.municipality, today, &mut diags);
        }
        for w in self
            .help_lines
            .warnings(today, self.config.help_lines_max_age_months)
        {
            diags.push(w);
        }
        diags.into_warnings()
    }

    /// A municipality's warnings: placeholders still in place, no contact for the
    /// accessibility policy, windows whose `verified` date is missing or old on `today`.
    fn town_warnings(&self, m: &Municipality, today: Date, diags: &mut Diagnostics) {
        placeholder_warnings(m, diags);
        // An example contact is reported by `check --production` (example-data).
        if !m
            .contact
            .as_ref()
            .is_some_and(|c| c.is_reachable() || c.example)
        {
            // Where [contact] is, or else the last required key above the tables, below
            // which it goes.
            let at = if m.positions.contains_key("contact") {
                m.location("contact")
            } else {
                m.location("health_center")
            };
            diags.push(Diagnostic::warning(
                at,
                "missing-contact",
                msg!(
                    "warning.missing-contact",
                    slug = m.slug,
                    office = self
                        .config
                        .accessibility
                        .contact
                        .as_deref()
                        .unwrap_or(&m.health_center)
                ),
            ));
        }
        for (i, w) in m.windows.iter().enumerate() {
            for (field, message) in w.warnings(today, self.config.verified_max_age_months) {
                diags.push(Diagnostic::warning(
                    m.location(&format!("windows[{i}].{field}")),
                    "verified-date",
                    message,
                ));
            }
        }
    }

    /// Number of distinct source pages analysed (shared + local).
    pub fn source_page_count(&self) -> usize {
        self.shared.len() + self.towns.iter().map(|t| t.local.len()).sum::<usize>()
    }
}

/// A page's warnings: raw HTML the sanitiser removed, invisible characters in its text.
fn page_warnings(page: &Page, diags: &mut Diagnostics) {
    for (line, column, what) in &page.doc.removed {
        diags.push(Diagnostic::warning(
            Location::at(&page.path, line + page.body_first_line - 1, Some(*column)),
            "html-removed",
            msg!("warning.html-removed", what = what),
        ));
    }
    for (line, column, c) in &page.doc.hidden {
        diags.push(Diagnostic::warning(
            Location::at(&page.path, line + page.body_first_line - 1, Some(*column)),
            "invisible-character",
            msg!(
                "warning.invisible-in-text",
                char = crate::invisible::describe(*c)
            ),
        ));
    }
}

/// Parses every page of `project`, in parallel. Every page is parsed even when one fails, and
/// all errors — these and those the load stage found — are reported at once, sorted by file and
/// line, so messages do not depend on thread timing.
/// Drafts (`draft = true`) are kept as pages when `drafts` is set (`tsunagi serve --drafts`, for
/// a writer to see a page before publishing it; never for `build`).
pub(crate) fn analyze_with(mut project: Project, drafts: bool) -> Result<AnalyzedSite> {
    let mut diags = std::mem::take(&mut project.diagnostics);
    let topics: Vec<&str> = project.config.topics.keys().map(String::as_str).collect();
    let sanitize = !project.config.unsafe_html;
    let languages = &project.config.languages.clone();
    let (shared, _) = diags
        .take(analyze_files(
            project.shared,
            &topics,
            sanitize,
            drafts,
            languages,
        ))
        .unwrap_or_default();
    // The pages of a town left out for its municipality.toml: their own mistakes, in this build.
    diags.take(analyze_files(
        std::mem::take(&mut project.pages_of_left_out),
        &topics,
        sanitize,
        drafts,
        languages,
    ));
    let mut towns = Vec::with_capacity(project.municipalities.len());
    for m in project.municipalities {
        let (local, withdrawn) = diags
            .take(analyze_files(m.pages, &topics, sanitize, drafts, languages))
            .unwrap_or_default();
        let mut lexicon = project.lexicon.clone();
        lexicon.extend(&m.lexicon);
        towns.push(Town {
            municipality: m.municipality,
            local,
            withdrawn,
            assets: m.assets,
            lexicon,
        });
    }
    diags.finish(())?;
    let load_warnings = diags.into_warnings();
    if !shared.contains_key(content::SECTION_FILE)
        && !towns
            .iter()
            .all(|t| t.local.contains_key(content::SECTION_FILE))
    {
        return Err(Error::input(
            Location::file("content/_index.md"),
            msg!("error.no-home-page"),
        ));
    }
    Ok(AnalyzedSite {
        config: project.config,
        shared,
        assets: project.assets,
        towns,
        theme: project.theme,
        load_warnings,
        words: project.words,
        questionnaires: project.questionnaires,
        help_lines: project.help_lines,
    })
}

/// Pages by key, and the drafts (key → file).
type Analyzed = (BTreeMap<String, Page>, BTreeMap<String, PathBuf>);

/// The starter project's placeholders (〇〇市, code 000001) are published without a word unless
/// every build says so.
fn placeholder_warnings(m: &Municipality, diags: &mut Diagnostics) {
    for (field, value) in [
        ("name", &m.name),
        ("prefecture", &m.prefecture),
        ("health_center", &m.health_center),
    ] {
        if PLACEHOLDER_MARKS.iter().any(|p| value.contains(p)) {
            diags.push(Diagnostic::warning(
                m.location(field),
                "placeholder-data",
                msg!("warning.placeholder", field = field, value = value),
            ));
        }
    }
    let prefecture: u32 = m.code.get(..2).and_then(|p| p.parse().ok()).unwrap_or(0);
    if !(1..=47).contains(&prefecture) {
        diags.push(Diagnostic::warning(
            m.location("code"),
            "placeholder-data",
            msg!("warning.placeholder-code", code = m.code),
        ));
    }
}

fn analyze_files(
    files: Vec<SourceFile>,
    topics: &[&str],
    sanitize: bool,
    drafts: bool,
    languages: &crate::language::Languages,
) -> Result<Analyzed> {
    let results: Vec<Result<std::result::Result<Page, SourceFile>>> = files
        .into_par_iter()
        .map(|f| analyze_file(f, topics, sanitize, drafts, languages))
        .collect();
    let mut pages = BTreeMap::new();
    let mut drafts = BTreeMap::new();
    for r in collect_all(results)? {
        match r {
            Ok(page) => {
                pages.insert(page.key.clone(), page);
            }
            Err(draft) => {
                drafts.insert(draft.key, draft.path);
            }
        }
    }
    Ok((pages, drafts))
}

/// Parses one file, which becomes the page's source; a draft comes back as `Err(file)`.
fn analyze_file(
    file: SourceFile,
    topics: &[&str],
    sanitize: bool,
    drafts: bool,
    languages: &crate::language::Languages,
) -> Result<std::result::Result<Page, SourceFile>> {
    let parsed = content::parse(&file.text, &file.path, topics)?;
    if parsed.front.draft && !drafts {
        return Ok(Err(file));
    }
    if parsed.front.slug.is_some() && content::is_section(&file.key) {
        return Err(Error::input(
            Location::file(&file.path),
            msg!("error.section-slug"),
        ));
    }
    let doc = markdown::analyze_with(parsed.body, sanitize)
        .map_err(|e| markdown::locate(e, &file.path, parsed.body_first_line))?;
    let (front, body_first_line) = (parsed.front, parsed.body_first_line);
    let language = languages.of_key(&file.key).code.clone();
    Ok(Ok(Page {
        key: file.key,
        path: file.path,
        front,
        doc,
        body_first_line,
        language,
        source: file.text,
    }))
}
