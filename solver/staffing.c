/*
 * solver/staffing.c - required agents per interval: Erlang C, Erlang A and
 * chat concurrency.  docs/model.md (section Staffing) has the maths; the
 * symbols here are the ones used there.
 *
 *   a      offered traffic, Erlangs (contacts x AHT / interval)
 *   n      queue servers ("slots": agents x concurrency)
 *   I(n)   1 / ErlangB(n, a), from I(0) = 1, I(k) = 1 + (k / a) I(k-1)
 *   x, y   Erlang A: x = n x patience / AHT, y = arrivals per patience
 *
 * No factorials, no powers of a: the recursion for I only multiplies by
 * k / a and adds 1, so it neither overflows nor loses precision below the
 * traffic; the Erlang A series are summed around their largest term and
 * carried with a separate logarithmic scale.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "solver/solver.h"

const char *rota_staffing_model_name(int model)
{
	switch (model) {
	case ROTA_STAFFING_ERLANG_C:
		return "erlang_c";
	case ROTA_STAFFING_ERLANG_A:
		return "erlang_a";
	default:
		return "?";
	}
}

/* ------------------------------------------------------ exact decimals */

/*
 * A double read back as the decimal m / 10^k (k <= 9) it was most likely
 * written as: the shortest one whose nearest double is v.  Division of two
 * exactly representable integers is correctly rounded, so (double)m / 10^k
 * is exactly what strtod() returns for that decimal.
 */
struct dec {
	uint64_t m;
	int k;
	int ok;
};

static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
			     1e7, 1e8, 1e9};

static const struct dec dec_one = {1, 0, 1};

static struct dec dec_of(double v)
{
	struct dec d = {0, 0, 0};

	if (!(v >= 0) || v > 1e15)
		return d;
	for (int k = 0; k <= 9; k++) {
		double s = v * p10[k];
		uint64_t m;

		if (s >= 0x1p50)
			break;
		m = (uint64_t)llround(s);
		if ((double)m / p10[k] == v) {
			d.m = m;
			d.k = k;
			d.ok = 1;
			break;
		}
	}
	return d;
}

/* ----------------------------------------------------- the calculation */

struct calc {
	const struct rota_skill *skill;
	double contacts, aht, interval_s;
	double a;         /* traffic, Erlangs */
	double y;         /* Erlang A: contacts per mean patience */
	struct dec cd, hd, capd, shd;
	int conc;
};

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 u128;

/* l * 10^e without overflow; 0 when it would overflow. */
static int scale10(u128 *l, int e)
{
	static const uint64_t u10[] = {
		1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull,
		10000000ull, 100000000ull, 1000000000ull, 10000000000ull,
		100000000000ull, 1000000000000ull, 10000000000000ull,
		100000000000000ull, 1000000000000000ull,
		10000000000000000ull, 100000000000000000ull,
		1000000000000000000ull};

	if (e < 0 || e > 18)
		return 0;
	return !__builtin_mul_overflow(*l, (u128)u10[e], l);
}
#endif

/*
 * Sign of contacts x AHT - q x n x interval, i.e. of a - q n: exact when
 * every number is a short decimal (they are, when a person or a CSV file
 * wrote them), else in long double.
 */
static int load_cmp(const struct calc *c, struct dec q, double qv, long n)
{
	long double l, r;

#ifdef __SIZEOF_INT128__
	if (c->cd.ok && c->hd.ok && q.ok) {
		u128 lx = (u128)c->cd.m * c->hd.m;
		u128 rx = (u128)q.m * (uint64_t)n * (uint64_t)c->interval_s;
		int e = q.k - c->cd.k - c->hd.k;

		/* contacts aht = lx / 10^(cd.k+hd.k); q n I = rx / 10^q.k */
		if (e >= 0 ? scale10(&lx, e) : scale10(&rx, -e))
			return (lx > rx) - (lx < rx);
	}
#endif
	l = (long double)c->contacts * (long double)c->aht;
	r = (long double)qv * (long double)n * (long double)c->interval_s;
	return (l > r) - (l < r);
}

/*
 * Smallest n >= 1 with load_cmp(n) < thr: a < n for thr = 0 (a stable
 * queue), a <= cap n for thr = 1 (the occupancy cap); limit + 1 if none.
 */
