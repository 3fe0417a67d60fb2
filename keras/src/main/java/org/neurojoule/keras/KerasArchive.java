package org.neurojoule.keras;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.neurojoule.KerasImportException;

/**
 * The two entries of a {@code .keras} zip that the importer needs, read with limits: at most {@link
 * #MAX_ENTRIES} entries, {@link #MAX_ENTRY_BYTES} uncompressed per entry and {@link
 * #MAX_TOTAL_BYTES} in all, and no entry expanding more than {@link #MAX_RATIO} times. Sizes are
 * counted while inflating, so a zip bomb stops at the limit instead of filling memory.
 *
 * @param config the text of {@code config.json}
 * @param weights the bytes of {@code model.weights.h5}
 */
record KerasArchive(String config, byte[] weights) {
  static final int MAX_ENTRIES = 10_000;
  static final long MAX_ENTRY_BYTES = 1L << 30;
  static final long MAX_TOTAL_BYTES = 2L << 30;
  static final long MAX_RATIO = 200;

  static KerasArchive read(Path file, String label) {
    String config = null;
    byte[] weights = null;
    long total = 0;
    int entries = 0;
    long fileSize;
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      fileSize = Files.size(file);
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        if (++entries > MAX_ENTRIES) {
          throw new KerasImportException(
              label + ": the zip has more than " + MAX_ENTRIES + " entries");
        }
        String name = e.getName();
        boolean wanted = name.equals("config.json") || name.equals("model.weights.h5");
        long limit = Math.min(MAX_ENTRY_BYTES, Math.max(1L << 20, fileSize * MAX_RATIO));
        byte[] data = drain(zip, label, name, limit, wanted);
        total += data == null ? 0 : data.length;
        if (total > MAX_TOTAL_BYTES) {
          throw new KerasImportException(
              label + ": the zip expands to more than " + MAX_TOTAL_BYTES + " bytes");
        }
        if (name.equals("config.json")) {
          config = new String(data, StandardCharsets.UTF_8);
        } else if (name.equals("model.weights.h5")) {
          weights = data;
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      if (e instanceof KerasImportException k) {
        throw k;
      }
      throw new KerasImportException(
          label + ": not a readable zip archive (" + e.getMessage() + ")", e);
    }
    if (config == null) {
      throw new KerasImportException(label + ": the .keras archive has no config.json");
    }
    if (weights == null) {
      throw new KerasImportException(label + ": the .keras archive has no model.weights.h5");
    }
    return new KerasArchive(config, weights);
  }

  /** Reads (or skips) one entry, stopping as soon as it passes {@code limit} bytes. */
  private static byte[] drain(InputStream in, String label, String name, long limit, boolean keep)
      throws IOException {
    ByteArrayOutputStream out = keep ? new ByteArrayOutputStream() : null;
    byte[] buf = new byte[64 * 1024];
    long n = 0;
    int r;
    while ((r = in.read(buf)) > 0) {
      n += r;
      if (n > limit) {
        throw new KerasImportException(
            label
                + ": zip entry '"
                + name
                + "' expands to more than "
                + limit
                + " bytes ("
                + MAX_RATIO
                + " times the archive, at most "
                + MAX_ENTRY_BYTES
                + "): refusing a possible zip bomb");
      }
      if (out != null) {
        out.write(buf, 0, r);
      }
    }
    return out == null ? null : out.toByteArray();
  }
}
