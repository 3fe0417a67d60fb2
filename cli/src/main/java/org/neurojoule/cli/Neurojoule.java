package org.neurojoule.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.neurojoule.layer.Hint;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code neurojoule} command. Exit codes: 0 on success, 2 for a usage error (an unknown option,
 * a bad option value), 1 for any other failure; either prints one line on standard error, and a
 * stack trace only with {@code --verbose}.
 */
@Command(
    name = "neurojoule",
    mixinStandardHelpOptions = true,
    versionProvider = Neurojoule.Version.class,
    description =
        "Estimates the energy per inference of neural networks on CPUs, GPUs and"
            + " neuromorphic chips.",
    subcommands = {
      SummaryCommand.class,
      CompareCommand.class,
      DevicesCommand.class,
      CalibrateCommand.class,
      ValidateCommand.class,
      CommandLine.HelpCommand.class,
      AutoComplete.GenerateCompletion.class
    })
public final class Neurojoule implements Callable<Integer> {
  @Spec CommandSpec spec;

  private Neurojoule() {}

  /**
   * Runs the command and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    // UTF-8 whatever the platform, so JSON and names with any character come out intact.
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
            true);
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
            true);
    System.exit(run(out, err, args));
  }

  /**
   * {@return the exit code of running the command line {@code args}, printing to {@code out} and
   * {@code err}}
   *
   * @param out standard output
   * @param err standard error
   * @param args the command line
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Neurojoule());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(Neurojoule::usageError);
    cl.setExecutionExceptionHandler((e, command, parsed) -> failure(e, err, verbose(parsed)));
    // The library's errors and notes name this tool's options rather than Java calls.
    Hint.Audience before = Hint.speakTo(Hint.Audience.CLI);
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError | StackOverflowError e) {
      return failure(e, err, false);
    } finally {
      Hint.speakTo(before);
      out.flush();
      err.flush();
    }
  }

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "a command is needed: summary, compare or devices");
  }

  private static int usageError(ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println(
        "neurojoule: "
            + Errors.oneLine(message(e))
            + " (see '"
            + e.getCommandLine().getCommandSpec().qualifiedName()
            + " --help')");
    return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
  }

  /**
   * {@return the message of a usage error; for an unknown command or option, with the closest valid
   * ones: {@code unknown command 'sumary'; did you mean 'summary'?}}
   */
  private static String message(ParameterException e) {
    if (!(e instanceof UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
      return e.getMessage();
    }
    String first = u.getUnmatched().get(0);
    CommandSpec command = u.getCommandLine().getCommandSpec();
    List<String> suggestions = u.getSuggestions();
    String message;
    if (u.isUnknownOption()) {
      message = "unknown option '" + first + "'";
    } else if (!command.subcommands().isEmpty()) {
      message = "unknown command '" + first + "'";
      if (suggestions.isEmpty()) {
        return message + "; the commands are summary, compare and devices";
      }
    } else {
      return e.getMessage();
    }
    return suggestions.isEmpty()
        ? message
        : message
            + "; did you mean "
            + suggestions.stream()
                .limit(3)
                .map(x -> "'" + x + "'")
                .collect(Collectors.joining(" or "))
            + "?";
  }

  private static int failure(Throwable e, PrintWriter err, boolean verbose) {
    if (e instanceof ParameterException p) { // a check made after parsing, such as --dt's
      return usageError(p, new String[0]);
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.println("neurojoule: " + Errors.describe(e));
    return 1;
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** The project's version, from the resource Maven fills in. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in =
          Neurojoule.class.getResourceAsStream("/neurojoule-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"neurojoule " + p.getProperty("version", "(unknown version)")};
    }
  }
}
