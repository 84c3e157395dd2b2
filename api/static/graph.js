/* Graph pages: draws the view embedded in the page with vis-network, keeps the selected node
   in the URL, and fills the detail panel from /graph/api/node/{id}. Every text from the data
   is set with textContent; nothing is parsed as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var config = JSON.parse(document.getElementById("graph-config").textContent);
  var T = config.texts;
  var container = document.getElementById("network");
  var state = { ready: false, readyAt: null, readyBy: null, firstDrawAt: null, stabilizedAt: null };
  window.policykgGraph = state;

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (attrs) Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    return node;
  }

  function withLang(path) {
    if (config.lang !== "en") return path;
    var url = new URL(path, window.location.origin);
    url.searchParams.set("lang", "en");
    return url.pathname + url.search;
  }

  function markReady(how) {
    if (state.ready) return;
    state.ready = true;
    state.readyAt = performance.now();
    state.readyBy = how;
    container.setAttribute("data-ready", how);
  }

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges.map(function (edge, index) {
    return Object.assign({ id: "e" + index }, edge);
  }));
  // Listeners first, data second: a small view can settle before a later listener is added.
  var network = new vis.Network(container, {}, data.options);
  state.network = network;

  network.once("afterDrawing", function () {
    state.firstDrawAt = performance.now();
    if (!data.physics) markReady("afterDrawing");
  });
  // Physics settles fast: after the bounded stabilization run (or once stable, if sooner) it
  // is switched off, and the view is interactive.
  function settled(how) {
    if (state.stabilizedAt === null) state.stabilizedAt = performance.now();
    markReady(how);
    network.setOptions({ physics: { enabled: false } });
  }
  network.once("stabilizationIterationsDone", function () { settled("stabilized"); });
  network.once("stabilized", function () { settled("stabilized"); });
  if (data.physics && data.nodes.length <= 1) {
    network.once("afterDrawing", function () { markReady("afterDrawing"); });
  }
  network.setData({ nodes: nodes, edges: edges });

  document.getElementById("fit").addEventListener("click", function () { network.fit(); });

  function setUrlNode(id) {
    var url = new URL(window.location.href);
    if (id) url.searchParams.set("node", id); else url.searchParams.delete("node");
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  function expandUrl(id) {
    var url = new URL(window.location.href);
    if (url.searchParams.getAll("expand").indexOf(id) < 0) url.searchParams.append("expand", id);
    url.searchParams.set("node", id);
    url.searchParams.delete("format");
    return url.pathname + url.search;
  }

  var panelEmpty = document.getElementById("panel-empty");
  var panelBody = document.getElementById("panel-body");

  function clear(id) {
    var node = document.getElementById(id);
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  function showDetails(info) {
    panelEmpty.hidden = true;
    panelBody.hidden = false;
    panelBody.setAttribute("data-node", info.id);
    document.getElementById("panel-kind").textContent = info.kind_name || info.kind || "";
    document.getElementById("panel-label").textContent = info.label;

    var sources = clear("panel-sources");
    info.sources.forEach(function (source) {
      var figure = el("figure", null, { "class": "source" });
      var where = T.source + ": " + (source.file || "?");
      if (source.start_line !== null) {
        where += ", " + T.lines + " " + source.start_line;
        if (source.end_line !== null && source.end_line !== source.start_line) where += "–" + source.end_line;
      }
      figure.appendChild(el("blockquote", source.quote, { "class": "quote" }));
      figure.appendChild(el("figcaption", where));
      sources.appendChild(figure);
    });

    var counts = clear("panel-counts");
    var isExpanded = config.expanded.indexOf(info.id) >= 0;
    info.counts.forEach(function (count) {
      var item = el("li", count.name + " (" + (count.direction === "in" ? T.incoming : T.outgoing) + "): " + count.count);
      counts.appendChild(item);
    });
    if (info.counts.length) {
      var action = el("li");
      if (isExpanded) {
        action.textContent = T.expanded;
      } else {
        action.appendChild(el("a", T.expand, { href: expandUrl(info.id), id: "panel-expand" }));
      }
      counts.appendChild(action);
    }

    var links = clear("panel-links");
    links.appendChild(el("a", T.open_page, { href: withLang(info.page) }));
    info.api.forEach(function (path) {
      links.appendChild(document.createTextNode(" · "));
      links.appendChild(el("a", T.json_api + ": " + path, { href: path, "class": "api-link" }));
    });

    var properties = clear("panel-properties");
    info.properties.forEach(function (pair) {
      var row = el("tr");
      row.appendChild(el("th", pair.property));
      row.appendChild(el("td", pair.value));
      properties.appendChild(row);
    });

    var sparql = clear("panel-sparql");
    info.sparql.forEach(function (query) {
      var item = el("li");
      item.appendChild(el("a", query.name, { href: query.url, title: query.question, "class": "sparql-link" }));
      sparql.appendChild(item);
    });
  }

  function select(id) {
    setUrlNode(id);
    panelEmpty.hidden = false;
    panelEmpty.textContent = T.loading;
    panelBody.hidden = true;
    var url = config.nodeApi + encodeURIComponent(id) + (config.lang === "en" ? "?lang=en" : "");
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(showDetails)
      .catch(function () { panelEmpty.textContent = T.error_load; });
  }

  network.on("click", function (params) {
    if (params.nodes.length) select(params.nodes[0]);
  });

  var initial = new URL(window.location.href).searchParams.get("node");
  if (initial && nodes.get(initial)) {
    network.selectNodes([initial]);
    select(initial);
  }
})();
