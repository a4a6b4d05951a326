//! Themes: tera templates and static files. The default theme is embedded in the binary, so a
//! project needs no theme folder; a project overrides any single template by putting a file of
//! the same name under `themes/<name>/templates/`.

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::error::{Diagnostic, Diagnostics, Error, Location, Result};
use crate::labels::Labels;
use crate::msg;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The name of the embedded theme.
pub(crate) const DEFAULT_NAME: &str = "default";

/// A template's text and where it came from.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// The text.
    pub text: String,
    /// Where it came from, for messages (`<embedded default theme>/…` or a project path).
    pub origin: PathBuf,
}

/// A loaded theme.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Templates by name (`page.html`, `shortcodes/windows.html`…).
    pub templates: BTreeMap<String, TemplateSource>,
    /// Static files by path relative to the site root.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// The frame's labels by language code, each complete (missing keys filled from the
    /// default language).
    pub labels: BTreeMap<String, Labels>,
    /// What loading the labels found that does not stop a build (keys a language lacks).
    pub warnings: Vec<Diagnostic>,
}

impl Theme {
    /// The embedded theme, overlaid with the project's `themes/<name>/` folder when present,
    /// with labels complete for `default_language` (see the module's documentation).
    pub fn load(root: &Path, name: &str, default_language: &str) -> Result<Theme> {
        let mut theme = Theme::embedded();
        let dir = root.join("themes").join(name);
        if name != DEFAULT_NAME && !dir.is_dir() {
            return Err(Error::input(
                Location::file("tsunagi.toml"),
                msg!("error.theme-missing", name = name),
            ));
        }
        let mut texts = embedded_label_files()?;
        if dir.is_dir() {
            overlay(&mut theme, root, &dir)?;
            overlay_labels(&mut texts, root, &dir.join("labels"))?;
        }
        overlay_labels(&mut texts, root, &root.join("labels"))?;
        let (labels, warnings) = complete_labels(texts, default_language)?;
        theme.labels = labels;
        theme.warnings = warnings;
        Ok(theme)
    }

    /// The labels of `code`, or of the default language `fallback` when the theme has none in
    /// `code`.
    pub fn labels_of(&self, code: &str, fallback: &str) -> &Labels {
        static EMPTY: std::sync::OnceLock<Labels> = std::sync::OnceLock::new();
        self.labels
            .get(code)
            .or_else(|| self.labels.get(fallback))
            .unwrap_or_else(|| EMPTY.get_or_init(Labels::default))
    }

    /// The default theme as embedded in the binary.
    pub fn embedded() -> Theme {
        let mut theme = Theme {
            templates: BTreeMap::new(),
            static_files: BTreeMap::new(),
            labels: BTreeMap::new(),
            warnings: Vec::new(),
        };
        let mut stack = vec![&DEFAULT_THEME];
        while let Some(dir) = stack.pop() {
            for file in dir.files() {
                let path = file.path().to_string_lossy().replace('\\', "/");
                if let Some(name) = path.strip_prefix("templates/") {
                    let text = String::from_utf8_lossy(file.contents()).into_owned();
                    let origin = PathBuf::from(format!("<embedded default theme>/{path}"));
                    theme
                        .templates
                        .insert(name.to_string(), TemplateSource { text, origin });
                } else if let Some(name) = path.strip_prefix("static/") {
                    theme
                        .static_files
                        .insert(name.to_string(), file.contents().to_vec());
                }
            }
            stack.extend(dir.dirs());
        }
        // The embedded files are tested to be complete and valid.
        if let Ok((labels, _)) = embedded_label_files().and_then(|t| complete_labels(t, "ja")) {
            theme.labels = labels;
        }
        theme
    }

    /// Every file of the embedded theme, for `tsunagi new --theme-files`-style copying.
    pub fn embedded_files() -> Vec<(String, &'static [u8])> {
        let mut out = Vec::new();
        let mut stack = vec![&DEFAULT_THEME];
        while let Some(dir) = stack.pop() {
            for f in dir.files() {
                out.push((f.path().to_string_lossy().replace('\\', "/"), f.contents()));
            }
            stack.extend(dir.dirs());
        }
        out.sort();
        out
    }
}

