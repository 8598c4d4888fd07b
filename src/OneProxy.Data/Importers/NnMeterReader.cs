using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OneProxy.Data.Importers;

/// <summary>
/// nn-Meter's latency files as a wide table (one row per model, one column per predictor or
/// device): its benchmark dataset in JSON lines (<c>{"id": ..., "graph": {...},
/// "cortexA76cpu_tflite21": 12.3, ...}</c>, the graph ignored, an empty or null latency missing)
/// and the long CSV its <c>predict</c> writes (<c>model_name, predictor, latency</c>, plus
/// optional <c>model_type</c> and <c>predictor_version</c>). Models are not architectures of a
/// OneProxy space, so rows carry only an index (their order of first appearance) and the names
/// come back beside the table.
/// </summary>
public static class NnMeterReader
{
    /// <summary>The predictors of nn-Meter's benchmark dataset (its four measured devices).</summary>
    public static readonly IReadOnlyList<string> KnownDevices =
        ["cortexA76cpu_tflite21", "adreno640gpu_tflite21", "adreno630gpu_tflite21", "myriadvpu_openvino2019r2"];

    public static (WideTable Table, IReadOnlyList<string> Models) Read(string path) =>
        ArchitectureListReader.LooksLikeJsonLines(path) ? ReadJsonLines(path) : ReadCsv(path);

    public static (WideTable Table, IReadOnlyList<string> Models) ReadJsonLines(string path)
    {
        var acc = new Accumulator(path);
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonObject obj;
            try { obj = JsonNode.Parse(text) as JsonObject ?? throw new DataFormatException(path, line, null, "expected one JSON object per line"); }
            catch (JsonException e) { throw new DataFormatException(path, line, null, $"invalid JSON ({e.Message})"); }
            if (obj["id"] is not JsonValue idNode) throw new DataFormatException(path, line, "id", "missing model id");
            string id = idNode.TryGetValue<string>(out var s) ? s : idNode.ToJsonString();
            foreach (var (key, value) in obj)
            {
                if (key is "id" or "graph" || value is null) continue;
                if (value is JsonValue v && v.TryGetValue<double>(out var ms)) acc.Add(id, key, ms, line);
                else if (value is JsonValue t && t.TryGetValue<string>(out var str) && str.Length == 0) continue;
                else if (KnownDevices.Contains(key))
                    throw new DataFormatException(path, line, key, $"'{OneProxyException.Quote(value.ToJsonString(), 40)}' is not a number");
            }
        }
        return acc.Build();
    }

    public static (WideTable Table, IReadOnlyList<string> Models) ReadCsv(string path)
    {
        var acc = new Accumulator(path);
        int model = -1, predictor = -1, latency = -1;
        foreach (var (raw, line) in CsvRecords.Read(path))
        {
            var fields = raw.Select(f => f.Trim()).ToArray();
            if (model < 0)
            {
                model = Array.IndexOf(fields, "model_name"); predictor = Array.IndexOf(fields, "predictor"); latency = Array.IndexOf(fields, "latency");
                if (model < 0 || predictor < 0 || latency < 0)
                    throw new DataFormatException(path, line, null, $"an nn-Meter CSV needs columns model_name, predictor, latency (found: {OneProxyException.Quote(string.Join(", ", fields), 200)})");
                continue;
            }
            if (fields.Length <= Math.Max(model, Math.Max(predictor, latency)))
                throw new DataFormatException(path, line, null, $"{fields.Length} fields, fewer than the header's");
            if (!double.TryParse(fields[latency], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
                throw new DataFormatException(path, line, "latency", $"'{OneProxyException.Quote(fields[latency], 40)}' is not a number");
            acc.Add(fields[model], fields[predictor], ms, line);
        }
        if (model < 0) throw new DataFormatException(path, 1, null, "empty file");
        return acc.Build();
    }

    /// <summary>Collects (model, device, ms) triples into columns; a repeated pair is refused, not overwritten.</summary>
    private sealed class Accumulator(string path)
    {
        private readonly List<string> _models = [];
        private readonly Dictionary<string, int> _row = new(StringComparer.Ordinal);
        private readonly List<string> _devices = [];
        private readonly Dictionary<string, Dictionary<int, double>> _values = new(StringComparer.Ordinal);

        public void Add(string model, string device, double ms, long line)
        {
            if (model.Length == 0) throw new DataFormatException(path, line, "model_name", "empty model name");
            if (device.Length == 0 || device.Length > WideTableReader.MaxColumnNameLength || device.Any(char.IsControl))
                throw new DataFormatException(path, line, "predictor", $"unusable device name '{OneProxyException.Quote(device, 40)}'");
            if (!double.IsFinite(ms) || ms <= 0 || ms > WideTableReader.MaxValue)
                throw new DataFormatException(path, line, device, $"latency {ms.ToString(CultureInfo.InvariantCulture)} is not a positive finite number of ms");
            if (!_row.TryGetValue(model, out int r)) { r = _models.Count; _row[model] = r; _models.Add(model); }
            if (!_values.TryGetValue(device, out var col)) { col = []; _values[device] = col; _devices.Add(device); }
            if (!col.TryAdd(r, ms)) throw new DataFormatException(path, line, device, $"model '{OneProxyException.Quote(model, 60)}' has two latencies");
        }

        public (WideTable, IReadOnlyList<string>) Build()
        {
            if (_models.Count == 0) throw new DataFormatException(path, 1, null, "no latencies");
            var columns = _devices.Select(d =>
            {
                var col = new double[_models.Count];
                Array.Fill(col, double.NaN);
                foreach (var (r, v) in _values[d]) col[r] = v;
                return col;
            }).ToArray();
            var table = new WideTable(path, ValueKind.LatencyMs, _devices.ToArray(), columns, Enumerable.Range(0, _models.Count).ToArray(), null);
            return (table, _models);
        }
    }
}
