"""motcua: Vietnamese one-stop office ("Bộ phận Một cửa") data in Python.

* Chip citizen ID (CCCD) QR payloads: ``scan_card`` repairs what USB
  scanners break and validates; ``scan_cards`` does a whole column.
* Dossier QR codes (Thông tư 01/2023/TT-VPCP): ``encode_dossier``,
  ``decode_dossier`` and the identifier validators.
* QR codes: ``qr_svg``, ``qr_png``, ``qr_matrix``.
* What the office prints: ``render_sheet``, ``render_poster``.
* QR codes in photos: ``decode_image`` (a PIL image, a numpy array, or the
  bytes of a PNG/JPEG/WebP file through Pillow).

Results are plain dicts and lists whose keys are the ``motcua`` command's
JSON. Errors are ``MotcuaError`` with ``code``, ``message`` (English) and
``message_vi`` (Vietnamese); they never contain the input's text.
"""

from ._motcua import (
    MotcuaError,
    card_samples,
    decode_dossier,
    decode_pixels,
    encode_dossier,
    error_codes,
    error_message,
    garble_as_windows1252,
    mask_id,
    parse_card,
    qr_matrix,
    qr_png,
    qr_svg,
    render_poster,
    render_sheet,
    repair_message,
    sample_procedures,
    sample_receipt,
    scan_card,
    scan_cards,
    scan_table,
    validate_applicant,
    validate_cmnd,
    validate_dossier_code,
    validate_id,
    validate_procedure_code,
    version,
)

__version__ = version()

__all__ = [
    "MotcuaError",
    "card_samples",
    "decode_dossier",
    "decode_image",
    "decode_pixels",
    "encode_dossier",
    "error_codes",
    "error_message",
    "garble_as_windows1252",
    "mask_id",
    "parse_card",
    "qr_matrix",
    "qr_png",
    "qr_svg",
    "render_poster",
    "render_sheet",
    "repair_message",
    "sample_procedures",
    "sample_receipt",
    "scan_card",
    "scan_cards",
    "scan_table",
    "validate_applicant",
    "validate_cmnd",
    "validate_dossier_code",
    "validate_id",
    "validate_procedure_code",
    "version",
]


def decode_image(image):
    """Every QR code in ``image``: a PIL image, a numpy array (``uint8``,
    ``H×W`` grey, ``H×W×3`` RGB or ``H×W×4`` RGBA), or the bytes of an
    image file (decoded with Pillow, which must then be installed).
    Returns ``[{"text", "charset", "version", "ecc", "corners", "bytes"}]``;
    raises ``MotcuaError`` (``image_no_qr`` when there is none)."""
    if isinstance(image, (bytes, bytearray, memoryview)):
        import io

        try:
            from PIL import Image
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("decode_image(bytes) needs Pillow; pass pixels to decode_pixels instead") from e
        with Image.open(io.BytesIO(bytes(image))) as img:
            img.load()
            return decode_image(img)
    if hasattr(image, "mode") and hasattr(image, "tobytes") and hasattr(image, "size"):
        # A PIL image: grey, or RGBA when it has transparency (a code drawn
        # on a transparent background), as the command reads files.
        rgba = image.mode in ("RGBA", "LA", "PA") or "transparency" in getattr(image, "info", {})
        img = image.convert("RGBA" if rgba else "L")
        width, height = img.size
        return decode_pixels(img.tobytes(), width, height, channels=4 if rgba else 1)
    if hasattr(image, "shape") and hasattr(image, "dtype"):
        import numpy as np

        a = np.asarray(image)
        if a.dtype != np.uint8:
            raise TypeError("decode_image: a numpy array must be uint8")
        if a.ndim == 3 and a.shape[2] == 3:
            # RGB to grey with the weights the reader uses for RGBA.
            a = np.concatenate([a, np.full(a.shape[:2] + (1,), 255, np.uint8)], axis=2)
        if a.ndim == 2:
            a = np.ascontiguousarray(a)
            return decode_pixels(a.tobytes(), a.shape[1], a.shape[0], channels=1)
        if a.ndim == 3 and a.shape[2] == 4:
            a = np.ascontiguousarray(a)
            return decode_pixels(a.tobytes(), a.shape[1], a.shape[0], channels=4)
        raise TypeError("decode_image: expected an H×W, H×W×3 or H×W×4 array")
    raise TypeError("decode_image: expected a PIL image, a numpy array or the bytes of an image file")
