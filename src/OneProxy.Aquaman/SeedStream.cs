namespace OneProxy.Aquaman;

/// <summary>
/// Named random sub-streams: <c>Derive(seed, "delays")</c> gives a seed that depends on the run's seed and the
/// stream's name only (FNV-1a of the name mixed by SplitMix64's finaliser), so adding a stream never shifts another.
/// </summary>
public static class SeedStream
{
    public static int Derive(int seed, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ulong h = 14695981039346656037UL;
        foreach (char c in name) { h ^= c; h *= 1099511628211UL; }
        ulong z = h ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
        return (int)(SplitMix64.Mix(z) & 0x7FFFFFFF);
    }

    public static Random Random(int seed, string name) => new(Derive(seed, name));
}

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny generator whose whole state is one 64-bit number, so a hosted
/// policy can save it in its JSON state and continue the same stream after a restart (System.Random cannot be saved).
/// </summary>
public sealed class SplitMix64(ulong state)
{
    public ulong State { get; internal set; } = state;

    public ulong NextUInt64()
    {
        State += 0x9E3779B97F4A7C15UL;
        return Mix(State);
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on 0..n-1 (n >= 1), by rejection so every value is equally likely.</summary>
    public int NextInt(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), $"need n >= 1, got {n}");
        ulong limit = ulong.MaxValue - ulong.MaxValue % (ulong)n;
        for (int attempt = 0; attempt < 64; attempt++)
        {
            ulong x = NextUInt64();
            if (x < limit) return (int)(x % (ulong)n);
        }
        return (int)(NextUInt64() % (ulong)n); // rejection fails with probability < 2^-64 per try; never reached in practice
    }

    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
