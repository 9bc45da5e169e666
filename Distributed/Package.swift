// swift-tools-version: 6.1
// StridedMPI: matrices distributed over MPI processes, computed with
// ScaLAPACK. A package of its own, beside Strided's (at ".."), because
// SwiftPM looks up the pkg-config name of every system library of every
// package it loads and warns for each one it cannot find: kept here, OpenMPI
// and ScaLAPACK are looked for only by a build that asks for StridedMPI.
//
//   make test-distributed     the distributed tests on 1, 2 and 4 processes
//   make demo-distributed     the example on 4 processes
//   make bench-distributed    the distributed benchmark
import PackageDescription

let package = Package(
  name: "StridedMPI",
  products: [
    // Needs OpenMPI and ScaLAPACK (`make deps-mpi` installs them).
    .library(name: "StridedMPI", targets: ["StridedMPI"])
  ],
  dependencies: [
    .package(name: "Strided", path: ".."),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
  ],
  targets: [
    // MARK: - Public API
    .target(
      name: "StridedMPI",
      dependencies: [
        "CMPI", "CScaLAPACK",
        .product(name: "Strided", package: "Strided"),
        .product(name: "ComplexModule", package: "swift-numerics"),
      ]
    ),

    // MARK: - C interop
    // OpenMPI, with inline getters for the handles that are macros.
    .systemLibrary(
      name: "CMPI",
      pkgConfig: "ompi-c",
      providers: [.apt(["libopenmpi-dev"])]
    ),

    // ScaLAPACK and BLACS, built on OpenMPI: Debian ships no C header, so
    // the prototypes StridedMPI calls are declared in the module's own.
    .systemLibrary(
      name: "CScaLAPACK",
      pkgConfig: "scalapack-openmpi",
      providers: [.apt(["libscalapack-openmpi-dev"])]
    ),

    // MARK: - Tests
    // The distributed tests, run under mpirun by `make test`.
    .executableTarget(
      name: "strided-mpi-tests",
      dependencies: [
        "StridedMPI",
        .product(name: "Strided", package: "Strided"),
        .product(name: "ComplexModule", package: "swift-numerics"),
      ],
      path: "Tests/MPI"
    ),

    // MARK: - Examples
    .executableTarget(
      name: "distributed",
      dependencies: ["StridedMPI", .product(name: "Strided", package: "Strided")],
      path: "Examples/distributed"
    ),

    // MARK: - Benchmarks
    // The distributed workloads, run under mpirun by `make bench-distributed`
    // (through Benchmarks/distributed.py).
    .executableTarget(
      name: "strided-dist-bench",
      dependencies: ["StridedMPI", .product(name: "Strided", package: "Strided")],
      path: "Benchmarks/strided-dist-bench"
    ),
  ],
  swiftLanguageModes: [.v6]
)
