package io.cnn4j.jcuda;

import io.cnn4j.backend.Availability;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * Decides, once per JVM, whether the JCuda backend can run here, and keeps the opened {@link CudaContext} for
 * {@link JCudaBackendProvider#create()}. Never throws and never crashes the JVM:
 * <ol>
 *   <li>JCuda's native library needs {@code libcuda.so.1}. Without it the first JCudaDriver call throws
 *       {@link UnsatisfiedLinkError} and later calls {@link NoClassDefFoundError}: both are
 *       {@link LinkageError}s → "no CUDA driver (libcuda.so.1 not found)".</li>
 *   <li>{@code cuInit} / {@code cuDeviceGetCount} failing or reporting 0 → "no CUDA device" with the CUDA error.</li>
 *   <li>Opening the device and JIT-loading the kernels failing → the reason (e.g. driver too old for the PTX).</li>
 * </ol>
 */
final class CudaProbe {
    private CudaProbe() {}

    static final String NO_DRIVER = "no CUDA driver (libcuda.so.1 not found)";

    private static Availability availability;
    private static CudaContext context;

    static synchronized Availability availability() {
        if (availability == null) availability = probe();
        return availability;
    }

    /** The opened device; only valid when {@link #availability()} is available. */
    static synchronized CudaContext context() {
        Availability a = availability();
        if (!a.available()) throw new IllegalStateException("jcuda backend is not available: " + a.reason());
        return context;
    }

    private static Availability probe() {
        try {
            JCudaDriver.setExceptionsEnabled(false);
            int r = JCudaDriver.cuInit(0);
            if (r == CUresult.CUDA_ERROR_NO_DEVICE) return Availability.no("no CUDA device (cuInit: " + CudaContext.describe(r) + ")");
            if (r != CUresult.CUDA_SUCCESS) return Availability.no("CUDA driver found but cuInit failed: " + CudaContext.describe(r));
            int[] count = new int[1];
            r = JCudaDriver.cuDeviceGetCount(count);
            if (r != CUresult.CUDA_SUCCESS) return Availability.no("no CUDA device (cuDeviceGetCount: " + CudaContext.describe(r) + ")");
            if (count[0] == 0) return Availability.no("no CUDA device");
            int ordinal = Integer.getInteger("cnn4j.jcuda.device", 0);
            if (ordinal < 0 || ordinal >= count[0])
                return Availability.no("cnn4j.jcuda.device=" + ordinal + " but only " + count[0] + " CUDA device(s) are present");
            context = new CudaContext(ordinal);
            return Availability.yes(context.description() + ", kernels " + context.architecture() + " PTX");
        } catch (LinkageError e) {
            return Availability.no(linkageReason(e));
        } catch (RuntimeException e) {
            return Availability.no("CUDA device unusable: " + e.getMessage());
        }
    }

    /** The reason for a LinkageError from JCuda's native library. */
    static String linkageReason(LinkageError e) {
        String msg = String.valueOf(e.getMessage());
        if (e instanceof NoClassDefFoundError || msg.contains("libcuda")) return NO_DRIVER;
        return NO_DRIVER + " — JCuda native library failed to load: " + msg;
    }
}
