using OneProxy.Application;
using Spectre.Console;

namespace OneProxy.Cli.Output;

/// <summary>
/// A progress bar on standard error for work that takes over a second; silent when stderr is
/// not a terminal, so piped CSV/JSON output and logs stay clean.
/// </summary>
public static class ProgressBar
{
    public static T Run<T>(string description, Func<IProgress<WorkProgress>, T> work)
    {
        if (Console.IsErrorRedirected) return work(new SynchronousProgress(_ => { }));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask(description, maxValue: 1);
            result = work(new SynchronousProgress(p =>
            {
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
            }));
        });
        return result;
    }

    /// <summary>For work that counts finished units out of a known total.</summary>
    public static T Run<T>(string description, int total, Func<IProgress<int>, T> work) =>
        Run(description, progress => work(new SynchronousCount(done => progress.Report(new WorkProgress(done, total)))));

    private sealed class SynchronousCount(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    private sealed class SynchronousProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
