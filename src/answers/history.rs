//! Who joined when: years, the founders, the growth of the initiative,
//! comparisons between two members; what the initiative is.

use super::{Answered, Ask, Declined, Outcome, country_vars, not_member, years_text};
use crate::facts::{CountryId, EntityRef};
use crate::wording::Phrase;

/// The members that joined in the same year as `id`, except `id`, cited.
pub(super) fn joined_alongside(ask: &Ask, id: CountryId, o: &mut Outcome) -> Vec<String> {
    let year = ask.facts.countries[id]
        .membership
        .as_ref()
        .map(|m| *m.joined.peek());
    let mut names = Vec::new();
    for (other, c, m) in ask.facts.members_joined(|j| Some(j) == year) {
        if other != id {
            o.cite(&m.joined);
            names.push(c.in_text());
        }
    }
    names
}

/// The names of the members whose join year passes `test`, cited and
/// recorded as facts read.
fn joined(ask: &Ask, o: &mut Outcome, test: impl Fn(u16) -> bool) -> Vec<String> {
    super::reasoning::members_where(ask, o, false, test)
}

pub(super) fn joined_in_year(ask: &Ask) -> Answered {
    let y = ask.year("year")?;
    let mut o = Outcome::new("some");
    let names = joined(ask, &mut o, |j| j == y);
    if names.is_empty() {
        o.key = "none";
        let years = years_text(ask, &mut o);
        o.var("years", years);
    }
    o.var("year", y.to_string())
        .var("count", names.len().to_string())
        .var("list", ask.list(&names));
    Ok(o.done())
}

/// What a comparison of `[intent.words.cmp]` means for a join year `j`
/// against the asked year `y`.
fn comparison(meaning: &str) -> Option<fn(u16, u16) -> bool> {
    Some(match meaning {
        "before" => |j, y| j < y,
        "after" => |j, y| j > y,
        "in_or_after" => |j, y| j >= y,
        "in_or_before" => |j, y| j <= y,
        _ => return None,
    })
}

pub(super) fn joined_relative(ask: &Ask) -> Answered {
    let y = ask.year("year")?;
    let meaning = ask
        .meaning("cmp")
        .ok_or_else(|| Declined(format!("unknown comparison {:?}", ask.text("cmp"))))?;
    let test = comparison(meaning)
        .ok_or_else(|| Declined(format!("unknown comparison meaning {meaning:?}")))?;
    // The first word of the meaning's list is the one answers use.
    let word = ask
        .vocabulary
        .words("cmp", meaning)
        .first()
        .cloned()
        .unwrap_or_default();
    let mut o = Outcome::new("some");
    let mut lines = Vec::new();
    for (_, c, m) in ask.facts.members_joined(|j| test(j, y)) {
        let j = o.cite(&m.joined);
        lines.push(ask.phrase(
            Phrase::MemberYear,
            &[("country", c.in_text()), ("year", j.to_string())],
        ));
        o.fact(format!("member:{}", c.id));
    }
    if lines.is_empty() {
        o.key = "none";
        let years = years_text(ask, &mut o);
        o.var("years", years);
    }
    o.var("year", y.to_string())
        .var("cmp", word)
        .var("count", lines.len().to_string())
        .var("list", ask.list(&lines));
    Ok(o.done())
}

pub(super) fn joined_latest(ask: &Ask) -> Answered {
    let last = *ask
        .facts
        .join_years()
        .last()
        .ok_or_else(|| Declined("no members".into()))?;
    let mut o = Outcome::new("ok");
    let names = joined(ask, &mut o, |j| j == last);
    o.var("year", last.to_string())
        .var("list", ask.list(&names));
    Ok(o.done())
}