static long min_servers(const struct calc *c, struct dec q, double qv,
			int thr, long limit)
{
	double est = c->a / qv;
	long n;

	if (!(est < (double)limit))
		return limit + 1;
	n = (long)ceil(est);
	if (n < 1)
		n = 1;
	while (n > 1 && load_cmp(c, q, qv, n - 1) < thr)
		n--;
	while (n <= limit && load_cmp(c, q, qv, n) >= thr)
		n++;
	return n;
}

/* ceil(agents / (1 - shrinkage)), exact for decimal shrinkage. */
static long scheduled(const struct calc *c, long agents)
{
	if (c->shd.ok) {
		uint64_t den = (uint64_t)p10[c->shd.k] - c->shd.m;
		uint64_t num = (uint64_t)agents * (uint64_t)p10[c->shd.k];

		return (long)((num + den - 1) / den);
	}
	return (long)ceill((long double)agents /
			   (1.0L - (long double)c->skill->shrinkage));
}

/*
 * I(n) = 1 / ErlangB(n, a).  Each step multiplies the error of the
 * previous value by k / a, so below the traffic the recursion forgets
 * where it started: beginning at k0 with (a - k0)^2 - (a - n)^2 >= 144 a
 * leaves a relative error under e^-72 from an approximate start value
 * (I(k0) ~ a / (a - k0)), which saves most of the work at large traffic.
 */
static double inv_b(double a, long n)
{
	double d = a - (double)n;
	double w = sqrt((d > 0 ? d * d : 0) + 144.0 * a);
	double I = 1;
	long k = 0;

	if (a - w > 1) {
		k = (long)floor(a - w);
		I = a / (a - (double)k);
	}
	while (k < n) {
		k++;
		I = 1 + (double)k / a * I;
	}
	return I;
}

/* ------------------------------------------------------------ Erlang C */

static void eval_c(const struct calc *c, long n, double I,
		   struct rota_staffing_result *r)
{
	double d = (double)n - c->a;
	double C;

	r->servers = (int)n;
	r->abandon_rate = 0;
	if (!(d > 0)) {
		r->service_level = 0;
		r->asa_s = INFINITY;
		r->occupancy = 1;
		r->wait_probability = 1;
		return;
	}
	C = (double)n / (I * d + c->a);   /* = n B / (n - a (1 - B)) */
	r->wait_probability = C;
	r->service_level = 1 - C * exp(-d * c->skill->answer_s / c->aht);
	r->asa_s = C * c->aht / d;
	r->occupancy = c->a / (double)n;
}

/*
 * Smallest n >= lo meeting the service level and ASA targets; *I_out is
 * I(n).  Every n >= lo is stable (lo > a), and both measures improve with
 * n, so the first n that meets them is the answer.
 */
static int search_c(const struct calc *c, long lo, long limit, long *out,
		    double *I_out)
{
	const struct rota_skill *k = c->skill;
	double rate = k->answer_s / c->aht;
	double miss_max = 1 - k->sl + ROTA_STAFFING_EPS;
	double asa_max = k->asa_s > 0 ? k->asa_s / c->aht *
						(1 + ROTA_STAFFING_EPS)
				      : INFINITY;
	double I = inv_b(c->a, lo);

	for (long n = lo; n <= limit; n++) {
		double d = (double)n - c->a;

		if (n > lo)
			I = 1 + (double)n / c->a * I;
		if (d > 0) {
			double C = (double)n / (I * d + c->a);

			if ((C <= miss_max || C * exp(-d * rate) <= miss_max) &&
			    C <= asa_max * d) {
				*out = n;
				*I_out = I;
				return 0;
			}
		}
	}
	return ROTA_ELIMIT;
}

/* ------------------------------------------------------------ Erlang A */

/* sum_{j=1..q} ln(x + j), from products of a few factors at a time. */
static double lnprod(double x, long q)
{
	double s = 0, p = 1;

	for (long j = 1; j <= q; j++) {
		p *= x + (double)j;
		if (p > 1e200) {
			s += log(p);
			p = 1;
		}
	}
	return s + log(p);
}

