package io.cnn4j.nn;

/**
 * PyTorch's {@code torch.inference_mode()}: while a thread has one open, the forward passes it runs record nothing
 * for backward, so one model can serve several threads at once.
 *
 * <pre>{@code
 * model.eval();
 * try (InferenceMode mode = InferenceMode.enter()) {
 *     Tensor y = model.forward(x);
 * }
 * }</pre>
 *
 * <p>Contract:
 * <ul>
 *   <li>The mode belongs to the thread that entered it (a thread-local; scopes nest) and is closed by that thread.</li>
 *   <li>Inside it, {@link Module#forward} writes no field of any module: it keeps no input, mask, argmax or statistic
 *       for backward, and builds any size-dependent helper afresh instead of caching it. Several threads may therefore
 *       run {@code forward} on one model at the same time, each with its own input, and each gets exactly the result
 *       of a single-threaded call, provided the model is in eval mode ({@link Module#eval()}): in training mode
 *       BatchNorm still updates its running statistics and Dropout still draws masks from its generator, as in
 *       PyTorch, and those updates are not synchronised.</li>
 *   <li>A {@code backward} needs a forward run outside the mode: after inference forwards only, it fails with an
 *       {@link IllegalStateException} saying so. (A module's backward always belongs to its last recorded forward.)</li>
 *   <li>The backend must allow concurrent reads of one tensor (the parameters) from several threads, which every
 *       bundled backend does (the conformance kit checks it).</li>
 * </ul>
 */
public final class InferenceMode implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private InferenceMode() { DEPTH.get()[0]++; }

    /** Enters inference mode on the calling thread until {@link #close()}. */
    public static InferenceMode enter() { return new InferenceMode(); }

    /** Whether the calling thread is in inference mode. */
    public static boolean isEnabled() { return DEPTH.get()[0] > 0; }

    /** Leaves this scope (idempotent); must be called by the thread that entered it. */
    @Override
    public void close() {
        if (closed) return;
        if (Thread.currentThread() != owner)
            throw new IllegalStateException("InferenceMode: closed by thread '" + Thread.currentThread().getName() + "' but entered by '"
                    + owner.getName() + "'; close it on the thread that entered it (try-with-resources does)");
        closed = true;
        DEPTH.get()[0]--;
    }
}
