#!/usr/bin/env python3
"""Runs Strided's benchmark and NumPy's side of the same workloads, then
prints every JSON line and a table of the ratios (Strided ÷ NumPy).

Usage: compare.py --strided PATH [--json FILE] -- [NAME_PREFIX ...]
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command):
    """Runs a benchmark command, echoing and collecting its JSON lines."""
    rows = []
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    for line in process.stdout:
        line = line.strip()
        if not line.startswith("{"):
            continue
        print(line, flush=True)
        rows.append(json.loads(line))
    if process.wait() != 0:
        sys.exit(f"benchmark command failed: {' '.join(command)}")
    return rows


def has_numpy():
    return subprocess.run([sys.executable, "-c", "import numpy"], capture_output=True).returncode == 0


def format_ns(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def main(argv):
    strided = argv[argv.index("--strided") + 1]
    json_out = argv[argv.index("--json") + 1] if "--json" in argv else None
    prefixes = argv[argv.index("--") + 1:] if "--" in argv else []
    rows = run([strided] + prefixes)
    if has_numpy():
        rows += run([sys.executable, os.path.join(HERE, "numpy_side.py")] + prefixes)
    else:
        print("NumPy is not installed: showing Strided's side only.", file=sys.stderr)
    if json_out:
        with open(json_out, "w") as f:
            for row in rows:
                f.write(json.dumps(row) + "\n")

    table = {}
    for row in rows:
        table.setdefault(row["name"], {})[row["impl"]] = row
    names = [r["name"] for r in rows if r["impl"] == "strided"]
    print()
    print(f"{'workload':<28} {'strided':>10} {'numpy':>10} {'ratio':>7}  allocations/call")
    for name in names:
        entry = table[name]
        s = entry["strided"]["median_ns"]
        n = entry.get("numpy", {}).get("median_ns")
        ratio = f"{s / n:.3f}" if n else "-"
        allocations = entry["strided"].get("allocations_per_call")
        print(f"{name:<28} {format_ns(s):>10} {format_ns(n) if n else '-':>10} {ratio:>7}  "
              f"{'' if allocations is None else allocations}")


if __name__ == "__main__":
    main(sys.argv[1:])
