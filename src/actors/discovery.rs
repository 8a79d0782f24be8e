//! Actor discovery: people outside the lexicon whom the text names with an office (and, through
//! the `bodies` module, bodies it names in full).
//!
//! No lexicon lists every spokesman, deputy minister and envoy of a fourteen-year war, but news
//! introduces each one with the office that makes them an actor: "German Foreign Minister Heiko
//! Maas", "Gerard Araud, the French ambassador,", "China's deputy U.N. ambassador, Wang Min,". Such a
//! person becomes an actor of the article, affiliated with the state or body the title names (or,
//! failing that, the capital or state named just before it: "In Paris, foreign ministry spokesman
//! Bernard Valero"), and later mentions of the surname ("Maas said") are theirs.
//!
//! Three constructions are read, as an event coder's actor dictionary would:
//!
//! - title before the name: `[body] [office words] Name` ("White House spokesman Sean Spicer");
//! - appositive after the name: `Name, [the|a] [body's] office ...` ("Ali Shamkhani, the secretary
//!   of Iran's Supreme National Security Council");
//! - title, comma, name: `[body's] office, Name,` ("Syria's envoy to the league, Youssef Ahmad,").
//!
//! A name is two to four capitalised words (with the particles al-, bin, de, van ...), not an office
//! word and not already a lexicon mention.
//!
//! Its length: office words, demonyms and the name shapes they frame are one grammar; the
//! patterns (before, after, appositive, possessive) read the same token window.

use super::lexicon::{ActorKind, ActorLexicon};
use super::matcher::Mention;

/// A person the article names with an office, outside the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    /// The name as first written ("Heiko Maas").
    pub name: String,
    /// A person, or the kind of body a name ending in "Network" or "Brigade" is.
    pub kind: ActorKind,
    /// The lexicon actor the office belongs to (Germany), when the text says.
    pub affiliation: Option<usize>,
    /// Byte spans of the full name and of the later surname mentions, in order.
    pub spans: Vec<(usize, usize)>,
    /// Byte span of the title that introduced them ("the special envoy for Syria"): a lexicon
    /// title or person inside it describes this person, and is not an actor of its own.
    pub title: (usize, usize),
}

/// Head nouns of offices: a title ends with one ("spokesman", "Minister", "ambassador").
const OFFICES: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "envoy",
    "chief",
    "commander",
    "general",
    "admiral",
    "captain",
    "colonel",
    "major",
    "lieutenant",
    "adviser",
    "advisor",
    "chancellor",
    "king",
    "emir",
    "prince",
    "premier",
    "official",
    "representative",
    "senator",
    "speaker",
    "director",
    "director-general",
    "head",
    "leader",
    "chairman",
    "chairwoman",
    "counterpart",
    "deputy",
    "under-secretary-general",
    "secretary-general",
    "coordinator",
    "negotiator",
    "mediator",
    "governor",
    "mayor",
    "figure",
    "lawmaker",
    "congressman",
    "congresswoman",
    "legislator",
    "parliamentarian",
    "judge",
    "prosecutor",
    "investigator",
    "rapporteur",
    "commissioner",
    "aide",
    "staff",
    "diplomat",
    "officer",
    // Ranks as news abbreviates them ("Col. Riad al-Asaad", "Brig. Gen. Mustafa al-Sheikh").
    "col.",
    "gen.",
    "brig.",
    "lt.",
    "maj.",
    "capt.",
    "adm.",
    "brigadier",
    "sheikh",
    "cleric",
    "mufti",
    "patriarch",
    "vice-president",
    "undersecretary",
    "under-secretary",
    "attache",
    "consul",
    "prefect",
    // A member of parliament ("Conservative MP John Baron"), clerics' and rulers' titles,
    // delegates, hyphenated ranks and a chargé d'affaires, as wire copy writes them.
    "mp",
    "ayatollah",
    "sultan",
    "delegate",
    "moderator",
    "lieutenant-general",
    "major-general",
    "brigadier-general",
    "lieutenant-colonel",
    "d'affaires",
    "administrator",
    "founder",
    "co-chair",
    "co-chairman",
    "co-leader",
    "chair",
    "member",
    "deputies",
    "ministers",
    "officials",
];

/// Words that may sit inside a title besides capitalised ones.
const TITLE_WORDS: &[&str] = &[
    "in",
    "at",
    "with",
    "on",
    "african",
    "arab",
    "gulf",
    "foreign",
    "defence",
    "defense",
    "interior",
    "deputy",
    "acting",
    "former",
    "senior",
    "press",
    "vice",
    "under",
    "state",
    "affairs",
    "ministry",
    "of",
    "for",
    "the",
    "to",
    "regional",
    "national",
    "security",
    "council",
    "house",
    "parliament",
    "parliamentary",
    "opposition",
    "special",
    "top",
    "military",
    "intelligence",
    "army",
    "armed",
    "forces",
    "navy",
    "air",
    "force",
    "media",
    "information",
    "humanitarian",
    "political",
    "main",
    "chief",
    "prime",
    "general",
    "staff",
    "assistant",
    "permanent",
    "u.n.",
    "un",
    "and",
    "relief",
    "aid",
    "refugee",
    "relations",
    "external",
    "operations",
    "peacekeeping",
    "office",
    "committee",
    "commission",
    "delegation",
    "team",
    "energy",
    "trade",
    "economy",
    "finance",
    "justice",
    "health",
    "reconciliation",
    "affairs",
    "intelligence",
    "service",
    "services",
    "agency",
    "global",
    "public",
    "diplomacy",
    "counterterrorism",
    "coalition",
    "alliance",
    "group",
    "movement",
    "party",
    "league",
    "presidential",
    "federal",
    // Departments of ministers and directors ("minister of social affairs", "the presidential
    // communications director").
    "social",
    "economic",
    "oil",
    "petroleum",
    "electricity",
    "education",
    "agriculture",
    "communications",
    "culture",
    "tourism",
    "transport",
    "water",
    "housing",
    "labour",
    "labor",
    "displaced",
    "refugees",
    "local",
    "administration",
    "religious",
    "endowments",
    "industry",
    "commerce",
    "expatriates",
    "emigrants",
    "resources",
    "planning",
    "reconstruction",
    "diplomatic",
    "first",
    "junior",
    "caretaker",
    "interim",
    "transitional",
    "secretary",
    "spokesman",
    "spokeswoman",
    "minister",
    "'s",
    "’s",
];

