// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Strided",
  products: [
    .library(name: "Strided", targets: ["Strided"]),
    // A C interface to Strided's DLPack support, for other languages.
    .library(name: "StridedDLPack", type: .dynamic, targets: ["StridedDLPack"]),
    // The Swift half of the `strided` CPython extension module (the C half,
    // Sources/StridedPython/Module, is built against the user's Python by
    // `make python-module`).
    .library(name: "StridedPython", type: .dynamic, targets: ["StridedPython"]),
    // Matrices distributed over MPI processes (StridedMPI) are a package of
    // their own, in Distributed/: SwiftPM looks up the pkg-config name of
    // every system library of every package it loads, so OpenMPI and
    // ScaLAPACK stay out of this one, and a build of Strided alone never
    // looks for them.
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // MARK: - Public API
    .target(
      name: "Strided",
      dependencies: [
        "COpenBLAS",
        "CStrided",
        .product(name: "ComplexModule", package: "swift-numerics"),
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      exclude: ["Strided.docc"]
    ),

    .target(
      name: "StridedDLPack",
      dependencies: ["Strided", "CStrided"]
    ),

    .target(
      name: "StridedPython",
      dependencies: ["Strided", "CStrided"],
      exclude: ["Module"]
    ),

    // MARK: - C interop
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),

    // Small C helpers: loops over glibc's vector math library (libmvec),
    // file-block reservation for the .npy writer, and zlib's raw deflate
    // streams and CRC-32 for .npz archives.
    .target(
      name: "CStrided",
      linkerSettings: [.linkedLibrary("mvec", .when(platforms: [.linux])), .linkedLibrary("m"), .linkedLibrary("z")]
    ),

    // MARK: - Tests
    .testTarget(
      name: "StridedTests",
      dependencies: [
        "Strided",
        "byte-buffer",
        "matmul",
        "linear-fit",
        "spectrum",
        "threads",
        "image",
        "kmeans",
        "records",
        "numpy-handoff",
        "StridedPython",
        "StridedSweep",
        "CStrided",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      exclude: ["Fixtures"]
    ),

    // The kernel sweep (every length, offset, layout and thread-block edge
    // against scalar references): a library the test suite runs in debug
    // builds, and a program `make test-release` runs in a release build.
    .target(
      name: "StridedSweep",
      dependencies: ["Strided", "CStrided", .product(name: "ComplexModule", package: "swift-numerics"), .product(name: "RealModule", package: "swift-numerics")],
      path: "Tests/Sweep"
    ),
    .executableTarget(
      name: "kernel-sweep",
      dependencies: ["Strided", "StridedSweep", "CStrided"],
      path: "Tests/KernelSweep"
    ),

    // MARK: - Examples
    .executableTarget(
      name: "byte-buffer",
      dependencies: ["Strided"],
      path: "Examples/byte-buffer"
    ),
    .executableTarget(
      name: "matmul",
      dependencies: ["Strided", "COpenBLAS"],
      path: "Examples/matmul"
    ),
    .executableTarget(
      name: "linear-fit",
      dependencies: ["Strided"],
      path: "Examples/linear-fit"
    ),
    .executableTarget(
      name: "image",
      dependencies: ["Strided"],
      path: "Examples/image",
      exclude: ["image.py"]
    ),
    .executableTarget(
      name: "kmeans",
      dependencies: ["Strided"],
      path: "Examples/kmeans",
      exclude: ["kmeans.py"]
    ),
    .executableTarget(
      name: "spectrum",
      dependencies: ["Strided"],
      path: "Examples/spectrum"
    ),
    .executableTarget(
      name: "threads",
      dependencies: ["Strided"],
      path: "Examples/threads"
    ),
    .executableTarget(
      name: "records",
      dependencies: ["Strided"],
      path: "Examples/records",
      exclude: ["stations.npy", "make-stations.py"]
    ),
    .executableTarget(
      name: "numpy-handoff",
      dependencies: ["StridedDLPack"],
      path: "Examples/numpy-handoff",
      exclude: ["handoff.py"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
