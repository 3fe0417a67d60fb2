package org.neurojoule.layer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/**
 * Builds a layer spec from attribute name/value pairs, by name: the values named like the
 * parameters of the spec's static factory go to it ({@code units} to {@code Dense.of(int units)}),
 * every other value to the spec's method of the same name ({@code activation} to {@code
 * .activation(Activation)}). Where the values come from does not matter: the annotation processor
 * passes an annotation's attributes, an importer a file's (in camel case).
 *
 * <p>Values are converted to the parameter types: numbers to {@code int}, {@code long} or {@code
 * double} (an {@code int} must be whole and in range), one number or a list of numbers to {@code
 * int...}, a list of sizes to a {@link Shape}, a name to an enum constant (ignoring case). An empty
 * list given for a single value is Keras' {@code None}: that method is not called. Each error is a
 * {@link ShapeException} naming the attribute. The factory's parameter names are read from the
 * class file, which the api compiles with {@code -parameters}.
 */
public final class SpecBinder {
  /** The attribute that stands for the factory's first parameter (Java's annotation shorthand). */
  public static final String VALUE = "value";

  private SpecBinder() {}

  /**
   * One call of a spec method with its converted arguments: to run it, and to write it as code.
   *
   * @param method the factory or wither
   * @param parameters the attributes bound to its parameters, in order
   * @param arguments the converted arguments, in order
   */
  public record Call(Method method, List<String> parameters, List<Object> arguments) {
    /**
     * Copies the lists.
     *
     * @param method the factory or wither
     * @param parameters the attributes bound to its parameters, in order
     * @param arguments the converted arguments, in order
     */
    public Call {
      Objects.requireNonNull(method, "method");
      parameters = List.copyOf(parameters);
      arguments = List.copyOf(arguments);
    }

    /** {@return the method's name} */
    public String name() {
      return method.getName();
    }

