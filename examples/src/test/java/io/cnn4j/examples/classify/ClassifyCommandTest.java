package io.cnn4j.examples.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnn4j.examples.cli.Cnn4j;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ClassifyCommandTest {
    @TempDir Path dir;

    static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = Cnn4j.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "classify";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    @Test
    void tinyRunWritesAccuracyConfusionMatrixAndMisclassifiedDigits() throws IOException {
        StringWriter out = new StringWriter(), err = new StringWriter();
        Path o = dir.resolve("out");
        int code = run(out, err, "--epochs", "2", "--limit-train", "600", "--backend", "reference", "--quiet", "--out", o.toString());
        assertEquals(0, code, err.toString());
        JsonNode m = new ObjectMapper().readTree(o.resolve("metrics.json").toFile());
        double acc = m.get("test_accuracy").asDouble();
        assertTrue(acc > 0.3, "600 digits x 2 epochs (20 steps) should be well above chance (0.1), got " + acc);
        int total = 0, diagonal = 0;
        for (int r = 0; r < 10; r++)
            for (int c = 0; c < 10; c++) {
                int v = m.get("confusion_matrix").get(r).get(c).asInt();
                total += v;
                if (r == c) diagonal += v;
            }
        assertEquals(1000, total);
        assertEquals(acc, diagonal / 1000.0, 1e-12);
        assertEquals(1000 - diagonal, m.get("misclassified").asInt());
        for (String f : new String[]{"confusion-matrix.png", "confusion-matrix.txt", "misclassified.png", "model.safetensors"})
            assertTrue(Files.size(o.resolve(f)) > 0, f);
        assertTrue(out.toString().contains("test accuracy"), out.toString());
    }

    /** `cnn4j classify` with all defaults reaches its target (>= 98.5 % test accuracy). About 1-3 minutes. */
    @Test
    @Tag("slow")
    void defaultRunReachesTheTargetAccuracy() throws IOException {
        StringWriter out = new StringWriter(), err = new StringWriter();
        Path o = dir.resolve("full");
        assertEquals(0, run(out, err, "--quiet", "--out", o.toString()), err.toString());
        double acc = new ObjectMapper().readTree(o.resolve("metrics.json").toFile()).get("test_accuracy").asDouble();
        assertTrue(acc >= 0.985, "test accuracy " + acc);
    }

    @Test
    void shiftAugmentationMovesPixelsAndFillsWithBackground() {
        float[] src = {1, 2, 3, 4}; // 2x2
        float[] dst = new float[4];
        DigitClassifier.shifted(src, 0, 2, 2, 1, 0, dst, 0);
        assertArrayEquals(new float[]{0, 0, 1, 2}, dst);
        DigitClassifier.shifted(src, 0, 2, 2, 0, -1, dst, 0);
        assertArrayEquals(new float[]{2, 0, 4, 0}, dst);
    }

    @Test
    void missingDataFolderIsAUserError() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = run(out, err, "--data", dir.resolve("nope").toString(), "--backend", "reference", "--out", dir.resolve("o").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("does not exist"), err.toString());
        assertFalse(err.toString().contains("\tat "), err.toString());
    }
}
