// renderSheet and renderPoster: the core's print module from JS.
import { test } from "node:test";
import assert from "node:assert/strict";
import { renderSheet, renderPoster, sampleProcedures, encodeDossier, sampleReceipt, errorCodes, isMotcuaError } from "motcua";

const A = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021";
const OPTS = { office: "UBND xã Minh Khai", scannedAt: "2026-11-20T09:15:00+07:00" };

function thrown(f) {
  try {
    f();
  } catch (e) {
    assert.ok(isMotcuaError(e), String(e));
    return e;
  }
  assert.fail("did not throw");
}

test("renderSheet: the fields, the scan's repairs, the link statement", () => {
  const s = renderSheet(A + "\r\n", OPTS);
  assert.ok(s.html.startsWith("<!doctype html>"));
  assert.ok(s.html.includes(s.fragment) && s.html.includes(s.css));
  for (const want of ["<td>001090123456</td>", "<td>Nguyễn Văn A</td>", "<td>01/01/2030</td>", "☑ Số CMND cũ", "Quét mã QR lúc 09:15 ngày 20/11/2026 tại UBND xã Minh Khai.", "đã bỏ ký tự CR/LF/TAB"]) {
    assert.ok(s.fragment.includes(want), want);
  }
  assert.ok(s.css.split("\n").filter(Boolean).every((l) => l.startsWith(".motcua-sheet")), "CSS scoped");
});

test("renderSheet: masked copy with the masked receipt QR; errors", () => {
  const receipt = encodeDossier(sampleReceipt(), { privacy: "masked" });
  const s = renderSheet(A, { ...OPTS, dossier: receipt, masked: true });
  assert.ok(!s.html.includes("001090123456") && s.html.includes("*********456"));
  assert.ok(s.html.includes("<div class=\"ms-qr\"><svg"));
  const full = encodeDossier(sampleReceipt());
  assert.equal(thrown(() => renderSheet(A, { ...OPTS, dossier: full, masked: true })).code, "sheet_dossier_not_masked");
  assert.equal(thrown(() => renderSheet(A, { ...OPTS, dossier: "https://example.vn/" })).code, "not_dossier_qr");
  assert.equal(thrown(() => renderSheet(A, { scannedAt: OPTS.scannedAt })).code, "sheet_office");
  assert.equal(thrown(() => renderSheet(A, { ...OPTS, scannedAt: "20/11/2026" })).code, "invalid_argument");
  assert.equal(thrown(() => renderSheet(A, { ...OPTS, ofice: "x" })).code, "invalid_argument");
  const bad = thrown(() => renderSheet(A.replace("001090", "001190"), OPTS));
  assert.equal(bad.code, "id_sex_mismatch");
  assert.ok(!bad.message.includes("001190"));
});

test("renderPoster: the sample list, as text and as bytes", () => {
  const p = renderPoster(sampleProcedures(), { title: "UBND xã Minh Khai" });
  assert.equal(p.count, 25);
  assert.equal(p.pages.length, 3);
  assert.ok(p.qrMm >= 40);
  assert.ok(p.pages[0].includes("Mã TTHC: 1.001193"));
  const q = renderPoster(new TextEncoder().encode(sampleProcedures()), { title: "UBND xã Minh Khai" });
  assert.deepEqual(q, p);
  assert.equal(renderPoster(sampleProcedures(), { title: "UBND", columns: 2, rows: 2 }).pages.length, 7);
});

test("renderPoster: errors carry code, row and field", () => {
  const csv = "code,name,url\n1.001193,Khai sinh,https://a.vn/1\n1.000894,,https://a.vn/2\n";
  const e = thrown(() => renderPoster(csv, { title: "UBND" }));
  assert.equal(e.code, "csv_missing_field");
  assert.equal(e.row, 3);
  assert.equal(e.field, "name");
  assert.match(e.messageVi, /^Dòng 3 /);
  const bytes = new Uint8Array([...new TextEncoder().encode("code,name,url\n1.000894,K"), 0xe9, ...new TextEncoder().encode("t,https://a.vn\n")]);
  const u = thrown(() => renderPoster(bytes, { title: "UBND" }));
  assert.equal(u.code, "csv_not_utf8");
  assert.equal(u.row, 2);
  assert.equal(thrown(() => renderPoster(sampleProcedures(), { title: "" })).code, "poster_title");
  assert.equal(thrown(() => renderPoster(sampleProcedures(), { title: "x", columns: 4, rows: 4 })).code, "poster_layout");
  assert.equal(thrown(() => renderPoster(42, { title: "x" })).code, "invalid_argument");
  assert.ok(errorCodes().print.includes("csv_not_utf8"));
});