fn overlay(theme: &mut Theme, root: &Path, dir: &Path) -> Result<()> {
    for (sub, is_template) in [("templates", true), ("static", false)] {
        let base = dir.join(sub);
        if !base.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&base).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::io(&base, e.into()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
            let name = rel.to_string_lossy().replace('\\', "/");
            let shown = crate::files::relative(root, entry.path());
            if is_template {
                let text = crate::files::read_text(entry.path()).map_err(|e| match e {
                    Error::Input(mut d) => {
                        d.location.path = Some(shown.clone());
                        Error::Input(d)
                    }
                    other => other,
                })?;
                theme.templates.insert(
                    name,
                    TemplateSource {
                        text,
                        origin: shown,
                    },
                );
            } else {
                let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                theme.static_files.insert(name, bytes);
            }
        }
    }
    Ok(())
}

/// One language's label texts as read so far: dotted key → (text, file, line).
type LabelTexts = BTreeMap<String, (String, PathBuf, usize)>;

/// The embedded theme's label files, by language code.
fn embedded_label_files() -> Result<BTreeMap<String, LabelTexts>> {
    let mut out = BTreeMap::new();
    if let Some(dir) = DEFAULT_THEME.get_dir("labels") {
        for file in dir.files() {
            let path = file.path().to_string_lossy().replace('\\', "/");
            let Some(code) = label_code(file.path()) else {
                continue;
            };
            let origin = PathBuf::from(format!("<embedded default theme>/{path}"));
            let text = String::from_utf8_lossy(file.contents());
            read_labels(&text, &origin, out.entry(code).or_default())?;
        }
    }
    Ok(out)
}

/// `en` for `…/en.toml`.
fn label_code(path: &Path) -> Option<String> {
    (path.extension()? == "toml").then(|| path.file_stem()?.to_str().map(str::to_string))?
}

/// The `labels/<code>.toml` files of `dir` (a project theme's or the project's own), each
/// replacing the keys it has.
fn overlay_labels(texts: &mut BTreeMap<String, LabelTexts>, root: &Path, dir: &Path) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for path in files {
        let Some(code) = label_code(&path) else {
            continue;
        };
        let shown = crate::files::relative(root, &path);
        let text = crate::files::read_text(&path)?;
        read_labels(&text, &shown, texts.entry(code).or_default())?;
    }
    Ok(())
}

/// Reads one label file into `into`: nested tables of texts, each key at its line.
fn read_labels(text: &str, origin: &Path, into: &mut LabelTexts) -> Result<()> {
    let table: toml::Table = crate::toml_input::parse(text, origin, 1)?;
    let lines = key_lines(text);
    let mut flat = Vec::new();
    crate::labels::flatten(&table, "", &mut flat);
    for (key, value) in flat {
        let line = lines.get(&key).copied().unwrap_or(1);
        let Some(value) = value else {
            return Err(Error::input(
                Location::at(origin, line, None),
                msg!("error.label-not-text", key = key),
            ));
        };
        into.insert(key, (value, origin.to_path_buf(), line));
    }
    Ok(())
}

/// The line of each dotted key in a label file written as `[table]` headers with `key = "…"`
/// lines (the form the theme's files use; a key written otherwise is reported at line 1).
fn key_lines(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    let mut table = String::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            table = header.trim().replace(' ', "");
            continue;
        }
        let Some((key, _)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim().trim_matches('"');
        if key.is_empty() || key.starts_with('#') {
            continue;
        }
        let full = if table.is_empty() {
            key.to_string()
        } else {
            format!("{table}.{key}")
        };
        out.entry(full).or_insert(i + 1);
    }
    out
}

/// Every language's labels, complete: a key the default language lacks is an error at its line;
/// a key another language lacks takes the default language's text, and the file is reported
/// with the keys it lacks.
fn complete_labels(
    texts: BTreeMap<String, LabelTexts>,
    default: &str,
) -> Result<(BTreeMap<String, Labels>, Vec<Diagnostic>)> {
    let Some(base) = texts.get(default) else {
        return Err(Error::input(
            Location::file("themes"),
            msg!("error.labels-default-missing", code = default),
        ));
    };
    let mut errors = Diagnostics::new();
    let mut warnings = Vec::new();
    let mut out = BTreeMap::new();
    for (code, own) in &texts {
        for (key, (_, file, line)) in own {
            if !base.contains_key(key) {
                errors.record(Error::input(
                    Location::at(file, *line, None),
                    msg!("error.label-unknown", key = key, code = default),
                ));
            }
        }
        let missing: Vec<&str> = base
            .keys()
            .filter(|k| !own.contains_key(*k))
            .map(String::as_str)
            .collect();
        if let Some(first) = missing.first() {
            let file = own
                .values()
                .next()
                .map_or_else(|| PathBuf::from("labels"), |(_, f, _)| f.clone());
            let mut shown: Vec<&str> = missing.iter().take(8).copied().collect();
            if missing.len() > shown.len() {
                shown.push("…");
            }
            warnings.push(Diagnostic::warning(
                Location::file(file),
                "label-missing",
                msg!(
                    "warning.label-missing",
                    code = code,
                    count = missing.len(),
                    keys = shown.join(", "),
                    first = first,
                    default = default
                ),
            ));
        }
        let flat = base
            .iter()
            .map(|(k, (text, _, _))| {
                let text = own.get(k).map_or(text, |(t, _, _)| t);
                (k.clone(), text.clone())
            })
            .collect();
        out.insert(code.clone(), Labels::new(code, flat));
    }
    errors.finish((out, warnings))
}

