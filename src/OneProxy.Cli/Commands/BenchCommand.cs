using System.CommandLine;
using System.Diagnostics;
using OneProxy.Monotonicity;

namespace OneProxy.Cli.Commands;

/// <summary><c>oneproxy bench ...</c>: speed and accuracy benchmarks (never timed unit tests).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks: speed and quality numbers reported in docs/");
        bench.Subcommands.Add(Srcc());
        bench.Subcommands.Add(BenchAdaptCommand.Create());
        bench.Subcommands.Add(BenchTransferCommand.Create());
        bench.Subcommands.Add(BenchSearchCommand.Create());
        bench.Subcommands.Add(Service.BenchServeCommand.Create());
        return bench;
    }

    private static Command Srcc()
    {
        var space = CommonOptions.Space();
        var latency = CommonOptions.Latency();
        var archs = CommonOptions.Architectures();
        var repeat = new Option<int>("--repeat") { Description = "Timed repetitions after one warm-up", DefaultValueFactory = _ => 20 };
        var cmd = new Command("srcc", "Time CSV parsing and the full SRCC matrix separately (median of --repeat runs after a warm-up)")
        {
            space, latency, archs, repeat,
        };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            var (table, _, parseTime) = CommonOptions.LoadLatency(parse, space, latency, archs, null);
            SrccMatrix.Compute(table); // warm-up: JIT and thread pool
            int n = Math.Max(1, parse.GetValue(repeat));
            var times = new double[n];
            for (int i = 0; i < n; i++)
            {
                var sw = Stopwatch.StartNew();
                SrccMatrix.Compute(table);
                times[i] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            var o = parse.InvocationConfiguration.Output;
            int d = table.ColumnNames.Count;
            o.WriteLine($"cores: {Environment.ProcessorCount}");
            o.WriteLine($"parse (first load, includes JIT): {parseTime.TotalMilliseconds:0.0} ms for {table.RowCount} rows x {d} devices");
            o.WriteLine($"SRCC matrix {d}x{d} over {table.RowCount} architectures: median {times[n / 2]:0.00} ms, min {times[0]:0.00} ms, max {times[^1]:0.00} ms ({n} runs)");
            return 0;
        }));
        return cmd;
    }
}
