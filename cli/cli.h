/*
 * cli/cli.h - the rota command: shared context, options, output, exit codes.
 *
 * To add a command: write cli/cmd_NAME.c defining
 *     const struct cli_command cli_cmd_NAME = {"name", "summary", usage, run};
 * declare it below (CLI_COMMANDS), and that is all: cli/commands.c builds the
 * table from the same list.  run() parses its options with cli_parse_args(),
 * prints results with the cli_table helpers and returns a CLI_EXIT_* code.
 */
#ifndef ROTA_CLI_H
#define ROTA_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "core/error.h"

/* Exit codes (DESIGN.md section 4). */
enum cli_exit {
	CLI_EXIT_OK = 0,
	CLI_EXIT_FAIL = 1,   /* the job failed: infeasible, refused, ... */
	CLI_EXIT_USAGE = 2,  /* bad command line */
	CLI_EXIT_DATA = 3,   /* bad input data */
};

struct cli_command;

struct cli_ctx {
	const char *prog;        /* "rota" */
	const char *db_path;     /* --db, $ROTA_DB or ./rota.db */
	FILE *out;               /* results */
	FILE *err;               /* diagnostics */
	int out_is_tty;
	int err_is_tty;
	const struct cli_command *cmd;
};

struct cli_command {
	const char *name;
	const char *summary;   /* one line for 'rota --help' */
	const char *usage;     /* full help text for 'rota help NAME' */
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
};

/* Every command, in the order 'rota --help' lists them. */
#define CLI_COMMANDS(X)                                                      \
	X(init)                                                        \
	X(import)                                                      \
	X(staff)                                                       \
	X(shifts)                                                      \
	X(forecast)                                                    \
	X(erlang)                                                      \
	X(staffing)                                                    \
	X(schedule)                                                    \
	X(roster)                                                      \
	X(coverage)                                                    \
	X(publish)                                                     \
	X(clock)                                                       \
	X(punch)                                                       \
	X(punches)                                                     \
	X(attendance)                                                  \
	X(review)                                                      \
	X(absence)                                                     \
	X(cover)                                                       \
	X(swap)                                                        \
	X(timeoff)                                                     \
	X(serve)                                                       \
	X(feed)                                                        \
	X(terminal)                                                    \
	X(user)                                                        \
	X(scorecard)                                                   \
	X(payroll)                                                     \
	X(bench)                                                       \
	/* one command a line: add new ones above this comment */

#define CLI_X_DECLARE(name) extern const struct cli_command cli_cmd_##name;
CLI_COMMANDS(CLI_X_DECLARE)
#undef CLI_X_DECLARE

extern const struct cli_command *const cli_commands[];
const struct cli_command *cli_command_find(const char *name);

/* --------------------------------------------------------------- options */

enum cli_opt_kind { CLI_OPT_STRING, CLI_OPT_FLAG };

struct cli_option {
	const char *name;     /* "week" matches --week VALUE and --week=VALUE */
	int kind;             /* enum cli_opt_kind */
	const char **value;   /* CLI_OPT_STRING: set to the argument */
	int *flag;            /* CLI_OPT_FLAG: set to 1 */
};

/*
 * Parse argv[1..argc-1] (argv[0] is the command name) against opts, which
 * ends with an entry whose name is NULL.  Positional arguments are stored in
 * pos[] (at most max_pos).  --help prints the command's usage and returns
 * -1 with *exit_code = 0; a usage error prints a message and returns -1 with
 * *exit_code = CLI_EXIT_USAGE.  Otherwise returns the number of positionals.
 */
int cli_parse_args(struct cli_ctx *ctx, int argc, char **argv,
		   const struct cli_option *opts, const char **pos, int max_pos,
		   int *exit_code);

