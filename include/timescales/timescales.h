/* timescales.h: the C API of timescales, for hosts that cannot use the C++ headers (case
 * management systems in .NET or Java, through P/Invoke, Panama or JNI; C programs).
 *
 * It is a thin layer over the C++ API (engine.hpp, event.hpp, explain.hpp, load.hpp): the same
 * rules, the same validation of events (docs/formats.md), the same obligations and explanations.
 * Link the shared library `timescales_c` (libtimescales_c.so; CMake target timescales::timescales_c),
 * which exports only the functions declared here.
 *
 * Conventions
 * - Every function that can fail returns a ts_status. On failure, ts_last_error() says why, and
 *   output parameters are left unchanged. No C++ exception ever crosses this boundary; running
 *   out of memory is TS_OUT_OF_MEMORY, never an abort (an evaluation that runs out of memory
 *   while an event is added answers TS_OUT_OF_MEMORY from then on: free it and start again).
 * - Text is UTF-8 and NUL-terminated, in both directions.
 * - Dates are either ISO 8601 text, "YYYY-MM-DD", or day numbers: days since 1970-01-01
 *   (1970-01-01 is 0, 2021-03-01 is 18687); ts_date_from_iso and ts_date_to_iso convert.
 *   Event dates must lie in the range of the rules' calendar (1990-01-01 to 2060-12-31 for the
 *   built-in rules).
 *
 * Ownership of strings (who frees what, and how long it lives)
 * - Static: ts_version(), ts_status_name(), and the `standard`, `trigger_event` and `status`
 *   fields of a ts_obligation. Never free them; they live as long as the library is loaded.
 * - Owned by an evaluation handle: every other `const char*` an accessor of a ts_evaluation
 *   returns (case ids, rule ids, carried values, rejection fields). Never free them. They stay
 *   valid until the next call that changes that handle (ts_evaluation_add_event,
 *   ts_evaluation_add_event_days, ts_evaluation_evaluate, ts_evaluation_evaluate_days) or
 *   ts_evaluation_free.
 * - Owned by the caller: the text ts_evaluation_explain and ts_evaluation_obligation_text return.
 *   Free it with ts_free_string
 *   (not free(): the library may use another allocator than the host).
 * - Thread-local: ts_last_error(). Valid until the next call into the library on the same thread.
 * - Inputs: the library copies everything it keeps; the caller's buffers may be reused or freed
 *   as soon as a call returns.
 *
 * Threads
 * - A ts_rulebook is immutable: share one between any number of threads, and create evaluations
 *   from it concurrently. It may be freed while evaluations made from it are alive (each keeps
 *   its own reference to the compiled rules).
 * - A ts_evaluation belongs to one thread at a time. Calls that only read it (counts, accessors,
 *   ts_evaluation_explain) may run concurrently with one another, never with a call changing it.
 * - ts_last_error() is per thread.
 *
 * Handles
 * - Freeing a handle twice, or using it after it was freed, is undefined behaviour: the library
 *   cannot tell a freed handle from a live one, and the host may crash or its memory be corrupted.
 * - A handle of the wrong kind (a ts_rulebook* cast to a ts_evaluation*, or the reverse) is
 *   TS_INVALID_ARGUMENT where the library can tell, which is not guaranteed: do not rely on it.
 */
#ifndef TIMESCALES_TIMESCALES_H
#define TIMESCALES_TIMESCALES_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#  if defined(TIMESCALES_C_BUILDING)
#    define TS_API __declspec(dllexport)
#  else
#    define TS_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define TS_API __attribute__((visibility("default")))
#else
#  define TS_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* What a call did. The numbers are part of the ABI: they never change. */
typedef enum ts_status {
  TS_OK = 0,
  TS_INVALID_ARGUMENT = 1, /* a NULL pointer where one is not allowed, malformed as_of date... */
  TS_REJECTED = 2,         /* the event was not used; it is listed among the rejections */
  TS_NOT_FOUND = 3,        /* no obligation or rejection with that index, no such carried column */
  TS_IO_ERROR = 4,         /* a rules directory that cannot be read */
  TS_RULES_ERROR = 5,      /* rule files that do not compile (ts_last_error lists the diagnostics) */
  TS_NOT_EVALUATED = 6,    /* results asked for before ts_evaluation_evaluate, or after events were added */
  TS_OUT_OF_MEMORY = 7,
  TS_INTERNAL = 8          /* a bug in the library: please report it with ts_last_error() */
} ts_status;

