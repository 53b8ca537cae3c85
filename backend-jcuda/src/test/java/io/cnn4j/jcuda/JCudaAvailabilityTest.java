package io.cnn4j.jcuda;

import io.cnn4j.backend.Availability;
import io.cnn4j.backend.BackendProvider;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Availability must never throw and must say why the backend cannot run. Runs on every machine. */
class JCudaAvailabilityTest {

    @Test
    void providerIsRegisteredForServiceLoader() {
        List<String> names = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) names.add(p.name());
        assertTrue(names.contains("jcuda"), "ServiceLoader found " + names);
    }

    @Test
    void nameAndPriority() {
        JCudaBackendProvider p = new JCudaBackendProvider();
        assertEquals("jcuda", p.name());
        assertEquals(300, p.priority());
    }

    @Test
    void availabilityNeverThrowsAndIsStable() {
        JCudaBackendProvider p = new JCudaBackendProvider();
        Availability first = assertDoesNotThrow(p::availability);
        Availability second = assertDoesNotThrow(p::availability);
        assertEquals(first, second);
        assertNotNull(first.reason());
        assertFalse(first.reason().isBlank());
    }

    @Test
    void reportsMissingDriverWhereLibcudaIsAbsent() {
        Availability a = new JCudaBackendProvider().availability();
        assumeFalse(libcudaPresent() || a.available(), "libcuda.so.1 is installed here; the missing-driver message cannot be observed");
        assertFalse(a.available());
        assertEquals("no CUDA driver (libcuda.so.1 not found)", a.reason());
    }

    @Test
    void createRefusesWhenUnavailable() {
        JCudaBackendProvider p = new JCudaBackendProvider();
        assumeFalse(p.availability().available(), "a CUDA device is usable here");
        IllegalStateException e = assertThrows(IllegalStateException.class, p::create);
        assertTrue(e.getMessage().contains(p.availability().reason()), e.getMessage());
    }

    @Test
    void linkageErrorsMapToTheDriverMessage() {
        assertEquals(CudaProbe.NO_DRIVER, CudaProbe.linkageReason(new NoClassDefFoundError("Could not initialize class jcuda.driver.JCudaDriver")));
        assertEquals(CudaProbe.NO_DRIVER, CudaProbe.linkageReason(new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file")));
        String other = CudaProbe.linkageReason(new UnsatisfiedLinkError("no JCudaDriver-12.6.0-apple-aarch64 in java.library.path"));
        assertTrue(other.startsWith(CudaProbe.NO_DRIVER) && other.contains("apple-aarch64"), other);
    }

    /** Whether the dynamic loader could find libcuda.so.1 in the usual places. */
    static boolean libcudaPresent() {
        List<String> dirs = new ArrayList<>(List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib/x86_64-linux-gnu",
                "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib"));
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) dirs.addAll(List.of(ld.split(":")));
        for (String d : dirs) if (!d.isEmpty() && new File(d, "libcuda.so.1").exists()) return true;
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig")) {
            try {
                Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                p.waitFor();
                return out.contains("libcuda.so.1");
            } catch (Exception ignored) {
                // try the next location
            }
        }
        return false;
    }
}
