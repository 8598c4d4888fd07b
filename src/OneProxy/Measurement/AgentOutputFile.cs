using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Measurement;

/// <summary>
/// Reads an agent's output saved to a file (the agent ran where OneProxy does not: a GPU
/// server, a phone farm) into measurements for one device. The setting comes from each line's
/// batch/threads/input; <paramref name="setting"/>, when given, must agree with them. Any bad
/// line stops the read with file and line, so nothing half-read is stored.
/// </summary>
public static class AgentOutputFile
{
    public static (IReadOnlyList<LatencyMeasurement> Measurements, IReadOnlyList<AgentFailure> Failures) Read(
        string path, ISearchSpace space, string device, MeasurementSetting? setting = null, string? runtime = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}", path);
        var measurements = new List<LatencyMeasurement>();
        var failures = new List<AgentFailure>();
        var when = File.GetLastWriteTimeUtc(path);
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            AgentReport? report;
            try { report = AgentOutputParser.Parse(text, path, line); }
            catch (AgentProtocolException e) { throw new DataFormatException(path, line, null, e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]); }
            if (report is null) continue;
            if (report is AgentFailure f) { failures.Add(f); continue; }
            var m = (AgentMeasurement)report;
            string arch;
            try { arch = space.Format(space.Parse(m.Architecture)); }
            catch (ArchitectureFormatException e) { throw new DataFormatException(path, line, "arch", e.Message); }
            var s = new MeasurementSetting(m.BatchSize ?? 0, m.Threads ?? 0, m.InputSize ?? 0);
            if (setting is not null)
            {
                if ((m.BatchSize is int b && setting.BatchSize != 0 && b != setting.BatchSize)
                    || (m.Threads is int t && setting.Threads != 0 && t != setting.Threads)
                    || (m.InputSize is int i && setting.InputSize != 0 && i != setting.InputSize))
                    throw new DataFormatException(path, line, null, $"line reports {s.Label} but the import asked for {setting.Label}");
                s = new MeasurementSetting(setting.BatchSize != 0 ? setting.BatchSize : s.BatchSize,
                    setting.Threads != 0 ? setting.Threads : s.Threads, setting.InputSize != 0 ? setting.InputSize : s.InputSize);
            }
            measurements.Add(new LatencyMeasurement(space.Name, arch, device, s, m.Runtime ?? runtime ?? "unknown",
                m.MedianMs, m.MeanMs, m.StdMs, m.Runs, when, "agent output: " + Path.GetFileName(path)));
        }
        return (measurements, failures);
    }
}
