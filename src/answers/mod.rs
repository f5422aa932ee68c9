//! The answer kinds: what each intent computes from the fact base.
//!
//! An intent file names one [`AnswerKind`]; the kind reads the slots and the
//! facts and returns an [`Outcome`]: which of the intent's templates to use
//! (`key`), the values for its `{placeholders}` (`vars`), the source
//! sentences, and the facts it read (for `/why` and for `check`'s
//! reachability lint). Wording lives in the intent files; logic lives here,
//! one small function per kind, a file per family:
//!
//! - `membership.rs`: who the members are, is X a member, when X joined;
//! - `history.rs`: who joined when, the founders, growth, comparisons;
//! - `meeting.rs`: the meetings (where, when, host, who took part, topics);
//! - `people.rs`: the quoted officials, their roles and their words;
//! - `reasoning.rs`: light reasoning over those facts (years between
//!   joinings, the membership after an expansion, the rounds of expansion,
//!   the officials of a rank, how words were delivered).
//!
//! Sources are never written here: every value of the fact base is a
//! [`Cited`] value, and [`Outcome::cite`] is the way to read one for an
//! answer, so an answer's sources are the union of the sources of the facts
//! it states, in the order it read them.
//!
//! A kind may also decline ([`Declined`]) when the facts do not hold what
//! was asked (an organisation nobody in the article leads, a phrase nobody
//! said, a meeting whose participants the article does not give): the
//! engine then answers "I don't know that", never a near miss.

mod history;
mod meeting;
mod membership;
mod people;
mod reasoning;

use crate::facts::{
    Cited, Country, CountryId, EntityRef, FactBase, FactId, MeetingId, PersonId, RoleId,
    SentenceId, TopicId,
};
use crate::wording::{Vocabulary, Wording};
use std::collections::BTreeMap;

pub use people::search_quotes;

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
    /// The sentences of the facts the answer states, in reading order.
    pub sources: Vec<SentenceId>,
    pub facts: Vec<String>,
    /// Quote ids given in this answer (so "what else did he say?" moves on).
    pub quotes: Vec<String>,
    /// Entities the answer is about that no slot named ("who leads Space
    /// Command?" is about Whiting): later pronouns refer to them.
    pub about: Vec<EntityRef>,
    /// The data fields the answer cited ("member.joined"), for `check`.
    pub fields: Vec<&'static str>,
    /// The cited values it read (entries of [`FactBase::catalog`]).
    pub read: Vec<FactId>,
}

impl Outcome {
    fn new(key: &'static str) -> Self {
        Outcome {
            key,
            ..Default::default()
        }
    }
    fn var(&mut self, name: &'static str, value: impl Into<String>) -> &mut Self {
        self.vars.push((name, value.into()));
        self
    }
    /// Reads a value for the answer: its sources become the answer's.
    pub fn cite<'a, T>(&mut self, c: &'a Cited<T>) -> &'a T {
        self.add_sources(c.sources());
        if !self.fields.contains(&c.field()) {
            self.fields.push(c.field());
        }
        if !self.read.contains(&c.fact()) {
            self.read.push(c.fact());
        }
        c.peek()
    }
    /// Adds sources (another outcome's, for a group's answer).
    pub fn add_sources(&mut self, ids: &[SentenceId]) {
        for id in ids {
            if !self.sources.contains(id) {
                self.sources.push(*id);
            }
        }
    }
    pub(crate) fn fact(&mut self, f: impl Into<String>) -> &mut Self {
        let f = f.into();
        if !self.facts.contains(&f) {
            self.facts.push(f);
        }
        self
    }
    fn done(&mut self) -> Outcome {
        std::mem::take(self)
    }
}

/// Why a kind declined to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declined(pub String);

type Answered = Result<Outcome, Declined>;

macro_rules! kinds {
    ($($variant:ident = $name:literal, slots [$($slot:literal),*], keys [$($key:literal),*], $fn:path;)*) => {
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
            fn function(self) -> fn(&Ask) -> Answered {
                match self { $(AnswerKind::$variant => $fn),* }
            }
        }
    };
}

