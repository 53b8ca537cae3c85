package io.cnn4j.optim;

import io.cnn4j.nn.BatchNorm2d;
import io.cnn4j.nn.GroupNorm;
import io.cnn4j.nn.InstanceNorm2d;
import io.cnn4j.nn.LayerNorm;
import io.cnn4j.nn.Module;
import io.cnn4j.nn.Parameter;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Common splits of a model's parameters into groups that an optimizer treats differently. */
public final class ParameterGroups {
    private ParameterGroups() {}

    /**
     * The state_dict names of every bias and of every parameter of a normalisation layer (BatchNorm2d, GroupNorm,
     * LayerNorm, InstanceNorm2d): the usual group without weight decay, since decaying a scale or shift towards 0
     * only fights the normalisation. Use with {@code optimizer.excludeFromWeightDecay(...)}.
     */
    public static Set<String> biasesAndNorms(Module model) {
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, Module> m : model.namedModules().entrySet()) {
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            boolean norm = m.getValue() instanceof BatchNorm2d || m.getValue() instanceof GroupNorm
                    || m.getValue() instanceof LayerNorm || m.getValue() instanceof InstanceNorm2d;
            for (Map.Entry<String, Parameter> p : m.getValue().namedParameters().entrySet()) {
                boolean own = !p.getKey().contains(".");
                if (own && (norm || p.getKey().equals("bias"))) out.add(prefix + p.getKey());
            }
        }
        return out;
    }
}
