#!/usr/bin/env bash
# The message catalogues (po/), kept with GNU gettext's tools (Debian's gettext):
#   bash scripts/update-po.sh          extracts the messages of the code into po/timescales.pot
#                                      (xgettext) and merges them into each po/LANG.po (msgmerge)
#   bash scripts/update-po.sh --check  fails when po/timescales.pot is not what the code says, or
#                                      when a catalogue lacks a translation or holds a fuzzy one;
#                                      the test suite runs it
# Messages are marked by the functions of src/text/catalogue.hpp: say, say_n and marked; and the
# reasons of rejected rows by because() (timescales/error.hpp).
set -euo pipefail
cd "$(dirname "$0")/.."
# The text layer, and the readers of events, whose rejected rows' reasons are marked by because()
# (timescales/error.hpp) where they are found.
sources=(src/text/*.cpp include/timescales/event.hpp src/io/date_format.cpp src/io/event_csv.cpp src/capi/capi.cpp
  bindings/python/src/marshal.cpp)
extract() {
  xgettext --language=C++ --from-code=UTF-8 --add-location=file --sort-by-file --omit-header \
    --keyword= --keyword=say:2 --keyword=say_n:2,3 --keyword=marked:1c,2 --keyword=because:1 \
    --output=- "${sources[@]}" |
    # Every message's {N} fields are python-brace-format, which msgfmt --check holds translations to
    # (xgettext's --flag does not reach C++ sources).
    awk '/^#: / { print; print "#, python-brace-format"; next } { print }' >"$1"
}
if [ "${1:-}" = "--check" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  extract "$work/timescales.pot"
  if ! diff -u po/timescales.pot "$work/timescales.pot"; then
    echo "update-po: po/timescales.pot is not what the code says: run bash scripts/update-po.sh" >&2
    exit 1
  fi
  status=0
  for po in po/*.po; do
    # Every message of the template translated, none fuzzy (msgcmp counts neither as present).
    if ! msgcmp "$po" po/timescales.pot; then
      echo "update-po: $po lacks translations (above)" >&2
      status=1
    fi
    msgfmt --check --output-file=/dev/null "$po" || status=1
  done
  exit $status
fi
extract po/timescales.pot
for po in po/*.po; do
  msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" po/timescales.pot
done
echo "update-po: po/timescales.pot and $(ls po/*.po | tr '\n' ' ')updated; translate what msgcmp reports" >&2
