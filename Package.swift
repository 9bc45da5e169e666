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
    // Matrices distributed over MPI processes, computed with ScaLAPACK.
    // Needs OpenMPI and ScaLAPACK; users of Strided alone never build it.
    .library(name: "StridedMPI", targets: ["StridedMPI"]),
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

    .target(
      name: "StridedMPI",
      dependencies: [
        "Strided", "CMPI", "CScaLAPACK",
        .product(name: "ComplexModule", package: "swift-numerics"),
      ]
    ),

    // MARK: - C interop
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),

    // OpenMPI, with inline getters for the handles that are macros.
    .systemLibrary(
      name: "CMPI",
      pkgConfig: "ompi-c",
      providers: [.apt(["libopenmpi-dev"])]
    ),

    // ScaLAPACK and BLACS, built on OpenMPI: Debian ships no C header, so
    // the prototypes Strided calls are declared in the module's own.
    .systemLibrary(
      name: "CScaLAPACK",
      pkgConfig: "scalapack-openmpi",
      providers: [.apt(["libscalapack-openmpi-dev"])]
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

    // The distributed tests, run under mpirun by `make test`.
    .executableTarget(
      name: "strided-mpi-tests",
      dependencies: ["Strided", "StridedMPI", .product(name: "ComplexModule", package: "swift-numerics")],
      path: "Tests/MPI"
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
      name: "distributed",
      dependencies: ["Strided", "StridedMPI"],
      path: "Examples/distributed"
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
