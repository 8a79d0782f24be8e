//! Turns one analysed example into feature strings, seen from the actor's seat.
//!
//! The same sentence must yield different vectors for different actors ("Putin warned against
//! arming the rebels, while Obama said Assad must go"). So the actor's mention becomes `__actor__`,
//! other actors become `__other__`, the stance target becomes `__target__`, and the words around
//! the actor (a window each side, and its clause) are emitted again as position-marked features.
//!
//! Its length: the feature prefixes are one stage whose parts share the units and roles; a fifth
//! is tests.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::text::{is_clause_boundary, Token, TokenKind};

/// Where feature strings go: collected as strings (fitting), or looked up in a vocabulary
/// without allocating one string per feature (prediction, see [`IdSink`]).
///
/// A sink provides a buffer and reads it: `emit` and `emit_prefixed` format each feature into
/// [`buffer`](Self::buffer) and call [`take`](Self::take), so the sinks that reuse one buffer
/// share the formatting.
pub trait FeatureSink {
    /// The string the next feature is written into (cleared by the caller).
    fn buffer(&mut self) -> &mut String;

    /// Receives the feature just written into [`buffer`](Self::buffer).
    fn take(&mut self);

    /// Receives one feature, formatted lazily.
    fn emit(&mut self, feature: std::fmt::Arguments<'_>) {
        use std::fmt::Write;
        let buffer = self.buffer();
        buffer.clear();
        let _ = buffer.write_fmt(feature);
        self.take();
    }

    /// Receives one feature made of a prefix and a body (the hot path: no formatting machinery).
    fn emit_prefixed(&mut self, prefix: &str, body: &str) {
        let buffer = self.buffer();
        buffer.clear();
        buffer.push_str(prefix);
        buffer.push_str(body);
        self.take();
    }

    /// Receives the character n-grams (`lo..=hi`) of one word, as [`emit_prefixed`](Self::emit_prefixed) calls
    /// the crate's own character n-gram order: a sink may answer a word it has seen from a cache (they are
    /// most of the features, and the same few thousand words come back in every sentence).
    fn char_ngrams(&mut self, word: &str, lo: usize, hi: usize) {
        char_ngrams(word, lo, hi, self);
    }
}

/// Keeps every feature as its own string: each one is written straight into a new element.
impl FeatureSink for Vec<String> {
    fn buffer(&mut self) -> &mut String {
        self.push(String::new());
        self.last_mut().expect("just pushed")
    }

    fn take(&mut self) {}
}

/// Formats each feature into one reused buffer and keeps the vocabulary ids of known ones.
///
/// Features are looked up in batches of [`IdSink::BATCH`]: each one's hash is made and its
/// bucket of the index asked for as it comes, and the batch is looked up when full. A lookup
/// is mostly a wait for memory (the index is tens of megabytes); one by one those waits came
/// one after another, in a batch they overlap. Known words' n-gram ids (from the model) wait
/// in the batch too, for the same reason. The ids are the same, in the same order.
pub struct IdSink<'a> {
    vectorizer: &'a super::Vectorizer,
    buffer: String,
    cache: Option<&'a mut NgramCache>,
    /// A word lower-cased, the key of its n-grams in the cache.
    lower: String,
    /// Ids of the features seen, in emission order (repeats kept: they are term counts).
    ids: Vec<u32>,
    /// The features waiting for their lookup, one after another.
    pending: String,
    /// What waits, in emission order: features and known words' n-gram ids.
    waiting: Vec<Waiting<'a>>,
}

/// One entry of an [`IdSink`]'s batch.
#[derive(Clone, Copy)]
enum Waiting<'a> {
    /// A feature to look up: where it ends in `pending`, and its hash.
    Feature { end: usize, hash: u64 },
    /// A known word's n-gram ids, from the model (see `IdSink::char_ngrams`).
    Known(&'a [u32]),
}

impl<'a> IdSink<'a> {
    /// Features looked up together: enough for their cache misses to overlap, few enough for
    /// the lines asked for to still be in the cache when the batch is looked up.
    const BATCH: usize = 16;

    /// A sink over a fitted vectorizer's vocabulary.
    pub fn new(vectorizer: &'a super::Vectorizer) -> Self {
        IdSink {
            vectorizer,
            buffer: String::with_capacity(64),
            cache: None,
            lower: String::new(),
            ids: Vec::with_capacity(512),
            pending: String::with_capacity(64 * Self::BATCH),
            waiting: Vec::with_capacity(Self::BATCH),
        }
    }

    /// A sink that answers the character n-grams of words it has seen from `cache` (which must
    /// only ever be used with this `vectorizer`). The ids are the same as without it, in the
    /// same order.
    pub fn with_cache(vectorizer: &'a super::Vectorizer, cache: &'a mut NgramCache) -> Self {
        IdSink {
            cache: Some(cache),
            ..IdSink::new(vectorizer)
        }
    }

    /// The ids of the features seen, in emission order (repeats kept: they are term counts).
    pub fn into_ids(mut self) -> Vec<u32> {
        self.flush();
        self.ids
    }

    /// Looks up the waiting features, in order.
    fn flush(&mut self) {
        // Their buckets were asked for as they came; now the text of the long ones, so that
        // those misses overlap too.
        let mut start = 0;
        for w in &self.waiting {
            if let Waiting::Feature { end, hash } = *w {
                self.vectorizer
                    .prefetch_feature_text(&self.pending[start..end], hash);
                start = end;
            }
        }
        let mut start = 0;
        for w in &self.waiting {
            match *w {
                Waiting::Feature { end, hash } => {
                    let feature = &self.pending[start..end];
                    if let Some(id) = self.vectorizer.index_of_hashed(feature, hash) {
                        self.ids.push(id);
                    }
                    start = end;
                }
                Waiting::Known(ids) => self.ids.extend_from_slice(ids),
            }
        }
        self.waiting.clear();
        self.pending.clear();
    }
}

impl<'a> FeatureSink for IdSink<'a> {
    fn buffer(&mut self) -> &mut String {
        &mut self.buffer
    }

    fn take(&mut self) {
        let hash = super::vocabulary::FeatureIndex::hash(&self.buffer);
        self.vectorizer.prefetch_feature(&self.buffer, hash);
        self.pending.push_str(&self.buffer);
        self.waiting.push(Waiting::Feature {
            end: self.pending.len(),
            hash,
        });
        if self.waiting.len() == Self::BATCH {
            self.flush();
        }
    }

