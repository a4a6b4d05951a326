//! Shortcodes: tera templates under `templates/shortcodes/<name>.html`, called from Markdown as
//! `{{ name(arg="value") }}` and rendered for each municipality. A template declares the
//! arguments it takes on its first line: `{# args: topic, title #}`. Unknown shortcodes and
//! unknown arguments are errors with the file and line of the call.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::data::audience::HelpAudience;
use crate::data::help_lines::HelpLines;
use crate::data::list::{keys, keys_of};
use crate::data::windows::WindowAccess;
use crate::data::{Window, on_topic};
use crate::labels::Labels;
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
    /// The page's language code (`ja`, `easy`, `en`…): the order of the national lines, and
    /// the language of a questionnaire's texts.
    pub lang: &'a str,
    /// The frame's labels in the page's language.
    pub labels: &'a Labels,
}

/// The shortcode that shows a self-check questionnaire.
pub const QUESTIONNAIRE: &str = "questionnaire";

#[derive(Serialize)]
struct Ctx<'a> {
    /// The frame's labels in the page's language, as nested tables.
    labels: &'a serde_json::Value,
    /// The page's language code.
    lang: &'a str,
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
    title: &'a str,
    lead: &'a str,
    national_lines: Vec<HelpLineView<'a>>,
    windows: Vec<WindowView<'a>>,
}

/// The needs the help page is organised by (id, label keys of the title and the lead), each
/// with the topics and audiences it covers.
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
        "guide.now",
        "guide.now_lead",
        &["suicide", "depression", "stress"],
        &[],
        false,
    ),
    (
        "always",
        "guide.always",
        "guide.always_lead",
        &[],
        &[],
        true,
    ),
    (
        "young",
        "guide.young",
        "guide.young_lead",
        &["school"],
        &["children", "young-people"],
        false,
    ),
    (
        "family",
        "guide.family",
        "guide.family_lead",
        &["family"],
        &["families"],
        false,
    ),
    (
        "addiction",
        "guide.addiction",
        "guide.addiction_lead",
        &["addiction", "alcohol", "gambling", "gaming", "drugs"],
        &[],
        false,
    ),
    (
        "foreign",
        "guide.foreign",
        "guide.foreign_lead",
        &[],
        &["foreign-residents"],
        false,
    ),
];

/// The need of the help page whose lines are those for foreign residents; a line only for
/// them is listed there alone.
const FOREIGN_NEED: &str = "foreign";

/// The help page's groups: one per need, phone lines and windows; after the first, the chat
/// and SNS consultations with the windows that take text chat. On a page in a language other
/// than Japanese (`lang`), the group for foreign residents comes first.
fn groups<'a>(
    m: &'a Municipality,
    lines: &'a HelpLines,
    lang: &str,
    labels: &'a Labels,
) -> Vec<Group<'a>> {
    let mut groups = need_groups(m, lines, labels);
    if lang != "ja"
        && let Some(i) = groups.iter().position(|g| g.id == FOREIGN_NEED)
    {
        let foreign = groups.remove(i);
        groups.insert(0, foreign);
    }
    let chat = Group {
        id: "chat",
        title: labels.text("guide.chat"),
        lead: labels.text("guide.chat_lead"),
        national_lines: lines
            .chats_in(None, lang)
            .into_iter()
            .map(|l| HelpLineView::of(l, labels))
            .collect(),
        windows: m
            .windows
            .iter()
            .filter(|w| w.accessibility.contains(&WindowAccess::TextChat))
            .map(|w| WindowView::of(w, labels))
            .collect(),
    };
    if !chat.national_lines.is_empty() || !chat.windows.is_empty() {
        groups.insert(groups.len().min(1), chat);
    }
    groups
}

