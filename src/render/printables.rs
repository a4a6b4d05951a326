//! Printables: what a health center hands out on paper, from the same content and data as the
//! site, per town, with a QR code leading back to the page.
//!
//! - `print/`: the list of a town's printables, so that staff find them;
//! - `print/cards/`: 相談窓口カード, ten business cards (91 × 55 mm) on an A4 sheet with cut marks:
//!   the town's windows and a national line;
//! - `print/help/`: an A3 poster of the help lines and the town's windows;
//! - `print/events/<id>/`: an A3 poster of each upcoming event;
//! - `<page>/leaflet/`: an A4 leaflet of each page that asks for one (`print = ["leaflet"]` in
//!   its front matter or its section's), in large type, with the town's help numbers and the
//!   page's QR code in a footer on every side.
//!
//! Each is a page of the site (its help box, navigation and footer on screen, so that a reader who
//! lands on one is never stranded); `css/print.css` prints only its sheets, at their paper size.
//! On paper: no live 受付中 badge, dates in Japanese, the date printed and 「最新の情報は QR コード
//! のページで」.

use crate::analyze::Page;
use crate::data::events::Event;
use crate::date::Date;
use crate::error::Result;
use crate::furigana::Level;

use super::finish::qr_svg;
use super::generated::{own_page, own_page_at};
use super::paths::{EVENTS_PATH, PRINT_PATH, leaflet_path, root_of, wants_leaflet};
use super::town::TownCtx;
use super::view::{EventView, HelpLineView, WindowView};

/// A town's printables other than leaflets (see the module's list), by path from the site root.
pub(super) fn render_printables(ctx: &TownCtx<'_>, today: Date) -> Result<Vec<(String, String)>> {
    let m = &ctx.town.municipality;
    let upcoming: Vec<_> = m.events.iter().filter(|e| !e.is_past(today)).collect();
    let mut out = vec![cards(ctx, today)?, help_poster(ctx, today)?];
    for e in &upcoming {
        out.push(event_poster(ctx, e, today)?);
    }
    out.push(print_index(ctx, &upcoming, today)?);
    Ok(out)
}

/// `print/cards/`: 相談窓口カード, ten cards of the town's windows on a sheet.
fn cards(ctx: &TownCtx<'_>, today: Date) -> Result<(String, String)> {
    let path = format!("{PRINT_PATH}cards/");
    let html = sheet(
        ctx,
        "print/cards.html",
        &path,
        ctx.labels.text("print.title_cards"),
        today,
        |c, _| {
            c.insert("slots", &(0..10).collect::<Vec<_>>());
        },
    )?;
    Ok((format!("{path}index.html"), html))
}

/// `print/help/`: the poster of the lines for someone in crisis, for anyone (24 hours and free
/// first, three of them), and the consultations by text, whose addresses the paper prints.
fn help_poster(ctx: &TownCtx<'_>, today: Date) -> Result<(String, String)> {
    let path = format!("{PRINT_PATH}help/");
    let html = sheet(
        ctx,
        "print/help.html",
        &path,
        ctx.labels.text("print.title_help"),
        today,
        |c, _| {
            let lines = &ctx.site.help_lines;
            let crisis = lines.crisis(None);
            c.insert(
                "poster_lines",
                &HelpLineView::all(&crisis[..crisis.len().min(3)], ctx.labels),
            );
            c.insert(
                "poster_chats",
                &HelpLineView::all(&lines.chats(None), ctx.labels),
            );
        },
    )?;
    Ok((format!("{path}index.html"), html))
}

/// `print/events/<id>/`: the poster of an upcoming event, with QR codes of the events page and
/// of the event's calendar file.
fn event_poster(ctx: &TownCtx<'_>, e: &Event, today: Date) -> Result<(String, String)> {
    let path = format!("{PRINT_PATH}events/{}/", e.id);
    let events_url = format!("{}{EVENTS_PATH}", ctx.town.municipality.base_url);
    let ics_url = format!("{events_url}{}.ics", e.id);
    let html = sheet(
        ctx,
        "print/event.html",
        &path,
        &ctx.labels.fill("print.title_event", &[("title", &e.title)]),
        today,
        |c, _| {
            c.insert("e", &EventView::of(e, ctx.labels));
            c.insert("events_permalink", &events_url);
            c.insert(
                "events_qr",
                &qr_svg(&events_url, ctx.labels.text("qr.events")),
            );
            c.insert("ics_permalink", &ics_url);
            c.insert("ics_qr", &qr_svg(&ics_url, ctx.labels.text("qr.ics")));
        },
    )?;
    Ok((format!("{path}index.html"), html))
}

