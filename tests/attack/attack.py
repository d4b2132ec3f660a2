#!/usr/bin/python3
"""attack.py: the disclosure attacker of issue 9.

    tests/attack/attack.py --out DIR [--db DB] [--json FILE] [--pdf-only-too] [--quiet]

Reads only the published outputs in DIR (both reports, XLSX and PDF), builds an
integer program of every published figure and relation, and for every withheld
count computes the smallest and largest value the published figures allow.
Findings: a withheld count that is pinned, or proven below min_fallzahl; a
withheld rate proven 0 % or 100 %; a complement n - z of 1..min_fallzahl-1; a
count shown in one place and withheld in another; a number in the text that is
no shown figure; a chart caching a value for a withheld point.

--db is used only after the attack, to classify findings with the exact
figures (real, and whether the true value is 1..min_fallzahl-1); the attack
never reads it. Exit 0: no finding; 1: findings; 2: usage or unreadable output.
"""
import argparse
import json
import os
import re
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from published import read_published, parse_de_number, WITHHELD, NUM_RE, CATEGORY_LABELS  # noqa: E402
from model import Model, STAGES, STAGE_CHANNEL, NOT_PERSONS, RATE_KENNZAHLEN, is_person_count, base  # noqa: E402
from solve import Solver, Infeasible  # noqa: E402
from stattests import enumerate_test  # noqa: E402

CHANNELS = {
    "test": "1 test statistic on withheld cells",
    "line": "2 several withheld cells in one line",
    "alias": "3 same count withheld separately in different places",
    "identity": "4 identities between indicators",
    "dauer": "5 dauer_bis_vermittlung (no secondary suppression)",
    "complement": "6 complements and rates proven 0 %/100 %",
    "ratio": "6 rates and ratios with their n",
    "chart": "7 chart caches a withheld point",
    "one_figure": "3 one figure shown in one place, withheld in another",
    "text": "3 number in the text that is no shown figure",
    "shown_small": "primary: a count below min_fallzahl is shown",
    "inconsistent": "one figure printed with two different values",
    "assume": "needs an assumption about typical data",
}


def fmt_key(key):
    k, d, c, role = key
    if role == "n-z":
        return "%s %s %s: n - numerator" % (k, d, c)
    r = {"n": "", "z": " numerator"}.get(role, role)
    if k in ("vermittlungsquote", "abbruchquote", "deutsch_b1_quote", "pruefung_bestanden_quote",
             "abschluss_quote", "zielgruppe_anteil", "verbleib_anteil", "dauer_bis_vermittlung"):
        r = {"n": " n", "z": " numerator"}[role]
    return "%s %s %s%s" % (k, d, c, r)


PRIORITY = ["personen", "teilnahmen", "eintritte", "austritte", "bestand", "vermittlungen",
            "bedarf_personen", "personen_ausserhalb_zielgruppe"]


def rep_rank(key):
    k, d, c, role = key
    k = base(k)
    return (PRIORITY.index(k) if k in PRIORITY else len(PRIORITY), role != "n", d != "gesamt",
            d == "jahr×baustein", key)


