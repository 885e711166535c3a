// node --test: the built package `motcua` (wasm/pkg), imported by its name.
// Synthetic cards only (see ../shared/specs/cccd.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { thrown } from "./helpers.mjs";
import {
  parseCard,
  scanCard,
  scanCardMasked,
  validateId,
  validateCmnd,
  maskId,
  errorMessage,
  errorCodes,
  repairMessage,
  cardSamples,
  garbleAsWindows1252,
  version,
} from "motcua";

const AS_OF = { asOf: "2026-11-23" };
const A = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021";
const B = "079303000001||Trần Thị B|05052003|Nữ|Ấp 1, Xã X, Huyện Y, Thành phố Hồ Chí Minh|20062021";


test("a clean 2021 card: every field as the CLI's JSON", () => {
  const card = parseCard(A, AS_OF);
  assert.deepEqual(card, {
    layout: "2021",
    id: "001090123456",
    old_id: "123456789",
    name: "Nguyễn Văn A",
    birth_date: "1990-01-01",
    sex: "male",
    address: "Số 1 Phố X, Phường Y, Quận Z, Hà Nội",
    issue_date: "2021-04-15",
    expiry_date: "2030-01-01", // issued at 31: valid to the 40th birthday
    expired: false,
    province_code: "001",
    province: "Hà Nội",
    born_abroad: false,
    extra: [],
    warnings: [],
    repairs: [],
  });
});

test("a 2024 card (11 fields), no old ID, female born in the 2000s", () => {
  const card = parseCard(B + "||||", AS_OF);
  assert.equal(card.layout, "2024");
  assert.equal(card.old_id, null);
  assert.equal(card.sex, "female");
  assert.equal(card.province, "Hồ Chí Minh");
  assert.deepEqual(card.extra, ["", "", "", ""]);
  assert.equal(card.expiry_date, "2028-05-05"); // made at 18: valid to 25
});

test("expiry and the as-of date: the same card expired later", () => {
  const card = scanCard(B, { asOf: "2028-05-06" });
  assert.equal(card.expired, true);
  assert.deepEqual(card.warnings, ["card_expired"]);
  assert.equal(scanCard(B, { asOf: "2028-05-05" }).expired, false); // valid through the day
});

test("the default as-of date is today in Vietnam (the JS clock)", () => {
  // A card issued tomorrow (Vietnam time) is in the future; today's is fine.
  const vn = new Date(Date.now() + 7 * 3600 * 1000);
  const ddmmyyyy = (d) =>
    String(d.getUTCDate()).padStart(2, "0") + String(d.getUTCMonth() + 1).padStart(2, "0") + d.getUTCFullYear();
  const tomorrow = new Date(vn.getTime() + 86400 * 1000);
  assert.equal(scanCard(A.replace("15042021", ddmmyyyy(vn))).issue_date.length, 10);
  assert.equal(thrown(() => scanCard(A.replace("15042021", ddmmyyyy(tomorrow)))).code, "issue_date_in_future");
});

test("mojibake (UTF-8 typed as Windows-1252) is repaired and reported", () => {
  const garbled = garbleAsWindows1252(A);
  assert.notEqual(garbled, A);
  assert.match(garbled, /Nguyá»…n/);
  const card = scanCard(garbled + "\r\n", AS_OF);
  assert.equal(card.name, "Nguyễn Văn A");
  assert.equal(card.address, "Số 1 Phố X, Phường Y, Quận Z, Hà Nội");
  assert.deepEqual(card.repairs, ["strip_suffix", "mojibake"]);
  // The strict parser refuses it instead of guessing.
  assert.equal(thrown(() => parseCard(garbled, AS_OF)).code, "needs_repair");
});

test("NFD text is composed to NFC; BOM and TAB suffix removed", () => {
  const nfd = A.normalize("NFD");
  assert.notEqual(nfd, A);
  const card = scanCard("\uFEFF" + nfd + "\t", AS_OF);
  assert.equal(card.name, "Nguyễn Văn A");
  assert.equal(card.name, card.name.normalize("NFC"));
  assert.deepEqual(card.repairs, ["strip_bom", "strip_suffix", "nfc"]);
});

