//! Where each reported actor is named in an article, for highlighting.

use crate::actors::{ActorLexicon, MentionKind, MentionMatcher};
use crate::article::{find_actors, Article};

/// One highlighted mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionSpan {
    /// Byte offset of its start in the article text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The actor's name as the readings give it (rolled up with `rollup`).
    pub actor: String,
    /// Reached through a pronoun.
    pub inferred: bool,
}

/// The mentions that take part in an article's reading: the lexicon's and the discovered
/// people's and bodies', in an agentive reading (or a common noun such as "the rebels"), and the pronouns
/// that stand for them, as [`crate::article::analyze`] selects them ([`find_actors`]). A country named only as a
/// place is not highlighted, since it did not count. Sorted by start, without overlaps.
pub fn mention_spans(
    lexicon: &ActorLexicon,
    matcher: &MentionMatcher,
    article: &Article,
    rollup: bool,
) -> Vec<MentionSpan> {
    let found = find_actors(lexicon, matcher, &article.text, article.date.as_deref());
    let lexicon: &ActorLexicon = &found.lexicon;
    let mut all = found.mentions;
    all.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut out: Vec<MentionSpan> = Vec::with_capacity(all.len());
    for m in all {
        // Nested or overlapping matches ("Turkish" inside "Turkish-backed"): the first, longest
        // one is drawn; markup cannot overlap.
        if out.last().is_some_and(|l| m.start < l.end) {
            continue;
        }
        let idx = if rollup {
            lexicon.rollup(m.actor)
        } else {
            m.actor
        };
        out.push(MentionSpan {
            start: m.start,
            end: m.end,
            actor: lexicon.actors[idx].name.clone(),
            inferred: m.kind == MentionKind::Pronoun,
        });
    }
    out
}
