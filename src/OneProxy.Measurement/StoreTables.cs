using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Measurement;

/// <summary>
/// Converts between the store and the wide tables every other command reads. A column is a
/// device; a device measured under several settings gets one column per setting, named
/// <c>device_b{batch}_t{threads}_i{input}</c>.
/// </summary>
public static class StoreTables
{
    /// <summary>
    /// One row per architecture measured on any selected device (first-stored order), one column
    /// per (device, setting); cells never measured are NaN (written as empty).
    /// </summary>
    public static WideTable ToWideTable(MeasurementStore store, ISearchSpace space, LatencyStatistic statistic = LatencyStatistic.Median,
        IReadOnlyCollection<string>? devices = null, MeasuredMetric metric = MeasuredMetric.Latency)
    {
        // One pass over the store, building the columns as measurements arrive: the memory is the
        // table, never a record object per measurement.
        var column = new Dictionary<(string Device, MeasurementSetting Setting), int>();
        var series = new List<(string Device, MeasurementSetting Setting)>();
        var values = new List<List<double>>();
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var archs = new List<Architecture>();
        var seenDevices = new HashSet<string>(StringComparer.Ordinal);
        StoreException? noFastest = null; // reported after the "nothing stored" checks, as before
        foreach (var m in store.Stream(space.Name))
        {
            if (devices is not null && !devices.Contains(m.Device)) continue;
            // Energy: only measurements that carry it (a device measured without a counter has none).
            if (metric == MeasuredMetric.Energy && m.EnergyMj is null) continue;
            seenDevices.Add(m.Device);
            if (!column.TryGetValue((m.Device, m.Setting), out int c))
            {
                column[(m.Device, m.Setting)] = c = series.Count;
                series.Add((m.Device, m.Setting));
                values.Add([.. Enumerable.Repeat(double.NaN, archs.Count)]);
            }
            if (!rowOf.TryGetValue(m.Architecture, out int r))
            {
                rowOf[m.Architecture] = r = archs.Count;
                archs.Add(space.Parse(m.Architecture));
                foreach (var v in values) v.Add(double.NaN);
            }
            double? value = metric == MeasuredMetric.Energy ? m.EnergyMj!.Value : statistic switch
            {
                LatencyStatistic.Mean => m.MeanMs ?? m.MedianMs,
                LatencyStatistic.Min => m.MinMs,
                _ => m.MedianMs,
            };
            if (value is null)
            {
                noFastest ??= new StoreException(
                    $"{store.Path}: {m.Device} ({m.Setting.Label}) has no fastest-run latency for {m.Architecture} (source: {m.Source}); export it with the median, or leave it out with --devices");
                continue;
            }
            values[c][r] = value.Value;
        }
        string what = metric == MeasuredMetric.Energy ? "energy " : "";
        if (series.Count == 0)
            throw new StoreException($"{store.Path}: no {space.Name} {what}measurements" + (devices is null ? "" : $" for {string.Join(", ", devices)}"));
        if (devices is not null)
            foreach (var d in devices.Where(d => !seenDevices.Contains(d)))
                throw new StoreException($"{store.Path}: no {space.Name} {what}measurements for device '{d}'");
        if (noFastest is not null) throw noFastest;
        var perDevice = series.GroupBy(s => s.Device).ToDictionary(g => g.Key, g => g.Count());
        var names = series.Select(s => perDevice[s.Device] == 1 ? s.Device : $"{s.Device}_{s.Setting.Label}").ToArray();
        return new WideTable(store.Path, ValueKind.LatencyMs, names, values.Select(v => v.ToArray()).ToArray(), null, archs);
    }

    /// <summary>Measurements for every present cell of a latency table (missing cells are skipped and not stored).</summary>
    public static IReadOnlyList<LatencyMeasurement> FromWideTable(WideTable table, ISearchSpace space, MeasurementSetting setting,
        string runtime, IReadOnlyCollection<string>? devices = null)
    {
        var archs = table.RequireArchitectures();
        var text = archs.Select(space.Format).ToArray();
        var at = DateTimeOffset.UtcNow;
        var list = new List<LatencyMeasurement>();
        foreach (var device in devices ?? table.ColumnNames)
        {
            var col = table.Column(device);
            for (int r = 0; r < col.Length; r++)
                if (!double.IsNaN(col[r]))
                    list.Add(new LatencyMeasurement(space.Name, text[r], device, setting, runtime, col[r], null, null, null, at, "import: " + table.Source));
        }
        return list;
    }

    /// <summary>The rows with a value in every column.</summary>
    public static WideTable CompleteRows(WideTable table)
    {
        var archs = table.RequireArchitectures();
        var keep = Enumerable.Range(0, table.RowCount)
            .Where(r => Enumerable.Range(0, table.ColumnNames.Count).All(c => !double.IsNaN(table.Column(c)[r]))).ToArray();
        var values = Enumerable.Range(0, table.ColumnNames.Count).Select(c => keep.Select(r => table.Column(c)[r]).ToArray()).ToArray();
        return new WideTable(table.Source, table.Kind, table.ColumnNames, values, null, keep.Select(r => archs[r]).ToList());
    }
}
