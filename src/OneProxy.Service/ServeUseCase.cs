using OneProxy.Service.Onboarding;

namespace OneProxy.Service;

/// <summary>`oneproxy serve`: the request, validated by the caller's options record.</summary>
public sealed record ServeRequest(ServiceOptions Options, string? LatencyPath, string? AccuracyPath, TimeSpan? RunFor);

public static class ServeUseCase
{
    /// <summary>Loads each space's library once (shared by every pipeline).</summary>
    public static IReadOnlyDictionary<string, OnboardingContext> LoadContexts(ServiceOptions o, string? latencyPath, string? accuracyPath)
    {
        if ((latencyPath ?? accuracyPath) is not null && o.Spaces.Count != 1)
            throw new ArgumentException("--latency/--accuracy name one space's files: give exactly one --space with them");
        return o.Spaces.ToDictionary(s => s, s => OnboardingContext.Load(s, latencyPath, accuracyPath, o.AccuracyColumn, o.Library));
    }

    /// <summary>Serves until <paramref name="ct"/> (Ctrl-C, SIGTERM) or RunFor; then drains and gives leases back.</summary>
    public static async Task<int> RunAsync(ServeRequest request, TextWriter output, TextWriter log, CancellationToken ct)
    {
        var contexts = LoadContexts(request.Options, request.LatencyPath, request.AccuracyPath);
        foreach (var (space, c) in contexts)
            log.WriteLine($"{space}: {c.Pool.Count} architectures, library of {c.Library.Count} devices ({string.Join(", ", c.Library)})");
        await using var svc = await ServiceHost.StartAsync(request.Options, contexts, ct);
        log.WriteLine($"store: {svc.Store.Kind} {svc.Store.Location}; replica {request.Options.ReplicaId}");
        output.WriteLine($"listening on {svc.Url}");
        output.Flush();
        // A crashed background service stops the host: then this replica exits, and agents move to another.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, svc.Stopping);
        if (request.RunFor is { } d) stop.CancelAfter(d);
        try { await Task.Delay(Timeout.Infinite, stop.Token); }
        catch (OperationCanceledException) { /* Ctrl-C, SIGTERM or --run-seconds: stop gracefully below */ }
        log.WriteLine("stopping: draining requests in flight, giving planner leases back");
        return 0;
    }
}
