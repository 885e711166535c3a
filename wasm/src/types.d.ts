/** Stable codes of CCCD errors (`motcua::cccd::Error::ALL_CODES`). */
export type CccdErrorCode =
  | "empty"
  | "too_long"
  | "not_utf8"
  | "needs_repair"
  | "mojibake_unrecoverable"
  | "field_count"
  | "id_length"
  | "id_not_digits"
  | "id_province_unknown"
  | "id_sex_mismatch"
  | "id_birth_year_mismatch"
  | "old_id_invalid"
  | "name_invalid"
  | "birth_date_invalid"
  | "birth_date_in_future"
  | "sex_invalid"
  | "address_invalid"
  | "issue_date_invalid"
  | "issue_date_before_birth"
  | "issue_date_in_future"
  | "issue_date_before_cccd"
  | "extra_field_invalid"
  | "invisible_char";

/** Stable codes of dossier QR errors (`motcua::dossier::Error::ALL_CODES`). */
export type DossierErrorCode =
  | "field_missing"
  | "text_invalid"
  | "date_invalid"
  | "encoding"
  | "duplicate_field"
  | "dossier_too_long"
  | "dossier_not_utf8"
  | "not_dossier_qr"
  | "version_unsupported"
  | "base_url_invalid"
  | "base_not_allowed"
  | "unit_code_format"
  | "unit_code_level1"
  | "dossier_code_format"
  | "dossier_date_invalid"
  | "dossier_sequence_invalid"
  | "procedure_code_format"
  | "procedure_code_group"
  | "procedure_suffix_invalid"
  | "applicant_format"
  | "applicant_id_province"
  | "tax_code_check_digit"
  | "applicant_masked";

/** Stable codes of QR rendering errors (`motcua::qr::Error::ALL_CODES`). */
export type QrErrorCode = "qr_too_long" | "qr_version_range" | "png_write";

/**
 * Stable codes of sheet and poster errors (`motcua::print::Error::ALL_CODES`).
 * `renderSheet` throws an invalid dossier payload's own dossier error
 * rather than `sheet_dossier`.
 */
export type PrintErrorCode =
  | "csv_not_utf8"
  | "csv_malformed"
  | "csv_missing_column"
  | "csv_missing_field"
  | "csv_procedure_code"
  | "csv_duplicate_code"
  | "csv_url_invalid"
  | "csv_url_too_long"
  | "csv_text_too_long"
  | "poster_empty"
  | "poster_too_many"
  | "poster_title"
  | "poster_layout"
  | "sheet_office"
  | "sheet_dossier"
  | "sheet_dossier_qr"
  | "sheet_dossier_applicant"
  | "sheet_dossier_not_masked"
  | "form_not_docx"
  | "form_too_large"
  | "form_xml"
  | "form_placeholder_unknown"
  | "form_placeholder_open"
  | "form_value"
  | "register_xlsx"
  | "register_too_many";

/** Stable codes of image reading errors (`motcua::image::Error::ALL_CODES`). */
export type ImageErrorCode =
  | "image_too_small"
  | "image_too_large"
  | "image_stride"
  | "image_buffer_short"
  | "image_no_qr"
  | "image_qr_unreadable";

/** Errors of this binding itself: an argument of the wrong shape or type. */
export type BindingErrorCode = "invalid_argument" | "scan_incomplete";

/**
 * Codes of the `motcua` command's own errors (`motcua::CLI_CODES`): never
 * thrown here, listed so that `errorMessage` explains the command's JSON.
 */
export type CliErrorCode = "file_read" | "input_too_large" | "output_exists" | "json_invalid" | "image_format";

/** Every code a `MotcuaError` can carry. */
export type ErrorCode =
  | CccdErrorCode
  | DossierErrorCode
  | QrErrorCode
  | PrintErrorCode
  | ImageErrorCode
  | BindingErrorCode;

/**
 * What every function of this package throws. An `Error` (with a stack)
 * whose `name` is `"MotcuaError"`; test with `isMotcuaError(e)`.
 * Messages never contain the input's text (personal data).
 */
export interface MotcuaError extends Error {
  name: "MotcuaError";
  /** Stable machine-readable code, as in the CLI's JSON. */
  code: ErrorCode;
  /** English message (also `Error.message`). */
  message: string;
  /** Vietnamese message, for the clerk or citizen. */
  messageVi: string;
  /**
   * The dossier field a dossier error is about, or the CSV column a poster
   * error is about, when there is one.
   */
  field?: DossierField | PosterColumn;
  /** The CSV line (header = 1) a poster error is about. */
  row?: number;
}

/** A column of a poster's procedure list. */
export type PosterColumn = "code" | "name" | "url" | "group";