class Attack:
    def __init__(self, pub, sources, min_f, time_limit, log):
        self.pub = pub
        self.model = Model(pub, sources)
        self.model.min_fallzahl = min_f
        self.min_f = min_f
        self.log = log
        self.time_limit = time_limit
        self.notes = list(self.model.notes)
        self.test_notes = []
        self.dropped_assumptions = []

    def solver(self, stage, mode, drop=()):
        key = (stage, mode, tuple(sorted(drop)))
        if key not in self._solvers:
            s = Solver(self.model, stage, mode, self.time_limit, drop=set(drop))
            self._solvers[key] = s
        return self._solvers[key]

    def groups(self, solver):
        """Withheld counts as the final model sees them: one group per count, with every place."""
        m = self.model
        g = {}
        for i, v in enumerate(m.vars):
            if v.latent or not is_person_count(v.key):
                continue
            g.setdefault(solver.cls[i], []).append(i)
        out = []
        for root, members in g.items():
            if not any(m.vars[i].withheld for i in members):
                continue
            members.sort(key=lambda i: rep_rank(m.vars[i].key))
            out.append(members)
        return out

    def complement_rows(self, solver):
        m = self.model
        seen = {}
        for key in m.complements:
            k, d, c = key
            z, n = m.get(k, d, c, "z"), m.get(k, d, c, "n")
            if z is None or n is None:
                continue
            if not (m.vars[z].withheld or m.vars[n].withheld):
                continue   # a shown rate: judged in findings()
            ck = (solver.cls[n], solver.cls[z])
            seen.setdefault(ck, key)
        return list(seen.values())

    def comp_bounds(self, solver, key):
        """(n-z lo, hi, z lo, hi, n lo, hi); None when seen solutions already rule out a finding."""
        m = self.model
        k, d, c = key
        z, n = m.get(k, d, c, "z"), m.get(k, d, c, "n")
        if solver.status_expr({n: 1, z: -1}, self.min_f) == "safe" and \
                solver.status_expr({z: 1}, 1) == "safe":
            return None
        return solver.bounds_expr({n: 1, z: -1}) + solver.bounds_expr({z: 1}) + solver.bounds_expr({n: 1})

    def run(self):
        m = self.model
        min_f = self.min_f
        self._solvers = {}
        t0 = time.time()
        # 1. the printed tests, on the bounds the other relations leave
        ident = self.solver("identity", "weak")
        # one test per dimension and period: the Daten sheet's (15 digits) before the text's
        tests, seen = [], set()
        for test in sorted(m.tests, key=lambda t: 0 if t.get("where", "").startswith("Daten") else 1):
            key = (test.get("sfx", ""), test.get("dimension"))
            if key in seen:
                continue
            seen.add(key)
            tests.append(test)
        for test in tests:
            m.sfx = test.get("sfx", "")
            tc, note = enumerate_test(m, ident, test)
            m.sfx = ""
            self.test_notes.append("%s (%s): %s" % (test.get("dimension"), test.get("where", ""), note))
            if tc is not None:
                m.tuples.extend(tc)
        # 2. everything published, no assumption
        final = self.solver("ratio", "weak")
        self.final = final
        self.group_list = self.groups(final)
        self.comp_list = self.complement_rows(final)
        self.ranges = {}
        for members in self.group_list:
            i = members[0]
            if any(m.vars[j].shown for j in members):
                continue
            self.ranges[i] = final.bounds_expr({i: 1})
        self.comp_ranges = {key: self.comp_bounds(final, key) for key in self.comp_list}
        self.comp_ranges = {k: v for k, v in self.comp_ranges.items() if v is not None}
        self.log("  no assumption: %d withheld counts, %.1f s" % (len(self.ranges), time.time() - t0))
        # every range that makes a finding is solved again without HiGHS' presolve (which can
        # be wrong): a finding stands only if both agree
        check = Solver(m, "ratio", "weak", self.time_limit, presolve=False)
        for i, (lo, hi) in list(self.ranges.items()):
            if verdict(lo, hi, min_f):
                lo2, hi2 = check.bounds_expr({i: 1})
                if lo2 is not None and hi2 is not None:
                    self.ranges[i] = (min(lo, lo2), max(hi, hi2))
        first = {i: None for i, (lo, hi) in self.ranges.items() if verdict(lo, hi, min_f)}
        comp_first = {key: None for key, res in self.comp_ranges.items() if comp_verdict(res, min_f)}
        members_of = {ms[0]: ms for ms in self.group_list}
        # 3. the first stage at which each finding appears (its channel)
        for stage in ["line", "alias", "identity", "test", "ratio"]:
            s = self.solver(stage, "weak")
            for i in [i for i, v in first.items() if v is None]:
                for j in members_of[i]:
                    if not m.vars[j].withheld and stage != "ratio":
                        continue
                    lo, hi = s.bounds_expr({j: 1})
                    kd = verdict(lo, hi, min_f)
                    if kd:
                        first[i] = (stage, "weak", lo, hi, kd, relations(m, s, j))
                        break
            for key in [k for k, v in comp_first.items() if v is None]:
                res = self.comp_bounds(s, key)
                kd = comp_verdict(res, min_f)
                if kd:
                    k, d, c = key
                    comp_first[key] = (stage, "weak", res, kd, relations(m, s, m.get(k, d, c, "n"))
                                       + relations(m, s, m.get(k, d, c, "z")))
            self.log("  stage %-8s %.1f s" % (stage, time.time() - t0))
        # 4. with assumptions that hold in typical data (those the figures refute are dropped)
        groups = sorted({c.group for c in m.cons if c.mode == "strong"})
        drop = set()
        s = self.solver("assume", "strong", drop)
        if s.refuted or any("infeasible" in w for w in s.warnings):
            # the figures refute some assumption: try each alone, drop those that fail
            for g in groups:
                t = Solver(m, "assume", "strong", self.time_limit, drop=set(groups) - {g})
                bad = bool(t.refuted)
                if not bad:
                    for comp in t.comp_members:
                        if any(row[3] == g for row in t.comp_rows.get(comp, [])):
                            try:
                                t.optimise(comp, {})
                            except Infeasible:
                                bad = True
                                break
                if bad:
                    drop.add(g)
            s = self.solver("assume", "strong", drop)
        self.dropped_assumptions = sorted(drop)
        self.strong = s
        for i in [i for i in self.ranges if not isinstance(i, tuple)]:
            if i in first:
                continue
            if s.status(i, min_f) == "safe":
                continue
            lo, hi = s.bounds_expr({i: 1})
            self.ranges[("strong", i)] = (lo, hi)
            kd = verdict(lo, hi, min_f)
            if kd:
                first[i] = ("assume", "strong", lo, hi, kd, relations(m, s, i))
        for key in self.comp_list:
            if key in comp_first:
                continue
            res = self.comp_bounds(s, key)
            kd = comp_verdict(res, min_f)
            if kd:
                comp_first[key] = ("assume", "strong", res, kd, [])
        self.log("  with assumptions %.1f s (dropped: %s)" % (time.time() - t0, "; ".join(sorted(drop)) or "none"))
        self.first = {i: v for i, v in first.items() if v}
        self.comp_first = {k: v for k, v in comp_first.items() if v}
        self.model_errors = []
        for key, sv in self._solvers.items():
            if key[1] == "strong" and sv is not s:
                continue
            for w in sv.warnings:
                if w not in self.notes:
                    self.notes.append(w)
                if key[1] == "weak" and ("contradict" in w or "infeasible" in w or "no combination" in w):
                    # the published figures contradict a relation the attacker believes in:
                    # its model of the published semantics is wrong somewhere
                    if w not in self.model_errors:
                        self.model_errors.append(w)

    def total_is(self, places, what, value):
        """Whether the total (gesamt) of the kennzahl of every place is known to be `value`
        (what: 'z' the numerator, 'n-z' the complement)."""
        m = self.model
        for p in places:
            z = m.get(p[0], "gesamt", "gesamt", "z")
            n = m.get(p[0], "gesamt", "gesamt", "n")
            if z is None or n is None:
                return False
            coef = {z: 1} if what == "z" else {n: 1, z: -1}
            if self.final.bounds_expr(coef) != (value, value):
                return False
        return True

    def findings(self):
        m = self.model
        out = []
        min_f = self.min_f
        for members in self.group_list:
            vs = [m.vars[j] for j in members]
            shown = {}
            for v in vs:
                for val, apps in v.shown.items():
                    shown.setdefault(val, []).extend(apps)
            withheld = [a for v in vs for a in v.withheld]
            rep = vs[0]
            places = [v.key for v in vs]
            if len(shown) > 1:
                out.append(dict(kind="inconsistent", channel="inconsistent", stage="line", mode="weak",
                                var=rep.key, places=places, value=None, values=sorted(shown),
                                where_shown=[a.where for apps in shown.values() for a in apps][:4], relations=[]))
            if shown and withheld:
                val = min(shown)
                out.append(dict(kind="one_figure", channel="one_figure", stage="line", mode="weak",
                                var=rep.key, places=places, value=val, lo=val, hi=val,
                                where_shown=[a.where for a in shown[val]][:3],
                                where_withheld=[a.where for a in withheld][:3],
                                relations=["shown as %d at %s, withheld at %s" % (
                                    val, shown[val][0].where, withheld[0].where)],
                                sources=sorted({a.source for a in shown[val]})))
        # counts below the threshold in plain sight
        for i, v in enumerate(m.vars):
            if v.latent or not is_person_count(v.key) or v.withheld or not v.shown:
                continue
            if self.final.cls[i] != i and any(m.vars[j].withheld for j in range(len(m.vars))
                                               if self.final.cls[j] == self.final.cls[i]):
                continue
            val = min(v.shown)
            if 1 <= val < min_f:
                out.append(dict(kind="shown_small", channel="shown_small", stage="line", mode="weak",
                                var=v.key, places=[v.key], value=val, lo=val, hi=val,
                                where_shown=[a.where for a in v.shown[val]][:3], relations=[]))
        members_of = {ms[0]: ms for ms in self.group_list}
        for i, (stage, mode, lo, hi, kind, rels) in self.first.items():
            v = m.vars[i]
            places = [m.vars[j].key for j in members_of[i]]
            if kind == "pinned" and lo == 0 and all(p[3] == "z" for p in places):
                # the numerator of a rate of an empty group (n = 0) is 0, and where the total is
                # 0 every group's is: nothing about anybody that the total does not say
                ns = [m.get(p[0], p[1], p[2], "n") for p in places]
                if all(n is not None and self.final.bounds_expr({n: 1}) == (0, 0) for n in ns):
                    continue
                if self.total_is(places, "z", 0):
                    continue
            ch = stage if mode == "weak" else "assume"
            if any(p[0] == "dauer_bis_vermittlung" for p in places) and all(
                    p[0] in ("dauer_bis_vermittlung", "teilnahmen") for p in places) and ch in ("line", "alias", "identity"):
                ch = "dauer"
            wr = self.ranges.get(i)
            sr = self.ranges.get(("strong", i), wr)
            out.append(dict(kind=kind, channel=ch, stage=stage, mode=mode, var=v.key, places=places,
                            lo=lo, hi=hi, range_no_assumption=wr, range_with_assumptions=sr,
                            value=lo if lo == hi else None,
                            where_withheld=[a.where for j in members_of[i] for a in m.vars[j].withheld][:3],
                            relations=rels))
        for key, (stage, mode, res, kind, rels) in self.comp_first.items():
            k, d, c = key
            if kind == "rate_proven_0" and self.total_is([(k, d, c, "z")], "z", 0):
                continue   # nobody in the whole table has it: a zero total is no disclosure
            if kind == "rate_proven_100" and self.total_is([(k, d, c, "z")], "n-z", 0):
                continue
            out.append(dict(kind=kind, channel="complement" if mode == "weak" else "assume", stage=stage,
                            mode=mode, var=key + ("n-z",), lo=res[0], hi=res[1],
                            value=res[0] if res[0] == res[1] else None, rate_range=res, relations=rels))
        # shown rates: a complement of 1..min_f-1 in plain sight
        for key in m.complements:
            k, d, c = key
            z, n = m.get(k, d, c, "z"), m.get(k, d, c, "n")
            if z is None or n is None:
                continue
            vz, vn = m.vars[z], m.vars[n]
            if vz.shown and vn.shown and not vz.withheld and not vn.withheld:
                comp = min(vn.shown) - min(vz.shown)
                if 1 <= comp < min_f:
                    out.append(dict(kind="complement_shown", channel="complement", stage="line", mode="weak",
                                    var=key + ("n-z",), lo=comp, hi=comp, value=comp,
                                    relations=["%s = %d of %d" % (k, min(vz.shown), min(vn.shown))],
                                    where_shown=[a.where for a in vz.apps][:2]))
        for f in text_findings(self.pub, self.model):
            out.append(f)
        for cf in self.pub.chart_findings:
            out.append(dict(kind="chart", channel="chart", stage="line", mode="weak", var=None,
                            value=cf["cached"], relations=["%s %s caches %s for %s showing %r" % (
                                cf["file"], cf["chart"], cf["cached"], cf["cell"], cf["cell_shows"])]))
        return out


