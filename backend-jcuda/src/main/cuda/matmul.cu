// Tiled matrix multiply C[b] = op(A[b]) * op(B[b]) with shared-memory tiles and register blocking.
//
// Each block computes a BM x BN tile of C with (BM/TM)*(BN/TN) = 256 threads; each thread accumulates a
// TM x TN sub-tile in registers. A thread's rows come in groups of 4 consecutive rows, the groups BM/(TM/4)
// apart (same for columns), so it reads its A and B fragments from shared memory with 128-bit loads (a
// float4, or two double2) while a warp's loads stay free of bank conflicts.
//
// Transposes, batching and broadcasting are all expressed through element strides (MatmulArgs), so one kernel
// covers A^T, B^T, batched, and a 2-D operand broadcast over the batch (batch stride 0). The tile loaders pick
// the coalesced direction at run time from the strides. The sum over K runs in a fixed order: deterministic.
#include "common.cuh"

// Field order matches io.cnn4j.jcuda.MatmulPlan.toKernelArg().
struct MatmulArgs {
    int M, N, K;
    int a_sm, a_sk, a_sb;   // A element (b, m, k) at b*a_sb + m*a_sm + k*a_sk
    int b_sk, b_sn, b_sb;   // B element (b, k, n) at b*b_sb + k*b_sk + n*b_sn
    int c_sm, c_sb;         // C element (b, m, n) at b*c_sb + m*c_sm + n
};

#ifdef CNN4J_EMU  // CPU emulation (cuda/emulate): a misaligned vector load would fault on the GPU, so check it
#define CNN4J_CHECK_ALIGNED16(p) emu_check_aligned16(p)
#else
#define CNN4J_CHECK_ALIGNED16(p)
#endif

// Four consecutive elements from 16-byte aligned shared memory.
__device__ __forceinline__ void load4(const float* p, float* r) {
    CNN4J_CHECK_ALIGNED16(p);
    float4 v = *reinterpret_cast<const float4*>(p);
    r[0] = v.x; r[1] = v.y; r[2] = v.z; r[3] = v.w;
}
__device__ __forceinline__ void load4(const double* p, double* r) {
    CNN4J_CHECK_ALIGNED16(p);
    double2 v = reinterpret_cast<const double2*>(p)[0];
    double2 w = reinterpret_cast<const double2*>(p)[1];
    r[0] = v.x; r[1] = v.y; r[2] = w.x; r[3] = w.y;
}

