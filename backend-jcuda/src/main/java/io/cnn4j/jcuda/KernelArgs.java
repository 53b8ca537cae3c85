package io.cnn4j.jcuda;

import jcuda.NativePointerObject;
import jcuda.Pointer;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@code kernelParams} array of {@code cuLaunchKernel}: one pointer per kernel parameter, pointing
 * at the parameter's value. Struct parameters ({@code Layout}, {@code Geo}, {@code MatmulArgs}) are all-int
 * structs, passed as an {@code int[]} in field order; the driver copies the struct's size from it.
 */
final class KernelArgs {
    private final List<NativePointerObject> params = new ArrayList<>();

    KernelArgs ptr(Pointer devicePointer) { params.add(Pointer.to(devicePointer)); return this; }
    KernelArgs i(int v) { params.add(Pointer.to(new int[] {v})); return this; }
    KernelArgs d(double v) { params.add(Pointer.to(new double[] {v})); return this; }
    KernelArgs struct(int[] fields) { params.add(Pointer.to(fields.clone())); return this; }

    Pointer toPointer() { return Pointer.to(params.toArray(new NativePointerObject[0])); }
}
