//! Where each reported actor is named in an article, for highlighting.

use crate::actors::{
    discover, read_mention, resolve_pronouns, ActorLexicon, MentionKind, MentionMatcher,
};
use crate::article::{with_discovered_mentions, Article};

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
/// people's, in an agentive reading (or a common noun such as "the rebels"), and the pronouns
/// that stand for them, as [`crate::article::analyze`] selects them. A country named only as a
/// place is not highlighted, since it did not count. Sorted by start, without overlaps.
pub fn mention_spans(
    lexicon: &ActorLexicon,
    matcher: &MentionMatcher,
    article: &Article,
    rollup: bool,
) -> Vec<MentionSpan> {
    let text = &article.text;
    let named = matcher.find(lexicon, text, article.date.as_deref());
    let discovered = discover(lexicon, text, &named);
    let extended;
    let (lexicon, named) = if discovered.is_empty() {
        (lexicon, named)
    } else {
        let (lex, base) = lexicon.with_discovered(&discovered);
        extended = lex;
        (
            &extended,
            with_discovered_mentions(named, &discovered, base),
        )
    };
    let acting: Vec<_> = named
        .into_iter()
        .filter(|m| m.kind == MentionKind::Common || read_mention(lexicon, text, m).is_agent())
        .collect();
    let mut all = resolve_pronouns(lexicon, text, &acting);
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
