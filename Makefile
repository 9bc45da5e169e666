# Strided's commands. Each target first installs what it needs.
#   make demo                 run the main example
#   make test                 run every test
#   make bench ARGS="view"    run the benchmarks whose names start with the prefixes, beside NumPy
#   make docs                 build the DocC documentation into .build/docs

SWIFT ?= swift
ARGS ?=
SUDO := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo)

.PHONY: deps demo test bench docs clean

# The system libraries Strided needs, found through pkg-config: OpenBLAS,
# and zlib for .npz archives (through ZIPFoundation).
deps:
	@if ! pkg-config --exists openblas zlib 2>/dev/null; then \
	  echo "Installing libopenblas-dev, zlib1g-dev and pkg-config..."; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  $(SUDO) apt-get install -y -qq libopenblas-dev zlib1g-dev pkg-config >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libopenblas-dev zlib1g-dev pkg-config; }; \
	fi

demo: deps
	$(SWIFT) run byte-buffer

# The DLPack shared library is built first: a test hands it to NumPy.
test: deps
	$(SWIFT) build --product StridedDLPack
	$(SWIFT) test

# The build plan and module cache are dropped first: SwiftPM can miss source
# files and C headers added to the parent package since the last build.
bench: deps
	rm -rf Benchmarks/.build/release/description.json Benchmarks/.build/release/ModuleCache
	cd Benchmarks && $(SWIFT) build -c release --product strided-bench
	python3 Benchmarks/compare.py --strided Benchmarks/.build/release/strided-bench -- $(ARGS)

docs: deps
	$(SWIFT) build --target Strided -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc .build/symbol-graphs
	docc convert Sources/Strided/Strided.docc --fallback-display-name Strided --fallback-bundle-identifier org.strided.Strided \
	  --additional-symbol-graph-dir .build/symbol-graphs --output-path .build/docs
	@echo "Documentation written to .build/docs"

clean:
	rm -rf .build Benchmarks/.build
