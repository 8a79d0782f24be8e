//! The model file's payload encodings: every model kind written in the binary formats (versions 3
//! to 5) and in JSON (versions 1 and 2) reads back to the same model, a version that cannot hold a
//! model is refused, and a format-3 file written by an older build still loads.

use std::path::Path;

use stance::actors::ActorLexicon;
use stance::data::{read_records, FieldMap, ReadOptions, Record};
use stance::example::ExampleBuilder;
use stance::features::DfBound;
use stance::model::file;
use stance::model::ClassifierKind;
use stance::{StanceModel, TrainOptions};

fn tiny_records() -> Vec<Record> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny_stance.jsonl");
    read_records(
        &path,
        &ReadOptions {
            require_label: true,
            ..Default::default()
        },
    )
    .unwrap()
}

fn builder() -> ExampleBuilder {
    ExampleBuilder::new(ActorLexicon::builtin(), true)
}

/// A model of `kind` on the tiny set; `per_target` trains on it twice, under two targets.
fn train(kind: ClassifierKind, per_target: bool) -> StanceModel {
    let mut records = tiny_records();
    if per_target {
        let mut second = records.clone();
        for (r, t) in records
            .iter_mut()
            .map(|r| (r, "red"))
            .chain(second.iter_mut().map(|r| (r, "blue")))
        {
            r.target = Some(t.into());
            r.id = format!("{t}-{}", r.id);
        }
        records.append(&mut second);
    }
    let mut options = TrainOptions::default();
    options.vectorizer.min_df = DfBound::Count(1);
    options.classifier.kind = kind;
    options.per_target = per_target;
    // Without the clause's word pairs, so that every format version can hold the model (the
    // pairs have a test of their own below).
    options.extract.clause_pairs = false;
    let mut m = StanceModel::train(&records, &options, &builder()).unwrap();
    assert_eq!(m.targets.len(), if per_target { 2 } else { 0 });
    // The card's optional parts filled in, so their binary encoding is exercised too (the
    // per-target models keep them empty: both states are written).
    m.card.cv =
        Some(serde_json::json!({"folds": 5, "macro_f1": 0.61, "per_fold": [0.5, null, "x"]}));
    m.card.sources = vec!["tests/fixtures (MIT)".into()];
    m.card.fields = Some(FieldMap {
        text: "sentence".into(),
        group: Some("article".into()),
        ..FieldMap::default()
    });
    m
}

/// The whole model as JSON: every serialised field, to compare two models.
fn as_json(m: &StanceModel) -> serde_json::Value {
    serde_json::to_value(m).unwrap()
}

fn scores(m: &StanceModel) -> Vec<Vec<f64>> {
    let b = builder();
    let examples: Vec<_> = tiny_records()
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.target = Some("blue".into());
            b.from_record(&r).0
        })
        .collect();
    m.predict(&examples)
        .unwrap()
        .into_iter()
        .map(|p| p.scores)
        .collect()
}

/// Sets `nb_scale` to false in a model's JSON and its target models'.
fn clear_nb_scale(v: &mut serde_json::Value) {
    if let Some(flag) = v.pointer_mut("/options/classifier/nb_scale") {
        *flag = false.into();
    }
    if let Some(targets) = v.get_mut("targets").and_then(|t| t.as_object_mut()) {
        targets.values_mut().for_each(clear_nb_scale);
    }
}

/// Empties the known words of a model's JSON and its target models', as a file before format 5
/// reads them.
fn clear_known_words(v: &mut serde_json::Value) {
    if let Some(known) = v.pointer_mut("/vectorizer/known_words") {
        *known = serde_json::to_value(stance::features::KnownWords::default()).unwrap();
    }
    if let Some(targets) = v.get_mut("targets").and_then(|t| t.as_object_mut()) {
        targets.values_mut().for_each(clear_known_words);
    }
}

