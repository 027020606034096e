/*
 * core/model.h - the plain data every module shares.
 *
 * These are value types with fixed-size strings: a struct can be copied with
 * '=' and freed with free() alone.  Identifiers users see (employee number,
 * skill, shift code, contract, team) are strings of at most ROTA_ID_MAX-1
 * bytes; rota_id_valid() says whether one may be used (it also becomes a file
 * name for published calendars).
 *
 * struct rota_dataset gathers a whole site as loaded from the store; it owns
 * its arrays and is released with rota_dataset_free().
 */
#ifndef ROTA_CORE_MODEL_H
#define ROTA_CORE_MODEL_H

#include <stddef.h>
#include <stdint.h>

#define ROTA_ID_MAX 64
#define ROTA_NAME_MAX 128
#define ROTA_TZ_MAX 64
#define ROTA_MAX_SKILLS 64
#define ROTA_UNSET (-1)

/* ------------------------------------------------------------------ site */

/* Service targets of one skill (site.ini [skill.NAME]). */
struct rota_skill {
	char name[ROTA_ID_MAX];
	double sl;            /* target service level, fraction in (0,1]; 0.8 */
	double answer_s;      /* answer-time threshold of the SL, seconds; 20 */
	double max_occupancy; /* occupancy cap, fraction in (0,1]; 1.0 */
	double shrinkage;     /* unplanned loss, fraction in [0,1); 0 */
	int concurrency;      /* contacts an agent handles at once; 1 */
	double patience_s;    /* mean patience, seconds; 0 = no abandonment */
	double max_abandon;   /* abandonment cap, fraction; 0 = none */
	double asa_s;         /* target average speed of answer; 0 = none */
};

#define ROTA_SKILL_INIT {"", 0.8, 20.0, 1.0, 0.0, 1, 0.0, 0.0, 0.0}

struct rota_site {
	char name[ROTA_NAME_MAX];
	char timezone[ROTA_TZ_MAX];  /* IANA name */
	int interval_min;            /* 15, 30 or 60 */
	int grace_min;               /* attendance grace, minutes; 5 */
};

#define ROTA_SITE_INIT {"rota site", "UTC", 30, 5}

/* -------------------------------------------------------------- contracts */

/*
 * The attendance rules of a contract, one table: X(name, default, summary).
 * `name` is also the contracts.csv column; `<name>_weight` holds the weight
 * of a soft rule (absent or empty: the rule is hard).  ROTA_UNSET means the
 * rule does not apply.
 */
#define ROTA_RULE_MAP(X)                                                     \
	X(min_week_min, 0, "minimum paid minutes per week")                   \
	X(max_week_min, 2400, "maximum paid minutes per week")                \
	X(max_days_week, 5, "maximum working days per week")                  \
	X(max_consecutive_days, 6, "maximum consecutive working days")        \
	X(min_consecutive_days, ROTA_UNSET, "minimum consecutive working days") \
	X(min_rest_min, 660, "minimum rest between shifts, minutes")          \
	X(min_consecutive_days_off, ROTA_UNSET,                                \
	  "minimum consecutive days off")                                     \
	X(max_weekends, ROTA_UNSET, "maximum weekends worked per 4 weeks")    \
	X(max_nights, ROTA_UNSET, "maximum night shifts per week")

enum rota_rule {
#define ROTA_X_RULE(name, def, summary) ROTA_RULE_##name,
	ROTA_RULE_MAP(ROTA_X_RULE)
#undef ROTA_X_RULE
	ROTA_RULE_COUNT
};

struct rota_rule_value {
	int value;     /* ROTA_UNSET: not applied */
	double weight; /* 0: hard; > 0: soft, penalty per unit of violation */
};

struct rota_contract {
	char id[ROTA_ID_MAX];
	struct rota_rule_value rule[ROTA_RULE_COUNT];
	/* overtime allowance: paid minutes a week beyond max_week_min that
	 * re-planning and substitutes may use (weekly planning only when the
	 * site allows overtime), each costing overtime_weight */
	int max_overtime_min;         /* 0: none */
	double overtime_weight;       /* objective cost per overtime minute; 1 */
};

/* Name ("max_days_week"), default and summary of a rule; NULL/0 if out of range. */
const char *rota_rule_name(int rule);
int rota_rule_default(int rule);
const char *rota_rule_summary(int rule);
/* Rule index of a name, or -1. */
int rota_rule_find(const char *name);
/* Fill every rule of c with its default (hard). */
void rota_contract_defaults(struct rota_contract *c);

/* -------------------------------------------------------------- employees */

