//! Self-check questionnaires (the `questionnaire` shortcode), through the real binary: the
//! shipped K6 on the example pages of every town — its wording, the points of each answer, the
//! bands at the published cut-offs, the help of that town at the end, the crisis lines first in
//! the high-distress band, furigana for pupils; a project's own instrument with a reversed item,
//! a subscale and cut-offs that depend on an answer; and the mistakes a writer can make, each
//! refused with its file, line and a hint. What a reader does with the form is tested in a
//! browser (tests/browser/questionnaire.test.mjs).

mod common;

use std::path::Path;

use common::{build, build_fails, example_copy, read, write};

const TOWNS: [&str; 5] = ["hanno", "hidaka", "iruma", "sayama", "tokorozawa"];

/// The values of attribute `name` in `html`, in order.
fn attrs<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let key = format!(" {name}=\"");
    html.match_indices(&key)
        .map(|(i, _)| {
            let rest = &html[i + key.len()..];
            &rest[..rest.find('"').unwrap_or(0)]
        })
        .collect()
}

/// The part of `html` from the element with `class="<class>` (or `class="<class> …`) to the
/// next element with `until`.
fn part<'a>(html: &'a str, class: &str, until: &str) -> &'a str {
    let start = html
        .find(&format!("class=\"{class}"))
        .unwrap_or_else(|| panic!("no {class}"));
    let rest = &html[start..];
    &rest[..rest[1..].find(until).map_or(rest.len(), |e| e + 1)]
}

/// The windows of `town` whose topics include one of `topics`: their names.
fn windows_on(root: &Path, town: &str, topics: &[&str]) -> (Vec<String>, Vec<String>) {
    let text = read(
        root,
        &format!("content/municipalities/{town}/municipality.toml"),
    );
    let data: toml::Value = toml::from_str(&text).expect("municipality.toml");
    let mut on = Vec::new();
    let mut off = Vec::new();
    for w in data["windows"].as_array().expect("windows") {
        let name = w["name"].as_str().unwrap().to_string();
        let its: Vec<&str> = w
            .get("topics")
            .and_then(|t| t.as_array())
            .map(|t| t.iter().filter_map(|x| x.as_str()).collect())
            .unwrap_or_default();
        if its.iter().any(|t| topics.contains(t)) {
            on.push(name);
        } else {
            off.push(name);
        }
    }
    (on, off)
}

