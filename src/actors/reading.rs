//! How a mention is read: as an agent (someone who says or does something), or as a place, a
//! venue, a descriptor or a credit, which name a country or body without making it an actor of
//! the article.
//!
//! News names countries far more often as places than as agents ("pilgrims travelling from Saudi
//! Arabia", "the village of Mashghara, Lebanon", "JERUSALEM, Israel —", "the Iran nuclear deal"),
//! and a country reported as an actor there then gets a stance from nowhere. The rules read the
//! words around the mention; no parser is needed for these fixed constructions, and none of the
//! crates for English parsing runs without a model download, so they are written here.
//!
//! Its length: one table of readings (agent, place, venue, descriptor, dateline, credit, patient),
//! each with the word lists that decide it; split by reading, the lists would be shared anyway.

use serde::Serialize;

use super::lexicon::{ActorKind, ActorLexicon};
use super::matcher::{Mention, MentionKind};

/// How one mention reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reading {
    /// Says or does something, owns an act ("Iran's decision"), is a passive agent, or is one
    /// of a list of agents: an actor of the article.
    Agent,
    /// A location ("in Lebanon", "from Saudi Arabia", "near the Turkish border").
    Place,
    /// The dateline of a wire story ("JERUSALEM, Israel —").
    Dateline,
    /// A modifier of something else ("the Iran nuclear deal", "a former al-Qaeda commander",
    /// "Russian-made jets").
    Descriptor,
    /// A photo or text credit ("UN Photo").
    Credit,
    /// A collective named as what others act on ("arming the rebels"), not as acting.
    Patient,
}

impl Reading {
    /// Whether the mention makes its actor an actor of the article.
    pub fn is_agent(self) -> bool {
        self == Reading::Agent
    }
}

/// Words before a name that make it a place.
const PLACE_BEFORE: &[&str] = &[
    "in",
    "into",
    "inside",
    "near",
    "to",
    "from",
    "toward",
    "towards",
    "across",
    "via",
    "through",
    "within",
    "outside",
    "around",
    "throughout",
    "bordering",
    "neighbouring",
    "neighboring",
    "visit",
    "visited",
    "visiting",
    "entered",
    "crossed",
    "reached",
    "between",
    "at",
];

/// Nouns for people or acts that, before "from", make the name a member's or a voter's side:
/// "ministers from China", "votes from Russia", "pressure from Washington"; the matcher's guard
/// for capitals reads the same list.
pub(super) const MEMBERS_FROM: &[&str] = &[
    "ministers",
    "minister",
    "officials",
    "official",
    "lawmakers",
    "delegation",
    "delegations",
    "delegates",
    "observers",
    "envoys",
    "envoy",
    "diplomats",
    "diplomat",
    "votes",
    "vote",
    "troops",
    "forces",
    "inspectors",
    "experts",
    "representatives",
    "leaders",
    "counterparts",
    "counterpart",
    "support",
    "backing",
    "pressure",
    "objections",
    "criticism",
    "condemnation",
    "statements",
    "statement",
    "warnings",
    "opposition",
    "offers",
    "aid",
];

/// Words right after a name that make it a modifier of the noun they start.
const DESCRIBED_NOUNS: &[&str] = &[
    "nuclear",
    "deal",
    "war",
    "wars",
    "crisis",
    "conflict",
    "file",
    "summit",
    "border",
    "borders",
    "frontier",
    "embassy",
    "consulate",
    "airspace",
    "territory",
    "soil",
    "coast",
    "province",
    "invasion",
    "intervention",
    "campaign",
    "model",
    "scenario",
    "playbook",
    "experience",
    "commander",
    "commanders",
    "member",
    "members",
    "militant",
    "militants",
    "operative",
    "operatives",
    "affiliate",
    "affiliates",
    "branch",
    "franchise",
    "veteran",
    "veterans",
    "defector",
    "captive",
    "prisoner",
    "prisoners",
    "hostage",
    "hostages",
    "citizens",
    "nationals",
    "passport",
    "refugees",
    "camp",
    "camps",
    "photo",
    "Photo",
    "format",
];

/// Nouns for a group's people: after its name they speak for it ("Free Syrian Army commanders
/// said"), unless the person is introduced as one of them ("a former al-Qaeda commander").
/// Nouns after a body's name for its people: with a person named after them the person is the
/// actor and the body is part of the title ("U.N. ambassador Mark Lyall Grant", "EU foreign
/// policy chief Josep Borrell"); alone they are the body acting ("UN observers said").
const BODY_PEOPLE: &[&str] = &[
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "official",
    "officials",
    "chief",
    "foreign",
    "member",
    "members",
    "inspectors",
    "observers",
    "monitors",
    "peacekeepers",
    "secretary",
    "secretary-general",
    "representative",
    "commander",
    "commanders",
];

/// Nouns after a body's name that make it a label of a thing ("Islamic State positions").
const LABELLED: &[&str] = &[
    "targets",
    "target",
    "positions",
    "cell",
    "cells",
    "auspices",
    "mandate",
    "headquarters",
    "charter",
    "list",
    "flag",
    "flags",
    "logo",
];

const GROUP_PEOPLE: &[&str] = &[
    "commander",
    "commanders",
    "member",
    "members",
    "militant",
    "militants",
    "operative",
    "operatives",
    "fighters",
    "veteran",
    "veterans",
];

/// Meeting nouns: an international body's name before one is a venue ("at the G8 summit").
const VENUE_NOUNS: &[&str] = &[
    "summit",
    "meeting",
    "conference",
    "session",
    "talks",
    "forum",
];

/// Compounds after a name that make it a place or origin ("Russian-made", "Britain-based").
const ORIGIN_SUFFIXES: &[&str] = &[
    "-made",
    "-built",
    "-designed",
    "-born",
    "-educated",
    "-based",
    "-bound",
    "-language",
    "-style",
    "-led",
];

/// Nouns that make a demonym a place ("the Saudi and Qatari embassies", "the Kazakh capital").
const DEMONYM_PLACES: &[&str] = &[
    "embassy",
    "embassies",
    "consulate",
    "border",
    "frontier",
    "capital",
    "territory",
    "soil",
    "airspace",
    "coast",
    "villages",
    "village",
    "towns",
    "town",
    "side",
    "province",
    "city",
    "cities",
    "banks",
    "Kurdistan",
    "group",
    "militia",
    "movement",
    "party",
    "businessmen",
];

