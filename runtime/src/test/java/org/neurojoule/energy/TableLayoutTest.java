package org.neurojoule.energy;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.neurojoule.Golden;

/**
 * Reproduces the header, dash line and rows of the golden MNIST tables from hand-built cells.
 *
 * <p>The model is {@code input(28, 28, 1).conv2d(2, 7).relu().flatten().dense(128).relu()
 * .dense(10)}; energies are counts times the device's energy per operation.
 */
class TableLayoutTest {

  private static final double CPU = 8.6e-9;
  private static final double GPU = 0.3e-9;
  private static final double MY_GPU_SYNOP = 1e-9;
  private static final double MY_GPU_NEURON = 2e-9;

  /** One row of the MNIST model: the values the table columns are made from. */
  private record Layer(String name, String shape, long params, long connections, long neurons) {
    double synop(double joulesPerSynop) {
      return connections * joulesPerSynop;
    }

    double neuron(double joulesPerNeuron) {
      return neurons * joulesPerNeuron;
    }

    double energy(double joulesPerOp) {
      return synop(joulesPerOp) + neuron(joulesPerOp);
    }
  }

  private static final List<Layer> MNIST =
      List.of(
          new Layer("input_1 (InputLayer)", "[(None, 28, 28, 1)]", 0, 0, 0),
          new Layer("conv2d (Conv2D)", "(None, 22, 22, 2)", 100, 47432, 0),
          new Layer("re_lu (ReLU)", "(None, 22, 22, 2)", 0, 0, 968),
          new Layer("flatten (Flatten)", "(None, 968)", 0, 0, 0),
          new Layer("dense (Dense)", "(None, 128)", 124032, 123904, 0),
          new Layer("re_lu_1 (ReLU)", "(None, 128)", 0, 0, 128),
          new Layer("dense_1 (Dense)", "(None, 10)", 1290, 1280, 0));

  private static final List<String> DEFAULT_HEADERS =
      List.of("Layer (type)", "Output shape", "Param #", "Conn #", "Neuron #", "J/inf (cpu)");

  private static final List<Boolean> DEFAULT_ALIGN =
      List.of(true, false, false, false, false, false);

  private static List<List<String>> defaultRows() {
    return rows(
        l ->
            List.of(
                l.name(),
                l.shape(),
                Long.toString(l.params()),
                Long.toString(l.connections()),
                Long.toString(l.neurons()),
                PythonFormat.g2(l.energy(CPU))));
  }

  @Test
  void render_defaultColumns_matchesMnistDefaultGolden() {
    List<String> lines = TableLayout.render(DEFAULT_HEADERS, defaultRows(), DEFAULT_ALIGN, 98);

    assertThat(lines).containsExactlyElementsIn(top("mnist_default.txt")).inOrder();
  }

  @Test
  void render_lineLength60_cutsCellsLikeMnistLine60Golden() {
    List<String> lines = TableLayout.render(DEFAULT_HEADERS, defaultRows(), DEFAULT_ALIGN, 60);

    assertThat(lines).containsExactlyElementsIn(top("mnist_line60.txt")).inOrder();
  }

  @Test
  void render_cpuAndGpuEnergyParts_matchesMnistCpuGpuGolden() {
    List<String> headers =
        List.of(
            "Layer (type)",
            "J/inf (cpu)",
            "J/inf (gpu)",
            "Synop J/inf (cpu)",
            "Synop J/inf (gpu)",
            "Neuron J/inf (cpu)",
            "Neuron J/inf (gpu)");
    List<List<String>> rows =
        rows(
            l ->
                List.of(
                    l.name(),
                    PythonFormat.g2(l.energy(CPU)),
                    PythonFormat.g2(l.energy(GPU)),
                    PythonFormat.g2(l.synop(CPU)),
                    PythonFormat.g2(l.synop(GPU)),
                    PythonFormat.g2(l.neuron(CPU)),
                    PythonFormat.g2(l.neuron(GPU))));

    List<String> lines = TableLayout.render(headers, rows, leftFirst(7), 98);

    assertThat(lines).containsExactlyElementsIn(top("mnist_cpu_gpu.txt")).inOrder();
  }

  @Test
  void render_shapeAndTwoDevicesAtLength60_matchesMnistLine60WarnGolden() {
    List<String> headers = List.of("Layer (type)", "Output shape", "J/inf (cpu)", "J/inf (gpu)");
    List<List<String>> rows =
        rows(
            l ->
                List.of(
                    l.name(),
                    l.shape(),
                    PythonFormat.g2(l.energy(CPU)),
                    PythonFormat.g2(l.energy(GPU))));

    List<String> lines = TableLayout.render(headers, rows, leftFirst(4), 60);

    assertThat(lines).containsExactlyElementsIn(top("mnist_line60_warn.txt")).inOrder();
  }

