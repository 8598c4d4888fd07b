using OneProxy.SearchSpaces;

namespace OneProxy.Measurement;

/// <summary>
/// Measures architectures on a device through an agent and stores each result as soon as it
/// arrives (one transaction each), so a crash, hang or garbled line loses nothing measured
/// before it. Architectures already stored for the device and setting are skipped, which makes
/// a re-run resume, and which lets two processes share one store: each re-checks the store
/// before sending an architecture.
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
        int measured = 0, meanwhile = 0;
        var failures = new List<AgentFailure>();
        AgentProcess? streaming = null;
        try
        {
            for (int i = 0; i < todo.Count; i++)
            {
                var arch = todo[i];
                if (store.Contains(space.Name, arch, _options.Device, _options.Setting)) { meanwhile++; continue; }
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
                if (report is AgentFailure f) failures.Add(f);
                else
                {
                    var outcome = store.Insert([ToMeasurement((AgentMeasurement)report, arch)]);
                    measured += outcome.Inserted;
                    meanwhile += outcome.Duplicates;
                }
                Progress?.Invoke(i + 1, todo.Count, report);
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

    private bool SameArchitecture(string reported, string expected)
    {
        if (string.Equals(reported, expected, StringComparison.Ordinal)) return true;
        try { return string.Equals(space.Format(space.Parse(reported)), expected, StringComparison.Ordinal); }
        catch (ArchitectureFormatException) { return false; }
    }

    private LatencyMeasurement ToMeasurement(AgentMeasurement r, string arch)
    {
        var s = _options.Setting;
        Check("batch", r.BatchSize, s.BatchSize, r);
        Check("threads", r.Threads, s.Threads, r);
        Check("input", r.InputSize, s.InputSize, r);
        var runtime = r.Runtime ?? _options.Runtime ?? "unknown";
        return new LatencyMeasurement(space.Name, arch, _options.Device, s, runtime, r.MedianMs, r.MeanMs, r.StdMs, r.Runs,
            DateTimeOffset.UtcNow, "agent: " + agent.Template);
    }

    /// <summary>A reported setting that differs from the requested one would mislabel the data: refuse it.</summary>
    private static void Check(string field, int? reported, int requested, AgentMeasurement r)
    {
        if (reported is int v && requested != 0 && v != requested)
            throw new AgentProtocolException($"agent output line {r.Line}: reports {field} {v} but {requested} was requested (for {r.Architecture}); check the agent template's placeholders");
    }
}
