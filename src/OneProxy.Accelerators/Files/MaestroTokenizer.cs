namespace OneProxy.Accelerators.Files;

/// <summary>Splits MAESTRO files into tokens with line/column; <c>//</c> comments run to the line end.</summary>
internal static class MaestroTokenizer
{
    public readonly record struct Token(string Text, int Line, int Column);

    public static List<Token> Tokenize(string text, string separators)
    {
        var tokens = new List<Token>();
        var lines = text.Split('\n');
        for (int li = 0; li < lines.Length; li++)
        {
            var line = lines[li];
            int cut = line.IndexOf("//", StringComparison.Ordinal);
            if (cut >= 0) line = line[..cut];
            int i = 0;
            while (i < line.Length)
            {
                char ch = line[i];
                if (char.IsWhiteSpace(ch) || separators.Contains(ch)) { i++; continue; }
                if (ch is '{' or '}') { tokens.Add(new Token(ch.ToString(), li + 1, i + 1)); i++; continue; }
                int start = i;
                while (i < line.Length && !char.IsWhiteSpace(line[i]) && !separators.Contains(line[i]) && line[i] is not '{' and not '}') i++;
                tokens.Add(new Token(line[start..i], li + 1, start + 1));
            }
        }
        return tokens;
    }
}
