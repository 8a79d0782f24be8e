//! Transliteration-tolerant name matching: "Araqchi" is "Araghchi", "Moallem" is "Muallem",
//! "Hizbullah" is "Hezbollah", "Mohammed" is "Mohammad", "el-Araby" is "al-Araby".
//!
//! Arabic, Persian, Russian and Turkish names reach English news in several romanisations, which
//! differ mostly in vowels, doubled letters, the article, diacritics and a few digraphs. One
//! normalisation, applied to the lexicon's names and to capitalised words of the text alike,
//! maps them to the same key:
//!
//! 1. Unicode NFD, combining marks dropped, lower case ("Çavuşoğlu" -> "cavusoglu", "ı" -> "i").
//! 2. The article prefix `al-`, `el-`, `ul-`, `as-`, `ad-`, `ash-` is dropped ("el-Araby" ->
//!    "araby"). Inside `abd-al-` names the article, assimilated or not, is written `abdul`
//!    ("Abdurrahman", "Abdel-Rahman" -> "abdulrahman").
//! 3. Digraphs: `gh` -> `q` (Araghchi/Araqchi), `kh` -> `k`, `ou` -> `u` (Rouhani/Rohani),
//!    `dj` -> `j`, `ph` -> `f`.
//! 4. Vowels fall into two classes, front `a` (a e i y) and back `u` (o u), and a letter repeated
//!    is written once ("Jaafari" and "Jafari" -> "jafara", "Hezbollah" and "Hizbullah" ->
//!    "hazbulah", "Mohammed" and "Mohammad" -> "muhamad").
//!
//! A key is used only when it is long enough to be telling (a one-word name of seven letters
//! or more, and a key of five; three letters per word otherwise) and names a single actor: keys shared by two actors are dropped.
//! Matching is over runs of capitalised words, so lower-case words never match by spelling.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use super::lexicon::{ActorKind, ActorLexicon};

const ARTICLES: &[&str] = &[
    "al-", "el-", "ul-", "as-", "ad-", "ash-", "an-", "ar-", "at-",
];

