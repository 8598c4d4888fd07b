namespace OneProxy.Data;

/// <summary>A structural problem in an input file, located by file, line (1-based) and column.</summary>
public sealed class DataFormatException(string file, long line, string? column, string problem)
    : OneProxyException(column is null ? $"{file}:{line}: {problem}" : $"{file}:{line}: column '{Quote(column, 60)}': {problem}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string? Column { get; } = column;
    public string Problem { get; } = problem;
}
