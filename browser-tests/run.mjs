// Browser tests of the default theme and of `stakes serve`, in Debian's headless Chromium.
//
//   node browser-tests/run.mjs [path/to/stakes]      (default: target/debug/stakes)
//
// The demo site is copied to a temporary folder and served with `stakes serve --port 0`, so the
// live-reload tests can edit it. Screenshots go to browser-tests/artifacts/ (git-ignored).
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");
const stakes = resolve(process.argv[2] ?? join(repo, "target/debug/stakes"));
const artifacts = join(here, "artifacts");
mkdirSync(artifacts, { recursive: true });

const ARTICLE = "/local/riverton-budget-vote/";
const ARTICLE_FILE = "content/local/riverton-budget-vote/index.md";
// Issue #19: an author with a photo, role, bio and profile links.
const AUTHOR = "/authors/mara-jensen/";
const PAGES = { article: ARTICLE, home: "/", tag: "/tags/riverton/", author: AUTHOR, authors: "/authors/", notFound: "/no-such-page/" };
const WIDTHS = [375, 768, 1280];

// --- a tiny test runner: each test is reported, failures do not stop the others ---
const results = [];
async function test(name, body) {
  try {
    await body();
    results.push([name, null]);
    console.log(`ok   ${name}`);
  } catch (error) {
    results.push([name, error]);
    console.log(`FAIL ${name}\n     ${String(error?.stack ?? error).split("\n").slice(0, 4).join("\n     ")}`);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// --- the site under test ---
const site = mkdtempSync(join(tmpdir(), "stakes-browser-"));
for (const part of ["site.yaml", "authors.yaml", "content", "static"]) {
  if (existsSync(join(repo, part))) cpSync(join(repo, part), join(site, part), { recursive: true });
}
const server = spawn(stakes, ["serve", "--root", site, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise((done, fail) => {
  let seen = "";
  server.stdout.on("data", (chunk) => {
    seen += chunk;
    const match = seen.match(/Serving (http:\/\/127\.0\.0\.1:\d+)\//);
    if (match) done(match[1]);
  });
  server.on("exit", (code) => fail(new Error(`stakes serve exited with ${code}`)));
  setTimeout(() => fail(new Error("stakes serve did not start")), 120_000);
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic"],
});
const axeSource = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");

// Serves `folder` at `prefix` as a static host does (index.html for a folder), for builds made
// outside `stakes serve`.
async function serveFolder(folder, prefix) {
  const http = await import("node:http");
  const types = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json", ".css": "text/css", ".jpg": "image/jpeg", ".webp": "image/webp", ".png": "image/png", ".svg": "image/svg+xml" };
  const server = http.createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    if (!path.startsWith(prefix)) return response.writeHead(404).end();
    let file = join(folder, path.slice(prefix.length));
    if (file.endsWith("/")) file = join(file, "index.html");
    if (!existsSync(file)) return response.writeHead(404).end();
    const ext = file.slice(file.lastIndexOf("."));
    response.writeHead(200, { "content-type": types[ext] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

async function open(path, { width = 1280, colorScheme = "light" } = {}) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
  const page = await context.newPage();
  const failures = [];
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith(PAGES.notFound)) failures.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(base + path, { waitUntil: "load" });
  return { page, context, failures };
}

try {
  for (const width of WIDTHS) {
    for (const [name, path] of Object.entries({ article: ARTICLE, home: "/", author: AUTHOR })) {
      await test(`${name} at ${width}px: no horizontal scroll, figures and markers laid out`, async () => {
        const { page, context, failures } = await open(path, { width });
        await page.evaluate(async () => {
          for (let y = 0; y < document.body.scrollHeight; y += 400) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 30)); }
          window.scrollTo(0, 0);
        });
        await page.waitForFunction(() => [...document.images].every((img) => img.complete), null, { timeout: 15_000 });
        const report = await page.evaluate(() => {
          const problems = [];
          if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
          const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el); return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none" && Number(s.opacity) > 0; };
          for (const figure of document.querySelectorAll("figure.figure")) {
            const img = figure.querySelector("img").getBoundingClientRect();
            for (const part of ["figcaption .caption", "figcaption .credit"]) {
              const el = figure.querySelector(part);
              if (!el) continue;
              if (!visible(el)) problems.push(`${part} of ${figure.querySelector("img").alt} is not visible`);
              const box = el.getBoundingClientRect();
              if (box.top < img.bottom - 1) problems.push(`${part} overlaps its photo (${box.top} < ${img.bottom})`);
              if (box.right > window.innerWidth + 1) problems.push(`${part} runs off the screen`);
            }
          }
          for (const marker of document.querySelectorAll(".stake-number")) if (!visible(marker)) problems.push("a section number is hidden");
          for (const img of document.images) if (!(img.naturalWidth > 0)) problems.push(`image ${img.currentSrc || img.src} did not decode`);
          return problems;
        });
        await page.screenshot({ path: join(artifacts, `${name}-${width}.png`), fullPage: true });
        assert(report.length === 0, report.join("; "));
        assert(failures.length === 0, `failed requests: ${failures.join(", ")}`);
        await context.close();
      });
    }
  }

  // Issue #19: the byline leads to the author page, whose photo sits beside the bio on a wide
  // screen and above it on a phone, and whose explainers follow the profile.
  for (const width of [375, 1280]) {
    await test(`author page at ${width}px: reached from the byline, photo, bio and explainers laid out`, async () => {
      const { page, context, failures } = await open(ARTICLE, { width });
      await page.click(`p.byline a[rel=author][href="${AUTHOR}"]`);
      await page.waitForURL(`**${AUTHOR}`);
      await page.waitForFunction(() => document.querySelector("section.author img").naturalWidth > 0, null, { timeout: 15_000 });
      const box = (selector) => page.$eval(selector, (el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; });
      const [photo, name, bio, credit, cards] = await Promise.all(
        ["section.author img", "section.author h1", ".author-bio", "section.author .credit", "ol.cards"].map(box));
      if (width >= 1280) {
        assert(photo.right <= name.left && photo.right <= bio.left, `the photo (right ${photo.right}) is not beside the name and bio (left ${name.left})`);
        assert(photo.right - photo.left <= 200, `the photo is ${photo.right - photo.left}px wide`);
      } else {
        assert(photo.bottom <= name.top, `the photo (bottom ${photo.bottom}) is not above the name (top ${name.top})`);
      }
      assert(credit.top >= photo.bottom - 1, "the credit overlaps the photo");
      assert(cards.top >= bio.bottom, "the explainers start before the profile ends");
      assert(await page.$$eval("ol.cards .card-title a", (links) => links.length) >= 1, "no explainers listed");
      await page.screenshot({ path: join(artifacts, `author-${width}.png`), fullPage: true });
      assert(failures.length === 0, `failed requests: ${failures.join(", ")}`);
      await context.close();
    });
  }

  // Issue #19: "More explainers" ends the article with the listing cards.
  for (const width of [375, 1280]) {
    await test(`related explainers at ${width}px: three cards after the article, one row on a desktop, stacked on a phone`, async () => {
      const { page, context, failures } = await open(ARTICLE, { width });
      const block = page.locator("section.related");
      await block.scrollIntoViewIfNeeded();
      assert((await block.locator("h2#related-heading").textContent()) === "More explainers", "heading");
      const after = await page.evaluate(() => {
        const article = document.querySelector("article.explainer").getBoundingClientRect();
        return document.querySelector("section.related").getBoundingClientRect().top >= article.bottom;
      });
      assert(after, "the block is not after the article");
      const cards = await block.locator("li.card").evaluateAll((els) => els.map((el) => {
        const img = el.querySelector("img");
        const box = el.getBoundingClientRect();
        return { top: Math.round(box.top), left: Math.round(box.left), right: box.right, lazy: img?.getAttribute("loading"), sized: Boolean(img?.getAttribute("width")) };
      }));
      assert(cards.length === 3, `${cards.length} cards`);
      assert(cards.every((c) => c.lazy === "lazy" && c.sized), JSON.stringify(cards));
      if (width >= 1024) assert(new Set(cards.map((c) => c.top)).size === 1, `not one row: ${JSON.stringify(cards)}`);
      else assert(cards[0].top < cards[1].top && cards[1].top < cards[2].top, `not stacked: ${JSON.stringify(cards)}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0 && cards.every((c) => c.right <= width), `overflows by ${overflow}px`);
      await block.screenshot({ path: join(artifacts, `related-${width}.png`) });
      assert(failures.length === 0, failures.join(", "));
      await context.close();
    });
  }

  await test("the table of contents scrolls to each section", async () => {
    const { page, context } = await open(ARTICLE, { width: 768 });
    const targets = await page.$$eval("nav.stakes-toc a", (links) => links.map((a) => a.getAttribute("href")));
    assert(targets.length >= 3, "too few contents links");
    for (const href of targets) {
      await page.click(`nav.stakes-toc a[href="${href}"]`);
      await page.waitForTimeout(150);
      const [top, atBottom] = await page.$eval(href, (el) => [
        el.getBoundingClientRect().top,
        Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight - 1,
      ]);
      // The last sections cannot reach the top when the page ends first; they must be in view.
      assert(Math.abs(top) < 40 || (atBottom && top >= 0 && top < 900), `${href} is at ${top}px after its link was clicked`);
      await page.evaluate(() => window.scrollTo(0, 0));
    }
    await context.close();
  });

  // Issue #18: the byline's "Corrected" link brings the correction notice into view.
  await test("the Corrected link jumps to the correction notice", async () => {
    const { page, context } = await open(ARTICLE, { width: 375 });
    await page.click("p.byline a.corrected-link");
    await page.waitForTimeout(150);
    const [top, height] = await page.$eval("aside.corrections", (el) => [el.getBoundingClientRect().top, window.innerHeight]);
    // Sub-pixel layout may leave the anchor a fraction of a pixel above the top.
    assert(top > -1 && top < height, `the notice is at ${top}px after the link was clicked`);
    await context.close();
  });

  await test("lazy photos load only when scrolled to", async () => {
    const { page, context } = await open(ARTICLE, { width: 375 });
    const lazy = "section.stake figure.figure img[loading=lazy]";
    const before = await page.$eval(lazy, (img) => img.complete && img.naturalWidth > 0);
    assert(!before, "the inline photo loaded before it was near the viewport");
    await page.$eval(lazy, (img) => img.scrollIntoView());
    await page.waitForFunction((selector) => { const img = document.querySelector(selector); return img.complete && img.naturalWidth > 0; }, lazy, { timeout: 10_000 });
    await context.close();
  });

  for (const colorScheme of ["light", "dark"]) {
    for (const [name, path] of Object.entries(PAGES)) {
      await test(`axe: no serious or critical violations on ${name} (${colorScheme})`, async () => {
        const { page, context } = await open(path, { colorScheme });
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`));
        if (colorScheme === "dark" && name === "author") await page.screenshot({ path: join(artifacts, "author-dark.png"), fullPage: true });
        if (colorScheme === "dark" && name === "article") await page.screenshot({ path: join(artifacts, "article-dark.png"), fullPage: true });
        assert(violations.length === 0, violations.join("; "));
        await context.close();
      });
    }
  }

  // Issue #20: static search.
  // The count is announced before the results' fragments arrive: wait for both.
  const resultsShown = (page) => page.waitForFunction(() => {
    const status = document.querySelector("#search-status").textContent;
    return /No results/.test(status) || (/result/.test(status) && document.querySelectorAll("li.search-result").length > 0);
  }, null, { timeout: 15_000 });

  await test("search: a query only one numbered section holds shows it first, highlighted, and lands on it", async () => {
    const { page, context, failures } = await open("/local/", { width: 768 });
    // From any page, through the header's plain form.
    await page.fill("#site-search-q", "fishing grounds");
    await Promise.all([page.waitForNavigation(), page.press("#site-search-q", "Enter")]);
    assert(new URL(page.url()).pathname === "/search/", `the form led to ${page.url()}`);
    await resultsShown(page);
    assert((await page.inputValue("#search-q")) === "fishing grounds", "?q= did not fill the box");
    const top = page.locator("li.search-result").first();
    const section = await top.locator(".search-section").textContent();
    assert(section === "2 · The fishing fleet", `top result shows "${section}"`);
    const marks = await top.locator(".search-excerpt mark").allTextContents();
    assert(marks.some((m) => m.toLowerCase() === "grounds"), `highlighted: ${marks.join(", ")}`);
    const href = await top.locator("h2 a").getAttribute("href");
    assert(href === "/environment/harbour-wind-farm/#the-fishing-fleet", `links to ${href}`);
    await page.screenshot({ path: join(artifacts, "search.png"), fullPage: true });
    await Promise.all([page.waitForNavigation(), top.locator("h2 a").click()]);
    await page.waitForTimeout(200);
    const at = await page.$eval("#the-fishing-fleet", (el) => el.getBoundingClientRect().top);
    assert(Math.abs(at) < 40, `the section is at ${at}px after following the result`);
    assert(failures.length === 0, failures.join(", "));
    await context.close();
  });

  await test("search: a form the site never wrote finds the word it begins with", async () => {
    // The demo writes "fishing" and "fish", never "fished": the browser has no stemmer, so the
    // query word stands for its longest known beginning (FORMAT.md, "Searching", step 2).
    const { page, context } = await open("/search/?q=fished%20grounds");
    await resultsShown(page);
    const top = page.locator("li.search-result").first();
    const href = await top.locator("h2 a").getAttribute("href");
    assert(href === "/environment/harbour-wind-farm/#the-fishing-fleet", `top result links to ${href}`);
    const marks = (await top.locator(".search-excerpt mark").allTextContents()).map((m) => m.toLowerCase());
    assert(marks.includes("grounds") && marks.some((m) => m.startsWith("fish")), `highlighted: ${marks.join(", ")}`);
    const status = await page.locator("#search-status").textContent();
    assert(/\(“fished” as “fish”\)/.test(status), `the status does not say what stood in: ${status}`);
    await context.close();
  });

  await test("search: filters narrow the results and go into the address", async () => {
    const { page, context } = await open("/search/?q=the");
    await resultsShown(page);
    const all = await page.locator("li.search-result").count();
    await page.selectOption("#search-filter-section", "economy");
    // The list is emptied when the new search starts: wait for the new results themselves.
    await page.waitForFunction((n) => {
      const count = document.querySelectorAll("li.search-result").length;
      return count > 0 && count < n;
    }, all, { timeout: 15_000 });
    const links = await page.locator("li.search-result h2 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert(links.length > 0 && links.every((l) => l.startsWith("/economy/")), `after the filter: ${links.join(", ")}`);
    assert(new URL(page.url()).searchParams.get("section") === "economy", `address: ${page.url()}`);
    await context.close();
  });

  await test("search: Back returns to the search before, its words and results", async () => {
    const { page, context } = await open("/search/?q=fishing+grounds");
    await resultsShown(page);
    const first = await page.locator("li.search-result h2 a").first().getAttribute("href");
    await page.fill("#search-q", "budget");
    await page.press("#search-q", "Enter");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "budget");
    await page.waitForFunction((href) => {
      const link = document.querySelector("li.search-result h2 a");
      return link && link.getAttribute("href") !== href;
    }, first, { timeout: 15_000 });
    await page.goBack();
    await page.waitForFunction(() => document.querySelector("#search-q").value === "fishing grounds", null, { timeout: 15_000 });
    await page.waitForFunction((href) => document.querySelector("li.search-result h2 a")?.getAttribute("href") === href, first, { timeout: 15_000 });
    await context.close();
  });

  await test("search: filters alone list their explainers, newest first", async () => {
    const { page, context } = await open("/search/?section=local");
    await resultsShown(page);
    const status = await page.locator("#search-status").textContent();
    assert(/with these filters/.test(status), `status: ${status}`);
    const links = await page.locator("li.search-result h2 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert(links.length > 0 && links.every((l) => l.startsWith("/local/")), `listed: ${links.join(", ")}`);
    // A shared link may write a value in other capitals, or an author as on the author's page.
    for (const [address, prefix] of [["/search/?section=Local", "/local/"], ["/search/?author=mara-jensen", "/"]]) {
      const other = await context.newPage();
      await other.goto(base + address);
      await resultsShown(other);
      const found = await other.locator("li.search-result h2 a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      assert(found.length > 0 && found.every((l) => l.startsWith(prefix)), `${address}: ${found.join(", ")}`);
      await other.close();
    }
    // A value the index does not know is kept and shown, matching nothing, never dropped.
    const unknown = await context.newPage();
    await unknown.goto(base + "/search/?q=the&year=1999");
    await resultsShown(unknown);
    const said = await unknown.locator("#search-status").textContent();
    assert(/No results/.test(said), `with an unknown year: ${said}`);
    assert((await unknown.locator("#search-filter-year").inputValue()) === "1999", "the year was dropped");
    await unknown.close();
    // Clearing the filter with no words leaves the page empty, as before any search.
    await page.selectOption("#search-filter-section", "");
    await page.waitForFunction(() => document.querySelectorAll("li.search-result").length === 0, null, { timeout: 15_000 });
    await context.close();
  });

  for (const colorScheme of ["light", "dark"]) {
    await test(`axe: no serious or critical violations on the search page with results (${colorScheme})`, async () => {
      const { page, context } = await open("/search/?q=budget", { colorScheme, width: 375 });
      await resultsShown(page);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`));
      await page.screenshot({ path: join(artifacts, `search-${colorScheme}.png`), fullPage: true });
      assert(violations.length === 0, violations.join("; "));
      await context.close();
    });
  }

  await test("search: works on a build under a subpath base URL", async () => {
    const out = mkdtempSync(join(tmpdir(), "stakes-subpath-"));
    const files = await serveFolder(out, "/sub/");
    try {
      execFileSync(stakes, ["build", "--root", site, "--output", out, "--force", "--base-url", `${files.origin}/sub/`], { stdio: "ignore" });
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${files.origin}/sub/search/?q=fishing+grounds`);
      await resultsShown(page);
      const href = await page.locator("li.search-result h2 a").first().getAttribute("href");
      assert(href === "/sub/environment/harbour-wind-farm/#the-fishing-fleet", `links to ${href}`);
      await context.close();
    } finally {
      files.close();
      rmSync(out, { recursive: true, force: true });
    }
  });

  // Issue #21: the rate-decision explainer in French and in Arabic (browser-tests/fixtures, with
  // the demo's photos), each built from its own folder and served as a static host would.
  for (const [language, article] of [["fr", "/economie/taux/"], ["ar", "/iqtisad/fawaid/"]]) {
    const fixture = mkdtempSync(join(tmpdir(), `stakes-${language}-`));
    cpSync(join(here, "fixtures", language), fixture, { recursive: true });
    const photos = join(repo, "content/economy/valdoria-rate-decision");
    for (const photo of ["central-bank.jpg", "rates-chart.jpg"]) cpSync(join(photos, photo), join(fixture, "content", article, photo));
    execFileSync(stakes, ["build"], { cwd: fixture, stdio: "ignore" });
    const files = await serveFolder(join(fixture, "public"), "/");
    try {
      for (const width of [375, 1280]) {
        await test(`${language} article at ${width}px: the language's words, no overflow${language === "ar" ? ", mirrored" : ""}`, async () => {
          const context = await browser.newContext({ viewport: { width, height: 900 } });
          const page = await context.newPage();
          await page.goto(files.origin + article, { waitUntil: "load" });
          await page.evaluate(async () => {
            for (let y = 0; y < document.body.scrollHeight; y += 400) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 30)); }
            window.scrollTo(0, 0);
          });
          const report = await page.evaluate((rtl) => {
            const problems = [];
            const html = document.documentElement;
            if (html.dir !== (rtl ? "rtl" : "ltr")) problems.push(`dir is ${html.dir}`);
            if (html.scrollWidth > window.innerWidth + 1) problems.push(`page is ${html.scrollWidth}px wide in a ${window.innerWidth}px window`);
            for (const img of document.images) if (!(img.naturalWidth > 0)) problems.push(`image ${img.currentSrc} did not decode`);
            const heading = document.querySelector("section.stake h2");
            const badge = heading.querySelector(".stake-number").getBoundingClientRect();
            // The title's first line: a long title wraps under the badge.
            const title = heading.querySelector(".stake-title").getClientRects()[0];
            // The badge comes first in reading order: left of the title in French, right in Arabic.
            if (rtl ? badge.left < title.right - 1 : badge.right > title.left + 1) problems.push("the section number is on the wrong side of its title");
            const quote = getComputedStyle(document.querySelector("figure.quote"));
            const rule = rtl ? quote.borderRightWidth : quote.borderLeftWidth;
            if (parseFloat(rule) < 1) problems.push(`the pull-quote rule is not on the ${rtl ? "right" : "left"}`);
            const credit = document.querySelector(".figure--lead .credit bdi");
            if (credit?.textContent !== "Stakes Demo Studio | Illustration") problems.push(`lead credit reads ${credit?.textContent}`);
            const caption = document.querySelector(".figure--lead figcaption").getBoundingClientRect();
            if (caption.right > window.innerWidth + 1 || caption.left < -1) problems.push("the lead caption runs off the screen");
            return problems;
          }, language === "ar");
          const expected = language === "ar" ? ["ثلاثة أمور", "دقيقة واحدة للقراءة"] : ["Trois enjeux", "2 min de lecture"];
          const contents = await page.locator("#contents").textContent();
          const reading = await page.locator(".reading-time").textContent();
          assert(contents === expected[0], `contents heading: ${contents}`);
          assert(reading === expected[1], `reading time: ${reading}`);
          await page.screenshot({ path: join(artifacts, `${language}-article-${width}.png`), fullPage: true });
          assert(report.length === 0, report.join("; "));
          await context.close();
        });
      }
      for (const colorScheme of ["light", "dark"]) {
        await test(`axe: no serious or critical violations on the ${language} article (${colorScheme})`, async () => {
          const context = await browser.newContext({ colorScheme });
          const page = await context.newPage();
          await page.goto(files.origin + article, { waitUntil: "load" });
          await page.addScriptTag({ content: axeSource });
          const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations
            .filter((v) => ["serious", "critical"].includes(v.impact)).map((v) => `${v.id}: ${v.nodes.length} nodes`));
          assert(violations.length === 0, violations.join("; "));
          await context.close();
        });
      }
    } finally {
      files.close();
      rmSync(fixture, { recursive: true, force: true });
    }
  }

  // Issue #21, several languages in one site: the demo's wind-farm explainer is in English,
  // French and Arabic (served by `stakes serve`, each edition under its folder).
  const WIND = "/environment/harbour-wind-farm/";
  await test("languages: the switcher leads to the same explainer in each language", async () => {
    const { page, context, failures } = await open(WIND, { width: 375 });
    await page.locator(".site-languages a[lang=fr]").click();
    await page.waitForURL(`**/fr${WIND}`);
    assert((await page.getAttribute("html", "lang")) === "fr", "French page after the switch");
    await page.locator(".site-languages a[lang=ar]").click();
    await page.waitForURL(`**/ar${WIND}`);
    const state = await page.evaluate(() => ({
      dir: document.documentElement.dir,
      wide: document.documentElement.scrollWidth > window.innerWidth + 1,
      current: document.querySelector(".site-languages [aria-current]")?.getAttribute("lang"),
      hreflangs: [...document.querySelectorAll("link[rel=alternate][hreflang]")].map((l) => l.hreflang),
    }));
    assert(state.dir === "rtl", `dir ${state.dir}`);
    assert(!state.wide, "the Arabic page is wider than the phone");
    assert(state.current === "ar", `current language ${state.current}`);
    assert(state.hreflangs.join(" ") === "en fr ar x-default", `hreflang ${state.hreflangs}`);
    await page.locator(".site-languages a[lang=en]").click();
    await page.waitForURL((url) => url.pathname === WIND);
    assert(failures.length === 0, failures.join("; "));
    await context.close();
  });
  for (const colorScheme of ["light", "dark"]) {
    await test(`axe: no serious or critical violations on the demo's French edition with its switcher (${colorScheme})`, async () => {
      const { page, context } = await open(`/fr${WIND}`, { colorScheme });
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations
        .filter((v) => ["serious", "critical"].includes(v.impact)).map((v) => `${v.id}: ${v.nodes.length} nodes`));
      assert(violations.length === 0, violations.join("; "));
      await context.close();
    });
  }

  await test("printing keeps every section, caption and credit", async () => {
    const { page, context } = await open(ARTICLE);
    const expected = await page.evaluate(() => [
      ...[...document.querySelectorAll("section.stake .stake-title")].map((e) => e.textContent),
      ...[...document.querySelectorAll("figure.figure .caption, figure.figure .credit")].map((e) => e.textContent.replace(/^Credit: /, "")),
      // Issue #18: a correction notice must survive printing.
      ...[...document.querySelectorAll("aside.corrections p.correction")].map((e) => e.textContent),
    ]);
    await page.emulateMedia({ media: "print" });
    const pdf = join(artifacts, "article.pdf");
    await page.pdf({ path: pdf, format: "A4" });
    // Credits are set in small capitals by the theme, so compare without case.
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, " ").toLowerCase();
    const missing = expected.map((t) => t.replace(/\s+/g, " ").trim()).filter((t) => !text.includes(t.slice(0, 40).toLowerCase()));
    assert(missing.length === 0, `missing from the PDF: ${missing.join(" | ")}`);
    await context.close();
  });

  await test("live reload: an edit appears, broken front matter shows the overlay, a fix clears it", async () => {
    const { page, context } = await open(ARTICLE);
    const file = join(site, ARTICLE_FILE);
    const original = readFileSync(file, "utf8");
    writeFileSync(file, original.replace("Riverton's council meets on Thursday", "Riverton's council meets on FRIDAY"));
    await page.waitForFunction(() => document.querySelector(".intro").textContent.includes("FRIDAY"), null, { timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector("figure.figure--lead img").naturalWidth > 0, null, { timeout: 15_000 });
    writeFileSync(file, original.replace(/^title: .*$/m, "title: Broken: no quotes"));
    await page.waitForSelector("#stakes-error-overlay", { timeout: 15_000 });
    const overlay = await page.textContent("#stakes-error-overlay");
    assert(overlay.includes(`${ARTICLE_FILE}:2`), `overlay does not name the file and line: ${overlay}`);
    await page.screenshot({ path: join(artifacts, "error-overlay.png") });
    writeFileSync(file, original);
    await page.waitForSelector("#stakes-error-overlay", { state: "detached", timeout: 15_000 });
    await context.close();
  });

  await test("search in serve: an edited article is findable by its new words a moment later", async () => {
    const file = join(site, ARTICLE_FILE);
    const original = readFileSync(file, "utf8");
    writeFileSync(file, `${original}\nThe quokkaberry clause surprised everyone.\n`);
    try {
      const deadline = Date.now() + 20_000;
      let found = 0;
      while (found === 0 && Date.now() < deadline) {
        const { page, context } = await open("/search/?q=quokkaberry");
        await page.waitForFunction(() => /result/.test(document.querySelector("#search-status").textContent), null, { timeout: 15_000 });
        found = await page.locator("li.search-result").count();
        await context.close();
        if (found === 0) await new Promise((done) => setTimeout(done, 500));
      }
      assert(found === 1, "the new word was not found within 20 s");
    } finally {
      writeFileSync(file, original);
    }
  });
} finally {
  await browser.close();
  // Removed once the server has stopped: a rebuild still running would write into the
  // folder being removed (its caches), and the removal would fail.
  const stopped = new Promise((done) => server.once("exit", done));
  server.kill("SIGTERM");
  await Promise.race([stopped, new Promise((done) => setTimeout(done, 15_000))]);
  rmSync(site, { recursive: true, force: true });
}

const failed = results.filter(([, error]) => error).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
