using System.Text;

namespace OneProxy.Cli.Commands;

/// <summary>
/// A file writer (UTF-8 without BOM, as <see cref="File.WriteAllText(string, string?)"/>) that
/// creates its file at the first write: a command that fails before its result starts leaves no
/// empty or stale file behind, and one that streams never builds its result as one string.
/// </summary>
public sealed class LazyFileWriter(string path) : TextWriter
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);
    private StreamWriter? _file;

    public override Encoding Encoding => Utf8;

    private StreamWriter File => _file ??= new StreamWriter(path, false, Utf8, 1 << 16) { NewLine = NewLine };

    public override void Write(char value) => File.Write(value);
    public override void Write(char[] buffer, int index, int count) => File.Write(buffer, index, count);
    public override void Write(ReadOnlySpan<char> buffer) => File.Write(buffer);
    public override void Write(string? value) => File.Write(value);
    public override void Flush() => _file?.Flush();

    /// <summary>Creates the file even if nothing was written (an empty result is still a result).</summary>
    public void Complete() => File.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file?.Dispose();
        base.Dispose(disposing);
    }
}
