package dev.tributary.localstack.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The broker's super user, kept in the data directory as a client properties file that only its
 * owner can read ({@code admin.properties}): the platform's own services connect with it, and so
 * can a person with {@code kafka-topics.sh --command-config}.
 */
record AdminCredential(String username, String password) {

  static final String MECHANISM = "SCRAM-SHA-512";
  static final String USERNAME = "tributary-admin";

  static AdminCredential generate() {
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    return new AdminCredential(USERNAME, HexFormat.of().formatHex(secret));
  }

  /** The credential written by an earlier start, or a new one written now. */
  static AdminCredential readOrCreate(Path file) {
    if (Files.isRegularFile(file)) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the Kafka admin credential " + file, e);
      }
      String username = properties.getProperty("tributary.username");
      String password = properties.getProperty("tributary.password");
      if (username == null || password == null) {
        throw new KafkaBrokerException(
            file
                + " has no tributary.username and tributary.password; delete it to make a new one");
      }
      return new AdminCredential(username, password);
    }
    AdminCredential credential = generate();
    credential.write(file);
    return credential;
  }

  /** The settings a client needs to connect as this user, besides bootstrap.servers. */
  Map<String, String> clientProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("security.protocol", "SASL_PLAINTEXT");
    properties.put("sasl.mechanism", MECHANISM);
    properties.put("sasl.jaas.config", scramJaasConfig());
    return properties;
  }

  String scramJaasConfig() {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"%s\" password=\"%s\";"
        .formatted(username, password);
  }

  String plainJaasConfig() {
    return ("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\""
            + " password=\"%s\" user_%s=\"%s\";")
        .formatted(username, password, username, password);
  }

  /** The {@code --add-scram} argument of the storage tool's format command. */
  String formatArgument() {
    return "%s=[name=%s,password=%s]".formatted(MECHANISM, username, password);
  }

  private void write(Path file) {
    Properties properties = new Properties();
    properties.putAll(clientProperties());
    properties.put("tributary.username", username);
    properties.put("tributary.password", password);
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer writer = Files.newBufferedWriter(file)) {
        properties.store(writer, "The Kafka broker's admin identity: keep it to yourself");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the Kafka admin credential " + file, e);
    }
  }
}
