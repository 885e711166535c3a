"""The Spark example (a pandas_udf) in local mode. scripts/test-python runs
this file in its own venv (pyspark wants pandas 2 and pyarrow); elsewhere
it is skipped when pyspark is not installed."""

import importlib.util
import os
import pathlib
import sys

import pytest

import motcua

pyspark = pytest.importorskip("pyspark")
EXAMPLE = pathlib.Path(__file__).resolve().parent.parent / "examples" / "spark_scans.py"


def test_the_udf_checks_a_column_on_spark():
    from pyspark.sql import SparkSession

    spec = importlib.util.spec_from_file_location("spark_scans", EXAMPLE)
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = SparkSession.builder.master("local[2]").appName("motcua-test").getOrCreate()
    try:
        samples = [s["payload"] for s in motcua.card_samples()]
        df = spark.createDataFrame([(s,) for s in samples * 40 + ["broken", None]], "scan string")
        rows = example.spark_check(df).select("scan", "check.*").collect()
    finally:
        spark.stop()
    assert len(rows) == 202
    bad = [r for r in rows if not r["ok"]]
    assert sorted(r["error"] for r in bad) == ["empty", "field_count"]
    for r in rows:
        if r["ok"]:
            card = motcua.scan_card(r["scan"])
            assert r["id_masked"] == motcua.mask_id(card["id"])
            assert (r["province"], r["sex"], r["repairs"]) == (card["province"], card["sex"], ",".join(card["repairs"]))
