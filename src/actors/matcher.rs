//! Finding actor mentions in text: longest match over the lexicon, with the news rules on top.
//!
//! Candidates come from two Aho-Corasick automata (names case-sensitively, so "US" is not "us"
//! and "Turkey" is not "turkey"; titles and common nouns such as "rebels" case-insensitively) and
//! from spelling keys for names in another romanisation (see `spelling`). Only whole-word matches
//! count, the longest non-overlapping ones win, capitals used as places ("in Moscow") are dropped,
//! a title or demonym directly before a person's name joins it ("Russian President Vladimir
//! Putin"), and titles resolve to the office holder at the article's date, or without one to the
//! office's state or body.
//!
//! Its length: the news rules on top of the automaton (longest match, demonyms, capitals, dated
//! titles, possessives) share one pass and its state, and a third of the file is their tests.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

use super::lexicon::{ActorKind, ActorLexicon};

/// How a mention names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A name or alias ("Putin", "the Kremlin").
    Name,
    /// An office title ("the Russian president").
    Title,
    /// An adjective or nationality ("Turkish troops").
    Demonym,
    /// A capital standing for the government ("Ankara said").
    Capital,
    /// A pronoun resolved to the most recent compatible actor (inferred).
    Pronoun,
    /// A common noun naming a collective actor ("rebels", "the opposition"). When it is not the
    /// actor whose stance is read, it stays a word: "armed the rebels" is a stance cue.
    Common,
}

/// One mention of a lexicon actor, as a byte range of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Index of the actor in the lexicon.
    pub actor: usize,
    /// Byte offset of the mention's start.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// How the actor is named.
    pub kind: MentionKind,
}

#[derive(Debug, Clone)]
struct Pattern {
    actor: usize,
    kind: MentionKind,
    from: Option<String>,
    to: Option<String>,
}

/// A compiled matcher over one lexicon.
pub struct MentionMatcher {
    exact: AhoCorasick,
    exact_info: Vec<Vec<Pattern>>,
    folded: AhoCorasick,
    folded_info: Vec<Vec<Pattern>>,
    spelling: super::spelling::SpellingIndex,
    /// Each person's surname as news repeats it after the full name ("Khatib" after "Moaz
    /// al-Khatib"), to the people whose names end in it; surnames that are already a name of
    /// some actor ("Assad", "Putin") are left to the automaton.
    surnames: std::collections::HashMap<String, Vec<usize>>,
}

/// Words before a capital that make it a place, not a government ("in Moscow").
const PLACE_WORDS: &[&str] = &[
    "in",
    "near",
    "to",
    "from",
    "into",
    "outside",
    "around",
    "at",
    "toward",
    "towards",
    "across",
    "via",
    "through",
    "visit",
    "visited",
    "visiting",
    "reached",
    "arrived",
    "left",
    "flew",
    "travelled",
    "traveled",
    "of",
    "inside",
    "over",
    "within",
    "between",
    "fled",
    "returned",
    "embassy",
    "streets",
];

/// Words after a capital that make it a place or a name ("Damascus countryside", "Washington Post").
const PLACE_FOLLOWERS: &[&str] = &[
    "countryside",
    "suburbs",
    "suburb",
    "airport",
    "province",
    "University",
    "Post",
    "Times",
    "Institute",
    "International",
    "Declaration",
    "format",
    "process",
    "talks",
    "Agreement",
    "agreement",
    "residents",
    "outskirts",
    "district",
    "office",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let pat_first = text[start..end].chars().next();
    let pat_last = text[start..end].chars().next_back();
    // A boundary is needed only where the pattern itself starts or ends with a word character.
    let ok_before = !(pat_first.is_some_and(is_word_char) && before.is_some_and(is_word_char));
    let ok_after = !(pat_last.is_some_and(is_word_char) && after.is_some_and(is_word_char));
    ok_before && ok_after
}

fn build(
    patterns: &[(String, Pattern)],
    case_insensitive: bool,
) -> (AhoCorasick, Vec<Vec<Pattern>>) {
    let mut keys: Vec<String> = Vec::new();
    let mut info: Vec<Vec<Pattern>> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for (s, p) in patterns {
        let key = if case_insensitive {
            s.to_lowercase()
        } else {
            s.clone()
        };
        let slot = *index.entry(key.clone()).or_insert_with(|| {
            keys.push(key);
            info.push(Vec::new());
            info.len() - 1
        });
        info[slot].push(p.clone());
    }
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(case_insensitive)
        .match_kind(MatchKind::Standard)
        .build(&keys)
        // Cannot fail: lexicons are capped at `MAX_LEXICON_BYTES`, far below the automaton's
        // state limit.
        .expect("a lexicon under MAX_LEXICON_BYTES builds an automaton");
    (ac, info)
}

