//! Snowball stemming through rust-stemmers, behind a `Language` that travels in the model file.

use rust_stemmers::{Algorithm, Stemmer as Snowball};
use serde::{Deserialize, Serialize};

use super::tokens::{Token, TokenKind};
use super::TokenFilter;

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
}

impl Stemmer {
    /// A stemmer for `language`.
    pub fn new(language: Language) -> Self {
        Stemmer {
            inner: Snowball::create(language.algorithm()),
        }
    }
}

impl TokenFilter for Stemmer {
    fn apply(&self, tokens: &mut [Token]) {
        for t in tokens
            .iter_mut()
            .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Hashtag))
        {
            // `Cow::Borrowed` means the stem equals the word: no allocation then.
            if let std::borrow::Cow::Owned(s) = self.inner.stem(&t.text) {
                t.text = s;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

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
