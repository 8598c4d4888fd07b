using System.Runtime.InteropServices;

namespace OneProxy.Service.Onboarding;

/// <summary>
/// Lowers the CPU priority of the calling thread only (Linux: <c>setpriority</c> on the thread's
/// id; .NET's <see cref="Thread.Priority"/> does not reach the Linux scheduler). Onboarding
/// pipelines compute for tens of milliseconds at a time; at a higher nice value the kernel
/// runs a woken Kestrel thread first, so an API request waits less behind a pipeline on the
/// same core (issue 16's p99), while the pipelines still take every cycle the API leaves idle.
/// Best effort: elsewhere, or if the call fails, the thread keeps its priority.
/// </summary>
public static class ThreadNiceness
{
    private const int PrioProcess = 0;

    // Blittable arguments only: plain DllImport needs no unsafe code or marshalling stubs.
    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int prio);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetTid();

    /// <summary>Sets the calling thread's nice value (0..19); true when the kernel took it.</summary>
    public static bool TrySetCurrent(int nice)
    {
        if (nice is < 0 or > 19) throw new ArgumentOutOfRangeException(nameof(nice), nice, "nice values for lowering a thread are 0..19");
        if (!OperatingSystem.IsLinux()) return false;
        try { return SetPriority(PrioProcess, GetTid(), nice) == 0; }
        catch (EntryPointNotFoundException) { return false; } // a libc without gettid (glibc < 2.30): keep the priority
    }
}
