package dev.tributary.runtime.topic;

import dev.tributary.pipeline.plan.TopicPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Provisions the topics of many pipelines that ask at about the same time in one run of {@link
 * TopicProvisioner} — one describe, one create, one wait for partition leaders for all of them —
 * instead of a round of Admin calls per pipeline.
 *
 * <p>Callers block as with {@link TopicProvisioner#provision}. Whatever is waiting when a sender
 * thread is free goes into its batch, so a lone request is not delayed and a burst (an operator
 * starting on a thousand pipelines) is served in a few batches. A batch holds at most {@code
 * maxTopicsPerBatch} distinct topics; a request that plans a topic differently from one already in
 * the batch (the same topic as one pipeline's source and another's sink) waits for the next batch,
 * so every request gets the outcome of exactly its own plans. Several senders run at once, so a
 * batch waiting on a slow topic does not hold up the ones behind it.
 */
public final class BatchedTopicProvisioner implements AutoCloseable {

  private record Request(List<TopicPlan> plans, CompletableFuture<TopicProvisioning> result) {}

  private final TopicProvisioner provisioner;
  private final int maxTopicsPerBatch;
  private final BlockingDeque<Request> waiting = new LinkedBlockingDeque<>();
  private final List<Thread> senders = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong batches = new AtomicLong();

  /**
   * @param senders how many batches may run at once
   * @param maxTopicsPerBatch the most distinct topics in one batch
   */
  public BatchedTopicProvisioner(TopicProvisioner provisioner, int senders, int maxTopicsPerBatch) {
    if (senders < 1 || maxTopicsPerBatch < 1) {
      throw new IllegalArgumentException("senders and maxTopicsPerBatch must be at least 1");
    }
    this.provisioner = provisioner;
    this.maxTopicsPerBatch = maxTopicsPerBatch;
    for (int i = 0; i < senders; i++) {
      Thread sender =
          Thread.ofPlatform().daemon().name("topic-provisioning-" + i).unstarted(this::send);
      this.senders.add(sender);
      sender.start();
    }
  }

  /** The outcome of exactly these plans, in their order, as {@link TopicProvisioner} gives it. */
  public TopicProvisioning provision(List<TopicPlan> plans) throws InterruptedException {
    if (closed.get()) {
      throw new IllegalStateException("topic provisioning has stopped");
    }
    if (plans.isEmpty()) {
      return new TopicProvisioning(List.of());
    }
    Request request = new Request(List.copyOf(plans), new CompletableFuture<>());
    waiting.addLast(request);
    if (closed.get() && waiting.remove(request)) {
      throw stopped();
    }
    try {
      return request.result().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void send() {
    while (!closed.get()) {
      List<Request> batch = new ArrayList<>();
      Map<String, TopicPlan> topics = new LinkedHashMap<>();
      try {
        take(waiting.takeFirst(), batch, topics);
      } catch (InterruptedException e) {
        return;
      }
      List<Request> deferred = new ArrayList<>();
      Request next;
      while (topics.size() < maxTopicsPerBatch && (next = waiting.pollFirst()) != null) {
        if (fits(next, topics)) {
          take(next, batch, topics);
        } else {
          deferred.add(next);
        }
      }
      // Back to the front, in their order: they go first into the next batch.
      for (int i = deferred.size() - 1; i >= 0; i--) {
        waiting.addFirst(deferred.get(i));
      }
      run(batch, topics);
    }
  }

  private boolean fits(Request request, Map<String, TopicPlan> topics) {
    int added = 0;
    for (TopicPlan plan : request.plans()) {
      TopicPlan planned = topics.get(plan.name());
      if (planned == null) {
        added++;
      } else if (!planned.equals(plan)) {
        return false;
      }
    }
    return topics.size() + added <= maxTopicsPerBatch;
  }

  private static void take(Request request, List<Request> batch, Map<String, TopicPlan> topics) {
    batch.add(request);
    request.plans().forEach(plan -> topics.putIfAbsent(plan.name(), plan));
  }

  private void run(List<Request> batch, Map<String, TopicPlan> topics) {
    batches.incrementAndGet();
    try {
      TopicProvisioning outcome = provisioner.provision(new ArrayList<>(topics.values()));
      Map<String, TopicOutcome> byTopic = new LinkedHashMap<>();
      outcome.topics().forEach(topic -> byTopic.put(topic.topic(), topic));
      for (Request request : batch) {
        request
            .result()
            .complete(
                new TopicProvisioning(
                    request.plans().stream().map(plan -> byTopic.get(plan.name())).toList()));
      }
    } catch (InterruptedException e) {
      batch.forEach(request -> request.result().completeExceptionally(stopped()));
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      batch.forEach(request -> request.result().completeExceptionally(e));
    }
  }

  private static IllegalStateException stopped() {
    return new IllegalStateException("topic provisioning has stopped");
  }

  /** How many batches have gone to Kafka. */
  public long batches() {
    return batches.get();
  }

  /** Stops the senders; requests still waiting fail. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    senders.forEach(Thread::interrupt);
    Request left;
    while ((left = waiting.pollFirst()) != null) {
      left.result().completeExceptionally(stopped());
    }
  }
}
