// A site opened from the file system (issue 33, item 2), as a school or a small town shares it
// on an intranet folder or a USB stick: built with `tsunagi build --for-files`, opened by
// file:// in Chromium, every link leads to a page (never a folder listing), and search, the
// furigana button and the self-check work there too.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { REPO, launch } from "./harness.mjs";

let out, site, browser;

before(async () => {
  out = mkdtempSync(join(tmpdir(), "tsunagi-files-"));
  site = join(out, "site");
  const bin = process.env.TSUNAGI_BIN || join(REPO, "target", "release", "tsunagi");
  execFileSync(bin, ["build", "--root", REPO, "--out", site, "--for-files", "--quiet", "--today", "2026-11-28"], { stdio: "inherit" });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  rmSync(out, { recursive: true, force: true });
});

const url = (path) => pathToFileURL(join(site, path)).href;

/** The in-site links of the open page that lead to a folder, not to a file. */
function foldersLinked(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("a[href]")]
      .map((a) => a.href)
      .filter((h) => h.startsWith("file:"))
      .map((h) => h.split("#")[0].split("?")[0])
  ).then((links) => links.filter((h) => {
    const p = fileURLToPath(h);
    return !existsSync(p) || statSync(p).isDirectory();
  }));
}

test("opened from files, every link of a page leads to a page, and following them lands on pages", async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const broken = [];
  for (const path of ["index.html", "hanno/index.html", "hanno/consult/index.html", "hanno/stress/sleep/index.html", "hanno/school/sos/index.html", "hanno/sitemap/index.html"]) {
    await page.goto(url(path));
    for (const f of await foldersLinked(page)) broken.push(`${path} → ${f}`);
  }
  assert.deepEqual(broken.slice(0, 10), []);
  // Follow links as a reader would: the list of towns, the town's home, its consultation page.
  await page.goto(url("index.html"));
  await page.locator("a[href*='hanno']").first().click();
  assert.match(page.url(), /hanno\/index\.html$/);
  await page.locator("main a[href*='consult/']").first().click();
  assert.match(page.url(), /consult\/index\.html$/);
  assert.ok(await page.locator("main h1").count() === 1, "a page, not a folder listing");
  await page.close();
});

test("opened from files, search finds pages and its results open them; the box on every page leads there", async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url("hanno/stress/sleep/index.html"));
  const box = page.locator("form.site-search input[type=search], form.site-search input[name=q]").first();
  if (await box.isVisible()) {
    await box.fill("依存症");
    await box.press("Enter");
  } else {
    await page.goto(url("hanno/search/index.html") + "?q=依存症");
  }
  await page.waitForSelector("#search-results a");
  assert.match(page.url(), /search\/index\.html\?q=/);
  const first = await page.locator("#search-results a").first().getAttribute("href");
  assert.match(first, /index\.html(#|$)/, first);
  // A search typed on the search page itself (the address cannot change from a file).
  await page.locator("#search-q").fill("ねむれない");
  await page.locator("#search-q").press("Enter");
  await page.waitForFunction(() => document.querySelector("#search-status")?.textContent.includes("ねむれない"));
  await page.locator("#search-results a").first().click();
  assert.match(page.url(), /index\.html/);
  assert.ok(await page.locator("main h1").count() === 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test("opened from files, the furigana button and the self-check work", async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url("hanno/school/sos/index.html"));
  const toggle = page.locator("#furigana-toggle");
  assert.equal(await toggle.getAttribute("aria-pressed"), "true");
  await toggle.click();
  assert.equal(await toggle.getAttribute("aria-pressed"), "false");
  assert.equal(await page.locator("main rt").first().isVisible(), false, "readings hidden");
  await page.goto(url("hanno/stress/check/index.html"));
  for (const input of await page.locator(".q-item").all()) await input.locator("input[type=radio]").last().check();
  await page.locator(".q-submit").click();
  assert.equal(await page.locator(".q-result").isVisible(), true);
  assert.equal(await page.locator(".q-band:not([hidden]) [data-score]").first().textContent(), "0");
  assert.deepEqual(errors, []);
  await page.close();
});
