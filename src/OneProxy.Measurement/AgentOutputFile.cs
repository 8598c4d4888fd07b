using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Measurement;

/// <summary>
/// Reads an agent's output saved to a file (the agent ran where OneProxy does not: a GPU
/// server, a phone farm) into measurements for one device. The setting comes from each line's
/// batch/threads/input; <paramref name="setting"/>, when given, must agree with them. Any bad
/// line stops the read with file and line (DataFormatException, or AgentProtocolException for a
/// garbled line), so nothing half-read is stored.
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
        // One value per architecture and setting: a repeat with another latency would otherwise be
        // stored as "already stored and kept" and the second value lost without a word.
        var first = new Dictionary<(string Arch, MeasurementSetting Setting), (long Line, double Ms)>();
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            // A garbled line raises AgentProtocolException, whose message already names path:line.
            var report = AgentOutputParser.Parse(text, path, line);
            if (report is null) continue;
            if (report is AgentFailure f) { failures.Add(f); continue; }
            var m = (AgentMeasurement)report;
            string arch;
            try { arch = space.Format(space.Parse(m.Architecture)); }
            catch (ArchitectureFormatException e) { throw new DataFormatException(path, line, "arch", e.Message); }
            var requested = setting ?? MeasurementSetting.Unknown;
            if (requested.Conflict(m.BatchSize, m.Threads, m.InputSize) is string conflict)
                throw new DataFormatException(path, line, null, $"line {conflict} by the import");
            var s = requested.FilledFrom(m.BatchSize, m.Threads, m.InputSize);
            if (first.TryGetValue((arch, s), out var earlier))
            {
                if (earlier.Ms != m.MedianMs)
                    throw new DataFormatException(path, line, "median_ms",
                        $"repeats the architecture of line {earlier.Line} with another latency ({m.MedianMs} vs {earlier.Ms} ms); keep one line per architecture and setting");
                continue;
            }
            first[(arch, s)] = (line, m.MedianMs);
            measurements.Add(new LatencyMeasurement(space.Name, arch, device, s, m.Runtime ?? runtime ?? "unknown",
                m.MedianMs, m.MeanMs, m.StdMs, m.Runs, when, "agent output: " + Path.GetFileName(path), m.MinMs, m.EnergyMj));
        }
        return (measurements, failures);
    }
}
