package org.mhcs.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.mhcs.testing.SharedSpark;

class SideBySideTest {
  @Test
  void resultsComeInSubmissionOrderWhateverOrderThePiecesEndIn() {
    CountDownLatch secondDone = new CountDownLatch(1);
    try (SideBySide pieces = new SideBySide(SharedSpark.session().sparkContext(), 2)) {
      CompletableFuture<String> first =
          pieces.submit(
              "first",
              () -> {
                // Ends after the second.
                assertTrue(secondDone.await(30, TimeUnit.SECONDS));
                return "a";
              });
      CompletableFuture<String> second =
          pieces.submit(
              "second",
              () -> {
                secondDone.countDown();
                return "b";
              });
      assertEquals(List.of("a", "b"), SideBySide.join(List.of(first, second)));
    }
  }

  @Test
  void theFirstFailureInSubmissionOrderIsRethrownAfterEveryPieceHasEnded() {
    IllegalStateException early = new IllegalStateException("first table");
    IllegalArgumentException late = new IllegalArgumentException("third table");
    AtomicBoolean middleRan = new AtomicBoolean();
    CountDownLatch lateFailed = new CountDownLatch(1);
    try (SideBySide pieces = new SideBySide(SharedSpark.session().sparkContext(), 2)) {
      List<CompletableFuture<String>> work =
          List.of(
              pieces.submit(
                  "one",
                  () -> {
                    // Fails after the third piece has failed: submission order, not time, decides.
                    assertTrue(lateFailed.await(30, TimeUnit.SECONDS));
                    throw early;
                  }),
              pieces.submit(
                  "two",
                  () -> {
                    middleRan.set(true);
                    return "b";
                  }),
              pieces.submit(
                  "three",
                  () -> {
                    lateFailed.countDown();
                    throw late;
                  }));
      IllegalStateException thrown =
          assertThrows(IllegalStateException.class, () -> SideBySide.join(work));
      assertSame(early, thrown);
      assertArrayEquals(new Throwable[] {late}, thrown.getSuppressed());
      assertTrue(middleRan.get());
      assertTrue(work.stream().allMatch(CompletableFuture::isDone));
    }
  }

  @Test
  void anErrorIsRethrownAsItWas() {
    OutOfMemoryError error = new OutOfMemoryError("a table too large");
    try (SideBySide pieces = new SideBySide(SharedSpark.session().sparkContext(), 1)) {
      List<CompletableFuture<String>> work =
          List.of(
              pieces.submit("ok", () -> "a"),
              pieces.submit(
                  "too large",
                  () -> {
                    throw error;
                  }));
      assertSame(error, assertThrows(OutOfMemoryError.class, () -> SideBySide.join(work)));
    }
  }
}
