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

// The register-blocked core shared by both kernels: a thread's TM x TN accumulators, with its rows in groups of 4
// consecutive rows BM/(TM/4) apart (columns likewise), multiplied from the shared panels As[k][m], Bs[k][n].
template <typename T, int BM, int BN, int BK, int TM, int TN>
struct MicroTile {
    static constexpr int THREADS = (BM / TM) * (BN / TN);
    static constexpr int PAD = 4;                   // keeps rows 16-byte aligned and breaks the transposing stores' bank pattern
    static constexpr int GM = TM / 4, GN = TN / 4;  // groups of 4 rows / columns per thread
    static constexpr int ROW_GROUP_STRIDE = BM / GM, COL_GROUP_STRIDE = BN / GN;

    __device__ __forceinline__ static void zero(T (&acc)[TM][TN]) {
#pragma unroll
        for (int i = 0; i < TM; i++)
#pragma unroll
            for (int j = 0; j < TN; j++) acc[i][j] = T(0);
    }

    // acc += As^T-panel x Bs-panel over the BK depth of the panels, in a fixed k order.
    __device__ __forceinline__ static void multiply(const T (*As)[BM + PAD], const T (*Bs)[BN + PAD], int tx, int ty,
                                                    T (&acc)[TM][TN]) {
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
    }

    // Writes the accumulators into the block's tile of C (rows m0.., columns n0..), skipping ragged edges.
    __device__ __forceinline__ static void store(T* Cb, const MatmulArgs& p, int m0, int n0, int tx, int ty,
                                                 const T (&acc)[TM][TN]) {
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
};

template <typename T, int BM, int BN, int BK, int TM, int TN>
__device__ __forceinline__ void gemm_tile(const T* __restrict__ A, const T* __restrict__ B, T* __restrict__ C,
                                          const MatmulArgs& p) {
    using Micro = MicroTile<T, BM, BN, BK, TM, TN>;
    constexpr int THREADS = Micro::THREADS, PAD = Micro::PAD;
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
    Micro::zero(acc);

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
        Micro::multiply(As, Bs, tx, ty, acc);
        __syncthreads();
    }

    Micro::store(Cb, p, m0, n0, tx, ty, acc);
}

// ---- Pipelined variant (FLOAT32, selected with -Dcnn4j.jcuda.matmulTiles=big2 until the GPU benchmark has
// measured it against big/big1): the same 128x128 tiles and 8x8 register blocks, plus
//  - two shared-memory buffers: the next K-tile's global loads are issued before the current tile is multiplied
//    and stored into the other buffer after it, so their latency hides behind 512 FMAs and one barrier per
//    K-tile suffices (iteration i reads buffer i%2 and writes buffer (i+1)%2, last read before barrier i-1);
//  - 128-bit global loads when the contiguous direction allows it (row length and strides multiples of 4,
//    16-byte aligned bases); otherwise the scalar loads of gemm_tile.
// Each thread moves 4 elements of A and 4 of B per K-tile (BM*BK = BN*BK = 4*THREADS).
template <typename T, int BM, int BK, int THREADS>
struct TileLoader {
    static_assert(BM * BK == 4 * THREADS, "one 4-element group per thread");
    // Loads this thread's 4 elements of the BM x BK panel (rows r0.., depth k0..) of X, whose element (row, k) is
    // at X[row*sr + k*sk]; 'alongK' = k contiguous (sk == 1). vec: one 128-bit load of 4 consecutive elements.
    __device__ __forceinline__ static void load(const T* X, int rows, int K, int sr, int sk, bool alongK, bool vec,
                                                int r0, int k0, int tid, T (&v)[4]) {
        if (vec) {
            int r, k;
            if (alongK) { r = tid / (BK / 4); k = (tid % (BK / 4)) * 4; } else { k = tid / (BM / 4); r = (tid % (BM / 4)) * 4; }
            int gr = r0 + r, gk = k0 + k;
            // rows/K are multiples of 4 in the contiguous direction, so a group is either wholly inside or outside
            if (gr < rows && gk < K) {
                load4(X + (long long)gr * sr + (long long)gk * sk, v);
            } else {
                v[0] = v[1] = v[2] = v[3] = T(0);
            }
            return;
        }
#pragma unroll
        for (int j = 0; j < 4; j++) {
            int e = tid + j * THREADS, r, k;
            if (alongK) { r = e / BK; k = e % BK; } else { k = e / BM; r = e % BM; }
            int gr = r0 + r, gk = k0 + k;
            v[j] = (gr < rows && gk < K) ? X[(long long)gr * sr + (long long)gk * sk] : T(0);
        }
    }

