// Accessibility of every generated page of two municipalities, in a real browser: axe-core
// (WCAG 2.0/2.1/2.2 A and AA plus best practices, target-size included) at 1280 px and 320 px,
// with furigana on and off; no horizontal overflow at 320 px; no request to another origin;
// the skip link is the first Tab stop and moves focus to <main>; focus is visible.
// The Nu HTML Checker validates every page of every municipality.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join, relative } from "node:path";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { useSiteAndBrowser, ARTIFACTS, htmlFiles, pagesOf as pagesIn, axe } from "./harness.mjs";

const require = createRequire(import.meta.url);
const VNU = join(require.resolve("vnu-jar/package.json"), "..", "build", "dist", "vnu.jar");
const TOWNS = ["hanno", "sayama"];

const env = useSiteAndBrowser(before, after);

/** URL paths of the pages of a town (404.html is checked at its own URL too). */
function pagesOf(town) {
  return pagesIn(env.site.root, town);
}

test("axe-core finds no violation on any page, at 1280 and 320 px, furigana on and off", async () => {
  const problems = [];
  let checked = 0;
  for (const width of [1280, 320]) {
    // axe is injected as an inline script, which the site's Content-Security-Policy rightly
    // refuses; the policy itself is checked by the test below, without this bypass.
    const context = await env.browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    const foreign = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(env.site.origin)) foreign.push(r.url());
    });
    for (const town of TOWNS) {
      for (const path of pagesOf(town)) {
        await page.goto(env.site.origin + path);
        for (const v of await axe(page)) problems.push(`${width}px ${path} (furigana on): ${v}`);
        checked++;
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (width === 320 && overflow > 0) problems.push(`${path}: ${overflow}px horizontal overflow at 320px`);
        const toggle = page.locator("#furigana-toggle");
        if (await toggle.isVisible()) {
          await toggle.click();
          for (const v of await axe(page)) problems.push(`${width}px ${path} (furigana off): ${v}`);
          checked++;
          await toggle.click();
        }
      }
    }
    assert.deepEqual(foreign, [], "no request leaves the site's origin");
    await context.close();
  }
  console.log(`axe: ${checked} page checks, ${problems.length} violations`);
  assert.deepEqual(problems, []);
  assert.ok(checked >= 100, `checked ${checked} pages`);
});

