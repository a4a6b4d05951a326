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

test("on paper nothing leaves the page box: the K6 leaflets' answers and the help poster; the poster's numbers are its largest text after the title, and it fills its sheet", async () => {
  // Issue 30: the five answers of a printed K6 ran past the A4 printable width (「まったくない（0点）」
  // fell off the paper); the poster's numbers printed at 13.5 pt under 22 pt headings, and its
  // content ended at 63 % of the sheet.
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const px = (pt) => Math.round((pt * 96) / 72);
  const problems = [];
  const measured = [];
  const sheets = [
    ["stress/check/leaflet/", A4, px((32 * 72) / 25.4)],
    ["school/check/leaflet/", A4, px((32 * 72) / 25.4)],
    ["print/help/", A3, 0],
  ];
  for (const town of TOWNS) {
    for (const [path, paper, margins] of sheets) {
      const where = `${town}/${path}`;
      await page.goto(`${env.site.origin}/${town}/${path}`);
      // The printable area: the paper less the leaflet's page margins (16 mm each side).
      await page.setViewportSize({ width: px(paper[0]) - margins, height: px(paper[1]) });
      await page.emulateMedia({ media: "print" });
      const found = await page.evaluate((poster) => {
        const width = document.documentElement.clientWidth;
        const sheet = document.querySelector(".sheet").getBoundingClientRect();
        const outside = [];
        for (const el of document.querySelectorAll(".sheet *")) {
          const r = el.getBoundingClientRect();
          if (!r.width || !r.height || getComputedStyle(el).visibility === "hidden") continue;
          const over = r.left < -0.5 || r.right > width + 0.5 || (poster && (r.top < sheet.top - 0.5 || r.bottom > sheet.bottom + 0.5));
          if (over) outside.push(`${el.tagName.toLowerCase()}.${el.className} 「${el.textContent.trim().slice(0, 16)}」 at ${Math.round(r.left)}–${Math.round(r.right)}×${Math.round(r.top)}–${Math.round(r.bottom)}`);
        }
        // The text as printed, without the readings of its ruby.
        const original = document.querySelector(".sheet");
        const copy = original.cloneNode(true);
        copy.querySelectorAll("rt, rp").forEach((r) => r.remove());
        original.after(copy);
        const text = copy.innerText;
        copy.remove();
        const result = { outside, text };
        if (poster) {
          const pt = (el) => (parseFloat(getComputedStyle(el).fontSize) * 72) / 96;
          const numbers = [...document.querySelectorAll(".poster__lines a.tel")].map(pt);
          const title = pt(document.querySelector(".poster__title"));
          // The largest text that is neither the title nor a number.
          let other = 0;
          for (const el of document.querySelectorAll(".sheet *")) {
            if (el.closest(".poster__title, a.tel") || !el.childNodes.length) continue;
            if ([...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) other = Math.max(other, pt(el));
          }
          const bottom = Math.max(...[...document.querySelectorAll(".sheet > *")].map((el) => el.getBoundingClientRect().bottom));
          result.poster = { numbers, title, other, filled: (bottom - sheet.top) / sheet.height };
        }
        return result;
      }, path.startsWith("print/"));
      for (const o of found.outside.slice(0, 5)) problems.push(`${where}: outside the page box: ${o}`);
      if (path.endsWith("check/leaflet/")) {
        if (found.text.includes("画面の中だけで計算")) problems.push(`${where}: the paper speaks of a screen`);
        if (!found.text.includes("合計してください")) problems.push(`${where}: the paper does not say to add up the points`);
        if (!found.text.includes("だれかに出す必要はありません")) problems.push(`${where}: the paper does not say nothing is collected`);
      }
      if (found.poster) {
        const { numbers, title, other, filled } = found.poster;
        measured.push(`${town}: numbers ${numbers.join("/")} pt, title ${title} pt, other text ≤ ${other} pt, filled ${(filled * 100).toFixed(0)} %`);
        if (!numbers.length || Math.min(...numbers) < 28) problems.push(`${where}: numbers at ${numbers} pt, under 28`);
        if (Math.min(...numbers) <= other) problems.push(`${where}: numbers (${numbers}) not larger than other text (${other} pt)`);
        if (Math.min(...numbers) >= title) problems.push(`${where}: numbers larger than the title`);
        if (filled < 0.9) problems.push(`${where}: content ends at ${(filled * 100).toFixed(0)} % of the sheet`);
      }
      await page.emulateMedia({ media: null });
    }
  }
  await context.close();
  console.log(`# poster: ${measured.join("; ")}`);
  assert.deepEqual(problems, []);
});
