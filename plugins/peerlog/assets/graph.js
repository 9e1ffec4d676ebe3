/* peerlog "Who learns from whom": draws the contributor graph with the vendored Cytoscape.js.
 * The data comes from the page itself (data-graph on [data-peerlog-graph]); nothing is fetched.
 * Names are drawn on a canvas or set with textContent, never parsed as HTML. Colours come from
 * CSS custom properties in graph.css, so the drawing follows Material's light and dark schemes.
 * The instance is exposed as window.__peerlogGraph for tests and the browser console.
 * People are named by contributors, so a person may be called "constructor", "__proto__" or
 * "e0": nothing is looked up by a name or id in a plain object (Maps only), and Cytoscape's
 * element ids are namespaced, "n:" + person id for nodes and "e:" + index for edges, so they
 * can never collide with each other or with Object.prototype. data("person") keeps the id. */
(function () {
  "use strict";
  var KINDS = ["taught", "built-on", "paired", "co-authored"];
  var CONCENTRIC_ABOVE = 300;

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function describeEdge(data, names) {
    var s = names.get(data.source), t = names.get(data.target), w = data.weight;
    if (data.kind === "taught") return s + " taught " + t + " (" + plural(w, "entry", "entries") + ")";
    if (data.kind === "built-on") return t + " built on " + s + "'s work (" + plural(w, "link", "links") + ")";
    if (data.kind === "paired") return s + " and " + t + " paired (" + plural(w, "entry", "entries") + ")";
    return s + " and " + t + " co-authored (" + plural(w, "commit", "commits") + ")";
  }

  function describeNode(data) {
    var lines = [
      [plural(data.entries, "entry", "entries"), plural(data.commits, "commit", "commits"),
        plural(data.topics, "topic", "topics")].join(" · "),
      "taught " + plural(data.taught, "person", "people") + " · learned from " +
        plural(data.learned_from, "person", "people")
    ];
    if (data.first) lines.push("active " + data.first + " – " + data.last);
    if (data.topic_names && data.topic_names.length) {
      var shown = data.topic_names.slice(0, 5).join(", ");
      lines.push("topics: " + shown + (data.topic_names.length > 5 ? ", …" : ""));
    }
    return lines;
  }

  /* Fills the details box and puts it beside the pointer, inside the drawing. */
  function showDetails(box, at, title, lines, hint) {
    var head = document.createElement("strong");
    head.textContent = title;
    var rows = lines.map(function (line) {
      var div = document.createElement("div");
      div.textContent = line;
      return div;
    });
    if (hint) {
      var em = document.createElement("em");
      em.textContent = hint;
      rows.push(em);
    }
    box.replaceChildren.apply(box, [head].concat(rows));
    box.hidden = false;
    var stage = box.parentNode;
    var maxX = stage.clientWidth - box.offsetWidth - 8;
    var maxY = stage.clientHeight - box.offsetHeight - 8;
    var left = at.x + 16 > maxX ? at.x - box.offsetWidth - 16 : at.x + 16;
    box.style.left = Math.max(8, Math.min(left, maxX)) + "px";
    box.style.top = Math.max(8, Math.min(at.y + 16, maxY)) + "px";
  }

  /* Cytoscape needs concrete colours; a probe element turns any CSS colour (var(), hsla, names)
   * into the rgb() form the browser computes. */
  function palette(container) {
    var probe = document.createElement("span");
    probe.hidden = true;
    container.appendChild(probe);
    function colour(name) {
      probe.style.color = "var(" + name + ")";
      return getComputedStyle(probe).color;
    }
    var found = Object.create(null);
    found.node = colour("--peerlog-graph-node");
    found.text = colour("--md-default-fg-color");
    found.bg = colour("--md-default-bg-color");
    found.accent = colour("--md-accent-fg-color");
    KINDS.forEach(function (kind) { found[kind] = colour("--peerlog-graph-" + kind); });
    container.removeChild(probe);
    return found;
  }

  function stylesheet(c, font) {
    var rules = [
      { selector: "node", style: {
        "background-color": c.node, "width": "data(size)", "height": "data(size)",
        "border-width": 2, "border-color": c.bg, "label": "data(name)", "color": c.text,
        "font-family": font, "font-size": 12, "text-valign": "bottom", "text-margin-y": 4,
        "text-outline-color": c.bg, "text-outline-width": 2, "min-zoomed-font-size": 6 } },
      { selector: "node.peerlog-hover", style: { "border-color": c.accent, "border-width": 3 } },
      { selector: "edge", style: {
        "width": "data(width)", "curve-style": "bezier", "opacity": 0.85,
        "target-arrow-shape": "none", "arrow-scale": 1.2 } },
      { selector: "edge.peerlog-hover", style: { "opacity": 1, "z-index": 10 } },
      { selector: ".peerlog-faded", style: { "opacity": 0.12 } },
      { selector: ".peerlog-hidden", style: { "display": "none" } }
    ];
    rules.push({ selector: "edge.taught", style: {
      "line-color": c.taught, "target-arrow-color": c.taught, "target-arrow-shape": "triangle" } });
    rules.push({ selector: "edge.built-on", style: {
      "line-color": c["built-on"], "target-arrow-color": c["built-on"],
      "target-arrow-shape": "triangle", "line-style": "dashed", "line-dash-pattern": [7, 4] } });
    /* Cytoscape's own "dotted" is a [1, 1] dash, solid at any useful width: draw round dots. */
    rules.push({ selector: "edge.paired", style: {
      "line-color": c.paired, "line-style": "dashed", "line-dash-pattern": [0.5, 5],
      "line-cap": "round" } });
    /* A background-coloured line with a coloured outline reads as a double line. */
    rules.push({ selector: "edge.co-authored", style: {
      "line-color": c.bg, "line-outline-color": c["co-authored"], "line-outline-width": 1.5 } });
    return rules;
  }

  function nodeId(person) {
    return "n:" + person;
  }

  /* Node data is copied field by field: the page's JSON is data, and a key such as "__proto__"
   * must never reach Object.assign's setters. */
  function elements(graph) {
    var count = graph.nodes.length;
    var radius = 40 * Math.max(count, 3);
    var nodes = graph.nodes.map(function (node, i) {
      var activity = node.entries + node.commits / 5;
      var angle = 2 * Math.PI * i / Math.max(count, 1);
      return {
        group: "nodes",
        data: {
          id: nodeId(node.id), person: node.id, name: node.name, url: node.url,
          commits: node.commits, entries: node.entries, topics: node.topics,
          taught: node.taught, learned_from: node.learned_from, first: node.first,
          last: node.last, topic_names: node.topic_names,
          activity: activity, size: Math.min(80, 22 + 10 * Math.sqrt(activity)) },
        position: { x: radius * Math.cos(angle), y: radius * Math.sin(angle) }
      };
    });
    var edges = graph.edges.map(function (edge, i) {
      var width = 1.5 + 1.5 * Math.log2(Math.max(edge.weight, 1));
      return {
        group: "edges",
        classes: edge.kind,
        data: {
          id: "e:" + i, source: nodeId(edge.source), target: nodeId(edge.target),
          kind: edge.kind, weight: edge.weight,
          width: Math.min(width, 9) + (edge.kind === "co-authored" ? 1.5 : 0) }
      };
    });
    return nodes.concat(edges);
  }

  /* Deterministic layouts (initial positions on a circle, no randomisation) keep the picture and
   * the tests stable between builds; cose is quadratic, so large teams get concentric rings. */
  function layout(count) {
    if (count > CONCENTRIC_ABOVE) {
      return { name: "concentric", animate: false, fit: true, padding: 30, minNodeSpacing: 8,
        concentric: function (node) { return node.data("activity"); },
        levelWidth: function () { return 2; } };
    }
    return { name: "cose", animate: false, randomize: false, fit: true, padding: 40,
      nodeDimensionsIncludeLabels: true, componentSpacing: 80, nodeOverlap: 20,
      idealEdgeLength: function () { return 110; },
      nodeRepulsion: function () { return 12000; } };
  }

  function sameSite(url) {
    return url.origin === location.origin ? url.href : null;
  }

  function draw(container) {
    var graph = JSON.parse(container.getAttribute("data-graph"));
    var root = new URL(container.getAttribute("data-root").replace(/\/?$/, "/"), location.href);
    var canvas = container.querySelector("[data-peerlog-canvas]");
    var details = container.querySelector("[data-peerlog-details]");
    var names = new Map();
    graph.nodes.forEach(function (node) { names.set(nodeId(node.id), node.name); });
    container.hidden = false;

    /* After instant navigation the previous page's drawing is detached: free it. */
    if (window.__peerlogGraph && !window.__peerlogGraph.destroyed()) window.__peerlogGraph.destroy();
    var font = getComputedStyle(container).fontFamily;
    var cy = window.cytoscape({
      container: canvas,
      elements: elements(graph),
      style: stylesheet(palette(container), font),
      layout: { name: "preset" },
      minZoom: 0.15,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autounselectify: true
    });
    window.__peerlogGraph = cy;

    var run = cy.layout(layout(graph.nodes.length));
    run.one("layoutstop", function () { container.setAttribute("data-drawn", "1"); });
    run.run();

    cy.on("mouseover", "node", function (event) {
      var node = event.target;
      cy.elements().not(node.closedNeighborhood()).addClass("peerlog-faded");
      node.addClass("peerlog-hover");
      canvas.style.cursor = "pointer";
      showDetails(details, event.renderedPosition, node.data("name"), describeNode(node.data()),
        "Click to open their page");
    });
    cy.on("mouseover", "edge", function (event) {
      event.target.addClass("peerlog-hover");
      showDetails(details, event.renderedPosition, event.target.data("kind"),
        [describeEdge(event.target.data(), names)]);
    });
    function hideDetails() {
      cy.elements().removeClass("peerlog-faded peerlog-hover");
      canvas.style.cursor = "";
      details.hidden = true;
    }
    cy.on("mouseout", "node, edge", hideDetails);
    canvas.addEventListener("mouseleave", hideDetails);
    cy.on("tap", "node", function (event) {
      var target = sameSite(new URL(event.target.data("url"), root));
      if (target) location.href = target;
    });

    container.querySelectorAll("input[name=kind]").forEach(function (box) {
      box.addEventListener("change", function () {
        var edges = cy.edges().filter(function (e) { return e.data("kind") === box.value; });
        if (box.checked) edges.removeClass("peerlog-hidden");
        else edges.addClass("peerlog-hidden");
      });
    });
    container.querySelectorAll("button[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-zoom");
        if (action === "fit") {
          cy.fit(cy.nodes(), 40);
          return;
        }
        cy.zoom({
          level: cy.zoom() * (action === "in" ? 1.25 : 0.8),
          renderedPosition: { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 }
        });
      });
    });

    /* Material switches schemes with an attribute on <body>; redraw in the new colours. */
    var observer = new MutationObserver(function () {
      if (!container.isConnected || cy.destroyed()) {
        observer.disconnect();
        return;
      }
      cy.style(stylesheet(palette(container), font));
    });
    observer.observe(document.body, {
      attributes: true, attributeFilter: ["data-md-color-scheme", "data-md-color-primary"] });
  }

  /* The library is loaded from here rather than by its own <script> tag: Material's instant
   * navigation re-inserts a page's scripts all at once, and they then run in the order they
   * arrive, not in the order written. */
  function withLibrary(container, ready) {
    if (window.cytoscape) {
      ready();
      return;
    }
    var script = document.createElement("script");
    script.src = container.getAttribute("data-library");
    script.addEventListener("load", ready);
    container.appendChild(script);
  }

  function start() {
    var container = document.querySelector("[data-peerlog-graph]");
    if (!container || container.getAttribute("data-ready")) return;
    container.setAttribute("data-ready", "1");
    withLibrary(container, function () { draw(container); });
  }

  /* Material's instant navigation re-runs this script on each visit and emits document$ after
   * swapping pages; start() ignores a container it has already taken on. */
  function boot() {
    start();
    if (window.document$ && window.document$.subscribe && !window.__peerlogGraphSubscribed) {
      window.__peerlogGraphSubscribed = true;
      window.document$.subscribe(start);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
