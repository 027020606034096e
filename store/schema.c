/*
 * store/schema.c - the schema, as a list of migrations.
 *
 * migrations[i] takes a database from user_version i to i + 1.  A database is
 * brought up to date in one transaction when it is opened; one whose
 * user_version is above ROTA_SCHEMA_VERSION was written by a newer rota and is
 * refused.  Never edit a migration once it has shipped: add a new one.
 */
#include "store/store_int.h"

/* v1: site, skills, contracts, staff, shift templates, forecast, time off,
 * rosters. */
static const char v1[] =
	"CREATE TABLE site ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  name TEXT NOT NULL,"
	"  timezone TEXT NOT NULL,"
	"  interval_min INTEGER NOT NULL CHECK (interval_min IN (15, 30, 60)),"
	"  grace_min INTEGER NOT NULL DEFAULT 5 CHECK (grace_min >= 0)"
	") STRICT;"
	"CREATE TABLE skill ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  sl REAL NOT NULL DEFAULT 0.8,"
	"  answer_s REAL NOT NULL DEFAULT 20,"
	"  max_occupancy REAL NOT NULL DEFAULT 1,"
	"  shrinkage REAL NOT NULL DEFAULT 0,"
	"  concurrency INTEGER NOT NULL DEFAULT 1,"
	"  patience_s REAL NOT NULL DEFAULT 0,"
	"  max_abandon REAL NOT NULL DEFAULT 0,"
	"  asa_s REAL NOT NULL DEFAULT 0"
	") STRICT;"
	"CREATE TABLE contract ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE"
	") STRICT;"
	/* one row per rule a contract sets; value NULL = rule not applied,
	 * weight 0 = hard */
	"CREATE TABLE contract_rule ("
	"  contract_id INTEGER NOT NULL REFERENCES contract(id)"
	"    ON DELETE CASCADE,"
	"  rule TEXT NOT NULL,"
	"  value INTEGER,"
	"  weight REAL NOT NULL DEFAULT 0 CHECK (weight >= 0),"
	"  PRIMARY KEY (contract_id, rule)"
	") STRICT;"
	"CREATE TABLE employee ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  email TEXT NOT NULL DEFAULT '',"
	"  team TEXT NOT NULL DEFAULT '',"
	"  contract_id INTEGER NOT NULL REFERENCES contract(id)"
	") STRICT;"
	"CREATE TABLE employee_skill ("
	"  employee_id INTEGER NOT NULL REFERENCES employee(id)"
	"    ON DELETE CASCADE,"
	"  skill_id INTEGER NOT NULL REFERENCES skill(id),"
	"  level INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 9),"
	"  PRIMARY KEY (employee_id, skill_id)"
	") STRICT;"
	"CREATE TABLE shift ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),"
	"  length_min INTEGER NOT NULL CHECK (length_min BETWEEN 1 AND 1440),"
	"  break_min INTEGER NOT NULL DEFAULT 0"
	"    CHECK (break_min >= 0 AND break_min < length_min),"
	"  days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 127)"
	") STRICT;"
	"CREATE TABLE shift_skill ("
	"  shift_id INTEGER NOT NULL REFERENCES shift(id) ON DELETE CASCADE,"
	"  skill_id INTEGER NOT NULL REFERENCES skill(id),"
	"  PRIMARY KEY (shift_id, skill_id)"
	") STRICT;"
	"CREATE TABLE forecast ("
	"  start INTEGER NOT NULL,"
	"  skill_id INTEGER NOT NULL REFERENCES skill(id),"
	"  contacts REAL NOT NULL CHECK (contacts >= 0),"
	"  aht_s REAL NOT NULL CHECK (aht_s > 0),"
	"  PRIMARY KEY (start, skill_id)"
	") STRICT;"
	"CREATE TABLE timeoff ("
	"  id INTEGER PRIMARY KEY,"
	"  employee_id INTEGER NOT NULL REFERENCES employee(id),"
	"  start INTEGER NOT NULL,"
	"  end INTEGER NOT NULL CHECK (end > start),"
	"  kind TEXT NOT NULL CHECK (kind IN ('hard', 'soft')),"
	"  weight REAL NOT NULL DEFAULT 0 CHECK (weight >= 0),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  UNIQUE (employee_id, start, end)"
	") STRICT;"
	/* one roster per ISO week (Monday's local date) */
	"CREATE TABLE roster ("
	"  id INTEGER PRIMARY KEY,"
	"  week TEXT NOT NULL UNIQUE,"
	"  status TEXT NOT NULL DEFAULT 'draft'"
	"    CHECK (status IN ('draft', 'published')),"
	"  origin TEXT NOT NULL CHECK (origin IN ('solver', 'import')),"
	"  created_at INTEGER NOT NULL,"
	"  solver_status TEXT NOT NULL DEFAULT '',"
	"  objective REAL,"
	"  bound REAL,"
	"  gap REAL,"
	"  seconds REAL"
	") STRICT;"
	"CREATE TABLE assignment ("
	"  roster_id INTEGER NOT NULL REFERENCES roster(id) ON DELETE CASCADE,"
	"  employee_id INTEGER NOT NULL REFERENCES employee(id),"
	"  day TEXT NOT NULL,"
	"  shift_id INTEGER NOT NULL REFERENCES shift(id),"
	"  start INTEGER NOT NULL,"
	"  end INTEGER NOT NULL CHECK (end > start),"
	"  paid_min INTEGER NOT NULL,"
	"  skill_id INTEGER REFERENCES skill(id),"
	"  PRIMARY KEY (roster_id, employee_id, day)"
	") STRICT;"
	"CREATE INDEX assignment_employee ON assignment(employee_id, start);";

