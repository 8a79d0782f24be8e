//! Negation scope: marks the tokens that follow a negator up to the end of its clause.
//!
//! "Moscow said it would not allow a no-fly zone" must not look like "Moscow said it would allow a
//! no-fly zone" to a bag-of-words model. Following Das & Chen (2001) and Pang et al. (2002), every
//! word between a negator and the next clause boundary is marked, and the marked words become
//! separate features ("neg_allow").

use super::tokens::{Token, TokenKind};
use super::TokenFilter;

/// Words that open a negation scope (lower-case).
const NEGATORS: &[&str] = &[
    "not", "no", "never", "without", "nor", "neither", "cannot", "none", "nobody", "nothing",
    "nowhere", "hardly", "barely", "scarcely", "rarely",
];

/// Contrastive conjunctions (lower-case): each starts a clause with a subject of its own ("...,
/// while Obama said Assad must go"). A stemmer turns "whereas" into "wherea".
pub const CONTRAST_WORDS: &[&str] = &["while", "whereas", "but", "although", "though"];

/// Words that close a negation scope: clause-level conjunctions.
const SCOPE_ENDERS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "however", "yet", "because", "as",
];

/// True when `word` (lower-case) opens a negation scope.
pub fn is_negator(word: &str) -> bool {
    NEGATORS.contains(&word)
}

/// True when the token ends a clause: punctuation that bounds clauses, or a contrastive conjunction.
pub fn is_clause_boundary(token: &Token) -> bool {
    match token.kind {
        TokenKind::Punct => matches!(
            token.text.as_str(),
            "." | ","
                | ";"
                | ":"
                | "!"
                | "?"
                | "("
                | ")"
                | "\u{2014}"
                | "\u{2013}"
                | "\""
                | "\u{201C}"
                | "\u{201D}"
        ),
        TokenKind::Word => SCOPE_ENDERS.contains(&super::lowercase(&token.text).as_ref()),
        _ => false,
    }
}

/// The filter that sets [`Token::negated`]; it expects lower-cased tokens.
#[derive(Debug, Clone, Copy, Default)]
pub struct NegationMarker;

impl TokenFilter for NegationMarker {
    fn apply(&self, tokens: &mut [Token]) {
        let mut in_scope = false;
        for token in tokens.iter_mut() {
            if is_clause_boundary(token) {
                in_scope = false;
                continue;
            }
            // "no-fly zone", "no-go area": a hyphenated "no" modifies a noun, it does not negate.
            let opens = token.kind == TokenKind::NegClitic
                || (token.kind == TokenKind::Word && is_negator(&token.text) && !token.hyphen_next);
            if opens {
                in_scope = true;
                continue;
            }
            token.negated = in_scope && token.is_wordlike();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{tokenize, LowerCaser};

    fn negated(text: &str) -> Vec<String> {
        let mut t = tokenize(text);
        LowerCaser.apply(&mut t);
        NegationMarker.apply(&mut t);
        t.into_iter()
            .filter(|t| t.negated)
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn scope_runs_to_clause_end() {
        assert_eq!(
            negated("Moscow said it would not allow a no-fly zone."),
            ["allow", "a", "no", "fly", "zone"]
        );
        assert_eq!(negated("Ankara didn't object, but Tehran did."), ["object"]);
        assert_eq!(
            negated("Russia will never abandon Assad while the war goes on"),
            ["abandon", "assad"]
        );
        assert!(negated("Iran backs Assad.").is_empty());
    }
}
