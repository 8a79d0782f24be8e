//! Per-article stance: sentences -> mentions -> one decision per (sentence, actor) -> one row per
//! actor, with the sentences that decided it.
//!
//! Its length: finding the actors, the per-sentence examples and the vote per actor share the
//! article's mentions and spans.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::actors::{
    discover, read_mentions, resolve_pronouns, ActorLexicon, MentionKind, MentionMatcher, Reading,
    Role,
};
use crate::data::byte_to_char;
use crate::error::Result;
use crate::example::Example;
use crate::features::Roles;
use crate::pipeline::StanceModel;
use crate::text::split_sentences;

mod read;
pub use read::{open_articles, parse_article_line, read_articles, ArticleStream, ReadArticles};

/// An article to analyse.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// Identifier (file stem or the JSONL `id`).
    pub id: String,
    /// Full text.
    pub text: String,
    /// Publication date (YYYY-MM-DD), used to resolve titles to office holders.
    pub date: Option<String>,
}

/// A sentence that supports an actor's row.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    /// The sentence.
    pub sentence: String,
    /// Character offset of the sentence in the article (Unicode scalar values).
    pub start: usize,
    /// Character offset one past its end.
    pub end: usize,
    /// The label of this sentence for this actor.
    pub label: String,
    /// Its probability.
    pub confidence: f64,
    /// How the actor was named in it.
    pub mention: String,
    /// True when the actor was only reached through a pronoun.
    pub inferred: bool,
    /// With `--explain`: the features that pushed this sentence toward its label most, with
    /// their contribution (weight x value) to the label's score.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub because: Vec<(String, f64)>,
}

/// One sentence an actor was read in, as `predict --readings` lists them all: what a user
/// auditing a stance, or turning article-level labels into sentence-level training records
/// (`scripts/article_records.py`), needs of every sentence, not only the deciding ones.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceReading {
    /// The sentence.
    pub sentence: String,
    /// Character offset of the sentence in the article (Unicode scalar values).
    pub start: usize,
    /// Character offset one past its end.
    pub end: usize,
    /// How the actor was named in it (its first mention there).
    pub mention: String,
    /// Character span of that mention in the article, end exclusive.
    pub mention_span: (usize, usize),
    /// The text reading's label for this sentence.
    pub label: String,
    /// Its probability.
    pub confidence: f64,
    /// Named only inside another actor's reported words: such a sentence votes only when the
    /// article gives nothing else.
    pub quoted: bool,
    /// Reached only through a pronoun.
    pub inferred: bool,
    /// Whether it voted for the actor's stance.
    pub voted: bool,
}

/// Which signal decided an actor's combined stance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DecidedBy {
    /// The text reading alone gives the same label.
    Text,
    /// The known alignment moved the label away from the text reading.
    Alignment,
    /// A model that reads the alignment among its features (trained with `--prior-features`):
    /// the two cannot be told apart.
    Model,
}

impl DecidedBy {
    /// The lower-case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            DecidedBy::Text => "text",
            DecidedBy::Alignment => "alignment",
            DecidedBy::Model => "model",
        }
    }
}

/// One actor's result for one article.
#[derive(Debug, Clone, Serialize)]
pub struct ActorStance {
    /// Canonical actor name.
    pub actor: String,
    /// What the actor is (state, person, ...).
    pub kind: String,
    /// The article-level label: the text reading combined with the known alignment (see
    /// [`combine`]).
    pub stance: String,
    /// Confidence in it (mean probability over the sentences that decided it).
    pub confidence: f64,
    /// The text reading alone: what the sentences say, with the actor's identity and alignment
    /// masked.
    pub text_stance: String,
    /// Confidence in the text reading.
    pub text_confidence: f64,
    /// The actor's known alignment at the article's date (`models/ACTORS.md`), if it has one.
    pub known: Option<String>,
    /// Which signal decided `stance`.
    pub decided_by: DecidedBy,
    /// Not in the lexicon: a person the article names with an office.
    pub discovered: bool,
    /// The state or body the actor belongs to, when known.
    pub affiliation: Option<String>,
    /// Mean per-sentence probability of each label.
    pub scores: BTreeMap<String, f64>,
    /// Number of mentions (pronouns included).
    pub mentions: usize,
    /// Deciding sentences, strongest first (at most three).
    pub evidence: Vec<Evidence>,
    /// With [`ArticleOptions::readings`]: every sentence the actor was read in, in text order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<SentenceReading>,
    /// Tone of the coverage about the actor, when a sentiment model is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone: Option<String>,
    /// Confidence in the tone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone_confidence: Option<f64>,
}