/* C9: the state an obligation ends the evaluation in. Numbers never change. */
typedef enum ts_obligation_status {
  TS_STATUS_MET = 0,
  TS_STATUS_LATE = 1,
  TS_STATUS_MISSED = 2,
  TS_STATUS_OVERDUE = 3,
  TS_STATUS_PENDING = 4,
  TS_STATUS_CANCELLED = 5
} ts_obligation_status;

/* Opaque handles. */
typedef struct ts_rulebook ts_rulebook;
typedef struct ts_evaluation ts_evaluation;

/* A key/value pair of text: an event attribute or a carried column. */
typedef struct ts_pair {
  const char* key;
  const char* value; /* NULL or "" : absent */
} ts_pair;

/* C13: how sure the rule that judged an obligation is of its source. Numbers never change. */
typedef enum ts_confidence {
  TS_CONFIDENCE_CONFIRMED = 0,  /* the text was read in the instrument or the official procedures */
  TS_CONFIDENCE_PROBABLE = 1,   /* from an authoritative secondary source: not settled law */
  TS_CONFIDENCE_UNCONFIRMED = 2 /* not found in a primary source */
} ts_confidence;

/* One obligation (docs/formats.md, "Obligations"). Dates are day numbers since 1970-01-01.
 *
 * The struct grows (the ABI rule): fields are only ever appended at its end, never reordered,
 * retyped or removed, so that a host built against an older timescales.h keeps working with a newer
 * library, and the reverse. A host sets struct_size to sizeof(ts_obligation), as its own copy of this
 * header declares it, before calling ts_evaluation_obligation. The library writes the first
 * struct_size bytes of the struct at most (the fields the host knows) and never beyond, however
 * many fields the library itself knows; it then sets struct_size to the number of bytes it wrote:
 * the smaller of the host's size and its own. A host built against a newer header and running with
 * an older library thus sees which fields are filled: those that end within struct_size. A
 * struct_size smaller than the struct_size field itself is TS_INVALID_ARGUMENT.
 *
 * The first field is a size_t and the pointers come next, then fields 32 bits wide, so the layout has
 * no padding on any platform (88 bytes on 64-bit hosts, 64 on 32-bit ones), which keeps it easy to
 * declare in a host language; fields appended later keep it so. A column of the obligation outputs
 * that has no field here yet can be read by name with ts_evaluation_obligation_text. */
typedef struct ts_obligation {
  size_t struct_size;         /* in: sizeof(ts_obligation) as the host knows it; out: bytes filled */
  const char* case_id;        /* owned by the evaluation handle */
  const char* rule_id;        /* owned by the evaluation handle, e.g. "wales.cp.icpc" */
  const char* standard;       /* static: "statutory", "plan" or "local" */
  const char* trigger_event;  /* static: an event name, e.g. "strategy_discussion" */
  const char* status_name;    /* static: "met", "late", "missed", "overdue", "pending", "cancelled" */
  uint32_t occurrence;        /* 1 for a one-off duty; 1, 2, 3... along a recurring one */
  int32_t trigger_date;
  int32_t due_date;
  int32_t completed_date;     /* meaningful only when has_completed_date is 1 */
  int32_t has_completed_date; /* 1: completed_date is the completing event's date; 0: none */
  int32_t status;             /* a ts_obligation_status */
  int32_t days_late;          /* calendar days after due_date (docs/formats.md); 0 unless late, missed, overdue */
  int32_t working_days_late;
  int32_t confidence;         /* a ts_confidence, of the rule version that judged it (C13) */
  int32_t reserved;           /* always 0 */
  /* New fields go here, at the end. */
} ts_obligation;

/* A row that was not used: the add order (1 for the first ts_evaluation_add_event* call on the
 * handle, 2 for the second...), the offending column, and why. Strings owned by the handle. */
typedef struct ts_rejection {
  size_t line;
  const char* case_id; /* at most 64 characters of the case id given */
  const char* column;  /* "case_id", "event", "date", an attribute or carried column name */
  const char* reason;  /* in English (ts_evaluation_rejection_reason_in: in Welsh); quotes at most a
                        * truncated excerpt of the offending value */
} ts_rejection;

