// The vectorized quicksort's kernel, generic over the vector extension and
// the key width: included by Sort.c once per instantiation, with the
// parameters below defined (and undefined again at the end).
// ===========================================================================
// Kernel, generic over the ISA and key width. Parameters: KPFX (name prefix
// of primitives and kernel functions), KT (key), KMAX (largest key), KV
// (vector), KW (lanes), KSMALL, KUNROLL, KPIVOT, KINLINE / KENTRY (function
// qualifiers carrying the target attribute).
// ===========================================================================

#define KCAT_(a, b) a##b
#define KCAT(a, b) KCAT_(a, b)
#define P(name) KCAT(KPFX, name)

// Bitonic sort of the W keys in one register: for each block size b, the
// first step compares lane i with its mirror i ^ (b - 1) in the block (which
// makes both halves bitonic), then half-cleaners at distances b/4 ... 1.
KINLINE KV P(sort_vec)(KV v) {
  UNROLL for (int b = 2; b <= KW; b *= 2) {
    v = P(xstep)(v, b - 1);
    UNROLL for (int x = b / 4; x >= 1; x /= 2) v = P(xstep)(v, x);
  }
  return v;
}

// Sorts a bitonic register: half-cleaners at distances W/2 ... 1.
KINLINE KV P(merge_vec)(KV v) {
  UNROLL for (int x = KW / 2; x >= 1; x /= 2) v = P(xstep)(v, x);
  return v;
}

// Bitonic sort of k (a power of two) registers as one sequence of k * W
// keys, register 0 holding the smallest. Called with a constant k so that
// the loops unroll and r[] lives in registers.
KINLINE void P(sort_regs)(KV *r, int k) {
  UNROLL for (int i = 0; i < k; i++) r[i] = P(sort_vec)(r[i]);
  // Merge sorted runs of m registers into runs of 2m.
  UNROLL for (int m = 1; m < k; m *= 2) {
    UNROLL for (int g = 0; g < k; g += 2 * m) {
      KV *lo = r + g, *hi = r + g + m;
      // Compare each key of the lower run with its mirror in the upper run.
      // Reversing the upper run (register order and lanes) aligns mirrors;
      // it is not reversed back: the maxima form a reversed bitonic run,
      // which is still bitonic, and the half-cleaners below sort it anyway.
      UNROLL for (int i = 0; i < m / 2; i++) {
        KV t = hi[i];
        hi[i] = hi[m - 1 - i];
        hi[m - 1 - i] = t;
      }
      UNROLL for (int i = 0; i < m; i++) {
        hi[i] = P(reverse)(hi[i]);
        P(minmax)(&lo[i], &hi[i]);
      }
      // Half-cleaners across registers, then within each register.
      UNROLL for (int d = m / 2; d >= 1; d /= 2)
        UNROLL for (int i = 0; i < 2 * m; i++)
          if (!(i & d)) P(minmax)(&lo[i], &lo[i + d]);
      UNROLL for (int i = 0; i < 2 * m; i++) lo[i] = P(merge_vec)(lo[i]);
    }
  }
}

// Lane-wise compare-exchange in which the lanes in `upper` take the max.
KINLINE void P(minmax_mixed)(KV *a, KV *b, unsigned upper) {
  KV lo = *a, hi = *b;
  P(minmax)(&lo, &hi);
  *a = P(blend)(lo, hi, upper);
  *b = P(blend)(hi, lo, upper);
}