/// The least probability a sentence's supports/opposes label needs to vote for its actor once a
/// known alignment is combined in (below it the sentence votes neutral): chosen on the
/// development articles with the alignment weight (docs/defaults.md, stage 9), where a single
/// weak stance sentence had decided too many neutral actors. The built-in model's weight is 0
/// since release 8, which combines nothing; the floor is for a weight a user asks for.
pub const DEFAULT_MIN_STANCE: f64 = 0.6;

/// The same floor for the text reading alone (and for actors with no known alignment, whose
/// combined stance is the text's): 0, every sentence votes its most probable label. On the
/// development articles the text reading lost 3 points at the combined reading's floor of 0.6
/// and was level from 0 to 0.45 (docs/defaults.md, stage 15): the floor guards against the
/// alignment's pull, which the text alone does not have.
pub const DEFAULT_MIN_TEXT_STANCE: f64 = 0.0;

/// Options of per-article analysis.
#[derive(Debug, Clone)]
pub struct ArticleOptions {
    /// Fold people and bodies into the state they belong to.
    pub rollup: bool,
    /// Report sources (news agencies, monitors) as actors too.
    pub include_sources: bool,
    /// Report the target itself (and its government) too.
    pub include_target: bool,
    /// Attach the top N contributing features to each evidence sentence (0: none).
    pub explain: usize,
    /// Do not combine the text reading with known alignments: `stance` is the text's.
    pub no_priors: bool,
    /// Weight of the known alignment in the combined stance; `None` takes the model's own
    /// ([`StanceModel::alignment_weight`]).
    pub alignment_weight: Option<f64>,
    /// Least probability a sentence's supports/opposes label needs, once combined with a known
    /// alignment, to count as a stance vote (below it the sentence counts as neutral); 0 lets
    /// every sentence vote its label. Defaults to [`DEFAULT_MIN_STANCE`].
    pub min_stance: f64,
    /// The same floor for the text reading, and for the combined stance of an actor with no
    /// known alignment. Defaults to [`DEFAULT_MIN_TEXT_STANCE`].
    pub min_text_stance: f64,
    /// List every sentence each actor was read in ([`ActorStance::readings`]).
    pub readings: bool,
}

impl Default for ArticleOptions {
    fn default() -> Self {
        ArticleOptions {
            rollup: false,
            include_sources: false,
            include_target: false,
            explain: 0,
            no_priors: false,
            alignment_weight: None,
            min_stance: DEFAULT_MIN_STANCE,
            min_text_stance: DEFAULT_MIN_TEXT_STANCE,
            readings: false,
        }
    }
}

/// Combines one sentence's text probabilities with the actor's known alignment: the known
/// label's log-probability gains `weight`, and the result is renormalised. This is the one place
/// where the alignment enters a decision; `weight` is chosen on the development articles
/// (`scripts/eval_articles.py --alignment-weight W`, docs/defaults.md), so the text overrules the
/// alignment whenever it is clear, and the alignment only settles what the text leaves open.
pub fn combine(labels: &[String], text: &[f64], known: Option<&str>, weight: f64) -> Vec<f64> {
    let Some(k) = known.and_then(|k| labels.iter().position(|l| l == k)) else {
        return text.to_vec();
    };
    let boost = weight.exp();
    let mut out: Vec<f64> = text
        .iter()
        .enumerate()
        .map(|(c, &p)| if c == k { p * boost } else { p })
        .collect();
    let z: f64 = out.iter().sum();
    if z > 0.0 {
        for p in &mut out {
            *p /= z;
        }
    }
    out
}

/// One (sentence, actor) decision before aggregation.
struct Decision {
    /// Named only inside another actor's reported words ("Damascus said Turkey must stop ...").
    quoted: bool,
    actor: usize,
    sentence: usize,
    /// Byte span of the actor's first mention in the sentence (how it was named there).
    mention_span: (usize, usize),
    inferred: bool,
    mentions: usize,
    /// Whether the sentence can show a side on the target: false after the target's fall when
    /// it does not name him ("Turkey will reopen its embassy in Damascus" then deals with his
    /// successors).
    takes_side: bool,
}

