//! Embeds the built-in models when they exist, so a fresh checkout can build them first.
fn main() {
    println!("cargo::rustc-check-cfg=cfg(builtin_stance)");
    println!("cargo::rustc-check-cfg=cfg(builtin_sentiment)");
    for (file, cfg) in [
        ("models/stance.model", "builtin_stance"),
        ("models/sentiment.model", "builtin_sentiment"),
    ] {
        println!("cargo::rerun-if-changed={file}");
        if std::path::Path::new(file).exists() {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
    println!("cargo::rerun-if-changed=models");
}
