//! Fuzzes actor mention matching (`stance::actors::MentionMatcher`) with the built-in lexicon, and
//! runs the whole per-article analysis (`stance::article::analyze`) with the built-in stance model
//! when this build embeds it.
//!
//! Input: when it starts with a byte 0x01, the first line (after it) is the article date and the
//! rest the text; otherwise everything is the text, with no date.

use stance::actors::{ActorLexicon, MentionMatcher};
use stance::article::{analyze, Article, ArticleOptions};

fn main() {
    // Loaded before the fork server starts (afl::fuzz! defers it), so once per campaign.
    // Nothing here may start rayon's pool: its threads would not survive the fork.
    let lexicon = ActorLexicon::builtin();
    let matcher = MentionMatcher::new(&lexicon);
    // Only read inside the loop; a panic aborts the process anyway.
    let model = std::panic::AssertUnwindSafe(stance::builtin::load_model("stance").ok());
    if model.is_none() {
        eprintln!("matcher: no built-in stance model in this build; fuzzing the matcher only");
    }
    let options = ArticleOptions::default();
    afl::fuzz!(|data: &[u8]| {
        let Ok(input) = std::str::from_utf8(data) else {
            return;
        };
        let (date, text) = match input.strip_prefix('\u{1}') {
            Some(rest) => match rest.split_once('\n') {
                Some((d, t)) => (Some(d.to_string()), t),
                None => (None, rest),
            },
            None => (None, input),
        };
        for m in matcher.find(&lexicon, text, date.as_deref()) {
            stance_fuzz::check_span(text, m.start, m.end, "mention");
            assert!(m.actor < lexicon.actors.len(), "mention of actor {} out of range", m.actor);
        }
        if let Some(model) = &*model {
            let article = Article {
                id: "fuzz".into(),
                text: text.to_string(),
                date,
            };
            let _ = analyze(&article, model, None, &lexicon, &matcher, &options);
        }
    });
}
