//! Light reasoning over the facts: gaps in years between joinings, the
//! size of the membership after an expansion, the rounds of expansion,
//! the officials of a rank, an official's roles, how words were delivered.
//!
//! Every number is computed from the data (nothing here knows that the
//! initiative began in 2018 or that two officials are generals), and every
//! value an answer states is read through [`Outcome::cite`].

use super::{Answered, Ask, Declined, Outcome, country_vars, not_member};
use crate::facts::{CountryId, PersonId};
use crate::wording::Phrase;

/// "How many years after the founding did France join?", "How many years
/// separate Germany's accession from Norway's?", "Did France accede before
/// or after the founding?". `country` is the member asked about; `since`
/// the member it is measured from (absent: the founding); `cmp` (before or
/// after) makes it a yes/no question.
pub(super) fn years_between(ask: &Ask) -> Answered {
    let (id, c) = ask.country("country")?;
    let Some(m) = &c.membership else {
        return Ok(not_member("not_member", ask.facts, c));
    };
    let cmp = ask.text("cmp");
    // "so Japan joined 5 years after it started?": a number to check.
    let stated = match ask.text("n") {
        Some(n) => Some(number(n).ok_or_else(|| Declined(format!("not a number: {n:?}")))?),
        None => None,
    };
    let since = match ask.country("since") {
        Ok((sid, s)) if sid == id => {
            return Err(Declined(format!("{} compared with itself", s.id)));
        }
        Ok((sid, s)) => Some((sid, s)),
        Err(_) => None,
    };
    let Some((_, s)) = since else {
        // Measured from the founding.
        let mut o = Outcome::new("f_after");
        country_vars(&mut o, c);
        let began = *o.cite(&ask.facts.initiative.began);
        o.fact("initiative");
        let joined = *m.joined.peek();
        if *o.cite(&m.founding) || joined <= began {
            o.key = "f_founding";
        } else if let Some(n) = stated {
            o.key = if n == joined.saturating_sub(began) {
                "f_right"
            } else {
                "f_wrong"
            };
        } else if let Some(cmp) = cmp {
            o.key = if cmp == "after" { "f_yes" } else { "f_no" };
        }
        o.var("since_year", began.to_string())
            .var("gap", joined.saturating_sub(began).to_string());
        if let Some(n) = stated {
            o.var("stated", n.to_string());
        }
        return Ok(o.done());
    };
    let Some(sm) = &s.membership else {
        return Ok(not_member("not_member", ask.facts, s));
    };
    let (ya, yb) = (*m.joined.peek(), *sm.joined.peek());
    let key = match cmp {
        _ if ya == yb => "same",
        _ if stated.is_some() => {
            if ya > yb && stated == Some(ya - yb) {
                "right"
            } else {
                "wrong"
            }
        }
        Some(cmp) => {
            if (ya > yb) == (cmp == "after") {
                "yes"
            } else {
                "no"
            }
        }
        None => "after",
    };
    // Without a comparison, the later member is measured from the earlier.
    let (later, earlier) = if matches!(key, "after" | "wrong") && ya < yb {
        (s, c)
    } else {
        (c, s)
    };
    let mut o = Outcome::new(key);
    country_vars(&mut o, later);
    let (ly, ey) = (
        *later.membership.as_ref().map_or(&0, |m| o.cite(&m.joined)),
        *earlier
            .membership
            .as_ref()
            .map_or(&0, |m| o.cite(&m.joined)),
    );
    o.var("since", earlier.in_text())
        .var("since_year", ey.to_string())
        .var("gap", ly.abs_diff(ey).to_string())
        .fact(format!("member:{}", earlier.id));
    if let Some(n) = stated {
        o.var("stated", n.to_string());
    }
    Ok(o.done())
}

/// A count as the question gives it: digits, or a word from "one" to
/// "twelve".
fn number(text: &str) -> Option<u16> {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    text.parse()
        .ok()
        .or_else(|| WORDS.iter().position(|w| *w == text).map(|k| k as u16))
}

