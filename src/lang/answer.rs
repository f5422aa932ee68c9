//! The engine's path for a question in a language: understand with the
//! language's lexicon and names, answer as in English, say it in the
//! language.

use super::{Lang, Pack, detect};
use crate::answers::{AnswerKind, SlotValue, Slots};
use crate::engine::{Answer, Attempt, Context, Engine, MAX_ANSWER_CHARS, Trace, clip, escape_html};
use crate::tagger::{Tagged, parse_tag};
use std::collections::HashSet;

fn is_year(w: &str) -> bool {
    w.len() == 4
        && (w.starts_with("19") || w.starts_with("20"))
        && w.bytes().all(|b| b.is_ascii_digit())
}

impl Engine {
    /// The language the engine reads `question` in: `None` for English.
    pub fn language(&self, question: &str, hint: Option<&str>) -> Option<Lang> {
        self.language_of(question, hint).map(|p| p.lang)
    }

    /// The loaded language `question` is written in (`None`: English).
    pub(crate) fn language_of(&self, question: &str, hint: Option<&str>) -> Option<&Pack> {
        let langs = &self.langs;
        if langs.packs.is_empty() {
            return None;
        }
        let hint = hint.and_then(Lang::from_code);
        if detect::is_japanese(langs, question) {
            return langs.get(Lang::Ja);
        }
        let (first, contested) = detect::detect_and_contested(langs, question, hint);
        if first.is_none() && !contested {
            return None;
        }
        // Names are words of no language ("Commandement de l'espace" in an
        // English question): the question again without them.
        let tagged = self.tag(&self.normalize(question));
        let names: HashSet<String> = tagged
            .mentions
            .iter()
            .flat_map(|m| detect::words(&m.words))
            .collect();
        let lang = detect::detect_with(langs, question, hint, &|w| names.contains(w))?;
        langs.get(lang)
    }

    /// Answers a question written in `pack`'s language, in that language.
    pub(crate) fn answer_in(&self, pack: &Pack, question: &str, ctx: &mut Context) -> Answer {
        let prepared = pack.prepare(question);
        let mut tagged = pack.tagger.tag(&prepared);
        // Names that qualify names ("der Chief of Space Operations bei der
        // Space Force"), linked by the language's filler words.
        let link = |w: &str| pack.concepts.is_filler(w);
        tagged.text = self.relate_with(&pack.concepts, &tagged.text, &link, 2);
        let mut trace = Trace {
            normalized: format!("[{}] {prepared}", pack.lang.code()),
            tagged: tagged.text.clone(),
            ..Default::default()
        };
        if prepared.is_empty() {
            trace.declined = Some("nothing to read in the question".into());
            return self.decline_in(pack, trace);
        }
        let (mut attempt, _) = self.by_concepts_in(&pack.concepts, &tagged, ctx, &mut trace);
        if matches!(attempt, Attempt::NoMatch)
            && let Some((t, a, fixes)) = self.respelled_in(pack, &prepared, ctx, &trace)
        {
            trace.corrections = fixes;
            trace.tagged = t.text.clone();
            tagged = t;
            attempt = a;
        }
        let mut remember = tagged.text.clone();
        if !matches!(attempt, Attempt::Answered(_))
            && let Some((rewritten, a)) = self.follow_up_in(pack, &tagged.text, ctx, &mut trace)
        {
            trace.rewritten = Some(rewritten.clone());
            remember = rewritten;
            attempt = a;
        }
        if matches!(attempt, Attempt::NoMatch)
            && let Some(a) = self.quote_search_in(pack, question, &tagged.text, ctx, &mut trace)
        {
            attempt = a;
        }
        match attempt {
            Attempt::Answered(m) => {
                let intent = self.intents().intents[m.intent].name.clone();
                let mut said: Vec<String> = Vec::new();
                for o in std::iter::once(&m.outcome).chain(m.also.iter()) {
                    let months = &self.intents().grammar.wording.months;
                    match pack
                        .render
                        .outcome(&pack.names, self.facts(), months, &intent, o)
                    {
                        Some(t) => said.push(t),
                        None => {
                            trace.declined = Some(format!(
                                "{}: no message {intent}-{} in {}",
                                pack.lang.code(),
                                o.key,
                                pack.render.file.display()
                            ));
                            return self.decline_in(pack, trace);
                        }
                    }
                }
                let text = clip(&said.join("\n"), MAX_ANSWER_CHARS - 200);
                let mut a = self.render(*m, remember, ctx, trace);
                ctx.lang = Some(pack.lang.code().to_string());
                let quotes = a
                    .html
                    .find("\n\n<blockquote expandable>")
                    .map(|i| a.html[i..].to_string());
                a.html = escape_html(&text);
                if let Some(q) = quotes
                    && text.chars().count() + q.chars().count() <= MAX_ANSWER_CHARS
                {
                    a.html.push_str(&q);
                }
                a.text = text;
                // The suggestions are English questions: none here.
                a.followups.clear();
                a
            }
            Attempt::Clarify(what) => {
                trace.declined = Some(format!("no {what} to refer back to"));
                let mut a = self.decline_in(pack, trace);
                if let Some(t) = pack.render.text_with("clarify", "what", &what) {
                    a.text = t;
                    a.html = escape_html(&a.text);
                }
                a
            }
            Attempt::Declined(reason, intent) => {
                trace.declined = Some(reason);
                if let Some(i) = intent {
                    trace.runners_up.insert(0, i);
                }
                self.decline_in(pack, trace)
            }
            Attempt::NoMatch => {
                if trace.declined.is_none() {
                    trace.declined = Some("no reading of the language's lexicon".into());
                }
                self.decline_in(pack, trace)
            }
        }
    }

