package io.cnn4j.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process with captured stdout/stderr, as picocli's {@code CommandLine.execute} would from main. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Cnn4j.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() { return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err; }
}