    fn char_ngrams(&mut self, word: &str, lo: usize, hi: usize) {
        // The n-grams are of the lower-cased word, so "Rebels" at the start of a sentence is
        // answered by "rebels" (13 % of the distinct words of a generated news test set, 21 % of a review one).
        let mut lower = std::mem::take(&mut self.lower);
        let key = if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            lower.as_str()
        } else {
            word
        };
        // A training word's ids come with the model (format 5): one lookup in a small table,
        // from the first sentence of the process on. They join the batch, their first and last
        // cache lines asked for now: copied at once, they were a cache miss each, one word after
        // another.
        let vectorizer: &'a super::Vectorizer = self.vectorizer;
        if let Some(ids) = vectorizer.known_ngrams(key, (lo, hi)) {
            if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
                super::vocabulary::prefetch(first);
                super::vocabulary::prefetch(last);
            }
            self.waiting.push(Waiting::Known(ids));
            if self.waiting.len() == Self::BATCH {
                self.flush();
            }
            self.lower = lower;
            return;
        }
        // Taken out while the n-grams of a new word go through `self`, put back after.
        let Some(cache) = self.cache.take() else {
            char_ngrams(word, lo, hi, self);
            self.lower = lower;
            return;
        };
        // The ids so far come first, as if each feature had been looked up as it came: the
        // cache records this word's ids from where they start.
        self.flush();
        if cache.range != (lo, hi) || cache.words.len() >= NgramCache::MAX_WORDS {
            cache.words.clear();
            cache.ids.clear();
            cache.range = (lo, hi);
        }
        match cache.words.get(key) {
            Some(&(start, end)) => self
                .ids
                .extend_from_slice(&cache.ids[start as usize..end as usize]),
            None => {
                let before = self.ids.len();
                let shared = cache.shared.clone();
                let known = shared
                    .as_ref()
                    .is_some_and(|s| s.get(key, (lo, hi), &mut self.ids));
                if !known {
                    char_ngrams(word, lo, hi, self);
                    // The cache keeps this word's ids: all of them looked up.
                    self.flush();
                    if let Some(s) = &shared {
                        s.insert(key, (lo, hi), &self.ids[before..]);
                    }
                }
                let start = cache.ids.len() as u32;
                cache.ids.extend_from_slice(&self.ids[before..]);
                cache
                    .words
                    .insert(key.into(), (start, cache.ids.len() as u32));
            }
        }
        self.lower = lower;
        self.cache = Some(cache);
    }
}

/// The character n-gram ids of words, shared by all the workers of one model behind their own
/// [`NgramCache`]s: a word one worker has looked up is not looked up again by another. Split in
/// shards, each behind its own lock, so workers rarely wait for each other; bounded in words
/// like [`NgramCache`] (a full cache keeps what it has and takes no more).
#[derive(Debug, Default)]
pub struct SharedNgrams {
    shards: [std::sync::RwLock<SharedShard>; SharedNgrams::SHARDS],
}

/// One shard: words, their id ranges in `ids`, and the n-gram range the ids are for.
#[derive(Debug, Default)]
struct SharedShard {
    words: rustc_hash::FxHashMap<Box<str>, (u32, u32)>,
    ids: Vec<u32>,
    range: (usize, usize),
}

impl SharedNgrams {
    const SHARDS: usize = 16;

    fn shard(&self, word: &str) -> &std::sync::RwLock<SharedShard> {
        use std::hash::BuildHasher;
        let h = rustc_hash::FxBuildHasher.hash_one(word);
        &self.shards[(h >> 60) as usize % Self::SHARDS]
    }

    /// Appends the ids of `word`'s n-grams in `range` to `out`; false when it is not known.
    fn get(&self, word: &str, range: (usize, usize), out: &mut Vec<u32>) -> bool {
        // A poisoned lock only means a worker panicked mid-insert; the map is still valid.
        let shard = self.shard(word).read().unwrap_or_else(|e| e.into_inner());
        if shard.range != range {
            return false;
        }
        match shard.words.get(word) {
            Some(&(start, end)) => {
                out.extend_from_slice(&shard.ids[start as usize..end as usize]);
                true
            }
            None => false,
        }
    }

    fn insert(&self, word: &str, range: (usize, usize), ids: &[u32]) {
        let mut shard = self.shard(word).write().unwrap_or_else(|e| e.into_inner());
        if shard.range != range {
            if !shard.words.is_empty() {
                return;
            }
            shard.range = range;
        }
        if shard.words.len() >= NgramCache::MAX_WORDS / Self::SHARDS
            || shard.words.contains_key(word)
        {
            return;
        }
        let start = shard.ids.len() as u32;
        shard.ids.extend_from_slice(ids);
        let end = shard.ids.len() as u32;
        shard.words.insert(word.into(), (start, end));
    }
}

/// The vocabulary ids of the character n-grams of the words a worker has seen, for one model.
///
/// Character n-grams are most of a sentence's features (a dozen per word), and each one is a
/// string hashed and compared in a vocabulary of millions: looked up one by one they were over
/// half of `classify`'s time. The same few thousand words come back in every sentence, so each
/// word is looked up once. The cache is bounded ([`NgramCache::MAX_WORDS`]) so memory stays flat
/// on any input.
#[derive(Debug, Default)]
pub struct NgramCache {
    words: rustc_hash::FxHashMap<Box<str>, (u32, u32)>,
    ids: Vec<u32>,
    range: (usize, usize),
    /// The model's cache shared by all its workers, asked before a word is looked up.
    shared: Option<std::sync::Arc<SharedNgrams>>,
}

impl NgramCache {
    /// A worker's cache behind `shared`, the cache of all the workers of the same model.
    pub fn with_shared(shared: std::sync::Arc<SharedNgrams>) -> Self {
        NgramCache {
            shared: Some(shared),
            ..NgramCache::default()
        }
    }
}

impl NgramCache {
    /// Words kept before the cache starts over (a few MB).
    pub const MAX_WORDS: usize = 1 << 16;
}

/// Which block of the feature vector a feature belongs to; each block is L2-normalised on its own,
/// as scikit-learn's `FeatureUnion` of vectorizers would.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum Block {
    /// Word n-grams over the whole text.
    Word = 0,
    /// Character n-grams inside word boundaries.
    Char = 1,
    /// Actor-relative context: window and clause features.
    Context = 2,
    /// Stance cues (`q:`): few features, normalised apart so the context block does not drown them.
    Cue = 3,
}

