// timescales report: measures over periods and groups, with drill-down to the obligations.
// timescales validate-report: a council's (or our) measure definitions checked against the rules.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/problems.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/load.hpp"
#include "timescales/load_measures.hpp"
#include "timescales/report.hpp"
#include "timescales/summary.hpp"
#include "timescales/target.hpp"
#include "timescales/wording.hpp"
#include "timescales/write.hpp"
#include "timescales/write_xlsx.hpp"

namespace timescales::cli {

namespace {

struct ReportCli {
  std::string events;
  std::vector<std::string> measures, definitions;
  bool all = false, list = false;
  std::optional<std::string> from, to, as_of, by, drill_down, rejected, out;
  RulesOptions rules;
  Language language = Language::en;  // --lang
  std::string period = "year", format = "csv";
  bool explain = false, strict = false;
  InputOptions input;
};

// --list: one line per measure the report can count (the rules', --local's and --definition's):
// id, title, standard, basis, and its target if one is set; with --format json, an array of
// objects with these keys (the target null when none is set).
constexpr std::string_view measure_list_keys[] = {"id", "title", "standard", "basis", "target"};

int list_measures(const ReportCli& o) {
  const auto fail = [](const std::string& message) {
    std::cerr << "timescales report: " << message << "\n";
    return exit_usage;
  };
  const auto rules = load_rules(o.rules);
  if (!rules) return fail(rules.error());
  const auto catalogue = measure_catalogue(*rules, o.definitions);
  if (!catalogue) return fail(catalogue.error());
  const bool json = o.format == "json";
  if (json) std::cout << '[';
  for (const Measure& m : catalogue->measures) {
    const Target* target = target_of(catalogue->targets, m);
    const std::string target_text = target ? dashboard_text::target_words(*target, o.language) : std::string();
    if (!json) {
      std::cout << m.id << "\t" << measure_title(m, o.language) << "\t" << name(m.standard) << "\t" << name(m.basis)
                << "\t" << target_text << "\n";
      continue;
    }
    const std::string values[] = {m.id, std::string(measure_title(m, o.language)), std::string(name(m.standard)),
                                  std::string(name(m.basis)), target_text};
    std::cout << (&m == &catalogue->measures.front() ? "\n{" : ",\n{");
    for (std::size_t k = 0; k < std::size(values); ++k) {
      std::cout << (k ? "," : "") << '"' << measure_list_keys[k] << "\":";
      if (k == 4 && !target) std::cout << "null";
      else write_json_string(std::cout, values[k]);
    }
    std::cout << '}';
  }
  if (json) std::cout << (catalogue->measures.empty() ? "]\n" : "\n]\n");
  return exit_ok;
}

int run_report(const ReportCli& o) {
  const auto fail = [](const std::string& message) {
    std::cerr << "timescales report: " << message << "\n";
    return exit_usage;
  };
  if (o.list) return list_measures(o);
  if (o.events.empty()) return fail("name the events file (or --list the measures)");
  const auto from = date_option(o.from, "--from"), to = date_option(o.to, "--to"), as_of = date_option(o.as_of, "--as-of");
  if (!from) return fail(from.error());
  if (!to) return fail(to.error());
  if (!as_of) return fail(as_of.error());
  const auto loaded_rules = load_rules(o.rules);
  if (!loaded_rules) return fail(loaded_rules.error());
  const Rulebook& rules = *loaded_rules;
  if (const auto ok = check_as_of(*as_of, rules); !ok) return fail(ok.error());
  std::vector<std::string> inputs = o.definitions;
  inputs.push_back(o.events);
  if (o.format == "xlsx" && (!o.out || *o.out == standard_stream)) return fail("--format xlsx writes a workbook: name it with --out FILE.xlsx");
  if (const auto ok = check_paths(inputs, {{"--drill-down", o.drill_down}, {"--rejected", o.rejected}, {"--out", o.out.value_or(std::string(standard_stream))}}); !ok) {
    return fail(ok.error());
  }
  const auto catalogue = measure_catalogue(rules, o.definitions);
  if (!catalogue) return fail(catalogue.error());
  const auto chosen = chosen_measures(catalogue->measures, o.measures, o.all);
  if (!chosen) return fail(chosen.error());
  if (chosen->empty()) return fail("name a measure with --measure ID, or --all");

  const Calendar& calendar = *rules.jurisdiction_calendar();
  const auto table = read_events_input(o.events, calendar.supported(), read_options(o.input));
  if (!table) return fail(table.error().message);
  if (table->events().empty()) return no_usable_rows("report", o.events, *table, o.rejected, o.language);
  const auto by = by_columns(o.by, *table, o.events);
  if (!by) return fail(by.error());
  const std::vector<std::string> by_names = column_names(*table, *by);
  const Evaluation evaluation = evaluate_on(*table, rules, *as_of, o.input.threads);
  const auto options = report_options(evaluation, *table, granularity_named(o.period), *from, *to, *by);
  if (!options) return fail("--to is before --from");
  const Report r = report(*chosen, evaluation, *options);
  const ReportFormat format = o.format == "json" ? ReportFormat::json
                              : o.format == "markdown" ? ReportFormat::markdown
                                                       : ReportFormat::csv;
  if (o.format == "xlsx") {
    if (const auto written = write_report_xlsx(*o.out, r, by_names, o.language); !written) return fail(written.error());
  } else if (o.out) {
    const auto written = write_file(*o.out, [&](std::ostream& f) { write_report(f, r, by_names, format, o.language); });
    if (!written) return fail(written.error());
  } else {
    write_report(std::cout, r, by_names, format, o.language);
  }
  if (o.drill_down) {
    const auto written = write_file(*o.drill_down, [&](std::ostream& f) {
      write_drill_down(f, r, evaluation, *table, o.explain, o.language);
    });
    if (!written) return fail(written.error());
  }
  if (o.rejected) {
    const auto written = write_file(*o.rejected, [&](std::ostream& f) { write_rejections(f, *table, true, o.language); });
    if (!written) return fail(written.error());
  }
  std::cerr << summary_text::rows(table->rows_read(), table->events().size(), table->rejected().size(), o.language)
            << summary_text::as_of(evaluation.as_of, o.language) << "\n";
  // The sentence of evaluate's summary, without its colon: no rows are listed after it here.
  if (!table->rejected().empty() && o.rejected) {
    std::string written = summary_text::rejected_rows(o.rejected, o.language);
    if (written.ends_with(':')) written.pop_back();
    std::cerr << written << "\n";
  }
  if (o.strict && !table->rejected().empty()) return exit_findings;
  return exit_ok;
}

// One definition file, checked against the rules and the measures they carry.
int run_validate(const std::string& definition, const Rulebook& rules, const std::vector<Measure>& carried,
                 bool local_given, ProblemLog& log) {
  const auto file = read_sources_file(definition);
  if (!file) {
    log.unusable(definition, file.error().message);
    return exit_usage;
  }
  const auto problems = [&](const Diagnostics& found) {
    for (const Diagnostic& d : found) log.add(problem_of(d));
    if (!log.json()) std::cerr << found.size() << (found.size() == 1 ? " problem\n" : " problems\n");
    return exit_findings;
  };
  const auto measures = load_measures(std::span(&*file, 1), rules);
  if (!measures) {
    problems(measures.error());
    const bool unknown_rule = std::ranges::any_of(
        measures.error(), [](const Diagnostic& d) { return d.message.find("unknown rule") != std::string::npos; });
    if (unknown_rule && !local_given) {
      log.note("(a council's measures are checked with its rules: give its directory with --local DIR, "
               "or check the directory with 'timescales rules check DIR')");
    }
    return exit_findings;
  }
  // The file is one of the rules' own (a layer's measures/ file, checked again), or one that
  // `report --definition` and `dashboard --definition` would add to them: judged as they judge it.
  // The same file, not merely the same text: a copy is a definition whose ids are taken. (A
  // built-in file has no path of its own: its text, under its name in rules/.)
  const bool rules_file = std::ranges::any_of(rules.sources(), [&](const SourceFile& f) {
    const std::string where = f.where();
    if (f.origin.empty()) return f.text == file->text && (definition == where || definition.ends_with("/" + where));  // built in
    std::error_code error;
    return std::filesystem::equivalent(where, definition, error);
  });
  // Its targets set its own measures or those of the rules, one target a measure wherever it is
  // set: a definition's target beside one of the rules' is refused as those commands refuse it.
  std::vector<Measure> catalogue = carried;
  catalogue.insert(catalogue.end(), measures->begin(), measures->end());
  std::vector<SourceFile> target_files = rules_file ? std::vector<SourceFile>{} : measure_files(rules);
  target_files.push_back(*file);
  const auto targets = load_targets(target_files, catalogue);
  if (!targets) return problems(targets.error());
  const auto own_targets = std::ranges::count(*targets, file->where(), &Target::file);
  std::size_t failures = 0, examples = 0;
  for (const Measure& m : *measures) {
    for (const MeasureExample& ex : m.examples) {
      ++examples;
      const auto result = run_measure_example(m, ex, rules);
      if (result.differences.empty()) continue;
      ++failures;
      log.add(example_problem(definition, ex.line, m.id + " example '" + ex.name + "'", result.differences));
    }
    if (m.examples.empty()) {
      log.add(Problem{definition, m.line, 0, Severity::warning, std::string(problem_code::no_example),
                      m.id + " has no worked example"});
    }
    // A council's measure under a built-in id would clash in `report --definition`, which refuses it.
    if (!rules_file && std::ranges::find(carried, m.id, &Measure::id) != carried.end()) {
      const bool builtin = std::ranges::find(builtin_measures(), m.id, &Measure::id) != builtin_measures().end();
      log.add(Problem{definition, m.line, 0, Severity::warning, std::string(problem_code::shadows_id),
                      m.id + " is the id of a " + (builtin ? "built-in measure" : "measure of the rules") +
                          "; 'report --definition' refuses it: give it an id of its own"});
    }
  }
  log.count("measures", measures->size());
  log.count("targets", static_cast<std::size_t>(own_targets));
  log.count("examples", examples);
  log.count("failing", failures);
  if (!log.json()) {
    std::cerr << measures->size() << " measures, " << (own_targets == 0 ? "" : std::to_string(own_targets) + " targets, ")
              << examples << " examples, " << failures << " failing\n";
  }
  return failures == 0 ? exit_ok : exit_findings;
}

// Several files, or directories of them (their .toml files, in name order, recursively): each is
// validated as above. Exit 2 if any could not be used, else 1 if any has findings, else 0.
int run_validate_all(const std::vector<std::string>& inputs, const RulesOptions& rules_options, ProblemLog& log) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    std::error_code error;
    if (!std::filesystem::is_directory(input, error)) {
      files.push_back(input);  // a file, or a path run_validate reports as unusable
      continue;
    }
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(input, error)) {
      if (entry.is_regular_file() && entry.path().extension() == ".toml") found.push_back(entry.path().string());
    }
    if (error || found.empty()) {
      log.unusable(input, input + ": " + (error ? "cannot be read: " + error.message() : std::string("holds no .toml file")));
      return exit_usage;
    }
    std::ranges::sort(found);
    files.insert(files.end(), found.begin(), found.end());
  }
  // The rules, once for every file: problems in them are the council's --local directory's.
  const auto rules = load_rules_diagnosed(rules_options);
  if (!rules) {
    for (const Diagnostic& d : rules.error().diagnostics) log.add(problem_of(d));
    log.unusable(rules_options.local.empty() ? rules_options.dir.value_or("") : rules_options.local.back(), rules.error().message);
    return exit_usage;
  }
  const auto carried = rulebook_measures(*rules);
  if (!carried) {
    for (const Diagnostic& d : carried.error()) log.add(problem_of(d));
    log.unusable(std::string(), "the measures of the rules have problems");
    return exit_usage;
  }
  int worst = exit_ok;
  log.count("files", files.size());
  for (const std::string& file : files) {
    if (files.size() > 1 && !log.json()) std::cerr << file << ":\n";
    worst = std::max(worst, run_validate(file, *rules, *carried, !rules_options.local.empty(), log));
  }
  return worst;
}

}  // namespace

