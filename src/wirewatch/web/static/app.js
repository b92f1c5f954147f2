/* wirewatch web map: events, territorial control on a date, evidence behind every marker.
 *
 * All article-derived text is inserted with textContent (see common.js). Leaflet tooltips are
 * given DOM elements, never strings, because Leaflet renders strings with innerHTML.
 */
"use strict";

(function () {
  const { el, clear, getJSON, dayToIso, isoToDay, nameOf, typeColour, holderColour } = WW;
  const SVG_LIMIT = 3000; // above this many markers, draw on a canvas (much faster first paint)
  const LIST_LIMIT = 300; // rows shown in the "events in view" panel

  const state = {
    meta: null,
    map: null,
    eventLayer: null,
    controlLayer: null,
    events: [],
    eventsById: new Map(),
    control: [],
    articles: new Map(),
    selected: null,
    controlRequest: 0,
    eventsRequest: 0,
  };
  const $ = (id) => document.getElementById(id);
  window.wirewatch = state; // for debugging and the browser tests

  function filterParams() {
    return {
      type: $("f-type").value,
      actor: $("f-actor").value,
      country: $("f-country").value,
      q: $("f-text").value.trim(),
    };
  }

  function sliderDate() { return dayToIso(Number($("slider").value)); }

  function windowStart() {
    const w = $("f-window").value;
    if (w === "all") return null;
    return dayToIso(Number($("slider").value) - Number(w) + 1);
  }

  /* ---------- map ---------- */

  function setupMap() {
    if (typeof window.L === "undefined") {
      WW.notice("The map library (Leaflet) is not installed, so only the lists are shown. " +
        "Install it with 'npm ci' and 'wirewatch web build' (see the README).");
      $("map").classList.add("no-map");
      $("map").appendChild(el("p", { className: "no-map-text", text: "Map unavailable: Leaflet is not installed." }));
      return;
    }
    const map = L.map("map", { worldCopyJump: true, attributionControl: false, zoomSnap: 0.5 });
    map.setView([30, 20], 3);
    state.map = map;
    const meta = state.meta;
    if (meta.tile_url) {
      L.tileLayer(meta.tile_url, { maxZoom: 18 }).addTo(map);
      if (meta.tile_attribution) {
        $("legend").appendChild(el("p", { className: "attribution", text: meta.tile_attribution }));
      }
    }
    if (meta.assets && meta.assets.outlines) {
      // Outlines load in the background on their own pane, below the markers: events are
      // not held back by the 400 KB outline file.
      map.createPane("outlines").style.zIndex = "350";
      fetch("/static/vendor/countries.geojson")
        .then((response) => response.json())
        .then((outlines) => {
          L.geoJSON(outlines, {
            pane: "outlines",
            interactive: false,
            style: { color: "#7f8c8d", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: meta.tile_url ? 0 : 1 },
          }).addTo(map);
        })
        .catch((e) => WW.notice("Country outlines could not be loaded: " + e.message));
    } else if (!meta.tile_url) {
      WW.notice("Country outlines are not installed ('wirewatch web build'); markers are drawn on a blank map.");
    }
    state.controlLayer = L.layerGroup().addTo(map);
    state.eventLayer = L.layerGroup().addTo(map);
    map.on("moveend", renderList);
  }

  function radiusFor(fatalities) {
    const n = Number(fatalities) || 0;
    return Math.min(22, 5 + 2.2 * Math.log2(1 + n));
  }

  function tooltipFor(lines) {
    // A DOM element: Leaflet inserts strings with innerHTML, elements as nodes.
    return el("div", { className: "tip" }, lines.map((line, i) => el(i ? "div" : "strong", { text: line })));
  }

  // What an event is: its ACLED sub-type or type, else its PLOVER type, else its category
  // (displacement, prisoner_release: events with no ACLED or PLOVER code).
  function kindOf(ev) {
    return ev.sub_event_type || ev.event_type || ev.plover_type ||
      (ev.category ? ev.category.replace(/_/g, " ") : null) || "Event";
  }

  function visibleEvents() {
    const end = sliderDate();
    const start = windowStart();
    // Background events (told in later reports as having happened earlier) can be hidden.
    const background = $("f-historical").checked;
    return state.events.filter((e) => (!e.date || e.date <= end) && (!start || !e.date || e.date >= start) &&
      (background || !e.historical));
  }

  function renderEvents() {
    const shown = visibleEvents();
    $("counts").textContent = `${shown.length} of ${state.events.length} events` +
      (state.truncated ? " (more match: narrow the filters)" : "");
    if (state.map) {
      state.eventLayer.clearLayers();
      const renderer = shown.length > SVG_LIMIT ? L.canvas({ padding: 0.2 }) : L.svg();
      for (const ev of shown) {
        if (ev.lat === null || ev.lon === null || ev.lat === undefined) continue;
        // A background event is drawn pale with a dashed outline: it is not news of the date.
        const marker = L.circleMarker([ev.lat, ev.lon], {
          renderer,
          radius: radiusFor(ev.fatalities),
          color: "#222",
          weight: 1,
          dashArray: ev.historical ? "3 3" : null,
          fillColor: typeColour(ev.event_type),
          fillOpacity: ev.historical ? 0.25 : 0.85,
          className: ev.historical ? "ev-marker ev-historical" : "ev-marker",
        });
        marker.on("click", () => showEvent(ev.id));
        if (shown.length <= SVG_LIMIT) {
          marker.bindTooltip(() => tooltipFor([
            kindOf(ev),
            `${ev.place || "?"} · ${ev.date || "date unknown"}`,
            `${ev.actor1 || ""}${ev.actor2 ? " vs " + ev.actor2 : ""}`,
            `fatalities: ${ev.fatalities || 0} · sources: ${ev.sources || 1}`,
            ...(ev.historical ? ["historical: told as background in later reports"] : []),
          ]));
        }
        marker.addTo(state.eventLayer);
        const path = marker.getElement && marker.getElement();
        if (path) {
          path.setAttribute("data-event-id", ev.id);
          path.setAttribute("data-place", ev.place || "");
          path.setAttribute("data-type", ev.event_type || "");
          path.setAttribute("data-historical", ev.historical ? "true" : "false");
        }
      }
    }
    renderList();
  }

  function inView(ev) {
    if (!state.map) return true;
    if (ev.lat === null || ev.lat === undefined) return false;
    return state.map.getBounds().contains([ev.lat, ev.lon]);
  }

  function renderList() {
    const list = clear($("event-list"));
    const rows = visibleEvents().filter(inView)
      .sort((a, b) => (b.date || "").localeCompare(a.date || "") || (b.fatalities || 0) - (a.fatalities || 0));
    $("list-count").textContent = `(${rows.length})`;
    for (const ev of rows.slice(0, LIST_LIMIT)) {
      const button = el("button", {
        type: "button",
        className: "event-item" + (state.selected === ev.id ? " selected" : "") +
          (ev.historical ? " historical" : ""),
        dataset: { eventId: ev.id, place: ev.place || "", historical: ev.historical ? "true" : "false" },
        onclick: () => showEvent(ev.id),
      }, [
        el("span", { className: "swatch", style: null }),
        el("span", { className: "ev-date", text: ev.date || "?" }),
        " ",
        el("span", { className: "ev-type", text: kindOf(ev) }),
        " — ",
        el("span", { className: "ev-place", text: ev.place || "unknown place" }),
        ev.historical ? el("span", { className: "ev-hist", text: " · historical" }) : null,
        ev.fatalities ? el("span", { className: "ev-fat", text: ` · ${ev.fatalities} killed` }) : null,
      ]);
      button.firstChild.style.backgroundColor = typeColour(ev.event_type);
      list.appendChild(el("li", null, button));
    }
    if (rows.length > LIST_LIMIT) {
      list.appendChild(el("li", { className: "more", text: `… and ${rows.length - LIST_LIMIT} more: zoom in or filter` }));
    }
    if (!rows.length) list.appendChild(el("li", { className: "empty", text: "No events in view for these filters and dates." }));
  }

  function renderControl() {
    const date = sliderDate();
    $("control-date").textContent = date;
    const body = clear($("control-table").tBodies[0]);
    const holders = new Map();
    if (state.map) state.controlLayer.clearLayers();
    for (const row of state.control) {
      const place = row.place || {};
      const holder = row.holder;
      const holderName = holder ? nameOf(holder) : "unknown";
      const colour = holderColour(holder ? holder.id || holderName : null);
      if (holder) holders.set(holderName, colour);
      const tr = el("tr", { dataset: { place: place.name || "", holder: holderName } }, [
        el("td", { text: place.name || "?" }),
        el("td", null, [el("span", { className: "swatch" }), holderName]),
        el("td", { text: row.since || "before the record" }),
        el("td", { text: row.status || "" }),
      ]);
      tr.querySelector(".swatch").style.backgroundColor = colour;
      body.appendChild(tr);
      if (state.map && place.lat !== null && place.lat !== undefined) {
        const marker = L.circleMarker([place.lat, place.lon], {
          radius: 14, color: colour, weight: 4, fillColor: colour, fillOpacity: 0.18,
          className: "ctl-marker", interactive: true, dashArray: row.status === "contested" ? "4 4" : null,
        });
        marker.bindTooltip(() => tooltipFor([
          place.name || "?",
          `held by ${holderName}`,
          `since ${row.since || "before the record"} (${row.status || "reported"})`,
        ]));
        marker.addTo(state.controlLayer);
        const path = marker.getElement && marker.getElement();
        if (path) {
          path.setAttribute("data-place", place.name || "");
          path.setAttribute("data-holder", holderName);
        }
      }
    }
    if (!state.control.length) {
      body.appendChild(el("tr", null, el("td", { colspan: 4, text: "No control information for this date." })));
    }
    renderLegend(holders);
  }

  function renderLegend(holders) {
    const legend = $("legend");
    for (const old of legend.querySelectorAll(".legend-block")) old.remove();
    const types = el("div", { className: "legend-block" }, [el("strong", { text: "Event types" })]);
    for (const [name, colour] of Object.entries(WW.TYPE_COLOURS).concat([["Other", WW.OTHER_COLOUR]])) {
      const item = el("div", { className: "legend-item" }, [el("span", { className: "swatch" }), name]);
      item.firstChild.style.backgroundColor = colour;
      types.appendChild(item);
    }
    types.appendChild(el("div", { className: "legend-note", text: "Marker size grows with fatalities." }));
    types.appendChild(el("div", { className: "legend-note", text: "Pale, dashed: historical (told as background)." }));
    const ctl = el("div", { className: "legend-block" }, [el("strong", { text: "Held by (rings)" })]);
    for (const [name, colour] of holders) {
      const item = el("div", { className: "legend-item" }, [el("span", { className: "swatch ring" }), name]);
      item.firstChild.style.borderColor = colour;
      ctl.appendChild(item);
    }
    legend.prepend(types, ctl);
  }

  /* ---------- data loading ---------- */

  async function loadEvents(prefetched) {
    const ticket = ++state.eventsRequest;
    try {
      const data = await (prefetched || getJSON("/api/map", filterParams()));
      if (ticket !== state.eventsRequest) return;
      // Rows arrive as arrays (half the bytes of objects); name their columns here.
      const cols = data.columns;
      state.events = data.rows.map((row) => {
        const ev = {};
        for (let i = 0; i < cols.length; i++) ev[cols[i]] = row[i];
        return ev;
      });
      state.truncated = data.truncated;
      state.eventsById = new Map(state.events.map((e) => [e.id, e]));
      renderEvents();
      fitToEvents();
    } catch (e) {
      WW.notice("Events could not be loaded: " + e.message);
    }
  }

  let fitted = false;
  function fitToEvents() {
    if (!state.map || fitted) return;
    const pts = state.events.filter((e) => e.lat !== null && e.lat !== undefined).map((e) => [e.lat, e.lon]);
    if (pts.length) {
      state.map.fitBounds(L.latLngBounds(pts).pad(0.3), { maxZoom: 8, animate: false });
      fitted = true;
    }
  }

  async function loadControl() {
    const ticket = ++state.controlRequest;
    try {
      const data = await getJSON("/api/control", { date: sliderDate(), country: $("f-country").value });
      if (ticket !== state.controlRequest) return;
      state.control = data.items;
      renderControl();
    } catch (e) {
      WW.notice("Control could not be loaded: " + e.message);
    }
  }

  /* ---------- event detail ---------- */

  async function article(id) {
    if (!state.articles.has(id)) state.articles.set(id, getJSON(`/api/articles/${encodeURIComponent(id)}`));
    return state.articles.get(id);
  }

  /** The article text as text nodes, with the given spans wrapped in <mark>. */
  function highlighted(text, spans) {
    const box = el("div", { className: "article-text" });
    const sorted = spans.filter((s) => s && s.start < s.end).sort((a, b) => a.start - b.start);
    let pos = 0;
    for (const span of sorted) {
      const start = Math.max(span.start, pos);
      if (start >= span.end) continue;
      box.appendChild(document.createTextNode(text.slice(pos, start)));
      box.appendChild(el("mark", { className: "evidence", text: text.slice(start, span.end) }));
      pos = span.end;
    }
    box.appendChild(document.createTextNode(text.slice(pos)));
    return box;
  }

  function fact(dl, term, value) {
    if (value === null || value === undefined || value === "") return;
    dl.appendChild(el("dt", { text: term }));
    dl.appendChild(el("dd", { text: String(value) }));
  }

  function fatalitiesText(f) {
    if (!f) return null;
    const parts = [];
    if (f.best !== null && f.best !== undefined) parts.push(`best ${f.best}`);
    if (f.low !== null && f.low !== undefined) parts.push(`low ${f.low}`);
    if (f.high !== null && f.high !== undefined) parts.push(`high ${f.high}`);
    parts.push(`ACLED ${f.acled || 0}`);
    return parts.join(", ");
  }

  async function showEvent(id) {
    state.selected = id;
    for (const b of document.querySelectorAll(".event-item.selected")) b.classList.remove("selected");
    for (const b of document.querySelectorAll(".event-item")) if (b.dataset.eventId === id) b.classList.add("selected");
    const panel = $("detail");
    panel.hidden = false;
    panel.dataset.eventId = id;
    $("detail-title").textContent = "Loading…";
    let ev;
    try {
      ev = await getJSON(`/api/events/${encodeURIComponent(id)}`);
    } catch (e) {
      $("detail-title").textContent = "Event could not be loaded: " + e.message;
      return;
    }
    if (state.selected !== id) return;
    // A capture of "the airport near X" is about the airport, not about who holds X.
    const where = ev.facility ? `${ev.facility} near ${nameOf(ev.place, "an unknown place")}` : nameOf(ev.place, "unknown place");
    $("detail-title").textContent = `${kindOf(ev)} — ${where}`;
    const facts = clear($("detail-facts"));
    if (ev.historical) fact(facts, "Historical", "told as background from an earlier year, not news of its sources");
    fact(facts, "Date", ev.date ? `${ev.date}${ev.time_precision ? ` (precision ${ev.time_precision})` : ""}` : null);
    fact(facts, "Type", [ev.event_type, ev.sub_event_type].filter(Boolean).join(" / "));
    fact(facts, "PLOVER", ev.plover_type);
    fact(facts, "Category", ev.category);
    fact(facts, "Actor 1", ev.actor1 ? nameOf(ev.actor1) : null);
    fact(facts, "Actor 2", ev.actor2 ? nameOf(ev.actor2) : null);
    fact(facts, "Place", ev.place ? `${nameOf(ev.place)}${ev.place.country_code ? ", " + ev.place.country_code : ""}` : null);
    fact(facts, "Facility", ev.facility ? `${ev.facility} near ${nameOf(ev.place, "the place")} (not control of the place)` : null);
    fact(facts, "Fatalities", fatalitiesText(ev.fatalities));
    fact(facts, "Sources", (ev.sources || []).length);

    const sources = clear($("detail-sources"));
    for (const src of ev.sources || []) {
      const a = src.article || {};
      const head = el("div", { className: "source-head" }, [
        el("strong", { text: a.outlet || "unknown outlet" }),
        a.published ? ` · ${a.published}` : "",
        a.title ? el("div", { className: "source-title", text: a.title }) : null,
      ]);
      if (a.url && /^https?:\/\//i.test(a.url)) {
        head.appendChild(el("a", { href: a.url, rel: "noopener noreferrer nofollow", target: "_blank", text: "original" }));
      }
      const block = el("div", { className: "source" }, [head]);
      const spans = src.evidence || [];
      for (const s of spans) block.appendChild(el("blockquote", { className: "evidence-sentence", text: s.text }));
      sources.appendChild(block);
      if (a.id) {
        try {
          const full = await article(a.id);
          if (state.selected !== id) return;
          const text = highlighted(full.text || "", spans);
          block.appendChild(el("details", { className: "article" }, [el("summary", { text: "Article text, evidence highlighted" }), text]));
        } catch (e) {
          block.appendChild(el("p", { className: "muted", text: "Article text unavailable: " + e.message }));
        }
      }
    }
    if (!(ev.sources || []).length) sources.appendChild(el("p", { className: "muted", text: "No source recorded." }));

    const claims = clear($("detail-claims"));
    for (const c of ev.claims || []) {
      const content = c.content && c.content.text !== undefined ? c.content.text : c.content;
      claims.appendChild(el("li", { dataset: { claimId: c.id || "" } }, [
        el("strong", { text: c.speaker || "unnamed source" }),
        c.speaker_role ? ` (${c.speaker_role})` : "",
        c.cue ? ` ${typeof c.cue === "string" ? c.cue : c.cue.text}` : ":",
        " ",
        el("q", { text: content || "" }),
        c.channel ? el("span", { className: "muted", text: ` via ${c.channel}` }) : null,
      ]));
    }
    if (!(ev.claims || []).length) claims.appendChild(el("li", { className: "muted", text: "No claims about this event." }));

    const contra = clear($("detail-contradictions"));
    for (const k of ev.contradictions || []) {
      const box = el("div", { className: "contradiction" }, [el("strong", { text: "Contradiction" + (k.note ? `: ${k.note}` : "") })]);
      const ul = el("ul");
      for (const c of k.claims || []) {
        const content = c.content && c.content.text !== undefined ? c.content.text : (c.text || c.content);
        ul.appendChild(el("li", null, [el("strong", { text: c.speaker || "unnamed source" }), ": ", el("q", { text: content || "" })]));
      }
      box.appendChild(ul);
      contra.appendChild(box);
    }
  }

  /* ---------- controls ---------- */

  function populate(select, items) {
    for (const item of items) select.appendChild(el("option", { value: item.value, text: item.label }));
  }

  function debounce(fn, ms) {
    let t = null;
    return () => { clearTimeout(t); t = setTimeout(fn, ms); };
  }

  function updateSitrepLink() {
    const params = new URLSearchParams({ date: sliderDate() });
    if ($("f-country").value) params.set("country", $("f-country").value);
    $("sitrep-link").href = "/sitrep?" + params.toString();
  }

  function onSlider() {
    $("slider-date").textContent = sliderDate();
    updateSitrepLink();
    renderEvents();
    loadControlSoon();
  }
  const loadControlSoon = debounce(loadControl, 120);
  const loadEventsSoon = debounce(loadEvents, 250);

  async function init() {
    // The events do not depend on the overview: ask for both at once (first paint).
    const firstEvents = getJSON("/api/map", filterParams());
    firstEvents.catch(() => {}); // reported by loadEvents
    let meta;
    try {
      meta = await getJSON("/api/meta");
    } catch (e) {
      WW.notice("The API is not answering: " + e.message);
      return;
    }
    state.meta = meta;
    populate($("f-type"), (meta.event_types || []).map((t) => ({ value: t, label: t })));
    populate($("f-country"), (meta.countries || []).map((c) => ({ value: c.code, label: c.name ? `${c.name} (${c.code})` : c.code })));
    getJSON("/api/actors", { limit: 500 })
      .then((actors) => populate($("f-actor"), actors.items.map((a) => ({ value: a.id, label: a.name }))))
      .catch(() => { /* the actor filter stays empty */ });

    const params = new URLSearchParams(window.location.search);
    const max = meta.max_date ? isoToDay(meta.max_date) + 1 : isoToDay(new Date().toISOString().slice(0, 10));
    const min = meta.min_date ? isoToDay(meta.min_date) - 14 : max - 30;
    const slider = $("slider");
    slider.min = String(min);
    slider.max = String(max);
    const wanted = params.get("date");
    slider.value = String(wanted && /^\d{4}-\d{2}-\d{2}$/.test(wanted) ? Math.min(max, Math.max(min, isoToDay(wanted))) : max);
    slider.dataset.minDate = dayToIso(min);
    slider.dataset.maxDate = dayToIso(max);
    $("slider-date").textContent = sliderDate();
    updateSitrepLink();

    setupMap();
    slider.addEventListener("input", onSlider);
    slider.addEventListener("change", onSlider);
    for (const id of ["f-type", "f-actor", "f-country"]) $(id).addEventListener("change", () => { loadEvents(); loadControl(); updateSitrepLink(); });
    $("f-text").addEventListener("input", loadEventsSoon);
    $("f-window").addEventListener("change", renderEvents);
    $("f-historical").addEventListener("change", renderEvents);
    $("filters").addEventListener("submit", (e) => { e.preventDefault(); loadEvents(); });
    await Promise.all([loadEvents(firstEvents), loadControl()]);
    document.body.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", init);
})();
