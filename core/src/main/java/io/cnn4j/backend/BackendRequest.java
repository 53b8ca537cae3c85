package io.cnn4j.backend;

/**
 * A backend name as the user asked for it, and where the request came from (shown in messages so a user can
 * find the setting that chose a backend they did not expect).
 *
 * @param name   the lower-case backend name, or {@link BackendSelector#AUTO}
 * @param source where the name came from, e.g. "--backend argument", "system property cnn4j.backend",
 *               "file /home/u/.cnn4j/cnn4j.properties", "default"
 */
public record BackendRequest(String name, String source) {

    public boolean isAuto() { return BackendSelector.AUTO.equals(name); }

    @Override
    public String toString() { return "'" + name + "' (from " + source + ")"; }
}
