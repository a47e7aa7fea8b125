// sphinx-kb search page: the site's own search index (kb-search-engine.js) behind a
// small accessible UI.
//
// Results update as the reader types; the address keeps ?q=...&tag=... so a search
// can be shared or reloaded.  Articles, glossary terms and other pages come in the
// index's order (tag and archive pages are not indexed: tags are the facets).
// The number of results is announced through a polite status region once
// typing pauses; the results themselves are not a live region.
import { open, words } from "./kb-search-engine.js";

const section = document.getElementById("kb-search");
const form = document.getElementById("kb-search-form");
const input = document.getElementById("kb-search-q");
const status = document.getElementById("kb-search-status");
const list = document.getElementById("kb-search-results");
const more = document.getElementById("kb-search-more");
const filters = document.getElementById("kb-search-filters");
const tagBox = document.getElementById("kb-search-tags");

const PAGE = 10;
const TYPING_PAUSE = 150; // ms before searching
const ANNOUNCE_PAUSE = 600; // ms of quiet before the count is announced
const KIND_LABEL = { glossary: "Glossary term", page: "Page" };

const bundle = new URL(section.dataset.bundle, location.href);
const siteRoot = new URL("../", bundle);

let engine = null;
let tagCounts = {};
let results = [];
let shown = 0;
let generation = 0;
let searchTimer = 0;
let announceTimer = 0;

function load(fresh = false) {
  return open(bundle, { fresh }).then((index) => {
    performance.mark("kb-search:ready"); // for benchmarks/search_bench.py
    engine = index;
    return index;
  });
}
let ready = load();
// The filters (pages per tag) give every search its count per tag (the facets).
// They weigh as much as a part of the index, so only when tags are asked for: the
// tag list opened, or tags in the address.
let filtersReady = null;
function loadFilters() {
  filtersReady ??= ready.then((index) => index.filters());
  return filtersReady;
}

function params() {
  const query = new URLSearchParams(location.search);
  return { q: query.get("q") || "", tags: query.getAll("tag") };
}

function checkedTags() {
  return [...tagBox.querySelectorAll("input:checked")].map((box) => box.value);
}

function remember(q, tags) {
  const query = new URLSearchParams();
  if (q) query.set("q", q);
  for (const tag of tags) query.append("tag", tag);
  const text = query.toString();
  history.replaceState(null, "", text ? `?${text}` : location.pathname);
}

function say(text, immediately) {
  clearTimeout(announceTimer);
  if (immediately) status.textContent = text;
  else announceTimer = setTimeout(() => (status.textContent = text), ANNOUNCE_PAUSE);
}

