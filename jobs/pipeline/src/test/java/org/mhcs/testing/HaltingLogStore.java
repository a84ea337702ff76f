package org.mhcs.testing;

import io.delta.storage.LocalLogStore;
import java.io.IOException;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Delta's local log store, except that it can stop a process just before one table's commit: the
 * data files of that write are on disk, its commit is not, which is the moment a crash mid-write
 * leaves behind. Test code only; a child JVM enables it with {@code
 * -Dspark.delta.logStore.file.impl=org.mhcs.testing.HaltingLogStore} and names the table folder in
 * {@code -Dmhcs.test.halt_before_commit=<layer>/<table>}. Without that property it is Delta's store
 * unchanged.
 */
public final class HaltingLogStore extends LocalLogStore {
  /** System property naming the table ({@code layer/table}) whose next commit never happens. */
  public static final String TABLE_PROPERTY = "mhcs.test.halt_before_commit";

  /** Printed on stdout, then the writing thread sleeps until the process is killed. */
  public static final String HALTED = "HALTED before commit ";

  public HaltingLogStore(Configuration conf) {
    super(conf);
  }

  @Override
  public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration conf)
      throws IOException {
    String table = System.getProperty(TABLE_PROPERTY);
    if (table != null
        && path.getName().endsWith(".json")
        && path.getParent().getParent().toUri().getPath().endsWith("/" + table)) {
      System.out.println(HALTED + path.toUri().getPath());
      System.out.flush();
      while (true) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          // Only SIGKILL ends this wait: that is the fault under test.
        }
      }
    }
    super.write(path, actions, overwrite, conf);
  }
}
