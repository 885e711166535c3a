// The headless Chromium every browser test and check here uses: Debian's
// chromium (CHROMIUM overrides the path), without network, sandbox or GPU
// (`npx playwright install` cannot download a browser here).
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];