    /**
     * {@return the spec the call returns}
     *
     * @param target the spec a wither is called on; ignored for a factory
     * @throws ShapeException if the spec rejects a value
     */
    public LayerSpec apply(LayerSpec target) {
      try {
        return (LayerSpec)
            method.invoke(
                Modifier.isStatic(method.getModifiers()) ? null : target, arguments.toArray());
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof ShapeException s) {
          throw s;
        }
        throw ShapeException.invalid(String.valueOf(e.getCause().getMessage()));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * {@return the spec built from {@code attributes}: the factory takes those named like its
   * parameters, the rest go to withers in the map's order ({@code name} names the layer)}
   *
   * @param spec the spec class
   * @param factory the name of its static factory
   * @param attributes the values by attribute name
   * @throws ShapeException if a value is missing, of the wrong type or rejected by the spec
   */
  public static LayerSpec bind(
      Class<? extends LayerSpec> spec, String factory, Map<String, ?> attributes) {
    Call call = factory(spec, factory, attributes);
    LayerSpec result = call.apply(null);
    for (Map.Entry<String, ?> e : attributes.entrySet()) {
      if (!call.parameters().contains(e.getKey())) {
        Optional<Call> step = wither(spec, e.getKey(), e.getValue());
        if (step.isPresent()) {
          result = step.get().apply(result);
        }
      }
    }
    return result;
  }

  /**
   * {@return the attributes the factory call takes, in parameter order: of the factories named
   * {@code factory}, the one with the most parameters that {@code values} all name}
   *
   * @param spec the spec class
   * @param factory the name of its static factory
   * @param values the values by attribute name; may hold more than the factory takes
   * @throws ShapeException if no factory fits
   */
  public static List<String> factoryAttributes(
      Class<? extends LayerSpec> spec, String factory, Map<String, ?> values) {
    return bound(factoryMethod(spec, factory, values), values);
  }

  /**
   * {@return the factory call, see {@link #factoryAttributes}}
   *
   * @param spec the spec class
   * @param factory the name of its static factory
   * @param values the values by attribute name; may hold more than the factory takes
   * @throws ShapeException if no factory fits or a value does not convert
   */
  public static Call factory(
      Class<? extends LayerSpec> spec, String factory, Map<String, ?> values) {
    Method m = factoryMethod(spec, factory, values);
    List<String> keys = bound(m, values);
    List<Object> args = new ArrayList<>();
    Parameter[] params = m.getParameters();
    for (int i = 0; i < params.length; i++) {
      args.add(
          convert(keys.get(i), params[i].getType(), values.get(keys.get(i)), false).orElseThrow());
    }
    return new Call(m, keys, args);
  }

  private static Method factoryMethod(
      Class<? extends LayerSpec> spec, String factory, Map<String, ?> values) {
    List<Method> candidates = methods(spec, factory, true);
    if (candidates.isEmpty()) {
      throw ShapeException.invalid(spec.getSimpleName() + " has no factory " + factory);
    }
    Method best = null;
    for (Method m : candidates) {
      if (bound(m, values) != null
          && (best == null || m.getParameterCount() > best.getParameterCount())) {
        best = m;
      }
    }
    if (best == null) {
      Method m = candidates.get(candidates.size() - 1);
      throw ShapeException.invalid(
          spec.getSimpleName()
              + "."
              + factory
              + " needs "
              + String.join(", ", names(m))
              + "; given "
              + String.join(", ", values.keySet()));
    }
    return best;
  }

  /**
   * {@return the wither call that sets {@code attribute}, or empty if {@code value} is Keras'
   * {@code None} (an empty list for a single value)}
   *
   * @param spec the spec class
   * @param attribute the attribute, also the wither's name
   * @param value its value
   * @throws ShapeException if the spec has no such method or the value does not convert
   */
  public static Optional<Call> wither(
      Class<? extends LayerSpec> spec, String attribute, Object value) {
    List<Method> candidates = methods(spec, attribute, false);
    if (candidates.isEmpty()) {
      throw ShapeException.invalid(spec.getSimpleName() + " has no attribute " + attribute);
    }
    ShapeException first = null;
    for (Method m : candidates) {
      try {
        Optional<Object> arg = convert(attribute, m.getParameterTypes()[0], value, true);
        return arg.map(a -> new Call(m, List.of(attribute), List.of(a)));
      } catch (ShapeException e) {
        first = first == null ? e : first;
      }
    }
    throw first;
  }

  /** The public methods of that name returning a spec: static factories or one-argument withers. */
  private static List<Method> methods(Class<?> spec, String name, boolean factory) {
    List<Method> found = new ArrayList<>();
    for (Method m : spec.getMethods()) {
      boolean isStatic = Modifier.isStatic(m.getModifiers());
      if (m.getName().equals(name)
          && isStatic == factory
          && !m.isSynthetic()
          && LayerSpec.class.isAssignableFrom(m.getReturnType())
          && (factory || m.getParameterCount() == 1)) {
        found.add(m);
      }
    }
    // getMethods has no fixed order: fewest parameters, then the most specific types first.
    found.sort(
        Comparator.comparingInt(Method::getParameterCount)
            .thenComparing(m -> Arrays.toString(m.getParameterTypes())));
    return found;
  }

  /**
   * The keys of {@code values} that bind each parameter of {@code m}, or null if one is missing.
   */
  private static List<String> bound(Method m, Map<String, ?> values) {
    List<String> keys = new ArrayList<>();
    List<String> names = names(m);
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (values.containsKey(name)) {
        keys.add(name);
      } else if (i == 0 && values.containsKey(VALUE)) {
        keys.add(VALUE);
      } else {
        return null;
      }
    }
    return keys;
  }

  private static List<String> names(Method m) {
    List<String> names = new ArrayList<>();
    for (Parameter p : m.getParameters()) {
      if (!p.isNamePresent()) {
        throw new IllegalStateException(
            m + " has no parameter names: compile the api with" + " -parameters");
      }
      names.add(p.getName());
    }
    return names;
  }

  /**
   * {@code value} as a {@code type}; empty for an empty list given for a single value, if {@code
   * optional}.
   */
  static Optional<Object> convert(String attribute, Class<?> type, Object value, boolean optional) {
    if (value == null) {
      throw ShapeException.invalid(attribute + " needs a value, got none");
    }
    List<Object> list = asList(value);
    if (list != null && !type.isArray() && type != Shape.class) {
      if (list.size() == 1) {
        return convert(attribute, type, list.get(0), optional);
      }
      if (list.isEmpty() && optional) {
        return Optional.empty();
      }
      throw ShapeException.invalid(
          attribute + " takes " + (optional ? "no value or " : "") + "one, got " + list);
    }
    Object converted = null;
    if (type == int.class) {
      converted = integer(attribute, value);
    } else if (type == long.class) {
      converted = whole(attribute, value);
    } else if (type == double.class || type == float.class) {
      converted = value instanceof Number n ? (Object) n.doubleValue() : null;
    } else if (type == boolean.class) {
      converted = bool(value);
    } else if (type == int[].class) {
      List<Object> items = list == null ? List.of(value) : list;
      int[] ints = new int[items.size()];
      for (int i = 0; i < ints.length; i++) {
        ints[i] = integer(attribute, items.get(i));
      }
      converted = ints;
    } else if (type == double[].class) {
      List<Object> items = list == null ? List.of(value) : list;
      if (items.isEmpty() && optional) {
        return Optional.empty();
      }
      double[] reals = new double[items.size()];
      for (int i = 0; i < reals.length; i++) {
        if (!(items.get(i) instanceof Number n)) {
          throw ShapeException.invalid(
              attribute + " must be a number or a list of numbers, got " + items.get(i));
        }
        reals[i] = n.doubleValue();
      }
      converted = reals;
    } else if (type == Shape.class) {
      converted = value instanceof Shape ? value : list == null ? null : shape(attribute, list);
    } else if (type.isEnum()) {
      converted = constant(type, value);
    } else if (type.isInstance(value)) {
      converted = value;
    }
    if (converted == null) {
      throw ShapeException.invalid(
          attribute
              + " must be "
              + describe(type)
              + ", got "
              + (list == null ? value : list)
              + " ("
              + value.getClass().getSimpleName()
              + ")");
    }
    return Optional.of(converted);
  }

  /**
   * A boolean, or the whole number 1 or 0 read as one: Keras 2 configs store some booleans so
   * (Python's bool is an int) and Keras reads them, as the Keras importer does. 1.0 or 2 stay
   * errors.
   */
  private static Boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      long n = ((Number) value).longValue();
      return n == 1 ? Boolean.TRUE : n == 0 ? Boolean.FALSE : null;
    }
    return null;
  }

