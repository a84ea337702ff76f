package org.mhcs.ingest;

import java.nio.file.Path;

/** A landing file that cannot be loaded at all; the message names the file and the fix. */
public final class LandingFileException extends RuntimeException {
  public LandingFileException(Path file, String problem, String fix) {
    this(file.toString(), problem, fix);
  }

  /** As above, for a file named by its location (a local path or a URI). */
  public LandingFileException(String file, String problem, String fix) {
    super(file + ": " + problem + ". " + fix);
  }
}