/* v2: clock records, append-only.  Every row is kept for ever: an original
 * punch ('punch', from 'rota clock' or an import), a forgotten punch added by
 * a correction ('add'), or a correction of an earlier row ('void' takes it
 * out, 'correct' replaces its instant).  A row is corrected at most once
 * (punch_corrects); to change a correction, correct or void the correction.
 * Original punches are unique by (employee, instant, kind, source), which is
 * how an import skips exact duplicates.  Triggers refuse UPDATE and DELETE.
 * (That a correction points at a punch of the same employee, not at a void,
 * is checked by store/punch.c: an INSERT trigger would make every insert
 * keep a statement journal, and a large import twice as slow.) */
static const char v2[] =
	"CREATE TABLE punch ("
	"  id INTEGER PRIMARY KEY,"
	"  employee_id INTEGER NOT NULL REFERENCES employee(id),"
	"  at INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('in', 'out')),"
	"  timezone TEXT NOT NULL,"
	"  source TEXT NOT NULL DEFAULT '',"
	"  recorded_at INTEGER NOT NULL,"
	"  action TEXT NOT NULL DEFAULT 'punch'"
	"    CHECK (action IN ('punch', 'add', 'void', 'correct')),"
	"  corrects INTEGER REFERENCES punch(id),"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  by TEXT NOT NULL DEFAULT '',"
	"  CHECK ((action IN ('void', 'correct')) = (corrects IS NOT NULL)),"
	"  CHECK (action = 'punch' OR (reason <> '' AND by <> ''))"
	") STRICT;"
	/* covering: attendance reads an employee's punches from it alone */
	"CREATE INDEX punch_employee_at ON punch(employee_id, at, kind,"
	"  action);"
	"CREATE UNIQUE INDEX punch_original ON punch(employee_id, at, kind,"
	"  source) WHERE action = 'punch';"
	"CREATE UNIQUE INDEX punch_corrects ON punch(corrects)"
	"  WHERE corrects IS NOT NULL;"
	"CREATE TRIGGER punch_no_update BEFORE UPDATE ON punch BEGIN"
	"  SELECT RAISE(ABORT, 'clock records are append-only: "
	"use a correction');"
	" END;"
	"CREATE TRIGGER punch_no_delete BEFORE DELETE ON punch BEGIN"
	"  SELECT RAISE(ABORT, 'clock records are append-only: "
	"use a correction');"
	" END;";

/* v3: staffing requirements computed from the forecast. */
static const char v3[] =
	"CREATE TABLE requirement ("
	"  start INTEGER NOT NULL,"
	"  skill_id INTEGER NOT NULL REFERENCES skill(id),"
	"  agents INTEGER NOT NULL CHECK (agents >= 0),"
	"  scheduled_agents INTEGER NOT NULL CHECK (scheduled_agents >= 0),"
	"  service_level REAL NOT NULL,"
	"  PRIMARY KEY (start, skill_id)"
	") STRICT;";