/// Verbs that report what their subject says: the clause after them is the speaker's.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "insisted",
    "stated",
    "declared",
    "argued",
    "claimed",
    "stressed",
    "warned",
    "urged",
    "accused",
    "demanded",
    "announced",
    "noted",
    "affirmed",
];

/// The words of one sentence with their byte offsets, and which of them open a clause of their
/// own (a contrastive conjunction after a comma or semicolon, or any word after a semicolon):
/// read once per sentence for [`quoted_by_another`].
struct SentenceWords<'t> {
    words: Vec<(usize, &'t str)>,
    boundary: Vec<bool>,
}

impl<'t> SentenceWords<'t> {
    fn new(text: &'t str, sentence: std::ops::Range<usize>) -> Self {
        let s = &text[sentence.clone()];
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(b)) => {
                    words.push((sentence.start + b, &s[b..i]));
                    start = None;
                }
                _ => {}
            }
        }
        // What stands between a word and the one before: the punctuation that decides.
        let mut prev_end = sentence.start;
        let boundary = words
            .iter()
            .map(|&(at, w)| {
                let gap = text[prev_end..at].trim_end();
                prev_end = at + w.len();
                let contrast = crate::text::CONTRAST_WORDS.contains(&w);
                (contrast && gap.ends_with([',', ';'])) || gap.ends_with(';')
            })
            .collect();
        SentenceWords { words, boundary }
    }
}

/// Whether every mention of the actor in the sentence (`used`) stands in words another actor
/// is reported to say: after a speech verb, in the same clause, whose speaker (the acting
/// mention closest before the verb, at most eight words before it, not a possessive pronoun) is
/// neither the actor nor on its side ("The Syrian Foreign Ministry said Turkey must first stop
/// ..."). The sentence then gives the speaker's view of the actor, not the actor's own act.
/// "Shoigu told the meeting that Russia would help" is Russia's own voice.
fn quoted_by_another(
    lexicon: &ActorLexicon,
    text: &str,
    sentence: &SentenceWords,
    inside: &[&crate::actors::Mention],
    used: &[&&crate::actors::Mention],
    actor: usize,
) -> bool {
    let SentenceWords { words, boundary } = sentence;
    let side = lexicon.rollup(actor);
    // "its critics said" names whose the speakers are, not the speakers.
    let possessive = |m: &crate::actors::Mention| {
        m.kind == MentionKind::Pronoun
            && ["its", "their", "his", "her"]
                .iter()
                .any(|p| text[m.start..m.end].eq_ignore_ascii_case(p))
    };
    let quoted = |m: &crate::actors::Mention| {
        let here = words.partition_point(|&(at, _)| at < m.start);
        for v in (0..here).rev() {
            if boundary[v] {
                return false;
            }
            if !SPEECH_VERBS.contains(&words[v].1) {
                continue;
            }
            let verb_at = words[v].0;
            // The speaker is in the verb's own clause: not before a boundary ("Qatar ...,
            // but its backers said").
            let from = (v.saturating_sub(8)..v)
                .rev()
                .find(|&w| boundary[w])
                .unwrap_or(v.saturating_sub(8));
            let reach = words[from].0;
            let speaker = inside
                .iter()
                .filter(|s| s.end <= verb_at && s.end > reach && !possessive(s))
                .max_by_key(|s| s.end);
            return speaker.is_some_and(|s| s.actor != actor && lexicon.rollup(s.actor) != side);
        }
        false
    };
    !used.is_empty() && used.iter().all(|m| quoted(m))
}

/// The label taken to mean "no stance" when aggregating: `neutral` if the model has it.
fn neutral_index(labels: &[String]) -> Option<usize> {
    labels
        .iter()
        .position(|l| l == "neutral" || l == "none" || l == "0")
}