def verdict(lo, hi, min_f):
    if lo is None or hi is None:
        return None
    if lo == hi:
        return "pinned"
    if hi < min_f:
        return "below_threshold"
    return None


def comp_verdict(res, min_f):
    if res is None:
        return None
    clo, chi, zlo, zhi, nlo, nhi = res
    if None in res:
        return None
    if nlo is not None and nlo >= 1:
        if zhi == 0:
            return "rate_proven_0"
        if chi == 0:
            return "rate_proven_100"
    if clo == chi and 1 <= clo < min_f:
        return "complement_pinned"
    if clo >= 1 and chi < min_f:
        return "complement_below_threshold"
    return None


def relations(m, solver, i):
    """The relations that touch var i's count in this solver (names; tests first, at most 8)."""
    names = solver.groups_of.get(solver.cls[i], [])
    tests = [g for g in names if " test by " in g]
    return (tests + [g for g in names if g not in tests])[:8]


# ---------------------------------------------------------------------------
# Numbers in the text
# ---------------------------------------------------------------------------

EXEMPT = [
    r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b",                  # dates
    r"\b\d{4}-Q\d\b", r"\b\d{4}-\d{2}-\d{2}\b",        # quarters, ISO dates
    r"Seite \d+ von \d+", r"Page \d+ of \d+",
    r"\b\d+-%", r"\b\d+ ?%-",                          # 95-%-Konfidenzintervall
    r"\b\d+\s*[–-]\s*\d+\b",                           # 18–27
    r"\b\d+ bis \d+ Jahre\w*", r"\bunter \d+\b", r"\bp < 0,0\d+",
    r"§ ?\d+\w*", r"SGB [IVX]+", r"SHA-256 [0-9a-f…]+", r"SHA-256",
    r"\b\d+\.\d+\.\d+\b",                               # version
    r"Baustein \d+", r"Bausteine? \d+", r"^\s*\d+(\.\d+)+\s", r"Auswertungslauf \d+",
    r"\bLauf \d+", r"\(\d{4}\)", r"Jahr \d{4}", r"\b(19|20)\d{2}\b",
    r"Freiheitsgrade? \d+", r"\d+ ?× ?\d+",
]


