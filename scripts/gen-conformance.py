#!/usr/bin/env python3
"""Writes core/tests/data/cccd-conformance.jsonl: the project's own synthetic
CCCD conformance set (made-up people, a fixed seed, so the file is
reproducible: `python3 scripts/gen-conformance.py && git diff` shows nothing).

The expectations are computed here, in Python, straight from the rules in
docs/cccd.md (ID structure, province list, century/sex digit, the 14/25/40/60
expiry rule, what scanners do to the text), not from motcua: the set is an
independent oracle for core/tests/conformance.rs and cli/tests/cli.rs.

Each line: kind (what was done to the payload), payload (exactly what a
scanner would deliver), expect: for valid cards the CLI JSON contract's
fields and the repairs reported, evaluated with "today" = 2026-01-01; for
invalid ones ok=false and the error code.
"""
import datetime as dt
import json
import random
import unicodedata
from pathlib import Path

AS_OF = dt.date(2026, 1, 1)
OUT = Path(__file__).resolve().parent.parent / "core/tests/data/cccd-conformance.jsonl"

PROVINCES = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
    "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
    "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
    "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
    "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
    "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
    "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
    "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh",
    "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Xuân"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Kim", "Diệu", "Thanh", "Hồng"]
GIVEN_M = ["An", "Bảo", "Cường", "Dũng", "Hải", "Khải", "Long", "Nghĩa", "Phúc", "Quân", "Sơn", "Tùng", "Việt"]
GIVEN_F = ["Anh", "Bích", "Chi", "Dung", "Giang", "Hường", "Lan", "Linh", "Mỹ", "Nhung", "Oanh", "Thảo", "Yến"]
STREETS = ["Số 12 Phố Hàng Bạc", "Thôn Đông", "Xóm Bãi", "Tổ 5", "Ấp Mỹ Lợi", "Khóm 3", "Số 7 đường Trần Phú"]
WARDS = ["Phường Bến Thành", "Xã Hòa Khánh", "Phường Đằng Giang", "Xã Nghi Phong", "Thị trấn Củ Chi"]
DISTRICTS = ["Quận Ba Đình", "Huyện Nghi Lộc", "Quận Ngô Quyền", "Thành phố Long Xuyên", "Huyện Củ Chi"]


def birthday(birth, age):
    """The date a person born on `birth` turns `age` (29 Feb → 28 Feb)."""
    y = birth.year + age
    try:
        return birth.replace(year=y)
    except ValueError:
        return dt.date(y, 2, 28)


def completed_years(birth, on):
    bm, bd = birth.month, birth.day
    if (bm, bd) == (2, 29):
        try:
            dt.date(on.year, 2, 29)
        except ValueError:
            bd = 28
    return on.year - birth.year - ((on.month, on.day) < (bm, bd))


def expiry(birth, issue):
    """Luật Căn cước 2023 Điều 21: renew at 14, 25, 40, 60; a card issued in
    the 2 years before a milestone runs to the next; none after 58."""
    age = completed_years(birth, issue)
    for m in (14, 25, 40, 60):
        if age < m - 2:
            return birthday(birth, m)
    return None


def ddmmyyyy(d):
    return f"{d.day:02}{d.month:02}{d.year:04}"


