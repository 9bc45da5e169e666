#!/usr/bin/env python3
"""Runs Strided's benchmark and NumPy's side of the same workloads, then
prints every JSON line and a table of the ratios (Strided ÷ NumPy, and
Strided ÷ the raw BLAS or LAPACK call for the workloads that come down to
one).

Usage: compare.py --strided PATH [--json FILE] [--report FILE [--section NAME]]
                  [--chart FILE] [--headline FILE] -- [NAME_PREFIX ...]

--report rewrites the part of a markdown file between the lines
"<!-- bench:begin -->" and "<!-- bench:end -->" (or another section
named by --section) with the machine, the
versions and the full table; --chart draws the ratios to a PNG (with
matplotlib); --headline rewrites the part between "<!-- headline:begin -->"
and "<!-- headline:end -->" with a short table of a few workloads. All three
are meant for a run of every workload.
"""
import datetime
import json
import os
import platform
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(command, env=None):
    """Runs a benchmark command, echoing and collecting its JSON lines."""
    rows = []
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
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


def format_ratio(ratio):
    """Two decimals, or three below 0.1, where two would hide the target."""
    return f"{ratio:.3f}" if ratio < 0.1 else f"{ratio:.2f}"


def format_ns(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def output_of(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine():
    """The machine and the versions a run was measured with."""
    cpu = "unknown"
    flags = []
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name") and cpu == "unknown":
                    cpu = line.split(":", 1)[1].strip()
                if line.startswith("flags") and not flags:
                    flags = line.split(":", 1)[1].split()
    except OSError:
        pass
    vector = [f for f in ("avx2", "fma", "avx512f", "avx512dq", "avx512bw", "avx512vl") if f in flags]
    # The level Strided's hand-vectorized C kernels were told to use (see
    # Sources/CStrided/include/Isa.h): the processor's best unless
    # STRIDED_ISA lowers it.
    isa = os.environ.get("STRIDED_ISA", "")
    kernels = {"avx2": "AVX2 (STRIDED_ISA=avx2)", "baseline": "portable loops (STRIDED_ISA=baseline)"}.get(
        isa, "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "portable loops")
    system = platform.platform()
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    system = line.split("=", 1)[1].strip().strip('"') + f", Linux {platform.release()}"
    except OSError:
        pass
    pages = "unknown"
    try:
        with open("/sys/kernel/mm/transparent_hugepage/enabled") as f:
            pages = f.read().strip()
    except OSError:
        pass
    numpy = output_of([sys.executable, "-c", "import numpy; print(numpy.__version__)"])
    numpy_blas = output_of([sys.executable, "-c",
                            "import numpy; c = numpy.show_config(mode='dicts'); "
                            "b = c['Build Dependencies']['blas']; print(b['name'], b.get('version', ''))"])
    return [
        ("Processor", f"{cpu}, {os.cpu_count()} cores"),
        ("Vector extensions", ", ".join(vector) if vector else "none of AVX2, FMA, AVX-512"),
        ("Strided's C kernels", kernels),
    ] + ([("NumPy's kernels", "without " + os.environ["NPY_DISABLE_CPU_FEATURES"] + " (NPY_DISABLE_CPU_FEATURES)")]
         if os.environ.get("NPY_DISABLE_CPU_FEATURES") else []) + ([
        ("OpenBLAS kernels (both)", os.environ["OPENBLAS_CORETYPE"] + " (OPENBLAS_CORETYPE)")]
         if os.environ.get("OPENBLAS_CORETYPE") else []) + [
        ("System", system),
        ("Transparent huge pages", pages),
        ("Swift", output_of(["swift", "--version"]).splitlines()[0] if output_of(["swift", "--version"]) else "unknown"),
        ("OpenBLAS (Strided)", output_of(["pkg-config", "--modversion", "openblas"])),
        ("Python", platform.python_version()),
        ("NumPy", f"{numpy} (BLAS: {numpy_blas})"),
    ]


def table(rows):
    """Rows of (name, strided ns, numpy ns, strided/numpy, strided/cblas, allocations, strided/numexpr)."""
    by_name = {}
    for row in rows:
        by_name.setdefault(row["name"], {})[row["impl"]] = row
    result = []
    for name in [r["name"] for r in rows if r["impl"] == "strided"]:
        entry = by_name[name]
        s = entry["strided"]["median_ns"]
        n = entry.get("numpy", {}).get("median_ns")
        # The raw BLAS or LAPACK call the workload comes down to, where the
        # benchmark times one (impl "cblas", the same name).
        raw = entry.get("cblas", {}).get("median_ns")
        # numexpr's time, for the fused-expression workloads.
        numexpr = entry.get("numexpr", {}).get("median_ns")
        result.append((name, s, n, s / n if n else None, s / raw if raw else None,
                       entry["strided"].get("allocations_per_call"), s / numexpr if numexpr else None))
    return result


def memory_lines(rows):
    """Markdown lines for the workloads that report their peak memory (impl "memory")."""
    rows = [r for r in rows if r.get("impl") == "memory"]
    if not rows:
        return []
    mib = lambda b: f"{b / 2**20:.1f} MiB"
    lines = ["", "Peak memory: what one call adds to the process's peak resident size above the inputs "
             "(measured before the workload is timed; Linux's `VmHWM` after resetting it).", "",
             "| workload | fused | eager | output |", "|---|---:|---:|---:|"]
    lines += [f"| `{r['name']}` | {mib(r['peak_above_inputs_bytes'])} | {mib(r['eager_peak_above_inputs_bytes'])} | "
              f"{mib(r['output_bytes'])} |" for r in rows]
    return lines


def typecheck_lines(strided):
    """Markdown lines: how long the marked lines of Benchmarks/TypeCheck take to type-check.

    Each file is checked with `swiftc -typecheck` against the release module
    the benchmark was built with; the compiler reports every expression that
    takes a millisecond or more (`-warn-long-expression-type-checking=1`), and
    a line it does not report took less than that.
    """
    import re
    build = os.path.dirname(os.path.realpath(strided))
    package = os.path.dirname(HERE)
    flags = ["-I", os.path.join(build, "Modules"), "-I", os.path.join(package, "Sources/CStrided/include"),
             "-Xcc", "-fmodule-map-file=" + os.path.join(build, "CStrided.build/module.modulemap"),
             "-Xcc", "-fmodule-map-file=" + os.path.join(package, "Sources/COpenBLAS/module.modulemap"),
             "-Xcc", "-fmodule-map-file=" + os.path.join(
                 HERE, ".build/checkouts/swift-numerics/Sources/_NumericsShims/include/module.modulemap"),
             "-Xfrontend", "-warn-long-expression-type-checking=1"]
    folder = os.path.join(HERE, "TypeCheck")
    results = []
    for name in sorted(n for n in os.listdir(folder) if n.endswith(".swift")):
        path = os.path.join(folder, name)
        lines = open(path).read().splitlines()
        out = subprocess.run([os.environ.get("SWIFTC", "swiftc"), "-typecheck"] + flags + [path],
                             capture_output=True, text=True)
        if out.returncode != 0:
            errors = [l for l in out.stderr.splitlines() if "error:" in l] or ["(no message)"]
            results.append((name, "does not type-check: " + errors[0].split("error:", 1)[-1].strip()[:100]))
            continue
        took = {}
        for m in re.finditer(r":(\d+):\d+: warning: expression took (\d+)ms", out.stderr):
            took[int(m.group(1))] = max(took.get(int(m.group(1)), 0), int(m.group(2)))
        for number, line in enumerate(lines, 1):
            if "// typecheck: " in line:
                ms = took.get(number, 0)
                results.append((line.split("// typecheck: ")[1], f"{ms} ms" if ms else "< 1 ms"))
    if not results:
        return []
    out = ["", "Type-check time of one line, as a user writes it (`swiftc -typecheck` against the release "
           "module, Benchmarks/TypeCheck):", "", "| line | type-check |", "|---|---:|"]
    return out + [f"| {label} | {time} |" for label, time in results]


def scaling(entries):
    """(name, one-thread ns, all-threads ns, speed-up) for every workload also run as NAME_t1."""
    by_name = {name: s for name, s, *_ in entries}
    return [(name, by_name[name + "_t1"], s, by_name[name + "_t1"] / s)
            for name, s, *_ in entries if name + "_t1" in by_name and s]


def print_table(entries):
    print()
    print(f"{'workload':<28} {'strided':>10} {'numpy':>10} {'ratio':>7} {'÷cblas':>7} {'÷numexpr':>8}  allocations/call")
    for name, s, n, ratio, cblas, allocations, numexpr in entries:
        if name.endswith("_t1"):
            continue
        print(f"{name:<28} {format_ns(s):>10} {format_ns(n) if n else '-':>10} "
              f"{f'{ratio:.3f}' if ratio else '-':>7} {f'{cblas:.2f}' if cblas else '-':>7} "
              f"{f'{numexpr:.2f}' if numexpr else '-':>8}  {'' if allocations is None else allocations}")
    rows = scaling(entries)
    if rows:
        print()
        print(f"{'workload':<28} {'1 thread':>10} {'all':>10} {'speed-up':>9}")
        for name, one, every, speedup in rows:
            print(f"{name:<28} {format_ns(one):>10} {format_ns(every):>10} {speedup:>8.2f}×")


HEADLINE = [
    ("view_transpose_2d", "a transposed view"),
    ("view_slice_2d", "a stepped slice"),
    ("copy_transposed_f64_4096", "C-ordered copy of a transposed 4096² matrix"),
    ("add_f64_1e7", "x + y, 10⁷ doubles"),
    ("add_transposed_f64_4096", "m.T + m, 4096²"),
    ("sum_f64_1e7", "sum of 10⁷ doubles"),
    ("exp_f64_1e6", "exp of 10⁶ doubles"),
    ("matmul_f64_n16", "16 × 16 matmul"),
    ("matmul_f64_n1024", "1024 × 1024 matmul"),
    ("solve_f64_512", "solve, 512 × 512"),
    ("npy_load_f64_2048", "read a 32 MiB .npy file"),
]


def replace_section(path, marker, lines):
    begin_mark, end_mark = f"<!-- {marker}:begin -->", f"<!-- {marker}:end -->"
    with open(path) as f:
        text = f.read()
    begin, end = text.find(begin_mark), text.find(end_mark)
    if begin < 0 or end < 0:
        sys.exit(f"{path} has no {begin_mark} ... {end_mark} section")
    text = text[:begin] + "\n".join([begin_mark] + lines + [end_mark]) + text[end + len(end_mark):]
    with open(path, "w") as f:
        f.write(text)
    print(f"wrote the {marker} table to {path}")


def write_headline(path, entries):
    by_name = {name: (ratio, cblas) for name, _, _, ratio, cblas, _, _ in entries}
    lines = ["| workload | Strided ÷ NumPy |", "|---|---:|"]
    for name, label in HEADLINE:
        ratio, cblas = by_name.get(name, (None, None))
        if ratio:
            extra = f" ({cblas:.2f} × the raw BLAS call)" if cblas else ""
            lines.append(f"| {label} (`{name}`) | {format_ratio(ratio)}{extra} |")
    replace_section(path, "headline", lines)


def write_report(path, entries, chart, section="bench", memory=()):
    lines = ["", "Measured by `make bench` on "
             f"{datetime.date.today().isoformat()}, the two sides one after the other on the same machine:", ""]
    lines += [f"- {key}: {value}" for key, value in machine()]
    lines += ["", "| workload | Strided | NumPy | Strided ÷ NumPy | Strided ÷ raw BLAS call | Strided ÷ numexpr |",
              "|---|---:|---:|---:|---:|---:|"]
    for name, s, n, ratio, cblas, allocations, numexpr in entries:
        if name.endswith("_t1"):
            continue
        note = f" ({allocations:g} allocations a call)" if allocations is not None else ""
        lines.append(f"| `{name}`{note} | {format_ns(s)} | {format_ns(n) if n else '–'} | "
                     f"{format_ratio(ratio) if ratio else '–'} | {f'{cblas:.2f}' if cblas else '–'} | "
                     f"{f'{numexpr:.2f}' if numexpr else '–'} |")
    rows = scaling(entries)
    if rows:
        lines += ["", f"Threads: the same workloads with `Parallelism.threadCount = 1` (the `_t1` rows of "
                  f"the JSON lines) and with all {os.cpu_count()} processors; NumPy uses one thread for these.", "",
                  "| workload | 1 thread | all threads | speed-up |", "|---|---:|---:|---:|"]
        lines += [f"| `{name}` | {format_ns(one)} | {format_ns(every)} | {speedup:.2f}× |"
                  for name, one, every, speedup in rows]
    lines += list(memory)
    if chart:
        lines += ["", f"![Strided's time ÷ NumPy's time for each workload]({os.path.basename(chart)})"]
    lines.append("")
    replace_section(path, section, lines)


def draw_chart(path, entries):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no chart drawn", file=sys.stderr)
        return False

    measured = [(name, ratio) for name, _, _, ratio, _, _, _ in entries if ratio]
    names = [name for name, _ in measured][::-1]
    ratios = [ratio for _, ratio in measured][::-1]
    colors = ["#2b8a3e" if r <= 1 else "#c92a2a" for r in ratios]
    fig, ax = plt.subplots(figsize=(8, 0.28 * len(names) + 1.4))
    ax.barh(names, ratios, color=colors)
    ax.axvline(1, color="black", linewidth=1)
    ax.set_xscale("log")
    ax.set_xlabel("Strided time ÷ NumPy time (log scale; left of 1 is faster)")
    ax.set_title("Strided against NumPy, same machine, same run")
    for y, r in enumerate(ratios):
        ax.text(r * 1.05, y, f"{r:.2f}", va="center", fontsize=7)
    ax.tick_params(axis="y", labelsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    print(f"drew the chart to {path}")
    return True


def main(argv):
    def option(name):
        return argv[argv.index(name) + 1] if name in argv else None

    strided = option("--strided")
    prefixes = argv[argv.index("--") + 1:] if "--" in argv else []
    rows = run([strided] + prefixes)
    module = option("--python-module")
    if module and has_numpy():
        # The Python workloads, through the extension module.
        env = dict(os.environ, PYTHONPATH=module)
        rows += run([sys.executable, os.path.join(HERE, "python_side.py")] + prefixes, env=env)
    if has_numpy():
        rows += run([sys.executable, os.path.join(HERE, "numpy_side.py")] + prefixes)
        rows += run([sys.executable, os.path.join(HERE, "numexpr_side.py")] + prefixes)
    else:
        print("NumPy is not installed: showing Strided's side only.", file=sys.stderr)
    if option("--json"):
        with open(option("--json"), "w") as f:
            for row in rows:
                f.write(json.dumps(row) + "\n")
    entries = table(rows)
    print_table(entries)
    memory = memory_lines(rows)
    if not prefixes:
        memory += typecheck_lines(strided)
    print("\n".join(memory))
    chart = option("--chart")
    if chart and not draw_chart(chart, entries):
        chart = None
    if option("--report"):
        write_report(option("--report"), entries, chart, option("--section") or "bench", memory)
    if option("--headline"):
        write_headline(option("--headline"), entries)


if __name__ == "__main__":
    main(sys.argv[1:])
