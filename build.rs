//! Embeds the built-in models when they exist (so a fresh checkout can build them first) and the
//! `builtin-models` feature is on.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(builtin_stance)");
    println!("cargo::rustc-check-cfg=cfg(builtin_sentiment)");
    for (file, cfg) in [
        ("models/stance.model", "builtin_stance"),
        ("models/sentiment.model", "builtin_sentiment"),
    ] {
        println!("cargo::rerun-if-changed={file}");
        let wanted = std::env::var_os("CARGO_FEATURE_BUILTIN_MODELS").is_some();
        if wanted && std::path::Path::new(file).exists() {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
    println!("cargo::rerun-if-changed=models");
}
