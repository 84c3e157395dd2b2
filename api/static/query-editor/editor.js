// The SPARQL query editor: run a query against /sparql, show the result, share it by URL.
// Every value from the store is written with textContent, never as HTML.
(function () {
  "use strict";
  const query = document.getElementById("query");
  const format = document.getElementById("format");
  const examples = document.getElementById("examples");
  const question = document.getElementById("question");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const DEFAULT = "PREFIX pol: <https://w3id.org/policykg/ontology#>\n" +
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" +
    "SELECT ?plan ?label WHERE { ?plan a pol:Plan ; rdfs:label ?label }\nLIMIT 50\n";
  let exampleList = [];

  function setStatus(text, isError) {
    status.textContent = text;
    status.className = isError ? "error" : "";
  }

  function shareUrl() {
    const url = new URL(window.location.href);
    url.searchParams.set("query", query.value);
    url.searchParams.set("format", format.value);
    return url.toString();
  }

  function cellText(binding) {
    if (!binding) return "";
    return binding.value;
  }

  function renderTable(data) {
    results.replaceChildren();
    if (typeof data.boolean === "boolean") {
      const p = document.createElement("p");
      p.textContent = "ASK → " + data.boolean;
      results.appendChild(p);
      return 1;
    }
    const vars = data.head.vars;
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const name of vars) {
      const th = document.createElement("th");
      th.textContent = "?" + name;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const row of data.results.bindings) {
      const tr = body.insertRow();
      for (const name of vars) {
        const td = tr.insertCell();
        const binding = row[name];
        if (binding && binding.type === "uri" && binding.value.startsWith("https://w3id.org/policykg/id/")) {
          const a = document.createElement("a");
          a.href = "/sparql?query=" + encodeURIComponent("DESCRIBE <" + binding.value + ">");
          a.textContent = "polid:" + binding.value.slice("https://w3id.org/policykg/id/".length);
          td.appendChild(a);
        } else {
          td.textContent = cellText(binding);
          if (binding && binding["xml:lang"]) td.dataset.lang = binding["xml:lang"];
          if (binding && binding.datatype) td.title = binding.datatype;
        }
      }
    }
    results.appendChild(table);
    return data.results.bindings.length;
  }

  function isGraphQuery(text) {
    const body = text.replace(/#[^\n]*/g, " ").replace(/PREFIX\s+\S*\s*<[^>]*>/gi, " ").replace(/BASE\s*<[^>]*>/gi, " ");
    return /^\s*(CONSTRUCT|DESCRIBE)\b/i.test(body);
  }

  async function run() {
    const text = query.value;
    const wanted = format.value;
    let accept = wanted === "table" ? "application/sparql-results+json" : wanted;
    if (wanted === "table" && isGraphQuery(text)) accept = "text/turtle";
    window.history.replaceState(null, "", shareUrl());
    setStatus("…", false);
    results.replaceChildren();
    const started = performance.now();
    let response;
    try {
      response = await fetch("/sparql", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": accept },
        body: new URLSearchParams({ query: text }),
      });
    } catch (error) {
      setStatus("The server did not answer: " + error, true);
      return;
    }
    const elapsed = Math.round(performance.now() - started);
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail; } catch (_) { /* not JSON */ }
      setStatus(response.status + " — " + detail, true);
      return;
    }
    const truncated = response.headers.get("X-PolicyKG-Truncated") === "true";
    const limit = response.headers.get("X-PolicyKG-Row-Limit");
    let count = "";
    if (accept === "application/sparql-results+json" && wanted === "table") {
      count = renderTable(await response.json()) + " rows";
    } else {
      const pre = document.createElement("pre");
      pre.textContent = await response.text();
      results.appendChild(pre);
    }
    setStatus(count + (count ? " · " : "") + elapsed + " ms" +
      (truncated ? " · cut at the row limit of " + limit + " (truncated)" : ""), false);
  }

  function chooseExample() {
    const chosen = exampleList.find((e) => e.name === examples.value);
    if (!chosen) return;
    query.value = chosen.text;
    question.textContent = chosen.question;
  }

  async function loadExamples() {
    try {
      const response = await fetch("/query/examples");
      exampleList = await response.json();
    } catch (_) {
      exampleList = [];
    }
    for (const example of exampleList) {
      const option = document.createElement("option");
      option.value = example.name;
      option.textContent = example.title;
      examples.appendChild(option);
    }
  }

  document.getElementById("run").addEventListener("click", run);
  document.getElementById("share").addEventListener("click", async () => {
    const url = shareUrl();
    window.history.replaceState(null, "", url);
    try { await navigator.clipboard.writeText(url); setStatus("Link copied", false); }
    catch (_) { setStatus(url, false); }
  });
  examples.addEventListener("change", chooseExample);
  query.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
    if (event.key === "Tab") {
      event.preventDefault();
      const start = query.selectionStart;
      query.setRangeText("  ", start, query.selectionEnd, "end");
    }
  });

  const params = new URLSearchParams(window.location.search);
  query.value = params.get("query") || DEFAULT;
  if (params.get("format")) format.value = params.get("format");
  loadExamples().then(() => {
    if (params.get("example")) { examples.value = params.get("example"); chooseExample(); }
    if (params.get("query") || params.get("example")) run();
  });
})();
