package io.cnn4j.examples.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The models known to {@code --model}. To add one, implement {@link ModelSpec} and list it in {@link #BUILT_IN}.
 */
public final class ModelRegistry {
    private ModelRegistry() {}

    private static final List<ModelSpec> BUILT_IN = List.of(new SeedNetSpec(), UNetSpec.unet(), UNetSpec.wideUnet());

    private static final Map<String, ModelSpec> BY_NAME = new LinkedHashMap<>();
    static {
        for (ModelSpec m : BUILT_IN)
            if (BY_NAME.put(m.name(), m) != null) throw new IllegalStateException("ModelRegistry: duplicate model name '" + m.name() + "'");
    }

    /** All registered models, in listing order. */
    public static List<ModelSpec> all() { return List.copyOf(BY_NAME.values()); }

    /** The names, for help texts and error messages. */
    public static List<String> names() { return List.copyOf(BY_NAME.keySet()); }

    /**
     * The model called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the unknown model and listing the known ones
     */
    public static ModelSpec get(String name) {
        ModelSpec m = name == null ? null : BY_NAME.get(name.trim().toLowerCase(Locale.ROOT));
        if (m == null) throw new IllegalArgumentException("unknown model '" + name + "'; known models: " + String.join(", ", names()));
        return m;
    }
}
