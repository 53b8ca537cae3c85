package io.cnn4j.examples.denoise;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.examples.cli.CliException;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.io.SafeTensors;
import io.cnn4j.io.SafeTensorsFile;
import io.cnn4j.tck.CheckpointMutants;
import io.cnn4j.tensor.Backend;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Fuzzes the CLI's checkpoint loaders with seeded {@link CheckpointMutants}: {@link DenoiserCheckpoint#load} (what
 * {@code denoise-eval} and {@code denoise-image} use) over mutants of a {@code model.safetensors}, and
 * {@link TrainState#read} plus {@link DenoiseTrainer#restore} (what {@code denoise --resume} uses) over mutants of a
 * {@code train-state.safetensors}. Each mutant must be refused with a one-line {@link CliException} or load into a
 * model with finite weights; any other exception fails with the mutant's index. 1,000 of each by default; 30,000
 * with the {@code slow} tag.
 */
class CliLoaderFuzzTest {
    static final long SEED = 20240611L;

    @TempDir Path dir;
    private final Backend backend = new ReferenceBackend();

    @Test
    void aThousandMutantsOfEachCheckpointKind() throws IOException { fuzz(1_000); }

    @Test
    @Tag("slow")
    void thirtyThousandMutantsOfEachCheckpointKind() throws IOException { fuzz(30_000); }

    private void fuzz(int n) throws IOException {
        DenoiseConfig c = new DenoiseConfig("seed", 4, 2, 8, 1e-3, "adam", "cosine", 0.1, false, 0);
        DenoiseTrainer trainer = new DenoiseTrainer(c, backend, List.of(new RgbImage("x", 16, 16, new float[3 * 16 * 16])));
        trainer.trainStep();
        trainer.recordValPsnr(20.0);
        trainer.trainStep();
        Path model = dir.resolve("model.safetensors"), state = dir.resolve("train-state.safetensors");
        trainer.saveModel(model);
        trainer.saveState(state, Map.of("eval_seed", "0"));
        // The measured training time varies from run to run; fix it so the same seed gives the same mutants.
        SafeTensorsFile saved = SafeTensors.read(state);
        Map<String, String> md = new LinkedHashMap<>(saved.metadata());
        md.put("train_seconds", "1.5");
        SafeTensors.write(state, saved.tensors(), md);

        int[] modelCounts = run(new CheckpointMutants(Files.readAllBytes(model), SEED), n, f -> {
            DenoiserCheckpoint.Loaded l = DenoiserCheckpoint.load(f, null, backend);
            assertTrue(FiniteWeights.firstNonFinite(l.model()).isEmpty(), "loaded weights are finite");
        });
        int[] stateCounts = run(new CheckpointMutants(Files.readAllBytes(state), SEED + 1), n, f -> {
            TrainState s = TrainState.read(f);
            new DenoiseTrainer(s.config(), backend, List.of(new RgbImage("x", 16, 16, new float[3 * 16 * 16]))).restore(s, f);
        });
        System.out.printf("CLI loader fuzz (seed %d): model.safetensors %d mutants, %d refused with one line, %d loaded; "
                        + "train-state %d mutants, %d refused with one line, %d restored; crashes 0%n",
                SEED, n, modelCounts[0], modelCounts[1], n, stateCounts[0], stateCounts[1]);
        assertTrue(modelCounts[0] > n / 2 && stateCounts[0] > n / 2, "most mutants are refused");
    }

    interface Loader { void load(Path file) throws IOException; }

    /** Returns {refused, accepted}. */
    private int[] run(CheckpointMutants mutants, int n, Loader loader) throws IOException {
        Path f = dir.resolve("mutant.safetensors");
        int refused = 0, accepted = 0;
        for (int i = 0; i < n; i++) {
            CheckpointMutants.Mutant m = mutants.mutant(i);
            Files.write(f, m.bytes());
            try {
                loader.load(f);
                accepted++;
            } catch (CliException e) {
                assertFalse(e.getMessage().contains("\n"), m.describe() + ": one line: " + e.getMessage());
                refused++;
            } catch (Throwable t) {
                throw new AssertionError(m.describe() + ": threw " + t, t);
            }
        }
        return new int[]{refused, accepted};
    }
}
