#!/usr/bin/env python3
"""How well `tsunagi ruby --review` finds the wrong readings (a benchmark helper, not a test).

Usage: furigana-detector.py GOLD PRED REVIEW [--meta META] [--scorer SCORE_PY] [--show N]

GOLD and the shared scorer (score.py, beside GOLD unless --scorer) come from ../shared/furigana; PRED is the
output of `tsunagi ruby --all --format markup` on GOLD's sentences; REVIEW the output of
`tsunagi ruby --all --review` on the same input (a header line, then `line:column<TAB>word…`).

A gold word is *flagged* when a listed word overlaps it; a wrong reading is *caught* when a
listed word overlaps the stretch of text the scorer judged wrong. Prints the share of gold words
flagged and the share of wrongly read gold words caught, overall and per split of META (the
gold set's test/dev/train column) when given.
"""
import argparse
import collections
import importlib.util
import os
import sys


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("review")
    ap.add_argument("--meta")
    ap.add_argument("--scorer", help="the shared score.py (default: beside GOLD)")
    ap.add_argument("--show", type=int, default=0, help="print up to N missed errors")
    a = ap.parse_args()
    score = load_scorer(
        a.scorer or os.path.join(os.path.dirname(os.path.abspath(a.gold)), "score.py"))
    gold = [l.rstrip("\n").split("\t")[-1] for l in open(a.gold, encoding="utf-8") if l.strip()]
    pred = [l.rstrip("\n").split("\t")[-1] for l in open(a.pred, encoding="utf-8")]
    flags = collections.defaultdict(list)
    with open(a.review, encoding="utf-8") as f:
        next(f, None)  # the header
        for l in f:
            where, word = l.rstrip("\n").split("\t")[:2]
            line, col = map(int, where.split(":"))
            flags[line].append((col - 1, col - 1 + len(word)))
    split = {}
    if a.meta:
        with open(a.meta, encoding="utf-8") as f:
            next(f, None)
            for l in f:
                cols = l.rstrip("\n").split("\t")
                split[int(cols[0])] = cols[2]
    totals = collections.defaultdict(lambda: [0, 0, 0, 0])  # words, flagged, wrong, caught
    missed = []
    for n, (g, p) in enumerate(zip(gold, pred), 1):
        gsurf, gg = score.parse(g)
        psurf, pg = score.parse(p)
        if gsurf != psurf:
            continue
        spans = flags.get(n, [])
        hit = lambda s, e: any(fs < e and s < fe for fs, fe in spans)
        t = [0, 0, 0, 0]
        t[0] = len(gg)
        t[1] = sum(1 for s, e, _ in gg if hit(s, e))
        for span, gi, pi in score.clusters(gg, pg):
            if not gi:
                continue
            gstr = score.reading_strings(gsurf, span, [gg[i] for i in gi])
            pstr = score.reading_strings(gsurf, span, [pg[i] for i in pi])[0]
            if pstr not in gstr:
                t[2] += len(gi)
                if hit(*span):
                    t[3] += len(gi)
                else:
                    missed.append((n, gsurf[span[0]:span[1]], gstr[0], pstr))
        for key in ("all", split.get(n)):
            if key:
                for k in range(4):
                    totals[key][k] += t[k]
    for key in ["all"] + sorted(k for k in totals if k != "all"):
        w, fl, wr, ca = totals[key]
        print(f"review ({key}): flags {fl / w:.1%} of {w} words; catches {ca / wr if wr else 0:.1%} "
              f"of {wr} wrong readings")
    for n, s, g, p in missed[: a.show]:
        print(f"missed line {n}: {s}  gold={g}  pred={p}")


if __name__ == "__main__":
    sys.exit(main())
