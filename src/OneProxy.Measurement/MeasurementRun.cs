using OneProxy.SearchSpaces;

namespace OneProxy.Measurement;

/// <summary>
/// Measures architectures on a device through an agent and stores each result as soon as it
/// arrives (one transaction each), so a crash, hang or garbled line loses nothing measured
/// before it. Architectures already stored for the device and setting are skipped, which makes
/// a re-run resume, and which lets two processes share one store: each re-checks the store
/// before sending an architecture. With <see cref="MeasureOptions.Rounds"/> above 1, chunks of
/// architectures are timed round after round and stored per chunk once their rounds are done.
/// </summary>
public sealed class MeasurementRun(MeasurementStore store, ISearchSpace space, AgentCommand agent, MeasureOptions options)
{
    private readonly MeasureOptions _options = options.Validated();

    /// <summary>Called after each architecture with (done so far, to do, latest report).</summary>
    public Action<int, int, AgentReport>? Progress { get; init; }

    public MeasureSummary Run(IReadOnlyList<Architecture> architectures)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        var wanted = architectures.Select(space.Format).Distinct(StringComparer.Ordinal).ToList();
        var stored = store.StoredArchitectures(space.Name, _options.Device, _options.Setting);
        var todo = wanted.Where(a => !stored.Contains(a)).ToList();
        int measured = 0, meanwhile = 0, done = 0, total = todo.Count * _options.Rounds;
        var failures = new List<AgentFailure>();
        AgentProcess? streaming = null;
        int chunkSize = _options.Rounds == 1 ? 1 : _options.ChunkSize;
        try
        {
            foreach (var chunk in todo.Chunk(chunkSize))
            {
                var live = chunk.Where(a => !store.Contains(space.Name, a, _options.Device, _options.Setting)).ToList();
                meanwhile += chunk.Length - live.Count;
                var reports = live.ToDictionary(a => a, _ => new List<AgentMeasurement>(), StringComparer.Ordinal);
                // Rounds visit the chunk's architectures in turn, so each one is timed at several
                // moments and a slow phase of the machine hits all of them instead of one.
                for (int round = 0; round < _options.Rounds; round++)
                    foreach (var arch in live.Where(reports.ContainsKey).ToList())
                    {
                        AgentReport report;
                        try
                        {
                            report = MeasureOne(arch, ref streaming);
                        }
                        catch (AgentProtocolException e)
                        {
                            throw new AgentProtocolException(
                                $"{e.Message}{Environment.NewLine}{measured} measurement(s) of this run are stored in {store.Path}; run the same command again to resume.");
                        }
                        if (report is AgentFailure f) { failures.Add(f); reports.Remove(arch); }
                        else reports[arch].Add((AgentMeasurement)report);
                        Progress?.Invoke(++done, total, report);
                    }
                var rows = live.Where(reports.ContainsKey).Select(a => ToMeasurement(Combine(reports[a]), a)).ToList();
                if (rows.Count == 0) continue;
                var outcome = store.Insert(rows);
                measured += outcome.Inserted;
                meanwhile += outcome.Duplicates;
            }
            streaming?.Finish(TimeSpan.FromSeconds(10));
        }
        finally
        {
            streaming?.Dispose();
        }
        return new MeasureSummary(wanted.Count, wanted.Count - todo.Count, measured, meanwhile, failures);
    }

    private AgentReport MeasureOne(string arch, ref AgentProcess? streaming)
    {
        AgentReport report;
        if (agent.PerArchitecture)
        {
            using var p = AgentProcess.Start(agent.Render(space.Name, _options.Setting, _options.Warmup, _options.Runs, arch), closeStdin: true);
            report = p.NextReport(arch, _options.Timeout);
            p.Finish(TimeSpan.FromSeconds(10));
        }
        else
        {
            streaming ??= AgentProcess.Start(agent.Render(space.Name, _options.Setting, _options.Warmup, _options.Runs));
            streaming.Send(arch);
            report = streaming.NextReport(arch, _options.Timeout);
        }
        if (!SameArchitecture(report.Architecture, arch))
            throw new AgentProtocolException($"agent output line {report.Line}: answered for '{report.Architecture}' while measuring '{arch}'");
        return report;
    }

    /// <summary>
    /// One architecture's rounds as one measurement: median of the round medians, mean of the
    /// round means, the fastest run of all rounds, the spread (standard deviation) of the round
    /// medians, and all timed runs.
    /// </summary>
    private static AgentMeasurement Combine(List<AgentMeasurement> rounds)
    {
        if (rounds.Count == 1) return rounds[0];
        var medians = rounds.Select(r => r.MedianMs).Order().ToArray();
        int n = medians.Length;
        double median = n % 2 == 1 ? medians[n / 2] : (medians[n / 2 - 1] + medians[n / 2]) / 2;
        double mean = medians.Average();
        double spread = Math.Sqrt(medians.Sum(m => (m - mean) * (m - mean)) / (n - 1));
        double? means = rounds.All(r => r.MeanMs is not null) ? rounds.Average(r => r.MeanMs!.Value) : null;
        int? runs = rounds.All(r => r.Runs is not null) ? rounds.Sum(r => r.Runs!.Value) : null;
        double? min = rounds.All(r => r.MinMs is not null) ? rounds.Min(r => r.MinMs!.Value) : null;
        double? energy = rounds.All(r => r.EnergyMj is not null) ? rounds.Average(r => r.EnergyMj!.Value) : null;
        return rounds[0] with { MedianMs = median, MeanMs = means, StdMs = spread, Runs = runs, MinMs = min, EnergyMj = energy };
    }

    private bool SameArchitecture(string reported, string expected)
    {
        if (string.Equals(reported, expected, StringComparison.Ordinal)) return true;
        try { return string.Equals(space.Format(space.Parse(reported)), expected, StringComparison.Ordinal); }
        catch (ArchitectureFormatException) { return false; }
    }

    private LatencyMeasurement ToMeasurement(AgentMeasurement r, string arch)
    {
        var s = _options.Setting;
        if (s.Conflict(r.BatchSize, r.Threads, r.InputSize) is string conflict)
            throw new AgentProtocolException($"agent output line {r.Line}: {conflict} (for {r.Architecture}); check the agent template's placeholders");
        var runtime = r.Runtime ?? _options.Runtime ?? "unknown";
        return new LatencyMeasurement(space.Name, arch, _options.Device, s, runtime, r.MedianMs, r.MeanMs, r.StdMs, r.Runs,
            DateTimeOffset.UtcNow, "agent: " + agent.Template, r.MinMs, r.EnergyMj);
    }
}
