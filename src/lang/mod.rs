//! Questions in the members' languages: French, German, Italian, Japanese
//! and Norwegian (Bokmål), answered in the question's language.
//!
//! Each language is data: a lexicon on the concept layer
//! (`intents/lang/XX.toml`, the same concept and form names as
//! `concepts.toml`, so every intent's readings read it), names
//! (`data/lang/XX.toml` over CLDR's country names, [`names`]) and the
//! answers' wording (`intents/lang/XX.ftl`, Project Fluent,
//! [`render`]). A language is loaded when its lexicon exists.
//!
//! The pipeline of a question in a language ([`Engine::answer_hinted`]):
//! [`detect`] its language; fold it ([`fold`]: accents, width, long
//! vowels) and, for Japanese, segment it; tag its names with the
//! language's aliases; read it with the concept tier over the language's
//! lexicon (a follow-up — one new entity, or a question word only — is
//! put into the previous question); compute the answer as in English;
//! render it with the language's messages. English questions never enter
//! this module's path: their answers are unchanged.
//!
//! [`Engine::answer_hinted`]: crate::engine::Engine::answer_hinted

mod answer;
pub mod detect;
pub mod fold;
pub mod names;
pub mod render;

use crate::concepts::{ConceptSet, LexiconOf};
use crate::error::LoadError;
use crate::facts::FactBase;
use crate::intents::IntentSet;
use crate::tagger::Tagger;
use names::Names;
use render::Renderer;
use std::collections::HashSet;
use std::path::Path;

/// A language other than English the bot answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Fr,
    De,
    It,
    Ja,
    No,
}

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::Fr, Lang::De, Lang::It, Lang::Ja, Lang::No];

    /// The ISO 639-1 code, as in file names (`lang/fr.toml`) and
    /// Telegram's `language_code` ("nb" is Norwegian Bokmål too).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::It => "it",
            Lang::Ja => "ja",
            Lang::No => "no",
        }
    }

    /// The ISO 639-1 codes Telegram users of this language have
    /// (Norwegian: "no" and Bokmål's "nb").
    pub fn telegram_codes(self) -> &'static [&'static str] {
        match self {
            Lang::Fr => &["fr"],
            Lang::De => &["de"],
            Lang::It => &["it"],
            Lang::Ja => &["ja"],
            Lang::No => &["no", "nb"],
        }
    }

    /// The language of a code: "fr", "fr-CA", "nb", "nn"...
    pub fn from_code(code: &str) -> Option<Lang> {
        let base = code.split(['-', '_']).next()?.to_ascii_lowercase();
        match base.as_str() {
            "fr" => Some(Lang::Fr),
            "de" => Some(Lang::De),
            "it" => Some(Lang::It),
            "ja" => Some(Lang::Ja),
            "no" | "nb" | "nn" => Some(Lang::No),
            _ => None,
        }
    }

    /// Folds text of this language (questions and lexicon entries alike).
    pub fn fold(self, s: &str) -> String {
        match self {
            Lang::Ja => fold::fold_japanese(s),
            _ => fold::fold_latin(s),
        }
    }
}

/// The directory of the languages' lexicons and messages, in the intents
/// directory: `lang/XX.toml` (lexicon) and `lang/XX.ftl` (messages).
pub const LANG_DIR: &str = "lang";

/// The lexicon file of a language, in [`LANG_DIR`].
pub fn lexicon_file(lang: Lang) -> String {
    format!("{}.toml", lang.code())
}

/// Everything one language needs.
pub struct Pack {
    pub lang: Lang,
    pub concepts: ConceptSet,
    pub names: Names,
    pub tagger: Tagger,
    pub render: Renderer,
    /// Japanese: the words the segmenter knows (lexicon and names).
    dict: HashSet<String>,
    dict_max: usize,
    /// Every word of the lexicon (for detection).
    pub vocabulary: HashSet<String>,
    pub names_file: std::path::PathBuf,
    /// Typos in the language, corrected against its own words and names
    /// (Latin scripts; `None` for Japanese).
    pub speller: Option<crate::speller::Speller>,
}

impl Pack {
    /// The question as the lexicon reads it: folded, segmented (Japanese),
    /// words separated by single spaces, names not yet tagged.
    pub fn prepare(&self, question: &str) -> String {
        let folded = self.lang.fold(question);
        match self.lang {
            Lang::Ja => fold::segment(&folded, &self.dict, self.dict_max),
            _ => folded,
        }
    }
}

