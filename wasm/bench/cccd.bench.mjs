// CCCD parsing in node: the npm package `motcua` (WebAssembly) against the
// plain JavaScript a form author would otherwise write — split('|') and the
// same checks, with repairs done the usual way (trim, Windows-1252 through
// the platform's TextDecoder, String.prototype.normalize('NFC')).
//
// First checks that both give the same answers on every input (so the
// comparison is like for like), then times them. Writes
// ../target/criterion/motcua-node.json for scripts/bench and prints a table
// (a quick run writes motcua-node.quick.json, kept out of BENCHMARKS.md).
//
//   node bench/cccd.bench.mjs            # ~1 s per function
//   MOTCUA_BENCH_QUICK=1 node bench/...  # one short round (CI: it runs)
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cardSamples, garbleAsWindows1252, parseCard, scanCard } from "motcua";

const quick = process.env.MOTCUA_BENCH_QUICK === "1";
const AS_OF = "2026-11-23";

// ---- the plain-JS baseline ----

const PROVINCES = new Set(
  ("001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 " +
    "040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 " +
    "083 084 086 087 089 091 092 093 094 095 096").split(" "),
);
const CONTROL = /\p{Cc}/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function ddmmyyyy(s) {
  if (!/^\d{8}$/.test(s)) throw new Error(`bad date ${s}`);
  const d = +s.slice(0, 2), m = +s.slice(2, 4), y = +s.slice(4);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new Error(`bad date ${s}`);
  }
  return date;
}
const iso = (d) => d.toISOString().slice(0, 10);
// The day a person born on `b` turns `age` (29 February → 28 February).
function birthday(b, age) {
  const y = b.getUTCFullYear() + age;
  const d = new Date(Date.UTC(y, b.getUTCMonth(), b.getUTCDate()));
  return d.getUTCMonth() === b.getUTCMonth() ? d : new Date(Date.UTC(y, 1, 28));
}

