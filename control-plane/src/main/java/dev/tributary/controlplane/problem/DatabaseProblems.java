package dev.tributary.controlplane.problem;

import java.sql.SQLException;

/**
 * What a PostgreSQL error means for the caller, by its SQLSTATE class: a value the database cannot
 * take is the request's fault (400), a constraint or a concurrent transaction is a conflict (409),
 * a database that cannot be reached or is out of resources is unavailable (503). None of them is a
 * 500. The API checks its input before it reaches the database, so these are a safety net.
 */
final class DatabaseProblems {

  private DatabaseProblems() {}

  /** The problem for the first SQL error among the causes of {@code e}, or null when none. */
  static ProblemException of(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        ProblemException problem = of(sql);
        if (problem != null) {
          return problem;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  private static ProblemException of(SQLException e) {
    String state = e.getSQLState();
    return switch (state.substring(0, Math.min(2, state.length()))) {
      // data exception: too long, invalid byte sequence, out of range, …
      case "22" ->
          Problems.invalidRequest(
              "the request holds a value the catalog cannot store: " + firstLine(e), null);
      // integrity constraint violation; transaction rollback (serialisation failure, deadlock)
      case "23", "40" ->
          Problems.conflict(
              "the change conflicts with the catalog's current state; read it again and retry");
      // connection exception, insufficient resources, operator intervention (shutdown)
      case "08", "53", "57" ->
          new ProblemException(
              503,
              "catalog-unavailable",
              "Catalog unavailable",
              "the catalog's database is not available; nothing was changed, retry later");
      default -> null;
    };
  }

  private static String firstLine(SQLException e) {
    String message = e.getMessage() == null ? e.getSQLState() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
