//! Actors: the lexicon, mention finding, and pronoun resolution.

mod lexicon;
mod matcher;
mod names;
mod pronouns;

pub use lexicon::{Actor, ActorKind, ActorLexicon, Alignment, Role, Title, BUILTIN_LEXICON};
pub use matcher::{year_in_text, Mention, MentionKind, MentionMatcher};
pub use names::capitalised_names;
pub use pronouns::resolve_pronouns;
