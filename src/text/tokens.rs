//! The tokenizer: Unicode words with the news and social-media rules on top.
//!
//! Word boundaries come from unicode-segmentation (UAX #29); on top of them this module keeps dotted
//! acronyms whole ("U.S."), splits possessive 's and the n't clitic off their words, marks the parts
//! of hyphenated words so that "Iranian-backed" can be seen both whole and in parts, and recognises
//! URLs, @users and #hashtags before the word splitter can take them apart.

use unicode_segmentation::UnicodeSegmentation;

/// What a token is; filters downstream use it to decide what becomes a feature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A word of letters (and digits mixed in).
    Word,
    /// A number ("3.5", "2,000", "2013").
    Number,
    /// A dotted acronym kept whole ("U.S.", "U.N.").
    Acronym,
    /// A possessive clitic ("'s", "'").
    Possessive,
    /// The negative clitic "n't".
    NegClitic,
    /// Punctuation; kept because it bounds clauses and negation scopes.
    Punct,
    /// A URL.
    Url,
    /// A social-media user handle ("@user").
    User,
    /// A hashtag ("#Aleppo"); the text is kept without the `#`.
    Hashtag,
}

/// One token with its byte offsets in the original text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The normalised form (lower-cased, stemmed, negation-marked as the filters decide).
    pub text: String,
    /// Byte offset of the token's first character in the original text.
    pub start: usize,
    /// Byte offset one past the token's last character.
    pub end: usize,
    /// What kind of token this is.
    pub kind: TokenKind,
    /// True when the token is joined to the next one by a hyphen ("Iranian" in "Iranian-backed").
    pub hyphen_next: bool,
    /// True inside a negation scope (set by the negation filter).
    pub negated: bool,
}

impl Token {
    fn new(text: &str, start: usize, kind: TokenKind) -> Self {
        Token {
            text: text.to_string(),
            start,
            end: start + text.len(),
            kind,
            hyphen_next: false,
            negated: false,
        }
    }

    /// True for tokens that carry words (everything but punctuation).
    pub fn is_wordlike(&self) -> bool {
        self.kind != TokenKind::Punct
    }
}

/// Splits `text` into tokens; offsets are byte offsets into `text`, in increasing order.
///
/// ```
/// use stance::text::{tokenize, TokenKind};
/// let t = tokenize("U.S. didn't back Iran's plan");
/// let words: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
/// assert_eq!(words, ["U.S.", "did", "n't", "back", "Iran", "'s", "plan"]);
/// assert_eq!(t[2].kind, TokenKind::NegClitic);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for (chunk_start, chunk) in whitespace_chunks(text) {
        if let Some(tok) = special_chunk(chunk, chunk_start) {
            out.extend(tok);
            continue;
        }
        tokenize_words(chunk, chunk_start, &mut out);
    }
    out
}

/// Whitespace-separated chunks with their byte offsets.
fn whitespace_chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |c| (c.as_ptr() as usize - text.as_ptr() as usize, c))
}

/// URLs, @users and #hashtags, which UAX #29 would take apart; trailing punctuation is split off.
fn special_chunk(chunk: &str, start: usize) -> Option<Vec<Token>> {
    let lower_starts = |p: &str| {
        chunk.len() >= p.len()
            && chunk.is_char_boundary(p.len())
            && chunk[..p.len()].eq_ignore_ascii_case(p)
    };
    let kind = if lower_starts("http://") || lower_starts("https://") || lower_starts("www.") {
        TokenKind::Url
    } else if chunk.starts_with('@')
        && chunk[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    {
        TokenKind::User
    } else if chunk.starts_with('#') && chunk[1..].chars().next().is_some_and(|c| c.is_alphabetic())
    {
        TokenKind::Hashtag
    } else {
        return None;
    };
    let body_len = match kind {
        TokenKind::Url => chunk
            .trim_end_matches(|c: char| {
                matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | '"' | '\'')
            })
            .len(),
        _ => {
            let first = chunk.chars().next().map_or(0, char::len_utf8);
            first
                + chunk[first..]
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(chunk.len() - first)
        }
    };
    let mut out = Vec::new();
    let body = &chunk[..body_len];
    let mut tok = Token::new(body, start, kind);
    if kind == TokenKind::Hashtag {
        tok.text = body[1..].to_string();
    }
    out.push(tok);
    if body_len < chunk.len() {
        tokenize_words(&chunk[body_len..], start + body_len, &mut out);
    }
    Some(out)
}

