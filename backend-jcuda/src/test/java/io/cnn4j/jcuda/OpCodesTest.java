package io.cnn4j.jcuda;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Every SPI op has a distinct kernel code, and elementwise.cu's switch labels the same code with the same op. */
class OpCodesTest {

    @Test
    void codesAreDistinctAndMatchTheKernelSource() throws Exception {
        String src = Files.readString(Path.of("src/main/cuda/elementwise.cu"));
        int unarySwitch = src.indexOf("unary_apply"), binarySwitch = src.indexOf("binary_apply");
        Map<String, Integer> unary = caseLabels(src.substring(unarySwitch, binarySwitch));
        Map<String, Integer> binary = caseLabels(src.substring(binarySwitch, src.indexOf("unary_impl")));
        Set<Integer> seen = new HashSet<>();
        for (UnaryOp op : UnaryOp.values()) {
            assertTrue(seen.add(OpCodes.of(op)), "duplicate code for " + op);
            assertEquals(unary.get(op.name()), OpCodes.of(op), "elementwise.cu case label for " + op);
        }
        seen.clear();
        for (BinaryOp op : BinaryOp.values()) {
            assertTrue(seen.add(OpCodes.of(op)), "duplicate code for " + op);
            assertEquals(binary.get(op.name()), OpCodes.of(op), "elementwise.cu case label for " + op);
        }
    }

    /** "case 7: ... // RELU ..." → RELU=7 */
    private static Map<String, Integer> caseLabels(String text) {
        Map<String, Integer> m = new HashMap<>();
        Matcher c = Pattern.compile("case (\\d+):[^\\n]*//\\s*([A-Z]+)").matcher(text);
        while (c.find()) m.put(c.group(2), Integer.parseInt(c.group(1)));
        return m;
    }
}
