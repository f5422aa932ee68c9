//! The answer kinds: what each intent computes from the fact base.
//!
//! An intent file names one [`AnswerKind`]; the kind reads the slots and the
//! facts and returns an [`Outcome`]: which of the intent's templates to use
//! (`key`), the values for its `{placeholders}` (`vars`), the source
//! sentences, and the facts it read (for `/why` and for `check`'s
//! reachability lint). Wording lives in the intent files; logic lives here.
//!
//! A kind may also decline ([`Declined`]) when the facts do not hold what
//! was asked (an organisation nobody in the article leads, a phrase nobody
//! said): the engine then answers "I don't know that", never a near miss.

use crate::facts::{Class, Country, EntityRef, FactBase};
use std::collections::BTreeMap;

/// The value of one slot, resolved against the fact base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotValue {
    Entity(EntityRef),
    Year(u16),
    Text(String),
}

pub type Slots = BTreeMap<String, SlotValue>;

/// What an answer kind produced.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub key: &'static str,
    pub vars: Vec<(&'static str, String)>,
    pub sources: Vec<String>,
    pub facts: Vec<String>,
    /// Quote ids given in this answer (so "what else did he say?" moves on).
    pub quotes: Vec<String>,
    /// Entities the answer is about that no slot named ("who leads Space
    /// Command?" is about Whiting): later pronouns refer to them.
    pub about: Vec<EntityRef>,
}

impl Outcome {
    fn new(key: &'static str) -> Self {
        Outcome {
            key,
            ..Default::default()
        }
    }
    fn var(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.vars.push((name, value.into()));
        self
    }
    pub(crate) fn src<S: AsRef<str>>(mut self, ids: &[S]) -> Self {
        for id in ids {
            if !self.sources.iter().any(|s| s == id.as_ref()) {
                self.sources.push(id.as_ref().to_string());
            }
        }
        self
    }
    pub(crate) fn fact(mut self, f: impl Into<String>) -> Self {
        let f = f.into();
        if !self.facts.contains(&f) {
            self.facts.push(f);
        }
        self
    }
}

/// Why a kind declined to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declined(pub String);

macro_rules! kinds {
    ($($variant:ident = $name:literal, slots [$($slot:literal),*], keys [$($key:literal),*] ;)*) => {
        /// Every kind of answer the engine can compute. Intent files name
        /// these in their `answer` field.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum AnswerKind { $($variant),* }

        impl AnswerKind {
            pub const ALL: &'static [AnswerKind] = &[$(AnswerKind::$variant),*];

            pub fn parse(s: &str) -> Option<AnswerKind> {
                match s { $($name => Some(AnswerKind::$variant),)* _ => None }
            }
            pub fn name(self) -> &'static str {
                match self { $(AnswerKind::$variant => $name),* }
            }
            /// Slots the kind requires (the patterns must capture them).
            pub fn required_slots(self) -> &'static [&'static str] {
                match self { $(AnswerKind::$variant => &[$($slot),*]),* }
            }
            /// Template keys the kind may produce: the intent must define each.
            pub fn keys(self) -> &'static [&'static str] {
                match self { $(AnswerKind::$variant => &[$($key),*]),* }
            }
        }
    };
}

