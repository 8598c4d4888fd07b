using System.Text.Encodings.Web;
using System.Text.Json;
using OneProxy.Data;
using OneProxy.Measurement;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.Measurement;

/// <summary>
/// A device agent without hardware: latency replayed from a recorded column or derived from
/// FLOPs, with optional noise that is a function of (seed, architecture) so a repeat repeats exactly.
/// </summary>
public sealed class FakeAgent
{
    private readonly ISearchSpace _space;
    private readonly Func<Architecture, double> _truth;
    private readonly MeasurementSetting _setting;
    private readonly double _noise;
    private readonly int _seed;

    /// <summary>One line per result, characters as they are (architecture strings hold '+' and '|').</summary>
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public FakeAgent(ISearchSpace space, MeasurementSetting setting, string? latencyPath, string? column, double noise, int seed)
    {
        _space = space;
        _setting = setting;
        _noise = Require.AtLeast(noise, 0.0, "noise");
        _seed = seed;
        _truth = a => 0.05 + space.Cost(a).MFlops / 100.0;
        if (latencyPath is string path)
        {
            var col = column ?? throw new InvalidOptionException("column", "--latency needs --column");
            var table = WideTableReader.ReadLatency(path, space);
            var archs = table.RequireArchitectures();
            var values = table.Column(col).ToArray();
            var map = new Dictionary<Architecture, double>();
            for (int i = 0; i < archs.Count; i++) map[archs[i]] = values[i];
            _truth = a => map.TryGetValue(a, out var v) ? v : throw new UnusableDataException($"not in {path}");
        }
    }

    /// <summary>One line of the agent protocol for one architecture's text form.</summary>
    public string Answer(string text)
    {
        double ms;
        try { ms = _truth(_space.Parse(text)); }
        catch (ArchitectureFormatException e)
        {
            return JsonSerializer.Serialize(new { arch = text, error = e.Message }, Json);
        }
        if (double.IsNaN(ms)) return JsonSerializer.Serialize(new { arch = text, error = "no recorded latency" }, Json);
        var rng = new Random(HashCode.Combine(_seed, StableHash(text)));
        ms = Math.Max(1e-6, ms * (1 + _noise * MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1)));
        return JsonSerializer.Serialize(new
        {
            arch = text, median_ms = ms, mean_ms = ms, min_ms = ms, std_ms = ms * _noise, runs = 1,
            batch = _setting.BatchSize, threads = _setting.Threads, input = _setting.InputSize, runtime = "oneproxy-fake-agent",
        }, Json);
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            int h = (int)2166136261;
            foreach (var ch in s) h = (h ^ ch) * 16777619;
            return h;
        }
    }
}
