/*
 * solver/mip.c - a plain MIP container and its text forms (free MPS and
 * CPLEX LP), so any other solver can be run on exactly our model.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solver/solver_int.h"

void solver_mip_init(struct mip *m)
{
	memset(m, 0, sizeof(*m));
}

void solver_mip_free(struct mip *m)
{
	if (!m)
		return;
	free(m->lb);
	free(m->ub);
	free(m->obj);
	free(m->is_int);
	free(m->ctag);
	free(m->rlo);
	free(m->rhi);
	free(m->rgroup);
	free(m->rowner);
	free(m->ti);
	free(m->tj);
	free(m->tv);
	free(m->rbeg);
	free(m->rind);
	free(m->rval);
	free(m->cbeg);
	free(m->cind);
	free(m->cval);
	memset(m, 0, sizeof(*m));
}

static int grow(void **p, size_t n, size_t size)
{
	void *q = realloc(*p, n * size);

	if (!q)
		return -1;
	*p = q;
	return 0;
}

int solver_mip_add_col(struct mip *m, double lb, double ub, double obj,
		       int is_int, struct col_tag tag)
{
	if (m->failed)
		return -1;
	if (m->ncols == m->ccap) {
		size_t n = m->ccap ? (size_t)m->ccap * 2 : 256;

		if (grow((void **)&m->lb, n, sizeof(double)) ||
		    grow((void **)&m->ub, n, sizeof(double)) ||
		    grow((void **)&m->obj, n, sizeof(double)) ||
		    grow((void **)&m->is_int, n, 1) ||
		    grow((void **)&m->ctag, n, sizeof(struct col_tag))) {
			m->failed = 1;
			return -1;
		}
		m->ccap = (int)n;
	}
	m->lb[m->ncols] = lb;
	m->ub[m->ncols] = ub;
	m->obj[m->ncols] = obj;
	m->is_int[m->ncols] = (uint8_t)(is_int != 0);
	m->ctag[m->ncols] = tag;
	return m->ncols++;
}

int solver_mip_add_row(struct mip *m, double lo, double hi, int group,
		       int owner)
{
	if (m->failed)
		return -1;
	if (m->nrows == m->rcap) {
		size_t n = m->rcap ? (size_t)m->rcap * 2 : 256;

		if (grow((void **)&m->rlo, n, sizeof(double)) ||
		    grow((void **)&m->rhi, n, sizeof(double)) ||
		    grow((void **)&m->rgroup, n, 1) ||
		    grow((void **)&m->rowner, n, sizeof(int))) {
			m->failed = 1;
			return -1;
		}
		m->rcap = (int)n;
	}
	m->rlo[m->nrows] = lo;
	m->rhi[m->nrows] = hi;
	m->rgroup[m->nrows] = (uint8_t)group;
	m->rowner[m->nrows] = owner;
	return m->nrows++;
}

void solver_mip_add_coef(struct mip *m, int row, int col, double v)
{
	if (m->failed || row < 0 || col < 0 || v == 0)
		return;
	if (m->nnz == m->cap_nz) {
		size_t n = m->cap_nz ? m->cap_nz * 2 : 1024;

		if (grow((void **)&m->ti, n, sizeof(int)) ||
		    grow((void **)&m->tj, n, sizeof(int)) ||
		    grow((void **)&m->tv, n, sizeof(double))) {
			m->failed = 1;
			return;
		}
		m->cap_nz = n;
	}
	m->ti[m->nnz] = row;
	m->tj[m->nnz] = col;
	m->tv[m->nnz] = v;
	m->nnz++;
}

int solver_mip_finish(struct mip *m, struct rota_error *err)
{
	size_t *cnt = NULL, nnz = 0;
	int *pos = NULL;

	if (m->failed)
		goto nomem;
	m->rbeg = calloc((size_t)m->nrows + 1, sizeof(size_t));
	m->cbeg = calloc((size_t)m->ncols + 1, sizeof(size_t));
	m->rind = malloc((m->nnz ? m->nnz : 1) * sizeof(int));
	m->rval = malloc((m->nnz ? m->nnz : 1) * sizeof(double));
	pos = malloc(((size_t)m->ncols + 1) * sizeof(int));
	if (!m->rbeg || !m->cbeg || !m->rind || !m->rval || !pos)
		goto nomem;
	/* bucket triplets by row, then merge duplicate columns in a row */
	for (size_t i = 0; i < m->nnz; i++)
		m->rbeg[m->ti[i] + 1]++;
	for (int i = 0; i < m->nrows; i++)
		m->rbeg[i + 1] += m->rbeg[i];
	cnt = calloc((size_t)m->nrows + 1, sizeof(size_t));
	if (!cnt)
		goto nomem;
	for (size_t i = 0; i < m->nnz; i++) {
		size_t at = m->rbeg[m->ti[i]] + cnt[m->ti[i]]++;

		m->rind[at] = m->tj[i];
		m->rval[at] = m->tv[i];
	}
	for (int j = 0; j < m->ncols; j++)
		pos[j] = -1;
	for (int i = 0; i < m->nrows; i++) {
		size_t start = nnz;

		for (size_t a = m->rbeg[i]; a < m->rbeg[i + 1]; a++) {
			int j = m->rind[a];

			if (pos[j] >= 0 && (size_t)pos[j] >= start) {
				m->rval[pos[j]] += m->rval[a];
				continue;
			}
			pos[j] = (int)nnz;
			m->rind[nnz] = j;
			m->rval[nnz] = m->rval[a];
			nnz++;
		}
		/* insertion sort by column: rows are short */
		for (size_t a = start + 1; a < nnz; a++) {
			int j = m->rind[a];
			double v = m->rval[a];
			size_t b = a;

			while (b > start && m->rind[b - 1] > j) {
				m->rind[b] = m->rind[b - 1];
				m->rval[b] = m->rval[b - 1];
				b--;
			}
			m->rind[b] = j;
			m->rval[b] = v;
		}
		m->rbeg[i] = start;
	}
	m->rbeg[m->nrows] = nnz;
	m->nnz = nnz;
	free(m->ti);
	free(m->tj);
	free(m->tv);
	m->ti = m->tj = NULL;
	m->tv = NULL;
	m->cap_nz = 0;
	/* column-wise copy */
	m->cind = malloc((nnz ? nnz : 1) * sizeof(int));
	m->cval = malloc((nnz ? nnz : 1) * sizeof(double));
	if (!m->cind || !m->cval)
		goto nomem;
	for (size_t a = 0; a < nnz; a++)
		m->cbeg[m->rind[a] + 1]++;
	for (int j = 0; j < m->ncols; j++)
		m->cbeg[j + 1] += m->cbeg[j];
	memset(cnt, 0, ((size_t)m->nrows + 1) * sizeof(size_t));
	free(cnt);
	cnt = calloc((size_t)m->ncols + 1, sizeof(size_t));
	if (!cnt)
		goto nomem;
	for (int i = 0; i < m->nrows; i++)
		for (size_t a = m->rbeg[i]; a < m->rbeg[i + 1]; a++) {
			int j = m->rind[a];
			size_t at = m->cbeg[j] + cnt[j]++;

			m->cind[at] = i;
			m->cval[at] = m->rval[a];
		}
	free(cnt);
	free(pos);
	return 0;
