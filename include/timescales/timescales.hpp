// The whole stable C++ API in one include: every header that `cmake --install` installs (the list
// in CMakeLists.txt, TIMESCALES_PUBLIC_HEADERS) but the C API's timescales.h. The README's
// "Stable API" says what each is for. tests/ compiles this file against the installed headers
// alone and checks that it names every one of them.
#pragma once

// The date core: dates, bank holidays, working-day calendars, legal periods.
#include "timescales/date.hpp"
#include "timescales/holiday.hpp"
#include "timescales/calendar.hpp"
#include "timescales/calendars.hpp"
#include "timescales/period.hpp"
#include "timescales/reckoning.hpp"

// Rules and their loading.
#include "timescales/vocabulary.hpp"
#include "timescales/rule.hpp"
#include "timescales/rulebook.hpp"
#include "timescales/source.hpp"
#include "timescales/diagnostic.hpp"
#include "timescales/load.hpp"
#include "timescales/load_measures.hpp"
#include "timescales/examples.hpp"

// Events in, obligations out.
#include "timescales/event.hpp"
#include "timescales/date_format.hpp"
#include "timescales/export_format.hpp"
#include "timescales/event_csv.hpp"
#include "timescales/compact_optional.hpp"
#include "timescales/obligation.hpp"
#include "timescales/obligation_columns.hpp"
#include "timescales/cores.hpp"
#include "timescales/engine.hpp"
#include "timescales/explain.hpp"
#include "timescales/write.hpp"

// Measures and reconciliation.
#include "timescales/measure.hpp"
#include "timescales/report.hpp"
#include "timescales/target.hpp"
#include "timescales/theirs_csv.hpp"
#include "timescales/reconcile.hpp"
#include "timescales/worklist.hpp"
#include "timescales/worklist_columns.hpp"

// Errors and text.
#include "timescales/error.hpp"
#include "timescales/utf8.hpp"
#include "timescales/short_text.hpp"
#include "timescales/language.hpp"
#include "timescales/wording.hpp"
#include "timescales/rule_text.hpp"
