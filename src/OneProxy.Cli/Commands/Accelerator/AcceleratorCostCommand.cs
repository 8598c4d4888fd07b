using System.CommandLine;
using OneProxy.Accelerators;
using OneProxy.Accelerators.Files;
using OneProxy.Accelerators.UseCases;

namespace OneProxy.Cli.Commands.Accelerator;

/// <summary><c>oneproxy accelerator cost</c>: one network on one accelerator.</summary>
public static class AcceleratorCostCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "MAESTRO model (or mapping) file: Network ... { Layer ... { Type; Stride; Dimensions } }" };
        var set = new Option<string?>("--set") { Description = "Instead of --model: a co-design model set, nasbench301 or alphanet" };
        var index = new Option<int?>("--index") { Description = "Row of --set (0-based)" };
        var hwFile = new Option<string?>("--hw") { Description = "MAESTRO hardware file (num_pes, noc_bw_cstr, offchip_bw_cstr, ...)" };
        var dataflow = new Option<string>("--dataflow") { Description = "KC-P, YR-P or X-P", DefaultValueFactory = _ => "KC-P" };
        var pes = new Option<int>("--pes") { Description = "Number of PEs (without --hw)", DefaultValueFactory = _ => 256 };
        var noc = new Option<int>("--noc-bw") { Description = "NoC bandwidth, elements/cycle (without --hw)", DefaultValueFactory = _ => 1000 };
        var off = new Option<int>("--offchip-bw") { Description = "Off-chip bandwidth, elements/cycle (without --hw)", DefaultValueFactory = _ => 50 };
        var perLayer = new Option<bool>("--per-layer") { Description = "One row per layer before the total" };
        var emit = new Option<string?>("--emit-model") { Description = "Also write the network as a MAESTRO model file (to run MAESTRO on the same layers)" };
        var format = CommonOptions.Format();
        var output = CommonOptions.Output();
        var cmd = new Command("cost", "Cycles and energy (nJ) of a network on an accelerator.\n" +
            "Example: oneproxy accelerator cost --model Resnet50_model.m --dataflow KC-P --pes 256 --noc-bw 1000 --offchip-bw 50")
        { model, set, index, hwFile, dataflow, pes, noc, off, perLayer, emit, format, output };
        cmd.SetAction(CommandRunner.Guarded(parse =>
        {
            if (!DataflowNames.TryParse(parse.GetValue(dataflow)!, out var df))
                throw new UnusableDataException($"--dataflow: unknown dataflow '{parse.GetValue(dataflow)}' (expected KC-P, YR-P or X-P)");
            var hwPath = parse.GetValue(hwFile);
            var hw = hwPath != null ? MaestroHardwareFile.Load(hwPath, df)
                : Flag(() => AcceleratorConfig.Create(df, parse.GetValue(pes), parse.GetValue(noc), parse.GetValue(off)));
            var result = CostUseCase.Run(new CostOptions(parse.GetValue(model), parse.GetValue(set), parse.GetValue(index), hw, parse.GetValue(perLayer), parse.GetValue(emit)));
            CommonOptions.Emit(parse, output, result.Format(parse.GetValue(format)!));
            return 0;
        }));
        return cmd;
    }

    /// <summary>Names the flags in hardware errors (the record only knows field names).</summary>
    private static AcceleratorConfig Flag(Func<AcceleratorConfig> make)
    {
        try { return make(); }
        catch (UnusableDataException e) { throw new UnusableDataException($"--pes/--noc-bw/--offchip-bw: {e.Message}"); }
    }
}