nomem:
	free(cnt);
	free(pos);
	m->failed = 1;
	return rota_error_set(err, ROTA_ENOMEM,
			      "out of memory building the roster model");
}

double solver_mip_objective(const struct mip *m, const double *x)
{
	double z = m->obj_const;

	for (int j = 0; j < m->ncols; j++)
		z += m->obj[j] * x[j];
	return z;
}

static const char *const col_prefix[] = {"x", "y", "n", "u", "o", "cu",
					 "co", "v", "z", "fmax", "fmin"};

void solver_mip_col_name(const struct mip *m, int j, char *buf, size_t size)
{
	const struct col_tag *t = &m->ctag[j];

	if (t->kind == COL_X)
		snprintf(buf, size, "x_%d_%d_%d", t->a, t->b, t->c);
	else
		snprintf(buf, size, "%s%d", col_prefix[t->kind], j);
}

static const char *group_name(int g)
{
	switch (g) {
	case GROUP_TYPE_MAX:
		return "typemax";
	case GROUP_BAN:
		return "ban";
	case GROUP_UNAV:
		return "unav";
	case GROUP_QUAL:
		return "qual";
	case GROUP_OFFER:
		return "offer";
	case GROUP_FIXED:
		return "fixed";
	case GROUP_CHANGES:
		return "changes";
	case GROUP_CORE:
		return "core";
	default:
		return rota_problem_rule_name(g);
	}
}

void solver_mip_row_name(const struct mip *m, int i, char *buf, size_t size)
{
	snprintf(buf, size, "r%d_%s", i, group_name(m->rgroup[i]));
}

/* ------------------------------------------------------------ text out */

