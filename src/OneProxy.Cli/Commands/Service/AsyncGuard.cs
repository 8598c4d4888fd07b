using System.CommandLine;
using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Cli.Commands.Service;

/// <summary>The async twin of <see cref="CommandRunner.Guarded"/> for long-running service commands (Ctrl-C cancels the token).</summary>
public static class AsyncGuard
{
    public static Func<ParseResult, CancellationToken, Task<int>> Guarded(Func<ParseResult, CancellationToken, Task<int>> body) => async (parse, ct) =>
    {
        try
        {
            return await body(parse, ct);
        }
        catch (Exception e) when (e is DataFormatException or ArchitectureFormatException or ArgumentException
                                      or FileNotFoundException or DirectoryNotFoundException or InvalidOperationException
                                      or IOException or FormatException or HttpRequestException or Npgsql.NpgsqlException
                                      or Microsoft.Data.Sqlite.SqliteException or OneProxy.Measurement.AgentProtocolException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
    };
}
