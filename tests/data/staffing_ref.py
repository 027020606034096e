#!/usr/bin/env python3
"""Reference values for rota's staffing maths, in high precision.

Test-only: writes tests/data/staffing_ref.csv, which tests/test_staffing.c
reads.  Regenerate with

    python3 tests/data/staffing_ref.py > tests/data/staffing_ref.csv

(python3-mpmath; about a minute).  The methods here are deliberately not
the ones in solver/staffing.c:

  Erlang C   the textbook factorial/power formula, summed in 60-digit
             floating point (mpmath), N searched upward one at a time from
             floor(A) + 1; occupancy, N > A and shrinkage rounding with
             exact fractions of the decimal inputs.
  Erlang A   the stationary distribution of the birth-death chain summed
             state by state, P(abandon) = theta E[queue] / lambda, service
             level with mpmath's own lower incomplete gamma, ASA of answered
             contacts by numerical integration (mpmath.quad) of the density
             of answered waits; N searched upward one at a time.  Before
             anything is written, the closed forms are checked against a
             brute-force absorbing Markov chain of a tagged contact
             (matrix exponential) on small systems, and every scan checks
             that SL, ASA, abandonment and occupancy are monotone in N.

Decisions use the same rule as the C code: SL and abandonment meet their
target within 1e-12 (absolute), ASA within 1e-12 (relative), occupancy
and N > A exactly.
"""
import sys
from fractions import Fraction as F
from math import ceil, floor

import mpmath
from mpmath import mp, mpf

EPS = mpf("1e-12")


def frac(s):
    return F(s)


# ----------------------------------------------------------------- Erlang C

class ErlangC:
    """Incremental factorial/power sums: S(N) = sum_{k<N} A^k/k!."""

    def __init__(self, a):
        self.a = a
        self.n = 0
        self.term = mpf(1)      # A^n / n!
        self.sum = mpf(0)       # sum_{k<n} A^k / k!

    def goto(self, n):
        assert n >= self.n
        while self.n < n:
            self.sum += self.term
            self.n += 1
            self.term = self.term * self.a / self.n

    def measures(self, n, aht, t):
        self.goto(n)
        a = self.a
        top = self.term * n / (n - a)
        c = top / (self.sum + top)
        sl = 1 - c * mpmath.exp(-(n - a) * t / aht)
        asa = c * aht / (n - a)
        return dict(service_level=sl, asa_s=asa, occupancy=a / n,
                    abandon_rate=mpf(0), wait_probability=c)


