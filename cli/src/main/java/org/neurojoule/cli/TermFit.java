package org.neurojoule.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RRQRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;
import org.neurojoule.device.CalibratedTerms;
import org.neurojoule.measured.Measurement;

/**
 * Fits a device's {@link CalibratedTerms} to its measured rows in relative (log) error, with
 * Hipparchus' Levenberg-Marquardt. Terms cannot go negative: each is the square of a fitted
 * parameter. Rows of one workload are averaged in the fit's eye as they come; the per-neuron term
 * is not fitted (neuron counts move with layer widths in every published network, so they cannot be
 * told apart from operations) and stays 0.
 *
 * <p>Which terms are fitted is decided on the rows alone. The candidates are the nested sets
 * overhead + layer + operation, overhead + operation, and operation; those the rows cannot
 * determine are dropped. Rows of three or more networks choose among the rest the set that best
 * predicts each network from the others (leave one network out, squared log error), since a new
 * network is what the terms are for; fewer networks keep the richest set the rows determine.
 */
final class TermFit {
  /** A fitted term. */
  enum Term {
    /** Joules per batch. */
    OVERHEAD("overhead"),
    /** Joules per layer with connections and batch. */
    LAYER("layer"),
    /** Joules per MAC or synaptic operation. */
    OPERATION("operation");

    final String label;

    Term(String label) {
      this.label = label;
    }

    double feature(Observation o) {
      return switch (this) {
        case OVERHEAD -> 1.0 / o.row().batch();
        case LAYER -> (double) o.work().layers() / o.row().batch();
        case OPERATION -> o.work().operations();
      };
    }
  }

  /** A measured row with the counts of its network. */
  record Observation(Measurement row, Workload work) {}

  /**
   * The fitted terms, those the rows determine, and how the fitted ones were chosen.
   *
   * @param terms the terms
   * @param fitted the terms fitted; the others are 0
   * @param determined the richest candidate set the rows determine; equal to {@code fitted} unless
   *     leaving each network out chose a smaller set
   */
  record Fit(CalibratedTerms terms, Set<Term> fitted, Set<Term> determined) {
    double predict(Observation o) {
      return terms.energy(
          o.work().layers(), o.work().operations(), o.work().neurons(), o.row().batch());
    }
  }

  /** The candidate term sets, richest first; each drops a term of the one before. */
  static final List<Set<Term>> CANDIDATES =
      List.of(
          EnumSet.allOf(Term.class),
          EnumSet.of(Term.OVERHEAD, Term.OPERATION),
          EnumSet.of(Term.OPERATION));

  /** Rows of at least this many networks choose their terms by leaving each network out. */
  static final int NETWORKS_TO_CHOOSE = 3;

  /**
   * Rows of one network and batch further apart than this factor contradict each other: software
   * versions of one board already differ by up to 4x in the published rows.
   */
  static final double CONTRADICTION = 10;

  private TermFit() {}

  /**
   * {@return the fit of {@code rows}, all of one device and kind}: of the candidate sets the rows
   * determine, the one that best predicts each network left out where the rows hold three networks
   * or more, else the richest
   *
   * @throws IllegalArgumentException when no row is given or two rows of the same network and batch
   *     contradict each other (more than 10x apart), naming them
   */
  static Fit fit(List<Observation> rows) {
    check(rows);
    List<Set<Term>> determined =
        CANDIDATES.stream().filter(terms -> determined(rows, terms)).toList();
    if (determined.isEmpty()) {
      return fit(rows, EnumSet.of(Term.OVERHEAD), EnumSet.of(Term.OVERHEAD));
    }
    Set<Term> chosen = determined.get(0);
    if (rows.stream().map(o -> o.work().network()).distinct().count() >= NETWORKS_TO_CHOOSE) {
      double best = Double.POSITIVE_INFINITY;
      for (Set<Term> terms : determined) {
        double error = networkOutError(rows, terms);
        // Ties keep the richer set: it came first.
        if (error < best - 1e-9) {
          best = error;
          chosen = terms;
        }
      }
    }
    return fit(rows, chosen, determined.get(0));
  }

  /**
   * {@return the mean squared log error of predicting each network's rows from the other networks'
   * rows with {@code terms}}; infinite when some network's others cannot determine them
   */
  static double networkOutError(List<Observation> rows, Set<Term> terms) {
    double sum = 0;
    for (String network : rows.stream().map(o -> o.work().network()).distinct().toList()) {
      List<Observation> others =
          rows.stream().filter(o -> !o.work().network().equals(network)).toList();
      if (!determined(others, terms)) {
        return Double.POSITIVE_INFINITY;
      }
      Fit fit = fit(others, terms, terms);
      for (Observation o : rows) {
        if (o.work().network().equals(network)) {
          double e = Math.log(fit.predict(o) / o.row().joulesPerInference());
          sum += e * e;
        }
      }
    }
    return sum / rows.size();
  }

  /**
   * {@return the fit of exactly {@code terms}}
   *
   * @throws IllegalArgumentException when the rows cannot determine one of them, naming it
   */
  static Fit fitExactly(List<Observation> rows, Set<Term> terms) {
    check(rows);
    if (!determined(rows, terms)) {
      for (Term t : terms) {
        Set<Term> without = EnumSet.copyOf(terms);
        without.remove(t);
        if (without.isEmpty() || determined(rows, without)) {
          throw new IllegalArgumentException(
              "device '"
                  + rows.get(0).row().device()
                  + "': its "
                  + rows.size()
                  + " rows cannot determine the "
                  + t.label
                  + " term beside the others (it needs rows that differ in "
                  + (t == Term.OPERATION ? "MACs" : t == Term.LAYER ? "layer count" : "batch")
                  + " independently of the other terms)");
        }
      }
      throw new IllegalArgumentException(
          "device '"
              + rows.get(0).row().device()
              + "': its "
              + rows.size()
              + " rows cannot determine the terms "
              + terms);
    }
    return fit(rows, terms, terms);
  }