/// Capitalised words that are never part of a person's name, beyond those that start sentences or
/// name times (`names::NOT_NAMES`) and office words (`OFFICES`): parts of titles and of bodies'
/// names, and sentence adverbs.
const NOT_PERSON_WORDS: &[&str] = &[
    "Mr.",
    "Gen.",
    "Defence",
    "Defense",
    "Prime",
    "Islamic",
    "State",
    "Council",
    "Ministry",
    "United",
    "Nations",
    "Army",
    "Free",
    "National",
    "Security",
    "Western",
    "Arab",
    "Gulf",
    "Kurdish",
    "Observatory",
    "Rights",
    "Human",
    "Rear",
    "Vice",
    "Acting",
    "Former",
    "Senior",
    "Under",
    "Since",
    "Asked",
    "Later",
    "Earlier",
    "Separately",
    "Still",
    "Yet",
];

/// Verbs of speech that show the words before them name a person who speaks.
const SPEAKS: &[&str] = &[
    "said", "says", "told", "wrote", "warned", "added", "urged", "stressed", "insisted", "argued",
];

/// Words that end an appositive before its office: verbs, relatives and conjunctions ("Ahmed
/// Hassan, a teacher who met the minister," names no office of his own).
const APPOSITIVE_STOPS: &[&str] = &[
    "who", "whom", "whose", "which", "that", "and", "or", "but", "said", "says", "told", "was",
    "is", "are", "were", "has", "had", "have", "will", "would", "could", "after", "before", "when",
    "while", "as", "than", "not", "no", "met", "killed", "wounded", "killing", "wounding", "where",
    "if", "because", "since", "by",
];

/// Verbs of an office held, after "who": "Alaeddin Boroujerdi, who chairs the committee on
/// national security", "Nasser al-Hariri, who represents Daraa".
const HOLDS_OFFICE: &[&str] = &[
    "chairs",
    "chaired",
    "heads",
    "headed",
    "leads",
    "led",
    "commands",
    "commanded",
    "runs",
    "directs",
    "handles",
    "represents",
    "represented",
    "coordinates",
];

/// The target's state as the text names it: no lexicon mention ("in Syria" is a place), but
/// "Syria's Ali Mahmoud Abbas" is one of its officials.
const TARGET_STATE: &str = "Syria";

/// Prepositions that make the capitalised words after them a place ("In New York, ...").
const LOCATIVES: &[&str] = &[
    "In", "in", "At", "at", "From", "from", "near", "Near", "outside", "Outside", "to", "across",
];

/// Lower-case particles inside names ("Sheikh Hamad bin Jassim", "Staffan de Mistura").
const PARTICLES: &[&str] = &[
    "bin", "ibn", "de", "del", "della", "da", "du", "dos", "van", "von", "der", "la", "le", "al",
    "el", "abu",
];

#[derive(Debug, Clone, Copy)]
/// A word or a punctuation mark, with its byte span.
pub(super) struct Tok<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: &'a str,
}

/// Words and punctuation marks, "'s" apart and a sentence's full stop apart from its last word.
pub(super) fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    fn push<'a>(text: &'a str, out: &mut Vec<Tok<'a>>, s: usize, e: usize) {
        // "Iran's" is two tokens: the name and the possessive.
        let w = &text[s..e];
        for suffix in ["'s", "’s"] {
            if let Some(head) = w.strip_suffix(suffix) {
                if !head.is_empty() {
                    out.push(Tok {
                        start: s,
                        end: s + head.len(),
                        text: head,
                    });
                    out.push(Tok {
                        start: s + head.len(),
                        end: e,
                        text: suffix,
                    });
                    return;
                }
            }
        }
        out.push(Tok {
            start: s,
            end: e,
            text: w,
        });
    }
    for (i, c) in text.char_indices() {
        let word_char = c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' || c == '.';
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                push(text, &mut out, s, i);
                start = None;
            }
            _ => {}
        }
        if !word_char && !c.is_whitespace() {
            out.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                text: &text[i..i + c.len_utf8()],
            });
        }
    }
    if let Some(s) = start {
        push(text, &mut out, s, text.len());
    }
    // A full stop that ends a sentence is punctuation, not part of the word ("Maas." / "U.N."),
    // unless the word is an abbreviated rank ("Col. Riad al-Asaad").
    let mut fixed = Vec::with_capacity(out.len());
    for t in out {
        let dots = t.text.matches('.').count();
        let rank = dots == 1 && t.text.ends_with('.') && is_office(t.text);
        if t.text.len() > 1 && t.text.ends_with('.') && dots == 1 && !rank {
            fixed.push(Tok {
                start: t.start,
                end: t.end - 1,
                text: &t.text[..t.text.len() - 1],
            });
            fixed.push(Tok {
                start: t.end - 1,
                end: t.end,
                text: ".",
            });
        } else {
            fixed.push(t);
        }
    }
    fixed
}

