using System.CommandLine;
using OneProxy.Application.Spaces;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy sample</c>: distinct random architectures, one text form per line (an agent's input).</summary>
public static class SampleCommand
{
    public static Command Create()
    {
        var space = CommonOptions.Space();
        var count = new Option<int>("--count", "-n") { Description = "How many distinct architectures", DefaultValueFactory = _ => 100 };
        var seed = CommonOptions.Seed();
        var output = CommonOptions.Output();
        var cmd = new Command("sample",
            "Sample distinct architectures of a space uniformly over its genes, one per line.\n" +
            "Example: oneproxy sample --space mobilenetv2 --count 300 --seed 1 -o archs.txt")
        {
            space, count, seed, output,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            CommonOptions.Emit(parse, output, SpaceUseCases.Lines(SpaceUseCases.Sample(new SampleRequest(parse.GetValue(space)!, parse.GetValue(count), parse.GetValue(seed)))));
            return 0;
        }));
        return cmd;
    }
}
