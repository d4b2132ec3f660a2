#!/usr/bin/python3
"""expect.py: assertions on the JSON of attack.py, for the channel tests.

    expect.py RESULT.json --none PATTERN [--none PATTERN...] [--kinds K,K] [--channel C]

PATTERN is kennzahl:dimension:kategorie (shell wildcards, e.g. '*:geschlecht:d').
It matches a finding when any place of the finding's count matches. Exit 1 (and
print each matching finding with the value the attacker recovered and the
relations it used) when a matching finding exists, or when the attacker made an
error (a range that contradicts the exact figures). Exit 0 otherwise.
--channel C: also no finding of channel C at all (chart, text, one_figure...).
"""
import argparse
import fnmatch
import json
import sys

LEAK_KINDS = ["pinned", "below_threshold", "one_figure", "complement_pinned", "complement_below_threshold",
              "complement_shown", "rate_proven_0", "rate_proven_100", "shown_small"]


def places(f):
    v = f.get("var")
    if not v:
        return []
    ps = [tuple(p) for p in f.get("places", [])] or [tuple(v)]
    return ["%s:%s:%s" % tuple(p[:3]) for p in ps]


def show(f):
    val = f.get("value")
    rng = "= %s" % val if val is not None else "in [%s, %s]" % (f.get("lo"), f.get("hi"))
    truth = " (true %s)" % f["truth"] if "truth" in f else ""
    mode = "" if f.get("mode") == "weak" else " [with an assumption]"
    return "%s %s %s%s%s\n      via: %s" % (f["kind"], (places(f) or ["-"])[0], rng, truth, mode,
                                            "; ".join(f.get("relations", [])[:4]))


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("json")
    ap.add_argument("--none", action="append", default=[])
    ap.add_argument("--kinds", default=",".join(LEAK_KINDS))
    ap.add_argument("--channel", action="append", default=[])
    ap.add_argument("--no-assumption", action="store_true", help="only findings that need no assumption")
    ap.add_argument("--any-one-figure", action="store_true",
                    help="also a count shown in one place and withheld in another when its value needs no protection")
    a = ap.parse_args(argv)
    res = json.load(open(a.json, encoding="utf-8"))
    kinds = set(a.kinds.split(","))
    bad = []
    for f in res["findings"]:
        if a.no_assumption and f.get("mode") != "weak":
            continue
        if f.get("channel") in a.channel:
            bad.append(f)
            continue
        if f["kind"] not in kinds:
            continue
        if f.get("real") is False:
            continue
        if f["kind"] == "one_figure" and not a.any_one_figure and not (
                isinstance(f.get("value"), int) and 1 <= f["value"] < res.get("min_fallzahl", 3)):
            continue   # shown elsewhere as a value that needs no protection: consistency only
        ps = places(f)
        if any(fnmatch.fnmatchcase(p, pat) for p in ps for pat in a.none):
            bad.append(f)
    for f in bad:
        print("  leak: " + show(f))
    errors = res.get("errors", [])
    for e in errors:
        print("  attacker error: " + e)
    return 1 if bad or errors else 0


if __name__ == "__main__":
    sys.exit(main())