/*
 * The series t_q = y^q / ((x+1)(x+2)...(x+q)), q >= 0, whose sum is the
 * A(x, y) = x e^y y^-x gamma(x, y) of Garnett, Mandelbaum and Reiman.  Sums
 * are scaled by e^-sigma, sigma = ln of the largest term, and summed from
 * that term outwards until the rest cannot matter (the terms are
 * log-concave in q, so the ratios only shrink away from the peak):
 *   s0 = sum t_q, s0p = sum_{q>=1} t_q, s1 = sum q t_q,
 *   sh = sum t_q H_q with H_q = sum_{j=1..q} 1 / (x + j)  (when want_h).
 */
struct aser {
	double sigma, s0, s0p, s1, sh;
};

static void aseries(double x, double y, int want_h, struct aser *o)
{
	long top = y - x >= 1 ? (long)floor(y - x) : 0;
	double t, h, H = 0;
	long q;

	memset(o, 0, sizeof(*o));
	if (top > 0) {
		o->sigma = (double)top * log(y) - lnprod(x, top);
		if (want_h)
			for (long j = 1; j <= top; j++)
				H += 1 / (x + (double)j);
	}
	/*
	 * The peak and upwards, two terms per step: with d = 1 / ((x+q+1)
	 * (x+q+2)), t_{q+1} = t_q y (x+q+2) d and t_{q+2} = t_{q+1} y (x+q+1) d,
	 * and the H increments 1/(x+q+1), 1/(x+q+2) come from the same
	 * division.
	 */
	o->s0 = 1;
	o->s0p = top > 0 ? 1 : 0;
	o->s1 = (double)top;
	o->sh = H;
	t = 1;
	h = H;
	q = top;
	for (;;) {
		double u1 = x + (double)(q + 1), u2 = u1 + 1;
		double d = 1 / (u1 * u2), r2 = y * u1 * d, t1, t2;

		t1 = t * (y * u2 * d);
		t2 = t1 * r2;
		o->s0 += t1 + t2;
		o->s0p += t1 + t2;
		o->s1 += (double)(q + 1) * t1 + (double)(q + 2) * t2;
		if (want_h) {
			double h1 = h + u2 * d;

			h = h1 + u1 * d;
			o->sh += t1 * h1 + t2 * h;
		}
		q += 2;
		t = t2;
		if (t == 0 || (r2 < 1 && t * r2 < 1e-17 * (1 - r2) * o->s0))
			break;
	}
	/* downwards: t_{q-1} = t_q (x + q) / y */
	t = 1;
	h = H;
	for (q = top; q > 0;) {
		double r = (x + (double)q) / y;

		t *= r;
		if (want_h)
			h -= 1 / (x + (double)q);
		q--;
		o->s0 += t;
		if (q > 0)
			o->s0p += t;
		o->s1 += (double)q * t;
		o->sh += t * h;
		if (t == 0 || (r < 1 && t < 1e-17 * (1 - r) * o->s0))
			break;
	}
}

/*
 * Erlang A with n servers, I = I(n).  With D = I + A(x,y) - 1 (so that
 * pi_n = 1 / D is the probability of n busy servers and an empty queue):
 *   P(wait)    = A(x,y) / D
 *   P(abandon) = (1/y) sum q t_q / D           (= theta E[queue] / lambda)
 *   P(answered after waiting more than t)
 *              = x/(x+1) w^(x+1) e^(y(1-w)) A(x+1, y w) / D,  w = e^(-t/P)
 *     (x e^y y^-(x+1) gamma(x+1, y w): the incomplete-gamma form)
 *   SL         = 1 - P(abandon) - P(answered after t)
 *   E[wait; answered] = (x / lambda) sum t_q H_q / D
 * docs/model.md derives them.  The ASA (its series of H_q) is computed
 * only when want_asa is set; it is 0 otherwise.
 */
static void eval_a(const struct calc *c, long n, double I, int want_asa,
		   struct rota_staffing_result *r)
{
	const struct rota_skill *k = c->skill;
	double x = (double)n * k->patience_s / c->aht;
	double y = c->y;
	double lw = -k->answer_s / k->patience_s;   /* ln w */
	double lambda = c->contacts / c->interval_s;
	struct aser s, t;
	double Ds, tail, pab, sl, served;

