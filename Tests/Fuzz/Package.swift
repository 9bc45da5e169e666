// swift-tools-version: 6.1
// Strided's fuzz targets: a separate package, built only by `make fuzz`
// with libFuzzer and the address sanitizer. Each target links the harness
// files of Tests/StridedTests/Fuzzing (through symbolic links), the same
// code `make test` runs over the committed corpus.
import PackageDescription

let package = Package(
  name: "StridedFuzz",
  dependencies: [
    .package(name: "Strided", path: "../..")
  ],
  targets: [
    // Declares libFuzzer's driver entry point for Swift.
    .target(name: "FuzzDriver"),
    .executableTarget(
      name: "fuzz-format",
      dependencies: [.product(name: "Strided", package: "Strided"), "FuzzDriver"]
    ),
    .executableTarget(
      name: "fuzz-npy",
      dependencies: [.product(name: "Strided", package: "Strided"), "FuzzDriver"]
    ),
    .executableTarget(
      name: "fuzz-npz",
      dependencies: [.product(name: "Strided", package: "Strided"), "FuzzDriver"]
    ),
    .executableTarget(
      name: "fuzz-views",
      dependencies: [.product(name: "Strided", package: "Strided"), "FuzzDriver"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
