import CMPI
import CScaLAPACK
import ComplexModule
import Strided

/// An element type of distributed matrices: `Float`, `Double`,
/// `Complex<Float>` and `Complex<Double>`, ScaLAPACK's four types.
public protocol DistributedElement: BLASElement where Sum == Self {}

extension Float: DistributedElement {}
extension Double: DistributedElement {}
extension Complex: DistributedElement where RealType: NDComplexComponent {}

/// ScaLAPACK's four element types, for dispatching on `Element`.
enum ScaLAPACKType {
  case float, double, complexFloat, complexDouble

  static func of<E: NDElement>(_: E.Type) -> ScaLAPACKType {
    switch E.scalarKind {
    case .float32: .float
    case .float64: .double
    case .complex64: .complexFloat
    case .complex128: .complexDouble
    default: fatalError("\(E.self) is not one of ScaLAPACK's element types")
    }
  }

  var isComplex: Bool { self == .complexFloat || self == .complexDouble }

  /// The MPI datatype of one element.
  var mpiType: MPI_Datatype? {
    switch self {
    case .float: strided_mpi_float()
    case .double: strided_mpi_double()
    case .complexFloat: strided_mpi_complex_float()
    case .complexDouble: strided_mpi_complex_double()
    }
  }
}

/// A ScaLAPACK array descriptor (`DESC_`): 9 integers.
typealias Descriptor = [Int32]

/// The ScaLAPACK and PBLAS calls, on raw addresses, for a runtime element
/// type. Global indices are 1-based, as ScaLAPACK's; every routine starts
/// at (1, 1) here.
enum ScaLAPACK {
  /// The `info` of a call not made: a workspace query answered a size
  /// that 32-bit integers cannot hold.
  static let workspaceTooLarge = Int.min