/* v4: what was published to calendars, one row per event (UID); see
 * store/publication.c and docs/calendar.md.  No UNIQUE (employee, day): a
 * renamed site gives new UIDs while the old ones stay, cancelled. */
static const char v4[] =
	"CREATE TABLE publication ("
	"  uid TEXT PRIMARY KEY,"
	"  employee_id INTEGER NOT NULL REFERENCES employee(id),"
	"  day TEXT NOT NULL,"
	"  shift_code TEXT NOT NULL,"
	"  skill TEXT NOT NULL DEFAULT '',"
	"  start INTEGER NOT NULL,"
	"  end INTEGER NOT NULL CHECK (end > start),"
	"  sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),"
	"  status TEXT NOT NULL CHECK (status IN ('CONFIRMED', 'CANCELLED')),"
	"  hash TEXT NOT NULL,"
	"  published_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX publication_employee_day ON publication(employee_id, day);";

/* v5: where a shift template's unpaid break begins, minutes after the
 * shift start; 0 = the default, the middle (rota_shift_break_offset). */
static const char v5[] =
	"ALTER TABLE shift ADD COLUMN break_start_min INTEGER NOT NULL "
	"DEFAULT 0 CHECK (break_start_min BETWEEN 0 AND 1439);";

/* v6: leave that counts, time-off requests, absences (docs/operations.md).
 * leave_type: the site's leave types (site.ini [leave.NAME]; the five
 * defaults until the site defines its own).  timeoff is rebuilt: it gains the
 * leave type ('' for an old untyped row), a status (imports are 'approved';
 * requests start 'pending'), an optional per-day credit override (NULL = the
 * contract's minutes for a day, see core/leave.c), who asked and who decided.
 * Only live rows (pending, approved) are unique by (employee, start, end), so a
 * denied or cancelled period may be asked for again.  absence: unplanned
 * absences (sick calls) as facts.  leave_setting / blackout: the site's
 * time-off rules (site.ini [timeoff]). */
static const char v6[] =
	"CREATE TABLE leave_type ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  paid INTEGER NOT NULL DEFAULT 1 CHECK (paid IN (0, 1)),"
	"  planned INTEGER NOT NULL DEFAULT 1 CHECK (planned IN (0, 1))"
	") STRICT;"
	"INSERT INTO leave_type (name, paid, planned) VALUES"
	"  ('annual', 1, 1), ('sick', 1, 0), ('personal', 0, 1),"
	"  ('training', 1, 1), ('unpaid', 0, 1);"
	"CREATE TABLE timeoff_v6 ("
	"  id INTEGER PRIMARY KEY,"
	"  employee_id INTEGER NOT NULL REFERENCES employee(id),"
	"  start INTEGER NOT NULL,"
	"  end INTEGER NOT NULL CHECK (end > start),"
	"  kind TEXT NOT NULL CHECK (kind IN ('hard', 'soft')),"
	"  weight REAL NOT NULL DEFAULT 0 CHECK (weight >= 0),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  type TEXT NOT NULL DEFAULT '',"
	"  status TEXT NOT NULL DEFAULT 'approved' CHECK (status IN"
	"    ('pending', 'approved', 'denied', 'cancelled')),"
	"  credit_min INTEGER CHECK (credit_min BETWEEN 0 AND 1440),"
	"  origin TEXT NOT NULL DEFAULT 'import'"
	"    CHECK (origin IN ('import', 'request')),"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  requested_at INTEGER,"
	"  decided_by TEXT NOT NULL DEFAULT '',"
	"  decided_at INTEGER,"
	"  decision TEXT NOT NULL DEFAULT ''"
	") STRICT;"
	"INSERT INTO timeoff_v6 (id, employee_id, start, end, kind, weight, note)"
	"  SELECT id, employee_id, start, end, kind, weight, note FROM timeoff;"
	"DROP TABLE timeoff;"
	"ALTER TABLE timeoff_v6 RENAME TO timeoff;"
	"CREATE UNIQUE INDEX timeoff_live ON timeoff(employee_id, start, end)"
	"  WHERE status IN ('pending', 'approved');"
	"CREATE INDEX timeoff_status ON timeoff(status, start);"
	"CREATE TABLE absence ("
	"  id INTEGER PRIMARY KEY,"
	"  employee_id INTEGER NOT NULL REFERENCES employee(id),"
	"  start INTEGER NOT NULL,"
	"  end INTEGER NOT NULL CHECK (end > start),"
	"  type TEXT NOT NULL,"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  by TEXT NOT NULL DEFAULT '',"
	"  recorded_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX absence_employee ON absence(employee_id, start);"
	"CREATE TABLE leave_setting ("
	"  key TEXT PRIMARY KEY,"
	"  value INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE blackout ("
	"  id INTEGER PRIMARY KEY,"
	"  first_day TEXT NOT NULL,"
	"  last_day TEXT NOT NULL CHECK (last_day >= first_day),"
	"  UNIQUE (first_day, last_day)"
	") STRICT;";