struct rota_employee {
	char id[ROTA_ID_MAX];
	char name[ROTA_NAME_MAX];       /* UTF-8, any script */
	char email[ROTA_NAME_MAX];
	char team[ROTA_ID_MAX];
	char contract[ROTA_ID_MAX];
	uint64_t skills;                /* bit i: site skill i */
	uint8_t level[ROTA_MAX_SKILLS]; /* 1..9 where given, 0 otherwise */
};

/* ---------------------------------------------------------- shift templates */

struct rota_shift {
	char code[ROTA_ID_MAX];
	char name[ROTA_NAME_MAX];  /* "Early shift"; defaults to the code */
	int start_min;             /* local wall clock, minutes after midnight */
	int length_min;            /* elapsed minutes, break included; <= 1440 */
	int break_min;             /* unpaid break, minutes */
	int break_start_min;       /* minutes after start the break begins;
				      0: the default (rota_shift_break_offset) */
	uint8_t days;              /* bit 0 Monday ... bit 6 Sunday */
	uint64_t skills;           /* skills it may serve; 0 = any */
};

/* A shift counts as a night shift when it covers any of 00:00-05:00 local. */
int rota_shift_is_night(const struct rota_shift *s);
/*
 * Minutes after the shift start at which its unpaid break begins: the
 * template's break_start_min, or by default the middle of the shift rounded
 * down to a quarter hour, (length - break) / 2.  -1 when there is no break.
 * The agent is off the queues for [offset, offset + break_min).
 */
int rota_shift_break_offset(const struct rota_shift *s);
/* Paid minutes of a shift. */
static inline int rota_shift_paid_min(const struct rota_shift *s)
{
	return s->length_min - s->break_min;
}

/* ---------------------------------------------------------------- demand */

struct rota_forecast {
	int64_t start;      /* UTC instant of the interval start */
	int skill;          /* index into dataset skills */
	double contacts;    /* offered contacts in the interval */
	double aht_s;       /* average handle time, seconds */
};

/* Required agents of one interval and skill (output of staffing). */
struct rota_requirement {
	int64_t start;
	int skill;
	int agents;            /* on the phones (after concurrency) */
	int scheduled_agents;  /* agents / (1 - shrinkage), rounded up */
	double service_level;  /* achieved with `agents` */
};

/* ------------------------------------------------------------- time off */

enum rota_timeoff_kind { ROTA_TIMEOFF_HARD = 0, ROTA_TIMEOFF_SOFT = 1 };

/*
 * A leave type (site.ini [leave.NAME]; the defaults are annual, sick,
 * personal, training and unpaid).  Paid leave credits the contract's minutes
 * for a day (core/leave.h); planned = 0 marks unplanned absence (sickness),
 * which the Bradford factor counts.
 */
struct rota_leave_type {
	char name[ROTA_ID_MAX];
	int paid;             /* 1: a day of it is paid (credited) */
	int planned;          /* 0: unplanned (sick calls) */
};

struct rota_timeoff {
	char employee[ROTA_ID_MAX];
	int64_t start, end;   /* [start, end) UTC */
	int kind;             /* enum rota_timeoff_kind */
	double weight;        /* soft: penalty when the employee works in it */
	char note[ROTA_NAME_MAX];
	char type[ROTA_ID_MAX];  /* leave type; "" = a day off that is not
				    leave (no credit) */
	int credit_min;       /* minutes credited per whole day of paid leave;
				 -1: the contract's (core/leave.h) */
	int64_t id;           /* row id in the store, 0 when not stored */
};

/* --------------------------------------------------------------- rosters */

struct rota_assignment {
	char employee[ROTA_ID_MAX];
	int32_t day;              /* local day number the shift starts on */
	char shift[ROTA_ID_MAX];  /* template code */
	int64_t start, end;       /* UTC instants */
	int paid_min;
	char skill[ROTA_ID_MAX];  /* main skill served, "" when not decided */
};

/* One week's roster (table roster + assignment). */
struct rota_roster {
	int32_t week;             /* day number of the ISO week's Monday */
	char status[16];          /* "draft" or "published" */
	char origin[16];          /* "solver" or "import" */
	int64_t created_at;       /* UTC instant the roster was stored */
	char solver_status[32];   /* "optimal", "feasible", ... or "" */
	int has_stats;            /* objective..seconds are meaningful */
	double objective, bound, gap, seconds;
	struct rota_assignment *assignments;  /* sorted by employee, day */
	size_t n_assignments;
	int version;              /* version loaded (the live one by default);
				     0 when not stored */
	int published_version;    /* last version published, 0 never */
};

/* Free a roster and its assignments; NULL is fine. */
void rota_roster_free(struct rota_roster *r);

/*
 * One employee-day that differs between two rosters of a week: the old
 * and the new assignment (shift "" = day off).
 */