/// The members whose join year passes `test`, cited, as names.
/// `listed`: the answer also says they are members (the listing is cited).
pub(super) fn members_where(
    ask: &Ask,
    o: &mut Outcome,
    listed: bool,
    test: impl Fn(u16) -> bool,
) -> Vec<String> {
    let mut names = Vec::new();
    for (_, c, m) in ask.facts.members_joined(test) {
        o.cite(&m.joined);
        if listed {
            o.cite(&m.listed);
        }
        names.push(c.in_text());
        o.fact(format!("member:{}", c.id));
    }
    names
}

/// "How many members after the 2020 expansion?", "What was the size of the
/// membership just before the 2023 intake?": the members that had joined
/// by (`cmp` after) or before (`cmp` before) the year.
pub(super) fn members_by_year(ask: &Ask) -> Answered {
    let y = ask.year("year")?;
    let before = ask.text("cmp") == Some("before");
    let mut o = Outcome::new(if before { "before" } else { "after" });
    let names = members_where(ask, &mut o, true, |j| if before { j < y } else { j <= y });
    let mut began = *ask.facts.initiative.began.peek();
    if names.is_empty() {
        o.key = "none";
        began = *o.cite(&ask.facts.initiative.began);
        o.fact("initiative");
    }
    o.var("year", y.to_string())
        .var("began", began.to_string())
        .var("count", names.len().to_string())
        .var("list", ask.list(&names));
    Ok(o.done())
}

/// "How many rounds of expansion have there been?": the years after the
/// founding in which members joined, with who joined in each.
pub(super) fn expansion_rounds(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    let began = *o.cite(&ask.facts.initiative.began);
    o.fact("initiative");
    let founders = ask.facts.founders().count();
    let rounds: Vec<u16> = ask
        .facts
        .join_years()
        .into_iter()
        .filter(|&y| y > began)
        .collect();
    let mut parts = Vec::new();
    for &y in &rounds {
        let names = members_where(ask, &mut o, false, |j| j == y);
        let list = ask.list(&names);
        parts.push(ask.phrase(
            Phrase::RoundLine,
            &[("year", y.to_string()), ("list", list)],
        ));
    }
    if rounds.is_empty() {
        o.key = "none";
    }
    o.var("rounds", rounds.len().to_string())
        .var("began", began.to_string())
        .var("founders", founders.to_string())
        .var(
            "years",
            ask.list(&rounds.iter().map(u16::to_string).collect::<Vec<_>>()),
        )
        .var("list", ask.list(&parts))
        .var("count", ask.facts.member_count().to_string());
    Ok(o.done())
}

/// Whether a person's rank is the asked one (case aside).
fn has_rank(ask: &Ask, p: PersonId, rank: &str) -> bool {
    ask.facts.people[p]
        .rank
        .as_ref()
        .is_some_and(|r| r.peek().eq_ignore_ascii_case(rank))
}

/// "Which of the quoted officials are generals?" (`cmp` not: "which is not
/// a general?"): the officials whose rank is `rank`, or the others.
pub(super) fn officials_by_rank(ask: &Ask) -> Answered {
    let rank = ask.text("rank").ok_or_else(|| Declined("no rank".into()))?;
    let not = ask.text("cmp") == Some("not");
    let mut o = Outcome::new(if not { "not" } else { "some" });
    let mut names = Vec::new();
    let mut total = 0;
    for (pi, p) in ask.facts.persons() {
        total += 1;
        if has_rank(ask, pi, rank) != not {
            match &p.rank {
                Some(r) => {
                    o.cite(r);
                }
                None => {
                    o.cite(&p.titles);
                }
            }
            names.push(p.display.clone());
            o.fact(format!("person:{}", p.id));
        }
    }
    if names.is_empty() {
        o.key = if not { "not_none" } else { "none" };
        for p in &ask.facts.people {
            o.cite(&p.titles);
        }
    }
    o.var("rank", rank.to_lowercase())
        .var("count", names.len().to_string())
        .var("total", total.to_string())
        .var("list", ask.list(&names));
    Ok(o.done())
}