def garble(text):
    """UTF-8 bytes read as Windows-1252 (WHATWG: undefined bytes map to U+0080–U+009F)."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


class Person:
    def __init__(self, rnd, born_abroad=False, birth=None, issue=None, layout="2021", old_id=None):
        self.female = rnd.random() < 0.5
        if birth is None:
            birth = dt.date(1940, 1, 1) + dt.timedelta(days=rnd.randrange(0, 365 * 70))
        self.birth = birth
        if issue is None:
            lo = max(dt.date(2021, 1, 1), birthday(birth, 14))
            issue = lo + dt.timedelta(days=rnd.randrange(0, max(1, (AS_OF - lo).days)))
        self.issue = issue
        self.code = f"{rnd.choice([101, 116, 203, 250])}" if born_abroad else rnd.choice(sorted(PROVINCES))
        century = (birth.year // 100 - 19) * 2 + (1 if self.female else 0)
        self.id = f"{self.code}{century}{birth.year % 100:02}{rnd.randrange(10**6):06}"
        self.old_id = old_id if old_id is not None else (f"{rnd.randrange(10**8, 10**9)}" if rnd.random() < 0.6 else "")
        mid, given = (MIDDLE_F, GIVEN_F) if self.female else (MIDDLE_M, GIVEN_M)
        self.name = f"{rnd.choice(SURNAMES)} {rnd.choice(mid)} {rnd.choice(given)}"
        prov = PROVINCES[rnd.choice(sorted(PROVINCES))]
        self.address = f"{rnd.choice(STREETS)}, {rnd.choice(WARDS)}, {rnd.choice(DISTRICTS)}, {prov}"
        self.layout = layout
        self.sex = "Nữ" if self.female else "Nam"

    def fields(self):
        f = [self.id, self.old_id, self.name, ddmmyyyy(self.birth), self.sex, self.address, ddmmyyyy(self.issue)]
        return f + ["", "", "", ""] if self.layout == "2024" else f

    def payload(self, fields=None):
        return "|".join(self.fields() if fields is None else fields)

    def expect(self, repairs):
        exp = expiry(self.birth, self.issue)
        return {
            "ok": True,
            "layout": self.layout,
            "id": self.id,
            "old_id": self.old_id or None,
            "name": self.name,
            "birth_date": self.birth.isoformat(),
            "sex": "female" if self.female else "male",
            "address": self.address,
            "issue_date": self.issue.isoformat(),
            "expiry_date": exp.isoformat() if exp else None,
            "expired": exp is not None and AS_OF > exp,
            "province_code": self.code,
            "province": PROVINCES.get(self.code),
            "born_abroad": self.code[0] in "12",
            "repairs": repairs,
        }


def main():
    rnd = random.Random(20261201)
    rows = []

    def valid(kind, p, payload, repairs):
        rows.append({"kind": kind, "payload": payload, "expect": p.expect(repairs)})

    def invalid(rule, payload, code):
        rows.append({"kind": f"invalid:{rule}", "payload": payload, "expect": {"ok": False, "error": code}})

    # What scanners deliver.
    for i in range(60):
        p = Person(rnd, layout="2024" if i % 3 == 0 else "2021")
        kind = ["clean", "clean", "lf", "crlf", "tab", "cr", "nfd", "bom", "mojibake", "mojibake_crlf"][i % 10]
        text = p.payload()
        if kind == "clean":
            valid(kind, p, text, [])
        elif kind in ("lf", "crlf", "tab", "cr"):
            valid(kind, p, text + {"lf": "\n", "crlf": "\r\n", "tab": "\t", "cr": "\r"}[kind], ["strip_suffix"])
        elif kind == "nfd":
            valid(kind, p, unicodedata.normalize("NFD", text), ["nfc"])
        elif kind == "bom":
            valid(kind, p, "\ufeff" + text, ["strip_bom"])
        elif kind == "mojibake":
            valid(kind, p, garble(text), ["mojibake"])
        else:
            valid(kind, p, garble(text) + "\r\n", ["strip_suffix", "mojibake"])

    # The expiry rule at its edges: each milestone, a day before / on / after
    # "2 years before it", 29 February birthdays, no expiry from 58 on.
    edges = {14: dt.date(2009, 3, 10), 25: dt.date(2000, 2, 29), 40: dt.date(1983, 6, 15), 60: dt.date(1964, 6, 15)}
    for m, birth in edges.items():
        for delta in (-1, 0, 1):
            cut = birthday(birth, m - 2) + dt.timedelta(days=delta)
            p = Person(rnd, birth=birth, issue=cut)
            valid(f"expiry_edge_{m}_{delta:+d}", p, p.payload(), [])
    for birth, issue in [(dt.date(1966, 2, 28), dt.date(2024, 3, 1)), (dt.date(1950, 7, 1), dt.date(2021, 7, 1)),
                         (dt.date(1999, 12, 31), dt.date(2021, 1, 4)), (dt.date(2000, 1, 1), dt.date(2021, 5, 5)),
                         (dt.date(2010, 1, 1), dt.date(2023, 2, 2))]:
        p = Person(rnd, birth=birth, issue=issue)
        valid("expiry_rule", p, p.payload(), [])
    # Expired on 2026-01-01: issued at 22 in 2021, turned 25 in 2025.
    p = Person(rnd, birth=dt.date(2000, 3, 3), issue=dt.date(2021, 2, 2))
    valid("expired", p, p.payload(), [])
    # Born abroad (country code 1xx–2xx), a legacy 2016–2020 card.
    for _ in range(3):
        p = Person(rnd, born_abroad=True)
        valid("born_abroad", p, p.payload(), [])
    p = Person(rnd, birth=dt.date(1980, 5, 5), issue=dt.date(2018, 5, 5))
    valid("legacy_2018", p, p.payload(), [])

    # Invalid: each rule a scanner, a typist or a forger breaks.
    def broken(rule, code, change, **person):
        p = Person(rnd, **person)
        f = p.fields()
        change(p, f)
        invalid(rule, "|".join(f) if isinstance(f, list) else f, code)

    def set_(i, v):
        def go(p, f):
            f[i] = v(p, f) if callable(v) else v
        return go

    broken("bad_province", "id_province_unknown", set_(0, lambda p, f: "000" + f[0][3:]))
    broken("bad_province", "id_province_unknown", set_(0, lambda p, f: "003" + f[0][3:]))
    broken("letter_in_id", "id_not_digits", set_(0, lambda p, f: f[0][:5] + "O" + f[0][6:]))
    broken("short_id", "id_length", set_(0, lambda p, f: f[0][:11]))
    broken("old_id_8", "old_id_invalid", set_(1, "12345678"))
    broken("old_id_letter", "old_id_invalid", set_(1, "12345678x"))
    broken("bad_date", "birth_date_invalid", set_(3, lambda p, f: "31" + "02" + f[3][4:]))
    broken("bad_issue_date", "issue_date_invalid", set_(6, "00012022"))
    broken("bad_sex_word", "sex_invalid", set_(4, "Nu"))
    broken("name_digit", "name_invalid", set_(2, lambda p, f: f[2] + " 2"))
    broken("empty_address", "address_invalid", set_(5, " "))
    broken("sex_mismatch", "id_sex_mismatch", set_(4, lambda p, f: "Nam" if f[4] == "Nữ" else "Nữ"))
    broken("year_mismatch", "id_birth_year_mismatch", set_(3, lambda p, f: f[3][:4] + str(int(f[3][4:]) + 4)))
    broken("issued_before_birth", "issue_date_before_birth", set_(6, lambda p, f: ddmmyyyy(p.birth - dt.timedelta(days=1))))
    broken("issued_in_future", "issue_date_in_future", set_(6, "02012026"))
    broken("issued_before_2016", "issue_date_before_cccd", set_(6, "31122015"), birth=dt.date(1980, 1, 1))

    def drop_pipe(p, f):
        f[5] = f[5] + f.pop(6)

    broken("pipe_lost", "field_count", drop_pipe)
    broken("field_count", "field_count", lambda p, f: f.append(""))
    broken("field_count_12", "field_count", lambda p, f: f.extend(["", "", "", "", ""]))
    rows.append({"kind": "invalid:empty", "payload": "\r\n", "expect": {"ok": False, "error": "empty"}})
    # Mojibake that lost a byte on the way (a scanner dropped one): never guessed.
    p = Person(rnd)
    p.name = "Nguyễn Văn Việt"
    g = garble(p.payload())
    at = g.index("á»")  # ễ is E1 BB 85: "á»…"; the scanner dropped the BB
    rows.append({"kind": "invalid:mojibake_lost_byte", "payload": g[:at + 1] + g[at + 2:],
                 "expect": {"ok": False, "error": "mojibake_unrecoverable"}})
    # Invisible and text-direction characters inside a field.
    for rule, ch, field in [("bidi_override", "\u202e", 5), ("zero_width_space", "\u200b", 2),
                            ("line_separator", "\u2028", 5), ("bom_inside", "\ufeff", 2)]:
        p = Person(rnd)
        f = p.fields()
        f[field] = f[field][:4] + ch + f[field][4:]
        invalid(rule, "|".join(f), "invisible_char")

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{OUT}: {len(rows)} fixtures ({sum(r['expect']['ok'] for r in rows)} valid)")


if __name__ == "__main__":
    main()