/// The templates every theme must have.
pub(crate) const REQUIRED: &[&str] = &[
    "base.html",
    "index.html",
    "section.html",
    "page.html",
    "taxonomy.html",
    "404.html",
];

/// Compiles the theme's templates into one tera instance. Syntax errors name the template file
/// and line.
pub(crate) fn compile(theme: &Theme) -> Result<tera::Tera> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_filter(
        "ja_date",
        ja_date(theme.labels.get("ja").cloned().unwrap_or_default()),
    );
    tera.register_filter("local_date", LocalDate(theme.labels.clone()));
    tera.register_filter("fill", fill);
    // Parsing is what takes the time (about 12 ms for the default theme): the templates are
    // parsed in parallel, each on its own so that a syntax error names its file, and handed to
    // tera as `add_raw_templates` would (its `templates` map is public, if undocumented; the
    // version is pinned in Cargo.lock and the theme tests cover this).
    let parsed: Vec<Result<(String, tera::Template)>> = theme
        .templates
        .par_iter()
        .map(|(name, src)| {
            tera::Template::new(name, None, &src.text)
                .map(|t| (name.clone(), t))
                .map_err(|e| template_error(&src.origin, &e))
        })
        .collect();
    // The first mistake in the order of the names, whichever thread found it first.
    for template in parsed {
        let (name, template) = template?;
        tera.templates.insert(name, template);
    }
    tera.build_inheritance_chains()
        .and_then(|()| tera.check_macro_files())
        .map_err(|e| template_error(Path::new("themes"), &e))?;
    if let Some(cycle) = include_cycle(theme) {
        let origin = &theme.templates[&cycle[0]].origin;
        return Err(Error::input(
            Location::file(origin),
            msg!(
                "error.template-include-cycle",
                name = cycle[0],
                cycle = cycle.join(" → ")
            ),
        ));
    }
    for name in REQUIRED {
        if !theme.templates.contains_key(*name) {
            return Err(Error::input(
                Location::file("themes"),
                msg!("error.theme-template-missing", name = name),
            ));
        }
    }
    Ok(tera)
}

/// The `ja_date` filter of themes written before `local_date`: `2027-02-05` → 2027年2月5日,
/// `2027-02-05T17:00` → 2027年2月5日 17:00, whatever the page's language (the theme's `ja`
/// labels' patterns); anything else is returned as it is.
fn ja_date(labels: Labels) -> impl tera::Filter {
    move |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
        Ok(match value.as_str() {
            Some(text) => tera::Value::String(labels.date_text(text)),
            None => value.clone(),
        })
    }
}

/// The `fill` filter: `{{ labels.help.town_list | fill(town=municipality.name) }}` puts each
/// argument where the label says `{town}` (numbers as digits).
fn fill(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let Some(pattern) = value.as_str() else {
        return Ok(value.clone());
    };
    let texts: Vec<(&str, String)> = args
        .iter()
        .map(|(name, v)| {
            let text = match v {
                tera::Value::String(s) => s.clone(),
                tera::Value::Null => String::new(),
                other => other.to_string(),
            };
            (name.as_str(), text)
        })
        .collect();
    let pairs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    Ok(tera::Value::String(crate::labels::fill(pattern, &pairs)))
}

/// The `local_date` filter: `{{ page.updated | local_date(lang=lang) }}` writes a
/// `YYYY-MM-DD` (or `YYYY-MM-DDTHH:MM`) date with the patterns of the language's labels
/// (2027年2月5日, 5 February 2027); anything else is returned as it is.
struct LocalDate(BTreeMap<String, Labels>);