/// Aggregates per-sentence probabilities into one label: non-neutral sentences vote with their
/// probability, so one clear "opposes" is not outweighed by three sentences of travel plans;
/// with no non-neutral sentence the label is neutral. A sentence whose stance label is less
/// probable than `min_stance` votes neutral instead (0: every sentence votes its label), and so
/// does, with certainty, a sentence that cannot take a side (`takes_side` false, see
/// [`ActorLexicon::names_fallen_target`]).
fn aggregate(
    labels: &[String],
    probs: &[&Vec<f64>],
    takes_side: &[bool],
    min_stance: f64,
) -> (usize, f64, Vec<f64>) {
    let k = labels.len();
    let mut mean = vec![0.0; k];
    for p in probs {
        for c in 0..k {
            mean[c] += p[c] / probs.len() as f64;
        }
    }
    let neutral = neutral_index(labels);
    let mut votes = vec![0.0; k];
    let mut count = vec![0usize; k];
    for (p, &side) in probs.iter().zip(takes_side) {
        let mut best = crate::model::argmax(p);
        if let Some(n) = neutral.filter(|&n| n != best && (p[best] < min_stance || !side)) {
            best = n;
        }
        votes[best] += if side { p[best] } else { 1.0 };
        count[best] += 1;
    }
    let decided = (0..k)
        .filter(|&c| Some(c) != neutral && count[c] > 0)
        .max_by(|&a, &b| votes[a].total_cmp(&votes[b]).then(b.cmp(&a)));
    let label = decided
        .or(neutral)
        .unwrap_or_else(|| crate::model::argmax(&mean));
    let confidence = if count[label] > 0 {
        votes[label] / count[label] as f64
    } else {
        mean[label]
    };
    (label, confidence, mean)
}

/// Mentions with the discovered people's and bodies' in place of the lexicon mentions their
/// names overlap ("Wang" of Wang Yi inside "Wang Min"); `base` is the lexicon index of the first discovered.
pub fn with_discovered_mentions(
    named: Vec<crate::actors::Mention>,
    discovered: &[crate::actors::Discovered],
    base: usize,
) -> Vec<crate::actors::Mention> {
    let overlaps = |m: &crate::actors::Mention| {
        let in_name = discovered
            .iter()
            .flat_map(|d| &d.spans)
            .any(|&(s, e)| m.start < e && s < m.end);
        // "Joel Rayburn, the special envoy for Syria": the title is Rayburn's, not the UN
        // envoy's; "spokesman for President Erdogan": Erdogan does not speak here.
        let in_title = discovered.iter().any(|d| {
            let (s, e) = d.title;
            m.start >= s && m.end <= e && matches!(m.kind, MentionKind::Title | MentionKind::Name)
        });
        in_name || in_title
    };
    let mut out: Vec<crate::actors::Mention> = named.into_iter().filter(|m| !overlaps(m)).collect();
    for (k, d) in discovered.iter().enumerate() {
        for &(start, end) in &d.spans {
            out.push(crate::actors::Mention {
                actor: base + k,
                start,
                end,
                kind: MentionKind::Name,
            });
        }
    }
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    out
}

/// The actors an article's reading is built on (see [`find_actors`]).
pub struct ArticleActors<'a> {
    /// The lexicon, with the people and bodies discovered in this article added when there are
    /// any.
    pub lexicon: std::borrow::Cow<'a, ActorLexicon>,
    /// The actors named at least once in an agentive reading.
    pub agents: std::collections::BTreeSet<usize>,
    /// Mentions in an agentive reading or common nouns ("the rebels"), and the pronouns that
    /// stand for them.
    pub mentions: Vec<crate::actors::Mention>,
    /// Every name the lexicon (and discovery) found, whatever its reading, sorted by start:
    /// what the features mask as another actor or the target, as training masks every mention
    /// ("sanctions on Damascus" reads `__target__` though Damascus is no actor there).
    pub named: Vec<crate::actors::Mention>,
}

/// Finds an article's actors as [`analyze`] reads them: the lexicon's mentions, the people
/// discovered through their office and the bodies named in full; mentions that only name a place, a venue, a descriptor or a
/// credit ("in Lebanon", "the Iran nuclear deal") do not make an actor of the article, nor stand
/// behind a pronoun. The report highlights exactly these.
pub fn find_actors<'a>(
    lexicon: &'a ActorLexicon,
    matcher: &MentionMatcher,
    text: &str,
    date: Option<&str>,
) -> ArticleActors<'a> {
    let named = matcher.find(lexicon, text, date);
    // People named with an office and bodies named in full, not in the lexicon, join it for
    // this article.
    let discovered = discover(lexicon, text, &named);
    let (lexicon, named) = if discovered.is_empty() {
        (std::borrow::Cow::Borrowed(lexicon), named)
    } else {
        let (lex, base) = lexicon.with_discovered(&discovered);
        (
            std::borrow::Cow::Owned(lex),
            with_discovered_mentions(named, &discovered, base),
        )
    };
    let readings: Vec<bool> = read_mentions(&lexicon, text, &named)
        .into_iter()
        .map(Reading::is_agent)
        .collect();
    let agents = named
        .iter()
        .zip(&readings)
        .filter(|(_, &agent)| agent)
        .map(|(m, _)| m.actor)
        .collect();
    let acting: Vec<crate::actors::Mention> = named
        .iter()
        .zip(&readings)
        .filter(|(m, &agent)| agent || m.kind == MentionKind::Common)
        .map(|(m, _)| m.clone())
        .collect();
    let mentions = resolve_pronouns(&lexicon, text, &acting);
    let mut named = named;
    named.sort_by_key(|m| (m.start, m.end));
    ArticleActors {
        lexicon,
        agents,
        mentions,
        named,
    }
}

