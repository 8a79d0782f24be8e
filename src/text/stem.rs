//! Snowball stemming through rust-stemmers, behind a `Language` that travels in the model file.

use rust_stemmers::{Algorithm, Stemmer as Snowball};
use serde::{Deserialize, Serialize};

use super::tokens::{Token, TokenKind};
use super::TokenFilter;
use crate::features::WordMap;

/// The languages rust-stemmers knows; the chosen one is stored with a model's options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum Language {
    Arabic,
    Danish,
    Dutch,
    #[default]
    English,
    Finnish,
    French,
    German,
    Greek,
    Hungarian,
    Italian,
    Norwegian,
    Portuguese,
    Romanian,
    Russian,
    Spanish,
    Swedish,
    Tamil,
    Turkish,
}

impl Language {
    fn algorithm(self) -> Algorithm {
        match self {
            Language::Arabic => Algorithm::Arabic,
            Language::Danish => Algorithm::Danish,
            Language::Dutch => Algorithm::Dutch,
            Language::English => Algorithm::English,
            Language::Finnish => Algorithm::Finnish,
            Language::French => Algorithm::French,
            Language::German => Algorithm::German,
            Language::Greek => Algorithm::Greek,
            Language::Hungarian => Algorithm::Hungarian,
            Language::Italian => Algorithm::Italian,
            Language::Norwegian => Algorithm::Norwegian,
            Language::Portuguese => Algorithm::Portuguese,
            Language::Romanian => Algorithm::Romanian,
            Language::Russian => Algorithm::Russian,
            Language::Spanish => Algorithm::Spanish,
            Language::Swedish => Algorithm::Swedish,
            Language::Tamil => Algorithm::Tamil,
            Language::Turkish => Algorithm::Turkish,
        }
    }
}

/// The stemming filter; only words are stemmed (acronyms, numbers and clitics pass through).
pub struct Stemmer {
    inner: Snowball,
    language: Language,
}

impl Stemmer {
    /// A stemmer for `language`.
    pub fn new(language: Language) -> Self {
        Stemmer {
            inner: Snowball::create(language.algorithm()),
            language,
        }
    }
}

/// Words kept in a thread's stem cache (per language) before it starts over: a few MB at most.
const MAX_CACHED_STEMS: usize = 1 << 16;

/// Each word's stem, or `None` when the stem is the word itself (short words keyed by their
/// packed bytes: a hit reads no key string elsewhere in memory).
type Stems = WordMap<Option<Box<str>>>;

thread_local! {
    /// Each thread's stems of the words it has stemmed, by language. Snowball took a third of
    /// the text analysis of `classify` (7 % of its CPU), and a corpus says the same few thousand
    /// words again and again; a stem depends only on the word and the language, so the cached
    /// one is the one Snowball gives. Per thread, so the workers never wait for each other.
    static STEMS: std::cell::RefCell<Vec<(Language, Stems)>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl TokenFilter for Stemmer {
    fn apply(&self, tokens: &mut [Token]) {
        STEMS.with_borrow_mut(|caches| {
            let at = match caches.iter().position(|(l, _)| *l == self.language) {
                Some(at) => at,
                None => {
                    caches.push((self.language, Stems::default()));
                    caches.len() - 1
                }
            };
            let cache = &mut caches[at].1;
            for t in tokens
                .iter_mut()
                .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Hashtag))
            {
                match cache.get(t.text.as_str()) {
                    Some(Some(stem)) => t.text = stem.to_string(),
                    Some(None) => {}
                    None => {
                        if cache.len() >= MAX_CACHED_STEMS {
                            cache.clear();
                        }
                        // `Cow::Borrowed` means the stem equals the word: no allocation then.
                        let stem = match self.inner.stem(&t.text) {
                            std::borrow::Cow::Owned(s) => Some(s),
                            std::borrow::Cow::Borrowed(_) => None,
                        };
                        cache.insert(&t.text, stem.as_deref().map(Into::into));
                        if let Some(s) = stem {
                            t.text = s;
                        }
                    }
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn cached_stems_are_snowball_stems_in_every_language() {
        // The second pass over the same words is answered from the thread's cache; two
        // languages in one thread must not answer each other's words.
        let text = "rebels fighting fighting Rebels généraux généraux attaques";
        for lang in [Language::English, Language::French, Language::English] {
            let stemmer = Stemmer::new(lang);
            let snowball = Snowball::create(lang.algorithm());
            for _ in 0..2 {
                let mut t = tokenize(text);
                stemmer.apply(&mut t);
                for (token, raw) in t.iter().zip(tokenize(text)) {
                    assert_eq!(token.text, snowball.stem(&raw.text), "{lang:?}");
                }
            }
        }
    }

    #[test]
    fn stems_words_only() {
        let mut t = tokenize("rebels fighting U.S. 2013");
        Stemmer::new(Language::English).apply(&mut t);
        let s: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(s, ["rebel", "fight", "U.S.", "2013"]);
    }

    #[test]
    #[cfg(feature = "cli")]
    fn every_language_builds() {
        use clap::ValueEnum;
        for lang in Language::value_variants() {
            let mut t = tokenize("word");
            Stemmer::new(*lang).apply(&mut t);
            assert!(!t[0].text.is_empty());
        }
    }
}
