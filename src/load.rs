//! Stage 1, load: reads a project from disk into memory. In: the project root. Out: a
//! [`Project`] holding every source text, keyed by content path. Never parses Markdown and
//! never writes anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::{CONFIG_FILE, Config};
use crate::data::help_lines::{HELP_LINES_FILE, HelpLines};
use crate::error::{Diagnostic, Diagnostics, Error, Location, Result};
use crate::files::{CONTENT_DIR, MUNICIPALITIES_DIR, read_text, read_text_as, relative};
use crate::furigana::Lexicon;
use crate::msg;
use crate::municipality::{MUNICIPALITY_FILE, Municipality};
use crate::theme::Theme;

/// A Markdown file or an asset from the content folders.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Content key: path relative to its content root, `/`-separated.
    pub key: String,
    /// Path relative to the project root, for messages.
    pub path: PathBuf,
    /// The text (Markdown files only).
    pub text: String,
}

/// A file copied as it is (images, PDFs…), by output-relative path.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Path relative to the site root, `/`-separated.
    pub key: String,
    /// Path relative to the project root, for messages.
    pub path: PathBuf,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// A municipality folder: identity and local files.
#[derive(Debug, Clone)]
pub struct MunicipalitySource {
    /// The validated `municipality.toml`.
    pub municipality: Municipality,
    /// Local Markdown files (replacing shared ones with the same key).
    pub pages: Vec<SourceFile>,
    /// Local assets.
    pub assets: Vec<Asset>,
    /// The municipality's reading lexicon: its own names plus its lexicon file.
    pub lexicon: Lexicon,
}

/// Everything read from disk.
#[derive(Debug)]
pub struct Project {
    /// The project root.
    pub root: PathBuf,
    /// Validated configuration.
    pub config: Config,
    /// Shared Markdown files, sorted by key.
    pub shared: Vec<SourceFile>,
    /// Shared assets from `content/` and the project's `static/` folder.
    pub assets: Vec<Asset>,
    /// Municipalities, sorted by slug.
    pub municipalities: Vec<MunicipalitySource>,
    /// Templates and static files of the theme.
    pub theme: Theme,
    /// The project's reading lexicon (from `[furigana] lexicon`).
    pub lexicon: Lexicon,
    /// The word lists of `tsunagi check`, with the project's own (`[check] words`).
    pub words: crate::words::Words,
    /// Self-check questionnaires: the bundled ones and the project's `questionnaires/*.toml`.
    pub questionnaires: Vec<crate::questionnaire::Questionnaire>,
    /// The national help lines: the bundled ones with the project's `help-lines.toml` applied.
    pub help_lines: HelpLines,
    /// The own pages of municipalities left out for mistakes in their `municipality.toml`: not
    /// published, but read all the same so that their mistakes are reported in the same build.
    pub pages_of_left_out: Vec<SourceFile>,
    /// Problems found while loading that do not stop the next stage from finding more (a
    /// municipality with mistakes is left out of `municipalities` and reported here), so that
    /// one build reports them together with the pages' mistakes.
    pub diagnostics: Diagnostics,
}

/// Reads the project at `root`. Fails at once only when nothing more can be read (no
/// configuration, no content folder); other problems go into [`Project::diagnostics`].
pub(crate) fn load(root: &Path) -> Result<Project> {
    let config = Config::load(root)?;
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(Error::input(
            Location::file(CONTENT_DIR),
            msg!("error.no-content-folder"),
        ));
    }
    let mut warnings = Vec::new();
    let mut reader = TreeReader::new(root, &config, &mut warnings)?;
    let (shared, mut assets) = reader.read(&content, Some(&content.join(MUNICIPALITIES_DIR)))?;
    let static_dir = root.join("static");
    if static_dir.is_dir() {
        let (_, statics) = reader.read(&static_dir, None)?;
        assets.extend(statics);
    }
    // Every municipality is read even when one has mistakes, so that all are reported at once.
    let mut diags = Diagnostics::new();
    let mdir = content.join(MUNICIPALITIES_DIR);
    let (municipalities, pages_of_left_out) =
        read_municipalities(root, &mut reader, &mdir, &config, &mut diags)?;
    drop(reader);
    for w in warnings {
        diags.push(w);
    }
    check_distinct(&municipalities, &config, &mut diags);
    if municipalities.is_empty() && !diags.has_errors() {
        return Err(Error::input(
            Location::file(relative(root, &mdir)),
            msg!("error.no-municipality"),
        ));
    }
    inside_project(
        root,
        &root.join("themes").join(&config.theme),
        Path::new(CONFIG_FILE),
        "theme",
    )?;
    let mut theme = Theme::load(root, &config.theme, &config.language)?;
    for w in std::mem::take(&mut theme.warnings) {
        diags.push(w);
    }
    let lexicon = match &config.lexicon {
        Some(file) => read_lexicon(root, root, file, Path::new(CONFIG_FILE))?,
        None => Lexicon::new(),
    };
    let words = read_words(root, &config)?;
    let topics: Vec<&str> = config.topics.keys().map(String::as_str).collect();
    let questionnaires = diags
        .take(read_questionnaires(root))
        .and_then(|files| diags.take(crate::questionnaire::with_bundled(&files, &topics)))
        .unwrap_or_default();
    let help_lines = diags
        .take(read_help_lines(root, &topics))
        .unwrap_or_default();
    Ok(Project {
        root: root.to_path_buf(),
        config,
        shared,
        assets,
        municipalities,
        theme,
        lexicon,
        words,
        questionnaires,
        help_lines,
        pages_of_left_out,
        diagnostics: diags,
    })
}

