import COpenBLAS

/// The BLAS library Strided calls: OpenBLAS, through its C interface.
public enum BLAS {
  /// The number of threads OpenBLAS uses for one call.
  ///
  /// Setting it changes every later call in the process. OpenBLAS starts one
  /// thread per core; a program that runs its own work on the other cores may
  /// want 1.
  ///
  /// The corresponding C functions are `openblas_get_num_threads` and
  /// `openblas_set_num_threads`.
  ///
  /// - Precondition: The new value is at least 1.
  public static var threadCount: Int {
    get { Int(openblas_get_num_threads()) }
    set {
      precondition(newValue >= 1, "BLAS.threadCount: \(newValue) is not a thread count")
      openblas_set_num_threads(Int32(clamping: newValue))
    }
  }

  /// The processor kernels OpenBLAS uses (`openblas_get_corename`), such
  /// as "SkylakeX" or "Haswell". OpenBLAS chooses by the processor's model;
  /// where a release older than the processor fell back to its slowest
  /// kernels ("Prescott"), Strided has it choose again by the processor's
  /// vector extensions as it loads, unless `OPENBLAS_CORETYPE` is set.
  public static var coreName: String {
    guard let text = openblas_get_corename() else { return "" }
    return String(cString: text)
  }

  /// OpenBLAS's description of how it was built: version, target core and
  /// threading (`openblas_get_config`).
  public static var configuration: String {
    guard let text = openblas_get_config() else { return "" }
    return String(cString: text)
  }
}
