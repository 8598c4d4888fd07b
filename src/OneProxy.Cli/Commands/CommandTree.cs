using System.CommandLine;

namespace OneProxy.Cli.Commands;

/// <summary>The whole <c>oneproxy</c> command tree, shared by the program and the tests.</summary>
public static class CommandTree
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "OneProxy: hardware-aware NAS with one proxy device. Measures latency monotonicity (SRCC) between " +
            "devices, picks a proxy, and adapts the proxy's latency predictor to new devices with few measurements.\n" +
            "Datasets are found through ONEPROXY_DATA (default ../shared/datasets).");
        root.Subcommands.Add(MonotonicityCommand.Create());
        root.Subcommands.Add(EstimateSrccCommand.Create());
        root.Subcommands.Add(SelectProxyCommand.Create());
        root.Subcommands.Add(FitPredictorCommand.Create());
        root.Subcommands.Add(AdaptCommand.Create());
        root.Subcommands.Add(FitAccuracyCommand.Create());
        root.Subcommands.Add(SearchCommand.Create());
        root.Subcommands.Add(TransferCommand.Create());
        root.Subcommands.Add(ConstrainCommand.Create());
        root.Subcommands.Add(DepthScaleCommand.Create());
        root.Subcommands.Add(SampleCommand.Create());
        root.Subcommands.Add(MeasureCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(Datasets.DatasetsCommand.Create());
        root.Subcommands.Add(FakeAgentCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(Accelerator.AcceleratorCommand.Create());
        root.Subcommands.Add(Accelerator.CodesignCommand.Create());
        root.Subcommands.Add(Aquaman.AquamanCommand.Create());
        root.Subcommands.Add(Service.ServeCommand.Create());
        root.Subcommands.Add(Service.AgentLoopCommand.Create());
        root.Subcommands.Add(Energy.EnergyCommand.Create());
        root.Subcommands.Add(L2o.L2oCommand.Create());
        return root;
    }
}