	r->servers = (int)n;
	aseries(x, y, want_asa, &s);
	Ds = (I > 0 && I < INFINITY ? I * exp(-s.sigma) : I) + s.s0p;
	if (!(Ds < INFINITY)) {   /* far more servers than traffic */
		r->wait_probability = 0;
		r->abandon_rate = 0;
		r->service_level = 1;
		r->asa_s = 0;
		r->occupancy = c->a / (double)n;
		return;
	}
	aseries(x + 1, y * exp(lw), 0, &t);
	tail = exp(log(x / (x + 1)) + (x + 1) * lw - y * expm1(lw) + t.sigma +
		   log(t.s0) - s.sigma) / Ds;
	pab = s.s1 / y / Ds;
	if (pab > 1)
		pab = 1;
	sl = 1 - pab - tail;
	served = 1 - pab;
	r->wait_probability = fmin(1, s.s0 / Ds);
	r->abandon_rate = pab;
	r->service_level = sl < 0 ? 0 : sl > 1 ? 1 : sl;
	r->asa_s = !want_asa ? 0
		   : served > 0 ? x / lambda * s.sh / Ds / served : INFINITY;
	r->occupancy = c->a * served / (double)n;
}

static int meets_a(const struct calc *c, const struct rota_staffing_result *r)
{
	const struct rota_skill *k = c->skill;

	return r->service_level >= k->sl - ROTA_STAFFING_EPS &&
	       r->occupancy <= k->max_occupancy + ROTA_STAFFING_EPS &&
	       (k->asa_s <= 0 ||
		r->asa_s <= k->asa_s * (1 + ROTA_STAFFING_EPS)) &&
	       (k->max_abandon <= 0 ||
		r->abandon_rate <= k->max_abandon + ROTA_STAFFING_EPS);
}

/*
 * I(n) for a window of n around the first guess, filled by one pass of the
 * recursion, so that the probes of a search do not each run it again.
 */
#define IWIN 128

struct itab {
	long base;
	double v[IWIN];
};

static void itab_fill(const struct calc *c, struct itab *t, long base)
{
	t->base = base;
	t->v[0] = inv_b(c->a, base);
	for (int i = 1; i < IWIN; i++)
		t->v[i] = 1 + (double)(base + i) / c->a * t->v[i - 1];
}

static int probe_a(const struct calc *c, const struct itab *t, long n)
{
	struct rota_staffing_result r;
	double I = n >= t->base && n < t->base + IWIN ? t->v[n - t->base]
						       : inv_b(c->a, n);

	eval_a(c, n, I, c->skill->asa_s > 0, &r);
	return meets_a(c, &r);
}

/* Steps 1, 1, 1, 2, 4, 8, ...: answers are usually within 3 of the guess. */
static long next_step(int k)
{
	return k < 3 ? 1 : 1L << (k - 2 < 40 ? k - 2 : 40);
}

/*
 * Smallest n >= 1 meeting every target.  Each measure is monotone in n, so
 * a bracket (lo fails, hi meets) narrowed by bisection finds it; the
 * bracket grows in steps from a first guess, the Erlang C answer for the
 * same targets, which is usually within a few agents.  No n below
 * lb = a (SL - eps) can meet the service level: the mean number of busy
 * servers a (1 - P(abandon)) is below n, and SL <= 1 - P(abandon).
 */
static int search_a(const struct calc *c, long limit, long *out)
{
	double lbf = floor(c->a * (c->skill->sl - 1e-9));
	long lb = lbf > 1 ? (long)lbf : 1, lo, hi, g = lb;
	long stable = min_servers(c, dec_one, 1.0, 0, limit);
	struct itab t;
	double I;
	int k = 0;

	if (lb > limit)
		return ROTA_ELIMIT;
	if (stable <= limit && search_c(c, stable, limit, &g, &I) == 0 &&
	    g > lb)
		g = g < limit ? g : limit;
	else
		g = lb;
	itab_fill(c, &t, g - IWIN / 2 > lb ? g - IWIN / 2 : lb);
	if (probe_a(c, &t, g)) {
		hi = g;
		for (;;) {   /* down: hi meets */
			lo = hi - next_step(k++);
			if (lo < lb) {
				lo = lb - 1;   /* fails by the bound */
				break;
			}
			if (!probe_a(c, &t, lo))
				break;
			hi = lo;
		}
	} else {
		lo = g;
		for (;;) {   /* up: lo fails */
			hi = lo + next_step(k++);
			if (hi > limit)
				hi = limit;
			if (hi <= lo)
				return ROTA_ELIMIT;
			if (probe_a(c, &t, hi))
				break;
			lo = hi;
		}
	}
	while (hi - lo > 1) {   /* lo fails, hi meets */
		long mid = lo + (hi - lo) / 2;

		if (probe_a(c, &t, mid))
			hi = mid;
		else
			lo = mid;
	}
	*out = hi;
	return 0;
}

