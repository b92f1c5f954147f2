/* wirewatch sitrep page: the daily situation report (Markdown from the API) rendered as
 * DOM nodes with textContent. Only a small Markdown subset is understood: headings, bullet
 * lists, paragraphs, **bold**; anything else stays literal text. */
"use strict";

(function () {
  const { el, clear, getJSON } = WW;

  /** Inline text with **bold** runs, as nodes. */
  function inline(text) {
    const nodes = [];
    const parts = text.split(/(\*\*[^*]+\*\*)/);
    for (const part of parts) {
      if (!part) continue;
      if (part.startsWith("**") && part.endsWith("**") && part.length > 4) nodes.push(el("strong", { text: part.slice(2, -2) }));
      else nodes.push(document.createTextNode(part));
    }
    return nodes;
  }

  function render(markdown, root) {
    clear(root);
    let list = null;
    let para = null;
    for (const raw of markdown.split("\n")) {
      const line = raw.replace(/\s+$/, "");
      const heading = /^(#{1,4})\s+(.*)$/.exec(line);
      const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
      if (heading) {
        list = null; para = null;
        root.appendChild(el("h" + Math.min(heading[1].length, 4), null, inline(heading[2])));
      } else if (bullet) {
        para = null;
        if (!list) { list = el("ul"); root.appendChild(list); }
        list.appendChild(el("li", null, inline(bullet[1])));
      } else if (!line.trim()) {
        list = null; para = null;
      } else {
        list = null;
        if (!para) { para = el("p"); root.appendChild(para); } else para.appendChild(document.createTextNode(" "));
        for (const n of inline(line.trim())) para.appendChild(n);
      }
    }
  }

  async function load() {
    const date = document.getElementById("s-date").value;
    const country = document.getElementById("s-country").value.trim().toUpperCase();
    if (!date) return;
    const root = document.getElementById("sitrep");
    try {
      const data = await getJSON("/api/sitrep", { date, country });
      render(data.markdown || "", root);
      document.title = `wirewatch — situation report ${date}${country ? " " + country : ""}`;
      document.body.dataset.ready = "true";
    } catch (e) {
      clear(root);
      root.appendChild(el("p", { className: "muted", text: "The report could not be loaded: " + e.message }));
    }
  }

  document.addEventListener("DOMContentLoaded", async () => {
    const params = new URLSearchParams(window.location.search);
    let date = params.get("date");
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      try { date = (await getJSON("/api/meta")).max_date; } catch (e) { date = null; }
    }
    document.getElementById("s-date").value = date || new Date().toISOString().slice(0, 10);
    document.getElementById("s-country").value = params.get("country") || "";
    document.getElementById("sitrep-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const p = new URLSearchParams({ date: document.getElementById("s-date").value });
      const c = document.getElementById("s-country").value.trim();
      if (c) p.set("country", c);
      history.replaceState(null, "", "/sitrep?" + p.toString());
      load();
    });
    document.getElementById("print").addEventListener("click", () => window.print());
    load();
  });
})();
