// Entry point of the `motcua` npm package: loads the WebAssembly module once
// (top-level await) from beside this file, in node and in browsers alike,
// then re-exports the bindings. To load the .wasm from elsewhere (a CDN, a
// bundler's asset URL, bytes you have), import "motcua/manual" instead.
// All logic is in the Rust core; see api.d.ts for the API (motcua.js is
// wasm-bindgen's glue, whose own loader this file replaces).
import { load } from "./load.js";

await load();

export * from "./motcua.js";
