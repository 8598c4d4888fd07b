using System.CommandLine;
using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Cli.Commands;

/// <summary>Runs a command line; expected failures (bad input, bad options) print one clear line and exit 2.</summary>
public static class CommandRunner
{
    public static int Invoke(RootCommand root, string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var config = new InvocationConfiguration { Output = stdout ?? Console.Out, Error = stderr ?? Console.Error };
        return root.Parse(args).Invoke(config);
    }

    /// <summary>Wraps a command body so user errors become exit code 2 with a message, not a stack trace.</summary>
    public static Func<ParseResult, int> Guarded(Func<ParseResult, int> body) => parse =>
    {
        try
        {
            return body(parse);
        }
        catch (Exception e) when (e is DataFormatException or ArchitectureFormatException or ArgumentException
                                      or FileNotFoundException or DirectoryNotFoundException or InvalidOperationException
                                      or NotSupportedException or IOException or FormatException
                                      or OneProxy.Measurement.StoreException or OneProxy.Measurement.AgentProtocolException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    };
}
