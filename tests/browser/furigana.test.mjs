// The ふりがな button in a real browser: it hides and restores readings, its state survives a
// navigation, hidden readings leave the accessibility tree, and nothing is requested from
// another origin. Screenshots go to test-artifacts/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useSiteAndBrowser, ARTIFACTS, pagesOf } from "./harness.mjs";

const env = useSiteAndBrowser(before, after);

test("the furigana button hides and restores ruby, and the choice persists", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const foreign = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(env.site.origin) && !r.url().startsWith("data:")) foreign.push(r.url());
  });
  await page.goto(`${env.site.origin}/hanno/school/sos/`);
  const button = page.locator("#furigana-toggle");
  await assert.doesNotReject(button.waitFor({ state: "visible" }));
  assert.equal(await button.getAttribute("aria-pressed"), "true");
  const rt = page.locator("rt").first();
  assert.equal(await rt.isVisible(), true, "readings are shown by default");
  await page.screenshot({ path: `${ARTIFACTS}/school-1280-furigana-on.png`, fullPage: true });

  await button.click();
  assert.equal(await button.getAttribute("aria-pressed"), "false");
  assert.equal(await rt.isVisible(), false, "readings are hidden");
  const display = await rt.evaluate((el) => getComputedStyle(el).display);
  assert.equal(display, "none", "hidden readings are display:none, so out of the accessibility tree");

  // The choice survives a navigation.
  await page.click("a[rel=next]");
  await page.waitForURL(/school\/friends\//);
  assert.equal(await page.locator("#furigana-toggle").getAttribute("aria-pressed"), "false");
  assert.equal(await page.locator("rt").first().isVisible(), false);

  // The button's name is 「ふりがな」 alone: the state is aria-pressed, not part of the name.
  assert.equal(await page.getByRole("button", { name: "ふりがな", exact: true }).count(), 1);

  // The choice lasts for this browsing session only: a new tab (a shared school PC's next
  // pupil) starts with the configured default.
  const other = await context.newPage();
  await other.goto(`${env.site.origin}/hanno/school/sos/`);
  assert.equal(await other.locator("#furigana-toggle").getAttribute("aria-pressed"), "true");
  assert.equal(await other.locator("rt").first().isVisible(), true);
  await other.close();

  // And turning it back on works.
  await page.locator("#furigana-toggle").click();
  assert.equal(await page.locator("rt").first().isVisible(), true);
  assert.deepEqual(foreign, [], "no request leaves the site's origin");
  await context.close();
});

test("without JavaScript no element marked hidden is shown on any page (no empty 受付中 boxes)", async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const shown = [];
  for (const path of pagesOf(env.site.root, "hanno")) {
    await page.goto(env.site.origin + path);
    const visible = await page.evaluate(() =>
      [...document.querySelectorAll("[hidden]")].filter((el) => getComputedStyle(el).display !== "none").length,
    );
    if (visible > 0) shown.push(`${path}: ${visible}`);
  }
  await context.close();
  assert.deepEqual(shown, []);
});

test("without JavaScript the page shows the configured default and no dead button", async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/hanno/school/sos/`);
  assert.equal(await page.locator("#furigana-toggle").isVisible(), false);
  assert.equal(await page.locator("rt").first().isVisible(), true);
  await page.screenshot({ path: `${ARTIFACTS}/school-320-furigana-on-nojs.png`, fullPage: true });
  await context.close();
});

test("at 320 px with furigana on nothing overflows horizontally", async () => {
  const context = await env.browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/hanno/school/sos/`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
  await page.screenshot({ path: `${ARTIFACTS}/school-320-furigana-on.png`, fullPage: true });
  await context.close();
});

test("on school pages the theme's words get readings as the body's do; never the title or attributes", async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  let outside = 0;
  for (const path of ["/hanno/school/", "/hanno/school/sos/", "/hanno/school/friends/"]) {
    await page.goto(env.site.origin + path);
    const found = await page.evaluate(() => {
      const isKanji = (c) => /\p{Script=Han}/u.test(c);
      const base = (ruby) => [...ruby.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join("");
      // Kanji the body gives readings to and never leaves bare: pupils cannot read them. Only a
      // ruby over one kanji says that kanji needs a reading: a word's ruby over several (質問,
      // for 質 above the grade) reads kanji the pupils know too.
      const main = document.querySelector("main");
      const annotated = new Set([...main.querySelectorAll("ruby")].map((r) => [...base(r)].filter(isKanji)).filter((k) => k.length === 1).flat());
      const walker = (root) => document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const bare = (root) => {
        const out = [];
        for (let w = walker(root), n; (n = w.nextNode()); ) {
          if (n.parentElement.closest("ruby, script, style, .visually-hidden")) continue;
          out.push(...[...n.textContent].filter(isKanji).map((c) => ({ c, n })));
        }
        return out;
      };
      for (const { c } of bare(main)) annotated.delete(c);
      const out = [];
      let rubies = 0;
      for (const region of document.querySelectorAll("body > header, #help-now, #global-nav, .breadcrumbs, .page-topics, .pager, body > footer, .furigana-toggle")) {
        rubies += region.querySelectorAll("ruby").length;
        for (const { c, n } of bare(region)) {
          if (annotated.has(c)) out.push(`「${c}」 without a reading in 「${n.textContent.trim()}」`);
        }
      }
      if (/[\u3040-\u309F]{2,}\)/.test(document.title) || document.title.includes("(")) out.push(`readings in the <title>: ${document.title}`);
      for (const el of document.querySelectorAll("*")) {
        for (const a of el.attributes) if (a.value.includes("<ruby") || a.value.includes("<rt")) out.push(`ruby in ${el.tagName} ${a.name}`);
      }
      return { out, rubies };
    });
    outside += found.rubies;
    for (const f of found.out) problems.push(`${path}: ${f}`);
  }
  await context.close();
  assert.deepEqual(problems.slice(0, 10), []);
  assert.ok(outside > 20, `the site title, menu, help box and footer carry readings (${outside})`);
});