  @Test
  void render_registeredDevice_matchesMnistMyGpuGolden() {
    List<String> headers = List.of("Layer (type)", "J/inf (gpu)", "J/inf (my-gpu)");
    List<List<String>> rows =
        rows(
            l ->
                List.of(
                    l.name(),
                    PythonFormat.g2(l.energy(GPU)),
                    PythonFormat.g2(l.synop(MY_GPU_SYNOP) + l.neuron(MY_GPU_NEURON))));

    List<String> lines = TableLayout.render(headers, rows, leftFirst(3), 98);

    assertThat(lines).containsExactlyElementsIn(top("mnist_my_gpu.txt")).inOrder();
  }

  @Test
  void render_roomToSpare_usesLongestCells() {
    List<String> lines =
        TableLayout.render(
            List.of("a", "bb"), List.of(List.of("xyz", "1")), List.of(true, false), 98);

    assertThat(lines).containsExactly("a  |bb", "---|--", "xyz| 1").inOrder();
  }

  @Test
  void render_tie_growsFirstColumn() {
    // usable = 5, base width 2 each, both cut by (4 - 2) / 2: the first column gets the extra.
    List<String> lines =
        TableLayout.render(List.of("abcd", "wxyz"), List.of(), List.of(true, false), 6);

    assertThat(lines).containsExactly("abc|wx", "---|--").inOrder();
  }

  @Test
  void render_mostCutColumn_growsFirst() {
    // usable = 11, base width 5: ratios (20 - 5) / 5 = 3 and (6 - 5) / 5 = 0.2.
    List<String> lines =
        TableLayout.render(
            List.of("h", "k"),
            List.of(List.of("abcdefghijklmnopqrst", "uvwxyz")),
            List.of(true, false),
            12);

    assertThat(lines).containsExactly("h     |k    ", "------|-----", "abcdef|uvwxy").inOrder();
  }

  @Test
  void render_emptyColumn_getsOneCharacterLikeNumpy() {
    // usable = 3, base width 1: widths start at [0, 1] against a target of 3. The empty column's
    // ratio (0 - 0) / 0 is NaN, which np.argmax picks before the other column's 7.
    List<String> lines =
        TableLayout.render(List.of("", "abcdefgh"), List.of(), List.of(true, true), 4);

    assertThat(lines).containsExactly(" |ab", "-|--").inOrder();
  }

  @Test
  void render_badArguments_throwClearMessages() {
    List<String> headers = List.of("a", "b");
    List<Boolean> align = List.of(true, false);

    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TableLayout.render(null, List.of(), align, 10))
                .getMessage())
        .contains("headers");
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TableLayout.render(headers, null, align, 10))
                .getMessage())
        .contains("rows");
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TableLayout.render(headers, List.of(), null, 10))
                .getMessage())
        .contains("leftAligned");
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TableLayout.render(headers, List.of(List.of("x")), align, 10))
                .getMessage())
        .isEqualTo("row 0 has 1 cells but there are 2 columns");
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TableLayout.render(headers, List.of(), List.of(true), 10))
                .getMessage())
        .contains("leftAligned has 1 entries");
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TableLayout.render(headers, List.of(), align, 1))
                .getMessage())
        .contains("lineLength 1 is too short for 2 columns");
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TableLayout.render(List.of(), List.of(), List.of(), 10))
                .getMessage())
        .contains("at least one column");
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TableLayout.render(headers, List.of(Arrays.asList("x", null)), align, 10))
                .getMessage())
        .contains("row 0 contains a null cell");
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TableLayout.render(headers, Collections.singletonList(null), align, 10))
                .getMessage())
        .isEqualTo("row 0 is null");
  }

  private static List<List<String>> rows(Function<Layer, List<String>> cells) {
    List<List<String>> rows = new ArrayList<>();
    for (Layer layer : MNIST) {
      rows.add(cells.apply(layer));
    }
    return rows;
  }

  /** The name column first, left-aligned; every other column right-aligned. */
  private static List<Boolean> leftFirst(int columns) {
    List<Boolean> align = new ArrayList<>(Collections.nCopies(columns, false));
    align.set(0, true);
    return align;
  }

  /** The golden's header, dash line and one line per MNIST layer. */
  private static List<String> top(String golden) {
    List<String> lines = Golden.lines(golden);
    assertThat(lines.size()).isAtLeast(MNIST.size() + 2);
    return lines.subList(0, MNIST.size() + 2);
  }
}