impl MentionMatcher {
    /// The state or body a title names when no holder can be told: a name or demonym inside the
    /// title ("the French foreign minister" -> France, "the UN envoy" -> United Nations), else
    /// what its holders belong to when they all belong to one.
    fn body_of_title(
        &self,
        lexicon: &ActorLexicon,
        text: &str,
        start: usize,
        end: usize,
        options: &[Pattern],
    ) -> Option<usize> {
        let surface = &text[start..end];
        // The longest body named inside wins: "head of the UN refugee agency" is UNHCR's head,
        // not the UN's.
        let inside = self
            .exact
            .find_overlapping_iter(surface)
            .filter(|m| whole_word(surface, m.start(), m.end()))
            .map(|m| (m, self.exact_info[m.pattern().as_usize()][0].actor))
            .filter(|&(_, a)| lexicon.actors[a].kind != ActorKind::Person)
            .min_by_key(|(m, _)| (std::cmp::Reverse(m.end() - m.start()), m.start()))
            .map(|(_, a)| a);
        let body = inside.or_else(|| {
            let mut bodies = options.iter().filter_map(|p| {
                lexicon.actors[p.actor]
                    .affiliation
                    .as_deref()
                    .and_then(|n| lexicon.find(n))
            });
            let first = bodies.next()?;
            bodies.all(|b| b == first).then_some(first)
        })?;
        Some(foreign_ministry_of(lexicon, surface, body).unwrap_or(body))
    }

