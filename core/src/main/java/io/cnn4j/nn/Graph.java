package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module wired as a directed acyclic graph of named nodes, with a derived backward pass (the role of a PyTorch
 * {@code nn.Module} whose {@code forward} uses skips, DL4J's {@code ComputationGraph} or a functional Keras model).
 *
 * <p>Wiring: the graph has one input node named {@link #INPUT}. {@link #add(String, Module, String)} adds a node
 * that applies a module to one earlier node; {@link #add(String, Merge, String...)} adds a node that combines two
 * or more earlier nodes ({@link Merge#add()}, {@link Merge#cat()}, {@link Merge#mul()}). A node may feed any number
 * of later nodes (fan-out). {@link #output(String)} names the output node and completes the graph. Because a node
 * can only consume nodes added before it, insertion order is a topological order and cycles cannot be built.
 *
 * <p>Passes:
 * <ul>
 *   <li>{@link #forward} evaluates the nodes in insertion order.</li>
 *   <li>{@link #backward} visits them in reverse, calls each module's and merge's backward exactly once with the
 *       sum of the gradients of every consumer (summed in the order consumers were visited), and returns the
 *       gradient at the input.</li>
 * </ul>
 * Every node must reach the output and the input must be used, so every backward runs on every step; a module
 * instance may appear at one node only (its forward cache belongs to that node), so share weights by wiring one
 * node to several consumers instead. Graphs and {@link Sequential}s nest as ordinary modules.
 *
 * <p>State dict names are node names: a node {@code enc1} holding a {@code Conv2d} contributes {@code enc1.weight}
 * and {@code enc1.bias}; a nested graph or Sequential adds its own names below ({@code block1.conv1.weight},
 * {@code head.0.weight}), as the attributes of a PyTorch module would. Node names are non-empty and contain no
 * {@code '.'}.
 */
public class Graph extends Module {
    /** The name of the graph's input node. */
    public static final String INPUT = "input";

    private record Node(String name, Module module, Merge merge, int[] inputs) {}

    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<Object, String> owners = new IdentityHashMap<>();
    private int output = -2;
    private int[] outputShape;

    /** A node {@code name} computing {@code module.forward(input)}; returns this. */
    public Graph add(String name, Module module, String input) {
        if (module == null) throw new IllegalArgumentException(this + ": node '" + name + "' has a null module");
        if (module == this) throw new IllegalArgumentException(this + ": node '" + name + "' cannot contain the graph itself");
        return addNode(new Node(name, module, null, resolve(name, new String[]{input})));
    }

    /** A node {@code name} computing {@code merge.forward(inputs)} (two or more inputs, repeats allowed); returns this. */
    public Graph add(String name, Merge merge, String... inputs) {
        if (merge == null) throw new IllegalArgumentException(this + ": node '" + name + "' has a null merge");
        if (inputs.length < 2)
            throw new IllegalArgumentException(this + ": merge node '" + name + "' needs at least 2 inputs, got " + inputs.length);
        return addNode(new Node(name, null, merge, resolve(name, inputs)));
    }

    /**
     * Names the output node and completes the graph (no node can be added afterwards). Throws if a node does not
     * reach the output or the input is unused: such a node would run forward but never backward.
     */
    public Graph output(String name) {
        requireOpen(name);
        Integer o = index.get(name);
        if (o == null) throw new IllegalArgumentException(this + ": output '" + name + "' is not a node; nodes: " + index.keySet());
        boolean[] live = new boolean[nodes.size() + 1];   // slot 0 = the input
        live[o + 1] = true;
        for (int i = o; i >= 0; i--)
            if (live[i + 1]) for (int in : nodes.get(i).inputs()) live[in + 1] = true;
        for (int i = 0; i < nodes.size(); i++)
            if (!live[i + 1])
                throw new IllegalArgumentException(this + ": node '" + nodes.get(i).name() + "' does not reach the output '" + name
                        + "'; connect it or remove it");
        if (!live[0]) throw new IllegalArgumentException(this + ": the output '" + name + "' does not depend on '" + INPUT + "'");
        output = o;
        return this;
    }

    /** The node names in insertion (topological) order, without {@link #INPUT}. */
    public List<String> nodeNames() {
        List<String> names = new ArrayList<>(nodes.size());
        for (Node n : nodes) names.add(n.name());
        return names;
    }

    /** The module at node {@code name}. */
    public Module module(String name) {
        Integer i = index.get(name);
        if (i == null || nodes.get(i).module() == null) throw new IllegalArgumentException(this + ": no module node named '" + name + "'");
        return nodes.get(i).module();
    }

    @Override
    public Tensor forward(Tensor x) { return forward(x, (name, m, in) -> m.forward(in), (name, merge, out) -> { }); }

    /** Runs one module node (Summary records each node's output through this). */
    interface NodeRunner { Tensor run(String name, Module module, Tensor input); }

    /** Sees each merge node's output. */
    interface MergeObserver { void merged(String name, Merge merge, Tensor output); }

    /** {@link #forward(Tensor)} with the module nodes run by {@code runner} and merge outputs reported to {@code observer}. */
    Tensor forward(Tensor x, NodeRunner runner, MergeObserver observer) {
        requireComplete();
        Tensor[] values = new Tensor[nodes.size()];
        for (int i = 0; i <= output; i++) {
            Node n = nodes.get(i);
            if (n.module() != null) {
                values[i] = runner.run(n.name(), n.module(), value(values, x, n.inputs()[0]));
            } else {
                List<Tensor> ins = new ArrayList<>(n.inputs().length);
                for (int in : n.inputs()) ins.add(value(values, x, in));
                values[i] = n.merge().forward(ins);
                observer.merged(n.name(), n.merge(), values[i]);
            }
        }
        if (recording()) outputShape = values[output].shape();
        return values[output];
    }

    @Override
    public Tensor backward(Tensor dY) {
        requireComplete();
        Checks.requireGrad(this, dY, outputShape);
        Tensor[] grads = new Tensor[nodes.size()];
        Tensor[] inputGrad = new Tensor[1];
        grads[output] = dY;
        for (int i = output; i >= 0; i--) {
            Node n = nodes.get(i);
            Tensor g = grads[i];
            grads[i] = null;
            if (n.module() != null) {
                accumulate(grads, inputGrad, n.inputs()[0], n.module().backward(g));
            } else {
                List<Tensor> gs = n.merge().backward(g);
                for (int k = 0; k < n.inputs().length; k++) accumulate(grads, inputGrad, n.inputs()[k], gs.get(k));
            }
        }
        return inputGrad[0];
    }

    private static Tensor value(Tensor[] values, Tensor x, int in) { return in < 0 ? x : values[in]; }

    private static void accumulate(Tensor[] grads, Tensor[] inputGrad, int to, Tensor g) {
        Tensor[] slot = to < 0 ? inputGrad : grads;
        int k = to < 0 ? 0 : to;
        slot[k] = slot[k] == null ? g : slot[k].add(g);
    }

    private Graph addNode(Node n) {
        requireOpen(n.name());
        if (INPUT.equals(n.name()) || index.containsKey(n.name()))
            throw new IllegalArgumentException(this + ": a node named '" + n.name() + "' exists already; node names are unique");
        Object part = n.module() != null ? n.module() : n.merge();
        String owner = owners.get(part);
        if (owner != null)
            throw new IllegalArgumentException(this + ": node '" + n.name() + "' reuses the " + part + " of node '" + owner
                    + "'; one module or merge instance per node (to share weights, feed one node to several consumers)");
        if (n.module() != null) addModule(n.name(), n.module());
        else if (n.name() == null || n.name().isEmpty() || n.name().contains("."))
            throw new IllegalArgumentException(this + ": invalid node name '" + n.name() + "' (non-empty, no '.')");
        owners.put(part, n.name());
        index.put(n.name(), nodes.size());
        nodes.add(n);
        return this;
    }

    private int[] resolve(String name, String[] inputs) {
        int[] ids = new int[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            if (INPUT.equals(inputs[k])) { ids[k] = -1; continue; }
            Integer i = index.get(inputs[k]);
            if (i == null)
                throw new IllegalArgumentException(this + ": node '" + name + "' reads '" + inputs[k] + "', which is not an earlier node;"
                        + " add nodes after their inputs (known: " + INPUT + (index.isEmpty() ? "" : ", " + String.join(", ", nodeNames())) + ")");
            ids[k] = i;
        }
        return ids;
    }

    private void requireOpen(String name) {
        if (output >= 0)
            throw new IllegalStateException(this + ": the graph is complete (output() was called); cannot add or set '" + name + "'");
    }

    private void requireComplete() {
        if (output < 0) throw new IllegalStateException(this + ": no output node; call output(name) after wiring the nodes");
    }

    /** The wiring, one node per line: {@code (name): Module <- input} or {@code (name): add <- a, b}. */
    public String describe() {
        StringBuilder s = new StringBuilder(getClass().getSimpleName()).append("(");
        for (Node n : nodes) {
            String[] ins = new String[n.inputs().length];
            for (int k = 0; k < ins.length; k++) ins[k] = n.inputs()[k] < 0 ? INPUT : nodes.get(n.inputs()[k]).name();
            String what = (n.module() != null ? n.module().toString() : n.merge().toString()).replace("\n", "\n  ");
            s.append("\n  (").append(n.name()).append("): ").append(what).append(" <- ").append(String.join(", ", Arrays.asList(ins)));
        }
        if (output >= 0) s.append("\n  output: ").append(nodes.get(output).name());
        return s.append("\n)").toString();
    }

    @Override
    public String toString() { return "Graph(" + nodes.size() + " nodes)"; }
}
