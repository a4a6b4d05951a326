//! One content page of a town: its body, title, breadcrumbs, neighbours and children, through
//! its template.

use crate::analyze::Page;

use crate::error::Result;
use crate::furigana::Level;

use super::body::{Body, render_body, toc};
use super::finish::qr_svg;
use super::paths::root_of;
use super::ruby;
use super::town::TownCtx;
use super::view::{self, HelpLineView, LinkView, PageView};

/// The HTML of the page `key` of the town.
pub(super) fn render_page(ctx: &TownCtx<'_>, key: &str, page: &Page) -> Result<String> {
    let path = &ctx.paths[key];
    let root = root_of(path);
    let level = ctx.furigana_level(key, page);
    let Body {
        html: body,
        has_ruby: body_ruby,
        shortcode_text,
    } = render_body(ctx, page, &root, level)?;
    let (title_html, _) = ctx.ruby_html(&page.front.title, level);
    let is_section = page.is_section();
    let Neighbours {
        breadcrumbs,
        previous,
        next,
        pages,
        subsections,
    } = neighbours(ctx, key, path, &root, is_section);
    let view = PageView {
        draft: page.front.draft,
        title: &page.front.title,
        description: page
            .front
            .description
            .clone()
            .unwrap_or_else(|| truncate(&page.doc.summary, 120)),
        content: ruby::done(&body),
        title_html: ruby::done(&title_html),
        // Readings anywhere on the page (the theme's words get them too), or written by hand.
        has_ruby: level != Level::None || body_ruby,
        furigana: level.to_string(),
        toc: if page.front.toc {
            toc(page, &shortcode_text)
        } else {
            Vec::new()
        },
        date: page.front.date,
        updated: page.front.updated,
        review: page.front.review.as_ref(),
        unreviewed: page.front.review.is_none() && !page.front.topics.is_empty(),
        sources: &page.front.sources,
        jsonld: view::page_jsonld(
            &page.front.title,
            &format!("{}{path}", ctx.town.municipality.base_url),
            &page.front.sources,
        ),
        audience: page
            .front
            .audience
            .map(crate::data::audience::PageAudience::key),
        // The topic pages are in the content's own language only.
        topics: if page.language == ctx.site.config.languages.main().code {
            ctx.topic_views(&page.front.topics, &root)
        } else {
            Vec::new()
        },
        path: path.clone(),
        qr_svg: qr_svg(
            &format!("{}{path}", ctx.town.municipality.base_url),
            ctx.labels_of(key).text("qr.page"),
        ),
        permalink: format!("{}{path}", ctx.town.municipality.base_url),
        is_section,
        breadcrumbs,
        previous,
        next,
        pages,
        subsections,
    };
    let home = ctx.site.config.languages.parent_section(key).is_none();
    let template = template_of(page, home);
    let mut context = ctx.base_context(&root, path);
    help_for_readers(ctx, page, &mut context);
    // The 受付中 badge's scripts load only where a window or line carries opening hours.
    context.insert("has_badges", &body.contains(" data-hours="));
    context.insert("alternates", &ctx.alternates(key, &root));
    context.insert("page", &view);
    context.insert("has_ruby", &view.has_ruby);
    ctx.render_template(template, &context, &page.path, level, path)
}

/// The help box offers the lines for the page's readers (pupils: children's lines first).
fn help_for_readers(ctx: &TownCtx<'_>, page: &Page, context: &mut tera::Context) {
    let audience = page
        .front
        .audience
        .map(crate::data::audience::PageAudience::key);
    let lang = page.language.as_str();
    context.insert(
        "help_lines",
        &HelpLineView::all(
            &ctx.site.help_lines.help_box_in(audience, lang),
            ctx.labels_of(&page.key),
        ),
    );
    context.insert(
        "chat_lines",
        &HelpLineView::all(
            &ctx.site.help_lines.chats_in(audience, lang),
            ctx.labels_of(&page.key),
        ),
    );
}

/// The links around a page: its sections above it, the pages before and after it in its
/// section, and (for a section) its pages and subsections.
struct Neighbours {
    breadcrumbs: Vec<LinkView>,
    previous: Option<LinkView>,
    next: Option<LinkView>,
    pages: Vec<LinkView>,
    subsections: Vec<LinkView>,
}

/// The [`Neighbours`] of the page `key` at `path`, linked from `root`.
fn neighbours(
    ctx: &TownCtx<'_>,
    key: &str,
    path: &str,
    root: &str,
    is_section: bool,
) -> Neighbours {
    let mut breadcrumbs = Vec::new();
    let mut parent = ctx.parents.get(key);
    while let Some(p) = parent {
        breadcrumbs.insert(0, ctx.link(p, root, path));
        parent = ctx.parents.get(p);
    }
    let (previous, next) = match ctx.parents.get(key).and_then(|p| ctx.children.get(p)) {
        Some((siblings, _)) if !is_section => {
            let i = siblings.iter().position(|k| *k == key);
            let prev = i
                .and_then(|i| i.checked_sub(1))
                .map(|j| ctx.link(siblings[j], root, ""));
            let next = i
                .and_then(|i| siblings.get(i + 1))
                .map(|k| ctx.link(k, root, ""));
            (prev, next)
        }
        _ => (None, None),
    };
    let (pages, subsections) = ctx
        .children
        .get(key)
        .map_or_else(Default::default, |(p, s)| {
            (
                p.iter().map(|k| ctx.link(k, root, "")).collect(),
                s.iter().map(|k| ctx.link(k, root, "")).collect(),
            )
        });
    Neighbours {
        breadcrumbs,
        previous,
        next,
        pages,
        subsections,
    }
}

/// The template of a page: its own, or the home page's (of a language), a section's or a page's.
fn template_of(page: &Page, home: bool) -> &str {
    match (&page.front.template, home, page.is_section()) {
        (Some(t), _, _) => t.as_str(),
        (None, true, _) => "index.html",
        (None, false, true) => "section.html",
        (None, false, false) => "page.html",
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}
