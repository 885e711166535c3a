// The automatic entry in node, then the manual one from the .wasm's bytes.
import { readFileSync } from "node:fs";
import { scanCard, version } from "motcua";

const A = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021";
const card = scanCard(A + "\r\n");
if (card.name !== "Nguyễn Văn A" || card.repairs[0] !== "strip_suffix") throw new Error("automatic entry");
const manual = await import("motcua/manual");
// Bytes from wherever the application keeps them (here: the package's file).
const wasmPath = new URL("motcua_bg.wasm", new URL(import.meta.resolve("motcua"))).pathname;
manual.initSync(readFileSync(wasmPath));
if (manual.maskId("001090123456") !== "*********456") throw new Error("manual entry");
console.log(`node: motcua ${version()} ok`);
