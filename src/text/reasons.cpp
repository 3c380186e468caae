// Why rows of events were rejected, said in a language: a reason keeps its English pattern and
// its fields' values (error.hpp's Reason), so that the hot path of good rows builds no text and a
// reason is translated only when a person reads it.
#include "text/catalogue.hpp"
#include "timescales/error.hpp"
#include "timescales/event.hpp"

namespace timescales {

Reason because(std::string_view pattern, std::vector<std::string> fields) {
  std::string text = text::fill(pattern, std::span<const std::string>(fields));
  return Reason{std::move(text), pattern, std::move(fields)};
}

std::string reason_in(const Rejection& rejection, Language language) {
  if (language == Language::en || rejection.pattern.empty()) return rejection.reason;
  return text::fill(text::translate(language, rejection.pattern), std::span<const std::string>(rejection.fields));
}

}  // namespace timescales
