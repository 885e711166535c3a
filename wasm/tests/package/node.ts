// Compiled with tsconfig.node.json: no DOM library and no @types/node. The
// package's types must still compile, and be precise.
import { scanCard, decodeDossier, isMotcuaError, type Card } from "motcua";
import { init, initSync } from "motcua/manual";

export function name(scan: string): string {
  const card: Card = scanCard(scan);
  return card.name;
}

export function host(payload: string): string | null {
  try {
    return decodeDossier(payload).host;
  } catch (e) {
    if (isMotcuaError(e)) return e.messageVi;
    throw e;
  }
}

export async function load(bytes: Uint8Array): Promise<void> {
  initSync(bytes);
  await init({ wasmUrl: "https://cdn.example.vn/motcua_bg.wasm" });
}