  private static int integer(String attribute, Object value) {
    Long whole = whole(attribute, value);
    if (whole == null || whole != whole.intValue()) {
      throw ShapeException.invalid(
          attribute + " must be a whole number within an int, got " + value);
    }
    return whole.intValue();
  }

  private static Long whole(String attribute, Object value) {
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
        return (long) d;
      }
      throw ShapeException.invalid(attribute + " must be a whole number, got " + value);
    }
    return null;
  }

  private static Shape shape(String attribute, List<Object> dims) {
    int[] ints = new int[dims.size()];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = integer(attribute, dims.get(i));
    }
    try {
      return Shape.of(ints);
    } catch (IllegalArgumentException e) {
      // Shape.of rejects zero and negative sizes with a plain IllegalArgumentException.
      throw ShapeException.invalid(e.getMessage());
    }
  }

  private static Object constant(Class<?> type, Object value) {
    if (type.isInstance(value)) {
      return value;
    }
    if (value instanceof String s) {
      for (Object c : type.getEnumConstants()) {
        if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
          return c;
        }
      }
      throw ShapeException.invalid(
          "unknown "
              + type.getSimpleName()
              + " '"
              + s
              + "'; valid: "
              + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }
    return null;
  }

  /** The items of an array or list; null for anything else. */
  private static List<Object> asList(Object value) {
    if (value instanceof List<?> l) {
      return new ArrayList<>(l);
    } else if (value instanceof int[] a) {
      return new ArrayList<>(Arrays.stream(a).boxed().toList());
    } else if (value instanceof long[] a) {
      return new ArrayList<>(Arrays.stream(a).boxed().toList());
    } else if (value instanceof double[] a) {
      return new ArrayList<>(Arrays.stream(a).boxed().toList());
    } else if (value instanceof Object[] a) {
      return new ArrayList<>(Arrays.asList(a));
    }
    return null;
  }

  private static String describe(Class<?> type) {
    Map<Class<?>, String> names = new LinkedHashMap<>();
    names.put(int.class, "a whole number");
    names.put(long.class, "a whole number");
    names.put(double.class, "a number");
    names.put(float.class, "a number");
    names.put(boolean.class, "true or false");
    names.put(int[].class, "a whole number or a list of them");
    names.put(double[].class, "a number or a list of them");
    names.put(Shape.class, "a list of sizes");
    String name = names.get(type);
    if (name != null) {
      return name;
    }
    return type.isEnum()
        ? "one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT)
        : "a " + type.getSimpleName();
  }
}
