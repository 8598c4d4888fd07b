namespace OneProxy.Service.Onboarding;

/// <summary>Named random sub-streams: the same (seed, name) always gives the same stream, independent of order and of other names.</summary>
public static class SeedStreams
{
    public static int Derive(int seed, string name)
    {
        unchecked
        {
            uint h = 2166136261;
            foreach (var b in BitConverter.GetBytes(seed)) h = (h ^ b) * 16777619;
            foreach (var ch in name) h = (h ^ ch) * 16777619;
            return (int)(h & 0x7fffffff);
        }
    }
}