/// The spelling key of one word (see the module documentation).
pub fn word_key(word: &str) -> String {
    let folded: String = word
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ı' { 'i' } else { c })
        .filter(|c| c.is_alphanumeric() || *c == '-')
        .collect();
    let mut w = folded.as_str();
    for a in ARTICLES {
        if let Some(rest) = w.strip_prefix(a) {
            w = rest;
            break;
        }
    }
    let w = w.replace('-', "");
    let w = abd_article(&w);
    let w = w
        .replace("gh", "q")
        .replace("kh", "k")
        .replace("ou", "u")
        .replace("dj", "j")
        .replace("ph", "f");
    let mut out = String::with_capacity(w.len());
    let mut last = None;
    for c in w.chars() {
        let c = match c {
            'a' | 'e' | 'i' | 'y' => 'a',
            'o' | 'u' => 'u',
            other => other,
        };
        if last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// "abd" + the article, whatever its vowel and whether it took the next sun letter ("abdurr",
/// "abdel", "abdal") -> "abdul" (step 2 of the module documentation).
fn abd_article(w: &str) -> String {
    let b = w.as_bytes();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    if b.len() > 5 && w.starts_with("abd") && vowel(b[3]) {
        let sun = |c: u8| matches!(c, b'r' | b's' | b't' | b'd' | b'n' | b'z');
        if b[4] == b'l' {
            return format!("abdul{}", &w[5..]);
        }
        if sun(b[4]) && b[5] == b[4] {
            return format!("abdul{}", &w[5..]);
        }
    }
    w.to_string()
}

/// The key of a name of several words.
pub fn name_key(name: &str) -> String {
    // The article written as a word of its own ("Moaz Al Khatib", "Abu Mohammad al Golani") is
    // dropped like the joined one ("al-Khatib").
    name.split_whitespace()
        .filter(|w| !is_loose_article(w))
        .map(word_key)
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn telling(key: &str) -> bool {
    let words: Vec<&str> = key.split(' ').collect();
    let letters = |w: &str| w.chars().count();
    if words.len() == 1 {
        letters(words[0]) >= 5
    } else {
        words.iter().all(|w| letters(w) >= 3)
    }
}

/// The lexicon's names by spelling key, for people, armed groups and political bodies (the
/// names that come romanised from Arabic, Persian, Russian or Turkish).
#[derive(Debug, Default)]
pub struct SpellingIndex {
    keys: HashMap<String, usize>,
    /// The most words a key has.
    pub longest: usize,
}

impl SpellingIndex {
    /// Builds the index over a lexicon's names and aliases.
    pub fn new(lexicon: &ActorLexicon) -> Self {
        let mut keys: HashMap<String, Option<usize>> = HashMap::new();
        for (i, a) in lexicon.actors.iter().enumerate() {
            if !matches!(
                a.kind,
                ActorKind::Person | ActorKind::ArmedGroup | ActorKind::PoliticalOrg
            ) {
                continue;
            }
            for name in std::iter::once(&a.name).chain(&a.aliases) {
                let capitalised = name
                    .split_whitespace()
                    .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || w.contains('-'));
                let key = name_key(name);
                // A one-word name this short is too often someone else's ("Bashar", "Bashir").
                let body = ARTICLES
                    .iter()
                    .find_map(|a| name.strip_prefix(a))
                    .unwrap_or(name);
                let short_single = !name.contains(' ') && body.chars().count() < 7;
                if !capitalised || short_single || !telling(&key) {
                    continue;
                }
                let slot = keys.entry(key).or_insert(Some(i));
                if *slot != Some(i) {
                    *slot = None;
                }
            }
        }
        let keys: HashMap<String, usize> = keys
            .into_iter()
            .filter_map(|(k, v)| Some((k, v?)))
            .collect();
        let longest = keys.keys().map(|k| k.split(' ').count()).max().unwrap_or(0);
        SpellingIndex { keys, longest }
    }

    /// The actor whose name has this key.
    pub fn get(&self, key: &str) -> Option<usize> {
        self.keys.get(key).copied()
    }
}

/// The Arabic article as a word of its own: "al", "Al", "el", "El".
fn is_loose_article(w: &str) -> bool {
    matches!(w, "al" | "Al" | "el" | "El")
}

/// Byte spans of the capitalised words of `text` ("al-Jafari" and "el-Araby" count as capitalised:
/// the article is lower-case), and of the article as a word of its own ("Abu Mohammad al
/// Golani"), so that a name's run goes on over it.
pub fn capitalised_words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let inside = c.is_alphanumeric() || c == '-' || c == '\'';
        match (start, inside) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let w = text[s..i].trim_end_matches(['-', '\'']);
                let e = s + w.len();
                let body = ARTICLES.iter().find_map(|a| w.strip_prefix(a)).unwrap_or(w);
                if body.chars().next().is_some_and(char::is_uppercase) || is_loose_article(w) {
                    out.push((s, e));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_share_a_key() {
        for (a, b) in [
            ("Araghchi", "Araqchi"),
            ("Muallem", "Moallem"),
            ("Jaafari", "Jafari"),
            ("Hezbollah", "Hizbullah"),
            ("Mohammad", "Mohammed"),
            ("al-Araby", "el-Araby"),
            ("Rouhani", "Rohani"),
            ("Cavusoglu", "Çavuşoğlu"),
            ("Sergei", "Sergey"),
            ("Abdurrahman", "Abdulrahman"),
            ("Abdel-Rahman", "Abdulrahman"),
        ] {
            assert_eq!(word_key(a), word_key(b), "{a} / {b}");
        }
        for (a, b) in [
            ("Assad", "Asiri"),
            ("Putin", "Patten"),
            ("Iran", "Oran"),
            ("Abdurrahman", "Abdullah"),
        ] {
            assert_ne!(word_key(a), word_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn the_lexicon_index_finds_variants_and_drops_short_keys() {
        let lex = ActorLexicon::builtin();
        let index = SpellingIndex::new(&lex);
        let name = |k: &str| index.get(&name_key(k)).map(|i| lex.actors[i].name.as_str());
        assert_eq!(name("Walid al-Moallem"), Some("Walid Muallem"));
        assert_eq!(name("Hizbullah"), Some("Hezbollah"));
        assert_eq!(name("Sergey Lavrov"), Some("Sergei Lavrov"));
        assert_eq!(name("Rami Abdurrahman"), Some("Rami Abdulrahman"));
        assert_eq!(name("Bob"), None);
        // The article as a word of its own, however written.
        assert_eq!(name("Moaz Al Khatib"), Some("Moaz al-Khatib"));
        assert_eq!(name("Jaysh al Fateh"), Some("Jaish al-Fatah"));
    }

    #[test]
    fn a_loose_article_continues_a_run_of_capitalised_words() {
        let text = "Abu Mohammad al Golani spoke, and al fighters left.";
        let words: Vec<&str> = capitalised_words(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(words, ["Abu", "Mohammad", "al", "Golani", "al"]);
    }
}
