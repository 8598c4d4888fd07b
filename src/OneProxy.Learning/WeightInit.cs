namespace OneProxy.Learning;

/// <summary>How <see cref="DenseNetwork.Initialize"/> draws the starting weights.</summary>
public enum WeightInit
{
    /// <summary>He (Kaiming) normal: every weight ~ N(0, 2 / fan_in), biases 0. The usual choice for ReLU nets.</summary>
    He,

    /// <summary>
    /// NeuralUCB's symmetric start (thesis Eq. 2.7 and L920-922): every layer but the last is block diagonal
    /// [[W, 0], [0, W]] with W ~ N(0, 4 / m) (m = the layer's output width), the last layer is [w, -w] with
    /// w ~ N(0, 2 / m), biases 0. When the input is a vector written twice, [x, x], both halves of every layer
    /// are equal and the output at the start is exactly 0. Needs even widths everywhere and one output.
    /// </summary>
    NeuralUcbSymmetric,
}
