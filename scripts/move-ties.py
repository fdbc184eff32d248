#!/usr/bin/env python3
"""What moves-flagged score a marking of moves can reach on bible.py data.

  scripts/move-ties.py DIR...     (DIR made by ../shared/eval/align/bible.py make)

bible.py moves blocks of 3 verses. When a block crosses as many unmoved
verses as it holds, "this block moved down" and "those verses moved up" are
equally short explanations of the new order. This script takes the gold
alignment itself (every pair found perfectly) and marks its pairs three
ways: off one maximum chain with ties keeping the earlier block in place,
the same keeping the later block, and as clausediff does: every pair that
some maximum chain leaves out (both blocks of a tie). For each it prints the
share of gold moves flagged (the benchmark's figure, which has no penalty
for extra flags) and the share of flags that are gold moves.
"""
import json, sys


def lis_levels(pairs):
    """For pairs (a, b) with distinct a and b: longest chain ending at and
    starting at each pair, increasing in both."""
    def longest(seq):
        # seq: list of (key, b); returns {key: length of longest chain ending there}
        tails, out = [], {}
        import bisect
        for key, b in seq:
            i = bisect.bisect_left(tails, b)
            if i == len(tails):
                tails.append(b)
            else:
                tails[i] = b
            out[key] = i + 1
        return out
    order = sorted(pairs)
    end = longest([(p, p[1]) for p in order])
    start = longest([(p, -p[1]) for p in reversed(order)])
    return end, start


def marks(pairs, rule):
    end, start = lis_levels(pairs)
    best = max(end.values())
    crit = [p for p in pairs if end[p] + start[p] - 1 == best]
    if rule == 'all':
        per = {}
        for p in crit:
            per[end[p]] = per.get(end[p], 0) + 1
        return {p for p in pairs if p not in set(crit) or per[end[p]] != 1}
    # one chain: at each length take the critical pair with the smallest
    # (earlier) or largest (later) a that still chains after the last one
    keep, last = set(), (-1, -1)
    bylevel = {}
    for p in crit:
        bylevel.setdefault(end[p], []).append(p)
    for lvl in range(1, best + 1):
        opts = sorted(q for q in bylevel[lvl] if q[0] > last[0] and q[1] > last[1])
        q = opts[0] if rule == 'earlier' else opts[-1]
        # a later choice must still reach the end: critical pairs at the
        # next level all follow some choice; check and fall back
        if rule == 'later':
            nxt = bylevel.get(lvl + 1, [])
            for q in reversed(opts):
                if not nxt or any(r[0] > q[0] and r[1] > q[1] for r in nxt):
                    break
        keep.add(q)
        last = q
    return {p for p in pairs if p not in keep}


for d in sys.argv[1:]:
    gold = json.load(open(d + '/gold.json'))
    pairs = [(i, j) for i, j, _ in gold['pairs']]
    gm = {(i, j) for i, j, m in gold['pairs'] if m}
    print('%s: %d gold moves; with every pair found:' % (d, len(gm)))
    for rule, label in (('earlier', 'one chain, ties keep the earlier block'),
                        ('later', 'one chain, ties keep the later block'),
                        ('all', 'both blocks of a tie (clausediff)')):
        f = marks(pairs, rule)
        print('  %-40s moved-flagged %.3f, share of flags that are gold moves %.3f (%d flags)' % (
            label, len(f & gm) / len(gm), len(f & gm) / len(f) if f else 1, len(f)))
