// node --test: "motcua/manual" loads the .wasm only when told, from bytes or
// from a URL (here: the package's own file, as a CDN URL would be given).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as manual from "motcua/manual";

const A = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021";
const wasmUrl = new URL("../pkg/motcua_bg.wasm", import.meta.url);

test("nothing is loaded before init, then init from a URL, once", async () => {
  assert.throws(() => manual.scanCard(A));
  const first = manual.init({ wasmUrl });
  assert.equal(manual.init({ wasmUrl: "elsewhere.wasm" }), first, "a second init is the first one");
  await first;
  assert.equal(manual.scanCard(A, { asOf: "2026-11-23" }).name, "Nguyễn Văn A");
  manual.initSync(readFileSync(wasmUrl)); // already loaded: nothing happens
  assert.equal(manual.maskId("123456789"), "******789");
});

test("the manual entry exports the same API as the automatic one", async () => {
  const auto = await import("motcua");
  const names = (m) => Object.keys(m).filter((k) => !["init", "initSync"].includes(k)).sort();
  assert.deepEqual(names(manual), names(auto));
  assert.equal(typeof manual.init, "function");
  assert.equal(typeof manual.initSync, "function");
});
