"""Re-checking an archive of CCCD scans that outgrows one machine: motcua
inside Spark, as a pandas_udf (each executor runs the wheel on a batch of
rows at a time; install the wheel on every executor, e.g. with
`spark.archives` or the cluster's package manager).

    python spark_scans.py            # local mode: a small synthetic column

The UDF returns a struct per scan (ok, error, id masked, the checks an
archive re-check needs); add the columns you need from `motcua.scan_table`.
"""

import pandas as pd

import motcua

SCHEMA = "ok boolean, error string, id_masked string, birth_date string, sex string, province string, expired boolean, repairs string"


def check(scans: pd.Series) -> pd.DataFrame:
    """The UDF's body, plain pandas: a column of scans -> the checks (as of
    today in Vietnam)."""
    table = motcua.scan_table(scans)
    masked = motcua.scan_table(scans, masked=True)
    return pd.DataFrame(
        {
            "ok": table["ok"],
            "error": table["error"],
            "id_masked": masked["id"],
            "birth_date": table["birth_date"],
            "sex": table["sex"],
            "province": table["province"],
            "expired": table["expired"],
            "repairs": table["repairs"],
        },
        index=scans.index,
    )


def spark_check(df, column="scan"):
    """`df` with a `check` struct column added, computed by motcua on the executors."""
    from pyspark.sql.functions import col, pandas_udf

    udf = pandas_udf(check, SCHEMA)
    return df.withColumn("check", udf(col(column)))


def main():
    import os
    import sys

    from pyspark.sql import SparkSession

    # Local mode: the workers use this interpreter (with the wheel in it).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = SparkSession.builder.master("local[2]").appName("motcua-scans").getOrCreate()
    try:
        samples = [s["payload"] for s in motcua.card_samples()]
        df = spark.createDataFrame([(s,) for s in samples * 200 + ["broken"]], "scan string")
        out = spark_check(df).select("check.*")
        out.groupBy("ok", "error").count().show()
        out.where("ok").select("id_masked", "province", "repairs").show(5, truncate=False)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
