namespace OneProxy.Service.Onboarding;

/// <summary>
/// Runs a blocking body on a thread of its own. An onboarding pipeline blocks for most of its
/// life (the library's ILatencyDevice is synchronous, and it waits for agents); on thread-pool
/// threads hundreds of them starve the pool that serves the HTTP requests (the pool adds about
/// one thread a second), which is what made earlier runs' API latency seconds long.
/// </summary>
public static class DedicatedThread
{
    /// <param name="nice">Linux nice value for this thread (0: unchanged); see <see cref="ThreadNiceness"/>.</param>
    public static Task<T> Run<T>(string name, Func<T> body, int nice = 0)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            if (nice > 0) ThreadNiceness.TrySetCurrent(nice);
            try { done.SetResult(body()); }
            catch (Exception e) { done.SetException(e); } // handed to the awaiting caller, which decides; nothing is swallowed
        }, maxStackSize: 1 << 20) { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }
}
