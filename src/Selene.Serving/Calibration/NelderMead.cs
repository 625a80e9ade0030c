namespace Selene.Serving.Calibration;

/// <summary>The Nelder–Mead simplex search (standard coefficients 1, 2, ½, ½) for a few unconstrained parameters.</summary>
internal static class NelderMead
{
    public static double[] Minimise(Func<double[], double> f, double[] start, double step, int iterations)
    {
        var n = start.Length;
        var points = new double[n + 1][];
        var values = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            points[i] = (double[])start.Clone();
            if (i > 0)
            {
                points[i][i - 1] += step;
            }

            values[i] = f(points[i]);
        }

        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(i => values[i]).ToArray();
            points = order.Select(i => points[i]).ToArray();
            values = order.Select(i => values[i]).ToArray();
            var centroid = new double[n];
            for (var i = 0; i < n; i++)
            {
                for (var d = 0; d < n; d++)
                {
                    centroid[d] += points[i][d] / n;
                }
            }

            double[] Along(double t) => centroid.Select((c, d) => c + (t * (points[n][d] - c))).ToArray();
            var reflected = Along(-1);
            var fr = f(reflected);
            if (fr < values[0])
            {
                var expanded = Along(-2);
                var fe = f(expanded);
                (points[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[n - 1])
            {
                (points[n], values[n]) = (reflected, fr);
            }
            else
            {
                var contracted = fr < values[n] ? Along(-0.5) : Along(0.5);
                var fc = f(contracted);
                if (fc < Math.Min(fr, values[n]))
                {
                    (points[n], values[n]) = (contracted, fc);
                }
                else
                {
                    for (var i = 1; i <= n; i++)
                    {
                        points[i] = points[i].Select((x, d) => points[0][d] + ((x - points[0][d]) / 2)).ToArray();
                        values[i] = f(points[i]);
                    }
                }
            }
        }

        var best = Enumerable.Range(0, n + 1).MinBy(i => values[i]);
        return points[best];
    }
}