  private static void check(List<Observation> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no rows to fit");
    }
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < i; j++) {
        Measurement a = rows.get(i).row();
        Measurement b = rows.get(j).row();
        if (rows.get(i).work().equals(rows.get(j).work())
            && a.batch() == b.batch()
            && Math.abs(Math.log(a.joulesPerInference() / b.joulesPerInference()))
                > Math.log(CONTRADICTION)) {
          throw new IllegalArgumentException(
              "rows '"
                  + b.id()
                  + "' (line "
                  + b.line()
                  + ") and '"
                  + a.id()
                  + "' (line "
                  + a.line()
                  + ") contradict each other: the same network and batch on "
                  + a.device()
                  + " measured "
                  + b.joulesPerInference()
                  + " J and "
                  + a.joulesPerInference()
                  + " J, more than "
                  + (int) CONTRADICTION
                  + "x apart");
        }
      }
    }
  }

  /** Whether the rows' features for {@code terms} have full column rank, columns normalised. */
  static boolean determined(List<Observation> rows, Set<Term> terms) {
    if (rows.size() < terms.size()) {
      return false;
    }
    List<Term> list = new ArrayList<>(terms);
    RealMatrix x = new Array2DRowRealMatrix(rows.size(), list.size());
    for (int k = 0; k < list.size(); k++) {
      double norm = 0;
      for (int i = 0; i < rows.size(); i++) {
        double v = list.get(k).feature(rows.get(i)) / rows.get(i).row().joulesPerInference();
        x.setEntry(i, k, v);
        norm += v * v;
      }
      if (norm == 0) {
        return false;
      }
      for (int i = 0; i < rows.size(); i++) {
        x.setEntry(i, k, x.getEntry(i, k) / Math.sqrt(norm));
      }
    }
    return new RRQRDecomposition(x, 1e-9).getRank(1e-3) == list.size();
  }

  private static Fit fit(List<Observation> rows, Set<Term> terms, Set<Term> determined) {
    List<Term> list = new ArrayList<>(terms);
    int n = rows.size();
    int k = list.size();
    double[][] f = new double[n][k];
    double[] scale = new double[k];
    double meanE = 0;
    for (Observation o : rows) {
      meanE += Math.log(o.row().joulesPerInference()) / n;
    }
    for (int j = 0; j < k; j++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        f[i][j] = list.get(j).feature(rows.get(i));
        mean += f[i][j] / n;
      }
      // Each term's unit is the energy it would add to a typical row, so parameters are near 1.
      scale[j] = mean > 0 ? Math.exp(meanE) / mean : 1;
    }
    double[] start = new double[k];
    java.util.Arrays.fill(start, Math.sqrt(1.0 / k));
    LeastSquaresOptimizer.Optimum best = null;
    for (double[] s : List.of(start, spread(k, 0), spread(k, k - 1))) {
      LeastSquaresOptimizer.Optimum o =
          new LevenbergMarquardtOptimizer()
              .optimize(
                  new LeastSquaresBuilder()
                      .start(s)
                      .target(new double[n])
                      .model(
                          q -> {
                            RealVector r = new ArrayRealVector(n);
                            RealMatrix jac = new Array2DRowRealMatrix(n, k);
                            for (int i = 0; i < n; i++) {
                              double pred = 0;
                              for (int j = 0; j < k; j++) {
                                pred += q.getEntry(j) * q.getEntry(j) * scale[j] * f[i][j];
                              }
                              pred = Math.max(pred, Double.MIN_NORMAL);
                              r.setEntry(
                                  i,
                                  Math.log(pred)
                                      - Math.log(rows.get(i).row().joulesPerInference()));
                              for (int j = 0; j < k; j++) {
                                jac.setEntry(i, j, 2 * q.getEntry(j) * scale[j] * f[i][j] / pred);
                              }
                            }
                            return new Pair<>(r, jac);
                          })
                      .maxEvaluations(10_000)
                      .maxIterations(10_000)
                      .build());
      if (best == null || o.getCost() < best.getCost() - 1e-12) {
        best = o;
      }
    }
    double[] t = new double[Term.values().length];
    double smallest = Double.POSITIVE_INFINITY;
    for (Observation o : rows) {
      smallest = Math.min(smallest, o.row().joulesPerInference());
    }
    for (int j = 0; j < k; j++) {
      double q = best.getPoint().getEntry(j);
      double largest = 0;
      for (int i = 0; i < n; i++) {
        largest = Math.max(largest, f[i][j]);
      }
      double term = q * q * scale[j];
      // A term adding less than a millionth of the smallest row is the optimiser's zero.
      t[list.get(j).ordinal()] = term * largest < 1e-6 * smallest ? 0 : term;
    }
    CalibratedTerms.Covers covers =
        rows.get(0).row().kind() == Measurement.Kind.DYNAMIC
            ? CalibratedTerms.Covers.DYNAMIC
            : CalibratedTerms.Covers.TOTAL;
    return new Fit(
        new CalibratedTerms(
            t[Term.OVERHEAD.ordinal()],
            t[Term.LAYER.ordinal()],
            t[Term.OPERATION.ordinal()],
            0,
            covers),
        EnumSet.copyOf(terms),
        EnumSet.copyOf(determined));
  }

  /** A start that gives term {@code main} most of the energy. */
  private static double[] spread(int k, int main) {
    double[] s = new double[k];
    for (int j = 0; j < k; j++) {
      s[j] = Math.sqrt(j == main ? 0.9 : 0.1 / Math.max(1, k - 1));
    }
    return s;
  }
}