kinds! {
    MemberList = "member_list", slots [], keys ["ok"], membership::member_list;
    MemberCount = "member_count", slots [], keys ["ok"], membership::member_count;
    IsMember = "is_member", slots ["country"], keys ["yes_founding", "yes_joined", "no"], membership::is_member;
    JoinYear = "join_year", slots ["country"], keys ["founding", "joined", "alone", "not_member"], membership::join_year;
    JoinedInYear = "joined_in_year", slots ["year"], keys ["some", "none"], history::joined_in_year;
    JoinedRelative = "joined_relative", slots ["year", "cmp"], keys ["some", "none"], history::joined_relative;
    JoinedLatest = "joined_latest", slots [], keys ["ok"], history::joined_latest;
    JoinedWith = "joined_with", slots ["country"], keys ["founding", "some", "alone", "not_member"], history::joined_with;
    FoundingMembers = "founding_members", slots [], keys ["ok"], history::founding_members;
    GroupList = "group_list", slots [], keys ["ok"], membership::group_list;
    InGroup = "in_group", slots ["country"], keys ["yes", "no", "not_member"], membership::in_group;
    IsFounding = "is_founding", slots ["country"], keys ["yes", "no", "not_member"], history::is_founding;
    InitiativeStart = "initiative_start", slots [], keys ["ok"], history::initiative_start;
    InitiativeWhat = "initiative_what", slots [], keys ["ok"], history::initiative_what;
    Acronym = "acronym", slots [], keys ["ok", "named"], history::acronym;
    Growth = "growth", slots [], keys ["ok"], history::growth;
    CompareJoin = "compare_join", slots ["a", "b", "cmp"], keys ["yes", "no", "same", "not_member"], history::compare_join;
    WhichFirst = "which_first", slots ["a", "b"], keys ["first", "last", "same", "not_member"], history::which_first;
    SameTime = "same_time", slots ["a", "b"], keys ["yes", "no", "not_member"], history::same_time;
    MeetingPlace = "meeting_place", slots [], keys ["ok"], meeting::place;
    MeetingDate = "meeting_date", slots [], keys ["ok", "dated"], meeting::date;
    MeetingHost = "meeting_host", slots [], keys ["ok"], meeting::host;
    MeetingParticipants = "meeting_participants", slots [], keys ["ok", "some"], meeting::participants_list;
    MeetingAttended = "meeting_attended", slots ["country"], keys ["yes", "no", "not_listed"], meeting::attended;
    MeetingSummary = "meeting_summary", slots [], keys ["ok"], meeting::summary;
    TopicList = "topic_list", slots [], keys ["ok"], meeting::topic_list;
    TopicDiscussed = "topic_discussed", slots ["topic"], keys ["yes"], meeting::topic_discussed;
    PersonQuote = "person_quote", slots ["person"], keys ["ok", "on_topic", "not_on_topic"], people::person_quote;
    PersonQuoteMore = "person_quote_more", slots ["person"], keys ["more", "no_more"], people::person_quote_more;
    QuoteSearch = "quote_search", slots ["text"], keys ["found"], people::quote_search;
    PersonWho = "person_who", slots ["person"], keys ["ok"], people::person_who;
    RoleHolder = "role_holder", slots [], keys ["ok"], people::role_holder;
    QuotedOfficials = "quoted_officials", slots [], keys ["ok", "others"], people::quoted_officials;
    CountryProfile = "country_profile", slots ["country"], keys ["founding", "joined", "alone", "not_member"], membership::join_year;
    TopicProfile = "topic_profile", slots ["topic"], keys ["ok"], meeting::topic_profile;
    Static = "static", slots [], keys ["ok"], static_answer;
    CountryJoinedIn = "country_joined_in", slots ["country", "year"], keys ["yes", "no", "not_member"], history::country_joined_in;
    MeetingIn = "meeting_in", slots [], keys ["yes", "no"], meeting::meeting_in;
    MeetingOn = "meeting_on", slots ["when"], keys ["yes", "no"], meeting::meeting_on;
    InitiativeBeganIn = "initiative_began_in", slots ["year"], keys ["yes", "no"], history::initiative_began_in;
    MeetingHostIs = "meeting_host_is", slots ["org"], keys ["yes", "no"], meeting::host_is;
    VenueAge = "venue_age", slots [], keys ["ok"], meeting::venue_age;
    PersonHasRole = "person_has_role", slots ["person", "role"], keys ["yes", "no"], people::person_has_role;
    QuoteCheck = "quote_check", slots ["person", "text"], keys ["yes", "no"], people::quote_check;
    PersonRank = "person_rank", slots ["person"], keys ["ok", "none"], people::person_rank;
    PersonNationality = "person_nationality", slots ["person"], keys ["yes", "no", "ok", "none"], people::person_nationality;
    YearsBetween = "years_between", slots ["country"], keys ["f_after", "f_founding", "f_yes", "f_no", "f_right", "f_wrong", "after", "same", "yes", "no", "right", "wrong", "not_member"], reasoning::years_between;
    JoinedRange = "joined_range", slots ["range"], keys ["some", "none"], reasoning::joined_range;
    JoinedRangeAny = "joined_range_any", slots ["range"], keys ["yes", "no"], reasoning::joined_range_any;
    YearSinceFounding = "year_since_founding", slots ["year"], keys ["after", "same", "before"], reasoning::year_since_founding;
    FoundingShare = "founding_share", slots [], keys ["ok"], reasoning::founding_share;
    LargestRound = "largest_round", slots [], keys ["ok", "pair", "tie"], reasoning::largest_round;
    MembersByYear = "members_by_year", slots ["year"], keys ["after", "before", "none"], reasoning::members_by_year;
    ExpansionRounds = "expansion_rounds", slots [], keys ["ok", "none"], reasoning::expansion_rounds;
    OfficialsByRank = "officials_by_rank", slots ["rank"], keys ["some", "none", "not", "not_none"], reasoning::officials_by_rank;
    PersonRankIs = "person_rank_is", slots ["person", "rank"], keys ["yes", "no", "none"], reasoning::person_rank_is;
    PersonRoles = "person_roles", slots ["person"], keys ["ok", "other", "none"], reasoning::person_roles;
    QuoteHow = "quote_how", slots ["person"], keys ["ok", "none"], reasoning::quote_how;
    QuoteByMedium = "quote_by_medium", slots ["medium"], keys ["ok"], reasoning::quote_by_medium;
    OfficialsNationality = "officials_nationality", slots ["country"], keys ["yes", "no", "unknown"], reasoning::officials_nationality;
    Followup = "followup", slots [], keys [], followup;
    MeetingBefore = "meeting_before", slots ["before"], keys ["only", "earliest"], meeting::none_before;
}

