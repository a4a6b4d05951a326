// Printables (issue 17) printed by Chromium (page.pdf, the paper size the page asks for): the
// window cards, the help poster, an event poster and two leaflets of two towns. Each fits its
// paper exactly: the page count, the paper size of every page, no sheet or card whose content
// runs over its edge, and real text (fonts with a Unicode map, so it can be selected and read
// aloud) — PDFs and PNG renders land in test-artifacts/. axe checks the print-media rendering
// (contrast on paper as on screen). That every QR code reads back as its address is tested on
// the same SVG in tests/print.rs (rqrr).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { useSiteAndBrowser, ARTIFACTS, axe } from "./harness.mjs";

const env = useSiteAndBrowser(before, after);

const A4 = [595, 842];
const A3 = [842, 1191];
/** [name, path from the town's root, paper, fewest and most pages]. */
const PRINTABLES = [
  ["cards", "print/cards/", A4, 1, 1],
  ["help-poster", "print/help/", A3, 1, 1],
  ["event-poster", "print/events/gatekeeper-2027-02/", A3, 1, 1],
  ["leaflet-sleep", "stress/sleep/leaflet/", A4, 1, 2],
  ["leaflet-pupils", "school/sos/leaflet/", A4, 1, 2],
  // A self-check on paper: the questions to mark, the table to add up, help on every side.
  ["leaflet-check", "stress/check/leaflet/", A4, 1, 2],
  ["leaflet-check-pupils", "school/check/leaflet/", A4, 1, 2],
];
const TOWNS = ["sayama", "tokorozawa"];

/** Pages of a PDF and the size of each (points, rounded), read from its page objects. */
function pdfPages(pdf) {
  const text = pdf.toString("latin1");
  const pages = text.match(/\/Type\s*\/Page[^s]/g) || [];
  const sizes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Math.round(+m[1]), Math.round(+m[2])]);
  return { count: pages.length, sizes, text: /\/ToUnicode/.test(text) && /\/Font/.test(text) };
}

test("each printable fits its paper: pages, size, nothing over the edge, real text", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const summary = [];
  for (const town of TOWNS) {
    for (const [name, path, paper, fewest, most] of PRINTABLES) {
      const where = `${town}/${path}`;
      await page.goto(`${env.site.origin}/${town}/${path}`);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      writeFileSync(join(ARTIFACTS, `print-${town}-${name}.pdf`), pdf);
      const { count, sizes, text } = pdfPages(pdf);
      summary.push(`${where} ${count}p`);
      if (count < fewest || count > most) problems.push(`${where}: ${count} pages, expected ${fewest}–${most}`);
      for (const size of sizes) {
        if (Math.abs(size[0] - paper[0]) > 1 || Math.abs(size[1] - paper[1]) > 1) problems.push(`${where}: a page of ${size} pt, not ${paper}`);
      }
      if (sizes.length !== count) problems.push(`${where}: ${sizes.length} page sizes for ${count} pages`);
      if (!text) problems.push(`${where}: no real text in the PDF`);
      // On paper (print media, laid out at the paper's printable width): no sheet, card or
      // footer whose content runs over its edge.
      const px = (pt) => Math.round((pt * 96) / 72);
      const margins = name.startsWith("leaflet") ? px((32 * 72) / 25.4) : 0;
      await page.setViewportSize({ width: px(paper[0]) - margins, height: px(paper[1]) });
      await page.emulateMedia({ media: "print" });
      const over = await page.evaluate(() =>
        [...document.querySelectorAll(".sheet--a3, .sheet--cards, .card, .leaflet__footer")]
          .filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
          .map((el) => `${el.className}: ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`),
      );
      for (const o of over) problems.push(`${where}: ${o}`);
      const hidden = await page.evaluate(() => [...document.querySelectorAll("body > header, #help-now, body > footer")].filter((el) => getComputedStyle(el).display !== "none").length);
      if (hidden) problems.push(`${where}: the site's header, help box or footer prints`);
      const sheet = page.locator(".sheet").first();
      await sheet.screenshot({ path: join(ARTIFACTS, `print-${town}-${name}.png`) });
      await page.emulateMedia({ media: null });
    }
  }
  await context.close();
  console.log(`# printed: ${summary.join(", ")}`);
  assert.deepEqual(problems, []);
});

test("on paper the printables pass axe (print media), and on screen they are pages of the site", async () => {
  const context = await env.browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const problems = [];
  for (const [name, path] of PRINTABLES) {
    await page.goto(`${env.site.origin}/sayama/${path}`);
    // On screen: the help box and the site's navigation, like every page.
    if (!(await page.isVisible(".help-now a.tel"))) problems.push(`${name}: no help number on screen`);
    await page.emulateMedia({ media: "print" });
    for (const v of await axe(page)) problems.push(`${name} (print): ${v}`);
    await page.emulateMedia({ media: null });
  }
  await page.goto(`${env.site.origin}/sayama/print/`);
  const links = await page.$$eval("main a", (as) => as.map((a) => a.getAttribute("href")));
  for (const [, path] of PRINTABLES) {
    const href = path.startsWith("print/") ? path.slice("print/".length) : `../${path}`;
    if (!links.includes(href)) problems.push(`print/ does not list ${path} (${links})`);
  }
  await context.close();
  assert.deepEqual(problems, []);
});
