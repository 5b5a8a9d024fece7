// The stakes search page (issue #20): reads the static index `stakes build` writes under
// /search/ (crates/stakes-search/FORMAT.md) — the manifest, then only the chunks holding the
// query's words, then the fragments of the results shown. No dependencies; index text only
// ever reaches the page through textContent.

const page = document.getElementById("stakes-search");
const indexUrl = page.dataset.index;
const language = page.dataset.language || undefined;
const form = page.querySelector(".search-form");
const input = page.querySelector("#search-q");
const filterBox = page.querySelector(".search-filters");
const status = page.querySelector("#search-status");
const list = page.querySelector("#search-results");
const PAGE_SIZE = 10;
// The page's words in the site's language (issue #21): `data-strings`, written by the build
// from its translation table; English for a page from an older search.html.
const ENGLISH = {
  any: "Any", section: "Section", topic: "Topic", author: "Author", year: "Year",
  more: "Show more results", searching: "Searching…", unavailable: "Search is not available right now.",
  results: { one: "{count} result {what}.", other: "{count} results {what}." },
  no_results: "No results {what}.", for: "for “{query}”", with_filters: "with these filters",
  stand_in: "“{word}” as “{prefix}”",
};
const strings = { ...ENGLISH, ...readStrings(page.dataset.strings) };
const plurals = new Intl.PluralRules(language);
const FILTER_KINDS = [["section", strings.section], ["tag", strings.topic], ["author", strings.author], ["year", strings.year]];
const segmenter = new Intl.Segmenter(language, { granularity: "word" });
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function readStrings(json) {
  try {
    return json ? JSON.parse(json) : {};
  } catch {
    return {};
  }
}