/* v7: the operating loop (docs/operations.md).
 * contract: the weekly overtime allowance and its cost per minute.
 * setting: site settings that are not imported from a file (publish
 * options remembered between runs, ...), key -> text.
 * Roster versions: roster.version is the live version, published_version
 * the one last published.  assignment becomes temporal: a row is part of
 * versions [from_version, to_version) of its roster (to_version NULL: live).
 * A change closes the live row (sets to_version, the only update allowed)
 * and inserts the new one; rows are never deleted, so every version can be
 * read back.  roster_version says who made each version, when, why and how
 * many employee-days it changed.  absence_shift: the shifts an absence took
 * out of the live roster (their rows stay, closed), for attendance. */
static const char v7[] =
	"ALTER TABLE contract ADD COLUMN max_overtime_min INTEGER NOT NULL "
	"  DEFAULT 0 CHECK (max_overtime_min BETWEEN 0 AND 10080);"
	"ALTER TABLE contract ADD COLUMN overtime_weight REAL NOT NULL "
	"  DEFAULT 1 CHECK (overtime_weight >= 0);"
	"CREATE TABLE setting ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") STRICT;"
	"ALTER TABLE roster ADD COLUMN version INTEGER NOT NULL DEFAULT 1"
	"  CHECK (version >= 1);"
	"ALTER TABLE roster ADD COLUMN published_version INTEGER;"
	"UPDATE roster SET published_version = 1 WHERE status = 'published';"
	"CREATE TABLE roster_version ("
	"  roster_id INTEGER NOT NULL REFERENCES roster(id),"
	"  version INTEGER NOT NULL CHECK (version >= 1),"
	"  created_at INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('solve', 'replan', 'substitute',"
	"    'swap', 'edit', 'import', 'absence', 'timeoff')),"
	"  by TEXT NOT NULL DEFAULT '',"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  changes INTEGER NOT NULL DEFAULT 0 CHECK (changes >= 0),"
	"  solver_status TEXT NOT NULL DEFAULT '',"
	"  objective REAL,"
	"  PRIMARY KEY (roster_id, version)"
	") STRICT;"
	"INSERT INTO roster_version (roster_id, version, created_at, kind,"
	"  changes, solver_status, objective)"
	"  SELECT r.id, 1, r.created_at, CASE r.origin WHEN 'solver' THEN"
	"    'solve' ELSE 'import' END,"
	"    (SELECT count(*) FROM assignment a WHERE a.roster_id = r.id),"
	"    r.solver_status, r.objective FROM roster r;"
	"CREATE TABLE assignment_v7 ("
	"  id INTEGER PRIMARY KEY,"
	"  roster_id INTEGER NOT NULL REFERENCES roster(id),"
	"  employee_id INTEGER NOT NULL REFERENCES employee(id),"
	"  day TEXT NOT NULL,"
	"  shift_id INTEGER NOT NULL REFERENCES shift(id),"
	"  start INTEGER NOT NULL,"
	"  end INTEGER NOT NULL CHECK (end > start),"
	"  paid_min INTEGER NOT NULL,"
	"  skill_id INTEGER REFERENCES skill(id),"
	"  from_version INTEGER NOT NULL DEFAULT 1,"
	"  to_version INTEGER CHECK (to_version > from_version)"
	") STRICT;"
	"INSERT INTO assignment_v7 (roster_id, employee_id, day, shift_id,"
	"  start, end, paid_min, skill_id)"
	"  SELECT roster_id, employee_id, day, shift_id, start, end, paid_min,"
	"  skill_id FROM assignment ORDER BY roster_id, employee_id, day;"
	"DROP TABLE assignment;"
	"ALTER TABLE assignment_v7 RENAME TO assignment;"
	"CREATE UNIQUE INDEX assignment_live ON assignment(roster_id,"
	"  employee_id, day) WHERE to_version IS NULL;"
	"CREATE INDEX assignment_employee ON assignment(employee_id, start);"
	"CREATE INDEX assignment_roster ON assignment(roster_id, from_version);"
	"CREATE TRIGGER assignment_no_delete BEFORE DELETE ON assignment BEGIN"
	"  SELECT RAISE(ABORT, 'roster history is kept: close the assignment "
	"in a new version');"
	" END;"
	"CREATE TRIGGER assignment_close_only BEFORE UPDATE ON assignment"
	"  WHEN NOT (OLD.to_version IS NULL AND NEW.to_version IS NOT NULL"
	"    AND NEW.roster_id = OLD.roster_id"
	"    AND NEW.employee_id = OLD.employee_id AND NEW.day = OLD.day"
	"    AND NEW.shift_id = OLD.shift_id AND NEW.start = OLD.start"
	"    AND NEW.end = OLD.end AND NEW.paid_min = OLD.paid_min"
	"    AND NEW.skill_id IS OLD.skill_id"
	"    AND NEW.from_version = OLD.from_version) BEGIN"
	"  SELECT RAISE(ABORT, 'roster history is kept: an assignment can "
	"only be closed');"
	" END;"
	"CREATE TABLE absence_shift ("
	"  absence_id INTEGER NOT NULL REFERENCES absence(id),"
	"  assignment_id INTEGER NOT NULL REFERENCES assignment(id),"
	"  PRIMARY KEY (absence_id, assignment_id)"
	") STRICT;"
	"CREATE INDEX absence_shift_assignment ON absence_shift(assignment_id);";