  /// After a workspace query on every process: `nil` when every process
  /// may make the call, else this process's `info` (its own failure, or 0
  /// when only others failed; ``DistributedMatrix`` reduces them).
  static func proceed(info: Int32, sizes: [Double]) -> Int? {
    let usable = sizes.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= Double((Int(Int32.max) - 64) / 2) }
    let local = info != 0 ? Int(info) : usable ? 0 : workspaceTooLarge
    return MPI.everyone(local == 0) ? nil : local
  }

  static func numroc(_ n: Int, _ block: Int, _ process: Int, _ processes: Int) -> Int {
    var (n, nb, p, source, np) = (Int32(n), Int32(block), Int32(process), Int32(0), Int32(processes))
    return Int(numroc_(&n, &nb, &p, &source, &np))
  }

  static func gemr2d<E: DistributedElement>(
    _: E.Type, m: Int, n: Int, a: UnsafeRawPointer?, _ descA: Descriptor,
    b: UnsafeMutableRawPointer?, _ descB: Descriptor, context: Int32
  ) {
    var (m, n, ctxt) = (Int32(m), Int32(n), context)
    var (descA, descB) = (descA, descB)
    switch ScaLAPACKType.of(E.self) {
    case .float:
      psgemr2d_(&m, &n, a?.assumingMemoryBound(to: Float.self), &one1, &one1, &descA,
                b?.assumingMemoryBound(to: Float.self), &one1, &one1, &descB, &ctxt)
    case .double:
      pdgemr2d_(&m, &n, a?.assumingMemoryBound(to: Double.self), &one1, &one1, &descA,
                b?.assumingMemoryBound(to: Double.self), &one1, &one1, &descB, &ctxt)
    case .complexFloat:
      pcgemr2d_(&m, &n, a, &one1, &one1, &descA, b, &one1, &one1, &descB, &ctxt)
    case .complexDouble:
      pzgemr2d_(&m, &n, a, &one1, &one1, &descA, b, &one1, &one1, &descB, &ctxt)
    }
  }

  static func gemm<E: DistributedElement>(
    _: E.Type, _ transA: UInt8, _ transB: UInt8, m: Int, n: Int, k: Int, alpha: E,
    a: UnsafeRawPointer, _ descA: Descriptor, b: UnsafeRawPointer, _ descB: Descriptor,
    beta: E, c: UnsafeMutableRawPointer, _ descC: Descriptor
  ) {
    var (m, n, k) = (Int32(m), Int32(n), Int32(k))
    var (descA, descB, descC) = (descA, descB, descC)
    var (ta, tb) = (CChar(bitPattern: transA), CChar(bitPattern: transB))
    var (alpha, beta) = (alpha, beta)
    switch ScaLAPACKType.of(E.self) {
    case .float:
      withUnsafeBytes(of: &alpha) { pa in
        withUnsafeBytes(of: &beta) { pb in
          psgemm_(&ta, &tb, &m, &n, &k, pa.baseAddress!.assumingMemoryBound(to: Float.self),
                  a.assumingMemoryBound(to: Float.self), &one1, &one1, &descA,
                  b.assumingMemoryBound(to: Float.self), &one1, &one1, &descB,
                  pb.baseAddress!.assumingMemoryBound(to: Float.self),
                  c.assumingMemoryBound(to: Float.self), &one1, &one1, &descC, 1, 1)
        }
      }
    case .double:
      withUnsafeBytes(of: &alpha) { pa in
        withUnsafeBytes(of: &beta) { pb in
          pdgemm_(&ta, &tb, &m, &n, &k, pa.baseAddress!.assumingMemoryBound(to: Double.self),
                  a.assumingMemoryBound(to: Double.self), &one1, &one1, &descA,
                  b.assumingMemoryBound(to: Double.self), &one1, &one1, &descB,
                  pb.baseAddress!.assumingMemoryBound(to: Double.self),
                  c.assumingMemoryBound(to: Double.self), &one1, &one1, &descC, 1, 1)
        }
      }
    case .complexFloat:
      withUnsafeBytes(of: &alpha) { pa in
        withUnsafeBytes(of: &beta) { pb in
          pcgemm_(&ta, &tb, &m, &n, &k, pa.baseAddress!, a, &one1, &one1, &descA, b, &one1, &one1, &descB,
                  pb.baseAddress!, c, &one1, &one1, &descC, 1, 1)
        }
      }
    case .complexDouble:
      withUnsafeBytes(of: &alpha) { pa in
        withUnsafeBytes(of: &beta) { pb in
          pzgemm_(&ta, &tb, &m, &n, &k, pa.baseAddress!, a, &one1, &one1, &descA, b, &one1, &one1, &descB,
                  pb.baseAddress!, c, &one1, &one1, &descC, 1, 1)
        }
      }
    }
  }

  /// p?lange: the norm `kind` ('M', '1', 'I', 'F') as a Double.
  static func lange<E: DistributedElement>(
    _: E.Type, _ kind: UInt8, m: Int, n: Int, a: UnsafeRawPointer, _ descA: Descriptor,
    localRows: Int, localColumns: Int
  ) -> Double {
    var (m, n) = (Int32(m), Int32(n))
    var descA = descA
    var norm = CChar(bitPattern: kind)
    // Work: LocQ columns for '1', LocP rows for 'I' (generously both,
    // plus a block of each, as the routine's documentation bounds it).
    let workCount = localRows + localColumns + Int(descA[4]) + Int(descA[5]) + 16
    switch ScaLAPACKType.of(E.self) {
    case .float:
      var work = [Float](repeating: 0, count: workCount)
      return Double(pslange_(&norm, &m, &n, a.assumingMemoryBound(to: Float.self), &one1, &one1, &descA, &work, 1))
    case .double:
      var work = [Double](repeating: 0, count: workCount)
      return pdlange_(&norm, &m, &n, a.assumingMemoryBound(to: Double.self), &one1, &one1, &descA, &work, 1)
    case .complexFloat:
      var work = [Float](repeating: 0, count: workCount)
      return Double(pclange_(&norm, &m, &n, a, &one1, &one1, &descA, &work, 1))
    case .complexDouble:
      var work = [Double](repeating: 0, count: workCount)
      return pzlange_(&norm, &m, &n, a, &one1, &one1, &descA, &work, 1)
    }
  }

  static func gesv<E: DistributedElement>(
    _: E.Type, n: Int, nrhs: Int, a: UnsafeMutableRawPointer, _ descA: Descriptor, pivots: Int,
    b: UnsafeMutableRawPointer, _ descB: Descriptor
  ) -> Int {
    var (n, nrhs, info) = (Int32(n), Int32(nrhs), Int32(0))
    var (descA, descB) = (descA, descB)
    var ipiv = [Int32](repeating: 0, count: pivots)
    switch ScaLAPACKType.of(E.self) {
    case .float:
      psgesv_(&n, &nrhs, a.assumingMemoryBound(to: Float.self), &one1, &one1, &descA, &ipiv,
              b.assumingMemoryBound(to: Float.self), &one1, &one1, &descB, &info)
    case .double:
      pdgesv_(&n, &nrhs, a.assumingMemoryBound(to: Double.self), &one1, &one1, &descA, &ipiv,
              b.assumingMemoryBound(to: Double.self), &one1, &one1, &descB, &info)
    case .complexFloat:
      pcgesv_(&n, &nrhs, a, &one1, &one1, &descA, &ipiv, b, &one1, &one1, &descB, &info)
    case .complexDouble:
      pzgesv_(&n, &nrhs, a, &one1, &one1, &descA, &ipiv, b, &one1, &one1, &descB, &info)
    }
    return Int(info)
  }

  static func potrf<E: DistributedElement>(
    _: E.Type, n: Int, a: UnsafeMutableRawPointer, _ descA: Descriptor
  ) -> Int {
    var (n, info) = (Int32(n), Int32(0))
    var descA = descA
    var uplo = CChar(UInt8(ascii: "L"))
    switch ScaLAPACKType.of(E.self) {
    case .float: pspotrf_(&uplo, &n, a.assumingMemoryBound(to: Float.self), &one1, &one1, &descA, &info, 1)
    case .double: pdpotrf_(&uplo, &n, a.assumingMemoryBound(to: Double.self), &one1, &one1, &descA, &info, 1)
    case .complexFloat: pcpotrf_(&uplo, &n, a, &one1, &one1, &descA, &info, 1)
    case .complexDouble: pzpotrf_(&uplo, &n, a, &one1, &one1, &descA, &info, 1)
    }
    return Int(info)
  }

  static func gels<E: DistributedElement>(
    _: E.Type, m: Int, n: Int, nrhs: Int, a: UnsafeMutableRawPointer, _ descA: Descriptor,
    b: UnsafeMutableRawPointer, _ descB: Descriptor
  ) -> Int {
    var (m, n, nrhs, info) = (Int32(m), Int32(n), Int32(nrhs), Int32(0))
    var (descA, descB) = (descA, descB)
    var trans = CChar(UInt8(ascii: "N"))
    return withWorkspace(E.self) { work, lwork in
      var lwork = Int32(lwork)
      switch ScaLAPACKType.of(E.self) {
      case .float:
        psgels_(&trans, &m, &n, &nrhs, a.assumingMemoryBound(to: Float.self), &one1, &one1, &descA,
                b.assumingMemoryBound(to: Float.self), &one1, &one1, &descB,
                work.assumingMemoryBound(to: Float.self), &lwork, &info, 1)
      case .double:
        pdgels_(&trans, &m, &n, &nrhs, a.assumingMemoryBound(to: Double.self), &one1, &one1, &descA,
                b.assumingMemoryBound(to: Double.self), &one1, &one1, &descB,
                work.assumingMemoryBound(to: Double.self), &lwork, &info, 1)
      case .complexFloat:
        pcgels_(&trans, &m, &n, &nrhs, a, &one1, &one1, &descA, b, &one1, &one1, &descB, work, &lwork, &info, 1)
      case .complexDouble:
        pzgels_(&trans, &m, &n, &nrhs, a, &one1, &one1, &descA, b, &one1, &one1, &descB, work, &lwork, &info, 1)
      }
      return Int(info)
    }
  }

  /// Eigenvalues into `w` (n reals), eigenvectors into `z`.
  static func heevd<E: DistributedElement>(
    _: E.Type, n: Int, a: UnsafeMutableRawPointer, _ descA: Descriptor, w: UnsafeMutableRawPointer,
    z: UnsafeMutableRawPointer, _ descZ: Descriptor
  ) -> Int {
    var (n, info) = (Int32(n), Int32(0))
    var (descA, descZ) = (descA, descZ)
    var (jobz, uplo) = (CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")))
    let type = ScaLAPACKType.of(E.self)
    // Workspace query (every size -1), then the call.
    var query = [Double](repeating: 0, count: 2)
    var rquery = [Double](repeating: 0, count: 2)
    var iquery = [Int32](repeating: 0, count: 2)
    func call(_ work: UnsafeMutableRawPointer, _ lwork: inout Int32, _ rwork: UnsafeMutableRawPointer,
              _ lrwork: inout Int32, _ iwork: UnsafeMutablePointer<Int32>, _ liwork: inout Int32) {
      switch type {
      case .float:
        pssyevd_(&jobz, &uplo, &n, a.assumingMemoryBound(to: Float.self), &one1, &one1, &descA,
                 w.assumingMemoryBound(to: Float.self), z.assumingMemoryBound(to: Float.self), &one1, &one1, &descZ,
                 work.assumingMemoryBound(to: Float.self), &lwork, iwork, &liwork, &info, 1, 1)
      case .double:
        pdsyevd_(&jobz, &uplo, &n, a.assumingMemoryBound(to: Double.self), &one1, &one1, &descA,
                 w.assumingMemoryBound(to: Double.self), z.assumingMemoryBound(to: Double.self), &one1, &one1,
                 &descZ, work.assumingMemoryBound(to: Double.self), &lwork, iwork, &liwork, &info, 1, 1)
      case .complexFloat:
        pcheevd_(&jobz, &uplo, &n, a, &one1, &one1, &descA, w.assumingMemoryBound(to: Float.self), z, &one1, &one1,
                 &descZ, work, &lwork, rwork.assumingMemoryBound(to: Float.self), &lrwork, iwork, &liwork, &info,
                 1, 1)
      case .complexDouble:
        pzheevd_(&jobz, &uplo, &n, a, &one1, &one1, &descA, w.assumingMemoryBound(to: Double.self), z, &one1,
                 &one1, &descZ, work, &lwork, rwork.assumingMemoryBound(to: Double.self), &lrwork, iwork, &liwork,
                 &info, 1, 1)
      }
    }
    var (m1, m2, m3): (Int32, Int32, Int32) = (-1, -1, -1)
    query.withUnsafeMutableBytes { q in
      rquery.withUnsafeMutableBytes { r in
        call(q.baseAddress!, &m1, r.baseAddress!, &m2, &iquery, &m3)
      }
    }
    // The query writes its answers as elements of the routine's own type
    // (the real part, for complex ones).
    let real = type == .float || type == .complexFloat
    func answer(_ buffer: [Double]) -> Double {
      buffer.withUnsafeBytes { real ? Double($0.load(as: Float.self)) : $0.load(as: Double.self) }
    }
    let sizes = [answer(query), type.isComplex ? answer(rquery) : 0, Double(iquery[0])]
    if let failure = proceed(info: info, sizes: sizes) { return failure }
    var lwork = Int32(sizes[0] * 2 + 64)
    var lrwork = Int32(sizes[1] * 2 + 64)
    var liwork = Int32(sizes[2] * 2 + 64)
    let elementSize = MemoryLayout<E>.stride
    let work = UnsafeMutableRawPointer.allocate(byteCount: Int(lwork) * elementSize, alignment: 16)
    let rwork = UnsafeMutableRawPointer.allocate(byteCount: Int(lrwork) * 8, alignment: 16)
    var iwork = [Int32](repeating: 0, count: Int(liwork))
    defer {
      work.deallocate()
      rwork.deallocate()
    }
    call(work, &lwork, rwork, &lrwork, &iwork, &liwork)
    return Int(info)
  }

  /// Thin SVD: s (min(m, n) reals), u (m × k), vt (k × n).
  static func gesvd<E: DistributedElement>(
    _: E.Type, m: Int, n: Int, a: UnsafeMutableRawPointer, _ descA: Descriptor, s: UnsafeMutableRawPointer,
    u: UnsafeMutableRawPointer, _ descU: Descriptor, vt: UnsafeMutableRawPointer, _ descVT: Descriptor
  ) -> Int {
    var (m, n, info) = (Int32(m), Int32(n), Int32(0))
    var (descA, descU, descVT) = (descA, descU, descVT)
    var (jobu, jobvt) = (CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "V")))
    let type = ScaLAPACKType.of(E.self)
    let rwork = UnsafeMutableRawPointer.allocate(byteCount: 8 * (1 + 4 * Int(max(m, n))), alignment: 16)
    defer { rwork.deallocate() }
    return withWorkspace(E.self) { work, lwork in
      var lwork = Int32(lwork)
      switch type {
      case .float:
        psgesvd_(&jobu, &jobvt, &m, &n, a.assumingMemoryBound(to: Float.self), &one1, &one1, &descA,
                 s.assumingMemoryBound(to: Float.self), u.assumingMemoryBound(to: Float.self), &one1, &one1, &descU,
                 vt.assumingMemoryBound(to: Float.self), &one1, &one1, &descVT,
                 work.assumingMemoryBound(to: Float.self), &lwork, &info, 1, 1)
      case .double:
        pdgesvd_(&jobu, &jobvt, &m, &n, a.assumingMemoryBound(to: Double.self), &one1, &one1, &descA,
                 s.assumingMemoryBound(to: Double.self), u.assumingMemoryBound(to: Double.self), &one1, &one1,
                 &descU, vt.assumingMemoryBound(to: Double.self), &one1, &one1, &descVT,
                 work.assumingMemoryBound(to: Double.self), &lwork, &info, 1, 1)
      case .complexFloat:
        pcgesvd_(&jobu, &jobvt, &m, &n, a, &one1, &one1, &descA, s.assumingMemoryBound(to: Float.self), u,
                 &one1, &one1, &descU, vt, &one1, &one1, &descVT, work, &lwork,
                 rwork.assumingMemoryBound(to: Float.self), &info, 1, 1)
      case .complexDouble:
        pzgesvd_(&jobu, &jobvt, &m, &n, a, &one1, &one1, &descA, s.assumingMemoryBound(to: Double.self), u,
                 &one1, &one1, &descU, vt, &one1, &one1, &descVT, work, &lwork,
                 rwork.assumingMemoryBound(to: Double.self), &info, 1, 1)
      }
      return Int(info)
    }
  }

  /// Runs `body` once with lwork = −1 (a workspace query, answered in the
  /// first element), then with a workspace of the size it asked for.
  private static func withWorkspace<E: DistributedElement>(
    _: E.Type, _ body: (UnsafeMutableRawPointer, Int) -> Int
  ) -> Int {
    let query = UnsafeMutableRawPointer.allocate(byteCount: 32, alignment: 16)
    defer { query.deallocate() }
    query.initializeMemory(as: UInt8.self, repeating: 0, count: 32)
    let info = body(query, -1)
    let type = ScaLAPACKType.of(E.self)
    let size = type == .float || type == .complexFloat ? Double(query.load(as: Float.self)) : query.load(as: Double.self)
    if let failure = proceed(info: Int32(info), sizes: [size]) { return failure }
    let count = Int(size) + 64
    let work = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<E>.stride, alignment: 16)
    defer { work.deallocate() }
    return body(work, count)
  }
}

/// The 1 that every 1-based start index passes by address.
nonisolated(unsafe) private var one1: Int32 = 1
