"""Tests of the ctypes binding against the installed libmotcua (run by
scripts/test-c with MOTCUA_LIB set). Synthetic data only."""

import datetime
import os
import re
import unittest

import motcua

TODAY = datetime.date(2026, 11, 23)
A = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021"


def garble(text):
    """UTF-8 bytes read as Windows-1252, as a keyboard-wedge scanner types them."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))  # the 5 bytes cp1252 leaves undefined map to C1 controls
    return "".join(out)


class CccdTest(unittest.TestCase):
    def test_version(self):
        self.assertRegex(motcua.version(), r"^\d+\.\d+\.\d+$")

    def test_clean_card(self):
        card = motcua.parse(A, as_of=TODAY)
        self.assertEqual(card["name"], "Nguyễn Văn A")
        self.assertEqual(card["id"], "001090123456")
        self.assertEqual(card["old_id"], "123456789")
        self.assertEqual(card["birth_date"], datetime.date(1990, 1, 1))
        self.assertEqual(card["expiry_date"], datetime.date(2030, 1, 1))
        self.assertEqual(card["province"], "Hà Nội")
        self.assertEqual(card["repairs"], [])
        self.assertFalse(card["owns_text"])

    def test_scanner_mojibake_and_suffix_are_repaired_and_reported(self):
        card = motcua.parse_scanned(garble(A) + "\r\n", as_of=TODAY)
        self.assertEqual(card["name"], "Nguyễn Văn A")
        self.assertEqual(card["address"], "Số 1 Phố X, Phường Y, Quận Z, Hà Nội")
        self.assertEqual(card["repairs"], ["strip_suffix", "mojibake"])
        self.assertTrue(card["owns_text"])

    def test_errors_carry_code_and_both_messages_never_input(self):
        bad = A.replace("001090123456", "001190123456")
        with self.assertRaises(motcua.MotcuaError) as e:
            motcua.parse_scanned(bad, as_of=TODAY)
        self.assertEqual(e.exception.code, "id_sex_mismatch")
        self.assertIn("century/sex digit", e.exception.message)
        self.assertIn("giới tính", e.exception.message_vi)
        self.assertNotIn("001190123456", str(e.exception))
        with self.assertRaises(motcua.MotcuaError) as e:
            motcua.parse(A + "\n", as_of=TODAY)
        self.assertEqual(e.exception.code, "needs_repair")
        with self.assertRaises(motcua.MotcuaError) as e:
            motcua.parse_scanned(b"001090123456|\xff|x")
        self.assertEqual(e.exception.code, "not_utf8")

    def test_mask_id(self):
        self.assertEqual(motcua.mask_id("001090123456"), "*********456")
        with self.assertRaises(motcua.MotcuaError) as e:
            motcua.mask_id("12345")
        self.assertEqual(e.exception.code, "id_length")


class StructsTest(unittest.TestCase):
    """The ctypes structs name the header's fields, in its order (a missing
    field shifts every later one, and the library writes past the struct)."""

    HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "include", "motcua.h")

    def header_fields(self, name):
        with open(self.HEADER, encoding="utf-8") as f:
            text = f.read()
        body = re.search(r"typedef struct %s \{(.*?)\} %s;" % (name, name), text, re.S).group(1)
        body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
        return [re.sub(r"\[.*\]", "", decl.split()[-1]).lstrip("*") for decl in body.split(";") if decl.strip()]

    def test_structs_match_the_header(self):
        for struct, name in [(motcua.Card, "motcua_card"), (motcua.Dossier, "motcua_dossier"),
                             (motcua.DossierFields, "motcua_dossier_fields"), (motcua.Date, "motcua_date"),
                             (motcua.DateTime, "motcua_datetime"), (motcua.Appointment, "motcua_appointment")]:
            self.assertEqual([f[0] for f in struct._fields_], self.header_fields(name), name)


class DossierTest(unittest.TestCase):
    # Made by `motcua dossier encode --sample --format payload`.
    PAYLOAD = (
        "https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?hs=000.00.53.H48-261120-0042"
        "&qr=1/TT:1.001612/DD:001090123456/GT:TN/HT:JDQ3XBZAORUODO4RNZTSA5DIYO2G4ZZAORUW4IDHNHQ3VI3JEBYXK6PBXK7XIICUKREEGIDU4G5YS3TIEBIXLYN2UNXGOICOM7B2G2I"
        "/TG:2611200915/HN:2611271400"
    )

    def test_decode_receipt(self):
        d = motcua.dossier_decode(self.PAYLOAD)
        self.assertEqual(d["dossier_code"], "000.00.53.H48-261120-0042")
        self.assertEqual(d["procedure_code"], "1.001612")
        self.assertEqual(d["paper"], "receipt")
        self.assertEqual(d["system"], "Hệ thống thông tin giải quyết TTHC tỉnh Quảng Ngãi")
        self.assertEqual(d["issued_at"].isoformat(), "2026-11-20T09:15:00+07:00")
        self.assertEqual(d["appointment"], datetime.date(2026, 11, 27))
        self.assertEqual(d["host"], "dichvucong.gov.vn")
        self.assertEqual(d["missing"], [])

    def test_encode_gives_the_payload_back(self):
        d = motcua.dossier_decode(self.PAYLOAD)
        d["appointment"] = datetime.datetime(2026, 11, 27, 14, 0)
        self.assertEqual(motcua.dossier_encode(d), self.PAYLOAD)
        with self.assertRaises(motcua.MotcuaError) as e:
            motcua.dossier_encode({"dossier_code": "000.00.53.H48-261120-0042"})
        self.assertEqual(e.exception.code, "field_missing")

    def test_bare_code_lists_missing_fields(self):
        d = motcua.dossier_decode("000.00.53.H48-261120-0042")
        self.assertEqual(d["missing"], ["procedure_code", "applicant", "paper", "system", "issued_at"])
        self.assertIsNone(d["host"])
        with self.assertRaises(motcua.MotcuaError) as e:
            motcua.dossier_decode("000.00.53.H48-261120-0000")
        self.assertEqual(e.exception.code, "dossier_sequence_invalid")

    def test_qr_svg(self):
        svg = motcua.qr_svg(self.PAYLOAD)
        self.assertTrue(svg.lstrip().startswith("<"))
        self.assertIn("</svg>", svg)


if __name__ == "__main__":
    unittest.main()
