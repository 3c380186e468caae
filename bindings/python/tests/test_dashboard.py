"""The dashboard in a real browser (Debian's chromium, headless): it renders without a console
message, its figures in the DOM are those of ``timescales report`` for the same arguments, the
charts are drawn, the duties behind a figure and the worklist open, the tables sort, the page
switches between English and Welsh (and opens in Welsh with ``--lang cy`` or ``#cy``), and
screenshots of the sample's page in both languages are kept as build artefacts (build/artefacts/).
Python's ``timescales.dashboard`` writes the same page as the tool."""

from __future__ import annotations

import csv
import html.parser
import json
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, SAMPLE
from support import run_tool

import timescales

TARGETS = REPO / "examples" / "dashboard" / "targets.toml"
ARTEFACTS = REPO / "build" / "artefacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# What the browser test does to the page after it loads (appended to a copy, never to the page):
# open every <details>, and sort the sortable table with the most rows by its first column, twice
# (descending), marking it for the parser.
DRIVER = """<script>
document.querySelectorAll("details").forEach(function (d) { d.open = true; });
var tables = Array.prototype.slice.call(document.querySelectorAll("table.sortable"));
tables.sort(function (a, b) { return b.tBodies[0].rows.length - a.tBodies[0].rows.length; });
tables[0].setAttribute("data-test-sorted", "");
var b = tables[0].querySelector("thead th button");
b.click(); b.click();
</script>"""


# What the language tests read from the page once it has loaded (appended to a copy, as DRIVER is;
# a reader clicks a loaded page, and the browser's own scroll to the address's #fragment when
# loading ends moves the focus): optionally click the switch first, then write what is shown into an attribute of
# <body> for the dumped DOM: the page's lang and title, the copy shown, its heading, and how many
# pixels each of its charts has drawn (Chart.js's instance, and the canvas itself, read back).
PROBE = """<script>
window.addEventListener("load", function () {
  var click = %s;
  if (click) document.querySelector("div.language:not([hidden]) .switch a").click();
  setTimeout(function () {
    var shown = Array.prototype.slice.call(document.querySelectorAll("div.language"))
      .filter(function (c) { return !c.hidden && getComputedStyle(c).display !== "none"; });
    var copy = shown[0];
    var charts = Array.prototype.slice.call(copy.querySelectorAll("canvas")).map(function (canvas) {
      var chart = Chart.getChart(canvas);
      var pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      var painted = 0;
      for (var i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) painted++;
      return { width: chart ? chart.width : 0, height: chart ? chart.height : 0, painted: painted,
               label: chart ? String(chart.data.labels[0][0]) : "" };
    });
    document.body.setAttribute("data-probe", JSON.stringify({
      lang: document.documentElement.lang, title: document.title, hash: location.hash,
      shown: shown.map(function (c) { return c.id; }), h1: copy.querySelector("h1").textContent,
      h2: copy.querySelector("h2").textContent, switch_text: copy.querySelector(".switch a").textContent,
      switch_lang: copy.querySelector(".switch a").lang, focused: document.activeElement.tagName, charts: charts }));
  }, 200);
});
</script>"""


def probe(page: Path, tmp_path: Path, fragment: str = "", click: bool = False) -> dict:
    """What a reader sees of `page` (opened at `fragment`, after clicking the switch if `click`)."""
    driven = tmp_path / f"probe-{fragment.strip('#') or 'page'}-{int(click)}.html"
    driven.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE % ("true" if click else "false") + "</body>"),
                      encoding="utf-8")
    r = chromium(tmp_path, "--virtual-time-budget=5000", "--dump-dom", driven.as_uri() + fragment)
    assert r.returncode == 0, r.stderr[-2000:]
    assert console_messages(r.stderr) == []
    found = ProbeReader()
    found.feed(r.stdout)
    assert found.probe is not None, r.stdout[-2000:]
    return found.probe


class ProbeReader(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.probe: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "body" and a.get("data-probe"):
            self.probe = json.loads(a["data-probe"] or "")


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM, "chromium is not installed (scripts/setup.sh installs it)"
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0", *args],
                          capture_output=True, text=True, timeout=180, check=False)


