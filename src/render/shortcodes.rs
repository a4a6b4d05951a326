//! Shortcodes: tera templates under `templates/shortcodes/<name>.html`, called from Markdown as
//! `{{ name(arg="value") }}` and rendered for each municipality. A template declares the
//! arguments it takes on its first line: `{# args: topic, title #}`. Unknown shortcodes and
//! unknown arguments are errors with the file and line of the call.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::data::audience::HelpAudience;
use crate::data::help_lines::{HelpLine, HelpLines};
use crate::data::list::{keys, keys_of};
use crate::data::windows::WindowAccess;
use crate::data::{Window, on_topic};
use crate::markdown::ShortcodeCall;
use crate::messages::{Message, Text};
use crate::municipality::Municipality;
use crate::theme::{Theme, error_chain};
use crate::{hint, msg};

use super::view::{EventView, HelpFor, HelpLineView, QuestionnaireView, WindowView};
use crate::questionnaire::Questionnaire;

/// The shortcode that lays out the help page by need, with the town's windows.
pub const HELP_GUIDE: &str = "help_guide";
/// The id of the town's windows on the help page (`help_guide`): the help box links there.
pub const TOWN_WINDOWS_ID: &str = "town-windows";

/// What a shortcode can see besides its arguments.
pub struct Env<'a> {
    /// The municipality being built.
    pub municipality: &'a Municipality,
    /// Relative prefix from the current page to the site root.
    pub root: &'a str,
    /// Known topics: slug → label.
    pub topics: &'a BTreeMap<String, String>,
    /// URL of the help page relative to the current page, when the site has one.
    pub help_url: Option<&'a str>,
    /// The build date: events before it are past.
    pub today: crate::date::Date,
    /// The page's readers (`audience` of its front matter): which crisis line comes first.
    pub audience: Option<&'a str>,
    /// The site's self-check questionnaires (`questionnaire`).
    pub questionnaires: &'a [Questionnaire],
    /// The national help lines.
    pub help_lines: &'a HelpLines,
}

/// The shortcode that shows a self-check questionnaire.
pub const QUESTIONNAIRE: &str = "questionnaire";

#[derive(Serialize)]
struct Ctx<'a> {
    municipality: &'a Municipality,
    args: &'a BTreeMap<String, serde_json::Value>,
    root: &'a str,
    help_url: Option<&'a str>,
    /// The municipality's windows, filtered by `topic` when given.
    windows: Vec<WindowView<'a>>,
    /// National phone lines, filtered by `topic` when given.
    national_lines: Vec<HelpLineView<'a>>,
    /// Chat and SNS consultations, filtered by `topic` when given, those for the page's readers
    /// first.
    chat_lines: Vec<HelpLineView<'a>>,
    /// The oldest `checked` date of the national lines (`YYYY-MM-DD`): what the lists are as of.
    lines_as_of: Option<String>,
    /// National portals that list help (まもろうよ こころ).
    portals: &'a [crate::data::help_lines::Portal],
    /// The line to name inside a sentence (`crisis_line`): the `line` argument, else the first
    /// line the help box offers this page's readers.
    crisis_line: Option<HelpLineView<'a>>,
    /// Label of the `topic` argument.
    topic_label: Option<&'a str>,
    /// schema.org JSON-LD of `windows`, ready for a `<script type="application/ld+json">`.
    jsonld: String,
    /// The help page's groups by need (`help_guide` only).
    groups: Vec<Group<'a>>,
    /// Upcoming events, filtered by `kind` and cut to `limit` when given.
    events: Vec<EventView<'a>>,
    /// URL of the events page.
    events_url: String,
    /// The id `help_guide` gives the town's windows, where the help box links ([`TOWN_WINDOWS_ID`]).
    town_windows_id: &'static str,
    /// The questionnaire named by `id` (`questionnaire` only).
    questionnaire: Option<QuestionnaireView<'a>>,
}

