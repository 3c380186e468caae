// The dashboard's script (src/dashboard/dashboard.cpp writes the page): draws each trend with
// Chart.js, sorts tables by a column, and lists the duties behind a figure or in a worklist group
// when its <details> opens, and shows the page in the language chosen. Everything it shows comes
// from the page's JSON (#dashboard-data), words included: the page's text layer is the library's,
// not this file. The page holds a copy of its body per language (div.language, id "en" or "cy");
// the data is once, its words (data.words, and data.text indexed from the data) per language.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dashboard-data").textContent);
  var root = document.documentElement;
  root.classList.add("js");  // from here the script, not the style sheet's :target, picks the copy shown

  // --- Trends: one line chart per measure, percentages by period, with the target if one is set;
  // drawn when its language is first shown, so that Chart.js never sizes a hidden canvas.
  var styles = { solid: [], dashed: [8, 4], dotted: [2, 3] };
  var drawn = {};
  function draw(language) {
    if (drawn[language] || typeof Chart === "undefined") return;
    drawn[language] = true;
    var words = data.words[language], text = data.text[language];
    data.charts.forEach(function (chart) { drawChart(chart, language, words, text); });
  }
  function drawChart(chart, language, words, text) {
    var canvas = document.getElementById(language + "-" + chart.id);
    if (!canvas) return;
    var labels = chart.points.map(function (p) { return [text[p.label], words.n + p.n]; });
    var datasets = [{
      label: words.percentage,
      data: chart.points.map(function (p) { return p.value; }),
      borderColor: "#1d70b8",
      backgroundColor: chart.points.map(function (p) { return p.hollow ? "#ffffff" : "#1d70b8"; }),
      borderDash: styles[chart.style] || [],
      pointRadius: 5,
      pointBorderWidth: 2,
      spanGaps: false  // a period with nothing counted is a gap, not a value
    }];
    if (chart.target !== null) {
      datasets.push({
        label: words.target + " " + chart.target + "%",
        data: chart.points.map(function () { return chart.target; }),
        borderColor: "#505a5f",  // grey, thinner and without points: never a measure's own line
        borderWidth: 1.5,
        pointRadius: 0,
        fill: false
      });
    }
    new Chart(canvas, {
      type: "line",
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + "%"; } } } },
        plugins: { legend: { labels: { color: "#0b0c0c" } } }
      }
    });
  }

  // --- The language shown: the copy the address's # points into ("#cy", or "#cy-trends" from its
  // contents), else the one the page opened in; the page's lang and title follow it.
  var copies = Array.prototype.slice.call(document.querySelectorAll("div.language"));
  var opening = copies.filter(function (c) { return !c.hidden; })[0] || copies[0];
  var shown = null;
  function copyOf(hash) {
    if (!hash || hash.length < 2) return null;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    return target ? target.closest("div.language") : null;
  }
  function show(copy) {
    if (copy === shown) return;
    shown = copy;
    copies.forEach(function (c) { c.hidden = c !== copy; });
    root.lang = copy.id;
    document.title = data.words[copy.id].title;
    draw(copy.id);
  }
  show(copyOf(location.hash) || opening);
  var target = location.hash.length > 1 && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target !== shown) target.scrollIntoView();  // it was hidden when the browser looked for it
  // The switch itself is then hidden: focus moves to the heading, which a screen reader then reads
  // in the language switched to, as it would the title of a page newly opened.
  function switchTo(copy) {
    show(copy);
    var heading = copy.querySelector("h1");
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
  // The switch's links change the address without following it: following "#cy" would make the
  // browser scroll to that copy's <div> once laid out and, as it cannot take focus, clear the focus
  // given to the heading. The address still says #cy, to share; Back returns by hashchange.
  document.querySelectorAll(".switch a").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var copy = copyOf(link.getAttribute("href"));
      if (!copy) return;
      event.preventDefault();
      history.pushState(null, "", link.getAttribute("href"));
      switchTo(copy);
    });
  });
  window.addEventListener("hashchange", function () {
    var copy = copyOf(location.hash);
    if (!copy || copy === shown) return;
    if (location.hash.slice(1) === copy.id) switchTo(copy);
    else show(copy);
  });

  // --- Sortable tables: a button in each heading sorts the rows by that column (numbers as numbers).
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headings = table.querySelectorAll("thead th");
    headings.forEach(function (th, column) {
      var button = th.querySelector("button");
      if (!button) return;
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headings.forEach(function (other) { if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var cell = row.cells[column];
          var sort = cell.getAttribute("data-sort");
          var text = sort !== null ? sort : cell.textContent.trim();
          var number = Number(text);
          return text !== "" && !isNaN(number) ? number : text;
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });

  // --- The rows behind a figure, and a worklist group's rows: built when first opened.
  function cell(tag, text) {
    var element = document.createElement(tag);
    element.textContent = text;
    if (tag === "th") element.scope = "col";
    return element;
  }
  function table(headings, rows) {
    var t = document.createElement("table");
    var head = t.createTHead().insertRow();
    headings.forEach(function (h) { head.appendChild(cell("th", h)); });
    var body = t.createTBody();
    rows.forEach(function (values) {
      var tr = body.insertRow();
      values.forEach(function (v) {
        if (v instanceof Node) { var td = document.createElement("td"); td.appendChild(v); tr.appendChild(td); }
        else tr.appendChild(cell("td", v));
      });
    });
    return t;
  }
  function why(words, text) {
    var details = document.createElement("details");
    details.appendChild(cell("summary", words.why));
    details.appendChild(cell("p", text));
    return details;
  }
  function fillOnOpen(details, build) {
    details.addEventListener("toggle", function () {
      var holder = details.querySelector(".rows");
      if (!details.open || holder.childNodes.length) return;
      holder.appendChild(build());
    });
  }
  function wordsOf(details) { return data.words[details.closest("div.language").id]; }
  function textOf(details) { return data.text[details.closest("div.language").id]; }
  document.querySelectorAll("details.behind").forEach(function (details) {
    fillOnOpen(details, function () {
      var words = wordsOf(details), text = textOf(details);
      var headings = [words.case, words.duty, words.due, words.done, words.status, words.counted_in]
        .concat(data.carried, [words.why]);
      var rows = (data.behind.figures[details.getAttribute("data-figure")] || []).map(function (listed) {
        var d = data.behind.duties[listed[0]];
        return [d[0], text[d[1]], d[2], d[3], text[d[4]], listed[1] ? words.yes : words.no]
          .concat(d[5], [why(words, text[d[6]])]);
      });
      return table(headings, rows);
    });
  });
  var worklist = {};
  data.worklist.forEach(function (group) { worklist[group.id] = group; });
  document.querySelectorAll("details.worklist").forEach(function (details) {
    fillOnOpen(details, function () {
      var words = wordsOf(details), text = textOf(details);
      var group = worklist[details.getAttribute("data-worklist")] || { rows: [] };
      return table([words.case, words.duty, words.due, words.status, words.days_left, words.working_days_left],
                   group.rows.map(function (r) { return [r[0], text[r[1]], r[2], text[r[3]], r[4], r[5]].map(String); }));
    });
  });
})();