impl Block {
    /// The block of a feature string, read from its prefix.
    pub fn of(feature: &str) -> Block {
        match feature.as_bytes().first() {
            Some(b'c') => Block::Char,
            Some(b'q') => Block::Cue,
            Some(b'w') | Some(b't') => Block::Word,
            _ => Block::Context,
        }
    }
}

/// The options of feature extraction; stored in the model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractOptions {
    /// Word n-gram range, inclusive; defaults to (1, 2).
    pub word_ngrams: (usize, usize),
    /// Character n-gram range inside word boundaries, inclusive; `None` turns them off; defaults
    /// to (2, 5).
    pub char_ngrams: Option<(usize, usize)>,
    /// Words each side of the actor's mention emitted as context features; 0 turns the context
    /// block off; defaults to 4.
    pub actor_window: usize,
    /// Emit the words of the actor's clause as context features; defaults to true.
    pub clause_features: bool,
    /// Emit actor-agnostic stance cue features (`q:`, see the `cues` module); defaults to true.
    #[serde(default = "yes")]
    pub cue_features: bool,
    /// Emit word valence features (`qv:`, VADER lexicon) for the text and the actor's
    /// surroundings; defaults to true.
    #[serde(default = "yes")]
    pub valence_features: bool,
    /// Emit the actor's known alignment from the lexicon (`qp:`), alone and joined with the cue
    /// polarity; defaults to true (training turns it off unless the labels include supports and
    /// opposes).
    #[serde(default)]
    pub priors: bool,
    /// Conjoin word features with the record's target (set at fit time when the training data
    /// has more than one target).
    pub conjoin_target: bool,
    /// Keep the words of the sentence's other segments ("..., while Obama said Assad must go")
    /// apart from the actor's own (`x:`); defaults to true. Model files written before it existed
    /// read as false, so they featurize as they were trained.
    #[serde(default)]
    pub segments: bool,
    /// Emit `q:none` when the actor's clause holds no cue; defaults to false (it fired in most
    /// neutral sentences and over half of stance-bearing ones). Older model files read as true.
    #[serde(default = "yes")]
    pub cue_none: bool,
    /// Version of the cue reading (the `cues` module), 1 by
    /// default. Reader 2 reads more precisely (on the Syria training split its sign is right 57 % of
    /// the times it fires, against 49 %) but did not raise grouped cross-validation
    /// (docs/defaults.md), so it is opt-in. Model files written before it read as 1.
    #[serde(default = "first_cue_reader")]
    pub cue_reader: u8,
    /// Emit the words of the actor's own mention (`m:`) and its shape (`ms:`: a pronoun, a name,
    /// lower-case words; how many): the mention is otherwise masked, and "Monday", "the poll"
    /// or "he" say much about the sentiment a sentence holds toward them. Defaults to true;
    /// training turns it off on data labelled with the lexicon's stances, where the actor's
    /// identity is its known alignment, which `predict` combines apart. Model files written before
    /// it existed read as false.
    #[serde(default)]
    pub mention_words: bool,
    /// Emit where the actor's mention sits (`p:`: its quarter of the sentence, first word or not,
    /// words before and after it in its clause, inside a quotation or not) and its nearest words
    /// (`n2:`, two each side; `lb:`, the two words before it as a pair). Of two mentions in one
    /// sentence the subject of the clause and the object of its verb often carry opposite
    /// sentiment ("Trump was right to fire Yates"), and these tell them apart where the
    /// sentence's words cannot. Defaults to true; training turns it off where it turns off
    /// [`mention_words`](Self::mention_words). Model files written before it existed read as
    /// false (format 4 added it).
    #[serde(
        default,
        skip_serializing_if = "crate::model::file::omit_before::<4, _>",
        deserialize_with = "crate::model::file::since::<4, _, _>"
    )]
    pub mention_position: bool,
    /// Emit pairs of words of the actor's clause that are not next to each other (`s:`, to the
    /// right of the mention, one to four words apart; `sl:` and `sx:`, the words left of it in
    /// its clause, alone, paired, and with the first words after it). Where the labels are stances
    /// the direction of an act is in its verb and object together ("delivered missiles to the
    /// army" / "to the rebels", "would not allow"), which unigrams and adjacent pairs split up.
    /// Defaults to true; training turns it off where the labels are not the lexicon's stances
    /// (on NewsMTSC's sentiment toward a mention they lowered cross-validation, docs/defaults.md
    /// stage 10). Model files written before it existed read as false (format 5 added it).
    #[serde(
        default,
        skip_serializing_if = "crate::model::file::omit_off_before::<5>",
        serialize_with = "crate::model::file::refuse_on_before::<5, _>",
        deserialize_with = "crate::model::file::since::<5, _, _>"
    )]
    pub clause_pairs: bool,
}

fn first_cue_reader() -> u8 {
    1
}

fn yes() -> bool {
    true
}

impl ExtractOptions {
    /// Checks the ranges once: at training, and on every model load, so a hand-edited model file
    /// with `word_ngrams [0, 0]` is refused instead of scoring every text alike.
    pub fn check(&self) -> crate::error::Result<()> {
        let bad = |m: String| Err(crate::error::Error::Param(m));
        let (lo, hi) = self.word_ngrams;
        if !(1 <= lo && lo <= hi && hi <= 8) {
            return bad(format!(
                "word n-gram range ({lo}, {hi}) must satisfy 1 <= min <= max <= 8"
            ));
        }
        if let Some((lo, hi)) = self.char_ngrams {
            if !(1 <= lo && lo <= hi && hi <= 12) {
                return bad(format!(
                    "character n-gram range ({lo}, {hi}) must satisfy 1 <= min <= max <= 12"
                ));
            }
        }
        if !(1..=2).contains(&self.cue_reader) {
            return bad(format!(
                "cue reader {} is not known to this build (1 or 2)",
                self.cue_reader
            ));
        }
        if self.actor_window > 64 {
            return bad(format!(
                "actor window {} is over 64 words",
                self.actor_window
            ));
        }
        Ok(())
    }
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            word_ngrams: (1, 2),
            char_ngrams: Some((2, 5)),
            actor_window: 4,
            clause_features: true,
            cue_features: true,
            valence_features: true,
            priors: true,
            conjoin_target: false,
            segments: true,
            cue_none: false,
            cue_reader: 1,
            mention_words: true,
            mention_position: true,
            clause_pairs: true,
        }
    }
}

