// Run in the fresh project (scripts/test-release): node, tsc --strict for
// node and the browser, a Vite build, and both pages in Chromium. The Vite
// page is served with the CSP the package's README gives. Prints
// "test NAME ... ok" lines; exits 1 if one fails.
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const { chromium } = await import(process.env.MOTCUA_PLAYWRIGHT ?? "playwright-core");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--no-first-run"];
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'";
let failed = 0;

async function check(name, fn) {
  try {
    await fn();
    console.log(`test ${name} ... ok`);
  } catch (e) {
    failed++;
    console.log(`test ${name} ... FAILED\n    ${String(e?.stack ?? e).replace(/\n/g, "\n    ")}`);
  }
}
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });

function serve(root, headers = {}) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".wasm": "application/wasm", ".css": "text/css" };
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const file = join(root, path.endsWith("/") ? path + "index.html" : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", ...headers }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () =>
    resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() })));
}

async function nameOnPage(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  try {
    await page.goto(url);
    await page.waitForSelector("#out[data-name]", { state: "attached", timeout: 20000 });
    return await page.$eval("#out", (el) => el.dataset.name);
  } catch (e) {
    throw new Error(`${e}; page errors: ${errors.join(" | ")}`);
  } finally {
    await page.close();
  }
}

await check("node_automatic_and_manual_entries", () => run("node", ["node.mjs"]));
await check("tsc_strict_node_only_no_dom", () => run("npx", ["tsc", "-p", "tsconfig.node.json"]));
await check("tsc_strict_browser", () => run("npx", ["tsc", "-p", "tsconfig.browser.json"]));
await check("vite_build", () => run("npx", ["vite", "build", "--logLevel", "warn"]));

const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
try {
  await check("vite_page_in_chromium_under_csp", async () => {
    const site = await serve("dist", { "content-security-policy": CSP });
    try {
      const name = await nameOnPage(browser, site.url);
      if (name !== "Nguyễn Văn A") throw new Error(`got ${name}`);
    } finally {
      site.close();
    }
  });
  await check("plain_page_with_an_import_map_in_chromium", async () => {
    const site = await serve(".");
    try {
      const name = await nameOnPage(browser, site.url + "plain.html");
      if (name !== "Trần Thị B") throw new Error(`got ${name}`);
    } finally {
      site.close();
    }
  });
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
