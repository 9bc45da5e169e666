// swift-tools-version: 6.1
// Strided's benchmarks: a separate package, so users of Strided never build them.
import PackageDescription

let package = Package(
  name: "StridedBenchmarks",
  dependencies: [
    .package(name: "Strided", path: "..")
  ],
  targets: [
    .executableTarget(
      name: "strided-bench",
      dependencies: [
        .product(name: "Strided", package: "Strided"),
        "BenchmarkSupport",
      ]
    ),
    // The distributed workloads, run under mpirun by `make bench-distributed`.
    .executableTarget(
      name: "strided-dist-bench",
      dependencies: [
        .product(name: "Strided", package: "Strided"),
        .product(name: "StridedMPI", package: "Strided"),
      ]
    ),
    // Counts heap allocations (standing in for malloc and friends) and sinks values opaquely.
    .target(name: "BenchmarkSupport"),
  ],
  swiftLanguageModes: [.v6]
)
