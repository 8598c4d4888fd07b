using System.Globalization;

namespace OneProxy.Accelerators.Files;

/// <summary>
/// Reads MAESTRO model files (<c>Network N { Layer L { Type: CONV; Stride { X: 2, Y: 2 }
/// Dimensions { K: .., C: .., R: .., S: .., Y: .., X: .. } } }</c>) and mapping files, whose
/// per-layer <c>Dataflow { ... }</c> blocks are skipped: the dataflow is chosen separately.
/// Supported layer types: CONV and DSCONV (MAESTRO's CNN layers); others are reported with their line.
/// </summary>
public static class MaestroModelFile
{
    public static MaestroNetwork Load(string path) => Parse(File.ReadAllText(path), path);

    public static MaestroNetwork Parse(string text, string fileName = "<model>")
    {
        var toks = MaestroTokenizer.Tokenize(text, ",:;");
        int p = 0;
        MaestroTokenizer.Token Next(string expected)
        {
            if (p >= toks.Count)
            {
                throw new MaestroFormatException(fileName, text.Split('\n').Length, 1, $"unexpected end of file, expected {expected}");
            }
            return toks[p++];
        }
        void Expect(string what)
        {
            var t = Next($"'{what}'");
            if (t.Text != what) throw new MaestroFormatException(fileName, t.Line, t.Column, $"expected '{what}', found '{t.Text}'");
        }

        // Optional Constant declarations are not used by the bundled networks; reject them clearly.
        var head = Next("'Network'");
        if (head.Text != "Network") throw new MaestroFormatException(fileName, head.Line, head.Column, $"expected 'Network', found '{head.Text}'");
        var name = Next("a network name");
        Expect("{");
        var names = new List<string>();
        var layers = new List<Layer>();
        while (true)
        {
            var t = Next("'Layer' or '}'");
            if (t.Text == "}") break;
            if (t.Text != "Layer") throw new MaestroFormatException(fileName, t.Line, t.Column, $"expected 'Layer' or '}}', found '{t.Text}'");
            var lname = Next("a layer name");
            Expect("{");
            string? type = null;
            int typeLine = lname.Line, typeCol = lname.Column;
            var stride = new Dictionary<string, int>();
            var dims = new Dictionary<string, int>();
            var dimTok = lname;
            while (true)
            {
                var b = Next("'Type', 'Stride', 'Dimensions', 'Dataflow' or '}'");
                if (b.Text == "}") break;
                switch (b.Text)
                {
                    case "Type":
                        var ty = Next("a layer type");
                        type = ty.Text; typeLine = ty.Line; typeCol = ty.Column;
                        break;
                    case "Stride":
                        if (dims.Count > 0) throw new MaestroFormatException(fileName, b.Line, b.Column, "Stride must come before Dimensions");
                        ReadPairs(stride, "stride", positiveOnly: true);
                        break;
                    case "Dimensions":
                        dimTok = b;
                        ReadPairs(dims, "dimension", positiveOnly: true);
                        break;
                    case "Dataflow":
                        Expect("{");
                        int depth = 1;
                        while (depth > 0)
                        {
                            var d = Next("'}' closing Dataflow");
                            if (d.Text == "{") depth++;
                            else if (d.Text == "}") depth--;
                        }
                        break;
                    default:
                        throw new MaestroFormatException(fileName, b.Line, b.Column, $"expected 'Type', 'Stride', 'Dimensions', 'Dataflow' or '}}', found '{b.Text}'");
                }
            }
            if (type == null) throw new MaestroFormatException(fileName, lname.Line, lname.Column, $"layer '{lname.Text}' has no Type");
            LayerKind kind = type switch
            {
                "CONV" => LayerKind.Conv,
                "DSCONV" => LayerKind.DepthwiseConv,
                _ => throw new MaestroFormatException(fileName, typeLine, typeCol, $"layer type '{type}' is not supported (expected CONV or DSCONV)"),
            };
            foreach (var need in new[] { "K", "C", "R", "S", "Y", "X" })
                if (!dims.ContainsKey(need))
                    throw new MaestroFormatException(fileName, dimTok.Line, dimTok.Column, $"layer '{lname.Text}' lacks dimension {need} (expected K, C, R, S, Y, X)");
            var layer = new Layer(kind, dims["K"], dims["C"], dims["R"], dims["S"], dims["Y"], dims["X"],
                stride.GetValueOrDefault("Y", 1), stride.GetValueOrDefault("X", 1));
            try { layer.Validate(); }
            catch (ArgumentException e) { throw new MaestroFormatException(fileName, dimTok.Line, dimTok.Column, $"layer '{lname.Text}': {e.Message}"); }
            names.Add(lname.Text);
            layers.Add(layer);
        }
        if (p < toks.Count) throw new MaestroFormatException(fileName, toks[p].Line, toks[p].Column, $"unexpected '{toks[p].Text}' after the network");
        if (layers.Count == 0) throw new MaestroFormatException(fileName, name.Line, name.Column, "network has no layers");
        return new MaestroNetwork(name.Text, names, layers);

        void ReadPairs(Dictionary<string, int> into, string what, bool positiveOnly)
        {
            Expect("{");
            while (true)
            {
                var k = Next($"a {what} name or '}}'");
                if (k.Text == "}") return;
                var v = Next($"a value for {k.Text}");
                if (!int.TryParse(v.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
                    throw new MaestroFormatException(fileName, v.Line, v.Column, $"expected an integer {what} for {k.Text}, found '{v.Text}'");
                if (positiveOnly && n <= 0)
                    throw new MaestroFormatException(fileName, v.Line, v.Column, $"{what} {k.Text} must be positive, found {n}");
                into[k.Text] = n;
            }
        }
    }
}