pub(super) fn joined_with(ask: &Ask) -> Answered {
    let (id, c) = ask.country("country")?;
    let Some(m) = &c.membership else {
        return Ok(not_member("not_member", ask.facts, c));
    };
    let key = if *m.founding.peek() {
        "founding"
    } else {
        "some"
    };
    let mut o = Outcome::new(key);
    country_vars(&mut o, c);
    let others = joined_alongside(ask, id, &mut o);
    if others.is_empty() {
        o.key = "alone";
    }
    Ok(o.var("list", ask.list(&others)).done())
}

/// The founders' names, cited.
fn founders(ask: &Ask, o: &mut Outcome) -> Vec<String> {
    let mut names = Vec::new();
    for (_, c, m) in ask.facts.founders() {
        o.cite(&m.founding);
        names.push(c.in_text());
        o.fact(format!("member:{}", c.id));
    }
    names
}

pub(super) fn founding_members(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    let began = *o.cite(&ask.facts.initiative.began);
    o.fact("initiative");
    let names = founders(ask, &mut o);
    o.var("count", names.len().to_string())
        .var("year", began.to_string())
        .var("list", ask.list(&names));
    Ok(o.done())
}

pub(super) fn is_founding(ask: &Ask) -> Answered {
    let (_, c) = ask.country("country")?;
    let Some(m) = &c.membership else {
        return Ok(not_member("not_member", ask.facts, c));
    };
    let mut o = Outcome::new(if *m.founding.peek() { "yes" } else { "no" });
    country_vars(&mut o, c);
    o.cite(&m.founding);
    let mut names = Vec::new();
    for (_, f, fm) in ask.facts.founders() {
        o.cite(&fm.founding);
        names.push(f.in_text());
    }
    let began = *o.cite(&ask.facts.initiative.began);
    o.var("founders", ask.list(&names))
        .var("count", names.len().to_string())
        .var("began", began.to_string());
    Ok(o.done())
}

pub(super) fn initiative_start(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    let began = *o.cite(&ask.facts.initiative.began);
    o.fact("initiative");
    let names = founders(ask, &mut o);
    o.var("year", began.to_string())
        .var("list", ask.list(&names))
        .var("count", names.len().to_string());
    Ok(o.done())
}

pub(super) fn initiative_what(ask: &Ask) -> Answered {
    let init = &ask.facts.initiative;
    let mut o = Outcome::new("ok");
    let description = o.cite(&init.description).clone();
    let began = *o.cite(&init.began);
    o.var("name", init.name.clone())
        .var("acronym", init.acronym.clone())
        .var("description", description)
        .var("count", ask.facts.member_count().to_string())
        .var("year", began.to_string())
        .fact("initiative");
    Ok(o.done())
}

pub(super) fn acronym(ask: &Ask) -> Answered {
    let facts = ask.facts;
    let wanted = match (
        ask.entity("acronym").and_then(EntityRef::org),
        ask.text("acronym"),
    ) {
        (Some(org), _) => facts.orgs[org].id.clone(),
        (None, Some(t)) => t.to_string(),
        (None, None) => "cspo".to_string(),
    };
    let a = facts
        .acronyms
        .iter()
        .find(|a| a.id == wanted || a.acronym.eq_ignore_ascii_case(&wanted))
        .ok_or_else(|| Declined(format!("unknown acronym {wanted:?}")))?;
    let mut o = Outcome::new(if a.spelled_out { "ok" } else { "named" });
    let expansion = o.cite(&a.expansion).clone();
    o.var("acronym", a.acronym.clone())
        .var("expansion", expansion)
        .fact(format!("acronym:{}", a.id));
    Ok(o.done())
}

pub(super) fn growth(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    let began = *ask.facts.initiative.began.peek();
    let years = ask.facts.join_years();
    let mut lines = Vec::new();
    for &y in &years {
        let names = joined(ask, &mut o, |j| j == y);
        let line = if y == began {
            Phrase::GrowthLineFounding
        } else {
            Phrase::GrowthLine
        };
        lines.push(ask.phrase(line, &[("year", y.to_string()), ("list", ask.list(&names))]));
    }
    o.var("timeline", lines.join("\n"))
        .var("steps", years.len().to_string())
        .var("count", ask.facts.member_count().to_string());
    Ok(o.done())
}

