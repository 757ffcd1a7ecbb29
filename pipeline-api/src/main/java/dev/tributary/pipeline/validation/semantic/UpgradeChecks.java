package dev.tributary.pipeline.validation.semantic;

import static dev.tributary.pipeline.validation.ValidationCode.INVALID_VALUE;

import dev.tributary.pipeline.spec.UpgradeMode;
import dev.tributary.pipeline.spec.UpgradeSpec;
import dev.tributary.pipeline.spec.UpgradeStart;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** How an update treats the state: where to start only with reset-state, a timestamp with one. */
final class UpgradeChecks {

  private final CheckContext context;

  UpgradeChecks(CheckContext context) {
    this.context = context;
  }

  void check() {
    UpgradeSpec upgrade = context.spec().upgrade();
    if (upgrade == null) {
      return;
    }
    String path = "spec.upgrade";
    if (upgrade.startFrom() != null && upgrade.mode() != UpgradeMode.RESET_STATE) {
      context.error(
          path + ".startFrom",
          INVALID_VALUE,
          "startFrom applies to mode reset-state only; a keep-state update continues from the"
              + " offsets its consumer group committed");
    }
    if (upgrade.rollbackAfter() != null
        && upgrade.rollbackAfter().compareTo(UpgradeSpec.MIN_ROLLBACK_AFTER) < 0) {
      context.error(
          path + ".rollbackAfter",
          INVALID_VALUE,
          "rollbackAfter must be at least 30s: workers need that long to start and join their"
              + " group before a revision can be Running");
    }
    boolean fromTimestamp = upgrade.startFrom() == UpgradeStart.TIMESTAMP;
    if (fromTimestamp && upgrade.timestamp() == null) {
      context.error(
          path + ".timestamp",
          INVALID_VALUE,
          "startFrom timestamp needs a timestamp, for example 2026-12-01T00:00:00Z");
    }
    if (upgrade.timestamp() != null) {
      if (!fromTimestamp) {
        context.error(
            path + ".timestamp", INVALID_VALUE, "timestamp applies to startFrom timestamp only");
      } else {
        try {
          Instant.parse(upgrade.timestamp());
        } catch (DateTimeParseException e) {
          context.error(
              path + ".timestamp",
              INVALID_VALUE,
              "'"
                  + upgrade.timestamp()
                  + "' is not an RFC 3339 instant; write for example 2026-12-01T00:00:00Z");
        }
      }
    }
  }
}