    /// Compiles the matcher for a lexicon.
    pub fn new(lexicon: &ActorLexicon) -> Self {
        let mut exact = Vec::new();
        let mut folded = Vec::new();
        for (i, a) in lexicon.actors.iter().enumerate() {
            let p = |kind| Pattern {
                actor: i,
                kind,
                from: None,
                to: None,
            };
            let names = std::iter::once(&a.name).chain(&a.aliases);
            for s in names.filter(|s| !s.trim().is_empty()) {
                exact.push((s.clone(), p(MentionKind::Name)));
            }
            for s in a.demonyms.iter().filter(|s| !s.trim().is_empty()) {
                exact.push((s.clone(), p(MentionKind::Demonym)));
            }
            for s in a.capitals.iter().filter(|s| !s.trim().is_empty()) {
                exact.push((s.clone(), p(MentionKind::Capital)));
            }
            for s in a.common.iter().filter(|s| !s.trim().is_empty()) {
                folded.push((s.clone(), p(MentionKind::Common)));
            }
            for t in &a.titles {
                for f in t.forms.iter().filter(|s| !s.trim().is_empty()) {
                    folded.push((
                        f.clone(),
                        Pattern {
                            actor: i,
                            kind: MentionKind::Title,
                            from: t.from.clone(),
                            to: t.to.clone(),
                        },
                    ));
                }
            }
        }
        let names: std::collections::HashSet<&str> =
            exact.iter().map(|(s, _)| s.as_str()).collect();
        let mut surnames: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, a) in lexicon.actors.iter().enumerate() {
            if a.kind != ActorKind::Person {
                continue;
            }
            for n in std::iter::once(&a.name).chain(&a.aliases) {
                if let Some(core) = surname_of(n).filter(|c| !names.contains(c)) {
                    let people = surnames.entry(core.to_string()).or_default();
                    if !people.contains(&i) {
                        people.push(i);
                    }
                }
            }
        }
        let (exact, exact_info) = build(&exact, false);
        let (folded, folded_info) = build(&folded, true);
        MentionMatcher {
            exact,
            exact_info,
            folded,
            folded_info,
            spelling: super::spelling::SpellingIndex::new(lexicon),
            surnames,
        }
    }

    /// All mentions in `text`, ordered by position. `date` (YYYY-MM-DD or YYYY) picks title holders.
    pub fn find(&self, lexicon: &ActorLexicon, text: &str, date: Option<&str>) -> Vec<Mention> {
        // Without the article's own date a title names its office, not a holder guessed from a
        // year the text mentions (see `pick_holder`).
        let span = super::lexicon::DateSpan::of(date);
        let mut cands: Vec<Mention> = Vec::new();
        for m in self.exact.find_overlapping_iter(text) {
            if whole_word(text, m.start(), m.end()) {
                let p = &self.exact_info[m.pattern().as_usize()][0];
                cands.push(Mention {
                    actor: p.actor,
                    start: m.start(),
                    end: m.end(),
                    kind: p.kind,
                });
            }
        }
        // People the text names outright: a title ("the secretary of state") without a date
        // goes to the holder the article itself names, when it names one.
        let named: std::collections::HashSet<usize> = cands
            .iter()
            .filter(|c| c.kind == MentionKind::Name)
            .map(|c| c.actor)
            .collect();
        // Names in another romanisation ("Walid al-Moallem", "Hizbullah"): runs of capitalised
        // words whose spelling key is a lexicon name's. Exact matches of the same length win.
        let words = super::spelling::capitalised_words(text);
        for i in 0..words.len() {
            for n in 1..=self.spelling.longest.min(words.len() - i) {
                let run = &words[i..i + n];
                // Words of one name are separated by a single space.
                if run.windows(2).any(|w| &text[w[0].1..w[1].0] != " ") {
                    break;
                }
                let (start, end) = (run[0].0, run[n - 1].1);
                let key = super::spelling::name_key(&text[start..end]);
                if let Some(actor) = self.spelling.get(&key) {
                    cands.push(Mention {
                        actor,
                        start,
                        end,
                        kind: MentionKind::Name,
                    });
                }
            }
        }

        for m in self.folded.find_overlapping_iter(text) {
            if whole_word(text, m.start(), m.end()) {
                let options = &self.folded_info[m.pattern().as_usize()];
                let in_text = options.iter().find(|p| named.contains(&p.actor));
                let holder = in_text.or_else(|| pick_holder(options, &span));
                let kind = holder.map_or(MentionKind::Title, |p| p.kind);
                // "the president's brother-in-law" is not "the president's brother": a title
                // that runs on into a hyphenated word names another office, and is no candidate
                // (so an overlapping name can still be chosen).
                if kind == MentionKind::Title
                    && text[m.end()..]
                        .strip_prefix('-')
                        .is_some_and(|r| r.starts_with(char::is_alphabetic))
                {
                    continue;
                }
                let actor = match holder {
                    Some(p) => Some(p.actor),
                    None => self.body_of_title(lexicon, text, m.start(), m.end(), options),
                };
                if actor.is_some_and(|a| another_office(lexicon, text, m.start(), a, &cands)) {
                    continue;
                }
                if let Some(actor) = actor {
                    cands.push(Mention {
                        actor,
                        start: m.start(),
                        end: m.end(),
                        kind,
                    });
                }
            }
        }
        // Longest first (names before titles at equal length), then leftmost.
        cands.sort_by(|a, b| {
            (b.end - b.start)
                .cmp(&(a.end - a.start))
                .then(a.start.cmp(&b.start))
                .then((a.kind as u8).cmp(&(b.kind as u8)))
        });
        // Chosen spans never overlap, so the one starting last before a candidate's end is the
        // only one that can overlap it: a lookup per candidate, not a scan of all chosen.
        let mut taken: std::collections::BTreeMap<usize, usize> = Default::default();
        let mut chosen: Vec<Mention> = Vec::new();
        for c in cands {
            let clear = taken
                .range(..c.end)
                .next_back()
                .is_none_or(|(_, &end)| end <= c.start);
            if clear {
                taken.insert(c.start, c.end);
                chosen.push(c);
            }
        }
        chosen.sort_by_key(|m| m.start);
        // "a Britain-based monitor", "a Moscow-based analyst": a place, whatever kind of name.
        chosen.retain(|m| !text[m.end..].starts_with("-based"));

        chosen.retain(|m| match m.kind {
            MentionKind::Capital => !capital_is_place(text, m.start, m.end),
            MentionKind::Demonym => !demonym_names_people(text, m.end),
            _ => true,
        });
        let chosen = self.add_surnames(lexicon, text, chosen);
        add_backers(lexicon, text, merge_titles(lexicon, text, chosen))
    }

    /// After a person's full name, news calls them by the surname alone ("Moaz al-Khatib ...
    /// Khatib urged soldiers to defect"): those later mentions are theirs, unless two people
    /// the text names share the surname, in which case the bare surname is left unread.
    /// People discovered through their office follow the same rule (`discovery`).
    fn add_surnames(
        &self,
        lexicon: &ActorLexicon,
        text: &str,
        mut chosen: Vec<Mention>,
    ) -> Vec<Mention> {
        // The first full-name mention of each person, by where it ends.
        let mut first: std::collections::BTreeMap<usize, usize> = Default::default();
        for m in chosen.iter().filter(|m| m.kind == MentionKind::Name) {
            if lexicon.actors[m.actor].kind == ActorKind::Person {
                first.entry(m.actor).or_insert(m.end);
            }
        }
        // Chosen spans do not overlap: the one starting last before a span's end is the only
        // one that can overlap it (as in `find`).
        let mut taken: std::collections::BTreeMap<usize, usize> =
            chosen.iter().map(|m| (m.start, m.end)).collect();
        let mut added = Vec::new();
        for (&actor, &from) in &first {
            let a = &lexicon.actors[actor];
            let mut cores: Vec<&str> = std::iter::once(&a.name)
                .chain(&a.aliases)
                .filter_map(|n| surname_of(n))
                .filter(|c| self.surnames.contains_key(*c))
                .collect();
            cores.sort_unstable();
            cores.dedup();
            for core in cores {
                let shared = self.surnames[core]
                    .iter()
                    .any(|&o| o != actor && first.contains_key(&o));
                if shared {
                    continue;
                }
                for (s, e) in surname_mentions(text, from, core) {
                    let clear = taken
                        .range(..e)
                        .next_back()
                        .is_none_or(|(_, &end)| end <= s);
                    if clear {
                        taken.insert(s, e);
                        added.push(Mention {
                            actor,
                            start: s,
                            end: e,
                            kind: MentionKind::Name,
                        });
                    }
                }
            }
        }
        if !added.is_empty() {
            chosen.extend(added);
            chosen.sort_by_key(|m| m.start);
        }
        chosen
    }
}

