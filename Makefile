# Strided's commands. Each target first installs what it needs.
#   make demo                 run the main example
#   make test                 run every test
#   make test-dependent       build a new package that depends on Strided alone: no warning allowed
#   make bench                run every benchmark beside NumPy; rewrite docs/performance.md and its chart
#   make bench ARGS="view"    run the benchmarks whose names start with the prefixes, beside NumPy
#   make bench-avx2           every benchmark with the C kernels held to AVX2 (STRIDED_ISA=avx2);
#                             rewrites docs/performance.md's AVX2 table
#   make docs                 build the DocC documentation into .build/docs
#   make fuzz FUZZ_SECONDS=N  run each fuzz target for N seconds (libFuzzer, address sanitizer)
#   make test-sanitize        run every test under the address sanitizer, then the thread sanitizer
#   make test-release         run the kernel sweep (every length, offset, layout, block edge) in a release build
#   make test-distributed     the distributed tests (the Distributed/ package) on 1, 2 and 4 MPI processes
#   make demo-distributed     solve and multiply 4096 × 4096 matrices on 4 MPI processes
#   make bench-distributed    time the distributed workloads on 1, 2 and 4 processes
#   make bench-crossover      time Strided's small-matrix kernel against BLAS, shape by shape

SWIFT ?= swift
ARGS ?=
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := format npy npz views
SUDO := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo)

.PHONY: deps deps-mpi demo demo-distributed test test-c-kernels test-release test-distributed test-dependent bench-distributed bench-crossover python-module test-sanitize test-asan test-tsan fuzz bench bench-avx2 docs clean

# The system libraries Strided needs, found through pkg-config: OpenBLAS,
# and zlib for .npz archives.
deps:
	@if ! pkg-config --exists openblas zlib 2>/dev/null; then \
	  echo "Installing libopenblas-dev, zlib1g-dev and pkg-config..."; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get install -y -qq libopenblas-dev zlib1g-dev pkg-config >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libopenblas-dev zlib1g-dev pkg-config; }; \
	fi

# OpenMPI and ScaLAPACK, for the StridedMPI package (Distributed/), its
# tests, example and benchmark.
deps-mpi:
	@if ! pkg-config --exists ompi-c scalapack-openmpi 2>/dev/null || ! command -v mpirun >/dev/null; then \
	  echo "Installing libopenmpi-dev, openmpi-bin and libscalapack-openmpi-dev..."; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get install -y -qq libopenmpi-dev openmpi-bin libscalapack-openmpi-dev >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libopenmpi-dev openmpi-bin libscalapack-openmpi-dev; }; \
	fi

# mpirun as the tests and examples use it: more processes than cores are
# allowed, processes are not pinned to one core each (so a single process
# keeps every core), and root may run it (as in containers).
MPIRUN := mpirun --oversubscribe --bind-to none $(if $(filter 0,$(shell id -u)),--allow-run-as-root)

demo: deps
	$(SWIFT) run -c release matmul

# The DLPack shared library is built first: a test hands it to NumPy. The
# Python extension module is built and its tests run with the python3 on
# the path.
test: deps deps-mpi
	@$(PYTHON) -c "import numpy" 2>/dev/null || $(PYTHON) -m pip install --quiet numpy
	$(MAKE) python-module PYTHON_MODULE_CONFIG=debug
	$(SWIFT) build --product StridedDLPack
	$(SWIFT) test
	$(MAKE) test-c-kernels
	PYTHONPATH=$(PYTHON_MODULE_DIR) $(PYTHON) -m unittest discover -s Tests/Python -v
	$(MAKE) test-distributed
	$(MAKE) test-dependent

# The C kernels' own tests, against plain C references, built as the
# package builds them (optimised, no vector flags: each function names its
# target).
C_KERNEL_FLAGS = -O2 -Wall -Wextra -ISources/CStrided/include -ISources/CStrided
test-c-kernels:
	mkdir -p .build
	clang $(C_KERNEL_FLAGS) Tests/CKernels/SortTest.c Sources/CStrided/Sort.c Sources/CStrided/Isa.c -o .build/sort-test
	clang $(C_KERNEL_FLAGS) -DSTRIDED_SORT_DEPTH_PER_LEVEL=0 Tests/CKernels/SortTest.c Sources/CStrided/Sort.c \
	  Sources/CStrided/Isa.c -o .build/sort-test-heapsort
	.build/sort-test
	.build/sort-test-heapsort

# The kernel sweep in a release build: optimised code has disagreed with
# debug code before (a vector call whose arguments the compiler passed on
# the stack), so the sweep runs in both: here as a program (the whole test
# suite is not built in release), after make test in CI.
test-release: deps
	$(SWIFT) build -c release --product kernel-sweep
	"$$($(SWIFT) build -c release --show-bin-path)/kernel-sweep"