/// A group of the help page: a need, and the lines and windows that answer it.
#[derive(Serialize)]
struct Group<'a> {
    id: &'static str,
    title: &'static str,
    lead: &'static str,
    national_lines: Vec<HelpLineView<'a>>,
    windows: Vec<WindowView<'a>>,
}

/// The needs the help page is organised by, each with the topics and audiences it covers.
/// `always` groups only lines and windows that answer 24 hours a day.
type Need = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    bool,
);

const NEEDS: &[Need] = &[
    (
        "now",
        "今すぐ話したい",
        "電話で気持ちを聞いてもらえる窓口です。",
        &["suicide", "depression", "stress"],
        &[],
        false,
    ),
    (
        "always",
        "24時間つながる",
        "夜中や休日でもつながる窓口です。",
        &[],
        &[],
        true,
    ),
    (
        "young",
        "子ども・若者",
        "18歳までの子どもや若い人のための窓口です。",
        &["school"],
        &["children", "young-people"],
        false,
    ),
    (
        "family",
        "家族のこと",
        "家族が心配な方、家族として悩んでいる方の窓口です。",
        &["family"],
        &["families"],
        false,
    ),
    (
        "addiction",
        "依存症",
        "お酒、ギャンブル、ゲーム、薬物がやめられないときの窓口です。",
        &["addiction", "alcohol", "gambling", "gaming", "drugs"],
        &[],
        false,
    ),
];

/// The help page's groups: one per need, phone lines and windows; after the first, the chat
/// and SNS consultations with the windows that take text chat.
fn groups<'a>(m: &'a Municipality, lines: &'a HelpLines) -> Vec<Group<'a>> {
    let mut groups = need_groups(m, lines);
    let chat = Group {
        id: "chat",
        title: "文字で相談する（チャット・SNS）",
        lead: "電話で話すのが苦手なとき、声を出せないときは、文字で相談できます。",
        national_lines: lines
            .chats(None)
            .into_iter()
            .map(HelpLineView::of)
            .collect(),
        windows: m
            .windows
            .iter()
            .filter(|w| w.accessibility.contains(&WindowAccess::TextChat))
            .map(WindowView::of)
            .collect(),
    };
    if !chat.national_lines.is_empty() || !chat.windows.is_empty() {
        groups.insert(groups.len().min(1), chat);
    }
    groups
}

fn need_groups<'a>(m: &'a Municipality, lines: &'a HelpLines) -> Vec<Group<'a>> {
    NEEDS
        .iter()
        .map(|(id, title, lead, topics, audiences, always)| {
            let fits = |t: &[&str], a: &[&str], open24: bool| {
                if *always {
                    return open24;
                }
                t.iter().any(|x| topics.contains(x)) || a.iter().any(|x| audiences.contains(x))
            };
            Group {
                id,
                title,
                lead,
                national_lines: lines
                    .lines
                    .iter()
                    .filter(|l| l.is_phone())
                    .filter(|l| {
                        let t: Vec<&str> = l.topics.iter().map(String::as_str).collect();
                        fits(&t, &keys_of(&l.audience), l.hours.always_open)
                    })
                    .map(HelpLineView::of)
                    .collect(),
                windows: m
                    .windows
                    .iter()
                    .filter(|w| {
                        let t: Vec<&str> = w.topics.iter().map(String::as_str).collect();
                        fits(&t, &keys_of(&w.audience), w.hours.always_open)
                    })
                    .map(WindowView::of)
                    .collect(),
            }
        })
        .filter(|g| !g.national_lines.is_empty() || !g.windows.is_empty())
        .collect()
}

