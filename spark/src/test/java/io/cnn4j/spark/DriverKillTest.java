package io.cnn4j.spark;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver killed (SIGKILL) mid-run: {@code --resume} from its last checkpoint on Spark finishes with the weights
 * of an uninterrupted single-process run. The driver is a separate {@code cnn4j denoise --spark local[2]} JVM.
 * Tagged slow (two JVM starts with Spark): {@code mvn -B verify -pl spark -am -Pslow -Dtest=DriverKillTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class DriverKillTest {
    @TempDir
    Path dir;

    @Test
    void resumeAfterTheDriverWasKilled() throws IOException, InterruptedException {
        TinyPhotos.dataset(dir);
        String[] common = {"denoise", "--model", "seed", "--steps", "30", "--batch", "4", "--crop", "8", "--dtype", "f64", "--optimizer", "adam",
                "--eval-every", "0", "--backend", "reference", "--quiet", "--checkpoint-every", "2",
                "--train", dir.resolve("train").toString(), "--val", dir.resolve("val").toString()};
        Path killed = dir.resolve("killed"), state = killed.resolve("train-state.safetensors");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.cnn4j.examples.cli.Cnn4j"));
        cmd.addAll(List.of(common));
        cmd.addAll(List.of("--spark", "local[2]", "--out", killed.toString()));
        Process driver = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("driver.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (!Files.exists(state) && driver.isAlive() && System.nanoTime() < deadline) Thread.sleep(200);
            assertTrue(Files.exists(state), "no checkpoint was written: " + Files.readString(dir.resolve("driver.log")));
        } finally {
            driver.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
        }
        assertTrue(!Files.exists(killed.resolve("model.safetensors")), "the driver was killed before the end of its run");

        List<String> resume = new ArrayList<>(List.of(common));
        resume.addAll(List.of("--resume", state.toString(), "--spark", "local[2]", "--out", killed.toString()));
        CliRun resumed = CliRun.of(resume.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.toString());
        List<String> single = new ArrayList<>(List.of(common));
        single.addAll(List.of("--out", dir.resolve("single").toString()));
        CliRun one = CliRun.of(single.toArray(String[]::new));
        assertEquals(0, one.exitCode(), one.toString());
        double rel = SparkCliTest.maxRelativeDifference(dir.resolve("single/model.safetensors"), killed.resolve("model.safetensors"));
        assertTrue(rel <= 1e-9, "resumed after a killed driver: relative difference " + rel);
    }
}
