using OneProxy.Energy.LearnToOptimize;
using OneProxy.SearchSpaces;

namespace OneProxy.Application.L2o;

/// <summary>
/// Options of <c>oneproxy l2o train</c>. Measured devices: the training devices are the table's
/// columns minus the held-out ones (<see cref="Holdout"/>, or fold <see cref="Fold"/> of
/// <see cref="Folds"/> of a seeded shuffle). Accelerators: <see cref="TrainConfigs"/> configurations
/// of the design grid in a seeded shuffle.
/// </summary>
public sealed record L2oTrainOptions(L2oDeviceSet Set, string Space, string LatencyPath, string AccuracyPath, string AccuracyColumn,
    IReadOnlyList<string> Holdout, int Folds, int Fold, int References, int TrainConfigs, int Seed, string Output, L2oTrainingOptions Training)
{
    public L2oTrainOptions Validated()
    {
        Training.Validated();
        if (Set == L2oDeviceSet.Measured && Holdout.Count == 0 && (Folds < 2 || Fold < 0 || Fold >= Folds))
            throw new InvalidOptionException("fold", $"give --holdout, or --folds >= 2 with --fold in 0..folds-1 (got fold {Fold} of {Folds})");
        if (Set == L2oDeviceSet.Accelerators && TrainConfigs < 2) throw new InvalidOptionException("train-configs", $"must be >= 2 (got {TrainConfigs})");
        if (string.IsNullOrWhiteSpace(Output)) throw new InvalidOptionException("output", "give a model file path");
        return this;
    }
}

public sealed record L2oTrainResult(L2oModel Model, IReadOnlyList<string> HeldOut, double Seconds);

/// <summary>Builds the training devices and runs Algorithm 2; writes the model file.</summary>
public static class L2oTrainUseCase
{
    /// <param name="progress">Rounds of Algorithm 2 done (each round: measure, refit, retrain the optimizer).</param>
    public static L2oTrainResult Run(L2oTrainOptions options, CancellationToken ct = default, IProgress<WorkProgress>? progress = null)
    {
        var o = options.Validated();
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var seeds = new SeedStream(o.Seed);
        var problem = o.Set == L2oDeviceSet.Measured
            ? L2oProblem.Measured(o.Space, o.LatencyPath, o.AccuracyPath, o.AccuracyColumn, o.References, null, seeds.Random("l2o/references"))
            : L2oProblem.Accelerators(o.Space, o.AccuracyPath, o.AccuracyColumn);
        var (train, heldOut) = Split(problem, o);
        var result = L2oTrainer.Train(problem.Pool, i => problem.Accuracy[i], train.Select(problem.Training).ToArray(), problem.Metrics, o.Training, seeds, ct,
            WorkProgress.Of(progress, o.Training.Iterations));
        var model = new L2oModel(problem.Space, o.Set, problem.Metrics, problem.DeviceFeatureNames, problem.References.Select(i => problem.Space.Format(new Architecture(problem.Pool.Genes[i]))).ToArray(),
            train.Select(problem.Device).ToArray(), result.SyntheticDevices, o.Training.Optimizer.Method, o.Training.Optimizer.Relaxation, o.Training.Optimizer.Temperature,
            o.Seed, result.MeasurementsPerDevice, result.Models, result.Optimizer, result.Rounds);
        L2oModelFile.Save(o.Output, model);
        return new L2oTrainResult(model, heldOut, sw.Elapsed.TotalSeconds);
    }

    /// <summary>Training and held-out device names. The fold split depends only on the seed, so the folds of one seed partition the devices.</summary>
    public static (string[] Train, string[] HeldOut) Split(L2oProblem problem, L2oTrainOptions o)
    {
        var names = problem.DeviceNames.Order(StringComparer.Ordinal).ToArray();
        var rng = new SeedStream(o.Seed).Random("l2o/devices");
        var shuffled = names.OrderBy(_ => rng.Next()).ToArray();
        string[] train, held;
        if (o.Set == L2oDeviceSet.Accelerators)
        {
            if (o.TrainConfigs >= shuffled.Length) throw new InvalidOptionException("train-configs", $"the grid has {shuffled.Length} usable configurations; leave some for testing");
            train = shuffled.Take(o.TrainConfigs).ToArray();
            held = shuffled.Skip(o.TrainConfigs).ToArray();
        }
        else if (o.Holdout.Count > 0)
        {
            foreach (var h in o.Holdout) problem.Device(h);
            held = [.. o.Holdout];
            train = names.Except(held).ToArray();
        }
        else
        {
            held = shuffled.Where((_, i) => i % o.Folds == o.Fold).ToArray();
            train = names.Except(held).ToArray();
        }
        if (train.Length < 2) throw new InvalidOptionException("holdout", $"only {train.Length} training device(s) left");
        return (train, held);
    }
}
