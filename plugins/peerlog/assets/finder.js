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

  // British spellings to American ones, then a light suffix stemmer: "summarising",
  // "summarize" and "summarised" all become "summariz". Words only have to compare equal to
  // each other, not to be linguistics.
  var SPELLINGS = [
    [/isation(s?)$/, "ization$1"], [/is(e|es|ed|er|ers|ing)$/, "iz$1"],
    [/ys(e|es|ed|er|ing)$/, "yz$1"], [/([a-z]{3})our(s?)$/, "$1or$2"],
    [/([a-z]{3})tre(s?)$/, "$1ter$2"], [/([aeiou])ll(ed|ing|er)$/, "$1l$2"],
    [/ogue(s?)$/, "og$1"]
  ];
  var SUFFIX = /(?:ations?|ings?|ed|es|ers?|ly|s|e)$/;

  function stem(word) {
    var w = word;
    SPELLINGS.forEach(function (rule) { w = w.replace(rule[0], rule[1]); });
    w = w.replace(/ies$/, "y");
    var cut = w.replace(SUFFIX, "");
    return cut.length >= 3 ? cut : w;
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Every word a playbook can be found by: its title, problem type, tools, tags, approach
  // labels and wordings, and the titles of its entries; by stem, with one written form each.
  function index(playbook, titles) {
    var text = [playbook.title, playbook.problem, playbook.tools.join(" "), playbook.tags.join(" ")]
      .concat(playbook.approaches.map(function (a) { return a.label + " " + a.variants.join(" "); }))
      .concat((playbook.entries || []).map(function (url) { return titles.get(url) || ""; }));
    var stems = new Map();
    words(text.join(" ")).forEach(function (w) { if (!stems.has(stem(w))) stems.set(stem(w), w); });
    return stems;
  }

  function found(stems, word) {
    var wanted = stem(word);
    if (stems.has(wanted)) return true;
    for (var key of stems.keys()) if (key.indexOf(wanted) === 0) return true;
    return false;
  }

  function matches(playbook, filters) {
    if (filters.problem && playbook.key !== filters.problem) return false;
    if (filters.tool && playbook.tools.indexOf(filters.tool) < 0) return false;
    if (filters.tag && playbook.tags.indexOf(filters.tag) < 0) return false;
    if (filters.outcome && !playbook.outcomes[filters.outcome]) return false;
    var wanted = words(filters.text);
    for (var i = 0; i < wanted.length; i++) if (!found(playbook.stems, wanted[i])) return false;
    return true;
  }

  function distance(a, b) {
    var row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    for (var i = 1; i <= a.length; i++) {
      var previous = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var here = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = here;
      }
    }
    return row[b.length];
  }

  // For a view with no results: each word no playbook has, the closest word one has.
  function closest(word, playbooks) {
    var best = null, bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
    playbooks.forEach(function (p) {
      p.stems.forEach(function (written) {
        var d = distance(word, written);
        if (d < bestDistance || (d === bestDistance && best !== null && written < best)) {
          best = written;
          bestDistance = d;
        }
      });
    });
    return best;
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
    var suggest = document.querySelector("[data-peerlog-suggest]");
    var playbooks = null;

    function current() {
      var filters = {};
      FIELDS.forEach(function (name) { filters[name] = form.elements[name].value.trim(); });
      return filters;
    }

    var rendered = null;

    // Blurring the words box fires "change" after "input" already rendered: rendering the same
    // filters again would rebuild the suggestions under a pointer about to click one.
    function render() {
      var filters = current();
      var state = JSON.stringify(filters);
      if (state === rendered) return;
      rendered = state;
      var shown = playbooks.filter(function (p) { return matches(p, filters); });
      results.replaceChildren.apply(results, shown.map(function (p) { return card(p, root); }));
      count.textContent = shown.length + (shown.length === 1 ? " playbook" : " playbooks");
      suggestions(shown.length ? null : filters);
      var params = new URLSearchParams();
      FIELDS.forEach(function (name) { if (filters[name]) params.set(name, filters[name]); });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }

    function offer(text, change) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button peerlog-finder__suggestion";
      button.textContent = text;
      button.addEventListener("click", function () { change(); render(); });
      return button;
    }

    // Nothing matched: offer the closest words the playbooks do have, and dropping filters.
    function suggestions(filters) {
      suggest.replaceChildren();
      suggest.hidden = !filters;
      if (!filters) return;
      var lead = document.createElement("span");
      lead.textContent = "Nothing matches. Try: ";
      var offers = [];
      var given = words(filters.text);
      given.forEach(function (word) {
        if (playbooks.some(function (p) { return found(p.stems, word); })) return;
        var better = closest(word, playbooks);
        if (better) offers.push(offer("\u201c" + better + "\u201d for \u201c" + word + "\u201d", function () {
          form.elements.text.value = given.map(function (w) { return w === word ? better : w; }).join(" ");
        }));
      });
      if (given.length > 1) offers.push(offer("fewer words", function () {
        form.elements.text.value = given.slice(0, -1).join(" ");
      }));
      ["problem", "tool", "tag", "outcome"].forEach(function (name) {
        if (filters[name]) offers.push(offer("any " + (name === "problem" ? "problem type" : name), function () {
          form.elements[name].value = "";
        }));
      });
      offers.push(offer("clear everything", function () {
        FIELDS.forEach(function (name) { form.elements[name].value = ""; });
      }));
      suggest.append.apply(suggest, [lead].concat(offers));
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
        var titles = new Map(data.entries.map(function (e) { return [e.url, e.title]; }));
        playbooks = data.playbooks;
        playbooks.forEach(function (p) { p.stems = index(p, titles); });
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
