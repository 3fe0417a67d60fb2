package org.neurojoule.cli;

import org.neurojoule.Reset;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --reset}: {@code zero} (to the node's {@code v_reset}, NIR's rule, 0 unless the file says
 * otherwise) or {@code subtract} (loses {@code v_threshold}, Sinabs' IAF), ignoring case.
 */
final class ResetConverter implements ITypeConverter<Reset> {
  @Override
  public Reset convert(String value) {
    if ("zero".equalsIgnoreCase(value)) {
      return Reset.TO_V_RESET;
    }
    if ("subtract".equalsIgnoreCase(value)) {
      return Reset.SUBTRACT;
    }
    throw new TypeConversionException(
        "'" + value + "' is not a reset of the spiking simulation; use zero or subtract");
  }
}
