// A tiny CPU emulation of the CUDA execution model, enough to run this module's kernels on a machine without
// a GPU: blocks run one after another; within a block, kernels that call __syncthreads run one fiber
// (ucontext) per CUDA thread, the others run their threads sequentially. __shared__ becomes static (one block
// at a time). A fiber runs alone from one barrier to the next, so a missing __syncthreads (a thread reading
// shared memory that others have not yet written, or overwriting what they have not yet read) gives wrong
// results deterministically instead of only sometimes. Used by kernels_test.cpp (emulate-kernels.sh) and
// fake_libcuda.cpp (emulated-driver.sh). Not thread-safe: one launch at a time.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <ucontext.h>
#include <vector>

using namespace std;  // float overloads of exp/log/pow/... as CUDA device code has them

struct dim3 { unsigned x = 1, y = 1, z = 1; };
inline thread_local dim3 threadIdx;
inline dim3 blockIdx, blockDim, gridDim;

// The fibers of the block being run in threads=true mode.
struct EmuFibers {
    ucontext_t scheduler;
    std::vector<ucontext_t> context;
    std::vector<std::unique_ptr<char[]>> stack;
    std::vector<char> done;
    unsigned current = 0;
    const std::function<void()>* body = nullptr;
    static constexpr size_t STACK_BYTES = 256 * 1024;
};
inline EmuFibers* emu_fibers = nullptr;

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
    if (!emu_fibers) { fprintf(stderr, "__syncthreads in a kernel launched without threads=true\n"); abort(); }
    EmuFibers& f = *emu_fibers;
    swapcontext(&f.context[f.current], &f.scheduler);  // back to the scheduler; resumed after every thread arrived
}
inline int atomicExch(int* p, int v) { return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }

inline void emu_fiber_entry() {
    (*emu_fibers->body)();
    emu_fibers->done[emu_fibers->current] = 1;  // returning resumes uc_link: the scheduler
}

inline dim3 emu_thread_index(unsigned t, dim3 block) {
    return {t % block.x, (t / block.x) % block.y, t / (block.x * block.y)};
}

// Runs kernel body f (a lambda calling the extern "C" kernel) over grid x block. threads=true: kernels that
// call __syncthreads; each round runs every live fiber up to its next barrier (or its end).
template <class F>
void emu_launch(dim3 grid, dim3 block, bool threads, F f) {
    gridDim = grid;
    blockDim = block;
    unsigned nt = block.x * block.y * block.z;
    static EmuFibers fibers;  // stacks reused across launches
    std::function<void()> body = f;
    if (threads) {
        fibers.context.resize(nt);
        fibers.done.resize(nt);
        while (fibers.stack.size() < nt) fibers.stack.emplace_back(new char[EmuFibers::STACK_BYTES]);
        fibers.body = &body;
    }
    for (unsigned z = 0; z < grid.z; z++)
        for (unsigned y = 0; y < grid.y; y++)
            for (unsigned x = 0; x < grid.x; x++) {
                blockIdx = {x, y, z};
                if (!threads) {
                    for (unsigned t = 0; t < nt; t++) {
                        threadIdx = emu_thread_index(t, block);
                        f();
                    }
                    continue;
                }
                emu_fibers = &fibers;
                for (unsigned t = 0; t < nt; t++) {
                    ucontext_t& c = fibers.context[t];
                    getcontext(&c);
                    c.uc_stack.ss_sp = fibers.stack[t].get();
                    c.uc_stack.ss_size = EmuFibers::STACK_BYTES;
                    c.uc_link = &fibers.scheduler;
                    makecontext(&c, emu_fiber_entry, 0);
                    fibers.done[t] = 0;
                }
                for (unsigned live = nt; live > 0;) {
                    for (unsigned t = 0; t < nt; t++) {
                        if (fibers.done[t]) continue;
                        fibers.current = t;
                        threadIdx = emu_thread_index(t, block);
                        swapcontext(&fibers.scheduler, &fibers.context[t]);
                        if (fibers.done[t]) live--;
                    }
                }
                emu_fibers = nullptr;
            }
}

// The grid of a linear (grid-stride) launch, as io.cnn4j.jcuda.LaunchShape.linear.
inline dim3 linear_grid(long long n) { return dim3{(unsigned)std::min<long long>((n + 255) / 256, 1 << 16), 1, 1}; }
