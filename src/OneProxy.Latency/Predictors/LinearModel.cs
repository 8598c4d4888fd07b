namespace OneProxy.Predictors;

/// <summary>y = intercept + coefficients . x, as fitted by <see cref="PenalizedRegression"/>.</summary>
public sealed record LinearModel(double[] Coefficients, double Intercept, double Lambda)
{
    public double Predict(double[,] x, int row)
    {
        double s = Intercept;
        for (int j = 0; j < Coefficients.Length; j++) s += Coefficients[j] * x[row, j];
        return s;
    }
}
