"""pytest: the motcua wheel, installed into a fresh venv by scripts/test-python.
Synthetic cards and records only."""

import datetime
import io

import pytest

import motcua

AS_OF = datetime.date(2026, 11, 23)
A = "001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021"
B = "079303000001||Trần Thị B|05052003|Nữ|Ấp 1, Xã X, Huyện Y, Thành phố Hồ Chí Minh|20062021"
PERSONAL = ["090123456", "123456789", "Nguyễn", "Số 1 Phố X"]


def raises(code, fn, *args, **kwargs):
    with pytest.raises(motcua.MotcuaError) as e:
        fn(*args, **kwargs)
    err = e.value
    assert err.code == code
    assert err.message and err.message_vi and str(err) == err.message
    text = f"{err} {err.message_vi} {err!r}"
    assert not any(p in text for p in PERSONAL), text
    return err


# ------------------------------------------------------------------ cards


def test_a_clean_card_has_every_field_of_the_cli_json():
    assert motcua.parse_card(A, as_of=AS_OF) == {
        "layout": "2021",
        "id": "001090123456",
        "old_id": "123456789",
        "name": "Nguyễn Văn A",
        "birth_date": "1990-01-01",
        "sex": "male",
        "address": "Số 1 Phố X, Phường Y, Quận Z, Hà Nội",
        "issue_date": "2021-04-15",
        "expiry_date": "2030-01-01",
        "expired": False,
        "province_code": "001",
        "province": "Hà Nội",
        "born_abroad": False,
        "extra": [],
        "warnings": [],
        "repairs": [],
    }


def test_the_scanner_path_repairs_and_says_so():
    for garbled, repairs in [
        (A + "\r\n", ["strip_suffix"]),
        (motcua.garble_as_windows1252(A), ["mojibake"]),
        ("\ufeff" + A + "\t", ["strip_bom", "strip_suffix"]),
    ]:
        card = motcua.scan_card(garbled, as_of=AS_OF)
        assert card["name"] == "Nguyễn Văn A"
        assert card["repairs"] == repairs
    # Bytes as a serial port gives them; not UTF-8 is an error, not a guess.
    assert motcua.scan_card((A + "\r\n").encode(), as_of=AS_OF)["id"] == "001090123456"
    raises("not_utf8", motcua.scan_card, b"\xff" + A.encode())
    # The strict parser refuses what needs a repair, naming it.
    err = raises("needs_repair", motcua.parse_card, A + "\r\n")
    assert "CR/LF" in err.message or "suffix" in err.message


def test_as_of_expiry_warnings_and_the_cmnd_link():
    later = motcua.scan_card(B, as_of=datetime.date(2028, 5, 6))
    assert later["expired"] is True and later["warnings"] == ["card_expired"]
    assert motcua.scan_card(A, as_of=AS_OF, cmnd="123456789")["cmnd_link"] == "linked"
    assert motcua.scan_card(A, as_of=AS_OF, cmnd="987654321")["cmnd_link"] == "mismatch"
    assert motcua.scan_card(B, as_of=AS_OF, cmnd="123456789")["cmnd_link"] == "no_old_id"
    assert "cmnd_link" not in motcua.scan_card(A, as_of=AS_OF)
    raises("old_id_invalid", motcua.scan_card, A, cmnd="12345")


def test_a_masked_copy_shows_no_personal_data():
    card = motcua.scan_card(A + "\r\n", as_of=AS_OF, masked=True)
    assert card["masked"] is True
    assert card["id"] == "*********456"
    assert card["name"] == "N. V. A."
    assert card["birth_date"] == "1990-**-**"
    assert not any(p in repr(card) for p in PERSONAL)


def test_invalid_cards_raise_with_code_and_both_languages():
    raises("field_count", motcua.parse_card, "001090123456|x")
    raises("id_sex_mismatch", motcua.parse_card, A.replace("|Nam|", "|Nữ|"), as_of=AS_OF)
    raises("empty", motcua.parse_card, "")
    with pytest.raises(TypeError):
        motcua.parse_card(12345)


def test_scan_cards_does_a_column_with_a_row_per_scan():
    rows = motcua.scan_cards([A, B + "\r\n", "garbage", None, A.encode()], as_of=AS_OF)
    assert [r["ok"] for r in rows] == [True, True, False, False, True]
    assert rows[0] == {"ok": True, **motcua.scan_card(A, as_of=AS_OF)}
    assert rows[1]["repairs"] == ["strip_suffix"]
    assert rows[2]["error"]["code"] == "field_count" and rows[2]["error"]["message_vi"]
    assert rows[3]["error"]["code"] == "empty"
    masked = motcua.scan_cards(iter([A]), as_of=AS_OF, masked=True)
    assert masked[0]["id"] == "*********456"


