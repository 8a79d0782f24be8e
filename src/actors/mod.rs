//! Actors: the lexicon, mention finding, and pronoun resolution.

mod lexicon;
mod matcher;
mod names;
mod pronouns;

pub use lexicon::{Actor, ActorKind, ActorLexicon, Role, Title, BUILTIN_LEXICON};
pub use matcher::{Mention, MentionKind, MentionMatcher};
pub use names::capitalised_names;
pub use pronouns::resolve_pronouns;
