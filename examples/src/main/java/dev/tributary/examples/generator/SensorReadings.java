package dev.tributary.examples.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Conveyor sensor readings for {@code machine-health}: machines take turns, each reading near its
 * normal temperature and vibration; one machine in ten runs hot, and one in ten shakes, beyond the
 * limits its row in the machine table gives.
 */
public final class SensorReadings implements Generator {

  public static final String READINGS = "logistics.sensor-readings";
  public static final String MACHINES = "logistics.machines";
  public static final double MAX_TEMPERATURE = 80.0;
  public static final double MAX_VIBRATION = 5.0;

  private final RandomGenerator random;
  private final int machines;
  private int turn;

  public SensorReadings(long seed, int machines) {
    this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    this.machines = machines;
  }

  public static String machineId(int index) {
    return "conveyor-%02d".formatted(index);
  }

  /** Machines 3, 13, 23, … run hot. */
  public static boolean runsHot(int index) {
    return index % 10 == 3;
  }

  /** Machines 7, 17, 27, … shake. */
  public static boolean shakes(int index) {
    return index % 10 == 7;
  }

  @Override
  public List<Message> tableRows(long now) {
    List<Message> rows = new ArrayList<>(machines);
    for (int i = 0; i < machines; i++) {
      rows.add(machine(machineId(i), "line-" + (i % 3 + 1), now));
    }
    return rows;
  }

  public static Message machine(String machineId, String line, long ts) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("machineId", machineId);
    row.put("line", line);
    row.put("maxTemperature", MAX_TEMPERATURE);
    row.put("maxVibration", MAX_VIBRATION);
    return new Message(MACHINES, machineId, Json.of(row), ts);
  }

  public static Message reading(
      String machineId, double temperature, double vibration, int rpm, long ts) {
    Map<String, Object> reading = new LinkedHashMap<>();
    reading.put("machineId", machineId);
    reading.put("temperature", Json.cents(temperature));
    reading.put("vibration", Json.cents(vibration));
    reading.put("rpm", rpm);
    reading.put("readAt", ts);
    return new Message(READINGS, machineId, Json.of(reading), ts);
  }

  @Override
  public Message next(long now) {
    int index = turn++ % machines;
    double temperature = (runsHot(index) ? 90 : 55) + random.nextGaussian() * 3;
    double vibration = (shakes(index) ? 7 : 2) + Math.abs(random.nextGaussian());
    int rpm = 1400 + random.nextInt(200);
    return reading(machineId(index), temperature, vibration, rpm, now);
  }
}