def text_findings(pub, model):
    """A number in a sentence must be a shown figure of the Daten sheet (or exempt)."""
    shown_counts, shown_rates, shown_money, shown_other = set(), [], [], []
    for key, row in pub.daten_rows.items():
        for f, v in row.items():
            if isinstance(v, (int, float)) and v is not WITHHELD:
                if abs(v - round(v)) < 1e-9:
                    shown_counts.add(int(round(v)))
                shown_rates.append(v)
                shown_other.append(v)
    # funding rate (config) and its complement, as the text states them
    fr = []
    for key, row in pub.daten_rows.items():
        if key[0] == "landesanteil" and key[1] == "jahr":
            ver = pub.daten_rows.get(("mittel_verausgabt", key[1], key[2]), {}).get("wert")
            la = row.get("wert")
            if isinstance(ver, (int, float)) and isinstance(la, (int, float)) and ver:
                r = la / ver
                fr += [round(100 * r), round(100 * (1 - r))]
    out = []
    seen = set()
    min_f = model.min_fallzahl
    for source, where, text, section in pub.sentences:
        t = " ".join(str(text).split())
        if (t, source) in seen:
            continue
        seen.add((t, source))
        if re.search(r"Methodik|Method", section or "") and re.search(r"gesperrt|Geheimhaltung|Werte", t):
            continue
        if re.match(r"^(Datenstand|Berichtsstand|Berichtszeitraum)", t):
            continue
        s = t
        # places (never withheld): "Sprache: von 294 Plätzen stehen 277 Geduldeten und 268 Gestatteten offen."
        mp = re.search(r"^(\w+): von (\S+) Plätzen stehen (\S+) Geduldeten und (\S+) Gestatteten offen", t) or \
            re.search(r"^(\w+): (\S+) Plätze insgesamt", t)
        if mp:
            b = CATEGORY_LABELS["bedarf"].get(mp.group(1).lower())
            zug = pub.daten_rows.get(("plaetze_zugaenglich", "bedarf", b), {}).get("wert")
            ver = pub.daten_rows.get(("plaetze_verschlossen", "bedarf", b), {}).get("wert")
            try:
                tot = parse_de_number(mp.group(2))[0]
            except ValueError:
                tot = None
            if isinstance(zug, (int, float)) and isinstance(ver, (int, float)) and tot == zug + ver:
                s = s.replace(mp.group(2), " ", 1)
        for lab in sorted(pub.row_labels, key=len, reverse=True):
            s = s.replace(lab, " ")   # a category named with its code ("2 Berufsbegleitende ...")
        for pat in EXEMPT:
            s = re.sub(pat, " ", s)
        for m in re.finditer(r"(?<![\w.,])(" + NUM_RE + r")(\s?%|\s?€)?(?![\w])", s):
            tok = m.group(1) + (m.group(2) or "")
            try:
                v, tol, unit = parse_de_number(tok.replace(" ", " "))
            except ValueError:
                continue
            if v is None or v is WITHHELD:
                continue
            ok = False
            if unit == "%":
                ok = any(abs(v - w) <= tol + 1e-9 for w in shown_rates) or round(v * 100) in fr
            elif unit == "€":
                ok = any(abs(v - w) <= tol + 1e-9 for w in shown_other)
            else:
                if isinstance(v, int):
                    ok = v in shown_counts or v == min_f
                else:
                    ok = any(abs(v - w) <= tol + 1e-9 for w in shown_other)
            if not ok:
                out.append(dict(kind="text_number", channel="text", stage="line", mode="weak", var=None,
                                value=v, relations=["%s: %r is no shown figure" % (where, tok)],
                                text=t[:200], persons=True))
    return out


