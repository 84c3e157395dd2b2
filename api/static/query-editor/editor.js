// The SPARQL query editor: CodeMirror 6 (vendored, window.PolicyKGCodeMirror) with SPARQL
// highlighting; runs a query against /sparql, marks a syntax error where the parser found it,
// shows the result as a table whose polid: IRIs open their /id/ pages, downloads it, and keeps
// the query in the URL. Every value from the store is written with textContent, never as HTML.
(function () {
  "use strict";
  var CM = window.PolicyKGCodeMirror;
  var config = JSON.parse(document.getElementById("editor-config").textContent);
  var T = config.texts;
  var POLID = "https://w3id.org/policykg/id/";
  var PREFIXES = [
    ["pol:", "https://w3id.org/policykg/ontology#"], ["polid:", POLID],
    ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"], ["skos:", "http://www.w3.org/2004/02/skos/core#"],
    ["dcterms:", "http://purl.org/dc/terms/"], ["xsd:", "http://www.w3.org/2001/XMLSchema#"],
    ["org:", "http://www.w3.org/ns/org#"], ["prov:", "http://www.w3.org/ns/prov#"],
    ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
  ];
  var DEFAULT = "PREFIX pol: <https://w3id.org/policykg/ontology#>\n" +
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" +
    "SELECT ?plan ?label WHERE { ?plan a pol:Plan ; rdfs:label ?label }\nLIMIT 50\n";
  var examples = document.getElementById("examples");
  var question = document.getElementById("question");
  var status = document.getElementById("status");
  var results = document.getElementById("results");
  var downloads = document.getElementById("downloads");
  var lastJson = null;

  var runKeys = CM.keymap.of([{ key: "Mod-Enter", run: function () { run(); return true; } }]);
  var view = new CM.EditorView({
    doc: "",
    extensions: [runKeys, CM.basicSetup, CM.sparql(), CM.lintGutter()],
    parent: document.getElementById("editor"),
  });
  view.contentDOM.setAttribute("aria-label", document.getElementById("editor").getAttribute("aria-label"));
  window.policykgEditor = view;

  function text() { return view.state.doc.toString(); }
  function setText(value) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    view.dispatch(CM.setDiagnostics(view.state, []));
  }

  function setStatus(message, isError) {
    status.textContent = message;
    status.className = isError ? "error" : "";
  }

  function shareUrl() {
    var url = new URL(window.location.href);
    url.searchParams.set("query", text());
    url.searchParams.delete("example");
    return url.toString();
  }

  // "SPARQL syntax error: error at 2:10: expected ..." (Oxigraph): mark line 2, column 10.
  function markError(detail) {
    var found = /at (\d+):(\d+)/.exec(detail || "");
    if (!found) return false;
    var doc = view.state.doc;
    var lineNumber = Math.min(Math.max(1, parseInt(found[1], 10)), doc.lines);
    var line = doc.line(lineNumber);
    var from = Math.min(line.from + Math.max(0, parseInt(found[2], 10) - 1), line.to);
    var to = Math.min(Math.max(from + 1, line.to), doc.length);
    if (from >= to) from = Math.max(0, to - 1);
    view.dispatch(CM.setDiagnostics(view.state, [{ from: from, to: to, severity: "error", message: detail }]));
    view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
    return true;
  }

  function shortIri(value) {
    for (var k = 0; k < PREFIXES.length; k += 1) {
      if (value.indexOf(PREFIXES[k][1]) === 0) return PREFIXES[k][0] + value.slice(PREFIXES[k][1].length);
    }
    return value;
  }

  function withLang(path) { return config.lang === "en" ? path + "?lang=en" : path; }

  function renderTable(data) {
    results.replaceChildren();
    if (typeof data.boolean === "boolean") {
      results.appendChild(Object.assign(document.createElement("p"), { textContent: "ASK → " + data.boolean }));
      return 1;
    }
    var vars = data.head.vars;
    var table = document.createElement("table");
    var caption = table.createCaption();
    caption.textContent = T.caption.replace("{count}", data.results.bindings.length).replace("{vars}", vars.join(", "));
    var head = table.createTHead().insertRow();
    vars.forEach(function (name) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = name;
      head.appendChild(th);
    });
    var body = table.createTBody();
    data.results.bindings.forEach(function (row) {
      var tr = body.insertRow();
      vars.forEach(function (name) {
        var td = tr.insertCell();
        var binding = row[name];
        if (!binding) return;
        if (binding.type === "uri" && binding.value.indexOf(POLID) === 0) {
          var a = document.createElement("a");
          a.href = withLang("/id/" + binding.value.slice(POLID.length));
          a.textContent = shortIri(binding.value);
          td.appendChild(a);
        } else if (binding.type === "uri") {
          td.textContent = shortIri(binding.value);
          td.title = binding.value;
        } else {
          td.textContent = binding.value;
          if (binding["xml:lang"]) td.lang = binding["xml:lang"];
          if (binding.datatype) td.title = shortIri(binding.datatype);
        }
      });
    });
    results.appendChild(table);
    return data.results.bindings.length;
  }

  function isGraphQuery(query) {
    var body = query.replace(/#[^\n]*/g, " ").replace(/PREFIX\s+\S*\s*<[^>]*>/gi, " ").replace(/BASE\s*<[^>]*>/gi, " ");
    return /^\s*(CONSTRUCT|DESCRIBE)\b/i.test(body);
  }

  function post(accept) {
    return fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": accept },
      body: new URLSearchParams({ query: text() }),
    });
  }

  async function run() {
    var query = text();
    var graph = isGraphQuery(query);
    window.history.replaceState(null, "", shareUrl());
    view.dispatch(CM.setDiagnostics(view.state, []));
    setStatus("…", false);
    results.replaceChildren();
    downloads.hidden = true;
    lastJson = null;
    var started = performance.now();
    var response;
    try {
      response = await post(graph ? "text/turtle" : "application/sparql-results+json");
    } catch (error) {
      setStatus(T.noAnswer + " " + error, true);
      return;
    }
    var elapsed = Math.round(performance.now() - started);
    if (!response.ok) {
      var detail = response.statusText;
      try { detail = (await response.json()).detail; } catch (_) { /* not JSON */ }
      var shown = String(detail).length > 200 ? String(detail).slice(0, 200) + "…" : String(detail);
      setStatus(response.status + " — " + shown, true);
      if (response.status === 400) markError(String(detail));
      return;
    }
    var truncated = response.headers.get("X-PolicyKG-Truncated") === "true";
    var limit = response.headers.get("X-PolicyKG-Row-Limit");
    var count = "";
    if (graph) {
      var pre = document.createElement("pre");
      pre.textContent = await response.text();
      results.appendChild(pre);
    } else {
      lastJson = await response.json();
      count = T.rows.replace("{count}", renderTable(lastJson));
      downloads.hidden = typeof lastJson.boolean === "boolean";
    }
    setStatus(count + (count ? " · " : "") + elapsed + " ms" + (truncated ? " · " + T.truncated.replace("{limit}", limit) : ""), false);
  }

  function save(blob, extension) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "policykg-query." + extension;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  downloads.querySelectorAll("button").forEach(function (button) {
    button.addEventListener("click", async function () {
      var format = button.getAttribute("data-format"), extension = button.getAttribute("data-ext");
      var response;
      if (format === "xlsx") {
        response = await fetch("/query/results.xlsx", {
          method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(lastJson),
        });
      } else {
        response = await post(format);
      }
      if (!response.ok) { setStatus(response.status + " — " + response.statusText, true); return; }
      save(await response.blob(), extension);
    });
  });

  function chooseExample() {
    var chosen = config.examples.filter(function (e) { return e.name === examples.value; })[0];
    if (!chosen) return;
    setText(chosen.text);
    question.textContent = chosen.question;
  }

  document.getElementById("run").addEventListener("click", run);
  document.getElementById("share").addEventListener("click", async function () {
    var url = shareUrl();
    window.history.replaceState(null, "", url);
    try { await navigator.clipboard.writeText(url); setStatus(T.copied, false); } catch (_) { setStatus(url, false); }
  });
  examples.addEventListener("change", chooseExample);

  var params = new URLSearchParams(window.location.search);
  setText(params.get("query") || DEFAULT);
  if (params.get("example")) { examples.value = params.get("example"); chooseExample(); }
  window.policykgEditorReady = true;
  if (params.get("query") || params.get("example")) run();
})();