/// Nouns after "of" that make the next name a place ("large parts of Syria and Iraq").
const PLACE_OF: &[&str] = &[
    "parts",
    "part",
    "areas",
    "area",
    "village",
    "town",
    "city",
    "north",
    "south",
    "east",
    "west",
    "suburbs",
    "outskirts",
    "province",
    "region",
    "swathes",
    "regions",
    "capital",
    "territory",
    "border",
    "borders",
    "coast",
    "interior",
];

/// Verbs and prepositions after which a state is what others act on, not an actor ("urged
/// Turkey to", "defend Turkey", "trade with Iran and Russia").
const PATIENT_BEFORE: &[&str] = &[
    "with",
    "against",
    "defend",
    "defended",
    "attack",
    "attacked",
    "urged",
    "urge",
    "pressed",
    "press",
    "warned",
    "told",
    "invited",
    "informed",
    "blamed",
    "accused",
    "sanctioned",
    "punish",
    "isolate",
    "isolated",
    "for",
    "on",
    "over",
    "onto",
    "upon",
];

/// Words before a collective noun that leave it the subject of what follows: the start of a
/// sentence or clause, a reporting verb, a conjunction, a passive "by".
const SUBJECT_BEFORE: &[&str] = &[
    "and",
    "or",
    "while",
    "but",
    "as",
    "said",
    "says",
    "say",
    "that",
    "when",
    "after",
    "before",
    "by",
    "where",
    "whereas",
    "although",
    "though",
    "because",
    "since",
    "until",
    "if",
    "then",
    "meanwhile",
    "also",
    "other",
    "many",
    "some",
    "several",
    "most",
    "both",
    "allied",
    "local",
    "two",
    "three",
    "four",
    "five",
    "dozens",
    "hundreds",
    "thousands",
    "of",
    "among",
    "whose",
    "which",
    "who",
];

/// Whether the word before `at` starts a sentence (so its capital says nothing).
fn starts_sentence(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end();
    let word_start = head.rfind(|c: char| c.is_whitespace()).map_or(0, |i| i + 1);
    let before = head[..word_start].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', '"', '\u{201D}', '—', ':'])
}

/// Verbs that, right after a collective noun, make it the subject.
const SUBJECT_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "must",
    "should",
    "met",
    "took",
    "seized",
    "fought",
    "fled",
    "refused",
    "rejected",
    "accepted",
    "agreed",
    "demanded",
    "vowed",
    "threatened",
    "warned",
    "accused",
    "denied",
    "claimed",
    "launched",
    "captured",
    "attacked",
    "shelled",
    "held",
    "hold",
    "insisted",
    "called",
    "urged",
    "walked",
    "left",
    "arrived",
    "announced",
    "welcomed",
];

/// People of a group before "of": "officers of the Revolutionary Guard", "volunteers of Liwa
/// Fatemiyoun" are the group acting.
const MEMBERS_OF: &[&str] = &[
    "officers",
    "officer",
    "volunteers",
    "fighters",
    "members",
    "units",
    "militiamen",
    "troops",
    "commanders",
    "leaders",
    "spokesman",
    "spokeswoman",
    "envoy",
    "envoys",
    "delegation",
    "delegates",
    "negotiators",
    "head",
    "chief",
];

/// Verbs after which a group is what others act on ("blacklist the Nusra Front", "victory over
/// Islamic State").
const GROUP_PATIENT: &[&str] = &[
    "blacklist",
    "blacklisted",
    "designate",
    "designated",
    "ban",
    "banned",
    "bombed",
    "struck",
    "hit",
    "fighting",
    "fight",
    "defeat",
    "defeated",
    "targeting",
    "targeted",
    "crush",
    "crushed",
    "outlaw",
    "outlawed",
    "over",
];

/// Words before a person (past their title) that make them a victim or an addressee.
const PERSON_PATIENT: &[&str] = &[
    "killing",
    "killed",
    "kill",
    "assassinated",
    "assassinating",
    "wounded",
    "wounding",
    "informed",
    "informing",
    "mourned",
    "mourning",
    "buried",
    "burying",
    "honoured",
    "honored",
    "eliminated",
    "targeted",
    "targeting",
    "arrested",
    "detained",
    "executed",
    "poster",
    "portrait",
    "portraits",
    "posters",
    "beside",
    "showing",
    "alongside",
    "to",
];

/// Nouns before "of" that make the person after it a relation of someone else.
const RELATIONS_OF: &[&str] = &[
    "cousin",
    "brother",
    "son",
    "daughter",
    "wife",
    "widow",
    "father",
    "mother",
    "nephew",
    "uncle",
    "brother-in-law",
    "son-in-law",
    "successor",
    "predecessor",
    "funeral",
    "death",
    "killing",
    "assassination",
    "portrait",
    "poster",
    "picture",
    "photo",
];

/// Lower-case words of titles before a name.
const LOWER_TITLE_WORDS: &[&str] = &[
    "the",
    "late",
    "former",
    "jailed",
    "imprisoned",
    "exiled",
    "slain",
    "militant",
    "leader",
    "commander",
    "chief",
    "minister",
    "general",
    "senior",
    "top",
    "deputy",
    "defence",
    "defense",
    "foreign",
    "interior",
    "prime",
    "president",
    "envoy",
    "ambassador",
    "spokesman",
    "spokeswoman",
];

/// Whether the person's own predicate says they were killed, wounded or taken ("Hassan Turkmani,
/// a former defence minister, later died of his wounds"): a victim holds no stance.
fn dies_or_is_taken(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let sentence = &rest[..rest.find(['.', ';', '!', '?']).unwrap_or(rest.len())];
    // Skip an appositive set off by commas: "Hamedani, 65, a veteran of the war, was killed".
    // Appositives can come in a row ("Hamedani, 65, a veteran of the war, was"): after one is
    // skipped, a piece that starts like another (a number, an article) and ends in a comma is
    // skipped too.
    let mut clause = sentence.trim_start();
    let mut skipped = false;
    loop {
        let another = skipped
            && (clause.starts_with(|c: char| c.is_ascii_digit())
                || ["a ", "an ", "the "].iter().any(|d| clause.starts_with(d)));
        let after = match clause.strip_prefix(',') {
            Some(after) => after,
            None if another && clause.contains(',') => clause,
            None => break,
        };
        clause = match after.find(',') {
            Some(i) => after[i + 1..].trim_start(),
            None => after.trim_start(),
        };
        skipped = true;
    }
    let words: Vec<&str> = clause
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let fate = |w: &str| {
        matches!(
            w,
            "killed"
                | "wounded"
                | "assassinated"
                | "arrested"
                | "executed"
                | "detained"
                | "kidnapped"
                | "abducted"
                | "captured"
                | "died"
                | "dies"
                | "injured"
        )
    };
    // "was rumoured to have been wounded", "was reported to have died".
    let hedged = matches!(words.first(), Some(&("was" | "were" | "is")))
        && clause
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(7)
            .any(fate);
    if hedged {
        return true;
    }
    // Passives that describe or place the person rather than report an act of theirs ("was
    // regarded as an architect of", "has been chosen for the post").
    let described = |w: &str| {
        fate(w)
            || matches!(
                w,
                "chosen"
                    | "appointed"
                    | "named"
                    | "nominated"
                    | "regarded"
                    | "considered"
                    | "described"
                    | "remembered"
                    | "replaced"
                    | "dismissed"
                    | "sacked"
            )
    };
    match words.as_slice() {
        [w, ..] if fate(w) => true,
        ["later" | "reportedly", w, ..] if fate(w) => true,
        ["was" | "were" | "is", w, ..] if described(w) => true,
        ["had" | "has", w, ..] if fate(w) => true,
        ["was" | "had" | "has", "been", w, ..] if described(w) => true,
        _ => false,
    }
}

