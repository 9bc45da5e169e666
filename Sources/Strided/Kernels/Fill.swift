/// Writes one value into every element of new contiguous storage.
@usableFromInline
enum Fill {
  /// Stores `value` into `count` consecutive slots of `MemoryLayout<T>.stride` bytes.
  @inlinable
  static func fill<T>(_ base: UnsafeMutableRawPointer, count: Int, with value: T) {
    let stride = MemoryLayout<T>.stride
    var offset = 0
    for _ in 0..<count {
      base.storeBytes(of: value, toByteOffset: offset, as: T.self)
      offset &+= stride
    }
  }

  /// Stores `count` values made by `body(i)` into consecutive slots.
  @inlinable
  static func fill<T>(_ base: UnsafeMutableRawPointer, count: Int, _ body: (Int) -> T) {
    let stride = MemoryLayout<T>.stride
    var offset = 0
    for i in 0..<count {
      base.storeBytes(of: body(i), toByteOffset: offset, as: T.self)
      offset &+= stride
    }
  }
}

extension NDArray {
  /// A new C- or F-ordered array whose elements are `body(i)` for the
  /// i-th element in memory order.
  @inlinable
  static func filled(shape: Dimensions, order: MemoryOrder, in operation: StaticString, _ body: (Int) -> Element)
    -> NDArray
  {
    let view: NDView
    do {
      view = try NDView.uninitialized(shape: shape, format: Element.format, order: order)
    } catch {
      preconditionFailure("\(operation): \(error) (try NDView(format:shape:) throws instead)")
    }
    Fill.fill(view.storage.base, count: view.count, body)
    return NDArray(unchecked: view)
  }
}