# ---------------------------------------------------------------------------
# Classification with the exact figures (after the attack)
# ---------------------------------------------------------------------------

def truth_lookup(db, von, bis, bezug="periode"):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    cols = [r[1] for r in con.execute("PRAGMA table_info(kennzahlen)")]
    where = ""
    args = []
    if von and bis:
        where = " WHERE periode_von = ? AND periode_bis = ?"
        args = [von.isoformat(), bis.isoformat()]
    if "bezug" in cols:
        if bezug == "periode":
            where += (" AND" if where else " WHERE") + " (bezug IS NULL OR bezug = 'periode')"
        else:
            where += (" AND" if where else " WHERE") + " bezug = ?"
            args.append(bezug)
    q = "SELECT kennzahl, dimension, kategorie, zaehler, nenner, wert FROM kennzahlen" + where
    if "lauf" in cols:
        q += " ORDER BY lauf"
    t = {}
    for k, d, c, z, n, w in con.execute(q, args):
        t[(k, d, c)] = (z, n, w)
    con.close()
    return t


def truth_of(truth, key):
    k, d, c, role = key[:4]
    row = truth.get((k, d, c))
    if row is None:
        return None
    z, n, w = row
    if role == "n-z":
        return None if z is None or n is None else n - z
    if role == "z":
        return z
    if base(k) in ("personen", "teilnahmen", "eintritte", "austritte", "bestand", "vermittlungen",
                   "bedarf_personen", "personen_ausserhalb_zielgruppe"):
        return z if z is not None else w
    return n