/* ---- The library -------------------------------------------------------------------------- */

/* The library's version, "MAJOR.MINOR.PATCH". Static. */
TS_API const char* ts_version(void);

/* Why the last failing call on this thread failed; "" after a call that succeeded. Never NULL.
 * Thread-local; valid until the next call into the library on this thread. */
TS_API const char* ts_last_error(void);

/* "TS_OK", "TS_INVALID_ARGUMENT"...; "TS_UNKNOWN" for a number that is not a ts_status. Static. */
TS_API const char* ts_status_name(ts_status status);

/* Frees a string the library returned as the caller's (ts_evaluation_explain). NULL is fine. */
TS_API void ts_free_string(char* text);

/* "2021-03-01" -> 18687. TS_INVALID_ARGUMENT for anything but a real date in YYYY-MM-DD form. */
TS_API ts_status ts_date_from_iso(const char* iso, int32_t* day);

/* 18687 -> "2021-03-01" written to out (11 bytes, NUL included). Years 1 to 9999; else
 * TS_INVALID_ARGUMENT. */
TS_API ts_status ts_date_to_iso(int32_t day, char out[11]);

/* ---- Rules -------------------------------------------------------------------------------- */

/* The rules compiled into the library (rules/ of the source tree). The handle is cheap: every
 * one shares the same compiled rules. */
TS_API ts_status ts_rulebook_load_builtin(ts_rulebook** out);

/* A whole rulebook in place of the built-in one: every *.toml file below `directory`, which
 * declares its jurisdiction as rules/ does (`timescales --rules DIR`). TS_IO_ERROR when it cannot
 * be read; TS_RULES_ERROR with the diagnostics when it does not compile, or when it declares no
 * jurisdiction (a council's local directory: layer it with ts_rulebook_layer). */
TS_API ts_status ts_rulebook_load_directory(const char* directory, ts_rulebook** out);

/* `base` with a council's local directory layered on it (`timescales --local DIR`): the local
 * rules, measures and settings beside the statutory ones, compiled together, so that one
 * evaluation gives both. `base` is unchanged; layer the result again for a further directory.
 * TS_IO_ERROR when the directory cannot be read, TS_RULES_ERROR with the diagnostics when the
 * layer does not compile on `base` (an id the base already has, a file naming another
 * jurisdiction). */
TS_API ts_status ts_rulebook_layer(const ts_rulebook* base, const char* directory, ts_rulebook** out);

/* The number of rule versions in the rulebook. */
TS_API ts_status ts_rulebook_rule_count(const ts_rulebook* rules, size_t* count);

/* ---- Deadlines without an evaluation ---------------------------------------------------------
 * For a case management system that shows a deadline as a date is typed. Days are day numbers
 * since 1970-01-01, counted in the calendar of the rulebook's jurisdiction (England and Wales for
 * the built-in rules). A day outside the calendar's range (1990-01-01 to 2060-12-31), or a result
 * beyond it, is TS_INVALID_ARGUMENT: never a guess. */

/* The working day `n` working days after `day` (before it when n < 0): day 0 is `day`, so
 * Fri 2022-09-16 + 1 is Tue 2022-09-20 (the Monday was a bank holiday). */
TS_API ts_status ts_add_working_days(const ts_rulebook* rules, int32_t day, int32_t n, int32_t* out);

/* The working days in (from, to]; negative when to < from. */
TS_API ts_status ts_working_days_between(const ts_rulebook* rules, int32_t from, int32_t to, int32_t* out);

/* The deadline `period` ("15 working days", "6 weeks", "3 months") after `day`, as the rules count
 * it (C2-C4). TS_INVALID_ARGUMENT, with the reason, for a period that cannot be read. */
TS_API ts_status ts_due(const ts_rulebook* rules, int32_t day, const char* period, int32_t* out);

/* NULL is fine. */
TS_API void ts_rulebook_free(ts_rulebook* rules);

/* ---- Evaluations -------------------------------------------------------------------------- */

/* A new, empty evaluation against `rules`. `carried_columns` (may be NULL when carried_count is
 * 0) names columns whose values events may carry (team, worker...): they are passed through to
 * the obligations the events trigger (ts_evaluation_obligation_carried). */
TS_API ts_status ts_evaluation_create(const ts_rulebook* rules, const char* const* carried_columns,
                                      size_t carried_count, ts_evaluation** out);

