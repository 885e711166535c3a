"""The columnar reader (scan_table) and the batch example, on a small column."""

import datetime
import importlib.util
import pathlib

import pytest

import motcua

AS_OF = datetime.date(2026, 11, 23)
EXAMPLE = pathlib.Path(__file__).resolve().parent.parent / "examples" / "batch_scans.py"


def load_example():
    spec = importlib.util.spec_from_file_location("batch_scans", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scan_table_has_a_row_per_scan_matching_scan_card():
    samples = [s["payload"] for s in motcua.card_samples()]
    scans = samples + ["broken", None]
    table = motcua.scan_table(scans, as_of=AS_OF)
    assert len({len(col) for col in table.values()}) == 1 and len(table["ok"]) == len(scans)
    for i, scan in enumerate(samples):
        card = motcua.scan_card(scan, as_of=AS_OF)
        assert table["ok"][i] is True and table["error"][i] is None
        for key in ["layout", "id", "old_id", "name", "birth_date", "sex", "address", "issue_date",
                    "expiry_date", "expired", "province_code", "province", "born_abroad"]:
            assert table[key][i] == card[key], key
        assert table["repairs"][i] == ",".join(card["repairs"])
        assert table["warnings"][i] == ",".join(card["warnings"])
    assert table["ok"][-2:] == [False, False] and table["error"][-2:] == ["field_count", "empty"]
    assert all(table[k][-1] is None for k in table if k not in ("ok", "error"))


def test_scan_table_masked_holds_no_personal_data():
    samples = [s["payload"] for s in motcua.card_samples()]
    table = motcua.scan_table(samples, as_of=AS_OF, masked=True)
    assert table["id"][0] == "*********456" and table["province_code"][0] is None
    full = motcua.scan_table(samples, as_of=AS_OF)
    for key in ["id", "old_id", "name", "address"]:
        for masked, clear in zip(table[key], full[key]):
            assert clear is None or masked != clear, key


def test_the_batch_example_agrees_in_pandas_and_polars():
    pytest.importorskip("pandas")
    pytest.importorskip("polars")
    example = load_example()
    results, frames = example.run(2000)
    # One scan in ten is broken; the naive parser also refuses what needs a
    # repair (2 of the 5 samples' kinds: CR LF, mojibake, NFD, TAB suffix).
    assert results["valid"]["motcua_pandas"] == results["valid"]["motcua_polars"] == 1800
    assert results["valid"]["plain_python_pandas"] < 1800
    # The same rows valid, with the same IDs (pandas shows a missing value as NaN).
    pandas_ids = [None if not ok else i for ok, i in zip(frames["motcua_pandas"]["ok"], frames["motcua_pandas"]["id"])]
    assert pandas_ids == frames["motcua_polars"]["id"].to_list()
    assert all(r["scans_per_s"] > 0 for k, r in results.items() if isinstance(r, dict) and "scans_per_s" in r)
