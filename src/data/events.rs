//! Events of a municipality (gatekeeper training, lectures, family classes, group meetings), as
//! written in `municipality.toml`, and their iCalendar form.

use serde::{Deserialize, Serialize};

use super::list::closed_list;
use crate::date::{Date, Moment};
use crate::labels::Labels;
use crate::messages::Text;
use crate::t;

closed_list! {
    /// The kind of an event.
    EventKind in "event_kind" {
        /// ゲートキーパー養成研修.
        GatekeeperTraining = "gatekeeper-training", "ゲートキーパー養成研修";
        /// 講演会.
        Lecture = "lecture", "講演会";
        /// 家族教室.
        FamilyClass = "family-class", "家族教室";
        /// つどい・グループミーティング.
        GroupMeeting = "group-meeting", "つどい・グループミーティング";
        /// 特設相談会.
        ConsultationDay = "consultation-day", "特設相談会";
        /// その他.
        Other = "other", "その他";
    }
}

closed_list! {
    /// Accessibility offered at an event.
    EventAccess in "event_access" {
        /// 手話通訳.
        SignLanguage = "sign-language", "手話通訳あり";
        /// 要約筆記.
        Captioning = "captioning", "要約筆記あり";
        /// Step-free access.
        Wheelchair = "wheelchair", "車いすで参加できます";
        /// Taking part online.
        Online = "online", "オンラインで参加できます";
        /// 託児.
        Childcare = "childcare", "託児あり";
    }
}

impl EventKind {
    /// Whether schema.org calls it an `EducationEvent` (a training, a lecture, a class).
    pub fn is_education(self) -> bool {
        matches!(
            self,
            EventKind::GatekeeperTraining | EventKind::Lecture | EventKind::FamilyClass
        )
    }
}

/// Where an event takes place.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    /// Name of the place.
    pub name: String,
    /// Reading in hiragana (joins the site's furigana lexicon).
    #[serde(default)]
    pub kana: String,
    /// Address.
    #[serde(default)]
    pub address: String,
}

/// An event as written in `[[events]]` (or read from a CSV): every value as text, not yet
/// checked. [`RawEvent::check`] makes it an [`Event`].
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// Stable identifier.
    pub id: String,
    /// Title.
    pub title: String,
    /// Reading of the title in hiragana.
    #[serde(default)]
    pub kana: String,
    /// One of [`EventKind`]'s keys.
    pub kind: String,
    /// Start, `YYYY-MM-DDTHH:MM` in Japan time (or a date for an all-day event); a TOML
    /// date-time or a string.
    #[serde(deserialize_with = "crate::toml_input::de_date")]
    pub start: String,
    /// End, same form as `start`.
    #[serde(deserialize_with = "crate::toml_input::de_date")]
    pub end: String,
    /// Where.
    #[serde(default)]
    pub venue: Venue,
    /// How many people can take part.
    #[serde(default)]
    pub capacity: Option<u32>,
    /// Fee in words.
    #[serde(default)]
    pub fee: String,
    /// How to apply.
    #[serde(default)]
    pub how_to_apply: String,
    /// Last day to apply, `YYYY-MM-DD`, or the last moment, `YYYY-MM-DDTHH:MM` (a TOML date or
    /// a string).
    #[serde(default, deserialize_with = "crate::toml_input::de_opt_date")]
    pub apply_by: Option<String>,
    /// Accessibility: keys of [`EventAccess`].
    #[serde(default)]
    pub accessibility: Vec<String>,
    /// Who organises it.
    #[serde(default)]
    pub organiser: String,
    /// Who to ask.
    #[serde(default)]
    pub contact_name: String,
    /// Their phone number.
    #[serde(default)]
    pub contact_phone: String,
    /// What it is about.
    #[serde(default)]
    pub description: String,
    /// A page about it.
    #[serde(default)]
    pub url: String,
    /// Access for people with disabilities, in words.
    #[serde(default)]
    pub barrier_free: String,
    /// Remarks (備考).
    #[serde(default)]
    pub remarks: String,
    /// Invented example data.
    #[serde(default)]
    pub example: bool,
}