kinds! {
    MemberList = "member_list", slots [], keys ["ok"];
    MemberCount = "member_count", slots [], keys ["ok"];
    IsMember = "is_member", slots ["country"], keys ["yes", "no"];
    JoinYear = "join_year", slots ["country"], keys ["founding", "joined", "not_member"];
    JoinedInYear = "joined_in_year", slots ["year"], keys ["some", "none"];
    JoinedRelative = "joined_relative", slots ["year", "cmp"], keys ["some", "none"];
    JoinedLatest = "joined_latest", slots [], keys ["ok"];
    JoinedWith = "joined_with", slots ["country"], keys ["some", "not_member"];
    FoundingMembers = "founding_members", slots [], keys ["ok"];
    GroupList = "group_list", slots [], keys ["ok"];
    IsFounding = "is_founding", slots ["country"], keys ["yes", "no", "not_member"];
    InitiativeStart = "initiative_start", slots [], keys ["ok"];
    InitiativeWhat = "initiative_what", slots [], keys ["ok"];
    Acronym = "acronym", slots [], keys ["ok"];
    Growth = "growth", slots [], keys ["ok"];
    CompareJoin = "compare_join", slots ["a", "b", "cmp"], keys ["yes", "no", "same", "not_member"];
    WhichFirst = "which_first", slots ["a", "b"], keys ["first", "last", "same", "not_member"];
    SameTime = "same_time", slots ["a", "b"], keys ["yes", "no", "not_member"];
    MeetingPlace = "meeting_place", slots [], keys ["ok"];
    MeetingDate = "meeting_date", slots [], keys ["ok"];
    MeetingHost = "meeting_host", slots [], keys ["ok"];
    MeetingParticipants = "meeting_participants", slots [], keys ["ok"];
    MeetingAttended = "meeting_attended", slots ["country"], keys ["yes", "no"];
    MeetingSummary = "meeting_summary", slots [], keys ["ok"];
    TopicList = "topic_list", slots [], keys ["ok"];
    TopicDiscussed = "topic_discussed", slots ["topic"], keys ["yes"];
    PersonQuote = "person_quote", slots ["person"], keys ["ok", "on_topic", "not_on_topic"];
    PersonQuoteMore = "person_quote_more", slots ["person"], keys ["more", "no_more"];
    QuoteSearch = "quote_search", slots ["text"], keys ["found"];
    PersonWho = "person_who", slots ["person"], keys ["ok"];
    RoleHolder = "role_holder", slots [], keys ["ok"];
    QuotedOfficials = "quoted_officials", slots [], keys ["ok"];
    CountryProfile = "country_profile", slots ["country"], keys ["founding", "joined", "not_member"];
    TopicProfile = "topic_profile", slots ["topic"], keys ["ok"];
    Static = "static", slots [], keys ["ok"];
    CountryJoinedIn = "country_joined_in", slots ["country", "year"], keys ["yes", "no", "not_member"];
    MeetingIn = "meeting_in", slots [], keys ["yes", "no"];
    MeetingOn = "meeting_on", slots ["when"], keys ["yes", "no"];
    InitiativeBeganIn = "initiative_began_in", slots ["year"], keys ["yes", "no"];
    MeetingHostIs = "meeting_host_is", slots ["org"], keys ["yes", "no"];
    PersonHasRole = "person_has_role", slots ["person", "role"], keys ["yes", "no"];
    QuoteCheck = "quote_check", slots ["person", "text"], keys ["yes", "no"];
    Followup = "followup", slots [], keys [];
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Joins items as "a, b and c".
pub fn join_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

fn entity(slots: &Slots, name: &str, class: Class) -> Option<EntityRef> {
    match slots.get(name) {
        Some(SlotValue::Entity(e)) if e.class == class => Some(*e),
        _ => None,
    }
}

fn year(slots: &Slots, name: &str) -> Option<u16> {
    match slots.get(name) {
        Some(SlotValue::Year(y)) => Some(*y),
        _ => None,
    }
}

fn text<'a>(slots: &'a Slots, name: &str) -> Option<&'a str> {
    match slots.get(name) {
        Some(SlotValue::Text(t)) => Some(t.as_str()),
        _ => None,
    }
}

/// The person a `person` slot names: a person, or the holder of a role.
fn person_of(facts: &FactBase, slots: &Slots) -> Option<usize> {
    match slots.get("person") {
        Some(SlotValue::Entity(e)) if e.class == Class::Person => Some(e.index),
        Some(SlotValue::Entity(e)) if e.class == Class::Role => Some(facts.roles[e.index].person),
        _ => None,
    }
}

fn member_names(
    facts: &FactBase,
    filter: impl Fn(u16, bool) -> bool,
) -> (Vec<String>, Vec<String>) {
    let mut names = Vec::new();
    let mut ids = Vec::new();
    for (_, c, m) in facts.members() {
        if filter(m.joined, m.founding) {
            names.push(c.in_text());
            ids.push(format!("member:{}", c.id));
        }
    }
    (names, ids)
}

fn join_years(facts: &FactBase) -> Vec<u16> {
    let mut ys: Vec<u16> = facts.members().map(|(_, _, m)| m.joined).collect();
    ys.sort();
    ys.dedup();
    ys
}

fn years_text(facts: &FactBase) -> String {
    join_list(
        &join_years(facts)
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>(),
    )
}

fn with_facts(mut o: Outcome, facts: Vec<String>) -> Outcome {
    for f in facts {
        o = o.fact(f);
    }
    o
}

/// Names the countries that joined in the same year as `c`, except `c`.
fn joined_alongside(facts: &FactBase, c: &Country) -> Vec<String> {
    let y = c.membership.as_ref().map(|m| m.joined);
    facts
        .members()
        .filter(|(_, o, m)| Some(m.joined) == y && o.id != c.id)
        .map(|(_, o, _)| o.in_text())
        .collect()
}

fn country_vars(o: Outcome, c: &Country) -> Outcome {
    let o = o
        .var("country", c.in_text())
        .var("flag", c.flag.clone())
        .fact(format!("member:{}", c.id));
    match &c.membership {
        Some(m) => o.var("year", m.joined.to_string()).src(&m.sources),
        None => o,
    }
}

fn roles_text(facts: &FactBase, person: usize) -> String {
    facts.people[person].titles.clone()
}

fn quote_vars(facts: &FactBase, o: Outcome, person: usize, quote: usize) -> Outcome {
    let p = &facts.people[person];
    let q = &p.quotes[quote];
    let mut o = o
        .var("person", p.display.clone())
        .var("surname", p.surname().to_string())
        .var("quote", q.text.clone())
        .var("how", q.how.clone())
        .var("roles", roles_text(facts, person))
        .src(&q.sources)
        .fact(format!("quote:{}", q.id));
    o.quotes.push(q.id.clone());
    o
}

