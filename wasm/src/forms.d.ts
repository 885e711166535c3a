
/** Options of `fillDocx`. */
export interface FillOptions {
  /** The card's checking date and `{{ngay_lap}}`, `YYYY-MM-DD` (default: today in Vietnam). */
  asOf?: string;
  /** Fill with the masked card (a copy that leaves the office). */
  masked?: boolean;
  /** A dossier QR payload: fills `{{ma_ho_so}}`, `{{ma_thu_tuc}}`, `{{ngay_hen_tra}}`… */
  dossier?: string;
  /** The office's own values by placeholder name: `co_quan`, `dia_danh`, or any the template adds. */
  values?: Record<string, string>;
}

/** A filled Word form. */
export interface FilledDocx {
  /** The `.docx` file. */
  bytes: Uint8Array;
  /** Each placeholder filled, and how often it occurs. */
  replaced: [string, number][];
  /** Placeholders filled with an empty value (no CMND, no dossier…). */
  empty: string[];
  /** The scanner repairs the scan needed. */
  repairs: RepairCode[];
}

/**
 * A Word form (`.docx`) filled from one scan: placeholders such as
 * `{{ho_ten}}` in the body, tables, headers and footers (see the README's
 * list). Throws `MotcuaError` (`form_placeholder_unknown` names the
 * placeholder; the card's own errors as `scanCard` gives them).
 * (Only in builds with the `forms` feature: the offline counter page.)
 */
export function fillDocx(template: Uint8Array, scan: string, options?: FillOptions): FilledDocx;

/** A built-in synthetic template: `"to-khai"` or `"giay-uy-quyen"`. */
export function sampleTemplate(name: "to-khai" | "giay-uy-quyen"): Uint8Array;

/** One scan of the day's register. */
export interface RegisterRow {
  /** The scan as the scanner typed it (repaired and checked again on export). */
  scan: string;
  /** When it was scanned, RFC 3339 (its date is the checking date). */
  scannedAt?: string;
  /** The dossier code it belongs to. */
  dossier?: string;
}

/** The register (sổ theo dõi) as CSV, with the byte-order mark Excel needs. */
export function registerCsv(rows: RegisterRow[], options?: { masked?: boolean }): string;

/** The register as an Excel workbook (`.xlsx`). */
export function registerXlsx(rows: RegisterRow[], options?: { masked?: boolean }): Uint8Array;