test("the built-in samples all scan, with the repairs their descriptions name", () => {
  const samples = cardSamples();
  assert.equal(samples.length, 5);
  const repairs = samples.map((s) => scanCard(s.payload, AS_OF).repairs);
  assert.deepEqual(repairs, [[], ["strip_suffix"], ["strip_suffix"], ["mojibake"], ["nfc"]]);
});

/** A with one substring replaced. */
const variant = (from, to) => {
  assert.ok(A.includes(from));
  return A.replace(from, to);
};

// Every CCCD error code the JS API can produce, with a payload that causes it.
// (`not_utf8` cannot come from a JS string: strings are UTF-16, and lone
// surrogates arrive as U+FFFD; it is checked separately below.)
const CCCD_CASES = [
  ["empty", () => scanCard("\r\n", AS_OF)],
  ["empty", () => parseCard("", AS_OF)],
  ["too_long", () => scanCard(A + "|" + "x".repeat(2048), AS_OF)],
  ["needs_repair", () => parseCard(A + "\r\n", AS_OF)],
  ["mojibake_unrecoverable", () => scanCard(garbleAsWindows1252(A).replace("\u009d", ""), AS_OF)],
  ["field_count", () => parseCard(variant("|Nam|", "|Nam"), AS_OF)],
  ["id_length", () => parseCard(variant("001090123456", "00109012345"), AS_OF)],
  ["id_not_digits", () => parseCard(variant("001090123456", "0010901234S6"), AS_OF)],
  ["id_province_unknown", () => parseCard(variant("001090123456", "003090123456"), AS_OF)],
  ["id_sex_mismatch", () => parseCard(variant("001090123456", "001190123456"), AS_OF)],
  ["id_birth_year_mismatch", () => parseCard(variant("001090123456", "001091123456"), AS_OF)],
  ["old_id_invalid", () => parseCard(variant("123456789", "12345678"), AS_OF)],
  ["name_invalid", () => parseCard(variant("Nguyễn Văn A", "Nguyễn Văn 4"), AS_OF)],
  ["birth_date_invalid", () => parseCard(variant("01011990", "31021990"), AS_OF)],
  ["birth_date_in_future", () => parseCard("001226123456||Nguyễn Văn A|01122026|Nam|Hà Nội|15042021", AS_OF)],
  ["sex_invalid", () => parseCard(variant("|Nam|", "|Khác|"), AS_OF)],
  ["address_invalid", () => parseCard(variant("Số 1 Phố X, Phường Y, Quận Z, Hà Nội", " "), AS_OF)],
  ["issue_date_invalid", () => parseCard(variant("15042021", "32132021"), AS_OF)],
  ["issue_date_before_birth", () => parseCard(variant("15042021", "31121989"), AS_OF)],
  ["issue_date_in_future", () => parseCard(variant("15042021", "24112026"), AS_OF)],
  ["issue_date_before_cccd", () => parseCard(variant("15042021", "31122015"), AS_OF)],
  ["extra_field_invalid", () => parseCard(A + "||\u001b||", AS_OF)],
  ["invisible_char", () => parseCard(variant("Phố X", "Phố \u202eX"), AS_OF)],
  ["old_id_invalid", () => validateCmnd("12345678a")],
  ["id_length", () => validateId("0010901234")],
];

