using FsCheck;
using FsCheck.Fluent;

namespace OneProxy.Reliability.Tests;

/// <summary>
/// Generators of hostile text: a valid file with a few edits of the kinds that broke OneProxy
/// before (issue 17) or that careless tools produce, plus some text with no structure at all.
/// </summary>
internal static class Mutations
{
    /// <summary>Field values a spreadsheet, a shell or an attacker might leave in a cell.</summary>
    public static readonly string[] HostileFields =
    [
        "", "-1", "NaN", "nan", "0", "-0", "-5", "1e308", "-1e308", "1e-320", "Infinity", "-Infinity", "∞", "1,5", "\"1\"", "\"", "a\"b",
        "0x10", " 3 ", "1e12", "1e13", "٣", "1_000", "1 000", new string('9', 400), new string('x', 5000), "=cmd|' /C calc'!A0",
        "../../PWNED", "/etc/passwd", "\0", "\u001b[31mred", "arch", "index", "|none~0|+|bad", "null", "true", "[]", "{}",
        "$(rm -rf /)", "`id`", "; DROP TABLE measurements;--", "\uFEFF1", "1\u2028", "\uD800", "é", "日本",
    ];

    /// <summary>Single characters that change CSV or JSON structure or are invalid text.</summary>
    public static readonly string[] HostileChars =
        [",", "\"", "\n", "\r", "\r\n", "\t", ";", "\0", "\uFEFF", "\u2028", "\uD800", "{", "}", "[", "]", ":", "\\", "-", "e", "9", " "];

    private enum Edit { ReplaceField, InsertChar, DeleteRange, DuplicateLine, DeleteLine, SwapLines, AddField, DropField, Truncate }

    /// <summary>The base text with 1-3 edits; one input in ten is random text instead.</summary>
    public static Gen<string> Of(string baseText) =>
        Gen.Frequency(
            (9, Gen.Choose(1, 3).SelectMany(n => EditScript(n)).Select(script => Apply(baseText, script))),
            (1, Gen.Elements(HostileChars.Concat(HostileFields).ToArray()).ArrayOf().Select(parts => string.Concat(parts))));

    private static Gen<(Edit Kind, int A, int B, int Pick)[]> EditScript(int n) =>
        Gen.Zip(Gen.Zip(Gen.Elements(Enum.GetValues<Edit>()), Gen.Choose(0, 1_000_000)), Gen.Zip(Gen.Choose(0, 1_000_000), Gen.Choose(0, 10_000)))
            .Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2.Item1, t.Item2.Item2))
            .ArrayOf(n);

    private static string Apply(string text, (Edit Kind, int A, int B, int Pick)[] script)
    {
        foreach (var (kind, a, b, pick) in script) text = Apply(text, kind, a, b, pick);
        return text;
    }

    private static string Apply(string text, Edit kind, int a, int b, int pick)
    {
        var lines = text.Split('\n').ToList();
        int li = lines.Count == 0 ? 0 : a % lines.Count;
        switch (kind)
        {
            case Edit.ReplaceField:
            {
                var fields = lines[li].Split(',');
                fields[b % fields.Length] = HostileFields[pick % HostileFields.Length];
                lines[li] = string.Join(',', fields);
                break;
            }
            case Edit.AddField:
                lines[li] += "," + HostileFields[pick % HostileFields.Length];
                break;
            case Edit.DropField:
            {
                var fields = lines[li].Split(',').ToList();
                if (fields.Count > 1) fields.RemoveAt(b % fields.Count);
                lines[li] = string.Join(',', fields);
                break;
            }
            case Edit.DuplicateLine: lines.Insert(b % (lines.Count + 1), lines[li]); break;
            case Edit.DeleteLine: if (lines.Count > 1) lines.RemoveAt(li); break;
            case Edit.SwapLines: { int lj = b % lines.Count; (lines[li], lines[lj]) = (lines[lj], lines[li]); break; }
            case Edit.InsertChar:
            {
                int at = text.Length == 0 ? 0 : a % (text.Length + 1);
                return text[..at] + HostileChars[pick % HostileChars.Length] + text[at..];
            }
            case Edit.DeleteRange:
            {
                if (text.Length == 0) return text;
                int at = a % text.Length, len = Math.Min(1 + b % 40, text.Length - at);
                return text.Remove(at, len);
            }
            case Edit.Truncate: return text[..(text.Length == 0 ? 0 : a % text.Length)];
        }
        return string.Join('\n', lines);
    }
}
