package io.cnn4j.examples.denoise;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a picocli command in-process and captures its exit code, stdout and stderr. */
record CommandRun(int exitCode, String out, String err) {
    static CommandRun of(Object command, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOverwrittenOptionsAllowed(true); // tests append overrides to a base argument list
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