impl AnswerKind {
    /// The data fields the kind may cite: the kinds table's account of what
    /// each answer reads. `check` computes from it which loaded fields an
    /// intent can reach, and refuses an example whose answer cites a field
    /// its kind does not list (so the table stays true).
    pub fn reads(self) -> &'static [&'static str] {
        use AnswerKind as K;
        const MEMBER: &[&str] = &["member.joined", "member.sources"];
        const MEMBERSHIP: &[&str] = &["member.founding", "member.joined", "member.sources"];
        match self {
            K::MemberList
            | K::IsMember
            | K::JoinYear
            | K::GroupList
            | K::InGroup
            | K::CountryProfile => MEMBERSHIP,
            K::MemberCount => &["member.sources"],
            K::JoinedInYear | K::JoinedRelative | K::JoinedLatest | K::Growth => &["member.joined"],
            K::JoinedWith | K::CompareJoin | K::WhichFirst | K::SameTime | K::CountryJoinedIn => {
                MEMBER
            }
            K::FoundingMembers | K::InitiativeStart => &["initiative.began", "member.founding"],
            K::IsFounding => &[
                "initiative.began",
                "member.founding",
                "member.joined",
                "member.sources",
            ],
            K::InitiativeWhat => &["initiative.began", "initiative.description"],
            K::InitiativeBeganIn => &["initiative.began"],
            K::Acronym => &["acronym.expansion"],
            K::MeetingPlace => &[
                "meeting.city",
                "meeting.country",
                "meeting.place",
                "meeting.venue",
            ],
            K::MeetingDate | K::MeetingOn | K::MeetingBefore => &["meeting.date"],
            K::MeetingHost => &["meeting.host", "meeting.place", "meeting.venue"],
            K::MeetingHostIs => &["meeting.host", "meeting.venue", "organization.name"],
            K::VenueAge => &["meeting.venue"],
            K::MeetingIn => &["meeting.place", "meeting.venue"],
            K::MeetingParticipants => &["meeting.participants", "member.sources"],
            K::MeetingAttended => &["meeting.participants"],
            K::MeetingSummary => &[
                "meeting.date",
                "meeting.message",
                "meeting.participants",
                "meeting.place",
                "meeting.purpose",
                "meeting.venue",
                "topic.summary",
            ],
            K::TopicList | K::TopicDiscussed | K::TopicProfile => &["topic.summary"],
            K::PersonQuote | K::PersonQuoteMore | K::QuoteSearch => {
                &["person.titles", "quote.text"]
            }
            K::QuoteCheck => &["quote.text"],
            K::PersonWho | K::PersonHasRole => &["person.titles", "role.title"],
            K::RoleHolder => &["role.title"],
            K::QuotedOfficials => &["person.titles"],
            K::PersonRank => &["person.rank"],
            K::PersonNationality => &["person.nationality"],
            K::YearsBetween => &[
                "initiative.began",
                "member.founding",
                "member.joined",
                "member.sources",
            ],
            K::MembersByYear => MEMBER,
            K::JoinedRange | K::JoinedRangeAny => &["member.joined"],
            K::FoundingShare => &["member.founding", "member.sources"],
            K::YearSinceFounding => &["initiative.began"],
            K::LargestRound => &["initiative.began", "member.joined"],
            K::ExpansionRounds => &["initiative.began", "member.joined"],
            K::OfficialsByRank | K::PersonRankIs => &["person.rank", "person.titles"],
            K::PersonRoles => &["role.title"],
            K::QuoteHow | K::QuoteByMedium => &["quote.medium", "quote.text"],
            K::OfficialsNationality => &["person.nationality"],
            K::Static | K::Followup => &[],
        }
    }

    /// Kinds that continue the conversation: the engine resolves them
    /// (a follow-up rewrites the previous question; "and the one before?"
    /// asks it again about the meeting before), never as a first reading
    /// of a fragment.
    pub fn is_followup(self) -> bool {
        matches!(self, AnswerKind::Followup | AnswerKind::MeetingBefore)
    }

    /// The slots whose words the kind reads through the intent's
    /// `[intent.words.SLOT]`, whether the patterns must list those words
    /// (a closed group, `(?P<cmp>before|after)`), and the meanings it
    /// knows. The loader checks the intents against this table.
    pub fn vocabulary(self) -> &'static [(&'static str, bool, &'static [&'static str])] {
        match self {
            AnswerKind::JoinedRelative => &[(
                "cmp",
                true,
                &["before", "after", "in_or_after", "in_or_before"],
            )],
            AnswerKind::CompareJoin => &[("cmp", true, &["before", "after"])],
            AnswerKind::WhichFirst => &[("cmp", true, &["first", "last"])],
            AnswerKind::MeetingIn => &[("where", false, &["not_a_place", "question"])],
            _ => &[],
        }
    }
}

