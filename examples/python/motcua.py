"""A ctypes binding of libmotcua, the C library of motcua (include/motcua.h).

Copy this file into a portal's Python code; it needs only the shared library:

    MOTCUA_LIB=/usr/local/lib/libmotcua.so python3 -c 'import motcua; print(motcua.version())'

Without MOTCUA_LIB the library is looked up by ctypes.util.find_library.
Structures mirror the header field by field; text comes back as Python str.

For Python applications, prefer the `motcua` wheel (py/, `pip install`): the
whole API, typed, with no C library to install. This file shows the C ABI
from Python for those who already ship libmotcua.
"""

import ctypes
import ctypes.util
import datetime
import os

__all__ = ["MotcuaError", "version", "parse_scanned", "parse", "mask_id", "dossier_decode", "dossier_encode", "qr_svg"]


def _load():
    path = os.environ.get("MOTCUA_LIB") or ctypes.util.find_library("motcua")
    if not path:
        raise OSError("libmotcua not found: install it (scripts/install-c) or set MOTCUA_LIB")
    return ctypes.CDLL(path)


_lib = _load()

OK = 0
LANG_EN, LANG_VI = 0, 1
REPAIRS = {1: "strip_bom", 2: "strip_suffix", 4: "mojibake", 8: "nfc"}
PAPERS = {0: None, 1: "receipt", 2: "request_to_complete", 3: "refusal", 4: "delay_notice",
          5: "control_sheet", 6: "result", 7: "other"}
FIELDS = ["dossier_code", "procedure_code", "applicant", "paper", "system", "issued_at",
          "appointment", "validity", "scope"]


class Str(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("len", ctypes.c_size_t)]

    def text(self):
        return ctypes.string_at(self.data, self.len).decode("utf-8") if self.len else ""


class Text(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("len", ctypes.c_size_t)]


class Date(ctypes.Structure):
    _fields_ = [("year", ctypes.c_uint16), ("month", ctypes.c_uint8), ("day", ctypes.c_uint8)]

    def value(self):
        return datetime.date(self.year, self.month, self.day) if self.year else None


class Card(ctypes.Structure):
    _fields_ = [
        ("layout", ctypes.c_uint32), ("sex", ctypes.c_uint32),
        ("id", Str), ("old_id", Str), ("name", Str), ("address", Str), ("extra", Str * 4),
        ("birth_date", Date), ("issue_date", Date), ("expiry_date", Date), ("as_of", Date),
        ("province_code", ctypes.c_uint16), ("province", Str),
        ("born_abroad", ctypes.c_bool), ("has_expiry", ctypes.c_bool), ("expired", ctypes.c_bool),
        ("issued_before_chip_era", ctypes.c_bool),
        ("repairs", ctypes.c_uint32), ("owns_text", ctypes.c_bool), ("buffer", ctypes.c_void_p),
    ]


class DateTime(ctypes.Structure):
    _fields_ = [("date", Date), ("hour", ctypes.c_uint8), ("minute", ctypes.c_uint8), ("second", ctypes.c_uint8)]


class Appointment(ctypes.Structure):
    _fields_ = [("date", Date), ("has_time", ctypes.c_uint8), ("hour", ctypes.c_uint8), ("minute", ctypes.c_uint8)]


class DossierFields(ctypes.Structure):
    _fields_ = [
        ("dossier_code", Str), ("procedure_code", Str), ("applicant", Str),
        ("paper", ctypes.c_uint32), ("paper_name", Str), ("system", Str),
        ("issued_at", DateTime), ("appointment", Appointment),
        ("validity", ctypes.c_uint32), ("validity_until", Date), ("validity_text", Str), ("scope", Str),
    ]


class Dossier(ctypes.Structure):
    _fields_ = [
        ("fields", DossierFields), ("applicant_kind", ctypes.c_uint32), ("missing", ctypes.c_uint32),
        ("warnings", ctypes.c_uint32), ("base", Str), ("host", Str), ("buffer", ctypes.c_void_p),
    ]


