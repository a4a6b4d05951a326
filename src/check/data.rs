//! Phone numbers, windows and events: a number in the text that cannot be dialled, a number one
//! digit away from a national help line's, windows and national lines not checked for long
//! (found by the build), past events still linked, and example data left in a site about to be
//! published.

use super::rule::{Family, Findings, Level, PageCtx, Rule, Run, TownCtx};
use crate::data::help_lines::HelpLines;
use crate::data::phone;
use crate::{msg, t};

pub(super) const RULES: &[Rule] = &[
    Rule {
        id: "phone-malformed",
        family: Family::Data,
        level: Level::Warning,
        explain: || t!("explain.phone-malformed"),
        run: Run::Page(phone_malformed),
    },
    Rule {
        id: "phone-near-national",
        family: Family::Data,
        level: Level::Error,
        explain: || t!("explain.phone-near-national"),
        run: Run::Both(near_national_in_text, near_national_in_windows),
    },
    Rule {
        id: "verified-date",
        family: Family::Data,
        level: Level::Warning,
        explain: || t!("explain.verified-date"),
        run: Run::Build,
    },
    Rule {
        id: "help-line-checked",
        family: Family::Data,
        level: Level::Warning,
        explain: || t!("explain.help-line-checked"),
        run: Run::Build,
    },
    Rule {
        id: "event-past-linked",
        family: Family::Data,
        level: Level::Warning,
        explain: || t!("explain.event-past-linked"),
        run: Run::Town(event_past_linked),
    },
    Rule {
        id: "example-data",
        family: Family::Data,
        level: Level::Error,
        explain: || t!("explain.example-data"),
        run: Run::Town(example_data),
    },
    Rule {
        id: "window-unreachable",
        family: Family::Data,
        level: Level::Warning,
        explain: || t!("explain.window-unreachable"),
        run: Run::Town(window_unreachable),
    },
];

/// Phone-like numbers in `text`: (byte offset, as written). A candidate starts with 0 (ASCII or
/// full width) and is a run of digits and hyphens with two hyphens, or of 9 digits or more.
fn numbers(text: &str) -> Vec<(usize, &str)> {
    let is_part = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || "-‐－−".contains(c);
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let before = text[..start].chars().next_back();
        if !(c == '0' || c == '０')
            || before.is_some_and(|b| is_part(b) || b.is_ascii_alphanumeric())
        {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if !is_part(c) {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        let run = text[start..end].trim_end_matches(['-', '‐', '－', '−']);
        let hyphens = run.chars().filter(|c| "-‐－−".contains(*c)).count();
        let digits = run.chars().filter(|c| !"-‐－−".contains(*c)).count();
        if hyphens >= 2 || (hyphens == 0 && digits >= 9) {
            out.push((start, run));
        }
    }
    out
}

fn phone_malformed(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for b in &cx.text.blocks {
        for (i, number) in numbers(&b.text) {
            if let Err(why) = phone::normalize(number) {
                out.at(
                    b.source_offset(i),
                    msg!("warning.check-phone-malformed", why = why),
                );
            }
        }
    }
}

/// The national line whose number `digits` is one mistake away from: one digit changed, or
/// two neighbours swapped.
fn near_national<'l>(lines: &'l HelpLines, digits: &str) -> Option<(&'l str, &'l str)> {
    let all = lines.lines.iter().flat_map(|l| {
        l.numbers
            .iter()
            .map(move |n| (l.name.as_str(), n.number.as_str()))
    });
    for (name, number) in all {
        let Ok(real) = phone::normalize(number) else {
            continue;
        };
        if real.len() != digits.len() || real == digits {
            continue;
        }
        let diff: Vec<usize> = real
            .bytes()
            .zip(digits.bytes())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .map(|(i, _)| i)
            .collect();
        let swapped = diff.len() == 2
            && diff[1] == diff[0] + 1
            && real.as_bytes()[diff[0]] == digits.as_bytes()[diff[1]]
            && real.as_bytes()[diff[1]] == digits.as_bytes()[diff[0]];
        if diff.len() == 1 || swapped {
            return Some((name, number));
        }
    }
    None
}

fn near_national_in_text(cx: &PageCtx<'_>, out: &mut Findings<'_>) {
    for b in &cx.text.blocks {
        for (i, number) in numbers(&b.text) {
            if let Some((name, real)) = phone::normalize(number)
                .ok()
                .as_deref()
                .and_then(|d| near_national(&cx.site.help_lines, d))
            {
                out.at(
                    b.source_offset(i),
                    msg!(
                        "error.check-phone-near-national",
                        number = number,
                        line = name,
                        real = real
                    ),
                );
            }
        }
    }
}

