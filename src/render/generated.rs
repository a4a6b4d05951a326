//! Pages and files every site gets that do not come from Markdown: topic listings, the events
//! page with its iCalendar files, the accessibility policy, the 404 page, the site map (a page
//! listing every page) and `sitemap.xml`, the search page, the holiday table for the 受付中
//! badge, and the portal that lists the municipalities.

use crate::analyze::AnalyzedSite;
use crate::date::Date;
use crate::error::{Error, Location, Result};
use crate::markdown::inline_syntax::escape;
use crate::msg;
use crate::search::SEARCH_PATH;
use crate::theme::error_chain;

use super::finish::finish_html;
use super::languages::LanguageView;
use super::paths::{ACCESSIBILITY_PATH, EVENTS_PATH, SITEMAP_PATH, root_of};
use super::town::TownCtx;
use super::view::{HelpLineView, LinkView, SiteView, TopicView, TreeView};

pub(super) fn render_topics(ctx: &TownCtx<'_>) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let all: Vec<String> = ctx
        .topics
        .keys()
        .map(std::string::ToString::to_string)
        .collect();
    let origin = std::path::Path::new("taxonomy.html");
    {
        let path = "topics/";
        let root = root_of(path);
        let mut c = ctx.base_context(&root, path);
        c.insert("terms", &ctx.topic_views(&all, &root));
        c.insert("term", &None::<TopicView>);
        c.insert("term_pages", &Vec::<LinkView>::new());
        c.insert("page_title", ctx.labels.text("title.topics"));
        out.push((
            format!("{path}index.html"),
            ctx.render_template("taxonomy.html", &c, origin, ctx.town_level(), path)?,
        ));
    }
    for slug in &all {
        let path = format!("topics/{slug}/");
        let root = root_of(&path);
        let mut c = ctx.base_context(&root, &path);
        let term = ctx.topic_views(std::slice::from_ref(slug), &root).remove(0);
        let pages: Vec<LinkView> = ctx.topics[slug.as_str()]
            .iter()
            .map(|k| ctx.link(k, &root, ""))
            .collect();
        c.insert("terms", &ctx.topic_views(&all, &root));
        c.insert(
            "page_title",
            &ctx.labels.fill("title.topic", &[("name", &term.label)]),
        );
        c.insert("term", &term);
        c.insert("term_pages", &pages);
        out.push((
            format!("{path}index.html"),
            ctx.render_template("taxonomy.html", &c, origin, ctx.town_level(), &path)?,
        ));
    }
    Ok(out)
}

/// The events page (upcoming and past, split at `today`), one `.ics` file per event and a
/// calendar feed of all events.
pub(super) fn render_events(ctx: &TownCtx<'_>, today: Date) -> Result<Vec<(String, Vec<u8>)>> {
    use crate::data::events;
    let m = &ctx.town.municipality;
    let host = m
        .base_url
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or("tsunagi");
    // A health center runs one training for several towns, often under one event id: the town
    // goes into the UID, so that each calendar's event is its own and stays the same across
    // builds.
    let uid_domain = format!("{}.{host}", m.slug);
    let host = uid_domain.as_str();
    let (past, upcoming): (Vec<&events::Event>, Vec<&events::Event>) =
        m.events.iter().partition(|e| e.is_past(today));
    let mut out = Vec::new();
    for e in &m.events {
        let cal = events::calendar(&e.title, &[e], host, today);
        out.push((format!("{EVENTS_PATH}{}.ics", e.id), cal.into_bytes()));
    }
    // The calendar file is data, like the open data: in the default language.
    let feed_name = ctx.default_labels().fill(
        "title.event_feed",
        &[("town", &m.name), ("site", &ctx.site.config.title)],
    );
    let all: Vec<&events::Event> = m.events.iter().collect();
    out.push((
        format!("{EVENTS_PATH}calendar.ics"),
        events::calendar(&feed_name, &all, host, today).into_bytes(),
    ));
    let root = root_of(EVENTS_PATH);
    let mut c = ctx.base_context(&root, EVENTS_PATH);
    let mut past = past;
    past.reverse(); // most recent first
    let upcoming_views: Vec<_> = upcoming
        .iter()
        .map(|e| super::view::EventView::of(e, ctx.labels))
        .collect();
    let past_views: Vec<_> = past
        .iter()
        .map(|e| super::view::EventView::of(e, ctx.labels))
        .collect();
    c.insert("upcoming", &upcoming_views);
    c.insert("past", &past_views);
    c.insert("today", &today.to_string());
    c.insert("page_title", ctx.labels.text("title.events"));
    c.insert(
        "jsonld",
        &crate::html::json_in_script(&events_json_ld(&upcoming, &m.name)),
    );
    let html = ctx.render_template(
        "events.html",
        &c,
        std::path::Path::new("events.html"),
        ctx.town_level(),
        EVENTS_PATH,
    )?;
    out.push((
        format!("{EVENTS_PATH}index.html"),
        finish_html(&html, ctx.site.config.minify),
    ));
    Ok(out)
}

