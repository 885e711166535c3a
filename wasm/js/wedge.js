// Keyboard-wedge scanner helper: tells a scanner's burst of keystrokes from
// a person typing, keeps the burst out of whatever field has the focus, and
// hands the collected text to the core's scanner path (`scanCard`).
//
// How a burst is recognised (all times configurable, see wedge.d.ts):
// - keys closer than `maxGapMs` form a candidate burst; they still reach the
//   focused field, so a person's typing is never delayed or changed;
// - after `lockAfter` such keys it is a scanner: later keys are swallowed;
// - Enter/Tab (`suffixKeys`), or a pause longer than `endPauseMs`, ends it;
// - the field that had the focus gets its value and selection back, so the
//   first keys of the burst do not stay in it;
// - a locked burst shorter than `minLength` was a fast typist after all: the
//   swallowed text is put back where it would have gone.
// Characters arrive as keydown `key`s, as `beforeinput` text without a
// keydown (Alt codes, IME commits, automation), as IME `compositionend`
// text, and Backspace (how Unikey-style IMEs rewrite letters) removes the
// last one, as it would in the field.

import { scanCard, isMotcuaError } from "./index.js";

const DEFAULTS = Object.freeze({
  maxGapMs: 35,
  lockAfter: 4,
  endPauseMs: 120,
  minLength: 16,
  suffixKeys: ["Enter", "Tab"],
});

function positive(name, v) {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
    throw new TypeError(`attachScanner: ${name} must be a positive number`);
  }
}

function isTextField(el) {
  return (
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement && typeof el.selectionStart === "number")
  );
}

/**
 * Listens for scanner bursts on `target` (the document, or an element:
 * then only while the focus is inside it). Returns a handle whose
 * `detach()` removes the listeners.
 */
export function attachScanner(target, options) {
  if (!options || typeof options.onScan !== "function") {
    throw new TypeError("attachScanner: options.onScan must be a function");
  }
  const o = { ...DEFAULTS, ...options };
  for (const k of ["maxGapMs", "lockAfter", "endPauseMs", "minLength"]) positive(k, o[k]);
  const suffix = new Set(o.suffixKeys);

  let chars = []; // the burst's characters (strings), in order
  let first = 0; // timeStamp of its first key
  let last = 0; // timeStamp of its latest key
  let locked = false; // a scanner: swallow its keys
  let snap = null; // the focused text field before the burst
  let timer = 0;
  let keydownChar = false; // a keydown char let through: its beforeinput follows

  function reset() {
    chars = [];
    locked = false;
    snap = null;
    clearTimeout(timer);
    timer = 0;
  }

  function restoreField() {
    if (!snap) return;
    const { el, value, start, end } = snap;
    if (el.value !== value) {
      el.value = value;
      el.setSelectionRange(start, end);
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  function finish(endedBy) {
    if (!locked) {
      reset(); // a person typing: their keys reached the field, leave them
      return;
    }
    const text = chars.join("");
    const field = snap;
    restoreField();
    reset();
    if (text.length < o.minLength) {
      // A fast typist: give the text back to the field it was typed into.
      if (field && field.el.isConnected) {
        field.el.setRangeText(text, field.start, field.end, "end");
        field.el.dispatchEvent(new Event("input", { bubbles: true }));
      }
      return;
    }
    let result;
    try {
      result = { ok: true, card: scanCard(text, o.cardOptions), text, endedBy, durationMs: last - first };
    } catch (e) {
      if (!isMotcuaError(e)) throw e;
      result = { ok: false, error: e, text, endedBy, durationMs: last - first };
    }
    o.onScan(result);
  }

  function arm() {
    clearTimeout(timer);
    timer = setTimeout(() => finish("pause"), locked ? o.endPauseMs : o.maxGapMs + 1);
  }

  /** One character (or IME text) at time `t`; returns true to swallow it. */
  function add(text, t, el) {
    if (chars.length && t - last > (locked ? o.endPauseMs : o.maxGapMs)) finish("pause");
    if (!chars.length) {
      first = t;
      snap = isTextField(el)
        ? { el, value: el.value, start: el.selectionStart ?? 0, end: el.selectionEnd ?? 0 }
        : null;
    }
    chars.push(text);
    last = t;
    if (!locked && chars.length >= o.lockAfter) locked = true;
    arm();
    return locked;
  }

  function swallow(e) {
    e.preventDefault();
    e.stopImmediatePropagation();
  }

  function onKeydown(e) {
    keydownChar = false;
    if (e.isComposing || e.key === "Process" || e.keyCode === 229) {
      // An IME is composing: its text comes with compositionend.
      if (chars.length) {
        last = e.timeStamp;
        arm();
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
    if (suffix.has(e.key)) {
      if (locked) {
        swallow(e);
        last = e.timeStamp;
        finish("suffix");
      } else if (chars.length) {
        reset();
      }
      return;
    }
    if (e.key === "Backspace") {
      if (chars.length) {
        chars.pop();
        last = e.timeStamp;
        arm();
        if (locked) swallow(e);
      }
      return;
    }
    // One character (a key name such as "Shift" or "ArrowLeft" is longer).
    if ([...e.key].length !== 1) return;
    if (add(e.key, e.timeStamp, e.target)) swallow(e);
    else keydownChar = true;
  }

  function onKeyup() {
    keydownChar = false;
  }

  function onBeforeInput(e) {
    if (e.inputType !== "insertText" || !e.data) return;
    if (keydownChar) {
      keydownChar = false; // this is the text of a keydown already counted
      return;
    }
    if (add(e.data, e.timeStamp, e.target)) swallow(e);
  }

  function onCompositionEnd(e) {
    if (chars.length && e.data) {
      add(e.data, e.timeStamp, e.target);
    }
  }

  const listeners = [
    ["keydown", onKeydown],
    ["keyup", onKeyup],
    ["beforeinput", onBeforeInput],
    ["compositionend", onCompositionEnd],
  ];
  for (const [type, fn] of listeners) target.addEventListener(type, fn, true);
  return {
    detach() {
      for (const [type, fn] of listeners) target.removeEventListener(type, fn, true);
      reset();
    },
  };
}

export { DEFAULTS as scannerDefaults };
