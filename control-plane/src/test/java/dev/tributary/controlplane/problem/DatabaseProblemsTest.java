package dev.tributary.controlplane.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseProblemsTest {

  @ParameterizedTest(name = "SQLSTATE {0} is {1} {2}")
  @CsvSource({
    "22001, 400, invalid-request",
    "22021, 400, invalid-request",
    "23505, 409, conflict",
    "40001, 409, conflict",
    "40P01, 409, conflict",
    "08006, 503, catalog-unavailable",
    "53300, 503, catalog-unavailable",
    "57P01, 503, catalog-unavailable"
  })
  void databaseErrorsCausedByTheRequestOrTheDatabaseAreNoServerError(
      String state, int status, String code) {
    // As the ORM reports them: the driver's exception under the persistence layer's.
    Exception error =
        new PersistenceException(
            "could not execute statement",
            new SQLException("ERROR: it went wrong\n  Where: somewhere", state));

    ProblemException problem = DatabaseProblems.of(error);

    assertThat(problem).isNotNull();
    assertThat(problem.status()).isEqualTo(status);
    assertThat(problem.code()).isEqualTo(code);
    assertThat(problem.getMessage()).doesNotContain("Where");
  }

  @ParameterizedTest
  @CsvSource({"42P01", "XX000"})
  void otherDatabaseErrorsStayInternal(String state) {
    assertThat(DatabaseProblems.of(new PersistenceException(new SQLException("x", state))))
        .isNull();
  }
}
