using System.CommandLine;
using OneProxy.Adaptation;
using OneProxy.Application.Adaptation;

namespace OneProxy.Cli.Commands;

/// <summary>
/// <c>oneproxy adapt</c>: a predictor for a new target from a proxy predictor (and optionally a
/// library of characterised devices) plus a few target measurements, given as a CSV or drawn
/// batch by batch from a recorded device until the estimated SRCC reaches the threshold.
/// </summary>
public static class AdaptCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var proxy = new Option<string>("--proxy") { Description = "Proxy predictor JSON (from fit-predictor)", Required = true };
        var library = CommonOptions.Library("Library predictors: JSON files and/or directories of them (comma-separated). The target's own file is never used");
        var samples = new Option<string?>("--samples") { Description = "CSV of target measurements: an arch column and a latency column (named by --target, or the only value column)" };
        var record = new Option<string?>("--record-from")
        {
            Description = "Instead of --samples: measure a recorded device (a column of this wide latency CSV) batch by batch until --threshold or --budget",
        };
        var archs = CommonOptions.Architectures();
        var target = new Option<string?>("--target") { Description = "Target device name (the column to read)" };
        var method = new Option<AdaptationMethod?>("--method")
        {
            Description = "auto (best cross-validated SRCC) or one of " + string.Join(", ", ProxyAdapter.MethodNames),
            CustomParser = CommonOptions.MethodOrAuto,
        };
        var loop = new IncrementalOptionGroup("With --record-from: ");
        var seed = CommonOptions.Seed();
        var output = new Option<string?>("--output", "-o") { Description = "Write the adapted predictor JSON here" };
        var join = new Option<string?>("--add-to-library") { Description = "Also save the adapted predictor as <dir>/<target>.json so later devices can use it" };
        var cmd = new Command("adapt",
            "Adapt a proxy predictor to a target from a few measurements (AdaProxy, proxy library, operator-type corrections; chosen by cross-validated SRCC).\n" +
            "Examples:\n  oneproxy adapt --proxy predictors/pixel3.json --library predictors/ --samples eyeriss10.csv --target eyeriss -o eyeriss.json\n" +
            "  oneproxy adapt --proxy predictors/pixel3.json --library predictors/ --record-from latency.csv --target eyeriss --batch 5 --threshold 0.95 --budget 50 --seed 0");
        cmd.With([space, proxy, library, samples, record, archs, target, method], loop.All, [seed, output, join]);
        cmd.SetAction(CommandRunner.Guarded((parse, cancellation) =>
        {
            var r = AdaptUseCase.Run(new AdaptRequest
            {
                Space = parse.GetValue(space)!, ProxyPath = parse.GetValue(proxy)!, Library = parse.GetValue(library) ?? [],
                SamplesPath = parse.GetValue(samples), RecordFromPath = parse.GetValue(record), ArchitecturesPath = parse.GetValue(archs),
                Target = parse.GetValue(target), Method = parse.GetValue(method), Incremental = loop.Bind(parse), Seed = parse.GetValue(seed),
                OutputPath = parse.GetValue(output), AddToLibrary = parse.GetValue(join),
            }, cancellation);
            Log.Write(parse, r.Notes);
            parse.InvocationConfiguration.Output.Write(AdaptUseCase.Text(r));
            return 0;
        }));
        return cmd;
    }
}
