namespace OneProxy.Application;

/// <summary>Progress of long work: units done of a total known once the inputs are loaded.</summary>
public readonly record struct WorkProgress(int Done, int Total)
{
    /// <summary>Adapts a use case's progress sink to a library loop that reports units done.</summary>
    public static IProgress<int>? Of(IProgress<WorkProgress>? sink, int total)
    {
        sink?.Report(new WorkProgress(0, total));
        return sink is null ? null : new Forward(sink, total);
    }

    private sealed class Forward(IProgress<WorkProgress> sink, int total) : IProgress<int>
    {
        public void Report(int value) => sink.Report(new WorkProgress(value, total));
    }
}
