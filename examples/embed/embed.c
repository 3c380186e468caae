/* A C host of timescales: the built-in rules, a few case events, their obligations and one
 * explanation, through the C API (timescales/timescales.h) alone. Exits 0 when every result is
 * the one worked out by hand below, 1 otherwise. Built and run by the test suite.
 *
 * Child A1: a strategy discussion on Mon 11 Jan 2021 and the initial child protection conference
 * on Fri 29 Jan. The conference is due 15 working days after the discussion (C2): 12-15 Jan (4),
 * 18-22 (9), 25-29 (14), Mon 1 Feb (15). Held 29 Jan: met.
 * Child B2: a strategy discussion on Mon 1 Mar 2021 and the conference on Thu 25 Mar: due Mon
 * 22 Mar (2-5 Mar, 8-12, 15-19, 22), held 3 days (23, 24, 25 Mar: 3 working days) late.
 * A third row names an event that does not exist: rejected, with its line (the add order). */
#include <stdio.h>
#include <string.h>

#include "timescales/timescales.h"

static int failures = 0;

static void check(int ok, const char* what) {
  if (!ok) {
    fprintf(stderr, "embed: wrong result: %s\n", what);
    ++failures;
  }
}

/* Stops the program when a call fails that must not. */
static int must(ts_status status, const char* call) {
  if (status != TS_OK) {
    fprintf(stderr, "embed: %s failed: %s: %s\n", call, ts_status_name(status), ts_last_error());
    return 0;
  }
  return 1;
}

