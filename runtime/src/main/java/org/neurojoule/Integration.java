package org.neurojoule;

/**
 * How the spiking simulation steps the ODEs of leaky neurons (NIR's LI, LIF, CubaLI and CubaLIF)
 * over a timestep {@code dt}. NIR stores the continuous equations, {@code tau dv/dt = (vLeak - v) +
 * r I} and, for the current-based kinds, {@code tauSyn dI/dt = -I + wIn x}; each simulator
 * discretizes them its own way. I and IF neurons have no leak and step {@code v += r x} either way.
 */
public enum Integration {
  /**
   * Forward Euler, the default: {@code v += dt/tau (vLeak - v + r I)} and {@code I += dt/tauSyn (-I
   * + wIn x)}. It reproduces snnTorch's NIR import and Norse step for step, and needs {@code dt <=
   * tau} (and {@code dt <= tauSyn}): a longer step would overshoot, and is an error.
   */
  EULER,

  /**
   * The exact solution of each equation with its input held over the step: with {@code a =
   * exp(-dt/tau)}, {@code v' = a v + (1 - a)(vLeak + r I)}; with {@code b = exp(-dt/tauSyn)},
   * {@code I' = b I + (1 - b) wIn x}, the new current then driving {@code v} (the order of the
   * Euler step). The decay is {@code exp(-dt/tau)} instead of {@code 1 - dt/tau}, as in Rockpool
   * and Lava, and the input gain {@code (1 - a) r} (resp. {@code (1 - b) wIn}) is what the ODE
   * gives for a constant input: it reproduces the NIR paper's exact LIF trace. Rockpool keeps the
   * gain {@code dt/tau r}, which differs from {@code (1 - a) r} by a factor {@code 1 - dt/(2 tau)}
   * to first order. Any {@code dt} works: the state decays and never overshoots.
   */
  EXACT
}
