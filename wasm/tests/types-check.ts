// Compiled by `tsc -p tests/tsconfig.json` (types.test.mjs): the package's
// .d.ts files type real use, and reject wrong use (@ts-expect-error lines
// fail the compile if the error they expect goes away).
import {
  scanCard,
  parseCard,
  scanCardMasked,
  isMotcuaError,
  encodeDossier,
  decodeDossier,
  qrSvg,
  qrMatrix,
  errorMessage,
  decodeImageData,
  type FoundCode,
  type ImageErrorCode,
  type Card,
  type MaskedCard,
  type MotcuaError,
  type ErrorCode,
  type CccdErrorCode,
  type DossierRecord,
} from "motcua";
import { attachScanner, type ScanResult } from "motcua/wedge";

const card: Card = scanCard("…", { asOf: "2026-11-23", cmnd: "123456789" });
const name: string = card.name;
const old: string | null = card.old_id;
const expiry: string | null = card.expiry_date;
const layout: "2021" | "2024" = card.layout;
const sex: "male" | "female" = card.sex;
const extra: string[] = card.extra;
const repairs: ("strip_bom" | "strip_suffix" | "mojibake" | "nfc")[] = card.repairs;
const strict: Card = parseCard("…");
const masked: MaskedCard = scanCardMasked("…");
const count: number = masked.extra;
const isMasked: true = masked.masked;

// @ts-expect-error: no such field
card.fullName;
// @ts-expect-error: asOf is a string
scanCard("…", { asOf: new Date() });
// @ts-expect-error: unknown option
scanCard("…", { asof: "2026-11-23" });
// @ts-expect-error: a card's extra is string[], a masked card's a count
const wrong: number = card.extra;

try {
  scanCard("…");
} catch (e) {
  // @ts-expect-error: unknown until narrowed
  e.code;
  if (isMotcuaError(e)) {
    const err: MotcuaError = e;
    const code: ErrorCode = err.code;
    const vi: string = err.messageVi;
    const stack: string | undefined = err.stack;
    void [code, vi, stack];
  }
}

const codes: CccdErrorCode = "id_sex_mismatch";
// @ts-expect-error: not a CCCD error code
const notACode: CccdErrorCode = "sex_mismatch";
const msg = errorMessage("empty");
const vi: string | undefined = msg?.messageVi;

const url: string = encodeDossier(
  { dossier_code: "000.00.53.H48-261120-0042", paper: "receipt", validity: { until: "2031-01-01" } },
  { privacy: "masked" },
);
// @ts-expect-error: not a standard paper kind
encodeDossier({ dossier_code: "x", paper: "invoice" });
const record: DossierRecord = decodeDossier(url);
const missing: string[] = record.missing;
const svg: string = qrSvg(url, { ecc: "Q", caption: record.dossier_code });
const modules: Uint8Array = qrMatrix(url).modules;

declare const form: HTMLFormElement;
const handle = attachScanner(form, {
  maxGapMs: 30,
  onScan(r: ScanResult) {
    if (r.ok) {
      const c: Card = r.card;
      void c;
    } else {
      const code: ErrorCode = r.error.code;
      void code;
    }
  },
});
handle.detach();
// @ts-expect-error: onScan is required
attachScanner(document, { maxGapMs: 30 });

void [name, old, expiry, layout, sex, extra, repairs, strict, count, isMasked, wrong, codes, notACode, vi, missing, svg, modules];

declare const frame: ImageData;
const found: FoundCode[] = decodeImageData(frame);
const text: string | null = found[0].text;
const corner: number = found[0].corners[3].y;
const charset: "utf-8" | "iso-8859-1" | "unknown" = found[0].charset;
const imageCode: ImageErrorCode = "image_no_qr";
decodeImageData({ data: new Uint8Array(16), width: 2, height: 2 });
// @ts-expect-error: the pixels are required
decodeImageData({ width: 2, height: 2 });
void [found, text, corner, charset, imageCode];