/// Where the title before a person's name starts, looking back from `i`: capitalised words, "'s",
/// and the title words of news ("Defence Minister", "the jailed militant leader").
fn past_title(words: &[&str], mut i: usize) -> usize {
    while i > 0 {
        let w = words[i - 1];
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        // Arabic names' particles are lower case inside a name ("Suheil al-Hassan").
        let particle = w.starts_with("al-") || w.starts_with("el-") || matches!(w, "bin" | "ibn");
        if capital || particle || w.ends_with("'s") || LOWER_TITLE_WORDS.contains(&w) {
            i -= 1;
        } else {
            break;
        }
    }
    i
}

/// Acts whose objects, listed after "including" or "among them", are victims or targets.
const TARGETING: &[&str] = &[
    "blacklisting",
    "blacklisted",
    "sanctioning",
    "sanctioned",
    "designating",
    "designated",
    "targeting",
    "targeted",
    "killing",
    "killed",
    "wounding",
    "wounded",
    "arresting",
    "arrested",
    "detaining",
    "detained",
];

/// Whether the list a name closes ("..., including X") was opened by an act on targets in the
/// same sentence, a few words back.
fn list_of_targets(text: &str, at: usize) -> bool {
    let head = &text[..at];
    let sentence_start = head.rfind(['.', ';', '!', '?']).map_or(0, |i| i + 1);
    words_before(&text[sentence_start..], at - sentence_start)
        .iter()
        .rev()
        .take(10)
        .any(|w| TARGETING.contains(&w.to_lowercase().as_str()))
}

/// Whether the name at `at` follows a comma that ends its own title ("Syria's envoy to the United
/// Nations, Bashar Jaafari"), and that title is what a victim or an addressee verb governs
/// ("informed", "killing").
fn addressed_by_title(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end();
    let Some(head) = head.strip_suffix(',') else {
        return false;
    };
    if head.ends_with([',', '.', ';', ':']) {
        return false;
    }
    let words = words_before(head, head.len());
    // Back over the title with its prepositions ("envoy to the United Nations", "minister of
    // defence"), which must hold a title noun.
    let mut i = words.len();
    let mut titled = false;
    while i > 0 {
        let w = words[i - 1];
        let lower = w.to_lowercase();
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let title_word = LOWER_TITLE_WORDS.contains(&lower.as_str()) && lower != "the";
        if capital
            || w.ends_with("'s")
            || title_word
            || matches!(lower.as_str(), "the" | "to" | "of" | "for" | "at")
        {
            titled |= title_word;
            i -= 1;
        } else {
            break;
        }
    }
    if !titled || i == 0 {
        return false;
    }
    // The words are slices of `head`, so their offsets give the gap between the verb and the
    // title, which must be spaces only ("killing. Syria's envoy" is two sentences).
    let offset = |w: &str| w.as_ptr() as usize - head.as_ptr() as usize;
    let verb = words[i - 1];
    let gap = &head[offset(verb) + verb.len()..offset(words[i])];
    let verb = verb.to_lowercase();
    gap.trim().is_empty() && PERSON_PATIENT.contains(&verb.as_str()) && verb != "to"
}

/// How a person's mention reads: the first lower-case word before the name and its title
/// decides (see `PERSON_PATIENT` and `RELATIONS_OF`).
fn read_person(text: &str, m: &Mention) -> Reading {
    let words = words_before(text, m.start);
    let i = past_title(&words, words.len());
    if dies_or_is_taken(text, m.end) {
        return Reading::Patient;
    }
    let Some(prev) = i.checked_sub(1).map(|k| words[k].to_lowercase()) else {
        return Reading::Agent;
    };
    // Only when nothing but spaces and the title stand between: a comma or a full stop ends it.
    let gap_start = text[..m.start]
        .rfind(words[i - 1])
        .map_or(m.start, |p| p + words[i - 1].len());
    if text[gap_start..m.start].contains([',', '.', ';', ':']) {
        // Unless the comma only sets the name after its title: "informed Syria's envoy to the
        // United Nations, Bashar Jaafari" names the addressee.
        if addressed_by_title(text, m.start) {
            return Reading::Patient;
        }
        return Reading::Agent;
    }
    // "killing Defence Minister Dawoud Rajha and Assef Shawkat": the second of two people
    // joined by "and" shares the first one's fate.
    if prev == "and" {
        let j = past_title(&words, i - 1);
        let before_first = j.checked_sub(1).map(|k| words[k].to_lowercase());
        if j < i - 1
            && before_first
                .as_deref()
                .is_some_and(|w| PERSON_PATIENT.contains(&w) && w != "to")
        {
            return Reading::Patient;
        }
    }
    // "blacklisting 39 people and entities, including Asma al-Assad", "killing seven members of
    // the Guards, among them General Zahedi": a member of a list of victims or targets.
    let listed = prev == "including"
        || (prev == "them" && i >= 2 && words[i - 2].eq_ignore_ascii_case("among"))
        || (prev == "as" && i >= 2 && words[i - 2].eq_ignore_ascii_case("such"));
    if listed && list_of_targets(text, m.start) {
        return Reading::Patient;
    }
    // "wrote to EU foreign policy chief Josep Borrell" is an addressee; "according to" names a
    // source and "forces loyal to" a commander.
    let lead = i.checked_sub(2).map(|k| words[k].to_lowercase());
    if PERSON_PATIENT.contains(&prev.as_str())
        && !(prev == "to"
            && lead.as_deref().is_some_and(|w| {
                matches!(
                    w,
                    "according" | "loyal" | "close" | "allied" | "linked" | "tied" | "answering"
                )
            }))
    {
        return Reading::Patient;
    }
    if prev == "of" && lead.as_deref().is_some_and(|w| RELATIONS_OF.contains(&w)) {
        return Reading::Descriptor;
    }
    Reading::Agent
}

