#!/usr/bin/env python3
"""Build the suite's markdown report from the run outputs.

    report.py SUITE_DIR OUT.md [--meta KEY=VALUE ...]

SUITE_DIR/<dataset>/{train,test}.jsonl are the converted data; SUITE_DIR/runs/<dataset>/ holds
stance.eval.json, stance.pred.jsonl, stance.cv.json, sklearn.json, sklearn.pred.jsonl and, where a
per-target variant ran, sklearn_pt.json and sklearn_pt.pred.jsonl. Prints the markdown to stdout too.
Macro-F1 is recomputed here from the predictions (and checked against stance's own evaluate).
The paired bootstrap draws 1000 resamples of the test set (seed 1) and takes the 2.5 and 97.5
percentiles of macro-F1(stance) - macro-F1(sklearn) on the same resample.
"""
import json
import os
import sys

import numpy as np

BOOT = 1000
SEED = 1

DATASETS = [
    {"name": "newsmtsc", "title": "NewsMTSC (mt)",
     "kind": "sentiment toward a person mention in a news sentence (actor + span)",
     "source": "NewsMTSC (Hamborg & Donnay, EACL 2021), from shared/datasets/newsmtsc: "
               "train.jsonl (train) and hf_splits/mt_test.jsonl (test)",
     "license": "MIT", "metric": "macro-F1 (3 classes) on mt_test",
     "cv": "grouped by sentence (a sentence with several mentions stays in one fold)"},
    {"name": "claim_unseen", "title": "IBM Claim Stance, official split (unseen topics)",
     "kind": "stance (PRO/CON) of a Wikipedia claim toward a debate motion; 25 train / 30 test topics",
     "source": "IBM Debater Claim Stance Dataset v1 (Bar-Haim et al., EACL 2017), file "
               "few_shot_priming/data/claim_stance_dataset_v1.csv of PyPI few-shot-priming==0.0.99",
     "license": "CC BY-SA 3.0", "metric": "macro-F1 (2 classes) on the official test topics",
     "cv": "grouped by target (topic), like the test"},
    {"name": "claim_within", "title": "IBM Claim Stance, within-topic split",
     "kind": "same claims, the 25 training topics only, 70/30 per topic (stratified, seed 1)",
     "source": "as above", "license": "CC BY-SA 3.0",
     "metric": "macro-F1 (2 classes) on the 30 % held out of each training topic",
     "cv": "stratified (topics are seen in test too)"},
    {"name": "uci_sentences", "title": "UCI Sentiment Labelled Sentences",
     "kind": "binary sentiment of review sentences (Amazon products, IMDb movies, Yelp restaurants)",
     "source": "Kotzias et al., KDD 2015 (UCI ML repository), as shipped in npm sentiment@5.0.2 "
               "test/fixtures/{amazon,imdb,yelp}.json; exact duplicate sentences dropped; "
               "70/30 split stratified by source and label (seed 1)",
     "license": "CC BY 4.0 (data, UCI); the npm package is MIT",
     "metric": "macro-F1 (2 classes) on the 30 % test part", "cv": "stratified"},
]


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def macro_f1_idx(gold, pred, k):
    """gold, pred: int arrays (n,) or (b, n); macro-F1 over k labels (rows for 2-D)."""
    gold = np.atleast_2d(gold)
    pred = np.atleast_2d(pred)
    f1s = []
    for c in range(k):
        tp = ((pred == c) & (gold == c)).sum(1)
        fp = ((pred == c) & (gold != c)).sum(1)
        fn = ((pred != c) & (gold == c)).sum(1)
        denom = 2 * tp + fp + fn
        f1s.append(np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0))
    return np.mean(f1s, axis=0)


def preds_for(path, ids):
    got = {r["id"]: r["label"] for r in read_jsonl(path)}
    missing = [i for i in ids if i not in got]
    if missing:
        raise SystemExit(f"report.py: {path}: {len(missing)} test ids without prediction")
    return [got[i] for i in ids]


def per_target_mean(gold, pred, targets, k):
    vals = []
    for t in sorted(set(targets)):
        m = np.array([x == t for x in targets])
        vals.append(float(macro_f1_idx(gold[m], pred[m], k)[0]))
    return float(np.mean(vals))


def setting_str(b):
    cw = b["class_weight"] or "none"
    return (f"{'LR' if b['classifier'] == 'logistic' else 'LinearSVC'} C={b['C']:g}, "
            f"word {b['word_ngram'][0]}-{b['word_ngram'][1]}, cw={cw}, min_df={b['min_df']}")


