using System.Globalization;
using CsvHelper;
using OneProxy.Data;
using OneProxy.Reports.Figures;

namespace OneProxy.Aquaman.Reports;

/// <summary>
/// Redraws a simulation's figures from the CSVs <c>aquaman simulate --details DIR</c> saved
/// (summary, curves, selections, training-loss), so the documentation's figures can be rendered again
/// without rerunning 20,000-round simulations. The QoE CDF is not among the saved tables, so it
/// cannot be redrawn this way.
/// </summary>
public static class SimulationCsvFigures
{
    /// <summary>Figure names written into the details folder, with the extension of <paramref name="format"/>.</summary>
    public static IReadOnlyList<string> Write(string directory, FigureFormat format, string? mainPlot = null)
    {
        var curves = Read(directory);
        string ext = format.ToString().ToLowerInvariant();
        var written = new List<string>();
        void Save(string name, Figure? f)
        {
            if (f is null) return;
            var path = Path.Combine(directory, $"{name}.{ext}");
            f.Save(path, "type");
            written.Add(path);
        }
        Save("avg-qoe", SimulationPlots.AverageQoe(curves));
        Save("regret", SimulationPlots.Regret(curves));
        Save("selections", SimulationPlots.Selections(curves));
        Save("training-loss", SimulationPlots.Loss(curves));
        if (mainPlot is not null) { SimulationPlots.AverageQoe(curves).Save(mainPlot); written.Add(mainPlot); }
        return written;
    }

    public static SimulationCurves Read(string directory)
    {
        var summary = Table(Path.Combine(directory, "summary.csv"));
        var curves = Table(Path.Combine(directory, "curves.csv"));
        var selections = Table(Path.Combine(directory, "selections.csv"));
        var lossPath = Path.Combine(directory, "training-loss.csv");
        (string[] Header, List<string[]> Rows)? loss = File.Exists(lossPath) ? Table(lossPath) : null;

        var (sh, sr) = summary;
        if (sr.Count == 0) throw new DataFormatException(Path.Combine(directory, "summary.csv"), 2, null, "no policies");
        string[] policies = sr.Select(r => r[Col(sh, "policy", "summary.csv")]).ToArray();
        var first = sr[0];
        bool synthetic = bool.Parse(first[Col(sh, "synthetic", "summary.csv")]);
        string label = first[Col(sh, "env", "summary.csv")] + (synthetic ? " (SYNTHETIC)" : "");
        string subtitle = SimulationPlots.Subtitle(label, Int(first[Col(sh, "rounds", "summary.csv")]), Int(first[Col(sh, "max_delay", "summary.csv")]), Int(first[Col(sh, "seed_count", "summary.csv")]));
        var slopes = sr.Select(r => Num(r[Col(sh, "regret_loglog_slope_last_half", "summary.csv")])).ToArray();

        var (ch, cr) = curves;
        double[] Column(List<string[]> rows, int c) => rows.Select(r => Num(r[c])).ToArray();
        var rounds = Column(cr, Col(ch, "round", "curves.csv"));
        var avg = policies.Select(p => Column(cr, Col(ch, $"{p}_avg_qoe", "curves.csv"))).ToArray();
        var std = policies.Select(p => Column(cr, Col(ch, $"{p}_avg_qoe_std", "curves.csv"))).ToArray();
        var regret = policies.Select(p => Column(cr, Col(ch, $"{p}_regret", "curves.csv"))).ToArray();

        // selections.csv: model, the oracle's share on the first policy's devices, then one share per policy in summary order.
        var (selh, selr) = selections;
        if (selh.Length != policies.Length + 2) throw new DataFormatException(Path.Combine(directory, "selections.csv"), 1, null, $"{selh.Length} columns for {policies.Length} policies (expected model, oracle_share and one per policy)");
        var models = selr.Select(r => r[0]).ToArray();
        var oracle = Column(selr, 1);
        var shares = policies.Select((_, i) => Column(selr, i + 2)).ToArray();

        var trained = new List<string>();
        var losses = new List<double[]>();
        if (loss is { } l)
            for (int c = 1; c < l.Header.Length; c++)
            {
                trained.Add(l.Header[c].EndsWith("_loss", StringComparison.Ordinal) ? l.Header[c][..^5] : l.Header[c]);
                losses.Add(l.Rows.Select(r => r[c]).TakeWhile(v => v.Length > 0).Select(Num).ToArray());
            }
        return new SimulationCurves(subtitle, policies, rounds, avg, std, regret, slopes, models, oracle, shares, trained, losses);
    }

    private static (string[] Header, List<string[]> Rows) Table(string path)
    {
        if (!File.Exists(path)) throw new UnusableDataException($"{path}: not found (write it with aquaman simulate --details)");
        using var text = new StreamReader(path);
        using var csv = CsvReader.Create(text, new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true, TrimWhitespace = true, MalformedData = CsvMalformedDataHandling.Throw }, false);
        string[] Fields() => Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i).Trim()).ToArray();
        if (!csv.Read()) throw new DataFormatException(path, 1, null, "file is empty (expected a header row)");
        var header = Fields();
        var rows = new List<string[]>();
        while (csv.Read())
        {
            var r = Fields();
            if (r.Length != header.Length) throw new DataFormatException(path, csv.LineNumber, null, $"{r.Length} fields, header has {header.Length}");
            rows.Add(r);
        }
        return (header, rows);
    }

    private static int Col(string[] header, string name, string file)
    {
        int i = Array.IndexOf(header, name);
        return i >= 0 ? i : throw new DataFormatException(file, 1, name, "column missing");
    }

    private static double Num(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