/// True for dotted acronyms: "U.S", "U.N", "E.U" (single letters joined by periods; the final
/// period, when there is one, is not part of `word`).
pub(crate) fn is_dotted_acronym(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

fn tokenize_words(chunk: &str, chunk_start: usize, out: &mut Vec<Token>) {
    let pieces: Vec<(usize, &str)> = chunk.split_word_bound_indices().collect();
    let mut k = 0;
    while k < pieces.len() {
        let (off, piece) = pieces[k];
        let start = chunk_start + off;
        let first = piece.chars().next().unwrap_or(' ');
        if piece.chars().all(char::is_whitespace) {
            k += 1;
            continue;
        }
        if first.is_alphanumeric() || first == '_' {
            // "U.S" + "." -> "U.S."
            if is_dotted_acronym(piece) && pieces.get(k + 1).is_some_and(|(_, p)| *p == ".") {
                out.push(Token::new(
                    &chunk[off..off + piece.len() + 1],
                    start,
                    TokenKind::Acronym,
                ));
                k += 2;
                continue;
            }
            // "U" + "." + "S" + "." is how some scripts come out; handled by the rule above in practice.
            push_word(piece, start, out);
            // A hyphen between two words joins them: "Iranian-backed", "al-Assad".
            if pieces
                .get(k + 1)
                .is_some_and(|(_, p)| *p == "-" || *p == "\u{2010}" || *p == "\u{2011}")
                && pieces
                    .get(k + 2)
                    .is_some_and(|(_, p)| p.chars().next().is_some_and(char::is_alphanumeric))
            {
                if let Some(last) = out.last_mut() {
                    last.hyphen_next = true;
                }
                k += 2;
                continue;
            }
        } else {
            out.push(Token::new(piece, start, TokenKind::Punct));
        }
        k += 1;
    }
}

/// Pushes a UAX #29 word, splitting the possessive and n't clitics.
fn push_word(piece: &str, start: usize, out: &mut Vec<Token>) {
    if piece
        .chars()
        .all(|c| c.is_numeric() || matches!(c, '.' | ','))
    {
        out.push(Token::new(piece, start, TokenKind::Number));
        return;
    }
    // The suffixes are compared in place, ASCII case folded (they are "n't" and "'s" with either
    // apostrophe): this runs for every word of every text, and lower-casing the word and
    // formatting the suffixes were five allocations a word.
    let ends_with = |suffix: &str| {
        piece.len() > suffix.len()
            && piece.as_bytes()[piece.len() - suffix.len()..]
                .eq_ignore_ascii_case(suffix.as_bytes())
    };
    for (nt, s) in [("n't", "'s"), ("n\u{2019}t", "\u{2019}s")] {
        if ends_with(nt) {
            let cut = piece.len() - nt.len();
            // "can't" -> "ca" + "n't" as the Penn Treebank does; "won't" -> "wo" + "n't".
            out.push(Token::new(&piece[..cut], start, TokenKind::Word));
            out.push(Token::new(&piece[cut..], start + cut, TokenKind::NegClitic));
            return;
        }
        if ends_with(s) {
            let cut = piece.len() - s.len();
            out.push(Token::new(&piece[..cut], start, TokenKind::Word));
            out.push(Token::new(
                &piece[cut..],
                start + cut,
                TokenKind::Possessive,
            ));
            return;
        }
    }
    out.push(Token::new(piece, start, TokenKind::Word));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_token(t: &Token, text: &str, from: usize, to: usize, kind: TokenKind) {
        assert_eq!(
            (t.text.as_str(), t.start, t.end, t.kind),
            (text, from, to, kind)
        );
    }

    #[test]
    fn acronyms_possessives_and_clitics() {
        let t = tokenize("The U.S. won't back Turkey's plan.");
        assert_token(&t[1], "U.S.", 4, 8, TokenKind::Acronym);
        assert_token(&t[2], "wo", 9, 11, TokenKind::Word);
        assert_token(&t[3], "n't", 11, 14, TokenKind::NegClitic);
        assert_token(&t[5], "Turkey", 20, 26, TokenKind::Word);
        assert_token(&t[6], "'s", 26, 28, TokenKind::Possessive);
        assert_token(&t[8], ".", 33, 34, TokenKind::Punct);
    }

    #[test]
    fn clitics_in_capitals_and_with_curly_apostrophes() {
        let t = tokenize("MOSCOW WON\u{2019}T BACK ASSAD'S FOES");
        assert_token(&t[1], "WO", 7, 9, TokenKind::Word);
        assert_token(&t[2], "N\u{2019}T", 9, 14, TokenKind::NegClitic);
        assert_token(&t[4], "ASSAD", 20, 25, TokenKind::Word);
        assert_token(&t[5], "'S", 25, 27, TokenKind::Possessive);
    }

    #[test]
    fn hyphenated_words_are_marked() {
        let t = tokenize("Iranian-backed militias and al-Assad");
        assert_eq!(t[0].text, "Iranian");
        assert!(t[0].hyphen_next);
        assert_token(&t[1], "backed", 8, 14, TokenKind::Word);
        assert!(!t[1].hyphen_next);
        assert!(t[4].hyphen_next && t[5].text == "Assad");
    }

    #[test]
    fn numbers_urls_users_hashtags() {
        let t = tokenize("Some 2,000 fled (3.5%) see https://x.org/a. @UN_Spokesperson #Aleppo!");
        assert_eq!(t[1].kind, TokenKind::Number);
        assert_eq!(t[1].text, "2,000");
        let url = t.iter().find(|t| t.kind == TokenKind::Url).unwrap();
        assert_eq!(url.text, "https://x.org/a");
        let user = t.iter().find(|t| t.kind == TokenKind::User).unwrap();
        assert_eq!(user.text, "@UN_Spokesperson");
        let tag = t.iter().find(|t| t.kind == TokenKind::Hashtag).unwrap();
        assert_eq!(tag.text, "Aleppo");
        assert_eq!(t.last().unwrap().text, "!");
    }

    #[test]
    fn curly_apostrophes() {
        let t = tokenize("Russia\u{2019}s envoy didn\u{2019}t");
        assert_eq!(t[1].kind, TokenKind::Possessive);
        assert_eq!(t[4].kind, TokenKind::NegClitic);
    }
}
