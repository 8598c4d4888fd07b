using System.CommandLine;
using OneProxy.Application;

namespace OneProxy.Cli.Commands;

/// <summary>The latency-table options (--space, --latency, --architectures; optionally --devices and --with-flops), declared once.</summary>
public sealed class LatencyOptions
{
    public Option<string> Space { get; } = CommonOptions.Space();
    public Option<string?> Latency { get; } = CommonOptions.Latency();
    public Option<string?> Architectures { get; } = CommonOptions.Architectures();
    public Option<string[]>? Devices { get; }
    public Option<bool>? WithFlops { get; }

    public LatencyOptions(bool devices = false, bool withFlops = false)
    {
        if (devices) Devices = CommonOptions.Devices();
        if (withFlops) WithFlops = CommonOptions.WithFlops();
    }

    public IEnumerable<Option> All => new Option?[] { Space, Latency, Architectures, Devices, WithFlops }.OfType<Option>();

    public LatencyInput Bind(ParseResult parse) => new(parse.GetValue(Space)!, parse.GetValue(Latency), parse.GetValue(Architectures),
        Devices is null ? null : parse.GetValue(Devices), WithFlops is not null && parse.GetValue(WithFlops));
}

/// <summary>--accuracy and --accuracy-column.</summary>
public sealed class AccuracyOptions
{
    public Option<string?> Accuracy { get; } = CommonOptions.Accuracy();
    public Option<string> Column { get; } = CommonOptions.AccuracyColumn();

    /// <summary>--accuracy-predictor, on commands that can search with predicted accuracies.</summary>
    public Option<string?>? Predictor { get; }

    public AccuracyOptions(bool predictor = false)
    {
        if (predictor) Predictor = new Option<string?>("--accuracy-predictor") { Description = "MLP accuracy predictor JSON (from fit-accuracy) instead of an accuracy table: for spaces whose datasets have no accuracies (fbnet, ofa-mbv3)" };
    }

    public IEnumerable<Option> All => new Option?[] { Accuracy, Column, Predictor }.OfType<Option>();

    public AccuracyInput Bind(ParseResult parse) => new(parse.GetValue(Accuracy), parse.GetValue(Column)!, Predictor is null ? null : parse.GetValue(Predictor));
}
