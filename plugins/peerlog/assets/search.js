/* peerlog search: Material's search box answered by Pagefind (loaded only when the `search`
 * option picks Pagefind; see peerlog/render/search.py).
 *
 * Material keeps its box, its overlay and its keyboard handling; its own index is empty on
 * such a site. This script takes the box's key and focus events before Material's listeners
 * see them (so Material never answers, nor clears the list), opens the search as Material
 * would, asks Pagefind, and writes the results into Material's list in Material's markup,
 * with filters by topic, problem type and outcome above it.
 *
 * Everything shown comes from pages a pull request wrote: titles and filter values are set
 * with textContent; an excerpt is Pagefind's text with `<` and `>` escaped and `<mark>` around
 * the words found, read with an inert DOMParser and rebuilt from its text and its marks only.
 * A result's address must be on this site. Nothing is fetched from anywhere but this site. */
(function () {
  "use strict";
  var SHOWN = 10;
  var FILTERS = [["topic", "All topics"], ["problem", "All problem types"],
                 ["outcome", "All outcomes"]];

  var box = document.querySelector("input.md-search__input");
  var config = document.getElementById("__config");
  var result = document.querySelector(".md-search-result");
  if (!box || !config || !result) return;
  var settings = JSON.parse(config.textContent);
  var base = new URL(settings.base, location.href);
  var meta = result.querySelector(".md-search-result__meta");
  var list = result.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var pagefind = null;
  var asked = 0;
  var last = "";
  var chosen = {};
  var controls = null;

  function say(name, count) {
    return String(settings.translations[name] || "").replace("#", String(count));
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        return module.options({ baseUrl: base.pathname, excerptLength: 24 }).then(function () {
          return module;
        });
      });
    }
    return pagefind;
  }

  // Pagefind's excerpt as nodes: its text, and its <mark> elements as marks of their text.
  function excerpt(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html");
    var out = document.createElement("p");
    parsed.body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent || ""));
      }
    });
    return out;
  }

  function local(url) {
    var target = new URL(url, base);
    return target.origin === location.origin ? target.href : null;
  }

  function article(heading, title, html, url, first) {
    var link = document.createElement("a");
    link.href = url;
    link.className = "md-search-result__link";
    link.tabIndex = -1;
    var body = document.createElement("article");
    body.className = "md-search-result__article md-typeset";
    if (first) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      body.appendChild(icon);
    }
    var h = document.createElement(heading);
    h.textContent = title;
    body.appendChild(h);
    body.appendChild(excerpt(html));
    link.appendChild(body);
    return link;
  }

  function item(data) {
    var url = local(data.url);
    if (!url) return null;
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    li.appendChild(article("h1", (data.meta && data.meta.title) || data.url, data.excerpt, url,
                           true));
    (data.sub_results || []).filter(function (sub) {
      // A section whose excerpt is the page's own says nothing more.
      return sub.url !== data.url && sub.url.indexOf("#") > 0 && sub.excerpt !== data.excerpt;
    }).slice(0, 2).forEach(function (sub) {
      var at = local(sub.url);
      if (at) li.appendChild(article("h2", sub.title, sub.excerpt, at, false));
    });
    return li;
  }

  function show(found, datas) {
    list.textContent = "";
    datas.forEach(function (data) {
      var li = item(data);
      if (li) list.appendChild(li);
    });
    var n = found.results.length;
    meta.textContent = n === 0 ? say("search.result.none") :
      n === 1 ? say("search.result.one") : say("search.result.other", n);
    if (n > datas.length) {
      var more = document.createElement("li");
      more.className = "md-search-result__item peerlog-search-more";
      more.textContent = (n - datas.length) + " more: narrow the search, or filter it";
      list.appendChild(more);
    }
  }

  function filters() {
    var wanted = {};
    Object.keys(chosen).forEach(function (name) {
      if (chosen[name]) wanted[name] = chosen[name];
    });
    return wanted;
  }

  function ask() {
    last = box.value;
    var query = last.trim();
    var mine = ++asked;
    var wanted = filters();
    if (!query && !Object.keys(wanted).length) {
      list.textContent = "";
      meta.textContent = say("search.result.placeholder");
      return;
    }
    load().then(function (module) {
      return module.search(query || null, { filters: wanted }).then(function (found) {
        return Promise.all(found.results.slice(0, SHOWN).map(function (r) { return r.data(); }))
          .then(function (datas) {
            if (mine !== asked) return;
            show(found, datas);
            offer(module);
          });
      });
    }).catch(function (error) {
      if (mine === asked) meta.textContent = "Search failed: " + error.message;
    });
  }

  // The filters, once Pagefind has answered a first query (their lists are a download of
  // their own): a select each, with every value and how many pages carry it.
  function offer(module) {
    if (controls) return;
    controls = document.createElement("div");
    controls.className = "peerlog-search-filters";
    controls.setAttribute("data-peerlog-search-filters", "");
    result.insertBefore(controls, list);
    module.filters().then(function (known) {
      FILTERS.forEach(function (pair) {
        var values = known[pair[0]] || {};
        var label = document.createElement("label");
        var select = document.createElement("select");
        select.name = pair[0];
        select.setAttribute("aria-label", pair[1]);
        var all = document.createElement("option");
        all.value = "";
        all.textContent = pair[1];
        select.appendChild(all);
        Object.keys(values).sort().forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value + " (" + values[value] + ")";
          select.appendChild(option);
        });
        select.addEventListener("change", function () {
          chosen[pair[0]] = select.value;
          ask();
        });
        label.appendChild(select);
        controls.appendChild(label);
      });
    });
  }

  function open() {
    if (toggle && !toggle.checked) toggle.click();
  }

  // Taken in the capture phase at the window, before Material's listeners on the box and on
  // the body: Material searches on keyup, as this script does (when the words have changed), and reads focus from focusin and focusout.
  function mine(event) {
    return event.target === box;
  }
  window.addEventListener("keyup", function (event) {
    if (!mine(event)) return;
    event.stopImmediatePropagation();
    if (box.value !== last) ask();
  }, true);
  ["focusin", "focusout"].forEach(function (type) {
    window.addEventListener(type, function (event) {
      if (!mine(event)) return;
      event.stopImmediatePropagation();
      if (type === "focusin") {
        open();
        load();
      }
    }, true);
  });
  box.form.addEventListener("reset", function () {
    setTimeout(ask, 0);
  });
  meta.textContent = say("search.result.placeholder");
})();