/// The words before `at`, within the last few hundred bytes: the rules look a few words back,
/// and a whole-prefix scan per mention would make long articles quadratic. The first word of the
/// window may be cut, so it is dropped unless the window starts the text.
fn words_before(text: &str, at: usize) -> Vec<&str> {
    let mut from = at.saturating_sub(320);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut words: Vec<&str> = text[from..at]
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    if from > 0 && !words.is_empty() {
        words.remove(0);
    }
    words
}

fn next_word(text: &str, at: usize) -> Option<&str> {
    text[at..]
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .find(|w| !w.is_empty())
}

/// What stands right before `at`, skipping spaces: a punctuation mark or the start of a word.
fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].trim_end().chars().next_back()
}

/// Whether the mention sits in the dateline at the head of a wire story: the text (or a line of
/// it) starts with a city in capitals, then a comma, and the mention comes before the dash or the
/// agency's name that ends the dateline.
fn in_dateline(text: &str, m: &Mention) -> bool {
    // Only the last 61 bytes can hold a dateline's head: looking further back for the line start
    // would make every mention of a long unbroken text cost its length.
    let mut lo = m.start.saturating_sub(61);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let line_start = match text[lo..m.start].rfind('\n') {
        Some(i) => lo + i + 1,
        None if lo == 0 => 0,
        None => return false,
    };
    let head = &text[line_start..m.start];
    if head.len() > 60 || !head.contains(',') {
        return false;
    }
    let first = head.split(',').next().unwrap_or("").trim();
    let caps = !first.is_empty()
        && first
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-' || c == '\'');
    if !caps {
        return false;
    }
    let rest = text[m.end..].trim_start();
    rest.starts_with('—')
        || rest.starts_with('–')
        || rest.starts_with("- ")
        || rest.starts_with("--")
        || rest.starts_with('(')
        || rest.starts_with(',')
        || rest.starts_with(':')
}

/// Where the words before `at` end, leaving out a "the" right before it ("to the UN").
fn skip_article(text: &str, at: usize) -> usize {
    let head = text[..at].trim_end();
    let n = head.len();
    let is_the = n >= 3
        && head
            .get(n - 3..)
            .is_some_and(|t| t.eq_ignore_ascii_case("the"))
        && !head[..n - 3]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    if is_the {
        n - 3
    } else {
        at
    }
}

/// Whether a person's name follows within the title that starts at `at`: up to six title words,
/// then two capitalised words ("ambassador, Mark Lyall Grant", "foreign policy chief Josep
/// Borrell", "spokesman Col. Steve Warren").
fn names_a_person_next(text: &str, at: usize) -> bool {
    let words: Vec<&str> = text[at..]
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(9)
        .collect();
    let cap = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
    };
    (0..words.len().saturating_sub(1)).any(|i| {
        cap(words[i])
            && cap(words[i + 1].trim_end_matches(['.', ',']))
            && !words[i].ends_with('.')
            && words[..i].iter().all(|w| !w.ends_with('.') || w.len() <= 4)
    })
}

/// Words that end an appositive's noun phrase and start something else: a passive agent, a
/// clause, a preposition of place or time, a verb.
const NOT_APPOSITIVE: &[&str] = &[
    "by",
    "and",
    "or",
    "but",
    "who",
    "whom",
    "whose",
    "which",
    "that",
    "said",
    "says",
    "told",
    "while",
    "with",
    "to",
    "as",
    "for",
    "in",
    "on",
    "at",
    "from",
    "after",
    "before",
    "when",
    "where",
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "backed",
    "supported",
    "led",
    "including",
    "against",
];

/// Nouns for a person's role after a body's name inside an appositive ("Zahran Alloush, the
/// Jaish al-Islam founder"), besides `BODY_PEOPLE` and `GROUP_PEOPLE`.
const ROLE_NOUNS: &[&str] = &["founder", "co-founder", "leader", "head", "chief", "boss"];

/// Whether `m` stands in apposition to the mention that ends at `head_end`: a comma, then a noun
/// phrase of lower-case words ("The Syrian National Council, the main opposition bloc", "Maher
/// al-Assad, commander of the elite Fourth Division", "Qassem Soleimani, the late Quds Force
/// chief"). A list ("Russia, the United States and France") is not one: a name needs a
/// describing word before it or a role noun after it, and a title or common noun must not go on
/// into "and" or "or".
fn in_apposition(text: &str, head_end: usize, m: &Mention) -> bool {
    let Some(gap) = text[head_end..m.start].strip_prefix(',') else {
        return false;
    };
    if gap.contains(|c: char| {
        !(c.is_alphanumeric() || c.is_whitespace() || matches!(c, '-' | '\'' | '’'))
    }) {
        return false;
    }
    let words: Vec<&str> = gap.split_whitespace().collect();
    if words.len() > 5
        || words.iter().any(|w| {
            !w.chars().next().is_some_and(char::is_lowercase) || NOT_APPOSITIVE.contains(w)
        })
    {
        return false;
    }
    let describing = words
        .iter()
        .any(|w| !matches!(*w, "the" | "a" | "an" | "its" | "his" | "her" | "their"));
    let next = next_word(text, m.end);
    match m.kind {
        MentionKind::Name => {
            describing
                || !words.is_empty()
                    && next.is_some_and(|w| {
                        ROLE_NOUNS.contains(&w)
                            || BODY_PEOPLE.contains(&w)
                            || GROUP_PEOPLE.contains(&w)
                    })
        }
        MentionKind::Title | MentionKind::Common | MentionKind::Demonym => {
            describing || !next.is_some_and(|w| matches!(w, "and" | "or"))
        }
        MentionKind::Capital | MentionKind::Pronoun => false,
    }
}

