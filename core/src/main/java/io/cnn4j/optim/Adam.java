package io.cnn4j.optim;

import io.cnn4j.nn.Parameter;
import io.cnn4j.tensor.AdamUpdate;
import io.cnn4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)} (amsgrad=False), PyTorch's
 * rule with t = step count after incrementing:
 * <pre>
 *   g = grad + weight_decay·p                 (Adam: L2 added to the gradient)
 *   m = β1·m + (1-β1)·g;   v = β2·v + (1-β2)·g²
 *   p = p - (lr / (1-β1^t)) · m / (√v / √(1-β2^t) + eps)
 * </pre>
 * {@link AdamW} instead decays the weights directly: p = p·(1 - lr·weight_decay) before the same update without L2.
 * t counts the parameter's own updates: a parameter that is frozen or receives no gradient is skipped (see
 * {@link AbstractOptimizer}).
 * State: {@code <param>.exp_avg}, {@code <param>.exp_avg_sq} and {@code step}.
 */
public class Adam extends AbstractOptimizer implements MomentumOptimizer {
    private final double beta2, eps, weightDecay;
    private double beta1;
    private final boolean decoupled;
    private final Map<String, Tensor> expAvg = new LinkedHashMap<>();
    private final Map<String, Tensor> expAvgSq = new LinkedHashMap<>();

    public Adam(Map<String, Parameter> params) { this(params, 1e-3); }

    public Adam(Map<String, Parameter> params, double lr) { this(params, lr, 0.9, 0.999, 1e-8, 0); }

    public Adam(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this("Adam", params, lr, beta1, beta2, eps, weightDecay, false);
    }

    Adam(String who, Map<String, Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(who, params, lr);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException(who + ": invalid beta parameter at index 0: " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException(who + ": invalid beta parameter at index 1: " + beta2);
        if (!(eps >= 0)) throw new IllegalArgumentException(who + ": invalid epsilon value: " + eps);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException(who + ": invalid weight_decay value: " + weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        for (Map.Entry<String, Parameter> e : this.params.entrySet()) {
            expAvg.put(e.getKey(), buffer(e.getKey(), e.getValue(), "exp_avg"));
            expAvgSq.put(e.getKey(), buffer(e.getKey(), e.getValue(), "exp_avg_sq"));
        }
    }

    /** β1, the decay of the first moment. */
    @Override
    public double momentum() { return beta1; }

    /** Sets β1 (a scheduler's momentum cycling, PyTorch's {@code betas[0]}). */
    @Override
    public void setMomentum(double beta1) {
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException(this + ": invalid beta parameter at index 0: " + beta1);
        this.beta1 = beta1;
    }

    @Override
    public boolean supportsMomentum() { return true; }

    @Override
    public void step() {
        steps++;
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            if (!p.isUpdatable()) continue;
            AdamUpdate u = new AdamUpdate(lr(), beta1, beta2, eps, decayFor(e.getKey(), weightDecay), decoupled, countUpdate(e.getKey()));
            p.value().backend().adamStep(p.value(), p.grad(), expAvg.get(e.getKey()), expAvgSq.get(e.getKey()), u);
        }
    }

    @Override
    public String toString() {
        return (decoupled ? "AdamW" : "Adam") + "(lr=" + lr() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps
                + ", weight_decay=" + weightDecay + ")";
    }
}
