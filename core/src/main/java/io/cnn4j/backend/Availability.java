package io.cnn4j.backend;

/** Whether a backend can run on this machine, with a human-readable reason either way. */
public record Availability(boolean available, String reason) {
    public static Availability yes(String reason) { return new Availability(true, reason); }
    public static Availability no(String reason) { return new Availability(false, reason); }
}
