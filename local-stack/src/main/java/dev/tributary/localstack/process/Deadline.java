package dev.tributary.localstack.process;

import java.time.Duration;
import java.time.Instant;

/** The moment by which a service must be ready, and the timeout it was computed from. */
public record Deadline(Duration timeout, Instant at) {

  public static Deadline in(Duration timeout) {
    return new Deadline(timeout, Instant.now().plus(timeout));
  }

  public boolean hasPassed() {
    return Instant.now().isAfter(at);
  }

  public Duration remaining() {
    Duration remaining = Duration.between(Instant.now(), at);
    return remaining.isNegative() ? Duration.ZERO : remaining;
  }

  public long remainingMillis() {
    return remaining().toMillis();
  }
}