/// "Is he a general?": yes when the article gives that rank, no when it
/// gives another, and no verdict when it gives none.
pub(super) fn person_rank_is(ask: &Ask) -> Answered {
    let pi = ask.person()?;
    let asked = ask.text("rank").ok_or_else(|| Declined("no rank".into()))?;
    let p = &ask.facts.people[pi];
    let mut o = Outcome::new("none");
    o.var("person", p.display.clone())
        .var("surname", p.surname().to_string())
        .var("asked", asked.to_lowercase())
        .fact(format!("person:{}", p.id));
    match &p.rank {
        Some(r) => {
            let rank = o.cite(r).clone();
            o.key = if rank.eq_ignore_ascii_case(asked) {
                "yes"
            } else {
                "no"
            };
            o.var("rank", rank);
        }
        None => {
            let roles = o.cite(&p.titles).clone();
            o.var("roles", roles);
        }
    }
    Ok(o.done())
}

/// "Which two commands does Whiting lead?", "What does Whiting command in
/// addition to U.S. Space Command?": an official's roles, without the one
/// the `except` slot names (a role, or the organisation it leads).
pub(super) fn person_roles(ask: &Ask) -> Answered {
    let pi = ask.person()?;
    let p = &ask.facts.people[pi];
    let except = if ask.slots.contains_key("except") {
        Some(ask.role("except")?)
    } else {
        None
    };
    if except.is_some_and(|r| ask.facts.roles[r].person != pi) {
        return Err(Declined(format!(
            "{} does not hold the role the question excepts",
            p.display
        )));
    }
    let mut o = Outcome::new(if except.is_some() { "other" } else { "ok" });
    let mut titles = Vec::new();
    for &r in &p.roles {
        if Some(r) == except {
            continue;
        }
        titles.push(o.cite(&ask.facts.roles[r].title).clone());
        o.fact(format!("role:{}", ask.facts.roles[r].id));
    }
    if let Some(r) = except {
        let t = o.cite(&ask.facts.roles[r].title).clone();
        o.var("except", t);
    }
    if titles.is_empty() {
        o.key = "none";
    }
    o.var("person", p.display.clone())
        .var("surname", p.surname().to_string())
        .var("count", titles.len().to_string())
        .var("list", ask.list(&titles));
    Ok(o.done())
}

/// "How were Brose's remarks released?": the way an official's words were
/// delivered, where the article says; otherwise the quote, without a claim.
pub(super) fn quote_how(ask: &Ask) -> Answered {
    let pi = ask.person()?;
    let p = &ask.facts.people[pi];
    let mut o = Outcome::new("none");
    o.var("person", p.display.clone())
        .var("surname", p.surname().to_string());
    let mut quotes = Vec::new();
    for q in &p.quotes {
        if let Some(m) = &q.medium {
            o.key = "ok";
            let medium = o.cite(m).clone();
            o.var("medium", medium);
        }
        quotes.push(o.cite(&q.text).clone());
        o.fact(format!("quote:{}", q.id));
        o.quotes.push(q.id.clone());
    }
    if quotes.is_empty() {
        return Err(Declined(format!(
            "the article does not quote {}",
            p.display
        )));
    }
    o.var(
        "how",
        p.quotes.first().map(|q| q.how.clone()).unwrap_or_default(),
    )
    .var("quote", quotes.join(" "));
    Ok(o.done())
}

/// "Whose remarks were issued via press release?": the officials whose
/// quotes the article says came that way (`medium`, a word of it).
pub(super) fn quote_by_medium(ask: &Ask) -> Answered {
    let wanted = ask
        .text("medium")
        .ok_or_else(|| Declined("no medium".into()))?
        .to_lowercase();
    let mut o = Outcome::new("ok");
    let mut names = Vec::new();
    let mut medium = String::new();
    for (_, p) in ask.facts.persons() {
        for q in &p.quotes {
            let Some(m) = &q.medium else { continue };
            if !m.peek().to_lowercase().contains(&wanted) {
                continue;
            }
            medium = o.cite(m).clone();
            o.cite(&q.text);
            o.fact(format!("quote:{}", q.id));
            if !names.contains(&p.display) {
                names.push(p.display.clone());
            }
        }
    }
    if names.is_empty() {
        return Err(Declined(format!("no quote is given {wanted:?}")));
    }
    o.var("list", ask.list(&names))
        .var("medium", medium)
        .var("count", names.len().to_string());
    Ok(o.done())
}

