using System.CommandLine;

namespace OneProxy.Cli.Commands;

/// <summary>
/// Runs a command line. Errors a user can fix (<see cref="OneProxyException"/> and file-system
/// refusals, whose messages name the path) print one line and exit 2; anything else is a bug:
/// one "internal error" line on the console, the stack trace in a log file, exit 70 (EX_SOFTWARE).
/// </summary>
public static class CommandRunner
{
    public const int UserError = 2;
    public const int InternalError = 70;

    public static int Invoke(RootCommand root, string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var config = new InvocationConfiguration { Output = stdout ?? Console.Out, Error = stderr ?? Console.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return root.Parse(args).Invoke(config);
        }
        catch (Exception e)
        {
            return Report(e, config.Error);
        }
    }

    /// <summary>Wraps a command body so every failure becomes a one-line message and an exit code, never a stack trace.</summary>
    public static Func<ParseResult, int> Guarded(Func<ParseResult, int> body) => parse =>
    {
        try
        {
            return body(parse);
        }
        catch (Exception e)
        {
            return Report(e, parse.InvocationConfiguration.Error);
        }
    };

    private static int Report(Exception e, TextWriter error)
    {
        switch (e)
        {
            case OneProxyException:
            case FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or PathTooLongException:
                error.WriteLine($"error: {OneProxyException.Quote(e.Message, 400)}");
                return UserError;
            case IOException io when io.GetType() == typeof(IOException):
                error.WriteLine($"error: {OneProxyException.Quote(io.Message, 400)}");
                return UserError;
            case OperationCanceledException:
                error.WriteLine("cancelled");
                return 130;
            default:
                error.WriteLine($"internal error: {e.GetType().Name}: {OneProxyException.Quote(e.Message, 200)} (details: {InternalErrorLog.Write(e)})");
                return InternalError;
        }
    }
}
