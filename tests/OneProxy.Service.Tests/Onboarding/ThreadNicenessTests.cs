using OneProxy.Service.Onboarding;

namespace OneProxy.Service.Tests.Onboarding;

/// <summary>Pipeline threads are lowered one by one: the kernel sees the nice value on that thread and on no other.</summary>
public class ThreadNicenessTests
{
    /// <summary>Field 19 of /proc/thread-self/stat (after the parenthesised name) is the thread's nice value.</summary>
    private static int CurrentNice()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16]); // fields after the name start at field 3
    }

    [Fact]
    public void LowersOnlyTheCallingThread()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ThreadNiceness.TrySetCurrent(20));
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(ThreadNiceness.TrySetCurrent(3));
            return;
        }
        int before = CurrentNice(), inside = -1;
        bool taken = false;
        var t = new Thread(() =>
        {
            taken = ThreadNiceness.TrySetCurrent(Math.Min(19, before + 3));
            inside = CurrentNice();
        });
        t.Start();
        t.Join();
        Assert.True(taken);
        Assert.Equal(Math.Min(19, before + 3), inside);
        Assert.Equal(before, CurrentNice());
    }
}