/// Verbs by which an outlet passes its own verdict, not relays a report.
const OWN_VOICE: &[&str] = &[
    "praised",
    "hailed",
    "lauded",
    "celebrated",
    "called",
    "described",
    "denounced",
    "condemned",
    "accused",
    "blamed",
    "dismissed",
    "branded",
    "mocked",
    "derided",
    "attacked",
    "slammed",
    "showed",
];

/// Analyses one article with a stance model and, optionally, a sentiment model.
pub fn analyze(
    article: &Article,
    model: &StanceModel,
    sentiment: Option<&StanceModel>,
    lexicon: &ActorLexicon,
    matcher: &MentionMatcher,
    options: &ArticleOptions,
) -> Result<Vec<ActorStance>> {
    let text = &article.text;
    let sentences = split_sentences(text);
    let ArticleActors {
        lexicon,
        agents,
        mut mentions,
        named,
    } = find_actors(lexicon, matcher, text, article.date.as_deref());
    let lexicon: &ActorLexicon = &lexicon;
    let when = crate::actors::text_span(article.date.as_deref(), text);
    let fallen = lexicon.after_target_fell(&when);
    // One lookup per actor and article (it follows affiliations by name), not per sentence.
    let mut known: BTreeMap<usize, Option<String>> = BTreeMap::new();
    // A model trained with the alignment among its features reads it itself; a text model
    // (the default) never sees it, and it is combined after (see `combine`).
    let in_features = model.options.extract.priors;
    // Sorted by start, each sentence finds its mentions by binary search: the work per article
    // stays linear in its length however many sentences it has.
    mentions.sort_by_key(|m| (m.start, m.end));
    // An outlet that passes a verdict in its own voice ("state television praised the army")
    // holds a stance (GUIDELINES, release 9, decision 9); one that only relays a report ("SANA
    // said", "told Reuters") does not, and stays a source unless `include_sources` is set.
    let voices: std::collections::BTreeSet<usize> = mentions
        .iter()
        .filter(|m| lexicon.actors[m.actor].role == Role::Source && agents.contains(&m.actor))
        .filter(|m| {
            // The verb right after the name, with nothing but a space between: "carried by
            // SANA, called the raid ..." is the ministry's verb, not the outlet's.
            text[m.end..].starts_with(' ')
                && crate::actors::next_word(text, m.end).is_some_and(|w| OWN_VOICE.contains(&w))
        })
        .map(|m| m.actor)
        .collect();
    let keep = |idx: usize| {
        agents.contains(&idx)
            && match lexicon.actors[idx].role {
                Role::Actor | Role::Ally => true,
                Role::Source => options.include_sources || voices.contains(&idx),
                Role::Target => options.include_target,
            }
    };
    let canon = |idx: usize| {
        if options.rollup {
            lexicon.rollup(idx)
        } else {
            idx
        }
    };
    let mut examples = Vec::new();
    let mut decisions = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        // Once per sentence, not per actor in it: whether it can show a side on the target.
        let takes_side = !fallen || lexicon.names_fallen_target(s.as_str(text));
        let first = mentions.partition_point(|m| m.start < s.start);
        // Every name in the sentence, whatever its reading: what the features mask.
        let first_named = named.partition_point(|m| m.start < s.start);
        let named_inside: Vec<_> = named[first_named..]
            .iter()
            .take_while(|m| m.start < s.end)
            .filter(|m| m.end <= s.end)
            .collect();
        let inside: Vec<_> = mentions[first..]
            .iter()
            .take_while(|m| m.start < s.end)
            .filter(|m| m.end <= s.end)
            .collect();
        let mut actors: Vec<usize> = inside
            .iter()
            .filter(|m| keep(m.actor))
            .map(|m| canon(m.actor))
            .collect();
        actors.sort_unstable();
        actors.dedup();
        // Only a sentence that names two actors or more can quote one by another.
        let words = (actors.len() > 1 || inside.iter().any(|m| !keep(m.actor)))
            .then(|| SentenceWords::new(text, s.start..s.end));
        for a in actors {
            let own: Vec<_> = inside.iter().filter(|m| canon(m.actor) == a).collect();
            // A pronoun only stands in when the sentence does not name the actor.
            let named_here: Vec<_> = own
                .iter()
                .filter(|m| m.kind != MentionKind::Pronoun)
                .copied()
                .collect();
            let used: Vec<_> = if named_here.is_empty() {
                own.clone()
            } else {
                named_here
            };
            let rel = |m: &crate::actors::Mention| (m.start - s.start)..(m.end - s.start);
            let mut roles = Roles {
                actor: used.iter().map(|m| rel(m)).collect(),
                ..Default::default()
            };
            // Mentions overlapping the actor's own ("Turkish" in "Turkish-backed factions") are
            // not someone else's, as when training examples are built.
            // `used` is sorted by start: with the running maximum of its ends, whether a mention
            // overlaps one of them is a binary search, not a scan per mention.
            let mut reach = 0;
            let used_reach: Vec<usize> = used
                .iter()
                .map(|u| {
                    reach = reach.max(u.end);
                    reach
                })
                .collect();
            let overlaps_own = |m: &crate::actors::Mention| {
                let i = used.partition_point(|u| u.start < m.end);
                i > 0 && used_reach[i - 1] > m.start
            };
            // Every other name in the sentence is masked, whatever its reading, as training
            // masks them (`ExampleBuilder::from_record`): a name that is no actor here still
            // tells what an act applies to ("sanctions on Damascus" is `__target__`, "on the
            // Islamic State" `__other__`). The actor's own names outside `used` ("on Turkey's
            // border") are the actor's, as every name of a training record's actor is.
            for m in named_inside.iter().filter(|m| {
                m.kind != MentionKind::Pronoun && m.kind != MentionKind::Common && !overlaps_own(m)
            }) {
                if canon(m.actor) == a {
                    roles.actor.push(rel(m));
                } else if lexicon.actors[m.actor].role.is_target_side() {
                    roles.target.push(rel(m));
                } else {
                    roles.others.push(rel(m));
                }
            }
            roles.actor.sort_by_key(|r| (r.start, r.end));
            let quoted = words
                .as_ref()
                .is_some_and(|w| quoted_by_another(lexicon, text, w, &inside, &used, a));
            decisions.push(Decision {
                quoted,
                actor: a,
                sentence: si,
                mention_span: (used[0].start, used[0].end),
                inferred: used.iter().all(|m| m.kind == MentionKind::Pronoun),
                mentions: own.len(),
                takes_side,
            });
            let sentence = s.as_str(text);
            if model.options.mark_names {
                crate::example::add_names(sentence, &mut roles);
            }
            let prior = known
                .entry(a)
                .or_insert_with(|| lexicon.prior(a, &when).map(str::to_string))
                .clone();
            examples.push(Example {
                text: sentence.to_string(),
                roles,
                target: None,
                prior: prior.filter(|_| in_features),
            });
        }
    }
    if examples.is_empty() {
        return Ok(Vec::new());
    }
    let text_preds = model.predict(&examples)?;
    let weight = options.alignment_weight.unwrap_or(model.alignment_weight);
    // A weight of 0 combines nothing: the stance is the text's, read with the text's floor.
    let combining = !in_features && !options.no_priors && weight > 0.0;
    let preds: Vec<crate::pipeline::Prediction> = text_preds
        .iter()
        .zip(&decisions)
        .map(|(p, d)| {
            let k = known.get(&d.actor).and_then(|k| k.as_deref());
            if !combining || k.is_none() {
                return p.clone();
            }
            let scores = combine(&model.labels, &p.scores, k, weight);
            crate::pipeline::Prediction {
                label: crate::model::argmax(&scores),
                scores,
            }
        })
        .collect();
    let tones = match sentiment {
        Some(m) => Some((m, m.predict(&examples)?)),
        None => None,
    };
    let mut by_actor: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, d) in decisions.iter().enumerate() {
        by_actor.entry(d.actor).or_default().push(i);
    }
    let mut rows = Vec::new();
    for (actor, all) in by_actor {
        // What another actor is reported to say about this one is its view, not this actor's
        // act: it votes only when the article gives nothing else ("Turkey said its troops
        // would stay. The Syrian Foreign Ministry said the army would confront Turkish
        // aggression." reads Turkey from the first sentence).
        let idx: Vec<usize> = if all.iter().any(|&i| !decisions[i].quoted) {
            all.iter()
                .copied()
                .filter(|&i| !decisions[i].quoted)
                .collect()
        } else {
            all.clone()
        };
        let probs: Vec<&Vec<f64>> = idx.iter().map(|&i| &preds[i].scores).collect();
        let sides: Vec<bool> = idx.iter().map(|&i| decisions[i].takes_side).collect();
        let known_here = known.get(&actor).cloned().flatten();
        // The combined reading's floor holds back the alignment's pull on weak sentences; where
        // no alignment was combined in, the stance is the text's, read as the text is.
        let floor = if combining && known_here.is_some() {
            options.min_stance
        } else {
            options.min_text_stance
        };
        let (label, confidence, mean) = aggregate(&model.labels, &probs, &sides, floor);
        let text_probs: Vec<&Vec<f64>> = idx.iter().map(|&i| &text_preds[i].scores).collect();
        let (text_label, text_confidence, _) =
            aggregate(&model.labels, &text_probs, &sides, options.min_text_stance);
        let decided_by = if in_features && known_here.is_some() {
            DecidedBy::Model
        } else if label == text_label {
            DecidedBy::Text
        } else {
            DecidedBy::Alignment
        };
        let mut ev: Vec<&usize> = idx.iter().collect();
        ev.sort_by(|&&a, &&b| {
            preds[b].scores[label]
                .total_cmp(&preds[a].scores[label])
                .then(a.cmp(&b))
        });
        let evidence = ev
            .into_iter()
            .filter(|&&i| preds[i].label == label || neutral_index(&model.labels) == Some(label))
            .take(3)
            .map(|&i| {
                let d = &decisions[i];
                let s = sentences[d.sentence];
                Evidence {
                    sentence: s.as_str(text).to_string(),
                    start: byte_to_char(text, s.start),
                    end: byte_to_char(text, s.end),
                    label: model.labels[preds[i].label].clone(),
                    confidence: preds[i].scores[preds[i].label],
                    mention: text[d.mention_span.0..d.mention_span.1].to_string(),
                    inferred: d.inferred,
                    because: if options.explain > 0 {
                        model.contributions(&examples[i], preds[i].label, options.explain)
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        let (tone, tone_confidence) = match &tones {
            Some((m, tp)) => {
                let p: Vec<&Vec<f64>> = idx.iter().map(|&i| &tp[i].scores).collect();
                // Tone is not a side: every sentence keeps its own.
                let all = vec![true; p.len()];
                let (l, c, _) = aggregate(&m.labels, &p, &all, options.min_stance);
                (Some(m.labels[l].clone()), Some(c))
            }
            None => (None, None),
        };
        let readings = if options.readings {
            all.iter()
                .map(|&i| {
                    let d = &decisions[i];
                    let s = sentences[d.sentence];
                    let p = &text_preds[i];
                    SentenceReading {
                        sentence: s.as_str(text).to_string(),
                        start: byte_to_char(text, s.start),
                        end: byte_to_char(text, s.end),
                        mention: text[d.mention_span.0..d.mention_span.1].to_string(),
                        mention_span: (
                            byte_to_char(text, d.mention_span.0),
                            byte_to_char(text, d.mention_span.1),
                        ),
                        label: model.labels[p.label].clone(),
                        confidence: p.scores[p.label],
                        quoted: d.quoted,
                        inferred: d.inferred,
                        voted: idx.contains(&i),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let a = &lexicon.actors[actor];
        rows.push(ActorStance {
            actor: a.name.clone(),
            kind: serde_json::to_value(a.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            stance: model.labels[label].clone(),
            confidence,
            text_stance: model.labels[text_label].clone(),
            text_confidence,
            known: known_here,
            decided_by,
            discovered: a.discovered,
            affiliation: a.affiliation.clone(),
            scores: model.labels.iter().cloned().zip(mean).collect(),
            mentions: all.iter().map(|&i| decisions[i].mentions).sum(),
            evidence,
            readings,
            tone,
            tone_confidence,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `actor`'s mentions in the one-sentence `text` are all another actor's words.
    fn quoted(text: &str, actor: &str) -> bool {
        let lexicon = ActorLexicon::builtin();
        let matcher = MentionMatcher::new(&lexicon);
        let found = find_actors(&lexicon, &matcher, text, Some("2016-06-01"));
        let a = found.lexicon.find(actor).expect("in the lexicon");
        let mut mentions = found.mentions.clone();
        mentions.sort_by_key(|m| (m.start, m.end));
        let inside: Vec<_> = mentions.iter().collect();
        let used: Vec<_> = inside.iter().filter(|m| m.actor == a).collect();
        assert!(!used.is_empty(), "{actor} not found in {text}");
        let words = SentenceWords::new(text, 0..text.len());
        quoted_by_another(&found.lexicon, text, &words, &inside, &used, a)
    }

    #[test]
    fn an_actor_named_in_another_sides_words_is_quoted() {
        let t = "The Syrian Foreign Ministry said Turkey must first stop supporting terrorists.";
        assert!(quoted(t, "Turkey"));
        // The same words with Turkey speaking, or said by its own side, are its own.
        let t = "Turkey said the Syrian Foreign Ministry must first stop supporting terrorists.";
        assert!(!quoted(t, "Turkey"));
        let t = "Erdogan said Turkey would reopen its embassy in Damascus.";
        assert!(!quoted(t, "Turkey"));
        // A new clause has its own subject: the first speaker does not report it.
        let t = "Lavrov said the talks had failed, while Turkey said it would stay.";
        assert!(!quoted(t, "Turkey"));
        let t = "Lavrov said the talks had failed and Turkey would stay.";
        assert!(quoted(t, "Turkey"));
        // The speaker is the verb's subject in its clause: not a name before a boundary, nor a
        // possessive ("its critics" are not Qatar).
        let t = "The plan, drafted by Qatar, is modest, but its critics said Turkey drove it.";
        assert!(!quoted(t, "Turkey"));
    }

    #[test]
    fn the_alignment_adds_its_weight_to_one_label_and_nothing_else() {
        let labels: Vec<String> = ["neutral", "opposes", "supports"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let text = [0.5, 0.3, 0.2];
        // e^w = 2: supports 0.2 -> 0.4, then divided by 1.2.
        let c = combine(&labels, &text, Some("supports"), 2f64.ln());
        for (got, want) in c.iter().zip([0.5 / 1.2, 0.3 / 1.2, 0.4 / 1.2]) {
            assert!((got - want).abs() < 1e-12, "{c:?}");
        }
        assert_eq!(combine(&labels, &text, None, 5.0), text);
        assert_eq!(combine(&labels, &text, Some("supports"), 0.0), text);
        assert_eq!(combine(&labels, &text, Some("unheard-of"), 5.0), text);
    }

    #[test]
    fn one_clear_stance_outweighs_neutral_sentences() {
        let labels: Vec<String> = ["neutral", "opposes", "supports"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let a = vec![0.8, 0.1, 0.1];
        let b = vec![0.7, 0.2, 0.1];
        let c = vec![0.1, 0.85, 0.05];
        let (l, conf, mean) = aggregate(&labels, &[&a, &b, &c], &[true; 3], 0.0);
        assert_eq!(labels[l], "opposes");
        assert!((conf - 0.85).abs() < 1e-12);
        assert!((mean[0] - 1.6 / 3.0).abs() < 1e-12);
        let (l, _, _) = aggregate(&labels, &[&a, &b], &[true; 2], 0.0);
        assert_eq!(labels[l], "neutral");
        // A weak stance sentence votes neutral when a floor is set.
        let weak = vec![0.3, 0.55, 0.15];
        let both = [true; 2];
        assert_eq!(
            labels[aggregate(&labels, &[&a, &weak], &both, 0.0).0],
            "opposes"
        );
        assert_eq!(
            labels[aggregate(&labels, &[&a, &weak], &both, 0.6).0],
            "neutral"
        );
        // A sentence that cannot take a side votes neutral, however clear its reading.
        let (l, conf, _) = aggregate(&labels, &[&c], &[false], 0.0);
        assert_eq!(labels[l], "neutral");
        assert_eq!(conf, 1.0);
        assert_eq!(
            labels[aggregate(&labels, &[&a, &c], &[true, false], 0.0).0],
            "neutral"
        );
        assert_eq!(
            labels[aggregate(&labels, &[&a, &c], &[false, true], 0.0).0],
            "opposes"
        );
    }
}
