package dev.tributary.operator.pipeline;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events on a thread of its own, in the order they were recorded, as client-go's
 * event recorder does: a reconciliation hands its Events over and goes on, instead of waiting for
 * one API request per Event.
 *
 * <p>Events are a courtesy, the status is the record: an Event the API server refuses is logged and
 * dropped, and so is one recorded while {@code backlog} Events are already waiting (counted in
 * {@link #dropped()}, logged once per burst). Closing writes nothing more.
 */
public final class EventRecorder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final BlockingQueue<Event> waiting;
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;
  private volatile boolean overflowing;

  public EventRecorder(KubernetesClient client, int backlog) {
    this.client = client;
    this.waiting = new ArrayBlockingQueue<>(backlog);
    this.writer = Thread.ofPlatform().daemon().name("event-recorder").unstarted(this::write);
    writer.start();
  }

  /** Queues the Events to be written; never blocks. */
  public void record(List<Event> events) {
    for (Event event : events) {
      if (waiting.offer(event)) {
        continue;
      }
      dropped.incrementAndGet();
      if (!overflowing) {
        overflowing = true;
        LOG.warn(
            "{} Events are waiting to be written: dropping new ones until the backlog clears",
            waiting.size());
      }
    }
  }

  /** Events dropped because the backlog was full. */
  public long dropped() {
    return dropped.get();
  }

  private void write() {
    while (true) {
      Event event;
      try {
        event = waiting.take();
      } catch (InterruptedException e) {
        return;
      }
      if (waiting.isEmpty()) {
        overflowing = false;
      }
      try {
        client
            .v1()
            .events()
            .inNamespace(event.getMetadata().getNamespace())
            .resource(event)
            .create();
      } catch (KubernetesClientException e) {
        LOG.warn("could not write the event {}: {}", event.getReason(), e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    writer.interrupt();
  }
}