/// Writes `m` in every format version and reads each file back.
fn round_trip(what: &str, m: &StanceModel) {
    let dir = tempfile::tempdir().unwrap();
    let expected = as_json(m);
    let expected_scores = scores(m);
    for version in 1..=file::FORMAT_VERSION {
        let p = dir.path().join(format!("v{version}.model"));
        if version < m.oldest_format() {
            // A version whose readers would featurize the model otherwise is refused.
            let err = m.save_as(&p, version).unwrap_err().to_string();
            assert!(
                err.contains("cannot be written as version"),
                "{what}: {err}"
            );
            assert!(!p.exists());
            continue;
        }
        m.save_as(&p, version).unwrap();
        let back = StanceModel::load(&p).unwrap_or_else(|e| panic!("{what} v{version}: {e}"));
        assert_eq!(back.format_version(), version, "{what}");
        // Format 4 added `nb_scale`; older versions read it as false (its effect is folded into
        // the weights, so the scores below are still the same).
        let mut expected = expected.clone();
        if version < 4 {
            clear_nb_scale(&mut expected);
        }
        // Format 5 added the known words' n-gram ids; older versions read none (and look every
        // n-gram up, to the same ids: the scores below are the same).
        if version < 5 {
            clear_known_words(&mut expected);
        }
        assert!(
            as_json(&back) == expected,
            "{what}: version {version} reads back another model"
        );
        assert_eq!(scores(&back), expected_scores, "{what} v{version}");
    }
    // The default writer is the binary one, and its payload is not JSON.
    let p = dir.path().join("default.model");
    m.save(&p).unwrap();
    let bytes = std::fs::read(&p).unwrap();
    let header_end = bytes.iter().position(|&b| b == b'\n').unwrap();
    let header = std::str::from_utf8(&bytes[..header_end]).unwrap();
    assert!(
        header.contains(&format!("\"format_version\":{}", file::FORMAT_VERSION)),
        "{header}"
    );
    assert!(serde_json::from_slice::<serde_json::Value>(&bytes[header_end + 1..]).is_err());
}

#[test]
fn every_model_kind_round_trips_in_every_format_version() {
    round_trip("logistic", &train(ClassifierKind::Logistic, false));
    round_trip("naive Bayes", &train(ClassifierKind::Nb, false));
    round_trip("per-target", &train(ClassifierKind::Logistic, true));
    round_trip(
        "linfa-logistic",
        &train(ClassifierKind::LinfaLogistic, false),
    );
    // A hashed model (`train --hash-bits`): its vectorizer's hashing settings must survive the
    // binary payload too.
    let mut trainer = stance::trainer::Trainer::default();
    trainer.settings.hash_bits = Some(12);
    let data = stance::trainer::TrainingData::from_records(tiny_records(), "tiny");
    let hashed = trainer.train(data, &|_| {}).unwrap().model;
    assert!(as_json(&hashed)["vectorizer"]["params"]["hashing"].is_object());
    round_trip("hashed", &hashed);
}

#[test]
fn naive_bayes_scaling_is_recorded_from_version_4_and_older_versions_score_the_same() {
    let mut records = tiny_records();
    for r in &mut records {
        r.target = Some("Bashar al-Assad".into());
    }
    let mut options = TrainOptions::default();
    options.vectorizer.min_df = DfBound::Count(1);
    options.classifier.nb_scale = true;
    options.extract.clause_pairs = false;
    let m = StanceModel::train(&records, &options, &builder()).unwrap();
    let plain = {
        options.classifier.nb_scale = false;
        StanceModel::train(&records, &options, &builder()).unwrap()
    };
    assert_ne!(scores(&m), scores(&plain), "the scaling changes the model");
    let dir = tempfile::tempdir().unwrap();
    for version in 1..=file::FORMAT_VERSION {
        let p = dir.path().join(format!("v{version}.model"));
        m.save_as(&p, version).unwrap();
        let back = StanceModel::load(&p).unwrap_or_else(|e| panic!("v{version}: {e}"));
        // The scale is folded into the weights, so a file without the flag (an older version,
        // or an older build) predicts the same; the flag itself exists from version 4.
        assert_eq!(scores(&back), scores(&m), "v{version}");
        assert_eq!(back.options.classifier.nb_scale, version >= 4, "v{version}");
    }
}

