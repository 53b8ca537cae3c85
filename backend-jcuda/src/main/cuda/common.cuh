// Shared definitions for the cnn4j JCuda kernels.
//
// Every kernel exists once as a template and is exported twice with C linkage: <name>_f32 and <name>_f64
// (explicit one-line wrappers at the end of each file).
// Struct arguments are passed by value; the Java side builds them as int[] in exactly this field order
// (see io.cnn4j.jcuda.StridedLayout, WindowGeometry, MatmulPlan). All tensors are contiguous row-major with
// fewer than 2^31 elements (checked on the host), so int offsets suffice; products use long long.
#pragma once

#define CNN4J_MAX_RANK 8

// An iteration shape plus the element strides of two operands over it (stride 0 = broadcast).
struct Layout {
    int rank;
    int shape[CNN4J_MAX_RANK];
    int s0[CNN4J_MAX_RANK];
    int s1[CNN4J_MAX_RANK];
};

// Offsets of linear index i (row-major over L.shape) into operand 0 and operand 1.
__device__ __forceinline__ void layout_offsets(const Layout& L, long long i, long long& o0, long long& o1) {
    o0 = 0;
    o1 = 0;
    for (int d = L.rank - 1; d >= 0; d--) {
        int extent = L.shape[d];
        long long c = i % extent;
        i /= extent;
        o0 += c * L.s0[d];
        o1 += c * L.s1[d];
    }
}

// Grid-stride loop over [0, n).
#define CNN4J_FOR_EACH(i, n) \
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += (long long)gridDim.x * blockDim.x)
