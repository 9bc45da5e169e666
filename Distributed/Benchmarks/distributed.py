"""Times the distributed workloads beside the single-process Strided calls.

    python3 Distributed/Benchmarks/distributed.py --bench <strided-dist-bench> --mpirun "mpirun ..." [--report docs/distributed.md]

Runs the single-process calls (all threads), then 1 process (all threads,
so it compares with them), 2 and 4 processes (one BLAS thread each), and
prints a table; with --report, replaces the table in that file.
"""
import argparse
import os
import shlex
import subprocess
import sys

BEGIN = "<!-- distributed-bench:begin -->"
END = "<!-- distributed-bench:end -->"


def run(command, threads_per_process=None):
    env = dict(os.environ)
    if threads_per_process:
        env["OPENBLAS_NUM_THREADS"] = env["STRIDED_NUM_THREADS"] = str(threads_per_process)
    output = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    return {name: int(ns) for name, ns in (line.split() for line in output.splitlines() if line.strip())}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", required=True)
    parser.add_argument("--mpirun", default="mpirun --oversubscribe --bind-to none")
    parser.add_argument("--report")
    args = parser.parse_args()
    mpirun = shlex.split(args.mpirun)
    times = run([args.bench, "--local"])
    for processes in [1, 2, 4]:
        times.update(run(mpirun + ["-np", str(processes), args.bench], None if processes == 1 else 1))
    lines = ["| Workload | Processes | Time | × single-process Strided |", "|---|---:|---:|---:|"]
    for workload in ["dist_matmul_f64_2048", "dist_solve_f64_2048"]:
        local = times[f"{workload}_local"]
        lines.append(f"| {workload} | single-process Strided | {local / 1e6:.1f} ms | 1.00 |")
        for processes in [1, 2, 4]:
            t = times[f"{workload}_np{processes}"]
            lines.append(f"| {workload}_np{processes} | {processes} | {t / 1e6:.1f} ms | {t / local:.2f} |")
    print("\n".join(lines))
    if args.report:
        with open(args.report) as f:
            text = f.read()
        if BEGIN not in text or END not in text:
            sys.exit(f"{args.report} has no {BEGIN} … {END} section")
        head, rest = text.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        with open(args.report, "w") as f:
            f.write(head + BEGIN + "\n" + "\n".join(lines) + "\n" + END + tail)


if __name__ == "__main__":
    main()
