//! The text stage: sentences, tokens and the filter chain that normalises them.
//!
//! Text flows through small filters composed in one visible order (see [`Analyzer::new`]):
//!
//! ```text
//! tokenize -> NumberNormalizer -> LowerCaser -> NegationMarker -> Stemmer
//! ```
//!
//! ```
//! use stance::text::{Analyzer, TextOptions};
//! let analyzer = Analyzer::new(&TextOptions::default());
//! let tokens = analyzer.analyze("Moscow would not allow 2 no-fly zones");
//! let words: Vec<String> = tokens.iter().map(|t| t.feature()).collect();
//! assert_eq!(words, ["moscow", "would", "not", "neg_allow", "neg_<num>", "neg_no", "neg_fli", "neg_zone"]);
//! ```

mod negation;
mod sentences;
mod stem;
mod tokens;

pub use negation::{is_clause_boundary, is_negator, NegationMarker, CONTRAST_WORDS};
pub use sentences::{split_sentences, Sentence};
pub use stem::{Language, Stemmer};
pub use tokens::{tokenize, Token, TokenKind};

use serde::{Deserialize, Serialize};

/// One step of the token chain; each filter rewrites tokens in place.
pub trait TokenFilter: Send + Sync {
    /// Applies the filter to a sentence's tokens.
    fn apply(&self, tokens: &mut [Token]);
}

/// `s` lower-cased, borrowed when it already is (an ASCII word without capitals, most words of a
/// sentence): the same string as `str::to_lowercase`, without an allocation per word where
/// features look words up (valence, clause ends).
pub fn lowercase(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.to_lowercase())
    }
}

/// Lower-cases every token (acronyms included: "U.S." becomes "u.s.").
#[derive(Debug, Clone, Copy, Default)]
pub struct LowerCaser;

impl TokenFilter for LowerCaser {
    fn apply(&self, tokens: &mut [Token]) {
        for t in tokens.iter_mut() {
            if t.text.chars().any(char::is_uppercase) {
                t.text = t.text.to_lowercase();
            }
        }
    }
}

/// Replaces every number by `<num>`: the exact figure rarely carries stance, and a shared token
/// keeps the vocabulary small.
#[derive(Debug, Clone, Copy, Default)]
pub struct NumberNormalizer;

impl TokenFilter for NumberNormalizer {
    fn apply(&self, tokens: &mut [Token]) {
        for t in tokens.iter_mut() {
            match t.kind {
                TokenKind::Number => t.text = "<num>".to_string(),
                TokenKind::Url => t.text = "<url>".to_string(),
                TokenKind::User => t.text = "<user>".to_string(),
                _ => {}
            }
        }
    }
}

/// Options of the text stage; stored in the model file so prediction analyses text the same way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextOptions {
    /// Snowball stemmer language; defaults to English.
    pub language: Language,
    /// Stem words; defaults to true.
    pub stem: bool,
    /// Mark negation scopes; defaults to true.
    pub negation: bool,
    /// Lower-case tokens; defaults to true.
    pub lowercase: bool,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            language: Language::English,
            stem: true,
            negation: true,
            lowercase: true,
        }
    }
}

/// The filter chain built from [`TextOptions`].
pub struct Analyzer {
    filters: Vec<Box<dyn TokenFilter>>,
}

impl Analyzer {
    /// Builds the chain; the order here is the order filters run in.
    pub fn new(options: &TextOptions) -> Self {
        let mut filters: Vec<Box<dyn TokenFilter>> = vec![Box::new(NumberNormalizer)];
        if options.lowercase {
            filters.push(Box::new(LowerCaser));
        }
        if options.negation {
            filters.push(Box::new(NegationMarker));
        }
        if options.stem {
            filters.push(Box::new(Stemmer::new(options.language)));
        }
        Analyzer { filters }
    }

    /// Tokenizes `text` and runs every filter; punctuation tokens are kept.
    pub fn analyze(&self, text: &str) -> Vec<Token> {
        let mut tokens = tokenize(text);
        for f in &self.filters {
            f.apply(&mut tokens);
        }
        tokens
    }
}

impl Token {
    /// The token as a word feature: its normalised text, prefixed `neg_` inside a negation scope.
    pub fn feature(&self) -> String {
        if self.negated {
            format!("neg_{}", self.text)
        } else {
            self.text.clone()
        }
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lowercase_is_str_to_lowercase(text in "\\PC{0,40}|[a-zA-Z\u{1C5}\u{212A}\u{130}]{0,12}") {
            let lower = lowercase(&text);
            prop_assert_eq!(lower.as_ref(), text.to_lowercase());
        }

        #[test]
        fn sentences_are_valid_and_ordered(text in "\\PC{0,200}") {
            let mut last = 0;
            for s in split_sentences(&text) {
                prop_assert!(s.start >= last && s.start < s.end && s.end <= text.len());
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                last = s.end;
            }
        }

        #[test]
        fn news_like_sentences_keep_all_words(words in proptest::collection::vec("(U\\.S\\.|Gen\\.|Mr\\.|[A-Z][a-z]{1,8}|[a-z]{1,8}|[0-9]{1,4}|\\.|,|\\?)", 0..40)) {
            let text = words.join(" ");
            let non_ws: usize = text.chars().filter(|c| !c.is_whitespace()).count();
            let covered: usize = split_sentences(&text).iter().map(|s| s.as_str(&text).chars().filter(|c| !c.is_whitespace()).count()).sum();
            prop_assert_eq!(non_ws, covered);
        }

        #[test]
        fn tokens_lie_inside_the_text(text in "\\PC{0,200}") {
            let analyzer = Analyzer::new(&TextOptions::default());
            let mut last = 0;
            for t in tokenize(&text) {
                prop_assert!(t.start >= last && t.start < t.end && t.end <= text.len());
                prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                last = t.end;
            }
            let _ = analyzer.analyze(&text);
        }
    }
}
