// Filters of the audit page: severity, category, outlet and a text search. They live in
// the URL fragment (#severity=high&outlet=The%20Ledger), so a filtered view can be sent as
// a link; without this script every family is shown and the filter form stays hidden.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var families = Array.prototype.slice.call(document.querySelectorAll("article.family"));
  var stories = Array.prototype.slice.call(document.querySelectorAll("section.story"));
  var shown = document.getElementById("shown");
  // The story index (pages of several stories): each entry with the section it links to.
  var entries = Array.prototype.slice.call(document.querySelectorAll("nav ol.index li")).map(function (li) {
    var a = li.querySelector("a");
    return { li: li, story: a ? document.getElementById(a.getAttribute("href").slice(1)) : null };
  });
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=severity]"));
  var category = form.elements.namedItem("category");
  var outlet = form.elements.namedItem("outlet");
  var search = form.elements.namedItem("q");
  form.hidden = false;

  function fromHash() {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    var levels = [];
    params.getAll("severity").forEach(function (v) { levels = levels.concat(v.split(",")); });
    boxes.forEach(function (b) { b.checked = levels.length === 0 || levels.indexOf(b.value) >= 0; });
    category.value = params.get("category") || "";
    outlet.value = params.get("outlet") || "";
    search.value = params.get("q") || "";
    if (category.value !== (params.get("category") || "")) { category.value = ""; }
    if (outlet.value !== (params.get("outlet") || "")) { outlet.value = ""; }
  }

  function toHash() {
    var params = new URLSearchParams();
    var levels = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    if (levels.length !== boxes.length) { params.set("severity", levels.join(",")); }
    if (category.value) { params.set("category", category.value); }
    if (outlet.value) { params.set("outlet", outlet.value); }
    if (search.value) { params.set("q", search.value); }
    var hash = params.toString();
    try {
      window.history.replaceState(null, "", hash ? "#" + hash : window.location.pathname + window.location.search);
    } catch (e) { /* a page opened from a file may refuse; the filters still apply */ }
  }

  function apply() {
    var levels = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var q = search.value.trim().toLowerCase();
    var count = 0;
    families.forEach(function (f) {
      var ok = levels.indexOf(f.getAttribute("data-severity")) >= 0 &&
        (!category.value || f.getAttribute("data-categories").split(" ").indexOf(category.value) >= 0) &&
        (!outlet.value || f.getAttribute("data-outlets").split("\n").indexOf(outlet.value) >= 0) &&
        (!q || f.textContent.toLowerCase().indexOf(q) >= 0);
      f.hidden = !ok;
      if (ok) { count += 1; }
    });
    stories.forEach(function (s) {
      s.hidden = s.querySelector("article.family:not([hidden])") === null && s.querySelector("article.family") !== null;
    });
    // An index entry goes with its story: a story the filters hide is not offered.
    entries.forEach(function (e) { e.li.hidden = e.story !== null && e.story.hidden; });
    shown.textContent = count + " of " + families.length + (families.length === 1 ? " family" : " families") + " shown";
  }

  form.addEventListener("input", function () { toHash(); apply(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  window.addEventListener("hashchange", function () { fromHash(); apply(); });
  fromHash();
  apply();
}());