fn need_groups<'a>(
    m: &'a Municipality,
    lines: &'a HelpLines,
    labels: &'a Labels,
) -> Vec<Group<'a>> {
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
                title: labels.text(title),
                lead: labels.text(lead),
                national_lines: lines
                    .lines
                    .iter()
                    .filter(|l| l.is_phone())
                    .filter(|l| *id == FOREIGN_NEED || !l.only_for_foreign_residents())
                    .filter(|l| {
                        let t: Vec<&str> = l.topics.iter().map(String::as_str).collect();
                        fits(&t, &keys_of(&l.audience), l.hours.always_open)
                    })
                    .map(|l| HelpLineView::of(l, labels))
                    .collect(),
                windows: m
                    .windows
                    .iter()
                    .filter(|w| {
                        let t: Vec<&str> = w.topics.iter().map(String::as_str).collect();
                        fits(&t, &keys_of(&w.audience), w.hours.always_open)
                    })
                    .map(|w| WindowView::of(w, labels))
                    .collect(),
            }
        })
        .filter(|g| !g.national_lines.is_empty() || !g.windows.is_empty())
        .collect()
}

/// The arguments of a call, each checked against its list once. Every shortcode template sees
/// the same context (README, "Shortcode templates see"), so a theme's own shortcode that declares
/// `topic` gets its windows filtered like `windows` does: the arguments are shared, not per
/// shortcode.
struct Args<'a> {
    /// `topic` (`windows`, `national_lines`): a key of the site's topics.
    topic: Option<&'a str>,
    /// `id` (`questionnaire` only): the questionnaire it shows.
    questionnaire: Option<&'a Questionnaire>,
    /// `audience` (`windows`): one of the windows' audiences.
    audience: Option<&'a str>,
    /// `line` (`crisis_line`): the id of a national phone line.
    line: Option<&'a str>,
    /// `kind` (`events`): an event kind.
    kind: Option<&'a str>,
    /// `limit` (`events`): how many events at most (a positive whole number).
    limit: usize,
}

impl<'a> Args<'a> {
    /// The typed arguments of `call`, or what is wrong with the first bad one (in the order
    /// topic, id, audience, line, kind, limit).
    fn parse(env: &Env<'a>, call: &'a ShortcodeCall) -> Result<Args<'a>, Message> {
        let topic_keys: Vec<&str> = env.topics.keys().map(String::as_str).collect();
        let topic = one_of(call, "topic", &topic_keys)?;
        let questionnaire = if call.name == QUESTIONNAIRE {
            Some(questionnaire(env, call)?)
        } else {
            None
        };
        let audience = one_of(call, "audience", &audience_keys())?;
        let line_ids: Vec<&str> = env
            .help_lines
            .lines
            .iter()
            .filter(|l| l.is_phone())
            .map(|l| l.id.as_str())
            .collect();
        let line = one_of(call, "line", &line_ids)?;
        let kinds = keys::<crate::data::events::EventKind>();
        let kind = one_of(call, "kind", &kinds)?;
        let limit = match call.args.get("limit") {
            None => usize::MAX,
            Some(v) => v
                .as_u64()
                .filter(|n| *n > 0)
                .map(|n| n as usize)
                .ok_or_else(|| msg!("error.shortcode-limit", name = call.name))?,
        };
        Ok(Args {
            topic,
            questionnaire,
            audience,
            line,
            kind,
            limit,
        })
    }

    /// Whether a window or line on `topics` is shown: a questionnaire shows the help for its
    /// topics, other shortcodes that for `topic`; with neither, everything.
    fn answers(&self, topics: &[String]) -> bool {
        let wanted: Vec<&str> = match self.questionnaire {
            Some(q) => q.topics.iter().map(String::as_str).collect(),
            None => self.topic.into_iter().collect(),
        };
        wanted.is_empty() || wanted.iter().any(|x| on_topic(topics, x))
    }
}

/// The audiences an `audience` argument may name: the windows' audiences.
fn audience_keys() -> Vec<&'static str> {
    keys::<HelpAudience>()
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