/// Words that carry no meaning for quote search.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "has",
    "have",
    "how",
    "in",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "our",
    "said",
    "say",
    "says",
    "saying",
    "that",
    "the",
    "their",
    "them",
    "they",
    "this",
    "to",
    "was",
    "we",
    "were",
    "what",
    "which",
    "who",
    "will",
    "with",
    "would",
    "you",
    "your",
    "something",
    "thing",
    "things",
    "words",
    "quote",
    "line",
    "talked",
    "talk",
    "mentioned",
    "spoke",
    "speak",
    "must",
    "us",
    "usa",
    "space",
    "all",
    "his",
    "her",
    "he",
    "she",
    "i",
    "me",
    "my",
    "do",
    "did",
    "does",
    "not",
    "no",
    "just",
];

/// A crude stem, so "defends" meets "defend" and "threats" meets "threat".
fn stem(w: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(s) = w.strip_suffix(suffix)
            && s.len() >= 4
        {
            // "deterring" -> "deterr" -> "deter"; compared by
            // character, so a multi-byte character is never split.
            let mut last = s.chars().rev();
            return match (last.next(), last.next()) {
                (Some(a), Some(b)) if a == b && a.is_ascii() && !"aeiousl".contains(a) => {
                    &s[..s.len() - a.len_utf8()]
                }
                _ => s,
            };
        }
    }
    w
}