struct sbuf {
	char *s;
	size_t len, cap;
	int failed;
};

static void sb_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->failed)
		return;
	for (;;) {
		size_t room = b->cap - b->len;

		va_start(ap, fmt);
		n = vsnprintf(b->s ? b->s + b->len : NULL, room, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->failed = 1;
			return;
		}
		if ((size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		{
			size_t ncap = b->cap ? b->cap * 2 : 65536;
			char *p;

			while (ncap - b->len <= (size_t)n)
				ncap *= 2;
			p = realloc(b->s, ncap);
			if (!p) {
				b->failed = 1;
				return;
			}
			b->s = p;
			b->cap = ncap;
		}
	}
}

/* a fixed column carries the objective constant in both formats */
#define CONST_COL "objconst"

static void write_mps(const struct mip *m, struct sbuf *b)
{
	char name[64], rname[64];
	int in_int = 0;

	sb_printf(b, "* rota roster model: %d rows, %d columns\n", m->nrows,
		  m->ncols);
	sb_printf(b, "NAME rota\nROWS\n N obj\n");
	for (int i = 0; i < m->nrows; i++) {
		char type = isinf(m->rlo[i]) ? 'L'
			    : isinf(m->rhi[i]) ? 'G'
			    : m->rlo[i] == m->rhi[i] ? 'E' : 'G';

		solver_mip_row_name(m, i, rname, sizeof(rname));
		sb_printf(b, " %c %s\n", type, rname);
	}
	sb_printf(b, "COLUMNS\n");
	for (int j = 0; j < m->ncols; j++) {
		if (m->is_int[j] && !in_int) {
			sb_printf(b, " MARKER 'MARKER' 'INTORG'\n");
			in_int = 1;
		} else if (!m->is_int[j] && in_int) {
			sb_printf(b, " MARKER 'MARKER' 'INTEND'\n");
			in_int = 0;
		}
		solver_mip_col_name(m, j, name, sizeof(name));
		if (m->obj[j] != 0 || m->cbeg[j] == m->cbeg[j + 1])
			sb_printf(b, " %s obj %.15g\n", name, m->obj[j]);
		for (size_t a = m->cbeg[j]; a < m->cbeg[j + 1]; a++) {
			solver_mip_row_name(m, m->cind[a], rname, sizeof(rname));
			sb_printf(b, " %s %s %.15g\n", name, rname,
				  m->cval[a]);
		}
	}
	if (in_int)
		sb_printf(b, " MARKER 'MARKER' 'INTEND'\n");
	if (m->obj_const != 0)
		sb_printf(b, " %s obj %.15g\n", CONST_COL, m->obj_const);
	sb_printf(b, "RHS\n");
	for (int i = 0; i < m->nrows; i++) {
		double rhs = isinf(m->rlo[i]) ? m->rhi[i] : m->rlo[i];

		if (rhs == 0)
			continue;
		solver_mip_row_name(m, i, rname, sizeof(rname));
		sb_printf(b, " rhs %s %.15g\n", rname, rhs);
	}
	sb_printf(b, "RANGES\n");
	for (int i = 0; i < m->nrows; i++) {
		if (isinf(m->rlo[i]) || isinf(m->rhi[i]) ||
		    m->rlo[i] == m->rhi[i])
			continue;
		solver_mip_row_name(m, i, rname, sizeof(rname));
		sb_printf(b, " rng %s %.15g\n", rname, m->rhi[i] - m->rlo[i]);
	}
	sb_printf(b, "BOUNDS\n");
	for (int j = 0; j < m->ncols; j++) {
		solver_mip_col_name(m, j, name, sizeof(name));
		if (m->is_int[j] && m->lb[j] == 0 && m->ub[j] == 1) {
			sb_printf(b, " BV bnd %s\n", name);
			continue;
		}
		if (m->lb[j] == m->ub[j]) {
			sb_printf(b, " FX bnd %s %.15g\n", name, m->lb[j]);
			continue;
		}
		if (isinf(m->lb[j]) && isinf(m->ub[j])) {
			sb_printf(b, " FR bnd %s\n", name);
			continue;
		}
		if (isinf(m->lb[j]))
			sb_printf(b, " MI bnd %s\n", name);
		else if (m->lb[j] != 0 || m->is_int[j])
			sb_printf(b, " LO bnd %s %.15g\n", name, m->lb[j]);
		if (!isinf(m->ub[j]))
			sb_printf(b, " UP bnd %s %.15g\n", name, m->ub[j]);
		else if (m->is_int[j])
			sb_printf(b, " PL bnd %s\n", name);
	}
	if (m->obj_const != 0)
		sb_printf(b, " FX bnd %s 1\n", CONST_COL);
	sb_printf(b, "ENDATA\n");
}

static void lp_term(struct sbuf *b, double v, const char *name, int *n)
{
	if (*n && *n % 8 == 0)
		sb_printf(b, "\n   ");
	sb_printf(b, " %s %.15g %s", v < 0 ? "-" : "+", fabs(v), name);
	(*n)++;
}

static void write_lp_row(const struct mip *m, struct sbuf *b, int i,
			 const char *suffix, const char *op, double rhs)
{
	char name[64], rname[64];
	int n = 0;

	solver_mip_row_name(m, i, rname, sizeof(rname));
	sb_printf(b, " %s%s:", rname, suffix);
	for (size_t a = m->rbeg[i]; a < m->rbeg[i + 1]; a++) {
		solver_mip_col_name(m, m->rind[a], name, sizeof(name));
		lp_term(b, m->rval[a], name, &n);
	}
	if (n == 0)
		sb_printf(b, " 0 %s", CONST_COL);
	sb_printf(b, " %s %.15g\n", op, rhs);
}

static void write_lp(const struct mip *m, struct sbuf *b)
{
	char name[64];
	int n = 0, k;

	sb_printf(b, "\\ rota roster model: %d rows, %d columns\n", m->nrows,
		  m->ncols);
	sb_printf(b, "Minimize\n obj:");
	for (int j = 0; j < m->ncols; j++) {
		if (m->obj[j] == 0)
			continue;
		solver_mip_col_name(m, j, name, sizeof(name));
		lp_term(b, m->obj[j], name, &n);
	}
	lp_term(b, m->obj_const != 0 ? m->obj_const : 0.0, CONST_COL, &n);
	sb_printf(b, "\nSubject To\n");
	for (int i = 0; i < m->nrows; i++) {
		if (!isinf(m->rlo[i]) && !isinf(m->rhi[i]) &&
		    m->rlo[i] == m->rhi[i]) {
			write_lp_row(m, b, i, "", "=", m->rlo[i]);
			continue;
		}
		if (!isinf(m->rlo[i]))
			write_lp_row(m, b, i, isinf(m->rhi[i]) ? "" : "_lo",
				     ">=", m->rlo[i]);
		if (!isinf(m->rhi[i]))
			write_lp_row(m, b, i, isinf(m->rlo[i]) ? "" : "_hi",
				     "<=", m->rhi[i]);
	}
	sb_printf(b, "Bounds\n");
	for (int j = 0; j < m->ncols; j++) {
		solver_mip_col_name(m, j, name, sizeof(name));
		if (m->lb[j] == m->ub[j])
			sb_printf(b, " %s = %.15g\n", name, m->lb[j]);
		else if (isinf(m->lb[j]) && isinf(m->ub[j]))
			sb_printf(b, " %s free\n", name);
		else if (isinf(m->ub[j]))
			sb_printf(b, " %s >= %.15g\n", name, m->lb[j]);
		else if (isinf(m->lb[j]))
			sb_printf(b, " -inf <= %s <= %.15g\n", name, m->ub[j]);
		else
			sb_printf(b, " %.15g <= %s <= %.15g\n", m->lb[j], name,
				  m->ub[j]);
	}
	sb_printf(b, " %s = 1\n", CONST_COL);
	sb_printf(b, "General\n");
	k = 0;
	for (int j = 0; j < m->ncols; j++) {
		if (!m->is_int[j])
			continue;
		solver_mip_col_name(m, j, name, sizeof(name));
		sb_printf(b, "%s%s", k % 8 ? " " : "\n ", name);
		k++;
	}
	sb_printf(b, "\nEnd\n");
}

int solver_mip_write(const struct mip *m, const char *format, char **text,
	      size_t *len, struct rota_error *err)
{
	struct sbuf b = {NULL, 0, 0, 0};

	if (strcmp(format, "mps") == 0)
		write_mps(m, &b);
	else if (strcmp(format, "lp") == 0)
		write_lp(m, &b);
	else
		return rota_error_set(err, ROTA_EINVAL,
				      "unknown model format '%s' (expected "
				      "mps or lp)", format);
	if (b.failed || !b.s) {
		free(b.s);
		return rota_error_set(err, ROTA_ENOMEM,
				      "out of memory writing the model");
	}
	*text = b.s;
	if (len)
		*len = b.len;
	return 0;
}