/// Every municipality's folder below `mdir`, sorted by slug: the municipalities without
/// mistakes, and the pages of those left out for their mistakes (which go into `diags`).
fn read_municipalities(
    root: &Path,
    reader: &mut TreeReader<'_>,
    mdir: &Path,
    config: &Config,
    diags: &mut Diagnostics,
) -> Result<(Vec<MunicipalitySource>, Vec<SourceFile>)> {
    let mut municipalities = Vec::new();
    let mut pages_of_left_out = Vec::new();
    if !mdir.is_dir() {
        return Ok((municipalities, pages_of_left_out));
    }
    let mut entries: Vec<_> = std::fs::read_dir(mdir)
        .map_err(|e| Error::io(mdir, e))?
        .filter_map(std::result::Result::ok)
        .filter(|e| e.path().is_dir())
        .collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let slug = entry.file_name().to_string_lossy().to_string();
        if slug.starts_with('.') {
            continue;
        }
        let town = load_municipality(
            root,
            reader,
            &entry.path(),
            &slug,
            config,
            &mut pages_of_left_out,
        );
        if let Some(m) = diags.take(town) {
            municipalities.push(m);
        }
    }
    Ok((municipalities, pages_of_left_out))
}

/// The word lists of the review: the built-in ones, extended by `[check] words` when set.
fn read_words(root: &Path, config: &Config) -> Result<crate::words::Words> {
    match &config.check.words {
        Some(file) => {
            let path = root.join(file);
            let text = read_text(&path)?;
            crate::words::Words::extended(&text, &relative(root, &path))
        }
        None => Ok(crate::words::Words::builtin()),
    }
}

/// The national help lines, with the project's own `help-lines.toml` when it has one.
fn read_help_lines(root: &Path, topics: &[&str]) -> Result<HelpLines> {
    let path = root.join(HELP_LINES_FILE);
    if !path.is_file() {
        return HelpLines::bundled(topics);
    }
    let rel = relative(root, &path);
    let text = read_text_as(&path, &rel)?;
    HelpLines::with_project(Some((&text, &rel)), topics)
}

/// The project's own questionnaires: every `questionnaires/*.toml`, sorted by name.
fn read_questionnaires(root: &Path) -> Result<Vec<crate::questionnaire::SourceFile>> {
    let dir = root.join(crate::questionnaire::QUESTIONNAIRES_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| Error::io(&dir, e))?
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            Ok(crate::questionnaire::SourceFile {
                id: path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                text: read_text(&path)?,
                path: relative(root, &path),
            })
        })
        .collect()
}

/// Reads one municipality folder: its `municipality.toml`, local pages, assets and lexicon. When
/// `municipality.toml` has mistakes, its pages still go to `left_out`, to be checked.
fn load_municipality(
    root: &Path,
    reader: &mut TreeReader<'_>,
    dir: &Path,
    slug: &str,
    config: &Config,
    left_out: &mut Vec<SourceFile>,
) -> Result<MunicipalitySource> {
    let toml_path = dir.join(MUNICIPALITY_FILE);
    let rel = relative(root, &toml_path);
    if !toml_path.is_file() {
        return Err(Error::input(
            Location::file(&rel),
            msg!("error.no-municipality-file"),
        ));
    }
    let text = read_text_as(&toml_path, &rel)?;
    let municipality = match Municipality::parse(&text, &rel, slug, config) {
        Ok(m) => m,
        Err(e) => {
            if let Ok((pages, _)) = reader.read(dir, None) {
                left_out.extend(pages);
            }
            return Err(e);
        }
    };
    let (pages, local_assets) = reader.read(dir, None)?;
    let mut lexicon = municipality.own_readings();
    if let Some(file) = &municipality.lexicon_file {
        lexicon.extend(&read_lexicon(root, dir, file, &rel)?);
    }
    let assets = local_assets
        .into_iter()
        .filter(|a| Some(&a.key) != municipality.lexicon_file.as_ref())
        .collect();
    Ok(MunicipalitySource {
        municipality,
        pages,
        assets,
        lexicon,
    })
}

