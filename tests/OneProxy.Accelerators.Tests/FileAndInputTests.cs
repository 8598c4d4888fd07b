using OneProxy.Accelerators.Files;
using OneProxy.Cli.Commands;

namespace OneProxy.Accelerators.Tests;

public class FileAndInputTests
{
    private const string Model = """
        Network Tiny {
        	Layer CONV1 {
        		Type: CONV
        		Stride { X: 2, Y: 2 }
        		Dimensions { K: 32, C: 3, R: 3, S: 3, Y: 225, X: 225 }
        	}
        	// a comment
        	Layer DW {
        		Type: DSCONV
        		Dimensions { K 1,C 32,R 3,S 3,Y 114,X 114 }
        	}
        }
        """;

    [Fact]
    public void ParsesModelFilesWithOrWithoutColons()
    {
        var net = MaestroModelFile.Parse(Model, "tiny.m");
        Assert.Equal("Tiny", net.Name);
        Assert.Equal(["CONV1", "DW"], net.LayerNames);
        Assert.Equal(new Layer(LayerKind.Conv, 32, 3, 3, 3, 225, 225, 2, 2), net.Layers[0]);
        Assert.Equal(LayerKind.DepthwiseConv, net.Layers[1].Kind);
        var back = MaestroModelFile.Parse(MaestroModelWriter.Write("Tiny", net.Layers));
        Assert.Equal(net.Layers, back.Layers);
    }

    [Theory]
    [InlineData("Network N {\n Layer A {\n Type: CONV\n Dimensions { K: 4, C: 4, R: 3, S: 3, Y: 8 }\n }\n}", 4, "lacks dimension X")]
    [InlineData("Network N {\n Layer A {\n Type: POOL\n Dimensions { K: 4, C: 4, R: 3, S: 3, Y: 8, X: 8 }\n }\n}", 3, "layer type 'POOL' is not supported")]
    [InlineData("Network N {\n Layer A {\n Type: CONV\n Dimensions { K: 4, C: four, R: 3, S: 3, Y: 8, X: 8 }\n }\n}", 4, "expected an integer dimension for C")]
    [InlineData("Network N {\n Layer A {\n Type: CONV\n Dimensions { K: 4, C: 4, R: 3, S: 3, Y: 8, X: 8 }\n", 5, "unexpected end of file")]
    [InlineData("Network N {\n Layer A {\n Type: CONV\n Dimensions { K: 4, C: 4, R: 3, S: 3, Y: 0, X: 8 }\n }\n}", 4, "must be positive")]
    [InlineData("Netwrk N {\n}", 1, "expected 'Network'")]
    public void MalformedModelFilesNameFileAndLine(string text, int line, string expected)
    {
        var e = Assert.Throws<MaestroFormatException>(() => MaestroModelFile.Parse(text, "bad.m"));
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"bad.m:{line}:", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void HardwareFiles()
    {
        var hw = MaestroHardwareFile.Parse("num_pes: 256\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50\n", Dataflow.YrP);
        Assert.Equal(new AcceleratorConfig(Dataflow.YrP, 256, 1000, 50, 100, 3000), hw);
        var e = Assert.Throws<MaestroFormatException>(() => MaestroHardwareFile.Parse("num_pes: 256\nnoc_bw_cstr: -5\noffchip_bw_cstr: 50\n", Dataflow.XP, "h.m"));
        Assert.StartsWith("h.m:2:", e.Message);
        Assert.Contains("must be positive", e.Message);
        e = Assert.Throws<MaestroFormatException>(() => MaestroHardwareFile.Parse("num_pes 256\n", Dataflow.XP, "h.m"));
        Assert.Contains("expected 'key: value'", e.Message);
        e = Assert.Throws<MaestroFormatException>(() => MaestroHardwareFile.Parse("num_pe: 256\n", Dataflow.XP, "h.m"));
        Assert.Contains("unknown key 'num_pe'", e.Message);
    }

    [Fact]
    public void ImpossibleHardwareIsAClearError()
    {
        var e = Assert.Throws<OneProxy.UnusableDataException>(() => AcceleratorConfig.Create(Dataflow.KcP, 0, 100, 50));
        Assert.Contains("number of PEs must be positive, got 0", e.Message);
        e = Assert.Throws<OneProxy.UnusableDataException>(() => AcceleratorConfig.Create(Dataflow.KcP, 64, 100, -3));
        Assert.Contains("off-chip bandwidth must be positive, got -3", e.Message);
    }

    [Theory]
    [InlineData("--pes", "0", "--pes/--noc-bw/--offchip-bw: number of PEs must be positive, got 0")]
    [InlineData("--offchip-bw", "-1", "off-chip bandwidth must be positive, got -1")]
    [InlineData("--dataflow", "WS", "--dataflow: unknown dataflow 'WS'")]
    public void CliRejectsImpossibleHardwareWithExitCode2(string flag, string value, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"oneproxy-acc-{Guid.NewGuid():N}.m");
        File.WriteAllText(path, Model);
        try
        {
            var err = new StringWriter();
            int rc = CommandRunner.Invoke(CommandTree.Build(), ["accelerator", "cost", "--model", path, flag, value], new StringWriter(), err);
            Assert.Equal(2, rc);
            Assert.Contains(expected, err.ToString());
            Assert.DoesNotContain("   at ", err.ToString());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void CliReportsMalformedModelFileWithLineAndCsvColumns()
    {
        var path = Path.Combine(Path.GetTempPath(), $"oneproxy-acc-{Guid.NewGuid():N}.m");
        File.WriteAllText(path, Model.Replace("R: 3, S: 3, Y: 225", "R: 3, S: 3, Y: abc"));
        try
        {
            var err = new StringWriter();
            Assert.Equal(2, CommandRunner.Invoke(CommandTree.Build(), ["accelerator", "cost", "--model", path], new StringWriter(), err));
            Assert.Contains($"{path}:5:", err.ToString());
            File.WriteAllText(path, Model);
            var o = new StringWriter();
            Assert.Equal(0, CommandRunner.Invoke(CommandTree.Build(), ["accelerator", "cost", "--model", path, "--format", "csv", "--per-layer"], o, new StringWriter()));
            var lines = o.ToString().Trim().Split('\n');
            Assert.Equal("network,layer,dataflow,pes,noc_bw,offchip_bw,cycles,energy_nj", lines[0]);
            Assert.Equal(4, lines.Length);
            Assert.StartsWith("Tiny,total,KC-P,256,1000,50,", lines[3]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void KcpOnTooFewPesIsRejectedAtTheCli()
    {
        var path = Path.Combine(Path.GetTempPath(), $"oneproxy-acc-{Guid.NewGuid():N}.m");
        File.WriteAllText(path, Model);
        try
        {
            var err = new StringWriter();
            Assert.Equal(2, CommandRunner.Invoke(CommandTree.Build(), ["accelerator", "cost", "--model", path, "--pes", "32"], new StringWriter(), err));
            Assert.Contains("need 64 PEs but the accelerator has 32", err.ToString());
        }
        finally { File.Delete(path); }
    }
}