impl tera::Filter for LocalDate {
    fn filter(
        &self,
        value: &tera::Value,
        args: &std::collections::HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let Some(text) = value.as_str() else {
            return Ok(value.clone());
        };
        let code = args
            .get("lang")
            .and_then(tera::Value::as_str)
            .unwrap_or("ja");
        Ok(match self.0.get(code) {
            Some(labels) => tera::Value::String(labels.date_text(text)),
            None => value.clone(),
        })
    }
}

/// The templates a template includes with `{% include "…" %}` (tera checks `extends` itself, but
/// an include loop only shows when rendering, as a stack overflow).
fn includes(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for tag in text.split("{%").skip(1) {
        let tag = tag.split("%}").next().unwrap_or_default();
        let tag = tag.trim_start_matches('-').trim_start();
        if let Some(rest) = tag.strip_prefix("include") {
            out.extend(rest.split('"').skip(1).step_by(2));
        }
    }
    out
}

/// A chain of includes that comes back to where it started (`[a, b, a]`), if the theme has one.
fn include_cycle(theme: &Theme) -> Option<Vec<String>> {
    let edges: BTreeMap<&str, Vec<&str>> = theme
        .templates
        .iter()
        .map(|(name, src)| (name.as_str(), includes(&src.text)))
        .collect();
    // Depth-first, with an explicit stack: (template, index of the next include to follow).
    let mut done: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for &start in edges.keys() {
        if done.contains(start) {
            continue;
        }
        let mut path: Vec<(&str, usize)> = vec![(start, 0)];
        while let Some((node, next)) = path.last_mut() {
            let children = edges.get(*node).map_or(&[][..], Vec::as_slice);
            let Some(&child) = children.get(*next) else {
                done.insert(*node);
                path.pop();
                continue;
            };
            *next += 1;
            if let Some(at) = path.iter().position(|(n, _)| *n == child) {
                let mut cycle: Vec<String> =
                    path[at..].iter().map(|(n, _)| n.to_string()).collect();
                cycle.push(child.to_string());
                return Some(cycle);
            }
            if !done.contains(child) && edges.contains_key(child) {
                path.push((child, 0));
            }
        }
    }
    None
}

/// A tera error as a user error: the whole cause chain, with the line when tera gives one.
pub(crate) fn template_error(origin: &Path, e: &tera::Error) -> Error {
    let chain = error_chain(e);
    // Tera's parse errors read "--> LINE:COL | … = what was expected".
    let position = chain.split("--> ").nth(1).and_then(|s| {
        let (line, rest) = s.split_once(':')?;
        let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
        Some((
            line.trim().parse::<usize>().ok()?,
            col.parse::<usize>().ok(),
        ))
    });
    let message = match chain.split_once("= ") {
        Some((_, expected)) if position.is_some() => {
            msg!("error.template-syntax", why = expected.trim())
        }
        _ => msg!("error.template", why = chain),
    };
    let location = match position {
        Some((line, col)) => Location::at(origin, line, col),
        None => Location::file(origin),
    };
    Error::input(location, message)
}

