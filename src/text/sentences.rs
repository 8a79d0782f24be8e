//! A news-aware sentence splitter that keeps byte offsets.
//!
//! Written by hand because the crates tried on news text each fail a case that matters here:
//! unicode-segmentation's sentence bounds split after every abbreviation ("Gen.", "Mr."), srx loses
//! look-behind rules, and sentencex breaks on a sentence that ends in "U.S.". The rules below are
//! the ones wire copy needs: titles and month abbreviations, initials, dotted acronyms that may or
//! may not end a sentence, decimals, ellipses, closing quotes and paragraph breaks.

use super::tokens::is_dotted_acronym;

/// A sentence as a byte range into the text it came from (trimmed of surrounding whitespace).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
}

impl Sentence {
    /// The sentence's text inside `text`.
    pub fn as_str<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Abbreviations after which a period does not end a sentence (compared case-insensitively,
/// without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt",
    "adm", "brig", "cmdr", "cmdt", "gov", "sen", "rep", "reps", "sens", "pres", "amb", "hon",
    "rev", "st", "jr", "sr", "messrs", "mme", "mlle", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
    "fri", "sat", "sun", "no", "nos", "vs", "v", "etc", "inc", "corp", "co", "ltd", "llc", "dept",
    "univ", "est", "approx", "fig", "vol", "op", "mt", "ft", "ave", "blvd", "rd", "gens", "cols",
    "lts", "sheikh",
];

/// Words that begin a new sentence after a dotted acronym such as "U.S." ("... sanctions imposed by
/// the U.S. The move ..."). After an acronym any other capitalised word is taken to continue the
/// sentence ("U.S. President Barack Obama").
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "its",
    "their",
    "our",
    "this",
    "that",
    "these",
    "those",
    "there",
    "in",
    "on",
    "at",
    "for",
    "but",
    "and",
    "or",
    "yet",
    "so",
    "after",
    "before",
    "when",
    "while",
    "meanwhile",
    "however",
    "also",
    "some",
    "many",
    "most",
    "no",
    "yes",
    "according",
    "earlier",
    "later",
    "last",
    "next",
    "since",
    "as",
    "if",
    "officials",
    "what",
    "why",
    "how",
    "who",
    "where",
    "one",
    "two",
    "both",
    "all",
    "such",
    "then",
    "still",
    "despite",
    "although",
    "though",
    "instead",
    "moreover",
    "separately",
    "asked",
];

fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '\u{BB}'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201C}' | '\u{2018}' | '(' | '[' | '\u{AB}'
    )
}

/// The word (letters, digits, dots, hyphens, apostrophes) that ends right before byte `end`.
fn word_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '\u{2019}'))
        .last()
        .map(|(i, _)| i)
        .unwrap_or(end);
    &text[start..end]
}

/// The first word starting at byte `start`, skipping opening quotes.
fn word_after(text: &str, start: usize) -> &str {
    let tail = &text[start..];
    let tail = tail.trim_start_matches(is_opening);
    let end = tail
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(tail.len());
    &tail[..end]
}

