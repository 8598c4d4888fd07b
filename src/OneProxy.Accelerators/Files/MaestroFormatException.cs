namespace OneProxy.Accelerators.Files;

/// <summary>A MAESTRO model or hardware file does not parse; the message starts with <c>file:line:column:</c>.</summary>
public sealed class MaestroFormatException(string file, int line, int column, string message)
    : OneProxyException($"{file}:{line}:{column}: {message}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
}