/// `e` and all its causes, joined.
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s.replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_theme_has_required_templates_and_compiles() {
        let theme = Theme::embedded();
        for t in REQUIRED {
            assert!(theme.templates.contains_key(*t), "{t}");
        }
        compile(&theme).unwrap();
        assert!(!theme.static_files.is_empty());
    }

    #[test]
    fn the_shipped_languages_have_exactly_the_keys_of_japanese() {
        let files = embedded_label_files().unwrap();
        let ja: Vec<&String> = files["ja"].keys().collect();
        for code in ["easy", "en"] {
            let keys: Vec<&String> = files[code].keys().collect();
            let missing: Vec<_> = ja.iter().filter(|k| !keys.contains(k)).collect();
            let extra: Vec<_> = keys.iter().filter(|k| !ja.contains(k)).collect();
            assert!(missing.is_empty(), "{code}.toml lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{code}.toml has keys ja.toml lacks: {extra:?}"
            );
        }
        let (_, warnings) = complete_labels(files, "ja").unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn a_missing_label_falls_back_and_is_reported_and_a_typo_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let labels = dir.path().join("labels");
        std::fs::create_dir(&labels).unwrap();
        std::fs::write(labels.join("zh.toml"), "[help]\nnow = \"现在想咨询的人\"\n").unwrap();
        std::fs::write(labels.join("ja.toml"), "[help]\nnow = \"いますぐ\"\n").unwrap();
        let theme = Theme::load(dir.path(), DEFAULT_NAME, "ja").unwrap();
        // A project's file overrides the theme's keys it has, and only those.
        assert_eq!(theme.labels["ja"].text("help.now"), "いますぐ");
        assert_eq!(theme.labels["ja"].text("frame.home"), "ホーム");
        assert_eq!(theme.labels["zh"].text("help.now"), "现在想咨询的人");
        assert_eq!(theme.labels["zh"].text("frame.home"), "ホーム");
        assert_eq!(theme.warnings.len(), 1, "{:?}", theme.warnings);
        let w = &theme.warnings[0];
        assert_eq!(
            w.location.path.as_deref(),
            Some(Path::new("labels/zh.toml"))
        );
        assert!(
            w.message.contains("frame.") || w.message.contains("audience."),
            "{w:?}"
        );

        std::fs::write(
            labels.join("zh.toml"),
            "[help]\nnow = \"x\"\nnoww = \"y\"\n",
        )
        .unwrap();
        let e = Theme::load(dir.path(), DEFAULT_NAME, "ja").unwrap_err();
        assert!(e.to_string().starts_with("labels/zh.toml:3"), "{e}");
        assert!(e.to_string().contains("help.noww"), "{e}");

        std::fs::write(labels.join("zh.toml"), "[help]\nnow = 3\n").unwrap();
        let e = Theme::load(dir.path(), DEFAULT_NAME, "ja").unwrap_err();
        assert!(e.to_string().starts_with("labels/zh.toml:2"), "{e}");
    }

    #[test]
    fn closed_lists_read_as_data_writes_them_in_japanese() {
        use crate::data::list::ClosedList;
        fn same<T: ClosedList + std::fmt::Debug>(
            labels: &Labels,
            name: fn(T) -> &'static str,
            table: &str,
        ) {
            for (key, value) in T::KEYS {
                assert_eq!(labels.item(table, key), name(*value), "{table}.{key}");
            }
        }
        let ja = &Theme::embedded().labels["ja"];
        use crate::data::{audience, events, hours, windows};
        same(
            ja,
            audience::HelpAudience::label,
            audience::HelpAudience::LABELS,
        );
        same(ja, events::EventKind::label, events::EventKind::LABELS);
        same(ja, events::EventAccess::label, events::EventAccess::LABELS);
        same(ja, hours::Weekday::label, hours::Weekday::LABELS);
        same(
            ja,
            windows::WindowAccess::label,
            windows::WindowAccess::LABELS,
        );
    }

    #[test]
    fn dates_read_the_japanese_way() {
        let filter = ja_date(Theme::embedded().labels["ja"].clone());
        let f = |s: &str| {
            tera::Filter::filter(&filter, &tera::Value::from(s), &Default::default()).unwrap()
        };
        assert_eq!(f("2027-02-05"), "2027年2月5日");
        assert_eq!(f("2027-02-05T17:00"), "2027年2月5日 17:00");
        assert_eq!(f("随時"), "随時");
    }

    #[test]
    fn an_include_loop_is_an_error_naming_the_chain() {
        let mut theme = Theme::embedded();
        for (name, text) in [
            ("partials/a.html", "{%- include \"partials/b.html\" -%}"),
            ("partials/b.html", "{% include \"partials/a.html\" %}"),
        ] {
            theme.templates.insert(
                name.into(),
                TemplateSource {
                    text: text.into(),
                    origin: PathBuf::from(format!("themes/t/templates/{name}")),
                },
            );
        }
        let e = compile(&theme).unwrap_err();
        assert!(
            e.to_string()
                .contains("partials/a.html → partials/b.html → partials/a.html"),
            "{e}"
        );
        assert!(include_cycle(&Theme::embedded()).is_none());
    }

    #[test]
    fn a_template_syntax_error_names_the_file() {
        let mut theme = Theme::embedded();
        theme.templates.insert(
            "page.html".into(),
            TemplateSource {
                text: "{% if %}".into(),
                origin: PathBuf::from("themes/default/templates/page.html"),
            },
        );
        let e = compile(&theme).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("themes/default/templates/page.html"),
            "{e}"
        );
    }
}