template <typename T, int BM, int BN, int BK, int TM, int TN>
__device__ __forceinline__ void gemm_tile(const T* __restrict__ A, const T* __restrict__ B, T* __restrict__ C,
                                          const MatmulArgs& p) {
    constexpr int THREADS = (BM / TM) * (BN / TN);
    constexpr int PAD = 4;                    // keeps rows 16-byte aligned and breaks the transposing stores' bank pattern
    constexpr int GM = TM / 4, GN = TN / 4;   // groups of 4 rows / columns per thread
    constexpr int ROW_GROUP_STRIDE = BM / GM, COL_GROUP_STRIDE = BN / GN;
    __shared__ __align__(16) T As[BK][BM + PAD];
    __shared__ __align__(16) T Bs[BK][BN + PAD];

    const int tid = threadIdx.x;
    const int tx = tid % (BN / TN);
    const int ty = tid / (BN / TN);
    const long long bz = blockIdx.z;
    const T* Ab = A + bz * p.a_sb;
    const T* Bb = B + bz * p.b_sb;
    T* Cb = C + bz * p.c_sb;
    const int m0 = blockIdx.y * BM;
    const int n0 = blockIdx.x * BN;
    const bool aAlongK = (p.a_sk == 1);  // consecutive k contiguous in memory (A not transposed)
    const bool bAlongN = (p.b_sn == 1);  // consecutive n contiguous in memory (B not transposed)

    T acc[TM][TN];
#pragma unroll
    for (int i = 0; i < TM; i++)
#pragma unroll
        for (int j = 0; j < TN; j++) acc[i][j] = T(0);

    for (int k0 = 0; k0 < p.K; k0 += BK) {
#pragma unroll
        for (int r = 0; r < (BM * BK) / THREADS; r++) {
            int e = tid + r * THREADS;
            int m, k;
            if (aAlongK) { m = e / BK; k = e % BK; } else { k = e / BM; m = e % BM; }
            int gm = m0 + m, gk = k0 + k;
            As[k][m] = (gm < p.M && gk < p.K) ? Ab[(long long)gm * p.a_sm + (long long)gk * p.a_sk] : T(0);
        }
#pragma unroll
        for (int r = 0; r < (BN * BK) / THREADS; r++) {
            int e = tid + r * THREADS;
            int n, k;
            if (bAlongN) { k = e / BN; n = e % BN; } else { n = e / BK; k = e % BK; }
            int gn = n0 + n, gk = k0 + k;
            Bs[k][n] = (gn < p.N && gk < p.K) ? Bb[(long long)gk * p.b_sk + (long long)gn * p.b_sn] : T(0);
        }
        __syncthreads();
#pragma unroll
        for (int k = 0; k < BK; k++) {
            T ra[TM], rb[TN];
#pragma unroll
            for (int g = 0; g < GM; g++) load4(&As[k][g * ROW_GROUP_STRIDE + ty * 4], &ra[g * 4]);
#pragma unroll
            for (int g = 0; g < GN; g++) load4(&Bs[k][g * COL_GROUP_STRIDE + tx * 4], &rb[g * 4]);
#pragma unroll
            for (int i = 0; i < TM; i++)
#pragma unroll
                for (int j = 0; j < TN; j++) acc[i][j] = fma(ra[i], rb[j], acc[i][j]);
        }
        __syncthreads();
    }

#pragma unroll
    for (int i = 0; i < TM; i++) {
        int gm = m0 + (i / 4) * ROW_GROUP_STRIDE + ty * 4 + (i % 4);
        if (gm >= p.M) continue;
#pragma unroll
        for (int j = 0; j < TN; j++) {
            int gn = n0 + (j / 4) * COL_GROUP_STRIDE + tx * 4 + (j % 4);
            if (gn < p.N) Cb[(long long)gm * p.c_sm + gn] = acc[i][j];
        }
    }
}

// Large tiles for big products (e.g. 4096^3): 128x128 per block, 8x8 per thread, 256 threads.
// (256, 2): at most 128 registers per thread so two blocks fit on an SM.
extern "C" __global__ void __launch_bounds__(256, 2) matmul_big_f32(const float* A, const float* B, float* C, MatmulArgs p) { gemm_tile<float, 128, 128, 8, 8, 8>(A, B, C, p); }
// The same tiles without the register cap (one block per SM, no spills); chosen with
// -Dcnn4j.jcuda.matmulTiles=big1 — the GPU benchmark measures both to pick the default.
extern "C" __global__ void __launch_bounds__(256) matmul_big1_f32(const float* A, const float* B, float* C, MatmulArgs p) { gemm_tile<float, 128, 128, 8, 8, 8>(A, B, C, p); }
extern "C" __global__ void __launch_bounds__(256) matmul_big_f64(const double* A, const double* B, double* C, MatmulArgs p) { gemm_tile<double, 128, 128, 8, 8, 8>(A, B, C, p); }
// Small tiles when big tiles would leave SMs idle: 64x64 per block, 4x4 per thread, 256 threads.
extern "C" __global__ void __launch_bounds__(256) matmul_small_f32(const float* A, const float* B, float* C, MatmulArgs p) { gemm_tile<float, 64, 64, 8, 4, 4>(A, B, C, p); }
extern "C" __global__ void __launch_bounds__(256) matmul_small_f64(const double* A, const double* B, double* C, MatmulArgs p) { gemm_tile<double, 64, 64, 8, 4, 4>(A, B, C, p); }
