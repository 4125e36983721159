#!/usr/bin/env python3
"""Picks at most LIMIT inputs that keep the most coverage, for the committed corpus.

libFuzzer's merge keeps every input that adds a feature, which for extraction is well over the
few hundred files we commit. This reads the control file of a set-cover merge (every input's
edge features) and picks greedily: the input adding the most features not yet covered, the
smaller one on a tie, until LIMIT inputs or nothing new. See README.md, "Runs".

usage: pick_corpus.py CONTROL_FILE OUT_DIR LIMIT
"""
import os
import shutil
import sys

control, out, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = open(control).read().split("\n")
count = int(lines[0])
files = lines[2 : 2 + count]
features = {}
for line in lines[2 + count :]:
    if line.startswith("FT "):
        parts = line.split()
        features[int(parts[1])] = set(map(int, parts[2:]))
every = set().union(*features.values()) if features else set()
covered, chosen = set(), []
while len(chosen) < limit and features:
    best = max(
        features,
        key=lambda i: (len(features[i] - covered), -os.path.getsize(files[i])),
    )
    if not features[best] - covered:
        break
    chosen.append(best)
    covered |= features[best]
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
for i in chosen:
    shutil.copy(files[i], out)
size = sum(os.path.getsize(files[i]) for i in chosen)
print(f"{len(chosen)} files, {len(covered)}/{len(every)} features, {size} bytes")
