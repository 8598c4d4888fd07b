using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using OneProxy.Monotonicity;

namespace OneProxy.Reports;

/// <summary>
/// Text, CSV and JSON forms of an SRCC matrix. The <c>Write*</c> methods stream one matrix row
/// at a time to a <see cref="TextWriter"/> (a 3,000-device matrix is 9 million cells: its text
/// must never be built in memory); the string forms call them and give the same bytes.
/// </summary>
public static class SrccMatrixOutput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Square table: device names in the header row and the first column; values to 4 decimals, empty where undefined.</summary>
    public static OutputTable Table(SrccMatrix m)
    {
        var t = new OutputTable(["device", .. m.Devices]);
        for (int i = 0; i < m.Devices.Count; i++)
            t.Add([m.Devices[i], .. Enumerable.Range(0, m.Devices.Count).Select(j => Num(m[i, j]))]);
        return t;
    }

    public static string Csv(SrccMatrix m) => ToText(w => WriteCsv(m, w));

    /// <summary>The CSV of <see cref="Table"/> (as <see cref="CsvOutput"/> writes it), one row at a time.</summary>
    public static void WriteCsv(SrccMatrix m, TextWriter writer, CancellationToken cancel = default)
    {
        int d = m.Devices.Count;
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n" }, true);
        var row = new string[d + 1];
        row[0] = "device";
        for (int j = 0; j < d; j++) row[j + 1] = m.Devices[j];
        csv.WriteRecord(row);
        for (int i = 0; i < d; i++)
        {
            cancel.ThrowIfCancellationRequested();
            row[0] = m.Devices[i];
            for (int j = 0; j < d; j++) row[j + 1] = Num(m[i, j]);
            csv.WriteRecord(row);
        }
        csv.Flush();
    }

    /// <summary>The matrix with its pair counts (how many architectures each SRCC rests on); null where undefined.</summary>
    public static string Json(SrccMatrix m, double threshold) => ToText(w => WriteJson(m, threshold, w));

    /// <summary>
    /// The JSON of <see cref="Json"/> streamed: <c>devices</c>, <c>threshold</c>, <c>srcc</c>
    /// (rounded to 6 decimals) and <c>pairs</c>, indented as <see cref="JsonOutput"/> does.
    /// </summary>
    public static void WriteJson(SrccMatrix m, double threshold, TextWriter writer, CancellationToken cancel = default)
    {
        int d = m.Devices.Count;
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JsonOutput.Options.Encoder });
        void Flush()
        {
            json.Flush();
            writer.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
            buffer.ResetWrittenCount();
        }
        json.WriteStartObject();
        json.WriteStartArray("devices");
        foreach (var name in m.Devices) json.WriteStringValue(name);
        json.WriteEndArray();
        json.WriteNumber("threshold", threshold);
        json.WriteStartArray("srcc");
        for (int i = 0; i < d; i++)
        {
            cancel.ThrowIfCancellationRequested();
            json.WriteStartArray();
            for (int j = 0; j < d; j++)
            {
                if (double.IsNaN(m[i, j])) json.WriteNullValue();
                else json.WriteNumberValue(Math.Round(m[i, j], 6));
            }
            json.WriteEndArray();
            Flush();
        }
        json.WriteEndArray();
        json.WriteStartArray("pairs");
        for (int i = 0; i < d; i++)
        {
            json.WriteStartArray();
            for (int j = 0; j < d; j++) json.WriteNumberValue(m.PairCount(i, j));
            json.WriteEndArray();
            Flush();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        Flush();
        writer.Write('\n');
    }

    /// <summary>Numbered columns (device names are long), 2 decimals, then the weakest pairs.</summary>
    public static string Text(SrccMatrix m, double threshold) => ToText(w => WriteText(m, threshold, w));

    /// <summary>The text of <see cref="Text"/>, one row at a time; the weakest pairs are kept in a bounded list, not all of them.</summary>
    public static void WriteText(SrccMatrix m, double threshold, TextWriter writer, CancellationToken cancel = default)
    {
        const int Weakest = 5;
        int d = m.Devices.Count;
        int w = m.Devices.Max(x => x.Length);
        var sb = new StringBuilder();
        sb.Append(' ', w + 5);
        for (int j = 0; j < d; j++) sb.Append((j + 1).ToString(Inv).PadLeft(5));
        sb.Append('\n');
        writer.Write(sb);
        for (int i = 0; i < d; i++)
        {
            cancel.ThrowIfCancellationRequested();
            sb.Clear();
            sb.Append((i + 1).ToString(Inv).PadLeft(3)).Append(' ').Append(m.Devices[i].PadRight(w + 1));
            for (int j = 0; j < d; j++) sb.Append((double.IsNaN(m[i, j]) ? "n/a" : m[i, j].ToString("0.00", Inv)).PadLeft(5));
            sb.Append('\n');
            writer.Write(sb);
        }
        // The weakest pairs in (value, then pair order): what a stable sort of all weak pairs would list first.
        long weakCount = 0;
        var weakest = new List<(double V, int I, int J)>(Weakest + 1);
        for (int i = 0; i < d; i++)
            for (int j = i + 1; j < d; j++)
            {
                double v = m[i, j];
                if (!(v < threshold)) continue;
                weakCount++;
                if (weakest.Count == Weakest && v >= weakest[^1].V) continue;
                int at = weakest.Count;
                while (at > 0 && weakest[at - 1].V > v) at--;
                weakest.Insert(at, (v, i, j));
                if (weakest.Count > Weakest) weakest.RemoveAt(Weakest);
            }
        sb.Clear();
        sb.Append(Inv, $"\n{weakCount} of {(long)d * (d - 1) / 2} device pairs have SRCC < {threshold:0.00}");
        if (weakCount > 0)
        {
            sb.Append("; weakest:\n");
            foreach (var (v, i, j) in weakest) sb.Append(Inv, $"  {m.Devices[i]} vs {m.Devices[j]}: {v:0.0000}\n");
        }
        else sb.Append('\n');
        writer.Write(sb);
    }

    /// <summary>The matrix in <paramref name="format"/> (table: <see cref="WriteText"/>), streamed.</summary>
    public static void Write(SrccMatrix m, double threshold, OutputFormat format, TextWriter writer, CancellationToken cancel = default)
    {
        switch (format)
        {
            case OutputFormat.Csv: WriteCsv(m, writer, cancel); break;
            case OutputFormat.Json: WriteJson(m, threshold, writer, cancel); break;
            default: WriteText(m, threshold, writer, cancel); break;
        }
    }

    public static string Num(double v) => double.IsNaN(v) ? "" : v.ToString("0.0000", Inv);

    private static string ToText(Action<TextWriter> write)
    {
        using var text = new StringWriter(Inv);
        write(text);
        return text.ToString();
    }
}