/* NULL is fine. */
TS_API void ts_evaluation_free(ts_evaluation* evaluation);

/* Adds one case event: the child's case id, an event name of docs/formats.md ("icpc"), its date as
 * "YYYY-MM-DD", and optionally attributes (keys placement_type, seen_alone, at_home,
 * intended_until_18, visit_interval, legal_status, category, with values as text as in the CSV
 * format) and carried values
 * (keys among the evaluation's carried columns), in any order.
 * TS_OK: the event is used. TS_REJECTED: it is not (unknown event, bad date, empty or overlong
 * case id, malformed value, unknown or repeated key, text that is not UTF-8); it is listed among
 * the rejections with its line (the add order) and ts_last_error() says why. Either way it counts
 * as one row: rows added = events used + rejections. TS_INVALID_ARGUMENT (case_id, event or date
 * NULL, attributes NULL with attribute_count > 0, a NULL key): nothing is added, no row counted.
 * Adding an event discards the results of an earlier ts_evaluation_evaluate. */
TS_API ts_status ts_evaluation_add_event(ts_evaluation* evaluation, const char* case_id, const char* event,
                                         const char* date, const ts_pair* attributes, size_t attribute_count);

/* The same, with the date as a day number since 1970-01-01. */
TS_API ts_status ts_evaluation_add_event_days(ts_evaluation* evaluation, const char* case_id, const char* event,
                                              int32_t date, const ts_pair* attributes, size_t attribute_count);

/* Rows added so far, and how many were used and rejected (used + rejected = rows, always).
 * Any of the pointers may be NULL. */
TS_API ts_status ts_evaluation_row_counts(const ts_evaluation* evaluation, size_t* rows, size_t* used,
                                          size_t* rejected);

/* Evaluates every child's obligations as of `as_of` ("YYYY-MM-DD"), or, when as_of is NULL, as of
 * the latest event date (C9). Events dated after as_of are not used. Replaces earlier results.
 * An as_of outside the range of the rules' calendar (1990-01-01 to 2060-12-31 for the built-in
 * rules) is TS_INVALID_ARGUMENT (C1: a date outside the range is an error, never a guess), and so
 * is a NULL as_of when no event was used (none added, or every one rejected): there is no latest
 * date to take. */
TS_API ts_status ts_evaluation_evaluate(ts_evaluation* evaluation, const char* as_of);

/* The same with as_of as a day number. */
TS_API ts_status ts_evaluation_evaluate_days(ts_evaluation* evaluation, int32_t as_of);

/* How many threads later evaluations of this handle use: 0 (the default), every core the process
 * may use (its CPU affinity, and a cgroup's CPU quota); 1, the calling thread alone. Each child is evaluated on one thread and the results are joined in
 * order, so they are the same, byte for byte, whatever the number; inputs of fewer than about
 * 50,000 events per thread use fewer threads. More than 1024 is TS_INVALID_ARGUMENT. */
TS_API ts_status ts_evaluation_set_threads(ts_evaluation* evaluation, unsigned threads);

/* The date the last evaluation judged statuses on. TS_NOT_EVALUATED before one. */
TS_API ts_status ts_evaluation_as_of(const ts_evaluation* evaluation, int32_t* as_of);

/* The number of obligations the last evaluation produced, sorted by case id, rule id, standard
 * and occurrence. TS_NOT_EVALUATED before ts_evaluation_evaluate or after events were added. */
TS_API ts_status ts_evaluation_obligation_count(const ts_evaluation* evaluation, size_t* count);

/* Obligation `index` (0-based) of the last evaluation. TS_NOT_FOUND when index >= count. Set
 * out->struct_size first (see ts_obligation): the library fills only that many bytes, e.g.
 *   ts_obligation ob = {.struct_size = sizeof ob};
 *   ts_evaluation_obligation(evaluation, i, &ob); */
TS_API ts_status ts_evaluation_obligation(const ts_evaluation* evaluation, size_t index, ts_obligation* out);

/* What the worklist shows of an obligation (`timescales worklist`): the days from the evaluation's
 * as_of to its due date, and the working days in (as_of, due] in its rule's calendar. Both are
 * negative when it is overdue (minus days_late and working_days_late) and 0 when due on as_of. */
