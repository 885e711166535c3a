// Intake form demo: a keyboard-wedge scan (or a paste) fills the form; errors
// are shown in Vietnamese; the clerk prints the information sheet and makes
// the receipt's dossier QR. All parsing and validation is the library's.
import {
  scanCard,
  isMotcuaError,
  repairMessage,
  encodeDossier,
  decodeDossier,
  qrSvg,
  sampleReceipt,
  renderSheet,
  decodeImageData,
} from "../pkg/index.js";
import { attachScanner } from "../pkg/wedge.js";

const $ = (id) => document.getElementById(id);
const FIELDS = ["id", "old_id", "name", "birth_date", "sex", "address", "issue_date", "expiry_date"];
let current = null; // the last valid card
let currentScan = null; // the scanned text it was read from (for the sheet)
let scannedAt = null;
let receiptPayload = null;

/** `YYYY-MM-DD` → `dd/mm/yyyy` (display only). */
const vnDate = (iso) => (iso ? iso.split("-").reverse().join("/") : "");
const SEX_VI = { male: "Nam", female: "Nữ" };

function show(kind, html) {
  const s = $("status");
  s.className = `status ${kind}`;
  s.innerHTML = html;
}

const esc = (t) => t.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function fill(card) {
  const values = {
    id: card.id,
    old_id: card.old_id ?? "",
    name: card.name,
    birth_date: vnDate(card.birth_date),
    sex: SEX_VI[card.sex],
    address: card.address,
    issue_date: vnDate(card.issue_date),
    expiry_date: card.expiry_date ? vnDate(card.expiry_date) : "Không thời hạn",
  };
  for (const f of FIELDS) {
    $(f).value = values[f];
    $(f).classList.add("filled");
  }
}

function report(result) {
  if (result.ok) {
    current = result.card;
    currentScan = result.text;
    scannedAt = new Date();
    fill(result.card);
    // The offline counter page (wasm/counter) lists every card in its register.
    window.dispatchEvent(new CustomEvent("motcua:card", { detail: { scan: result.text, scannedAt, card: result.card } }));
    const notes = result.card.repairs.map((r) => `<li>${esc(repairMessage(r).messageVi)}</li>`);
    if (result.card.expired) notes.push("<li>Thẻ đã hết hạn sử dụng.</li>");
    show(
      "ok",
      `Đã đọc thẻ (${result.card.layout === "2024" ? "mẫu 2024" : "mẫu 2021"}, ${result.card.province ?? "nước ngoài"}).` +
        (notes.length ? `<ul>${notes.join("")}</ul>` : ""),
    );
  } else {
    const e = result.error;
    $("status").dataset.code = e.code;
    show("error", `<strong>Không đọc được thẻ:</strong> ${esc(e.messageVi)} <small>(${esc(e.code)})</small>`);
    return;
  }
  delete $("status").dataset.code;
}

// A scan with the cursor anywhere in the page.
attachScanner(document, { onScan: report });

// Paste, when there is no scanner.
$("read-paste").addEventListener("click", () => {
  const text = $("paste").value;
  try {
    report({ ok: true, card: scanCard(text), text });
  } catch (e) {
    if (!isMotcuaError(e)) throw e;
    report({ ok: false, error: e });
  }
});

// The receipt's dossier QR (Thông tư 01/2023 Điều 26: top-left on the paper).
const sample = sampleReceipt();
$("dossier_code").value = sample.dossier_code;
$("procedure_code").value = sample.procedure_code;
$("system").value = sample.system;
$("appointment").value = sample.appointment;

