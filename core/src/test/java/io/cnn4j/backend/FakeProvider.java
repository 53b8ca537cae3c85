package io.cnn4j.backend;

import io.cnn4j.tensor.Backend;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider for tests: fixed name, priority and availability; {@link #create()} returns a proxy Backend that only knows its name. */
class FakeProvider implements BackendProvider {
    final String name;
    final int priority;
    final Availability availability;
    final AtomicInteger availabilityCalls = new AtomicInteger();
    final AtomicInteger creations = new AtomicInteger();

    FakeProvider(String name, int priority, Availability availability) {
        this.name = name;
        this.priority = priority;
        this.availability = availability;
    }

    static FakeProvider up(String name, int priority) { return new FakeProvider(name, priority, Availability.yes(name + " ok")); }

    static FakeProvider down(String name, int priority, String reason) { return new FakeProvider(name, priority, Availability.no(reason)); }

    @Override public String name() { return name; }
    @Override public int priority() { return priority; }

    @Override public Availability availability() {
        availabilityCalls.incrementAndGet();
        return availability;
    }

    @Override public Backend create() {
        creations.incrementAndGet();
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[]{Backend.class}, (proxy, m, args) -> {
            switch (m.getName()) {
                case "name": return name;
                case "toString": return "FakeBackend(" + name + ")";
                case "hashCode": return System.identityHashCode(proxy);
                case "equals": return proxy == args[0];
                default: throw new UnsupportedOperationException("fake backend: " + m.getName());
            }
        });
    }
}