/// Byte spans of a surname's whole-word mentions in `text` after `from`, each with the article
/// prefix that joins it ("al-Khatib" as well as "Khatib").
pub(super) fn surname_mentions<'t>(
    text: &'t str,
    from: usize,
    core: &'t str,
) -> impl Iterator<Item = (usize, usize)> + 't {
    super::discovery::whole_words_after(text, from, core).map(move |(s, e)| {
        let s = ["al-", "Al-", "el-", "El-"]
            .iter()
            .find(|p| text[..s].ends_with(*p))
            .map_or(s, |p| s - p.len());
        (s, e)
    })
}

/// The surname news repeats alone after a person's full name: the last word of a name of two
/// words or more, without an article prefix ("al-Khatib" -> "Khatib"). None for patronymics,
/// dynasties, a title before a first name, regnal numbers and short words.
pub(super) fn surname_of(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let [.., before, last] = words[..] else {
        return None;
    };
    // "bin Zayed" names a father, "Al Thani" a dynasty, "King Salman" a first name: each is
    // shared by several people, so none of them is a surname.
    let title = ["King", "Queen", "Prince", "Sheikh", "Emir", "President"];
    if ["bin", "ibn", "bint", "Bin", "Ibn", "Al"].contains(&before) || title.contains(&words[0]) {
        return None;
    }
    let core = ["al-", "Al-", "el-", "El-"]
        .iter()
        .find_map(|p| last.strip_prefix(p))
        .unwrap_or(last);
    let upper = core.chars().next().is_some_and(char::is_uppercase);
    (upper && core.chars().count() >= 4 && core.chars().all(|c| c.is_alphabetic() || c == '-'))
        .then_some(core)
}

