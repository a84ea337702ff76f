package org.mhcs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.mhcs.testing.Repository;

/**
 * conf/spark-submit.properties names the libraries a cluster fetches at submit time; each must be
 * the version this build resolved, which is on this test's class path as {@code
 * .../artifact/version/artifact-version.jar} in the local Maven repository.
 */
class SparkSubmitPropertiesTest {
  @Test
  void everyPackageIsTheVersionThePomResolves() throws IOException {
    Properties properties = new Properties();
    try (Reader in =
        Files.newBufferedReader(Repository.ROOT.resolve("conf/spark-submit.properties"))) {
      properties.load(in);
    }
    String[] packages = properties.getProperty("spark.jars.packages").split(",");
    // delta-spark, commons-math3, jfreechart, jfree svg, poi-ooxml, jte-runtime (report and
    // notebook pages), commonmark and its tables extension (notebook text), hadoop-aws (s3a://).
    assertEquals(9, packages.length, String.join(",", packages));
    List<String> classPath = List.of(System.getProperty("java.class.path").split(":"));
    List<String> wrong = new ArrayList<>();
    for (String coordinate : packages) {
      String[] gav = coordinate.trim().split(":");
      String jar = gav[1] + "-" + gav[2] + ".jar";
      boolean resolved =
          classPath.stream()
              .map(Path::of)
              .anyMatch(
                  p ->
                      p.getFileName().toString().equals(jar)
                          && p.getParent().getFileName().toString().equals(gav[2]));
      if (!resolved) {
        wrong.add(
            coordinate
                + " (the build has "
                + classPath.stream()
                    .filter(p -> Path.of(p).getFileName().toString().startsWith(gav[1] + "-"))
                    .toList()
                + ")");
      }
    }
    assertTrue(wrong.isEmpty(), "not the pom's versions: " + wrong);
  }
}
