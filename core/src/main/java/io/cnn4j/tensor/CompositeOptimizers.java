package io.cnn4j.tensor;

/**
 * The fused optimizer updates of {@link Backend}, written once on the primitives: their definitions. A backend that
 * overrides {@link Backend#adamStep} for speed must produce the same values (the conformance kit compares them,
 * FLOAT64 within 1e-12 and FLOAT32 within 1e-5 normwise relative error).
 */
public final class CompositeOptimizers {
    private CompositeOptimizers() {}

    /**
     * One Adam/AdamW update of one parameter, in place (PyTorch's rule):
     * <pre>
     *   p = p·(1 - lr·wd)                          (AdamW only)
     *   g = grad + wd·p                            (Adam only)
     *   m = β1·m + (1-β1)·g;   v = β2·v + (1-β2)·g²
     *   p = p - (lr / (1-β1^t)) · m / (√v / √(1-β2^t) + eps)
     * </pre>
     * {@code param}, {@code grad}, {@code expAvg} and {@code expAvgSq} have one shape and dtype; the last two are the
     * optimizer state, updated in place.
     */
    public static void adamStep(Backend b, Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, AdamUpdate u) {
        checkAdam(b, param, grad, expAvg, expAvgSq);
        Tensor g = grad;
        if (u.weightDecay() != 0) {
            if (u.decoupled()) b.copy(param.mul(1 - u.lr() * u.weightDecay()), param);
            else g = g.add(param.mul(u.weightDecay()));
        }
        b.copy(expAvg.mul(u.beta1()).add(g.mul(1 - u.beta1())), expAvg);
        b.copy(expAvgSq.mul(u.beta2()).add(g.mul(g).mul(1 - u.beta2())), expAvgSq);
        Tensor denom = expAvgSq.apply(UnaryOp.SQRT).div(u.biasCorrection2Sqrt()).add(u.eps());
        b.axpy(-u.stepSize(), expAvg.div(denom), param);
    }

    /** Validates an {@link Backend#adamStep} call: one backend, one dtype, one shape for all four tensors. */
    public static void checkAdam(Backend b, Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq) {
        Shapes.requireCompatible("adamStep", b, param, grad, expAvg, expAvgSq);
        Shapes.requireSameShape("adamStep", param, grad);
        Shapes.requireSameShape("adamStep", param, expAvg);
        Shapes.requireSameShape("adamStep", param, expAvgSq);
    }
}
