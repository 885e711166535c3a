// The module is ready when the import resolves (top-level await). The API
// (api.d.ts) is wasm-bindgen's declarations without its loader types, so
// that they compile without the DOM library (node-only projects).
export * from "./api.js";
