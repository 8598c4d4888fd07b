using System.Text;

namespace OneProxy;

/// <summary>
/// One experiment seed from which every component derives its own independent stream by name
/// (<c>Derive("transfer/pool")</c>). Derivation is a SplitMix64 mix of the parent state and a
/// stable FNV-1a hash of the name, so streams do not depend on call order, two components never
/// share a stream by accident, and a seed reproduces across runs and machines.
/// </summary>
public sealed class SeedStream
{
    private readonly ulong _state;

    public SeedStream(int seed) : this(Mix((ulong)(uint)seed ^ 0x9E3779B97F4A7C15UL)) { }

    private SeedStream(ulong state) => _state = state;

    /// <summary>The user's seed this stream came from is not recoverable; this is its mixed state.</summary>
    public ulong State => _state;

    /// <summary>A child stream for a named component; the same name always gives the same child.</summary>
    public SeedStream Derive(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new SeedStream(Mix(_state ^ Fnv1a(name)));
    }

    /// <summary>A child stream for the i-th repetition of a named component.</summary>
    public SeedStream Derive(string name, int index) => Derive(name).DeriveIndex(index);

    /// <summary>A 31-bit seed for APIs that take an <see cref="int"/>.</summary>
    public int Int32Seed => (int)(_state >> 33);

    /// <summary>A fresh <see cref="System.Random"/> on this stream (same stream, same sequence).</summary>
    public Random NewRandom() => new(Int32Seed);

    /// <summary>Shorthand for <c>Derive(name).NewRandom()</c>.</summary>
    public Random Random(string name) => Derive(name).NewRandom();

    private SeedStream DeriveIndex(int index) => new(Mix(_state + 0xD1B54A32D192ED03UL * (ulong)(uint)(index + 1)));

    private static ulong Fnv1a(string s)
    {
        ulong h = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(s)) { h ^= b; h *= 0x100000001B3UL; }
        return h;
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
