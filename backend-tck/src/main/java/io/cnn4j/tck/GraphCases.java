package io.cnn4j.tck;

import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.Graph;
import io.cnn4j.nn.Merge;
import io.cnn4j.nn.Sequential;
import io.cnn4j.nn.Sigmoid;
import io.cnn4j.nn.Tanh;
import io.cnn4j.tensor.DType;

import java.util.ArrayList;
import java.util.List;

/**
 * Random {@link Graph} wirings for the gradient checks of the derived backward: 1–7 nodes after the input, each
 * one of
 * <ul>
 *   <li>a 3×3 convolution (padding 1) from any earlier node's channels to 1–3 channels,</li>
 *   <li>Tanh or Sigmoid of any earlier node,</li>
 *   <li>add or mul of 2–3 earlier nodes with equal channel counts (repeats allowed: {@code add(a, a)}),</li>
 *   <li>cat of 2–3 earlier nodes,</li>
 *   <li>a nested graph (conv, tanh, residual add) or a {@link Sequential} (conv, sigmoid) on any earlier node.</li>
 * </ul>
 * Every node without a consumer is joined into the output by a final cat, so every node reaches the output and
 * fan-out (a node read by several later nodes) is common. Spatial size stays fixed; inputs are
 * {@code [N, C, H, W]} with N 1–2, C 1–3, H and W 1–4. The case's description is the wiring.
 */
public final class GraphCases {
    private GraphCases() {}

    public static LayerCase graph(Draw in) {
        int n = in.between(1, 2), c0 = in.between(1, 3), h = in.between(1, 4), w = in.between(1, 4);
        int count = in.between(1, 7);
        List<int[]> plan = new ArrayList<>();      // per node: kind, then arguments
        List<Integer> channels = new ArrayList<>(List.of(c0));   // index 0 = input
        for (int i = 0; i < count; i++) {
            int avail = channels.size();
            int kind = in.between(0, 5);
            int a = in.between(0, avail - 1);
            switch (kind) {
                case 0: { int out = in.between(1, 3); plan.add(new int[]{0, a, out}); channels.add(out); break; }
                case 1: plan.add(new int[]{1, a, in.between(0, 1)}); channels.add(channels.get(a)); break;
                case 2: {                                   // add / mul with same-channel partners
                    int op = in.between(0, 1), arity = in.between(2, 3);
                    int[] spec = new int[2 + arity];
                    spec[0] = 2; spec[1] = op; spec[2] = a;
                    for (int k = 1; k < arity; k++) spec[2 + k] = sameChannels(channels, channels.get(a), in.between(0, avail - 1));
                    plan.add(spec); channels.add(channels.get(a)); break;
                }
                case 3: {
                    int arity = in.between(2, 3);
                    int[] spec = new int[1 + arity];
                    spec[0] = 3;
                    int sum = 0;
                    for (int k = 0; k < arity; k++) { spec[1 + k] = k == 0 ? a : in.between(0, avail - 1); sum += channels.get(spec[1 + k]); }
                    plan.add(spec); channels.add(sum); break;
                }
                case 4: plan.add(new int[]{4, a}); channels.add(channels.get(a)); break;
                default: { int out = in.between(1, 3); plan.add(new int[]{5, a, out}); channels.add(out); break; }
            }
        }
        List<int[]> frozen = List.copyOf(plan);
        List<Integer> ch = List.copyOf(channels);
        return new LayerCase(describe(frozen), in.dtype(), new int[]{n, c0, h, w}, in.seed(), ctx -> build(ctx, frozen, ch),
                LayerCase.InputKind.UNIFORM, false);
    }

    /** {@code pick} if it has {@code c} channels, else the first node that has (node {@code a} always qualifies). */
    private static int sameChannels(List<Integer> channels, int c, int pick) {
        if (channels.get(pick) == c) return pick;
        for (int i = 0; i < channels.size(); i++) if (channels.get(i) == c) return i;
        throw new AssertionError("no node with " + c + " channels");
    }

    private static String name(int i) { return i == 0 ? Graph.INPUT : "n" + i; }

    static Graph build(Context ctx, List<int[]> plan, List<Integer> channels) {
        Graph g = new Graph();
        boolean[] consumed = new boolean[plan.size() + 1];
        for (int i = 0; i < plan.size(); i++) {
            int[] p = plan.get(i);
            String me = name(i + 1);
            switch (p[0]) {
                case 0: g.add(me, new Conv2d(ctx, channels.get(p[1]), p[2], 3, 1, 1), name(p[1])); consumed[p[1]] = true; break;
                case 1: g.add(me, p[2] == 0 ? new Tanh() : new Sigmoid(), name(p[1])); consumed[p[1]] = true; break;
                case 2: g.add(me, p[1] == 0 ? Merge.add() : Merge.mul(), names(p, 2, consumed)); break;
                case 3: g.add(me, Merge.cat(), names(p, 1, consumed)); break;
                case 4: g.add(me, residual(ctx, channels.get(p[1])), name(p[1])); consumed[p[1]] = true; break;
                default: g.add(me, new Sequential(new Conv2d(ctx, channels.get(p[1]), p[2], 3, 1, 1), new Sigmoid()), name(p[1]));
                    consumed[p[1]] = true;
            }
        }
        List<String> sinks = new ArrayList<>();
        for (int i = 1; i <= plan.size(); i++) if (!consumed[i]) sinks.add(name(i));
        if (sinks.size() == 1) return g.output(sinks.get(0));
        return g.add("out", Merge.cat(), sinks.toArray(new String[0])).output("out");
    }

    private static String[] names(int[] p, int from, boolean[] consumed) {
        String[] s = new String[p.length - from];
        for (int k = from; k < p.length; k++) { s[k - from] = name(p[k]); consumed[p[k]] = true; }
        return s;
    }

    /** conv 3×3 (c→c) → tanh, plus the block's input. */
    private static Graph residual(Context ctx, int c) {
        return new Graph()
                .add("conv", new Conv2d(ctx, c, c, 3, 1, 1), Graph.INPUT)
                .add("act", new Tanh(), "conv")
                .add("sum", Merge.add(), "act", Graph.INPUT)
                .output("sum");
    }

    private static String describe(List<int[]> plan) {
        StringBuilder s = new StringBuilder("Graph[");
        for (int i = 0; i < plan.size(); i++) {
            int[] p = plan.get(i);
            if (i > 0) s.append("; ");
            s.append(name(i + 1)).append('=');
            switch (p[0]) {
                case 0: s.append("conv3x3->").append(p[2]).append('(').append(name(p[1])).append(')'); break;
                case 1: s.append(p[2] == 0 ? "tanh(" : "sigmoid(").append(name(p[1])).append(')'); break;
                case 2: s.append(p[1] == 0 ? "add" : "mul").append(args(p, 2)); break;
                case 3: s.append("cat").append(args(p, 1)); break;
                case 4: s.append("residual(").append(name(p[1])).append(')'); break;
                default: s.append("seq(conv->").append(p[2]).append(",sigmoid)(").append(name(p[1])).append(')');
            }
        }
        return s.append(']').toString();
    }

    private static String args(int[] p, int from) {
        StringBuilder s = new StringBuilder("(");
        for (int k = from; k < p.length; k++) s.append(k > from ? ", " : "").append(name(p[k]));
        return s.append(')').toString();
    }
}
