// Entry point of the `motcua` npm package: loads the WebAssembly module once
// (top-level await), in node and in browsers alike, then re-exports the
// bindings. All logic is in the Rust core; see motcua.d.ts for the API.
import init, { initSync } from "./motcua.js";

const wasmUrl = new URL("./motcua_bg.wasm", import.meta.url);

if (wasmUrl.protocol === "file:" && typeof process === "object" && process.versions?.node) {
  // node: fetch() cannot read file: URLs.
  const { readFile } = await import("node:fs/promises");
  initSync({ module: await readFile(wasmUrl) });
} else {
  await init({ module_or_path: wasmUrl });
}

export * from "./motcua.js";