/// Format 5 added the word pairs of the actor's clause: a model that reads them is written in
/// version 5 and reads back the same, an older version is refused (its readers would score the
/// model without them), and a version-4 file of a model without them still loads as it was.
#[test]
fn clause_pairs_need_format_5() {
    let mut options = TrainOptions::default();
    options.vectorizer.min_df = DfBound::Count(1);
    let m = StanceModel::train(&tiny_records(), &options, &builder()).unwrap();
    assert!(m.options.extract.clause_pairs, "on for stance labels");
    assert_eq!(m.oldest_format(), 5);
    round_trip("clause pairs", &m);
    options.extract.clause_pairs = false;
    let plain = StanceModel::train(&tiny_records(), &options, &builder()).unwrap();
    assert_ne!(scores(&plain), scores(&m), "the pairs change the model");
    let dir = tempfile::tempdir().unwrap();
    // The generic writer, which does not know what a model needs, refuses as well.
    for version in 1..5 {
        assert!(file::encode(&m, version).is_err(), "v{version}");
    }
    let p = dir.path().join("v4.model");
    plain.save_as(&p, 4).unwrap();
    let back = StanceModel::load(&p).unwrap();
    assert!(!back.options.extract.clause_pairs);
    assert_eq!(scores(&back), scores(&plain));
}

/// A model file written by the build before format 4 (`stance train --data
/// tests/fixtures/tiny_stance.jsonl --char-ngrams none` at commit 865109e): the fields format 4
/// added read as their defaults, and the rest as written.
#[test]
fn a_format_3_file_written_by_an_older_build_loads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/legacy-v3.model");
    let m = StanceModel::load(&path).unwrap();
    assert_eq!(m.format_version(), 3);
    assert!(!m.options.classifier.nb_scale);
    assert!(!m.options.extract.mention_position);
    assert!(!m.options.extract.clause_pairs);
    assert_eq!(m.labels, ["neutral", "opposes", "supports"]);
    let s = scores(&m);
    assert_eq!(s.len(), tiny_records().len());
    assert!(s.iter().all(|p| (p.iter().sum::<f64>() - 1.0).abs() < 1e-9));
    // And it converts: written again in every version, it reads back the same.
    round_trip("format 3 file", &m);
}

#[test]
fn built_in_models_round_trip_in_every_format_version() {
    for name in stance::builtin::BUILTIN_NAMES {
        let bytes = stance::builtin::builtin_bytes(name).expect("built with the models");
        let m = StanceModel::from_bytes(bytes, name).unwrap();
        round_trip(name, &m);
    }
}

#[test]
fn a_damaged_binary_payload_is_refused_with_its_reason() {
    let m = train(ClassifierKind::Logistic, false);
    let bytes = file::encode(&m, file::FORMAT_VERSION).unwrap();
    let header_end = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    let (header, body) = bytes.split_at(header_end);
    // A valid header over a payload that is not the model (checksum and size made to match):
    // what a bug or a foreign writer would produce.
    for (what, payload, message) in [
        (
            "truncated",
            &body[..body.len() / 2],
            "damaged model payload (binary)",
        ),
        (
            "extra bytes",
            &[body, b"xyz"].concat()[..],
            "3 bytes left over",
        ),
    ] {
        let header = String::from_utf8(header.to_vec()).unwrap();
        let mut h: serde_json::Value = serde_json::from_str(header.trim_end()).unwrap();
        h["payload_bytes"] = payload.len().into();
        h["xxh3_128"] = file::xxh3_128_hex(payload).into();
        let mut forged = serde_json::to_vec(&h).unwrap();
        forged.push(b'\n');
        forged.extend_from_slice(payload);
        let err = StanceModel::from_bytes(&forged, what)
            .err()
            .expect(what)
            .to_string();
        assert!(err.contains(message), "{what}: {err}");
    }
    // Flipped bits anywhere in the payload fail the checksum before decoding.
    let mut flipped = bytes.clone();
    let n = header_end + body.len() / 3;
    flipped[n] ^= 0x40;
    let err = StanceModel::from_bytes(&flipped, "flipped")
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("checksum mismatch"), "{err}");
}