/// Byte spans of the text that name someone, by role.
#[derive(Debug, Clone, Default)]
pub struct Roles {
    /// The actor whose stance is asked (empty: the writer of the text).
    pub actor: Vec<Range<usize>>,
    /// Other actors.
    pub others: Vec<Range<usize>>,
    /// The stance target.
    pub target: Vec<Range<usize>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
/// What a unit of the example stands for: a word, the actor, another actor or the target (not
/// `actors::Role`, which is an actor's side in the lexicon).
enum Slot {
    None,
    Actor,
    Other,
    Target,
}

/// A unit after placeholders replaced mentions: either a token or a placeholder.
struct Unit<'a> {
    /// Borrowed from the token or a placeholder unless negated: one allocation less per word.
    feature: std::borrow::Cow<'a, str>,
    token: Option<&'a Token>,
    role: Slot,
    boundary: bool,
    wordlike: bool,
}

/// Spans sorted by start with the running maximum of their ends: whether a token overlaps any of
/// them is a binary search, so a sentence naming thousands of actors costs tokens x log(spans),
/// not tokens x spans.
struct SpanSet {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl SpanSet {
    fn new(spans: &[Range<usize>]) -> Self {
        let mut sorted: Vec<&Range<usize>> = spans.iter().collect();
        sorted.sort_by_key(|r| r.start);
        let mut end = 0;
        let max_end = sorted
            .iter()
            .map(|r| {
                end = end.max(r.end);
                end
            })
            .collect();
        SpanSet {
            starts: sorted.iter().map(|r| r.start).collect(),
            max_end,
        }
    }

    /// Whether `t` overlaps a span: some span starts before `t` ends and ends after it starts.
    fn overlaps(&self, t: &Token) -> bool {
        let before = self.starts.partition_point(|&s| s < t.end);
        before > 0 && self.max_end[before - 1] > t.start
    }
}

/// The roles' spans, ready for lookups.
struct RoleSpans {
    actor: SpanSet,
    target: SpanSet,
    others: SpanSet,
}

impl RoleSpans {
    fn new(roles: &Roles) -> Self {
        RoleSpans {
            actor: SpanSet::new(&roles.actor),
            target: SpanSet::new(&roles.target),
            others: SpanSet::new(&roles.others),
        }
    }
}

fn role_of(t: &Token, roles: &RoleSpans) -> Slot {
    if roles.actor.overlaps(t) {
        Slot::Actor
    } else if roles.target.overlaps(t) {
        Slot::Target
    } else if roles.others.overlaps(t) {
        Slot::Other
    } else {
        Slot::None
    }
}

fn placeholder(role: Slot) -> &'static str {
    match role {
        Slot::Actor => "__actor__",
        Slot::Target => "__target__",
        Slot::Other => "__other__",
        Slot::None => "",
    }
}

/// Collapses each run of tokens inside one mention into one placeholder unit.
fn units<'a>(tokens: &'a [Token], roles: &Roles) -> Vec<Unit<'a>> {
    let roles = &RoleSpans::new(roles);
    let mut out: Vec<Unit<'a>> = Vec::with_capacity(tokens.len());
    let mut prev_role = Slot::None;
    for (i, t) in tokens.iter().enumerate() {
        let role = role_of(t, roles);
        // "the Syrian president", "the regime", "the Kremlin": the article belongs to the mention,
        // so "the __target__" and "__target__" are one feature.
        if role == Slot::None
            && t.text == "the"
            && tokens
                .get(i + 1)
                .is_some_and(|n| role_of(n, roles) != Slot::None)
        {
            continue;
        }
        if role != Slot::None && role == prev_role {
            continue;
        }
        prev_role = role;
        // As `Token::feature`, borrowed where nothing is added.
        let feature = match (role, t.negated) {
            (Slot::None, false) => std::borrow::Cow::Borrowed(t.text.as_str()),
            (Slot::None, true) => std::borrow::Cow::Owned(t.feature()),
            (_, true) => std::borrow::Cow::Owned(format!("neg_{}", placeholder(role))),
            (_, false) => std::borrow::Cow::Borrowed(placeholder(role)),
        };
        out.push(Unit {
            feature,
            token: Some(t),
            role,
            boundary: role == Slot::None && is_clause_boundary(t),
            wordlike: t.is_wordlike() || role != Slot::None,
        });
    }
    out
}

/// Appends the feature strings of one example to `out`.
pub fn extract(
    text: &str,
    tokens: &[Token],
    roles: &Roles,
    target: Option<&str>,
    prior: Option<&str>,
    options: &ExtractOptions,
    out: &mut dyn FeatureSink,
) {
    let prior = prior.filter(|_| options.priors);
    if let Some(p) = prior {
        out.emit_prefixed("qp:", p);
    }
    let units = units(tokens, roles);
    let own = if options.segments {
        own_segments(&units)
    } else {
        vec![true; units.len()]
    };
    // Words of the actor's own segment are the sentence's words for this actor; words of the
    // other segments ("..., while Obama said Assad must go") are kept apart under `x:`, so that
    // one sentence gives two actors two different readings.
    let words: Vec<&Unit> = units
        .iter()
        .zip(&own)
        .filter(|(u, &o)| u.wordlike && o)
        .map(|(u, _)| u)
        .collect();
    let elsewhere: Vec<&Unit> = units
        .iter()
        .zip(&own)
        .filter(|(u, &o)| u.wordlike && !o)
        .map(|(u, _)| u)
        .collect();
    let (lo, hi) = options.word_ngrams;
    let target_prefix = if options.conjoin_target {
        target.map(|t| format!("t:{}|", t.to_lowercase()))
    } else {
        None
    };
    let push_word = |f: &str, out: &mut dyn FeatureSink| {
        if let Some(p) = &target_prefix {
            out.emit_prefixed(p, f);
        }
        out.emit_prefixed("w:", f);
    };
    let mut f = String::with_capacity(64);
    for n in lo.max(1)..=hi {
        for win in words.windows(n) {
            f.clear();
            for (k, u) in win.iter().enumerate() {
                if k > 0 {
                    f.push(' ');
                }
                f.push_str(&u.feature);
            }
            push_word(&f, out);
        }
    }
    for u in &elsewhere {
        out.emit_prefixed("x:", &u.feature);
    }
    // Hyphenated compounds ("iranian-back") as single features too.
    let mut compound = String::new();
    for u in &words {
        if let (Some(t), Slot::None) = (u.token, u.role) {
            if t.hyphen_next || !compound.is_empty() {
                if !compound.is_empty() {
                    compound.push('-');
                }
                compound.push_str(&t.text);
                if !t.hyphen_next {
                    push_word(&compound, out);
                    compound.clear();
                }
                continue;
            }
        }
        compound.clear();
    }
    if let Some((clo, chi)) = options.char_ngrams {
        for u in &words {
            if let (Some(t), Slot::None) = (u.token, u.role) {
                if matches!(
                    t.kind,
                    TokenKind::Word | TokenKind::Acronym | TokenKind::Hashtag
                ) {
                    out.char_ngrams(&text[t.start..t.end], clo, chi);
                }
            }
        }
    }
    if options.valence_features {
        for u in &words {
            if let (Some(t), Slot::None) = (u.token, u.role) {
                if let Some(p) = super::valence::polarity(
                    &crate::text::lowercase(&text[t.start..t.end]),
                    t.negated,
                ) {
                    out.emit_prefixed("qv:", p);
                }
            }
        }
    }
    if options.mention_words {
        mention_words(text, tokens, roles, out);
    }
    if options.actor_window > 0 && !roles.actor.is_empty() {
        context(text, &units, prior, options, out);
    }
}