/// The two members a comparison names, or the outcome that one is none.
/// Two members and their join years.
type TwoMembers<'a> = (
    &'a crate::facts::Country,
    &'a crate::facts::Country,
    u16,
    u16,
);

fn two_members<'a>(ask: &Ask<'a>) -> Result<Result<TwoMembers<'a>, Outcome>, Declined> {
    let (Ok((ia, a)), Ok((ib, b))) = (ask.country("a"), ask.country("b")) else {
        return Err(Declined("two countries needed".into()));
    };
    if ia == ib {
        return Err(Declined("the same country twice".into()));
    }
    let (Some(ma), Some(mb)) = (&a.membership, &b.membership) else {
        let non = if a.is_member() { b } else { a };
        return Ok(Err(not_member("not_member", ask.facts, non)));
    };
    Ok(Ok((a, b, *ma.joined.peek(), *mb.joined.peek())))
}

/// The variables of a comparison of two members' join years.
fn compared(
    key: &'static str,
    a: &crate::facts::Country,
    b: &crate::facts::Country,
    ya: u16,
    yb: u16,
) -> Outcome {
    let mut o = Outcome::new(key);
    country_vars(&mut o, b);
    country_vars(&mut o, a);
    o.var("a", a.in_text())
        .var("b", b.in_text())
        .var("year_a", ya.to_string())
        .var("year_b", yb.to_string());
    o.done()
}

pub(super) fn compare_join(ask: &Ask) -> Answered {
    let (a, b, ya, yb) = match two_members(ask)? {
        Ok(t) => t,
        Err(o) => return Ok(o),
    };
    let after = ask.meaning("cmp") == Some("after");
    let key = if ya == yb {
        "same"
    } else if (ya < yb) != after {
        "yes"
    } else {
        "no"
    };
    Ok(compared(key, a, b, ya, yb))
}

pub(super) fn which_first(ask: &Ask) -> Answered {
    let (a, b, ya, yb) = match two_members(ask)? {
        Ok(t) => t,
        Err(o) => return Ok(o),
    };
    if ya == yb {
        return Ok(compared("same", a, b, ya, yb));
    }
    let last = ask.meaning("cmp") == Some("last");
    let (first, second) = if ya < yb { (a, b) } else { (b, a) };
    let mut o = compared(if last { "last" } else { "first" }, a, b, ya, yb);
    o.var("first", first.in_text())
        .var("second", second.in_text())
        .var("first_year", ya.min(yb).to_string())
        .var("second_year", ya.max(yb).to_string());
    Ok(o)
}

pub(super) fn same_time(ask: &Ask) -> Answered {
    let (a, b, ya, yb) = match two_members(ask)? {
        Ok(t) => t,
        Err(o) => return Ok(o),
    };
    Ok(compared(if ya == yb { "yes" } else { "no" }, a, b, ya, yb))
}

pub(super) fn country_joined_in(ask: &Ask) -> Answered {
    let (_, c) = ask.country("country")?;
    let y = ask.year("year")?;
    let Some(m) = &c.membership else {
        return Ok(not_member("not_member", ask.facts, c));
    };
    let mut o = Outcome::new(if *m.joined.peek() == y { "yes" } else { "no" });
    country_vars(&mut o, c);
    Ok(o.var("asked", y.to_string()).done())
}

pub(super) fn initiative_began_in(ask: &Ask) -> Answered {
    let y = ask.year("year")?;
    let mut o = Outcome::new("");
    let began = *o.cite(&ask.facts.initiative.began);
    o.key = if y == began { "yes" } else { "no" };
    o.var("year", began.to_string())
        .var("asked", y.to_string())
        .fact("initiative");
    Ok(o.done())
}
