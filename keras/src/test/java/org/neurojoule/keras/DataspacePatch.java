package org.neurojoule.keras;

/** Crafts hostile HDF5 files: rewrites a dataset's declared size inside a real file. */
final class DataspacePatch {
  private DataspacePatch() {}

  /**
   * Finds the first version-1 dataspace message (object header message type 1) of rank 1 whose
   * dimension is {@code from}, and declares {@code to} instead (also as its maximum, if stored).
   *
   * @return how many messages were patched (0 or 1)
   */
  static int patchFirstOneDimensional(byte[] file, long from, long to) {
    for (int i = 0; i + 32 < file.length; i++) {
      // message header: type 0x0001 (2 bytes), size (2), flags (1), reserved (3)
      boolean header =
          file[i] == 1
              && file[i + 1] == 0
              && file[i + 5] == 0
              && file[i + 6] == 0
              && file[i + 7] == 0;
      int b = i + 8;
      // dataspace v1: version 1, rank 1, flags, reserved (5 bytes), then 8-byte dimensions
      if (header && file[b] == 1 && file[b + 1] == 1 && readLong(file, b + 8) == from) {
        writeLong(file, b + 8, to);
        if ((file[b + 2] & 1) != 0) {
          writeLong(file, b + 16, to);
        }
        return 1;
      }
    }
    return 0;
  }

  private static long readLong(byte[] a, int at) {
    long v = 0;
    for (int k = 7; k >= 0; k--) {
      v = (v << 8) | (a[at + k] & 0xff);
    }
    return v;
  }

  private static void writeLong(byte[] a, int at, long v) {
    for (int k = 0; k < 8; k++) {
      a[at + k] = (byte) (v >>> (8 * k));
    }
  }
}
