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
            var parse = root.Parse(args);
            // Parse errors are user errors like any other: one line each naming the flag, exit 2 (not help text and exit 1).
            if (parse.Errors.Count > 0 && parse.Action is System.CommandLine.Invocation.ParseErrorAction)
            {
                foreach (var e in parse.Errors) config.Error.WriteLine($"error: {OneProxyException.Quote(Describe(e), 400)}");
                return UserError;
            }
            return parse.Invoke(config);
        }
        catch (Exception e)
        {
            return Report(e, config.Error);
        }
    }

    /// <summary>A parse error's message, prefixed with the option it concerns when the message does not name it.</summary>
    private static string Describe(System.CommandLine.Parsing.ParseError e)
    {
        var option = e.SymbolResult switch
        {
            System.CommandLine.Parsing.OptionResult o => o.Option.Name,
            System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult o } => o.Option.Name,
            _ => null,
        };
        return option is null || e.Message.Contains(option, StringComparison.Ordinal) ? e.Message : $"{option}: {e.Message}";
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

    /// <summary>The same for long work: the body gets the token that Ctrl+C cancels.</summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Guarded(Func<ParseResult, CancellationToken, int> body) => (parse, cancellation) =>
    {
        try
        {
            return Task.FromResult(body(parse, cancellation));
        }
        catch (Exception e)
        {
            return Task.FromResult(Report(e, parse.InvocationConfiguration.Error));
        }
    };

    private static int Report(Exception e, TextWriter error)
    {
        // Parallel loops wrap the user's error (a bad cell met by one worker) in an AggregateException:
        // report what the user can fix, not the wrapper.
        if (e is AggregateException aggregate)
        {
            var inner = aggregate.Flatten().InnerExceptions;
            if (inner.Count == 1 || (inner.Count > 1 && inner.All(x => x is OneProxyException)))
                return Report(inner[0], error);
        }
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
