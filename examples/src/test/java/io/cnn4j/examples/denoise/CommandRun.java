package io.cnn4j.examples.denoise;

import io.cnn4j.examples.cli.Cnn4j;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs one {@code cnn4j} subcommand in-process, exactly as {@code main} would, and captures its exit code, stdout and stderr. */
record CommandRun(int exitCode, String out, String err) {
    static CommandRun of(String command, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Cnn4j.commandLine();
        cl.setOverwrittenOptionsAllowed(true); // tests append overrides to a base argument list
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
