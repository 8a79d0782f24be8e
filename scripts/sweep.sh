#!/usr/bin/env bash
# Cross-validated sweep of pipeline options on one training set (see docs/defaults.md).
# Usage: scripts/sweep.sh DATA [extra train flags...] -- prints one line per setting.
# Each setting is a set of `stance cv` flags; the grid is read from stdin, one setting a line.
set -euo pipefail
data=$1; shift
bin=${STANCE_BIN:-target/release/stance}
while IFS= read -r setting; do
  [ -z "$setting" ] && continue
  # shellcheck disable=SC2086
  result=$($bin cv -q --data "$data" --folds "${FOLDS:-5}" --seed 1 --format json "$@" $setting |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.4f ± %.4f  acc %.4f" % (r["macro_f1_mean"], r["macro_f1_std"], r["pooled"]["accuracy"]))')
  printf '%-60s %s\n' "$setting" "$result"
done
