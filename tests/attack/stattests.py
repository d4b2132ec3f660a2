"""Printed test results reproduced on the withheld cells.

test_vermittlung: Pearson chi-square of placed / not placed against a
dimension's categories (`ohne_angabe` left out, empty rows dropped), df =
rows - 1; Fisher's exact p instead when the table is 2x2 with an expected
count under 5. Given the bounds of the withheld cells, every split of them
that reproduces the printed statistic (and df, and the choice of test) is
kept; the cells must take one of those splits.
"""
import math

from model import TupleConstraint

NODE_CAP = 400000
TUPLE_CAP = 20000
JOINT_CAP = 60      # more splits than this: keep each row's (n, z) pairs only (cheaper, weaker)


def fisher_p(a, b, c, d):
    from scipy.stats import fisher_exact
    return fisher_exact([[a, b], [c, d]], alternative="two-sided")[1]


def chi2_of(rows):
    """rows: [(n, z)] with n > 0. Returns (chi2, df, kind, p_fisher or None) or None if undefined."""
    N = sum(n for n, z in rows)
    Z = sum(z for n, z in rows)
    if len(rows) < 2 or Z == 0 or Z == N:
        return None
    p = Z / N
    q = 1 - p
    chi = sum((z - n * p) ** 2 / (n * p * q) for n, z in rows)
    kind = "chi2"
    pf = None
    if len(rows) == 2:
        exp_min = min(min(n * p, n * q) for n, z in rows)
        if exp_min < 5:
            kind = "fisher"
            (n1, z1), (n2, z2) = rows
            pf = fisher_p(z1, n1 - z1, z2, n2 - z2)
    return chi, len(rows) - 1, kind, pf


