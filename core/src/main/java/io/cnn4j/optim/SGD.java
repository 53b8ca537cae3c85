package io.cnn4j.optim;

import io.cnn4j.nn.Parameter;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code torch.optim.SGD(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False)}, PyTorch's rule:
 * <pre>
 *   g = grad + weight_decay·p
 *   if momentum ≠ 0:  buf = g on the first step, else buf = momentum·buf + (1-dampening)·g
 *                     g = nesterov ? g + momentum·buf : buf
 *   p = p - lr·g
 * </pre>
 * "The first step" is the parameter's first update: a parameter that is frozen or receives no gradient is skipped
 * (see {@link AbstractOptimizer}). State: {@code <param>.momentum_buffer} (only with momentum) and {@code step}.
 */
public class SGD extends AbstractOptimizer implements MomentumOptimizer {
    private final double dampening, weightDecay;
    private double momentum;
    private final boolean nesterov;
    private final Map<String, Tensor> momentumBuffers = new LinkedHashMap<>();

    public SGD(Map<String, Parameter> params, double lr) { this(params, lr, 0, 0, 0, false); }

    public SGD(Map<String, Parameter> params, double lr, double momentum) { this(params, lr, momentum, 0, 0, false); }

    public SGD(Map<String, Parameter> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super("SGD", params, lr);
        if (!(momentum >= 0)) throw new IllegalArgumentException("SGD: invalid momentum value: " + momentum);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("SGD: invalid weight_decay value: " + weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new IllegalArgumentException("SGD: Nesterov momentum requires a momentum and zero dampening");
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        if (momentum != 0)
            for (Map.Entry<String, Parameter> e : this.params.entrySet())
                momentumBuffers.put(e.getKey(), buffer(e.getKey(), e.getValue(), "momentum_buffer"));
    }

    @Override
    public double momentum() { return momentum; }

    /** Changes the momentum (a scheduler's cycling); only for an SGD constructed with a momentum, which has its buffers. */
    @Override
    public void setMomentum(double momentum) {
        if (!supportsMomentum())
            throw new IllegalStateException(this + ": momentum cannot be set on an SGD constructed without momentum (it has no"
                    + " momentum buffers); construct it with a momentum, e.g. new SGD(params, lr, 0.9)");
        if (!(momentum >= 0)) throw new IllegalArgumentException("SGD: invalid momentum value: " + momentum);
        this.momentum = momentum;
    }

    @Override
    public boolean supportsMomentum() { return !momentumBuffers.isEmpty(); }

    @Override
    public void step() {
        double lr = lr();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            if (!p.isUpdatable()) continue;
            long updates = countUpdate(e.getKey());
            Backend b = p.value().backend();
            Tensor g = p.grad();
            double wd = decayFor(e.getKey(), weightDecay);
            if (wd != 0) g = g.add(p.value().mul(wd));
            if (momentum != 0) {
                Tensor buf = momentumBuffers.get(e.getKey());
                if (updates == 1) b.copy(g, buf);
                else b.copy(buf.mul(momentum).add(g.mul(1 - dampening)), buf);
                g = nesterov ? g.add(buf.mul(momentum)) : buf;
            }
            b.axpy(-lr, g, p.value());
        }
        steps++;
    }

    @Override
    public String toString() {
        return "SGD(lr=" + lr() + ", momentum=" + momentum + ", dampening=" + dampening + ", weight_decay=" + weightDecay
                + ", nesterov=" + nesterov + ")";
    }
}
