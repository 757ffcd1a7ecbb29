package dev.tributary.operator.testing;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kills an operator at its n-th write to the API server, as a process killed there would stop: that
 * write either reaches the server or not (the caller chooses), and nothing the operator sends
 * afterwards does.
 */
public final class OperatorKillSwitch implements Interceptor {

  private final int killAtWrite;
  private final boolean lastWriteArrives;
  private final AtomicInteger writes = new AtomicInteger();
  private final CountDownLatch dead = new CountDownLatch(1);

  public OperatorKillSwitch(int killAtWrite, boolean lastWriteArrives) {
    this.killAtWrite = killAtWrite;
    this.lastWriteArrives = lastWriteArrives;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (dead.getCount() == 0) {
      throw killed();
    }
    if (request.method().equals("GET")) {
      return;
    }
    if (writes.incrementAndGet() == killAtWrite) {
      dead.countDown();
      if (!lastWriteArrives) {
        throw killed();
      }
    }
  }

  /** Kills it now, wherever it is. */
  public void kill() {
    dead.countDown();
  }

  /** Whether it died within the time given. */
  public boolean died(long millis) throws InterruptedException {
    return dead.await(millis, TimeUnit.MILLISECONDS);
  }

  private static UncheckedIOException killed() {
    return new UncheckedIOException(new IOException("the operator was killed"));
  }
}