/** A repair the scanner path applied (`motcua::cccd::Repair`). */
export type RepairCode = "strip_bom" | "strip_suffix" | "mojibake" | "nfc";

/** Warnings on a valid card. */
export type CardWarning = "card_expired" | "issued_before_chip_era";

/** Result of checking a card against an old 9-digit CMND number. */
export type CmndLink = "linked" | "mismatch" | "no_old_id";

/** Fields shared by a full and a masked card (the CLI's JSON contract). */
export interface CardCommon {
  /** `"2021"`: 7 fields; `"2024"`: 11 fields. */
  layout: "2021" | "2024";
  sex: "male" | "female";
  /** `YYYY-MM-DD`. */
  issue_date: string;
  expired: boolean;
  warnings: CardWarning[];
  /** Repairs the scanner path applied; empty for `parseCard`. */
  repairs: RepairCode[];
  /** Only when `CardOptions.cmnd` was given. */
  cmnd_link?: CmndLink;
}

/** A parsed, validated card: field names as the CLI's JSON. Personal data. */
export interface Card extends CardCommon {
  /** 12-digit ID number (số định danh cá nhân). */
  id: string;
  /** Old 9-digit CMND number, if the card carries one. */
  old_id: string | null;
  name: string;
  /** `YYYY-MM-DD`. */
  birth_date: string;
  address: string;
  /** The 4 extra fields of 2024 cards (as scanned); empty for 2021 cards. */
  extra: string[];
  /** `YYYY-MM-DD`; `null` for cards issued at 58 or later (they do not expire). */
  expiry_date: string | null;
  /** Digits 1–3 of the ID number: where the birth was registered. */
  province_code: string;
  /** The province's name; `null` when born abroad. */
  province: string | null;
  born_abroad: boolean;
}

/**
 * The same card masked for copies that leave the office (`motcua cccd
 * --mask`), by the one policy of docs/cccd.md: what hides the ID number and
 * the date of birth.
 */
export interface MaskedCard extends CardCommon {
  /** `*********456` */
  id: string;
  /** `******789` */
  old_id: string | null;
  /** First letter of each word: `N. V. A.` */
  name: string;
  /** `1990-**-**` */
  birth_date: string;
  /** Only the last part: `***, Hà Nội` */
  address: string;
  /** How many of the 4 extra fields are non-empty. */
  extra: number;
  /** The year only, `2030-**-**` (the full date is a birthday); `null`: no expiry. */
  expiry_date: string | null;
  /** Hidden: digits 1–3 of the ID. */
  province_code: null;
  province: null;
  born_abroad: null;
  masked: true;
}

/** Options for `parseCard`, `scanCard` and `scanCardMasked`. */
export interface CardOptions {
  /** "Today" for future-date and expiry checks, `YYYY-MM-DD`. Default: today in Vietnam (UTC+07:00). */
  asOf?: string;
  /** An old 9-digit CMND number to check the card against (sets `cmnd_link`). */
  cmnd?: string;
}

/** What a standalone ID number tells (`validateId`). */
export interface IdInfo {
  /** `*********456` — the number itself is not echoed. */
  masked: string;
  province_code: string;
  province: string | null;
  born_abroad: boolean;
  century: number;
  sex: "male" | "female";
  birth_year: number;
}

/** A code-only message, in both languages. */
export interface Message {
  message: string;
  messageVi: string;
}

/** A synthetic sample payload (made-up people), as a scanner delivers it. */
export interface CardSample {
  description: string;
  payload: string;
}

/** The dossier fields of Thông tư 01/2023 Điều 26 (payload order). */
export type DossierField =
  | "dossier_code"
  | "procedure_code"
  | "applicant"
  | "paper"
  | "system"
  | "issued_at"
  | "appointment"
  | "validity"
  | "scope";

/** The standard papers of Thông tư 01/2018/TT-VPCP. */
export type PaperKind =
  | "receipt"
  | "request_to_complete"
  | "refusal"
  | "delay_notice"
  | "control_sheet"
  | "result";

/** A validity term: a date (`YYYY-MM-DD`), no end, or free text. */
export type Validity = { until: string } | "indefinite" | { text: string };

/** A dossier record to encode (the CLI's `dossier encode` JSON). */
export interface DossierInput {
  /** `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX`, e.g. `000.00.53.H48-261120-0042`. */
  dossier_code: string;
  /** `D.NNNNNN`, optionally with the province's unit code. */
  procedure_code?: string | null;
  /** A 12-digit ID number, a tax code or a unit code. */
  applicant?: string | null;
  paper?: PaperKind | { other: string } | null;
  /** The issuing information system's name. */
  system?: string | null;
  /** RFC 3339, e.g. `2026-11-20T09:30:00+07:00`. */
  issued_at?: string | null;
  /** Receipts: `YYYY-MM-DD` or `YYYY-MM-DDThh:mm`. */
  appointment?: string | null;
  validity?: Validity | null;
  scope?: string | null;
}