# StridedMPI is a package of its own (Distributed/, depending on this one at
# ".."), built in Distributed/.build. As for bench, its build plan and module
# cache are dropped first: SwiftPM can miss source files and C headers added
# to the parent package since the last build.
DISTRIBUTED := --package-path Distributed

# The distributed tests on 1, 2 and 4 processes (each compares with the
# single-process result on every grid its process count allows), then the
# example on a small matrix. One BLAS thread per process; a time limit, so a
# collective that never completes fails the run instead of hanging it.
test-distributed: deps deps-mpi
	rm -rf Distributed/.build/*/debug/description.json Distributed/.build/*/debug/ModuleCache
	$(SWIFT) build $(DISTRIBUTED) --product strided-mpi-tests
	$(SWIFT) build $(DISTRIBUTED) --product distributed
	bin="$$($(SWIFT) build $(DISTRIBUTED) --show-bin-path)"; \
	for np in 1 2 4; do \
	  OPENBLAS_NUM_THREADS=1 STRIDED_NUM_THREADS=1 timeout 600 $(MPIRUN) -np $$np "$$bin/strided-mpi-tests" || exit 1; \
	done; \
	OPENBLAS_NUM_THREADS=1 STRIDED_NUM_THREADS=1 timeout 600 $(MPIRUN) -np 4 "$$bin/distributed" 300; \
	echo "A process that dies: the job must end with an error, not hang."; \
	timeout 120 $(MPIRUN) -np 2 "$$bin/strided-mpi-tests" --rank-dies >/dev/null 2>&1; rc=$$?; \
	if [ $$rc -eq 0 ] || [ $$rc -eq 124 ]; then echo "FAILED: exit status $$rc"; exit 1; fi; \
	echo "ended with exit status $$rc"

demo-distributed: deps deps-mpi
	rm -rf Distributed/.build/*/release/description.json Distributed/.build/*/release/ModuleCache
	$(SWIFT) build $(DISTRIBUTED) -c release --product distributed
	OPENBLAS_NUM_THREADS=1 STRIDED_NUM_THREADS=1 $(MPIRUN) -np 4 "$$($(SWIFT) build $(DISTRIBUTED) -c release --show-bin-path)/distributed" 4096

# A package that depends only on the Strided product, made from scratch in
# a temporary folder and built there (debug, its own scratch path): the build
# must print no warning at all (no pkg-config look-up of a library it did not
# ask for, no compiler warning in Strided's sources), and the program must
# print what it computed. The script also checks that Package.swift declares
# no system library beyond OpenBLAS, so the check holds where OpenMPI and
# ScaLAPACK happen to be installed.
test-dependent: deps
	SWIFT="$(SWIFT)" bash Tests/Package/quiet-dependent.sh

# The `strided` CPython extension module, for the python3 on the path (or
# PYTHON=...): the Swift library, then the C module against that Python's
# headers (from sysconfig), into .build/python.
PYTHON ?= python3
PYTHON_MODULE_DIR := $(CURDIR)/.build/python
PYTHON_MODULE_CONFIG ?= release
python-module: deps
	$(SWIFT) build -c $(PYTHON_MODULE_CONFIG) --product StridedPython
	@mkdir -p $(PYTHON_MODULE_DIR)
	bin="$$($(SWIFT) build -c $(PYTHON_MODULE_CONFIG) --show-bin-path)"; \
	include="$$($(PYTHON) -c 'import sysconfig; print(sysconfig.get_paths()["include"])')"; \
	suffix="$$($(PYTHON) -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')"; \
	cc -shared -fPIC -O2 -Wall -Wextra -I"$$include" -ISources/CStrided/include \
	  Sources/StridedPython/Module/stridedmodule.c -L"$$bin" -lStridedPython -Wl,-rpath,"$$bin" \
	  -o $(PYTHON_MODULE_DIR)/strided$$suffix

# Each sanitizer builds in its own folder, so the ordinary build stays as it
# is. The DLPack test that hands the shared library to Python does not run
# here: Python would have to load the sanitizer's runtime first.
test-sanitize: test-asan test-tsan

test-asan: deps
	STRIDED_SANITIZER=address LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/leaks.supp \
	  $(SWIFT) test --sanitize=address --scratch-path .build-asan

test-tsan: deps
	STRIDED_SANITIZER=thread $(SWIFT) test --sanitize=thread --scratch-path .build-tsan