/// Words of the actor's mention read as features: a longer mention says no more.
const MAX_MENTION_WORDS: usize = 8;

/// Pronouns a mention can be ("he said", "his rivals"): a shape of its own, apart from names.
const PRONOUNS: &[&str] = &[
    "he",
    "she",
    "him",
    "her",
    "his",
    "hers",
    "himself",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "themselves",
    "i",
    "me",
    "my",
    "we",
    "us",
    "our",
    "you",
    "your",
    "who",
];

/// The actor mention's own words (`m:`, as the sentence's words are normalised) and its shape
/// (`ms:pronoun-1`, `ms:name-2`, `ms:lower-3`: the first word's kind and the word count, 3 for
/// three or more). The placeholder `__actor__` hides them from every other block, so that one
/// sentence reads differently for each of its mentions; these say what the mention is.
fn mention_words(text: &str, tokens: &[Token], roles: &Roles, out: &mut dyn FeatureSink) {
    let actor = SpanSet::new(&roles.actor);
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.is_wordlike() && actor.overlaps(t))
        .take(MAX_MENTION_WORDS)
        .collect();
    let Some(first) = words.first() else {
        return;
    };
    for t in &words {
        out.emit_prefixed("m:", &t.feature());
    }
    let raw = &text[first.start..first.end];
    let shape = if PRONOUNS.contains(&raw.to_lowercase().as_str()) {
        "pronoun"
    } else if raw.chars().next().is_some_and(char::is_uppercase) {
        "name"
    } else {
        "lower"
    };
    out.emit(format_args!("ms:{shape}-{}", words.len().min(3)));
}

/// Character n-grams of one word padded with spaces, as scikit-learn's `char_wb` analyzer.
pub(crate) fn char_ngrams<S: FeatureSink + ?Sized>(word: &str, lo: usize, hi: usize, out: &mut S) {
    let mut padded = String::with_capacity(word.len() + 2);
    padded.push(' ');
    padded.extend(word.chars().flat_map(char::to_lowercase));
    padded.push(' ');
    // Byte offsets of every character, plus the end, so n-grams are slices, not new strings.
    let bounds: Vec<usize> = padded
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(padded.len()))
        .collect();
    let n_chars = bounds.len() - 1;
    for n in lo.max(1)..=hi {
        if n > n_chars {
            break;
        }
        for i in 0..=n_chars - n {
            out.emit_prefixed("c:", &padded[bounds[i]..bounds[i + n]]);
        }
    }
}

/// Where the mention `a` sits in its sentence and clause, and its nearest words: see
/// [`ExtractOptions::mention_position`]. Counts are of word-like units (a mention is one unit),
/// bucketed so that each feature is seen often: 0, 1, 2, 3 or more words before the mention in
/// its clause (0: it leads the clause, as a subject does) and after it (0: it ends the clause, as
/// an object does).
fn mention_position(
    text: &str,
    units: &[Unit],
    a: usize,
    clause: Range<usize>,
    left: &[&Unit],
    right: &[&Unit],
    out: &mut dyn FeatureSink,
) {
    let words = |r: &[Unit]| r.iter().filter(|u| u.wordlike).count();
    let before = words(&units[..a]);
    let total = before + words(&units[a..]);
    out.emit(format_args!("p:s{}", before * 4 / total.max(1)));
    if before == 0 {
        out.emit(format_args!("p:first"));
    }
    out.emit(format_args!(
        "p:cb{}",
        words(&units[clause.start..a]).min(3)
    ));
    out.emit(format_args!(
        "p:ca{}",
        words(&units[a + 1..clause.end]).min(3)
    ));
    // Inside a quotation when an odd number of quotation marks precede the mention: straight
    // quotes alone cannot tell an opening mark from a closing one, so the parity is the reading.
    let start = units[a].token.map_or(0, |t| t.start);
    let marks = text[..start]
        .chars()
        .filter(|c| matches!(c, '"' | '\u{201c}' | '\u{201d}'))
        .count();
    out.emit(format_args!("p:q{}", marks % 2));
    for u in left.iter().take(2).chain(right.iter().take(2)) {
        out.emit_prefixed("n2:", &u.feature);
    }
    if let [first, second, ..] = left {
        out.emit(format_args!("lb:{} {}", second.feature, first.feature));
    }
}

/// Whether the mention reads as a place rather than an agent: "fled to Jordan", "near the
/// Lebanese border", "talks in Geneva". The actor is then where something happens, which says
/// nothing of its stance; the feature lets the classifier learn that across actors.
fn names_a_place(left: &[&Unit], right: &[&Unit]) -> bool {
    const BEFORE: &[&str] = &[
        "in", "to", "from", "into", "near", "across", "toward", "towards", "insid", "via", "at",
        "through", "over", "visit",
    ];
    const AFTER: &[&str] = &[
        "border",
        "embassi",
        "embassy",
        "airspac",
        "territori",
        "soil",
        "consul",
        "capit",
        "citi",
        "side",
        "provinc",
    ];
    left.first()
        .is_some_and(|u| BEFORE.contains(&u.feature.as_ref()))
        || right
            .first()
            .is_some_and(|u| AFTER.contains(&u.feature.as_ref()))
}

