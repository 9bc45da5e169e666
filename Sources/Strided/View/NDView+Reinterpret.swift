extension NDView {
  /// The same bytes under another scalar format and shape, by memoryview's
  /// rules.
  ///
  /// The view must be C-contiguous with scalar items, the new format must be
  /// a scalar, and one of the two formats must be a byte format (`B`, `b` or
  /// `c`). Without a shape the result is one-dimensional; with one, either
  /// this view or the result must be one-dimensional, every size must be
  /// positive, and the byte length must not change. Unlike memoryview, byte
  /// orders other than native (`"<H"`, `">i"`) are allowed.
  ///
  /// memoryview: `m.cast(format, shape)`.
  ///
  /// - Throws: ``ViewError/invalidCast(_:)`` naming the rule broken.
  /// - Complexity: O(*rank*); no copy.
  public func cast(to format: Format, shape: Dimensions? = nil) throws(ViewError) -> NDView {
    guard isCContiguous else { throw .invalidCast("the view must be C-contiguous") }
    guard let from = self.format.scalarKind, itemSize == self.format.itemSize else {
      throw .invalidCast("the view's format \(self.format) is not a single scalar")
    }
    guard let to = format.scalarKind else {
      throw .invalidCast("the new format \(format) is not a single scalar")
    }
    let bytes: Set<ScalarKind> = [.int8, .uint8, .char]
    guard bytes.contains(from) || bytes.contains(to) else {
      throw .invalidCast("one of the formats must be a byte format (B, b or c), not \(self.format) and \(format)")
    }
    let total = nbytes
    let newSize = format.itemSize
    let newShape: Dimensions
    if let shape {
      guard ndim == 1 || shape.count == 1 else {
        throw .invalidCast("a cast must be one-dimensional to N-dimensional or N-dimensional to one-dimensional")
      }
      guard shape.count <= Self.maximumRank else { throw .tooManyDimensions(shape.count) }
      guard shape.allSatisfy({ $0 > 0 }) else {
        throw .invalidCast("every size of the new shape \(shape) must be positive")
      }
      var product = newSize
      for size in shape {
        let (next, overflow) = product.multipliedReportingOverflow(by: size)
        guard !overflow else { throw .sizeOverflow(shape: shape.array) }
        product = next
      }
      guard product == total else {
        throw .invalidCast("the new shape \(shape) of \(newSize)-byte items is not the view's \(total) bytes")
      }
      newShape = shape
    } else {
      guard total % newSize == 0 else {
        throw .invalidCast("the view's \(total) bytes are not a multiple of the new item size \(newSize)")
      }
      newShape = [total / newSize]
    }
    let layout = Layout(shape: newShape, strides: Layout.cStrides(for: newShape, itemSize: newSize))
    return NDView(
      unchecked: storage, format: format, itemSize: newSize,
      byteOffset: byteOffset, layout: layout, isReadOnly: isReadOnly)
  }

  /// The same bytes seen as items of another format, which may have another
  /// size: the last axis then grows or shrinks so the bytes per row stay the
  /// same.
  ///
  /// NumPy: `a.view(dtype)`.
  ///
  /// - Throws: ``ViewError/invalidCast(_:)`` when the size changes and the
  ///   view is 0-d, its last axis is not contiguous, the sizes do not
  ///   divide, or the new format has no bytes; ``ViewError/sizeOverflow(shape:)``
  ///   when the last axis would hold more bytes than `Int` counts.
  /// - Complexity: O(*rank*); no copy.
  public func reinterpreted(as format: Format) throws(ViewError) -> NDView {
    let newSize = format.itemSize
    var layout = self.layout
    if newSize != itemSize {
      guard newSize > 0 else { throw .invalidCast("the new format \(format) has no bytes") }
      guard ndim > 0 else {
        throw .invalidCast("a 0-d view can change format only to one of the same item size \(itemSize)")
      }
      let last = ndim - 1
      guard layout.size(last) == 1 || count == 0 || layout.stride(last) == itemSize else {
        throw .invalidCast("to change the item size, the last axis must be contiguous")
      }
      if newSize < itemSize {
        guard itemSize % newSize == 0 else {
          throw .invalidCast("the new item size \(newSize) does not divide the item size \(itemSize)")
        }
        let (grown, overflow) = layout.size(last).multipliedReportingOverflow(by: itemSize / newSize)
        guard !overflow else { throw .sizeOverflow(shape: shape.array) }
        layout.set(last, size: grown, stride: newSize)
      } else {
        let (rowBytes, overflow) = layout.size(last).multipliedReportingOverflow(by: itemSize)
        guard !overflow else { throw .sizeOverflow(shape: shape.array) }
        guard rowBytes % newSize == 0 else {
          throw .invalidCast("the new item size \(newSize) does not divide the last axis's \(rowBytes) bytes")
        }
        layout.set(last, size: rowBytes / newSize, stride: newSize)
      }
    }
    return NDView(
      unchecked: storage, format: format, itemSize: newSize, byteOffset: byteOffset,
      layout: layout, isReadOnly: isReadOnly)
  }

  /// The view of one field of a record format: the field's format, this
  /// view's strides, and the offset moved to the field. A path with dots
  /// (`"position.x"`) reaches into nested records. A field that is a
  /// sub-array adds its axes at the end.
  ///
  /// NumPy: `a["x"]`, `a["position"]["x"]`.
  ///
  /// - Throws: ``ViewError/noSuchField(_:format:)`` when no field has the
  ///   name or path; ``ViewError/invalidItemSize(_:formatSize:)`` for a field
  ///   of no bytes (such as `0s`); ``ViewError/tooManyDimensions(_:)`` when a
  ///   sub-array field would give the view more than ``maximumRank`` axes.
  /// - Complexity: O(*f*) in the number of fields along the path; no copy.
  public func field(_ path: String) throws(ViewError) -> NDView {
    guard let field = format.field(path) else {
      throw .noSuchField(path, format: format.description)
    }
    var layout = self.layout
    var format = field.format
    if case .array(let subshape, let element) = format.kind {
      let inner = Layout.cStrides(for: Dimensions(subshape), itemSize: element.itemSize)
      for (size, stride) in zip(subshape, inner) {
        layout.append(size: size, stride: stride)
      }
      format = element
      guard layout.rank <= Self.maximumRank else { throw .tooManyDimensions(layout.rank) }
    }
    guard format.itemSize > 0 else { throw .invalidItemSize(0, formatSize: 0) }
    return derived(layout: layout, byteOffset: byteOffset + field.offset)
      .with(format: format)
  }

  /// The same layout with another format and item size; the caller ensures
  /// that an item of the new format fits where each old item was.
  func with(format: Format, itemSize: Int? = nil) -> NDView {
    NDView(
      unchecked: storage, format: format, itemSize: itemSize ?? format.itemSize,
      byteOffset: byteOffset, layout: layout, isReadOnly: isReadOnly)
  }
}
