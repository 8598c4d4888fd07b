using System.CommandLine;
using OneProxy.Application;
using Spectre.Console;

namespace OneProxy.Cli.Output;

/// <summary>
/// A progress bar with elapsed time and ETA on standard error for work that takes more than a
/// few seconds. Drawn only when the command writes to the process's own standard error and that
/// is a terminal: piped or redirected output, logs, tests (which pass their own writers) and
/// ONEPROXY_NO_PROGRESS=1 get nothing, so CSV/JSON results and logs stay clean. The bar clears
/// itself when the work ends.
/// </summary>
public static class ProgressBar
{
    /// <summary>Whether a bar may be drawn for this invocation.</summary>
    public static bool Visible(ParseResult? parse) =>
        !Console.IsErrorRedirected
        && (parse is null || ReferenceEquals(parse.InvocationConfiguration.Error, Console.Error))
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ONEPROXY_NO_PROGRESS"));

    public static T Run<T>(string description, Func<IProgress<WorkProgress>, T> work) => Run(null, description, work);

    /// <summary>Work that reports units done of a total; <paramref name="work"/> runs on the calling thread.</summary>
    public static T Run<T>(ParseResult? parse, string description, Func<IProgress<WorkProgress>, T> work)
    {
        if (!Visible(parse)) return work(new SynchronousProgress(_ => { }));
        T result = default!;
        ErrorConsole().Progress().AutoClear(true).HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
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

    /// <summary>
    /// Work of unknown length in named phases (e.g. reading, then storing): a spinner with the
    /// current phase and the elapsed time; no ETA, since nothing says how far along a phase is.
    /// </summary>
    public static T Phases<T>(ParseResult? parse, string description, Func<Action<string>, T> work)
    {
        if (!Visible(parse)) return work(_ => { });
        T result = default!;
        ErrorConsole().Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(description);
                task.IsIndeterminate = true;
                result = work(phase => task.Description = $"{description}: {Markup.Escape(phase)}");
            });
        return result;
    }

    private static IAnsiConsole ErrorConsole() => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });

    private sealed class SynchronousCount(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    private sealed class SynchronousProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