fn is_cap(w: &str) -> bool {
    let body = ["al-", "el-", "Al-", "El-"]
        .iter()
        .find_map(|p| w.strip_prefix(p))
        .unwrap_or(w);
    body.chars().next().is_some_and(char::is_uppercase) && body.chars().any(char::is_lowercase)
}

/// "UAE", "ICRC", "UNHCR": an organisation's initials inside a title.
fn is_acronym(w: &str) -> bool {
    w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase())
}

fn is_office(w: &str) -> bool {
    OFFICES.contains(&w.to_lowercase().as_str())
}

fn is_title_word(w: &str) -> bool {
    let l = w.to_lowercase();
    is_office(w) || TITLE_WORDS.contains(&l.as_str())
}

/// Last words of place names ("Golan Heights", "Tahrir Square"): never a person's.
const PLACE_NAME_ENDS: &[&str] = &[
    "Heights",
    "Square",
    "Street",
    "Mountains",
    "Mountain",
    "Valley",
    "Airport",
    "Base",
    "City",
    "Bridge",
    "Dam",
    "Camp",
    "Crossing",
    "Province",
    "Governorate",
    "District",
    "Gate",
    "Palace",
    "Hospital",
    "University",
    "Mosque",
    "Desert",
    "River",
    "Lake",
    "Sea",
    "Island",
    "Plain",
    "Countryside",
    "Road",
    "Highway",
    "Port",
    "Field",
    "Fields",
    "Prison",
];

fn name_token(w: &str) -> bool {
    // A title's words ("Foreign", "Affairs", "Social") are never a person's name.
    is_cap(w)
        && !is_title_word(w)
        && !super::names::NOT_NAMES.contains(&w)
        && !NOT_PERSON_WORDS.contains(&w)
        && !PLACE_NAME_ENDS.contains(&w)
        && !is_office(w)
        && !w.contains('.')
}

/// The end (exclusive) of a name of 2-4 words starting at token `i`.
fn name_at(toks: &[Tok], i: usize) -> Option<usize> {
    if !toks.get(i).is_some_and(|t| name_token(t.text)) {
        return None;
    }
    let mut j = i + 1;
    let mut words = 1;
    while j < toks.len() && words < 4 {
        let t = toks[j].text;
        if name_token(t) {
            words += 1;
            j += 1;
        } else if PARTICLES.contains(&t) && toks.get(j + 1).is_some_and(|n| name_token(n.text)) {
            j += 1;
        } else {
            break;
        }
    }
    // A fifth capitalised word means this is not a person's name ("Supreme National Security
    // Council"), and one word alone is too little to tell.
    let followed = toks.get(j).is_some_and(|t| name_token(t.text));
    (words >= 2 && !followed).then_some(j)
}

/// The first token of a title that opens its sentence and ends at the comma at `comma`: a few
/// words (determiners, adjectives, a state's possessive), an office within the first five, and
/// then nothing or a phrase that says whose office it is ("of the ... faction", "to the
/// watchdog", "named by Damascus"). No verb or relative may sit in it ("After the minister
/// left, ..." is no title).
fn office_opening_sentence(toks: &[Tok], comma: usize) -> Option<usize> {
    let mut k = comma;
    while k > 0 && comma - k < 14 {
        let t = &toks[k - 1];
        if sentence_end(t) || matches!(t.text, "," | "-" | "—" | "–" | ":") {
            break;
        }
        k -= 1;
    }
    // The title starts the sentence (or follows a dateline's dash), not a clause after a comma.
    if k == comma || (k > 0 && toks[k - 1].text == ",") {
        return None;
    }
    let o = (k..comma).find(|&n| is_office(toks[n].text))?;
    if o - k > 4 {
        return None;
    }
    let plain = |w: &str| {
        matches!(
            w.to_lowercase().as_str(),
            "a" | "an" | "the" | "its" | "his" | "her" | "their" | "'s" | "’s"
        ) || is_title_word(w)
            || is_cap(w)
            || is_acronym(w)
            || (w.chars().all(|c| c.is_lowercase() || c == '-') && !APPOSITIVE_STOPS.contains(&w))
    };
    if !toks[k..o].iter().all(|t| plain(t.text)) {
        return None;
    }
    let rest = &toks[o + 1..comma];
    if let Some(first) = rest.first() {
        let named_by = matches!(first.text, "named" | "appointed" | "chosen")
            && rest.get(1).is_some_and(|t| t.text == "by");
        let whose = matches!(
            first.text,
            "of" | "to" | "for" | "in" | "at" | "from" | "on"
        );
        if !(whose || named_by) {
            return None;
        }
        let skip = if named_by { 2 } else { 1 };
        if !rest[skip..]
            .iter()
            .all(|t| plain(t.text) || t.text.contains('.'))
        {
            return None;
        }
    }
    Some(k)
}

/// Whether a token ends a sentence or opens or closes a quotation: no title runs across it.
fn sentence_end(t: &Tok) -> bool {
    matches!(t.text, "." | "!" | "?" | ";" | "\"" | "“" | "”")
}

/// Whether the name at token `i` follows a preposition of place ("In New York, ...").
fn placed_before(toks: &[Tok], i: usize) -> bool {
    i > 0 && LOCATIVES.contains(&toks[i - 1].text)
}

/// Whether, after the name ending at token `j`, a list goes on with another state's person:
/// ", Iraq's Fuad Hussein" or "and Syria's Ali Mahmoud Abbas".
fn possessive_item_after(toks: &[Tok], j: usize, state_before: &dyn Fn(usize) -> bool) -> bool {
    let mut p = j;
    if toks.get(p).is_some_and(|t| t.text == ",") {
        p += 1;
    }
    if toks.get(p).is_some_and(|t| t.text == "and") {
        p += 1;
    }
    // The state's name, one to three words, its possessive, then a name.
    p > j && (p + 2..p + 5).any(|n| n < toks.len() && state_before(n) && name_at(toks, n).is_some())
}

