//! Examples: a record seen from its actor's seat, with every mention placed by role.

use std::ops::Range;

use crate::actors::{ActorLexicon, MentionMatcher};
use crate::data::Record;
use crate::features::Roles;

/// One text with the byte spans of its actor, the other actors and the target.
#[derive(Debug, Clone, Default)]
pub struct Example {
    /// The text.
    pub text: String,
    /// Where the actor, other actors and the target are named.
    pub roles: Roles,
    /// The stance target, when the record names one.
    pub target: Option<String>,
    /// The actor's known stance toward the default target at the text's date, from the
    /// lexicon (see [`ActorLexicon::prior`](crate::actors::ActorLexicon::prior)).
    pub prior: Option<String>,
}

/// Builds examples from records using an actor lexicon.
pub struct ExampleBuilder {
    /// The lexicon in use.
    pub lexicon: ActorLexicon,
    /// Its compiled matcher.
    pub matcher: MentionMatcher,
    use_lexicon: bool,
    mark_names: bool,
}

/// Adds capitalised names that no role covers to `roles.others` (see
/// [`capitalised_names`](crate::actors::capitalised_names)).
pub fn add_names(text: &str, roles: &mut Roles) {
    let covered: Vec<(usize, usize)> = roles
        .actor
        .iter()
        .chain(&roles.others)
        .chain(&roles.target)
        .map(|r| (r.start, r.end))
        .collect();
    for (s, e) in crate::actors::capitalised_names(text, &covered) {
        roles.others.push(s..e);
    }
}

fn find_all_ci(text: &str, needle: &str) -> Vec<Range<usize>> {
    if needle.trim().is_empty() {
        return Vec::new();
    }
    let hay = text.to_lowercase();
    let pat = needle.to_lowercase();
    // Lower-casing can change byte lengths outside ASCII; only trust positions when it did not.
    if hay.len() != text.len() {
        return text
            .match_indices(needle)
            .map(|(i, s)| i..i + s.len())
            .collect();
    }
    hay.match_indices(&pat)
        .map(|(i, s)| i..i + s.len())
        .collect()
}

impl ExampleBuilder {
    /// A builder over `lexicon`; with `use_lexicon` false only record spans and literal actor
    /// names place mentions.
    pub fn new(lexicon: ActorLexicon, use_lexicon: bool) -> Self {
        let matcher = MentionMatcher::new(&lexicon);
        ExampleBuilder {
            lexicon,
            matcher,
            use_lexicon,
            mark_names: false,
        }
    }

    /// Whether the lexicon places mentions (as `new`'s `use_lexicon`).
    pub fn use_lexicon(mut self, yes: bool) -> Self {
        self.use_lexicon = yes;
        self
    }

    /// Also marks capitalised names outside the lexicon as other actors (defaults to false).
    pub fn mark_names(mut self, yes: bool) -> Self {
        self.mark_names = yes;
        self
    }

    /// The example for one record. Returns it and whether the actor was found in the text.
    pub fn from_record(&self, record: &Record) -> (Example, bool) {
        let text = &record.text;
        let mentions = if self.use_lexicon {
            self.matcher
                .find(&self.lexicon, text, record.date.as_deref())
        } else {
            Vec::new()
        };
        let mut actor: Vec<Range<usize>> = Vec::new();
        if let Some(span) = record.byte_span() {
            if span.start < span.end {
                actor.push(span);
            }
        }
        let actor_idx = record.actor.as_deref().and_then(|a| self.lexicon.lookup(a));
        if actor.is_empty() {
            if let Some(name) = record.actor.as_deref() {
                actor = match actor_idx {
                    Some(idx) => mentions
                        .iter()
                        .filter(|m| m.actor == idx)
                        .map(|m| m.start..m.end)
                        .collect(),
                    None => Vec::new(),
                };
                if actor.is_empty() {
                    actor = find_all_ci(text, name);
                }
            }
        }
        // The actor's other names in the record are the actor's too, as `predict` reads every
        // agentive mention of an actor as its own ("Turkey ... Ankara said"), not another's.
        if let Some(idx) = actor_idx.filter(|_| !actor.is_empty()) {
            for m in mentions.iter().filter(|m| m.actor == idx) {
                if !actor.iter().any(|a| a.start < m.end && m.start < a.end) {
                    actor.push(m.start..m.end);
                }
            }
            actor.sort_by_key(|a| (a.start, a.end));
        }
        let found = record.actor.is_none() || !actor.is_empty();
        let is_default_target = record
            .target
            .as_deref()
            .is_none_or(|t| t == self.lexicon.target);
        let mut target: Vec<Range<usize>> = Vec::new();
        let mut others: Vec<Range<usize>> = Vec::new();
        for m in &mentions {
            let r = m.start..m.end;
            // A common noun ("the rebels") that is not the actor stays a word: it is what a
            // stance act applies to.
            if m.kind == crate::actors::MentionKind::Common
                || actor.iter().any(|a| a.start < r.end && r.start < a.end)
            {
                continue;
            }
            if is_default_target && self.lexicon.actors[m.actor].role.is_target_side() {
                target.push(r);
            } else {
                others.push(r);
            }
        }
        if !is_default_target {
            if let Some(t) = record.target.as_deref() {
                target = match self.lexicon.lookup(t) {
                    Some(idx) if self.use_lexicon => mentions
                        .iter()
                        .filter(|m| m.actor == idx)
                        .map(|m| m.start..m.end)
                        .collect(),
                    _ => find_all_ci(text, t),
                };
                others.retain(|o| !target.iter().any(|t| t.start < o.end && o.start < t.end));
            }
        }
        let mut roles = Roles {
            actor,
            others,
            target,
        };
        if self.mark_names {
            add_names(text, &mut roles);
        }
        (
            Example {
                text: text.clone(),
                roles,
                target: record.target.clone(),
                prior: actor_idx
                    .filter(|_| is_default_target)
                    .and_then(|i| {
                        let when = crate::actors::text_span(record.date.as_deref(), text);
                        self.lexicon.prior(i, &when)
                    })
                    .map(str::to_string),
            },
            found,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str, actor: &str, span: (usize, usize)) -> Roles {
        let builder = ExampleBuilder::new(ActorLexicon::builtin(), true);
        let record = Record {
            id: "r".into(),
            text: text.into(),
            actor: Some(actor.into()),
            span: Some(span),
            date: Some("2016-06-01".into()),
            ..Default::default()
        };
        builder.from_record(&record).0.roles
    }

    #[test]
    fn every_name_of_the_records_actor_is_the_actors_and_another_actor_stays_other() {
        // "Ankara" names Turkey too: the actor, as `predict` reads it, not another actor.
        let t = "Turkey said on Monday that Ankara would keep its troops in Idlib.";
        let r = roles(t, "Turkey", (0, 6));
        assert_eq!(r.actor, vec![0..6, 27..33]);
        assert!(r.others.is_empty());
        // Its twin names another state there: that one is another actor's.
        let t = "Turkey said on Monday that Moscow would keep its troops in Idlib.";
        let r = roles(t, "Turkey", (0, 6));
        assert_eq!(r.actor, vec![0..6]);
        assert_eq!(r.others, vec![27..33]);
    }
}
