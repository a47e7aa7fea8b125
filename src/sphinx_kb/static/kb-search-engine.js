// sphinx-kb's search index, read in the browser (written by outputs/search/engine.py).
//
// Every (word, page) score is worked out at build time, so a search fetches the word
// files holding the query's words, adds up their scores and fetches the records of
// the results it shows: what a query downloads and computes follows its words, not
// the size of the site.  The last word of a query is a prefix (results as you type).

const FORMAT = 1;
// Python's \w, as the index was split (sphinx.search.SearchLanguage._word_re).
const WORD = /[\p{L}\p{N}_]+/gu;
const DIGITS = /^\p{Nd}+$/u;
// A prefix shorter than this matches only the whole word: "a" would fetch every file.
const PREFIX_MIN = 3;
const PREFIX_WEIGHT = 0.5;

async function unpack(response, what) {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    // Gzipped by the build; inflated here unless a server already did.
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(stream).text());
  }
  return JSON.parse(new TextDecoder().decode(bytes));
}

function undelta(deltas) {
  const ids = new Array(deltas.length);
  let id = 0;
  for (let i = 0; i < deltas.length; i++) ids[i] = id += deltas[i];
  return ids;
}

export function words(text) {
  return text.toLowerCase().match(WORD) || [];
}

// `fresh`: ask the server again rather than take a cached (or preloaded) index.json.
export async function open(bundle, { fresh = false } = {}) {
  const options = fresh ? { cache: "no-cache" } : {};
  const meta = await unpack(await fetch(new URL("index.json", bundle), options), "index.json");
  if (meta.format !== FORMAT) throw new Error(`search index format ${meta.format}, expected ${FORMAT}`);
  const base = new URL(`${meta.build}/`, bundle);
  const stem = (await import(new URL("stem.js", base).href)).default;
  return new SearchIndex(meta, base, stem);
}

class SearchIndex {
  constructor(meta, base, stem) {
    this.meta = meta;
    this.base = base;
    this.stemWord = stem;
    this.stop = new Set(meta.stopwords);
    this.files = new Map();
    this.stems = new Map();
    this.filtersPromise = null;
  }

  get pages() {
    return this.meta.pages;
  }

  load(path) {
    let promise = this.files.get(path);
    if (!promise) {
      promise = fetch(new URL(path, this.base)).then((r) => unpack(r, path));
      promise.catch(() => this.files.delete(path)); // a failed fetch is tried again
      this.files.set(path, promise);
    }
    return promise;
  }

  stem(word) {
    let stemmed = this.stems.get(word);
    if (stemmed === undefined) this.stems.set(word, (stemmed = this.stemWord(word)));
    return stemmed;
  }

  // The query's terms: whole stems, and for the last word (if long enough) prefixes.
  terms(query) {
    const kept = words(query).filter((w) => !DIGITS.test(w) && !this.stop.has(w));
    return kept.map((word, i) => {
      const stem = this.stem(word);
      const prefix = i === kept.length - 1 && word.length >= PREFIX_MIN;
      return { keys: [...new Set([stem, word])].filter((k) => prefix || k === stem), prefix };
    });
  }

  // Indices of the word files that can hold a term.
  chunks(term) {
    const found = new Set();
    this.meta.chunks.forEach(([first, last], i) => {
      for (const key of term.keys) {
        if (term.prefix ? last >= key && first <= `${key}\uffff` : first <= key && key <= last) found.add(i);
      }
    });
    return [...found];
  }

  preload(query) {
    for (const term of this.terms(query)) for (const i of this.chunks(term)) this.load(`w/${i}.kbz`).catch(() => {});
  }

  // page id -> score for one term (a prefix's best-scoring word on each page).
  async postings(term) {
    const scores = new Map();
    const files = await Promise.all(this.chunks(term).map((i) => this.load(`w/${i}.kbz`)));
    for (const file of files) {
      for (const [word, [deltas, values]] of Object.entries(file)) {
        if (!term.keys.some((k) => (term.prefix ? word.startsWith(k) : word === k))) continue;
        // A longer word that merely starts like the query counts for less than the word.
        const weight = term.keys.includes(word) ? 1 : PREFIX_WEIGHT;
        const ids = undelta(deltas);
        for (let i = 0; i < ids.length; i++) {
          const score = values[i] * weight;
          if ((scores.get(ids[i]) || 0) < score) scores.set(ids[i], score);
        }
      }
    }
    return scores;
  }