/// Whether the state whose name ends at token `state_end` follows another state's person in a
/// list: "Jordan's Ayman Safadi, Iraq's Fuad Hussein".
fn possessive_item_before(
    toks: &[Tok],
    state_end: usize,
    state_before: &dyn Fn(usize) -> bool,
) -> bool {
    // The holder's name: capitalised words (or initials) ending at `state_end`.
    let mut k = state_end;
    while k > 0 && state_end - k < 3 && (is_cap(toks[k - 1].text) || is_acronym(toks[k - 1].text)) {
        k -= 1;
    }
    if !(is_cap(toks[k].text) || is_acronym(toks[k].text)) {
        return false;
    }
    let mut p = k;
    if p > 0 && toks[p - 1].text == "and" {
        p -= 1;
    }
    if p > 0 && toks[p - 1].text == "," {
        p -= 1;
    }
    // A name of two to four words ends right before the comma or "and".
    p < k
        && (2..=5).any(|len| p >= len && state_before(p - len) && name_at(toks, p - len) == Some(p))
}

/// Finds the people `text` names with an office, given the lexicon mentions already found, and
/// then the bodies it names in full: a run of capitalised words ending in a body's head noun
/// ("the Levant Front", "the Syrian Justice and Accountability Centre").
pub fn discover(lexicon: &ActorLexicon, text: &str, mentions: &[Mention]) -> Vec<Discovered> {
    let toks = tokens(text);
    // A lexicon person named by one word inside a longer name is someone else of the same name
    // ("Wang" in "Wang Min" is not Wang Yi); callers drop such mentions for the discovered name.
    let taken = |s: usize, e: usize| {
        mentions.iter().any(|m| {
            let inside_shorter = m.start >= s
                && m.end <= e
                && m.end - m.start < e - s
                && lexicon.actors[m.actor].kind == ActorKind::Person;
            m.start < e && s < m.end && !inside_shorter
        })
    };
    let mut found: Vec<(usize, usize, usize, usize)> = Vec::new(); // name tokens, title tokens
    let mut i = 0;
    while i < toks.len() {
        let Some(j) = name_at(&toks, i) else {
            i += 1;
            continue;
        };
        // "Defence Minister Israel Katz": after an office, a state's name that starts a longer
        // name is the person's first name, not the state.
        let state_inside = |m: &Mention| {
            lexicon.actors[m.actor].kind == ActorKind::State
                && m.start >= toks[i].start
                && m.end < toks[j - 1].end
        };
        let after_office = i > 0 && is_office(toks[i - 1].text);
        let blocked = mentions.iter().any(|m| {
            m.start < toks[j - 1].end && toks[i].start < m.end && !(after_office && state_inside(m))
        });
        if blocked && taken(toks[i].start, toks[j - 1].end) {
            i = j;
            continue;
        }
        // Title before: office words ending right before the name.
        let mut k = i;
        while k > 0 && i - k < 9 {
            let t = toks[k - 1].text;
            if sentence_end(&toks[k - 1]) || t == "," {
                break;
            }
            if is_title_word(t) || is_cap(t) || is_acronym(t) || t.contains('.') {
                k -= 1;
            } else {
                break;
            }
        }
        // "Under Secretary of State Wendy Sherman", "Minister of State for Foreign Affairs Anwar
        // Gargash", "Minister of Social Affairs Ramzi Musharrafieh": an office, "of" or "for",
        // and its department, capitalised, ending the title.
        let office_of_department = i > 0
            && (is_cap(toks[i - 1].text)
                || is_acronym(toks[i - 1].text)
                || (TITLE_WORDS.contains(&toks[i - 1].text)
                    && !matches!(
                        toks[i - 1].text,
                        "the" | "of" | "for" | "to" | "and" | "in" | "at" | "with" | "on"
                    )))
            && toks[k..i]
                .iter()
                .any(|t| matches!(t.text, "of" | "for" | "to"))
            && toks[k..i].iter().any(|t| is_office(t.text));
        let before_ends_in_office = i > 0 && (is_office(toks[i - 1].text) || office_of_department);
        if before_ends_in_office && k < i {
            found.push((i, j, k, i));
            i = j;
            continue;
        }
        // A state's own person speaking: "Lebanon's Abdallah Bou Habib said". The possessive
        // stands for the office, and a verb of speech right after shows a person, not a body
        // ("Lebanon's Future Movement said" ends in a body's head noun).
        // So does a list of them: "Turkey's Hulusi Akar and Syria's Ali Mahmoud Abbas
        // discussed", "Brazil's Jair Bolsonaro, India's Narendra Modi and ...".
        let speaks_next = toks.get(j).is_some_and(|t| SPEAKS.contains(&t.text));
        let state_before = |n: usize| {
            n >= 2
                && matches!(toks[n - 1].text, "'s" | "’s")
                && mentions.iter().any(|m| {
                    m.end == toks[n - 2].end && lexicon.actors[m.actor].kind == ActorKind::State
                })
        };
        // In a list, any state or body (and Syria, the target's own state) may own a person:
        // "Hezbollah's Naim Qassem and Iran's Ali Larijani".
        let holder_before = |n: usize| {
            n >= 2
                && matches!(toks[n - 1].text, "'s" | "’s")
                && (toks[n - 2].text == TARGET_STATE
                    || mentions.iter().any(|m| {
                        m.end == toks[n - 2].end
                            && lexicon.actors[m.actor].kind != ActorKind::Person
                    }))
        };
        let listed = holder_before(i)
            && (possessive_item_after(&toks, j, &holder_before)
                || possessive_item_before(&toks, i - 2, &holder_before));
        if ((state_before(i) && speaks_next) || listed)
            && !super::bodies::is_body_head(toks[j - 1].text)
        {
            let k = mentions
                .iter()
                .find(|m| m.end == toks[i - 2].end)
                .map_or(i - 2, |m| {
                    toks.iter()
                        .position(|t| t.start == m.start)
                        .unwrap_or(i - 2)
                });
            found.push((i, j, k, i));
            i = j;
            continue;
        }
        // Title, comma, name: "China's U.N. ambassador, Li Baodong,", "the minister for
        // national reconciliation, Ali Haidar,".
        if i >= 2 && toks[i - 1].text == "," {
            let mut k = i - 1;
            while k > 0 && i - 1 - k < 10 {
                let t = toks[k - 1].text;
                if sentence_end(&toks[k - 1]) || t == "," {
                    break;
                }
                if is_title_word(t) || is_cap(t) || is_acronym(t) || t.contains('.') {
                    k -= 1;
                } else {
                    break;
                }
            }
            let office = toks[k..i - 1].iter().any(|t| is_office(t.text));
            let closes = toks
                .get(j)
                .is_none_or(|t| matches!(t.text, "," | "." | ";") || t.text == "said");
            if closes && office {
                found.push((i, j, k, i - 1));
                i = j;
                continue;
            }
            // A sentence that opens with the office in plain words: "A commander of the Sharq
            // al-Ahrar faction, Mohammad Abu Karim, said", "Russia's envoy to the watchdog,
            // Alexander Shulgin,".
            if closes {
                if let Some(k) = office_opening_sentence(&toks, i - 1) {
                    found.push((i, j, k, i - 1));
                    i = j;
                    continue;
                }
            }
        }
        // Led by a person: "the joint OPCW-U.N. mission, led by Sigrid Kaag", "a delegation of
        // Jordanian lawmakers led by Abdul Karim al-Doghmi".
        if i >= 2
            && toks[i - 1].text == "by"
            && matches!(toks[i - 2].text, "led" | "headed" | "chaired")
            && !placed_before(&toks, i)
        {
            found.push((i, j, i - 2, i));
            i = j;
            continue;
        }
        // Appositive after: "Gerard Araud, the French ambassador, ...". It opens with an
        // article, an office or a body's name ("..., with officials saying" is not one).
        let opens_appositive = toks.get(j + 1).is_some_and(|t| {
            matches!(
                t.text,
                "the" | "a" | "an" | "currently" | "now" | "then" | "formerly" | "also"
            ) || is_office(t.text)
                || is_cap(t.text)
                || is_acronym(t.text)
                // "Anwar Gargash, diplomatic adviser to the UAE president,": an adjective of
                // a title opens it as an article would.
                || (is_title_word(t.text)
                    && t.text.chars().all(|c| c.is_lowercase() || c == '-')
                    && !matches!(
                        t.text,
                        "in" | "at" | "with" | "on" | "of" | "for" | "to" | "and" | "the"
                    ))
        });
        // "In New York, the Russian envoy said": capitalised words after a preposition of
        // place are a place, whatever office follows the comma.
        let placed = placed_before(&toks, i);
        // "Alaeddin Boroujerdi, who chairs the foreign affairs committee,": a verb of holding
        // office stands for the office noun.
        let holds_office = toks.get(j).is_some_and(|t| t.text == ",")
            && toks.get(j + 1).is_some_and(|t| t.text == "who")
            && toks
                .get(j + 2)
                .is_some_and(|t| HOLDS_OFFICE.contains(&t.text));
        if holds_office && !placed {
            let mut k = j + 1;
            while k < toks.len() && k - j <= 12 && !sentence_end(&toks[k]) && toks[k].text != "," {
                k += 1;
            }
            found.push((i, j, j + 1, k));
            i = j;
            continue;
        }
        // "Anwar Raslan, a former colonel": an office no longer held makes no actor.
        let former = toks.get(j + 1).is_some_and(|t| t.text == "formerly")
            || (toks
                .get(j + 1)
                .is_some_and(|t| matches!(t.text, "a" | "an" | "the"))
                && toks.get(j + 2).is_some_and(|t| t.text == "former"));
        if opens_appositive && !former && !placed && toks.get(j).is_some_and(|t| t.text == ",") {
            let mut k = j + 1;
            let mut office = false;
            // Plain words before the office ("the U.N. emergency relief coordinator", "a
            // veteran opposition figure"), a few, and never a verb or a relative.
            let mut plain = 0;
            while k < toks.len() && k - j <= 10 {
                let t = toks[k].text;
                if sentence_end(&toks[k]) || t == "," {
                    break;
                }
                if is_office(t) {
                    office = true;
                }
                if !office && APPOSITIVE_STOPS.contains(&t) {
                    break;
                }
                // "a teacher in Douma": a preposition after a plain word, before any office,
                // ends a description that is no title.
                if plain > 0
                    && !office
                    && matches!(t, "in" | "at" | "on" | "of" | "to" | "for" | "with")
                {
                    break;
                }
                // "In New York, Russian envoy Vitaly Churkin said": an office followed at once by
                // a name is that person's title, so the words before the comma (a place, a
                // fronted adverbial) are no one's name.
                let names_next = k > j + 1
                    && is_office(toks[k - 1].text)
                    && (name_at(&toks, k).is_some()
                        || mentions.iter().any(|m| {
                            m.start == toks[k].start
                                && lexicon.actors[m.actor].kind == ActorKind::Person
                        }));
                if names_next {
                    office = false;
                    break;
                }
                let listed = is_title_word(t)
                    || is_cap(t)
                    || is_acronym(t)
                    || t.contains('.')
                    || matches!(
                        t,
                        "a" | "an"
                            | "in"
                            | "at"
                            | "on"
                            | "who"
                            | "currently"
                            | "now"
                            | "then"
                            | "formerly"
                            | "also"
                    );
                if !listed {
                    let plain_word = !office
                        && plain < 3
                        && t.chars().all(|c| c.is_lowercase() || c == '-')
                        && !APPOSITIVE_STOPS.contains(&t);
                    if !plain_word {
                        break;
                    }
                    plain += 1;
                }
                k += 1;
            }
            if office {
                found.push((i, j, j + 1, k));
                i = j;
                continue;
            }
        }
        i = j;
    }
    let mut out: Vec<Discovered> = Vec::new();
    for (ns, ne, ts, te) in found {
        let (start, end) = (toks[ns].start, toks[ne - 1].end);
        let name = &text[start..end];
        if out.iter().any(|d| d.name == name) {
            continue;
        }
        let (tstart, tend) = if ts < te {
            (toks[ts].start, toks[te - 1].end)
        } else {
            (start, start)
        };
        out.push(Discovered {
            name: name.to_string(),
            kind: ActorKind::Person,
            affiliation: affiliation(lexicon, text, mentions, tstart, tend, start),
            spans: vec![(start, end)],
            title: (tstart, tend),
        });
    }
    // Later mentions of the surname ("Maas said"), by the rule lexicon people follow
    // (`matcher::surname_of`): none when two people the text names share it.
    let mut people: Vec<usize> = mentions
        .iter()
        .filter(|m| !out.is_empty() && lexicon.actors[m.actor].kind == ActorKind::Person)
        .map(|m| m.actor)
        .collect();
    people.sort_unstable();
    people.dedup();
    let people_surnames: Vec<&str> = people
        .iter()
        .flat_map(|&p| {
            let a = &lexicon.actors[p];
            std::iter::once(&a.name)
                .chain(&a.aliases)
                .filter_map(|n| super::matcher::surname_of(n))
        })
        .collect();
    let cores: Vec<Option<String>> = out
        .iter()
        .map(|d| super::matcher::surname_of(&d.name).map(str::to_string))
        .collect();
    for (i, d) in out.iter_mut().enumerate() {
        let Some(core) = cores[i].as_deref() else {
            continue;
        };
        let shared = people_surnames.contains(&core)
            || cores
                .iter()
                .enumerate()
                .any(|(j, c)| j != i && c.as_deref() == Some(core));
        if shared {
            continue;
        }
        for (s, e) in super::matcher::surname_mentions(text, d.spans[0].1, core) {
            if !taken(s, e) {
                d.spans.push((s, e));
            }
        }
    }
    let bodies = super::bodies::discover_bodies(lexicon, text, &toks, mentions, &out);
    out.extend(bodies);
    out
}

