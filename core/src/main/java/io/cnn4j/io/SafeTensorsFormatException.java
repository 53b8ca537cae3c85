package io.cnn4j.io;

import java.io.IOException;

/**
 * A file that is not a valid safetensors file (or uses a dtype cnn4j cannot read). The message names the file,
 * the offending tensor when there is one, what was expected and what was found.
 */
public class SafeTensorsFormatException extends IOException {
    public SafeTensorsFormatException(String message) { super(message); }

    public SafeTensorsFormatException(String message, Throwable cause) { super(message, cause); }
}