fn near_national_in_windows(cx: &TownCtx<'_>, out: &mut Findings<'_>) {
    let m = &cx.town.municipality;
    for (w, window) in m.windows.iter().enumerate() {
        for (p, ph) in window.phones.iter().enumerate() {
            if let Some((name, real)) = phone::normalize(&ph.number)
                .ok()
                .as_deref()
                .and_then(|d| near_national(&cx.site.help_lines, d))
            {
                out.file(
                    m.location(&format!("windows[{w}].phones[{p}].number")),
                    msg!(
                        "error.check-phone-near-national",
                        number = ph.number,
                        line = name,
                        real = real
                    ),
                );
            }
        }
    }
}

fn event_past_linked(cx: &TownCtx<'_>, out: &mut Findings<'_>) {
    let m = &cx.town.municipality;
    let past: Vec<&str> = m
        .events
        .iter()
        .filter(|e| e.is_past(cx.today))
        .map(|e| e.id.as_str())
        .collect();
    if past.is_empty() {
        return;
    }
    for page in cx.town.pages(&cx.site.shared).values() {
        let Some(text) = cx.texts.get(page.path.as_path()) else {
            continue;
        };
        for link in &text.links {
            let file = link.dest.rsplit('/').next().unwrap_or_default();
            if let Some(id) = file.strip_suffix(".ics")
                && past.contains(&id)
                && link.dest.contains("events/")
            {
                out.file(
                    cx.body_location(page, link.at),
                    msg!("warning.check-event-past-linked", event = id, slug = m.slug),
                );
            }
        }
    }
}

/// Example data left in a site about to be published (`--production` only): entries marked
/// `example = true`, and what only example data has even when the mark is gone — a site or an
/// address at a name kept for examples (`example.jp`, `example.com`, `.test`…) and names marked
/// （例）.
fn example_data(cx: &TownCtx<'_>, out: &mut Findings<'_>) {
    if !cx.production {
        return;
    }
    example_base_url(cx, out);
    let m = &cx.town.municipality;
    if let Some(c) = m.contact.as_ref() {
        if c.example {
            out.file(
                m.location("contact.example"),
                msg!("error.check-example-data", name = c.name),
            );
        } else {
            let fields = [
                ("name", c.name.as_str()),
                ("email", &c.email),
                ("form_url", &c.form_url),
            ];
            example_values(m, "contact.", &fields, out);
        }
    }
    for (i, w) in m.windows.iter().enumerate() {
        if w.example {
            out.file(
                m.location(&format!("windows[{i}].example")),
                msg!("error.check-example-data", name = w.name),
            );
            continue;
        }
        let fields = [
            ("name", w.name.as_str()),
            ("organisation", &w.organisation),
            ("email", &w.email),
            ("form_url", &w.form_url),
            ("url", &w.url),
            ("source", &w.source),
            ("address", &w.address),
        ];
        example_values(m, &format!("windows[{i}]."), &fields, out);
    }
    for (i, e) in m.events.iter().enumerate() {
        if e.example {
            out.file(
                m.location(&format!("events[{i}].example")),
                msg!("error.check-example-data", name = e.title),
            );
            continue;
        }
        let fields = [
            ("title", e.title.as_str()),
            ("venue.name", &e.venue.name),
            ("organiser", &e.organiser),
            ("contact_name", &e.contact_name),
            ("url", &e.url),
        ];
        example_values(m, &format!("events[{i}]."), &fields, out);
    }
}

/// An example host in the municipality's site address (its own `base_url`, or the one
/// `tsunagi.toml` gives it).
fn example_base_url(cx: &TownCtx<'_>, out: &mut Findings<'_>) {
    let m = &cx.town.municipality;
    if let Some(host) = crate::data::web::example_host(&m.base_url) {
        let at = if m.positions.contains_key("base_url") {
            m.location("base_url")
        } else {
            crate::error::Location::at(
                crate::config::CONFIG_FILE,
                cx.site.config.base_url_line,
                None,
            )
        };
        out.file(
            at,
            msg!(
                "error.check-example-host",
                field = "base_url",
                value = m.base_url,
                host = host
            ),
        );
    }
}