#[test]
fn every_town_shows_k6_as_published_and_ends_with_its_own_help() {
    let project = example_copy();
    let root = project.path();
    let (code, err) = build(root, &[]);
    assert_eq!(code, Some(0), "{err}");
    let site = root.join("site");
    for town in TOWNS {
        let html = read(&site, &format!("{town}/stress/check/index.html"));
        let q = part(&html, "questionnaire\"", "<script");
        // A form that can never send: method="dialog" outside a dialog does nothing.
        assert!(q.contains(
            "<form class=\"q-form\" id=\"q-k6-form\" method=\"dialog\" novalidate \
                 data-missing=\"まだ答えていない質問が{count}問あります。"
        ));
        assert!(!q.contains("action="), "{town}: no action");
        for text in [
            "神経過敏に感じましたか",
            "絶望的だと感じましたか",
            "そわそわ、落ち着かなく感じましたか",
            "気分が沈み込んで、何が起こっても気が晴れないように感じましたか",
            "何をするのも骨折りだと感じましたか",
            "自分は価値のない人間だと感じましたか",
        ] {
            assert!(q.contains(text), "{town}: {text}");
        }
        // いつも 4 … まったくない 0, for each of the six questions.
        assert_eq!(attrs(q, "data-points"), ["4", "3", "2", "1", "0"].repeat(6));
        // Bands at the 国民生活基礎調査 cut-offs; the last one puts the crisis lines right under
        // the score and the band's title, before the result's words (issue 30: all three fit
        // in a phone's first screen).
        assert_eq!(attrs(q, "data-min"), ["0", "5", "10", "15"]);
        assert_eq!(attrs(q, "data-max"), ["4", "9", "14", "24"]);
        let crisis = part(q, "q-band q-band--crisis", "<div class=\"q-band");
        let score = crisis.find("q-score").expect("score");
        let title = crisis.find("q-band__title").expect("title");
        let lines = crisis.find("q-crisis\"").expect("crisis lines");
        let words = crisis
            .find("つらさがかなり大きい")
            .expect("the band's words");
        assert!(
            score < title && title < lines && lines < words,
            "{town}: score, title, crisis lines, then the result's words"
        );
        assert!(
            crisis.contains("href=\"tel:0120279338\""),
            "{town}: よりそいホットライン"
        );
        // Every band that sends the reader to help (10 and up) has a number to dial in the
        // result itself: the example towns' windows have none, so the national line.
        let middle = &q[q.find("data-min=\"10\"").expect("the 10–14 band")..];
        let middle = &middle[..middle.find("<div class=\"q-band").unwrap_or(middle.len())];
        let call = middle.find("class=\"q-call").expect("a number to call");
        assert!(
            middle[call..].contains("href=\"tel:0120279338\""),
            "{town}: a dialable number in the 10–14 band"
        );
        assert!(call < middle.find("10点以上は").unwrap(), "{town}");
        assert_eq!(
            part(q, "q-band\"", "</div>").matches("q-crisis").count(),
            0,
            "no crisis block in the lowest band"
        );
        // The source, the licence and the copyright the licence asks for.
        for words in [
            "国民生活基礎調査",
            "Kessler RC",
            "利用条件",
            "© Ronald C. Kessler",
        ] {
            assert!(q.contains(words), "{town}: {words}");
        }
        // It ends with help: this town's windows on stress or depression, none of the others,
        // and the national lines.
        let help = part(q, "q-help\"", "</section>");
        assert!(q.trim_end().ends_with("</section>\n</div>") || q.contains("</section></div>"));
        let (on, off) = windows_on(root, town, &["stress", "depression"]);
        assert!(!on.is_empty(), "{town} has a window on stress");
        for name in &on {
            assert!(help.contains(name.as_str()), "{town}: {name} in the help");
        }
        for name in &off {
            assert!(
                !help.contains(name.as_str()),
                "{town}: {name} is not on stress"
            );
        }
        assert!(
            help.contains("tel:0570064556"),
            "{town}: こころの健康相談統一ダイヤル"
        );
        // From 10 points the result itself lists those windows, a tap away.
        let heavy = part(
            q,
            "q-band\" data-scale=\"total\" data-min=\"10\"",
            "<div class=\"q-band",
        );
        let light = part(
            q,
            "q-band\" data-scale=\"total\" data-min=\"5\"",
            "<div class=\"q-band",
        );
        for name in &on {
            assert!(
                heavy.contains(name.as_str()),
                "{town}: {name} in the 10–14 result"
            );
            assert!(
                crisis.contains(name.as_str()),
                "{town}: {name} in the 15+ result"
            );
            assert!(
                !light.contains(name.as_str()),
                "{town}: the 5–9 result lists no window"
            );
        }
        // The script is the site's own.
        assert!(html.contains("<script src=\"../../js/questionnaire.js\" defer></script>"));
        assert!(site.join(town).join("js/questionnaire.js").is_file());
    }
    // Pupils: the children's lines first, furigana on the questions.
    let pupils = read(&site, "sayama/school/check/index.html");
    let crisis = part(&pupils, "q-call q-crisis", "</ul>");
    let tels = attrs(crisis, "href");
    assert_eq!(tels[..2], ["tel:0120078310", "tel:0120997777"], "{tels:?}");
    // Only the kanji not yet learned at grade 3 (経, grade 5; 神 is grade 3).
    assert!(pupils.contains("神<ruby>経<rp>(</rp><rt>けい</rt>"));
    assert!(pupils.contains("<ruby>絶望<rp>(</rp><rt>ぜつぼう</rt>"));
    // And a leaflet to print.
    assert!(
        site.join("sayama/stress/check/leaflet/index.html")
            .is_file()
    );
}

/// A made-up instrument, for the tests only: a reversed item, a subscale, and cut-offs that
/// depend on an unscored answer (also read by the unit tests of `src/questionnaire`).
const OWN: &str = include_str!("questionnaire/own.toml");

