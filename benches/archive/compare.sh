#!/usr/bin/env bash
# Zone tables from a 19-season-sized archive, Courtside against the DuckDB CLI, as whole
# processes in turns (issue 16). Not run in CI.
#
#   pip install pyarrow duckdb-cli
#   cargo build --release
#   benches/archive/compare.sh ../shared/data/nba-shots/NBA_2024_Shots.csv [RUNS]
#
# Prints the median wall time and peak memory (max RSS) of each, for one player and for the
# league, in two turns (Courtside's first run of a new file also checks its frame, then keeps
# the result).
set -euo pipefail
csv=${1:?the shared NBA_2024_Shots.csv}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
bin=${CARGO_TARGET_DIR:-$here/../../target}/release/courtside
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/make_archive.py" "$csv" "$work/archive.parquet" >/dev/null

measure() { # name, command...
  local name=$1; shift
  local times=() mems=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1
    read -r t m <"$work/t"
    times+=("$t"); mems+=("$m")
  done
  local mt mm
  mt=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  mm=$(printf '%s\n' "${mems[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  awk -v n="$name" -v t="$mt" -v m="$mm" 'BEGIN { printf "%-34s %6.0f ms %6.0f MiB\n", n, t * 1000, m / 1024 }'
}

# The DuckDB CLI itself: pip's `duckdb` is a Python script that starts it, which would add
# Python's start-up (about 50 ms) to every DuckDB run.
duckdb=$(python3 -c 'import duckdb_cli, os; print(os.path.join(os.path.dirname(duckdb_cli.__file__), "duckdb"))' 2>/dev/null || command -v duckdb)

a="$work/archive.parquet"
sorted="$work/canonical.parquet"
"$bin" convert "$a" --sort --out "$sorted" >/dev/null
player="Stephen Curry"
for turn in 1 2; do
  measure "duckdb, one player" "$duckdb" -csv -c "SELECT BASIC_ZONE, count(*), sum(SHOT_MADE::int) FROM read_parquet('$a') WHERE PLAYER_NAME = '$player' GROUP BY 1"
  measure "courtside, one player" "$bin" zones "$a" --player "$player" --baseline none --out "$work/z.csv"
  measure "duckdb, the league" "$duckdb" -csv -c "SELECT BASIC_ZONE, count(*), sum(SHOT_MADE::int) FROM read_parquet('$a') GROUP BY 1"
  measure "duckdb, Courtside's whole answer" "$duckdb" -csv -c "SELECT BASIC_ZONE, count(*), sum(SHOT_MADE::int), sum((SHOT_MADE AND SHOT_TYPE LIKE '3%')::int), count(LOC_X), count(LOC_Y) FROM read_parquet('$a') GROUP BY 1"
  measure "courtside, the league" "$bin" zones "$a" --baseline none --out "$work/z.csv"
  measure "courtside, league vs league" "$bin" zones "$a" --out "$work/z.csv"
  measure "courtside, player vs league" "$bin" zones "$a" --player "$player" --out "$work/z.csv"
  measure "courtside, league, convert --sort" "$bin" zones "$sorted" --baseline none --out "$work/z.csv"
  measure "courtside, player, convert --sort" "$bin" zones "$sorted" --player "$player" --baseline none --out "$work/z.csv"
done
