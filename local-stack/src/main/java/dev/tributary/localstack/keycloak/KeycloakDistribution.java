package dev.tributary.localstack.keycloak;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.tributary.localstack.process.LogFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Keycloak server distribution, unpacked and built once per machine into a cache directory
 * outside the repository, then shared read-only by every {@link KeycloakServer}.
 *
 * <p>The zip is resolved by local-stack's build ({@code src/keycloak-dist/pom.xml}), which writes
 * its path in the local Maven repository to {@value #RESOURCE}; the system property {@value
 * #ZIP_PROPERTY} may name another zip. The first use unpacks it into a temporary directory beside
 * the cache entry, runs {@code kc.sh build} there (Quarkus augmentation: about a minute, which
 * every later start is spared) and renames the directory into place, so a cache entry is complete
 * or absent, never half-written.
 */
final class KeycloakDistribution {

  static final String ZIP_PROPERTY = "tributary.keycloak.dist";
  static final String CACHE_PROPERTY = "tributary.cache.dir";
  static final String RESOURCE = "keycloak-dist.path";

  /**
   * Build-time options of the server image: an H2 database in the instance's data directory, and
   * the health endpoints (for readiness).
   */
  static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--health-enabled=true");

  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
  private static final String REBUILD_HINT =
      "It is written by local-stack's build: run `./mvnw -pl local-stack -am clean install`.";
  private static final Object PREPARING = new Object();

  private KeycloakDistribution() {}

  /** The built server image: unpacked and built on the first call on this machine. */
  static Path image() {
    Path zip = zip();
    String name = topDirectory(zip);
    Path image = cacheDir().resolve(name + "-" + fingerprint(BUILD_OPTIONS));
    if (Files.isDirectory(image)) {
      return image;
    }
    synchronized (PREPARING) {
      try {
        Files.createDirectories(image.getParent());
        try (FileChannel lockFile =
                FileChannel.open(
                    image.resolveSibling(image.getFileName() + ".lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock ignored = lockFile.lock()) {
          // Another JVM may have built it while this one waited for the lock.
          if (!Files.isDirectory(image)) {
            prepare(zip, name, image);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot prepare the Keycloak server image in " + image, e);
      }
    }
    return image;
  }

  /** Where server images are cached: {@code ${user.home}/.cache/tributary/local-stack}. */
  static Path cacheDir() {
    String cache = System.getProperty(CACHE_PROPERTY);
    Path root =
        cache != null
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache", "tributary");
    return root.resolve("local-stack");
  }

  static Path zip() {
    String property = System.getProperty(ZIP_PROPERTY);
    Path zip;
    String source;
    if (property != null) {
      zip = Path.of(property);
      source = "The system property " + ZIP_PROPERTY;
    } else {
      URL resource = KeycloakDistribution.class.getResource(RESOURCE);
      if (resource == null) {
        throw new KeycloakServerException(
            "The resource %s/%s is not on the classpath and the system property %s is not set. %s"
                .formatted(
                    KeycloakDistribution.class.getPackageName().replace('.', '/'),
                    RESOURCE,
                    ZIP_PROPERTY,
                    REBUILD_HINT));
      }
      try (InputStream in = resource.openStream()) {
        zip = Path.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + resource, e);
      }
      source = resource.toString();
    }
    if (!Files.isRegularFile(zip)) {
      throw new KeycloakServerException(
          "%s names the Keycloak distribution %s, which does not exist (was the local Maven"
              + " repository cleaned or moved?). %s".formatted(source, zip, REBUILD_HINT));
    }
    return zip;
  }

  private static void prepare(Path zip, String name, Path image) throws IOException {
    Path staging = Files.createTempDirectory(image.getParent(), name + ".unpacking-");
    try {
      unzip(zip, name, staging);
      build(staging);
      try {
        Files.move(staging, image, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        throw new IOException("Cannot move the prepared image into place", e);
      }
    } finally {
      LogFiles.deleteTree(staging);
    }
  }

  /** Unpacks the zip's single top-level directory {@code name} into {@code target}. */
  private static void unzip(Path zip, String name, Path target) throws IOException {
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = archive.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path path = target.resolve(entry.getName().substring(name.length() + 1)).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("Entry outside the distribution's directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else {
          Files.createDirectories(path.getParent());
          try (InputStream in = archive.getInputStream(entry)) {
            Files.copy(in, path);
          }
        }
      }
    }
    // java.util.zip does not restore file modes; only the scripts need to be executable.
    try (var scripts = Files.newDirectoryStream(target.resolve("bin"), "*.sh")) {
      for (Path script : scripts) {
        script.toFile().setExecutable(true);
      }
    }
  }

  private static void build(Path home) throws IOException {
    Path log = home.resolve("build.log");
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin").resolve("kc.sh").toString());
    command.add("build");
    command.addAll(BUILD_OPTIONS);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.to(log.toFile()));
    KeycloakServer.javaEnvironment(builder.environment());
    Process process = builder.start();
    try {
      if (!process.waitFor(BUILD_TIMEOUT.toMillis(), MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw buildFailure(log, "did not finish within " + BUILD_TIMEOUT);
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new KeycloakServerException("Interrupted while building the Keycloak server image", e);
    }
    if (process.exitValue() != 0) {
      throw buildFailure(log, "failed with exit code " + process.exitValue());
    }
  }

  private static KeycloakServerException buildFailure(Path log, String reason) {
    return new KeycloakServerException(
        "Building the Keycloak server image (kc.sh build %s) %s. Last lines of its output:\n%s"
            .formatted(String.join(" ", BUILD_OPTIONS), reason, LogFiles.tail(log, 40)));
  }

  /** The distribution's top-level directory, e.g. {@code keycloak-26.7.3}. */
  private static String topDirectory(Path zip) {
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      String first = archive.entries().nextElement().getName();
      return first.substring(0, first.indexOf('/'));
    } catch (IOException | RuntimeException e) {
      throw new KeycloakServerException(
          "Cannot read the Keycloak distribution " + zip + ": " + e.getMessage(), e);
    }
  }

  /** Images built with other options are cached beside, not over, each other. */
  private static String fingerprint(List<String> options) {
    return HexFormat.of().toHexDigits(String.join(" ", options).hashCode());
  }
}