const PAGE: &str =
    "+++\ntitle = \"チェック\"\n+++\n\nふり返ってみましょう。\n\n{{ questionnaire(id=\"own\") }}\n";

#[test]
fn a_projects_own_questionnaire_with_reversed_items_subscales_and_conditional_cut_offs() {
    let project = example_copy();
    let root = project.path();
    write(root, "questionnaires/own.toml", OWN);
    write(root, "content/addiction/check.md", PAGE);
    let (code, err) = build(root, &[]);
    assert_eq!(code, Some(0), "{err}");
    let html = read(&root.join("site"), "iruma/addiction/check/index.html");
    let q = part(&html, "questionnaire\"", "<script");
    // The unscored item adds nothing; `two` is reversed: はい 0, いいえ 1.
    assert_eq!(
        attrs(q, "data-points"),
        ["0", "0", "0", "1", "1", "0"],
        "group a/b, one no/yes, two no/yes"
    );
    assert_eq!(attrs(q, "data-scales"), ["", "total mood", "total"]);
    assert_eq!(attrs(q, "data-when-choice"), ["a", "a", "b", "b"]);
    assert_eq!(
        attrs(q, "data-scale"),
        ["total", "total", "total", "total", "mood"]
    );
    // The table to add up by hand names the condition of each band.
    assert!(q.contains("「あてはまる方」が「B」の場合：2点"), "{q}");
    // Its help: the town's windows on alcohol.
    let help = part(q, "q-help\"", "</section>");
    let (on, _) = windows_on(root, "iruma", &["alcohol"]);
    for name in &on {
        assert!(help.contains(name.as_str()), "{name}");
    }
}

fn refused(files: &[(&str, &str)], location: &str, words: &str) {
    let project = example_copy();
    let root = project.path();
    for (path, text) in files {
        write(root, path, text);
    }
    let err = build_fails(root);
    assert!(err.contains(location), "expected {location} in: {err}");
    assert!(err.contains(words), "expected `{words}` in: {err}");
}

#[test]
fn mistakes_are_refused_at_their_file_and_line() {
    // Bands that leave a score out: the first score no band covers.
    refused(
        &[(
            "questionnaires/own.toml",
            &OWN.replacen("min = 1\nmax = 2", "min = 2\nmax = 2", 1),
        )],
        "questionnaires/own.toml:42:7",
        "the score 1 of scale `total` (group = a)",
    );
    // A topic the project does not know, at its line.
    refused(
        &[(
            "questionnaires/own.toml",
            &OWN.replace("topics = [\"alcohol\"]", "topics = [\"alcohl\"]"),
        )],
        "questionnaires/own.toml:4:",
        "alcohol",
    );
    // An item with no text.
    refused(
        &[(
            "questionnaires/own.toml",
            &OWN.replace("text = \"質問2\"", "text = \"\""),
        )],
        "questionnaires/own.toml:33:",
        "items[2].text",
    );
    // A band's topic, likewise.
    refused(
        &[(
            "questionnaires/own.toml",
            &OWN.replace("crisis = true\n", "crisis = true\ntopics = [\"stres\"]\n"),
        )],
        "questionnaires/own.toml:59:11",
        "bands[3].topics[0]",
    );
    // A project file may not replace a shipped instrument.
    refused(
        &[("questionnaires/k6.toml", OWN)],
        "questionnaires/k6.toml",
        "`k6`",
    );
    // The shortcode without an id, or with one that does not exist, at the page's line.
    refused(
        &[(
            "content/stress/check.md",
            "+++\ntitle = \"t\"\n+++\n\n{{ questionnaire() }}\n",
        )],
        "content/stress/check.md:5",
        "k6",
    );
    refused(
        &[(
            "content/stress/check.md",
            "+++\ntitle = \"t\"\n+++\n\ntext\n\n{{ questionnaire(id=\"k10\") }}\n",
        )],
        "content/stress/check.md:7",
        "k10",
    );
    // Twice on one page: its form's ids would clash.
    refused(
        &[(
            "content/stress/check.md",
            "+++\ntitle = \"t\"\n+++\n\n{{ questionnaire(id=\"k6\") }}\n\n{{ questionnaire(id=\"k6\") }}\n",
        )],
        "content/stress/check.md:7",
        "`k6`",
    );
}
