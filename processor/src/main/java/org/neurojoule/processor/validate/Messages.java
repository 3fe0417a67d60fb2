package org.neurojoule.processor.validate;

import java.util.List;

/**
 * The text of every diagnostic the processor reports itself, each starting with a stable code in
 * brackets. Shape and argument errors are not here: their text comes from the layer algebra in
 * {@code api}, the same text the runtime throws.
 */
public final class Messages {
  private Messages() {}

  static String notAClass(String kind, String name) {
    return "[NnNotAClass] @Network applies to classes, not to the " + kind + " " + name;
  }

  static String invalidClassName(String name) {
    return "[NnInvalidName] @Network(name = \"" + name + "\") is not a valid Java class name";
  }

  static String noInput(String network) {
    return "[NnNoInput] network "
        + network
        + " has no @Input field; declare the input first,"
        + " as @Input({28, 28, 1}) Object input";
  }

  static String twoLayers(String field, String first, String second) {
    return "[NnTwoLayers] field '"
        + field
        + "' has two layer annotations, @"
        + first
        + " and @"
        + second
        + "; declare one layer per field";
  }

  static String timeDistributedAlone(String field) {
    return "[NnTimeDistributedAlone] field '"
        + field
        + "' has @TimeDistributed but no layer to"
        + " wrap; add the layer's annotation, as @TimeDistributed @Conv2D(...)";
  }

  static String unknownFrom(String layer, String from, List<String> before) {
    return "[NnUnknownFrom] layer '"
        + layer
        + "' takes its input from '"
        + from
        + "', but the"
        + " network has no layer of that name; the layers declared before it are "
        + before;
  }

  static String forwardReference(String layer, String from) {
    return from.equals(layer)
        ? "[NnForwardReference] layer '"
            + layer
            + "' takes its input from itself; name an"
            + " earlier field in from"
        : "[NnForwardReference] layer '"
            + layer
            + "' takes its input from '"
            + from
            + "', which"
            + " is declared after it; a layer can only read fields declared before it";
  }

  static String noPreviousLayer(String layer) {
    return "[NnNoPreviousLayer] layer '"
        + layer
        + "' is declared before any other layer, so it"
        + " has no input; declare the @Input field first or name the input with from";
  }

  static String nameClash(String field, String other, String prefix) {
    return "[NnNameClash] fields '"
        + other
        + "' and '"
        + field
        + "' would both generate the"
        + " constants "
        + prefix
        + "_*; rename one of them";
  }

  static String reservedName(String field, String generated, String usedFor) {
    return "[NnReservedName] field '"
        + field
        + "' would generate "
        + generated
        + ", which the"
        + " generated class already uses for "
        + usedFor
        + "; rename the field";
  }

  static String notInNetwork(String annotation, String field, String type) {
    return "[NnNotInNetwork] @"
        + annotation
        + " on field '"
        + field
        + "' has no effect: "
        + type
        + " is not annotated @Network";
  }

  static String runtimeMissing(String network, String generated, String missing) {
    return "[NnRuntimeMissing] @Network class "
        + network
        + " needs neurojoule-runtime on the"
        + " compile classpath (the generated "
        + generated
        + " uses "
        + missing
        + "); add the"
        + " dependency org.neurojoule:neurojoule-runtime";
  }

  static String unresolved(String network) {
    return "[NnUnresolved] network "
        + network
        + " has annotation values that never resolved;"
        + " fix the errors javac reports on them";
  }

  static String writeFailed(String generated, String reason) {
    return "[NnWriteFailed] could not write " + generated + ": " + reason;
  }

  static String internal(String network, String stackTrace) {
    return "[NnInternal] the NeuroJoule processor failed on "
        + network
        + "; please report this"
        + " with the stack trace: "
        + stackTrace;
  }
}
