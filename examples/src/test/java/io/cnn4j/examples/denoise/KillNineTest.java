package io.cnn4j.examples.denoise;

import io.cnn4j.io.SafeTensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Kills a training process with SIGKILL ({@link Process#destroyForcibly()}) at seeded random moments while it
 * checkpoints every step, ten times, resuming after each kill. After every kill, each checkpoint present must
 * load and validate; the temporary files a kill leaves behind must be gone after the next start; and the run must
 * finish normally at the end. Nothing is timed: the delays only spread the kills over the run.
 */
class KillNineTest {
    static final int KILLS = 10;

    @TempDir Path dir;

    @Test
    void checkpointsSurviveKillNineAndResumeWorks() throws Exception {
        TinyImages.dataset(dir);
        Path out = dir.resolve("out"), state = out.resolve("train-state.safetensors"), log = dir.resolve("log.txt");
        SplittableRandom random = new SplittableRandom(20240611L);
        List<Path> leftBefore = List.of();
        int tempsSeen = 0, killsDuringRun = 0;
        for (int k = 0; k < KILLS; k++) {
            List<String> cmd = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"), "io.cnn4j.examples.cli.Cnn4j",
                    "denoise", "--train", dir.resolve("train").toString(), "--val", dir.resolve("val").toString(), "--model", "seed",
                    "--crop", "8", "--batch", "2", "--steps", "100000", "--checkpoint-every", "1", "--eval-every", "0",
                    "--backend", "reference", "--quiet", "--out", out.toString()));
            if (Files.exists(state)) cmd.addAll(List.of("--resume", state.toString()));
            long stepBefore = Files.exists(state) ? TrainState.read(state).step() : 0;
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                waitForTraining(p, log);
                for (Path t : leftBefore) assertFalse(Files.exists(t), "kill " + k + ": " + t + " from the previous kill survived the next start");
                waitForCheckpointAfter(p, state, stepBefore);
                Thread.sleep(random.nextInt(400));
                if (p.isAlive()) killsDuringRun++;
            } finally {
                p.destroyForcibly();
                p.waitFor(60, TimeUnit.SECONDS);
            }
            if (Files.exists(state)) // loads and validates (format, history, finite weights), and no saved progress was lost
                assertTrue(TrainState.read(state).step() >= stepBefore, "kill " + k + ": the checkpoint went back before step " + stepBefore);
            else assertEquals(0, stepBefore, "kill " + k + ": the checkpoint disappeared");
            if (Files.exists(out.resolve("model.safetensors"))) SafeTensors.read(out.resolve("model.safetensors"));
            leftBefore = temporaries(out);
            tempsSeen += leftBefore.size();
        }
        assertEquals(KILLS, killsDuringRun, "every kill hit a running process");
        assertTrue(Files.exists(state), "checkpoints were written");
        long step = TrainState.read(state).step();
        CommandRun last = CommandRun.of("denoise", "--resume", state.toString(), "--steps", Long.toString(step + 2), "--backend", "reference",
                "--quiet", "--out", out.toString());
        assertEquals(0, last.exitCode(), last.err());
        assertTrue(last.out().contains("resuming seed from step " + step), last.out());
        assertEquals(List.of(), temporaries(out), "no temporary file left after a normal run");
        System.out.printf("kill -9: %d kills during training (checkpoint every step), %d temporary files left by kills and removed at the next start, "
                + "every checkpoint present loaded, resumed to step %d; data loss 0%n", killsDuringRun, tempsSeen, step + 2);
    }

    /** Waits until the process has printed its run header (training starts right after), or has exited. */
    private static void waitForTraining(Process p, Path log) throws IOException, InterruptedException {
        for (int i = 0; i < 1200 && p.isAlive(); i++) {
            if (Files.exists(log) && Files.readString(log).contains("denoise: model")) return;
            Thread.sleep(50);
        }
        if (!p.isAlive()) fail("the training process exited early (" + p.exitValue() + "): " + Files.readString(log));
    }

    /** Waits until the process has saved a checkpoint beyond {@code step}, so that every start makes progress. */
    private static void waitForCheckpointAfter(Process p, Path state, long step) throws InterruptedException {
        for (int i = 0; i < 1200 && p.isAlive(); i++) {
            try {
                if (Files.exists(state) && TrainState.read(state).step() > step) return;
            } catch (RuntimeException e) {
                // renamed over while reading: try again
            }
            Thread.sleep(25);
        }
    }

    private static List<Path> temporaries(Path out) throws IOException {
        if (!Files.isDirectory(out)) return List.of();
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(f -> f.getFileName().toString().matches("\\..+\\.[0-9]+\\.tmp")).toList();
        }
    }

    private static String java() { return Path.of(System.getProperty("java.home"), "bin", "java").toString(); }
}
