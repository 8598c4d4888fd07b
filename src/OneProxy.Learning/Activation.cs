namespace OneProxy.Learning;

/// <summary>Element-wise activation applied to a layer's outputs.</summary>
public enum Activation
{
    /// <summary>f(z) = z.</summary>
    Identity,

    /// <summary>f(z) = max(z, 0); its derivative at exactly 0 is taken as 0.</summary>
    Relu,
}
