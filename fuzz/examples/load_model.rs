//! Triage helper: prints why a fuzz input for `model_loader` does or does not load.
//!   cargo afl build --release --example load_model && target/release/examples/load_model FILE
use stance::model::file::sha256_hex;
use stance::pipeline::StanceModel;

fn main() {
    let path = std::env::args().nth(1).expect("usage: load_model FUZZ_INPUT");
    let data = std::fs::read(&path).expect("cannot read the input");
    let Some((&sel, rest)) = data.split_first() else { return };
    let bytes = if sel & 0x80 != 0 {
        let mut b = format!(
            "{{\"format\":\"stance-model\",\"format_version\":1,\"tool_version\":\"0.1.0\",\"payload_bytes\":{},\"sha256\":\"{}\"}}\n",
            rest.len(),
            sha256_hex(rest)
        )
        .into_bytes();
        b.extend_from_slice(rest);
        b
    } else {
        rest.to_vec()
    };
    match StanceModel::from_bytes(&bytes, &path) {
        Ok(m) => println!("loads: labels {:?}, word_ngrams {:?}", m.labels, m.options.extract.word_ngrams),
        Err(e) => println!("refused: {e}"),
    }
}