/// "Are all three quoted officials American?": yes when the article gives
/// every official that nationality, no when it gives one another, no
/// verdict when it does not say for one.
pub(super) fn officials_nationality(ask: &Ask) -> Answered {
    let (asked, c) = ask.country("country")?;
    let mut others = Vec::new();
    let mut unknown = Vec::new();
    for p in &ask.facts.people {
        match &p.nationality {
            Some(n) if *n.peek() != asked => others.push((p, n)),
            Some(_) => {}
            None => unknown.push(p),
        }
    }
    let mut o = Outcome::new("yes");
    // The answer cites what it states: the officials from elsewhere, or
    // every official's nationality.
    let mut other_lines = Vec::new();
    if others.is_empty() {
        for p in &ask.facts.people {
            if let Some(n) = &p.nationality {
                o.cite(n);
            }
            o.fact(format!("person:{}", p.id));
        }
    }
    for (p, n) in &others {
        let id: CountryId = *o.cite(n);
        o.fact(format!("person:{}", p.id));
        other_lines.push(ask.phrase(
            Phrase::PersonFrom,
            &[
                ("person", p.display.clone()),
                ("country", ask.facts.countries[id].in_text()),
            ],
        ));
    }
    o.key = if !others.is_empty() {
        "no"
    } else if !unknown.is_empty() {
        for p in &unknown {
            o.cite(&p.titles);
        }
        "unknown"
    } else {
        "yes"
    };
    let names: Vec<String> = ask.facts.people.iter().map(|p| p.display.clone()).collect();
    let unknown: Vec<String> = unknown.iter().map(|p| p.display.clone()).collect();
    o.var("country", c.in_text())
        .var("count", names.len().to_string())
        .var("list", ask.list(&names))
        .var("others", ask.list(&other_lines))
        .var("unknown", ask.list(&unknown));
    Ok(o.done())
}

/// The members that joined in a span of years, by the reading's `range`:
/// `open` (strictly between the two years: "after 2018 but before 2023")
/// or `in` (in either year: "in 2021 or 2022"): listed, with their number.
pub(super) fn joined_range(ask: &Ask) -> Answered {
    span(ask, "some", "none")
}

/// "Did any country join in 2021 or 2022?": [`joined_range`] as a yes/no
/// question.
pub(super) fn joined_range_any(ask: &Ask) -> Answered {
    span(ask, "yes", "no")
}

fn span(ask: &Ask, some: &'static str, none: &'static str) -> Answered {
    let open = match ask.text("range") {
        Some("open") => true,
        Some("in") => false,
        other => return Err(Declined(format!("unknown range {other:?}"))),
    };
    // An open span runs from the year after which (`from`) to the year
    // before which (`to`); "before 2020 and after 2023" is no span.
    let (lo, hi) = if open {
        (ask.year("from")?, ask.year("to")?)
    } else {
        let (a, b) = (ask.year("a")?, ask.year("b")?);
        (a.min(b), a.max(b))
    };
    if lo >= hi {
        return Err(Declined(format!("no span from {lo} to {hi}")));
    }
    let mut o = Outcome::new(some);
    let mut lines = Vec::new();
    let test = |j: u16| {
        if open {
            lo < j && j < hi
        } else {
            j == lo || j == hi
        }
    };
    for (_, c, m) in ask.facts.members_joined(test) {
        let j = o.cite(&m.joined);
        lines.push(ask.phrase(
            Phrase::MemberYear,
            &[("country", c.in_text()), ("year", j.to_string())],
        ));
        o.fact(format!("member:{}", c.id));
    }
    if lines.is_empty() {
        o.key = none;
        let years = super::years_text(ask, &mut o);
        o.var("years", years);
    }
    o.var("from", lo.to_string())
        .var("to", hi.to_string())
        .var("count", lines.len().to_string())
        .var("list", ask.list(&lines));
    Ok(o.done())
}

