package io.cnn4j.examples.cli;

import com.google.inject.Inject;
import io.cnn4j.backend.BackendSelector;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The backends registered in this installation, then {@code auto}: the candidates shown in {@code --backend}'s help. */
final class BackendNames implements Iterable<String> {
    private final BackendSelector selector;

    @Inject
    BackendNames(BackendSelector selector) { this.selector = selector; }

    @Override
    public Iterator<String> iterator() {
        List<String> names = new ArrayList<>(selector.names());
        names.add(BackendSelector.AUTO);
        return names.iterator();
    }
}
