#!/usr/bin/env bash
# Fuzz one of stance's parsers with AFL++ through cargo-afl (afl.rs; stable Rust).
#
#   scripts/fuzz.sh TARGET SECONDS     build fuzz/ and run TARGET for SECONDS, then print stats
#   scripts/fuzz.sh build              only build the fuzz targets
#   scripts/fuzz.sh repro TARGET FILE  run one input through TARGET (outside AFL), with backtrace
#   scripts/fuzz.sh list               list the targets
#
# Targets (fuzz/src/bin/): records articles sentences tokenizer matcher model_loader
#
# One-time setup:  cargo install cargo-afl && cargo afl config --build
# Seeds are in fuzz/seeds/TARGET, dictionaries in fuzz/dict/TARGET.dict; the fuzzer's output goes
# to fuzz/out/TARGET (kept between runs: a second run resumes it; FUZZ_FRESH=1 starts over).
# Crashes land in fuzz/out/TARGET/default/crashes, hangs in .../hangs; keep minimised repros in
# fuzz/regressions/TARGET/.
#
# Everything runs under `nice -n 19` with one fuzzer process and one rayon thread, so the machine
# stays usable. Builds go to fuzz/target, never to the main crate's target/.
#
# Environment knobs: FUZZ_TIMEOUT (ms per exec, default: AFL's own calibration; a '+' suffix
# skips inputs that time out instead of saving them as hangs), FUZZ_NO_BUILD=1 (reuse the
# binaries), FUZZ_FRESH=1 (discard fuzz/out/TARGET first), FUZZ_ARGS (extra afl-fuzz flags).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ="$ROOT/fuzz"
TARGETS="records articles sentences tokenizer matcher model_loader"
export CARGO_TARGET_DIR="$FUZZ/target"

usage() {
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

is_target() {
    case " $TARGETS " in *" $1 "*) return 0 ;; esac
    echo "unknown target '$1'; targets: $TARGETS" >&2
    exit 2
}

build() {
    if ! cargo afl --version >/dev/null 2>&1; then
        echo "cargo-afl is missing: cargo install cargo-afl && cargo afl config --build" >&2
        exit 1
    fi
    (cd "$FUZZ" && nice -n 19 cargo afl build --release --bins)
}

# Prints one field of a fuzzer_stats file.
stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$2"; }

report() {
    local target="$1" stats="$FUZZ/out/$1/default/fuzzer_stats"
    if [[ ! -f "$stats" ]]; then
        echo "no fuzzer_stats for $target (did afl-fuzz start?)" >&2
        return 1
    fi
    local start last
    start=$(stat start_time "$stats")
    last=$(stat last_update "$stats")
    echo "== $target"
    echo "run time      : $(stat run_time "$stats") s (wall $((last - start)) s)"
    echo "executions    : $(stat execs_done "$stats")"
    echo "execs/s       : $(stat execs_per_sec "$stats")"
    echo "corpus        : $(stat corpus_count "$stats") entries ($(stat corpus_found "$stats") found, $(stat corpus_imported "$stats") imported)"
    echo "coverage      : $(stat bitmap_cvg "$stats") of the map ($(stat edges_found "$stats") edges)"
    echo "crashes       : $(stat saved_crashes "$stats") saved"
    echo "hangs         : $(stat saved_hangs "$stats") saved"
    local f
    for f in "$FUZZ/out/$target/default/crashes"/id:* "$FUZZ/out/$target/default/hangs"/id:*; do
        [[ -e "$f" ]] && echo "  ${f#"$ROOT"/}"
    done
    return 0
}

fuzz() {
    local target="$1" seconds="$2"
    is_target "$target"
    [[ "$seconds" =~ ^[0-9]+$ ]] || usage
    [[ "${FUZZ_NO_BUILD:-}" == 1 ]] || build
    local out="$FUZZ/out/$target"
    [[ "${FUZZ_FRESH:-}" == 1 ]] && rm -rf "$out"
    mkdir -p "$FUZZ/out"
    local args=(-i "$FUZZ/seeds/$target" -o "$out" -V "$seconds")
    [[ -f "$FUZZ/dict/$target.dict" ]] && args+=(-x "$FUZZ/dict/$target.dict")
    [[ -n "${FUZZ_TIMEOUT:-}" ]] && args+=(-t "$FUZZ_TIMEOUT")
    # shellcheck disable=SC2206
    [[ -n "${FUZZ_ARGS:-}" ]] && args+=(${FUZZ_ARGS})
    # Quiet, resumable, no CPU pinning (the machine is shared), one worker thread in the target.
    AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 \
        AFL_AUTORESUME=1 AFL_TMPDIR="${AFL_TMPDIR:-/dev/shm}" RAYON_NUM_THREADS=1 \
        nice -n 19 cargo afl fuzz "${args[@]}" "$CARGO_TARGET_DIR/release/$target" \
        >"$FUZZ/out/$target.log" 2>&1 || {
        echo "afl-fuzz failed; last lines of fuzz/out/$target.log:" >&2
        tail -n 30 "$FUZZ/out/$target.log" >&2
        exit 1
    }
    report "$target"
}

repro() {
    local target="$1" input="$2"
    is_target "$target"
    [[ -x "$CARGO_TARGET_DIR/release/$target" ]] || build
    # Outside AFL an afl.rs target reads one input from stdin and panics normally.
    RUST_BACKTRACE=1 RAYON_NUM_THREADS=1 nice -n 19 "$CARGO_TARGET_DIR/release/$target" <"$input"
}

case "${1:-}" in
    build) build ;;
    list) echo "$TARGETS" ;;
    repro) [[ $# -eq 3 ]] || usage; repro "$2" "$3" ;;
    report) [[ $# -eq 2 ]] || usage; report "$2" ;;
    "" | -h | --help) usage ;;
    *) [[ $# -eq 2 ]] || usage; fuzz "$1" "$2" ;;
esac
