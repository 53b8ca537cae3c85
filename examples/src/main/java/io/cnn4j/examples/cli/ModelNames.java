package io.cnn4j.examples.cli;

import io.cnn4j.examples.models.ModelRegistry;

import java.util.Iterator;

/** The registered model names, for {@code --model} help texts and shell completion. */
final class ModelNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() { return ModelRegistry.names().iterator(); }
}