/// schema.org `EducationEvent` (training, lectures, classes) or `Event` for each event.
fn events_json_ld(events: &[&crate::data::events::Event], area: &str) -> serde_json::Value {
    use serde_json::json;
    let iso = |m: crate::date::Moment| {
        if m.time.is_some() {
            format!("{m}:00+09:00")
        } else {
            m.to_string()
        }
    };
    let list: Vec<serde_json::Value> = events
        .iter()
        .map(|e| {
            let kind = if e.kind.is_education() { "EducationEvent" } else { "Event" };
            let mut v = json!({
                "@type": kind,
                "name": e.title,
                "startDate": iso(e.start),
                "endDate": iso(e.end),
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "eventStatus": "https://schema.org/EventScheduled",
                "location": {"@type": "Place", "name": e.venue.name, "address": if e.venue.address.is_empty() { area.to_string() } else { e.venue.address.clone() }},
            });
            if !e.organiser.is_empty() {
                v["organizer"] = json!({"@type": "Organization", "name": e.organiser});
            }
            if let Some(c) = e.capacity {
                v["maximumAttendeeCapacity"] = json!(c);
            }
            if e.fee == "無料" {
                v["isAccessibleForFree"] = json!(true);
            }
            if !e.description.is_empty() {
                v["description"] = json!(e.description);
            }
            v
        })
        .collect();
    json!({"@context": "https://schema.org", "@graph": list})
}

pub(super) fn render_accessibility(ctx: &TownCtx<'_>) -> Result<String> {
    own_page(
        ctx,
        "accessibility.html",
        ACCESSIBILITY_PATH,
        ctx.labels.text("title.accessibility"),
        |c, _| {
            c.insert("policy", &ctx.site.config.accessibility);
            c.insert("contact", &ctx.town.municipality.contact);
            c.insert("tsunagi_version", env!("CARGO_PKG_VERSION"));
        },
    )
}

/// The site map: every page, each section's subsections and pages below it.
pub(super) fn render_site_map(ctx: &TownCtx<'_>) -> Result<String> {
    fn tree(ctx: &TownCtx<'_>, key: &str, root: &str) -> TreeView {
        let children = ctx
            .children
            .get(key)
            .map_or_else(Vec::new, |(pages, sections)| {
                sections
                    .iter()
                    .chain(pages)
                    .map(|k| tree(ctx, k, root))
                    .collect()
            });
        TreeView {
            link: ctx.link(key, root, ""),
            children,
        }
    }
    /// A language's pages, from its home page.
    #[derive(serde::Serialize)]
    struct LanguageTree<'a> {
        lang: LanguageView<'a>,
        tree: TreeView,
    }
    let languages = &ctx.site.config.languages;
    own_page(
        ctx,
        "sitemap.html",
        SITEMAP_PATH,
        ctx.labels.text("title.sitemap"),
        |c, root| {
            c.insert("tree", &tree(ctx, crate::content::SECTION_FILE, root));
            let others: Vec<LanguageTree<'_>> = languages
                .variants()
                .iter()
                .filter(|l| ctx.pages.contains_key(languages.home_of(l).as_str()))
                .map(|l| LanguageTree {
                    lang: LanguageView::of(l),
                    tree: tree(ctx, &languages.home_of(l), root),
                })
                .collect();
            c.insert("language_trees", &others);
        },
    )
}

/// The search page: a form, and the results `js/search.js` finds in `search/index.js`; without
/// JavaScript, how to find a page otherwise.
/// The search page: the form, and the help its script shows before the results of a query on
/// a crisis (the national lines for anyone, with the 受付中 badge, and the chat consultations)
/// or after a query that finds nothing.
pub(super) fn render_search(ctx: &TownCtx<'_>) -> Result<String> {
    let lines = &ctx.site.help_lines;
    own_page(
        ctx,
        "search.html",
        SEARCH_PATH,
        ctx.labels.text("title.search"),
        |c, root| {
            c.insert(
                "crisis_lines",
                &HelpLineView::all(&lines.crisis(None), ctx.labels),
            );
            c.insert("has_badges", &true);
            c.insert(
                "help_page_url",
                &ctx.paths
                    .get(ctx.site.config.help_page.as_str())
                    .map(|p| format!("{root}{p}")),
            );
        },
    )
}

