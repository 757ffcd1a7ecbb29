package dev.tributary.runtime.access;

import dev.tributary.pipeline.plan.PipelinePlan;
import dev.tributary.pipeline.plan.TopicPlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka ACLs of an identity: exactly what a pipeline's workers or a team's applications need,
 * nothing else. Every entry allows; with {@code allow.everyone.if.no.acl.found=false} whatever is
 * not listed is refused.
 */
public final class AccessPlan {

  /** What Kafka Streams does with its internal topics: create, read, write, purge, inspect. */
  private static final List<AclOperation> INTERNAL_TOPIC_OPERATIONS =
      List.of(
          AclOperation.CREATE,
          AclOperation.READ,
          AclOperation.WRITE,
          AclOperation.DELETE,
          AclOperation.DESCRIBE,
          AclOperation.DESCRIBE_CONFIGS);

  private AccessPlan() {}

  /** The user name of a pipeline's workers: one per generation of its credentials. */
  public static String pipelineUser(String team, String pipeline, int generation) {
    return "pipeline." + team + "." + pipeline + "." + generation;
  }

  /** Of {@code users}, those of every generation of the pipeline's workers. */
  public static List<String> pipelineUsers(Collection<String> users, String team, String pipeline) {
    String prefix = "pipeline." + team + "." + pipeline + ".";
    return users.stream()
        .filter(user -> user.startsWith(prefix))
        .filter(user -> user.substring(prefix.length()).chars().allMatch(Character::isDigit))
        .toList();
  }

  /** The user name of one of a team's application credentials, per generation. */
  public static String teamUser(String team, String credential, int generation) {
    return "team." + team + "." + credential + "." + generation;
  }

  /**
   * A pipeline's workers: read its sources and tables, write its sinks and dead-letter topic, use
   * its application id's consumer group, and create and use its internal topics (changelogs,
   * repartition topics) and transactional ids, which Kafka Streams names {@code <application
   * id>-…}.
   */
  public static List<AclBinding> pipeline(String principal, PipelinePlan plan) {
    List<AclBinding> acls = new ArrayList<>();
    for (TopicPlan topic : plan.topics()) {
      AclOperation operation =
          switch (topic.role()) {
            case SOURCE, TABLE -> AclOperation.READ;
            case SINK, DEAD_LETTER -> AclOperation.WRITE;
          };
      acls.add(allow(principal, ResourceType.TOPIC, topic.name(), PatternType.LITERAL, operation));
    }
    for (AclOperation operation : INTERNAL_TOPIC_OPERATIONS) {
      acls.add(
          allow(
              principal,
              ResourceType.TOPIC,
              plan.internalTopicPrefix(),
              PatternType.PREFIXED,
              operation));
    }
    acls.add(
        allow(
            principal,
            ResourceType.GROUP,
            plan.applicationId(),
            PatternType.LITERAL,
            AclOperation.READ));
    acls.add(
        allow(
            principal,
            ResourceType.TRANSACTIONAL_ID,
            plan.internalTopicPrefix(),
            PatternType.PREFIXED,
            AclOperation.WRITE));
    return List.copyOf(acls.stream().distinct().toList());
  }

  /**
   * A team's own applications: produce to and consume from the team's topics, with consumer groups
   * and transactional ids under the team's prefix. They cannot create or delete topics: topics are
   * the platform's to create.
   */
  public static List<AclBinding> team(String principal, String topicPrefix) {
    return List.of(
        allow(principal, ResourceType.TOPIC, topicPrefix, PatternType.PREFIXED, AclOperation.READ),
        allow(principal, ResourceType.TOPIC, topicPrefix, PatternType.PREFIXED, AclOperation.WRITE),
        allow(
            principal,
            ResourceType.TOPIC,
            topicPrefix,
            PatternType.PREFIXED,
            AclOperation.DESCRIBE_CONFIGS),
        allow(principal, ResourceType.GROUP, topicPrefix, PatternType.PREFIXED, AclOperation.READ),
        allow(
            principal,
            ResourceType.TRANSACTIONAL_ID,
            topicPrefix,
            PatternType.PREFIXED,
            AclOperation.WRITE));
  }

  private static AclBinding allow(
      String principal,
      ResourceType type,
      String name,
      PatternType pattern,
      AclOperation operation) {
    return new AclBinding(
        new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }
}
