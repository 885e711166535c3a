// How the package finds its .wasm when nobody says: beside this file. In
// node, fetch() cannot read file: URLs, so the bytes are read from disk.
import wbgInit, { initSync as wbgInitSync } from "./motcua.js";

const besideThisFile = new URL("./motcua_bg.wasm", import.meta.url);

export async function load(wasmUrl = besideThisFile) {
  const url = new URL(typeof wasmUrl === "string" ? wasmUrl : wasmUrl.href, import.meta.url);
  if (url.protocol === "file:" && typeof process === "object" && process.versions?.node) {
    const { readFile } = await import("node:fs/promises");
    wbgInitSync({ module: await readFile(url) });
  } else {
    await wbgInit({ module_or_path: url });
  }
}

export function loadSync(wasm) {
  wbgInitSync({ module: wasm });
}