/// A generated page with a template of its own (`template`), at `path` from the site root, with
/// furigana at the town's level: the town's context, `page_title`, and what `fill` adds (given the
/// context and the page's root).
pub(super) fn own_page(
    ctx: &TownCtx<'_>,
    template: &str,
    path: &str,
    title: &str,
    fill: impl FnOnce(&mut tera::Context, &str),
) -> Result<String> {
    own_page_at(ctx, template, path, title, ctx.town_level(), fill)
}

/// [`own_page`] with furigana at `level`.
pub(super) fn own_page_at(
    ctx: &TownCtx<'_>,
    template: &str,
    path: &str,
    title: &str,
    level: crate::furigana::Level,
    fill: impl FnOnce(&mut tera::Context, &str),
) -> Result<String> {
    let root = root_of(path);
    let mut c = ctx.base_context(&root, path);
    c.insert("page_title", title);
    fill(&mut c, &root);
    ctx.render_template(template, &c, std::path::Path::new(template), level, path)
}

pub(super) fn render_404(ctx: &TownCtx<'_>) -> Result<String> {
    let root = ctx.town.municipality.base_path.clone();
    let c = ctx.base_context(&root, "404/");
    ctx.render_template(
        "404.html",
        &c,
        std::path::Path::new("404.html"),
        ctx.town_level(),
        "404.html",
    )
}

/// `sitemap.xml`: every page with its last change, and the same page in the site's other
/// languages (`xhtml:link` alternates, as in the page's head).
pub(super) fn sitemap(ctx: &TownCtx<'_>) -> String {
    let base = &ctx.town.municipality.base_url;
    let mut entries: Vec<(&String, Option<&str>, Option<crate::date::Date>)> = ctx
        .pages
        .iter()
        .map(|(k, p)| (&ctx.paths[k], Some(*k), p.front.updated.or(p.front.date)))
        .collect();
    let policy = ACCESSIBILITY_PATH.to_string();
    entries.push((&policy, None, None));
    let events = EVENTS_PATH.to_string();
    entries.push((&events, None, None));
    entries.sort();
    let mut urls = String::new();
    let mut any_alternates = false;
    for (path, key, lastmod) in entries {
        urls.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape(&format!("{base}{path}"))
        ));
        if let Some(d) = lastmod {
            urls.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        for a in key.map(|k| ctx.alternates(k, "")).unwrap_or_default() {
            if let Some(tag) = a.hreflang {
                any_alternates = true;
                urls.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{tag}\" href=\"{}\"/>",
                    escape(&a.permalink)
                ));
            }
        }
        urls.push_str("</url>\n");
    }
    let xhtml = if any_alternates {
        " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""
    } else {
        ""
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"{xhtml}>\n{urls}</urlset>\n"
    )
}

pub(super) fn render_portal(site: &AnalyzedSite, tera: &tera::Tera) -> Result<String> {
    #[derive(serde::Serialize)]
    struct Entry<'a> {
        slug: &'a str,
        code: &'a str,
        name: &'a str,
        kana: &'a str,
        prefecture: &'a str,
        url: String,
        base_url: &'a str,
    }
    let entries: Vec<Entry<'_>> = site
        .towns
        .iter()
        .map(|t| Entry {
            slug: &t.municipality.slug,
            code: &t.municipality.code,
            name: &t.municipality.name,
            kana: &t.municipality.kana,
            prefecture: &t.municipality.prefecture,
            url: format!("{}/", t.municipality.slug),
            base_url: &t.municipality.base_url,
        })
        .collect();
    // In the order of the local-government codes, as official lists are (not by romaji slug).
    let mut entries = entries;
    entries.sort_by(|a, b| (a.code, a.slug).cmp(&(b.code, b.slug)));
    let mut c = tera::Context::new();
    c.insert("site", &SiteView::of(&site.config));
    c.insert("municipalities", &entries);
    // The portal lists every town, in the site's default language.
    let labels = site
        .theme
        .labels_of(&site.config.language, &site.config.language);
    c.insert("labels", labels.tree());
    c.insert("lang", labels.code());
    c.insert(
        "help_lines",
        &HelpLineView::all(&site.help_lines.help_box(None), labels),
    );
    c.insert("root", "./");
    tera.render("portal.html", &c).map_err(|e| {
        Error::input(
            Location::file("portal.html"),
            msg!(
                "error.template-failed",
                template = "portal.html",
                why = error_chain(&e)
            ),
        )
    })
}
