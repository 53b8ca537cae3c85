package io.cnn4j.backend;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import io.cnn4j.tensor.Backend;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class BackendModuleTest {

    private static ProviderDiscovery fakes() {
        Map<String, BackendProvider> m = new LinkedHashMap<>();
        m.put("reference", FakeProvider.up("reference", 100));
        m.put("nd4j", FakeProvider.up("nd4j", 200));
        m.put("jcuda", FakeProvider.down("jcuda", 300, "no CUDA driver (libcuda.so.1 not found)"));
        return new ProviderDiscovery(m, List.of());
    }

    @Test
    void providersAreBoundInAMapBinderByName() {
        Injector inj = Guice.createInjector(new BackendModule(null, fakes(), SelectionSources.none()));
        Map<String, BackendProvider> map = inj.getInstance(Key.get(new TypeLiteral<Map<String, BackendProvider>>() {}));
        assertEquals(List.of("reference", "nd4j", "jcuda"), List.copyOf(map.keySet()));
    }

    @Test
    void injectedBackendIsTheExplicitChoiceAndASingleton() {
        Injector inj = Guice.createInjector(new BackendModule("reference", fakes(), SelectionSources.none()));
        Backend b = inj.getInstance(Backend.class);
        assertEquals("reference", b.name());
        assertSame(b, inj.getInstance(Backend.class));
        assertEquals(new BackendRequest("reference", "--backend argument"), inj.getInstance(BackendRequest.class));
    }

    @Test
    void injectedBackendFollowsSourcesThenAuto() {
        SelectionSources env = new SelectionSources(k -> null, k -> k.equals("CNN4J_BACKEND") ? "reference" : null, List.of());
        assertEquals("reference", Guice.createInjector(new BackendModule(null, fakes(), env)).getInstance(Backend.class).name());
        assertEquals("nd4j", Guice.createInjector(new BackendModule(null, fakes(), SelectionSources.none())).getInstance(Backend.class).name());
    }

    @Test
    void unavailableChoiceSurfacesTheClearMessage() {
        Injector inj = Guice.createInjector(new BackendModule("jcuda", fakes(), SelectionSources.none()));
        ProvisionException pe = assertThrows(ProvisionException.class, () -> inj.getInstance(Backend.class));
        RuntimeException clear = Backends.unwrap(pe);
        assertInstanceOf(BackendSelectionException.class, clear);
        assertTrue(clear.getMessage().contains("jcuda") && clear.getMessage().contains("libcuda.so.1 not found"), clear.getMessage());
    }

    @Test
    void otherModulesCanContributeProviders() {
        Injector inj = Guice.createInjector(new BackendModule("extra", fakes(), SelectionSources.none()), new com.google.inject.AbstractModule() {
            @Override protected void configure() {
                com.google.inject.multibindings.MapBinder.newMapBinder(binder(), String.class, BackendProvider.class)
                        .addBinding("extra").toInstance(FakeProvider.up("extra", 10));
            }
        });
        assertEquals("extra", inj.getInstance(Backend.class).name());
    }

    @Test
    void serviceLoaderDiscoveryFindsNothingInCoreAlone() {
        // core has no provider registered: discovery is empty and auto fails naming the artifact to add.
        ProviderDiscovery d = ProviderDiscovery.load();
        assertTrue(d.providers().isEmpty(), d.providers().toString());
        BackendSelector s = new BackendSelector(d.providers(), SelectionSources.none(), d.problems());
        BackendSelectionException e = assertThrows(BackendSelectionException.class, () -> s.select(null));
        assertEquals("No backend is available for 'auto' (from default).\n"
                + "No backend is on the class path: add one, e.g. the Maven artifact io.cnn4j:cnn4j-backend-cpu-reference"
                + " (pure Java, runs everywhere)", e.getMessage());
    }
}