def console_messages(stderr: str) -> list[str]:
    """What the page said on its console (chromium logs each as INFO:CONSOLE), errors included."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


class Dom(html.parser.HTMLParser):
    """The elements of a dumped DOM that the tests read. `context` is the stack of the open
    <details> and <table> elements that matter, innermost last, so that a table nested in a row
    (the duties behind a group's figure) is told from the row's own table."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[dict[str, str]] = []
        self.canvases: list[dict[str, str]] = []
        self.behind: dict[str, int] = {}  # figure id -> rows listed
        self.worklist: dict[str, int] = {}
        self.sorted_first_column: list[str] = []
        self.aria_sort: list[str] = []
        self.context: list[tuple[str, str]] = []  # (tag, what): ("details", "f12"), ("table", "sorted")...
        self.divs: list[str] = []  # the open <div>s: a language copy's id ("en", "cy"), or ""
        self.copies: dict[str, bool] = {}  # each language copy: shown (not hidden)?
        self._cell: str | None = None

    def _innermost(self, tag: str) -> tuple[str, str] | None:
        return next((c for c in reversed(self.context) if c[0] == tag), None)

    def language(self) -> str:
        return next((d for d in reversed(self.divs) if d), "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "div":
            copy = a.get("id", "") if "language" in a.get("class", "").split() else ""
            self.divs.append(copy)
            if copy:
                self.copies[copy] = "hidden" not in a
        a["_language"] = self.language()
        if "data-measure" in a and tag in ("article", "tr", "td"):
            self.figures.append(a)
        if tag == "canvas":
            self.canvases.append(a)
        if tag == "details":
            what = a.get("data-figure") or a.get("data-worklist") or ""
            self.context.append(("details", what))
            if "data-figure" in a:
                self.behind[what] = 0
            if "data-worklist" in a:
                self.worklist[what] = 0
        if tag == "table":
            self.context.append(("table", "sorted" if "data-test-sorted" in a else ""))
        if tag == "tbody":
            self.context.append(("tbody", ""))
        if tag == "th" and "aria-sort" in a and self._innermost("table") == ("table", "sorted"):
            self.aria_sort.append(a["aria-sort"])
        if tag == "tr" and self.context and self.context[-1][0] == "tbody":
            table = self.context[-2] if len(self.context) > 1 else None
            holder = self.context[-3] if len(self.context) > 2 else None
            if table == ("table", "sorted"):
                self._cell = ""
            elif holder and holder[0] == "details" and holder[1] in self.behind:
                self.behind[holder[1]] += 1
            elif holder and holder[0] == "details" and holder[1] in self.worklist:
                self.worklist[holder[1]] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.divs:
            self.divs.pop()
        if tag in ("details", "table", "tbody"):
            while self.context and self.context.pop()[0] != tag:
                pass
        if tag == "th" and self._cell is not None:
            self.sorted_first_column.append(self._cell.strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell += data


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's dashboard by team, with the example targets, as the README's demo writes it."""
    out = tmp_path_factory.mktemp("dashboard") / "dashboard.html"
    r = run_tool("dashboard", str(SAMPLE), "--by", "team", "--definition", str(TARGETS), "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out


def report_rows(tmp_path: Path) -> dict[tuple[str, str, str], dict[str, str]]:
    out = tmp_path / "report.csv"
    r = run_tool("report", str(SAMPLE), "--all", "--period", "quarter", "--by", "team", "--out", str(out))
    assert r.returncode == 0, r.stderr
    with out.open(newline="", encoding="utf-8") as f:
        return {(row["measure"], row["period_start"], row["group"]): row for row in csv.DictReader(f)}


def test_the_page_renders_in_a_browser_with_the_reports_figures(sample_page: Path, tmp_path: Path) -> None:
    driven = tmp_path / "driven.html"
    driven.write_text(sample_page.read_text(encoding="utf-8").replace("</body>", DRIVER + "</body>"), encoding="utf-8")
    r = chromium(tmp_path, "--virtual-time-budget=10000", "--dump-dom", driven.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    assert console_messages(r.stderr) == []  # no error, no warning, nothing
    dom = Dom()
    dom.feed(r.stdout)

    # Opened in English, the Welsh copy hidden.
    assert dom.copies == {"en": True, "cy": False}
    # Every figure on the page is the report's, figure by figure, in both copies.
    rows = report_rows(tmp_path)
    assert len(dom.figures) > 100
    assert len([f for f in dom.figures if f["_language"] == "cy"]) == len(dom.figures) // 2
    for f in dom.figures:
        row = rows[(f["data-measure"], f["data-period-start"], f["data-group"])]
        assert (f["data-period-end"], f["data-numerator"], f["data-denominator"], f["data-percentage"]) == \
            (row["period_end"], row["numerator"], row["denominator"], row["percentage"]), f
    # Every figure of all (the tiles and the trends' tables) is on the page; so is every group's
    # figure of each measure's latest period.
    shown = {(f["data-measure"], f["data-period-start"], f["data-group"]) for f in dom.figures if f["_language"] == "en"}
    latest = {}
    for (measure, start, _group) in rows:
        latest[measure] = max(latest.get(measure, ""), start)
    for key in rows:
        if key[2] == "all" or key[1] == latest[key[0]]:
            assert key in shown, key
    # A tile per measure, judged against its target where one is set.
    tiles = [f for f in dom.figures if "tile" in f.get("class", "") and f["_language"] == "en"]
    assert len(tiles) == len({k[0] for k in rows})
    judged = [t for t in tiles if any(c in t["class"] for c in ("tile-green", "tile-amber", "tile-red"))]
    assert len(judged) == 4  # examples/dashboard/targets.toml sets four

    # Chart.js drew every percentage measure's chart in the copy shown (it sizes the canvas it draws
    # on); the Welsh copy's are drawn when it is first shown (test_the_switch_shows_the_page_in_welsh).
    canvases = [c for c in dom.canvases if c["_language"] == "en"]
    assert len(canvases) == 11  # 12 measures, one a count (CH/012)
    assert len(dom.canvases) == 22
    for c in canvases:
        assert c.get("role") == "img" and c.get("aria-label")
        assert int(c.get("width", "0")) > 0, c

    # The duties behind each figure (a report row: "f" and its index among the report's rows),
    # opened: as many as it counts, up to 200 in the latest period and 20 in an earlier one.
    index = {key: i for i, key in enumerate(rows)}
    assert dom.behind and all(n > 0 for n in dom.behind.values())
    checked = 0
    for key, row in rows.items():
        figure = f"f{index[key]}"
        counted = int(row["denominator"] or row["numerator"])
        if key in shown and counted:
            assert figure in dom.behind, key  # every figure on the page opens
        if figure in dom.behind:
            assert dom.behind[figure] == min(counted, 200 if key[1] == latest[key[0]] else 20), key
            checked += 1
    assert checked == len(dom.behind)
    assert dom.worklist and all(n > 0 for n in dom.worklist.values())

    # The first sortable table, sorted twice by its first column: descending.
    assert dom.aria_sort[0] == "descending"
    assert dom.sorted_first_column == sorted(dom.sorted_first_column, reverse=True)
    assert len(dom.sorted_first_column) > 1


@pytest.mark.parametrize(("name", "fragment"), [("dashboard-sample.png", ""), ("dashboard-sample-cy.png", "#cy")])
def test_a_screenshot_of_the_sample_is_kept(sample_page: Path, tmp_path: Path, name: str, fragment: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTEFACTS / name
    shot.unlink(missing_ok=True)
    r = chromium(tmp_path, "--window-size=1280,2400", "--hide-scrollbars", f"--screenshot={shot}",
                 sample_page.as_uri() + fragment)
    assert r.returncode == 0, r.stderr[-2000:]
    assert console_messages(r.stderr) == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2400)
    assert len(data) > 100_000  # text, tiles and charts, not a blank page


def welsh_words() -> tuple[str, str]:
    """The Welsh page title and first heading, from the catalogue the library's words come from."""
    po = (REPO / "po" / "cy.po").read_text(encoding="utf-8")
    def msgstr(msgid: str) -> str:
        after = po.split(f'msgid "{msgid}"\nmsgstr "', 1)[1]
        return after.split('"', 1)[0]
    return msgstr("Statutory timescales"), msgstr("Headline figures")


def assert_charts_drawn(seen: dict) -> None:
    assert len(seen["charts"]) == 11
    for chart in seen["charts"]:
        assert chart["width"] > 0 and chart["height"] > 0, chart
        assert chart["painted"] > 1000, chart  # lines, axes and labels, not an empty canvas


def test_the_switch_shows_the_page_in_welsh(sample_page: Path, tmp_path: Path) -> None:
    title, heading = welsh_words()
    english = probe(sample_page, tmp_path)
    assert (english["lang"], english["shown"], english["title"]) == ("en", ["en"], "Statutory timescales")
    assert english["h2"] == "Headline figures"
    assert (english["switch_text"], english["switch_lang"]) == ("Cymraeg", "cy")
    assert_charts_drawn(english)
    assert re.fullmatch(r"\d{4}-\d\d Q[1-4]", english["charts"][0]["label"])  # "2022-23 Q1"
    # The switch: the Welsh copy shown, the English one hidden, the page's lang and title Welsh, and
    # its charts drawn (after being hidden when the page opened) with Welsh period labels.
    welsh = probe(sample_page, tmp_path, click=True)
    assert (welsh["lang"], welsh["shown"], welsh["hash"]) == ("cy", ["cy"], "#cy")
    assert (welsh["title"], welsh["h1"], welsh["h2"]) == (title, title, heading)
    assert (welsh["switch_text"], welsh["switch_lang"]) == ("English", "en")
    assert welsh["focused"] == "H1"  # not lost with the hidden switch: on the Welsh heading
    assert_charts_drawn(welsh)
    assert re.fullmatch(r"\d{4}-\d\d Ch[1-4]", welsh["charts"][0]["label"])  # "2022-23 Ch1"
    # The address with #cy opens in Welsh, and the switch back from there to English.
    def but(seen: dict, *keys: str) -> dict:
        return {k: v for k, v in seen.items() if k not in keys}
    assert but(probe(sample_page, tmp_path, fragment="#cy"), "focused") == but(welsh, "focused")
    back = probe(sample_page, tmp_path, fragment="#cy", click=True)
    assert but(back, "hash", "focused") == but(english, "hash", "focused")
    assert (back["hash"], back["focused"]) == ("#en", "H1")
    # A link inside the Welsh copy (its contents) keeps it shown.
    assert probe(sample_page, tmp_path, fragment="#cy-trends")["shown"] == ["cy"]


def test_a_welsh_page_opens_in_welsh(tmp_path: Path) -> None:
    title, heading = welsh_words()
    page = tmp_path / "cy.html"
    r = run_tool("dashboard", str(SAMPLE), "--by", "team", "--definition", str(TARGETS), "--lang", "cy", "--out", str(page))
    assert r.returncode == 0, r.stderr
    text = page.read_text(encoding="utf-8")
    assert text.startswith('<!DOCTYPE html>\n<html lang="cy">') and f"<title>{title}</title>" in text
    welsh = probe(page, tmp_path)
    assert (welsh["lang"], welsh["shown"], welsh["title"], welsh["h2"]) == ("cy", ["cy"], title, heading)
    assert_charts_drawn(welsh)
    english = probe(page, tmp_path, click=True)
    assert (english["lang"], english["shown"], english["h2"]) == ("en", ["en"], "Headline figures")
    assert_charts_drawn(english)
    # Python's lang="cy" writes the same page.
    events = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    local = tmp_path / "council"
    (local / "measures").mkdir(parents=True)
    shutil.copy(TARGETS, local / "measures" / "targets.toml")
    tool_page = tmp_path / "tool-cy.html"
    r = run_tool("dashboard", str(SAMPLE), "--by", "team", "--local", str(local), "--lang", "cy", "--out", str(tool_page))
    assert r.returncode == 0, r.stderr
    written = timescales.dashboard(events, tmp_path / "python-cy.html", by="team", local=local, lang="cy")
    assert written.read_bytes() == tool_page.read_bytes()


def test_the_page_prints(sample_page: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "dashboard.pdf"
    r = chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", sample_page.as_uri())
    assert r.returncode == 0, r.stderr[-2000:]
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert pdf.stat().st_size > 50_000


def test_python_writes_the_tools_page(tmp_path: Path) -> None:
    # The targets through a council's local directory, as --local gives them to the tool.
    local = tmp_path / "council"
    (local / "measures").mkdir(parents=True)
    shutil.copy(TARGETS, local / "measures" / "targets.toml")
    tool_page = tmp_path / "tool.html"
    r = run_tool("dashboard", str(SAMPLE), "--by", "team", "--local", str(local), "--out", str(tool_page))
    assert r.returncode == 0, r.stderr
    events = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    written = timescales.dashboard(events, tmp_path / "python.html", by="team", local=local)
    assert written == tmp_path / "python.html"
    assert written.read_bytes() == tool_page.read_bytes()
    # From evaluate()'s result too, without evaluating again.
    result = timescales.evaluate(events, local=local)
    again = timescales.dashboard(result, tmp_path / "again.html", by="team")
    assert again.read_bytes() == tool_page.read_bytes()


def test_python_dashboard_errors(tmp_path: Path) -> None:
    events = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    with pytest.raises(timescales.TimescalesError, match="period must be quarter, month or year"):
        timescales.dashboard(events, tmp_path / "x.html", period="whole")
    with pytest.raises(timescales.TimescalesError, match="not a carried column"):
        timescales.dashboard(events, tmp_path / "x.html", by="region")
    with pytest.raises(timescales.TimescalesError, match="unknown measure"):
        timescales.dashboard(events, tmp_path / "x.html", measures="wales.nothing")
    with pytest.raises(timescales.TimescalesError, match="rows_behind"):
        timescales.dashboard(events, tmp_path / "x.html", rows_behind=0)
