package org.neurojoule.energy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as CPython's {@code format()} does for the two specs used by the summary
 * table.
 *
 * <p>CPython rounds the exact binary value of a double correctly, half to even. {@link
 * String#format} does not (it rounds a shortest decimal representation, half up), so both methods
 * here go through {@code new BigDecimal(x)}, which holds the exact binary value.
 */
public final class PythonFormat {

  private PythonFormat() {}

  /**
   * Returns Python's {@code format(x, ".2g")}: two significant digits, trailing zeros and a
   * trailing point dropped, scientific notation when the decimal exponent of the rounded value is
   * below -4 or at least 2.
   *
   * <p>Examples: {@code 0.00041 -> "0.00041"}, {@code 8.3e-06 -> "8.3e-06"}, {@code 12.0 -> "12"},
   * {@code 120.0 -> "1.2e+02"}, {@code 0.0 -> "0"}, {@code NaN -> "nan"}.
   *
   * @param x the value to format
   * @return the formatted value
   */
  public static String g2(double x) {
    String special = special(x);
    if (special != null) {
      return special;
    }
    if (x == 0.0) {
      // BigDecimal has no negative zero, but Python prints it.
      return isNegativeZero(x) ? "-0" : "0";
    }
    final int precision = 2;
    Rounded r = round(x, precision);
    String digits = stripTrailingZeros(r.digits);
    String sign = x < 0 ? "-" : "";
    // Python decides on the exponent of the value after rounding (99.5 -> "1e+02").
    if (r.exponent < -4 || r.exponent >= precision) {
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign + mantissa + exponentSuffix(r.exponent);
    }
    return sign + fixed(digits, r.exponent);
  }

  /**
   * Returns Python's {@code format(x, "0.2e")} (equivalently {@code "%.2e" % x}): three significant
   * digits in scientific notation, trailing zeros kept.
   *
   * <p>Examples: {@code 0.00149 -> "1.49e-03"}, {@code 0.0 -> "0.00e+00"}, {@code NaN -> "nan"}.
   *
   * @param x the value to format
   * @return the formatted value
   */
  public static String e2(double x) {
    String special = special(x);
    if (special != null) {
      return special;
    }
    if (x == 0.0) {
      return (isNegativeZero(x) ? "-" : "") + "0.00e+00";
    }
    Rounded r = round(x, 3);
    // An exactly representable value such as 1.0 comes back with fewer digits; pad them.
    StringBuilder digits = new StringBuilder(r.digits);
    while (digits.length() < 3) {
      digits.append('0');
    }
    String sign = x < 0 ? "-" : "";
    return sign + digits.charAt(0) + "." + digits.substring(1, 3) + exponentSuffix(r.exponent);
  }

  /** Returns Python's spelling of NaN and the infinities, or null for a finite value. */
  private static String special(double x) {
    if (Double.isNaN(x)) {
      // Python prints "nan" whatever the sign bit of the NaN.
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    return null;
  }

  private static boolean isNegativeZero(double x) {
    return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(-0.0);
  }

  /** The significant digits (no sign) and decimal exponent of a nonzero finite value. */
  private record Rounded(String digits, int exponent) {}

  /** Rounds the exact binary value of {@code x} to {@code precision} significant digits. */
  private static Rounded round(double x, int precision) {
    BigDecimal rounded =
        new BigDecimal(x).round(new MathContext(precision, RoundingMode.HALF_EVEN));
    // For unscaled value u and scale s, the value is u * 10^-s, whose leading digit sits at
    // 10^(precision(u) - s - 1).
    int exponent = rounded.precision() - rounded.scale() - 1;
    return new Rounded(rounded.unscaledValue().abs().toString(), exponent);
  }

  private static String stripTrailingZeros(String digits) {
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return digits.substring(0, end);
  }

  /** Python writes the exponent with a sign and at least two digits. */
  private static String exponentSuffix(int exponent) {
    int abs = Math.abs(exponent);
    return "e" + (exponent < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
  }

  /** Places the decimal point in {@code digits} whose first digit has the given exponent. */
  private static String fixed(String digits, int exponent) {
    if (exponent < 0) {
      return "0." + "0".repeat(-exponent - 1) + digits;
    }
    int integerDigits = exponent + 1;
    if (digits.length() <= integerDigits) {
      return digits + "0".repeat(integerDigits - digits.length());
    }
    return digits.substring(0, integerDigits) + "." + digits.substring(integerDigits);
  }
}
