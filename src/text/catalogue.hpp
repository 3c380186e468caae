// The library's sentences in the reader's language. English is written in the code, as the
// message ids of gettext catalogues; every other language is a catalogue, po/LANG.po, kept with
// GNU gettext's tools (scripts/update-po.sh) and compiled into the library at build time
// (cmake/embed_catalogues.cmake). Plural forms, and with them Welsh mutations after numbers, are
// chosen by the catalogue's own Plural-Forms rule.
//
// Messages are marked for xgettext by these functions' names: say (msgid second), say_n (singular
// and plural second and third), marked (context first, msgid second). A message's fields are {0},
// {1}, ... (gettext's python-brace-format: msgfmt --check refuses a translation whose fields
// differ), filled by position.
//
// Why not Boost.Locale or glibc's gettext: Boost.Locale's gettext reader brings ICU (about 30 MB)
// into every binary and the wheel, and glibc chooses the language for the whole process; the
// language here is a parameter, and a catalogue is immutable, shared by every thread.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "timescales/language.hpp"

namespace timescales::text {

// The translation of msgid (msgid itself in English, or where a catalogue lacks it).
std::string_view translate(Language language, std::string_view msgid);
// A message with a context ("weekday", "month": pgettext's msgctxt), marked where it is written
// (in a table, say) and translated where it is used, by word().
struct Marked {
  std::string_view context, msgid;
};
constexpr Marked marked(std::string_view context, std::string_view msgid) { return {context, msgid}; }
std::string_view word(Language language, Marked message);
// The form for n: ngettext.
std::string_view translate_n(Language language, std::string_view singular, std::string_view plural, unsigned long n);

// {0}, {1}, ... replaced by fields; {{ and }} are braces.
std::string fill(std::string_view pattern, std::initializer_list<std::string_view> fields);
std::string fill(std::string_view pattern, std::span<const std::string> fields);

inline std::string say(Language language, std::string_view msgid, std::initializer_list<std::string_view> fields = {}) {
  return fill(translate(language, msgid), fields);
}
inline std::string say_n(Language language, std::string_view singular, std::string_view plural, unsigned long n,
                         std::initializer_list<std::string_view> fields) {
  return fill(translate_n(language, singular, plural, n), fields);
}

}  // namespace timescales::text