function localIso(d) {
  // The clerk's local time with its offset, RFC 3339.
  const off = -d.getTimezoneOffset();
  const pad = (n) => String(Math.trunc(Math.abs(n))).padStart(2, "0");
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00` +
    `${off >= 0 ? "+" : "-"}${pad(off / 60)}:${pad(off % 60)}`
  );
}

$("make-receipt").addEventListener("click", () => {
  try {
    receiptPayload = encodeDossier(
      {
        dossier_code: $("dossier_code").value.trim(),
        procedure_code: $("procedure_code").value.trim(),
        applicant: current ? current.id : $("id").value.trim() || null,
        paper: "receipt",
        system: $("system").value.trim(),
        issued_at: localIso(new Date()),
        appointment: $("appointment").value || null,
      },
      { privacy: "masked" },
    );
    const svg = qrSvg(receiptPayload, { caption: decodeDossier(receiptPayload).dossier_code, width: "40mm" });
    $("receipt-qr").innerHTML = svg;
    $("receipt-qr").dataset.payload = receiptPayload;
    show("ok", "Đã tạo mã QR giấy tiếp nhận (mã định danh được che một phần).");
  } catch (e) {
    if (!isMotcuaError(e)) throw e;
    $("status").dataset.code = e.code;
    show("error", `<strong>Không tạo được mã QR:</strong> ${esc(e.messageVi)} <small>(${esc(e.code)})</small>`);
  }
});

// The sheet is the library's (the same renderer as `motcua sheet`): it
// needs the scanned card, not typed fields, so the CMND→CCCD statement is
// only ever made from the card's own QR.
let sheetCss = null;
function fillSheet() {
  if (!currentScan) {
    show("error", "<strong>Chưa in được phiếu:</strong> hãy quét thẻ CCCD trước (phiếu chỉ in từ dữ liệu mã QR của thẻ).");
    return false;
  }
  try {
    const sheet = renderSheet(currentScan, {
      office: $("office").value.trim(),
      scannedAt: localIso(scannedAt ?? new Date()),
      ...(receiptPayload ? { dossier: receiptPayload } : {}),
    });
    if (!sheetCss) {
      sheetCss = document.createElement("style");
      sheetCss.textContent = sheet.css;
      document.head.append(sheetCss);
    }
    $("sheet").innerHTML = sheet.fragment;
    return true;
  } catch (e) {
    if (!isMotcuaError(e)) throw e;
    $("status").dataset.code = e.code;
    show("error", `<strong>Không in được phiếu:</strong> ${esc(e.messageVi)} <small>(${esc(e.code)})</small>`);
    return false;
  }
}

$("print-sheet").addEventListener("click", () => {
  if (fillSheet()) window.print();
});

$("clear").addEventListener("click", () => {
  current = null;
  currentScan = null;
  scannedAt = null;
  receiptPayload = null;
  $("receipt-qr").innerHTML = "";
  for (const f of FIELDS) $(f).classList.remove("filled");
  show("idle", "Sẵn sàng quét thẻ.");
});

// ---- Camera and photos: the library's QR reader (decodeImageData), for
// offices without a USB scanner and for citizens' uploads. A card's QR
// goes through the same scanner path as a wedge scan; a dossier QR fills
// the dossier fields.

const canvas = document.createElement("canvas");
const ctx2d = canvas.getContext("2d", { willReadFrequently: true });

/** The QR codes in a drawable (video frame, bitmap), scaled to ≤ `max` px. */
function readCodes(source, width, height, max) {
  const k = Math.min(1, max / Math.max(width, height));
  canvas.width = Math.round(width * k);
  canvas.height = Math.round(height * k);
  ctx2d.drawImage(source, 0, 0, canvas.width, canvas.height);
  return decodeImageData(ctx2d.getImageData(0, 0, canvas.width, canvas.height));
}

function useCodes(codes) {
  const text = codes.map((c) => c.text).find((t) => t !== null);
  if (text === undefined) {
    show("error", "<strong>Không đọc được:</strong> mã QR không chứa văn bản UTF-8.");
    return;
  }
  if (/^https?:\/\//.test(text)) {
    try {
      const r = decodeDossier(text);
      $("dossier_code").value = r.dossier_code;
      $("procedure_code").value = r.procedure_code ?? "";
      $("system").value = r.system ?? "";
      show("ok", `Đã đọc mã QR hồ sơ ${esc(r.dossier_code)}.`);
      return;
    } catch (e) {
      if (!isMotcuaError(e)) throw e;
    }
  }
  try {
    report({ ok: true, card: scanCard(text), text });
  } catch (e) {
    if (!isMotcuaError(e)) throw e;
    report({ ok: false, error: e });
  }
}

function imageError(e) {
  $("status").dataset.code = e.code;
  show("error", `<strong>Không đọc được mã QR trong ảnh:</strong> ${esc(e.messageVi)} <small>(${esc(e.code)})</small>`);
}

$("photo").addEventListener("change", async () => {
  const file = $("photo").files[0];
  if (!file) return;
  try {
    const bitmap = await createImageBitmap(file);
    const codes = readCodes(bitmap, bitmap.width, bitmap.height, 1600);
    bitmap.close();
    useCodes(codes);
  } catch (e) {
    if (isMotcuaError(e)) imageError(e);
    else show("error", "<strong>Không mở được ảnh:</strong> hãy chọn ảnh JPEG hoặc PNG.");
  } finally {
    $("photo").value = "";
  }
});

let stream = null;
function stopCamera() {
  stream?.getTracks().forEach((t) => t.stop());
  stream = null;
  $("camera-view").hidden = true;
  $("camera-stop").hidden = true;
}

$("camera").addEventListener("click", async () => {
  if (!navigator.mediaDevices?.getUserMedia) {
    show("error", "Trình duyệt không mở được camera (cần HTTPS). Hãy chọn ảnh chụp thay thế.");
    $("photo").click();
    return;
  }
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
  } catch {
    show("error", "Không mở được camera (chưa cho phép hoặc không có camera). Hãy chọn ảnh chụp thay thế.");
    $("photo").click();
    return;
  }
  const video = $("camera-view");
  video.srcObject = stream;
  video.hidden = false;
  $("camera-stop").hidden = false;
  await video.play();
  show("idle", "Đưa mã QR vào khung hình…");
  const tick = () => {
    if (!stream) return;
    if (video.videoWidth > 0) {
      try {
        const codes = readCodes(video, video.videoWidth, video.videoHeight, 960);
        stopCamera();
        useCodes(codes);
        return;
      } catch (e) {
        if (!isMotcuaError(e)) throw e;
        if (e.code !== "image_no_qr" && e.code !== "image_qr_unreadable") {
          stopCamera();
          imageError(e);
          return;
        }
      }
    }
    setTimeout(tick, 150);
  };
  tick();
});
$("camera-stop").addEventListener("click", stopCamera);

// What the counter page's form filling and register read.
const state = () => ({ scan: currentScan, scannedAt, receipt: receiptPayload, office: $("office").value.trim() });
window.motcuaDemo = { ready: true, fillSheet, state, localIso, show, esc };
