package org.neurojoule.natives;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.Loader;
import org.neurojoule.engine.spi.Convolution;
import org.neurojoule.engine.spi.ConvolutionShape;
import org.neurojoule.engine.spi.EngineThreads;

/**
 * A convolution on oneDNN's direct convolution primitive (JavaCPP's {@code org.bytedeco:dnnl}),
 * channels last in and out, weights reordered once into oneDNN's preferred layout. oneDNN runs on
 * its own (OpenMP) threads; the engine copies in and out, with its epilogue, on its own.
 */
final class DnnlConvolution implements Convolution {
  private static dnnl_engine engine;
  private static dnnl_stream stream;

  /** Loads oneDNN and creates the CPU engine and stream; throws if it cannot. */
  static synchronized void load() {
    if (engine != null) {
      return;
    }
    // Before libgomp loads with oneDNN: it reads its spin count only then.
    GompSpin.apply(java.util.logging.Logger.getLogger(DnnlConvolution.class.getName()));
    Loader.load(org.bytedeco.dnnl.global.dnnl.class);
    dnnl_engine e = new dnnl_engine();
    check(dnnl_engine_create(e, dnnl_cpu, 0), "engine");
    dnnl_stream s = new dnnl_stream();
    check(dnnl_stream_create(s, e, dnnl_stream_default_flags), "stream");
    engine = e;
    stream = s;
  }

  static void check(int status, String what) {
    if (status != dnnl_success) {
      throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
    }
  }

  private final int rank;
  private final ConvolutionShape w;
  private final int cin;
  private final int cout;

  /** 1 for an ordinary convolution, {@code cin} for a depthwise one, else a grouped one's. */
  private final int groups;

  private final float[] kernel;
  private final long inSize;
  private final long outSize;
  private NativeFloats.Buffer src;
  private NativeFloats.Buffer dst;
  private FloatBuffer srcView;
  private FloatBuffer dstView;
  private final Map<Integer, Prim> prims = new HashMap<>();

  /** One primitive for a batch size, with its memories and reordered weights. */
  private static final class Prim {
    dnnl_primitive primitive;
    dnnl_memory srcMem;
    dnnl_memory dstMem;
    dnnl_memory weightsMem;
    NativeFloats.Buffer weights;
    dnnl_exec_arg_t args;
  }

  /**
   * A convolution of {@code shape} in its {@code groups()} groups: 1 for Conv1D/2D/3D with Keras'
   * {@code (k..., cin, cout)} kernel, {@code cin} for DepthwiseConv2D with Keras' {@code (kh, kw,
   * cin, dm)} kernel, whose output channel {@code c * dm + m} is oneDNN's group {@code c}, channel
   * {@code m}; a grouped Conv's {@code (k..., cin / groups, cout)} kernel is laid out the same way,
   * oneDNN's {@code (k..., i, g, o)}.
   */
  DnnlConvolution(ConvolutionShape shape, float[] kernel) {
    this.rank = shape.rank();
    this.w = shape;
    this.cin = shape.inChannels();
    this.cout = shape.outChannels();
    this.groups = shape.groups();
    this.kernel = kernel;
    this.inSize = shape.inSize();
    this.outSize = shape.outSize();
  }

  /**
   * Allocates buffers for up to {@code maxN} examples and builds the primitive for {@code maxN}.
   */
  @Override
  public void prepare(int maxN) {
    close();
    src = NativeFloats.allocate(Math.max(1, maxN * inSize));
    dst = NativeFloats.allocate(Math.max(1, maxN * outSize));
    srcView = src.pointer().asBuffer();
    dstView = dst.pointer().asBuffer();
    prim(maxN);
  }

  private long[] dims(int n, int c, int[] spatial) {
    long[] d = new long[2 + rank];
    d[0] = n;
    d[1] = c;
    for (int i = 0; i < rank; i++) {
      d[2 + i] = spatial[3 - rank + i];
    }
    return d;
  }

  private static dnnl_memory_desc md(long[] dims, int tag) {
    dnnl_memory_desc m = new dnnl_memory_desc();
    check(dnnl_memory_desc_create_with_tag(m, dims.length, dims, dnnl_f32, tag), "memory desc");
    return m;
  }

