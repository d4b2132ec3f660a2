"""The integer program of everything published.

Every count a reader sees (or sees withheld) is a variable, one per
(kennzahl, dimension, kategorie, role): role 'n' is a count or a rate's
denominator, 'z' a rate's numerator. Relations are linear constraints, each
in a *stage*; the stages are added in order, so a finding is attributed to the
first stage at which it appears:

  line      sums of one table's lines (categories + total, 2-way margins),
            numerator <= denominator, withheld >= 1 where 0 prints as '–'
  alias     the same count in several places (austritte = n of the quotes,
            Verwendungsnachweis = Sitzungsbericht, abbruch = Verbleib code...)
  identity  identities between indicators (außerhalb = Personen - Zielgruppe,
            placement codes = placements, stock and flow, persons vs.
            participations, needs vs. persons, events <= placements...)
  test      chi-square / Fisher results reproduced on the withheld cells
  ratio     rates and ratios with their n: shown rate, CI, cost per
            participation, Deckungsgrad, the Sachbericht's quotes
  assume    (strong attacker only) what is true in typical data: each person
            in one Kommune, one status, one gender, one age group...

The semantics come from outputs.md and docs/kennzahlen.md only.
"""
from fractions import Fraction
import math

from published import WITHHELD, COUNT_KENNZAHLEN

STAGES = ["line", "alias", "identity", "test", "ratio", "assume"]
STAGE_CHANNEL = {
    "line": "2 several withheld cells in one line",
    "alias": "3 the same count withheld separately in different places",
    "identity": "4 identities between indicators",
    "test": "1 test statistic computed on withheld cells",
    "ratio": "6 rates and ratios with their n",
    "assume": "assumption about typical data",
}

RATE_KENNZAHLEN = {"vermittlungsquote", "abbruchquote", "verbleib_anteil", "deutsch_b1_quote",
                   "pruefung_bestanden_quote", "abschluss_quote", "zielgruppe_anteil"}
# Figures with numerator/denominator that are counts (role z, n).
ZN_KENNZAHLEN = RATE_KENNZAHLEN | {"dauer_bis_vermittlung"}
# Participation-level (additive over a dimension's categories).
PART_ADDITIVE = {("teilnahmen", "n"), ("eintritte", "n"), ("austritte", "n"),
                 ("vermittlungen", "n"),
                 ("vermittlungsquote", "z"), ("vermittlungsquote", "n"),
                 ("abbruchquote", "z"), ("abbruchquote", "n"),
                 ("dauer_bis_vermittlung", "z"), ("dauer_bis_vermittlung", "n"),
                 ("deutsch_b1_quote", "z"), ("deutsch_b1_quote", "n"),
                 ("pruefung_bestanden_quote", "z"), ("pruefung_bestanden_quote", "n"),
                 ("abschluss_quote", "z"), ("abschluss_quote", "n"),
                 ("bestand", "n")}
# Person-level: a person can be in several categories, so lines add up to at least the total.
PERSON_LEVEL = {("personen", "n"), ("zielgruppe_anteil", "z"), ("zielgruppe_anteil", "n"),
                ("bedarf_personen", "n")}
SINGLE_DIMS = {"baustein", "kommune", "aufenthaltsstatus", "leistungsbezug", "geschlecht",
               "altersgruppe", "staatsangehoerigkeit", "quartal"}
# Dimensions where typical data put each person in one category during the period.
ONE_PER_PERSON = {"kommune", "aufenthaltsstatus", "leistungsbezug", "geschlecht",
                  "altersgruppe", "staatsangehoerigkeit"}
TARGET_AGES = ("18-20", "21-23", "24-27")
BIG = 10 ** 6
# Counts that are not about persons (never sensitive): places, rejected rows, field counts.
NOT_PERSONS = {"plaetze_zugaenglich", "plaetze_verschlossen", "abgewiesen", "vollstaendigkeit"}


def base(k):
    """The kennzahl without its period tag ('austritte@vorperiode' -> 'austritte')."""
    return k.split("@")[0]


def sfx_of(k):
    return k[len(base(k)):]


def is_person_count(key):
    """A variable that counts persons or participations (the ones disclosure control protects)."""
    k, d, c, role = key
    k = base(k)
    if k in NOT_PERSONS or k.startswith("latent_"):
        return False
    if k == "angebotsluecke" and role == "n":
        return False   # places
    if k == "deckungsgrad" and role == "z":
        return False   # places
    return True


class Var:
    __slots__ = ("key", "lb", "ub", "shown", "withheld", "apps", "latent", "binary")

    def __init__(self, key, latent=False):
        self.key = key
        self.lb = 0
        self.ub = BIG
        self.shown = {}       # value -> [appearance]
        self.withheld = []    # appearances showing '*'
        self.apps = []
        self.latent = latent
        self.binary = False


class Constraint:
    __slots__ = ("coef", "lo", "hi", "stage", "group", "mode")

    def __init__(self, coef, lo, hi, stage, group, mode="weak"):
        self.coef = coef      # {var index: coefficient}
        self.lo = lo
        self.hi = hi
        self.stage = stage
        self.group = group    # text naming the relation
        self.mode = mode      # 'weak' (always) or 'strong' (assumption)


class TupleConstraint:
    """The cells (var indices) take one of the listed value tuples."""
    __slots__ = ("vars", "tuples", "stage", "group", "mode")

    def __init__(self, vars_, tuples, stage, group, mode="weak"):
        self.vars = vars_
        self.tuples = tuples
        self.stage = stage
        self.group = group
        self.mode = mode