/** A decoded dossier QR (the CLI's `dossier decode` JSON); absent fields are `null`. */
export interface DossierRecord {
  dossier_code: string;
  procedure_code: string | null;
  applicant: string | null;
  applicant_kind: "person" | "tax_code" | "unit" | "masked" | null;
  paper: PaperKind | { other: string } | null;
  /** The paper's printed (Vietnamese) name. */
  paper_name: string | null;
  system: string | null;
  /** RFC 3339. */
  issued_at: string | null;
  appointment: string | null;
  validity: Validity | null;
  scope: string | null;
  /** The lookup page the code links to (the URL without `hs` and `qr`); `null` for a bare dossier code. */
  base: string | null;
  /** Its host, e.g. `dichvucong.gov.vn`: where a phone that scans the code goes. Show it. */
  host: string | null;
  /** Required fields (Điều 26) the payload does not carry. */
  missing: DossierField[];
  warnings: "unit_code_short"[];
}

/** What a dossier code tells (`validateDossierCode`). */
export interface DossierCodeInfo {
  /** The receiving unit's code, e.g. `000.00.53.H48`. */
  unit: string;
  /** `full`: the 4 levels of QCVN 102:2016; `short`: a shorter form seen in real systems. */
  unit_form: "full" | "short";
  /** Level 1, e.g. `H48` (a province's People's Committee). */
  level1: string;
  /** Receipt date, `YYYY-MM-DD`. */
  date: string;
  /** The day's sequence number. */
  sequence: number;
}

/** What a procedure code tells (`validateProcedureCode`). */
export interface ProcedureCodeInfo {
  /** `D.NNNNNN` */
  national: string;
  /** The province's unit code of a provincial variant. */
  unit: string | null;
  /** A further `.NN` suffix. */
  extra: string | null;
}

/** What an applicant identifier is (`validateApplicant`). */
export interface ApplicantInfo {
  kind: "person" | "tax_code" | "unit";
  /** For papers that leave the office: `*********456`. */
  masked: string;
}

/** Options for `decodeDossier`. */
export interface DecodeDossierOptions {
  /**
   * The lookup pages a code may link to: an exact page, or a whole site
   * given with a trailing `/` (`https://dichvucong.hanoi.gov.vn/`). Others
   * throw `base_not_allowed`. Default: any plain `https://` host.
   */
  allowedBases?: string[];
}

/**
 * Reads a dossier QR payload (a payload v1 URL, or a bare dossier code as a
 * partial record). The base must be `https://` with a plain host (no
 * `name@`): `base_url_invalid` otherwise. Throws `MotcuaError`.
 */
export function decodeDossier(payload: string, options?: DecodeDossierOptions): DossierRecord;

/** Options for `encodeDossier`. */
export interface DossierOptions {
  /** The portal's status-lookup page (`https://`); default: the national portal's. */
  base?: string;
  /** The applicant's identifier in full (default), masked, or left out. */
  privacy?: "full" | "masked" | "omitted";
}

/** Options for `qrSvg` and `qrMatrix`. */
export interface QrOptions {
  /** Minimum error-correction level (default `"M"`). */
  ecc?: "L" | "M" | "Q" | "H";
  /** Raise the level when the data still fits (default `true`). */
  boostEcc?: boolean;
  /** Smallest version, 1–40 (default 1). */
  minVersion?: number;
  /** Largest version, 1–40 (default 40). */
  maxVersion?: number;
  /** SVG only: light modules around the code (default 4, at most 100). */
  quietZone?: number;
  /** SVG only: a line of text under the code. */
  caption?: string;
  /** SVG only: printed width, e.g. `"25mm"`. */
  width?: string;
}

/** A QR code's modules (`qrMatrix`). */
export interface QrMatrix {
  /** Modules per side. */
  size: number;
  version: number;
  ecc: "L" | "M" | "Q" | "H";
  /** `size * size` bytes, row by row: 1 = dark. */
  modules: Uint8Array;
}

/** Every code each module can throw (`errorCodes`). */
export interface ErrorCodes {
  cccd: CccdErrorCode[];
  dossier: DossierErrorCode[];
  qr: QrErrorCode[];
  print: PrintErrorCode[];
  image: ImageErrorCode[];
  binding: BindingErrorCode[];
  /** The command's own (see `CliErrorCode`). */
  cli: CliErrorCode[];
}

/**
 * Strict parse of a clean payload (no repairs; a payload that needs one is
 * refused with `needs_repair`). Throws `MotcuaError`.
 */
export function parseCard(payload: string, options?: CardOptions): Card;