/* hr1: the site's attendance and payroll settings (site.ini [attendance] and
 * [payroll]), by name: ROTA_HR_SETTING_MAP in store/store.h.  A setting with
 * no row has its default. */
static const char hr1[] =
	"CREATE TABLE hr_setting ("
	"  key TEXT PRIMARY KEY,"
	"  value INTEGER NOT NULL"
	") STRICT;";

/* cov1: substitutes (docs/operations.md).  substitute: the roster version
 * that put an employee on an open shift - an absence's closed assignment
 * (open_assignment_id, at most once) or an understaffed day (NULL) - so
 * open shifts are those no version covers yet, and fairness can count the
 * extra shifts someone took in a month. */
static const char cov1[] =
	"CREATE TABLE substitute ("
	"  roster_id INTEGER NOT NULL REFERENCES roster(id),"
	"  version INTEGER NOT NULL,"
	"  employee_id INTEGER NOT NULL REFERENCES employee(id),"
	"  day TEXT NOT NULL,"
	"  open_assignment_id INTEGER REFERENCES assignment(id),"
	"  PRIMARY KEY (roster_id, version)"
	") STRICT;"
	"CREATE INDEX substitute_employee ON substitute(employee_id, day);"
	"CREATE UNIQUE INDEX substitute_open ON substitute(open_assignment_id)"
	"  WHERE open_assignment_id IS NOT NULL;";

/* serve1: network access for rota serve (docs/serve.md).  Secrets are never
 * stored: a token, key or session id is "selector.verifier"; the selector
 * finds the row, the SHA-256 of the whole secret is compared in constant
 * time.  feed_token: calendar subscriptions of an employee or a team (one
 * live token per subject; revoked rows are kept).  terminal: clock
 * terminals and their API keys.  app_user: people who log in to the page
 * (Argon2id hashes, libsodium's crypto_pwhash_str).  web_session: logged-in
 * browsers, with the CSRF token their forms carry. */
