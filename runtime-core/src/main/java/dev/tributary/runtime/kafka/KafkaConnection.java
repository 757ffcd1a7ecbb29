package dev.tributary.runtime.kafka;

import dev.tributary.runtime.access.KafkaCredential;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How the platform's own clients reach a Kafka cluster: the brokers and the client settings of its
 * identity ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}). A cluster whose identity
 * authenticates with SASL is <em>secured</em>: the platform then gives every pipeline and team
 * credentials of their own, with ACLs for exactly what they need.
 *
 * @param settings client settings besides {@code bootstrap.servers}
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> settings) {

  /** Keys of a properties file that describe it rather than configure a client. */
  private static final String OWN_KEYS = "tributary.";

  public KafkaConnection {
    settings = Map.copyOf(settings);
  }

  /** A cluster without authentication. */
  public static KafkaConnection plain(String bootstrapServers) {
    return new KafkaConnection(bootstrapServers, Map.of());
  }

  /**
   * A cluster whose client settings are in a properties file (such as local-stack's {@code
   * admin.properties} or a mounted Secret), or none when the file is absent.
   */
  public static KafkaConnection of(String bootstrapServers, Optional<Path> propertiesFile) {
    if (propertiesFile.isEmpty()) {
      return plain(bootstrapServers);
    }
    return new KafkaConnection(bootstrapServers, read(propertiesFile.get()));
  }

  /** The client settings in a properties file, without its {@code tributary.*} keys. */
  public static Map<String, String> read(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Kafka client settings " + file, e);
    }
    Map<String, String> settings = new TreeMap<>();
    properties.stringPropertyNames().stream()
        .filter(name -> !name.startsWith(OWN_KEYS) && !name.equals("bootstrap.servers"))
        .forEach(name -> settings.put(name, properties.getProperty(name)));
    return settings;
  }

  /** Whether clients authenticate with SASL, so that ACLs decide what each identity may do. */
  public boolean secured() {
    return settings
        .getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT")
        .toUpperCase(Locale.ROOT)
        .startsWith("SASL");
  }

  /** The settings of a client with this identity, named {@code clientId} in the broker's logs. */
  public Map<String, Object> clientProperties(String clientId) {
    Map<String, Object> properties = new LinkedHashMap<>(settings);
    properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return properties;
  }

  /**
   * The same cluster and transport (TLS settings included) with another identity: a pipeline's or a
   * team's SCRAM credential.
   */
  public KafkaConnection as(KafkaCredential credential) {
    Map<String, String> own = new TreeMap<>(settings);
    own.keySet().removeIf(name -> name.startsWith("sasl."));
    own.put(SaslConfigs.SASL_MECHANISM, KafkaCredential.MECHANISM);
    own.put(SaslConfigs.SASL_JAAS_CONFIG, credential.jaasConfig());
    return new KafkaConnection(bootstrapServers, own);
  }

  /** The settings as a properties file's text, bootstrap servers included. */
  public String propertiesText(String comment) {
    StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
    text.append("bootstrap.servers=").append(escape(bootstrapServers)).append('\n');
    new TreeMap<>(settings)
        .forEach((name, value) -> text.append(name).append('=').append(escape(value)).append('\n'));
    return text.toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
