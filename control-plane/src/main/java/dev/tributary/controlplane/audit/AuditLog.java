package dev.tributary.controlplane.audit;

import dev.tributary.controlplane.revision.ChangeSource;
import dev.tributary.controlplane.security.CurrentCaller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records writes in the transaction of the write itself: a write that rolls back leaves no audit
 * event, and no write commits without one.
 */
@ApplicationScoped
public class AuditLog {

  /** Characters of {@code audit_event.detail}. */
  static final int MAX_DETAIL = 2000;

  @Inject CurrentCaller caller;

  @Transactional(Transactional.TxType.MANDATORY)
  public void record(
      AuditAction action,
      String team,
      String pipeline,
      Integer revisionBefore,
      Integer revisionAfter,
      ChangeSource source,
      String detail) {
    recordAs(
        caller.get().username(),
        action,
        team,
        pipeline,
        revisionBefore,
        revisionAfter,
        source,
        detail);
  }

  /**
   * An event whose actor is not the request's caller: a change the control plane found in a deploy
   * target (a {@code Pipeline} resource edited with kubectl), outside any request.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void recordAs(
      String actor,
      AuditAction action,
      String team,
      String pipeline,
      Integer revisionBefore,
      Integer revisionAfter,
      ChangeSource source,
      String detail) {
    AuditEvent event = new AuditEvent();
    event.at = Instant.now();
    event.actor = actor;
    event.action = action.value();
    event.teamSlug = team;
    event.pipelineName = pipeline;
    event.revisionBefore = revisionBefore;
    event.revisionAfter = revisionAfter;
    event.source = source;
    event.detail = fit(detail);
    event.persist();
  }

  /**
   * The detail, cut to what its column holds: details are written by the control plane, and one
   * that quotes what a caller sent must not make the write fail.
   */
  public static String fit(String detail) {
    if (detail == null || detail.codePointCount(0, detail.length()) <= MAX_DETAIL) {
      return detail;
    }
    return detail.substring(0, detail.offsetByCodePoints(0, MAX_DETAIL - 1)) + "…";
  }

  /** Events newest first, after the cursor (an event id), for one team or for all when null. */
  public List<AuditEvent> page(String team, Long beforeId, int limit) {
    StringBuilder query = new StringBuilder("1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (team != null) {
      query.append(" and teamSlug = :team");
      params.put("team", team);
    }
    if (beforeId != null) {
      query.append(" and id < :before");
      params.put("before", beforeId);
    }
    return AuditEvent.<AuditEvent>find(query + " order by id desc", params).page(0, limit).list();
  }
}