  filters() {
    this.filtersPromise ??= this.load("filters.kbz").then((raw) => ({
      tag: Object.fromEntries(Object.entries(raw.tag).map(([name, d]) => [name, new Set(undelta(d))])),
      kind: Object.fromEntries(Object.entries(raw.kind).map(([name, d]) => [name, new Set(undelta(d))])),
      newest: raw.newest,
    }));
    return this.filtersPromise;
  }

  // Page ids for a query, best first (every page, newest first, for no words);
  // with `facets` (the loaded filters), the count per tag before `tags` narrow them.
  async search(query, { tags = [], facets = null } = {}) {
    const terms = this.terms(query);
    let ids;
    if (terms.length) {
      const maps = await Promise.all(terms.map((t) => this.postings(t)));
      maps.sort((a, b) => a.size - b.size);
      const total = new Map();
      for (const [id, score] of maps[0]) {
        let sum = score;
        for (const other of maps.slice(1)) {
          const s = other.get(id);
          if (s === undefined) {
            sum = -1;
            break;
          }
          sum += s;
        }
        if (sum >= 0) total.set(id, sum);
      }
      ids = [...total.keys()].sort((a, b) => total.get(b) - total.get(a) || a - b);
    } else if (words(query).length) {
      ids = []; // only stop words or numbers: nothing is indexed under them
    } else {
      const all = facets || (await this.filters());
      const dated = new Set(all.newest);
      ids = [...all.newest];
      for (let id = 0; id < this.pages; id++) if (!dated.has(id)) ids.push(id);
    }
    const counts = {};
    if (facets) for (const [name, pages] of Object.entries(facets.tag)) counts[name] = ids.filter((id) => pages.has(id)).length;
    if (tags.length) {
      const all = facets || (await this.filters());
      const sets = tags.map((t) => all.tag[t] || new Set());
      ids = ids.filter((id) => sets.some((s) => s.has(id)));
    }
    return { results: ids, counts };
  }

  record(id) {
    return this.load(`p/${id}.kbz`);
  }

  // The stretch of `text` with the most of the query's words, as [text, marked] parts
  // (all of it when it is no longer than `length` words).
  excerpt(text, query, length = 26) {
    const terms = this.terms(query);
    const hit = (word) =>
      terms.some((t) => t.keys.some((k) => (t.prefix ? this.stem(word).startsWith(k) || word.startsWith(k) : this.stem(word) === k)));
    const tokens = [...text.matchAll(WORD)];
    const marks = tokens.map((m) => hit(m[0].toLowerCase()));
    if (!tokens.length) return [[text.slice(0, 200), false]];
    // The stretch of `length` words holding the most matches ends at `end`.
    let end = 0;
    let most = -1;
    let count = 0;
    for (let i = 0; i < tokens.length; i++) {
      count += marks[i] ? 1 : 0;
      if (i >= length) count -= marks[i - length] ? 1 : 0;
      if (count > most) [end, most] = [i, count];
    }
    // Start a few words before its first match, so the match is read in context.
    const first = marks.indexOf(true, Math.max(0, end - length + 1));
    const from = first < 0 || tokens.length <= length ? 0 : Math.max(0, first - 3);
    const to = Math.min(tokens.length, from + length);
    const parts = [];
    let at = from === 0 ? 0 : tokens[from].index;
    if (from > 0) parts.push(["… ", false]);
    for (let i = from; i < to; i++) {
      const token = tokens[i];
      if (token.index > at) parts.push([text.slice(at, token.index), false]);
      parts.push([token[0], marks[i]]);
      at = token.index + token[0].length;
    }
    if (to < tokens.length) parts.push([" …", false]);
    else if (at < text.length) parts.push([text.slice(at), false]);
    return parts;
  }
}
