//! Inputs that crashed or hung the AFL++ harnesses in `fuzz/` (scripts/fuzz.sh), replayed through
//! the binary: each must now be refused with exit 2, quickly, and without a panic.

mod common;
use common::{stance, write};

use std::path::Path;
use std::time::Duration;

/// What the `model_loader` harness fed the loader: the first byte chooses whether the rest is a
/// whole file (below 0x80) or a payload the harness put behind a valid header (size, SHA-256).
fn model_file(input: &[u8]) -> Vec<u8> {
    let (sel, rest) = input.split_first().expect("non-empty input");
    if sel & 0x80 == 0 {
        return rest.to_vec();
    }
    let mut bytes = format!(
        "{{\"format\":\"stance-model\",\"format_version\":1,\"tool_version\":\"0.1.0\",\"payload_bytes\":{},\"sha256\":\"{}\"}}\n",
        rest.len(),
        stance::model::file::sha256_hex(rest)
    )
    .into_bytes();
    bytes.extend_from_slice(rest);
    bytes
}

#[test]
fn saved_model_loader_inputs_are_refused_without_a_panic() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/model_loader");
    let dir = tempfile::tempdir().unwrap();
    let data = write(
        dir.path(),
        "d.jsonl",
        b"{\"text\":\"Russia said it would keep backing Assad.\",\"actor\":\"Russia\"}\n",
    );
    let mut seen = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let model = write(
            dir.path(),
            "case.model",
            &model_file(&std::fs::read(&path).unwrap()),
        );
        let out = stance()
            .args(["classify", "--model"])
            .arg(&model)
            .arg(&data)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", path.display());
        assert!(!stderr.contains("panicked"), "{}: {stderr}", path.display());
        seen += 1;
    }
    assert!(seen >= 4, "only {seen} saved inputs");
}
