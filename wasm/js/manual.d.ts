// `motcua/manual`: the API of "motcua", with the loading left to you.
export * from "./api.js";

/** What `init` loads. */
export interface InitOptions {
  /**
   * Where the `.wasm` is (default: `motcua_bg.wasm` beside the package's
   * files): a URL string, relative to the package, or a `URL`.
   */
  wasmUrl?: string | { readonly href: string };
  /** The `.wasm` itself: its bytes, or a compiled `WebAssembly.Module`. */
  wasm?: ArrayBuffer | Uint8Array | object;
}

/**
 * Loads the WebAssembly module (once; later calls return the same
 * promise). Await it before calling anything else.
 */
export function init(options?: InitOptions): Promise<void>;

/** Loads the module synchronously from its bytes or a compiled module. */
export function initSync(wasm: ArrayBuffer | Uint8Array | object): void;
