//! Where things are in each municipality's site: the paths the generated pages own, the file of
//! a content page, the way back to the site's root. Plain functions of paths, below every other
//! part of the render stage.

use std::collections::BTreeMap;

use crate::analyze::Page;
use crate::messages::Text;
use crate::search::SEARCH_PATH;
use crate::t;

/// Where each site publishes its events.
pub const EVENTS_PATH: &str = "events/";

/// Where each site publishes its accessibility policy (ウェブアクセシビリティ方針).
pub const ACCESSIBILITY_PATH: &str = "accessibility/";

/// Where each site lists every page (サイトマップ).
pub const SITEMAP_PATH: &str = "sitemap/";

/// Where each site keeps its printables.
pub const PRINT_PATH: &str = "print/";

/// The folder of a page's leaflet, below the page.
pub(super) const LEAFLET_DIR: &str = "leaflet/";

/// The list of municipalities, at the top of the output folder.
pub(super) const PORTAL: &str = "index.html";

/// URL paths the generated pages own: no content page may be at or below them.
pub(super) const RESERVED: &[&str] = &[
    EVENTS_PATH,
    ACCESSIBILITY_PATH,
    "topics/",
    SEARCH_PATH,
    SITEMAP_PATH,
    PRINT_PATH,
];

/// What a reserved path is for, in words.
pub(super) fn reserved_for(prefix: &str) -> Text {
    match prefix {
        EVENTS_PATH => t!("part.reserved-events"),
        ACCESSIBILITY_PATH => t!("part.reserved-accessibility"),
        SEARCH_PATH => t!("part.reserved-search"),
        SITEMAP_PATH => t!("part.reserved-sitemap"),
        PRINT_PATH => t!("part.reserved-print"),
        _ => t!("part.reserved-topics"),
    }
}

/// The file of the content page at `path` (from the site root) of the town `slug`, from the
/// output folder.
pub(super) fn page_file(slug: &str, path: &str) -> String {
    format!("{slug}/{path}index.html")
}

/// `../` once per level of `path`, or `./` at the top.
pub(super) fn root_of(path: &str) -> String {
    let depth = path.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// Whether the page `key` of a town (whose pages are `pages`) has a leaflet: its own `print`
/// setting, else its sections' (nearest first).
pub(super) fn wants_leaflet(
    pages: &BTreeMap<&str, &Page>,
    languages: &crate::language::Languages,
    key: &str,
) -> bool {
    let own = |k: &str| pages.get(k).and_then(|p| p.front.print.as_ref());
    let mut setting = own(key);
    let mut parent = languages.parent_section(key);
    while setting.is_none()
        && let Some(p) = parent
    {
        setting = own(&p);
        parent = languages.parent_section(&p);
    }
    setting.is_some_and(|s| s.contains(&crate::content::PrintLayout::Leaflet))
}

/// Where the leaflet of the page at `page_path` is, from the site root.
pub(super) fn leaflet_path(page_path: &str) -> String {
    format!("{page_path}{LEAFLET_DIR}")
}