// A text of the table with its `{placeholders}` filled; a plural text takes the form for `count`.
function say(key, values = {}, count = undefined) {
  let text = strings[key];
  if (text && typeof text === "object") text = text[plurals.select(count)] ?? text.other;
  return String(text ?? "").replace(/\{([A-Za-z_]+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

let manifest = null;
const chunks = new Map();
let current = { hits: [], shown: 0, highlight: new Set(), run: 0 };

// Words as FORMAT.md "Words" cuts them: word-like segments, lowercased, ’ as ', ≤ 64 bytes.
function words(text) {
  const out = [];
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike || encoder.encode(s.segment).length > 64) continue;
    out.push({ word: normalise(s.segment), index: s.index, length: s.segment.length });
  }
  return out;
}

function normalise(word) {
  return word.toLowerCase().replaceAll("\u2019", "'");
}

// Code point order (the byte order of UTF-8), which is how chunks are sorted.
function compare(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i);
    const y = b.codePointAt(i);
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

async function fetchOk(url, kind) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return kind === "json" ? response.json() : response.arrayBuffer();
}

function reader(bytes) {
  let at = 0;
  const varint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[at++];
      if (byte === undefined) throw new Error("truncated index chunk");
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  const take = () => {
    const n = varint();
    const slice = bytes.subarray(at, at + n);
    at += n;
    return slice;
  };
  return { varint, take, byte: () => bytes[at++], done: () => at >= bytes.length };
}

function decodeChunk(buffer) {
  const bytes = new Uint8Array(buffer);
  if (decoder.decode(bytes.subarray(0, 4)) !== "SKC1") throw new Error("not an index chunk");
  const r = reader(bytes.subarray(4));
  const entries = new Map();
  let previous = new Uint8Array(0);
  for (let count = r.varint(); count > 0; count--) {
    const shared = r.varint();
    const suffix = r.take();
    const term = new Uint8Array(shared + suffix.length);
    term.set(previous.subarray(0, shared));
    term.set(suffix, shared);
    previous = term;
    const key = decoder.decode(term);
    if (r.byte() === 0) {
      const forms = [];
      for (let n = r.varint(); n > 0; n--) forms.push(decoder.decode(r.take()));
      entries.set(key, { forms, postings: r.take() });
    } else {
      entries.set(key, { alias: decoder.decode(r.take()) });
    }
  }
  return entries;
}

function decodePostings(bytes) {
  const r = reader(bytes);
  const postings = new Map();
  let article = 0;
  while (!r.done()) {
    article += r.varint();
    postings.set(article, [r.varint(), r.varint()]);
  }
  return postings;
}

function chunkFor(term) {
  let low = 0;
  let high = manifest.chunks.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compare(manifest.chunks[mid].first, term) <= 0) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

function loadChunk(n) {
  if (!chunks.has(n)) {
    chunks.set(n, fetchOk(indexUrl + manifest.chunks[n].file).then(decodeChunk));
  }
  return chunks.get(n);
}

async function entries(terms) {
  const found = await Promise.all(
    terms.map(async (term) => {
      const n = chunkFor(term);
      return n < 0 ? undefined : (await loadChunk(n)).get(term);
    }),
  );
  return found;
}

function hasBit(mask, bit) {
  return Math.floor(mask / 2 ** bit) % 2 === 1;
}

// FORMAT.md "Searching", steps 3–5.
function rank(termPostings, required) {
  const [first, ...rest] = termPostings;
  const hits = [];
  for (const [article, masks0] of first) {
    const masks = [masks0];
    if (!rest.every((p) => p.has(article) && masks.push(p.get(article)))) continue;
    if (!required.every((set) => set.has(article))) continue;
    let best = 0;
    let bestKey = [0, 0, 0];
    let boost = 0;
    for (let sub = 0; sub < 48; sub++) {
      let hitCount = 0;
      let heads = 0;
      for (const [subs, headMask] of masks) {
        if (hasBit(subs, sub)) hitCount++;
        if (hasBit(headMask, sub)) heads++;
      }
      if (hitCount === 0) continue;
      boost = Math.max(boost, heads);
      const key = [hitCount, sub === 0 ? 0 : heads, sub === 0 ? 0 : 1];
      if (key[0] > bestKey[0] || (key[0] === bestKey[0] && (key[1] > bestKey[1] || (key[1] === bestKey[1] && key[2] > bestKey[2])))) {
        bestKey = key;
        best = sub;
      }
    }
    hits.push({ article, sub: best, boost });
  }
  hits.sort((a, b) => b.boost - a.boost || a.article - b.article);
  return hits;
}

// FORMAT.md "Searching", step 2: a word with no entry stands for its longest prefix that has
// one, among those of at least max(4, n - 3) code points (the browser has no stemmer).
function prefixesToTry(word) {
  const chars = Array.from(word);
  const out = [];
  for (let k = chars.length - 1; k >= Math.max(4, chars.length - 3); k--) {
    out.push(chars.slice(0, k).join(""));
  }
  return out;
}

async function search(text, filters) {
  const query = [...new Set(words(text).map((w) => w.word))];
  const highlight = new Set();
  if (query.length === 0) {
    // FORMAT.md "Searching", step 1: filters alone list their articles, newest first.
    if (filters.length === 0) return { hits: [], highlight };
    const lists = (await entries(filters.map(([kind, value]) => `\u0001${kind}:${value}`)))
      .map((e) => (e && e.postings ? [...decodePostings(e.postings).keys()] : []));
    const [first, ...rest] = lists.map((l) => new Set(l));
    const articles = [...first].filter((a) => rest.every((set) => set.has(a))).sort((a, b) => a - b);
    return { hits: articles.map((article) => ({ article, sub: 0, boost: 0 })), highlight };
  }
  let found = await entries(query);
  const keys = query.slice();
  const standIns = [];
  for (let i = 0; i < query.length; i++) {
    for (const prefix of found[i] ? [] : prefixesToTry(query[i])) {
      const [entry] = await entries([prefix]);
      if (entry) {
        found[i] = entry;
        keys[i] = prefix;
        standIns.push([query[i], prefix]);
        break;
      }
    }
  }
  const aliases = found.map((e) => e && e.alias);
  const resolved = await entries(aliases.filter(Boolean));
  found = found.map((e) => (e && e.alias ? resolved.shift() : e));
  const terms = new Map();
  for (let i = 0; i < query.length; i++) {
    const entry = found[i];
    if (!entry || !entry.postings) return { hits: [], highlight: new Set() };
    const term = aliases[i] || keys[i];
    if (terms.has(term)) continue;
    terms.set(term, decodePostings(entry.postings));
    highlight.add(term);
    entry.forms.forEach((f) => highlight.add(f));
  }
  const filterEntries = await entries(filters.map(([kind, value]) => `\u0001${kind}:${value}`));
  const required = filterEntries.map((e) => new Set(e && e.postings ? decodePostings(e.postings).keys() : []));
  return { hits: rank([...terms.values()], required), highlight, standIns };
}

// Text with every highlighted word in a <mark>, built with text nodes only.
function marked(text, highlight, element) {
  let at = 0;
  for (const w of words(text)) {
    if (!highlight.has(w.word)) continue;
    element.append(text.slice(at, w.index));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(w.index, w.index + w.length);
    element.append(mark);
    at = w.index + w.length;
  }
  element.append(text.slice(at));
  return element;
}

// About 30 words of `text` around its first highlighted word.
function excerpt(text, highlight) {
  const all = words(text);
  const first = Math.max(0, all.findIndex((w) => highlight.has(w.word)));
  const start = Math.max(0, first - 8);
  const end = Math.min(all.length, start + 30);
  if (all.length === 0) return text.slice(0, 240);
  const from = start === 0 ? 0 : all[start].index;
  const to = end === all.length ? text.length : all[end - 1].index + all[end - 1].length;
  return (from > 0 ? "… " : "") + text.slice(from, to) + (to < text.length ? " …" : "");
}

function formatDate(iso) {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(language, { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function resultItem(fragment, hit, highlight) {
  const sub = fragment.subs[hit.sub] || fragment.subs[0];
  const item = element("li", "search-result");
  if (fragment.thumbnail) {
    const image = element("img");
    image.src = fragment.thumbnail;
    image.alt = "";
    image.loading = "lazy";
    item.append(image);
  }
  const body = element("div");
  const heading = element("h2");
  const link = element("a");
  link.href = fragment.url + (sub.anchor ? `#${encodeURIComponent(sub.anchor)}` : "");
  marked(fragment.title, highlight, link);
  heading.append(link);
  body.append(heading);
  if (sub.kind !== "headline" && sub.heading) {
    const where = sub.number ? `${sub.number} · ${sub.heading}` : sub.heading;
    body.append(marked(where, highlight, element("p", "search-section")));
  }
  const text = sub.text || fragment.subs[0].text;
  if (text) body.append(marked(excerpt(text, highlight), highlight, element("p", "search-excerpt")));
  const time = element("time", "", fragment.date_shown || formatDate(fragment.date));
  time.dateTime = fragment.date;
  body.append(time);
  item.append(body);
  return item;
}

async function showMore(run) {
  const next = current.hits.slice(current.shown, current.shown + PAGE_SIZE);
  const fragments = await Promise.all(
    next.map((hit) => fetchOk(indexUrl + manifest.fragments.replace("{article}", hit.article), "json")),
  );
  if (run !== current.run) return;
  fragments.forEach((fragment, i) => list.append(resultItem(fragment, next[i], current.highlight)));
  current.shown += next.length;
  page.querySelector(".search-more")?.remove();
  if (current.shown < current.hits.length) {
    const more = element("button", "search-more", strings.more);
    more.type = "button";
    more.addEventListener("click", () => showMore(current.run));
    list.after(more);
  }
}

function chosenFilters() {
  return [...filterBox.querySelectorAll("select")].filter((s) => s.value).map((s) => [s.name, s.value]);
}

async function run() {
  const text = input.value.trim();
  const filters = chosenFilters();
  const run = ++current.run;
  list.replaceChildren();
  page.querySelector(".search-more")?.remove();
  if (!text && filters.length === 0) {
    status.textContent = "";
    return;
  }
  status.textContent = strings.searching;
  try {
    const { hits, highlight, standIns = [] } = await search(text, filters);
    if (run !== current.run) return;
    current = { hits, shown: 0, highlight, run };
    const count = hits.length;
    // Say which beginning stood for a word the site never wrote (FORMAT.md, step 2).
    const as = standIns.map(([word, prefix]) => say("stand_in", { word, prefix })).join(", ");
    const what = text ? say("for", { query: text }) + (as ? ` (${as})` : "") : strings.with_filters;
    status.textContent = count === 0 ? say("no_results", { what }) : say("results", { what, count }, count);
    await showMore(run);
  } catch (error) {
    status.textContent = strings.unavailable;
    console.error(error);
  }
}

function buildFilters(params) {
  for (const [kind, label] of FILTER_KINDS) {
    const values = manifest.filters[kind] || [];
    if (values.length === 0) continue;
    const wrap = element("div");
    const id = `search-filter-${kind}`;
    const caption = element("label", "", label);
    caption.htmlFor = id;
    const select = element("select");
    select.id = id;
    select.name = kind;
    select.append(new Option(strings.any, ""));
    const sorted = kind === "year" ? [...values].reverse() : values;
    for (const v of sorted) select.append(new Option(`${v.label} (${v.count})`, v.value));
    const chosen = chosenValue(params.get(kind), values);
    if (chosen && !values.some((v) => v.value === chosen)) select.append(new Option(`${chosen} (0)`, chosen));
    select.value = chosen;
    select.addEventListener("change", () => {
      updateAddress();
      run();
    });
    wrap.append(caption, select);
    filterBox.append(wrap);
  }
  filterBox.hidden = filterBox.querySelectorAll("select").length === 0;
}

// A filter value from the address: as the index writes it, or in other capitals, or as the
// label's URL form (`author=mara-jensen`, as on the author's page). A value the index does not
// know is kept, shown as matching nothing: a shared link never silently loses a filter.
function chosenValue(asked, values) {
  if (!asked) return "";
  const slug = (text) => text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  const known = values.find((v) => v.value === asked)
    || values.find((v) => v.value.toLowerCase() === asked.toLowerCase())
    || values.find((v) => slug(v.label) === slug(asked) || slug(v.value) === slug(asked));
  return known ? known.value : asked;
}

// Each new search is a step in the browser's history, so Back returns to the one before.
function updateAddress() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const [kind, value] of chosenFilters()) params.set(kind, value);
  const query = params.toString();
  const address = query ? `?${query}` : location.pathname;
  if (address === (location.search || location.pathname)) return;
  history.pushState(null, "", address);
}

// Back and Forward: the search the address holds, its words and filters shown again.
function restoreFromAddress() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const select of filterBox.querySelectorAll("select")) {
    const asked = params.get(select.name) || "";
    select.value = [...select.options].some((o) => o.value === asked) ? asked : "";
  }
  run();
}

async function start() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  try {
    manifest = await fetchOk(`${indexUrl}manifest.json`, "json");
  } catch (error) {
    status.textContent = strings.unavailable;
    console.error(error);
    return;
  }
  buildFilters(params);
  window.addEventListener("popstate", restoreFromAddress);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    updateAddress();
    run();
  });
  run();
}

start();
