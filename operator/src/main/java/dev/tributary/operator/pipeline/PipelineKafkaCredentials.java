package dev.tributary.operator.pipeline;

import dev.tributary.pipeline.plan.PipelinePlan;
import dev.tributary.runtime.access.AccessPlan;
import dev.tributary.runtime.access.KafkaAccess;
import dev.tributary.runtime.access.KafkaAccessException;
import dev.tributary.runtime.access.KafkaCredential;
import dev.tributary.runtime.kafka.KafkaConnection;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.acl.AclBinding;

/**
 * The Kafka identity of each pipeline's workers on a secured cluster: a SCRAM user per pipeline and
 * generation ({@code pipeline.<team>.<name>.<generation>}) with the ACLs of {@link AccessPlan},
 * kept in a Secret owned by the Pipeline ({@code <name>-kafka}, key {@value #SECRET_KEY}) that the
 * worker pods mount. The operator's own admin identity never reaches a pod.
 *
 * <p>What was granted is remembered per pipeline, so a reconciliation that changes nothing makes no
 * Kafka call and no API call; the first one after the operator starts reads the Secret once.
 */
public final class PipelineKafkaCredentials {

  public static final String SECRET_KEY = "client.properties";
  private static final String USERNAME = "tributary.username";
  private static final String PASSWORD = "tributary.password";
  private static final String GENERATION = "tributary.generation";
  private static final String ROTATION = "tributary.rotation";
  private static final String PREVIOUS = "tributary.previous-username";

  private final KafkaConnection platform;
  private final KafkaAccess access;
  private final Map<String, Granted> granted = new ConcurrentHashMap<>();

  public PipelineKafkaCredentials(KafkaConnection platform, KafkaAccess access) {
    this.platform = platform;
    this.access = access;
  }

  public static String secretName(String pipeline) {
    return pipeline + "-kafka";
  }

  /**
   * Makes the pipeline's credential exist with exactly the ACLs its plan needs, rotating it when
   * the rotation annotation changed, and returns the user name the worker pods must run with.
   */
  String ensure(KubernetesClient client, PipelineResource resource, String team, PipelinePlan plan)
      throws KafkaAccessException {
    String uid = resource.getMetadata().getUid();
    String name = resource.getMetadata().getName();
    String rotation = PipelineAnnotations.rotateKafkaCredential(resource);
    Granted current = granted.get(uid);
    if (current == null) {
      current = read(client, resource);
    }
    boolean changed = false;
    if (current == null) {
      current =
          new Granted(
              KafkaCredential.generate(AccessPlan.pipelineUser(team, name, 1)),
              1,
              rotation,
              null,
              null);
      changed = true;
    } else if (rotation != null && !rotation.equals(current.rotation())) {
      int next = current.generation() + 1;
      String previous =
          current.previous() != null ? current.previous() : current.credential().username();
      current =
          new Granted(
              KafkaCredential.generate(AccessPlan.pipelineUser(team, name, next)),
              next,
              rotation,
              previous,
              null);
      changed = true;
    }
    List<AclBinding> acls = AccessPlan.pipeline(current.credential().principal(), plan);
    if (changed || !acls.equals(current.acls())) {
      access.grant(Map.of(current.credential(), acls));
      current = current.withAcls(acls);
    }
    if (changed) {
      write(client, resource, current);
    }
    granted.put(uid, current);
    return current.credential().username();
  }

  /**
   * Once every worker runs with the current credential, removes the previous generation's user and
   * ACLs.
   */
  void rolledOut(KubernetesClient client, PipelineResource resource) throws KafkaAccessException {
    Granted current = granted.get(resource.getMetadata().getUid());
    if (current == null || current.previous() == null) {
      return;
    }
    access.revoke(List.of(current.previous()));
    Granted done =
        new Granted(
            current.credential(), current.generation(), current.rotation(), null, current.acls());
    write(client, resource, done);
    granted.put(resource.getMetadata().getUid(), done);
  }

  /** Removes every generation's user of a deleted pipeline with all their ACLs. */
  void revokeAll(String team, String name, String uid) throws KafkaAccessException {
    access.revoke(AccessPlan.pipelineUsers(access.users(), team, name));
    granted.remove(uid);
  }

  /** A pipeline's credential and the ACLs last granted to it (null: not granted yet). */
  private record Granted(
      KafkaCredential credential,
      int generation,
      String rotation,
      String previous,
      List<AclBinding> acls) {
    Granted withAcls(List<AclBinding> granted) {
      return new Granted(credential, generation, rotation, previous, granted);
    }
  }

  private static Granted read(KubernetesClient client, PipelineResource resource) {
    Secret secret =
        client
            .secrets()
            .inNamespace(resource.getMetadata().getNamespace())
            .withName(secretName(resource.getMetadata().getName()))
            .get();
    if (secret == null || secret.getData() == null || !secret.getData().containsKey(SECRET_KEY)) {
      return null;
    }
    Properties properties = new Properties();
    try {
      properties.load(
          new StringReader(
              new String(
                  Base64.getDecoder().decode(secret.getData().get(SECRET_KEY)),
                  StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    String username = properties.getProperty(USERNAME);
    String password = properties.getProperty(PASSWORD);
    if (username == null || password == null) {
      return null;
    }
    // The ACLs are granted again once after a restart: none are known to be granted.
    return new Granted(
        new KafkaCredential(username, password),
        Integer.parseInt(properties.getProperty(GENERATION, "1")),
        properties.getProperty(ROTATION),
        properties.getProperty(PREVIOUS),
        null);
  }

  private void write(KubernetesClient client, PipelineResource resource, Granted granted) {
    StringWriter text = new StringWriter();
    text.write(
        platform
            .as(granted.credential())
            .propertiesText("The Kafka identity of this pipeline's workers"));
    Properties own = new Properties();
    own.setProperty(USERNAME, granted.credential().username());
    own.setProperty(PASSWORD, granted.credential().password());
    own.setProperty(GENERATION, Integer.toString(granted.generation()));
    if (granted.rotation() != null) {
      own.setProperty(ROTATION, granted.rotation());
    }
    if (granted.previous() != null) {
      own.setProperty(PREVIOUS, granted.previous());
    }
    try {
      own.store(text, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String name = resource.getMetadata().getName();
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(secretName(name))
            .withNamespace(resource.getMetadata().getNamespace())
            .addToLabels("app.kubernetes.io/managed-by", "tributary-operator")
            .addToLabels("tributary.dev/pipeline", name)
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion(resource.getApiVersion())
                    .withKind(resource.getKind())
                    .withName(name)
                    .withUid(resource.getMetadata().getUid())
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build())
            .endMetadata()
            .withType("Opaque")
            .addToData(
                SECRET_KEY,
                Base64.getEncoder()
                    .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8)))
            .build();
    Secret existing =
        client
            .secrets()
            .inNamespace(resource.getMetadata().getNamespace())
            .withName(secretName(name))
            .get();
    if (existing == null) {
      client.resource(secret).create();
    } else {
      secret.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
      client.resource(secret).update();
    }
  }
}
