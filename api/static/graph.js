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

  // Paging: in a hierarchical view of more than PAGING_FROM nodes, each node shows at most
  // PAGE of the nodes of one kind it leads to; a "+N more" node opens the next PAGE.
  var PAGING_FROM = 40, PAGE = 12, MIN_FONT_PX = 11;
  var allEdges = data.edges.map(function (edge, index) { return Object.assign({ id: "e" + index }, edge); });
  var byId = {};
  data.nodes.forEach(function (node) { byId[node.id] = node; });
  var shown = {};  // "parent|kind" -> how many are shown
  var paging = data.hierarchical && data.nodes.length > PAGING_FROM;

  function visibleGraph() {
    if (!paging) return { nodes: data.nodes, edges: allEdges };
    var adjacent = {};
    allEdges.forEach(function (edge) {
      (adjacent[edge.from] = adjacent[edge.from] || []).push(edge.to);
      (adjacent[edge.to] = adjacent[edge.to] || []).push(edge.from);
    });
    var claimed = {}, visible = {}, more = [], queue = [];
    function start(id) { if (!claimed[id]) { claimed[id] = true; visible[id] = true; queue.push(id); } }
    (data.roots || []).forEach(start);
    var order = data.nodes.map(function (node) { return node.id; });
    for (var k = 0; k <= order.length; k += 1) {
      while (queue.length) {
        var parent = queue.shift();
        var fresh = {};
        (adjacent[parent] || []).forEach(function (id) {
          if (claimed[id]) return;
          claimed[id] = true;
          var kind = byId[id].kind;
          (fresh[kind] = fresh[kind] || []).push(id);
        });
        Object.keys(fresh).forEach(function (kind) {
          var key = parent + "|" + kind, limit = shown[key] || PAGE;
          fresh[kind].slice(0, limit).forEach(function (id) { visible[id] = true; queue.push(id); });
          if (fresh[kind].length > limit) more.push({ parent: parent, kind: kind, key: key, count: fresh[kind].length - limit });
        });
      }
      if (k < order.length) start(order[k]);
    }
    var nodesNow = data.nodes.filter(function (node) { return visible[node.id]; });
    var edgesNow = allEdges.filter(function (edge) { return visible[edge.from] && visible[edge.to]; });
    more.forEach(function (entry) {
      var id = "more:" + entry.key;
      var parentLevel = byId[entry.parent].level || 0;
      nodesNow.push({
        id: id, more: entry.key, kind: "more", shape: "box", level: parentLevel + 1,
        label: T.more_nodes.replace("{count}", entry.count).replace("{kind}", (config.kindNames || {})[entry.kind] || entry.kind),
        color: { background: "#ffffff", border: "#616e7c" }, shapeProperties: { borderDashes: [4, 3] },
      });
      edgesNow.push({ id: "edge:" + id, from: entry.parent, to: id, dashes: true, color: "#9aa5b1" });
    });
    return { nodes: nodesNow, edges: edgesNow };
  }

  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);
  function refill() {
    var now = visibleGraph();
    nodes.clear(); edges.clear();
    nodes.add(now.nodes); edges.add(now.edges);
    state.hidden = data.nodes.length - now.nodes.filter(function (node) { return !node.more; }).length;
  }
  refill();
  // Listeners first, data second: a small view can settle before a later listener is added.
  var network = new vis.Network(container, {}, data.options);
  state.network = network;

  function smallestFont() {
    var smallest = Infinity;
    nodes.getIds().forEach(function (id) {
      var drawn = network.body.nodes[id];
      if (drawn && drawn.options.font && drawn.options.font.size) smallest = Math.min(smallest, drawn.options.font.size);
    });
    return smallest === Infinity ? 14 : smallest;
  }
  // Fit the view, but never at a scale that draws a label under MIN_FONT_PX: a larger view is
  // shown from its roots at the smallest legible scale, to be panned.
  function fitReadable() {
    network.fit({ animation: false });
    var least = MIN_FONT_PX / smallestFont();
    if (network.getScale() >= least) return;
    var root = (data.roots || []).filter(function (id) { return nodes.get(id); })[0];
    var at = root ? network.getPosition(root) : network.getViewPosition();
    var half = container.clientWidth / 2 / least;
    var position = at;
    if (data.hierarchical) {
      // the roots at the left, level by level to the right, around the first level below them
      var first = nodes.get({ filter: function (node) { return node.level === 1; } });
      var ys = first.map(function (node) { return network.getPosition(node.id).y; }).sort(function (a, b) { return a - b; });
      var middle = ys.length ? ys[Math.floor(ys.length / 2)] : at.y;
      var reach = container.clientHeight / 2 / least;
      position = { x: at.x + half - 170 / least, y: Math.max(at.y - reach + 60 / least, Math.min(middle, at.y + reach - 60 / least)) };
    }
    network.moveTo({ position: position, scale: least, animation: false });
  }
  state.fitReadable = fitReadable;
  state.minFontPx = MIN_FONT_PX;

  network.once("afterDrawing", function () {
    state.firstDrawAt = performance.now();
    if (!data.physics) { fitReadable(); markReady("afterDrawing"); }
  });
  // Physics settles fast: after the bounded stabilization run (or once stable, if sooner) it
  // is switched off, and the view is interactive.
  function settled(how) {
    if (state.stabilizedAt === null) state.stabilizedAt = performance.now();
    network.setOptions({ physics: { enabled: false } });
    if (!state.ready) fitReadable();
    markReady(how);
  }
  network.once("stabilizationIterationsDone", function () { settled("stabilized"); });
  network.once("stabilized", function () { settled("stabilized"); });
  if (data.physics && data.nodes.length <= 1) {
    network.once("afterDrawing", function () { markReady("afterDrawing"); });
  }
  network.setData({ nodes: nodes, edges: edges });

  document.getElementById("fit").addEventListener("click", fitReadable);
  function zoom(factor) {
    network.moveTo({ scale: network.getScale() * factor, position: network.getViewPosition(), animation: false });
  }
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(1.25); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(0.8); });
  document.getElementById("download-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var copy = document.createElement("canvas");
    copy.width = canvas.width; copy.height = canvas.height;
    var context = copy.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, copy.width, copy.height);
    context.drawImage(canvas, 0, 0);
    var link = el("a", null, { href: copy.toDataURL("image/png"), download: (config.fileName || "policykg-graph") + ".png" });
    document.body.appendChild(link);
    link.click();
    link.remove();
  });

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

    var succession = clear("panel-succession");
    (info.succession || []).forEach(function (step) {
      var item = el("li", step.before + " ");
      item.appendChild(el("a", step.label, { href: withLang(step.page) }));
      if (step.after) item.appendChild(document.createTextNode(" " + step.after));
      succession.appendChild(item);
    });
    succession.hidden = !(info.succession || []).length;

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
    if (!params.nodes.length) return;
    var clicked = nodes.get(params.nodes[0]);
    if (clicked && clicked.more) {
      shown[clicked.more] = (shown[clicked.more] || PAGE) + PAGE;
      refill();
      return;
    }
    select(params.nodes[0]);
  });

  var initial = new URL(window.location.href).searchParams.get("node");
  if (initial && nodes.get(initial)) {
    network.selectNodes([initial]);
    select(initial);
  }
})();
