"""Re-checking an archive of CCCD scans with the motcua package, in pandas
and in Polars, against a plain-Python split parser.

    python batch_scans.py [N] [--json FILE]

makes N synthetic scans (default 1,000,000: the package's five samples, as
scanners deliver them, and one invalid scan in ten), reads the column with
each method, checks they agree on which scans are valid, and prints the
throughput (scans per second). scripts/bench runs it for BENCHMARKS.md;
py/tests runs it on a small column.

The plain-Python parser is what a data team writes first: split on "|",
check the field count, the 12 digits and the dates with strptime. It does
not repair what scanners break (a CR LF, mojibake, NFD), so it refuses
scans motcua repairs, and it checks less (no province code, no century/sex
digit, no expiry rule).
"""

import datetime
import json
import sys
import time

import motcua


def synthetic_scans(n):
    """n scans: the samples in turn, every tenth one broken (a lost field)."""
    samples = [s["payload"] for s in motcua.card_samples()]
    out = []
    for i in range(n):
        s = samples[i % len(samples)]
        out.append(s.rsplit("|", 1)[0] if i % 10 == 9 else s)
    return out


def plain_python(scan):
    """The naive parser: a dict of fields, or None when invalid."""
    f = scan.split("|")
    if len(f) not in (7, 11) or len(f[0]) != 12 or not f[0].isdigit() or f[4] not in ("Nam", "Nữ"):
        return None
    try:
        birth = datetime.datetime.strptime(f[3], "%d%m%Y").date()
        issue = datetime.datetime.strptime(f[6], "%d%m%Y").date()
    except ValueError:
        return None
    return {"id": f[0], "old_id": f[1] or None, "name": f[2], "birth_date": birth.isoformat(),
            "sex": "male" if f[4] == "Nam" else "female", "address": f[5], "issue_date": issue.isoformat()}


def with_pandas(column):
    """A pandas column of scans -> a DataFrame of fields, a row per scan."""
    import pandas as pd

    return pd.DataFrame(motcua.scan_table(column), index=column.index)


def with_polars(column):
    """A Polars column of scans -> a DataFrame of fields, a row per scan."""
    import polars as pl

    return pl.DataFrame(motcua.scan_table(column))


def with_plain_python(column):
    """The naive parser over a pandas column -> a DataFrame (None: invalid)."""
    import pandas as pd

    return pd.DataFrame.from_records([plain_python(s) or {"id": None} for s in column], index=column.index)


def run(n):
    """Times each method from a column that exists (the archive is read
    already) to a DataFrame of fields."""
    import pandas as pd
    import polars as pl

    scans = synthetic_scans(n)
    columns = {"pandas": pd.Series(scans, name="scan"), "polars": pl.Series("scan", scans)}
    results = {"scans": n}
    frames = {}
    for name, fn, column in [("motcua_pandas", with_pandas, columns["pandas"]),
                             ("motcua_polars", with_polars, columns["polars"]),
                             ("plain_python_pandas", with_plain_python, columns["pandas"])]:
        start = time.perf_counter()
        frames[name] = fn(column)
        seconds = time.perf_counter() - start
        results[name] = {"seconds": round(seconds, 3), "scans_per_s": round(n / seconds)}
    results["valid"] = {
        "motcua_pandas": int(frames["motcua_pandas"]["ok"].sum()),
        "motcua_polars": int(frames["motcua_polars"]["ok"].sum()),
        "plain_python_pandas": int(frames["plain_python_pandas"]["id"].notna().sum()),
    }
    return results, frames


def main(argv):
    n = int(argv[1]) if len(argv) > 1 and argv[1].isdigit() else 1_000_000
    results, _ = run(n)
    print(f"{n:,} scans, valid: {results['valid']}")
    for name in ["motcua_pandas", "motcua_polars", "plain_python_pandas"]:
        r = results[name]
        print(f"{name:>20}: {r['seconds']:7.2f} s, {r['scans_per_s']:>10,} scans/s")
    if "--json" in argv:
        import platform

        results["python"] = platform.python_version()
        results["motcua"] = motcua.__version__
        with open(argv[argv.index("--json") + 1], "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main(sys.argv)