    /// The question with its typos corrected against the language's own
    /// words and names ("verbundeten", "quante"), when that, and only
    /// that, reads it: (tagged text, answer, corrections as "from -> to").
    fn respelled_in(
        &self,
        pack: &Pack,
        prepared: &str,
        ctx: &Context,
        trace: &Trace,
    ) -> Option<(Tagged, Attempt, Vec<String>)> {
        let speller = pack.speller.as_ref()?;
        let (fixed, fixes) = speller.correct(prepared);
        if fixes.is_empty() {
            return None;
        }
        let mut tagged = pack.tagger.tag(&fixed);
        let link = |w: &str| pack.concepts.is_filler(w);
        tagged.text = self.relate_with(&pack.concepts, &tagged.text, &link, 2);
        let mut t = trace.clone();
        let (a, _) = self.by_concepts_in(&pack.concepts, &tagged, ctx, &mut t);
        if !matches!(a, Attempt::Answered(_)) {
            return None;
        }
        let fixes = fixes
            .iter()
            .map(|c| format!("{} -> {}", c.from, c.to))
            .collect();
        Some((tagged, a, fixes))
    }

    fn decline_in(&self, pack: &Pack, trace: Trace) -> Answer {
        let offered = self.suggest_in(pack, &trace.tagged);
        let mut a = self.decline(trace);
        a.followups.clear();
        if !offered.is_empty()
            && let Some(head) = pack.render.text("did-you-mean")
        {
            a.text = std::iter::once(head)
                .chain(offered.iter().map(|q| format!("\n• {q}")))
                .collect();
            a.html = escape_html(&a.text);
            a.followups = offered;
            return a;
        }
        if let Some(t) = pack.render.text("declined") {
            a.text = t;
            a.html = escape_html(&a.text);
        }
        a
    }

    /// Whether the language path answers `question` as a first question
    /// (no follow-up, no suggestions): for the suggestions offered and
    /// `check`.
    pub(crate) fn answers_in(&self, pack: &Pack, question: &str) -> Option<String> {
        let tagged = pack.tagger.tag(&pack.prepare(question));
        let mut trace = Trace::default();
        match self
            .by_concepts_in(&pack.concepts, &tagged, &Context::default(), &mut trace)
            .0
        {
            Attempt::Answered(m) => Some(self.intents().intents[m.intent].name.clone()),
            _ => None,
        }
    }

