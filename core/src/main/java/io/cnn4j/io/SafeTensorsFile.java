package io.cnn4j.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of one safetensors file: named host tensors in header order and the optional string→string
 * {@code __metadata__} (empty when absent).
 */
public record SafeTensorsFile(Map<String, HostTensor> tensors, Map<String, String> metadata) {

    public SafeTensorsFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The tensor called {@code name}; throws naming the available tensors when absent. */
    public HostTensor tensor(String name) {
        HostTensor t = tensors.get(name);
        if (t == null) throw new IllegalArgumentException("no tensor '" + name + "' in file; it has " + tensors.keySet());
        return t;
    }

    /** Whether a tensor called {@code name} is present. */
    public boolean has(String name) { return tensors.containsKey(name); }
}