fn upcoming_events<'a>(
    env: &Env<'a>,
    call: &ShortcodeCall,
) -> Result<Vec<&'a crate::data::events::Event>, Message> {
    let kinds = crate::data::list::keys::<crate::data::events::EventKind>();
    let kind = one_of(call, "kind", &kinds)?;
    let limit = match call.args.get("limit") {
        None => usize::MAX,
        Some(v) => v
            .as_u64()
            .filter(|n| *n > 0)
            .map(|n| n as usize)
            .ok_or_else(|| msg!("error.shortcode-limit", name = call.name))?,
    };
    Ok(env
        .municipality
        .events
        .iter()
        .filter(|e| !e.is_past(env.today) && kind.is_none_or(|k| e.kind.key() == k))
        .take(limit)
        .collect())
}

/// The questionnaire a `questionnaire` call names.
fn questionnaire<'a>(env: &Env<'a>, call: &ShortcodeCall) -> Result<&'a Questionnaire, Message> {
    let ids: Vec<&str> = env.questionnaires.iter().map(|q| q.id.as_str()).collect();
    let missing = || msg!("error.shortcode-questionnaire-id", list = ids.join(", "));
    let id = one_of(call, "id", &ids)?.ok_or_else(missing)?;
    env.questionnaires
        .iter()
        .find(|q| q.id == id)
        .ok_or_else(missing)
}

