#!/usr/bin/env python3
"""How clausediff's "moved" flags compare with bible.py's gold moves.

  scripts/move-flags.py DIR...    (DIR made by ../shared/eval/align/bible.py make;
                                   clausediff on PATH)

bible.py's "moved-flagged" figure is the share of gold moves that come out
paired and flagged; it does not count flags on pairs that did not move. This
script prints both sides: that share, and the share of clausediff's flagged
pairs that are gold moves (a swap of two equal blocks flags both, and the gold
names one).
"""
import json, subprocess, sys

for d in sys.argv[1:]:
    gold = json.load(open(d + '/gold.json'))
    out = json.loads(subprocess.run(
        ['clausediff', 'compare', '--unit', 'line', '--format', 'json', d + '/a.txt', d + '/b.txt'],
        capture_output=True, check=False).stdout)
    line_a = {s['id']: s['line'] for s in out['a']['segments']}
    line_b = {s['id']: s['line'] for s in out['b']['segments']}
    flagged = set()
    for p in out['pairs']:
        if p['moved']:
            flagged |= {(line_a[i], line_b[j]) for i in p['a'] for j in p['b']}
    moves = {(i, j) for i, j, m in gold['pairs'] if m}
    hit = len(flagged & moves)
    print('%s: %d gold moves, %d flagged pairs; gold moves flagged %.4f, flags that are gold moves %.4f' % (
        d, len(moves), len(flagged), hit / len(moves) if moves else float('nan'),
        hit / len(flagged) if flagged else float('nan')))
