#include "cli/problems.hpp"

#include <algorithm>
#include <iostream>

#include "timescales/write.hpp"

namespace timescales::cli {

std::string_view name(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

Problem problem_of(const Diagnostic& d) {
  return Problem{d.file, d.line, d.column, Severity::error, "",
                 d.hint.empty() ? d.message : d.message + " (" + d.hint + ")"};
}

Problem example_problem(std::string file, int line, const std::string& what, const std::vector<std::string>& differences) {
  std::string message = what + " does not hold:";
  for (const std::string& d : differences) message += (&d == &differences.front() ? " " : "; ") + d;
  return Problem{std::move(file), line, 0, Severity::error, std::string(problem_code::example), std::move(message)};
}

void add_problem_format_option(CLI::App* cmd, std::string& format) {
  cmd->add_option("--format", format,
                  "text: each problem as FILE:LINE:COLUMN: SEVERITY: MESSAGE on standard error (the default); json: one "
                  "document on standard output, {command, problems: [{file, line, column, severity, code, message}], "
                  "summary, notes}")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
}

std::string to_text(const Problem& p) {
  std::string out = p.file;
  if (p.line > 0) out += ":" + std::to_string(p.line);
  if (p.line > 0 && p.column > 0) out += ":" + std::to_string(p.column);
  out += ": " + std::string(name(p.severity)) + ": ";
  // One problem, one line (docs/ci.md: a problem matcher reads them a line at a time): a message
  // quoting a text that runs over lines (a setting's summary) has its line breaks as spaces.
  for (const char c : p.message) out += c == '\n' || c == '\r' ? ' ' : c;
  return out;
}

void ProblemLog::add(Problem problem) {
  if (!json_) std::cerr << to_text(problem) << "\n";
  problems_.push_back(std::move(problem));
}

void ProblemLog::unusable(std::string file, std::string message) {
  if (!json_) std::cerr << "timescales " << command_ << ": " << message << "\n";
  problems_.push_back(Problem{std::move(file), 0, 0, Severity::error, std::string(problem_code::unusable), std::move(message)});
}

void ProblemLog::note(const std::string& text) {
  if (!json_) std::cerr << text << "\n";
  notes_.push_back(text);
}

void ProblemLog::count(std::string_view key, std::size_t n) {
  const auto it = std::ranges::find(counts_, key, &std::pair<std::string, std::size_t>::first);
  if (it != counts_.end()) it->second += n;
  else counts_.emplace_back(key, n);
}

std::size_t ProblemLog::errors() const {
  return static_cast<std::size_t>(std::ranges::count(problems_, Severity::error, &Problem::severity));
}

void ProblemLog::finish(std::ostream& out) const {
  if (!json_) return;
  const auto number_or_null = [&](int n) {
    if (n > 0) out << n;
    else out << "null";
  };
  out << "{\"command\":";
  write_json_string(out, command_);
  out << ",\n\"problems\":[";
  for (const Problem& p : problems_) {
    out << (&p == &problems_.front() ? "\n" : ",\n") << "{\"" << problem_keys[0] << "\":";
    write_json_string(out, p.file);
    out << ",\"" << problem_keys[1] << "\":";
    number_or_null(p.line);
    out << ",\"" << problem_keys[2] << "\":";
    number_or_null(p.line > 0 ? p.column : 0);
    out << ",\"" << problem_keys[3] << "\":\"" << name(p.severity) << "\",\"" << problem_keys[4] << "\":";
    if (p.code.empty()) out << "null";
    else write_json_string(out, p.code);
    out << ",\"" << problem_keys[5] << "\":";
    write_json_string(out, p.message);
    out << "}";
  }
  out << (problems_.empty() ? "],\n" : "\n],\n") << "\"summary\":{\"errors\":" << errors()
      << ",\"warnings\":" << problems_.size() - errors();
  for (const auto& [key, n] : counts_) {
    out << ',';
    write_json_string(out, key);
    out << ':' << n;
  }
  out << "},\n\"notes\":[";
  for (const std::string& n : notes_) {
    if (&n != &notes_.front()) out << ',';
    write_json_string(out, n);
  }
  out << "]}\n";
}

}  // namespace timescales::cli
