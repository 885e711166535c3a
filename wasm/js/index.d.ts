// The module is ready when the import resolves (top-level await).
export * from "./motcua.js";
