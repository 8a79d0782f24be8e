//! Word valence from the VADER lexicon (Hutto & Gilbert 2014, MIT license, `models/`): how
//! positive or negative the words around an actor are, with negation flipping the sign.
//!
//! Tone toward a person is carried by a few loaded words ("slammed", "hailed"); a bag of n-grams
//! learns them only when they occur in training. The lexicon gives 6,500 such words a prior,
//! emitted as `qv:` features that the classifier weighs.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The lexicon file, embedded.
const LEXICON: &str = include_str!("../../models/vader_lexicon.tsv");

fn lexicon() -> &'static HashMap<&'static str, f32> {
    static L: OnceLock<HashMap<&'static str, f32>> = OnceLock::new();
    L.get_or_init(|| {
        LEXICON
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, v) = l.split_once('\t')?;
                Some((w, v.parse().ok()?))
            })
            .collect()
    })
}

/// The valence of a lower-case word (0 when unknown).
pub fn valence(word: &str) -> f32 {
    lexicon().get(word).copied().unwrap_or(0.0)
}

/// The polarity class of a word seen in a negation scope or not: "+", "-", "++", "--" or none.
pub fn polarity(word: &str, negated: bool) -> Option<&'static str> {
    let v = valence(word);
    let v = if negated { -v * 0.7 } else { v };
    match v {
        v if v >= 2.0 => Some("++"),
        v if v >= 0.5 => Some("+"),
        v if v <= -2.0 => Some("--"),
        v if v <= -0.5 => Some("-"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loaded_words_have_valence() {
        assert!(valence("praised") > 0.5);
        assert!(valence("slammed") < -0.5 || valence("condemned") < -0.5);
        assert_eq!(polarity("good", true), Some("-"));
        assert_eq!(polarity("table", false), None);
    }
}
