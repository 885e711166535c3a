import type { Card, CardOptions, MotcuaError } from "./motcua.js";

/** Timing and behaviour of `attachScanner`; every field has a default. */
export interface ScannerOptions {
  /** Keys closer than this (ms) form a candidate burst. Default 35; people rarely type 4 keys that fast. */
  maxGapMs?: number;
  /** After this many fast keys it is a scanner and its keys stop reaching the page. Default 4. */
  lockAfter?: number;
  /** A scan with no suffix key ends after this pause (ms). Default 120. */
  endPauseMs?: number;
  /** A locked burst shorter than this is given back to the field as typing. Default 16 (a CCCD payload has more than 50). */
  minLength?: number;
  /** Keys that end a scan (the scanner's suffix). Default `["Enter", "Tab"]`. */
  suffixKeys?: string[];
  /** Passed to `scanCard` (e.g. `asOf`, `cmnd`). */
  cardOptions?: CardOptions;
  /** Called once per scan. */
  onScan: (result: ScanResult) => void;
}

/** What ended a scan. */
export type ScanEnd = "suffix" | "pause";

/**
 * A scan's result: the card, or why it is not a valid one. A burst that
 * lost characters on the way (a key the browser reported as "Unidentified"
 * or "Dead") is never parsed: its error has the code `scan_incomplete`.
 */
export type ScanResult =
  | { ok: true; card: Card; text: string; endedBy: ScanEnd; durationMs: number }
  | { ok: false; error: MotcuaError; text: string; endedBy: ScanEnd; durationMs: number };

/** The listeners `attachScanner` added. */
export interface ScannerHandle {
  /** Removes the listeners and drops a burst in progress. */
  detach(): void;
}

/**
 * Listens for keyboard-wedge scanner bursts on `target` (the document, or
 * an element: then only while the focus is inside it), keeps them out of
 * the focused field and parses each with the scanner path (`scanCard`).
 */
export function attachScanner(target: Document | HTMLElement, options: ScannerOptions): ScannerHandle;

/** The defaults of `ScannerOptions`. */
export declare const scannerDefaults: Readonly<Required<Pick<ScannerOptions, "maxGapMs" | "lockAfter" | "endPauseMs" | "minLength" | "suffixKeys">>>;
