package io.cnn4j.jcuda;

import jcuda.NativePointerObject;
import jcuda.Pointer;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@code kernelParams} array of {@code cuLaunchKernel}: one pointer per kernel parameter, pointing
 * at the parameter's value. Struct parameters ({@code Layout}, {@code Geo}, {@code MatmulArgs}) are all-int
 * structs, passed as an {@code int[]} in field order; the driver copies the struct's size from it.
 *
 * <p>It also records each parameter's PTX type ({@code u64}, {@code u32}, {@code f64}, {@code b8[bytes]}), so a
 * test can check every launch against the kernel's signature in the committed PTX without a GPU.
 */
final class KernelArgs {
    private final List<NativePointerObject> params = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    KernelArgs ptr(Pointer devicePointer) { return add(Pointer.to(devicePointer), "u64", devicePointer); }
    KernelArgs i(int v) { return add(Pointer.to(new int[] {v}), "u32", v); }
    KernelArgs d(double v) { return add(Pointer.to(new double[] {v}), "f64", v); }
    KernelArgs struct(int[] fields) {
        int[] copy = fields.clone();
        return add(Pointer.to(copy), "b8[" + 4 * fields.length + "]", copy);
    }

    private KernelArgs add(NativePointerObject p, String type, Object value) {
        params.add(p);
        types.add(type);
        values.add(value);
        return this;
    }

    /** The argument values (device pointers, Integer, Double, int[]), for test devices that interpret launches. */
    List<Object> values() { return java.util.Collections.unmodifiableList(values); }

    /** The PTX parameter types in order, e.g. [u64, u64, u32, b8[52], f64]. */
    List<String> types() { return List.copyOf(types); }

    Pointer toPointer() { return Pointer.to(params.toArray(new NativePointerObject[0])); }
}