    /// "Did you mean" in the language: a declined question that named a
    /// country gets the language's questions about that country
    /// (`suggest-country-N` of its `.ftl`, the country in its grammatical
    /// form); one that used concepts of the lexicon gets its general
    /// questions (`suggest-N`). Each offered only when the language path
    /// answers it; at most [`crate::suggest::MAX_SUGGESTIONS`].
    fn suggest_in(&self, pack: &Pack, tagged: &str) -> Vec<String> {
        let entity = tagged.split(' ').find_map(parse_tag);
        let concepts = &pack.concepts;
        let present = concepts.concepts_in(&concepts.analyse(tagged));
        let ids: Vec<String> = match entity {
            Some(e) if e.class == crate::facts::Class::Country => (1
                ..=crate::suggest::MAX_SUGGESTIONS)
                .map(|k| format!("suggest-country-{k}"))
                .collect(),
            _ if entity.is_some() || !present.is_empty() => (1..=crate::suggest::MAX_SUGGESTIONS)
                .map(|k| format!("suggest-{k}"))
                .collect(),
            _ => return Vec::new(),
        };
        let mut offered = Vec::new();
        for id in ids {
            let q = match entity {
                Some(e) if e.class == crate::facts::Class::Country => {
                    pack.render.country_message(&id, &pack.names, e.index)
                }
                _ => pack.render.text(&id),
            };
            if let Some(q) = q
                && self.answers_in(pack, &q).is_some()
            {
                offered.push(q);
            }
        }
        offered
    }

    /// A follow-up of an entity and question words: the previous
    /// question's concepts with them, the previous form and entity of the
    /// class replaced; when that reads as nothing, with one or two of the
    /// previous concepts dropped ("wie viele Länder sind Mitglied?" + "und
    /// Norwegen, seit wann?" reads "seit wann sind Mitglied #c9#"). Only a
    /// reading of exactly one intent answers.
    fn entity_and_form(
        &self,
        pack: &Pack,
        a: &crate::concepts::Analysis,
        content: &[(usize, usize, Option<crate::concepts::ConceptId>)],
        prev: &str,
        ctx: &Context,
        trace: &mut Trace,
    ) -> Option<(String, Attempt)> {
        let concepts = &pack.concepts;
        let words = a.words();
        let entity = content
            .iter()
            .find_map(|(i, _, _)| parse_tag(words[*i]).map(|e| (e, words[*i])))?;
        let forms: Vec<&str> = content
            .iter()
            .filter(|(_, _, id)| id.is_some())
            .flat_map(|(i, l, _)| words[*i..*i + *l].iter().copied())
            .collect();
        let pa = concepts.analyse(prev);
        let pw = pa.words();
        // The previous question's content: its concept spans (not forms).
        let kept: Vec<(usize, usize)> = concepts
            .content(&pa)
            .into_iter()
            .filter(|(i, _, id)| {
                id.is_some_and(|id| !concepts.is_form_id(id))
                    && parse_tag(pw[*i]).is_none_or(|e| e.class != entity.0.class)
            })
            .map(|(i, l, _)| (i, l))
            .collect();
        let others: Vec<&str> = concepts
            .content(&pa)
            .into_iter()
            .filter(|(i, _, id)| {
                id.is_none() && parse_tag(pw[*i]).is_some_and(|e| e.class != entity.0.class)
            })
            .map(|(i, _, _)| pw[i])
            .collect();
        let n = kept.len().min(6);
        let mut masks: Vec<u32> = (0..(1u32 << n)).collect();
        masks.sort_by_key(|m| m.count_ones());
        for mask in masks {
            if mask.count_ones() as usize > 2 {
                break;
            }
            let mut v: Vec<&str> = forms.clone();
            for (k, (i, l)) in kept.iter().enumerate().take(n) {
                if mask & (1 << k) == 0 {
                    v.extend(pw[*i..*i + *l].iter().copied());
                }
            }
            v.extend(others.iter().copied());
            v.push(entity.1);
            let text = v.join(" ");
            let retagged = Tagged {
                text: text.clone(),
                mentions: Vec::new(),
            };
            let mut t = trace.clone();
            let (attempt, _) = self.by_concepts_in(concepts, &retagged, ctx, &mut t);
            if matches!(attempt, Attempt::Answered(_)) {
                *trace = t;
                return Some((text, attempt));
            }
        }
        None
    }

