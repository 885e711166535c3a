#!/usr/bin/env python3
"""Decodes every QR code in PNG page images with zxing-cpp (the reference
decoder, independent of motcua) and checks them against expected texts.

    decode-qr.py EXPECTED.txt PAGE-1.png [PAGE-2.png …]

EXPECTED.txt: one text per line, in reading order across the pages (left to
right, top to bottom). Exits 1 unless every page holds exactly its texts.
"""
import sys

import zxingcpp
from PIL import Image


def main() -> int:
    expected = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    found = []
    for page in sys.argv[2:]:
        codes = [b for b in zxingcpp.read_barcodes(Image.open(page).convert("L")) if b.format == zxingcpp.BarcodeFormat.QRCode]
        # Reading order: rows (by the top edge, in bands of 20 px), then x.
        codes.sort(key=lambda b: (round(b.position.top_left.y / 20), b.position.top_left.x))
        print(f"{page}: {len(codes)} QR codes")
        found += [b.text for b in codes]
    if found != expected:
        missing = [t for t in expected if t not in found]
        extra = [t for t in found if t not in expected]
        print(f"decode-qr: {len(found)} decoded, {len(expected)} expected; missing {missing}, unexpected {extra}", file=sys.stderr)
        return 1
    print(f"decode-qr: all {len(found)} codes decoded to the expected texts, in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
