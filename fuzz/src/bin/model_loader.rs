//! Fuzzes model loading (`stance::pipeline::StanceModel::from_bytes`), and prediction with any
//! model that loads.
//!
//! Input: first byte 0x00..=0x7f: the rest is the file as is (header checks). 0x80..=0xff: the
//! rest is a payload, and the harness writes a valid header (size, SHA-256) in front of it, so
//! the JSON payload and the model checks behind the checksum are reached.

use stance::actors::ActorLexicon;
use stance::data::Record;
use stance::examples::ExampleBuilder;
use stance::model::file::sha256_hex;
use stance::pipeline::StanceModel;

fn with_header(payload: &[u8]) -> Vec<u8> {
    let mut bytes = format!(
        "{{\"format\":\"stance-model\",\"format_version\":1,\"tool_version\":\"0.1.0\",\"payload_bytes\":{},\"sha256\":\"{}\"}}\n",
        payload.len(),
        sha256_hex(payload)
    )
    .into_bytes();
    bytes.extend_from_slice(payload);
    bytes
}

fn main() {
    let lexicon = ActorLexicon::builtin();
    let record = Record {
        id: "fuzz".into(),
        text: "Russia said it would keep backing Assad, while Turkey condemned the strikes.".into(),
        actor: Some("Russia".into()),
        span: Some((0, 6)),
        ..Default::default()
    };
    // One builder per (use_lexicon, mark_names), built before the fork server starts.
    let builders: Vec<ExampleBuilder> = (0..4)
        .map(|b| ExampleBuilder::new(lexicon.clone(), b & 1 != 0).mark_names(b & 2 != 0))
        .collect();
    afl::fuzz!(|data: &[u8]| {
        let Some((&sel, rest)) = data.split_first() else {
            return;
        };
        let owned;
        let bytes = if sel & 0x80 != 0 {
            owned = with_header(rest);
            &owned[..]
        } else {
            rest
        };
        let Ok(model) = StanceModel::from_bytes(bytes, "fuzz") else {
            return;
        };
        // A model that loads must be usable (or refuse with an error) — never panic.
        let builder = &builders
            [usize::from(model.options.use_lexicon) | usize::from(model.options.mark_names) << 1];
        let (example, _) = builder.from_record(&record);
        if let Ok(preds) = model.predict(std::slice::from_ref(&example)) {
            for p in &preds {
                let _ = model.contributions(&example, p.label, 5);
            }
        }
    });
}