/// Words after the mention whose pairs are read: a predicate, its object and their modifiers.
const PAIR_RIGHT: usize = 12;
/// Words before the mention, in its clause, read alone and in pairs (passive agents: "sanctions
/// imposed by __actor__"; fronted content: "Assad must go, __actor__ said").
const PAIR_LEFT: usize = 6;
/// Of the words after the mention, how many each left word is paired with.
const PAIR_ACROSS: usize = 3;

/// Word pairs of the actor's clause that adjacent n-grams do not hold (see
/// [`ExtractOptions::clause_pairs`]). The right side is `scope`, the cue reader's: to a sentence
/// end or a contrastive conjunction; the left side stops at a clause boundary too.
fn clause_pairs(units: &[Unit], a: usize, scope: &[Unit], out: &mut dyn FeatureSink) {
    let right: Vec<&Unit> = scope
        .iter()
        .filter(|u| u.wordlike)
        .take(PAIR_RIGHT)
        .collect();
    // One to four words apart (two and five measured lower, seven level): neighbours are
    // already word bigrams and `r2:`.
    for (i, u) in right.iter().enumerate() {
        for v in right.iter().skip(i + 2).take(4) {
            out.emit(format_args!("s:{} {}", u.feature, v.feature));
        }
    }
    let left: Vec<&Unit> = units[..a]
        .iter()
        .rev()
        .take_while(|u| !ends_cue_scope(u) && !u.boundary)
        .filter(|u| u.wordlike)
        .take(PAIR_LEFT)
        .collect();
    for (i, l) in left.iter().enumerate() {
        out.emit(format_args!("sl:{}", l.feature));
        for r in right.iter().take(PAIR_ACROSS) {
            out.emit(format_args!("sx:{} {}", l.feature, r.feature));
        }
        for m in left.iter().skip(i + 1).take(3) {
            out.emit(format_args!("sl:{} {}", m.feature, l.feature));
        }
    }
}

/// Where the clause read by the cue features ends: a sentence end or a contrastive conjunction
/// (commas do not end it: "Moscow, which backs Assad, said ..." keeps its verb).
fn ends_cue_scope(u: &Unit) -> bool {
    match u.token {
        Some(t) if u.role == Slot::None => {
            matches!(
                t.text.as_str(),
                "." | ";"
                    | "?"
                    | "!"
                    | "while"
                    | "wherea"
                    | "whereas"
                    | "but"
                    | "although"
                    | "though"
                    | "however"
                    | "yet"
            )
        }
        _ => false,
    }
}

/// Which units lie in a segment of the sentence that names the actor. Segments end at a
/// semicolon or a contrastive conjunction ("while", "whereas", "but", ...); a sentence whose
/// actor is not placed is all the actor's.
fn own_segments(units: &[Unit]) -> Vec<bool> {
    let mut segment = Vec::with_capacity(units.len());
    let mut k = 0usize;
    for u in units {
        let breaks = is_contrast(u)
            || u.token
                .is_some_and(|t| u.role == Slot::None && t.text == ";");
        if breaks {
            k += 1;
        }
        segment.push(k);
    }
    let mut has_actor = vec![false; k + 1];
    for (u, &s) in units.iter().zip(&segment) {
        if u.role == Slot::Actor {
            has_actor[s] = true;
        }
    }
    if !has_actor.iter().any(|&a| a) {
        return vec![true; units.len()];
    }
    segment.iter().map(|&s| has_actor[s]).collect()
}

/// A contrastive conjunction that separates two actors' clauses.
fn is_contrast(u: &Unit) -> bool {
    u.role == Slot::None
        && u.token.is_some_and(|t| {
            crate::text::CONTRAST_WORDS.contains(&t.text.as_str()) || t.text == "wherea"
        })
}

/// Mentions of the actor in one text that get context features. Real sentences name an actor a
/// few times; a list naming it thousands of times would otherwise cost mentions x length.
const MAX_MENTIONS_READ: usize = 16;

/// Units after a mention that the cue reader looks at: a predicate and its object come well
/// within this, and a text without clause ends cannot make every mention read to its end.
const MAX_CUE_UNITS: usize = 64;

