using System.Diagnostics;
using OneProxy.Service.Onboarding;

namespace OneProxy.Service.Tests.Onboarding;

public sealed class WorkSignalTests
{
    [Fact]
    public async Task A_pulse_wakes_only_waiters_for_that_device_and_one_before_the_wait_is_not_lost()
    {
        var work = new WorkSignal();
        using var mine = work.Subscribe(new HashSet<string> { "a", "b" });
        work.Pulse("c"); // another agent's device
        var sw = Stopwatch.StartNew();
        await mine.WaitAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        Assert.True(sw.ElapsedMilliseconds >= 150, $"woken after {sw.ElapsedMilliseconds} ms by another device's jobs");

        work.Pulse("b"); // between a look that found nothing and the wait
        sw.Restart();
        await mine.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.True(sw.ElapsedMilliseconds < 5_000, "a pulse before the wait was lost");

        // Consumed: the next wait waits again.
        sw.Restart();
        await mine.WaitAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        Assert.True(sw.ElapsedMilliseconds >= 150);
    }

    [Fact]
    public async Task A_disposed_subscription_is_no_longer_pulsed_and_a_waiting_one_wakes()
    {
        var work = new WorkSignal();
        var gone = work.Subscribe(new HashSet<string> { "a" });
        gone.Dispose();
        work.Pulse("a");
        using var waiting = work.Subscribe(new HashSet<string> { "a" });
        var wait = waiting.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        work.Pulse("a");
        Assert.Same(wait, await Task.WhenAny(wait, Task.Delay(5_000)));
    }
}
