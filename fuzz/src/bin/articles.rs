//! Fuzzes the article readers (`stance::article::open_articles`) on a `.txt` and a `.jsonl` file
//! holding the same bytes, with the default size limit and with a tiny one (64 bytes) so the
//! skip-and-warn paths are reached too.

use stance::article::{open_articles, ReadArticles};

fn main() {
    let txt = stance_fuzz::scratch_path("articles", "txt");
    let jsonl = stance_fuzz::scratch_path("articles", "jsonl");
    let paths = [txt.clone(), jsonl.clone()];
    let options = [
        ReadArticles::default(),
        ReadArticles {
            max_bytes: 64,
            ..ReadArticles::default()
        },
    ];
    afl::fuzz!(|data: &[u8]| {
        stance_fuzz::write_scratch(&txt, data);
        stance_fuzz::write_scratch(&jsonl, data);
        for opts in &options {
            let Ok(mut stream) = open_articles(&paths, opts) else {
                continue;
            };
            for item in stream.by_ref().take(1_000_000) {
                let _ = item;
            }
            let _ = stream.take_warnings();
            let _ = stream.skipped();
        }
    });
    let _ = std::fs::remove_file(&txt);
    let _ = std::fs::remove_file(&jsonl);
}