struct rota_roster_change {
	char employee[ROTA_ID_MAX];
	int32_t day;
	struct rota_assignment old, now;  /* shift[0] == '\0': none */
};

/*
 * The employee-days on which b differs from a (shift, times or skill),
 * sorted by employee then day.  Both rosters must be sorted by employee,
 * then day (as loaded).  *out is malloc'ed (NULL when none); free() it.
 * Returns 0 or ROTA_ENOMEM.
 */
int rota_roster_diff(const struct rota_roster *a, const struct rota_roster *b,
		     struct rota_roster_change **out, size_t *n);

/* -------------------------------------------------------------- punches */

enum rota_punch_kind { ROTA_PUNCH_IN = 0, ROTA_PUNCH_OUT = 1 };

/*
 * One effective clock punch, as attendance needs it (the full record with
 * its source and corrections is struct rota_punch_record in store/store.h).
 */
struct rota_punch {
	int64_t id;     /* record id in the store (0 when not stored) */
	int64_t at;     /* UTC instant */
	int kind;       /* enum rota_punch_kind */
};

/* ------------------------------------------------------------ dataset */

/*
 * Site rules of the operating loop (site.ini [operations] and [timeoff]),
 * with their defaults.
 */
struct rota_ops_settings {
	int notice_min;          /* changes starting sooner need --force; 720 */
	double change_weight;    /* re-planning: cost per changed employee-day;
				    50 */
	int allow_overtime;      /* weekly planning may use the contracts'
				    overtime allowance; 0 */
	int min_notice_days;     /* time-off requests: days ahead; 0 */
	int max_off_per_team;    /* people of one team off on a day; -1 none */
	int max_off_per_skill;   /* people with one skill off on a day; -1 */
	int auto_approve;        /* approve requests inside every rule; 0 */
};

#define ROTA_OPS_SETTINGS_INIT {720, 50.0, 0, 0, -1, -1, 0}

/* A blackout period for time-off requests: local days, both included. */
struct rota_blackout {
	int32_t first_day, last_day;
};

struct rota_dataset {
	struct rota_site site;
	struct rota_ops_settings ops;
	struct rota_leave_type *leave_types;  /* sorted by name */
	size_t n_leave_types;
	struct rota_blackout *blackouts;      /* sorted by first day */
	size_t n_blackouts;
	struct rota_skill *skills;
	size_t n_skills;
	struct rota_contract *contracts;
	size_t n_contracts;
	struct rota_employee *employees;
	size_t n_employees;
	struct rota_shift *shifts;
	size_t n_shifts;
	struct rota_timeoff *timeoff;
	size_t n_timeoff;
};

/* Release the arrays of ds (not ds itself); NULL is fine. */
void rota_dataset_release(struct rota_dataset *ds);

/* Index of a skill/contract/employee/shift by id, or -1. */
int rota_dataset_skill(const struct rota_dataset *ds, const char *name);
int rota_dataset_contract(const struct rota_dataset *ds, const char *id);
int rota_dataset_employee(const struct rota_dataset *ds, const char *id);
int rota_dataset_shift(const struct rota_dataset *ds, const char *code);
int rota_dataset_leave_type(const struct rota_dataset *ds, const char *name);

/* --------------------------------------------------------------- helpers */

/*
 * 1 when id may be an identifier: 1..ROTA_ID_MAX-1 bytes of [A-Za-z0-9._-],
 * not starting with '.' or '-'.  Such an id is a safe file name.
 */
int rota_id_valid(const char *id);

/*
 * Make room for element n of the array *arrp (elements of elem_size bytes,
 * *cap of them allocated): when n >= *cap the capacity doubles (from 16).
 * Returns 0, or -1 with the array and *cap unchanged when out of memory.
 * ROTA_GROW(arr, cap, n) is the usual call.
 */
int rota_grow(void *arrp, size_t *cap, size_t n, size_t elem_size);
#define ROTA_GROW(arr, cap, n) rota_grow(&(arr), &(cap), (n), sizeof(*(arr)))

/* Copy src into dst of size n, always terminated; returns 1 if truncated. */
int rota_strlcpy(char *dst, const char *src, size_t n);

/* Day mask from text such as "Mon-Fri", "Sat;Sun", "Mon,Wed", "all", "daily".
 * Returns 0 or ROTA_EDATA. */
struct rota_error;
int rota_parse_days(const char *text, uint8_t *mask, struct rota_error *err);
/* Format a day mask as "Mon-Fri", "Sat;Sun", "Mon-Sun" into buf. */
void rota_format_days(uint8_t mask, char *buf, size_t size);
/* Three-letter English name of ISO weekday 1..7. */
const char *rota_weekday_name(int iso_weekday);

#endif
