using System.CommandLine;
using OneProxy.Application.Spaces;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy depth-scale</c>: the paper's heuristic depth-scaling baseline family of one architecture.</summary>
public static class DepthScaleCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        space.DefaultValueFactory = _ => "mobilenetv2";
        var arch = new Option<string>("--arch") { Description = "The architecture to scale (e.g. one Pareto-optimal on the proxy)", Required = true };
        var change = new Option<int>("--max-change") { Description = "Most blocks added or removed in total", DefaultValueFactory = _ => 2 };
        var output = CommonOptions.Output();
        var cmd = new Command("depth-scale",
            "Baseline #2 of the paper: grow or shrink an architecture's stage depths by up to two blocks in total; one variant per line, " +
            "ready for `measure --archs` on the target.\n" +
            "Example: oneproxy depth-scale --space mobilenetv2 --arch '{\"ks\":[...],\"e\":[...],\"d\":[3,3,3,3,3]}' -o family.txt")
        {
            space, arch, change, output,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var family = SpaceUseCases.DepthScale(new DepthScaleRequest(parse.GetValue(space)!, parse.GetValue(arch)!, parse.GetValue(change)));
            CommonOptions.Emit(parse, output, SpaceUseCases.Lines(family));
            parse.InvocationConfiguration.Error.WriteLine($"{family.Count} architectures (the seed included)");
            return 0;
        }));
        return cmd;
    }
}
