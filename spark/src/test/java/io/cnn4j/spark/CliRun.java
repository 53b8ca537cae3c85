package io.cnn4j.spark;

import io.cnn4j.examples.cli.Cnn4j;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the cnn4j CLI in-process (with this module, so --spark works) and captures its output. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cl = Cnn4j.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new CliRun(cl.execute(args), out.toString(), err.toString());
    }

    @Override
    public String toString() { return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err; }
}