def enumerate_test(model, solver, test):
    """Returns (TupleConstraint or None, note)."""
    dim = test["dimension"]
    k = "vermittlungsquote"
    cats = [c for c in model.cats_of(k, dim) if c != "gesamt"]
    if not cats:
        return None, "no table for %s" % dim
    tot_n = model.get(k, "gesamt", "gesamt", "n")
    tot_z = model.get(k, "gesamt", "gesamt", "z")
    if tot_n is None or tot_z is None:
        return None, "no total"
    Nl, Nh = solver.bounds_expr({tot_n: 1})
    Zl, Zh = solver.bounds_expr({tot_z: 1})
    if Nl is None or Nl != Nh or Zl is None or Zl != Zh:
        return None, "total not known"
    N_all, Z_all = Nl, Zl
    rows = []
    for c in cats:
        n = model.get(k, dim, c, "n")
        z = model.get(k, dim, c, "z")
        if n is None or z is None:
            return None, "row %s incomplete" % c
        nl, nh = solver.bounds_expr({n: 1})
        zl, zh = solver.bounds_expr({z: 1})
        if None in (nl, nh, zl, zh):
            return None, "bounds unknown"
        rows.append((c, n, z, nl, nh, zl, zh))
    known = [r for r in rows if r[3] == r[4] and r[5] == r[6]]
    unknown = [r for r in rows if not (r[3] == r[4] and r[5] == r[6])]
    if not unknown:
        return None, "nothing withheld"
    # the categories left out of the test go first: they set the totals of the test table
    unknown.sort(key=lambda r: 0 if r[0] == "ohne_angabe" else 1)
    target = test.get("chi2")
    tol = test.get("chi2_tol", 1e-6)
    df = test.get("df")
    kind = test.get("kind") if test.get("kind") in ("chi2", "fisher") else None
    ptest, ptol = test.get("p"), test.get("p_tol", 1e-6)
    kn_n = sum(r[3] for r in known)
    kn_z = sum(r[5] for r in known)
    rem_n, rem_z = N_all - kn_n, Z_all - kn_z
    nodes = [0]
    lo_n = [r[3] for r in unknown]
    hi_n = [r[4] for r in unknown]
    suffix_lo_n = [sum(lo_n[i:]) for i in range(len(unknown) + 1)]
    suffix_hi_n = [sum(hi_n[i:]) for i in range(len(unknown) + 1)]
    lo_z = [r[5] for r in unknown]
    hi_z = [r[6] for r in unknown]
    suffix_lo_z = [sum(lo_z[i:]) for i in range(len(unknown) + 1)]
    suffix_hi_z = [sum(hi_z[i:]) for i in range(len(unknown) + 1)]

    def search(merge):
        """Every assignment of the unknown rows that reproduces the test, on the table with the
        categories in `merge` collapsed into one row (the report may collapse small ones)."""
        found = []
        assign = [None] * len(unknown)
        ctx = {}

        def table_of():
            tab, mn, mz = [], 0, 0
            for r in known:
                if r[0] == "ohne_angabe":
                    continue
                if r[0] in merge:
                    mn, mz = mn + r[3], mz + r[5]
                elif r[3] > 0:
                    tab.append((r[3], r[5]))
            for (n, z), r in zip(assign, unknown):
                if r[0] == "ohne_angabe":
                    continue
                if r[0] in merge:
                    mn, mz = mn + n, mz + z
                elif n > 0:
                    tab.append((n, z))
            if mn > 0:
                tab.append((mn, mz))
            return tab

        def finish():
            res = chi2_of(table_of())
            if res is None:
                return
            chi, d, kd, pf = res
            if df is not None and d != df:
                return
            if kind is not None and kd != kind:
                return
            if target is not None and abs(chi - target) > tol:
                return
            if kd == "fisher" and ptest is not None and pf is not None and abs(pf - ptest) > ptol:
                return
            found.append(tuple(v for nz in assign for v in nz))

        def partial_ok(i):
            if target is None or "p" not in ctx:
                return True
            p, q = ctx["p"], 1 - ctx["p"]
            s = ctx["known_chi"]
            for (n, z), r in zip(assign[:i], unknown[:i]):
                if r[0] != "ohne_angabe" and r[0] not in merge and n > 0:
                    s += (z - n * p) ** 2 / (n * p * q)
            return s <= target + tol + 1e-9

        def set_p():
            on = sum(a[0] for a, r in zip(assign, unknown) if a is not None and r[0] == "ohne_angabe")
            oz = sum(a[1] for a, r in zip(assign, unknown) if a is not None and r[0] == "ohne_angabe")
            kn_on = sum(r[3] for r in known if r[0] == "ohne_angabe")
            kn_oz = sum(r[5] for r in known if r[0] == "ohne_angabe")
            Nt = N_all - on - kn_on
            Zt = Z_all - oz - kn_oz
            if Nt <= 0 or Zt <= 0 or Zt >= Nt:
                ctx.pop("p", None)
                return
            p = Zt / Nt
            ctx["p"] = p
            ctx["known_chi"] = sum((r[5] - r[3] * p) ** 2 / (r[3] * p * (1 - p))
                                   for r in known if r[0] != "ohne_angabe" and r[0] not in merge and r[3] > 0)

        def rec(i, rn, rz):
            nodes[0] += 1
            if nodes[0] > NODE_CAP:
                raise OverflowError
            if i == len(unknown):
                if rn == 0 and rz == 0:
                    finish()
                return
            if i == 0 or unknown[i - 1][0] == "ohne_angabe":
                if unknown[i][0] != "ohne_angabe":
                    set_p()
            r = unknown[i]
            for n in range(max(r[3], rn - suffix_hi_n[i + 1]), min(r[4], rn - suffix_lo_n[i + 1]) + 1):
                for z in range(max(r[5], rz - suffix_hi_z[i + 1]), min(r[6], n, rz - suffix_lo_z[i + 1]) + 1):
                    assign[i] = (n, z)
                    if partial_ok(i + 1):
                        rec(i + 1, rn - n, rz - z)
            assign[i] = None

        rec(0, rem_n, rem_z)
        return found

    try:
        found = search(set())
        merged = None
        if not found and df is not None:
            # a test on collapsed categories: try collapsing the withheld rows and small shown
            # rows into one, as many as the degrees of freedom leave
            import itertools
            cand = [r[0] for r in unknown if r[0] != "ohne_angabe"] + \
                   [r[0] for r in known if r[0] != "ohne_angabe" and 0 < r[3] <= 10]
            rows_now = len([r for r in rows if r[0] != "ohne_angabe" and (r[4] > 0)])
            size = rows_now - df
            tried = 0
            if size >= 2:
                for mset in itertools.combinations(cand, size):
                    tried += 1
                    if tried > 200:
                        break
                    f2 = search(set(mset))
                    if f2:
                        found += f2
                        merged = mset
    except OverflowError:
        return None, "too many splits to try (%s)" % dim
    if not found:
        return None, "no split of the withheld cells reproduces the printed test (%s): not computed on this table" % dim
    vars_ = [v for r in unknown for v in (r[1], r[2])]
    where = test.get("where", "")
    group = "%s test by %s (%s) printed as χ² = %s, df %s: %d split(s) of the withheld cells fit%s" % (
        test.get("kind"), dim, where, ("%.4g" % target) if target is not None else "?", df, len(found),
        " (categories %s collapsed)" % "+".join(merged) if merged else "")
    if len(found) > TUPLE_CAP:
        return None, "too many splits fit (%s)" % dim
    found = sorted(set(found))
    if len(found) <= JOINT_CAP:
        return [TupleConstraint(vars_, found, "test", group)], "%d split(s)" % len(found)
    out = []
    for j, r in zip(range(0, len(vars_), 2), unknown):
        pairs = sorted({(t[j], t[j + 1]) for t in found})
        # the number of (n, z) the bounds allow, counted without listing them (n may be unbounded)
        if r[4] - r[3] > 10 ** 6:
            box = float("inf")
        else:
            box = sum(max(0, min(r[6], n) - r[5] + 1) for n in range(r[3], r[4] + 1))
        if len(pairs) < box:   # a row the test narrows
            out.append(TupleConstraint(vars_[j:j + 2], pairs, "test", group + " (per row)"))
    return out, "%d split(s), kept per row (%d rows narrowed)" % (len(found), len(out))