class Model:
    def __init__(self, pub, sources=("xlsx", "pdf")):
        self.pub = pub
        self.sources = set(sources)
        self.vars = []
        self.index = {}
        self.cons = []
        self.tuples = []
        self.rates = {}         # (k, d, c) -> dict field -> [(value, tol, app)]
        self.tests = []         # dict per test (from Daten and text)
        self.money = {}         # (k, d, c) -> value
        self.conflicts = []     # (var key, values, appearances)
        self.complements = []   # (k, d, c): rates whose n - z is a count of persons
        self.cats = {}          # (k, d) -> [c]
        self.notes = []
        self.min_fallzahl = pub.min_fallzahl or 3
        self.sfx = ""           # the period the relations are being built for ('' or '@tag')
        self.periods = {"": (pub.periode_von, pub.periode_bis)}
        for tag, (von, bis) in pub.other_periods.items():
            self.periods["@" + tag] = (von, bis)
        self.build()

    def P(self, k):
        """A kennzahl name in the period whose relations are being built."""
        return k if "@" in k else k + self.sfx

    def pkeys(self):
        """(kennzahl, d, c, role), index of the current period's variables, kennzahl without tag."""
        for (k, d, c, role), i in list(self.index.items()):
            if sfx_of(k) == self.sfx and not k.startswith("latent_"):
                yield (base(k), d, c, role), i

    # -- variables ---------------------------------------------------------
    def var(self, k, d, c, role, create=True, latent=False):
        key = (self.P(k), d, c, role)
        i = self.index.get(key)
        if i is None and create:
            i = len(self.vars)
            self.vars.append(Var(key, latent))
            self.index[key] = i
        return i

    def has(self, k, d, c, role):
        return (self.P(k), d, c, role) in self.index

    def add(self, coef, lo, hi, stage, group, mode="weak"):
        coef = {i: a for i, a in coef.items() if a != 0}
        if coef:
            self.cons.append(Constraint(coef, lo, hi, stage, group, mode))

    def eq(self, a, b, stage, group, mode="weak"):
        if a is not None and b is not None and a != b:
            self.add({a: 1, b: -1}, 0, 0, stage, group, mode)

    def sum_eq(self, parts, total, stage, group, mode="weak", ge=False):
        """sum(parts) == total (ge: sum(parts) >= total)."""
        coef = {}
        for p in parts:
            coef[p] = coef.get(p, 0) + 1
        coef[total] = coef.get(total, 0) - 1
        self.add(coef, 0, math.inf if ge else 0, stage, group, mode)

    def le(self, a, b, stage, group, mode="weak", slack=0):
        """a <= b + slack."""
        if a is not None and b is not None:
            self.add({a: 1, b: -1}, -math.inf, slack, stage, group, mode)

    # -- reading appearances ----------------------------------------------
    def role_of(self, k, field):
        k = base(k)
        if k in COUNT_KENNZAHLEN:
            return "n" if field in ("zaehler", "wert") else None
        if k in ZN_KENNZAHLEN:
            return {"zaehler": "z", "nenner": "n"}.get(field)
        if k == "deckungsgrad":
            return {"zaehler": "z", "nenner": "n"}.get(field)
        if k == "angebotsluecke":
            return {"zaehler": "z", "nenner": "n"}.get(field)
        if k in ("kosten_je_teilnahme", "kosten_je_vermittlung"):
            return {"nenner": "n"}.get(field)
        return None

    def build(self):
        pub = self.pub
        for app in pub.appearances:
            if app.source not in self.sources:
                continue
            k, d, c = app.key
            self.cats.setdefault((k, d), [])
            if c not in self.cats[(k, d)]:
                self.cats[(k, d)].append(c)
            if base(k) == "test_vermittlung":
                continue
            role = self.role_of(k, app.field)
            if role is not None:
                i = self.var(k, d, c, role)
                v = self.vars[i]
                v.apps.append(app)
                if app.value is WITHHELD:
                    v.withheld.append(app)
                elif app.value is not None:
                    val = app.value
                    if abs(val - round(val)) > 1e-9:
                        self.notes.append("non-integer count %r at %s" % (val, app.where))
                        continue
                    v.shown.setdefault(int(round(val)), []).append(app)
                continue
            if base(k) in ZN_KENNZAHLEN or base(k) in (
                    "deckungsgrad", "angebotsluecke", "kosten_je_teilnahme", "kosten_je_vermittlung",
                    "vermittlungen_quote_text") or app.field == "change":
                self.rates.setdefault(app.key, {}).setdefault(app.field, []).append(app)
            if base(k) in ("mittel_verausgabt", "plaetze_zugaenglich") and app.field == "wert" \
                    and isinstance(app.value, (int, float)) and app.tol == 0:
                self.money[app.key] = app.value
        # tests: from the Daten sheet (full precision) and the sentences
        for key, row in pub.daten_rows.items():
            if base(key[0]) != "test_vermittlung" or "xlsx" not in self.sources:
                continue
            z, n, w = row.get("zaehler"), row.get("nenner"), row.get("wert")
            if isinstance(z, (int, float)) and isinstance(n, (int, float)):
                self.tests.append({"dimension": key[1], "kind": key[2], "chi2": float(z),
                                   "chi2_tol": 1e-7 * max(1.0, abs(z)), "df": int(n),
                                   "p": w if isinstance(w, (int, float)) else None, "sfx": sfx_of(key[0]),
                                   "p_tol": 1e-7, "where": "Daten %s %s" % (key[0], key[1])})
        for t in pub.tests:
            if t["source"] in self.sources:
                self.tests.append(t)
        self.complete_kd = {(k, d) for (s, k, d) in pub.complete if s in self.sources}
        # Verbleib is written with all ten codes (zeros included)
        for sfx in self.periods:
            if len(self.cats.get(("verbleib_anteil" + sfx, "verbleib"), [])) >= 10:
                self.complete_kd.add(("verbleib_anteil" + sfx, "verbleib"))
        self.complete_cats = {}
        for (k, d) in self.complete_kd:
            if "×" not in d:
                self.complete_cats.setdefault((sfx_of(k), d), set()).update(self.cats.get((k, d), []))
        for v in self.vars:
            if len(v.shown) > 1:
                self.conflicts.append((v.key, sorted(v.shown), [a.where for vals in v.shown.values() for a in vals]))
        self.relations()

    # -- helpers over categories -------------------------------------------
    def dims_of(self, k):
        return [d for (kk, d) in self.cats if kk == self.P(k)]

    def cats_of(self, k, d):
        return self.cats.get((self.P(k), d), [])

    def get(self, k, d, c, role):
        return self.index.get((self.P(k), d, c, role))

    def period(self):
        return self.periods.get(self.sfx, (None, None))

    def fixed_value(self, i):
        v = self.vars[i]
        if len(v.shown) == 1:
            return next(iter(v.shown))
        return None

    # -- the relations ----------------------------------------------------
    def relations(self):
        pub = self.pub
        zero_ok = pub.zero_may_be_withheld
        # the Daten sheet marks a withheld count as primary: it is 1 .. min_fallzahl - 1
        for key in pub.primary:
            k, d, c = key
            if base(k) in COUNT_KENNZAHLEN:
                i = self.get(k, d, c, "n")
                if i is not None and self.vars[i].withheld:
                    self.add({i: 1}, 1, self.min_fallzahl - 1, "line",
                             "Daten marks %s %s %s as withheld for being small (primär)" % key)
        for sfx in self.periods:
            self.sfx = sfx
            self.line_sums()
            self.aliases()
            self.identities()
            self.rate_rows()
        self.sfx = ""
        self.across_periods()
        self.bounds()

    def bounds(self):
        """Shown cells are fixed; a withheld count is at least 1 (0 prints as '–') unless the
        same count is shown elsewhere (then that value counts; the `*` is a one-figure finding)."""
        pub = self.pub
        zero_ok = pub.zero_may_be_withheld
        # the counts that are one count by the published semantics (equalities of two cells)
        parent = list(range(len(self.vars)))

        def find(a):
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a
        for c in self.cons:
            if c.mode == "weak" and len(c.coef) == 2 and c.lo == 0 and c.hi == 0 and \
                    sorted(c.coef.values()) == [-1, 1]:
                a, b = c.coef
                parent[find(a)] = find(b)
        shown_cls = {find(i) for i, v in enumerate(self.vars) if v.shown}
        for i, v in enumerate(self.vars):
            if v.shown:
                val = min(v.shown)
                v.lb = v.ub = val
                continue
            if find(i) in shown_cls:
                continue
            if v.withheld and not zero_ok and is_person_count(v.key):
                k, d, c, role = v.key
                if (base(k) == "vermittlungen" or base(k) == "kosten_je_vermittlung") and pub.numerator_zero_ok:
                    pass   # the placements are the numerator of the year's quote: may be 0
                elif base(k) in COUNT_KENNZAHLEN or role == "n":
                    v.lb = 1
                elif role == "z" and not pub.numerator_zero_ok:
                    n = self.get(k, d, c, "n")
                    # a numerator withheld beside a shown denominator is itself withheld:
                    # 0 would print as '–' / 0 %.
                    if n is not None and self.vars[n].shown:
                        v.lb = 1

    def line_complete(self, k, d, cats, part=None):
        """Whether the printed categories are the whole line (else a sum says nothing)."""
        if (self.P(k), d) in self.complete_kd:
            return True
        if part is None:
            return False
        need = self.complete_cats.get((self.sfx, part))
        return bool(need) and need <= set(cats)

    def line_sums(self):
        kd_roles = {}
        for (k, d, c, role), _ in self.pkeys():
            kd_roles.setdefault((k, role), set()).add(d)
        for (k, role), dims in kd_roles.items():
            additive = (k, role) in PART_ADDITIVE
            person = (k, role) in PERSON_LEVEL
            if not additive and not person:
                continue
            for d in dims:
                parts_d = d.split("×")
                cats = [c for c in self.cats_of(k, d) if self.has(k, d, c, role)]
                if d in SINGLE_DIMS and self.has(k, "gesamt", "gesamt", role):
                    total = self.get(k, "gesamt", "gesamt", role)
                    parts = [self.get(k, d, c, role) for c in cats if c != "gesamt"]
                    if person:
                        for p in parts:
                            self.le(p, total, "line", "line: a category of %s is at most its total" % k)
                    if parts and self.line_complete(k, d, cats):
                        grp = "line: %s by %s adds up to its total" % (k, d)
                        if additive:
                            self.sum_eq(parts, total, "line", grp)
                        else:
                            self.sum_eq(parts, total, "line", grp + " (persons: at least)", ge=True)
                            if d in ONE_PER_PERSON:
                                self.sum_eq(parts, total, "assume",
                                            "assumption: each person in one %s (%s)" % (d, k), mode="strong")
                if len(parts_d) >= 2:
                    for drop in range(len(parts_d)):
                        if parts_d[drop] == "jahr":
                            continue
                        mdim = "×".join(p for j, p in enumerate(parts_d) if j != drop)
                        groups = {}
                        for c in cats:
                            cp = c.split("×")
                            if len(cp) != len(parts_d):
                                continue
                            mc = "×".join(p for j, p in enumerate(cp) if j != drop)
                            groups.setdefault(mc, []).append(self.get(k, d, c, role))
                        for mc, parts in groups.items():
                            if not self.has(k, mdim, mc, role):
                                continue
                            total = self.get(k, mdim, mc, role)
                            grp = "line: %s %s over %s adds up to %s %s" % (k, d, parts_d[drop], mdim, mc)
                            if person:
                                for p in parts:
                                    self.le(p, total, "line", "line: a cell of %s is at most its margin" % k)
                            line_cats = [c.split("×")[drop] for c in cats
                                         if "×".join(x for j, x in enumerate(c.split("×")) if j != drop) == mc]
                            if not self.line_complete(k, d, line_cats, parts_d[drop]):
                                continue
                            if additive:
                                self.sum_eq(parts, total, "line", grp)
                            else:
                                self.sum_eq(parts, total, "line", grp + " (persons: at least)", ge=True)
                                if parts_d[drop] in ONE_PER_PERSON:
                                    self.sum_eq(parts, total, "assume",
                                                "assumption: each person in one %s (%s)" % (parts_d[drop], k),
                                                mode="strong")
        # Verbleib: the codes add up to the exits; every row has the same n
        codes = [c for c in self.cats_of("verbleib_anteil", "verbleib")]
        zs = [self.get("verbleib_anteil", "verbleib", c, "z") for c in codes
              if self.has("verbleib_anteil", "verbleib", c, "z")]
        ns = [self.get("verbleib_anteil", "verbleib", c, "n") for c in codes
              if self.has("verbleib_anteil", "verbleib", c, "n")]
        if ns:
            for n in ns[1:]:
                self.eq(ns[0], n, "line", "line: every Verbleib share has the exits as its n")
            if zs and self.line_complete("verbleib_anteil", "verbleib", codes):
                self.sum_eq(zs, ns[0], "line", "line: the Verbleib codes add up to the exits")
        # numerator <= denominator in a row
        for (k, d, c, role), i in self.pkeys():
            if role == "z" and k in ZN_KENNZAHLEN and self.has(k, d, c, "n"):
                self.le(i, self.get(k, d, c, "n"), "line", "line: numerator at most its n (%s)" % k)

    def aliases(self):
        def same(a, b, what):
            ia, ib = self.get(*a), self.get(*b)
            if ia is not None and ib is not None:
                self.eq(ia, ib, "alias", "same count: " + what)

        for (k, d, c, role), _ in self.pkeys():
            if role == "n" and k in ("vermittlungsquote", "abbruchquote"):
                same((k, d, c, "n"), ("austritte", d, c, "n"), "%s n = austritte (%s %s)" % (k, d, c))
            if role == "n" and k == "vermittlungsquote":
                same((k, d, c, "n"), ("abbruchquote", d, c, "n"), "n of both quotes (%s %s)" % (d, c))
            if k == "verbleib_anteil" and role == "n":
                same((k, d, c, "n"), ("austritte", "gesamt", "gesamt", "n"), "Verbleib n = austritte")
            if k == "dauer_bis_vermittlung" and role == "n":
                same((k, d, c, "n"), ("teilnahmen", d, c, "n"), "KM n = teilnahmen (%s %s)" % (d, c))
            if k == "zielgruppe_anteil" and role == "n":
                same((k, d, c, "n"), ("personen", d, c, "n"), "Zielgruppe n = personen (%s %s)" % (d, c))
            if k in ("deckungsgrad", "angebotsluecke") and role == "n" and k == "deckungsgrad":
                same((k, d, c, "n"), ("bedarf_personen", d, c, "n"), "Deckungsgrad n = persons with need")
            if k == "angebotsluecke" and role == "z":
                same((k, d, c, "z"), ("bedarf_personen", d, c, "n"), "gap persons = persons with need")
            if k == "angebotsluecke" and role == "n":
                same((k, d, c, "n"), ("plaetze_zugaenglich", d, c, "n"), "gap places = accessible places")
            if k == "deckungsgrad" and role == "z":
                same((k, d, c, "z"), ("plaetze_zugaenglich", d, c, "n"), "Deckungsgrad places = accessible places")
            if k == "kosten_je_teilnahme" and role == "n":
                same((k, d, c, "n"), ("teilnahmen", d, c, "n"), "cost n = teilnahmen (%s)" % c)
            if k == "kosten_je_vermittlung" and role == "n":
                same((k, d, c, "n"), ("vermittlungen", d, c, "n"), "cost n = vermittlungen (%s)" % c)
            if k == "abschluss_quote" and d == "baustein":
                same((k, d, c, role), (k, "gesamt", "gesamt", role), "abschluss_quote Baustein %s = total" % c)
            if k == "pruefung_bestanden_quote" and d == "baustein":
                same((k, d, c, role), (k, "gesamt", "gesamt", role), "pruefung_bestanden_quote Baustein %s = total" % c)
            if k == "abschluss_quote" and role == "n" and d == "kommune":
                same((k, d, c, "n"), ("vermittlungsquote", "baustein×kommune", "3×" + c, "n"),
                     "Baustein-3 exits in %s" % c)
        same(("abschluss_quote", "gesamt", "gesamt", "n"), ("austritte", "baustein", "3", "n"),
             "abschluss_quote n = Baustein-3 exits")
        same(("abschluss_quote", "gesamt", "gesamt", "n"), ("vermittlungsquote", "baustein", "3", "n"),
             "abschluss_quote n = Baustein-3 exits")
        same(("abbruchquote", "gesamt", "gesamt", "z"), ("verbleib_anteil", "verbleib", "abbruch", "z"),
             "Abbruchquote numerator = Verbleib abbruch")
        # Verwendungsnachweis (calendar year) = Sitzungsbericht (period) when they coincide
        von, bis = self.period()
        year = None
        if von and bis and von.year == bis.year and (von.month, von.day) == (1, 1) \
                and (bis.month, bis.day) == (12, 31):
            year = str(von.year)
        for (k, d, c, role), _ in self.pkeys():
            if d == "jahr×baustein" and k in ("teilnahmen", "austritte", "vermittlungen"):
                y, b = c.split("×")
                if year and y == year:
                    if k == "vermittlungen":
                        same((k, d, c, "n"), ("vermittlungsquote", "baustein", b, "z"),
                             "Verwendungsnachweis Vermittlungen %s = Sitzungsbericht placements Baustein %s" % (y, b))
                    else:
                        same((k, d, c, "n"), (k, "baustein", b, "n"),
                             "Verwendungsnachweis %s %s = Sitzungsbericht Baustein %s" % (k, y, b))
                elif von and bis and von.year == bis.year == int(y):
                    src = ("vermittlungsquote", "baustein", b, "z") if k == "vermittlungen" else (k, "baustein", b, "n")
                    self.le(self.get(*src), self.get(k, d, c, "n"), "identity",
                            "the period's %s are part of the year's (Baustein %s)" % (k, b))
            if d == "jahr" and k in ("teilnahmen", "austritte", "vermittlungen"):
                if year and c == year:
                    if k == "vermittlungen":
                        same((k, d, c, "n"), ("vermittlungsquote", "gesamt", "gesamt", "z"),
                             "Vermittlungen %s = placements" % c)
                    else:
                        same((k, d, c, "n"), (k, "gesamt", "gesamt", "n"), "%s %s = %s total" % (k, c, k))
        # text quote of the Sachbericht is a ratio of the year's figures (ratio stage)

    def identities(self):
        g = self.get
        tot_T = g("teilnahmen", "gesamt", "gesamt", "n")
        M = self.fixed_value(tot_T) if tot_T is not None and self.fixed_value(tot_T) else 100000
        for (k, d, c, role), i in self.pkeys():
            if k == "personen" and role == "n":
                t = g("teilnahmen", d, c, "n")
                if t is not None:
                    self.le(i, t, "identity", "persons at most participations (%s %s)" % (d, c))
                    # participations in a category mean at least one person in it
                    self.add({t: 1, i: -M}, -math.inf, 0, "identity",
                             "a category with participations has persons (%s %s)" % (d, c))
            if k == "austritte" and role == "n" and d != "jahr×baustein" and d != "jahr":
                t = g("teilnahmen", d, c, "n")
                if t is not None:
                    self.le(i, t, "identity", "exits at most participations (%s %s)" % (d, c))
            if k == "eintritte" and role == "n":
                t = g("teilnahmen", d, c, "n")
                if t is not None:
                    self.le(i, t, "identity", "entries at most participations (%s %s)" % (d, c))
            if k == "vermittlungsquote" and role == "z":
                a = g("abbruchquote", d, c, "z")
                n = g("vermittlungsquote", d, c, "n") or g("austritte", d, c, "n")
                if a is not None and n is not None:
                    self.add({i: 1, a: 1, n: -1}, -math.inf, 0, "identity",
                             "placements + abbruch at most exits (%s %s)" % (d, c))
                ev = g("dauer_bis_vermittlung", d, c, "z")
                if ev is not None:
                    self.le(ev, i, "identity", "KM events at most placements (%s %s)" % (d, c))
            for kk in ("deutsch_b1_quote", "pruefung_bestanden_quote", "abschluss_quote"):
                if k == kk and role == "n" and d not in ("gesamt",):
                    a = g("austritte", d, c, "n") or g("vermittlungsquote", d, c, "n")
                    if a is not None and not (kk != "deutsch_b1_quote" and d == "baustein"):
                        self.le(i, a, "identity", "%s base at most the exits (%s %s)" % (kk, d, c))
                    if kk == "pruefung_bestanden_quote" and d == "kommune":
                        a4 = g("vermittlungsquote", "baustein×kommune", "4×" + c, "n")
                        self.le(i, a4, "identity", "exam sitters at most Baustein-4 exits (%s)" % c)
                if k == kk and role == "n" and d == "gesamt":
                    a = g("austritte", "gesamt", "gesamt", "n")
                    self.le(i, a, "identity", "%s base at most the exits" % kk)
            if k == "bedarf_personen" and role == "n":
                parts = dict(zip(d.split("×"), c.split("×")))
                if d == "bedarf":
                    self.le(i, g("personen", "gesamt", "gesamt", "n"), "identity",
                            "persons with a need at most persons")
                if "kommune" in parts:
                    self.le(i, g("personen", "kommune", parts["kommune"], "n"), "identity",
                            "persons with a need at most persons in %s" % parts["kommune"])
                if "aufenthaltsstatus" in parts:
                    self.le(i, g("personen", "aufenthaltsstatus", parts["aufenthaltsstatus"], "n"), "identity",
                            "persons with a need at most persons with status %s" % parts["aufenthaltsstatus"])
        self.pb4 = None
        p4 = g("pruefung_bestanden_quote", "gesamt", "gesamt", "n")
        a4 = g("austritte", "baustein", "4", "n") or g("vermittlungsquote", "baustein", "4", "n")
        self.le(p4, a4, "identity", "exam sitters at most Baustein-4 exits")
        # placements are the placement codes of Verbleib
        pl = [g("verbleib_anteil", "verbleib", c, "z") for c in self.cats_of("verbleib_anteil", "verbleib")
              if c in self.pub.placement and self.has("verbleib_anteil", "verbleib", c, "z")]
        vg = g("vermittlungsquote", "gesamt", "gesamt", "z")
        if pl and vg is not None and self.line_complete("verbleib_anteil", "verbleib",
                                                         self.cats_of("verbleib_anteil", "verbleib")):
            self.sum_eq(pl, vg, "identity", "the placement codes of Verbleib add up to the placements")
        # außerhalb = Personen - Zielgruppe
        az = g("personen_ausserhalb_zielgruppe", "gesamt", "gesamt", "n")
        pg = g("personen", "gesamt", "gesamt", "n")
        zg = g("zielgruppe_anteil", "gesamt", "gesamt", "z")
        if az is not None and pg is not None and zg is not None:
            self.add({az: 1, pg: -1, zg: 1}, 0, 0, "identity", "außerhalb = Personen - Zielgruppe")
        pa = g("personen", "altersgruppe", "ausserhalb", "n")
        if az is not None and pa is not None:
            self.le(az, pa, "identity", "persons outside the target group are in the age group außerhalb")
            self.eq(az, pa, "assume", "assumption: one age group per person (außerhalb)", mode="strong")
        if zg is not None:
            targ = [g("personen", "altersgruppe", c, "n") for c in TARGET_AGES
                    if self.has("personen", "altersgruppe", c, "n")]
            for t in targ:
                self.le(t, zg, "identity", "persons of a target age group are in the target group")
            if targ:
                self.sum_eq(targ, zg, "identity", "the target group is in the target age groups", ge=True)
                self.sum_eq(targ, zg, "assume", "assumption: one age group per person (Zielgruppe)",
                            mode="strong")
        self.stock_and_flow()
        self.gaps()

    def stock_and_flow(self):
        """bestand(q) = T - E + sum_{j<=q} (E(j) - A(j)) + X(q), X(q) = exits on the quarter's
        last day, 0 <= X(q) <= A(q); the same per Baustein with latent quarterly flows."""
        g = self.get
        quarters = sorted(self.cats_of("bestand", "quartal"))
        if not quarters:
            return
        T = g("teilnahmen", "gesamt", "gesamt", "n")
        E = g("eintritte", "gesamt", "gesamt", "n")
        if T is None or E is None:
            return
        if not (self.line_complete("eintritte", "quartal", []) and self.line_complete("austritte", "quartal", [])):
            return

        def flows(k, q):
            return g(k, "quartal", q, "n") if self.has(k, "quartal", q, "n") else None

        Xs = {}
        for qi, q in enumerate(quarters):
            B = g("bestand", "quartal", q, "n")
            X = self.var("latent_exits_on_last_day", "quartal", q, "n", latent=True)
            Xs[q] = X
            Aq = flows("austritte", q)
            if Aq is not None:
                self.le(X, Aq, "identity", "exits on the last day of %s are exits of %s" % (q, q))
            else:
                self.vars[X].ub = 0
            coef = {B: 1, T: -1, E: 1, X: -1}
            for j in quarters[:qi + 1]:
                e, a = flows("eintritte", j), flows("austritte", j)
                if e is not None:
                    coef[e] = coef.get(e, 0) - 1
                if a is not None:
                    coef[a] = coef.get(a, 0) + 1
            self.add(coef, 0, 0, "identity", "stock and flow: Bestand %s" % q)
        # per Baustein
        bst = self.cats_of("bestand", "quartal×baustein")
        bausteine = sorted({c.split("×")[1] for c in bst})
        for b in bausteine:
            Tb = g("teilnahmen", "baustein", b, "n")
            Eb = g("eintritte", "baustein", b, "n")
            Ab = g("austritte", "baustein", b, "n")
            if Tb is None or Eb is None or Ab is None:
                continue
            Eqb, Aqb = {}, {}
            for q in quarters:
                Eqb[q] = self.var("latent_eintritte", "quartal×baustein", q + "×" + b, "n", latent=True)
                Aqb[q] = self.var("latent_austritte", "quartal×baustein", q + "×" + b, "n", latent=True)
            self.sum_eq(list(Eqb.values()), Eb, "identity", "entries of Baustein %s over the quarters" % b)
            self.sum_eq(list(Aqb.values()), Ab, "identity", "exits of Baustein %s over the quarters" % b)
            for qi, q in enumerate(quarters):
                Bqb = g("bestand", "quartal×baustein", q + "×" + b, "n")
                Xqb = self.var("latent_exits_on_last_day", "quartal×baustein", q + "×" + b, "n", latent=True)
                self.le(Xqb, Aqb[q], "identity", "last-day exits are exits (%s, Baustein %s)" % (q, b))
                if Bqb is None:
                    continue
                coef = {Bqb: 1, Tb: -1, Eb: 1, Xqb: -1}
                for j in quarters[:qi + 1]:
                    coef[Eqb[j]] = coef.get(Eqb[j], 0) - 1
                    coef[Aqb[j]] = coef.get(Aqb[j], 0) + 1
                self.add(coef, 0, 0, "identity", "stock and flow: Bestand %s Baustein %s" % (q, b))
        for q in quarters:
            parts_e = [self.get("latent_eintritte", "quartal×baustein", q + "×" + b, "n") for b in bausteine]
            parts_a = [self.get("latent_austritte", "quartal×baustein", q + "×" + b, "n") for b in bausteine]
            parts_x = [self.get("latent_exits_on_last_day", "quartal×baustein", q + "×" + b, "n") for b in bausteine]
            parts_e = [p for p in parts_e if p is not None]
            parts_a = [p for p in parts_a if p is not None]
            parts_x = [p for p in parts_x if p is not None]
            e, a = flows("eintritte", q), flows("austritte", q)
            if parts_e and len(parts_e) == len(bausteine):
                if e is not None:
                    self.sum_eq(parts_e, e, "identity", "entries of %s over the Bausteine" % q)
                else:
                    self.add({p: 1 for p in parts_e}, 0, 0, "identity", "no entries in %s" % q)
                if a is not None:
                    self.sum_eq(parts_a, a, "identity", "exits of %s over the Bausteine" % q)
                else:
                    self.add({p: 1 for p in parts_a}, 0, 0, "identity", "no exits in %s" % q)
                self.sum_eq(parts_x, Xs[q], "identity", "last-day exits of %s over the Bausteine" % q)

    def gaps(self):
        """angebotsluecke is written exactly where persons > places (bedarf×kommune)."""
        if not any(k == self.P("angebotsluecke") for (k, d) in self.cats):
            return
        listed = set(self.cats_of("angebotsluecke", "bedarf×kommune"))
        for c in self.cats_of("bedarf_personen", "bedarf×kommune"):
            bp = self.get("bedarf_personen", "bedarf×kommune", c, "n")
            pl = self.money.get((self.P("plaetze_zugaenglich"), "bedarf×kommune", c))
            if bp is None or pl is None:
                continue
            if c in listed:
                self.add({bp: 1}, pl + 1, math.inf, "identity",
                         "a gap is listed: persons > places (%s)" % c)
            else:
                self.add({bp: 1}, -math.inf, pl, "identity",
                         "no gap listed: persons <= places (%s)" % c)

    def rate_rows(self):
        """A shown rate, CI or ratio with hidden counts (ratio stage); complements."""
        for key, fields in self.rates.items():
            if sfx_of(key[0]) != self.sfx:
                continue
            k, d, c = base(key[0]), key[1], key[2]
            if k in RATE_KENNZAHLEN:
                self.complements.append(key)
            z = self.get(k, d, c, "z")
            n = self.get(k, d, c, "n")
            wapps = [a for a in fields.get("wert", []) if isinstance(a.value, (int, float))]
            if k in RATE_KENNZAHLEN and wapps and z is not None and n is not None:
                for a in wapps:
                    self.ratio_constraint(z, n, a.value, a.tol, "ratio",
                                          "shown rate %s %s %s = %s" % (k, d, c, a.where))
            if k == "deckungsgrad" and wapps and n is not None:
                pl = self.money.get((self.P("plaetze_zugaenglich"), d, c))
                for a in wapps:
                    if pl and a.value > 0:
                        self.quotient_candidates(n, pl, a.value, a.tol, "ratio",
                                                 "Deckungsgrad = places / persons (%s %s)" % (d, c))
            if k in ("kosten_je_teilnahme", "kosten_je_vermittlung") and wapps and n is not None:
                spent = self.money.get((self.P("mittel_verausgabt"), d, c))
                for a in wapps:
                    if spent and a.value > 0:
                        self.quotient_candidates(n, spent, a.value, a.tol, "ratio",
                                                 "%s = spent / count (%s)" % (k, c))
            if k == "angebotsluecke" and wapps and z is not None:
                pl = self.money.get((self.P("plaetze_zugaenglich"), d, c))
                for a in wapps:
                    if pl is not None and a.tol == 0:
                        self.add({z: 1}, pl + a.value, pl + a.value, "identity",
                                 "gap = persons - places (%s)" % c)
            if k == "vermittlungen_quote_text" and wapps:
                zz = self.get("vermittlungen", "jahr×baustein", c, "n")
                nn = self.get("austritte", "jahr×baustein", c, "n")
                if zz is not None and nn is not None:
                    for a in wapps:
                        self.ratio_constraint(zz, nn, a.value, a.tol, "ratio",
                                              "Sachbericht quote %s (%s)" % (c, a.where))
            # CI without n: the interval pins n (and z with the rate)
            if k in RATE_KENNZAHLEN and z is not None and n is not None:
                lo = [a for a in fields.get("ci_unten", []) if isinstance(a.value, (int, float))]
                hi = [a for a in fields.get("ci_oben", []) if isinstance(a.value, (int, float))]
                if wapps and lo and hi and not self.vars[n].shown:
                    self.ci_candidates(z, n, wapps[0], lo[0], hi[0], "ratio",
                                       "rate and CI pin n (%s %s %s)" % (k, d, c))

    def ratio_constraint(self, z, n, w, tol, stage, group):
        if tol == 0:
            fr = Fraction(w).limit_denominator(100000)
            if abs(float(fr) - w) < 1e-9:
                self.add({z: fr.denominator, n: -fr.numerator}, 0, 0, stage, group)
                return
            tol = 1e-9
        # w - tol <= z/n <= w + tol  (n > 0)
        self.add({z: 1, n: -(w + tol)}, -math.inf, 1e-9, stage, group)
        self.add({z: 1, n: -(w - tol)}, -1e-9, math.inf, stage, group)

    def quotient_candidates(self, n, numer, q, tol, stage, group):
        """numer / n == q (rounded by tol): the n that give it."""
        if tol == 0:
            tol = 1e-9 * max(1.0, abs(q))
        lo = numer / (q + tol) if q + tol > 0 else 0
        hi = numer / (q - tol) if q - tol > 0 else BIG
        lo_i = max(0, math.ceil(lo - 1e-9))
        hi_i = min(BIG, math.floor(hi + 1e-9))
        self.add({n: 1}, lo_i, hi_i, stage, group)

    def ci_candidates(self, z, n, wapp, loapp, hiapp, stage, group):
        w = wapp.value
        found = []
        for nn in range(1, 5001):
            zz = round(w * nn)
            if abs(zz / nn - w) > max(wapp.tol, 1e-9):
                continue
            l, u = interval(zz, nn, self.pub.ci_method, self.pub.confidence)
            if abs(l - loapp.value) <= max(loapp.tol, 1e-7) and abs(u - hiapp.value) <= max(hiapp.tol, 1e-7):
                found.append((zz, nn))
        if found and len(found) < 200:
            self.tuples.append(TupleConstraint([z, n], found, stage, group))

    def across_periods(self):
        """The comparison period printed beside the period: the change columns, and the stock
        at the end of the previous period = the participations running into this one."""
        import datetime
        von, bis = self.periods[""]
        for sfx, (pv, pb) in self.periods.items():
            if not sfx:
                continue
            # change columns: this period's figure minus the comparison period's
            for key, fields in self.rates.items():
                if sfx_of(key[0]) or "change" not in fields:
                    continue
                k, d, c = key
                for a in fields["change"]:
                    if not isinstance(a.value, (int, float)):
                        continue
                    cur, prev = self.index.get((k, d, c, "n")), self.index.get((k + sfx, d, c, "n"))
                    if k in COUNT_KENNZAHLEN and cur is not None and prev is not None:
                        self.add({cur: 1, prev: -1}, a.value - a.tol, a.value + a.tol, "alias",
                                 "change to the comparison period (%s %s %s, %s)" % (k, d, c, a.where))
                    elif k in RATE_KENNZAHLEN:
                        # rate change in percentage points: with one rate shown, the other is pinned
                        for this, other, sign in (("", sfx, 1), (sfx, "", -1)):
                            ow = [o for o in self.rates.get((k + other, d, c), {}).get("wert", [])
                                  if isinstance(o.value, (int, float))]
                            z, n = self.index.get((k + this, d, c, "z")), self.index.get((k + this, d, c, "n"))
                            if ow and z is not None and n is not None:
                                w = ow[0].value + sign * a.value
                                self.ratio_constraint(z, n, w, a.tol + ow[0].tol + 1e-9, "ratio",
                                                      "rate = comparison rate + change (%s %s %s)" % (k, d, c))
            # stock: the comparison period ends the day before this one starts
            if not (pb and von and pb + datetime.timedelta(days=1) == von):
                continue
            quarters = sorted(self.cats.get(("bestand" + sfx, "quartal"), []))
            T = self.index.get(("teilnahmen", "gesamt", "gesamt", "n"))
            E = self.index.get(("eintritte", "gesamt", "gesamt", "n"))
            if not quarters or T is None or E is None:
                continue
            last = quarters[-1]
            B = self.index.get(("bestand" + sfx, "quartal", last, "n"))
            if B is None:
                continue
            A = self.index.get(("austritte" + sfx, "quartal", last, "n"))
            X = self.var("latent_exits_before_period", "gesamt", "gesamt", "n", latent=True)
            if A is not None:
                self.le(X, A, "identity", "exits on the comparison period's last day are its exits")
            self.add({B: 1, T: -1, E: 1, X: -1}, 0, 0, "identity",
                     "stock at the end of the comparison period = participations running into the period")
            xs = []
            for c in self.cats.get(("bestand" + sfx, "quartal×baustein"), []):
                q, b = c.split("×")
                if q != last:
                    continue
                Bb = self.index.get(("bestand" + sfx, "quartal×baustein", c, "n"))
                Tb = self.index.get(("teilnahmen", "baustein", b, "n"))
                Eb = self.index.get(("eintritte", "baustein", b, "n"))
                if Bb is None or Tb is None or Eb is None:
                    xs = None
                    break
                Xb = self.var("latent_exits_before_period", "baustein", b, "n", latent=True)
                xs.append(Xb)
                self.add({Bb: 1, Tb: -1, Eb: 1, Xb: -1}, 0, 0, "identity",
                         "stock of Baustein %s at the end of the comparison period = its participations "
                         "running into the period" % b)
            if xs:
                self.sum_eq(xs, X, "identity", "exits on the comparison period's last day over the Bausteine")


def interval(x, n, method, conf):
    if method == "clopper-pearson":
        from scipy.stats import beta
        a = 1 - conf
        lo = 0.0 if x == 0 else beta.ppf(a / 2, x, n - x + 1)
        hi = 1.0 if x == n else beta.ppf(1 - a / 2, x + 1, n - x)
        return (lo, hi)
    return wilson(x, n, conf)


def wilson(x, n, conf=0.95):
    from scipy.stats import norm
    if n == 0:
        return (float("nan"), float("nan"))
    zq = norm.ppf(1 - (1 - conf) / 2)
    p = x / n
    den = 1 + zq * zq / n
    centre = (p + zq * zq / (2 * n)) / den
    half = zq * math.sqrt(p * (1 - p) / n + zq * zq / (4 * n * n)) / den
    return (max(0.0, centre - half), min(1.0, centre + half))