TS_API ts_status ts_evaluation_days_left(const ts_evaluation* evaluation, size_t index, int32_t* days_left,
                                         int32_t* working_days_left);

/* Any column of obligation `index` by its name in the obligation outputs (docs/formats.md: "case_id",
 * "rule", "due_date"...), as the text the CSV output holds (before any spreadsheet neutralising):
 * dates "YYYY-MM-DD" or "" for none, integers in decimal. Every column of the outputs is here,
 * including one newer than the fields of ts_obligation. TS_NOT_FOUND for an unknown column
 * (carried columns: ts_evaluation_obligation_carried). *text is the caller's: free it with
 * ts_free_string. */
TS_API ts_status ts_evaluation_obligation_text(const ts_evaluation* evaluation, size_t index, const char* column,
                                               char** text);

/* The value of a carried column on obligation `index`'s trigger event ("" if that event carried
 * none). TS_NOT_FOUND for an unknown column or index. The string is owned by the handle. */
TS_API ts_status ts_evaluation_obligation_carried(const ts_evaluation* evaluation, size_t index,
                                                  const char* column, const char** value);

/* Obligation `index` in words: the rule and its citation, the arithmetic from trigger to deadline
 * (bank holidays skipped), how it ended. *text is the caller's: free it with ts_free_string.
 * In English; ts_evaluation_explain_in says it in a language. */
TS_API ts_status ts_evaluation_explain(const ts_evaluation* evaluation, size_t index, char** text);

/* The functions ending _in take the language of the words a person reads: "en" (English) or "cy"
 * (Cymraeg, Welsh: docs/cymraeg.md); NULL is English. Any other code is TS_INVALID_ARGUMENT, and
 * ts_last_error names it and the codes accepted. Column names, ids and status names are the same
 * in both languages. */
TS_API ts_status ts_evaluation_explain_in(const ts_evaluation* evaluation, size_t index, const char* language,
                                          char** text);

/* One child's timeline in words, as `timescales evaluate --case ID --explain` prints it: the
 * child's events and every duty, past and open, at its due date with its explanation, in date
 * order, the as-of date marked, the child's rejected rows listed first. TS_NOT_FOUND when no
 * usable event has that case id (ts_last_error says whether its rows were rejected). *text is the
 * caller's: free it with ts_free_string. */
TS_API ts_status ts_evaluation_case_timeline(const ts_evaluation* evaluation, const char* case_id, char** text);
/* The timeline in a language ("en", "cy" or NULL: see ts_evaluation_explain_in); the one above is English. */
TS_API ts_status ts_evaluation_case_timeline_in(const ts_evaluation* evaluation, const char* case_id,
                                                const char* language, char** text);

/* The number of variations refused by the last evaluation (C7), and each one in words (*text
 * freed with ts_free_string): ts_evaluation_explain_finding in English, ts_evaluation_explain_finding_in
 * in a language ("en", "cy" or NULL: see ts_evaluation_explain_in). */
TS_API ts_status ts_evaluation_finding_count(const ts_evaluation* evaluation, size_t* count);

/* The number of duties of the last evaluation that cannot be judged because their deadline falls
 * after the calendar's last date (C1: never a guess). They are not among the obligations. */
TS_API ts_status ts_evaluation_unjudged_count(const ts_evaluation* evaluation, size_t* count);
TS_API ts_status ts_evaluation_explain_finding(const ts_evaluation* evaluation, size_t index, char** text);
TS_API ts_status ts_evaluation_explain_finding_in(const ts_evaluation* evaluation, size_t index, const char* language,
                                                  char** text);

/* Rejected rows, in the order they were added (available at any time, evaluated or not). */
TS_API ts_status ts_evaluation_rejection_count(const ts_evaluation* evaluation, size_t* count);
TS_API ts_status ts_evaluation_rejection(const ts_evaluation* evaluation, size_t index, ts_rejection* out);
/* Rejection `index`'s reason in a language ("en", "cy" or NULL: see ts_evaluation_explain_in);
 * ts_rejection's `reason` is the English. *text is the caller's: free it with ts_free_string. */
TS_API ts_status ts_evaluation_rejection_reason_in(const ts_evaluation* evaluation, size_t index, const char* language,
                                                   char** text);

#ifdef __cplusplus
}
#endif

#endif /* TIMESCALES_TIMESCALES_H */
