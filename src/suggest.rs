//! Helpful declines: when a question named something the bot knows (a
//! country, an official, the meeting) or used words of its concepts, but
//! no intent could answer it, the decline offers two or three questions
//! the bot *can* answer about the same thing ("Did you mean: When did
//! Japan join?").
//!
//! The questions are not written per entity: they are the intents' own
//! examples, with the example's name replaced by the asked one. At load,
//! each intent keeps its first well-formed example naming one entity of a
//! class (a template per class) and its first naming none. A decline
//! ranks the intents by how many of the question's concepts their readings
//! need, fills the templates, and keeps only the questions the engine then
//! really answers.

use crate::concepts::ConceptId;
use crate::facts::{Class, EntityRef, FactBase};
use crate::intents::IntentSet;
use crate::tagger::Tagger;
use std::collections::HashMap;

/// At most this many questions are offered.
pub const MAX_SUGGESTIONS: usize = 3;

/// One example made a template: `{}` where its entity was named.
#[derive(Debug, Clone)]
struct Template {
    intent: usize,
    text: String,
}

/// The templates of every intent, by the class of the entity they name.
#[derive(Debug, Clone, Default)]
pub struct Suggestions {
    by_class: HashMap<Class, Vec<Template>>,
    plain: Vec<Template>,
}

/// Whether an example question reads as something to offer a user: a
/// capital first letter, a question mark last, no command or mention.
fn well_formed(q: &str) -> bool {
    q.is_ascii()
        && q.starts_with(|c: char| c.is_ascii_uppercase())
        && q.ends_with('?')
        && !q.contains(['/', '@', '#'])
        && q.len() <= 60
}

impl Suggestions {
    /// `known` says whether a normalized text is spelled right (examples
    /// may hold typos on purpose: those are never offered).
    pub fn new(
        facts: &FactBase,
        intents: &IntentSet,
        tagger: &Tagger,
        known: impl Fn(&str) -> bool,
    ) -> Suggestions {
        let mut s = Suggestions::default();
        for (i, intent) in intents.intents.iter().enumerate() {
            if intent.declines
                || matches!(
                    intent.answer,
                    crate::answers::AnswerKind::Followup | crate::answers::AnswerKind::Static
                )
            {
                continue;
            }
            let mut classes_done: Vec<Class> = Vec::new();
            let mut plain_done = false;
            for ex in &intent.examples {
                if !ex.after.is_empty() || !well_formed(&ex.question) {
                    continue;
                }
                let normalized = crate::normalize::normalize(&ex.question, &facts.flags);
                // A question that opens with what it asks ("When did...",
                // not "The general Saltzman, what is his work?"), spelled
                // right.
                if !intents.concepts.asks(&normalized) || !known(&normalized) {
                    continue;
                }
                let tagged = tagger.tag(&normalized);
                match tagged.mentions.as_slice() {
                    [] if !plain_done => {
                        plain_done = true;
                        s.plain.push(Template {
                            intent: i,
                            text: ex.question.clone(),
                        });
                    }
                    [m] if !classes_done.contains(&m.entity.class) => {
                        let lower = ex.question.to_ascii_lowercase();
                        let Some(at) = lower.find(&m.words) else {
                            continue;
                        };
                        let end = at + m.words.len();
                        let text = format!("{}{{}}{}", &ex.question[..at], &ex.question[end..]);
                        classes_done.push(m.entity.class);
                        s.by_class
                            .entry(m.entity.class)
                            .or_default()
                            .push(Template { intent: i, text });
                    }
                    _ => {}
                }
            }
        }
        s
    }

    /// Candidate questions for a declined question that named `entity` (or
    /// none) and used `concepts`, best first: the intents whose readings
    /// need the most of those concepts first. Without an entity, only
    /// intents that share a concept with the question are offered.
    pub fn candidates(
        &self,
        facts: &FactBase,
        intents: &IntentSet,
        entity: Option<EntityRef>,
        concepts: &[ConceptId],
    ) -> Vec<(usize, String)> {
        let score = |intent: usize| {
            intents.intents[intent]
                .readings
                .iter()
                .map(|r| r.needs.iter().filter(|n| concepts.contains(n)).count())
                .max()
                .unwrap_or(0)
        };
        let mut out: Vec<(usize, usize, String)> = match entity {
            Some(e) => {
                let name = match e.class {
                    Class::Country => facts.countries[e.index].in_text(),
                    Class::Person => facts.people[e.index].surname().to_string(),
                    _ => facts.entity_name(e),
                };
                self.by_class
                    .get(&e.class)
                    .into_iter()
                    .flatten()
                    .map(|t| (score(t.intent), t.intent, t.text.replacen("{}", &name, 1)))
                    .collect()
            }
            None => self
                .plain
                .iter()
                .map(|t| (score(t.intent), t.intent, t.text.clone()))
                .filter(|(s, _, _)| *s > 0)
                .collect(),
        };
        // Best first; among equals, the intents with more examples (the
        // ways people most ask), then the intents' order.
        out.sort_by_key(|(s, i, _)| {
            (
                std::cmp::Reverse(*s),
                std::cmp::Reverse(intents.intents[*i].examples.len()),
                *i,
            )
        });
        out.into_iter()
            .map(|(_, i, mut q)| {
                // "When did the United Kingdom join?": a name's article
                // at the start of the question is capitalised.
                if let Some(c) = q.get(..1) {
                    q = c.to_uppercase() + &q[1..];
                }
                (i, q)
            })
            .collect()
    }
}