def _fn(name, restype, *argtypes):
    f = getattr(_lib, name)
    f.restype, f.argtypes = restype, list(argtypes)
    return f


_version = _fn("motcua_version", ctypes.c_char_p)
_error_message = _fn("motcua_error_message", ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint32,
                     ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t))
_error_code_str = _fn("motcua_error_code_str", Str, ctypes.c_uint32)
_parse = _fn("motcua_cccd_parse", ctypes.c_uint32, ctypes.c_char_p, ctypes.c_size_t,
             ctypes.POINTER(Date), ctypes.POINTER(Card))
_parse_scanned = _fn("motcua_cccd_parse_scanned", ctypes.c_uint32, ctypes.c_char_p, ctypes.c_size_t,
                     ctypes.POINTER(Date), ctypes.POINTER(Card))
_card_free = _fn("motcua_card_free", None, ctypes.POINTER(Card))
_mask_id = _fn("motcua_cccd_mask_id", ctypes.c_uint32, ctypes.c_char_p, ctypes.c_size_t,
               ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t))
_dossier_decode = _fn("motcua_dossier_decode", ctypes.c_uint32, ctypes.c_char_p, ctypes.c_size_t,
                      ctypes.POINTER(Dossier))
_dossier_free = _fn("motcua_dossier_free", None, ctypes.POINTER(Dossier))
_dossier_encode = _fn("motcua_dossier_encode", ctypes.c_uint32, ctypes.POINTER(DossierFields), ctypes.c_void_p,
                      ctypes.POINTER(Text))
_qr_encode = _fn("motcua_qr_encode", ctypes.c_uint32, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_void_p,
                 ctypes.POINTER(ctypes.c_void_p))
_qr_free = _fn("motcua_qr_free", None, ctypes.c_void_p)
_qr_svg = _fn("motcua_qr_svg", ctypes.c_uint32, ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(Text))
_text_free = _fn("motcua_text_free", None, ctypes.POINTER(Text))


class MotcuaError(Exception):
    """An error code of the library with its English and Vietnamese messages.
    Never carries input text (safe to log)."""

    def __init__(self, result):
        self.result = result
        self.code = _error_code_str(result).text()
        self.message = _message(result, LANG_EN)
        self.message_vi = _message(result, LANG_VI)
        super().__init__(f"{self.code}: {self.message}")


def _message(result, lang):
    buf = ctypes.create_string_buffer(512)
    n = ctypes.c_size_t()
    if _error_message(result, lang, buf, len(buf), ctypes.byref(n)) != OK:
        return ""
    return buf.raw[: n.value].decode("utf-8")


def _check(result):
    if result != OK:
        raise MotcuaError(result)


def _bytes(text):
    return text.encode("utf-8") if isinstance(text, str) else bytes(text)


def version():
    return _version().decode("ascii")


def _card_dict(c):
    return {
        "layout": c.layout,
        "id": c.id.text(),
        "old_id": c.old_id.text() or None,
        "name": c.name.text(),
        "birth_date": c.birth_date.value(),
        "sex": "male" if c.sex == 1 else "female",
        "address": c.address.text(),
        "issue_date": c.issue_date.value(),
        "expiry_date": c.expiry_date.value(),
        "expired": c.expired,
        "province": c.province.text() or None,
        "extra": [e.text() for e in c.extra] if c.layout == 2024 else None,
        "repairs": [name for bit, name in REPAIRS.items() if c.repairs & bit],
        "owns_text": c.owns_text,
    }


def _as_of(as_of):
    return ctypes.byref(Date(as_of.year, as_of.month, as_of.day)) if as_of else None


def _card(parse_fn, payload, as_of):
    data = _bytes(payload)  # alive while the card's views are read
    card = Card()
    _check(parse_fn(data, len(data), _as_of(as_of), ctypes.byref(card)))
    try:
        return _card_dict(card)
    finally:
        _card_free(ctypes.byref(card))


def parse_scanned(payload, as_of=None):
    """What a scanner typed (str or bytes) -> dict of fields, with the
    repairs applied. Raises MotcuaError."""
    return _card(_parse_scanned, payload, as_of)