test("the first Tab reaches the skip link, which moves focus to main, and focus is visible", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/hanno/stress/signs/`);
  await page.keyboard.press("Tab");
  const first = await page.evaluate(() => ({
    cls: document.activeElement.className,
    outline: getComputedStyle(document.activeElement).outlineStyle,
    width: parseFloat(getComputedStyle(document.activeElement).outlineWidth),
    visible: document.activeElement.getBoundingClientRect().top >= 0,
  }));
  assert.equal(first.cls, "skip-link");
  assert.notEqual(first.outline, "none", "focus ring drawn");
  assert.ok(first.width >= 2, "focus ring at least 2px");
  assert.ok(first.visible, "the focused skip link is on screen");
  await page.screenshot({ path: `${ARTIFACTS}/skip-link-focus-1280.png` });
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  await context.close();
});

test("the Nu HTML Checker finds no error in any page of any municipality", () => {
  const files = htmlFiles(env.site.root);
  let output = "";
  try {
    output = execFileSync("java", ["-jar", VNU, "--errors-only", "--format", "json", ...files], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    // vnu exits 1 when it reports errors; its report is on stderr.
    output = (e.stderr || "") + (e.stdout || "");
  }
  const report = JSON.parse(output.trim() || '{"messages":[]}');
  const errors = report.messages.filter((m) => m.type === "error");
  console.log(`vnu: ${files.length} pages, ${errors.length} errors`);
  assert.deepEqual(errors.map((m) => `${relative(env.site.root, m.url.replace("file:", ""))}:${m.lastLine}: ${m.message}`), []);
  assert.ok(files.length > 100);
});

test("the checks above can fail: axe and vnu report a page with known faults", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.setContent('<!DOCTYPE html><html><head><title>x</title></head><body><img src="a.png"><a href="#"></a></body></html>');
  const violations = await axe(page);
  assert.ok(violations.some((v) => v.startsWith("image-alt")), violations.join("; "));
  assert.ok(violations.some((v) => v.startsWith("html-has-lang")), violations.join("; "));
  await context.close();
  const { writeFileSync, mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const dir = mkdtempSync(join(tmpdir(), "vnu-"));
  const bad = join(dir, "bad.html");
  writeFileSync(bad, '<!DOCTYPE html><html lang="ja"><head><title>x</title></head><body><p id="a">1</p><p id="a">2</p></body></html>');
  let report = "";
  try {
    execFileSync("java", ["-jar", VNU, "--errors-only", "--format", "json", bad], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    report = (e.stderr || "") + (e.stdout || "");
  }
  rmSync(dir, { recursive: true, force: true });
  assert.match(report, /Duplicate ID/);
});

test("the Content-Security-Policy holds: no page reports a violation, and the site's scripts run", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const violations = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  const paths = [...pagesOf("hanno"), ...pagesOf("tokorozawa")];
  for (const path of paths) {
    await page.goto(env.site.origin + path);
    const policy = await page.evaluate(
      () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? "",
    );
    if (!policy.includes("default-src 'self'")) violations.push(`${path}: no policy`);
  }
  // The scripts are the site's own files: furigana.js shows the ふりがな button, hidden without it.
  await page.goto(`${env.site.origin}/hanno/school/`);
  const button = await page.evaluate(() => document.querySelector("#furigana-toggle")?.hidden === false);
  await context.close();
  assert.deepEqual(violations, []);
  assert.ok(button, "furigana.js ran under the policy");
});

test("WCAG 1.4.12 text spacing at 200 % zoom (640 px) causes no horizontal overflow", async () => {
  // The text-spacing bookmarklet style is injected inline: the site's policy would refuse it.
  const context = await env.browser.newContext({ viewport: { width: 640, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  const problems = [];
  for (const path of pagesOf("hanno")) {
    await page.goto(env.site.origin + path);
    await page.addStyleTag({
      content: "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }",
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) problems.push(`${path}: ${overflow}px`);
  }
  await page.goto(`${env.site.origin}/hanno/addiction/alcohol/`);
  await page.addStyleTag({ content: "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }" });
  await page.screenshot({ path: `${ARTIFACTS}/text-spacing-640.png`, fullPage: true });
  await context.close();
  assert.deepEqual(problems, []);
});

test("printing gives a clean A4 handout: navigation hidden, link targets and phone numbers printed", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/hanno/consult/`);
  await page.emulateMedia({ media: "print" });
  const state = await page.evaluate(() => ({
    nav: getComputedStyle(document.querySelector(".global-nav")).display,
    tel: getComputedStyle(document.querySelector("a.tel"), "::after").content,
    telText: document.querySelector("a.tel").textContent,
  }));
  assert.equal(state.nav, "none");
  assert.match(state.tel, /電話/);
  assert.match(state.telText, /^0\d{2,4}-/);
  await page.pdf({ path: `${ARTIFACTS}/consult-print-a4.pdf`, format: "A4" });
  await context.close();
});

test("in the dark scheme axe-core finds no violation either (every page of a town, furigana on and off, 375 px)", async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 800 }, colorScheme: "dark", bypassCSP: true });
  const page = await context.newPage();
  const problems = [];
  let checked = 0;
  for (const path of pagesOf("hanno")) {
    await page.goto(env.site.origin + path);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    if (bg !== "rgb(18, 18, 18)") problems.push(`${path}: background ${bg}, not the dark scheme`);
    for (const v of await axe(page)) problems.push(`dark ${path} (furigana on): ${v}`);
    checked++;
    const toggle = page.locator("#furigana-toggle");
    if (await toggle.isVisible()) {
      await toggle.click();
      for (const v of await axe(page)) problems.push(`dark ${path} (furigana off): ${v}`);
      checked++;
      await toggle.click();
    }
  }
  // The menu open, and the skip link shown, in the dark too.
  await page.goto(`${env.site.origin}/hanno/consult/`);
  await page.locator("#menu-toggle").click();
  await page.keyboard.press("Tab");
  for (const v of await axe(page)) problems.push(`dark /hanno/consult/ (menu open): ${v}`);
  await context.close();
  console.log(`# axe in the dark scheme: ${checked} page checks, ${problems.length} violations`);
  assert.deepEqual(problems, []);
});

test("scripts load only on the pages that use them", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const scripts = async (path) => {
    await page.goto(env.site.origin + path);
    return page.evaluate(() => [...document.scripts].map((s) => s.getAttribute("src")?.split("/").pop()).filter(Boolean).sort());
  };
  // Every content page ends with help lines and their hours; the accessibility policy has none.
  const plain = await scripts("/hanno/accessibility/");
  const consult = await scripts("/hanno/consult/");
  const school = await scripts("/hanno/school/sos/");
  await context.close();
  assert.deepEqual(plain, ["menu.js"], "a page with no hours and no readings loads only the menu");
  assert.ok(consult.includes("open-now.js") && consult.includes("holidays.js"), `the consult page shows 受付中: ${consult}`);
  assert.ok(school.includes("furigana.js"), `a school page has readings: ${school}`);
});
