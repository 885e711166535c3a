// Prints HTML documents to PDF in headless Chromium (the browser's real
// print path: @page size, page breaks, fonts), and screenshots their first
// printed page. Used by scripts/test-print and to refresh examples/print.
//
//   node scripts/print-check.mjs OUT_DIR NAME=FILE.html [NAME=FILE.html …]
//
// writes OUT_DIR/NAME.pdf and OUT_DIR/NAME.png (first page, print media).
import { chromium } from "../wasm/node_modules/playwright-core/index.mjs";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { CHROMIUM, FLAGS } from "../wasm/tests/chromium.mjs";

const [outDir, ...jobs] = process.argv.slice(2);
if (!outDir || jobs.length === 0) {
  console.error("usage: print-check.mjs OUT_DIR NAME=FILE.html …");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: FLAGS,
});
try {
  // A4 at 96 CSS px per inch.
  const page = await browser.newPage({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: 1 });
  for (const job of jobs) {
    const [name, file] = job.split("=");
    await page.goto(pathToFileURL(resolve(file)).href);
    await page.emulateMedia({ media: "print" });
    await page.pdf({ path: `${outDir}/${name}.pdf`, preferCSSPageSize: true, printBackground: true });
    await page.screenshot({ path: `${outDir}/${name}.png`, clip: { x: 0, y: 0, width: 794, height: 1123 } });
    console.log(`${name}: ${outDir}/${name}.pdf, ${outDir}/${name}.png`);
  }
} finally {
  await browser.close();
}
