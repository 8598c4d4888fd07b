using System.Globalization;
using System.Text;

namespace OneProxy.Measurement;

/// <summary>
/// A device agent given as a shell command template. Placeholders: <c>{space}</c>,
/// <c>{batch}</c>, <c>{threads}</c>, <c>{input}</c>, <c>{warmup}</c>, <c>{runs}</c>,
/// <c>{arch}</c> and <c>{oneproxy}</c> (this very program, so <c>'{oneproxy} fake-agent ...'</c>
/// works from a checkout or an installed tool without <c>oneproxy</c> on PATH). Without <c>{arch}</c> the agent is started once and fed architectures on stdin,
/// one per line (the bundled agent); with it, one process runs per architecture (a phone
/// benchmark behind adb, say). Run through <c>/bin/sh -c</c>, so pipes and redirections work;
/// the architecture is single-quoted for the shell.
/// </summary>
public sealed class AgentCommand
{
    private static readonly string[] Known = ["space", "batch", "threads", "input", "warmup", "runs", "arch", "oneproxy"];

    public AgentCommand(string template)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        int i = 0;
        while ((i = template.IndexOf('{', i)) >= 0)
        {
            int j = template.IndexOf('}', i);
            if (j < 0) break;
            var name = template[(i + 1)..j];
            if (name.Length > 0 && name.All(c => char.IsAsciiLetterLower(c) || c == '_') && !Known.Contains(name))
                throw new InvalidOptionException("agent", $"agent template: unknown placeholder '{{{name}}}' (expected {string.Join(", ", Known.Select(k => "{" + k + "}"))})");
            i = j + 1;
        }
        Template = template;
    }

    public string Template { get; }

    /// <summary>Whether one process runs per architecture (the template names <c>{arch}</c>).</summary>
    public bool PerArchitecture => Template.Contains("{arch}", StringComparison.Ordinal);

    /// <summary>The command line with every placeholder filled in.</summary>
    public string Render(string space, MeasurementSetting setting, int warmup, int runs, string? architecture = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(Template)
            .Replace("{space}", space)
            .Replace("{batch}", setting.BatchSize.ToString(inv))
            .Replace("{threads}", setting.Threads.ToString(inv))
            .Replace("{input}", setting.InputSize.ToString(inv))
            .Replace("{warmup}", warmup.ToString(inv))
            .Replace("{runs}", runs.ToString(inv));
        if (Template.Contains("{oneproxy}", StringComparison.Ordinal)) sb.Replace("{oneproxy}", SelfCommand());
        if (architecture is not null) sb.Replace("{arch}", ShellQuote(architecture));
        return sb.ToString();
    }

    /// <summary>POSIX single-quoting: the text reaches the agent as one argument, byte for byte.</summary>
    /// <summary>The shell words that start this program again: its app host, or <c>dotnet</c> plus the entry assembly.</summary>
    public static string SelfCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" && !string.IsNullOrEmpty(entry)
            ? $"{ShellQuote(process)} {ShellQuote(entry)}" : ShellQuote(process);
    }

    public static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
