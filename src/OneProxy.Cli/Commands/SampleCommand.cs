using System.CommandLine;
using System.Text;
using OneProxy.SearchSpaces;

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
            var s = SearchSpaceRegistry.Get(parse.GetValue(space)!);
            var n = parse.GetValue(count);
            if (n < 1) throw new UnusableDataException($"--count must be at least 1, got {n}");
            var sb = new StringBuilder();
            foreach (var a in s.SampleDistinct(n, new Random(parse.GetValue(seed)))) sb.Append(s.Format(a)).Append('\n');
            CommonOptions.Emit(parse, output, sb.ToString());
            return 0;
        }));
        return cmd;
    }
}