// Bitonic sort of k >= W registers, cheaper than sort_regs because most
// compare-exchanges are plain lane-wise min/max between registers. The keys
// are viewed in column-major order, key (lane j, register i) at position
// j * k + i:
//  1. Sort every column (lane) across the registers: a bitonic network on
//     k inputs whose comparators are whole-register min/max.
//  2. Merge columns pairwise, then in fours, ... up to all W: the mirror
//     step pairs register i with register k - 1 - i with its lanes mirrored
//     in groups of 2m (a swizzle), the half-cleaners at lane distances
//     m/2 ... 1 are in-register steps, those at register distances
//     k/2 ... 1 are again whole-register min/max.
//  3. Transpose each W x W block so that registers hold consecutive keys;
//     the caller stores register (b * W + j) of block b at row j * (k/W) + b.
KINLINE void P(sort_columns)(KV *r, int k) {
  UNROLL for (int m = 1; m < k; m *= 2) {
    UNROLL for (int g = 0; g < k; g += 2 * m)
      UNROLL for (int i = 0; i < m; i++) P(minmax)(&r[g + i], &r[g + 2 * m - 1 - i]);
    UNROLL for (int d = m / 2; d >= 1; d /= 2)
      UNROLL for (int i = 0; i < k; i++)
        if (!(i & d)) P(minmax)(&r[i], &r[i + d]);
  }
  UNROLL for (int m = 1; m < KW; m *= 2) {
    UNROLL for (int i = 0; i < k / 2; i++) {
      KV b = P(swizzle)(r[k - 1 - i], 2 * m - 1);
      P(minmax_mixed)(&r[i], &b, upper_lanes(2 * m - 1, KW));
      r[k - 1 - i] = P(swizzle)(b, 2 * m - 1);
    }
    UNROLL for (int x = m / 2; x >= 1; x /= 2)
      UNROLL for (int i = 0; i < k; i++) r[i] = P(xstep)(r[i], x);
    UNROLL for (int d = k / 2; d >= 1; d /= 2)
      UNROLL for (int i = 0; i < k; i++)
        if (!(i & d)) P(minmax)(&r[i], &r[i + d]);
  }
  // Transpose W x W blocks by exchanging d x d sub-blocks, d = W/2 ... 1.
  UNROLL for (int d = KW / 2; d >= 1; d /= 2) {
    unsigned hi = upper_lanes(d, KW);  // lanes with bit d set
    UNROLL for (int i = 0; i < k; i++) {
      if (i & d) continue;
      KV a = r[i], b = r[i + d];
      r[i] = P(blend)(a, P(swizzle)(b, d), hi);
      r[i + d] = P(blend)(P(swizzle)(a, d), b, hi);
    }
  }
}

// Sorts n <= k * W keys with a k-register network; the lanes past n are
// padded with KMAX, which sorts after (or equal to) every real key.
KINLINE void P(sort_block)(KT *a, size_t n, int k) {
  KV r[KSMALL];
  size_t full = n / KW, rest = n % KW;
  UNROLL for (int i = 0; i < k; i++) {
    if ((size_t)i < full) r[i] = P(load)(a + i * KW);
    else if ((size_t)i == full && rest) r[i] = P(load_pad)(a + i * KW, rest);
    else r[i] = P(set1)(KMAX);
  }
  // Few registers: sort_regs, rows in order. Otherwise sort_columns, whose
  // row q sits in register (q % c) * W + q / c, with c = k / W blocks.
  int c = k < KW ? 0 : k / KW;
  if (c == 0) P(sort_regs)(r, k);
  else P(sort_columns)(r, k);
  UNROLL for (int q = 0; q < k; q++) {
    int src = c == 0 ? q : (q % c) * KW + q / c;
    if ((size_t)q < full) P(store)(a + q * KW, r[src]);
    else if ((size_t)q == full && rest) P(store_part)(a + q * KW, r[src], rest);
  }
}

// Sorts n <= KSMALL * W keys with the smallest network that holds them.
KENTRY void P(small_sort)(KT *a, size_t n) {
  size_t regs = (n + KW - 1) / KW;
  if (n <= 1) return;
  if (regs <= 1) P(sort_block)(a, n, 1);
  else if (regs <= 2) P(sort_block)(a, n, 2);
  else if (regs <= 4) P(sort_block)(a, n, 4);
  else if (regs <= 8) P(sort_block)(a, n, 8);
  else if (regs <= 16) P(sort_block)(a, n, 16);
#if KSMALL > 16
  else P(sort_block)(a, n, 32);
#endif
}

// Partitions a[0, n) in place so that a[0, m) < pivot <= a[m, n), returning
// m. Needs n >= 3 * KUNROLL * W.
//
// Keys are read in blocks of B = KUNROLL vectors. The first and last block
// are loaded into registers up front, and so is one block ahead of the one
// being written. The free space this creates (positions already read but
// not yet written, left and right of the unread range) thus totals 3 * B
// before each read, and the next block is read from the side with less of
// it. Hence both sides keep at least W free positions whenever a vector is
// written, and every vector can be stored whole at both write cursors (see
// partition_store). Reading one block ahead lets the loads of the next
// block start before the current block's counts are known. The keys left
// over (fewer than B) go one vector, then one key, at a time by the same
// rule, and the blocks held in registers go last, into the remaining gap of
// exactly 3 * B positions.
KENTRY size_t P(partition)(KT *a, size_t n, KT pivot) {
  enum { B = KUNROLL * KW };
  KV pv = P(set1)(pivot);
  KV held[3 * KUNROLL];  // first block, last block, block read ahead
  UNROLL for (int i = 0; i < KUNROLL; i++) {
    held[i] = P(load)(a + i * KW);
    held[KUNROLL + i] = P(load)(a + n - B + i * KW);
    held[2 * KUNROLL + i] = P(load)(a + B + i * KW);
  }
  KV *ahead = held + 2 * KUNROLL;
  size_t l = 2 * B, r = n - B;  // unread keys: a[l, r)
  size_t wl = 0, wr = n;        // written: a[0, wl) < pivot <= a[wr, n)
  while (r - l >= B) {
    const KT *src;
    if (l - wl <= wr - r) {
      src = a + l;
      l += B;
    } else {
      r -= B;
      src = a + r;
    }
    KV v[KUNROLL];
    UNROLL for (int i = 0; i < KUNROLL; i++) v[i] = P(load)(src + i * KW);
    UNROLL for (int i = 0; i < KUNROLL; i++) {
      P(partition_store)(a, &wl, &wr, ahead[i], pv);
      ahead[i] = v[i];
    }
  }
  while (r - l >= KW) {
    KV v;
    if (l - wl <= wr - r) {
      v = P(load)(a + l);
      l += KW;
    } else {
      r -= KW;
      v = P(load)(a + r);
    }
    P(partition_store)(a, &wl, &wr, v, pv);
  }
  while (l < r) {
    // Both a[wl] and a[wr - 1] are free: write the key to both and keep
    // the copy on its side.
    KT x = (l - wl <= wr - r) ? a[l++] : a[--r];
    a[wl] = x;
    a[wr - 1] = x;
    size_t below = x < pivot;
    wl += below;
    wr -= 1 - below;
  }
  UNROLL for (int i = 0; i < 3 * KUNROLL; i++) P(partition_store)(a, &wl, &wr, held[i], pv);
  return wl;
}

