using System.CommandLine;
using OneProxy.Adaptation;

namespace OneProxy.Cli.Commands;

/// <summary>Algorithm 5's measuring loop (--batch, --threshold, --budget, --min-measurements), shared by adapt and bench adapt.</summary>
public sealed class IncrementalOptionGroup(string prefix)
{
    private static readonly IncrementalOptions Defaults = new();

    public Option<int> Batch { get; } = new("--batch") { Description = prefix + "measurements per round", DefaultValueFactory = _ => Defaults.BatchSize };
    public Option<double> Threshold { get; } = new("--threshold", "-t") { Description = prefix + "estimated SRCC to stop at", DefaultValueFactory = _ => Defaults.Threshold };
    public Option<int> Budget { get; } = new("--budget") { Description = prefix + "most target measurements", DefaultValueFactory = _ => Defaults.Budget };
    public Option<int> Minimum { get; } = new("--min-measurements") { Description = prefix + "measurements before the first check", DefaultValueFactory = _ => Defaults.MinMeasurements };

    public IEnumerable<Option> All => [Batch, Threshold, Budget, Minimum];

    public IncrementalOptions Bind(ParseResult parse) => new()
    {
        BatchSize = parse.GetValue(Batch), Threshold = parse.GetValue(Threshold), Budget = parse.GetValue(Budget), MinMeasurements = parse.GetValue(Minimum),
    };
}
