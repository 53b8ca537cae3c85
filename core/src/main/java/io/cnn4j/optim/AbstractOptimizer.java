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
 * Shared bookkeeping of the optimizers: named parameters, learning rate, the step counter, state export/import with
 * validation, and the parameters exempt from weight decay. Subclasses register their per-parameter buffers with
 * {@link #buffer}.
 *
 * <p>Like PyTorch, which skips a parameter whose {@code .grad} is None, every optimizer leaves a parameter untouched
 * when it is frozen ({@link Parameter#requiresGrad()} false) or its gradient is absent ({@link Parameter#hasGrad()}
 * false: no backward reached it since the last {@code zeroGrad}): no update, no momentum or Adam moment change, no
 * weight decay. As in PyTorch, the step count behind Adam's bias correction and SGD's first momentum step are kept per
 * parameter ({@link #updates}); the exported {@code step} is the optimizer's count, and a restored optimizer starts
 * every parameter's count from it.
 */
abstract class AbstractOptimizer implements Optimizer {
    protected final Map<String, Parameter> params;
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private double lr;
    protected long steps;
    private final Map<String, Long> updates = new LinkedHashMap<>();

    protected AbstractOptimizer(String who, Map<String, Parameter> params, double lr) {
        if (params == null || params.isEmpty())
            throw new IllegalArgumentException(who + ": optimizer got an empty parameter list; pass model.namedParameters()");
        if (!(lr >= 0)) throw new IllegalArgumentException(who + ": invalid learning rate: " + lr);
        this.params = new LinkedHashMap<>(params);
        this.lr = lr;
    }

    private final java.util.Set<String> noDecay = new java.util.HashSet<>();

    /**
     * Applies no weight decay to the named parameters (PyTorch's second parameter group with
     * {@code weight_decay=0}; {@link ParameterGroups#biasesAndNorms} gives the usual choice). A name the optimizer
     * does not hold throws, naming it.
     */
    public void excludeFromWeightDecay(java.util.Collection<String> names) {
        List<String> unknown = new ArrayList<>();
        for (String n : names) if (!params.containsKey(n)) unknown.add(n);
        if (!unknown.isEmpty())
            throw new IllegalArgumentException(this + ": no parameters named " + unknown + " to exclude from weight decay; known: " + params.keySet());
        noDecay.addAll(names);
    }

    /** The weight decay for parameter {@code name}: 0 when excluded, else {@code weightDecay}. */
    protected double decayFor(String name, double weightDecay) { return noDecay.contains(name) ? 0 : weightDecay; }

    /** Allocates (now, at construction) a zero state tensor shaped like {@code p}, exported as {@code name.kind}. */
    protected Tensor buffer(String name, Parameter p, String kind) {
        Tensor t = p.value().backend().zeros(p.value().dtype(), p.value().shape());
        buffers.put(name + "." + kind, t);
        return t;
    }

    /**
     * Counts one more update of parameter {@code name} and returns the new count (PyTorch's per-parameter
     * {@code state['step']}): 1 on its first update, whatever the optimizer's step count.
     */
    protected long countUpdate(String name) { return updates.merge(name, 1L, Long::sum); }

    @Override
    public void zeroGrad() {
        for (Parameter p : params.values()) p.zeroGrad();
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
        updates.clear();
        if (steps > 0) for (String name : params.keySet()) updates.put(name, steps);
    }
}
