//! The meetings: where and when, who hosted, who took part, what was
//! discussed. Every kind answers about the meeting the question names
//! ("the Toulouse meeting"), else the latest.

use super::{Answered, Ask, Declined, Outcome};
use crate::facts::Meeting;
use crate::wording::Phrase;

/// The meeting asked about, with its name in the `meeting` variable: the
/// data's `only_name` when it holds one meeting ("the meeting"), else the
/// meeting's own name, so an answer always says which one it means
/// (`at_meeting` is empty, or the `at_meeting` phrase, for templates that
/// name the meeting only when there are several).
///
/// A meeting the question names is the one; otherwise the latest meeting
/// for which the data has what the kind needs (`has`): "what was
/// discussed?" is about the latest meeting whose topics the article gives.
fn meeting<'a>(ask: &Ask<'a>, o: &mut Outcome, has: impl Fn(&Meeting) -> bool) -> &'a Meeting {
    let facts = ask.facts;
    let m = match ask.named_meeting() {
        Some(id) => &facts.meetings[id],
        None => facts
            .meetings
            .iter()
            .rev()
            .find(|m| has(m))
            .unwrap_or(&facts.meetings[facts.latest_meeting()]),
    };
    if facts.meetings.len() == 1 {
        o.var("meeting", facts.only_meeting_name.clone())
            .var("at_meeting", "");
    } else {
        let at = ask.phrase(Phrase::AtMeeting, &[("meeting", m.name.clone())]);
        o.var("meeting", m.name.clone()).var("at_meeting", at);
    }
    m
}

fn any(_: &Meeting) -> bool {
    true
}

fn with_participants(m: &Meeting) -> bool {
    m.participants.is_some()
}

pub(super) fn place(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    let m = meeting(ask, &mut o, any);
    let place = o.cite(&m.place).clone();
    let city = o.cite(&m.city).clone();
    let country = ask.facts.countries[*o.cite(&m.country)].name.clone();
    let venue = o.cite(&m.venue).clone();
    o.var("place", place)
        .var("city", city)
        .var("country", country)
        .var("venue", venue)
        .fact("meeting:place")
        .fact("meeting:venue");
    Ok(o.done())
}

pub(super) fn date(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    let m = meeting(ask, &mut o, any);
    let date = *o.cite(&m.date);
    if let Some(y) = date.year {
        o.key = "dated";
        o.var("year", y.to_string());
    }
    o.var("date", ask.wording.date(&date)).fact("meeting:date");
    Ok(o.done())
}

pub(super) fn host(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    let m = meeting(ask, &mut o, any);
    let host = o.cite(&m.host).clone();
    let venue = o.cite(&m.venue).clone();
    let place = o.cite(&m.place).clone();
    o.var("host", host)
        .var("venue", venue)
        .var("place", place)
        .fact("meeting:host");
    Ok(o.done())
}

/// The countries that took part, or a decline when the article does not
/// say who did.
fn participants<'a>(
    m: &'a Meeting,
    o: &mut Outcome,
) -> Result<&'a [crate::facts::CountryId], Declined> {
    let p = m
        .participants
        .as_ref()
        .ok_or_else(|| Declined(format!("the article does not say who attended {}", m.name)))?;
    Ok(o.cite(p).as_slice())
}

pub(super) fn participants_list(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    let m = meeting(ask, &mut o, with_participants);
    let facts = ask.facts;
    let Some(p) = &m.participants else {
        return Err(Declined(format!(
            "the article does not say who attended {}",
            m.name
        )));
    };
    // The names come from the sentences that list the members.
    let mut names = Vec::new();
    for &c in p.peek() {
        if let Some(ms) = &facts.countries[c].membership {
            o.cite(&ms.listed);
        }
        names.push(facts.countries[c].in_text());
    }
    participants(m, &mut o)?;
    if p.peek().len() != facts.member_count() {
        o.key = "some";
    }
    o.var("count", names.len().to_string())
        .var("list", ask.list(&names))
        .fact("meeting:participants");
    for &c in p.peek() {
        o.fact(format!("member:{}", facts.countries[c].id));
    }
    Ok(o.done())
}