    /// "Who said ...?": a question of the `who` form and the `say`
    /// concept whose other words are the words of a quote (what stands in
    /// quotes, else the words no concept knows): the quote search of the
    /// intent of kind `quote_search`, which declines unless one quote holds
    /// nearly all of them. Quotes are English: a phrase in the language
    /// rarely finds one, and never a wrong one.
    fn quote_search_in(
        &self,
        pack: &Pack,
        question: &str,
        tagged: &str,
        ctx: &Context,
        trace: &mut Trace,
    ) -> Option<Attempt> {
        let concepts = &pack.concepts;
        let (who, say) = (concepts.id("who")?, concepts.id("say")?);
        let a = concepts.analyse(tagged);
        let content = concepts.content(&a);
        let has = |id| content.iter().any(|(_, _, c)| *c == Some(id));
        if !has(who) || !has(say) {
            return None;
        }
        let quoted = detect::quoted(question);
        let text = if quoted.trim().is_empty() {
            content
                .iter()
                .filter(|(i, _, c)| c.is_none() && parse_tag(a.words()[*i]).is_none())
                .map(|(i, _, _)| a.words()[*i])
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            quoted
        };
        if text.split_whitespace().count() == 0 {
            return None;
        }
        let ii = self
            .intents()
            .intents
            .iter()
            .position(|i| i.answer == AnswerKind::QuoteSearch)?;
        let mut slots = Slots::new();
        slots.insert("text".into(), SlotValue::Text(text.clone()));
        trace.pattern = Some(format!("({}: quote search for {text:?})", pack.lang.code()));
        trace.matched = Some(self.intents().intents[ii].name.clone());
        Some(self.run(
            ii,
            slots,
            format!("(quote search {text:?})"),
            Vec::new(),
            ctx,
        ))
    }

    /// A follow-up in the language: one new entity or year ("et
    /// l'Italie ?", "イタリアは？") replaces the one of its class in the
    /// previous question; question words alone ("und wann?") replace the
    /// previous question's. The rewritten question is read as a first one.
    fn follow_up_in(
        &self,
        pack: &Pack,
        tagged: &str,
        ctx: &Context,
        trace: &mut Trace,
    ) -> Option<(String, Attempt)> {
        if ctx.lang.as_deref() != Some(pack.lang.code()) {
            return None;
        }
        let prev = ctx.question.as_ref()?;
        let concepts = &pack.concepts;
        let a = concepts.analyse(tagged);
        let content = concepts.content(&a);
        let words = a.words();
        let prev_words: Vec<&str> = prev.split(' ').collect();
        let rewritten: Vec<String> = if let [(i, 1, None)] = content.as_slice() {
            let w = words[*i];
            let at = if let Some(e) = parse_tag(w) {
                prev_words
                    .iter()
                    .position(|p| parse_tag(p).is_some_and(|x| x.class == e.class))?
            } else if is_year(w) {
                prev_words.iter().position(|p| is_year(p))?
            } else {
                return None;
            };
            let mut v: Vec<String> = prev_words.iter().map(|s| s.to_string()).collect();
            v[at] = w.to_string();
            v
        } else if !content.is_empty()
            && content
                .iter()
                .all(|(_, _, id)| id.is_some_and(|id| concepts.is_form_id(id)))
        {
            let new: Vec<&str> = content
                .iter()
                .flat_map(|(i, l, _)| words[*i..*i + *l].iter().copied())
                .collect();
            let pa = concepts.analyse(prev);
            let pc = concepts.content(&pa);
            let pw = pa.words();
            let form = pc
                .iter()
                .find(|(_, _, id)| id.is_some_and(|id| concepts.is_form_id(id)));
            let mut v: Vec<String> = Vec::new();
            match form {
                Some((i, l, _)) => {
                    v.extend(pw[..*i].iter().map(|s| s.to_string()));
                    v.extend(new.iter().map(|s| s.to_string()));
                    v.extend(pw[i + l..].iter().map(|s| s.to_string()));
                }
                None => {
                    v.extend(new.iter().map(|s| s.to_string()));
                    v.extend(pw.iter().map(|s| s.to_string()));
                }
            }
            v
        } else if content.iter().filter(|(_, _, id)| id.is_none()).count() == 1
            && content.iter().all(|(i, _, id)| {
                id.is_some_and(|id| concepts.is_form_id(id)) || parse_tag(words[*i]).is_some()
            })
        {
            // "und Norwegen, seit wann?": a new entity and new question
            // words over the previous question's concepts, fewest dropped.
            return self.entity_and_form(pack, &a, &content, prev, ctx, trace);
        } else {
            return None;
        };
        let text = rewritten.join(" ");
        let retagged = Tagged {
            text: text.clone(),
            mentions: Vec::new(),
        };
        let mut t = trace.clone();
        let (attempt, _) = self.by_concepts_in(concepts, &retagged, ctx, &mut t);
        if matches!(attempt, Attempt::NoMatch) {
            return None;
        }
        *trace = t;
        Some((text, attempt))
    }
}
