using System.Diagnostics;
using OneProxy.Service.Bench;

namespace OneProxy.Service.Tests.Service;

public sealed class ProcessTreeCpuTests
{
    [Fact]
    public void A_process_tree_counts_at_least_the_root_processes_own_cpu_time()
    {
        // Burn a little CPU so the root's own time is well above the 10 ms tick.
        double x = 0;
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 200) x += Math.Sqrt(sw.ElapsedTicks);
        Assert.True(x > 0);
        double own = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        double tree = ProcessTreeCpu.Seconds(Environment.ProcessId);
        // /proc counts in 10 ms ticks, sampled after `own`: at least own minus a tick or two.
        Assert.True(tree >= own - 0.05, $"tree {tree} s < own {own} s");
        Assert.Throws<InvalidOperationException>(() => ProcessTreeCpu.Seconds(int.MaxValue));
    }
}