/// The theme's template of the shortcode `call` names (`shortcodes/<name>.html`), with that
/// name; an unknown shortcode is an error listing the theme's.
fn template_of<'t>(
    theme: &'t Theme,
    call: &ShortcodeCall,
) -> Result<(String, &'t crate::theme::TemplateSource), Message> {
    let name = format!("shortcodes/{}.html", call.name);
    match theme.templates.get(&name) {
        Some(src) => Ok((name, src)),
        None => {
            let known: Vec<_> = theme
                .templates
                .keys()
                .filter_map(|k| k.strip_prefix("shortcodes/")?.strip_suffix(".html"))
                .collect();
            Err(msg!(
                "error.shortcode-unknown",
                name = call.name,
                suggest = crate::error::did_you_mean(&call.name, known.iter().copied()),
                list = known.join(", ")
            ))
        }
    }
}

/// Refuses an argument the template does not declare on its first line ([`declared_args`]).
fn check_declared(call: &ShortcodeCall, declared: &[String]) -> Result<(), Message> {
    let Some(arg) = call.args.keys().find(|a| !declared.contains(a)) else {
        return Ok(());
    };
    let message = msg!(
        "error.shortcode-argument-unknown",
        name = call.name,
        arg = arg,
        suggest = crate::error::did_you_mean(arg, declared.iter().map(String::as_str)),
        list = declared.join(", ")
    );
    Err(if declared.is_empty() {
        message.with_hint(hint!(
            "error.shortcode-takes-no-arguments",
            name = call.name
        ))
    } else {
        message
    })
}

/// Refuses an argument that reads as an address the site would not link to: it may end up in a
/// link of the theme's template, so the same schemes as a Markdown link. (Words with spaces are
/// not addresses.)
fn check_addresses(call: &ShortcodeCall) -> Result<(), Message> {
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
    Ok(())
}

/// `windows`: the town's windows on the topics asked, for the `audience` asked (or anyone).
fn windows<'a>(env: &Env<'a>, args: &Args<'_>) -> Vec<&'a Window> {
    env.municipality
        .windows
        .iter()
        .filter(|w| args.answers(&w.topics))
        .filter(|w| {
            args.audience.is_none_or(|a| {
                w.audience
                    .iter()
                    .any(|x| x.key() == a || *x == HelpAudience::Anyone)
            })
        })
        .collect()
}

/// The schema.org JSON-LD of the `windows` a call shows, empty when it shows none.
fn windows_jsonld(env: &Env<'_>, windows: &[&Window]) -> String {
    if windows.is_empty() {
        return String::new();
    }
    crate::html::json_in_script(&crate::data::windows::json_ld(
        windows,
        &env.municipality.name,
    ))
}

/// `national_lines`: the national phone lines on the topics asked.
fn national_lines<'a>(env: &Env<'a>, args: &Args<'_>) -> Vec<HelpLineView<'a>> {
    let lines = env
        .help_lines
        .lines
        .iter()
        .filter(|l| l.is_phone())
        .filter(|l| args.answers(&l.topics))
        .collect();
    HelpLines::in_language(lines, env.lang)
        .into_iter()
        .map(|l| HelpLineView::of(l, env.labels))
        .collect()
}

/// The chat and SNS consultations on the topics asked, those for the page's readers first.
fn chat_lines<'a>(env: &Env<'a>, args: &Args<'_>) -> Vec<HelpLineView<'a>> {
    env.help_lines
        .chats_in(env.audience, env.lang)
        .into_iter()
        .filter(|l| args.answers(&l.topics))
        .map(|l| HelpLineView::of(l, env.labels))
        .collect()
}

/// `crisis_line`: the `line` asked, else the first line the help box offers the page's readers.
fn crisis_line<'a>(env: &Env<'a>, args: &Args<'_>) -> Option<HelpLineView<'a>> {
    let lines = env.help_lines;
    let line = match args.line {
        Some(id) => lines.get(id),
        None => lines.help_box_in(env.audience, env.lang).first().copied(),
    };
    line.map(|l| HelpLineView::of(l, env.labels))
}

