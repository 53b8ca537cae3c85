package io.cnn4j.tck;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.io.Checkpoint;
import io.cnn4j.io.HostTensor;
import io.cnn4j.io.SafeTensors;
import io.cnn4j.io.SafeTensorsFile;
import io.cnn4j.io.SafeTensorsFormatException;
import io.cnn4j.nn.BatchNorm2d;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.Flatten;
import io.cnn4j.nn.Linear;
import io.cnn4j.nn.Module;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sequential;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzzes {@link SafeTensors#read} and {@link Checkpoint#load} with seeded {@link CheckpointMutants} of a real
 * checkpoint. Every mutant must either be rejected with the documented exception ({@link SafeTensorsFormatException}
 * for a malformed file; {@link IllegalArgumentException} from {@code Checkpoint.load} for a well-formed file that does
 * not fit the model, leaving the model unchanged) or be accepted as a well-formed file that re-encodes to the same
 * tensors. Anything else (another exception, an error, a partial load) fails with the mutant's index, which replays it.
 * 3,000 mutants run by default; {@code -P slow} (JUnit tag {@code slow}) runs 100,000.
 */
class CheckpointFuzzTest {
    static final long SEED = 20240611L;

    @TempDir Path dir;
    private final Backend b = new ReferenceBackend();

    private Module model(long seed) {
        Context ctx = Context.of(b, DType.FLOAT32, seed);
        return new Sequential(new Conv2d(ctx, 3, 4, 3, 1, 1), new BatchNorm2d(ctx, 4), new ReLU(), new Flatten(), new Linear(ctx, 4 * 2 * 2, 3));
    }

    @Test
    void threeThousandMutantsAreRejectedCleanlyOrAcceptedWellFormed() throws IOException { fuzz(3_000); }

    @Test
    @Tag("slow")
    void hundredThousandMutants() throws IOException { fuzz(100_000); }

    private void fuzz(int n) throws IOException {
        Path good = dir.resolve("good.safetensors");
        Checkpoint.save(model(1), good, Map.of("model", "fuzz"));
        CheckpointMutants mutants = new CheckpointMutants(Files.readAllBytes(good), SEED);
        Module target = model(2);
        Map<String, double[]> before = snapshot(target);
        int rejected = 0, accepted = 0, loadRejected = 0, loaded = 0;
        Path file = dir.resolve("mutant.safetensors");
        for (int i = 0; i < n; i++) {
            CheckpointMutants.Mutant m = mutants.mutant(i);
            SafeTensorsFile f;
            try {
                f = SafeTensors.read(m.bytes(), "mutant");
                accepted++;
            } catch (SafeTensorsFormatException e) {
                assertTrue(e.getMessage().startsWith("mutant"), m.describe() + ": message must name the source: " + e.getMessage());
                rejected++;
                f = null;
            } catch (Throwable t) {
                throw new AssertionError(m.describe() + ": SafeTensors.read threw " + t, t);
            }
            if (f != null) assertWellFormed(f, m);

            Files.write(file, m.bytes());
            try {
                Checkpoint.load(target, file);
                loaded++;
                assertTrue(f != null, m.describe() + ": Checkpoint.load accepted a file SafeTensors.read rejects");
                before = snapshot(target); // a successful load may change the weights (e.g. NaN data): the new baseline
            } catch (SafeTensorsFormatException | IllegalArgumentException e) {
                loadRejected++;
                assertUnchanged(before, target, m);
            } catch (Throwable t) {
                throw new AssertionError(m.describe() + ": Checkpoint.load threw " + t, t);
            }
        }
        System.out.printf("checkpoint fuzz (seed %d): %d mutants; SafeTensors.read rejected %d cleanly, accepted %d well-formed; "
                + "Checkpoint.load rejected %d cleanly (model unchanged), loaded %d; crashes 0%n", SEED, n, rejected, accepted, loadRejected, loaded);
        assertEquals(n, rejected + accepted);
        assertTrue(rejected > n / 2, "most mutants are malformed: " + rejected);
        assertTrue(accepted > 0, "some mutants (NaN/Inf data, harmless bit flips) are well-formed");
    }

    /** An accepted file must re-encode to bytes that read back to the same tensors and metadata. */
    private static void assertWellFormed(SafeTensorsFile f, CheckpointMutants.Mutant m) throws IOException {
        for (Map.Entry<String, HostTensor> e : f.tensors().entrySet()) {
            long numel = 1;
            for (int d : e.getValue().shape()) numel *= d;
            assertEquals(numel, e.getValue().data().length, m.describe() + ": tensor " + e.getKey());
        }
        SafeTensorsFile again = SafeTensors.read(SafeTensors.encode(f.tensors(), f.metadata()), "re-encoded");
        assertEquals(f.metadata(), again.metadata(), m.describe());
        assertEquals(f.tensors().keySet(), again.tensors().keySet(), m.describe());
        for (String k : f.tensors().keySet())
            assertArrayEquals(f.tensor(k).data(), again.tensor(k).data(), m.describe() + ": " + k);
    }

    private static Map<String, double[]> snapshot(Module m) {
        Map<String, double[]> s = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : m.stateDict().entrySet()) s.put(e.getKey(), e.getValue().toDoubleArray());
        return s;
    }

    private static void assertUnchanged(Map<String, double[]> before, Module m, CheckpointMutants.Mutant x) {
        Map<String, double[]> now = snapshot(m);
        for (String k : before.keySet())
            if (!java.util.Arrays.equals(before.get(k), now.get(k))) fail(x.describe() + ": a rejected load changed '" + k + "' (partial load)");
    }
}
