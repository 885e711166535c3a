// The npm package's QR reader (decodeImageData) in node on the distorted
// set that scripts/bench-image writes: the raw grey pixels become RGBA
// ImageData-shaped objects (outside the timing). Writes <dir>/node.json.
//   node bench/image.bench.mjs <dir> [runs]
import { readFileSync, writeFileSync } from "node:fs";
import { decodeImageData } from "motcua";

const [dir, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const rows = [];
for (const m of JSON.parse(readFileSync(`${dir}/manifest.json`, "utf8"))) {
  const gray = readFileSync(`${dir}/${m.gray}`);
  const data = new Uint8ClampedArray(gray.length * 4);
  for (let i = 0; i < gray.length; i++) data.set([gray[i], gray[i], gray[i], 255], i * 4);
  const img = { data, width: m.width, height: m.height };
  const read = () => {
    try {
      return decodeImageData(img);
    } catch {
      return [];
    }
  };
  const ok = read().some((c) => c.text === m.expected);
  const t = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) read();
  rows.push({ engine: `motcua npm (node ${process.versions.node})`, class: m.class, ok, ns: Number(process.hrtime.bigint() - t) / runs });
}
writeFileSync(`${dir}/node.json`, JSON.stringify(rows));
