using Spectre.Console;

namespace OneProxy.Cli.Output;

/// <summary>
/// A progress bar on standard error for work that takes over a second; silent when stderr is
/// not a terminal, so piped CSV/JSON output and logs stay clean.
/// </summary>
public static class ProgressBar
{
    public static T Run<T>(string description, int total, Func<IProgress<int>, T> work)
    {
        if (Console.IsErrorRedirected) return work(new Progress<int>(_ => { }));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress().AutoClear(true).Start(ctx =>
        {
            var task = ctx.AddTask(description, maxValue: total);
            result = work(new SynchronousProgress(done => task.Value = done));
        });
        return result;
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