/** split('|') and the checks motcua makes; throws an Error on a bad card. */
export function plainParse(s, asOf = new Date(AS_OF)) {
  const p = s.split("|");
  if (p.length !== 7 && p.length !== 11) throw new Error(`expected 7 or 11 fields, got ${p.length}`);
  const [id, oldId, name, dob, sex, address, issue, ...extra] = p;
  if (!/^\d{12}$/.test(id)) throw new Error(`bad id ${id}`);
  const prov = id.slice(0, 3);
  if (!PROVINCES.has(prov) && prov[0] !== "1" && prov[0] !== "2") throw new Error(`bad province ${prov}`);
  if (oldId !== "" && !/^\d{9}$/.test(oldId)) throw new Error(`bad old id ${oldId}`);
  if (!LETTER.test(name) || DIGIT.test(name) || CONTROL.test(name) || name.includes("\uFFFD")) throw new Error(`bad name ${name}`);
  const birth = ddmmyyyy(dob);
  if (birth > asOf) throw new Error("dob in future");
  if (sex !== "Nam" && sex !== "Nữ") throw new Error(`bad sex ${sex}`);
  if (address.trim() === "" || CONTROL.test(address) || address.includes("\uFFFD")) throw new Error("bad address");
  const issued = ddmmyyyy(issue);
  if (extra.some((e) => CONTROL.test(e) || e.includes("\uFFFD"))) throw new Error("bad extra");
  const digit = +id[3], yy = +id.slice(4, 6);
  if ((digit % 2 === 0) !== (sex === "Nam")) throw new Error("sex mismatch");
  if (1900 + Math.floor(digit / 2) * 100 + yy !== birth.getUTCFullYear()) throw new Error("year mismatch");
  if (issued < birth || issued > asOf || issued.getUTCFullYear() < 2016) throw new Error("bad issue date");
  const milestone = [14, 25, 40, 60].find((age) => issued < birthday(birth, age - 2));
  return {
    layout: p.length === 7 ? "2021" : "2024",
    id,
    old_id: oldId === "" ? null : oldId,
    name,
    birth_date: iso(birth),
    sex: sex === "Nam" ? "male" : "female",
    address,
    issue_date: iso(issued),
    expiry_date: milestone === undefined ? null : iso(birthday(birth, milestone)),
  };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
// Windows-1252 inverted: Latin-1, with 0x80–0x9F as WHATWG maps them. (Node's
// own TextDecoder("windows-1252") decodes 0x80–0x9F as Latin-1 C1 controls,
// so "ị" typed as "á»‹" cannot be undone through it: a table is needed.)
const C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
const CP1252 = new Map(Array.from({ length: 256 }, (_, i) => [i >= 0x80 && i < 0xa0 ? C1[i - 0x80] : String.fromCharCode(i), i]));
/** The usual repairs, always: BOM and CR/LF/TAB suffix off; text made only
 * of Windows-1252 characters whose bytes are valid UTF-8 is mojibake; then NFC. */
function plainRepairText(input) {
  let s = input.replace(/^\uFEFF/, "").replace(/[\r\n\t]+$/, "");
  if (/[^\x00-\x7F]/.test(s)) {
    const bytes = Array.from(s, (c) => CP1252.get(c) ?? -1);
    if (!bytes.includes(-1)) {
      try {
        s = utf8.decode(Uint8Array.from(bytes));
      } catch {
        // not UTF-8 underneath: keep the text
      }
    }
  }
  return s.normalize("NFC");
}

/** plainRepairText, then plainParse. */
export function plainParseRepairing(input, asOf) {
  return plainParse(plainRepairText(input), asOf);
}

// ---- inputs: the library's samples in three states ----

const clean = cardSamples().map((s) => plainRepairText(s.payload));
const sets = {
  clean,
  mojibake: clean.map((p) => garbleAsWindows1252(p)),
  nfd: clean.map((p) => p.normalize("NFD")),
};

// ---- same answers ----

const FIELDS = ["layout", "id", "old_id", "name", "birth_date", "sex", "address", "issue_date", "expiry_date"];
const pick = (c) => Object.fromEntries(FIELDS.map((k) => [k, c[k]]));
const asOfDate = new Date(AS_OF);
for (const [state, payloads] of Object.entries(sets)) {
  for (const p of payloads) {
    const ours = pick(scanCard(p, { asOf: AS_OF }));
    assert.deepEqual(plainParseRepairing(p, asOfDate), ours, `${state}: baseline and motcua disagree`);
    if (state === "clean") {
      assert.deepEqual(scanCard(p, { asOf: AS_OF }).repairs, []);
      assert.deepEqual(pick(parseCard(p, { asOf: AS_OF })), plainParse(p, asOfDate));
    } else {
      assert.ok(scanCard(p, { asOf: AS_OF }).repairs.length > 0, `${state} needs a repair`);
    }
  }
}
// Both refuse the same broken card.
const bad = clean[0].replace("|Nam|", "|Nữ|");
assert.throws(() => plainParse(bad, asOfDate));
assert.throws(() => scanCard(bad, { asOf: AS_OF }), { code: "id_sex_mismatch" });

// ---- timing ----

/** Mean ns per payload: the best of 5 rounds (quick: 1 round of ~20 ms). */
function time(fn, payloads) {
  const budget = quick ? 20 : 200; // ms per round
  let n = 1, best = Infinity;
  for (let round = 0; round < (quick ? 1 : 5); round++) {
    for (;;) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) for (const p of payloads) fn(p);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (ms >= budget || quick && ms >= 5) {
        best = Math.min(best, (ms * 1e6) / (n * payloads.length));
        break;
      }
      n *= 2;
    }
  }
  return best;
}

const opts = { asOf: AS_OF };
const rows = [];
const run = (state, fn, f) => rows.push({ state, fn, ns: time(f, sets[state]) });
run("clean", "motcua_parseCard", (p) => parseCard(p, opts));
run("clean", "motcua_scanCard", (p) => scanCard(p, opts));
run("clean", "plain_js", (p) => plainParse(p, asOfDate));
run("clean", "plain_js_repairing", (p) => plainParseRepairing(p, asOfDate));
for (const state of ["mojibake", "nfd"]) {
  run(state, "motcua_scanCard", (p) => scanCard(p, opts));
  run(state, "plain_js_repairing", (p) => plainParseRepairing(p, asOfDate));
}

const out = {
  node: process.version,
  quick,
  payloads: Object.fromEntries(Object.entries(sets).map(([k, v]) => [k, v.map((p) => Buffer.byteLength(p))])),
  rows,
};
const dir = fileURLToPath(new URL("../../target/criterion/", import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/motcua-node${quick ? ".quick" : ""}.json`, JSON.stringify(out, null, 1));
for (const r of rows) console.log(`${r.state.padEnd(9)} ${r.fn.padEnd(20)} ${r.ns.toFixed(0).padStart(8)} ns/payload`);
console.log(`node ${process.version}${quick ? " (quick run: numbers not meaningful)" : ""}; same answers checked on ${clean.length * 3} payloads`);