/// "Turkish-backed factions" names the factions, and also Turkey as their backer: a reader
/// credits Turkey with what its proxies do. The backer is added as a demonym mention over its
/// part of the compound, overlapping the group's mention.
fn add_backers(lexicon: &ActorLexicon, text: &str, mut mentions: Vec<Mention>) -> Vec<Mention> {
    const LINKS: &[&str] = &["-backed", "-supported", "-sponsored", "-funded", "-armed"];
    let mut backers = Vec::new();
    let backer_of = |prefix: &str| {
        lexicon
            .actors
            .iter()
            .position(|a| a.demonyms.iter().chain(&a.aliases).any(|x| x == prefix))
    };
    for m in &mentions {
        let surface = &text[m.start..m.end];
        let Some(cut) = LINKS.iter().filter_map(|l| surface.find(l)).min() else {
            continue;
        };
        let prefix = &surface[..cut];
        if prefix.is_empty() || prefix.contains(' ') {
            continue;
        }
        if let Some(b) = backer_of(prefix).filter(|&b| b != m.actor) {
            backers.push(Mention {
                actor: b,
                start: m.start,
                end: m.start + cut,
                kind: MentionKind::Demonym,
            });
        }
    }
    if !backers.is_empty() {
        mentions.extend(backers);
        mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    }
    mentions
}

/// Words before an office that make it another office, or a past holder of it: "an assistant
/// secretary of state", "the former secretary of state", "a deputy prime minister".
const NOT_THE_HOLDER: &[&str] = &[
    "assistant",
    "deputy",
    "vice",
    "under",
    "former",
    "ex",
    "then",
    "outgoing",
];

/// Whether the title starting at `start`, resolved to `actor`, names someone else's office: a
/// qualifier before it ([`NOT_THE_HOLDER`]), or another state as its owner ("Iran's
/// president-elect", "the Iranian president-elect" are not the American one). The bare forms
/// ("president-elect", "secretary of state") are one state's offices only when no other state
/// claims them.
fn another_office(
    lexicon: &ActorLexicon,
    text: &str,
    start: usize,
    actor: usize,
    exact: &[Mention],
) -> bool {
    let before = text[..start].trim_end_matches(' ');
    let prev = before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '-'))
        .next()
        .unwrap_or("");
    if before.len() < start && NOT_THE_HOLDER.contains(&prev.to_lowercase().as_str()) {
        return true;
    }
    let owner_end = before
        .strip_suffix("'s")
        .or_else(|| before.strip_suffix("’s"))
        .unwrap_or(before)
        .len();
    if owner_end == start {
        return false;
    }
    // The state named right before: its name, capital or demonym ("Iran's", "Tehran's", "the
    // Iranian").
    let owner = exact.iter().find(|c| {
        c.end == owner_end
            && matches!(
                c.kind,
                MentionKind::Name | MentionKind::Demonym | MentionKind::Capital
            )
            && lexicon.actors[c.actor].kind == ActorKind::State
    });
    // The office's own state or body ("Russia's UN envoy" is not the UN's envoy either).
    owner.is_some_and(|o| lexicon.rollup(actor) != o.actor)
}

/// A foreign minister's office is the state's foreign ministry where the lexicon has one as an
/// actor of its own ("Syria's foreign minister" -> Syrian Foreign Ministry); else the state.
fn foreign_ministry_of(lexicon: &ActorLexicon, title: &str, state: usize) -> Option<usize> {
    let lower = title.to_lowercase();
    if !(lower.contains("foreign minister") || lower.contains("foreign ministry")) {
        return None;
    }
    let state_name = &lexicon.actors[state].name;
    let state_actor = |a: &super::lexicon::Actor| {
        a.affiliation.as_deref() == Some(state_name.as_str())
            || lexicon.actors[state].affiliation.as_deref() == Some(a.name.as_str())
    };
    lexicon.actors.iter().position(|a| {
        a.kind == ActorKind::GovernmentBody && a.name.contains("Foreign Ministry") && state_actor(a)
    })
}

/// The latest plausible year (2000-2030) written in the text as four digits on their own.
pub fn latest_year(text: &str) -> Option<u32> {
    let mut best: Option<u32> = None;
    let b = text.as_bytes();
    for i in 0..b.len().saturating_sub(3) {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && (i + 4 == b.len() || !b[i + 4].is_ascii_digit())
        {
            let y: u32 = text[i..i + 4].parse().unwrap_or(0);
            if (2000..=2030).contains(&y) {
                best = Some(best.map_or(y, |b| b.max(y)));
            }
        }
    }
    best
}

/// The pattern that holds over the whole of `span`. Common nouns ("rebels") hold at any date.
/// A title has no holder without a date, or when the office changed hands within it (a bare
/// year): it then names the office's state or body (see [`MentionMatcher::body_of_title`]), not
/// a guessed person.
fn pick_holder<'a>(options: &'a [Pattern], span: &super::lexicon::DateSpan) -> Option<&'a Pattern> {
    options
        .iter()
        .find(|p| span.within(p.from.as_deref(), p.to.as_deref()))
}

