//! Who the members are, whether a country is one, when it joined.

use super::{Answered, Ask, Outcome, country_vars, not_member};
use crate::wording::Phrase;

/// One line per member: "🇺🇸 United States (founding member, 2018)".
fn member_lines(ask: &Ask, o: &mut Outcome) -> String {
    let mut lines = Vec::new();
    for (_, c, m) in ask.facts.members() {
        o.cite(&m.listed);
        let y = *o.cite(&m.joined);
        let line = if *o.cite(&m.founding) {
            Phrase::MemberLineFounding
        } else {
            Phrase::MemberLineJoined
        };
        lines.push(ask.phrase(
            line,
            &[
                ("flag", c.flag.clone()),
                ("name", c.name.clone()),
                ("year", y.to_string()),
            ],
        ));
        o.fact(format!("member:{}", c.id));
    }
    lines.join("\n")
}

/// The members' names, cited by the sentences that list them.
fn member_names(ask: &Ask, o: &mut Outcome) -> Vec<String> {
    let mut names = Vec::new();
    for (_, c, m) in ask.facts.members() {
        o.cite(&m.listed);
        names.push(c.in_text());
    }
    names
}

pub(super) fn member_list(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    let lines = member_lines(ask, &mut o);
    o.var("count", ask.facts.member_count().to_string())
        .var("lines", lines);
    Ok(o.done())
}

pub(super) fn member_count(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    let names = member_names(ask, &mut o);
    o.var("count", names.len().to_string())
        .var("list", ask.list(&names));
    for (_, c, _) in ask.facts.members() {
        o.fact(format!("member:{}", c.id));
    }
    Ok(o.done())
}

pub(super) fn is_member(ask: &Ask) -> Answered {
    let (_, c) = ask.country("country")?;
    let Some(m) = &c.membership else {
        let mut o = not_member("no", ask.facts, c);
        o.var("count", ask.facts.member_count().to_string());
        return Ok(o);
    };
    let key = if *m.founding.peek() {
        "yes_founding"
    } else {
        "yes_joined"
    };
    let mut o = Outcome::new(key);
    country_vars(&mut o, c);
    o.cite(&m.founding);
    Ok(o.done())
}

/// "When did X join?" and "Tell me about X".
pub(super) fn join_year(ask: &Ask) -> Answered {
    let (id, c) = ask.country("country")?;
    let Some(m) = &c.membership else {
        let mut o = not_member("not_member", ask.facts, c);
        o.var("count", ask.facts.member_count().to_string());
        return Ok(o);
    };
    if *m.founding.peek() {
        let mut o = Outcome::new("founding");
        country_vars(&mut o, c);
        o.cite(&m.founding);
        let founders = ask.facts.founders().count();
        return Ok(o.var("founders", founders.to_string()).done());
    }
    let mut o = Outcome::new("joined");
    country_vars(&mut o, c);
    let with = super::history::joined_alongside(ask, id, &mut o);
    if with.is_empty() {
        o.key = "alone";
    }
    Ok(o.var("with", ask.list(&with)).done())
}

/// The conversation's group of countries (the engine puts their ids,
/// space-separated, in the `group` slot), or all members.
pub(super) fn group_list(ask: &Ask) -> Answered {
    let ids: Vec<&str> = ask.text("group").unwrap_or("").split_whitespace().collect();
    // "How many are those?" counts what was listed: with no list before
    // it, all the members would be a guess.
    if ids.is_empty() && ask.text("of") == Some("listed") {
        return Err(super::Declined("no listed group to refer back to".into()));
    }
    let mut names = Vec::new();
    let mut o = Outcome::new("ok");
    for (_, c, m) in ask.facts.members() {
        if ids.is_empty() || ids.contains(&c.id.as_str()) {
            let y = *o.cite(&m.joined);
            o.cite(&m.listed);
            let how = if *o.cite(&m.founding) {
                Phrase::MemberFounding
            } else {
                Phrase::MemberJoined
            };
            names.push(ask.phrase(how, &[("country", c.in_text()), ("year", y.to_string())]));
            o.fact(format!("member:{}", c.id));
        }
    }
    if names.is_empty() {
        return Err(super::Declined("the group holds no member".into()));
    }
    o.var("count", names.len().to_string())
        .var("list", ask.list(&names));
    Ok(o.done())
}

/// "Was Germany one of them?" after an answer that listed some countries
/// (`group`: their ids, from the conversation): whether it is one of that
/// group, not whether it is a member. With no group listed, nothing to
/// check against.
pub(super) fn in_group(ask: &Ask) -> Answered {
    let ids: Vec<&str> = ask.text("group").unwrap_or("").split_whitespace().collect();
    // The whole membership is no group of some: "one of them" would be
    // a guess between the list and the initiative.
    if ids.len() < 2 || ids.len() >= ask.facts.member_count() {
        return Err(super::Declined("no listed group to refer back to".into()));
    }
    let (_, c) = ask.country("country")?;
    let key = if ids.contains(&c.id.as_str()) {
        "yes"
    } else if c.membership.is_some() {
        "no"
    } else {
        "not_member"
    };
    let mut o = if key == "not_member" {
        not_member(key, ask.facts, c)
    } else {
        let mut o = Outcome::new(key);
        country_vars(&mut o, c);
        o
    };
    let mut names = Vec::new();
    for (_, g, m) in ask.facts.members() {
        if ids.contains(&g.id.as_str()) {
            o.cite(&m.listed);
            names.push(g.in_text());
        }
    }
    o.var("list", ask.list(&names));
    Ok(o.done())
}