static const char serve1[] =
	"CREATE TABLE feed_token ("
	"  id INTEGER PRIMARY KEY,"
	"  selector TEXT NOT NULL UNIQUE,"
	"  hash BLOB NOT NULL,"
	"  employee_id INTEGER REFERENCES employee(id),"
	"  team TEXT,"
	"  created_at INTEGER NOT NULL,"
	"  revoked_at INTEGER,"
	"  CHECK ((employee_id IS NULL) <> (team IS NULL))"
	") STRICT;"
	"CREATE UNIQUE INDEX feed_token_employee ON feed_token(employee_id)"
	"  WHERE revoked_at IS NULL AND employee_id IS NOT NULL;"
	"CREATE UNIQUE INDEX feed_token_team ON feed_token(team)"
	"  WHERE revoked_at IS NULL AND team IS NOT NULL;"
	"CREATE TABLE terminal ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  selector TEXT NOT NULL UNIQUE,"
	"  hash BLOB NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  revoked_at INTEGER"
	") STRICT;"
	"CREATE TABLE app_user ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  role TEXT NOT NULL CHECK (role IN ('supervisor', 'viewer')),"
	"  pw_hash TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE web_session ("
	"  id INTEGER PRIMARY KEY,"
	"  selector TEXT NOT NULL UNIQUE,"
	"  hash BLOB NOT NULL,"
	"  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,"
	"  csrf TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL"
	") STRICT;";

/* hr2: KPIs.  kpi_metric: the site's metric definitions (site.ini
 * [kpi.NAME]; the built-in attendance metrics may be configured by name).
 * kpi_value: imported values (kpis.csv), one per employee, day, metric and
 * source; keyed for the scorecard's scan by employee and metric. */
static const char hr2[] =
	"CREATE TABLE kpi_metric ("
	"  name TEXT PRIMARY KEY,"
	"  unit TEXT NOT NULL DEFAULT '',"
	"  aggregation TEXT NOT NULL DEFAULT 'mean'"
	"    CHECK (aggregation IN ('mean', 'sum', 'rate')),"
	"  better TEXT NOT NULL DEFAULT 'higher'"
	"    CHECK (better IN ('higher', 'lower')),"
	"  target REAL,"
	"  weight REAL NOT NULL DEFAULT 1 CHECK (weight >= 0),"
	"  lower REAL NOT NULL,"
	"  upper REAL NOT NULL,"
	"  points REAL NOT NULL DEFAULT 10 CHECK (points > 0),"
	"  CHECK (lower < upper)"
	") STRICT;"
	"CREATE TABLE kpi_value ("
	"  employee_id INTEGER NOT NULL REFERENCES employee(id),"
	"  metric TEXT NOT NULL,"
	"  day TEXT NOT NULL,"
	"  source TEXT NOT NULL DEFAULT '',"
	"  value REAL NOT NULL,"
	"  PRIMARY KEY (employee_id, metric, day, source)"
	") WITHOUT ROWID, STRICT;";

/* hr3: payroll inputs.  holiday: public holidays and make-up working days
 * (holidays.csv; multiplier 1 = a working day that cancels the weekend).
 * overtime_approval: minutes of overtime a supervisor approved for an
 * employee on a day (overtime.csv). */
static const char hr3[] =
	"CREATE TABLE holiday ("
	"  day TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  multiplier REAL NOT NULL CHECK (multiplier >= 0)"
	") STRICT;"
	"CREATE TABLE overtime_approval ("
	"  employee_id INTEGER NOT NULL REFERENCES employee(id),"
	"  day TEXT NOT NULL,"
	"  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),"
	"  by TEXT NOT NULL CHECK (by <> ''),"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (employee_id, day)"
	") STRICT;";

/* ops2: the shifts approving time off took out of the live roster (their
 * rows stay, closed), like absence_shift: open shifts for rota cover and
 * excused leave for attendance while the time off stays approved. */
static const char ops2[] =
	"CREATE TABLE timeoff_shift ("
	"  timeoff_id INTEGER NOT NULL REFERENCES timeoff(id),"
	"  assignment_id INTEGER NOT NULL REFERENCES assignment(id),"
	"  PRIMARY KEY (timeoff_id, assignment_id)"
	") STRICT;"
	"CREATE INDEX timeoff_shift_assignment ON timeoff_shift(assignment_id);";

const char *const rota_migrations[] = {
	v1,
	v2,
	v3,
	v4,
	v5,
	v6,
	v7,
	hr1,
	cov1,
	serve1,
	hr2,
	hr3,
	ops2,
	/* one migration a line: add new ones above this comment */
};
const int rota_n_migrations = sizeof(rota_migrations) /
			      sizeof(rota_migrations[0]);
