using Selene.Ode.Problems;
using Selene.Ode.Problems.BuiltIn;

namespace Selene.Ode.Tests;

/// <summary>Small systems with known solutions or published references.</summary>
internal static class TestSystems
{
    /// <summary>y₁′ = y₂, y₂′ = −y₁: y = (cos t, −sin t) from (1, 0).</summary>
    public static IOdeSystem Oscillator { get; } = new DelegateSystem(2, (t, y, dy) =>
    {
        dy[0] = y[1];
        dy[1] = -y[0];
    });

    // The test problems with published references are the library's built-in ones, not copies.
    public static IOdeSystem LotkaVolterra => BuiltInProblems.Get("lotka-volterra").Problem.System;

    public static double[] LotkaVolterraAt10 => BuiltInProblems.Get("lotka-volterra").Reference;

    public static IOdeSystem Arenstorf => BuiltInProblems.Get("arenstorf").Problem.System;

    public static double ArenstorfPeriod => BuiltInProblems.Get("arenstorf").Problem.T1;

    public static double[] ArenstorfStart => BuiltInProblems.Get("arenstorf").Problem.Y0;

    public static IOdeSystem Rober => BuiltInProblems.Get("rober").Problem.System;
}