def classify(findings, truth, attack, min_f):
    """Marks each finding real/wrong and small; returns the soundness errors."""
    errors = []
    for f in findings:
        if f.get("var") is None:
            f["real"] = True
            continue
        key = f["var"]
        tv = truth_of(truth, key) if len(key) == 4 else None
        if len(key) == 4 and key[3] == "n-z":
            tv = truth_of(truth, key)
        if len(key) == 4 and key[3] != "n-z":
            tv = truth_of(truth, key)
        f["truth"] = tv
        if tv is None:
            f["real"] = None
            continue
        lo, hi = f.get("lo"), f.get("hi")
        if f["kind"] in ("rate_proven_0",):
            zt = truth_of(truth, key[:3] + ("z",))
            f["real"] = zt == 0
        elif f["kind"] == "rate_proven_100":
            f["real"] = tv == 0
        else:
            f["real"] = lo is not None and hi is not None and lo <= tv <= hi
        f["small"] = tv is not None and 1 <= tv < min_f
        if not f["real"] and f["mode"] == "weak":
            errors.append("attacker claims %s in [%s, %s] but the true value is %s (%s)" % (
                fmt_key(key) if len(key) == 4 else key, lo, hi, tv, "; ".join(f.get("relations", [])[:3])))
    # soundness over every withheld cell, not only the findings
    m = attack.model
    for i, (lo, hi) in [(i, r) for i, r in attack.ranges.items() if not isinstance(i, tuple)]:
        tv = truth_of(truth, m.vars[i].key)
        if tv is not None and lo is not None and hi is not None and not (lo <= tv <= hi):
            errors.append("unsound range for %s: [%s, %s], true %s" % (fmt_key(m.vars[i].key), lo, hi, tv))
    # every place of one count holds the same true value (else the model merged two counts)
    for members in attack.group_list:
        vals = {}
        for j in members:
            tv = truth_of(truth, m.vars[j].key)
            if tv is not None:
                vals.setdefault(tv, []).append(m.vars[j].key)
        if len(vals) > 1:
            errors.append("merged different counts: %s" % {k: [fmt_key(x) for x in v[:2]] for k, v in vals.items()})
    return errors


