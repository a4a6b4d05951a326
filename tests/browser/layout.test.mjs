// Help first, at any text size (issue 11, item 1). On a phone with the reader's text size at
// 200 % (Chromium's default font size doubled, as Android's font-size setting does) the first
// help number must be on the first screen of every page; the navigation folds behind a menu
// button that says whether it is open; a second skip link leads to the help.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { useSiteAndBrowser, ARTIFACTS, pagesOf } from "./harness.mjs";

const env = useSiteAndBrowser(before, after);

/** A screen (by default a phone of 375×667) whose reader has set text to `percent` of the
 *  default 16 px. */
async function phone(browser, percent, { viewport = { width: 375, height: 667 }, colorScheme = "light" } = {}) {
  const mobile = viewport.width < 800;
  const context = await browser.newContext({ viewport, colorScheme, isMobile: mobile, hasTouch: mobile });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Page.setFontSizes", { fontSizes: { standard: Math.round((16 * percent) / 100), fixed: Math.round((13 * percent) / 100) } });
  return { context, page };
}

test("at 375×667 with 200 % text the first help number is on the first screen of every page", async () => {
  const { context, page } = await phone(env.browser, 200);
  const pages = pagesOf(env.site.root);
  assert.ok(pages.length > 50, `the whole site is checked (${pages.length} pages)`);
  const late = [];
  let worst = 0;
  for (const path of pages) {
    await page.goto(env.site.origin + path);
    const box = await page.locator(".help-now a.tel").first().boundingBox();
    const bottom = box ? box.y + box.height : Infinity;
    worst = Math.max(worst, bottom);
    if (bottom > 667) late.push(`${path}: first help number ends at ${Math.round(bottom)} px`);
  }
  await context.close();
  console.log(`# help number, 200 % text: lowest bottom edge ${Math.round(worst)} px of 667`);
  assert.deepEqual(late.slice(0, 10), [], `${late.length} pages put help below the first screen`);
});

test("on a phone the navigation folds behind a menu button that says whether it is open", async () => {
  const { context, page } = await phone(env.browser, 100);
  await page.goto(`${env.site.origin}/hanno/stress/`);
  const button = page.getByRole("button", { name: "メニュー" });
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  const nav = page.getByRole("navigation", { name: "メインメニュー" });
  assert.equal(await nav.isVisible(), false, "folded at first");
  await button.focus();
  await page.keyboard.press("Enter");
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  assert.equal(await nav.isVisible(), true, "open after Enter");
  await page.keyboard.press("Escape");
  assert.equal(await button.getAttribute("aria-expanded"), "false", "Escape closes it");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-controls")), "global-nav", "focus returns to the button");
  // On a wide screen, and without JavaScript, the navigation is simply there and no button shows.
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.equal(await nav.isVisible(), true, "shown on a wide screen");
  assert.equal(await button.isVisible(), false, "no button on a wide screen");
  await context.close();
  const noJs = await env.browser.newContext({ viewport: { width: 375, height: 667 }, javaScriptEnabled: false });
  const plain = await noJs.newPage();
  await plain.goto(`${env.site.origin}/hanno/stress/`);
  assert.equal(await plain.getByRole("navigation", { name: "メインメニュー" }).isVisible(), true, "without JavaScript the navigation shows");
  assert.equal(await plain.locator("#menu-toggle").isVisible(), false, "and no dead button");
  await noJs.close();
});

test("a skip link leads to the help: the second Tab, then Enter, puts the help number on screen", async () => {
  const { context, page } = await phone(env.browser, 200);
  await page.goto(`${env.site.origin}/hanno/addiction/alcohol/`);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  const label = await page.evaluate(() => document.activeElement.textContent.trim());
  assert.match(label, /相談/, "the second skip link is about help");
  await page.keyboard.press("Enter");
  const inView = await page.locator(".help-now a.tel").first().evaluate((a) => {
    const r = a.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  await context.close();
  assert.ok(inView, "the help number is on screen after the skip");
});

test("screenshots for review (375 px at 100 % and 200 % text, 1280 px, dark): no page scrolls sideways", async () => {
  const pages = { home: "/hanno/", content: "/hanno/stress/signs/", consult: "/hanno/consult/", events: "/hanno/events/", school: "/hanno/school/sos/" };
  const overflow = [];
  const shots = [
    ["375", { width: 375, height: 667 }, 100, "light"],
    ["375-text200", { width: 375, height: 667 }, 200, "light"],
    ["1280", { width: 1280, height: 900 }, 100, "light"],
    ["375-dark", { width: 375, height: 667 }, 100, "dark"],
  ];
  for (const [label, viewport, percent, colorScheme] of shots) {
    const { context, page } = await phone(env.browser, percent, { viewport, colorScheme });
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(env.site.origin + path);
      const extra = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (extra > 0) overflow.push(`${label} ${path}: ${extra} px sideways`);
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${label}.png`), fullPage: label !== "375-text200" });
    }
    await context.close();
  }
  // The printed consult page is consult-print-a4.pdf, from the print test of a11y.test.mjs.
  assert.deepEqual(overflow, []);
});
