package io.cnn4j.spark;

import io.cnn4j.io.SafeTensors;
import io.cnn4j.io.SafeTensorsFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cnn4j denoise --spark}: results, checkpoints and --resume as in one process; bad input as one line, exit 2. */
class SparkCliTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws IOException { TinyPhotos.dataset(dir); }

    static String[] denoise(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("denoise", "--model", "seed", "--steps", "4", "--batch", "4", "--crop", "8", "--dtype", "f64",
                "--optimizer", "adam", "--eval-every", "0", "--backend", "reference", "--quiet",
                "--train", dir.resolve("train").toString(), "--val", dir.resolve("val").toString(), "--out", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void sparkRunAndResumedSparkRunGiveTheSingleProcessWeights() throws IOException {
        CliRun one = CliRun.of(denoise(dir.resolve("one")));
        assertEquals(0, one.exitCode(), one.toString());
        CliRun first = CliRun.of(denoise(dir.resolve("spark"), "--spark", "local[2]", "--workers", "2", "--stop-after", "2"));
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.out().contains("continue with"), first.toString());
        CliRun resumed = CliRun.of("denoise", "--resume", dir.resolve("spark/train-state.safetensors").toString(), "--spark", "local[2]",
                "--backend", "reference", "--quiet", "--eval-every", "0", "--val", dir.resolve("val").toString(),
                "--train", dir.resolve("train").toString(), "--out", dir.resolve("spark").toString());
        assertEquals(0, resumed.exitCode(), resumed.toString());
        for (String f : List.of("model.safetensors", "train-state.safetensors", "metrics.json", "training.png", "contact-sheet.png"))
            assertTrue(Files.isRegularFile(dir.resolve("spark").resolve(f)), f + " missing");
        double rel = maxRelativeDifference(dir.resolve("one/model.safetensors"), dir.resolve("spark/model.safetensors"));
        assertTrue(rel <= 1e-9, "relative difference " + rel);
    }

    /** classify has no --dtype: float32 weights agree to float32 summation-order rounding; the last batch (10 of 30) is short. */
    @Test
    void classifyOnSparkGivesTheSingleProcessWeights() throws IOException {
        List<String> common = List.of("classify", "--epochs", "1", "--limit-train", "100", "--batch", "30", "--backend", "reference", "--quiet");
        List<String> a = new ArrayList<>(common), b = new ArrayList<>(common);
        a.addAll(List.of("--out", dir.resolve("c-one").toString()));
        b.addAll(List.of("--out", dir.resolve("c-spark").toString(), "--spark", "local[2]", "--workers", "3"));
        CliRun one = CliRun.of(a.toArray(String[]::new)), spark = CliRun.of(b.toArray(String[]::new));
        assertEquals(0, one.exitCode(), one.toString());
        assertEquals(0, spark.exitCode(), spark.toString());
        assertTrue(maxRelativeDifference(dir.resolve("c-one/model.safetensors"), dir.resolve("c-spark/model.safetensors")) <= 1e-4);
    }

    @Test
    void classifyBadInput() {
        CliRun r = CliRun.of("classify", "--epochs", "1", "--batch", "4", "--spark", "local[2]", "--workers", "5", "--out", dir.resolve("c-bad").toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().strip().equals("cnn4j classify: --workers 5 is larger than --batch 4: every worker needs at least one row of the batch; "
                + "use --workers <= 4 or a larger --batch"), r.toString());
        assertTrue(!Files.exists(dir.resolve("c-bad")), "no output after bad input");
    }

    static double maxRelativeDifference(Path fileA, Path fileB) throws IOException {
        SafeTensorsFile a = SafeTensors.read(fileA), b = SafeTensors.read(fileB);
        double worst = 0;
        for (String k : a.tensors().keySet()) {
            double[] x = a.tensor(k).data(), y = b.tensor(k).data();
            double scale = 0, diff = 0;
            for (int i = 0; i < x.length; i++) {
                scale = Math.max(scale, Math.abs(x[i]));
                diff = Math.max(diff, Math.abs(x[i] - y[i]));
            }
            worst = Math.max(worst, diff / scale);
        }
        return worst;
    }

    @Test
    void unreachableMaster() throws IOException {
        assertBadInput("nomaster", "cannot reach the Spark master spark://127.0.0.1:1", "--spark", "spark://127.0.0.1:1");
    }

    @Test
    void moreWorkersThanRows() throws IOException {
        assertBadInput("toomany", "--workers 8 is larger than --batch 4", "--spark", "local[2]", "--workers", "8");
    }

    @Test
    void workersWithoutSpark() throws IOException {
        assertBadInput("nospark", "--workers needs --spark MASTER", "--workers", "2");
    }

    @Test
    void unknownMasterKind() throws IOException {
        assertBadInput("badmaster", "--spark 'mesos://x:1' is not a master cnn4j can start", "--spark", "mesos://x:1");
    }

    private static void assertBadInput(String name, String expected, String... extra) throws IOException {
        Path out = dir.resolve(name);
        CliRun r = CliRun.of(denoise(out, extra));
        assertEquals(2, r.exitCode(), r.toString());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.toString());
        assertTrue(lines[0].contains(expected), r.toString());
        if (Files.exists(out)) try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(), s.toList(), "no output after bad input");
        }
    }
}
