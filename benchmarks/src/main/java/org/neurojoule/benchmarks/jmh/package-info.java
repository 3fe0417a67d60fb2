/**
 * JMH micro benchmarks of the engine's hot parts, through the public API only: the energy estimate
 * of the example networks with and without example data, and the firing-rate pass of one dense and
 * one convolution layer. Compiled by {@code mvn verify}, never run by it; run them with {@code
 * ./mvnw -B -q -pl benchmarks exec:exec@jmh} (see the module's pom).
 */
package org.neurojoule.benchmarks.jmh;
