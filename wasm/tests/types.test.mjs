// node --test: the package's TypeScript types compile against real use
// (types-check.ts, strict), say no `any`, and list exactly the error codes,
// repairs and exports the built module has at run time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as motcua from "motcua";
import * as wedge from "motcua/wedge";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const pkg = (p) => readFileSync(here(`../pkg/${p}`), "utf8");
const dts = pkg("motcua.d.ts");

test("tsc --strict accepts real use and rejects wrong use of the types", () => {
  execFileSync(process.execPath, [here("../node_modules/typescript/bin/tsc"), "-p", here("tsconfig.json")], {
    stdio: "pipe",
  });
});

/** The string literals of `export type <name> = "a" | "b" …;` in the .d.ts. */
function union(name) {
  const m = dts.match(new RegExp(`export type ${name} =([^;]*);`));
  assert.ok(m, `type ${name} not found`);
  return [...m[1].matchAll(/"([a-z0-9_]+)"/g)].map((x) => x[1]);
}

test("the error-code unions are exactly the codes the module throws", () => {
  const codes = motcua.errorCodes();
  assert.deepEqual(union("CccdErrorCode"), codes.cccd);
  assert.deepEqual(union("DossierErrorCode"), codes.dossier);
  assert.deepEqual(union("QrErrorCode"), codes.qr);
  assert.deepEqual(union("PrintErrorCode"), codes.print);
  assert.deepEqual(union("ImageErrorCode"), codes.image);
  assert.deepEqual(union("BindingErrorCode"), codes.binding);
  assert.deepEqual(union("CliErrorCode"), codes.cli);
  // Every list is typed, and a code means one thing: no code in two lists,
  // and each has its own message.
  assert.deepEqual(Object.keys(codes).sort(), ["binding", "cccd", "cli", "dossier", "image", "print", "qr"]);
  const all = Object.values(codes).flat();
  assert.equal(new Set(all).size, all.length, "a code is in two lists");
  for (const c of all) assert.ok(motcua.errorMessage(c)?.messageVi, c);
  for (const r of union("RepairCode")) assert.ok(motcua.repairMessage(r), r);
});

test("every run-time export is declared, and no public type is `any`", () => {
  const declared = new Set([...dts.matchAll(/export (?:function|const|class) (\w+)/g)].map((m) => m[1]));
  for (const name of Object.keys(motcua)) assert.ok(declared.has(name), `${name} not in motcua.d.ts`);
  const wedgeDts = pkg("wedge.d.ts");
  for (const name of Object.keys(wedge)) assert.ok(new RegExp(`\\b${name}\\b`).test(wedgeDts), name);
  // wasm-bindgen's InitOutput (the raw wasm exports, behind initSync) is the only `any`.
  const publicPart = dts.replace(/export interface InitOutput \{[^}]*\}/, "");
  for (const [file, text] of [["motcua.d.ts", publicPart], ["wedge.d.ts", wedgeDts], ["index.d.ts", pkg("index.d.ts")],
    ["api.d.ts", pkg("api.d.ts")], ["manual.d.ts", pkg("manual.d.ts")]]) {
    const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ""); // not in comments
    assert.ok(!/\bany\b/.test(code), `${file} uses any`);
  }
});

test("the entry points' types: the API without wasm-bindgen's loader, which names DOM types", () => {
  const api = pkg("api.d.ts");
  for (const dom of ["RequestInfo", "BufferSource", "Response", "InitOutput", "InitInput", "WebAssembly."]) {
    assert.ok(!api.includes(dom), `api.d.ts names ${dom}`);
  }
  assert.match(pkg("index.d.ts"), /export \* from "\.\/api\.js"/);
  assert.match(pkg("manual.d.ts"), /export function init\(options\?: InitOptions\): Promise<void>/);
});

test("the package manifest: ESM, types, exports for the module, the manual loader and the wedge helper", () => {
  const manifest = JSON.parse(pkg("package.json"));
  assert.equal(manifest.name, "motcua");
  assert.equal(manifest.type, "module");
  assert.equal(manifest.version, motcua.version());
  assert.deepEqual(Object.keys(manifest.exports), [".", "./manual", "./wedge"]);
  for (const key of ["repository", "homepage", "bugs"]) assert.ok(manifest[key], key);
  for (const f of manifest.files) assert.ok(readFileSync(here(`../pkg/${f}`)).length > 0, f);
  // Both licences the manifest names ship with the package (#19).
  assert.equal(manifest.license, "MIT OR Apache-2.0");
  assert.match(pkg("LICENSE-MIT"), /^MIT License/);
  assert.match(pkg("LICENSE-APACHE"), /Apache License\s+Version 2\.0/);
});

test("every npm script of the dev package runs a file that exists", () => {
  const dev = JSON.parse(readFileSync(here("../package.json"), "utf8"));
  for (const [name, cmd] of Object.entries(dev.scripts)) {
    for (const file of cmd.split(/\s+/).filter((w) => /\.m?js$/.test(w))) {
      assert.ok(existsSync(here(`../${file}`)), `npm run ${name}: ${file} does not exist`);
    }
  }
});