/// A checked event.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Event {
    /// Stable identifier, unique within the municipality (used in URLs and iCalendar UIDs).
    pub id: String,
    /// Title.
    pub title: String,
    /// Reading of the title in hiragana.
    pub kana: String,
    /// What kind of event it is.
    pub kind: EventKind,
    /// Start (a whole day for an all-day event).
    pub start: Moment,
    /// End, a whole day exactly when the start is.
    pub end: Moment,
    /// Where.
    pub venue: Venue,
    /// How many people can take part.
    pub capacity: Option<u32>,
    /// Fee in words (無料, 500円…).
    pub fee: String,
    /// How to apply.
    pub how_to_apply: String,
    /// Last day or moment to apply, not after the start's day.
    pub apply_by: Option<Moment>,
    /// Accessibility offered.
    pub accessibility: Vec<EventAccess>,
    /// Who organises it.
    pub organiser: String,
    /// Who to ask.
    pub contact_name: String,
    /// Their phone number (checked; shown as a `tel:` link).
    pub contact_phone: String,
    /// What it is about.
    pub description: String,
    /// A page about it.
    pub url: String,
    /// Access for people with disabilities, in words (バリアフリー情報), beyond `accessibility`.
    pub barrier_free: String,
    /// Remarks (備考).
    pub remarks: String,
    /// Invented example data: shown with a 「例」 mark.
    pub example: bool,
}

/// The iCalendar form of a moment: `YYYYMMDD` or `YYYYMMDDTHHMM00`.
fn ical(m: Moment) -> String {
    let d = m.date;
    match m.minute() {
        Some(min) => format!(
            "{:04}{:02}{:02}T{:02}{:02}00",
            d.year,
            d.month,
            d.day,
            min / 60,
            min % 60
        ),
        None => format!("{:04}{:02}{:02}", d.year, d.month, d.day),
    }
}

impl RawEvent {
    /// Checks the event and types its values; else each field that is wrong and what is wrong
    /// with it (every independent mistake at once: an end before the start and a deadline after
    /// it are two).
    pub fn check(self) -> Result<Event, Vec<(String, Text)>> {
        let mut wrong: Vec<(String, Text)> = Vec::new();
        // The id becomes a file name (`events/<id>.ics`) and part of a calendar UID.
        if self.id.is_empty()
            || !self
                .id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            let id = self.id.escape_debug();
            wrong.push(("id".into(), t!("part.event-id", value = id)));
        }
        let kind = super::list::from_key::<EventKind>(&self.kind);
        if kind.is_none() {
            let u = super::list::unknown::<EventKind>(&self.kind);
            let why = t!(
                "part.event-kind",
                value = u.value,
                suggest = u.suggest,
                list = u.list
            );
            wrong.push(("kind".into(), why));
        }
        let (start, end, apply_by) = self.moments(&mut wrong);
        let accessibility = super::list::parse_all::<EventAccess>(&self.accessibility)
            .map_err(|u| wrong.push(("accessibility".into(), u.as_option())))
            .ok();
        self.check_contact(&mut wrong);
        match (kind, start, end, accessibility) {
            (Some(kind), Some(start), Some(end), Some(accessibility)) if wrong.is_empty() => {
                Ok(self.typed(kind, (start, end, apply_by), accessibility))
            }
            _ => Err(wrong),
        }
    }

    /// Start, end and deadline, each parsed, and the end after the start and the deadline not
    /// after its day; `None` for one that is wrong (said in `wrong`).
    fn moments(
        &self,
        wrong: &mut Vec<(String, Text)>,
    ) -> (Option<Moment>, Option<Moment>, Option<Moment>) {
        let mut moment = |field: &str, value: &str| match Moment::parse_explained(value) {
            Ok(m) => Some(m),
            Err(why) => {
                wrong.push((field.to_string(), why));
                None
            }
        };
        let start = moment("start", &self.start);
        let end = moment("end", &self.end);
        let by = self.apply_by.as_deref().and_then(|a| moment("apply_by", a));
        if let (Some(start), Some(end)) = (start, end)
            && (end < start || (end.time.is_some() != start.time.is_some()))
        {
            wrong.push(("end".into(), t!("part.event-end-before-start")));
        }
        if let (Some(start), Some(by)) = (start, by)
            && by.date > start.date
        {
            wrong.push(("apply_by".into(), t!("part.event-deadline-after-start")));
        }
        (start, end, by)
    }

    /// The page address and the contact phone (an example event has none).
    fn check_contact(&self, wrong: &mut Vec<(String, Text)>) {
        if !self.url.is_empty()
            && let Err(why) = super::web::web_url(&self.url)
        {
            wrong.push(("url".to_string(), why));
        }
        if !self.contact_phone.is_empty() {
            if self.example {
                wrong.push(("contact_phone".into(), t!("part.event-example-phone")));
            } else if let Err(why) = super::phone::normalize(&self.contact_phone) {
                wrong.push(("contact_phone".to_string(), why));
            }
        }
    }

    /// The event with its checked values.
    fn typed(
        self,
        kind: EventKind,
        (start, end, apply_by): (Moment, Moment, Option<Moment>),
        accessibility: Vec<EventAccess>,
    ) -> Event {
        Event {
            id: self.id,
            title: self.title,
            kana: self.kana,
            kind,
            start,
            end,
            venue: self.venue,
            capacity: self.capacity,
            fee: self.fee,
            how_to_apply: self.how_to_apply,
            apply_by,
            accessibility,
            organiser: self.organiser,
            contact_name: self.contact_name,
            contact_phone: self.contact_phone,
            description: self.description,
            url: self.url,
            barrier_free: self.barrier_free,
            remarks: self.remarks,
            example: self.example,
        }
    }
}