/// Two municipalities must never publish under one base URL (their canonical URLs, sitemaps and
/// calendars would claim each other's pages) nor share one local-government code.
fn check_distinct(towns: &[MunicipalitySource], config: &Config, diags: &mut Diagnostics) {
    let mut by_url: BTreeMap<&str, &Municipality> = BTreeMap::new();
    let mut by_code: BTreeMap<&str, &Municipality> = BTreeMap::new();
    for t in towns {
        let m = &t.municipality;
        if let Some(first) = by_url.insert(&m.base_url, m) {
            let from_pattern = m.base_url == config.base_url_for(&m.slug)
                && first.base_url == config.base_url_for(&first.slug);
            let err = if from_pattern {
                Error::input(
                    Location::file(crate::config::CONFIG_FILE),
                    msg!(
                        "error.base-url-no-slug",
                        pattern = config.base_url,
                        first = first.slug,
                        second = m.slug,
                        url = m.base_url
                    ),
                )
            } else {
                Error::input(
                    m.location("base_url"),
                    msg!(
                        "error.base-url-repeated",
                        first = first.slug,
                        second = m.slug,
                        url = m.base_url
                    ),
                )
            };
            diags.record(err.with_rule("duplicate-base-url"));
        }
        // The starter's placeholder code (000001) is warned about elsewhere; a second town copied
        // from the starter is not an error before the real codes are filled in.
        if m.code.starts_with("00") {
            continue;
        }
        if let Some(first) = by_code.insert(&m.code, m) {
            // Both places named with their lines: either file may hold the mistake.
            diags.record(
                Error::input(
                    m.location("code"),
                    msg!(
                        "error.code-repeated",
                        slug = m.slug,
                        code = m.code,
                        first = first.slug,
                        first_at = first.location("code")
                    ),
                )
                .with_rule("duplicate-code"),
            );
        }
    }
}

/// Reads the lexicon `file` named in `named_in` (relative to `base`), which must stay inside the
/// project.
fn read_lexicon(root: &Path, base: &Path, file: &str, named_in: &Path) -> Result<Lexicon> {
    let path = inside_project(root, &base.join(file), named_in, "lexicon")?;
    let rel = relative(root, &path);
    if !path.is_file() {
        return Err(Error::input(
            Location::file(&rel),
            msg!("error.lexicon-missing"),
        ));
    }
    Lexicon::parse(&read_text_as(&path, &rel)?, &rel)
}

/// `path`, a file or folder named by the setting `key` of `named_in`, when it lies inside the
/// project `root`: no absolute path, no `..`, and no link that leads out. A project's build must
/// never read, copy or echo files from elsewhere on the machine.
fn inside_project(root: &Path, path: &Path, named_in: &Path, key: &str) -> Result<PathBuf> {
    let outside = || {
        Error::input(
            Location::file(named_in),
            msg!("error.outside-project", key = key, path = path.display()),
        )
    };
    let rel = path.strip_prefix(root).map_err(|_| outside())?;
    if rel
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err(outside());
    }
    // A link inside the project may still lead out of it.
    if let (Ok(real), Ok(real_root)) = (path.canonicalize(), root.canonicalize())
        && !real.starts_with(&real_root)
    {
        return Err(outside());
    }
    Ok(path.to_path_buf())
}

/// Names of files that editors, office programs and operating systems leave beside the real
/// ones: never published (a draft's backup would otherwise be served as text).
const LEFT_BY_TOOLS: &[&str] = &[
    "*~",
    "*.bak",
    "*.swp",
    "*.swo",
    "*.tmp",
    "#*#",
    ".#*",
    "~$*",
    "Thumbs.db",
    "desktop.ini",
];

/// Reads content folders: which files are published, and what the reader should be told about
/// the ones that are not.
struct TreeReader<'a> {
    root: &'a Path,
    /// The largest Markdown file read, in bytes.
    max_page_bytes: u64,
    /// Editor backups and the project's `ignore` patterns, matched on the file name and on the
    /// path from the folder read.
    ignored: globset::GlobSet,
    /// Files that were not read, said as warnings.
    warnings: &'a mut Vec<Diagnostic>,
    /// The site's languages: a variant's file (`signs.en.md`) is read as its page in the
    /// language's folder (`en/signs.md`).
    languages: crate::language::Languages,
}

