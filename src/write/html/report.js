// whosaid review page. The data is in this file: #index (the run) and, per document, a
// <template id="tN"> (its marked text) and <script id="jN"> (its claims and entities).
// A document's view is built only when it is opened.
(function () {
  "use strict";
  const $ = (s) => document.querySelector(s);
  const $$ = (s, root) => Array.from((root || document).querySelectorAll(s));
  const idx = JSON.parse($("#index").textContent);
  const filt = { speaker: "", kind: "", rule: "", conf: 1.01 };
  let current = null; // { n, data }

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const k of kids) e.append(k instanceof Node ? k : String(k));
    return e;
  }

  function show(view) {
    $$(".view").forEach((v) => (v.hidden = v.id !== "view-" + view));
    $$("nav button").forEach((b) => b.classList.toggle("on", b.dataset.tab === view));
  }

  // A sortable table: cols are {key, label, num}; clicking a header sorts by it.
  function grid(table, cols, rows, onrow, limit) {
    let key = null, asc = true;
    function draw() {
      const sorted = rows.slice();
      if (key !== null) {
        sorted.sort((a, b) => {
          const x = a[key], y = b[key];
          const r = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
          return asc ? r : -r;
        });
      }
      table.replaceChildren();
      const head = el("tr");
      for (const c of cols) {
        const th = el("th", { class: c.key === key ? "sorted" + (asc ? " asc" : "") : "" }, c.label);
        th.addEventListener("click", () => {
          asc = key === c.key ? !asc : !!c.asc;
          key = c.key;
          draw();
        });
        head.append(th);
      }
      table.append(el("thead", {}, head));
      const body = el("tbody");
      const shown = limit ? sorted.slice(0, limit) : sorted;
      for (const r of shown) {
        const tr = el("tr", { class: "row" });
        for (const c of cols) tr.append(el("td", { class: c.num ? "n" : "" }, r[c.key] === undefined ? "" : r[c.key]));
        tr.addEventListener("click", () => onrow(r));
        body.append(tr);
      }
      if (limit && sorted.length > limit) {
        body.append(el("tr", {}, el("td", { colspan: cols.length, class: "hint" }, `${sorted.length - limit} more: narrow the filters`)));
      }
      table.append(body);
    }
    draw();
  }

  function matches(speaker, kind, rule, conf) {
    return (!filt.speaker || speaker === filt.speaker) && (!filt.kind || kind === filt.kind) &&
      (!filt.rule || rule === filt.rule) && conf < filt.conf;
  }

  // ---- the run: documents, claims, entities ----
  const docs = idx.docs.map((d, n) => Object.assign({ n: n + 1, at: n }, d, { error: d.error || "" }));
  $("#totals").textContent = `${idx.docs.length} documents · ${idx.claims.length} claims · ${idx.entities.length} entities`;
  grid($("#doc-index"), [
    { key: "n", label: "#", num: true, asc: true }, { key: "id", label: "document", asc: true },
    { key: "entities", label: "entities", num: true }, { key: "mentions", label: "mentions", num: true },
    { key: "quotes", label: "quotes", num: true }, { key: "claims", label: "claims", num: true },
    { key: "weak", label: "weak", num: true }, { key: "warnings", label: "warnings", num: true },
    { key: "error", label: "error", asc: true },
  ], docs, (r) => openDoc(r.at, {}));

  function drawClaims() {
    const rows = idx.claims.filter((c) => matches(c.s, c.k, c.r, c.f))
      .map((c) => ({ doc: idx.docs[c.d].id, d: c.d, claim: c.c, kind: c.k, speaker: c.s, rule: c.r, confidence: c.f, text: c.t }));
    grid($("#claim-index"), [
      { key: "doc", label: "document", asc: true }, { key: "claim", label: "claim", num: true, asc: true },
      { key: "kind", label: "kind", asc: true }, { key: "speaker", label: "speaker", asc: true },
      { key: "rule", label: "rule", asc: true }, { key: "confidence", label: "confidence", num: true, asc: true },
      { key: "text", label: "words", asc: true },
    ], rows, (r) => openDoc(r.d, { claim: r.claim }), 2000);
  }

  grid($("#entity-index"), [
    { key: "name", label: "entity", asc: true }, { key: "type", label: "type", asc: true },
    { key: "mentions", label: "mentions", num: true }, { key: "ndocs", label: "documents", num: true },
    { key: "id", label: "id", asc: true }, { key: "wikidata", label: "wikidata", asc: true },
  ], idx.entities.map((e) => Object.assign({ ndocs: e.docs.length }, e)), (e) => {
    const box = $("#entity-docs");
    box.replaceChildren(el("h3", {}, `${e.name} (${e.type}) in ${e.docs.length} documents`));
    const ul = el("ul");
    for (const [d, k] of e.docs) {
      ul.append(el("li", {}, el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); openDoc(d, { entity: e.id }); } },
        idx.docs[d].id), ` · ${k} mentions`));
    }
    box.append(ul);
    box.scrollIntoView({ block: "nearest" });
  });

  // ---- filters ----
  function options(sel, values) {
    for (const v of Array.from(new Set(values)).filter((v) => v !== "").sort()) sel.append(el("option", { value: v }, v));
  }
  options($("#f-speaker"), idx.claims.map((c) => c.s));
  options($("#f-kind"), idx.claims.map((c) => c.k));
  options($("#f-rule"), idx.claims.map((c) => c.r));
  function setFilter() {
    filt.speaker = $("#f-speaker").value;
    filt.kind = $("#f-kind").value;
    filt.rule = $("#f-rule").value;
    const c = parseFloat($("#f-conf").value);
    filt.conf = isNaN(c) ? 1.01 : c;
    drawClaims();
    applyFilter();
  }
  for (const id of ["#f-speaker", "#f-kind", "#f-rule", "#f-conf"]) $(id).addEventListener("change", setFilter);
  $("#f-conf").addEventListener("input", setFilter);
  $("#f-weak").addEventListener("click", () => { $("#f-conf").value = "0.5"; setFilter(); });
  $("#f-clear").addEventListener("click", () => {
    for (const id of ["#f-speaker", "#f-kind", "#f-rule"]) $(id).value = "";
    $("#f-conf").value = "1.01";
    setFilter();
  });

  // Claims of the open document that fail the filters lose their highlight.
  function applyFilter() {
    if (!current) return;
    for (const c of current.data.claims) {
      const on = matches(c.speaker, c.kind, c.rule, parseFloat(c.confidence));
      $$(`#text [data-c="${c.id - 1}"], #text [data-for="${c.id - 1}"]`).forEach((e) => e.classList.toggle("off", !on));
    }
  }

  // ---- one document ----
  function openDoc(n, focus) {
    const d = idx.docs[n];
    const t = document.getElementById("t" + n);
    const j = document.getElementById("j" + n);
    current = { n, data: j ? JSON.parse(j.textContent) : { claims: [], entities: [], warnings: [] } };
    $("#doc-head").replaceChildren(
      el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); show("docs"); } }, "← documents"),
      el("h2", {}, d.id),
      el("span", { class: "hint" }, `${d.source} · ${d.entities} entities · ${d.quotes} quotes · ${d.claims} claims · ${d.warnings} warnings`),
    );
    const text = $("#text");
    text.replaceChildren();
    if (d.error) text.append(el("p", { class: "hint" }, "Not extracted: " + d.error));
    if (t) text.append(t.content.cloneNode(true));
    for (const w of current.data.warnings) text.prepend(el("p", { class: "hint" }, "warning: " + w));
    text.onclick = (ev) => {
      const c = ev.target.closest("[data-c]");
      if (c) select(parseInt(c.dataset.c, 10));
    };
    $("#detail").replaceChildren(el("p", { class: "hint" }, "Click a highlighted claim to see who said it, by which rule, and the other candidates."));
    cycle = { k: -1, i: 0 };
    drawEntities();
    applyFilter();
    show("doc");
    location.hash = "doc=" + n;
    if (focus.claim) select(focus.claim - 1, true);
    if (focus.entity) {
      const k = current.data.entities.findIndex((e) => e.id === focus.entity);
      if (k >= 0) focusEntity(k);
    }
  }

  function drawEntities() {
    grid($("#doc-entities"), [
      { key: "name", label: "entity", asc: true }, { key: "type", label: "type", asc: true },
      { key: "mentions", label: "mentions", num: true }, { key: "id", label: "id", asc: true },
      { key: "wikidata", label: "wikidata", asc: true },
    ], current.data.entities.map((e, k) => Object.assign({ k }, e)), (e) => focusEntity(e.k));
  }

  // Marks every mention of entity k; each click moves to the next one.
  let cycle = { k: -1, i: 0 };
  function focusEntity(k) {
    $$("#text .m.focus").forEach((e) => e.classList.remove("focus"));
    const ms = $$(`#text [data-e="${k}"]:not([data-cont])`);
    ms.forEach((e) => e.classList.add("focus"));
    cycle = cycle.k === k ? { k, i: (cycle.i + 1) % Math.max(ms.length, 1) } : { k, i: 0 };
    if (ms.length) ms[cycle.i].scrollIntoView({ block: "center" });
  }

  function select(i, scroll) {
    const c = current.data.claims[i];
    if (!c) return;
    $$("#text .c.sel").forEach((e) => e.classList.remove("sel"));
    const parts = $$(`#text [data-c="${i}"]`);
    parts.forEach((e) => e.classList.add("sel"));
    if (scroll && parts.length) parts[0].scrollIntoView({ block: "center" });
    const dl = el("dl");
    const row = (k, v) => { dl.append(el("dt", {}, k), el("dd", { "data-field": k }, v === "" ? "—" : v)); };
    row("claim", `${current.data.id}/${c.id} (${c.kind})`);
    row("speaker", c.speaker);
    row("speaker_mention", c.speaker_mention);
    row("speaker_id", c.speaker_id);
    row("speaker_type", c.speaker_type);
    if (c.speaker_role) row("speaker_role", c.speaker_role);
    row("cue", c.cue);
    row("rule", c.rule);
    row("reason", c.reason);
    row("confidence", c.confidence);
    row("offsets", `${c.start}–${c.end}`);
    if (c.decision) row("why", c.decision);
    const box = el("div", {}, el("h3", {}, "Claim"), dl);
    box.append(el("h3", {}, `Candidates considered (${c.candidates.length})`));
    for (const k of c.candidates) {
      const div = el("div", { class: "cand " + (k.verdict === "chosen" ? "chosen" : "") },
        el("b", {}, k.name), k.written && k.written !== k.name ? ` “${k.written}”` : "",
        " ", el("span", { class: "tag" }, k.verdict), k.rule ? ` by ${k.rule}` : "");
      for (const f of k.for) div.append(el("div", { class: "ev" }, "for: " + f));
      for (const a of k.against) div.append(el("div", { class: "ev against" }, "against: " + a));
      box.append(div);
    }
    $("#detail").replaceChildren(box);
  }

  $$("nav button").forEach((b) => b.addEventListener("click", () => show(b.dataset.tab)));
  drawClaims();
  const m = /doc=(\d+)/.exec(location.hash);
  if (m && idx.docs[+m[1]]) openDoc(+m[1], {});
  window.whosaid = { openDoc, select, count: () => idx.docs.length };
})();
