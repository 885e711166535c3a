// Entry point `motcua/manual`: the same API as "motcua", loaded when you say
// so and from where you say — for a .wasm served from a CDN or another path,
// bundlers that give the asset its own URL, or bytes already in memory.
// Call (and await) `init` or call `initSync` once before anything else.
import { load, loadSync } from "./load.js";

export * from "./motcua.js";

let loading = null;

export function init(options = {}) {
  if (options.wasm !== undefined) {
    loading ??= Promise.resolve().then(() => loadSync(options.wasm));
  } else {
    loading ??= load(options.wasmUrl);
  }
  return loading;
}

export function initSync(wasm) {
  if (loading === null) {
    loadSync(wasm);
    loading = Promise.resolve();
  }
}
