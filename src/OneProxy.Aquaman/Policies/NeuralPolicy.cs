using OneProxy.Aquaman.Environments;

namespace OneProxy.Aquaman.Policies;

/// <summary>
/// A neural bandit over an environment's (device, model) contexts. With <c>inOrder = false</c> it is Aquaman
/// (thesis Alg. 3): every feedback is learnt from the round it arrives, whatever its order. With <c>inOrder = true</c> it
/// is NeuralUCB that ignores the delay structure: feedback is consumed strictly in decision order, as a sequential
/// "decide, wait for the reward, update" implementation does, so one slow feedback holds back all later ones; a
/// feedback not arrived within <c>maxDelay</c> rounds counts as missing and is skipped.
/// </summary>
public sealed class NeuralPolicy : ISimulationPolicy
{
    private readonly double[][][] _contexts;
    private readonly bool _inOrder;
    private readonly int _maxDelay;
    private readonly SortedDictionary<int, (int Device, int Arm, double Qoe)> _waiting = new();
    private int _nextInOrder;

    public NeuralPolicy(string name, QoeEnvironment env, NeuralBanditOptions options, ulong seed, bool inOrder = false, int maxDelay = 0)
    {
        Name = name;
        Core = new NeuralBanditCore(env.ContextSize, options, seed);
        _contexts = env.Contexts;
        _inOrder = inOrder;
        _maxDelay = maxDelay;
        if (inOrder && maxDelay < 1) throw new ArgumentException($"in-order feedback needs the maximum delay, got {maxDelay}");
    }

    public string Name { get; }
    public NeuralBanditCore Core { get; }
    public IReadOnlyList<double> TrainingLosses => Core.TrainingLosses;

    public void Feedback(int round, int decisionRound, int device, int arm, double qoe)
    {
        if (!_inOrder) { Core.AddFeedback(_contexts[device][arm], qoe); return; }
        _waiting[decisionRound] = (device, arm, qoe);
    }

    public ArmChoice Choose(int round, int device, int[] feasible)
    {
        if (_inOrder) Release(round);
        return Core.Choose(_contexts[device], feasible);
    }

    /// <summary>Consumes the waiting feedback in decision order up to the first one still due.</summary>
    private void Release(int round)
    {
        while (_nextInOrder < round)
        {
            if (_waiting.Remove(_nextInOrder, out var f)) Core.AddFeedback(_contexts[f.Device][f.Arm], f.Qoe);
            else if (_nextInOrder + _maxDelay >= round) break; // may still arrive
            _nextInOrder++;
        }
    }
}