/// "What proportion of the membership are founding members?": the
/// founders out of all members, as a count and a percentage.
pub(super) fn founding_share(ask: &Ask) -> Answered {
    let mut o = Outcome::new("ok");
    let mut names = Vec::new();
    for (_, c, m) in ask.facts.founders() {
        o.cite(&m.founding);
        names.push(c.in_text());
        o.fact(format!("member:{}", c.id));
    }
    let total = ask.facts.member_count();
    for (_, _, m) in ask.facts.members() {
        o.cite(&m.listed);
    }
    if total == 0 {
        return Err(Declined("no members".into()));
    }
    let percent = (names.len() * 200 + total) / (total * 2);
    o.var("founders", names.len().to_string())
        .var("count", total.to_string())
        .var("later", (total - names.len()).to_string())
        .var("percent", percent.to_string())
        .var("list", ask.list(&names));
    Ok(o.done())
}

/// "In which year did the most countries become members?", "Which was the
/// larger cohort, 2020 or 2023?": the join year with the most joiners,
/// among the two years asked (`a`, `b`), or among all join years (`scope`
/// `expansions`: not the founding year).
pub(super) fn largest_round(ask: &Ask) -> Answered {
    let began = *ask.facts.initiative.began.peek();
    let mut years: Vec<u16> = match (ask.year("a"), ask.year("b")) {
        (Ok(a), Ok(b)) if a != b => vec![a.min(b), a.max(b)],
        (Ok(_), Ok(_)) => return Err(Declined("one year given twice".into())),
        _ => ask.facts.join_years(),
    };
    let pair = ask.slots.contains_key("a");
    if ask.text("scope") == Some("expansions") {
        years.retain(|&y| y > began);
    }
    if years.is_empty() {
        return Err(Declined("no year to compare".into()));
    }
    let mut o = Outcome::new("ok");
    let mut cohorts: Vec<(u16, Vec<String>)> = Vec::new();
    for &y in &years {
        let mut names = Vec::new();
        for (_, c, m) in ask.facts.members_joined(|j| j == y) {
            o.cite(&m.joined);
            names.push(c.in_text());
            o.fact(format!("member:{}", c.id));
        }
        cohorts.push((y, names));
    }
    let most = cohorts.iter().map(|(_, n)| n.len()).max().unwrap_or(0);
    let top: Vec<&(u16, Vec<String>)> = cohorts.iter().filter(|(_, n)| n.len() == most).collect();
    if top.len() > 1 || most == 0 {
        o.key = "tie";
    } else if pair {
        o.key = "pair";
    }
    if cohorts.iter().any(|(y, _)| *y == began) {
        o.cite(&ask.facts.initiative.began);
        o.fact("initiative");
    }
    let (year, names) = top[0];
    let others: Vec<String> = cohorts
        .iter()
        .filter(|(y, _)| *y != *year)
        .map(|(y, n)| {
            ask.phrase(
                Phrase::RoundLine,
                &[("year", format!("{y}: {}", n.len())), ("list", ask.list(n))],
            )
        })
        .collect();
    o.var("year", year.to_string())
        .var("count", most.to_string())
        .var("list", ask.list(names))
        .var(
            "years",
            ask.list(&top.iter().map(|(y, _)| y.to_string()).collect::<Vec<_>>()),
        )
        .var("others", ask.list(&others));
    Ok(o.done())
}

/// "How many years after the founding was that?" (a year: 2020): the
/// years from the initiative's start to a year.
pub(super) fn year_since_founding(ask: &Ask) -> Answered {
    let y = ask.year("year")?;
    let mut o = Outcome::new("after");
    let began = *o.cite(&ask.facts.initiative.began);
    o.fact("initiative");
    o.key = match y.cmp(&began) {
        std::cmp::Ordering::Greater => "after",
        std::cmp::Ordering::Equal => "same",
        std::cmp::Ordering::Less => "before",
    };
    o.var("year", y.to_string())
        .var("began", began.to_string())
        .var("gap", y.abs_diff(began).to_string());
    Ok(o.done())
}
