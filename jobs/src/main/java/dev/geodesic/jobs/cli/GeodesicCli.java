package dev.geodesic.jobs.cli;

import dev.geodesic.jobs.InvalidInputException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The single entry point: {@code geodesic <command> [options]}, locally through {@code ./geodesic}
 * or after the jar under {@code spark-submit}. Exit status: 0 success; 2 bad usage or bad input (one
 * line {@code error: …} on stderr, nothing written); 3 Spark or its cluster could not start the run
 * ({@link dev.geodesic.jobs.EnvironmentException}: one {@code error:} line, nothing written); 1
 * internal failure, with the cause.
 */
@Command(name = "geodesic", mixinStandardHelpOptions = true, versionProvider = GeodesicCli.Version.class,
    description = "Distributed optimal transport and optimization on Apache Spark.",
    subcommands = {CommandLine.HelpCommand.class},
    commandListHeading = "%nCommands:%n")
public final class GeodesicCli implements Runnable {
  /** Subcommands, in the order --help lists them. */
  static final List<Class<?>> COMMANDS = new ArrayList<>();

  static {
    COMMANDS.add(DemoCommand.class);
    COMMANDS.add(ImportCommand.class);
    COMMANDS.add(GenerateCommand.class);
    COMMANDS.add(OtCommand.class);
    COMMANDS.add(FedwadCommand.class);
    COMMANDS.add(MonotoneCommand.class);
    COMMANDS.add(FiniteSumCommand.class);
    COMMANDS.add(DrcgdCommand.class);
  }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(execute(args, System.out, System.err));
  }

  /** Runs the CLI in this JVM and returns the exit status (tests call this). */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** The names of the registered commands, in --help order (without {@code help}). */
  public static List<String> commandNames() {
    List<String> names = new ArrayList<>();
    for (Class<?> c : COMMANDS) {
      names.add(c.getAnnotation(Command.class).name());
    }
    return names;
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new GeodesicCli());
    for (Class<?> c : COMMANDS) {
      cli.addSubcommand(c);
    }
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler((ex, args) -> {
      ex.getCommandLine().getErr().println("error: " + oneLine(message(ex))
          + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return 2;
    });
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      String bad = invalidInputMessage(ex);
      if (bad != null) {
        cmd.getErr().println("error: " + oneLine(bad));
        return 2;
      }
      String environment = environmentMessage(ex);
      if (environment != null) {
        cmd.getErr().println("error: " + oneLine(environment));
        return 3;
      }
      cmd.getErr().println("error: internal failure: " + ex);
      ex.printStackTrace(cmd.getErr());
      return 1;
    });
    return cli;
  }

  /**
   * A parse error's message; an unknown value of an enum option names the choices as users type
   * them ({@code --solver must be exact, sinkhorn or sliced, got 'emd'}) rather than picocli's
   * list of constant names.
   */
  static String message(CommandLine.ParameterException ex) {
    if (ex.getCause() instanceof CommandLine.TypeConversionException
        && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o && o.type().isEnum()) {
      return OptionChecks.notOneOf(o.longestName(), o.completionCandidates(), ex.getValue());
    }
    return ex.getMessage();
  }

  /**
   * The message of an {@link InvalidInputException} anywhere in the cause chain, also when Spark
   * carried it back from an executor only as text.
   */
  static String invalidInputMessage(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof InvalidInputException) {
        return t.getMessage();
      }
    }
    String marker = InvalidInputException.class.getName() + ": ";
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.contains(marker)) {
        return m.substring(m.indexOf(marker) + marker.length());
      }
    }
    return null;
  }

  /** The message of an {@link dev.geodesic.jobs.EnvironmentException} in the cause chain, else null. */
  static String environmentMessage(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof dev.geodesic.jobs.EnvironmentException) {
        return t.getMessage();
      }
    }
    return null;
  }

  static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  /** {@code --version}. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = GeodesicCli.class.getPackage().getImplementationVersion();
      return new String[] {"geodesic " + (v == null ? "(development build)" : v)};
    }
  }
}
