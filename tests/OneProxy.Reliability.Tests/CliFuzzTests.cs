using System.Text;
using System.Text.RegularExpressions;
using FsCheck.Fluent;
using OneProxy.Cli.Commands;
using OneProxy.SearchSpaces;
using Xunit.Abstractions;

namespace OneProxy.Reliability.Tests;

/// <summary>
/// The CLI's argument surface under generated command lines (hostile values for every flag of the
/// read-only analysis commands, unknown flags, missing values): every run ends in exit 0, or in
/// exit 2 with exactly one "error:" line that names a flag, a file:line or a column/device. Exit 70
/// (an internal error) or a stack trace fails the property with the command line that caused it.
/// </summary>
public class CliFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("oneproxy-clifuzz-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] Values =
    [
        "0", "1", "2", "-1", "-5", "3", "50", "1e300", "NaN", "Infinity", "0.5", "abc", "", " ", "dev_a", "dev_a,dev_b", "dev_a,dev_a", "dev_a,toaster",
        "toaster", "../../PWNED", "/etc/passwd", "$(id)", "a;b", "\u001b[2J", "10,20", "1,1000000", "2147483648", "-2147483649", "csv", "json", "table", "xml",
        "nasbench201", "fbnet", "ofa-mbv3", "nope", new string('d', 300),
    ];

    private static readonly Dictionary<string, string[]> Flags = new()
    {
        ["monotonicity"] = ["--devices", "--threshold", "--format", "--with-flops", "--space", "--architectures"],
        ["estimate-srcc"] = ["--pair", "--samples", "--repetitions", "--seed", "--format", "--space"],
        ["select-proxy"] = ["--devices", "--threshold", "--sample", "--seed", "--format"],
        ["sample"] = ["--count", "--seed", "--space"],
    };

    private string TinyLatencyCsv()
    {
        var space = SearchSpaceRegistry.Get("nasbench201");
        var sb = new StringBuilder("arch,dev_a,dev_b,dev_c\n");
        int i = 0;
        foreach (var a in space.Enumerate().Take(60))
        {
            sb.Append(space.Format(a)).Append(',').Append(1 + (i * 7 % 13)).Append(',').Append(2 + (i * 5 % 11)).Append(',').Append(3 + i % 17).Append('\n');
            i++;
        }
        var path = Path.Combine(_dir, "tiny.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [Fact]
    public void GeneratedCommandLinesEndInSuccessOrOneNamedError()
    {
        var latency = TinyLatencyCsv();
        var lines = Gen.Elements(Flags.Keys.ToArray()).SelectMany(command =>
            Gen.Zip(Gen.Zip(Gen.Elements<string>([.. Flags[command], "--bogus", "-z"]), Gen.Elements(Values)), Gen.Elements(true, true, true, false))
                .ArrayOf().Select(opts =>
                {
                    var args = new List<string> { command };
                    if (command != "sample") args.AddRange(["--latency", latency]);
                    foreach (var ((flag, value), withValue) in opts.Take(6))
                    {
                        args.Add(flag);
                        if (withValue) args.Add(value);
                    }
                    return args.ToArray();
                }));
        int ok = 0;
        new FuzzRun<string[]>("CLI argument surface", output).Check(lines, 1_500, args =>
        {
            var o = new StringWriter();
            var e = new StringWriter();
            int code = CommandRunner.Invoke(CommandTree.Build(), args, o, e);
            var shown = string.Join(' ', args);
            var err = e.ToString();
            Assert.DoesNotContain("   at ", err);
            Assert.True(code is 0 or 2, $"exit {code} for: {shown}\n{err}");
            if (code == 0) { ok++; return; }
            var errors = err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();
            Assert.True(errors.Length >= 1, $"exit 2 without an error line for: {shown}\n{err}");
            foreach (var line in errors)
                Assert.True(Regex.IsMatch(line, @"--[a-z]|-[a-z]\b|\S:\d+|\b(column|device|argument|command)\b|'[^']+'"),
                    $"error names no flag, file:line, device or column for: {shown}\n{line}");
        });
        output.WriteLine($"{ok} of 1,500 command lines succeeded");
        Assert.True(ok > 10, "the generator must also produce valid command lines");
    }
}