impl Event {
    /// Start and end in words, with the patterns of `labels`: 2026年12月5日（土） 13:30〜16:00.
    pub fn when(&self, labels: &Labels) -> String {
        when(self.start, self.end, labels)
    }

    /// The `tel:` URI of `contact_phone` (empty when there is none).
    pub fn contact_tel(&self) -> String {
        super::phone::normalize(&self.contact_phone)
            .map_or_else(|_| String::new(), |d| super::phone::tel_uri(&d))
    }

    /// Whether the event is over on `today` (it ended before today).
    pub fn is_past(&self, today: Date) -> bool {
        self.end.date < today
    }

    /// The VEVENT of this event.
    pub fn vevent(&self, uid_domain: &str, stamp: Date) -> String {
        let (s, e) = (self.start, self.end);
        let mut lines = vec![
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}@{}", self.id, uid_domain),
        ];
        lines.push(format!(
            "DTSTAMP:{:04}{:02}{:02}T000000Z",
            stamp.year, stamp.month, stamp.day
        ));
        if s.time.is_some() {
            lines.push(format!("DTSTART;TZID=Asia/Tokyo:{}", ical(s)));
            lines.push(format!("DTEND;TZID=Asia/Tokyo:{}", ical(e)));
        } else {
            lines.push(format!("DTSTART;VALUE=DATE:{}", ical(s)));
            let after = Moment {
                date: e.date.plus_days(1),
                time: None,
            };
            lines.push(format!("DTEND;VALUE=DATE:{}", ical(after)));
        }
        lines.push(format!("SUMMARY:{}", escape(&self.title)));
        let place = [self.venue.name.as_str(), self.venue.address.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        if !place.is_empty() {
            lines.push(format!("LOCATION:{}", escape(&place)));
        }
        // The calendar file is data, like the open data: in Japanese, as data writes it.
        let mut desc = vec![self.kind.label().to_string()];
        if !self.description.is_empty() {
            desc.push(self.description.clone());
        }
        if !self.how_to_apply.is_empty() {
            desc.push(format!("申込み：{}", self.how_to_apply));
        }
        lines.push(format!("DESCRIPTION:{}", escape(&desc.join("\n"))));
        // Validation admits only http(s) addresses without control characters; dropping any that
        // remain keeps the property on its line even for an event that skipped validation.
        if !self.url.is_empty() {
            let url: String = self.url.chars().filter(|c| !c.is_control()).collect();
            lines.push(format!("URL:{url}"));
        }
        lines.push("END:VEVENT".into());
        lines.iter().map(|l| fold(l)).collect()
    }
}

fn when(start: Moment, end: Moment, labels: &Labels) -> String {
    let day = |d: Date| labels.date_weekday(d);
    let at = |m: Moment| m.time.map(|t| labels.time(t));
    match (at(start), at(end)) {
        (Some(a), Some(b)) if start.date == end.date => labels.fill(
            "date.same_day",
            &[("day", &day(start.date)), ("from", &a), ("to", &b)],
        ),
        (Some(a), Some(b)) => {
            let from = labels.fill(
                "date.date_time",
                &[("date", &day(start.date)), ("time", &a)],
            );
            let to = labels.fill("date.date_time", &[("date", &day(end.date)), ("time", &b)]);
            labels.fill("date.range", &[("from", &from), ("to", &to)])
        }
        _ if start.date == end.date => day(start.date),
        _ => labels.fill(
            "date.range",
            &[("from", &day(start.date)), ("to", &day(end.date))],
        ),
    }
}

/// RFC 5545 text escaping: backslash, `;` and `,` escaped, every line break (CRLF, LF or a bare
/// CR) written `\n`, and other control characters dropped, so that a value can never end its line
/// and start a property of its own.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 5545 line folding: lines of at most 75 octets, continued with CRLF and a space, never
/// splitting a UTF-8 character; every line ends with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if len + n > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += n;
    }
    out.push_str("\r\n");
    out
}

