package dev.tributary.benchmarks.measure;

import java.util.Optional;

/** Whether a contender's output was right; a wrong one is reported and fails the benchmark. */
public record Verdict(boolean ok, String detail) {

  public static Verdict ok(String detail) {
    return new Verdict(true, detail);
  }

  public static Verdict wrong(String detail) {
    return new Verdict(false, detail);
  }

  /** This verdict, made wrong by a failure of the contender itself. */
  public Verdict and(Optional<String> failure) {
    return failure.map(f -> wrong(ok ? f : detail + "; " + f)).orElse(this);
  }
}
