package dev.tributary.localstack;

import java.time.Duration;
import java.time.Instant;

/** The moment by which a service must be ready, and the timeout it was computed from. */
record Deadline(Duration timeout, Instant at) {

  static Deadline in(Duration timeout) {
    return new Deadline(timeout, Instant.now().plus(timeout));
  }

  boolean hasPassed() {
    return Instant.now().isAfter(at);
  }

  Duration remaining() {
    Duration remaining = Duration.between(Instant.now(), at);
    return remaining.isNegative() ? Duration.ZERO : remaining;
  }

  long remainingMillis() {
    return remaining().toMillis();
  }
}
