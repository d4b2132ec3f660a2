#!/usr/bin/python3
"""sweep.py: generated data sets -> durchblick run -> attack.py, with a summary table.

    tests/attack/sweep.py [--bin DIR] [--work DIR] [--sizes 80,150,300,1000]
                          [--regions kreis-herford,stadt-wuppertal] [--seeds 1,2,3]
                          [--json FILE] [--markdown FILE] [--jobs N]

Each data set: `durchblick-samples --dataset teilnahmen --rows N --seed S` (and
angebote, mittel with the same seed), `durchblick run`, then the attack on the
output folder; the database is read only afterwards, to classify the findings.
Exit 0 when the attacker found nothing and made no error; 1 when it found
something; 3 when the attacker's own ranges contradict the exact figures.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import attack  # noqa: E402


def run_one(binp, work, region, rows, seed, pdf_alone=True):
    cfg = os.path.join(REPO, "config", region + ".ini")
    d = os.path.join(work, "%s-%d-%d" % (region, rows, seed))
    os.makedirs(d, exist_ok=True)
    samples = os.path.join(binp, "durchblick-samples")
    files = []
    for ds, extra in (("teilnahmen", ["--rows", str(rows)]), ("angebote", []), ("mittel", [])):
        f = os.path.join(d, "%s.csv" % ds)
        subprocess.run([samples, "--config", cfg, "--dataset", ds, "--seed", str(seed), "--out", f] + extra,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        files.append(f)
    db = os.path.join(d, "db.sqlite")
    out = os.path.join(d, "out")
    if os.path.exists(db):
        os.unlink(db)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    r = subprocess.run([os.path.join(binp, "durchblick"), "run", "--config", cfg, "--db", db, "--out", out] + files,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    if r.returncode != 0:
        raise RuntimeError("durchblick run failed for %s: %s" % (d, r.stderr.decode()[-500:]))
    t0 = time.time()
    res = attack.attack_dir(out, db=db, pdf_only=pdf_alone)
    res["seconds"] = round(time.time() - t0, 1)
    res["dataset"] = {"region": region, "rows": rows, "seed": seed}
    return res


def row_of(res):
    c = res.get("classification", {})
    by = res["by_channel"]
    return {
        "dataset": "%s %d seed %d" % (res["dataset"]["region"], res["dataset"]["rows"], res["dataset"]["seed"]),
        "withheld_rows": res["withheld_rows"],
        "withheld_counts": res["withheld_counts"],
        "findings": len(res["findings"]),
        "recovered_small": c.get("recovered_small", 0),
        "recovered_small_exact": c.get("recovered_small_exact", 0),
        "no_assumption": c.get("recovered_small_no_assumption", 0),
        "exact_no_assumption": c.get("recovered_small_exact_no_assumption", 0),
        "pdf": c.get("recovered_small_pdf", 0),
        "exact_pdf": c.get("recovered_small_exact_pdf", 0),
        "small_by_channel": c.get("recovered_small_by_channel", {}),
        "errors": len(res.get("errors", [])),
        "by_channel": by,
        "seconds": res["seconds"],
    }


CH_ORDER = ["test", "line", "alias", "one_figure", "identity", "dauer", "complement", "ratio", "text",
            "chart", "shown_small", "inconsistent", "assume"]


def markdown(rows):
    """Two tables: per data set, and per channel over all data sets."""
    head = ["data set", "withheld figures (Daten rows)", "withheld counts", "findings",
            "counts of 1..2 recovered exactly", "of them without assumption", "of them from the PDF alone",
            "counts of 1..2 proven below 3 (range)", "attacker errors"]
    keys = ["withheld_rows", "withheld_counts", "findings", "recovered_small_exact", "exact_no_assumption",
            "exact_pdf", None, "errors"]
    out = ["| " + " | ".join(head) + " |", "|---" + "|---:" * (len(head) - 1) + "|"]
    tot = [0] * len(keys)
    for r in rows:
        vals = [r[k] if k else r["recovered_small"] - r["recovered_small_exact"] for k in keys]
        tot = [t + v for t, v in zip(tot, vals)]
        out.append("| %s | " % r["dataset"] + " | ".join(str(v) for v in vals) + " |")
    out.append("| **all %d data sets** | " % len(rows) + " | ".join("**%d**" % t for t in tot) + " |")
    out.append("")
    from attack import CHANNELS
    out.append("| channel | findings | of them counts of 1..2 (exact or proven below 3) |")
    out.append("|---|---:|---:|")
    for ch in CH_ORDER:
        n = sum(r["by_channel"].get(ch, 0) for r in rows)
        s = sum(r["small_by_channel"].get(ch, 0) for r in rows)
        out.append("| %s | %d | %d |" % (CHANNELS.get(ch, ch), n, s))
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(REPO, "bin"))
    ap.add_argument("--work")
    ap.add_argument("--sizes", default="80,150,300,1000")
    ap.add_argument("--regions", default="kreis-herford,stadt-wuppertal")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--sets", help="explicit data sets REGION:ROWS:SEED,... (instead of the product)")
    ap.add_argument("--json")
    ap.add_argument("--markdown")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--no-pdf-alone", action="store_true")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    work = a.work or tempfile.mkdtemp(prefix="durchblick-sweep.")
    if a.sets:
        combos = [(x.split(":")[0], int(x.split(":")[1]), int(x.split(":")[2])) for x in a.sets.split(",")]
    else:
        combos = [(reg, int(n), int(s)) for reg in a.regions.split(",") for n in a.sizes.split(",")
                  for s in a.seeds.split(",")]
    binp = os.path.abspath(a.bin)

    def one(c):
        res = run_one(binp, work, c[0], c[1], c[2], not a.no_pdf_alone)
        if not a.quiet:
            r = row_of(res)
            print("%-32s withheld %4d  findings %4d  recovered 1..2: %4d (exact %4d, no assumption %4d, PDF %3d)"
                  "  errors %d  %.1fs" % (r["dataset"], r["withheld_counts"], r["findings"], r["recovered_small"],
                                          r["recovered_small_exact"], r["no_assumption"], r["pdf"], r["errors"],
                                          r["seconds"]), flush=True)
            for e in res.get("errors", [])[:5]:
                print("    ERROR " + e, flush=True)
        return res

    with ThreadPoolExecutor(max_workers=a.jobs) as ex:
        results = list(ex.map(one, combos))
    rows = [row_of(r) for r in results]
    if not a.quiet:
        tot = lambda k: sum(r[k] for r in rows)
        print("total: %d data sets, %d findings, %d withheld counts of 1..2 recovered (%d exact, %d without "
              "assumption, %d from the PDF alone), %d attacker errors"
              % (len(rows), tot("findings"), tot("recovered_small"), tot("recovered_small_exact"),
                 tot("no_assumption"), tot("pdf"), tot("errors")))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump({"rows": rows, "results": results}, fh, ensure_ascii=False, indent=1, default=attack.to_json)
    if a.markdown:
        with open(a.markdown, "w", encoding="utf-8") as fh:
            fh.write(markdown(rows) + "\n")
    if any(r["errors"] for r in rows):
        return 3
    return 1 if any(r["findings"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