    // Stores what load() fetched into the shared panel S[k][row].
    __device__ __forceinline__ static void store(T (*S)[BM + 4], bool alongK, bool vec, int tid, const T (&v)[4]) {
        if (vec) {
            if (alongK) {
                int r = tid / (BK / 4), k = (tid % (BK / 4)) * 4;
#pragma unroll
                for (int j = 0; j < 4; j++) S[k + j][r] = v[j];
            } else {
                int k = tid / (BM / 4), r = (tid % (BM / 4)) * 4;
#pragma unroll
                for (int j = 0; j < 4; j++) S[k][r + j] = v[j];
            }
            return;
        }
#pragma unroll
        for (int j = 0; j < 4; j++) {
            int e = tid + j * THREADS, r, k;
            if (alongK) { r = e / BK; k = e % BK; } else { k = e / BM; r = e % BM; }
            S[k][r] = v[j];
        }
    }
};

__device__ __forceinline__ bool aligned16(const void* p) { return (reinterpret_cast<unsigned long long>(p) & 15) == 0; }

template <typename T, int BM, int BN, int BK, int TM, int TN>
__device__ __forceinline__ void gemm_tile_pipelined(const T* __restrict__ A, const T* __restrict__ B, T* __restrict__ C,
                                                    const MatmulArgs& p) {
    static_assert(BM == BN, "square tiles: one loader shape serves A and B");
    using Micro = MicroTile<T, BM, BN, BK, TM, TN>;
    constexpr int THREADS = Micro::THREADS, PAD = Micro::PAD;
    using Loader = TileLoader<T, BM, BK, THREADS>;
    __shared__ __align__(16) T As[2][BK][BM + PAD];
    __shared__ __align__(16) T Bs[2][BK][BN + PAD];

    // The same block setup as gemm_tile, written out again on purpose: a shared helper struct for it made ptxas
    // spill registers in matmul_big_f32 (capped at 128) for sm_75.
    const int tid = threadIdx.x;
    const int tx = tid % (BN / TN);
    const int ty = tid / (BN / TN);
    const long long bz = blockIdx.z;
    const T* Ab = A + bz * p.a_sb;
    const T* Bb = B + bz * p.b_sb;
    T* Cb = C + bz * p.c_sb;
    const int m0 = blockIdx.y * BM;
    const int n0 = blockIdx.x * BN;
    // A as rows m, depth k; B as rows n, depth k (B element (k, n) at k*b_sk + n*b_sn).
    const bool aAlongK = (p.a_sk == 1), bAlongK = (p.b_sk == 1);
    const bool aVec = (aAlongK ? (p.K % 4 == 0 && p.a_sm % 4 == 0) : (p.a_sm == 1 && p.M % 4 == 0 && p.a_sk % 4 == 0))
                      && p.a_sb % 4 == 0 && aligned16(A);
    const bool bVec = (bAlongK ? (p.K % 4 == 0 && p.b_sn % 4 == 0) : (p.b_sn == 1 && p.N % 4 == 0 && p.b_sk % 4 == 0))
                      && p.b_sb % 4 == 0 && aligned16(B);

    T acc[TM][TN];
    Micro::zero(acc);

    T va[4], vb[4];
    Loader::load(Ab, p.M, p.K, p.a_sm, p.a_sk, aAlongK, aVec, m0, 0, tid, va);
    Loader::load(Bb, p.N, p.K, p.b_sn, p.b_sk, bAlongK, bVec, n0, 0, tid, vb);
    Loader::store(As[0], aAlongK, aVec, tid, va);
    Loader::store(Bs[0], bAlongK, bVec, tid, vb);
    __syncthreads();

    int buf = 0;
    for (int k0 = 0; k0 < p.K; k0 += BK) {
        const bool more = k0 + BK < p.K;
        if (more) {
            Loader::load(Ab, p.M, p.K, p.a_sm, p.a_sk, aAlongK, aVec, m0, k0 + BK, tid, va);
            Loader::load(Bb, p.N, p.K, p.b_sn, p.b_sk, bAlongK, bVec, n0, k0 + BK, tid, vb);
        }
        Micro::multiply(As[buf], Bs[buf], tx, ty, acc);
        if (more) {
            Loader::store(As[buf ^ 1], aAlongK, aVec, tid, va);
            Loader::store(Bs[buf ^ 1], bAlongK, bVec, tid, vb);
        }
        __syncthreads();
        buf ^= 1;
    }

    Micro::store(Cb, p, m0, n0, tx, ty, acc);
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
// The pipelined variant (see gemm_tile_pipelined); -Dcnn4j.jcuda.matmulTiles=big2.
extern "C" __global__ void __launch_bounds__(256) matmul_big2_f32(const float* A, const float* B, float* C, MatmulArgs p) { gemm_tile_pipelined<float, 128, 128, 8, 8, 8>(A, B, C, p); }
