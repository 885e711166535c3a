// Every export, called from plain JS with a value of the wrong type, throws
// MotcuaError `invalid_argument` naming the parameter (#19: `scanCard(42)`
// and `qrSvg(123)` crashed the module with "memory access out of bounds").
import { test } from "node:test";
import assert from "node:assert/strict";
import * as motcua from "motcua";
import { thrown } from "./helpers.mjs";

const A = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021";
const RECEIPT = motcua.encodeDossier(motcua.sampleReceipt());
const GOOD = {
  parseCard: [A],
  scanCard: [A],
  scanCardMasked: [A],
  validateId: ["001090123456"],
  validateCmnd: ["123456789"],
  maskId: ["001090123456"],
  errorMessage: ["too_long"],
  repairMessage: ["nfc"],
  garbleAsWindows1252: ["Nguyễn"],
  encodeDossier: [motcua.sampleReceipt()],
  decodeDossier: [RECEIPT],
  validateDossierCode: ["000.00.53.H48-261120-0042"],
  validateProcedureCode: ["1.001612"],
  validateApplicant: ["001090123456"],
  qrSvg: ["hi"],
  qrMatrix: ["hi"],
  renderSheet: [A, { office: "UBND xã A" }],
  renderPoster: [motcua.sampleProcedures(), { title: "UBND xã A" }],
  decodeImageData: [{ data: new Uint8ClampedArray(21 * 21 * 4).fill(255), width: 21, height: 21 }],
};
// Exports that take no argument, or any value by design.
const NO_ARGUMENTS = ["version", "errorCodes", "cardSamples", "sampleReceipt", "sampleProcedures", "isMotcuaError", "default", "initSync"];
const WRONG = [42, undefined, null, {}, [], true, 12n, Symbol("x"), () => "x"];

test("the table covers every exported function", () => {
  const functions = Object.keys(motcua).filter((k) => typeof motcua[k] === "function");
  const covered = new Set([...Object.keys(GOOD), ...NO_ARGUMENTS]);
  assert.deepEqual(functions.filter((f) => !covered.has(f)), []);
  for (const f of Object.keys(GOOD)) assert.equal(typeof motcua[f], "function", f);
});

test("every export refuses a wrong type in its first argument with invalid_argument", () => {
  for (const [name, good] of Object.entries(GOOD)) {
    // The good call works (or fails for its own reason, never a crash).
    try {
      motcua[name](...good);
    } catch (e) {
      assert.ok(motcua.isMotcuaError(e), `${name}: ${e}`);
      assert.notEqual(e.code, "invalid_argument", name);
    }
    for (const bad of WRONG) {
      const e = thrown(() => motcua[name](bad, ...good.slice(1)));
      assert.equal(e.code, "invalid_argument", `${name}(${typeof bad})`);
      assert.ok(e.messageVi.length > 0);
    }
  }
});

test("options of the wrong type are invalid_argument too", () => {
  for (const name of ["parseCard", "scanCard", "scanCardMasked", "encodeDossier", "decodeDossier", "qrSvg", "qrMatrix", "renderSheet", "renderPoster"]) {
    for (const bad of [42, "x", true, [1]]) {
      const e = thrown(() => motcua[name](GOOD[name][0], bad));
      assert.equal(e.code, "invalid_argument", `${name} options ${typeof bad}`);
    }
  }
  // A field of the wrong type inside options.
  assert.equal(thrown(() => motcua.decodeDossier(RECEIPT, { allowedBases: "https://x.vn/" })).code, "invalid_argument");
  assert.equal(thrown(() => motcua.renderSheet(A, { office: 5 })).code, "invalid_argument");
});

test("the quiet zone is bounded as in the C API", () => {
  assert.ok(motcua.qrSvg("hi", { quietZone: 100 }).includes("<path"));
  for (const q of [101, 2147483648, 4294967295]) {
    const e = thrown(() => motcua.qrSvg("hi", { quietZone: q }));
    assert.equal(e.code, "invalid_argument");
    assert.ok(e.message.includes("quietZone"));
  }
  for (const q of [-1, 1.5, 2 ** 40, NaN]) {
    assert.equal(thrown(() => motcua.qrSvg("hi", { quietZone: q })).code, "invalid_argument");
  }
});

test("a pinned base and the host of a decoded dossier QR", () => {
  const r = motcua.decodeDossier(RECEIPT);
  assert.equal(r.host, "dichvucong.gov.vn");
  assert.equal(r.base, "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html");
  const evil = RECEIPT.replace("https://dichvucong.gov.vn", "https://dichvucong.gov.vn@evil.example");
  assert.equal(thrown(() => motcua.decodeDossier(evil)).code, "base_url_invalid");
  assert.equal(thrown(() => motcua.decodeDossier(RECEIPT, { allowedBases: ["https://dichvucong.hanoi.gov.vn/"] })).code, "base_not_allowed");
  assert.equal(motcua.decodeDossier(RECEIPT, { allowedBases: ["https://dichvucong.gov.vn/"] }).host, "dichvucong.gov.vn");
  const sheet = motcua.renderSheet(A, { office: "UBND xã A", dossier: RECEIPT, asOf: "2026-11-23" });
  assert.ok(sheet.fragment.includes("<br>dichvucong.gov.vn</div>"));
  assert.equal(thrown(() => motcua.renderSheet(A, { office: "UBND", dossier: RECEIPT, allowedBases: ["https://x.vn/"] })).code, "base_not_allowed");
});
