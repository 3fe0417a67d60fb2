package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.ModelEnergy;
import org.neurojoule.SummaryOptions;
import org.neurojoule.examples.Architectures;
import org.neurojoule.keras.KerasModels;
import org.neurojoule.layer.Hint;

/** The neurojoule command run in-process: exact outputs, exit codes and one-line errors. */
class NeurojouleTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  @TempDir Path dir;

  /** What one run printed and returned. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Neurojoule.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  static String golden(String name) throws IOException {
    return Files.readString(
        ROOT.resolve("runtime/src/test/resources/golden").resolve(name), StandardCharsets.UTF_8);
  }

  /** {@return {@code text}'s result, with the library's advice worded for the command line} */
  static String inCliWords(java.util.function.Supplier<String> text) {
    Hint.Audience before = Hint.speakTo(Hint.Audience.CLI);
    try {
      return text.get();
    } finally {
      Hint.speakTo(before);
    }
  }

  /** Asserts exit code {@code code}, nothing on stdout and exactly {@code line} on stderr. */
  static void assertFails(int code, String line, String... args) {
    Run r = run(args);
    assertThat(r.err()).isEqualTo(line + "\n");
    assertThat(r.out()).isEmpty();
    assertThat(r.code()).isEqualTo(code);
  }

  /** A float32 .npy file of this shape, every value {@code value}. */
  Path npy(String name, float value, int... shape) throws IOException {
    StringBuilder tuple = new StringBuilder("(");
    int n = 1;
    for (int i = 0; i < shape.length; i++) {
      tuple.append(i > 0 ? ", " : "").append(shape[i]);
      n *= shape[i];
    }
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple + "), }";
    String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93)
        .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
        .put((byte) 1)
        .put((byte) 0)
        .putShort((short) header.length())
        .put(header.getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < n; i++) {
      b.putFloat(value);
    }
    return Files.write(dir.resolve(name), b.array());
  }

  // ---- summary ----

  @Test
  void summaryMnist_isTheGoldenDefaultSummary() throws IOException {
    Run r = run("summary", "mnist", "--no-notes");
    assertThat(r.out()).isEqualTo(golden("mnist_default.txt"));
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(0);
    assertThat(run("summary", "MNIST", "--no-notes").out()).isEqualTo(golden("mnist_default.txt"));
  }

  @Test
  void summary_printsTheNotesByDefault_asTheLibraryDoes() {
    assertThat(run("summary", "mnist").out())
        .isEqualTo(Architectures.mnist().energy().summaryString());
  }

  @Test
  void summary_columnsAndLineLength_areTheGoldens() throws IOException {
    assertThat(run("summary", "mnist", "--line-length", "60", "--no-notes").out())
        .isEqualTo(golden("mnist_line60.txt"));
    assertThat(
            run(
                    "summary",
                    "mnist",
                    "--no-notes",
                    "--line-length",
                    "98",
                    "--columns",
                    "name,energy cpu,energy gpu,"
                        + "synop_energy cpu,synop_energy gpu,neuron_energy cpu,neuron_energy gpu")
                .out())
        .isEqualTo(golden("mnist_cpu_gpu.txt"));
    // By default the CLI never cuts a cell: the same table, each column as wide as it needs.
    assertThat(
            run(
                    "summary",
                    "mnist",
                    "--no-notes",
                    "--columns",
                    "name,energy cpu,energy gpu,"
                        + "synop_energy cpu,synop_energy gpu,neuron_energy cpu,neuron_energy gpu")
                .out())
        .isEqualTo(
            Architectures.mnist()
                .energy()
                .summaryString(
                    o ->
                        o.columns(
                                "name",
                                "energy cpu",
                                "energy gpu",
                                "synop_energy cpu",
                                "synop_energy gpu",
                                "neuron_energy cpu",
                                "neuron_energy gpu")
                            .lineLength(SummaryOptions.AUTO)
                            .printWarnings(false)));
    assertThat(
            run(
                    "summary",
                    "mnist",
                    "--columns",
                    "name,output_shape,energy cpu,energy gpu",
                    "--line-length",
                    "60",
                    "--notes")
                .out())
        .isEqualTo(golden("mnist_line60_warn.txt"));
  }

  @Test
  void summary_activityColumns_inCsvAndJson() {
    String columns =
        "name,params,sparsity,weight_sparsity,footprint,dense_ops,effective_macs,"
            + "effective_acs";
    Run r = run("summary", "mnist", "--columns", columns, "--format", "csv");
    assertThat(r.code()).isEqualTo(0);
    // No example data: activation sparsity and effective MACs are missing; default glorot
    // kernels hold no exact zeros; footprint is float32, 4 bytes per parameter.
    assertThat(r.out())
        .isEqualTo(
            String.join(
                "\n",
                "layer,type,params,sparsity,weight_sparsity,footprint_bytes,dense_ops,effective_macs,"
                    + "effective_acs",
                "input_1,InputLayer,0,NaN,NaN,0,0,0.0,0.0",
                "conv2d,Conv2D,100,NaN,0.0,400,47432,NaN,0.0",
                "re_lu,ReLU,0,NaN,NaN,0,0,0.0,0.0",
                "flatten,Flatten,0,NaN,NaN,0,0,0.0,0.0",
                "dense,Dense,124032,NaN,0.0,496128,123904,NaN,0.0",
                "re_lu_1,ReLU,0,NaN,NaN,0,0,0.0,0.0",
                "dense_1,Dense,1290,NaN,0.0,5160,1280,NaN,0.0",
                "total,,125422,NaN,0.0,501688,172616,NaN,0.0",
                ""));
    String json = run("summary", "mnist", "--columns", columns, "--format", "json").out();
    assertThat(json)
        .contains(
            "{\"layer\": \"dense_1\", \"type\": \"Dense\", \"params\": 1290,"
                + " \"sparsity\": null, \"weight_sparsity\": 0.0, \"footprint_bytes\": 5160,"
                + " \"dense_ops\": 1280, \"effective_macs\": null, \"effective_acs\": 0.0}");
    String text =
        run("summary", "mnist", "--columns", "name,sparsity,footprint", "--no-notes").out();
    assertThat(text).contains("dense_1 (Dense)     |     nan|  5160");
    String int8 =
        run(
                "summary",
                "mnist",
                "--columns",
                "name,footprint",
                "--footprint-dtype",
                "INT8",
                "--format",
                "csv")
            .out();
    assertThat(int8).contains("dense_1,Dense,1290\n");
    assertThat(int8).endsWith("total,,125422\n");
    assertFails(
        2,
        "neurojoule: Invalid value for option '--footprint-dtype': 'int4' is not a"
            + " dtype; use float32, float16, int8, uint8, int16, int32, bfloat16, float64,"
            + " int64 (see 'neurojoule summary --help')",
        "summary",
        "mnist",
        "--footprint-dtype",
        "int4");
  }

  @Test
  void summary_lineLengthAuto_neverCuts() {
    Run r =
        run(
            "summary",
            "vgg9",
            "--line-length",
            "auto",
            "--columns",
            "name,output_shape,connections,energy cpu,energy gpu");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out())
        .isEqualTo(
            Architectures.vgg9()
                .energy()
                .summaryString(
                    o ->
                        o.columns("name", "output_shape", "connections", "energy cpu", "energy gpu")
                            .lineLength(SummaryOptions.AUTO)));
    assertThat(r.out()).contains("batch_normalization_5 (BatchNormalization)|");
  }

  @Test
  void summaryCsv_isExact() {
    Run r = run("summary", "mnist", "--format", "csv");
    assertThat(r.out())
        .isEqualTo(
            """
        layer,type,output_shape,params,connections,neurons,energy_j_cpu
        input_1,InputLayer,"[(None, 28, 28, 1)]",0,0,0,0.0
        conv2d,Conv2D,"(None, 22, 22, 2)",100,47432,0,4.079152E-4
        re_lu,ReLU,"(None, 22, 22, 2)",0,0,968,8.324799999999999E-6
        flatten,Flatten,"(None, 968)",0,0,0,0.0
        dense,Dense,"(None, 128)",124032,123904,0,0.0010655743999999998
        re_lu_1,ReLU,"(None, 128)",0,0,128,1.1008E-6
        dense_1,Dense,"(None, 10)",1290,1280,0,1.1007999999999999E-5
        total,,,125422,172616,1096,0.0014939232
        """);
    assertThat(r.code()).isEqualTo(0);
  }

  @Test
  void summaryJson_isExact() {
    Run r =
        run(
            "summary",
            "mnist",
            "--format",
            "JSON",
            "--columns",
            "name,params,energy gpu",
            "--accounting",
            "keras-spiking",
            "--timesteps",
            "10",
            "--dt",
            "0.002");
    assertThat(r.out())
        .isEqualTo(
            """
        {
          "accounting": "keras-spiking",
          "energy_model": "reference",
          "timesteps_per_inference": 10,
          "dt_s": 0.002,
          "example_data": null,
          "layers": [
            {"layer": "input_1", "type": "InputLayer", "params": 0, "energy_j_gpu": 0.0},
            {"layer": "conv2d", "type": "Conv2D", "params": 100, "energy_j_gpu": 1.42296E-5},
            {"layer": "re_lu", "type": "ReLU", "params": 0, "energy_j_gpu": 2.904E-7},
            {"layer": "flatten", "type": "Flatten", "params": 0, "energy_j_gpu": 0.0},
            {"layer": "dense", "type": "Dense", "params": 124032, "energy_j_gpu": 3.71712E-5},
            {"layer": "re_lu_1", "type": "ReLU", "params": 0, "energy_j_gpu": 3.84E-8},
            {"layer": "dense_1", "type": "Dense", "params": 1290, "energy_j_gpu": 3.84E-7}
          ],
          "totals": {"params": 125422, "energy_j_gpu": 5.211360000000001E-5},
          "warnings": []
        }
        """);
    assertThat(r.code()).isEqualTo(0);
  }

  @Test
  void summary_withExampleData_givesTheLibrarysSpikingFigures() throws IOException {
    Path data = npy("ones.npy", 1f, 4, 28, 28);
    Run r =
        run(
            "summary",
            "mnist",
            "--example-data",
            data.toString(),
            "--timesteps",
            "10",
            "--columns",
            "name,rate,energy loihi",
            "--notes");
    ModelEnergy expected =
        Architectures.mnist().energy(e -> e.exampleData(ExampleData.fromNpy(data)));
    // The library's advice as the command line words it.
    assertThat(r.out())
        .isEqualTo(
            inCliWords(
                () ->
                    expected.summaryString(
                        o -> o.columns("name", "rate", "energy loihi").timestepsPerInference(10))));
    assertThat(r.out()).contains("* This model contains non-spiking activations");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(0);
  }

  @Test
  void libraryWarnings_areOneLineEach_onStderr_andQuietDropsThem() {
    Run r = run("summary", "lcrm-vgg9", "--accounting", "keras-spiking");
    assertThat(r.err())
        .isEqualTo(
            """
        warning: Cannot compute stats for layer of type 'BatchNormalization'
        warning: Cannot compute stats for layer of type 'MaxPooling2D'
        warning: Cannot compute stats for layer of type 'DepthwiseConv2D'
        """);
    assertThat(r.code()).isEqualTo(0);
    Run quiet = run("summary", "lcrm-vgg9", "--accounting", "keras-spiking", "--quiet");
    assertThat(quiet.err()).isEmpty();
    assertThat(quiet.out()).isEqualTo(r.out());
  }

  // ---- Keras files ----

  private static Path keras(String name) {
    return ROOT.resolve("keras/src/test/resources/keras").resolve(name);
  }

  @Test
  void summary_ofAKerasFile_isTheImportedModelsSummary() {
    Path lenet = keras("pair_tfk_2.2.4_lenet_mnist.json");
    Run r = run("summary", lenet.toString(), "--columns", "name,output_shape,params,energy gpu");
    assertThat(r.out())
        .isEqualTo(
            KerasModels.load(lenet)
                .energy()
                .summaryString(o -> o.columns("name", "output_shape", "params", "energy gpu")));
    assertThat(r.out()).contains("conv2d_1 (Conv2D)");
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(0);
  }

  @Test
  void compare_ofTwoKerasFiles_givesEachModelsTotals() {
    Path vgg16 = keras("arch_tfk_2.2.4_vgg16.json");
    Path lenet = keras("pair_tfk_2.2.4_lenet_mnist.json");
    Run r = run("compare", vgg16.toString(), lenet.toString(), "--format", "csv");
    assertThat(r.code()).isEqualTo(0);
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(1))
        .startsWith(
            "arch_tfk_2.2.4_vgg16.json,complete," + KerasModels.load(vgg16).params().total() + ",");
    assertThat(lines.get(2))
        .startsWith(
            "pair_tfk_2.2.4_lenet_mnist.json,complete,"
                + KerasModels.load(lenet).params().total()
                + ",");
  }

  @Test
  void allowUnknown_importsUnsupportedLayersAsZeroCost_withAWarningEach() throws IOException {
    Path file = keras("k3_3.9.2_seq_dense_leakyrelu_dropout.keras");
    assertThat(run("summary", file.toString()).code()).isEqualTo(0);
    Path lambda = lambdaModel();
    Run r = run("summary", lambda.toString(), "--allow-unknown", "--columns", "name,params");
    assertThat(r.err())
        .isEqualTo(
            "warning: "
                + lambda
                + ": layer 'lam' (Lambda) has no"
                + " NeuroJoule equivalent; imported as a zero-cost layer with output shape (None, 3, 4)\n"
                + "warning: Cannot compute stats for layer of type 'Lambda'\n");
    assertThat(r.code()).isEqualTo(0);
  }

  /** A Keras 2 Sequential JSON with a Lambda layer, whose Python code NeuroJoule cannot run. */
  private Path lambdaModel() throws IOException {
    return Files.writeString(
        dir.resolve("lambda.json"),
        "{\"class_name\": \"Sequential\","
            + " \"config\": {\"name\": \"seq\", \"layers\": [{\"class_name\": \"InputLayer\","
            + " \"config\": {\"name\": \"in\", \"batch_input_shape\": [null, 3, 4]}},"
            + " {\"class_name\": \"Lambda\", \"config\": {\"name\": \"lam\", \"function\":"
            + " [\"4wEAAAAAAAAAAQAAAAIAAABDAAAAcwgAAAB8AGQBFABTACkCTukC\", null, null],"
            + " \"function_type\": \"lambda\", \"module\": \"__main__\", \"output_shape\": null,"
            + " \"arguments\": {}}}]}, \"keras_version\": \"2.2.4\"}");
  }

  // ---- compare ----

  @Test
  void compareVgg9_isExact() {
    Run r = run("compare", "vgg9", "lcrm-vgg9");
    assertThat(r.out())
        .isEqualTo(
            """
                         |vgg9     |lcrm-vgg9|Reduction
        -----------------|---------|---------|---------
        Accounting       | complete| complete|        \s
        J/inf (cpu)      | 4.48e+00| 2.64e+00|   41.1 %
        J/inf (gpu)      | 1.56e-01| 9.20e-02|   41.1 %
        J/inf (arm)      | 4.69e-01| 2.76e-01|   41.1 %
        Param #          |  7895140|  3654462|   53.7 %
        Storage (float32)| 30.12 MB| 13.94 MB|   53.7 %
        Conn #           |520528128|306285824|   41.2 %
        Neuron #         |   435556|   435518|    0.0 %

        Energy by layer kind|vgg9    |Share |lcrm-vgg9|Share\s
        --------------------|--------|------|---------|------
        convolution (cpu)   |4.45e+00|99.3 %| 2.58e+00|97.6 %
        depthwise (cpu)     |0.00e+00| 0.0 %| 3.10e-02| 1.2 %
        dense (cpu)         |2.80e-02| 0.6 %| 2.76e-02| 1.0 %
        pooling (cpu)       |0.00e+00| 0.0 %| 0.00e+00| 0.0 %
        activations (cpu)   |3.73e-03| 0.1 %| 3.73e-03| 0.1 %
        other (cpu)         |0.00e+00| 0.0 %| 0.00e+00| 0.0 %
        convolution (gpu)   |1.55e-01|99.3 %| 8.98e-02|97.6 %
        depthwise (gpu)     |0.00e+00| 0.0 %| 1.08e-03| 1.2 %
        dense (gpu)         |9.75e-04| 0.6 %| 9.63e-04| 1.0 %
        pooling (gpu)       |0.00e+00| 0.0 %| 0.00e+00| 0.0 %
        activations (gpu)   |1.30e-04| 0.1 %| 1.30e-04| 0.1 %
        other (gpu)         |0.00e+00| 0.0 %| 0.00e+00| 0.0 %
        convolution (arm)   |4.66e-01|99.3 %| 2.70e-01|97.6 %
        depthwise (arm)     |0.00e+00| 0.0 %| 3.24e-03| 1.2 %
        dense (arm)         |2.93e-03| 0.6 %| 2.89e-03| 1.0 %
        pooling (arm)       |0.00e+00| 0.0 %| 0.00e+00| 0.0 %
        activations (arm)   |3.90e-04| 0.1 %| 3.90e-04| 0.1 %
        other (arm)         |0.00e+00| 0.0 %| 0.00e+00| 0.0 %
        * These are estimates only; see the documentation of ModelEnergy for a list of the assumptions
          being made.
        * Not compared: loihi, spinnaker, spinnaker2 (spiking: their energy needs firing rates, so every
          model needs example data).
        """);
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(0);
  }

  @Test
  void compareCsvAndJson_areExact() {
    String csv = run("compare", "vgg9", "lcrm-vgg9", "--format", "csv").out();
    // Every layer kind, spiking_neurons included, whichever the models have; then the timesteps.
    assertThat(csv)
        .isEqualTo(
            ""
                + "model,accounting,params,storage_bytes,connections,neurons,energy_j_cpu,"
                + "energy_j_gpu,energy_j_arm,reduction_percent_params,"
                + "reduction_percent_connections,reduction_percent_neurons,reduction_percent_cpu,"
                + "reduction_percent_gpu,reduction_percent_arm,energy_j_cpu_convolution,"
                + "energy_j_cpu_depthwise,energy_j_cpu_dense,energy_j_cpu_pooling,"
                + "energy_j_cpu_activations,energy_j_cpu_spiking_neurons,energy_j_cpu_other,"
                + "energy_j_gpu_convolution,energy_j_gpu_depthwise,energy_j_gpu_dense,"
                + "energy_j_gpu_pooling,energy_j_gpu_activations,energy_j_gpu_spiking_neurons,"
                + "energy_j_gpu_other,energy_j_arm_convolution,energy_j_arm_depthwise,"
                + "energy_j_arm_dense,energy_j_arm_pooling,energy_j_arm_activations,"
                + "energy_j_arm_spiking_neurons,energy_j_arm_other,timesteps_per_inference\n"
                + "vgg9,complete,7895140,31580560,520528128,435556,4.480287682399999,0.1562891052,"
                + "0.46886731559999995,0.0,0.0,0.0,0.0,0.0,0.0,4.448608,0.0,0.027952373599999997,"
                + "0.0,0.0037273087999999993,0.0,0.0,0.155184,0.0,9.750828E-4,0.0,1.300224E-4,0.0,"
                + "0.0,0.46555199999999997,0.0,0.0029252484,0.0,3.900672E-4,0.0,0.0,1\n"
                + "lcrm-vgg9,complete,3654462,14617848,306285824,435518,2.6378035412,0.0920164026,"
                + "0.2760492078,53.712511747733416,41.15864109460766,0.008724480893385067,"
                + "41.12423736622684,41.12423736622686,41.12423736622686,2.5754514943999998,"
                + "0.0310073344,0.027617403599999996,0.0,0.0037273087999999993,0.0,0.0,"
                + "0.0898413312,0.0010816512000000002,9.633978E-4,0.0,1.300224E-4,0.0,0.0,"
                + "0.2695239936,0.0032449536000000003,0.0028901934,0.0,3.900672E-4,0.0,0.0,1\n");
    assertThat(run("compare", "mnist", "mnist", "--format", "json").out())
        .isEqualTo(
            """
        {
          "baseline": "mnist",
          "timesteps_per_inference": 1,
          "dt_s": 0.001,
          "devices": ["cpu", "gpu", "arm"],
          "models": [
            {"model": "mnist", "accounting": "complete", "params": 125422, \
        "storage_bytes": 501688, "connections": 172616, "neurons": 1096, \
        "energy_j_cpu": 0.0014939232, "energy_j_gpu": 5.211360000000001E-5, \
        "energy_j_arm": 1.563408E-4, "reduction_percent_params": 0.0, \
        "reduction_percent_connections": 0.0, "reduction_percent_neurons": 0.0, \
        "reduction_percent_cpu": 0.0, "reduction_percent_gpu": 0.0, \
        "reduction_percent_arm": 0.0, "energy_j_cpu_convolution": 4.079152E-4, \
        "energy_j_cpu_depthwise": 0.0, "energy_j_cpu_dense": 0.0010765824, \
        "energy_j_cpu_pooling": 0.0, "energy_j_cpu_activations": 9.425599999999998E-6, \
        "energy_j_cpu_spiking_neurons": 0.0, "energy_j_cpu_other": 0.0, \
        "energy_j_gpu_convolution": 1.42296E-5, "energy_j_gpu_depthwise": 0.0, \
        "energy_j_gpu_dense": 3.75552E-5, "energy_j_gpu_pooling": 0.0, \
        "energy_j_gpu_activations": 3.2880000000000003E-7, "energy_j_gpu_spiking_neurons": 0.0, \
        "energy_j_gpu_other": 0.0, "energy_j_arm_convolution": 4.26888E-5, \
        "energy_j_arm_depthwise": 0.0, "energy_j_arm_dense": 1.1266560000000001E-4, \
        "energy_j_arm_pooling": 0.0, "energy_j_arm_activations": 9.864E-7, \
        "energy_j_arm_spiking_neurons": 0.0, "energy_j_arm_other": 0.0, \
        "timesteps_per_inference": 1, "example_data": null},
            {"model": "mnist #2", "accounting": "complete", "params": 125422, \
        "storage_bytes": 501688, "connections": 172616, "neurons": 1096, \
        "energy_j_cpu": 0.0014939232, "energy_j_gpu": 5.211360000000001E-5, \
        "energy_j_arm": 1.563408E-4, "reduction_percent_params": 0.0, \
        "reduction_percent_connections": 0.0, "reduction_percent_neurons": 0.0, \
        "reduction_percent_cpu": 0.0, "reduction_percent_gpu": 0.0, \
        "reduction_percent_arm": 0.0, "energy_j_cpu_convolution": 4.079152E-4, \
        "energy_j_cpu_depthwise": 0.0, "energy_j_cpu_dense": 0.0010765824, \
        "energy_j_cpu_pooling": 0.0, "energy_j_cpu_activations": 9.425599999999998E-6, \
        "energy_j_cpu_spiking_neurons": 0.0, "energy_j_cpu_other": 0.0, \
        "energy_j_gpu_convolution": 1.42296E-5, "energy_j_gpu_depthwise": 0.0, \
        "energy_j_gpu_dense": 3.75552E-5, "energy_j_gpu_pooling": 0.0, \
        "energy_j_gpu_activations": 3.2880000000000003E-7, "energy_j_gpu_spiking_neurons": 0.0, \
        "energy_j_gpu_other": 0.0, "energy_j_arm_convolution": 4.26888E-5, \
        "energy_j_arm_depthwise": 0.0, "energy_j_arm_dense": 1.1266560000000001E-4, \
        "energy_j_arm_pooling": 0.0, "energy_j_arm_activations": 9.864E-7, \
        "energy_j_arm_spiking_neurons": 0.0, "energy_j_arm_other": 0.0, \
        "timesteps_per_inference": 1, "example_data": null}
          ],
          "warnings": []
        }
        """);
  }

  @Test
  void compare_ofThreeModels_isASweepAgainstTheFirst() {
    Run r = run("compare", "vgg9", "lcrm-vgg9", "mnist", "--format", "csv", "--quiet");
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).startsWith("vgg9,complete,7895140,");
    assertThat(lines.get(3)).startsWith("mnist,complete,125422,501688,172616,1096,");
    String text = run("compare", "vgg9", "lcrm-vgg9", "mnist").out();
    assertThat(text)
        .startsWith("                 |vgg9     |lcrm-vgg9|Reduction|mnist    |Reduction\n");
    assertThat(r.code()).isEqualTo(0);
  }

  @Test
  void compare_withExampleData_coversSpikingDevices() throws IOException {
    Path data = npy("half.npy", 0.5f, 2, 28, 28);
    Run r = run("compare", "mnist", "mnist", "--example-data", data.toString());
    assertThat(r.out()).contains("\nJ/inf (loihi)     |");
    assertThat(r.out()).doesNotContain("Not compared");
    assertThat(r.code()).isEqualTo(0);
  }

  // ---- devices ----

  @Test
  void devices_isExact() {
    String degnan =
        "B. Degnan, B. Marr and J. Hasler, \"Assessing trends in performance per Watt"
            + " for signal processing applications\", IEEE Transactions on VLSI Systems 24(1), 2015";
    String davies =
        "M. Davies et al., \"Loihi: A Neuromorphic Manycore Processor with On-Chip"
            + " Learning\", IEEE Micro 38(1):82-99, 2018";
    String loihiCounts =
        "synaptic op 27.1 pJ = 23.6 pJ minimum synaptic spike op + 3.5 pJ"
            + " across-tile spike energy per tile hop (Table 1), added by the reference although the"
            + " hop is paid per spike and hop, not per synaptic op (see loihi-corrected); neuron"
            + " update 81 pJ (active neuron)";
    String text = run("devices").out();
    assertThat(text)
        .startsWith(
            ""
                + "device                J/synop  J/neuron  spiking  node         kind         source\n"
                + "cpu                  8.60e-09  8.60e-09  no       22 nm        derived      B."
                + " Degnan, B. Marr and J. Hasler, \"Assessing trends in performance per Watt for"
                + " signal processing applications\", IEEE Transactions on VLSI Systems 24(1), 2015\n"
                + "gpu                  3.00e-10  3.00e-10  no       28 nm        derived      B."
                + " Degnan, B. Marr and J. Hasler, \"Assessing trends in performance per Watt for"
                + " signal processing applications\", IEEE Transactions on VLSI Systems 24(1), 2015\n"
                + "arm                  9.00e-10  9.00e-10  no                    derived      B."
                + " Degnan, B. Marr and J. Hasler, \"Assessing trends in performance per Watt for"
                + " signal processing applications\", IEEE Transactions on VLSI Systems 24(1), 2015\n"
                + "loihi                2.71e-11  8.10e-11  yes      14 nm        measured     M."
                + " Davies et al., \"Loihi: A Neuromorphic Manycore Processor with On-Chip"
                + " Learning\", IEEE Micro 38(1):82-99, 2018\n"
                + "spinnaker            1.33e-08  2.60e-08  yes      130 nm       measured     S."
                + " Höppner et al., \"Dynamic Power Management for Neuromorphic Many-Core"
                + " Systems\", IEEE Transactions on Circuits and Systems I 66(8), 2019\n"
                + "spinnaker2           4.50e-10  2.19e-09  yes      28 nm        measured     S."
                + " Höppner et al., \"Dynamic Power Management for Neuromorphic Many-Core"
                + " Systems\", IEEE Transactions on Circuits and Systems I 66(8), 2019\n"
                + "loihi-corrected      2.36e-11  8.10e-11  yes      14 nm        measured     M."
                + " Davies et al., \"Loihi: A Neuromorphic Manycore Processor with On-Chip"
                + " Learning\", IEEE Micro 38(1):82-99, 2018\n"
                + "horowitz             4.60e-12  4.60e-12  no       45 nm        pre-silicon  M."
                + " Horowitz, \"1.1 Computing's energy problem (and what we can do about it)\","
                + " IEEE ISSCC 2014, pp. 10-14 (45 nm, 0.9 V)\n"
                + "horowitz-fp32        4.60e-12  4.60e-12  no       45 nm        pre-silicon  M."
                + " Horowitz, \"1.1 Computing's energy problem (and what we can do about it)\","
                + " IEEE ISSCC 2014, pp. 10-14 (45 nm, 0.9 V)\n"
                + "horowitz-fp16        1.50e-12  1.50e-12  no       45 nm        pre-silicon  M."
                + " Horowitz, \"1.1 Computing's energy problem (and what we can do about it)\","
                + " IEEE ISSCC 2014, pp. 10-14 (45 nm, 0.9 V)\n"
                + "horowitz-int8        2.30e-13  2.30e-13  no       45 nm        pre-silicon  M."
                + " Horowitz, \"1.1 Computing's energy problem (and what we can do about it)\","
                + " IEEE ISSCC 2014, pp. 10-14 (45 nm, 0.9 V)\n"
                + "truenorth            2.60e-11      0.00  yes      28 nm        measured     P. A."
                + " Merolla et al., \"A million spiking-neuron integrated circuit with a scalable"
                + " communication network and interface\", Science 345(6197):668-673, 2014\n"
                + "odin                 1.27e-11      0.00  yes      28 nm FDSOI  measured     C."
                + " Frenkel, M. Lefebvre, J.-D. Legat and D. Bol, \"A 0.086-mm2 12.7-pJ/SOP"
                + " 64k-Synapse 256-Neuron Online-Learning Digital Spiking Neuromorphic Processor"
                + " in 28-nm CMOS\", IEEE Transactions on Biomedical Circuits and Systems"
                + " 13(1):145, 2019\n"
                + "seneca               2.80e-12      0.00  yes      22 nm        pre-silicon  G. Tang"
                + " et al., \"SENECA: building a fully digital neuromorphic processor, design"
                + " trade-offs and challenges\", Frontiers in Neuroscience 17:1187252, 2023\n"
                + "a100                 2.56e-12  2.56e-12  no       7 nm         derived      NVIDIA"
                + " A100 Tensor Core GPU datasheet (derived: TDP / dense FP16 tensor peak)\n"
                + "h100                 1.42e-12  1.42e-12  no       TSMC 4N      derived      NVIDIA"
                + " H100 Tensor Core GPU datasheet (derived: TDP / dense FP16 tensor peak)\n"
                + "quadro-k4000         1.37e-09      0.00  no                    measured     Blouw,");
    // The devices fitted on measurements follow, the last one before the notes.
    assertThat(text)
        .contains(
            "\njetson-agx-orin      5.70e-12      0.00  no                    measured    "
                + " mlcommons/inference_results_v3.0 closed/NVIDIA Orin_TRT_MaxQ resnet50"
                + " SingleStream\n\nWhat the figures count:\n");
    assertThat(text)
        .contains(
            "\nWhat the figures count:\n  cpu: energy per operation from the"
                + " chip's performance per watt; the reference charges it per synaptic operation and per"
                + " neuron update alike\n");
    assertThat(text).contains("\n  loihi: " + loihiCounts + "\n");

    String csv = run("devices", "--format", "csv").out();
    assertThat(csv)
        .startsWith(
            "device,energy_per_synop_j,energy_per_neuron_j,spiking,node,kind,"
                + "counts,source\ncpu,8.6E-9,8.6E-9,false,22 nm,derived,energy per operation from the"
                + " chip's performance per watt; the reference charges it per synaptic operation and per"
                + " neuron update alike,\""
                + degnan.replace("\"", "\"\"")
                + "\"\n");
    assertThat(csv)
        .contains(
            "\nloihi,2.7100000000000002E-11,8.1E-11,true,14 nm,measured,\""
                + loihiCounts
                + "\",\""
                + davies.replace("\"", "\"\"")
                + "\"\n");

    assertThat(run("devices", "--format", "json").out())
        .startsWith(
            "{\n  \"devices\": [\n"
                + "    {\"device\": \"cpu\", \"energy_per_synop_j\": 8.6E-9, \"energy_per_neuron_j\":"
                + " 8.6E-9, \"spiking\": false, \"node\": \"22 nm\", \"kind\": \"derived\", \"counts\":"
                + " \"energy per operation from the chip's performance per watt; the reference charges it"
                + " per synaptic operation and per neuron update alike\", \"source\": \""
                + degnan.replace("\"", "\\\"")
                + "\"},\n");
  }

  @Test
  void devicesOption_registersTheFilesDevices_forColumnsAndTheListing() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("lab.json"),
            """
        {"devices": [
          {"device": "lab-cpu-copy", "energy_per_synop_j": 8.6e-9, "energy_per_neuron_j": 8.6e-9,
           "spiking": false, "node": "22 nm", "kind": "derived", "counts": "the cpu's figures",
           "source": "Our lab, 2026"}
        ]}
        """);
    Run list = run("devices", "--devices", file.toString(), "--format", "csv");
    assertThat(list.code()).isEqualTo(0);
    assertThat(list.out())
        .endsWith(
            "\nlab-cpu-copy,8.6E-9,8.6E-9,false,22 nm,derived,the cpu's"
                + " figures,\"Our lab, 2026\"\n");

    Run csv =
        run(
            "summary",
            "mnist",
            "--devices",
            file.toString(),
            "--format",
            "csv",
            "--columns",
            "name,energy cpu,energy lab-cpu-copy");
    assertThat(csv.code()).isEqualTo(0);
    List<String> rows = csv.out().lines().toList();
    assertThat(rows.get(0)).isEqualTo("layer,type,energy_j_cpu,energy_j_lab-cpu-copy");
    assertThat(rows.size()).isGreaterThan(2);
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split(",");
      assertThat(cells[3]).isEqualTo(cells[2]);
    }
  }

  @Test
  void devicesOption_badFile_exit1_namingTheFileLineAndEntry() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("bad.json"),
            """
        {"devices": [
          {"device": "neg-chip", "energy_per_synop_j": -1e-12, "energy_per_neuron_j": 0,
           "spiking": true}
        ]}
        """);
    String message =
        "neurojoule: "
            + file
            + ", line 2, entry 1 'neg-chip': 'energy_per_synop_j'"
            + " must be a number of joules from 0 to 1.0, was -1.0E-12";
    assertFails(1, message, "devices", "--devices", file.toString());
    assertFails(1, message, "summary", "mnist", "--devices", file.toString());
    assertFails(1, message, "compare", "mnist", "mnist", "--devices", file.toString());
    assertThat(ModelEnergy.devices()).doesNotContain("neg-chip");
  }

  // ---- help, version ----

  @Test
  void helpAndVersion() {
    Run help = run("--help");
    assertThat(help.code()).isEqualTo(0);
    assertThat(help.out()).startsWith("Usage: neurojoule [-hV] [COMMAND]\n");
    assertThat(help.out()).contains("  summary              Prints the energy summary of a model");
    Run summaryHelp = run("summary", "--help");
    assertThat(summaryHelp.out()).contains("--accounting=MODE");
    assertThat(summaryHelp.out()).contains("--allow-unknown");
    assertThat(run("compare", "--help").out()).contains("the reduction from A in %, and");
    Run version = run("--version");
    assertThat(version.out()).matches("neurojoule \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    assertThat(version.code()).isEqualTo(0);
  }

  // ---- errors: exit code and one line ----

  @Test
  void usageErrors_exit2_withOneLine() {
    assertFails(
        2,
        "neurojoule: Invalid value for option '--accounting': 'foo' is not an"
            + " accounting mode; use keras-spiking or complete (see 'neurojoule summary --help')",
        "summary",
        "mnist",
        "--accounting",
        "foo");
    assertFails(
        2,
        "neurojoule: Invalid value for option '--line-length': 'wide' is not a line"
            + " length; use a number of characters (1 or more) or auto (see 'neurojoule summary"
            + " --help')",
        "summary",
        "mnist",
        "--line-length",
        "wide");
    assertFails(
        2,
        "neurojoule: Invalid value for option '--line-length': '0' is not a line"
            + " length; use a number of characters (1 or more) or auto (see 'neurojoule summary"
            + " --help')",
        "summary",
        "mnist",
        "--line-length",
        "0");
    assertFails(
        2,
        "neurojoule: Invalid value for option '--format': 'xml' is not an output"
            + " format; use text, csv, json, markdown or latex (see 'neurojoule compare --help')",
        "compare",
        "mnist",
        "vgg9",
        "--format",
        "xml");
    assertFails(
        2,
        "neurojoule: Invalid value for option '--timesteps': must be at least 1, was"
            + " 0 (see 'neurojoule summary --help')",
        "summary",
        "mnist",
        "--timesteps",
        "0");
    assertFails(
        2,
        "neurojoule: Invalid value for option '--dt': must be a number of seconds > 0"
            + " and at most 1000.0, was NaN (see 'neurojoule compare --help')",
        "compare",
        "mnist",
        "mnist",
        "--dt",
        "NaN");
    assertFails(
        2,
        "neurojoule: unknown option '--colour'; did you mean '--columns'? (see 'neurojoule summary"
            + " --help')",
        "summary",
        "mnist",
        "--colour");
    assertFails(
        2,
        "neurojoule: Missing required parameter: 'MODEL' (see 'neurojoule summary" + " --help')",
        "summary");
    assertFails(
        2,
        "neurojoule: Missing required parameter: 'B' (see 'neurojoule compare" + " --help')",
        "compare",
        "mnist");
    assertFails(
        2,
        "neurojoule: a command is needed: summary, compare or devices (see"
            + " 'neurojoule --help')");
    assertFails(
        2,
        "neurojoule: unknown command 'sumary'; did you mean 'summary' or 'compare'? (see"
            + " 'neurojoule --help')",
        "sumary");
  }

  @Test
  void failures_exit1_withOneLineNamingWhatAndWhere() throws IOException {
    assertFails(
        1,
        "neurojoule: 'resnet' is neither a bundled model (mnist, vgg9, lcrm-vgg9,"
            + " alexnet, lcrm-alexnet, blouw-kws, blouw-kws-scaled-1, blouw-kws-scaled-2, blouw-kws-scaled-3, blouw-kws-scaled-4, blouw-kws-scaled-5, blouw-kws-scaled-6, blouw-kws-scaled-7, blouw-kws-scaled-8, blouw-kws-scaled-9, blouw-kws-scaled-10, pilotnet-lif, mlperf-tiny-kws, akidanet-0.5) nor an existing file",
        "summary",
        "resnet");
    Path file = Files.writeString(dir.resolve("model.h5"), "not yet");
    assertFails(
        1,
        "neurojoule: "
            + file
            + ": not a Keras file: it starts with neither the HDF5"
            + " signature, a zip header nor a JSON object (first bytes 6e 6f 74 20 79 65 74)",
        "compare",
        "mnist",
        file.toString());
    Path lambda = lambdaModel();
    assertFails(
        1,
        "neurojoule: "
            + lambda
            + ": 1 layer has no NeuroJoule equivalent: 'lam'"
            + " (Lambda); pass allowUnknown (--allow-unknown) to count it as a zero-cost layer",
        "summary",
        lambda.toString());
    assertFails(
        1,
        "neurojoule: unknown column 'watts'; valid columns: name, output_shape,"
            + " params, connections, neurons, rate, energy <device>, synop_energy <device>,"
            + " neuron_energy <device>, mac_energy <device>, memory_energy <device>, sparsity,"
            + " weight_sparsity, footprint, dtype, dense_ops, effective_macs, effective_acs, spikes,"
            + " synaptic_events, sim_energy <device>",
        "summary",
        "mnist",
        "--columns",
        "name,watts");
    assertThat(ModelEnergy.devices())
        .containsAtLeast("cpu", "gpu", "arm", "loihi", "spinnaker", "spinnaker2")
        .inOrder();
    assertFails(
        1,
        "neurojoule: column 'energy tpu': unknown device 'tpu'; known devices: "
            + String.join(", ", ModelEnergy.devices()),
        "summary",
        "mnist",
        "--columns",
        "name,energy tpu");
    assertFails(
        1,
        "neurojoule: column 'energy loihi': device 'loihi' is spiking, so its energy"
            + " depends on firing rates; give --example-data FILE.npy",
        "summary",
        "mnist",
        "--columns",
        "name,energy loihi");
    assertFails(
        1,
        "neurojoule: lineLength 3 is too short for 6 columns; it must be at least one"
            + " character per column",
        "summary",
        "mnist",
        "--line-length",
        "3");
  }

  @Test
  void exampleDataErrors_nameTheFile() throws IOException {
    Path missing = dir.resolve("missing.npy");
    assertFails(
        1,
        "neurojoule: cannot read example data file " + missing + ": no such file",
        "summary",
        "mnist",
        "--example-data",
        missing.toString());
    Path text = Files.writeString(dir.resolve("text.npy"), "hello, not numpy");
    assertFails(
        1,
        "neurojoule: example data file "
            + text
            + " cannot be used: it does not start"
            + " with the .npy magic \\x93NUMPY",
        "summary",
        "mnist",
        "--example-data",
        text.toString());
    Path wrongShape = npy("wrong.npy", 1f, 2, 5, 5);
    Run shape = run("summary", "mnist", "--example-data", wrongShape.toString());
    assertThat(shape.code()).isEqualTo(1);
    assertThat(shape.err()).contains("dimension 1 is 5, the model declares 28");
    assertThat(shape.err().lines().count()).isEqualTo(1);
  }

  @Test
  void verbose_printsTheStackTrace_thenTheLine() {
    Run r = run("summary", "resnet", "--verbose");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("java.lang.IllegalArgumentException: 'resnet' is neither");
    assertThat(r.err()).contains("\tat org.neurojoule.cli.ModelSource.load(");
    assertThat(r.err())
        .endsWith(
            "\nneurojoule: 'resnet' is neither a bundled model (mnist,"
                + " vgg9, lcrm-vgg9, alexnet, lcrm-alexnet, blouw-kws, blouw-kws-scaled-1, blouw-kws-scaled-2, blouw-kws-scaled-3, blouw-kws-scaled-4, blouw-kws-scaled-5, blouw-kws-scaled-6, blouw-kws-scaled-7, blouw-kws-scaled-8, blouw-kws-scaled-9, blouw-kws-scaled-10, pilotnet-lif, mlperf-tiny-kws, akidanet-0.5) nor an"
                + " existing file\n");
    assertThat(run("summary", "resnet").err()).doesNotContain("\tat ");
  }

  // ---- the launcher ----

  @Test
  void launcher_runsTheJar_fromAnotherDirectory() throws Exception {
    assumeTrue(
        Files.isRegularFile(ROOT.resolve("cli/target/neurojoule.jar")),
        "needs cli/target/neurojoule.jar (mvn package)");
    Process p =
        new ProcessBuilder(ROOT.resolve("neurojoule").toString(), "--version")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(out).startsWith("neurojoule ");
    assertThat(p.exitValue()).isEqualTo(0);
  }
}