/// Nouns after which a demonym gives people's nationality, not their state's agency: "Iraqi
/// militiamen" fight for Iran's network, not for Baghdad; "Syrian refugees", "Iraqi branch".
const NATIONALITY_NOUNS: &[&str] = &[
    "militiamen",
    "refugees",
    "civilians",
    "nationals",
    "citizens",
    "migrants",
    "workers",
    "journalists",
    "tourists",
    "students",
    "pilgrims",
    "branch",
    "border",
    "Kurds",
    "Shia",
    "Shiite",
    "Shiites",
    "Sunni",
    "Sunnis",
    "tribesmen",
    "volunteers",
    "jihadists",
    "exiles",
    "members",
    "origin",
    "descent",
    "passport",
];

fn demonym_names_people(text: &str, end: usize) -> bool {
    let next = text[end..]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty());
    next.is_some_and(|w| NATIONALITY_NOUNS.contains(&w))
}

fn capital_is_place(text: &str, start: usize, end: usize) -> bool {
    let before: Vec<&str> = text[..start]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let prev = before.last().map(|w| w.to_lowercase());
    // "under pressure from Washington", "according to Moscow": the government acts (the same
    // nouns as for any state's name, see `reading`).
    let lead = before
        .len()
        .checked_sub(2)
        .map(|i| before[i].to_lowercase());
    let acting = match prev.as_deref() {
        Some("from") => lead
            .as_deref()
            .is_some_and(|w| super::reading::MEMBERS_FROM.contains(&w)),
        Some("to") => lead.as_deref() == Some("according"),
        _ => false,
    };
    if !acting && prev.as_deref().is_some_and(|w| PLACE_WORDS.contains(&w)) {
        return true;
    }
    let next = text[end..]
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty());
    // "Moscow-based", "Damascus-area": a hyphen right after the capital makes it a place.
    text[end..].starts_with('-') || next.is_some_and(|w| PLACE_FOLLOWERS.contains(&w))
}

