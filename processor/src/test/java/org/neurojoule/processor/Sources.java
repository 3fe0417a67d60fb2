package org.neurojoule.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/** Test sources and javac set up with the processor. */
final class Sources {
  private Sources() {}

  /** A source under {@code src/test/resources}, such as {@code good/test/Mnist.java}. */
  static JavaFileObject resource(String path) {
    return JavaFileObjects.forResource(path);
  }

  /** javac with the processor. */
  static Compiler compiler() {
    return Compiler.javac().withProcessors(new NetworkProcessor());
  }

  /** javac with the processor, all lint warnings as errors. */
  static Compiler strictCompiler() {
    return compiler().withOptions("-Xlint:all", "-Werror");
  }

  static Compilation compile(JavaFileObject... files) {
    return compiler().compile(files);
  }
}
