package io.cnn4j.backend;

/** One known backend as {@link BackendSelector} sees it: its name, its {@code auto} priority and whether it can run here. */
public record BackendStatus(String name, int priority, Availability availability) {

    public boolean available() { return availability.available(); }

    /** One aligned line, e.g. {@code "jcuda      priority 300  unavailable — no CUDA driver (libcuda.so.1 not found)"}. */
    public String describe() {
        return String.format("%-10s priority %3d  %s — %s", name, priority,
                available() ? "available" : "unavailable", availability.reason());
    }
}