/// The header of a model file as JSON, and where its payload starts.
fn header_of(bytes: &[u8]) -> (serde_json::Value, usize) {
    let end = bytes.iter().position(|&b| b == b'\n').unwrap();
    (serde_json::from_slice(&bytes[..end]).unwrap(), end + 1)
}

#[test]
fn version_4_checks_its_payload_with_xxh3_and_version_3_with_sha256() {
    let m = train(ClassifierKind::Logistic, false);
    let v4 = file::encode(&m, 4).unwrap();
    let (h, start) = header_of(&v4);
    assert_eq!(h["xxh3_128"], file::xxh3_128_hex(&v4[start..]).as_str());
    assert!(h.get("sha256").is_none(), "{h}");
    let v3 = file::encode(&m, 3).unwrap();
    let (h, start) = header_of(&v3);
    assert_eq!(h["sha256"], file::sha256_hex(&v3[start..]).as_str());
    assert!(h.get("xxh3_128").is_none(), "{h}");

    // One flipped bit in either version's payload is refused; so is a header whose checksum is
    // of the other kind (a version-4 header with only a SHA-256, as a confused writer would make).
    for (what, bytes) in [("v3", &v3), ("v4", &v4)] {
        let (_, start) = header_of(bytes);
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x01;
        assert!(flipped.len() > start);
        let err = StanceModel::from_bytes(&flipped, what).err().unwrap();
        assert!(
            err.to_string().contains("checksum mismatch"),
            "{what}: {err}"
        );
    }
    let (mut h, start) = header_of(&v4);
    h.as_object_mut().unwrap().remove("xxh3_128");
    h["sha256"] = file::sha256_hex(&v4[start..]).into();
    let mut forged = serde_json::to_vec(&h).unwrap();
    forged.push(b'\n');
    forged.extend_from_slice(&v4[start..]);
    let err = StanceModel::from_bytes(&forged, "forged").err().unwrap();
    assert!(err.to_string().contains("no checksum"), "{err}");
}

#[test]
fn a_version_4_vocabulary_that_does_not_cut_its_text_is_refused() {
    // A vocabulary's lengths that do not add up to its text: a payload a bug would write,
    // checksum made to match. Found by editing the first length (the vocabulary of the tiny
    // model starts with a short feature, whose length is one byte in postcard's varint).
    let m = train(ClassifierKind::Logistic, false);
    let v4 = file::encode(&m, 4).unwrap();
    let (mut h, start) = header_of(&v4);
    let body = &v4[start..];
    let vocab_len = m.vectorizer.vocabulary.len();
    let first = m.vectorizer.vocabulary[0].len();
    // postcard: the number of lengths (a varint), then the lengths; find that pair.
    let mut count = Vec::new();
    let mut n = vocab_len;
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            count.push(b);
            break;
        }
        count.push(b | 0x80);
    }
    count.push(first as u8);
    let at = body
        .windows(count.len())
        .position(|w| w == count.as_slice())
        .expect("the vocabulary's lengths in the payload");
    let mut body = body.to_vec();
    body[at + count.len() - 1] += 1;
    h["xxh3_128"] = file::xxh3_128_hex(&body).into();
    let mut forged = serde_json::to_vec(&h).unwrap();
    forged.push(b'\n');
    forged.extend_from_slice(&body);
    let err = StanceModel::from_bytes(&forged, "forged").err().unwrap();
    // postcard keeps no custom message; the unit tests of `Vocabulary` check the reason.
    assert!(
        err.to_string().contains("damaged model payload (binary)"),
        "{err}"
    );
}
