using System.CommandLine;
using OneProxy.Data;
using OneProxy.SearchSpaces;

namespace OneProxy.Cli.Commands;

/// <summary>Options several commands share, and the loading they imply.</summary>
public static class CommonOptions
{
    public static Option<string> Space() => new("--space", "-s")
    {
        Description = $"Search space: {string.Join(", ", SearchSpaceRegistry.Names)}",
        DefaultValueFactory = _ => "nasbench201",
    };

    public static Option<string?> Latency() => new("--latency", "-l")
    {
        Description = "Wide latency CSV (index and/or arch, then one column per device). Default: $ONEPROXY_DATA/<space>/latency_ms.csv",
    };

    public static Option<string?> Architectures() => new("--architectures")
    {
        Description = "CSV with index,arch to join when the latency file has no arch column. Default: architectures.csv beside it, if present",
    };

    public static Option<string[]> Devices() => new("--devices", "-d")
    {
        Description = "Comma-separated device columns to use (default: all)",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = CommaList,
    };

    /// <summary>Parses "a,b c" style tokens into a flat list.</summary>
    public static string[] CommaList(System.CommandLine.Parsing.ArgumentResult r) =>
        r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    /// <summary>Parses comma-separated adaptation method names ("library+optype" or "LibraryOpType").</summary>
    public static OneProxy.Adaptation.AdaptationMethod[] MethodList(System.CommandLine.Parsing.ArgumentResult r)
    {
        var result = new List<OneProxy.Adaptation.AdaptationMethod>();
        foreach (var v in CommaList(r))
        {
            if (OneProxy.Adaptation.ProxyAdapter.TryParseMethod(v, out var m)) result.Add(m);
            else r.AddError($"unknown adaptation method '{v}' (expected one of {string.Join(", ", OneProxy.Adaptation.ProxyAdapter.MethodNames)})");
        }
        return [.. result];
    }

    /// <summary>Parses "auto" (null: the automatic choice) or one adaptation method name.</summary>
    public static OneProxy.Adaptation.AdaptationMethod? MethodOrAuto(System.CommandLine.Parsing.ArgumentResult r)
    {
        var v = r.Tokens.Count == 0 ? "auto" : r.Tokens[^1].Value;
        if (v.Equals("auto", StringComparison.OrdinalIgnoreCase)) return null;
        if (OneProxy.Adaptation.ProxyAdapter.TryParseMethod(v, out var m)) return m;
        r.AddError($"unknown method '{v}' (expected auto or one of {string.Join(", ", OneProxy.Adaptation.ProxyAdapter.MethodNames)})");
        return null;
    }

    /// <summary>Parses comma-separated integers; a bad entry is reported as a parse error.</summary>
    public static int[] IntList(System.CommandLine.Parsing.ArgumentResult r)
    {
        var result = new List<int>();
        foreach (var v in CommaList(r))
        {
            if (int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i)) result.Add(i);
            else r.AddError($"'{v}' is not an integer");
        }
        return [.. result];
    }

    /// <summary>The proxy device: a column of the latency table, whose characterised predictor is used.</summary>
    public static Option<string> ProxyColumn() => new("--proxy")
    {
        Description = "Proxy device column (its least-squares predictor is used)",
        DefaultValueFactory = _ => "pixel3",
    };

    /// <summary>Target device columns: <c>--devices</c> with <c>--targets</c> as an alias.</summary>
    public static Option<string[]> Targets(string description)
    {
        var targets = Devices();
        targets.Description = description;
        targets.Aliases.Add("--targets");
        return targets;
    }

    /// <summary>Library device columns (or files), comma-separated; each command says what the default is.</summary>
    public static Option<string[]?> Library(string description) => new("--library")
    {
        Description = description,
        CustomParser = CommaList,
    };

    /// <summary>FLOPs and parameter count as free pseudo-devices of the latency table (adaptation library, or proxy).</summary>
    public static Option<bool> WithFlops() => new("--with-flops")
    {
        Description = "Add FLOPs and parameter count as pseudo-devices 'flops' and 'params' (free to 'measure'): usable as --proxy or in the library",
    };

    public static Option<double> Threshold() => new("--threshold", "-t")
    {
        Description = "SRCC at or above which two devices count as monotone",
        DefaultValueFactory = _ => 0.9,
    };

    public static Option<int> Seed() => new("--seed")
    {
        Description = "Random seed (runs with the same seed give the same result)",
        DefaultValueFactory = _ => 0,
    };

    public static Option<string> Format(string defaultFormat = "table") => new Option<string>("--format", "-f")
    {
        Description = $"Output format: table, csv or json (default: {defaultFormat})",
        DefaultValueFactory = _ => defaultFormat,
    }.AcceptOnlyFromAmong("table", "csv", "json");

    public static Option<string?> Output() => new("--output", "-o")
    {
        Description = "Write the result to this file instead of standard output",
    };

    public static Option<string?> Accuracy() => new("--accuracy")
    {
        Description = "CSV with arch (and/or index) and accuracy columns. Default: $ONEPROXY_DATA/<space>/architectures.csv",
    };

    public static Option<string> AccuracyColumn() => new("--accuracy-column")
    {
        Description = "Accuracy column to optimise",
        DefaultValueFactory = _ => "cifar10_test_acc",
    };

    /// <summary>
    /// Streams to --output (UTF-8, no BOM) or standard output; the file is created only once the
    /// result is known to start (a failure before the first write leaves no file).
    /// </summary>
    public static T Stream<T>(ParseResult parse, Option<string?> output, Func<TextWriter, T> write)
    {
        var path = parse.GetValue(output);
        if (path is null) return write(parse.InvocationConfiguration.Output);
        T result;
        using (var file = new LazyFileWriter(path))
        {
            result = write(file);
            file.Complete();
        }
        parse.InvocationConfiguration.Error.WriteLine($"wrote {path}");
        return result;
    }

    /// <summary>Writes to --output if given, else to standard output.</summary>
    public static void Emit(ParseResult parse, Option<string?> output, string text)
    {
        var path = parse.GetValue(output);
        if (path is null) parse.InvocationConfiguration.Output.Write(text);
        else
        {
            File.WriteAllText(path, text);
            parse.InvocationConfiguration.Error.WriteLine($"wrote {path}");
        }
    }
}
