namespace OneProxy.Aquaman.Environments;

/// <summary>
/// The thesis's protocol on collected data (L824, L875-879) with the SYNTHETIC user study: 4 device types arriving
/// uniformly at random, 5 arms (NASNet Large excluded as in the thesis), reward = mean of 8 of the 15 users' ratings
/// drawn without replacement each round, Oracle and Static from the 15-user means. No QoS filter (the thesis's
/// experiment removes only NL).
/// </summary>
public sealed class ThesisEnvironment : QoeEnvironment
{
    public const int RatingsPerReward = 8;
    private readonly SyntheticUserStudy _study;
    private readonly int[] _modelIndex; // arm -> column of the study
    private readonly ModelArm[] _models;
    private readonly DeviceProfile[] _devices;

    public ThesisEnvironment(bool includeNasnet = false)
    {
        _study = SyntheticUserStudy.Generate();
        _modelIndex = Enumerable.Range(0, 6).Where(m => includeNasnet || m != 5).ToArray();
        _models = _modelIndex.Select(m => new ModelArm(ThesisData.ModelNames[m], ThesisData.Models[m])).ToArray();
        _devices = Enumerable.Range(0, 4).Select(d => new DeviceProfile(ThesisData.DeviceNames[d], ThesisData.Devices[d],
            _modelIndex.Select(m => _study.Mean(d, m)).ToArray(), _modelIndex.Select(_ => true).ToArray())).ToArray();
        Validate();
    }

    public override string Name => "thesis";
    public override bool IsSynthetic => true;
    public override string Description =>
        $"thesis protocol: 4 devices x {_models.Length} models, SYNTHETIC 15-user study (attempt {_study.Attempt}), reward = mean of {RatingsPerReward} of 15 ratings";
    public override IReadOnlyList<FeatureSpec> DeviceFeatures => ThesisData.DeviceFeatures;
    public override IReadOnlyList<FeatureSpec> ModelFeatures => ThesisData.ModelFeatures;
    public override IReadOnlyList<ModelArm> Models => _models;
    public override IReadOnlyList<DeviceProfile> Devices => _devices;
    public SyntheticUserStudy Study => _study;

    public override double DrawQoe(int device, int model, Random rng)
    {
        // 8 of 15 without replacement: a partial Fisher–Yates shuffle of the user indices
        Span<int> users = stackalloc int[SyntheticUserStudy.Users];
        for (int u = 0; u < users.Length; u++) users[u] = u;
        double s = 0;
        for (int i = 0; i < RatingsPerReward; i++)
        {
            int j = i + rng.Next(users.Length - i);
            (users[i], users[j]) = (users[j], users[i]);
            s += _study.Ratings[device, _modelIndex[model], users[i]];
        }
        return s / RatingsPerReward;
    }
}