fn static_answer(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    o.var("members", ask.facts.member_count().to_string());
    Ok(o.done())
}

fn followup(_: &Ask) -> Answered {
    Err(Declined("follow-ups are resolved by the engine".into()))
}

/// The words of the intent data an answer is made of: the grammar's
/// phrases, months and quote search, and the intent's vocabulary.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    pub wording: &'a Wording,
    pub vocabulary: &'a Vocabulary,
}

/// Computes the answer of `kind` for `slots`.
/// `quotes_given` lists quote ids already given in this conversation.
pub fn compute(
    kind: AnswerKind,
    facts: &FactBase,
    words: Words,
    slots: &Slots,
    quotes_given: &[String],
) -> Result<Outcome, Declined> {
    kind.function()(&Ask {
        facts,
        wording: words.wording,
        vocabulary: words.vocabulary,
        slots,
        quotes_given,
    })
}

/// One question to answer: the facts, the words, the slots and what the
/// conversation already gave, with the resolvers every family shares.
struct Ask<'a> {
    facts: &'a FactBase,
    wording: &'a Wording,
    vocabulary: &'a Vocabulary,
    slots: &'a Slots,
    quotes_given: &'a [String],
}

impl<'a> Ask<'a> {
    /// Joins items as "a, b and c" (the grammar's `list_*` phrases).
    fn list(&self, items: &[String]) -> String {
        self.wording.list(items)
    }
    fn phrase(&self, p: crate::wording::Phrase, vars: &[(&str, String)]) -> String {
        self.wording.phrase(p, vars)
    }
    /// What the word a text slot holds means, by the intent's vocabulary.
    fn meaning(&self, slot: &str) -> Option<&'static str> {
        self.text(slot)
            .and_then(|w| self.vocabulary.meaning(slot, w))
    }
    fn entity(&self, name: &str) -> Option<EntityRef> {
        match self.slots.get(name) {
            Some(SlotValue::Entity(e)) => Some(*e),
            _ => None,
        }
    }
    fn country(&self, name: &str) -> Result<(CountryId, &'a Country), Declined> {
        let id = self
            .entity(name)
            .and_then(EntityRef::country)
            .ok_or_else(|| Declined("no country".into()))?;
        Ok((id, &self.facts.countries[id]))
    }
    fn year(&self, name: &str) -> Result<u16, Declined> {
        match self.slots.get(name) {
            Some(SlotValue::Year(y)) => Ok(*y),
            _ => Err(Declined("no year".into())),
        }
    }
    fn text(&self, name: &str) -> Option<&'a str> {
        match self.slots.get(name) {
            Some(SlotValue::Text(t)) => Some(t.as_str()),
            _ => None,
        }
    }
    fn topic(&self) -> Result<TopicId, Declined> {
        self.entity("topic")
            .and_then(EntityRef::topic)
            .ok_or_else(|| Declined("no topic".into()))
    }
    /// The person a `person` slot names: a person, or the holder of a role.
    fn person(&self) -> Result<PersonId, Declined> {
        let e = self.entity("person");
        e.and_then(EntityRef::person)
            .or_else(|| e.and_then(EntityRef::role).map(|r| self.facts.holder(r)))
            .ok_or_else(|| Declined("no person".into()))
    }
    /// The role a slot names: a role, or the role that leads the
    /// organisation it names.
    fn role(&self, slot: &str) -> Result<RoleId, Declined> {
        let e = self
            .entity(slot)
            .ok_or_else(|| Declined("no role".into()))?;
        if let Some(r) = e.role() {
            return Ok(r);
        }
        let o = e.org().ok_or_else(|| Declined("no role".into()))?;
        self.facts.leader_role(o).ok_or_else(|| {
            Declined(format!(
                "the article names no leader of {}",
                self.facts.orgs[o].name.peek()
            ))
        })
    }
    /// The meeting the question (or the conversation) names.
    fn named_meeting(&self) -> Option<MeetingId> {
        self.entity("meeting").and_then(EntityRef::meeting)
    }
}

/// The join years of the members, as "2018, 2020 and 2023", cited.
fn years_text(ask: &Ask, o: &mut Outcome) -> String {
    for (_, _, m) in ask.facts.members() {
        o.cite(&m.joined);
    }
    ask.list(
        &ask.facts
            .join_years()
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>(),
    )
}

/// The country's name, flag and (for a member) join year: the variables
/// every answer about one country has.
fn country_vars(o: &mut Outcome, c: &Country) {
    o.var("country", c.in_text())
        .var("flag", c.flag.clone())
        .fact(format!("member:{}", c.id));
    if let Some(m) = &c.membership {
        let y = *o.cite(&m.joined);
        o.cite(&m.listed);
        o.var("year", y.to_string());
    }
}

/// "X is not a member": cites the sentences that list the members.
fn not_member(key: &'static str, facts: &FactBase, c: &Country) -> Outcome {
    let mut o = Outcome::new(key);
    o.var("country", c.in_text());
    for (_, _, m) in facts.members() {
        o.cite(&m.listed);
    }
    o.fact("members");
    o.done()
}
