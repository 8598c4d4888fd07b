using System.CommandLine;
using OneProxy.Reports;
using OneProxy.Reports.Figures;

namespace OneProxy.Cli.Commands;

/// <summary>
/// --format (where offered) and --output, and the one place a command's result is written:
/// a table goes out as aligned text, CSV or JSON through Reports; a command with its own text
/// layout passes it for the table format only.
/// </summary>
public sealed class OutputOptions
{
    public Option<string>? Format { get; }
    public Option<string?> Output { get; } = CommonOptions.Output();

    public OutputOptions(bool format = true, string defaultFormat = "table")
    {
        if (format) Format = CommonOptions.Format(defaultFormat);
    }

    public IEnumerable<Option> All => new Option?[] { Format, Output }.OfType<Option>();

    public OutputFormat FormatOf(ParseResult parse) => Format is null ? OutputFormat.Csv : OutputFormats.Parse(parse.GetValue(Format)!);

    /// <summary>
    /// Writes <paramref name="table"/> in the chosen format; <paramref name="text"/> and
    /// <paramref name="json"/>, if given, replace the generic aligned table and the flat JSON array.
    /// </summary>
    public void Emit(ParseResult parse, OutputTable table, Func<string>? text = null, Func<string>? json = null)
    {
        var format = FormatOf(parse);
        Emit(parse, format switch
        {
            OutputFormat.Table when text is not null => text(),
            OutputFormat.Json when json is not null => json(),
            _ => OutputFormats.Write(table, format),
        });
    }

    public void Emit(ParseResult parse, string text) => CommonOptions.Emit(parse, Output, text);

    /// <summary>
    /// Streams the result to --output (UTF-8, no BOM, as <see cref="Emit(ParseResult, string)"/>) or
    /// standard output, for results too large to build as one string first.
    /// </summary>
    public void Stream(ParseResult parse, Action<TextWriter, OutputFormat> write)
    {
        var format = FormatOf(parse);
        var path = parse.GetValue(Output);
        if (path is null)
        {
            write(parse.InvocationConfiguration.Output, format);
            return;
        }
        using (var file = new LazyFileWriter(path))
        {
            write(file, format);
            file.Complete();
        }
        parse.InvocationConfiguration.Error.WriteLine($"wrote {path}");
    }
}

/// <summary>Lines for standard error (what was loaded, what was decided), never mixed into the result.</summary>
public static class Log
{
    public static void Write(ParseResult parse, IEnumerable<string> lines)
    {
        foreach (var line in lines) parse.InvocationConfiguration.Error.WriteLine(line);
    }

    /// <summary>
    /// The figure path given to <paramref name="option"/>, its extension (.svg/.png/.pdf) checked before any
    /// work starts, or null when the option was not given.
    /// </summary>
    public static string? FigurePath(ParseResult parse, Option<string?> option)
    {
        var path = parse.GetValue(option);
        if (path is not null) FigureFormats.FromPath(path, option.Name.TrimStart('-'));
        return path;
    }

    /// <summary>Writes a figure in the format its extension names and says so.</summary>
    public static void WriteFigure(ParseResult parse, string path, Figure figure)
    {
        figure.Save(path);
        parse.InvocationConfiguration.Error.WriteLine($"wrote {path}");
    }

    /// <summary>Writes an SVG (or any text) file the user asked for and says so.</summary>
    public static void WriteFile(ParseResult parse, string path, string content)
    {
        File.WriteAllText(path, content);
        parse.InvocationConfiguration.Error.WriteLine($"wrote {path}");
    }
}

/// <summary>Adding option groups to a command in one line.</summary>
public static class CommandExtensions
{
    public static Command With(this Command command, params IEnumerable<Option>[] groups)
    {
        foreach (var g in groups) foreach (var o in g) command.Options.Add(o);
        return command;
    }

    public static Command With(this Command command, params Option[] options) => command.With((IEnumerable<Option>)options);
}