static int run(void) {
  ts_rulebook* rules = NULL;
  ts_evaluation* evaluation = NULL;
  int ok = 0;
  const char* carried[] = {"team"};
  const ts_pair north[] = {{"team", "North"}};
  const ts_pair south[] = {{"team", "South"}};
  int32_t day = 0;
  size_t rows = 0, used = 0, rejected = 0, count = 0, i = 0;
  ts_rejection rejection;
  char* explanation = NULL;
  char* column_text = NULL;
  char due[11], completed[11];

  printf("timescales %s\n", ts_version());
  if (!must(ts_rulebook_load_builtin(&rules), "ts_rulebook_load_builtin")) goto done;
  if (!must(ts_evaluation_create(rules, carried, 1, &evaluation), "ts_evaluation_create")) goto done;
  ts_rulebook_free(rules); /* the evaluation keeps its own reference to the rules */
  rules = NULL;

  if (!must(ts_evaluation_add_event(evaluation, "A1", "strategy_discussion", "2021-01-11", north, 1), "add_event")) goto done;
  if (!must(ts_evaluation_add_event(evaluation, "A1", "icpc", "2021-01-29", north, 1), "add_event")) goto done;
  /* Dates may also be day numbers since 1970-01-01. */
  if (!must(ts_date_from_iso("2021-03-01", &day), "ts_date_from_iso")) goto done;
  check(day == 18687, "2021-03-01 is day 18687");
  if (!must(ts_evaluation_add_event_days(evaluation, "B2", "strategy_discussion", day, south, 1), "add_event_days")) goto done;
  if (!must(ts_evaluation_add_event_days(evaluation, "B2", "icpc", day + 24, south, 1), "add_event_days")) goto done;
  /* An unusable row is rejected, never lost. */
  check(ts_evaluation_add_event(evaluation, "B2", "home_visit", "2021-03-02", NULL, 0) == TS_REJECTED,
        "an unknown event is rejected");
  printf("rejected: %s\n", ts_last_error());

  if (!must(ts_evaluation_row_counts(evaluation, &rows, &used, &rejected), "ts_evaluation_row_counts")) goto done;
  check(rows == 5 && used == 4 && rejected == 1, "5 rows = 4 used + 1 rejected");
  if (!must(ts_evaluation_rejection(evaluation, 0, &rejection), "ts_evaluation_rejection")) goto done;
  check(rejection.line == 5 && strcmp(rejection.column, "event") == 0 && strcmp(rejection.case_id, "B2") == 0,
        "the rejection names row 5, column event, case B2");

  if (!must(ts_evaluation_evaluate(evaluation, NULL), "ts_evaluation_evaluate")) goto done;
  if (!must(ts_evaluation_obligation_count(evaluation, &count), "ts_evaluation_obligation_count")) goto done;
  check(count == 2, "two obligations, one per child");

  printf("%-6s %-16s %-10s %-11s %-11s %-8s %s\n", "case", "rule", "team", "due", "completed", "status", "days late");
  for (i = 0; i < count; ++i) {
    ts_obligation ob;
    const char* team = NULL;
    ob.struct_size = sizeof ob; /* the fields this program knows: the library writes no more */
    if (!must(ts_evaluation_obligation(evaluation, i, &ob), "ts_evaluation_obligation")) goto done;
    if (!must(ts_evaluation_obligation_carried(evaluation, i, "team", &team), "ts_evaluation_obligation_carried")) goto done;
    if (!must(ts_date_to_iso(ob.due_date, due), "ts_date_to_iso")) goto done;
    if (ob.has_completed_date) {
      if (!must(ts_date_to_iso(ob.completed_date, completed), "ts_date_to_iso")) goto done;
    } else {
      strcpy(completed, "-");
    }
    printf("%-6s %-16s %-10s %-11s %-11s %-8s %d (%d working)\n", ob.case_id, ob.rule_id, team, due, completed,
           ob.status_name, (int)ob.days_late, (int)ob.working_days_late);
    check(strcmp(ob.rule_id, "wales.cp.icpc") == 0, "the duty is wales.cp.icpc");
    check(strcmp(ob.standard, "statutory") == 0 && ob.occurrence == 1, "a statutory one-off duty");
    check(strcmp(ob.trigger_event, "strategy_discussion") == 0, "triggered by the strategy discussion");
    check(ob.has_completed_date == 1, "completed by the conference");
    if (i == 0) {
      check(strcmp(ob.case_id, "A1") == 0 && strcmp(team, "North") == 0, "A1 first, team North");
      check(strcmp(due, "2021-02-01") == 0 && strcmp(completed, "2021-01-29") == 0, "A1: due 1 Feb, held 29 Jan");
      check(ob.status == TS_STATUS_MET && strcmp(ob.status_name, "met") == 0 && ob.days_late == 0, "A1: met");
    } else {
      check(strcmp(ob.case_id, "B2") == 0 && strcmp(team, "South") == 0, "B2 second, team South");
      check(strcmp(due, "2021-03-22") == 0 && strcmp(completed, "2021-03-25") == 0, "B2: due 22 Mar, held 25 Mar");
      check(ob.status == TS_STATUS_LATE && ob.days_late == 3 && ob.working_days_late == 3, "B2: 3 days late");
    }
  }

  /* Any column of the outputs by its name, as text: also one newer than this header's struct. */
  if (!must(ts_evaluation_obligation_text(evaluation, 1, "due_date", &column_text), "ts_evaluation_obligation_text")) goto done;
  check(strcmp(column_text, "2021-03-22") == 0, "B2's due_date by name");
  ts_free_string(column_text);

  if (!must(ts_evaluation_explain(evaluation, 1, &explanation), "ts_evaluation_explain")) goto done;
  printf("\n%s\n", explanation);
  check(strstr(explanation, "wales.cp.icpc") != NULL, "the explanation names the rule");
  ts_free_string(explanation);

  /* Misuse is an error code and a message, never a crash. */
  check(ts_evaluation_obligation(evaluation, 99, NULL) == TS_NOT_FOUND, "no obligation 99");
  check(ts_evaluation_add_event(evaluation, NULL, "icpc", "2021-01-29", NULL, 0) == TS_INVALID_ARGUMENT,
        "a NULL case id is an invalid argument");
  check(strlen(ts_last_error()) > 0, "with a message");
  ok = 1;

done:
  ts_evaluation_free(evaluation);
  ts_rulebook_free(rules);
  return ok;
}

int main(void) {
  if (!run()) return 1;
  if (failures > 0) {
    fprintf(stderr, "embed: %d wrong results\n", failures);
    return 1;
  }
  printf("\nembed: every result as expected\n");
  return 0;
}
