package dev.tributary.runtime.access;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A SCRAM-SHA-512 user of the Kafka cluster: a pipeline's workers' or a team's applications'.
 *
 * @param username the principal's name ({@code User:<username>} in ACLs)
 * @param password the secret; shown once to a team, written only where its workers read it
 */
public record KafkaCredential(String username, String password) {

  public static final String MECHANISM = "SCRAM-SHA-512";
  private static final SecureRandom RANDOM = new SecureRandom();

  public KafkaCredential {
    if (username.isBlank() || username.contains("\"") || username.contains(",")) {
      throw new IllegalArgumentException("not a SCRAM user name: " + username);
    }
  }

  /** A new credential with a random 32-byte password. */
  public static KafkaCredential generate(String username) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return new KafkaCredential(
        username, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  public String principal() {
    return "User:" + username;
  }

  public String jaasConfig() {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";"
        .formatted(username, password);
  }

  @Override
  public String toString() {
    return "KafkaCredential[" + username + "]";
  }
}
