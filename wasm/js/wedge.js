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
// Characters arrive as keydown `key`s, as `keypress` characters without a
// keydown of their own (Windows Alt+numpad codes), as `beforeinput` text
// without either (IME commits, automation's insertText), as IME
// `compositionend` text, and Backspace (how Unikey-style IMEs rewrite
// letters) removes the last one, as it would in the field.
//
// With no text field focused (the clerk clicked the page background),
// text that comes without a keydown reaches no element and raises no
// event: the burst would silently lose its Vietnamese letters (#19:
// "Nguyễn Văn A" arrived as "Nguyn Vn A" and was accepted). So the first
// key of a burst with no text field focused moves the focus to a hidden,
// empty text field (the sink) until the burst ends, then gives it back. A
// key the browser reports as "Unidentified" or "Dead" during a burst is a
// character lost: that burst is reported as `scan_incomplete`, never
// handed to the parser.

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

/** The error of a burst that lost characters (a MotcuaError like the core's). */
function incomplete() {
  const e = new Error("the scan lost characters on the way (a key the browser could not read); scan the card again");
  e.name = "MotcuaError";
  e.code = "scan_incomplete";
  e.messageVi = "Máy quét gửi thiếu ký tự (trình duyệt không đọc được một phím); hãy quét lại thẻ";
  return e;
}

/** A visually hidden, empty textarea that holds the focus during a burst. */
function makeSink(parent) {
  const sink = document.createElement("textarea");
  sink.setAttribute("aria-hidden", "true");
  sink.setAttribute("tabindex", "-1");
  sink.setAttribute("autocomplete", "off");
  sink.dataset.motcuaSink = "";
  sink.style.cssText =
    "position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;border:0;padding:0;margin:0;overflow:hidden;pointer-events:none;";
  parent.appendChild(sink);
  return sink;
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
  let pending = null; // a character counted and let through: its keypress/beforeinput follow
  let lost = false; // the burst lost a character
  let sink = null; // the hidden text field, created on first use
  let sinkFrom = undefined; // what had the focus before the sink took it

  function reset() {
    chars = [];
    locked = false;
    snap = null;
    lost = false;
    clearTimeout(timer);
    timer = 0;
    leaveSink();
  }

  /** Moves the focus to the sink (no text field has it). */
  function enterSink() {
    if (typeof document === "undefined") return;
    if (!sink || !sink.isConnected) sink = makeSink(target instanceof Element ? target : document.body);
    sinkFrom = document.activeElement;
    sink.value = "";
    sink.focus({ preventScroll: true });
  }

  /** Gives the focus back to where it was. */
  function leaveSink() {
    if (sinkFrom === undefined) return;
    const back = sinkFrom;
    sinkFrom = undefined;
    if (sink) sink.value = "";
    if (document.activeElement !== sink) return;
    if (back && back !== document.body && back.isConnected && typeof back.focus === "function") {
      back.focus({ preventScroll: true });
    } else {
      sink.blur();
    }
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
    const wasLost = lost;
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
    if (wasLost) {
      // Never parse a burst that lost characters: a name missing its
      // Vietnamese letters can still be a "valid" card.
      o.onScan({ ok: false, error: incomplete(), text, endedBy, durationMs: last - first });
      return;
    }
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
      if (isTextField(el) && el !== sink) {
        snap = { el, value: el.value, start: el.selectionStart ?? 0, end: el.selectionEnd ?? 0 };
      } else {
        snap = null;
        if (el !== sink) enterSink();
      }
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
    pending = null;
    if ((e.key === "Unidentified" || e.key === "Dead") && chars.length && !e.ctrlKey && !e.metaKey) {
      // A character the browser could not name: it is lost to the burst.
      lost = true;
      last = e.timeStamp;
      arm();
      if (locked) swallow(e);
      return;
    }
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
    else pending = e.key;
  }

  function onKeyup() {
    pending = null;
  }

  function onKeypress(e) {
    // A character with no keydown of its own (Alt+numpad on Windows: the
    // keydowns were Alt and digits). Reaches the page even when no field
    // has the focus.
    if (e.ctrlKey || e.metaKey || !e.key || [...e.key].length !== 1) return;
    if (pending === e.key) return; // its keydown counted it
    if (add(e.key, e.timeStamp, e.target)) swallow(e);
    else pending = e.key;
  }

  function onBeforeInput(e) {
    if (e.inputType !== "insertText" || !e.data) return;
    if (pending !== null && pending === e.data) {
      pending = null; // the text of a keydown or keypress already counted
      return;
    }
    pending = null;
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
    ["keypress", onKeypress],
    ["beforeinput", onBeforeInput],
    ["compositionend", onCompositionEnd],
  ];
  for (const [type, fn] of listeners) target.addEventListener(type, fn, true);
  return {
    detach() {
      for (const [type, fn] of listeners) target.removeEventListener(type, fn, true);
      reset();
      sink?.remove();
      sink = null;
    },
  };
}

export { DEFAULTS as scannerDefaults };
