package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer or a composition of layers with an explicit forward and backward pass (no autograd).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #forward(Tensor)} computes the output and caches what {@link #backward(Tensor)} needs, unless the
 *       calling thread is in {@link InferenceMode}: then it writes no field at all (implementations compute into
 *       locals and store their cache only when {@link #recording()}), so one model serves several threads.</li>
 *   <li>{@link #backward(Tensor)} takes dL/dY for the most recent forward, returns dL/dX and <em>adds</em>
 *       dL/dθ into each parameter with {@link Parameter#accumulateGrad} (so gradients accumulate until {@link #zeroGrad()}, and a
 *       parameter whose backward did not run keeps an absent gradient that optimizers skip).</li>
 *   <li>{@link #namedParameters()} and {@link #stateDict()} use PyTorch state_dict names ({@code 0.weight},
 *       {@code 3.running_mean}), so checkpoints move both ways.</li>
 *   <li>Bad input throws {@link IllegalArgumentException} naming the layer, the expected and the actual shape.</li>
 * </ul>
 */
public abstract class Module {
    private boolean training = true;

    public abstract Tensor forward(Tensor x);

    /**
     * Whether a forward on the calling thread should keep what backward needs: false inside {@link InferenceMode}.
     * A forward stores its backward cache (and any lazily built helper) only when this is true.
     */
    protected static boolean recording() { return !InferenceMode.isEnabled(); }

    public abstract Tensor backward(Tensor gradOutput);

    /** This module's own parameters (not its children's), in a fixed order. */
    protected List<Parameter> ownParameters() { return List.of(); }

    /** For {@link #ownParameters()}: the given parameters in order, without the absent (null) optional ones. */
    protected static List<Parameter> present(Parameter... parameters) {
        List<Parameter> ps = new ArrayList<>(parameters.length);
        for (Parameter p : parameters) if (p != null) ps.add(p);
        return ps;
    }

    /** This module's own non-trainable state (e.g. BatchNorm running statistics), by local name. */
    protected Map<String, Tensor> ownBuffers() { return Map.of(); }

    private final Map<String, Module> registered = new LinkedHashMap<>();

    /**
     * Registers a child under a local name (PyTorch's {@code add_module}), so its parameters and buffers appear in
     * {@link #namedParameters()} and {@link #stateDict()} as {@code name.weight} and it follows {@link #train()} /
     * {@link #eval()}. Composite modules with an explicit forward/backward call this in their constructor
     * ({@link Graph} does it for every module node). Returns {@code child}.
     */
    protected final <M extends Module> M addModule(String name, M child) {
        if (name == null || name.isEmpty() || name.contains("."))
            throw new IllegalArgumentException(getClass().getSimpleName() + ".addModule: invalid child name '" + name + "' (non-empty, no '.')");
        if (registered.putIfAbsent(name, child) != null)
            throw new IllegalArgumentException(getClass().getSimpleName() + ".addModule: a child named '" + name + "' exists already");
        return child;
    }

    /** Child modules by local name, in registration order (Sequential uses "0", "1", ...). */
    protected Map<String, Module> children() { return java.util.Collections.unmodifiableMap(registered); }

    /** All parameters of this module and its descendants, keyed by dotted state_dict name. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Parameter> out) {
        for (Parameter p : ownParameters()) out.put(prefix + p.name(), p);
        for (Map.Entry<String, Module> c : children().entrySet()) c.getValue().collectParameters(prefix + c.getKey() + ".", out);
    }

    /** All parameters as a list, in {@link #namedParameters()} order. */
    public final List<Parameter> parameters() { return new ArrayList<>(namedParameters().values()); }

    /** Parameters and buffers by state_dict name, in PyTorch order (a module's parameters, then its buffers, then children). */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        for (Parameter p : ownParameters()) out.put(prefix + p.name(), p.value());
        for (Map.Entry<String, Tensor> b : ownBuffers().entrySet()) out.put(prefix + b.getKey(), b.getValue());
        for (Map.Entry<String, Module> c : children().entrySet()) c.getValue().collectState(prefix + c.getKey() + ".", out);
    }

    /**
     * PyTorch's {@code requires_grad_(flag)} on every parameter of this module and its descendants: {@code false}
     * freezes them (optimizers and {@code ClipGrad} skip them), e.g. a pretrained backbone. Returns this.
     */
    public Module requiresGrad(boolean flag) {
        for (Parameter p : parameters()) p.requiresGrad(flag);
        return this;
    }

    /** This module ({@code ""}) and all its descendants by dotted name, in {@link #stateDict()} order (PyTorch's named_modules). */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", this, out);
        return out;
    }

    private static void collectModules(String name, Module m, Map<String, Module> out) {
        out.put(name, m);
        for (Map.Entry<String, Module> c : m.children().entrySet())
            collectModules(name.isEmpty() ? c.getKey() : name + "." + c.getKey(), c.getValue(), out);
    }

    /** Zeros every parameter gradient and marks it absent ({@link Parameter#zeroGrad()}), so a step skips what the next backward does not reach. */
    public void zeroGrad() {
        for (Parameter p : parameters()) p.zeroGrad();
    }

    /** Training mode (the default): BatchNorm uses batch statistics and updates running ones. */
    public Module train() { setTraining(true); return this; }

    /** Evaluation mode: BatchNorm uses running statistics. */
    public Module eval() { setTraining(false); return this; }

    private void setTraining(boolean t) {
        training = t;
        for (Module c : children().values()) c.setTraining(t);
    }

    public final boolean isTraining() { return training; }

    /** Short description in PyTorch's repr style, e.g. {@code Conv2d(3, 64, kernel_size=(2, 2), stride=(2, 2))}. */
    @Override
    public String toString() { return getClass().getSimpleName() + "()"; }
}
