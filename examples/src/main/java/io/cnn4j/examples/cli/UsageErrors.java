package io.cnn4j.examples.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Reports a command-line parse or validation error ({@link CommandLine.ParameterException}: unknown option, a value
 * that is not a number, a number out of range) as exactly one line naming the problem and where the help is,
 * {@code cnn4j denoise: Invalid value for option '--lr': 'abc' is not a double; see `cnn4j denoise --help`},
 * with exit code 2, instead of the whole usage text.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        String message = ex.getMessage() == null ? ex.toString() : ex.getMessage().replace('\n', ' ').strip();
        err.println(cmd.getColorScheme().errorText(name + ": " + message + "; see `" + name + " --help`"));
        err.flush();
        return CliErrors.USER_ERROR;
    }
}
