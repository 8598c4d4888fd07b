using System.CommandLine;
using System.Globalization;
using OneProxy.Accelerators.Codesign;

namespace OneProxy.Cli.Commands.Accelerator;

/// <summary><c>oneproxy accelerator mixed</c>: monotonicity over layer-wise mixtures of accelerators/dataflows.</summary>
public static class AcceleratorMixedCommand
{
    public static Command Create()
    {
        var set = new Option<string>("--set") { Description = "nasbench301 or alphanet", Required = true };
        var mixtures = new Option<int>("--mixtures") { Description = "Random mixtures", DefaultValueFactory = _ => 5000 };
        var parts = new Option<int>("--parts") { Description = "Parts per model (first layer, last layer, parts-2 groups)", DefaultValueFactory = _ => 22 };
        var pairs = new Option<int>("--pairs") { Description = "Mixture pairs sampled for SRCC", DefaultValueFactory = _ => 20000 };
        var limit = new Option<int>("--limit") { Description = "Use only the first N models", DefaultValueFactory = _ => int.MaxValue };
        var threshold = new Option<double>("--threshold") { Description = "SRCC threshold", DefaultValueFactory = _ => 0.97 };
        var seed = CommonOptions.Seed();
        var cmd = new Command("mixed", "Layer-wise mixed-dataflow study (thesis ch.4): SRCC of cycles and energy between random mixtures.\n" +
            "Example: oneproxy accelerator mixed --set nasbench301 --mixtures 5000")
        { set, mixtures, parts, pairs, limit, threshold, seed };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var r = MixedDataflowStudy.Run(new MixedOptions(parse.GetValue(set)!, parse.GetValue(mixtures), parse.GetValue(parts),
                parse.GetValue(pairs), parse.GetValue(threshold), parse.GetValue(seed), parse.GetValue(limit)));
            var inv = CultureInfo.InvariantCulture;
            var w = parse.InvocationConfiguration.Output;
            w.WriteLine(string.Create(inv, $"{r.Options.ModelSet}: {r.Models} models, {r.Options.Mixtures} mixtures of {r.Options.Parts} parts over {r.Accelerators} accelerators, {r.Options.SampledPairs} sampled pairs, {r.Elapsed.TotalSeconds:0.0} s"));
            w.WriteLine(string.Create(inv, $"cycles SRCC: {r.CyclesShareAbove:P1} of pairs > {r.Options.Threshold:0.00}, median {r.CyclesMedianSrcc:0.000}, min {r.CyclesMinSrcc:0.000}"));
            w.WriteLine(string.Create(inv, $"energy SRCC: {r.EnergyShareAbove:P1} of pairs > {r.Options.Threshold:0.00}, median {r.EnergyMedianSrcc:0.000}, min {r.EnergyMinSrcc:0.000}"));
            return 0;
        }));
        return cmd;
    }
}