pub(super) fn attended(ask: &Ask) -> Answered {
    let (id, c) = ask.country("country")?;
    let mut o = Outcome::new("yes");
    let m = meeting(ask, &mut o, with_participants);
    let p = participants(m, &mut o)?;
    o.key = if p.contains(&id) {
        "yes"
    } else if c.is_member() {
        "not_listed"
    } else {
        "no"
    };
    o.var("country", c.in_text())
        .var("count", p.len().to_string())
        .fact("meeting:participants");
    Ok(o.done())
}

pub(super) fn summary(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    let m = meeting(ask, &mut o, |m| {
        m.participants.is_some() && m.purpose.is_some() && m.message.is_some()
    });
    let unknown = |what: &str| Declined(format!("the article does not give {what} of {}", m.name));
    let place = o.cite(&m.place).clone();
    let date = ask.wording.date(o.cite(&m.date));
    let venue = o.cite(&m.venue).clone();
    let count = participants(m, &mut o)?.len();
    let purpose = o
        .cite(m.purpose.as_ref().ok_or_else(|| unknown("the purpose"))?)
        .clone();
    let message = o
        .cite(m.message.as_ref().ok_or_else(|| unknown("the message"))?)
        .clone();
    let mut topics = Vec::new();
    for &t in &m.highlights {
        o.cite(&ask.facts.topics[t].summary);
        topics.push(ask.facts.topics[t].name.clone());
    }
    o.var("date", date)
        .var("place", place)
        .var("venue", venue)
        .var("count", count.to_string())
        .var("purpose", purpose)
        .var("message", message)
        .var("topics", ask.list(&topics))
        .fact("meeting:purpose")
        .fact("meeting:message");
    Ok(o.done())
}

pub(super) fn topic_list(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    let m = meeting(ask, &mut o, |m| !m.topics.is_empty());
    if m.topics.is_empty() {
        return Err(Declined(format!(
            "the article does not say what was discussed at {}",
            m.name
        )));
    }
    let mut lines = Vec::new();
    for &t in &m.topics {
        let t = &ask.facts.topics[t];
        let summary = o.cite(&t.summary).clone();
        lines.push(ask.phrase(Phrase::TopicLine, &[("summary", summary)]));
        o.fact(format!("topic:{}", t.id));
    }
    o.var("lines", lines.join("\n"));
    Ok(o.done())
}

/// "Did they discuss debris?": yes when the meeting's topics hold it.
pub(super) fn topic_discussed(ask: &Ask) -> Answered {
    let id = ask.topic()?;
    let mut o = Outcome::new("yes");
    let m = meeting(ask, &mut o, |m| !m.topics.is_empty());
    if !m.topics.contains(&id) {
        return Err(Declined(format!(
            "the article does not say that {} was discussed at {}",
            ask.facts.topics[id].name, m.name
        )));
    }
    topic_vars(ask, id, &mut o);
    Ok(o.done())
}

/// "What does the article say about debris?"
pub(super) fn topic_profile(ask: &Ask) -> Answered {
    let id = ask.topic()?;
    let mut o = Outcome::new("ok");
    topic_vars(ask, id, &mut o);
    Ok(o.done())
}

fn topic_vars(ask: &Ask, id: crate::facts::TopicId, o: &mut Outcome) {
    let t = &ask.facts.topics[id];
    let summary = o.cite(&t.summary).clone();
    o.var("topic", t.name.clone())
        .var("summary", summary)
        .fact(format!("topic:{}", t.id));
}

pub(super) fn meeting_in(ask: &Ask) -> Answered {
    let mut o = Outcome::new("no");
    let m = meeting(ask, &mut o, any);
    let here = match ask.slots.get("where") {
        Some(super::SlotValue::Entity(e)) if e.country().is_some() => {
            e.country() == Some(*m.country.peek())
        }
        Some(super::SlotValue::Text(t)) => {
            // A place is a few words; what follows a verb or an "or" is
            // the rest of the question ("paris, is that right?").
            let end = t
                .split(' ')
                .position(|w| matches!(w, "is" | "was" | "are" | "were" | "or" | "right"))
                .map_or(t.len(), |k| {
                    t.split(' ').take(k).map(|w| w.len() + 1).sum::<usize>()
                });
            let t = t[..end.min(t.len())].trim();
            if t.is_empty() {
                return Err(Declined("no place".into()));
            }
            // `[intent.words.where]`: question words ("the reunion was at
            // which date?" asks, it names no place) and words that stand in
            // a place slot but name no place to check ("in private").
            let first = t.split(' ').next().unwrap_or("");
            if ask.vocabulary.meaning("where", first) == Some("question") {
                return Err(Declined(format!("{t:?} is a question, not a place")));
            }
            if ask.vocabulary.meaning("where", t) == Some("not_a_place") {
                return Err(Declined(format!("{t:?} is not a place to check")));
            }
            if t.eq_ignore_ascii_case(m.city.peek())
                || m.also_in.iter().any(|p| p.eq_ignore_ascii_case(t))
            {
                true
            } else if t.split(' ').any(|w| ask.wording.month_of(w).is_some()) {
                return Err(Declined("a date, not a place".into()));
            } else {
                false
            }
        }
        _ => return Err(Declined("no place".into())),
    };
    if here {
        o.key = "yes";
    }
    let place = o.cite(&m.place).clone();
    let venue = o.cite(&m.venue).clone();
    o.var("place", place)
        .var("venue", venue)
        .fact("meeting:place");
    Ok(o.done())
}

