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
        "MallocCounter",
      ]
    ),
    // Counts heap allocations by standing in for malloc and friends.
    .target(name: "MallocCounter"),
  ],
  swiftLanguageModes: [.v6]
)