/// `help_guide`: the help page's groups by need; no groups for other shortcodes.
fn help_guide<'a>(env: &Env<'a>, call: &ShortcodeCall) -> Vec<Group<'a>> {
    if call.name == HELP_GUIDE {
        groups(env.municipality, env.help_lines, env.lang, env.labels)
    } else {
        Vec::new()
    }
}

/// `events`: the upcoming events of the `kind` asked, at most `limit`.
fn events<'a>(env: &Env<'a>, args: &Args<'_>) -> Vec<EventView<'a>> {
    env.municipality
        .events
        .iter()
        .filter(|e| !e.is_past(env.today) && args.kind.is_none_or(|k| e.kind.key() == k))
        .take(args.limit)
        .map(|e| EventView::of(e, env.labels))
        .collect()
}

/// `questionnaire`: the view of the questionnaire asked, whose results send to the town's help.
fn questionnaire_view<'a>(env: &Env<'a>, args: &Args<'a>) -> Option<QuestionnaireView<'a>> {
    args.questionnaire.map(|q| {
        QuestionnaireView::of(
            q,
            env.lang,
            &HelpFor {
                windows: &env.municipality.windows,
                lines: env.help_lines,
                audience: env.audience,
                labels: env.labels,
            },
        )
    })
}

/// What a shortcode template sees: the same for every shortcode, each part computed from the
/// call's arguments.
fn context<'a>(env: &Env<'a>, call: &'a ShortcodeCall, args: &Args<'a>) -> Ctx<'a> {
    let windows = windows(env, args);
    Ctx {
        labels: env.labels.tree(),
        lang: env.labels.code(),
        municipality: env.municipality,
        args: &call.args,
        root: env.root,
        help_url: env.help_url,
        jsonld: windows_jsonld(env, &windows),
        windows: windows
            .iter()
            .map(|w| WindowView::of(w, env.labels))
            .collect(),
        national_lines: national_lines(env, args),
        chat_lines: chat_lines(env, args),
        lines_as_of: env.help_lines.checked_as_of().map(|d| d.to_string()),
        portals: &env.help_lines.portals,
        crisis_line: crisis_line(env, args),
        groups: help_guide(env, call),
        events: events(env, args),
        events_url: format!("{}events/", env.root),
        town_windows_id: TOWN_WINDOWS_ID,
        topic_label: args
            .topic
            .and_then(|t| env.topics.get(t))
            .map(String::as_str),
        questionnaire: questionnaire_view(env, args),
    }
}

