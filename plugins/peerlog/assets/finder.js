/* peerlog playbook finder: filters the playbooks in peerlog.json as you type.
 * No dependencies, no network beyond the site's own peerlog.json. Filters live in the URL's
 * query string so a filtered view can be shared. Contributor text is only ever set with
 * textContent, never as HTML. */
(function () {
  "use strict";
  // Not "q" for the words: Material opens its own search when the address has ?q=.
  var FIELDS = ["problem", "tool", "tag", "outcome", "text"];

  function fold(text) {
    return String(text || "").normalize("NFKC").toLowerCase();
  }

  function matches(playbook, filters) {
    if (filters.problem && playbook.key !== filters.problem) return false;
    if (filters.tool && playbook.tools.indexOf(filters.tool) < 0) return false;
    if (filters.tag && playbook.tags.indexOf(filters.tag) < 0) return false;
    if (filters.outcome && !playbook.outcomes[filters.outcome]) return false;
    if (filters.text) {
      var hay = fold([playbook.title, playbook.problem, playbook.tools.join(" "),
        playbook.tags.join(" ")].concat(playbook.approaches.map(function (a) {
          return a.label + " " + a.variants.join(" ");
        })).join(" "));
      var words = fold(filters.text).split(/\s+/).filter(Boolean);
      for (var i = 0; i < words.length; i++) if (hay.indexOf(words[i]) < 0) return false;
    }
    return true;
  }

  function card(playbook, root) {
    var li = document.createElement("li");
    li.className = "peerlog-card";
    li.setAttribute("data-problem", playbook.key);
    var a = document.createElement("a");
    a.className = "peerlog-card__title";
    a.href = new URL(playbook.url, root).href;
    a.textContent = playbook.title;
    var meta = document.createElement("span");
    meta.className = "peerlog-card__meta";
    var worked = playbook.approaches.filter(function (x) { return x.worked > 0; });
    meta.textContent = playbook.entry_count + " entries" +
      (worked.length ? " · works: " + worked[0].label :
        playbook.entry_count ? " · unsolved so far" : "");
    li.appendChild(a);
    li.appendChild(meta);
    return li;
  }

  function init(form) {
    if (form.getAttribute("data-ready")) return;
    form.setAttribute("data-ready", "1");
    var root = new URL(form.getAttribute("data-root").replace(/\/?$/, "/"), location.href);
    var results = document.querySelector("[data-peerlog-results]");
    var count = document.querySelector("[data-peerlog-count]");
    var playbooks = null;

    function current() {
      var filters = {};
      FIELDS.forEach(function (name) { filters[name] = form.elements[name].value.trim(); });
      return filters;
    }

    function render() {
      var filters = current();
      var shown = playbooks.filter(function (p) { return matches(p, filters); });
      results.replaceChildren.apply(results, shown.map(function (p) { return card(p, root); }));
      count.textContent = shown.length + (shown.length === 1 ? " playbook" : " playbooks");
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) { if (filters[name]) params.set(name, filters[name]); });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) {
      if (params.has(name)) form.elements[name].value = params.get(name);
    });
    form.addEventListener("input", function () { if (playbooks) render(); });
    form.addEventListener("change", function () { if (playbooks) render(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    fetch(form.getAttribute("data-src"))
      .then(function (response) { return response.json(); })
      .then(function (data) {
        playbooks = data.playbooks;
        form.setAttribute("data-loaded", "1");
        render();
      })
      .catch(function () {
        count.textContent = "Could not load peerlog.json; showing every playbook.";
      });
  }

  function start() {
    var form = document.querySelector("[data-peerlog-finder]");
    if (form) init(form);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
