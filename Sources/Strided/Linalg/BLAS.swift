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

  /// OpenBLAS's description of how it was built: version, target core and
  /// threading (`openblas_get_config`).
  public static var configuration: String {
    guard let text = openblas_get_config() else { return "" }
    return String(cString: text)
  }
}
