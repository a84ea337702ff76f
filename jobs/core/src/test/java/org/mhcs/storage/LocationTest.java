package org.mhcs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mhcs.conf.Settings;

/** Where --landing and --warehouse point: local folders and file system URIs. */
class LocationTest {
  @Test
  void aLocalFolderPrintsAsItsAbsolutePathAndResolvesAsOne() {
    Location here = Location.local(Path.of("/data/./landing/"));
    assertTrue(here.isLocal());
    assertEquals("/data/landing", here.toString());
    assertEquals("/data/landing/csds/x", here.resolve("csds/x").uri());
    assertEquals("file", here.scheme());
    assertEquals("", here.bucket());
  }

  @Test
  void anS3aUriKeepsItsBucketAndPrefixWithoutATrailingSlash() {
    Location warehouse = Location.remote("s3a://nhs-bench/mhcs/warehouse//");
    assertFalse(warehouse.isLocal());
    assertEquals("s3a://nhs-bench/mhcs/warehouse", warehouse.uri());
    assertEquals("nhs-bench", warehouse.bucket());
    assertEquals("s3a", warehouse.scheme());
    assertEquals(
        "s3a://nhs-bench/mhcs/warehouse/gold/benchmark", warehouse.resolve("gold/benchmark").uri());
    assertThrows(IllegalStateException.class, () -> warehouse.localPath("serve"));
  }

  @Test
  void aBucketsRootKeepsItsSlashSoHadoopCanAddressIt() {
    Location root = Location.remote("s3a://landing-bucket");
    assertEquals("s3a://landing-bucket/", root.uri());
    assertEquals("s3a://landing-bucket/ref/organisations", root.resolve("ref/organisations").uri());
  }

  @Test
  void anAbfssUriNamesItsContainerAndAccount() {
    Location lake = Location.remote("abfss://lake@nhsbench.dfs.core.windows.net/mhcs");
    assertEquals("lake@nhsbench.dfs.core.windows.net", lake.bucket());
    assertEquals("abfss", lake.scheme());
  }

  @Test
  void aFileUriIsALocalFolder() {
    assertEquals(Location.local(Path.of("/tmp/w")), Location.remote("file:///tmp/w"));
  }

  @Test
  void aUriWithoutABucketOrWithCredentialsInItIsRefused() {
    IllegalArgumentException noBucket =
        assertThrows(IllegalArgumentException.class, () -> Location.remote("s3a:///prefix"));
    assertTrue(noBucket.getMessage().contains("names no bucket"), noBucket.getMessage());
    IllegalArgumentException secret =
        assertThrows(
            IllegalArgumentException.class,
            () -> Location.remote("s3a://AKIA:topsecret@bucket/prefix"));
    assertFalse(secret.getMessage().contains("topsecret"), secret.getMessage());
    assertTrue(secret.getMessage().contains("carries credentials"), secret.getMessage());
  }

  @Test
  void onlyAUriWithASchemeIsRemote() {
    assertTrue(Location.isUri("s3a://b/p"));
    assertTrue(Location.isUri("abfss://c@a.dfs.core.windows.net/p"));
    assertFalse(Location.isUri("/data/s3a://odd"));
    assertFalse(Location.isUri("warehouse"));
    assertFalse(Location.isUri("C:\\warehouse"));
  }

  @Test
  void fileSystemOptionsAreKeptApartFromTheLoggedSettings() {
    Settings settings =
        Settings.load(
            Map.of(
                "fs.s3a.secret.key", "s3cr3t-value",
                "fs.s3a.endpoint", " http://127.0.0.1:9000 ",
                "benchmark.peers", "7"));
    assertEquals(
        Map.of("fs.s3a.secret.key", "s3cr3t-value", "fs.s3a.endpoint", "http://127.0.0.1:9000"),
        settings.storageOptions());
    assertEquals(7, settings.get(Settings.PEERS));
    assertFalse(settings.asMap().toString().contains("s3cr3t-value"), settings.asMap().toString());
    assertFalse(settings.asMap().containsKey("fs.s3a.secret.key"));
  }
}