/// Splits `text` into sentences; every byte of non-whitespace text belongs to exactly one sentence.
///
/// ```
/// use stance::text::split_sentences;
/// let text = "Gen. Smith met U.S. officials on Jan. 5. The talks ended. Russia said no.";
/// let s: Vec<&str> = split_sentences(text).iter().map(|s| s.as_str(text)).collect();
/// assert_eq!(s, ["Gen. Smith met U.S. officials on Jan. 5.", "The talks ended.", "Russia said no."]);
/// ```
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let boundary_end = match c {
            '\n' => {
                // A blank line (paragraph break) always ends a sentence.
                let rest = &text[i + 1..];
                let next_nl = rest.find(|ch: char| ch == '\n' || !ch.is_whitespace());
                if matches!(next_nl, Some(p) if rest[p..].starts_with('\n')) {
                    Some(i)
                } else {
                    None
                }
            }
            '.' | '!' | '?' | '\u{2026}' => {
                // Swallow runs of terminal punctuation ("?!", "...") and closing quotes.
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = iter.peek() {
                    if matches!(d, '.' | '!' | '?' | '\u{2026}') || is_closing(d) {
                        end = j + d.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                if is_boundary(text, i, c, end) {
                    Some(end)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(end) = boundary_end {
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Decides whether the terminal punctuation `c` at byte `i` (its run ending at `end`) ends a
/// sentence.
fn is_boundary(text: &str, i: usize, c: char, end: usize) -> bool {
    let rest = &text[end..];
    // The end of the text is a boundary.
    let Some(next_char) = rest.chars().next() else {
        return true;
    };
    // "3.5", "example.com", "U.S.-backed": no whitespace after, no boundary.
    if !next_char.is_whitespace() {
        return false;
    }
    let after_ws = rest.trim_start();
    let Some(first) = after_ws.chars().next() else {
        return true;
    };
    let next_start = text.len() - after_ws.len();
    let next_word = word_after(text, next_start);
    // A sentence starts with an upper-case letter, a digit or an opening quote/bracket.
    let starts_sentence = first.is_uppercase()
        || first.is_numeric()
        || (is_opening(first)
            && after_ws[first.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|d| d.is_uppercase() || d.is_numeric()));
    if !starts_sentence {
        return false;
    }
    if c != '.' {
        return true;
    }
    let run = &text[i..end];
    if run.starts_with("...") || run.starts_with("..") {
        return true;
    }
    let before = word_before(text, i);
    if before.is_empty() {
        return true;
    }
    let last = before.rsplit('.').next().unwrap_or(before);
    if is_dotted_acronym(before) {
        // "U.S." ends the sentence only when a typical sentence opener follows.
        let lower = next_word.to_lowercase();
        return SENTENCE_STARTERS.contains(&lower.as_str());
    }
    if is_abbreviation(last) {
        return false;
    }
    // Initials: "John F. Kennedy", "A. Smith".
    if last.chars().count() == 1 && last.chars().all(char::is_uppercase) {
        return false;
    }
    true
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let s = start + lead;
        out.push(Sentence {
            start: s,
            end: s + trimmed.len(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text)
            .iter()
            .map(|s| s.as_str(text))
            .collect()
    }

    #[test]
    fn titles_and_acronyms_inside_sentences() {
        assert_eq!(
            split("Lt. Col. Ahmed Berri defected on Jan. 5, Gen. Mustafa said. U.S. officials declined to comment."),
            ["Lt. Col. Ahmed Berri defected on Jan. 5, Gen. Mustafa said.", "U.S. officials declined to comment."]
        );
    }

    #[test]
    fn acronym_at_the_end_of_a_sentence() {
        assert_eq!(
            split("Damascus blamed the U.S. The ministry gave no evidence."),
            ["Damascus blamed the U.S.", "The ministry gave no evidence."]
        );
        assert_eq!(
            split("He met U.S. President Barack Obama."),
            ["He met U.S. President Barack Obama."]
        );
        assert_eq!(
            split("Aid came from the U.N. and the EU."),
            ["Aid came from the U.N. and the EU."]
        );
    }

    #[test]
    fn quotes_decimals_initials_and_ellipses() {
        assert_eq!(
            split("\"Assad must go.\" Obama said so. Prices rose 3.5 percent. John F. Kennedy wait... Then it ended."),
            ["\"Assad must go.\"", "Obama said so.", "Prices rose 3.5 percent.", "John F. Kennedy wait...", "Then it ended."]
        );
    }

    #[test]
    fn question_marks_and_paragraphs() {
        assert_eq!(
            split("Who fired? Nobody knows!\n\nA new paragraph"),
            ["Who fired?", "Nobody knows!", "A new paragraph"]
        );
        assert_eq!(
            split("Title line\n\nBody starts here."),
            ["Title line", "Body starts here."]
        );
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(
            split("The gov. said nothing. e.g. this stays."),
            ["The gov. said nothing. e.g. this stays."]
        );
    }

    #[test]
    fn offsets_cover_text() {
        let text = "  Russia vetoed it.  China abstained.  ";
        let s = split_sentences(text);
        assert_eq!(s[0], Sentence { start: 2, end: 19 });
        assert_eq!(s[1].as_str(text), "China abstained.");
    }
}