  private Prim prim(int n) {
    Prim p = prims.get(n);
    if (p != null) {
      return p;
    }
    int act = rank == 1 ? dnnl_nwc : rank == 2 ? dnnl_nhwc : dnnl_ndhwc;
    boolean grouped = groups > 1;
    int user =
        grouped
            ? (rank == 1 ? dnnl_wigo : rank == 2 ? dnnl_hwigo : dnnl_dhwigo)
            : rank == 1 ? dnnl_wio : rank == 2 ? dnnl_hwio : dnnl_dhwio;
    int lead = grouped ? 3 : 2;
    long[] wd = new long[lead + rank];
    if (grouped) {
      wd[0] = groups;
      wd[1] = cout / groups;
      wd[2] = cin / groups;
    } else {
      wd[0] = cout;
      wd[1] = cin;
    }
    long[] strides = new long[rank];
    long[] dil = new long[rank];
    long[] padL = new long[rank];
    long[] padR = new long[rank];
    for (int i = 0; i < rank; i++) {
      int a = 3 - rank + i;
      wd[lead + i] = w.kernel()[a];
      strides[i] = w.strides()[a];
      dil[i] = w.dilation()[a] - 1;
      padL[i] = w.padBefore()[a];
      long eff = (long) (w.kernel()[a] - 1) * w.dilation()[a] + 1;
      padR[i] =
          Math.max(
              0, (long) (w.out()[a] - 1) * w.strides()[a] + eff - w.in()[a] - w.padBefore()[a]);
    }
    dnnl_memory_desc srcMd = md(dims(n, cin, w.in()), act);
    dnnl_memory_desc dstMd = md(dims(n, cout, w.out()), act);
    dnnl_memory_desc anyW = md(wd, dnnl_format_tag_any);
    dnnl_memory_desc userW = md(wd, user);
    dnnl_primitive_desc pd = new dnnl_primitive_desc();
    check(
        dnnl_convolution_forward_primitive_desc_create(
            pd,
            engine,
            dnnl_forward_inference,
            dnnl_convolution_direct,
            srcMd,
            anyW,
            null,
            dstMd,
            strides,
            dil,
            padL,
            padR,
            null),
        "convolution descriptor");
    p = new Prim();
    p.primitive = new dnnl_primitive();
    check(dnnl_primitive_create(p.primitive, pd), "convolution primitive");
    // The weights: Keras' layout into a user memory, reordered to what the primitive wants.
    dnnl_memory_desc wantW = dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0);
    NativeFloats.Buffer userBuf = NativeFloats.allocate(Math.max(1, kernel.length));
    FloatBuffer userView = userBuf.pointer().asBuffer();
    // In parallel: most of copying into fresh memory is the system mapping its pages.
    EngineThreads.forRange(
        kernel.length, 1 << 18, (from, to) -> userView.put(from, kernel, from, to - from));
    dnnl_memory userMem = new dnnl_memory();
    check(dnnl_memory_create(userMem, userW, engine, userBuf.pointer()), "weights memory");
    p.weights = NativeFloats.allocate(dnnl_memory_desc_get_size(wantW) / 4 + 16);
    p.weightsMem = new dnnl_memory();
    check(dnnl_memory_create(p.weightsMem, wantW, engine, p.weights.pointer()), "weights memory");
    dnnl_primitive_desc rpd = new dnnl_primitive_desc();
    check(dnnl_reorder_primitive_desc_create(rpd, userW, engine, wantW, engine, null), "reorder");
    dnnl_primitive reorder = new dnnl_primitive();
    check(dnnl_primitive_create(reorder, rpd), "reorder primitive");
    dnnl_exec_arg_t ra = new dnnl_exec_arg_t(2);
    ra.position(0).arg(DNNL_ARG_FROM).memory(userMem);
    ra.position(1).arg(DNNL_ARG_TO).memory(p.weightsMem);
    check(dnnl_primitive_execute(reorder, stream, 2, ra.position(0)), "reorder");
    check(dnnl_stream_wait(stream), "stream wait");
    dnnl_primitive_destroy(reorder);
    dnnl_primitive_desc_destroy(rpd);
    dnnl_memory_destroy(userMem);
    userBuf.free().clean();
    p.srcMem = new dnnl_memory();
    check(dnnl_memory_create(p.srcMem, srcMd, engine, src.pointer()), "src memory");
    p.dstMem = new dnnl_memory();
    check(dnnl_memory_create(p.dstMem, dstMd, engine, dst.pointer()), "dst memory");
    p.args = new dnnl_exec_arg_t(3);
    p.args.position(0).arg(DNNL_ARG_SRC).memory(p.srcMem);
    p.args.position(1).arg(DNNL_ARG_WEIGHTS).memory(p.weightsMem);
    p.args.position(2).arg(DNNL_ARG_DST).memory(p.dstMem);
    p.args.position(0);
    dnnl_primitive_desc_destroy(pd);
    dnnl_memory_desc_destroy(srcMd);
    dnnl_memory_desc_destroy(dstMd);
    dnnl_memory_desc_destroy(anyW);
    dnnl_memory_desc_destroy(userW);
    prims.put(n, p);
    return p;
  }

  @Override
  public FloatBuffer input() {
    return srcView;
  }

  @Override
  public FloatBuffer output() {
    return dstView;
  }

  /** Convolves the first {@code n} examples; one at a time, as they share oneDNN's stream. */
  @Override
  public void execute(int n) {
    Prim p = prim(n);
    synchronized (DnnlConvolution.class) {
      check(dnnl_primitive_execute(p.primitive, stream, 3, p.args), "convolution");
      check(dnnl_stream_wait(stream), "stream wait");
    }
  }

  @Override
  public void close() {
    for (Prim p : prims.values()) {
      dnnl_primitive_destroy(p.primitive);
      dnnl_memory_destroy(p.srcMem);
      dnnl_memory_destroy(p.dstMem);
      dnnl_memory_destroy(p.weightsMem);
      p.weights.free().clean();
      p.args.close();
    }
    prims.clear();
    if (src != null) {
      src.free().clean();
      dst.free().clean();
    }
    src = null;
    dst = null;
  }
}
