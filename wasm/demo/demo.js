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

window.motcuaDemo = { ready: true, fillSheet };