# Builds the fuzz targets of Tests/Fuzz with libFuzzer and the address
# sanitizer, then runs each for FUZZ_SECONDS from the committed seed corpus
# and regressions. New inputs go to .build/fuzz/corpus, crashes to
# .build/fuzz/crashes. Every target runs to its end; the run fails at the
# end if any target found a crash, and names them. The build plan and module
# cache are dropped first, as for bench.
fuzz: deps
	rm -rf Tests/Fuzz/.build/*/release/description.json Tests/Fuzz/.build/*/release/ModuleCache
	cd Tests/Fuzz && $(SWIFT) build -c release -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address -Xswiftc -use-ld=lld
	@failed=""; for t in $(FUZZ_TARGETS); do \
	  mkdir -p .build/fuzz/corpus/$$t .build/fuzz/crashes; \
	  echo "Fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/leaks.supp Tests/Fuzz/.build/release/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -max_len=4096 \
	    -artifact_prefix=.build/fuzz/crashes/$$t- .build/fuzz/corpus/$$t Tests/Fuzz/Corpus/$$t Tests/Fuzz/Regressions/$$t \
	    || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "crashes found by:$$failed (see .build/fuzz/crashes)"; exit 1; fi

# The build plan and module cache are dropped first: SwiftPM can miss source
# files and C headers added to the parent package since the last build.
bench: deps python-module
	rm -rf Benchmarks/.build/*/release/description.json Benchmarks/.build/*/release/ModuleCache
	cd Benchmarks && $(SWIFT) build -c release --product strided-bench
	@if [ -z "$(ARGS)" ]; then \
	  python3 -c "import matplotlib" 2>/dev/null || python3 -m pip install --quiet matplotlib || true; \
	  python3 -c "import numexpr" 2>/dev/null || python3 -m pip install --quiet numexpr || true; \
	  python3 Benchmarks/compare.py --strided Benchmarks/.build/release/strided-bench \
	    --json docs/performance.jsonl --report docs/performance.md --chart docs/performance.png \
	    --headline README.md; \
	else \
	  python3 Benchmarks/compare.py --strided Benchmarks/.build/release/strided-bench \
	    --python-module $(PYTHON_MODULE_DIR) -- $(ARGS); \
	fi

# The same as on a processor without AVX-512: Strided's hand-vectorized C
# kernels held to their AVX2 paths (STRIDED_ISA, read as Strided loads),
# NumPy's to its AVX2 ones, and both OpenBLAS libraries to their Haswell
# kernels.
bench-avx2: deps python-module
	rm -rf Benchmarks/.build/*/release/description.json Benchmarks/.build/*/release/ModuleCache
	cd Benchmarks && $(SWIFT) build -c release --product strided-bench
	STRIDED_ISA=avx2 NPY_DISABLE_CPU_FEATURES="X86_V4 AVX512_ICL AVX512_SPR" \
	  OPENBLAS_CORETYPE=Haswell python3 Benchmarks/compare.py --strided Benchmarks/.build/release/strided-bench \
	  --report docs/performance.md --section bench-avx2 -- $(ARGS)

# Strided's small-matrix kernel against a BLAS call, shape by shape (the
# crossover that routes small products; docs/performance.md has the table).
bench-crossover: deps
	@mkdir -p .build
	cc -O2 -ISources/CStrided/include Benchmarks/small_product_crossover.c Sources/CStrided/SmallProduct.c \
	  $$(pkg-config --cflags --libs openblas) -o .build/small-product-crossover
	OPENBLAS_NUM_THREADS=1 .build/small-product-crossover

# The distributed workloads beside the single-process Strided calls; the
# figures go into docs/distributed.md.
bench-distributed: deps deps-mpi
	rm -rf Distributed/.build/*/release/description.json Distributed/.build/*/release/ModuleCache
	$(SWIFT) build $(DISTRIBUTED) -c release --product strided-dist-bench
	python3 Distributed/Benchmarks/distributed.py \
	  --bench "$$($(SWIFT) build $(DISTRIBUTED) -c release --show-bin-path)/strided-dist-bench" \
	  --mpirun "$(MPIRUN)" --report docs/distributed.md

docs: deps
	$(SWIFT) build --target Strided -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc .build/symbol-graphs
	rm -rf .build/symbol-graphs-strided && mkdir -p .build/symbol-graphs-strided
	cp .build/symbol-graphs/Strided.symbols.json .build/symbol-graphs/Strided@*.symbols.json .build/symbol-graphs-strided/
	docc convert Sources/Strided/Strided.docc --fallback-display-name Strided --fallback-bundle-identifier org.strided.Strided \
	  --additional-symbol-graph-dir .build/symbol-graphs-strided --output-path .build/docs
	@echo "Documentation written to .build/docs"

clean:
	rm -rf .build .build-asan .build-tsan Benchmarks/.build Distributed/.build Tests/Fuzz/.build
