#!/usr/bin/env bash
# A package that depends only on the Strided product builds with no warning
# at all. `make test-dependent` (and so `make test`) runs this:
#
#   1. Strided's manifest declares no system library beyond the ones a plain
#      build needs (ALLOWED_PKG_CONFIG): SwiftPM looks up the pkg-config name
#      of every system library of every package it loads, and warns for each
#      one it cannot find, so an optional library there (OpenMPI, ScaLAPACK)
#      would warn on every machine without it. Checked from the manifest, so
#      the check holds on machines where those libraries are installed.
#   2. A new package, made from scratch in a temporary folder, depends on this
#      repository by path and uses the Strided product alone; `swift build`
#      (debug, with a scratch path of its own) must succeed and print no line
#      with "warning:" in it (in any case): no pkg-config warning, no compiler
#      warning in Strided's sources, nothing from SwiftPM.
#   3. Its program must print what it computed.
#
# The new package adds no dependency of its own: it resolves exactly the
# packages Strided's manifest names. SWIFT names the swift driver (default
# swift). The temporary folder is removed at the end, whatever the outcome.
set -euo pipefail

ALLOWED_PKG_CONFIG="openblas"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
read -r -a swift <<<"${SWIFT:-swift}"
python="${PYTHON:-python3}"

case "$root" in
  *'"'* | *'\'*)
    echo "FAILED: the repository path $root holds a quote or a backslash; it cannot go into a manifest" >&2
    exit 1
    ;;
esac

work="$(mktemp -d "${TMPDIR:-/tmp}/strided-dependent.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# 1. The system libraries of Strided's manifest.
echo "Checking the system libraries declared by $root/Package.swift"
"${swift[@]}" package --package-path "$root" --scratch-path "$work/manifest" dump-package >"$work/manifest.json"
ALLOWED_PKG_CONFIG="$ALLOWED_PKG_CONFIG" "$python" - "$work/manifest.json" <<'EOF'
import json
import os
import sys

allowed = set(os.environ["ALLOWED_PKG_CONFIG"].split())
with open(sys.argv[1]) as f:
    manifest = json.load(f)
system = [t for t in manifest["targets"] if t.get("type") == "system" or t.get("pkgConfig")]
if not system:
    sys.exit("FAILED: dump-package lists no system library at all (expected COpenBLAS): is its format the one this script reads?")
extra = [f"{t['name']} (pkg-config {t.get('pkgConfig')})" for t in system if t.get("pkgConfig") not in allowed]
if extra:
    sys.exit(
        "FAILED: Package.swift declares system libraries a plain build does not need: "
        + ", ".join(extra)
        + ". Every package that depends on Strided would look them up with pkg-config and warn where they are"
        + " missing; give them a package of their own (as Distributed/ is for OpenMPI and ScaLAPACK).")
print("system libraries:", ", ".join(f"{t['name']} ({t.get('pkgConfig')})" for t in system))
EOF

# 2. A new package that uses the Strided product alone.
app="$work/app"
mkdir -p "$app/Sources/quiet-dependent"
cat >"$app/Package.swift" <<EOF
// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "QuietDependent",
  dependencies: [
    .package(name: "Strided", path: "$root")
  ],
  targets: [
    .executableTarget(
      name: "quiet-dependent",
      dependencies: [.product(name: "Strided", package: "Strided")]
    )
  ],
  swiftLanguageModes: [.v6]
)
EOF
cat >"$app/Sources/quiet-dependent/main.swift" <<'EOF'
import Strided

let m = try NDArray<Double>.arange(to: 6).reshaped(to: [2, 3])  // [[0, 1, 2], [3, 4, 5]]
let gram = m.transposed().matmul(m)  // 3 × 3, through BLAS
print(m.sum(), gram[item: 2, 2])
EOF

echo "Building a package that depends on the Strided product alone, in $app"
log="$work/build.log"
status=0
"${swift[@]}" build --package-path "$app" --scratch-path "$app/.build" >"$log" 2>&1 || status=$?
cat "$log"
if [ "$status" -ne 0 ]; then
  echo "FAILED: the dependent package did not build (exit status $status)" >&2
  exit 1
fi
if grep -qi 'warning:' "$log"; then
  echo "FAILED: building a package that depends on Strided alone printed warnings:" >&2
  grep -i 'warning:' "$log" >&2
  exit 1
fi

# 3. Its program's output: the sum of 0 … 5, and (mᵀ·m)[2, 2] = 2·2 + 5·5.
bin="$("${swift[@]}" build --package-path "$app" --scratch-path "$app/.build" --show-bin-path)"
output="$("$bin/quiet-dependent")" || {
  echo "FAILED: the dependent program exited with status $?" >&2
  exit 1
}
expected="15.0 29.0"
if [ "$output" != "$expected" ]; then
  echo "FAILED: the dependent program printed '$output', not '$expected'" >&2
  exit 1
fi
echo "The dependent package built with no warning and printed '$output'"
