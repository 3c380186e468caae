#include "text/catalogue.hpp"

#include <algorithm>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

namespace timescales::catalogues {
std::span<const unsigned char> cy_mo();  // generated/catalogues.cpp
int cy_plural(unsigned long n);
}  // namespace timescales::catalogues

namespace timescales::text {

namespace {

// A compiled catalogue (GNU gettext's MO format, "The Format of GNU MO Files" in its manual): a
// header of 32-bit words, then two tables of (length, offset), the originals and their
// translations. An original is "context\x04msgid", and a plural one "singular\0plural"; a plural
// translation is its forms separated by \0. Read once into a sorted index; never changed after.
class Catalogue {
 public:
  Catalogue(std::span<const unsigned char> mo, int (*plural)(unsigned long)) : mo_(mo), plural_(plural) {
    const std::uint32_t magic = word_at(0);
    swapped_ = magic == 0xde120495u;
    if (!swapped_ && magic != 0x950412deu) throw std::logic_error("an embedded message catalogue is not an MO file");
    const std::uint32_t count = word_at(8), originals = word_at(12), translations = word_at(16);
    index_.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      std::string_view original = string_at(originals + 8 * i);
      original = original.substr(0, original.find('\0'));  // a plural's singular is its key
      if (!original.empty()) index_.emplace_back(original, string_at(translations + 8 * i));
    }
    std::ranges::sort(index_);
  }

  // The translation's forms joined by \0; empty when the catalogue has none.
  std::string_view find(std::string_view key) const {
    const auto at = std::ranges::lower_bound(index_, key, {}, &Entry::first);
    return at != index_.end() && at->first == key ? at->second : std::string_view{};
  }

  std::string_view form(std::string_view forms, unsigned long n) const {
    int wanted = plural_(n);
    while (wanted-- > 0 && forms.find('\0') != std::string_view::npos) forms.remove_prefix(forms.find('\0') + 1);
    return forms.substr(0, forms.find('\0'));
  }

 private:
  using Entry = std::pair<std::string_view, std::string_view>;

  std::uint32_t word_at(std::size_t at) const {
    if (at + 4 > mo_.size()) throw std::logic_error("an embedded message catalogue is truncated");
    std::uint32_t w = 0;
    for (int b = 0; b < 4; ++b) w |= static_cast<std::uint32_t>(mo_[at + static_cast<std::size_t>(b)]) << (8 * b);
    return swapped_ ? __builtin_bswap32(w) : w;
  }
  std::string_view string_at(std::size_t table_entry) const {
    const std::uint32_t length = word_at(table_entry), offset = word_at(table_entry + 4);
    if (std::size_t{offset} + length > mo_.size()) throw std::logic_error("an embedded message catalogue is truncated");
    return {reinterpret_cast<const char*>(mo_.data()) + offset, length};
  }

  std::span<const unsigned char> mo_;
  int (*plural_)(unsigned long);
  bool swapped_ = false;
  std::vector<Entry> index_;
};

// English has no catalogue: its messages are the ids.
const Catalogue* catalogue(Language language) {
  switch (language) {
    case Language::en: return nullptr;
    case Language::cy: {
      static const Catalogue cy(catalogues::cy_mo(), catalogues::cy_plural);
      return &cy;
    }
  }
  return nullptr;
}

}  // namespace

std::string_view translate(Language language, std::string_view msgid) {
  const Catalogue* c = catalogue(language);
  if (c == nullptr) return msgid;
  const std::string_view found = c->find(msgid);
  return found.empty() ? msgid : c->form(found, 1);
}

std::string_view word(Language language, Marked message) {
  const Catalogue* c = catalogue(language);
  if (c == nullptr) return message.msgid;
  std::string key;
  key.reserve(message.context.size() + 1 + message.msgid.size());
  key.append(message.context).append(1, '\x04').append(message.msgid);
  const std::string_view found = c->find(key);
  return found.empty() ? message.msgid : found.substr(0, found.find('\0'));
}

std::string_view translate_n(Language language, std::string_view singular, std::string_view plural, unsigned long n) {
  const Catalogue* c = catalogue(language);
  const std::string_view found = c == nullptr ? std::string_view{} : c->find(singular);
  if (found.empty()) return n == 1 ? singular : plural;  // gettext's rule for the source language
  return c->form(found, n);
}

namespace {

template <class Fields>
std::string fill_fields(std::string_view pattern, const Fields& fields) {
  // GCC 12 has no std::format; these messages need only positional fields, which msgfmt checks.
  std::string out;
  out.reserve(pattern.size() + 16 * fields.size());
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if ((c == '{' || c == '}') && i + 1 < pattern.size() && pattern[i + 1] == c) {
      out += c;
      ++i;
    } else if (c == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
               static_cast<std::size_t>(pattern[i + 1] - '0') < fields.size()) {
      out += fields.begin()[pattern[i + 1] - '0'];
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string fill(std::string_view pattern, std::initializer_list<std::string_view> fields) {
  return fill_fields(pattern, fields);
}

std::string fill(std::string_view pattern, std::span<const std::string> fields) { return fill_fields(pattern, fields); }

}  // namespace timescales::text