impl Pack {
    /// Whether every word of `question` is a word of this language's
    /// lexicon or a name it knows ("Og Japan?", "und Kanada?"): then a
    /// conversation in this language goes on in it, though English knows
    /// some of the words too ("og", "und" are no English question).
    pub fn reads_all(&self, question: &str) -> bool {
        let tagged = self.tagger.tag(&self.prepare(question));
        tagged.text.split(' ').filter(|w| !w.is_empty()).all(|w| {
            crate::tagger::parse_tag(w).is_some()
                || w.bytes().all(|b| b.is_ascii_digit())
                || self.vocabulary.contains(w)
        })
    }
}

impl std::fmt::Debug for Pack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pack({})", self.lang.code())
    }
}

/// The languages the bot answers in besides English.
#[derive(Debug, Default)]
pub struct Languages {
    pub packs: Vec<Pack>,
    /// English words (intents and concepts): what detection compares with.
    english: HashSet<String>,
}

impl Languages {
    /// Loads every language whose lexicon exists in `intents_dir`.
    pub fn load(
        data_dir: &Path,
        intents_dir: &Path,
        facts: &FactBase,
        intents: &IntentSet,
    ) -> Result<Languages, LoadError> {
        let mut packs = Vec::new();
        for lang in Lang::ALL {
            let path = intents_dir.join(LANG_DIR).join(lexicon_file(lang));
            if !path.exists() {
                continue;
            }
            let fold = |s: &str| lang.fold(s);
            let concepts = ConceptSet::load_lexicon(
                &path,
                &LexiconOf {
                    base: &intents.concepts,
                    fold: &fold,
                },
            )?;
            let names_file = data_dir.join("lang").join(format!("{}.toml", lang.code()));
            let words: HashSet<String> = concepts
                .entries
                .iter()
                .flatten()
                .map(|(w, _)| w.clone())
                .collect();
            let is_word = |w: &str| words.contains(w);
            let names = Names::load(lang, &names_file, facts, &fold, &is_word)?;
            let ftl = intents_dir
                .join(LANG_DIR)
                .join(format!("{}.ftl", lang.code()));
            let render = Renderer::load(lang, &ftl)?;
            let mut vocabulary: HashSet<String> = concepts.vocabulary().into_iter().collect();
            vocabulary.retain(|w| !w.is_empty());
            let mut dict: HashSet<String> = HashSet::new();
            if lang == Lang::Ja {
                // Each word of the lexicon's entries and of the names: an
                // entry of several words ("加盟国 は どこ") matches the
                // segmented words in a row.
                for w in concepts.entries.iter().flatten() {
                    dict.extend(w.0.split(' ').map(str::to_string));
                }
                dict.extend(concepts.vocabulary());
                for a in names.aliases.keys() {
                    if !a.is_ascii() {
                        dict.extend(a.split(' ').map(str::to_string));
                    }
                }
                dict.retain(|w| !w.is_empty() && !w.is_ascii());
            }
            let dict_max = dict.iter().map(|w| w.chars().count()).max().unwrap_or(1);
            let tagger = Tagger::new(&names.aliases);
            let speller = (lang != Lang::Ja).then(|| {
                let name_words: Vec<&str> =
                    names.aliases.keys().flat_map(|a| a.split(' ')).collect();
                crate::speller::Speller::new(
                    vocabulary
                        .iter()
                        .map(String::as_str)
                        .chain(name_words.iter().copied()),
                    name_words.iter().copied(),
                )
            });
            packs.push(Pack {
                lang,
                concepts,
                names,
                tagger,
                render,
                dict,
                dict_max,
                vocabulary,
                names_file,
                speller,
            });
        }
        let mut english: HashSet<String> = intents.vocabulary().into_iter().collect();
        english.extend(intents.concepts.vocabulary());
        Ok(Languages { packs, english })
    }

    pub fn get(&self, lang: Lang) -> Option<&Pack> {
        self.packs.iter().find(|p| p.lang == lang)
    }

    /// The language `question` is written in, when it is one of the
    /// loaded ones (`None`: English, the default). `hint` is the user's
    /// interface language (Telegram's `language_code`): it only breaks
    /// near ties.
    pub fn detect(&self, question: &str, hint: Option<&str>) -> Option<&Pack> {
        if self.packs.is_empty() {
            return None;
        }
        let lang = detect::detect(self, question, hint.and_then(Lang::from_code))?;
        self.get(lang)
    }
}
