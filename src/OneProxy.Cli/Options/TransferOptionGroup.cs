using System.CommandLine;
using OneProxy.Transfer;

namespace OneProxy.Cli.Commands;

/// <summary>Algorithm 5's knobs (--sample, --budget, --threshold, --refit-every), shared by transfer and bench transfer.</summary>
public sealed class TransferOptionGroup
{
    private static readonly TransferOptions Defaults = new();

    public Option<int> Sample { get; } = new("--sample", "-k") { Description = "Architectures measured on the target before deciding", DefaultValueFactory = _ => Defaults.SampleSize };
    public Option<int> Budget { get; } = new("--budget") { Description = "Target measurements in total (sample + pruning)", DefaultValueFactory = _ => Defaults.Budget };
    public Option<double> Threshold { get; } = new("--threshold", "-t") { Description = "Sample SRCC at which the proxy's set is reused without adapting", DefaultValueFactory = _ => Defaults.SrccThreshold };
    public Option<int> RefitEvery { get; } = new("--refit-every") { Description = "0: the paper's one-shot pruning; N: prune one candidate at a time and re-adapt every N measurements", DefaultValueFactory = _ => Defaults.RefitEvery };

    public IEnumerable<Option> All => [Sample, Budget, Threshold, RefitEvery];

    public TransferOptions Bind(ParseResult parse) => new()
    {
        SampleSize = parse.GetValue(Sample), Budget = parse.GetValue(Budget), SrccThreshold = parse.GetValue(Threshold), RefitEvery = parse.GetValue(RefitEvery),
    };
}
