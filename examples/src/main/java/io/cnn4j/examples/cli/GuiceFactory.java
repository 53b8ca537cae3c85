package io.cnn4j.examples.cli;

import com.google.inject.Injector;
import picocli.CommandLine;

/**
 * Lets picocli create the CLI's own classes (commands, mixins, completion lists) through the injector, so they can
 * {@code @Inject} what they need; picocli's classes come from its default factory.
 */
final class GuiceFactory implements CommandLine.IFactory {
    private final Injector injector;

    GuiceFactory(Injector injector) { this.injector = injector; }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        if (cls.getName().startsWith("io.cnn4j.")) return injector.getInstance(cls);
        return CommandLine.defaultFactory().create(cls);
    }
}