# ---------------------------------------------------------------------------

def summarise(res, out):
    p = out
    p("attack: %s" % res["out"])
    p("  min_fallzahl %s (%s); zero printed as '–', so a withheld count is at least %s%s"
      % (res["min_fallzahl"], res["min_fallzahl_source"], 0 if res["zero_may_be_withheld"] else 1,
         " (a withheld rate's numerator at least 0, as the report says)" if res.get("numerator_zero_ok") else ""))
    p("  withheld: %d figures in Daten, %d withheld cells of counts (%d distinct counts)"
      % (res["withheld_rows"], res["withheld_cells"], res["withheld_counts"]))
    fs = res["findings"]
    p("  findings: %d" % len(fs))
    by = {}
    for f in fs:
        by.setdefault(f["channel"], []).append(f)
    for ch in sorted(by):
        lst = by[ch]
        extra = ""
        if "db" in res:
            small = sum(1 for f in lst if f.get("small") and f.get("real"))
            extra = " (true value 1..%d: %d)" % (res["min_fallzahl"] - 1, small)
        p("    %-55s %4d%s" % (CHANNELS.get(ch, ch), len(lst), extra))
        for f in lst[:3]:
            p("      e.g. %s" % describe(f))
    if "db" in res:
        s = res["classification"]
        p("  with the exact figures (%s): %d real, %d recovered counts of 1..%d (%d without assumption, "
          "%d from the PDF alone); attacker errors: %d"
          % (res["db"], s["real"], s["recovered_small"], res["min_fallzahl"] - 1, s["recovered_small_no_assumption"],
             s.get("recovered_small_pdf", 0), len(res["errors"])))
        for e in res["errors"][:10]:
            p("    ERROR %s" % e)
    for w in res["warnings"][:15]:
        p("  note: %s" % w)


def describe(f):
    v = f.get("var")
    name = fmt_key(v) if v else ""
    if f["kind"] in ("pinned", "one_figure", "shown_small", "complement_pinned", "complement_shown"):
        what = "%s = %s" % (name, f.get("value"))
    elif f["kind"] == "below_threshold" or f["kind"] == "complement_below_threshold":
        what = "%s in [%s, %s]" % (name, f.get("lo"), f.get("hi"))
    elif f["kind"] in ("rate_proven_0", "rate_proven_100"):
        what = "%s %s" % (name.replace(": n - numerator", ""), "is 0 %" if f["kind"] == "rate_proven_0" else "is 100 %")
    elif f["kind"] == "inconsistent":
        what = "%s printed as %s" % (name, f.get("values"))
    else:
        what = ""
    rel = "; ".join(f.get("relations", [])[:2])
    if f.get("truth") is not None:
        what += " [true %s]" % f["truth"]
    return "%s (%s)" % (what, rel) if what else rel


def to_json(o):
    if isinstance(o, tuple):
        return list(o)
    if isinstance(o, set):
        return sorted(o)
    return str(o)