/// How each of `mentions` (sorted by start) reads in `text`: [`read_mention`], then appositives.
/// A title or noun phrase set after a name by a comma describes that name: for the same actor it
/// reads as the name does ("Qassem Soleimani, the late Quds Force chief" after "alongside" is
/// not an agent either), for another actor it is a descriptor ("Maher al-Assad, commander of the
/// elite Fourth Division" does not make the division an actor). A person's own name is never an
/// appositive: "Syria's envoy, Bashar Jaafari" names him.
pub fn read_mentions(lexicon: &ActorLexicon, text: &str, mentions: &[Mention]) -> Vec<Reading> {
    let mut readings: Vec<Reading> = mentions
        .iter()
        .map(|m| read_mention(lexicon, text, m))
        .collect();
    for k in 1..mentions.len() {
        let m = &mentions[k];
        let own_name =
            m.kind == MentionKind::Name && lexicon.actors[m.actor].kind == ActorKind::Person;
        if own_name || m.kind == MentionKind::Pronoun {
            continue;
        }
        // The head is the closest mention before, ending before this one starts.
        let Some(h) = (0..k).rev().find(|&h| mentions[h].end <= m.start) else {
            continue;
        };
        if !in_apposition(text, mentions[h].end, m) {
            continue;
        }
        readings[k] = if mentions[h].actor == m.actor {
            readings[h]
        } else {
            Reading::Descriptor
        };
    }
    readings
}