/// Byte spans of `word` in `text` after `from`, where it stands as a whole word (no letter or
/// digit on either side): the later mentions of a surname or of a body's initials.
pub(super) fn whole_words_after<'t>(
    text: &'t str,
    from: usize,
    word: &'t str,
) -> impl Iterator<Item = (usize, usize)> + 't {
    text[from..].match_indices(word).filter_map(move |(p, _)| {
        let (s, e) = (from + p, from + p + word.len());
        let bounded = !text[..s]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && !text[e..].chars().next().is_some_and(char::is_alphanumeric);
        bounded.then_some((s, e))
    })
}

/// The lexicon actor an office belongs to: a state or body named inside the title, a person's
/// own affiliation ("spokesman for President Erdogan"), else a capital or state named earlier in
/// the sentence ("In Paris, foreign ministry spokesman ...").
fn affiliation(
    lexicon: &ActorLexicon,
    text: &str,
    mentions: &[Mention],
    tstart: usize,
    tend: usize,
    name_start: usize,
) -> Option<usize> {
    let body = |idx: usize| {
        let a = &lexicon.actors[idx];
        if a.kind == ActorKind::Person {
            a.affiliation.as_deref().and_then(|n| lexicon.find(n))
        } else {
            Some(idx)
        }
    };
    if let Some(a) = mentions
        .iter()
        .filter(|m| m.start < tend && tstart < m.end)
        .find_map(|m| body(m.actor))
    {
        return Some(a);
    }
    // "Syria's Ali Mahmoud Abbas": the target's state names no lexicon mention of its own (the
    // lexicon leaves "Syria" out so that "in Syria" stays a place), and its officials are the
    // target's government's: the lexicon's target-side body.
    if text[tstart..tend]
        .strip_suffix(['s'])
        .and_then(|h| h.strip_suffix(['\'', '’']))
        == Some(TARGET_STATE)
    {
        return lexicon
            .actors
            .iter()
            .position(|a| a.role == super::lexicon::Role::Target && a.kind != ActorKind::Person);
    }
    let sentence_start = text[..name_start.min(tstart)]
        .rfind(['.', '!', '?', '\n'])
        .map_or(0, |i| i + 1);
    let head = &text[sentence_start..tstart.min(name_start)];
    // Capitals used as places are not mentions, but they still say whose official speaks.
    for (idx, a) in lexicon.actors.iter().enumerate() {
        if a.capitals.iter().any(|c| head.contains(c.as_str())) {
            return Some(idx);
        }
    }
    mentions
        .iter()
        .filter(|m| m.start >= sentence_start && m.end <= tstart.min(name_start))
        .filter(|m| lexicon.actors[m.actor].kind == ActorKind::State)
        .map(|m| m.actor)
        .next_back()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::MentionMatcher;

    /// The discovered names alone.
    fn names(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(n, _)| n).collect()
    }

    fn found(text: &str) -> Vec<(String, Option<String>)> {
        let lex = ActorLexicon::builtin();
        let m = MentionMatcher::new(&lex);
        let mentions = m.find(&lex, text, Some("2019-06-01"));
        discover(&lex, text, &mentions)
            .into_iter()
            .map(|d| (d.name, d.affiliation.map(|a| lex.actors[a].name.clone())))
            .collect()
    }

    #[test]
    fn titles_before_names() {
        assert_eq!(
            found("German Foreign Minister Heiko Maas said on Monday that talks must resume."),
            [("Heiko Maas".to_string(), Some("Germany".to_string()))]
        );
        assert_eq!(
            found("Iranian Foreign Ministry spokesman Abbas Mousavi condemned the strikes."),
            [("Abbas Mousavi".to_string(), Some("Iran".to_string()))]
        );
    }

    #[test]
    fn appositives_and_titles_with_commas() {
        assert_eq!(
            found("Gerard Araud, the French ambassador, told reporters the vote would go ahead."),
            [("Gerard Araud".to_string(), Some("France".to_string()))]
        );
        assert_eq!(
            found("China's deputy U.N. ambassador, Wang Min, said the text was unbalanced."),
            [("Wang Min".to_string(), Some("China".to_string()))]
        );
    }

    #[test]
    fn a_place_before_a_titled_name_is_not_a_person() {
        // The title belongs to the name after it; the fronted place is no one.
        assert_eq!(
            names("In New York, French envoy Jean Dubois said the text went too far."),
            ["Jean Dubois"]
        );
        // Its twin: the same words as an appositive after a name still make that name an actor.
        assert_eq!(
            names("Jean Dubois, the French envoy, said the text went too far."),
            ["Jean Dubois"]
        );
        let lex = ActorLexicon::builtin();
        let m = MentionMatcher::new(&lex);
        let text = "In New York, Russian envoy Vitaly Churkin said Moscow was surprised.";
        assert!(discover(&lex, text, &m.find(&lex, text, None)).is_empty());
    }

    #[test]
    fn offices_held_by_a_verb_mps_and_hyphenated_ranks() {
        assert_eq!(
            found("Alaeddin Boroujerdi, who chairs the Iranian parliament's foreign affairs committee, said talks failed."),
            [("Alaeddin Boroujerdi".to_string(), Some("Iran".to_string()))]
        );
        // Twin: "who" with a verb that holds no office names no one.
        assert!(
            names("Ahmed Hassan, who saw the committee chairman, said talks failed.").is_empty()
        );
        assert_eq!(
            names("Conservative MP John Baron said Britain should talk."),
            ["John Baron"]
        );
        assert_eq!(
            names("Army chief Lieutenant-General Mahmoud Freihat said the border was shut."),
            ["Mahmoud Freihat"]
        );
        assert_eq!(
            names("The UAE's charge d'affaires, Abdul Hakim Naimi, raised the flag."),
            ["Abdul Hakim Naimi"]
        );
        // Twin: the same names with no office before them are no one's.
        assert!(names("John Baron said Britain should talk.").is_empty());
    }

    #[test]
    fn appositives_with_plain_words_before_the_office() {
        assert_eq!(
            names("Stephen Obrien, the U.N. emergency relief coordinator, told the council."),
            ["Stephen Obrien"]
        );
        assert_eq!(
            names("Haytham Manna, a veteran opposition figure, said it was a mistake."),
            ["Haytham Manna"]
        );
        // Twins: a description that is no title, or an office that is someone else's.
        assert!(names("Ahmed Hassan, a teacher who met the minister, said it was hit.").is_empty());
        assert!(
            names("Ahmed Hassan, a resident of Douma whose son is an officer, said so.").is_empty()
        );
        assert!(names("In New York, the Russian envoy said Moscow would veto it.").is_empty());
    }

    #[test]
    fn sentences_that_open_with_an_office_and_people_who_lead() {
        assert_eq!(
            names("A commander of the Sharq al-Ahrar faction, Mohammad Abu Karim, said they would fight."),
            ["Mohammad Abu Karim"]
        );
        // Twin: an office in a clause with a verb is no title of the name after the comma.
        assert!(names(
            "After the minister left the hall, Mohammad Abu Karim said they would fight."
        )
        .is_empty());
        assert_eq!(
            names("The joint mission, led by Sigrid Kaag, said the first load had left."),
            ["Sigrid Kaag"]
        );
        assert!(names("The joint mission met Sigrid Kaag on Monday.").is_empty());
        assert_eq!(
            names("Saudi ambassador to the UN Abdallah al-Mouallimi called the vote painful."),
            ["Abdallah al-Mouallimi"]
        );
        assert_eq!(
            names("Commission member Carla del Ponte said the evidence was enough."),
            ["Carla del Ponte"]
        );
        // Twin: a group's name after "a leader of the" is the group's, not a person's.
        assert!(
            names("A leader of the Abu Fadl al-Abbas brigade said they took orders.").is_empty()
        );
    }

    #[test]
    fn lists_of_states_people() {
        assert_eq!(
            found("Turkey's Hulusi Akar and Syria's Ali Mahmoud Abbas discussed the crisis."),
            [
                ("Hulusi Akar".to_string(), Some("Turkey".to_string())),
                (
                    "Ali Mahmoud Abbas".to_string(),
                    Some("Syrian government".to_string())
                )
            ]
        );
        // Twin: one state's person, neither speaking nor in a list, is not read as a person.
        assert!(found("Turkey's Hulusi Akar discussed the crisis.").is_empty());
    }

    #[test]
    fn abbreviated_ranks_are_offices() {
        assert_eq!(
            names("Col. Riad al-Asaad said his men would fight on."),
            ["Riad al-Asaad"]
        );
        assert_eq!(
            names("Brig. Gen. Mustafa al-Sheikh said the army would crack."),
            ["Mustafa al-Sheikh"]
        );
        // Without the rank the same words name no one with an office.
        assert!(names("Riad al-Asaad said his men would fight on.").is_empty());
    }

    #[test]
    fn names_without_an_office_are_not_actors() {
        assert!(found("Ahmed Hassan, a teacher, said the shelling went on all night.").is_empty());
        assert!(found("Residents of Douma said the market was hit on Friday.").is_empty());
        // Known people stay the lexicon's.
        assert!(
            found("Russian Foreign Minister Sergei Lavrov said the talks would go on.").is_empty()
        );
    }

    #[test]
    fn the_surname_later_is_the_same_person() {
        let lex = ActorLexicon::builtin();
        let m = MentionMatcher::new(&lex);
        let text = "German Foreign Minister Heiko Maas arrived. Maas said talks must resume.";
        let d = discover(&lex, text, &m.find(&lex, text, None));
        assert_eq!(d[0].spans.len(), 2);
    }

    #[test]
    fn a_discovered_surname_takes_its_prefix_and_is_left_when_two_people_share_it() {
        let lex = ActorLexicon::builtin();
        let m = MentionMatcher::new(&lex);
        let spans = |text: &str| -> Vec<Vec<String>> {
            discover(&lex, text, &m.find(&lex, text, None))
                .iter()
                .filter(|d| d.kind == ActorKind::Person)
                .map(|d| {
                    d.spans
                        .iter()
                        .map(|&(s, e)| text[s..e].to_string())
                        .collect()
                })
                .collect()
        };
        let one =
            "Lebanese Energy Minister Walid al-Fayad met officials. Al-Fayad said gas would flow.";
        assert_eq!(spans(one), [["Walid al-Fayad", "Al-Fayad"]]);
        // Two people the text names share the surname: the bare one is nobody's.
        let two = "Lebanese Energy Minister Walid al-Fayad and Iraqi Oil Minister Ihsan al-Fayad \
                   met. Al-Fayad said gas would flow.";
        assert_eq!(
            spans(two),
            [
                vec!["Walid al-Fayad".to_string()],
                vec!["Ihsan al-Fayad".to_string()]
            ]
        );
    }

    #[test]
    fn offices_of_a_department_co_chairs_and_first_names_that_are_states() {
        let found = |t: &str| {
            let lex = ActorLexicon::builtin();
            let m = MentionMatcher::new(&lex);
            let mentions = m.find(&lex, t, Some("2014-02-15"));
            discover(&lex, t, &mentions)
                .into_iter()
                .map(|d| (d.name, d.affiliation.map(|a| lex.actors[a].name.clone())))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found("U.S. Under Secretary of State Wendy Sherman said the door remained open."),
            [who("Wendy Sherman", "United States")]
        );
        assert_eq!(
            found(
                "Salih Muslim, co-chair of the PYD, wrote that Turkey was walking into a quagmire."
            ),
            [who("Salih Muslim", "Democratic Union Party")]
        );
        assert_eq!(
            found("Labib al-Nahhas, the foreign relations chief of Ahrar al-Sham, said so."),
            [who("Labib al-Nahhas", "Ahrar al-Sham")]
        );
        assert_eq!(
            found("Israeli Defence Minister Israel Katz ordered troops to the buffer zone."),
            [who("Israel Katz", "Israel")]
        );
        // The state alone, with no office before it, stays the state.
        assert!(found("Israel Katz ordered troops to the buffer zone.").is_empty());
        // An office no longer held makes no actor; the same appositive with a current one does.
        assert!(found("The trial of Anwar Raslan, a former colonel, continues.").is_empty());
        assert_eq!(
            found("The trial of Anwar Raslan, a colonel in the army, continues.").len(),
            1
        );
    }

    /// A discovered person as [`found`] lists them.
    fn who(name: &str, affiliation: &str) -> (String, Option<String>) {
        (name.to_string(), Some(affiliation.to_string()))
    }

    #[test]
    fn offices_of_departments_written_out_and_a_states_speaker() {
        assert_eq!(
            found("UAE Minister of State for Foreign Affairs Anwar Gargash said it was a mistake."),
            [who("Anwar Gargash", "United Arab Emirates")]
        );
        // The same words with no office in the title name no one.
        assert!(
            found("UAE State for Foreign Affairs Anwar Gargash said it was a mistake.").is_empty()
        );
        assert_eq!(
            found("Lebanon's minister of social affairs, Ramzi Musharrafieh, praised the deal."),
            [who("Ramzi Musharrafieh", "Lebanon")]
        );
        assert_eq!(
            found("In Ankara, Fahrettin Altun, the presidential communications director, said so."),
            [who("Fahrettin Altun", "Turkey")]
        );
        assert_eq!(
            found("In Washington, congresswoman Tulsi Gabbard said she had met Assad."),
            [who("Tulsi Gabbard", "United States")]
        );
        // A state's possessive before a name that speaks: the state's person ...
        assert_eq!(
            found("Lebanon's Abdallah Bou Habib said returns should be arranged with Damascus."),
            [who("Abdallah Bou Habib", "Lebanon")]
        );
        // ... but not a body's name (found as a body, not a person), nor a name that does not
        // speak.
        let lex = ActorLexicon::builtin();
        let m = MentionMatcher::new(&lex);
        let t = "Lebanon's Future Movement said returns should wait.";
        assert!(discover(&lex, t, &m.find(&lex, t, Some("2019-06-01")))
            .iter()
            .all(|d| d.kind != ActorKind::Person));
        assert!(found("Lebanon's Abdallah Bou Habib arrived in Damascus.").is_empty());
    }
}