/// A whole calendar: the Asia/Tokyo time zone and the given events.
pub fn calendar(name: &str, events: &[&Event], uid_domain: &str, stamp: Date) -> String {
    let mut s = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//tsunagi//tsunagi//JA",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        s.push_str(&fold(l));
    }
    s.push_str(&fold(&format!("X-WR-CALNAME:{}", escape(name))));
    s.push_str(&fold("X-WR-TIMEZONE:Asia/Tokyo"));
    for l in [
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Tokyo",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0900",
        "TZOFFSETTO:+0900",
        "TZNAME:JST",
        "END:STANDARD",
        "END:VTIMEZONE",
    ] {
        s.push_str(&fold(l));
    }
    for e in events {
        s.push_str(&e.vevent(uid_domain, stamp));
    }
    s.push_str(&fold("END:VCALENDAR"));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawEvent {
        toml::from_str(
            "id = \"gk-2026-12\"\ntitle = \"ゲートキーパー養成研修（入門編）\"\nkind = \"gatekeeper-training\"\nstart = \"2026-12-05T13:30\"\nend = \"2026-12-05T16:00\"\nvenue = { name = \"市民会館, 第1会議室\", address = \"埼玉県〇〇市\" }\napply_by = \"2026-11-30\"\naccessibility = [\"sign-language\", \"captioning\"]\ndescription = \"声のかけ方; 聴き方を学びます\"\n",
        )
        .unwrap()
    }

    fn event() -> Event {
        raw().check().unwrap()
    }

    #[test]
    fn labels_are_derived_and_bad_data_is_rejected() {
        let e = event();
        let ja = crate::labels::tests::shipped("ja");
        assert_eq!(e.kind.label_in(ja), "ゲートキーパー養成研修");
        assert_eq!(e.when(ja), "2026年12月5日（土） 13:30〜16:00");
        let access: Vec<&str> = e.accessibility.iter().map(|a| a.label_in(ja)).collect();
        assert_eq!(access, ["手話通訳あり", "要約筆記あり"]);
        let cases = [
            (
                "kind",
                RawEvent {
                    kind: "party".into(),
                    ..raw()
                },
            ),
            (
                "end",
                RawEvent {
                    end: "2026-12-05T12:00".into(),
                    ..raw()
                },
            ),
            (
                "start",
                RawEvent {
                    start: "12月5日".into(),
                    ..raw()
                },
            ),
            (
                "apply_by",
                RawEvent {
                    apply_by: Some("2026-12-10".into()),
                    ..raw()
                },
            ),
            (
                "accessibility",
                RawEvent {
                    accessibility: vec!["braille".into()],
                    ..raw()
                },
            ),
            (
                "id",
                RawEvent {
                    id: "../x".into(),
                    ..raw()
                },
            ),
        ];
        for (field, bad) in cases {
            assert_eq!(bad.check().unwrap_err()[0].0, field);
        }
    }

    #[test]
    fn no_value_can_start_a_property_of_its_own() {
        let mut e = event();
        e.title = "研修\r\nATTENDEE:mailto:x@evil.example\rORGANIZER:y\u{0}".into();
        let v = e.vevent(
            "tokorozawa.kokoro.example.jp",
            Date::parse("2026-11-25").unwrap(),
        );
        assert!(
            v.contains("SUMMARY:研修\\nATTENDEE:mailto:x@evil.example\\nORGANIZER:y\r\n"),
            "{v}"
        );
        assert!(
            !v.lines()
                .any(|l| l.starts_with("ATTENDEE") || l.starts_with("ORGANIZER"))
        );
        for id in [
            "a\r\nb", "a:b", "a*b", "a?b", "a<b", "a|b", "a\u{0}b", "相談",
        ] {
            let mut bad = raw();
            bad.id = id.into();
            assert_eq!(bad.check().unwrap_err()[0].0, "id", "{id:?}");
        }
    }

    #[test]
    fn past_and_upcoming() {
        let e = event();
        assert!(!e.is_past(Date::parse("2026-12-05").unwrap()));
        assert!(e.is_past(Date::parse("2026-12-06").unwrap()));
    }

    #[test]
    fn icalendar_is_escaped_and_folded() {
        let e = event();
        let cal = calendar(
            "〇〇市のイベント",
            &[&e],
            "kokoro.example.jp",
            Date::parse("2026-11-25").unwrap(),
        );
        assert!(cal.contains("DTSTART;TZID=Asia/Tokyo:20261205T133000\r\n"));
        assert!(cal.contains("LOCATION:市民会館\\, 第1会議室 埼玉県〇〇市\r\n"));
        assert!(cal.contains("声のかけ方\\; 聴き方"));
        assert!(
            cal.lines().all(|l| l.trim_end_matches('\r').len() <= 75),
            "folded"
        );
        assert!(cal.ends_with("END:VCALENDAR\r\n"));
    }
}