/// The arguments a shortcode template declares on its first line.
pub fn declared_args(template: &str) -> Vec<String> {
    let first = template.lines().next().unwrap_or_default().trim();
    first
        .strip_prefix("{#")
        .and_then(|s| s.strip_suffix("#}"))
        .and_then(|s| s.trim().strip_prefix("args:"))
        .map(|list| {
            list.split(',')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The value of the string argument `arg`, which must be one of `known` (a topic, an audience,
/// an event kind); `None` when the call does not give it.
fn one_of<'c>(
    call: &'c ShortcodeCall,
    arg: &str,
    known: &[&str],
) -> Result<Option<&'c str>, Message> {
    match call.args.get(arg) {
        None => Ok(None),
        Some(serde_json::Value::String(v)) if known.contains(&v.as_str()) => Ok(Some(v)),
        Some(other) => Err(msg!(
            "error.shortcode-value-unknown",
            name = call.name,
            arg = arg,
            value = other,
            suggest = other.as_str().map_or_else(Text::default, |v| {
                crate::error::did_you_mean(v, known.iter().copied())
            }),
            list = known.join(", ")
        )),
    }
}

/// Renders one call; a failure is what to say (the caller knows where the call is).
pub fn render(
    tera: &tera::Tera,
    theme: &Theme,
    call: &ShortcodeCall,
    env: &Env<'_>,
) -> Result<String, Message> {
    let name = format!("shortcodes/{}.html", call.name);
    let Some(src) = theme.templates.get(&name) else {
        let known: Vec<_> = theme
            .templates
            .keys()
            .filter_map(|k| k.strip_prefix("shortcodes/")?.strip_suffix(".html"))
            .collect();
        return Err(msg!(
            "error.shortcode-unknown",
            name = call.name,
            suggest = crate::error::did_you_mean(&call.name, known.iter().copied()),
            list = known.join(", ")
        ));
    };
    let declared = declared_args(&src.text);
    for arg in call.args.keys() {
        if !declared.contains(arg) {
            let message = msg!(
                "error.shortcode-argument-unknown",
                name = call.name,
                arg = arg,
                suggest = crate::error::did_you_mean(arg, declared.iter().map(String::as_str)),
                list = declared.join(", ")
            );
            return Err(if declared.is_empty() {
                message.with_hint(hint!(
                    "error.shortcode-takes-no-arguments",
                    name = call.name
                ))
            } else {
                message
            });
        }
    }
    // An argument that reads as an address may end up in a link of the theme's template: the same
    // schemes as a Markdown link. (Words with spaces are not addresses.)
    for (arg, value) in &call.args {
        if let Some(v) = value.as_str()
            && !v.chars().any(char::is_whitespace)
            && let Err(why) = crate::data::web::link_destination(v)
        {
            return Err(msg!(
                "error.shortcode-argument-scheme",
                name = call.name,
                arg = arg,
                why = why
            ));
        }
    }
    let topic_keys: Vec<&str> = env.topics.keys().map(String::as_str).collect();
    let topic = one_of(call, "topic", &topic_keys)?;
    let questionnaire = if call.name == QUESTIONNAIRE {
        Some(questionnaire(env, call)?)
    } else {
        None
    };
    // A questionnaire ends with the help for its topics; other shortcodes take `topic`.
    let topics: Vec<&str> = match questionnaire {
        Some(q) => q.topics.iter().map(String::as_str).collect(),
        None => topic.into_iter().collect(),
    };
    let answers = |t: &[&str]| topics.is_empty() || topics.iter().any(|x| on_topic(t, x));
    let audience_keys = keys::<HelpAudience>();
    let audience = one_of(call, "audience", &audience_keys)?;
    let lines = env.help_lines;
    let line_ids: Vec<&str> = lines
        .lines
        .iter()
        .filter(|l| l.is_phone())
        .map(|l| l.id.as_str())
        .collect();
    let crisis_line = match one_of(call, "line", &line_ids)? {
        Some(id) => lines.get(id),
        None => lines.help_box(env.audience).first().copied(),
    };
    let on_topics =
        |l: &&HelpLine| answers(&l.topics.iter().map(String::as_str).collect::<Vec<_>>());
    let windows: Vec<&Window> = env
        .municipality
        .windows
        .iter()
        .filter(|w| answers(&w.topics.iter().map(String::as_str).collect::<Vec<_>>()))
        .filter(|w| {
            audience.is_none_or(|a| {
                w.audience
                    .iter()
                    .any(|x| x.key() == a || *x == HelpAudience::Anyone)
            })
        })
        .collect();
    let ctx = Ctx {
        municipality: env.municipality,
        args: &call.args,
        root: env.root,
        help_url: env.help_url,
        windows: windows.iter().map(|w| WindowView::of(w)).collect(),
        national_lines: lines
            .lines
            .iter()
            .filter(|l| l.is_phone())
            .filter(on_topics)
            .map(HelpLineView::of)
            .collect(),
        chat_lines: lines
            .chats(env.audience)
            .into_iter()
            .filter(on_topics)
            .map(HelpLineView::of)
            .collect(),
        lines_as_of: lines.checked_as_of().map(|d| d.to_string()),
        portals: &lines.portals,
        crisis_line: crisis_line.map(HelpLineView::of),
        jsonld: String::new(),
        groups: if call.name == HELP_GUIDE {
            groups(env.municipality, lines)
        } else {
            Vec::new()
        },
        events: upcoming_events(env, call)?
            .into_iter()
            .map(EventView::of)
            .collect(),
        events_url: format!("{}events/", env.root),
        town_windows_id: TOWN_WINDOWS_ID,
        topic_label: topic.and_then(|t| env.topics.get(t)).map(String::as_str),
        questionnaire: questionnaire.map(|q| {
            QuestionnaireView::of(
                q,
                &HelpFor {
                    windows: &env.municipality.windows,
                    lines,
                    audience: env.audience,
                },
            )
        }),
    };
    let mut ctx = ctx;
    if !windows.is_empty() {
        ctx.jsonld = crate::html::json_in_script(&crate::data::windows::json_ld(
            &windows,
            &env.municipality.name,
        ));
    }
    let context = tera::Context::from_serialize(&ctx)
        .map_err(|e| msg!("error.internal", why = error_chain(&e)))?;
    let html = tera.render(&name, &context).map_err(|e| {
        msg!(
            "error.shortcode-failed",
            name = call.name,
            why = error_chain(&e),
            template = src.origin.display()
        )
    })?;
    let html = html.trim().to_string();
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_declared_arguments() {
        assert_eq!(
            declared_args("{# args: topic, title #}\n<p>"),
            ["topic", "title"]
        );
        assert!(declared_args("<p>{{ municipality.name }}</p>").is_empty());
    }
}