def test_validators_and_masking():
    assert motcua.validate_id("001090123456") == {
        "masked": "*********456",
        "province_code": "001",
        "province": "Hà Nội",
        "born_abroad": False,
        "century": 1900,
        "sex": "male",
        "birth_year": 1990,
    }
    raises("id_province_unknown", motcua.validate_id, "003090123456")
    assert motcua.validate_cmnd("123456789") is None
    raises("old_id_invalid", motcua.validate_cmnd, "12345678")
    assert motcua.mask_id("123456789") == "******789"
    assert motcua.mask_id("001090123456") == "*********456"
    raises("id_not_digits", motcua.mask_id, "Nguyễn Văn")
    raises("id_length", motcua.mask_id, "12345")


def test_every_error_code_is_unique_and_explained():
    codes = motcua.error_codes()
    assert set(codes) == {"cccd", "dossier", "qr", "print", "image", "binding", "cli"}
    every = [c for group in codes.values() for c in group]
    assert len(every) == len(set(every)), "codes are unique across modules"
    for c in every:
        m = motcua.error_message(c)
        assert m and m["message"] and m["message_vi"], c
    assert motcua.error_message("no_such_code") is None
    assert motcua.repair_message("nfc")["message_vi"]
    assert motcua.repair_message("x") is None


def test_samples_are_valid_cards():
    samples = motcua.card_samples()
    assert len(samples) == 5
    for s in samples:
        assert motcua.scan_card(s["payload"], as_of=AS_OF)["id"], s["description"]


# ---------------------------------------------------------------- dossier


def test_dossier_round_trip_and_privacy():
    record = motcua.sample_receipt()
    payload = motcua.encode_dossier(record)
    assert payload.startswith("https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?hs=000.00.53.H48-261120-0042&qr=1/")
    back = motcua.decode_dossier(payload)
    assert back["host"] == "dichvucong.gov.vn" and back["missing"] == []
    assert {k: v for k, v in back.items() if k not in ("base", "host")} == {
        k: v for k, v in record.items() if k not in ("base", "host")
    }
    # What decode prints encodes again to the same payload.
    assert motcua.encode_dossier(back) == payload
    masked = motcua.decode_dossier(motcua.encode_dossier(record, privacy="masked"))
    assert masked["applicant"] == "*********456" and masked["applicant_kind"] == "masked"
    # A masked applicant is not input: encode the full record with privacy="masked".
    err = raises("applicant_masked", motcua.encode_dossier, masked)
    assert err.field == "applicant"
    omitted = motcua.decode_dossier(motcua.encode_dossier(record, privacy="omitted"))
    assert omitted["applicant"] is None and omitted["missing"] == ["applicant"]
    raises("invalid_argument", motcua.encode_dossier, record, privacy="secret")
    raises("invalid_argument", motcua.encode_dossier, "not a dict")


def test_dossier_errors_and_allowed_bases():
    payload = motcua.encode_dossier(motcua.sample_receipt(), base="https://dichvucong.quangngai.gov.vn/tra-cuu")
    assert motcua.decode_dossier(payload, allowed_bases=["https://dichvucong.quangngai.gov.vn/"])["dossier_code"]
    raises("base_not_allowed", motcua.decode_dossier, payload, allowed_bases=["https://dichvucong.gov.vn/"])
    raises("dossier_sequence_invalid", motcua.decode_dossier, "000.00.53.H48-261120-0000")
    bare = motcua.decode_dossier("38.98.H29-210519-0003")
    assert bare["warnings"] == ["unit_code_short"] and "procedure_code" in bare["missing"]
    err = raises("field_missing", motcua.encode_dossier, {"dossier_code": "000.00.53.H48-261120-0042"})
    assert err.field == "procedure_code"


def test_identifier_validators():
    assert motcua.validate_dossier_code("000.00.53.H48-261120-0042") == {
        "unit": "000.00.53.H48",
        "unit_form": "full",
        "level1": "H48",
        "date": "2026-11-20",
        "sequence": 42,
    }
    assert motcua.validate_procedure_code("1.001612.000.00.00.H48") == {
        "national": "1.001612",
        "unit": "000.00.00.H48",
        "extra": None,
    }
    assert motcua.validate_applicant("001090123456") == {"kind": "person", "masked": "*********456"}
    raises("applicant_masked", motcua.validate_applicant, "*********456")