/* Print "rota CMD: message" and the usage hint; returns CLI_EXIT_USAGE. */
int cli_usage_error(struct cli_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Strict number parsing of an option value; usage error names the option. */
int cli_int_arg(struct cli_ctx *ctx, const char *opt, const char *text,
		long min, long max, long *out);
int cli_double_arg(struct cli_ctx *ctx, const char *opt, const char *text,
		   double *out);

/* Print "rota: message" for a library error; returns its exit code. */
int cli_fail(struct cli_ctx *ctx, const struct rota_error *err);
/* Exit code for a library status. */
int cli_exit_code(int status);

/* --------------------------------------------------------------- store */

struct rota_store;
/* Open ctx->db_path (flags as rota_store_open); prints errors. */
int cli_open_store(struct cli_ctx *ctx, int flags, struct rota_store **out);

/* --------------------------------------------------------------- output */

enum cli_format { CLI_FORMAT_TABLE, CLI_FORMAT_CSV, CLI_FORMAT_JSON };

/* NULL text: table when stdout is a terminal, else csv.  Usage error on a
 * bad name. */
int cli_format_arg(struct cli_ctx *ctx, const char *text,
		   enum cli_format *out);

/* Column types decide JSON quoting and table alignment. */
enum cli_col_type {
	CLI_COL_STR,   /* JSON string, left-aligned */
	CLI_COL_NUM,   /* JSON number (empty cell -> null), right-aligned */
	CLI_COL_BOOL,  /* "true"/"false" in JSON, as given elsewhere */
};

struct cli_table;

/* A table with the given column names and types (n columns). */
struct cli_table *cli_table_new(const char *const *names, const int *types,
				int n);
void cli_table_free(struct cli_table *t);
/* Append one cell to the current row (printf-style). */
int cli_table_cell(struct cli_table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Finish the current row (missing cells are empty). */
int cli_table_end_row(struct cli_table *t);
/* Number of finished rows. */
int cli_table_rows(const struct cli_table *t);
/* Number of columns, a column's name, a finished cell ("" when empty). */
int cli_table_cols(const struct cli_table *t);
const char *cli_table_name(const struct cli_table *t, int col);
const char *cli_table_get(const struct cli_table *t, int row, int col);
/*
 * Print as a terminal table (aligned by display width, CJK aware), as CSV
 * (RFC 4180, header row) or as a JSON array of objects.
 */
void cli_table_print(const struct cli_table *t, enum cli_format fmt,
		     FILE *out);

/* Write s as a JSON string literal (quotes included). */
void cli_json_string(FILE *out, const char *s);
/*
 * CSV for Excel: when on, the first CSV table printed to stdout starts with a
 * UTF-8 byte-order mark, so that Excel reads 李霞 as UTF-8.  Set by the
 * global or per-command --bom and by $ROTA_CSV_BOM=1.
 */
void cli_set_csv_bom(int on);

/* Write s as one CSV field (quoted when needed). */
void cli_csv_field(FILE *out, const char *s);
/* Display width of UTF-8 text in a terminal (East Asian wide = 2). */
int cli_display_width(const char *s);

/* ---------------------------------------------- rosters (cli/week.c) */

struct rota_plan;
struct rota_problem;
struct rota_tz;
struct rota_dataset;

/*
 * Open the site's workflows (plan/plan.h) on ctx->db_path (flags as
 * rota_store_open), with "now" from $ROTA_NOW or the clock.  Prints errors;
 * returns a CLI_EXIT_*.
 */
int cli_open_plan(struct cli_ctx *ctx, int flags, struct rota_plan **out);

/* Monday of the ISO week containing --week DATE (NULL: today in the site's
 * zone, by $ROTA_NOW or the clock).  Usage error for a bad date. */
int cli_week_arg(struct cli_ctx *ctx, const char *text,
		 const struct rota_tz *tz, int32_t *monday);

/*
 * Check the stored roster of the week against its problem and print every
 * violation to out as a table in fmt (with a summary after a table).
 * *hard receives the number of hard violations.  Returns a CLI_EXIT_*.
 */
int cli_check_week(struct cli_ctx *ctx, struct rota_plan *pl,
		   int32_t monday, FILE *out, enum cli_format fmt, int *hard);

/*
 * Print the understaffed stretches (rota_plan_understaffed) among the
 * first week_T intervals as a table, after a line with the totals, from
 * served[t * n_skills + k].  Every command passes the checker's allocation
 * (rota_check_report.served), so `rota schedule` and `rota coverage`
 * report the same stretches.  only_skill >= 0 limits it to one skill.
 */
void cli_print_understaffed(struct cli_ctx *ctx, const struct rota_problem *p,
			    const double *served, const struct rota_tz *tz,
			    int week_T, int only_skill);

/*
 * The exit-code rule for names that do not exist (docs/rota.1, EXIT
 * STATUS): an employee, team or skill named on the command line that the
 * site does not have is CLI_EXIT_FAIL with "rota: unknown employee
 * 'A999'" on stderr and nothing on stdout, like a week without a roster.
 * cli_known_people: NULL is not asked; a team is known when somebody is
 * in it.  cli_known_skill: *index gets the skill's index.  Both return
 * CLI_EXIT_OK or print and return CLI_EXIT_FAIL.
 */
int cli_known_people(struct cli_ctx *ctx, const struct rota_dataset *ds,
		     const char *employee, const char *team);
int cli_known_skill(struct cli_ctx *ctx, const struct rota_dataset *ds,
		    const char *name, int *index);

/* --by NAME when given, else the login name ($USER, then $LOGNAME), else
 * "unknown": who made a change. */
const char *cli_by(const char *given);

struct rota_roster_change;

/*
 * Changed employee-days (old -> new) to out: as a table (employee, name,
 * day, "E 08:00-17:00 voice -> -"), or as CSV / JSON with the columns
 * employee, name, date, old_shift, old_start, old_end, old_skill,
 * new_shift, new_start, new_end, new_skill (local ISO 8601; empty for a
 * day off).
 */
void cli_print_changes(FILE *out,
		       const struct rota_dataset *ds, const struct rota_tz *tz,
		       const struct rota_roster_change *ch, size_t n,
		       enum cli_format fmt);

#endif