def erlang_c_case(q):
    contacts, aht, interval_s = frac(q["contacts"]), frac(q["aht_s"]), 60 * int(q["interval_min"])
    load = contacts * aht                          # exact: A = load / interval_s
    a = mpf(load.numerator) / load.denominator / interval_s
    aht_m, t = mpf(q["aht_s"]), mpf(q["answer_s"])
    sl, cap = mpf(q["sl"]), frac(q["max_occupancy"])
    asa_t = mpf(q["asa_s"])
    conc = int(q["concurrency"])
    ec = ErlangC(a)
    fixed = int(q["fixed_agents"])
    if fixed:
        slots = fixed * conc
    else:
        n = floor(load / interval_s) + 1           # smallest N > A, exactly
        prev = None
        while True:
            m = ec.measures(n, aht_m, t)
            if prev:
                assert m["service_level"] >= prev["service_level"]
                assert m["asa_s"] <= prev["asa_s"]
            prev = m
            ok = (load <= cap * n * interval_s and
                  m["service_level"] >= sl - EPS and
                  (asa_t == 0 or m["asa_s"] <= asa_t * (1 + EPS)))
            if ok:
                break
            n += 1
        slots = -(-n // conc) * conc
    if slots <= a:
        raise SystemExit("fixed agents below the traffic: not a reference case")
    m = ec.measures(slots, aht_m, t)
    m["model"] = "erlang_c"
    m["traffic"] = a
    m["agents"] = slots // conc
    return m


# ----------------------------------------------------------------- Erlang A

class ErlangA:
    """M/M/n+M: lambda, mu = 1/aht, theta = 1/patience (per second)."""

    def __init__(self, lam, mu, theta):
        self.lam, self.mu, self.theta = lam, mu, theta
        self.a = lam / mu
        self.n = 0
        self.term = mpf(1)      # a^n / n!
        self.sum = mpf(0)       # sum_{j<n} a^j / j!

    def goto(self, n):
        if n < self.n:
            self.n, self.term, self.sum = 0, mpf(1), mpf(0)
        while self.n < n:
            self.sum += self.term
            self.n += 1
            self.term = self.term * self.a / self.n

    def measures(self, n, t, want_asa):
        lam, mu, th = self.lam, self.mu, self.theta
        self.goto(n)
        below = self.sum            # states 0..n-1 (relative weights)
        pn = self.term              # state n
        # queue states n+q, q >= 1: p_{n+q} = p_n prod_{k=1..q} lam/(n mu + k th)
        qsum, qmean, term, k = mpf(0), mpf(0), pn, 0
        while True:
            k += 1
            term = term * lam / (n * mu + k * th)
            qsum += term
            qmean += k * term
            if lam < n * mu + k * th and term * k < mpf(10) ** (-mp.dps - 5) * (below + pn):
                break
        z = below + pn + qsum
        pi_n = pn / z
        pwait = (pn + qsum) / z
        pab = th * (qmean / z) / lam
        x, y = n * mu / th, lam / th
        w = mpmath.exp(-th * t)
        # answered after waiting more than t:
        #   pi_n x e^y y^-(x+1) gamma(x+1, y w)
        late = pi_n * x * mpmath.exp(y) * y ** (-(x + 1)) * mpmath.gammainc(x + 1, 0, y * w)
        sl = 1 - pab - late
        m = dict(service_level=sl, abandon_rate=pab, wait_probability=pwait,
                 occupancy=self.a * (1 - pab) / n, asa_s=None)
        if want_asa:
            # density of answered waits v > 0: pi_n th x exp(-(n mu + th) v + y (1 - e^{-th v}))
            def h(v):
                return pi_n * th * x * mpmath.exp(-(n * mu + th) * v + y * (1 - mpmath.exp(-th * v)))
            peak = mpmath.log(y * th / (n * mu + th)) / th if y * th > n * mu + th else mpf(0)
            width = 1 / (n * mu + th) + 1 / th
            pts = [mpf(0)] + ([peak] if peak > 0 else []) + [peak + 5 * width, peak + 50 * width, mpmath.inf]
            served_wait = mpmath.quad(lambda v: v * h(v), pts)
            served_late = mpmath.quad(h, pts)
            # consistency: everything that waited is answered or abandons
            assert abs(served_late + pab - pwait) < mpf(10) ** (-mp.dps // 2), (served_late, pab, pwait)
            m["asa_s"] = served_wait / (1 - pab)
        return m


def erlang_a_case(q):
    contacts, interval_s = frac(q["contacts"]), 60 * int(q["interval_min"])
    aht, pat, t = mpf(q["aht_s"]), mpf(q["patience_s"]), mpf(q["answer_s"])
    lam = mpf(contacts.numerator) / contacts.denominator / interval_s
    ea = ErlangA(lam, 1 / aht, 1 / pat)
    sl, cap, ab, asa_t = mpf(q["sl"]), mpf(q["max_occupancy"]), mpf(q["max_abandon"]), mpf(q["asa_s"])
    conc = int(q["concurrency"])
    fixed = int(q["fixed_agents"])
    if fixed:
        slots = fixed * conc
    else:
        a = ea.a
        # busy servers a (1 - P(ab)) < n and SL <= 1 - P(ab): n > a (SL - eps)
        n = max(1, int(mpmath.floor(a * (sl - mpf("1e-9"))))) if a > 300 else 1
        prev = None
        while True:
            m = ea.measures(n, t, asa_t > 0)
            if prev:
                assert m["service_level"] >= prev["service_level"] - mpf("1e-25")
                assert m["abandon_rate"] <= prev["abandon_rate"] + mpf("1e-25")
                assert m["occupancy"] <= prev["occupancy"] + mpf("1e-25")
                if asa_t > 0:
                    assert m["asa_s"] <= prev["asa_s"] + mpf("1e-20")
            prev = m
            ok = (m["service_level"] >= sl - EPS and
                  m["occupancy"] <= cap + EPS and
                  (asa_t == 0 or m["asa_s"] <= asa_t * (1 + EPS)) and
                  (ab == 0 or m["abandon_rate"] <= ab + EPS))
            if ok:
                break
            n += 1
        slots = -(-n // conc) * conc
    m = ea.measures(slots, t, True)
    m["model"] = "erlang_a"
    m["traffic"] = ea.a
    m["agents"] = slots // conc
    return m


def self_check():
    """Closed-form SL and ASA against a tagged-contact Markov chain."""
    mp.dps = 30
    for (contacts, interval_s, aht, pat, n, t) in [
            (100, 1800, 180, 60, 9, 20), (100, 1800, 180, 60, 12, 20),
            (40, 900, 240, 30, 7, 10), (30, 1800, 300, 300, 3, 60)]:
        lam, mu, th = mpf(contacts) / interval_s, 1 / mpf(aht), 1 / mpf(pat)
        ea = ErlangA(lam, mu, th)
        m = ea.measures(n, mpf(t), True)
        a = lam / mu
        p = [a ** j / mpmath.factorial(j) for j in range(n + 1)]
        qs, term = [], p[n]
        for k in range(1, 80):
            term = term * lam / (n * mu + k * th)
            qs.append(term)
        z = sum(p) + sum(qs)
        sl = sum(p[:n]) / z
        ew = mpf(0)
        # one chain for every arrival: state k = contacts ahead of the
        # tagged one (0..K), then "answered" (K+1) and "abandoned" (K+2);
        # an arrival finding n + qq in the system starts in state qq
        K = next(k for k in range(1, len(qs)) if qs[k - 1] / z < mpf("1e-24"))
        Q = mpmath.matrix(K + 3, K + 3)
        for k in range(K + 1):
            r = n * mu + k * th
            Q[k, k - 1 if k > 0 else K + 1] = r
            Q[k, K + 2] = th
            Q[k, k] = -(r + th)
        P = mpmath.expm(Q * t)
        for qq in range(K):
            weight = (p[n] if qq == 0 else qs[qq - 1]) / z
            sl += weight * P[qq, K + 1]
            # answered: every stage left by its service/abandon-ahead
            # event; stage durations Exp(r_k + th) whatever the outcome
            pserve, mean = mpf(1), mpf(0)
            for k in range(qq, -1, -1):
                r = n * mu + k * th
                pserve *= r / (r + th)
                mean += 1 / (r + th)
            ew += weight * pserve * mean
        assert abs(sl - m["service_level"]) < mpf("1e-20"), (sl, m["service_level"])
        asa = ew / (1 - m["abandon_rate"])
        assert abs(asa - m["asa_s"]) < mpf("1e-18"), (asa, m["asa_s"])
        print("self-check n=%d: sl %s asa %s" % (n, mpmath.nstr(sl, 15), mpmath.nstr(asa, 15)),
              file=sys.stderr)


# ------------------------------------------------------------------- cases

FIELDS = ["contacts", "aht_s", "interval_min", "sl", "answer_s", "max_occupancy",
          "shrinkage", "concurrency", "patience_s", "max_abandon", "asa_s", "fixed_agents"]
DEFAULT = dict(sl="0.8", answer_s="20", max_occupancy="1", shrinkage="0", concurrency="1",
               patience_s="0", max_abandon="0", asa_s="0", fixed_agents="0")


def case(note, contacts, aht_s, interval_min, **kw):
    q = dict(DEFAULT)
    q.update(contacts=str(contacts), aht_s=str(aht_s), interval_min=str(interval_min))
    q.update({k: str(v) for k, v in kw.items()})
    q["note"] = note.replace(",", ";")   # the CSV has no quoting
    return q


def cases():
    out = [
        case("known example", 100, 180, 30, max_occupancy="0.85", shrinkage="0.3"),
        case("85 erlangs at an 85% cap: exactly 100", 85, 1800, 30, sl="0.5", max_occupancy="0.85"),
        case("85 erlangs at an 85% cap in 15 minutes", 170, 450, 15, sl="0.5", max_occupancy="0.85"),
        case("7 agents at 30% shrinkage: exactly 10 scheduled", 4, 600, 60, sl="0.8", shrinkage="0.3"),
        case("integer traffic needs N > A", 60, 1800, 60, sl="0.01"),
        case("tiny", "0.1", 180, 30),
        case("tiny, 0.01 erlangs", "0.1", 180, 30, sl="0.99", answer_s="0"),
        case("0.5 erlangs", 5, 180, 30, sl="0.95", answer_s="10"),
        case("one contact", 1, 300, 30),
        case("answer 0", 50, 180, 30, sl="0.5", answer_s="0"),
        case("asa target", 200, 240, 30, asa_s="5"),
        case("asa target tight", 200, 240, 30, asa_s="0.5", sl="0.5"),
        case("high sl", 300, 200, 30, sl="0.99", answer_s="10"),
        case("sl 0.999999", 300, 200, 30, sl="0.999999", answer_s="10"),
        case("2 erlangs", 24, 300, 60),
        case("50 erlangs", 500, 180, 30, sl="0.9", answer_s="15"),
        case("100 erlangs", 1000, 180, 30, sl="0.8", answer_s="20", max_occupancy="0.9"),
        case("500 erlangs", 5000, 180, 30),
        case("1000 erlangs", 10000, 180, 30, sl="0.95", answer_s="30"),
        case("5000 erlangs", 50000, 180, 30, sl="0.9", answer_s="10"),
        case("10000 erlangs", 100000, 180, 30),
        case("10000 erlangs, occupancy cap", 100000, 180, 30, max_occupancy="0.95", shrinkage="0.35"),
        case("50000 erlangs", 500000, 180, 30, sl="0.85", answer_s="20"),
        case("chat, concurrency 2", 120, 600, 30, concurrency=2, sl="0.8", answer_s="60"),
        case("chat, concurrency 3", 240, 900, 30, concurrency=3, sl="0.9", answer_s="30",
             max_occupancy="0.85"),
        case("chat, concurrency 4 with shrinkage", "37.5", 1200, 15, concurrency=4, shrinkage="0.25"),
        case("fractional contacts", "12.345", "187.5", 30, sl="0.85", answer_s="25"),
        case("evaluate 14 agents", 100, 180, 30, fixed_agents=14),
        case("evaluate 11 agents", 100, 180, 30, fixed_agents=11),
        case("evaluate 10100 agents at 10000 erlangs", 100000, 180, 30, fixed_agents=10100),
        # Erlang A
        case("erlang a, patience 60", 100, 180, 30, patience_s=60),
        case("erlang a, patience 60, known targets", 100, 180, 30, patience_s=60,
             max_occupancy="0.85", shrinkage="0.3"),
        case("erlang a, short patience", 100, 180, 30, patience_s=10, sl="0.7"),
        case("erlang a, long patience", 100, 180, 30, patience_s=3600),
        case("erlang a, max abandon", 300, 240, 30, patience_s=120, max_abandon="0.02"),
        case("erlang a, asa target", 300, 240, 30, patience_s=120, asa_s=8),
        case("erlang a, answer 0", 50, 180, 30, patience_s=90, sl="0.5", answer_s="0"),
        case("erlang a, tiny", "0.5", 300, 30, patience_s=45),
        case("erlang a, low target", 400, 300, 30, patience_s=30, sl="0.3", answer_s="60"),
        case("erlang a, 500 erlangs", 5000, 180, 30, patience_s=120, sl="0.8"),
        case("erlang a, 2000 erlangs", 20000, 180, 30, patience_s=60, sl="0.9", answer_s="10"),
        case("erlang a, chat", 240, 900, 30, patience_s=300, concurrency=3, sl="0.85",
             answer_s="45"),
        case("erlang a, occupancy cap", 200, 300, 30, patience_s=200, sl="0.5",
             max_occupancy="0.8"),
        case("erlang a, evaluate overloaded 6 agents", 100, 180, 30, patience_s=60,
             fixed_agents=6),
        case("erlang a, evaluate overloaded 150 at 200 erlangs", 1200, 300, 30,
             patience_s=120, fixed_agents=150),
        case("erlang a, evaluate 30 at 5 erlangs", 30, 300, 30, patience_s=60, fixed_agents=30),
    ]
    # a deterministic spread of ordinary Erlang C loads
    aht = [120, 180, 240, 300, 420, 600]
    slt = [("0.8", "20"), ("0.9", "15"), ("0.7", "30"), ("0.95", "60"), ("0.85", "10")]
    for i, contacts in enumerate([3, 7, 15, 26, 40, 55, 80, 110, 150, 210, 275, 333]):
        sl, t = slt[i % len(slt)]
        out.append(case("spread %d" % i, contacts, aht[i % len(aht)], [15, 30, 60][i % 3],
                        sl=sl, answer_s=t,
                        max_occupancy=["1", "0.9", "0.85"][i % 3],
                        shrinkage=["0", "0.3", "0.35", "0.2"][i % 4]))
    for i, contacts in enumerate([4, 12, 33, 70, 140, 260]):
        sl, t = slt[(i + 2) % len(slt)]
        out.append(case("erlang a spread %d" % i, contacts, aht[(i + 1) % len(aht)],
                        [15, 30, 60][i % 3], sl=sl, answer_s=t,
                        patience_s=[30, 60, 120, 240, 600, 45][i],
                        shrinkage=["0", "0.3", "0.25"][i % 3]))
    return out


def fmt(v):
    return mpmath.nstr(v, 20, min_fixed=-30, max_fixed=30) if v is not None else ""


def main():
    mp.dps = 60
    self_check()
    cols = FIELDS + ["model", "traffic", "agents", "scheduled_agents", "service_level",
                     "asa_out", "occupancy", "abandon_rate", "wait_probability", "note"]
    print("# generated by tests/data/staffing_ref.py; do not edit")
    print(",".join(cols))
    for q in cases():
        mp.dps = 60 if q["patience_s"] == "0" else 40
        m = erlang_c_case(q) if q["patience_s"] == "0" else erlang_a_case(q)
        shrink = frac(q["shrinkage"])
        sched = ceil(F(m["agents"]) / (1 - shrink))
        row = [q[f] for f in FIELDS] + [
            m["model"], fmt(m["traffic"]), str(m["agents"]), str(sched),
            fmt(m["service_level"]), fmt(m["asa_s"]), fmt(m["occupancy"]),
            fmt(m["abandon_rate"]), fmt(m["wait_probability"]), q["note"]]
        print(",".join(row))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