def main():
    suite, out_md = sys.argv[1], sys.argv[2]
    meta = dict(a.split("=", 1) for a in sys.argv[3:] if "=" in a)
    meta = {k: " ".join(v.split()) for k, v in meta.items()}
    rng = np.random.default_rng(SEED)
    rows, details, extra, timings = [], [], [], []
    for d in DATASETS:
        run = os.path.join(suite, "runs", d["name"])
        if not os.path.exists(os.path.join(run, "sklearn.json")):
            print(f"report.py: {d['name']}: no results, skipped", file=sys.stderr)
            continue
        train = read_jsonl(os.path.join(suite, d["name"], "train.jsonl"))
        test = read_jsonl(os.path.join(suite, d["name"], "test.jsonl"))
        ids = [r["id"] for r in test]
        labels = sorted({r["label"] for r in train} | {r["label"] for r in test})
        li = {l: i for i, l in enumerate(labels)}
        gold = np.array([li[r["label"]] for r in test])
        st = np.array([li[x] for x in preds_for(os.path.join(run, "stance.pred.jsonl"), ids)])
        sk = np.array([li[x] for x in preds_for(os.path.join(run, "sklearn.pred.jsonl"), ids)])
        k = len(labels)
        f_st = float(macro_f1_idx(gold, st, k)[0])
        f_sk = float(macro_f1_idx(gold, sk, k)[0])
        ev = json.load(open(os.path.join(run, "stance.eval.json")))
        if abs(ev["macro_f1"] - f_st) > 1e-6:
            print(f"report.py: {d['name']}: stance evaluate says {ev['macro_f1']:.6f}, "
                  f"classify output gives {f_st:.6f}", file=sys.stderr)
        cv = json.load(open(os.path.join(run, "stance.cv.json")))
        skj = json.load(open(os.path.join(run, "sklearn.json")))
        idx = rng.integers(0, len(gold), size=(BOOT, len(gold)))
        delta = macro_f1_idx(gold[idx], st[idx], k) - macro_f1_idx(gold[idx], sk[idx], k)
        lo, hi = np.percentile(delta, [2.5, 97.5])
        counts = {l: int((gold == i).sum()) for l, i in li.items()}
        tr_counts = {l: sum(r["label"] == l for r in train) for l in labels}
        targets = [r.get("target") for r in test]
        n_targets = len({t for t in targets if t is not None})
        row = {"d": d, "n_train": len(train), "n_test": len(test), "labels": labels,
               "f_st": f_st, "f_sk": f_sk, "lo": lo, "hi": hi, "delta": f_st - f_sk,
               "cv_st": cv["macro_f1_mean"], "cv_st_sd": cv["macro_f1_std"],
               "cv_sk": skj["cv_macro_f1"], "cv_sk_sd": skj["cv_macro_f1_std"],
               "setting": setting_str(skj["best"]), "sk_s": skj["seconds_total"],
               "acc_st": float((st == gold).mean()), "acc_sk": float((sk == gold).mean())}
        rows.append(row)
        details.append((d, len(train), len(test), tr_counts, counts,
                        len({r.get("target") for r in train if r.get("target")}), n_targets))
        secs = {}
        for v in ("stance", "sklearn", "sklearn_pt"):
            p = os.path.join(run, f"{v}.seconds")
            if os.path.exists(p):
                secs[v] = int(open(p).read().strip())
        timings.append((d["title"], secs, skj["settings_tried"]))
        if n_targets > 1:
            pt = {"name": d["title"], "stance": per_target_mean(gold, st, targets, k),
                  "sklearn": per_target_mean(gold, sk, targets, k), "cv_group": None}
            cvt = os.path.join(run, "stance.cv_target.json")
            if d["name"] == "claim_unseen":
                pt["cv_group"] = cv["macro_f1_mean"]
            elif os.path.exists(cvt):
                pt["cv_group"] = json.load(open(cvt))["macro_f1_mean"]
            ptp = os.path.join(run, "sklearn_pt.pred.jsonl")
            if os.path.exists(ptp):
                pk = np.array([li[x] for x in preds_for(ptp, ids)])
                pj = json.load(open(os.path.join(run, "sklearn_pt.json")))
                f_pk = float(macro_f1_idx(gold, pk, k)[0])
                dd = macro_f1_idx(gold[idx], st[idx], k) - macro_f1_idx(gold[idx], pk[idx], k)
                plo, phi = np.percentile(dd, [2.5, 97.5])
                pt.update({"pt_f1": f_pk, "pt_mean": per_target_mean(gold, pk, targets, k),
                           "pt_cv": pj["cv_macro_f1"], "pt_setting": setting_str(pj["best"]),
                           "pt_delta": f_st - f_pk, "pt_lo": plo, "pt_hi": phi})
            extra.append(pt)

    L = []
    L.append("# Public benchmark suite: stance (defaults) vs scikit-learn (CV-tuned)")
    L.append("")
    L.append("Generated by `bench/suite.sh`; do not edit by hand (re-run the script).")
    L.append("")
    for key in ("date", "stance", "stance_sha256", "python", "sklearn", "machine", "wall_time"):
        if key in meta:
            L.append(f"- {key.replace('_', ' ')}: {meta[key]}")
    L.append("")
    L.append("Macro-F1 on each test split. stance: `stance train --data train.jsonl` with every "
             "option at its default. scikit-learn: word + char_wb(2-5) TF-IDF, LogisticRegression "
             "or LinearSVC, 80 settings chosen by 5-fold CV macro-F1 on the train split only, then "
             "fitted once on all of train. Δ = stance − sklearn with a paired bootstrap 95 % "
             "interval (1000 resamples of the test set). CV columns: 5-fold mean macro-F1 on the "
             "train split (stance: `stance cv`; sklearn: the chosen setting's CV score, which is "
             "optimistic since it was picked as the best of 80); both use the fold scheme in the "
             "datasets table.")
    L.append("")
    L.append("| dataset | train / test | stance | sklearn | Δ stance − sklearn [95 % CI] "
             "| stance cv | sklearn cv | sklearn setting (CV-chosen) |")
    L.append("|---|---|---|---|---|---|---|---|")
    for r in rows:
        L.append(f"| {r['d']['title']} | {r['n_train']} / {r['n_test']} | **{r['f_st']:.3f}** "
                 f"| **{r['f_sk']:.3f}** | {r['delta']:+.3f} [{r['lo']:+.3f}, {r['hi']:+.3f}] "
                 f"| {r['cv_st']:.3f} ± {r['cv_st_sd']:.3f} | {r['cv_sk']:.3f} ± {r['cv_sk_sd']:.3f} "
                 f"| {r['setting']} |")
    L.append("")
    if extra:
        L.append("Multi-target sets: `stance cv --group-field target` (each fold's topics unseen "
                 "in its training part; on the official split this is the CV column above), the "
                 "mean over targets of the per-target macro-F1 (SemEval-style), "
                 "and a per-target scikit-learn variant (one model per target, settings chosen by "
                 "the same 5-fold CV with one model per target inside each fold; only possible "
                 "where test targets occur in train).")
        L.append("")
        L.append("| dataset | stance cv, folds grouped by target | stance per-target mean "
                 "| sklearn per-target mean | sklearn one-model-"
                 "per-target: macro-F1 / per-target mean | Δ stance − per-target sklearn [95 % CI] "
                 "| per-target setting (CV-chosen; cv) |")
        L.append("|---|---|---|---|---|---|---|")
        for p in extra:
            cvg = f"{p['cv_group']:.3f}" if p["cv_group"] is not None else "n/a"
            if "pt_f1" in p:
                L.append(f"| {p['name']} | {cvg} | {p['stance']:.3f} | {p['sklearn']:.3f} | "
                         f"{p['pt_f1']:.3f} / {p['pt_mean']:.3f} | {p['pt_delta']:+.3f} "
                         f"[{p['pt_lo']:+.3f}, {p['pt_hi']:+.3f}] | {p['pt_setting']}; "
                         f"{p['pt_cv']:.3f} |")
            else:
                L.append(f"| {p['name']} | {cvg} | {p['stance']:.3f} | {p['sklearn']:.3f} | n/a (test "
                         f"topics unseen in train) | n/a | n/a |")
        L.append("")
    L.append("Accuracy (stance / sklearn): " + "; ".join(
        f"{r['d']['title']} {r['acc_st']:.3f} / {r['acc_sk']:.3f}" for r in rows) + ".")
    L.append("")
    if timings:
        L.append("Wall time of each step when it was last computed (seconds; stance: train, "
                 "evaluate, classify and cv; scikit-learn: the CV grid, the final fit and the "
                 "prediction):")
        L.append("")
        L.append("| dataset | stance | scikit-learn | scikit-learn one model per target |")
        L.append("|---|---|---|---|")
        for title, secs, n in timings:
            L.append(f"| {title} | {secs.get('stance', '?')} | {secs.get('sklearn', '?')} | "
                     f"{secs.get('sklearn_pt', '-')} |")
        L.append("")
    L.append("## Datasets")
    L.append("")
    L.append("| dataset | kind | labels (train; test) | targets train / test | licence | source "
             "| metric | CV folds |")
    L.append("|---|---|---|---|---|---|---|---|")
    for d, ntr, nte, trc, tec, ttr, tte in details:
        lab = ", ".join(f"{l} {trc[l]}; {tec[l]}" for l in sorted(trc))
        tg = f"{ttr} / {tte}" if tte else "-"
        L.append(f"| {d['title']} | {d['kind']} | {lab} | {tg} | {d['license']} | {d['source']} "
                 f"| {d['metric']} | {d['cv']} |")
    L.append("")
    L.append("Records are JSONL `{id, text, label, target?, actor?, span?}` in "
             "`bench/data/suite/<dataset>/{train,test}.jsonl` (git-ignored, rebuilt by the "
             "script). NewsMTSC records carry the mention as `actor` and its character `span`; "
             "the sklearn baseline sees the sentence with the mention replaced by the token "
             "`targetmention` (without it, a sentence with two mentions is the same input for "
             "both). Claim Stance records carry the topic's `topicTarget` as `target`; the "
             "sklearn baseline sees the claim text alone (nothing prepended).")
    L.append("")
    text = "\n".join(L) + "\n"
    with open(out_md, "w", encoding="utf-8") as f:
        f.write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