# --------------------------------------------------------------------- QR


def test_qr_svg_png_matrix():
    svg = motcua.qr_svg("https://dichvucong.gov.vn/", caption="1.001193", width="30mm")
    assert svg.startswith("<svg") and "1.001193" in svg and 'width="30mm"' in svg
    m = motcua.qr_matrix("HELLO", ecc="Q", boost_ecc=False)
    assert m["ecc"] == "Q" and len(m["modules"]) == m["size"] ** 2 == (17 + 4 * m["version"]) ** 2
    assert set(m["modules"]) == {0, 1}
    png = motcua.qr_png("HELLO", scale=4)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    raises("qr_too_long", motcua.qr_svg, "x" * 3000, max_version=10)
    raises("invalid_argument", motcua.qr_svg, "x", ecc="Z")
    raises("invalid_argument", motcua.qr_svg, "x", quiet_zone=1000)


# ------------------------------------------------------------------ print


def test_sheet_from_a_scan():
    at = datetime.datetime(2026, 11, 20, 9, 15, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
    dossier = motcua.encode_dossier(motcua.sample_receipt())
    sheet = motcua.render_sheet(A + "\r\n", office="Bộ phận Một cửa UBND xã Minh Khai", scanned_at=at, dossier=dossier)
    assert sheet["html"].startswith("<!doctype html>") and sheet["fragment"] in sheet["html"]
    assert "Quét mã QR lúc 09:15 ngày 20/11/2026" in sheet["fragment"] and "<svg" in sheet["fragment"]
    assert ".motcua-sheet" in sheet["css"]
    masked = motcua.render_sheet(A, office="UBND xã", scanned_at=at, masked=True)
    assert "Nguyễn Văn A" not in masked["html"] and "*********456" in masked["html"]
    raises("sheet_office", motcua.render_sheet, A, office=" ")
    raises("issue_date_in_future", motcua.render_sheet, A, office="UBND", as_of=datetime.date(2021, 1, 1))


def test_poster_from_csv_text_or_bytes():
    poster = motcua.render_poster(motcua.sample_procedures(), title="UBND xã Minh Khai")
    assert poster["count"] == 25 and len(poster["pages"]) == 3 and poster["qr_mm"] >= 40
    assert motcua.render_poster(motcua.sample_procedures().encode(), title="UBND")["count"] == 25
    bad = "code,name,url\n1.001193,Đăng ký khai sinh,javascript:alert(1)\n"
    err = raises("csv_url_invalid", motcua.render_poster, bad, title="UBND")
    assert err.row == 2 and err.field == "url"


# ------------------------------------------------------------------ image


def test_decode_pixels_and_images_read_our_own_codes():
    PIL = pytest.importorskip("PIL.Image")
    text = motcua.encode_dossier(motcua.sample_receipt())
    png = motcua.qr_png(text, scale=4)
    from_bytes = motcua.decode_image(png)
    assert [c["text"] for c in from_bytes] == [text]
    c = from_bytes[0]
    assert c["bytes"] == text.encode() and c["charset"] == "utf-8" and c["ecc"] in "MQH" and len(c["corners"]) == 4
    img = PIL.open(io.BytesIO(png))
    assert motcua.decode_image(img)[0]["text"] == text
    assert motcua.decode_image(img.convert("RGB"))[0]["text"] == text
    grey = img.convert("L")
    assert motcua.decode_pixels(grey.tobytes(), *grey.size)[0]["text"] == text
    raises("image_no_qr", motcua.decode_pixels, bytes(64 * 64), 64, 64)
    raises("image_buffer_short", motcua.decode_pixels, bytes(10), 64, 64)
    raises("invalid_argument", motcua.decode_pixels, bytes(64 * 64), 64, 64, channels=3)


def test_decode_image_from_numpy():
    np = pytest.importorskip("numpy")
    PIL = pytest.importorskip("PIL.Image")
    png = motcua.qr_png("https://dichvucong.gov.vn/", scale=4)
    img = PIL.open(io.BytesIO(png))
    for mode in ["L", "RGB", "RGBA"]:
        arr = np.asarray(img.convert(mode))
        assert motcua.decode_image(arr)[0]["text"] == "https://dichvucong.gov.vn/", mode
    with pytest.raises(TypeError):
        motcua.decode_image(np.zeros((4, 4), dtype=np.float32))


def test_version_and_types_ship_with_the_package():
    import importlib.resources as r

    assert motcua.__version__ == motcua.version()
    files = {p.name for p in r.files("motcua").iterdir()}
    assert {"__init__.pyi", "py.typed"} <= files
