// The language switcher, as a person uses it: reached with the keyboard after the help box,
// it names each language in that language, marks the current one, and its links lead to the
// same page in the other language (whose <html lang> says so). Every switcher link of every
// page of the example resolves. (axe and the Nu checker cover the variants with every page.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { useSiteAndBrowser, ARTIFACTS, htmlFiles } from "./harness.mjs";

const env = useSiteAndBrowser(before, after);

test("the switcher is reached by keyboard and leads to the same page in another language", async () => {
  const context = await env.browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/sayama/stress/signs/`);
  assert.equal(await page.getAttribute("html", "lang"), "ja");
  const nav = page.getByRole("navigation", { name: "言語 Language" });
  await nav.waitFor();
  const links = await nav.getByRole("link").evaluateAll((as) => as.map((a) => [a.textContent, a.lang, a.hreflang]));
  assert.deepEqual(links, [["やさしいにほんご", "ja", "ja"], ["English", "en", "en"]]);
  assert.equal(await nav.locator('[aria-current="page"]').textContent(), "日本語");
  // Tab from the top: past the skip links, the site title and the help box (which stays
  // first, on the first screen), the switcher comes next.
  let reached = null;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => (document.activeElement.closest(".language-switcher") ? document.activeElement.textContent : null));
  }
  assert.equal(reached, "やさしいにほんご", "the first switcher link is reached by Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/sayama\/en\/stress\/signs\/$/);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.locator('.language-switcher [aria-current="page"]').textContent(), "English");
  await page.screenshot({ path: `${ARTIFACTS}/language-switcher-320.png` });
  await context.close();
});

test("every switcher link of every page resolves to a page in the language it names", () => {
  const root = env.site.root;
  let links = 0;
  for (const file of htmlFiles(root)) {
    const html = readFileSync(file, "utf8");
    const nav = html.match(/class=language-switcher>([\s\S]*?)<\/nav>/);
    if (!nav) continue;
    for (const m of nav[1].matchAll(/href=([^ >]+) hreflang=([^ >]+) lang=([^ >]+)>/g)) {
      const target = join(file, "..", m[1], "index.html");
      const lang = readFileSync(target, "utf8").match(/<html lang=([^ >]+)>/)[1];
      assert.equal(lang, m[3], `${file} → ${m[1]}`);
      links++;
    }
  }
  console.log(`switcher links checked: ${links}`);
  assert.ok(links >= 5 * 8 * 3 * 2, `8 pages in 3 languages, 2 links each, in 5 towns: found ${links}`);
});
