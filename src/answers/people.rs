//! The quoted officials: who they are, their roles, rank and nationality,
//! and what they said.

use super::{Answered, Ask, Declined, Outcome};
use crate::facts::{FactBase, PersonId};
use crate::stem::content_words;
use crate::wording::{Phrase, QuoteSearch};

/// The variables of one quote: speaker, words, how it was said.
fn quote_vars(facts: &FactBase, o: &mut Outcome, person: PersonId, quote: usize) {
    let p = &facts.people[person];
    let q = &p.quotes[quote];
    let text = o.cite(&q.text).clone();
    o.var("person", p.display.clone())
        .var("surname", p.surname().to_string())
        .var("quote", text)
        .var("how", q.how.clone())
        .var("roles", p.titles.peek().clone())
        .fact(format!("quote:{}", q.id));
    o.quotes.push(q.id.clone());
}

/// Finds the quote that best matches a phrase: the share of the phrase's
/// content words found in the quote, weighted by how rare each word is among
/// the quotes. Returns (person, quote) only for a clear, strong match (the
/// thresholds of `grammar.toml`'s `[quotes]`).
pub fn search_quotes(
    facts: &FactBase,
    config: &QuoteSearch,
    phrase: &str,
) -> Option<(PersonId, usize)> {
    let words = content_words(phrase, &config.stopwords);
    if words.is_empty() {
        return None;
    }
    let quotes: Vec<(PersonId, usize, &[String])> = facts
        .persons()
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
    let mut scored: Vec<(f64, PersonId, usize)> = quotes
        .iter()
        .map(|(pi, qi, qw)| {
            let s: f64 = words.iter().filter(|w| qw.contains(w)).map(weight).sum();
            (s / total, *pi, *qi)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let &(best, pi, qi) = scored.first()?;
    let second_other_person = scored.iter().find(|s| s.1 != pi).map_or(0.0, |s| s.0);
    (best >= config.min_share && best - second_other_person >= config.min_margin)
        .then_some((pi, qi))
}

pub(super) fn person_quote(ask: &Ask) -> Answered {
    let pi = ask.person()?;
    let p = &ask.facts.people[pi];
    if let Ok(t) = ask.topic() {
        let topic = ask.facts.topics[t].name.clone();
        return Ok(match p.quotes.iter().position(|q| q.topics.contains(&t)) {
            Some(qi) => {
                let mut o = Outcome::new("on_topic");
                quote_vars(ask.facts, &mut o, pi, qi);
                o.var("topic", topic).done()
            }
            None => {
                let mut o = Outcome::new("not_on_topic");
                o.cite(&p.titles);
                o.var("person", p.display.clone())
                    .var("topic", topic)
                    .fact(format!("person:{}", p.id));
                o.done()
            }
        });
    }
    if let Some(phrase) = ask.text("text") {
        // "what did Whiting say about opponents?": the quote that shares
        // the most words with the subject, or a decline.
        let words = content_words(phrase, &ask.wording.quotes.stopwords);
        if !words.is_empty() {
            let best = p
                .quotes
                .iter()
                .enumerate()
                .map(|(qi, q)| (words.iter().filter(|w| q.words.contains(w)).count(), qi))
                .max_by_key(|&(n, qi)| (n, std::cmp::Reverse(qi)));
            return match best {
                Some((n, qi))
                    if n > 0
                        && n as f64
                            >= ask.wording.quotes.min_subject_share * words.len() as f64 =>
                {
                    let mut o = Outcome::new("on_topic");
                    quote_vars(ask.facts, &mut o, pi, qi);
                    Ok(o.var("topic", phrase.to_string()).done())
                }
                _ => Err(Declined(format!(
                    "the article does not quote {} on {phrase:?}",
                    p.display
                ))),
            };
        }
        // "what did Brose say about space?": all of it is.
    }
    // Several quotes: give them all, in order.
    let mut o = Outcome::new("ok");
    let mut text = Vec::new();
    for q in &p.quotes {
        text.push(o.cite(&q.text).clone());
        o.fact(format!("quote:{}", q.id));
        o.quotes.push(q.id.clone());
    }
    o.var("person", p.display.clone())
        .var(
            "how",
            p.quotes.first().map(|q| q.how.clone()).unwrap_or_default(),
        )
        .var("quote", text.join(" "))
        .var("roles", p.titles.peek().clone())
        .var("surname", p.surname().to_string());
    Ok(o.done())
}

pub(super) fn person_quote_more(ask: &Ask) -> Answered {
    let pi = ask.person()?;
    let p = &ask.facts.people[pi];
    let mut o = Outcome::new("more");
    if let Some(qi) = p
        .quotes
        .iter()
        .position(|q| !ask.quotes_given.contains(&q.id))
    {
        quote_vars(ask.facts, &mut o, pi, qi);
        return Ok(o.done());
    }
    o.key = "no_more";
    o.cite(&p.titles);
    let mut text = Vec::new();
    for q in &p.quotes {
        text.push(o.cite(&q.text).clone());
    }
    o.var("person", p.display.clone())
        .var("surname", p.surname().to_string())
        .var("quote", text.join(" "))
        .fact(format!("person:{}", p.id));
    Ok(o.done())
}

pub(super) fn quote_search(ask: &Ask) -> Answered {
    let phrase = ask
        .text("text")
        .ok_or_else(|| Declined("no phrase".into()))?;
    let (pi, qi) = search_quotes(ask.facts, &ask.wording.quotes, phrase)
        .ok_or_else(|| Declined(format!("no quote matches {phrase:?}")))?;
    let mut o = Outcome::new("found");
    quote_vars(ask.facts, &mut o, pi, qi);
    // The answer names the speaker's titles too.
    o.cite(&ask.facts.people[pi].titles);
    Ok(o.done())
}

pub(super) fn person_who(ask: &Ask) -> Answered {
    let pi = ask.person()?;
    let p = &ask.facts.people[pi];
    let mut o = Outcome::new("ok");
    let roles = o.cite(&p.titles).clone();
    o.var("person", p.display.clone())
        .var("surname", p.surname().to_string())
        .var("roles", roles)
        .fact(format!("person:{}", p.id));
    for &r in &p.roles {
        o.cite(&ask.facts.roles[r].title);
        o.fact(format!("role:{}", ask.facts.roles[r].id));
    }
    Ok(o.done())
}

pub(super) fn role_holder(ask: &Ask) -> Answered {
    let slot = if ask.slots.contains_key("role") {
        "role"
    } else {
        "person"
    };
    let ri = ask.role(slot)?;
    let r = &ask.facts.roles[ri];
    let p = &ask.facts.people[r.person];
    let mut o = Outcome::new("ok");
    o.about.push(r.person.into());
    let title = o.cite(&r.title).clone();
    o.var("person", p.display.clone())
        .var("role", title)
        .var("roles", p.titles.peek().clone())
        .fact(format!("role:{}", r.id));
    Ok(o.done())
}

/// The quoted officials; with `except` (person ids the conversation has
/// named, for "who else was quoted?"), the others.
pub(super) fn quoted_officials(ask: &Ask) -> Answered {
    let except: Vec<&str> = ask
        .text("except")
        .map(|t| t.split(' ').filter(|w| !w.is_empty()).collect())
        .unwrap_or_default();
    let named: Vec<String> = ask
        .facts
        .people
        .iter()
        .filter(|p| except.contains(&p.id.as_str()))
        .map(|p| p.display.clone())
        .collect();
    // Everyone named already: the whole list again says so best.
    let others = !named.is_empty() && named.len() < ask.facts.people.len();
    let mut o = Outcome::new(if others { "others" } else { "ok" });
    let mut lines = Vec::new();
    let mut names = Vec::new();
    for p in &ask.facts.people {
        if others && except.contains(&p.id.as_str()) {
            continue;
        }
        let titles = o.cite(&p.titles).clone();
        lines.push(ask.phrase(
            Phrase::OfficialLine,
            &[("person", p.display.clone()), ("titles", titles)],
        ));
        names.push(p.display.clone());
        o.fact(format!("person:{}", p.id));
    }
    o.var("count", names.len().to_string())
        .var("lines", lines.join("\n"))
        .var("list", ask.list(&names))
        .var("named", ask.list(&named))
        .var("total", ask.facts.people.len().to_string());
    Ok(o.done())
}

pub(super) fn person_has_role(ask: &Ask) -> Answered {
    let pi = ask.person()?;
    let ri = ask.role("role")?;
    let r = &ask.facts.roles[ri];
    let p = &ask.facts.people[pi];
    let mut o = Outcome::new(if r.person == pi { "yes" } else { "no" });
    let title = o.cite(&r.title).clone();
    let roles = o.cite(&p.titles).clone();
    o.var("person", p.display.clone())
        .var("roles", roles)
        .var("role", title)
        .var("holder", ask.facts.people[r.person].display.clone())
        .fact(format!("role:{}", r.id));
    Ok(o.done())
}

pub(super) fn quote_check(ask: &Ask) -> Answered {
    let pi = ask.person()?;
    let phrase = ask
        .text("text")
        .ok_or_else(|| Declined("no phrase".into()))?;
    let (speaker, qi) = search_quotes(ask.facts, &ask.wording.quotes, phrase)
        .ok_or_else(|| Declined(format!("no quote matches {phrase:?}")))?;
    let mut o = Outcome::new(if speaker == pi { "yes" } else { "no" });
    quote_vars(ask.facts, &mut o, speaker, qi);
    o.var("asked", ask.facts.people[pi].display.clone());
    Ok(o.done())
}

/// "What is Whiting's rank?"
pub(super) fn person_rank(ask: &Ask) -> Answered {
    let pi = ask.person()?;
    let p = &ask.facts.people[pi];
    let mut o = Outcome::new("none");
    if let Some(rank) = &p.rank {
        o.key = "ok";
        let rank = o.cite(rank).clone();
        o.var("rank", rank);
    }
    o.var("person", p.display.clone())
        .var("surname", p.surname().to_string())
        .fact(format!("person:{}", p.id));
    Ok(o.done())
}

/// "Is Saltzman American?", "Where is Whiting from?"
pub(super) fn person_nationality(ask: &Ask) -> Answered {
    let pi = ask.person()?;
    let p = &ask.facts.people[pi];
    let mut o = Outcome::new("none");
    o.var("person", p.display.clone())
        .var("surname", p.surname().to_string())
        .fact(format!("person:{}", p.id));
    let asked = ask.country("country").ok();
    if let Some((_, c)) = asked {
        o.var("asked", c.in_text());
    }
    let Some(n) = &p.nationality else {
        return Ok(o.done());
    };
    let id = *o.cite(n);
    let c = &ask.facts.countries[id];
    o.key = match asked {
        Some((a, _)) if a == id => "yes",
        Some(_) => "no",
        None => "ok",
    };
    o.var("country", c.in_text());
    Ok(o.done())
}
