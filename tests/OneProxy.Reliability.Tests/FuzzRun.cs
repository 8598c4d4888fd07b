using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;

namespace OneProxy.Reliability.Tests;

/// <summary>
/// One fuzz run: FsCheck draws <see cref="Inputs"/> inputs from a generator (seeded, so a failure
/// replays), the body classifies each as accepted or refused with a <see cref="OneProxyException"/>;
/// any other exception fails the property and FsCheck reports the input that caused it.
/// </summary>
internal sealed class FuzzRun<T>(string name, ITestOutputHelper output)
{
    public int Accepted { get; private set; }
    public int Refused { get; private set; }

    public void Check(Gen<T> inputs, int count, Action<T> body, int seed = 17)
    {
        var property = Prop.ForAll(inputs.ToArbitrary(), (T input) =>
        {
            try
            {
                body(input);
                Accepted++;
            }
            catch (OneProxyException)
            {
                Refused++;
            }
            return true; // any other exception propagates: FsCheck reports it with the input
        });
        // A fixed replay seed: the same inputs every run (gamma must be odd for FsCheck's SplitMix generator).
        var replay = new Replay(new Rnd((ulong)seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None);
        var config = Config.QuickThrowOnFailure.WithMaxTest(count).WithQuietOnSuccess(true).WithReplay(FSharpOption<Replay>.Some(replay));
        FsCheck.Check.One(config, property);
        output.WriteLine($"{name}: {Accepted + Refused} generated inputs, {Accepted} returned normally, {Refused} raised a user error (OneProxyException), 0 unhandled");
        Assert.Equal(count, Accepted + Refused);
    }
}
