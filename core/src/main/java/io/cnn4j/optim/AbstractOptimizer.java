package io.cnn4j.optim;

import io.cnn4j.nn.Parameter;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared bookkeeping of the optimizers: named parameters, learning rate, the step counter, and state
 * export/import with validation. Subclasses register their per-parameter buffers with {@link #buffer}.
 */
abstract class AbstractOptimizer implements Optimizer {
    protected final Map<String, Parameter> params;
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private double lr;
    protected long steps;

    protected AbstractOptimizer(String who, Map<String, Parameter> params, double lr) {
        if (params == null || params.isEmpty())
            throw new IllegalArgumentException(who + ": optimizer got an empty parameter list; pass model.namedParameters()");
        if (!(lr >= 0)) throw new IllegalArgumentException(who + ": invalid learning rate: " + lr);
        this.params = new LinkedHashMap<>(params);
        this.lr = lr;
    }

    /** Allocates (now, at construction) a zero state tensor shaped like {@code p}, exported as {@code name.kind}. */
    protected Tensor buffer(String name, Parameter p, String kind) {
        Tensor t = p.value().backend().zeros(p.value().dtype(), p.value().shape());
        buffers.put(name + "." + kind, t);
        return t;
    }

    @Override
    public void zeroGrad() {
        for (Parameter p : params.values()) p.grad().backend().fill(p.grad(), 0.0);
    }

    @Override
    public double lr() { return lr; }

    @Override
    public void setLr(double lr) {
        if (!(lr >= 0)) throw new IllegalArgumentException(this + ": invalid learning rate: " + lr);
        this.lr = lr;
    }

    @Override
    public long stepCount() { return steps; }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>(buffers);
        Parameter any = params.values().iterator().next();
        Backend b = any.value().backend();
        out.put("step", b.fromHost(new double[]{steps}, any.value().dtype()));
        return out;
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        List<String> missing = new ArrayList<>();
        for (String k : buffers.keySet()) if (!state.containsKey(k)) missing.add(k);
        if (!state.containsKey("step")) missing.add("step");
        if (!missing.isEmpty())
            throw new IllegalArgumentException(this + ": optimizer state is missing " + missing + "; was it saved from the same optimizer and model?");
        List<String> unexpected = new ArrayList<>();
        for (String k : state.keySet()) if (!k.equals("step") && !buffers.containsKey(k)) unexpected.add(k);
        if (!unexpected.isEmpty())
            throw new IllegalArgumentException(this + ": optimizer state has unexpected entries " + unexpected + "; was it saved from the same optimizer and model?");
        for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (!Arrays.equals(src.shape(), e.getValue().shape()))
                throw new IllegalArgumentException(this + ": optimizer state '" + e.getKey() + "' has shape " + Shapes.str(src.shape())
                        + ", expected " + Shapes.str(e.getValue().shape()));
        }
        Tensor stepT = state.get("step");
        if (stepT.numel() != 1) throw new IllegalArgumentException(this + ": optimizer state 'step' must be a scalar, got shape " + Shapes.str(stepT.shape()));
        double s = stepT.item();
        if (!(s >= 0) || s != Math.rint(s)) throw new IllegalArgumentException(this + ": optimizer state 'step' must be a non-negative integer, got " + s);
        for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
            Tensor dst = e.getValue();
            Tensor src = state.get(e.getKey());
            Backend b = dst.backend();
            Tensor moved = src.backend() == b ? src : b.fromHost(src.toDoubleArray(), dst.dtype(), dst.shape());
            if (moved.dtype() != dst.dtype()) moved = b.cast(moved, dst.dtype());
            b.copy(moved, dst);
        }
        steps = (long) s;
    }
}
