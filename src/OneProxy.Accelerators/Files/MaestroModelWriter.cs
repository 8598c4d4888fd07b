using System.Text;

namespace OneProxy.Accelerators.Files;

/// <summary>Writes a layer list as a MAESTRO model file (readable by MAESTRO and by <see cref="MaestroModelFile"/>).</summary>
public static class MaestroModelWriter
{
    public static string Write(string network, IReadOnlyList<Layer> layers)
    {
        var sb = new StringBuilder();
        sb.Append("Network ").Append(network).AppendLine(" {");
        for (int i = 0; i < layers.Count; i++)
        {
            var l = layers[i];
            sb.Append("\tLayer L").Append(i).AppendLine(" {");
            sb.Append("\t\tType: ").AppendLine(l.Kind == LayerKind.DepthwiseConv ? "DSCONV" : "CONV");
            sb.Append("\t\tStride { X: ").Append(l.StrideX).Append(", Y: ").Append(l.StrideY).AppendLine(" }");
            sb.Append("\t\tDimensions { K: ").Append(l.K).Append(", C: ").Append(l.C).Append(", R: ").Append(l.R).Append(", S: ").Append(l.S)
              .Append(", Y: ").Append(l.Y).Append(", X: ").Append(l.X).AppendLine(" }");
            sb.AppendLine("\t}");
        }
        sb.AppendLine("}");
        return sb.ToString();
    }
}