/// `print/`: the list of the town's printables — its pages' leaflets and the `upcoming` events'
/// posters.
fn print_index(ctx: &TownCtx<'_>, upcoming: &[&Event], today: Date) -> Result<(String, String)> {
    let leaflets: Vec<super::view::LinkView> = ctx
        .pages
        .iter()
        .filter(|(k, _)| wants_leaflet(&ctx.pages, &ctx.site.config.languages, k))
        .map(|(k, _)| {
            let mut link = ctx.link(k, &root_of(PRINT_PATH), "");
            link.url = format!("{}{}", root_of(PRINT_PATH), leaflet_path(&ctx.paths[k]));
            link
        })
        .collect();
    let events: Vec<(String, String)> = upcoming
        .iter()
        .map(|e| (e.id.clone(), e.title.clone()))
        .collect();
    let html = sheet(
        ctx,
        "print/index.html",
        PRINT_PATH,
        ctx.labels.text("print.title_index"),
        today,
        |c, _| {
            c.insert("leaflets", &leaflets);
            c.insert("event_posters", &events);
        },
    )?;
    Ok((format!("{PRINT_PATH}index.html"), html))
}

/// The leaflet of the page `key`, at `<page>/leaflet/` from the site root: its title and body
/// (`body`, rendered for the page at its furigana `level`) in large type, with the town's help
/// numbers and the page's QR code in a footer.
pub(super) fn render_leaflet(
    ctx: &TownCtx<'_>,
    key: &str,
    page: &Page,
    body: &str,
    level: Level,
) -> Result<String> {
    let page_path = &ctx.paths[key];
    let (title_html, _) = ctx.ruby_html(&page.front.title, level);
    let permalink = format!("{}{page_path}", ctx.town.municipality.base_url);
    own_page_at(
        ctx,
        "print/leaflet.html",
        &leaflet_path(page_path),
        &page.front.title,
        level,
        |c, root| {
            print_context(ctx, c, ctx.today);
            c.insert("leaflet_title_html", &super::ruby::done(&title_html));
            c.insert("leaflet_body", &super::ruby::done(body));
            c.insert("page_permalink", &permalink);
            c.insert(
                "page_qr",
                &qr_svg(&permalink, ctx.labels_of(page_path).text("qr.page")),
            );
            c.insert("page_url", &format!("{root}{page_path}"));
            c.insert(
                "has_ruby",
                &(level != Level::None || body.contains("<ruby>")),
            );
            c.insert(
                "help_lines",
                &HelpLineView::all(
                    &ctx.site.help_lines.help_box(
                        page.front
                            .audience
                            .map(crate::data::audience::PageAudience::key),
                    ),
                    ctx.labels,
                ),
            );
        },
    )
}

/// What every printable sees besides the page's own context: `printed_on` (the build date), the
/// town's windows (`town_windows`) and the help page's address and QR code.
fn print_context(ctx: &TownCtx<'_>, c: &mut tera::Context, today: Date) {
    let m = &ctx.town.municipality;
    c.insert("printed_on", &today.to_string());
    let windows: Vec<WindowView<'_>> = m
        .windows
        .iter()
        .map(|w| WindowView::of(w, ctx.labels))
        .collect();
    c.insert("town_windows", &windows);
    let help_page = ctx
        .paths
        .get(ctx.site.config.help_page.as_str())
        .map_or_else(String::new, |p| format!("{}{p}", m.base_url));
    c.insert("help_qr", &qr_svg(&help_page, ctx.labels.text("qr.help")));
    c.insert("help_permalink", &help_page);
}

/// A printable of its own template at `path` (from the site root).
fn sheet(
    ctx: &TownCtx<'_>,
    template: &str,
    path: &str,
    title: &str,
    today: Date,
    fill: impl FnOnce(&mut tera::Context, &str),
) -> Result<String> {
    own_page(ctx, template, path, title, |c, root| {
        print_context(ctx, c, today);
        fill(c, root);
    })
}
