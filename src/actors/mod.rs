//! Actors: the lexicon, mention finding, and pronoun resolution.

mod lexicon;
mod matcher;
mod pronouns;

pub use lexicon::{Actor, ActorKind, ActorLexicon, Role, Title, BUILTIN_LEXICON};
pub use matcher::{Mention, MentionKind, MentionMatcher};
pub use pronouns::resolve_pronouns;
