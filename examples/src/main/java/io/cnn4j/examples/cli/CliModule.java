package io.cnn4j.examples.cli;

import com.google.inject.AbstractModule;
import io.cnn4j.backend.BackendModule;

/**
 * The CLI's composition root: one injector per command line binds the backend selection ({@link BackendModule},
 * fed the parsed {@code --backend} through {@link BackendChoice}) and creates every command, mixin and
 * completion list ({@link GuiceFactory}), so every command obtains its backend and selector the same way.
 */
final class CliModule extends AbstractModule {
    private final BackendChoice choice = new BackendChoice();

    @Override
    protected void configure() {
        bind(BackendChoice.class).toInstance(choice);
        install(BackendModule.deferred(choice::name));
    }
}
