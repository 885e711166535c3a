// The offline counter page (#23): the intake demo plus a Word form filled
// from the scan and the session's register, exported as CSV or Excel. Built
// into one HTML file by scripts/build-counter, which puts this after the
// library's glue and the demo in a single module (so the library's
// functions are in scope). Everything stays in this tab's memory.
{
  const $ = (id) => document.getElementById(id);
  const demo = window.motcuaDemo;
  /** The session's scans: the scan text, its time and dossier code; the
   * register is re-derived from them by the library on export. */
  const rows = [];

  const download = (name, bytes, type) => {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    const a = Object.assign(document.createElement("a"), { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  function drawRegister() {
    const hide = $("register-masked").checked;
    const body = $("register").tBodies[0];
    body.replaceChildren(
      ...rows.map((r, i) => {
        const tr = document.createElement("tr");
        const cells = [
          String(i + 1),
          r.time.toLocaleTimeString("vi-VN"),
          r.dossier ?? "",
          hide ? r.masked.name : r.name,
          hide ? r.masked.id : r.id,
        ];
        for (const c of cells) tr.append(Object.assign(document.createElement("td"), { textContent: c }));
        return tr;
      }),
    );
  }

  window.addEventListener("motcua:card", (e) => {
    const { scan, scannedAt, card } = e.detail;
    const dossier = $("dossier_code").value.trim() || null;
    // Masked as the library masks a copy that leaves the office (the same
    // scan, so the same card).
    let masked;
    try {
      masked = scanCardMasked(scan);
    } catch {
      masked = { name: "***", id: "***" };
    }
    rows.push({ scan, time: scannedAt, scannedAt: demo.localIso(scannedAt), dossier, name: card.name, id: card.id, masked });
    drawRegister();
  });
  $("register-masked").addEventListener("change", drawRegister);

  const registerRows = () => rows.map((r) => ({ scan: r.scan, scannedAt: r.scannedAt, ...(r.dossier ? { dossier: r.dossier } : {}) }));
  const day = () => demo.localIso(new Date()).slice(0, 10);
  const failed = (what, e) => {
    if (!isMotcuaError(e)) throw e;
    $("status").dataset.code = e.code;
    demo.show("error", `<strong>${what}:</strong> ${demo.esc(e.messageVi)} <small>(${demo.esc(e.code)})</small>`);
  };

  $("export-csv").addEventListener("click", () => {
    try {
      download(`so-theo-doi-${day()}.csv`, registerCsv(registerRows(), { masked: $("register-masked").checked }), "text/csv;charset=utf-8");
      demo.show("ok", `Đã xuất sổ theo dõi (${rows.length} thẻ) ra tệp CSV.`);
    } catch (e) {
      failed("Không xuất được sổ theo dõi", e);
    }
  });
  $("export-xlsx").addEventListener("click", () => {
    try {
      const bytes = registerXlsx(registerRows(), { masked: $("register-masked").checked });
      download(`so-theo-doi-${day()}.xlsx`, bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      demo.show("ok", `Đã xuất sổ theo dõi (${rows.length} thẻ) ra tệp Excel.`);
    } catch (e) {
      failed("Không xuất được sổ theo dõi", e);
    }
  });

  $("template-sample").addEventListener("change", () => {
    if ($("template-sample").value === "file") $("template-file").click();
  });
  $("template-file").addEventListener("change", () => {
    if ($("template-file").files[0]) $("template-sample").value = "file";
  });

  $("fill-form").addEventListener("click", async () => {
    const s = demo.state();
    if (!s.scan) {
      demo.show("error", "<strong>Chưa điền được tờ khai:</strong> hãy quét thẻ CCCD trước.");
      return;
    }
    const which = $("template-sample").value;
    let template;
    let name = which;
    if (which === "file") {
      const file = $("template-file").files[0];
      if (!file) {
        demo.show("error", "<strong>Chưa có tệp mẫu:</strong> hãy chọn tệp .docx của cơ quan.");
        return;
      }
      template = new Uint8Array(await file.arrayBuffer());
      name = file.name.replace(/\.docx$/i, "");
    } else {
      template = sampleTemplate(which);
    }
    try {
      const filled = fillDocx(template, s.scan, {
        asOf: demo.localIso(s.scannedAt ?? new Date()).slice(0, 10),
        masked: $("form-masked").checked,
        ...(s.receipt ? { dossier: s.receipt } : {}),
        values: { co_quan: s.office, dia_danh: $("place").value.trim() },
      });
      download(`${name}-da-dien.docx`, filled.bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      const empty = filled.empty.length ? ` Để trống: ${filled.empty.map((n) => `{{${n}}}`).join(", ")}.` : "";
      $("form-result").textContent = `Đã điền ${filled.replaced.reduce((n, [, k]) => n + k, 0)} chỗ.${empty}`;
      demo.show("ok", "Đã điền tờ khai và tải về.");
    } catch (e) {
      failed("Không điền được tờ khai", e);
    }
  });

  window.motcuaCounter = { ready: true, rows: () => rows.length };
}