// The snippet: the page's text with the query's words marked, built as text nodes
// (nothing from a page is ever parsed as markup here).
function excerptNodes(parts) {
  const out = document.createDocumentFragment();
  for (const [text, isMark] of parts) out.append(isMark ? element("mark", "", text) : text);
  return out;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

function resultItem(data, query) {
  const kind = data.kind === "glossary" ? "glossary" : data.kind === "page" ? "page" : "article";
  const item = element("li", `kb-result kb-result-${kind}`);
  const heading = element("h2", "kb-result-title");
  const link = element("a", "", data.title || data.url);
  // Glossary entries carry the address of their anchor on the glossary page.  Both
  // are paths from the site root ("./": never read as a scheme such as "javascript:").
  link.href = new URL(`./${data.link || data.url}`, siteRoot).href;
  heading.append(link);
  item.append(heading);
  const meta = element("p", "kb-result-meta");
  if (KIND_LABEL[kind]) meta.append(element("span", "kb-result-kind", KIND_LABEL[kind]));
  if (data.date) {
    const time = element("time", "", data.date_label || data.date);
    time.dateTime = data.date;
    meta.append(time);
  }
  const tags = data.tags || [];
  if (tags.length) meta.append(element("span", "kb-result-tags", tags.join(", ")));
  if (meta.childNodes.length) item.append(meta);
  const excerpt = element("p", "kb-result-excerpt");
  // A glossary result shows its definition whole; a page, the stretch of its text
  // with the most of the query's words.
  const whole = data.definition ? Infinity : undefined;
  excerpt.append(excerptNodes(engine.excerpt(data.definition || data.text || "", query, whole)));
  item.append(excerpt);
  return item;
}

async function showMore(focusFirst) {
  const mine = generation;
  const query = input.value.trim();
  const batch = results.slice(shown, shown + PAGE);
  const data = await Promise.all(batch.map((id) => engine.record(id)));
  if (mine !== generation) return;
  if (shown === 0) {
    // A page or term whose title is exactly the query is what the reader asked for.
    const wanted = words(query).join(" ");
    const exact = (d) => words(d.title || "").join(" ") === wanted;
    data.sort((a, b) => exact(b) - exact(a));
  }
  const items = data.map((d) => resultItem(d, query));
  list.append(...items);
  shown += batch.length;
  more.hidden = shown >= results.length;
  if (focusFirst && items.length) items[0].querySelector("a").focus();
}

function renderTags(selected) {
  filters.hidden = false;
  if (!filtersReady) {
    tagBox.replaceChildren(element("p", "kb-search-hint", "Loading the tags…"));
    return;
  }
  const names = Object.keys(tagCounts).sort((a, b) => a.localeCompare(b));
  const boxes = names
    .filter((name) => tagCounts[name] > 0 || selected.includes(name))
    .map((name) => {
      const label = element("label", "kb-search-tag");
      const box = element("input");
      box.type = "checkbox";
      box.name = "tag";
      box.value = name;
      box.checked = selected.includes(name);
      label.append(box, ` ${name} `, element("span", "kb-count", `(${tagCounts[name] || 0})`));
      return label;
    });
  tagBox.replaceChildren(...boxes);
}

async function search() {
  const mine = ++generation;
  say("", true); // an earlier query's count is not this one's
  const q = input.value.trim();
  const tags = checkedTags();
  remember(q, tags);
  if (!q && !tags.length) {
    results = [];
    list.replaceChildren();
    more.hidden = true;
    filters.hidden = true;
    say("", true);
    return;
  }
  const lookUp = async () => {
    const index = await ready;
    // The words' files download while the filters do.
    const facets = tags.length || filters.open ? loadFilters() : null;
    index.preload(q);
    return index.search(q, { tags, facets: await facets });
  };
  let found;
  try {
    found = await lookUp();
  } catch (first) {
    // The site was published again since the index was opened (its files are named
    // after each build): open the new one and try once more.
    console.warn(first);
    ready = load(true);
    filtersReady = null;
    try {
      found = await lookUp();
    } catch (error) {
      if (mine === generation) say("Search is not available: its index could not be loaded.", true);
      throw error;
    }
  }
  if (mine !== generation) return;
  performance.mark("kb-search:searched");
  results = found.results;
  tagCounts = found.counts;
  renderTags(tags);
  list.replaceChildren();
  shown = 0;
  await showMore(false);
  if (mine !== generation) return;
  performance.mark("kb-search:shown");
  const what = q ? ` for “${q}”` : "";
  const count = results.length;
  const counted = count === 0 ? "No results" : count === 1 ? "1 result" : `${count} results`;
  say(`${counted}${what}${tags.length ? `, tagged ${tags.join(" or ")}` : ""}.`);
}

function schedule(delay) {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => search().catch(console.error), delay);
}

input.addEventListener("input", () => {
  if (engine) engine.preload(input.value.trim());
  schedule(TYPING_PAUSE);
});
form.addEventListener("change", (event) => {
  if (event.target.name === "tag") schedule(0);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  schedule(0);
});
filters.addEventListener("toggle", () => {
  if (filters.open && !filtersReady) loadFilters().then(() => schedule(0), console.error);
});
more.addEventListener("click", () => showMore(true).catch(console.error));

// Keyboard: Down from the box to the results, Up and Down between them, Escape back.
function links() {
  return [...list.querySelectorAll(".kb-result-title a")];
}
input.addEventListener("keydown", (event) => {
  if (event.key === "ArrowDown" && links().length) {
    event.preventDefault();
    links()[0].focus();
  }
});
list.addEventListener("keydown", (event) => {
  const all = links();
  const at = all.indexOf(document.activeElement);
  if (at < 0) return;
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    const next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) input.focus();
    else if (next < all.length) all[next].focus();
  } else if (event.key === "Escape") {
    input.focus();
  }
});

const start = params();
input.value = start.q;
if (start.tags.length) {
  loadFilters().catch(console.error);
  tagCounts = Object.fromEntries(start.tags.map((tag) => [tag, 0]));
  renderTags(start.tags);
}
if (start.q || start.tags.length) schedule(0);
else ready.catch(() => say("Search is not available: its index could not be loaded.", true));
