package org.neurojoule.onnx;

import java.util.Arrays;
import org.neurojoule.Tensor;

/**
 * Reshape and Transpose of channels-first activations as NeuroJoule Reshape and Permute layers on
 * channels-last tensors, such that the units land where PyTorch puts them: ShuffleNet's channel
 * shuffle {@code (C, H, W) -> (g, C/g, H, W) -> (C/g, g, H, W) -> (C, H, W)}.
 *
 * <p>NeuroJoule holds ONNX's {@code (a0, a1, ..., ak)} as {@code (a1, ..., ak, a0)}. A reshape
 * regroups ONNX's leading axes and keeps the trailing ones (the spatial axes {@code S}): the input
 * is permuted to {@code (S, a0, ...)}, where a row-major reshape to {@code (S, b0, ...)} is ONNX's,
 * then permuted back to {@code (b1, ..., S, b0)}. Identity permutes are left out.
 */
final class Regroup {
  private final NodeAt at;

  Regroup(NodeAt at) {
    this.at = at;
  }

  /** {@code x} reshaped to ONNX's {@code target} (both of rank 2 or more, without the batch). */
  Act reshape(Act x, int[] target) {
    int[] a = x.onnx();
    int kept = 0;
    while (kept < Math.min(a.length, target.length) - 1
        && a[a.length - 1 - kept] == target[target.length - 1 - kept]) {
      kept++;
    }
    int m = a.length - kept;
    int n = target.length - kept;
    // NeuroJoule axes of the input: a1..a(m-1) at 0.., S at m-1.., a0 last.
    int[] toOnnxOrder = new int[a.length];
    int k = 0;
    for (int i = 0; i < kept; i++) {
      toOnnxOrder[k++] = m - 1 + i;
    }
    toOnnxOrder[k++] = a.length - 1;
    for (int i = 1; i < m; i++) {
      toOnnxOrder[k++] = i - 1;
    }
    Tensor t = permute(x.tensor(), toOnnxOrder, at.name + "_onnx_order");
    int[] grouped = new int[target.length];
    System.arraycopy(a, m, grouped, 0, kept);
    System.arraycopy(target, 0, grouped, kept, n);
    Tensor r = at.guard(() -> t.reshape(grouped, s -> s.name(at.name)));
    // Axes now: S at 0.., b0 at kept, b1.. after it; standard order is b1.., S, b0.
    int[] toStandard = new int[target.length];
    k = 0;
    for (int i = 1; i < n; i++) {
      toStandard[k++] = kept + i;
    }
    for (int i = 0; i < kept; i++) {
      toStandard[k++] = i;
    }
    toStandard[k] = kept;
    return Act.of(permute(r, toStandard, at.name + "_channels_last"), target);
  }

  /** {@code x} with its ONNX axes permuted ({@code perm} batch first, the batch staying). */
  Act transpose(Act x, long[] perm) {
    int[] a = x.onnx();
    if (perm.length != a.length + 1 || perm[0] != 0 || !isPermutation(perm)) {
      throw at.error(
          "Transpose "
              + Arrays.toString(perm)
              + " of an activation "
              + Const.text(a)
              + " must permute its axes and keep the batch (axis 0) first");
    }
    int[] q = new int[a.length];
    for (int i = 0; i < q.length; i++) {
      q[i] = a[(int) perm[i + 1] - 1];
    }
    int[] from = new int[a.length];
    for (int kOut = 0; kOut < a.length; kOut++) {
      int onnxOut = kOut == a.length - 1 ? 0 : kOut + 1;
      from[kOut] = nj((int) perm[onnxOut + 1] - 1, a.length);
    }
    return Act.of(permute(x.tensor(), from, at.name), q);
  }

  /** The NeuroJoule axis (0-based, without the batch) of ONNX axis {@code onnx}. */
  private static int nj(int onnx, int rank) {
    return onnx == 0 ? rank - 1 : onnx - 1;
  }

  private static boolean isPermutation(long[] perm) {
    boolean[] seen = new boolean[perm.length];
    for (long p : perm) {
      if (p < 0 || p >= perm.length || seen[(int) p]) {
        return false;
      }
      seen[(int) p] = true;
    }
    return true;
  }

  /** A Permute layer whose output axis {@code k} is input axis {@code from[k]} (0-based). */
  private Tensor permute(Tensor in, int[] from, String name) {
    boolean identity = true;
    for (int i = 0; i < from.length; i++) {
      identity &= from[i] == i;
    }
    if (identity) {
      return in;
    }
    int[] dims = Arrays.stream(from).map(d -> d + 1).toArray();
    return at.guard(() -> in.permute(dims, p -> p.name(name)));
  }
}