void add_report_commands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ReportCli>();
  CLI::App* cmd = app.add_subcommand("report", "Performance measures over periods and groups");
  cmd->add_option("events", o->events, "The case events (CSV)");
  cmd->add_flag("--list", o->list,
                "List the measures (id, title, standard, basis, target) and exit: a line each, tab-separated, or a "
                "JSON array with --format json");
  cmd->add_option("--measure", o->measures, "A measure id (repeatable); see 'timescales report --list'");
  cmd->add_flag("--all", o->all, "Every measure");
  cmd->add_option("--definition", o->definitions, "Also load measure definitions from this file (repeatable)");
  cmd->add_option("--from", o->from, "First day reported (default: the start of the financial year of the earliest event)");
  cmd->add_option("--to", o->to, "Last day reported (default: as of)");
  cmd->add_option("--period", o->period, "month, quarter or year (Welsh financial year, April to March)")
      ->check(CLI::IsMember({"month", "quarter", "year"}))->capture_default_str();
  cmd->add_option("--by", o->by, "Count each group of these carried columns too (comma-separated: team,worker)");
  cmd->add_option("--as-of", o->as_of, "Judge statuses on this date (default: the latest event date)");
  cmd->add_option("--format", o->format,
                  "csv, json (one array of objects, a row each, keyed by the CSV's columns), markdown or xlsx (an "
                  "Excel workbook, a sheet per measure: needs --out)")
      ->check(CLI::IsMember({"csv", "json", "markdown", "xlsx"}))
      ->capture_default_str();
  cmd->add_option("-o,--out", o->out, "Write the report here instead of standard output");
  cmd->add_option("--drill-down", o->drill_down, "Write the obligations behind every figure here (CSV)");
  cmd->add_flag("--explain", o->explain, "Add each obligation's explanation to the drill-down");
  cmd->add_option("--rejected", o->rejected, "Write rejected rows here (CSV: line,case_id,column,reason)");
  cmd->add_flag("--strict", o->strict, "Exit 1 when any row was rejected");
  add_input_options(cmd, o->input);
  add_rules_options(cmd, o->rules);
  add_language_option(cmd, o->language);
  cmd->callback([o, &exit_code] { exit_code = run_report(*o); });

  auto definitions = std::make_shared<std::vector<std::string>>();
  auto rules_options = std::make_shared<RulesOptions>();
  auto validate_format = std::make_shared<std::string>("text");
  CLI::App* validate = app.add_subcommand(
      "validate-report", "Check measure definitions against the rules and run their examples: exit 0 clean, 1 findings, 2 unusable");
  validate->add_option("definitions", *definitions, "Measure definition files (TOML), or directories of them")->required();
  add_rules_options(validate, *rules_options);
  add_problem_format_option(validate, *validate_format);
  validate->callback([definitions, rules_options, validate_format, &exit_code] {
    ProblemLog log("validate-report", *validate_format == "json");
    exit_code = run_validate_all(*definitions, *rules_options, log);
    log.finish(std::cout);
  });
}

}  // namespace timescales::cli