/**
 * The scanner path: repairs what keyboard-wedge scanners break (BOM,
 * trailing CR/LF/TAB, UTF-8 typed as Windows-1252, NFD), reports each repair
 * in `repairs`, then parses and validates. Throws `MotcuaError`.
 */
export function scanCard(input: string, options?: CardOptions): Card;

/** `scanCard`, masked for copies that leave the office. Throws `MotcuaError`. */
export function scanCardMasked(input: string, options?: CardOptions): MaskedCard;

/**
 * Writes a dossier record as a payload v1 URL (docs/dossier-qr.md): a phone
 * camera opens it as the status-lookup page; `decodeDossier` reads it back.
 * Throws `MotcuaError`.
 */
export function encodeDossier(record: DossierInput, options?: DossierOptions): string;

/**
 * A QR code (ISO/IEC 18004, the smallest version that fits) as an SVG
 * document. Throws `MotcuaError`.
 */
export function qrSvg(text: string, options?: QrOptions): string;

/** A QR code's modules, for drawing it yourself. Throws `MotcuaError`. */
export function qrMatrix(text: string, options?: QrOptions): QrMatrix;

/** Options of `renderSheet`. */
export interface SheetOptions {
  /** The receiving office, printed with the scan time (required). */
  office: string;
  /** When the card was scanned, RFC 3339 with offset; default: now, +07:00. */
  scannedAt?: string;
  /** Reference date for the card's checks, `YYYY-MM-DD`; default: the scan date. */
  asOf?: string;
  /** The dossier QR payload (`encodeDossier`): printed top-left with its fields. */
  dossier?: string;
  /** The lookup pages the dossier QR may link to (as `decodeDossier`'s option). */
  allowedBases?: string[];
  /** A copy that leaves the office: ID numbers, name, birth date, address masked. */
  masked?: boolean;
}

/** A rendered information sheet. Personal data. */
export interface Sheet {
  /** A standalone A4 HTML document (print CSS included). */
  html: string;
  /** Only the `<article class="motcua-sheet">`, to print in place. */
  fragment: string;
  /** The CSS the fragment needs (every rule scoped to `.motcua-sheet`). */
  css: string;
}

/**
 * The clerk's information sheet from one CCCD scan (the scanner repairs
 * apply and are listed on the sheet). Throws `MotcuaError`.
 */
export function renderSheet(scan: string, options: SheetOptions): Sheet;

/** Options of `renderPoster`. */
export interface PosterOptions {
  /** The title, usually the office (required, 1–2 printed lines). */
  title: string;
  /** The line under the title; default: an invitation to scan. */
  subtitle?: string;
  /** Codes per row, 1–4 (default 3). */
  columns?: number;
  /** Rows per page, 1–4 (default 3). */
  rows?: number;
}

/** Rendered poster pages. */
export interface Poster {
  /** One SVG document per A4 page. */
  pages: string[];
  /** One HTML document with every page. */
  html: string;
  /** How many procedures. */
  count: number;
  /** Each code's side in millimetres, quiet zone included. */
  qrMm: number;
}

/**
 * Procedure QR posters from a CSV list (header row with code, name, url and
 * optional group). Pass a file's bytes to have a non-UTF-8 file reported
 * with its line. Throws `MotcuaError` (with `row` and `field`).
 */
export function renderPoster(csv: string | Uint8Array, options: PosterOptions): Poster;

/** RGBA pixels, rows packed: a canvas `ImageData`, or the same shape from node. */
export interface ImageDataLike {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

/** A point in the image, in pixels from the top-left corner. */
export interface ImagePoint {
  x: number;
  y: number;
}

/** A QR code read from an image. Its payload may be personal data (a CCCD). */
export interface FoundCode {
  /**
   * The payload as text: UTF-8 (declared by ECI 26, or valid UTF-8 without
   * ECI) or ISO-8859-1 (declared by ECI); `null` for any other character
   * set (Shift_JIS is never guessed) — the bytes are still in `bytes`.
   */
  text: string | null;
  /** The payload as stored in the code. */
  bytes: Uint8Array;
  /** How `text` was decoded. */
  charset: "utf-8" | "iso-8859-1" | "unknown";
  /** QR version, 1–40. */
  version: number;
  /** Error-correction level. */
  ecc: "L" | "M" | "Q" | "H";
  /** Top-left, top-right, bottom-right, bottom-left of the code as printed. */
  corners: [ImagePoint, ImagePoint, ImagePoint, ImagePoint];
}

/**
 * Reads every QR code in a camera frame or photo drawn on a canvas
 * (`ctx.getImageData(...)`). Returns at least one code; throws `MotcuaError`
 * with `image_no_qr` when there is none, `image_qr_unreadable` when a code
 * is seen but cannot be read, or a size error.
 */
export function decodeImageData(imageData: ImageDataLike): FoundCode[];