/* ---------------------------------------------------------- validation */

/* err = code, "skill 'NAME': " (when named) and the message. */
static int fail(struct rota_error *err, int code, const char *skill,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail(struct rota_error *err, int code, const char *skill,
		const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (skill && *skill)
		return rota_error_set(err, code, "skill '%s': %s", skill, msg);
	return rota_error_set(err, code, "%s", msg);
}

int rota_staffing_check_skill(const struct rota_skill *k,
			      struct rota_error *err)
{
	const char *s = k->name;

	if (!(k->sl > 0 && k->sl <= 1))
		return fail(err, ROTA_EDATA, s,
			    "sl must be in (0, 1] (got %g)", k->sl);
	if (!(k->answer_s >= 0 && k->answer_s <= 1e6))
		return fail(err, ROTA_EDATA, s,
			    "answer_s must be from 0 to 1000000 seconds "
			    "(got %g)", k->answer_s);
	if (!(k->max_occupancy > 0 && k->max_occupancy <= 1))
		return fail(err, ROTA_EDATA, s,
			    "max_occupancy must be in (0, 1] (got %g)",
			    k->max_occupancy);
	if (!(k->shrinkage >= 0 && k->shrinkage < 1))
		return fail(err, ROTA_EDATA, s,
			    "shrinkage must be in [0, 1) (got %g)",
			    k->shrinkage);
	if (k->concurrency < 1 || k->concurrency > 1000)
		return fail(err, ROTA_EDATA, s,
			    "concurrency must be a whole number from 1 to "
			    "1000 (got %d)", k->concurrency);
	if (!(k->patience_s >= 0 && k->patience_s <= 1e6))
		return fail(err, ROTA_EDATA, s,
			    "patience_s must be from 0 (no abandonment) to "
			    "1000000 seconds (got %g)", k->patience_s);
	if (!(k->max_abandon >= 0 && k->max_abandon <= 1))
		return fail(err, ROTA_EDATA, s,
			    "max_abandon must be in [0, 1], 0 for none "
			    "(got %g)", k->max_abandon);
	if (!(k->asa_s >= 0 && k->asa_s <= 1e6))
		return fail(err, ROTA_EDATA, s,
			    "asa_s must be from 0 (none) to 1000000 seconds "
			    "(got %g)", k->asa_s);
	return 0;
}

/* ------------------------------------------------------------- public */

static int check_input(const struct calc *c, int interval_min,
		       struct rota_error *err)
{
	const char *s = c->skill->name;

	if (!(c->contacts >= 0 && c->contacts < INFINITY))
		return fail(err, ROTA_EDATA, s,
			    "contacts must be a number >= 0 (got %g)",
			    c->contacts);
	if (!(c->aht > 0 && c->aht <= 1e6))
		return fail(err, ROTA_EDATA, s,
			    "aht_s must be greater than 0 and at most "
			    "1000000 seconds (got %g)", c->aht);
	if (interval_min < 1 || interval_min > 1440)
		return fail(err, ROTA_EDATA, s,
			    "interval_min must be a whole number from 1 to "
			    "1440 (got %d)", interval_min);
	if (c->a > ROTA_STAFFING_MAX_TRAFFIC)
		return fail(err, ROTA_EDATA, s,
			    "traffic of %g erlangs (contacts x aht_s / "
			    "interval) is above the supported %g", c->a,
			    ROTA_STAFFING_MAX_TRAFFIC);
	if (c->contacts > 0 && !(c->a >= 1e-300 &&
				 (c->skill->patience_s == 0 || c->y >= 1e-300)))
		return fail(err, ROTA_EDATA, s,
			    "traffic of %g erlangs is too small to compute",
			    c->a);
	if (c->skill->patience_s > 0 && c->y > 1e7)
		return fail(err, ROTA_EDATA, s,
			    "%g contacts per mean patience is above the "
			    "supported 10000000 for erlang a (lower "
			    "patience_s)", c->y);
	return 0;
}

/* Find the servers (slots) the targets need. */
static int search(const struct calc *c, int model, long limit, long *slots,
		  double *I)
{
	const struct rota_skill *k = c->skill;

	if (model == ROTA_STAFFING_ERLANG_C) {
		long lo = min_servers(c, dec_one, 1.0, 0, limit);
		long occ = min_servers(c, c->capd, k->max_occupancy, 1, limit);

		if (occ > lo)
			lo = occ;
		if (lo > limit)
			return ROTA_ELIMIT;
		return search_c(c, lo, limit, slots, I);
	}
	if (search_a(c, limit, slots) < 0)
		return ROTA_ELIMIT;
	*I = inv_b(c->a, *slots);
	return 0;
}

int rota_staffing_calc(const struct rota_skill *skill, double contacts,
		       double aht_s, int interval_min,
		       const struct rota_staffing_opts *opts,
		       struct rota_staffing_result *out,
		       struct rota_error *err)
{
	static const struct rota_staffing_opts defaults =
		ROTA_STAFFING_OPTS_INIT;
	struct rota_staffing_result r;
	struct calc c;
	long slots, agents, sched;
	double I;
	int rc;

	if (!opts)
		opts = &defaults;
	if ((rc = rota_staffing_check_skill(skill, err)) < 0)
		return rc;
	if (opts->agents < 0 || opts->max_agents < 1)
		return rota_error_set(err, ROTA_EINVAL,
				      "staffing options out of range");
	memset(&c, 0, sizeof(c));
	c.skill = skill;
	c.contacts = contacts;
	c.aht = aht_s;
	c.interval_s = 60.0 * interval_min;
	c.a = contacts * aht_s / c.interval_s;
	c.y = contacts * skill->patience_s / c.interval_s;
	c.cd = dec_of(contacts);
	c.hd = dec_of(aht_s);
	c.capd = dec_of(skill->max_occupancy);
	c.shd = dec_of(skill->shrinkage);
	c.conc = skill->concurrency;
	if ((rc = check_input(&c, interval_min, err)) < 0)
		return rc;

	memset(&r, 0, sizeof(r));
	r.model = skill->patience_s > 0 ? ROTA_STAFFING_ERLANG_A
					: ROTA_STAFFING_ERLANG_C;
	r.traffic = c.a;
	if (contacts == 0) {
		r.agents = opts->agents;
		r.servers = opts->agents * c.conc;
		r.scheduled_agents = (int)scheduled(&c, opts->agents);
		r.service_level = 1;
		*out = r;
		return 0;
	}
	if (opts->agents > 0) {
		agents = opts->agents;
		slots = 0;
		I = 1;
	} else {
		if (skill->sl >= 1)
			return fail(err, ROTA_EINFEASIBLE, skill->name,
				    "a 100%% service level can never be met "
				    "while contacts arrive (some contact "
				    "always waits longer than %g s); use a "
				    "target below 1", skill->answer_s);
		if (search(&c, r.model, (long)opts->max_agents * c.conc,
			   &slots, &I) < 0)
			return fail(err, ROTA_ELIMIT, skill->name,
				    "more than %d agents would be needed for "
				    "%g erlangs", opts->max_agents, c.a);
		agents = (slots + c.conc - 1) / c.conc;
	}
	if (agents > INT32_MAX / c.conc)
		return fail(err, ROTA_ELIMIT, skill->name, "too many agents");
	/* I(agents x concurrency), continuing the search's recursion */
	if (slots > 0)
		while (slots < agents * c.conc) {
			slots++;
			I = 1 + (double)slots / c.a * I;
		}
	else
		I = inv_b(c.a, slots = agents * c.conc);
	if (r.model == ROTA_STAFFING_ERLANG_C)
		eval_c(&c, slots, I, &r);
	else
		eval_a(&c, slots, I, 1, &r);
	sched = scheduled(&c, agents);
	if (sched > INT32_MAX)
		return fail(err, ROTA_ELIMIT, skill->name, "too many agents");
	r.agents = (int)agents;
	r.scheduled_agents = (int)sched;
	*out = r;
	return 0;
}
