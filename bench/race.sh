#!/usr/bin/env bash
# The race detector's overhead: measures and reports, asserts nothing about timings.
#
#   bench/race.sh [--runs N]
#
# For bench/race/{pipeline,mutex}.gol and bench/cpu/*.gol: wall time (best of N, default 3) and
# peak RSS (GNU time) of `gol run`, `gol run -race`, and real Go built without and with -race;
# then the ratios gol -race / gol and go -race / go. Outputs must agree (WRONG otherwise).
# GOL=/path/to/gol measures that binary (default target/release/gol, built if missing).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
runs=3
[[ ${1:-} == --runs ]] && runs=$2
gol=${GOL:-$root/target/release/gol}
[[ -x $gol ]] || (cd "$root" && cargo build --release -q)
go=$("${GO_ORACLE:-$root/../shared/tools/go-oracle}" --go)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
best() { # best() OUTFILE CMD... : prints "seconds kb" of the fastest run
  local out=$1; shift; local bt=999999 bm=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" >"$out" 2>/dev/null || true
    read -r t m <"$work/t"
    if awk "BEGIN{exit !($t < $bt)}"; then bt=$t; bm=$m; fi
  done
  echo "$bt $bm"
}
printf '%-10s %9s %9s %9s %9s | %7s %7s | %7s %7s\n' program gol gol-race go go-race 'x time' 'x mem' 'go x t' 'go x m'
for f in "$here"/race/*.gol "$here"/cpu/*.gol; do
  name=$(basename "$f" .gol)
  mkdir -p "$work/$name"; cp "$f" "$work/$name/main.go"
  (cd "$work/$name" && "$go" mod init b >/dev/null 2>&1 &&
    GOTOOLCHAIN=local GOFLAGS=-mod=mod "$go" build -o plain . &&
    GOTOOLCHAIN=local GOFLAGS=-mod=mod "$go" build -race -o racy .) >/dev/null 2>&1
  read -r gt gm < <(best "$work/o1" "$gol" run "$f")
  read -r rt rm < <(best "$work/o2" "$gol" run -race "$f")
  read -r ot om < <(best "$work/o3" "$work/$name/plain")
  read -r qt qm < <(best "$work/o4" "$work/$name/racy")
  ok=""
  cmp -s "$work/o1" "$work/o3" && cmp -s "$work/o2" "$work/o3" || ok=" WRONG"
  printf '%-10s %8ss %8ss %8ss %8ss | %6.2fx %6.2fx | %6.2fx %6.2fx%s\n' "$name" "$gt" "$rt" "$ot" "$qt" \
    "$(awk "BEGIN{print $rt/($gt>0?$gt:0.01)}")" "$(awk "BEGIN{print $rm/$gm}")" \
    "$(awk "BEGIN{print $qt/($ot>0?$ot:0.01)}")" "$(awk "BEGIN{print $qm/$om}")" "$ok"
done