test("every CCCD error code: code, English and Vietnamese message, no personal data", () => {
  const seen = new Set();
  for (const [want, fn] of CCCD_CASES) {
    const e = thrown(fn);
    assert.equal(e.code, want, `${want}: got ${e.code}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, "MotcuaError");
    assert.ok(e.message.length > 10 && e.messageVi.length > 10);
    assert.notEqual(e.message, e.messageVi);
    assert.ok(typeof e.stack === "string");
    // Messages never echo the input (name, ID digits, address).
    for (const secret of ["Nguyễn", "001090123456", "123456789", "Phố X"]) {
      assert.ok(!e.message.includes(secret) && !e.messageVi.includes(secret), `${want} leaks ${secret}`);
    }
    seen.add(e.code);
  }
  const all = errorCodes().cccd;
  assert.deepEqual([...seen].sort(), all.filter((c) => c !== "not_utf8").sort());
});

test("lone surrogates arrive as U+FFFD, which no field accepts", () => {
  const e = thrown(() => parseCard(variant("Nguyễn Văn A", "Nguy\uD800n Văn A"), AS_OF));
  assert.equal(e.code, "name_invalid");
  assert.match(e.message, /U\+FFFD/);
  assert.equal(thrown(() => scanCard(variant("Phố X", "Ph\uDFFF X"), AS_OF)).code, "address_invalid");
  // not_utf8 still has its messages, for a code stored elsewhere.
  assert.ok(errorMessage("not_utf8").messageVi.length > 0);
});

test("errorMessage and repairMessage cover every code, in both languages", () => {
  const codes = errorCodes();
  for (const code of [...codes.cccd, ...codes.dossier, ...codes.qr, ...codes.binding]) {
    const m = errorMessage(code);
    assert.ok(m && m.message.length > 0 && m.messageVi.length > 0, code);
  }
  assert.equal(errorMessage("no_such_code"), undefined);
  for (const code of ["strip_bom", "strip_suffix", "mojibake", "nfc"]) {
    assert.ok(repairMessage(code).messageVi.startsWith("đã"), code);
  }
  assert.equal(repairMessage("nope"), undefined);
});

test("the CMND→CCCD link check (land records)", () => {
  assert.equal(scanCard(A, { ...AS_OF, cmnd: "123456789" }).cmnd_link, "linked");
  assert.equal(scanCard(A, { ...AS_OF, cmnd: "987654321" }).cmnd_link, "mismatch");
  assert.equal(scanCard(B, { ...AS_OF, cmnd: "123456789" }).cmnd_link, "no_old_id");
  assert.equal("cmnd_link" in scanCard(A, AS_OF), false);
  assert.equal(thrown(() => scanCard(A, { ...AS_OF, cmnd: "12345" })).code, "old_id_invalid");
});

test("masked card for copies: no full ID, name, birth date or street", () => {
  const m = scanCardMasked(garbleAsWindows1252(A), AS_OF);
  assert.equal(m.masked, true);
  assert.equal(m.id, "*********456");
  assert.equal(m.old_id, "******789");
  assert.equal(m.name, "N. V. A.");
  assert.equal(m.birth_date, "1990-**-**");
  assert.equal(m.address, "***, Hà Nội");
  assert.equal(m.extra, 0);
  // The expiry date is the 40th birthday: only its year (#19).
  assert.equal(m.expiry_date, "2030-**-**");
  assert.equal(m.province_code, null);
  assert.equal(m.province, null);
  assert.equal(m.born_abroad, null);
  assert.ok(!JSON.stringify(m).includes("01-01"));
  assert.deepEqual(m.repairs, ["mojibake"]);
  assert.equal(maskId("001090123456"), "*********456");
  assert.equal(maskId("123456789"), "******789");
  assert.equal(thrown(() => maskId("12")).code, "id_length");
});

test("a standalone ID number: province, century, sex, birth year", () => {
  assert.deepEqual(validateId("079303000001"), {
    masked: "*********001",
    province_code: "079",
    province: "Hồ Chí Minh",
    born_abroad: false,
    century: 2000,
    sex: "female",
    birth_year: 2003,
  });
  assert.equal(thrown(() => validateId("003090123456")).code, "id_province_unknown");
});

test("bad options are invalid_argument, naming the option, not its value", () => {
  for (const opts of [{ asof: "2026-11-23" }, { asOf: "23/11/2026" }, { asOf: 5 }, "2026-11-23", 7]) {
    const e = thrown(() => scanCard(A, opts));
    assert.equal(e.code, "invalid_argument");
    assert.ok(!e.message.includes("2026"));
  }
  assert.equal(scanCard(A, undefined).id, "001090123456");
  assert.equal(scanCard(A, null).id, "001090123456");
  assert.equal(scanCard(A, { asOf: undefined }).id, "001090123456");
});

test("version is the workspace version", () => {
  assert.match(version(), /^\d+\.\d+\.\d+$/);
});
