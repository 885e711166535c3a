// node --test: dossier QR payloads and QR rendering from the built package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { thrown } from "./helpers.mjs";
import {
  encodeDossier,
  decodeDossier,
  sampleReceipt,
  qrSvg,
  qrMatrix,
  errorCodes,
  errorMessage,
  validateApplicant,
  validateDossierCode,
  validateProcedureCode,
} from "motcua";


const RECEIPT = {
  dossier_code: "000.00.53.H48-261120-0042",
  procedure_code: "1.001612",
  applicant: "001090123456",
  paper: "receipt",
  system: "Hệ thống thông tin giải quyết TTHC tỉnh Quảng Ngãi",
  issued_at: "2026-11-20T09:15:00+07:00",
  appointment: "2026-11-27T14:00",
};

test("a receipt encodes to a status-lookup URL and decodes back to the same fields", () => {
  const url = encodeDossier(RECEIPT);
  assert.ok(url.startsWith("https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?hs=000.00.53.H48-261120-0042&qr=1/"));
  const r = decodeDossier(url);
  for (const [k, v] of Object.entries(RECEIPT)) assert.equal(r[k], v, k);
  assert.equal(r.applicant_kind, "person");
  assert.equal(r.paper_name, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả");
  assert.deepEqual(r.missing, []);
  // decode → encode round-trips (decoder-only fields are ignored on input).
  assert.equal(encodeDossier(r), url);
  const back = decodeDossier(encodeDossier(sampleReceipt()));
  assert.equal(back.host, "dichvucong.gov.vn");
  assert.deepEqual({ ...back, base: null, host: null }, sampleReceipt());
});

test("privacy: masked and omitted applicant; a portal's own base URL", () => {
  const base = "https://dichvucong.quangngai.gov.vn/tra-cuu";
  const masked = decodeDossier(encodeDossier(RECEIPT, { base, privacy: "masked" }));
  assert.equal(masked.applicant, "*********456");
  assert.equal(masked.applicant_kind, "masked");
  const omitted = encodeDossier(RECEIPT, { base, privacy: "omitted" });
  assert.ok(omitted.startsWith(base + "?hs="));
  assert.ok(!omitted.includes("001090123456"));
  assert.deepEqual(decodeDossier(omitted).missing, ["applicant"]);
});

test("a result with validity and scope; a bare dossier code is a partial record", () => {
  const result = {
    ...RECEIPT,
    paper: { other: "Giấy phép xây dựng" },
    appointment: null,
    validity: { until: "2031-11-20" },
    scope: "Toàn tỉnh Quảng Ngãi",
  };
  const r = decodeDossier(encodeDossier(result));
  assert.deepEqual(r.paper, { other: "Giấy phép xây dựng" });
  assert.deepEqual(r.validity, { until: "2031-11-20" });
  assert.equal(r.scope, "Toàn tỉnh Quảng Ngãi");
  assert.equal(decodeDossier(encodeDossier({ ...result, validity: "indefinite" })).validity, "indefinite");
  const bare = decodeDossier("38.98.H29-210519-0003");
  assert.equal(bare.procedure_code, null);
  assert.deepEqual(bare.warnings, ["unit_code_short"]);
  assert.ok(bare.missing.includes("procedure_code"));
});

const V = (patch) => () => encodeDossier({ ...RECEIPT, ...patch });
const D = (payload) => () => decodeDossier(payload);
const P = "https://p.example.vn/?hs=000.00.53.H48-261120-0042&qr=";

// Every dossier error code, through encodeDossier or decodeDossier.
const DOSSIER_CASES = [
  ["field_missing", V({ procedure_code: null }), "procedure_code"],
  ["field_missing", V({ appointment: null }), "appointment"],
  ["text_invalid", V({ system: "  " }), "system"],
  ["date_invalid", V({ appointment: "2026-02-30" }), "appointment"],
  ["encoding", D(P + "1/HT:1!1"), "system"],
  ["duplicate_field", D(P + "1/TT:1.001612/TT:1.001612"), "procedure_code"],
  ["dossier_too_long", D("h".repeat(5000))],
  ["not_dossier_qr", D("https://portal.example.vn/?foo=1")],
  ["version_unsupported", D(P + "9/TT:1.001612")],
  ["base_url_invalid", () => encodeDossier(RECEIPT, { base: "http://insecure.example.vn/" })],
  ["base_not_allowed", () => decodeDossier(encodeDossier(RECEIPT), { allowedBases: ["https://x.vn/"] })],
  ["unit_code_format", V({ dossier_code: "0.00.53.H48-220921-0001" })],
  ["unit_code_level1", V({ dossier_code: "000.00.53.X-220921-0001" })],
  ["dossier_code_format", V({ dossier_code: "000.00.53.H48-220921" })],
  ["dossier_date_invalid", V({ dossier_code: "000.00.53.H48-220231-0099" })],
  ["dossier_sequence_invalid", V({ dossier_code: "000.00.53.H48-220921-0000" })],
  ["procedure_code_format", V({ procedure_code: "1-001612" })],
  ["procedure_code_group", V({ procedure_code: "4.001612" })],
  ["procedure_suffix_invalid", V({ procedure_code: "1.001612.xyz" })],
  ["applicant_format", V({ applicant: "123456789" })],
  ["applicant_id_province", V({ applicant: "003090123456" })],
  ["tax_code_check_digit", V({ applicant: "0100233480" })],
  ["applicant_masked", () => validateApplicant("*********456")],
  ["dossier_code_format", () => validateDossierCode("000.00.53.H48-220921-0099\r\n")],
  ["procedure_code_group", () => validateProcedureCode("0.001612")],
];

test("every dossier error code, with its field and both messages", () => {
  const seen = new Set();
  for (const [want, fn, field] of DOSSIER_CASES) {
    let e;
    assert.doesNotThrow(() => (e = thrown(fn)), `${want} (${field ?? ""})`);
    assert.equal(e.code, want, `${want}: got ${e.code} (${e.message})`);
    if (field) assert.equal(e.field, field, want);
    assert.ok(e.message.length > 0 && e.messageVi.length > 0);
    assert.ok(!e.message.includes("001090123456") && !e.messageVi.includes("001090123456"));
    seen.add(e.code);
  }
  // (`dossier_not_utf8` cannot come from a JS string, which is always
  // UTF-16 made UTF-8; it still has its messages, for the CLI's JSON.)
  const all = errorCodes().dossier;
  assert.deepEqual([...seen].sort(), all.filter((c) => c !== "dossier_not_utf8").sort());
  assert.ok(errorMessage("dossier_not_utf8").messageVi.length > 0);
});

test("form-field validators: dossier code, procedure code, applicant", () => {
  assert.deepEqual(validateDossierCode("000.00.53.H48-220921-0099"), {
    unit: "000.00.53.H48",
    unit_form: "full",
    level1: "H48",
    date: "2022-09-21",
    sequence: 99,
  });
  assert.equal(validateDossierCode("38.98.H29-210519-0003").unit_form, "short");
  assert.deepEqual(validateProcedureCode("2.000884.000.00.00.H48.01"), {
    national: "2.000884",
    unit: "000.00.00.H48",
    extra: "01",
  });
  assert.deepEqual(validateApplicant("001090123456"), { kind: "person", masked: "*********456" });
  assert.equal(validateApplicant("0100233488").kind, "tax_code");
  assert.equal(validateApplicant("000.00.00.H49").kind, "unit");
});

test("a record of the wrong shape is invalid_argument", () => {
  for (const bad of [42, "000.00.53.H48-261120-0042", null, { procedure_code: "1.001612" }, { dossier_code: 7 }]) {
    assert.equal(thrown(() => encodeDossier(bad)).code, "invalid_argument");
  }
  assert.equal(thrown(() => encodeDossier(RECEIPT, { privacy: "secret" })).code, "invalid_argument");
  assert.equal(thrown(() => encodeDossier(RECEIPT, { bases: "https://x.vn/" })).code, "invalid_argument");
});

test("QR: the receipt fits version 10 at level M or better; SVG and matrix agree", () => {
  const url = encodeDossier(RECEIPT);
  const m = qrMatrix(url, { ecc: "M" });
  assert.ok(m.version <= 10, `version ${m.version}`);
  assert.ok(["M", "Q", "H"].includes(m.ecc));
  assert.equal(m.size, 17 + 4 * m.version);
  assert.ok(m.modules instanceof Uint8Array);
  assert.equal(m.modules.length, m.size * m.size);
  assert.ok(m.modules.every((b) => b === 0 || b === 1));
  // Finder pattern: the top-left 7×7 ring is dark, its inner ring light.
  assert.equal(m.modules[0], 1);
  assert.equal(m.modules[m.size + 1], 0);
  const svg = qrSvg(url, { caption: RECEIPT.dossier_code, width: "25mm", quietZone: 4 });
  assert.ok(svg.startsWith("<svg"));
  assert.ok(svg.includes(`viewBox="0 0 ${m.size + 8} `));
  assert.ok(svg.includes('width="25mm"'));
  assert.ok(svg.includes(RECEIPT.dossier_code));
  // Boosting off keeps the asked level.
  assert.equal(qrMatrix(url, { ecc: "L", boostEcc: false }).ecc, "L");
});

test("QR errors: too long, version range, bad options", () => {
  assert.equal(thrown(() => qrSvg("x".repeat(8000))).code, "qr_too_long");
  assert.equal(thrown(() => qrSvg("x".repeat(200), { maxVersion: 2 })).code, "qr_too_long");
  assert.equal(thrown(() => qrSvg("x", { minVersion: 0 })).code, "qr_version_range");
  assert.equal(thrown(() => qrSvg("x", { minVersion: 41 })).code, "qr_version_range");
  assert.equal(thrown(() => qrSvg("x", { ecc: "X" })).code, "invalid_argument");
  assert.equal(thrown(() => qrSvg("x", { minVersion: 300 })).code, "invalid_argument");
  assert.equal(thrown(() => qrSvg("x", { size: 3 })).code, "invalid_argument");
});
