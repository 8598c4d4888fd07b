using System.Text.RegularExpressions;

namespace OneProxy.Tests.Cli;

/// <summary>
/// Every user error ends in one line on stderr that says what to fix: a flag, a file:line, or a
/// device/column; exit code 2; no stack trace and no C# parameter names.
/// </summary>
public class ErrorPathTests
{
    public static TheoryData<string> BadCommandLines() =>
    [
        "transfer --target pixel3",
        "transfer --target toaster",
        "transfer --target eyeriss --sample 2",
        "transfer --target eyeriss --budget 5",
        "transfer --target eyeriss --library eyeriss,pixel2",
        "transfer --target eyeriss --accuracy-column nope",
        "bench adapt",
        "bench adapt --targets fpga --library fpga",
        "bench adapt --targets fpga --samples 1",
        "bench adapt --targets fpga --seeds abc",
        "bench transfer --seeds 0",
        "bench transfer --targets pixel3",
        "search --device pixel3 --predictor p.json",
        "search",
        "search --device pixel3 --generations 0",
        "search --device pixel3 --method magic",
        "search --device toaster",
        "constrain --percentiles 50,120",
        "constrain --granularity 0",
        "constrain --max-latency 8 --max-energy 60",
        "l2o train --devices measured --folds 4 --fold 7 -o /tmp/oneproxy-never-written-l2o.json",
        "l2o train --devices measured --holdout toaster -o /tmp/oneproxy-never-written-l2o.json",
        "l2o train --method 3 -o /tmp/oneproxy-never-written-l2o.json",
        "l2o evaluate --model /nonexistent/l2o.json",
        "estimate-srcc --pair pixel3",
        "estimate-srcc --pair pixel3,eyeriss --samples 1",
        "select-proxy --sample 2",
        "monotonicity --threshold 2",
        "monotonicity --format xml",
        "monotonicity --devices pixel3,toaster",
        "monotonicity --latency /nonexistent/latency.csv",
        "sample --count 0",
        "fit-accuracy --sample 5 -o /tmp/oneproxy-never-written.json",
        "adapt --proxy p.json",
        "adapt --proxy p.json --method magic --samples s.csv",
        "depth-scale --space nasbench201 --arch x",
    ];

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void UserErrorIsOneLineNamingWhatToFix(string commandLine)
    {
        var (code, output, err) = CliTests.Run(commandLine.Split(' '));
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(code == 2, $"exit {code} for '{commandLine}': {err}");
        Assert.True(lines.Length == 1, $"'{commandLine}' printed {lines.Length} lines:\n{err}");
        var line = lines[0];
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("Parameter '", line);
        Assert.DoesNotContain("   at ", line);
        Assert.True(Regex.IsMatch(line, @"--[a-z]|\S:\d+|\b(column|device)\b|/nonexistent/"), $"'{commandLine}': names no flag, file:line, device or column: {line}");
        Assert.Equal("", output);
    }
}
