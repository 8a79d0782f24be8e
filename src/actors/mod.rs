//! Actors: the lexicon, mention finding, and pronoun resolution.

mod bodies;
mod discovery;
mod lexicon;
mod matcher;
mod names;
mod pronouns;
mod reading;
mod spelling;

pub use discovery::{discover, Discovered};
pub use lexicon::{
    Actor, ActorKind, ActorLexicon, Alignment, DateSpan, Role, Title, BUILTIN_LEXICON,
    MAX_LEXICON_BYTES,
};
pub use matcher::{latest_year, Mention, MentionKind, MentionMatcher};
pub use names::capitalised_names;
pub use pronouns::resolve_pronouns;
pub(crate) use reading::next_word;
pub use reading::{read_mention, read_mentions, Reading};
pub use spelling::{name_key, word_key, SpellingIndex};

/// When a text is set, for alignments: its own date if it has one, else from the latest year it
/// mentions on (a text that names 2018 was written then or later), else unknown.
pub fn text_span(date: Option<&str>, text: &str) -> DateSpan {
    match date {
        Some(d) => DateSpan::of(Some(d)),
        None => latest_year(text)
            .map(DateSpan::since_year)
            .unwrap_or_default(),
    }
}