/// The words of `text` that say what it is about: lowercase, no
/// stopwords, stemmed, sorted and deduplicated. Quotes have theirs
/// precomputed in [`crate::facts::Quote::words`].
pub(crate) fn content_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| w.to_lowercase())
        .filter(|w| !w.is_empty() && !STOPWORDS.contains(&w.as_str()))
        .map(|w| stem(&w).to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Finds the quote that best matches a phrase: the share of the phrase's
/// content words found in the quote, weighted by how rare each word is among
/// the quotes. Returns (person, quote) only for a clear, strong match.
pub fn search_quotes(facts: &FactBase, phrase: &str) -> Option<(usize, usize)> {
    let words = content_words(phrase);
    if words.is_empty() {
        return None;
    }
    let quotes: Vec<(usize, usize, &[String])> = facts
        .people
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| {
            p.quotes
                .iter()
                .enumerate()
                .map(move |(qi, q)| (pi, qi, q.words.as_slice()))
        })
        .collect();
    let n = quotes.len() as f64;
    let weight = |w: &String| {
        let df = quotes.iter().filter(|(_, _, qw)| qw.contains(w)).count() as f64;
        if df == 0.0 { 1.0 } else { (1.0 + n / df).ln() }
    };
    let total: f64 = words.iter().map(weight).sum();
    let mut scored: Vec<(f64, usize, usize)> = quotes
        .iter()
        .map(|(pi, qi, qw)| {
            let s: f64 = words.iter().filter(|w| qw.contains(w)).map(weight).sum();
            (s / total, *pi, *qi)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, pi, qi) = scored[0];
    let second_other_person = scored.iter().find(|s| s.1 != pi).map_or(0.0, |s| s.0);
    (best >= 0.65 && best - second_other_person >= 0.2).then_some((pi, qi))
}

/// Computes the answer of `kind` for `slots`.
/// `quotes_given` lists quote ids already given in this conversation.
pub fn compute(
    kind: AnswerKind,
    facts: &FactBase,
    slots: &Slots,
    quotes_given: &[String],
) -> Result<Outcome, Declined> {
    use AnswerKind::*;
    let country =
        |name: &str| entity(slots, name, Class::Country).map(|e| &facts.countries[e.index]);
    let meeting = &facts.meeting;
    let init = &facts.initiative;
    let member_count = facts.members().count();
    Ok(match kind {
        MemberList | MemberCount | MeetingParticipants => {
            let lines: Vec<String> = facts
                .members()
                .map(|(_, c, m)| {
                    let how = if m.founding {
                        format!("founding member, {}", m.joined)
                    } else {
                        format!("joined {}", m.joined)
                    };
                    format!("{} {} ({how})", c.flag, c.name)
                })
                .collect();
            let (names, ids) = member_names(facts, |_, _| true);
            let o = Outcome::new("ok")
                .var("count", member_count.to_string())
                .var("list", join_list(&names))
                .var("lines", lines.join("\n"))
                .src(&["members"]);
            let o = if kind == MeetingParticipants {
                o.src(&meeting.participants_sources)
                    .fact("meeting:participants")
            } else {
                o
            };
            with_facts(o, ids)
        }
        IsMember => {
            let c = country("country").ok_or_else(|| Declined("no country".into()))?;
            match &c.membership {
                Some(m) => {
                    let how = if m.founding {
                        format!("one of the founding members, since {}", m.joined)
                    } else {
                        format!("it joined in {}", m.joined)
                    };
                    country_vars(Outcome::new("yes"), c).var("how", how)
                }
                None => Outcome::new("no")
                    .var("country", c.in_text())
                    .var("count", member_count.to_string())
                    .src(&["members"])
                    .fact("members"),
            }
        }
        JoinYear | CountryProfile => {
            let c = country("country").ok_or_else(|| Declined("no country".into()))?;
            match &c.membership {
                Some(m) if m.founding => country_vars(Outcome::new("founding"), c),
                Some(_) => {
                    let with = join_list(&joined_alongside(facts, c));
                    country_vars(Outcome::new("joined"), c).var("with", with)
                }
                None => Outcome::new("not_member")
                    .var("country", c.in_text())
                    .var("count", member_count.to_string())
                    .src(&["members"])
                    .fact("members"),
            }
        }
        JoinedInYear => {
            let y = year(slots, "year").ok_or_else(|| Declined("no year".into()))?;
            let (names, ids) = member_names(facts, |j, _| j == y);
            let o = if names.is_empty() {
                Outcome::new("none")
            } else {
                Outcome::new("some")
            };
            let o = o
                .var("year", y.to_string())
                .var("count", names.len().to_string())
                .var("list", join_list(&names))
                .var("years", years_text(facts))
                .src(&["history"]);
            with_facts(o, ids)
        }
        JoinedRelative => {
            let y = year(slots, "year").ok_or_else(|| Declined("no year".into()))?;
            let cmp = text(slots, "cmp").unwrap_or("");
            let (test, word): (fn(u16, u16) -> bool, &str) = match cmp {
                "before" | "prior to" | "earlier than" => (|j, y| j < y, "before"),
                "after" | "later than" => (|j, y| j > y, "after"),
                "since" | "from" | "in or after" => (|j, y| j >= y, "in or after"),
                "by" | "until" | "up to" | "till" | "in or before" => {
                    (|j, y| j <= y, "in or before")
                }
                _ => return Err(Declined(format!("unknown comparison {cmp:?}"))),
            };
            let mut lines = Vec::new();
            let mut ids = Vec::new();
            let mut names = Vec::new();
            for (_, c, m) in facts.members() {
                if test(m.joined, y) {
                    names.push(c.in_text());
                    lines.push(format!("{} ({})", c.in_text(), m.joined));
                    ids.push(format!("member:{}", c.id));
                }
            }
            let o = if names.is_empty() {
                Outcome::new("none")
            } else {
                Outcome::new("some")
            };
            let o = o
                .var("year", y.to_string())
                .var("cmp", word)
                .var("count", names.len().to_string())
                .var("list", join_list(&lines))
                .var("years", years_text(facts))
                .src(&["history"]);
            with_facts(o, ids)
        }
        JoinedLatest => {
            let last = *join_years(facts)
                .last()
                .ok_or_else(|| Declined("no members".into()))?;
            let (names, ids) = member_names(facts, |j, _| j == last);
            with_facts(
                Outcome::new("ok")
                    .var("year", last.to_string())
                    .var("list", join_list(&names))
                    .src(&["history"]),
                ids,
            )
        }
        JoinedWith => {
            let c = country("country").ok_or_else(|| Declined("no country".into()))?;
            match &c.membership {
                None => Outcome::new("not_member")
                    .var("country", c.in_text())
                    .src(&["members"])
                    .fact("members"),
                Some(m) => {
                    let others = joined_alongside(facts, c);
                    let how = if m.founding {
                        " as a founding member"
                    } else {
                        ""
                    };
                    country_vars(Outcome::new("some"), c)
                        .var("list", join_list(&others))
                        .var("how", how)
                }
            }
        }
        GroupList => {
            // The engine puts the conversation's group of countries in the
            // `group` slot (ids, space-separated); with none, all members.
            let ids: Vec<&str> = text(slots, "group")
                .unwrap_or("")
                .split_whitespace()
                .collect();
            let mut names = Vec::new();
            let mut o = Outcome::new("ok");
            for (_, c, m) in facts.members() {
                if ids.is_empty() || ids.contains(&c.id.as_str()) {
                    let how = if m.founding {
                        format!("founding member, {}", m.joined)
                    } else {
                        format!("joined {}", m.joined)
                    };
                    names.push(format!("{} ({how})", c.in_text()));
                    o = o.src(&m.sources).fact(format!("member:{}", c.id));
                }
            }
            if names.is_empty() {
                return Err(Declined("the group holds no member".into()));
            }
            o.var("count", names.len().to_string())
                .var("list", join_list(&names))
        }
        FoundingMembers => {
            let (names, ids) = member_names(facts, |_, f| f);
            let o = Outcome::new("ok")
                .var("count", names.len().to_string())
                .var("year", init.began.to_string())
                .var("list", join_list(&names))
                .src(&["history"])
                .fact("initiative");
            with_facts(o, ids)
        }
        IsFounding => {
            let c = country("country").ok_or_else(|| Declined("no country".into()))?;
            let (founders, _) = member_names(facts, |_, f| f);
            match &c.membership {
                None => Outcome::new("not_member")
                    .var("country", c.in_text())
                    .src(&["members"])
                    .fact("members"),
                Some(m) => country_vars(Outcome::new(if m.founding { "yes" } else { "no" }), c)
                    .var("founders", join_list(&founders))
                    .var("began", init.began.to_string()),
            }
        }
        InitiativeStart => {
            // Names the founders too: "who were they?" may follow.
            let (names, ids) = member_names(facts, |_, f| f);
            let o = Outcome::new("ok")
                .var("year", init.began.to_string())
                .var("list", join_list(&names))
                .var("count", names.len().to_string())
                .src(&["history"])
                .fact("initiative");
            with_facts(o, ids)
        }
        InitiativeWhat => Outcome::new("ok")
            .var("name", init.name.clone())
            .var("acronym", init.acronym.clone())
            .var("description", init.description.clone())
            .var("count", member_count.to_string())
            .var("year", init.began.to_string())
            .src(&init.sources)
            .fact("initiative"),
        Acronym => {
            let wanted = match slots.get("acronym") {
                Some(SlotValue::Entity(e)) if e.class == Class::Org => {
                    facts.orgs[e.index].id.clone()
                }
                Some(SlotValue::Text(t)) => t.clone(),
                _ => "cspo".to_string(),
            };
            let a = facts
                .acronyms
                .iter()
                .find(|a| a.id == wanted || a.acronym.eq_ignore_ascii_case(&wanted))
                .ok_or_else(|| Declined(format!("unknown acronym {wanted:?}")))?;
            Outcome::new("ok")
                .var("acronym", a.acronym.clone())
                .var("expansion", a.expansion.clone())
                .src(&a.sources)
                .fact(format!("acronym:{}", a.id))
        }
        Growth => {
            let mut lines = Vec::new();
            let mut ids = Vec::new();
            for y in join_years(facts) {
                let (names, i) = member_names(facts, |j, _| j == y);
                ids.extend(i);
                let note = if y == init.began {
                    " (founding members)"
                } else {
                    ""
                };
                lines.push(format!("{y}: {}{note}", join_list(&names)));
            }
            with_facts(
                Outcome::new("ok")
                    .var("timeline", lines.join("\n"))
                    .var("count", member_count.to_string())
                    .src(&["history"]),
                ids,
            )
        }
        CompareJoin | WhichFirst | SameTime => {
            let (a, b) = (country("a"), country("b"));
            let (Some(a), Some(b)) = (a, b) else {
                return Err(Declined("two countries needed".into()));
            };
            if a.id == b.id {
                return Err(Declined("the same country twice".into()));
            }
            let (Some(ma), Some(mb)) = (&a.membership, &b.membership) else {
                let non = if a.is_member() { b } else { a };
                return Ok(Outcome::new("not_member")
                    .var("country", non.in_text())
                    .src(&["members"])
                    .fact("members"));
            };
            let o = |key| {
                country_vars(country_vars(Outcome::new(key), b), a)
                    .var("a", a.in_text())
                    .var("b", b.in_text())
                    .var("year_a", ma.joined.to_string())
                    .var("year_b", mb.joined.to_string())
            };
            match kind {
                CompareJoin => {
                    let cmp = text(slots, "cmp").unwrap_or("before");
                    let after = matches!(
                        cmp,
                        "after"
                            | "later than"
                            | "later"
                            | "newer"
                            | "more recent"
                            | "more recently"
                    );
                    if ma.joined == mb.joined {
                        o("same")
                    } else if (ma.joined < mb.joined) != after {
                        o("yes")
                    } else {
                        o("no")
                    }
                }
                WhichFirst => {
                    let last = text(slots, "cmp").is_some_and(|c| {
                        matches!(
                            c,
                            "last"
                                | "later"
                                | "most recently"
                                | "more recently"
                                | "latest"
                                | "second"
                                | "newer"
                                | "more recent"
                        )
                    });
                    if ma.joined == mb.joined {
                        o("same")
                    } else {
                        let (first, second) = if ma.joined < mb.joined {
                            (a, b)
                        } else {
                            (b, a)
                        };
                        let (fy, sy) = (ma.joined.min(mb.joined), ma.joined.max(mb.joined));
                        let key = if last { "last" } else { "first" };
                        o(key)
                            .var("first", first.in_text())
                            .var("second", second.in_text())
                            .var("first_year", fy.to_string())
                            .var("second_year", sy.to_string())
                    }
                }
                _ => o(if ma.joined == mb.joined { "yes" } else { "no" }),
            }
        }
        MeetingPlace => Outcome::new("ok")
            .var("place", meeting.place.clone())
            .var("city", meeting.city.clone())
            .var("country", meeting.country.clone())
            .var("venue", meeting.venue.clone())
            .src(&meeting.place_sources)
            .src(&meeting.venue_sources)
            .fact("meeting:place")
            .fact("meeting:venue"),
        MeetingDate => Outcome::new("ok")
            .var("date", meeting.date.clone())
            .src(&meeting.date_sources)
            .fact("meeting:date"),
        MeetingHost => Outcome::new("ok")
            .var("host", meeting.host.clone())
            .var("venue", meeting.venue.clone())
            .var("place", meeting.place.clone())
            .src(&meeting.venue_sources)
            .fact("meeting:host"),
        MeetingAttended => {
            let c = country("country").ok_or_else(|| Declined("no country".into()))?;
            let o = Outcome::new(if c.is_member() { "yes" } else { "no" })
                .var("country", c.in_text())
                .var("count", member_count.to_string());
            o.src(&meeting.participants_sources)
                .fact("meeting:participants")
        }
        MeetingSummary => {
            let topics: Vec<String> = facts
                .topics
                .iter()
                .take(4)
                .map(|t| t.name.clone())
                .collect();
            Outcome::new("ok")
                .var("date", meeting.date.clone())
                .var("place", meeting.place.clone())
                .var("venue", meeting.venue.clone())
                .var("count", member_count.to_string())
                .var("purpose", meeting.purpose.clone())
                .var("message", meeting.message.clone())
                .var("topics", join_list(&topics))
                .src(&meeting.place_sources)
                .src(&meeting.date_sources)
                .src(&meeting.venue_sources)
                .fact("meeting:purpose")
                .fact("meeting:message")
        }
        TopicList => {
            let lines: Vec<String> = facts
                .topics
                .iter()
                .map(|t| format!("• {}", t.summary))
                .collect();
            let mut o = Outcome::new("ok").var("lines", lines.join("\n"));
            for t in &facts.topics {
                o = o.src(&t.sources).fact(format!("topic:{}", t.id));
            }
            o
        }
        TopicDiscussed | TopicProfile => {
            let t = entity(slots, "topic", Class::Topic)
                .map(|e| &facts.topics[e.index])
                .ok_or_else(|| Declined("no topic".into()))?;
            let key = if kind == TopicDiscussed { "yes" } else { "ok" };
            Outcome::new(key)
                .var("topic", t.name.clone())
                .var("summary", t.summary.clone())
                .src(&t.sources)
                .fact(format!("topic:{}", t.id))
        }
        PersonQuote => {
            let pi = person_of(facts, slots).ok_or_else(|| Declined("no person".into()))?;
            let p = &facts.people[pi];
            if let Some(te) = entity(slots, "topic", Class::Topic) {
                let t = &facts.topics[te.index];
                return Ok(
                    match p.quotes.iter().position(|q| q.topics.contains(&te.index)) {
                        Some(qi) => quote_vars(facts, Outcome::new("on_topic"), pi, qi)
                            .var("topic", t.name.clone()),
                        None => Outcome::new("not_on_topic")
                            .var("person", p.display.clone())
                            .var("topic", t.name.clone())
                            .src(&p.sources)
                            .fact(format!("person:{}", p.id)),
                    },
                );
            }
            if let Some(phrase) = text(slots, "text") {
                // "what did Whiting say about opponents?": the quote that
                // shares the most words with the subject, or a decline.
                let words = content_words(phrase);
                let best = p
                    .quotes
                    .iter()
                    .enumerate()
                    .map(|(qi, q)| (words.iter().filter(|w| q.words.contains(w)).count(), qi))
                    .max_by_key(|&(n, qi)| (n, std::cmp::Reverse(qi)));
                if words.is_empty() {
                    // "what did Brose say about space?": all of it is.
                    return compute(kind, facts, &without(slots, "text"), quotes_given);
                }
                return match best {
                    Some((n, qi)) if n > 0 && n * 2 >= words.len() => {
                        Ok(quote_vars(facts, Outcome::new("on_topic"), pi, qi)
                            .var("topic", phrase.to_string()))
                    }
                    _ => Err(Declined(format!(
                        "the article does not quote {} on {phrase:?}",
                        p.display
                    ))),
                };
            }
            // Several quotes: give them all, in order.
            let mut o = Outcome::new("ok").var("person", p.display.clone()).var(
                "how",
                p.quotes.first().map(|q| q.how.clone()).unwrap_or_default(),
            );
            let text: Vec<String> = p.quotes.iter().map(|q| q.text.clone()).collect();
            o = o
                .var("quote", text.join(" "))
                .var("roles", roles_text(facts, pi))
                .var("surname", p.surname().to_string());
            for q in &p.quotes {
                o = o.src(&q.sources).fact(format!("quote:{}", q.id));
                o.quotes.push(q.id.clone());
            }
            o
        }
        PersonQuoteMore => {
            let pi = person_of(facts, slots).ok_or_else(|| Declined("no person".into()))?;
            let p = &facts.people[pi];
            match p.quotes.iter().position(|q| !quotes_given.contains(&q.id)) {
                Some(qi) => quote_vars(facts, Outcome::new("more"), pi, qi),
                None => Outcome::new("no_more")
                    .var("person", p.display.clone())
                    .var("surname", p.surname().to_string())
                    .var(
                        "quote",
                        p.quotes
                            .iter()
                            .map(|q| q.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                    .src(&p.sources)
                    .fact(format!("person:{}", p.id)),
            }
        }
        QuoteSearch => {
            let phrase = text(slots, "text").ok_or_else(|| Declined("no phrase".into()))?;
            let (pi, qi) = search_quotes(facts, phrase)
                .ok_or_else(|| Declined(format!("no quote matches {phrase:?}")))?;
            quote_vars(facts, Outcome::new("found"), pi, qi)
        }
        PersonWho => {
            let pi = person_of(facts, slots).ok_or_else(|| Declined("no person".into()))?;
            let p = &facts.people[pi];
            let mut o = Outcome::new("ok")
                .var("person", p.display.clone())
                .var("surname", p.surname().to_string())
                .var("roles", roles_text(facts, pi))
                .src(&p.sources)
                .fact(format!("person:{}", p.id));
            for &r in &p.roles {
                o = o
                    .src(&facts.roles[r].sources)
                    .fact(format!("role:{}", facts.roles[r].id));
            }
            o
        }
        RoleHolder => {
            let role = match slots.get("role").or_else(|| slots.get("person")) {
                Some(SlotValue::Entity(e)) if e.class == Class::Role => e.index,
                Some(SlotValue::Entity(e)) if e.class == Class::Org => {
                    let org = &facts.orgs[e.index];
                    *org.leader_roles.first().ok_or_else(|| {
                        Declined(format!("the article names no leader of {}", org.name))
                    })?
                }
                _ => return Err(Declined("no role".into())),
            };
            let r = &facts.roles[role];
            let p = &facts.people[r.person];
            let mut o = Outcome::new("ok");
            o.about.push(EntityRef {
                class: Class::Person,
                index: r.person,
            });
            o.var("person", p.display.clone())
                .var("role", r.title.clone())
                .var("roles", roles_text(facts, r.person))
                .src(&r.sources)
                .fact(format!("role:{}", r.id))
        }
        QuotedOfficials => {
            let lines: Vec<String> = facts
                .people
                .iter()
                .enumerate()
                .map(|(i, p)| format!("• {}, {}", p.display, roles_text(facts, i)))
                .collect();
            let names: Vec<String> = facts.people.iter().map(|p| p.display.clone()).collect();
            let mut o = Outcome::new("ok")
                .var("count", facts.people.len().to_string())
                .var("lines", lines.join("\n"))
                .var("list", join_list(&names));
            for p in &facts.people {
                o = o.src(&p.sources).fact(format!("person:{}", p.id));
            }
            o
        }
        CountryJoinedIn => {
            let c = country("country").ok_or_else(|| Declined("no country".into()))?;
            let y = year(slots, "year").ok_or_else(|| Declined("no year".into()))?;
            match &c.membership {
                None => Outcome::new("not_member")
                    .var("country", c.in_text())
                    .src(&["members"])
                    .fact("members"),
                Some(m) => country_vars(Outcome::new(if m.joined == y { "yes" } else { "no" }), c)
                    .var("asked", y.to_string()),
            }
        }
        MeetingIn => {
            let here = match slots.get("where") {
                Some(SlotValue::Entity(e)) if e.class == Class::Country => facts.countries[e.index]
                    .name
                    .eq_ignore_ascii_case(&meeting.country),
                Some(SlotValue::Text(t)) => {
                    let t = t.trim();
                    // "the reunion was at which date?" asks, it names no place.
                    let first = t.split(' ').next().unwrap_or("");
                    if matches!(first, "which" | "what" | "where" | "when" | "whose" | "how") {
                        return Err(Declined(format!("{t:?} is a question, not a place")));
                    }
                    if matches!(
                        t,
                        "there"
                            | "here"
                            | "that place"
                            | "this place"
                            | "that city"
                            | "it"
                            | "person"
                            | "public"
                            | "private"
                            | "secret"
                    ) {
                        return Err(Declined(format!("{t:?} is not a place to check")));
                    }
                    if t.eq_ignore_ascii_case(&meeting.city)
                        || meeting.also_in.iter().any(|p| p.eq_ignore_ascii_case(t))
                    {
                        true
                    } else if MONTHS.iter().any(|m| {
                        t.split(' ')
                            .any(|w| w == *m || m.starts_with(w) && w.len() >= 3)
                    }) {
                        return Err(Declined("a date, not a place".into()));
                    } else {
                        false
                    }
                }
                _ => return Err(Declined("no place".into())),
            };
            Outcome::new(if here { "yes" } else { "no" })
                .var("place", meeting.place.clone())
                .var("venue", meeting.venue.clone())
                .src(&meeting.place_sources)
                .fact("meeting:place")
        }
        PersonHasRole => {
            let pi = person_of(facts, slots).ok_or_else(|| Declined("no person".into()))?;
            let role = match slots.get("role") {
                Some(SlotValue::Entity(e)) if e.class == Class::Role => e.index,
                Some(SlotValue::Entity(e)) if e.class == Class::Org => {
                    let org = &facts.orgs[e.index];
                    *org.leader_roles.first().ok_or_else(|| {
                        Declined(format!("the article names no leader of {}", org.name))
                    })?
                }
                _ => return Err(Declined("no role".into())),
            };
            let r = &facts.roles[role];
            let holder = &facts.people[r.person];
            let p = &facts.people[pi];
            Outcome::new(if r.person == pi { "yes" } else { "no" })
                .var("person", p.display.clone())
                .var("roles", roles_text(facts, pi))
                .var("role", r.title.clone())
                .var("holder", holder.display.clone())
                .src(&r.sources)
                .src(&p.sources)
                .fact(format!("role:{}", r.id))
        }
        QuoteCheck => {
            let pi = person_of(facts, slots).ok_or_else(|| Declined("no person".into()))?;
            let phrase = text(slots, "text").ok_or_else(|| Declined("no phrase".into()))?;
            let (speaker, qi) = search_quotes(facts, phrase)
                .ok_or_else(|| Declined(format!("no quote matches {phrase:?}")))?;
            let asked = facts.people[pi].display.clone();
            quote_vars(
                facts,
                Outcome::new(if speaker == pi { "yes" } else { "no" }),
                speaker,
                qi,
            )
            .var("asked", asked)
        }
        MeetingOn => {
            // "was the meeting on Dec 6?": month and day against the date.
            let asked = text(slots, "when").ok_or_else(|| Declined("no date".into()))?;
            let date = meeting.date.to_lowercase();
            let month = MONTHS.iter().find(|m| {
                asked
                    .split(' ')
                    .any(|w| w == **m || (w.len() >= 3 && m.starts_with(w)))
            });
            let day: Option<&str> = asked
                .split(' ')
                .map(|w| w.trim_end_matches(|c: char| c.is_ascii_alphabetic()))
                .find(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()));
            let Some(month) = month else {
                return Err(Declined("no month".into()));
            };
            let same =
                date.starts_with(month) && day.is_none_or(|d| date.split(' ').any(|w| w == d));
            Outcome::new(if same { "yes" } else { "no" })
                .var("date", meeting.date.clone())
                .src(&meeting.date_sources)
                .fact("meeting:date")
        }
        InitiativeBeganIn => {
            let y = year(slots, "year").ok_or_else(|| Declined("no year".into()))?;
            Outcome::new(if y == init.began { "yes" } else { "no" })
                .var("year", init.began.to_string())
                .var("asked", y.to_string())
                .src(&["history"])
                .fact("initiative")
        }
        MeetingHostIs => {
            let o = entity(slots, "org", Class::Org)
                .map(|e| &facts.orgs[e.index])
                .ok_or_else(|| Declined("no organisation".into()))?;
            let host = meeting.host.contains(o.name.as_str());
            Outcome::new(if host { "yes" } else { "no" })
                .var("host", meeting.host.clone())
                .var("venue", meeting.venue.clone())
                .var("org", o.name.clone())
                .src(&meeting.venue_sources)
                .fact("meeting:host")
        }
        Static => Outcome::new("ok"),
        Followup => return Err(Declined("follow-ups are resolved by the engine".into())),
    })
}

fn without(slots: &Slots, name: &str) -> Slots {
    let mut s = slots.clone();
    s.remove(name);
    s
}

/// Every fact id the fact base holds, for `check`'s reachability lint.
pub fn all_fact_ids(facts: &FactBase) -> Vec<String> {
    let mut ids = vec!["initiative".to_string(), "members".to_string()];
    for (_, c, _) in facts.members() {
        ids.push(format!("member:{}", c.id));
    }
    for f in [
        "date",
        "place",
        "venue",
        "host",
        "participants",
        "purpose",
        "message",
    ] {
        ids.push(format!("meeting:{f}"));
    }
    ids.extend(facts.acronyms.iter().map(|a| format!("acronym:{}", a.id)));
    ids.extend(facts.topics.iter().map(|t| format!("topic:{}", t.id)));
    ids.extend(facts.people.iter().map(|p| format!("person:{}", p.id)));
    ids.extend(facts.roles.iter().map(|r| format!("role:{}", r.id)));
    for p in &facts.people {
        ids.extend(p.quotes.iter().map(|q| format!("quote:{}", q.id)));
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_naturally() {
        let s = |v: &[&str]| join_list(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&[]), "");
        assert_eq!(s(&["a"]), "a");
        assert_eq!(s(&["a", "b"]), "a and b");
        assert_eq!(s(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn stems_are_conservative() {
        assert_eq!(stem("defends"), "defend");
        assert_eq!(stem("threats"), "threat");
        assert_eq!(stem("is"), "is");
        assert_eq!(stem("deterring"), "deter");
        assert_eq!(stem("passing"), "pass");
    }

    #[test]
    fn stems_cut_at_character_boundaries() {
        // "人" ends in the bytes BA BA, which once read as a doubled letter.
        assert_eq!(stem("a人ed"), "a人");
        assert_eq!(stem("a人ing"), "a人");
        assert_eq!(stem("人人es"), "人人");
        assert_eq!(stem("stopped"), "stop");
    }
}
