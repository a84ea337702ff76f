package org.mhcs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.util.SerializableConfiguration;
import org.mhcs.storage.Location;

/**
 * Opens a landing file by its location ({@link LandingFile#absolutePath}): a local path with
 * java.nio, a URI ({@code s3a://...}) through Hadoop's file system with the run's Hadoop
 * configuration. Serializable, so executors open the files a task reads the same way.
 */
public abstract class LandingReader implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Local files only. */
  public static final LandingReader LOCAL = new Local();

  public abstract InputStream open(String location) throws IOException;

  /** Local paths as {@link #LOCAL}, URIs through Hadoop with {@code conf}. */
  public static LandingReader withHadoop(Configuration conf) {
    return new Hadoop(new SerializableConfiguration(conf));
  }

  private static final class Local extends LandingReader {
    private static final long serialVersionUID = 1L;

    @Override
    public InputStream open(String location) throws IOException {
      return Files.newInputStream(Path.of(location));
    }

    private Object readResolve() {
      return LOCAL;
    }
  }

  private static final class Hadoop extends LandingReader {
    private static final long serialVersionUID = 1L;
    private final SerializableConfiguration conf;

    Hadoop(SerializableConfiguration conf) {
      this.conf = conf;
    }

    @Override
    public InputStream open(String location) throws IOException {
      if (!Location.isUri(location)) {
        return LOCAL.open(location);
      }
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(location);
      return path.getFileSystem(conf.value()).open(path);
    }
  }
}