/// Window and clause features around each actor mention.
fn context(
    text: &str,
    units: &[Unit],
    prior: Option<&str>,
    options: &ExtractOptions,
    out: &mut dyn FeatureSink,
) {
    let w = options.actor_window;
    // Clause bounds for every unit in two passes, so each mention finds its clause at once.
    let mut clause_start = vec![0; units.len()];
    let mut start = 0;
    for (i, u) in units.iter().enumerate() {
        clause_start[i] = start;
        if u.boundary {
            start = i + 1;
        }
    }
    let mut clause_end = vec![units.len(); units.len()];
    let mut end = units.len();
    for (i, u) in units.iter().enumerate().rev() {
        clause_end[i] = end;
        if u.boundary {
            end = i;
        }
    }
    let mentions = units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.role == Slot::Actor)
        .map(|(a, _)| a)
        .take(MAX_MENTIONS_READ);
    for a in mentions {
        // Windows stop at a contrastive conjunction: in "X warned ..., while Y said ...", X's words
        // are not Y's context.
        let left: Vec<&Unit> = units[..a]
            .iter()
            .rev()
            .take_while(|u| !is_contrast(u))
            .filter(|u| u.wordlike)
            .take(w)
            .collect();
        let right: Vec<&Unit> = units[a + 1..]
            .iter()
            .take_while(|u| !is_contrast(u))
            .filter(|u| u.wordlike)
            .take(w)
            .collect();
        if options.valence_features {
            for u in left.iter().chain(right.iter()) {
                if let (Some(t), Slot::None) = (u.token, u.role) {
                    if let Some(p) = super::valence::polarity(
                        &crate::text::lowercase(&text[t.start..t.end]),
                        t.negated,
                    ) {
                        out.emit_prefixed("qv:w", p);
                    }
                }
            }
        }
        for (k, u) in left.iter().enumerate() {
            out.emit(format_args!("l:{}", u.feature));
            if k == 0 {
                out.emit(format_args!("l1:{}", u.feature));
            }
        }
        for (k, u) in right.iter().enumerate() {
            out.emit(format_args!("r:{}", u.feature));
            if k == 0 {
                out.emit(format_args!("r1:{}", u.feature));
            }
            if k == 1 {
                out.emit(format_args!("r2:{} {}", right[0].feature, u.feature));
            }
        }
        if options.mention_position {
            let clause = clause_start[a]..clause_end[a];
            mention_position(text, units, a, clause, &left, &right, out);
        }
        // What follows the mention up to a sentence end or a contrastive conjunction: the cue
        // reader's scope and the right side of the clause's word pairs.
        let scope_len = units[a + 1..]
            .iter()
            .take(MAX_CUE_UNITS)
            .take_while(|u| !ends_cue_scope(u))
            .count();
        let cue_scope = &units[a + 1..a + 1 + scope_len];
        if options.clause_pairs {
            clause_pairs(units, a, cue_scope, out);
        }
        if options.cue_features && names_a_place(&left, &right) {
            out.emit(format_args!("q:place"));
        }
        if options.cue_features {
            let scope: Vec<super::cues::CueUnit> = cue_scope
                .iter()
                .filter(|u| u.wordlike || u.token.is_some_and(|t| t.text == ","))
                .filter_map(|u| {
                    let t = u.token?;
                    let text = if u.role == Slot::None {
                        t.text.as_str()
                    } else {
                        placeholder(u.role)
                    };
                    Some(super::cues::CueUnit {
                        text,
                        negated: t.negated,
                    })
                })
                .collect();
            let sign = super::cues::cue_features(&scope, options.cue_reader, out);
            if sign == "none" && options.cue_none {
                out.emit(format_args!("q:none"));
            }
            if let Some(p) = prior {
                out.emit(format_args!("qp:{p}|{sign}"));
            }
        }
        if options.clause_features {
            let clause: Vec<&Unit> = units[clause_start[a]..clause_end[a]]
                .iter()
                .filter(|u| u.wordlike && u.role != Slot::Actor)
                .collect();
            for u in &clause {
                out.emit(format_args!("k:{}", u.feature));
            }
            for pair in clause.windows(2) {
                out.emit(format_args!("k:{} {}", pair[0].feature, pair[1].feature));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Analyzer, TextOptions};

    fn features(text: &str, actor: &str, other: &str) -> Vec<String> {
        let opts = ExtractOptions {
            char_ngrams: None,
            ..Default::default()
        };
        features_opts(text, actor, other, &opts)
    }

    /// The features of `text` for the first mention of `actor` (`other` another actor's, "Assad"
    /// the target's), extracted with `opts`.
    fn features_opts(text: &str, actor: &str, other: &str, opts: &ExtractOptions) -> Vec<String> {
        let tokens = Analyzer::new(&TextOptions::default()).analyze(text);
        let find = |s: &str| match text.find(s) {
            Some(i) if !s.is_empty() => std::iter::once(i..i + s.len()).collect(),
            _ => vec![],
        };
        let roles = Roles {
            actor: find(actor),
            others: find(other),
            target: find("Assad"),
        };
        let mut out = Vec::new();
        extract(text, &tokens, &roles, None, None, opts, &mut out);
        out
    }

    #[test]
    fn clause_pairs_join_an_act_to_its_object_across_words() {
        let pairs = |text: &str| -> Vec<String> {
            features(text, "Russia", "")
                .into_iter()
                .filter(|f| f.starts_with('s'))
                .collect()
        };
        let army = pairs("Russia sent new missiles to the army near Homs.");
        let rebels = pairs("Russia sent new missiles to the rebels near Homs.");
        // The verb meets the object three words on; no n-gram or window feature holds both.
        assert!(army.contains(&"s:sent armi".to_string()), "{army:?}");
        assert!(rebels.contains(&"s:sent rebel".to_string()), "{rebels:?}");
        assert!(!army.iter().any(|f| f.contains("rebel")));
        // Neighbours are not repeated (they are bigrams), and pairs stop at four words apart.
        assert!(!army.contains(&"s:sent new".to_string()));
        assert!(!army.iter().any(|f| f == "s:sent near"));
        // The left side: a passive agent's act ("imposed by"), alone and joined with what follows.
        let left = pairs("New sanctions imposed by Russia took effect.");
        assert!(left.contains(&"sl:impos".to_string()), "{left:?}");
        assert!(left.contains(&"sx:impos took".to_string()), "{left:?}");
        // Off, none of them.
        let opts = ExtractOptions {
            clause_pairs: false,
            ..Default::default()
        };
        let out = features_opts("Russia sent arms to the army.", "Russia", "", &opts);
        assert!(!out
            .iter()
            .any(|f| f.starts_with("s:") || f.starts_with("sl:") || f.starts_with("sx:")));
    }

    /// The features of `text` for the actor named by its first `actor_len` bytes.
    fn features_with(
        text: &str,
        actor_len: usize,
        target: Option<&str>,
        prior: Option<&str>,
        opts: &ExtractOptions,
    ) -> Vec<String> {
        let tokens = Analyzer::new(&TextOptions::default()).analyze(text);
        let roles = Roles {
            actor: std::iter::once(0..actor_len).collect(),
            ..Default::default()
        };
        let mut out = Vec::new();
        extract(text, &tokens, &roles, target, prior, opts, &mut out);
        out
    }

    #[test]
    fn the_same_sentence_differs_by_actor() {
        let text = "Putin warned against arming the rebels, while Obama said Assad must go.";
        let putin = features(text, "Putin", "Obama");
        let obama = features(text, "Obama", "Putin");
        assert!(putin.contains(&"w:__actor__ warn".to_string()));
        assert!(putin.contains(&"k:arm".to_string()));
        assert!(!putin.contains(&"k:must".to_string()));
        assert!(obama.contains(&"k:__target__ must".to_string()));
        assert!(obama.contains(&"r1:said".to_string()));
        // Each actor's words are its own segment's; the other segment's are kept apart.
        assert!(obama.contains(&"x:warn".to_string()), "{obama:?}");
        assert!(!obama
            .iter()
            .any(|f| f.starts_with("w:") && f.contains("warn")));
        assert!(putin.contains(&"x:must".to_string()), "{putin:?}");
        assert!(!putin
            .iter()
            .any(|f| f.starts_with("w:") && f.contains("must")));
        assert_ne!(putin, obama);
    }

    #[test]
    fn known_alignment_joins_the_cue_polarity() {
        let text = "Moscow said it would not allow a no-fly zone.";
        let opts = ExtractOptions::default();
        let out = features_with(text, 6, None, Some("supports"), &opts);
        assert!(out.contains(&"qp:supports".to_string()), "{out:?}");
        assert!(out.contains(&"qp:supports|pro".to_string()), "{out:?}");
        let opts = ExtractOptions {
            priors: false,
            ..opts
        };
        let off = features_with(text, 6, None, Some("supports"), &opts);
        assert!(!off.iter().any(|f| f.starts_with("qp:")));
    }

    #[test]
    fn multiword_mentions_collapse_and_compounds_appear() {
        let f = features(
            "The Russian president backed Iranian-backed militias",
            "The Russian president",
            "",
        );
        assert!(f.contains(&"w:__actor__ back".to_string()), "{f:?}");
        assert!(f.contains(&"w:iranian-back".to_string()), "{f:?}");
        // Only the mention's own block names its words.
        assert!(!f
            .iter()
            .any(|x| !x.starts_with("m:") && x.contains("russian")));
        assert!(f.contains(&"m:russian".to_string()), "{f:?}");
    }

    #[test]
    fn targets_conjoin_word_features_when_asked() {
        let text = "Obama backed the deal.";
        let opts = ExtractOptions {
            char_ngrams: None,
            conjoin_target: true,
            ..Default::default()
        };
        let out = features_with(text, 5, Some("Iran deal"), None, &opts);
        assert!(out.contains(&"t:iran deal|back".to_string()), "{out:?}");
        assert!(out.contains(&"w:back".to_string()));
        let opts = ExtractOptions {
            conjoin_target: false,
            ..opts
        };
        let plain = features_with(text, 5, Some("Iran deal"), None, &opts);
        assert!(!plain.iter().any(|f| f.starts_with("t:")));
    }

    #[test]
    fn model_files_from_before_segments_featurize_as_they_were_trained() {
        let old = r#"{"word_ngrams":[1,2],"char_ngrams":[2,5],"actor_window":4,"clause_features":true,"conjoin_target":false}"#;
        let o: ExtractOptions = serde_json::from_str(old).unwrap();
        assert!(!o.segments && o.cue_none);
        let new = ExtractOptions::default();
        assert!(new.segments && !new.cue_none);
        let text = "Putin warned against arming the rebels, while Obama said Assad must go.";
        let tokens = Analyzer::new(&TextOptions::default()).analyze(text);
        let roles = Roles {
            actor: std::iter::once(0..5).collect(),
            ..Default::default()
        };
        let run = |o: &ExtractOptions| {
            let mut out = Vec::new();
            extract(text, &tokens, &roles, None, None, o, &mut out);
            out
        };
        let (then, now) = (run(&o), run(&new));
        assert!(
            then.contains(&"w:must go".to_string()) && !then.iter().any(|f| f.starts_with("x:"))
        );
        assert!(now.contains(&"x:must".to_string()) && !now.contains(&"w:must go".to_string()));
    }

    #[test]
    fn the_mention_says_what_it_is() {
        let text = "He met Anna Lind on Monday.";
        let run = |mention: &str, mention_words: bool| {
            let opts = ExtractOptions {
                char_ngrams: None,
                mention_words,
                ..Default::default()
            };
            features_opts(text, mention, "", &opts)
        };
        let he = run("He", true);
        assert!(he.contains(&"m:he".to_string()), "{he:?}");
        assert!(he.contains(&"ms:pronoun-1".to_string()), "{he:?}");
        let anna = run("Anna Lind", true);
        assert!(anna.contains(&"m:anna".to_string()), "{anna:?}");
        assert!(anna.contains(&"ms:name-2".to_string()), "{anna:?}");
        assert!(!anna.contains(&"m:he".to_string()));
        let monday = run("Monday", true);
        assert!(monday.contains(&"m:monday".to_string()), "{monday:?}");
        // Off, the mention is masked as before: only the context tells the mentions apart.
        let masked = run("Monday", false);
        assert!(!masked
            .iter()
            .any(|f| f.starts_with("m:") || f.starts_with("ms:")));
        assert!(!masked.iter().any(|f| f.contains("monday")), "{masked:?}");
        // Model files from before the option read as false, so they featurize as trained.
        let old = r#"{"word_ngrams":[1,2],"char_ngrams":[2,5],"actor_window":4,"clause_features":true,"conjoin_target":false}"#;
        let o: ExtractOptions = serde_json::from_str(old).unwrap();
        assert!(!o.mention_words);
    }

    #[test]
    fn the_mention_says_where_it_sits() {
        let text = "Anna said \u{201c}we thank Boris and Clara\u{201d} today.";
        let run = |name: &str, mention_position: bool| {
            let opts = ExtractOptions {
                char_ngrams: None,
                mention_position,
                ..Default::default()
            };
            features_opts(text, name, "", &opts)
        };
        let has = |f: &[String], s: &str| f.iter().any(|x| x == s);
        let anna = run("Anna", true);
        for f in [
            "p:s0", "p:first", "p:cb0", "p:ca1", "p:q0", "n2:said", "n2:we",
        ] {
            assert!(has(&anna, f), "{f} missing: {anna:?}");
        }
        assert!(!anna.iter().any(|f| f.starts_with("lb:")), "{anna:?}");
        let boris = run("Boris", true);
        for f in [
            "p:s2",
            "p:cb2",
            "p:ca2",
            "p:q1",
            "n2:we",
            "n2:thank",
            "lb:we thank",
        ] {
            assert!(has(&boris, f), "{f} missing: {boris:?}");
        }
        assert!(!has(&boris, "p:first"), "{boris:?}");
        let clara = run("Clara", true);
        assert!(has(&clara, "p:q1") && has(&clara, "p:ca0"), "{clara:?}");
        let off = run("Boris", false);
        assert!(!off
            .iter()
            .any(|f| f.starts_with("p:") || f.starts_with("n2:") || f.starts_with("lb:")));
        // Model files from before the option read as false, so they featurize as trained.
        let old = r#"{"word_ngrams":[1,2],"char_ngrams":[2,5],"actor_window":4,"clause_features":true,"conjoin_target":false}"#;
        let o: ExtractOptions = serde_json::from_str(old).unwrap();
        assert!(!o.mention_position);
    }

    #[test]
    fn char_ngrams_are_word_bounded() {
        let mut out = Vec::new();
        char_ngrams("Veto", 2, 3, &mut out);
        assert_eq!(
            out,
            ["c: v", "c:ve", "c:et", "c:to", "c:o ", "c: ve", "c:vet", "c:eto", "c:to "]
        );
    }
}
