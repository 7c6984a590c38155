/* reportgen site search and filters: plain JavaScript, no network, works from file:// and any static host.
   The index comes from search-index.js (a <script> that sets window.REPORTGEN_SEARCH_INDEX), because
   Chromium refuses fetch() of a local JSON file under file://. normalize() must fold text exactly as
   reportgen/search.py does: NFKC; drop diacritics (U+064B-U+065F, U+0670) and tatweel; أ إ آ ٱ → ا,
   ؤ → و, ئ → ي; ة → ه; ى → ي; Arabic-Indic and Persian digits → 0-9; lower case; collapse whitespace.
   A query word that is a number matches only that exact number (see numberKey and search.py number_key). */
(function () {
  "use strict";

  var FOLD = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي" };
  var DROP = /[\u064B-\u065F\u0670\u0640]/g;

  function normalize(text) {
    var s = String(text || "").normalize("NFKC").replace(DROP, "");
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var ch = s[i];
      var code = s.charCodeAt(i);
      if (FOLD[ch]) { out += FOLD[ch]; }
      else if (code >= 0x0660 && code <= 0x0669) { out += String(code - 0x0660); }
      else if (code >= 0x06F0 && code <= 0x06F9) { out += String(code - 0x06F0); }
      else { out += ch; }
    }
    return out.toLowerCase().replace(/\s+/g, " ").trim();
  }
  window.reportgenNormalize = normalize;

  // A query word that is a number matches that exact number only (never 1200 or 12 for 120), in the
  // spelling reportgen/search.py number_key() gives it: no thousands separators, shortest decimals.
  var NUMBER = /^\d+(?:[,\u066C]\d{3})*(?:[.\u066B]\d+)?$/;

  function numberKey(term) {
    if (!NUMBER.test(term)) { return null; }
    return String(Number(term.replace(/[,\u066C]/g, "").replace("\u066B", ".")));
  }

  function scoreNumber(n, key) {
    var hit = 0;
    var figure = null;
    var values = n.values || [];
    for (var f = 0; f < values.length; f++) {
      if (values[f].indexOf(key) >= 0) { hit += 8; figure = f; break; }
    }
    if ((n.title_numbers || []).indexOf(key) >= 0) { hit += 5; }
    if ((n.numbers || []).indexOf(key) >= 0) { hit += 1; }
    return { hit: hit, figure: figure };
  }

  function score(doc, terms) {
    var n = doc.n;
    var total = 0;
    var figure = null;
    var byNumber = false;  // a figure found by its exact number beats one found by a word
    for (var t = 0; t < terms.length; t++) {
      var term = terms[t];
      var hit = 0;
      var key = numberKey(term);
      if (key !== null) {
        var exact = scoreNumber(n, key);
        if (!exact.hit) { return null; }
        if (exact.figure !== null && !byNumber) { figure = exact.figure; byNumber = true; }
        total += exact.hit;
        continue;
      }
      if (n.title.indexOf(term) >= 0) { hit += 5; }
      if (n.places.indexOf(term) >= 0) { hit += 3; }
      if (n.source.indexOf(term) >= 0) { hit += 2; }
      for (var f = 0; f < n.figures.length; f++) {
        if (n.figures[f].indexOf(term) >= 0) {
          hit += 4;
          if (figure === null) { figure = f; }
          break;
        }
      }
      if (n.text.indexOf(term) >= 0) { hit += 1; }
      if (!hit) { return null; }  // every term must match somewhere
      total += hit;
    }
    return { score: total, figure: figure };
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text) { node.textContent = text; }
    return node;
  }

  function init() {
    var data = window.REPORTGEN_SEARCH_INDEX;
    var input = document.getElementById("search-input");
    var results = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var list = document.getElementById("briefing-list");
    var catSel = document.getElementById("filter-category");
    var placeSel = document.getElementById("filter-place");
    var empty = document.getElementById("filter-empty");
    if (!list) { return; }
    var items = Array.prototype.slice.call(list.querySelectorAll(".briefing-item"));
    var bySlug = {};
    items.forEach(function (li) { bySlug[li.getAttribute("data-slug")] = li; });

    function passes(slug) {
      var li = bySlug[slug];
      if (!li) { return true; }
      var cat = catSel ? catSel.value : "";
      var place = placeSel ? placeSel.value : "";
      if (cat && (" " + li.getAttribute("data-categories") + " ").indexOf(" " + cat + " ") < 0) { return false; }
      if (place && ("|" + li.getAttribute("data-places") + "|").indexOf("|" + place + "|") < 0) { return false; }
      return true;
    }

    function applyFilters() {
      var shown = 0;
      items.forEach(function (li) {
        var ok = passes(li.getAttribute("data-slug"));
        li.hidden = !ok;
        if (ok) { shown++; }
      });
      if (empty) { empty.hidden = shown > 0; }
    }

    function search() {
      var q = normalize(input.value);
      results.textContent = "";
      if (!q) {
        results.hidden = true;
        status.textContent = "";
        list.hidden = false;
        applyFilters();
        return;
      }
      if (!data) {
        status.textContent = "تعذّر تحميل فهرس البحث.";
        return;
      }
      var terms = q.split(" ");
      var found = [];
      data.documents.forEach(function (doc, i) {
        if (!passes(doc.slug)) { return; }
        var s = score(doc, terms);
        if (s) { found.push({ doc: doc, s: s, i: i }); }
      });
      found.sort(function (a, b) { return b.s.score - a.s.score || a.i - b.i; });
      found.forEach(function (r) {
        var doc = r.doc;
        var li = el("li", "search-result");
        var h = el("h2");
        var a = el("a", null, doc.title);
        var fig = r.s.figure === null ? null : doc.figures[r.s.figure];
        a.href = doc.href + (fig ? "#" + fig.anchor : "");
        h.appendChild(a);
        li.appendChild(h);
        var meta = el("p", "item-meta");
        if (doc.date) { meta.appendChild(el("time", null, doc.date)); }
        if (doc.source) { meta.appendChild(el("span", "source", doc.source)); }
        li.appendChild(meta);
        if (fig) {
          var figLink = el("a", "result-figure");
          figLink.href = doc.href + "#" + fig.anchor;
          figLink.appendChild(el("strong", null, fig.shown));
          figLink.appendChild(document.createTextNode(" " + fig.label));
          li.appendChild(figLink);
        }
        li.appendChild(el("p", "lead", doc.lead));
        results.appendChild(li);
      });
      results.hidden = false;
      list.hidden = true;
      if (empty) { empty.hidden = true; }
      status.textContent = found.length ? "النتائج: " + found.length : "لا نتائج.";
    }

    if (input && results) {
      input.addEventListener("input", search);
      var form = input.form;
      if (form) { form.addEventListener("submit", function (e) { e.preventDefault(); search(); }); }
      var params = new URLSearchParams(window.location.search);
      if (params.get("q")) { input.value = params.get("q"); }
    }
    [catSel, placeSel].forEach(function (sel) {
      if (sel) {
        sel.addEventListener("change", function () {
          if (input && input.value) { search(); } else { applyFilters(); }
        });
      }
    });
    if (input && input.value) { search(); } else { applyFilters(); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
