package io.cnn4j.jcuda;

import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static jcuda.driver.JCudaDriver.*;

/**
 * One CUDA device seen through the JCuda driver API: its primary context (made current on each calling thread),
 * the kernel modules loaded from the committed PTX, kernel launches with error reporting, raw allocation and
 * host/device copies. Every call returns a CUresult that is checked here and turned into a {@link CudaException}.
 *
 * <p>All work goes to the legacy default stream, so kernels and copies run in issue order across threads; the
 * pool may therefore reuse a block as soon as it is released. Launches are asynchronous: an error raised while
 * a kernel runs surfaces at the next synchronising call (a copy to the host); that error names the last launch.
 * With {@code -Dcnn4j.jcuda.sync=true} every launch is followed by a synchronisation, so the failing kernel is
 * named exactly (slower; for debugging).
 */
final class CudaContext implements Device {

    private final CUdevice device;
    private final CUcontext context;
    private final String description;
    private final int multiprocessors;
    private final String architecture;
    private final List<CUmodule> modules = new ArrayList<>();
    private final Map<String, CUfunction> functions = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> false);
    private final boolean syncEachLaunch = Boolean.getBoolean("cnn4j.jcuda.sync");
    private volatile String lastLaunch = "(none yet)";

    /** Opens device {@code ordinal}; assumes cuInit succeeded (see {@link CudaProbe}). Loads every kernel module. */
    CudaContext(int ordinal) {
        JCudaDriver.setExceptionsEnabled(false);
        device = new CUdevice();
        check(cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
        int major = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        int minor = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        multiprocessors = attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
        byte[] name = new byte[256];
        check(cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        int[] driver = new int[1];
        check(cuDriverGetVersion(driver), "cuDriverGetVersion");
        long[] free = new long[1], total = new long[1];
        architecture = KernelResources.architectureFor(major, minor, KernelResources.architectures());
        String deviceName = new String(name, StandardCharsets.US_ASCII).trim().replace("\0", "");
        description = "CUDA device " + ordinal + ": " + deviceName + ", compute capability " + major + "." + minor
                + ", " + multiprocessors + " SMs, driver " + driver[0] / 1000 + "." + (driver[0] % 1000) / 10;
        if (architecture == null)
            throw new CudaException(description + " is older than every architecture the kernels were compiled for "
                    + KernelResources.architectures() + "; rebuild the PTX for it with backend-jcuda/cuda/build-kernels.sh");
        context = new CUcontext();
        check(cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        makeCurrent();
        check(cuMemGetInfo(free, total), "cuMemGetInfo");
        for (String module : KernelResources.MODULES) {
            CUmodule m = new CUmodule();
            check(cuModuleLoadData(m, KernelResources.ptx(architecture, module)), "cuModuleLoadData(" + architecture + "/" + module
                    + ".ptx) — the driver could not JIT-compile the PTX (PTX ISA 9.0 from nvcc 13 needs an R580+ driver)");
            modules.add(m);
        }
    }

    private int attribute(int attr) {
        int[] v = new int[1];
        check(cuDeviceGetAttribute(v, attr, device), "cuDeviceGetAttribute(" + attr + ")");
        return v[0];
    }

    @Override public String description() { return description; }
    @Override public int multiprocessors() { return multiprocessors; }
    String architecture() { return architecture; }

    /** Makes the primary context current on the calling thread (once per thread). */
    void makeCurrent() {
        if (!current.get()) {
            check(cuCtxSetCurrent(context), "cuCtxSetCurrent");
            current.set(true);
        }
    }

    /** The kernel {@code name} from whichever module defines it. */
    CUfunction function(String name) {
        CUfunction f = functions.get(name);
        if (f != null) return f;
        for (CUmodule m : modules) {
            CUfunction candidate = new CUfunction();
            if (cuModuleGetFunction(candidate, m, name) == CUresult.CUDA_SUCCESS) {
                functions.put(name, candidate);
                return candidate;
            }
        }
        throw new IllegalStateException("jcuda: kernel " + name + " not found in modules " + KernelResources.MODULES
                + " (" + architecture + "); the committed PTX is out of date — run backend-jcuda/cuda/build-kernels.sh");
    }

    /** Launches {@code kernel} on the default stream. */
    @Override
    public void launch(String kernel, LaunchShape s, KernelArgs args) {
        makeCurrent();
        lastLaunch = kernel + " " + s;
        int r = cuLaunchKernel(function(kernel), s.gridX(), s.gridY(), s.gridZ(), s.blockX(), s.blockY(), s.blockZ(),
                0, null, args.toPointer(), null);
        if (r != CUresult.CUDA_SUCCESS) throw new CudaException("CUDA error in kernel " + kernel + " " + s + ": " + describe(r));
        if (syncEachLaunch) {
            r = cuCtxSynchronize();
            if (r != CUresult.CUDA_SUCCESS) throw new CudaException("CUDA error in kernel " + kernel + " " + s + ": " + describe(r));
        }
    }

    /** Waits for all queued work; errors name the last launched kernel. */
    @Override
    public void synchronize() {
        makeCurrent();
        checkAsync(cuCtxSynchronize(), "cuCtxSynchronize");
    }

    @Override
    public CUdeviceptr allocate(long bytes) {
        makeCurrent();
        CUdeviceptr p = new CUdeviceptr();
        int r = cuMemAlloc(p, bytes);
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) return null;
        check(r, "cuMemAlloc(" + bytes + " bytes)");
        return p;
    }

    @Override
    public void free(CUdeviceptr handle) {
        makeCurrent();
        check(cuMemFree(handle), "cuMemFree");
    }

    @Override public void copyToDevice(CUdeviceptr dst, float[] src) { copyToDevice(dst, Pointer.to(src), 4L * src.length); }
    @Override public void copyToDevice(CUdeviceptr dst, double[] src) { copyToDevice(dst, Pointer.to(src), 8L * src.length); }
    @Override public void copyToHost(float[] dst, CUdeviceptr src) { copyToHost(Pointer.to(dst), src, 4L * dst.length); }
    @Override public void copyToHost(double[] dst, CUdeviceptr src) { copyToHost(Pointer.to(dst), src, 8L * dst.length); }
    @Override public void copyToHost(int[] dst, CUdeviceptr src) { copyToHost(Pointer.to(dst), src, 4L * dst.length); }

    private void copyToDevice(CUdeviceptr dst, Pointer host, long bytes) {
        makeCurrent();
        checkAsync(cuMemcpyHtoD(dst, host, bytes), "cuMemcpyHtoD(" + bytes + " bytes)");
    }

    private void copyToHost(Pointer host, CUdeviceptr src, long bytes) {
        makeCurrent();
        checkAsync(cuMemcpyDtoH(host, src, bytes), "cuMemcpyDtoH(" + bytes + " bytes)");
    }

    @Override
    public void copyOnDevice(CUdeviceptr dst, CUdeviceptr src, long bytes) {
        makeCurrent();
        checkAsync(cuMemcpyDtoD(dst, src, bytes), "cuMemcpyDtoD(" + bytes + " bytes)");
    }

    @Override
    public void zero(CUdeviceptr dst, long bytes) {
        makeCurrent();
        checkAsync(cuMemsetD8(dst, (byte) 0, bytes), "cuMemsetD8(" + bytes + " bytes)");
    }

    /** {free, total} device memory in bytes, as the driver reports it. */
    @Override
    public long[] memoryInfo() {
        makeCurrent();
        long[] free = new long[1], total = new long[1];
        check(cuMemGetInfo(free, total), "cuMemGetInfo");
        return new long[] {free[0], total[0]};
    }

    /** Errors of calls that may report a failure of an earlier asynchronous kernel. */
    private void checkAsync(int r, String call) {
        if (r != CUresult.CUDA_SUCCESS)
            throw new CudaException("CUDA error in " + call + ": " + describe(r) + " (last kernel launched: " + lastLaunch
                    + "; rerun with -Dcnn4j.jcuda.sync=true to pinpoint the failing kernel)");
    }

    static void check(int r, String call) {
        if (r != CUresult.CUDA_SUCCESS) throw new CudaException("CUDA error in " + call + ": " + describe(r));
    }

    /** "CUDA_ERROR_X (description)". */
    static String describe(int r) {
        String[] text = new String[1];
        String detail = "";
        try {
            if (cuGetErrorString(r, text) == CUresult.CUDA_SUCCESS && text[0] != null) detail = " (" + text[0] + ")";
        } catch (LinkageError ignored) {
            // no driver: the name alone
        }
        return CUresult.stringFor(r) + detail;
    }
}
