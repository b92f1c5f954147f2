/* wirewatch web: helpers shared by the map and the sitrep page.
 *
 * Security rule of this code base: text from articles (titles, quotes, names, evidence) only
 * ever reaches the page through textContent / createTextNode, never through innerHTML,
 * insertAdjacentHTML, document.write or a string handed to Leaflet (which would use innerHTML).
 */
"use strict";

const WW = (function () {
  /** Create an element with attributes and children (strings become text nodes). */
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === "text") node.textContent = String(value);
        else if (key === "className") node.className = value;
        else if (key === "dataset") Object.assign(node.dataset, value);
        else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    for (const child of [].concat(children || [])) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" || typeof child === "number"
        ? document.createTextNode(String(child)) : child);
    }
    return node;
  }

  /** Remove every child of a node. */
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  /** GET a JSON document from the API; errors carry the API's error message. */
  async function getJSON(path, params) {
    const url = new URL(path, window.location.origin);
    if (params) {
      for (const [key, value] of Object.entries(params)) {
        if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
      }
    }
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) {
      const message = body && body.error ? body.error.message : response.statusText;
      throw new Error(`${response.status}: ${message}`);
    }
    return body;
  }

  /** ISO date (YYYY-MM-DD) of a day number counted from the Unix epoch, and back. */
  function dayToIso(day) { return new Date(day * 86400000).toISOString().slice(0, 10); }
  function isoToDay(iso) { return Math.floor(Date.parse(iso + "T00:00:00Z") / 86400000); }

  /** A name for an actor/place reference that may be null, a string or an object. */
  function nameOf(ref, fallback) {
    if (ref === null || ref === undefined) return fallback || "—";
    if (typeof ref === "string") return ref;
    return ref.name || ref.id || fallback || "—";
  }

  /** Colours of the ACLED event types (and statements / other PLOVER moves). */
  const TYPE_COLOURS = {
    "Battles": "#d7301f",
    "Explosions/Remote violence": "#fc8d59",
    "Violence against civilians": "#7a0177",
    "Protests": "#2b8cbe",
    "Riots": "#08519c",
    "Strategic developments": "#238b45",
  };
  const OTHER_COLOUR = "#737373";
  function typeColour(type) { return TYPE_COLOURS[type] || OTHER_COLOUR; }

  /** A stable colour for a holder (actor id), from a palette, by hashing its id. */
  const HOLDER_PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02",
    "#a6761d", "#1f78b4", "#b15928", "#6a3d9a"];
  function holderColour(id) {
    if (!id) return "#bdbdbd";
    let h = 0;
    for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
    return HOLDER_PALETTE[h % HOLDER_PALETTE.length];
  }

  /** Show or hide the page notice (text only). */
  function notice(message) {
    const box = document.getElementById("notice");
    if (!box) return;
    if (!message) { box.hidden = true; clear(box); return; }
    box.hidden = false;
    box.appendChild(el("p", { text: message }));
  }

  return { el, clear, getJSON, dayToIso, isoToDay, nameOf, typeColour, holderColour,
    TYPE_COLOURS, OTHER_COLOUR, notice };
})();
