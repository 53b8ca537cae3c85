package io.cnn4j.jcuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the committed, nvcc-compiled kernels on the classpath: {@code io/cnn4j/jcuda/kernels/<arch>/<module>.ptx},
 * one PTX file per source file in {@code src/main/cuda}, for each virtual architecture listed in
 * {@code kernels.manifest} (written by {@code backend-jcuda/cuda/build-kernels.sh}). Users need no nvcc.
 */
final class KernelResources {
    private KernelResources() {}

    static final String ROOT = "/io/cnn4j/jcuda/kernels/";
    /** One entry per .cu file; every kernel name is looked up in these modules. */
    static final List<String> MODULES = List.of("elementwise", "layout", "reduce", "window", "matmul");

    /** The manifest text (nvcc version, archs, source hashes). */
    static String manifest() {
        return new String(read(ROOT + "kernels.manifest"), StandardCharsets.UTF_8);
    }

    /** The virtual architectures PTX was committed for, e.g. [compute_75, compute_90], ascending. */
    static List<String> architectures() {
        for (String line : manifest().split("\n")) {
            if (line.startsWith("archs ")) {
                List<String> archs = new ArrayList<>(Arrays.asList(line.substring(6).trim().split("\\s+")));
                archs.sort((x, y) -> Integer.compare(archNumber(x), archNumber(y)));
                return archs;
            }
        }
        throw new IllegalStateException("jcuda: kernels.manifest has no 'archs' line; rebuild with backend-jcuda/cuda/build-kernels.sh");
    }

    /**
     * The best PTX architecture for a device of compute capability {@code major.minor}: the highest shipped one
     * not above the device's (PTX for compute_XY JIT-compiles for any device ≥ X.Y). Null when the device is
     * older than every shipped architecture.
     */
    static String architectureFor(int major, int minor, List<String> available) {
        int device = major * 10 + minor;
        String best = null;
        for (String a : available) {
            int n = archNumber(a);
            if (n <= device && (best == null || n > archNumber(best))) best = a;
        }
        return best;
    }

    static int archNumber(String arch) {
        if (!arch.startsWith("compute_")) throw new IllegalArgumentException("not a virtual architecture: " + arch);
        return Integer.parseInt(arch.substring("compute_".length()));
    }

    /** The PTX of {@code module} for {@code arch}, NUL-terminated as cuModuleLoadData expects. */
    static byte[] ptx(String arch, String module) {
        byte[] text = read(ROOT + arch + "/" + module + ".ptx");
        return Arrays.copyOf(text, text.length + 1);
    }

    private static byte[] read(String resource) {
        try (InputStream in = KernelResources.class.getResourceAsStream(resource)) {
            if (in == null)
                throw new IllegalStateException("jcuda: kernel resource " + resource + " is missing from the classpath; "
                        + "rebuild backend-jcuda (the PTX is committed under src/main/resources, regenerate with backend-jcuda/cuda/build-kernels.sh)");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("jcuda: cannot read " + resource, e);
        }
    }
}