impl<'a> TreeReader<'a> {
    fn new(root: &'a Path, config: &Config, warnings: &'a mut Vec<Diagnostic>) -> Result<Self> {
        let mut set = globset::GlobSetBuilder::new();
        for pattern in LEFT_BY_TOOLS
            .iter()
            .copied()
            .chain(config.ignore.iter().map(String::as_str))
        {
            let glob = globset::Glob::new(pattern).map_err(|e| {
                Error::input(
                    Location::file(CONFIG_FILE),
                    msg!("error.ignore-pattern", pattern = pattern, why = e),
                )
            })?;
            set.add(glob);
        }
        let ignored = set.build().map_err(|e| {
            Error::input(
                Location::file(CONFIG_FILE),
                msg!("error.ignore-patterns", why = e),
            )
        })?;
        Ok(TreeReader {
            root,
            max_page_bytes: config.max_page_bytes,
            ignored,
            warnings,
            languages: config.languages.clone(),
        })
    }

    /// Reads every file below `dir` (sorted), except hidden ones, ignored ones, those below
    /// `skip` and `municipality.toml` files. Markdown becomes [`SourceFile`]s, the rest
    /// [`Asset`]s. A symbolic link is not followed (it could lead out of the project): it is
    /// left out with a warning.
    fn read(&mut self, dir: &Path, skip: Option<&Path>) -> Result<(Vec<SourceFile>, Vec<Asset>)> {
        let mut pages = Vec::new();
        let mut assets = Vec::new();
        // Names that would make a broken or misleading URL, all reported together.
        let mut bad_names = Diagnostics::new();
        let walker = WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                !hidden && skip.is_none_or(|s| e.path() != s)
            });
        for entry in walker {
            let entry = entry.map_err(|e| {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                Error::io(&path, e.into())
            })?;
            let path = entry.path();
            let rel = relative(self.root, path);
            if entry.path_is_symlink() {
                self.warnings.push(Diagnostic::warning(
                    Location::file(&rel),
                    "symbolic-link",
                    msg!("warning.symbolic-link"),
                ));
                continue;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            let key = key_of(dir, path).ok_or_else(|| {
                Error::input(Location::file(&rel), msg!("error.file-name-not-utf8"))
            })?;
            if key == MUNICIPALITY_FILE
                || self.ignored.is_match(&key)
                || self.ignored.is_match(entry.file_name())
            {
                continue;
            }
            if let Some(c) = key.chars().find(|c| unsafe_in_url(*c)) {
                bad_names.record(Error::input(
                    Location::file(rel.to_string_lossy().escape_debug().to_string()),
                    msg!(
                        "error.file-name-unsafe",
                        char = format!("{c:?}").trim_matches('\'').to_string()
                    ),
                ));
                continue;
            }
            if key.ends_with(".md") {
                if let Some(code) = self.languages.folder_of_variant(&key) {
                    bad_names.record(Error::input(
                        Location::file(&rel),
                        msg!("error.language-folder", code = code),
                    ));
                    continue;
                }
                let key = self.languages.internal_key(&key);
                if let Some(page) = self.page(&entry, key, rel, &mut bad_names)? {
                    pages.push(page);
                }
            } else {
                let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
                assets.push(Asset {
                    key,
                    path: rel,
                    bytes,
                });
            }
        }
        bad_names.finish((pages, assets))
    }

    /// A Markdown file's text; `None` (and a mistake in `bad_names`) for a file over the size
    /// limit, refused before it is read: one huge page must not exhaust the memory of a build
    /// that would fail anyway.
    fn page(
        &self,
        entry: &walkdir::DirEntry,
        key: String,
        rel: PathBuf,
        bad_names: &mut Diagnostics,
    ) -> Result<Option<SourceFile>> {
        let size = entry.metadata().map_or(0, |m| m.len());
        if size > self.max_page_bytes {
            bad_names.record(Error::input(
                Location::file(&rel),
                msg!(
                    "error.page-too-large",
                    size = crate::error::thousands(size),
                    limit = crate::error::thousands(self.max_page_bytes)
                ),
            ));
            return Ok(None);
        }
        let text = read_text_as(entry.path(), &rel)?;
        Ok(Some(SourceFile {
            key,
            path: rel,
            text,
        }))
    }
}

/// Whether `c` may not stand in the name of a published file or folder: a control character
/// (a new line in a name makes a folder `a\nb`), or a character that common servers, tools and
/// links read as part of the URL's syntax (`<>"'\`|?#%`).
fn unsafe_in_url(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '<' | '>' | '"' | '\'' | '\\' | '`' | '|' | '?' | '#' | '%'
        )
}

fn key_of(base: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}