/// "Is the CDE facility new or old?": the venue as the article describes
/// it (the only word of its age the article has). A question about an
/// organisation that did not host the meeting is not about the venue.
pub(super) fn venue_age(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    let org = ask.entity("org").and_then(crate::facts::EntityRef::org);
    // The meeting the named organisation hosted, when it hosted one.
    let m = meeting(ask, &mut o, |m| org.is_none() || m.host_org == org);
    if let Some(org) = org
        && m.host_org != Some(org)
    {
        return Err(Declined(format!(
            "the article does not say how old {} is",
            ask.facts.orgs[org].name.peek()
        )));
    }
    let venue = o.cite(&m.venue).clone();
    o.var("venue", venue).fact("meeting:venue");
    Ok(o.done())
}

/// "Was the meeting on Dec 6?": month and day against the date.
pub(super) fn meeting_on(ask: &Ask) -> Answered {
    let asked = ask.text("when").ok_or_else(|| Declined("no date".into()))?;
    let Some(month) = asked.split(' ').find_map(|w| ask.wording.month_of(w)) else {
        return Err(Declined("no month".into()));
    };
    let day: Option<u8> = asked
        .split(' ')
        .map(|w| w.trim_end_matches(|c: char| c.is_ascii_alphabetic()))
        .find(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
        .and_then(|d| d.parse().ok());
    let mut o = Outcome::new("no");
    let m = meeting(ask, &mut o, any);
    let date = *o.cite(&m.date);
    if date.month == month && day.is_none_or(|d| date.day == Some(d)) {
        o.key = "yes";
    }
    o.var("date", ask.wording.date(&date)).fact("meeting:date");
    Ok(o.done())
}

/// "and the one before?" when the article names no meeting before the
/// conversation's (the engine asks the previous question again when it
/// does): says which meeting is the earliest, cited by its date.
pub(super) fn none_before(ask: &Ask) -> Answered {
    let facts = ask.facts;
    let id = ask
        .named_meeting()
        .ok_or_else(|| Declined("no meeting".into()))?;
    if facts.meeting_before(id).is_some() {
        return Err(Declined(
            "the engine asks again about the meeting before".into(),
        ));
    }
    let m = &facts.meetings[id];
    let key = if facts.meetings.len() == 1 {
        "only"
    } else {
        "earliest"
    };
    let mut o = Outcome::new(key);
    o.cite(&m.date);
    o.var("meeting", m.name.clone())
        .var("count", facts.meetings.len().to_string())
        .fact("meeting:date");
    Ok(o.done())
}

/// "Was it hosted by the CDE?"
pub(super) fn host_is(ask: &Ask) -> Answered {
    let org = ask
        .entity("org")
        .and_then(crate::facts::EntityRef::org)
        .ok_or_else(|| Declined("no organisation".into()))?;
    let mut o = Outcome::new("no");
    let m = meeting(ask, &mut o, any);
    if m.host_org == Some(org) {
        o.key = "yes";
    }
    let host = o.cite(&m.host).clone();
    let venue = o.cite(&m.venue).clone();
    // "No: ..., not by U.S. Space Command": the answer names the other
    // one; "Yes" names it in the venue (cited by the same sentences).
    let name = o.cite(&ask.facts.orgs[org].name);
    o.var("host", host)
        .var("venue", venue)
        .var("org", name.clone())
        .fact("meeting:host");
    Ok(o.done())
}
