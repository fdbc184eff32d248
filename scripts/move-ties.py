#!/usr/bin/env python3
"""The best moves-flagged score a minimal marking can reach on bible.py data.

  scripts/move-ties.py DIR...     (DIR made by ../shared/eval/align/bible.py make)

bible.py moves blocks of 3 verses. When a block crosses as many unmoved
verses as it holds, "this block moved down" and "those verses moved up" are
equally minimal explanations of the new order, and a tool that marks a
minimal set of pairs (as clausediff does) has to pick one. This script takes
the gold alignment itself — every pair found perfectly — marks the pairs off
a maximum chain as clausediff does (ties keep the earlier segments of A in
place), and prints the share of gold moves flagged, and the same with the
opposite tie-break: the ceiling of the "moved-flagged" figure.
"""
import bisect, json, sys


def minimal_moves(pairs, prefer_early):
    """Pairs (a, b) off a maximum chain increasing in a and b."""
    n = max(a for a, _ in pairs) + 1
    eps = 1 / (2 * (len(pairs) + 1) * (n + 1))
    weight = {p: 1 + eps * ((n - p[0]) if prefer_early else p[0]) for p in pairs}
    # O(n^2)-free: weighted LIS with a sorted list of (b, best) would need a
    # Fenwick tree; the data are small enough for a patience-style DP over b.
    order = sorted(pairs, key=lambda p: (p[0], -p[1]))
    best = {}   # b -> (score, pair) best chain ending at b
    keys, vals = [], []  # b sorted, prefix maxima recomputed lazily
    tree = [(0.0, None)] * (max(b for _, b in pairs) + 2)
    def query(i):
        r = (0.0, None)
        while i > 0:
            if tree[i][0] > r[0]:
                r = tree[i]
            i -= i & -i
        return r
    def update(i, v):
        while i < len(tree):
            if v[0] > tree[i][0]:
                tree[i] = v
            i += i & -i
    parent, score = {}, {}
    top = (0.0, None)
    for p in order:
        s, q = query(p[1])  # chains ending at b' < b (1-based: positions 1..b)
        score[p] = s + weight[p]
        parent[p] = q
        update(p[1] + 1, (score[p], p))
        if score[p] > top[0]:
            top = (score[p], p)
    chain, p = set(), top[1]
    while p is not None:
        chain.add(p)
        p = parent[p]
    return {p for p in pairs if p not in chain}


for d in sys.argv[1:]:
    gold = json.load(open(d + '/gold.json'))
    pairs = [(i, j) for i, j, _ in gold['pairs']]
    gold_moved = {(i, j) for i, j, m in gold['pairs'] if m}
    early = minimal_moves(pairs, True)
    late = minimal_moves(pairs, False)
    print('%s: %d gold moves; with perfect pairs, moved-flagged %.3f (ties keep the earlier block: clausediff) '
          'or %.3f (ties keep the later block)' % (
              d, len(gold_moved), len(early & gold_moved) / len(gold_moved), len(late & gold_moved) / len(gold_moved)))
