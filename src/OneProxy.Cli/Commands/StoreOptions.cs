using System.CommandLine;
using OneProxy.Measurement;
using OneProxy.SearchSpaces;

namespace OneProxy.Cli.Commands;

/// <summary>Options shared by the commands that read or write the measurement store.</summary>
public static class StoreOptions
{
    public static Option<string> Store() => new("--store")
    {
        Description = "SQLite measurement store (created if missing)",
        DefaultValueFactory = _ => "measurements.db",
    };

    public static Option<int> Batch() => new("--batch") { Description = "Batch size (0 = unknown)", DefaultValueFactory = _ => 1 };

    public static Option<int> Threads() => new("--threads") { Description = "CPU threads (0 = unknown / not applicable)", DefaultValueFactory = _ => 1 };

    public static Option<int?> Input() => new("--input") { Description = "Input resolution in pixels (default: the space's own; 0 = unknown)" };

    public static MeasurementSetting Setting(ParseResult parse, ISearchSpace space, Option<int> batch, Option<int> threads, Option<int?> input) =>
        new MeasurementSetting(parse.GetValue(batch), parse.GetValue(threads), parse.GetValue(input) ?? space.InputSize).Validated();
}
