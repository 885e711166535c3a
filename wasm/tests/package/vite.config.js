// Top-level await needs an es2022 target.
export default { build: { target: "es2022" }, optimizeDeps: { esbuildOptions: { target: "es2022" } } };
