using OneProxy;
using OneProxy.Aquaman.Environments;

namespace OneProxy.Aquaman.Tests;

public class MeasuredEnvironmentTests
{
    private const string Header = "device,peak_tflops,cores,memory_gb,memory_bw_gbs,batch,model,mmacs,mparams,size_mb,nodes,layers,top1,latency_ms,energy_j";

    private static string Write(params string[] rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"aquaman-measured-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, [Header, .. rows]);
        return path;
    }

    [Fact]
    public void Loads_settings_and_models_and_applies_the_utility_and_qos_filter()
    {
        var path = Write(
            "gpu-b1,67,132,80,3350,1,small,300,3.5,14,155,53,72,4,0.6",
            "gpu-b1,67,132,80,3350,1,big,15000,138,550,40,16,71.6,1500,8",
            "cpu-1t,0.07,1,23,10,1,small,300,3.5,14,155,53,72,40,",
            "cpu-1t,0.07,1,23,10,1,big,15000,138,550,40,16,71.6,900,");
        try
        {
            var env = MeasuredEnvironment.Load(path);
            Assert.Equal(["small", "big"], env.Models.Select(m => m.Name));
            Assert.Equal(2, env.Devices.Count);
            Assert.Equal(MeasuredEnvironment.Utility(72, 4, 0.6), env.Devices[0].ExpectedQoe[0], 12);
            Assert.Equal([true, false], env.Devices[0].Feasible); // 1.5 s misses the 1 s QoS bound
            // CPU rows have no energy reading: 2 W per busy core for the latency
            Assert.Equal(MeasuredEnvironment.Utility(72, 40, 0.040 * 2 * 1), env.Devices[1].ExpectedQoe[0], 12);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_bad_number_names_file_line_and_column()
    {
        var path = Write("gpu-b1,67,132,80,3350,1,small,300,3.5,14,155,53,72,fast,0.6", "gpu-b1,67,132,80,3350,1,big,1,1,1,1,1,70,5,0.6");
        try
        {
            var e = Assert.Throws<UnusableDataException>(() => MeasuredEnvironment.Load(path));
            Assert.Contains(":2:14: column 'latency_ms' is 'fast'", e.Message);
        }
        finally { File.Delete(path); }
    }
}
