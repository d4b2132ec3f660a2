"""Smallest and largest value of withheld cells by integer programming (HiGHS via scipy)."""
import math

import numpy as np
from scipy.optimize import milp, LinearConstraint, Bounds
from scipy.sparse import coo_matrix

from model import STAGES, BIG


class UF:
    def __init__(self, n):
        self.p = list(range(n))

    def find(self, a):
        while self.p[a] != a:
            self.p[a] = self.p[self.p[a]]
            a = self.p[a]
        return a

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.p[max(a, b)] = min(a, b)


def is_alias(c):
    return len(c.coef) == 2 and c.lo == 0 and c.hi == 0 and sorted(c.coef.values()) == [-1, 1]


class Infeasible(Exception):
    pass


class Solver:
    """The model restricted to the stages up to `stage` (and assumptions in mode 'strong')."""

    def __init__(self, model, stage, mode, time_limit=20.0, drop=(), presolve=True):
        self.model = model
        self.presolve_milp = presolve
        self.time_limit = time_limit
        self.warnings = []
        self.refuted = set()   # groups whose constraint the published figures violate
        self.mode = mode
        self.calls = 0
        si = STAGES.index(stage)
        ok = lambda c: (STAGES.index(c.stage) <= si and (c.mode == "weak" or mode == "strong")
                        and c.group not in drop)
        cons = [c for c in model.cons if ok(c)]
        tuples = [t for t in model.tuples if ok(t)]
        n = len(model.vars)
        uf = UF(n)
        rest = []
        for c in cons:
            if is_alias(c):
                a, b = c.coef
                uf.union(a, b)
            else:
                rest.append(c)
        self.cls = [uf.find(i) for i in range(n)]
        lb, ub, shown = {}, {}, {}
        for i, v in enumerate(model.vars):
            r = self.cls[i]
            lb[r] = max(lb.get(r, -math.inf), v.lb)
            ub[r] = min(ub.get(r, math.inf), v.ub)
            for val in v.shown:
                shown.setdefault(r, set()).add(val)
        # a value shown somewhere is the value (a `*` elsewhere is the one-figure finding,
        # not a bound that could contradict it)
        for r, vals in shown.items():
            if len(vals) == 1:
                lb[r] = ub[r] = next(iter(vals))
        self.conflicts = [r for r in lb if lb[r] > ub[r]]
        for r in self.conflicts:
            members = [model.vars[i].key for i in range(n) if self.cls[i] == r]
            self.warnings.append("conflicting values for the same count: %s" % members)
            ub[r] = lb[r]
        self.lb, self.ub = lb, ub
        # constraints over classes, fixed classes substituted
        crows = []
        for c in rest:
            coef = {}
            for i, a in c.coef.items():
                r = self.cls[i]
                coef[r] = coef.get(r, 0) + a
            coef = {r: a for r, a in coef.items() if abs(a) > 1e-12}
            crows.append([coef, c.lo, c.hi, c.group])
        self.tup = []
        for t in tuples:
            rs = [self.cls[i] for i in t.vars]
            self.tup.append([rs, list(t.tuples), t.group])
        self.rows = crows
        self.groups_of = {}
        for c in cons:
            for i in c.coef:
                lst = self.groups_of.setdefault(self.cls[i], [])
                if c.group not in lst:
                    lst.append(c.group)
        for t in tuples:
            for i in t.vars:
                lst = self.groups_of.setdefault(self.cls[i], [])
                if t.group not in lst:
                    lst.append(t.group)
        self.presolve()
        self.components()
        self.seen = {}      # component id -> list of solution dicts
        self.cache = {}

    def presolve(self):
        """Fold single-class constraints into bounds, filter tuples, and tighten bounds over
        sums (interval propagation: each class of a row within what the others leave), until
        nothing changes. Every bound found this way is valid, so a class it fixes is pinned."""
        lb, ub = self.lb, self.ub
        changed = True
        rounds = 0
        while changed and rounds < 60:
            changed = False
            rounds += 1
            keep = []
            for row in self.rows:
                coef, lo, hi, grp = row
                const = 0.0
                free = {}
                for r, a in coef.items():
                    if lb[r] == ub[r]:
                        const += a * lb[r]
                    else:
                        free[r] = a
                lo2, hi2 = lo - const, hi - const
                if not free:
                    if lo2 > 1e-6 or hi2 < -1e-6:
                        self.warnings.append("published figures contradict: %s" % grp)
                        self.refuted.add(grp)
                    continue
                # activity bounds of the row
                amin = sum(a * (lb[r] if a > 0 else ub[r]) for r, a in free.items())
                amax = sum(a * (ub[r] if a > 0 else lb[r]) for r, a in free.items())
                if amin > hi2 + 1e-6 or amax < lo2 - 1e-6:
                    self.warnings.append("published figures contradict: %s" % grp)
                    self.refuted.add(grp)
                    continue
                for r, a in free.items():
                    # a*x in [lo2 - (amax - a*x_max), hi2 - (amin - a*x_min)]
                    own_min = a * (lb[r] if a > 0 else ub[r])
                    own_max = a * (ub[r] if a > 0 else lb[r])
                    rest_min = amin - own_min
                    rest_max = amax - own_max
                    l_ax = lo2 - rest_max if rest_max < math.inf / 2 else -math.inf
                    h_ax = hi2 - rest_min if rest_min > -math.inf / 2 else math.inf
                    if a > 0:
                        l, h = l_ax / a, h_ax / a
                    else:
                        l, h = h_ax / a, l_ax / a
                    if l > -math.inf and math.ceil(l - 1e-7) > lb[r]:
                        lb[r] = math.ceil(l - 1e-7)
                        changed = True
                    if h < math.inf and math.floor(h + 1e-7) < ub[r]:
                        ub[r] = math.floor(h + 1e-7)
                        changed = True
                    if lb[r] > ub[r]:
                        self.warnings.append("bounds contradict for %s: %s" % (self.name(r), grp))
                        self.refuted.add(grp)
                        ub[r] = lb[r]
                if len(free) == 1:
                    continue
                keep.append([coef, lo, hi, grp])
            self.rows = keep
            for t in self.tup:
                rs, tuples, grp = t
                good = [tp for tp in tuples if all(lb[r] <= v <= ub[r] for r, v in zip(rs, tp))]
                if not good:
                    self.warnings.append("no combination left for %s" % grp)
                    self.refuted.add(grp)
                    good = tuples[:1] if tuples else []
                if len(good) != len(tuples):
                    changed = True
                t[1] = good
                for j, r in enumerate(rs):
                    vals = [tp[j] for tp in good]
                    if vals:
                        if min(vals) > lb[r]:
                            lb[r] = min(vals)
                            changed = True
                        if max(vals) < ub[r]:
                            ub[r] = max(vals)
                            changed = True
        # rows over fixed classes only say nothing more; keep the free part with shifted bounds
        final = []
        for coef, lo, hi, grp in self.rows:
            const = sum(a * lb[r] for r, a in coef.items() if lb[r] == ub[r])
            free = {r: a for r, a in coef.items() if lb[r] != ub[r]}
            if len(free) >= 2:
                final.append([free, lo - const, hi - const, grp])
        self.rows = final

    def name(self, r):
        return self.model.vars[r].key

    def components(self):
        free = [r for r in set(self.cls) if self.lb[r] != self.ub[r]]
        idx = {r: j for j, r in enumerate(free)}
        uf = UF(len(free))
        for coef, lo, hi, grp in self.rows:
            rs = [idx[r] for r in coef]
            for a in rs[1:]:
                uf.union(rs[0], a)
        for rs, tuples, grp in self.tup:
            f = [idx[r] for r in rs if r in idx]
            for a in f[1:]:
                uf.union(f[0], a)
        self.comp_of = {r: uf.find(idx[r]) for r in free}
        self.comp_members = {}
        for r in free:
            self.comp_members.setdefault(self.comp_of[r], []).append(r)
        self.comp_rows = {}
        for row in self.rows:
            c = self.comp_of[next(iter(row[0]))]
            self.comp_rows.setdefault(c, []).append(row)
        self.comp_tup = {}
        for t in self.tup:
            f = [r for r in t[0] if r in self.comp_of]
            if f:
                self.comp_tup.setdefault(self.comp_of[f[0]], []).append(t)
        self.built = {}

    def build(self, comp):
        if comp in self.built:
            return self.built[comp]
        members = self.comp_members[comp]
        col = {r: j for j, r in enumerate(members)}
        nv = len(members)
        lbs = [self.lb[r] for r in members]
        ubs = [min(self.ub[r], BIG) for r in members]
        rows, cols, vals, los, his = [], [], [], [], []
        ri = 0
        for coef, lo, hi, grp in self.comp_rows.get(comp, []):
            for r, a in coef.items():
                rows.append(ri)
                cols.append(col[r])
                vals.append(a)
            los.append(lo)
            his.append(hi)
            ri += 1
        for rs, tuples, grp in self.comp_tup.get(comp, []):
            if len(tuples) <= 1:
                continue
            base = nv
            for _ in tuples:
                lbs.append(0)
                ubs.append(1)
            nv += len(tuples)
            # sum y = 1
            for j in range(len(tuples)):
                rows.append(ri)
                cols.append(base + j)
                vals.append(1)
            los.append(1)
            his.append(1)
            ri += 1
            for pos, r in enumerate(rs):
                if r not in col:
                    continue
                rows.append(ri)
                cols.append(col[r])
                vals.append(1)
                for j, tp in enumerate(tuples):
                    if tp[pos] != 0:
                        rows.append(ri)
                        cols.append(base + j)
                        vals.append(-tp[pos])
                los.append(0)
                his.append(0)
                ri += 1
        A = coo_matrix((vals, (rows, cols)), shape=(ri, nv)).tocsr() if ri else None
        b = (A, np.array(los, float), np.array(his, float), np.array(lbs, float), np.array(ubs, float),
             nv, col)
        self.built[comp] = b
        return b

    def optimise(self, comp, obj):
        """min obj·x over the component; returns (value, solution dict) or None."""
        A, los, his, lbs, ubs, nv, col = self.build(comp)
        c = np.zeros(nv)
        for r, a in obj.items():
            c[col[r]] += a
        cons = [LinearConstraint(A, los, his)] if A is not None else []
        self.calls += 1
        res = milp(c, constraints=cons, integrality=np.ones(nv), bounds=Bounds(lbs, ubs),
                   options={"disp": False, "time_limit": self.time_limit, "presolve": self.presolve_milp})
        if res.status == 2 and self.presolve_milp:
            # HiGHS (scipy 1.10) presolve sometimes calls a feasible program infeasible: confirm
            res = milp(c, constraints=cons, integrality=np.ones(nv), bounds=Bounds(lbs, ubs),
                       options={"disp": False, "time_limit": self.time_limit, "presolve": False})
        if res.status != 0 or res.x is None:
            if res.status == 2:
                raise Infeasible(comp)
            return None
        x = res.x
        sol = {r: int(round(x[j])) for r, j in col.items()}
        self.seen.setdefault(comp, []).append(sol)
        return int(round(res.fun)), sol

    def feasible(self):
        bad = []
        for comp in self.comp_members:
            try:
                self.optimise(comp, {})
            except Infeasible:
                bad.append(comp)
        return bad

    def bounds_expr(self, coef):
        """(min, max) of sum coef[i]*var_i; None for a side the solver could not settle."""
        const = 0
        parts = {}
        for i, a in coef.items():
            r = self.cls[i]
            if self.lb[r] == self.ub[r]:
                const += a * self.lb[r]
            else:
                comp = self.comp_of[r]
                parts.setdefault(comp, {})
                parts[comp][r] = parts[comp].get(r, 0) + a
        lo = hi = const
        for comp, obj in parts.items():
            obj = {r: a for r, a in obj.items() if a != 0}
            if not obj:
                continue
            l, h = self.range_in(comp, obj)
            lo = None if lo is None or l is None else lo + l
            hi = None if hi is None or h is None else hi + h
        return lo, hi

    def seed(self, comp):
        """Two solutions at opposite ends of the component: many cells differ between them."""
        if comp in self.seen:
            return
        self.seen[comp] = []
        members = self.comp_members[comp]
        try:
            self.optimise(comp, {r: 1 for r in members})
            self.optimise(comp, {r: -1 for r in members})
        except Infeasible:
            pass

    def range_in(self, comp, obj):
        key = (comp, tuple(sorted(obj.items())))
        if key in self.cache:
            return self.cache[key]
        self.seed(comp)
        # a single class at its declared bound in a seen solution: no solve needed
        seen = self.seen.get(comp, [])
        vals = [sum(a * s[r] for r, a in obj.items()) for s in seen]
        lo = hi = None
        if len(obj) == 1:
            (r, a), = obj.items()
            lbv, ubv = a * self.lb[r], a * self.ub[r]
            if a < 0:
                lbv, ubv = ubv, lbv
            if vals and min(vals) == lbv:
                lo = lbv
            if vals and max(vals) == ubv and ubv < BIG:
                hi = ubv
        try:
            if lo is None:
                r = self.optimise(comp, obj)
                lo = r[0] if r else None
            if hi is None:
                r = self.optimise(comp, {k: -a for k, a in obj.items()})
                hi = -r[0] if r else None
        except Infeasible:
            self.warnings.append("infeasible component %s" % sorted(self.name(r) for r in self.comp_members[comp])[:5])
            for row in self.comp_rows.get(comp, []):
                if row[3].startswith("assumption"):
                    self.refuted.add(row[3])
            lo = hi = None
        self.cache[key] = (lo, hi)
        return lo, hi

    def status_expr(self, coef, min_f):
        """'safe' when seen solutions give two values of the expression, one >= min_f, one > 0."""
        const = 0
        comps = set()
        for i, a in coef.items():
            r = self.cls[i]
            if self.lb[r] == self.ub[r]:
                const += a * self.lb[r]
            else:
                comps.add(self.comp_of[r])
        if len(comps) != 1:
            return None
        comp = comps.pop()
        self.seed(comp)
        vals = set()
        for s in self.seen.get(comp, []):
            v = const
            for i, a in coef.items():
                r = self.cls[i]
                v += a * (s[r] if r in s else self.lb[r])
            vals.add(v)
        if len(vals) >= 2 and max(vals) >= min_f:
            return "safe"
        return None

    def status(self, i, min_f):
        """Cheap verdict for var i: 'safe' when two seen solutions differ and one is >= min_f."""
        r = self.cls[i]
        if self.lb[r] == self.ub[r]:
            return None
        comp = self.comp_of[r]
        self.seed(comp)
        vals = {s[r] for s in self.seen.get(comp, [])}
        if len(vals) >= 2 and max(vals) >= min_f:
            return "safe"
        return None
