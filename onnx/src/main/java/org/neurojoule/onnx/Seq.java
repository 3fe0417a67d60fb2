package org.neurojoule.onnx;

import org.neurojoule.Tensor;

/**
 * A sequence activation around ONNX's recurrent operators: NeuroJoule's tensor is {@code (time,
 * features)} in ONNX's own order; {@code layout} says where ONNX puts the batch.
 *
 * @param tensor the NeuroJoule tensor {@code (time, features)}
 * @param layout the ONNX layout of the same values
 */
record Seq(Tensor tensor, Layout layout) {
  /** Where ONNX has the batch and the direction axis. */
  enum Layout {
    /** {@code (batch, time, features)}: PyTorch's {@code batch_first}. */
    BATCH_FIRST,
    /** {@code (time, batch, features)}: what ONNX's LSTM, GRU and RNN read. */
    TIME_MAJOR,
    /** {@code (time, directions = 1, batch, hidden)}: their output Y. */
    DIRECTIONS
  }

  int time() {
    return tensor.shape().toArray()[0];
  }

  int features() {
    return tensor.shape().toArray()[1];
  }
}
