namespace OneProxy.Application;

/// <summary>
/// Lines for a log (what was loaded, what was skipped, how long it took), kept apart from the
/// result: the CLI writes them to standard error, a service to its log.
/// </summary>
public sealed class Notes
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    public void Add(string line) => _lines.Add(line);

    public void AddRange(IEnumerable<string> lines) => _lines.AddRange(lines);
}