/// An example host or an example mark in one of `fields` (each written at `prefix` + its name).
fn example_values(
    m: &crate::municipality::Municipality,
    prefix: &str,
    fields: &[(&str, &str)],
    out: &mut Findings<'_>,
) {
    for (field, value) in fields {
        let at = || m.location(&format!("{prefix}{field}"));
        if let Some(host) = crate::data::web::example_host(value) {
            let field = format!("{prefix}{field}");
            out.file(
                at(),
                msg!(
                    "error.check-example-host",
                    field = field,
                    value = value,
                    host = host
                ),
            );
        } else if EXAMPLE_MARKS.iter().any(|mark| value.contains(mark)) {
            let field = format!("{prefix}{field}");
            out.file(
                at(),
                msg!("error.check-example-name", field = field, value = value),
            );
        }
    }
}

/// How example data marks a name: 「こころの健康相談（例）」.
const EXAMPLE_MARKS: &[&str] = &["（例）", "(例)", "【例】", "［例］", "[例]"];

/// A window (not marked as an example) that a resident cannot reach: no phone, e-mail, form or
/// address. A warning; an error with `--production`.
fn window_unreachable(cx: &TownCtx<'_>, out: &mut Findings<'_>) {
    if cx.production {
        out.raise_to_error();
    }
    let m = &cx.town.municipality;
    for (i, w) in m.windows.iter().enumerate() {
        let reachable = !w.phones.is_empty()
            || !w.email.trim().is_empty()
            || !w.form_url.trim().is_empty()
            || !w.address.trim().is_empty();
        if !w.example && !reachable {
            out.file(
                m.location(&format!("windows[{i}].name")),
                msg!("warning.check-window-unreachable", name = w.name),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{findings_in, project};
    use super::*;

    fn lines(id: &str, body: &str) -> Vec<usize> {
        super::super::testing::lines(id, "title = \"ページ\"\ndescription = \"d\"", body)
    }

    #[test]
    fn numbers_in_the_text_can_be_dialled() {
        assert_eq!(
            lines("phone-malformed", "本文\n\n電話 04-2998-91111 へ。\n"),
            [7]
        );
        assert!(lines("phone-malformed", "電話 04-2998-9111 へ。\n").is_empty());
        // Dates, postcodes and amounts are not phone numbers.
        assert!(
            lines(
                "phone-malformed",
                "2025-04-01 に改定。〒350-1234。1,000円。\n"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_number_one_digit_from_a_national_line_is_an_error() {
        // よりそいホットライン is 0120-279-338.
        assert_eq!(lines("phone-near-national", "0120-279-388 へ。\n"), [5]);
        assert_eq!(lines("phone-near-national", "0120-297-338 へ。\n"), [5]);
        assert!(lines("phone-near-national", "0120-279-338 へ。\n").is_empty());
        // A different free-dial number is not a typing mistake of it.
        assert!(lines("phone-near-national", "0120-123-456 へ。\n").is_empty());
        let rule = RULES
            .iter()
            .find(|r| r.id == "phone-near-national")
            .unwrap();
        let dir = project(&[(
            "content/municipalities/town/municipality.toml",
            "name = \"飯能市\"\nkana = \"はんのうし\"\ncode = \"112097\"\nprefecture = \"埼玉県\"\nhealth_center = \"埼玉県狭山保健所\"\n\n[[windows]]\nid = \"a\"\nname = \"相談\"\nverified = 2026-10-01\nphones = [{ number = \"0570-064-565\" }]\nhours = { periods = [{ days = [\"mon\"], open = \"09:00\", close = \"17:00\" }] }\n",
        )]);
        assert_eq!(findings_in(rule, dir.path()).len(), 1);
    }

    #[test]
    fn only_links_to_events_that_are_over_are_reported() {
        let rule = RULES.iter().find(|r| r.id == "event-past-linked").unwrap();
        let town = "name = \"飯能市\"\nkana = \"はんのうし\"\ncode = \"112097\"\nprefecture = \"埼玉県\"\nhealth_center = \"埼玉県狭山保健所\"\n\n[[events]]\nid = \"kenshu\"\ntitle = \"研修\"\nkind = \"gatekeeper-training\"\nstart = \"DATET13:30\"\nend = \"DATET16:00\"\nvenue = { name = \"公民館\", kana = \"こうみんかん\" }\nfee = \"無料\"\nhow_to_apply = \"電話で\"\norganiser = \"保健センター\"\ndescription = \"研修です。\"\n";
        let page = "+++\ntitle = \"案内\"\ndescription = \"d\"\n+++\n本文。\n\n[研修の予定](../events/kenshu.ics)\n";
        let found = |date: &str| {
            let dir = project(&[
                (
                    "content/municipalities/town/municipality.toml",
                    &town.replace("DATE", date),
                ),
                ("content/topic/page.md", page),
            ]);
            findings_in(rule, dir.path())
        };
        // The tests check on 2026-11-28.
        assert_eq!(
            found("2026-01-10").iter().map(|f| f.0).collect::<Vec<_>>(),
            [7]
        );
        assert!(found("2027-01-10").is_empty(), "an event still to come");
    }

    #[test]
    fn example_addresses_and_names_are_an_error_even_without_the_mark() {
        let rule = RULES.iter().find(|r| r.id == "example-data").unwrap();
        let town = |window: &str| {
            project(&[(
                "content/municipalities/town/municipality.toml",
                &format!(
                    "name = \"飯能市\"\nkana = \"はんのうし\"\ncode = \"112097\"\nprefecture = \"埼玉県\"\nhealth_center = \"埼玉県狭山保健所\"\nbase_url = \"https://www.city.hanno.lg.jp/kokoro/\"\n\n[[windows]]\nid = \"a\"\n{window}verified = 2026-10-01\nphones = [{{ number = \"042-973-2111\" }}]\nhours = {{ periods = [{{ days = [\"mon\"], open = \"09:00\", close = \"17:00\" }}] }}\n"
                ),
            )])
        };
        let lines = |window: &str| -> Vec<usize> {
            findings_in(rule, town(window).path())
                .iter()
                .map(|f| f.0)
                .collect()
        };
        // Line 10 is the window's name, line 11 the next field.
        assert_eq!(lines("name = \"相談（例）\"\n"), [10]);
        assert_eq!(lines("name = \"相談(例)\"\n"), [10]);
        assert_eq!(
            lines("name = \"相談\"\nemail = \"soudan@example.jp\"\n"),
            [11]
        );
        assert_eq!(
            lines("name = \"相談\"\nurl = \"https://city.example.lg.jp/a\"\n"),
            [11]
        );
        assert!(lines("name = \"こころの相談\"\nemail = \"soudan@city.hanno.lg.jp\"\n").is_empty());
    }

    #[test]
    fn a_window_without_a_phone_mail_form_or_address_cannot_be_reached() {
        let rule = RULES.iter().find(|r| r.id == "window-unreachable").unwrap();
        let town = |window: &str| {
            project(&[(
                "content/municipalities/town/municipality.toml",
                &format!(
                    "name = \"飯能市\"\nkana = \"はんのうし\"\ncode = \"112097\"\nprefecture = \"埼玉県\"\nhealth_center = \"埼玉県狭山保健所\"\n\n[[windows]]\nid = \"a\"\nname = \"相談\"\nverified = 2026-10-01\nhours = {{ periods = [{{ days = [\"mon\"], open = \"09:00\", close = \"17:00\" }}] }}\n{window}"
                ),
            )])
        };
        assert_eq!(findings_in(rule, town("").path()).len(), 1);
        assert!(findings_in(rule, town("address = \"飯能市双柳1-1\"\n").path()).is_empty());
        assert!(findings_in(rule, town("email = \"a@city.hanno.lg.jp\"\n").path()).is_empty());
        assert!(findings_in(rule, town("example = true\n").path()).is_empty());
    }

    #[test]
    fn example_windows_are_an_error_only_in_production() {
        let rule = RULES.iter().find(|r| r.id == "example-data").unwrap();
        let dir = project(&[(
            "content/municipalities/town/municipality.toml",
            "name = \"飯能市\"\nkana = \"はんのうし\"\ncode = \"112097\"\nprefecture = \"埼玉県\"\nhealth_center = \"埼玉県狭山保健所\"\n\n[[windows]]\nid = \"a\"\nname = \"相談（例）\"\nexample = true\nverified = 2026-10-01\nhours = { periods = [{ days = [\"mon\"], open = \"09:00\", close = \"17:00\" }] }\n",
        )]);
        // The test runner checks in production: the window, and the test project's base_url
        // (https://x.example.jp/{slug}/, in tsunagi.toml at line 2).
        let found = findings_in(rule, dir.path());
        assert_eq!(found.len(), 2, "{found:?}");
        let dir = project(&[]);
        assert_eq!(
            findings_in(rule, dir.path())
                .iter()
                .map(|f| f.0)
                .collect::<Vec<_>>(),
            [2]
        );
    }
}