def attack_dir(out, db=None, min_f=None, pdf_only=True, time_limit=5.0, log=lambda s: None):
    pub = read_published(out)
    min_f = min_f or pub.min_fallzahl or 3
    res = {"out": out, "files": pub.files, "min_fallzahl": min_f,
           "min_fallzahl_source": pub.min_fallzahl_source or "default",
           "zero_may_be_withheld": pub.zero_may_be_withheld,
           "numerator_zero_ok": pub.numerator_zero_ok,
           "placement": sorted(pub.placement),
           "period": [str(pub.periode_von), str(pub.periode_bis)]}
    att = Attack(pub, ("xlsx", "pdf"), min_f, time_limit, log)
    att.run()
    findings = att.findings()
    res["withheld_rows"] = sum(1 for k, g in pub.gesperrt.items() if g)
    m = att.model
    res["withheld_cells"] = sum(len(v.withheld) for v in m.vars if not v.latent and is_person_count(v.key))
    res["withheld_counts"] = len(att.group_list)
    res["dropped_assumptions"] = att.dropped_assumptions
    res["warnings"] = pub.warnings + att.notes
    res["tests"] = att.test_notes
    pdf_att = None
    if pdf_only:
        log("  PDF alone:")
        pdf_att = Attack(pub, ("pdf",), min_f, time_limit, log)
        pdf_att.run()
        pdf_findings = pdf_att.findings()
        pdf_keys = {tuple(f["var"]) for f in pdf_findings if f.get("var") and f["kind"] not in ("text_number", "chart")
                    and f["mode"] == "weak"}
        for f in findings:
            if f.get("var") and tuple(f["var"]) in pdf_keys:
                f["pdf_alone"] = True
    res["findings"] = findings
    res["other_periods"] = sorted(pub.other_periods)
    res["model_errors"] = att.model_errors
    if db:
        truth = truth_lookup(db, pub.periode_von, pub.periode_bis)
        for tag, (von, bis) in pub.other_periods.items():
            t2 = truth_lookup(db, von, bis, tag if not re.match(r"\d{4}-", tag) else "periode")
            truth.update({("%s@%s" % (k, tag), d, c): v for (k, d, c), v in t2.items()})
        errors = classify(findings, truth, att, min_f)
        if pdf_att is not None:
            errors += ["PDF alone: " + e for e in classify(pdf_findings, truth, pdf_att, min_f)]
        res["db"] = db
        res["errors"] = errors + ["model: " + e for e in res["model_errors"]]
        rec = [f for f in findings if f.get("real") and f.get("small") and f["kind"] in (
            "pinned", "below_threshold", "one_figure", "complement_pinned", "complement_below_threshold",
            "complement_shown", "shown_small")]
        exact = [f for f in rec if f["kind"] in ("pinned", "one_figure", "complement_pinned",
                                                   "complement_shown", "shown_small")]
        by_ch = {}
        for f in rec:
            by_ch[f["channel"]] = by_ch.get(f["channel"], 0) + 1
        res["classification"] = {
            "real": sum(1 for f in findings if f.get("real")),
            "recovered_small": len(rec),
            "recovered_small_exact": len(exact),
            "recovered_small_no_assumption": sum(1 for f in rec if f["mode"] == "weak"),
            "recovered_small_exact_no_assumption": sum(1 for f in exact if f["mode"] == "weak"),
            "recovered_small_pdf": sum(1 for f in rec if f.get("pdf_alone")),
            "recovered_small_exact_pdf": sum(1 for f in exact if f.get("pdf_alone")),
            "recovered_small_by_channel": by_ch,
        }
    by = {}
    for f in findings:
        by[f["channel"]] = by.get(f["channel"], 0) + 1
    res["by_channel"] = by
    res["no_assumption"] = sum(1 for f in findings if f["mode"] == "weak")
    res["from_pdf"] = sum(1 for f in findings if f.get("pdf_alone"))
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description="Disclosure attacker on published durchblick outputs")
    ap.add_argument("--out", required=True, help="folder with the reports of one run")
    ap.add_argument("--db", help="database, only to classify the findings after the attack")
    ap.add_argument("--json", help="write the findings as JSON here")
    ap.add_argument("--min-fallzahl", type=int, help="threshold (default: as the report states)")
    ap.add_argument("--no-pdf-alone", action="store_true", help="skip the second attack on the PDF alone")
    ap.add_argument("--time-limit", type=float, default=5.0, help="seconds per integer program")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args(argv)
    if not os.path.isdir(a.out):
        print("attack: %s: no such folder" % a.out, file=sys.stderr)
        return 2
    log = (lambda s: print(s, file=sys.stderr)) if a.verbose else (lambda s: None)
    res = attack_dir(a.out, a.db, a.min_fallzahl, not a.no_pdf_alone, a.time_limit, log)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump(res, fh, ensure_ascii=False, indent=1, default=to_json)
    if not a.quiet:
        summarise(res, print)
    if res.get("errors"):
        return 3
    return 1 if res["findings"] else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SystemExit:
        raise
    except Exception:   # an attacker crash is never "findings" (exit 1)
        import traceback
        traceback.print_exc()
        sys.exit(4)