def parse(payload, as_of=None):
    """Strict parse of a clean payload (no repairs). Raises MotcuaError."""
    return _card(_parse, payload, as_of)


def mask_id(id_number):
    """'001090123456' -> '*********456' (for logs)."""
    data = _bytes(id_number)
    buf = ctypes.create_string_buffer(16)
    n = ctypes.c_size_t()
    _check(_mask_id(data, len(data), buf, len(buf), ctypes.byref(n)))
    return buf.raw[: n.value].decode("ascii")


def dossier_decode(payload):
    """A dossier QR payload (URL or bare dossier code) -> dict of fields."""
    data = _bytes(payload)
    d = Dossier()
    _check(_dossier_decode(data, len(data), ctypes.byref(d)))
    try:
        f = d.fields
        t = f.issued_at
        issued = (datetime.datetime(t.date.year, t.date.month, t.date.day, t.hour, t.minute, t.second,
                                    tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
                  if t.date.year else None)
        return {
            "dossier_code": f.dossier_code.text(),
            "procedure_code": f.procedure_code.text() or None,
            "applicant": f.applicant.text() or None,
            "paper": PAPERS.get(f.paper),
            "paper_name": f.paper_name.text() or None,
            "system": f.system.text() or None,
            "issued_at": issued,
            "appointment": f.appointment.date.value(),
            "scope": f.scope.text() or None,
            "host": d.host.text() or None,
            "missing": [name for i, name in enumerate(FIELDS) if d.missing & (1 << i)],
        }
    finally:
        _dossier_free(ctypes.byref(d))


def dossier_encode(record):
    """A dict in the shape dossier_decode gives (dossier_code, procedure_code,
    applicant, paper, system, issued_at: an aware datetime, appointment: a date
    or datetime) -> the payload URL of the paper's dossier QR."""
    f = DossierFields()
    keep = []  # the UTF-8 buffers the views point into, alive until the call returns

    def view(value):
        s = Str()
        if value:
            b = value.encode("utf-8")
            buf = ctypes.create_string_buffer(b, len(b))
            keep.append(buf)
            s.data, s.len = ctypes.cast(buf, ctypes.c_void_p), len(b)
        return s

    f.dossier_code = view(record.get("dossier_code"))
    f.procedure_code = view(record.get("procedure_code"))
    f.applicant = view(record.get("applicant"))
    f.system = view(record.get("system"))
    f.scope = view(record.get("scope"))
    paper = record.get("paper")
    f.paper = next((k for k, v in PAPERS.items() if v == paper), 0) if paper else 0
    at = record.get("issued_at")
    if at is not None:
        at = at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
        f.issued_at.date.year, f.issued_at.date.month, f.issued_at.date.day = at.year, at.month, at.day
        f.issued_at.hour, f.issued_at.minute, f.issued_at.second = at.hour, at.minute, at.second
    ap = record.get("appointment")
    if ap is not None:
        f.appointment.date.year, f.appointment.date.month, f.appointment.date.day = ap.year, ap.month, ap.day
        if isinstance(ap, datetime.datetime):
            f.appointment.has_time, f.appointment.hour, f.appointment.minute = 1, ap.hour, ap.minute
    out = Text()
    _check(_dossier_encode(ctypes.byref(f), None, ctypes.byref(out)))
    try:
        return ctypes.string_at(out.data, out.len).decode("ascii")
    finally:
        _text_free(ctypes.byref(out))


def qr_svg(text):
    """A QR code of `text` as an SVG document (str)."""
    data = _bytes(text)
    qr = ctypes.c_void_p()
    _check(_qr_encode(data, len(data), None, ctypes.byref(qr)))
    try:
        out = Text()
        _check(_qr_svg(qr, None, ctypes.byref(out)))
        try:
            return ctypes.string_at(out.data, out.len).decode("utf-8")
        finally:
            _text_free(ctypes.byref(out))
    finally:
        _qr_free(qr)
