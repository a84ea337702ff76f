package org.mhcs.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.mhcs.testing.Repository;

/**
 * A real S3 API server for tests: S3Proxy (its self-contained jar, copied by the build to {@code
 * jobs/distribution/target/s3proxy/}) in a child JVM on 127.0.0.1, storing objects in a local
 * folder, with one access key and a secret made up per server. Buckets are folders created before
 * it starts (names of 3 or more characters, as S3 requires).
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final Path JAR =
      Repository.ROOT.resolve("jobs/distribution/target/s3proxy/s3proxy.jar");

  private final Process process;
  private final int port;
  private final String accessKey = "mhcs-test";
  private final String secretKey = "secret-" + UUID.randomUUID();
  private final Path log;

  private S3ProxyServer(Path folder, List<String> buckets) throws IOException {
    Path store = Files.createDirectories(folder.resolve("store"));
    for (String bucket : buckets) {
      Files.createDirectories(store.resolve(bucket));
    }
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path properties = folder.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + accessKey,
            "s3proxy.credential=" + secretKey,
            // The "filesystem" store keeps S3A's folder markers as S3 does; filesystem-nio2 turns
            // them into files, which Delta then cannot create its log folder under.
            "jclouds.provider=filesystem",
            "jclouds.identity=unused",
            "jclouds.credential=unused",
            "jclouds.filesystem.basedir=" + store,
            ""));
    log = folder.resolve("s3proxy.log");
    process =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx256m",
                "-cp",
                JAR.toString(),
                "org.gaul.s3proxy.Main",
                "--properties",
                properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    awaitListening();
  }

  /** Starts a server with {@code buckets}, keeping its objects and log under {@code folder}. */
  public static S3ProxyServer start(Path folder, String... buckets) {
    try {
      return new S3ProxyServer(folder, List.of(buckets));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitListening() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited:\n" + Files.readString(log));
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException(
        "S3Proxy did not listen within 60 s:\n" + Files.readString(log));
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /**
   * The {@code --set fs.s3a.*} options that point S3A at this server (no credential): path-style
   * requests over plain HTTP; folder markers kept (S3Proxy's filesystem store does not answer S3A's
   * bulk delete of parent markers); few retries, so a refusal is reported at once.
   */
  public Map<String, String> endpointOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("fs.s3a.endpoint", "http://127.0.0.1:" + port);
    options.put("fs.s3a.path.style.access", "true");
    options.put("fs.s3a.connection.ssl.enabled", "false");
    options.put("fs.s3a.directory.marker.retention", "keep");
    options.put("fs.s3a.attempts.maximum", "2");
    options.put("fs.s3a.retry.limit", "2");
    return options;
  }

  /** {@link #endpointOptions} as {@code --set} arguments. */
  public List<String> setArguments() {
    List<String> args = new ArrayList<>();
    endpointOptions().forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    return args;
  }

  /** The credentials as the AWS provider chain reads them from the environment. */
  public Map<String, String> environment() {
    return Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey);
  }

  /** A Hadoop configuration with the endpoint and the credentials, for a test's own calls. */
  public Configuration hadoop() {
    Map<String, String> options = new LinkedHashMap<>(endpointOptions());
    options.put("fs.s3a.access.key", accessKey);
    options.put("fs.s3a.secret.key", secretKey);
    Configuration conf = HadoopStorage.configuration(options);
    // Not the JVM's shared instance: tests use other credentials for the same bucket.
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
    return conf;
  }

  /** Uploads a local folder to {@code uri} ({@code s3a://bucket/prefix}) through S3A. */
  public void upload(Path folder, String uri) {
    try (FileSystem fs = new org.apache.hadoop.fs.Path(uri).getFileSystem(hadoop())) {
      fs.copyFromLocalFile(
          false,
          true,
          new org.apache.hadoop.fs.Path(folder.toUri()),
          new org.apache.hadoop.fs.Path(uri));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
