// swift-tools-version: 6.1
// Strided's benchmarks: a separate package, so users of Strided never build them.
// (The distributed benchmark is in Distributed/, with StridedMPI.)
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
    // Counts heap allocations (standing in for malloc and friends) and sinks values opaquely.
    .target(name: "BenchmarkSupport"),
  ],
  swiftLanguageModes: [.v6]
)