// Pivot: the upper median of KPIVOT * W keys sampled at even spacing,
// sorted with the register network.
KINLINE KT P(choose_pivot)(const KT *a, size_t n) {
  KT s[KPIVOT * KW];
  size_t step = n / (KPIVOT * KW);
  UNROLL for (int i = 0; i < KPIVOT * KW; i++) s[i] = a[step / 2 + i * step];
  KV r[KPIVOT];
  UNROLL for (int i = 0; i < KPIVOT; i++) r[i] = P(load)(s + i * KW);
  P(sort_regs)(r, KPIVOT);
  UNROLL for (int i = 0; i < KPIVOT; i++) P(store)(s + i * KW, r[i]);
  return s[KPIVOT * KW / 2];
}

// Heapsort, the fallback once quicksort recursed too deep.
KINLINE void P(sift_down)(KT *a, size_t i, size_t n) {
  KT x = a[i];
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && a[c + 1] > a[c]) c++;
    if (a[c] <= x) break;
    a[i] = a[c];
    i = c;
  }
  a[i] = x;
}
KENTRY void P(heapsort)(KT *a, size_t n) {
  for (size_t i = n / 2; i-- > 0;) P(sift_down)(a, i, n);
  for (size_t end = n; end-- > 1;) {
    KT t = a[0];
    a[0] = a[end];
    a[end] = t;
    P(sift_down)(a, 0, end);
  }
}

KENTRY void P(quicksort)(KT *a, size_t n, int depth) {
  while (n > KSMALL * KW) {
    if (depth-- == 0) {
      P(heapsort)(a, n);
      return;
    }
    KT pivot = P(choose_pivot)(a, n);
    size_t m = P(partition)(a, n, pivot);
    if (m == 0) {
      // The pivot is the smallest key, so nothing went below it. Split off
      // all its copies instead (they are in place), which always progresses;
      // this also ends runs of equal keys after one pass.
      if (pivot == KMAX) return;
      m = P(partition)(a, n, pivot + 1);
      a += m;
      n -= m;
      continue;
    }
    // Recurse into the smaller side, loop on the larger: O(log n) stack.
    if (m <= n - m) {
      P(quicksort)(a, m, depth);
      a += m;
      n -= m;
    } else {
      P(quicksort)(a + m, n - m, depth);
      n = m;
    }
  }
  P(small_sort)(a, n);
}

// One partition of the whole range around a sampled pivot, for a caller
// that sorts the two sides on two threads: returns m, with every key of
// a[0..<m) at most every key of a[m..<n); 0 when the pivot is the least key
// (nothing split off).
KENTRY size_t P(split)(KT *a, size_t n) {
  if (n <= KSMALL * KW) return 0;
  return P(partition)(a, n, P(choose_pivot)(a, n));
}

KENTRY void P(sort)(KT *a, size_t n) {
  int depth = 0;
  for (size_t m = n; m > 1; m >>= 1) depth += STRIDED_SORT_DEPTH_PER_LEVEL;
  P(quicksort)(a, n, depth);
}

#undef P
#undef KCAT
#undef KCAT_
#undef KPFX
#undef KT
#undef KMAX
#undef KV
#undef KW
#undef KSMALL
#undef KUNROLL
#undef KPIVOT
#undef KINLINE
#undef KENTRY
