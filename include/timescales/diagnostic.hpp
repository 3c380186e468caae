// What the loaders say about a data file: where (file, line, column), what is wrong and, where it
// can tell, what was meant. Loading never stops at the first problem when it can go on.
#pragma once

#include <string>
#include <vector>

namespace timescales {

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when the problem is the file as a whole
  int column = 0;  // 1-based; 0 when unknown
  std::string message;
  std::string hint;  // "did you mean 'working days'?"; empty when there is nothing to suggest

  // "rules/wales/cp.toml:12:9: unknown key 'limt' (did you mean 'limit'?)"
  [[nodiscard]] std::string to_string() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    if (line > 0 && column > 0) out += ":" + std::to_string(column);
    out += ": " + message;
    if (!hint.empty()) out += " (" + hint + ")";
    return out;
  }
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace timescales
