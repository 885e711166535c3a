// node --test: the offline counter page (scripts/build-counter's one HTML
// file) in headless Chromium over file://, offline: scan → fields → the
// information sheet printed to PDF → a Word form filled and downloaded →
// the register exported as CSV and Excel. Card after card by keyboard only.
// Run by scripts/test-counter (which builds the page first).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import zlib from "node:zlib";
import { chromium } from "playwright-core";
import { CHROMIUM, FLAGS } from "../tests/chromium.mjs";

const PAGE = fileURLToPath(new URL("../../target/counter/motcua-quay.html", import.meta.url));
const OUT = fileURLToPath(new URL("../../target/counter/out/", import.meta.url));
const A = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021";
const B = "079303000001||Trần Thị B|05052003|Nữ|Ấp 1, Xã X, Huyện Y, Thành phố Hồ Chí Minh|20062021";

let browser, context, page;
const errors = [];
const requests = [];

/** The entries of a zip, through its central directory. */
function unzip(buf) {
  const files = {};
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const [nameLen, extra, comment] = [28, 30, 32].map((o) => buf.readUInt16LE(at + o));
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString();
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    files[name] = method === 8 ? zlib.inflateRawSync(data) : data;
    at += 46 + nameLen + extra + comment;
  }
  return files;
}

async function scan(text) {
  await page.keyboard.type(text, { delay: 0 });
  await page.keyboard.press("Enter");
}

async function downloaded(click) {
  const [d] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync(await d.path()) };
}

before(async () => {
  assert.ok(existsSync(PAGE), `${PAGE} missing: scripts/build-counter`);
  mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1000, height: 1800 } });
  await context.setOffline(true);
  page = await context.newPage();
  page.on("pageerror", (e) => errors.push(e));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(PAGE).href);
  await page.waitForFunction(() => window.motcuaCounter?.ready === true && window.motcuaDemo?.ready === true);
  // A throwaway burst first (see wasm/tests/browser.test.mjs: a cold page
  // may take the first keys for typing).
  await page.click("#phone");
  await scan("000000000000|warm-up burst|0101");
  await page.waitForFunction(() => document.querySelector("#status").classList.contains("error"));
  await page.fill("#phone", "");
});

after(async () => {
  await browser?.close();
});

test("the page loads from a folder, offline, with nothing fetched and no error", () => {
  assert.deepEqual(errors, []);
  const page = pathToFileURL(PAGE).href;
  assert.deepEqual(
    requests.filter((u) => u !== page && !u.startsWith("data:") && !u.startsWith("blob:")),
    [],
  );
  const size = statSync(PAGE).size;
  assert.ok(size > 100_000 && size < 4_000_000, `${size} bytes`);
});

test("card after card by keyboard: the form fills and the register lists each", async () => {
  await scan(A);
  await page.waitForFunction(() => window.motcuaCounter.rows() === 1);
  assert.equal(await page.inputValue("#name"), "Nguyễn Văn A");
  assert.equal(await page.inputValue("#id"), "001090123456");
  // The next card, no mouse in between (a scanner's CR LF ending).
  await scan(B + "\r\n");
  await page.waitForFunction(() => window.motcuaCounter.rows() === 2);
  assert.equal(await page.inputValue("#name"), "Trần Thị B");
  const cells = await page.$$eval("#register tbody td", (tds) => tds.map((t) => t.textContent));
  assert.ok(cells.includes("Nguyễn Văn A") && cells.includes("079303000001"), cells.join("|"));
  // Masked on request.
  await page.check("#register-masked");
  const masked = await page.$$eval("#register tbody td", (tds) => tds.map((t) => t.textContent));
  assert.ok(masked.includes("*********001") && !masked.includes("Trần Thị B"), masked.join("|"));
  await page.uncheck("#register-masked");
});

test("the information sheet prints (to PDF, as the browser's print does)", async () => {
  assert.equal(await page.evaluate(() => window.motcuaDemo.fillSheet()), true);
  assert.match(await page.textContent("#sheet"), /Trần Thị B/);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4" });
  await page.emulateMedia({ media: "screen" });
  assert.ok(pdf.subarray(0, 5).toString() === "%PDF-" && pdf.length > 10_000, `${pdf.length}`);
  writeFileSync(`${OUT}/sheet.pdf`, pdf);
});

test("a Word form is filled from the scan and downloaded", async () => {
  await page.selectOption("#template-sample", "giay-uy-quyen");
  await page.fill("#place", "Đà Nẵng");
  const { name, bytes } = await downloaded(() => page.click("#fill-form"));
  assert.equal(name, "giay-uy-quyen-da-dien.docx");
  const doc = unzip(bytes)["word/document.xml"].toString();
  assert.ok(doc.includes("Trần Thị B") && doc.includes("079303000001"), doc);
  assert.ok(!doc.includes("{{"), doc);
  const footer = unzip(bytes)["word/footer1.xml"].toString();
  assert.match(footer, /Đà Nẵng, ngày \d\d\/\d\d\/\d{4}/);
  assert.match(await page.textContent("#form-result"), /Đã điền \d+ chỗ/);
  writeFileSync(`${OUT}/${name}`, bytes);
});

test("the register exports as CSV and as an Excel workbook", async () => {
  const csv = await downloaded(() => page.click("#export-csv"));
  assert.match(csv.name, /^so-theo-doi-\d{4}-\d\d-\d\d\.csv$/);
  const text = csv.bytes.toString("utf8");
  assert.ok(text.startsWith("\ufeffSTT,"), text.slice(0, 40));
  assert.ok(text.includes("Nguyễn Văn A") && text.includes("Trần Thị B"), text);
  assert.equal(text.trim().split("\r\n").length, 3);
  await page.check("#register-masked");
  const hidden = (await downloaded(() => page.click("#export-csv"))).bytes.toString("utf8");
  assert.ok(!hidden.includes("001090123456") && hidden.includes("*********456"), hidden);
  await page.uncheck("#register-masked");
  const xlsx = await downloaded(() => page.click("#export-xlsx"));
  const sheet = unzip(xlsx.bytes);
  assert.ok(sheet["xl/worksheets/sheet1.xml"] && sheet["xl/sharedStrings.xml"].toString().includes("Trần Thị B"));
  writeFileSync(`${OUT}/register.xlsx`, xlsx.bytes);
  writeFileSync(`${OUT}/register.csv`, csv.bytes);
  await page.screenshot({ path: `${OUT}/counter.png`, fullPage: true });
  assert.deepEqual(errors, []);
});