/// Joins a title or demonym (plus capitalised office words) directly before a person's name:
/// "Russian President Vladimir Putin", "Foreign Minister Sergei Lavrov", "Iranian Gen. Qassem
/// Soleimani" are one mention of the person.
fn merge_titles(lexicon: &ActorLexicon, text: &str, mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if let Some(prev) = out.last() {
            let gap = &text[prev.end..m.start];
            let person = &lexicon.actors[m.actor];
            // "Staffan de Mistura, the UN envoy": an appositive title repeats the name before it.
            if m.kind == MentionKind::Title
                && prev.kind == MentionKind::Name
                && lexicon.actors[prev.actor].kind == ActorKind::Person
            {
                let g = gap.trim().to_lowercase();
                if g == "," || g == ", the" || g == ", a" || g == ", then" {
                    continue;
                }
            }
            let related = prev.actor == m.actor
                || lexicon.rollup(prev.actor) == lexicon.rollup(m.actor)
                || person
                    .affiliation
                    .as_deref()
                    .is_some_and(|aff| lexicon.actors[prev.actor].name == aff);
            let gap_is_title = gap.len() <= 40
                && gap
                    .split_whitespace()
                    .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || w == "of")
                && !gap.contains([',', ';', '(', ')', '"']);
            if person.kind == ActorKind::Person
                && matches!(prev.kind, MentionKind::Title | MentionKind::Demonym)
                && related
                && gap_is_title
            {
                let start = prev.start;
                out.pop();
                out.push(Mention {
                    actor: m.actor,
                    start,
                    end: m.end,
                    kind: MentionKind::Name,
                });
                continue;
            }
        }
        out.push(m);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, date: Option<&str>) -> Vec<(String, String)> {
        let lex = ActorLexicon::builtin();
        let m = MentionMatcher::new(&lex);
        m.find(&lex, text, date)
            .into_iter()
            .map(|x| {
                (
                    lex.actors[x.actor].name.clone(),
                    text[x.start..x.end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_surname_after_the_full_name_is_the_person() {
        let n = names(
            "Delegates chose Moaz al-Khatib as their leader. Khatib urged soldiers to defect, and \
             al-Khatib's deputies agreed.",
            None,
        );
        let khatib: Vec<&str> = n
            .iter()
            .filter(|(a, _)| a == "Moaz al-Khatib")
            .map(|(_, s)| s.as_str())
            .collect();
        assert_eq!(khatib, ["Moaz al-Khatib", "Khatib", "al-Khatib"]);
        // Before the full name, the bare surname is nobody yet.
        let n = names(
            "Khatib urged soldiers to defect. Moaz al-Khatib spoke.",
            None,
        );
        assert_eq!(n, [("Moaz al-Khatib".into(), "Moaz al-Khatib".into())]);
    }

    proptest::proptest! {
        #[test]
        fn surname_mentions_are_valid_and_follow_the_full_name(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "Moaz al-Khatib", "Khatib", "al-Khatib", "Al-Khatib", "Khatib's", "Khatibs",
                "Sergei Lavrov", "Lavrov", "said", "the", "coalition", ".", ",", "é", "-",
            ]), 0..40)
        ) {
            let text = words.join(" ");
            let lex = ActorLexicon::builtin();
            let found = MentionMatcher::new(&lex).find(&lex, &text, None);
            let khatib = lex.find("Moaz al-Khatib").unwrap();
            let full = text.find("Moaz al-Khatib");
            for m in &found {
                proptest::prop_assert!(m.start < m.end && m.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                if m.actor == khatib {
                    // Never before the first full name.
                    proptest::prop_assert!(full.is_some_and(|f| f <= m.start), "{text:?}");
                }
            }
            // Names never overlap one another.
            let names: Vec<_> = found.iter().filter(|m| m.kind == MentionKind::Name).collect();
            for w in names.windows(2) {
                proptest::prop_assert!(w[0].end <= w[1].start, "{text:?}");
            }
        }
    }

    #[test]
    fn a_surname_two_named_people_share_is_left_unread() {
        let lex = ActorLexicon::from_json(
            r#"{"version": 1, "target": "T", "actors": [
                {"name": "Omar Haddad", "kind": "person"},
                {"name": "Rami Haddad", "kind": "person"},
                {"name": "Sheikh Salman", "kind": "person"}]}"#,
            "test.json",
        )
        .unwrap();
        let m = MentionMatcher::new(&lex);
        let found = |text: &str| -> Vec<String> {
            m.find(&lex, text, None)
                .into_iter()
                .map(|x| format!("{}={}", lex.actors[x.actor].name, &text[x.start..x.end]))
                .collect()
        };
        assert_eq!(
            found("Omar Haddad spoke. Haddad said no."),
            ["Omar Haddad=Omar Haddad", "Omar Haddad=Haddad"]
        );
        assert_eq!(
            found("Omar Haddad met Rami Haddad. Haddad said no."),
            ["Omar Haddad=Omar Haddad", "Rami Haddad=Rami Haddad"]
        );
        // A title before a first name makes no surname.
        assert_eq!(
            found("Sheikh Salman spoke. Salman said no."),
            ["Sheikh Salman=Sheikh Salman"]
        );
    }

    #[test]
    fn longest_match_and_case_rules() {
        let n = names(
            "The Free Syrian Army and US officials told us Turkey would not eat turkey.",
            None,
        );
        let found: Vec<&str> = n.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(found, ["Free Syrian Army", "United States", "Turkey"]);
    }

    #[test]
    fn title_and_name_join() {
        let n = names(
            "Russian President Vladimir Putin met Foreign Minister Sergei Lavrov.",
            None,
        );
        assert_eq!(
            n[0],
            (
                "Vladimir Putin".to_string(),
                "Russian President Vladimir Putin".to_string()
            )
        );
        assert_eq!(n[1].0, "Sergei Lavrov");
    }

    #[test]
    fn titles_resolve_by_date() {
        assert_eq!(
            names("the Russian president said", Some("2010-01-01"))[0].0,
            "Dmitry Medvedev"
        );
        assert_eq!(
            names("the Russian president said", Some("2015-10-01"))[0].0,
            "Vladimir Putin"
        );
    }

    #[test]
    fn titles_without_a_holder_name_the_office() {
        // Undated, a title names the state or body, not a guessed holder.
        assert_eq!(names("the Russian president said", None)[0].0, "Russia");
        assert_eq!(
            names("the French foreign minister said", None)[0].0,
            "France"
        );
        assert_eq!(names("the UN envoy said", None)[0].0, "United Nations");
        // Dated, the holder of the day; a year in which the office changed hands names the
        // office too.
        assert_eq!(
            names("the French foreign minister said", Some("2013-06-05"))[0].0,
            "Laurent Fabius"
        );
        assert_eq!(
            names("the French foreign minister said", Some("2016"))[0].0,
            "France"
        );
        // A dated title whose holder is not in the lexicon names the office, not someone else.
        assert_eq!(
            names("Italy's foreign minister said", Some("2024-07-30"))[0].0,
            "Italy"
        );
    }

    #[test]
    fn titles_follow_the_names_in_the_text() {
        let n = names(
            "Secretary of State John Kerry spoke. Later the secretary of state left.",
            None,
        );
        assert!(n.iter().all(|(a, _)| a == "John Kerry"), "{n:?}");
        let n = names(
            "Staffan de Mistura, the UN envoy for Syria, called for a pause.",
            None,
        );
        assert_eq!(n.len(), 1, "{n:?}");
    }

    #[test]
    fn capitals_as_places_are_dropped() {
        let n = names("Moscow said talks in Ankara would go ahead.", None);
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].0, "Russia");
    }

    #[test]
    fn possessives_and_hyphenated_backers() {
        let n = names(
            "Iran's foreign minister praised Iranian-backed militias.",
            Some("2015-01-01"),
        );
        let found: Vec<&str> = n.iter().map(|(a, _)| a.as_str()).collect();
        assert!(found.contains(&"Iranian-backed militias"), "{n:?}");
        assert!(
            found.contains(&"Mohammad Javad Zarif") || found.contains(&"Iran"),
            "{n:?}"
        );
        // Places are not agents.
        assert!(names("a Britain-based war monitor said", None).is_empty());
        // Nationality is not agency.
        let n = names(
            "Iraqi militiamen and Syrian refugees crossed; Russian jets struck.",
            None,
        );
        assert_eq!(n, [("Russia".into(), "Russian".into())]);
        // The backer is named too, over its part of the compound.
        let n = names("Turkish-backed factions joined the push on Hama.", None);
        assert_eq!(
            n,
            [
                (
                    "Syrian National Army".into(),
                    "Turkish-backed factions".into()
                ),
                ("Turkey".into(), "Turkish".into())
            ]
        );
    }

    #[test]
    fn a_title_running_on_into_a_hyphenated_word_is_another_office() {
        // "brother-in-law" is not "brother": no holder of the shorter title is named...
        let found = names(
            "Kerry said the president's brother-in-law was killed.",
            Some("2012-07-18"),
        );
        assert!(
            !found.iter().any(|(a, _)| a == "Maher al-Assad"),
            "{found:?}"
        );
        // ...and its twin, the title itself, still names its holder.
        let found = names(
            "Kerry said the president's brother was wounded.",
            Some("2012-07-18"),
        );
        assert!(
            found.iter().any(|(a, _)| a == "Maher al-Assad"),
            "{found:?}"
        );
    }

    #[test]
    fn a_qualified_or_foreign_office_is_not_the_holder() {
        let holders = |text: &str, date: &str| -> Vec<String> {
            names(text, Some(date))
                .into_iter()
                .map(|(a, _)| a)
                .collect()
        };
        // A deputy, an assistant or a former holder is someone else; the bare office is the
        // holder of the day.
        let d = "2015-05-07";
        assert!(
            !holders("An assistant secretary of state flew in.", d).contains(&"John Kerry".into())
        );
        assert!(!holders("The former secretary of state spoke.", d).contains(&"John Kerry".into()));
        assert!(holders("The secretary of state flew in.", d).contains(&"John Kerry".into()));
        // Another state's office: Iran's president-elect is not the American one...
        let found = holders(
            "Iran's president-elect said his government would help.",
            "2013-06-20",
        );
        assert!(!found.contains(&"United States".into()), "{found:?}");
        let found = holders("The Iranian president-elect spoke.", "2016-12-01");
        assert!(!found.contains(&"Donald Trump".into()), "{found:?}");
        // ...while the office of the state named before it is its holder.
        let found = holders("The American president-elect spoke.", "2016-12-01");
        assert!(found.contains(&"Donald Trump".into()), "{found:?}");
        let found = holders("The president-elect spoke.", "2016-12-01");
        assert!(found.contains(&"Donald Trump".into()), "{found:?}");
    }
}
