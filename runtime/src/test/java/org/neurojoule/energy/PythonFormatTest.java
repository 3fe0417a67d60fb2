package org.neurojoule.energy;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected strings were produced by CPython 3.11: {@code format(x, ".2g")}, {@code "0.2e"}. */
class PythonFormatTest {

  @ParameterizedTest(name = "g2({0}) = {1}")
  @CsvSource({
    "0.0, 0",
    "0.5, 0.5",
    "0.23, 0.23",
    "1.0, 1",
    "12.0, 12",
    "10.0, 10",
    "2.5, 2.5",
    "0.45, 0.45",
    "0.035761, 0.036",
    "0.0011, 0.0011",
    "0.00041, 0.00041",
    "0.0001234, 0.00012",
    "1e-4, 0.0001",
    "-0.0025, -0.0025",
    "0.015, 0.015",
    "0.025, 0.025",
  })
  void g2_fixedRange_usesFixedNotation(double x, String expected) {
    assertThat(PythonFormat.g2(x)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "g2({0}) = {1}")
  @CsvSource({
    "8.3e-06, 8.3e-06",
    "1.1e-05, 1.1e-05",
    "1.5e-5, 1.5e-05",
    "1e-5, 1e-05",
    "9.5e-5, 9.5e-05",
    "6.4e-10, 6.4e-10",
    "5e-324, 4.9e-324",
  })
  void g2_smallValue_usesScientific(double x, String expected) {
    assertThat(PythonFormat.g2(x)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "g2({0}) = {1}")
  @CsvSource({
    "120.0, 1.2e+02",
    "-120.0, -1.2e+02",
    "100.0, 1e+02",
    "1234.5, 1.2e+03",
    "1e300, 1e+300",
    "1.7976931348623157e308, 1.8e+308",
  })
  void g2_valueFrom100_usesScientific(double x, String expected) {
    assertThat(PythonFormat.g2(x)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "g2({0}) = {1}")
  @CsvSource({
    // Rounding up changes the exponent, and the notation is chosen after rounding.
    "99.5, 1e+02",
    "9.96, 10",
    "99.4, 99",
    "0.000099996, 0.0001",
    "0.00009951, 0.0001",
  })
  void g2_roundingCarry_decidesNotationOnRoundedValue(double x, String expected) {
    assertThat(PythonFormat.g2(x)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "g2({0}) = {1}")
  @CsvSource({
    // Exact ties round half to even.
    "0.125, 0.12",
    "0.375, 0.38",
    // These lie just below the decimal tie in binary, so they round down.
    "9.95, 9.9",
    "0.155, 0.15",
  })
  void g2_nearTies_roundsExactBinaryValueHalfEven(double x, String expected) {
    assertThat(PythonFormat.g2(x)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "g2({0}) = {1}")
  @CsvSource({
    "NaN, nan",
    "Infinity, inf",
    "-Infinity, -inf",
    "-0.0, -0",
  })
  void g2_specialValues_matchPythonSpelling(double x, String expected) {
    assertThat(PythonFormat.g2(x)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "e2({0}) = {1}")
  @CsvSource({
    "0.00149, 1.49e-03",
    "5.21e-05, 5.21e-05",
    "8.99e-08, 8.99e-08",
    "5.24e-09, 5.24e-09",
    "0.001490234, 1.49e-03",
    "1.0, 1.00e+00",
    "0.125, 1.25e-01",
    "123456.0, 1.23e+05",
    "-0.0015, -1.50e-03",
    "1e300, 1.00e+300",
    "1e-300, 1.00e-300",
    "5e-324, 4.94e-324",
  })
  void e2_finiteValue_keepsThreeDigits(double x, String expected) {
    assertThat(PythonFormat.e2(x)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "e2({0}) = {1}")
  @CsvSource({
    // Each lies just below its decimal tie in binary, so Python rounds down;
    // String.format("%.2e") rounds 1.005, 2.675 and 9.995 up.
    "0.0011125, 1.11e-03",
    "1.005, 1.00e+00",
    "2.675, 2.67e+00",
    "9.995, 9.99e+00",
    "9.9949, 9.99e+00",
  })
  void e2_nearTies_roundsExactBinaryValue(double x, String expected) {
    assertThat(PythonFormat.e2(x)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "e2({0}) = {1}")
  @CsvSource({
    "0.0, 0.00e+00",
    "-0.0, -0.00e+00",
    "NaN, nan",
    "Infinity, inf",
    "-Infinity, -inf",
  })
  void e2_specialValues_matchPythonSpelling(double x, String expected) {
    assertThat(PythonFormat.e2(x)).isEqualTo(expected);
  }

  @Test
  void g2_mnistEnergies_matchGoldenCells() {
    // cpu: 8.6e-9 J per synop and per neuron update (DESIGN.md / KerasSpiking defaults).
    assertThat(PythonFormat.g2(47432 * 8.6e-9)).isEqualTo("0.00041");
    assertThat(PythonFormat.g2(968 * 8.6e-9)).isEqualTo("8.3e-06");
    assertThat(PythonFormat.g2(123904 * 8.6e-9)).isEqualTo("0.0011");
    assertThat(PythonFormat.g2(128 * 8.6e-9)).isEqualTo("1.1e-06");
    assertThat(PythonFormat.g2(1280 * 8.6e-9)).isEqualTo("1.1e-05");
    assertThat(PythonFormat.g2(128 * 0.3e-9)).isEqualTo("3.8e-08");
  }
}