/// Renders one call; a failure is what to say (the caller knows where the call is).
pub fn render(
    tera: &tera::Tera,
    theme: &Theme,
    call: &ShortcodeCall,
    env: &Env<'_>,
) -> Result<String, Message> {
    let (name, src) = template_of(theme, call)?;
    check_declared(call, &declared_args(&src.text))?;
    check_addresses(call)?;
    let args = Args::parse(env, call)?;
    let ctx = context(env, call, &args);
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
    Ok(html.trim().to_string())
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

    /// A call of `name` with `args`.
    fn call(name: &str, args: &[(&str, serde_json::Value)]) -> ShortcodeCall {
        ShortcodeCall {
            name: name.to_string(),
            args: args
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            line: 1,
            column: 1,
            block: true,
        }
    }

    #[test]
    fn checks_values_against_their_list() {
        use serde_json::json;
        let known = ["suicide", "stress"];
        // (value of `topic`, what one_of gives: the value, or the message's id)
        let cases = [
            (None, Ok(None)),
            (Some(json!("stress")), Ok(Some("stress"))),
            (Some(json!("stres")), Err("error.shortcode-value-unknown")),
            (Some(json!(3)), Err("error.shortcode-value-unknown")),
        ];
        for (value, expected) in cases {
            let args: Vec<_> = value.into_iter().map(|v| ("topic", v)).collect();
            let c = call("windows", &args);
            let got = one_of(&c, "topic", &known).map_err(|m| m.id);
            assert_eq!(got, expected, "{args:?}");
        }
    }

    #[test]
    fn checks_declared_arguments_and_addresses() {
        use serde_json::json;
        /// Arguments of a call, the template's declared ones, the first message's id.
        type Case<'c> = (
            &'c [(&'c str, serde_json::Value)],
            &'c [&'c str],
            Option<&'c str>,
        );
        let cases: &[Case<'_>] = &[
            (&[], &[], None),
            (&[("topic", json!("stress"))], &["topic"], None),
            (
                &[("topic", json!("stress")), ("title", json!("x"))],
                &["topic"],
                Some("error.shortcode-argument-unknown"),
            ),
            (
                &[("topic", json!("stress"))],
                &[],
                Some("error.shortcode-argument-unknown"),
            ),
            (
                &[("title", json!("javascript:alert(1)"))],
                &["title"],
                Some("error.shortcode-argument-scheme"),
            ),
            (&[("title", json!("a: b"))], &["title"], None),
            (&[("title", json!("https://example.jp/"))], &["title"], None),
        ];
        for (args, declared, expected) in cases {
            let c = call("windows", args);
            let declared: Vec<String> = declared
                .iter()
                .map(std::string::ToString::to_string)
                .collect();
            let got = check_declared(&c, &declared)
                .and_then(|()| check_addresses(&c))
                .err();
            assert_eq!(got.as_ref().map(|m| m.id), *expected, "{args:?}");
            // With no declared argument, the hint says the shortcode takes none.
            if declared.is_empty() && !args.is_empty() {
                assert!(got.is_some_and(|m| m.hint.is_some()));
            }
        }
    }

    #[test]
    fn a_questionnaire_is_shown_in_the_pages_language() {
        let topics: Vec<&str> = crate::config::BUILTIN_TOPICS
            .iter()
            .map(|(k, _)| *k)
            .collect();
        let questionnaires = crate::questionnaire::with_bundled(&[], &topics).unwrap();
        let k6 = questionnaires.iter().find(|q| q.id == "k6").unwrap();
        let lines = HelpLines::bundled(&topics).unwrap();
        let help = HelpFor {
            windows: &[],
            lines: &lines,
            audience: None,
            labels: crate::labels::tests::shipped("ja"),
        };
        let ja = QuestionnaireView::of(k6, "ja", &help);
        let easy = QuestionnaireView::of(k6, "easy", &help);
        let en = QuestionnaireView::of(k6, "en", &help);
        // やさしい日本語: the survey's own questions and answers; English: the original ones.
        assert_eq!(ja.items[0].text, "神経過敏に感じましたか");
        assert_eq!(easy.items[0].text, ja.items[0].text);
        assert_eq!(easy.items[0].choices[0].label, "いつも");
        assert!(en.items[0].text.ends_with("did you feel nervous?"));
        assert_eq!(en.items[0].choices[0].label, "All of the time");
        assert_eq!(en.items[0].choices[0].points, 4);
        // The same cut-offs, the texts in the language.
        let ranges = |v: &QuestionnaireView<'_>| -> Vec<(u32, u32)> {
            v.scales[0].bands.iter().map(|b| (b.min, b.max)).collect()
        };
        assert_eq!(ranges(&easy), ranges(&ja));
        assert_eq!(ranges(&en), ranges(&ja));
        assert_ne!(easy.scales[0].bands[2].text, ja.scales[0].bands[2].text);
        assert!(en.title.starts_with("Self-check"));
        assert_eq!(en.source.citation, ja.source.citation);
        // The crisis band: on an English page the foreign-language line first.
        let first_call = |v: &QuestionnaireView<'_>| v.scales[0].bands[3].calls[0].name.to_string();
        assert_eq!(first_call(&ja), "よりそいホットライン");
        assert_eq!(first_call(&en), "よりそいホットライン（外国語の相談）");
        assert_eq!(first_call(&easy), "よりそいホットライン（外国語の相談）");
    }
}
