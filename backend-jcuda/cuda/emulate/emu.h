// A tiny CPU emulation of the CUDA execution model, enough to run this module's kernels on a machine without
// a GPU: blocks run one after another; within a block, kernels that call __syncthreads run one std::thread
// per CUDA thread with a std::barrier, the others run their threads sequentially. __shared__ becomes static
// (one block at a time). Used only by kernels_test.cpp (backend-jcuda/cuda/emulate-kernels.sh).
#pragma once
#include <algorithm>
#include <barrier>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <thread>
#include <vector>

using namespace std;  // float overloads of exp/log/pow/... as CUDA device code has them

struct dim3 { unsigned x = 1, y = 1, z = 1; };
inline thread_local dim3 threadIdx;
inline dim3 blockIdx, blockDim, gridDim;
inline std::barrier<>* emu_barrier = nullptr;

#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __shared__ static
#define __restrict__ __restrict
#define __align__(n) __attribute__((aligned(n)))
#define CNN4J_EMU 1

struct float4 { float x, y, z, w; };
struct double2 { double x, y; };

// Vector loads from shared memory must be 16-byte aligned on the GPU; x86 would not notice, so check here.
inline void emu_check_aligned16(const void* p) {
    if (reinterpret_cast<uintptr_t>(p) % 16 != 0) { fprintf(stderr, "misaligned 16-byte load at %p\n", p); abort(); }
}

inline void __syncthreads() {
    if (!emu_barrier) { fprintf(stderr, "__syncthreads in a kernel launched without threads=true\n"); abort(); }
    emu_barrier->arrive_and_wait();
}
inline int atomicExch(int* p, int v) { return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }

// Runs kernel body f (a lambda calling the extern "C" kernel) over grid x block.
template <class F>
void emu_launch(dim3 grid, dim3 block, bool threads, F f) {
    gridDim = grid;
    blockDim = block;
    unsigned nt = block.x * block.y * block.z;
    for (unsigned z = 0; z < grid.z; z++)
        for (unsigned y = 0; y < grid.y; y++)
            for (unsigned x = 0; x < grid.x; x++) {
                blockIdx = {x, y, z};
                if (!threads) {
                    for (unsigned t = 0; t < nt; t++) {
                        threadIdx = {t % block.x, (t / block.x) % block.y, t / (block.x * block.y)};
                        f();
                    }
                } else {
                    std::barrier<> bar(nt);
                    emu_barrier = &bar;
                    std::vector<std::thread> ts;
                    for (unsigned t = 0; t < nt; t++)
                        ts.emplace_back([&, t] {
                            threadIdx = {t % block.x, (t / block.x) % block.y, t / (block.x * block.y)};
                            f();
                        });
                    for (auto& th : ts) th.join();
                    emu_barrier = nullptr;
                }
            }
}

// The grid of a linear (grid-stride) launch, as io.cnn4j.jcuda.LaunchShape.linear.
inline dim3 linear_grid(long long n) { return dim3{(unsigned)std::min<long long>((n + 255) / 256, 1 << 16), 1, 1}; }
