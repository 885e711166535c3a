// decodeImageData: the core's QR reader from JS, on RGBA pixels built
// from the package's own qrMatrix.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeImageData, qrMatrix, encodeDossier, sampleReceipt, errorCodes, errorMessage } from "motcua";
import { thrown } from "./helpers.mjs";

const A = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021";

/** RGBA pixels of `text`'s QR at `scale` px/module, 4-module quiet zone. */
function rgba(text, scale = 3, { invert = false } = {}) {
  const m = qrMatrix(text);
  const side = (m.size + 8) * scale;
  const data = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - 4, my = Math.floor(y / scale) - 4;
      const dark = mx >= 0 && my >= 0 && mx < m.size && my < m.size && m.modules[my * m.size + mx] === 1;
      const v = dark !== invert ? 20 : 235;
      data.set([v, v, v, 255], (y * side + x) * 4);
    }
  }
  return { data, width: side, height: side, size: m.size };
}

test("decodeImageData reads a card and a dossier QR: text, bytes, corners", () => {
  const img = rgba(A);
  const [code, ...rest] = decodeImageData(img);
  assert.equal(rest.length, 0);
  assert.equal(code.text, A);
  assert.deepEqual(code.bytes, new TextEncoder().encode(A));
  assert.equal(code.charset, "utf-8");
  assert.equal(code.ecc, "M");
  assert.equal(code.version, (img.size - 17) / 4);
  assert.equal(code.corners.length, 4);
  const [tl, , br] = code.corners;
  assert.ok(Math.abs(tl.x - 12) <= 4 && Math.abs(br.y - (img.size + 4) * 3) <= 4, JSON.stringify(code.corners));
  const receipt = encodeDossier(sampleReceipt(), { privacy: "masked" });
  assert.equal(decodeImageData(rgba(receipt, 2, { invert: true }))[0].text, receipt);
  // A plain Uint8Array works too (node, no canvas).
  assert.equal(decodeImageData({ ...img, data: new Uint8Array(img.data.buffer) })[0].text, A);
});

test("decodeImageData: no code, bad sizes and bad arguments throw MotcuaError", () => {
  const blank = { data: new Uint8ClampedArray(100 * 80 * 4).fill(255), width: 100, height: 80 };
  const e = thrown(() => decodeImageData(blank));
  assert.equal(e.code, "image_no_qr");
  assert.equal(e.messageVi, "Không tìm thấy mã QR trong ảnh");
  assert.equal(thrown(() => decodeImageData({ data: new Uint8ClampedArray(4), width: 1, height: 1 })).code, "image_too_small");
  assert.equal(thrown(() => decodeImageData({ ...blank, height: 81 })).code, "image_buffer_short");
  assert.equal(thrown(() => decodeImageData({ ...blank, width: 1e6 })).code, "image_too_large");
  for (const bad of [null, {}, { ...blank, width: -1 }, { ...blank, width: 1.5 }, { ...blank, data: [1, 2, 3] }]) {
    assert.equal(thrown(() => decodeImageData(bad)).code, "invalid_argument");
  }
  assert.ok(errorCodes().image.includes("image_qr_unreadable"));
  assert.equal(errorMessage("image_stride").messageVi, "Độ dài dòng (stride) ngắn hơn một dòng điểm ảnh");
});
