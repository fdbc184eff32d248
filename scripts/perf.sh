#!/usr/bin/env bash
# Time clausediff against git's word diff on KJV→ASV Bible pairs of growing
# size (../shared/eval/align/bible.py makes them; ../shared/eval/perf/ratio.py
# alternates the two commands and prints medians and the median ratio).
#
#   scripts/perf.sh            # 100 KB, 400 KB, 1 MB, 2 MB and 4 MB
#   scripts/perf.sh 1..66      # one size: the whole Bible
#
# Needs python3, git and ../shared beside the checkout. Machines are noisy:
# read the ratio, not the seconds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
eval=${EVAL:-$root/../shared/eval}
[ -d "$eval" ] || { echo "perf.sh: $eval not found (../shared/eval beside the checkout)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -C "$root" -o "$work/bin/clausediff" ./cmd/clausediff
export PATH="$work/bin:$PATH"

sizes=("6" "1..2" "1..7" "1..18" "1..66")
[ $# -gt 0 ] && sizes=("$@")
for books in "${sizes[@]}"; do
  list=$books
  if [[ $books == *..* ]]; then list=$(seq -s, "${books%..*}" "${books#*..}"); fi
  python3 "$eval/align/bible.py" make --a KJV --b ASV --books "$list" --seed 7 --out "$work/p" >/dev/null
  kb=$(( $(wc -c < "$work/p/a.txt") / 1024 ))
  printf 'books %-6s %5d KB  ' "$books" "$kb"
  python3 "$eval/perf/ratio.py" -n "${N:-5}" \
    --base 'git diff --no-index --word-diff {a} {b}' \
    --cmd 'clausediff compare --unit line --format json {a} {b}' "$work/p/a.txt" "$work/p/b.txt"
done