/// Whether the words after a name are a passive of telling or inviting ("had been told", "was
/// not invited", "were informed").
fn addressed_in_passive(text: &str, end: usize) -> bool {
    let words: Vec<&str> = text[end..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let told = |w: &str| {
        matches!(
            w,
            "told" | "informed" | "notified" | "briefed" | "invited" | "uninvited" | "disinvited"
        )
    };
    match words.as_slice() {
        ["was" | "were" | "is" | "are", w, ..] if told(w) => true,
        ["was" | "were" | "is" | "are", "not", w, ..] if told(w) => true,
        ["had" | "has" | "have", "been", w, ..] if told(w) => true,
        ["had" | "has" | "have", "not", "been", w, ..] if told(w) => true,
        _ => false,
    }
}

/// How `m` reads in `text`.
pub fn read_mention(lexicon: &ActorLexicon, text: &str, m: &Mention) -> Reading {
    let actor = &lexicon.actors[m.actor];
    if m.kind == MentionKind::Pronoun {
        return Reading::Agent;
    }
    if ORIGIN_SUFFIXES.iter().any(|s| text[m.end..].starts_with(s)) {
        return Reading::Descriptor;
    }
    // People are named as agents, unless the words before make them a victim or an addressee
    // ("killing Defence Minister Dawoud Rajha", "informed Syria's envoy, Bashar Jaafari") or a
    // relation of someone else ("a cousin of Zahran Alloush"); the rules further down are for
    // the names of places and bodies.
    // "who served as Syria's foreign minister", "known as the Quds Force chief": a title after
    // "as" says what someone was, and reports no act of the holder.
    if m.kind == MentionKind::Title
        && words_before(text, m.start)
            .last()
            .is_some_and(|w| w.eq_ignore_ascii_case("as"))
        && char_before(text, m.start).is_some_and(char::is_alphanumeric)
    {
        return Reading::Descriptor;
    }
    if actor.kind == ActorKind::Person {
        return read_person(text, m);
    }
    if in_dateline(text, m) {
        return Reading::Dateline;
    }
    let next = next_word(text, m.end);
    let after = text[m.end..].chars().next();
    if next.is_some_and(|w| w == "Photo" || w == "photo" || w == "Photos")
        && !text[m.end..].starts_with("'s")
    {
        return Reading::Credit;
    }
    let possessive = text[m.end..].starts_with("'s") || text[m.end..].starts_with("’s");
    // "Al-Qaida's Syrian affiliate said": the group names its affiliate, which is the one acting.
    if possessive && actor.kind != ActorKind::State {
        let after: Vec<&str> = text[m.end..]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .skip(1)
            .take(3)
            .collect();
        let affiliate = |w: &&str| {
            matches!(
                *w,
                "affiliate" | "affiliates" | "branch" | "offshoot" | "franchise" | "wing"
            )
        };
        if after.iter().any(affiliate) {
            return Reading::Descriptor;
        }
    }
    let before = words_before(text, m.start);
    let prev = before.last().map(|w| w.to_lowercase());
    let punct_before = char_before(text, m.start).filter(|c| !c.is_alphanumeric());
    let prev_is_word = punct_before.is_none();
    let prev = prev.filter(|_| prev_is_word);
    // "the Iran nuclear deal", "a former al-Qaeda commander": a name used as a modifier. Only
    // for names (not demonyms, which are modifiers by nature and are read by the state's acts).
    if matches!(m.kind, MentionKind::Name | MentionKind::Common)
        && !possessive
        && after == Some(' ')
        && next.is_some_and(|w| DESCRIBED_NOUNS.contains(&w))
    {
        let introduced = matches!(
            prev.as_deref(),
            Some("a" | "an" | "former" | "ex" | "one" | "another")
        );
        if !next.is_some_and(|w| GROUP_PEOPLE.contains(&w)) || introduced {
            return Reading::Descriptor;
        }
    }
    if m.kind == MentionKind::Demonym {
        let ahead: Vec<&str> = text[m.end..]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(3)
            .collect();
        let conjoined = ahead.first() == Some(&"and");
        let noun = if conjoined {
            ahead.get(2)
        } else {
            ahead.first()
        };
        if noun.is_some_and(|w| DEMONYM_PLACES.contains(w)) {
            return Reading::Place;
        }
    }
    if m.kind == MentionKind::Name
        && actor.kind != ActorKind::State
        && !possessive
        && after == Some(' ')
    {
        if next.is_some_and(|w| LABELLED.contains(&w)) {
            return Reading::Descriptor;
        }
        if next.is_some_and(|w| BODY_PEOPLE.contains(&w)) && names_a_person_next(text, m.end) {
            return Reading::Descriptor;
        }
    }
    // "the U.S. National Security Council", "Iran's Supreme National Security Council": the
    // name is the end of a longer one.
    if m.kind == MentionKind::Name
        && actor.kind != ActorKind::State
        && char_before(text, m.start).is_some_and(char::is_alphanumeric)
        && text[..m.start].ends_with(' ')
        && words_before(text, m.start).last().is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && *w != "The" && !w.contains('-')
        })
        && !starts_sentence(text, m.start)
    {
        return Reading::Descriptor;
    }
    let prev_skipping_the = {
        let at = skip_article(text, m.start);
        char_before(text, at)
            .filter(|c| c.is_alphanumeric())
            .and_then(|_| words_before(text, at).last().map(|w| w.to_lowercase()))
    };
    let lead = {
        let at = skip_article(text, m.start);
        let w = words_before(text, at);
        w.len().checked_sub(2).map(|i| w[i].to_lowercase())
    };
    if actor.kind == ActorKind::InternationalBody
        && !possessive
        && matches!(prev_skipping_the.as_deref(), Some("in" | "at" | "inside"))
    {
        return Reading::Place;
    }
    let group = matches!(
        actor.kind,
        ActorKind::ArmedGroup | ActorKind::PoliticalOrg | ActorKind::Ngo
    );
    // "an offshoot of al-Qaeda", "a senior figure in Jaish al-Islam": a group that describes
    // someone else; "fighters of the Islamic State" are the group acting.
    if group && !possessive && m.kind == MentionKind::Name {
        // "Mohammed Alloush of Jaish al-Islam": a named member speaks for the group.
        let named_lead = {
            let at = skip_article(text, m.start);
            let w = words_before(text, at);
            w.len()
                .checked_sub(2)
                .is_some_and(|i| w[i].chars().next().is_some_and(char::is_uppercase))
        };
        let people_lead = named_lead
            || lead.as_deref().is_some_and(|w| {
                MEMBERS_FROM.contains(&w) || GROUP_PEOPLE.contains(&w) || MEMBERS_OF.contains(&w)
            });
        match prev_skipping_the.as_deref() {
            Some("of") if !people_lead => return Reading::Descriptor,
            Some("in") => return Reading::Descriptor,
            _ => {}
        }
        if prev_skipping_the
            .as_deref()
            .is_some_and(|w| PATIENT_BEFORE.contains(&w) || GROUP_PATIENT.contains(&w))
        {
            return Reading::Patient;
        }
    }
    // The meeting noun may be part of the name the lexicon matched ("the G8 summit").
    let own_last = text[m.start..m.end]
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .map(str::to_lowercase);
    let meeting = next.is_some_and(|w| VENUE_NOUNS.contains(&w))
        || own_last
            .as_deref()
            .is_some_and(|w| VENUE_NOUNS.contains(&w));
    if actor.kind != ActorKind::State
        && !possessive
        && meeting
        && before
            .iter()
            .rev()
            .take(3)
            .any(|w| matches!(*w, "at" | "in" | "on" | "of" | "to"))
    {
        return Reading::Place;
    }
    // Bodies are named after "to" and "at" as addressees and forums that act ("referred the case
    // to the International Criminal Court"), so only states and seats of government are places.
    let placeable = actor.kind == ActorKind::State || matches!(m.kind, MentionKind::Capital);
    // "camps in Turkey's Hatay province": a possessive that names where a place is.
    if placeable && possessive {
        let prep = words_before(text, skip_article(text, m.start))
            .last()
            .map(|w| w.to_lowercase());
        let noun_after = text[m.end..]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .skip(1)
            .take(3)
            .any(|w| PLACE_OF.contains(&w) || DEMONYM_PLACES.contains(&w));
        if prep.as_deref().is_some_and(|w| PLACE_BEFORE.contains(&w)) && noun_after {
            return Reading::Place;
        }
    }
    if placeable && !possessive && m.kind != MentionKind::Demonym {
        // "to the UN", "in Lebanon", "from Saudi Arabia"; "the" is skipped unless it starts a
        // sentence.
        let at = skip_article(text, m.start);
        let word_before = |at: usize| {
            char_before(text, at)
                .filter(|c| c.is_alphanumeric())
                .and_then(|_| words_before(text, at).last().map(|w| w.to_lowercase()))
        };
        let prep = word_before(at);
        let before = words_before(text, at);
        let n = before.len();
        let ahead = |k: usize| n.checked_sub(k).map(|i| before[i].to_lowercase());
        // "to Syria and Iraq": the second of two places joined by "and" or "or" (no comma).
        let conjoined = matches!(prep.as_deref(), Some("and" | "or"))
            && ahead(2)
                .is_some_and(|_| before[n - 2].chars().next().is_some_and(char::is_uppercase))
            && !text[..at]
                .trim_end()
                .trim_end_matches(char::is_alphabetic)
                .trim_end()
                .ends_with(',');
        let (prep, lead) = if conjoined {
            (ahead(3), ahead(4))
        } else {
            (prep, ahead(2))
        };
        // "according to the Pentagon", "ministers from China": a source or a member's side.
        let agentive = match prep.as_deref() {
            Some("to") => lead.as_deref() == Some("according"),
            Some("from") => lead.as_deref().is_some_and(|w| MEMBERS_FROM.contains(&w)),
            _ => false,
        };
        // "the border with Jordan", "large parts of Syria and Iraq".
        let bordering = match prep.as_deref() {
            Some("with") => lead
                .as_deref()
                .is_some_and(|w| matches!(w, "border" | "frontier" | "borders")),
            Some("of") => lead.as_deref().is_some_and(|w| PLACE_OF.contains(&w)),
            _ => false,
        };
        if bordering {
            return Reading::Place;
        }
        if !agentive && prep.as_deref().is_some_and(|w| PLACE_BEFORE.contains(&w)) {
            // "by the United States" and "of Russia's" stay agents; "talks between Russia and
            // Turkey" are agents too: parties of talks act.
            let party = prep.as_deref() == Some("between")
                && before
                    .iter()
                    .rev()
                    .take(4)
                    .any(|w| matches!(*w, "talks" | "deal" | "agreement" | "meeting"));
            if !party {
                return Reading::Place;
            }
        }
        // "the village of Mashghara, Lebanon": a country after a comma that follows a place name.
        if punct_before == Some(',') && m.kind == MentionKind::Name {
            let head = text[..m.start].trim_end().trim_end_matches(',');
            let place_words = words_before(head, head.len());
            let n = place_words.len();
            let capitalised = place_words
                .last()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
            let led_by_place = place_words[n.saturating_sub(2)..n.saturating_sub(1)]
                .iter()
                .any(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "in" | "of"
                            | "near"
                            | "village"
                            | "town"
                            | "city"
                            | "from"
                            | "camp"
                            | "at"
                            | "district"
                    )
                });
            let ends = text[m.end..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| matches!(c, ',' | '.' | ';' | ')' | '—' | '–'));
            if capitalised && led_by_place && ends {
                return Reading::Place;
            }
        }
    }
    if placeable && !possessive && m.kind != MentionKind::Demonym {
        let at = skip_article(text, m.start);
        let prev = char_before(text, at)
            .filter(|c| c.is_alphanumeric())
            .and_then(|_| words_before(text, at).last().map(|w| w.to_lowercase()));
        // "for Britain and France to send weapons", "with Iran taking part": the state is the
        // subject of what follows.
        let following = next_word(text, m.end).unwrap_or("");
        // "for Britain and France to send weapons": the states are the subject of "to".
        let to_follows = text[m.end..]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(4)
            .take_while(|w| {
                *w == "and" || *w == "to" || w.chars().next().is_some_and(char::is_uppercase)
            })
            .any(|w| w == "to");
        let prev_for = prev.as_deref() == Some("for")
            || (prev.as_deref() == Some("and") && {
                let w = words_before(text, at);
                w.len() >= 3 && w[w.len() - 3].eq_ignore_ascii_case("for")
            });
        if prev_for && to_follows {
            return Reading::Agent;
        }
        let subject_of_next = following.ends_with("ing") && prev.as_deref() == Some("with");
        // "talks with the German chancellor": a party to talks acts.
        let before_prev = words_before(text, at)
            .iter()
            .rev()
            .nth(1)
            .map(|w| w.to_lowercase());
        let party = prev.as_deref() == Some("with")
            && before_prev.as_deref().is_some_and(|w| {
                matches!(
                    w,
                    "talks"
                        | "meeting"
                        | "meetings"
                        | "call"
                        | "agreement"
                        | "deal"
                        | "contacts"
                        | "negotiations"
                        | "summit"
                        | "together"
                        | "along"
                        | "alongside"
                )
            });
        let subject_of_next = subject_of_next || party;
        if !subject_of_next && prev.as_deref().is_some_and(|w| PATIENT_BEFORE.contains(&w)) {
            return Reading::Patient;
        }
        // "trade with Iran and Russia", "relief for Syria and Turkey": the second of two
        // objects joined by "and".
        let w = words_before(text, at);
        let n = w.len();
        let conjoined_patient = prev.as_deref() == Some("and")
            && n >= 3
            && w[n - 2].chars().next().is_some_and(char::is_uppercase)
            && PATIENT_BEFORE.contains(&w[n - 3].to_lowercase().as_str());
        if conjoined_patient {
            return Reading::Patient;
        }
    }
    // "Turkey had been told in advance", "Iran was not invited": what others did to the state
    // or body.
    if !possessive && addressed_in_passive(text, m.end) {
        return Reading::Patient;
    }
    if m.kind == MentionKind::Common && !possessive {
        // "arming the rebels", "talks with the opposition": a collective named as the object of
        // someone else's act. The article inside the mention ("the opposition") is skipped.
        let at = skip_article(text, m.start);
        let prev = char_before(text, at)
            .filter(|c| c.is_alphanumeric())
            .and_then(|_| words_before(text, at).last().map(|w| w.to_lowercase()));
        // "the opposition was not serious", "rebels shelled": a verb right after makes a subject.
        let verb_after =
            next.is_some_and(|w| SUBJECT_VERBS.contains(&w) || (w.len() > 4 && w.ends_with("ed")));
        if let Some(w) = prev {
            let lower_word = w.chars().next().is_some_and(char::is_lowercase);
            if lower_word && !verb_after && !SUBJECT_BEFORE.contains(&w.as_str()) {
                return Reading::Patient;
            }
        }
    }
    Reading::Agent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::MentionMatcher;

    fn readings(text: &str) -> Vec<(String, Reading)> {
        let lex = ActorLexicon::builtin();
        let m = MentionMatcher::new(&lex);
        m.find(&lex, text, Some("2019-01-01"))
            .iter()
            .map(|x| {
                (
                    text[x.start..x.end].to_string(),
                    read_mention(&lex, text, x),
                )
            })
            .collect()
    }

    fn reading_of(text: &str, surface: &str) -> Reading {
        readings(text)
            .into_iter()
            .find(|(s, _)| s == surface)
            .unwrap_or_else(|| panic!("{surface} not found in {text}"))
            .1
    }

    #[test]
    fn places_and_agents_differ_by_their_words() {
        let t = "Pilgrims travelling from Saudi Arabia were stopped.";
        assert_eq!(reading_of(t, "Saudi Arabia"), Reading::Place);
        let t = "Saudi Arabia stopped the pilgrims.";
        assert_eq!(reading_of(t, "Saudi Arabia"), Reading::Agent);
        let t = "Shells fell on the village of Mashghara, Lebanon, on Monday.";
        assert_eq!(reading_of(t, "Lebanon"), Reading::Place);
        let t = "Mashghara residents said Lebanon, Jordan and Iraq had closed crossings.";
        assert_eq!(reading_of(t, "Lebanon"), Reading::Agent);
        let t = "He said the war had spread to Syria and Iraq.";
        assert_eq!(reading_of(t, "Iraq"), Reading::Place);
        let t = "Sanctions imposed by the United States took effect.";
        assert_eq!(reading_of(t, "the United States"), Reading::Agent);
    }

    #[test]
    fn datelines_descriptors_and_credits_are_not_agents() {
        let t = "JERUSALEM, Israel — Jets struck near Damascus.";
        assert_eq!(reading_of(t, "Israel"), Reading::Dateline);
        let t = "Israel said its jets struck near Damascus.";
        assert_eq!(reading_of(t, "Israel"), Reading::Agent);
        let t = "He criticised the Iran nuclear deal.";
        assert_eq!(reading_of(t, "Iran"), Reading::Descriptor);
        let t = "He criticised Iran over the deal.";
        assert_eq!(reading_of(t, "Iran"), Reading::Agent);
        let t = "Rescuers worked overnight. UN Photo";
        assert_eq!(reading_of(t, "UN"), Reading::Credit);
        let t = "Rebels flew Russian-made jets.";
        assert_eq!(reading_of(t, "Russian"), Reading::Descriptor);
    }

    #[test]
    fn people_who_are_only_victims_or_relations_are_not_agents() {
        let t = "A drone strike killing Qassem Soleimani was ordered by Trump.";
        assert_eq!(reading_of(t, "Qassem Soleimani"), Reading::Patient);
        let t = "Qassem Soleimani ordered the strike.";
        assert_eq!(reading_of(t, "Qassem Soleimani"), Reading::Agent);
        let t = "Qassem Soleimani, the Quds Force commander, was killed at Baghdad airport.";
        assert_eq!(reading_of(t, "Qassem Soleimani"), Reading::Patient);
        let t = "EU states wrote to Josep Borrell urging a review.";
        assert_eq!(reading_of(t, "Josep Borrell"), Reading::Patient);
        let t = "Forces loyal to Nouri al-Maliki pressed on, according to Josep Borrell.";
        assert_eq!(reading_of(t, "Nouri al-Maliki"), Reading::Agent);
        assert_eq!(reading_of(t, "Josep Borrell"), Reading::Agent);
        let t =
            "Maher al-Assad, commander of the Fourth Division, was rumoured to have been wounded.";
        assert_eq!(reading_of(t, "Maher al-Assad"), Reading::Patient);
        let t = "Al-Qaida's Syrian affiliate said it held the town.";
        assert_eq!(reading_of(t, "Al-Qaida"), Reading::Descriptor);
        let t = "He is a cousin of Zahran Alloush.";
        assert_eq!(reading_of(t, "Zahran Alloush"), Reading::Descriptor);
        let t = "Zahran Alloush said the talks had failed.";
        assert_eq!(reading_of(t, "Zahran Alloush"), Reading::Agent);
    }

    #[test]
    fn collectives_are_agents_only_when_they_act() {
        let t = "Putin warned against arming the rebels.";
        assert_eq!(reading_of(t, "rebels"), Reading::Patient);
        let t = "Putin said the rebels had shelled the town.";
        assert_eq!(reading_of(t, "rebels"), Reading::Agent);
        let t = "Rebels shelled the town.";
        assert_eq!(reading_of(t, "Rebels"), Reading::Agent);
        let t = "Moscow held talks with the opposition.";
        assert_eq!(reading_of(t, "the opposition"), Reading::Patient);
        let t = "Moscow said the opposition had walked out.";
        assert_eq!(reading_of(t, "the opposition"), Reading::Agent);
    }

    /// Readings with the appositive pass, as `predict` reads an article.
    fn reading_in_context(text: &str, surface: &str) -> Reading {
        let lex = ActorLexicon::builtin();
        let found = MentionMatcher::new(&lex).find(&lex, text, Some("2019-01-01"));
        let readings = read_mentions(&lex, text, &found);
        found
            .iter()
            .zip(readings)
            .find(|(m, _)| &text[m.start..m.end] == surface)
            .unwrap_or_else(|| panic!("{surface} not found in {text}"))
            .1
    }

    #[test]
    fn victims_listed_or_joined_to_a_victim_are_not_agents() {
        let t = "The bomb killed General Suheil al-Hassan and Manaf Tlass in Damascus.";
        assert_eq!(reading_of(t, "Manaf Tlass"), Reading::Patient);
        let t = "General Suheil al-Hassan and Manaf Tlass met the envoy in Damascus.";
        assert_eq!(reading_of(t, "Manaf Tlass"), Reading::Agent);
        let t = "The sanctions blacklisted 39 people, including Maher al-Assad.";
        assert_eq!(reading_of(t, "Maher al-Assad"), Reading::Patient);
        let t = "Several figures spoke at the rally, including Maher al-Assad.";
        assert_eq!(reading_of(t, "Maher al-Assad"), Reading::Agent);
    }

    #[test]
    fn an_addressee_named_after_its_title_and_a_comma_is_not_an_agent() {
        let t = "Washington informed Syria's envoy to the United Nations, Bashar Jaafari, first.";
        assert_eq!(reading_of(t, "Bashar Jaafari"), Reading::Patient);
        let t = "Syria's envoy to the United Nations, Bashar Jaafari, called the strikes illegal.";
        assert_eq!(reading_of(t, "Bashar Jaafari"), Reading::Agent);
    }

    #[test]
    fn a_person_described_by_a_passive_after_appositives_is_not_an_agent() {
        let t = "Suheil al-Hassan, 54, a veteran of the war, was regarded as its architect.";
        assert_eq!(reading_of(t, "Suheil al-Hassan"), Reading::Patient);
        let t = "Suheil al-Hassan, 54, a veteran of the war, said the campaign would go on.";
        assert_eq!(reading_of(t, "Suheil al-Hassan"), Reading::Agent);
        let t = "Staffan de Mistura, the veteran diplomat, has been chosen for the post.";
        assert_eq!(reading_of(t, "Staffan de Mistura"), Reading::Patient);
        let t = "Staffan de Mistura, the veteran diplomat, has chosen to stay on.";
        assert_eq!(reading_of(t, "Staffan de Mistura"), Reading::Agent);
    }

    #[test]
    fn an_appositive_describes_its_head_and_is_not_an_actor_of_its_own() {
        // Another actor inside the appositive is a descriptor of the head.
        let t = "The Syrian National Council, the main opposition bloc, accused Russia.";
        assert_eq!(
            reading_in_context(t, "opposition bloc"),
            Reading::Descriptor
        );
        let t = "The Syrian National Council and the main opposition bloc accused Russia.";
        assert_eq!(reading_in_context(t, "opposition bloc"), Reading::Agent);
        let t = "Maher al-Assad, commander of the elite Fourth Division, was not seen.";
        assert_eq!(
            reading_in_context(t, "Fourth Division"),
            Reading::Descriptor
        );
        let t = "The elite Fourth Division shelled the suburb on Monday.";
        assert_eq!(reading_in_context(t, "Fourth Division"), Reading::Agent);
        // The same actor's title reads as the name it follows: here, someone worked alongside.
        let t = "He worked alongside Qassem Soleimani, the late Quds Force chief, for years.";
        assert_eq!(reading_in_context(t, "Quds Force chief"), Reading::Patient);
        let t = "Qassem Soleimani, the late Quds Force chief, ordered the advance.";
        assert_eq!(reading_in_context(t, "Quds Force chief"), Reading::Agent);
        // A list is not an appositive.
        let t = "Russia, the United States and France backed the plan.";
        assert_eq!(reading_in_context(t, "the United States"), Reading::Agent);
        let t = "The rebels, backed by Turkey, advanced on the town.";
        assert_eq!(reading_in_context(t, "Turkey"), Reading::Agent);
    }

    #[test]
    fn a_title_after_as_and_a_state_told_in_the_passive_are_not_agents() {
        let t = "Walid al-Muallem, who served as Syria's foreign minister, died on Monday.";
        assert_eq!(
            reading_of(t, "Syria's foreign minister"),
            Reading::Descriptor
        );
        let t = "Syria's foreign minister said on Monday that the talks had failed.";
        assert_eq!(reading_of(t, "Syria's foreign minister"), Reading::Agent);
        let t = "The raid went ahead, and Turkey had been told in advance.";
        assert_eq!(reading_of(t, "Turkey"), Reading::Patient);
        let t = "The raid went ahead, and Turkey had told Washington in advance.";
        assert_eq!(reading_of(t, "Turkey"), Reading::Agent);
    }

    #[test]
    fn a_meeting_named_with_the_body_is_a_venue() {
        // The lexicon's alias holds the meeting noun ("G8 summit"): after "ahead of" it is where,
        // not who.
        let t = "The chancellor arrived in London ahead of the G8 summit.";
        assert_eq!(reading_of(t, "G8 summit"), Reading::Place);
        // Its twin: the same body acting is an agent.
        let t = "The G8 called on Damascus to allow aid convoys in.";
        assert_eq!(reading_of(t, "G8"), Reading::Agent);
    }
}
